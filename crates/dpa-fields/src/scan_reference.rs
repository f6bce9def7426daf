//! The scans as they were computed before the shared line cache and the
//! byte-level fast paths: the reference the tests compare the fast
//! computations with. What did not change (the test of a sentence end,
//! the sections a heading opens) is the crate's own.

use super::{
    ends_sentence_at, Section, ABBREVIATIONS, ABBREVIATION_MAX_CHARS, CLAUSE_START, LIST_MARKER,
    STRONG_HEADING,
};
use crate::values::clean::trim_span;
use std::ops::Range;

pub fn lines(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for i in memchr::memchr2_iter(b'\n', b'\x0c', text[range.clone()].as_bytes()) {
        out.push(start..range.start + i);
        start = range.start + i + 1;
    }
    out.push(start..range.end);
    out
}

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut cur: Option<Range<usize>> = None;
    for l in lines(text, 0..text.len()) {
        if is_blank(&text[l.clone()]) {
            if let Some(c) = cur.take() {
                out.push(c);
            }
        } else {
            cur = Some(match cur {
                Some(c) => c.start..l.end,
                None => l,
            });
        }
    }
    out.extend(cur);
    out
}

pub fn list_marker_len(line: &str) -> Option<usize> {
    if first_char(line).map_or(true, |c| c.is_ascii_uppercase()) {
        return None;
    }
    LIST_MARKER.find(line).map(|m| m.end())
}

fn first_char(line: &str) -> Option<char> {
    line.trim_start().chars().next()
}

pub fn is_clause_start(line: &str) -> bool {
    first_char(line).is_some_and(|c| !c.is_alphabetic()) && CLAUSE_START.is_match(line)
}

pub fn is_abbreviation(token: &str) -> bool {
    token.chars().nth(ABBREVIATION_MAX_CHARS).is_none()
        && ABBREVIATIONS.contains(&token.to_lowercase().as_str())
}

pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let lines = lines(text, range.clone());
    let mut cuts = vec![range.start];
    for l in lines.iter().skip(1).cloned() {
        let line = &text[l.clone()];
        if is_blank(line) || list_marker_len(line).is_some() || is_clause_start(line) {
            cuts.push(l.start);
        }
        if is_blank(line) {
            cuts.push(l.end);
        }
    }
    for l in &lines {
        if text[l.clone()].trim_end().ends_with(':') && l.end < range.end {
            cuts.push(l.end);
        }
    }
    let token_start = text[..range.start]
        .rfind(|c: char| c.is_whitespace() || c == '(')
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let mut token_start = token_start;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        if c.is_whitespace() || c == '(' {
            token_start = at + c.len_utf8();
            continue;
        }
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        if !matches!(text.as_bytes().get(at + 1), Some(b' ' | b'\t' | b'\n')) {
            continue;
        }
        let numeric = text[token_start..at]
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.');
        if ends_sentence_at(text, token_start, numeric, at) {
            cuts.push(at + 1);
        }
    }
    cuts.push(range.end);
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| trim_span(text, w[0]..w[1]))
        .map(|r| {
            if text[r.end..].starts_with(['.', ')']) {
                r.start..r.end + 1
            } else {
                r
            }
        })
        .filter(|r| !is_blank(&text[r.clone()]))
        .collect()
}

pub fn all_sentences(text: &str) -> Vec<Range<usize>> {
    paragraphs(text)
        .into_iter()
        .flat_map(|p| sentences(text, p))
        .collect()
}

fn heading_words_ok(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && !t.ends_with(['.', ',', ';', ':'])
        && t.chars().count() <= 90
        && t.split_whitespace().count() <= 12
        && !t.contains('\t')
        && !t.contains(" | ")
        && list_marker_len(t)
            .filter(|_| !t.starts_with(|c: char| c.is_ascii_digit()))
            .is_none()
}

pub fn is_strong_heading(line: &str) -> bool {
    let t = line.trim();
    if !heading_words_ok(t) {
        return false;
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) {
        return true;
    }
    STRONG_HEADING.is_match(t) && t.split_whitespace().skip(1).count() <= 9
}

/// The sections from the paragraphs and lines of this reference (the
/// heading test and the sections it opens are the crate's own, compared
/// line by line and unchanged).
pub fn sections(text: &str) -> Vec<Section> {
    let last_lines: Vec<Range<usize>> = paragraphs(text)
        .into_iter()
        .filter_map(|p| lines(text, p).pop())
        .collect();
    super::sections_of_last_lines(text, last_lines.iter())
}

pub fn cell_separator(line: &str) -> Option<&'static str> {
    if line.contains('\t') {
        Some("\t")
    } else if line.contains(" | ") || line.trim_start().starts_with('|') {
        Some("|")
    } else {
        None
    }
}
