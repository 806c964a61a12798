//! Unicode general categories of single characters, exactly as the `regex` crate reads
//! `\p{L}`, `\p{Lu}`, `\p{M}` and `\p{N}` (the tables come from `regex-syntax`, the crate
//! `regex` compiles its classes with), for hand-written scanners that replace a regex
//! without changing what it matches. ASCII is answered without a table.

use std::sync::LazyLock;

use regex_syntax::hir::{Class, HirKind};

/// The ranges of one Unicode class, sorted, as `regex-syntax` parses `pattern`.
fn ranges(pattern: &str) -> Vec<(char, char)> {
    let Ok(hir) = regex_syntax::parse(pattern) else {
        return Vec::new();
    };
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            c.ranges().iter().map(|r| (r.start(), r.end())).collect()
        }
        _ => Vec::new(),
    }
}

fn contains(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

static LETTER: LazyLock<Vec<(char, char)>> = LazyLock::new(|| ranges(r"\p{L}"));
static UPPER: LazyLock<Vec<(char, char)>> = LazyLock::new(|| ranges(r"\p{Lu}"));
static LOWER: LazyLock<Vec<(char, char)>> = LazyLock::new(|| ranges(r"\p{Ll}"));
static MARK: LazyLock<Vec<(char, char)>> = LazyLock::new(|| ranges(r"\p{M}"));
static NUMBER: LazyLock<Vec<(char, char)>> = LazyLock::new(|| ranges(r"\p{N}"));

/// `\p{L}`: a letter.
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        contains(&LETTER, c)
    }
}

/// `\p{Lu}`: an upper-case letter.
pub fn is_upper_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        contains(&UPPER, c)
    }
}

/// `\p{Ll}`: a lower-case letter.
pub fn is_lower_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        contains(&LOWER, c)
    }
}

/// `\p{M}`: a combining mark.
pub fn is_mark(c: char) -> bool {
    !c.is_ascii() && contains(&MARK, c)
}

/// `\p{N}`: a number character.
pub fn is_number(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        contains(&NUMBER, c)
    }
}

/// Byte spans of the tokens of `text`: what the regex
/// `[\p{L}\p{N}]+(?:[-'’.,:/][\p{L}\p{N}]+)*|\S` finds (a word with inner joiners, or any
/// other non-space character), scanned by hand: the regex's lazy DFA pays per match
/// (`find_numbers` 44.6 k -> 22.0 k instructions per call, callgrind on the s400 stream).
/// herald-claims' tokenizer and the number finder both read text this way.
///
/// Walks byte offsets and decodes a character only at a non-ASCII byte (a peekable
/// `char_indices` cost a tenth more: 1k digest, 114.2 M -> 104.0 M instructions here,
/// with the callers' own work).
pub fn token_spans(text: &str, mut each: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    // The character at byte `i` (a char boundary, in bounds) and its length.
    let at = |i: usize| -> (char, usize) {
        match bytes[i] {
            b if b.is_ascii() => (char::from(b), 1),
            _ => text[i..]
                .chars()
                .next()
                .map_or(('\0', 1), |c| (c, c.len_utf8())),
        }
    };
    let word = |c: char| is_letter(c) || is_number(c);
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let (c, n) = at(i);
        i += n;
        if word(c) {
            loop {
                // The rest of the run of letters and digits.
                while i < bytes.len() {
                    let (d, m) = at(i);
                    if !word(d) {
                        break;
                    }
                    i += m;
                }
                // A joiner continues the word only when a letter or digit follows it.
                if i >= bytes.len() {
                    break;
                }
                let (j, m) = at(i);
                if !matches!(j, '-' | '\'' | '’' | '.' | ',' | ':' | '/') {
                    break;
                }
                if i + m >= bytes.len() || !word(at(i + m).0) {
                    break;
                }
                i += m;
            }
        } else if c.is_whitespace() {
            continue;
        }
        each(start, i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn token_spans_match_the_regex() {
        let re = Regex::new(r"[\p{L}\p{N}]+(?:[-'’.,:/][\p{L}\p{N}]+)*|\S").unwrap();
        let by_regex = |text: &str| -> Vec<(usize, usize)> {
            re.find_iter(text).map(|m| (m.start(), m.end())).collect()
        };
        let by_scanner = |text: &str| -> Vec<(usize, usize)> {
            let mut spans = Vec::new();
            token_spans(text, |start, end| spans.push((start, end)));
            spans
        };
        let samples = [
            "Police said 2,800 people—including 12 children—were killed in al-Zayn’s town.",
            "U.S. forces: 3/4 of the 1.5km road, don't, O’Brien's, a-, -b, x.,y, 9:30 a.m.",
            "Ünïcödé Straße, İstanbul, Ⅻ ⅷ ½ २३ naïve café “quoted” — ‘single’ ... ",
            "tabs\tand\nnew lines\u{a0}nbsp  double  spaces\u{2003}em\u{b}vt",
            "",
            "'",
            "a'",
            "e\u{301}clair and \u{301}mark",
        ];
        for s in samples {
            assert_eq!(by_scanner(s), by_regex(s), "{s:?}");
        }
        // Random strings over an alphabet of joiners, letters, digits, marks and spaces.
        let alphabet: Vec<char> = "aZ9é’'-.,:/ \n\u{301}Ⅻ½İ—\"(x\u{b}".chars().collect();
        let mut seed: u64 = 0x1234_5678_9ABC_DEF1;
        for _ in 0..20_000 {
            let len = (seed % 24) as usize;
            let mut text = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            assert_eq!(by_scanner(&text), by_regex(&text), "{text:?}");
        }
    }
    type Check = (&'static str, fn(char) -> bool);

    /// Every scalar value against the regex crate's own reading of the class.
    #[test]
    fn classes_agree_with_the_regex_crate() {
        let checks: [Check; 5] = [
            (r"^\p{L}$", is_letter),
            (r"^\p{Lu}$", is_upper_letter),
            (r"^\p{Ll}$", is_lower_letter),
            (r"^\p{M}$", is_mark),
            (r"^\p{N}$", is_number),
        ];
        for (pattern, f) in checks {
            let re = Regex::new(pattern).unwrap();
            let mut buf = [0u8; 4];
            let mut seen = 0;
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                let want = re.is_match(c.encode_utf8(&mut buf));
                assert_eq!(f(c), want, "{pattern} on U+{:04X}", c as u32);
                seen += usize::from(want);
            }
            assert!(seen > 0, "{pattern} matched nothing");
        }
    }
}
