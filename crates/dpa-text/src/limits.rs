//! Resource limits that guard against hostile or runaway input.

/// Limits applied while reading one document. Exceeding one is a
/// [`crate::TextError::LimitExceeded`] for that document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most pages read from one PDF.
    pub max_pages: u32,
    /// Most bytes all decompressed streams of one PDF may add up to.
    pub max_decompressed_bytes: u64,
    /// Longest time spent on one document, in milliseconds.
    pub max_millis: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_pages: 5_000,
            max_decompressed_bytes: 512 * 1024 * 1024,
            max_millis: 60_000,
        }
    }
}
