//! Names for herald: mentions of people, organisations and places, and their resolution across
//! spellings.
//!
//! Sits in the `analyze` stage (per article: [`mentions`]) and the `digest` stage (per event:
//! [`resolve`]; across events: [`link`], which gives one real thing the same id in every
//! event) of herald's flow. No model is downloaded: mentions come from capitalisation,
//! titles, particles, acronyms and a small general gazetteer; resolution joins the spellings
//! that machine translation and transliteration produce ("Gaddani", "Qaddani", "Kadhani") with a
//! consonant-skeleton comparison and name structure, and records why every spelling was joined.
//!
//! ```
//! use herald_model::Sentence;
//! let text = "Field Marshal Islam Karimov met UN envoys in Tashkent. Kerimov said talks would go on.";
//! let sentences = vec![
//!     Sentence { index: 0, start: 0, end: 54, text: text[..54].to_string(), paragraph: 0 },
//!     Sentence { index: 1, start: 55, end: text.len(), text: text[55..].to_string(), paragraph: 0 },
//! ];
//! let mentions = herald_names::mentions("a1", text, &sentences);
//! let entities = herald_names::resolve(&mentions);
//! let karimov = entities.iter().find(|e| e.name == "Islam Karimov").unwrap();
//! assert!(karimov.forms.contains(&"Kerimov".to_string()));
//! ```

mod common_words;
pub mod gazetteer;
mod link;
mod mention;
mod resolve;
pub mod similarity;
pub mod title;
pub mod transliteration;

use herald_model::{Entity, Mention, Sentence};

pub use link::{link, Linker};
pub use resolve::initials_match;
pub use similarity::Thresholds;

/// The knobs of mention finding and resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Share of capitalised long words above which a line without end punctuation is a Title
    /// Case headline (low trust).
    pub title_case_ratio: f64,
    /// Type a two- to four-word capitalised name with no other evidence as a person.
    pub default_person: bool,
    /// How alike two spellings must be to join.
    pub similarity: Thresholds,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            title_case_ratio: 0.75,
            default_person: true,
            similarity: Thresholds::default(),
        }
    }
}

/// The names in one article's story text, with their types, roles and acronyms.
///
/// `sentences` index into `text` by byte range (as `herald_text::sentences` gives them); when
/// empty, lines are used. Title lines are in `sentences` too and are trusted less.
pub fn mentions(article_id: &str, text: &str, sentences: &[Sentence]) -> Vec<Mention> {
    mention::mentions_with(article_id, text, sentences, &Options::default())
}

/// [`mentions`] with explicit options.
pub fn mentions_with(
    article_id: &str,
    text: &str,
    sentences: &[Sentence],
    opts: &Options,
) -> Vec<Mention> {
    mention::mentions_with(article_id, text, sentences, opts)
}

/// One entity per real thing among the mentions of one event, most mentioned first.
pub fn resolve(mentions: &[Mention]) -> Vec<Entity> {
    resolve::resolve_with(mentions, &Options::default())
}

/// [`resolve`] with explicit options.
pub fn resolve_with(mentions: &[Mention], opts: &Options) -> Vec<Entity> {
    resolve::resolve_with(mentions, opts)
}
