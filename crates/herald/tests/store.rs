//! `herald ingest` as a user runs it: in parts, again, and killed half-way.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

/// Real articles of many events: the ECB+ development set beside the checkout.
fn corpus(lines: usize) -> Option<Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/clustering/ecbplus-dev/articles.jsonl");
    let text = std::fs::read_to_string(&path).ok()?;
    Some(text.lines().take(lines).map(str::to_string).collect())
}

fn write_jsonl(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

fn ingest(db: &Path, input: &Path) -> serde_json::Value {
    let out = herald()
        .args(["ingest", "--json", "--db"])
        .arg(db)
        .arg(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The stored events as sets of article ids: "the same events, up to naming".
fn groups(db: &Path) -> BTreeSet<BTreeSet<String>> {
    let store = herald_store::Store::open_read_only(db).unwrap();
    let page = store
        .events(&herald_store::EventQuery {
            limit: 500,
            ..Default::default()
        })
        .unwrap();
    assert!(page.total <= 500);
    page.items
        .iter()
        .map(|e| {
            store
                .event_articles(&e.id)
                .unwrap()
                .into_iter()
                .map(|a| a.id)
                .collect()
        })
        .collect()
}

#[test]
fn parts_again_and_killed_all_end_in_the_batch_result() {
    let Some(lines) = corpus(300) else {
        eprintln!("SKIPPED: ../shared/eval/clustering/ecbplus-dev is not beside the checkout");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let all = dir.path().join("all.jsonl");
    write_jsonl(&all, &lines);

    // One batch.
    let batch = dir.path().join("batch.db");
    let started = Instant::now();
    let report = ingest(&batch, &all);
    let batch_time = started.elapsed();
    assert_eq!(report["added"], 300);
    let expected = groups(&batch);
    assert!(expected.len() > 5, "{} events", expected.len());

    // Again: nothing changes.
    let again = ingest(&batch, &all);
    assert_eq!(
        (again["added"].as_u64(), again["digested"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(groups(&batch), expected);

    // In two parts.
    let parts = dir.path().join("parts.db");
    let (first, second) = lines.split_at(170);
    let first_file = dir.path().join("first.jsonl");
    let second_file = dir.path().join("second.jsonl");
    write_jsonl(&first_file, first);
    write_jsonl(&second_file, second);
    ingest(&parts, &first_file);
    ingest(&parts, &second_file);
    assert_eq!(groups(&parts), expected);

    // Killed part-way through the second part (at a few points: wherever the kill
    // lands), then run again.
    let mut outcomes = Vec::new();
    for (k, fraction) in [0.1, 0.2, 0.3].into_iter().enumerate() {
        let killed = dir.path().join(format!("killed{k}.db"));
        ingest(&killed, &first_file);
        let mut child = herald()
            .args(["ingest", "--db"])
            .arg(&killed)
            .arg(&second_file)
            .spawn()
            .unwrap();
        std::thread::sleep(batch_time.mul_f64(fraction));
        let _ = child.kill();
        let _ = child.wait();
        let after = ingest(&killed, &second_file);
        // Where the kill landed: before the articles were committed (all new again),
        // between the two transactions (resumed), or after the end (nothing to do).
        outcomes.push(format!(
            "at {fraction}: added {}, resumed {}",
            after["added"], after["resumed"]
        ));
        assert_eq!(groups(&killed), expected, "killed at {fraction}");
    }
    eprintln!("after the kills: {outcomes:?}");
}
