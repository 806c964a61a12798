//! Runs `clean_raw` (extraction + line clean-up) over every `.html` file of a folder, one
//! thread, and prints how many characters of text came out: the loop `bench/extract.sh`
//! profiles with callgrind without the rest of the `herald` binary.
//!
//! `cargo run --release -p herald-extract --example extract_pages -- DIR`

use herald_extract::{clean_raw, Options};
use herald_model::{Body, RawArticle};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: extract_pages DIR");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    paths.sort();
    let opts = Options {
        keep_title_copy: true,
        ..Options::default()
    };
    let mut chars = 0;
    for path in paths {
        let bytes = std::fs::read(&path).expect("readable page");
        let html = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let raw = RawArticle {
            id: path.display().to_string(),
            url: None,
            title: None,
            body: Body::Html(html),
            published: None,
            source: None,
            origin: "bench".into(),
        };
        let (cleaned, page) = clean_raw(&raw, &opts);
        chars += cleaned.text.len() + page.map_or(0, |p| p.published.map_or(0, |d| d.len()));
    }
    println!("{chars}");
}
