//! The JSON API. Every answer is one of the store's serialisable types (the contract's
//! event and article objects, listing pages, search results) or `{"error": "..."}`.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use herald_store::EventQuery;
use serde::Serialize;

use crate::params::{self, Failure, Params};
use crate::State;

/// The OpenAPI 3 document describing this API (checked against live answers in tests).
pub const OPENAPI: &str = include_str!("openapi.json");

/// A failure as the API reports it.
pub struct ApiError(pub Failure);

impl From<Failure> for ApiError {
    fn from(f: Failure) -> Self {
        ApiError(f)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: &'a str,
        }
        let status = self.0.status();
        (
            status,
            Json(Body {
                error: self.0.message(),
            }),
        )
            .into_response()
    }
}

type ApiResult<T> = Result<Json<T>, ApiError>;

pub async fn events(
    db: State,
    RawQuery(raw): RawQuery,
) -> ApiResult<herald_store::Page<herald_store::EventCard>> {
    let p = Params::parse(raw.as_deref());
    let query = EventQuery {
        since: p.date("since")?,
        until: p.date("until")?,
        q: p.text("q")?,
        limit: p.limit()?,
        offset: p.offset()?,
        order: p.order()?,
    };
    Ok(Json(db.run(move |s| s.events(&query)).await?))
}

pub async fn event(
    db: State,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<herald_model::Event> {
    let id = params::id(path)?;
    let found = {
        let id = id.clone();
        db.run(move |s| s.event(&id)).await?
    };
    found
        .map(Json)
        .ok_or_else(|| ApiError(Failure::NotFound(format!("no event {id}"))))
}

pub async fn article(
    db: State,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<herald_model::Article> {
    let id = params::id(path)?;
    let found = {
        let id = id.clone();
        db.run(move |s| s.article(&id)).await?
    };
    found
        .map(Json)
        .ok_or_else(|| ApiError(Failure::NotFound(format!("no article {id}"))))
}

pub async fn entities(
    db: State,
    RawQuery(raw): RawQuery,
) -> ApiResult<herald_store::Page<herald_store::EntityCard>> {
    let p = Params::parse(raw.as_deref());
    let q = p.text("q")?.unwrap_or_default();
    let (limit, offset) = (p.limit()?, p.offset()?);
    Ok(Json(db.run(move |s| s.entities(&q, limit, offset)).await?))
}

pub async fn entity(
    db: State,
    path: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> ApiResult<herald_store::EntityDetail> {
    let id = params::id(path)?;
    let limit = Params::parse(raw.as_deref()).limit()?;
    let found = {
        let id = id.clone();
        db.run(move |s| s.entity(&id, limit)).await?
    };
    found
        .map(Json)
        .ok_or_else(|| ApiError(Failure::NotFound(format!("no entity {id}"))))
}

pub async fn search(db: State, RawQuery(raw): RawQuery) -> ApiResult<herald_store::SearchResults> {
    let p = Params::parse(raw.as_deref());
    let Some(q) = p.text("q")? else {
        return Err(Failure::BadRequest("q is required".into()).into());
    };
    let limit = p.limit()?;
    Ok(Json(db.run(move |s| s.search(&q, limit)).await?))
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

pub async fn not_found() -> ApiError {
    ApiError(Failure::NotFound(
        "no such API route (see /api/openapi.json)".into(),
    ))
}
