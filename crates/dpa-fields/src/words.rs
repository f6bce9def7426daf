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
    /// The end of the run of word characters from `start`, and whether it
    /// holds ASCII letters only.
    fn run_end(&self, start: usize) -> (usize, bool) {
        let bytes = self.text.as_bytes();
        let (mut i, mut letters_only) = (start, true);
        while let Some(&b) = bytes.get(i) {
            match BYTE_KINDS[usize::from(b)] {
                LETTER => i += 1,
                DIGIT => {
                    letters_only = false;
                    i += 1;
                }
                OTHER => break,
                _ => match self.char_at(i) {
                    Some(c) if is_word_char(c) => {
                        letters_only = false;
                        i += c.len_utf8();
                    }
                    _ => break,
                },
            }
        }
        (i, letters_only)
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|t| t.chars().next())
    }
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        loop {
            // ASCII non-word bytes are skipped in bulk
            while bytes
                .get(self.pos)
                .is_some_and(|&b| BYTE_KINDS[usize::from(b)] == OTHER)
            {
                self.pos += 1;
            }
            let start = self.pos;
            if start >= bytes.len() {
                return None;
            }
            let (end, letters_only) = self.run_end(start);
            if end == start {
                // a non-ASCII char that is no word character
                self.pos += self.char_at(start).map_or(1, char::len_utf8);
                continue;
            }
            self.pos = end;
            if letters_only {
                return self.text.get(start..end);
            }
        }
    }
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

    #[test]
    fn ascii_words_skip_words_with_other_letters() {
        let w: Vec<&str> = ascii_words("De cliënt en_of de 2e partij, één-op-één.").collect();
        assert_eq!(w, vec!["De", "de", "partij", "op"]);
        for t in ["", "€ a€b ab€", "x", " ÿ-Zz_ 9a b9 ñ ", "a\u{300}b c"] {
            let split: Vec<&str> = t
                .split(|c: char| !is_word_char(c))
                .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic()))
                .collect();
            assert_eq!(ascii_words(t).collect::<Vec<_>>(), split, "{t:?}");
        }
    }
}
