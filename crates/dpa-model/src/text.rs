//! [`NormalizedText`]: the text stage's output, the input of every later stage.

use crate::Warning;
use std::ops::Range;

/// Whether the ASCII byte `b` is whitespace as `char::is_whitespace` reads
/// it (tab, line feed, vertical tab, form feed, carriage return, space): the
/// byte test of the later stages' ASCII fast paths. False for every byte
/// over 0x7F (a part of a longer char, never whitespace by itself).
pub const fn is_ascii_whitespace_byte(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// What the text was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Pdf,
    Text,
}

impl SourceFormat {
    /// The `source.format` value of the model.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Pdf => "pdf",
            SourceFormat::Text => "text",
        }
    }
}

/// The normalized text of one document.
///
/// Invariants (upheld by the text stage, relied on by every later stage):
/// - `text` is NFC, uses `\n` line ends, has no trailing spaces on a line,
///   tab-separated table cells, at most one blank line in a row, and a form
///   feed (`\u{c}`) between two pages;
/// - `pages[i]` is the byte range of page `i + 1` in `text` (form feeds are
///   outside every page range); a plain-text input is one page;
/// - every byte offset a later stage reports (clause spans, evidence spans)
///   indexes into `text` at a `char` boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedText {
    pub text: String,
    pub pages: Vec<Range<usize>>,
    pub format: SourceFormat,
    pub warnings: Vec<Warning>,
}

impl NormalizedText {
    /// A single-page text that is already normalized (used by tests and by
    /// the plain-text path after normalization).
    pub fn single_page(text: String, format: SourceFormat) -> Self {
        #[allow(clippy::single_range_in_vec_init)] // one page: one range
        let pages = vec![0..text.len()];
        NormalizedText {
            text,
            pages,
            format,
            warnings: Vec::new(),
        }
    }

    /// The 1-based page holding byte `offset`, or `None` past the end.
    /// An offset on a page separator belongs to the next page.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        let idx = self.pages.partition_point(|p| p.end <= offset);
        (idx < self.pages.len()).then(|| idx as u32 + 1)
    }

    /// Number of pages (`None` for plain text, where pages are not physical).
    pub fn page_count(&self) -> Option<u32> {
        match self.format {
            SourceFormat::Pdf => Some(self.pages.len() as u32),
            SourceFormat::Text => None,
        }
    }

    /// The page number to report for a span: `None` for plain text.
    pub fn page_of_span(&self, start: usize) -> Option<u32> {
        match self.format {
            SourceFormat::Pdf => self.page_at(start),
            SourceFormat::Text => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_lookup_uses_byte_ranges() {
        let text = "een\u{c}twee".to_string();
        let nt = NormalizedText {
            pages: vec![0..3, 4..8],
            text,
            format: SourceFormat::Pdf,
            warnings: vec![],
        };
        assert_eq!(nt.page_at(0), Some(1));
        assert_eq!(nt.page_at(2), Some(1));
        assert_eq!(nt.page_at(3), Some(2));
        assert_eq!(nt.page_at(7), Some(2));
        assert_eq!(nt.page_at(8), None);
        assert_eq!(nt.page_count(), Some(2));
    }

    #[test]
    fn whitespace_bytes_are_the_ascii_whitespace_chars() {
        for b in 0..=u8::MAX {
            let expected = b.is_ascii() && char::from(b).is_whitespace();
            assert_eq!(is_ascii_whitespace_byte(b), expected, "{b:#x}");
        }
    }
}
