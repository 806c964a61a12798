//! `herald ingest` and `herald serve`: the persistent store and its web face.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use herald_pipeline as pipeline;
use herald_store::{IngestOptions, Progress, Store};

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Files or folders to read; - reads JSONL from standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The store (created if missing).
    #[arg(long, default_value = "herald.db", value_name = "FILE")]
    pub db: PathBuf,
    /// Length of each event's summary in words (changing it re-digests every event).
    #[arg(long, default_value_t = 40, value_name = "N")]
    pub summary_words: usize,
    /// Print what the ingest did as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn ingest(args: IngestArgs) -> Result<()> {
    let mut store = Store::open(&args.db)
        .with_context(|| format!("opening the store {}", args.db.display()))?;
    let bar = crate::progress::progress_bar();
    bar.set_message("reading and cleaning");
    // Nothing usable in the input is still worth an ingest when an interrupted one left
    // work behind; the error is reported after that work is done.
    let (articles, unusable) = match pipeline::clean_all(&args.paths) {
        Ok(a) => (a, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    let on_progress = |p: Progress| match p {
        Progress::Placing { articles } => {
            bar.set_message(format!("placing {articles} articles into events"));
        }
        Progress::Digesting { done, total } => {
            if bar.length() != Some(total as u64) {
                bar.set_style(crate::progress::bar_style());
                bar.set_length(total as u64);
                bar.set_message("digesting events");
            }
            bar.set_position(done as u64);
        }
        Progress::Writing => {
            bar.set_style(crate::progress::spinner_style());
            bar.set_message("writing");
        }
    };
    let options = IngestOptions {
        summary_words: args.summary_words.max(1),
    };
    let report = store
        .ingest(articles, &options, &on_progress)
        .with_context(|| format!("updating the store {}", args.db.display()))?;
    bar.finish_and_clear();
    if let Some(e) = unusable {
        return Err(e.into());
    }
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        let resumed = if report.resumed {
            " (finished an interrupted ingest)"
        } else {
            ""
        };
        eprintln!(
            "{}: {} article(s) read, {} new, {} changed, {} unchanged; {} event(s), {} digested, {} merged away{resumed}",
            args.db.display(),
            report.read,
            report.added,
            report.updated,
            report.unchanged,
            report.events,
            report.digested,
            report.removed
        );
    }
    Ok(())
}
