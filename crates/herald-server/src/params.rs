//! Request parameters, their limits, and what a request can fail with.
//!
//! Query strings are decoded leniently (bad percent-escapes and non-UTF-8 bytes become
//! U+FFFD, the last of repeated parameters wins); values are then checked strictly: a
//! number that is not one, a date that is not `YYYY-MM-DD`, an unknown order or an
//! overlong query is a 400 naming the parameter, never a panic or a silent guess.

use std::collections::HashMap;

use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::http::StatusCode;
use herald_store::EventOrder;

/// Rows a listing returns when the request does not say.
pub const DEFAULT_LIMIT: usize = 20;
/// Rows a listing returns at most (larger `limit`s are capped to this).
pub const MAX_LIMIT: usize = 100;
/// The deepest a listing pages (larger `offset`s are refused).
pub const MAX_OFFSET: usize = 100_000;
/// The longest query text accepted, in characters.
pub const MAX_Q_CHARS: usize = 200;
/// The longest id accepted, in bytes.
pub const MAX_ID_BYTES: usize = 256;

/// Why a request got no normal answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    BadRequest(String),
    NotFound(String),
    Internal(String),
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            Failure::BadRequest(m) | Failure::NotFound(m) | Failure::Internal(m) => m,
        }
    }
}

/// A decoded query string.
#[derive(Debug, Default)]
pub struct Params(HashMap<String, String>);

impl Params {
    pub fn parse(raw: Option<&str>) -> Params {
        let mut map = HashMap::new();
        if let Some(raw) = raw {
            for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
                map.insert(k.into_owned(), v.into_owned());
            }
        }
        Params(map)
    }

    fn raw(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    /// A free-text parameter (`q`), trimmed; `None` when absent or blank.
    pub fn text(&self, name: &str) -> Result<Option<String>, Failure> {
        match self.raw(name) {
            None => Ok(None),
            Some(v) if v.chars().count() > MAX_Q_CHARS => Err(Failure::BadRequest(format!(
                "{name} is too long (at most {MAX_Q_CHARS} characters)"
            ))),
            Some(v) => Ok(Some(v.to_string())),
        }
    }

    /// `limit`: a count from 1, capped at [`MAX_LIMIT`].
    pub fn limit(&self) -> Result<usize, Failure> {
        match self.raw("limit") {
            None => Ok(DEFAULT_LIMIT),
            Some(v) => match v.parse::<u64>() {
                Ok(0) => Err(Failure::BadRequest("limit must be at least 1".into())),
                Ok(n) => Ok((n.min(MAX_LIMIT as u64)) as usize),
                Err(_) => Err(Failure::BadRequest(format!(
                    "limit must be a whole number from 1 to {MAX_LIMIT}"
                ))),
            },
        }
    }

    /// `offset`: rows to skip, at most [`MAX_OFFSET`].
    pub fn offset(&self) -> Result<usize, Failure> {
        self.bounded("offset", 0, MAX_OFFSET)
    }

    /// A whole number from 0 to `max` (`default` when absent).
    pub fn bounded(&self, name: &str, default: usize, max: usize) -> Result<usize, Failure> {
        match self.raw(name) {
            None => Ok(default),
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n <= max as u64 => Ok(n as usize),
                _ => Err(Failure::BadRequest(format!(
                    "{name} must be a whole number from 0 to {max}"
                ))),
            },
        }
    }

    /// A calendar date parameter (`since`, `until`), `YYYY-MM-DD`.
    pub fn date(&self, name: &str) -> Result<Option<String>, Failure> {
        match self.raw(name) {
            None => Ok(None),
            Some(v) if is_date(v) => Ok(Some(v.to_string())),
            Some(_) => Err(Failure::BadRequest(format!(
                "{name} must be a date as YYYY-MM-DD"
            ))),
        }
    }

    /// `order`: `newest` (default) or `biggest`.
    pub fn order(&self) -> Result<EventOrder, Failure> {
        match self.raw("order") {
            None | Some("newest") => Ok(EventOrder::Newest),
            Some("biggest") => Ok(EventOrder::Biggest),
            Some(_) => Err(Failure::BadRequest(
                "order must be newest or biggest".into(),
            )),
        }
    }
}

fn is_date(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// An id from the path: decoded, not empty, not overlong.
pub fn id(path: Result<Path<String>, PathRejection>) -> Result<String, Failure> {
    let Path(id) =
        path.map_err(|_| Failure::BadRequest("the id in the path is not valid UTF-8".into()))?;
    if id.is_empty() {
        return Err(Failure::BadRequest("the id is empty".into()));
    }
    if id.len() > MAX_ID_BYTES {
        return Err(Failure::BadRequest(format!(
            "the id is too long (at most {MAX_ID_BYTES} bytes)"
        )));
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_checked() {
        let p = Params::parse(Some("limit=100000&offset=5&order=biggest&q=%20war%20"));
        assert_eq!(p.limit(), Ok(MAX_LIMIT));
        assert_eq!(p.offset(), Ok(5));
        assert_eq!(p.order(), Ok(EventOrder::Biggest));
        assert_eq!(p.text("q"), Ok(Some("war".to_string())));
        assert!(Params::parse(Some("limit=-1")).limit().is_err());
        assert!(Params::parse(Some("limit=0")).limit().is_err());
        assert!(Params::parse(Some("offset=100001")).offset().is_err());
        assert!(Params::parse(Some("offset=99999999999999999999999"))
            .offset()
            .is_err());
        assert!(Params::parse(Some("order=oldest")).order().is_err());
        let long = format!("q={}", "a".repeat(MAX_Q_CHARS + 1));
        assert!(Params::parse(Some(&long)).text("q").is_err());
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            Params::parse(Some("since=2019-04-04")).date("since"),
            Ok(Some("2019-04-04".into()))
        );
        for bad in ["2019-4-4", "2019-13-01", "yesterday", "2019-04-04T00:00"] {
            let q = format!("since={bad}");
            assert!(Params::parse(Some(&q)).date("since").is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_encoding_is_lossy_not_fatal() {
        let p = Params::parse(Some("q=%FF%FE&limit=%"));
        assert_eq!(p.text("q"), Ok(Some("\u{FFFD}\u{FFFD}".to_string())));
        assert!(p.limit().is_err());
    }
}
