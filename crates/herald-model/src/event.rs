use serde::{Deserialize, Serialize};

use crate::{Article, Claim, Entity, Fact};

/// A summary sentence and the articles it cites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    pub text: String,
    /// The article the sentence is taken from.
    pub article: String,
    /// Other articles that carry the same content.
    pub also_in: Vec<String>,
}

/// One dated line of an event's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// ISO 8601 date; `--MM-DD` when the articles never give the year.
    pub date: String,
    pub text: String,
    pub article: String,
}

/// A cluster of articles about one real-world happening, digested.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub summary_sentences: Vec<SummarySentence>,
    pub articles: Vec<String>,
    pub entities: Vec<Entity>,
    pub claims: Vec<Claim>,
    pub facts: Vec<Fact>,
    pub timeline: Vec<TimelineEntry>,
}

/// The whole output of `herald digest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Digest {
    pub articles: Vec<Article>,
    pub events: Vec<Event>,
}
