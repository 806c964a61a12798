//! The JSON API, the pages and the feed, through real HTTP requests to a server on a
//! loopback port over a store built from the example articles.

mod common;

use std::sync::OnceLock;

use common::{build_store, get_raw, Server};
use serde_json::Value;

/// One store and server for every test of this file.
fn server() -> &'static Server {
    static SERVER: OnceLock<(tempfile::TempDir, Server)> = OnceLock::new();
    &SERVER
        .get_or_init(|| {
            let (dir, db) = build_store(&[]);
            let server = Server::start(&db);
            (dir, server)
        })
        .1
}

fn first_event_id(s: &Server) -> String {
    let r = s.get("/api/events");
    assert_eq!(r.status, 200);
    r.json()["items"][0]["id"]
        .as_str()
        .expect("an event id")
        .to_string()
}

/// Check `value` against an OpenAPI schema: types, nullability, required properties,
/// enums, recursively through `$ref`s, arrays and objects. Returns what does not match.
fn validate(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/schemas/");
        let target = &doc["components"]["schemas"][name];
        assert!(!target.is_null(), "dangling $ref {r}");
        return validate(doc, target, value, at, errors);
    }
    if value.is_null() {
        if schema.get("nullable") != Some(&Value::Bool(true)) {
            errors.push(format!("{at}: null where the schema does not allow it"));
        }
        return;
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            errors.push(format!("{at}: {value} is not one of {options:?}"));
        }
    }
    let ok = match schema.get("type").and_then(Value::as_str) {
        Some("string") => value.is_string(),
        Some("integer") => value.is_u64() || value.is_i64(),
        Some("boolean") => value.is_boolean(),
        Some("array") => value.is_array(),
        Some("object") => value.is_object(),
        _ => true,
    };
    if !ok {
        errors.push(format!("{at}: {value} is not of type {}", schema["type"]));
        return;
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, v) in array.iter().enumerate() {
            validate(doc, items, v, &format!("{at}[{i}]"), errors);
        }
    }
    if let Some(object) = value.as_object() {
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !object.contains_key(name) {
                errors.push(format!("{at}: missing required field {name}"));
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (name, v) in object {
                match props.get(name) {
                    Some(p) => validate(doc, p, v, &format!("{at}.{name}"), errors),
                    None => errors.push(format!("{at}: field {name} is not documented")),
                }
            }
        }
    }
}

#[test]
fn every_openapi_path_answers_as_documented() {
    let s = server();
    let doc = s.get("/api/openapi.json").json();
    assert_eq!(doc["openapi"].as_str().map(|v| &v[..2]), Some("3."));
    let event = first_event_id(s);
    let event_json = s.get(&format!("/api/events/{event}")).json();
    let article = event_json["articles"][0].as_str().expect("an article id");
    let entity = s.get("/api/entities?limit=1").json()["items"][0]["id"]
        .as_str()
        .expect("an entity id")
        .to_string();
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 7, "{:?}", paths.keys());
    for (template, item) in paths {
        let target = match template.as_str() {
            "/api/events/{id}" => format!("/api/events/{event}"),
            "/api/articles/{id}" => format!("/api/articles/{article}"),
            "/api/entities/{id}" => format!("/api/entities/{entity}"),
            "/api/search" => "/api/search?q=Tripoli".to_string(),
            other => {
                assert!(!other.contains('{'), "no example id for {other}");
                other.to_string()
            }
        };
        let r = s.get(&target);
        assert_eq!(
            r.status,
            200,
            "{target}: {}",
            String::from_utf8_lossy(&r.body)
        );
        assert!(
            r.header("content-type")
                .is_some_and(|t| t.starts_with("application/json")),
            "{target}"
        );
        let schema = &item["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert!(!schema.is_null(), "{template} documents no 200 schema");
        let mut errors = Vec::new();
        validate(&doc, schema, &r.json(), &target, &mut errors);
        assert!(
            errors.is_empty(),
            "{target} differs from the OpenAPI document:\n{}",
            errors.join("\n")
        );
    }
}

#[test]
fn the_event_object_is_the_contracts() {
    let s = server();
    let id = first_event_id(s);
    let e = s.get(&format!("/api/events/{id}")).json();
    assert_eq!(e["id"], Value::String(id.clone()));
    for field in [
        "title",
        "summary",
        "summary_sentences",
        "articles",
        "entities",
        "claims",
        "facts",
        "timeline",
    ] {
        assert!(!e[field].is_null(), "event lacks {field}");
    }
    assert_eq!(e["articles"].as_array().map(Vec::len), Some(5));
    let sentence = &e["summary_sentences"][0];
    assert!(sentence["article"].is_string() && sentence["also_in"].is_array());
    let killed = e["facts"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["kind"] == "killed"))
        .expect("a killed figure");
    assert!(killed["history"].as_array().is_some_and(|h| !h.is_empty()));
    let merged = e["entities"]
        .as_array()
        .and_then(|es| {
            es.iter()
                .find(|x| x["merges"].as_array().is_some_and(|m| !m.is_empty()))
        })
        .expect("an entity with merged spellings");
    assert!(merged["merges"][0]["rule"].is_string() && merged["merges"][0]["evidence"].is_string());
    // Every article of the event answers, in the contract's article shape.
    for a in e["articles"].as_array().into_iter().flatten() {
        let a = a.as_str().expect("article id");
        let art = s.get(&format!("/api/articles/{a}")).json();
        assert_eq!(art["id"], a);
        assert_eq!(art["event"], Value::String(id.clone()));
        assert!(art["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(art["removed"].is_array());
    }
}

#[test]
fn listings_filter_order_and_page() {
    let s = server();
    let all = s.get("/api/events?order=biggest").json();
    assert_eq!(all["total"], 1);
    assert_eq!(all["items"][0]["articles"], 5);
    let page2 = s.get("/api/events?offset=1").json();
    assert_eq!(page2["offset"], 1);
    assert_eq!(page2["items"].as_array().map(Vec::len), Some(0));
    let hit = s.get("/api/events?q=Tripoli").json();
    assert_eq!(hit["total"], 1);
    let miss = s.get("/api/events?q=zzzqqqnothing").json();
    assert_eq!(miss["total"], 0);
    let future = s.get("/api/events?since=2100-01-01").json();
    assert_eq!(
        future["total"], 0,
        "the example has no dates, so no event is after 2100"
    );
    // Oversized limits are capped, not refused.
    let capped = s.get("/api/entities?limit=100000").json();
    assert!(capped["items"]
        .as_array()
        .is_some_and(|i| !i.is_empty() && i.len() <= 100));
    let one = s.get("/api/entities?q=haftar&limit=1").json();
    assert_eq!(one["items"].as_array().map(Vec::len), Some(1));
    let entity = one["items"][0]["id"].as_str().expect("entity id");
    assert_eq!(entity, "person/khalifa-haftar");
    let detail = s.get(&format!("/api/entities/{entity}")).json();
    assert!(detail["entity"]["forms"]
        .as_array()
        .is_some_and(|f| f.len() > 1));
    assert_eq!(detail["events"].as_array().map(Vec::len), Some(1));
    let found = s.get("/api/search?q=Tripoli&limit=2").json();
    assert_eq!(found["query"], "Tripoli");
    assert_eq!(found["articles"].as_array().map(Vec::len), Some(2));
}

#[test]
fn errors_are_json_with_the_right_status() {
    let s = server();
    let long_q = format!("/api/events?q={}", "a".repeat(201));
    let long_id = format!("/api/events/{}", "x".repeat(300));
    let cases: Vec<(&str, u16)> = vec![
        ("/api/events/no-such-event", 404),
        ("/api/articles/no-such-article", 404),
        ("/api/entities/person/no-such-person", 404),
        ("/api/nothing-here", 404),
        ("/api", 404),
        ("/api/events?limit=abc", 400),
        ("/api/events?limit=0", 400),
        ("/api/events?limit=-5", 400),
        ("/api/events?offset=100001", 400),
        ("/api/events?offset=184467440737095516160", 400),
        ("/api/events?order=oldest", 400),
        ("/api/events?since=yesterday", 400),
        ("/api/events?until=2019-13-45", 400),
        (&long_q, 400),
        (&long_id, 400),
        ("/api/search", 400),
        ("/api/search?q=", 400),
        ("/api/events/%FF%FE", 400),
        ("/api/entities?limit=1e3", 400),
    ];
    for (target, status) in cases {
        let r = s.get(target);
        assert_eq!(
            r.status,
            status,
            "{target}: {}",
            String::from_utf8_lossy(&r.body)
        );
        let body = r.json();
        assert!(
            body["error"].as_str().is_some_and(|m| !m.is_empty()),
            "{target}: {body}"
        );
        assert_eq!(
            body.as_object().map(|o| o.len()),
            Some(1),
            "{target}: {body}"
        );
    }
    // Bad bytes in the query are decoded leniently, not refused or fatal.
    let r = s.get("/api/search?q=%FF%FETripoli%00");
    assert_eq!(r.status, 200, "{}", r.text());
    // Raw non-ASCII bytes in the request line: refused by the HTTP layer, server unharmed.
    let r = get_raw(s.addr, b"/api/events/\xff\xfe");
    assert!(r.status == 400 || r.status == 404, "{}", r.status);
    assert_eq!(s.get("/api/events").status, 200);
}

#[test]
fn pages_render_the_example() {
    let s = server();
    let id = first_event_id(s);
    let front = s.get("/");
    assert_eq!(front.status, 200);
    assert!(front
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html")));
    let csp = front.header("content-security-policy").unwrap_or("");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let html = front.text();
    assert!(
        html.starts_with("<!DOCTYPE html><html lang=\"en\">"),
        "{}",
        &html[..80]
    );
    for landmark in [
        "<header class=\"site\">",
        "<nav aria-label=\"Site\">",
        "<main class=\"wrap\" id=\"main\"",
        "<footer class=\"site\">",
    ] {
        assert!(html.contains(landmark), "front page lacks {landmark}");
    }
    assert!(html.contains(&format!("href=\"/events/{id}\"")));
    assert!(
        html.contains("at least 205 killed"),
        "key figures on the front page"
    );
    assert!(html.contains("href=\"/entities/person/khalifa-haftar\""));
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "no external assets"
    );

    let event = s.get(&format!("/events/{id}")).text();
    assert!(
        event.contains("<sup class=\"cite\"><a href=\"#source-"),
        "summary citations"
    );
    for n in 1..=5 {
        assert!(
            event.contains(&format!("<li id=\"source-{n}\">")),
            "source {n} anchor"
        );
    }
    assert!(event.contains("<svg class=\"chart\""), "fact history chart");
    assert!(
        event.contains("Why these spellings are one person"),
        "merge reasons"
    );
    assert!(event.contains("Hafeer"), "all spellings listed");
    assert!(event.contains("What cleaning removed"), "removed lines");
    assert!(event.contains("Read the cleaned text"));

    let entity = s.get("/entities/person/khalifa-haftar");
    assert_eq!(entity.status, 200);
    let entity = entity.text();
    assert!(entity.contains("<h1>Khalifa Haftar</h1>"));
    assert!(entity.contains(&format!("href=\"/events/{id}\"")));

    let entities = s.get("/entities?q=tripoli").text();
    assert!(entities.contains("href=\"/entities/location/tripoli\""));

    let search = s.get("/search?q=Tripoli").text();
    assert!(search.contains(&format!("href=\"/events/{id}\"")));
    assert!(search.contains("href=\"/articles/"));
    let empty_search = s.get("/search");
    assert_eq!(empty_search.status, 200);

    // An article link lands on its place among the event's sources.
    let e = s.get(&format!("/api/events/{id}")).json();
    let second = e["articles"][1].as_str().expect("second article");
    let r = s.get(&format!("/articles/{second}"));
    assert_eq!(r.status, 303);
    assert_eq!(
        r.header("location"),
        Some(format!("/events/{id}#source-2").as_str())
    );
    // Its text page: the cleaned text, what was removed, and the way back to the event.
    let article = s.get(&format!("/api/articles/{second}")).json();
    let text_page = s.get(&format!("/articles/{second}/text"));
    assert_eq!(text_page.status, 200);
    let body = text_page.text();
    let first_words: String = article["text"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(body.contains(&first_words), "{first_words}");
    assert!(body.contains(&format!("href=\"/events/{id}\"")));
    assert_eq!(s.get("/articles/none/text").status, 404);

    for (target, status) in [
        ("/events/no-such-event", 404),
        ("/entities/person/nobody", 404),
        ("/articles/none", 404),
        ("/no/such/page", 404),
        ("/?page=abc", 400),
        ("/?page=99999999", 400),
        ("/events/%FF", 400),
    ] {
        let r = s.get(target);
        assert_eq!(r.status, status, "{target}");
        assert!(
            r.text().contains("<html lang=\"en\">"),
            "{target} answers an HTML page"
        );
    }
}

#[test]
fn the_feed_is_valid_atom() {
    let s = server();
    let id = first_event_id(s);
    let r = s.get("/feed.atom");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .is_some_and(|t| t.starts_with("application/atom+xml")));
    let xml = r.text();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("parse the Atom feed");
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.id, "urn:herald:events");
    assert!(feed.updated.is_some(), "feed updated");
    assert!(!feed.authors.is_empty(), "feed author");
    assert_eq!(feed.entries.len(), 1);
    let entry = &feed.entries[0];
    assert_eq!(entry.id, format!("urn:herald:event:{id}"));
    assert!(entry
        .title
        .as_ref()
        .is_some_and(|t| t.content.contains("Tripoli")));
    assert!(entry.updated.is_some());
    assert_eq!(entry.links[0].href, format!("{}/events/{id}", s.url()));
    assert!(entry
        .summary
        .as_ref()
        .is_some_and(|t| t.content.contains("205")));
    assert!(entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_ref())
        .is_some_and(|b| b.contains("<li>at least 205 killed</li>")));
    // Required Atom elements, checked on the text too (the parser is lenient).
    for tag in [
        "<id>",
        "<title>",
        "<updated>",
        "<author><name>",
        "<entry>",
        "<link rel=\"self\"",
    ] {
        assert!(xml.contains(tag), "feed lacks {tag}");
    }
    let q = s.get("/feed.atom?q=zzzqqqnothing").text();
    let none = feed_rs::parser::parse(q.as_bytes()).expect("parse the query feed");
    assert!(none.entries.is_empty());
    assert_eq!(none.id, "urn:herald:search:zzzqqqnothing");
    assert_eq!(
        s.get(&format!("/feed.atom?q={}", "a".repeat(300))).status,
        400
    );
}
