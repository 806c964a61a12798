//! Word tokens of a sentence with byte spans, the unit every claim rule walks over.

use std::sync::LazyLock;

use regex::Regex;

#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub low: String,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    /// A name-like token: capitalized, or containing a capital after a particle ("al-Rashid").
    pub fn has_capital(&self) -> bool {
        self.text.chars().any(char::is_uppercase)
    }
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}]+(?:[-'’.,:/][\p{L}\p{N}]+)*|\S").expect("static regex is valid")
});

pub fn tokenize(text: &str) -> Vec<Tok> {
    TOKEN
        .find_iter(text)
        .map(|m| Tok {
            start: m.start(),
            end: m.end(),
            text: m.as_str().to_string(),
            low: m.as_str().to_lowercase().replace('’', "'"),
        })
        .collect()
}

/// Index of the token that starts at byte `at` (or the first one after it).
pub fn index_at(toks: &[Tok], at: usize) -> Option<usize> {
    toks.iter().position(|t| t.start >= at)
}

/// Index of the token that ends at byte `at` (or the last one before it).
pub fn index_ending(toks: &[Tok], at: usize) -> Option<usize> {
    toks.iter().rposition(|t| t.end <= at)
}
