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
    let all: Vec<Vec<String>> = by_day.values().flatten().map(|(t, _)| stems(t)).collect();
    if all.is_empty() {
        return Vec::new();
    }
    let df = document_frequency(all.iter().map(Vec::as_slice));
    let vectors: Vec<_> = all.iter().map(|d| tf_idf(d, &df, all.len())).collect();
    let center = centroid(&vectors);
    let mut scores = vectors.iter().map(|v| cosine(v, &center));
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
