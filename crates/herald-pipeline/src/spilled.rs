//! `herald digest` in bounded memory: the cleaned articles and the digested events live
//! in temporary files ([`Spill`]) and the output is streamed from them.
//!
//! What stays in memory: per article its id, date, event and copy (about 100 bytes), the
//! clusterer's active events, one batch of analyses, and the entity linker's things (one
//! per real thing seen, its blocks hashed). Events are linked as they are digested, in
//! order, which gives the ids [`herald_names::link`] gives at the end.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use herald_model::{Article, Digest, Event};
use rayon::prelude::*;
use serde::ser::{Error as _, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::spill::{Format, Spill};
use crate::{
    clean_stream, digest_events_with, event_id, features_of, place_with, published_date, stage,
    Error, Options, Progress,
};

/// Articles between two reports of placing progress.
const PROGRESS_EVERY: usize = 1024;

/// A whole digest whose articles and events are kept in temporary files.
///
/// Serialises to exactly the JSON of the [`Digest`] it stands for, reading one record at
/// a time.
pub struct SpilledDigest {
    /// Cleaned articles in input order, without their placement.
    articles: Spill,
    /// Article ids, input order.
    ids: Vec<String>,
    /// Per article, its event (index into `event_ids`).
    event_of: Vec<u32>,
    /// Per article, the article it nearly copies.
    duplicate_of: Vec<Option<u32>>,
    /// Digested events in order, entities linked.
    events: Spill,
    event_ids: Vec<String>,
}

impl SpilledDigest {
    /// Number of articles.
    pub fn articles(&self) -> usize {
        self.ids.len()
    }

    /// Number of events.
    pub fn events(&self) -> usize {
        self.event_ids.len()
    }

    /// Article `index` (input order) with its event and copy filled in.
    pub fn article(&self, index: usize) -> std::io::Result<Article> {
        let mut article: Article = self.articles.get(index)?;
        self.place(&mut article, index);
        Ok(article)
    }

    fn place(&self, article: &mut Article, index: usize) {
        article.event = Some(self.event_ids[self.event_of[index] as usize].clone());
        article.duplicate_of = self.duplicate_of[index].map(|d| self.ids[d as usize].clone());
    }

    /// Event `index` (creation order).
    pub fn event(&self, index: usize) -> std::io::Result<Event> {
        self.events.get(index)
    }

    /// Per article, input order: its id, its event's id and the id of the article it
    /// nearly copies. Needs no temporary file.
    pub fn assignments(&self) -> impl Iterator<Item = (&str, &str, Option<&str>)> + '_ {
        (0..self.ids.len()).map(|i| {
            (
                self.ids[i].as_str(),
                self.event_ids[self.event_of[i] as usize].as_str(),
                self.duplicate_of[i].map(|d| self.ids[d as usize].as_str()),
            )
        })
    }

    /// Everything in memory (for the formats a person reads, on inputs that fit).
    pub fn into_digest(self) -> std::io::Result<Digest> {
        let articles = (0..self.articles())
            .map(|i| self.article(i))
            .collect::<std::io::Result<_>>()?;
        let events = (0..self.events())
            .map(|i| self.event(i))
            .collect::<std::io::Result<_>>()?;
        Ok(Digest { articles, events })
    }
}

impl Serialize for SpilledDigest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Articles<'a>(&'a SpilledDigest);
        struct Events<'a>(&'a SpilledDigest);
        impl Serialize for Articles<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.0.articles()))?;
                for i in 0..self.0.articles() {
                    seq.serialize_element(&self.0.article(i).map_err(S::Error::custom)?)?;
                }
                seq.end()
            }
        }
        impl Serialize for Events<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.0.events()))?;
                for i in 0..self.0.events() {
                    seq.serialize_element(&self.0.event(i).map_err(S::Error::custom)?)?;
                }
                seq.end()
            }
        }
        // Field names and order as `Digest`'s.
        let mut digest = serializer.serialize_struct("Digest", 2)?;
        digest.serialize_field("articles", &Articles(self))?;
        digest.serialize_field("events", &Events(self))?;
        digest.end()
    }
}

/// Clean, place, analyse and digest, spilling articles and events.
pub(crate) fn digest(
    paths: &[PathBuf],
    options: &Options,
    on_progress: &(dyn Fn(Progress) + Sync),
) -> Result<SpilledDigest, Error> {
    let mut articles = Spill::new(Format::Postcard)?;
    let mut ids = Vec::new();
    let mut dates = Vec::new();
    stage("ingest and clean", || {
        clean_stream(paths, |chunk| {
            let encoded: Vec<std::io::Result<Vec<u8>>> =
                chunk.par_iter().map(|a| articles.encode(a)).collect();
            dates.extend(chunk.par_iter().map(published_date).collect::<Vec<_>>());
            for (article, bytes) in chunk.into_iter().zip(encoded) {
                articles.push_encoded(&bytes?)?;
                ids.push(article.id);
            }
            on_progress(Progress::Reading {
                articles: ids.len(),
            });
            Ok(())
        })
    })?;
    articles.flush()?;

    // Features are made a chunk ahead of placing, so their count is near enough.
    let featured = AtomicUsize::new(0);
    let placement = stage("cluster", || {
        place_with(&dates, &|i| {
            let done = featured.fetch_add(1, Ordering::Relaxed) + 1;
            if done.is_multiple_of(PROGRESS_EVERY) || done == dates.len() {
                on_progress(Progress::Placing {
                    done,
                    total: dates.len(),
                });
            }
            articles
                .get::<Article>(i)
                .map(|a| features_of(&a, dates[i]))
        })
    })?;
    drop(dates);
    let event_ids: Vec<String> = (0..placement.events.len()).map(event_id).collect();
    let mut event_of = vec![0u32; ids.len()];
    for (e, members) in placement.events.iter().enumerate() {
        for &i in members {
            event_of[i] = e as u32;
        }
    }
    let duplicate_of: Vec<Option<u32>> = placement
        .duplicate_of
        .iter()
        .map(|d| d.map(|d| d as u32))
        .collect();
    // Events' entities and claims skip empty fields when serialised: JSON reads them back.
    let mut events = Spill::new(Format::Json)?;
    let mut linker = herald_names::Linker::default();
    // An article as the analysis sees it: with its placement, as `record_placement` writes.
    let fetch = |i: usize| -> std::io::Result<Article> {
        let mut article: Article = articles.get(i)?;
        article.event = Some(event_ids[event_of[i] as usize].clone());
        article.duplicate_of = duplicate_of[i].map(|d| ids[d as usize].clone());
        Ok(article)
    };
    let all: Vec<usize> = (0..event_ids.len()).collect();
    let digested_events = AtomicUsize::new(0);
    stage("analyze, digest and link", || {
        // Linking is sequential (events in order) and writing too: a thread of their own
        // takes each digested batch while the cores analyse the next, instead of both
        // cores waiting on them after every batch.
        std::thread::scope(|scope| {
            let (to_writer, batches) = std::sync::mpsc::sync_channel::<Vec<Event>>(2);
            let (linker, events) = (&mut linker, &mut events);
            let writer = scope.spawn(move || -> std::io::Result<()> {
                // Both are sequential: logged apart so a slow stage says which part is slow.
                let (mut linking, mut writing) = (Duration::ZERO, Duration::ZERO);
                for batch in batches {
                    for mut event in batch {
                        let started = Instant::now();
                        linker.link_event(&mut event.entities);
                        let linked = Instant::now();
                        events.push(&event)?;
                        linking += linked - started;
                        writing += linked.elapsed();
                    }
                }
                tracing::info!(
                    "linking entities: {:.3} s, writing events: {:.3} s (on their own thread)",
                    linking.as_secs_f64(),
                    writing.as_secs_f64()
                );
                Ok(())
            });
            let digested = digest_events_with(
                &fetch,
                &placement.events,
                &event_ids,
                &all,
                options,
                &|_| {
                    let done = digested_events.fetch_add(1, Ordering::Relaxed) + 1;
                    if done.is_multiple_of(256) || done == all.len() {
                        on_progress(Progress::Digesting {
                            done,
                            total: all.len(),
                        });
                    }
                },
                &mut |batch| {
                    to_writer
                        .send(batch)
                        .map_err(|_| std::io::Error::other("the event writer stopped"))
                },
            );
            drop(to_writer);
            let written = match writer.join() {
                Ok(written) => written,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            // The writer's own error says why it stopped.
            written.and(digested)
        })
    })?;
    events.flush()?;
    Ok(SpilledDigest {
        articles,
        ids,
        event_of,
        duplicate_of,
        events,
        event_ids,
    })
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::{clean_all, digest_articles, Options, Progress};

    fn same_as_in_memory(paths: &[PathBuf]) {
        let options = Options::default();
        let reports = std::sync::Mutex::new(Vec::new());
        let spilled = super::digest(paths, &options, &|p| {
            reports.lock().expect("not poisoned").push(p)
        })
        .expect("digest");
        // Progress ends with every article read and placed and every event digested.
        let reports = reports.into_inner().expect("not poisoned");
        let last_of = |want: fn(&Progress) -> bool| reports.iter().rev().copied().find(want);
        let articles = spilled.articles();
        assert_eq!(
            last_of(|p| matches!(p, Progress::Reading { .. })),
            Some(Progress::Reading { articles })
        );
        assert_eq!(
            last_of(|p| matches!(p, Progress::Placing { .. })),
            Some(Progress::Placing {
                done: articles,
                total: articles
            })
        );
        let events = spilled.events();
        assert_eq!(
            last_of(|p| matches!(p, Progress::Digesting { .. })),
            Some(Progress::Digesting {
                done: events,
                total: events
            })
        );
        let streamed = serde_json::to_string_pretty(&spilled).expect("serialise");
        let in_memory = digest_articles(clean_all(paths).expect("clean"), &options);
        assert_eq!(
            streamed,
            serde_json::to_string_pretty(&in_memory).expect("serialise")
        );
        // Read back, as the Markdown and HTML briefs do (compared as JSON: a float read
        // back from its JSON may differ in its last bit, which no output shows).
        let read_back = spilled.into_digest().expect("read back");
        assert_eq!(
            serde_json::to_string_pretty(&read_back).expect("serialise"),
            streamed
        );
    }

    #[test]
    fn the_spilled_digest_is_the_in_memory_digest() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        same_as_in_memory(&[root.join("examples/libya-2019")]);
        // Many events, copies and splits, when the team's data sets are beside the repository.
        let ecb = root.join("../shared/eval/clustering/ecbplus-dev/articles.jsonl");
        if ecb.is_file() {
            same_as_in_memory(&[ecb]);
        }
    }
}
