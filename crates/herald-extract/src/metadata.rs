//! Page metadata: title, publication date, language, site name, canonical URL, author.
//!
//! News pages state their metadata several times over, for different consumers: Open
//! Graph and `article:*` meta tags (social networks), `itemprop` microdata and JSON-LD
//! (search engines), Dublin Core and vendor tags (analytics), `<time datetime>` and the
//! `<html lang>` attribute. [`read`] looks at each in a fixed order of trust and keeps the
//! first non-empty value. Values are cleaned (entities, Unicode, whitespace) but not
//! parsed: dates stay as the page wrote them, a later stage normalises them.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::clean::clean_line;
use crate::html::truncate;

/// Metadata found in a page.
#[derive(Debug, Default)]
pub(crate) struct Metadata {
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub author: Option<String>,
}

/// Meta keys (`property`, `name` or `itemprop`, lower-cased) for the publication date.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "pdate",
    "date",
];

const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
];

/// Largest JSON-LD block parsed, and the most JSON values looked at in it.
const MAX_JSON_LD_BYTES: usize = 1 << 20;
const MAX_JSON_LD_VALUES: usize = 20_000;

/// Every CSS selector used here, parsed once per process.
const SELECTORS: &[&str] = &[
    "meta",
    "[itemprop~=datePublished], time[pubdate]",
    "time[datetime]",
    "script[type=\"application/ld+json\"]",
    "title",
    "h1",
    "html",
    "link[rel~=canonical]",
];

fn selector(css: &str) -> Option<&'static Selector> {
    static PARSED: LazyLock<HashMap<&'static str, Selector>> = LazyLock::new(|| {
        SELECTORS
            .iter()
            .filter_map(|css| Some((*css, Selector::parse(css).ok()?)))
            .collect()
    });
    PARSED.get(css)
}

fn cleaned(s: &str) -> Option<String> {
    let s = clean_line(truncate(s, 4096));
    (!s.is_empty()).then_some(s)
}

/// Reads every metadata field the page offers.
pub(crate) fn read(doc: &Html) -> Metadata {
    let meta = meta_tags(doc);
    let ld = json_ld(doc);
    let get = |keys: &[&str]| keys.iter().find_map(|k| meta.get(*k).cloned());

    let site_name = get(&["og:site_name", "application-name"]).or(ld.publisher.clone());
    let title = get(&["og:title", "twitter:title"])
        .map(|t| strip_site_suffix(&t, site_name.as_deref(), false))
        .or(ld.headline.clone())
        .or_else(|| {
            first_text(doc, "title").map(|t| strip_site_suffix(&t, site_name.as_deref(), true))
        })
        .or_else(|| first_text(doc, "h1"));
    let published = published(&meta, &ld, doc).or_else(|| visible_date(doc));
    let language = first_attr(doc, "html", "lang")
        .or_else(|| get(&["content-language", "og:locale", "language"]))
        .and_then(|l| primary_language(&l));
    let canonical_url =
        first_attr(doc, "link[rel~=canonical]", "href").or_else(|| get(&["og:url"]));
    let author = AUTHOR_KEYS
        .iter()
        .filter_map(|k| meta.get(*k))
        .find(|a| !a.starts_with("http"))
        .cloned()
        .or(ld.author.clone());
    Metadata {
        title,
        published,
        language,
        site_name,
        canonical_url,
        author,
    }
}

/// First `content` of each `<meta>` key (`property`, `name`, `itemprop`, `http-equiv`).
fn meta_tags(doc: &Html) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let Some(sel) = selector("meta") else {
        return map;
    };
    for el in doc.select(sel).take(2000) {
        let e = el.value();
        let Some(content) = e.attr("content").and_then(cleaned) else {
            continue;
        };
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            let Some(keys) = e.attr(attr) else { continue };
            // `itemprop="datePublished dateCreated"` names two properties.
            for key in keys.split_whitespace() {
                map.entry(key.to_ascii_lowercase())
                    .or_insert_with(|| content.clone());
            }
        }
    }
    map
}

fn first_text(doc: &Html, css: &str) -> Option<String> {
    let sel = selector(css)?;
    doc.select(sel)
        .take(20)
        .find_map(|el| cleaned(&el.text().collect::<String>()))
}

fn first_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    let sel = selector(css)?;
    doc.select(sel)
        .take(20)
        .find_map(|el| el.value().attr(attr).and_then(cleaned))
}

/// The publication date: the first plausible one of the meta tags, JSON-LD and `<time>`.
///
/// Placeholders (`0001-01-01`) and values that are no date are passed over. When the
/// value found is a UTC time stamp and another source gives the same moment in the
/// page's own time zone (an explicit offset, or a `<time>` without one) on a
/// neighbouring day, that one wins, and failing that a date printed for readers on a
/// neighbouring day: "the 19th" in the newsroom is the day a reader sees, not "the 20th"
/// in UTC.
fn published(meta: &HashMap<String, String>, ld: &JsonLd, doc: &Html) -> Option<String> {
    let mut candidates: Vec<String> = PUBLISHED_KEYS
        .iter()
        .filter_map(|k| meta.get(*k).cloned())
        .collect();
    candidates.extend(ld.published.clone());
    let times = time_datetimes(doc);
    candidates.extend(times.iter().cloned());
    // `20191119` reads as `2019-11-19`.
    for c in &mut candidates {
        if c.len() == 8 && c.chars().all(|ch| ch.is_ascii_digit()) {
            *c = format!("{}-{}-{}", &c[..4], &c[4..6], &c[6..]);
        }
    }
    let first = candidates
        .iter()
        .find(|c| plausible_day(c).is_some())?
        .clone();
    if !is_utc_stamp(&first) {
        return Some(first);
    }
    let day = plausible_day(&first)?;
    let local = candidates.iter().find(|c| {
        let other = plausible_day(c);
        other.is_some_and(|d| d != day && days_apart(d, day) == Some(1))
            && (has_local_offset(c) || (times.contains(c) && c.len() > 10 && !has_offset(c)))
            && same_moment(&first, c)
    });
    if let Some(local) = local {
        return Some(local.clone());
    }
    // The date printed for readers, when it is the neighbouring day.
    let shown = visible_date(doc)
        .filter(|v| plausible_day(v).is_some_and(|d| d != day && days_apart(d, day) == Some(1)));
    Some(shown.unwrap_or(first))
}

/// A date written out for readers (`Published 11:11 PM EST Nov 19, 2019`, `19 November
/// 2019`), as `YYYY-MM-DD`: the first one in an element whose class, id or tag says it
/// is a date or byline, or that follows "published", "posted" or "updated". Only used when
/// the page has no machine-readable date.
fn visible_date(doc: &Html) -> Option<String> {
    static DATE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)date|time|byline|publish|posted|dateline|meta").expect("constant regex")
    });
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:published|posted|updated|first published)(?-u:\b)")
            .expect("constant regex")
    });
    let mut seen = 0;
    for node in doc.tree.root().descendants() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        seen += 1;
        if seen > 5000 {
            break;
        }
        let text: &str = text;
        if text.len() < 8 || text.len() > 300 {
            continue;
        }
        let Some((start, day)) = written_date(text) else {
            continue;
        };
        let led = LEAD.is_match(&text[..start]);
        let marked = node.ancestors().take(4).any(|a| match a.value() {
            Node::Element(e) => {
                e.name() == "time"
                    || e.attr("class")
                        .is_some_and(|c| c.len() < 300 && DATE_CLASS.is_match(c))
                    || e.attr("id")
                        .is_some_and(|c| c.len() < 100 && DATE_CLASS.is_match(c))
            }
            _ => false,
        });
        if led || marked {
            return Some(day);
        }
    }
    None
}

/// The first date written with an English month name in `text`: where it starts, and the
/// day as `YYYY-MM-DD`.
fn written_date(text: &str) -> Option<(usize, String)> {
    static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?-u:\b)")
            .expect("constant regex")
    });
    static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d\d)(?-u:\b)")
            .expect("constant regex")
    });
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    // Cheap filter first: a year must be there.
    let has_year = text.as_bytes().windows(4).any(|w| {
        (w.starts_with(b"19") || w.starts_with(b"20")) && w.iter().all(u8::is_ascii_digit)
    });
    if !has_year {
        return None;
    }
    let month_of = |m: &str| {
        let m = m.to_ascii_lowercase();
        MONTHS.iter().position(|x| *x == m).map(|i| i as u32 + 1)
    };
    let a = MONTH_FIRST
        .find(text)
        .and_then(|m| MONTH_FIRST.captures_at(text, m.start()))
        .and_then(|c| {
            Some((
                c.get(0)?.start(),
                month_of(&c[1])?,
                c[2].parse::<u32>().ok()?,
                c[3].parse::<u32>().ok()?,
            ))
        });
    let b = DAY_FIRST
        .find(text)
        .and_then(|m| DAY_FIRST.captures_at(text, m.start()))
        .and_then(|c| {
            Some((
                c.get(0)?.start(),
                month_of(&c[2])?,
                c[1].parse::<u32>().ok()?,
                c[3].parse::<u32>().ok()?,
            ))
        });
    let (start, month, day, year) = match (a, b) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (a, b) => a.or(b)?,
    };
    (1..=31)
        .contains(&day)
        .then(|| (start, format!("{year:04}-{month:02}-{day:02}")))
}

/// The `(year, month, day)` a date value starts with (`2019-11-19...` or `20191119`),
/// when it is a real day of a year from 1990 to 2100.
fn plausible_day(value: &str) -> Option<(u32, u32, u32)> {
    let v = value.trim();
    let digits = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (y, m, d) = if v.len() >= 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-' {
        (digits(&v[..4])?, digits(&v[5..7])?, digits(&v[8..10])?)
    } else if v.len() == 8 {
        (digits(&v[..4])?, digits(&v[4..6])?, digits(&v[6..8])?)
    } else {
        return None;
    };
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then_some((y, m, d))
}

/// Whole days between two dates when they are at most a few days apart (same or
/// neighbouring months), else `None`.
fn days_apart(a: (u32, u32, u32), b: (u32, u32, u32)) -> Option<u32> {
    let ordinal = |(y, m, d): (u32, u32, u32)| y * 372 + m * 31 + d;
    let (x, y) = (ordinal(a), ordinal(b));
    let diff = x.abs_diff(y);
    // Month ends: 31 Oct -> 1 Nov is 1 apart in this count; 30 Nov -> 1 Dec is 2.
    (diff <= 3).then_some(diff)
}

/// Whether a local clock reading `local` can be the UTC moment `utc` in some time zone:
/// they differ by a whole number of quarter hours, at most 14 hours.
fn same_moment(utc: &str, local: &str) -> bool {
    let minutes = |v: &str| -> Option<i64> {
        let (y, m, d) = plausible_day(v)?;
        let h: i64 = v.get(11..13)?.parse().ok()?;
        let min: i64 = v.get(14..16)?.parse().ok()?;
        let days = i64::from(y) * 372 + i64::from(m) * 31 + i64::from(d);
        Some(days * 1440 + h * 60 + min)
    };
    let (Some(a), Some(b)) = (minutes(utc.trim()), minutes(local.trim())) else {
        return false;
    };
    // Across a month end the day count above is off; only neighbouring days get here.
    let diff = (b - a).rem_euclid(1440);
    let diff = if diff > 720 { diff - 1440 } else { diff };
    diff != 0 && diff.abs() <= 14 * 60 && diff % 15 == 0
}

/// A date-time in UTC (`Z`, `+00:00`) or without any offset (pages mostly mean UTC then).
fn is_utc_stamp(value: &str) -> bool {
    let v = value.trim();
    if v.len() <= 10 || !v.contains(['T', ' ']) {
        return false;
    }
    v.ends_with('Z') || v.ends_with("+00:00") || v.ends_with("+0000") || !has_offset(v)
}

fn has_offset(v: &str) -> bool {
    let time = v.get(11..).unwrap_or("");
    time.ends_with('Z') || time.contains(['+', '-'])
}

/// A date-time with an explicit offset other than UTC (`-05:00`, `+0100`).
fn has_local_offset(value: &str) -> bool {
    let v = value.trim();
    v.len() > 10 && has_offset(v) && !is_utc_stamp(v)
}

/// `<time datetime>` values: the ones marked as publication first, then the others.
fn time_datetimes(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    let attr_of = |el: ElementRef<'_>| {
        el.value()
            .attr("datetime")
            .or_else(|| el.value().attr("content"))
            .and_then(cleaned)
    };
    if let Some(marked) = selector("[itemprop~=datePublished], time[pubdate]") {
        out.extend(doc.select(marked).take(20).filter_map(attr_of));
    }
    if let Some(any) = selector("time[datetime]") {
        out.extend(doc.select(any).take(20).filter_map(attr_of));
    }
    out
}

/// `en` from `en-GB`, `en_US`, `EN`; `None` for anything that is not a language subtag.
fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let ok = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
    ok.then_some(primary)
}

/// Removes a site name from a page title: `Headline | Site` -> `Headline`.
///
/// A segment equal to the site name always goes; with `guess`, a short last segment
/// (at most four words, under a third of the title) goes too.
fn strip_site_suffix(title: &str, site: Option<&str>, guess: bool) -> String {
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » "];
    for sep in SEPARATORS {
        let Some((head, tail)) = title.rsplit_once(sep) else {
            continue;
        };
        let head = head.trim();
        let tail = tail.trim();
        if head.is_empty() {
            continue;
        }
        let same_site = site.is_some_and(|s| s.eq_ignore_ascii_case(tail));
        let short_tail = tail.split_whitespace().count() <= 4 && tail.len() * 3 < title.len();
        if same_site || (guess && short_tail) {
            return head.to_string();
        }
        if let Some((site_head, rest)) = title.split_once(sep) {
            if site.is_some_and(|s| s.eq_ignore_ascii_case(site_head.trim()))
                && !rest.trim().is_empty()
            {
                return rest.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// What JSON-LD blocks say about the article.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
}

fn json_ld(doc: &Html) -> JsonLd {
    let mut found = JsonLd::default();
    let Some(sel) = selector("script[type=\"application/ld+json\"]") else {
        return found;
    };
    for script in doc.select(sel).take(20) {
        let raw: String = script.text().collect();
        if raw.len() > MAX_JSON_LD_BYTES {
            continue;
        }
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut stack = vec![&value];
        let mut seen = 0;
        while let Some(v) = stack.pop() {
            seen += 1;
            if seen > MAX_JSON_LD_VALUES {
                break;
            }
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(obj) => {
                    let text = |key: &str| obj.get(key).and_then(Value::as_str).and_then(cleaned);
                    if found.headline.is_none() {
                        found.headline = text("headline");
                    }
                    if found.published.is_none() {
                        found.published = text("datePublished");
                    }
                    if found.author.is_none() {
                        found.author = obj.get("author").and_then(name_of);
                    }
                    if found.publisher.is_none() {
                        found.publisher = obj.get("publisher").and_then(name_of);
                    }
                    stack.extend(obj.values().filter(|v| v.is_array() || v.is_object()));
                }
                _ => {}
            }
        }
    }
    found
}

/// A schema.org person or organisation name: a string, `{"name": ...}` or a list of those.
fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => cleaned(s),
        Value::Object(obj) => obj.get("name").and_then(Value::as_str).and_then(cleaned),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().take(10).filter_map(name_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> Metadata {
        read(&Html::parse_document(html))
    }

    #[test]
    fn open_graph_and_article_tags() {
        let m = meta_of(
            r#"<html lang="fr-FR"><head>
            <meta property="og:title" content="Crue de la rivière &amp; dégâts">
            <meta property="og:site_name" content="Le Quotidien">
            <meta property="article:published_time" content="2021-03-04T05:06:07Z">
            <meta name="author" content="Jeanne Exemple">
            <link rel="canonical" href="https://example.org/a">
            <title>Other | Le Quotidien</title></head><body><h1>H</h1></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Crue de la rivière & dégâts"));
        assert_eq!(m.site_name.as_deref(), Some("Le Quotidien"));
        assert_eq!(m.published.as_deref(), Some("2021-03-04T05:06:07Z"));
        assert_eq!(m.language.as_deref(), Some("fr"));
        assert_eq!(m.canonical_url.as_deref(), Some("https://example.org/a"));
        assert_eq!(m.author.as_deref(), Some("Jeanne Exemple"));
    }

    #[test]
    fn json_ld_fills_the_gaps() {
        let m = meta_of(
            r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",
             "headline":"River floods town","datePublished":"2020-01-02",
             "author":[{"@type":"Person","name":"A. Writer"}],
             "publisher":{"@type":"Organization","name":"Example Times"}}]}
            </script></head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("River floods town"));
        assert_eq!(m.published.as_deref(), Some("2020-01-02"));
        assert_eq!(m.author.as_deref(), Some("A. Writer"));
        assert_eq!(m.site_name.as_deref(), Some("Example Times"));
    }

    #[test]
    fn title_tag_loses_its_site_suffix() {
        let m = meta_of(
            "<html><head><title>River floods the lower town - Example Times</title></head></html>",
        );
        assert_eq!(m.title.as_deref(), Some("River floods the lower town"));
        let m = meta_of("<html><body><h1>Only a heading</h1></body></html>");
        assert_eq!(m.title.as_deref(), Some("Only a heading"));
    }

    #[test]
    fn time_element_dates() {
        let m = meta_of(r#"<html><body><time datetime="2019-05-06">May 6</time></body></html>"#);
        assert_eq!(m.published.as_deref(), Some("2019-05-06"));
        let m = meta_of(
            r#"<html><body><time datetime="2001-01-01">x</time><span itemprop="datePublished" content="2019-05-07"></span></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2019-05-07"));
    }

    #[test]
    fn implausible_and_utc_dates_give_way() {
        // A placeholder is passed over; a compact date is written out.
        let m = meta_of(
            r#"<html><head><meta property="article:published_time" content="0001-01-01T00:00:00Z">
            <meta name="pdate" content="20191118"></head></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2019-11-18"));
        // A UTC stamp after midnight gives way to the same moment in local time.
        let m = meta_of(
            r#"<html><head><meta property="article:published_time" content="2019-11-20T02:59:46+00:00">
            </head><body><time datetime="2019-11-19 20:59:46">Nov 19</time></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2019-11-19 20:59:46"));
        // But not a date far away (another story's time stamp).
        let m = meta_of(
            r#"<html><head><meta property="article:published_time" content="2019-11-20T02:59:46Z">
            </head><body><time datetime="2019-10-01 10:00">Oct 1</time></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2019-11-20T02:59:46Z"));
        // Two properties in one itemprop.
        let m = meta_of(
            r#"<meta itemprop="datePublished dateCreated" content="2019-11-19T11:00:09.000-05:00">"#,
        );
        assert_eq!(
            m.published.as_deref(),
            Some("2019-11-19T11:00:09.000-05:00")
        );
        assert_eq!(plausible_day("2019-02-30x"), Some((2019, 2, 30)));
        assert_eq!(plausible_day("Nov 19, 2019"), None);
    }

    #[test]
    fn visible_dates_when_nothing_else() {
        let m = meta_of(
            r#"<html><body><p>Today is Jan 1, 2000</p><div class="story-byline">Jane Doe<span>Published 11:11 PM EST Nov. 19, 2019</span></div></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2019-11-19"));
        let m = meta_of(r#"<html><body><p>Posted on 3rd March 2018 by Jo</p></body></html>"#);
        assert_eq!(m.published.as_deref(), Some("2018-03-03"));
        let m = meta_of(r#"<html><body><p>On May 5, 2019 the river rose.</p></body></html>"#);
        assert_eq!(m.published, None);
    }

    #[test]
    fn language_codes() {
        assert_eq!(primary_language("en-GB").as_deref(), Some("en"));
        assert_eq!(primary_language("EN_us").as_deref(), Some("en"));
        assert_eq!(primary_language("x"), None);
        assert_eq!(primary_language("{{lang}}"), None);
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let m = meta_of(r#"<script type="application/ld+json">{"headline": </script>"#);
        assert_eq!(m.title, None);
    }
}
