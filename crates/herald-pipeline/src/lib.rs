//! The whole herald flow in one process: ingest → clean → analyze → cluster → digest.
//!
//! `herald digest` calls [`digest`]; `herald eval` calls [`digest_articles`] on each data
//! set's groups of articles, so what is measured is exactly what users run.
//!
//! `herald digest` keeps the cleaned articles and the digested events in temporary files
//! ([`SpilledDigest`]), so a million-article stream runs in bounded memory; the store and
//! the evaluations use the in-memory [`digest_articles`] on the same stages.
//!
//! Parallel at the top (rayon over articles and over events), sequential inside a stage;
//! the output order is deterministic whatever the thread count: articles keep input
//! order, events are numbered in the order the stream opened them.

use std::convert::Infallible;
use std::path::PathBuf;

use herald_model::{Article, Digest, RawArticle};
use rayon::prelude::*;

mod spill;
mod spilled;

pub use spill::{Format as SpillFormat, Spill};
pub use spilled::SpilledDigest;

/// Articles are read and cleaned in chunks of this size, so memory stays bounded by the
/// chunk while all cores clean.
const CHUNK: usize = 4096;

/// Why a run produced nothing.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input held no usable article (the CLI exits with code 2).
    #[error("{0}")]
    Unusable(String),
    /// The temporary files that hold articles and events out of memory failed.
    #[error("temporary file: {0}")]
    Spill(#[from] std::io::Error),
}

/// Knobs of a whole run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Target summary length per event, in words.
    pub summary_words: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { summary_words: 40 }
    }
}

/// Read and clean every article under `paths`, warning about (and skipping) bad items.
pub fn clean_all(paths: &[PathBuf]) -> Result<Vec<Article>, Error> {
    stage("ingest and clean", || clean_all_inner(paths))
}

/// Run one stage inside its tracing span and report its wall time at `info` level.
fn stage<T>(name: &'static str, work: impl FnOnce() -> T) -> T {
    let _span = tracing::info_span!("stage", name).entered();
    let started = std::time::Instant::now();
    let cpu_before = cpu_seconds();
    let out = work();
    let wall = started.elapsed().as_secs_f64();
    tracing::info!("{name}: {wall:.3} s");
    if let (Some(before), Some(after)) = (cpu_before, cpu_seconds()) {
        // Cores kept busy: how much a stage gains from more of them, or loses to waiting.
        let cpu = after - before;
        tracing::info!("{name}: CPU {cpu:.2} s, {:.2} cores", cpu / wall.max(1e-9));
    }
    if let Some((resident, peak)) = memory() {
        tracing::info!("{name}: memory {resident} MB resident, peak {peak} MB");
    }
    out
}

/// CPU time (user and system, every thread) the process has used so far, in seconds
/// (Linux; `None` elsewhere).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces):
    // utime and stime are the 12th and 13th, in clock ticks.
    let mut fields = stat.get(stat.rfind(')')? + 2..)?.split(' ');
    let utime: f64 = fields.nth(11)?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    // USER_HZ: 100 on every Linux architecture herald builds for.
    Some((utime + stime) / 100.0)
}

/// The process's resident and peak resident memory in MB (Linux; `None` elsewhere).
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line[name.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kb / 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn clean_all_inner(paths: &[PathBuf]) -> Result<Vec<Article>, Error> {
    let mut articles = Vec::new();
    clean_stream(paths, |chunk| {
        articles.extend(chunk);
        Ok(())
    })?;
    Ok(articles)
}

/// Read and clean every article under `paths` a chunk at a time (all cores on a chunk),
/// handing each chunk of cleaned articles, in input order, to `keep`.
///
/// Reading (decoding and parsing the input) is sequential: it runs on a thread of its
/// own, a chunk ahead, so the cores clean one chunk while the next is read instead of
/// waiting for it.
fn clean_stream(
    paths: &[PathBuf],
    mut keep: impl FnMut(Vec<Article>) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut kept = 0usize;
    let mut failures = 0usize;
    std::thread::scope(|scope| -> Result<(), Error> {
        let (to_cleaner, chunks) = std::sync::mpsc::sync_channel::<Vec<RawArticle>>(1);
        let span = tracing::Span::current();
        let reader = scope.spawn(move || {
            // Its warnings belong to the stage that reads.
            let _span = span.entered();
            let mut failures = 0usize;
            let mut chunk: Vec<RawArticle> = Vec::with_capacity(CHUNK);
            for item in herald_ingest::read(paths) {
                match item {
                    Ok(raw) => {
                        chunk.push(raw);
                        if chunk.len() == CHUNK {
                            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                            if to_cleaner.send(full).is_err() {
                                // The cleaner stopped on an error of its own.
                                return failures;
                            }
                        }
                    }
                    Err(e) => {
                        failures += 1;
                        tracing::warn!("skipped {e}");
                    }
                }
            }
            if !chunk.is_empty() {
                let _ = to_cleaner.send(chunk);
            }
            failures
        });
        let mut cleaned_all = Ok(());
        for mut chunk in chunks.iter() {
            let cleaned: Vec<Article> = chunk.par_drain(..).filter_map(clean).collect();
            kept += cleaned.len();
            if let Err(e) = keep(cleaned) {
                cleaned_all = Err(e);
                break;
            }
        }
        // Dropping the receiver stops a reader still sending.
        drop(chunks);
        failures = match reader.join() {
            Ok(failures) => failures,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        cleaned_all
    })?;
    if kept == 0 {
        let what = if failures > 0 {
            format!("no usable article in the input ({failures} item(s) skipped, see the warnings above)")
        } else {
            "no usable article in the input (nothing to read, or every article was empty after cleaning)".to_string()
        };
        return Err(Error::Unusable(what));
    }
    Ok(())
}

/// Clean one raw article; `None` (with a warning) when no story text remains.
pub fn clean(raw: RawArticle) -> Option<Article> {
    clean_with_page(raw).map(|(article, _)| article)
}

/// [`clean`], also returning what the page's markup said about itself (author, site
/// name, dates) when the input was HTML.
pub fn clean_with_page(raw: RawArticle) -> Option<(Article, Option<herald_extract::Page>)> {
    // A headline the body repeats stays once in the text: it is part of the story as
    // published, and headlines often carry the figure ("Almost 150 killed in ...").
    let options = herald_extract::Options {
        keep_title_copy: true,
        ..Default::default()
    };
    let (mut cleaned, page) = herald_extract::clean_raw(&raw, &options);
    if cleaned.text.trim().is_empty() {
        // Nothing of the body was story (an access wall, a page of navigation): the
        // headline still reports something and places the article, as for a record that
        // came with a headline only.
        if let Some(title) = cleaned.title.as_deref().filter(|t| is_headline(t)) {
            tracing::info!("{}: body held no story text, kept the headline", raw.origin);
            cleaned.text = title.to_string();
        }
    }
    let RawArticle {
        id,
        url,
        published,
        source,
        origin,
        ..
    } = raw;
    if cleaned.text.trim().is_empty() {
        tracing::warn!("skipped {origin}: no story text after cleaning");
        return None;
    }
    let meta = page.clone().unwrap_or_default();
    let language = herald_text::detect_language(&cleaned.text)
        .map(str::to_string)
        .or(meta.language);
    let url = url.or(meta.canonical_url);
    // The outlet: as the input names it, else as the page names itself, else its web host.
    let source = source
        .or(meta.site_name)
        .or_else(|| url.as_deref().and_then(host).map(str::to_string));
    let article = Article {
        id,
        title: cleaned.title,
        url,
        source,
        published: published.or(meta.published).map(|p| normalise_date(&p)),
        language,
        text: cleaned.text,
        removed: cleaned.removed,
        duplicate_of: None,
        event: None,
    };
    Some((article, page))
}

/// A title that can stand alone as the text ([`herald_ingest::is_headline`]) and is not
/// itself boilerplate (a sign-in prompt printed as the page title).
fn is_headline(title: &str) -> bool {
    herald_ingest::is_headline(title) && herald_extract::classify_line(title).is_none()
}

/// The host of a web address, without `www.` (`example.org` from
/// `https://www.example.org/a/b`); `None` for anything that is not an http(s) address.
pub fn host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (host.contains('.') && !host.starts_with('.')).then_some(host)
}

/// Keep ISO 8601 input as given; turn other parseable dates (RFC 2822 from feeds) into ISO.
fn normalise_date(published: &str) -> String {
    let p = published.trim();
    let iso = p.len() >= 10 && p.as_bytes()[4] == b'-' && p.as_bytes()[7] == b'-';
    if iso {
        return p.to_string();
    }
    match herald_text::date::parse_published(p) {
        Some(d) => d.format("%Y-%m-%d").to_string(),
        None => p.to_string(),
    }
}

/// The whole digest of the articles under `paths`, with the cleaned articles and the
/// digested events kept in temporary files: memory holds what placing needs (the active
/// events) and one batch of analyses, not the stream. [`SpilledDigest`] serialises to
/// the same JSON as [`Digest`], streamed, or becomes one with
/// [`SpilledDigest::into_digest`].
pub fn digest(paths: &[PathBuf], options: &Options) -> Result<SpilledDigest, Error> {
    spilled::digest(paths, options, &|_| {})
}

/// How far [`digest_with_progress`] has come (for a progress bar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Reading and cleaning: articles kept so far.
    Reading { articles: usize },
    /// Placing articles into events, in stream order.
    Placing { done: usize, total: usize },
    /// Analysing and digesting events.
    Digesting { done: usize, total: usize },
}

/// [`digest`], telling `on_progress` (from any thread) how far it has come.
pub fn digest_with_progress(
    paths: &[PathBuf],
    options: &Options,
    on_progress: &(dyn Fn(Progress) + Sync),
) -> Result<SpilledDigest, Error> {
    spilled::digest(paths, options, on_progress)
}

/// Cluster, analyse and digest already-cleaned articles.
///
/// Placement needs only the cleaned text, so it runs first; analysis (sentences, names,
/// figures) is then done a batch of events at a time and dropped once they are digested:
/// memory holds the articles, the events and one batch of analyses, not every article's.
pub fn digest_articles(mut articles: Vec<Article>, options: &Options) -> Digest {
    let placement = stage("cluster", || {
        let refs: Vec<&Article> = articles.iter().collect();
        place(&refs)
    });
    let ids: Vec<String> = (0..placement.events.len()).map(event_id).collect();
    record_placement(&mut articles, &placement, &ids);
    let all: Vec<usize> = (0..ids.len()).collect();
    let mut events = stage("analyze and digest", || {
        digest_events(&articles, &placement.events, &ids, &all, options, &|_| {})
    });
    stage("link entities", || link_entities(&mut events));
    Digest { articles, events }
}

/// Write a placement onto the articles: each article's event id and the id of the
/// article it nearly copies.
pub fn record_placement(articles: &mut [Article], placement: &Placement, ids: &[String]) {
    for (e, members) in placement.events.iter().enumerate() {
        for &i in members {
            articles[i].event = Some(ids[e].clone());
        }
    }
    let copies: Vec<Option<String>> = placement
        .duplicate_of
        .iter()
        .map(|d| d.map(|d| articles[d].id.clone()))
        .collect();
    for (a, copy) in articles.iter_mut().zip(copies) {
        a.duplicate_of = copy;
    }
}

/// Articles whose clustering features are made at once, in stream order.
const PLACE_CHUNK: usize = 2048;

/// Articles analysed at once: every core busy on a batch, memory bounded by it.
const ANALYSIS_BATCH: usize = 4096;

/// Analyse and digest the events numbered `wanted` (members as indexes into `articles`,
/// which carry their placement), a batch of articles at a time. Returns the events in
/// `wanted` order; `on_done` is called from worker threads after each event.
pub fn digest_events(
    articles: &[Article],
    events: &[Vec<usize>],
    ids: &[String],
    wanted: &[usize],
    options: &Options,
    on_done: &(dyn Fn(usize) + Sync),
) -> Vec<herald_model::Event> {
    let mut out = Vec::with_capacity(wanted.len());
    let done = digest_events_with(
        &|i| Ok::<_, Infallible>(articles[i].clone()),
        events,
        ids,
        wanted,
        options,
        on_done,
        &mut |batch| {
            out.extend(batch);
            Ok(())
        },
    );
    let Ok(()) = done;
    out
}

/// [`digest_events`] with the articles fetched by `fetch` (by index, with their
/// placement) and each batch of digested events, in `wanted` order, handed to `sink`.
pub fn digest_events_with<E: Send>(
    fetch: &(dyn Fn(usize) -> Result<Article, E> + Sync),
    events: &[Vec<usize>],
    ids: &[String],
    wanted: &[usize],
    options: &Options,
    on_done: &(dyn Fn(usize) + Sync),
    sink: &mut dyn FnMut(Vec<herald_model::Event>) -> Result<(), E>,
) -> Result<(), E> {
    let digest_options = herald_digest::Options {
        summary_words: options.summary_words,
        ..Default::default()
    };
    // Batches of whole events, each of about ANALYSIS_BATCH articles.
    let mut batches: Vec<&[usize]> = Vec::new();
    let mut start = 0;
    while start < wanted.len() {
        let mut end = start;
        let mut size = 0;
        while end < wanted.len()
            && (size == 0 || size + events[wanted[end]].len() <= ANALYSIS_BATCH)
        {
            size += events[wanted[end]].len();
            end += 1;
        }
        batches.push(&wanted[start..end]);
        start = end;
    }
    let analyze_batch = |batch: &[usize]| -> Result<Analyses, E> {
        let members: Vec<usize> = batch
            .iter()
            .flat_map(|&e| events[e].iter().copied())
            .collect();
        let analyzed: Vec<herald_digest::Analyzed> = members
            .par_iter()
            .map(|&i| fetch(i).map(herald_digest::analyze))
            .collect::<Result<_, E>>()?;
        let position = members.iter().enumerate().map(|(p, &i)| (i, p)).collect();
        Ok(Analyses { analyzed, position })
    };
    let digest_batch = |batch: &[usize], analyses: &Analyses| -> Vec<herald_model::Event> {
        batch
            .par_iter()
            .map(|&e| {
                let refs: Vec<&herald_digest::Analyzed> = events[e]
                    .iter()
                    .map(|i| &analyses.analyzed[analyses.position[i]])
                    .collect();
                let event = herald_digest::digest_event(&ids[e], &refs, &digest_options);
                on_done(e);
                event
            })
            .collect()
    };
    // The next batch is analysed while this one is digested: the cores do not wait for
    // a batch's largest events to be digested before analysing more (memory holds two
    // batches of analyses).
    let mut current = batches.first().map(|b| analyze_batch(b)).transpose()?;
    for (k, batch) in batches.iter().enumerate() {
        let Some(analyses) = current.take() else {
            break;
        };
        let (next, digested) = rayon::join(
            || batches.get(k + 1).map(|b| analyze_batch(b)),
            || {
                let digested = digest_batch(batch, &analyses);
                // Freed here, while the other cores still analyse.
                drop(analyses);
                digested
            },
        );
        sink(digested)?;
        current = next.transpose()?;
    }
    Ok(())
}

/// One batch's analysed articles, and where each article (by index) is among them.
struct Analyses {
    analyzed: Vec<herald_digest::Analyzed>,
    position: std::collections::HashMap<usize, usize>,
}

/// Where the stream put each article: events as lists of member positions (in stream
/// order; events in order of creation) and, per article, the article it nearly copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub events: Vec<Vec<usize>>,
    pub duplicate_of: Vec<Option<usize>>,
}

/// Place every article in an event, in stream order (date, else input position), and find
/// near-duplicates. Needs only the cleaned articles, not their analysis, so a store can
/// re-place its whole stream cheaply and re-digest only the events that changed.
pub fn place(articles: &[&Article]) -> Placement {
    let dates: Vec<_> = articles.par_iter().map(|a| published_date(a)).collect();
    let placed = place_with(&dates, &|i| {
        Ok::<_, Infallible>(features_of(articles[i], dates[i]))
    });
    let Ok(placement) = placed;
    placement
}

/// The date an article is placed by.
pub(crate) fn published_date(article: &Article) -> Option<chrono::NaiveDate> {
    article
        .published
        .as_deref()
        .and_then(herald_text::date::parse_published)
}

pub(crate) fn features_of(
    article: &Article,
    date: Option<chrono::NaiveDate>,
) -> herald_cluster::Features {
    herald_cluster::features(article.title.as_deref(), &article.text, date)
}

/// [`place`] for articles known by their dates, whose clustering features `features`
/// makes (by article index, on any thread) when their turn comes.
pub fn place_with<E: Send>(
    dates: &[Option<chrono::NaiveDate>],
    features: &(dyn Fn(usize) -> Result<herald_cluster::Features, E> + Sync),
) -> Result<Placement, E> {
    let n = dates.len();
    let order = herald_cluster::stream_order(dates);
    let features_of = |chunk: &[usize]| -> Result<Vec<herald_cluster::Features>, E> {
        chunk.par_iter().map(|&i| features(i)).collect()
    };
    let mut clusterer = herald_cluster::Clusterer::new(herald_cluster::Options::default());
    let mut events: Vec<Vec<usize>> = Vec::new();
    let mut duplicate_of = vec![None; n];
    // Features are made a chunk at a time in stream order (memory holds two chunks, not
    // every article's), the next chunk on the other cores while this one is placed: the
    // placing itself is sequential.
    let mut chunks = order.chunks(PLACE_CHUNK);
    let mut current = chunks
        .next()
        .map(features_of)
        .transpose()?
        .unwrap_or_default();
    let mut position = 0;
    loop {
        let next_chunk = chunks.next();
        let (next, ()) = rayon::join(
            || next_chunk.map(features_of),
            || {
                for f in &current {
                    let i = order[position];
                    position += 1;
                    let placed = clusterer.add(f);
                    // A split made before placing this article took the index before it.
                    apply_splits(&mut events, clusterer.take_splits(), &order);
                    if placed.event >= events.len() {
                        events.resize(placed.event + 1, Vec::new());
                    }
                    duplicate_of[i] = placed.duplicate_of.map(|d| order[d]);
                    events[placed.event].push(i);
                }
            },
        );
        match next.transpose()? {
            Some(features) => current = features,
            None => break,
        }
    }
    clusterer.finish();
    apply_splits(&mut events, clusterer.take_splits(), &order);
    // Events in the order the stream opened them (a split-off half by its first member),
    // and a copy only in the event of the article it copies.
    let mut rank = vec![0usize; n];
    for (position, &i) in order.iter().enumerate() {
        rank[i] = position;
    }
    events.retain(|members| !members.is_empty());
    events.sort_by_key(|members| members.first().map(|&i| rank[i]));
    let mut event_of = vec![0usize; n];
    for (e, members) in events.iter().enumerate() {
        for &i in members {
            event_of[i] = e;
        }
    }
    for (i, copy) in duplicate_of.iter_mut().enumerate() {
        if copy.is_some_and(|d| event_of[d] != event_of[i]) {
            *copy = None;
        }
    }
    Ok(Placement {
        events,
        duplicate_of,
    })
}

/// Move the members of split events (positions in stream order) into their new events.
fn apply_splits(events: &mut Vec<Vec<usize>>, splits: Vec<herald_cluster::Split>, order: &[usize]) {
    for split in splits {
        let moved: Vec<usize> = split.members.iter().map(|&p| order[p]).collect();
        events[split.from].retain(|i| !moved.contains(i));
        if split.to >= events.len() {
            events.resize(split.to + 1, Vec::new());
        }
        events[split.to] = moved;
    }
}

/// Give one real thing the same entity id in every event (events in creation order, so
/// ids stay stable as later events arrive).
pub fn link_entities(events: &mut [herald_model::Event]) {
    let mut all: Vec<Vec<herald_model::Entity>> = events
        .iter_mut()
        .map(|e| std::mem::take(&mut e.entities))
        .collect();
    herald_names::link(&mut all);
    for (event, entities) in events.iter_mut().zip(all) {
        event.entities = entities;
    }
}

fn event_id(index: usize) -> String {
    format!("e{}", index + 1)
}

/// Digest articles known to report one event (an evaluation set's gold group, a user's
/// hand-picked folder) as that one event, without clustering them. Near-duplicates are
/// still marked, so a copy corroborates without counting twice.
pub fn digest_one_event(
    articles: Vec<Article>,
    id: &str,
    options: &Options,
) -> herald_model::Event {
    let mut analyzed: Vec<herald_digest::Analyzed> = articles
        .into_par_iter()
        .map(herald_digest::analyze)
        .collect();
    let dates: Vec<_> = analyzed.iter().map(|a| a.date).collect();
    let order = herald_cluster::stream_order(&dates);
    let mut seen: Vec<herald_cluster::Features> = Vec::with_capacity(order.len());
    for &i in &order {
        let f = herald_cluster::features(
            analyzed[i].article.title.as_deref(),
            &analyzed[i].article.text,
            analyzed[i].date,
        );
        if let Some(d) = herald_cluster::duplicate_of(&f, &seen) {
            analyzed[i].article.duplicate_of = Some(analyzed[order[d]].article.id.clone());
        }
        analyzed[i].article.event = Some(id.to_string());
        seen.push(f);
    }
    let members: Vec<&herald_digest::Analyzed> = order.iter().map(|&i| &analyzed[i]).collect();
    let digest_options = herald_digest::Options {
        summary_words: options.summary_words,
        ..Default::default()
    };
    herald_digest::digest_event(id, &members, &digest_options)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page whose body is only a sign-up wall, under the headline of its own story.
    fn walled(id: &str, title: &str) -> RawArticle {
        let wall = "One more step\n\nWe sent a verification email to the address you gave. \
                    Open it and follow the link to activate your account.\n\n\
                    Nothing arrived? Look in your spam folder.\n\nClose";
        RawArticle {
            id: id.to_string(),
            url: None,
            title: Some(title.to_string()),
            body: herald_model::Body::Text(wall.to_string()),
            published: Some("2024-03-04".to_string()),
            source: None,
            origin: format!("test:{id}"),
        }
    }

    #[test]
    fn an_access_wall_leaves_the_headline_as_the_text() {
        let article = clean(walled(
            "w",
            "Two hurt as bus leaves the road near the harbour",
        ))
        .expect("the headline is kept");
        assert_eq!(
            article.text,
            "Two hurt as bus leaves the road near the harbour"
        );
        assert!(article.removed.iter().any(|l| l.contains("verification")));
        // A wall under a title that is itself boilerplate leaves nothing to keep.
        assert!(clean(walled("x", "Please sign in to continue reading")).is_none());
    }

    #[test]
    fn the_same_wall_does_not_glue_different_stories() {
        let titles = [
            "Two hurt as bus leaves the road near the harbour",
            "Council votes to close the old library in the spring",
            "Storm cuts power to thousands along the northern coast",
        ];
        let articles: Vec<Article> = titles
            .iter()
            .enumerate()
            .filter_map(|(i, t)| clean(walled(&i.to_string(), t)))
            .collect();
        let refs: Vec<&Article> = articles.iter().collect();
        let placement = place(&refs);
        assert_eq!(placement.events.len(), 3, "{:?}", placement.events);
        assert!(placement.duplicate_of.iter().all(Option::is_none));
    }

    #[test]
    fn hosts_of_web_addresses() {
        assert_eq!(host("https://www.example.org/a/b?c"), Some("example.org"));
        assert_eq!(
            host("http://user@news.example.co.uk:8080/x"),
            Some("news.example.co.uk")
        );
        assert_eq!(host("ftp://example.org/"), None);
        assert_eq!(host("urn:uuid:1234"), None);
        assert_eq!(host("https://localhost/x"), None);
    }
}
