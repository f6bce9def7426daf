//! The document as a stream of sentences, each knowing the clauses it comes
//! from, and each clause with the context rules look at (its own text and the
//! headings above it, its topic and the topics above it).
//!
//! A sentence may run over a clause boundary when the clause before it does
//! not end a sentence (`naar keuze van Verantwoordelijke:` followed by the
//! bullets `• alle persoonsgegevens verwijderen, of` / `• terugleveren ...`).
//! Table rows are sentences of their own.

use dpa_model::{is_ascii_whitespace_byte, Clause, ClauseKind};
use regex::Regex;
use std::sync::LazyLock;

/// A clause with what the rules read around it.
#[derive(Debug)]
pub(crate) struct ClauseView<'a> {
    pub clause: &'a Clause,
    /// The view of the clause it is a child of: the headings and topics
    /// above it (see [`context`] and [`has_topic`]).
    parent: Option<usize>,
    /// What it adds to the headings of the clauses below it: its heading,
    /// its text when it is only a heading, else nothing.
    label: &'a str,
    /// A heading line of its own before it (see `add_heading_lines`).
    heading_line: Option<&'a str>,
    /// The clause is only a heading (`7. Sub-verwerkers`): it gives context
    /// to the clauses below it and is no sentence of its own.
    pub heading_only: bool,
}

/// One sentence (or table row) of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence<'a> {
    /// Whitespace collapsed to single spaces.
    pub text: &'a str,
    /// Indexes into the clause views, in document order, without duplicates.
    pub clauses: &'a [usize],
    /// A list item starts with the text that introduces the list
    /// (`Verwerker zal:`): its length in bytes (0 without) ...
    pub lead_len: usize,
    /// ... and the clauses that text comes from.
    pub lead_clauses: &'a [usize],
}

/// The sentences of a document, their texts and clause lists stored one
/// after the other (no allocation per sentence).
#[derive(Debug, Default)]
pub(crate) struct Sentences {
    text: String,
    clauses: Vec<usize>,
    items: Vec<Item>,
}

/// Where one sentence's parts are in [`Sentences`].
#[derive(Debug, Clone, Copy)]
struct Item {
    text: (usize, usize),
    clauses: (usize, usize),
    lead_len: usize,
    lead_clauses: (usize, usize),
}

impl Sentences {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The sentences, in order.
    pub fn iter(&self) -> impl Iterator<Item = Sentence<'_>> + '_ {
        self.items.iter().map(|item| self.sentence(item))
    }

    /// Sentence `i`.
    #[cfg(test)]
    pub fn get(&self, i: usize) -> Option<Sentence<'_>> {
        self.items.get(i).map(|item| self.sentence(item))
    }

    fn sentence(&self, item: &Item) -> Sentence<'_> {
        let range = |(start, end): (usize, usize)| self.clauses.get(start..end).unwrap_or(&[]);
        Sentence {
            text: self.text.get(item.text.0..item.text.1).unwrap_or(""),
            clauses: range(item.clauses),
            lead_len: item.lead_len,
            lead_clauses: range(item.lead_clauses),
        }
    }

    /// All sentence texts, one after the other.
    pub fn all_text(&self) -> &str {
        &self.text
    }

    /// The bytes of all sentence texts.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Room for the sentences of about `bytes` of clause text.
    fn reserve(&mut self, bytes: usize) {
        self.text.reserve(bytes + bytes / 8);
        self.items.reserve(bytes / 64);
        self.clauses.reserve(bytes / 32);
    }

    /// Add clause indexes; their range.
    fn add_clauses(&mut self, clauses: &[usize]) -> (usize, usize) {
        let start = self.clauses.len();
        self.clauses.extend_from_slice(clauses);
        (start, self.clauses.len())
    }
}

/// A sentence longer than this is cut at the next line end (a table or list
/// that a PDF broke without punctuation must not become one endless sentence).
const MAX_SENTENCE: usize = 400;

/// Lowercase words that end with a dot without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "bijv", "bv", "nr", "art", "artt", "etc", "evt", "ca", "incl", "excl", "resp", "jo", "vs",
    "mr", "dhr", "mevr", "st", "blz", "pag", "zgn", "ivm", "mbt", "tbv", "dmv", "oa", "cq", "ed",
    "e.g", "i.e", "no",
];

/// The length of the longest of [`ABBREVIATIONS`].
const LONGEST_ABBREVIATION: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

/// Every clause of the tree in document order with its context.
pub(crate) fn clause_views(tree: &[Clause]) -> Vec<ClauseView<'_>> {
    let mut out = Vec::with_capacity(count_clauses(tree));
    for c in tree {
        walk(c, None, &mut out);
    }
    add_heading_lines(&mut out);
    out
}

/// The number of clauses in the tree.
fn count_clauses(tree: &[Clause]) -> usize {
    tree.iter().map(|c| 1 + count_clauses(&c.children)).sum()
}

fn walk<'a>(c: &'a Clause, parent: Option<usize>, out: &mut Vec<ClauseView<'a>>) {
    let heading_only = match c.heading.as_deref() {
        Some(h) => is_only_heading(&c.text, h),
        None => looks_like_heading(c.text.trim()),
    };
    let label = match &c.heading {
        Some(h) => h.as_str(),
        None if heading_only => c.text.trim(),
        None => "",
    };
    let me = out.len();
    out.push(ClauseView {
        clause: c,
        parent,
        label,
        heading_line: None,
        heading_only,
    });
    for child in &c.children {
        walk(child, Some(me), out);
    }
}

/// The views above view `i`, nearest first.
fn ancestors<'v, 'a>(
    views: &'v [ClauseView<'a>],
    i: usize,
) -> impl Iterator<Item = &'v ClauseView<'a>> {
    let first = views.get(i).and_then(|v| v.parent);
    std::iter::successors(first.and_then(|p| views.get(p)), |v| {
        v.parent.and_then(|p| views.get(p))
    })
}

/// The context of view `i`: the heading lines above the clause, its own
/// heading and its own text.
pub(crate) fn context(views: &[ClauseView<'_>], i: usize) -> String {
    let mut context = String::new();
    write_context(views, i, &mut context);
    context
}

/// [`context`] into `context` (cleared first), reusing its room.
pub(crate) fn write_context(views: &[ClauseView<'_>], i: usize, context: &mut String) {
    context.clear();
    let Some(v) = views.get(i) else {
        return;
    };
    let mut headings: Vec<&str> = ancestors(views, i).map(|a| a.label).collect();
    headings.reverse();
    let room = headings.iter().map(|h| h.len() + 1).sum::<usize>()
        + v.heading_line.map_or(0, |h| h.len() + 1)
        + v.clause.heading.as_ref().map_or(0, |h| h.len() + 1)
        + v.clause.text.len();
    context.reserve(room);
    if let Some(h) = v.heading_line {
        context.push_str(h);
        context.push('\n');
    }
    // The headings joined by line feeds, then the clause's heading and text
    // each on a line of its own (after the headings, if any).
    let base = context.len();
    for (k, h) in headings.iter().enumerate() {
        if k > 0 {
            context.push('\n');
        }
        context.push_str(h);
    }
    let own = v.clause.heading.as_deref().into_iter();
    for line in own.chain([v.clause.text.as_str()]) {
        if context.len() > base {
            context.push('\n');
        }
        context.push_str(line);
    }
}

/// Whether the clause of view `i` or a clause above it has one of `topics`
/// as its kind.
pub(crate) fn has_topic(views: &[ClauseView<'_>], i: usize, topics: &[ClauseKind]) -> bool {
    let own = views.get(i).into_iter();
    own.chain(ancestors(views, i))
        .any(|v| v.clause.kind.is_some_and(|k| topics.contains(&k)))
}

/// A heading-only clause has at most this many letters besides its heading.
const MAX_LABEL_LETTERS: usize = 8;

/// The clause text holds nothing but its heading and a number or label.
fn is_only_heading(text: &str, heading: &str) -> bool {
    let Some(at) = find_heading(text, heading) else {
        return false;
    };
    let rest = text[..at].chars().chain(text[at + heading.len()..].chars());
    rest.filter(|c| c.is_alphabetic())
        .take(MAX_LABEL_LETTERS + 1)
        .count()
        <= MAX_LABEL_LETTERS
}

/// Where the heading first occurs in the text: `text.find(heading)`,
/// looking first just after the clause number, where it usually is.
fn find_heading(text: &str, heading: &str) -> Option<usize> {
    let (t, h) = (text.as_bytes(), heading.as_bytes());
    let Some(&first) = h.first() else {
        return Some(0);
    };
    let near = t.len().min(HEADING_NEAR_START);
    let at_near = (0..near).find(|&i| t[i] == first && t[i..].starts_with(h));
    at_near.or_else(|| text.find(heading))
}

/// How far into a clause's text its heading is looked for first.
const HEADING_NEAR_START: usize = 32;

/// A clause that is only a heading line (`DATALEKPROTOCOL`, `7. Controle` as
/// a paragraph of its own) is the heading of the clauses after it, until the
/// next such line or the next clause with a heading of its own.
fn add_heading_lines<'a>(views: &mut [ClauseView<'a>]) {
    let mut current: Option<&'a str> = None;
    for v in views.iter_mut() {
        if v.clause.heading.is_some() {
            current = None;
        } else if v.heading_only && v.clause.children.is_empty() {
            current = Some(v.clause.text.trim());
        } else if current.is_some() {
            v.heading_line = current;
        }
    }
}

/// A heading line has at most this many words.
const MAX_HEADING_WORDS: usize = 8;

/// Words a sentence broken over paragraphs can end on (`naar keuze van`).
const OPEN_ENDINGS: &[&str] = &[
    "van", "de", "het", "een", "en", "of", "aan", "met", "voor", "naar", "op", "te", "in", "bij",
    "die", "dat", "door", "om", "zal", "zijn", "is", "wordt", "the", "of", "and", "to",
];

fn looks_like_heading(text: &str) -> bool {
    // The cheap conditions first; more than 320 bytes is more than 80
    // characters for sure.
    if text.is_empty()
        || text.len() > 80 * 4
        || text.ends_with(['.', ',', ';', ':'])
        || text.contains('\n')
    {
        return false;
    }
    let last_word = text
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    !OPEN_ENDINGS.contains(&last_word)
        && text.chars().count() <= 80
        && text.split_whitespace().count() <= MAX_HEADING_WORDS
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The sentences of the document, in order.
pub(crate) fn sentences(views: &[ClauseView<'_>]) -> Sentences {
    let mut b = Builder::default();
    b.out
        .reserve(views.iter().map(|v| v.clause.text.len()).sum());
    for (i, v) in views.iter().enumerate() {
        if v.heading_only {
            // A heading is a sentence of its own, never the start of the next.
            b.end_list();
            b.single_spaced = false;
            b.push(v.clause.text.trim(), i);
            b.flush();
            continue;
        }
        push_clause_lines(&mut b, &v.clause.text, i);
    }
    b.flush();
    b.out
}

/// The lines of clause `i`. A run of plain lines (words and commas only)
/// outside a list is added at once: line by line would give the same.
fn push_clause_lines(b: &mut Builder, text: &str, i: usize) {
    b.single_spaced = is_single_spaced(text);
    b.may_have_rows = memchr::memchr2(b'\t', b'|', text.as_bytes()).is_some();
    b.marks.clear();
    end_marks(text, &mut b.marks);
    b.next_mark = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let line_end = memchr::memchr(b'\n', rest.as_bytes());
        if !b.in_item && starts_plain_line(rest, line_end) {
            if let Some(m) = PLAIN_RUN.find(rest) {
                b.push_plain_run(m.as_str(), i);
                rest = &rest[m.end()..];
                continue;
            }
        }
        let (line, after) = split_line(rest, line_end);
        rest = after;
        let line = trim(line);
        if line.is_empty() {
            b.end_list_item();
        } else if b.may_have_rows && is_table_row(line) {
            b.flush();
            b.push(&line.replace('\t', " | "), i);
            b.flush();
        } else {
            b.push_line(line, offset_in(text, line), i);
        }
    }
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// Texts up to this long are checked byte by byte before (or instead of)
/// running a regex; longer ones go to the regex (fast in any build).
const SHORT_LINE: usize = 256;

/// Lines of words of ASCII letters and digits (and commas) with single
/// spaces between them, each ended by a line feed: no sentence ends, list
/// items, table cells or whitespace to trim or collapse.
static PLAIN_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:[A-Za-z0-9,]+(?: [A-Za-z0-9,]+)*\n)+").expect("valid regex")
});

/// Whether the text starts with a line `PLAIN_RUN` takes, of at most
/// `SHORT_LINE` bytes (a quick check before running it; a longer line is
/// taken line by line). `line_end` is where its first line feed is.
fn starts_plain_line(text: &str, line_end: Option<usize>) -> bool {
    // A quick look first: a plain line ends in a word byte (or a comma)
    // within `SHORT_LINE` bytes; prose lines end in punctuation.
    let ends_plain = line_end
        .filter(|&end| end <= SHORT_LINE)
        .and_then(|end| end.checked_sub(1))
        .and_then(|last| text.as_bytes().get(last))
        .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b',');
    if !ends_plain {
        return false;
    }
    let mut prev_space = true;
    for &b in text.as_bytes().iter().take(SHORT_LINE + 1) {
        match b {
            b'\n' => return !prev_space,
            b' ' if prev_space => return false,
            b' ' => prev_space = true,
            b',' => prev_space = false,
            _ if b.is_ascii_alphanumeric() => prev_space = false,
            _ => return false,
        }
    }
    false
}

/// The first line of `text` (without its line end, as `str::lines` gives
/// it) and the text after it; `line_end` is where the first line feed is.
fn split_line(text: &str, line_end: Option<usize>) -> (&str, &str) {
    let (line, rest) = match line_end {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    };
    (line.strip_suffix('\r').unwrap_or(line), rest)
}

/// `str::trim`, with a fast path for ASCII ends.
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let mut start = 0;
    let mut end = b.len();
    while start < end && is_ascii_whitespace_byte(b[start]) {
        start += 1;
    }
    while end > start && is_ascii_whitespace_byte(b[end - 1]) {
        end -= 1;
    }
    let t = &s[start..end];
    let non_ascii_end = |b: Option<&u8>| b.is_some_and(|b| !b.is_ascii());
    if non_ascii_end(t.as_bytes().first()) || non_ascii_end(t.as_bytes().last()) {
        t.trim()
    } else {
        t
    }
}

/// A bulleted or lettered list item (`• ...`, `- ...`, `a. ...`, `(b) ...`).
fn is_list_item(line: &str) -> bool {
    let b = line.as_bytes();
    let possible = match b.first() {
        Some(&c) if !c.is_ascii() => true,
        Some(b'*' | b'-' | b'(') => true,
        Some(c) if c.is_ascii_lowercase() => matches!(b.get(1), Some(b'.' | b')')),
        _ => false,
    };
    possible && is_list_item_start(line)
}

fn is_list_item_start(line: &str) -> bool {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([•·▪◦●○■□➢►✓*–—-]\s*|[a-z][.)]\s|\([a-z]{1,3}\)\s)").expect("valid regex")
    });
    ITEM.is_match(line)
}

fn is_table_row(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr2(b'\t', b'|', b).is_some() && (b.contains(&b'\t') || line.contains(" | "))
}

#[derive(Default)]
struct Builder {
    text: String,
    clauses: Vec<usize>,
    /// The text before a list, ending in `:`, that every list item continues
    /// (`Verwerker zal:` / `• ...` / `• ...`) ...
    lead: String,
    /// ... and its clauses (a range of `out.clauses`), when there is one.
    lead_clauses: Option<(usize, usize)>,
    /// The last line pushed was (part of) a list item.
    in_item: bool,
    last_clause: Option<usize>,
    /// Scratch space for the sentence ends of a line.
    ends: Vec<usize>,
    /// The end marks of the clause being added (see `end_marks`) ...
    marks: Vec<usize>,
    /// ... and the first of them not before the line being added.
    next_mark: usize,
    /// The clause being added has no whitespace but single spaces and line
    /// feeds: its pieces need no collapsing.
    single_spaced: bool,
    /// The clause being added has a tab or a bar: a line of it may be a
    /// table row (else no line is looked at for one).
    may_have_rows: bool,
    out: Sentences,
}

impl Builder {
    fn push(&mut self, piece: &str, clause: usize) {
        let piece = trim(piece);
        if piece.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        if self.single_spaced {
            self.text.push_str(piece);
        } else {
            push_collapsed(&mut self.text, piece);
        }
        self.add_clause(clause);
    }

    /// Add plain lines (see `PLAIN_RUN`) as `push_line` adds them one by
    /// one: joined by spaces, a sentence ending after the line that makes it
    /// longer than `MAX_SENTENCE`.
    fn push_plain_run(&mut self, run: &str, clause: usize) {
        self.last_clause = Some(clause);
        let body = run.strip_suffix('\n').unwrap_or(run);
        let mut start = 0;
        while start < body.len() {
            if self.text.len() > MAX_SENTENCE {
                self.flush();
            }
            let sep = usize::from(!self.text.is_empty());
            let budget = MAX_SENTENCE.saturating_sub(self.text.len());
            // The first line end `e` with sep + (e - start) > budget.
            let target = (start + budget + 1).saturating_sub(sep).max(start);
            let end = body
                .get(target..)
                .and_then(|tail| tail.find('\n'))
                .map_or(body.len(), |k| target + k);
            self.push_joined(&body[start..end], clause);
            start = end + 1;
        }
    }

    /// Add plain lines joined by spaces.
    fn push_joined(&mut self, lines: &str, clause: usize) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        for (i, line) in lines.split('\n').enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            self.text.push_str(line);
        }
        self.add_clause(clause);
    }

    fn add_clause(&mut self, clause: usize) {
        if self.clauses.last() != Some(&clause) && !self.clauses.contains(&clause) {
            self.clauses.push(clause);
        }
    }

    /// Add line `line` of a clause, which starts at byte `at` of the
    /// clause's text.
    fn push_line(&mut self, line: &str, at: usize, clause: usize) {
        if is_list_item(line) {
            self.start_item();
        } else if self.in_item
            && (self.text.is_empty()
                || self.last_clause != Some(clause)
                || line.chars().next().is_some_and(char::is_uppercase))
        {
            self.end_list();
        }
        self.last_clause = Some(clause);
        if self.text.len() > MAX_SENTENCE {
            self.flush();
        }
        let mut ends = std::mem::take(&mut self.ends);
        self.line_ends(line, at, &mut ends);
        let mut start = 0;
        for &end in &ends {
            self.push(&line[start..end], clause);
            self.flush();
            start = end;
        }
        self.ends = ends;
        self.push(&line[start..], clause);
    }

    /// What `sentence_ends` gives for the line at byte `at` of the clause,
    /// from the clause's end marks: a mark ends the line or is followed by
    /// the same whitespace in the line and in the clause.
    fn line_ends(&mut self, line: &str, at: usize, ends: &mut Vec<usize>) {
        ends.clear();
        let marks = self.marks.get(self.next_mark..).unwrap_or(&[]);
        let skipped = marks.iter().take_while(|&&m| m < at).count();
        self.next_mark += skipped;
        let in_line = marks[skipped..]
            .iter()
            .take_while(|&&m| m < at + line.len());
        ends.extend(in_line.map(|&m| m - at));
        keep_sentence_ends(line, ends);
    }

    /// A list item starts: it is a sentence of its own, continuing the lead.
    fn start_item(&mut self) {
        if self.in_item {
            self.flush();
        } else if self.text.trim_end().ends_with(':') {
            std::mem::swap(&mut self.lead, &mut self.text);
            self.text.clear();
            self.lead_clauses = Some(self.out.add_clauses(&self.clauses));
            self.clauses.clear();
        } else {
            self.flush();
            self.lead_clauses = None;
        }
        if self.lead_clauses.is_some() {
            self.text.clone_from(&self.lead);
        }
        self.in_item = true;
    }

    /// A blank line ends a list item (not a sentence broken over lines).
    fn end_list_item(&mut self) {
        if self.in_item {
            self.end_list();
        }
    }

    fn end_list(&mut self) {
        self.flush();
        self.lead_clauses = None;
        self.in_item = false;
    }

    fn flush(&mut self) {
        let (lead_len, lead_clauses) = match self.lead_clauses {
            Some(clauses) if self.in_item && self.text.starts_with(self.lead.as_str()) => {
                (self.lead.len(), clauses)
            }
            _ => (0, (0, 0)),
        };
        if self.text.len() > lead_len && !self.text.trim().is_empty() {
            let out = &mut self.out;
            let start = out.text.len();
            out.text.push_str(&self.text);
            let clauses = out.add_clauses(&self.clauses);
            out.items.push(Item {
                text: (start, out.text.len()),
                clauses,
                lead_len,
                lead_clauses,
            });
        }
        self.text.clear();
        self.clauses.clear();
    }
}

/// The text is ASCII and its only whitespace is single spaces (else the
/// regex below decides).
fn single_spaces_only(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() <= SHORT_LINE
        && s.is_ascii()
        && DOUBLE_SPACE.find(b).is_none()
        && memchr::memchr3(b'\t', b'\n', b'\r', b).is_none()
        && memchr::memchr2(0x0B, 0x0C, b).is_none()
}

static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// Whitespace other than a single space (`push_collapsed` changes the text).
static WS_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s\s|[\s&&[^ ]]").expect("valid regex"));
static WS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+").expect("valid regex"));

/// The text's only whitespace is single spaces and line feeds: a piece of
/// one of its lines, trimmed, needs no collapsing.
fn is_single_spaced(text: &str) -> bool {
    let b = text.as_bytes();
    DOUBLE_SPACE.find(b).is_none()
        && memchr::memchr3(b'\t', b'\r', 0x0B, b).is_none()
        && memchr::memchr(0x0C, b).is_none()
        && !has_wide_space(text)
}

/// Whether the text has non-ASCII whitespace (all of it starts with one of
/// the bytes looked for).
fn has_wide_space(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    let b = text.as_bytes();
    let is_space_at = |i: usize| {
        text.get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_whitespace)
    };
    memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b).any(is_space_at)
        || memchr::memchr_iter(0xE3, b).any(is_space_at)
}

/// `buf.push_str(s)` with each run of whitespace as one space.
fn push_collapsed(buf: &mut String, s: &str) {
    if single_spaces_only(s) || !WS_RUN.is_match(s) {
        buf.push_str(s);
        return;
    }
    let mut last = 0;
    for m in WS.find_iter(s) {
        buf.push_str(&s[last..m.start()]);
        buf.push(' ');
        last = m.end();
    }
    buf.push_str(&s[last..]);
}

/// Byte offsets just after each sentence-ending punctuation mark of a line,
/// into `ends` (cleared first). (Clauses find the marks of all their lines
/// at once: see `Builder::line_ends`.)
#[cfg(test)]
fn sentence_ends(line: &str, ends: &mut Vec<usize>) {
    /// A mark followed by whitespace or the end of the line.
    static END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[.!?;](?:\s|$)").expect("valid regex"));
    ends.clear();
    if line.len() <= SHORT_LINE {
        end_marks(line, ends);
    } else {
        ends.extend(END.find_iter(line).map(|m| m.start()));
    }
    keep_sentence_ends(line, ends);
}

/// Of the end marks of a line, keep those that end a sentence (a dot after
/// an abbreviation does not), each as the offset just after it.
fn keep_sentence_ends(line: &str, ends: &mut Vec<usize>) {
    ends.retain(|&i| line.as_bytes()[i] != b'.' || ends_sentence_at(line, i));
    for end in ends.iter_mut() {
        *end += 1;
    }
}

/// The marks `[.!?;]` followed by whitespace or the end of the text, into
/// `marks`.
fn end_marks(text: &str, marks: &mut Vec<usize>) {
    let b = text.as_bytes();
    marks.extend(memchr::memchr3_iter(b'.', b'!', b'?', b));
    let before = marks.len();
    marks.extend(memchr::memchr_iter(b';', b));
    if before > 0 && marks.len() > before {
        marks.sort_unstable();
    }
    marks.retain(|&i| match b.get(i + 1) {
        None => true,
        Some(&n) if n.is_ascii() => is_ascii_whitespace_byte(n),
        Some(_) => text[i + 1..]
            .chars()
            .next()
            .is_some_and(char::is_whitespace),
    });
}

/// Whether the dot at byte `dot` ends a sentence (not an abbreviation or a
/// clause number at the start of the line).
fn ends_sentence_at(line: &str, dot: usize) -> bool {
    let bytes = line.as_bytes();
    if ends_long_ascii_word(bytes, dot) {
        return true;
    }
    match ascii_word_before(bytes, dot) {
        Some(start) => ascii_word_ends_sentence(&bytes[start..dot], start == 0),
        None => ends_sentence_at_any(line, dot),
    }
}

/// The dot at byte `dot` follows more ASCII letters than any abbreviation
/// has (`persoonsgegevens.`): it ends a sentence, whatever comes before
/// them (no numbering, more than four letters, no abbreviation).
fn ends_long_ascii_word(bytes: &[u8], dot: usize) -> bool {
    let letters = LONGEST_ABBREVIATION + 1;
    dot.checked_sub(letters)
        .and_then(|start| bytes.get(start..dot))
        .is_some_and(|word| word.iter().all(u8::is_ascii_alphabetic))
}

/// Where the word before byte `dot` starts, when it is ASCII, at most
/// `SHORT_LINE` bytes long and follows ASCII whitespace or the line start
/// (else `None`: see `ends_sentence_at_any`).
fn ascii_word_before(bytes: &[u8], dot: usize) -> Option<usize> {
    let before = bytes.get(..dot)?;
    let lowest = dot.saturating_sub(SHORT_LINE);
    let mut at = dot;
    while at > lowest {
        let b = before[at - 1];
        if !b.is_ascii() {
            return None;
        }
        if is_ascii_whitespace_byte(b) {
            return Some(at);
        }
        at -= 1;
    }
    (at == 0).then_some(0)
}

/// `ends_sentence_at` for a short ASCII word before the dot.
fn ascii_word_ends_sentence(word: &[u8], at_line_start: bool) -> bool {
    let numbering = word.iter().all(|&b| b.is_ascii_digit() || b == b'.');
    if at_line_start && !word.is_empty() && numbering {
        return false;
    }
    let mut bare = [0u8; ABBREVIATION_ROOM];
    let (mut len, mut letters, mut dots) = (0, 0, false);
    for &b in word {
        if !(b.is_ascii_alphanumeric() || b == b'.') {
            continue;
        }
        dots |= b == b'.';
        letters += usize::from(b.is_ascii_alphabetic());
        if let Some(slot) = bare.get_mut(len) {
            *slot = b.to_ascii_lowercase();
        }
        len += 1;
    }
    if dots && letters <= 4 {
        return false;
    }
    len > ABBREVIATION_ROOM || !ABBREVIATION_KEYS.contains(&u64::from_le_bytes(bare))
}

/// Room for the longest of [`ABBREVIATIONS`] (a longer word is none).
const ABBREVIATION_ROOM: usize = 8;

/// Each of [`ABBREVIATIONS`] as the bytes of a `u64`, zero-padded.
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        let word = ABBREVIATIONS[i].as_bytes();
        assert!(word.len() <= ABBREVIATION_ROOM);
        let mut bytes = [0u8; ABBREVIATION_ROOM];
        let mut k = 0;
        while k < word.len() {
            bytes[k] = word[k];
            k += 1;
        }
        keys[i] = u64::from_le_bytes(bytes);
        i += 1;
    }
    keys
};

/// `ends_sentence_at` for any word before the dot.
fn ends_sentence_at_any(line: &str, dot: usize) -> bool {
    let before = &line[..dot];
    let word_start = word_start(before);
    let word = &before[word_start..];
    if word.len() > SHORT_LINE && word.is_ascii() {
        return long_word_ends_sentence(word, word_start == 0);
    }
    if word_start == 0 && !word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return false;
    }
    // A plain ASCII word longer than any abbreviation (the usual case).
    let plain = word.is_ascii() && !word.contains('.');
    if plain && word.bytes().filter(u8::is_ascii_alphanumeric).count() > LONGEST_ABBREVIATION {
        return true;
    }
    is_sentence_end_word(word)
}

/// The rest of `ends_sentence_at`: the dot after `word` ends a sentence
/// unless the word is an abbreviation.
fn is_sentence_end_word(word: &str) -> bool {
    let bare: String = word
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '.')
        .collect::<String>()
        .to_lowercase();
    if bare.contains('.') && bare.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return false;
    }
    !ABBREVIATIONS.contains(&bare.as_str())
}

/// Where the last word of `before` starts (after its last whitespace).
fn word_start(before: &str) -> usize {
    static LAST_WS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s\S*\z").expect("valid regex"));
    if before.len() > SHORT_LINE {
        return LAST_WS.find(before).map_or(0, |m| {
            let ws = before[m.start()..].chars().next().map_or(1, char::len_utf8);
            m.start() + ws
        });
    }
    before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8())
}

/// `ends_sentence_at` for a long ASCII word, with regexes instead of loops
/// over its characters (fast in unoptimized builds too).
fn long_word_ends_sentence(word: &str, at_line_start: bool) -> bool {
    static NUMBERING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\A[0-9.]+\z").expect("valid regex"));
    static FIVE_LETTERS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:[^A-Za-z]*[A-Za-z]){5}").expect("valid regex"));
    static LONGER_THAN_ABBREVIATIONS: LazyLock<Regex> = LazyLock::new(|| {
        let n = LONGEST_ABBREVIATION + 1;
        Regex::new(&format!("(?:[^A-Za-z0-9.]*[A-Za-z0-9.]){{{n}}}")).expect("valid regex")
    });
    if at_line_start && NUMBERING.is_match(word) {
        return false;
    }
    if word.contains('.') && !FIVE_LETTERS.is_match(word) {
        return false;
    }
    LONGER_THAN_ABBREVIATIONS.is_match(word) || is_sentence_end_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_fixtures::clause;

    fn texts(tree: &[Clause]) -> Vec<String> {
        sentences(&clause_views(tree))
            .iter()
            .map(|s| s.text.to_string())
            .collect()
    }

    #[test]
    fn splits_at_sentence_ends_but_not_at_abbreviations() {
        let tree = [clause(
            "p1",
            "Leverancier B.V. meldt o.a. lekken. Daarna volgt bijv. overleg; klaar.",
        )];
        assert_eq!(
            texts(&tree),
            [
                "Leverancier B.V. meldt o.a. lekken.",
                "Daarna volgt bijv. overleg;",
                "klaar."
            ]
        );
    }

    #[test]
    fn a_clause_without_closing_punctuation_continues_into_the_next() {
        let tree = [
            clause("p1", "5.2 Na het einde zal Verwerker, naar keuze van"),
            clause("p2", "Verantwoordelijke:"),
            clause("p3", "• alle gegevens wissen, of\n• teruggeven."),
            clause("p4", "Slot."),
        ];
        let s = sentences(&clause_views(&tree));
        assert_eq!(s.len(), 3);
        let (s0, s1) = (s.get(0).expect("three"), s.get(1).expect("three"));
        assert_eq!(s0.clauses, [2]);
        assert_eq!(s0.text, "5.2 Na het einde zal Verwerker, naar keuze van Verantwoordelijke: • alle gegevens wissen, of");
        assert_eq!(
            s1.text,
            "5.2 Na het einde zal Verwerker, naar keuze van Verantwoordelijke: • teruggeven."
        );
    }

    #[test]
    fn list_items_are_sentences_that_continue_their_lead() {
        let tree = [clause(
            "p1",
            "Wij zullen:\n• eerste punt\n• tweede punt, dat\ndoorloopt\nNieuwe alinea.",
        )];
        assert_eq!(
            texts(&tree),
            [
                "Wij zullen: • eerste punt",
                "Wij zullen: • tweede punt, dat doorloopt",
                "Nieuwe alinea."
            ]
        );
    }

    #[test]
    fn table_rows_are_sentences_of_their_own() {
        let tree = [clause("p1", "Partij | Doel\nAcme | Opslag\nTekst erna")];
        assert_eq!(
            texts(&tree),
            ["Partij | Doel", "Acme | Opslag", "Tekst erna"]
        );
    }

    #[test]
    fn a_leading_clause_number_is_not_a_sentence_end() {
        let tree = [clause("p1", "3. Datalekken worden gemeld. Klaar.")];
        assert_eq!(texts(&tree), ["3. Datalekken worden gemeld.", "Klaar."]);
    }

    #[test]
    fn flat_paragraphs_get_the_heading_line_before_them_as_context() {
        let tree = [
            clause("p1", "7. Controle"),
            clause("p2", "Je mag dat nagaan."),
        ];
        let v = clause_views(&tree);
        assert!(context(&v, 1).starts_with("7. Controle\n"));
        assert_eq!(context(&v, 0), "7. Controle");
    }

    #[test]
    fn nested_clauses_see_the_headings_and_kinds_above_them() {
        let mut parent = clause("4", "4. Geheimhouding");
        parent.heading = Some("Geheimhouding".into());
        parent.kind = Some(ClauseKind::Confidentiality);
        parent
            .children
            .push(clause("4.1", "4.1 Alles blijft binnen."));
        let v = clause_views(std::slice::from_ref(&parent));
        assert!(has_topic(&v, 1, &[ClauseKind::Confidentiality]));
        assert!(!has_topic(&v, 1, &[ClauseKind::Security]));
        assert!(!has_topic(&v, 2, &[ClauseKind::Confidentiality]));
        assert!(context(&v, 1).starts_with("Geheimhouding\n"));
    }

    /// `context` as joins and copies build it.
    fn context_by_joins(views: &[ClauseView<'_>], i: usize) -> String {
        let v = &views[i];
        let mut headings: Vec<&str> = ancestors(views, i).map(|a| a.label).collect();
        headings.reverse();
        let mut context = headings.join("\n");
        for line in v.clause.heading.iter().chain([&v.clause.text]) {
            if !context.is_empty() {
                context.push('\n');
            }
            context.push_str(line);
        }
        match v.heading_line {
            Some(h) => format!("{h}\n{context}"),
            None => context,
        }
    }

    #[test]
    fn contexts_are_built_as_joins_build_them() {
        let mut parent = clause("4", "4. Geheimhouding");
        parent.heading = Some("Geheimhouding".into());
        let mut middle = clause("4.1", "4.1 Tekst zonder kop.");
        middle.children.push(clause("4.1.a", "a. Onderdeel."));
        parent.children.push(middle);
        let tree = [
            clause("p1", "DATALEKPROTOCOL"),
            clause("p2", "Melden binnen een dag."),
            parent,
            clause("p3", ""),
        ];
        let views = clause_views(&tree);
        for i in 0..views.len() {
            assert_eq!(context(&views, i), context_by_joins(&views, i), "{i}");
        }
    }

    /// The sentences of clauses as (text, clauses, lead length).
    fn full(tree: &[Clause]) -> Vec<(String, Vec<usize>, usize)> {
        sentences(&clause_views(tree))
            .iter()
            .map(|s| (s.text.to_string(), s.clauses.to_vec(), s.lead_len))
            .collect()
    }

    /// A trailing space keeps a line out of the plain-run fast path without
    /// changing what it says: both ways give the same sentences.
    #[test]
    fn plain_runs_give_what_line_by_line_gives() {
        let lines = [
            "Artikel 1",
            "Verwerker en Verantwoordelijke, hierna Partijen",
            "ab",
            "x",
        ];
        for n in [1, 2, 7, 60, 400] {
            let mut fast = String::new();
            let mut slow = String::new();
            for k in 0..n {
                let line = lines[k % lines.len()];
                fast.push_str(&format!("{line}\n"));
                slow.push_str(&format!("{line} \n"));
            }
            for tail in ["", "Slot.", "Wij zullen:\n• eerste punt\nNog een regel\n"] {
                let tree = |body: &str| {
                    [
                        clause("p1", "Voorwoord zonder punt"),
                        clause("p2", &format!("{body}{tail}")),
                        clause("p3", "Volgende alinea\nmet twee regels"),
                    ]
                };
                assert_eq!(
                    full(&tree(&fast)),
                    full(&tree(&slow)),
                    "{n} lines, tail {tail:?}"
                );
            }
        }
        let long = "woord ".repeat(100) + "\n";
        assert_eq!(texts(&[clause("p1", &long.repeat(3))]).len(), 3);
    }

    #[test]
    fn sentence_marks_are_found_in_short_and_long_lines_alike() {
        let short = "Eerst dit. Dan dat; ook\u{a0}dit! Klaar?";
        let long = format!("{} {short}", "woord".repeat(60));
        let mut marks = Vec::new();
        end_marks(short, &mut marks);
        assert_eq!(marks, [9, 18, 28, 35]);
        let mut ends = Vec::new();
        sentence_ends(&long, &mut ends);
        assert_eq!(ends.len(), 4);
        assert_eq!(ends[0], 300 + 1 + 10);
    }

    /// The clause-wide end marks give each line the sentence ends that
    /// `sentence_ends` finds in the line alone.
    #[test]
    fn clause_marks_give_each_line_its_sentence_ends() {
        let pieces = [
            "Zin een. ",
            "bijv. ",
            "art. 3 ",
            "Vraag? ",
            "ja!",
            ";",
            " ",
            "\n",
            "\r\n",
            "\t",
            "\u{a0}",
            "woord",
            "1.",
            "e.g.",
            "\u{2026}",
            "\u{cb}.",
            "  ",
            ".\u{2003}x",
        ];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for n in 0..400 {
            let mut text = String::new();
            for _ in 0..n % 40 {
                // xorshift64
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                text.push_str(pieces[(x % pieces.len() as u64) as usize]);
            }
            if n % 7 == 0 {
                text.push_str(&"lang woord. ".repeat(30));
            }
            let mut b = Builder::default();
            end_marks(&text, &mut b.marks);
            let mut rest = text.as_str();
            while !rest.is_empty() {
                let (line, after) = split_line(rest, rest.find('\n'));
                rest = after;
                let line = trim(line);
                if line.is_empty() {
                    continue;
                }
                let (mut fast, mut simple) = (Vec::new(), Vec::new());
                b.line_ends(line, offset_in(&text, line), &mut fast);
                sentence_ends(line, &mut simple);
                assert_eq!(fast, simple, "{line:?} in {text:?}");
            }
        }
    }

    #[test]
    fn fast_trim_and_lines_match_the_standard_ones() {
        for s in ["", "  a b \t", "\u{a0}x\u{2003}", " \r\n", "é ", "\u{85}y"] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
        for s in ["a\nb", "a\r\nb\r\n", "\n\n", "", "x\n"] {
            let mut ours: Vec<&str> = Vec::new();
            let mut rest = s;
            while !rest.is_empty() {
                let (line, after) = split_line(rest, rest.find('\n'));
                ours.push(line.trim());
                rest = after;
            }
            let std: Vec<&str> = s.lines().map(str::trim).collect();
            assert_eq!(ours, std, "{s:?}");
        }
    }

    #[test]
    fn single_spaced_texts_need_no_collapsing() {
        for text in [
            "Eén regel – met ‘aanhalingstekens’ en € 5.\nTweede regel.",
            "a b\nc d e\n",
            "x",
        ] {
            assert!(is_single_spaced(text), "{text:?}");
            for line in text.lines() {
                assert!(!WS_RUN.is_match(line.trim()), "{line:?}");
            }
        }
        for text in [
            "a  b",
            "a\tb",
            "a\rb",
            "a\u{b}b",
            "a\u{c}b",
            "a\u{a0}b",
            "a\u{85}b",
            "a\u{2009}b",
            "a\u{202f}b",
            "a\u{3000}b",
            "a\u{1680}b",
        ] {
            assert!(!is_single_spaced(text), "{text:?}");
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() && !matches!(c, ' ' | '\n') {
                assert!(!is_single_spaced(&format!("a{c}b")), "{c:?}");
            }
        }
    }

    /// `has_wide_space` finds what a look at every character finds (on
    /// written texts and on the clauses of the customer documents).
    #[test]
    fn wide_spaces_are_found_as_a_look_at_each_character_finds_them() {
        let mut texts: Vec<String> = [
            "alleen ASCII, met  spaties\tén",
            "Eén regel – met ‘aanhalingstekens’ en € 5.",
            "een\u{a0}harde spatie",
            "smal\u{202f}en\u{3000}breed",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        for raw in crate::test_fixtures::raw_texts() {
            texts.extend(raw.split("\n\n").map(str::to_string));
            texts.push(raw);
        }
        for text in &texts {
            let each = text.chars().any(|c| c.is_whitespace() && !c.is_ascii());
            assert_eq!(has_wide_space(text), each, "{text:?}");
        }
    }

    /// The ASCII fast path of `ends_sentence_at` decides like the general one.
    #[test]
    fn ascii_words_before_a_dot_are_judged_like_any_word() {
        let lines = [
            "Leverancier B.V. meldt o.a. lekken. Daarna volgt bijv. overleg.",
            "1.2. Artikel 3. art. 28 AVG, Art. 5 e.g. i.e. no. NR. Bv. (bijv.) incl.",
            "12. a.b.c.d.e. abc. abcde. ABCDEFGHIJ. x.y. x. . .. e.g.. 1.a.",
            "Dhr. Jansen c.q. mevr. De Vries, zgn. \"tbv.\" etc. artt. 3-4.",
            "tab\tgescheiden.\tregel. ver\u{b}ticaal. straße. caf\u{e9}. é.",
            "3.",
            ".",
            "woord.",
            "persoonsgegevens. Overeenkomst. ABCDEFGHI. abcdefgh. abc.defghijkl.",
            "1.23456789abcdefghi. é.abcdefghi. \u{e9}abcdefghij. bijvoorbeeld. e.g.abcdefghi.",
            "a.b.c.d.abcdefghi. 123456789. x1abcdefghi. Verwerkingsverantwoordelijke.",
            "hallo. mevrx. incl. inclu. e.g.abcde. 1.abcde. (bijvo. Mevr. MEVRO. a1bcdef.",
            "abcde.",
            "abcd.",
        ];
        let fixtures = crate::test_fixtures::raw_texts();
        let lines = lines
            .into_iter()
            .chain(fixtures.iter().flat_map(|text| text.lines()));
        for line in lines {
            for (dot, _) in line.match_indices('.') {
                assert_eq!(
                    ends_sentence_at(line, dot),
                    ends_sentence_at_any(line, dot),
                    "{line:?} at {dot}"
                );
            }
        }
    }

    #[test]
    fn long_words_before_a_dot_are_judged_like_short_ones() {
        let cases = [
            ("1.2.", 0),
            ("aa.bb.", 0),
            ("xyz.", 0),
            ("(((((bv).", 0),
            ("zin eindigt hier.", 4),
            ("Leverancier.", 0),
            ("a.b.c.d.e.f.", 0),
        ];
        for (word, _) in cases {
            let dot = word.len() - 1;
            let pad = |w: &str| format!("{}{w}", "((".repeat(SHORT_LINE));
            let long = pad(word);
            let ascii = word.is_ascii();
            if ascii {
                let long_dot = long.len() - 1;
                let w = &long[..long_dot];
                assert_eq!(
                    long_word_ends_sentence(w, true),
                    is_sentence_end_word(w) && !(w.chars().all(|c| c.is_ascii_digit() || c == '.')),
                    "{word}"
                );
            }
            let _ = ends_sentence_at(word, dot);
        }
        assert!(!ends_sentence_at(
            &"1.".repeat(SHORT_LINE),
            2 * SHORT_LINE - 1
        ));
        let digits = format!("{}.", "1".repeat(2 * SHORT_LINE));
        assert!(!ends_sentence_at(&digits, digits.len() - 1));
        let words = format!("{} einde.", "woord ".repeat(SHORT_LINE));
        assert!(ends_sentence_at(&words, words.len() - 1));
        let abbreviation = format!("{} bijv.", "woord ".repeat(SHORT_LINE));
        assert!(!ends_sentence_at(&abbreviation, abbreviation.len() - 1));
    }
}
