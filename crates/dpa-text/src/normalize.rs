//! The normalization rules of the text stage (see `NormalizedText`).

use dpa_model::{NormalizedText, SourceFormat};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

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
    let unified = unify_line_ends(s);
    let nfc = to_nfc(&unified);
    collapse_lines(&nfc)
}

/// Blank lines before the first line (the first line keeps its indent).
static LEADING_BLANK_LINES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A(?:[^\S\n]*\n)*").expect("valid regex"));

/// A line break that is more than one `\n`: trailing whitespace before it
/// or blank lines after it.
static UNTIDY_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[^\S\n]+\n(?:[^\S\n]*\n)*|\n(?:[^\S\n]*\n)+").expect("valid regex")
});

/// Lines without trailing whitespace, no blank lines at the start or the
/// end, and at most one blank line in a row. Only untidy line breaks are
/// visited; the text between them is copied as it is.
fn collapse_lines(s: &str) -> String {
    let start = LEADING_BLANK_LINES.find(s).map_or(0, |m| m.end());
    let body = s[start..].trim_end();
    let mut out = String::with_capacity(body.len());
    let mut copied = 0;
    for brk in UNTIDY_BREAK.find_iter(body) {
        out.push_str(&body[copied..brk.start()]);
        let breaks = brk.as_str();
        out.push_str(if breaks.find('\n') == breaks.rfind('\n') {
            "\n"
        } else {
            "\n\n"
        });
        copied = brk.end();
    }
    out.push_str(&body[copied..]);
    out
}

/// `\r\n` and lone `\r` become `\n`.
fn unify_line_ends(s: &str) -> Cow<'_, str> {
    if !s.contains('\r') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Runs of non-ASCII characters with the character before them: the only
/// places where NFC can change anything (no ASCII character composes with
/// the one before it or has a combining class, so the text may be cut
/// before every ASCII character).
static NON_ASCII_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\x00-\x7F]?[^\x00-\x7F]+").expect("valid regex"));

/// The text in Unicode Normalization Form C, touching only the runs that
/// need it (ASCII is skipped at the speed of the regex engine).
fn to_nfc(s: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    for run in NON_ASCII_RUN.find_iter(s) {
        let piece = run.as_str();
        if is_nfc_quick(piece.chars()) == IsNormalized::Yes {
            continue;
        }
        if out.is_empty() {
            out.reserve(s.len() + 16);
        }
        out.push_str(&s[copied..run.start()]);
        out.extend(piece.nfc());
        copied = run.end();
    }
    if copied == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_only_where_needed() {
        let decomposed =
            "Artikel 1: prive\u{301} en coo\u{308}rdinator, \u{212B}ngstro\u{308}m € 5";
        let expected: String = decomposed.nfc().collect();
        assert_eq!(to_nfc(decomposed), expected);
        assert_eq!(
            to_nfc(decomposed),
            "Artikel 1: privé en coördinator, Ångström € 5"
        );
        assert!(matches!(to_nfc("al NFC: privé € 5"), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_are_trimmed_and_blank_runs_collapse() {
        let text = normalize("kop  \r\n\r\n\r\n  \n\tinhoud\t\rslot \n\n");
        assert_eq!(text.text, "kop\n\n\tinhoud\nslot");
        assert_eq!(text.pages, vec![0..text.text.len()]);
    }
}
