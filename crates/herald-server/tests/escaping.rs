//! Article-derived text with markup in it (`<script>`, `onerror=`, `onload=`, a
//! `javascript:` URL) is inert on every page and in the feed: escaped as text, never
//! markup, never an attribute, never a link.

mod common;

use common::{build_store, Server};

fn hostile_article() -> String {
    serde_json::json!({
        "id": "evil-1",
        "title": "<script>alert('title')</script> Quentin Zorblax <img src=x onerror=alert(1)>",
        "text": "Quentin Zorblax said on Monday that at least 12 people were killed in Marrowfield <script>alert('text')</script> during the storm.\n\n\
                 The mayor of Marrowfield, Quentin Zorblax, said 40 people were wounded <img src=x onerror=alert(2)> and <body onload=alert(3)> hundreds were displaced.\n\n\
                 Zorblax said rescue teams from Marrowfield worked through the night \"><svg onload=alert(6)>.",
        "source": "<b onload=alert(5)>Evil Wire</b>",
        "url": "javascript:alert(4)",
        "published": "2019-04-20"
    })
    .to_string()
}

/// Elements the pages and the feed are made of; anything else came from the data.
const KNOWN_TAGS: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "link",
    "style",
    "body",
    "a",
    "header",
    "div",
    "nav",
    "ul",
    "ol",
    "li",
    "form",
    "label",
    "input",
    "button",
    "main",
    "footer",
    "h1",
    "h2",
    "h3",
    "p",
    "span",
    "strong",
    "small",
    "code",
    "br",
    "section",
    "article",
    "details",
    "summary",
    "time",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "svg",
    "line",
    "polyline",
    "circle",
    "text",
    "?xml",
    "feed",
    "id",
    "updated",
    "author",
    "name",
    "generator",
    "entry",
    "content",
    "category",
];

/// Every tag of a page or feed: its name and attributes (name, value), quotes respected.
fn tags(body: &str) -> Vec<(String, Vec<(String, String)>)> {
    let b = body.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let word_end = |mut j: usize, stops: &[u8]| {
        while j < b.len() && !b[j].is_ascii_whitespace() && !stops.contains(&b[j]) {
            j += 1;
        }
        j
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let end = word_end(start, b">/");
        let end = if end == start && b.get(start) == Some(&b'/') {
            word_end(start + 1, b">")
        } else {
            end
        };
        let name = body[start..end]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        let mut attrs = Vec::new();
        i = end;
        while i < b.len() && b[i] != b'>' {
            if b[i].is_ascii_whitespace() || b[i] == b'/' {
                i += 1;
                continue;
            }
            let a_end = word_end(i, b"=>/");
            let attr = body[i..a_end].to_ascii_lowercase();
            i = a_end;
            let mut value = String::new();
            if b.get(i) == Some(&b'=') {
                i += 1;
                if let Some(&q) = b.get(i).filter(|q| **q == b'"' || **q == b'\'') {
                    let v_end = body[i + 1..].find(q as char).map_or(b.len(), |k| i + 1 + k);
                    value = body[i + 1..v_end].to_string();
                    i = v_end + 1;
                } else {
                    let v_end = word_end(i, b">");
                    value = body[i..v_end].to_string();
                    i = v_end;
                }
            }
            attrs.push((attr, value));
        }
        out.push((name, attrs));
        i += 1;
    }
    out
}

/// No markup from the article survives as markup: only the elements the templates
/// write, no event-handler attribute, no `javascript:` link. And the text did get
/// rendered (escaped), so the check is not vacuous.
fn assert_inert(what: &str, body: &str) {
    assert_no_markup(what, body);
    assert!(
        body.contains("&lt;script&gt;")
            || body.contains("&amp;lt;script&amp;gt;")
            || body.contains("&lt;img"),
        "{what}: the hostile text is not shown at all, so this check proves nothing"
    );
}

/// [`assert_inert`] without requiring the hostile text on the page.
fn assert_no_markup(what: &str, body: &str) {
    let lower = body.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{what}: a script element");
    for (name, attrs) in tags(body) {
        assert!(
            KNOWN_TAGS.contains(&name.as_str()),
            "{what}: unexpected element <{name}>"
        );
        for (attr, value) in attrs {
            assert!(
                !attr.starts_with("on"),
                "{what}: event handler {attr} on <{name}>"
            );
            if attr == "href" || attr == "src" || attr == "action" {
                let v = value.trim().to_ascii_lowercase();
                assert!(
                    !v.starts_with("javascript:") && !v.starts_with("data:text"),
                    "{what}: {attr}={value}"
                );
            }
        }
    }
}

#[test]
fn hostile_article_text_is_escaped_everywhere() {
    let (_dir, db) = build_store(&[hostile_article()]);
    let s = Server::start(&db);

    let article = s.get("/api/articles/evil-1").json();
    let event = article["event"]
        .as_str()
        .expect("the article's event")
        .to_string();
    assert!(
        article["title"]
            .as_str()
            .is_some_and(|t| t.contains("<script>")),
        "JSON carries the raw text"
    );

    let entity = s.get("/api/entities?q=zorblax").json()["items"][0]["id"]
        .as_str()
        .expect("an entity from the hostile article")
        .to_string();

    let pages = [
        "/".to_string(),
        "/?order=biggest".to_string(),
        format!("/events/{event}"),
        "/articles/evil-1/text".to_string(),
        format!("/entities/{entity}"),
        "/search?q=Zorblax".to_string(),
        "/search?q=Marrowfield+storm".to_string(),
    ];
    for target in &pages {
        let r = s.get(target);
        assert_eq!(r.status, 200, "{target}");
        assert_inert(target, &r.text());
    }
    // The entity list shows names only (from the hostile article, but without markup).
    let list = s.get("/entities?q=zorblax").text();
    assert!(list.contains("Quentin Zorblax"));
    assert_no_markup("/entities?q=zorblax", &list);
    // The event page shows the hostile source name and keeps the javascript: URL unlinked.
    let page = s.get(&format!("/events/{event}")).text();
    assert!(page.contains("&lt;b onload=alert(5)&gt;Evil Wire&lt;/b&gt;"));
    assert!(!page.contains("javascript:alert(4)\""));

    // Reflected input: the query and unknown ids come back escaped too.
    for target in [
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "/?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/events/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/entities/person/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    ] {
        let r = s.get(target);
        assert!(r.status == 200 || r.status == 404, "{target}: {}", r.status);
        assert_inert(target, &r.text());
    }

    for target in ["/feed.atom", "/feed.atom?q=Zorblax"] {
        let r = s.get(target);
        assert_eq!(r.status, 200);
        let xml = r.text();
        assert_inert(target, &xml);
        let feed = feed_rs::parser::parse(xml.as_bytes()).expect("the feed stays well-formed");
        let entry = feed
            .entries
            .iter()
            .find(|e| e.id == format!("urn:herald:event:{event}"))
            .expect("the hostile event's entry");
        // Escaped once for XML, the title reads back as the original text.
        assert!(entry
            .title
            .as_ref()
            .is_some_and(|t| t.content.contains("<script>alert('title')</script>")));
        // The HTML content is escaped HTML: once unescaped from XML, still no markup.
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .expect("content");
        assert!(
            !content.contains("<script") && content.contains("&lt;script&gt;"),
            "{content}"
        );
    }
}
