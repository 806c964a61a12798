//! Bytes to text, robustly: whatever a file holds, a `String` or a clear error, never a panic.
//!
//! News archives mix encodings. The order of trust:
//!
//! 1. a byte-order mark (UTF-8, UTF-16LE/BE);
//! 2. the charset the HTTP `Content-Type` header declares (WARC records);
//! 3. for HTML, the charset the page declares (`<meta charset>`, `http-equiv`);
//! 4. valid UTF-8;
//! 5. mostly-UTF-8 with a few bad bytes (a truncated or spliced file): lossy UTF-8;
//! 6. otherwise a guess by [chardetng] (the detector Firefox uses for legacy pages, with
//!    the site's top-level domain as a hint when the URL is known).
//!
//! One exception to 2 and 3: a declared legacy encoding is overruled when the bytes are
//! valid UTF-8 holding non-ASCII characters. Servers that send `charset=ISO-8859-1` by
//! default for UTF-8 pages are common; legacy text that happens to be valid multi-byte
//! UTF-8 is vanishingly rare.
//!
//! Before decoding, [`is_binary`] rejects data that is not text at all (NUL bytes or many
//! control characters): an image or an archive given by mistake becomes an error item.
//!
//! [chardetng]: https://docs.rs/chardetng

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8};
use tracing::warn;

/// How many leading bytes the binary and charset sniffers look at.
const SNIFF_BYTES: usize = 8192;

/// How many leading bytes the encoding detector reads (plenty for a guess).
const DETECT_BYTES: usize = 1 << 20;

/// Whether `bytes` look like binary data rather than text in some encoding.
pub fn is_binary(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some() {
        // UTF-16 text is full of NUL bytes; a BOM says it is text.
        return false;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.is_empty() {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    controls * 50 > head.len()
}

/// What is known about bytes besides the bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    /// The bytes are HTML: look for a `<meta charset>`.
    pub html: bool,
    /// The `Content-Type` header's value (`text/html; charset=windows-1251`), if any.
    pub content_type: Option<&'a str>,
    /// The URL the bytes came from, whose top-level domain helps the detector.
    pub url: Option<&'a str>,
}

/// Where the encoding used came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Bom,
    Header,
    Meta,
    /// Valid UTF-8, or mostly so (see [`Decoded::replaced`]).
    Utf8,
    /// Guessed by the detector: nothing declared and not UTF-8.
    Detected,
}

/// Text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub charset: Charset,
    /// Some bytes were invalid in the encoding used and became U+FFFD.
    pub replaced: bool,
}

/// Decodes text bytes; `html` enables the `<meta charset>` sniffer.
pub fn decode(bytes: &[u8], html: bool) -> String {
    decode_with(
        bytes,
        &Hints {
            html,
            ..Hints::default()
        },
    )
    .text
}

/// Decodes text bytes with what is known about them; see the module docs for the order.
pub fn decode_with(bytes: &[u8], hints: &Hints) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or(&[]);
        return with(encoding, body, Charset::Bom);
    }
    let declared = hints
        .content_type
        .and_then(header_charset)
        .map(|e| (e, Charset::Header))
        .or_else(|| {
            hints
                .html
                .then(|| declared_charset(bytes))
                .flatten()
                .map(|e| (e, Charset::Meta))
        });
    let utf8 = std::str::from_utf8(bytes).ok();
    if let Some((encoding, from)) = declared {
        match utf8 {
            Some(s) if encoding == UTF_8 || !s.is_ascii() => {
                let from = if encoding == UTF_8 {
                    from
                } else {
                    Charset::Utf8
                };
                return Decoded {
                    text: s.to_string(),
                    encoding: UTF_8,
                    charset: from,
                    replaced: false,
                };
            }
            _ => return with(encoding, bytes, from),
        }
    }
    if let Some(s) = utf8 {
        return Decoded {
            text: s.to_string(),
            encoding: UTF_8,
            charset: Charset::Utf8,
            replaced: false,
        };
    }
    if mostly_utf8(bytes) {
        return with(UTF_8, bytes, Charset::Utf8);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let head = &bytes[..bytes.len().min(DETECT_BYTES)];
    detector.feed(head, head.len() == bytes.len());
    let tld = hints.url.and_then(top_level_domain);
    let encoding = detector.guess(tld.as_deref().map(str::as_bytes), Utf8Detection::Deny);
    with(encoding, bytes, Charset::Detected)
}

fn with(encoding: &'static Encoding, bytes: &[u8], charset: Charset) -> Decoded {
    let (text, replaced) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
        charset,
        replaced,
    }
}

/// At least as many valid multi-byte UTF-8 characters as runs of invalid bytes (`\xff\xfe`
/// is one run): UTF-8 text with a few bad bytes, not legacy text, where every non-ASCII
/// character is invalid and valid multi-byte sequences are accidents.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut invalid_runs = 0usize;
    let mut in_run = false;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
        if !valid.is_empty() {
            in_run = false;
        }
        if !chunk.invalid().is_empty() && !in_run {
            invalid_runs += 1;
            in_run = true;
        }
    }
    multibyte > 0 && multibyte >= invalid_runs
}

/// An encoding label as a page or header may declare it, made usable: UTF-16 without a
/// BOM means UTF-8 (as browsers read `<meta charset=utf-16>`), and the `replacement`
/// encoding (labels of unsafe encodings) is no declaration at all.
fn usable(label: &[u8]) -> Option<&'static Encoding> {
    match Encoding::for_label(label)? {
        e if e == UTF_16LE || e == UTF_16BE => Some(UTF_8),
        e if e == REPLACEMENT => None,
        e => Some(e),
    }
}

/// The `charset` parameter of a `Content-Type` value.
pub fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        usable(
            value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .as_bytes(),
        )
    })
}

/// The encoding a page declares in its first bytes (`charset=...`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let needle = b"charset=";
    let at = lower.windows(needle.len()).position(|w| w == needle)? + needle.len();
    let rest = &lower[at..];
    let rest = rest
        .iter()
        .position(|b| !matches!(b, b'"' | b'\'' | b' '))
        .map_or(&[][..], |start| &rest[start..]);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    usable(&rest[..end])
}

/// The last label of a URL's host (`ru` for `https://news.example.ru/a`), for the detector.
fn top_level_domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_end_matches('.');
    let tld = host.rsplit('.').next()?;
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .then(|| tld.to_ascii_lowercase())
}

/// Warns when a page's text may be wrong: bytes replaced, or an encoding guessed.
pub(crate) fn note_decoding(origin: &str, decoded: &Decoded) {
    if decoded.replaced {
        warn!(
            "{origin}: bytes invalid in {} replaced by U+FFFD",
            decoded.encoding.name()
        );
    } else if decoded.charset == Charset::Detected {
        warn!(
            "{origin}: not UTF-8 and no charset declared, read as {} (guessed)",
            decoded.encoding.name()
        );
    }
}

/// Drops an incomplete UTF-8 sequence at the end of bytes cut at an arbitrary point, so
/// the cut does not look like invalid text.
pub(crate) fn trim_partial_utf8(bytes: &mut Vec<u8>) {
    let tail = bytes.len().saturating_sub(3);
    if let Some(start) = (tail..bytes.len()).rev().find(|&i| bytes[i] & 0xC0 != 0x80) {
        let lead = bytes[start];
        let need = match lead {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        if bytes.len() - start < need {
            bytes.truncate(start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        assert_eq!(decode("café ✓".as_bytes(), false), "café ✓");
    }

    #[test]
    fn boms_are_honoured() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc", false), "abc");
        assert_eq!(decode(b"\xFF\xFEa\x00b\x00", false), "ab");
        assert!(!is_binary(b"\xFF\xFEa\x00b\x00"));
    }

    #[test]
    fn legacy_bytes_are_windows_1252() {
        assert_eq!(decode(b"caf\xe9 \x93quoted\x94", false), "café “quoted”");
    }

    #[test]
    fn mostly_utf8_with_a_bad_byte_is_lossy() {
        let mut bytes = "résumé über naïve ".as_bytes().to_vec();
        bytes.push(0xff);
        assert_eq!(decode(&bytes, false), "résumé über naïve \u{FFFD}");
    }

    #[test]
    fn html_declared_charset_is_used() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8</body>";
        assert!(decode(page, true).contains("При"));
    }

    #[test]
    fn binary_is_detected() {
        assert!(is_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"));
        assert!(!is_binary(b"plain text\nwith lines\tand tabs"));
        assert!(!is_binary(b""));
        let noisy: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
        assert!(is_binary(&noisy));
    }

    #[test]
    fn header_charset_comes_before_meta() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>\xcf\xf0\xe8</body>";
        let hints = Hints {
            html: true,
            content_type: Some("text/html; charset=\"windows-1251\""),
            url: None,
        };
        let d = decode_with(page, &hints);
        assert!(d.text.contains("При"), "{}", d.text);
        assert_eq!(d.charset, Charset::Header);
        let d = decode_with(
            page,
            &Hints {
                html: true,
                ..Hints::default()
            },
        );
        assert_eq!(d.charset, Charset::Meta);
        assert!(d.text.contains("Ïðè"), "{}", d.text);
    }

    #[test]
    fn valid_utf8_overrules_a_declared_legacy_charset() {
        let hints = Hints {
            html: true,
            content_type: Some("text/html; charset=ISO-8859-1"),
            url: None,
        };
        let d = decode_with("<p>café</p>".as_bytes(), &hints);
        assert_eq!((d.text.as_str(), d.charset), ("<p>café</p>", Charset::Utf8));
        // Pure ASCII is the same in both: the declaration stands.
        let d = decode_with(b"<p>cafe</p>", &hints);
        assert_eq!(d.charset, Charset::Header);
    }

    #[test]
    fn undeclared_legacy_text_is_detected() {
        // Russian in windows-1251, long enough for the detector to be sure.
        let text = "Правительство сообщило о новых мерах поддержки для жителей региона. ";
        let text = text.repeat(4);
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
        let d = decode_with(
            &bytes,
            &Hints {
                html: true,
                content_type: None,
                url: Some("https://news.example.ru/a?b=c"),
            },
        );
        assert_eq!(d.charset, Charset::Detected);
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1251);
        assert!(d.text.starts_with("Правительство"), "{}", d.text);
    }

    #[test]
    fn a_few_bad_bytes_in_utf8_are_replaced_not_guessed() {
        let d = decode_with(b"r\xc3\xa9gion \xff\xfe ferry", &Hints::default());
        assert_eq!(d.text, "région \u{FFFD}\u{FFFD} ferry");
        assert!(d.replaced);
        // Legacy text with one accidental valid pair stays legacy (which legacy encoding
        // is the detector's call; this text is too short to say).
        let d = decode_with(b"caf\xe9 cr\xe8me na\xefve \xc3\xa9", &Hints::default());
        assert_eq!(d.charset, Charset::Detected);
        assert!(d.text.starts_with("caf") && !d.replaced, "{}", d.text);
    }

    #[test]
    fn lossy_utf8_is_flagged() {
        let mut bytes = "résumé über naïve ".as_bytes().to_vec();
        bytes.push(0xff);
        let d = decode_with(&bytes, &Hints::default());
        assert!(d.replaced);
        assert_eq!(d.charset, Charset::Utf8);
        assert!(!decode_with(b"plain", &Hints::default()).replaced);
    }

    #[test]
    fn charset_parameters_and_domains() {
        assert_eq!(header_charset("text/html;charset=UTF-8"), Some(UTF_8));
        assert_eq!(header_charset("text/html; Charset='utf-16'"), Some(UTF_8));
        assert_eq!(header_charset("text/html"), None);
        assert_eq!(header_charset("text/html; charset=bogus"), None);
        assert_eq!(
            top_level_domain("http://a.b.DE:80/x").as_deref(),
            Some("de")
        );
        assert_eq!(
            top_level_domain("https://u@host.jp./").as_deref(),
            Some("jp")
        );
        assert_eq!(top_level_domain("").as_deref(), None);
    }

    #[test]
    fn partial_utf8_is_trimmed() {
        let mut b = "aé".as_bytes().to_vec();
        b.pop();
        trim_partial_utf8(&mut b);
        assert_eq!(b, b"a");
        let mut b = "a€".as_bytes().to_vec();
        trim_partial_utf8(&mut b);
        assert_eq!(b, "a€".as_bytes());
    }
}
