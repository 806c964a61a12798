//! herald's embedded store: cleaned articles and their digested events in one SQLite file
//! (bundled SQLite, WAL mode), kept up to date as articles keep arriving.
//!
//! Writes ([`Store::ingest`]) go through the same placement and digest code as
//! `herald digest`, so a store always holds what a one-shot digest of all its articles
//! would say (event ids aside, which a store keeps stable as events grow):
//! - every ingest re-places the whole stored stream (placement needs only the cleaned
//!   text, and is cheap next to analysis), then re-analyses and re-digests only the events
//!   whose members or member content changed;
//! - ingesting a set in two halves therefore gives the same events as one batch, and
//!   re-ingesting the same articles (same id, same content hash) changes nothing;
//! - new articles are committed together with a "needs placing" mark, and the events are
//!   rewritten, and the mark cleared, in one later transaction: a killed ingest leaves the
//!   previous consistent events in place and the next ingest finishes the work.
//!
//! Reads ([`Store::events`], [`Store::event`], [`Store::search`], ...) serve the web
//! pages and the JSON API; full-text search uses SQLite's FTS5.

mod ingest;
mod query;
mod schema;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use ingest::{entity_id, IngestOptions, IngestReport, Progress};
pub use query::{
    ArticleHit, EntityCard, EntityDetail, EntityRef, EventCard, EventOrder, EventQuery, Page,
    SearchResults,
};

/// What can go wrong with a store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(
        "the store was written by a newer herald (schema {found}; this herald reads up to {supported})"
    )]
    NewerSchema { found: i64, supported: i64 },
    #[error("cannot open {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

/// An open store. Not shared between threads: open one per thread (opening is cheap).
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Open the store at `path` for reading and writing, creating it if needed and
    /// bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Store, Error> {
        let mut conn = Connection::open(path).map_err(|source| Error::Open {
            path: path.to_path_buf(),
            source,
        })?;
        configure(&conn)?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// Open an existing store for reading only (the web server's connections).
    pub fn open_read_only(path: &Path) -> Result<Store, Error> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| Error::Open {
            path: path.to_path_buf(),
            source,
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > schema::VERSION {
            return Err(Error::NewerSchema {
                found: version,
                supported: schema::VERSION,
            });
        }
        if version < schema::VERSION {
            // An empty or older file: a read-only reader cannot migrate it.
            return Err(Error::Open {
                path: path.to_path_buf(),
                source: rusqlite::Error::InvalidQuery,
            });
        }
        Ok(Store { conn })
    }

    /// Bring an existing store written by an older herald up to this schema (a reader
    /// cannot migrate). Does nothing to a current store, a missing file or a file that is
    /// not a herald store.
    pub fn upgrade(path: &Path) -> Result<(), Error> {
        if !path.is_file() {
            return Ok(());
        }
        let version: i64 = {
            let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(|source| Error::Open {
                    path: path.to_path_buf(),
                    source,
                })?;
            conn.query_row("PRAGMA user_version", [], |r| r.get(0))?
        };
        if version > 0 && version < schema::VERSION {
            Store::open(path)?;
            tracing::info!(
                "{}: store schema upgraded from version {version} to {}",
                path.display(),
                schema::VERSION
            );
        }
        Ok(())
    }

    /// A store in memory (tests, one-off runs).
    pub fn in_memory() -> Result<Store, Error> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// Number of stored articles and events.
    pub fn counts(&self) -> Result<(usize, usize), Error> {
        let articles: i64 = self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        let events: i64 = self
            .conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
        Ok((articles as usize, events as usize))
    }
}

fn configure(conn: &Connection) -> Result<(), Error> {
    // WAL: readers (the web server) never block the writer (an ingest) and vice versa;
    // NORMAL sync is durable at every checkpoint and never corrupts on a crash.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    Ok(())
}

#[cfg(test)]
mod tests;
