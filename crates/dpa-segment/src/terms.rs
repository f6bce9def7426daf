//! The topic terms as a dense, byte-class DFA with a tight search loop.
//!
//! The automaton is the leftmost-longest Aho-Corasick DFA of the
//! `aho-corasick` crate, copied once into a flat table of 16-bit state ids
//! pre-multiplied by the number of byte classes and ordered so that the
//! dead state and the match states come first: one table lookup and one
//! comparison per byte. Matches are the ones `AhoCorasick::find_iter`
//! reports (leftmost-longest, non-overlapping).

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{dfa::DFA, Anchored, MatchKind};
use dpa_model::is_ascii_whitespace_byte;

/// A dense DFA over byte classes.
pub struct TermDfa {
    /// The byte class of each byte.
    classes: [u8; 256],
    /// Number of byte classes (the row length).
    stride: usize,
    /// Next state (pre-multiplied) per state row and byte class.
    trans: Table,
    /// The unanchored start state (pre-multiplied).
    start: u16,
    /// States below this id are special: the dead state (0) or a match.
    special_below: u16,
    /// Pattern index and length of each special state, by dense index.
    matches: Vec<(usize, usize)>,
    /// The tables that read ASCII text as its fold, when the terms allow it.
    folded: Option<FoldedTables>,
}

/// The automaton reading an ASCII text as [`crate::kind::fold`] would
/// fold it: upper case bytes in the class of their lower case, whitespace
/// in the class of the space, and a state entered by a space stays put on
/// more whitespace (the fold has one space per whitespace run). Leading
/// whitespace leaves the start state as it is, as no term starts with a
/// space.
struct FoldedTables {
    classes: [u8; 256],
    trans: Table,
    /// The length of each pattern that holds a space (its raw span may be
    /// longer than the match).
    spaced: Vec<Option<usize>>,
}

/// The state of a search: the current state and the last match seen.
struct Scan {
    sid: u16,
    found: Option<TermMatch>,
}

/// Room for the transitions: every 16-bit state id plus one row of byte
/// classes, so that the search indexes it with a sum the compiler sees is
/// in bounds (no bounds check per byte). Only the rows in use are written.
const TABLE_SLOTS: usize = (1 << 16) + 256;

/// A transition table of [`TABLE_SLOTS`] entries.
type Table = Box<[u16; TABLE_SLOTS]>;

/// `trans` in a [`Table`]; `None` when it does not fit.
fn padded(trans: &[u16]) -> Option<Table> {
    let mut table = vec![0; TABLE_SLOTS];
    table.get_mut(..trans.len())?.copy_from_slice(trans);
    table.into_boxed_slice().try_into().ok()
}

/// A term found: its pattern index and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermMatch {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

impl TermDfa {
    /// Build the automaton of `patterns` (none may be empty).
    pub fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> Option<TermDfa> {
        let patterns: Vec<&str> = patterns.into_iter().collect();
        let dfa = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(&patterns)
            .ok()?;
        let (classes, reps) = byte_classes(&patterns)?;
        let start = dfa.start_state(Anchored::No).ok()?;
        let states = reachable_states(&dfa, start, &reps);
        // Dense order: dead state, match states, the rest.
        let mut order: Vec<StateID> = states.clone();
        order.sort_by_key(|&s| (!dfa.is_dead(s), !dfa.is_match(s)));
        if !order.first().is_some_and(|&s| dfa.is_dead(s)) {
            return None;
        }
        // Dense index by automaton state id (ids are small: offsets into
        // the automaton's own table).
        let max_id = order.iter().map(|s| s.as_usize()).max().unwrap_or(0);
        let mut dense = vec![0usize; max_id + 1];
        for (i, s) in order.iter().enumerate() {
            dense[s.as_usize()] = i;
        }
        let specials = order
            .iter()
            .take_while(|&&s| dfa.is_dead(s) || dfa.is_match(s))
            .count();
        let matches = order[..specials]
            .iter()
            .map(|&s| {
                if dfa.is_dead(s) {
                    return (0, 0);
                }
                let pid = dfa.match_pattern(s, 0);
                (pid.as_usize(), dfa.pattern_len(pid))
            })
            .collect();
        let stride = reps.len();
        let mut trans = vec![0u16; order.len() * stride];
        for (state, &s) in order.iter().enumerate() {
            for (class, &b) in reps.iter().enumerate() {
                let next = dense[dfa.next_state(Anchored::No, s, b).as_usize()];
                trans[state * stride + class] = u16::try_from(next * stride).ok()?;
            }
        }
        let folded = FoldedTables::new(&patterns, &classes, &trans, stride, specials * stride);
        let trans = padded(&trans)?;
        Some(TermDfa {
            folded,
            classes,
            stride,
            trans,
            start: u16::try_from(dense[start.as_usize()] * stride).ok()?,
            special_below: u16::try_from(specials * stride).ok()?,
            matches,
        })
    }

    /// Every leftmost-longest, non-overlapping match in `hay`, in order.
    pub fn for_each_match(&self, hay: &[u8], f: impl FnMut(TermMatch)) {
        self.for_each_match_in(&self.classes, &self.trans, hay, f);
    }

    /// [`TermDfa::for_each_match`] with the given tables.
    fn for_each_match_in(
        &self,
        classes: &[u8; 256],
        trans: &[u16; TABLE_SLOTS],
        hay: &[u8],
        mut f: impl FnMut(TermMatch),
    ) {
        let mut at = 0;
        while at < hay.len() {
            let Some(m) = self.find_at(classes, trans, hay, at) else {
                return;
            };
            f(m);
            // Terms are not empty: the search moves on.
            at = m.end.max(at + 1);
        }
    }

    /// The leftmost-longest match starting at or after `at`. Not inlined:
    /// on its own the byte loop keeps every value in a register. The bytes
    /// are read eight at a time (an unrolled inner loop) and the rest one by
    /// one.
    #[inline(never)]
    fn find_at(
        &self,
        classes: &[u8; 256],
        trans: &[u16; TABLE_SLOTS],
        hay: &[u8],
        at: usize,
    ) -> Option<TermMatch> {
        let mut scan = Scan {
            sid: self.start,
            found: None,
        };
        let mut chunks = hay.get(at..)?.chunks_exact(8);
        let mut end = at;
        for chunk in chunks.by_ref() {
            for (k, &b) in chunk.iter().enumerate() {
                if !self.step(&mut scan, classes, trans, b, end + k + 1) {
                    return scan.found;
                }
            }
            end += 8;
        }
        for (k, &b) in chunks.remainder().iter().enumerate() {
            if !self.step(&mut scan, classes, trans, b, end + k + 1) {
                return scan.found;
            }
        }
        scan.found
    }

    /// Read byte `b` (which ends at offset `end`): `false` when the search
    /// is over (the dead state).
    #[inline(always)]
    fn step(
        &self,
        scan: &mut Scan,
        classes: &[u8; 256],
        trans: &[u16; TABLE_SLOTS],
        b: u8,
        end: usize,
    ) -> bool {
        // A 16-bit id plus a byte class is inside the table.
        let next = trans[usize::from(scan.sid) + usize::from(classes[usize::from(b)])];
        scan.sid = next;
        if next >= self.special_below {
            return true;
        }
        match self.matches.get(usize::from(next) / self.stride) {
            Some(&(pattern, len)) if next != 0 => {
                scan.found = Some(TermMatch {
                    pattern,
                    start: end - len,
                    end,
                });
                true
            }
            _ => false,
        }
    }

    /// The matches [`TermDfa::for_each_match`] finds in the fold of
    /// `text` (lower case, whitespace runs as one space, none at the ends),
    /// read without folding it; `false` (and no match reported) when the
    /// fold changes a non-ASCII char of the text (see [`fold_keeps_non_ascii`])
    /// or the terms do not allow it.
    ///
    /// Offsets are byte offsets in `text` less its leading whitespace: in
    /// the order of the folded offsets, and 0 where the folded offset is 0.
    /// `before` is the folded char before the match (`None` at the start).
    pub fn for_each_folded_match(
        &self,
        text: &str,
        mut f: impl FnMut(TermMatch, Option<char>),
    ) -> bool {
        let Some(t) = self.folded.as_ref().filter(|_| fold_keeps_non_ascii(text)) else {
            return false;
        };
        let bytes = text.as_bytes();
        let lead = bytes
            .iter()
            .take_while(|&&b| is_ascii_whitespace_byte(b))
            .count();
        self.for_each_match_in(&t.classes, &t.trans, bytes, |m| {
            let start = match t.spaced.get(m.pattern) {
                Some(Some(len)) => raw_start(bytes, m.end, *len),
                _ => m.start,
            };
            let before = (start > lead)
                .then(|| text.get(..start)?.chars().next_back())
                .flatten()
                .map(folded_char);
            let shifted = TermMatch {
                pattern: m.pattern,
                start: start.saturating_sub(lead),
                end: m.end.saturating_sub(lead),
            };
            f(shifted, before);
        });
        true
    }
}

impl FoldedTables {
    /// The folded tables of a dense automaton (`special_below` as in
    /// [`TermDfa`]); `None` when a term starts or ends with a space or
    /// holds two in a row, or when a state entered by a space is also
    /// entered by another byte (then a self loop would change what it
    /// reads).
    fn new(
        patterns: &[&str],
        classes: &[u8; 256],
        trans: &[u16],
        stride: usize,
        special_below: usize,
    ) -> Option<FoldedTables> {
        let bad = |p: &&str| p.starts_with(' ') || p.ends_with(' ') || p.contains("  ");
        if patterns.iter().any(bad) {
            return None;
        }
        let space = usize::from(classes[usize::from(b' ')]);
        let states = trans.len() / stride;
        let (mut by_space, mut by_other) = (vec![false; states], vec![false; states]);
        for (i, &next) in trans.iter().enumerate() {
            let flags = if i % stride == space {
                &mut by_space
            } else {
                &mut by_other
            };
            *flags.get_mut(usize::from(next) / stride)? = true;
        }
        let mut folded_trans = trans.to_vec();
        for state in (0..states).filter(|&s| by_space[s]) {
            let id = state * stride;
            let self_loop = trans.get(id + space) == Some(&u16::try_from(id).ok()?);
            if self_loop {
                continue;
            }
            if by_other[state] || id < special_below {
                return None;
            }
            folded_trans[id + space] = u16::try_from(id).ok()?;
        }
        let mut folded_classes = *classes;
        for b in 0..128u8 {
            let like = if is_ascii_whitespace_byte(b) {
                b' '
            } else {
                b.to_ascii_lowercase()
            };
            folded_classes[usize::from(b)] = classes[usize::from(like)];
        }
        Some(FoldedTables {
            classes: folded_classes,
            trans: padded(&folded_trans)?,
            spaced: patterns
                .iter()
                .map(|p| p.contains(' ').then_some(p.len()))
                .collect(),
        })
    }
}

/// The raw start of the `len` folded bytes that end at raw offset `end`
/// (a whitespace run is one folded byte).
fn raw_start(text: &[u8], end: usize, len: usize) -> usize {
    let mut raw = end;
    for _ in 0..len {
        raw = raw.saturating_sub(1);
        while raw > 0
            && is_ascii_whitespace_byte(text[raw])
            && is_ascii_whitespace_byte(text[raw - 1])
        {
            raw -= 1;
        }
    }
    raw
}

/// A raw char as it reads in the fold of a text the fold keeps non-ASCII
/// chars of (ASCII whitespace as a space, ASCII in lower case).
fn folded_char(c: char) -> char {
    match u8::try_from(c) {
        Ok(b) if is_ascii_whitespace_byte(b) => ' ',
        _ => c.to_ascii_lowercase(),
    }
}

/// The fold keeps every non-ASCII char of `text` as it is: none is
/// whitespace or changes when lower-cased. Then folding only lower-cases
/// ASCII and folds ASCII whitespace runs, which the folded tables read.
/// ASCII runs are skipped eight bytes at a time.
pub fn fold_keeps_non_ascii(text: &str) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if text.is_ascii() {
        return true;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if u64::from_le_bytes(word) & HIGH == 0 {
                i += 8;
                continue;
            }
        }
        if bytes[i].is_ascii() {
            i += 1;
            continue;
        }
        // `i` is at a char boundary: it only moves over ASCII bytes and
        // whole chars.
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            return false;
        };
        if !fold_keeps(c) {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

/// The fold writes `c` as it is.
fn fold_keeps(c: char) -> bool {
    let mut lower = c.to_lowercase();
    !c.is_whitespace() && lower.next() == Some(c) && lower.next().is_none()
}

/// Byte classes: each byte that occurs in a pattern is a class of its
/// own, every other byte is in one shared class (such a byte has no trie
/// edge in any state, so all of them lead from a state to the same next
/// state). The class of each byte and one byte of each class.
fn byte_classes(patterns: &[&str]) -> Option<([u8; 256], Vec<u8>)> {
    let mut used = [false; 256];
    for p in patterns {
        for b in p.bytes() {
            used[usize::from(b)] = true;
        }
    }
    let mut classes = [0u8; 256];
    let mut reps: Vec<u8> = Vec::new();
    let mut other: Option<u8> = None;
    for b in 0..=255u8 {
        let class = match (used[usize::from(b)], other) {
            (false, Some(k)) => k,
            (shared, _) => {
                let k = u8::try_from(reps.len()).ok()?;
                reps.push(b);
                if !shared {
                    other = Some(k);
                }
                k
            }
        };
        classes[usize::from(b)] = class;
    }
    Some((classes, reps))
}

/// Every state reachable from `start` (following one byte of each
/// class), in discovery order.
fn reachable_states(dfa: &DFA, start: StateID, reps: &[u8]) -> Vec<StateID> {
    // Seen flags by state id, grown as ids show up.
    let mut seen: Vec<bool> = Vec::new();
    let mut mark = |s: StateID| {
        let k = s.as_usize();
        if k >= seen.len() {
            seen.resize(k + 1, false);
        }
        !std::mem::replace(&mut seen[k], true)
    };
    let mut queue = vec![start];
    mark(start);
    let mut i = 0;
    while let Some(&s) = queue.get(i) {
        i += 1;
        for &b in reps {
            let next = dfa.next_state(Anchored::No, s, b);
            if mark(next) {
                queue.push(next);
            }
        }
    }
    queue
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, AhoCorasickKind};

    #[test]
    fn finds_what_the_crate_finds() {
        let pats = [
            "datalek",
            "datalekken",
            "sub-verwerker",
            "verwerker",
            "eer",
            "buiten de eer",
        ];
        let dfa = TermDfa::new(pats).expect("dfa");
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(pats)
            .expect("ac");
        for hay in [
            "",
            "datalekken en sub-verwerkers buiten de eer",
            "xsub-verwerker datalek datalekkenverwerker buiten de ee",
            "eereer verwerkerverwerker",
        ] {
            let mut got = Vec::new();
            dfa.for_each_match(hay.as_bytes(), |m| got.push((m.pattern, m.start, m.end)));
            let want: Vec<_> = ac
                .find_iter(hay)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            assert_eq!(got, want, "{hay}");
        }
    }
}
