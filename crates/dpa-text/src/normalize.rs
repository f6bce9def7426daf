//! The normalization rules of the text stage (see `NormalizedText`).
//!
//! Both passes are hand-written byte scans: ASCII text (nearly all of a
//! Dutch document) is skipped eight bytes at a time for the NFC check, and
//! lines are tidied with one search for each line end.

use dpa_model::{NormalizedText, SourceFormat};
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Normalize page texts into one [`NormalizedText`]: NFC, `\n` line ends,
/// no trailing spaces, at most one blank line in a row, pages joined by a
/// form feed.
pub fn normalize_pages<S: AsRef<str>>(pages: &[S], format: SourceFormat) -> NormalizedText {
    let capacity = pages.iter().map(|p| p.as_ref().len() + 1).sum();
    let mut text = String::with_capacity(capacity);
    let mut ranges = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            text.push('\u{c}');
        }
        let start = text.len();
        push_normalized_block(page.as_ref(), &mut text);
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
    normalize_pages(&[s], SourceFormat::Text)
}

/// Append the normalized form of one page to `out`.
fn push_normalized_block(s: &str, out: &mut String) {
    let unified = unify_line_ends(s);
    let nfc = to_nfc(&unified);
    push_tidy_lines(&nfc, out);
}

/// Append the lines of `s` to `out` without trailing whitespace, without
/// blank lines at the start or the end, and with at most one blank line in
/// a row (a blank line holds nothing but whitespace). The first line keeps
/// its indent.
fn push_tidy_lines(s: &str, out: &mut String) {
    let start = out.len();
    let mut blank_run = false;
    let mut begin = 0;
    let ends = memchr::memchr_iter(b'\n', s.as_bytes()).chain(std::iter::once(s.len()));
    for end in ends {
        // `\n` is ASCII: both offsets are char boundaries.
        let kept = trim_end_ws(s.get(begin..end).unwrap_or(""));
        begin = end + 1;
        if kept.is_empty() {
            blank_run = out.len() > start;
            continue;
        }
        if out.len() > start {
            out.push_str(if blank_run { "\n\n" } else { "\n" });
        }
        out.push_str(kept);
        blank_run = false;
    }
}

/// The line without trailing whitespace (ASCII lines ending in a visible
/// character are returned as they are without decoding).
fn trim_end_ws(line: &str) -> &str {
    match line.as_bytes().last() {
        Some(&b) if b > b' ' && b < 0x80 => line,
        _ => line.trim_end(),
    }
}

/// `\r\n` and lone `\r` become `\n`.
fn unify_line_ends(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\r', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The text in Unicode Normalization Form C, touching only the runs of
/// non-ASCII characters (with the character before each run): the only
/// places where NFC can change anything, as no ASCII character composes
/// with the one before it or has a combining class.
fn to_nfc(s: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(run) = next_non_ascii_run(s, at) {
        at = run.end;
        let piece = &s[run.clone()];
        if is_nfc_quick(piece.chars()) == IsNormalized::Yes {
            continue;
        }
        if out.is_empty() {
            out.reserve(s.len() + 16);
        }
        out.push_str(&s[copied..run.start]);
        out.extend(piece.nfc());
        copied = run.end;
    }
    if copied == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

/// The next run of non-ASCII characters at or after `at`, together with
/// the (ASCII) character before it unless that is before `at`: the matches
/// of `[\x00-\x7F]?[^\x00-\x7F]+` one after the other.
fn next_non_ascii_run(s: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let bytes = s.as_bytes();
    let first = at + first_non_ascii(bytes.get(at..)?)?;
    let end = first
        + bytes[first..]
            .iter()
            .position(u8::is_ascii)
            .unwrap_or(bytes.len() - first);
    let start = if first > at { first - 1 } else { first };
    Some(start..end)
}

/// The offset of the first non-ASCII byte, 32 bytes at a time.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut blocks = bytes.chunks_exact(32);
    let mut offset = 0;
    for block in blocks.by_ref() {
        if !block.is_ascii() {
            return Some(offset + position_non_ascii(block)?);
        }
        offset += 32;
    }
    position_non_ascii(blocks.remainder()).map(|i| offset + i)
}

fn position_non_ascii(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|b| !b.is_ascii())
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;
    use std::sync::LazyLock;

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

    #[test]
    fn pages_are_joined_by_form_feeds() {
        let text = normalize_pages(&["een \n\n", "\n", " twee"], SourceFormat::Pdf);
        assert_eq!(text.text, "een\u{c}\u{c} twee");
        assert_eq!(text.pages, vec![0..3, 4..4, 5..10]);
    }

    /// The regexes the hand scans replaced, as the reference.
    static LEADING_BLANK_LINES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\A(?:[^\S\n]*\n)*").expect("valid regex"));
    static UNTIDY_BREAK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[^\S\n]+\n(?:[^\S\n]*\n)*|\n(?:[^\S\n]*\n)+").expect("valid regex")
    });
    static NON_ASCII_RUN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[\x00-\x7F]?[^\x00-\x7F]+").expect("valid regex"));

    fn reference_collapse(s: &str) -> String {
        let start = LEADING_BLANK_LINES.find(s).map_or(0, |m| m.end());
        let body = s[start..].trim_end();
        let mut out = String::new();
        let mut copied = 0;
        for brk in UNTIDY_BREAK.find_iter(body) {
            out.push_str(&body[copied..brk.start()]);
            let breaks = brk.as_str();
            let single = breaks.find('\n') == breaks.rfind('\n');
            out.push_str(if single { "\n" } else { "\n\n" });
            copied = brk.end();
        }
        out.push_str(&body[copied..]);
        out
    }

    fn reference_nfc(s: &str) -> String {
        let mut out = String::new();
        let mut copied = 0;
        for run in NON_ASCII_RUN.find_iter(s) {
            if is_nfc_quick(run.as_str().chars()) == IsNormalized::Yes {
                continue;
            }
            out.push_str(&s[copied..run.start()]);
            out.extend(run.as_str().nfc());
            copied = run.end();
        }
        out.push_str(&s[copied..]);
        out
    }

    fn reference_block(s: &str) -> String {
        reference_collapse(&reference_nfc(&unify_line_ends(s)))
    }

    /// Texts glued from pieces that exercise every rule: non-ASCII and
    /// decomposed characters, CRLF, trailing and Unicode spaces, tabs, form
    /// feeds, blank line runs.
    fn varied_texts() -> Vec<String> {
        let pieces = [
            "a",
            "Artikel",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\r",
            "\u{c}",
            "\u{a0}",
            "\u{2003}",
            "é",
            "e\u{301}",
            "\u{301}",
            "ë",
            "€",
            "–",
            "\u{212B}",
            "x\u{308}\u{301}",
            "\n\n\n",
            " \n \n",
            "\u{85}",
            "\u{2028}",
        ];
        let mut texts = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                    texts.push(format!("{b}Verwerker meldt{a}{c}een datalek{b}{a}"));
                }
            }
        }
        texts.push(String::new());
        texts.push("Geheimhouding en beveiliging ".repeat(40));
        texts
    }

    #[test]
    fn hand_scans_read_like_the_regexes() {
        for text in varied_texts() {
            assert_eq!(to_nfc(&text), reference_nfc(&text), "{text:?}");
            let mut out = String::new();
            push_tidy_lines(&text, &mut out);
            assert_eq!(out, reference_collapse(&text), "{text:?}");
            assert_eq!(normalize(&text).text, reference_block(&text), "{text:?}");
        }
    }

    #[test]
    fn fixture_normalizes_like_the_regexes() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/text");
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let crlf = text.replace('\n', " \r\n");
            for t in [&text, &crlf] {
                assert_eq!(normalize(t).text, reference_block(t));
            }
        }
    }

    #[test]
    fn first_non_ascii_finds_every_position() {
        for len in 0..70 {
            for pos in 0..=len {
                let mut bytes = vec![b'a'; len];
                if pos < len {
                    bytes[pos] = 0xC3;
                }
                let want = (pos < len).then_some(pos);
                assert_eq!(first_non_ascii(&bytes), want, "{len} {pos}");
            }
        }
    }
}
