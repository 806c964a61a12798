//! Building blocks of the HTML pages: the page frame with its inline style sheet, event
//! cards, figures, the fact history chart, and safe links.
//!
//! Every template is a maud `html!` block, which escapes every interpolated value; the
//! only `PreEscaped` text is the constant style sheet. Links built from data go through
//! [`seg`] / [`path`] (percent-encoding) or [`external`] (http and https only).

use std::fmt::Write;

pub use herald_model::figure;
use herald_model::{group_thousands, EntityType, Fact, FactPoint, Qualifier};
use herald_store::{EntityRef, EventCard};
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// Reading-first styles: a serif text column, sans-serif furniture, light and dark
/// schemes with contrast above 4.5:1, visible focus, no external fonts.
const STYLE: &str = r#"
:root{--bg:#fbfaf7;--fg:#1f1f22;--muted:#5a5a60;--line:#e2ded4;--accent:#0a58a8;--chip:#efebe2;--warn:#8a3300;--warnbg:#fff0de;--mark:#fff3b0}
@media (prefers-color-scheme:dark){:root{--bg:#16171a;--fg:#e9e7e2;--muted:#aaa69e;--line:#34353b;--accent:#8ec3ff;--chip:#25272c;--warn:#ffb98a;--warnbg:#3b2716;--mark:#4a4220}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.62 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif}
.sans,header.site,footer.site,nav,.meta,.chips,h1,h2,h3,label,input,button,table,.fig,.pager,summary,.badge,.chart{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.wrap{max-width:46rem;margin:0 auto;padding:0 1.1rem}
a{color:var(--accent);text-underline-offset:.15em}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-9999px;top:.5rem}
.skip:focus{left:.5rem;background:var(--bg);padding:.3rem .6rem;z-index:2}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.site{border-bottom:1px solid var(--line)}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.2rem;padding-top:.75rem;padding-bottom:.75rem}
.brand{font-weight:750;font-size:1.25rem;color:var(--fg);text-decoration:none;letter-spacing:.01em}
.brand span{color:var(--accent)}
nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0;font-size:.95rem}
nav a{color:var(--fg)}
nav a[aria-current=page]{font-weight:650;text-decoration-thickness:2px}
form.find{display:flex;gap:.4rem;margin-left:auto}
input[type=search]{font-size:1rem;padding:.35rem .55rem;border:1px solid var(--muted);border-radius:.4rem;background:var(--bg);color:var(--fg);min-width:0;width:14rem}
button{font-size:.95rem;padding:.35rem .8rem;border:1px solid var(--accent);border-radius:.4rem;background:var(--accent);color:var(--bg);cursor:pointer}
main{padding-bottom:3rem}
h1{font-size:1.9rem;line-height:1.2;margin:1.6rem 0 .4rem;letter-spacing:-.01em}
h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-top:.8rem;border-top:1px solid var(--line)}
h3{font-size:1.02rem;margin:1.2rem 0 .3rem}
.meta{color:var(--muted);font-size:.86rem;margin:.2rem 0}
.lede{font-size:1.12rem}
.card{padding:1.15rem 0 1.25rem;border-bottom:1px solid var(--line)}
.card h2,.card h3{font-size:1.3rem;line-height:1.3;margin:.15rem 0 .35rem;padding:0;border:0}
.card h3{font-size:1.15rem}
.card h2 a,.card h3 a{color:var(--fg);text-decoration:none}
.card h2 a:hover,.card h3 a:hover{text-decoration:underline}
.card p.summary{margin:.3rem 0}
.chips{display:flex;flex-wrap:wrap;gap:.35rem;list-style:none;padding:0;margin:.55rem 0 0;font-size:.82rem}
.chips li{background:var(--chip);border-radius:999px;padding:.12rem .65rem}
.chips.figures li{background:var(--warnbg);color:var(--fg)}
.chips a{color:var(--fg)}
.badge{display:inline-block;font-size:.75rem;font-weight:650;color:var(--warn);background:var(--warnbg);border:1px solid var(--warn);border-radius:.3rem;padding:0 .4rem;margin-left:.4rem;vertical-align:.1em}
sup.cite{font-family:system-ui,sans-serif;font-size:.72em;line-height:0}
sup.cite a{text-decoration:none;padding:0 .08em}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(19rem,1fr));gap:1rem}
.fact{border:1px solid var(--line);border-radius:.6rem;padding:.8rem 1rem}
.fact h3{margin:0;font-size:.85rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.fig{font-size:1.6rem;font-weight:700;margin:.1rem 0}
.fig small{font-size:.95rem;font-weight:500;color:var(--muted)}
.fact p{margin:.2rem 0}
.chart{width:100%;height:auto;margin:.4rem 0;overflow:visible}
.chart .axis{stroke:var(--line);stroke-width:1}
.chart .line{fill:none;stroke:var(--accent);stroke-width:2.2}
.chart .dot{fill:var(--accent)}
.chart .dot.low{fill:var(--warn)}
.chart text{fill:var(--fg);font-size:12px}
.chart text.tick{fill:var(--muted);font-size:11px}
.lower{color:var(--warn);font-size:.85em}
details{margin:.35rem 0}
summary{cursor:pointer;font-size:.9rem;color:var(--accent)}
blockquote{margin:.3rem 0 .6rem;padding-left:.8rem;border-left:3px solid var(--line);color:var(--fg)}
.entities{list-style:none;padding:0;margin:0}
.entities>li{padding:.3rem 0;border-bottom:1px dotted var(--line)}
.entities details{margin:.1rem 0 0}
.minor{font-size:.95rem;margin:.5rem 0}
.forms{color:var(--muted);font-size:.92rem}
ol.timeline{list-style:none;padding:0;border-left:2px solid var(--line);margin-left:.3rem}
ol.timeline li{position:relative;padding:0 0 .8rem 1.1rem}
ol.timeline li::before{content:"";position:absolute;left:-.4rem;top:.55rem;width:.65rem;height:.65rem;border-radius:50%;background:var(--accent)}
ol.timeline time{display:block;font-family:system-ui,sans-serif;font-size:.82rem;font-weight:650;color:var(--muted)}
ol.sources{padding-left:1.6rem}
ol.sources>li{padding:.5rem .6rem;margin:0 0 .6rem -.6rem;border-radius:.5rem}
ol.sources>li:target{background:var(--mark)}
ol.sources h3{margin:0;font-size:1.02rem}
.text p{margin:.6rem 0}
.removed li{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.82rem;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.pager{display:flex;justify-content:space-between;margin:1.4rem 0;font-size:.95rem}
.hit{padding:.7rem 0;border-bottom:1px solid var(--line)}
.hit h3{margin:0}
.snippet{margin:.2rem 0}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.85rem;padding:1rem 0 2rem}
footer.site a{color:var(--muted)}
.empty{padding:2rem 0;color:var(--muted)}
"#;

/// Which section of the site a page belongs to (for `aria-current`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Events,
    Entities,
    Search,
    Other,
}

/// A whole page: head, site header with navigation and search, `main`, footer.
pub fn page(title: &str, section: Section, query: Option<&str>, body: Markup) -> Markup {
    let current = |s: Section| (s == section).then_some("page");
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                link rel="icon" href="data:,";
                title { (title) " · herald" }
                link rel="alternate" type="application/atom+xml" title="herald: latest events" href="/feed.atom";
                style { (PreEscaped(STYLE)) }
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    div.wrap {
                        a.brand href="/" { "herald" span { "." } }
                        nav aria-label="Site" {
                            ul {
                                li { a href="/" aria-current=[current(Section::Events)] { "Events" } }
                                li { a href="/entities" aria-current=[current(Section::Entities)] { "People & places" } }
                                li { a href="/search" aria-current=[current(Section::Search)] { "Search" } }
                            }
                        }
                        form.find role="search" action="/search" method="get" {
                            label.vh for="site-q" { "Search events and articles" }
                            input #site-q type="search" name="q" value=[query] placeholder="Search events and articles" maxlength="200";
                            button type="submit" { "Search" }
                        }
                    }
                }
                main #main .wrap tabindex="-1" { (body) }
                footer.site {
                    div.wrap {
                        "Events digested from news articles by herald. Every sentence and figure cites its source. "
                        a href="/feed.atom" { "Atom feed" } " · "
                        a href="/api/openapi.json" { "JSON API" }
                    }
                }
            }
        }
    }
}

/// An event as a listing shows it.
pub fn card(card: &EventCard, heading: &str) -> Markup {
    let href = format!("/events/{}", seg(&card.id));
    html! {
        article.card aria-labelledby=(format!("card-{}", card.id)) {
            p.meta { (card_meta(card)) }
            @if heading == "h3" {
                h3 #(format!("card-{}", card.id)) { a href=(href) { (card.title) } }
            } @else {
                h2 #(format!("card-{}", card.id)) { a href=(href) { (card.title) } }
            }
            p.summary { (card.summary) }
            @if !card.facts.is_empty() {
                ul.chips.figures aria-label="Key figures" {
                    @for f in &card.facts {
                        li { (fact_phrase(f)) @if f.disputed { " (disputed)" } }
                    }
                }
            }
            @if !card.entities.is_empty() {
                ul.chips aria-label="Main people, organisations and places" {
                    @for e in &card.entities { li { (entity_link(e)) } }
                }
            }
        }
    }
}

fn card_meta(card: &EventCard) -> Markup {
    html! {
        @if let Some(d) = date_range(card.first_date.as_deref(), card.last_date.as_deref()) {
            (d) " · "
        }
        (count(card.sources, "source", "sources")) " · " (count(card.articles, "article", "articles"))
    }
}

pub fn entity_link(e: &EntityRef) -> Markup {
    html! { a href=(format!("/entities/{}", path(&e.id))) { (e.name) } }
}

/// "at least 205 killed".
pub fn fact_phrase(f: &Fact) -> String {
    format!(
        "{} {}",
        figure(f.qualifier.phrase(), f.value),
        f.kind.as_str()
    )
}

/// "1 source", "5 sources".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2019-04-18` as "18 Apr 2019"; other text as given.
pub fn nice_date(d: &str) -> String {
    let parts: Vec<&str> = d.get(..10).unwrap_or(d).split('-').collect();
    if let [y, m, day] = parts[..] {
        if let (Ok(m), Ok(day)) = (m.parse::<usize>(), day.parse::<u32>()) {
            if (1..=12).contains(&m) && y.len() == 4 {
                return format!("{day} {} {y}", MONTHS[m - 1]);
            }
        }
    }
    d.to_string()
}

fn date_range(first: Option<&str>, last: Option<&str>) -> Option<String> {
    match (first, last) {
        (Some(a), Some(b)) if a != b => Some(format!("{} – {}", nice_date(a), nice_date(b))),
        (Some(a), _) | (None, Some(a)) => Some(nice_date(a)),
        (None, None) => None,
    }
}

pub use herald_store::entity_id;

pub fn type_label(kind: EntityType, plural: bool) -> &'static str {
    match (kind, plural) {
        (EntityType::Person, false) => "Person",
        (EntityType::Person, true) => "People",
        (EntityType::Organization, false) => "Organisation",
        (EntityType::Organization, true) => "Organisations",
        (EntityType::Location, false) => "Place",
        (EntityType::Location, true) => "Places",
        (EntityType::Other, false) => "Other",
        (EntityType::Other, true) => "Other names",
    }
}

/// Percent-encode one path segment (`/` included).
pub fn seg(s: &str) -> String {
    encode(s, false)
}

/// Percent-encode a path that may hold `/` (entity ids).
pub fn path(s: &str) -> String {
    encode(s, true)
}

fn encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A query-string value.
pub fn query_value(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// An article URL fit for `href`: http or https only (never `javascript:` and kin).
pub fn external(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(u)
}

/// Short form of a qualified figure for chart labels ("205+", "~150").
fn short_figure(p: &FactPoint) -> String {
    let v = group_thousands(p.value);
    match p.qualifier {
        Qualifier::Exact => v,
        Qualifier::AtLeast | Qualifier::MoreThan => format!("{v}+"),
        Qualifier::About | Qualifier::Almost => format!("~{v}"),
        Qualifier::AtMost | Qualifier::UpTo => format!("≤{v}"),
    }
}

/// How a fact's figure moved, as an inline SVG line chart: one dot per report in the
/// order the digest gives (oldest first), labelled with the figure and the citation
/// number; a report lower than an earlier one is drawn in the warning colour. The
/// chart is an image with a text alternative; the same data is listed in text beside it.
pub fn history_chart(f: &Fact, number: &dyn Fn(&str) -> usize) -> Markup {
    const W: f64 = 320.0;
    const H: f64 = 130.0;
    const LEFT: f64 = 14.0;
    const RIGHT: f64 = 14.0;
    const TOP: f64 = 22.0;
    const BOTTOM: f64 = 22.0;
    let points = &f.history;
    let max = points.iter().map(|p| p.value).max().unwrap_or(1).max(1) as f64;
    let n = points.len();
    let x = |i: usize| {
        if n <= 1 {
            W / 2.0
        } else {
            LEFT + (W - LEFT - RIGHT) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: u64| TOP + (H - TOP - BOTTOM) * (1.0 - v as f64 / max);
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.value)))
        .collect();
    let lower = lower_than_before(points);
    let described: Vec<String> = points
        .iter()
        .map(|p| {
            format!(
                "{} [{}]",
                figure(p.qualifier.phrase(), p.value),
                number(&p.article)
            )
        })
        .collect();
    let label = format!(
        "{} reported over time: {}",
        capitalise(f.kind.as_str()),
        described.join(", then ")
    );
    html! {
        svg.chart viewBox=(format!("0 0 {W} {H}")) role="img" aria-label=(label) {
            title { (label) }
            line.axis x1="0" y1=(format!("{:.1}", H - BOTTOM)) x2=(W) y2=(format!("{:.1}", H - BOTTOM)) {}
            @if n > 1 { polyline.line points=(line.join(" ")) {} }
            @for (i, p) in points.iter().enumerate() {
                circle.dot.low[lower[i]] cx=(format!("{:.1}", x(i))) cy=(format!("{:.1}", y(p.value))) r="4" {}
                text x=(format!("{:.1}", x(i))) y=(format!("{:.1}", y(p.value) - 8.0)) text-anchor=(anchor(i, n)) { (short_figure(p)) }
                text.tick x=(format!("{:.1}", x(i))) y=(format!("{:.1}", H - 6.0)) text-anchor=(anchor(i, n)) { "[" (number(&p.article)) "]" }
            }
        }
    }
}

fn anchor(i: usize, n: usize) -> &'static str {
    if n > 1 && i == 0 {
        "start"
    } else if n > 1 && i == n - 1 {
        "end"
    } else {
        "middle"
    }
}

/// Which history points are lower than an earlier report.
pub fn lower_than_before(points: &[FactPoint]) -> Vec<bool> {
    let mut running = 0u64;
    points
        .iter()
        .map(|p| {
            let low = p.value < running;
            running = running.max(p.value);
            low
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_encoded() {
        assert_eq!(seg("e1/../x y"), "e1%2F..%2Fx%20y");
        assert_eq!(path("person/jane-doe"), "person/jane-doe");
        assert_eq!(path("person/\"><x"), "person/%22%3E%3Cx");
        assert_eq!(external("javascript:alert(1)"), None);
        assert_eq!(external(" JAVASCRIPT:alert(1)"), None);
        assert_eq!(
            external("HTTPS://example.org/a"),
            Some("HTTPS://example.org/a")
        );
    }

    #[test]
    fn figures_read_well() {
        assert_eq!(figure("at least", 1234567), "at least 1,234,567");
        assert_eq!(nice_date("2019-04-18"), "18 Apr 2019");
        assert_eq!(nice_date("--04-18"), "--04-18");
        assert_eq!(nice_date("2019-04-18T10:00:00Z"), "18 Apr 2019");
    }

    #[test]
    fn text_is_escaped() {
        let card = EventCard {
            id: "e\"1".into(),
            title: "<script>alert(1)</script>".into(),
            summary: "<img src=x onerror=alert(1)>".into(),
            first_date: None,
            last_date: None,
            articles: 1,
            sources: 1,
            facts: vec![],
            entities: vec![EntityRef {
                id: "person/<b>".into(),
                name: "<b>x</b>".into(),
                kind: "person".into(),
            }],
        };
        let out = super::card(&card, "h2").into_string();
        assert!(!out.contains("<script>"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("<b>"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }
}
