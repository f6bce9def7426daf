//! Shared text scanning for the extractors: paragraphs, sentences, list
//! items, tables (tab- or pipe-separated) and topic regions (from clause
//! kinds when the segmenter gives them, else from heading lines).

use crate::pattern::Pattern;
pub use crate::word_index::Words;
use crate::word_index::{DocWords, Union, WordHits};
use crate::Ctx;
use dpa_model::{is_ascii_whitespace_byte, Clause, ClauseKind};
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::BTreeMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::{Arc, LazyLock};

/// Abbreviations after which a dot does not end a sentence (lower case,
/// without the final dot).
const ABBREVIATIONS: &[&str] = &[
    "o.a", "b.v", "n.v", "bijv", "bv", "i.e", "e.g", "nr", "art", "t.b.v", "d.m.v", "c.q", "m.b.t",
    "incl", "ca", "z.s.m", "vs", "inc", "ltd", "corp", "mr", "dr", "jo", "etc", "t/m", "resp",
    "evt", "m.u.v", "i.v.m", "n.v.t",
];

static LIST_MARKER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"^\s*(?:[•·▪◦●○■□➢►✓*]|[-–—](?:\s+[a-zA-Z0-9]{1,3}[.)])?|\(?[a-z]\)|[a-z]\.|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)|\d{1,2}[.)])\s+",
    )
});

static STRONG_HEADING: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"^(?:(?i:artikel|art\.|bijlage|annex|appendix|deel|part|hoofdstuk)(?-u:\b)[^\n]{0,80}|\d{1,2}(?:\.\d{1,2})*\.?\s+\S[^\n]{0,70})$",
    )
});

static CLAUSE_START: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.)\s"));

/// Scans of the document being extracted, computed once per document:
/// every extractor asks for the same lines, paragraphs, sentences, tables
/// and sections of the full text.
#[derive(Default)]
struct DocCache {
    /// Address and length of the text the cache is for.
    key: (usize, usize),
    /// Every line of the text (the scans below are made of them).
    lines: OnceCell<Vec<Range<usize>>>,
    paragraphs: OnceCell<Paragraphs>,
    sentences: OnceCell<Sentences>,
    tables: OnceCell<Vec<Table>>,
    sections: OnceCell<Vec<Section>>,
    /// The index of the paragraph [`paragraph_sentences`] was last asked
    /// for (callers walk the paragraphs in order).
    last_paragraph: Cell<usize>,
    /// The text lower-cased char by char, when that keeps every byte offset.
    lower: OnceCell<Option<String>>,
    /// The automaton over every word list registered before this document.
    union: Option<Arc<Union>>,
    /// Where the words of the union's lists occur in the text.
    union_hits: OnceCell<Option<DocWords>>,
    /// Per word list (by address) outside the union: what [`has_any`]
    /// knows of it.
    word_index: RefCell<BTreeMap<usize, WordIndex>>,
}

/// The paragraphs of a text and the lines each is made of.
struct Paragraphs {
    ranges: Vec<Range<usize>>,
    /// Per paragraph: the indices of its lines among the text's lines.
    lines: Vec<Range<usize>>,
}

/// Every sentence of a text, paragraph by paragraph.
struct Sentences {
    all: Vec<Range<usize>>,
    /// Per paragraph: the indices of its sentences in `all`.
    of_paragraph: Vec<Range<usize>>,
}

impl DocCache {
    /// A cache of `text` without its lower-cased copy and word index (for a
    /// text that is not the document being extracted).
    fn of_text(text: &str) -> Self {
        DocCache {
            key: (text.as_ptr() as usize, text.len()),
            ..DocCache::default()
        }
    }

    /// The lines of `text` (the cached text).
    fn lines(&self, text: &str) -> &[Range<usize>] {
        self.lines.get_or_init(|| {
            let mut out = Vec::with_capacity(text.len() / 32);
            lines_into(text, 0..text.len(), &mut out);
            out
        })
    }

    fn paragraphs(&self, text: &str) -> &Paragraphs {
        self.paragraphs
            .get_or_init(|| paragraphs_of_lines(text, self.lines(text)))
    }

    fn sentences(&self, text: &str) -> &Sentences {
        self.sentences.get_or_init(|| {
            let (paragraphs, lines) = (self.paragraphs(text), self.lines(text));
            let mut splitter = Splitter::default();
            let mut all = Vec::with_capacity(paragraphs.ranges.len() * 2);
            let mut of_paragraph = Vec::with_capacity(paragraphs.ranges.len());
            for (p, ls) in paragraphs.ranges.iter().zip(&paragraphs.lines) {
                let from = all.len();
                splitter.split_lines(text, p.clone(), &lines[ls.clone()], &mut all);
                of_paragraph.push(from..all.len());
            }
            Sentences { all, of_paragraph }
        })
    }

    fn tables(&self, text: &str) -> &[Table] {
        self.tables
            .get_or_init(|| tables_of_lines(text, self.lines(text)))
    }

    fn sections(&self, text: &str) -> &[Section] {
        self.sections.get_or_init(|| {
            let (paragraphs, lines) = (self.paragraphs(text), self.lines(text));
            let last_lines = paragraphs
                .lines
                .iter()
                .filter_map(|ls| lines.get(ls.end.checked_sub(1)?));
            sections_of_last_lines(text, last_lines)
        })
    }

    /// The index of paragraph `p` among the paragraphs, if it is one.
    fn paragraph_index(&self, text: &str, p: &Range<usize>) -> Option<usize> {
        let ranges = &self.paragraphs(text).ranges;
        let next = self.last_paragraph.get().wrapping_add(1);
        let i = if ranges.get(next) == Some(p) {
            next
        } else {
            ranges.binary_search_by_key(&p.start, |q| q.start).ok()?
        };
        (ranges[i] == *p).then(|| {
            self.last_paragraph.set(i);
            i
        })
    }

    /// The lower-cased copy of `hay`, when `hay` is a part of the cached
    /// text and the text has a same-length lower-cased copy.
    fn lower_of(&self, hay: &str) -> Option<&str> {
        let at = self.offset_of(hay)?;
        self.lower.get()?.as_deref()?.get(at..at + hay.len())
    }

    /// Byte offset of `hay` in the cached text, when it is a part of it.
    #[inline]
    fn offset_of(&self, hay: &str) -> Option<usize> {
        let (base, len) = self.key;
        let at = (hay.as_ptr() as usize).wrapping_sub(base);
        (at <= len && hay.len() <= len - at).then_some(at)
    }

    /// [`has_any`] for a part of the cached text whose list the union does
    /// not know: searched directly until the searches of `words` add up to
    /// the text's length, then from an index of every occurrence of the
    /// words in the text (so a list is never searched for more than about
    /// twice the text's length).
    fn has_any_outside_union(&self, hay: &str, words: &'static Words) -> Option<bool> {
        let lower = self.lower.get()?.as_deref()?;
        let at = self.offset_of(hay)?;
        let part = at..at + hay.len();
        let mut index = self.word_index.borrow_mut();
        let state = index
            .entry(words as *const Words as usize)
            .or_insert(WordIndex::Searched(0));
        if let WordIndex::Searched(n) = state {
            if *n + hay.len() <= lower.len() {
                *n += hay.len();
                return Some(words.matcher().is_match(lower.get(part)?));
            }
            *state = WordIndex::Built(WordHits::find(lower, words.matcher()));
        }
        match state {
            WordIndex::Built(hits) => Some(hits.any_within(part)),
            WordIndex::Searched(_) => None,
        }
    }
}

impl DocCache {
    /// The occurrences of the union's words in the text (found on first
    /// use); `None` without a union or a same-length lower-cased text.
    #[inline]
    fn union_index(&self) -> Option<&DocWords> {
        match self.union_hits.get() {
            Some(hits) => hits.as_ref(),
            None => self.find_union_hits(),
        }
    }

    #[cold]
    fn find_union_hits(&self) -> Option<&DocWords> {
        self.union_hits
            .get_or_init(|| {
                let lower = self.lower.get()?.as_deref()?;
                Some(DocWords::find(lower, self.union.as_deref()?))
            })
            .as_ref()
    }

    /// [`has_any`] from the union's occurrences: `None` when `hay` is no
    /// part of the text, or `words` was first searched after the union was
    /// built.
    #[inline]
    fn union_has_any(&self, hay: &str, words: &'static Words) -> Option<bool> {
        // registers the list on its first search, for the next union
        let id = words.id();
        let at = self.offset_of(hay)?;
        self.union_index()?.any_within(id, at..at + hay.len())
    }

    /// [`first_possible`] from the union's occurrences, as an offset into
    /// `hay`; `None` when the union does not know.
    fn union_first_within(&self, hay: &str, words: &'static Words) -> Option<Option<usize>> {
        let id = words.id();
        let at = self.offset_of(hay)?;
        self.union_index()?
            .first_within(id, at..at + hay.len())
            .map(|first| first.map(|s| s - at))
    }
}

/// What the document cache knows of one word list.
enum WordIndex {
    /// How many bytes of the text have been searched for the words.
    Searched(usize),
    /// Every occurrence of the words in the text.
    Built(WordHits),
}

thread_local! {
    static DOC_CACHE: RefCell<Option<Rc<DocCache>>> = const { RefCell::new(None) };
}

/// Cache the scans of `text` until [`end_document`] (the text must stay
/// unchanged in between).
pub fn begin_document(text: &str) {
    let cache = DocCache {
        union: Union::current(),
        ..DocCache::of_text(text)
    };
    let _ = cache.lower.set(same_length_lower(text));
    DOC_CACHE.with(|c| *c.borrow_mut() = Some(Rc::new(cache)));
}

/// Drop the scans cached by [`begin_document`].
pub fn end_document() {
    DOC_CACHE.with(|c| *c.borrow_mut() = None);
}

/// `f` of the document cache when `text` is the cached document, else of
/// a cache made for `text` alone.
fn with_scans<R>(text: &str, f: impl FnOnce(&DocCache) -> R) -> R {
    let key = (text.as_ptr() as usize, text.len());
    let cache = DOC_CACHE.with(|c| c.borrow().clone());
    match cache {
        Some(cache) if cache.key == key => f(&cache),
        _ => f(&DocCache::of_text(text)),
    }
}

/// Byte ranges of the lines of `text` inside `range` (without the `\n`).
pub fn lines(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    if range == (0..text.len()) {
        return with_scans(text, |c| c.lines(text).to_vec());
    }
    let mut out = Vec::new();
    lines_into(text, range, &mut out);
    out
}

/// [`lines`] into `out` (cleared first).
fn lines_into(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    out.clear();
    let mut start = range.start;
    for i in memchr::memchr2_iter(b'\n', b'\x0c', text[range.clone()].as_bytes()) {
        out.push(start..range.start + i);
        start = range.start + i + 1;
    }
    out.push(start..range.end);
}

/// Whether `s` is empty or white space only (ASCII bytes read directly).
fn is_blank(s: &str) -> bool {
    match s.bytes().find(|&b| !is_ascii_whitespace_byte(b)) {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => s.trim().is_empty(),
    }
}

/// Paragraphs: runs of non-blank lines.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    with_scans(text, |c| c.paragraphs(text).ranges.clone())
}

/// The paragraphs (runs of non-blank lines) made of `lines`, the lines of
/// `text`.
fn paragraphs_of_lines(text: &str, lines: &[Range<usize>]) -> Paragraphs {
    let mut out = Paragraphs {
        ranges: Vec::new(),
        lines: Vec::new(),
    };
    let mut first: Option<usize> = None;
    let push = |out: &mut Paragraphs, ls: Range<usize>| {
        out.ranges
            .push(lines[ls.start].start..lines[ls.end - 1].end);
        out.lines.push(ls);
    };
    for (i, l) in lines.iter().enumerate() {
        if !is_blank(&text[l.clone()]) {
            first.get_or_insert(i);
        } else if let Some(f) = first.take() {
            push(&mut out, f..i);
        }
    }
    if let Some(f) = first {
        push(&mut out, f..lines.len());
    }
    out
}

/// The length in bytes of a list marker at the start of `line` (`• `, `a. `,
/// `- b. `, `(iv) `, `3. `), if any.
pub fn list_marker_len(line: &str) -> Option<usize> {
    let rest = line.trim_start();
    let mut chars = rest.chars();
    let first = chars.next()?;
    // a marker starts with a bullet, a dash, `(`, a lower-case letter
    // before `)` or `.`, or a digit: the regex only runs where one may be
    let may_be_marker = match first {
        '*' | '-' | '(' => true,
        'a'..='z' => rest[1..].starts_with([')', '.']),
        '0'..='9' => rest[1..].starts_with(|c: char| matches!(c, '0'..='9' | '.' | ')')),
        c => !c.is_ascii(),
    };
    if !may_be_marker {
        return None;
    }
    LIST_MARKER.find(line).map(|m| m.end())
}

/// Whether `line` starts with a clause number (`3.`, `4.2`): [`CLAUSE_START`],
/// not run on lines starting with an ASCII char other than a digit.
fn is_clause_start(line: &str) -> bool {
    let first = line.trim_start().chars().next();
    first.is_some_and(|c| c.is_ascii_digit() || !c.is_ascii() && !c.is_alphabetic())
        && CLAUSE_START.is_match(line)
}

/// A short line that can be an item of a list without markers.
fn is_unmarked_item(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    (1..=16).contains(&words)
        && t.ends_with([',', ';', '.'])
        && !is_clause_start(line)
        && !t.contains('\t')
}

/// The kind of a list marker: `d` digits, `a` letters, else its first char.
fn marker_kind(line: &str) -> char {
    match line.trim_start().chars().next() {
        Some(c) if c.is_ascii_digit() => 'd',
        Some(c) if c.is_ascii_lowercase() => 'a',
        Some(c) => c,
        None => ' ',
    }
}

/// At most how many chars an entry of [`ABBREVIATIONS`] has.
const ABBREVIATION_MAX_CHARS: usize = 5;

fn is_abbreviation(token: &str) -> bool {
    if token.len() <= ABBREVIATION_MAX_CHARS && token.is_ascii() {
        // ASCII lower-cased in place of a new string
        let mut lower = [0u8; ABBREVIATION_MAX_CHARS];
        let lower = &mut lower[..token.len()];
        lower.copy_from_slice(token.as_bytes());
        lower.make_ascii_lowercase();
        return ABBREVIATIONS.iter().any(|a| a.as_bytes() == lower);
    }
    // lower-casing never makes fewer chars: a longer token is no abbreviation
    token.chars().nth(ABBREVIATION_MAX_CHARS).is_none()
        && ABBREVIATIONS.contains(&token.to_lowercase().as_str())
}

/// Whether the dot (or `!`, `?`) at `dot` ends a sentence; its token (the
/// text since the last whitespace or `(`) starts at `token_start` and is
/// all digits and dots when `numeric`.
fn ends_sentence_at(text: &str, token_start: usize, numeric: bool, dot: usize) -> bool {
    let word = &text[token_start..dot];
    if word.chars().nth(1).is_none() || numeric || is_abbreviation(word) {
        return false;
    }
    let after = &text[dot + 1..];
    let trimmed = after.trim_start_matches([' ', '\t', '\n']);
    if trimmed.len() == after.len() {
        return false;
    }
    trimmed
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "•(-–\"“'‘".contains(c))
}

/// The byte offset of the last whitespace char or `(` of `s`: the same as
/// `s.rfind(|c: char| c.is_whitespace() || c == '(')`, reading ASCII bytes
/// without decoding them.
fn rfind_token_break(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    while let Some(i) = end.checked_sub(1) {
        let b = bytes[i];
        if b.is_ascii() {
            if b == b'(' || is_ascii_whitespace_byte(b) {
                return Some(i);
            }
            end = i;
            continue;
        }
        // a non-ASCII char: decode it from its first byte
        let start = (0..=i).rev().find(|&j| s.is_char_boundary(j)).unwrap_or(0);
        if s[start..end]
            .chars()
            .next()
            .is_some_and(char::is_whitespace)
        {
            return Some(start);
        }
        end = start;
    }
    None
}

/// Sentences inside `range`: split at sentence ends, blank lines, and line
/// starts that open a list item or a numbered clause.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut lines = Vec::new();
    lines_into(text, range.clone(), &mut lines);
    Splitter::default().split_lines(text, range, &lines, &mut out);
    out
}

/// The buffer of a sentence split, kept from one range to the next.
#[derive(Default)]
struct Splitter {
    cuts: Vec<usize>,
}

impl Splitter {
    /// Append the [`sentences`] inside `range`, whose lines are `lines`,
    /// to `out`.
    fn split_lines(
        &mut self,
        text: &str,
        range: Range<usize>,
        lines: &[Range<usize>],
        out: &mut Vec<Range<usize>>,
    ) {
        let cuts = &mut self.cuts;
        cuts.clear();
        cuts.push(range.start);
        line_cuts(text, &range, lines, cuts);
        sentence_end_cuts(text, &range, cuts);
        cuts.push(range.end);
        cuts.sort_unstable();
        cuts.dedup();
        out.extend(
            cuts.windows(2)
                .map(|w| sentence_span(text, w[0]..w[1]))
                .filter(|r| !r.is_empty()),
        );
    }
}

/// Cuts at blank lines, at lines that open a list item or a numbered
/// clause, and after lines ending in a colon.
fn line_cuts(text: &str, range: &Range<usize>, lines: &[Range<usize>], cuts: &mut Vec<usize>) {
    for (i, l) in lines.iter().enumerate() {
        let line = &text[l.clone()];
        if i > 0 {
            if is_blank(line) {
                cuts.push(l.start);
                cuts.push(l.end);
            } else if list_marker_len(line).is_some() || is_clause_start(line) {
                cuts.push(l.start);
            }
        }
        // a line ending in a colon introduces what follows (a list)
        if line.trim_end().ends_with(':') && l.end < range.end {
            cuts.push(l.end);
        }
    }
}

/// Cuts after the dots (`!`, `?`) inside `range` that end a sentence.
fn sentence_end_cuts(text: &str, range: &Range<usize>, cuts: &mut Vec<usize>) {
    // the token before a dot starts after the last whitespace or `(` before
    // it, anywhere in the text (also before `range`)
    let token_start = rfind_token_break(&text[..range.start]).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let is_numeric = |s: &str| s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let mut token_start = token_start;
    let mut numeric = is_numeric(&text[token_start..range.start]);
    // `text[token_start..scanned]` is summed up in `numeric`
    let mut scanned = range.start;
    for i in memchr::memchr3_iter(b'.', b'!', b'?', text[range.clone()].as_bytes()) {
        let at = range.start + i;
        if !matches!(text.as_bytes().get(at + 1), Some(b' ' | b'\t' | b'\n')) {
            // no space after it: no sentence end (the token goes on, and
            // the next dot's segment covers this one)
            continue;
        }
        let segment = &text[scanned..at];
        if let Some(p) = rfind_token_break(segment) {
            let sep_len = segment[p..].chars().next().map_or(1, char::len_utf8);
            token_start = scanned + p + sep_len;
            numeric = true;
        }
        numeric &= is_numeric(&text[token_start.max(scanned)..at]);
        if ends_sentence_at(text, token_start, numeric, at) {
            cuts.push(at + 1);
        }
        // the dot itself is part of the next dot's token
        numeric &= text.as_bytes()[at] == b'.';
        scanned = at + 1;
    }
}

/// The chars outside ASCII that `trim_span` trims from the edges of a
/// span besides white space (the ASCII ones are in [`ASCII_EDGE`]).
const NON_ASCII_EDGE: &[char] = &['“', '”', '„', '‘', '’', '«', '»', '•', '–', '—'];

/// Per ASCII byte: whether `trim_span` trims it from the edges of a span
/// (white space and the punctuation `.,;:"'*-|`).
static ASCII_EDGE: [bool; 128] = {
    let mut edge = [false; 128];
    let mut b = 0;
    while b < 128 {
        edge[b] = is_ascii_whitespace_byte(b as u8)
            || matches!(
                b as u8,
                b'.' | b',' | b';' | b':' | b'"' | b'\'' | b'*' | b'-' | b'|'
            );
        b += 1;
    }
    edge
};

/// Whether `trim_span` trims `c` from the edges of a span.
fn is_edge_char(c: char) -> bool {
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => ASCII_EDGE[usize::from(b)],
        _ => c.is_whitespace() || NON_ASCII_EDGE.contains(&c),
    }
}

/// A sentence between the cuts `r`: `trim_span` of it, its final period
/// kept (a sentence owns its dot): the same as
/// `widen_to_period(text, trim_span(text, r))`, with ASCII bytes read
/// directly and the abbreviation test only where it changes the answer.
fn sentence_span(text: &str, r: Range<usize>) -> Range<usize> {
    if !(text.is_char_boundary(r.start) && text.is_char_boundary(r.end)) {
        let t = crate::values::clean::trim_span(text, r);
        return widen_to_period(text, t);
    }
    let bytes = text.as_bytes();
    let mut start = r.start;
    while start < r.end {
        match bytes[start] {
            b if b.is_ascii() && ASCII_EDGE[usize::from(b)] => start += 1,
            b if b.is_ascii() => break,
            _ => match text[start..].chars().next() {
                Some(c) if is_edge_char(c) => start += c.len_utf8(),
                _ => break,
            },
        }
    }
    let mut end = r.end;
    while end > start {
        match bytes[end - 1] {
            b if b.is_ascii() && ASCII_EDGE[usize::from(b)] => end -= 1,
            b if b.is_ascii() => break,
            _ => match text[..end].chars().next_back() {
                Some(c) if is_edge_char(c) => end -= c.len_utf8(),
                _ => break,
            },
        }
    }
    let after = &text[end..];
    if end < r.end && after.starts_with('.') {
        // `trim_span` keeps the dot of an abbreviation, `widen_to_period`
        // any dot: they differ only when a `.` or `)` follows the dot
        let twice = after[1..].starts_with(['.', ')'])
            && crate::values::clean::keeps_trailing_dot(&text[start..end]);
        start..end + 1 + usize::from(twice)
    } else if after.starts_with(['.', ')']) {
        start..end + 1
    } else {
        start..end
    }
}

/// `trim_span` drops a final period; keep it (a sentence owns its dot).
fn widen_to_period(text: &str, r: Range<usize>) -> Range<usize> {
    if text[r.end..].starts_with(['.', ')']) {
        r.start..r.end + 1
    } else {
        r
    }
}

/// The sentences of paragraph `p` of `text` (as [`sentences`]): from the
/// document cache when `text` is the cached document and `p` one of its
/// [`paragraphs`], else computed.
pub fn paragraph_sentences(text: &str, p: Range<usize>) -> Vec<Range<usize>> {
    with_paragraph_sentences(text, p, <[Range<usize>]>::to_vec)
}

/// `f` of the [`paragraph_sentences`] of `p` (without copying them when
/// they are cached).
pub fn with_paragraph_sentences<R>(
    text: &str,
    p: Range<usize>,
    f: impl FnOnce(&[Range<usize>]) -> R,
) -> R {
    let key = (text.as_ptr() as usize, text.len());
    let cache = DOC_CACHE.with(|c| c.borrow().clone());
    if let Some(cache) = cache.filter(|c| c.key == key) {
        if let Some(i) = cache.paragraph_index(text, &p) {
            let sentences = cache.sentences(text);
            return f(&sentences.all[sentences.of_paragraph[i].clone()]);
        }
    }
    f(&sentences(text, p))
}

/// Every sentence of the text.
pub fn all_sentences(text: &str) -> Vec<Range<usize>> {
    with_all_sentences(text, <[Range<usize>]>::to_vec)
}

/// `f` of [`all_sentences`] (without copying them when they are cached).
pub fn with_all_sentences<R>(text: &str, f: impl FnOnce(&[Range<usize>]) -> R) -> R {
    with_scans(text, |c| f(&c.sentences(text).all))
}

/// False when no word of `words` (whose first bytes are lower-case ASCII)
/// can open `line`, compared as a case-insensitive `^\s*(?:word|...)`
/// regex compares: the line is blank, or its first non-blank char is
/// ASCII and lower-cases to no word's first byte. A non-ASCII first char
/// is let through (in such a regex `ſ` matches `s`). A test that costs a
/// few instructions where a filtered regex costs a hundred or more.
pub fn may_open_with(line: &str, words: &[&str]) -> bool {
    may_open_at(first_non_blank(line), |lower| {
        words.iter().any(|w| w.as_bytes().first() == Some(&lower))
    })
}

/// The first char of `line` that is not white space.
pub fn first_non_blank(line: &str) -> Option<char> {
    line.chars().find(|c| !c.is_whitespace())
}

/// [`may_open_with`] of a line whose first non-blank char is `first`,
/// where `opens(b)` tells whether a word starts with the lower-case ASCII
/// byte `b`.
pub fn may_open_at(first: Option<char>, opens: impl Fn(u8) -> bool) -> bool {
    match first {
        None => false,
        Some(c) if c.is_ascii() => opens((c as u8).to_ascii_lowercase()),
        Some(_) => true,
    }
}

/// The parts among `parts` (sorted, disjoint ranges of `text`: sentences,
/// paragraphs) that may hold a word of `words`: those before the next
/// place where the index of the document's words shows one starting are
/// skipped unread. (All of them when the index does not know the words.)
pub fn ranges_that_may_hold<'s>(
    text: &str,
    parts: &'s [Range<usize>],
    words: &'static Words,
) -> Vec<&'s Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(s) = parts.get(i) {
        let Some(offset) = first_possible(&text[s.start..], words) else {
            break;
        };
        let at = s.start + offset;
        i += parts[i..].partition_point(|s| s.end <= at);
        let Some(s) = parts.get(i) else { break };
        out.push(s);
        i += 1;
    }
    out
}

/// The parts among `parts` (as [`ranges_that_may_hold`]) that hold a word
/// of `words`, in order.
pub fn ranges_holding<'s>(
    text: &str,
    parts: &'s [Range<usize>],
    words: &'static Words,
) -> Vec<&'s Range<usize>> {
    let mut out = ranges_that_may_hold(text, parts, words);
    out.retain(|s| has_any(&text[(*s).clone()], words));
    out
}

/// The parts among `parts` (as [`ranges_that_may_hold`]) that hold a word
/// of `words` or start inside one of `regions`, in order.
pub fn ranges_holding_or_inside<'s>(
    text: &str,
    parts: &'s [Range<usize>],
    words: &'static Words,
    regions: &[Range<usize>],
) -> Vec<&'s Range<usize>> {
    let mut out = ranges_holding(text, parts, words);
    out.extend(parts.iter().filter(|s| inside(regions, s.start)));
    out.sort_by_key(|s| s.start);
    out.dedup();
    out
}

/// The parts among `parts` (as [`ranges_that_may_hold`]) on which
/// `pattern` may match: the others lack every word of its filter, so its
/// searches would not look at them either.
pub fn ranges_pattern_may_match<'s>(
    text: &str,
    parts: &'s [Range<usize>],
    pattern: &Pattern,
) -> Vec<&'s Range<usize>> {
    match pattern.filter_words() {
        Some(words) => ranges_that_may_hold(text, parts, words),
        None => parts.iter().collect(),
    }
}

/// True when the sentence `s` ends with a colon (an intro to a list).
pub fn ends_with_colon(text: &str, s: &Range<usize>) -> bool {
    text[s.clone()].trim_end().ends_with(':') || text[s.end..].starts_with(':')
}

/// The list items that follow an intro ending at `pos` (`...volgende
/// informatie:` ⏎ `• a` ⏎ `• b`): each item without its marker. Blank lines
/// between items are allowed; the list ends at the first other line.
pub fn list_after(text: &str, pos: usize) -> Vec<Range<usize>> {
    let rest_start = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
    let mut items: Vec<Range<usize>> = Vec::new();
    let mut first_kind: Option<char> = None;
    let mut prev_blank = false;
    let mut offset = rest_start;
    for raw in text[rest_start..].split(['\n', '\x0c']) {
        let l = offset..offset + raw.len();
        offset = l.end + 1;
        let line = &text[l.clone()];
        if is_blank(line) {
            prev_blank = true;
            continue;
        }
        if let Some(m) = list_marker_len(line) {
            let kind = marker_kind(line);
            if first_kind.get_or_insert(kind) != &kind {
                break;
            }
            items.push(l.start + m..l.end);
        } else if let (false, Some(last), Some(_)) = (
            prev_blank,
            items.last_mut(),
            first_kind.filter(|k| *k != '\n'),
        ) {
            last.end = l.end;
        } else if (first_kind.is_none() || first_kind == Some('\n')) && is_unmarked_item(line) {
            // a list whose markers the text stage dropped: short lines ending in `,` `;` `.`
            first_kind = Some('\n');
            items.push(l);
        } else {
            break;
        }
        prev_blank = false;
    }
    if first_kind == Some('\n') && items.len() < 2 {
        return Vec::new();
    }
    items
        .into_iter()
        .map(|r| crate::values::clean::trim_span(text, r))
        .filter(|r| !r.is_empty())
        .collect()
}

/// A row of a table: the line and its trimmed cells.
#[derive(Debug, Clone)]
pub struct Row {
    pub range: Range<usize>,
    pub cells: Vec<Range<usize>>,
}

/// Consecutive table rows (tab- or ` | `-separated lines).
#[derive(Debug, Clone)]
pub struct Table {
    pub rows: Vec<Row>,
}

/// Whether `line` holds ` | ` (a `|` between spaces).
fn has_spaced_pipe(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr_iter(b'|', bytes)
        .any(|i| i > 0 && bytes[i - 1] == b' ' && bytes.get(i + 1) == Some(&b' '))
}

/// The cell separator of a table row: a tab, else a pipe between spaces or
/// at the line's start (markdown); `None` for a line that is no row.
fn cell_separator(line: &str) -> Option<&'static str> {
    // no tab and no pipe (most lines): no cells
    let first = memchr::memchr2(b'\t', b'|', line.as_bytes())?;
    if line.as_bytes()[first] == b'\t' || line.contains('\t') {
        Some("\t")
    } else if has_spaced_pipe(line) || line.trim_start().starts_with('|') {
        Some("|")
    } else {
        None
    }
}

fn split_cells(text: &str, l: Range<usize>) -> Option<Vec<Range<usize>>> {
    let sep = cell_separator(&text[l.clone()])?;
    cells_split_by(text, l, sep)
}

/// The cells of row `l` split at `sep`, trimmed; `None` for a rule line
/// (`|---|---|`) or fewer than two cells.
fn cells_split_by(text: &str, l: Range<usize>, sep: &str) -> Option<Vec<Range<usize>>> {
    let line = &text[l.clone()];
    let mut cells = Vec::new();
    let mut start = l.start;
    for (i, _) in line.match_indices(sep) {
        cells.push(start..l.start + i);
        start = l.start + i + sep.len();
    }
    cells.push(start..l.end);
    let mut cells: Vec<Range<usize>> = cells
        .into_iter()
        .map(|c| {
            let s = &text[c.clone()];
            let lead = s.len() - s.trim_start().len();
            let trail = s.trim_end().len();
            c.start + lead..c.start + trail.max(lead)
        })
        .collect();
    if sep == "|" {
        // markdown: leading/trailing pipes make empty edge cells
        if cells.first().is_some_and(|c| c.is_empty()) {
            cells.remove(0);
        }
        if cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
    }
    let is_rule = cells.iter().all(|c| {
        text[c.clone()]
            .chars()
            .all(|ch| matches!(ch, '-' | ':' | ' '))
    });
    (!is_rule && cells.len() >= 2).then_some(cells)
}

/// Every table of the text. Blank lines between rows with the same number
/// of cells (a PDF's row gaps) do not end a table.
pub fn tables(text: &str) -> Vec<Table> {
    with_scans(text, |c| c.tables(text).to_vec())
}

/// The tables made of `lines`, the lines of `text`.
fn tables_of_lines(text: &str, lines: &[Range<usize>]) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    let mut cur: Vec<Row> = Vec::new();
    let mut after_blank = false;
    for l in lines.iter().cloned() {
        let line = &text[l.clone()];
        if is_blank(line) {
            after_blank = true;
            continue;
        }
        match split_cells(text, l.clone()) {
            Some(cells) => {
                let width = cur.first().map_or(cells.len(), |h| h.cells.len());
                if after_blank && width != cells.len() && !cur.is_empty() {
                    out.push(Table {
                        rows: std::mem::take(&mut cur),
                    });
                }
                cur.push(Row { range: l, cells });
            }
            None => {
                let is_rule = line
                    .trim()
                    .chars()
                    .all(|c| matches!(c, '-' | '|' | ':' | ' '));
                if !is_rule && !cur.is_empty() {
                    out.push(Table {
                        rows: std::mem::take(&mut cur),
                    });
                }
            }
        }
        after_blank = false;
    }
    if !cur.is_empty() {
        out.push(Table { rows: cur });
    }
    out
}

/// A heading line and the section it opens (up to the next strong heading).
#[derive(Debug, Clone)]
pub struct Section {
    pub heading: Range<usize>,
    pub range: Range<usize>,
}

/// Whether `t` has more than `max` words (runs of non-white-space), ASCII
/// white space read directly.
fn more_words_than(t: &str, max: usize) -> bool {
    // each word but the last takes a byte and a separator
    if t.len() < 2 * max + 1 {
        return false;
    }
    if !t.is_ascii() {
        return t.split_whitespace().nth(max).is_some();
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in t.as_bytes() {
        let ws = is_ascii_whitespace_byte(b);
        if !ws && !in_word {
            words += 1;
            if words > max {
                return true;
            }
        }
        in_word = !ws;
    }
    false
}

fn heading_words_ok(t: &str) -> bool {
    // cheapest tests first: most lines end a sentence
    !t.is_empty()
        && !t.ends_with(['.', ',', ';', ':'])
        && (t.len() <= 90 || t.chars().nth(90).is_none())
        && !more_words_than(t, 12)
        && memchr::memchr(b'\t', t.as_bytes()).is_none()
        && !has_spaced_pipe(t)
        && list_marker_len(t)
            .filter(|_| !t.starts_with(|c: char| c.is_ascii_digit()))
            .is_none()
}

/// Strong headings: numbered (`3. Datalekken`, `Artikel 6 - Datalekken`),
/// annex and part titles, ALL-CAPS lines. Each followed by a blank line.
fn is_strong_heading(line: &str) -> bool {
    let t = line.trim();
    if !heading_words_ok(t) {
        return false;
    }
    if crate::values::clean::is_all_caps(t, 4) {
        return true;
    }
    // [`STRONG_HEADING`] starts with a digit or a word starting with one of
    // `abdph` (in either case): no regex for other ASCII starts
    let may_match = t.chars().next().is_some_and(|c| {
        !c.is_ascii()
            || c.is_ascii_digit()
            || matches!(c.to_ascii_lowercase(), 'a' | 'b' | 'd' | 'p' | 'h')
    });
    if !may_match || !STRONG_HEADING.is_match(t) {
        return false;
    }
    // a numbered heading has few words after its number
    let words_after_number = t.split_whitespace().skip(1).count();
    words_after_number <= 9
}

/// The sections of the text, opened by strong headings (a strong heading is
/// the last line of its paragraph).
pub fn sections(text: &str) -> Vec<Section> {
    with_scans(text, |c| c.sections(text).to_vec())
}

/// The sections opened by the strong headings among `last_lines`, the
/// last lines of the paragraphs of `text`.
fn sections_of_last_lines<'a>(
    text: &str,
    last_lines: impl Iterator<Item = &'a Range<usize>>,
) -> Vec<Section> {
    let heads: Vec<Range<usize>> = last_lines
        .filter(|l| is_strong_heading(&text[(*l).clone()]))
        .map(|l| crate::values::clean::trim_span(text, l.clone()))
        .collect();
    let mut out = Vec::with_capacity(heads.len());
    for (i, h) in heads.iter().enumerate() {
        let end = heads.get(i + 1).map_or(text.len(), |n| n.start);
        out.push(Section {
            heading: h.clone(),
            range: h.start..end,
        });
    }
    out
}

/// True when the lower-cased `hay` contains any of `words`.
pub fn has_any(hay: &str, words: &'static Words) -> bool {
    with_cache(|cache| {
        cache
            .union_has_any(hay, words)
            .or_else(|| cache.has_any_outside_union(hay, words))
    })
    .unwrap_or_else(|| with_lowered(hay, |lower| words.matcher().is_match(lower)))
}

/// False only when `hay` is a part of the cached document and the index of
/// the document's words shows none of `words` inside it: a filter that
/// costs a binary search and never searches the text.
pub fn may_have_any(hay: &str, words: &'static Words) -> bool {
    // registers the list on its first use, for the next union
    words.id();
    with_cache(|cache| cache.union_has_any(hay, words)).unwrap_or(true)
}

/// The first offset of `hay` at which a word of `words` may start: `None`
/// only when the index of the document's words shows none inside `hay`,
/// 0 when the index does not know (like [`may_have_any`], never searches).
pub fn first_possible(hay: &str, words: &'static Words) -> Option<usize> {
    // registers the list on its first use, for the next union
    words.id();
    with_cache(|cache| cache.union_first_within(hay, words)).unwrap_or(Some(0))
}

/// `f` of the document cache, without taking a reference to it (for the
/// many small lookups of one document).
fn with_cache<R>(f: impl FnOnce(&DocCache) -> Option<R>) -> Option<R> {
    DOC_CACHE.with(|c| c.borrow().as_deref().and_then(f))
}

/// A `&'static Words` for a literal list: `has_any(sent, words!["a", "b"])`.
macro_rules! words {
    ($($w:literal),+ $(,)?) => {{
        static WORDS: $crate::scan::Words = $crate::scan::Words::new(&[$($w),+]);
        &WORDS
    }};
}
pub(crate) use words;

/// Call `f` with `hay` lower-cased: a slice of the cached lower-cased
/// document when `hay` is part of the cached document (no new string).
pub fn with_lowered<R>(hay: &str, f: impl FnOnce(&str) -> R) -> R {
    let cache = DOC_CACHE.with(|c| c.borrow().clone());
    match cache.as_deref().and_then(|cache| cache.lower_of(hay)) {
        Some(lower) => f(lower),
        None => f(&hay.to_lowercase()),
    }
}

/// `f` of the cached lower-cased document's part at `hay` (whose offsets
/// are those of `hay`); `None` when `hay` is no part of the cached
/// document or the document has no such lower-cased copy.
pub fn with_cached_lower<R>(hay: &str, f: impl FnOnce(&str) -> R) -> Option<R> {
    with_cache(|cache| cache.lower_of(hay).map(f))
}

/// Chars that rule out a document's lower-cased copy (and so its word
/// index): a capital sigma, whose lower case depends on its neighbours,
/// and the long `ſ`, which a case-insensitive `s` matches though it stays
/// `ſ` in the copy (without it, the words of a case-insensitive pattern
/// stand in the copy as the pattern's letters lower-cased, and the index
/// needs no `ſ` spellings of them).
pub(crate) const NO_LOWER_COPY: &[char] = &['Σ', '\u{17f}'];

/// `text` lower-cased, if every char lower-cases to one char of the same
/// length (then offsets into `text` hold in the result) and none is one of
/// [`NO_LOWER_COPY`].
fn same_length_lower(text: &str) -> Option<String> {
    // ASCII in bulk, then each other char in place (std's `to_lowercase`
    // looks every char up, ASCII too)
    let mut bytes = text.as_bytes().to_vec();
    crate::ascii::make_lower(&mut bytes);
    for (at, c) in non_ascii_chars(text) {
        if NO_LOWER_COPY.contains(&c) {
            return None;
        }
        let mut lower = c.to_lowercase();
        let (Some(l), None) = (lower.next(), lower.next()) else {
            return None;
        };
        if l.len_utf8() != c.len_utf8() {
            return None;
        }
        l.encode_utf8(&mut bytes[at..at + c.len_utf8()]);
    }
    String::from_utf8(bytes).ok()
}

/// The chars of `text` outside ASCII, with their byte offsets.
fn non_ascii_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        at = crate::ascii::next_non_ascii(bytes, at)?;
        let c = text[at..].chars().next()?;
        let found = (at, c);
        at += c.len_utf8();
        Some(found)
    })
}

/// From the clause's start to the furthest end of it or a descendant.
fn clause_extent(c: &Clause) -> Range<usize> {
    c.span[0]..furthest_end(c)
}

fn furthest_end(c: &Clause) -> usize {
    c.children
        .iter()
        .map(furthest_end)
        .fold(c.span[1], usize::max)
}

/// Regions of the text about one topic: clauses of `kind` (with their
/// children) and sections whose heading holds a word of one of
/// `heading_words`.
pub fn topic_regions(
    ctx: &Ctx,
    kind: ClauseKind,
    heading_words: &[&'static Words],
) -> Vec<Range<usize>> {
    topic_regions_where(ctx, kind, heading_words, |_| true)
}

/// [`topic_regions`] keeping only the clauses of `kind` whose own text
/// passes `keep`.
pub fn topic_regions_where(
    ctx: &Ctx,
    kind: ClauseKind,
    heading_words: &[&'static Words],
    keep: impl Fn(&str) -> bool,
) -> Vec<Range<usize>> {
    let text = ctx.full();
    let mut out: Vec<Range<usize>> = ctx
        .clauses
        .iter()
        // the clause's text as a part of the document (`c.text` is a copy),
        // so word lookups in `keep` use the document's index
        .filter(|c| c.kind == Some(kind) && keep(text.get(c.span[0]..c.span[1]).unwrap_or(&c.text)))
        .map(|c| clause_extent(c))
        .collect();
    for s in sections(text) {
        let heading = &text[s.heading.clone()];
        if heading_words.iter().any(|words| has_any(heading, words)) {
            out.push(s.range);
        }
    }
    out.sort_by_key(|r| (r.start, r.end));
    out
}

/// True when `pos` lies inside one of `regions`.
pub fn inside(regions: &[Range<usize>], pos: usize) -> bool {
    regions.iter().any(|r| r.contains(&pos))
}

/// The paragraph holding byte `pos`.
pub fn paragraph_at(paras: &[Range<usize>], pos: usize) -> Option<Range<usize>> {
    // paragraphs are sorted and disjoint
    let upto = paras.partition_point(|p| p.start <= pos);
    paras[..upto].last().filter(|p| pos <= p.end).cloned()
}

/// `f` of the places in `hay` where a word of `words` starts (offsets into
/// `hay`, ascending, a place repeated when several words start there; a
/// word may run past the end of `hay`); `None` when the index of the
/// document's words does not know them (like [`first_possible`], never
/// searches).
pub(crate) fn with_word_starts<R>(
    hay: &str,
    words: &'static Words,
    f: impl FnOnce(&mut dyn Iterator<Item = usize>) -> R,
) -> Option<R> {
    // registers the list on its first use, for the next union
    let id = words.id();
    with_cache(|cache| {
        let at = cache.offset_of(hay)?;
        let starts = cache.union_index()?.starts_within(id, at..at + hay.len())?;
        Some(f(&mut starts.iter().map(|s| s - at)))
    })
}

#[cfg(test)]
#[path = "scan_reference.rs"]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixtures and a hand-made text with lists, a table, headings,
    /// abbreviations and quotes.
    fn equivalence_texts() -> Vec<String> {
        let mut texts = crate::test_fixtures::raw_texts();
        texts.push(
            "ARTIKEL 1 BEGRIPPEN\n\n1.1 Verwerker (o.a. Lucidon B.V.) meldt een lek.\nDat gebeurt \"binnen 24 uur\".\n\n\
             a. de aard van het lek;\nb. de gevolgen – ook later.\n• punt één, zie art. 5.\n\n\
             Naam\tLand\tDoel\nAmazon\tIerland\tHosting\nGoogle | VS | Mail\n\nSlot: tot ziens. Einde\n"
                .to_string(),
        );
        texts
    }

    /// A clause's extent ends where it or its deepest-reaching descendant
    /// ends, as the maximum over its flattened descendants says.
    #[test]
    fn clause_extent_reaches_the_furthest_descendant() {
        let node = |span: [usize; 2], children: Vec<Clause>| Clause {
            children,
            ..Clause::new(format!("c{}", span[0]), "", span)
        };
        let deep = node([40, 90], vec![]);
        let tree = node(
            [0, 10],
            vec![node([10, 30], vec![deep]), node([30, 60], vec![])],
        );
        assert_eq!(clause_extent(&tree), 0..90);
        let flat_end = tree.descendants().iter().map(|d| d.span[1]).max();
        assert_eq!(Some(clause_extent(&tree).end), flat_end);
        assert_eq!(clause_extent(&node([5, 20], vec![])), 5..20);
        // a child ending before its parent does not shorten it
        assert_eq!(
            clause_extent(&node([0, 50], vec![node([10, 20], vec![])])),
            0..50
        );
    }

    /// Every cached scan equals the reference computation, with and
    /// without the document cache.
    #[test]
    fn scans_equal_the_reference_computations() {
        for text in equivalence_texts() {
            for cached in [false, true] {
                if cached {
                    begin_document(&text);
                }
                let t = text.as_str();
                assert_eq!(lines(t, 0..t.len()), reference::lines(t, 0..t.len()));
                let paras = paragraphs(t);
                assert_eq!(paras, reference::paragraphs(t));
                assert_eq!(all_sentences(t), reference::all_sentences(t));
                for p in &paras {
                    let want = reference::sentences(t, p.clone());
                    assert_eq!(sentences(t, p.clone()), want);
                    assert_eq!(paragraph_sentences(t, p.clone()), want);
                    assert_eq!(lines(t, p.clone()), reference::lines(t, p.clone()));
                }
                // the row logic is shared: the cache must feed it the lines
                let want = tables_of_lines(t, &reference::lines(t, 0..t.len()));
                assert_eq!(format!("{:?}", tables(t)), format!("{want:?}"));
                assert_eq!(
                    format!("{:?}", sections(t)),
                    format!("{:?}", reference::sections(t))
                );
                end_document();
            }
        }
    }

    /// The line tests with fast paths agree with their regexes on every
    /// line of the texts.
    #[test]
    fn line_tests_equal_the_reference() {
        for text in equivalence_texts() {
            for line in text.lines() {
                assert_eq!(
                    list_marker_len(line),
                    reference::list_marker_len(line),
                    "{line:?}"
                );
                assert_eq!(
                    is_clause_start(line),
                    reference::is_clause_start(line),
                    "{line:?}"
                );
                assert_eq!(
                    cell_separator(line),
                    reference::cell_separator(line),
                    "{line:?}"
                );
                assert_eq!(
                    is_strong_heading(line),
                    reference::is_strong_heading(line),
                    "{line:?}"
                );
                for token in line.split_whitespace() {
                    assert_eq!(
                        is_abbreviation(token),
                        reference::is_abbreviation(token),
                        "{token:?}"
                    );
                }
            }
        }
    }

    /// `is_edge_char` keeps `trim_span`'s set of edge chars.
    #[test]
    fn edge_chars_are_those_trim_span_trims() {
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            let s = c.to_string();
            let trimmed = crate::values::clean::trim_span(&s, 0..s.len()).is_empty();
            assert_eq!(is_edge_char(c), trimmed, "{c:?}");
        }
    }

    #[test]
    fn sentences_respect_abbreviations_and_lists() {
        let t =
            "Dit is o.a. een test. Tweede zin met Lucidon B.V. erin.\n• punt een,\n• punt twee.";
        let s: Vec<&str> = sentences(t, 0..t.len())
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(
            s,
            vec![
                "Dit is o.a. een test.",
                "Tweede zin met Lucidon B.V. erin.",
                "punt een",
                "punt twee."
            ]
        );
    }

    #[test]
    fn list_items_after_an_intro() {
        let t = "De melding bevat ten minste:\n\n• de aard van het lek;\n• de gevolgen,\n  ook later;\n\nSlot.";
        let items: Vec<&str> = list_after(t, 0).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            items,
            vec!["de aard van het lek", "de gevolgen,\n  ook later"]
        );
    }

    #[test]
    fn list_without_markers() {
        let t = "met de volgende informatie:\naard van het incident,\nomvang en gevolgen,\ngenomen maatregelen.\n\n3.3 Volgende clausule.";
        let items: Vec<&str> = list_after(t, 0).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            items,
            vec![
                "aard van het incident",
                "omvang en gevolgen",
                "genomen maatregelen"
            ]
        );
    }

    #[test]
    fn tables_with_tabs_and_pipes() {
        let t = "Intro\nNaam | Land\n---|---\nAlfa B.V. | Nederland\n\nBeta\tDuitsland\n\nEinde";
        let tabs = tables(t);
        assert_eq!(tabs.len(), 1);
        assert_eq!(tabs[0].rows.len(), 3);
        assert_eq!(&t[tabs[0].rows[1].cells[1].clone()], "Nederland");
        assert_eq!(&t[tabs[0].rows[2].cells[0].clone()], "Beta");
    }

    #[test]
    fn lower_case_cache_only_when_offsets_hold() {
        assert_eq!(
            same_length_lower("Één Cliënt").as_deref(),
            Some("één cliënt")
        );
        assert_eq!(same_length_lower("ABC").as_deref(), Some("abc"));
        // the Kelvin sign lower-cases to an ASCII `k` (3 bytes to 1)
        assert_eq!(same_length_lower("\u{212A}elvin"), None);
        // the capital sharp s (3 bytes) lower-cases to `ß` (2 bytes)
        assert_eq!(same_length_lower("\u{1E9E}"), None);
        assert_eq!(same_length_lower("ΣΑΣ"), None);
        // the long s: `(?i)s` matches it, the copy would keep it
        assert_eq!(same_length_lower("verſie"), None);
        assert_eq!(
            same_length_lower("ÉÉN CLIËNT, één").as_deref(),
            Some("één cliënt, één")
        );
        assert_eq!(same_length_lower("").as_deref(), Some(""));
    }

    #[test]
    fn has_any_reads_the_cached_lower_case_text() {
        let t = "Intro.\n\nDe VERWERKER meldt een Datalek.";
        begin_document(t);
        assert!(has_any(&t[8..], words!["verwerker"]));
        assert!(!has_any(&t[..6], words!["verwerker", "xyz"]));
        assert!(has_any("los DATALEK", words!["x", "datalek"]));
        end_document();
        assert!(has_any(&t[8..], words!["datalek"]));
    }

    #[test]
    fn has_any_from_the_word_index_matches_a_direct_search() {
        let t = "De Verwerker meldt een datalek. Sub-verwerkers: één, twee.\nDATA LEK en verwerk.";
        let list = &["verwerker", "data", "datalek", "lek en", "één"];
        begin_document(t);
        let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
        // many searches: past the text's length the index answers
        for &i in &bounds {
            for &j in bounds.iter().filter(|&&j| j >= i) {
                let hay = &t[i..j];
                let lower = hay.to_lowercase();
                let direct = list.iter().any(|w| lower.contains(w));
                assert_eq!(
                    has_any(hay, words!["verwerker", "data", "datalek", "lek en", "één"]),
                    direct,
                    "{hay:?}"
                );
            }
        }
        end_document();
    }

    #[test]
    fn token_breaks_are_found_as_rfind_finds_them() {
        let cases = [
            "",
            "a",
            "(",
            "een zin",
            "een\u{a0}zin",
            "één(twee",
            "art.\u{2003}5",
            "ſ é\u{3000}x",
            "geen_breuk",
            "\u{85}",
            "x\u{b}y",
        ];
        let prefixes = cases
            .iter()
            .flat_map(|s| (0..=s.len()).filter_map(move |end| s.get(..end)));
        for s in prefixes {
            let expected = s.rfind(|c: char| c.is_whitespace() || c == '(');
            assert_eq!(rfind_token_break(s), expected, "{s:?}");
        }
    }

    #[test]
    fn paragraph_sentences_match_sentences() {
        let t = "Eerste zin. Tweede zin.\n\nDerde zin o.a. hier. Vierde.\n\nVijfde";
        begin_document(t);
        for p in paragraphs(t) {
            assert_eq!(paragraph_sentences(t, p.clone()), sentences(t, p));
        }
        // a range that is no paragraph is computed
        assert_eq!(paragraph_sentences(t, 0..11), sentences(t, 0..11));
        end_document();
        assert_eq!(paragraph_sentences(t, 0..23).len(), 2);
    }

    static HOLD_WORDS: Words = Words::new(&["verwerker", "datalek", "beveilig", "security"]);

    /// A pattern filtered by required words and one by its own literals.
    fn filtered_patterns() -> [Pattern; 2] {
        [
            Pattern::with_required(
                regex::Regex::new(r"(?i)(?:de|het)\s+\w+\s+verwerker").expect("compiles"),
                "(?i)verwerker",
            ),
            Pattern::new(r"(?i)(?-u:\b)(?:datalek|beveiliging)\w*"),
        ]
    }

    #[test]
    fn sentence_selections_are_those_a_test_of_each_sentence_finds() {
        let mut texts = crate::test_fixtures::raw_texts();
        texts.push("Eerste zin. De beveiligingsmaatregel geldt.\n\nNiets hier. Security measures apply. Slot.".into());
        for t in &texts {
            // the second document sees the lists in the index
            for _ in 0..2 {
                begin_document(t);
                let sents = all_sentences(t);
                let holds = |s: &Range<usize>| has_any(&t[s.clone()], &HOLD_WORDS);
                let want: Vec<&Range<usize>> = sents.iter().filter(|s| holds(s)).collect();
                assert_eq!(ranges_holding(t, &sents, &HOLD_WORDS), want);
                let regions = [0..t.len() / 10, t.len() / 3..t.len() / 2];
                let want_or_inside: Vec<&Range<usize>> = sents
                    .iter()
                    .filter(|s| holds(s) || inside(&regions, s.start))
                    .collect();
                assert_eq!(
                    ranges_holding_or_inside(t, &sents, &HOLD_WORDS, &regions),
                    want_or_inside
                );
                for pattern in filtered_patterns() {
                    let may = ranges_pattern_may_match(t, &sents, &pattern);
                    for s in sents.iter().filter(|s| pattern.is_match(&t[(*s).clone()])) {
                        assert!(may.contains(&s), "{:?}", &t[s.clone()]);
                    }
                }
                end_document();
            }
        }
    }

    #[test]
    fn regex_white_space_is_char_white_space() {
        // `may_open_with` skips what `\s` skips
        let re = regex::Regex::new(r"^\s$").expect("compiles");
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                re.is_match(c.encode_utf8(&mut [0; 4])),
                c.is_whitespace(),
                "{c:?}"
            );
        }
    }

    #[test]
    fn may_open_with_lets_through_every_line_the_regex_opens() {
        let words: &[&str] = &["naam", "functie", "datum", "signed"];
        let re = regex::Regex::new(&format!(r"(?i)^\s*(?:{})", words.join("|"))).expect("compiles");
        let firsts = (0..=0x24F)
            .chain(0x2100..=0x214F)
            .filter_map(char::from_u32);
        for first in firsts {
            for w in words {
                for lead in ["", " \t", "\u{a0}\u{2003}"] {
                    let line = format!("{lead}{first}{}", &w[1..]);
                    if re.is_match(&line) {
                        assert!(may_open_with(&line, words), "{line:?}");
                    }
                }
            }
        }
        assert!(may_open_with("  NAAM: x", words));
        assert!(may_open_with("\u{17f}igned", words));
        assert!(!may_open_with("Adres: x", words));
        assert!(!may_open_with(" \t ", words));
    }

    #[test]
    fn sections_from_strong_headings() {
        let t = "Inleiding tekst.\n\n3. Datalekken\n\nVerwerker meldt.\n\nBIJLAGE B\n\nTabel.";
        let s = sections(t);
        assert_eq!(s.len(), 2);
        assert_eq!(&t[s[0].heading.clone()], "3. Datalekken");
        assert!(t[s[0].range.clone()].contains("Verwerker meldt."));
        assert!(!t[s[0].range.clone()].contains("Tabel"));
    }
}
