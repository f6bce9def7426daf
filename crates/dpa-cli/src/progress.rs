//! Progress of a batch: a bar on a terminal, plain lines otherwise. Notes
//! and errors always go to stderr, one line each.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Reports a batch's progress on stderr.
pub struct Reporter {
    bar: Option<ProgressBar>,
    quiet: bool,
}

impl Reporter {
    /// A bar when stderr is a terminal, else plain lines (none per file when `quiet`).
    pub fn new(total: usize, quiet: bool) -> Self {
        let bar = std::io::stderr()
            .is_terminal()
            .then(|| new_bar(total as u64));
        Reporter { bar, quiet }
    }

    /// A note or error line, always shown.
    pub fn line(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }

    /// One file done; `message` is printed as a plain line when there is no bar.
    pub fn file_done(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.inc(1),
            None if !self.quiet => eprintln!("{message}"),
            None => {}
        }
    }

    /// One file done whose line was already printed (error or note).
    pub fn file_reported(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Remove the bar before the summary.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn new_bar(total: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} ({per_sec}, eta {eta})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}
