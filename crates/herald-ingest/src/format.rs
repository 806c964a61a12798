//! Input formats: decided by file name, or sniffed from the content when the name says
//! nothing.
//!
//! `.txt`/`.text` is one plain-text article, `.html`/`.htm`/`.xhtml` one page, `.json` one
//! article object, an array of them or several concatenated, `.jsonl`/`.ndjson` one
//! article per line; a trailing `.gz` means gzip around any of these (`x.jsonl.gz`).
//!
//! In folders, files with other names are skipped (a folder of articles often holds
//! images, READMEs, lock files). A file named explicitly on the command line is sniffed
//! instead, since the user meant it: gzip magic, then JSON (`{` or `[` first), then HTML
//! (`<` first and an HTML tag near the start), then text.

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
    match start.first() {
        Some(b'{') | Some(b'[') => Format::Json,
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
    }
}
