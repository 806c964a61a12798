//! HTML page to main text: a first, simple but real content extractor.
//!
//! The page is parsed with `scraper` (html5ever, so any tag soup parses) and walked once,
//! iteratively (no recursion: a page nested a hundred thousand levels deep cannot blow the
//! stack), skipping subtrees that never hold the story: `script`, `style`, `nav`,
//! `header`, `footer`, `aside`, `noscript`, `figure`, ..., hidden elements and ARIA
//! navigation roles. Forms and elements whose class or id names a widget (`share`,
//! `related`, `comments`, `newsletter`, `advert`, ...) go too, unless they hold half of the page's
//! paragraph text or more (class names lie; a blog engine calls its post list a widget).
//!
//! The story container is then chosen:
//!
//! - the `<article>` with the most paragraph text, when it holds at least 30% of the
//!   page's paragraph text (pages also use `<article>` for teaser cards);
//! - otherwise the element with the best paragraph score: each `<p>` adds its length to
//!   its parent and half of it to its grandparent (paragraphs wrapped one by one in
//!   `<div>`s still add up in their common ancestor).
//!
//! Inside the container the text of the innermost blocks (`p`, `h1`-`h6`, `li`,
//! `blockquote`, `pre`, `dd`, `dt`) is gathered in document order, one paragraph per
//! block and per `<br>` line; blocks that are mostly link text (menus, "read more" lists)
//! are skipped. A page without such blocks falls back to the container's whole text with
//! a line break at every block-level element.
//!
//! Input is cut at [`MAX_HTML_BYTES`] so the work is bounded. The text is not cleaned of
//! boilerplate lines here: pass the page to [`crate::clean_page`].

use std::sync::LazyLock;

use ego_tree::NodeRef;
use regex::Regex;
use scraper::{Html, Node};

use crate::metadata;

/// Longest HTML input read; the rest is ignored (html5ever closes what was left open).
pub const MAX_HTML_BYTES: usize = 4 << 20;

/// What [`extract_html`] finds in a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// `og:title`, `twitter:title`, JSON-LD `headline`, `<title>` (site suffix removed)
    /// or the first `<h1>`.
    pub title: Option<String>,
    /// The main text: paragraphs separated by a blank line, not yet cleaned of
    /// boilerplate lines.
    pub text: String,
    /// Publication date or date-time as the page gives it (meta, JSON-LD, `<time>`).
    pub published: Option<String>,
    /// Primary language subtag, lower-cased (`en` for `<html lang="en-GB">`).
    pub language: Option<String>,
    /// `og:site_name`, `application-name` or the JSON-LD publisher.
    pub site_name: Option<String>,
    /// `<link rel="canonical">` or `og:url`.
    pub canonical_url: Option<String>,
    /// `author` meta or the JSON-LD author.
    pub author: Option<String>,
}

/// Extracts the main text and metadata of an HTML page. Never panics; bounded work.
pub fn extract_html(html: &str) -> Page {
    let html = truncate(html, MAX_HTML_BYTES);
    if nesting_estimate(html) > MAX_NESTING {
        // html5ever's scope checks walk the stack of open elements: quadratic on
        // pathological nesting. Such input gets a plain tag stripper instead.
        return Page {
            text: stripped_text(html),
            ..Page::default()
        };
    }
    let doc = Html::parse_document(html);
    let meta = metadata::read(&doc);
    Page {
        title: meta.title,
        text: main_text(&doc),
        published: meta.published,
        language: meta.language,
        site_name: meta.site_name,
        canonical_url: meta.canonical_url,
        author: meta.author,
    }
}

/// Deepest element nesting handed to the HTML parser (real pages stay under a hundred).
pub const MAX_NESTING: usize = 2000;

/// Elements that never take children, so never nest.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// An upper estimate of how deep elements nest: open tags minus close tags, at most.
///
/// Unclosed `<p>` and `<li>` make it overcount, which only errs towards the safe path.
fn nesting_estimate(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(offset) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        i += offset + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b) if b.is_ascii_alphabetic() => {
                let name_len = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len() - i);
                let name = html.get(i..i + name_len).unwrap_or("").to_ascii_lowercase();
                let Some(close) = bytes[i..].iter().position(|&b| b == b'>') else {
                    break; // no tag can close any more
                };
                let self_closing = close > 0 && bytes[i + close - 1] == b'/';
                if !self_closing && !VOID_TAGS.contains(&name.as_str()) {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                i += close;
            }
            _ => {}
        }
    }
    deepest
}

/// Text of markup without a parser: tags removed, a line break at block tags, script and
/// style contents skipped, entities decoded.
fn stripped_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = 0;
    while let Some(offset) = lower.get(rest..).and_then(|r| r.find('<')) {
        let start = rest + offset;
        text.push_str(html.get(rest..start).unwrap_or(""));
        let Some(end) = lower
            .get(start..)
            .and_then(|r| r.find('>'))
            .map(|e| start + e + 1)
        else {
            rest = html.len();
            break;
        };
        let tag = lower.get(start + 1..end - 1).unwrap_or("");
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        rest = end;
        if !tag.starts_with('/') && (name == "script" || name == "style") {
            let closing = format!("</{name}");
            rest = lower
                .get(end..)
                .and_then(|r| r.find(&closing))
                .map_or(html.len(), |c| end + c);
        } else if LINE_BREAKING_TAGS.contains(&name.as_str()) {
            text.push('\n');
        } else {
            text.push(' ');
        }
    }
    text.push_str(html.get(rest..).unwrap_or(""));
    herald_text::repair_entities(&text)
        .split('\n')
        .map(collapse)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `s` cut to at most `max` bytes, on a character boundary.
pub(crate) fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// Elements whose whole subtree is never story text.
const SKIPPED_TAGS: &[&str] = &[
    "aside",
    "audio",
    "button",
    "canvas",
    "dialog",
    "embed",
    "figcaption",
    "figure",
    "footer",
    "head",
    "header",
    "iframe",
    "input",
    "label",
    "menu",
    "nav",
    "noscript",
    "object",
    "option",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "video",
];

/// ARIA roles of page furniture.
const SKIPPED_ROLES: &[&str] = &[
    "alert",
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "menu",
    "menubar",
    "navigation",
    "search",
];

/// Blocks whose text is gathered.
const BLOCK_TAGS: &[&str] = &[
    "blockquote",
    "dd",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "p",
    "pre",
];

/// Elements that break a line in the fallback rendering.
const LINE_BREAKING_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Class and id words of widgets around the story.
static WIDGET_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s_-])(?:comments?|share|sharing|social|related|recommend(?:ed|ations)?|promo|advert\w*|ads?|sponsor\w*|newsletter|subscribe|subscription|cookies?|consent|banner|breadcrumbs?|sidebar|footer|masthead|nav|navbar|menu|popup|modal|outbrain|taboola|tags|caption|widget|toolbar|paywall|hidden|sr-only|visually-hidden|screen-reader-text|most-popular|more-stories|read-more)(?:$|[\s_-])",
    )
    .expect("constant regex")
});

/// Containers never skipped for their class (some sites put `nav-open` on `<body>`).
const NEVER_SKIPPED: &[&str] = &["html", "body", "main", "article"];

/// One node of the walk, in document (pre-)order.
struct Item<'a> {
    node: NodeRef<'a, Node>,
    parent: Option<usize>,
    /// Index of the last node of this node's subtree.
    end: usize,
    in_link: bool,
}

fn main_text(doc: &Html) -> String {
    let items = walk(doc);
    if items.is_empty() {
        return String::new();
    }
    let root = story_root(&items);
    let blocks = gather_blocks(&items, root);
    let gathered: usize = blocks.iter().map(String::len).sum();
    let lines = if gathered >= 100 {
        blocks
    } else {
        let rendered = render(&items, root);
        if rendered.iter().map(String::len).sum::<usize>() > gathered {
            rendered
        } else {
            blocks
        }
    };
    lines.join("\n\n")
}

fn tag<'a>(node: &NodeRef<'a, Node>) -> Option<&'a str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

fn is_skipped(node: &NodeRef<'_, Node>) -> bool {
    let Node::Element(e) = node.value() else {
        return !matches!(
            node.value(),
            Node::Text(_) | Node::Document | Node::Fragment
        );
    };
    let name = e.name();
    if SKIPPED_TAGS.contains(&name) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(role) = e.attr("role") {
        if SKIPPED_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    if let Some(style) = e.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Pre-order walk of the document without skipped subtrees; iterative.
fn walk(doc: &Html) -> Vec<Item<'_>> {
    let mut items: Vec<Item<'_>> = Vec::new();
    let mut stack: Vec<(NodeRef<'_, Node>, Option<usize>, bool)> =
        vec![(doc.tree.root(), None, false)];
    while let Some((node, parent, in_link)) = stack.pop() {
        if is_skipped(&node) {
            continue;
        }
        let index = items.len();
        items.push(Item {
            node,
            parent,
            end: index,
            in_link,
        });
        let child_in_link = in_link || tag(&node) == Some("a");
        let children: Vec<_> = node.children().collect();
        for child in children.into_iter().rev() {
            stack.push((child, Some(index), child_in_link));
        }
    }
    set_subtree_ends(&mut items);
    prune_widgets(items)
}

/// Subtree ends: descendants come after their ancestors in pre-order.
fn set_subtree_ends(items: &mut [Item<'_>]) {
    for i in (0..items.len()).rev() {
        if let Some(p) = items[i].parent {
            let end = items[i].end;
            if items[p].end < end {
                items[p].end = end;
            }
        }
    }
}

/// Whether an element's class or id names a widget (`share`, `related`, `sidebar`, ...).
fn is_widget(node: &NodeRef<'_, Node>) -> bool {
    let Node::Element(e) = node.value() else {
        return false;
    };
    if NEVER_SKIPPED.contains(&e.name()) {
        return false;
    }
    if e.name() == "form" {
        // Search and comment forms; but ASP.NET pages wrap the whole page in one.
        return true;
    }
    let class = e.attr("class").unwrap_or("");
    let id = e.attr("id").unwrap_or("");
    (class.len() < 500 && WIDGET_CLASS.is_match(class))
        || (id.len() < 200 && WIDGET_CLASS.is_match(id))
}

/// Drops widget subtrees, unless one holds half of the page's paragraph text or more:
/// class names lie (a blog engine calls its main post list a `widget`), text does not.
fn prune_widgets(items: Vec<Item<'_>>) -> Vec<Item<'_>> {
    let n = items.len();
    let p_len = text_units(&items);
    let mut prefix = vec![0usize; n + 1];
    for i in 0..n {
        prefix[i + 1] = prefix[i] + p_len[i];
    }
    let total = prefix[n];
    let mut keep = vec![true; n];
    let mut i = 0;
    while i < n {
        let end = items[i].end;
        if is_widget(&items[i].node) && (prefix[end + 1] - prefix[i]) * 2 < total.max(1) {
            keep[i..=end].iter_mut().for_each(|k| *k = false);
            i = end + 1;
        } else {
            i += 1;
        }
    }
    // Re-index: whole subtrees went, so every kept item's parent was kept.
    let mut new_index = vec![usize::MAX; n];
    let mut out: Vec<Item<'_>> = Vec::with_capacity(n);
    for (old, item) in items.into_iter().enumerate() {
        if !keep[old] {
            continue;
        }
        let index = out.len();
        new_index[old] = index;
        out.push(Item {
            parent: item
                .parent
                .map(|p| new_index[p])
                .filter(|&p| p != usize::MAX),
            end: index,
            ..item
        });
    }
    set_subtree_ends(&mut out);
    out
}

/// Least paragraph text for a page to be judged by its `<p>`s.
const MIN_PARAGRAPH_TEXT: usize = 200;

/// The units of text that say where the story is: the length of each `<p>`, or, on
/// pages that hardly use `<p>` (`<div>` and `<br>` layouts), of each text node of at
/// least 20 characters outside links. 0 for every other item.
fn text_units(items: &[Item<'_>]) -> Vec<usize> {
    let paragraphs = paragraph_lengths(items);
    if paragraphs.iter().sum::<usize>() >= MIN_PARAGRAPH_TEXT {
        return paragraphs;
    }
    items
        .iter()
        .map(|item| match text_of(item) {
            Some(t) if !item.in_link => {
                let len = t.trim().chars().count();
                if len >= 20 {
                    len
                } else {
                    0
                }
            }
            _ => 0,
        })
        .collect()
}

/// Text length of each `<p>` (0 for other items).
fn paragraph_lengths(items: &[Item<'_>]) -> Vec<usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            if tag(&item.node) != Some("p") {
                return 0;
            }
            (i + 1..=item.end)
                .filter_map(|j| text_of(&items[j]))
                .map(|t| t.trim().chars().count())
                .sum()
        })
        .collect()
}

fn text_of<'a>(item: &Item<'a>) -> Option<&'a str> {
    match item.node.value() {
        Node::Text(t) => Some(&**t),
        _ => None,
    }
}

/// Picks the index of the element that holds the story.
fn story_root(items: &[Item<'_>]) -> usize {
    let n = items.len();
    // Text unit lengths, and prefix sums to total them over any subtree.
    let p_len = text_units(items);
    let mut prefix = vec![0usize; n + 1];
    for i in 0..n {
        prefix[i + 1] = prefix[i] + p_len[i];
    }
    let total = prefix[n];
    let body = items
        .iter()
        .position(|it| tag(&it.node) == Some("body"))
        .unwrap_or(0);
    if total == 0 {
        return body;
    }
    let in_subtree = |i: usize| prefix[items[i].end + 1] - prefix[i];
    let best_article = items
        .iter()
        .enumerate()
        .filter(|(_, it)| tag(&it.node) == Some("article"))
        .map(|(i, _)| (in_subtree(i), i))
        .max_by_key(|&(len, i)| (len, std::cmp::Reverse(i)));
    if let Some((len, i)) = best_article {
        if len > 0 && len * 10 >= total * 3 {
            return i;
        }
    }
    let mut score = vec![0.0f64; n];
    for (i, &len) in p_len.iter().enumerate() {
        if len == 0 {
            continue;
        }
        if let Some(parent) = items[i].parent {
            score[parent] += len as f64;
            if let Some(grand) = items[parent].parent {
                score[grand] += len as f64 / 2.0;
            }
        }
    }
    let mut best = body;
    let mut best_score = 0.0;
    for (i, &s) in score.iter().enumerate() {
        if s > best_score {
            best_score = s;
            best = i;
        }
    }
    best
}

/// Text of the innermost blocks under `root`, one string per block line.
fn gather_blocks(items: &[Item<'_>], root: usize) -> Vec<String> {
    let n = items.len();
    let is_block = |i: usize| tag(&items[i].node).is_some_and(|t| BLOCK_TAGS.contains(&t));
    let mut has_block_inside = vec![false; n];
    for i in (0..n).rev() {
        if let Some(p) = items[i].parent {
            if has_block_inside[i] || is_block(i) {
                has_block_inside[p] = true;
            }
        }
    }
    let mut out = Vec::new();
    let end = items[root].end;
    let mut i = root;
    while i <= end {
        if is_block(i) && !has_block_inside[i] {
            let block_end = items[i].end;
            let (text, linked) = block_text(items, i + 1, block_end);
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            let mostly_links = chars > 0 && linked * 10 >= chars * 7 && chars < 300;
            if !mostly_links {
                out.extend(
                    text.split('\n')
                        .map(collapse)
                        .filter(|line| !line.is_empty()),
                );
            }
            i = block_end + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// The text of items `from..=to` with `<br>` as a line break, and how many of its
/// non-space characters are link text.
fn block_text(items: &[Item<'_>], from: usize, to: usize) -> (String, usize) {
    let mut text = String::new();
    let mut linked = 0;
    for item in items.get(from..=to).unwrap_or(&[]) {
        if tag(&item.node) == Some("br") {
            text.push('\n');
        } else if let Some(t) = text_of(item) {
            if item.in_link {
                linked += t.chars().filter(|c| !c.is_whitespace()).count();
            }
            text.extend(t.chars().map(|c| if c.is_whitespace() { ' ' } else { c }));
        }
    }
    (text, linked)
}

/// Fallback: all text under `root`, a line break at every block-level element.
fn render(items: &[Item<'_>], root: usize) -> Vec<String> {
    let mut text = String::new();
    for item in items.get(root..=items[root].end).unwrap_or(&[]) {
        if tag(&item.node).is_some_and(|t| LINE_BREAKING_TAGS.contains(&t)) {
            text.push('\n');
        } else if let Some(t) = text_of(item) {
            text.extend(t.chars().map(|c| if c.is_whitespace() { ' ' } else { c }));
        }
    }
    text.split('\n')
        .map(collapse)
        .filter(|line| !line.is_empty())
        .collect()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The river rose two metres overnight and flooded the lower town.";
    const STORY2: &str = "Rescue teams reached the last stranded families by boat on Tuesday.";

    fn page(body: &str) -> String {
        format!("<!doctype html><html lang=\"en-GB\"><head><title>Floods | Daily Example</title></head><body>{body}</body></html>")
    }

    #[test]
    fn article_paragraphs_in_order() {
        let html = page(&format!(
            "<nav><a href=/>Home</a></nav><article><h1>Floods</h1><p>{STORY}</p>\
             <h2>Rescue</h2><p>{STORY2}</p></article><footer><p>Contact us at the office for more information today.</p></footer>"
        ));
        let p = extract_html(&html);
        assert_eq!(p.text, format!("Floods\n\n{STORY}\n\nRescue\n\n{STORY2}"));
        assert_eq!(p.language.as_deref(), Some("en"));
    }

    #[test]
    fn densest_container_without_article() {
        let html = page(&format!(
            "<div class=top><p>Short teaser one.</p></div>\
             <div id=main><div><p>{STORY}</p></div><div><p>{STORY2}</p></div><div><p>{STORY}</p></div></div>\
             <div class=promo-box><p>{STORY2}</p></div>"
        ));
        let p = extract_html(&html);
        assert_eq!(p.text, format!("{STORY}\n\n{STORY2}\n\n{STORY}"));
    }

    #[test]
    fn scripts_styles_widgets_and_hidden_are_skipped() {
        let html = page(&format!(
            "<article><script>var x = 1;</script><style>p{{}}</style><p>{STORY}</p>\
             <div class=\"social-share\"><p>Share this on every network you know.</p></div>\
             <p hidden>Hidden text</p><p style=\"display: none\">Also hidden</p>\
             <div aria-hidden=true><p>Not read</p></div>\
             <ul class=related-links><li><a href=/x>Other story</a></li></ul>\
             <p>{STORY2}<br>Second line of the paragraph.</p></article>"
        ));
        let p = extract_html(&html);
        assert_eq!(
            p.text,
            format!("{STORY}\n\n{STORY2}\n\nSecond line of the paragraph.")
        );
    }

    #[test]
    fn link_lists_are_skipped_but_prose_lists_kept() {
        let html = page(&format!(
            "<article><p>{STORY}</p><ul><li><a href=/a>Link one</a></li><li><a href=/b>Link two</a></li></ul>\
             <ul><li>Forty homes were lost in the flood.</li></ul><p>{STORY2}</p></article>"
        ));
        let p = extract_html(&html);
        assert_eq!(
            p.text,
            format!("{STORY}\n\nForty homes were lost in the flood.\n\n{STORY2}")
        );
    }

    #[test]
    fn nested_blocks_are_not_doubled() {
        let html = page(&format!(
            "<article><blockquote><p>{STORY}</p><p>{STORY2}</p></blockquote><li><p>{STORY}</p></li></article>"
        ));
        let p = extract_html(&html);
        assert_eq!(p.text, format!("{STORY}\n\n{STORY2}\n\n{STORY}"));
    }

    #[test]
    fn div_soup_falls_back_to_rendering() {
        let html = page(&format!(
            "<div>{STORY}<br>{STORY2}<br>Third line here.</div>"
        ));
        let p = extract_html(&html);
        assert_eq!(p.text, format!("{STORY}\n\n{STORY2}\n\nThird line here."));
    }

    #[test]
    fn broken_and_empty_input_never_panics() {
        for html in [
            "",
            "<",
            "<html><body><p>unclosed <b>bold <i>italic",
            "\u{0}\u{1}<p>\u{FFFD}</p>",
            "<article></article><article><p></p></article>",
            "<p>x</p></body></html></html><p>after</p>",
        ] {
            let _ = extract_html(html);
        }
        assert_eq!(extract_html("").text, "");
    }

    #[test]
    fn deep_nesting_is_handled_iteratively() {
        let depth = 20_000;
        let html = format!(
            "{}<p>{STORY}</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let p = extract_html(&html);
        assert!(p.text.contains("The river rose"), "{}", p.text.len());
    }

    #[test]
    fn pathological_nesting_uses_the_tag_stripper() {
        let html = format!(
            "<script>x<y</script><p>{STORY}</p>{}<b>deep &amp; bold</b>",
            "<div>".repeat(MAX_NESTING + 10)
        );
        assert!(nesting_estimate(&html) > MAX_NESTING);
        let p = extract_html(&html);
        assert_eq!(p.text, format!("{STORY}\n\ndeep & bold"));
        assert_eq!(
            nesting_estimate("<p>a<br>b<img src=x/><br/></p><p>c</p>"),
            1
        );
        assert_eq!(stripped_text("a < b"), "a");
    }

    #[test]
    fn huge_input_is_truncated() {
        let big = format!("<p>{}</p>", "word ".repeat(MAX_HTML_BYTES / 4));
        let p = extract_html(&big);
        assert!(p.text.len() <= MAX_HTML_BYTES);
        assert_eq!(truncate("aé", 2), "a");
    }
}
