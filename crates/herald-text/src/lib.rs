//! Text primitives every later herald stage relies on.
//!
//! Cleaning (herald-extract) uses [`normalize`] and [`repair_entities`]; analysis uses
//! [`sentences`], [`tokens`] and [`stem`]; claims use [`number`] and [`date`]. All
//! functions are pure and allocation-light so they run inside rayon workers over articles.

pub mod charclass;
pub mod date;
mod entity;
mod language;
mod lower;
mod normalize;
pub mod number;
mod sentence;
pub mod sparse;
mod token;

pub use entity::repair_entities;
pub use language::detect_language;
pub use lower::with_lowercase;
pub use normalize::normalize;
pub use sentence::sentences;
pub use token::{is_stopword, stem, tokens, Token};
