//! Unicode word characters and boundaries, checked directly.
//!
//! A Unicode `\b` in a pattern forces the regex crate off its fast DFA
//! engines on any non-ASCII text; the patterns use `(?-u:\b)` instead, and
//! code that needs the exact Unicode notion (Dutch letters such as `ë`, `é`
//! are word characters) asks these helpers.

/// True for a character of the regex crate's Unicode `\w`.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    regex_syntax::try_is_word_character(c).unwrap_or_else(|_| c.is_alphanumeric())
}

/// True when byte offset `i` of `text` is a Unicode word boundary (a word
/// character on exactly one side). False off a char boundary.
pub fn is_word_boundary(text: &str, i: usize) -> bool {
    if !text.is_char_boundary(i) {
        return false;
    }
    let before = text[..i].chars().next_back().is_some_and(is_word_char);
    let after = text[i..].chars().next().is_some_and(is_word_char);
    before != after
}

/// The words of `text` made of ASCII letters only, in order: the maximal
/// runs of word characters that hold nothing but `a-z`/`A-Z` (what the
/// Unicode pattern `\b[a-zA-Z]+\b` finds).
pub fn ascii_words(text: &str) -> AsciiWords<'_> {
    AsciiWords { text, pos: 0 }
}

/// Iterator of [`ascii_words`]: one pass over the bytes, ASCII directly.
pub struct AsciiWords<'a> {
    text: &'a str,
    pos: usize,
}

/// The kinds of bytes [`AsciiWords`] tells apart.
const OTHER: u8 = 0;
const LETTER: u8 = 1;
/// An ASCII digit or `_`: a word character, but no letter.
const DIGIT: u8 = 2;
/// A byte of a non-ASCII char.
const NON_ASCII: u8 = 3;

/// The kind of every byte.
static BYTE_KINDS: [u8; 256] = {
    let mut kinds = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        kinds[b] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() || c == b'_' {
            DIGIT
        } else if c.is_ascii() {
            OTHER
        } else {
            NON_ASCII
        };
        b += 1;
    }
    kinds
};

impl<'a> AsciiWords<'a> {
    /// The end of the run of word characters from `start`.
    fn run_end(&self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = start;
        while let Some(&b) = bytes.get(i) {
            match BYTE_KINDS[usize::from(b)] {
                LETTER | DIGIT => i += 1,
                OTHER => break,
                _ => match self.char_at(i) {
                    Some(c) if is_word_char(c) => i += c.len_utf8(),
                    _ => break,
                },
            }
        }
        i
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|t| t.chars().next())
    }
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        loop {
            // the common bytes (ASCII letters and other ASCII) are read by
            // two tight loops; digits and non-ASCII chars take `run_end`
            i = skip_kind(bytes, i, OTHER);
            if i >= bytes.len() {
                self.pos = i;
                return None;
            }
            let start = i;
            i = letter_run_end(bytes, i);
            let (end, more_word) = match bytes.get(i) {
                Some(&b) if BYTE_KINDS[usize::from(b)] != OTHER => {
                    let end = self.run_end(i);
                    (end, end > i)
                }
                _ => (i, false),
            };
            if end == start {
                // a non-ASCII char that is no word character
                i += self.char_at(start).map_or(1, char::len_utf8);
                continue;
            }
            i = end;
            if !more_word {
                self.pos = i;
                return self.text.get(start..end);
            }
        }
    }
}

/// The first index at or after `i` whose byte is no ASCII letter: eight
/// bytes at a time (most words of prose fit in one such read).
fn letter_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let others = non_letter_bytes(u64::from_le_bytes(*chunk));
        if others != 0 {
            // the lowest marked byte is the first one (little-endian)
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    skip_kind(bytes, i, LETTER)
}

/// Eight bytes (little-endian) → the high bit of each byte that is no
/// ASCII letter.
fn non_letter_bytes(x: u64) -> u64 {
    const EACH: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * EACH;
    const CASE: u64 = 0x20 * EACH;
    // lower-cased, high bits cleared: each byte at most 0x7f, so the sums
    // below never carry into the next byte
    let low = (x | CASE) & !HIGH;
    let from_a = low + (0x80 - u64::from(b'a')) * EACH;
    let past_z = low + (0x80 - u64::from(b'z') - 1) * EACH;
    let letters = from_a & !past_z & !x & HIGH;
    !letters & HIGH
}

/// The first index at or after `i` whose byte is not of `kind`.
#[inline(always)]
fn skip_kind(bytes: &[u8], mut i: usize, kind: u8) -> usize {
    while i < bytes.len() && BYTE_KINDS[usize::from(bytes[i])] == kind {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_letters_are_word_chars() {
        assert!(is_word_char('ë'));
        assert!(is_word_char('é'));
        assert!(is_word_char('_'));
        assert!(is_word_char('7'));
        assert!(!is_word_char('-'));
        assert!(!is_word_char('€'));
        assert!(!is_word_char(' '));
    }

    #[test]
    fn boundaries_treat_accented_letters_as_letters() {
        let t = "de cliënt, één";
        assert!(is_word_boundary(t, 0));
        assert!(is_word_boundary(t, 2));
        assert!(is_word_boundary(t, 3));
        // inside `cliënt`: before and after the `ë`
        assert!(!is_word_boundary(t, 6));
        assert!(!is_word_boundary(t, 8));
        assert!(is_word_boundary(t, t.len()));
        // not a char boundary (inside the `ë`)
        assert!(!is_word_boundary(t, 7));
        assert!(!is_word_boundary("", 0));
    }

    /// [`ascii_words`] as the Unicode split it stands for.
    fn split_words(t: &str) -> Vec<&str> {
        t.split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic()))
            .collect()
    }

    #[test]
    fn letter_runs_end_where_the_byte_loop_ends_them() {
        let mut text: String = (0u8..128).map(char::from).collect();
        text.push_str("éÿ€ AZaz@[`{ verwerkersovereenkomst cliënt ");
        let doubled = text.repeat(2);
        let fixtures = crate::test_fixtures::raw_texts();
        for t in fixtures
            .iter()
            .map(String::as_str)
            .chain([doubled.as_str()])
        {
            let bytes = t.as_bytes();
            for i in 0..=bytes.len() {
                assert_eq!(letter_run_end(bytes, i), skip_kind(bytes, i, LETTER), "{i}");
            }
        }
    }

    #[test]
    fn ascii_words_of_the_fixtures_are_those_of_the_split() {
        for t in crate::test_fixtures::raw_texts() {
            let words: Vec<&str> = ascii_words(&t).collect();
            assert!(words.len() > 1000);
            assert_eq!(words, split_words(&t));
        }
    }

    #[test]
    fn ascii_words_skip_words_with_other_letters() {
        let w: Vec<&str> = ascii_words("De cliënt en_of de 2e partij, één-op-één.").collect();
        assert_eq!(w, vec!["De", "de", "partij", "op"]);
        let texts = [
            "",
            "€ a€b ab€",
            "x",
            " ÿ-Zz_ 9a b9 ñ ",
            "a\u{300}b c",
            "één cliënt-gegevens, ab½ ab€cd x€ €y 3de 4x ‘aanhalingen’ eind",
        ];
        for t in texts {
            assert_eq!(ascii_words(t).collect::<Vec<_>>(), split_words(t), "{t:?}");
        }
    }
}
