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

/// Bytes in the longest stopword.
const LONGEST_STOPWORD: usize = 10;

/// The stopwords as [`ascii_key`]s.
static STOPWORD_KEYS: LazyLock<HashSet<u128>> =
    LazyLock::new(|| STOPWORDS.iter().map(|w| ascii_key(w.as_bytes())).collect());

/// A word of at most 15 bytes as one integer: its bytes, lower-cased where ASCII, and in
/// the top byte its length. Packed with a few overlapping loads and lower-cased in
/// registers: an array copy and a byte-wise lower-casing took 87 instructions a word, a
/// byte-by-byte packing loop about 40 (callgrind).
fn ascii_key(bytes: &[u8]) -> u128 {
    key_of(pack(bytes), bytes.len())
}

/// [`ascii_key`] of a word already [`pack`]ed.
fn key_of((low, high): (u64, u64), len: usize) -> u128 {
    let high = ascii_lowercase_word(high) | (len as u64) << 56;
    u128::from(ascii_lowercase_word(low)) | u128::from(high) << 64
}

/// The bytes of a slice of at most 15 bytes, little-endian, as two words (zero-padded).
/// Where two loads overlap they carry the same bytes, so or-ing them is exact.
fn pack(bytes: &[u8]) -> (u64, u64) {
    let n = bytes.len();
    let small = |b: &[u8]| -> u64 {
        match b.len() {
            0 => 0,
            1..=3 => {
                let m = b.len();
                u64::from(b[0])
                    | u64::from(b[m / 2]) << (8 * (m / 2))
                    | u64::from(b[m - 1]) << (8 * (m - 1))
            }
            _ => {
                let m = b.len();
                let first = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
                let last = u64::from(u32::from_le_bytes([b[m - 4], b[m - 3], b[m - 2], b[m - 1]]));
                first | last << (8 * (m - 4))
            }
        }
    };
    if n < 8 {
        (small(bytes), 0)
    } else {
        let mut first = [0u8; 8];
        first.copy_from_slice(&bytes[..8]);
        (u64::from_le_bytes(first), small(&bytes[8..]))
    }
}

/// `make_ascii_lowercase` of eight ASCII bytes at once: a byte from 'A' to 'Z' gets 0x20.
/// Adding 0x3F sets a byte's top bit from 'A' up, adding 0x25 from '[' up; no ASCII byte
/// carries into its neighbour.
fn ascii_lowercase_word(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let from_a = word + ONES * (0x80 - u64::from(b'A'));
    let past_z = word + ONES * (0x80 - u64::from(b'Z') - 1);
    let upper = (from_a & !past_z) & (ONES * 0x80);
    word | upper >> 2
}

/// True for a common English function word, whatever its case.
///
/// Every token of every article is asked (cluster features, summary vectors), so ASCII
/// words are answered from their [`ascii_key`], without a string (1k digest: 52.6 M
/// instructions for about 350 k calls before).
pub fn is_stopword(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.len() <= LONGEST_STOPWORD {
        let packed = pack(bytes);
        if (packed.0 | packed.1) & 0x8080_8080_8080_8080 == 0 {
            return STOPWORD_KEYS.contains(&key_of(packed, bytes.len()));
        }
    } else if bytes.is_ascii() {
        return false;
    }
    // Lower-casing may shorten or make ASCII what was not ("K", the Kelvin sign).
    STOPWORD_SET.contains(word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_stopword` as first written: the reference for the integer keys.
    fn is_stopword_by_string(word: &str) -> bool {
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            STOPWORD_SET.contains(word)
        } else {
            STOPWORD_SET.contains(word.to_lowercase().as_str())
        }
    }

    #[test]
    fn packing_is_the_little_endian_bytes() {
        let mut state = 0x5851_f42d_4c95_7f2du64;
        for n in 0..=15usize {
            for _ in 0..200 {
                let bytes: Vec<u8> = (0..n)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        (state >> 24) as u8
                    })
                    .collect();
                let mut padded = [0u8; 16];
                padded[..n].copy_from_slice(&bytes);
                let want = u128::from_le_bytes(padded);
                let (low, high) = pack(&bytes);
                assert_eq!(u128::from(low) | u128::from(high) << 64, want, "{bytes:?}");
            }
        }
    }

    #[test]
    fn word_lowercasing_is_byte_lowercasing() {
        for b in 0..0x80u8 {
            for at in 0..8 {
                let mut bytes = *b"Ab[z@Z`0";
                bytes[at] = b;
                let mut want = bytes;
                want.make_ascii_lowercase();
                let got = ascii_lowercase_word(u64::from_le_bytes(bytes));
                assert_eq!(got.to_le_bytes(), want, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn stopword_keys_answer_as_the_string_set() {
        assert_eq!(
            STOPWORDS.iter().map(|w| w.len()).max(),
            Some(LONGEST_STOPWORD)
        );
        for w in STOPWORDS {
            let upper = w.to_uppercase();
            let title = format!("{}{}", &upper[..1], &w[1..]);
            for form in [
                w.to_string(),
                upper,
                title,
                format!("{w}s"),
                w[1..].to_string(),
            ] {
                assert_eq!(is_stopword(&form), is_stopword_by_string(&form), "{form}");
            }
        }
        let pieces = [
            "a", "T", "he", "HE", "o", "f", "'", "-", "1", "\u{212a}", "é", "ß", "x", "\0", "TH",
            "ere",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut word = String::new();
            for _ in 0..(state % 7) as usize + 1 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                word.push_str(pieces[(state >> 8) as usize % pieces.len()]);
            }
            assert_eq!(is_stopword(&word), is_stopword_by_string(&word), "{word:?}");
        }
    }

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
