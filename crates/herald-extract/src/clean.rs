//! Plain-text clean-up: from a noisy article body to story paragraphs.
//!
//! The steps, in order:
//!
//! 1. entity repair and Unicode normalisation (herald-text), whitespace collapsed inside
//!    each line;
//! 2. every line of the input is a paragraph; blank lines only separate;
//! 3. (plain-text mode, no known title) the first story line becomes the title under the
//!    rule in `title.rs`;
//! 4. boilerplate lines go (`boilerplate.rs`);
//! 5. a line seen before goes: a repeated headline or caption is printed once. The title
//!    counts as the one copy: when the body repeats the title, the body copy is removed
//!    (unless [`Options::keep_title_copy`]), so `title` + `text` hold it exactly once. In
//!    text extracted from HTML only a line repeated within a few lines goes
//!    ([`Options::repeat_window`]): further apart, repeats are the story's structure;
//! 6. the tail: short unpunctuated fragments after the last story paragraph (section
//!    labels, tags, "Latest News") go;
//! 7. a page showing an access wall (sign-in, registration, subscription notices) whose
//!    other lines are too few words to be a story's lead holds only the wall: every line
//!    goes, so the page cannot pass a sign-up form's words off as a story (the pipeline
//!    then keeps the headline alone);
//! 8. paragraphs are joined with a blank line.
//!
//! Every removed line is listed, cleaned, in input order, so a user can see what went.
//!
//! Credit lines ("With reporting by ...", "(Editing by ...)") are dropped by default:
//! they are newsroom metadata, not story, and as sentences they would feed agency names
//! into entity counts and summaries. [`Options::keep_credits`] keeps them.

use herald_model::{Body, RawArticle};
use herald_text::{normalize, repair_entities};

use crate::boilerplate::{classify_with_words, lower_words, push_lower_words, Boilerplate};
use crate::html::{extract_html, Page};
use crate::title::find_title;

/// Knobs of the clean-up; `Default` is what `herald digest` uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Drop lines recognised as boilerplate (ads, navigation, teasers, promotion, ids).
    pub drop_boilerplate: bool,
    /// Keep only the first copy of a line that occurs more than once.
    pub drop_repeats: bool,
    /// Keep newsroom credit lines and bylines ("With reporting by ...").
    pub keep_credits: bool,
    /// Keep the first body copy of the title (then `title` and `text` both hold it).
    pub keep_title_copy: bool,
    /// Drop the run of short, unpunctuated fragments at the end of the text.
    pub drop_trailing_fragments: bool,
    /// A trailing fragment has at most this many words.
    pub fragment_max_words: usize,
    /// How far back a repeat is looked for, in lines: `None` takes the input's default
    /// (plain text: the whole text; HTML: [`HTML_REPEAT_WINDOW`] lines, since the page's
    /// story container was chosen already and lines repeated far apart there are
    /// structure, as in recipes, interviews and spec lists). The title always counts.
    pub repeat_window: Option<usize>,
}

/// Lines back a repeat is looked for in text extracted from HTML: a caption printed
/// twice, a headline echoed under itself.
pub const HTML_REPEAT_WINDOW: usize = 3;

impl Default for Options {
    fn default() -> Self {
        Options {
            drop_boilerplate: true,
            drop_repeats: true,
            keep_credits: false,
            keep_title_copy: false,
            drop_trailing_fragments: true,
            fragment_max_words: 5,
            repeat_window: None,
        }
    }
}

/// A cleaned article body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The title, cleaned: the one given, or the one found by the plain-text title rule.
    pub title: Option<String>,
    /// Story paragraphs separated by a blank line (`"\n\n"`).
    pub text: String,
    /// Lines removed (boilerplate and repeated copies), cleaned, in input order.
    pub removed: Vec<String>,
}

/// Cleans an article body whose title, if any, is not known.
///
/// No title detection happens here (see [`clean_txt`] for the plain-text file rule);
/// `title` of the result is `None`.
pub fn clean_text(raw: &str, opts: &Options) -> Cleaned {
    clean_article(None, raw, opts)
}

/// Cleans an article body; copies of `title` inside the body are removed as repeats.
pub fn clean_article(title: Option<&str>, body: &str, opts: &Options) -> Cleaned {
    let title = title.map(clean_line).filter(|t| !t.is_empty());
    let body = body_text(body);
    clean_lines(title, body.split('\n').collect(), opts)
}

/// Cleans a whole plain-text article: its first line becomes the title when the title
/// rule says so (see [`crate::split_title`]); boilerplate before the title is listed in
/// `removed`.
pub fn clean_txt(raw: &str, opts: &Options) -> Cleaned {
    match find_title(raw) {
        Some((title, body_start)) => {
            let head = raw.get(..body_start).unwrap_or("");
            let body = raw.get(body_start..).unwrap_or("");
            // Lines before the title are all boilerplate or blank (that is how the title
            // was found); run them through the same judge so they are listed.
            let head = body_text(head);
            let body = body_text(body);
            let mut lines: Vec<&str> = head.split('\n').collect();
            // The title line itself is the last non-blank head line: take it out.
            if let Some(pos) = lines.iter().rposition(|l| !l.is_empty()) {
                lines.remove(pos);
            }
            lines.extend(body.split('\n'));
            clean_lines(Some(title), lines, opts)
        }
        None => clean_text(raw, opts),
    }
}

/// Cleans the text of an extracted HTML page, with the page title as the known title.
pub fn clean_page(page: &Page, opts: &Options) -> Cleaned {
    let opts = Options {
        repeat_window: opts.repeat_window.or(Some(HTML_REPEAT_WINDOW)),
        ..opts.clone()
    };
    clean_article(page.title.as_deref(), &page.text, &opts)
}

/// Cleans a raw article as a reader produced it.
///
/// Plain text with a title uses it; plain text without one applies the plain-text title
/// rule ([`clean_txt`]). HTML is extracted first ([`extract_html`]) and the page comes
/// back too, for its metadata (published date, language, site name, canonical URL).
/// A title given by the input wins over the page's.
pub fn clean_raw(raw: &RawArticle, opts: &Options) -> (Cleaned, Option<Page>) {
    match &raw.body {
        Body::Text(text) => match raw.title.as_deref() {
            Some(title) => (clean_article(Some(title), text, opts), None),
            None => (clean_txt(text, opts), None),
        },
        Body::Html(html) => {
            let page = extract_html(html);
            let title = raw.title.as_deref().or(page.title.as_deref());
            let opts = Options {
                repeat_window: opts.repeat_window.or(Some(HTML_REPEAT_WINDOW)),
                ..opts.clone()
            };
            (clean_article(title, &page.text, &opts), Some(page))
        }
    }
}

/// One line, cleaned: entities repaired, Unicode normalised, whitespace collapsed.
pub(crate) fn clean_line(line: &str) -> String {
    collapse_whitespace(&normalize(&repair_entities(line)))
}

/// The body's lines, cleaned, joined by `'\n'` (blank lines are empty): one buffer the
/// lines borrow from, instead of a `String` per line.
fn body_text(body: &str) -> String {
    let normalized = normalize(&repair_entities(body));
    let mut out = String::with_capacity(normalized.len());
    for (i, line) in normalized.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        push_collapsed(&mut out, line);
    }
    out
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s);
    out
}

/// Appends `s`'s words joined by one space (no `'\n'` is appended: words hold none).
fn push_collapsed(out: &mut String, s: &str) {
    let start = out.len();
    for word in s.split_whitespace() {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// What happens to one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Keep,
    Drop,
}

fn clean_lines(title: Option<String>, lines: Vec<&str>, opts: &Options) -> Cleaned {
    let title_key = title
        .as_ref()
        .filter(|_| !opts.keep_title_copy)
        .map(|t| repeat_key(t));
    let lines: Vec<&str> = lines.into_iter().filter(|l| !l.is_empty()).collect();
    // Every line's key, written into one buffer (a `String` per line cost more).
    let mut key_buf = String::new();
    let mut key_ends = Vec::with_capacity(lines.len());
    for line in &lines {
        push_lower_words(&mut key_buf, line);
        key_ends.push(key_buf.len());
    }
    let keys = key_ends.iter().scan(0, |start, &end| {
        let key = &key_buf[*start..end];
        *start = end;
        Some(key)
    });
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    if let Some(t) = &title_key {
        seen.insert(t);
    }
    // With a window: the keys of the last lines kept, newest last.
    let mut recent: std::collections::VecDeque<&str> = std::collections::VecDeque::new();
    let mut walled = false;
    let mut fates: Vec<Fate> = lines
        .iter()
        .zip(keys)
        .map(|(line, key)| {
            if opts.drop_boilerplate {
                match classify_with_words(line, Some(key)) {
                    Some(Boilerplate::Credit) if opts.keep_credits => {}
                    Some(kind) => {
                        walled |= kind == Boilerplate::Wall;
                        return Fate::Drop;
                    }
                    None => {}
                }
            }
            if opts.drop_repeats {
                if let Some(window) = opts.repeat_window {
                    if !key.is_empty()
                        && (title_key.as_deref() == Some(key) || recent.contains(&key))
                    {
                        return Fate::Drop;
                    }
                    recent.push_back(key);
                    if recent.len() > window {
                        recent.pop_front();
                    }
                } else if !key.is_empty() && !seen.insert(key) {
                    return Fate::Drop;
                }
            }
            Fate::Keep
        })
        .collect();
    if opts.drop_trailing_fragments {
        drop_trailing_fragments(&lines, &mut fates, opts.fragment_max_words);
    }
    if walled {
        drop_wall_remnants(&lines, &mut fates);
    }
    let mut text = String::new();
    let mut removed = Vec::new();
    for (line, fate) in lines.into_iter().zip(fates) {
        match fate {
            Fate::Keep => {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(line);
            }
            Fate::Drop => removed.push(line.to_string()),
        }
    }
    Cleaned {
        title,
        text,
        removed,
    }
}

/// Beside an access wall, fewer words than this kept in all are the wall's own heading,
/// buttons and thanks ("One more step", "Close"), not a story: a paywalled story shows
/// at least its lead paragraph.
const WALL_REMNANT_WORDS: usize = 20;

/// On a page that shows an access wall, the lines kept are the wall's own when they are
/// too few words to be a story's lead: the page holds no story, only the notice.
fn drop_wall_remnants(lines: &[&str], fates: &mut [Fate]) {
    let kept: usize = lines
        .iter()
        .zip(fates.iter())
        .filter(|(_, f)| **f == Fate::Keep)
        .map(|(l, _)| l.split_whitespace().count())
        .sum();
    if kept < WALL_REMNANT_WORDS {
        fates.fill(Fate::Drop);
    }
}

/// Two lines are the same line when their lower-cased words are.
fn repeat_key(line: &str) -> String {
    lower_words(line)
}

/// Drops the short, unpunctuated lines after the last line that reads like a sentence.
fn drop_trailing_fragments(lines: &[&str], fates: &mut [Fate], max_words: usize) {
    let is_fragment = |line: &str| {
        line.split_whitespace().count() <= max_words
            && !line.ends_with(['.', '!', '?', '"', '\'', '”', '’', ')'])
    };
    let has_story = lines
        .iter()
        .zip(fates.iter())
        .any(|(l, f)| *f == Fate::Keep && !is_fragment(l));
    if !has_story {
        return;
    }
    for (line, fate) in lines.iter().zip(fates.iter_mut()).rev() {
        if *fate == Fate::Drop {
            continue;
        }
        if !is_fragment(line) {
            break;
        }
        *fate = Fate::Drop;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let c = clean_text(
            "First line.\nSecond line.\n\n\nThird  line.",
            &Options::default(),
        );
        assert_eq!(c.text, "First line.\n\nSecond line.\n\nThird line.");
        assert!(c.removed.is_empty());
        assert_eq!(c.title, None);
    }

    #[test]
    fn boilerplate_lines_are_removed_and_listed() {
        let raw = "[ad_1]\nThe council met on Friday.\nRead more: Something else entirely\nIt \
                   ended late.\n[ad_2]\nSource link";
        let c = clean_text(raw, &Options::default());
        assert_eq!(c.text, "The council met on Friday.\n\nIt ended late.");
        assert_eq!(
            c.removed,
            [
                "[ad_1]",
                "Read more: Something else entirely",
                "[ad_2]",
                "Source link"
            ]
        );
    }

    #[test]
    fn repeated_lines_are_kept_once() {
        let raw = "A caption of the scene\nA caption of the scene\nStory goes on here.";
        let c = clean_text(raw, &Options::default());
        assert_eq!(c.text, "A caption of the scene\n\nStory goes on here.");
        assert_eq!(c.removed, ["A caption of the scene"]);
    }

    #[test]
    fn html_text_keeps_repeats_that_are_far_apart() {
        let step = "Eat every two to three hours.";
        let body = format!(
            "Plan A\n\n{step}\n\nBreakfast of eggs.\n\nLunch of fish.\n\nDinner of beans.\n\nPlan B\n\n{step}\n\n{step}"
        );
        let page = Page {
            title: Some("Meal plans".into()),
            text: body.clone(),
            ..Page::default()
        };
        let c = clean_page(&page, &Options::default());
        // Far apart: kept; right after itself: dropped.
        assert_eq!(c.text.matches(step).count(), 2, "{}", c.text);
        assert_eq!(c.removed, [step]);
        // Plain text keeps only the first copy.
        let c = clean_text(&body, &Options::default());
        assert_eq!(c.text.matches(step).count(), 1);
    }

    #[test]
    fn the_title_counts_as_the_one_copy() {
        let raw = "Floods hit the valley\n\nFloods hit the valley\n\nWater rose overnight.";
        let c = clean_txt(raw, &Options::default());
        assert_eq!(c.title.as_deref(), Some("Floods hit the valley"));
        assert_eq!(c.text, "Water rose overnight.");
        assert_eq!(c.removed, ["Floods hit the valley"]);

        let keep = Options {
            keep_title_copy: true,
            ..Options::default()
        };
        let c = clean_txt(raw, &keep);
        assert_eq!(c.text, "Floods hit the valley\n\nWater rose overnight.");
    }

    #[test]
    fn known_title_removes_body_copy() {
        let c = clean_article(
            Some("Floods &amp; storms"),
            "Floods & storms\nWater rose.",
            &Options::default(),
        );
        assert_eq!(c.title.as_deref(), Some("Floods & storms"));
        assert_eq!(c.text, "Water rose.");
    }

    #[test]
    fn leading_boilerplate_before_the_title_is_listed() {
        let raw = "Skip to content\n\nFloods hit the valley\n\nWater rose overnight.";
        let c = clean_txt(raw, &Options::default());
        assert_eq!(c.title.as_deref(), Some("Floods hit the valley"));
        assert_eq!(c.text, "Water rose overnight.");
        assert_eq!(c.removed, ["Skip to content"]);
    }

    #[test]
    fn trailing_fragments_go_but_subheadings_stay() {
        let raw = "Water rose overnight.\nRescue efforts\nBoats reached the town.\nWeather \
                   desk\nMore coverage";
        let c = clean_text(raw, &Options::default());
        assert_eq!(
            c.text,
            "Water rose overnight.\n\nRescue efforts\n\nBoats reached the town."
        );
        assert_eq!(c.removed, ["Weather desk", "More coverage"]);
    }

    #[test]
    fn entities_and_unicode_are_repaired() {
        let c = clean_text(
            "& # 39; We stay & # 39;\r\nit\u{00A0}is.",
            &Options::default(),
        );
        assert_eq!(c.text, "'We stay'\n\nit is.");
    }

    #[test]
    fn credits_are_optional() {
        let raw = "Water rose overnight.\nWith reporting by two agencies";
        assert_eq!(
            clean_text(raw, &Options::default()).text,
            "Water rose overnight."
        );
        let keep = Options {
            keep_credits: true,
            drop_trailing_fragments: false,
            ..Options::default()
        };
        assert_eq!(
            clean_text(raw, &keep).text,
            "Water rose overnight.\n\nWith reporting by two agencies"
        );
    }

    #[test]
    fn everything_off_keeps_every_line() {
        let opts = Options {
            drop_boilerplate: false,
            drop_repeats: false,
            drop_trailing_fragments: false,
            ..Options::default()
        };
        let c = clean_text("[ad_1]\nx y\nx y", &opts);
        assert_eq!(c.text, "[ad_1]\n\nx y\n\nx y");
    }

    #[test]
    fn empty_input() {
        assert_eq!(clean_text("", &Options::default()), Cleaned::default());
        assert_eq!(
            clean_txt("\n\n  \n", &Options::default()),
            Cleaned::default()
        );
    }

    #[test]
    fn raw_articles_dispatch_on_body() {
        let raw = RawArticle {
            id: "a".into(),
            url: None,
            title: None,
            body: Body::Html(
                "<html lang=en><head><title>Floods</title></head><body><article><p>Water \
                 rose overnight in the valley and people left.</p></article></body></html>"
                    .into(),
            ),
            published: None,
            source: None,
            origin: "test".into(),
        };
        let (cleaned, page) = clean_raw(&raw, &Options::default());
        assert_eq!(cleaned.title.as_deref(), Some("Floods"));
        assert_eq!(
            cleaned.text,
            "Water rose overnight in the valley and people left."
        );
        assert_eq!(page.and_then(|p| p.language).as_deref(), Some("en"));
    }
}
