//! Claims and facts on the example articles (`shared/seeds`) against the hand annotations in
//! `shared/gold/seeds.json`. Skips, saying so, when the shared folder is absent.
//!
//! A found claim matches a gold one when article, kind (or one of its `also_kind`) and value
//! agree; the qualifier is scored separately. Precision counts distinct (article, kind, value)
//! found, matched against required and optional gold claims.

use std::path::Path;

use herald_claims::{claims, reconcile, Claim};
use herald_model::Article;
use serde_json::Value;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// The gold annotations and, per seed article, the claims read from it.
type Loaded = (Value, Vec<(Article, Vec<Claim>)>);

fn load() -> Option<Loaded> {
    let gold_path = Path::new(SHARED).join("gold/seeds.json");
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(&gold_path).ok()?).ok()?;
    let mut files: Vec<_> = std::fs::read_dir(Path::new(SHARED).join("seeds"))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for p in files {
        let text = std::fs::read_to_string(&p).ok()?;
        let id = p.file_stem()?.to_string_lossy().to_string();
        let article = Article {
            id,
            title: None,
            url: None,
            source: None,
            published: None,
            language: Some("en".into()),
            text: text.clone(),
            removed: vec![],
            duplicate_of: None,
            event: None,
        };
        let sentences = herald_text::sentences(&text);
        let cs = claims(&article, &sentences, None);
        out.push((article, cs));
    }
    Some((gold, out))
}

fn kinds(g: &Value) -> Vec<String> {
    let mut k = vec![g["kind"].as_str().unwrap_or_default().to_string()];
    if let Some(also) = g["also_kind"].as_array() {
        k.extend(also.iter().filter_map(|v| v.as_str().map(String::from)));
    }
    k
}

fn matches(g: &Value, c: &Claim) -> bool {
    g["article"].as_str() == Some(c.article.as_str())
        && g["value"].as_u64() == Some(c.value)
        && kinds(g).iter().any(|k| k == c.kind.as_str())
}

fn same_source(gold: &str, found: Option<&str>) -> bool {
    let Some(f) = found else { return false };
    let (g, f) = (gold.to_lowercase(), f.to_lowercase());
    g.contains(&f) || f.contains(&g)
}

#[test]
fn seeds_claims_and_facts() {
    let Some((gold, articles)) = load() else {
        eprintln!("skipping: {SHARED}/gold/seeds.json or seeds/ not found");
        return;
    };
    let all: Vec<Claim> = articles.iter().flat_map(|(_, c)| c.clone()).collect();
    for c in &all {
        eprintln!(
            "found {} {} {:>5} {:<9} by={:?} period={:?} as_of={:?} place={:?} group={:?}",
            c.article,
            c.kind.as_str(),
            c.value,
            c.qualifier.as_str(),
            c.attributed_to,
            c.period,
            c.as_of,
            c.place,
            c.group
        );
    }
    let required = gold["claims"]["required"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let optional = gold["claims"]["optional"]
        .as_array()
        .cloned()
        .unwrap_or_default();

    let mut hit = 0;
    let mut qual_ok = 0;
    let mut attr_total = 0;
    let mut attr_ok = 0;
    for g in &required {
        let found: Vec<&Claim> = all.iter().filter(|c| matches(g, c)).collect();
        if found.is_empty() {
            eprintln!("MISSED {g}");
            continue;
        }
        hit += 1;
        if found
            .iter()
            .any(|c| Some(c.qualifier.as_str()) == g["qualifier"].as_str())
        {
            qual_ok += 1;
        } else {
            eprintln!(
                "QUALIFIER {g} got {:?}",
                found.iter().map(|c| c.qualifier).collect::<Vec<_>>()
            );
        }
        if let Some(src) = g["attributed_to"].as_str() {
            attr_total += 1;
            if found
                .iter()
                .any(|c| same_source(src, c.attributed_to.as_deref()))
            {
                attr_ok += 1;
            } else {
                eprintln!(
                    "SOURCE {g} got {:?}",
                    found.iter().map(|c| &c.attributed_to).collect::<Vec<_>>()
                );
            }
        }
    }
    let mut distinct: Vec<(String, &str, u64)> = all
        .iter()
        .map(|c| (c.article.clone(), c.kind.as_str(), c.value))
        .collect();
    distinct.sort();
    distinct.dedup();
    let gold_all: Vec<&Value> = required.iter().chain(optional.iter()).collect();
    let correct = distinct
        .iter()
        .filter(|(a, k, v)| {
            let ok = gold_all.iter().any(|g| {
                g["article"].as_str() == Some(a.as_str())
                    && g["value"].as_u64() == Some(*v)
                    && kinds(g).iter().any(|x| x == k)
            });
            if !ok {
                eprintln!("EXTRA {a} {k} {v}");
            }
            ok
        })
        .count();
    let recall = hit as f64 / required.len().max(1) as f64;
    let precision = correct as f64 / distinct.len().max(1) as f64;
    let qualifier = qual_ok as f64 / hit.max(1) as f64;
    let attribution = attr_ok as f64 / attr_total.max(1) as f64;
    eprintln!(
        "seeds claims: recall {recall:.3} ({hit}/{}), precision {precision:.3} ({correct}/{}), qualifier {qualifier:.3} ({qual_ok}/{hit}), attribution {attribution:.3} ({attr_ok}/{attr_total})",
        required.len(),
        distinct.len()
    );

    let facts = reconcile(&all);
    let mut facts_ok = 0;
    let expected = gold["event_facts"].as_object().cloned().unwrap_or_default();
    for (kind, want) in expected.iter().filter(|(k, _)| *k != "about") {
        let got = facts.iter().find(|f| f.kind.as_str() == kind);
        let ok = got.is_some_and(|f| {
            Some(f.value) == want["value"].as_u64()
                && Some(f.qualifier.as_str()) == want["qualifier"].as_str()
                && same_source(
                    want["attributed_to"].as_str().unwrap_or_default(),
                    f.attributed_to.as_deref(),
                )
        });
        eprintln!(
            "fact {kind}: want {} {} ({}), got {:?}",
            want["qualifier"],
            want["value"],
            want["attributed_to"],
            got.map(|f| (
                f.qualifier.as_str(),
                f.value,
                f.attributed_to.clone(),
                f.low,
                f.high,
                f.disputed
            ))
        );
        facts_ok += usize::from(ok);
    }
    let n_facts = expected
        .len()
        .saturating_sub(usize::from(expected.contains_key("about")));
    eprintln!("seeds facts: {facts_ok}/{n_facts} correct");

    assert!(recall >= 0.9, "recall {recall:.3}");
    assert!(precision >= 0.9, "precision {precision:.3}");
    assert!(qualifier >= 0.8, "qualifier accuracy {qualifier:.3}");
    assert_eq!(facts_ok, n_facts, "event facts");
}
