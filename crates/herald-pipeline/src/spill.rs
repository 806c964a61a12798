//! Records kept in an anonymous temporary file instead of memory, read back by position.
//!
//! Why: a million cleaned articles are about 2.3 GB of text and their digested events as
//! much again; `herald digest` holds neither. Each stage reads the records it needs (a
//! chunk of articles to place, a batch of events' members to analyse) and the output is
//! streamed from the files. The operating system's page cache keeps recent records in
//! memory when there is room; it is not the process's memory.
//!
//! Records are encoded with serde in one of two formats, chosen per store: JSON for types
//! whose serialisation skips empty fields (a format without field names cannot read those
//! back), and postcard, a compact binary format, for plain records such as cleaned
//! articles, which every stage reads back: decoding an article's postcard bytes takes a
//! fraction of the instructions of parsing its JSON (no escapes to undo, no field names).

use std::fs::File;
use std::io::{BufWriter, Write};

use serde::{de::DeserializeOwned, Serialize};

/// How a [`Spill`] encodes its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// serde_json: any serialisable type.
    Json,
    /// postcard: only types whose serialisation writes every field every time (no
    /// `skip_serializing_if`, no `flatten`, no untagged enums), or reading back fails.
    Postcard,
}

/// Append-then-read store of serialisable records, numbered in the order they were added.
pub struct Spill {
    format: Format,
    writer: Option<BufWriter<File>>,
    file: File,
    /// Byte offset and length of each record.
    slots: Vec<(u64, u32)>,
    end: u64,
}

impl Spill {
    /// A new store in the system's temporary folder (`TMPDIR`); the file is deleted when
    /// the store is dropped, or by the system if the process dies.
    pub fn new(format: Format) -> std::io::Result<Self> {
        let file = tempfile::tempfile()?;
        let writer = BufWriter::with_capacity(1 << 20, file.try_clone()?);
        Ok(Spill {
            format,
            writer: Some(writer),
            file,
            slots: Vec::new(),
            end: 0,
        })
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Add a record already serialised with [`Spill::encode`].
    pub fn push_encoded(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let writer = match &mut self.writer {
            Some(w) => w,
            None => {
                // Appending after reading: writes go to the end, as before.
                let mut file = self.file.try_clone()?;
                std::io::Seek::seek(&mut file, std::io::SeekFrom::End(0))?;
                self.writer.insert(BufWriter::with_capacity(1 << 20, file))
            }
        };
        writer.write_all(bytes)?;
        let len = u32::try_from(bytes.len())
            .map_err(|_| std::io::Error::other("a record over 4 GB cannot be spilled"))?;
        self.slots.push((self.end, len));
        self.end += u64::from(len);
        Ok(())
    }

    /// Add one record.
    pub fn push<T: Serialize>(&mut self, record: &T) -> std::io::Result<()> {
        let bytes = self.encode(record)?;
        self.push_encoded(&bytes)
    }

    /// A record's bytes, made on any thread before [`Spill::push_encoded`].
    pub fn encode<T: Serialize>(&self, record: &T) -> std::io::Result<Vec<u8>> {
        match self.format {
            Format::Json => serde_json::to_vec(record).map_err(std::io::Error::other),
            Format::Postcard => postcard::to_stdvec(record).map_err(std::io::Error::other),
        }
    }

    /// Make everything added so far readable.
    pub fn flush(&mut self) -> std::io::Result<()> {
        if let Some(mut w) = self.writer.take() {
            w.flush()?;
        }
        Ok(())
    }

    /// Record `index` (call [`Spill::flush`] after the last push). Safe from many threads.
    pub fn get<T: DeserializeOwned>(&self, index: usize) -> std::io::Result<T> {
        let (offset, len) = *self.slots.get(index).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such spilled record")
        })?;
        let mut bytes = vec![0u8; len as usize];
        read_exact_at(&self.file, &mut bytes, offset)?;
        match self.format {
            Format::Json => serde_json::from_slice(&bytes).map_err(std::io::Error::other),
            Format::Postcard => postcard::from_bytes(&bytes).map_err(std::io::Error::other),
        }
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        let n = file.seek_read(buf, offset)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        offset += n as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_by_position_from_any_thread() {
        for format in [Format::Json, Format::Postcard] {
            records_come_back(format);
        }
    }

    fn records_come_back(format: Format) {
        let mut spill = Spill::new(format).expect("temporary file");
        for i in 0..1000u32 {
            spill.push(&(i, format!("record {i}"))).expect("write");
        }
        spill.flush().expect("flush");
        assert_eq!(spill.len(), 1000);
        let back: Vec<(u32, String)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|t| {
                    let spill = &spill;
                    s.spawn(move || spill.get::<(u32, String)>(999 - t).expect("read"))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("thread"))
                .collect()
        });
        assert_eq!(back[0], (999, "record 999".to_string()));
        assert_eq!(back[3], (996, "record 996".to_string()));
        assert!(spill.get::<(u32, String)>(1000).is_err());
        // More records after reading.
        spill.push(&(1000u32, "late".to_string())).expect("write");
        spill.flush().expect("flush");
        assert_eq!(
            spill.get::<(u32, String)>(1000).expect("read"),
            (1000, "late".to_string())
        );
        assert_eq!(spill.get::<(u32, String)>(5).expect("read").0, 5);
    }
}
