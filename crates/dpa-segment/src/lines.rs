//! Lines of the normalized text with byte offsets, and their shape.

use dpa_model::is_ascii_whitespace_byte;
use memchr::memmem::Finder;
use std::sync::LazyLock;

/// One line of the normalized text (line ends are `\n` or the page
/// separator `\u{c}`).
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// Byte offset of the first non-blank character.
    pub start: usize,
    /// Byte offset just past the last non-blank character.
    pub end: usize,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.start >= self.end
    }

    pub fn text<'a>(&self, full: &'a str) -> &'a str {
        full.get(self.start..self.end).unwrap_or("")
    }
}

/// Split a text into trimmed lines.
pub fn split_lines(text: &str) -> Vec<Line> {
    // Both line ends are ASCII, so a byte search finds them at char
    // boundaries (and runs at memchr speed in unoptimized builds too).
    // Most texts are one page: then a search for one byte is enough.
    let bytes = text.as_bytes();
    let form_feeds = memchr::memchr(b'\x0c', bytes).is_some();
    // Room for lines of about 40 bytes; longer texts grow the vector.
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    let mut begin = 0;
    while let Some(end) = next_line_end(bytes, begin, form_feeds) {
        out.push(trimmed(text, begin, end));
        begin = end + 1;
    }
    if begin < text.len() {
        out.push(trimmed(text, begin, text.len()));
    }
    out
}

/// The offset of the first line end (`\n`, and the page separator when
/// `form_feeds`) at or after `from`. A blank line (nearly half the lines of
/// a text) ends at once: its end is read without a search.
fn next_line_end(bytes: &[u8], from: usize, form_feeds: bool) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let first = *rest.first()?;
    if first == b'\n' || (form_feeds && first == b'\x0c') {
        return Some(from);
    }
    let found = if form_feeds {
        memchr::memchr2(b'\n', b'\x0c', rest)
    } else {
        memchr::memchr(b'\n', rest)
    };
    found.map(|i| from + i)
}

fn trimmed(text: &str, begin: usize, end: usize) -> Line {
    // Fast paths: an empty line, and ASCII non-space bytes at both ends
    // need no trimming.
    if end == begin {
        return Line { start: begin, end };
    }
    let bytes = text.as_bytes();
    if end > begin && end <= bytes.len() {
        let (first, last) = (bytes[begin], bytes[end - 1]);
        if first > b' ' && first < 0x80 && last > b' ' && last < 0x80 {
            return Line { start: begin, end };
        }
    }
    let raw = text.get(begin..end).unwrap_or("");
    let lead = raw.len() - raw.trim_start().len();
    let body = raw.trim();
    let start = begin + lead;
    Line {
        start,
        end: start + body.len(),
    }
}

/// A table row: tab-separated cells or ` | ` pipes.
pub fn is_table_row(line: &str) -> bool {
    let b = line.as_bytes();
    // Most lines hold neither a tab nor a pipe.
    match memchr::memchr2(b'\t', b'|', b) {
        None => false,
        Some(_) => {
            memchr::memchr(b'\t', b).is_some()
                || PIPE.find(b).is_some()
                || (line.starts_with('|') && line.len() > 1)
        }
    }
}

/// [`is_table_row`] of every line, read with one search for tabs and
/// pipes over the whole text (most texts hold few): only a line that holds
/// one is tested.
pub fn table_rows(text: &str, lines: &[Line]) -> Vec<bool> {
    let mut rows = vec![false; lines.len()];
    let mut k = 0;
    for at in memchr::memchr2_iter(b'\t', b'|', text.as_bytes()) {
        while lines.get(k).is_some_and(|l| l.end <= at) {
            k += 1;
        }
        let (Some(line), Some(row)) = (lines.get(k), rows.get_mut(k)) else {
            break;
        };
        if line.start <= at && !*row {
            *row = is_table_row(line.text(text));
        }
    }
    rows
}

static PIPE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" | "));
pub const COLON_SPACE: [u8; 2] = *b": ";
pub const DOT_SPACE: [u8; 2] = *b". ";

/// `s.split_once(needle)` for a two-byte ASCII needle: each of its first
/// byte is looked at in turn (a line holds few), with no searcher to set up.
pub fn split_once_at<'s>(s: &'s str, needle: &[u8; 2]) -> Option<(&'s str, &'s str)> {
    let bytes = s.as_bytes();
    let at =
        memchr::memchr_iter(needle[0], bytes).find(|&i| bytes.get(i + 1) == Some(&needle[1]))?;
    Some((s.get(..at)?, s.get(at + needle.len()..)?))
}

/// The line ends a sentence or a clause lead-in, so a number may start the
/// next line as a clause.
pub fn ends_sentence(line: &str) -> bool {
    match line.as_bytes().last() {
        None => false,
        Some(&b) if b.is_ascii() => matches!(b, b'.' | b':' | b';' | b'!' | b'?' | b'"'),
        Some(_) => matches!(line.chars().next_back(), Some('”' | '’')),
    }
}

/// The most words [`is_title_like`] accepts, whatever `max_words` asks.
pub const TITLE_MAX_WORDS: usize = 12;

/// A short, title-like phrase: starts with a capital, no sentence end, few
/// words (`max_words` at most [`TITLE_MAX_WORDS`]).
pub fn is_title_like(s: &str, max_words: usize) -> bool {
    debug_assert!(max_words <= TITLE_MAX_WORDS);
    title_words_upto(s, max_words).is_some()
}

/// The word count of a title-like phrase of at most [`TITLE_MAX_WORDS`]
/// words; `None` when the phrase is not title-like at that length: one
/// read answers [`is_title_like`] for every `max_words`.
pub fn title_words(s: &str) -> Option<usize> {
    title_words_upto(s, TITLE_MAX_WORDS)
}

/// [`title_words`] for phrases of at most `max_words` words (the read
/// stops after that many).
fn title_words_upto(s: &str, max_words: usize) -> Option<usize> {
    let s = trim_ws(s);
    let first = s.chars().next()?;
    if !(first.is_uppercase() || first == '"' || first == '“') {
        return None;
    }
    if s.len() > 90 || matches!(s.chars().next_back(), Some('.' | ',' | ';' | ':')) {
        return None;
    }
    match ascii_title_words(s.as_bytes(), max_words) {
        AsciiRead::Words(words) => words,
        AsciiRead::NotAscii => char_title_words(s, max_words),
    }
}

/// [`title_words_upto`] after its first and last char tests, char by char.
fn char_title_words(s: &str, max_words: usize) -> Option<usize> {
    let words = word_count(s, max_words);
    let dangling = || last_word(s).is_some_and(|w| in_vocab(w, &DANGLING));
    (words <= max_words && !dangling() && !has_sentence_word(s)).then_some(words)
}

/// What a byte-by-byte read of an ASCII phrase found.
enum AsciiRead {
    Words(Option<usize>),
    /// The phrase holds a non-ASCII char: read it char by char.
    NotAscii,
}

/// The class of each byte for [`ascii_title_words`]: whitespace as
/// `char::is_whitespace` reads it, alphanumeric, other ASCII, non-ASCII.
const SPACE: u8 = 0;
const ALNUM: u8 = 1;
const PUNCT: u8 = 2;
const NON_ASCII: u8 = 3;
static BYTE_CLASS: [u8; 256] = byte_classes();

const fn byte_classes() -> [u8; 256] {
    let mut out = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        out[b] = if is_ascii_whitespace_byte(c) {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            PUNCT
        };
        b += 1;
    }
    out
}

/// [`char_title_words`] of a trimmed phrase in one pass over its bytes
/// while they are ASCII: whitespace-separated words are counted, runs of
/// alphanumerics are looked up as sentence words, and the last word as a
/// dangling one.
fn ascii_title_words(b: &[u8], max_words: usize) -> AsciiRead {
    let mut words = 0;
    let mut word_start = 0;
    let mut run_start = 0;
    let mut prev = SPACE;
    for (i, &byte) in b.iter().enumerate() {
        let class = BYTE_CLASS[usize::from(byte)];
        if class == prev {
            continue;
        }
        if class == NON_ASCII {
            return AsciiRead::NotAscii;
        }
        if prev == ALNUM && SENTENCE.contains_word(&b[run_start..i]) {
            return AsciiRead::Words(None);
        }
        if class == ALNUM {
            run_start = i;
        }
        if prev == SPACE {
            words += 1;
            if words > max_words {
                return AsciiRead::Words(None);
            }
            word_start = i;
        }
        prev = class;
    }
    let sentence_end = prev == ALNUM && SENTENCE.contains_word(&b[run_start..]);
    let dangling = word_key(&b[word_start..]).is_some_and(|k| DANGLING.contains_key(k));
    AsciiRead::Words((!sentence_end && !dangling).then_some(words))
}

/// `s.trim()`, without decoding when both ends are visible ASCII.
pub fn trim_ws(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) if is_visible_ascii(f) && is_visible_ascii(l) => s,
        _ => s.trim(),
    }
}

fn is_visible_ascii(b: u8) -> bool {
    b > b' ' && b < 0x80
}

/// `s.split_whitespace().next_back()`, read byte by byte while the last
/// word is ASCII.
fn last_word(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let mut start = b.len();
    while start > 0 && is_visible_ascii(b[start - 1]) {
        start -= 1;
    }
    match start.checked_sub(1).map(|i| b[i]) {
        _ if start == b.len() => s.split_whitespace().next_back(),
        None => Some(s),
        Some(c) if is_ascii_whitespace_byte(c) => s.get(start..),
        Some(_) => s.split_whitespace().next_back(),
    }
}

/// `s.split_whitespace().count()`, counted up to `cap + 1` at most (enough
/// to compare it with `cap`), byte by byte for ASCII text.
pub fn word_count(s: &str, cap: usize) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().take(cap.saturating_add(1)).count();
    }
    let mut count = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        // ASCII whitespace as `char::is_whitespace` reads it.
        let space = is_ascii_whitespace_byte(b);
        if !space && !in_word {
            count += 1;
            if count > cap {
                break;
            }
        }
        in_word = !space;
    }
    count
}

/// The phrase holds a finite verb or pronoun that headings do not use.
pub fn has_sentence_word(s: &str) -> bool {
    // Words are runs of alphanumeric chars; a word with a non-ASCII char is
    // in no vocabulary.
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut start = 0;
    let mut in_word = false;
    let mut ascii_word = true;
    while let Some(&b) = bytes.get(i) {
        let (alnum, ascii, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), true, 1)
        } else {
            let c = s.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
            (c.is_alphanumeric(), false, c.len_utf8())
        };
        if alnum {
            if !in_word {
                start = i;
                ascii_word = true;
                in_word = true;
            }
            ascii_word &= ascii;
        } else if in_word {
            in_word = false;
            if ascii_word && SENTENCE.contains_word(&bytes[start..i]) {
                return true;
            }
        }
        i += len;
    }
    in_word && ascii_word && SENTENCE.contains_word(&bytes[start..])
}

/// A vocabulary of lower-case ASCII words (at most 16 bytes each), as
/// sorted integer keys for lookups.
pub struct Vocab {
    keys: Vec<u128>,
    /// The longest word, in bytes.
    longest: usize,
    /// Per word length: the first letters of the words of that length, as
    /// bits (`a` = bit 0), to reject most words before the lookup.
    first_letters: [u32; 17],
}

impl Vocab {
    fn new(words: &[&str]) -> Vocab {
        let mut keys: Vec<u128> = words
            .iter()
            .filter_map(|w| word_key(w.as_bytes()))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        let mut first_letters = [0u32; 17];
        for w in words {
            if let (Some(slot), Some(bit)) = (
                first_letters.get_mut(w.len()),
                first_letter_bit(w.as_bytes()),
            ) {
                *slot |= bit;
            }
        }
        Vocab {
            keys,
            longest,
            first_letters,
        }
    }

    /// The ASCII word is in the vocabulary, case ignored.
    fn contains_word(&self, word: &[u8]) -> bool {
        word.len() <= self.longest
            && self.may_contain(word)
            && word_key(word).is_some_and(|k| self.contains_key(k))
    }

    /// Some word of this length starts with this letter.
    fn may_contain(&self, word: &[u8]) -> bool {
        let letters = self.first_letters.get(word.len()).copied().unwrap_or(0);
        first_letter_bit(word).is_some_and(|bit| letters & bit != 0)
    }

    fn contains_key(&self, key: u128) -> bool {
        self.keys.binary_search(&key).is_ok()
    }
}

/// The bit of the first letter of a word (case ignored), if it is an ASCII
/// letter.
pub(crate) fn first_letter_bit(word: &[u8]) -> Option<u32> {
    let b = word.first()?.to_ascii_lowercase();
    b.is_ascii_lowercase().then(|| 1 << (b - b'a'))
}

/// The key of an ASCII word of 1 to 16 bytes, lower-cased.
pub(crate) fn word_key(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > 16 || !word.is_ascii() {
        return None;
    }
    let mut key = 0u128;
    for &b in word {
        key = (key << 8) | u128::from(b.to_ascii_lowercase());
    }
    Some(key)
}

static SENTENCE: LazyLock<Vocab> = LazyLock::new(|| Vocab::new(crate::vocab::SENTENCE_WORDS));
static DANGLING: LazyLock<Vocab> = LazyLock::new(|| Vocab::new(crate::vocab::DANGLING_WORDS));

/// The word is in the vocabulary, ASCII case ignored.
pub fn in_vocab(word: &str, vocab: &Vocab) -> bool {
    word_key(word.as_bytes()).is_some_and(|k| vocab.contains_key(k))
}

/// Every letter is upper case and there are at least three letters.
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_with_offsets() {
        let t = "  1.6 Alle\n\nb\u{c}c ";
        let l = split_lines(t);
        assert_eq!(l.len(), 4);
        assert_eq!(l[0].text(t), "1.6 Alle");
        assert!(l[1].is_blank());
        assert_eq!(l[2].text(t), "b");
        assert_eq!(l[3].text(t), "c");
    }

    /// The line split the direct blank-line read replaced: one search per
    /// line end.
    fn reference_lines(text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut begin = 0;
        for i in memchr::memchr2_iter(b'\n', b'\x0c', bytes) {
            out.push(trimmed(text, begin, i));
            begin = i + 1;
        }
        if begin < text.len() {
            out.push(trimmed(text, begin, text.len()));
        }
        out.iter().map(|l| (l.start, l.end)).collect()
    }

    #[test]
    fn lines_split_like_one_search_per_end() {
        let mut texts = crate::test_texts::fixture_texts();
        for t in [
            "",
            "\n",
            "\n\n\n",
            "1. Definities\n\n\n1.1 Verwerker: de partij.\n",
            "a\u{c}\u{c}\nb\n\u{c}",
            "\u{c}Bijlage A\n\n  ",
            " \n \n  tekst  \n",
            "geen einde",
        ] {
            texts.push(t.to_string());
        }
        let fixtures = texts.len();
        for k in 0..fixtures {
            texts.push(texts[k].replace("\n\n", "\n\u{c}\n"));
        }
        for text in &texts {
            let got: Vec<_> = split_lines(text).iter().map(|l| (l.start, l.end)).collect();
            assert_eq!(got, reference_lines(text), "{text:?}");
        }
    }

    #[test]
    fn two_byte_splits_read_like_split_once() {
        let texts = [
            "",
            ":",
            ": ",
            "Doel: verwerking",
            "Doel:verwerking: en meer",
            "a.b. c. d",
            "Einde.",
            "Privé: één. Twee: drie",
            "::  ..  : .",
            "€: x",
            "4.10 Naam.\n\nTekst\n\nmeer",
            "\n\n",
            "a\nb\n \n\nc",
        ];
        for t in texts {
            let needles = [(COLON_SPACE, ": "), (DOT_SPACE, ". "), (*b"\n\n", "\n\n")];
            for (needle, text) in needles {
                assert_eq!(split_once_at(t, &needle), t.split_once(text), "{t:?}");
            }
        }
    }

    #[test]
    fn table_rows_and_titles() {
        assert!(is_table_row("Naam | Rol"));
        assert!(is_table_row("ESET\tJa"));
        assert!(!is_table_row("Naam en rol"));
        assert!(is_title_like("Doel en aard van de verwerking", 8));
        assert!(!is_title_like("Verwerker verwerkt de gegevens", 8));
        assert!(!is_title_like("binnen 24 uur", 8));
        assert!(is_all_caps("BEVEILIGINGSBELEID"));
        assert!(!is_all_caps("Beveiliging"));
        assert!(has_sentence_word("Wat Verwerker DOET en WORDT"));
        assert!(!has_sentence_word("Wordtachtig Zijnde"));
        assert!(!is_title_like("Doel van de", 8));
        assert!(is_title_like("Doel Van Dé", 8));
        assert!(has_sentence_word("dit"));
        assert!(!has_sentence_word("Ditto verwerkte zijnde"));
        assert!(!has_sentence_word("dït"));
        for t in [
            "",
            " ",
            "a",
            " a  b\tc\u{b}d ",
            "é  ü",
            "x\u{a0}y z",
            "\r\n",
        ] {
            let n = t.split_whitespace().count();
            assert_eq!(word_count(t, 9), n, "{t:?}");
            assert_eq!(word_count(t, 1), n.min(2), "{t:?}");
        }
    }

    #[test]
    fn byte_paths_read_like_the_char_functions() {
        for t in [
            "",
            " ",
            "a",
            "Doel en aard",
            " Doel ",
            "\tDoel\u{a0}",
            "x\u{a0}y",
            "é",
            "a é",
            "é a",
            "Doel\u{2003}van",
            "van\n",
            "a\u{7f}b",
            "\u{7f}",
            "a\u{1}b",
            "a\u{1f}b c",
        ] {
            assert_eq!(trim_ws(t), t.trim(), "{t:?}");
            assert_eq!(last_word(t), t.split_whitespace().next_back(), "{t:?}");
        }
    }

    /// The char-by-char title test the one-pass reading replaced.
    fn reference_title_like(s: &str, max_words: usize) -> bool {
        let s = s.trim();
        let Some(first) = s.chars().next() else {
            return false;
        };
        if !(first.is_uppercase() || first == '"' || first == '“') {
            return false;
        }
        if s.len() > 90 || matches!(s.chars().next_back(), Some('.' | ',' | ';' | ':')) {
            return false;
        }
        let words = s.split_whitespace().count();
        let dangling = s
            .split_whitespace()
            .next_back()
            .is_some_and(|w| in_vocab(w, &DANGLING));
        words <= max_words && !dangling && !has_sentence_word(s)
    }

    #[test]
    fn one_pass_title_test_reads_like_the_char_test() {
        let pieces = [
            "Doel",
            "van",
            "de",
            "Wij",
            "wordt",
            "is",
            "IS",
            "dit,",
            "-",
            "a-b",
            "Dé",
            "é",
            "x",
            "verwerking",
            "\u{a0}",
            "“Titel”",
            "\"",
            "(AVG)",
            "24",
            "en",
            "Overeenkomst:",
            "DAT",
        ];
        let gaps = [" ", "  ", "\t", " - ", "\u{b}", "/", ""];
        let mut phrases = Vec::new();
        for (k, a) in pieces.iter().enumerate() {
            for (j, b) in pieces.iter().enumerate() {
                let gap = gaps[(k + j) % gaps.len()];
                phrases.push(format!("{a}{gap}{b}"));
                phrases.push(format!(" {a}{gap}{b} {a}"));
                let long: Vec<&str> = pieces
                    .iter()
                    .cycle()
                    .skip(k + j)
                    .take(j % 15)
                    .copied()
                    .collect();
                phrases.push(format!("{a} {}", long.join(gap)));
            }
        }
        for p in &phrases {
            for max in 1..=TITLE_MAX_WORDS {
                assert_eq!(
                    is_title_like(p, max),
                    reference_title_like(p, max),
                    "{p:?} {max}"
                );
            }
        }
    }

    #[test]
    fn table_rows_read_like_each_line() {
        let text = "a\tb\n\t x | y \t\n|\n\n | z\u{c}Naam | Rol\n\tc\td\t\nx|y\n|| \t";
        let lines = split_lines(text);
        let each: Vec<bool> = lines
            .iter()
            .map(|l| !l.is_blank() && is_table_row(l.text(text)))
            .collect();
        assert_eq!(table_rows(text, &lines), each);
        assert!(each.iter().any(|&r| r) && each.iter().any(|&r| !r));
    }

    #[test]
    fn every_vocabulary_word_has_a_key() {
        for w in crate::vocab::SENTENCE_WORDS
            .iter()
            .chain(crate::vocab::DANGLING_WORDS)
        {
            assert!(word_key(w.as_bytes()).is_some(), "{w}");
            assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
        }
        for w in crate::vocab::SENTENCE_WORDS {
            assert!(SENTENCE.contains_word(w.to_uppercase().as_bytes()), "{w}");
            assert!(!SENTENCE.contains_word(format!("{w}x").as_bytes()), "{w}");
        }
    }
}
