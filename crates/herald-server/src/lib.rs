//! herald's web face: a JSON API, server-rendered HTML pages and an Atom feed over a
//! store written by `herald ingest` (the last box of the flow in `DESIGN.md`).
//!
//! - `GET /api/events`, `/api/events/{id}`, `/api/articles/{id}`, `/api/entities`,
//!   `/api/entities/{id}`, `/api/search`, described by the OpenAPI 3 document at
//!   `/api/openapi.json`; errors are `{"error": "..."}` with 400, 404 or 500.
//! - `/` (events, newest first), `/events/{id}`, `/entities`, `/entities/{id}`,
//!   `/search`, `/articles/{id}` (a redirect to the article's place on its event page),
//!   `/articles/{id}/text` (one article's cleaned text, for events too big to inline all):
//!   plain HTML with inline CSS, no script, no external asset; every piece of
//!   article-derived text goes through maud's escaping.
//! - `/feed.atom` (and `/feed.atom?q=`): the newest events as an Atom feed.
//!
//! The store is SQLite, read through read-only connections that are not `Sync`: each
//! request borrows an idle connection from a small pool ([`db::Db`]) and runs its
//! queries on tokio's blocking threads, so slow disk reads never stall the async
//! workers, open connections keep SQLite's page cache warm between requests, and a
//! semaphore bounds how many queries run at once.

mod api;
mod db;
mod feed;
mod html;
mod pages;
mod params;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;

pub use db::Db;

/// Serve the store at `db` on `addr` until interrupted (Ctrl-C or SIGTERM).
pub fn serve(db: &Path, addr: SocketAddr) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let app = router(db.to_path_buf())?;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("listening on {addr}"))?;
        let local = listener.local_addr()?;
        eprintln!("herald: serving {} on http://{local}/", db.display());
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("serving")
    })
}

/// Serve `app` on an already bound listener until the future `stop` completes (tests
/// bind `127.0.0.1:0` and read the port first).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Router,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(stop)
        .await
}

/// The whole application over the store at `db`. Fails when the store cannot be opened
/// for reading (missing, not a herald store, written by a newer herald).
pub fn router(db: PathBuf) -> anyhow::Result<Router> {
    let db = Db::open(db)?;
    let state = Arc::new(db);
    Ok(Router::new()
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/entities", get(api::entities))
        .route("/api/entities/{*id}", get(api::entity))
        .route("/api/search", get(api::search))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api", get(api::not_found))
        .route("/api/{*rest}", get(api::not_found))
        .route("/", get(pages::front))
        .route("/events/{id}", get(pages::event))
        .route("/entities", get(pages::entities))
        .route("/entities/{*id}", get(pages::entity))
        .route("/search", get(pages::search))
        .route("/articles/{id}", get(pages::article))
        .route("/articles/{id}/text", get(pages::article_text))
        .route("/feed.atom", get(feed::feed))
        .route(
            "/favicon.ico",
            get(|| async { axum::http::StatusCode::NO_CONTENT }),
        )
        .fallback(pages::not_found)
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state))
}

/// Shared by every handler.
pub(crate) type State = axum::extract::State<Arc<Db>>;

/// Defence in depth behind the escaping: pages may not run script, load anything from
/// elsewhere, or be framed.
async fn security_headers(mut response: axum::response::Response) -> axum::response::Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
             form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
