//! Lower-casing a word for a lookup without allocating.

/// Calls `f` with `word` lower-cased (as `str::to_lowercase` gives it), without allocating
/// for ASCII words of up to 64 bytes (nearly every word of English news): the hot word tests
/// of names and claims ("is this a role noun?") run it for every word of every article.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    if !word.is_ascii() || bytes.len() > 64 {
        return f(&word.to_lowercase());
    }
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return f(word);
    }
    let mut buffer = [0u8; 64];
    let lower = &mut buffer[..bytes.len()];
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    // ASCII in, ASCII out: always valid UTF-8.
    f(std::str::from_utf8(lower).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_to_lowercase() {
        for w in [
            "",
            "Karimov",
            "UN",
            "already",
            "İstanbul",
            "ΣΟΦΙΑ",
            "\u{212a}elvin",
            "Ǆemal",
            &"A".repeat(100),
        ] {
            assert_eq!(with_lowercase(w, str::to_string), w.to_lowercase(), "{w}");
        }
    }
}
