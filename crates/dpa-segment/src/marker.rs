//! Line-start markers: part titles, article and clause numbers, letters,
//! roman numerals and bullets. A marker is only a candidate: the tree
//! builder decides from the context whether it starts a clause.

use crate::lines::first_letter_bit;
use crate::vocab::{self, PartKind, PART_TITLES, PART_WORDS};
use regex::Regex;
use std::sync::LazyLock;

/// What a line starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// A part title (`DEEL 1: ...`, `Bijlage A`, `Overwegingen`).
    Part {
        kind: PartKind,
        label: Option<String>,
    },
    /// `Artikel 3`, `Art. 3`, `Artikel 3.1`.
    Article { number: Number },
    /// `1`, `1.`, `1.1`, `1.1.1`, `1)`, `(1)`.
    Numeric {
        number: Number,
        bare: bool,
        paren: bool,
    },
    /// `a.`, `a)`, `(a)`, `- a.`; `upper` for `A.`.
    Letter { letter: char, upper: bool },
    /// `i.`, `(iv)`, `ii)`.
    Roman { value: u32 },
    /// `•`, `-`, `–`, `*`.
    Bullet,
}

/// The most parts a clause number has (`\d{1,3}(?:\.\d{1,3}){0,15}`).
pub const MAX_PARTS: usize = 16;

/// A clause number as its parts (`4.1.2` as `[4, 1, 2]`), held inline.
#[derive(Debug, Clone, Copy, Default)]
pub struct Number {
    parts: [u32; MAX_PARTS],
    len: usize,
}

impl Number {
    /// The number of one part.
    pub fn single(n: u32) -> Number {
        let mut parts = [0; MAX_PARTS];
        parts[0] = n;
        Number { parts, len: 1 }
    }

    /// The number of these parts; `None` for more than [`MAX_PARTS`].
    pub fn from_parts(parts: &[u32]) -> Option<Number> {
        let mut out = Number {
            parts: [0; MAX_PARTS],
            len: parts.len(),
        };
        out.parts.get_mut(..parts.len())?.copy_from_slice(parts);
        Some(out)
    }

    /// Add a part; `None` when the number is full.
    fn push(&mut self, part: u32) -> Option<()> {
        *self.parts.get_mut(self.len)? = part;
        self.len += 1;
        Some(())
    }
}

impl std::ops::Deref for Number {
    type Target = [u32];

    fn deref(&self) -> &[u32] {
        &self.parts[..self.len]
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        **self == **other
    }
}

impl Eq for Number {}

/// A marker and where the rest of the line starts (byte offset in the line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub marker: Marker,
    pub rest: usize,
}

/// A Unicode decimal digit other than `0`-`9` (what `\d` also matches).
static OTHER_DIGIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Nd}$").expect("digit regex"));

/// Read the marker at the start of a (trimmed, non-blank) line.
///
/// Each reader below is a hand-written matcher with the semantics of the
/// pattern in its doc comment (leftmost-first, as the `regex` crate reads
/// it); the differential test in `marker_reference` holds them to that.
pub fn find(line: &str) -> Option<Found> {
    if !may_start_marker(line) {
        return None;
    }
    // Only a number can follow a leading digit (the other readers need a
    // letter, a parenthesis or a bullet first).
    if line.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return number_marker(line);
    }
    // After a bullet only a lettered item (`- a.`) or the bullet itself.
    if char_at(line, 0).is_some_and(is_bullet) {
        if let Some((letter, rest)) = lower_letter(line) {
            let upper = false;
            let marker = Marker::Letter { letter, upper };
            return Some(Found { marker, rest });
        }
        return bullet_marker(line);
    }
    if let Some(f) = part(line) {
        return Some(f);
    }
    if line.starts_with('A') {
        if let Some((number, rest)) = article(line) {
            let number = parse_dotted(number)?;
            return Some(Found {
                marker: Marker::Article { number },
                rest,
            });
        }
    }
    if let Some((letter, rest)) = lower_letter(line) {
        // `i.`/`v.`/`x.` may be roman numerals: the builder decides.
        let upper = false;
        let marker = Marker::Letter { letter, upper };
        return Some(Found { marker, rest });
    }
    if let Some((numeral, rest)) = roman(line) {
        let value = roman_value(numeral)?;
        let marker = Marker::Roman { value };
        return Some(Found { marker, rest });
    }
    if let Some((letter, rest)) = upper_letter(line) {
        let upper = true;
        let marker = Marker::Letter { letter, upper };
        return Some(Found { marker, rest });
    }
    number_marker(line)
}

/// `(1)`, `1)`, `1`, `1.`, `4.1`: the numeric markers.
fn number_marker(line: &str) -> Option<Found> {
    if let Some(found) = plain_number(line) {
        return Some(found);
    }
    if let Some((digits, rest)) = paren_numeric(line) {
        let n: u32 = digits.parse().ok()?;
        let marker = Marker::Numeric {
            number: Number::single(n),
            bare: false,
            paren: true,
        };
        return Some(Found { marker, rest });
    }
    if let Some((number, dot, rest)) = numeric(line) {
        let number = parse_dotted(number)?;
        let bare = !dot && number.len() == 1;
        let marker = Marker::Numeric {
            number,
            bare,
            paren: false,
        };
        return Some(Found { marker, rest });
    }
    bullet_marker(line)
}

/// The common numeric marker read byte by byte: groups of one to three
/// ASCII digits joined by single dots, an optional dot, then the end of the
/// line or ASCII spaces up to an ASCII char or the end. `None` for any
/// other line, which the general readers below then read; where this
/// reader answers they answer the same (the differential test in
/// `marker_reference` holds it to the regexes too).
fn plain_number(line: &str) -> Option<Found> {
    let b = line.as_bytes();
    let mut number = Number::default();
    let mut i = 0;
    loop {
        let start = i;
        let mut value = 0;
        while let Some(d) = b.get(i).filter(|d| d.is_ascii_digit()) {
            if i - start == 3 {
                return None;
            }
            value = value * 10 + u32::from(d - b'0');
            i += 1;
        }
        if i == start {
            return None;
        }
        number.push(value)?;
        if b.get(i) != Some(&b'.') || !b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            break;
        }
        i += 1;
    }
    let dot = b.get(i) == Some(&b'.');
    let end = i + usize::from(dot);
    let mut rest = end;
    while b.get(rest) == Some(&b' ') {
        rest += 1;
    }
    let tail_ok = match b.get(rest) {
        None => true,
        Some(&next) => rest > end && next.is_ascii(),
    };
    if !tail_ok {
        return None;
    }
    let bare = !dot && number.len() == 1;
    let marker = Marker::Numeric {
        number,
        bare,
        paren: false,
    };
    Some(Found { marker, rest })
}

/// `•`, `-`, `*` ... followed by text.
fn bullet_marker(line: &str) -> Option<Found> {
    if !bullet(line) {
        return None;
    }
    let rest = line
        .char_indices()
        .nth(1)
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    let tail = line.get(rest..).unwrap_or("");
    let rest = rest + (tail.len() - tail.trim_start().len());
    Some(Found {
        marker: Marker::Bullet,
        rest,
    })
}

// ----- hand-written matchers ---------------------------------------------------

/// The char at byte offset `at`.
fn char_at(s: &str, at: usize) -> Option<char> {
    s.get(at..).and_then(|t| t.chars().next())
}

/// After the part word (`word_end` bytes) of a part title line, with the
/// semantics of
/// `^(?i)(deel|...)(?:\s+([0-9]{1,2}|[a-z]|[ivx]{1,4}))?(?:\s*([.:\-–—])\s*|\s+|$)(.*)$`:
/// the label, whether a separator mark follows, and where the title text
/// starts.
fn part_word_tail(line: &str, word_end: usize) -> Option<(Option<&str>, bool, usize)> {
    let ws_end = skip_while(line, word_end, char::is_whitespace);
    if ws_end > word_end {
        for end in label_ends(line, ws_end) {
            if let Some((sep, rest)) = part_separator(line, end) {
                return Some((Some(&line[ws_end..end]), sep, rest));
            }
        }
    }
    let (sep, rest) = part_separator(line, word_end)?;
    Some((None, sep, rest))
}

/// The ends of the label candidates at `at`, in the order the pattern
/// tries them: `[0-9]{1,2}` (longest first), `[a-z]`, `[ivx]{1,4}`
/// (longest first); letters in any case (with the Kelvin sign and the long
/// s that case-insensitive `k` and `s` match).
fn label_ends(line: &str, at: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let digits = skip_while(line, at, |c| c.is_ascii_digit());
    if digits > at {
        ends.push(digits.min(at + 2));
        if digits > at + 1 {
            ends.push(at + 1);
        }
    }
    if let Some(c) =
        char_at(line, at).filter(|&c| c.is_ascii_alphabetic() || c == '\u{212a}' || c == '\u{17f}')
    {
        ends.push(at + c.len_utf8());
    }
    let mut roman = at;
    let mut count = 0;
    while count < 4 && char_at(line, roman).is_some_and(|c| "ivxIVX".contains(c)) {
        roman += 1;
        count += 1;
    }
    for n in (1..=count).rev() {
        ends.push(at + n);
    }
    ends
}

/// `(?:\s*([.:\-–—])\s*|\s+|$)` at `at`: whether the mark is there and
/// the match end.
fn part_separator(line: &str, at: usize) -> Option<(bool, usize)> {
    let ws = skip_while(line, at, char::is_whitespace);
    if let Some(c) = char_at(line, ws).filter(|c| matches!(c, '.' | ':' | '-' | '–' | '—')) {
        return Some((
            true,
            skip_while(line, ws + c.len_utf8(), char::is_whitespace),
        ));
    }
    (ws > at || at == line.len()).then_some((false, ws))
}

/// `\d`: a Unicode decimal digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric() && is_other_digit(c))
}

fn is_other_digit(c: char) -> bool {
    let mut buf = [0u8; 4];
    OTHER_DIGIT.is_match(c.encode_utf8(&mut buf))
}

/// Skip chars while `keep` holds; the offset after them.
fn skip_while(s: &str, mut at: usize, keep: impl Fn(char) -> bool) -> usize {
    while let Some(c) = char_at(s, at) {
        if !keep(c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

/// `[ \u{a0}]`
fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}'
}

/// `[ \u{a0}]+`: the offset after the run, if there is at least one.
fn spaces(s: &str, at: usize) -> Option<usize> {
    let end = skip_while(s, at, is_space);
    (end > at).then_some(end)
}

/// A run of 1 to 3 `\d` at `at` followed by no further digit: its end.
fn digit_run(s: &str, at: usize, max: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut end = at;
    let mut count = 0;
    while let Some(&b) = bytes.get(end) {
        if b.is_ascii_digit() {
            end += 1;
        } else if b.is_ascii() {
            break;
        } else {
            match char_at(s, end).filter(|&c| is_digit(c)) {
                Some(c) => end += c.len_utf8(),
                None => break,
            }
        }
        count += 1;
    }
    (1..=max).contains(&count).then_some(end)
}

/// `\d{1,3}(?:\.\d{1,3}){0,15}` at `at`: the end offsets of the number
/// with 0, 1, 2, ... groups. A digit run longer than three chars cannot be
/// followed by what the patterns require, so only whole runs are tried.
fn dotted_ends(s: &str, at: usize) -> Ends {
    let mut ends = Ends {
        at: [0; 16],
        len: 0,
    };
    let Some(mut end) = digit_run(s, at, 3) else {
        return ends;
    };
    ends.push(end);
    while ends.len < 16 && s.as_bytes().get(end) == Some(&b'.') {
        match digit_run(s, end + 1, 3) {
            Some(e) => end = e,
            None => break,
        }
        ends.push(end);
    }
    ends
}

/// Up to 16 end offsets, without allocating.
struct Ends {
    at: [usize; 16],
    len: usize,
}

impl Ends {
    fn push(&mut self, end: usize) {
        if let Some(slot) = self.at.get_mut(self.len) {
            *slot = end;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[usize] {
        &self.at[..self.len]
    }
}

/// `^(?:Artikel|ARTIKEL|Art\.|ART\.|Article|ARTICLE)\s+(\d{1,3}(?:\.\d{1,3}){0,15})\.?(?:\s*[-–—:.]\s*|\s+|$)`:
/// the number and the match end.
fn article(line: &str) -> Option<(&str, usize)> {
    let word = vocab::ARTICLE_WORDS
        .iter()
        .find(|w| line.starts_with(**w))?;
    let at = skip_while(line, word.len(), char::is_whitespace);
    if at == word.len() {
        return None;
    }
    for &end in dotted_ends(line, at).as_slice().iter().rev() {
        let dotted = line.as_bytes().get(end) == Some(&b'.');
        let after_dot = dotted.then(|| article_tail(line, end + 1)).flatten();
        if let Some(m) = after_dot.or_else(|| article_tail(line, end)) {
            return Some((&line[at..end], m));
        }
    }
    None
}

/// `(?:\s*[-–—:.]\s*|\s+|$)` at `at`: the match end.
fn article_tail(line: &str, at: usize) -> Option<usize> {
    let ws = skip_while(line, at, char::is_whitespace);
    if let Some(c) = char_at(line, ws).filter(|c| matches!(c, '-' | '–' | '—' | ':' | '.')) {
        return Some(skip_while(line, ws + c.len_utf8(), char::is_whitespace));
    }
    (ws > at || at == line.len()).then_some(ws)
}

/// `^(\d{1,3}(?:\.\d{1,3}){0,15})(\.?)(?:[ \u{a0}]+|$)`: the number,
/// whether the dot is there, and the match end.
fn numeric(line: &str) -> Option<(&str, bool, usize)> {
    for &end in dotted_ends(line, 0).as_slice().iter().rev() {
        let dotted = line.as_bytes().get(end) == Some(&b'.');
        if dotted {
            if let Some(m) = numeric_tail(line, end + 1) {
                return Some((&line[..end], true, m));
            }
        }
        if let Some(m) = numeric_tail(line, end) {
            return Some((&line[..end], false, m));
        }
    }
    None
}

/// `(?:[ \u{a0}]+|$)` at `at`: the match end.
fn numeric_tail(line: &str, at: usize) -> Option<usize> {
    spaces(line, at).or((at == line.len()).then_some(at))
}

/// `^(\()?(\d{1,2})\)[ \u{a0}]+`: the digits and the match end.
fn paren_numeric(line: &str) -> Option<(&str, usize)> {
    let at = usize::from(line.starts_with('('));
    let end = digit_run(line, at, 2)?;
    if line.as_bytes().get(end) != Some(&b')') {
        return None;
    }
    Some((&line[at..end], spaces(line, end + 1)?))
}

/// `^(?:[-–•*·▪][ \u{a0}]+)?(?:\(([a-z])\)|([a-z])[.)])[ \u{a0}]+`: the
/// letter and the match end.
fn lower_letter(line: &str) -> Option<(char, usize)> {
    let lead = char_at(line, 0)
        .filter(|c| matches!(c, '-' | '–' | '•' | '*' | '·' | '▪'))
        .and_then(|c| spaces(line, c.len_utf8()))
        .unwrap_or(0);
    let (letter, end) = letter_item(line, lead, |c| c.is_ascii_lowercase())?;
    Some((letter, spaces(line, end)?))
}

/// `^(?:\(([A-Z])\)|([A-Z])[.)])[ \u{a0}]+\S`: the letter and where the
/// text after the marker starts (the start of the `\S` char).
fn upper_letter(line: &str) -> Option<(char, usize)> {
    let (letter, end) = letter_item(line, 0, |c| c.is_ascii_uppercase())?;
    let at = spaces(line, end)?;
    char_at(line, at).filter(|c| !c.is_whitespace())?;
    Some((letter, at))
}

/// `\(L\)|L[.)]` at `at` for a letter class `L`: the letter and the end.
fn letter_item(line: &str, at: usize, class: impl Fn(char) -> bool) -> Option<(char, usize)> {
    let b = line.as_bytes();
    let c = char::from(*b.get(at)?);
    if c == '(' {
        let l = char::from(*b.get(at + 1)?);
        return (class(l) && b.get(at + 2) == Some(&b')')).then_some((l, at + 3));
    }
    (class(c) && matches!(b.get(at + 1), Some(b'.' | b')'))).then_some((c, at + 2))
}

/// `^(?:\((x{0,3}(?:ix|iv|v?i{0,3}))\)|(x{0,3}(?:ix|iv|v?i{0,3}))[.)])[ \u{a0}]+`:
/// the numeral (possibly empty) and the match end.
fn roman(line: &str) -> Option<(&str, usize)> {
    let paren = line.starts_with('(');
    let at = usize::from(paren);
    let end = skip_while(line, at, |c| matches!(c, 'i' | 'v' | 'x'));
    let numeral = &line[at..end];
    if !is_roman_shape(numeral) {
        return None;
    }
    let close = match line.as_bytes().get(end) {
        Some(b')') => true,
        Some(b'.') => !paren,
        _ => false,
    };
    if !close {
        return None;
    }
    Some((numeral, spaces(line, end + 1)?))
}

/// `x{0,3}(?:ix|iv|v?i{0,3})`, the whole string.
fn is_roman_shape(s: &str) -> bool {
    let tail = s.trim_start_matches('x');
    if s.len() - tail.len() > 3 {
        return false;
    }
    if tail == "ix" || tail == "iv" {
        return true;
    }
    let ones = tail.strip_prefix('v').unwrap_or(tail);
    ones.len() <= 3 && ones.bytes().all(|b| b == b'i')
}

/// `^[•·▪◦○■►‣⁃\-–—*][ \u{a0}\t]+\S`
fn bullet(line: &str) -> bool {
    let Some(c) = char_at(line, 0).filter(|&c| is_bullet(c)) else {
        return false;
    };
    let at = c.len_utf8();
    let end = skip_while(line, at, |c| is_space(c) || c == '\t');
    end > at && char_at(line, end).is_some_and(|c| !c.is_whitespace())
}

/// The marker can start a clause as far as the line itself shows: a bare
/// number (`24 uur`) must be followed by a capital.
pub fn plausible_start(line: &str, found: &Found) -> bool {
    match found.marker {
        Marker::Numeric { bare: true, .. } => line
            .get(found.rest..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase),
        _ => true,
    }
}

/// Cheap test before the matchers: a marker starts with a digit, a
/// parenthesis, a bullet, a single letter followed by `.`/`)`, or a word
/// that opens a part or an article.
fn may_start_marker(line: &str) -> bool {
    let bytes = line.as_bytes();
    let Some(&b0) = bytes.first() else {
        return false;
    };
    if b0.is_ascii() {
        if b0.is_ascii_digit() || b0 == b'(' || ASCII_BULLETS[usize::from(b0)] {
            return true;
        }
        if !b0.is_ascii_alphabetic() {
            return false;
        }
        let b1 = bytes.get(1).copied();
        if matches!(b1, Some(b'.' | b')')) {
            return true;
        }
        if matches!((b0, b1), (b'i' | b'v' | b'x', Some(b'i' | b'v' | b'x'))) {
            return true;
        }
    } else {
        let Some(c0) = char_at(line, 0) else {
            return false;
        };
        if is_bullet(c0) {
            return true;
        }
        let c1 = char_at(line, c0.len_utf8());
        if c0.is_alphabetic() && matches!(c1, Some('.' | ')')) {
            return true;
        }
        // Opening words are ASCII.
        return false;
    }
    // Cheap rejection by the length of the leading ASCII letters.
    let mut letters = 0;
    while letters <= MAX_WORD && bytes.get(letters).is_some_and(u8::is_ascii_alphabetic) {
        letters += 1;
    }
    // A non-ASCII letter would continue the word: then it is no opening word.
    let word = &bytes[..letters.min(bytes.len())];
    OPENING_WORDS.contains_ascii(word) && !char_at(line, letters).is_some_and(char::is_alphabetic)
}

/// The longest opening word, in bytes.
const MAX_WORD: usize = 40;

/// The leading letters of a line, lower-cased into `buf`, when they are
/// ASCII and at most [`MAX_WORD`] bytes long (every opening word is).
fn ascii_first_word<'b>(line: &str, buf: &'b mut [u8; MAX_WORD]) -> Option<&'b str> {
    let bytes = line.as_bytes();
    let mut len = 0;
    while let Some(&b) = bytes.get(len) {
        if !b.is_ascii_alphabetic() {
            break;
        }
        *buf.get_mut(len)? = b.to_ascii_lowercase();
        len += 1;
    }
    // A non-ASCII letter would continue the word: then it is no opening word.
    if char_at(line, len).is_some_and(char::is_alphabetic) {
        return None;
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// The lower-case words that open an article or a part title.
static OPENING_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(
        vocab::ARTICLE_OPENERS
            .iter()
            .copied()
            .chain(PART_WORDS.iter().map(|(w, _)| *w))
            .chain(PART_TITLES.iter().filter_map(|(t, _)| t.split(' ').next())),
    )
});

/// A set of lower-case ASCII words (at most [`MAX_WORD`] bytes) with a
/// cheap rejection (no word of that length starts with that letter) before
/// the sorted lookup of its word keys.
struct WordSet {
    keys: Vec<u128>,
    /// Words too long for a key.
    long: Vec<&'static str>,
    /// Per word length: the first letters of the words of that length, as
    /// bits (`a` = bit 0).
    first_letters: [u32; MAX_WORD + 1],
}

impl WordSet {
    fn new(words: impl Iterator<Item = &'static str>) -> WordSet {
        let mut words: Vec<&str> = words.collect();
        words.sort_unstable();
        words.dedup();
        let mut first_letters = [0; MAX_WORD + 1];
        for w in &words {
            debug_assert!(w.len() <= MAX_WORD, "{w}");
            if let (Some(slot), Some(bit)) = (
                first_letters.get_mut(w.len()),
                first_letter_bit(w.as_bytes()),
            ) {
                *slot |= bit;
            }
        }
        let mut keys: Vec<u128> = words
            .iter()
            .filter_map(|w| crate::lines::word_key(w.as_bytes()))
            .collect();
        keys.sort_unstable();
        let long = words
            .into_iter()
            .filter(|w| crate::lines::word_key(w.as_bytes()).is_none())
            .collect();
        WordSet {
            keys,
            long,
            first_letters,
        }
    }

    /// Some word of the length of `word` starts with its first letter
    /// (case ignored).
    fn may_contain(&self, word: &[u8]) -> bool {
        let letters = self.first_letters.get(word.len()).copied().unwrap_or(0);
        first_letter_bit(word).is_some_and(|bit| letters & bit != 0)
    }

    /// `word` (ASCII letters, any case) is in the set.
    fn contains_ascii(&self, word: &[u8]) -> bool {
        if !self.may_contain(word) {
            return false;
        }
        match crate::lines::word_key(word) {
            Some(k) => self.keys.binary_search(&k).is_ok(),
            None => self
                .long
                .iter()
                .any(|w| w.as_bytes().eq_ignore_ascii_case(word)),
        }
    }

    /// `word` is lower-case ASCII.
    fn contains(&self, word: &str) -> bool {
        if !word.starts_with(|c: char| c.is_ascii_lowercase()) || !self.may_contain(word.as_bytes())
        {
            return false;
        }
        match crate::lines::word_key(word.as_bytes()) {
            Some(k) => self.keys.binary_search(&k).is_ok(),
            None => self.long.contains(&word),
        }
    }
}

/// The ASCII bullets of [`vocab::BULLETS`] as a byte mask.
static ASCII_BULLETS: [bool; 128] = ascii_mask(vocab::BULLETS);

const fn ascii_mask(chars: &[char]) -> [bool; 128] {
    let mut mask = [false; 128];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i] as u32;
        if c < 128 {
            mask[c as usize] = true;
        }
        i += 1;
    }
    mask
}

fn is_bullet(c: char) -> bool {
    if c.is_ascii() {
        ASCII_BULLETS[c as usize]
    } else {
        vocab::BULLETS.contains(&c)
    }
}

/// The lower-case words that open a part title.
static PART_OPENERS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(
        PART_WORDS
            .iter()
            .map(|(w, _)| *w)
            .chain(PART_TITLES.iter().filter_map(|(t, _)| t.split(' ').next())),
    )
});

/// A part title line.
fn part(line: &str) -> Option<Found> {
    if line.len() > 120 {
        return None;
    }
    // Only reached for a line whose first word, if it is a part word, is
    // ASCII (see `may_start_marker`), so the ASCII fold reads it fully.
    let mut buf = [0; MAX_WORD];
    let first = ascii_first_word(line, &mut buf)?;
    if !PART_OPENERS.contains(first) {
        return None;
    }
    if let Some(kind) = part_title_kind(line) {
        return Some(Found {
            marker: Marker::Part { kind, label: None },
            rest: line.len(),
        });
    }
    let kind = PART_WORDS.iter().find(|(w, _)| *w == first)?.1;
    let (label, sep, rest) = part_word_tail(line, first.len())?;
    let label = label.map(str::to_string);
    let rest_text = &line[rest..];
    // `Bijlage A bevat ...` is a sentence; `Bijlage A: Titel`, `Bijlage A`,
    // `BIJLAGE 2 - Titel`, `Bijlage — Titel` are titles.
    let titled = rest_text.is_empty()
        || sep
        || rest_text.chars().next().is_some_and(char::is_uppercase)
            && !crate::lines::has_sentence_word(rest_text);
    if !titled || (label.is_none() && !sep && !rest_text.is_empty()) {
        return None;
    }
    if label.is_none() && rest_text.is_empty() && kind == PartKind::Deel {
        return None;
    }
    // A lower-case single letter label must be a real label (`Bijlage a`),
    // not the start of a word; the matcher already requires a boundary.
    Some(Found {
        marker: Marker::Part {
            kind,
            label: label.map(|l| l.to_lowercase()),
        },
        rest,
    })
}

/// The kind of a whole-line part title (`Overwegingen:`), case ignored.
fn part_title_kind(line: &str) -> Option<PartKind> {
    // An ASCII line is compared as it is (the titles are lower case).
    let found = if line.is_ascii() {
        let title = title_text(line);
        PART_TITLES
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(title))
    } else {
        let lower = line.to_lowercase();
        let title = title_text(&lower);
        PART_TITLES.iter().find(|(t, _)| *t == title)
    };
    found.map(|(_, kind)| *kind)
}

/// A title line without its final colon or dot.
fn title_text(line: &str) -> &str {
    line.trim_end_matches([':', '.']).trim()
}

/// `1.2.3` as numbers; `None` when a part is empty or not ASCII digits, or
/// when there are more than [`MAX_PARTS`] parts.
pub(crate) fn parse_dotted(s: &str) -> Option<Number> {
    let mut out = Number::from_parts(&[])?;
    let mut value: Option<u32> = None;
    for &b in s.as_bytes() {
        if b == b'.' {
            out.push(value?)?;
            value = None;
        } else if b.is_ascii_digit() {
            let v = value.unwrap_or(0);
            value = Some(v.checked_mul(10)?.checked_add(u32::from(b - b'0'))?);
        } else {
            return None;
        }
    }
    out.push(value?)?;
    Some(out)
}

/// The value of a lower-case roman numeral (1..=39).
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut total = 0i32;
    let mut prev = 0i32;
    for c in s.chars().rev() {
        let v = match c {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            _ => return None,
        };
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    u32::try_from(total).ok().filter(|v| *v > 0)
}

/// The roman numeral of a value (1..=39), lower case.
pub fn roman_text(mut v: u32) -> String {
    let mut s = String::new();
    for (n, t) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while v >= n {
            s.push_str(t);
            v -= n;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(line: &str) -> Option<Marker> {
        find(line).map(|f| f.marker)
    }

    fn num(parts: &[u32]) -> Number {
        Number::from_parts(parts).expect("at most 16 parts")
    }

    #[test]
    fn numbers() {
        assert_eq!(
            m("1. Doel"),
            Some(Marker::Numeric {
                number: num(&[1]),
                bare: false,
                paren: false
            })
        );
        assert_eq!(
            m("1 Dit is"),
            Some(Marker::Numeric {
                number: num(&[1]),
                bare: true,
                paren: false
            })
        );
        assert_eq!(
            m("4.10 Lucrasoft"),
            Some(Marker::Numeric {
                number: num(&[4, 10]),
                bare: false,
                paren: false
            })
        );
        assert_eq!(
            m("(2) de tweede"),
            Some(Marker::Numeric {
                number: num(&[2]),
                bare: false,
                paren: true
            })
        );
        assert_eq!(m("01-04-2021 is"), None);
    }

    #[test]
    fn articles_and_parts() {
        assert_eq!(
            m("Artikel 3 - Geheimhouding"),
            Some(Marker::Article { number: num(&[3]) })
        );
        assert_eq!(
            m("Artikel 3 — Geheimhouding"),
            Some(Marker::Article { number: num(&[3]) })
        );
        assert_eq!(
            m("Art. 12 Slot"),
            Some(Marker::Article { number: num(&[12]) })
        );
        let p = |kind, label: Option<&str>| {
            Some(Marker::Part {
                kind,
                label: label.map(String::from),
            })
        };
        assert_eq!(
            m("DEEL 1: DATA PRO STATEMENT"),
            p(PartKind::Deel, Some("1"))
        );
        assert_eq!(m("Bijlage A"), p(PartKind::Annex, Some("a")));
        assert_eq!(
            m("BIJLAGE 2 - Subverwerkers"),
            p(PartKind::Annex, Some("2"))
        );
        assert_eq!(m("Bijlage — Sub-verwerkers"), p(PartKind::Annex, None));
        assert_eq!(m("Overwegingen"), p(PartKind::Preamble, None));
        assert_eq!(m("AKKOORDVERKLARING"), p(PartKind::Signature, None));
        assert_eq!(m("Bijlage A bevat een overzicht van de maatregelen."), None);
    }

    #[test]
    fn upper_letter_rest_starts_at_a_multibyte_char() {
        let line = "A. “Citaat” staat hier";
        let f = find(line).expect("marker");
        assert_eq!(
            f.marker,
            Marker::Letter {
                letter: 'A',
                upper: true
            }
        );
        assert_eq!(line.get(f.rest..), Some("“Citaat” staat hier"));
        let f = find("(B)\u{a0}Één partij").expect("marker");
        assert_eq!(f.rest, "(B)\u{a0}".len());
        assert_eq!(find("C. Klant").map(|f| f.rest), Some(3));
    }

    #[test]
    fn letters_romans_bullets() {
        assert_eq!(
            m("a. het ophalen"),
            Some(Marker::Letter {
                letter: 'a',
                upper: false
            })
        );
        assert_eq!(
            m("b) het tweede"),
            Some(Marker::Letter {
                letter: 'b',
                upper: false
            })
        );
        assert_eq!(
            m("(c) derde"),
            Some(Marker::Letter {
                letter: 'c',
                upper: false
            })
        );
        assert_eq!(
            m("- a. De datacenters"),
            Some(Marker::Letter {
                letter: 'a',
                upper: false
            })
        );
        assert_eq!(
            m("A. Klant maakt"),
            Some(Marker::Letter {
                letter: 'A',
                upper: true
            })
        );
        assert_eq!(m("(iv) vierde"), Some(Marker::Roman { value: 4 }));
        assert_eq!(m("ii. tweede"), Some(Marker::Roman { value: 2 }));
        assert_eq!(m("• encryptie"), Some(Marker::Bullet));
        assert_eq!(m("- logging"), Some(Marker::Bullet));
        assert_eq!(m("-5 graden"), None);
        assert_eq!(roman_text(14), "xiv");
        assert_eq!(roman_value("xiv"), Some(14));
    }
}
