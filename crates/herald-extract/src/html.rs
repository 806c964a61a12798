//! HTML page to main text.
//!
//! 1. **Strip** ([`strip_raw_text`]): the contents of `<script>` (JSON-LD kept), `<style>`
//!    and `<svg>`, comments, and every attribute nothing here reads go before parsing.
//!    On news pages that is three quarters of the bytes; the tree is the same. The
//!    contents of furniture the walk skips whole (`nav`, `aside`, `noscript`, `select`,
//!    `button`, ...: [`EMPTIED_TAGS`]) go too, unless they could hold metadata (a written
//!    date, `<time>`, `<meta>`, JSON-LD, `<h1>`): a quarter of the elements of a page.
//! 2. **Parse** into a `scraper` tree built by html5ever's tree builder (so any tag soup
//!    parses as in a browser), fed by our own tokenizer ([`crate::parse`]: slices, not
//!    characters; html5ever's tokenizer when the markup holds something it does not
//!    reproduce exactly), and **walk** once,
//!    iteratively (no recursion: a page nested a hundred thousand levels deep cannot blow
//!    the stack), skipping subtrees that never hold the story: `script`, `style`, `nav`,
//!    `header`, `footer`, `aside`, `noscript`, `figure`, ..., hidden elements and ARIA
//!    navigation roles. Forms and elements whose class or id names a widget (`share`,
//!    `related`, `comments`, `newsletter`, `advert`, ...) go too, unless they hold half of
//!    the page's story text (class names lie; a blog engine calls its post list a
//!    widget). Furniture classes (`byline`, `date`, `meta`, `credit`, ... as the last
//!    part of a class name) go when the element holds little text and no paragraph.
//! 3. **Score blocks.** Every block-level element's own text (not in a nested block)
//!    outside links is a unit when it has 25 characters or more and more plain than link
//!    text: `<p>`, `<div>`-per-paragraph and `<br>` layouts count alike.
//! 4. **Choose the container**: the `<article>` holding the page's first `<h1>` when it
//!    has real text; else the `<article>` with the most text when that is 30% of the
//!    page's; else the element with the best score, where each unit adds its length to
//!    its block, its parent and half to its grandparent (list items count half: they are
//!    teasers more often than story), times one minus the element's link density.
//! 5. **Gather lines** in document order: a line ends at each block-level element and
//!    `<br>`; table rows of data read as one line; lines mostly of link text (menus) go.
//! 6. **Trim furniture**: the lines before the first prose line (headline, standfirst,
//!    byline, date) and the short lines after the last one (share bars, tags, author
//!    notes) go, but only when they are small next to the prose between (a story of
//!    short lines, such as a schedule or a list, stays whole).
//!
//! Parser cost: html5ever's tokenizer was ~4 M of the ~17 M instructions a page cost in
//! `herald extract` (it reads tag and attribute text one character at a time); the
//! tokenizer in [`crate::parse`] hands html5ever's tree builder the same tokens for
//! ~1 M, so the tree, and the output, are unchanged (whole-page tree parity is checked by
//! the ignored `parser_parity` test). What is left of the parse is the tree builder
//! (~1.6 M: atoms, attribute vectors, the scope checks of the tree-construction rules);
//! going below it means a flat arena of our own, with the implied-end-tag rules news pages
//! rely on and `metadata.rs` rewritten from CSS selectors to that arena.
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
    let stripped = strip_raw_text(truncate(html, 4 * MAX_HTML_BYTES));
    let html = truncate(&stripped, MAX_HTML_BYTES);
    if nesting_estimate(html) > MAX_NESTING {
        // html5ever's scope checks walk the stack of open elements: quadratic on
        // pathological nesting. Such input gets a plain tag stripper instead.
        return Page {
            text: stripped_text(html),
            ..Page::default()
        };
    }
    let doc = crate::parse::parse(html).unwrap_or_else(|| Html::parse_document(html));
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

/// The page without the contents of `<script>` (except JSON-LD, which holds metadata),
/// `<style>` and `<svg>` elements, without comments, and with start tags cut down to the
/// attributes that are read ([`compact_tag`]): none of the rest is ever text, and on news
/// pages it is three quarters of the bytes, which the HTML tokenizer would otherwise walk
/// one by one.
///
/// The tags themselves stay, so the parser builds the same tree. A `<script>` or
/// `<style>` that is never closed runs to the end of the input, as in a browser.
fn strip_raw_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let (mut copied, mut i) = (0usize, 0usize);
    while let Some(offset) = memchr_lt(bytes, i) {
        let start = i + offset;
        let after = &bytes[start + 1..];
        if after.starts_with(b"!--") {
            // A comment: dropped whole (an unclosed one runs to the end).
            let end = comment_end(html, start + 4);
            out.push_str(&html[copied..start]);
            copied = end;
            i = end;
            continue;
        }
        if !after.first().is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let raw_text = RAW_TEXT_TAGS
            .iter()
            .copied()
            .find(|name| tag_name_is(after, name));
        let Some(name) = raw_text else {
            let emptied = EMPTIED_TAGS
                .iter()
                .copied()
                .find(|name| tag_name_is(after, name));
            // Any other start tag loses the attributes nothing here reads.
            let open_start = out.len();
            out.push_str(&html[copied..start]);
            let Some(end) = compact_tag(html, start, &mut out) else {
                out.truncate(open_start);
                i = start + 1;
                continue;
            };
            copied = end;
            i = end;
            if let Some(name) = emptied {
                // Furniture that the walk skips whole: its contents never reach the
                // parser. Only when its own end tag is found; self-closing stays.
                if !html[..end].ends_with("/>") {
                    if let Some(close) = matching_close_tag(html, end, name) {
                        if !may_hold_metadata(&html[end..close]) {
                            copied = close;
                            i = close;
                        }
                    }
                }
            }
            continue;
        };
        let Some(open_end) = memchr_gt(bytes, start).map(|e| start + e + 1) else {
            break;
        };
        let close = find_close_tag(html, open_end, name);
        let open_tag = &html[start..open_end];
        let keep = name == "script" && open_tag.to_ascii_lowercase().contains("ld+json");
        if !keep {
            out.push_str(&html[copied..open_end]);
            copied = close;
        }
        i = close.max(start + 1);
    }
    out.push_str(&html[copied..]);
    out
}

/// Elements whose contents are raw text to the parser: dropped up to their end tag.
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "svg"];

/// Elements the walk skips whole ([`SKIPPED_TAGS`]) and that hold no metadata the reader
/// looks for: their contents go before parsing (the tags stay, so the tree keeps its
/// shape), which on news pages takes a quarter of the elements off the parser's hands.
const EMPTIED_TAGS: &[&str] = &[
    "nav", "aside", "noscript", "select", "button", "template", "iframe", "textarea", "menu",
];

/// Whether markup could hold something the metadata reader looks for anywhere in the
/// page (a year and a month name, as in every written date, `<time>`, `<meta>`, JSON-LD, an
/// `<h1>`, a canonical link): such an element keeps its contents.
fn may_hold_metadata(markup: &str) -> bool {
    static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)<(?:time|meta|link|h1)(?-u:\b)|datetime|datepublished|pubdate|ld\+json")
            .expect("constant regex")
    });
    static MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
            .expect("constant regex")
    });
    // A year in the text (not in tags: link targets are full of them) and a month name.
    let (mut in_tag, mut run, mut year) = (false, 0usize, [0u8; 4]);
    for &b in markup.as_bytes() {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            _ => {}
        }
        if in_tag || !b.is_ascii_digit() {
            run = 0;
            continue;
        }
        year[run % 4] = b;
        run += 1;
        if run >= 4 {
            let first = [year[(run - 4) % 4], year[(run - 3) % 4]];
            if first == *b"19" || first == *b"20" {
                // Written dates name the month in English (see `metadata::written_date`).
                if MONTH.is_match(markup) {
                    return true;
                }
                break;
            }
        }
    }
    MARKUP.is_match(markup)
}

/// Position of the next `<` at or after `from`.
fn memchr_lt(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'<', bytes.get(from..)?)
}

/// Position of the next `>` at or after `from`, relative to `from`.
fn memchr_gt(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'>', bytes.get(from..)?)
}

/// Whether `after` (the bytes after a `<` or `</`) starts with tag `name`, any case, then a
/// delimiter.
fn tag_name_is(after: &[u8], name: &str) -> bool {
    starts_with_ignore_case(after, name.as_bytes())
        && matches!(
            after.get(name.len()),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/')
        )
}

/// Where the `</name` that closes an element whose contents start at `from` begins,
/// counting nested `<name` elements and skipping comments and raw-text elements; `None`
/// when it is not closed (the parser then decides where it ends).
fn matching_close_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut depth = 1usize;
    let mut i = from;
    while let Some(offset) = memchr_lt(bytes, i) {
        let at = i + offset;
        let after = &bytes[at + 1..];
        if after.starts_with(b"!--") {
            i = comment_end(html, at + 4);
            continue;
        }
        if let Some(closing) = after.strip_prefix(b"/") {
            if tag_name_is(closing, name) {
                depth -= 1;
                if depth == 0 {
                    return Some(at);
                }
            }
        } else if tag_name_is(after, name) {
            depth += 1;
        } else if let Some(raw) = RAW_TEXT_TAGS.iter().find(|n| tag_name_is(after, n)) {
            i = find_close_tag(html, at + 1, raw).max(at + 1);
            continue;
        }
        i = at + 1;
    }
    None
}

/// Attributes the extractor or the metadata reader look at; the others (`src`, `srcset`,
/// `data-*`, `onclick`, link targets, ...) are a third of a news page's bytes.
const KEPT_ATTRIBUTES: &[&str] = &[
    "aria-hidden",
    "charset",
    "class",
    "content",
    "datetime",
    "hidden",
    "http-equiv",
    "id",
    "itemprop",
    "lang",
    "name",
    "property",
    "pubdate",
    "rel",
    "role",
    "style",
    "type",
];

/// The start tag at `start` rewritten with only [`KEPT_ATTRIBUTES`] (and `href` on
/// `<link>`), appended to `out`, and where it ends; `None` when it does not end (left to
/// the parser; `out` then holds a partial tag the caller cuts off).
fn compact_tag(html: &str, start: usize, out: &mut String) -> Option<usize> {
    let bytes = html.as_bytes();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let mut j = start + 1;
    while j < bytes.len() && !is_space(bytes[j]) && bytes[j] != b'>' && bytes[j] != b'/' {
        j += 1;
    }
    let name = html.get(start + 1..j)?;
    let is_link = name.eq_ignore_ascii_case("link");
    out.push('<');
    out.push_str(name);
    loop {
        while j < bytes.len() && (is_space(bytes[j]) || bytes[j] == b'/') {
            j += 1;
        }
        match bytes.get(j) {
            None => return None,
            Some(b'>') => {
                out.push('>');
                return Some(j + 1);
            }
            _ => {}
        }
        let attr_start = j;
        while j < bytes.len()
            && !is_space(bytes[j])
            && !matches!(bytes[j], b'=' | b'>' | b'/')
            && (j == attr_start || bytes[j] != b'<')
        {
            j += 1;
        }
        let attr_name = html.get(attr_start..j)?;
        if attr_name.is_empty() {
            // A stray `=`: skip it.
            j += 1;
            continue;
        }
        let mut k = j;
        while k < bytes.len() && is_space(bytes[k]) {
            k += 1;
        }
        if bytes.get(k) == Some(&b'=') {
            k += 1;
            while k < bytes.len() && is_space(bytes[k]) {
                k += 1;
            }
            match bytes.get(k) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = memchr::memchr(q, bytes.get(k + 1..)?)?;
                    k += close + 2;
                }
                Some(_) => {
                    while k < bytes.len() && !is_space(bytes[k]) && bytes[k] != b'>' {
                        k += 1;
                    }
                }
                None => return None,
            }
            j = k;
        }
        let keep = KEPT_ATTRIBUTES
            .iter()
            .any(|a| a.eq_ignore_ascii_case(attr_name))
            || (is_link && attr_name.eq_ignore_ascii_case("href"));
        if keep {
            out.push(' ');
            out.push_str(html.get(attr_start..j)?);
        }
    }
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Where `</name` starts at or after `from` (any case), or the end of `html`.
fn find_close_tag(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(offset) = bytes.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        let at = i + offset;
        if bytes.get(at + 1) == Some(&b'/')
            && starts_with_ignore_case(&bytes[at + 2..], name.as_bytes())
        {
            return at;
        }
        i = at + 1;
    }
    html.len()
}

/// Just after the `-->` that closes a comment whose body starts at `from`, or the end.
fn comment_end(html: &str, from: usize) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(offset) = bytes.get(i..).and_then(|rest| memchr::memchr(b'>', rest)) {
        let at = i + offset;
        if at >= from + 2 && bytes[at - 1] == b'-' && bytes[at - 2] == b'-' {
            return at + 1;
        }
        i = at + 1;
    }
    html.len()
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
    while let Some(offset) = bytes.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        i += offset + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b) if b.is_ascii_alphabetic() => {
                let name_len = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len() - i);
                let name = &bytes[i..i + name_len];
                let Some(close) = memchr::memchr(b'>', &bytes[i..]) else {
                    break; // no tag can close any more
                };
                let self_closing = close > 0 && bytes[i + close - 1] == b'/';
                if !self_closing
                    && !VOID_TAGS
                        .iter()
                        .any(|v| v.as_bytes().eq_ignore_ascii_case(name))
                {
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

/// Block-level elements: each starts and ends a line of text.
const LINE_BREAKING_TAGS: &[&str] = &[
    "address",
    "article",
    "body",
    "center",
    "details",
    "fieldset",
    "form",
    "hgroup",
    "html",
    "summary",
    "tbody",
    "tfoot",
    "thead",
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
        r"(?i)(?:^|[\s_-])(?:comments?|share|sharing|social|related|recommend(?:ed|ations)?|promo|advert\w*|ads?|sponsor\w*|newsletter|subscribe|subscription|cookies?|consent|banner|breadcrumbs?|sidebar|footer|masthead|nav|navbar|menu|popup|modal|outbrain|taboola|tags|caption|widget|toolbar|paywall|hidden|sr-only|visually-hidden|screen-reader-text|most-popular|more-stories|read-more|share-tools|sharebar|signup|sign-up|pagination|pager|next-post|prev-post|previous-post|post-navigation|also-read|you-may-like|more-from|recirc|right-rail|left-rail)(?:$|[\s_-])",
    )
    .expect("constant regex")
});

/// Class and id words of the furniture next to the story (bylines, dates, credits, tool
/// bars), as the last part of a class name or before a generic suffix (`post-author`,
/// `author-name`, not `entry-author-jane`). They
/// also name story containers, so an element goes for them only when it holds little text
/// and no paragraph of prose.
static FURNITURE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s_-])(?:byline|bylines|author|authors|dateline|date|timestamp|published|updated|credits?|tools|print|topics|trending|bio|meta|disclaimer|skip|jump|rail|about|info|details|source)(?:[_-](?:name|names|info|box|wrap|wrapper|container|header|text|link|links|line|list|block|bar|data|details|area|section))?(?:$|\s)",
    )
    .expect("constant regex")
});

/// Longest block (own text outside links) a furniture element may hold, and most text.
const MAX_FURNITURE_BLOCK: usize = 150;
const MAX_FURNITURE_TEXT: usize = 400;

/// Containers never skipped for their class (some sites put `nav-open` on `<body>`).
const NEVER_SKIPPED: &[&str] = &["html", "body", "main", "article"];

/// One node of the walk, in document (pre-)order.
struct Item<'a> {
    node: NodeRef<'a, Node>,
    parent: Option<usize>,
    /// Index of the last node of this node's subtree.
    end: usize,
    in_link: bool,
    /// Non-space characters of a text node (0 for elements).
    chars: usize,
    /// A block-level element ([`LINE_BREAKING_TAGS`]).
    block: bool,
}

fn main_text(doc: &Html) -> String {
    let items = walk(doc);
    if items.is_empty() {
        return String::new();
    }
    let root = story_root(&items);
    trim_furniture(gather_lines(&items, root))
        .into_iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join("\n\n")
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
        let (chars, block) = match node.value() {
            Node::Text(t) => (t.chars().filter(|c| !c.is_whitespace()).count(), false),
            Node::Element(e) => (0, LINE_BREAKING_TAGS.contains(&e.name())),
            _ => (0, false),
        };
        items.push(Item {
            node,
            parent,
            end: index,
            in_link,
            chars,
            block,
        });
        let child_in_link = in_link || tag(&node) == Some("a");
        for child in node.children().rev() {
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

/// What an element's class or id says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A widget around the story (`share`, `related`, `sidebar`, ...).
    Widget,
    /// Furniture next to the story (`byline`, `date`, `credit`, ...).
    Furniture,
    Other,
}

fn class_of(node: &NodeRef<'_, Node>) -> Class {
    let Node::Element(e) = node.value() else {
        return Class::Other;
    };
    if NEVER_SKIPPED.contains(&e.name()) {
        return Class::Other;
    }
    if e.name() == "form" {
        // Search and comment forms; but ASP.NET pages wrap the whole page in one.
        return Class::Widget;
    }
    let class = e.attr("class").unwrap_or("");
    let id = e.attr("id").unwrap_or("");
    let matches = |re: &Regex| {
        (class.len() < 500 && re.is_match(class)) || (id.len() < 200 && re.is_match(id))
    };
    if matches(&WIDGET_CLASS) {
        Class::Widget
    } else if matches(&FURNITURE_CLASS) {
        Class::Furniture
    } else {
        Class::Other
    }
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
        let drop = match class_of(&items[i].node) {
            Class::Widget => (prefix[end + 1] - prefix[i]) * 2 < total.max(1),
            Class::Furniture => {
                prefix[end + 1] - prefix[i] < MAX_FURNITURE_TEXT
                    && p_len[i..=end].iter().all(|&u| u < MAX_FURNITURE_BLOCK)
            }
            Class::Other => false,
        };
        if drop {
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

/// Least own text (outside links) for a block to count as story text when choosing the
/// container: shorter blocks are bylines, buttons and labels.
const MIN_BLOCK_TEXT: usize = 25;

/// For each item, the nearest block-level element at or above it (the document root for
/// text outside any block).
fn nearest_blocks(items: &[Item<'_>]) -> Vec<usize> {
    let mut block = vec![0usize; items.len()];
    for (i, item) in items.iter().enumerate() {
        block[i] = match item.parent {
            Some(p) if !item.block => block[p],
            _ => i,
        };
    }
    block
}

/// The units of text that say where the story is: for each block-level element, the
/// length of the text that is its own (not inside a nested block), outside links, when
/// that is at least [`MIN_BLOCK_TEXT`] characters and more than its link text; 0 for every
/// other item. `<p>`, `<div>` and `<br>` layouts all count alike.
fn text_units(items: &[Item<'_>]) -> Vec<usize> {
    let block = nearest_blocks(items);
    let mut plain = vec![0usize; items.len()];
    let mut linked = vec![0usize; items.len()];
    for (i, item) in items.iter().enumerate() {
        if item.chars > 0 {
            if item.in_link {
                linked[block[i]] += item.chars;
            } else {
                plain[block[i]] += item.chars;
            }
        }
    }
    plain
        .iter()
        .zip(&linked)
        .map(|(&p, &l)| if p >= MIN_BLOCK_TEXT && p > l { p } else { 0 })
        .collect()
}

fn text_of<'a>(item: &Item<'a>) -> Option<&'a str> {
    match item.node.value() {
        Node::Text(t) => Some(&**t),
        _ => None,
    }
}

/// Least text units in the `<article>` that holds the first `<h1>` for it to be taken as
/// the story without looking further.
const MIN_ARTICLE_TEXT: usize = 400;

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
    // The <article> holding the page's first <h1> is the story when it has real text
    // (pages also use <article> for teaser cards, sometimes with whole teaser texts).
    let first_h1 = items.iter().position(|it| tag(&it.node) == Some("h1"));
    let titled_article = first_h1.and_then(|h| {
        let mut a = items[h].parent;
        while let Some(i) = a {
            if tag(&items[i].node) == Some("article") {
                return Some(i);
            }
            a = items[i].parent;
        }
        None
    });
    if let Some(i) = titled_article {
        if in_subtree(i) >= MIN_ARTICLE_TEXT && in_subtree(i) * 10 >= total {
            return i;
        }
    }
    if let Some((len, i)) = best_article {
        if len > 0 && len * 10 >= total * 3 {
            return i;
        }
    }
    // Each block scores for itself, its parent, and half for its grandparent: paragraphs
    // wrapped one by one in `<div>`s still add up in their common ancestor.
    let mut score = vec![0.0f64; n];
    for (i, &len) in p_len.iter().enumerate() {
        if len == 0 {
            continue;
        }
        // List items are teasers and menus more often than story paragraphs.
        let len = if tag(&items[i].node) == Some("li") {
            len / 2
        } else {
            len
        };
        score[i] += len as f64;
        if let Some(parent) = items[i].parent {
            score[parent] += len as f64;
            if let Some(grand) = items[parent].parent {
                score[grand] += len as f64 / 2.0;
            }
        }
    }
    // Containers of teasers and menus are mostly link text: readability's penalty.
    let (chars, linked) = char_prefixes(items);

    let mut best = body;
    let mut best_score = 0.0;
    for (i, &s) in score.iter().enumerate() {
        if s <= best_score {
            continue;
        }
        let end = items[i].end + 1;
        let all = chars[end] - chars[i];
        let link_density = (linked[end] - linked[i]) as f64 / all.max(1) as f64;
        let s = s * (1.0 - link_density);
        if s > best_score {
            best_score = s;
            best = i;
        }
    }
    best
}

/// Prefix sums over items of non-space text characters, and of those inside links.
fn char_prefixes(items: &[Item<'_>]) -> (Vec<usize>, Vec<usize>) {
    let mut chars = Vec::with_capacity(items.len() + 1);
    let mut linked = Vec::with_capacity(items.len() + 1);
    let (mut c, mut l) = (0usize, 0usize);
    chars.push(0);
    linked.push(0);
    for item in items {
        c += item.chars;
        if item.in_link {
            l += item.chars;
        }
        chars.push(c);
        linked.push(l);
    }
    (chars, linked)
}

/// What a line of gathered text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Heading,
    ListItem,
    Other,
}

/// A line of gathered text.
struct Line {
    text: String,
    kind: LineKind,
}

/// Table cells whose row is data (no block inside any cell, short): such a row reads as
/// one line, cells separated by a space, instead of one line per cell.
fn data_cells(items: &[Item<'_>], root: usize) -> Vec<bool> {
    let end = items[root].end;
    let mut inline_cell = vec![false; end + 1];
    let (chars, _) = char_prefixes(items);
    for (i, item) in items.iter().enumerate().take(end + 1).skip(root) {
        if tag(&item.node) != Some("tr") {
            continue;
        }
        let row_end = item.end;
        let row_chars = chars[row_end + 1] - chars[i];
        let blocks_inside = (i + 1..=row_end)
            .any(|j| items[j].block && !matches!(tag(&items[j].node), Some("td" | "th")));
        if row_chars < 300 && !blocks_inside {
            for j in i + 1..=row_end {
                if matches!(tag(&items[j].node), Some("td" | "th")) {
                    inline_cell[j] = true;
                }
            }
        }
    }
    inline_cell
}

/// The text under `root`, one line per block: a line ends at every block-level element's
/// start and end and at every `<br>`. Lines that are mostly link text (menus, "read
/// more" lists) are dropped.
fn gather_lines(items: &[Item<'_>], root: usize) -> Vec<Line> {
    let end = items[root].end;
    let inline_cell = data_cells(items, root);
    let mut breaks_before = vec![false; end + 2];
    for (i, item) in items.iter().enumerate().take(end + 1).skip(root) {
        if item.block && !inline_cell[i] {
            breaks_before[i] = true;
            breaks_before[item.end + 1] = true;
        }
    }
    let mut out = Vec::new();
    let mut line = String::new();
    let mut linked = 0usize;
    let mut kind = LineKind::Other;
    let mut flush = |line: &mut String, linked: &mut usize, kind: LineKind| {
        let text = collapse(line);
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        let mostly_links = chars > 0 && *linked * 10 >= chars * 7 && chars < 300;
        if !text.is_empty() && !mostly_links {
            out.push(Line { text, kind });
        }
        line.clear();
        *linked = 0;
    };
    // The innermost open block of each item, to know the kind of each line.
    let block = nearest_blocks(items);
    for (i, item) in items.iter().enumerate().take(end + 1).skip(root) {
        if breaks_before[i] || tag(&item.node) == Some("br") {
            flush(&mut line, &mut linked, kind);
        }
        if inline_cell[i] {
            line.push(' ');
        }
        if let Some(t) = text_of(item) {
            if line.trim().is_empty() {
                kind = match item
                    .parent
                    .map(|p| block[p])
                    .and_then(|b| tag(&items[b].node))
                {
                    Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => LineKind::Heading,
                    Some("li" | "dd" | "dt") => LineKind::ListItem,
                    _ => LineKind::Other,
                };
            }
            if item.in_link {
                linked += item.chars;
            }
            line.extend(t.chars().map(|c| if c.is_whitespace() { ' ' } else { c }));
        }
    }
    flush(&mut line, &mut linked, kind);
    out
}

/// Whether a line reads as story prose: long enough, with sentence punctuation.
fn is_prose(line: &str) -> bool {
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    let sentence = line.contains(['.', '!', '?', '。', '！', '？', '…', ':', ';']);
    // Scripts without spaces between words (CJK) are judged by characters.
    (words >= 12 || (words <= 3 && chars >= 40)) && sentence && chars >= 60
}

/// Drops the furniture around the story inside the container: the lines before its first
/// prose line (headline, standfirst, byline, date, photo credit) and the short lines after
/// its last (share bars, tags, "Advertisement", author notes).
fn trim_furniture(lines: Vec<Line>) -> Vec<Line> {
    let Some(first) = lines.iter().position(|l| is_prose(&l.text)) else {
        return lines;
    };
    let last = lines
        .iter()
        .rposition(|l| is_prose(&l.text))
        .unwrap_or(first);
    let mut keep_end = last + 1;
    // A list that goes on after the last paragraph is still the story (steps, points).
    while keep_end < lines.len()
        && lines[keep_end].kind == LineKind::ListItem
        && lines[keep_end].text.split_whitespace().count() >= 4
    {
        keep_end += 1;
    }
    // Only furniture is trimmed: a story of short lines (a list, a schedule, a poem)
    // keeps them all. Each end goes only when it is small next to what stays.
    let chars = |ls: &[Line]| ls.iter().map(|l| l.text.chars().count()).sum::<usize>();
    let kept = chars(&lines[first..keep_end]);
    let start = if chars(&lines[..first]) * 2 <= kept {
        first
    } else {
        0
    };
    let stop = if chars(&lines[keep_end..]) * 2 <= kept {
        keep_end
    } else {
        lines.len()
    };
    lines
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| i >= start && i < stop)
        .map(|(_, l)| l)
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

    /// A paragraph long enough to read as prose.
    const PROSE: &str = "The council said on Monday that the river rose two metres overnight, flooding the lower town and cutting the road to the coast.";
    const PROSE2: &str = "Rescue teams reached the last stranded families by boat on Tuesday, and the army opened two shelters in the school and the church hall.";

    #[test]
    fn furniture_around_the_story_is_trimmed() {
        let html = page(&format!(
            "<article><h1>Floods hit the town</h1><div>By Jane Doe</div><div>Nov. 19, 2019 5:50 PM</div>\
             <p>{PROSE}</p><h2>Rescue</h2><p>{PROSE2}</p><p>{PROSE}</p><div>Share</div><div>Advertisement</div></article>"
        ));
        let p = extract_html(&html);
        assert_eq!(p.text, format!("{PROSE}\n\nRescue\n\n{PROSE2}\n\n{PROSE}"));
    }

    #[test]
    fn a_story_of_short_lines_is_not_trimmed() {
        let items: String = (1..=12)
            .map(|i| format!("<li>Stage {i}: 10 March, Interlagos circuit</li>"))
            .collect();
        let html = page(&format!(
            "<article><h1>Calendar</h1><ul>{items}</ul><p>{PROSE}</p></article>"
        ));
        let p = extract_html(&html);
        assert!(
            p.text.starts_with("Calendar\n\nStage 1: 10 March"),
            "{}",
            p.text
        );
        assert!(p.text.ends_with(PROSE));
    }

    #[test]
    fn text_in_divs_and_data_tables_counts() {
        let html = page(&format!(
            "<div class=teasers><p>Short teaser number one here.</p></div>\
             <div class=body><div class=para>{PROSE}</div><div class=para>{PROSE2}<br>A second line.</div>\
             <table><tr><th>Team</th><th>Plays</th></tr><tr><td>Browns</td><td>63</td></tr></table><p>{PROSE}</p></div>"
        ));
        let p = extract_html(&html);
        assert_eq!(
            p.text,
            format!("{PROSE}\n\n{PROSE2}\n\nA second line.\n\nTeam Plays\n\nBrowns 63\n\n{PROSE}")
        );
    }

    #[test]
    fn the_article_holding_the_headline_beats_teaser_articles() {
        let teaser = |n: usize| {
            format!(
                "<article class=card><h3>Other story {n}</h3><p>{PROSE2} {PROSE2}</p></article>"
            )
        };
        let html = page(&format!(
            "<article><h1>Floods</h1><p>{PROSE} {PROSE}</p><p>{PROSE}</p></article>\
             <section>{}{}{}</section>",
            teaser(1),
            teaser(2),
            teaser(3)
        ));
        let p = extract_html(&html);
        assert!(p.text.starts_with(PROSE), "{}", p.text);
        assert!(!p.text.contains("Rescue teams"), "{}", p.text);
    }

    #[test]
    fn teaser_lists_lose_to_paragraphs() {
        let li: String = (0..6)
            .map(|i| format!("<li><a href=/{i}>Headline {i}</a> {PROSE2}</li>"))
            .collect();
        let html = page(&format!(
            "<div class=box><ul>{li}</ul></div><div class=main><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>"
        ));
        let p = extract_html(&html);
        assert!(
            p.text.starts_with(PROSE) && !p.text.contains("Rescue"),
            "{}",
            p.text
        );
    }

    #[test]
    fn bylines_go_by_class_but_story_containers_named_after_authors_stay() {
        let html = page(&format!(
            "<div class=\"post entry-author-jane\"><p>{PROSE}</p><span class=byline>Jane Doe, staff writer</span>\
             <div class=\"post-meta\">Filed under floods, rivers and the lower town</div><p>{PROSE2}</p></div>"
        ));
        let p = extract_html(&html);
        assert_eq!(p.text, format!("{PROSE}\n\n{PROSE2}"));
    }

    #[test]
    fn scripts_styles_and_comments_are_stripped_before_parsing() {
        let html = format!(
            "<html><head><script type=\"application/ld+json\">{{\"datePublished\":\"2020-01-02\"}}</script>\
             <STYLE>p {{ color: red }}</STYLE><script>if (a < b) {{ document.write('<p>fake</p>'); }}</script></head>\
             <body><!-- <p>commented out</p> --><p>{PROSE}</p><script>var x = '</div>';</script><p>{PROSE2}</p></body></html>"
        );
        let stripped = strip_raw_text(&html);
        assert!(
            !stripped.contains("fake")
                && !stripped.contains("color")
                && !stripped.contains("commented")
        );
        assert!(stripped.contains("datePublished"));
        let p = extract_html(&html);
        assert_eq!(p.text, format!("{PROSE}\n\n{PROSE2}"));
        assert_eq!(p.published.as_deref(), Some("2020-01-02"));
        // Unclosed script and comment run to the end; never a panic.
        assert_eq!(strip_raw_text("<p>a</p><script>x"), "<p>a</p><script>");
        assert_eq!(strip_raw_text("<p>a</p><!-- x"), "<p>a</p>");
        assert_eq!(
            strip_raw_text("<scripts>kept</scripts>"),
            "<scripts>kept</scripts>"
        );
    }

    #[test]
    fn skipped_furniture_is_emptied_before_parsing_unless_it_holds_metadata() {
        let stripped =
            strip_raw_text("<nav class=x><a href=/a>Home</a><nav>In</nav>Out</nav><p>Story</p>");
        assert_eq!(stripped, "<nav class=x></nav><p>Story</p>");
        // A written date or a <time> stays for the metadata reader.
        let dated = "<aside><h4>Posted, August 9th, 2012</h4></aside>";
        assert_eq!(strip_raw_text(dated), dated);
        let timed = "<nav><time datetime=\"2012-08-09\">x</time></nav>";
        assert_eq!(strip_raw_text(timed), timed);
        // A year alone (archive links) does not keep it; an unclosed one is left whole.
        assert_eq!(strip_raw_text("<nav>2012 archive</nav>"), "<nav></nav>");
        assert_eq!(strip_raw_text("<nav><p>a"), "<nav><p>a");
        // A comment or script holding the end tag does not end it early.
        assert_eq!(
            strip_raw_text("<nav><!-- </nav> --><script>\"</nav>\"</script>x</nav>y"),
            "<nav></nav>y"
        );
    }

    #[test]
    fn huge_input_is_truncated() {
        let big = format!("<p>{}</p>", "word ".repeat(MAX_HTML_BYTES / 4));
        let p = extract_html(&big);
        assert!(p.text.len() <= MAX_HTML_BYTES);
        assert_eq!(truncate("aé", 2), "a");
    }
}
/// `parse.rs` against html5ever's own tokenizer on whole pages:
/// `HERALD_PARITY_DIRS=dir:dir cargo test --release -p herald-extract parser_parity -- --ignored`
/// (folders of `.html` pages). Every page the fast tokenizer takes must give the same tree.
#[cfg(test)]
mod parser_parity {
    #[test]
    #[ignore = "needs HERALD_PARITY_DIRS"]
    fn fast_tokenizer_builds_html5evers_tree() {
        let dirs = std::env::var("HERALD_PARITY_DIRS").unwrap_or_default();
        let (mut pages, mut fast, mut differing) = (0, 0, 0);
        for dir in dirs.split(':').filter(|d| !d.is_empty()) {
            for entry in std::fs::read_dir(dir).expect("a folder of pages") {
                let path = entry.expect("a folder entry").path();
                let bytes = std::fs::read(&path).expect("a readable page");
                let raw = String::from_utf8_lossy(&bytes);
                let stripped =
                    super::strip_raw_text(super::truncate(&raw, 4 * super::MAX_HTML_BYTES));
                let html = super::truncate(&stripped, super::MAX_HTML_BYTES);
                pages += 1;
                if let Some(doc) = crate::parse::parse(html) {
                    fast += 1;
                    let slow = scraper::Html::parse_document(html);
                    if doc.html() != slow.html() || doc.quirks_mode != slow.quirks_mode {
                        differing += 1;
                        eprintln!("differs: {}", path.display());
                    }
                }
            }
        }
        eprintln!("{pages} pages, {fast} by the fast tokenizer, {differing} differing");
        assert_eq!(differing, 0);
    }
}
