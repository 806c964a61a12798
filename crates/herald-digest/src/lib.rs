//! Per-event digests: from the articles of one event to its [`Event`] record.
//!
//! The last stage of the flow. Per article, [`analyze`] finds sentences, name mentions and
//! casualty claims (pure, run it on all cores). Per event, [`digest_event`] resolves the
//! names into entities (herald-names), reconciles the claims into facts (herald-claims),
//! picks a headline-like title, builds a dated timeline and writes an extractive summary
//! whose every sentence cites the article it comes from and the others that say the same.

mod analyze;
mod compress;
mod hygiene;
mod summary;
mod timeline;
mod title;
mod vector;

use herald_model::Event;

pub use analyze::{analyze, Analyzed};
pub use summary::summarize;

/// Knobs of the digest stage.
#[derive(Debug, Clone)]
pub struct Options {
    /// Target length of the summary in words ("about": it may run a little over).
    pub summary_words: usize,
    /// Most timeline entries per event.
    pub timeline_entries: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            summary_words: 40,
            timeline_entries: 12,
        }
    }
}

/// Digest one event from its analysed articles, given in stream order.
///
/// Near-duplicate articles (`article.duplicate_of` set) corroborate summary sentences
/// (`also_in`) but give no claims of their own, so a re-posted wire copy does not count twice.
pub fn digest_event(id: &str, members: &[&Analyzed], options: &Options) -> Event {
    let originals: Vec<&Analyzed> = members
        .iter()
        .copied()
        .filter(|a| a.article.duplicate_of.is_none())
        .collect();
    let mentions: Vec<_> = originals
        .iter()
        .flat_map(|a| a.mentions.iter().cloned())
        .collect();
    let entities = herald_names::resolve(&mentions);
    let claims: Vec<_> = originals
        .iter()
        .flat_map(|a| a.claims.iter().cloned())
        .collect();
    let facts = herald_claims::reconcile(&claims);
    let summary_sentences = summarize(members, &entities, &facts, options.summary_words);
    let summary = summary_sentences
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let title = title::title(members, &summary_sentences);
    let timeline = timeline::timeline(&originals, options.timeline_entries);
    Event {
        id: id.to_string(),
        title,
        summary,
        summary_sentences,
        articles: members.iter().map(|a| a.article.id.clone()).collect(),
        entities,
        claims,
        facts,
        timeline,
    }
}

/// An English article with only an id, a text and maybe a date: what the unit tests digest.
#[cfg(test)]
pub(crate) fn test_article(id: &str, published: Option<&str>, text: &str) -> herald_model::Article {
    herald_model::Article {
        id: id.into(),
        title: None,
        url: None,
        source: None,
        published: published.map(Into::into),
        language: Some("en".into()),
        text: text.into(),
        removed: Vec::new(),
        duplicate_of: None,
        event: None,
    }
}
