//! Static word lists ([`Words`]) and the index of where their words occur
//! in a document.
//!
//! Every list registers itself the first time it is searched. From the next
//! document on, one Aho-Corasick automaton over the words of every
//! registered list ([`Union`]) finds all their occurrences in one pass over
//! the lower-cased document, and "does this sentence hold a word of the
//! list" becomes a binary search ([`DocWords::any_within`]) instead of a
//! search of the sentence per list.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use dpa_literals::Literals;
use std::cell::Cell;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// A static list of lower-case words with one Aho-Corasick automaton over
/// them, built on first use: `has_any` searches a text once for all.
pub struct Words {
    list: &'static [&'static str],
    matcher: OnceLock<AhoCorasick>,
    /// The list's place in [`REGISTRY`], given on its first search.
    id: OnceLock<usize>,
}

impl Words {
    pub const fn new(list: &'static [&'static str]) -> Self {
        Words {
            list,
            matcher: OnceLock::new(),
            id: OnceLock::new(),
        }
    }

    pub(crate) fn matcher(&self) -> &AhoCorasick {
        // a plain DFA: the texts searched are mostly single sentences, too
        // short for a prefilter to pay off
        self.matcher.get_or_init(|| {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .prefilter(false)
                .build(self.list)
                .expect("a word list fits an Aho-Corasick automaton")
        })
    }

    /// The list's registry id (registering it on first call).
    pub(crate) fn id(&'static self) -> usize {
        *self.id.get_or_init(|| register(self))
    }
}

impl std::ops::Deref for Words {
    type Target = [&'static str];

    fn deref(&self) -> &Self::Target {
        self.list
    }
}

/// Every list searched so far in this process, by id.
static REGISTRY: Mutex<Vec<&'static Words>> = Mutex::new(Vec::new());

/// The automaton over the registered lists, rebuilt when lists were added.
static UNION: Mutex<Option<Arc<Union>>> = Mutex::new(None);

fn register(words: &'static Words) -> usize {
    let mut registry = REGISTRY.lock().unwrap_or_else(PoisonError::into_inner);
    registry.push(words);
    registry.len() - 1
}

/// One automaton over the distinct words of the lists `0..lists`.
pub(crate) struct Union {
    lists: usize,
    /// The flat-table automaton over the words: every occurrence of every
    /// word in one pass, two array reads per byte.
    matcher: Literals,
    /// Per pattern of `matcher`: the ids of the lists holding that word.
    owners: Vec<Vec<u32>>,
}

impl Union {
    fn build(lists: &[&'static Words]) -> Option<Self> {
        let mut words: Vec<&'static str> = Vec::new();
        let mut owners: Vec<Vec<u32>> = Vec::new();
        let mut pattern_of = std::collections::HashMap::new();
        for (id, list) in lists.iter().enumerate() {
            for &w in list.list {
                let p = *pattern_of.entry(w).or_insert_with(|| {
                    words.push(w);
                    owners.push(Vec::new());
                    words.len() - 1
                });
                if owners[p].last() != Some(&(id as u32)) {
                    owners[p].push(id as u32);
                }
            }
        }
        let matcher = Literals::new(&words).ok()?;
        Some(Union {
            lists: lists.len(),
            matcher,
            owners,
        })
    }

    /// Every occurrence of every word in `text` (overlapping ones too), as
    /// its pattern and byte range, in the order of their ends.
    fn for_each_hit(&self, text: &str, mut f: impl FnMut(usize, (usize, usize))) {
        self.matcher
            .for_each_hit(text.as_bytes(), |(word, start, end)| f(word, (start, end)));
    }

    /// The automaton over every list registered so far (built anew only
    /// when lists were registered since the last call).
    pub(crate) fn current() -> Option<Arc<Union>> {
        let registry = REGISTRY.lock().unwrap_or_else(PoisonError::into_inner);
        let mut union = UNION.lock().unwrap_or_else(PoisonError::into_inner);
        let stale = union.as_ref().map_or(true, |u| u.lists < registry.len());
        if stale && !registry.is_empty() {
            *union = Union::build(&registry).map(Arc::new);
        }
        union.clone()
    }
}

/// Where the words of every list of a [`Union`] occur in one document.
/// The lists' occurrences share two arrays (list `id` owns the part
/// `bounds[id]..bounds[id + 1]`): one allocation for all lists instead of
/// two per list.
pub(crate) struct DocWords {
    /// Per list, its occurrences' starts, ascending.
    starts: Vec<usize>,
    /// Per list, `min_end[i]`: the smallest end of its occurrences `i..`.
    min_end: Vec<usize>,
    /// Where each list's part starts (`lists + 1` offsets).
    bounds: Vec<usize>,
    /// Per list, the cursor of [`Hits::first_at_or_after`].
    cursors: Vec<Cell<usize>>,
}

/// About how many bytes of a text there are per occurrence of the
/// union's words (for a first guess of the occurrences' array size).
const BYTES_PER_HIT: usize = 4;

impl DocWords {
    /// One overlapping search of the lower-cased document for every word.
    /// The occurrences are gathered in one array and grouped by list
    /// (a vector per list grown hit by hit would allocate again and again).
    pub(crate) fn find(lower: &str, union: &Union) -> Self {
        let mut found: Vec<(u32, (usize, usize))> = Vec::with_capacity(lower.len() / BYTES_PER_HIT);
        union.for_each_hit(lower, |pattern, hit| {
            found.extend(union.owners[pattern].iter().map(|&id| (id, hit)));
        });
        let bounds = list_bounds(&found, union.lists);
        let mut grouped = group_by_list(found, &bounds);
        for list in bounds.windows(2) {
            grouped[list[0]..list[1]].sort_unstable();
        }
        let starts = grouped.iter().map(|h| h.0).collect();
        let mut min_end: Vec<usize> = grouped.iter().map(|h| h.1).collect();
        for list in bounds.windows(2) {
            suffix_minima(&mut min_end[list[0]..list[1]]);
        }
        DocWords {
            starts,
            min_end,
            cursors: vec![Cell::new(0); union.lists],
            bounds,
        }
    }

    /// The occurrences of list `id`; `None` for a list registered after
    /// the union was built.
    fn list(&self, id: usize) -> Option<Hits<'_>> {
        let cursor = self.cursors.get(id)?;
        let part = self.bounds[id]..self.bounds[id + 1];
        Some(Hits {
            starts: &self.starts[part.clone()],
            min_end: &self.min_end[part],
            cursor,
        })
    }

    /// Whether a word of list `id` lies wholly inside `range`; `None` for
    /// a list registered after the union was built.
    pub(crate) fn any_within(&self, id: usize, range: Range<usize>) -> Option<bool> {
        self.list(id).map(|h| h.any_within(range))
    }

    /// [`Hits::first_within`] for list `id`; `None` for a list registered
    /// after the union was built.
    pub(crate) fn first_within(&self, id: usize, range: Range<usize>) -> Option<Option<usize>> {
        self.list(id).map(|h| h.first_within(range))
    }

    /// [`Hits::starts_within`] for list `id`; `None` for a list registered
    /// after the union was built.
    pub(crate) fn starts_within(&self, id: usize, range: Range<usize>) -> Option<&[usize]> {
        self.list(id).map(|h| h.starts_within(range))
    }
}

/// Where each list's occurrences start in the grouped array (`lists + 1`
/// offsets: the counts of the lists before, summed).
fn list_bounds(found: &[(u32, (usize, usize))], lists: usize) -> Vec<usize> {
    let mut bounds = vec![0; lists + 1];
    for &(id, _) in found {
        bounds[id as usize + 1] += 1;
    }
    for i in 1..bounds.len() {
        bounds[i] += bounds[i - 1];
    }
    bounds
}

/// The occurrences grouped by list, in the order found within a list (a
/// counting sort by the list offsets `bounds`).
fn group_by_list(found: Vec<(u32, (usize, usize))>, bounds: &[usize]) -> Vec<(usize, usize)> {
    let mut grouped = vec![(0, 0); found.len()];
    let mut next = bounds.to_vec();
    for (id, hit) in found {
        let at = &mut next[id as usize];
        grouped[*at] = hit;
        *at += 1;
    }
    grouped
}

/// Each end replaced by the smallest of it and the ends after it.
fn suffix_minima(ends: &mut [usize]) {
    let mut min = usize::MAX;
    for end in ends.iter_mut().rev() {
        min = min.min(*end);
        *end = min;
    }
}

/// Occurrences of one list's words in a text, sorted by start (a list
/// searched on its own, outside the union).
pub(crate) struct WordHits {
    starts: Vec<usize>,
    min_end: Vec<usize>,
    cursor: Cell<usize>,
}

impl WordHits {
    /// Every occurrence of `matcher`'s words in `lower`.
    pub(crate) fn find(lower: &str, matcher: &AhoCorasick) -> Self {
        let mut hits: Vec<(usize, usize)> = matcher
            .find_overlapping_iter(lower)
            .map(|m| (m.start(), m.end()))
            .collect();
        hits.sort_unstable();
        let mut min_end: Vec<usize> = hits.iter().map(|h| h.1).collect();
        suffix_minima(&mut min_end);
        WordHits {
            starts: hits.iter().map(|h| h.0).collect(),
            min_end,
            cursor: Cell::new(0),
        }
    }

    fn hits(&self) -> Hits<'_> {
        Hits {
            starts: &self.starts,
            min_end: &self.min_end,
            cursor: &self.cursor,
        }
    }

    /// [`Hits::any_within`].
    pub(crate) fn any_within(&self, range: Range<usize>) -> bool {
        self.hits().any_within(range)
    }
}

/// A list's occurrences, sorted by start, and the queries on them.
struct Hits<'a> {
    starts: &'a [usize],
    /// `min_end[i]`: the smallest end of the occurrences `i..`.
    min_end: &'a [usize],
    /// The last answer of [`Hits::first_at_or_after`]: the extractors
    /// ask about a text's sentences in order, so the next answer is mostly
    /// the same index or the next one, checked in a few instructions
    /// before a binary search.
    cursor: &'a Cell<usize>,
}

impl<'a> Hits<'a> {
    /// The index of the first occurrence that starts at or after `pos`
    /// (`starts.partition_point(|&s| s < pos)`).
    #[inline]
    fn first_at_or_after(&self, pos: usize) -> usize {
        let cursor = self.cursor.get();
        let i = if self.is_first_at_or_after(cursor, pos) {
            cursor
        } else if self.is_first_at_or_after(cursor + 1, pos) {
            cursor + 1
        } else {
            self.starts.partition_point(|&s| s < pos)
        };
        self.cursor.set(i);
        i
    }

    /// Whether `i` is the index of the first occurrence that starts at or
    /// after `pos` (or the end of `starts`, when none does).
    #[inline]
    fn is_first_at_or_after(&self, i: usize, pos: usize) -> bool {
        let starts = self.starts;
        i <= starts.len()
            && (i == 0 || starts[i - 1] < pos)
            && starts.get(i).map_or(true, |&s| s >= pos)
    }

    /// Whether the occurrences from index `i` on hold one that ends by `end`.
    #[inline]
    fn ends_by(&self, i: usize, end: usize) -> bool {
        self.min_end.get(i).is_some_and(|&e| e <= end)
    }

    /// `None` when no occurrence lies wholly inside `range`, else a lower
    /// bound of where the first such occurrence starts (the first start in
    /// the range).
    fn first_within(&self, range: Range<usize>) -> Option<usize> {
        let i = self.first_at_or_after(range.start);
        self.ends_by(i, range.end).then(|| self.starts[i])
    }

    /// The starts of the occurrences that start inside `range`, ascending
    /// (an occurrence may end past the range).
    fn starts_within(&self, range: Range<usize>) -> &'a [usize] {
        let from = self.first_at_or_after(range.start);
        let len = self.starts[from..].partition_point(|&s| s < range.end);
        &self.starts[from..from + len]
    }

    /// True when an occurrence lies wholly inside `range`.
    fn any_within(&self, range: Range<usize>) -> bool {
        let i = self.first_at_or_after(range.start);
        self.ends_by(i, range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static A: Words = Words::new(&["datalek", "lek", "melding"]);
    static B: Words = Words::new(&["lek", "verwerker"]);

    /// Every (overlapping) occurrence of a word of `list` in `text`, sorted.
    fn occurrences(text: &str, list: &Words) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for w in list.iter() {
            // the test's words never overlap themselves
            out.extend(text.match_indices(w).map(|(i, _)| (i, i + w.len())));
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn union_hits_match_a_direct_search_per_list() {
        let (a, b) = (A.id(), B.id());
        let union = Union::current().expect("lists registered");
        let text = "de verwerker meldt een datalek; melding van het lek volgt.";
        let index = DocWords::find(text, &union);
        for start in 0..=text.len() {
            for end in start..=text.len() {
                let hay = &text[start..end];
                for (id, list) in [(a, &A), (b, &B)] {
                    let direct = list.iter().any(|w| hay.contains(w));
                    assert_eq!(index.any_within(id, start..end), Some(direct), "{hay:?}");
                    let occurrences = occurrences(text, list);
                    let starts: Vec<usize> = occurrences
                        .iter()
                        .map(|o| o.0)
                        .filter(|s| (start..end).contains(s))
                        .collect();
                    let starts_inside = index.starts_within(id, start..end);
                    assert_eq!(starts_inside, Some(&starts[..]), "{hay:?}");
                    let first = occurrences.iter().map(|o| o.0).find(|&s| s >= start);
                    let first = first.filter(|_| direct);
                    assert_eq!(index.first_within(id, start..end), Some(first), "{hay:?}");
                }
            }
        }
    }

    #[test]
    fn the_dfa_walk_finds_what_the_overlapping_search_finds() {
        static WORDS: &[&str] = &[
            "de",
            "ver",
            "verwerk",
            "verwerker",
            "werk",
            "erker",
            "é",
            "ë",
            "r ",
        ];
        static LIST: Words = Words::new(WORDS);
        let union = Union::build(&[&LIST]).expect("union builds");
        let reference = AhoCorasick::builder().build(WORDS).unwrap();
        let fixture = crate::test_fixtures::raw("lucidon-verwerkersovereenkomst.txt");
        let texts = [
            "de verwerker verwerkt; verwerkersovereenkomst één ëé r r".to_string(),
            fixture.to_lowercase(),
        ];
        for text in &texts {
            let mut walked = Vec::new();
            union.for_each_hit(text, |p, hit| walked.push((hit, p)));
            let mut expected: Vec<_> = reference
                .find_overlapping_iter(text.as_str())
                .map(|m| ((m.start(), m.end()), m.pattern().as_usize()))
                .collect();
            walked.sort_unstable();
            expected.sort_unstable();
            assert!(!expected.is_empty());
            assert_eq!(walked, expected);
        }
    }

    /// The cursor's answers are the binary search's, for queries in text
    /// order (as the extractors ask), backwards and at random.
    #[test]
    fn cursor_answers_as_a_binary_search() {
        let fixture = crate::test_fixtures::raw("lucrasoft-data-pro-statement.txt").to_lowercase();
        let text = fixture + " de verwerker verwerkt; de betrokkene en de klant.";
        let matcher = AhoCorasick::new(["de", "verwerk", "klant", "betrokkene"]).unwrap();
        let hits = WordHits::find(&text, &matcher);
        assert!(hits.starts.len() > 100);
        let len = text.len();
        let forward = (0..len).step_by(37).map(|s| s..(s + 60).min(len));
        let backward = (0..len).rev().step_by(53).map(|s| s..(s + 25).min(len));
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let random = std::iter::repeat_with(move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let s = (seed % (len as u64 + 1)) as usize;
            s..(s + (seed >> 40) as usize % 200).min(len)
        });
        let queries: Vec<Range<usize>> = forward.chain(backward).chain(random.take(5000)).collect();
        for r in queries {
            let i = hits.starts.partition_point(|&s| s < r.start);
            let ends_inside = hits.min_end[i..].iter().any(|&e| e <= r.end);
            assert_eq!(hits.hits().any_within(r.clone()), ends_inside, "{r:?}");
            let first = ends_inside.then(|| hits.starts[i]);
            assert_eq!(hits.hits().first_within(r.clone()), first, "{r:?}");
            let n = hits.starts[i..].partition_point(|&s| s < r.end);
            assert_eq!(
                hits.hits().starts_within(r.clone()),
                &hits.starts[i..i + n],
                "{r:?}"
            );
        }
    }

    #[test]
    fn a_list_registered_later_is_not_in_an_older_union() {
        static LATE: Words = Words::new(&["later"]);
        let union = Union::current();
        let index = union.as_ref().map(|u| DocWords::find("later", u));
        let id = LATE.id();
        if let Some(index) = index {
            assert_eq!(index.any_within(id, 0..5), None);
        }
        let index = DocWords::find("later", &Union::current().expect("registered"));
        assert_eq!(index.any_within(id, 0..5), Some(true));
    }
}
