//! The store's schema, as numbered migrations applied in order.
//!
//! The applied version lives in SQLite's `user_version`, so a store written by an older
//! herald is brought up to date on open, and a store from a newer herald is refused
//! rather than misread.

use rusqlite::Connection;

use crate::Error;

/// Each entry moves the schema from version `i` to `i + 1`. Append only: never edit a
/// migration that has shipped.
const MIGRATIONS: &[&str] = &[
    // 1: articles, events, entities, full-text indexes.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    -- One row per cleaned article. `seq` is the input order across ingests: the stream
    -- places undated articles by it, so a store re-placed later sees the same order.
    CREATE TABLE articles (
        rowid        INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        seq          INTEGER NOT NULL,
        hash         TEXT NOT NULL,
        title        TEXT,
        url          TEXT,
        source       TEXT,
        published    TEXT,
        language     TEXT,
        text         TEXT NOT NULL,
        removed      TEXT NOT NULL,
        duplicate_of TEXT,
        event        TEXT
    );
    CREATE INDEX articles_event ON articles(event);
    CREATE INDEX articles_seq ON articles(seq);

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;

    -- One row per event. `members_key` fingerprints what the digest was made from, so an
    -- ingest re-digests only events whose members (or their content) changed. `card` is
    -- the listing view (JSON), `body` the contract's event object (JSON).
    CREATE TABLE events (
        rowid         INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        position      INTEGER NOT NULL,
        members_key   TEXT NOT NULL,
        title         TEXT NOT NULL,
        summary       TEXT NOT NULL,
        first_date    TEXT,
        last_date     TEXT,
        article_count INTEGER NOT NULL,
        source_count  INTEGER NOT NULL,
        card          TEXT NOT NULL,
        body          TEXT NOT NULL
    );
    CREATE INDEX events_last_date ON events(last_date);
    CREATE INDEX events_size ON events(article_count);

    CREATE VIRTUAL TABLE events_fts USING fts5(title, summary, names);

    -- One row per real thing (entity ids are linked across events), with every spelling
    -- and merge reason gathered from all its events.
    CREATE TABLE entities (
        id       TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        type     TEXT NOT NULL,
        events   INTEGER NOT NULL,
        mentions INTEGER NOT NULL,
        body     TEXT NOT NULL
    );
    CREATE INDEX entities_name ON entities(name);
    CREATE TABLE event_entities (
        event    TEXT NOT NULL,
        entity   TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (event, entity)
    );
    CREATE INDEX event_entities_entity ON event_entities(entity);
    "#,
    // 2: listings served from covering indexes. Event rows carry their JSON, so a scan of
    // the table itself reads a page per event (at 100k articles, /api/events took 220 ms).
    r#"
    DROP INDEX events_last_date;
    DROP INDEX events_size;
    CREATE INDEX events_newest ON events(last_date, position, first_date);
    CREATE INDEX events_biggest ON events(article_count, last_date, position, first_date);
    "#,
];

/// The schema version this herald writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the store's schema up to [`VERSION`], each migration in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), Error> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > VERSION {
        return Err(Error::NewerSchema {
            found: current,
            supported: VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
        tracing::debug!("store schema migrated to version {}", i + 1);
    }
    Ok(())
}
