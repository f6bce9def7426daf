//! Lines of the normalized text with byte offsets, and their shape.

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
    let mut out = Vec::new();
    let mut begin = 0;
    for (i, ch) in text.char_indices() {
        if ch == '\n' || ch == '\u{c}' {
            out.push(trimmed(text, begin, i));
            begin = i + ch.len_utf8();
        }
    }
    if begin < text.len() {
        out.push(trimmed(text, begin, text.len()));
    }
    out
}

fn trimmed(text: &str, begin: usize, end: usize) -> Line {
    let raw = &text[begin..end];
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
    line.contains('\t') || line.contains(" | ") || (line.starts_with('|') && line.len() > 1)
}

/// The line ends a sentence or a clause lead-in, so a number may start the
/// next line as a clause.
pub fn ends_sentence(line: &str) -> bool {
    matches!(
        line.chars().last(),
        Some('.' | ':' | ';' | '!' | '?' | '"' | '”' | '’')
    )
}

/// A short, title-like phrase: starts with a capital, no sentence end, few words.
pub fn is_title_like(s: &str, max_words: usize) -> bool {
    let s = s.trim();
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first == '"' || first == '“') {
        return false;
    }
    if s.len() > 90 || matches!(s.chars().last(), Some('.' | ',' | ';' | ':')) {
        return false;
    }
    let words = s.split_whitespace().count();
    let dangling = s.split_whitespace().last().is_some_and(|w| {
        crate::vocab::DANGLING_WORDS
            .iter()
            .any(|d| w.eq_ignore_ascii_case(d))
    });
    words <= max_words && !dangling && !has_sentence_word(s)
}

/// The phrase holds a finite verb or pronoun that headings do not use.
pub fn has_sentence_word(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric()).any(|w| {
        crate::vocab::SENTENCE_WORDS
            .iter()
            .any(|sw| w.eq_ignore_ascii_case(sw))
    })
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
    }
}
