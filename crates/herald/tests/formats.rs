//! Web archives and news feeds through the built binary: WARC (plain and gzipped one
//! member per record, as Common Crawl writes it), RSS and Atom round-trip through
//! `herald digest` and `herald extract`, and broken inputs (truncated archives, non-HTML
//! records, a 50 MB page, invalid UTF-8) are skipped or cut with a warning that names
//! them, while the rest is kept.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(path)).expect("fixture")
}

/// Text as windows-1252 bytes (the fixture's characters are all in Latin-1).
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}

/// One WARC record.
fn record(kind: &str, url: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\n\
         WARC-Date: 2024-03-07T01:02:03Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        url.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn response(url: &str, http_content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut block =
        format!("HTTP/1.1 200 OK\r\nContent-Type: {http_content_type}\r\n\r\n").into_bytes();
    block.extend_from_slice(body);
    record(
        "response",
        url,
        "application/http; msgtype=response",
        &block,
    )
}

const COURIER: &str = "https://courier.example/2024/03/fire";
const COASTAL: &str = "https://coastal.example/blaze";
const PDF: &str = "https://courier.example/report.pdf";

/// A small crawl: warcinfo, a request, two news pages (one UTF-8, one windows-1252
/// declared only in the HTTP header), a PDF and a metadata record.
fn crawl() -> Vec<Vec<u8>> {
    let coastal = String::from_utf8(fixture("warc/coastal-fire.html")).expect("UTF-8 fixture");
    vec![
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: herald tests\r\n",
        ),
        record(
            "request",
            COURIER,
            "application/http; msgtype=request",
            b"GET /2024/03/fire HTTP/1.1\r\nHost: courier.example\r\n\r\n",
        ),
        response(
            COURIER,
            "text/html; charset=utf-8",
            &fixture("warc/courier-fire.html"),
        ),
        response(PDF, "application/pdf", b"%PDF-1.4\n%binary-ish\n"),
        response(
            COASTAL,
            "text/html; charset=windows-1252",
            &latin1(&coastal),
        ),
        record(
            "metadata",
            COASTAL,
            "application/warc-fields",
            b"fetchTimeMs: 120\r\n",
        ),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).expect("gzip in memory");
    enc.finish().expect("gzip in memory")
}

/// Each record its own gzip member, as crawlers write `.warc.gz`.
fn multi_member(records: &[Vec<u8>]) -> Vec<u8> {
    records.iter().flat_map(|r| gzip(r)).collect()
}

fn run(args: &[&std::ffi::OsStr]) -> (Output, String) {
    let out = herald().args(args).output().expect("run herald");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out, stderr)
}

fn digest(path: &Path) -> (Value, String) {
    let (out, stderr) = run(&[
        "digest".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).expect("digest JSON");
    (json, stderr)
}

fn articles(digest: &Value) -> &Vec<Value> {
    digest["articles"].as_array().expect("articles")
}

fn article<'a>(digest: &'a Value, id: &str) -> &'a Value {
    articles(digest)
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no article {id} in {digest:#}"))
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn warc_plain_and_gzipped_round_trip_through_digest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("crawl.warc");
    let gz = dir.path().join("crawl.warc.gz");
    std::fs::write(&plain, crawl().concat()).expect("write");
    std::fs::write(&gz, multi_member(&crawl())).expect("write");

    let (from_plain, stderr) = digest(&plain);
    let ids: Vec<&str> = articles(&from_plain)
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(ids, [COURIER, COASTAL], "responses only, in file order");
    let courier = article(&from_plain, COURIER);
    assert_eq!(courier["url"], COURIER);
    assert_eq!(
        courier["title"],
        "Warehouse fire in Port Harwick injures four"
    );
    assert_eq!(courier["source"], "Harwick Courier", "og:site_name");
    assert_eq!(
        courier["published"], "2024-03-05T08:00:00Z",
        "the page's date, not the fetch date (WARC-Date)"
    );
    let courier_text = courier["text"].as_str().expect("text");
    assert!(
        courier_text.starts_with("A fire broke out"),
        "{courier_text}"
    );
    assert!(!courier_text.contains("Home"), "navigation removed");
    let coastal = article(&from_plain, COASTAL);
    assert_eq!(coastal["published"], "2024-03-05T14:30:00Z", "JSON-LD date");
    let coastal_text = coastal["text"].as_str().expect("text");
    assert!(
        coastal_text.contains("portside café"),
        "charset from the HTTP header: {coastal_text}"
    );
    // The PDF is named in a warning; the request, warcinfo and metadata records pass silently.
    assert!(
        stderr.contains(
            "crawl.warc#3 (https://courier.example/report.pdf): not an HTML page (application/pdf)"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    let (from_gz, _) = digest(&gz);
    assert_eq!(
        articles(&from_gz),
        articles(&from_plain),
        "gzip members read like the plain file"
    );
}

#[test]
fn rss_and_atom_round_trip_through_digest() {
    let (json, stderr) = digest(&fixtures().join("feeds"));
    assert!(!stderr.contains("WARN"), "{stderr}");
    let ids: Vec<&str> = articles(&json)
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "https://gazette.example/2024/04/bridge-closed",
            "https://gazette.example/2024/04/schools-reopen",
            "https://valleypost.example/news/elm-bridge",
        ]
    );
    let bridge = article(&json, "https://gazette.example/2024/04/bridge-closed");
    assert_eq!(bridge["title"], "Flood damage closes Elmsford river bridge");
    assert_eq!(
        bridge["url"],
        "https://gazette.example/2024/04/bridge-closed"
    );
    assert_eq!(bridge["source"], "Elmsford Gazette");
    assert_eq!(bridge["published"], "2024-04-08T07:45:00Z");
    let text = bridge["text"].as_str().expect("text");
    assert!(
        text.starts_with("The old stone bridge") && text.contains("About 2,000 vehicles"),
        "full content, not the teaser: {text}"
    );
    assert!(!text.contains("<p>"), "HTML content extracted: {text}");
    let schools = article(&json, "https://gazette.example/2024/04/schools-reopen");
    let text = schools["text"].as_str().expect("text");
    assert!(
        text.starts_with("All twelve schools") && !text.contains('<'),
        "escaped HTML description extracted: {text}"
    );
    let atom = article(&json, "https://valleypost.example/news/elm-bridge");
    assert_eq!(atom["source"], "Valley Post");
    assert_eq!(
        atom["published"], "2024-04-08T09:20:00Z",
        "published, not updated"
    );
    assert_eq!(atom["title"], "Cracked arches shut the Elm bridge");
    // The two bridge reports are one event.
    assert_eq!(atom["event"], bridge["event"], "{json:#}");
}

#[test]
fn extract_writes_one_line_per_article_in_the_contract_shape() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("crawl.warc.gz"), multi_member(&crawl())).expect("write");
    std::fs::copy(
        fixtures().join("warc/courier-fire.html"),
        dir.path().join("page.html"),
    )
    .expect("copy");
    std::fs::copy(
        fixtures().join("feeds/valley-post.atom"),
        dir.path().join("valley-post.atom"),
    )
    .expect("copy");
    let (out, stderr) = run(&["extract".as_ref(), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let all = lines(&out.stdout);
    // Fields in the contract's order, on every line.
    let keys = [
        "id",
        "url",
        "title",
        "text",
        "published",
        "author",
        "source",
        "language",
    ];
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let at: Vec<usize> = keys
            .iter()
            .map(|k| line.find(&format!("\"{k}\":")).expect("every field"))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{line}");
        let fields = serde_json::from_str::<Value>(line).map(|v| v.as_object().map(|o| o.len()));
        assert_eq!(fields.ok().flatten(), Some(keys.len()), "{line}");
    }
    let ids: Vec<&str> = all.iter().filter_map(|a| a["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            COURIER,
            COASTAL,
            "page",
            "https://valleypost.example/news/elm-bridge"
        ]
    );
    assert_eq!(all[0]["author"], "Mara Lindqvist", "author meta");
    assert_eq!(all[1]["author"], "Jonas Brekke", "JSON-LD author");
    assert_eq!(all[2]["url"], Value::Null);
    assert_eq!(all[2]["language"], "en");
    assert_eq!(all[2]["source"], "Harwick Courier");

    // The same lines, in the same order, on one thread.
    let (one, _) = run(&[
        "--threads".as_ref(),
        "1".as_ref(),
        "extract".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert_eq!(one.stdout, out.stdout);
}

/// A page: the story first, then `filler` bytes of inline script (as pages with inline
/// data are), so the extracted text stays small whatever the page's size.
fn page_with_filler(title: &str, filler: usize) -> Vec<u8> {
    let mut page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title></head><body>\
         <article><h1>{title}</h1>\
         <p>Volunteers planted four hundred oak saplings along the northern edge of the \
         town park on Saturday, the parks office said.</p>\
         <p>The trees replace a row of elms lost to disease, and the office plans a second \
         planting day in the autumn.</p></article><script>var data = \""
    )
    .into_bytes();
    let line = b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    while page.len() < filler {
        page.extend_from_slice(line);
    }
    page.extend_from_slice(b"\";</script></body></html>");
    page
}

#[test]
fn broken_inputs_are_named_in_warnings_and_the_rest_is_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let put =
        |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).expect("write");

    // A multi-member .warc.gz cut inside its last member.
    let records = crawl();
    let mut cut = multi_member(&records[..3]);
    let last = gzip(&records[4]);
    cut.extend_from_slice(&last[..last.len() / 2]);
    put("a-cut.warc.gz", &cut);
    // A plain WARC cut inside its last record's page.
    let mut cut = records[..3].concat();
    cut.extend_from_slice(&records[4][..records[4].len() - 200]);
    put("b-cut.warc", &cut);
    // A 50 MB page: its first part is read, with a warning.
    put(
        "c-huge.html",
        &page_with_filler("Oak saplings planted in the park", 50 << 20),
    );
    // A UTF-8 page with bytes that are not UTF-8.
    let bad = b"<html><body><article><p>The r\xc3\xa9gion's new ferry \xff\xfe will sail \
        twice a day from the harbour at Lunde, the operator said on Friday.</p>\
        <p>Tickets for the first crossings go on sale next week at the harbour office.</p>\
        </article></body></html>";
    put("d-bad-utf8.html", bad);

    let (out, stderr) = run(&[
        "digest".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).expect("digest JSON");
    let ids: Vec<&str> = articles(&json)
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    // Each cut archive keeps the page before the cut (the second is renamed `~2`, as any
    // repeated id is).
    assert_eq!(
        ids,
        [COURIER, &format!("{COURIER}~2"), "c-huge", "d-bad-utf8"],
        "{stderr}"
    );
    for (file, what) in [
        // The gzip stream may end before the record's URL is read.
        ("a-cut.warc.gz#3", "truncated"),
        ("b-cut.warc#3 (https://coastal.example/blaze)", "truncated"),
        ("c-huge.html", "only its first"),
        ("d-bad-utf8.html", "replaced"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(what)),
            "a warning names {file}: {stderr}"
        );
    }
    let huge = article(&json, "c-huge");
    assert!(
        huge["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Volunteers planted") && t.len() < 1000),
        "{huge}"
    );
    let bad = article(&json, "d-bad-utf8");
    assert!(
        bad["text"]
            .as_str()
            .is_some_and(|t| t.contains("The région's new ferry \u{FFFD}\u{FFFD} will sail")),
        "{bad}"
    );
}

#[test]
fn warc_and_feed_on_standard_input() {
    let mut child = herald()
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run herald");
    let input = multi_member(&crawl());
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("herald ends");
    writer.join().expect("writer").expect("write stdin");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let ids: Vec<String> = lines(&out.stdout)
        .iter()
        .filter_map(|a| a["id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(ids, [COURIER, COASTAL]);
    assert!(stderr.contains("<stdin>#3"), "{stderr}");

    let out = herald()
        .args(["extract", "-"])
        .stdin(std::fs::File::open(fixtures().join("feeds/elmsford-gazette.rss")).expect("open"))
        .output()
        .expect("run herald");
    assert_eq!(
        lines(&out.stdout).len(),
        2,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn extract_of_nothing_usable_exits_2_and_writes_no_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let warc = dir.path().join("pdfs.warc");
    std::fs::write(&warc, response(PDF, "application/pdf", b"%PDF-1.4\n")).expect("write");
    let output = dir.path().join("out.jsonl");
    let (out, stderr) = run(&[
        "extract".as_ref(),
        "-o".as_ref(),
        output.as_os_str(),
        warc.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("pdfs.warc#0 (https://courier.example/report.pdf)"),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("error: no usable article")),
        "{stderr}"
    );
    assert!(!output.exists());

    // With a page, the file is written whole.
    std::fs::write(
        dir.path().join("page.html"),
        fixture("warc/courier-fire.html"),
    )
    .expect("write");
    let (out, stderr) = run(&[
        "extract".as_ref(),
        "-o".as_ref(),
        output.as_os_str(),
        dir.path().as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let written = std::fs::read(&output).expect("output written");
    assert_eq!(lines(&written).len(), 1);
    assert!(out.stdout.is_empty());
}
