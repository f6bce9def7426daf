//! A literal automaton as one flat transition table: every occurrence of a
//! set of byte strings (overlapping ones too) in one pass over a text, a
//! step over a byte being two array reads. Each state that ends literals
//! lists them (literal and length) itself.
//!
//! The states and transitions are those of an Aho-Corasick DFA over the
//! literals (standard match semantics, unanchored), renumbered so that the
//! states that end a literal come first: one comparison per byte tells
//! whether literals end there.
//!
//! The field stage indexes a document's words with it, the check stage
//! finds its rule literals with it.
//!
//! ```
//! use dpa_literals::Literals;
//!
//! let literals = Literals::new(&["lek", "datalek"]).expect("builds");
//! let mut hits = Vec::new();
//! literals.for_each_hit(b"een datalek", |hit| hits.push(hit));
//! assert_eq!(hits, [(1, 4, 11), (0, 8, 11)]);
//! ```

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use std::collections::BTreeSet;

/// A literal occurrence: the literal's index, where it starts and ends.
pub type Hit = (usize, usize, usize);

/// Why an automaton could not be built.
#[derive(Debug)]
pub struct BuildError(String);

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "literal automaton: {}", self.0)
    }
}

impl std::error::Error for BuildError {}

/// The automaton over a set of literals; see the crate documentation.
pub struct Literals {
    /// Per byte, its column: the bytes of no literal share one.
    classes: [u8; 256],
    /// Per state and column, the next state. A state is the offset of its
    /// row (its number times the row length).
    next: Vec<u32>,
    /// The row length: the number of columns.
    stride: usize,
    start: u32,
    /// The states below this end one or more literals ...
    match_limit: u32,
    /// ... listed in `ends` at the range `ends_at[state / stride]`.
    ends_at: Vec<(usize, usize)>,
    /// A literal's index and length.
    ends: Vec<(usize, usize)>,
    /// The length of the longest literal.
    max_len: usize,
}

/// A text at least this long is walked in two halves at once (see
/// [`Literals::for_each_hit`]).
const TWO_WALKS_MIN_LEN: usize = 512;

impl Literals {
    /// The automaton of `literals`, literal `i` reported as `i`. It fails
    /// on an empty literal (it would occur everywhere) and when the
    /// automaton outgrows the Aho-Corasick DFA's or the table's limits.
    pub fn new<L: AsRef<[u8]>>(literals: &[L]) -> Result<Self, BuildError> {
        let literals: Vec<&[u8]> = literals.iter().map(AsRef::as_ref).collect();
        if let Some(i) = literals.iter().position(|l| l.is_empty()) {
            return Err(BuildError(format!("literal {i} is empty")));
        }
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(&literals)
            .map_err(|e| BuildError(e.to_string()))?;
        let start = dfa
            .start_state(Anchored::No)
            .map_err(|e| BuildError(e.to_string()))?;
        let (classes, representatives) = byte_classes(&literals);
        let states = states_matches_first(&dfa, start, &representatives);
        let stride = representatives.len();
        let too_big = || BuildError(format!("{} states do not fit u32 offsets", states.len()));
        u32::try_from(states.len() * stride).map_err(|_| too_big())?;
        let row = |sid: StateID| -> u32 {
            let number = states.binary_search_by_key(&sid, |&(s, _)| s);
            // below `states.len() * stride`, checked above
            (number.map_or(0, |k| states[k].1) * stride) as u32
        };
        let mut order: Vec<StateID> = vec![StateID::ZERO; states.len()];
        for &(sid, number) in &states {
            order[number] = sid;
        }
        let mut next = Vec::with_capacity(order.len() * stride);
        let mut ends_at = Vec::new();
        let mut ends = Vec::new();
        for &sid in &order {
            next.extend(
                representatives
                    .iter()
                    .map(|&byte| row(dfa.next_state(Anchored::No, sid, byte))),
            );
            if dfa.is_match(sid) {
                let first = ends.len();
                ends.extend((0..dfa.match_len(sid)).map(|k| {
                    let literal = dfa.match_pattern(sid, k);
                    (literal.as_usize(), dfa.pattern_len(literal))
                }));
                ends_at.push((first, ends.len()));
            }
        }
        Ok(Literals {
            classes,
            next,
            stride,
            start: row(start),
            match_limit: (ends_at.len() * stride) as u32,
            ends_at,
            ends,
            max_len: literals.iter().map(|l| l.len()).max().unwrap_or(0),
        })
    }

    /// Call `on_hit` for every literal occurrence in `text`, in the order of
    /// their ends (at one end, in the order the DFA lists them).
    ///
    /// A long text is walked from its start and from a little before its
    /// middle at once: each step of a walk waits for the table row it
    /// reads, mostly from further than the first-level cache, and two
    /// independent walks wait at the same time. The second walk starts as
    /// many bytes before the middle as the longest literal has: past the
    /// middle it is then in the state the one walk would be in (a state
    /// stands for the longest text ending there that starts a literal),
    /// and it reports the hits that end past the middle.
    pub fn for_each_hit(&self, text: &[u8], mut on_hit: impl FnMut(Hit)) {
        let mid = text.len() / 2;
        if text.len() >= TWO_WALKS_MIN_LEN && mid >= 2 * self.max_len {
            self.walk_halves(text, mid, &mut on_hit);
        } else {
            self.walk_from(text, 0, self.start, &mut on_hit);
        }
    }

    /// The hits of `text` that end after `at`, the walk being in `state`
    /// there.
    fn walk_from(&self, text: &[u8], mut at: usize, mut state: u32, on_hit: &mut impl FnMut(Hit)) {
        while let Some(end) = self.next_match(text, at, &mut state) {
            self.report(state, end, on_hit);
            at = end;
        }
    }

    /// The hits of `text` by two walks at once, one from the start to
    /// `mid`, one from `max_len` bytes before `mid` on (its hits that end
    /// past `mid`, reported after the first walk's).
    fn walk_halves(&self, text: &[u8], mid: usize, on_hit: &mut impl FnMut(Hit)) {
        let from = mid - self.max_len;
        let mut later: Vec<Hit> = Vec::new();
        self.for_each_hit_of_two(&text[..mid], &text[from..], &mut *on_hit, |(l, s, e)| {
            if from + e > mid {
                later.push((l, from + s, from + e));
            }
        });
        later.into_iter().for_each(on_hit);
    }

    /// [`Literals::for_each_hit`] of two texts by two walks at once (see
    /// there): `on_first` gets the hits of `first` in order, `on_second`
    /// those of `second`, the calls of the two interleaved.
    fn for_each_hit_of_two(
        &self,
        first: &[u8],
        second: &[u8],
        mut on_first: impl FnMut(Hit),
        mut on_second: impl FnMut(Hit),
    ) {
        let (mut a, mut b) = (self.start, self.start);
        for (i, (&x, &y)) in first.iter().zip(second).enumerate() {
            a = self.step(a, x);
            b = self.step(b, y);
            if a < self.match_limit {
                self.report(a, i + 1, &mut on_first);
            }
            if b < self.match_limit {
                self.report(b, i + 1, &mut on_second);
            }
        }
        // the longer text's walk goes on alone
        let both = first.len().min(second.len());
        self.walk_from(first, both, a, &mut on_first);
        self.walk_from(second, both, b, &mut on_second);
    }

    /// Report the literals that match state `state` ends at `end`.
    #[inline(always)]
    fn report(&self, state: u32, end: usize, on_hit: &mut impl FnMut(Hit)) {
        for &(literal, len) in self.ends_of(state) {
            on_hit((literal, end - len, end));
        }
    }

    /// Step from `state` over `text[at..]` up to the next state that ends
    /// literals: the offset just after it, or `None` at the end of the text.
    /// (A function of its own: the loop keeps everything in registers.)
    /// The bytes are read four at a time, so the loop's own counting and
    /// test come once per four steps.
    #[inline(never)]
    fn next_match(&self, text: &[u8], at: usize, state: &mut u32) -> Option<usize> {
        let rest = text.get(at..)?;
        let mut current = *state;
        let mut quads = rest.chunks_exact(4);
        for (k, quad) in quads.by_ref().enumerate() {
            for (j, &byte) in quad.iter().enumerate() {
                current = self.step(current, byte);
                if current < self.match_limit {
                    *state = current;
                    return Some(at + 4 * k + j + 1);
                }
            }
        }
        let tail = quads.remainder();
        let found = tail.iter().position(|&byte| {
            current = self.step(current, byte);
            current < self.match_limit
        });
        *state = current;
        found.map(|i| at + rest.len() - tail.len() + i + 1)
    }

    /// The state after `byte` from `state`.
    #[inline(always)]
    fn step(&self, state: u32, byte: u8) -> u32 {
        let column = u32::from(self.classes[usize::from(byte)]);
        self.next[(state + column) as usize]
    }

    /// The literals match state `state` ends.
    fn ends_of(&self, state: u32) -> &[(usize, usize)] {
        let (first, end) = self.ends_at[state as usize / self.stride];
        &self.ends[first..end]
    }
}

/// Per byte its column, and per column a byte of it: each byte of a literal
/// has a column of its own, all other bytes share the last (any automaton
/// over the literals treats them alike).
fn byte_classes(literals: &[&[u8]]) -> ([u8; 256], Vec<u8>) {
    let mut used = [false; 256];
    for &byte in literals.iter().copied().flatten() {
        used[usize::from(byte)] = true;
    }
    let mut representatives: Vec<u8> = (0..=255u8).filter(|&b| used[usize::from(b)]).collect();
    let other = (0..=255u8).find(|&b| !used[usize::from(b)]);
    representatives.extend(other);
    let mut classes = [0u8; 256];
    for (column, &byte) in representatives.iter().enumerate() {
        classes[usize::from(byte)] = column as u8;
    }
    if let Some(other) = other {
        let column = classes[usize::from(other)];
        for byte in (0..=255u8).filter(|&b| !used[usize::from(b)]) {
            classes[usize::from(byte)] = column;
        }
    }
    (classes, representatives)
}

/// How deep the states numbered in breadth-first order go (the start and
/// the states one byte from it: the ones a walk over text is mostly in).
const BREADTH_FIRST_DEPTH: usize = 1;

/// The states reachable from the start, each with its new number, sorted
/// by state. Match states come first; within each group the states near
/// the start come first in breadth-first order, the deeper ones in
/// depth-first order, so that the states a walk passes through while
/// reading one literal lie next to each other in the table.
fn states_matches_first(
    dfa: &DFA,
    start: StateID,
    representatives: &[u8],
) -> Vec<(StateID, usize)> {
    let tree = discovery_tree(dfa, start, representatives);
    let mut found: Vec<StateID> = tree
        .iter()
        .filter(|node| node.depth <= BREADTH_FIRST_DEPTH)
        .map(|node| node.state)
        .collect();
    depth_first(&tree, &mut found);
    // Stable: each group keeps the order above.
    found.sort_by_key(|&sid| !dfa.is_match(sid));
    let mut numbered: Vec<(StateID, usize)> = found.into_iter().zip(0..).collect();
    numbered.sort_unstable();
    numbered
}

/// A state as a breadth-first search from the start first reached it.
struct Node {
    state: StateID,
    depth: usize,
    /// The nodes first reached from this one, in order.
    children: Vec<usize>,
}

/// The states reachable from the start in breadth-first order, each with
/// the states first reached from it.
fn discovery_tree(dfa: &DFA, start: StateID, representatives: &[u8]) -> Vec<Node> {
    let node = |state, depth| Node {
        state,
        depth,
        children: Vec::new(),
    };
    let mut seen = BTreeSet::from([start]);
    let mut tree = vec![node(start, 0)];
    let mut next = 0;
    while next < tree.len() {
        for &byte in representatives {
            let to = dfa.next_state(Anchored::No, tree[next].state, byte);
            if seen.insert(to) {
                tree.push(node(to, tree[next].depth + 1));
                let child = tree.len() - 1;
                tree[next].children.push(child);
            }
        }
        next += 1;
    }
    tree
}

/// Append the states below [`BREADTH_FIRST_DEPTH`] in depth-first order
/// (children in the order first reached).
fn depth_first(tree: &[Node], out: &mut Vec<StateID>) {
    let mut stack: Vec<usize> = tree
        .iter()
        .enumerate()
        .filter(|(_, node)| node.depth == BREADTH_FIRST_DEPTH)
        .flat_map(|(_, node)| node.children.iter().copied())
        .collect();
    stack.reverse();
    while let Some(i) = stack.pop() {
        out.push(tree[i].state);
        stack.extend(tree[i].children.iter().rev());
    }
}

/// Helpers for the tests of this crate and of its users (feature
/// `testing`).
#[cfg(any(test, feature = "testing"))]
pub mod testing {
    use super::{Hit, Literals, MatchKind};

    /// Asserts that [`Literals`] finds in `text` every occurrence of the
    /// literals that an overlapping Aho-Corasick search finds, in order of ends.
    pub fn assert_finds_all(literals: &[Vec<u8>], text: &[u8]) {
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(literals)
            .expect("builds");
        let mut want: Vec<Hit> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        let mut hits = Vec::new();
        Literals::new(literals)
            .expect("literal automaton builds")
            .for_each_hit(text, |hit| hits.push(hit));
        assert!(
            hits.windows(2).all(|w| w[0].2 <= w[1].2),
            "in order of ends"
        );
        hits.sort_unstable();
        want.sort_unstable();
        assert_eq!(hits, want, "{:?}", String::from_utf8_lossy(text));
    }

    /// `count` texts of up to 96 bytes of `alphabet`, from a fixed seed.
    pub fn generated_texts(alphabet: &[u8], count: usize) -> Vec<Vec<u8>> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            // xorshift64
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..count)
            .map(|n| {
                (0..n % 97)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{assert_finds_all, generated_texts};
    use super::*;

    /// Every reachable state gets one number; match states come first,
    /// then the start; a literal's deeper states follow each other.
    #[test]
    fn states_are_numbered_once_match_states_first() {
        let words: [&[u8]; 4] = [b"verwerker", b"verwerking", b"lek", b"datalek"];
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(words)
            .expect("builds");
        let start = dfa.start_state(Anchored::No).expect("unanchored start");
        let (_, representatives) = byte_classes(&words);
        let numbered = states_matches_first(&dfa, start, &representatives);
        let mut numbers: Vec<usize> = numbered.iter().map(|&(_, n)| n).collect();
        numbers.sort_unstable();
        assert_eq!(numbers, (0..numbered.len()).collect::<Vec<_>>());
        let number_of = |sid| numbered[numbered.binary_search_by_key(&sid, |&(s, _)| s).unwrap()].1;
        let matches = numbered.iter().filter(|&&(s, _)| dfa.is_match(s)).count();
        assert!(numbered
            .iter()
            .all(|&(s, n)| dfa.is_match(s) == (n < matches)));
        assert_eq!(
            number_of(start),
            matches,
            "the start leads the other states"
        );
        // `verwer` → `verwerk`: the path of one literal, numbered in a row
        let walk = |text: &[u8]| {
            text.iter()
                .fold(start, |s, &b| dfa.next_state(Anchored::No, s, b))
        };
        assert_eq!(number_of(walk(b"verwerk")), number_of(walk(b"verwer")) + 1);
    }

    /// Overlapping literals (`verwerk` in `verwerker`, `erk` in both, a
    /// one-byte one, a non-ASCII one) and `more`.
    fn literals_with(more: &[&str]) -> Vec<Vec<u8>> {
        let words = ["de", "verwerk", "verwerker", "erk", "ë", "r", "ee"];
        words
            .iter()
            .chain(more)
            .map(|w| w.as_bytes().to_vec())
            .collect()
    }

    #[test]
    fn finds_what_an_overlapping_search_finds() {
        let literals = literals_with(&["sub-", "wis"]);
        for text in generated_texts("derkvwëis- ub.\u{e9}".as_bytes(), 400) {
            assert_finds_all(&literals, &text);
        }
        assert_finds_all(
            &literals,
            b"de sub-verwerker verwerkt, wist en deed een verwerking",
        );
        assert_finds_all(&literals, b"");
    }

    /// Texts long enough for two walks: the hits near the middle (a
    /// literal across it at every offset) are found once, in order.
    #[test]
    fn long_texts_walked_in_two_halves_find_every_hit() {
        let literals = literals_with(&["sub-verwerkersovereenkomst", "overeenkomst"]);
        let longest = literals.iter().map(Vec::len).max().unwrap();
        let joined = generated_texts("derkvwëis- ub.onmt".as_bytes(), 300).concat();
        assert!(joined.len() > 4 * TWO_WALKS_MIN_LEN);
        for len in [
            TWO_WALKS_MIN_LEN - 1,
            TWO_WALKS_MIN_LEN,
            TWO_WALKS_MIN_LEN + 1,
            3 * TWO_WALKS_MIN_LEN + 7,
            joined.len(),
        ] {
            assert_finds_all(&literals, &joined[..len]);
        }
        let phrase = b"sub-verwerkersovereenkomst";
        let len = 2 * TWO_WALKS_MIN_LEN;
        for offset in 0..=phrase.len() + longest {
            let mut text = vec![b'x'; len];
            let at = len / 2 + longest - offset;
            text[at..at + phrase.len()].copy_from_slice(phrase);
            assert_finds_all(&literals, &text);
        }
    }

    /// Two texts walked at once get the hits each gets alone.
    #[test]
    fn two_texts_at_once_get_their_own_hits() {
        let words = ["de", "verwerk", "verwerker", "erk", "ë", "ee", "sub-"];
        let literals = Literals::new(&words).expect("builds");
        let alone = |text: &[u8]| {
            let mut hits = Vec::new();
            literals.for_each_hit(text, |hit| hits.push(hit));
            hits
        };
        let texts = generated_texts("derkvwëis- ub.".as_bytes(), 60);
        for pair in texts.windows(2) {
            let (mut first, mut second) = (Vec::new(), Vec::new());
            literals.for_each_hit_of_two(
                &pair[0],
                &pair[1],
                |hit| first.push(hit),
                |hit| second.push(hit),
            );
            assert_eq!(first, alone(&pair[0]));
            assert_eq!(second, alone(&pair[1]));
        }
    }

    #[test]
    fn every_byte_a_literal_leaves_no_shared_column() {
        let literals: Vec<Vec<u8>> = (0..=255u8).map(|b| vec![b]).collect();
        let refs: Vec<&[u8]> = literals.iter().map(Vec::as_slice).collect();
        let (classes, representatives) = byte_classes(&refs);
        assert_eq!(representatives.len(), 256);
        assert!((0..=255u8).all(|b| classes[usize::from(b)] == b));
        let text: Vec<u8> = (0..=255u8).rev().collect();
        assert_finds_all(&literals, &text);
    }

    #[test]
    fn an_empty_literal_is_an_error() {
        let err = Literals::new(&["de", ""])
            .err()
            .expect("an empty literal fails");
        assert_eq!(err.to_string(), "literal automaton: literal 1 is empty");
    }
}
