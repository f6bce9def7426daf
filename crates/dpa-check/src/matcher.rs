//! All sentence patterns of the rule tables in one pool, matched against a
//! lower-cased sentence in one pass.
//!
//! Every pattern is a regex on lower-cased text. Almost every one needs a
//! literal word (stem) to match: `\bverwijder\w*` needs `verwijder`, and
//! `\b(op|volgens)\s+(\S+\s+){0,6}(instructies?|aanwijzingen)\b` needs
//! `instructie` or `aanwijzingen`. One Aho-Corasick automaton over all those
//! literals finds, in a single scan of the sentence, which patterns can
//! match at all; only those run their regex, once per sentence, when a rule
//! asks ([`Scan::matches`]). A pattern that is only words between word
//! boundaries (`\b(audit|audits)\b`, `\bverwijder\w*`) needs no regex: the
//! automaton's hits and a look at the bytes around them decide it.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, Look};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A pattern's index in its [`Pool`].
pub(crate) type PatternId = usize;

/// A literal set larger than this is no useful filter.
const MAX_LITERALS: usize = 64;

/// Collects patterns (each once) before the pool is compiled.
#[derive(Default)]
pub(crate) struct PoolBuilder {
    ids: BTreeMap<&'static str, PatternId>,
    patterns: Vec<&'static str>,
}

impl PoolBuilder {
    /// The ids of `patterns`, adding those not seen before.
    pub fn add(&mut self, patterns: &[&'static str]) -> Vec<PatternId> {
        patterns.iter().map(|p| self.add_one(p)).collect()
    }

    fn add_one(&mut self, pattern: &'static str) -> PatternId {
        if let Some(&id) = self.ids.get(pattern) {
            return id;
        }
        let id = self.patterns.len();
        self.ids.insert(pattern, id);
        self.patterns.push(pattern);
        id
    }

    pub fn build(self) -> Pool {
        let regexes = self.patterns.iter().map(|_| OnceLock::new()).collect();
        let mut unfiltered = Vec::new();
        let mut full = vec![0u8; self.patterns.len()];
        let mut literal_ids: BTreeMap<Vec<u8>, usize> = BTreeMap::new();
        let mut literal_patterns: Vec<Vec<Entry>> = Vec::new();
        for (id, p) in self.patterns.iter().enumerate() {
            let (sets, bounds) = match words_form(p) {
                Some((literals, bounds)) => (vec![literals], Some(bounds)),
                None => (required_literals(p), None),
            };
            if sets.is_empty() {
                unfiltered.push(id);
                continue;
            }
            full[id] = u8::MAX >> (8 - sets.len());
            for (set, literals) in sets.into_iter().enumerate() {
                for lit in literals {
                    let next = literal_patterns.len();
                    let li = *literal_ids.entry(lit).or_insert(next);
                    if li == next {
                        literal_patterns.push(Vec::new());
                    }
                    let set = 1 << set;
                    literal_patterns[li].push(Entry { id, bounds, set });
                }
            }
        }
        let mut literals: Vec<(Vec<u8>, usize)> = literal_ids.into_iter().collect();
        literals.sort_by_key(|(_, i)| *i);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(literals.iter().map(|(l, _)| l))
            .expect("literal automaton builds");
        Pool {
            patterns: self.patterns,
            regexes,
            unfiltered,
            full,
            automaton,
            literal_patterns,
        }
    }
}

/// A pattern's use of a literal: it needs the literal to occur (`bounds`
/// `None`: its regex decides), or it is the literal between the word
/// boundaries `bounds` asks for.
struct Entry {
    id: PatternId,
    bounds: Option<Bounds>,
    /// The bit of the literal set (of the pattern's required sets) it is in.
    set: u8,
}

/// Which ends of a literal must be (ASCII) word boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Bounds {
    start: bool,
    end: bool,
}

impl Bounds {
    fn hold(self, text: &[u8], start: usize, end: usize) -> bool {
        (!self.start || is_boundary(text, start)) && (!self.end || is_boundary(text, end))
    }
}

/// `(?-u:\b)` at byte `at`: an ASCII word byte on exactly one side.
fn is_boundary(text: &[u8], at: usize) -> bool {
    let word = |i: Option<usize>| {
        i.and_then(|i| text.get(i))
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    };
    word(at.checked_sub(1)) != word(Some(at))
}

/// A pattern that is a finite set of words with an optional `\b` before and
/// an optional `\b` or `\w*` after: the words and the boundaries.
fn words_form(pattern: &str) -> Option<(Vec<Vec<u8>>, Bounds)> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let parts: Vec<Hir> = match hir.kind() {
        HirKind::Concat(parts) => parts.clone(),
        _ => vec![hir.clone()],
    };
    let is_b = |h: &Hir| matches!(h.kind(), HirKind::Look(Look::WordUnicode));
    let mut middle: &[Hir] = &parts;
    let start = middle.first().is_some_and(is_b);
    if start {
        middle = &middle[1..];
    }
    let end = middle.last().is_some_and(is_b);
    if end || middle.last().is_some_and(is_any_tail) {
        middle = &middle[..middle.len() - 1];
    }
    let middle = Hir::concat(middle.to_vec());
    if !middle.properties().look_set().is_empty() {
        return None;
    }
    let seq = Extractor::new().extract(&middle);
    let lits = seq.literals()?;
    let exact = seq.is_exact() && !lits.is_empty() && lits.len() <= MAX_LITERALS;
    if !exact || lits.iter().any(|l| l.is_empty()) {
        return None;
    }
    let words = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
    Some((words, Bounds { start, end }))
}

/// `\w*` (any repetition that may match nothing and has no upper bound).
fn is_any_tail(h: &Hir) -> bool {
    matches!(h.kind(), HirKind::Repetition(r) if r.min == 0 && r.max.is_none()
        && r.sub.properties().look_set().is_empty())
}

/// A rule pattern as compiled: `\b` as an ASCII word boundary, which keeps
/// the fast DFA engines usable on Dutch text with accented letters (a Unicode
/// `\b` makes them fall back to a slow engine).
pub(crate) fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

fn compile(pattern: &str) -> Regex {
    Regex::new(&ascii_boundaries(pattern)).expect("rule patterns are valid regexes")
}

/// Literal sets that every match of `pattern` contains one literal of each:
/// the prefix literals of each part (`in`, `opdracht` and `van` for
/// `\bin\s+opdracht\s+van\b`) and the suffix literals. Empty when no set is
/// a useful filter.
fn required_literals(pattern: &str) -> Vec<Vec<Vec<u8>>> {
    let Ok(hir) = regex_syntax::parse(pattern) else {
        return Vec::new();
    };
    let mut candidates = vec![
        literal_set(&hir, ExtractKind::Prefix),
        literal_set(&hir, ExtractKind::Suffix),
    ];
    if let HirKind::Concat(parts) = hir.kind() {
        candidates.extend(parts.iter().map(|p| literal_set(p, ExtractKind::Prefix)));
    }
    let mut sets: Vec<(usize, Vec<Vec<u8>>)> = Vec::new();
    for (shortest, mut lits) in candidates.into_iter().flatten() {
        lits.sort();
        if !sets.iter().any(|(_, s)| *s == lits) {
            sets.push((shortest, lits));
        }
    }
    // The sets with the longest literals filter best; a set's bit must fit a `u8`.
    sets.sort_by_key(|(shortest, _)| std::cmp::Reverse(*shortest));
    sets.truncate(MAX_SETS);
    sets.into_iter().map(|(_, lits)| lits).collect()
}

/// Required literal sets per pattern at most.
const MAX_SETS: usize = 8;

/// The literals one of which every match of `hir` starts (or ends) with,
/// and the length of the shortest; `None` when that is no useful filter.
fn literal_set(hir: &Hir, kind: ExtractKind) -> Option<(usize, Vec<Vec<u8>>)> {
    let seq = Extractor::new().kind(kind).extract(hir);
    let lits = seq.literals()?;
    let shortest = lits.iter().map(|l| l.len()).min()?;
    if lits.len() > MAX_LITERALS || shortest == 0 {
        return None;
    }
    Some((
        shortest,
        lits.iter().map(|l| l.as_bytes().to_vec()).collect(),
    ))
}

/// The compiled patterns and their literal filter.
pub(crate) struct Pool {
    patterns: Vec<&'static str>,
    /// Each pattern's regex, compiled when first needed (word patterns never are).
    regexes: Vec<OnceLock<Regex>>,
    /// Patterns without a literal filter: always run.
    unfiltered: Vec<PatternId>,
    /// Per pattern, the bits of all its required literal sets.
    full: Vec<u8>,
    automaton: AhoCorasick,
    /// Per literal of the automaton, the patterns that use it.
    literal_patterns: Vec<Vec<Entry>>,
}

/// What is known of a pattern on one text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Known {
    /// Its literal does not occur: no match.
    Absent,
    /// Its literal occurs; the regex has not run yet.
    Candidate,
    Match,
    NoMatch,
}

impl Pool {
    fn regex(&self, id: PatternId) -> &Regex {
        self.regexes[id].get_or_init(|| compile(self.patterns[id]))
    }

    /// The number of patterns.
    pub fn len(&self) -> usize {
        self.regexes.len()
    }

    /// A scanner for many texts (it reuses its scratch space).
    pub fn scanner(&self) -> Scanner<'_> {
        Scanner {
            pool: self,
            scratch: vec![Known::Absent; self.regexes.len()],
            sets: vec![0; self.regexes.len()],
            touched: Vec::new(),
        }
    }
}

/// Scans texts with a pool.
pub(crate) struct Scanner<'a> {
    pool: &'a Pool,
    /// Per pattern, what the current scan knows; all `Absent` between scans.
    scratch: Vec<Known>,
    /// Per pattern, the bits of the required literal sets seen (0 between
    /// scans) ...
    sets: Vec<u8>,
    /// ... and the patterns whose bits are set.
    touched: Vec<PatternId>,
}

/// Note the literal set of `e` seen; whether all sets of its pattern are.
fn all_sets_seen(e: &Entry, full: &[u8], sets: &mut [u8], touched: &mut Vec<PatternId>) -> bool {
    let seen = &mut sets[e.id];
    if *seen == 0 {
        touched.push(e.id);
    }
    *seen |= e.set;
    *seen == full[e.id]
}

impl<'a> Scanner<'a> {
    /// Scan a lower-cased text once for the literals of all patterns.
    pub fn scan(&mut self, text: String) -> Scan<'a> {
        let pool = self.pool;
        let known = &mut self.scratch;
        let mut live = pool.unfiltered.clone();
        for &id in &pool.unfiltered {
            known[id] = Known::Candidate;
        }
        let bytes = text.as_bytes();
        for m in pool.automaton.find_overlapping_iter(&text) {
            let Some(entries) = pool.literal_patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            for e in entries {
                let now = match e.bounds {
                    None if all_sets_seen(e, &pool.full, &mut self.sets, &mut self.touched) => {
                        Known::Candidate
                    }
                    None => continue,
                    Some(b) if b.hold(bytes, m.start(), m.end()) => Known::Match,
                    Some(_) => continue,
                };
                match known[e.id] {
                    Known::Absent => live.push(e.id),
                    Known::Candidate if now == Known::Match => {}
                    _ => continue,
                }
                known[e.id] = now;
            }
        }
        for id in self.touched.drain(..) {
            self.sets[id] = 0;
        }
        live.sort_unstable();
        let states = live
            .iter()
            .map(|&id| Cell::new(std::mem::replace(&mut known[id], Known::Absent)))
            .collect();
        Scan {
            pool,
            text,
            live,
            states,
        }
    }
}

/// The patterns of a pool on one text, each regex run at most once.
pub(crate) struct Scan<'a> {
    pool: &'a Pool,
    text: String,
    /// The patterns that may match, ascending: all others do not ...
    live: Vec<PatternId>,
    /// ... and what is known of each.
    states: Vec<Cell<Known>>,
}

impl Scan<'_> {
    /// Whether pattern `id` matches the text.
    pub fn matches(&self, id: PatternId) -> bool {
        let Ok(i) = self.live.binary_search(&id) else {
            return false;
        };
        let cell = &self.states[i];
        match cell.get() {
            Known::Absent | Known::NoMatch => false,
            Known::Match => true,
            Known::Candidate => {
                let hit = self.pool.regex(id).is_match(&self.text);
                cell.set(if hit { Known::Match } else { Known::NoMatch });
                hit
            }
        }
    }

    /// The patterns that may match; every other pattern does not.
    pub fn live(&self) -> &[PatternId] {
        &self.live
    }

    /// The text scanned.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether any of the patterns matches.
    pub fn any(&self, ids: &[PatternId]) -> bool {
        ids.iter().any(|&id| self.matches(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_sets_are_required_parts_longest_first() {
        let lits =
            required_literals(r"\b(op|volgens)\s+(\S+\s+){0,6}(instructies?|aanwijzingen)\b");
        assert!(lits[0].contains(&b"aanwijzingen".to_vec()), "{lits:?}");
        assert!(lits[1].contains(&b"op".to_vec()), "{lits:?}");
        let words =
            |ws: &[&str]| -> Vec<Vec<u8>> { ws.iter().map(|w| w.as_bytes().to_vec()).collect() };
        assert_eq!(
            required_literals(r"\bin\s+opdracht\s+van\b"),
            vec![words(&["opdracht"]), words(&["van"]), words(&["in"])]
        );
        assert_eq!(
            required_literals(r"\bverwijder\w*"),
            vec![words(&["verwijder"])]
        );
        assert!(required_literals(r"\w+\s*$").is_empty());
    }

    #[test]
    fn word_patterns_are_decided_without_a_regex() {
        let (mut words, bounds) = words_form(r"\baudits?\b").expect("words");
        words.sort();
        assert_eq!(words, vec![b"audit".to_vec(), b"audits".to_vec()]);
        assert_eq!(
            bounds,
            Bounds {
                start: true,
                end: true
            }
        );
        let (_, bounds) = words_form(r"\bverwijder\w*").expect("words");
        assert_eq!(
            bounds,
            Bounds {
                start: true,
                end: false
            }
        );
        assert!(words_form(r"\bop\s+de\s+hoogte\b").is_none());
        assert!(words_form(r"\bhoe(ft|ven)\b[^.;]*\bniet\b").is_none());
    }

    /// Every rule pattern, through the pool, decides like its own regex.
    #[test]
    fn the_rule_pool_agrees_with_plain_regexes() {
        let mut all: Vec<&'static str> = Vec::new();
        for r in crate::rules::REQUIREMENTS {
            for e in r.elements {
                all.extend(e.phrases.iter().chain(e.with).chain(e.context));
            }
            all.extend(r.negations.iter().chain(r.negation_exceptions));
        }
        all.extend(
            crate::rules::NEGATIONS
                .iter()
                .chain(crate::rules::DEFERRALS),
        );
        all.extend(crate::rules::TRANSFER_SAFEGUARDS);
        let mut b = PoolBuilder::default();
        let ids = b.add(&all);
        let pool = b.build();
        let texts = [
            "verwerker verwijdert de gegevens na beëindiging van de overeenkomst.",
            "subverwijderd audit_log audits. (audit) xaudit inspecties,controles",
            "de verwerker is niet verplicht om bijstand te verlenen; geen audits.",
            "ëaudit auditë 32 tot en met 36 avg artikel 32-36 dpia's scc's",
            "verwerker werkt daar graag aan mee en staat audits toe na toestemming.",
            "zonder voorafgaande schriftelijke toestemming geen sub-verwerkers inschakelen",
            "verwerker volgt de schriftelijke instructies van de verantwoordelijke op",
            "",
            "a",
        ];
        for t in texts {
            let scan = pool.scanner().scan(t.to_string());
            for (&id, p) in ids.iter().zip(&all) {
                let want = compile(p).is_match(t);
                assert_eq!(scan.matches(id), want, "{p} on {t:?}");
            }
        }
    }

    #[test]
    fn a_pool_matches_like_its_regexes() {
        let mut b = PoolBuilder::default();
        let ids = b.add(&[
            r"\bverwijder\w*",
            r"\bwerk\w*\s+(\S+\s+){0,4}mee\b",
            r"\w+\s*$",
        ]);
        assert_eq!(b.add(&[r"\bverwijder\w*"]), vec![ids[0]]);
        let pool = b.build();
        let text = "hij werkt daar graag aan mee";
        let scan = pool.scanner().scan(text.to_string());
        assert!(!scan.matches(ids[0]));
        assert!(scan.matches(ids[1]));
        assert!(scan.matches(ids[2]));
        assert!(scan.any(&ids));
        let scan = pool.scanner().scan("subverwijderd".into());
        assert!(!scan.matches(ids[0]), "no word boundary before the stem");
        assert!(pool.scanner().scan("ze verwijderen".into()).matches(ids[0]));
    }
}
