//! Readers for herald: files, folders, `.txt`/`.html`/`.json`/`.jsonl`, web archives
//! (`.warc`, `.warc.gz`), RSS/Atom feeds, `.gz` and stdin, as one stream of raw articles.
//!
//! This is the `ingest` stage of herald's flow (`ingest → clean → analyze → ...`). It knows
//! about bytes, encodings and file formats and nothing about news: what comes out is a
//! [`RawArticle`](herald_model::RawArticle) per article, with its body as the input gave
//! it (plain text or HTML) and an `origin` (`path`, `path:line`, `path#record`) that every
//! later warning can point back to.
//!
//! ```no_run
//! use std::path::PathBuf;
//! for item in herald_ingest::read(&[PathBuf::from("articles/"), PathBuf::from("-")]) {
//!     match item {
//!         Ok(article) => println!("{} from {}", article.id, article.origin),
//!         Err(e) => eprintln!("warning: {e}"), // "feed.jsonl:17: expected value at column 3"
//!     }
//! }
//! ```
//!
//! The stream is lazy and deterministic: folders are walked in sorted order, JSON Lines
//! and WARC files are read record by record, a bad file, line or record is one error item
//! and the rest goes on. Never a panic on bad input: empty files, binary data, invalid
//! UTF-8, truncated gzip or WARC, huge pages all end up as errors, as lossily decoded
//! text or as a page cut to [`Options::max_page_bytes`], each with a warning that names it.

mod decode;
mod error;
mod feed;
mod format;
mod reader;
mod record;
mod warc;

pub use decode::{decode, decode_with, header_charset, is_binary, Charset, Decoded, Hints};
pub use error::IngestError;
pub use format::Format;
pub use reader::{read, read_with, Articles, Options};
pub use record::{from_value, hashed_id, is_headline};
