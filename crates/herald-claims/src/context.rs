//! Sentences about other events: the past incidents and the city-wide or yearly totals a
//! report mentions for context ("In 2007, a student killed 32 people", "a string of
//! shootings across the city left 26 wounded", "two weeks ago, nine people were shot").
//!
//! Their counts are real claims, but not this event's figure: reconciliation
//! (`reconcile.rs`) leaves them out of the best figure whenever the event has other claims
//! of the same kind. The cues are general English: a year before the event's year, words for
//! the past ("ago", "last year", "earlier this month", "previous"), and words for several
//! incidents ("separate", "a string of", "shootings", "incidents", "across the city", "this
//! year").

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Phrases marking an earlier event.
const PAST: &[&str] = &[
    " ago",
    "last year",
    "last month",
    "earlier this year",
    "earlier this month",
    "months earlier",
    "weeks earlier",
    "years earlier",
    "a year earlier",
    "months before",
    "years before",
    "a year before",
    "previous",
    "in a similar",
    "another shooting",
    "anniversary",
];

/// Phrases marking a total over several incidents.
const SEVERAL: &[&str] = &[
    "separate",
    "series of",
    "string of",
    "spate of",
    "rash of",
    "wave of",
    "shootings",
    "incidents",
    "homicides",
    "across the city",
    "citywide",
    "city-wide",
    "this year",
    "so far",
    "a year",
    "per year",
    "each year",
    "every year",
    "statistics",
    "nationwide",
    "nationally",
];

/// Whether `low` contains one of `phrases`, in one pass (as `phrases.iter().any(|p|
/// low.contains(p))`: a claim's sentence is searched for each of tens of phrases otherwise).
fn holds_any(automaton: &'static LazyLock<AhoCorasick>, phrases: &[&str], low: &str) -> bool {
    match automaton.try_find(low) {
        Ok(found) => found.is_some(),
        Err(_) => phrases.iter().any(|p| low.contains(p)),
    }
}

static PAST_AC: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(PAST).expect("phrases build an automaton"));
static SEVERAL_AC: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(SEVERAL).expect("phrases build an automaton"));

/// True when `sentence` reports an earlier event. `year` is the event's latest year (0 when
/// unknown: no year test).
pub fn is_past_event(sentence: &str, year: i32) -> bool {
    let low = sentence.to_lowercase();
    holds_any(&PAST_AC, PAST, &low) || year > 0 && earlier_year(&low, year)
}

/// True when `sentence` reports a total over several incidents.
pub fn is_total_of_several(sentence: &str) -> bool {
    let low = sentence.to_lowercase();
    holds_any(&SEVERAL_AC, SEVERAL, &low)
}

/// True when `sentence` reports another event or a total over several. (Reconciliation asks
/// the two questions apart: its claims have passed [`is_past_event`] already.)
#[cfg(test)]
pub fn is_other_event(sentence: &str, year: i32) -> bool {
    is_past_event(sentence, year) || is_total_of_several(sentence)
}

/// A four-digit year before `year` that does not start a "since" period.
fn earlier_year(low: &str, year: i32) -> bool {
    let bytes = low.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let is_four = bytes[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        if is_four {
            let y: i32 = low.get(i..i + 4).and_then(|w| w.parse().ok()).unwrap_or(0);
            let since = low
                .get(..i)
                .is_some_and(|b| b.trim_end().ends_with("since"));
            if (1900..year).contains(&y) && !since {
                return true;
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_events() {
        assert!(is_other_event(
            "In 2007 a student killed 32 people at a college.",
            2014
        ));
        assert!(is_other_event(
            "Two weeks ago, nine people were shot at a party.",
            2014
        ));
        assert!(is_other_event(
            "A string of shootings across the city left 26 wounded.",
            2014
        ));
        assert!(!is_other_event(
            "Four people were shot outside a club on Sunday.",
            2014
        ));
        assert!(!is_other_event(
            "Twelve people have been killed since 2011 in the valley.",
            2014
        ));
        assert!(!is_other_event("Five died in 2014.", 2014));
    }

    #[test]
    fn one_pass_finds_what_each_phrase_finds() {
        let mut texts: Vec<String> = vec![String::new(), "a".into(), " ago".into()];
        for p in PAST.iter().chain(SEVERAL) {
            texts.push(format!("It happened {p}."));
            texts.push(p[1..].to_string());
            texts.push(format!("{}x", &p[..p.len() - 1]));
        }
        for t in &texts {
            for (automaton, phrases) in [(&PAST_AC, PAST), (&SEVERAL_AC, SEVERAL)] {
                let each = phrases.iter().any(|p| t.contains(p));
                assert_eq!(holds_any(automaton, phrases, t), each, "{t:?}");
            }
        }
    }
}
