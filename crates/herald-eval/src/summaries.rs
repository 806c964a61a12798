//! Event summaries, scored with ROUGE-1/2/L F1 against human summaries, side by side with
//! the Lead, LexRank and TextRank peers on the same clusters.
//!
//! Data sets (the folder given with `--data`): `clusters.jsonl`, one
//! `{id, articles[{id, text}], summaries[str]}` a line (Multi-News, MultiLing 2011). Each
//! cluster's raw texts go through herald's own cleaning and digest
//! (`herald_pipeline::digest_one_event`, one known event), so the figure is for what users
//! get.
//!
//! Word budget: with `--words N`, N; without, each cluster's reference length (the mean of
//! its references' word counts, rounded as Python does), as `../shared/tools/baselines.py`
//! measured the peers. herald is asked for that many words ("about N": it ends on a whole
//! sentence, so it may run over); like the peers, every summary is then cut to its first N
//! whitespace-separated words before scoring, so nobody gains from extra length. The
//! report gives herald's uncut length too.
//!
//! Scoring: [`crate::rouge`] (lowercase, no stemming, `[a-z0-9]` tokens, best F1 over the
//! references, mean over clusters, x100).

mod baselines;

use std::path::Path;
use std::time::Instant;

use herald_model::{Body, RawArticle};
use rayon::prelude::*;
use serde_json::json;

use crate::rouge::{self, Scores};
use crate::{read_jsonl, Error, Options, Outcome};

/// The systems compared, in report order.
const SYSTEMS: [&str; 4] = ["herald", "lead", "lexrank", "textrank"];

/// Published or locally measured figures to compare with: (data set, budget, what, R1, R2).
const REFERENCES: &[(&str, &str, &str, f64, f64)] = &[
    (
        "multinews",
        "reference length",
        "Hi-MAP (trained), full Multi-News test set",
        43.47,
        14.89,
    ),
    (
        "multinews",
        "reference length",
        "PRIMERA (pre-trained, GPU), full Multi-News test set",
        49.9,
        21.1,
    ),
];

struct Cluster {
    id: String,
    texts: Vec<String>,
    references: Vec<String>,
}

/// One system's output on one cluster.
#[derive(Clone, Default)]
struct Result {
    summary: String,
    budget: usize,
    scores: Scores,
    seconds: f64,
    words: usize,
}

pub fn run(data: &Path, options: &Options) -> std::result::Result<Outcome, Error> {
    let path = data.join("clusters.jsonl");
    let mut clusters: Vec<Cluster> = read_jsonl(&path)?
        .into_iter()
        .filter_map(|row| {
            let id = row["id"]
                .as_str()
                .map(str::to_string)
                .or_else(|| row["id"].as_u64().map(|n| n.to_string()))?;
            let texts = row["articles"]
                .as_array()?
                .iter()
                .filter_map(|a| a["text"].as_str().map(str::to_string))
                .collect();
            let references = row["summaries"]
                .as_array()?
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect();
            Some(Cluster {
                id,
                texts,
                references,
            })
        })
        .collect();
    if let Some(limit) = options.limit {
        clusters.truncate(limit);
    }
    if clusters.is_empty() {
        return Err(Error::Data(format!(
            "{}: no cluster with articles and summaries",
            path.display()
        )));
    }
    let name = data
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let set = if name.starts_with("multinews") {
        "multinews"
    } else {
        name.as_str()
    };

    let started = Instant::now();
    let results: Vec<Vec<Result>> = clusters
        .par_iter()
        .map(|c| evaluate(c, options.words))
        .collect();
    let wall = started.elapsed().as_secs_f64();

    let n = clusters.len() as f64;
    let mean = |s: usize, f: &dyn Fn(&Result) -> f64| -> f64 {
        results.iter().map(|r| f(&r[s])).sum::<f64>() / n
    };
    let budget = match options.words {
        Some(w) => format!("{w} words"),
        None => "each reference's length".to_string(),
    };
    let reference_words = clusters
        .iter()
        .map(|c| reference_length(&c.references) as f64)
        .sum::<f64>()
        / n;
    let mut text = format!(
        "summaries on {name} ({} clusters, budget: {budget}; references mean {reference_words:.0} words; \
         summaries cut to the budget before scoring; {wall:.1} s)\n\
         system      ROUGE-1  ROUGE-2  ROUGE-L   ms/cluster  words (uncut)\n",
        clusters.len()
    );
    let mut systems = serde_json::Map::new();
    for (s, system) in SYSTEMS.iter().enumerate() {
        let r1 = 100.0 * mean(s, &|r| r.scores.rouge1);
        let r2 = 100.0 * mean(s, &|r| r.scores.rouge2);
        let rl = 100.0 * mean(s, &|r| r.scores.rouge_l);
        let ms = 1000.0 * mean(s, &|r| r.seconds);
        let words = mean(s, &|r| r.words as f64);
        text.push_str(&format!(
            "{system:<10}  {r1:7.2}  {r2:7.2}  {rl:7.2}  {ms:11.1}  {words:6.1}\n"
        ));
        systems.insert(
            system.to_string(),
            json!({"rouge1": r1, "rouge2": r2, "rougeL": rl, "ms_per_cluster": ms, "words": words}),
        );
    }
    // Tuning is done on the first half of the clusters and checked on the second: both
    // halves are reported so a change that only fits the tuning half shows.
    let halves = halves(&results);
    let h = clusters.len().div_ceil(2);
    text.push_str(&format!(
        "herald by half (clusters 1-{h} | {}-{total}): ROUGE-1 {:.2} | {:.2}  ROUGE-2 {:.2} | {:.2}  ROUGE-L {:.2} | {:.2}\n",
        h + 1,
        halves[0].rouge1,
        halves[1].rouge1,
        halves[0].rouge2,
        halves[1].rouge2,
        halves[0].rouge_l,
        halves[1].rouge_l,
        total = clusters.len(),
    ));
    let references: Vec<_> = REFERENCES
        .iter()
        .filter(|r| r.0 == set && options.words.is_none())
        .collect();
    for (_, _, what, r1, r2) in &references {
        text.push_str(&format!(
            "reference   {r1:7.2}  {r2:7.2}           {what}\n"
        ));
    }
    text.push_str(
        "herald's time includes cleaning and analysing the raw articles; the peers' starts from raw sentences.\n",
    );
    let json = json!({
        "stage": "summaries", "data": name, "clusters": clusters.len(),
        "words": options.words, "reference_words": reference_words, "seconds": wall,
        "systems": systems,
        "herald_halves": halves.iter().map(|h| json!({"rouge1": h.rouge1, "rouge2": h.rouge2, "rougeL": h.rouge_l})).collect::<Vec<_>>(),
        "per_cluster": clusters.iter().zip(&results).map(|(c, r)| json!({
            "id": c.id, "budget": r[0].budget,
            "herald_summary": r[0].summary,
            "herald": r[0].scores, "lead": r[1].scores, "lexrank": r[2].scores, "textrank": r[3].scores,
        })).collect::<Vec<_>>(),
        "references": references.iter().map(|r| json!({"what": r.2, "rouge1": r.3, "rouge2": r.4})).collect::<Vec<_>>(),
    });
    Ok(Outcome { text, json })
}

/// herald's mean scores (x100) on the first half of the clusters (the larger half when
/// their number is odd) and on the second.
fn halves(results: &[Vec<Result>]) -> [Scores; 2] {
    let (first, second) = results.split_at(results.len().div_ceil(2));
    [first, second].map(|part| {
        let n = part.len().max(1) as f64;
        let sum = |f: &dyn Fn(&Scores) -> f64| {
            part.iter().map(|r| f(&r[0].scores)).sum::<f64>() / n * 100.0
        };
        Scores {
            rouge1: sum(&|s| s.rouge1),
            rouge2: sum(&|s| s.rouge2),
            rouge_l: sum(&|s| s.rouge_l),
        }
    })
}

/// Mean word count of the references, rounded half to even (Python's `round`).
fn reference_length(references: &[String]) -> usize {
    if references.is_empty() {
        return 0;
    }
    let mean = references
        .iter()
        .map(|r| baselines::words(r))
        .sum::<usize>() as f64
        / references.len() as f64;
    let floor = mean.floor();
    let rounded = if (mean - floor - 0.5).abs() < 1e-9 {
        if (floor as u64).is_multiple_of(2) {
            floor
        } else {
            floor + 1.0
        }
    } else {
        mean.round()
    };
    rounded as usize
}

/// herald, Lead, LexRank and TextRank on one cluster, in [`SYSTEMS`] order.
fn evaluate(c: &Cluster, words: Option<usize>) -> Vec<Result> {
    let budget = words.unwrap_or_else(|| reference_length(&c.references));
    let scored = |summary: &str, seconds: f64| Result {
        summary: summary.to_string(),
        budget,
        scores: rouge::best(&c.references, &baselines::cut(summary, budget)),
        seconds,
        words: baselines::words(summary),
    };

    let t = Instant::now();
    let articles: Vec<_> = c
        .texts
        .iter()
        .enumerate()
        .filter_map(|(i, text)| {
            herald_pipeline::clean(RawArticle {
                id: format!("{}-{i}", c.id),
                url: None,
                title: None,
                body: Body::Text(text.clone()),
                published: None,
                source: None,
                origin: format!("cluster {} article {i}", c.id),
            })
        })
        .collect();
    let summary = if articles.is_empty() {
        String::new()
    } else {
        herald_pipeline::digest_one_event(
            articles,
            &c.id,
            &herald_pipeline::Options {
                summary_words: budget,
            },
        )
        .summary
    };
    let herald = scored(&summary, t.elapsed().as_secs_f64());

    let texts: Vec<&str> = c.texts.iter().map(String::as_str).collect();
    let t = Instant::now();
    let lead = baselines::lead(&texts, budget);
    let lead = scored(&lead, t.elapsed().as_secs_f64());

    let t = Instant::now();
    let sentences = baselines::candidate_sentences(&texts);
    let split = t.elapsed().as_secs_f64();
    let mut ranked = Vec::new();
    for rank in [baselines::lexrank, baselines::textrank] {
        let t = Instant::now();
        let order = rank(&sentences);
        let summary = baselines::take_in_rank_order(&sentences, &order, budget);
        ranked.push(scored(&summary, split + t.elapsed().as_secs_f64()));
    }
    let mut out = vec![herald, lead];
    out.extend(ranked);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_split_the_clusters_in_order() {
        let one = |r1: f64| {
            vec![Result {
                scores: Scores {
                    rouge1: r1,
                    rouge2: r1 / 2.0,
                    rouge_l: 0.0,
                },
                ..Default::default()
            }]
        };
        let results = vec![one(0.1), one(0.3), one(0.5)];
        let [a, b] = halves(&results);
        assert!((a.rouge1 - 20.0).abs() < 1e-9, "{a:?}");
        assert!((b.rouge1 - 50.0).abs() < 1e-9, "{b:?}");
        assert!((b.rouge2 - 25.0).abs() < 1e-9, "{b:?}");
    }

    #[test]
    fn reference_length_rounds_half_to_even() {
        let r = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(reference_length(&r(&["a b", "a b c"])), 2);
        assert_eq!(reference_length(&r(&["a b c", "a b c d"])), 4);
        assert_eq!(reference_length(&r(&["a b c"])), 3);
        assert_eq!(reference_length(&[]), 0);
    }
}
