//! `/feed.atom`: the newest events (optionally those matching `?q=`) as an Atom 1.0 feed.
//!
//! Entry ids are stable (`urn:herald:event:ID`, event ids do not change as events grow);
//! an entry's `updated` is its event's latest article date, or the store's modification
//! time when the articles carry no date. All text is XML-escaped and stripped of the
//! characters XML 1.0 cannot carry; the HTML `content` is built by the same escaping
//! templates as the pages, then escaped again as XML text.

use std::time::SystemTime;

use axum::extract::RawQuery;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use herald_store::{EventOrder, EventQuery};
use maud::html;

use crate::api::ApiError;
use crate::html::{fact_phrase, query_value, seg};
use crate::params::Params;
use crate::State;

/// Entries in one feed.
const ENTRIES: usize = 50;

pub async fn feed(db: State, headers: HeaderMap, RawQuery(raw): RawQuery) -> Response {
    match build(db, headers, raw).await {
        Ok(body) => (
            [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
            body,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

async fn build(db: State, headers: HeaderMap, raw: Option<String>) -> Result<String, ApiError> {
    let p = Params::parse(raw.as_deref());
    let q = p.text("q")?;
    let query = EventQuery {
        q: q.clone(),
        limit: ENTRIES,
        order: EventOrder::Newest,
        ..Default::default()
    };
    let listing = db.run(move |s| s.events(&query)).await?;
    let stored = modified(db.path());
    let base = format!("http://{}", host(&headers));
    let entry_updated = |last: Option<&str>| match last {
        Some(d) if d.len() >= 10 && d.is_char_boundary(10) => format!("{}T00:00:00Z", &d[..10]),
        _ => stored.clone(),
    };
    let updated = listing
        .items
        .iter()
        .map(|c| entry_updated(c.last_date.as_deref()))
        .max()
        .unwrap_or_else(|| stored.clone());
    let (id, title, self_href, alternate) = match &q {
        Some(q) => (
            format!("urn:herald:search:{}", seg(q)),
            format!("herald: events matching “{q}”"),
            format!("{base}/feed.atom?q={}", query_value(q)),
            format!("{base}/?q={}", query_value(q)),
        ),
        None => (
            "urn:herald:events".to_string(),
            "herald: latest events".to_string(),
            format!("{base}/feed.atom"),
            format!("{base}/"),
        ),
    };
    let mut out = String::with_capacity(2048 + listing.items.len() * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    tag(&mut out, "id", &id);
    tag(&mut out, "title", &title);
    tag(&mut out, "updated", &updated);
    out.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(&self_href)
    ));
    out.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(&alternate)
    ));
    out.push_str("<author><name>herald</name></author>\n");
    out.push_str("<generator>herald</generator>\n");
    for card in &listing.items {
        out.push_str("<entry>\n");
        tag(
            &mut out,
            "id",
            &format!("urn:herald:event:{}", seg(&card.id)),
        );
        tag(&mut out, "title", &card.title);
        tag(
            &mut out,
            "updated",
            &entry_updated(card.last_date.as_deref()),
        );
        out.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&format!("{base}/events/{}", seg(&card.id)))
        ));
        out.push_str("<summary type=\"text\">");
        out.push_str(&xml(&card.summary));
        out.push_str("</summary>\n");
        let content = html! {
            p { (card.summary) }
            @if !card.facts.is_empty() {
                ul { @for f in &card.facts { li { (fact_phrase(f)) @if f.disputed { " (sources disagree)" } } } }
            }
            p { (card.sources) " source(s), " (card.articles) " article(s)." }
        };
        out.push_str("<content type=\"html\">");
        out.push_str(&xml(&content.into_string()));
        out.push_str("</content>\n");
        for e in &card.entities {
            out.push_str(&format!(
                "<category term=\"{}\" label=\"{}\"/>\n",
                xml(&e.id),
                xml(&e.name)
            ));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    Ok(out)
}

fn tag(out: &mut String, name: &str, text: &str) {
    out.push_str(&format!("<{name}>{}</{name}>\n", xml(text)));
}

/// Text and attribute values for XML 1.0: the five markup characters escaped, characters
/// XML cannot carry (most C0 controls, U+FFFE, U+FFFF) dropped.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The Host header when it looks like a host name (or address) and port, else localhost.
fn host(headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
                })
        })
        .unwrap_or("localhost")
        .to_string()
}

/// The store's last modification (its WAL file counts), as an Atom date.
fn modified(db: &std::path::Path) -> String {
    let mut wal = db.as_os_str().to_os_string();
    wal.push("-wal");
    let time = [db.to_path_buf(), wal.into()]
        .iter()
        .filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let secs = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian calendar).
fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_555_555_555), "2019-04-18T02:45:55Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn xml_drops_what_it_cannot_carry() {
        assert_eq!(
            xml("a<b>&\"'\u{0}\u{1b}\n"),
            "a&lt;b&gt;&amp;&quot;&apos;\n"
        );
    }
}
