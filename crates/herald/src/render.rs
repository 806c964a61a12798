//! Human-readable renderings of a digest: a Markdown brief and a self-contained HTML page.
//!
//! Both show, per event: title, cited summary, key figures with their sources and history,
//! main people / organisations / places with their spellings, timeline and sources.
//! Article-derived text is escaped for its target (Markdown punctuation, HTML entities).

use std::collections::HashMap;
use std::fmt::Write;

use herald_model::{figure, Article, Digest, Entity, EntityType, Event, Fact};

const ENTITIES_PER_TYPE: usize = 8;

/// A brief a person reads.
pub fn markdown(digest: &Digest) -> String {
    let by_id: HashMap<&str, &Article> =
        digest.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut out = String::new();
    let _ = writeln!(out, "# herald digest: {}\n", counts(digest));
    for event in &digest.events {
        markdown_event(&mut out, event, &by_id);
    }
    out
}

fn markdown_event(out: &mut String, event: &Event, by_id: &HashMap<&str, &Article>) {
    let number = |id: &str| {
        event
            .articles
            .iter()
            .position(|a| a == id)
            .map_or(0, |i| i + 1)
    };
    let _ = writeln!(out, "## {} · {}\n", event.id, md(&event.title));
    let mut summary = String::new();
    for s in &event.summary_sentences {
        let mut cites = vec![number(&s.article)];
        cites.extend(s.also_in.iter().map(|a| number(a)));
        let cites: Vec<String> = cites.iter().map(|n| format!("[{n}]")).collect();
        let _ = write!(summary, "{} {} ", md(&s.text), cites.join(""));
    }
    let _ = writeln!(out, "{}\n", summary.trim_end());

    if !event.facts.is_empty() {
        let _ = writeln!(out, "**Key figures**\n");
        for f in &event.facts {
            let _ = writeln!(out, "- {}", md(&fact_line(f, &number)));
        }
        let _ = writeln!(out);
    }
    for (kind, label) in [
        (EntityType::Person, "People"),
        (EntityType::Organization, "Organisations"),
        (EntityType::Location, "Places"),
    ] {
        let list: Vec<String> = event
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .take(ENTITIES_PER_TYPE)
            .map(entity_label)
            .collect();
        if !list.is_empty() {
            let _ = writeln!(out, "**{label}:** {}\n", md(&list.join("; ")));
        }
    }
    let merged: Vec<&Entity> = event
        .entities
        .iter()
        .filter(|e| !e.merges.is_empty())
        .take(3 * ENTITIES_PER_TYPE)
        .collect();
    if !merged.is_empty() {
        let _ = writeln!(out, "**Spellings merged**\n");
        for e in merged {
            let reasons: Vec<String> = e
                .merges
                .iter()
                .map(|m| format!("{} ({}: {})", m.form, m.rule, m.evidence))
                .collect();
            let _ = writeln!(out, "- {}: {}", md(&e.name), md(&reasons.join("; ")));
        }
        let _ = writeln!(out);
    }
    if !event.timeline.is_empty() {
        let _ = writeln!(out, "**Timeline**\n");
        for t in &event.timeline {
            let _ = writeln!(
                out,
                "- {}: {} [{}]",
                t.date,
                md(&t.text),
                number(&t.article)
            );
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "**Sources**\n");
    for (i, id) in event.articles.iter().enumerate() {
        let a = by_id.get(id.as_str());
        let title = a.map_or_else(|| "(untitled)".to_string(), |a| display_title(a));
        let mut line = format!("{}. {} ({id}", i + 1, md(&title));
        if let Some(source) = a.and_then(|a| a.source.as_deref()) {
            let _ = write!(line, ", {}", md(source));
        }
        if let Some(published) = a.and_then(|a| a.published.as_deref()) {
            let _ = write!(line, ", {published}");
        }
        if let Some(copy) = a.and_then(|a| a.duplicate_of.as_deref()) {
            let _ = write!(line, ", copy of {copy}");
        }
        line.push(')');
        if let Some(url) = a.and_then(|a| a.url.as_deref()) {
            let _ = write!(line, " <{url}>");
        }
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out);
}

fn fact_line(f: &Fact, number: &dyn Fn(&str) -> usize) -> String {
    let mut line = format!(
        "{}: {}",
        capitalise(f.kind.as_str()),
        figure(f.qualifier.phrase(), f.value)
    );
    if let Some(who) = &f.attributed_to {
        let _ = write!(line, ", according to {who}");
    }
    let _ = write!(line, " [{}]", number(&f.article));
    if f.low != f.high {
        let _ = write!(line, "; reports range {}–{}", f.low, f.high);
    }
    if f.disputed {
        line.push_str("; sources disagree");
    }
    if f.history.len() > 1 {
        let steps: Vec<String> = f
            .history
            .iter()
            .map(|p| {
                format!(
                    "{} [{}]",
                    figure(p.qualifier.phrase(), p.value),
                    number(&p.article)
                )
            })
            .collect();
        let _ = write!(line, "; history: {}", steps.join(" → "));
    }
    line
}

/// An article's title, or the start of its text when it has none.
fn display_title(a: &Article) -> String {
    if let Some(t) = &a.title {
        return t.clone();
    }
    let words: Vec<&str> = a.text.split_whitespace().take(12).collect();
    if words.is_empty() {
        "(untitled)".to_string()
    } else {
        format!("{}…", words.join(" "))
    }
}

fn entity_label(e: &Entity) -> String {
    let others: Vec<&str> = e
        .forms
        .iter()
        .map(String::as_str)
        .filter(|f| *f != e.name)
        .collect();
    if others.is_empty() {
        e.name.clone()
    } else {
        format!("{} (also {})", e.name, others.join(", "))
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "3 events from 12 articles".
fn counts(digest: &Digest) -> String {
    let (e, a) = (digest.events.len(), digest.articles.len());
    format!("{e} event{} from {a} article{}", plural(e), plural(a))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Escape Markdown's inline punctuation in article-derived text.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One JSON line per article with the event it joined and the article it copies.
pub fn assignments<'a>(
    lines: impl Iterator<Item = (&'a str, &'a str, Option<&'a str>)>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for (id, event, duplicate_of) in lines {
        let line = serde_json::json!({"id": id, "event": event, "duplicate_of": duplicate_of});
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// A self-contained HTML page (no external assets).
pub fn html(digest: &Digest) -> String {
    let by_id: HashMap<&str, &Article> =
        digest.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut out = String::new();
    out.push_str("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.push_str("<title>herald digest</title><style>");
    out.push_str("body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}");
    out.push_str("h2{border-top:1px solid #ccc;padding-top:1rem}sup a{text-decoration:none}");
    out.push_str(".figures li{margin:.2rem 0}.muted{color:#555}</style></head><body>\n");
    let _ = writeln!(
        out,
        "<h1>herald digest</h1><p class=\"muted\">{}</p>",
        counts(digest)
    );
    for event in &digest.events {
        html_event(&mut out, event, &by_id);
    }
    out.push_str("</body></html>\n");
    out
}

fn html_event(out: &mut String, event: &Event, by_id: &HashMap<&str, &Article>) {
    let number = |id: &str| {
        event
            .articles
            .iter()
            .position(|a| a == id)
            .map_or(0, |i| i + 1)
    };
    let anchor = |id: &str| format!("{}-{}", esc(&event.id), number(id));
    let _ = writeln!(
        out,
        "<section id=\"{}\"><h2>{}</h2><p>",
        esc(&event.id),
        esc(&event.title)
    );
    for s in &event.summary_sentences {
        let _ = write!(out, "{}", esc(&s.text));
        for id in std::iter::once(&s.article).chain(&s.also_in) {
            let _ = write!(
                out,
                "<sup><a href=\"#{}\">[{}]</a></sup>",
                anchor(id),
                number(id)
            );
        }
        out.push(' ');
    }
    out.push_str("</p>\n");
    if !event.facts.is_empty() {
        out.push_str("<h3>Key figures</h3><ul class=\"figures\">");
        for f in &event.facts {
            let _ = write!(out, "<li>{}</li>", esc(&fact_line(f, &number)));
        }
        out.push_str("</ul>\n");
    }
    let people: Vec<String> = event
        .entities
        .iter()
        .take(3 * ENTITIES_PER_TYPE)
        .map(entity_label)
        .collect();
    if !people.is_empty() {
        let _ = writeln!(
            out,
            "<h3>Who and where</h3><p>{}</p>",
            esc(&people.join("; "))
        );
    }
    if !event.timeline.is_empty() {
        out.push_str("<h3>Timeline</h3><ul>");
        for t in &event.timeline {
            let _ = write!(
                out,
                "<li><time>{}</time> {} <a href=\"#{}\">[{}]</a></li>",
                esc(&t.date),
                esc(&t.text),
                anchor(&t.article),
                number(&t.article)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h3>Sources</h3><ol>");
    for id in &event.articles {
        let a = by_id.get(id.as_str());
        let title = a.map_or_else(|| "(untitled)".to_string(), |a| display_title(a));
        let _ = write!(
            out,
            "<li id=\"{}\"><details><summary>{} <span class=\"muted\">({})</span></summary>",
            anchor(id),
            esc(&title),
            esc(id)
        );
        if let Some(a) = a {
            for p in a.text.split("\n\n") {
                let _ = write!(out, "<p>{}</p>", esc(p));
            }
        }
        out.push_str("</details></li>");
    }
    out.push_str("</ol></section>\n");
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            esc("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
    }

    #[test]
    fn markdown_punctuation_is_escaped() {
        assert_eq!(md("a *b* [c]"), "a \\*b\\* \\[c\\]");
    }
}
