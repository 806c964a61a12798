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

/// Clean sentences per article that may enter the summary (the rest still count for
/// the event's concepts and words): stories put what matters first, and this bounds the
/// work on long articles.
pub(crate) const CANDIDATES_PER_ARTICLE: usize = 12;

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
    /// Per sentence of `sentences`, its form as a summary candidate: prepared (`clean`)
    /// for the first [`CANDIDATES_PER_ARTICLE`] sentences that pass the hygiene filter,
    /// empty for the others.
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
    /// Passes the hygiene filter (may stand in a summary) and is one of the article's
    /// first [`CANDIDATES_PER_ARTICLE`] that do.
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
    // The length test first: it spares the set lookup for single characters.
    let stop = chars < 2 || is_stopword(lower);
    let digit = lower.bytes().any(|b| b.is_ascii_digit());
    key_of(hash(lower.as_bytes()), chars, digit, stop)
}

/// A [`word_key`] from the word's hash and what it tells of the word.
fn key_of(hash: u64, chars: usize, digit: bool, stop: bool) -> u64 {
    (hash & !0x7f) | ((chars.min(15) as u64) << 3) | (u64::from(digit) << 2) | u64::from(stop)
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
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    mix(h)
}

/// Word keys of `text`: lowercase runs of letters and digits.
#[cfg(test)]
pub(crate) fn tokens(text: &str, buffer: &mut String) -> Vec<u64> {
    let mut out = Vec::new();
    push_tokens(text, buffer, &mut out);
    out
}

/// Per ASCII byte, what [`push_tokens`] needs of it: its lowercase form when it is a
/// letter or digit, else 0.
static ASCII_LOWER: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// Appends the word keys of `text` (lowercase runs of letters and digits) to `out`.
///
/// One pass over the bytes: an ASCII word is lowercased, hashed and checked for digits as
/// it is read, and copied out only when a capital needs lowering for the stopword test. A
/// word with a non-ASCII char takes the general path (`char::is_alphanumeric`,
/// `char::to_lowercase`, [`word_key`]); the keys are the same either way.
pub(crate) fn push_tokens(text: &str, buffer: &mut String, out: &mut Vec<u64>) {
    let bytes = text.as_bytes();
    // At a char boundary `i`: the length of the char there, and whether it is alphanumeric.
    let char_at = |i: usize| -> (usize, bool) {
        match bytes[i] {
            b if b.is_ascii() => (1, b.is_ascii_alphanumeric()),
            _ => text[i..]
                .chars()
                .next()
                .map_or((1, false), |c| (c.len_utf8(), c.is_alphanumeric())),
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() && ASCII_LOWER[usize::from(b)] == 0 {
            i += 1;
            continue;
        }
        let start = i;
        if b.is_ascii() {
            let mut h = FNV_OFFSET;
            let mut digit = false;
            let mut upper = false;
            while let Some(&b) = bytes.get(i) {
                let Some(&lower) = ASCII_LOWER.get(usize::from(b)) else {
                    break;
                };
                if lower == 0 {
                    break;
                }
                h = (h ^ u64::from(lower)).wrapping_mul(FNV_PRIME);
                digit |= lower.is_ascii_digit();
                upper |= lower != b;
                i += 1;
            }
            if bytes.get(i).is_none_or(|&b| b.is_ascii() || !char_at(i).1) {
                let chars = i - start;
                let word = &text[start..i];
                let stop = chars < 2
                    || if upper {
                        buffer.clear();
                        buffer.push_str(word);
                        buffer.make_ascii_lowercase();
                        is_stopword(buffer)
                    } else {
                        is_stopword(word)
                    };
                out.push(key_of(mix(h), chars, digit, stop));
                continue;
            }
            // A non-ASCII letter or digit goes on with the word: start it again below.
            i = start;
        }
        let (n, alnum) = char_at(i);
        if !alnum {
            i += n;
            continue;
        }
        i += n;
        while i < bytes.len() {
            let (n, alnum) = char_at(i);
            if !alnum {
                break;
            }
            i += n;
        }
        buffer.clear();
        buffer.extend(text[start..i].chars().flat_map(char::to_lowercase));
        out.push(word_key(buffer));
    }
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
    let mut out = Vec::new();
    push_concepts(tokens, &mut out);
    out.sort_unstable();
    out.dedup();
    // Kept per sentence for the whole run: no spare capacity.
    out.shrink_to_fit();
    out
}

/// Appends the concepts of a token sequence to `out`, unsorted and with repeats.
pub(crate) fn push_concepts(tokens: &[u64], out: &mut Vec<u64>) {
    out.extend(tokens.iter().copied().filter(|&t| !is_function_word(t)));
    for w in tokens.windows(2) {
        if !(is_function_word(w[0]) && is_function_word(w[1])) {
            out.push(pair_key(w[0], w[1]));
        }
    }
}

/// Sorts `items` whose order starts with a well-spread 64-bit key (a hash, as word and
/// concept keys are): they are counted into about two buckets per item on the key's top
/// bits, so each bucket holds a run of the order, and the few items of each bucket are
/// then sorted. The same order as `sort_unstable` (equal items are alike), in about
/// half its work on an article's words.
pub(crate) fn sort_by_spread_key<T: Copy + Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let n = items.len();
    let Some(&first) = items.first() else {
        return;
    };
    if n < 64 {
        items.sort_unstable();
        return;
    }
    let bits = usize::BITS - n.leading_zeros();
    let bucket = |item: &T| (key(item) >> (64 - bits)) as usize;
    let mut ends = vec![0u32; (1 << bits) + 1];
    for item in items.iter() {
        ends[bucket(item) + 1] += 1;
    }
    for b in 1..ends.len() {
        ends[b] += ends[b - 1];
    }
    let mut sorted = vec![first; n];
    for item in items.iter() {
        let slot = &mut ends[bucket(item)];
        if let Some(s) = sorted.get_mut(*slot as usize) {
            *s = *item;
        }
        *slot += 1;
    }
    // `ends[b]` is now the end of bucket `b`, the start of bucket `b + 1`.
    let mut start = 0;
    for &end in &ends[..1 << bits] {
        let end = end as usize;
        if end > start + 1 {
            if let Some(run) = sorted.get_mut(start..end) {
                run.sort_unstable();
            }
        }
        start = end;
    }
    *items = sorted;
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
    let mut words = Vec::new();
    let mut all_concepts = Vec::new();
    let mut all_tokens = Vec::new();
    let mut candidates = 0;
    let prepared = sentences
        .iter()
        .map(|s| {
            let text = strip_prefixes(&s.text);
            words.clear();
            push_tokens(text, &mut buffer, &mut words);
            // Every sentence counts for the article's words and concepts (sorted and
            // deduplicated once, below).
            all_tokens.extend(words.iter().map(|&t| (t, s.index as u32)));
            push_concepts(&words, &mut all_concepts);
            // Only the first clean sentences can enter a summary: the others are neither
            // prepared nor checked.
            if candidates == CANDIDATES_PER_ARTICLE || !clean_enough(text) {
                return Prepared::default();
            }
            candidates += 1;
            let has_figure = text.contains(|c: char| c.is_ascii_digit())
                || claims.iter().any(|cl| cl.sentence_index == s.index);
            let compressed = compress(text, has_figure, CUTS);
            let tokens = if compressed == text {
                words.clone()
            } else {
                let mut t = Vec::new();
                push_tokens(&compressed, &mut buffer, &mut t);
                t.shrink_to_fit();
                t
            };
            let concepts = concepts(&tokens);
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
    sort_by_spread_key(&mut all_concepts, |&k| k);
    all_concepts.dedup();
    sort_by_spread_key(&mut all_tokens, |&(k, _)| k);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts with ASCII, accented, non-Latin and mixed words, digits and odd separators.
    const VARIED: &[&str] = &[
        "",
        "   ",
        "The Ferry sank, killing 12 people near Piræus on Monday.",
        "São Paulo's mayor (PSDB) said 3,500 homes were hit — again…",
        "ÉCOLE Über straße İstanbul ǅemal ΣΊΣΥΦΟΣ東京 2020年 x",
        "U.S.-led talks: don't stop; a-b-c 10-year-old A1B2 ½ ² ⅷ",
        "Tabs\tand\nnewlines\u{a0}and\u{2009}thin spaces’quoted’ “here”",
        "Ärzte ohne Grenzen, Ľubica and Łódź: ﬁnal ﬂights",
        "a",
        "İ",
    ];

    /// The key sequence as it was computed before the byte scan: `str::split` on
    /// non-alphanumeric chars and `char::to_lowercase`.
    fn tokens_by_split(text: &str) -> Vec<u64> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| word_key(&w.chars().flat_map(char::to_lowercase).collect::<String>()))
            .collect()
    }

    #[test]
    fn byte_scan_tokens_match_the_char_split() {
        let mut buffer = String::new();
        for text in VARIED {
            assert_eq!(tokens(text, &mut buffer), tokens_by_split(text), "{text:?}");
        }
    }

    #[test]
    fn bucket_sort_gives_the_sorted_order() {
        let mut state = 0x1234_5678_9abc_def0u64;
        let mut next = || {
            state = mix(state.wrapping_add(0x9e37_79b9_7f4a_7c15));
            state
        };
        for n in [0, 1, 5, 63, 64, 65, 200, 1000, 5000] {
            // Spread keys with repeats, clustered keys, and all-equal keys.
            let mut spread: Vec<(u64, u32)> = (0..n)
                .map(|i| (next() & !0xff | (i as u64 % 7), (next() % 40) as u32))
                .collect();
            let copies = spread.clone();
            spread.extend(copies.iter().take(n / 3));
            let clustered: Vec<(u64, u32)> = (0..n)
                .map(|i| ((i as u64 % 9) << 60 | (next() % 5), i as u32 % 3))
                .collect();
            let equal: Vec<(u64, u32)> = (0..n).map(|i| (42, i as u32 % 4)).collect();
            let top: Vec<(u64, u32)> = (0..n).map(|i| (u64::MAX - i as u64 % 3, 1)).collect();
            for items in [spread, clustered, equal, top] {
                let mut fast = items.clone();
                sort_by_spread_key(&mut fast, |&(k, _)| k);
                let mut slow = items;
                slow.sort_unstable();
                assert_eq!(fast, slow, "{n}");
            }
        }
    }

    #[test]
    fn stop_flag_is_the_same_whatever_the_test_order() {
        for w in ["a", "i", "x", "the", "and", "ferry", "2", "mh370", "é"] {
            let stop = is_stopword(w) || w.chars().count() < 2;
            assert_eq!(is_function_word(word_key(w)), stop, "{w}");
        }
    }

    fn article(text: &str) -> Article {
        crate::test_article("a", None, text)
    }

    /// What every sentence's preparation was before only the first clean ones were
    /// prepared: each sentence checked and, when clean, compressed and keyed.
    fn prepare_all(a: &Analyzed) -> (Vec<Prepared>, Vec<u64>) {
        let mut buffer = String::new();
        let mut all = Vec::new();
        let prepared = a
            .sentences
            .iter()
            .map(|s| {
                let text = strip_prefixes(&s.text);
                let tokens = tokens(text, &mut buffer);
                all.extend(concepts(&tokens));
                if !clean_enough(text) {
                    return Prepared::default();
                }
                let has_figure = text.contains(|c: char| c.is_ascii_digit())
                    || a.claims.iter().any(|cl| cl.sentence_index == s.index);
                let compressed = compress(text, has_figure, CUTS);
                let tokens = self::tokens(&compressed, &mut buffer);
                let word_ends = word_ends(&compressed);
                Prepared {
                    clean: true,
                    words: word_ends.len(),
                    concepts: concepts(&tokens),
                    tokens,
                    word_ends,
                    text: compressed,
                }
            })
            .collect();
        all.sort_unstable();
        all.dedup();
        (prepared, all)
    }

    #[test]
    fn only_the_first_clean_sentences_are_prepared_and_alike() {
        let clean = |k: usize| {
            format!("The harbour crew number {k} pulled a small boat from the water today.")
        };
        let mut long: Vec<String> = (0..30)
            .map(|k| {
                if k % 4 == 1 {
                    format!("He said crew {k} had warned about the weather that day.")
                } else {
                    clean(k)
                }
            })
            .collect();
        long.insert(
            3,
            "On Monday, rescuers (pictured) searched the harbour for 12 missing people.".into(),
        );
        long.insert(
            7,
            "LONDON (Reuters) - Ferry services across the Channel stopped on Sunday evening."
                .into(),
        );
        let texts = [
            long.join("\n\n"),
            "A short one.\n\nClick here to sign up for our daily newsletter about the coast."
                .into(),
            VARIED.join("\n\n"),
        ];
        for (k, text) in texts.iter().enumerate() {
            let a = analyze(article(text));
            let (all, concepts) = prepare_all(&a);
            if k == 0 {
                // The long article has clean sentences past the candidates.
                assert!(all.iter().filter(|p| p.clean).count() > CANDIDATES_PER_ARTICLE);
            }
            let first_clean: Vec<&Prepared> = all
                .iter()
                .filter(|p| p.clean)
                .take(CANDIDATES_PER_ARTICLE)
                .collect();
            let prepared: Vec<&Prepared> = a.prepared.iter().filter(|p| p.clean).collect();
            assert_eq!(prepared.len(), first_clean.len());
            for (p, q) in prepared.iter().zip(&first_clean) {
                assert_eq!(
                    (&p.text, p.words, &p.tokens, &p.concepts, &p.word_ends),
                    (&q.text, q.words, &q.tokens, &q.concepts, &q.word_ends)
                );
            }
            assert_eq!(a.concepts, concepts);
        }
    }
}
