//! Resource limits that guard against hostile or runaway input.
//!
//! [`Limits`] holds the numbers (options with sane defaults); the `check_*`
//! methods and [`Deadline`] turn "over the limit" into a typed
//! [`TextError::LimitExceeded`] whose message names the limit (the field
//! name), so every stage reports an exceeded limit the same way.
//!
//! ```
//! use dpa_text::Limits;
//! let limits = Limits { max_pages: 10, ..Limits::default() };
//! assert!(limits.check_pages(10).is_ok());
//! let err = limits.check_pages(11).unwrap_err();
//! assert!(err.to_string().contains("max_pages"));
//! ```

use crate::TextError;
use std::time::{Duration, Instant};

/// Limits applied while reading one document. Exceeding one is a
/// [`crate::TextError::LimitExceeded`] for that document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most pages read from one PDF.
    pub max_pages: u32,
    /// Most bytes all decompressed streams of one PDF may add up to (for
    /// plain text: the decoded UTF-8 text).
    pub max_decompressed_bytes: u64,
    /// Longest time spent on one document, in milliseconds.
    pub max_millis: u64,
}

impl Default for Limits {
    /// 100 MiB per file, 5,000 pages, 256 MiB of decompressed streams and
    /// 60 s per document: far above any real agreement (the 200-page
    /// fixture is 0.65 MB and reads in well under a second), low enough
    /// that a batch over an archive survives a PDF bomb.
    fn default() -> Self {
        Limits {
            max_file_bytes: 100 * 1024 * 1024,
            max_pages: 5_000,
            max_decompressed_bytes: 256 * 1024 * 1024,
            max_millis: 60_000,
        }
    }
}

impl Limits {
    /// No limits at all (every field at its maximum), for trusted input.
    pub fn unlimited() -> Self {
        Limits {
            max_file_bytes: u64::MAX,
            max_pages: u32::MAX,
            max_decompressed_bytes: u64::MAX,
            max_millis: u64::MAX,
        }
    }

    /// Error unless a file of `len` bytes is within `max_file_bytes`.
    pub fn check_file_bytes(&self, len: u64) -> Result<(), TextError> {
        within(
            "max_file_bytes",
            "file size",
            len,
            self.max_file_bytes,
            "bytes",
        )
    }

    /// Error unless `pages` pages are within `max_pages`.
    pub fn check_pages(&self, pages: u64) -> Result<(), TextError> {
        within(
            "max_pages",
            "page count",
            pages,
            u64::from(self.max_pages),
            "pages",
        )
    }

    /// Error unless `total` decompressed bytes are within
    /// `max_decompressed_bytes`.
    pub fn check_decompressed_bytes(&self, total: u64) -> Result<(), TextError> {
        within(
            "max_decompressed_bytes",
            "decompressed size",
            total,
            self.max_decompressed_bytes,
            "bytes",
        )
    }

    /// A deadline of `max_millis` starting now.
    pub fn deadline(&self) -> Deadline {
        Deadline::new(Duration::from_millis(self.max_millis))
    }

    /// A budget of `max_decompressed_bytes`, to charge every decompressed
    /// stream against.
    pub fn decompression_budget(&self) -> Budget {
        Budget {
            used: 0,
            max: self.max_decompressed_bytes,
        }
    }
}

fn within(field: &str, what: &str, value: u64, max: u64, unit: &str) -> Result<(), TextError> {
    if value <= max {
        return Ok(());
    }
    Err(TextError::LimitExceeded(format!(
        "{what} {value} {unit} is over the limit of {max} {unit} ({field})"
    )))
}

/// A point in time after which work on a document stops: `start + max`.
/// Call [`Deadline::check`] in every loop that can run long (per page, per
/// content-stream operator batch, per clause).
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    start: Instant,
    max: Duration,
}

impl Deadline {
    /// A deadline `max` from now.
    pub fn new(max: Duration) -> Self {
        Deadline {
            start: Instant::now(),
            max,
        }
    }

    /// Time since the deadline was started.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// Time left before the deadline (zero once it has passed).
    pub fn remaining(&self) -> Duration {
        self.max.saturating_sub(self.elapsed())
    }

    /// Whether the deadline has passed.
    pub fn expired(&self) -> bool {
        self.elapsed() > self.max
    }

    /// `Err(LimitExceeded)` (naming `max_millis`) once the deadline has
    /// passed.
    pub fn check(&self) -> Result<(), TextError> {
        if !self.expired() {
            return Ok(());
        }
        Err(TextError::LimitExceeded(format!(
            "time {} ms is over the limit of {} ms (max_millis)",
            self.elapsed().as_millis(),
            self.max.as_millis()
        )))
    }
}

/// A running total of decompressed bytes against `max_decompressed_bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    used: u64,
    max: u64,
}

impl Budget {
    /// Add `bytes` to the total; `Err(LimitExceeded)` (naming
    /// `max_decompressed_bytes`) once the total is over the limit.
    pub fn charge(&mut self, bytes: u64) -> Result<(), TextError> {
        self.used = self.used.saturating_add(bytes);
        within(
            "max_decompressed_bytes",
            "decompressed size",
            self.used,
            self.max,
            "bytes",
        )
    }

    /// Bytes charged so far.
    pub fn used(&self) -> u64 {
        self.used
    }

    /// Bytes still allowed.
    pub fn remaining(&self) -> u64 {
        self.max.saturating_sub(self.used)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_name_the_limit_they_enforce() {
        let limits = Limits {
            max_file_bytes: 10,
            max_pages: 2,
            max_decompressed_bytes: 100,
            max_millis: 5,
        };
        assert!(limits.check_file_bytes(10).is_ok());
        assert!(limits.check_pages(2).is_ok());
        assert!(limits.check_decompressed_bytes(100).is_ok());
        let cases = [
            (limits.check_file_bytes(11), "max_file_bytes"),
            (limits.check_pages(3), "max_pages"),
            (
                limits.check_decompressed_bytes(101),
                "max_decompressed_bytes",
            ),
        ];
        for (result, field) in cases {
            match result {
                Err(TextError::LimitExceeded(msg)) => assert!(msg.contains(field), "{msg}"),
                other => panic!("expected LimitExceeded for {field}, got {other:?}"),
            }
        }
    }

    #[test]
    fn deadline_expires_after_its_duration() {
        let open = Deadline::new(Duration::from_secs(3600));
        assert!(open.check().is_ok());
        assert!(open.remaining() > Duration::from_secs(3500));
        let closed = Deadline::new(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(2));
        match closed.check() {
            Err(TextError::LimitExceeded(msg)) => assert!(msg.contains("max_millis"), "{msg}"),
            other => panic!("expected LimitExceeded, got {other:?}"),
        }
        assert_eq!(closed.remaining(), Duration::ZERO);
    }

    #[test]
    fn budget_adds_up_streams() {
        let mut budget = Limits {
            max_decompressed_bytes: 1000,
            ..Limits::default()
        }
        .decompression_budget();
        assert!(budget.charge(600).is_ok());
        assert_eq!(budget.remaining(), 400);
        assert!(matches!(
            budget.charge(401),
            Err(TextError::LimitExceeded(_))
        ));
        assert_eq!(budget.used(), 1001);
        assert!(budget.charge(u64::MAX).is_err());
    }

    #[test]
    fn defaults_are_finite_and_unlimited_is_not() {
        let d = Limits::default();
        assert!(d.max_file_bytes < u64::MAX && d.max_millis < u64::MAX);
        assert!(Limits::unlimited().check_file_bytes(u64::MAX).is_ok());
    }
}
