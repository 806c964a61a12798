//! The command line as a user meets it: bad input, exit codes, atomic output, stdin.

use std::io::Write;
use std::process::{Command, Stdio};

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

/// A deterministic stream of pseudo-random bytes (xorshift), so the test needs no RNG crate.
fn garbage(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn binary_garbage_gives_a_clear_error_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for (i, ext) in ["bin", "txt", "jsonl", "html", "json.gz"]
        .iter()
        .enumerate()
    {
        std::fs::write(
            dir.path().join(format!("junk{i}.{ext}")),
            garbage(4096, 7 + i as u64),
        )
        .unwrap();
    }
    // Inside a folder, files of unknown type are passed over (photos, PDFs...); named
    // explicitly, they are sniffed and reported.
    let out = herald()
        .arg("digest")
        .arg(dir.path())
        .arg(dir.path().join("junk0.bin"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let last = stderr.lines().last().unwrap_or("");
    assert!(
        last.starts_with("error: no usable article"),
        "last line should be the error: {stderr}"
    );
    for i in 0..5 {
        assert!(
            stderr.contains(&format!("junk{i}")),
            "each bad file is named in a warning: {stderr}"
        );
    }
}

#[test]
fn nothing_usable_exits_2_with_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("broken.jsonl"), "{not json\n").unwrap();
    let out_file = dir.path().join("out.json");
    let out = herald()
        .arg("digest")
        .arg(dir.path())
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .lines()
            .last()
            .unwrap_or("")
            .starts_with("error: no usable article"),
        "{stderr}"
    );
    assert!(
        !out_file.exists(),
        "no output file is written on unusable input"
    );
}

#[test]
fn bad_items_are_skipped_and_the_rest_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let good = r#"{"id":"a1","title":"Storm hits coast","text":"A storm hit the coast on Monday and damaged dozens of homes, officials said."}"#;
    std::fs::write(dir.path().join("in.jsonl"), format!("{good}\n{{oops\n")).unwrap();
    let out = herald()
        .args(["digest", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("in.jsonl:2"),
        "the warning names the file and line: {stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 1);
    assert_eq!(v["events"].as_array().unwrap().len(), 1);
    assert_eq!(v["events"][0]["articles"][0], "a1");
}

/// `-o` onto something that is not a regular file (a named pipe here; `/dev/null` in the
/// wild) writes into it: renaming a finished temporary file over it would replace the
/// device with a plain file.
#[cfg(unix)]
#[test]
fn output_to_a_named_pipe_writes_into_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let articles = dir.path().join("a.txt");
    std::fs::write(
        &articles,
        "Rescuers pulled two people from the river on Sunday after their boat capsized, police said.",
    )
    .unwrap();
    let out = herald()
        .args(["digest", "--format", "assignments", "-o"])
        .arg(&fifo)
        .arg(&articles)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Checked before waiting on the reader, which a replaced pipe would leave waiting.
    let kind = std::fs::metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the named pipe was replaced: {kind:?}");
    let read = reader.join().unwrap();
    assert!(
        String::from_utf8_lossy(&read).contains("\"id\":\"a\""),
        "{read:?}"
    );
}

#[test]
fn stdin_jsonl_and_atomic_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("digest.json");
    let mut child = herald()
        .args(["digest", "-", "--format", "json", "-o"])
        .arg(&out_file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\":\"x\",\"text\":\"Rescuers pulled two people from the river on Sunday after their boat capsized, police said.\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    assert_eq!(v["articles"][0]["id"], "x");
    assert_eq!(v["articles"][0]["language"], "en");
}

#[test]
fn help_teaches() {
    let out = herald().args(["digest", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--summary-words"));
    assert!(help.contains("Exit status"));
}
