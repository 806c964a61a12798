//! News feeds (RSS 0.9x/1.0/2.0 and Atom, read by [feed-rs]): one article per item.
//!
//! An item's article has the item's link as its id and `url`, its title, its date
//! (`published`, else `updated`, as RFC 3339) and its body: the full content
//! (`content:encoded`, Atom `content`) when the item has one, else its description or
//! summary. A body that is HTML (declared so, and holding markup) stays HTML, so the
//! cleaning stage extracts it like a page; the feed's own title is every item's `source`.
//! An item without a body follows the JSON record rule: a headline of three words or more
//! stands alone as the text, anything shorter is an error item. An item without a link is
//! named by a hash of its title and body (feed-rs makes up random ids for those).
//! Item authors are not kept: the article model has no author field.
//!
//! The feed is parsed whole (feeds are small); one that is not well-formed XML, or not a
//! feed, is one error item naming the file. Origins are `file#N (link)`, N counting the
//! items from 0.
//!
//! [feed-rs]: https://docs.rs/feed-rs

use feed_rs::model::{Entry, Text};
use herald_model::{Body, RawArticle};

use crate::error::IngestError;
use crate::record::{hashed_id, is_headline};

/// Every item of a feed, or one error when the bytes are not a readable feed.
pub(crate) fn items(
    bytes: &[u8],
    path: &str,
) -> Result<Vec<Result<RawArticle, IngestError>>, IngestError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| IngestError::Malformed {
        origin: path.to_string(),
        message: format!("not a readable RSS or Atom feed: {e}"),
    })?;
    let source = feed.title.as_ref().map(plain).filter(|t| !t.is_empty());
    Ok(feed
        .entries
        .iter()
        .enumerate()
        .map(|(i, entry)| item(entry, i, path, source.as_deref()))
        .collect())
}

fn item(
    entry: &Entry,
    n: usize,
    path: &str,
    source: Option<&str>,
) -> Result<RawArticle, IngestError> {
    let url = link(entry);
    let origin = match &url {
        Some(url) => format!("{path}#{n} ({url})"),
        None => format!("{path}#{n}"),
    };
    let title = entry.title.as_ref().map(plain).filter(|t| !t.is_empty());
    let content = entry
        .content
        .as_ref()
        .and_then(|c| Some((c.body.as_deref()?, c.content_type.essence().to_string())));
    let summary = entry
        .summary
        .as_ref()
        .map(|s| (s.content.as_str(), s.content_type.essence().to_string()));
    let body = [content, summary]
        .into_iter()
        .flatten()
        .find(|(text, _)| !text.trim().is_empty())
        .map(|(text, mime)| {
            let text = text.trim().to_string();
            if is_html(&mime) && has_markup(&text) {
                Body::Html(text)
            } else {
                Body::Text(text)
            }
        });
    let body = match (body, &title) {
        (Some(body), _) => body,
        (None, Some(t)) if is_headline(t) => Body::Text(t.clone()),
        _ => return Err(IngestError::NoBody { origin }),
    };
    let published = entry
        .published
        .or(entry.updated)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
    Ok(RawArticle {
        id: url
            .clone()
            .unwrap_or_else(|| hashed_id(None, title.as_deref(), &body)),
        url,
        title,
        body,
        published,
        source: source.map(str::to_string),
        origin,
    })
}

/// The item's page: its `alternate` link, else its first link.
fn link(entry: &Entry) -> Option<String> {
    let usable = |l: &&feed_rs::model::Link| !l.href.trim().is_empty();
    entry
        .links
        .iter()
        .filter(usable)
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.iter().find(usable))
        .map(|l| l.href.trim().to_string())
}

fn is_html(mime: &str) -> bool {
    matches!(mime, "text/html" | "application/xhtml+xml")
}

/// Holds at least one tag (`<p>`, `<br/>`, `</a>`): worth an HTML extractor.
fn has_markup(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/') && text.contains('>'))
}

/// A feed text as plain text: tags of an HTML title dropped, whitespace collapsed.
fn plain(text: &Text) -> String {
    let mut out = String::with_capacity(text.content.len());
    let html = is_html(text.content_type.essence().to_string().as_str());
    let mut in_tag = false;
    for c in text.content.chars() {
        match c {
            '<' if html => in_tag = true,
            '>' if html && in_tag => in_tag = false,
            _ if in_tag => {}
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>The Lakeside Courier</title>
  <link>https://courier.example/</link>
  <description>Local news</description>
  <item>
    <title>Ferry service resumes after storm</title>
    <link>https://courier.example/ferry</link>
    <pubDate>Tue, 05 Mar 2024 08:30:00 GMT</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>The ferry sailed again on Tuesday.</p><p>Crews checked the pier.</p>]]></content:encoded>
  </item>
  <item>
    <title>Library extends opening hours</title>
    <link>https://courier.example/library</link>
    <description>The library will open until nine in the evening.</description>
  </item>
  <item>
    <title>Hi</title>
  </item>
  <item>
    <title>Council approves new cycle lanes downtown</title>
  </item>
</channel>
</rss>"#;

    #[test]
    fn rss_items_become_articles() {
        let out = items(RSS.as_bytes(), "f.rss").expect("a feed");
        assert_eq!(out.len(), 4);
        let a = out[0].as_ref().expect("first item");
        assert_eq!(a.id, "https://courier.example/ferry");
        assert_eq!(a.url.as_deref(), Some("https://courier.example/ferry"));
        assert_eq!(
            a.title.as_deref(),
            Some("Ferry service resumes after storm")
        );
        assert_eq!(a.published.as_deref(), Some("2024-03-05T08:30:00Z"));
        assert_eq!(a.source.as_deref(), Some("The Lakeside Courier"));
        assert_eq!(a.origin, "f.rss#0 (https://courier.example/ferry)");
        assert!(matches!(&a.body, Body::Html(h) if h.starts_with("<p>The ferry sailed")));
        let b = out[1].as_ref().expect("second item");
        assert_eq!(
            b.body,
            Body::Text("The library will open until nine in the evening.".into())
        );
        assert_eq!(b.published, None);
        let e = out[2].as_ref().expect_err("no body, short title");
        assert_eq!(e.origin(), "f.rss#2");
        let d = out[3].as_ref().expect("a headline alone");
        assert!(d.id.starts_with("a_"), "{}", d.id);
    }

    #[test]
    fn atom_entries_become_articles() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Hill &lt;b&gt;Gazette&lt;/b&gt;</title>
  <id>urn:x</id><updated>2024-03-06T09:00:00Z</updated>
  <entry>
    <title>Bridge repairs finish early</title>
    <id>urn:bridge</id>
    <link rel="alternate" href="https://gazette.example/bridge"/>
    <link rel="enclosure" href="https://gazette.example/bridge.jpg"/>
    <updated>2024-03-06T09:00:00Z</updated>
    <published>2024-03-05T18:15:00+01:00</published>
    <author><name>A. Writer</name></author>
    <content type="html">&lt;p&gt;Workers finished the bridge on Monday.&lt;/p&gt;</content>
  </entry>
</feed>"#;
        let out = items(atom.as_bytes(), "g.atom").expect("a feed");
        assert_eq!(out.len(), 1);
        let a = out[0].as_ref().expect("entry");
        assert_eq!(a.url.as_deref(), Some("https://gazette.example/bridge"));
        assert_eq!(a.source.as_deref(), Some("Hill Gazette"));
        assert_eq!(a.published.as_deref(), Some("2024-03-05T17:15:00Z"));
        assert_eq!(
            a.body,
            Body::Html("<p>Workers finished the bridge on Monday.</p>".into())
        );
    }

    #[test]
    fn broken_feeds_are_one_error() {
        let e = items(b"<rss version=\"2.0\"><channel><item><title>x", "h.xml");
        assert!(e.is_err(), "{e:?}");
        let e = items(b"<urlset></urlset>", "s.xml").expect_err("not a feed");
        assert_eq!(e.origin(), "s.xml");
    }

    /// Every prefix of a feed and every single-byte corruption: an error or items,
    /// never a panic.
    #[test]
    fn every_cut_and_every_corrupt_byte_is_survived() {
        let feed = RSS.as_bytes();
        for cut in 0..feed.len() {
            if let Ok(items) = items(&feed[..cut], "f.rss") {
                assert!(items.len() <= 4);
            }
        }
        for i in 0..feed.len() {
            for byte in [0x00, 0xff, b'<', b'&'] {
                let mut bad = feed.to_vec();
                bad[i] = byte;
                if let Ok(items) = items(&bad, "f.rss") {
                    assert!(items.len() <= 5, "{i}");
                }
            }
        }
    }

    #[test]
    fn markup_is_recognised() {
        assert!(has_markup("<p>x</p>"));
        assert!(has_markup("a<br/>b"));
        assert!(!has_markup("3 < 4 and 5 > 2"));
        assert!(!has_markup("plain"));
    }
}
