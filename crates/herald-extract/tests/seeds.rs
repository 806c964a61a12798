//! The example articles in `shared/seeds` against the boilerplate gold in
//! `shared/gold/seeds.json`: every drop line gone, every sampled keep line kept, repeated
//! lines once (the title counts as the one copy), broken entities repaired.
//!
//! Skipped, with a message, when the shared folder is not next to the workspace.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use herald_extract::{clean_txt, Cleaned, Options};
use serde_json::Value;

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    if dir.join("seeds").is_dir() && dir.join("gold/seeds.json").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: {} has no seeds/ and gold/seeds.json",
            dir.display()
        );
        None
    }
}

/// Cleaned seeds by id (file stem).
fn cleaned_seeds(dir: &Path) -> BTreeMap<String, Cleaned> {
    let mut out = BTreeMap::new();
    let entries = fs::read_dir(dir.join("seeds")).expect("seeds folder is readable");
    for entry in entries {
        let path = entry.expect("seeds entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("seed file name is UTF-8")
            .to_string();
        let raw = fs::read_to_string(&path).expect("seed is UTF-8 text");
        out.insert(id, clean_txt(&raw, &Options::default()));
    }
    out
}

fn gold(dir: &Path) -> Value {
    let text = fs::read_to_string(dir.join("gold/seeds.json")).expect("gold is readable");
    serde_json::from_str(&text).expect("gold is JSON")
}

/// Title and text paragraphs: the lines a reader of the cleaned article sees.
fn lines(c: &Cleaned) -> Vec<&str> {
    c.title
        .as_deref()
        .into_iter()
        .chain(c.text.split("\n\n"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// `(article id, line)` pairs of a gold section shaped `{id: [line, ...]}`.
fn pairs(section: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(obj) = section.as_object() {
        for (id, lines) in obj {
            for line in lines.as_array().into_iter().flatten() {
                if let Some(line) = line.as_str() {
                    out.push((id.clone(), line.trim().to_string()));
                }
            }
        }
    }
    out
}

#[test]
fn seeds_match_the_boilerplate_gold() {
    let Some(dir) = shared() else { return };
    let seeds = cleaned_seeds(&dir);
    let gold = gold(&dir);
    let bp = &gold["boilerplate"];
    for (id, c) in &seeds {
        eprintln!(
            "=== {id}\ntitle: {:?}\nremoved: {:#?}\n{}\n",
            c.title, c.removed, c.text
        );
    }
    let get = |id: &str| seeds.get(id).unwrap_or_else(|| panic!("no seed {id}"));

    let drops = pairs(&bp["drop_lines"]);
    assert!(!drops.is_empty(), "gold has drop lines");
    for (id, line) in drops {
        let c = get(&id);
        assert!(
            !lines(c).contains(&line.as_str()),
            "{id}: {line:?} survived"
        );
        assert!(
            c.removed.contains(&line),
            "{id}: {line:?} not listed in removed"
        );
    }

    let keeps = pairs(&bp["keep_lines_sample"]);
    assert!(!keeps.is_empty(), "gold has keep lines");
    for (id, line) in keeps {
        assert!(
            lines(get(&id)).contains(&line.as_str()),
            "{id}: {line:?} lost"
        );
    }

    let dups = pairs(&bp["duplicate_lines"]);
    assert!(!dups.is_empty(), "gold has duplicate lines");
    for (id, line) in dups {
        let n = lines(get(&id)).iter().filter(|l| **l == line).count();
        assert_eq!(n, 1, "{id}: {line:?} appears {n} times");
    }

    let repairs = pairs(&bp["entity_repair"]);
    assert!(!repairs.is_empty(), "gold has entity repairs");
    for (id, form) in repairs {
        let c = get(&id);
        assert!(c.text.contains(&form), "{id}: {form:?} missing");
        assert!(!c.text.contains("& #"), "{id}: broken entity left");
    }
}

#[test]
fn seed_titles_follow_the_plain_text_rule() {
    let Some(dir) = shared() else { return };
    for (id, c) in cleaned_seeds(&dir) {
        let title = c.title.as_deref().unwrap_or("");
        // A title is a headline: short, not a sentence; no title means none was found.
        assert!(title.len() <= 150, "{id}: title too long: {title:?}");
        assert!(
            !title.ends_with('.'),
            "{id}: sentence taken as title: {title:?}"
        );
        // Whatever the title, the text still has the story.
        assert!(c.text.len() > 1000, "{id}: text lost: {}", c.text.len());
    }
}
