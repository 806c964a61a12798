//! Behaviour of the readers on real files: every format, gzip, folders, and broken input.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use herald_ingest::{read, read_with, IngestError, Options};
use herald_model::{Body, RawArticle};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folder");
    }
    fs::write(&path, bytes).expect("write file");
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).expect("gzip in memory");
    enc.finish().expect("gzip in memory")
}

fn all(paths: &[PathBuf]) -> (Vec<RawArticle>, Vec<IngestError>) {
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for item in read(paths) {
        match item {
            Ok(a) => ok.push(a),
            Err(e) => errors.push(e),
        }
    }
    (ok, errors)
}

fn text(a: &RawArticle) -> &str {
    match &a.body {
        Body::Text(t) | Body::Html(t) => t,
    }
}

/// Deterministic pseudo-random bytes (no rand dependency needed).
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 56) as u8
        })
        .collect()
}

#[test]
fn txt_file_is_one_text_article_named_after_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = write(dir.path(), "007_story.txt", b"Title line\n\nBody text.\n");
    let (ok, errors) = all(std::slice::from_ref(&p));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].id, "007_story");
    assert_eq!(ok[0].title, None);
    assert_eq!(ok[0].body, Body::Text("Title line\n\nBody text.\n".into()));
    assert_eq!(ok[0].origin, p.display().to_string());
}

#[test]
fn html_file_is_one_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = write(
        dir.path(),
        "page.htm",
        b"<html><body><p>Hi</p></body></html>",
    );
    let (ok, _) = all(&[p]);
    assert_eq!(ok.len(), 1);
    assert!(matches!(ok[0].body, Body::Html(_)));
    assert_eq!(ok[0].id, "page");
}

#[test]
fn json_object_and_array() {
    let dir = tempfile::tempdir().expect("temp dir");
    let one = write(
        dir.path(),
        "one.json",
        br#"{"title": "T", "text": "Body."}"#,
    );
    let many = write(
        dir.path(),
        "many.json",
        br#"[{"id": "a", "text": "A."}, {"id": "b", "html": "<p>B</p>"}]"#,
    );
    let (ok, errors) = all(&[one, many]);
    assert!(errors.is_empty(), "{errors:?}");
    let ids: Vec<&str> = ok.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["one", "a", "b"]);
    assert_eq!(ok[0].title.as_deref(), Some("T"));
    assert!(matches!(ok[2].body, Body::Html(_)));
    assert!(ok[1].origin.ends_with("many.json#0"));
}

#[test]
fn jsonl_with_a_malformed_line_keeps_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = write(
        dir.path(),
        "feed.jsonl",
        b"{\"id\": \"1\", \"text\": \"One.\"}\n\n{\"id\": \"2\", \"text\": \n{\"id\": \"3\", \"text\": \"Three.\"}\n{\"id\": \"4\"}\n",
    );
    let items: Vec<_> = read(std::slice::from_ref(&p)).collect();
    assert_eq!(items.len(), 4);
    assert!(items[0].as_ref().is_ok_and(|a| a.id == "1"));
    let err = items[1].as_ref().expect_err("line 3 is malformed");
    let origin = format!("{}:3", p.display());
    assert_eq!(err.origin(), origin);
    assert!(err.to_string().starts_with(&format!("{origin}: ")), "{err}");
    assert!(err.to_string().contains("column"), "{err}");
    assert!(items[2]
        .as_ref()
        .is_ok_and(|a| a.id == "3" && a.origin.ends_with(":4")));
    assert!(matches!(items[3], Err(IngestError::NoBody { .. })));
}

#[test]
fn jsonl_without_ids_gets_stable_hash_ids() {
    let dir = tempfile::tempdir().expect("temp dir");
    let line = b"{\"url\": \"https://example.org/a\", \"text\": \"A.\"}\n{\"text\": \"B.\"}\n";
    let p = write(dir.path(), "x.jsonl", line);
    let (first, _) = all(std::slice::from_ref(&p));
    let (second, _) = all(&[p]);
    assert_eq!(first.len(), 2);
    assert!(first.iter().all(|a| a.id.starts_with("a_")));
    assert_ne!(first[0].id, first[1].id);
    let ids = |v: &[RawArticle]| v.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&second));
}

#[test]
fn news_please_field_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = write(
        dir.path(),
        "np.json",
        br#"{"title": "T", "maintext": "Main text.", "date_publish": "2019-04-12 10:33:00",
            "source_domain": "example.org", "url": "https://example.org/x"}"#,
    );
    let (ok, errors) = all(&[p]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok[0].body, Body::Text("Main text.".into()));
    assert_eq!(ok[0].published.as_deref(), Some("2019-04-12 10:33:00"));
    assert_eq!(ok[0].source.as_deref(), Some("example.org"));
    assert_eq!(ok[0].url.as_deref(), Some("https://example.org/x"));
}

#[test]
fn gzip_of_each_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = vec![
        write(dir.path(), "a.txt.gz", &gzip(b"Plain text.")),
        write(dir.path(), "b.html.gz", &gzip(b"<p>Page</p>")),
        write(dir.path(), "c.json.gz", &gzip(br#"{"text": "Json."}"#)),
        write(
            dir.path(),
            "d.jsonl.gz",
            &gzip(b"{\"id\": \"d1\", \"text\": \"L1.\"}\n{\"id\": \"d2\", \"text\": \"L2.\"}\n"),
        ),
    ];
    let (ok, errors) = all(&paths);
    assert!(errors.is_empty(), "{errors:?}");
    let got: Vec<(&str, &str)> = ok.iter().map(|a| (a.id.as_str(), text(a))).collect();
    assert_eq!(
        got,
        [
            ("a", "Plain text."),
            ("b", "<p>Page</p>"),
            ("c", "Json."),
            ("d1", "L1."),
            ("d2", "L2.")
        ]
    );
}

#[test]
fn truncated_gzip_is_an_error_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lines: String = (0..2000)
        .map(|i| format!("{{\"id\": \"n{i}\", \"text\": \"Line {i} with some text.\"}}\n"))
        .collect();
    let full = gzip(lines.as_bytes());
    let cut = &full[..full.len() / 2];
    let bad_jsonl = write(dir.path(), "cut.jsonl.gz", cut);
    let bad_txt = write(dir.path(), "cut.txt.gz", &gzip(b"some text here")[..12]);
    let good = write(dir.path(), "good.txt", b"Fine.");
    let items: Vec<_> = read(&[bad_jsonl.clone(), bad_txt.clone(), good]).collect();
    let errors: Vec<&IngestError> = items.iter().filter_map(|i| i.as_ref().err()).collect();
    let ok: Vec<&RawArticle> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0]
        .origin()
        .starts_with(&bad_jsonl.display().to_string()));
    assert_eq!(errors[1].origin(), bad_txt.display().to_string());
    assert!(ok.len() > 1, "lines before the cut are kept");
    assert_eq!(ok.last().map(|a| a.id.as_str()), Some("good"));
}

#[test]
fn binary_garbage_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let names = [
        "noise.txt",
        "noise.html",
        "noise.json",
        "noise.jsonl",
        "noise.bin",
    ];
    let paths: Vec<PathBuf> = names
        .iter()
        .enumerate()
        .map(|(i, n)| write(dir.path(), n, &noise(4096, i as u64 + 1)))
        .collect();
    let items: Vec<_> = read(&paths).collect();
    assert!(!items.is_empty());
    for item in &items {
        let err = item.as_ref().expect_err("noise is not an article");
        assert!(
            names.iter().any(|n| err.origin().contains(n)),
            "error names the file: {err}"
        );
    }
    // Every file produced at least one error.
    for n in names {
        assert!(items
            .iter()
            .any(|i| i.as_ref().is_err_and(|e| e.origin().contains(n))));
    }
}

#[test]
fn invalid_utf8_is_decoded_not_fatal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let latin = write(dir.path(), "latin.txt", b"Caf\xe9 au lait, \x93quoted\x94.");
    let jsonl = write(
        dir.path(),
        "bad.jsonl",
        b"{\"id\": \"u\", \"text\": \"Caf\xe9.\"}\n",
    );
    let (ok, errors) = all(&[latin, jsonl]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(text(&ok[0]), "Café au lait, “quoted”.");
    assert_eq!(text(&ok[1]), "Caf\u{FFFD}.");
}

#[test]
fn empty_files_are_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let names = ["e.txt", "e.json", "e.jsonl", "blank.txt", "e.html"];
    let paths: Vec<PathBuf> = names
        .iter()
        .map(|n| {
            write(
                dir.path(),
                n,
                if *n == "blank.txt" { b" \n\n " } else { b"" },
            )
        })
        .collect();
    let items: Vec<_> = read(&paths).collect();
    assert_eq!(items.len(), names.len());
    for (item, name) in items.iter().zip(names) {
        assert!(
            matches!(item, Err(IngestError::Empty { origin }) if origin.ends_with(name)),
            "{item:?}"
        );
    }
}

#[test]
fn folders_are_walked_sorted_and_recursively() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "b.txt", b"B.");
    write(dir.path(), "a.txt", b"A.");
    write(dir.path(), "sub/c.txt", b"C.");
    write(dir.path(), "sub/deeper/d.json", br#"{"text": "D."}"#);
    write(dir.path(), "z.txt", b"Z.");
    write(dir.path(), "image.png", b"\x89PNG\r\n\x1a\n\x00");
    write(dir.path(), "README", b"not an article");
    write(dir.path(), ".hidden.txt", b"hidden");
    let (ok, errors) = all(&[dir.path().to_path_buf()]);
    assert!(errors.is_empty(), "{errors:?}");
    let ids: Vec<&str> = ok.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "z"]);
}

#[test]
fn explicit_files_with_unknown_names_are_sniffed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = write(dir.path(), "feed.data", br#"{"id": "j", "text": "J."}"#);
    let html = write(dir.path(), "page.php", b"<!doctype html><p>H</p>");
    let txt = write(dir.path(), "NOTES", b"Just words.");
    let gz = write(
        dir.path(),
        "blob.bin",
        &gzip(b"{\"id\": \"g\", \"text\": \"G.\"}"),
    );
    let (ok, errors) = all(&[json, html, txt, gz]);
    assert!(errors.is_empty(), "{errors:?}");
    let got: Vec<(&str, bool)> = ok
        .iter()
        .map(|a| (a.id.as_str(), matches!(a.body, Body::Html(_))))
        .collect();
    assert_eq!(
        got,
        [("j", false), ("page", true), ("NOTES", false), ("g", false)]
    );
}

#[test]
fn duplicate_ids_across_inputs_get_a_suffix() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = write(dir.path(), "a/same.txt", b"First.");
    let b = write(dir.path(), "b/same.txt", b"Second.");
    let (ok, _) = all(&[a, b]);
    let got: Vec<(&str, &str)> = ok.iter().map(|a| (a.id.as_str(), text(a))).collect();
    assert_eq!(got, [("same", "First."), ("same~2", "Second.")]);
}

#[test]
fn missing_paths_and_limits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope.txt");
    let big = write(dir.path(), "big.txt", &[b'x'; 100]);
    let long = write(
        dir.path(),
        "long.jsonl",
        b"{\"text\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}\n{\"text\": \"b\"}\n",
    );
    let opts = Options {
        max_file_bytes: 50,
        max_line_bytes: 20,
        ..Options::default()
    };
    let items: Vec<_> = read_with(&[missing.clone(), big, long], &opts).collect();
    assert!(
        matches!(&items[0], Err(IngestError::Io { origin, .. }) if *origin == missing.display().to_string())
    );
    assert!(matches!(
        &items[1],
        Err(IngestError::TooLarge { limit: 50, .. })
    ));
    assert!(
        matches!(&items[2], Err(IngestError::TooLarge { limit: 20, origin }) if origin.ends_with("long.jsonl:1"))
    );
    assert!(items[3].as_ref().is_ok_and(|a| text(a) == "b"));
    assert_eq!(items.len(), 4);
}

#[test]
fn seeds_folder_reads_when_present() {
    let seeds = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ));
    if !seeds.is_dir() {
        eprintln!("skipping: no {}", seeds.display());
        return;
    }
    let (ok, errors) = all(&[seeds]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok.len(), 5);
    let mut sorted: Vec<&str> = ok.iter().map(|a| a.id.as_str()).collect();
    sorted.sort();
    assert_eq!(sorted, ok.iter().map(|a| a.id.as_str()).collect::<Vec<_>>());
}

/// One WARC record with an HTTP response holding `html`.
fn warc_response(url: &str, content_type: &str, html: &[u8]) -> Vec<u8> {
    let mut block = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    block.extend_from_slice(html);
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(&block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn warc_records() -> Vec<Vec<u8>> {
    vec![
        b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 6\r\n\r\nx: y\r\n\r\n\r\n".to_vec(),
        warc_response("https://a.example/1", "text/html", b"<p>First page.</p>"),
        warc_response("https://a.example/2", "image/png", b"\x89PNG\r\n"),
        warc_response(
            "https://a.example/3",
            "text/html; charset=iso-8859-1",
            b"<p>Caf\xe9 page.</p>",
        ),
    ]
}

#[test]
fn warc_files_plain_and_gzip_members() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = write(dir.path(), "c.warc", &warc_records().concat());
    let members: Vec<u8> = warc_records().iter().flat_map(|r| gzip(r)).collect();
    let gz = write(dir.path(), "c.warc.gz", &members);
    // Named without a WARC extension, a web archive is sniffed (gzipped or not).
    let sniffed = write(dir.path(), "crawl-0001", &members);
    for path in [plain, gz, sniffed] {
        let (ok, errors) = all(std::slice::from_ref(&path));
        let urls: Vec<_> = ok.iter().map(|a| a.url.as_deref()).collect();
        assert_eq!(
            urls,
            [Some("https://a.example/1"), Some("https://a.example/3")],
            "{path:?}"
        );
        assert_eq!(ok[0].id, "https://a.example/1");
        assert_eq!(ok[1].body, Body::Html("<p>Café page.</p>".into()));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            matches!(&errors[0], IngestError::NotHtml { content_type, .. } if content_type == "image/png")
        );
        assert_eq!(
            errors[0].origin(),
            format!("{}#2 (https://a.example/2)", path.display())
        );
    }
}

#[test]
fn truncated_warc_gz_keeps_the_complete_records_and_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut members: Vec<u8> = warc_records()[..2].iter().flat_map(|r| gzip(r)).collect();
    let last = gzip(&warc_records()[3]);
    members.extend_from_slice(&last[..last.len() / 2]);
    let cut = write(dir.path(), "a.warc.gz", &members);
    let next = write(dir.path(), "b.txt", b"Next file.");
    let (ok, errors) = all(&[cut.clone(), next]);
    assert_eq!(ok.len(), 2, "{errors:?}");
    assert_eq!(ok[0].url.as_deref(), Some("https://a.example/1"));
    assert_eq!(text(&ok[1]), "Next file.");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0]
        .origin()
        .starts_with(&format!("{}#2", cut.display())));
    assert!(errors[0].to_string().contains("truncated"), "{}", errors[0]);

    // A last member without its gzip trailer: every record is whole, the file is named.
    let mut members: Vec<u8> = warc_records().iter().flat_map(|r| gzip(r)).collect();
    members.truncate(members.len() - 8);
    let p = write(dir.path(), "c.warc.gz", &members);
    let (ok, errors) = all(std::slice::from_ref(&p));
    assert_eq!(ok.len(), 2);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[1].origin(), p.display().to_string());
    assert!(
        errors[1].to_string().contains("after 4 record(s)"),
        "{}",
        errors[1]
    );
}

#[test]
fn warc_of_garbage_is_one_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = write(dir.path(), "junk.warc", &noise(4096, 3));
    let (ok, errors) = all(&[p]);
    assert!(ok.is_empty());
    assert_eq!(errors.len(), 1, "{errors:?}");
}

const FEED: &[u8] = br#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Town Crier</title>
<item><title>Market square reopens after repairs</title><link>https://crier.example/market</link>
<description>The square opened again on Friday.</description></item>
</channel></rss>"#;

#[test]
fn feeds_by_name_by_content_and_xml_that_is_not_a_feed() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "in/news.rss", FEED);
    write(dir.path(), "in/feed.xml.gz", &gzip(FEED));
    write(
        dir.path(),
        "in/sitemap.xml",
        b"<?xml version=\"1.0\"?><urlset></urlset>",
    );
    let (ok, errors) = all(&[dir.path().join("in")]);
    assert!(
        errors.is_empty(),
        "a non-feed .xml in a folder is passed over: {errors:?}"
    );
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[0].id, "https://crier.example/market");
    assert_eq!(ok[1].id, "https://crier.example/market~2");
    assert_eq!(ok[0].source.as_deref(), Some("Town Crier"));
    assert_eq!(
        ok[0].title.as_deref(),
        Some("Market square reopens after repairs")
    );

    // Named on the command line: a feed without a feed name is sniffed; XML that is
    // not a feed is an error.
    let sniffed = write(dir.path(), "latest", FEED);
    let (ok, _) = all(&[sniffed]);
    assert_eq!(ok.len(), 1);
    let (ok, errors) = all(&[dir.path().join("in/sitemap.xml")]);
    assert!(ok.is_empty());
    assert!(
        errors[0]
            .to_string()
            .contains("not a readable RSS or Atom feed"),
        "{}",
        errors[0]
    );
}

#[test]
fn huge_html_page_keeps_its_beginning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut page = "<html><body><p>Start é of the story.</p>"
        .as_bytes()
        .to_vec();
    while page.len() < 10_000 {
        page.extend_from_slice("<p>ééé filler</p>".as_bytes());
    }
    let p = write(dir.path(), "big.html", &page);
    let opts = Options {
        max_page_bytes: 4001,
        ..Options::default()
    };
    let items: Vec<_> = read_with(&[p], &opts).collect();
    assert_eq!(items.len(), 1);
    let a = items[0].as_ref().expect("a page");
    let html = text(a);
    assert!(html.starts_with("<html><body><p>Start é"));
    assert!(html.len() <= 4001 && html.len() > 3990, "{}", html.len());
    assert!(!html.contains('\u{FFFD}'), "cut at a character boundary");
}
