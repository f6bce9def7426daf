//! Line-start markers: part titles, article and clause numbers, letters,
//! roman numerals and bullets. A marker is only a candidate: the tree
//! builder decides from the context whether it starts a clause.

use crate::vocab::{PartKind, PART_TITLES, PART_WORDS};
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
    Article { number: Vec<u32> },
    /// `1`, `1.`, `1.1`, `1.1.1`, `1)`, `(1)`.
    Numeric {
        number: Vec<u32>,
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

/// A marker and where the rest of the line starts (byte offset in the line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub marker: Marker,
    pub rest: usize,
}

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
static PART_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(deel|part|hoofdstuk|bijlage|annex|appendix|schedule)(?:\s+([0-9]{1,2}|[a-z]|[ivx]{1,4}))?(?:\s*([.:\-–—])\s*|\s+|$)(.*)$")
        .expect("part regex")
});

/// Read the marker at the start of a (trimmed, non-blank) line.
pub fn find(line: &str) -> Option<Found> {
    if !may_start_marker(line) {
        return None;
    }
    if let Some(f) = part(line) {
        return Some(f);
    }
    if let Some(c) = ARTICLE.captures(line) {
        let number = parse_dotted(&c[1])?;
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
        let rest = c[0].len() - 1;
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
            number: vec![n],
            bare: false,
            paren: true,
        };
        return Some(Found {
            marker,
            rest: c[0].len(),
        });
    }
    if let Some(c) = NUMERIC.captures(line) {
        let number = parse_dotted(&c[1])?;
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

/// Cheap test before the regexes: a marker starts with a digit, a
/// parenthesis, a bullet, a single letter followed by `.`/`)`, or a word
/// that opens a part or an article.
fn may_start_marker(line: &str) -> bool {
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
    first.len() <= 40 && OPENING_WORDS.iter().any(|w| w.eq_ignore_ascii_case(first))
}

/// The lower-case words that open an article or a part title.
static OPENING_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
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
fn part(line: &str) -> Option<Found> {
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

fn parse_dotted(s: &str) -> Option<Vec<u32>> {
    s.split('.').map(|p| p.parse().ok()).collect()
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

    #[test]
    fn numbers() {
        assert_eq!(
            m("1. Doel"),
            Some(Marker::Numeric {
                number: vec![1],
                bare: false,
                paren: false
            })
        );
        assert_eq!(
            m("1 Dit is"),
            Some(Marker::Numeric {
                number: vec![1],
                bare: true,
                paren: false
            })
        );
        assert_eq!(
            m("4.10 Lucrasoft"),
            Some(Marker::Numeric {
                number: vec![4, 10],
                bare: false,
                paren: false
            })
        );
        assert_eq!(
            m("(2) de tweede"),
            Some(Marker::Numeric {
                number: vec![2],
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
            Some(Marker::Article { number: vec![3] })
        );
        assert_eq!(
            m("Artikel 3 — Geheimhouding"),
            Some(Marker::Article { number: vec![3] })
        );
        assert_eq!(
            m("Art. 12 Slot"),
            Some(Marker::Article { number: vec![12] })
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
