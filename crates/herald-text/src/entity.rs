//! HTML entity repair: turn `&quot;`, `&#39;` and their mangled forms back into characters.
//!
//! Text that went through scrapers and machine translation carries entities in three
//! states, all of which [`repair_entities`] decodes:
//!
//! - intact: `&quot;`, `&#8217;`, `&#x27;`, `&eacute;`;
//! - broken by a translator that tokenised them: `& # 39;`, `&# 8217 ;`, `& quot;`,
//!   `& Quot;` (spaces inside, case changed);
//! - escaped twice or more: `&amp;quot;`, `&amp;#39;`, `&amp;amp;#39;`.
//!
//! Decoding repeats until the text is stable, at most [`MAX_PASSES`] times, so a
//! multiply escaped entity comes out as one character and the work stays bounded.
//!
//! Spaced *named* forms are only repaired for the entities that occur in prose (quotes,
//! dashes, spaces, accented letters): `& not;` or `& times;` could be ordinary words next
//! to an ampersand. Spaced numeric forms (`& # 39;`) are unambiguous and always repaired.
//! A numeric reference without its `;` (`&#39s`) is decoded only when it has no spaces.
//!
//! The translator that splits `&#39;` into `& # 39;` also pads it with spaces, leaving
//! `' Time to go '`. After decoding, quotes standing alone between spaces are paired on
//! each line and tightened against the words they enclose (`'Time to go'`).

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::normalize::cp1252_c1;

/// Upper bound on decoding passes (one pass undoes one level of escaping).
pub const MAX_PASSES: usize = 4;

/// `&#39;`, `& # 39;`, `&#x27;`, `&#39` (group 1 decimal, group 2 hex, group 3 the `;`).
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&[ \t]*#[ \t]*(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}))([ \t]*;)?")
        .expect("constant regex is valid")
});

/// `&quot;`, `& quot;`, `&quot ;` (group 1 the name).
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&[ \t]*([A-Za-z][A-Za-z0-9]{1,31})[ \t]*;").expect("constant regex is valid")
});

/// Named entities common in prose: the only ones repaired when spaced or mis-cased.
const PROSE_ENTITIES: &[&str] = &[
    "amp", "apos", "quot", "lt", "gt", "nbsp", "ensp", "emsp", "thinsp", "shy", "rsquo", "lsquo",
    "rdquo", "ldquo", "sbquo", "bdquo", "laquo", "raquo", "lsaquo", "rsaquo", "ndash", "mdash",
    "hellip", "bull", "middot", "deg", "copy", "reg", "trade", "euro", "pound", "cent", "yen",
    "sect", "para", "prime", "zwj", "zwnj",
];

/// Accent suffixes of letter entities (`eacute`, `Ouml`, `ccedil`, ...).
const ACCENT_SUFFIXES: &[&str] = &[
    "acute", "grave", "uml", "circ", "tilde", "cedil", "ring", "slash", "caron", "lig",
];

/// Decodes named and numeric HTML entities, including spaced and multiply escaped forms.
///
/// ```
/// use herald_text::repair_entities;
/// assert_eq!(repair_entities("& # 39; Time to go & # 39;"), "'Time to go'");
/// assert_eq!(repair_entities("&amp;quot;x&amp;quot; AT&amp;T"), "\"x\" AT&T");
/// ```
pub fn repair_entities(s: &str) -> String {
    if !s.contains('&') {
        return tighten_quotes(s);
    }
    let mut text = s.to_string();
    for _ in 0..MAX_PASSES {
        let next = decode_pass(&text);
        if next == text {
            break;
        }
        text = next;
    }
    tighten_quotes(&text)
}

/// One level of decoding: every numeric and named reference found in `s`.
fn decode_pass(s: &str) -> String {
    let numeric = NUMERIC.replace_all(s, |caps: &Captures| {
        let whole = caps.get(0).map_or("", |m| m.as_str());
        decode_numeric(caps).unwrap_or_else(|| whole.to_string())
    });
    NAMED
        .replace_all(&numeric, |caps: &Captures| {
            let whole = caps.get(0).map_or("", |m| m.as_str());
            decode_named(caps).unwrap_or_else(|| whole.to_string())
        })
        .into_owned()
}

fn decode_numeric(caps: &Captures) -> Option<String> {
    let whole = caps.get(0)?.as_str();
    let has_semicolon = caps.get(3).is_some();
    let spaced = whole.contains([' ', '\t']);
    if !has_semicolon && spaced {
        // "& #1" is more likely prose ("rock & #1 hits") than a broken entity.
        return None;
    }
    let code = match (caps.get(1), caps.get(2)) {
        (Some(dec), _) => dec.as_str().parse::<u32>().ok()?,
        (None, Some(hex)) => u32::from_str_radix(hex.as_str(), 16).ok()?,
        (None, None) => return None,
    };
    let c = char::from_u32(code)?;
    let c = match c {
        '\u{80}'..='\u{9F}' => cp1252_c1(c)?,
        '\t' | '\n' => c,
        _ if c.is_control() => return None,
        _ => c,
    };
    Some(c.to_string())
}

fn decode_named(caps: &Captures) -> Option<String> {
    let whole = caps.get(0)?.as_str();
    let name = caps.get(1)?.as_str();
    let spaced = whole.contains([' ', '\t']);
    if !spaced {
        if let Some(decoded) = lookup_named(name) {
            return Some(decoded);
        }
    }
    // Spaced or mis-cased: only names that plausibly occur in prose.
    let lower = name.to_ascii_lowercase();
    for candidate in [name, lower.as_str()] {
        if is_prose_entity(candidate) {
            if let Some(decoded) = lookup_named(candidate) {
                return Some(decoded);
            }
        }
    }
    None
}

fn is_prose_entity(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    PROSE_ENTITIES.contains(&lower.as_str())
        || ACCENT_SUFFIXES
            .iter()
            .any(|suffix| lower.len() == suffix.len() + 1 && lower.ends_with(suffix))
}

/// Decodes `&name;` with html-escape's table; `None` when the name is not an entity.
fn lookup_named(name: &str) -> Option<String> {
    let reference = format!("&{name};");
    let decoded = html_escape::decode_html_entities(&reference);
    if decoded == reference {
        None
    } else {
        Some(decoded.into_owned())
    }
}

/// Pairs quotes that stand alone between spaces on a line and tightens them.
///
/// `' Time to go '` becomes `'Time to go'`: odd occurrences open (the space after goes),
/// even ones close (the space before goes). Straight quotes are only touched when a line
/// has an even number of standalone ones; curly quotes say which way they face.
fn tighten_quotes(s: &str) -> String {
    if !s.contains([' ', '\t']) || !has_standalone_quote(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&tighten_line(line));
    }
    out
}

/// Whether a quote mark stands between whitespace (or a line's ends) somewhere in `s`:
/// [`tighten_line`] changes nothing on a line without one. Checked without copying, since
/// almost no line has one ("it's", "“Yes,” he said" have none).
fn has_standalone_quote(s: &str) -> bool {
    // A byte search for the few quote marks instead of decoding every char (1k digest:
    // ~25 M instructions saved). `‘’“”` are U+2018, U+2019, U+201C, U+201D: 0xE2 0x80
    // then 0x98, 0x99, 0x9C, 0x9D.
    let bytes = s.as_bytes();
    memchr::memchr3_iter(b'\'', b'"', 0xE2, bytes).any(|i| {
        let len = match bytes[i] {
            0xE2 => match bytes.get(i + 1..i + 3) {
                Some([0x80, 0x98 | 0x99 | 0x9C | 0x9D]) => 3,
                _ => return false,
            },
            _ => 1,
        };
        let open = |c: Option<char>| c.is_none_or(char::is_whitespace);
        open(s[..i].chars().next_back()) && open(s[i + len..].chars().next())
    })
}

fn tighten_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    if !chars.iter().any(|c| c.is_alphanumeric()) {
        return line.to_string();
    }
    let standalone = |i: usize| {
        let left_open = i == 0 || chars[i - 1].is_whitespace();
        let right_open = i + 1 == chars.len() || chars[i + 1].is_whitespace();
        left_open && right_open
    };
    // For each standalone quote: true = opening (drop spaces after), false = closing.
    let mut facing: Vec<(usize, bool)> = Vec::new();
    for quote in ['\'', '"'] {
        let found: Vec<usize> = (0..chars.len())
            .filter(|&i| chars[i] == quote && standalone(i))
            .collect();
        if found.len() >= 2 && found.len() & 1 == 0 {
            facing.extend(found.iter().enumerate().map(|(k, &i)| (i, k % 2 == 0)));
        }
    }
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '‘' | '“' if standalone(i) => facing.push((i, true)),
            '’' | '”' if standalone(i) => facing.push((i, false)),
            _ => {}
        }
    }
    if facing.is_empty() {
        return line.to_string();
    }
    let mut drop = vec![false; chars.len()];
    for (i, opening) in facing {
        if opening {
            let mut j = i + 1;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if j < chars.len() {
                drop[i + 1..j].iter_mut().for_each(|d| *d = true);
            }
        } else {
            let mut j = i;
            while j > 0 && chars[j - 1].is_whitespace() {
                j -= 1;
            }
            if j > 0 {
                drop[j..i].iter_mut().for_each(|d| *d = true);
            }
        }
    }
    chars
        .iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(c, _)| *c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_tightened_only_where_one_stands_alone() {
        for s in [
            "it's “Yes,” he said",
            "' Time to go '",
            "a ’ b",
            "“ x ”",
            "x\n'\ny",
            "'",
            "\"quoted\" text",
            "a\u{3000}’\u{a0}b",
            "a –’ b “",
            "plain",
        ] {
            if !has_standalone_quote(s) {
                let by_line: Vec<String> = s.split('\n').map(tighten_line).collect();
                assert_eq!(by_line.join("\n"), s, "{s:?}");
            }
        }
        assert!(has_standalone_quote("' Time to go '"));
        assert!(has_standalone_quote("a\u{3000}’\u{a0}b"));
        assert!(!has_standalone_quote("it's “Yes,” he said"));
    }

    #[test]
    fn intact_entities_are_decoded() {
        assert_eq!(
            repair_entities("&quot;Yes&quot; &amp; it&#8217;s &#x27;a&#x27; &eacute;"),
            "\"Yes\" & it’s 'a' é"
        );
        assert_eq!(repair_entities("a&nbsp;b"), "a\u{00A0}b");
    }

    #[test]
    fn spaced_numeric_forms_are_repaired() {
        assert_eq!(repair_entities("it& # 39;s"), "it's");
        assert_eq!(repair_entities("it&# 8217 ;s"), "it’s");
        assert_eq!(repair_entities("& # x27;a& # x27;"), "'a'");
    }

    #[test]
    fn translator_padding_around_quotes_is_tightened() {
        assert_eq!(
            repair_entities("& # 39; Home by noon, home by noon & # 39;"),
            "'Home by noon, home by noon'"
        );
        assert_eq!(
            repair_entities("He said & quot; no way & quot; twice."),
            "He said \"no way\" twice."
        );
        assert_eq!(
            repair_entities("& # 39; It's a long road & # 39;"),
            "'It's a long road'"
        );
    }

    #[test]
    fn spaced_named_forms_are_repaired_for_prose_entities() {
        assert_eq!(repair_entities("a & quot;b"), "a \"b");
        assert_eq!(repair_entities("a &Quot;b"), "a \"b");
        assert_eq!(repair_entities("caf& eacute;"), "café");
        assert_eq!(repair_entities("x & mdash ; y"), "x — y");
    }

    #[test]
    fn ampersands_in_prose_survive() {
        for s in [
            "Smith & Sons; est. 1900",
            "rock & not; roll",
            "R&D spending",
            "AT&T",
            "Tom & Jerry",
            "ranked & #1 worldwide",
            "a & b",
        ] {
            assert_eq!(repair_entities(s), s);
        }
    }

    #[test]
    fn double_escaped_forms_are_decoded() {
        assert_eq!(repair_entities("&amp;quot;hi&amp;quot;"), "\"hi\"");
        assert_eq!(repair_entities("it&amp;#39;s"), "it's");
        assert_eq!(repair_entities("it&amp;amp;#39;s"), "it's");
        assert_eq!(repair_entities("AT&amp;T"), "AT&T");
    }

    #[test]
    fn decoding_is_bounded() {
        let deep = format!("&amp;{}quot;", "amp;".repeat(10));
        let out = repair_entities(&deep);
        assert!(out.starts_with('&'), "{out}");
    }

    #[test]
    fn semicolonless_numeric_needs_no_spaces() {
        assert_eq!(repair_entities("it&#39s"), "it's");
        assert_eq!(repair_entities("& #39 s"), "& #39 s");
    }

    #[test]
    fn invalid_code_points_are_left_alone() {
        assert_eq!(
            repair_entities("&#0;&#xD800;&#1114112;"),
            "&#0;&#xD800;&#1114112;"
        );
        assert_eq!(repair_entities("&#150;"), "–");
    }

    #[test]
    fn unknown_names_are_left_alone() {
        assert_eq!(repair_entities("&notanentity; &zz;"), "&notanentity; &zz;");
    }

    #[test]
    fn quotes_inside_words_are_untouched() {
        let s = "The group's \"hard\" line, 'firm' stance";
        assert_eq!(repair_entities(s), s);
        // An odd number of standalone straight quotes is left as it is.
        assert_eq!(repair_entities("5 ' 10"), "5 ' 10");
    }

    #[test]
    fn repair_is_idempotent() {
        let s = "& # 39; a & # 39; &amp;amp; b &quot;c&quot;";
        let once = repair_entities(s);
        assert_eq!(repair_entities(&once), once);
    }
}
