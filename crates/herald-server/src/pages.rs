//! The HTML pages: events (front page), one event, entities, one entity, search, and
//! the article redirect. Failures render as a small HTML page with the right status.

use std::collections::HashMap;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use herald_model::{Article, Claim, Entity, EntityType, Event, Fact};
use herald_store::{EventOrder, EventQuery};
use maud::{html, Markup};

use crate::html::{
    capitalise, card, count, entity_id, external, figure, history_chart, lower_than_before,
    nice_date, page, path, query_value, seg, type_label, Section,
};
use crate::params::{self, Failure, Params};
use crate::State;

/// Events per page of a listing.
const PER_PAGE: usize = 20;
/// The deepest page number a listing links to or accepts.
const MAX_PAGE: usize = params::MAX_OFFSET / PER_PAGE;

type PageResult = Result<Response, Failure>;

fn respond(result: PageResult) -> Response {
    result.unwrap_or_else(error_page)
}

fn ok(markup: Markup) -> PageResult {
    Ok(Html(markup.into_string()).into_response())
}

fn error_page(f: Failure) -> Response {
    let title = match f.status() {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::BAD_REQUEST => "Bad request",
        _ => "Something went wrong",
    };
    let body = page(
        title,
        Section::Other,
        None,
        html! {
            h1 { (title) }
            p { (f.message()) }
            p { a href="/" { "Back to the latest events" } }
        },
    );
    (f.status(), Html(body.into_string())).into_response()
}

pub async fn not_found() -> Response {
    error_page(Failure::NotFound(
        "There is no page at this address.".into(),
    ))
}

/// `/`: events newest (or biggest) first, 20 a page.
pub async fn front(db: State, RawQuery(raw): RawQuery) -> Response {
    respond(front_inner(db, raw).await)
}

async fn front_inner(db: State, raw: Option<String>) -> PageResult {
    let p = Params::parse(raw.as_deref());
    let page_no = p.bounded("page", 1, MAX_PAGE)?.max(1);
    let order = p.order()?;
    let query = EventQuery {
        since: p.date("since")?,
        until: p.date("until")?,
        q: p.text("q")?,
        limit: PER_PAGE,
        offset: (page_no - 1) * PER_PAGE,
        order,
    };
    let filters = query.clone();
    let listing = db.run(move |s| s.events(&query)).await?;
    let order_name = match order {
        EventOrder::Newest => "newest",
        EventOrder::Biggest => "biggest",
    };
    let link = |n: usize| {
        let mut href = format!("/?page={n}");
        if order != EventOrder::Newest {
            href.push_str("&order=");
            href.push_str(order_name);
        }
        for (k, v) in [
            ("q", &filters.q),
            ("since", &filters.since),
            ("until", &filters.until),
        ] {
            if let Some(v) = v {
                href.push_str(&format!("&{k}={}", query_value(v)));
            }
        }
        href
    };
    let pages = listing.total.div_ceil(PER_PAGE).max(1);
    let heading = match order {
        EventOrder::Newest => "Latest events",
        EventOrder::Biggest => "Biggest events",
    };
    let title = if page_no > 1 {
        format!("{heading}, page {page_no}")
    } else {
        heading.to_string()
    };
    ok(page(
        &title,
        Section::Events,
        filters.q.as_deref(),
        html! {
            h1 { (heading) }
            p.meta {
                (count(listing.total, "event", "events"))
                @if let Some(q) = &filters.q { " matching “" (q) "”" }
                @if pages > 1 { " · page " (page_no) " of " (pages) }
                " · order: "
                @if order == EventOrder::Newest {
                    strong { "newest" } " | " a href="/?order=biggest" { "biggest" }
                } @else {
                    a href="/" { "newest" } " | " strong { "biggest" }
                }
            }
            @if listing.items.is_empty() {
                p.empty { "No events here yet. Add articles with " code { "herald ingest" } "." }
            }
            @for c in &listing.items { (card(c, "h2")) }
            @if pages > 1 {
                nav.pager aria-label="Pages" {
                    span { @if page_no > 1 { a href=(link(page_no - 1)) rel="prev" { "← Newer" } } }
                    span { @if page_no < pages && page_no < MAX_PAGE { a href=(link(page_no + 1)) rel="next" { "Older →" } } }
                }
            }
        },
    ))
}

/// `/events/{id}`: the whole digest of one event with its sources.
pub async fn event(db: State, id: Result<Path<String>, PathRejection>) -> Response {
    respond(event_inner(db, id).await)
}

async fn event_inner(db: State, id: Result<Path<String>, PathRejection>) -> PageResult {
    let id = params::id(id)?;
    let wanted = id.clone();
    let found = db
        .run(move |s| {
            Ok(match s.event(&wanted)? {
                Some(e) => {
                    let articles = s.event_articles(&wanted)?;
                    let card = s.event_card(&wanted)?;
                    Some((e, articles, card))
                }
                None => None,
            })
        })
        .await?;
    let Some((event, articles, card)) = found else {
        return Err(Failure::NotFound(format!("There is no event {id}.")));
    };
    ok(page(
        &event.title,
        Section::Events,
        None,
        event_page(&event, &articles, card.as_ref()),
    ))
}

fn event_page(
    event: &Event,
    articles: &[Article],
    card: Option<&herald_store::EventCard>,
) -> Markup {
    let by_id: HashMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
    // Citation numbers follow the event's article order (as `herald digest` prints them);
    // stored articles the event does not list come after.
    let mut order: Vec<&str> = event.articles.iter().map(String::as_str).collect();
    for a in articles {
        if !order.contains(&a.id.as_str()) {
            order.push(&a.id);
        }
    }
    let numbers: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i + 1))
        .collect();
    let number = |id: &str| numbers.get(id).copied().unwrap_or(0);
    let title_of = |id: &str| {
        by_id
            .get(id)
            .map_or_else(|| id.to_string(), |a| display_title(a))
    };
    let cite = |id: &str| -> Markup {
        let n = number(id);
        html! {
            @if n > 0 {
                sup.cite { a href=(format!("#source-{n}")) aria-label=(format!("Source {n}: {}", title_of(id))) { "[" (n) "]" } }
            }
        }
    };
    let meta = card.map(|c| {
        let dates = match (c.first_date.as_deref(), c.last_date.as_deref()) {
            (Some(a), Some(b)) if a != b => Some(format!("{} – {}", nice_date(a), nice_date(b))),
            (Some(a), _) | (None, Some(a)) => Some(nice_date(a)),
            _ => None,
        };
        (dates, c.sources)
    });
    html! {
        article {
            header {
                h1 { (event.title) }
                p.meta {
                    @if let Some((Some(d), _)) = &meta { (d) " · " }
                    @if let Some((_, sources)) = &meta { (count(*sources, "source", "sources")) " · " }
                    (count(order.len(), "article", "articles"))
                    " · " a href=(format!("/api/events/{}", seg(&event.id))) { "JSON" }
                }
            }
            section aria-labelledby="summary-h" {
                h2.vh #summary-h { "Summary" }
                p.lede {
                    @for s in &event.summary_sentences {
                        (s.text)
                        (cite(&s.article))
                        @for other in &s.also_in { (cite(other)) }
                        " "
                    }
                    @if event.summary_sentences.is_empty() { (event.summary) }
                }
            }
            @if !event.facts.is_empty() {
                section aria-labelledby="facts-h" {
                    h2 #facts-h { "Key figures" }
                    div.facts {
                        @for f in &event.facts { (fact_box(f, &event.claims, &number, &cite)) }
                    }
                }
            }
            @if !event.entities.is_empty() {
                section aria-labelledby="entities-h" {
                    h2 #entities-h { "People, organisations and places" }
                    @for kind in [EntityType::Person, EntityType::Organization, EntityType::Location, EntityType::Other] {
                        @let list: Vec<&Entity> = event.entities.iter().filter(|e| e.kind == kind).collect();
                        // Names seen once, with no other spelling, go on one line.
                        @let (main, minor): (Vec<&Entity>, Vec<&Entity>) = list.iter().partition(|e| e.mentions > 1 || e.forms.len() > 1 || !e.merges.is_empty());
                        @if !list.is_empty() {
                            h3 { (type_label(kind, true)) }
                            @if !main.is_empty() {
                                ul.entities {
                                    @for e in main { (entity_line(e)) }
                                }
                            }
                            @if !minor.is_empty() {
                                p.minor {
                                    span.meta { "Mentioned once: " }
                                    @for (i, e) in minor.iter().enumerate() {
                                        @if i > 0 { ", " }
                                        a href=(format!("/entities/{}", path(&entity_id(e)))) { (e.name) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !event.timeline.is_empty() {
                section aria-labelledby="timeline-h" {
                    h2 #timeline-h { "Timeline" }
                    ol.timeline {
                        @for t in &event.timeline {
                            li {
                                @if is_full_date(&t.date) {
                                    time datetime=(t.date) { (nice_date(&t.date)) }
                                } @else {
                                    time { (month_day(&t.date)) }
                                }
                                (t.text) (cite(&t.article))
                            }
                        }
                    }
                }
            }
            section aria-labelledby="sources-h" {
                h2 #sources-h { "Sources" }
                ol.sources {
                    @for (i, id) in order.iter().enumerate() {
                        @let n = i + 1;
                        li #(format!("source-{n}")) {
                            @if let Some(a) = by_id.get(id) {
                                (source_item(a, &number, i < INLINE_TEXTS))
                            } @else {
                                h3 { (id) }
                                p.meta { "This article is not in the store." }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn fact_box(
    f: &Fact,
    claims: &[Claim],
    number: &dyn Fn(&str) -> usize,
    cite: &dyn Fn(&str) -> Markup,
) -> Markup {
    let reports: Vec<&Claim> = claims.iter().filter(|c| c.kind == f.kind).collect();
    let mut values: Vec<u64> = reports.iter().map(|c| c.value).collect();
    values.sort_unstable();
    values.dedup();
    let lower = lower_than_before(&f.history);
    html! {
        div.fact {
            h3 { (capitalise(f.kind.as_str())) }
            p.fig {
                (figure(f.qualifier.phrase(), f.value))
                @if f.disputed { span.badge { "sources disagree" } }
            }
            p {
                @if let Some(who) = &f.attributed_to { "according to " (who) }
                (cite(&f.article))
            }
            @if f.low != f.high {
                p.meta { "Reports range from " (figure("", f.low)) " to " (figure("", f.high)) "." }
            }
            @if f.history.len() > 1 {
                (history_chart(f, number))
                details {
                    summary { "How the figure moved (" (f.history.len()) " reports)" }
                    ol {
                        @for (i, p) in f.history.iter().enumerate() {
                            li {
                                (figure(p.qualifier.phrase(), p.value))
                                @if let Some(who) = &p.attributed_to { ", " (who) }
                                @if let Some(d) = &p.as_of { ", as of " (month_day(d)) }
                                (cite(&p.article))
                                @if lower[i] { " " span.lower { "lower than an earlier report" } }
                            }
                        }
                    }
                }
            }
            @if !reports.is_empty() {
                details {
                    summary {
                        "What each source said (" (count(reports.len(), "report", "reports"))
                        @if values.len() > 1 { ", " (values.len()) " different figures" }
                        ")"
                    }
                    @for c in &reports {
                        blockquote {
                            (c.sentence) (cite(&c.article))
                        }
                        p.meta {
                            (figure(c.qualifier.phrase(), c.value)) " " (c.kind.as_str())
                            @if let Some(who) = &c.attributed_to { " · according to " (who) }
                            @if let Some(g) = &c.group { " · " (g) }
                            @if let Some(place) = &c.place { " · in " (place) }
                            @if let Some(period) = &c.period { " · " (period) }
                            @if let Some(d) = &c.as_of { " · as of " (month_day(d)) }
                        }
                    }
                }
            }
        }
    }
}

fn entity_line(e: &Entity) -> Markup {
    let others: Vec<&str> = e
        .forms
        .iter()
        .map(String::as_str)
        .filter(|f| *f != e.name)
        .collect();
    html! {
        li {
            a href=(format!("/entities/{}", path(&entity_id(e)))) { (e.name) }
            " " span.meta { (count(e.mentions, "mention", "mentions")) " in " (count(e.articles, "article", "articles")) }
            @if !others.is_empty() {
                " " span.forms { "· also written " (others.join(", ")) }
            }
            @if !e.merges.is_empty() {
                (merges(e))
            }
        }
    }
}

fn merges(e: &Entity) -> Markup {
    html! {
        details {
            summary { "Why these spellings are one " (type_label(e.kind, false).to_lowercase()) }
            ul {
                @for m in &e.merges {
                    li {
                        "“" (m.form) "” → “" (m.into) "”: " strong { (m.rule.replace('_', " ")) }
                        @if !m.evidence.is_empty() { " — " (m.evidence) }
                    }
                }
            }
        }
    }
}

/// Sources whose cleaned text is inlined in the event page; later ones link to their own
/// text page, so a 300-article event does not send every text (a 133-article event page
/// was 727 kB with all of them).
const INLINE_TEXTS: usize = 25;

fn source_item(a: &Article, number: &dyn Fn(&str) -> usize, inline_text: bool) -> Markup {
    let paragraphs: Vec<&str> = a
        .text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let words = a.text.split_whitespace().count();
    html! {
        h3 { (display_title(a)) }
        p.meta {
            @if let Some(s) = &a.source { (s) " · " }
            @if let Some(d) = &a.published { (nice_date(d)) " · " }
            (count(words, "word", "words"))
            @if let Some(copy) = &a.duplicate_of {
                " · near-copy of "
                @let n = number(copy);
                @if n > 0 { a href=(format!("#source-{n}")) { "[" (n) "]" } } @else { (copy) }
            }
            @if let Some(url) = a.url.as_deref().and_then(external) {
                " · " a href=(url) rel="noopener noreferrer nofollow" { "original" }
            }
        }
        @if inline_text {
            details {
                summary { "Read the cleaned text" }
                div.text lang=[a.language.as_deref()] {
                    @for p in &paragraphs { p { (p) } }
                }
            }
            @if !a.removed.is_empty() {
                details {
                    summary { "What cleaning removed (" (count(a.removed.len(), "line", "lines")) ")" }
                    ul.removed { @for line in &a.removed { li { (line) } } }
                }
            }
        } @else {
            p { a href=(format!("/articles/{}/text", seg(&a.id))) { "Read the cleaned text and what cleaning removed" } }
        }
    }
}

/// One article's cleaned text and removed lines on a page of its own.
pub async fn article_text(db: State, id: Result<Path<String>, PathRejection>) -> Response {
    respond(article_text_inner(db, id).await)
}

async fn article_text_inner(db: State, id: Result<Path<String>, PathRejection>) -> PageResult {
    let id = params::id(id)?;
    let wanted = id.clone();
    let Some(a) = db.run(move |s| s.article(&wanted)).await? else {
        return Err(Failure::NotFound(format!("There is no article {id}.")));
    };
    let no_number = |_: &str| 0;
    let body = html! {
        article.source-text {
            @if let Some(event) = &a.event {
                p.meta { a href=(format!("/events/{}", seg(event))) { "← The event this article reports" } }
            }
            (source_item(&a, &no_number, true))
        }
    };
    ok(page(&display_title(&a), Section::Events, None, body))
}

/// An article's title, or the start of its text when it has none.
fn display_title(a: &Article) -> String {
    if let Some(t) = a.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return t.to_string();
    }
    let words: Vec<&str> = a.text.split_whitespace().take(12).collect();
    if words.is_empty() {
        "(untitled)".to_string()
    } else {
        format!("{}…", words.join(" "))
    }
}

fn is_full_date(d: &str) -> bool {
    d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-' && !d.starts_with('-')
}

/// `--04-18` (year unknown) as "18 Apr"; other dates as [`nice_date`].
fn month_day(d: &str) -> String {
    if let Some(rest) = d.strip_prefix("--") {
        let full = nice_date(&format!("2000-{rest}"));
        if let Some(stripped) = full.strip_suffix(" 2000") {
            return stripped.to_string();
        }
        return d.to_string();
    }
    nice_date(d)
}

/// `/entities?q=`: people, organisations and places, those in most events first.
pub async fn entities(db: State, RawQuery(raw): RawQuery) -> Response {
    respond(entities_inner(db, raw).await)
}

async fn entities_inner(db: State, raw: Option<String>) -> PageResult {
    const PER: usize = 50;
    let p = Params::parse(raw.as_deref());
    let q = p.text("q")?;
    let page_no = p.bounded("page", 1, params::MAX_OFFSET / PER)?.max(1);
    let needle = q.clone().unwrap_or_default();
    let listing = db
        .run(move |s| s.entities(&needle, PER, (page_no - 1) * PER))
        .await?;
    let pages = listing.total.div_ceil(PER).max(1);
    let link = |n: usize| match &q {
        Some(q) => format!("/entities?q={}&page={n}", query_value(q)),
        None => format!("/entities?page={n}"),
    };
    ok(page(
        "People, organisations and places",
        Section::Entities,
        None,
        html! {
            h1 { "People, organisations and places" }
            form role="search" action="/entities" method="get" {
                label for="entity-q" { "Find a name or spelling " }
                input #entity-q type="search" name="q" value=[q.as_deref()] maxlength="200";
                " " button type="submit" { "Find" }
            }
            p.meta {
                (count(listing.total, "entity", "entities"))
                @if let Some(q) = &q { " matching “" (q) "”" }
                @if pages > 1 { " · page " (page_no) " of " (pages) }
            }
            @if listing.items.is_empty() {
                p.empty { "Nothing found." }
            } @else {
                table {
                    thead { tr { th scope="col" { "Name" } th scope="col" { "Type" } th scope="col" { "Spellings" } th scope="col" { "Events" } } }
                    tbody {
                        @for e in &listing.items {
                            tr {
                                td { a href=(format!("/entities/{}", path(&e.id))) { (e.name) } }
                                td { (e.kind) }
                                td { (e.forms.join(", ")) }
                                td { (e.events) }
                            }
                        }
                    }
                }
            }
            @if pages > 1 {
                nav.pager aria-label="Pages" {
                    span { @if page_no > 1 { a href=(link(page_no - 1)) rel="prev" { "← Previous" } } }
                    span { @if page_no < pages { a href=(link(page_no + 1)) rel="next" { "Next →" } } }
                }
            }
        },
    ))
}

/// `/entities/{id}`: one entity, its spellings and why they were merged, its events.
pub async fn entity(db: State, id: Result<Path<String>, PathRejection>) -> Response {
    respond(entity_inner(db, id).await)
}

async fn entity_inner(db: State, id: Result<Path<String>, PathRejection>) -> PageResult {
    let id = params::id(id)?;
    let wanted = id.clone();
    let Some(detail) = db.run(move |s| s.entity(&wanted, 100)).await? else {
        return Err(Failure::NotFound(format!("There is no entity {id}.")));
    };
    let e = &detail.entity;
    let others: Vec<&str> = e
        .forms
        .iter()
        .map(String::as_str)
        .filter(|f| *f != e.name)
        .collect();
    ok(page(
        &e.name,
        Section::Entities,
        None,
        html! {
            article {
                header {
                    p.meta { (type_label(e.kind, false)) }
                    h1 { (e.name) }
                    p.meta {
                        (count(e.mentions, "mention", "mentions")) " · "
                        (count(detail.events.len(), "event", "events"))
                        @if detail.events.len() >= 100 { " (the newest 100 shown)" }
                        " · " a href=(format!("/api/entities/{}", path(&id))) { "JSON" }
                    }
                }
                @if !others.is_empty() {
                    p { "Also written: " (others.join(", ")) }
                }
                @if !e.merges.is_empty() {
                    h2 { "Why these spellings are one " (type_label(e.kind, false).to_lowercase()) }
                    table {
                        thead { tr { th scope="col" { "Spelling" } th scope="col" { "Merged into" } th scope="col" { "Rule" } th scope="col" { "Evidence" } } }
                        tbody {
                            @for m in &e.merges {
                                tr { td { (m.form) } td { (m.into) } td { (m.rule.replace('_', " ")) } td { (m.evidence) } }
                            }
                        }
                    }
                }
                h2 { "Events" }
                @if detail.events.is_empty() { p.empty { "No events." } }
                @for c in &detail.events { (card(c, "h3")) }
            }
        },
    ))
}

/// `/search?q=`: matching events and articles.
pub async fn search(db: State, RawQuery(raw): RawQuery) -> Response {
    respond(search_inner(db, raw).await)
}

async fn search_inner(db: State, raw: Option<String>) -> PageResult {
    let p = Params::parse(raw.as_deref());
    let q = p.text("q")?;
    let results = match q.clone() {
        Some(q) => Some(db.run(move |s| s.search(&q, 20)).await?),
        None => None,
    };
    let title = match &q {
        Some(q) => format!("Search: {q}"),
        None => "Search".to_string(),
    };
    ok(page(
        &title,
        Section::Search,
        q.as_deref(),
        html! {
            h1 { "Search" }
            form role="search" action="/search" method="get" {
                label for="q" { "Words to find in events and articles " }
                input #q type="search" name="q" value=[q.as_deref()] maxlength="200";
                " " button type="submit" { "Search" }
            }
            @if let Some(r) = &results {
                section aria-labelledby="events-h" {
                    h2 #events-h { "Events (" (r.events.len()) ")" }
                    @if r.events.is_empty() { p.empty { "No event matches every word." } }
                    @for c in &r.events { (card(c, "h3")) }
                }
                section aria-labelledby="articles-h" {
                    h2 #articles-h { "Articles (" (r.articles.len()) ")" }
                    @if r.articles.is_empty() { p.empty { "No article matches every word." } }
                    @for a in &r.articles {
                        div.hit {
                            h3 {
                                a href=(format!("/articles/{}", seg(&a.id))) {
                                    (a.title.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or("(untitled)"))
                                }
                            }
                            p.meta {
                                @if let Some(s) = &a.source { (s) }
                                @if let Some(d) = &a.published { " · " (nice_date(d)) }
                            }
                            p.snippet { (a.snippet) }
                        }
                    }
                }
            }
        },
    ))
}

/// `/articles/{id}`: to the article's place among its event's sources.
pub async fn article(db: State, id: Result<Path<String>, PathRejection>) -> Response {
    respond(article_inner(db, id).await)
}

async fn article_inner(db: State, id: Result<Path<String>, PathRejection>) -> PageResult {
    let id = params::id(id)?;
    let wanted = id.clone();
    let found = db
        .run(move |s| {
            let Some(article) = s.article(&wanted)? else {
                return Ok(None);
            };
            let Some(event_id) = article.event else {
                return Ok(Some(None));
            };
            let position = s
                .event(&event_id)?
                .and_then(|e| e.articles.iter().position(|a| *a == wanted));
            Ok(Some(Some((event_id, position))))
        })
        .await?;
    match found {
        None => Err(Failure::NotFound(format!("There is no article {id}."))),
        Some(None) => Err(Failure::NotFound(format!(
            "The article {id} is not placed in an event yet."
        ))),
        Some(Some((event, position))) => {
            let mut to = format!("/events/{}", seg(&event));
            if let Some(i) = position {
                to.push_str(&format!("#source-{}", i + 1));
            }
            Ok((StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response())
        }
    }
}
