//! A short, headline-like title for an event.
//!
//! The members' own headlines are the best material: the one closest to what the event's
//! articles share (TF-IDF cosine to the centroid of all titles and summary sentences) wins.
//! Without headlines, the first summary sentence is cut to a headline's length. A headline's
//! trailing site name (" - Reuters", " | The Daily Post") is not part of the title: a last
//! segment after a spaced dash or bar that is at most four capitalised words is dropped,
//! before the headlines are compared.

use herald_model::SummarySentence;

use crate::analyze::Analyzed;
use crate::vector::{centroid, cosine, document_frequency, stems, tf_idf};

const HEADLINE_WORDS: usize = 14;

pub fn title(members: &[&Analyzed], summary: &[SummarySentence]) -> String {
    let titles: Vec<&str> = members
        .iter()
        .filter_map(|a| a.article.title.as_deref())
        .map(without_site_name)
        .filter(|t| (3..=25).contains(&t.split_whitespace().count()))
        .collect();
    if titles.is_empty() {
        return summary
            .first()
            .map(|s| shorten(&s.text))
            .unwrap_or_else(|| "Untitled event".to_string());
    }
    // One headline wins whatever its score.
    if let [only] = titles[..] {
        return only.trim().to_string();
    }
    most_central(&titles, summary)
}

/// The headline closest to the centroid of all headlines and summary sentences.
fn most_central(titles: &[&str], summary: &[SummarySentence]) -> String {
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

/// Separators between a headline and the site's name.
const SITE_SEPARATORS: [&str; 5] = [" | ", " - ", " – ", " — ", " :: "];

/// The headline without a trailing site name: the text after the last spaced separator,
/// when it is one to four words that each start with a capital letter or a digit (a
/// name, not a clause) and at least three words stay before it.
fn without_site_name(headline: &str) -> &str {
    let headline = headline.trim();
    let Some((at, separator)) = SITE_SEPARATORS
        .iter()
        .filter_map(|s| headline.rfind(s).map(|i| (i, *s)))
        .max_by_key(|&(i, _)| i)
    else {
        return headline;
    };
    let head = headline[..at].trim_end();
    let tail: Vec<&str> = headline[at + separator.len()..]
        .split_whitespace()
        .collect();
    let is_name = (1..=4).contains(&tail.len())
        && tail.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        });
    if is_name && head.split_whitespace().count() >= 3 {
        head
    } else {
        headline
    }
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
    fn a_lone_headline_is_the_one_scoring_would_pick() {
        let summary = [SummarySentence {
            text: "Floods cut off mountain villages on Monday.".into(),
            article: "a".into(),
            also_in: Vec::new(),
        }];
        for t in [
            "Floods cut off mountain villages",
            "  Markets rally as rates hold  ",
            "The the the",
        ] {
            assert_eq!(most_central(&[t], &summary), t.trim());
            assert_eq!(most_central(&[t], &[]), t.trim());
        }
    }

    #[test]
    fn site_names_leave_the_headline() {
        assert_eq!(
            without_site_name("Floods cut off mountain villages - Daily Post"),
            "Floods cut off mountain villages"
        );
        assert_eq!(
            without_site_name("Floods cut off mountain villages | The Valley Times"),
            "Floods cut off mountain villages"
        );
        // A clause after the dash is part of the headline.
        let clause = "Floods cut off villages - rescuers say roads are gone";
        assert_eq!(without_site_name(clause), clause);
        // Too little would stay.
        assert_eq!(
            without_site_name("Floods - Daily Post"),
            "Floods - Daily Post"
        );
        assert_eq!(
            without_site_name("No separator here at all"),
            "No separator here at all"
        );
    }

    #[test]
    fn long_sentences_are_cut_to_headline_length() {
        let s = "Heavy rain flooded the lower town on Monday, forcing hundreds of families to leave their homes for shelters run by volunteers.";
        let t = shorten(s);
        assert!(t.split_whitespace().count() <= HEADLINE_WORDS);
        assert_eq!(t, "Heavy rain flooded the lower town on Monday");
    }
}
