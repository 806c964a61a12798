//! Evaluation runner for entities (being written).

use std::path::Path;

use crate::{Error, Options, Outcome};

pub fn run(_data: &Path, _options: &Options) -> Result<Outcome, Error> {
    Err(Error::Data("not implemented yet".into()))
}
