//! Per-article analysis: sentences, name mentions, casualty claims, the article's date,
//! and per sentence what the summary needs (hygiene, compression, word and concept keys),
//! so that the per-event summary does no text work of its own.

use chrono::NaiveDate;
use herald_model::{Article, Claim, Mention, Sentence};
use herald_text::is_stopword;

use crate::compress::{compress, Cuts};
use crate::hygiene::{clean_enough, strip_prefixes};

/// The cuts the summary makes (measured with `herald eval summaries`).
pub(crate) const CUTS: Cuts = Cuts {
    parentheticals: true,
    attribution: false,
    adverbials: true,
};

/// An article with what the digest needs from it.
#[derive(Debug, Clone)]
pub struct Analyzed {
    pub article: Article,
    /// Sentences of `article.text` (the title is not part of them).
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
    /// The published date, parsed.
    pub date: Option<NaiveDate>,
    /// Per sentence of `sentences`, its form as a summary candidate.
    pub prepared: Vec<Prepared>,
    /// Keys of the concepts (content words, word pairs) of the whole article, each once.
    pub concepts: Vec<u64>,
    /// Keys of the article's words with their counts and the index of the first sentence
    /// that has them.
    pub word_counts: Vec<(u64, u32, u32)>,
}

/// One sentence as a summary candidate, prepared once per article.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// Passes the hygiene filter (may stand in a summary).
    pub clean: bool,
    /// Without prefixes, lightly compressed (empty unless `clean`).
    pub text: String,
    /// Whitespace-separated words of `text`.
    pub words: usize,
    /// Word keys of `text` in order (see [`word_key`]).
    pub tokens: Vec<u64>,
    /// Concept keys of `text`, each once.
    pub concepts: Vec<u64>,
    /// Per whitespace-separated word of `text`, the number of `tokens` up to its end: a
    /// summary cut after `k` words keeps `tokens[..word_ends[k - 1]]`.
    pub word_ends: Vec<u16>,
}

/// Key of a lowercased word: a 64-bit hash whose bit 1 is clear, whose bit 0 tells a
/// function word (a stopword or a single character), bit 2 a word with a digit and bits
/// 3-6 its length in characters (at most 15): what the summary's word model reads of a
/// word without its text.
pub(crate) fn word_key(lower: &str) -> u64 {
    let chars = lower.chars().count();
    let stop = is_stopword(lower) || chars < 2;
    let digit = lower.bytes().any(|b| b.is_ascii_digit());
    (hash(lower.as_bytes()) & !0x7f)
        | ((chars.min(15) as u64) << 3)
        | (u64::from(digit) << 2)
        | u64::from(stop)
}

/// Length in characters (at most 15) of the word behind a [`word_key`].
pub(crate) fn key_chars(key: u64) -> u32 {
    ((key >> 3) & 15) as u32
}

/// Whether the word behind a [`word_key`] has a digit.
pub(crate) fn key_digit(key: u64) -> bool {
    key & 4 != 0
}

/// Key of a pair of adjacent words: bit 1 set.
pub(crate) fn pair_key(a: u64, b: u64) -> u64 {
    (mix(a.rotate_left(17) ^ mix(b ^ 0x9e37_79b9_7f4a_7c15)) & !3) | 2
}

pub(crate) fn is_function_word(key: u64) -> bool {
    key & 3 == 1
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

fn hash(bytes: &[u8]) -> u64 {
    // FNV-1a, finished with a 64-bit mixer.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// Word keys of `text`: lowercase runs of letters and digits.
pub(crate) fn tokens(text: &str, buffer: &mut String) -> Vec<u64> {
    let mut out = Vec::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        buffer.clear();
        if w.is_ascii() {
            buffer.push_str(w);
            buffer.make_ascii_lowercase();
        } else {
            buffer.extend(w.chars().flat_map(char::to_lowercase));
        }
        out.push(word_key(buffer));
    }
    out.shrink_to_fit();
    out
}

/// Per whitespace-separated word of `text`, the number of [`tokens`] up to its end.
pub(crate) fn word_ends(text: &str) -> Vec<u16> {
    let mut total = 0u16;
    text.split_whitespace()
        .map(|w| {
            let mut inside = false;
            for c in w.chars() {
                let alnum = c.is_alphanumeric();
                if alnum && !inside {
                    total = total.saturating_add(1);
                }
                inside = alnum;
            }
            total
        })
        .collect()
}

/// Concepts of a token sequence: content words and pairs of adjacent words that are not
/// both function words; each once, sorted.
pub(crate) fn concepts(tokens: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = tokens
        .iter()
        .copied()
        .filter(|&t| !is_function_word(t))
        .collect();
    for w in tokens.windows(2) {
        if !(is_function_word(w[0]) && is_function_word(w[1])) {
            out.push(pair_key(w[0], w[1]));
        }
    }
    out.sort_unstable();
    out.dedup();
    // Kept per sentence for the whole run: no spare capacity.
    out.shrink_to_fit();
    out
}

/// Analyse one cleaned article. Pure; run it in parallel over articles.
///
/// A near-duplicate (`article.duplicate_of` set) gets only its date: an event's digest
/// reads nothing else of a copy (it corroborates through `duplicate_of`, and gives no
/// mentions, claims or candidate sentences), so its text is not read again. About one
/// article in six of a news stream is such a copy.
pub fn analyze(article: Article) -> Analyzed {
    let date = article
        .published
        .as_deref()
        .and_then(herald_text::date::parse_published);
    if article.duplicate_of.is_some() {
        return Analyzed {
            article,
            sentences: Vec::new(),
            mentions: Vec::new(),
            claims: Vec::new(),
            date,
            prepared: Vec::new(),
            concepts: Vec::new(),
            word_counts: Vec::new(),
        };
    }
    let sentences = herald_text::sentences(&article.text);
    let mentions = herald_names::mentions(&article.id, &article.text, &sentences);
    let claims = herald_claims::claims(&article, &sentences, date);
    let mut buffer = String::new();
    let mut all_concepts = Vec::new();
    let mut all_tokens = Vec::new();
    let prepared = sentences
        .iter()
        .map(|s| {
            let text = strip_prefixes(&s.text);
            let tokens = tokens(text, &mut buffer);
            let concepts = concepts(&tokens);
            all_concepts.extend_from_slice(&concepts);
            all_tokens.extend(tokens.iter().map(|&t| (t, s.index as u32)));
            if !clean_enough(text) {
                return Prepared::default();
            }
            let has_figure = text.contains(|c: char| c.is_ascii_digit())
                || claims.iter().any(|cl| cl.sentence_index == s.index);
            let compressed = compress(text, has_figure, CUTS);
            let (tokens, concepts) = if compressed == text {
                (tokens, concepts)
            } else {
                let t = self::tokens(&compressed, &mut buffer);
                let c = self::concepts(&t);
                (t, c)
            };
            let word_ends = word_ends(&compressed);
            Prepared {
                clean: true,
                words: word_ends.len(),
                word_ends,
                text: compressed,
                tokens,
                concepts,
            }
        })
        .collect();
    all_concepts.sort_unstable();
    all_concepts.dedup();
    all_tokens.sort_unstable();
    let mut word_counts: Vec<(u64, u32, u32)> = Vec::new();
    for (t, sentence) in all_tokens {
        match word_counts.last_mut() {
            Some((k, n, _)) if *k == t => *n += 1,
            _ => word_counts.push((t, 1, sentence)),
        }
    }
    // Every article's analysis stays in memory until the run ends: no spare capacity.
    all_concepts.shrink_to_fit();
    word_counts.shrink_to_fit();
    Analyzed {
        article,
        sentences,
        mentions,
        claims,
        date,
        prepared,
        concepts: all_concepts,
        word_counts,
    }
}
