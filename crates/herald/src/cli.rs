//! Command-line interface: options, help text, and the commands' top-level flow.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::render;
use herald_pipeline as pipeline;

#[derive(Parser, Debug)]
#[command(
    name = "herald",
    version,
    about = "Turn noisy news articles into clean, cited event digests.",
    long_about = "herald reads news articles (plain text, HTML, JSON/JSONL, WARC, RSS/Atom, gzip, stdin), cleans them, \
groups them into events and writes, per event: a short cited summary, the people, organisations and \
places (one entity per real thing, whatever the spelling), the casualty figures with their sources and \
how they changed, and a timeline.",
    after_help = "Examples:\n  herald digest examples/libya-2019            # a readable brief on the terminal\n  herald digest --format json -o digest.json articles/\n  zcat feed.jsonl.gz | herald digest - --format json\n\nLogs: RUST_LOG=debug herald digest ... (warnings are shown by default)."
)]
pub struct Cli {
    /// Worker threads (default: all cores).
    #[arg(long, global = true)]
    pub threads: Option<usize>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read every article under PATH..., group them into events and write the digest.
    #[command(
        long_about = "Read every article under PATH... (folders recursively, in sorted order), clean them, \
group them into events and write the digest.\n\nInputs: .txt (one article; a short first line followed by a \
blank line is its title), .html/.htm (one page), .json (one article or an array), .jsonl (one article per \
line; herald or news-please field names), .warc (web archives: each HTML response), .xml/.rss/.atom (RSS or Atom feeds: \
each item), any of these gzipped (.gz), and - for JSONL (or a WARC, page or feed) on standard input.\n\n\
Exit status: 0 on success (bad items are skipped with a warning that names them), 2 when no usable \
article remains, 1 on other errors (for example an unwritable output file)."
    )]
    Digest(DigestArgs),
    /// Clean articles (HTML pages or text) and write them as JSON lines.
    Extract(ExtractArgs),
    /// Score herald on a public data set, side by side with published figures.
    #[command(
        long_about = "Score one stage of herald on a public data set, with the data set's own metric, \
side by side with published figures and baselines.\n\n\
Stages and the folders they read:\n  \
extraction  pages with gold text: scrapinghub (html/ + ground-truth.json) or Dragnet (input/ + GoldStandard/)\n  \
entities    the example (a folder holding seeds/ and gold/seeds.json) or GVA (incidents.jsonl + articles.jsonl)\n  \
claims      the example or GVA, as for entities\n  \
clusters    ECB+ (articles.jsonl + gold.jsonl) or GVA (articles.jsonl + incidents.jsonl)\n  \
summaries   clusters.jsonl with human summaries (Multi-News, MultiLing)"
    )]
    Eval(EvalArgs),
    /// Add articles to a store (SQLite, created if missing) and update its events.
    #[command(
        long_about = "Add the articles under PATH... to a store (an SQLite file, created if missing) and \
bring its events up to date, with the same cleaning, clustering and digest as `herald digest`.\n\n\
Ingesting a set in parts gives the same events as one batch; ingesting the same articles again changes \
nothing (articles are matched by id and content). An interrupted ingest leaves the store as it was, \
and the next ingest finishes the work. Browse the result with `herald serve`.",
        after_help = "Examples:\n  herald ingest examples/libya-2019\n  herald ingest --db news.db crawl.warc.gz feeds/\n  herald serve --db news.db"
    )]
    Ingest(crate::store_cmd::IngestArgs),
    /// Serve a store: JSON API, web pages and an Atom feed.
    #[command(
        long_about = "Serve a store written by `herald ingest`: web pages to read the events (front page, \
event pages with cited summaries, figures and their history, entities, search), a JSON API under /api \
(OpenAPI document at /api/openapi.json) and an Atom feed at /feed.atom.",
        after_help = "Examples:\n  herald serve                      # herald.db on http://127.0.0.1:8080\n  herald serve --db news.db --addr 0.0.0.0:8080"
    )]
    Serve(crate::serve_cmd::ServeArgs),
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// The stage to score.
    #[arg(value_enum)]
    pub stage: EvalStage,
    /// The data set's folder.
    #[arg(long, value_name = "DIR")]
    pub data: PathBuf,
    /// Summary length in words (summaries) [default: each reference's own length].
    #[arg(long, value_name = "N")]
    pub words: Option<usize>,
    /// Score only the first N items, for a quick look.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print JSON instead of the table.
    #[arg(long)]
    pub json: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalStage {
    Extraction,
    Entities,
    Claims,
    Clusters,
    Summaries,
}

pub fn eval(args: EvalArgs) -> Result<()> {
    let stage = match args.stage {
        EvalStage::Extraction => herald_eval::Stage::Extraction,
        EvalStage::Entities => herald_eval::Stage::Entities,
        EvalStage::Claims => herald_eval::Stage::Claims,
        EvalStage::Clusters => herald_eval::Stage::Clusters,
        EvalStage::Summaries => herald_eval::Stage::Summaries,
    };
    let options = herald_eval::Options {
        words: args.words,
        limit: args.limit,
    };
    let outcome = herald_eval::run(stage, &args.data, &options)
        .with_context(|| format!("evaluating {} on {}", stage.name(), args.data.display()))?;
    let text = if args.json {
        format!(
            "{}\n",
            serde_json::to_string_pretty(&outcome.json).context("serialising the scores")?
        )
    } else {
        outcome.text
    };
    emit(None, text.as_bytes())
}

#[derive(Args, Debug)]
pub struct DigestArgs {
    /// Files or folders to read; - reads standard input (JSONL, or a WARC, page or feed).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format [default: markdown on a terminal, json otherwise].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Write to FILE instead of standard output (atomically: no half-written file on error).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Length of each event's summary in words: about 40 gives a current-events entry, 250 a brief.
    #[arg(long, default_value_t = 40, value_name = "N")]
    pub summary_words: usize,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files or folders to read (HTML, text, JSON/JSONL, WARC, RSS/Atom, gzipped or not); - reads
    /// standard input. One JSON line per article: {"id", "url", "title", "text", "published",
    /// "author", "source", "language"}.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write to FILE instead of standard output (atomically: no half-written file on error).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The whole digest (the contract's JSON).
    Json,
    /// A brief a person reads.
    Markdown,
    /// A self-contained web page.
    Html,
    /// One JSON line per article: {"id", "event", "duplicate_of"}.
    Assignments,
}

pub fn digest(args: DigestArgs) -> Result<()> {
    let options = pipeline::Options {
        summary_words: args.summary_words.max(1),
    };
    let bar = crate::progress::progress_bar();
    bar.set_message("reading and cleaning");
    let on_progress = |p: pipeline::Progress| {
        let (message, done, total) = match p {
            pipeline::Progress::Reading { articles } => {
                bar.set_message(format!("reading and cleaning: {articles} articles"));
                return;
            }
            pipeline::Progress::Placing { done, total } => {
                ("placing articles into events", done, total)
            }
            pipeline::Progress::Digesting { done, total } => ("digesting events", done, total),
        };
        if bar.length() != Some(total as u64) {
            bar.set_style(crate::progress::bar_style());
            bar.set_length(total as u64);
        }
        // Reports come every thousand articles or hundreds of events: cheap to set.
        bar.set_message(message);
        bar.set_position(done as u64);
    };
    let digest = pipeline::digest_with_progress(&args.paths, &options, &on_progress);
    bar.finish_and_clear();
    let digest = digest?;
    let format = args.format.unwrap_or_else(|| {
        if args.output.is_none() && std::io::stdout().is_terminal() {
            Format::Markdown
        } else {
            Format::Json
        }
    });
    match format {
        // The whole digest can be large: streamed from its temporary files straight to
        // the output, never held in memory.
        Format::Json => emit_with(args.output.as_deref(), |w| {
            serde_json::to_writer_pretty(&mut *w, &digest)?;
            w.write_all(b"\n")
        }),
        Format::Assignments => emit_with(args.output.as_deref(), |w| {
            render::assignments(digest.assignments(), w)
        }),
        // Briefs for people: the digest in memory.
        Format::Markdown | Format::Html => {
            let digest = digest
                .into_digest()
                .context("reading back the digest's temporary files")?;
            let page = if format == Format::Markdown {
                render::markdown(&digest)
            } else {
                render::html(&digest)
            };
            emit(args.output.as_deref(), page.as_bytes())
        }
    }
}

pub fn extract(args: ExtractArgs) -> Result<()> {
    use herald_model::RawArticle;
    use rayon::prelude::*;
    /// Articles cleaned at once: every core busy, memory bounded, lines in input order.
    const CHUNK: usize = 1024;
    /// One output line, fields in this order.
    #[derive(serde::Serialize)]
    struct Line {
        id: String,
        url: Option<String>,
        title: Option<String>,
        text: String,
        published: Option<String>,
        author: Option<String>,
        source: Option<String>,
        language: Option<String>,
    }
    // One article's line; `None` when nothing is left after cleaning (warned by `clean`).
    let line = |raw: RawArticle| -> Option<String> {
        let (a, page) = pipeline::clean_with_page(raw)?;
        let author = page.and_then(|p| p.author);
        let line = Line {
            id: a.id,
            url: a.url,
            title: a.title,
            text: a.text,
            published: a.published,
            author,
            source: a.source,
            language: a.language,
        };
        // Plain strings and options: serialising cannot fail.
        serde_json::to_string(&line).ok()
    };
    let mut tmp = args.output.as_deref().map(OutputFile::create).transpose()?;
    let mut stdout = std::io::stdout().lock();
    let sink: &mut dyn Write = match tmp.as_mut() {
        Some(file) => file,
        None => &mut stdout,
    };
    let mut out = std::io::BufWriter::new(sink);
    let (mut written, mut skipped) = (0usize, 0usize);
    let mut chunk: Vec<RawArticle> = Vec::with_capacity(CHUNK);
    let mut items = herald_ingest::read(&args.paths).peekable();
    while items.peek().is_some() {
        for item in items.by_ref() {
            match item {
                Ok(raw) => chunk.push(raw),
                Err(e) => {
                    skipped += 1;
                    tracing::warn!("skipped {e}");
                }
            }
            if chunk.len() == CHUNK {
                break;
            }
        }
        let lines: Vec<Option<String>> = chunk.par_drain(..).map(line).collect();
        for l in lines.into_iter().flatten() {
            written += 1;
            let done = out
                .write_all(l.as_bytes())
                .and_then(|()| out.write_all(b"\n"));
            match done {
                // A closed pipe (`herald extract ... | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                other => other.context("writing the articles")?,
            }
        }
    }
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
        other => other.context("writing the articles")?,
    }
    drop(out);
    if written == 0 {
        let what = if skipped > 0 {
            format!("no usable article in the input ({skipped} item(s) skipped, see the warnings above)")
        } else {
            "no usable article in the input (nothing to read, or every article was empty after cleaning)".to_string()
        };
        return Err(pipeline::Error::Unusable(what).into());
    }
    if let Some(file) = tmp {
        file.finish()?;
    }
    Ok(())
}

/// Where `-o FILE` writes: a temporary file in FILE's folder, renamed to FILE once
/// everything is written (no half-written file on error), or FILE itself when it is not
/// a regular file (`/dev/null`, `/dev/stdout`, a named pipe): renaming over a device
/// replaces it with a plain file, and `/dev/null` then fills up with what every program
/// throws away.
enum OutputFile {
    Atomic(tempfile::NamedTempFile, std::path::PathBuf),
    Direct(std::fs::File),
}

impl OutputFile {
    fn create(path: &Path) -> Result<Self> {
        let special = std::fs::metadata(path).is_ok_and(|m| !m.file_type().is_file());
        if special {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            return Ok(OutputFile::Direct(file));
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("cannot write in {}", dir.display()))?;
        Ok(OutputFile::Atomic(tmp, path.to_path_buf()))
    }

    /// Everything is written: put it in place.
    fn finish(self) -> Result<()> {
        match self {
            OutputFile::Atomic(tmp, path) => {
                tmp.persist(&path)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            OutputFile::Direct(mut file) => file.flush()?,
        }
        Ok(())
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            OutputFile::Atomic(tmp, _) => tmp.write(buf),
            OutputFile::Direct(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            OutputFile::Atomic(tmp, _) => tmp.flush(),
            OutputFile::Direct(file) => file.flush(),
        }
    }
}

/// Write to a file (see [`OutputFile`]) or to stdout.
fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    emit_with(output, |w| w.write_all(bytes))
}

/// [`emit`] for output produced piece by piece by `write`.
fn emit_with(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match output {
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            match write(&mut stdout).and_then(|()| stdout.flush()) {
                // A closed pipe (`herald digest ... | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("writing to standard output"),
            }
        }
        Some(path) => {
            let mut file = std::io::BufWriter::new(OutputFile::create(path)?);
            write(&mut file)
                .and_then(|()| file.flush())
                .with_context(|| format!("writing {}", path.display()))?;
            file.into_inner()
                .map_err(|e| e.into_error())
                .with_context(|| format!("writing {}", path.display()))?
                .finish()
        }
    }
}
