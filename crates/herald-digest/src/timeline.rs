//! A dated timeline: what the articles say happened on which day.
//!
//! Every sentence that names a calendar day ("on April 7", "Thursday" when the article's
//! date is known) is a candidate for that day; per day, the sentence most like the event's
//! other dated sentences is kept (central, not anecdotal). Days sort ascending; a day whose
//! year no article gives is written `--MM-DD`.

use std::collections::BTreeMap;

use herald_model::TimelineEntry;
use herald_text::date::find_dates;

use crate::analyze::Analyzed;
use crate::vector::{centroid, cosine, document_frequency, stems, tf_idf};

const MAX_WORDS: usize = 45;

pub fn timeline(members: &[&Analyzed], limit: usize) -> Vec<TimelineEntry> {
    timeline_with(members, limit, false)
}

/// [`timeline`]; `always_score` scores the candidates even when no choice needs it (the
/// tests compare both ways).
fn timeline_with(members: &[&Analyzed], limit: usize, always_score: bool) -> Vec<TimelineEntry> {
    // (sort key, iso) -> candidates (text, article)
    let mut by_day: BTreeMap<(i32, u32, u32), Vec<(String, String)>> = BTreeMap::new();
    let mut iso: BTreeMap<(i32, u32, u32), String> = BTreeMap::new();
    for a in members {
        for s in &a.sentences {
            let words = crate::hygiene::word_count(&s.text);
            if !(5..=MAX_WORDS).contains(&words) {
                continue;
            }
            let mut days: Vec<_> = find_dates(&s.text, a.date)
                .into_iter()
                .map(|m| m.date)
                .collect();
            days.dedup();
            // A sentence naming several days is about none of them in particular.
            if days.len() != 1 {
                continue;
            }
            let d = &days[0];
            let key = (d.year.unwrap_or(0), d.month, d.day);
            iso.entry(key).or_insert_with(|| d.to_iso());
            by_day
                .entry(key)
                .or_default()
                .push((s.text.clone(), a.article.id.clone()));
        }
    }
    if by_day.is_empty() {
        return Vec::new();
    }
    // Scores choose among a day's candidates and among more days than the limit; when
    // every day has one candidate and all fit, nothing is chosen and nothing is scored.
    let candidates: usize = by_day.values().map(Vec::len).sum();
    let scores: Vec<f32> = if always_score || candidates > by_day.len() || by_day.len() > limit {
        let all: Vec<Vec<String>> = by_day.values().flatten().map(|(t, _)| stems(t)).collect();
        let df = document_frequency(all.iter().map(Vec::as_slice));
        let vectors: Vec<_> = all.iter().map(|d| tf_idf(d, &df, all.len())).collect();
        let center = centroid(&vectors);
        vectors.iter().map(|v| cosine(v, &center)).collect()
    } else {
        vec![0.0; candidates]
    };
    let mut scores = scores.into_iter();
    let mut entries: Vec<(f32, TimelineEntry)> = Vec::new();
    for (key, candidates) in &by_day {
        let mut best: Option<(f32, &(String, String))> = None;
        for c in candidates {
            let s = scores.next().unwrap_or(0.0);
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, c));
            }
        }
        if let Some((score, (text, article))) = best {
            let date = iso.get(key).cloned().unwrap_or_default();
            entries.push((
                score,
                TimelineEntry {
                    date,
                    text: text.clone(),
                    article: article.clone(),
                },
            ));
        }
    }
    if entries.len() > limit {
        // Keep the most central days, then restore date order.
        let mut ranked: Vec<usize> = (0..entries.len()).collect();
        ranked.sort_by(|&a, &b| entries[b].0.total_cmp(&entries[a].0).then(a.cmp(&b)));
        ranked.truncate(limit);
        ranked.sort_unstable();
        return ranked.into_iter().map(|i| entries[i].1.clone()).collect();
    }
    entries.into_iter().map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, published: Option<&str>, text: &str) -> Analyzed {
        crate::analyze(crate::test_article(id, published, text))
    }

    #[test]
    fn unscored_timelines_are_the_scored_ones() {
        let a = article(
            "a",
            Some("2020-04-09"),
            "The river burst its banks on April 7 after days of rain in the hills.\n\n\
             Rescue teams reached the flooded villages on Wednesday with boats and food.\n\n\
             The dam was inspected on April 3 and found sound by the engineers.",
        );
        let b = article(
            "b",
            Some("2020-04-10"),
            "Floods hit the valley on April 7 and cut the main road to the coast.\n\n\
             Schools stayed shut on April 9 while the water slowly went down again.",
        );
        let c = article(
            "c",
            None,
            "Officials said on May 2 that the repairs to the bridge would take months.",
        );
        let sets: [Vec<&Analyzed>; 5] =
            [vec![&a], vec![&b], vec![&c], vec![&a, &b], vec![&a, &b, &c]];
        for members in &sets {
            for limit in [0, 1, 2, 12] {
                assert_eq!(
                    timeline_with(members, limit, false),
                    timeline_with(members, limit, true),
                    "{limit}"
                );
            }
        }
        assert!(!timeline(&[&a], 12).is_empty());
    }
}
