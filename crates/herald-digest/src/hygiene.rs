//! Sentence hygiene: which sentences may stand in a summary, and the prefixes to strip.
//!
//! A summary sentence is read without its article around it, so it must be a complete,
//! self-contained statement of the story: not a dateline or a wire-agency prefix
//! ("LONDON (Reuters) -"), a byline, a photo caption, a subheading, a question, a teaser
//! cut off with "...", page furniture ("Click here to ...", "Sign up for ...", "Thank you
//! for ..."), a fragment that opens in lowercase (the tail of a sentence the splitter cut,
//! or of an ad) or a sentence that opens on a pronoun or connective pointing back at text
//! the reader will not see ("He said ...", "But ...").

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

pub const MIN_WORDS: usize = 6;
pub const MAX_WORDS: usize = 70;

/// Words that, opening a sentence, point back at something the summary may not contain.
const DANGLING_OPENERS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "this",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "we",
    "i",
    "you",
    "but",
    "and",
    "also",
    "so",
    "then",
    "there",
    "that",
    "such",
    "both",
    "another",
    "him",
    "them",
    "our",
    "my",
    "your",
    "however",
    "still",
    "yet",
    "or",
    "nor",
    "instead",
    "meanwhile",
    "later",
    "here",
    "which",
    "who",
    "whose",
    "what",
    "now",
    "thus",
    "therefore",
    "furthermore",
    "moreover",
    "besides",
    "otherwise",
    "indeed",
    "likewise",
    "similarly",
];

/// Phrases of page furniture, never of a story (compared lowercase).
const FURNITURE: &[&str] = &[
    "click here",
    "click to",
    "click below",
    "click the",
    "click on",
    "tap here",
    "thank you for",
    "sign up",
    "subscribe to",
    "subscribe now",
    "newsletter",
    "all rights reserved",
    "copyright ©",
    "copyright 20",
    "©",
    "cookie",
    "follow us",
    "follow him on",
    "follow her on",
    "share this",
    "read more",
    "related:",
    "advertisement",
    "email us",
    "contact us",
    "terms of use",
    "privacy policy",
    "this story has been",
    "this article has been",
    "this report has been",
    "contributed to this report",
    "contributed reporting",
    "image caption",
    "photo:",
    "(photo",
    "getty images",
    "/ap photo",
    "(ap photo",
    "file photo",
    "editing by",
    "reporting by",
    "writing by",
    "javascript",
    "your browser",
    "watch:",
    "video:",
    "listen:",
];

static FURNITURE_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(FURNITURE)
        .expect("static furniture phrases build an automaton")
});

/// "LONDON (Reuters) -", "(CNN)", "Paris, May 3 (AFP) -", "WASHINGTON —": a dateline or agency
/// prefix at the start of the first sentence.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:[A-Z][A-Za-z .,'-]{1,60}\s*)?\((?:AP|AFP|Reuters|dpa|UPI|CNN|BBC|IANS|PTI|Xinhua|CNBC|Bloomberg|ANI)\)\s*(?:[-–—:]+\s*)?|[A-Z][A-Z .,'-]{2,40}(?:,\s*[A-Z][A-Za-z. ]{1,20})?\s+[-–—]+\s+)",
    )
    .expect("static dateline pattern compiles")
});

/// A byline ("By Jane Doe", "By Jane Doe, Associated Press") left as a sentence.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s*[,|]|\s*$|\s+(?i:and)\s)")
        .expect("static byline pattern compiles")
});

/// The sentence without a leading dateline or wire-agency prefix.
pub fn strip_prefixes(text: &str) -> &str {
    let t = text.trim();
    if !may_open_with_dateline(t) {
        return t;
    }
    match DATELINE.find(t) {
        Some(m) if m.end() < t.len() => t[m.end()..].trim_start(),
        _ => t,
    }
}

/// What [`clean_enough`] counts in one pass over a sentence.
#[derive(Default)]
struct Counts {
    /// Whitespace-separated words.
    words: usize,
    letters: usize,
    capitals: usize,
    /// `"`, `“` and `”`.
    straight: usize,
    open: usize,
    close: usize,
    /// An `@` or a `|`.
    at_or_bar: bool,
}

/// Per byte, what it adds to [`Counts`], packed in one word so that a pass adds it up
/// with one load and one add: an ASCII letter (bits 0-15), capital (16-31) or `"`
/// (32-47), or the first byte of a non-ASCII char (48-63).
static PACKED: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphabetic() { 1 } else { 0 }
            + if c.is_ascii_uppercase() { 1 << 16 } else { 0 }
            + if c == b'"' { 1 << 32 } else { 0 }
            + if c >= 0xc0 { 1 << 48 } else { 0 };
        b += 1;
    }
    table
};

impl Counts {
    /// The counts of `text`: ASCII bytes added up from [`PACKED`] in runs short enough
    /// that no field overflows, then the non-ASCII chars (decoded at their first byte).
    /// A text with non-ASCII whitespace is counted char by char ([`Counts::by_chars`]).
    fn of(text: &str) -> Counts {
        if has_wide_space(text) {
            return Counts::by_chars(text);
        }
        let bytes = text.as_bytes();
        let mut counts = Counts {
            at_or_bar: memchr::memchr2(b'@', b'|', bytes).is_some(),
            ..Counts::default()
        };
        let mut leads = 0;
        counts.words = ascii_word_count(bytes);
        for run in bytes.chunks(usize::from(u16::MAX)) {
            let mut packed = 0u64;
            for &b in run {
                packed += PACKED[usize::from(b)];
            }
            counts.letters += (packed & 0xffff) as usize;
            counts.capitals += ((packed >> 16) & 0xffff) as usize;
            counts.straight += ((packed >> 32) & 0xffff) as usize;
            leads += (packed >> 48) as usize;
        }
        if leads > 0 {
            for (i, &b) in bytes.iter().enumerate() {
                if b < 0xc0 {
                    continue;
                }
                let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                    continue;
                };
                counts.letters += usize::from(c.is_alphabetic());
                counts.capitals += usize::from(c.is_uppercase());
                counts.open += usize::from(c == '“');
                counts.close += usize::from(c == '”');
            }
        }
        counts
    }

    /// One pass over the chars, for any text.
    fn by_chars(text: &str) -> Counts {
        let bytes = text.as_bytes();
        let mut counts = Counts::default();
        let mut in_word = false;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let space = if b.is_ascii() {
                i += 1;
                counts.letters += usize::from(b.is_ascii_alphabetic());
                counts.capitals += usize::from(b.is_ascii_uppercase());
                counts.straight += usize::from(b == b'"');
                counts.at_or_bar |= b == b'@' || b == b'|';
                // `char::is_whitespace` of an ASCII char.
                matches!(b, b'\t'..=b'\r' | b' ')
            } else {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
                counts.letters += usize::from(c.is_alphabetic());
                counts.capitals += usize::from(c.is_uppercase());
                counts.open += usize::from(c == '“');
                counts.close += usize::from(c == '”');
                c.is_whitespace()
            };
            counts.words += usize::from(!space && !in_word);
            in_word = !space;
        }
        counts
    }
}

/// `text.split_whitespace().count()`, counted on the bytes: a text with no non-ASCII
/// whitespace (every such char opens with one of [`WIDE_SPACE_LEADS`], checked in the
/// tests) has its words start wherever an ASCII space is followed by something else.
pub(crate) fn word_count(text: &str) -> usize {
    if has_wide_space(text) {
        return text.split_whitespace().count();
    }
    ascii_word_count(text.as_bytes())
}

/// The words of a text whose only whitespace is ASCII.
fn ascii_word_count(bytes: &[u8]) -> usize {
    let Some(&first) = bytes.first() else {
        return 0;
    };
    let mut words = usize::from(!ascii_space(first));
    // A word starts at each byte that is no space after one that is: counted on pairs of
    // slices in runs of at most 255, into a byte-wide count, which the compiler turns into
    // vector code.
    let mut at = 1;
    while at < bytes.len() {
        let end = (at + 255).min(bytes.len());
        let (Some(before), Some(here)) = (bytes.get(at - 1..end - 1), bytes.get(at..end)) else {
            break;
        };
        let starts = before.iter().zip(here).fold(0u8, |n, (&b, &h)| {
            n + u8::from(ascii_space(b) & !ascii_space(h))
        });
        words += usize::from(starts);
        at = end;
    }
    words
}

/// `char::is_whitespace` of an ASCII byte: tab to carriage return, and space.
fn ascii_space(b: u8) -> bool {
    (b == b' ') | (b.wrapping_sub(b'\t') < 5)
}

/// Whether `text` has a non-ASCII whitespace char.
fn has_wide_space(text: &str) -> bool {
    let bytes = text.as_bytes();
    WIDE_SPACE_LEADS.iter().any(|&lead| {
        memchr::memchr_iter(lead, bytes).any(|i| {
            text.get(i..)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_whitespace)
        })
    })
}

/// The first bytes of the non-ASCII whitespace chars (U+0085, U+00A0, U+1680,
/// U+2000-U+205F, U+3000).
const WIDE_SPACE_LEADS: [u8; 4] = [0xc2, 0xe1, 0xe2, 0xe3];

/// Whether [`DATELINE`] can match at the start of `t`: its agency form needs a `(`,
/// and its capitals form opens with three ASCII chars of `[A-Z][A-Z .,'-]{2}`. Most
/// sentences have neither, and skip the search.
fn may_open_with_dateline(t: &str) -> bool {
    let b = t.as_bytes();
    let inner = |c: u8| c.is_ascii_uppercase() || matches!(c, b' ' | b'.' | b',' | b'\'' | b'-');
    memchr::memchr(b'(', b).is_some()
        || (b.len() >= 3 && b[0].is_ascii_uppercase() && inner(b[1]) && inner(b[2]))
}

/// Only self-contained statements of the story.
///
/// Every test is pure, so they run cheapest first: the end of the sentence, then one
/// pass of counts, then the searches.
pub fn clean_enough(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '\'', '”', '’', ')']);
    if !trimmed.ends_with('.') || trimmed.ends_with("...") || trimmed.ends_with('…') {
        return false;
    }
    let counts = Counts::of(text);
    if !(MIN_WORDS..=MAX_WORDS).contains(&counts.words) || counts.at_or_bar {
        return false;
    }
    // Shouting headlines and captions: mostly capitals.
    if counts.letters == 0 || counts.capitals * 3 > counts.letters {
        return false;
    }
    if memchr::memmem::find(text.as_bytes(), b"http").is_some() {
        return false;
    }
    if starts_with_by(text) && BYLINE.is_match(text) {
        return false;
    }
    if FURNITURE_MATCHER.is_match(text) {
        return false;
    }
    // A quotation stands on its own when the sentence names its speaker.
    if text.starts_with(['"', '“', '\'', '‘']) {
        return text.contains(" said") || text.contains(" says") || text.contains(" told");
    }
    // Unbalanced quotes: a fragment of a longer quotation.
    if counts.straight % 2 == 1 || counts.open != counts.close {
        return false;
    }
    // A fragment: opens in lowercase ("staff, and so much to do that ..."), unless its
    // first word is a name written so ("iPhone", "eBay").
    let opening = text.split_whitespace().next().unwrap_or("");
    if opening.chars().next().is_some_and(char::is_lowercase)
        && !opening.chars().any(char::is_uppercase)
    {
        return false;
    }
    let first = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    !DANGLING_OPENERS.contains(&first.as_str())
}

/// Whether `text` opens with "by" in any case: [`BYLINE`] matches nothing else (its
/// `(?i:by)` folds only `b`/`B` and `y`/`Y`, checked in the tests), so only such
/// sentences run it.
fn starts_with_by(text: &str) -> bool {
    text.as_bytes()
        .get(..2)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"by"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`clean_enough`] as it was written before the one-pass counts: the reference.
    fn clean_enough_by_passes(text: &str) -> bool {
        let words = text.split_whitespace().count();
        if !(MIN_WORDS..=MAX_WORDS).contains(&words) {
            return false;
        }
        let trimmed = text.trim_end_matches(['"', '\'', '”', '’', ')']);
        if !trimmed.ends_with('.') || trimmed.ends_with("...") || trimmed.ends_with('…') {
            return false;
        }
        if BYLINE.is_match(text)
            || text.contains('@')
            || text.contains("http")
            || text.contains('|')
        {
            return false;
        }
        if FURNITURE_MATCHER.is_match(text) {
            return false;
        }
        // Shouting headlines and captions: mostly capitals.
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = text.chars().filter(|c| c.is_uppercase()).count();
        if letters == 0 || capitals * 3 > letters {
            return false;
        }
        // A quotation stands on its own when the sentence names its speaker.
        if text.starts_with(['"', '“', '\'', '‘']) {
            return text.contains(" said") || text.contains(" says") || text.contains(" told");
        }
        // Unbalanced quotes: a fragment of a longer quotation.
        let straight = text.matches('"').count();
        let open = text.matches('“').count();
        let close = text.matches('”').count();
        if straight % 2 == 1 || open != close {
            return false;
        }
        // A fragment: opens in lowercase ("staff, and so much to do that ..."), unless its
        // first word is a name written so ("iPhone", "eBay").
        let opening = text.split_whitespace().next().unwrap_or("");
        if opening.chars().next().is_some_and(char::is_lowercase)
            && !opening.chars().any(char::is_uppercase)
        {
            return false;
        }
        let first = text
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase();
        !DANGLING_OPENERS.contains(&first.as_str())
    }

    #[test]
    fn one_pass_counts_agree_with_the_separate_passes() {
        let openings = [
            "",
            "The storm destroyed dozens of homes along the coast on Monday",
            "He said the storm destroyed dozens of homes",
            "\"We lost everything,\" one resident said on Monday",
            "“We lost everything,” one resident told reporters",
            "“We lost everything, one resident said on the quay",
            "By Jane Doe, Coastal Times",
            "BY JANE DOE and John Roe of the Coastal Times staff",
            "by the harbour, the storm destroyed dozens of homes",
            "Bystanders helped rescue workers pull a family from the water",
            "Click here to sign up for our newsletter",
            "STORM HITS THE COAST AS THOUSANDS FLEE THEIR HOMES",
            "Élodie Durand said the storm destroyed dozens of homes\u{a0}along the coast",
            "Σήμερα η καταιγίδα κατέστρεψε δεκάδες σπίτια στην ακτή",
            "eBay said the auction raised a record sum for the harbour",
            "staff, and so much to do that it will take up the whole day",
            "Write to us at desk@example.com about the storm on the coast",
            "See https://example.com for the storm on the coast and more",
            "Storm | Coast | Homes and more of the news of the week",
            "Tabs\tand\u{2003}em spaces\u{3000}and\u{85}next lines in a sentence",
            "İstanbul ǅemal and ﬁve others were named on the list",
        ];
        let ends = ["", ".", "...", "…", ".\"", ".”", ".)", "?", ".’", " ."];
        for opening in openings {
            for end in ends {
                for tail in ["", " and then many more words followed in a long row"] {
                    let text = format!("{opening}{tail}{end}");
                    assert_eq!(
                        clean_enough(&text),
                        clean_enough_by_passes(&text),
                        "{text:?}"
                    );
                }
            }
        }
        let long = "word ".repeat(80) + ".";
        assert_eq!(clean_enough(&long), clean_enough_by_passes(&long));
    }

    #[test]
    fn byline_pattern_opens_only_on_by() {
        // `starts_with_by` stands in for the pattern's `(?i:by)`: no other char folds to
        // its letters.
        let b = Regex::new(r"^(?i:b)$").unwrap();
        let y = Regex::new(r"^(?i:y)$").unwrap();
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(b.is_match(&s), matches!(c, 'b' | 'B'), "{c:?}");
            assert_eq!(y.is_match(&s), matches!(c, 'y' | 'Y'), "{c:?}");
        }
    }

    #[test]
    fn rejects_context_dependent_sentences() {
        assert!(clean_enough(
            "The storm destroyed dozens of homes along the coast on Monday."
        ));
        assert!(!clean_enough(
            "He said the storm destroyed dozens of homes on Monday."
        ));
        assert!(!clean_enough(
            "But the storm destroyed dozens of homes along the coast on Monday."
        ));
        assert!(!clean_enough(
            "Did the storm destroy dozens of homes along the coast?"
        ));
        assert!(!clean_enough("Storm destroys homes along the coast"));
        assert!(!clean_enough(
            "Officials said that if the dam broke the town would flood..."
        ));
        assert!(!clean_enough(
            "\"We have lost everything we had in the water,\" one resident."
        ));
        assert!(clean_enough(
            "\"We have lost everything,\" one resident said on Monday."
        ));
        assert!(!clean_enough(
            "everything we had in the water,\" one resident said on Monday."
        ));
    }

    #[test]
    fn rejects_furniture_bylines_and_captions() {
        assert!(!clean_enough(
            "Click here to sign up for our daily newsletter on the coast."
        ));
        assert!(!clean_enough("By Jane Doe, Coastal Times staff writer."));
        assert!(!clean_enough(
            "Residents clear debris in the harbour town on Monday (AP Photo/John Roe)."
        ));
        assert!(!clean_enough(
            "STORM HITS THE COAST AS THOUSANDS FLEE THEIR HOMES."
        ));
        assert!(!clean_enough(
            "Copyright 2020 The Coastal Times. All rights reserved."
        ));
        assert!(clean_enough(
            "Bystanders helped rescue workers pull a family from the water."
        ));
        assert!(!clean_enough(
            "Click below to sign the petition for the harbour wall."
        ));
        assert!(!clean_enough(
            "Thank you for supporting the campaign to rebuild the harbour."
        ));
    }

    #[test]
    fn rejects_lowercase_fragments_but_not_names() {
        assert!(!clean_enough(
            "staff, and so much to do that it will take up the whole day."
        ));
        assert!(clean_enough(
            "eBay said the auction of the harbour boat raised a record sum."
        ));
    }

    #[test]
    fn packed_counts_are_the_char_counts() {
        let texts = [
            "",
            "The storm destroyed dozens of homes along the coast on Monday.",
            "“Quoted” words — and \"dashes\" – stay £5 °C 東京 Élodie ÉCOLE ß İ ǅ",
            "no\u{a0}break and\u{2009}thin “spaces”",
            "tabs\tand\nnew\x0blines @ and | bars",
            "STORM HITS THE COAST",
        ];
        let long = "Ünited “a” \"b\" word ".repeat(20_000);
        for t in texts.iter().copied().chain([long.as_str()]) {
            let (a, b) = (Counts::of(t), Counts::by_chars(t));
            assert_eq!(
                (
                    a.words,
                    a.letters,
                    a.capitals,
                    a.straight,
                    a.open,
                    a.close,
                    a.at_or_bar
                ),
                (
                    b.words,
                    b.letters,
                    b.capitals,
                    b.straight,
                    b.open,
                    b.close,
                    b.at_or_bar
                ),
                "{:?}",
                t.get(..40)
            );
        }
    }

    #[test]
    fn word_count_is_split_whitespace_count() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_whitespace() && !c.is_ascii() {
                let mut lead = [0u8; 4];
                c.encode_utf8(&mut lead);
                assert!(WIDE_SPACE_LEADS.contains(&lead[0]), "{c:?}");
            }
        }
        let texts = [
            "",
            " ",
            "one",
            "  two  words ",
            "tabs\tand\nnew\x0blines\x0cand\rreturns",
            "no\u{a0}break and\u{2009}thin and\u{3000}ideographic\u{85}next",
            "“Quoted” words — and dashes – stay £5 °C 東京",
            "\x1c\x1d\x1e\x1f separators",
        ];
        for t in texts {
            assert_eq!(word_count(t), t.split_whitespace().count(), "{t:?}");
        }
    }

    #[test]
    fn dateline_prefilter_skips_only_what_cannot_match() {
        let texts = [
            "LONDON (Reuters) - Prices rose in the city.",
            "(AP) — Prices rose in the city.",
            "(CNN)Prices rose in the city.",
            "PORT TOWN, Calif. — Prices rose in the city.",
            "WASHINGTON — Prices rose.",
            "AB - Prices rose.",
            "A. B. - Prices rose.",
            "Paris, May 3 (AFP) - Prices rose in the city.",
            "Prices rose in the city - again.",
            "The storm (pictured) hit the coast.",
            "ÉCOLE — Prices rose.",
            "U.S. — Prices rose.",
            "Ab - Prices rose.",
            "",
            "AB",
        ];
        for text in texts {
            let t = text.trim();
            let slow = match DATELINE.find(t) {
                Some(m) if m.end() < t.len() => t[m.end()..].trim_start(),
                _ => t,
            };
            assert_eq!(strip_prefixes(text), slow, "{text:?}");
            if !may_open_with_dateline(t) {
                assert!(DATELINE.find(t).is_none(), "{text:?}");
            }
        }
    }

    #[test]
    fn datelines_are_stripped() {
        assert_eq!(
            strip_prefixes("LONDON (Reuters) - Prices rose in the city."),
            "Prices rose in the city."
        );
        assert_eq!(
            strip_prefixes("(AP) — Prices rose in the city."),
            "Prices rose in the city."
        );
        assert_eq!(
            strip_prefixes("(CNN)Prices rose in the city."),
            "Prices rose in the city."
        );
        assert_eq!(
            strip_prefixes("PORT TOWN, Calif. — Prices rose in the city."),
            "Prices rose in the city."
        );
        assert_eq!(
            strip_prefixes("Prices rose in the city - again."),
            "Prices rose in the city - again."
        );
    }
}
