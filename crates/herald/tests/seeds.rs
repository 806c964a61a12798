//! End to end: `herald digest` on the user's example (../shared/seeds), checked against
//! the careful reader's annotations in ../shared/gold/seeds.json.
//!
//! Skips (saying so) when ../shared is not beside the checkout.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("seeds").is_dir() && p.join("gold/seeds.json").is_file() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared (seeds and gold) is not beside the checkout");
        None
    }
}

fn digest(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_herald"))
        .arg("digest")
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("the herald binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "herald digest failed: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    serde_json::from_slice(&out.stdout).expect("digest output is JSON")
}

fn gold(shared: &Path) -> Value {
    let text =
        std::fs::read_to_string(shared.join("gold/seeds.json")).expect("gold file is readable");
    serde_json::from_str(&text).expect("gold file is JSON")
}

fn article<'a>(digest: &'a Value, id: &str) -> &'a Value {
    digest["articles"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == id))
        .unwrap_or_else(|| panic!("article {id} is in the output"))
}

fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn one_event_holds_all_five_articles() {
    let Some(shared) = shared() else { return };
    let d = digest(&[shared.join("seeds").to_str().unwrap()]);
    let gold = gold(&shared);
    let expected: Vec<&str> = gold["events"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let events = d["events"].as_array().unwrap();
    let holding: Vec<&Value> = events
        .iter()
        .filter(|e| {
            e["articles"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| expected.contains(&a.as_str().unwrap()))
        })
        .collect();
    assert_eq!(
        holding.len(),
        1,
        "the five articles are split over {} events",
        holding.len()
    );
    let mut got: Vec<&str> = holding[0]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    got.sort_unstable();
    assert_eq!(got, expected);
    for a in d["articles"].as_array().unwrap() {
        assert_eq!(
            a["event"], holding[0]["id"],
            "every article names its event"
        );
    }
}

#[test]
fn cleaning_matches_the_gold_lines() {
    let Some(shared) = shared() else { return };
    let d = digest(&[shared.join("seeds").to_str().unwrap()]);
    let gold = gold(&shared);
    let b = &gold["boilerplate"];
    let (mut dropped, mut drop_total) = (0, 0);
    for (id, drops) in b["drop_lines"].as_object().unwrap() {
        let a = article(&d, id);
        let kept = lines(a["text"].as_str().unwrap());
        for line in drops.as_array().unwrap() {
            drop_total += 1;
            let line = line.as_str().unwrap();
            assert!(
                !kept.contains(&line),
                "{id}: boilerplate line survived: {line:?}"
            );
            assert!(
                a["removed"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r.as_str().map(str::trim) == Some(line)),
                "{id}: {line:?} is not listed in removed"
            );
            dropped += 1;
        }
    }
    for (id, keeps) in b["keep_lines_sample"].as_object().unwrap() {
        let a = article(&d, id);
        let kept = lines(a["text"].as_str().unwrap());
        for line in keeps.as_array().unwrap() {
            assert!(
                kept.contains(&line.as_str().unwrap()),
                "{id}: story line lost: {line}"
            );
        }
    }
    for (id, dups) in b["duplicate_lines"].as_object().unwrap() {
        let Some(dups) = dups.as_array() else {
            continue;
        };
        let text = article(&d, id)["text"].as_str().unwrap();
        for line in dups {
            let line = line.as_str().unwrap();
            let copies = lines(text).iter().filter(|l| **l == line).count();
            assert_eq!(
                copies, 1,
                "{id}: {line:?} appears {copies} times in the cleaned text"
            );
        }
    }
    for (id, forms) in b["entity_repair"].as_object().unwrap() {
        let Some(forms) = forms.as_array() else {
            continue;
        };
        let text = article(&d, id)["text"].as_str().unwrap();
        assert!(!text.contains("& #"), "{id}: a broken entity survived");
        for f in forms {
            assert!(
                text.contains(f.as_str().unwrap()),
                "{id}: repaired form {f} missing"
            );
        }
    }
    eprintln!("boilerplate: {dropped}/{drop_total} gold lines dropped and listed in removed");
}

#[test]
fn summary_cites_and_names_the_latest_toll_and_the_main_actor() {
    let Some(shared) = shared() else { return };
    let d = digest(&[shared.join("seeds").to_str().unwrap()]);
    let event = &d["events"][0];
    let summary = event["summary"].as_str().unwrap();
    let words = summary.split_whitespace().count();
    eprintln!("summary ({words} words): {summary}");
    assert!((15..=70).contains(&words), "summary has {words} words");
    assert!(summary.contains("205"), "the latest toll (205) is missing");
    assert!(summary.contains("Haftar"), "the main actor is missing");
    let members: Vec<&Value> = event["articles"].as_array().unwrap().iter().collect();
    let sentences = event["summary_sentences"].as_array().unwrap();
    assert!(!sentences.is_empty());
    for s in sentences {
        assert!(
            members.contains(&&s["article"]),
            "summary sentence cites a non-member: {s}"
        );
        let cited = article(&d, s["article"].as_str().unwrap());
        assert!(
            cited["text"]
                .as_str()
                .unwrap()
                .contains(s["text"].as_str().unwrap()),
            "a summary sentence is not in the article it cites: {s}"
        );
    }
}

#[test]
fn unrelated_stories_stay_apart() {
    let Some(shared) = shared() else { return };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unrelated");
    let d = digest(&[
        shared.join("seeds").to_str().unwrap(),
        fixtures.to_str().unwrap(),
    ]);
    let events = d["events"].as_array().unwrap();
    assert_eq!(
        events.len(),
        3,
        "expected the example event and two single-article events"
    );
    for id in ["harbour-fire", "chess-final"] {
        let e = article(&d, id)["event"].clone();
        let event = events.iter().find(|x| x["id"] == e).unwrap();
        assert_eq!(
            event["articles"].as_array().unwrap().len(),
            1,
            "{id} was merged into another event"
        );
    }
}

#[test]
fn markdown_brief_shows_summary_figures_and_sources() {
    let Some(shared) = shared() else { return };
    let out = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(["digest", "--format", "markdown"])
        .arg(shared.join("seeds"))
        .output()
        .expect("the herald binary runs");
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).expect("markdown is UTF-8");
    assert!(md.starts_with("# herald digest: 1 event from 5 articles"));
    assert!(md.contains("**Key figures**"));
    assert!(md.contains("Killed: at least 205"));
    assert!(
        md.contains("**Spellings merged**"),
        "the brief explains why spellings were merged"
    );
    assert!(md.contains("**Sources**"));
}

fn entity_of<'a>(event: &'a Value, form: &str) -> Vec<&'a Value> {
    event["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["name"] == form || e["forms"].as_array().unwrap().iter().any(|f| f == form))
        .collect()
}

#[test]
fn names_merge_across_spellings_and_boilerplate_names_are_not_entities() {
    let Some(shared) = shared() else { return };
    let d = digest(&[shared.join("seeds").to_str().unwrap()]);
    let gold = gold(&shared);
    let event = &d["events"][0];
    let (mut together, mut pairs) = (0, 0);
    for required in gold["entities"]["required"].as_array().unwrap() {
        let forms: Vec<&str> = required["forms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        for (i, a) in forms.iter().enumerate() {
            for b in &forms[i + 1..] {
                pairs += 1;
                let ea = entity_of(event, a);
                if ea.iter().any(|e| {
                    e["forms"].as_array().unwrap().iter().any(|f| f == *b) || e["name"] == *b
                }) {
                    together += 1;
                } else {
                    eprintln!("not merged: {a} / {b}");
                }
            }
        }
    }
    let recall = together as f64 / pairs as f64;
    eprintln!("entity pair recall {together}/{pairs} = {recall:.3}");
    for e in event["entities"].as_array().unwrap() {
        assert!(e["id"].is_string(), "entities carry a cross-event id: {e}");
        let forms = e["forms"].as_array().unwrap().len();
        let merges = e["merges"].as_array().map_or(0, |m| m.len());
        assert!(merges + 1 >= forms, "every merged spelling says why: {e}");
    }
    assert!(recall >= 0.95, "pair recall {recall:.3}");
    for pair in gold["entities"]["must_not_merge"].as_array().unwrap() {
        let (a, b) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        for e in entity_of(event, a) {
            let forms = e["forms"].as_array().unwrap();
            assert!(
                !forms.iter().any(|f| f == b) && e["name"] != b,
                "{a} and {b} were merged"
            );
        }
    }
    for name in gold["entities"]["not_entities"]["names"]
        .as_array()
        .unwrap()
    {
        let name = name.as_str().unwrap();
        let bare = name.trim_start_matches("The ");
        for e in event["entities"].as_array().unwrap() {
            let forms: Vec<&str> = e["forms"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            assert!(
                !forms.iter().any(|f| *f == name || *f == bare),
                "boilerplate-only name {name} became an entity"
            );
        }
    }
}

#[test]
fn facts_give_the_latest_toll_with_its_source() {
    let Some(shared) = shared() else { return };
    let d = digest(&[shared.join("seeds").to_str().unwrap()]);
    let gold = gold(&shared);
    let event = &d["events"][0];
    for kind in ["killed", "wounded", "displaced"] {
        let want = &gold["event_facts"][kind];
        let fact = event["facts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} fact"));
        assert_eq!(fact["value"], want["value"], "{kind}: {fact}");
        assert_eq!(fact["qualifier"], want["qualifier"], "{kind}: {fact}");
        assert_eq!(
            fact["attributed_to"], want["attributed_to"],
            "{kind}: {fact}"
        );
        assert!(event["articles"]
            .as_array()
            .unwrap()
            .contains(&fact["article"]));
    }
}

#[test]
fn timeline_is_dated_and_cited() {
    let Some(shared) = shared() else { return };
    let d = digest(&[shared.join("seeds").to_str().unwrap()]);
    let event = &d["events"][0];
    let timeline = event["timeline"].as_array().unwrap();
    assert!(
        timeline.len() >= 3,
        "the articles name at least three days: {timeline:?}"
    );
    let dates: Vec<&str> = timeline
        .iter()
        .map(|t| t["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted, "timeline in date order");
    for t in timeline {
        let cited = article(&d, t["article"].as_str().unwrap());
        assert!(cited["text"]
            .as_str()
            .unwrap()
            .contains(t["text"].as_str().unwrap()));
    }
}
