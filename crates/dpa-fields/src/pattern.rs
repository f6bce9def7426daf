//! [`Pattern`]: a regex with a literal filter from the document's word index.
//!
//! Most patterns run on every sentence of a document and match on few.
//! Every match of a pattern starts (or ends) with one of a small set of
//! literals (`beëindig`, `termination` ...); a pattern whose literals do
//! not occur inside the sentence cannot match there. Those literals join
//! the document's word index ([`crate::word_index`]), so for a part of the
//! cached document the filter is a binary search, and the regex runs only
//! where its literals occur. The answers are those of the regex alone.

use crate::scan;
use crate::word_index::Words;
use regex::{CaptureMatches, Captures, Match, Matches, Regex};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};

/// Literals longer than this (in bytes) are cut: 8 letters filter as well.
const LITERAL_LEN: usize = 8;

/// A set with a shorter literal (`in`, `:`) is no useful filter: such
/// literals occur everywhere, and crowd the index.
const MIN_LITERAL_LEN: usize = 3;

/// A literal set larger than this is no useful filter.
const MAX_LITERALS: usize = 64;

/// A compiled regex and the literals one of which each of its matches holds.
pub struct Pattern {
    regex: Regex,
    /// Lower-cased literals, `None` when the pattern has no useful set.
    literals: Option<&'static Words>,
    /// Whether every match starts with one of `literals` (else it ends
    /// with one).
    prefix: bool,
}

impl From<Regex> for Pattern {
    fn from(regex: Regex) -> Self {
        let (literals, prefix) = match required_literals(regex.as_str()) {
            Some((words, kind)) => (Some(leak_words(words)), matches!(kind, ExtractKind::Prefix)),
            None => (None, false),
        };
        Pattern {
            regex,
            literals,
            prefix,
        }
    }
}

impl std::ops::Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        &self.regex
    }
}

impl Pattern {
    /// Compile one of the stage's own patterns (a `static` compiled once);
    /// an invalid pattern is a bug in this crate, not bad input.
    pub fn new(pattern: &str) -> Self {
        Pattern::from(Regex::new(pattern).expect("field patterns are valid regexes"))
    }

    /// A pattern that cannot start with a literal (`^\s*naam...`) but whose
    /// every match holds a match of `required` (the words it must contain,
    /// `(?i)naam|name`): filtered by the literals of `required`.
    pub fn with_required(regex: Regex, required: &str) -> Self {
        let literals = required_literals(required).map(|(words, _)| leak_words(words));
        Pattern {
            regex,
            literals,
            prefix: false,
        }
    }

    /// False when the pattern cannot match in `hay` (its literals are not
    /// inside it); true when it may.
    pub fn may_match(&self, hay: &str) -> bool {
        self.literals
            .map_or(true, |words| scan::may_have_any(hay, words))
    }

    /// The first offset of `hay` at which a match may start: `None` when
    /// the pattern cannot match in `hay`. A match starts with a literal of
    /// a prefix set, so none starts before the first such literal.
    fn search_from(&self, hay: &str) -> Option<usize> {
        match self.literals {
            None => Some(0),
            Some(words) if self.prefix => scan::first_possible(hay, words),
            Some(words) => scan::may_have_any(hay, words).then_some(0),
        }
    }

    pub fn is_match(&self, hay: &str) -> bool {
        self.search_from(hay)
            .is_some_and(|at| self.regex.is_match_at(hay, at))
    }

    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.search_from(hay)
            .and_then(|at| self.regex.find_at(hay, at))
    }

    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.search_from(hay)
            .and_then(|at| self.regex.captures_at(hay, at))
    }

    /// The matches of the regex in `hay`, in order. With a prefix set each
    /// search starts at the next place a literal occurs (no match starts
    /// before it, and none is empty), else the regex iterates alone.
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> FindIter<'r, 'h> {
        if self.prefix && self.literals.is_some() {
            FindIter::FromLiterals {
                pattern: self,
                hay,
                at: Some(0),
            }
        } else {
            FindIter::Regex(
                self.may_match(hay)
                    .then(|| self.regex.find_iter(hay))
                    .into_iter()
                    .flatten(),
            )
        }
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<CaptureMatches<'r, 'h>>> {
        self.may_match(hay)
            .then(|| self.regex.captures_iter(hay))
            .into_iter()
            .flatten()
    }
}

/// Iterator of [`Pattern::find_iter`] (a short-lived value on the stack:
/// the regex iterator's size needs no box, which would allocate per call).
#[allow(clippy::large_enum_variant)]
pub enum FindIter<'r, 'h> {
    Regex(std::iter::Flatten<std::option::IntoIter<Matches<'r, 'h>>>),
    /// Searches from the next literal after `at` (`None`: done).
    FromLiterals {
        pattern: &'r Pattern,
        hay: &'h str,
        at: Option<usize>,
    },
}

impl<'h> Iterator for FindIter<'_, 'h> {
    type Item = Match<'h>;

    fn next(&mut self) -> Option<Match<'h>> {
        match self {
            FindIter::Regex(matches) => matches.next(),
            FindIter::FromLiterals { pattern, hay, at } => {
                let from = at.take()?;
                let rest = hay.get(from..)?;
                let start = from + pattern.search_from(rest)?;
                let m = pattern.regex.find_at(hay, start)?;
                // a match holds a literal of at least MIN_LITERAL_LEN bytes:
                // never empty, so the next search starts at its end
                *at = (m.end() > m.start()).then_some(m.end());
                Some(m)
            }
        }
    }
}

/// The lower-cased literals one of which every match of `pattern` starts
/// with (or else ends with), and which of the two; `None` when there is
/// no useful such set.
fn required_literals(pattern: &str) -> Option<(Vec<String>, ExtractKind)> {
    let hir = regex_syntax::parse(pattern).ok()?;
    [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .find_map(|kind| {
            let lits = lower_literals(&extractor(kind.clone()).extract(&hir), kind.clone())?;
            Some((lits, kind))
        })
}

/// A literal extractor that keeps whole words of case-insensitive patterns:
/// `(?i)inspectie` is 2¹⁰ case variants of 10 letters, one after
/// lower-casing; literals are cut at [`LITERAL_LEN`] bytes.
fn extractor(kind: ExtractKind) -> Extractor {
    let mut e = Extractor::new();
    e.kind(kind)
        .limit_class(4)
        .limit_literal_len(LITERAL_LEN)
        .limit_total(4096);
    e
}

/// `seq` lower-cased and deduplicated, when it is a finite set of
/// non-empty literals.
fn lower_literals(seq: &Seq, kind: ExtractKind) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for lit in seq.literals()? {
        let text = utf8_part(lit.as_bytes(), &kind)?;
        let lower = lower_same_length(text);
        match lower {
            Some(l) if l.len() < MIN_LITERAL_LEN => return None,
            Some(l) => out.push(l),
            // a literal whose lower case has another length cannot occur
            // in a document the index is built for (its lower-cased copy
            // keeps every offset), so it needs no place in the set
            None => {}
        }
    }
    out.sort();
    out.dedup();
    (!out.is_empty() && out.len() <= MAX_LITERALS).then_some(out)
}

/// The literal as text: a prefix literal cut to its longest valid UTF-8
/// start (still a prefix of every match it stands for), a suffix literal
/// only when it is valid UTF-8 whole.
fn utf8_part<'a>(bytes: &'a [u8], kind: &ExtractKind) -> Option<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) if matches!(kind, ExtractKind::Prefix) => {
            std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()
        }
        Err(_) => None,
    }
}

/// `text` lower-cased when that keeps its length in bytes.
fn lower_same_length(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    (lower.len() == text.len()).then_some(lower)
}

/// A word list that lives as long as the process (one per pattern, made
/// once when the pattern is compiled).
fn leak_words(literals: Vec<String>) -> &'static Words {
    let list: Vec<&'static str> = literals
        .into_iter()
        .map(|l| &*Box::leak(l.into_boxed_str()))
        .collect();
    Box::leak(Box::new(Words::new(Box::leak(list.into_boxed_slice()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_of_alternatives_and_case_insensitive_words() {
        let (lits, kind) =
            required_literals(r"(?i)(?-u:\b)(?:audits?|inspecties?)(?-u:\b)").unwrap();
        assert!(matches!(kind, ExtractKind::Prefix));
        assert!(lits.iter().all(|l| l == &l.to_lowercase()));
        assert!(lits.iter().any(|l| l.starts_with("audit")));
        assert!(lits.iter().any(|l| l.starts_with("insp")));
        // a pattern that can start anywhere has no prefix set, but a suffix one
        let (lits, kind) = required_literals(r"\d+\s+dagen").unwrap();
        assert_eq!(lits, vec!["dagen".to_string()]);
        assert!(matches!(kind, ExtractKind::Suffix));
        // an optional part leaves no useful set
        assert!(required_literals(r"\w*").is_none());
    }

    #[test]
    fn filtered_answers_equal_the_regex_answers() {
        let p = Pattern::from(Regex::new(r"(?i)(?-u:\b)(?:audit|controle)\w*").unwrap());
        let doc = "Intro zonder.\n\nDe AUDIT vindt plaats. Geen controle? Jawel: Controles.";
        // the first use registers the literals; the next document's index holds them
        assert!(p.may_match(doc));
        scan::begin_document(doc);
        assert!(!p.may_match(&doc[..13]), "the index filters");
        for start in (0..=doc.len()).filter(|&i| doc.is_char_boundary(i)) {
            for end in (start..=doc.len()).filter(|&i| doc.is_char_boundary(i)) {
                let hay = &doc[start..end];
                assert_eq!(p.is_match(hay), p.regex.is_match(hay), "{hay:?}");
                assert_eq!(
                    p.find(hay).map(|m| m.range()),
                    p.regex.find(hay).map(|m| m.range()),
                    "{hay:?}"
                );
                assert_eq!(
                    p.find_iter(hay).map(|m| m.range()).collect::<Vec<_>>(),
                    p.regex
                        .find_iter(hay)
                        .map(|m| m.range())
                        .collect::<Vec<_>>(),
                    "{hay:?}"
                );
            }
        }
        scan::end_document();
    }

    #[test]
    fn required_words_filter_like_the_regex() {
        let p = Pattern::with_required(
            Regex::new(r"(?i)^\s*(?:naam|plaats)\s*:\s*(.*)$").unwrap(),
            r"(?i)naam|plaats",
        );
        let doc = "Intro\n  NAAM: Jan\nPlaatſ: Utrecht\nGeen veld.";
        assert!(p.may_match(doc));
        scan::begin_document(doc);
        for start in (0..=doc.len()).filter(|&i| doc.is_char_boundary(i)) {
            for end in (start..=doc.len()).filter(|&i| doc.is_char_boundary(i)) {
                let hay = &doc[start..end];
                assert_eq!(p.is_match(hay), p.regex.is_match(hay), "{hay:?}");
            }
        }
        assert!(!p.may_match(&doc[..5]), "the index filters");
        scan::end_document();
    }
}
