//! Word tokens of a sentence with byte spans, the unit every claim rule walks over.

use herald_text::charclass::token_spans;

/// A token: its span, its text (borrowed from the sentence: one allocation per token
/// fewer) and its lowercase form.
#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub low: String,
}

impl Tok<'_> {
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    /// A name-like token: capitalized, or containing a capital after a particle ("al-Rashid").
    pub fn has_capital(&self) -> bool {
        self.text.chars().any(char::is_uppercase)
    }
}

/// The tokens of `text` (see [`token_spans`]), with their lower-case forms.
pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    // About one token per five bytes of news text: most sentences fill the vector without
    // growing it (each growth copied every token so far).
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    token_spans(text, |start, end| out.push(token(text, start, end)));
    out
}

fn token(text: &str, start: usize, end: usize) -> Tok<'_> {
    let t = &text[start..end];
    let low = if t.is_ascii() {
        t.to_ascii_lowercase()
    } else {
        let l = t.to_lowercase();
        if l.contains('’') {
            l.replace('’', "'")
        } else {
            l
        }
    };
    Tok {
        start,
        end,
        text: t,
        low,
    }
}

/// Index of the token that starts at byte `at` (or the first one after it).
pub fn index_at(toks: &[Tok], at: usize) -> Option<usize> {
    toks.iter().position(|t| t.start >= at)
}

/// Index of the token that ends at byte `at` (or the last one before it).
pub fn index_ending(toks: &[Tok], at: usize) -> Option<usize> {
    toks.iter().rposition(|t| t.end <= at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The tokenizer as a regex, the reference the scanner must match token for token.
    fn by_regex(text: &str) -> Vec<(usize, usize, String, String)> {
        static RE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
            Regex::new(r"[\p{L}\p{N}]+(?:[-'’.,:/][\p{L}\p{N}]+)*|\S").unwrap()
        });
        RE.find_iter(text)
            .map(|m| {
                let low = m.as_str().to_lowercase().replace('’', "'");
                (m.start(), m.end(), m.as_str().to_string(), low)
            })
            .collect()
    }

    fn by_scanner(text: &str) -> Vec<(usize, usize, String, String)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.start, t.end, t.text.to_string(), t.low))
            .collect()
    }

    #[test]
    fn scanner_matches_the_regex() {
        let samples = [
            "Police said 2,800 people—including 12 children—were killed in al-Zayn’s town.",
            "U.S. forces: 3/4 of the 1.5km road, don't, O’Brien's, a-, -b, x.,y, 9:30 a.m.",
            "Ünïcödé Straße, İstanbul, Ⅻ ⅷ ½ २३ naïve café “quoted” — ‘single’ ... ",
            "tabs\tand\nnew lines\u{a0}nbsp  double  spaces\u{2003}em",
            "",
            "'",
            "a'",
            "e\u{301}clair and \u{301}mark",
        ];
        for s in samples {
            assert_eq!(by_scanner(s), by_regex(s), "{s:?}");
        }
        // Random strings over an alphabet of joiners, letters, digits, marks and spaces.
        let alphabet: Vec<char> = "aZ9é’'-.,:/ \n\u{301}Ⅻ½İ—\"(x".chars().collect();
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
}
