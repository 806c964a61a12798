//! Event clustering, scored with B-cubed over articles.
//!
//! Data sets (the folder given with `--data`):
//! - ECB+ (`articles.jsonl` + `gold.jsonl` with `{id, topic, event}`): all topics mixed in
//!   one stream; gold cluster = `event`.
//! - GVA (`articles.jsonl` + `incidents.jsonl` with `{incident, articles[]}`): all
//!   incidents' articles mixed; gold cluster = incident (an article listed under several
//!   incidents goes to the first, as the data's scorer does).
//! - A synthetic stream (`make_stream.py N DIR/articles.jsonl`, its gold renamed
//!   `DIR/gold.jsonl`, `{id, event}`).
//!
//! The articles are cleaned and placed by `herald digest`'s own code (`place`: analysis and
//! digest come after it and do not change the grouping); the figure is for what users get.

use std::collections::HashMap;
use std::path::Path;

use herald_ingest::read;
use serde_json::json;

use crate::bcubed;
use crate::{read_jsonl, Error, Options, Outcome};

/// Published or locally measured figures to compare with, by data set.
const REFERENCES: &[(&str, &str, f64)] = &[
    (
        "ecbplus",
        "TF-IDF + agglomerative, tuned (measured on the same data)",
        0.874,
    ),
    (
        "gva",
        "TF-IDF + agglomerative, tuned (measured on the same data)",
        0.867,
    ),
    (
        "gva",
        "TF-IDF + agglomerative, 3-day window (measured on the same data)",
        0.889,
    ),
];

pub fn run(data: &Path, options: &Options) -> Result<Outcome, Error> {
    let (name, gold) = gold(data)?;
    let articles_path = data.join("articles.jsonl");
    let mut articles = Vec::new();
    for item in read(std::slice::from_ref(&articles_path)) {
        let Ok(raw) = item else { continue };
        if options.limit.is_some_and(|l| articles.len() >= l) {
            break;
        }
        if let Some(a) = herald_pipeline::clean(raw) {
            articles.push(a);
        }
    }
    let started = std::time::Instant::now();
    let n = articles.len();
    // The grouping `herald digest` makes comes from `place` alone (analysis and digest
    // do not change it), so only that runs: a 100k-article stream scores in seconds.
    let placement = {
        let refs: Vec<&herald_model::Article> = articles.iter().collect();
        herald_pipeline::place(&refs)
    };
    let seconds = started.elapsed().as_secs_f64();
    let events = placement.events.len();
    let predicted: HashMap<String, String> = placement
        .events
        .iter()
        .enumerate()
        .flat_map(|(e, members)| members.iter().map(move |&i| (i, e)))
        .map(|(i, e)| (articles[i].id.clone(), format!("e{}", e + 1)))
        .collect();
    let gold: HashMap<String, String> = match options.limit {
        Some(_) => gold
            .into_iter()
            .filter(|(id, _)| predicted.contains_key(id))
            .collect(),
        None => gold,
    };
    let score = bcubed::score(&predicted, &gold);
    let mut text = format!(
        "clusters on {name} ({} gold articles, {n} read, {} events, {seconds:.2} s)\n\
         herald      B-cubed P {:.3}  R {:.3}  F1 {:.3}\n",
        score.items, events, score.precision, score.recall, score.f1
    );
    for (set, what, f1) in REFERENCES.iter().filter(|r| r.0 == name) {
        text.push_str(&format!("reference   F1 {f1:.3}  {what} [{set}]\n"));
    }
    let json = json!({
        "stage": "clusters", "data": name, "bcubed": score, "events": events,
        "articles": n, "seconds": seconds,
        "references": REFERENCES.iter().filter(|r| r.0 == name).map(|r| json!({"what": r.1, "f1": r.2})).collect::<Vec<_>>(),
    });
    Ok(Outcome { text, json })
}

/// The gold grouping and the data set's name, from whichever gold file the folder holds.
fn gold(data: &Path) -> Result<(&'static str, HashMap<String, String>), Error> {
    let ecb = data.join("gold.jsonl");
    let gva = data.join("incidents.jsonl");
    let mut gold = HashMap::new();
    if ecb.is_file() {
        // ECB+ rows carry their topic; a synthetic stream's gold (make_stream.py) does not.
        let mut topics = false;
        for row in read_jsonl(&ecb)? {
            topics |= row.get("topic").is_some();
            if let (Some(id), Some(event)) = (row["id"].as_str(), row.get("event")) {
                gold.insert(id.to_string(), event.to_string());
            }
        }
        Ok((if topics { "ecbplus" } else { "stream" }, gold))
    } else if gva.is_file() {
        for row in read_jsonl(&gva)? {
            let incident = row["incident"].to_string();
            for id in row["articles"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
            {
                gold.entry(id.to_string())
                    .or_insert_with(|| incident.clone());
            }
        }
        Ok(("gva", gold))
    } else {
        Err(Error::Data(format!(
            "{}: expected gold.jsonl (ECB+) or incidents.jsonl (GVA) beside articles.jsonl",
            data.display()
        )))
    }
}
