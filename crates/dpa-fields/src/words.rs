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
pub fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic()))
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
    }
}
