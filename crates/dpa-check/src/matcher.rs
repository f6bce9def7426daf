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
//! automaton's hits and a look at the bytes around them decide it. (The
//! automaton is a flat transition table, see `automaton.rs`.)

use crate::automaton::Literals;
use regex::Regex;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, Look};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A pattern's index in its [`Pool`].
pub(crate) type PatternId = usize;

/// Pattern ids, ascending and each once, with a bit per id for quick
/// membership tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PatternSet {
    ids: Vec<PatternId>,
    bits: Bits,
}

impl PatternSet {
    /// The set of `ids` (ascending, each once).
    fn new(ids: Vec<PatternId>) -> Self {
        let mut bits = Bits::new(ids.last().map_or(0, |&last| last + 1));
        for &id in &ids {
            bits.insert(id);
        }
        PatternSet { ids, bits }
    }

    pub fn ids(&self) -> &[PatternId] {
        &self.ids
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn contains(&self, id: PatternId) -> bool {
        self.bits.contains(id)
    }
}

/// A literal set larger than this is no useful filter.
const MAX_LITERALS: usize = 64;

/// Collects patterns (each once) before the pool is compiled.
#[derive(Default)]
pub(crate) struct PoolBuilder {
    ids: BTreeMap<&'static str, PatternId>,
    patterns: Vec<&'static str>,
    /// The pool will only scan single-spaced texts (see `single_spaced`).
    single_spaced: bool,
}

impl PoolBuilder {
    /// A builder for a pool that only scans texts whose only whitespace is
    /// single ASCII spaces (the sentences of `sentences.rs` and their
    /// leads). There `\s` is a space and never two follow each other, so
    /// more patterns are words (`\bop\s+de\s+hoogte\b` is the word
    /// `op de hoogte`) and need no regex.
    pub fn single_spaced() -> Self {
        PoolBuilder {
            single_spaced: true,
            ..PoolBuilder::default()
        }
    }

    /// The ids of `patterns`, adding those not seen before.
    pub fn add(&mut self, patterns: &[&'static str]) -> Vec<PatternId> {
        patterns.iter().map(|p| self.add_one(p)).collect()
    }

    /// The ids of `patterns` as a set (see `add`).
    pub fn add_set(&mut self, patterns: &[&'static str]) -> PatternSet {
        let mut ids = self.add(patterns);
        ids.sort_unstable();
        ids.dedup();
        PatternSet::new(ids)
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
        let index = LiteralIndex::new(&self.patterns, self.single_spaced);
        Pool {
            patterns: self.patterns,
            regexes,
            unfiltered: index.unfiltered,
            full: index.full,
            automaton: Literals::new(&index.literals)
                .expect("the rule literals build an automaton"),
            literal_uses: index.uses,
        }
    }
}

/// The literals that the patterns of a pool need, and their uses.
struct LiteralIndex {
    /// The literals, each once.
    literals: Vec<Vec<u8>>,
    /// Per literal, the patterns that use it.
    uses: Vec<LiteralUses>,
    /// Patterns without a literal filter.
    unfiltered: Vec<PatternId>,
    /// Per pattern, the bits of all its required literal sets.
    full: Vec<u8>,
}

impl LiteralIndex {
    /// `single_spaced`: the texts scanned have no whitespace but single
    /// spaces (see `PoolBuilder::single_spaced`).
    fn new(patterns: &[&str], single_spaced: bool) -> Self {
        let mut index = LiteralIndex {
            literals: Vec::new(),
            uses: Vec::new(),
            unfiltered: Vec::new(),
            full: vec![0u8; patterns.len()],
        };
        let mut ids: BTreeMap<Vec<u8>, usize> = BTreeMap::new();
        for (id, p) in patterns.iter().enumerate() {
            let words = match single_spaced {
                true => space_form(p).and_then(|spaced| words_form(&spaced)),
                false => words_form(p),
            };
            let (sets, bounds) = match words {
                Some((literals, bounds)) => (vec![literals], Some(bounds)),
                None => (filtering_sets(required_literals(p)), None),
            };
            if sets.is_empty() {
                index.unfiltered.push(id);
                continue;
            }
            index.full[id] = u8::MAX >> (8 - sets.len());
            for (set, literals) in sets.into_iter().enumerate() {
                for lit in literals {
                    let li = *ids.entry(lit.clone()).or_insert(index.literals.len());
                    if li == index.literals.len() {
                        index.literals.push(lit);
                        index.uses.push(LiteralUses::default());
                    }
                    let uses = &mut index.uses[li];
                    match bounds {
                        Some(b) => uses.words.push((id, b)),
                        None => uses.required.push((id, 1 << set)),
                    }
                }
            }
        }
        for uses in &mut index.uses {
            uses.split_single_set(&index.full);
        }
        index
    }
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

/// The pattern with `\s` as a space, for texts whose only whitespace is
/// single spaces: `\s+` and `\s` become ` `, `\s*` and `\s?` become ` ?`
/// (there, the same matches). `None` for a pattern with `\s` in a class,
/// a nested class or `\s` under a counted or lazy repetition.
fn space_form(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let escaped = chars.next()?;
                if escaped != 's' {
                    out.push(c);
                    out.push(escaped);
                    continue;
                }
                if in_class {
                    return None;
                }
                match chars.peek() {
                    Some('+') => {
                        chars.next();
                        out.push(' ');
                    }
                    Some('*' | '?') => {
                        chars.next();
                        out.push_str(" ?");
                    }
                    Some('{') => return None,
                    _ => out.push(' '),
                }
                if matches!(chars.peek(), Some('?' | '+' | '*' | '{')) {
                    return None;
                }
            }
            '[' if in_class => return None,
            '[' => {
                in_class = true;
                out.push(c);
                // A `]` or `^]` right after `[` is a member, not the end.
                if chars.peek() == Some(&'^') {
                    out.extend(chars.next());
                }
                if chars.peek() == Some(&']') {
                    out.extend(chars.next());
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    Some(out)
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
    // The sets with the longest literals filter best, unless a literal is
    // part of a word every agreement is full of; a set's bit must fit a `u8`.
    sets.sort_by_key(|(shortest, lits)| (is_frequent(lits), std::cmp::Reverse(*shortest)));
    sets.truncate(MAX_SETS);
    sets.into_iter().map(|(_, lits)| lits).collect()
}

/// Words (lower case) that fill every processing agreement. A literal
/// inside one (`werk` in `verwerker`, `geven` in `persoonsgegevens`) occurs
/// in almost every sentence: the scan would note it again and again while
/// it filters out next to nothing.
const FREQUENT_WORDS: &[&str] = &[
    "persoonsgegevens",
    "verwerker",
    "verwerking",
    "verwerkingsverantwoordelijke",
    "overeenkomst",
    "voorafgaande",
];

/// Whether a literal of the set occurs inside one of [`FREQUENT_WORDS`].
fn is_frequent(literals: &[Vec<u8>]) -> bool {
    literals.iter().any(|lit| {
        FREQUENT_WORDS.iter().any(|w| {
            w.as_bytes()
                .windows(lit.len())
                .any(|win| win == lit.as_slice())
        })
    })
}

/// Required literal sets per pattern at most.
const MAX_SETS: usize = 8;

/// A required literal set besides the first needs literals this long: a
/// shorter one (`in`, `voor`, `niet`) occurs in almost every text, so it filters
/// out little while the scan must note each of its many occurrences.
const MIN_EXTRA_LITERAL: usize = 6;

/// The sets of `required_literals` worth scanning for: the first (the
/// best filter) and those whose literals are all long and none frequent.
fn filtering_sets(sets: Vec<Vec<Vec<u8>>>) -> Vec<Vec<Vec<u8>>> {
    let long =
        |set: &Vec<Vec<u8>>| set.iter().all(|l| l.len() >= MIN_EXTRA_LITERAL) && !is_frequent(set);
    sets.into_iter()
        .enumerate()
        .filter(|(i, set)| *i == 0 || long(set))
        .map(|(_, set)| set)
        .collect()
}

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
    automaton: Literals,
    /// Per literal of the automaton, the patterns that use it.
    literal_uses: Vec<LiteralUses>,
}

/// The patterns that use one literal.
#[derive(Default)]
struct LiteralUses {
    /// Patterns whose regex decides once the literal occurs, and that have
    /// no other required literal set: bits of a [`Bits`] (word index, bits).
    completes: Vec<(usize, u64)>,
    /// Patterns with more required literal sets, with the bit of the set
    /// the literal is in: one occurrence per text is enough.
    required: Vec<(PatternId, u8)>,
    /// Word patterns: the literal is a match where its boundaries hold.
    words: Vec<(PatternId, Bounds)>,
}

impl LiteralUses {
    /// Move the required uses of patterns with a single required set
    /// (`full` is 1) to `completes`.
    fn split_single_set(&mut self, full: &[u8]) {
        let mut completes = Bits::new(full.len());
        self.required.retain(|&(id, _)| {
            let single = full[id] == 1;
            if single {
                completes.insert(id);
            }
            !single
        });
        self.completes = completes.nonzero_words().collect();
    }
}

/// A bit per pattern of a pool.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(patterns: usize) -> Self {
        Bits(vec![0; patterns.div_ceil(64)])
    }

    fn insert(&mut self, id: PatternId) {
        if let Some(word) = self.0.get_mut(id / 64) {
            *word |= 1 << (id % 64);
        }
    }

    fn contains(&self, id: PatternId) -> bool {
        self.0
            .get(id / 64)
            .is_some_and(|&word| word & (1 << (id % 64)) != 0)
    }

    /// Add the bits of word `word`.
    fn insert_word(&mut self, word: usize, bits: u64) {
        if let Some(w) = self.0.get_mut(word) {
            *w |= bits;
        }
    }

    /// `(word index, bits)` of the words with bits set.
    fn nonzero_words(&self) -> impl Iterator<Item = (usize, u64)> + '_ {
        self.0.iter().copied().enumerate().filter(|&(_, w)| w != 0)
    }
}

/// What is known of a pattern that may match a text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Known {
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

    /// No scans yet (see `Scanner::push_with_lead`).
    pub fn no_scans(&self) -> Scans<'_> {
        Scans::empty(self)
    }

    /// A scanner for many texts (it reuses its scratch space).
    pub fn scanner(&self) -> Scanner<'_> {
        Scanner {
            pool: self,
            candidates: Bits::new(self.len()),
            matches: Bits::new(self.len()),
            sets: vec![0; self.len()],
            touched: Vec::new(),
            literal_seen: vec![Seen::default(); self.literal_uses.len()],
            seen_literals: Vec::new(),
            out: Scans::empty(self),
        }
    }

    /// The scans of `texts` (any case), in order.
    #[cfg(test)]
    pub fn scan_all<'t>(&self, texts: impl IntoIterator<Item = &'t str>) -> Scans<'_> {
        self.scan_all_sized(texts, 0, 0)
    }

    /// `scan_all` with room for `count` texts of `bytes` together.
    #[cfg(test)]
    pub fn scan_all_sized<'t>(
        &self,
        texts: impl IntoIterator<Item = &'t str>,
        count: usize,
        bytes: usize,
    ) -> Scans<'_> {
        let mut scanner = self.scanner();
        scanner.out.reserve(count, bytes);
        for text in texts {
            scanner.push(text);
        }
        scanner.finish()
    }
}

/// What a scan has seen of one literal in the current text.
#[derive(Clone, Copy, Default)]
struct Seen {
    /// It occurred: its required uses are noted.
    any: bool,
    /// Every word pattern of it matched: later occurrences add nothing.
    words_done: bool,
}

/// Scans texts with a pool, collecting their [`Scans`].
pub(crate) struct Scanner<'a> {
    pool: &'a Pool,
    /// The patterns that may match in the current text (none between texts) ...
    candidates: Bits,
    /// ... and those that do (word patterns).
    matches: Bits,
    /// Per pattern, the bits of the required literal sets seen (0 between
    /// texts) ...
    sets: Vec<u8>,
    /// ... and the patterns whose bits are set.
    touched: Vec<PatternId>,
    /// Per literal, what the current text shows (default between texts) ...
    literal_seen: Vec<Seen>,
    /// ... and the literals that are not default.
    seen_literals: Vec<usize>,
    out: Scans<'a>,
}

impl<'a> Scanner<'a> {
    /// Scan one more text (any case): its lower case once for the literals
    /// of all patterns.
    pub fn push(&mut self, text: &str) {
        let start = self.out.lower.len();
        push_lowercase(&mut self.out.lower, text);
        for &id in &self.pool.unfiltered {
            self.candidates.insert(id);
        }
        let lower = std::mem::take(&mut self.out.lower);
        self.find_literals(&lower.as_bytes()[start..]);
        self.out.lower = lower;
        self.end_text();
    }

    /// Scan a text that starts with a list lead, its first `lead_len`
    /// bytes followed by a space: as `push` does, and the lead's scan, as
    /// `push` of the lead alone makes it, added to `leads` (the walk over
    /// the text notes what it has seen when it passes the lead's end).
    pub fn push_with_lead(&mut self, text: &str, lead_len: usize, leads: &mut Scans<'a>) {
        let parts = text.get(..lead_len).zip(text.get(lead_len..));
        let Some((lead, rest)) = parts.filter(|(_, rest)| rest.starts_with(' ')) else {
            return self.push_lead_apart(text, text.get(..lead_len).unwrap_or(""), leads);
        };
        if text.contains('Σ') {
            // A capital sigma lower-cases by its context: the lead alone.
            return self.push_lead_apart(text, lead, leads);
        }
        let start = self.out.lower.len();
        push_lowercase(&mut self.out.lower, lead);
        let lead_end = self.out.lower.len() - start;
        push_lowercase(&mut self.out.lower, rest);
        for &id in &self.pool.unfiltered {
            self.candidates.insert(id);
        }
        let lower = std::mem::take(&mut self.out.lower);
        let text = &lower.as_bytes()[start..];
        let lead_lower = &lower[start..start + lead_end];
        let pool = self.pool;
        let mut noted = false;
        pool.automaton.for_each_hit(text, |(literal, from, to)| {
            if !noted && to > lead_end {
                self.note_text(lead_lower, leads);
                noted = true;
            }
            self.on_literal(literal, text, from, to)
        });
        if !noted {
            self.note_text(lead_lower, leads);
        }
        self.out.lower = lower;
        self.end_text();
    }

    /// `push_with_lead` by scanning the lead on its own.
    fn push_lead_apart(&mut self, text: &str, lead: &str, leads: &mut Scans<'a>) {
        std::mem::swap(&mut self.out, leads);
        self.push(lead);
        std::mem::swap(&mut self.out, leads);
        self.push(text);
    }

    /// Add to `out` the scan of the text seen so far, `lower` being its
    /// lower case (the scratch space is kept).
    fn note_text(&self, lower: &str, out: &mut Scans<'a>) {
        out.lower.push_str(lower);
        let words = self.candidates.0.iter().zip(&self.matches.0);
        for (w, (&candidates, &matches)) in words.enumerate() {
            push_live(out, w, candidates | matches, matches);
        }
        out.ends.push((out.lower.len(), out.live.len()));
    }

    /// Room for `count` texts of `bytes` together.
    pub fn reserve(&mut self, count: usize, bytes: usize) {
        self.out.reserve(count, bytes);
    }

    /// The scans of all texts pushed.
    pub fn finish(self) -> Scans<'a> {
        self.out
    }

    /// The scans of the texts pushed so far.
    pub fn scans(&self) -> &Scans<'a> {
        &self.out
    }

    /// Run the automaton over one text, noting each literal occurrence.
    fn find_literals(&mut self, text: &[u8]) {
        let pool = self.pool;
        pool.automaton.for_each_hit(text, |(literal, start, end)| {
            self.on_literal(literal, text, start, end)
        });
    }

    /// A literal occurs at `start..end` of `text`. (Inlined into the
    /// automaton's walk: it runs for every literal occurrence.)
    #[inline(always)]
    fn on_literal(&mut self, literal: usize, text: &[u8], start: usize, end: usize) {
        let pool = self.pool;
        let (Some(uses), Some(&seen)) = (
            pool.literal_uses.get(literal),
            self.literal_seen.get(literal),
        ) else {
            return;
        };
        if seen.any && seen.words_done {
            // Nothing more to learn from this literal in this text.
            return;
        }
        if !seen.any {
            self.seen_literals.push(literal);
            for &(word, bits) in &uses.completes {
                self.candidates.insert_word(word, bits);
            }
            for &(id, set) in &uses.required {
                if self.all_sets_seen(id, set) {
                    self.candidates.insert(id);
                }
            }
        }
        let mut words_done = seen.words_done;
        if !words_done {
            words_done = true;
            for &(id, bounds) in &uses.words {
                if bounds.hold(text, start, end) {
                    self.matches.insert(id);
                } else {
                    words_done = false;
                }
            }
        }
        self.literal_seen[literal] = Seen {
            any: true,
            words_done,
        };
    }

    /// Note the required literal set `set` of pattern `id` seen; whether
    /// all its sets are.
    fn all_sets_seen(&mut self, id: PatternId, set: u8) -> bool {
        let seen = &mut self.sets[id];
        if *seen == 0 {
            self.touched.push(id);
        }
        *seen |= set;
        *seen == self.pool.full[id]
    }

    /// Store what the text showed and clear the scratch space.
    fn end_text(&mut self) {
        for id in self.touched.drain(..) {
            self.sets[id] = 0;
        }
        for literal in self.seen_literals.drain(..) {
            self.literal_seen[literal] = Seen::default();
        }
        let out = &mut self.out;
        let words = self.candidates.0.iter_mut().zip(&mut self.matches.0);
        for (w, (candidates, matches)) in words.enumerate() {
            push_live(out, w, std::mem::take(candidates) | *matches, *matches);
            *matches = 0;
        }
        out.ends.push((out.lower.len(), out.live.len()));
    }
}

/// Add the live patterns of word `w` (its bits `live`) to `out` in
/// ascending order, those of `matches` as matches: a match (a word
/// pattern) is never downgraded to a candidate.
fn push_live(out: &mut Scans<'_>, w: usize, mut live: u64, matches: u64) {
    while live != 0 {
        let bit = live.trailing_zeros();
        let state = if matches & (1 << bit) != 0 {
            Known::Match
        } else {
            Known::Candidate
        };
        out.live.push(w * 64 + bit as usize);
        out.states.push(Cell::new(state));
        live &= live - 1;
    }
}

/// `buf.push_str(&text.to_lowercase())`, without a new string for each text.
fn push_lowercase(buf: &mut String, text: &str) {
    let begin = buf.len();
    buf.reserve(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = ascii_prefix_len(rest.as_bytes());
        let start = buf.len();
        buf.push_str(&rest[..ascii]);
        buf[start..].make_ascii_lowercase();
        let mut chars = rest[ascii..].chars();
        if let Some(c) = chars.next() {
            if c == 'Σ' {
                // A capital sigma lower-cases by its context (`ς` ends a word).
                buf.truncate(begin);
                buf.push_str(&text.to_lowercase());
                return;
            }
            buf.extend(c.to_lowercase());
        }
        rest = chars.as_str();
    }
}

/// The length of the ASCII start of `bytes`, eight bytes at a time.
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0x80; 8]));
        if w & HIGH_BITS != 0 {
            break;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - at)
}

/// A set this many times smaller than the live patterns of a text is
/// looked up pattern by pattern (else the live patterns are walked).
const SMALL_SET_FACTOR: usize = 4;

/// About how many patterns may match in a sentence (room to reserve).
const LIVE_PER_TEXT: usize = 32;

/// The scans of many texts: their lower case one after the other, and per
/// text what is known of each pattern that may match.
pub(crate) struct Scans<'a> {
    pool: &'a Pool,
    lower: String,
    /// Per text, where its lower case ends in `lower` and where its patterns
    /// end in `live` and `states`.
    ends: Vec<(usize, usize)>,
    /// Per text, the patterns that may match, ascending: all others do not ...
    live: Vec<PatternId>,
    /// ... and what is known of each.
    states: Vec<Cell<Known>>,
}

impl<'a> Scans<'a> {
    fn empty(pool: &'a Pool) -> Self {
        Scans {
            pool,
            lower: String::new(),
            ends: Vec::new(),
            live: Vec::new(),
            states: Vec::new(),
        }
    }

    /// Room for `count` texts of `bytes` together.
    fn reserve(&mut self, count: usize, bytes: usize) {
        self.lower.reserve(bytes + bytes / 16);
        self.ends.reserve(count);
        self.live.reserve(count * LIVE_PER_TEXT);
        self.states.reserve(count * LIVE_PER_TEXT);
    }

    /// The scans, in the order of the texts.
    pub fn iter(&self) -> impl Iterator<Item = Scan<'_>> + '_ {
        let starts = std::iter::once((0, 0)).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| self.scan_between(start, end))
    }

    /// The scan of the text whose lower case and patterns start at `start`
    /// and end at `end` (as in `ends`).
    fn scan_between(&self, start: (usize, usize), end: (usize, usize)) -> Scan<'_> {
        let ((text, pats), (text_end, pats_end)) = (start, end);
        Scan {
            pool: self.pool,
            text: self.lower.get(text..text_end).unwrap_or(""),
            live: &self.live[pats..pats_end],
            states: &self.states[pats..pats_end],
        }
    }

    /// Whether any pattern of the set matches in any of the texts (a quick
    /// look first: whether one may match at all).
    pub fn any_in_any(&self, set: &PatternSet) -> bool {
        self.live.iter().any(|&id| set.contains(id)) && self.iter().any(|scan| scan.any(set))
    }

    /// The scan of the first text.
    #[cfg(test)]
    pub fn first(&self) -> Option<Scan<'_>> {
        self.get(0)
    }

    /// The number of texts scanned.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The scan of text `i`.
    pub fn get(&self, i: usize) -> Option<Scan<'_>> {
        let end = *self.ends.get(i)?;
        let start = match i.checked_sub(1) {
            Some(before) => self.ends[before],
            None => (0, 0),
        };
        Some(self.scan_between(start, end))
    }
}

/// The patterns of a pool on one text, each regex run at most once.
#[derive(Clone, Copy)]
pub(crate) struct Scan<'a> {
    pool: &'a Pool,
    /// The text, lower-cased.
    text: &'a str,
    /// The patterns that may match, ascending: all others do not ...
    live: &'a [PatternId],
    /// ... and what is known of each.
    states: &'a [Cell<Known>],
}

impl<'a> Scan<'a> {
    /// Whether pattern `id` matches the text.
    #[cfg(test)]
    pub fn matches(&self, id: PatternId) -> bool {
        match self.live.binary_search(&id) {
            Ok(i) => self.matches_at(i, id),
            Err(_) => false,
        }
    }

    /// Whether pattern `id`, the `i`-th live one, matches the text (its
    /// regex runs on first use).
    fn matches_at(&self, i: usize, id: PatternId) -> bool {
        let Some(cell) = self.states.get(i) else {
            return false;
        };
        match cell.get() {
            Known::NoMatch => false,
            Known::Match => true,
            Known::Candidate => {
                let hit = self.pool.regex(id).is_match(self.text);
                cell.set(if hit { Known::Match } else { Known::NoMatch });
                hit
            }
        }
    }

    /// The patterns that may match; every other pattern does not.
    pub fn live(&self) -> &'a [PatternId] {
        self.live
    }

    /// The text scanned, lower-cased.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Whether any pattern of the set matches (only those that may match,
    /// usually a few, are looked at).
    pub fn any(&self, set: &PatternSet) -> bool {
        if set.ids.len() * SMALL_SET_FACTOR < self.live.len() {
            // A small set: look its patterns up among the many live ones.
            return set.ids.iter().any(|&id| {
                self.live
                    .binary_search(&id)
                    .is_ok_and(|i| self.matches_at(i, id))
            });
        }
        self.live
            .iter()
            .enumerate()
            .any(|(i, &id)| set.contains(id) && self.matches_at(i, id))
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
    fn lower_case_is_pushed_as_to_lowercase_gives_it() {
        let texts = [
            "",
            "ABC def",
            "Ëen ÉÉN über-Straße",
            "İstanbul KELVİN \u{212A} ſ",
            "ΣΑΣ ΟΔΟΣ. Σ",
            "a long ASCII start of more than eight bytes, then: Ä",
            "€ und ẞ",
        ];
        let mut buf = String::new();
        for t in texts {
            let start = buf.len();
            push_lowercase(&mut buf, t);
            assert_eq!(&buf[start..], t.to_lowercase(), "{t:?}");
        }
        assert_eq!(ascii_prefix_len(b"abcdefghij\xc3\xab"), 10);
        assert_eq!(ascii_prefix_len(b"abc"), 3);
        assert_eq!(ascii_prefix_len("ë".as_bytes()), 0);
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

    /// Every pattern of the rule tables (some more than once).
    fn rule_patterns() -> Vec<&'static str> {
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
        all
    }

    /// The literal automaton of the rule patterns finds their literals as
    /// an overlapping Aho-Corasick search does.
    #[test]
    fn the_rule_literals_are_found_as_an_overlapping_search_finds_them() {
        let literals = LiteralIndex::new(&rule_patterns(), false).literals;
        assert!(literals.len() > 100, "{}", literals.len());
        let texts = [
            "de verwerker verwijdert of retourneert alle persoonsgegevens; geen audits, \
             wel inspecties en dpia's, binnen 48 uur na een datalek (beëindiging).",
            "sub-verwerkers mogen worden ingeschakeld na voorafgaande schriftelijke toestemming",
            "zonder onredelijke vertraging – artikel 32 tot en met 36 avg – scc's en dpf",
        ];
        for text in texts {
            crate::automaton::assert_finds_all(&literals, text.as_bytes());
        }
        for text in crate::automaton::generated_texts(b"abcdeghiklmnorstuvwz -'.", 300) {
            crate::automaton::assert_finds_all(&literals, &text);
        }
    }

    /// The lines of the two customer documents, lower-cased (none when the
    /// fixtures are absent).
    fn fixture_lines() -> Vec<String> {
        crate::test_fixtures::raw_texts()
            .iter()
            .flat_map(|text| text.lines().map(str::to_lowercase).collect::<Vec<_>>())
            .collect()
    }

    /// A literal inside a word every agreement is full of is a filter of
    /// last resort: `mee` is scanned for instead of `werk` (in `verwerker`).
    #[test]
    fn literals_inside_frequent_words_filter_last() {
        let words =
            |ws: &[&str]| -> Vec<Vec<u8>> { ws.iter().map(|w| w.as_bytes().to_vec()).collect() };
        assert!(is_frequent(&words(&["werk"])));
        assert!(is_frequent(&words(&["audit", "geven"])));
        assert!(!is_frequent(&words(&["mee", "terug"])));
        let sets = required_literals(r"\bwerk\w*\s+(\S+\s+){0,4}mee\b");
        assert_eq!(sets, vec![words(&["mee"]), words(&["werk"])]);
        assert_eq!(filtering_sets(sets), vec![words(&["mee"])]);
    }

    /// Every rule pattern, through the pool, decides like its own regex
    /// (on sentences written for it and on the lines of the customer
    /// documents).
    #[test]
    fn the_rule_pool_agrees_with_plain_regexes() {
        let all = rule_patterns();
        let mut b = PoolBuilder::default();
        let ids = b.add(&all);
        let pool = b.build();
        let lines = fixture_lines();
        let written = [
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
        let regexes: Vec<Regex> = all.iter().map(|p| compile(p)).collect();
        let texts = written.into_iter().chain(lines.iter().map(String::as_str));
        for t in texts {
            let scans = pool.scan_all([t]);
            let scan = scans.first().expect("one text");
            for ((&id, p), regex) in ids.iter().zip(&all).zip(&regexes) {
                assert_eq!(scan.matches(id), regex.is_match(t), "{p} on {t:?}");
            }
        }
    }

    /// `text` with each run of whitespace as one space, as sentences are.
    fn single_spaced(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn spaces_stand_for_whitespace_in_single_spaced_pools() {
        assert_eq!(
            space_form(r"\bop\s+de\s*hoogte\s?\b").as_deref(),
            Some(r"\bop de ?hoogte ?\b")
        );
        assert_eq!(
            space_form(r"\b(\S+\s+){0,4}[^.;\]]\\s").as_deref(),
            Some(r"\b(\S+ ){0,4}[^.;\]]\\s")
        );
        assert_eq!(space_form(r"[\s,]"), None);
        assert_eq!(space_form(r"a\s{2}"), None);
        assert_eq!(space_form(r"a\s+?b"), None);
        let (mut words, _) = space_form(r"\bgeheim\s+(te\s+)?houden\b")
            .and_then(|p| words_form(&p))
            .expect("words");
        words.sort();
        assert_eq!(
            words,
            vec![b"geheim houden".to_vec(), b"geheim te houden".to_vec()]
        );
    }

    /// Every rule pattern, through a single-spaced pool, decides like its
    /// own regex on single-spaced texts (sentences written for it, the
    /// lines of the customer documents and their sentences).
    #[test]
    fn a_single_spaced_pool_agrees_with_plain_regexes_on_sentences() {
        let all = rule_patterns();
        let mut b = PoolBuilder::single_spaced();
        let ids = b.add(&all);
        let pool = b.build();
        let mut texts: Vec<String> = [
            "verwerker houdt de verantwoordelijke op de hoogte van elk datalek.",
            "verwerker verwerkt uitsluitend in opdracht van de verantwoordelijke.",
            "de sub- verwerker en de sub verwerkers en subverwerkers en sub-verwerking",
            "alle medewerkers zijn verplicht de gegevens geheim te houden; geheim houden.",
            "verwerker stelt de verantwoordelijke in kennis, in kennis? inkennis.",
            "technische en organisatorische maatregelen en security measures op het gebied",
            "op de hoogtepunt van het jaar; opde hoogte; op de hoogte",
            "artikel 32 tot en met 36 avg; artikelen 32-36; artikel 32 t/m 36",
            "",
            "a",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        texts.extend(fixture_lines().iter().map(|l| single_spaced(l)));
        for tree in crate::test_fixtures::trees() {
            let views = crate::sentences::clause_views(&tree);
            let sentences = crate::sentences::sentences(&views);
            texts.extend(sentences.iter().map(|s| s.text.to_lowercase()));
        }
        let regexes: Vec<Regex> = all.iter().map(|p| compile(p)).collect();
        for t in &texts {
            assert_eq!(*t, single_spaced(t), "a sentence is single-spaced");
            let scans = pool.scan_all([t.as_str()]);
            let scan = scans.first().expect("one text");
            for ((&id, p), regex) in ids.iter().zip(&all).zip(&regexes) {
                assert_eq!(scan.matches(id), regex.is_match(t), "{p} on {t:?}");
            }
        }
    }

    /// `any` agrees with asking each pattern of the set.
    #[test]
    fn any_agrees_with_each_pattern() {
        let patterns: Vec<&'static str> = crate::rules::REQUIREMENTS
            .iter()
            .flat_map(|r| r.elements)
            .flat_map(|e| e.phrases.iter().chain(e.with))
            .copied()
            .collect();
        let mut b = PoolBuilder::default();
        let ids = b.add(&patterns);
        let pool = b.build();
        let texts = [
            "verwerker verwijdert of retourneert alle persoonsgegevens na het einde",
            "verwerker meldt een datalek zonder onredelijke vertraging binnen 24 uur",
            "sub-verwerkers alleen met voorafgaande schriftelijke toestemming; audits",
            "",
        ];
        let scans = pool.scan_all(texts);
        for scan in scans.iter() {
            for &id in &ids {
                let single = PatternSet::new(vec![id]);
                assert_eq!(scan.any(&single), scan.matches(id), "{id}");
            }
            for (k, chunk) in ids.chunks(7).enumerate() {
                let mut set: Vec<PatternId> = chunk.iter().copied().step_by(k % 3 + 1).collect();
                set.sort_unstable();
                set.dedup();
                let want = set.iter().any(|&id| scan.matches(id));
                assert_eq!(scan.any(&PatternSet::new(set.clone())), want, "{set:?}");
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
        let scan_of = |t: &str| {
            let scans = pool.scan_all([t]);
            let scan = scans.first().expect("one text");
            ids.iter()
                .map(|&id| scan.matches(id))
                .collect::<Vec<bool>>()
        };
        let scans = pool.scan_all([text]);
        let scan = scans.first().expect("one text");
        assert!(!scan.matches(ids[0]));
        assert!(scan.matches(ids[1]));
        assert!(scan.matches(ids[2]));
        assert!(scan.any(&PatternSet::new(ids.clone())));
        assert!(
            !scan_of("subverwijderd")[0],
            "no word boundary before the stem"
        );
        assert!(scan_of("ze verwijderen")[0]);
    }
}
