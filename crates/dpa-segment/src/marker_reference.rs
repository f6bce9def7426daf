//! The regex-based marker reader the hand-written one replaced, kept as the
//! reference for a differential test: both must read every line alike.

use crate::marker::{roman_value, Found, Marker, Number};
use crate::vocab::{PartKind, PART_TITLES, PART_WORDS};
use regex::Regex;
use std::sync::LazyLock;

static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Artikel|ARTIKEL|Art\.|ART\.|Article|ARTICLE)\s+(\d{1,3}(?:\.\d{1,3}){0,15})\.?(?:\s*[-–—:.]\s*|\s+|$)")
        .expect("article regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}(?:\.\d{1,3}){0,15})(\.?)(?:[ \u{a0}]+|$)").expect("numeric regex")
});
static PAREN_NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\()?(\d{1,2})\)[ \u{a0}]+").expect("paren numeric regex"));
static LETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-–•*·▪][ \u{a0}]+)?(?:\(([a-z])\)|([a-z])[.)])[ \u{a0}]+")
        .expect("letter regex")
});
static UPPER_LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\(([A-Z])\)|([A-Z])[.)])[ \u{a0}]+\S").expect("upper regex"));
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\((x{0,3}(?:ix|iv|v?i{0,3}))\)|(x{0,3}(?:ix|iv|v?i{0,3}))[.)])[ \u{a0}]+")
        .expect("roman regex")
});
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[•·▪◦○■►‣⁃\-–—*][ \u{a0}\t]+\S").expect("bullet regex"));
fn parse_dotted_reference(s: &str) -> Option<Vec<u32>> {
    s.split('.').map(|p| p.parse().ok()).collect()
}

/// Read the marker at the start of a (trimmed, non-blank) line.
pub fn find_reference(line: &str) -> Option<Found> {
    if !may_start_marker_reference(line) {
        return None;
    }
    if let Some(f) = part_reference(line) {
        return Some(f);
    }
    if let Some(c) = ARTICLE.captures(line) {
        let number = Number::from_parts(&parse_dotted_reference(&c[1])?)?;
        return Some(Found {
            marker: Marker::Article { number },
            rest: c[0].len(),
        });
    }
    if let Some(c) = LETTER.captures(line) {
        let letter = c.get(1).or(c.get(2))?.as_str().chars().next()?;
        // `i.`/`v.`/`x.` may be roman numerals: the builder decides.
        let rest = c[0].len();
        return Some(Found {
            marker: Marker::Letter {
                letter,
                upper: false,
            },
            rest,
        });
    }
    if let Some(c) = ROMAN.captures(line) {
        let text = c.get(1).or(c.get(2))?.as_str();
        let value = roman_value(text)?;
        return Some(Found {
            marker: Marker::Roman { value },
            rest: c[0].len(),
        });
    }
    if let Some(c) = UPPER_LETTER.captures(line) {
        let letter = c.get(1).or(c.get(2))?.as_str().chars().next()?;
        // The match ends after the first char of the text: the rest starts
        // at that char (which may take more than one byte).
        let first = c[0].chars().next_back()?;
        let rest = c[0].len() - first.len_utf8();
        return Some(Found {
            marker: Marker::Letter {
                letter,
                upper: true,
            },
            rest,
        });
    }
    if let Some(c) = PAREN_NUMERIC.captures(line) {
        let n: u32 = c[2].parse().ok()?;
        let marker = Marker::Numeric {
            number: Number::single(n),
            bare: false,
            paren: true,
        };
        return Some(Found {
            marker,
            rest: c[0].len(),
        });
    }
    if let Some(c) = NUMERIC.captures(line) {
        let number = Number::from_parts(&parse_dotted_reference(&c[1])?)?;
        let bare = c[2].is_empty() && number.len() == 1;
        return Some(Found {
            marker: Marker::Numeric {
                number,
                bare,
                paren: false,
            },
            rest: c[0].len(),
        });
    }
    if BULLET.is_match(line) {
        let rest = line
            .char_indices()
            .nth(1)
            .map(|(i, _)| i)
            .unwrap_or(line.len());
        let rest = rest + (line[rest..].len() - line[rest..].trim_start().len());
        return Some(Found {
            marker: Marker::Bullet,
            rest,
        });
    }
    None
}

static PART_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(deel|part|hoofdstuk|bijlage|annex|appendix|schedule)(?:\s+([0-9]{1,2}|[a-z]|[ivx]{1,4}))?(?:\s*([.:\-–—])\s*|\s+|$)(.*)$")
        .expect("part regex")
});

/// Cheap test before the regexes: a marker starts with a digit, a
/// parenthesis, a bullet, a single letter followed by `.`/`)`, or a word
/// that opens a part or an article.
fn may_start_marker_reference(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(c0) = chars.next() else { return false };
    if c0.is_ascii_digit()
        || matches!(
            c0,
            '(' | '•'
                | '·'
                | '▪'
                | '◦'
                | '○'
                | '■'
                | '►'
                | '‣'
                | '⁃'
                | '-'
                | '–'
                | '—'
                | '*'
        )
    {
        return true;
    }
    let c1 = chars.next();
    if c0.is_alphabetic() && matches!(c1, Some('.' | ')')) {
        return true;
    }
    if matches!((c0, c1), ('i' | 'v' | 'x', Some('i' | 'v' | 'x'))) {
        return true;
    }
    let end = line
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(line.len(), |(i, _)| i);
    let first = &line[..end];
    first.len() <= 40
        && OPENING_WORDS_REFERENCE
            .iter()
            .any(|w| w.eq_ignore_ascii_case(first))
}

/// The lower-case words that open an article or a part title.
static OPENING_WORDS_REFERENCE: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut words: Vec<String> = ["artikel", "art", "article"]
        .iter()
        .map(|w| w.to_string())
        .chain(PART_WORDS.iter().map(|(w, _)| w.to_string()))
        .chain(
            PART_TITLES
                .iter()
                .filter_map(|(t, _)| t.split(' ').next().map(str::to_string)),
        )
        .collect();
    words.sort();
    words.dedup();
    words
});

/// A part title line.
fn part_reference(line: &str) -> Option<Found> {
    if line.len() > 120 {
        return None;
    }
    let first: String = line
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let opens_part = PART_WORDS.iter().any(|(w, _)| *w == first)
        || PART_TITLES
            .iter()
            .any(|(t, _)| t.split(' ').next() == Some(first.as_str()));
    if !opens_part {
        return None;
    }
    let lower = line.to_lowercase();
    let title = lower.trim_end_matches([':', '.']).trim();
    if let Some((_, kind)) = PART_TITLES.iter().find(|(t, _)| *t == title) {
        return Some(Found {
            marker: Marker::Part {
                kind: *kind,
                label: None,
            },
            rest: line.len(),
        });
    }
    let c = PART_WORD.captures(line)?;
    let word = c[1].to_lowercase();
    let kind = PART_WORDS.iter().find(|(w, _)| *w == word)?.1;
    let label = c.get(2).map(|m| m.as_str().to_string());
    let sep = c.get(3).is_some();
    let rest_text = c.get(4).map_or("", |m| m.as_str());
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
    // not the start of a word; the regex already requires a boundary.
    let rest = c.get(4).map_or(line.len(), |m| m.start());
    Some(Found {
        marker: Marker::Part {
            kind,
            label: label.map(|l| l.to_lowercase()),
        },
        rest,
    })
}

#[cfg(test)]
mod tests {
    use super::find_reference;
    use crate::marker::find;

    /// Pieces that marker lines (and near misses) are made of.
    const PIECES: &[&str] = &[
        "Artikel",
        "ARTIKEL",
        "Art.",
        "ART.",
        "Article",
        "ARTICLE",
        "artikel",
        "Art",
        "Bijlage",
        "BIJLAGE",
        "Deel",
        "DEEL",
        "deel",
        "Overwegingen",
        "Hoofdstuk",
        "Ondertekening",
        "Aldus overeengekomen",
        "Part",
        "1",
        "2",
        "12",
        "123",
        "1234",
        "0",
        "07",
        ".",
        "..",
        ")",
        "(",
        "-",
        "–",
        "—",
        "•",
        "*",
        "·",
        "▪",
        "◦",
        "►",
        " ",
        "  ",
        "\u{a0}",
        "\t",
        "a",
        "b",
        "z",
        "i",
        "ii",
        "iii",
        "iv",
        "ix",
        "v",
        "vi",
        "x",
        "xi",
        "xix",
        "xxxx",
        "xiv",
        "A",
        "B",
        "Z",
        "\u{663}",
        "\u{967}",
        "²",
        "Verwerker",
        "meldt",
        ":",
        "\u{212a}",
        "é",
        "€",
        "Titel",
        "“Citaat”",
        "B.V.",
        "24 uur",
        "2.1",
        "1.2.3",
        "ivx",
        "c)",
        "(c)",
        "(iv)",
        "3.",
    ];

    /// A small deterministic generator (xorshift).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    fn check(line: &str) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        assert_eq!(find(line), find_reference(line), "line {line:?}");
    }

    #[test]
    fn dotted_numbers_parse_like_str_parse() {
        // What the matchers hand over: `\d` runs joined by dots.
        for s in [
            "1",
            "1.2",
            "12.345.6",
            "",
            ".",
            "1.",
            ".1",
            "1..2",
            "\u{663}",
            "1.\u{663}",
            "007",
        ] {
            assert_eq!(
                crate::marker::parse_dotted(s).map(|n| n.to_vec()),
                super::parse_dotted_reference(s),
                "{s:?}"
            );
        }
    }

    #[test]
    fn hand_written_matchers_read_like_the_regexes() {
        for a in PIECES {
            check(a);
            for b in PIECES {
                check(&format!("{a}{b}"));
                check(&format!("{a}{b} Tekst"));
                for c in PIECES.iter().step_by(3) {
                    check(&format!("{a}{b}{c}"));
                }
            }
        }
        for w in [
            "Bijlage",
            "DEEL",
            "Part",
            "hoofdstuk",
            "Annex",
            "Overwegingen",
        ] {
            for a in PIECES {
                for b in PIECES.iter().step_by(2) {
                    check(&format!("{w} {a}{b}"));
                    check(&format!("{w}{a}{b}"));
                }
            }
        }
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..100_000 {
            let n = 1 + rng.next(8);
            let line: String = (0..n).map(|_| PIECES[rng.next(PIECES.len())]).collect();
            check(&line);
        }
    }
}
