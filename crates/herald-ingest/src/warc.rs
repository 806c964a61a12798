//! Web archives (WARC 1.0 and 1.1, ISO 28500), plain or gzipped: one article per HTML
//! response.
//!
//! A WARC file is a sequence of records, each a `WARC/1.x` line, header lines, a blank
//! line, `Content-Length` bytes of content and a blank line. Crawlers (Common Crawl,
//! Heritrix, wget) gzip each record as its own gzip member, so a `.warc.gz` is many gzip
//! streams end to end; the reader wraps the file in flate2's `MultiGzDecoder` and streams
//! it, so a 1 GB crawl file is never held in memory.
//!
//! Only `response` records become articles: `warcinfo`, `request`, `metadata`,
//! `revisit` and the rest are passed over. A response's content is an HTTP message; its
//! status must be 2xx (redirects and error pages are passed over, at debug level), its
//! `Content-Type` HTML (anything else is an error item: "not an HTML page"), its
//! `charset` is the second thing [`decode_with`](crate::decode::decode_with) trusts after
//! a byte-order mark. Chunked transfer coding and gzip/deflate content coding, which some
//! crawlers store as received, are undone.
//!
//! The article's id and `url` are the record's `WARC-Target-URI`; its origin is
//! `file#N (url)`, N counting every record of the file from 0. `WARC-Date` is when the
//! crawler fetched the page, not when it was published, and is not used: the page's own
//! date (meta tags, JSON-LD, `<time>`), found by the cleaning stage, is the article's date.
//!
//! Nothing in a record can stop the file: a malformed record is an error item and the
//! reader looks for the next line starting with `WARC/`; a truncated file (or gzip
//! stream) ends with one error item naming the record it cut, after every complete
//! record before it. A page larger than [`Options::max_page_bytes`](crate::Options) keeps
//! its first part, with a warning; the rest of its record is skipped unread into memory.
//!
//! A small parser rather than the `warc` crate (0.4.0): that crate gunzips with a second
//! deflate implementation (libflate, beside the flate2 the workspace already uses), pulls
//! in nom, url and an old uuid, reads every record body whole whatever its size (after a
//! 1 MiB allocation per record), and knows nothing of HTTP; what herald needs of WARC
//! (headers, a length, a skip) is a few dozen lines over flate2.

use std::io::{self, BufRead, Read};

use flate2::read::{GzDecoder, ZlibDecoder};
use herald_model::{Body, RawArticle};
use tracing::{debug, warn};

use crate::decode::{decode_with, is_binary, note_decoding, trim_partial_utf8, Hints};
use crate::error::IngestError;
use crate::format::{self, Format};
use crate::reader::read_line_bounded;

/// Longest header line, and largest header block, of a WARC record or an HTTP message.
const MAX_HEADER_BYTES: usize = 64 << 10;

/// The records of one WARC stream, as articles.
pub(crate) struct Warc {
    reader: Box<dyn BufRead>,
    path: String,
    /// Number of the next record.
    record: usize,
    max_page: usize,
    /// After a malformed record: skip lines until one starts a record.
    resync: bool,
    done: bool,
}

impl Warc {
    pub(crate) fn new(reader: Box<dyn BufRead>, path: String, max_page: usize) -> Warc {
        Warc {
            reader,
            path,
            record: 0,
            max_page,
            resync: false,
            done: false,
        }
    }
}

impl Iterator for Warc {
    type Item = Result<RawArticle, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.step() {
                Ok(Some(article)) => return Some(Ok(article)),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

/// A record's header fields, names as written.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a record's header block could not be read.
enum HeaderError {
    Io(io::Error),
    /// The stream ended inside the block.
    Eof,
    TooLarge,
}

impl Warc {
    /// Reads one record: an article, `None` for a record passed over, or an error item.
    fn step(&mut self) -> Result<Option<RawArticle>, IngestError> {
        let n = self.record;
        let path = self.path.clone();
        let at = |url: Option<&str>| match url {
            Some(url) => format!("{path}#{n} ({url})"),
            None => format!("{path}#{n}"),
        };
        // The version line, after the blank lines that end the previous record.
        let mut line = Vec::new();
        loop {
            line.clear();
            match read_line_bounded(self.reader.as_mut(), &mut line, MAX_HEADER_BYTES) {
                Ok(None) => {
                    self.done = true;
                    return Ok(None);
                }
                Ok(Some(_)) => {}
                Err(e) => {
                    // Between records (a gzip member without its trailer, junk after
                    // the last member): nothing of a record is lost, name the file.
                    self.done = true;
                    return Err(IngestError::Malformed {
                        origin: path,
                        message: format!("unreadable after {n} record(s): {e}"),
                    });
                }
            }
            if line.starts_with(b"WARC/") {
                break;
            }
            if self.resync || line.trim_ascii().is_empty() {
                continue;
            }
            self.resync = true;
            return Err(IngestError::Malformed {
                origin: at(None),
                message: "not a WARC record (no WARC/1.x line); looking for the next record".into(),
            });
        }
        self.resync = false;
        self.record += 1;
        let headers = match read_headers(self.reader.as_mut()) {
            Ok(headers) => headers,
            Err(HeaderError::Io(e)) => return Err(self.truncated(at(None), &e)),
            Err(HeaderError::Eof) => {
                let e = io::Error::from(io::ErrorKind::UnexpectedEof);
                return Err(self.truncated(at(None), &e));
            }
            Err(HeaderError::TooLarge) => {
                self.resync = true;
                return Err(IngestError::Malformed {
                    origin: at(None),
                    message: format!("WARC header block larger than {MAX_HEADER_BYTES} bytes"),
                });
            }
        };
        let url = headers.get("WARC-Target-URI").map(|u| {
            u.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        });
        let origin = at(url.as_deref());
        let Some(length) = headers
            .get("Content-Length")
            .and_then(|v| v.trim().parse::<u64>().ok())
        else {
            self.resync = true;
            return Err(IngestError::Malformed {
                origin,
                message: "WARC record without a valid Content-Length".into(),
            });
        };
        let kind = headers.get("WARC-Type").unwrap_or("").trim();
        let is_http = headers.get("Content-Type").is_none_or(|t| {
            t.trim()
                .to_ascii_lowercase()
                .starts_with("application/http")
        });
        if !kind.eq_ignore_ascii_case("response") || !is_http {
            debug!(origin = %origin, kind, "WARC record passed over");
            return self.skip(length, &origin).map(|()| None);
        }
        if headers.get("WARC-Truncated").is_some() {
            debug!(origin = %origin, "the crawler truncated this record");
        }
        let mut block = (&mut self.reader).take(length);
        let response = read_response(&mut block, self.max_page);
        // Whatever the response was, the stream goes on after the whole block.
        let rest = block.limit();
        let drained = io::copy(&mut block, &mut io::sink());
        match drained {
            Ok(copied) if copied == rest => {}
            Ok(_) => {
                let e = io::Error::from(io::ErrorKind::UnexpectedEof);
                return Err(self.truncated(origin, &e));
            }
            Err(e) => return Err(self.truncated(origin, &e)),
        }
        let response = match response {
            Ok(response) => response,
            Err(message) => return Err(IngestError::Malformed { origin, message }),
        };
        let page = match page(response, url.as_deref(), &origin, self.max_page) {
            Ok(Some(page)) => page,
            Ok(None) => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok(Some(RawArticle {
            id: url
                .clone()
                .unwrap_or_else(|| format!("{}#{n}", format::stem(path.as_ref()))),
            url,
            title: None,
            body: Body::Html(page),
            published: None,
            source: None,
            origin,
        }))
    }

    /// Skips `length` bytes of content; a short read ends the file.
    fn skip(&mut self, length: u64, origin: &str) -> Result<(), IngestError> {
        match io::copy(&mut (&mut self.reader).take(length), &mut io::sink()) {
            Ok(copied) if copied == length => Ok(()),
            Ok(_) => Err(self.truncated(
                origin.to_string(),
                &io::Error::from(io::ErrorKind::UnexpectedEof),
            )),
            Err(e) => Err(self.truncated(origin.to_string(), &e)),
        }
    }

    /// The end of the file: it, or its gzip stream, stops inside a record.
    fn truncated(&mut self, origin: String, e: &io::Error) -> IngestError {
        self.done = true;
        let cause = if e.kind() == io::ErrorKind::UnexpectedEof {
            "the file ends inside this record".to_string()
        } else {
            e.to_string()
        };
        IngestError::Malformed {
            origin,
            message: format!("truncated or corrupt WARC ({cause}); the rest of the file is lost"),
        }
    }
}

/// Header lines up to the blank line; folded lines (starting with a space) continue the
/// previous field.
fn read_headers(reader: &mut dyn BufRead) -> Result<Headers, HeaderError> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut total = 0usize;
    let mut line = Vec::new();
    loop {
        line.clear();
        let truncated = match read_line_bounded(reader, &mut line, MAX_HEADER_BYTES) {
            Ok(Some(truncated)) => truncated,
            Ok(None) => return Err(HeaderError::Eof),
            Err(e) => return Err(HeaderError::Io(e)),
        };
        total += line.len() + 1;
        if truncated || total > MAX_HEADER_BYTES {
            return Err(HeaderError::TooLarge);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches('\r');
        if text.is_empty() {
            return Ok(Headers(fields));
        }
        if text.starts_with([' ', '\t']) {
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
            continue;
        }
        if let Some((name, value)) = text.split_once(':') {
            fields.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
}

/// An HTTP response as stored: headers, and the first `max_page` bytes of its payload.
struct Response {
    status: u16,
    headers: Headers,
    payload: Vec<u8>,
    /// The payload went on beyond `payload` (bytes as stored, before decoding).
    cut: bool,
}

/// Reads the HTTP message of a response record; an error message when it is not one.
fn read_response(block: &mut impl BufRead, max_page: usize) -> Result<Response, String> {
    let mut line = Vec::new();
    match read_line_bounded(block, &mut line, MAX_HEADER_BYTES) {
        Ok(Some(false)) => {}
        Ok(Some(true)) => return Err("HTTP status line too long".into()),
        Ok(None) => return Err("empty response record".into()),
        Err(e) => return Err(format!("unreadable response: {e}")),
    }
    let status_line = String::from_utf8_lossy(&line);
    let mut parts = status_line.split_whitespace();
    let status = match (parts.next(), parts.next()) {
        (Some(version), Some(code)) if version.starts_with("HTTP/") => code.parse::<u16>().ok(),
        _ => None,
    };
    let Some(status) = status else {
        let shown: String = status_line.trim().chars().take(60).collect();
        return Err(format!("not an HTTP response (starts {shown:?})"));
    };
    let headers = match read_headers(block) {
        Ok(headers) => headers,
        Err(HeaderError::Io(e)) => return Err(format!("unreadable HTTP headers: {e}")),
        // The record ends inside (or right after) the headers: a response without payload.
        Err(HeaderError::Eof) => Headers(Vec::new()),
        Err(HeaderError::TooLarge) => {
            return Err(format!("HTTP headers larger than {MAX_HEADER_BYTES} bytes"))
        }
    };
    let mut payload = Vec::new();
    let limit = max_page as u64;
    block
        .take(limit.saturating_add(1))
        .read_to_end(&mut payload)
        .map_err(|e| format!("unreadable payload: {e}"))?;
    let cut = payload.len() as u64 > limit;
    payload.truncate(max_page);
    Ok(Response {
        status,
        headers,
        payload,
        cut,
    })
}

/// The page of a response: `Ok(None)` for responses that are not pages (redirects, errors).
fn page(
    response: Response,
    url: Option<&str>,
    origin: &str,
    max_page: usize,
) -> Result<Option<String>, IngestError> {
    let Response {
        status,
        headers,
        payload,
        mut cut,
    } = response;
    if !(200..300).contains(&status) {
        debug!(origin, status, "HTTP response is not a page, passed over");
        return Ok(None);
    }
    let content_type = headers.get("Content-Type").map(str::trim);
    let mime = content_type
        .and_then(|t| t.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase());
    let malformed = |message: String| IngestError::Malformed {
        origin: origin.to_string(),
        message,
    };
    let not_html = |what: &str| IngestError::NotHtml {
        origin: origin.to_string(),
        content_type: what.to_string(),
    };
    if let Some(mime) = &mime {
        if !matches!(mime.as_str(), "text/html" | "application/xhtml+xml") {
            return Err(not_html(mime));
        }
    }
    let mut payload = payload;
    let chunked = headers
        .get("Transfer-Encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    if chunked {
        payload = dechunk(&payload);
    }
    let coding = headers
        .get("Content-Encoding")
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_default();
    payload = match coding.as_str() {
        "" | "identity" | "none" => payload,
        "gzip" | "x-gzip" | "deflate" => {
            let mut out = Vec::new();
            let limit = max_page as u64 + 1;
            let read = if coding == "deflate" {
                ZlibDecoder::new(payload.as_slice())
                    .take(limit)
                    .read_to_end(&mut out)
            } else {
                GzDecoder::new(payload.as_slice())
                    .take(limit)
                    .read_to_end(&mut out)
            };
            if let Err(e) = read {
                // A page cut by the crawler ends mid-stream: keep what decoded.
                if out.is_empty() {
                    return Err(malformed(format!("payload not decodable as {coding}: {e}")));
                }
            }
            if out.len() > max_page {
                out.truncate(max_page);
                cut = true;
            }
            out
        }
        other => return Err(malformed(format!("payload compressed as {other:?}"))),
    };
    if payload.trim_ascii().is_empty() {
        debug!(origin, "HTTP response without payload, passed over");
        return Ok(None);
    }
    if is_binary(&payload) {
        return Err(not_html(mime.as_deref().unwrap_or("binary data")));
    }
    if mime.is_none() && format::sniff(&payload) != Format::Html {
        return Err(not_html("no Content-Type, and the payload is not HTML"));
    }
    if cut {
        warn!(
            "{origin}: page larger than {max_page} bytes, only its first {max_page} bytes are read"
        );
        trim_partial_utf8(&mut payload);
    }
    let decoded = decode_with(
        &payload,
        &Hints {
            html: true,
            content_type,
            url,
        },
    );
    note_decoding(origin, &decoded);
    Ok(Some(decoded.text))
}

/// Undoes chunked transfer coding; what cannot be parsed ends the payload.
fn dechunk(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(eol) = rest.iter().position(|&b| b == b'\n') {
        let size_line = String::from_utf8_lossy(&rest[..eol]);
        let size_text = size_line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            break;
        };
        rest = &rest[eol + 1..];
        if size == 0 {
            break;
        }
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One WARC record.
    pub(crate) fn record(kind: &str, url: &str, block: &[u8]) -> Vec<u8> {
        let content_type = match kind {
            "response" | "request" => "application/http; msgtype=response",
            _ => "application/warc-fields",
        };
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\n\
             WARC-Date: 2024-03-05T10:00:00Z\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn read(bytes: Vec<u8>) -> Vec<Result<RawArticle, IngestError>> {
        Warc::new(Box::new(io::Cursor::new(bytes)), "t.warc".into(), 1 << 20).collect()
    }

    fn html(a: &RawArticle) -> &str {
        match &a.body {
            Body::Html(h) => h,
            Body::Text(_) => panic!("expected HTML"),
        }
    }

    #[test]
    fn responses_become_pages_and_other_records_are_passed_over() {
        let mut warc = record("warcinfo", "", b"software: test\r\n");
        warc.extend(record(
            "request",
            "https://a.example/x",
            b"GET /x HTTP/1.1\r\n\r\n",
        ));
        warc.extend(record(
            "response",
            "<https://a.example/x>",
            &http(
                "Content-Type: text/html; charset=windows-1251\r\n",
                b"<html><body><p>\xcf\xf0\xe8</p></body></html>",
            ),
        ));
        warc.extend(record(
            "metadata",
            "https://a.example/x",
            b"fetchTimeMs: 5\r\n",
        ));
        let out = read(warc);
        assert_eq!(out.len(), 1, "{out:?}");
        let a = out[0].as_ref().expect("a page");
        assert_eq!(a.id, "https://a.example/x");
        assert_eq!(a.url.as_deref(), Some("https://a.example/x"));
        assert_eq!(a.origin, "t.warc#2 (https://a.example/x)");
        assert_eq!(
            a.published, None,
            "the fetch date is not the publication date"
        );
        assert!(html(a).contains("При"), "{}", html(a));
    }

    #[test]
    fn non_html_redirects_and_garbage() {
        let mut warc = record(
            "response",
            "https://a.example/doc.pdf",
            &http("Content-Type: application/pdf\r\n", b"%PDF-1.4 ..."),
        );
        warc.extend(record(
            "response",
            "https://a.example/moved",
            b"HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n",
        ));
        warc.extend(b"this line is no record\r\nnor this\r\n".iter());
        warc.extend(record(
            "response",
            "https://a.example/ok",
            &http("Content-Type: text/html\r\n", b"<p>fine</p>"),
        ));
        let out = read(warc);
        assert_eq!(out.len(), 3, "{out:?}");
        assert!(matches!(
            &out[0],
            Err(IngestError::NotHtml { origin, content_type })
                if origin == "t.warc#0 (https://a.example/doc.pdf)" && content_type == "application/pdf"
        ));
        assert!(
            matches!(&out[1], Err(IngestError::Malformed { origin, .. }) if origin == "t.warc#2")
        );
        assert!(out[2]
            .as_ref()
            .is_ok_and(|a| a.url.as_deref() == Some("https://a.example/ok")));
    }

    #[test]
    fn truncation_keeps_the_records_before() {
        let mut warc = record(
            "response",
            "https://a.example/1",
            &http("Content-Type: text/html\r\n", b"<p>one</p>"),
        );
        let second = record(
            "response",
            "https://a.example/2",
            &http("Content-Type: text/html\r\n", b"<p>two two two two</p>"),
        );
        warc.extend_from_slice(&second[..second.len() - 15]);
        let out = read(warc);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out[0].is_ok());
        let e = out[1].as_ref().expect_err("truncated");
        assert_eq!(e.origin(), "t.warc#1 (https://a.example/2)");
        assert!(e.to_string().contains("truncated"), "{e}");
    }

    #[test]
    fn chunked_gzipped_and_oversized_payloads() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        io::Write::write_all(&mut gz, b"<p>zipped words</p>").expect("in memory");
        let zipped = gz.finish().expect("in memory");
        let mut warc = record(
            "response",
            "https://a.example/z",
            &http(
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                &zipped,
            ),
        );
        warc.extend(record(
            "response",
            "https://a.example/c",
            &http(
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                b"5\r\n<p>ch\r\n6;x=y\r\nunked<\r\n3\r\n/p>\r\n0\r\n\r\n",
            ),
        ));
        let big = format!("<p>{}</p>", "é".repeat(1 << 20));
        warc.extend(record(
            "response",
            "https://a.example/big",
            &http("Content-Type: text/html; charset=utf-8\r\n", big.as_bytes()),
        ));
        let out = read(warc);
        assert_eq!(out.len(), 3, "{out:?}");
        let pages: Vec<&str> = out
            .iter()
            .map(|r| html(r.as_ref().expect("page")))
            .collect();
        assert_eq!(pages[0], "<p>zipped words</p>");
        assert_eq!(pages[1], "<p>chunked</p>");
        assert!(pages[2].len() <= 1 << 20 && pages[2].len() > (1 << 20) - 4);
        assert!(
            !pages[2].contains('\u{FFFD}'),
            "cut at a character boundary"
        );
    }

    /// Every prefix of a small archive, plain and gzipped, and every single-byte
    /// corruption: never a panic, and a record complete before the damage is kept.
    #[test]
    fn every_cut_and_every_corrupt_byte_is_survived() {
        let first = record(
            "response",
            "https://a.example/1",
            &http("Content-Type: text/html\r\n", b"<p>one</p>"),
        );
        let mut warc = first.clone();
        warc.extend(record(
            "response",
            "https://a.example/2",
            &http(
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                b"4\r\n<p>t\r\n7\r\nwo</p>\n\r\n0\r\n\r\n",
            ),
        ));
        let pages =
            |out: &[Result<RawArticle, IngestError>]| out.iter().filter(|r| r.is_ok()).count();
        for cut in 0..=warc.len() {
            let out = read(warc[..cut].to_vec());
            assert!(out.len() <= 2, "{cut}: {out:?}");
            if cut >= first.len() - 4 {
                assert!(
                    out[0].as_ref().is_ok_and(|a| html(a) == "<p>one</p>"),
                    "{cut}: {out:?}"
                );
            }
            if cut == warc.len() {
                assert_eq!(pages(&out), 2);
            }
        }
        for i in 0..warc.len() {
            for byte in [0x00, 0xff, b'\n', b'9'] {
                let mut bad = warc.clone();
                bad[i] = byte;
                let out = read(bad);
                assert!(out.len() <= 4, "{i}: {out:?}");
            }
        }
        let mut gz = Vec::new();
        for r in [&first, &warc[first.len()..].to_vec()] {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            io::Write::write_all(&mut enc, r).expect("in memory");
            gz.extend(enc.finish().expect("in memory"));
        }
        for cut in 0..=gz.len() {
            let reader = io::BufReader::new(flate2::read::MultiGzDecoder::new(io::Cursor::new(
                gz[..cut].to_vec(),
            )));
            let out: Vec<_> = Warc::new(Box::new(reader), "t.warc.gz".into(), 1 << 20).collect();
            assert!(out.len() <= 3, "{cut}: {out:?}");
            if cut == gz.len() {
                assert_eq!(pages(&out), 2);
            }
        }
    }
}
