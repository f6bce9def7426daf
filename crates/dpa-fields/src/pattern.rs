//! [`Pattern`]: a regex with a literal filter from the document's word index.
//!
//! Most patterns run on every sentence of a document and match on few.
//! Every match of a pattern starts (or ends) with one of a small set of
//! literals (`beëindig`, `termination` ...); a pattern whose literals do
//! not occur inside the sentence cannot match there. Those literals join
//! the document's word index ([`crate::word_index`]), so for a part of the
//! cached document the filter is a binary search, and the regex runs only
//! where its literals occur. The answers are those of the regex alone.
//!
//! When every match starts with a literal (a prefix set) and the index
//! knows where the literals occur, the pattern is tried only there: an
//! anchored search of a lazy DFA ([`AnchoredDfa`]) at each such place in
//! turn. The first place where a match starts is where the leftmost match
//! starts, and the regex reads that match (with its groups) from there. A
//! scan of the regex itself over a long text restarts at every spot its
//! own (short, case-folded) literals occur, nearly every word; the anchored
//! searches stop where the pattern fails, mostly a few bytes in.

use crate::required::{lower_classes, required_words_of};
use crate::scan;
use crate::word_index::Words;
use regex::{CaptureMatches, Captures, Match, Matches, Regex};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::util::start;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, Look};
use std::sync::OnceLock;

/// Literals longer than this (in bytes) are cut: 8 letters filter as well.
const LITERAL_LEN: usize = 8;

/// A set with a shorter literal (`in`, `:`) is no useful filter: such
/// literals occur everywhere, and crowd the index.
const MIN_LITERAL_LEN: usize = 3;

/// A literal set larger than this is no useful filter.
const MAX_LITERALS: usize = 64;

/// A search of at least this many bytes compiles the pattern's
/// [`AnchoredDfa`].
const ANCHORED_MIN_LEN: usize = 1024;

/// A compiled regex and the literals one of which each of its matches holds.
pub struct Pattern {
    regex: Regex,
    /// Lower-cased literals, `None` when the pattern has no useful set.
    literals: Option<&'static Words>,
    /// Whether every match starts with one of `literals` (else it ends
    /// with one).
    prefix: bool,
    /// Words one of which every match contains somewhere, when they filter
    /// better than `literals` (`toepassing` in `van\s+toepassing`): checked
    /// before anything else.
    required: Option<&'static Words>,
    /// Whether every match starts at a line start (`(?m)^...`) and is
    /// never empty: without a prefix set, a long text is then searched
    /// line by line with [`AnchoredDfa`].
    line_start: bool,
    /// The anchored DFA of a pattern with a prefix set (or of one whose
    /// matches start at line starts), compiled on its first search at
    /// places from the index (`None` inside when it cannot be built).
    anchored: OnceLock<Option<AnchoredDfa>>,
}

impl From<Regex> for Pattern {
    fn from(regex: Regex) -> Self {
        // parsed once for the line-start test and both filters
        #[cfg(test)]
        crate::required::note_pattern(regex.as_str());
        let parsed = regex_syntax::parse(regex.as_str()).ok();
        let hir = parsed.as_ref().map(lower_classes);
        let (literals, prefix) = match hir.as_ref().and_then(literals_of) {
            Some((words, kind)) => (Some(words), matches!(kind, ExtractKind::Prefix)),
            None => (None, false),
        };
        let required = hir
            .as_ref()
            .and_then(|hir| better_filter(hir, literals.as_deref()));
        Pattern {
            line_start: parsed.as_ref().is_some_and(starts_lines),
            regex,
            literals: literals.map(leak_words),
            prefix,
            required,
            anchored: OnceLock::new(),
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
        let literals = required_literals(required).map(|(words, _)| words);
        #[cfg(test)]
        crate::required::note_pattern(regex.as_str());
        let parsed = regex_syntax::parse(regex.as_str()).ok();
        let required = parsed
            .as_ref()
            .and_then(|hir| better_filter(&lower_classes(hir), literals.as_deref()));
        Pattern {
            line_start: parsed.as_ref().is_some_and(starts_lines),
            regex,
            literals: literals.map(leak_words),
            prefix: false,
            required,
            anchored: OnceLock::new(),
        }
    }

    /// False when the pattern cannot match in `hay` (its literals are not
    /// inside it); true when it may.
    pub fn may_match(&self, hay: &str) -> bool {
        self.may_hold_required(hay)
            && self
                .literals
                .map_or(true, |words| scan::may_have_any(hay, words))
    }

    /// Words one of which lies wholly inside every text the pattern's
    /// searches look at (its filter, as [`Pattern::may_match`] applies it):
    /// `None` when it has none.
    pub(crate) fn filter_words(&self) -> Option<&'static Words> {
        self.required.or(self.literals)
    }

    /// False when `hay` holds none of the [`required`](Pattern::required)
    /// words (the index shows it), true when it may.
    fn may_hold_required(&self, hay: &str) -> bool {
        self.required
            .map_or(true, |words| scan::may_have_any(hay, words))
    }

    /// Where the leftmost match in `hay` starts, as far as the literals
    /// tell.
    fn search_from(&self, hay: &str) -> Start {
        if !self.may_hold_required(hay) {
            return Start::None;
        }
        match self.literals {
            Some(words) if self.prefix => self.leftmost_from(hay, 0, words),
            Some(words) if !scan::may_have_any(hay, words) => Start::None,
            _ => self.first_line_match(hay, 0),
        }
    }

    /// Where the leftmost match in `hay` at or after `from` starts, for a
    /// pattern whose every match starts at a line start: from anchored
    /// searches at the line starts of a long text; [`Start::NotBefore`]
    /// `from` otherwise.
    fn first_line_match(&self, hay: &str, from: usize) -> Start {
        if !self.line_start {
            return Start::NotBefore(from);
        }
        match self.anchored_dfa(hay.len()) {
            Some(dfa) => dfa.first_line_match(hay, from),
            None => Start::NotBefore(from),
        }
    }

    /// Where the leftmost match in `hay` at or after `from` starts, for a
    /// pattern whose every match starts with one of `words`: from anchored
    /// searches at the places the index knows for them, else no earlier
    /// than the first such place.
    fn leftmost_from(&self, hay: &str, from: usize, words: &'static Words) -> Start {
        let Some(rest) = hay.get(from..) else {
            return Start::None;
        };
        let anchored = scan::with_word_starts(rest, words, |starts| {
            let dfa = self.anchored_dfa(rest.len())?;
            Some(dfa.first_match(hay, &mut starts.map(|s| from + s)))
        });
        match anchored.flatten() {
            Some(start) => start,
            None => scan::first_possible(rest, words)
                .map_or(Start::None, |at| Start::NotBefore(from + at)),
        }
    }

    /// The pattern's anchored DFA for a search of `len` bytes: compiled
    /// on the first search of a long text (the first searches of a short
    /// one do without: a pattern only ever run on sentences saves less
    /// than its DFA costs to compile).
    fn anchored_dfa(&self, len: usize) -> Option<&AnchoredDfa> {
        match self.anchored.get() {
            Some(dfa) => dfa.as_ref(),
            None if len >= ANCHORED_MIN_LEN => self
                .anchored
                .get_or_init(|| AnchoredDfa::build(self.regex.as_str()))
                .as_ref(),
            None => None,
        }
    }

    pub fn is_match(&self, hay: &str) -> bool {
        match self.search_from(hay) {
            Start::None => false,
            Start::At(_) => true,
            Start::NotBefore(at) => self.regex.is_match_at(hay, at),
        }
    }

    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.search_from(hay)
            .position()
            .and_then(|at| self.regex.find_at(hay, at))
    }

    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.search_from(hay)
            .position()
            .and_then(|at| self.regex.captures_at(hay, at))
    }

    /// The matches of the regex in `hay`, in order. With a prefix set each
    /// search starts where the next match starts (or at the next place a
    /// literal occurs), else the regex iterates alone.
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> FindIter<'r, 'h> {
        match self.literals {
            Some(words) if self.prefix => FindIter::FromLiterals {
                pattern: self,
                words,
                hay,
                at: self.may_hold_required(hay).then_some(0),
            },
            _ if self.line_start && hay.len() >= ANCHORED_MIN_LEN => FindIter::FromLineStarts {
                pattern: self,
                hay,
                at: self.may_match(hay).then_some(0),
            },
            _ => FindIter::Regex(
                self.may_match(hay)
                    .then(|| self.regex.find_iter(hay))
                    .into_iter()
                    .flatten(),
            ),
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

/// Where the leftmost match of a pattern in a haystack starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Start {
    /// Nowhere: there is no match.
    None,
    /// Here.
    At(usize),
    /// Here or later: no match starts before (the regex tells the rest).
    NotBefore(usize),
}

impl Start {
    /// The offset a search of the regex starts from; `None` without a match.
    fn position(self) -> Option<usize> {
        match self {
            Start::None => None,
            Start::At(at) | Start::NotBefore(at) => Some(at),
        }
    }
}

/// A pattern's forward lazy DFA (without groups), for anchored searches:
/// does a match start here?
struct AnchoredDfa {
    dfa: DFA,
    /// The DFA's search caches, one per thread using it.
    caches: Pool<Cache, CacheFn>,
}

type CacheFn = Box<dyn Fn() -> Cache + Send + Sync>;

impl AnchoredDfa {
    /// The DFA of `pattern`; `None` when it cannot be built (a Unicode word
    /// boundary is kept: the DFA gives up on text outside ASCII around it).
    fn build(pattern: &str) -> Option<Self> {
        Self::build_with(pattern, DFA::config())
    }

    /// [`AnchoredDfa::build`] from a given lazy DFA configuration.
    fn build_with(pattern: &str, config: regex_automata::hybrid::dfa::Config) -> Option<Self> {
        let dfa = DFA::builder()
            .configure(config.unicode_word_boundary(true))
            .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
            .build(pattern)
            .ok()?;
        let template = dfa.clone();
        let caches: Pool<Cache, CacheFn> = Pool::new(Box::new(move || template.create_cache()));
        Some(AnchoredDfa { dfa, caches })
    }

    /// The first of `starts` (ascending) where a match starts in `hay`;
    /// [`Start::NotBefore`] the first place the DFA cannot tell about. The
    /// DFA reads at most as many bytes as `hay` has after the first place
    /// (when the pattern goes on long after its literals, places whose
    /// attempts overlap could read the same bytes again and again): past
    /// that the regex takes over, and a search stays linear.
    fn first_match(&self, hay: &str, starts: &mut dyn Iterator<Item = usize>) -> Start {
        // most searches of a sentence have no place to try: they need no
        // cache from the pool
        let Some(first) = starts.next() else {
            return Start::None;
        };
        let mut cache = self.caches.get();
        let mut budget = hay.len() - first;
        let mut last = None;
        for at in std::iter::once(first).chain(starts) {
            if last == Some(at) {
                continue;
            }
            last = Some(at);
            match self.matches_at(&mut cache, hay, at, &mut budget) {
                Some(true) => return Start::At(at),
                Some(false) => {}
                None => return Start::NotBefore(at),
            }
        }
        Start::None
    }

    /// Whether a match starts at `at` in `hay` (the text before `at` is the
    /// context of a word boundary), reading the bytes one by one while
    /// `budget` lasts; `None` when the DFA gives up or the budget runs out.
    fn matches_at(
        &self,
        cache: &mut Cache,
        hay: &str,
        at: usize,
        budget: &mut usize,
    ) -> Option<bool> {
        let input = Input::new(hay).range(at..).anchored(Anchored::Yes);
        let state = self.dfa.start_state_forward(cache, &input).ok()?;
        self.matches_from(cache, state, &hay.as_bytes()[at..], budget)
    }

    /// Whether a match starts at the start of `rest`, the DFA being in
    /// `state` there (see [`AnchoredDfa::matches_at`]).
    fn matches_from(
        &self,
        cache: &mut Cache,
        mut state: LazyStateID,
        rest: &[u8],
        budget: &mut usize,
    ) -> Option<bool> {
        for &byte in rest {
            *budget = budget.checked_sub(1)?;
            state = self.dfa.next_state(cache, state, byte).ok()?;
            // a match state is entered one byte after the match ends
            if state.is_match() {
                return Some(true);
            } else if state.is_dead() {
                return Some(false);
            } else if state.is_quit() {
                return None;
            }
        }
        let state = self.dfa.next_eoi_state(cache, state).ok()?;
        Some(state.is_match())
    }

    /// The start state of an anchored search after a `\n`, the same at
    /// every line start: asked of the DFA once, and again only when its
    /// cache was cleared since (which makes every state id it gave out
    /// invalid). `memo` holds the state and the cache's clear count then.
    fn start_after_lf(
        &self,
        cache: &mut Cache,
        memo: &mut Option<(LazyStateID, usize)>,
    ) -> Option<LazyStateID> {
        match *memo {
            Some((state, clears)) if clears == cache.clear_count() => Some(state),
            _ => {
                let config = start::Config::new()
                    .anchored(Anchored::Yes)
                    .look_behind(Some(b'\n'));
                let state = self.dfa.start_state(cache, &config).ok()?;
                *memo = Some((state, cache.clear_count()));
                Some(state)
            }
        }
    }

    /// The first line start at or after `from` where a match starts in
    /// `hay`, for a pattern whose every match starts at a line start; the
    /// same byte budget as [`AnchoredDfa::first_match`].
    fn first_line_match(&self, hay: &str, from: usize) -> Start {
        let bytes = hay.as_bytes();
        let Some(mut at) = first_line_start(bytes, from) else {
            return Start::None;
        };
        let mut cache = self.caches.get();
        let mut budget = bytes.len() - at;
        let mut after_lf = None;
        loop {
            // every line start but the text's own follows a `\n`
            let state = if at == 0 {
                let input = Input::new(hay).anchored(Anchored::Yes);
                self.dfa.start_state_forward(&mut cache, &input).ok()
            } else {
                self.start_after_lf(&mut cache, &mut after_lf)
            };
            let Some(state) = state else {
                return Start::NotBefore(at);
            };
            match self.matches_from(&mut cache, state, &bytes[at..], &mut budget) {
                Some(true) => return Start::At(at),
                Some(false) => {}
                None => return Start::NotBefore(at),
            }
            match memchr::memchr(b'\n', &bytes[at..]) {
                Some(i) => at += i + 1,
                None => return Start::None,
            }
        }
    }
}

/// The first line start of `bytes` at or after `from`.
fn first_line_start(bytes: &[u8], from: usize) -> Option<usize> {
    if from == 0 || bytes.get(from - 1) == Some(&b'\n') {
        return (from <= bytes.len()).then_some(from);
    }
    let rest = bytes.get(from..)?;
    memchr::memchr(b'\n', rest).map(|i| from + i + 1)
}

/// Iterator of [`Pattern::find_iter`] (a short-lived value on the stack:
/// the regex iterator's size needs no box, which would allocate per call).
#[allow(clippy::large_enum_variant)]
pub enum FindIter<'r, 'h> {
    Regex(std::iter::Flatten<std::option::IntoIter<Matches<'r, 'h>>>),
    /// Searches from where the next match starts after `at` (`None`:
    /// done); every match starts with one of `words`.
    FromLiterals {
        pattern: &'r Pattern,
        words: &'static Words,
        hay: &'h str,
        at: Option<usize>,
    },
    /// Searches from the next line start after `at` (`None`: done) where
    /// a match starts; every match starts at a line start.
    FromLineStarts {
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
            FindIter::FromLiterals {
                pattern,
                words,
                hay,
                at,
            } => {
                let from = at.take()?;
                let start = pattern.leftmost_from(hay, from, words).position()?;
                let m = pattern.regex.find_at(hay, start)?;
                // a match holds a literal of at least MIN_LITERAL_LEN bytes:
                // never empty, so the next search starts at its end
                *at = (m.end() > m.start()).then_some(m.end());
                Some(m)
            }
            FindIter::FromLineStarts { pattern, hay, at } => {
                let from = at.take()?;
                let start = pattern.first_line_match(hay, from).position()?;
                let m = pattern.regex.find_at(hay, start)?;
                // such a pattern never matches empty (see `starts_lines`)
                *at = (m.end() > m.start()).then_some(m.end());
                Some(m)
            }
        }
    }
}

/// Whether every match of the parsed pattern `hir` starts at a line start
/// (a multi-line `^` leads every branch) and is at least one byte long.
fn starts_lines(hir: &Hir) -> bool {
    let props = hir.properties();
    props.look_set_prefix().contains(Look::StartLF) && props.minimum_len().is_some_and(|n| n > 0)
}

/// The [`required_words_of`] a parsed pattern (`hir`) when their
/// shortest word is longer than the shortest of `literals` (the pattern's
/// own literal filter): a long word deep in the pattern filters better
/// than a common first one.
fn better_filter(hir: &Hir, literals: Option<&[String]>) -> Option<&'static Words> {
    let shortest = |words: &[String]| words.iter().map(String::len).min().unwrap_or(0);
    let required = required_words_of(hir)?;
    let better = literals.map_or(true, |l| shortest(&required) > shortest(l));
    better.then(|| leak_words(required))
}

/// The lower-cased literals one of which every match of `pattern` starts
/// with (or else ends with), and which of the two; `None` when there is
/// no useful such set.
fn required_literals(pattern: &str) -> Option<(Vec<String>, ExtractKind)> {
    literals_of(&lowered_hir(pattern)?)
}

/// `pattern` parsed, with [`lower_classes`] applied: what its matches look
/// like in the lower-cased document.
fn lowered_hir(pattern: &str) -> Option<Hir> {
    Some(lower_classes(&regex_syntax::parse(pattern).ok()?))
}

/// [`required_literals`] of a pattern parsed by [`lowered_hir`].
fn literals_of(hir: &Hir) -> Option<(Vec<String>, ExtractKind)> {
    [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .find_map(|kind| {
            let lits = lower_literals(&extractor(kind.clone()).extract(hir), kind.clone())?;
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
        // with the long `ſ` the document has no index: nothing is filtered
        for (doc, indexed) in [
            ("Intro\n  NAAM: Jan\nPlaatſ: Utrecht\nGeen veld.", false),
            ("Intro\n  NAAM: Jan\nPlaats: Utrecht\nGeen veld.", true),
        ] {
            assert!(p.may_match(doc));
            scan::begin_document(doc);
            for start in (0..=doc.len()).filter(|&i| doc.is_char_boundary(i)) {
                for end in (start..=doc.len()).filter(|&i| doc.is_char_boundary(i)) {
                    let hay = &doc[start..end];
                    assert_eq!(p.is_match(hay), p.regex.is_match(hay), "{hay:?}");
                }
            }
            assert_eq!(!p.may_match(&doc[..5]), indexed, "the index filters");
            scan::end_document();
        }
    }

    /// Test texts from a fixed seed (xorshift): no two runs differ.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    /// Words of the generated texts: the patterns' words in several cases,
    /// near misses, numbers, and chars outside ASCII (`ſ` folds to `s`).
    const TEXT_WORDS: &[&str] = &[
        "Versie",
        "versie",
        "VERSION",
        "versienummer",
        "verſie",
        "verwerker",
        "Verwerker:",
        "nr.",
        "nummer",
        ":",
        "v2",
        "1.0",
        "3-2024",
        "4.1b",
        "geldt",
        "vanaf",
        "Audit",
        "audits",
        "controle",
        "Controles",
        "inspectie",
        "één",
        "eens",
        "keer",
        "per",
        "jaar",
        "jaarlijks",
        "ë",
        "café",
        "x",
        "-",
        "(versie",
        "versies",
        "overeenkomst",
    ];

    const SEPARATORS: &[&str] = &[" ", " ", " ", "\n", ", ", ". ", "", "\t", "\n\n"];

    /// Patterns with a prefix set (one with a Unicode word boundary, where
    /// the DFA gives up outside ASCII; one starting at a line start) and
    /// one with a suffix set.
    const PATTERNS: &[&str] = &[
        r"(?i)(?-u:\b)(?:versie|version|versienummer)\s*(?:nr\.?|nummer)?\s*:?\s*v?(\d+(?:[.\-/]\d+)*[a-z]?)(?-u:\b)",
        r"(?i)(?-u:\b)(?:audit|controle)\w*",
        r"(?i)\b(?:eens|één\s*keer)\s+per\s+jaar\b|\bjaarlijks\w*",
        r"(?im)^verwerker\s*:?\s*(\S+)?$",
        r"(?i)(versi(?:e|on))\s+(\d+)|(nummer)\s+(\d+)?",
        r"(?i)geldt\s+vanaf|per\s+jaar",
        r"\d+\s+jaar",
    ];

    fn generated_text(rng: &mut Rng, words: usize) -> String {
        let mut text = String::new();
        for _ in 0..words {
            text.push_str(rng.pick(TEXT_WORDS));
            text.push_str(rng.pick(SEPARATORS));
        }
        text
    }

    /// The group ranges of a match, for comparing.
    fn groups(c: Option<Captures<'_>>) -> Option<Vec<Option<std::ops::Range<usize>>>> {
        c.map(|c| c.iter().map(|m| m.map(|m| m.range())).collect())
    }

    /// `p`'s answers on `hay` are the regex's; true when it matches.
    fn assert_same_answers(p: &Pattern, hay: &str) -> bool {
        let matches: Vec<_> = p.regex.find_iter(hay).map(|m| m.range()).collect();
        assert_eq!(p.is_match(hay), !matches.is_empty(), "{hay:?}");
        assert_eq!(
            p.find(hay).map(|m| m.range()),
            matches.first().cloned(),
            "{hay:?}"
        );
        assert_eq!(
            groups(p.captures(hay)),
            groups(p.regex.captures(hay)),
            "{hay:?}"
        );
        let found: Vec<_> = p.find_iter(hay).map(|m| m.range()).collect();
        assert_eq!(found, matches, "{hay:?}");
        !matches.is_empty()
    }

    /// A random part of `text` between char boundaries.
    fn random_part<'a>(rng: &mut Rng, text: &'a str) -> &'a str {
        let mut a = rng.below(text.len() + 1);
        let mut b = rng.below(text.len() + 1);
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        &text[a.min(b)..a.max(b)]
    }

    #[test]
    fn anchored_searches_at_the_literals_answer_as_the_regex() {
        let patterns: Vec<Pattern> = PATTERNS.iter().map(|p| Pattern::new(p)).collect();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut matched = 0;
        for round in 0..12 {
            // every other text without the long `ſ` (a text with one has
            // no lower-cased copy, so no index: the regex searches alone)
            let mut doc = generated_text(&mut rng, 400);
            if round % 2 == 1 {
                doc = doc.replace('ſ', "s");
            }
            // the first search registers the literals, for the next
            // document's index; then the document is searched from it
            for p in &patterns {
                assert_same_answers(p, &doc);
            }
            scan::begin_document(&doc);
            for p in &patterns {
                matched += usize::from(assert_same_answers(p, &doc));
                for _ in 0..40 {
                    assert_same_answers(p, random_part(&mut rng, &doc));
                }
            }
            scan::end_document();
        }
        assert!(matched > PATTERNS.len(), "the texts hold matches");
        for p in patterns.iter().filter(|p| p.prefix) {
            let built = p.anchored.get().is_some_and(Option::is_some);
            assert!(built, "{} searched from the index", p.regex.as_str());
        }
    }

    #[test]
    fn line_start_searches_answer_as_the_regex() {
        let p = Pattern::new(
            r"(?im)^[ \t]*(?:\d+\.?)?[ \t]*(?:de\s+)?(?:verwerker|klant)[ \t]*(?::|\t)[ \t]*",
        );
        assert!(p.line_start && p.literals.is_none());
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let lines = [
            "Verwerker: Alfa B.V.",
            "  2. De\n\nklant:\tBeta",
            "De verwerker zal",
            "de  VERWERKER :",
            "Klant",
            "",
            "\t1 klant: x",
            "Geen verwerker: hier",
            "Café verwerker:",
        ];
        for _ in 0..20 {
            let mut doc = String::new();
            while doc.len() < 2 * ANCHORED_MIN_LEN {
                doc.push_str(rng.pick(&lines));
                doc.push('\n');
            }
            let matched = assert_same_answers(&p, &doc);
            assert!(matched, "the text holds matches");
            for _ in 0..20 {
                assert_same_answers(&p, random_part(&mut rng, &doc));
            }
        }
        assert!(p.anchored.get().is_some_and(Option::is_some));
    }

    /// With the smallest cache the DFA clears it again and again: the start
    /// state kept for the line starts is asked for anew after each clear.
    #[test]
    fn line_start_searches_survive_cache_clears() {
        let pattern = r"(?im)^[ \t]*(?:\d+\.?)?[ \t]*(?:de\s+)?(?:verwerker|klant|partij|leverancier)[ \t]*(?::|\t)";
        let config = DFA::config()
            .cache_capacity(0)
            .skip_cache_capacity_check(true);
        let dfa = AnchoredDfa::build_with(pattern, config).expect("builds");
        let regex = Regex::new(pattern).unwrap();
        let lines = [
            "Verwerker: Alfa B.V.",
            "  2. De klant:\tBeta",
            "De verwerker zal",
            "1 partij x",
            "de  LEVERANCIER :",
            "Klant",
            "Café verwerker:",
            "12. de partij\t",
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20 {
            let mut doc = String::new();
            while doc.len() < 4 * ANCHORED_MIN_LEN {
                doc.push_str(rng.pick(&lines));
                doc.push('\n');
            }
            let mut from = 0;
            let mut found = Vec::new();
            loop {
                let start = dfa.first_line_match(&doc, from);
                let Some(m) = start.position().and_then(|at| regex.find_at(&doc, at)) else {
                    break;
                };
                if let Start::At(at) = start {
                    assert_eq!(m.start(), at, "a match starts where the DFA says");
                }
                found.push(m.range());
                from = m.end();
            }
            let expected: Vec<_> = regex.find_iter(&doc).map(|m| m.range()).collect();
            assert!(!expected.is_empty());
            assert_eq!(found, expected);
        }
        assert!(dfa.caches.get().clear_count() > 0, "the cache was cleared");
    }

    #[test]
    fn anchored_attempts_stop_at_their_byte_budget() {
        let dfa = AnchoredDfa::build(r"(?i)versie[a-z ]*x").expect("builds");
        let hay = "Versie versie ".repeat(100);
        let len = hay.len();
        let starts = || (0..len).step_by(7);
        // every attempt reads to the end: the second one finds no budget
        // left, and the regex takes over from there
        assert_eq!(dfa.first_match(&hay, &mut starts()), Start::NotBefore(7));
        let hay = hay + "x";
        assert_eq!(dfa.first_match(&hay, &mut starts()), Start::At(0));
        assert_eq!(
            dfa.first_match("een versie", &mut [4].into_iter()),
            Start::None
        );
        assert_eq!(
            dfa.first_match("een versie x", &mut std::iter::empty()),
            Start::None
        );
    }
}
