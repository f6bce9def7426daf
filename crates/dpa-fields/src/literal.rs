//! Searches for a literal taken from the document (a party's name) without
//! compiling a regex per document.

use crate::scan;
use memchr::memmem;
use std::ops::Range;

/// Chars that a case-insensitive regex matches to an ASCII letter (`ſ` to
/// `s`, the Kelvin sign to `k`): with one in the text, the plain ASCII
/// search below would miss matches the regex finds.
const ASCII_CASE_FOLD_EXTRAS: &[&str] = &["\u{17f}", "\u{212a}"];

fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The matches of the regex `(?i)(?-u:\b)` + escaped `name` in `text`, in
/// order and non-overlapping; `None` when this search cannot give exactly
/// the regex's matches (a non-ASCII or empty name, or a char in the text
/// that folds to an ASCII letter).
pub fn find_ascii_name_ci(text: &str, name: &str) -> Option<Vec<Range<usize>>> {
    let needle = name.as_bytes();
    if needle.is_empty() || !name.is_ascii() {
        return None;
    }
    let lower_needle = needle.to_ascii_lowercase();
    // a document with a lower-cased copy holds neither fold (the Kelvin
    // sign lower-cases to one byte, and `ſ` is one of scan::NO_LOWER_COPY)
    let cached =
        scan::with_cached_lower(text, |lower| word_starts(lower.as_bytes(), &lower_needle));
    if cached.is_some() {
        return cached;
    }
    let folds_to_ascii = ASCII_CASE_FOLD_EXTRAS
        .iter()
        .any(|x| memmem::find(text.as_bytes(), x.as_bytes()).is_some());
    (!folds_to_ascii).then(|| word_starts(&text.as_bytes().to_ascii_lowercase(), &lower_needle))
}

/// Where the lower-case ASCII `needle` occurs with a word boundary before
/// it in `lower`, a lower-cased text whose ASCII bytes are those of the
/// original lower-cased, at the same offsets (the original's matches in any
/// ASCII case).
fn word_starts(lower: &[u8], needle: &[u8]) -> Vec<Range<usize>> {
    let Some(&first) = needle.first() else {
        return Vec::new();
    };
    let finder = memmem::Finder::new(needle);
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(off) = finder.find(&lower[pos..]) {
        let at = pos + off;
        if starts_word(lower, at, first) {
            out.push(at..at + needle.len());
            pos = at + needle.len();
        } else {
            pos = at + 1;
        }
    }
    out
}

/// Whether a match beginning with `first` at `at` has the word boundary
/// `(?-u:\b)` before it.
fn starts_word(hay: &[u8], at: usize, first: u8) -> bool {
    let before_word = at > 0 && is_ascii_word(hay[at - 1]);
    before_word != is_ascii_word(first)
}

/// The group of the regex escaped `name` + `\s*\(([^()\n]{2,40})\)` for each
/// of its matches in `text` (`Alfa B.V. (Merk)` → `Merk`); `None` for an
/// empty name.
pub fn parenthesis_after_name(text: &str, name: &str) -> Option<Vec<Range<usize>>> {
    if name.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(off) = memmem::find(&text.as_bytes()[pos..], name.as_bytes()) {
        let at = pos + off;
        let after = at + name.len();
        match parenthesised_at(text, after) {
            Some(group) => {
                pos = group.end + 1;
                out.push(group);
            }
            // the next match starts at a later char
            None => pos = at + text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    Some(out)
}

/// At `at`: optional white space, `(`, 2 to 40 chars other than `()\n`,
/// `)`; the range of those chars.
fn parenthesised_at(text: &str, at: usize) -> Option<Range<usize>> {
    let rest = text.get(at..)?;
    let open = rest.find(|c: char| !c.is_whitespace())?;
    let inner = rest[open..].strip_prefix('(')?;
    let start = at + open + 1;
    let mut count = 0;
    for (i, c) in inner.char_indices() {
        match c {
            ')' if (2..=40).contains(&count) => return Some(start..start + i),
            '(' | ')' | '\n' => return None,
            _ if count == 40 => return None,
            _ => count += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn regex_name_matches(text: &str, name: &str) -> Vec<Range<usize>> {
        let re = Regex::new(&format!(r"(?i)(?-u:\b){}", regex::escape(name))).unwrap();
        re.find_iter(text).map(|m| m.range()).collect()
    }

    fn regex_parens(text: &str, name: &str) -> Vec<Range<usize>> {
        let re = Regex::new(&format!(r"{}\s*\(([^()\n]{{2,40}})\)", regex::escape(name))).unwrap();
        re.captures_iter(text)
            .filter_map(|c| c.get(1).map(|g| g.range()))
            .collect()
    }

    const TEXTS: &[&str] = &[
        "Alfa B.V. (Merk) en ALFA b.v. (x) alfa b.v.(Beta Diensten) xAlfa B.V. (Gamma)",
        "De Verwerker, Alfa B.V.\n(Merk)\nAlfa B.V. ( )Alfa B.V. (één twee drie)",
        "alfaalfa alfa_alfa .alfa cliënt-alfa éalfa Alfa B.V.  \t(Een naam die veel te lang is om nog een merknaam te zijn)",
        "Alfa B.V. (a(b)) Alfa B.V. (ab) Alfa B.V. (Alfa B.V. (Delta))",
    ];

    #[test]
    fn name_search_matches_the_regex() {
        // without and with the document's cached lower-cased text
        for cached in [false, true] {
            for t in TEXTS {
                if cached {
                    scan::begin_document(t);
                }
                for name in ["Alfa B.V.", "alfa", ".alfa", "(Merk)", "B.V."] {
                    assert_eq!(
                        find_ascii_name_ci(t, name),
                        Some(regex_name_matches(t, name)),
                        "{name} in {t}"
                    );
                }
                scan::end_document();
            }
        }
    }

    #[test]
    fn name_search_defers_to_the_regex_when_unsure() {
        assert_eq!(find_ascii_name_ci("Cliënt", "cliënt"), None);
        assert_eq!(find_ascii_name_ci("kade", ""), None);
        // a fold to ASCII in the text, with and without the document cached
        for t in ["De \u{212a}ade", "De Kade, Beſt"] {
            for cached in [false, true] {
                if cached {
                    scan::begin_document(t);
                }
                assert_eq!(find_ascii_name_ci(t, "kade"), None, "{t}");
                scan::end_document();
            }
        }
    }

    #[test]
    fn parenthesis_search_matches_the_regex() {
        for t in TEXTS {
            for name in ["Alfa B.V.", "alfa", "Alfa", "B.V.", "é"] {
                assert_eq!(
                    parenthesis_after_name(t, name),
                    Some(regex_parens(t, name)),
                    "{name} in {t}"
                );
            }
        }
        assert_eq!(parenthesis_after_name("x (ab)", ""), None);
    }
}
