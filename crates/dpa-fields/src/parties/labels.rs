//! Where the label patterns of the parties (`Verwerker: Alfa B.V.`,
//! `Verwerker | Alfa`, `1.1 De opdrachtgever ("Klant"):`) match: the
//! matches of the pattern's `find_iter` over the whole text, found by
//! anchored searches at the few line starts a match can start at.
//!
//! Every match starts at a line start (`(?m)^`). A match inside one line
//! holds its separator (`:`, `|` or a tab). A match that runs on to a later
//! line crosses the first line end inside the white space of `de\s+`,
//! `data\s+` or `\(\s*` (every other part of the pattern stays inside a
//! line), so that first line ends, white space aside, in `de`, `data` or
//! `(` (in any case: no char but the ASCII capitals folds to these
//! letters).

use crate::scan;
use memchr::{memchr, memchr3, memrchr};
use regex::Regex;
use std::ops::Range;

/// `pattern` anchored at the start of the haystack: run on the text from a
/// line start, it finds the match the pattern's `find_iter` over the whole
/// text finds starting there (the pattern looks behind nothing but a
/// multi-line `^`, true at a line start).
pub(super) fn anchored(pattern: &str) -> Regex {
    Regex::new(&format!(r"\A(?:{pattern})")).expect("valid regex")
}

/// The line starts of `text`, ascending, where a label match may start:
/// lines holding a separator, and lines whose white-space-trimmed end is
/// `de`, `data` (ASCII case-insensitive) or `(`.
pub(super) fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = bytes
        .get(pos..)
        .and_then(|rest| memchr3(b':', b'|', b'\t', rest))
    {
        let hit = pos + i;
        out.push(memrchr(b'\n', &bytes[..hit]).map_or(0, |p| p + 1));
        match memchr(b'\n', &bytes[hit..]) {
            Some(p) => pos = hit + p + 1,
            None => break,
        }
    }
    // the document's lines (cut at form feeds too: a line ends at a `\n`)
    let mut line_start = 0;
    for l in scan::lines(text, 0..text.len()) {
        if bytes.get(l.end) == Some(&b'\n') {
            if may_run_on(&text[line_start..l.end]) {
                out.push(line_start);
            }
            line_start = l.end + 1;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether a label match starting on `line` may run on to the next line.
fn may_run_on(line: &str) -> bool {
    let t = line.trim_end().as_bytes();
    let ends_with =
        |word: &[u8]| t.len() >= word.len() && t[t.len() - word.len()..].eq_ignore_ascii_case(word);
    t.last() == Some(&b'(') || ends_with(b"de") || ends_with(b"data")
}

/// The matches of `re` (an [`anchored`] label pattern) that the
/// unanchored pattern's `find_iter` finds in `text`, given the line
/// starts `starts` where one may start ([`line_starts`]).
pub(super) fn matches(text: &str, starts: &[usize], re: &Regex) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    for &at in starts {
        if at < from {
            continue;
        }
        if let Some(m) = text.get(at..).and_then(|rest| re.find(rest)) {
            out.push(at + m.start()..at + m.end());
            from = at + m.end();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{label_pattern, CONTROLLER_ROLES, PROCESSOR_ROLES};
    use super::*;

    /// Hand-written labelled lines, with matches running on to later lines.
    const TEXTS: &[&str] = &[
        "Partijen\n\n1.1 Verwerker: Alfa B.V., Kade 1\n1.2 De opdrachtgever (\"Klant\"):\nBeta B.V.\n",
        "• De\nverwerker: Gamma\n- de \n\n  Klant | Delta\nVerwerker\t| Epsilon\n",
        "a) Data\nprocessor: Zeta\n(b) DATA \n CONTROLLER\t Eta\nVerwerker (\n“Theta”): Iota\nVerwerker (\n\nx): nee\n",
        "Klant:Kappa\nDe leverancier : Lambda\nDE\u{a0}\nKLANT: Mu\nverwerker:\n\nNu\n3.2.1. Afnemer: Xi\nde\n",
        "Pagina 1\u{c}De\u{c} \nVerwerker: Sigma\u{c}\u{c}klant\t\u{c}Tau\n(\u{c}\nde\u{c}\nklant: Ypsilon\n",
        "Opdrachtnemer heeft: niets\nVerwerkingsverantwoordelijke: Omikron\n\u{212a}lant: Pi\nDienstverlener|Rho",
    ];

    fn reference(text: &str, roles: &str) -> Vec<Range<usize>> {
        let re = Regex::new(&label_pattern(roles)).unwrap();
        re.find_iter(text).map(|m| m.range()).collect()
    }

    #[test]
    fn matches_equal_the_pattern_over_the_whole_text() {
        let mut texts: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
        texts.extend(crate::test_fixtures::raw_texts());
        let (mut found, mut run_on) = (0, 0);
        for t in &texts {
            let starts = line_starts(t);
            for roles in [PROCESSOR_ROLES, CONTROLLER_ROLES] {
                let want = reference(t, roles);
                found += want.len();
                run_on += want
                    .iter()
                    .filter(|m| t[(*m).clone()].contains('\n'))
                    .count();
                let re = anchored(&label_pattern(roles));
                assert_eq!(matches(t, &starts, &re), want, "{t:?}");
            }
        }
        assert!(found >= 15 && run_on >= 5, "{found} {run_on}");
    }

    /// The letters the run-on test compares without Unicode case folding.
    #[test]
    fn run_on_letters_fold_only_to_ascii() {
        let re = Regex::new("(?i)^[adet(]$").unwrap();
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if re.is_match(c.encode_utf8(&mut buf)) {
                assert!(c.is_ascii(), "{c:?}");
            }
        }
    }

    #[test]
    fn run_on_lines() {
        assert!(may_run_on("1.1 De "));
        assert!(may_run_on("DATA\u{a0}"));
        assert!(may_run_on("Verwerker ("));
        assert!(!may_run_on("Verwerker"));
        assert!(!may_run_on("Dé"));
    }
}
