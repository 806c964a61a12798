//! Reading evaluation files.

use std::io::BufRead;
use std::path::Path;

use crate::Error;

/// Every JSON value of a JSON Lines file (plain or `.gz`), blank lines skipped.
pub fn read_jsonl(path: &Path) -> Result<Vec<serde_json::Value>, Error> {
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            file,
        )))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    let mut out = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let value = serde_json::from_str(&line)
            .map_err(|e| Error::Data(format!("{}:{}: {e}", path.display(), n + 1)))?;
        out.push(value);
    }
    Ok(out)
}

/// The two layouts the per-group runners (entities, claims) read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// `seeds/` + `gold/seeds.json`: the user's example with its hand annotations.
    Example,
    /// `incidents.jsonl` + `articles.jsonl`: Gun Violence Archive incidents.
    Gva,
}

/// Which layout `data` holds, or an error that says what was expected.
pub(crate) fn layout(data: &Path) -> Result<Layout, Error> {
    if data.join("gold/seeds.json").is_file() && data.join("seeds").is_dir() {
        Ok(Layout::Example)
    } else if data.join("incidents.jsonl").is_file() && data.join("articles.jsonl").is_file() {
        Ok(Layout::Gva)
    } else {
        Err(Error::Data(format!(
            "{}: expected seeds/ + gold/seeds.json (the example) or incidents.jsonl + \
             articles.jsonl (GVA)",
            data.display()
        )))
    }
}

/// A GVA incident's id as text, whether the file writes it as a string or a number.
pub(crate) fn incident_id(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
