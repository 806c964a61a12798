//! End to end in a real browser: headless Chromium, driven by playwright-core from
//! `browser/test.mjs`, against a server on a loopback port over the example store.
//!
//! Needs `/usr/bin/chromium` (or `$HERALD_CHROMIUM`), `node`, and `npm ci` run in
//! `crates/herald-server/browser`. When one is missing the test prints a SKIPPED line
//! and passes, unless `HERALD_REQUIRE_BROWSER=1` (CI) makes it fail.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{build_store, Server};

fn missing_prerequisite(browser_dir: &Path) -> Option<String> {
    let chromium = std::env::var("HERALD_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!(
            "{chromium} is missing (apt-get install -y chromium)"
        ));
    }
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !node.is_ok_and(|s| s.success()) {
        return Some("node is not on PATH".into());
    }
    if !browser_dir.join("node_modules/playwright-core").is_dir() {
        return Some(format!(
            "playwright-core is not installed (run npm ci in {})",
            browser_dir.display()
        ));
    }
    None
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"))
}

#[test]
fn pages_work_in_headless_chromium() {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("browser");
    if let Some(why) = missing_prerequisite(&browser_dir) {
        if std::env::var("HERALD_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("browser test required (HERALD_REQUIRE_BROWSER=1) but {why}");
        }
        eprintln!("SKIPPED pages_work_in_headless_chromium: {why}");
        return;
    }
    let (_dir, db) = build_store(&[]);
    let server = Server::start(&db);
    let outdir = target_dir().join("browser");
    let mut child = Command::new("node")
        .arg(browser_dir.join("test.mjs"))
        .arg(server.url())
        .arg(&outdir)
        .current_dir(&browser_dir)
        .spawn()
        .expect("start node");
    // A hung browser must not hang the test suite.
    let deadline = Instant::now() + Duration::from_secs(300);
    let status = loop {
        match child.try_wait().expect("wait for node") {
            Some(status) => break status,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the browser test did not finish in 300 s");
            }
            None => std::thread::sleep(Duration::from_millis(200)),
        }
    };
    assert!(status.success(), "browser test failed: {status}");
    for shot in ["front.png", "event.png", "search.png"] {
        let png = std::fs::read(outdir.join(shot)).expect("screenshot written");
        assert!(png.starts_with(b"\x89PNG"), "{shot} is a PNG");
    }
}
