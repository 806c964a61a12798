//! Main-text extraction, scored with the article-extraction benchmark's own metric.
//!
//! Data sets (the folder given with `--data`):
//! - scrapinghub's article-extraction benchmark: `html/<id>.html.gz` + `ground-truth.json`
//!   (`{id: {"articleBody", "url"}}`); its `README.md` lists the published F1 of other
//!   extractors, read from there and printed beside herald's.
//! - Dragnet's set as extracted from `dragnet.tar.xz`: `input/<n>.html` +
//!   `GoldStandard/<n>.txt` (the folder that holds them, or its parent).
//!
//! Each page's bytes are decoded as `herald extract` decodes them (BOM, declared charset,
//! detection) and cleaned by the same code (`herald_pipeline::clean`): the figure is for
//! the main text a user gets. The HTML extractor's own output (before the plain-text
//! boilerplate filter) is scored too, as a second line.
//!
//! Metric (the benchmark's `evaluate.py`): tokens are `\w+` runs; each text becomes the
//! multiset of its token 4-grams (a text of fewer than four tokens is one shorter gram);
//! per page tp is the sum of the smaller counts, fp and fn the excess on each side;
//! precision is tp/(tp+fp) and recall tp/(tp+fn), both 1 when fp = fn = 0; each is
//! averaged over the pages where it is defined, and F1 = 2PR/(P+R) of those averages.
//!
//! Published dates: the benchmark's ground truth carries no date field, but many of its
//! page URLs carry the publication day (`/2019/11/19/`). The extractor never sees the URL
//! (it is not given to it), so for those pages the day in the URL is an independent gold
//! date: herald's date is right when it names the same day.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

use herald_model::{Body, RawArticle};
use serde_json::json;

use crate::{Error, Options, Outcome};

/// One page with its gold text.
struct Gold {
    id: String,
    file: PathBuf,
    text: String,
    /// The page's URL, when the data gives it (scrapinghub).
    url: Option<String>,
}

/// True positives, false positives and false negatives of one page's 4-grams.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

impl Counts {
    /// Page precision as `evaluate.py` defines it; `None` where it leaves the page out.
    pub fn precision(&self) -> Option<f64> {
        if self.tp + self.fp <= 0.0 {
            return None;
        }
        Some(if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else {
            self.tp / (self.tp + self.fp)
        })
    }

    /// Page recall as `evaluate.py` defines it; `None` where it leaves the page out.
    pub fn recall(&self) -> Option<f64> {
        if self.tp + self.fn_ <= 0.0 {
            return None;
        }
        Some(if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else {
            self.tp / (self.tp + self.fn_)
        })
    }
}

/// Macro-averaged scores over pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The benchmark's tokens: `\w+` runs (letters, digits, underscore).
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The multiset of token `n`-grams; fewer than `n` tokens make one shorter gram.
fn grams<'a>(tokens: &'a [&'a str], n: usize) -> HashMap<&'a [&'a str], usize> {
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    let count = tokens.len().saturating_sub(n) + 1;
    for i in 0..count {
        let end = (i + n).min(tokens.len());
        *out.entry(&tokens[i..end]).or_insert(0) += 1;
    }
    out
}

/// tp/fp/fn of `predicted` against `gold` over token 4-grams.
pub fn shingle_counts(gold: &str, predicted: &str) -> Counts {
    let (g, p) = (tokens(gold), tokens(predicted));
    let (g, p) = (grams(&g, 4), grams(&p, 4));
    let mut c = Counts::default();
    for (gram, &n) in &g {
        let m = p.get(gram).copied().unwrap_or(0);
        c.tp += n.min(m) as f64;
        c.fn_ += n.saturating_sub(m) as f64;
    }
    for (gram, &m) in &p {
        let n = g.get(gram).copied().unwrap_or(0);
        c.fp += m.saturating_sub(n) as f64;
    }
    c
}

/// Precision and recall averaged over pages, and their F1.
pub fn macro_score(pages: &[Counts]) -> Score {
    let mean = |values: Vec<f64>| {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let precision = mean(pages.iter().filter_map(Counts::precision).collect());
    let recall = mean(pages.iter().filter_map(Counts::recall).collect());
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Score {
        precision,
        recall,
        f1,
    }
}

/// Published figures `(system, F1)` from a data README: the comma-separated `name F1`
/// list after the words "Published F1" (up to the next bullet or blank line).
pub fn published_figures(readme: &str) -> Vec<(String, f64)> {
    let Some(start) = readme.find("Published F1") else {
        return Vec::new();
    };
    let mut block = String::new();
    for (i, line) in readme[start..].lines().enumerate() {
        let trimmed = line.trim();
        if i > 0 && (trimmed.is_empty() || trimmed.starts_with("- ")) {
            break;
        }
        block.push(' ');
        block.push_str(trimmed);
    }
    let list = block.split_once(':').map_or("", |(_, list)| list);
    list.split(',')
        .filter_map(|item| {
            let item = item.trim().trim_end_matches('.');
            let (name, figure) = item.rsplit_once(' ')?;
            let figure: f64 = figure.parse().ok()?;
            (figure > 0.0 && figure <= 1.0 && !name.trim().is_empty())
                .then(|| (name.trim().to_string(), figure))
        })
        .collect()
}

/// The publication day a URL names (`/2019/11/19/`, `/2019-11-19`, `/20191119/`).
pub fn url_day(url: &str) -> Option<String> {
    static DAY: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"[/_-]((?:19|20)\d\d)(?:([/_-])(\d\d?)([/_-])(\d\d?)|(\d\d)(\d\d))(?:[/_.-]|$)",
        )
        .expect("constant regex")
    });
    let caps = DAY.captures(url)?;
    let year: u32 = caps.get(1)?.as_str().parse().ok()?;
    let (month, day) = match (caps.get(3), caps.get(5), caps.get(6), caps.get(7)) {
        (Some(m), Some(d), _, _) => {
            if caps.get(2)?.as_str() != caps.get(4)?.as_str() {
                return None;
            }
            (m.as_str(), d.as_str())
        }
        (_, _, Some(m), Some(d)) => (m.as_str(), d.as_str()),
        _ => return None,
    };
    let (month, day): (u32, u32) = (month.parse().ok()?, day.parse().ok()?);
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The `YYYY-MM-DD` day a normalised published value starts with.
fn day_of(published: &str) -> Option<&str> {
    let day = published.get(..10)?;
    let b = day.as_bytes();
    (b[4] == b'-' && b[7] == b'-' && day.chars().filter(char::is_ascii_digit).count() == 8)
        .then_some(day)
}

pub fn run(data: &Path, options: &Options) -> Result<Outcome, Error> {
    let (name, mut pages) = golds(data)?;
    if let Some(limit) = options.limit {
        pages.truncate(limit);
    }
    if pages.is_empty() {
        return Err(Error::Data(format!("{}: no pages", data.display())));
    }
    let cleaning = herald_extract::Options {
        keep_title_copy: true,
        ..Default::default()
    };
    let mut user = Vec::with_capacity(pages.len());
    let mut extractor = Vec::with_capacity(pages.len());
    let mut per_page = Vec::with_capacity(pages.len());
    let (mut dated, mut dated_right, mut date_found) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    let mut seconds = 0.0;
    let mut bytes_total = 0usize;
    for page in &pages {
        let bytes = read_page(&page.file)?;
        bytes_total += bytes.len();
        let started = Instant::now();
        let html = herald_ingest::decode(&bytes, true);
        let raw = RawArticle {
            id: page.id.clone(),
            url: None,
            title: None,
            body: Body::Html(html),
            published: None,
            source: None,
            origin: page.file.display().to_string(),
        };
        let article = herald_pipeline::clean(raw.clone());
        seconds += started.elapsed().as_secs_f64();
        // The HTML extractor alone (not timed: the pipeline above ran it already).
        let (_, extracted) = herald_extract::clean_raw(&raw, &cleaning);
        let extracted = extracted.map(|p| p.text).unwrap_or_default();
        let text = article.as_ref().map_or("", |a| a.text.as_str());
        let published = article.as_ref().and_then(|a| a.published.clone());
        let counts = shingle_counts(&page.text, text);
        user.push(counts);
        extractor.push(shingle_counts(&page.text, &extracted));
        if published.is_some() {
            date_found += 1;
        }
        let gold_day = page.url.as_deref().and_then(url_day);
        let day = published.as_deref().and_then(day_of);
        if let Some(gold_day) = &gold_day {
            dated += 1;
            if day == Some(gold_day.as_str()) {
                dated_right += 1;
            } else {
                misses.push(json!({"id": page.id, "gold": gold_day, "herald": published}));
            }
        }
        per_page.push(json!({
            "id": page.id, "precision": counts.precision(), "recall": counts.recall(),
            "published": published, "url_day": gold_day,
        }));
    }
    let n = pages.len();
    let score = macro_score(&user);
    let raw_score = macro_score(&extractor);
    let published = std::fs::read_to_string(data.join("README.md"))
        .map(|readme| published_figures(&readme))
        .unwrap_or_default();
    let rate = n as f64 / seconds.max(1e-9);
    let mut text = format!(
        "extraction on {name} ({n} pages, {:.1} MB, {seconds:.2} s on one thread: {rate:.0} pages/s)\n\
         {:<34} {:>9} {:>7} {:>6}\n\
         {:<34} {:>9.3} {:>7.3} {:>6.3}\n\
         {:<34} {:>9.3} {:>7.3} {:>6.3}\n",
        bytes_total as f64 / 1e6,
        "system",
        "precision",
        "recall",
        "F1",
        "herald (herald extract)",
        score.precision,
        score.recall,
        score.f1,
        "herald (HTML extractor alone)",
        raw_score.precision,
        raw_score.recall,
        raw_score.f1,
    );
    for (system, f1) in &published {
        text.push_str(&format!(
            "{:<34} {:>9} {:>7} {f1:>6.3}\n",
            format!("{system} (published)"),
            "",
            ""
        ));
    }
    text.push_str(&format!(
        "published date found on {date_found} of {n} pages\n"
    ));
    if dated > 0 {
        text.push_str(&format!(
            "published date right (same day as the page URL's date) on {dated_right} of {dated} pages ({:.1}%)\n",
            100.0 * dated_right as f64 / dated as f64
        ));
    }
    let json = json!({
        "stage": "extraction", "data": name, "pages": n, "seconds": seconds,
        "pages_per_second": rate, "bytes": bytes_total,
        "herald": score, "extractor": raw_score,
        "published": published.iter().map(|(s, f)| json!({"system": s, "f1": f})).collect::<Vec<_>>(),
        "dates": {
            "found": date_found, "with_url_day": dated, "right": dated_right,
            "accuracy": (dated > 0).then(|| dated_right as f64 / dated as f64),
            "misses": misses,
        },
        "per_page": per_page,
    });
    Ok(Outcome { text, json })
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// A page's bytes, gunzipped when the name ends in `.gz`.
fn read_page(path: &Path) -> Result<Vec<u8>, Error> {
    let bytes = std::fs::read(path).map_err(io_error(path))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes.as_slice())
            .read_to_end(&mut out)
            .map_err(io_error(path))?;
        Ok(out)
    } else {
        Ok(bytes)
    }
}

/// The data set's name and its pages with their gold text, sorted by id.
fn golds(data: &Path) -> Result<(&'static str, Vec<Gold>), Error> {
    let truth = data.join("ground-truth.json");
    if truth.is_file() && data.join("html").is_dir() {
        let raw = std::fs::read_to_string(&truth).map_err(io_error(&truth))?;
        let value: serde_json::Value = serde_json::from_str(&raw)
            .map_err(|e| Error::Data(format!("{}: {e}", truth.display())))?;
        let Some(items) = value.as_object() else {
            return Err(Error::Data(format!("{}: not an object", truth.display())));
        };
        let mut pages = Vec::new();
        for (id, item) in items {
            let file = data.join("html").join(format!("{id}.html.gz"));
            let file = if file.is_file() {
                file
            } else {
                data.join("html").join(format!("{id}.html"))
            };
            pages.push(Gold {
                id: id.clone(),
                file,
                text: item["articleBody"].as_str().unwrap_or("").to_string(),
                url: item["url"].as_str().map(str::to_string),
            });
        }
        pages.sort_by(|a, b| a.id.cmp(&b.id));
        return Ok(("scrapinghub", pages));
    }
    for dir in [data.to_path_buf(), data.join("dragnet")] {
        let (input, gold) = (dir.join("input"), dir.join("GoldStandard"));
        if !(input.is_dir() && gold.is_dir()) {
            continue;
        }
        let mut pages = Vec::new();
        for entry in std::fs::read_dir(&gold).map_err(io_error(&gold))? {
            let path = entry.map_err(io_error(&gold))?.path();
            let Some(id) = path
                .file_name()
                .and_then(|f| f.to_str())
                .and_then(|f| f.strip_suffix(".txt"))
            else {
                continue;
            };
            let file = input.join(format!("{id}.html"));
            if !file.is_file() {
                continue;
            }
            let bytes = std::fs::read(&path).map_err(io_error(&path))?;
            pages.push(Gold {
                id: id.to_string(),
                file,
                // Some gold files are UTF-16 with a byte-order mark.
                text: herald_ingest::decode(&bytes, false),
                url: None,
            });
        }
        // Numeric ids in numeric order.
        pages.sort_by(|a, b| (a.id.len(), &a.id).cmp(&(b.id.len(), &b.id)));
        return Ok(("dragnet", pages));
    }
    let hint = if data.join("dragnet.tar.xz").is_file() {
        format!(
            "; extract the archive first: mkdir -p DIR && tar xJf {} -C DIR, then --data DIR/dragnet",
            data.join("dragnet.tar.xz").display()
        )
    } else {
        String::new()
    };
    Err(Error::Data(format!(
        "{}: expected html/ + ground-truth.json (scrapinghub) or input/ + GoldStandard/ (dragnet){hint}",
        data.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_evaluate_py() {
        let gold = "one two three four five";
        // 4-grams: (1 2 3 4), (2 3 4 5).
        let c = shingle_counts(gold, gold);
        assert_eq!((c.tp, c.fp, c.fn_), (2.0, 0.0, 0.0));
        assert_eq!((c.precision(), c.recall()), (Some(1.0), Some(1.0)));
        let c = shingle_counts(gold, "one two three four. Six seven eight nine");
        // predicted: (1 2 3 4) (2 3 4 six) (3 4 six 7) (4 six 7 8) (six 7 8 9)
        assert_eq!((c.tp, c.fp, c.fn_), (1.0, 4.0, 1.0));
        assert_eq!(c.precision(), Some(0.2));
        assert_eq!(c.recall(), Some(0.5));
        // Fewer than four tokens: one shorter gram. Empty prediction: no precision.
        let c = shingle_counts("a b", "a b");
        assert_eq!((c.tp, c.fp, c.fn_), (1.0, 0.0, 0.0));
        let c = shingle_counts(gold, "");
        assert_eq!(c.precision(), None);
        assert_eq!(c.recall(), Some(0.0));
        // Case matters, punctuation does not.
        let c = shingle_counts("One, two; three four", "one two three four");
        assert_eq!(c.tp, 0.0);
        // Repeated grams count as a multiset.
        let c = shingle_counts("a b c d", "a b c d a b c d");
        assert_eq!((c.tp, c.fp, c.fn_), (1.0, 4.0, 0.0));
    }

    #[test]
    fn macro_average_skips_undefined_pages() {
        let pages = [
            shingle_counts("a b c d e", "a b c d e"),
            shingle_counts("a b c d e", ""),
        ];
        let s = macro_score(&pages);
        assert_eq!(s.precision, 1.0);
        assert_eq!(s.recall, 0.5);
        assert!((s.f1 - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn published_figures_are_read_from_the_readme() {
        let readme = "# Bench\n- Metric: whatever.\n- Published F1 (README of that commit): alpha 0.970, beta two 2.0 0.958,\n  gamma 0.665.\n- Other line 0.5\n";
        assert_eq!(
            published_figures(readme),
            vec![
                ("alpha".to_string(), 0.970),
                ("beta two 2.0".to_string(), 0.958),
                ("gamma".to_string(), 0.665)
            ]
        );
        assert!(published_figures("no figures here").is_empty());
    }

    const STORY: &str = "The council said on Monday that the river rose two metres overnight, flooding the lower town and cutting the road to the coast.";
    const STORY2: &str = "Rescue teams reached the last stranded families by boat on Tuesday, and the army opened two shelters in the school and the church hall.";

    fn page_html(date: &str) -> String {
        format!(
            "<html><head><meta property=\"article:published_time\" content=\"{date}\"></head>\
             <body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Floods</h1>\
             <p>{STORY}</p><p>{STORY2}</p></article><footer>Contact us</footer></body></html>"
        )
    }

    #[test]
    fn runs_on_the_scrapinghub_layout() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("html")).unwrap();
        let gz = |name: &str, html: &str| {
            let file = std::fs::File::create(dir.path().join("html").join(name)).unwrap();
            let mut enc = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
            enc.write_all(html.as_bytes()).unwrap();
            enc.finish().unwrap();
        };
        gz("a.html.gz", &page_html("2019-11-19T10:00:00-05:00"));
        gz("b.html.gz", &page_html("2019-11-25T10:00:00-05:00"));
        let truth = json!({
            "a": {"articleBody": format!("{STORY}\n\n{STORY2}"), "url": "https://x.org/2019/11/19/floods"},
            "b": {"articleBody": "Something else entirely was the story of this page.", "url": "https://x.org/2019/11/19/other"},
        });
        std::fs::write(dir.path().join("ground-truth.json"), truth.to_string()).unwrap();
        std::fs::write(
            dir.path().join("README.md"),
            "- Published F1 (README): alpha 0.970, beta 0.958.\n",
        )
        .unwrap();
        let out = run(dir.path(), &Options::default()).unwrap();
        let j = &out.json;
        assert_eq!(j["data"], "scrapinghub");
        assert_eq!(j["pages"], 2);
        // Page a is perfect, page b all wrong: P = R = 0.5.
        assert!(
            (j["herald"]["precision"].as_f64().unwrap() - 0.5).abs() < 1e-9,
            "{j}"
        );
        assert!(
            (j["herald"]["recall"].as_f64().unwrap() - 0.5).abs() < 1e-9,
            "{j}"
        );
        assert_eq!(j["dates"]["with_url_day"], 2);
        assert_eq!(j["dates"]["right"], 1);
        assert_eq!(j["published"][0]["system"], "alpha");
        assert!(out.text.contains("alpha (published)"), "{}", out.text);
        // --limit
        let one = run(
            dir.path(),
            &Options {
                limit: Some(1),
                ..Options::default()
            },
        )
        .unwrap();
        assert_eq!(one.json["pages"], 1);
    }

    #[test]
    fn runs_on_the_dragnet_layout_and_explains_a_wrong_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("dragnet");
        std::fs::create_dir_all(root.join("input")).unwrap();
        std::fs::create_dir_all(root.join("GoldStandard")).unwrap();
        std::fs::write(root.join("input/1.html"), page_html("2019-11-19")).unwrap();
        // Gold in UTF-16 with a byte-order mark, as some of the set's files are.
        let mut gold = vec![0xff, 0xfe];
        for unit in format!("{STORY}\n{STORY2}").encode_utf16() {
            gold.extend(unit.to_le_bytes());
        }
        std::fs::write(root.join("GoldStandard/1.txt"), gold).unwrap();
        let out = run(dir.path(), &Options::default()).unwrap();
        assert_eq!(out.json["data"], "dragnet");
        assert!(
            (out.json["herald"]["f1"].as_f64().unwrap() - 1.0).abs() < 1e-9,
            "{}",
            out.json
        );
        let err = run(&root.join("input"), &Options::default()).unwrap_err();
        assert!(err.to_string().contains("GoldStandard"), "{err}");
    }

    #[test]
    fn url_days() {
        assert_eq!(
            url_day("https://x.com/news/2019/11/19/story-name").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            url_day("https://x.com/a/2019-3-7-story").as_deref(),
            Some("2019-03-07")
        );
        assert_eq!(
            url_day("https://x.com/20191119/story.html").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(url_day("https://x.com/2019/11/story"), None);
        assert_eq!(url_day("https://x.com/article/11574168580"), None);
        assert_eq!(url_day("https://x.com/2019/13/40/x"), None);
        assert_eq!(day_of("2019-11-19T10:00:00Z"), Some("2019-11-19"));
        assert_eq!(day_of("Nov 19, 2019"), None);
    }
}
