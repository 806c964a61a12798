//! Word lists asked "does it hold this word?" for every token of a sentence.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// A constant word list, tested through a hash set built on first use: the lists hold tens of
/// words and are asked about every token near a count, where a scan of the list cost more than
/// the rest of the test.
pub(crate) struct Words {
    list: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl Words {
    pub(crate) const fn new(list: &'static [&'static str]) -> Self {
        Words {
            list,
            set: OnceLock::new(),
        }
    }

    /// Whether the list holds `word` (as `list.contains(&word)` would say).
    pub(crate) fn contains<S: AsRef<str> + ?Sized>(&self, word: &S) -> bool {
        self.set
            .get_or_init(|| self.list.iter().copied().collect())
            .contains(word.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_list() {
        static W: Words = Words::new(&["were", "was", "been", "were"]);
        for w in ["were", "was", "been", "be", "", "Were"] {
            assert_eq!(W.contains(&w), ["were", "was", "been"].contains(&w), "{w}");
        }
        assert!(W.contains(&String::from("was")));
    }
}
