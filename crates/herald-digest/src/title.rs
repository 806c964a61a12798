//! A short, headline-like title for an event.
//!
//! The members' own headlines are the best material: the one closest to what the event's
//! articles share (TF-IDF cosine to the centroid of all titles and summary sentences) wins.
//! Without headlines, the first summary sentence is cut to a headline's length.

use herald_model::SummarySentence;

use crate::analyze::Analyzed;
use crate::vector::{centroid, cosine, document_frequency, stems, tf_idf};

const HEADLINE_WORDS: usize = 14;

pub fn title(members: &[&Analyzed], summary: &[SummarySentence]) -> String {
    let titles: Vec<&str> = members
        .iter()
        .filter_map(|a| a.article.title.as_deref())
        .filter(|t| (3..=25).contains(&t.split_whitespace().count()))
        .collect();
    if titles.is_empty() {
        return summary
            .first()
            .map(|s| shorten(&s.text))
            .unwrap_or_else(|| "Untitled event".to_string());
    }
    let mut docs: Vec<Vec<String>> = titles.iter().map(|t| stems(t)).collect();
    docs.extend(summary.iter().map(|s| stems(&s.text)));
    let df = document_frequency(docs.iter().map(Vec::as_slice));
    let vectors: Vec<_> = docs.iter().map(|d| tf_idf(d, &df, docs.len())).collect();
    let center = centroid(&vectors);
    let best = titles
        .iter()
        .zip(&vectors)
        .map(|(t, v)| (cosine(v, &center), *t))
        .fold(None::<(f32, &str)>, |best, (s, t)| match best {
            Some((b, _)) if b >= s => best,
            _ => Some((s, t)),
        });
    best.map(|(_, t)| t.trim().to_string()).unwrap_or_default()
}

fn shorten(sentence: &str) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= HEADLINE_WORDS {
        return sentence.trim_end_matches('.').to_string();
    }
    // Cut at the last comma inside the budget when there is one, else at the budget.
    let head = words[..HEADLINE_WORDS].join(" ");
    match head.rfind(',') {
        Some(i) if i > head.len() / 2 => head[..i].to_string(),
        _ => format!("{head}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_are_cut_to_headline_length() {
        let s = "Heavy rain flooded the lower town on Monday, forcing hundreds of families to leave their homes for shelters run by volunteers.";
        let t = shorten(s);
        assert!(t.split_whitespace().count() <= HEADLINE_WORDS);
        assert_eq!(t, "Heavy rain flooded the lower town on Monday");
    }
}
