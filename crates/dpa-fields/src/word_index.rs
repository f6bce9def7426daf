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
pub(crate) struct DocWords {
    hits: Vec<WordHits>,
}

impl DocWords {
    /// One overlapping search of the lower-cased document for every word.
    pub(crate) fn find(lower: &str, union: &Union) -> Self {
        let mut per_list: Vec<Vec<(usize, usize)>> = vec![Vec::new(); union.lists];
        union.for_each_hit(lower, |pattern, hit| {
            for &id in &union.owners[pattern] {
                per_list[id as usize].push(hit);
            }
        });
        DocWords {
            hits: per_list.into_iter().map(WordHits::from_hits).collect(),
        }
    }

    /// Whether a word of list `id` lies wholly inside `range`; `None` for
    /// a list registered after the union was built.
    pub(crate) fn any_within(&self, id: usize, range: Range<usize>) -> Option<bool> {
        self.hits.get(id).map(|h| h.any_within(range))
    }

    /// [`WordHits::first_within`] for list `id`; `None` for a list
    /// registered after the union was built.
    pub(crate) fn first_within(&self, id: usize, range: Range<usize>) -> Option<Option<usize>> {
        self.hits.get(id).map(|h| h.first_within(range))
    }

    /// [`WordHits::starts_within`] for list `id`; `None` for a list
    /// registered after the union was built.
    pub(crate) fn starts_within(&self, id: usize, range: Range<usize>) -> Option<&[usize]> {
        self.hits.get(id).map(|h| h.starts_within(range))
    }
}

/// Occurrences of a list's words in a text, sorted by start.
pub(crate) struct WordHits {
    starts: Vec<usize>,
    /// `min_end[i]`: the smallest end of the occurrences `i..` (one more
    /// entry than `starts`, `usize::MAX` at the end).
    min_end: Vec<usize>,
}

impl WordHits {
    /// Every occurrence of `matcher`'s words in `lower`.
    pub(crate) fn find(lower: &str, matcher: &AhoCorasick) -> Self {
        let hits = matcher
            .find_overlapping_iter(lower)
            .map(|m| (m.start(), m.end()))
            .collect();
        Self::from_hits(hits)
    }

    fn from_hits(mut hits: Vec<(usize, usize)>) -> Self {
        hits.sort_unstable();
        let mut min_end = vec![usize::MAX; hits.len() + 1];
        for (i, h) in hits.iter().enumerate().rev() {
            min_end[i] = min_end[i + 1].min(h.1);
        }
        WordHits {
            starts: hits.iter().map(|h| h.0).collect(),
            min_end,
        }
    }

    /// `None` when no occurrence lies wholly inside `range`, else a lower
    /// bound of where the first such occurrence starts (the first start in
    /// the range).
    pub(crate) fn first_within(&self, range: Range<usize>) -> Option<usize> {
        let i = self.starts.partition_point(|&s| s < range.start);
        (self.min_end[i] <= range.end).then(|| self.starts[i])
    }

    /// The starts of the occurrences that start inside `range`, ascending
    /// (an occurrence may end past the range).
    pub(crate) fn starts_within(&self, range: Range<usize>) -> &[usize] {
        let from = self.starts.partition_point(|&s| s < range.start);
        let len = self.starts[from..].partition_point(|&s| s < range.end);
        &self.starts[from..from + len]
    }

    /// True when an occurrence lies wholly inside `range`.
    pub(crate) fn any_within(&self, range: Range<usize>) -> bool {
        let i = self.starts.partition_point(|&s| s < range.start);
        self.min_end[i] <= range.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static A: Words = Words::new(&["datalek", "lek", "melding"]);
    static B: Words = Words::new(&["lek", "verwerker"]);

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
