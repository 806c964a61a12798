//! Bytes to text, robustly: whatever a file holds, a `String` or a clear error, never a panic.
//!
//! News archives mix encodings. The order of trust:
//!
//! 1. a byte-order mark (UTF-8, UTF-16LE/BE);
//! 2. valid UTF-8;
//! 3. for HTML, the charset the page declares (`<meta charset>`, `http-equiv`);
//! 4. mostly-UTF-8 with a few bad bytes (a truncated or spliced file): lossy UTF-8;
//! 5. otherwise Windows-1252, the usual legacy encoding of Western news pages (every byte
//!    decodes, so this never fails).
//!
//! Before decoding, [`is_binary`] rejects data that is not text at all (NUL bytes or many
//! control characters): an image or an archive given by mistake becomes an error item.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How many leading bytes the binary and charset sniffers look at.
const SNIFF_BYTES: usize = 8192;

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

/// Decodes text bytes; `html` enables the `<meta charset>` sniffer.
pub fn decode(bytes: &[u8], html: bool) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or(&[]);
        return encoding.decode_without_bom_handling(body).0.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    if html {
        if let Some(encoding) = declared_charset(bytes) {
            if encoding != UTF_8 {
                return encoding.decode_without_bom_handling(bytes).0.into_owned();
            }
        }
    }
    if mostly_utf8(bytes) {
        String::from_utf8_lossy(bytes).into_owned()
    } else {
        WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()
    }
}

/// More valid multi-byte UTF-8 characters than invalid sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    multibyte > invalid
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
    Encoding::for_label(&rest[..end])
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
}
