//! A JSON article record to a [`RawArticle`]: the input contract's field names.
//!
//! herald's own names are `id`, `url`, `title`, `text` or `html`, `published`, `source`.
//! news-please's are accepted too (`maintext`, `date_publish`, `source_domain`), and a few
//! common aliases (`headline`, `link`, `publishedAt`, a `source` object with a `name` as
//! news APIs return it). When both `text` and `html` are present the text wins: it is
//! what the producer already cleaned.
//!
//! A record without an `id` gets the file name (a file holding one article) or
//! `a_` + the 64-bit FNV-1a hash of its URL, or of its title and body when it has no URL,
//! in hex: stable across runs and machines, so re-ingesting a file gives the same ids.

use herald_model::{Body, RawArticle};
use serde_json::{Map, Value};

use crate::error::IngestError;

const ID_KEYS: &[&str] = &["id", "_id", "uuid"];
const URL_KEYS: &[&str] = &["url", "link", "canonical_url"];
const TITLE_KEYS: &[&str] = &["title", "headline"];
const TEXT_KEYS: &[&str] = &["text", "maintext", "body", "content", "article"];
const HTML_KEYS: &[&str] = &["html", "raw_html", "content_html"];
const FALLBACK_TEXT_KEYS: &[&str] = &["description", "summary"];
const PUBLISHED_KEYS: &[&str] = &[
    "published",
    "date_publish",
    "published_at",
    "publishedAt",
    "date_published",
    "datePublished",
    "pubDate",
    "date",
];
/// A record with no body but a title of at least this many words is a headline-only article.
const MIN_HEADLINE_WORDS: usize = 3;

/// Whether a title can stand alone as an article's text: a headline still reports
/// something (wire flashes, title-only records, a page whose body was all boilerplate);
/// a one- or two-word "title" is more likely a page label ("Home", "Sign in").
pub fn is_headline(title: &str) -> bool {
    title.split_whitespace().count() >= MIN_HEADLINE_WORDS
}
const SOURCE_KEYS: &[&str] = &["source", "source_domain", "outlet", "site_name", "domain"];

/// Builds an article from one JSON value; `default_id` is used when the record has none.
pub fn from_value(
    value: &Value,
    default_id: Option<&str>,
    origin: String,
) -> Result<RawArticle, IngestError> {
    let Value::Object(obj) = value else {
        return Err(IngestError::Json {
            origin,
            message: format!("expected an article object, found {}", kind(value)),
        });
    };
    let url = string(obj, URL_KEYS);
    let title = string(obj, TITLE_KEYS);
    let body = match (string(obj, TEXT_KEYS), string(obj, HTML_KEYS)) {
        (Some(text), _) => Body::Text(text),
        (None, Some(html)) => Body::Html(html),
        (None, None) => match string(obj, FALLBACK_TEXT_KEYS) {
            Some(text) => Body::Text(text),
            // A headline alone still reports something (wire flashes, title-only records);
            // a one- or two-word "title" is more likely a page label than a headline.
            None => match &title {
                Some(t) if is_headline(t) => Body::Text(t.clone()),
                _ => return Err(IngestError::NoBody { origin }),
            },
        },
    };
    let id = string(obj, ID_KEYS)
        .or_else(|| default_id.map(str::to_string))
        .unwrap_or_else(|| hashed_id(url.as_deref(), title.as_deref(), &body));
    Ok(RawArticle {
        id,
        url,
        title,
        body,
        published: string(obj, PUBLISHED_KEYS),
        source: source(obj),
        origin,
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The first of `keys` holding a non-empty string (or a number, for ids), trimmed.
fn string(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match obj.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// `source` as a string, or as `{"name": ...}` / `{"id": ...}`.
fn source(obj: &Map<String, Value>) -> Option<String> {
    SOURCE_KEYS.iter().find_map(|k| match obj.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Object(o) => string(o, &["name", "id", "domain"]),
        _ => None,
    })
}

/// `a_` + FNV-1a 64 of the URL, or of title and body.
pub fn hashed_id(url: Option<&str>, title: Option<&str>, body: &Body) -> String {
    let mut h = Fnv::new();
    match url {
        Some(url) => h.write(url.as_bytes()),
        None => {
            h.write(title.unwrap_or("").as_bytes());
            h.write(&[0]);
            match body {
                Body::Text(t) | Body::Html(t) => h.write(t.as_bytes()),
            }
        }
    }
    format!("a_{:016x}", h.0)
}

/// 64-bit FNV-1a: tiny, stable, good enough to name records.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn herald_fields() {
        let v = json!({"id": "x1", "url": "https://e.org/a", "title": " T ", "text": "Body.",
                       "published": "2020-01-02", "source": "Example"});
        let a = from_value(&v, None, "f:1".into()).expect("valid record");
        assert_eq!(a.id, "x1");
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.body, Body::Text("Body.".into()));
        assert_eq!(a.published.as_deref(), Some("2020-01-02"));
        assert_eq!(a.source.as_deref(), Some("Example"));
        assert_eq!(a.origin, "f:1");
    }

    #[test]
    fn news_please_fields() {
        let v = json!({"maintext": "Body.", "date_publish": "2019-04-12 10:33:00",
                       "source_domain": "example.org", "title": "T", "url": "https://e.org/b",
                       "description": "Lead."});
        let a = from_value(&v, None, "f".into()).expect("valid record");
        assert_eq!(a.body, Body::Text("Body.".into()));
        assert_eq!(a.published.as_deref(), Some("2019-04-12 10:33:00"));
        assert_eq!(a.source.as_deref(), Some("example.org"));
        assert!(a.id.starts_with("a_") && a.id.len() == 18, "{}", a.id);
    }

    #[test]
    fn html_body_and_source_object() {
        let v =
            json!({"html": "<p>x</p>", "source": {"id": null, "name": "Example Wire"}, "id": 7});
        let a = from_value(&v, None, "f".into()).expect("valid record");
        assert_eq!(a.body, Body::Html("<p>x</p>".into()));
        assert_eq!(a.source.as_deref(), Some("Example Wire"));
        assert_eq!(a.id, "7");
    }

    #[test]
    fn default_and_hashed_ids() {
        let v = json!({"text": "Body."});
        let a = from_value(&v, Some("stem"), "f".into()).expect("valid record");
        assert_eq!(a.id, "stem");
        let b = from_value(&v, None, "f".into()).expect("valid record");
        let c = from_value(&v, None, "g".into()).expect("valid record");
        assert_eq!(b.id, c.id, "hash ids are stable");
        let d = from_value(&json!({"text": "Other."}), None, "f".into()).expect("valid record");
        assert_ne!(b.id, d.id);
    }

    #[test]
    fn records_without_body_or_not_objects_are_errors() {
        let e = from_value(&json!({"title": "T"}), None, "f:3".into()).expect_err("no body");
        assert_eq!(e.to_string(), "f:3: article has no text or html");
        let e = from_value(&json!([1]), None, "f:4".into()).expect_err("not an object");
        assert_eq!(
            e.to_string(),
            "f:4: expected an article object, found an array"
        );
        let e = from_value(&json!({"text": "  "}), None, "f".into()).expect_err("blank text");
        assert!(matches!(e, IngestError::NoBody { .. }));
        let e = from_value(&json!({"title": "en", "text": ""}), None, "f".into())
            .expect_err("label only");
        assert!(matches!(e, IngestError::NoBody { .. }));
    }

    #[test]
    fn a_headline_alone_is_an_article() {
        let a = from_value(
            &json!({"title": "Storm cuts power to the coast", "text": ""}),
            None,
            "f".into(),
        )
        .expect("headline-only record");
        assert_eq!(a.body, Body::Text("Storm cuts power to the coast".into()));
    }
}
