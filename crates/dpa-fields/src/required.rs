//! The words one of which every match of a regex contains, wherever they
//! sit in the match: `(?i)van\s+toepassing` → `toepassing`.
//!
//! A pattern's prefix literals ([`crate::pattern`]) are a poor filter when
//! the match starts with a common word (`van`, `de`, `in`): they occur in
//! nearly every sentence. A longer literal further in is a far better one.
//! The words here are lower-cased char by char, to be looked up in the
//! lower-cased document ([`crate::scan`]), whose offsets are those of the
//! text: a match holds one of the words as written in any case, so the
//! lower-cased text holds it lower-cased.

use crate::scan;
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition,
};
#[cfg(test)]
use std::sync::Mutex;

/// The source of every pattern given to [`required_words`] (for the test
/// that compares each pattern's filter with its regex on the fixtures).
#[cfg(test)]
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Sets larger than this are no useful filter (and cost the index).
const MAX_WORDS: usize = 64;

/// A class of more chars than this is no literal.
const MAX_CLASS_CHARS: u32 = 8;

/// Words shorter than this (in bytes) occur everywhere.
const MIN_WORD_LEN: usize = 3;

/// What a part of a pattern tells about the text it matches.
#[derive(Debug, Clone, Default)]
struct Facts {
    /// The part matches exactly one of these strings (lower-cased).
    exact: Option<Vec<String>>,
    /// Each match of the part contains one of these (lower-cased).
    required: Option<Vec<String>>,
}

impl Facts {
    fn exactly(words: Vec<String>) -> Self {
        Facts {
            required: Some(words.clone()).filter(|w| usable(w)),
            exact: Some(words),
        }
    }

    /// The best filter this part gives: its required words, or else its
    /// exact strings when they make a usable set.
    fn filter(&self) -> Option<&Vec<String>> {
        let exact = self.exact.as_ref().filter(|w| usable(w));
        match (&self.required, exact) {
            (Some(r), Some(e)) => Some(better(r, e)),
            (r, e) => r.as_ref().or(e),
        }
    }
}

/// [`required_words_of`] a pattern's source.
#[cfg(test)]
pub fn required_words(pattern: &str) -> Option<Vec<String>> {
    note_pattern(pattern);
    required_words_of(&lower_classes(&regex_syntax::parse(pattern).ok()?))
}

/// Keep `pattern`'s source for the test that compares each pattern's
/// filter with its regex.
#[cfg(test)]
pub fn note_pattern(pattern: &str) {
    SEEN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(pattern.to_string());
}

/// The lower-cased words one of which every match of a pattern contains,
/// each at least [`MIN_WORD_LEN`] bytes; `None` when there is no such set
/// of at most [`MAX_WORDS`] words. `hir` is the pattern parsed, with
/// [`lower_classes`] applied.
pub fn required_words_of(hir: &Hir) -> Option<Vec<String>> {
    let mut words = facts(hir).filter()?.clone();
    words.sort();
    words.dedup();
    Some(words)
}

fn facts(hir: &Hir) -> Facts {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Facts::exactly(vec![String::new()]),
        HirKind::Literal(lit) => literal_facts(&lit.0),
        HirKind::Class(class) => class_chars(class)
            .map(|chars| Facts::exactly(chars.into_iter().map(String::from).collect()))
            .unwrap_or_default(),
        HirKind::Capture(cap) => facts(&cap.sub),
        HirKind::Repetition(rep) => {
            let sub = facts(&rep.sub);
            Facts {
                exact: sub
                    .exact
                    .clone()
                    .filter(|_| rep.min == 1 && rep.max == Some(1)),
                required: sub.filter().cloned().filter(|_| rep.min >= 1),
            }
        }
        HirKind::Concat(parts) => concat_facts(parts),
        HirKind::Alternation(alts) => alternation_facts(alts),
    }
}

fn literal_facts(bytes: &[u8]) -> Facts {
    match std::str::from_utf8(bytes).ok().and_then(lower_same_length) {
        Some(word) => Facts::exactly(vec![word]),
        None => Facts::default(),
    }
}

/// The lower-cased chars of a small class (chars whose lower case has
/// another length are left out: they never occur in a document that has a
/// lower-cased copy).
fn class_chars(class: &Class) -> Option<Vec<char>> {
    let mut chars: Vec<char> = Vec::new();
    match class {
        Class::Unicode(c) => {
            let size: u32 = c
                .iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum();
            if size > MAX_CLASS_CHARS {
                return None;
            }
            chars.extend(c.iter().flat_map(|r| r.start()..=r.end()));
        }
        Class::Bytes(c) => {
            let size: u32 = c.iter().map(|r| u32::from(r.end() - r.start()) + 1).sum();
            if size > MAX_CLASS_CHARS || c.iter().any(|r| !r.end().is_ascii()) {
                return None;
            }
            chars.extend(c.iter().flat_map(|r| r.start()..=r.end()).map(char::from));
        }
    }
    let mut lower: Vec<char> = chars.into_iter().filter_map(lower_char).collect();
    lower.sort_unstable();
    lower.dedup();
    Some(lower)
}

/// The lower case of `c` as it can stand in the lower-cased document:
/// one char of the same length, and not a char that rules the copy out
/// ([`scan::NO_LOWER_COPY`]: the long `ſ`, which `(?i)s` matches).
fn lower_char(c: char) -> Option<char> {
    if scan::NO_LOWER_COPY.contains(&c) {
        return None;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => Some(l),
        _ => None,
    }
}

/// `hir` with each small class (at most [`MAX_CLASS_CHARS`] chars) made
/// the set of its chars' lower cases as [`lower_char`] gives them: what
/// the class matches in the lower-cased document. `(?i)tls` becomes
/// `tls`, one literal instead of eight case variants, so a literal
/// extractor reads each pattern without multiplying its words out.
pub fn lower_classes(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(class) => lower_class(class).unwrap_or_else(|| hir.clone()),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(lower_classes(&cap.sub)),
            ..cap.clone()
        }),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(lower_classes(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(lower_classes).collect()),
        HirKind::Alternation(alts) => Hir::alternation(alts.iter().map(lower_classes).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_) => hir.clone(),
    }
}

/// A small class as its lower-cased chars (one char as a literal).
fn lower_class(class: &Class) -> Option<Hir> {
    let chars = class_chars(class)?;
    Some(match chars.as_slice() {
        [c] => Hir::literal(c.encode_utf8(&mut [0; 4]).as_bytes()),
        _ => Hir::class(Class::Unicode(ClassUnicode::new(
            chars.iter().map(|&c| ClassUnicodeRange::new(c, c)),
        ))),
    })
}

fn lower_same_length(s: &str) -> Option<String> {
    s.chars().map(lower_char).collect()
}

/// A concatenation: runs of exact parts join into longer strings (`[Vv]`
/// `[Aa]` `[Nn]` → `van`); the best filter of any run or part holds.
fn concat_facts(parts: &[Hir]) -> Facts {
    let mut run: Option<Vec<String>> = Some(vec![String::new()]);
    let mut all_exact = true;
    let mut best: Option<Vec<String>> = None;
    for part in parts {
        let f = facts(part);
        if let Some(joined) = f.exact.as_ref().and_then(|e| join(run.as_deref()?, e)) {
            run = Some(joined);
            continue;
        }
        all_exact = false;
        keep_better(&mut best, run.take().filter(|r| usable(r)));
        keep_better(&mut best, f.filter().cloned());
        // a part that is exact but too many strings to join starts a new run
        run = f.exact.filter(|e| e.len() <= MAX_WORDS);
    }
    keep_better(&mut best, run.clone().filter(|r| usable(r)));
    Facts {
        exact: run.filter(|_| all_exact),
        required: best,
    }
}

/// Every string of `a` followed by every string of `b`, when that makes
/// at most [`MAX_WORDS`] strings.
fn join(a: &[String], b: &[String]) -> Option<Vec<String>> {
    if a.len() * b.len() > MAX_WORDS {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| format!("{x}{y}")))
            .collect(),
    )
}

/// An alternation: each branch must give a filter (or exact strings).
fn alternation_facts(alts: &[Hir]) -> Facts {
    let branches: Vec<Facts> = alts.iter().map(facts).collect();
    let exact = union(branches.iter().map(|f| f.exact.as_ref()));
    let required = union(branches.iter().map(|f| f.filter()));
    Facts {
        required: required.filter(|w| usable(w)),
        exact,
    }
}

/// The union of sets, `None` when one is unknown or it grows too large.
fn union<'a>(sets: impl Iterator<Item = Option<&'a Vec<String>>>) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for set in sets {
        out.extend(set?.iter().cloned());
        out.sort();
        out.dedup();
        if out.len() > MAX_WORDS {
            return None;
        }
    }
    Some(out)
}

/// A set that filters: not empty, every word long enough, not too many.
fn usable(words: &[String]) -> bool {
    !words.is_empty() && words.len() <= MAX_WORDS && words.iter().all(|w| w.len() >= MIN_WORD_LEN)
}

/// The better filter of two usable sets: longer shortest word, then fewer
/// words (the first on a tie).
fn better<'a>(a: &'a Vec<String>, b: &'a Vec<String>) -> &'a Vec<String> {
    let key = |w: &Vec<String>| {
        let shortest = w.iter().map(|s| s.len()).min().unwrap_or(0);
        (shortest, std::cmp::Reverse(w.len()))
    };
    if key(b) > key(a) {
        b
    } else {
        a
    }
}

fn keep_better(best: &mut Option<Vec<String>>, candidate: Option<Vec<String>>) {
    let Some(c) = candidate.filter(|c| usable(c)) else {
        return;
    };
    *best = Some(match best.take() {
        Some(b) => better(&b, &c).clone(),
        None => c,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn words(p: &str) -> Option<Vec<String>> {
        required_words(p)
    }

    #[test]
    fn case_insensitive_words_are_their_lower_case_alone() {
        // no `ſ` spellings (a document with one has no index to look them
        // up in) and no Kelvin sign (its lower case is one byte)
        assert_eq!(
            words(r"(?i)(?:klassen|kosten)\s+op"),
            Some(vec!["klassen".into(), "kosten".into()])
        );
        let hir = lower_classes(&regex_syntax::parse(r"(?i)tls[a-z]").unwrap());
        let (literal, rest) = match hir.kind() {
            HirKind::Concat(parts) => (&parts[0], &parts[1]),
            other => panic!("{other:?}"),
        };
        assert_eq!(literal, &Hir::literal(*b"tls"));
        // a class of more chars than a literal is worth stays as it was
        assert!(matches!(rest.kind(), HirKind::Class(_)));
    }

    #[test]
    fn a_later_longer_word_beats_a_common_first_word() {
        assert_eq!(
            words(r"(?i)van\s+toepassing"),
            Some(vec!["toepassing".to_string()])
        );
        assert_eq!(
            words(
                r"(?i)(?-u:\b)(?:rechtbank|bevoegde\s+rechter|rechter)(?-u:\b)\s+(?P<p>[A-Z]\w+)"
            ),
            Some(vec![
                "bevoegde".into(),
                "rechtbank".into(),
                "rechter".into()
            ])
        );
    }

    #[test]
    fn every_branch_must_give_a_word() {
        assert_eq!(
            words(r"(?i)beheerst|\d+ dagen"),
            Some(vec![" dagen".into(), "beheerst".into()])
        );
        assert_eq!(words(r"(?i)beheerst|\w+"), None);
        assert_eq!(words(r"(?i)de|het"), None);
        assert_eq!(
            words(r"(?i)(?:audits?)?\s*rapport"),
            Some(vec!["rapport".into()])
        );
    }

    #[test]
    fn optional_parts_give_nothing() {
        assert_eq!(words(r"(?i)(?:toepassing)?\s+x"), None);
        assert_eq!(words(r"(?i)(?:toepassing)*"), None);
    }

    /// Texts to try patterns on: each word of a required set must be in the
    /// lower-cased text wherever a match is.
    const TEXTS: &[&str] = &[
        "Op deze overeenkomst is Nederlands recht van toepassing.",
        "De Rechtbank Rotterdam is bevoegd; de bevoegde rechter te Amsterdam.",
        "VAN TOEPASSING: het beheerst de relatie. ſ and K for folds.",
        "Audit-rapporten en auditrapport, 14 dagen na melding.",
        "Verwerker meldt binnen 48 uur. Governing law: the laws of Ireland.",
    ];

    const PATTERNS: &[&str] = &[
        r"(?i)van\s+toepassing|beheerst|toepasselijk|(?-u:\b)governed(?-u:\b)",
        r"(?i)(?-u:\b)(?:rechtbank|bevoegde\s+rechter|rechter)(?-u:\b)(?:\s+te)?\s+(?P<p>[A-Z][\w-]+)",
        r"(?i)(?:audit)?-?rapport(?:en)?",
        r"(?i)(?-u:\b)(?P<adj>[a-z]+)\s+(?:recht|law)(?-u:\b)|(?-u:\b)laws?\s+of\s+(?:the\s+)?(?P<c>[A-Z][a-z]+)",
        r"(?i)binnen\s+\d+\s+(?:uur|dagen)",
        r"\d+ dagen na",
        r"(?i)verwerker\s+meldt",
        r"(?i)stopwoord|[ks]ort",
    ];

    #[test]
    fn every_match_holds_a_required_word() {
        for p in PATTERNS {
            let re = Regex::new(p).unwrap();
            let Some(req) = required_words(p) else {
                continue;
            };
            for t in TEXTS {
                for m in re.find_iter(t) {
                    let lower = m.as_str().to_lowercase();
                    assert!(
                        req.iter().any(|w| lower.contains(w.as_str())),
                        "{p}: {:?} holds none of {req:?}",
                        m.as_str()
                    );
                }
            }
        }
    }

    #[test]
    fn words_are_lower_case_and_long_enough() {
        for p in PATTERNS {
            for w in required_words(p).into_iter().flatten() {
                assert_eq!(w, w.to_lowercase(), "{p}");
                assert!(w.len() >= MIN_WORD_LEN, "{p}: {w:?}");
            }
        }
    }

    /// The normalized customer fixtures (the project's own test input).
    fn fixtures() -> Vec<String> {
        crate::test_fixtures::raw_texts()
            .iter()
            .map(|raw| dpa_text::normalize(raw).text)
            .collect()
    }

    /// Every pattern of the crate that the field stage compiles, filtered
    /// by its words as [`crate::pattern::Pattern`] filters it, finds what
    /// its regex finds in every sentence and paragraph of the fixtures.
    #[test]
    fn the_crates_patterns_filter_like_their_regexes_on_the_fixtures() {
        let texts = fixtures();
        for t in &texts {
            let nt =
                dpa_model::NormalizedText::single_page(t.clone(), dpa_model::SourceFormat::Text);
            let mut model = dpa_model::Model::empty(dpa_model::Source::default());
            model.clauses = dpa_segment::segment(&nt);
            crate::extract(&nt, &mut model);
        }
        let mut sources = SEEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        sources.sort();
        sources.dedup();
        assert!(sources.len() > 50, "only {} patterns seen", sources.len());
        let patterns: Vec<(Regex, crate::pattern::Pattern)> = sources
            .iter()
            .map(|s| (Regex::new(s).unwrap(), crate::pattern::Pattern::new(s)))
            .collect();
        for t in &texts {
            // the first pass registers the patterns' words, the second
            // reads them from the document's index
            for _ in 0..2 {
                crate::scan::begin_document(t);
                let parts = crate::scan::all_sentences(t)
                    .into_iter()
                    .chain(crate::scan::paragraphs(t));
                for part in parts {
                    let hay = &t[part];
                    for (re, p) in &patterns {
                        assert_eq!(
                            p.is_match(hay),
                            re.is_match(hay),
                            "{} in {hay:?}",
                            re.as_str()
                        );
                        let found = p.find(hay).map(|m| m.range());
                        assert_eq!(found, re.find(hay).map(|m| m.range()), "{}", re.as_str());
                    }
                }
                crate::scan::end_document();
            }
        }
    }
}
