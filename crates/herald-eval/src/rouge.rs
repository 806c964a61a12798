//! ROUGE-1, ROUGE-2 and ROUGE-L F1, as Google's `rouge-score` package computes them with
//! `use_stemmer=False`: text lowercased, tokens are the runs of `[a-z0-9]` (every other
//! character separates), n-gram overlap clipped by counts, and ROUGE-L the longest common
//! subsequence over the whole text (`rougeL`, not the newline-split `rougeLsum`).
//!
//! The published summary figures (and `../shared/tools/score_summaries.py`) use exactly
//! this, so herald's numbers and the peers' are comparable.

use std::collections::HashMap;

use serde::Serialize;

/// F1 of the three measures, each in 0..=1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    pub rouge1: f64,
    pub rouge2: f64,
    #[serde(rename = "rougeL")]
    pub rouge_l: f64,
}

impl Scores {
    /// Measure by measure, the larger of the two (best over references).
    pub fn max(self, other: Scores) -> Scores {
        Scores {
            rouge1: self.rouge1.max(other.rouge1),
            rouge2: self.rouge2.max(other.rouge2),
            rouge_l: self.rouge_l.max(other.rouge_l),
        }
    }
}

/// `rouge-score`'s tokenizer without stemming: lowercase, `[a-z0-9]` runs.
pub fn tokenize(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Scores of `prediction` against one `reference`.
pub fn score(reference: &str, prediction: &str) -> Scores {
    let r = tokenize(reference);
    let p = tokenize(prediction);
    score_tokens(&r, &p)
}

/// Best F1 per measure over several references (0 when there is none).
pub fn best(references: &[String], prediction: &str) -> Scores {
    let p = tokenize(prediction);
    references
        .iter()
        .map(|r| score_tokens(&tokenize(r), &p))
        .fold(Scores::default(), Scores::max)
}

fn score_tokens(reference: &[String], prediction: &[String]) -> Scores {
    Scores {
        rouge1: ngram_f1(reference, prediction, 1),
        rouge2: ngram_f1(reference, prediction, 2),
        rouge_l: lcs_f1(reference, prediction),
    }
}

fn f1(overlap: usize, predicted: usize, reference: usize) -> f64 {
    if predicted == 0 || reference == 0 || overlap == 0 {
        return 0.0;
    }
    let p = overlap as f64 / predicted as f64;
    let r = overlap as f64 / reference as f64;
    2.0 * p * r / (p + r)
}

fn ngrams(tokens: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut out: HashMap<&[String], usize> = HashMap::new();
    if tokens.len() >= n {
        for w in tokens.windows(n) {
            *out.entry(w).or_default() += 1;
        }
    }
    out
}

fn ngram_f1(reference: &[String], prediction: &[String], n: usize) -> f64 {
    let r = ngrams(reference, n);
    let p = ngrams(prediction, n);
    let overlap: usize = p
        .iter()
        .map(|(g, &c)| c.min(r.get(g).copied().unwrap_or(0)))
        .sum();
    f1(overlap, p.values().sum(), r.values().sum())
}

fn lcs_f1(reference: &[String], prediction: &[String]) -> f64 {
    f1(
        lcs(reference, prediction),
        prediction.len(),
        reference.len(),
    )
}

/// Length of the longest common subsequence (two rows of the dynamic programme).
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            row[j + 1] = if x == y {
                prev[j] + 1
            } else {
                row[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_lowercase_ascii_alphanumeric_runs() {
        assert_eq!(
            tokenize("The U.S. isn't #1 — café"),
            ["the", "u", "s", "isn", "t", "1", "caf"]
        );
    }

    #[test]
    fn identical_texts_score_one() {
        let s = score("a storm hit the coast", "A storm hit the coast.");
        assert_eq!(s.rouge1, 1.0);
        assert_eq!(s.rouge2, 1.0);
        assert_eq!(s.rouge_l, 1.0);
    }

    #[test]
    fn partial_overlap() {
        // reference 4 tokens, prediction 3, unigram overlap 2, bigram overlap 1 (of 3 and 2).
        let s = score("the cat sat down", "the cat ran");
        assert!((s.rouge1 - 2.0 * (2.0 / 3.0) * 0.5 / (2.0 / 3.0 + 0.5)).abs() < 1e-12);
        assert!((s.rouge2 - 2.0 * 0.5 * (1.0 / 3.0) / (0.5 + 1.0 / 3.0)).abs() < 1e-12);
        assert_eq!(lcs(&tokenize("a b c d"), &tokenize("b d a")), 2);
        assert_eq!(score("", "x").rouge1, 0.0);
    }
}
