//! What the clusterer knows about one article: weighted stems, names and a MinHash
//! signature. Computed independently per article, so callers can run it in parallel.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use herald_text::{is_stopword, stem, tokens};

use crate::minhash::{signature, Signature};

/// Words of the title count this many times the body's.
const TITLE_WEIGHT: f32 = 3.0;
/// Only the start of long articles: the lead carries the story, the tail drifts.
const MAX_BODY_TOKENS: usize = 600;

/// One article's clustering features.
#[derive(Debug, Clone)]
pub struct Features {
    /// Term hash → weighted count (title counted [`TITLE_WEIGHT`] times).
    pub terms: Vec<(u64, f32)>,
    /// Term hash → count in the title alone (sorted by term): what places an article
    /// whose body turns out to be a page template (see `Clusterer::add`).
    pub title_terms: Vec<(u64, f32)>,
    /// Hashes of capitalised names written in the text (lowercased), deduplicated.
    pub names: Vec<u64>,
    /// Hashes of the words the text writes in lower case, deduplicated: the stream counts
    /// them to tell names ("Mysore") from capitalised common words ("Police", "Sunday").
    pub lowercase: Vec<u64>,
    /// MinHash signature of word 4-gram shingles.
    pub signature: Signature,
    /// Number of word tokens in the text (for the duplicate rule).
    pub length: usize,
    pub date: Option<chrono::NaiveDate>,
}

/// Compute the clustering features of one article.
pub fn features(title: Option<&str>, text: &str, date: Option<chrono::NaiveDate>) -> Features {
    let mut counts: FxHashMap<u64, f32> = FxHashMap::default();
    let mut title_terms: Vec<(u64, f32)> = Vec::new();
    let mut names: Vec<u64> = Vec::new();
    let mut lowercase: Vec<u64> = Vec::new();
    let body = tokens(text);
    // Hashes of the lowercased words, in order, for the shingles.
    let mut words: Vec<u64> = Vec::with_capacity(body.len());
    WORDS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(title) = title {
            for t in tokens(title) {
                if let Some(h) = cache.term(t.text) {
                    *counts.entry(h).or_default() += TITLE_WEIGHT;
                    title_terms.push((h, 1.0));
                }
            }
        }
        cache.article += 1;
        let mut previous_end_of_sentence = true;
        for (i, t) in body.iter().enumerate() {
            let seen = cache.token(t.text, i < MAX_BODY_TOKENS, !previous_end_of_sentence);
            if let Some(h) = seen.term {
                *counts.entry(h).or_default() += 1.0;
            }
            words.push(seen.lower);
            names.extend(seen.new_name);
            lowercase.extend(seen.new_lowercase);
            let gap = &text[t.end..body.get(i + 1).map_or(text.len(), |n| n.start)];
            previous_end_of_sentence = ends_sentence(gap);
        }
    });
    // Still sorted and deduplicated: the lists hold each word once unless the cache was
    // cleared during the article.
    names.sort_unstable();
    names.dedup();
    lowercase.sort_unstable();
    lowercase.dedup();
    let mut terms: Vec<(u64, f32)> = counts.into_iter().collect();
    terms.sort_unstable_by_key(|&(h, _)| h);
    Features {
        terms,
        title_terms: count_sorted(title_terms),
        names,
        lowercase,
        signature: signature(&words),
        length: words.len(),
        date,
    }
}

/// Terms with their counts, sorted by term, from one entry per occurrence.
fn count_sorted(mut occurrences: Vec<(u64, f32)>) -> Vec<(u64, f32)> {
    occurrences.sort_unstable_by_key(|&(h, _)| h);
    let mut counted: Vec<(u64, f32)> = Vec::with_capacity(occurrences.len());
    for (h, n) in occurrences {
        match counted.last_mut() {
            Some((last, count)) if *last == h => *count += n,
            _ => counted.push((h, n)),
        }
    }
    counted
}

/// Whether the text between two words ends a sentence (the next word may be capitalised
/// as any sentence's first word is, so it is not taken for a name).
fn ends_sentence(gap: &str) -> bool {
    // Byte tests for the ASCII marks; the curly quote only where a non-ASCII byte is.
    gap.bytes()
        .any(|b| matches!(b, b'.' | b'!' | b'?' | b'\n' | b'"'))
        || (!gap.is_ascii() && gap.contains('“'))
}

/// Words whose facts a thread has computed, kept up to this many (then forgotten at once).
const WORD_CACHE: usize = 1 << 17;

/// What [`features`] reads of a word as written, whatever article it is in.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Word {
    /// [`hash_lowercase`] of the word.
    lower: u64,
    /// [`is_name_like`].
    name_like: bool,
    /// The word's [`hash`] when it starts with a lower-case letter and has three bytes or
    /// more (it counts as written in lower case).
    written_lower: Option<u64>,
}

impl Word {
    fn of(word: &str) -> Word {
        Word {
            lower: hash_lowercase(word),
            name_like: is_name_like(word),
            written_lower: (word.starts_with(|c: char| c.is_lowercase()) && word.len() >= 3)
                .then(|| hash(word)),
        }
    }
}

/// A word's facts and its term, computed when first needed (words past
/// [`MAX_BODY_TOKENS`] need no term).
struct Entry {
    word: Word,
    term: Option<Option<u64>>,
    /// The latest article (by [`Words::article`]) that listed the word among its names,
    /// and among its lower-case words: an article lists each once, so the lists to sort
    /// and deduplicate hold its distinct words, not all its tokens.
    named_in: u64,
    lowered_in: u64,
}

/// Word as written → its facts: stemming is most of the cost of a term, and news repeats
/// its words, so one lookup per token replaces the stem, the stopword test (a lowercased
/// copy for a capitalised word) and two hashes of the word.
#[derive(Default)]
struct Words {
    /// Words of at most 15 bytes, keyed by [`packed`]: most words of news text. A boxed
    /// string key sent each lookup to the heap for the comparison (a cache miss on a map
    /// this size): placing 100k articles spent 1.5% of all its samples in that `memcmp`.
    short: FxHashMap<u128, Entry>,
    /// Longer words, keyed by the word.
    long: FxHashMap<Box<str>, Entry>,
    /// Articles begun by this thread (stamps for [`Entry::named_in`]; 0 is none).
    article: u64,
}

/// What one body token adds to the features.
struct Seen {
    lower: u64,
    term: Option<u64>,
    /// The name, the first time the article writes it where a name counts.
    new_name: Option<u64>,
    /// The lower-case word, the first time the article writes it.
    new_lowercase: Option<u64>,
}

impl Words {
    /// Applies `f` to the word's entry, made on first sight.
    fn with_entry<T>(&mut self, word: &str, f: impl FnOnce(&mut Entry) -> T) -> T {
        let key = packed(word);
        let found = match key {
            Some(k) => self.short.get_mut(&k),
            None => self.long.get_mut(word),
        };
        if let Some(entry) = found {
            return f(entry);
        }
        if self.short.len() + self.long.len() >= WORD_CACHE {
            self.short.clear();
            self.long.clear();
        }
        let mut entry = Entry {
            word: Word::of(word),
            term: None,
            named_in: 0,
            lowered_in: 0,
        };
        let out = f(&mut entry);
        match key {
            Some(k) => self.short.insert(k, entry),
            None => self.long.insert(word.into(), entry),
        };
        out
    }

    /// The term of a word (see [`term_uncached`]).
    fn term(&mut self, word: &str) -> Option<u64> {
        self.with_entry(word, |e| *e.term.get_or_insert_with(|| term_uncached(word)))
    }

    /// A body token of the current article: its hash, its term (`with_term`), and
    /// whether it is a name (`may_name`: not a sentence's first word) or a lower-case
    /// word the article has not listed yet.
    fn token(&mut self, word: &str, with_term: bool, may_name: bool) -> Seen {
        let article = self.article;
        self.with_entry(word, |e| {
            let term = if with_term {
                *e.term.get_or_insert_with(|| term_uncached(word))
            } else {
                None
            };
            let (mut new_name, mut new_lowercase) = (None, None);
            if may_name && e.word.name_like {
                if e.named_in != article {
                    e.named_in = article;
                    new_name = Some(e.word.lower);
                }
            } else if let Some(h) = e.word.written_lower {
                if e.lowered_in != article {
                    e.lowered_in = article;
                    new_lowercase = Some(h);
                }
            }
            Seen {
                lower: e.word.lower,
                term,
                new_name,
                new_lowercase,
            }
        })
    }
}

/// A word of at most 15 bytes as one integer: its bytes, then its length in the last
/// byte. Two words pack alike only when they are the same word.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut buffer = [0u8; 16];
    buffer[..bytes.len()].copy_from_slice(bytes);
    buffer[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(buffer))
}

thread_local! {
    static WORDS: RefCell<Words> = RefCell::new(Words::default());
}

/// The term of a word (its stem's hash), `None` for stopwords, numbers and single letters.
fn term_uncached(word: &str) -> Option<u64> {
    if word.chars().all(|c| c.is_ascii_digit() || c == ',') {
        // Numbers of two digits or more tell look-alike stories apart (23 pirates held,
        // not 26); single digits are too common to.
        return (word.len() >= 2).then(|| hash(&format!("#{word}")));
    }
    if word.chars().count() < 2 {
        return None;
    }
    if is_stopword(word) {
        return None;
    }
    Some(hash(&stem(word)))
}

fn is_name_like(word: &str) -> bool {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(|c| c.is_uppercase());
    first_upper && word.chars().count() >= 2 && !is_stopword(word)
}

/// [`hash`] of the word lowercased, without building the lowercased word.
pub(crate) fn hash_lowercase(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    if word.is_ascii() {
        word.bytes().for_each(|b| feed(b.to_ascii_lowercase()));
    } else {
        let mut buffer = [0u8; 4];
        for c in word.chars().flat_map(char::to_lowercase) {
            c.encode_utf8(&mut buffer).bytes().for_each(&mut feed);
        }
    }
    h
}

/// FNV-1a, 64 bit: stable across runs and platforms, so term ids need no shared vocabulary.
pub(crate) fn hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_words_are_equal_only_for_equal_words() {
        let words = [
            "",
            "a",
            "a\0",
            "\0a",
            "ab",
            "ba",
            "abc",
            "fifteen-bytes-x",
            "fifteen-bytes-y",
            "sixteen-bytes-xx",
            "é",
            "e\u{301}",
            "Élan",
            "élan",
        ];
        for a in words {
            for b in words {
                let (pa, pb) = (packed(a), packed(b));
                if a.len() > 15 || b.len() > 15 {
                    assert_eq!(pa.is_none(), a.len() > 15);
                    continue;
                }
                assert_eq!(pa == pb, a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn title_words_weigh_more_and_stopwords_are_dropped() {
        let f = features(
            Some("Flood hits town"),
            "The flood rose. The river rose.",
            None,
        );
        let flood = hash(&stem("flood"));
        let the = hash(&stem("the"));
        let w = f.terms.iter().find(|(h, _)| *h == flood).map(|x| x.1);
        assert_eq!(w, Some(TITLE_WEIGHT + 1.0));
        assert!(!f.terms.iter().any(|(h, _)| *h == the));
    }

    #[test]
    fn lowercase_hash_is_the_hash_of_the_lowercased_word() {
        for w in ["Mysore", "LONDON", "ÉCOLE", "straße", "İstanbul", "x"] {
            assert_eq!(
                hash_lowercase(w),
                hash(&w.chars().flat_map(char::to_lowercase).collect::<String>()),
                "{w}"
            );
        }
    }

    /// The features as computed word by word with no cache (the definition the cached
    /// path must match).
    fn slow_features(title: Option<&str>, text: &str) -> Features {
        let mut counts: FxHashMap<u64, f32> = FxHashMap::default();
        let (mut names, mut lowercase) = (Vec::new(), Vec::new());
        let mut title_counts: FxHashMap<u64, f32> = FxHashMap::default();
        for t in title.map(tokens).unwrap_or_default() {
            if let Some(h) = term_uncached(t.text) {
                *counts.entry(h).or_default() += TITLE_WEIGHT;
                *title_counts.entry(h).or_default() += 1.0;
            }
        }
        let mut title_terms: Vec<(u64, f32)> = title_counts.into_iter().collect();
        title_terms.sort_unstable_by_key(|&(h, _)| h);
        let body = tokens(text);
        let mut words = Vec::new();
        let mut previous_end_of_sentence = true;
        for (i, t) in body.iter().enumerate() {
            if i < MAX_BODY_TOKENS {
                if let Some(h) = term_uncached(t.text) {
                    *counts.entry(h).or_default() += 1.0;
                }
            }
            let lower = hash(
                &t.text
                    .chars()
                    .flat_map(char::to_lowercase)
                    .collect::<String>(),
            );
            words.push(lower);
            if !previous_end_of_sentence && is_name_like(t.text) {
                names.push(lower);
            } else if t.text.starts_with(|c: char| c.is_lowercase()) && t.text.len() >= 3 {
                lowercase.push(hash(t.text));
            }
            let gap = &text[t.end..body.get(i + 1).map_or(text.len(), |n| n.start)];
            previous_end_of_sentence = gap.contains(['.', '!', '?', '\n', '"', '“']);
        }
        names.sort_unstable();
        names.dedup();
        lowercase.sort_unstable();
        lowercase.dedup();
        let mut terms: Vec<(u64, f32)> = counts.into_iter().collect();
        terms.sort_unstable_by_key(|&(h, _)| h);
        Features {
            terms,
            title_terms,
            names,
            lowercase,
            signature: signature(&words),
            length: words.len(),
            date: None,
        }
    }

    fn same(a: &Features, b: &Features) -> bool {
        a.terms == b.terms
            && a.title_terms == b.title_terms
            && a.names == b.names
            && a.lowercase == b.lowercase
            && a.signature == b.signature
            && a.length == b.length
    }

    #[test]
    fn cached_words_give_the_features_computed_word_by_word() {
        let long: String = (0..700)
            .map(|i| format!("Word{} said “Kestrel” {i}. ", i % 37))
            .collect();
        let texts = [
            (
                "Flood hits town",
                "The flood rose. The river rose! Then Maria Costa spoke?",
            ),
            (
                "",
                "İstanbul and ÉCOLE straße: “Quoted” Name, 2,800 people; 7 days\nNew line Here",
            ),
            (
                "Officials' don’t al-Amin",
                "don’t al-Amin O'Neil \"Said\" Mr. Smith in 2020 and 1.5",
            ),
            ("Long", long.as_str()),
            ("", ""),
        ];
        // Twice: the second round reads every word from the cache.
        for _ in 0..2 {
            for (title, text) in texts {
                let title = Some(title).filter(|t| !t.is_empty());
                let fast = features(title, text, None);
                let slow = slow_features(title, text);
                assert!(same(&fast, &slow), "{title:?} / {text:?}");
            }
        }
    }

    #[test]
    fn sentence_ends_match_the_character_test() {
        for gap in [
            " ", ". ", "! ", "?", "\n", " \"", " “", " ”", ", ", " — ", "’ ", "",
        ] {
            assert_eq!(
                ends_sentence(gap),
                gap.contains(['.', '!', '?', '\n', '"', '“']),
                "{gap:?}"
            );
        }
    }

    #[test]
    fn names_skip_sentence_initial_words() {
        let f = features(
            None,
            "Rain fell on Lisbon. Officials met Maria Costa.",
            None,
        );
        assert!(f.names.contains(&hash("lisbon")));
        assert!(f.names.contains(&hash("costa")));
        assert!(!f.names.contains(&hash("rain")));
        assert!(!f.names.contains(&hash("officials")));
    }
}
