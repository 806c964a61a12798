//! Metrics and evaluation runners: how good is each stage, on real public data, next to
//! the published figures.
//!
//! `herald eval <stage> --data DIR` calls [`run`]. Each stage's module knows its data
//! sets' layout (see their docs), runs the same pipeline code users run
//! (herald-pipeline), scores it with the data's own metric, and returns an [`Outcome`]: a
//! table for people and the same figures as JSON for scripts. Nothing from the data sets
//! is stored in the repository; they are read from where the user keeps them.

pub mod bcubed;
pub mod claims;
pub mod clusters;
mod data;
pub mod entities;
pub mod extraction;
pub mod rouge;
pub mod summaries;

use std::path::Path;

pub use data::read_jsonl;

/// Which stage to evaluate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Extraction,
    Entities,
    Claims,
    Clusters,
    Summaries,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Extraction,
        Stage::Entities,
        Stage::Claims,
        Stage::Clusters,
        Stage::Summaries,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Extraction => "extraction",
            Stage::Entities => "entities",
            Stage::Claims => "claims",
            Stage::Clusters => "clusters",
            Stage::Summaries => "summaries",
        }
    }
}

/// Knobs shared by the runners.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Summary length in words (summaries); `None`: each reference's own length.
    pub words: Option<usize>,
    /// Evaluate only the first N items (pages, incidents, clusters), for a quick look.
    pub limit: Option<usize>,
}

/// A finished evaluation: a human-readable report and the same figures as JSON.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub text: String,
    pub json: serde_json::Value,
}

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Data(String),
}

/// Evaluate `stage` on the data set in `data`.
pub fn run(stage: Stage, data: &Path, options: &Options) -> Result<Outcome, Error> {
    match stage {
        Stage::Extraction => extraction::run(data, options),
        Stage::Entities => entities::run(data, options),
        Stage::Claims => claims::run(data, options),
        Stage::Clusters => clusters::run(data, options),
        Stage::Summaries => summaries::run(data, options),
    }
}
