//! Progress on a terminal for long work (`herald digest`, `herald ingest`): a spinner
//! that turns into a bar once the amount of work is known; nothing when stderr is a file
//! or a pipe.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A spinner on a terminal; hidden when stderr is not one (logs, pipes, CI).
pub fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(spinner_style());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

pub fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

pub fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} [{elapsed}, {eta} left]")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}
