use serde::{Deserialize, Serialize};

/// What happened to the people a number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Killed,
    Wounded,
    Captured,
    Detained,
    Displaced,
    Missing,
    Kidnapped,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 7] = [
        ClaimKind::Killed,
        ClaimKind::Wounded,
        ClaimKind::Captured,
        ClaimKind::Detained,
        ClaimKind::Displaced,
        ClaimKind::Missing,
        ClaimKind::Kidnapped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Killed => "killed",
            ClaimKind::Wounded => "wounded",
            ClaimKind::Captured => "captured",
            ClaimKind::Detained => "detained",
            ClaimKind::Displaced => "displaced",
            ClaimKind::Missing => "missing",
            ClaimKind::Kidnapped => "kidnapped",
        }
    }
}

/// How the text qualifies a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    MoreThan,
    About,
    Almost,
    AtMost,
    UpTo,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::About => "about",
            Qualifier::Almost => "almost",
            Qualifier::AtMost => "at_most",
            Qualifier::UpTo => "up_to",
        }
    }

    /// Words a reader expects before the number ("at least 205").
    pub fn phrase(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::AtLeast => "at least",
            Qualifier::MoreThan => "more than",
            Qualifier::About => "about",
            Qualifier::Almost => "almost",
            Qualifier::AtMost => "at most",
            Qualifier::UpTo => "up to",
        }
    }
}

/// A count of people harmed, as one sentence of one article reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub kind: ClaimKind,
    pub value: u64,
    pub qualifier: Qualifier,
    pub article: String,
    /// The sentence the claim was read from.
    pub sentence: String,
    /// Index of that sentence in its article (for ordering and citations).
    #[serde(skip)]
    pub sentence_index: usize,
    /// Who reported the figure ("World Health Organization", "police").
    pub attributed_to: Option<String>,
    /// Date the figure holds for, ISO 8601 (`2019-04-18`, or `--04-18` when the year is unknown).
    pub as_of: Option<String>,
    /// The span of time or occasion the count covers, as written ("in a week of fighting").
    pub period: Option<String>,
    /// Where, as written, when the sentence says.
    pub place: Option<String>,
    /// Who the victims are, when the sentence says ("civilians", "soldiers").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// One reported figure on a fact's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactPoint {
    pub value: u64,
    pub qualifier: Qualifier,
    pub article: String,
    pub attributed_to: Option<String>,
    pub as_of: Option<String>,
}

/// An event's reconciled figure for one kind of harm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub kind: ClaimKind,
    /// The best current figure.
    pub value: u64,
    pub qualifier: Qualifier,
    pub attributed_to: Option<String>,
    /// The article the best figure comes from.
    pub article: String,
    /// Lowest and highest figure reported for this kind across sources.
    pub low: u64,
    pub high: u64,
    /// True when sources report different figures for the same period.
    pub disputed: bool,
    /// How the figure moved, oldest first.
    #[serde(default)]
    pub history: Vec<FactPoint>,
}

/// A figure as a reader expects it: "at least 205", "8,000" (`phrase` is a qualifier's
/// [`Qualifier::phrase`], empty for an exact number).
pub fn figure(phrase: &str, value: u64) -> String {
    let v = group_thousands(value);
    if phrase.is_empty() {
        v
    } else {
        format!("{phrase} {v}")
    }
}

/// `1234567` as "1,234,567".
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod figure_tests {
    use super::*;

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(group_thousands(8000), "8,000");
        assert_eq!(group_thousands(205), "205");
        assert_eq!(group_thousands(1234567), "1,234,567");
        assert_eq!(figure("at least", 1234567), "at least 1,234,567");
        assert_eq!(figure("", 56), "56");
    }
}
