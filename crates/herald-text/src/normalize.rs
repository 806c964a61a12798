//! Unicode clean-up: one canonical form for every later stage.
//!
//! Scraped and machine-translated news carries invisible noise: no-break and thin spaces,
//! soft hyphens and zero-width characters inside words, a byte-order mark, Windows line
//! ends, stray control characters and Windows-1252 punctuation that was decoded as C1
//! controls. Tokenisers, sentence splitters and the duplicate-line check all compare
//! text, so [`normalize`] folds this noise away once, before anything else looks at it:
//!
//! - line ends: CRLF and CR become LF; U+2028 becomes LF, U+2029 a blank line; form feed
//!   and vertical tab become LF;
//! - spaces: every Unicode space separator (NBSP, en/em/thin/hair/figure/ideographic
//!   space, ...) becomes a plain space;
//! - invisible characters are removed: soft hyphen, zero-width space, word joiner, BOM,
//!   Mongolian vowel separator and the bidirectional marks and embeddings. ZWJ and ZWNJ
//!   stay: they change the rendering of Persian, Indic scripts and emoji;
//! - C1 controls U+0080..U+009F are almost always Windows-1252 bytes read as Latin-1, so
//!   they are mapped to the Windows-1252 character (`U+0092` -> `'`); the five unassigned
//!   ones are dropped;
//! - other control characters are removed, except `\n` and `\t`;
//! - finally the text is put in Unicode NFC, so "é" has one spelling.
//!
//! It does not collapse runs of spaces or trim lines: that is a layout decision left to
//! the cleaner (herald-extract).

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Normalises Unicode noise: line ends, odd spaces, invisible and control characters, NFC.
///
/// ```
/// assert_eq!(herald_text::normalize("a\u{00A0}b\r\nc\u{00AD}d\u{200B}"), "a b\ncd");
/// ```
pub fn normalize(s: &str) -> String {
    if is_normal(s) {
        return s.to_string();
    }
    normalize_chars(s)
}

/// Whether `s` holds only characters [`normalize`] keeps as they are: printable ASCII,
/// `\n`, `\t`, Latin-1 and Latin Extended-A letters and signs (not NBSP or the soft
/// hyphen) and general punctuation (not the odd spaces, invisible marks or line and
/// paragraph separators). None of them decomposes or composes with a neighbour, so the
/// text is in NFC too. Most news text has curly quotes or dashes, which the char-by-char
/// pass would copy and NFC-check (1k digest: ~105 M instructions of `normalize`, ~77 M
/// net with this check).
fn is_normal(s: &str) -> bool {
    // Eight bytes at a time while they are printable ASCII, the bulk of news text;
    // characters are decoded only where a word is not (1k digest: `normalize` 16.3 M
    // instructions of its own before, decoding every character).
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if all_printable_ascii(word) {
                i += 8;
                continue;
            }
        }
        let c = match bytes[i] {
            b if b.is_ascii() => char::from(b),
            _ => s[i..].chars().next().unwrap_or('\0'),
        };
        if !keeps(c) {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

/// Whether every byte of `word` is in `' '..='~'`. No byte is below 0x20 (the classic
/// "has a byte less than n" test, exact for n <= 0x80) and none is 0x7F or above (adding
/// one sets the top bit of 0x7F; bytes from 0x80 have it already, and only 0xFF carries,
/// into a byte that is then flagged anyway).
fn all_printable_ascii(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & TOPS;
    let above_tilde = (word | word.wrapping_add(ONES)) & TOPS;
    below_space | above_tilde == 0
}

/// A character [`normalize`] keeps as it is, whatever its neighbours.
fn keeps(c: char) -> bool {
    matches!(
        c,
        ' '..='~'
            | '\n'
            | '\t'
            | '\u{a1}'..='\u{ac}'
            | '\u{ae}'..='\u{17f}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205e}'
    )
}

/// [`normalize`] character by character.
fn normalize_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                // CRLF and lone CR are both one line end.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            '\u{000B}' | '\u{000C}' | '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            _ if is_odd_space(c) => out.push(' '),
            _ if is_invisible(c) => {}
            '\u{0080}'..='\u{009F}' => {
                if let Some(mapped) = cp1252_c1(c) {
                    out.push(mapped);
                }
            }
            _ if c.is_control() => {}
            _ => out.push(c),
        }
    }
    if is_nfc_quick(out.chars()) == IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
    }
}

/// Unicode space separators (category Zs) other than the ASCII space.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Format characters that carry no text and break word comparison.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'                     // soft hyphen
            | '\u{180E}'               // Mongolian vowel separator
            | '\u{200B}'               // zero-width space
            | '\u{200E}' | '\u{200F}'  // LRM, RLM
            | '\u{202A}'..='\u{202E}'  // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}'  // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}'  // bidi isolates
            | '\u{FEFF}' // BOM / zero-width no-break space
    )
}

/// The Windows-1252 character behind a C1 control that came from a mis-decoded byte.
///
/// Returns `None` for the five bytes Windows-1252 leaves unassigned.
pub(crate) fn cp1252_c1(c: char) -> Option<char> {
    let mapped = match c {
        '\u{80}' => '€',
        '\u{82}' => '‚',
        '\u{83}' => 'ƒ',
        '\u{84}' => '„',
        '\u{85}' => '…',
        '\u{86}' => '†',
        '\u{87}' => '‡',
        '\u{88}' => 'ˆ',
        '\u{89}' => '‰',
        '\u{8A}' => 'Š',
        '\u{8B}' => '‹',
        '\u{8C}' => 'Œ',
        '\u{8E}' => 'Ž',
        '\u{91}' => '‘',
        '\u{92}' => '’',
        '\u{93}' => '“',
        '\u{94}' => '”',
        '\u{95}' => '•',
        '\u{96}' => '–',
        '\u{97}' => '—',
        '\u{98}' => '˜',
        '\u{99}' => '™',
        '\u{9A}' => 'š',
        '\u{9B}' => '›',
        '\u{9C}' => 'œ',
        '\u{9E}' => 'ž',
        '\u{9F}' => 'Ÿ',
        _ => return None,
    };
    Some(mapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_normal` as first written, char by char: the reference for the word-wise walk.
    fn is_normal_by_chars(s: &str) -> bool {
        s.chars().all(keeps)
    }

    #[test]
    fn the_word_walk_agrees_with_the_char_walk() {
        for b in 0..=0xFFu8 {
            let mut word = *b"abcdefgh";
            for at in 0..8 {
                word[at] = b;
                let want = word.iter().all(|b| (b' '..=b'~').contains(b));
                assert_eq!(
                    all_printable_ascii(u64::from_le_bytes(word)),
                    want,
                    "{b:#x}"
                );
                word = *b"abcdefgh";
            }
        }
        let pieces = [
            "plain words ",
            "\n",
            "\t",
            "\r",
            "\u{7f}",
            "\u{a0}",
            "é",
            "—",
            "\u{200b}",
            "~",
            " ",
            "\u{1}",
            "x",
            "\u{2028}",
            "ü",
            "日",
        ];
        let mut state = 0x0bad_cafe_dead_beefu64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 24) as usize {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Mostly plain words, so that whole words pass the fast test.
                let pick = (state >> 8) as usize;
                text.push_str(if state.is_multiple_of(4) {
                    pieces[pick % pieces.len()]
                } else {
                    pieces[0]
                });
            }
            assert_eq!(is_normal(&text), is_normal_by_chars(&text), "{text:?}");
        }
    }

    #[test]
    fn normal_text_is_what_normalize_keeps() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let s = format!("a{c}b{c}");
            if is_normal(&s) {
                assert_eq!(normalize_chars(&s), s, "{c:?}");
            }
        }
        assert!(!is_normal("a\u{a0}b"));
        assert!(!is_normal("e\u{301}"));
    }

    #[test]
    fn ascii_is_unchanged() {
        let s = "Plain text.\n\tIndented line.";
        assert_eq!(normalize(s), s);
    }

    #[test]
    fn line_ends_become_lf() {
        assert_eq!(normalize("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(normalize("a\r\n\r\nb"), "a\n\nb");
        assert_eq!(normalize("a\u{2028}b\u{2029}c"), "a\nb\n\nc");
    }

    #[test]
    fn odd_spaces_become_plain_spaces() {
        let s = "1\u{00A0}000\u{2009}km\u{202F}away\u{3000}now\u{2007}!";
        assert_eq!(normalize(s), "1 000 km away now !");
    }

    #[test]
    fn invisible_characters_are_removed() {
        assert_eq!(normalize("\u{FEFF}co\u{00AD}operate"), "cooperate");
        assert_eq!(normalize("zero\u{200B}width\u{2060}join"), "zerowidthjoin");
        assert_eq!(normalize("\u{200F}abc\u{202B}def\u{202C}"), "abcdef");
    }

    #[test]
    fn joiners_that_change_rendering_stay() {
        let s = "a\u{200D}b\u{200C}c";
        assert_eq!(normalize(s), s);
    }

    #[test]
    fn controls_are_removed_except_newline_and_tab() {
        assert_eq!(normalize("a\u{0}b\u{7}c\u{1B}d\te\nf\u{7F}"), "abcd\te\nf");
        assert_eq!(normalize("page\u{000C}break"), "page\nbreak");
    }

    #[test]
    fn c1_controls_are_read_as_windows_1252() {
        assert_eq!(
            normalize("it\u{92}s \u{93}fine\u{94} \u{96} ok"),
            "it’s “fine” – ok"
        );
        assert_eq!(normalize("a\u{81}b"), "ab");
    }

    #[test]
    fn output_is_nfc() {
        // "e" + combining acute accent becomes the precomposed "é".
        assert_eq!(normalize("caf\u{0065}\u{0301}"), "caf\u{00E9}");
        assert_eq!(normalize("Ångström"), "Ångström");
    }

    #[test]
    fn normalize_is_idempotent() {
        let s = "x\u{00A0}\u{00AD}y\r\n\u{92}z\u{0065}\u{0301}\u{2029}";
        let once = normalize(s);
        assert_eq!(normalize(&once), once);
    }
}
