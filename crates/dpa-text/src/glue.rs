//! Glued-word repair from the document's own vocabulary.
//!
//! Producers (and careless editing) sometimes drop the space after a name:
//! `Lucidonlevert diensten`, `LucidonB.V.`. A token is split only when the
//! document itself says so, and conservatively:
//!
//! - a legal form glued to a capitalised word (`LucidonB.V.` →
//!   `Lucidon B.V.`); a lower-case legal form (`Lucidonb.v.`) only when the
//!   name also stands alone in the document;
//! - `Name`+`word` when `Name` stands alone at least twice, is written
//!   capitalised in mid-sentence and never in lower case (a name or defined
//!   term, not a common noun that starts Dutch compounds), `word` (≥ 4
//!   letters) stands alone in the document or is a common verb after a
//!   party name, and the glued form occurs nowhere else.
//!
//! Only tokens made of letters are considered, so URLs, e-mail addresses and
//! identifiers are never touched.

use regex::Regex;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// Legal forms that follow a company name.
const LEGAL_FORMS: &[&str] = &[
    "B.V.", "N.V.", "V.O.F.", "C.V.", "GmbH", "Ltd.", "Inc.", "b.v.", "n.v.",
];

/// Verbs that commonly follow a party name (`Lucidon levert`); tails from
/// this table need not occur elsewhere in the document.
const PARTY_VERBS: &[&str] = &[
    "heeft",
    "levert",
    "maakt",
    "treft",
    "biedt",
    "verwerkt",
    "zorgt",
    "draagt",
    "gebruikt",
    "neemt",
    "houdt",
    "wordt",
    "stelt",
    "verleent",
    "garandeert",
    "verklaart",
    "bewaart",
    "meldt",
    "informeert",
    "verstrekt",
    "beschikt",
    "hanteert",
];

/// Shortest name and shortest tail that may be split off.
const MIN_HEAD: usize = 4;
const MIN_TAIL: usize = 4;

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}\p{M}]+").expect("valid regex"));
static DOMAIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\w\.(?:nl|com|eu|org|net|be|de|io)\b").expect("valid regex"));
static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\S+").expect("valid regex"));

/// Word statistics of one document.
#[derive(Debug, Default)]
struct Stats {
    /// Exact (case-sensitive) word counts.
    exact: BTreeMap<String, usize>,
    /// Case-folded word counts.
    folded: BTreeMap<String, usize>,
    /// Capitalised words seen right after a lower-case word.
    mid_caps: BTreeSet<String>,
}

impl Stats {
    fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Stats {
        let mut stats = Stats::default();
        for text in texts {
            for token in TOKEN.find_iter(text).filter(|t| !is_address(t.as_str())) {
                for m in WORD.find_iter(token.as_str()) {
                    let w = m.as_str();
                    *stats.exact.entry(w.to_string()).or_default() += 1;
                    *stats.folded.entry(w.to_lowercase()).or_default() += 1;
                    let start = token.start() + m.start();
                    if is_capitalised(w) && follows_lower_word(&text[..start]) {
                        stats.mid_caps.insert(w.to_string());
                    }
                }
            }
        }
        stats
    }

    fn exact(&self, w: &str) -> usize {
        self.exact.get(w).copied().unwrap_or(0)
    }

    /// A name or defined term: stands alone twice, capitalised in
    /// mid-sentence, never in lower case.
    fn is_name(&self, w: &str) -> bool {
        self.exact(w) >= 2 && self.mid_caps.contains(w) && self.exact(&w.to_lowercase()) == 0
    }
}

/// A URL, e-mail address or domain: its words say nothing about how the
/// document writes names (`support@lucidon.nl`).
fn is_address(token: &str) -> bool {
    token.contains('@')
        || token.contains("://")
        || token.to_lowercase().starts_with("www.")
        || DOMAIN.is_match(token)
}

fn is_capitalised(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
}

fn follows_lower_word(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(' ') else {
        return false;
    };
    rest.chars()
        .next_back()
        .is_some_and(|c| c.is_lowercase() || c == ',')
}

/// Split glued words in every page, with statistics over all pages.
pub fn split_glued_pages(pages: &[String]) -> Vec<String> {
    let stats = Stats::of(pages.iter().map(String::as_str));
    pages.iter().map(|p| split_with(p, &stats)).collect()
}

/// Split glued words in one document text (see the module docs).
pub fn split_glued_words(text: &str) -> String {
    let stats = Stats::of([text]);
    split_with(text, &stats)
}

fn split_with(text: &str, stats: &Stats) -> String {
    TOKEN
        .replace_all(text, |c: &regex::Captures| {
            split_token(&c[0], stats).into_owned()
        })
        .into_owned()
}

fn split_token<'t>(token: &'t str, stats: &Stats) -> Cow<'t, str> {
    let lead = token.len() - token.trim_start_matches(['(', '“', '"', '‘', '\'']).len();
    let (prefix, body) = token.split_at(lead);
    if let Some(split) = split_legal_form(body, stats).or_else(|| split_name_word(body, stats)) {
        return Cow::Owned(format!("{prefix}{split}"));
    }
    Cow::Borrowed(token)
}

/// `LucidonB.V.,` → `Lucidon B.V.,`.
fn split_legal_form(body: &str, stats: &Stats) -> Option<String> {
    let core = body.trim_end_matches([',', ';', ':', ')', '”', '’', '"']);
    let form = LEGAL_FORMS.iter().find(|f| core.ends_with(**f))?;
    let head = &core[..core.len() - form.len()];
    if head.chars().count() < 3 || !head.chars().all(char::is_alphabetic) || !is_capitalised(head) {
        return None;
    }
    let lower_form = form.chars().all(|c| !c.is_uppercase());
    if lower_form && stats.exact(head) < 2 {
        return None;
    }
    Some(format!("{head} {}", &body[head.len()..]))
}

/// `Lucidonlevert` → `Lucidon levert` (see the module docs).
fn split_name_word(body: &str, stats: &Stats) -> Option<String> {
    let core = body.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '”', '’', '"']);
    if !core.chars().all(char::is_alphabetic) || !is_capitalised(core) {
        return None;
    }
    if stats.folded.get(&core.to_lowercase()).copied().unwrap_or(0) > 1 {
        return None;
    }
    let bounds: Vec<usize> = core.char_indices().map(|(i, _)| i).collect();
    let count = bounds.len();
    if count < MIN_HEAD + 3 {
        return None;
    }
    // Longest name first.
    (MIN_HEAD..=count - 3).rev().find_map(|k| {
        let (head, tail) = core.split_at(bounds[k]);
        let tail_ok = (tail.chars().count() >= MIN_TAIL && stats.exact(tail) >= 1)
            || PARTY_VERBS.contains(&tail);
        (tail_ok && stats.is_name(head)).then(|| format!("{head} {}", &body[head.len()..]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "Werkplaats Noordhaven B.V. is de verwerker. De klant van Noordhaven \
        vraagt om advies en Noordhaven bewaart gegevens.\n\
        Noordhavenbewaart back-ups in Nederland.\n\
        NoordhavenB.V. – Afdeling Privacy\n\
        Noordhavenb.v., gevestigd te Zwolle.\n\
        Zie www.Noordhavenvraagt.nl of mail info@Noordhavenvraagt.nl.";

    #[test]
    fn name_glued_to_a_known_word_is_split() {
        let out = split_glued_words(DOC);
        assert!(out.contains("\nNoordhaven bewaart back-ups"), "{out}");
        assert!(out.contains("\nNoordhaven B.V. – Afdeling"), "{out}");
        assert!(out.contains("\nNoordhaven b.v., gevestigd"), "{out}");
    }

    #[test]
    fn a_name_in_a_mail_address_still_counts_as_a_name() {
        let doc = "De klant van Noordhaven en Noordhaven zelf, via support@noordhaven.nl.\n\
            Noordhavenheeft geen inzicht.";
        assert!(split_glued_words(doc).ends_with("\nNoordhaven heeft geen inzicht."));
    }

    #[test]
    fn urls_and_mail_addresses_are_kept() {
        let out = split_glued_words(DOC);
        assert!(out.contains("www.Noordhavenvraagt.nl"), "{out}");
        assert!(out.contains("info@Noordhavenvraagt.nl"), "{out}");
    }

    #[test]
    fn party_verb_from_the_table_splits_after_a_name() {
        let doc = "De klant van Noordhaven en Noordhaven zelf.\nNoordhavenlevert diensten.";
        assert_eq!(
            split_glued_words(doc),
            "De klant van Noordhaven en Noordhaven zelf.\nNoordhaven levert diensten."
        );
    }

    #[test]
    fn compounds_of_common_nouns_stay_whole() {
        // `gegevens` occurs in lower case: a common noun, not a name.
        let doc = "De Gegevens en de gegevens van Gegevens.\nGegevensverwerking vindt plaats \
            na verwerking.";
        assert_eq!(split_glued_words(doc), doc);
    }

    #[test]
    fn a_glued_form_the_document_repeats_is_a_word() {
        let doc = "De klant van Noordhaven en Noordhaven zelf. Noordhavenlevert en \
            Noordhavenlevert.";
        assert_eq!(split_glued_words(doc), doc);
    }

    #[test]
    fn short_names_and_one_off_names_are_not_split() {
        let doc = "Bij Acme.\nAcmeheeft geen inzicht. Zuidkaapheeft ook niet. Bij Abc en Abc.\n\
            Abcheeft niets.";
        assert_eq!(split_glued_words(doc), doc);
    }
}
