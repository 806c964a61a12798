//! Reconciling an event's claims into one fact per kind of harm.
//!
//! Rules, per kind (killed, wounded, ...), in this order (killed first, since wounded uses it):
//! 0. **Other events are not this event's.** A claim whose sentence recalls an earlier event
//!    (a year before the event's latest year, "two weeks ago", "last year", "previous"; see
//!    `context.rs`) is left out entirely. **Shot includes the dead:** a wounded claim that still
//!    counts everyone shot ("five people were shot"; its own article did not say who died) has
//!    the event's killed figure taken off it, and is dropped at 0 — "four teens were shot" in
//!    one report and "the 12-year-old died" in another give 1 killed, 3 wounded.
//! 1. **Incidents do not compete with tolls.** A claim whose period is a single day ("on May
//!    7", "on Thursday") counts one day's incident, and a claim whose period names an earlier
//!    year than the event's latest date ("in 2009") recalls an older event; when the kind has
//!    any other claim, such claims are left out of the best figure, the low/high range and
//!    the history: "12 killed on May 7" must not replace "at least 300 killed" in the
//!    battle. Overlapping reports of the same period are never summed. A claim whose sentence reports a total over several
//!    incidents ("a string of shootings", "across the city", "this year") is set aside the
//!    same way when the kind has claims of the event itself.
//! 2. **Latest date wins.** Each claim's `as_of` (the date it holds for; the publication date
//!    when the sentence gives none) orders the claims; dates without a year are compared by
//!    month and day in the latest year seen. Claims dated before the latest date are
//!    superseded. Undated claims cannot be placed in time and stay in the running.
//! 3. **Most reported, then largest cumulative figure among the current claims.** A value given
//!    by more articles wins (independent reports agree on the event's figure; context figures
//!    are usually in one article only), up to two articles: a value two reports agree on is
//!    confirmed, and among confirmed values the largest wins (reports that each name one of
//!    the dead do not outvote the total). Tolls grow, so among equally reported values the
//!    largest is the best current figure; ties go to a claim
//!    with an attribution, then to the later article (the order of `claims`), then to the
//!    later sentence.
//! 4. `low`/`high` span the values of rule 1's claims (after rule 0); `history` lists them
//!    oldest first (by date, undated ones at the latest date, then by value), one point per
//!    value and article, each with its article, source and date.
//! 5. **Disputed** when two claims from different articles or sources hold for the same date
//!    and period yet their ranges cannot both be true (exact 30 vs exact 35; "more than 30" and
//!    "35" agree). Claims without a date are never compared.
//!
//! Separate incidents of one event are summed only through their own sentences' totals (a
//! report that adds them up); two reports of the same period are never added together. A kind
//! with no fact means no claim of it survived: the figure is 0.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use herald_model::{Claim, ClaimKind, Fact, FactPoint, Qualifier};
use herald_text::date::{find_dates, PartialDate};

use crate::context;

/// One fact per kind that has claims, in [`ClaimKind::ALL`] order. `claims` should be in
/// article order (earliest published first); that order breaks ties.
/// Articles agreeing on a value beyond which more agreement does not count (rule 3): a value
/// two reports give is confirmed, and among confirmed values the largest wins (the many
/// reports naming one victim each must not outvote the total of a multiple killing).
const SUPPORT_ENOUGH: usize = 2;

pub fn reconcile(claims: &[Claim]) -> Vec<Fact> {
    let mut article_rank: HashMap<&str, usize> = HashMap::default();
    for c in claims {
        let n = article_rank.len();
        article_rank.entry(c.article.as_str()).or_insert(n);
    }
    let rank = |c: &Claim| article_rank.get(c.article.as_str()).copied().unwrap_or(0);
    // Each distinct `as_of` is parsed once: the date key is asked for many times per claim
    // (the latest date, the sort, every pair in the dispute test), and a parse runs a regex.
    let mut dates: HashMap<&str, Option<PartialDate>> = HashMap::default();
    for c in claims {
        if let Some(a) = c.as_of.as_deref() {
            dates.entry(a).or_insert_with(|| PartialDate::parse_iso(a));
        }
    }
    let date_of = |a: &str| match dates.get(a) {
        Some(d) => *d,
        None => PartialDate::parse_iso(a),
    };
    let latest_year = claims
        .iter()
        .filter_map(|c| c.as_of.as_deref().and_then(date_of))
        .filter_map(|d| d.year)
        .max()
        .unwrap_or(0);
    let key = |c: &Claim| -> Option<(i32, u32, u32)> {
        let d = date_of(c.as_of.as_deref()?)?;
        Some((d.year.unwrap_or(latest_year), d.month, d.day))
    };

    let mut facts: Vec<Fact> = Vec::new();
    for kind in ClaimKind::ALL {
        let killed_value = facts
            .iter()
            .find(|f| f.kind == ClaimKind::Killed)
            .map_or(0, |f| f.value);
        let all: Vec<&Claim> = claims.iter().filter(|c| c.kind == kind).collect();
        if all.is_empty() {
            continue;
        }
        // Claims are copied only where the shooting rule changes their value.
        let all: Vec<Cow<Claim>> = if kind == ClaimKind::Wounded {
            shot_minus_dead(&all, killed_value)
        } else {
            all.into_iter().map(Cow::Borrowed).collect()
        };
        // Earlier events the articles recall are not this event's: never its figure.
        let all: Vec<&Claim> = all
            .iter()
            .map(|c| c.as_ref())
            .filter(|c| !context::is_past_event(&c.sentence, latest_year))
            .collect();
        if all.is_empty() {
            continue;
        }
        // `is_other_event` is `is_past_event || is_total_of_several`, and none of these
        // claims recalls a past event: the sentence is read for several incidents only, once.
        let in_context: Vec<bool> = all
            .iter()
            .map(|c| {
                is_past_year(c.period.as_deref(), latest_year)
                    || context::is_total_of_several(&c.sentence)
            })
            .collect();
        let tolls: Vec<&Claim> = all
            .iter()
            .zip(&in_context)
            .filter(|&(c, &other)| !is_single_day(c.period.as_deref()) && !other)
            .map(|(&c, _)| c)
            .collect();
        let own: Vec<&Claim> = all
            .iter()
            .zip(&in_context)
            .filter(|&(_, &other)| !other)
            .map(|(&c, _)| c)
            .collect();
        let pool = if !tolls.is_empty() {
            tolls
        } else if !own.is_empty() {
            own
        } else {
            all
        };
        let latest = pool.iter().filter_map(|c| key(c)).max();
        let current: Vec<&Claim> = pool
            .iter()
            .copied()
            .filter(|c| match (key(c), latest) {
                (Some(k), Some(l)) => k == l,
                _ => true,
            })
            .collect();
        let support = |v: u64| {
            let mut arts: Vec<&str> = current
                .iter()
                .filter(|c| c.value == v)
                .map(|c| c.article.as_str())
                .collect();
            arts.sort_unstable();
            arts.dedup();
            arts.len()
        };
        let Some(best) = current.iter().copied().max_by_key(|c| {
            (
                support(c.value).min(SUPPORT_ENOUGH),
                c.value,
                c.attributed_to.is_some(),
                qualifier_rank(c.qualifier),
                rank(c),
                c.sentence_index,
            )
        }) else {
            continue;
        };
        let low = pool.iter().map(|c| c.value).min().unwrap_or(best.value);
        let high = pool.iter().map(|c| c.value).max().unwrap_or(best.value);
        let disputed = pool.iter().enumerate().any(|(i, a)| {
            pool.iter().skip(i + 1).any(|b| {
                key(a).is_some()
                    && key(a) == key(b)
                    && a.period == b.period
                    && (a.article != b.article || a.attributed_to != b.attributed_to)
                    && !overlap(range(a), range(b))
            })
        });
        let mut ordered: Vec<&Claim> = pool.clone();
        ordered.sort_by_key(|c| (key(c).or(latest), c.value, rank(c), c.sentence_index));
        let mut history: Vec<FactPoint> = Vec::new();
        for c in ordered {
            if history
                .iter()
                .any(|p| p.value == c.value && p.article == c.article)
            {
                continue;
            }
            history.push(FactPoint {
                value: c.value,
                qualifier: c.qualifier,
                article: c.article.clone(),
                attributed_to: c.attributed_to.clone(),
                as_of: c.as_of.clone(),
            });
        }
        facts.push(Fact {
            kind,
            value: best.value,
            qualifier: best.qualifier,
            attributed_to: best.attributed_to.clone(),
            article: best.article.clone(),
            low,
            high,
            disputed,
            history,
        });
    }
    facts
}

/// The event-wide shooting rule: a wounded claim that still counts everyone *shot* ("five
/// people were shot", "the shooting of a boy"; its own article did not say who died) includes
/// the event's dead, so the killed figure is taken off it; a claim left at 0 is dropped.
fn shot_minus_dead<'a>(claims: &[&'a Claim], killed: u64) -> Vec<Cow<'a, Claim>> {
    // A sentence is read once however many of the claims come from it (several counts of
    // one sentence; the same wire sentence in several articles).
    let mut found: HashMap<&str, Vec<crate::attachment::Found>> = HashMap::default();
    claims
        .iter()
        .filter_map(|&c| {
            let raw = killed > 0
                && c.kind == ClaimKind::Wounded
                && crate::shooting::is_raw_shot_count_in(
                    found
                        .entry(c.sentence.as_str())
                        .or_insert_with(|| crate::attachment::read(&c.sentence)),
                    c,
                );
            if !raw {
                return Some(Cow::Borrowed(c));
            }
            let left = c.value.saturating_sub(killed);
            (left > 0).then(|| {
                Cow::Owned(Claim {
                    value: left,
                    ..c.clone()
                })
            })
        })
        .collect()
}

/// A period that is one day: "on May 7", "Thursday", "on 7 May 2019".
fn is_single_day(period: Option<&str>) -> bool {
    let Some(p) = period else { return false };
    let p = p.trim();
    let rest = p
        .strip_prefix("on ")
        .or_else(|| p.strip_prefix("On "))
        .unwrap_or(p);
    if is_weekday(rest) {
        return true;
    }
    let dates = find_dates(rest, None);
    dates.len() == 1
        && dates
            .first()
            .is_some_and(|d| d.start == 0 && d.end == rest.len())
}

/// A period in an earlier year than the event's latest date ("in 2009"): another, older event
/// the article recalls. "since 2011" is a cumulative period and stays.
fn is_past_year(period: Option<&str>, latest_year: i32) -> bool {
    let Some(p) = period else { return false };
    if latest_year == 0 || p.trim_start().to_lowercase().starts_with("since") {
        return false;
    }
    p.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .any(|y| (1900..latest_year).contains(&y))
}

fn is_weekday(s: &str) -> bool {
    matches!(
        s.to_lowercase().as_str(),
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Prefer firmer qualifiers on equal values.
fn qualifier_rank(q: Qualifier) -> u8 {
    match q {
        Qualifier::Exact => 6,
        Qualifier::AtLeast => 5,
        Qualifier::MoreThan => 4,
        Qualifier::About => 3,
        Qualifier::Almost => 2,
        Qualifier::UpTo => 1,
        Qualifier::AtMost => 0,
    }
}

/// The values a qualified figure allows, as an inclusive range.
fn range(c: &Claim) -> (u64, u64) {
    let v = c.value;
    let tenth = (v / 10).max(1);
    match c.qualifier {
        Qualifier::Exact => (v, v),
        Qualifier::AtLeast => (v, u64::MAX),
        Qualifier::MoreThan => (v.saturating_add(1), u64::MAX),
        Qualifier::About => (v.saturating_sub(tenth), v.saturating_add(tenth)),
        Qualifier::Almost => (v.saturating_sub(tenth), v),
        Qualifier::AtMost | Qualifier::UpTo => (0, v),
    }
}

fn overlap(a: (u64, u64), b: (u64, u64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(
        kind: ClaimKind,
        value: u64,
        q: Qualifier,
        article: &str,
        as_of: Option<&str>,
        period: Option<&str>,
        by: Option<&str>,
    ) -> Claim {
        Claim {
            kind,
            value,
            qualifier: q,
            article: article.into(),
            sentence: String::new(),
            sentence_index: 0,
            attributed_to: by.map(Into::into),
            as_of: as_of.map(Into::into),
            period: period.map(Into::into),
            place: None,
            group: None,
        }
    }

    use ClaimKind::*;
    use Qualifier::*;

    #[test]
    fn largest_undated_toll_wins_over_incidents() {
        let cs = vec![
            claim(
                Killed,
                40,
                Exact,
                "a",
                None,
                Some("in a week of fighting"),
                Some("Health Agency"),
            ),
            claim(Killed, 300, AtLeast, "b", None, None, Some("Health Agency")),
            claim(
                Killed,
                12,
                Exact,
                "c",
                Some("--05-07"),
                Some("on May 7"),
                Some("ministry"),
            ),
            claim(Killed, 150, Almost, "d", None, None, None),
        ];
        let f = &reconcile(&cs)[0];
        assert_eq!(
            (f.value, f.qualifier, f.article.as_str()),
            (300, AtLeast, "b")
        );
        assert_eq!((f.low, f.high), (40, 300));
        assert!(!f.disputed);
        assert_eq!(
            f.history.iter().map(|p| p.value).collect::<Vec<_>>(),
            vec![40, 150, 300]
        );
    }

    #[test]
    fn latest_date_wins() {
        let cs = vec![
            claim(Displaced, 9000, About, "a", Some("2020-05-01"), None, None),
            claim(
                Displaced,
                7000,
                About,
                "b",
                Some("2020-05-03"),
                None,
                Some("agency"),
            ),
        ];
        let f = &reconcile(&cs)[0];
        assert_eq!(f.value, 7000);
        assert_eq!(f.history.first().map(|p| p.value), Some(9000));
    }

    #[test]
    fn undated_claims_stay_current() {
        let cs = vec![
            claim(
                Displaced,
                2000,
                About,
                "a",
                Some("--05-08"),
                None,
                Some("agency"),
            ),
            claim(Displaced, 6000, MoreThan, "b", None, None, Some("agency")),
        ];
        assert_eq!(reconcile(&cs)[0].value, 6000);
    }

    #[test]
    fn disputes() {
        let cs = vec![
            claim(
                Killed,
                30,
                Exact,
                "a",
                Some("2020-05-01"),
                None,
                Some("police"),
            ),
            claim(
                Killed,
                35,
                Exact,
                "b",
                Some("2020-05-01"),
                None,
                Some("hospital"),
            ),
        ];
        assert!(reconcile(&cs)[0].disputed);
        let cs = vec![
            claim(
                Killed,
                30,
                MoreThan,
                "a",
                Some("2020-05-01"),
                None,
                Some("police"),
            ),
            claim(
                Killed,
                35,
                Exact,
                "b",
                Some("2020-05-01"),
                None,
                Some("hospital"),
            ),
        ];
        assert!(!reconcile(&cs)[0].disputed);
    }

    #[test]
    fn past_events_do_not_count() {
        let cs = vec![
            claim(Killed, 2, Exact, "a", Some("2014-04-03"), None, None),
            claim(
                Killed,
                13,
                Exact,
                "a",
                Some("2014-04-03"),
                Some("in 2009"),
                None,
            ),
        ];
        assert_eq!(reconcile(&cs)[0].value, 2);
    }

    #[test]
    fn confirmed_total_beats_many_single_victim_reports() {
        // Four reports each name one of the dead; two give the total of three.
        let mut cs: Vec<Claim> = ["a", "b", "c", "d"]
            .iter()
            .map(|a| claim(Killed, 1, Exact, a, None, None, None))
            .collect();
        cs.push(claim(Killed, 3, Exact, "a", None, None, None));
        cs.push(claim(Killed, 3, Exact, "e", None, None, None));
        assert_eq!(reconcile(&cs)[0].value, 3);
        // A total in one report only does not beat a value four reports agree on.
        cs.pop();
        assert_eq!(reconcile(&cs)[0].value, 1);
    }

    #[test]
    fn only_incidents() {
        let cs = vec![claim(
            Wounded,
            3,
            Exact,
            "a",
            Some("--05-07"),
            Some("on May 7"),
            None,
        )];
        assert_eq!(reconcile(&cs)[0].value, 3);
        assert!(reconcile(&[]).is_empty());
    }
}
