use serde::{Deserialize, Serialize};

/// The body of an article as it arrived: already plain text, or an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(String),
    Html(String),
}

/// One article as a reader produced it, before cleaning.
///
/// `origin` names where it came from (`path`, `path:line`, `path#record`) so that every
/// later warning can point a user at the input that caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawArticle {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub body: Body,
    /// ISO 8601 date or date-time as given by the input.
    pub published: Option<String>,
    pub source: Option<String>,
    pub origin: String,
}

/// A cleaned article: the `articles[]` object of the digest contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// ISO 8601 date (`YYYY-MM-DD`) or date-time, normalised when it could be parsed.
    pub published: Option<String>,
    /// ISO 639-1 code of the detected language (`en`), `None` when undecidable.
    pub language: Option<String>,
    /// The story text after cleaning: paragraphs separated by blank lines.
    pub text: String,
    /// Lines removed by cleaning, in input order (boilerplate and repeated copies).
    pub removed: Vec<String>,
    /// Id of the earlier article this one nearly duplicates.
    pub duplicate_of: Option<String>,
    /// Id of the event this article belongs to.
    pub event: Option<String>,
}
