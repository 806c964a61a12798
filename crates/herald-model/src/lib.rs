//! The plain data every herald stage passes to the next.
//!
//! herald's flow is `ingest → clean → analyze → dedup → cluster → digest → outputs`
//! (see `DESIGN.md`). Each stage is a function over these types, so this crate holds
//! data only: no I/O, no algorithms. The serde shapes of [`Article`] and [`Event`]
//! *are* the JSON contract of `herald digest`: fields may be added, never renamed.

mod article;
mod claim;
mod entity;
mod event;

pub use article::{Article, Body, RawArticle};
pub use claim::{figure, group_thousands, Claim, ClaimKind, Fact, FactPoint, Qualifier};
pub use entity::{Entity, EntityType, Mention, Merge};
pub use event::{Digest, Event, SummarySentence, TimelineEntry};

/// A sentence of an article's cleaned text, by byte range into `Article::text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Position of the sentence in its article, from 0.
    pub index: usize,
    /// Byte offset of the first character in the article text.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// The sentence text (trimmed), a copy of `text[start..end]`.
    pub text: String,
    /// Index of the paragraph (blank-line or line separated block) it belongs to.
    pub paragraph: usize,
}
