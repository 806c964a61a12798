//! The store's promises, checked on the bundled example plus two unrelated stories.

use std::collections::BTreeSet;
use std::path::PathBuf;

use herald_model::Article;

use crate::{EventOrder, EventQuery, IngestOptions, Store};

fn articles() -> Vec<Article> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    herald_pipeline::clean_all(&[
        root.join("examples/libya-2019"),
        root.join("crates/herald/tests/fixtures/unrelated"),
    ])
    .expect("the example is readable")
}

fn quiet(_: crate::Progress) {}

/// Each event as the set of its article ids (what "the same events, up to naming" means).
fn groups(store: &Store) -> BTreeSet<BTreeSet<String>> {
    let page = store
        .events(&EventQuery {
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    page.items
        .iter()
        .map(|card| {
            store
                .event_articles(&card.id)
                .unwrap()
                .into_iter()
                .map(|a| a.id)
                .collect()
        })
        .collect()
}

fn bodies(store: &Store) -> Vec<String> {
    let mut stmt = store
        .conn
        .prepare("SELECT body FROM events ORDER BY id")
        .unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn two_halves_give_the_same_events_as_one_batch() {
    let all = articles();
    assert_eq!(all.len(), 7);
    let mut batch = Store::in_memory().unwrap();
    batch
        .ingest(all.clone(), &IngestOptions::default(), &quiet)
        .unwrap();
    let mut halves = Store::in_memory().unwrap();
    let (first, second) = all.split_at(3);
    halves
        .ingest(first.to_vec(), &IngestOptions::default(), &quiet)
        .unwrap();
    let report = halves
        .ingest(second.to_vec(), &IngestOptions::default(), &quiet)
        .unwrap();
    assert_eq!(report.added, 4);
    let expected = groups(&batch);
    assert_eq!(expected.len(), 3, "the example and two unrelated stories");
    assert_eq!(groups(&halves), expected);
    // Not only the grouping: the digests themselves agree (ids aside).
    let strip = |store: &Store| -> Vec<(String, String)> {
        let page = store
            .events(&EventQuery {
                limit: 100,
                ..Default::default()
            })
            .unwrap();
        let mut v: Vec<(String, String)> = page
            .items
            .into_iter()
            .map(|c| (c.title, c.summary))
            .collect();
        v.sort();
        v
    };
    assert_eq!(strip(&halves), strip(&batch));
}

#[test]
fn an_event_keeps_its_id_as_it_grows() {
    let all = articles();
    let mut store = Store::in_memory().unwrap();
    let libya: Vec<Article> = all[..2].to_vec();
    store
        .ingest(libya, &IngestOptions::default(), &quiet)
        .unwrap();
    let before = store.article(&all[0].id).unwrap().unwrap().event.unwrap();
    store
        .ingest(all[2..].to_vec(), &IngestOptions::default(), &quiet)
        .unwrap();
    let after = store.article(&all[0].id).unwrap().unwrap().event.unwrap();
    assert_eq!(before, after);
    assert_eq!(store.event_articles(&after).unwrap().len(), 5);
}

#[test]
fn ingesting_the_same_articles_again_changes_nothing() {
    let all = articles();
    let mut store = Store::in_memory().unwrap();
    store
        .ingest(all.clone(), &IngestOptions::default(), &quiet)
        .unwrap();
    let before = bodies(&store);
    let report = store
        .ingest(all.clone(), &IngestOptions::default(), &quiet)
        .unwrap();
    assert_eq!((report.added, report.updated, report.unchanged), (0, 0, 7));
    assert_eq!(report.digested, 0);
    assert_eq!(bodies(&store), before);
}

#[test]
fn changed_content_redigests_only_its_event() {
    let mut all = articles();
    let mut store = Store::in_memory().unwrap();
    store
        .ingest(all.clone(), &IngestOptions::default(), &quiet)
        .unwrap();
    let fire = all
        .iter_mut()
        .find(|a| a.text.contains("warehouses"))
        .expect("the harbour fire story");
    fire.text
        .push_str("\n\nInvestigators said the cause was an electrical fault.");
    let report = store
        .ingest(vec![fire.clone()], &IngestOptions::default(), &quiet)
        .unwrap();
    assert_eq!((report.added, report.updated), (0, 1));
    assert_eq!(report.digested, 1);
    let stored = store.article(&fire.id).unwrap().unwrap();
    assert!(stored.text.ends_with("electrical fault."));
}

#[test]
fn an_interrupted_ingest_is_finished_by_the_next() {
    let all = articles();
    let mut batch = Store::in_memory().unwrap();
    batch
        .ingest(all.clone(), &IngestOptions::default(), &quiet)
        .unwrap();

    let mut store = Store::in_memory().unwrap();
    store
        .ingest(all[..3].to_vec(), &IngestOptions::default(), &quiet)
        .unwrap();
    let events_before = groups(&store);
    // The process dies after the articles are committed, before the events are.
    let (_, dirty) = store
        .store_articles(&all[3..], &IngestOptions::default())
        .unwrap();
    assert!(dirty);
    // Readers still see the previous, consistent events.
    assert_eq!(groups(&store), events_before);
    let report = store
        .ingest(Vec::new(), &IngestOptions::default(), &quiet)
        .unwrap();
    assert!(report.resumed);
    assert_eq!(groups(&store), groups(&batch));
    // And once finished, there is nothing left to resume.
    let again = store
        .ingest(Vec::new(), &IngestOptions::default(), &quiet)
        .unwrap();
    assert!(!again.resumed);
    assert_eq!(again.digested, 0);
}

#[test]
fn a_new_summary_length_redigests_every_event() {
    let all = articles();
    let mut store = Store::in_memory().unwrap();
    store
        .ingest(all.clone(), &IngestOptions::default(), &quiet)
        .unwrap();
    let report = store
        .ingest(all, &IngestOptions { summary_words: 120 }, &quiet)
        .unwrap();
    assert_eq!(report.digested, 3);
}

#[test]
fn search_entities_and_listing() {
    let all = articles();
    let mut store = Store::in_memory().unwrap();
    store
        .ingest(all, &IngestOptions::default(), &quiet)
        .unwrap();
    let hits = store.search("warehouses harbour", 10).unwrap();
    assert_eq!(hits.articles.len(), 1);
    assert!(hits.articles[0]
        .snippet
        .to_lowercase()
        .contains("warehouse"));
    // Words are quoted, so FTS syntax in a query is just text.
    assert!(store.search("\"unbalanced AND ( NEAR", 10).is_ok());
    assert!(store.search("   ", 10).unwrap().events.is_empty());

    let biggest = store
        .events(&EventQuery {
            limit: 1,
            order: EventOrder::Biggest,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(biggest.total, 3);
    assert_eq!(biggest.items.len(), 1);
    assert_eq!(biggest.items[0].articles, 5);
    let big = &biggest.items[0];
    let body = store.event(&big.id).unwrap().unwrap();
    assert_eq!(body.articles.len(), 5);

    // Every entity on the card resolves, and lists this event among its events.
    for e in &big.entities {
        let detail = store.entity(&e.id, 10).unwrap().expect("linked entity");
        assert!(detail.events.iter().any(|c| c.id == big.id), "{}", e.id);
    }
    let top = &big.entities[0];
    let found = store.entities(&top.name[..3], 50, 0).unwrap();
    assert!(found.items.iter().any(|c| c.id == top.id));
    assert!(store.entities("%_%", 5, 0).unwrap().items.len() <= 5);
    assert!(store.event("no-such-event").unwrap().is_none());
}

#[test]
fn a_file_store_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("herald.db");
    let mut store = Store::open(&path).unwrap();
    store
        .ingest(articles(), &IngestOptions::default(), &quiet)
        .unwrap();
    drop(store);
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.counts().unwrap(), (7, 3));
    // A read-only handle refuses a file that is not a herald store.
    let other = dir.path().join("other.db");
    std::fs::write(&other, b"").unwrap();
    assert!(Store::open_read_only(&other).is_err());
}

#[test]
fn an_older_store_is_upgraded_and_listings_use_covering_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("herald.db");
    let mut store = Store::open(&path).unwrap();
    store
        .ingest(articles(), &IngestOptions::default(), &quiet)
        .unwrap();
    // Pretend the file was written by a herald that knew only schema 1.
    store
        .conn
        .execute_batch(
            "DROP INDEX events_newest; DROP INDEX events_biggest;
             CREATE INDEX events_last_date ON events(last_date);
             CREATE INDEX events_size ON events(article_count);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    drop(store);
    assert!(
        Store::open_read_only(&path).is_err(),
        "a reader cannot migrate"
    );
    Store::upgrade(&path).unwrap();
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.counts().unwrap(), (7, 3));
    // Counting and ordering read the index, not the rows (which carry the event JSON).
    for order in [
        "last_date DESC, position DESC",
        "article_count DESC, last_date DESC, position DESC",
    ] {
        let plan: Vec<String> = {
            let mut stmt = reader
                .conn
                .prepare(&format!(
                    "EXPLAIN QUERY PLAN SELECT card FROM events
                     WHERE (?1 IS NULL OR last_date >= ?1) ORDER BY {order} LIMIT 20"
                ))
                .unwrap();
            let rows = stmt
                .query_map([Option::<String>::None], |r| r.get::<_, String>(3))
                .unwrap();
            rows.map(Result::unwrap).collect()
        };
        assert!(
            plan.iter().any(|p| p.contains("USING INDEX")),
            "{order}: {plan:?}"
        );
        assert!(
            !plan.iter().any(|p| p.contains("TEMP B-TREE")),
            "{order}: {plan:?}"
        );
    }
    // A missing file is left alone (the reader then says what is wrong).
    Store::upgrade(&dir.path().join("missing.db")).unwrap();
    assert!(!dir.path().join("missing.db").exists());
}
