//! Generality check on unseen-style data: US shooting news (Gun Violence Archive, dev part) with
//! the names of participants. Reads `../shared/eval/claims/gva-dev` at test time and skips when
//! it is absent; nothing of it is copied here. For every incident, mentions are found in its
//! articles (raw page text, boilerplate included) and resolved together; a participant counts
//! as found when a person entity has the name as a form (strict) or a form with the same first
//! and last word (relaxed: the archive often adds middle names).

use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;

use herald_model::EntityType;
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/eval/claims/gva-dev"
    ))
}

fn lines(name: &str) -> Option<Vec<Value>> {
    let text = fs::read_to_string(dir().join(name)).ok()?;
    Some(
        text.lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect(),
    )
}

fn ends(name: &str) -> (String, String) {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "jr" | "sr" | "ii" | "iii"))
        .collect();
    (
        words.first().cloned().unwrap_or_default(),
        words.last().cloned().unwrap_or_default(),
    )
}

/// Whether the first and last word of the name occur in the text at all.
fn findable(text: &str, name: &str) -> bool {
    let words: Vec<&str> = name
        .split_whitespace()
        .map(|w| w.trim_matches(['.', ',']))
        .collect();
    match (words.first(), words.last()) {
        (Some(f), Some(l)) => text.contains(f) && text.contains(l),
        _ => false,
    }
}

#[test]
fn gva_participants_are_found_as_people() {
    let (Some(articles), Some(incidents)) = (lines("articles.jsonl"), lines("incidents.jsonl"))
    else {
        eprintln!("skipped: ../shared/eval/claims/gva-dev not present");
        return;
    };
    let by_id: HashMap<&str, &Value> = articles
        .iter()
        .filter_map(|a| Some((a["id"].as_str()?, a)))
        .collect();
    let (mut total, mut strict, mut relaxed, mut typed_any) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for inc in incidents.iter().take(400) {
        let names: Vec<&str> = inc["participants"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .filter_map(|p| p["name"].as_str())
                    .filter(|n| n.split_whitespace().count() >= 2)
                    .collect()
            })
            .unwrap_or_default();
        if names.is_empty() {
            continue;
        }
        let mut mentions = Vec::new();
        let mut all_text = String::new();
        for id in inc["articles"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
        {
            let Some(a) = by_id.get(id) else { continue };
            let title = a["title"].as_str().unwrap_or("");
            let body = a["text"].as_str().unwrap_or("");
            let text = format!("{title}\n\n{body}");
            all_text.push_str(&text);
            let sentences = herald_text::sentences(&text);
            mentions.extend(herald_names::mentions(id, &text, &sentences));
        }
        let entities = herald_names::resolve(&mentions);
        for n in names {
            total += 1;
            let (f, l) = ends(n);
            let has = |e: &herald_model::Entity, exact: bool| {
                e.forms.iter().any(|x| {
                    if exact {
                        x == n
                    } else {
                        ends(x) == (f.clone(), l.clone())
                    }
                })
            };
            let person = |e: &&herald_model::Entity| e.kind == EntityType::Person;
            if entities.iter().filter(person).any(|e| has(e, true)) {
                strict += 1;
            }
            if entities.iter().filter(person).any(|e| has(e, false)) {
                relaxed += 1;
            } else if misses.len() < 40 && findable(&all_text, n) {
                let near: Vec<String> = entities
                    .iter()
                    .filter(|e| e.forms.iter().any(|x| x.to_lowercase().contains(&l)))
                    .map(|e| format!("{}:{}", e.name, e.kind.as_str()))
                    .collect();
                misses.push(format!("{n} -> {near:?}"));
            }
            if entities.iter().any(|e| has(e, false)) {
                typed_any += 1;
            }
        }
    }
    let pct = |x: usize| {
        if total == 0 {
            0.0
        } else {
            x as f64 / total as f64
        }
    };
    eprintln!("gva-dev participants with a full name: {total}");
    eprintln!(
        "  person entity with the exact name:        {strict} ({:.3})",
        pct(strict)
    );
    eprintln!(
        "  person entity with same first+last word:  {relaxed} ({:.3})",
        pct(relaxed)
    );
    eprintln!(
        "  any entity with same first+last word:     {typed_any} ({:.3})",
        pct(typed_any)
    );
    for m in &misses {
        eprintln!("  miss: {m}");
    }
    // About 0.75 of the participants have both name words in their articles at all.
    assert!(
        pct(relaxed) >= 0.6,
        "participant recall fell to {:.3}",
        pct(relaxed)
    );
}
