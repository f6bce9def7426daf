//! The normalization rules of the text stage (see `NormalizedText`).

use dpa_model::{NormalizedText, SourceFormat};
use unicode_normalization::UnicodeNormalization;

/// Normalize page texts into one [`NormalizedText`]: NFC, `\n` line ends,
/// no trailing spaces, at most one blank line in a row, pages joined by a
/// form feed.
pub fn normalize_pages(pages: &[String], format: SourceFormat) -> NormalizedText {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            text.push('\u{c}');
        }
        let start = text.len();
        text.push_str(&normalize_block(page));
        ranges.push(start..text.len());
    }
    NormalizedText {
        text,
        pages: ranges,
        format,
        warnings: Vec::new(),
    }
}

/// Normalize a plain string as one page.
pub fn normalize(s: &str) -> NormalizedText {
    normalize_pages(&[s.to_string()], SourceFormat::Text)
}

fn normalize_block(s: &str) -> String {
    let nfc: String = s.replace("\r\n", "\n").replace('\r', "\n").nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    let mut blank_run = 0;
    for line in nfc.split('\n') {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_run > 0 {
                out.push('\n');
            }
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}
