//! The read path: listings, single objects and full-text search, as plain serialisable
//! data for the JSON API and the web pages.

use std::collections::HashSet;

use herald_model::{Article, Entity, Event, Fact};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{Error, Store};

/// The most rows one listing returns, whatever the caller asks.
pub const MAX_LIMIT: usize = 500;

/// An event as a listing shows it: enough for a front page, without claims or timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventCard {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Earliest and latest publication date of its articles (`YYYY-MM-DD`).
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Number of articles.
    pub articles: usize,
    /// Number of independent sources (outlets; near-duplicates not counted again).
    pub sources: usize,
    pub facts: Vec<Fact>,
    /// The most mentioned entities, most mentioned first.
    pub entities: Vec<EntityRef>,
}

/// A link to an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRef {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// An entity as a listing shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityCard {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub forms: Vec<String>,
    /// Number of events that mention it.
    pub events: usize,
    pub mentions: usize,
}

/// One entity with every spelling, why they were merged, and its events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityDetail {
    pub entity: Entity,
    pub events: Vec<EventCard>,
}

/// An article found by search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleHit {
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub event: Option<String>,
    /// A short passage around the match.
    pub snippet: String,
}

/// What `/api/search` answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    pub events: Vec<EventCard>,
    pub articles: Vec<ArticleHit>,
}

/// One page of a listing, with the number of matches in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub total: usize,
    pub offset: usize,
    pub items: Vec<T>,
}

/// Listing order of events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventOrder {
    /// Latest article first.
    #[default]
    Newest,
    /// Most articles first.
    Biggest,
}

/// Which events to list.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// Only events with an article on or after this date (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only events with an article on or before this date.
    pub until: Option<String>,
    /// Words that must all occur in the title, summary or entity names.
    pub q: Option<String>,
    pub limit: usize,
    pub offset: usize,
    pub order: EventOrder,
}

impl Store {
    /// Events matching `query`, newest or biggest first.
    pub fn events(&self, query: &EventQuery) -> Result<Page<EventCard>, Error> {
        let fts = match query.q.as_deref().map(str::trim) {
            Some(q) if !q.is_empty() => match fts_query(q) {
                Some(m) => Some(m),
                // Words with nothing searchable in them match nothing.
                None => return Ok(empty_page(query.offset)),
            },
            _ => None,
        };
        let mut filter = String::from(
            "(?1 IS NULL OR last_date >= ?1) AND (?2 IS NULL OR first_date <= ?2 || 'z')",
        );
        if fts.is_some() {
            filter
                .push_str(" AND rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?3)");
        } else {
            filter.push_str(" AND ?3 IS NULL");
        }
        let order = match query.order {
            EventOrder::Newest => "last_date DESC, position DESC",
            EventOrder::Biggest => "article_count DESC, last_date DESC, position DESC",
        };
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM events WHERE {filter}"),
            params![query.since, query.until, fts],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT card FROM events WHERE {filter} ORDER BY {order} LIMIT ?4 OFFSET ?5"
        ))?;
        let rows = stmt.query_map(
            params![
                query.since,
                query.until,
                fts,
                query.limit.min(MAX_LIMIT) as i64,
                query.offset as i64
            ],
            |r| r.get::<_, String>(0),
        )?;
        let mut items = Vec::new();
        for row in rows {
            items.push(serde_json::from_str(&row?)?);
        }
        Ok(Page {
            total: total as usize,
            offset: query.offset,
            items,
        })
    }

    /// The contract's event object.
    pub fn event(&self, id: &str) -> Result<Option<Event>, Error> {
        let body: Option<String> = self
            .conn
            .query_row("SELECT body FROM events WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        Ok(match body {
            Some(b) => Some(serde_json::from_str(&b)?),
            None => None,
        })
    }

    /// An event's listing card.
    pub fn event_card(&self, id: &str) -> Result<Option<EventCard>, Error> {
        let card: Option<String> = self
            .conn
            .query_row("SELECT card FROM events WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        Ok(match card {
            Some(c) => Some(serde_json::from_str(&c)?),
            None => None,
        })
    }

    /// The articles of an event, in input order.
    pub fn event_articles(&self, id: &str) -> Result<Vec<Article>, Error> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE event = ?1 ORDER BY seq"
        ))?;
        let rows = stmt.query_map([id], read_article)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(finish_article(row?)?);
        }
        Ok(out)
    }

    /// One cleaned article, as the contract's `articles[]` object.
    pub fn article(&self, id: &str) -> Result<Option<Article>, Error> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"),
                [id],
                read_article,
            )
            .optional()?;
        Ok(match row {
            Some(r) => Some(finish_article(r)?),
            None => None,
        })
    }

    /// Entities whose name or a spelling contains `q` (all when `q` is empty), those in
    /// most events first.
    pub fn entities(
        &self,
        q: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Page<EntityCard>, Error> {
        let pattern = format!("%{}%", like_escape(q.trim()));
        let filter = "(name LIKE ?1 ESCAPE '\\' OR body LIKE ?1 ESCAPE '\\')";
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM entities WHERE {filter}"),
            [&pattern],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT body, events FROM entities WHERE {filter}
             ORDER BY events DESC, mentions DESC, name LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = stmt.query_map(
            params![pattern, limit.min(MAX_LIMIT) as i64, offset as i64],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
        )?;
        let mut items = Vec::new();
        for row in rows {
            let (body, events) = row?;
            let e: Entity = serde_json::from_str(&body)?;
            items.push(EntityCard {
                id: crate::ingest::entity_id(&e),
                name: e.name,
                kind: e.kind.as_str().to_string(),
                forms: e.forms,
                events: events as usize,
                mentions: e.mentions,
            });
        }
        Ok(Page {
            total: total as usize,
            offset,
            items,
        })
    }

    /// One entity with its spellings, merges and events (newest first, at most `limit`).
    pub fn entity(&self, id: &str, limit: usize) -> Result<Option<EntityDetail>, Error> {
        let body: Option<String> = self
            .conn
            .query_row("SELECT body FROM entities WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(body) = body else { return Ok(None) };
        let entity: Entity = serde_json::from_str(&body)?;
        let mut stmt = self.conn.prepare(
            "SELECT e.card FROM event_entities x JOIN events e ON e.id = x.event
             WHERE x.entity = ?1 ORDER BY e.last_date DESC, e.position DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![id, limit.min(MAX_LIMIT) as i64], |r| {
            r.get::<_, String>(0)
        })?;
        let mut events = Vec::new();
        for row in rows {
            events.push(serde_json::from_str(&row?)?);
        }
        Ok(Some(EntityDetail { entity, events }))
    }

    /// Events and articles matching all words of `q`, best matches first.
    pub fn search(&self, q: &str, limit: usize) -> Result<SearchResults, Error> {
        let mut results = SearchResults {
            query: q.to_string(),
            events: Vec::new(),
            articles: Vec::new(),
        };
        let Some(fts) = fts_query(q) else {
            return Ok(results);
        };
        let limit = limit.min(MAX_LIMIT) as i64;
        let mut stmt = self.conn.prepare(
            "SELECT e.card FROM events_fts f JOIN events e ON e.rowid = f.rowid
             WHERE events_fts MATCH ?1 ORDER BY bm25(events_fts, 4.0, 1.0, 2.0) LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![fts, limit], |r| r.get::<_, String>(0))?;
        for row in rows {
            results.events.push(serde_json::from_str(&row?)?);
        }
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.title, a.source, a.published, a.event,
                    snippet(articles_fts, 1, '', '', '…', 24)
             FROM articles_fts f JOIN articles a ON a.rowid = f.rowid
             WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts, 3.0, 1.0) LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![fts, limit], |r| {
            Ok(ArticleHit {
                id: r.get(0)?,
                title: r.get(1)?,
                source: r.get(2)?,
                published: r.get(3)?,
                event: r.get(4)?,
                snippet: r.get(5)?,
            })
        })?;
        for row in rows {
            results.articles.push(row?);
        }
        Ok(results)
    }
}

fn empty_page<T>(offset: usize) -> Page<T> {
    Page {
        total: 0,
        offset,
        items: Vec::new(),
    }
}

/// The columns [`read_article`] reads, in its order.
pub(crate) const ARTICLE_COLUMNS: &str =
    "id, title, url, source, published, language, text, removed, duplicate_of, event";

pub(crate) fn read_article(r: &rusqlite::Row) -> rusqlite::Result<(Article, String)> {
    Ok((
        Article {
            id: r.get(0)?,
            title: r.get(1)?,
            url: r.get(2)?,
            source: r.get(3)?,
            published: r.get(4)?,
            language: r.get(5)?,
            text: r.get(6)?,
            removed: Vec::new(),
            duplicate_of: r.get(8)?,
            event: r.get(9)?,
        },
        r.get(7)?,
    ))
}

pub(crate) fn finish_article((mut article, removed): (Article, String)) -> Result<Article, Error> {
    article.removed = serde_json::from_str(&removed)?;
    Ok(article)
}

/// A user's words as an FTS5 query: each word quoted (so no word is read as syntax), all
/// required. `None` when nothing searchable remains.
pub(crate) fn fts_query(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The listing card of a digested event and its member articles.
pub(crate) fn card_of(event: &Event, members: &[&Article]) -> EventCard {
    let dates: Vec<String> = members
        .iter()
        .filter_map(|a| a.published.as_deref())
        .filter_map(herald_text::date::parse_published)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect();
    let mut sources: HashSet<String> = HashSet::new();
    for a in members.iter().filter(|a| a.duplicate_of.is_none()) {
        let outlet = a
            .source
            .clone()
            .or_else(|| {
                a.url
                    .as_deref()
                    .and_then(herald_pipeline::host)
                    .map(str::to_string)
            })
            .unwrap_or_else(|| a.id.clone());
        sources.insert(outlet.to_lowercase());
    }
    let mut entities: Vec<&Entity> = event.entities.iter().collect();
    entities.sort_by_key(|e| std::cmp::Reverse(e.mentions));
    EventCard {
        id: event.id.clone(),
        title: event.title.clone(),
        summary: event.summary.clone(),
        first_date: dates.iter().min().cloned(),
        last_date: dates.iter().max().cloned(),
        articles: members.len(),
        sources: sources.len().max(1),
        facts: event.facts.clone(),
        entities: entities
            .into_iter()
            .take(6)
            .map(|e| EntityRef {
                id: crate::ingest::entity_id(e),
                name: e.name.clone(),
                kind: e.kind.as_str().to_string(),
            })
            .collect(),
    }
}
