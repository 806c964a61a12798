//! When and where a count holds: its period ("in a week of fighting", "since May 2",
//! "in the battle for control of the capital"), its `as_of` date and its place.
//!
//! Dates come from `herald_text::date::find_dates` against the publication date. A date right
//! after a reporting verb ("said on May 8", "said Thursday") is the date of the report, so
//! it is the count's `as_of`. A date inside a "since ..." phrase starts the period and is not
//! an `as_of`. Any other date is the day of the event counted ("12 were killed on May 7"):
//! it is the `as_of` and, when the sentence names no other period, the period ("on May 7"),
//! which marks the count as one day's incident for reconciliation. Without a date in the
//! sentence `as_of` is the publication date. A period ending in a capitalised place name gives
//! that name as the place ("in the battle for the capital Springfield" → place "Springfield").

use crate::words::Words;
use std::sync::LazyLock;

use chrono::NaiveDate;
use herald_text::date::{find_dates, DateMention};

/// A phrase with its byte span in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// What the sentence says about the time and place of a count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Setting {
    pub period: Option<String>,
    pub as_of: Option<String>,
    pub place: Option<String>,
}

/// The kinds of event a period can be "of" ("in a week of fighting", "during the siege").
const EVENT_WORDS: &str = r"battle|fighting|clashes|attacks?|violence|war|conflict|offensive|shootings?|explosions?|blasts?|bombings?|strikes?|airstrikes?|air strikes?|raids?|assault|siege|unrest|protests?|riots?|crash|fire|earthquake|floods?|flooding|storm|hurricane|cyclone|stampede|massacre|ambush|crossfire|incident|rampage";

/// The forms of a period phrase, matched as one leftmost-first alternation (the first
/// form that matches at the leftmost start wins, as in `a|b|...`). Two forms run on to
/// the next punctuation: "since ..." (2 to 60 characters after it) and "after the ...
/// <event> ..." (up to 60); their tails are read by hand ([`TAILS`]), since a regex of a
/// negated Unicode class repeated 60 times made the lazy DFA build states on nearly every
/// sentence (155 k instructions a sentence; see the commit).
static PERIOD: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    let event = EVENT_WORDS;
    let forms = [
        r"(?-u:\b)since\s+[^,.;:()]{2}".to_string(),
        r"(?-u:\b)(?:in|over|during|within)\s+the\s+(?:past|last|first|previous)\s+(?:[\w-]+\s+)?(?:days?|weeks?|months?|hours?|years?)(?-u:\b)".to_string(),
        format!(r"(?-u:\b)in\s+(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?|months?|hours?)(?:\s+of\s+(?:{event}))?(?-u:\b)"),
        r"(?-u:\b)(?:so\s+far|to\s+date|this\s+(?:week|month|year)|last\s+(?:week|month|year)|over\s+the\s+weekend)(?-u:\b)".to_string(),
        r"(?-u:\b)(?:in|during)\s+(?:(?:early|late|mid)[-\s])?(?:[A-Z][a-z]+\.?\s+)?(?:19|20)\d\d(?-u:\b)".to_string(),
        format!(r"(?-u:\b)(?:in|during|after)\s+(?:the\s+|a\s+|an\s+)?(?:(?:\w+|\w+-\w+)\s+)?(?:{event})(?-u:\b)"),
    ];
    regex_automata::meta::Regex::new_many(&forms).expect("static regexes are valid")
});

/// Per form of [`PERIOD`], how many more characters other than `,.;:()` its phrase may
/// take after the match (greedily, as the regex `[^,.;:()]{n,m}` would).
const TAILS: [usize; 6] = [58, 0, 0, 0, 0, 60];

/// The words a form of [`PERIOD`] starts with, after a word boundary.
const PERIOD_STARTS: &[&[u8]] = &[
    b"since", b"in", b"over", b"during", b"within", b"so", b"to", b"this", b"last", b"after",
];

/// The leftmost-first match of [`PERIOD`] starting at or after byte `from` of `sentence`
/// (what an unanchored search from `from` finds). Every form starts with one of
/// [`PERIOD_STARTS`] after a word boundary, so the search runs anchored at each such word:
/// an unanchored search had to find the match's start with a reverse lazy DFA whose states
/// over the forms' Unicode classes cost tens of thousands of instructions each to build.
fn next_period(sentence: &str, from: usize) -> Option<regex_automata::Match> {
    let bytes = sentence.as_bytes();
    (from..bytes.len()).find_map(|start| {
        let boundary = start == 0 || !is_ascii_word(bytes[start - 1]);
        let rest = bytes.get(start..)?;
        if !boundary || !PERIOD_STARTS.iter().any(|w| rest.starts_with(w)) {
            return None;
        }
        let input = regex_automata::Input::new(sentence)
            .span(start..sentence.len())
            .anchored(regex_automata::Anchored::Yes);
        PERIOD.find(input)
    })
}

/// The period phrases of a sentence, in order, without overlaps.
fn periods(sentence: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < sentence.len() {
        let Some(m) = next_period(sentence, at) else {
            break;
        };
        let mut end = m.end();
        let tail = TAILS[m.pattern().as_usize()];
        for c in sentence[end..].chars().take(tail) {
            if matches!(c, ',' | '.' | ';' | ':' | '(' | ')') {
                break;
            }
            end += c.len_utf8();
        }
        out.push(Span {
            start: m.start(),
            end,
            text: sentence[m.start()..end].trim().to_string(),
        });
        at = end.max(m.start() + 1);
    }
    out
}
/// A place after a preposition; group 1 is the place.
const PLACE_PATTERN: &str = r"(?-u:\b)(?:in|near|outside|at)\s+(?:the\s+(?:city|town|village|capital|province|region|district|county|state)\s+of\s+)?((?:[A-Z][\p{L}'’-]+)(?:\s+(?:[A-Z][\p{L}'’-]+|al-[\p{L}-]+|de|del|el-[\p{L}-]+))*)";

/// [`PLACE_PATTERN`], run anchored at each preposition (see [`places`]).
static PLACE: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    regex_automata::meta::Regex::new(PLACE_PATTERN).expect("static regex is valid")
});

static NOT_PLACES: Words = Words::new(&[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "A",
    "An",
    "His",
    "Her",
    "Their",
    "Its",
    "This",
    "That",
]);

const REPORT_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "reported",
    "announced",
    "stated",
    "added",
    "confirmed",
    "estimated",
];

/// Time and place for a count at byte `at` of `sentence`.
#[cfg(test)]
pub fn setting(sentence: &str, at: usize, published: Option<NaiveDate>) -> Setting {
    Scene::new(sentence, published).setting(at)
}

/// The periods and dates of one sentence, found once for all the counts in it.
pub struct Scene<'a> {
    sentence: &'a str,
    published: Option<NaiveDate>,
    periods: Vec<Span>,
    dates: Vec<DateMention>,
}

impl<'a> Scene<'a> {
    pub fn new(sentence: &'a str, published: Option<NaiveDate>) -> Self {
        let periods = periods(sentence);
        let dates = find_dates(sentence, published);
        Scene {
            sentence,
            published,
            periods,
            dates,
        }
    }

    /// Time and place for a count at byte `at` of the sentence.
    pub fn setting(&self, at: usize) -> Setting {
        setting_in(
            self.sentence,
            at,
            self.published,
            &self.periods,
            &self.dates,
        )
    }
}

fn setting_in(
    sentence: &str,
    at: usize,
    published: Option<NaiveDate>,
    periods: &[Span],
    dates: &[DateMention],
) -> Setting {
    let in_since = |d: &DateMention| {
        periods.iter().any(|p| {
            p.text.to_lowercase().starts_with("since") && p.start <= d.start && d.end <= p.end
        })
    };
    // Report dates and event dates, nearest to the count first.
    let mut event_date: Option<(&DateMention, bool)> = None;
    let mut best_dist = usize::MAX;
    for d in dates {
        if in_since(d) {
            continue;
        }
        let report = is_report_date(sentence, d);
        let dist = if d.start > at {
            d.start - at
        } else {
            at - d.end.min(at)
        };
        if dist < best_dist {
            best_dist = dist;
            event_date = Some((d, report));
        }
    }
    let nearest_period = periods.iter().min_by_key(|p| {
        if p.start > at {
            p.start - at
        } else {
            at.saturating_sub(p.end)
        }
    });
    let mut out = Setting::default();
    if let Some(p) = nearest_period {
        let (text, place) = split_place(&p.text);
        out.period = Some(text);
        out.place = place;
    }
    match event_date {
        Some((d, report)) => {
            out.as_of = Some(d.date.to_iso());
            if !report && out.period.is_none() {
                let on = sentence.get(..d.start).is_some_and(|b| {
                    b.trim_end().to_lowercase().ends_with(" on")
                        || b.trim_end().eq_ignore_ascii_case("on")
                });
                out.period = Some(if on {
                    format!("on {}", d.text)
                } else {
                    d.text.clone()
                });
            }
        }
        None => out.as_of = published.map(|p| p.format("%Y-%m-%d").to_string()),
    }
    if out.place.is_none() {
        out.place = place_after(sentence, at);
    }
    out
}

/// True when the date follows a reporting verb: "said on May 8", "announced Thursday".
fn is_report_date(sentence: &str, d: &DateMention) -> bool {
    let before = sentence
        .get(..d.start)
        .unwrap_or_default()
        .trim_end()
        .to_lowercase();
    let before = before.strip_suffix(" on").unwrap_or(&before).trim_end();
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    REPORT_VERBS.contains(&last)
}

/// "in the battle for the capital Springfield" → ("in the battle for the capital", "Springfield").
fn split_place(period: &str) -> (String, Option<String>) {
    let words: Vec<&str> = period.split_whitespace().collect();
    let is_name =
        |w: &str| w.chars().next().is_some_and(char::is_uppercase) && !NOT_PLACES.contains(&w);
    let mut k = words.len();
    while k > 1 && is_name(words[k - 1]) {
        k -= 1;
    }
    // Only split a trailing name after a lowercase word (not "in Springfield" alone, not a date).
    if k < words.len()
        && k >= 3
        && !words[k - 1].chars().next().is_some_and(char::is_uppercase)
        && words[k - 1] != "since"
        && words[k - 1] != "on"
    {
        let place = words[k..].join(" ");
        let rest = words[..k].join(" ");
        if find_dates(&place, None).is_empty() {
            return (rest, Some(place));
        }
    }
    (period.to_string(), None)
}

/// The successive matches of [`PLACE_PATTERN`] in `text` (as `Regex::captures_iter` gives
/// them), each as its group 1, the place.
///
/// Every match starts at a preposition after a word boundary, so the search runs anchored at
/// each such word only: an unanchored search had to find each match's start with a reverse
/// lazy DFA over the pattern's Unicode classes, whose states cost tens of thousands of
/// instructions each to build (over half of all the time spent on settings).
fn places(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut caps = PLACE.create_captures();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let start = at;
            at += 1;
            let boundary = start == 0 || !is_ascii_word(bytes[start - 1]);
            let word = bytes.get(start..).is_some_and(|b| {
                [&b"in"[..], b"near", b"outside", b"at"]
                    .iter()
                    .any(|w| b.starts_with(w))
            });
            if !(boundary && word) {
                continue;
            }
            let input = regex_automata::Input::new(text)
                .span(start..text.len())
                .anchored(regex_automata::Anchored::Yes);
            PLACE.search_captures(&input, &mut caps);
            let (Some(whole), Some(place)) = (caps.get_match(), caps.get_group(1)) else {
                continue;
            };
            // The next search starts where this match ends (matches are never empty).
            at = whole.end().max(start + 1);
            return text.get(place.range());
        }
        None
    })
}

/// A byte of `\w` in ASCII (what `(?-u:\b)` tests).
fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The first "in/near/outside X" with a capitalised X after the count.
fn place_after(sentence: &str, at: usize) -> Option<String> {
    let tail = sentence.get(at..)?;
    places(tail).map(str::to_string).find(|p| {
        !NOT_PLACES.contains(&p.split_whitespace().next().unwrap_or(""))
            && find_dates(p, None).is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn places_are_the_captures_of_the_place_regex() {
        let re = Regex::new(PLACE_PATTERN).unwrap();
        let by_regex = |t: &str| -> Vec<String> {
            re.captures_iter(t)
                .filter_map(|c| c.get(1).map(|m| m.as_str().to_string()))
                .collect()
        };
        let mut texts: Vec<String> = [
            "Two died in Springfield near Old Town, outside the city of Gary at Main Street.",
            "in Boston, in the city of boston, in The City of Boston, within Ohio, at_Home, xin Rome",
            "killed at Al-Salam near al-Zayn Square in Ciudad de México and in San José del Monte",
            "in  Paris\u{a0}France, at\tLyon, in the capital of Kiev, in the capital of  Chad",
            "",
            "in",
            "at A",
            "in É",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Random strings over prepositions, names and the pattern's joiners.
        let pieces = [
            "in", "at", "near", "outside", "the", "city", "of", "Rome", "A", "é", "É", "al-",
            "el-", "de", "del", " ", " ", "\u{a0}", "-", "'", "’", "_", "x", "9", ",",
        ];
        for text in crate::random_texts(&pieces, 0x5EED_0F91_ACE5, 20_000, 14) {
            texts.push(text);
        }
        let mut found = 0;
        for t in &texts {
            // Every tail, as `place_after` reads them.
            for at in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                let want = by_regex(&t[at..]);
                found += want.len();
                let got: Vec<String> = places(&t[at..]).map(str::to_string).collect();
                assert_eq!(got, want, "{t:?} from {at}");
            }
        }
        assert!(found > 300, "{found}");
    }

    /// The period phrases as the one regex of all forms finds them (what [`periods`]
    /// replaces, tails and all).
    fn periods_by_one_regex(sentence: &str) -> Vec<Span> {
        static ONE: LazyLock<Regex> = LazyLock::new(|| {
            let event = EVENT_WORDS;
            Regex::new(&format!(
                r"(?x)
                (?-u:\b)since\s+[^,.;:()]{{2,60}}
              | (?-u:\b)(?:in|over|during|within)\s+the\s+(?:past|last|first|previous)\s+(?:[\w-]+\s+)?(?:days?|weeks?|months?|hours?|years?)(?-u:\b)
              | (?-u:\b)in\s+(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?|months?|hours?)(?:\s+of\s+(?:{event}))?(?-u:\b)
              | (?-u:\b)(?:so\s+far|to\s+date|this\s+(?:week|month|year)|last\s+(?:week|month|year)|over\s+the\s+weekend)(?-u:\b)
              | (?-u:\b)(?:in|during)\s+(?:(?:early|late|mid)[-\s])?(?:[A-Z][a-z]+\.?\s+)?(?:19|20)\d\d(?-u:\b)
              | (?-u:\b)(?:in|during|after)\s+(?:the\s+|a\s+|an\s+)?(?:(?:\w+|\w+-\w+)\s+)?(?:{event})(?-u:\b)[^,.;:()]{{0,60}}
            "
            ))
            .expect("test regex is valid")
        });
        ONE.find_iter(sentence)
            .map(|m| Span {
                start: m.start(),
                end: m.end(),
                text: m.as_str().trim().to_string(),
            })
            .collect()
    }

    #[test]
    fn periods_are_what_the_one_regex_finds() {
        let mut sentences: Vec<String> = [
            "At least 56 people were killed since April 4 in the battle for control of the capital, officials said.",
            "since  , since   x, since ab; since a long time ago and still today and for many more days to come",
            "Over the past two weeks of fighting, in a week of clashes, so far this year 12 died in mid-2019 during March 2018.",
            "They died in the fire that swept the hall (officials said) after a stampede at the gate near the station.",
            "in the air strikes on Tuesday in two days of flooding; in 3 hours of unrest: in a fire’s aftermath — in clashes",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
        for file in [
            "claims/gva-dev/articles.jsonl",
            "summaries/multinews-dev/clusters.jsonl",
        ] {
            if let Ok(data) = std::fs::read_to_string(root.join(file)) {
                for line in data.lines().take(300) {
                    sentences.extend(line.split(". ").map(str::to_string));
                }
            }
        }
        // Random strings over the forms' words and joiners.
        let pieces = [
            "since", "in", "over", "during", "within", "the", "past", "a", "two", "12", "days",
            "week", "of", "fighting", "so", "far", "this", "year", "last", "after", "2019", "May",
            "mid", "-", " ", " ", ",", ".", "_", "x", "é", "\u{a0}",
        ];
        for text in crate::random_texts(&pieces, 0xFEED_5EED_0DD5_A11E, 20_000, 16) {
            sentences.push(text);
        }
        let mut found = 0;
        for s in &sentences {
            let want = periods_by_one_regex(s);
            found += want.len();
            assert_eq!(super::periods(s), want, "{s}");
        }
        assert!(found > 20, "the sentences should hold periods ({found})");
    }

    #[test]
    fn periods() {
        let s = "At least 50 people have been killed in the battle for control of the port city Springfield, the agency said.";
        let st = setting(s, 9, None);
        assert_eq!(
            st.period.as_deref(),
            Some("in the battle for control of the port city")
        );
        assert_eq!(st.place.as_deref(), Some("Springfield"));
        let s = "The agency said 12 people were killed in a week of fighting.";
        assert_eq!(
            setting(s, 16, None).period.as_deref(),
            Some("in a week of fighting")
        );
        let s = "More than 40 people have been killed since fighting broke out on May 2, when rebels attacked.";
        let st = setting(s, 10, None);
        assert_eq!(
            st.period.as_deref(),
            Some("since fighting broke out on May 2")
        );
        assert_eq!(st.as_of, None);
    }

    #[test]
    fn event_and_report_dates() {
        let s = "Seven people were killed and 20 wounded by shelling on May 7 in the north.";
        let st = setting(s, 0, None);
        assert_eq!(st.as_of.as_deref(), Some("--05-07"));
        assert_eq!(st.period.as_deref(), Some("on May 7"));
        let s = "The agency said on May 8 that around 900 people had been displaced.";
        let st = setting(s, 40, None);
        assert_eq!(st.as_of.as_deref(), Some("--05-08"));
        assert_eq!(st.period, None);
        let published = NaiveDate::from_ymd_opt(2020, 5, 9);
        let st = setting("Five died, police said Thursday.", 0, published);
        assert_eq!(st.as_of.as_deref(), Some("2020-05-07"));
        let st = setting("Five died.", 0, published);
        assert_eq!(st.as_of.as_deref(), Some("2020-05-09"));
    }
}
