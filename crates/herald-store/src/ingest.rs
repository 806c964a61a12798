//! The write path: add articles, re-place the stream, re-digest what changed.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use herald_model::{Article, Entity, Event};
use rusqlite::{params, OptionalExtension, Transaction};
use xxhash_rust::xxh3::Xxh3;

use crate::query::{card_of, finish_article, read_article, EventCard, ARTICLE_COLUMNS};
use crate::{Error, Store};

/// Knobs of an ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Target summary length per event, in words (a change re-digests every event).
    pub summary_words: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { summary_words: 40 }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct IngestReport {
    /// Articles offered.
    pub read: usize,
    /// New articles stored.
    pub added: usize,
    /// Known articles whose content changed.
    pub updated: usize,
    /// Known articles with the same content (nothing to do).
    pub unchanged: usize,
    /// Events in the store afterwards.
    pub events: usize,
    /// Events (re-)digested by this ingest.
    pub digested: usize,
    /// Events that no longer exist (their articles joined others).
    pub removed: usize,
    /// Whether this ingest finished work an interrupted earlier ingest had left.
    pub resumed: bool,
}

/// Where a long ingest is, for a progress bar. Called from worker threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Placing the whole stored stream into events.
    Placing { articles: usize },
    /// Digesting the events that changed.
    Digesting { done: usize, total: usize },
    /// Writing the events, entities and indexes.
    Writing,
}

const META_DIRTY: &str = "needs_placing";
const META_WORDS: &str = "summary_words";

impl Store {
    /// Store `articles` (already cleaned) and bring the events up to date.
    ///
    /// Articles are matched by id: a new id is added, a known id with other content
    /// replaces the stored article, the same content is skipped. Work left by an
    /// interrupted ingest is finished even when nothing new arrives.
    pub fn ingest(
        &mut self,
        articles: Vec<Article>,
        options: &IngestOptions,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<IngestReport, Error> {
        let (mut report, dirty) = self.store_articles(&articles, options)?;
        if dirty {
            let (digested, removed) = self.rebuild(options, progress)?;
            report.digested = digested;
            report.removed = removed;
        }
        report.events = self.counts()?.1;
        Ok(report)
    }

    /// The first half of an ingest: store the articles and, when anything changed, mark
    /// the events as needing placing, in one transaction.
    pub(crate) fn store_articles(
        &mut self,
        articles: &[Article],
        options: &IngestOptions,
    ) -> Result<(IngestReport, bool), Error> {
        let mut report = IngestReport {
            read: articles.len(),
            ..Default::default()
        };
        let tx = self.conn.transaction()?;
        report.resumed = meta(&tx, META_DIRTY)?.as_deref() == Some("1");
        let words_changed =
            meta(&tx, META_WORDS)?.as_deref() != Some(options.summary_words.to_string().as_str());
        let mut next_seq: i64 =
            tx.query_row("SELECT coalesce(max(seq) + 1, 0) FROM articles", [], |r| {
                r.get(0)
            })?;
        {
            let mut find = tx.prepare("SELECT hash FROM articles WHERE id = ?1")?;
            let mut insert = tx.prepare(
                "INSERT INTO articles (id, seq, hash, title, url, source, published, language, text, removed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let mut update = tx.prepare(
                "UPDATE articles SET hash = ?2, title = ?3, url = ?4, source = ?5, published = ?6,
                 language = ?7, text = ?8, removed = ?9 WHERE id = ?1",
            )?;
            for a in articles {
                let hash = content_hash(a);
                let removed = serde_json::to_string(&a.removed)?;
                let stored: Option<String> = find.query_row([&a.id], |r| r.get(0)).optional()?;
                match stored {
                    None => {
                        insert.execute(params![
                            a.id,
                            next_seq,
                            hash,
                            a.title,
                            a.url,
                            a.source,
                            a.published,
                            a.language,
                            a.text,
                            removed
                        ])?;
                        next_seq += 1;
                        report.added += 1;
                    }
                    Some(h) if h == hash => report.unchanged += 1,
                    Some(_) => {
                        update.execute(params![
                            a.id,
                            hash,
                            a.title,
                            a.url,
                            a.source,
                            a.published,
                            a.language,
                            a.text,
                            removed
                        ])?;
                        report.updated += 1;
                    }
                }
            }
        }
        let dirty = report.resumed || words_changed || report.added + report.updated > 0;
        if dirty {
            set_meta(&tx, META_DIRTY, "1")?;
        }
        tx.commit()?;
        Ok((report, dirty))
    }

    /// Re-place every stored article, re-digest the events that changed and write them,
    /// all in one transaction. Returns (events digested, events removed).
    fn rebuild(
        &mut self,
        options: &IngestOptions,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<(usize, usize), Error> {
        let tx = self.conn.transaction()?;
        let stored = load_articles(&tx)?;
        progress(Progress::Placing {
            articles: stored.len(),
        });
        let mut articles: Vec<Article> = Vec::with_capacity(stored.len());
        let mut hashes = Vec::with_capacity(stored.len());
        let mut old_event = Vec::with_capacity(stored.len());
        let mut old_duplicate = Vec::with_capacity(stored.len());
        for s in stored {
            hashes.push(s.hash);
            old_event.push(s.article.event.clone());
            old_duplicate.push(s.article.duplicate_of.clone());
            articles.push(s.article);
        }
        let placement = {
            let refs: Vec<&Article> = articles.iter().collect();
            herald_pipeline::place(&refs)
        };
        let old_events = load_event_keys(&tx)?;
        let ids = name_events(&placement.events, &articles, &old_event, &old_events);

        // Record the placement on the articles, as `herald digest` does before digesting.
        herald_pipeline::record_placement(&mut articles, &placement, &ids);

        let keys: Vec<String> = placement
            .events
            .iter()
            .map(|members| members_key(members, &articles, &hashes, options.summary_words))
            .collect();
        let changed: Vec<usize> = (0..placement.events.len())
            .filter(|&e| old_events.get(&ids[e]).map(|o| &o.key) != Some(&keys[e]))
            .collect();
        let total = changed.len();
        let done = AtomicUsize::new(0);
        progress(Progress::Digesting { done: 0, total });
        let on_done = |_: usize| {
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(64) || n == total {
                progress(Progress::Digesting { done: n, total });
            }
        };
        let pipeline_options = herald_pipeline::Options {
            summary_words: options.summary_words,
        };
        let digested = herald_pipeline::digest_events(
            &articles,
            &placement.events,
            &ids,
            &changed,
            &pipeline_options,
            &on_done,
        );
        let mut fresh: HashMap<usize, Event> = changed.iter().copied().zip(digested).collect();

        // Linking needs every event's entities, in creation order.
        let mut events: Vec<Event> = Vec::with_capacity(placement.events.len());
        let mut stored_bodies: Vec<Option<String>> = Vec::with_capacity(placement.events.len());
        for (e, id) in ids.iter().enumerate() {
            match fresh.remove(&e) {
                Some(event) => {
                    events.push(event);
                    stored_bodies.push(None);
                }
                None => {
                    let body = old_events
                        .get(id)
                        .map(|o| o.body.clone())
                        .unwrap_or_default();
                    events.push(serde_json::from_str(&body)?);
                    stored_bodies.push(Some(body));
                }
            }
        }
        herald_pipeline::link_entities(&mut events);

        progress(Progress::Writing);
        let live: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let mut removed = 0;
        for id in old_events.keys() {
            if !live.contains(id.as_str()) {
                delete_event(&tx, id)?;
                removed += 1;
            }
        }
        {
            let mut position =
                tx.prepare("UPDATE events SET position = ?2 WHERE id = ?1 AND position != ?2")?;
            for (e, event) in events.iter().enumerate() {
                let body = serde_json::to_string(event)?;
                if stored_bodies[e].as_deref() == Some(body.as_str()) {
                    position.execute(params![event.id, e as i64])?;
                    continue;
                }
                let members: Vec<&Article> =
                    placement.events[e].iter().map(|&i| &articles[i]).collect();
                let card = card_of(event, &members);
                write_event(&tx, event, &card, e, &keys[e], &body)?;
            }
        }
        {
            let mut update =
                tx.prepare("UPDATE articles SET event = ?2, duplicate_of = ?3 WHERE id = ?1")?;
            for (i, a) in articles.iter().enumerate() {
                if a.event != old_event[i] || a.duplicate_of != old_duplicate[i] {
                    update.execute(params![a.id, a.event, a.duplicate_of])?;
                }
            }
        }
        write_entities(&tx, &events)?;
        set_meta(&tx, META_WORDS, &options.summary_words.to_string())?;
        set_meta(&tx, META_DIRTY, "0")?;
        tx.commit()?;
        Ok((changed.len(), removed))
    }
}

/// Fingerprint of an article's content: what its digest depends on.
fn content_hash(a: &Article) -> String {
    let mut h = Xxh3::new();
    for part in [
        a.title.as_deref(),
        a.url.as_deref(),
        a.source.as_deref(),
        a.published.as_deref(),
        a.language.as_deref(),
        Some(a.text.as_str()),
    ] {
        match part {
            Some(s) => {
                h.update(&[1]);
                h.update(&(s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update(&[0]),
        }
    }
    for r in &a.removed {
        h.update(&(r.len() as u64).to_le_bytes());
        h.update(r.as_bytes());
    }
    format!("{:032x}", h.digest128())
}

/// Fingerprint of what an event's digest is made from: its members in order, their
/// content, which are copies of what, and the summary length.
fn members_key(members: &[usize], articles: &[Article], hashes: &[String], words: usize) -> String {
    let mut h = Xxh3::new();
    h.update(&(words as u64).to_le_bytes());
    for &i in members {
        let a = &articles[i];
        h.update(a.id.as_bytes());
        h.update(&[0]);
        h.update(hashes[i].as_bytes());
        h.update(a.duplicate_of.as_deref().unwrap_or("").as_bytes());
        h.update(&[0]);
    }
    format!("{:032x}", h.digest128())
}

struct StoredArticle {
    article: Article,
    hash: String,
}

fn load_articles(tx: &Transaction) -> Result<Vec<StoredArticle>, Error> {
    let mut stmt = tx.prepare(&format!(
        "SELECT {ARTICLE_COLUMNS}, hash FROM articles ORDER BY seq"
    ))?;
    let rows = stmt.query_map([], |r| Ok((read_article(r)?, r.get::<_, String>(10)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (article, hash) = row?;
        out.push(StoredArticle {
            article: finish_article(article)?,
            hash,
        });
    }
    Ok(out)
}

struct StoredEvent {
    key: String,
    body: String,
}

fn load_event_keys(tx: &Transaction) -> Result<HashMap<String, StoredEvent>, Error> {
    let mut stmt = tx.prepare("SELECT id, members_key, body FROM events")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            StoredEvent {
                key: r.get(1)?,
                body: r.get(2)?,
            },
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, event) = row?;
        out.insert(id, event);
    }
    Ok(out)
}

/// Give each placed event an id: the id of the stored event most of its members were in
/// (so an event keeps its id, and its web address, as it grows), else a new id derived
/// from its first member. Events claim old ids in creation order.
fn name_events(
    events: &[Vec<usize>],
    articles: &[Article],
    old_event: &[Option<String>],
    old_events: &HashMap<String, StoredEvent>,
) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut ids = Vec::with_capacity(events.len());
    for members in events {
        let mut votes: HashMap<&str, (usize, usize)> = HashMap::new();
        for (rank, &i) in members.iter().enumerate() {
            if let Some(old) = old_event[i].as_deref() {
                if old_events.contains_key(old) {
                    let v = votes.entry(old).or_insert((0, rank));
                    v.0 += 1;
                }
            }
        }
        let inherited = votes
            .into_iter()
            .filter(|(id, _)| !taken.contains(*id))
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
            .map(|(id, _)| id.to_string());
        let id = inherited.unwrap_or_else(|| {
            let seed = &articles[members[0]].id;
            let mut salt = 0u64;
            loop {
                let mut h = Xxh3::new();
                h.update(seed.as_bytes());
                h.update(&salt.to_le_bytes());
                let id = format!("e{:012x}", h.digest() & 0xffff_ffff_ffff);
                if !taken.contains(&id) && !old_events.contains_key(&id) {
                    break id;
                }
                salt += 1;
            }
        });
        taken.insert(id.clone());
        ids.push(id);
    }
    ids
}

fn delete_event(tx: &Transaction, id: &str) -> Result<(), Error> {
    tx.execute(
        "DELETE FROM events_fts WHERE rowid = (SELECT rowid FROM events WHERE id = ?1)",
        [id],
    )?;
    tx.execute("DELETE FROM event_entities WHERE event = ?1", [id])?;
    tx.execute("DELETE FROM events WHERE id = ?1", [id])?;
    Ok(())
}

fn write_event(
    tx: &Transaction,
    event: &Event,
    card: &EventCard,
    position: usize,
    key: &str,
    body: &str,
) -> Result<(), Error> {
    delete_event(tx, &event.id)?;
    tx.execute(
        "INSERT INTO events (id, position, members_key, title, summary, first_date, last_date,
             article_count, source_count, card, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            event.id,
            position as i64,
            key,
            event.title,
            event.summary,
            card.first_date,
            card.last_date,
            card.articles as i64,
            card.sources as i64,
            serde_json::to_string(card)?,
            body
        ],
    )?;
    let rowid = tx.last_insert_rowid();
    let names: Vec<&str> = event
        .entities
        .iter()
        .flat_map(|e| std::iter::once(e.name.as_str()).chain(e.forms.iter().map(String::as_str)))
        .collect();
    tx.execute(
        "INSERT INTO events_fts (rowid, title, summary, names) VALUES (?1, ?2, ?3, ?4)",
        params![rowid, event.title, event.summary, names.join(" ")],
    )?;
    let mut link = tx.prepare_cached(
        "INSERT INTO event_entities (event, entity, mentions) VALUES (?1, ?2, ?3)
         ON CONFLICT (event, entity) DO UPDATE SET mentions = mentions + excluded.mentions",
    )?;
    for e in &event.entities {
        link.execute(params![event.id, entity_id(e), e.mentions as i64])?;
    }
    Ok(())
}

/// An entity's id; entities are linked before writing, so a missing id is a fallback only.
pub fn entity_id(e: &Entity) -> String {
    e.id.clone().unwrap_or_else(|| {
        let slug: String = e
            .name
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        format!("{}/{slug}", e.kind.as_str())
    })
}

/// Rewrite the entities table: one row per real thing with every spelling and merge
/// reason from all its events.
fn write_entities(tx: &Transaction, events: &[Event]) -> Result<(), Error> {
    struct Gathered {
        entity: Entity,
        events: usize,
        form_counts: HashMap<String, usize>,
        best_mentions: usize,
    }
    let mut things: HashMap<String, Gathered> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for event in events {
        for e in &event.entities {
            let id = entity_id(e);
            let g = things.entry(id.clone()).or_insert_with(|| {
                order.push(id.clone());
                Gathered {
                    entity: Entity {
                        id: Some(id.clone()),
                        name: e.name.clone(),
                        kind: e.kind,
                        forms: Vec::new(),
                        mentions: 0,
                        articles: 0,
                        merges: Vec::new(),
                    },
                    events: 0,
                    form_counts: HashMap::new(),
                    best_mentions: 0,
                }
            });
            g.events += 1;
            g.entity.mentions += e.mentions;
            g.entity.articles += e.articles;
            if e.mentions > g.best_mentions {
                g.best_mentions = e.mentions;
                g.entity.name = e.name.clone();
            }
            for (rank, f) in e.forms.iter().enumerate() {
                // Forms come most frequent first; weigh by event mentions and rank.
                *g.form_counts.entry(f.clone()).or_default() +=
                    e.mentions.saturating_sub(rank).max(1);
            }
            for m in &e.merges {
                if !g
                    .entity
                    .merges
                    .iter()
                    .any(|x| x.form == m.form && x.into == m.into)
                {
                    g.entity.merges.push(m.clone());
                }
            }
        }
    }
    tx.execute("DELETE FROM entities", [])?;
    let mut insert = tx.prepare(
        "INSERT INTO entities (id, name, type, events, mentions, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for id in order {
        let mut g = things.remove(&id).expect("gathered above");
        let mut forms: Vec<(String, usize)> = g.form_counts.drain().collect();
        forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        g.entity.forms = forms.into_iter().map(|(f, _)| f).collect();
        insert.execute(params![
            id,
            g.entity.name,
            g.entity.kind.as_str(),
            g.events as i64,
            g.entity.mentions as i64,
            serde_json::to_string(&g.entity)?
        ])?;
    }
    Ok(())
}

fn meta(tx: &Transaction, key: &str) -> Result<Option<String>, Error> {
    Ok(tx
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

fn set_meta(tx: &Transaction, key: &str, value: &str) -> Result<(), Error> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}
