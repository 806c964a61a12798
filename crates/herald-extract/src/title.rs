//! The title rule for plain text: "a short first line followed by a blank line is its title".
//!
//! Plain-text articles (`.txt` files, JSON `text` fields without a `title`) often start
//! with their headline. [`split_title`] takes it off when the first *story* line
//!
//! - is followed by a blank line (a headline is its own paragraph), and
//! - is short: at most [`MAX_TITLE_CHARS`] characters and [`MAX_TITLE_WORDS`] words, and
//! - does not end like a sentence or a clause (`.`, `,`, `;`, `:`); `?`, `!`, quotes and
//!   an ellipsis are fine, headlines use them.
//!
//! Leading boilerplate lines ("Accessibility links", "\[ad_1\]") are skipped over when
//! looking for that first story line: they are not titles and they do not stop the
//! search. A long opening sentence is the lead paragraph, not a title.

use crate::boilerplate::classify_line;
use crate::clean::clean_line;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 150;
/// Most words in a title.
pub const MAX_TITLE_WORDS: usize = 25;

/// Splits a plain-text article into its title (if the first story line is one) and body.
///
/// The title comes back cleaned (Unicode, entities, whitespace); the body is the rest of
/// `raw` after the title line. Boilerplate lines skipped before the title are not part
/// of the body: use [`crate::clean_txt`] to have them listed in `removed`.
///
/// ```
/// use herald_extract::split_title;
/// let (title, body) = split_title("Storm hits coast\n\nThe storm arrived at dawn.");
/// assert_eq!(title.as_deref(), Some("Storm hits coast"));
/// assert_eq!(body, "\nThe storm arrived at dawn.");
/// let (title, _) = split_title("The storm arrived at dawn.\n\nIt left.");
/// assert_eq!(title, None);
/// ```
pub fn split_title(raw: &str) -> (Option<String>, &str) {
    match find_title(raw) {
        Some((title, body_start)) => (Some(title), raw.get(body_start..).unwrap_or("")),
        None => (None, raw),
    }
}

/// The cleaned title and the byte offset where the body starts, if `raw` has a title.
pub(crate) fn find_title(raw: &str) -> Option<(String, usize)> {
    let mut offset = 0;
    let mut lines = raw.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        let cleaned = clean_line(line);
        if cleaned.is_empty() || classify_line(&cleaned).is_some() {
            continue;
        }
        let followed_by_blank = lines.peek().is_some_and(|next| clean_line(next).is_empty());
        if followed_by_blank && is_title_like(&cleaned) {
            return Some((cleaned, start + line.len()));
        }
        return None;
    }
    None
}

/// Whether a cleaned line has the shape of a headline.
pub fn is_title_like(line: &str) -> bool {
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let ellipsis = line.ends_with("...") || line.ends_with('…');
    let clause_end = line.ends_with(['.', ',', ';', ':']) && !ellipsis;
    chars <= MAX_TITLE_CHARS && words <= MAX_TITLE_WORDS && letters >= 2 && !clause_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_first_line_before_blank_is_title() {
        let raw = "Rain floods the valley\n\nWater rose overnight.\n";
        let (title, body) = split_title(raw);
        assert_eq!(title.as_deref(), Some("Rain floods the valley"));
        assert_eq!(body, "\nWater rose overnight.\n");
    }

    #[test]
    fn crlf_and_odd_spaces_are_handled() {
        let raw = "Rain\u{00A0}floods the valley\r\n\r\nWater rose.";
        let (title, body) = split_title(raw);
        assert_eq!(title.as_deref(), Some("Rain floods the valley"));
        assert_eq!(body, "\r\nWater rose.");
    }

    #[test]
    fn no_blank_line_means_no_title() {
        let raw = "Rain floods the valley\nWater rose overnight.";
        assert_eq!(split_title(raw), (None, raw));
    }

    #[test]
    fn a_sentence_is_not_a_title() {
        let raw = "Water rose overnight in the valley.\n\nMore rain is due.";
        assert_eq!(split_title(raw).0, None);
        let long = format!("{}\n\nBody.", "word ".repeat(40).trim());
        assert_eq!(split_title(&long).0, None);
    }

    #[test]
    fn leading_boilerplate_is_skipped() {
        let raw = "Skip to content\n\nBreaking News\n\nRain floods the valley\n\nWater rose.";
        let (title, body) = split_title(raw);
        assert_eq!(title.as_deref(), Some("Rain floods the valley"));
        assert_eq!(body, "\nWater rose.");
        let raw = "[ad_1]\nWater rose overnight in the valley, officials said.\nMore.";
        assert_eq!(split_title(raw).0, None);
    }

    #[test]
    fn headline_punctuation_is_allowed() {
        assert!(is_title_like("Is the truce over?"));
        assert!(is_title_like(
            "\"We are coming\": commander vows to advance"
        ));
        assert!(!is_title_like(
            "Officials said on Monday that talks failed."
        ));
        assert!(!is_title_like("123"));
    }

    #[test]
    fn only_a_title_line() {
        assert_eq!(split_title("Just a line").0, None);
        assert_eq!(split_title("").0, None);
    }
}
