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
use std::collections::BTreeMap;
use std::ops::Range;
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

/// Longest glued `Name`+`word` considered, in bytes: real ones are short,
/// and every split point of a candidate is looked up (keeps hostile text
/// with huge capitalised tokens linear).
const MAX_GLUED_BYTES: usize = 80;

/// Characters that may open a token before the name (`(“Lucidon`).
const LEAD_CHARS: [char; 5] = ['(', '“', '"', '‘', '\''];

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}\p{M}]+").expect("valid regex"));
static DOMAIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\w\.(?:nl|com|eu|org|net|be|de|io)\b").expect("valid regex"));
/// Every place that can make its token an address (see [`is_address`]); a
/// superset, checked token by token.
static ADDRESS_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"@|://|(?i:www\.)|\w\.(?:nl|com|eu|org|net|be|de|io)").expect("valid regex")
});
/// A token that may be a glued word (checked further by
/// [`legal_form_parts`] and [`name_word_core`]): lead characters, a
/// capital, then at least six more letters or a name and a legal form,
/// closing punctuation and the end of the token. A match that does not
/// start a token is not one.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    let forms: Vec<String> = LEGAL_FORMS.iter().map(|f| regex::escape(f)).collect();
    let pattern = format!(
        r#"[(“"‘']*\p{{Uppercase}}(?:\p{{Alphabetic}}{{6,}}[.,;:!?)”’"]*|\p{{Alphabetic}}{{2,}}(?:{})[,;:)”’"]*)(?:\s|\z)"#,
        forms.join("|")
    );
    Regex::new(&pattern).expect("valid regex")
});

/// How often one word occurs, and whether it is ever capitalised in
/// mid-sentence.
#[derive(Debug, Default, Clone, Copy)]
struct WordCount {
    count: usize,
    mid_cap: bool,
}

/// Word statistics of one document (words borrowed from its text).
#[derive(Debug, Default)]
struct Stats<'t> {
    /// Exact (case-sensitive) word counts; `mid_cap` marks capitalised
    /// words seen right after a lower-case word.
    exact: BTreeMap<&'t str, WordCount>,
    /// Case-folded word counts.
    folded: BTreeMap<String, usize>,
}

impl<'t> Stats<'t> {
    fn of(texts: impl IntoIterator<Item = &'t str>) -> Stats<'t> {
        let mut stats = Stats::default();
        for text in texts {
            stats.count_words(text);
        }
        for (w, n) in &stats.exact {
            *stats.folded.entry(w.to_lowercase()).or_default() += n.count;
        }
        stats
    }

    /// Count the words of `text` outside addresses.
    fn count_words(&mut self, text: &'t str) {
        let addresses = address_tokens(text);
        let mut next = addresses.iter().peekable();
        for m in WORD.find_iter(text) {
            while next.next_if(|r| r.end <= m.start()).is_some() {}
            if next.peek().is_some_and(|r| r.start <= m.start()) {
                continue;
            }
            let w = m.as_str();
            let entry = self.exact.entry(w).or_default();
            entry.count += 1;
            if !entry.mid_cap && follows_lower_word(&text[..m.start()]) && is_capitalised(w) {
                entry.mid_cap = true;
            }
        }
    }

    fn exact(&self, w: &str) -> usize {
        self.exact.get(w).map_or(0, |n| n.count)
    }

    fn folded(&self, w: &str) -> usize {
        self.folded.get(&w.to_lowercase()).copied().unwrap_or(0)
    }

    /// A name or defined term: stands alone twice, capitalised in
    /// mid-sentence, never in lower case.
    fn is_name(&self, w: &str) -> bool {
        let Some(n) = self.exact.get(w) else {
            return false;
        };
        n.count >= 2 && n.mid_cap && self.exact(&w.to_lowercase()) == 0
    }
}

/// The byte ranges of the address tokens (whitespace-separated) of `text`,
/// in order.
fn address_tokens(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(hint) = ADDRESS_HINT.find_at(text, pos) {
        let token = token_around(text, hint.start());
        pos = token.end.max(hint.end());
        if is_address(&text[token.clone()]) {
            found.push(token);
        }
    }
    found
}

/// The whitespace-separated token that holds byte `at`.
fn token_around(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind(char::is_whitespace).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    start..end
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
    let candidates: Vec<Vec<Range<usize>>> = pages.iter().map(|p| candidates(p)).collect();
    if candidates.iter().all(Vec::is_empty) {
        return pages.to_vec();
    }
    let stats = Stats::of(pages.iter().map(String::as_str));
    pages
        .iter()
        .zip(&candidates)
        .map(|(p, c)| split_candidates(p, c, &stats))
        .collect()
}

/// Split glued words in one document text (see the module docs).
pub fn split_glued_words(text: &str) -> String {
    let candidates = candidates(text);
    if candidates.is_empty() {
        return text.to_string();
    }
    let stats = Stats::of([text]);
    split_candidates(text, &candidates, &stats)
}

/// The tokens of `text` that have the form of a glued word (a capitalised
/// body, see [`legal_form_parts`] and [`name_word_core`]); only these need
/// the document's statistics.
fn candidates(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut seen: BTreeMap<&str, bool> = BTreeMap::new();
    let mut pos = 0;
    while let Some(m) = CANDIDATE.find_at(text, pos) {
        pos = m.end();
        if !starts_token(text, m.start()) {
            continue;
        }
        let token = m.as_str().trim_end();
        let fits = *seen.entry(token).or_insert_with(|| {
            let body = token_body(token).1;
            legal_form_parts(body).is_some() || name_word_core(body).is_some()
        });
        if fits {
            found.push(m.start()..m.start() + token.len());
        }
    }
    found
}

/// `text` with every candidate token split where the statistics say so
/// (each distinct token is decided once).
fn split_candidates(text: &str, candidates: &[Range<usize>], stats: &Stats) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut decided: BTreeMap<&str, Option<String>> = BTreeMap::new();
    let mut copied = 0;
    for range in candidates {
        let token = &text[range.clone()];
        let split = decided
            .entry(token)
            .or_insert_with(|| split_token(token, stats));
        if let Some(split) = split {
            out.push_str(&text[copied..range.start]);
            out.push_str(split);
            copied = range.end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether byte `at` of `text` starts a whitespace-separated token.
fn starts_token(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .map_or(true, char::is_whitespace)
}

/// A token split into its lead (`(“`) and its body.
fn token_body(token: &str) -> (&str, &str) {
    let lead = token.len() - token.trim_start_matches(LEAD_CHARS).len();
    token.split_at(lead)
}

fn split_token(token: &str, stats: &Stats) -> Option<String> {
    let (prefix, body) = token_body(token);
    let split = split_legal_form(body, stats).or_else(|| split_name_word(body, stats))?;
    Some(format!("{prefix}{split}"))
}

/// The name and legal form of a body like `LucidonB.V.,`: a capitalised
/// name of at least three letters glued to a legal form.
fn legal_form_parts(body: &str) -> Option<(&str, &str)> {
    let core = body.trim_end_matches([',', ';', ':', ')', '”', '’', '"']);
    let form = LEGAL_FORMS.iter().find(|f| core.ends_with(**f))?;
    let head = &core[..core.len() - form.len()];
    if head.chars().count() < 3 || !head.chars().all(char::is_alphabetic) || !is_capitalised(head) {
        return None;
    }
    Some((head, form))
}

/// `LucidonB.V.,` → `Lucidon B.V.,`.
fn split_legal_form(body: &str, stats: &Stats) -> Option<String> {
    let (head, form) = legal_form_parts(body)?;
    let lower_form = form.chars().all(|c| !c.is_uppercase());
    if lower_form && stats.exact(head) < 2 {
        return None;
    }
    Some(format!("{head} {}", &body[head.len()..]))
}

/// The word part of a body that may be `Name`+`word`: capitalised letters
/// only, long enough for a name and a tail, at most [`MAX_GLUED_BYTES`].
fn name_word_core(body: &str) -> Option<&str> {
    let core = body.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '”', '’', '"']);
    let fits = core.len() <= MAX_GLUED_BYTES
        && core.chars().all(char::is_alphabetic)
        && is_capitalised(core)
        && core.chars().count() >= MIN_HEAD + 3;
    fits.then_some(core)
}

/// `Lucidonlevert` → `Lucidon levert` (see the module docs).
fn split_name_word(body: &str, stats: &Stats) -> Option<String> {
    let core = name_word_core(body)?;
    if stats.folded(core) > 1 {
        return None;
    }
    let bounds: Vec<usize> = core.char_indices().map(|(i, _)| i).collect();
    let count = bounds.len();
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

    #[test]
    fn only_whole_tokens_of_bounded_length_are_split() {
        let doc = "De klant van Noordhaven en Noordhaven zelf bewaart.\n\
            (Noordhavenbewaart “Noordhavenlevert, xNoordhavenmeldt";
        assert_eq!(
            split_glued_words(doc),
            "De klant van Noordhaven en Noordhaven zelf bewaart.\n\
            (Noordhaven bewaart “Noordhaven levert, xNoordhavenmeldt"
        );
        let long_tail = "bewaart".repeat(12);
        let doc =
            format!("De klant van Noordhaven en Noordhaven. {long_tail}\nNoordhaven{long_tail}");
        assert_eq!(split_glued_words(&doc), doc);
    }

    #[test]
    fn text_without_candidates_is_returned_as_is() {
        let doc = "de verwerker meldt een datalek binnen 24 uur; ".repeat(1000);
        assert!(candidates(&doc).is_empty());
        assert_eq!(split_glued_words(&doc), doc);
        let pages = vec![doc.clone(), "1.1 Verwerker".to_string()];
        assert_eq!(split_glued_pages(&pages), pages);
    }
}
