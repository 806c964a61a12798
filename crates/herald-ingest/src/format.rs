//! Input formats: decided by file name, or sniffed from the content when the name says
//! nothing.
//!
//! `.txt`/`.text` is one plain-text article, `.html`/`.htm`/`.xhtml` one page, `.json` one
//! article object, an array of them or several concatenated, `.jsonl`/`.ndjson` one
//! article per line, `.warc` a web archive (its HTML responses), `.xml`/`.rss`/`.atom`/
//! `.rdf` a news feed (one article per item); a trailing `.gz` means gzip around any of
//! these (`x.jsonl.gz`, `x.warc.gz`).
//!
//! In folders, files with other names are skipped (a folder of articles often holds
//! images, READMEs, lock files), and so are `.xml` files whose root is not a feed. A file
//! named explicitly on the command line is sniffed instead, since the user meant it: gzip
//! magic, then `WARC/` (a web archive), then JSON (`{` or `[` first), then a feed (`<rss`,
//! `<feed` or `<rdf:RDF` as the root element), then HTML (`<` first and an HTML tag near
//! the start), then text.

use std::path::Path;

/// What one input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    /// One article, an array, or a stream of concatenated values.
    Json,
    /// One article per line.
    JsonLines,
    /// A web archive: one article per HTML response record.
    Warc,
    /// RSS or Atom: one article per item.
    Feed,
}

/// Format and gzip flag from the file name; `None` format when the name does not say.
pub fn from_name(path: &Path) -> (Option<Format>, bool) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(inner) => (inner.to_string(), true),
        None => (name, false),
    };
    let ext = Path::new(&name)
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::JsonLines),
        "warc" => Some(Format::Warc),
        "xml" | "rss" | "atom" | "rdf" => Some(Format::Feed),
        _ => None,
    };
    (format, gz)
}

/// Whether bytes start with the gzip magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Guesses the format of (decompressed) content.
pub fn sniff(bytes: &[u8]) -> Format {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &bytes[i..]);
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    if start.starts_with(b"WARC/") {
        return Format::Warc;
    }
    match start.first() {
        Some(b'{') | Some(b'[') => Format::Json,
        Some(b'<') if is_feed(start) => Format::Feed,
        Some(b'<') => {
            let head: Vec<u8> = start
                .iter()
                .take(2048)
                .map(u8::to_ascii_lowercase)
                .collect();
            let html_tag = [
                &b"<!doctype html"[..],
                b"<html",
                b"<head",
                b"<body",
                b"<p",
                b"<div",
                b"<article",
            ]
            .iter()
            .any(|tag| head.windows(tag.len()).any(|w| w == *tag));
            if html_tag {
                Format::Html
            } else {
                Format::Text
            }
        }
        _ => Format::Text,
    }
}

/// Whether (decompressed) content is an RSS or Atom feed: its root element, after any
/// XML declaration, comments and doctype, is `rss`, `feed` or `rdf:RDF`.
pub fn is_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let mut rest = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .trim_ascii_start();
    loop {
        if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            let end: &[u8] = if rest.starts_with(b"<!--") {
                b"-->"
            } else {
                b">"
            };
            match rest.windows(end.len()).position(|w| w == end) {
                Some(i) => rest = rest[i + end.len()..].trim_ascii_start(),
                None => return false,
            }
            continue;
        }
        let Some(tag) = rest.strip_prefix(b"<") else {
            return false;
        };
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
            .unwrap_or(tag.len());
        let name = &tag[..name_end];
        // `rss`, `feed`, `rdf:RDF`, or with any namespace prefix (`atom:feed`).
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        return local.eq_ignore_ascii_case(b"rss")
            || local.eq_ignore_ascii_case(b"feed")
            || local.eq_ignore_ascii_case(b"rdf");
    }
}

/// The file name without `.gz` and without its extension: the default article id.
pub fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match name.len().checked_sub(3) {
        Some(cut)
            if name
                .get(cut..)
                .is_some_and(|s| s.eq_ignore_ascii_case(".gz")) =>
        {
            name.get(..cut).unwrap_or(&name).to_string()
        }
        _ => name,
    };
    match Path::new(&name).file_stem() {
        Some(stem) if !stem.is_empty() => stem.to_string_lossy().into_owned(),
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(from_name(Path::new("a/b.txt")), (Some(Format::Text), false));
        assert_eq!(from_name(Path::new("b.HTM")), (Some(Format::Html), false));
        assert_eq!(
            from_name(Path::new("b.jsonl.gz")),
            (Some(Format::JsonLines), true)
        );
        assert_eq!(from_name(Path::new("b.json")), (Some(Format::Json), false));
        assert_eq!(from_name(Path::new("b.gz")), (None, true));
        assert_eq!(from_name(Path::new("README")), (None, false));
        assert_eq!(from_name(Path::new("x.png")), (None, false));
        assert_eq!(
            from_name(Path::new("CC-NEWS-1.warc.gz")),
            (Some(Format::Warc), true)
        );
        assert_eq!(from_name(Path::new("a.rss")), (Some(Format::Feed), false));
        assert_eq!(from_name(Path::new("a.atom")), (Some(Format::Feed), false));
        assert_eq!(from_name(Path::new("a.xml.gz")), (Some(Format::Feed), true));
    }

    #[test]
    fn stems() {
        assert_eq!(stem(Path::new("d/000_abc.txt")), "000_abc");
        assert_eq!(stem(Path::new("x.jsonl.gz")), "x");
        assert_eq!(stem(Path::new("x.GZ")), "x");
        assert_eq!(stem(Path::new("noext")), "noext");
        assert_eq!(stem(Path::new(".hidden")), ".hidden");
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"  {\"text\": 1}"), Format::Json);
        assert_eq!(sniff(b"[{}]"), Format::Json);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff(b"<p>para</p>"), Format::Html);
        assert_eq!(sniff(b"<3 love letters"), Format::Text);
        assert_eq!(sniff(b"Plain words."), Format::Text);
        assert_eq!(sniff(b""), Format::Text);
        assert!(is_gzip(&[0x1f, 0x8b, 8]));
        assert_eq!(sniff(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"), Format::Warc);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<!-- a <comment> -->\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title>"),
            Format::Feed
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">"),
            Format::Feed
        );
        // A page that links to its feed is still a page; a sitemap is not a feed.
        assert_eq!(
            sniff(b"<html><head><link type=\"application/rss+xml\" href=\"/rss\"><body>"),
            Format::Html
        );
        assert!(!is_feed(
            b"<?xml version=\"1.0\"?><urlset><url></url></urlset>"
        ));
        assert!(!is_feed(b"<?xml unterminated"));
    }
}
