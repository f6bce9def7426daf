//! The topic terms as a dense, byte-class DFA with a tight search loop.
//!
//! The automaton is the leftmost-longest Aho-Corasick DFA of the
//! `aho-corasick` crate, copied once into a flat table whose state ids are
//! pre-multiplied by the number of byte classes and ordered so that the
//! dead state and the match states come first: one table lookup and one
//! comparison per byte. Matches are the ones `AhoCorasick::find_iter`
//! reports (leftmost-longest, non-overlapping).

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{dfa::DFA, Anchored, MatchKind};

/// A dense DFA over byte classes.
pub struct TermDfa {
    /// The byte class of each byte.
    classes: [u8; 256],
    /// Number of byte classes (the row length).
    stride: usize,
    /// Next state (pre-multiplied) per state row and byte class.
    trans: Vec<u32>,
    /// The unanchored start state (pre-multiplied).
    start: u32,
    /// States below this id are special: the dead state (0) or a match.
    special_below: u32,
    /// Pattern index and length of each special state, by dense index.
    matches: Vec<(usize, usize)>,
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
        let mut trans = vec![0u32; order.len() * stride];
        for (state, &s) in order.iter().enumerate() {
            for (class, &b) in reps.iter().enumerate() {
                let next = dense[dfa.next_state(Anchored::No, s, b).as_usize()];
                trans[state * stride + class] = u32::try_from(next * stride).ok()?;
            }
        }
        Some(TermDfa {
            classes,
            stride,
            trans,
            start: u32::try_from(dense[start.as_usize()] * stride).ok()?,
            special_below: u32::try_from(specials * stride).ok()?,
            matches,
        })
    }

    /// Every leftmost-longest, non-overlapping match in `hay`, in order.
    pub fn for_each_match(&self, hay: &[u8], mut f: impl FnMut(TermMatch)) {
        let mut at = 0;
        while at < hay.len() {
            let Some(m) = self.find_at(hay, at) else {
                return;
            };
            f(m);
            // Terms are not empty: the search moves on.
            at = m.end.max(at + 1);
        }
    }

    /// The leftmost-longest match starting at or after `at`.
    fn find_at(&self, hay: &[u8], at: usize) -> Option<TermMatch> {
        let (classes, trans) = (&self.classes, self.trans.as_slice());
        let mut sid = self.start;
        let mut found = None;
        for (end, &b) in (at + 1..).zip(hay.get(at..)?) {
            sid = *trans.get(sid as usize + usize::from(classes[usize::from(b)]))?;
            if sid < self.special_below {
                if sid == 0 {
                    return found;
                }
                let (pattern, len) = *self.matches.get(sid as usize / self.stride)?;
                found = Some(TermMatch {
                    pattern,
                    start: end - len,
                    end,
                });
            }
        }
        found
    }
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
