//! Text repairs that use the document's own vocabulary: line-end
//! hyphenation, ligatures, page furniture and watermark words.

use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Ligature characters and their letters.
const LIGATURES: &[(char, &str)] = &[
    ('\u{FB00}', "ff"),
    ('\u{FB01}', "fi"),
    ('\u{FB02}', "fl"),
    ('\u{FB03}', "ffi"),
    ('\u{FB04}', "ffl"),
    ('\u{FB05}', "st"),
    ('\u{FB06}', "st"),
];

/// Words that mark a draft when they stand alone as a watermark.
pub const WATERMARK_WORDS: &[&str] = &["CONCEPT", "DRAFT", "ONTWERP", "CONCEPTVERSIE", "VOORBEELD"];

/// Words after a line-end hyphen that show a real hyphen with an elided
/// compound part (`beveiligings- en vertrouwelijkheidsniveau`).
const CONJUNCTIONS: &[&str] = &["en", "of", "tot", "t/m", "and", "or", "noch"];

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:.*\s)?(?:pagina|page|blz\.?|p\.)\s*\d+\s*(?:van|of|/)\s*\d+$|^[-–\s]*\d{1,4}[-–\s]*$|^\d+\s*/\s*\d+$")
        .expect("valid regex")
});

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid regex"));

/// Replace ligature characters by their letters.
pub fn fold_ligatures(s: &str) -> String {
    if !s.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match LIGATURES.iter().find(|(l, _)| *l == c) {
            Some((_, rep)) => out.push_str(rep),
            None => out.push(c),
        }
    }
    out
}

/// Is this line page furniture by its form alone (`Pagina 3 van 6`, `- 4 -`)?
pub fn is_page_number_line(line: &str) -> bool {
    PAGE_NUMBER.is_match(line.trim())
}

/// Does the line consist of one watermark word (`CONCEPT`, `C O N C E P T`)?
pub fn is_watermark_text(text: &str) -> bool {
    let squeezed: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    WATERMARK_WORDS
        .iter()
        .any(|w| squeezed == *w || squeezed.trim_matches(|c: char| !c.is_alphanumeric()) == *w)
}

/// A key for comparing page furniture across pages: digits folded.
pub fn furniture_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !key.ends_with('#') {
                key.push('#');
            }
        } else if c.is_whitespace() {
            if !key.ends_with(' ') {
                key.push(' ');
            }
        } else {
            key.extend(c.to_lowercase());
        }
    }
    key.trim().to_string()
}

/// The lower-cased words of a document, for vocabulary checks.
#[derive(Debug, Default)]
pub struct Vocab {
    words: BTreeMap<String, usize>,
    /// Keep a line-end hyphen unless the joined word is known.
    hyphens_kept: bool,
}

impl Vocab {
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocab {
        let mut words = BTreeMap::new();
        for t in texts {
            for w in WORD.find_iter(t) {
                *words.entry(w.as_str().to_lowercase()).or_default() += 1;
            }
            for w in t.split_whitespace() {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                if w.contains('-') && !w.ends_with('-') && !w.starts_with('-') {
                    *words.entry(w.to_lowercase()).or_default() += 1;
                }
            }
        }
        Vocab {
            words,
            hyphens_kept: false,
        }
    }

    /// Line-end hyphens of this document are part of the text (plain-text
    /// layouts are wrapped by tools that only break after real hyphens):
    /// keep them unless the joined word occurs in the document.
    pub fn keep_hyphens(self, kept: bool) -> Vocab {
        Vocab {
            hyphens_kept: kept,
            ..self
        }
    }

    pub fn contains(&self, w: &str) -> bool {
        self.count(w) > 0
    }

    /// How often the word occurs in the document.
    pub fn count(&self, w: &str) -> usize {
        self.words.get(&w.to_lowercase()).copied().unwrap_or(0)
    }
}

/// Join `head` (ending in a line-end hyphen, possibly `word -`) with the
/// next line `tail`, deciding from the vocabulary whether the hyphen was
/// inserted by hyphenation (removed), is part of the word (kept, no space)
/// or stands before an elided compound part (`cloud- en`, kept with a space).
pub fn join_hyphenated(head: &str, tail: &str, vocab: &Vocab) -> String {
    let stem = head.trim_end_matches('-').trim_end();
    let prefix = stem
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let next_word: String = tail.chars().take_while(|c| c.is_alphanumeric()).collect();
    let first_token = tail.split_whitespace().next().unwrap_or("");
    let mut out = String::with_capacity(head.len() + tail.len() + 1);
    if CONJUNCTIONS.contains(&first_token.to_lowercase().as_str()) {
        out.push_str(stem);
        out.push_str("- ");
    } else if !prefix.is_empty()
        && !next_word.is_empty()
        && vocab.contains(&format!("{prefix}{next_word}"))
    {
        out.push_str(stem);
    } else if (!prefix.is_empty() && vocab.contains(&format!("{prefix}-{next_word}")))
        || prefix
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
        || next_word
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || vocab.hyphens_kept
        || is_url_tail(stem)
    {
        out.push_str(stem);
        out.push('-');
    } else {
        out.push_str(stem);
    }
    out.push_str(tail);
    out
}

fn is_url_tail(stem: &str) -> bool {
    let last = stem.rsplit(' ').next().unwrap_or("");
    crate::layout::is_url_like(last)
}

/// Resolve the in-cell join markers left by the layout: after a hyphen
/// (see [`join_hyphenated`]) and soft joins (a space, unless the two pieces
/// only make a word of the document together: `verwerkersovereenko`+`mst`).
pub fn resolve_cell_hyphens(line: &str, vocab: &Vocab) -> String {
    use crate::layout::{HYPHEN_JOIN, SOFT_JOIN};
    if !line.contains([HYPHEN_JOIN, SOFT_JOIN]) {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut pending: Option<char> = None;
    loop {
        let cut = rest.find([HYPHEN_JOIN, SOFT_JOIN]).unwrap_or(rest.len());
        let piece = &rest[..cut];
        match pending {
            None => out.push_str(piece),
            Some(HYPHEN_JOIN) => out = join_hyphenated(&out, piece, vocab),
            Some(_) => soft_join(&mut out, piece, vocab),
        }
        let Some(marker) = rest[cut..].chars().next() else {
            break;
        };
        pending = Some(marker);
        rest = &rest[cut + marker.len_utf8()..];
    }
    out
}

fn soft_join(out: &mut String, piece: &str, vocab: &Vocab) {
    let head = out
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let tail: String = piece.chars().take_while(|c| c.is_alphanumeric()).collect();
    let broken = !head.is_empty()
        && !tail.is_empty()
        && tail.chars().next().is_some_and(char::is_lowercase)
        && {
            let joined = vocab.count(&format!("{head}{tail}"));
            joined > 0 && vocab.count(head) <= joined && vocab.count(&tail) <= joined
        };
    if !broken {
        out.push(' ');
    }
    out.push_str(piece);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(s: &str) -> Vocab {
        Vocab::from_texts([s])
    }

    #[test]
    fn ligatures_fold() {
        assert_eq!(
            fold_ligatures("o\u{FB00}erte \u{FB01}nancieel"),
            "offerte financieel"
        );
    }

    #[test]
    fn hyphenation_undone_only_for_known_words() {
        let v = vocab("de verwerkersovereenkomst en het IP-adres, support@lucrasoft.nl");
        assert_eq!(
            join_hyphenated("de verwerkersover-", "eenkomst geldt", &v),
            "de verwerkersovereenkomst geldt"
        );
        assert_eq!(
            join_hyphenated("de verwerkersover -", "eenkomst", &v),
            "de verwerkersovereenkomst"
        );
        assert_eq!(join_hyphenated("het IP-", "adres", &v), "het IP-adres");
        assert_eq!(
            join_hyphenated("support@lu-", "crasoft.nl", &v),
            "support@lucrasoft.nl"
        );
        assert_eq!(
            join_hyphenated("cloud-", "en IT-diensten", &v),
            "cloud- en IT-diensten"
        );
        assert_eq!(
            join_hyphenated("https://example.nl/trust-center-", "privacy", &v),
            "https://example.nl/trust-center-privacy"
        );
    }

    #[test]
    fn typewriter_layouts_keep_unknown_hyphens() {
        let v = vocab("de verwerkersovereenkomst");
        assert_eq!(
            join_hyphenated("en Nextcloud-", "instances.", &v),
            "en Nextcloudinstances."
        );
        let v = v.keep_hyphens(true);
        assert_eq!(
            join_hyphenated("en Nextcloud-", "instances.", &v),
            "en Nextcloud-instances."
        );
        assert_eq!(
            join_hyphenated("de verwerkers-", "overeenkomst", &v),
            "de verwerkersovereenkomst"
        );
    }

    #[test]
    fn cell_pieces_join_by_vocabulary() {
        let v = vocab("de verwerkersovereenkomst is getekend");
        assert_eq!(
            resolve_cell_hyphens("verwerkersovereenko\u{2}mst", &v),
            "verwerkersovereenkomst"
        );
        assert_eq!(
            resolve_cell_hyphens("de\u{2}verwerkersovereenkomst", &v),
            "de verwerkersovereenkomst"
        );
        assert_eq!(resolve_cell_hyphens("opgesla-\u{1}gen", &v), "opgeslagen");
        assert_eq!(resolve_cell_hyphens("IP-\u{1}adres", &v), "IP-adres");
    }

    #[test]
    fn page_furniture_forms() {
        assert!(is_page_number_line("Pagina 3 van 6"));
        assert!(is_page_number_line(
            "Lucidon b.v. Verwerkersovereenkomst Pagina 3 van 6"
        ));
        assert!(is_page_number_line("- 4 -"));
        assert!(!is_page_number_line("3.1 Verwerker meldt binnen 24 uur"));
        assert_eq!(
            furniture_key("Pagina 3 van 11"),
            furniture_key("Pagina 10 van 11")
        );
    }

    #[test]
    fn watermark_words() {
        assert!(is_watermark_text("CONCEPT"));
        assert!(is_watermark_text("C O N C E P T"));
        assert!(!is_watermark_text("Concept en definities"));
    }
}
