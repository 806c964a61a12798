//! Behaviour on the example event: five articles about one battle, with machine-translated
//! spellings. Reads the articles and the hand annotations from `../shared` at test time (the
//! names live there, not in this crate), runs `mentions` on every article and `resolve` on all
//! mentions together, and checks the gold `entities` section:
//! - pair recall: every pair of forms of a required entity lands in one entity (≥ 0.95);
//! - no `must_not_merge` pair shares an entity;
//! - the `not_entities` names are not entities.
//!
//! The gold `drop_lines` (ads, "More news: ..." teasers) are removed from the text before
//! analysis, as herald's cleaner does before this stage; the `not_entities` names occur only
//! there, so this checks that nothing else produces them.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use herald_model::{Entity, Mention};
use serde_json::Value;

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

fn load() -> Option<(Value, Vec<(String, String)>)> {
    let root = shared();
    let gold = fs::read_to_string(root.join("gold/seeds.json")).ok()?;
    let gold: Value = serde_json::from_str(&gold).ok()?;
    let mut articles = Vec::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(root.join("seeds"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for p in paths {
        let id = p.file_stem()?.to_string_lossy().to_string();
        let text = fs::read_to_string(&p).ok()?;
        articles.push((id, text));
    }
    Some((gold, articles))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The article text without the gold boilerplate lines (what the cleaner hands on).
fn cleaned(gold: &Value, id: &str, text: &str) -> String {
    let drop: BTreeSet<String> = strings(&gold["boilerplate"]["drop_lines"][id])
        .into_iter()
        .collect();
    text.replace("& # 39;", "'")
        .lines()
        .filter(|l| !drop.contains(l.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn entity_of(entities: &[Entity], form: &str) -> Option<usize> {
    entities
        .iter()
        .position(|e| e.forms.iter().any(|f| f == form))
}

fn analyse(gold: &Value, articles: &[(String, String)]) -> (Vec<Mention>, Vec<Entity>) {
    let mut mentions = Vec::new();
    for (id, text) in articles {
        let text = cleaned(gold, id, text);
        let sentences = herald_text::sentences(&text);
        let found = herald_names::mentions(id, &text, &sentences);
        for m in &found {
            assert_eq!(
                text.get(m.start..m.end),
                Some(m.text.as_str()),
                "offsets of {m:?}"
            );
        }
        mentions.extend(found);
    }
    let entities = herald_names::resolve(&mentions);
    (mentions, entities)
}

#[test]
fn seeds_entities_match_gold() {
    let Some((gold, articles)) = load() else {
        eprintln!("skipped: ../shared/seeds or ../shared/gold not present");
        return;
    };
    let (mentions, entities) = analyse(&gold, &articles);
    eprintln!("{} mentions, {} entities", mentions.len(), entities.len());
    for e in entities.iter().take(100) {
        eprintln!(
            "  {:<32} {:<12} m={:<3} a={} forms={:?}",
            e.name,
            e.kind.as_str(),
            e.mentions,
            e.articles,
            e.forms
        );
    }

    let ents = &gold["entities"];
    let (mut pairs, mut joined, mut found_forms, mut all_forms) = (0, 0, 0, 0);
    let mut type_ok = 0;
    let required = ents["required"].as_array().cloned().unwrap_or_default();
    for r in &required {
        let forms = strings(&r["forms"]);
        let name = r["name"].as_str().unwrap_or("");
        for f in &forms {
            all_forms += 1;
            match entity_of(&entities, f) {
                Some(_) => found_forms += 1,
                None => eprintln!("  missing form {f:?} of {name}"),
            }
        }
        for (i, a) in forms.iter().enumerate() {
            for b in &forms[i + 1..] {
                pairs += 1;
                let (x, y) = (entity_of(&entities, a), entity_of(&entities, b));
                if x.is_some() && x == y {
                    joined += 1;
                } else {
                    eprintln!("  not joined: {a:?} / {b:?} ({name})");
                }
            }
        }
        let want = r["type"].as_str().unwrap_or("");
        let got = forms
            .first()
            .and_then(|f| entity_of(&entities, f))
            .map(|i| entities[i].kind.as_str());
        if got == Some(want) {
            type_ok += 1;
        } else {
            eprintln!("  type of {name}: {got:?}, gold {want}");
        }
    }
    let recall = if pairs == 0 {
        1.0
    } else {
        joined as f64 / pairs as f64
    };
    eprintln!("pair recall {joined}/{pairs} = {recall:.3}");
    eprintln!("forms found {found_forms}/{all_forms}");
    eprintln!("types right {type_ok}/{}", required.len());

    let mut wrong = Vec::new();
    let must_not = ents["must_not_merge"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for pair in &must_not {
        let p = strings(pair);
        if let [a, b] = p.as_slice() {
            let (x, y) = (entity_of(&entities, a), entity_of(&entities, b));
            if x.is_some() && x == y {
                wrong.push(format!("{a} / {b}"));
            }
        }
    }
    eprintln!(
        "must_not_merge violations {}/{}: {wrong:?}",
        wrong.len(),
        must_not.len()
    );

    let not_entities = strings(&ents["not_entities"]["names"]);
    let present: Vec<&String> = not_entities
        .iter()
        .filter(|n| entity_of(&entities, n).is_some())
        .collect();
    eprintln!("not_entities present: {present:?}");

    assert!(recall >= 0.95, "pair recall {recall:.3} < 0.95");
    assert!(wrong.is_empty(), "merged different things: {wrong:?}");
    assert!(
        present.is_empty(),
        "boilerplate names became entities: {present:?}"
    );
}

#[test]
fn seeds_merges_carry_evidence() {
    let Some((gold, articles)) = load() else {
        eprintln!("skipped: ../shared/seeds or ../shared/gold not present");
        return;
    };
    let (_, entities) = analyse(&gold, &articles);
    for e in &entities {
        for m in &e.merges {
            assert!(!m.rule.is_empty() && !m.evidence.is_empty(), "{m:?}");
            assert!(e.forms.contains(&m.form), "{m:?} not among {:?}", e.forms);
            eprintln!("  {} <- {} [{}] {}", m.into, m.form, m.rule, m.evidence);
        }
    }
}
