//! Store access for async handlers: a small pool of read-only connections used on
//! tokio's blocking threads.
//!
//! A `herald_store::Store` is one SQLite connection, `Send` but not `Sync`. Each query
//! borrows an idle connection (or opens one: opening is cheap), runs on a blocking
//! thread, and gives the connection back, so connections and their page caches live
//! across requests. A semaphore bounds the queries in flight, which bounds the
//! connections and the blocking threads a burst of requests can make.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use herald_store::Store;
use tokio::sync::Semaphore;

use crate::params::Failure;

/// Queries running at once (and connections kept open).
const MAX_CONCURRENT: usize = 16;

/// The store the server reads.
pub struct Db {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Semaphore,
}

impl Db {
    /// Open (and check) the store at `path` for reading.
    pub fn open(path: PathBuf) -> anyhow::Result<Db> {
        Store::upgrade(&path).with_context(|| format!("upgrading the store {}", path.display()))?;
        let store = Store::open_read_only(&path).with_context(|| {
            format!(
                "opening the store {} (create it with `herald ingest --db {} PATH...`)",
                path.display(),
                path.display()
            )
        })?;
        Ok(Db {
            path,
            idle: Mutex::new(vec![store]),
            permits: Semaphore::new(MAX_CONCURRENT),
        })
    }

    /// The store file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Run `work` against a connection on a blocking thread.
    pub(crate) async fn run<T, F>(self: &Arc<Self>, work: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, herald_store::Error> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| Failure::Internal("the server is shutting down".into()))?;
        let db = Arc::clone(self);
        let joined = tokio::task::spawn_blocking(move || {
            let store = match db.checkout() {
                Ok(s) => s,
                Err(e) => return Err(e),
            };
            let out = work(&store);
            // A connection that failed may be broken; open a fresh one next time.
            if out.is_ok() {
                db.checkin(store);
            }
            out
        })
        .await;
        match joined {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => {
                tracing::error!("store: {e}");
                Err(Failure::Internal(format!("store error: {e}")))
            }
            Err(e) => {
                tracing::error!("query task failed: {e}");
                Err(Failure::Internal("internal error".into()))
            }
        }
    }

    fn checkout(&self) -> Result<Store, herald_store::Error> {
        let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
        match idle {
            Some(s) => Ok(s),
            None => Store::open_read_only(&self.path),
        }
    }

    fn checkin(&self, store: Store) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < MAX_CONCURRENT {
                idle.push(store);
            }
        }
    }
}
