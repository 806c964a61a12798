//! Word tokens and English stems.
//!
//! Tokens are runs of letters and digits, with inner apostrophes and hyphens kept
//! ("al-Amin", "don't", "2,800" stays as one token through inner commas/periods between
//! digits). Stems come from the Snowball English stemmer (rust-stemmers), lowercased.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// A word token as a byte range of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Word tokens of `text`, in order: runs of letters and digits (`char::is_alphanumeric`),
/// joined across `'`, `’` or `-` before a letter or digit and across `,` or `.` between two
/// ASCII digits.
///
/// Cut by bytes: a char is decoded only at a non-ASCII byte. Inside a word the char before
/// a separator is always a letter or digit (a joiner is kept only before one), so only the
/// separator and the char after it decide. Every article's body is tokenised for its
/// cluster features, where the char-by-char walk (kept in the tests as the reference) was a
/// quarter of the features' cost (1k digest: 4,025 M -> 3,988 M instructions in all).
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let alphanumeric_at = |i: usize| match bytes.get(i) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[i..].chars().next().is_some_and(char::is_alphanumeric),
        None => false,
    };
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            i += 1;
            continue;
        }
        let (word_char, width, joins) = if b.is_ascii() {
            let joins = start.is_some()
                && match b {
                    b'\'' | b'-' => alphanumeric_at(i + 1),
                    b',' | b'.' => {
                        i > 0
                            && bytes[i - 1].is_ascii_digit()
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    }
                    _ => false,
                };
            (false, 1, joins)
        } else {
            let c = text[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            let width = c.len_utf8();
            let joins = start.is_some() && c == '’' && alphanumeric_at(i + width);
            (c.is_alphanumeric(), width, joins)
        };
        if word_char {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start {
            if !joins {
                out.push(Token {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
        }
        i += width;
    }
    if let Some(s) = start {
        out.push(Token {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Words whose stem a thread remembers, up to this many (then forgotten at once).
const STEM_CACHE: usize = 1 << 16;

thread_local! {
    /// Word as written → its stem: Snowball costs a few thousand instructions a word and
    /// news repeats its words (the digest stems every timeline and title candidate).
    static STEMS: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Box<str>>> =
        std::cell::RefCell::new(Default::default());
}

/// Lowercased Snowball English stem of one word.
pub fn stem(word: &str) -> String {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(s) = cache.get(word) {
            return s.to_string();
        }
        let stemmed = stem_uncached(word);
        if cache.len() >= STEM_CACHE {
            cache.clear();
        }
        cache.insert(word.into(), stemmed.as_str().into());
        stemmed
    })
}

fn stem_uncached(word: &str) -> String {
    let lower = word.to_lowercase();
    let lower = lower.replace('’', "'");
    STEMMER.stem(&lower).into_owned()
}

/// Common English function words that carry no topic.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "says",
    "say",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "too",
    "told",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "according",
    "across",
    "already",
    "although",
    "among",
    "around",
    "away",
    "back",
    "become",
    "became",
    "cannot",
    "come",
    "days",
    "day",
    "done",
    "either",
    "else",
    "ever",
    "every",
    "first",
    "get",
    "go",
    "going",
    "got",
    "know",
    "later",
    "let",
    "lot",
    "mr",
    "mrs",
    "ms",
    "next",
    "often",
    "per",
    "put",
    "re",
    "s",
    "see",
    "seen",
    "several",
    "shall",
    "t",
    "take",
    "time",
    "week",
    "well",
    "went",
    "whether",
    "whole",
];

static STOPWORD_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.iter().copied().collect());

/// True for a common English function word, whatever its case.
pub fn is_stopword(word: &str) -> bool {
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        STOPWORD_SET.contains(word)
    } else {
        STOPWORD_SET.contains(word.to_lowercase().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `tokens` as first written, char by char: the reference for the byte walk.
    fn tokens_by_chars(text: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let word_char = c.is_alphanumeric();
            if word_char {
                if start.is_none() {
                    start = Some(i);
                }
                continue;
            }
            if let Some(s) = start {
                // Inner joiners: letter'letter, letter-letter, digit,digit, digit.digit
                let prev = text[..i].chars().next_back();
                let next = iter.peek().map(|&(_, n)| n);
                let joins = match (prev, c, next) {
                    (Some(p), '\'' | '’' | '-', Some(n)) => {
                        p.is_alphanumeric() && n.is_alphanumeric()
                    }
                    (Some(p), ',' | '.', Some(n)) => p.is_ascii_digit() && n.is_ascii_digit(),
                    _ => false,
                };
                if joins {
                    continue;
                }
                out.push(Token {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
        }
        if let Some(s) = start {
            out.push(Token {
                text: &text[s..],
                start: s,
                end: text.len(),
            });
        }
        out
    }

    #[test]
    fn byte_walk_tokens_are_the_char_walk_tokens() {
        let pieces = [
            "a", "Z", "7", "0", " ", "'", "’", "-", ",", ".", "é", "ß", "İ", "中", "٣", "²",
            "\u{301}", "“", "”", "—", "\u{a0}", "😀", "\n", "x1", "2,800", "al-Amin", "don’t",
        ];
        let mut state = 5u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        for round in 0..20_000 {
            let text: String = (0..round % 24)
                .map(|_| pieces[next() % pieces.len()])
                .collect();
            assert_eq!(tokens(&text), tokens_by_chars(&text), "{text:?}");
        }
        let long =
            "Police said 2,800.5 people—O’Neil’s “al-Amin” group—left on 3.4.2020. Ünïcödé ٣٣ x²";
        assert_eq!(tokens(long), tokens_by_chars(long));
    }

    fn words(s: &str) -> Vec<&str> {
        tokens(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn keeps_inner_joiners() {
        assert_eq!(
            words("al-Amin's forces, 2,800 people (3.5%) don't—leave."),
            vec![
                "al-Amin's",
                "forces",
                "2,800",
                "people",
                "3.5",
                "don't",
                "leave"
            ]
        );
    }

    #[test]
    fn offsets_are_exact() {
        let s = "Éric met  Zoë.";
        for t in tokens(s) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
    }

    #[test]
    fn stems_fold_inflections() {
        assert_eq!(stem("Killed"), stem("killing"));
        assert_eq!(stem("offensives"), stem("offensive"));
    }

    #[test]
    fn stopwords() {
        assert!(is_stopword("the"));
        assert!(is_stopword("The"));
        assert!(!is_stopword("battle"));
    }
}
