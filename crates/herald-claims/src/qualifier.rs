//! How the text qualifies a count: "at least 40", "more than 300", "around 1,500",
//! "almost 90", "up to 300", "40 or more".
//!
//! Phrases are read from the words right before the count (and "or more" right after).
//! "some", "about", "around", "roughly", "approximately", "an estimated" mean `About`;
//! "nearly", "almost", "close to", "just under" mean `Almost`; "over" and "upwards of" mean
//! `MoreThan`; "fewer than", "less than", "no more than", "under" mean `AtMost`. An explicit
//! phrase wins over the qualifier a vague amount implies ("about a dozen" is `About`).

use std::sync::LazyLock;

use herald_model::Qualifier;

/// Qualifier phrases, longest first.
const PHRASES: &[(&str, Qualifier)] = &[
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("in excess of", Qualifier::MoreThan),
    ("just short of", Qualifier::Almost),
    ("a total of", Qualifier::Exact),
    ("as many as", Qualifier::UpTo),
    ("at least", Qualifier::AtLeast),
    ("more than", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("well over", Qualifier::MoreThan),
    ("just over", Qualifier::MoreThan),
    ("an estimated", Qualifier::About),
    ("close to", Qualifier::Almost),
    ("just under", Qualifier::Almost),
    ("fewer than", Qualifier::AtMost),
    ("less than", Qualifier::AtMost),
    ("at most", Qualifier::AtMost),
    ("up to", Qualifier::UpTo),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("some", Qualifier::About),
    ("roughly", Qualifier::About),
    ("approximately", Qualifier::About),
    ("approx", Qualifier::About),
    ("estimated", Qualifier::About),
    ("circa", Qualifier::About),
    ("nearly", Qualifier::Almost),
    ("almost", Qualifier::Almost),
    ("under", Qualifier::AtMost),
];

/// The qualifier phrase ending just before token `count_start`: its qualifier and the index of
/// its first token. `lows` are the sentence's lowercased tokens.
pub fn before(lows: &[String], count_start: usize) -> Option<(Qualifier, usize)> {
    // The phrases split into words once, not per count.
    static SPLIT: LazyLock<Vec<(Vec<&'static str>, Qualifier)>> = LazyLock::new(|| {
        PHRASES
            .iter()
            .map(|&(phrase, q)| (phrase.split(' ').collect(), q))
            .collect()
    });
    for (words, q) in SPLIT.iter() {
        let q = *q;
        let n = words.len();
        if count_start < n {
            continue;
        }
        let first = count_start - n;
        if words
            .iter()
            .enumerate()
            .all(|(k, w)| lows.get(first + k).is_some_and(|l| l == w))
        {
            return Some((q, first));
        }
    }
    None
}

/// "40 or more" after the count.
pub fn after(lows: &[String], count_end: usize) -> Option<Qualifier> {
    let w = |k: usize| lows.get(k).map(String::as_str).unwrap_or("");
    if w(count_end + 1) == "or" && w(count_end + 2) == "more" {
        return Some(Qualifier::AtLeast);
    }
    None
}
