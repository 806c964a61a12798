//! Numbers in running text: counts written in digits or words, and the numbers that are not counts.
//!
//! Casualty claims (herald-claims) need the *counts* of a sentence: "2,800", "two dozen",
//! "twenty-one", "a 12-year-old" (one person), "dozens" (a vague amount), "both" (two). They
//! also need to know which numbers are **not** counts, because news text is full of them:
//! years ("in 2011"), ordinals ("106th Battalion"), times ("10:30", "2 a.m."), money ("$5",
//! "5 million dollars"), percentages, measures and durations ("50 km", "three days"), ages
//! ("Smith, 23,"; "12-year-old"), phone numbers, addresses and labels ("8509 Main Ln",
//! "Route 66").
//!
//! [`find_numbers`] returns every number with its [`NumberKind`]; [`find_counts`] keeps the
//! counts. Vague amounts carry the qualifier they imply: a plural of a round number ("dozens",
//! "hundreds", "thousands", "tens of thousands") means *more than* one of that unit, so
//! "dozens" is 12 `MoreThan`, "thousands" 1000 `MoreThan`. This is the lowest value the words
//! guarantee, which keeps reconciled tolls conservative. Indefinite articles ("a man", "an
//! officer") are returned as counts of one with [`CountForm::Article`], so a caller can decide
//! whether the noun that follows is a person.
//!
//! Everything here is byte-offset based over the input string and never panics.

use std::sync::LazyLock;

use crate::charclass::token_spans;
use herald_model::Qualifier;
use regex::Regex;

/// What a number in text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberKind {
    /// A count of things or people ("205", "two dozen", "a").
    Count,
    /// A calendar year ("in 2011").
    Year,
    /// An ordinal ("106th").
    Ordinal,
    /// A clock time ("10:30", "2 a.m.").
    Time,
    /// An amount of money ("$5", "5 million dollars").
    Money,
    /// A percentage ("12%", "5 percent").
    Percent,
    /// A measure or a duration ("50 km", "three days", "two times").
    Measure,
    /// A person's age ("12-year-old", "Smith, 23,").
    Age,
    /// A phone number ("555-123-4567").
    Phone,
    /// A street address, a label or a code ("8509 Main St", "Route 66", "3-2").
    Label,
    /// A decimal that is not scaled to a whole count ("1.5").
    Decimal,
}

/// How a count was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountForm {
    /// Digits, possibly with a scale word ("2,800", "1.5 million").
    Digits,
    /// Number words ("twenty-one", "two dozen", "one", "both", "no one").
    Words,
    /// An indefinite article standing for one ("a", "an").
    Article,
    /// A vague plural amount ("dozens", "hundreds", "thousands").
    Vague,
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberMention {
    /// Byte range of the number phrase in the text.
    pub start: usize,
    pub end: usize,
    /// The phrase as written.
    pub text: String,
    /// The numeric value (for a year, the year; for a vague amount, its lower bound).
    pub value: u64,
    pub kind: NumberKind,
    pub form: CountForm,
    /// The qualifier the words themselves imply ("dozens" → `MoreThan`); `None` for exact forms.
    pub qualifier: Option<Qualifier>,
}

impl NumberMention {
    pub fn is_count(&self) -> bool {
        self.kind == NumberKind::Count
    }
}

/// A token of the number scanner: a word (letters, digits, inner `-',.:/`) or one other character.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// The tokens of `text` ([`token_spans`]).
fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    token_spans(text, |start, end| {
        out.push(Tok {
            start,
            end,
            text: &text[start..end],
        })
    });
    out
}

fn unit_word(w: &str) -> Option<u64> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn scale_word(w: &str) -> Option<u64> {
    Some(match w {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        _ => return None,
    })
}

/// Vague plural amounts and the lower bound they guarantee.
fn vague_word(w: &str) -> Option<u64> {
    Some(match w {
        "dozens" => 12,
        "scores" => 20,
        "hundreds" => 100,
        "thousands" => 1_000,
        "millions" => 1_000_000,
        _ => return None,
    })
}

/// Parses a single word (or hyphenated compound) number: "seven", "twenty-one".
fn word_value(w: &str) -> Option<u64> {
    if let Some(v) = unit_word(w) {
        return Some(v);
    }
    let (tens, units) = w.split_once('-')?;
    let t = unit_word(tens)?;
    let u = unit_word(units)?;
    if (20..=90).contains(&t) && t % 10 == 0 && (1..=9).contains(&u) {
        Some(t + u)
    } else {
        None
    }
}

/// Parses digits with optional thousands separators ("2,800"), or a decimal ("1.5").
fn digits_value(s: &str) -> Option<(u64, bool)> {
    static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$").expect("static regex is valid")
    });
    let caps = DIGITS.captures(s)?;
    let decimal = caps.get(1).is_some();
    let whole: String = s
        .split('.')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let v = whole.parse::<u64>().ok()?;
    Some((v, decimal))
}

fn decimal_times(s: &str, scale: u64) -> Option<u64> {
    let clean: String = s.chars().filter(|c| *c != ',').collect();
    let f: f64 = clean.parse().ok()?;
    let v = (f * scale as f64).round();
    if v.is_finite() && (0.0..1.0e18).contains(&v) {
        Some(v as u64)
    } else {
        None
    }
}

const UNITS: &[&str] = &[
    "km",
    "kms",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "mile",
    "miles",
    "m",
    "metre",
    "metres",
    "meter",
    "meters",
    "cm",
    "mm",
    "feet",
    "foot",
    "ft",
    "inch",
    "inches",
    "yard",
    "yards",
    "kg",
    "kgs",
    "kilogram",
    "kilograms",
    "g",
    "gram",
    "grams",
    "ton",
    "tons",
    "tonne",
    "tonnes",
    "pound",
    "pounds",
    "lb",
    "lbs",
    "ounce",
    "ounces",
    "mph",
    "kph",
    "km/h",
    "degree",
    "degrees",
    "acre",
    "acres",
    "hectare",
    "hectares",
    "litre",
    "litres",
    "liter",
    "liters",
    "gallon",
    "gallons",
    "barrel",
    "barrels",
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "hrs",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "time",
    "times",
    "mm",
    "calibre",
    "caliber",
    "round",
    "rounds",
    "shots",
    "bullet",
    "bullets",
    "storey",
    "storeys",
    "story",
    "stories",
    "floor",
    "floors",
    "point",
    "points",
    "goal",
    "goals",
    "votes",
    "seats",
    "percent",
    "pct",
];

const MONEY_WORDS: &[&str] = &[
    "dollar",
    "dollars",
    "euro",
    "euros",
    "pound sterling",
    "dinar",
    "dinars",
    "dirham",
    "dirhams",
    "rupee",
    "rupees",
    "yen",
    "yuan",
    "francs",
    "usd",
    "eur",
    "gbp",
    "bucks",
    "cents",
    "rubles",
    "roubles",
    "naira",
    "shekels",
    "lira",
];

const CURRENCY_SIGNS: &[&str] = &["$", "€", "£", "¥", "₹", "US$", "USD", "EUR", "GBP"];

const LABEL_HEADS: &[&str] = &[
    "road",
    "route",
    "highway",
    "interstate",
    "i",
    "flight",
    "room",
    "apartment",
    "apt",
    "suite",
    "unit",
    "no",
    "no.",
    "number",
    "#",
    "resolution",
    "article",
    "section",
    "chapter",
    "page",
    "channel",
    "ward",
    "precinct",
    "building",
    "gate",
    "terminal",
    "platform",
    "bus",
    "line",
    "exit",
    "mile",
    "box",
    "code",
    "lot",
    "pier",
    "hwy",
    "rte",
    "sr",
    "us",
    "fm",
    "cr",
    "district",
    "zone",
    "sector",
    "camp",
    "block",
    "level",
    "grade",
    "class",
    "model",
    "version",
    "squad",
    "station",
    "kilometre",
    "km",
];

const STREET_SUFFIXES: &[&str] = &[
    "st",
    "street",
    "ave",
    "avenue",
    "rd",
    "road",
    "ln",
    "lane",
    "blvd",
    "boulevard",
    "dr",
    "drive",
    "way",
    "ct",
    "court",
    "pl",
    "place",
    "pkwy",
    "parkway",
    "hwy",
    "highway",
    "cir",
    "circle",
    "ter",
    "terrace",
    "trl",
    "trail",
    "sq",
    "square",
];

const YEAR_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "of",
    "from",
    "until",
    "till",
    "by",
    "before",
    "after",
    "during",
    "early",
    "late",
    "mid",
    "year",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
    "circa",
    "between",
    "and",
    "to",
    "the",
    "class",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const QUALIFIER_WORDS: &[&str] = &[
    "than",
    "least",
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "over",
    "roughly",
    "approximately",
    "estimated",
    "of",
    "to",
    "most",
];

/// A month name or its abbreviation, lowercase.
fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn is_capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_word(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic)
}

/// Every number in `text`, counts and non-counts, in text order.
pub fn find_numbers(text: &str) -> Vec<NumberMention> {
    let toks = tokenize(text);
    let lows: Vec<String> = toks.iter().map(|t| lower(t.text)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match scan_at(text, &toks, &lows, i) {
            Some((m, next)) => {
                out.push(m);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// The counts in `text` (numbers of [`NumberKind::Count`]), in text order.
pub fn find_counts(text: &str) -> Vec<NumberMention> {
    find_numbers(text)
        .into_iter()
        .filter(NumberMention::is_count)
        .collect()
}

/// Parses a whole phrase as a count: "2,800", "twenty-one", "two dozen", "dozens", "a hundred".
/// Returns the value and the qualifier the words imply, or `None` if the phrase is not exactly
/// one count.
pub fn parse_count(phrase: &str) -> Option<(u64, Option<Qualifier>)> {
    let trimmed = phrase.trim();
    let found = find_numbers(trimmed);
    match found.as_slice() {
        [m] if m.kind == NumberKind::Count && m.start == 0 && m.end == trimmed.len() => {
            Some((m.value, m.qualifier))
        }
        _ => None,
    }
}

fn mention(
    text: &str,
    start: usize,
    end: usize,
    value: u64,
    kind: NumberKind,
    form: CountForm,
    qualifier: Option<Qualifier>,
) -> NumberMention {
    NumberMention {
        start,
        end,
        text: text.get(start..end).unwrap_or_default().to_string(),
        value,
        kind,
        form,
        qualifier,
    }
}

/// Tries to read a number phrase starting at token `i`; returns it and the next token index.
fn scan_at(text: &str, toks: &[Tok], lows: &[String], i: usize) -> Option<(NumberMention, usize)> {
    let t = toks.get(i)?;
    let w = lows.get(i)?.as_str();
    let first = w.chars().next()?;
    if first.is_ascii_digit() {
        return Some(scan_digits(text, toks, lows, i));
    }
    if !first.is_alphabetic() {
        return None;
    }
    let word = |k: usize| lows.get(k).map(String::as_str).unwrap_or("");

    // "no one", "nobody", "none": zero.
    if (w == "no" && word(i + 1) == "one") || w == "nobody" || w == "none" {
        let end_i = if w == "no" { i + 1 } else { i };
        let m = mention(
            text,
            t.start,
            toks[end_i].end,
            0,
            NumberKind::Count,
            CountForm::Words,
            None,
        );
        return Some((m, end_i + 1));
    }
    // Vague plurals: "dozens", "hundreds of thousands", "tens of thousands".
    if w == "tens" && word(i + 1) == "of" && word(i + 2) == "thousands" {
        let m = mention(
            text,
            t.start,
            toks[i + 2].end,
            10_000,
            NumberKind::Count,
            CountForm::Vague,
            Some(Qualifier::MoreThan),
        );
        return Some((m, i + 3));
    }
    if let Some(v) = vague_word(w) {
        let (mut value, mut end_i) = (v, i);
        if word(i + 1) == "of" {
            if let Some(v2) = vague_word(word(i + 2)) {
                if v2 > v {
                    value = v.saturating_mul(v2);
                    end_i = i + 2;
                }
            }
        }
        let m = mention(
            text,
            t.start,
            toks[end_i].end,
            value,
            NumberKind::Count,
            CountForm::Vague,
            Some(Qualifier::MoreThan),
        );
        return Some((m, end_i + 1));
    }
    if w == "both" {
        let m = mention(
            text,
            t.start,
            t.end,
            2,
            NumberKind::Count,
            CountForm::Words,
            None,
        );
        return Some((m, i + 1));
    }
    // "half a dozen"
    if w == "half" && word(i + 1) == "a" && word(i + 2) == "dozen" {
        let m = mention(
            text,
            t.start,
            toks[i + 2].end,
            6,
            NumberKind::Count,
            CountForm::Words,
            None,
        );
        return Some((m, i + 3));
    }
    if w == "a" || w == "an" {
        // "a dozen", "a hundred", "a thousand"...
        let next = word(i + 1);
        if next == "dozen" || scale_word(next).is_some() {
            if let Some((value, end_i)) = parse_words(lows, i) {
                let m = mention(
                    text,
                    t.start,
                    toks[end_i].end,
                    value,
                    NumberKind::Count,
                    CountForm::Words,
                    None,
                );
                return Some((m, end_i + 1));
            }
        }
        if next == "couple" && word(i + 2) == "of" {
            let m = mention(
                text,
                t.start,
                toks[i + 1].end,
                2,
                NumberKind::Count,
                CountForm::Words,
                Some(Qualifier::About),
            );
            return Some((m, i + 2));
        }
        let m = mention(
            text,
            t.start,
            t.end,
            1,
            NumberKind::Count,
            CountForm::Article,
            None,
        );
        return Some((m, i + 1));
    }
    // Ages written in words: "three-year-old", "three-year old".
    if let Some((head, rest)) = w.split_once('-') {
        if word_value(head).is_some() && (rest.starts_with("year") || rest.starts_with("month")) {
            let end_i = if word(i + 1) == "old" { i + 1 } else { i };
            let value = word_value(head).unwrap_or(0);
            let m = mention(
                text,
                t.start,
                toks[end_i].end,
                value,
                NumberKind::Age,
                CountForm::Words,
                None,
            );
            return Some((m, end_i + 1));
        }
    }
    word_value(w)?;
    let (value, end_i) = parse_words(lows, i)?;
    let mut m = mention(
        text,
        t.start,
        toks[end_i].end,
        value,
        NumberKind::Count,
        CountForm::Words,
        None,
    );
    m.kind = classify_after(toks, lows, i, end_i, value, false);
    Some((m, end_i + 1))
}

/// Parses a run of number words from token `i`: "two hundred and fifty", "twenty one",
/// "two dozen", "a thousand". Returns the value and the index of the last token used.
fn parse_words(lows: &[String], i: usize) -> Option<(u64, usize)> {
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut last = None;
    let mut k = i;
    let mut seen_any = false;
    let mut last_was_tens = false;
    while let Some(w) = lows.get(k).map(String::as_str) {
        if (w == "a" || w == "an") && !seen_any {
            current = 1;
            seen_any = true;
            last = Some(k);
            k += 1;
            continue;
        }
        if let Some(v) = word_value(w) {
            if seen_any && current.checked_rem(100) != Some(0) && !(last_was_tens && v < 10) {
                break; // "two three" is two numbers
            }
            if last_was_tens && v < 10 {
                current = current.saturating_add(v);
                last_was_tens = false;
            } else {
                current = current.saturating_add(v);
                last_was_tens = v >= 20 && v % 10 == 0;
            }
            seen_any = true;
            last = Some(k);
            k += 1;
            continue;
        }
        if !seen_any {
            return None;
        }
        if w == "dozen" {
            current = current.max(1).saturating_mul(12);
            last = Some(k);
            k += 1;
            last_was_tens = false;
            continue;
        }
        if w == "hundred" {
            current = current.max(1).saturating_mul(100);
            last = Some(k);
            k += 1;
            last_was_tens = false;
            continue;
        }
        if let Some(s) = scale_word(w) {
            total = total.saturating_add(current.max(1).saturating_mul(s));
            current = 0;
            last = Some(k);
            k += 1;
            last_was_tens = false;
            continue;
        }
        if w == "and" && lows.get(k + 1).is_some_and(|n| word_value(n).is_some()) && last.is_some()
        {
            // "two hundred and fifty": only after a scale word.
            let prev = lows
                .get(k.wrapping_sub(1))
                .map(String::as_str)
                .unwrap_or("");
            if prev == "hundred" || scale_word(prev).is_some() {
                k += 1;
                continue;
            }
        }
        break;
    }
    let last = last?;
    Some((total.saturating_add(current), last))
}

/// Reads a number that starts with a digit token.
fn scan_digits(text: &str, toks: &[Tok], lows: &[String], i: usize) -> (NumberMention, usize) {
    static ORDINAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d+(?:st|nd|rd|th)$").expect("static regex is valid"));
    static AGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,3})-(?:years?|yrs?|months?|weeks?|days?)(?:-olds?)?$")
            .expect("static regex is valid")
    });
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:am|pm|a\.m|p\.m|h|hrs|gmt|utc)?$|^\d{1,2}(?:am|pm)$")
            .expect("static regex is valid")
    });
    static PHONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\d{1,4}(?:[-.]\d{2,4}){1,3}$").expect("static regex is valid")
    });
    static UNIT_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\d+(?:\.\d+)?(?:km|kms|mi|m|cm|mm|kg|g|lbs?|ft|mph|kph|s|h|hrs|min|mins|%|k|bn|m)$",
        )
        .expect("static regex is valid")
    });
    let t = toks[i];
    let w = lows[i].as_str();
    let word = |k: usize| lows.get(k).map(String::as_str).unwrap_or("");
    let single = |kind: NumberKind, value: u64| {
        (
            mention(text, t.start, t.end, value, kind, CountForm::Digits, None),
            i + 1,
        )
    };
    let lead_digits = |s: &str| -> u64 {
        s.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or(0)
    };

    if ORDINAL.is_match(w) {
        return single(NumberKind::Ordinal, lead_digits(w));
    }
    if let Some(c) = AGE.captures(w) {
        let v = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
        // "12-year old"
        let end_i = if word(i + 1) == "old" { i + 1 } else { i };
        return (
            mention(
                text,
                t.start,
                toks[end_i].end,
                v,
                NumberKind::Age,
                CountForm::Digits,
                None,
            ),
            end_i + 1,
        );
    }
    if TIME.is_match(w) && w.contains([':', 'm', 'h', 't']) {
        return single(NumberKind::Time, lead_digits(w));
    }
    if w.contains(':') {
        return single(NumberKind::Time, lead_digits(w));
    }
    if w.contains('/') {
        return single(NumberKind::Label, lead_digits(w));
    }
    if PHONE.is_match(w) && (w.contains('-') || w.matches('.').count() >= 2) {
        let digits = w.chars().filter(char::is_ascii_digit).count();
        let kind = if digits >= 7 {
            NumberKind::Phone
        } else {
            NumberKind::Label
        };
        return single(kind, lead_digits(w));
    }
    if UNIT_SUFFIX.is_match(w) {
        let kind = if w.ends_with('%') {
            NumberKind::Percent
        } else if w.ends_with("bn") || w.ends_with('k') {
            // "5k", "2bn": scaled amounts; money if a currency sign precedes.
            if i > 0 && CURRENCY_SIGNS.contains(&toks[i - 1].text) {
                NumberKind::Money
            } else {
                NumberKind::Measure
            }
        } else {
            NumberKind::Measure
        };
        return single(kind, lead_digits(w));
    }
    let Some((mut value, decimal)) = digits_value(w) else {
        return single(NumberKind::Label, lead_digits(w));
    };
    let mut end_i = i;
    let mut form_decimal = decimal;
    // Scale words: "5 million", "1.5 million", "2 thousand", "three hundred" (digits + word).
    if let Some(s) = scale_word(word(i + 1)).or(if word(i + 1) == "dozen" {
        Some(12)
    } else {
        None
    }) {
        let scaled = if decimal {
            decimal_times(w, s)
        } else {
            value.checked_mul(s)
        };
        if let Some(v) = scaled {
            value = v;
            end_i = i + 1;
            form_decimal = false;
        }
    }
    let mut m = mention(
        text,
        t.start,
        toks[end_i].end,
        value,
        NumberKind::Count,
        CountForm::Digits,
        None,
    );
    if form_decimal {
        m.kind = NumberKind::Decimal;
    } else {
        m.kind = classify_after(toks, lows, i, end_i, value, w.contains(',') || end_i > i);
    }
    (m, end_i + 1)
}

/// True when the number at token `i` follows "age"/"ages"/"aged" with only range and list
/// words ("of", "from", "between", "to", "and", commas, other numbers) in between.
fn after_age_word(lows: &[String], i: usize) -> bool {
    let mut k = i;
    let mut steps = 0;
    while k > 0 && steps < 8 {
        k -= 1;
        steps += 1;
        let w = lows[k].as_str();
        if matches!(w, "age" | "ages" | "aged") {
            return steps > 1;
        }
        let numeric = !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
            || word_value(w).is_some_and(|v| v < 120);
        if !(numeric
            || matches!(
                w,
                "of" | "from" | "between" | "to" | "and" | "through" | "," | "-" | "–"
            ))
        {
            return false;
        }
    }
    false
}

/// Decides from the context whether the number at tokens `i..=end_i` is a count or something
/// else (year, money, percent, measure, age, label).
fn classify_after(
    toks: &[Tok],
    lows: &[String],
    i: usize,
    end_i: usize,
    value: u64,
    has_separator_or_scale: bool,
) -> NumberKind {
    let word = |k: usize| lows.get(k).map(String::as_str).unwrap_or("");
    let prev = if i > 0 { word(i - 1) } else { "" };
    let prev2 = if i > 1 { word(i - 2) } else { "" };
    let next = word(end_i + 1);
    let next2 = word(end_i + 2);
    let raw_prev = if i > 0 { toks[i - 1].text } else { "" };
    let is_digits = toks[i].text.starts_with(|c: char| c.is_ascii_digit());

    // Money: "$5", "5 dollars", "5 million dollars".
    if CURRENCY_SIGNS.contains(&raw_prev) || CURRENCY_SIGNS.iter().any(|s| lower(s) == prev) {
        return NumberKind::Money;
    }
    if MONEY_WORDS.contains(&next) || (next == "us" && MONEY_WORDS.contains(&next2)) {
        return NumberKind::Money;
    }
    // Percent.
    if next == "%" || next == "percent" || next == "pct" || (next == "per" && next2 == "cent") {
        return NumberKind::Percent;
    }
    // Times: "2 a.m.", "2 pm", "9 o'clock".
    if matches!(
        next,
        "a.m" | "p.m" | "am" | "pm" | "a" | "p" | "o'clock" | "o’clock" | "gmt" | "utc"
    ) && (next != "a" && next != "p" || next2 == "." || next2 == "m")
    {
        if next == "a" || next == "p" {
            // "2 a .m." split oddly; treat "a"/"p" as time only when followed by "m"/"." tokens.
            return NumberKind::Time;
        }
        return NumberKind::Time;
    }
    // Measures and durations: "50 km", "three days", "two times".
    if UNITS.contains(&next) {
        // "5 years old" is an age.
        if matches!(next, "year" | "years" | "month" | "months") && next2 == "old" {
            return NumberKind::Age;
        }
        return NumberKind::Measure;
    }
    if matches!(next, "-" | "–") && UNITS.contains(&next2) {
        return NumberKind::Measure;
    }
    // Days of a month: "July 31", "on Jan. 5", "31 July".
    if is_digits && (1..=31).contains(&value) && !has_separator_or_scale {
        let month_before = is_month(prev) || (prev == "." && is_month(prev2));
        let month_after = is_month(next) && !matches!(next, "may" | "march");
        if month_before || month_after {
            return NumberKind::Time;
        }
    }
    // Ages: "aged 23", "age 23", "Smith, 23," and "(23)" after a name.
    if matches!(prev, "aged" | "age" | "ages") {
        return NumberKind::Age;
    }
    // Ages written after the number: "25 y/o", "3 yr old", "29 year-old", "7 years-old".
    if is_digits
        && value < 120
        && (matches!(
            next,
            "y/o" | "y.o" | "yo" | "yr-old" | "yrs-old" | "year-old" | "years-old"
        ) || (matches!(next, "yr" | "yrs") && next2 == "old"))
    {
        return NumberKind::Age;
    }
    // Age ranges: "between the ages of 18 and 22", "ranging in age from 19 to 27", "ages six
    // and seven": every number after an age word, across range and list words only.
    if value < 120 && after_age_word(lows, i) {
        return NumberKind::Age;
    }
    // Broadcasters: call letters then a channel number ("WXYZ 12 -"), or a channel number
    // then a name ending in "News" ("9 Eyewitness News").
    let tok_text = |k: usize| toks.get(k).map(|t| t.text).unwrap_or("");
    let call_letters = raw_prev.len() >= 3
        && raw_prev.len() <= 5
        && raw_prev.chars().all(|c| c.is_ascii_uppercase());
    if is_digits && call_letters && !is_word(tok_text(end_i + 1)) {
        return NumberKind::Label;
    }
    let news_name = is_capitalized(tok_text(end_i + 1))
        && (next == "news"
            || next2 == "news" && is_capitalized(tok_text(end_i + 2))
            || word(end_i + 3) == "news"
                && is_capitalized(tok_text(end_i + 2))
                && is_capitalized(tok_text(end_i + 3)));
    if is_digits && news_name {
        return NumberKind::Label;
    }
    // Picture captions and channel names: "Image 7 of 8", "photo 2 of 5", "NewsChannel 15".
    let caption = |w: &str| matches!(w, "image" | "photo" | "slide" | "picture" | "video");
    if is_digits
        && (caption(prev)
            || prev.ends_with("channel")
            || prev == "of" && caption(word(i.wrapping_sub(3))))
    {
        return NumberKind::Label;
    }
    // A list of ages: "ages 54, 33 and 26".
    if is_digits && value < 120 && matches!(prev, "," | "and") {
        let mut k = i;
        while k > 0 {
            let w = word(k - 1);
            if matches!(w, "," | "and") || w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty() {
                k -= 1;
                continue;
            }
            break;
        }
        if k > 0 && matches!(word(k - 1), "aged" | "ages") {
            return NumberKind::Age;
        }
    }
    // "ages 14 to 52", "aged 18 and 19": the second number of an age range.
    if matches!(prev, "to" | "and" | "through" | "-" | "–")
        && matches!(word(i.wrapping_sub(3)), "aged" | "age" | "ages")
    {
        return NumberKind::Age;
    }
    if is_digits && value < 120 {
        let after = toks.get(end_i + 1).map(|t| t.text).unwrap_or("");
        let before_prev = if i > 1 { toks[i - 2].text } else { "" };
        // "Jane Roe, 23, of ..." and "Jane Roe, 23 was shot" (a singular verb: one person's age).
        let singular_next = matches!(next, "was" | "is" | "has" | "of" | "from");
        if raw_prev == ","
            && is_capitalized(before_prev)
            && (matches!(after, "," | ")" | ";") || singular_next)
        {
            return NumberKind::Age;
        }
        // "John Doe Jr., 17, was ...": a name ending in an abbreviation.
        let abbreviated = before_prev == "."
            && i >= 3
            && is_capitalized(toks[i - 3].text)
            && toks[i - 3].text.chars().count() <= 3;
        if raw_prev == "," && abbreviated && (matches!(after, "," | ")" | ";") || singular_next) {
            return NumberKind::Age;
        }
        // "a man, 26, died", "the other, 20, is in fair condition": a number set off by
        // commas right after a word is that person's age (a count would be followed by a noun
        // or a verb, not by a comma).
        let word_before = before_prev.chars().all(char::is_alphabetic)
            && !before_prev.is_empty()
            && !matches!(lower(before_prev).as_str(), "and" | "or" | "but" | "than");
        let after_age = matches!(after, "," | ")" | ";")
            || matches!(
                next,
                "dead" | "died" | "was" | "is" | "remains" | "remained"
            );
        if raw_prev == "," && word_before && after_age && !is_month(&lower(before_prev)) {
            return NumberKind::Age;
        }
        if raw_prev == "(" && is_capitalized(before_prev) && after == ")" {
            return NumberKind::Age;
        }
    }
    // Labels and addresses: "Route 66", "8509 Main Ln", "the 1200 block of".
    if is_digits && (LABEL_HEADS.contains(&prev) || (prev == "." && prev2 == "no")) {
        return NumberKind::Label;
    }
    if is_digits && next == "block" && next2 == "of" {
        return NumberKind::Label;
    }
    if is_digits && value >= 10 {
        let caps_then_suffix = (end_i + 1..end_i + 5).any(|k| {
            STREET_SUFFIXES.contains(&word(k))
                && (end_i + 1..k).all(|j| toks.get(j).is_some_and(|t| is_capitalized(t.text)))
                && k > end_i + 1
        });
        if caps_then_suffix && toks.get(end_i + 1).is_some_and(|t| is_capitalized(t.text)) {
            return NumberKind::Label;
        }
    }
    // Years: a bare four-digit 1900..=2100.
    if is_digits
        && !has_separator_or_scale
        && (1900..=2100).contains(&value)
        && toks[i].text.len() == 4
    {
        if YEAR_PREPOSITIONS.contains(&prev) || raw_prev == "," || raw_prev == "'" {
            return NumberKind::Year;
        }
        if QUALIFIER_WORDS.contains(&prev) {
            return NumberKind::Count;
        }
        let next_tok = toks.get(end_i + 1).map(|t| t.text).unwrap_or("");
        if !is_word(next_tok) || is_capitalized(next_tok) {
            return NumberKind::Year;
        }
        // "the 2011 civil war" (singular noun) is a year; "2000 people" (plural) a count.
        let irregular_plural = matches!(
            next,
            "people" | "men" | "women" | "children" | "police" | "personnel"
        );
        if !irregular_plural && (!next.ends_with('s') || next.ends_with("ss")) {
            return NumberKind::Year;
        }
    }
    // Long digit strings without separators (ids, zip codes, phone numbers).
    if is_digits && toks[i].text.len() >= 7 && !toks[i].text.contains(',') {
        return NumberKind::Label;
    }
    if is_digits && toks[i].text.len() == 5 && !toks[i].text.contains(',') && raw_prev == "(" {
        return NumberKind::Label;
    }
    NumberKind::Count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(s: &str) -> Vec<(u64, Option<Qualifier>)> {
        find_counts(s)
            .into_iter()
            .map(|m| (m.value, m.qualifier))
            .collect()
    }

    fn kinds(s: &str) -> Vec<(u64, NumberKind)> {
        find_numbers(s)
            .into_iter()
            .map(|m| (m.value, m.kind))
            .collect()
    }

    #[test]
    fn digits_and_separators() {
        assert_eq!(counts("around 2,800 people"), vec![(2800, None)]);
        assert_eq!(counts("more than 8,000 were"), vec![(8000, None)]);
        assert_eq!(counts("205 dead"), vec![(205, None)]);
        assert_eq!(counts("1.5 million people"), vec![(1_500_000, None)]);
        assert_eq!(counts("5 million people"), vec![(5_000_000, None)]);
    }

    #[test]
    fn words() {
        assert_eq!(parse_count("two"), Some((2, None)));
        assert_eq!(parse_count("twenty-one"), Some((21, None)));
        assert_eq!(parse_count("twenty one"), Some((21, None)));
        assert_eq!(parse_count("a dozen"), Some((12, None)));
        assert_eq!(parse_count("two dozen"), Some((24, None)));
        assert_eq!(parse_count("half a dozen"), Some((6, None)));
        assert_eq!(parse_count("two hundred and fifty"), Some((250, None)));
        assert_eq!(parse_count("a hundred"), Some((100, None)));
        assert_eq!(parse_count("three thousand"), Some((3000, None)));
        assert_eq!(parse_count("one"), Some((1, None)));
        assert_eq!(parse_count("both"), Some((2, None)));
        assert_eq!(parse_count("a"), Some((1, None)));
        assert_eq!(parse_count("no one"), Some((0, None)));
        assert_eq!(parse_count("Eleven"), Some((11, None)));
    }

    #[test]
    fn vague_amounts() {
        assert_eq!(parse_count("dozens"), Some((12, Some(Qualifier::MoreThan))));
        assert_eq!(
            parse_count("hundreds"),
            Some((100, Some(Qualifier::MoreThan)))
        );
        assert_eq!(
            parse_count("Thousands"),
            Some((1000, Some(Qualifier::MoreThan)))
        );
        assert_eq!(
            parse_count("tens of thousands"),
            Some((10_000, Some(Qualifier::MoreThan)))
        );
        assert_eq!(
            parse_count("hundreds of thousands"),
            Some((100_000, Some(Qualifier::MoreThan)))
        );
        assert_eq!(
            counts("Thousands of people have fled"),
            vec![(1000, Some(Qualifier::MoreThan))]
        );
    }

    #[test]
    fn articles_are_counts_of_one() {
        let found = find_counts("a man was hurt");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].form, CountForm::Article);
        assert_eq!(found[0].value, 1);
    }

    #[test]
    fn not_counts() {
        assert_eq!(kinds("the war in 2011"), vec![(2011, NumberKind::Year)]);
        assert_eq!(kinds("since 1990 there"), vec![(1990, NumberKind::Year)]);
        assert_eq!(kinds("the 2011 civil war"), vec![(2011, NumberKind::Year)]);
        assert_eq!(
            kinds("the 106th Battalion"),
            vec![(106, NumberKind::Ordinal)]
        );
        assert_eq!(kinds("at 10:30 on"), vec![(10, NumberKind::Time)]);
        assert_eq!(kinds("at 2:21AM"), vec![(2, NumberKind::Time)]);
        assert_eq!(kinds("at 2 p.m. on"), vec![(2, NumberKind::Time)]);
        assert_eq!(kinds("paid $5 for"), vec![(5, NumberKind::Money)]);
        assert_eq!(
            kinds("5 million dollars"),
            vec![(5_000_000, NumberKind::Money)]
        );
        assert_eq!(kinds("rose 12% and"), vec![(12, NumberKind::Percent)]);
        assert_eq!(kinds("rose 12 percent"), vec![(12, NumberKind::Percent)]);
        assert_eq!(kinds("about 50 km south"), vec![(50, NumberKind::Measure)]);
        assert_eq!(kinds("three days later"), vec![(3, NumberKind::Measure)]);
        assert_eq!(
            kinds("call 555-123-4567 now"),
            vec![(555, NumberKind::Phone)]
        );
        assert_eq!(
            kinds("at 8509 Rixlew Ln in"),
            vec![(8509, NumberKind::Label)]
        );
        assert_eq!(kinds("on County Road 336."), vec![(336, NumberKind::Label)]);
        assert_eq!(
            kinds("Jane Roe, 23, of Springfield"),
            vec![(23, NumberKind::Age)]
        );
        assert_eq!(kinds("Jon Doe, 24 was shot"), vec![(24, NumberKind::Age)]);
        assert_eq!(
            kinds("In Springfield, 11 were hurt"),
            vec![(11, NumberKind::Count)]
        );
        assert_eq!(kinds("a three-year old son")[1], (3, NumberKind::Age));
        assert_eq!(
            kinds("ages 14 to 52,"),
            vec![(14, NumberKind::Age), (52, NumberKind::Age)]
        );
        assert_eq!(
            kinds("three men, ages 54, 33 and 26, and a woman"),
            vec![
                (3, NumberKind::Count),
                (54, NumberKind::Age),
                (33, NumberKind::Age),
                (26, NumberKind::Age),
                (1, NumberKind::Count)
            ]
        );
        assert_eq!(kinds("a man, 26, dead")[1], (26, NumberKind::Age));
        assert_eq!(kinds("The other, 20, is in")[0], (20, NumberKind::Age));
        assert_eq!(kinds("On July 31, a man")[0], (31, NumberKind::Time));
        assert_eq!(kinds("on Jan. 5 two men")[0], (5, NumberKind::Time));
        assert_eq!(
            kinds("In the north, 11 were hurt")[0],
            (11, NumberKind::Count)
        );
        assert_eq!(kinds("killed 4, wounding 7")[1], (7, NumberKind::Count));
    }

    #[test]
    fn age_ranges_captions_and_channels_are_not_counts() {
        assert_eq!(
            kinds("the men were between the ages of 18 and 22")
                .iter()
                .filter(|(_, k)| *k == NumberKind::Count)
                .count(),
            0
        );
        assert!(
            kinds("three others, ranging in age from 19 to 27, were hurt")
                .iter()
                .all(|(v, k)| *v == 3 || *k == NumberKind::Age)
        );
        assert_eq!(kinds("25 y/o man")[0].1, NumberKind::Age);
        assert_eq!(kinds("3 yr old girl")[0].1, NumberKind::Age);
        assert_eq!(kinds("29 year-old man")[0].1, NumberKind::Age);
        assert!(kinds("Image 7 of 8 A child was shot")
            .iter()
            .all(|(v, k)| *v == 1 || *k != NumberKind::Count));
        assert_eq!(
            kinds("dispatchers told NewsChannel 15 that")[0].1,
            NumberKind::Label
        );
        assert_eq!(kinds("WXYZ 12 - Deputies say")[0].1, NumberKind::Label);
        assert_eq!(
            kinds("deputies told 9 Eyewitness News that")[0].1,
            NumberKind::Label
        );
        assert_eq!(
            kinds("Jon Doe Jr., 17, was pronounced dead")
                .iter()
                .find(|(v, _)| *v == 17)
                .map(|(_, k)| *k),
            Some(NumberKind::Age)
        );
        // A count before a capitalised place stays a count.
        assert_eq!(counts("3 Dead In Riverside Shooting"), vec![(3, None)]);
        // A count after "ages" in another clause is still a count.
        assert_eq!(counts("people of all ages; 12 were hurt"), vec![(12, None)]);
    }

    #[test]
    fn ages_leave_the_article_as_the_person() {
        let all = find_numbers("a 12-year-old boy");
        assert_eq!(all.len(), 2);
        assert_eq!((all[0].value, all[0].kind), (1, NumberKind::Count));
        assert_eq!((all[1].value, all[1].kind), (12, NumberKind::Age));
    }

    #[test]
    fn year_like_counts_with_plural_nouns() {
        assert_eq!(kinds("2000 people fled"), vec![(2000, NumberKind::Count)]);
        assert_eq!(
            kinds("more than 1950 soldiers"),
            vec![(1950, NumberKind::Count)]
        );
    }

    #[test]
    fn spans_point_into_the_text() {
        let s = "at least twenty-one people";
        let m = &find_counts(s)[0];
        assert_eq!(&s[m.start..m.end], "twenty-one");
        assert_eq!(m.text, "twenty-one");
    }

    #[test]
    fn never_panics_on_noise() {
        let alphabet: Vec<char> = "0123456789 ,.:-/$%aAthe dozen one-year-old §é😀\n"
            .chars()
            .collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let len = (seed % 40) as usize;
            let mut s = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            for m in find_numbers(&s) {
                assert!(s.get(m.start..m.end).is_some());
            }
            let _ = parse_count(&s);
        }
        let _ = find_numbers("99999999999999999999999999 9,999,999,999,999,999,999,999");
        let _ = find_numbers("999999999999 million billion thousand");
    }
}
