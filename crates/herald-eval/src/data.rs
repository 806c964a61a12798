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
