//! Extractive, cited summaries.
//!
//! Candidate sentences come from every original (non-duplicate) article of the event and
//! pass a hygiene filter (no headings, questions, teasers cut off with "...", sentences that
//! open on a pronoun and need missing context). Each is scored by
//! - centrality: TF-IDF cosine to the centroid of all candidate sentences (stems, sentence
//!   IDF within the event);
//! - position: lead sentences of each article carry the story;
//! - key facts: a sentence that states the event's reconciled figure gains, one that states
//!   an older, superseded figure of the same kind loses (the reader wants the latest toll);
//! - coverage: the event's main entities not yet named by the summary.
//!
//! Selection is greedy maximal marginal relevance under a soft word budget ("about N
//! words": up to 15% over). Every chosen sentence cites its article and, in `also_in`, the
//! other articles with a sentence saying nearly the same (cosine ≥ 0.5) or a copy of it.

use std::sync::LazyLock;

use herald_model::{ClaimKind, Entity, EntityType, Fact, SummarySentence};
use regex::Regex;

use crate::analyze::Analyzed;
use crate::vector::{centroid, cosine, document_frequency, stems, tf_idf, Vector};

const MIN_WORDS: usize = 6;
const MAX_WORDS: usize = 70;
/// How far over the budget the summary may run ("about N words").
const BUDGET_SLACK: f32 = 1.15;
/// The first sentence may run longer when nothing shorter is good enough.
const FIRST_SENTENCE_SLACK: f32 = 1.75;
/// Redundancy penalty of maximal marginal relevance.
const REDUNDANCY: f32 = 0.7;
const SAME_CONTENT: f32 = 0.5;

/// Words that, opening a sentence, point back at something the summary may not contain.
const DANGLING_OPENERS: &[&str] = &[
    "he", "she", "it", "they", "this", "these", "those", "his", "her", "their", "its", "we", "i",
    "you", "but", "and", "also", "so", "then", "there", "that", "such", "both", "another",
];

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Za-z .,'-]{1,60}\s*)?\((?:AP|AFP|Reuters|dpa|UPI|CNN|BBC|IANS|PTI|Xinhua)\)\s*[-–—:]+\s*")
        .expect("static dateline pattern compiles")
});

struct Candidate<'a> {
    member: usize,
    index: usize,
    text: String,
    stems: Vec<String>,
    words: usize,
    source: &'a Analyzed,
}

/// Choose and cite the summary sentences of one event.
pub fn summarize(
    members: &[&Analyzed],
    entities: &[Entity],
    facts: &[Fact],
    words: usize,
) -> Vec<SummarySentence> {
    let candidates = candidates(members);
    if candidates.is_empty() {
        return fallback(members);
    }
    let df = document_frequency(candidates.iter().map(|c| c.stems.as_slice()));
    let vectors: Vec<Vector> = candidates
        .iter()
        .map(|c| tf_idf(&c.stems, &df, candidates.len()))
        .collect();
    let center = centroid(&vectors);
    let main: Vec<&Entity> = main_entities(entities);

    let base: Vec<f32> = candidates
        .iter()
        .zip(&vectors)
        .map(|(c, v)| cosine(v, &center) + position_bonus(c.index) + fact_bonus(c, facts))
        .collect();

    let budget = words.max(1) as f32;
    let mut chosen: Vec<usize> = Vec::new();
    let mut used = 0usize;
    loop {
        let mut best: Option<(usize, f32)> = None;
        for (i, c) in candidates.iter().enumerate() {
            if chosen.contains(&i) {
                continue;
            }
            let limit = if chosen.is_empty() {
                budget * FIRST_SENTENCE_SLACK
            } else {
                budget * BUDGET_SLACK
            };
            if (used + c.words) as f32 > limit {
                continue;
            }
            let redundancy = chosen
                .iter()
                .map(|&j| cosine(&vectors[i], &vectors[j]))
                .fold(0.0, f32::max);
            let coverage = coverage_bonus(
                &c.text,
                &main,
                chosen.iter().map(|&j| candidates[j].text.as_str()),
            );
            let score = base[i] + coverage - REDUNDANCY * redundancy;
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
        match best {
            Some((i, score)) if chosen.is_empty() || score > 0.0 => {
                used += candidates[i].words;
                chosen.push(i);
            }
            _ => break,
        }
        if used as f32 >= budget {
            break;
        }
    }

    chosen
        .into_iter()
        .map(|i| {
            let c = &candidates[i];
            SummarySentence {
                text: c.text.clone(),
                article: c.source.article.id.clone(),
                also_in: also_in(members, c.member, &vectors[i], &df, candidates.len()),
            }
        })
        .collect()
}

fn candidates<'a>(members: &[&'a Analyzed]) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    for (m, a) in members.iter().enumerate() {
        if a.article.duplicate_of.is_some() {
            continue;
        }
        for s in &a.sentences {
            let text = DATELINE.replace(&s.text, "").trim().to_string();
            if !clean_enough(&text) {
                continue;
            }
            let words = text.split_whitespace().count();
            out.push(Candidate {
                member: m,
                index: s.index,
                stems: stems(&text),
                text,
                words,
                source: a,
            });
        }
    }
    out
}

/// Sentence hygiene: only self-contained statements.
fn clean_enough(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if !(MIN_WORDS..=MAX_WORDS).contains(&words) {
        return false;
    }
    let trimmed = text.trim_end_matches(['"', '\'', '”', '’', ')']);
    if !trimmed.ends_with('.') || trimmed.ends_with("...") || trimmed.ends_with('…') {
        return false;
    }
    // A quotation stands on its own when the sentence names its speaker.
    if text.starts_with(['"', '“', '\'', '‘']) {
        return text.contains(" said") || text.contains(" says");
    }
    let first = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    !DANGLING_OPENERS.contains(&first.as_str())
}

fn position_bonus(index: usize) -> f32 {
    0.2 / (1.0 + index as f32)
}

/// Numbers in the sentence that match (or contradict) the reconciled facts.
fn fact_bonus(c: &Candidate, facts: &[Fact]) -> f32 {
    let mut bonus = 0.0;
    for claim in c
        .source
        .claims
        .iter()
        .filter(|cl| cl.sentence_index == c.index)
    {
        if let Some(fact) = facts.iter().find(|f| f.kind == claim.kind) {
            // Deaths lead a current-events entry; other tolls matter less.
            let weight = match fact.kind {
                ClaimKind::Killed => 0.45,
                ClaimKind::Wounded => 0.2,
                _ => 0.1,
            };
            if claim.value == fact.value {
                bonus += if fact.article == claim.article {
                    weight
                } else {
                    weight * 0.7
                };
            } else if claim.value < fact.value {
                bonus -= weight * 0.6;
            }
        }
    }
    bonus
}

/// The people, organisations and places a reader expects named, most mentioned first.
fn main_entities(entities: &[Entity]) -> Vec<&Entity> {
    let mut main: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.kind != EntityType::Other && e.articles >= 2)
        .collect();
    main.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    main.truncate(4);
    main
}

fn names(text: &str, entity: &Entity) -> bool {
    entity
        .forms
        .iter()
        .chain(std::iter::once(&entity.name))
        .any(|f| contains_word(text, f))
}

fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn coverage_bonus<'a>(
    text: &str,
    main: &[&Entity],
    chosen: impl Iterator<Item = &'a str> + Clone,
) -> f32 {
    let mut bonus = 0.0;
    for (rank, e) in main.iter().enumerate() {
        let covered = chosen.clone().any(|t| names(t, e));
        if !covered && names(text, e) {
            bonus += 0.35 / (1.0 + rank as f32);
        }
    }
    bonus
}

/// Other articles that carry the same content as the chosen sentence.
fn also_in(
    members: &[&Analyzed],
    from: usize,
    sentence: &Vector,
    df: &std::collections::HashMap<&str, usize>,
    n: usize,
) -> Vec<String> {
    let cited = &members[from].article.id;
    let mut out = Vec::new();
    for (m, a) in members.iter().enumerate() {
        if m == from {
            continue;
        }
        let copy = a.article.duplicate_of.as_ref() == Some(cited);
        let same = copy
            || a.sentences
                .iter()
                .any(|s| cosine(sentence, &tf_idf(&stems(&s.text), df, n)) >= SAME_CONTENT);
        if same {
            out.push(a.article.id.clone());
        }
    }
    out
}

/// An event whose articles offer no clean sentence still gets its first line, cited.
fn fallback(members: &[&Analyzed]) -> Vec<SummarySentence> {
    members
        .iter()
        .find_map(|a| {
            let text = a
                .sentences
                .first()
                .map(|s| s.text.clone())
                .or_else(|| a.article.title.clone())?;
            Some(SummarySentence {
                text,
                article: a.article.id.clone(),
                also_in: Vec::new(),
            })
        })
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hygiene_rejects_context_dependent_sentences() {
        assert!(clean_enough(
            "The storm destroyed dozens of homes along the coast on Monday."
        ));
        assert!(!clean_enough(
            "He said the storm destroyed dozens of homes on Monday."
        ));
        assert!(!clean_enough(
            "Did the storm destroy dozens of homes along the coast?"
        ));
        assert!(!clean_enough("Storm destroys homes along the coast"));
        assert!(!clean_enough(
            "Officials said that if the dam broke the town would flood..."
        ));
        assert!(!clean_enough(
            "\"We have lost everything we had in the water,\" one resident."
        ));
        assert!(clean_enough(
            "\"We have lost everything,\" one resident said on Monday."
        ));
    }

    #[test]
    fn datelines_are_stripped() {
        assert_eq!(
            DATELINE.replace("LONDON (Reuters) - Prices rose.", ""),
            "Prices rose."
        );
        assert_eq!(DATELINE.replace("(AP) — Prices rose.", ""), "Prices rose.");
    }

    #[test]
    fn word_match_respects_boundaries() {
        assert!(contains_word("the UN said", "UN"));
        assert!(!contains_word("the UNHCR said", "UN"));
    }
}
