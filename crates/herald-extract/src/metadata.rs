//! Page metadata: title, publication date, language, site name, canonical URL, author.
//!
//! News pages state their metadata several times over, for different consumers: Open
//! Graph and `article:*` meta tags (social networks), `itemprop` microdata and JSON-LD
//! (search engines), Dublin Core and vendor tags (analytics), `<time datetime>` and the
//! `<html lang>` attribute. [`read`] looks at each in a fixed order of trust and keeps the
//! first non-empty value. Values are cleaned (entities, Unicode, whitespace) but not
//! parsed: dates stay as the page wrote them, a later stage normalises them.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Selector};
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

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
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
    let published = get(PUBLISHED_KEYS)
        .or(ld.published.clone())
        .or_else(|| time_datetime(doc));
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
    for el in doc.select(&sel).take(2000) {
        let e = el.value();
        let Some(content) = e.attr("content").and_then(cleaned) else {
            continue;
        };
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = e.attr(attr) {
                map.entry(key.trim().to_ascii_lowercase())
                    .or_insert_with(|| content.clone());
            }
        }
    }
    map
}

fn first_text(doc: &Html, css: &str) -> Option<String> {
    let sel = selector(css)?;
    doc.select(&sel)
        .take(20)
        .find_map(|el| cleaned(&el.text().collect::<String>()))
}

fn first_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    let sel = selector(css)?;
    doc.select(&sel)
        .take(20)
        .find_map(|el| el.value().attr(attr).and_then(cleaned))
}

/// `<time datetime>`: the one marked as publication first, then the first one.
fn time_datetime(doc: &Html) -> Option<String> {
    let marked = selector("[itemprop=datePublished], time[pubdate]")?;
    let attr_of = |el: ElementRef<'_>| {
        el.value()
            .attr("datetime")
            .or_else(|| el.value().attr("content"))
            .and_then(cleaned)
    };
    doc.select(&marked)
        .find_map(attr_of)
        .or_else(|| first_attr(doc, "time[datetime]", "datetime"))
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
    for script in doc.select(&sel).take(20) {
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
