//! The article stream: paths in, one [`RawArticle`] (or error) at a time out.
//!
//! Folders are walked recursively in sorted order (byte order of names, hidden entries
//! skipped, each real folder visited once even through symlink loops), so the stream is
//! the same on every machine. JSON Lines, plain or gzipped, from a file or stdin (`-`), is
//! read line by line: a file of a million articles is never held in memory, and a bad line
//! is one error item, not the end of the file. WARC files are streamed record by record
//! (`warc.rs`). Other formats are one article per file (one array per `.json` file, one
//! article per item of a feed) and are read whole, up to [`Options::max_file_bytes`]; an
//! HTML page keeps its first [`Options::max_page_bytes`], with a warning.
//!
//! Standard input (`-`) holds JSON Lines, a WARC stream, or (when it starts with `<`) one
//! page or feed; gzipped or not.
//!
//! Plain text is passed on whole as `Body::Text` with `title: None`; splitting off a title
//! line is the cleaning stage's job (`herald_extract::clean_raw` applies the plain-text
//! title rule to text without a title), so every text source gets the same rule.
//!
//! Ids: a record's own `id`, else the file name for one-article files, else a hash (see
//! `record.rs`). A later article whose id was already seen keeps its data and gets a
//! suffix, `id~2`, `id~3`, with a warning: two inputs are never silently merged.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use herald_model::{Body, RawArticle};
use serde_json::Value;
use tracing::{debug, warn};

use crate::decode::{decode, decode_with, is_binary, note_decoding, trim_partial_utf8, Hints};
use crate::error::IngestError;
use crate::format::{self, Format};
use crate::record::from_value;
use crate::warc::Warc;

/// Limits of the readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Largest file read whole (text, HTML, JSON), after decompression.
    pub max_file_bytes: u64,
    /// Longest line of a JSON Lines input.
    pub max_line_bytes: usize,
    /// Longest HTML page (a file or a WARC record); a longer page keeps its beginning, with
    /// a warning. The extractor reads no more than 4 MiB of a page anyway
    /// (`herald_extract::MAX_HTML_BYTES`), and a 50 MB "page" is nearly always inline data.
    pub max_page_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_bytes: 256 << 20,
            max_line_bytes: 64 << 20,
            max_page_bytes: 4 << 20,
        }
    }
}

/// Reads every article under `paths` (files, folders, `-` for JSON Lines on stdin).
pub fn read(paths: &[PathBuf]) -> Articles {
    read_with(paths, &Options::default())
}

/// [`read`] with explicit limits.
pub fn read_with(paths: &[PathBuf], opts: &Options) -> Articles {
    Articles {
        queue: paths
            .iter()
            .map(|p| Input {
                path: p.clone(),
                explicit: true,
            })
            .collect(),
        current: None,
        ids: HashMap::new(),
        visited_dirs: HashSet::new(),
        opts: opts.clone(),
    }
}

/// The stream of articles; see the module docs.
pub struct Articles {
    queue: VecDeque<Input>,
    current: Option<Box<dyn Iterator<Item = Result<RawArticle, IngestError>>>>,
    /// Ids handed out, with the last suffix used for each.
    ids: HashMap<String, u32>,
    visited_dirs: HashSet<PathBuf>,
    opts: Options,
}

struct Input {
    path: PathBuf,
    /// Named by the user (sniffed when the name says nothing) rather than found in a folder.
    explicit: bool,
}

type Source = Box<dyn Iterator<Item = Result<RawArticle, IngestError>>>;

impl Iterator for Articles {
    type Item = Result<RawArticle, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(current) = self.current.as_mut() {
                match current.next() {
                    Some(item) => return Some(item.map(|a| self.unique(a))),
                    None => self.current = None,
                }
            }
            let input = self.queue.pop_front()?;
            match self.open(input) {
                Ok(Some(source)) => self.current = Some(source),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl Articles {
    /// Makes an article's id unique among those already handed out.
    fn unique(&mut self, mut article: RawArticle) -> RawArticle {
        if let Some(last) = self.ids.get(&article.id).copied() {
            let mut n = last.max(1) + 1;
            let mut candidate = format!("{}~{n}", article.id);
            while self.ids.contains_key(&candidate) {
                n += 1;
                candidate = format!("{}~{n}", article.id);
            }
            warn!(
                id = %article.id,
                new_id = %candidate,
                origin = %article.origin,
                "duplicate article id, renamed"
            );
            self.ids.insert(article.id.clone(), n);
            article.id = candidate;
        }
        self.ids.insert(article.id.clone(), 1);
        article
    }

    /// Turns one input into a source of articles; folders are queued, not read.
    fn open(&mut self, input: Input) -> Result<Option<Source>, IngestError> {
        let Input { path, explicit } = input;
        let origin = path.display().to_string();
        if path.as_os_str() == "-" {
            return self.stdin().map(Some);
        }
        let meta = fs::metadata(&path).map_err(|source| IngestError::Io {
            origin: origin.clone(),
            source,
        })?;
        if meta.is_dir() {
            self.queue_folder(&path)?;
            return Ok(None);
        }
        let (by_name, gz_name) = format::from_name(&path);
        if by_name.is_none() && !explicit {
            debug!(path = %origin, "skipping file of unknown type");
            return Ok(None);
        }
        let opts = self.opts.clone();
        let file = File::open(&path).map_err(|source| IngestError::Io {
            origin: origin.clone(),
            source,
        })?;
        let mut reader = BufReader::new(file);
        let head = reader
            .fill_buf()
            .map_err(|source| IngestError::Io {
                origin: origin.clone(),
                source,
            })?
            .to_vec();
        if head.is_empty() {
            return Err(IngestError::Empty { origin });
        }
        let gz = gz_name || (by_name.is_none() && format::is_gzip(&head));
        let mut reader: Box<dyn BufRead> = if gz {
            Box::new(BufReader::new(MultiGzDecoder::new(reader)))
        } else {
            Box::new(reader)
        };
        let stem = format::stem(&path);
        match by_name {
            Some(Format::JsonLines) => Ok(Some(json_lines(reader, origin, &opts)?)),
            Some(Format::Warc) => Ok(Some(warc(reader, origin, &opts)?)),
            Some(Format::Feed) => {
                let bytes = read_all(reader, &origin, opts.max_file_bytes)?;
                if !explicit && !format::is_feed(&bytes) {
                    debug!(path = %origin, "skipping XML file that is not a feed");
                    return Ok(None);
                }
                whole_file(&bytes, Format::Feed, &stem, origin, &opts).map(Some)
            }
            Some(format) => {
                let bytes = read_all(reader, &origin, opts.max_file_bytes)?;
                whole_file(&bytes, format, &stem, origin, &opts).map(Some)
            }
            None => {
                // A web archive is streamed, so it is recognised before reading the whole.
                let head = reader.fill_buf().map_err(|source| IngestError::Io {
                    origin: origin.clone(),
                    source,
                })?;
                if format::sniff(head) == Format::Warc {
                    return Ok(Some(warc(reader, origin, &opts)?));
                }
                let bytes = read_all(reader, &origin, opts.max_file_bytes)?;
                let format = format::sniff(&bytes);
                debug!(path = %origin, ?format, "sniffed format");
                whole_file(&bytes, format, &stem, origin, &opts).map(Some)
            }
        }
    }

    /// Standard input: JSON Lines, a WARC stream, or one page or feed; gzipped or not.
    fn stdin(&mut self) -> Result<Source, IngestError> {
        let origin = "<stdin>".to_string();
        let io_err = |source| IngestError::Io {
            origin: origin.clone(),
            source,
        };
        let mut reader: Box<dyn BufRead> = Box::new(io::stdin().lock());
        if format::is_gzip(reader.fill_buf().map_err(io_err)?) {
            reader = Box::new(BufReader::new(MultiGzDecoder::new(reader)));
        }
        let head = reader.fill_buf().map_err(io_err)?;
        let first = head.iter().find(|b| !b.is_ascii_whitespace()).copied();
        match format::sniff(head) {
            Format::Warc => warc(reader, origin, &self.opts),
            _ if first == Some(b'<') => {
                let bytes = read_all(reader, &origin, self.opts.max_file_bytes)?;
                let format = format::sniff(&bytes);
                whole_file(&bytes, format, "stdin", origin, &self.opts)
            }
            _ => json_lines(reader, origin, &self.opts),
        }
    }

    /// Queues a folder's entries, sorted, ahead of the rest of the queue.
    fn queue_folder(&mut self, dir: &Path) -> Result<(), IngestError> {
        let origin = dir.display().to_string();
        let io_err = |source| IngestError::Io {
            origin: origin.clone(),
            source,
        };
        let real = fs::canonicalize(dir).map_err(io_err)?;
        if !self.visited_dirs.insert(real) {
            debug!(path = %origin, "folder already read");
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = Vec::new();
        for entry in fs::read_dir(dir).map_err(io_err)? {
            let entry = entry.map_err(io_err)?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            entries.push(entry.path());
        }
        entries.sort();
        for path in entries.into_iter().rev() {
            self.queue.push_front(Input {
                path,
                explicit: false,
            });
        }
        Ok(())
    }
}

/// Reads at most `max` bytes; more is an error, so is a read failure (truncated gzip).
fn read_all(reader: Box<dyn BufRead>, origin: &str, max: u64) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| IngestError::Io {
            origin: origin.to_string(),
            source,
        })?;
    if bytes.len() as u64 > max {
        return Err(IngestError::TooLarge {
            origin: origin.to_string(),
            limit: max,
        });
    }
    Ok(bytes)
}

/// A WARC stream; binary data that is not one (a WARC file must start with `WARC/`) is an
/// error at once rather than one error per garbage line.
fn warc(
    mut reader: Box<dyn BufRead>,
    origin: String,
    opts: &Options,
) -> Result<Source, IngestError> {
    let head = reader.fill_buf().map_err(|source| IngestError::Io {
        origin: origin.clone(),
        source,
    })?;
    if head.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty { origin });
    }
    if format::sniff(head) != Format::Warc && is_binary(head) {
        return Err(IngestError::Binary { origin });
    }
    Ok(Box::new(Warc::new(reader, origin, opts.max_page_bytes)))
}

/// Text, HTML, JSON or a feed read whole.
fn whole_file(
    bytes: &[u8],
    format: Format,
    stem: &str,
    origin: String,
    opts: &Options,
) -> Result<Source, IngestError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty { origin });
    }
    if format == Format::Warc {
        let reader = Box::new(io::Cursor::new(bytes.to_vec()));
        return warc(reader, origin, opts);
    }
    if is_binary(bytes) {
        return Err(IngestError::Binary { origin });
    }
    if format == Format::Feed {
        // The XML declaration says the encoding; feed-rs decodes.
        let items = crate::feed::items(bytes, &origin)?;
        if items.is_empty() {
            return Err(IngestError::Empty { origin });
        }
        return Ok(Box::new(items.into_iter()));
    }
    let text = if format == Format::Html {
        let cut: Vec<u8>;
        let page = if bytes.len() > opts.max_page_bytes {
            warn!(
                "{origin}: page of {} bytes, only its first {} bytes are read",
                bytes.len(),
                opts.max_page_bytes
            );
            let mut head = bytes[..opts.max_page_bytes].to_vec();
            trim_partial_utf8(&mut head);
            cut = head;
            &cut[..]
        } else {
            bytes
        };
        let decoded = decode_with(
            page,
            &Hints {
                html: true,
                ..Hints::default()
            },
        );
        note_decoding(&origin, &decoded);
        decoded.text
    } else {
        decode(bytes, false)
    };
    if text.trim().is_empty() {
        return Err(IngestError::Empty { origin });
    }
    let article = |body| RawArticle {
        id: stem.to_string(),
        url: None,
        title: None,
        body,
        published: None,
        source: None,
        origin: origin.clone(),
    };
    match format {
        Format::Text => Ok(Box::new(std::iter::once(Ok(article(Body::Text(text)))))),
        Format::Html => Ok(Box::new(std::iter::once(Ok(article(Body::Html(text)))))),
        // JSON and JSON Lines (web archives and feeds returned above).
        _ => Ok(Box::new(json_values(&text, stem, &origin).into_iter())),
    }
}

/// Every article of a JSON document: an object, an array, or concatenated values.
fn json_values(text: &str, stem: &str, origin: &str) -> Vec<Result<RawArticle, IngestError>> {
    let mut out = Vec::new();
    let mut record = 0usize;
    for (position, value) in serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .enumerate()
    {
        match value {
            Ok(Value::Array(items)) => {
                for item in &items {
                    out.push(from_value(item, None, format!("{origin}#{record}")));
                    record += 1;
                }
            }
            Ok(value) => {
                // A file holding one article is named after the file.
                let default_id = (position == 0).then_some(stem);
                out.push(from_value(&value, default_id, format!("{origin}#{record}")));
                record += 1;
            }
            Err(e) => {
                out.push(Err(IngestError::Json {
                    origin: format!("{origin}:{}", e.line()),
                    message: json_message(&e),
                }));
                break;
            }
        }
    }
    // One object alone: its origin is the file.
    if record == 1 {
        if let Some(Ok(article)) = out.first_mut() {
            article.origin = origin.to_string();
        }
    }
    out
}

/// serde_json's message with the column but without the line (the origin has it).
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(message, _)| message);
    if e.column() > 0 {
        format!("{message} at column {}", e.column())
    } else {
        message.to_string()
    }
}

/// A JSON Lines source, streaming; gzip on stdin is recognised by its magic number.
fn json_lines(
    mut reader: Box<dyn BufRead>,
    origin: String,
    opts: &Options,
) -> Result<Source, IngestError> {
    let head = reader.fill_buf().map_err(|source| IngestError::Io {
        origin: origin.clone(),
        source,
    })?;
    if format::is_gzip(head) {
        reader = Box::new(BufReader::new(MultiGzDecoder::new(reader)));
    }
    let head = reader.fill_buf().map_err(|source| IngestError::Io {
        origin: origin.clone(),
        source,
    })?;
    if is_binary(head) {
        return Err(IngestError::Binary { origin });
    }
    Ok(Box::new(JsonLines {
        reader,
        origin,
        line: 0,
        records: 0,
        pending: VecDeque::new(),
        done: false,
        max_line: opts.max_line_bytes,
    }))
}

struct JsonLines {
    reader: Box<dyn BufRead>,
    origin: String,
    line: usize,
    /// Non-blank lines seen.
    records: usize,
    pending: VecDeque<Result<RawArticle, IngestError>>,
    done: bool,
    max_line: usize,
}

impl Iterator for JsonLines {
    type Item = Result<RawArticle, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            buf.clear();
            let origin = format!("{}:{}", self.origin, self.line + 1);
            match read_line_bounded(self.reader.as_mut(), &mut buf, self.max_line) {
                Err(source) => {
                    self.done = true;
                    return Some(Err(IngestError::Io { origin, source }));
                }
                Ok(None) => {
                    self.done = true;
                    if self.records == 0 {
                        return Some(Err(IngestError::Empty {
                            origin: self.origin.clone(),
                        }));
                    }
                    return None;
                }
                Ok(Some(truncated)) => {
                    self.line += 1;
                    if truncated {
                        self.records += 1;
                        return Some(Err(IngestError::TooLarge {
                            origin,
                            limit: self.max_line as u64,
                        }));
                    }
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.records += 1;
                    let text = String::from_utf8_lossy(&buf);
                    match serde_json::from_str::<Value>(&text) {
                        Ok(Value::Array(items)) => {
                            for (i, item) in items.iter().enumerate() {
                                self.pending.push_back(from_value(
                                    item,
                                    None,
                                    format!("{origin}#{i}"),
                                ));
                            }
                        }
                        Ok(value) => return Some(from_value(&value, None, origin)),
                        Err(e) => {
                            return Some(Err(IngestError::Json {
                                origin,
                                message: json_message(&e),
                            }))
                        }
                    }
                }
            }
        }
    }
}

/// Reads one line (without its `\n`) into `buf`, keeping at most `max` bytes.
///
/// `Ok(None)` at the end of input; `Ok(Some(true))` when the line was longer than `max`
/// (the rest of it is skipped).
pub(crate) fn read_line_bounded(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<bool>> {
    let mut read_any = false;
    let mut truncated = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(read_any.then_some(truncated));
        }
        read_any = true;
        let (chunk, consumed, end_of_line) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        let room = max.saturating_sub(buf.len());
        if chunk.len() > room {
            truncated = true;
        }
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        reader.consume(consumed);
        if end_of_line {
            return Ok(Some(truncated));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_lines() {
        let mut r: &[u8] = b"short\nmuch longer line\n\nlast";
        let mut buf = Vec::new();
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 8).ok(),
            Some(Some(false))
        );
        assert_eq!(buf, b"short");
        buf.clear();
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 8).ok(),
            Some(Some(true))
        );
        assert_eq!(buf, b"much lon");
        buf.clear();
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 8).ok(),
            Some(Some(false))
        );
        assert!(buf.is_empty());
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 8).ok(),
            Some(Some(false))
        );
        assert_eq!(buf, b"last");
        buf.clear();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 8).ok(), Some(None));
    }

    #[test]
    fn json_documents() {
        let out = json_values(r#"{"text": "a"}"#, "stem", "f.json");
        assert_eq!(out.len(), 1);
        let a = out[0].as_ref().expect("article");
        assert_eq!((a.id.as_str(), a.origin.as_str()), ("stem", "f.json"));

        let out = json_values(
            r#"[{"text": "a"}, {"title": "no body"}, {"text": "b", "id": "b"}]"#,
            "s",
            "f",
        );
        assert_eq!(out.len(), 3);
        assert!(out[0]
            .as_ref()
            .is_ok_and(|a| a.id.starts_with("a_") && a.origin == "f#0"));
        assert!(out[1].as_ref().is_err_and(|e| e.origin() == "f#1"));
        assert!(out[2].as_ref().is_ok_and(|a| a.id == "b"));

        let out = json_values("{\"text\": \"a\"}\n{\"text\": \"b\"}\n{oops", "s", "f");
        assert_eq!(out.len(), 3);
        let err = out[2].as_ref().expect_err("malformed tail");
        assert_eq!(err.to_string(), "f:3: key must be a string at column 2");
    }

    #[test]
    fn ids_are_made_unique() {
        let mut articles = read(&[]);
        let a = |id: &str| RawArticle {
            id: id.into(),
            url: None,
            title: None,
            body: Body::Text("x".into()),
            published: None,
            source: None,
            origin: "t".into(),
        };
        let ids: Vec<String> = ["x", "x", "x~2", "x", "y"]
            .iter()
            .map(|id| articles.unique(a(id)).id)
            .collect();
        assert_eq!(ids, ["x", "x~2", "x~2~2", "x~3", "y"]);
    }
}
