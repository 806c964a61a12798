//! What can go wrong reading one input, always named by where it happened.
//!
//! Every error carries the input's origin (`path`, `path:line` for a line of a JSON Lines
//! file or the line a JSON parse failed on, `path#3` for a record of a JSON array, a WARC
//! file or a feed, followed by the record's URL when it has one), so a
//! user can go straight to the cause. Errors are items of the article stream, not the end
//! of it: the reader goes on with the next record or file.

use std::io;

use thiserror::Error;

/// A problem with one input file, line or record.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The file or folder could not be read (missing, permissions, truncated gzip, ...).
    #[error("{origin}: {source}")]
    Io {
        origin: String,
        #[source]
        source: io::Error,
    },
    /// The JSON is malformed or not shaped like an article.
    #[error("{origin}: {message}")]
    Json { origin: String, message: String },
    /// Nothing but whitespace.
    #[error("{origin}: empty input")]
    Empty { origin: String },
    /// Bytes that are not text in any encoding (NUL bytes, control characters).
    #[error("{origin}: binary data, not text")]
    Binary { origin: String },
    /// An article record with neither `text` (`maintext`) nor `html`.
    #[error("{origin}: article has no text or html")]
    NoBody { origin: String },
    /// Larger than the configured limit for one file or one line.
    #[error("{origin}: larger than the {limit}-byte limit")]
    TooLarge { origin: String, limit: u64 },
    /// A WARC record or a feed that cannot be read as one (bad headers, truncated, not XML).
    #[error("{origin}: {message}")]
    Malformed { origin: String, message: String },
    /// A web-archive response that is not an HTML page (a PDF, an image, a script).
    #[error("{origin}: not an HTML page ({content_type})")]
    NotHtml {
        origin: String,
        content_type: String,
    },
}

impl IngestError {
    /// Where the error happened: `path`, `path:line` or `path#record`.
    pub fn origin(&self) -> &str {
        match self {
            IngestError::Io { origin, .. }
            | IngestError::Json { origin, .. }
            | IngestError::Empty { origin }
            | IngestError::Binary { origin }
            | IngestError::NoBody { origin }
            | IngestError::TooLarge { origin, .. }
            | IngestError::Malformed { origin, .. }
            | IngestError::NotHtml { origin, .. } => origin,
        }
    }
}
