//! Extractor for the `document` fields: title, kind, language, version,
//! effective date, incorporated standard terms, template state.

use crate::pattern::Pattern;
use crate::scan::{self, Words};
use crate::values::{clean, date};
use crate::Ctx;
use dpa_model::{DocumentKind, Model, Warning};
use regex::Regex;
use regex_automata::{meta, Input};
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

/// How far into the document the heading (title, kind, version) is looked for.
const HEAD_BYTES: usize = 1500;

/// Phrases naming the kind of document, most specific first.
const KIND_PHRASES: &[(&str, DocumentKind)] = &[
    (r"data\s*pro\s*statement", DocumentKind::DataProStatement),
    (
        r"addendum|aanvulling\s+op\s+de|wijzigingsovereenkomst",
        DocumentKind::Addendum,
    ),
    (
        r"verwerkers-?\s*overeenkomst|bewerkers-?\s*overeenkomst|verwerkingsovereenkomst|data\s+processing\s+(?:agreement|addendum)|(?-u:\b)DPA(?-u:\b)|gegevensverwerkingsovereenkomst",
        DocumentKind::ProcessingAgreement,
    ),
];

/// Frequent function words per language, for language detection.
const STOPWORDS: &[(&str, &[&str])] = &[
    (
        "nl",
        &[
            "de", "het", "een", "van", "en", "is", "op", "te", "voor", "met", "die", "dat", "zijn",
            "wordt", "bij", "aan", "niet", "worden",
        ],
    ),
    (
        "en",
        &[
            "the", "of", "and", "to", "is", "in", "for", "with", "that", "be", "by", "on", "are",
            "shall", "not", "any", "this", "or",
        ],
    ),
];

/// Phrases after which a document states when it takes effect.
const EFFECTIVE_TRIGGERS: &str = r"(?i)(?-u:\b)(?:geldt\s+vanaf|geldig\s+vanaf|geldend\s+vanaf|van\s+kracht\s+(?:vanaf|per|op|met\s+ingang\s+van)|in\s+werking\s+(?:treedt\s+|getreden\s+)?(?:op|per)|treedt\s+in\s+werking\s+(?:op|per)|met\s+ingang\s+van|ingangsdatum|datum\s+van\s+inwerkingtreding|effective\s+(?:date|from|as\s+of)|with\s+effect\s+from)(?-u:\b)";

/// Incorporated standard terms: (pattern, name as the model writes it when no year is given).
const STANDARD_TERMS: &[&str] = &[
    r"NLdigital[- ]?Voorwaarden(?:\s+(?:19|20)\d\d)?",
    r"Nederland\s*ICT[- ]?Voorwaarden(?:\s+(?:19|20)\d\d)?",
    r"ICT~?Office[- ]?Voorwaarden(?:\s+(?:19|20)\d\d)?",
    r"FENIT[- ]?Voorwaarden(?:\s+(?:19|20)\d\d)?",
    r"Data\s+Pro\s+Standaardclausules(?:\s+voor\s+verwerkingen)?",
    r"Model\s+Verwerkersovereenkomst\s+(?:van\s+)?(?:de\s+)?(?:NLdigital|Nederland\s+ICT)",
];

/// Labels of signature lines: an empty field after one of them is not a placeholder.
const SIGNATURE_LABELS: &[&str] = &[
    "naam",
    "handtekening",
    "datum",
    "functie",
    "plaats",
    "paraaf",
    "signature",
    "name",
    "date",
    "title",
    "place",
];

static KIND_RES: LazyLock<Vec<(Regex, DocumentKind)>> = LazyLock::new(|| {
    KIND_PHRASES
        .iter()
        .map(|(p, k)| (Regex::new(&format!("(?i){p}")).expect("valid regex"), *k))
        .collect()
});
static VERSION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:versie|version|versienummer)\s*(?:nr\.?|nummer)?\s*:?\s*v?(\d+(?:[.\-/]\d+)*[a-z]?)(?-u:\b)",
    )
});
/// [`EFFECTIVE_TRIGGERS`] for a scan of the whole text, without the regex's
/// own literal prefilter: its phrases start with words as common as `in`,
/// `van` and `met`, so a prefilter stops at nearly every word and restarts
/// the search there (the lazy DFA alone reads each byte once).
static EFFECTIVE: LazyLock<meta::Regex> = LazyLock::new(|| {
    meta::Regex::builder()
        .configure(meta::Config::new().auto_prefilter(false))
        .build(EFFECTIVE_TRIGGERS)
        .expect("the effective-date triggers compile")
});
/// Words one of which every match of [`EFFECTIVE_TRIGGERS`] holds (from
/// the index of the document's words).
static TRIGGER_WORDS: Words = Words::new(&["vanaf", "kracht", "werking", "ingang", "effect"]);

/// How many words a trigger has before the word of [`TRIGGER_WORDS`] in
/// it (`treedt in` werking), and after the word holding it (`kracht` met
/// ingang van).
const TRIGGER_WORDS_BEFORE: usize = 2;
const TRIGGER_WORDS_AFTER: usize = 3;

static STANDARD: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&format!("(?i){}", STANDARD_TERMS.join("|"))));

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    extract_kind_and_title(ctx, model, text);
    model.document.language = detect_language(text).to_string();
    extract_version(ctx, model, text);
    extract_effective_date(ctx, model, text);
    extract_standard_terms(ctx, model, text);
    extract_placeholders(ctx, model, text);
}

/// The byte index at most `n` bytes in, on a char boundary.
fn head_end(text: &str, n: usize) -> usize {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Non-empty lines with their byte ranges.
fn lines(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut pos = 0;
    text.split('\n').map(move |l| {
        let r = pos..pos + l.len();
        pos += l.len() + 1;
        (r, l)
    })
}

fn kind_in(s: &str) -> Option<(DocumentKind, Range<usize>)> {
    KIND_RES
        .iter()
        .find_map(|(re, k)| re.find(s).map(|m| (*k, m.range())))
}

fn extract_kind_and_title(ctx: &Ctx, model: &mut Model, text: &str) {
    let head = &text[..head_end(text, HEAD_BYTES)];
    let title_line = lines(head)
        .filter(|(_, l)| !l.trim().is_empty())
        .take(12)
        .find(|(_, l)| l.trim().len() <= 160 && kind_in(l).is_some())
        .or_else(|| lines(head).find(|(_, l)| !l.trim().is_empty()));
    if let Some((r, l)) = title_line {
        let span = clean::trim_span(text, r.clone());
        let title = clean::clean_value(l);
        if !title.is_empty() && !span.is_empty() {
            model.document.title = Some(title);
            ctx.record(model, "document.title", span);
        }
    }
    // the most specific kind named in the heading, else anywhere
    let found = KIND_RES
        .iter()
        .find_map(|(re, k)| re.find(head).map(|m| (*k, m.range())))
        .or_else(|| kind_in(text));
    if let Some((kind, span)) = found {
        model.document.kind = kind;
        ctx.record(model, "document.kind", span);
    }
}

/// `"nl"` or `"en"` by counting frequent function words.
pub fn detect_language(text: &str) -> &'static str {
    let mut counts = [0usize; STOPWORDS.len()];
    // the words are counted in the head of the text (a bound for text
    // without spaces); the head ends at a space, never inside a word
    let head = &text[..head_end(text, LANGUAGE_HEAD_BYTES)];
    let head = if head.len() < text.len() {
        head.rfind(char::is_whitespace).map_or(head, |i| &head[..i])
    } else {
        head
    };
    // the words are ASCII letters only: looked up by their packed key
    let table = &*STOPWORD_TABLE;
    for word in crate::words::ascii_words(head).take(LANGUAGE_WORDS) {
        let languages = word_key(word).map_or(0, |key| table.languages(key));
        for (lang, n) in counts.iter_mut().enumerate() {
            *n += usize::from(languages >> lang & 1);
        }
    }
    let mut best = ("nl", 0usize);
    for ((lang, _), n) in STOPWORDS.iter().zip(counts) {
        if n > best.1 {
            best = (lang, n);
        }
    }
    best.0
}

/// How many slots [`StopwordTable`] has: a power of two, several times the
/// number of stop words (so a look-up mostly reads one slot).
const STOPWORD_SLOTS: usize = 128;

/// The stop words of [`STOPWORDS`] by [`word_key`] in an open-addressing
/// hash table: per slot a key (0: empty) and the bit set of the languages
/// holding it (`is` is Dutch and English). A look-up costs a multiply and
/// mostly one compare, for every word of the text.
struct StopwordTable {
    slots: [(u64, u8); STOPWORD_SLOTS],
}

impl StopwordTable {
    fn build() -> Self {
        assert!(STOPWORDS.len() <= 8, "the languages fit a u8 bit set");
        // an empty slot always remains, so a look-up always ends
        let words: usize = STOPWORDS.iter().map(|(_, w)| w.len()).sum();
        assert!(2 * words <= STOPWORD_SLOTS, "the stop words fit the table");
        let mut table = StopwordTable {
            slots: [(0, 0); STOPWORD_SLOTS],
        };
        for (lang, (_, words)) in STOPWORDS.iter().enumerate() {
            for key in words.iter().filter_map(|w| word_key(w)) {
                let at = table.slot_of(key);
                table.slots[at].0 = key;
                table.slots[at].1 |= 1 << lang;
            }
        }
        table
    }

    /// The slot holding `key`, else the empty slot where it would go.
    fn slot_of(&self, key: u64) -> usize {
        // Fibonacci hashing: the top bits of the product spread the keys
        let mut at = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 57) as usize;
        while self.slots[at].0 != key && self.slots[at].0 != 0 {
            at = (at + 1) % STOPWORD_SLOTS;
        }
        at
    }

    /// The bit set of the languages of which `key` is a stop word.
    fn languages(&self, key: u64) -> u8 {
        let (k, languages) = self.slots[self.slot_of(key)];
        if k == key {
            languages
        } else {
            0
        }
    }
}

static STOPWORD_TABLE: LazyLock<StopwordTable> = LazyLock::new(StopwordTable::build);

/// The length of the longest stop word (at most 8: see [`word_key`]).
const MAX_STOPWORD_LEN: usize = {
    let (mut max, mut i) = (0, 0);
    while i < STOPWORDS.len() {
        let words = STOPWORDS[i].1;
        let mut j = 0;
        while j < words.len() {
            if words[j].len() > max {
                max = words[j].len();
            }
            j += 1;
        }
        i += 1;
    }
    assert!(max <= 8, "a stop word packs into a u64");
    max
};

/// An ASCII word no longer than the longest stop word, lower-cased and
/// packed into a number (one per word: the letters are never zero);
/// `None` for longer words (no stop word).
fn word_key(word: &str) -> Option<u64> {
    (word.len() <= MAX_STOPWORD_LEN).then(|| {
        word.bytes()
            .fold(0u64, |k, b| k << 8 | u64::from(b.to_ascii_lowercase()))
    })
}

/// How many words [`detect_language`] reads: a thousand words of Dutch or
/// English hold a few hundred stop words, enough to tell the language.
const LANGUAGE_WORDS: usize = 1000;
/// In how many bytes at the start [`detect_language`] looks for them.
const LANGUAGE_HEAD_BYTES: usize = 512 * 1024;

fn extract_version(ctx: &Ctx, model: &mut Model, text: &str) {
    let Some(c) = VERSION.captures(text) else {
        return;
    };
    let (Some(v), Some(all)) = (c.get(1), c.get(0)) else {
        return;
    };
    let value = v.as_str().trim_end_matches(['.', '-', '/']);
    if value.is_empty() {
        return;
    }
    model.document.version = Some(value.to_string());
    ctx.record(
        model,
        "document.version",
        all.start()..v.start() + value.len(),
    );
}

fn extract_effective_date(ctx: &Ctx, model: &mut Model, text: &str) {
    for m in effective_triggers(text) {
        let window_end = head_end(text, m.end() + 40);
        let window = &text[m.end()..window_end];
        if let Some((iso, r)) = date::first_date(window) {
            // the date must follow the trigger closely (only a colon or spaces between)
            let gap = &window[..r.start];
            if gap
                .trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '-')
                .is_empty()
            {
                model.document.effective_date = Some(iso);
                ctx.record(model, "document.effective_date", m.start()..m.end() + r.end);
                return;
            }
        }
    }
}

/// The matches of [`EFFECTIVE`] in `text`, in order, as its `find_iter`
/// gives them (found as they are asked for): searched only in the windows
/// around the words of [`TRIGGER_WORDS`] when the index of the document's
/// words knows where they are (every match lies inside the window of a
/// word it holds), else through the whole text.
fn effective_triggers(text: &str) -> Box<dyn Iterator<Item = regex_automata::Match> + '_> {
    let Some(windows) = trigger_windows(text) else {
        return Box::new(EFFECTIVE.find_iter(text));
    };
    let mut windows = windows.into_iter();
    let mut input: Option<Input> = None;
    Box::new(std::iter::from_fn(move || loop {
        if let Some(window) = input.as_mut() {
            if let Some(m) = EFFECTIVE.search(window) {
                // triggers are never empty; a match ends inside its
                // window, and the next window starts after it
                window.set_start(m.end());
                return Some(m);
            }
        }
        input = Some(Input::new(text).range(windows.next()?));
    }))
}

/// The windows (sorted, disjoint) where a trigger phrase may lie: around
/// each trigger word, from [`TRIGGER_WORDS_BEFORE`] words before the word
/// holding it to [`TRIGGER_WORDS_AFTER`] words after. Words are runs of
/// non-whitespace, as `\s+` separates a trigger's words. `None` when the
/// index does not know the trigger words.
fn trigger_windows(text: &str) -> Option<Vec<Range<usize>>> {
    scan::with_word_starts(text, &TRIGGER_WORDS, |starts| {
        let mut windows: Vec<Range<usize>> = Vec::new();
        for at in starts {
            if !may_start_trigger(text, at) {
                continue;
            }
            let from = words_back(text, at, TRIGGER_WORDS_BEFORE);
            let to = words_forward(text, at, TRIGGER_WORDS_AFTER);
            match windows.last_mut() {
                Some(last) if from <= last.end => last.end = last.end.max(to),
                _ => windows.push(from..to),
            }
        }
        windows
    })
}

/// Whether the trigger word at `at` can be part of a trigger: any but
/// `werking`, which only can with whitespace before it (`in werking`) or
/// an `in` after whitespace (`inwerkingtreding`), not inside `verwerking`.
fn may_start_trigger(text: &str, at: usize) -> bool {
    let is_werking = text
        .get(at..at + "werking".len())
        .is_some_and(|w| w.eq_ignore_ascii_case("werking"));
    if !is_werking {
        return true;
    }
    let before = &text[..at];
    let in_after_space = before.len() >= 2
        && before
            .get(at - 2..)
            .is_some_and(|pre| pre.eq_ignore_ascii_case("in"))
        && (at == 2 || before[..at - 2].ends_with(char::is_whitespace));
    before.ends_with(char::is_whitespace) || in_after_space
}

/// The start of the word holding `at` (a char boundary), and of the `n`th
/// word before it.
fn words_back(text: &str, at: usize, n: usize) -> usize {
    let mut start = word_start(text, at);
    for _ in 0..n {
        let gap = text[..start].trim_end_matches(char::is_whitespace).len();
        start = word_start(text, gap);
    }
    start
}

/// The start of the run of non-whitespace that ends at or holds `at`.
fn word_start(text: &str, at: usize) -> usize {
    text[..at].rfind(char::is_whitespace).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    })
}

/// The end of the word holding `at` (a char boundary), and of the `n`th
/// word after it.
fn words_forward(text: &str, at: usize, n: usize) -> usize {
    let mut end = word_end(text, at);
    for _ in 0..n {
        let gap = text.len() - text[end..].trim_start_matches(char::is_whitespace).len();
        end = word_end(text, gap);
    }
    end
}

/// The end of the run of non-whitespace that starts at or holds `at`.
fn word_end(text: &str, at: usize) -> usize {
    text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i)
}

fn extract_standard_terms(ctx: &Ctx, model: &mut Model, text: &str) {
    let mut found: Vec<(String, Range<usize>)> = Vec::new();
    for m in STANDARD.find_iter(text) {
        let name = clean::collapse(m.as_str());
        let key = name.to_lowercase();
        // one entry per standard: keep the most complete spelling (with its year)
        if let Some(pos) = found.iter().position(|(n, _)| {
            let k = n.to_lowercase();
            k.starts_with(&key) || key.starts_with(&k)
        }) {
            if name.len() > found[pos].0.len() {
                found[pos] = (name, m.range());
            }
            continue;
        }
        found.push((name, m.range()));
    }
    for (i, (name, r)) in found.into_iter().enumerate() {
        model.document.standard_terms.push(name);
        ctx.record(model, format!("document.standard_terms.{i}"), r);
    }
}

/// The label before a field on its line (`Bedrijfsnaam | ____` → `Bedrijfsnaam`).
fn field_label(text: &str, at: usize) -> String {
    let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let before = &text[line_start..at];
    clean::clean_value(
        before
            .rsplit(['|', '\t', ':'])
            .find(|s| !s.trim().is_empty())
            .unwrap_or(before),
    )
}

fn is_signature_label(label: &str) -> bool {
    let l = label.to_lowercase();
    l.is_empty()
        || SIGNATURE_LABELS
            .iter()
            .any(|w| l == *w || l.starts_with(&format!("{w} ")))
}

/// How many fill-in fields [`extract_placeholders`] reads at most (a real
/// template has a few dozen; the bound keeps hostile input linear and fast).
const MAX_PLACEHOLDERS: usize = 2000;

fn extract_placeholders(ctx: &Ctx, model: &mut Model, text: &str) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut found = clean::find_placeholders(text);
    for r in found.by_ref().take(MAX_PLACEHOLDERS) {
        let label = field_label(text, r.start);
        let bracketed = text[r.clone()].starts_with('[') || text[r.clone()].starts_with('<');
        if !bracketed && is_signature_label(&label) {
            continue;
        }
        if !model.document.is_template {
            model.document.is_template = true;
            ctx.record(model, "document.is_template", r.clone());
        }
        let shown = clean::collapse(&text[r.clone()]);
        let key = format!("{label}|{shown}");
        if !seen.insert(key) {
            continue;
        }
        let message = if label.is_empty() || bracketed {
            format!("fill-in field {shown} left unfilled")
        } else {
            format!("fill-in field for \"{label}\" left unfilled")
        };
        model.warnings.push(Warning::new(
            "placeholder",
            message,
            ctx.text.page_of_span(r.start),
        ));
    }
    if let Some(r) = found.next() {
        model.warnings.push(Warning::new(
            "placeholder",
            format!("more than {MAX_PLACEHOLDERS} fill-in fields; the rest are not listed"),
            ctx.text.page_of_span(r.start),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effective_scan_finds_what_the_regex_finds() {
        let regex = regex::Regex::new(EFFECTIVE_TRIGGERS).unwrap();
        let mut texts = crate::test_fixtures::raw_texts();
        texts.push(
            "Deze versie geldt vanaf 1 april 2021 en treedt in werking op 2 mei. In werking getreden per \
             1-1-2022; Met  ingang van heden. Ingangsdatum: 3 juni. WITH EFFECT FROM today; \
             effective as of now, datum van inwerkingtreding, van kracht met ingang van morgen. \
             ingin werking op; ingangsdatumx"
                .to_string(),
        );
        // words far apart, split by lines, at the text's ends, odd cases
        texts.push(
            "treedt\n\n  in \t werking\n per; (in werking op) x;inwerking op. Datum van\n\
             INWERKINGTREDING. verwerking op en in verwerking per; van KRACHT\nmet   ingang   van. \
             effective\u{a0}date: with effect from"
                .to_string(),
        );
        texts.push("van \u{212a}racht op, in wer\u{212a}ing per".to_string());
        texts.push("ingangsdatum".to_string());
        texts.push("in werking op".to_string());
        for t in &texts {
            let scanned: Vec<_> = EFFECTIVE.find_iter(t.as_str()).map(|m| m.range()).collect();
            let expected: Vec<_> = regex.find_iter(t).map(|m| m.range()).collect();
            assert_eq!(scanned, expected);
            // the windows come from the index of the document's words (the
            // second document sees the trigger words in it), except where
            // the text has no lower-case copy of the same length (a Kelvin
            // sign): then the whole text is searched
            for round in 0..2 {
                scan::begin_document(t);
                let found: Vec<_> = effective_triggers(t).map(|m| m.range()).collect();
                let windowed = trigger_windows(t).is_some();
                scan::end_document();
                let head: String = t.chars().take(60).collect();
                assert_eq!(found, expected, "{head:?}");
                if round == 1 {
                    assert_eq!(windowed, !t.contains('\u{212a}'), "{head:?}");
                }
            }
        }
        let written = &texts[texts.len() - 5..texts.len() - 3];
        let phrases: Vec<usize> = written.iter().map(|t| regex.find_iter(t).count()).collect();
        assert!(
            phrases.iter().all(|&n| n >= 5),
            "{phrases:?} trigger phrases"
        );
    }

    fn run(text: &str) -> Model {
        crate::ctx::run_extractor(text, extract)
    }

    #[test]
    fn agreement_heading() {
        let m = run("Verwerkersovereenkomst Alfa\n\nVersie 2.3 – geldig vanaf 3 maart 2025\n\nDeze overeenkomst is van toepassing op de diensten van de verwerker en de klant.");
        assert_eq!(m.document.kind, DocumentKind::ProcessingAgreement);
        assert_eq!(
            m.document.title.as_deref(),
            Some("Verwerkersovereenkomst Alfa")
        );
        assert_eq!(m.document.version.as_deref(), Some("2.3"));
        assert_eq!(m.document.effective_date.as_deref(), Some("2025-03-03"));
        assert_eq!(m.document.language, "nl");
        assert!(!m.document.is_template);
        assert_eq!(m.evidence["document.version"].text, "Versie 2.3");
    }

    #[test]
    fn data_pro_statement_with_terms() {
        let m = run("DATA PRO STATEMENT\n\nVersie 4-2024\n\n2 Dit Data Pro Statement geldt vanaf 15-01-2024\n\nWij gebruiken de NLdigital Voorwaarden en de NLdigital Voorwaarden 2020 van de branche.\n\nVersie 1-2019");
        assert_eq!(m.document.kind, DocumentKind::DataProStatement);
        assert_eq!(m.document.version.as_deref(), Some("4-2024"));
        assert_eq!(m.document.effective_date.as_deref(), Some("2024-01-15"));
        assert_eq!(
            m.document.standard_terms,
            vec!["NLdigital Voorwaarden 2020".to_string()]
        );
    }

    #[test]
    fn placeholders_beyond_the_cap_are_reported_not_dropped() {
        let text = "1. Partijen\n\n[NAAM KLANT] gevestigd te [PLAATS]\n".repeat(MAX_PLACEHOLDERS);
        let m = run(&text);
        let placeholder: Vec<_> = m
            .warnings
            .iter()
            .filter(|w| w.code == "placeholder")
            .collect();
        assert_eq!(placeholder.len(), 3, "{placeholder:?}");
        assert!(placeholder[2]
            .message
            .contains("more than 2000 fill-in fields"));
    }

    #[test]
    fn placeholders_make_a_template_but_signature_lines_do_not() {
        let m = run("Verwerkersovereenkomst\n\nDe klant [NAAM KLANT] en de verwerker.\n\nNaam: ________\nHandtekening: ________");
        assert!(m.document.is_template);
        assert_eq!(
            m.warnings
                .iter()
                .filter(|w| w.code == "placeholder")
                .count(),
            1
        );
        let m = run("Verwerkersovereenkomst\n\nDe klant en de verwerker maken afspraken.\n\nNaam: ________\nDatum: ________");
        assert!(!m.document.is_template);
    }

    /// The bit set of the languages whose stop words hold `word` (any
    /// ASCII case), read from [`STOPWORDS`] directly.
    fn languages_of(word: &str) -> u8 {
        let mut languages = 0;
        for (lang, (_, words)) in STOPWORDS.iter().enumerate() {
            if words.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                languages |= 1 << lang;
            }
        }
        languages
    }

    #[test]
    fn stop_word_table_answers_as_the_word_lists() {
        let own =
            "Het IS de taak van de Verwerker: the processor shall, in any case, isolate DE data";
        let mut texts = crate::test_fixtures::raw_texts();
        texts.push(own.to_string());
        let stop_words = STOPWORDS.iter().flat_map(|(_, w)| w.iter().copied());
        let mut hits = 0;
        for word in texts
            .iter()
            .flat_map(|t| crate::words::ascii_words(t))
            .chain(stop_words)
        {
            let table = word_key(word).map_or(0, |k| STOPWORD_TABLE.languages(k));
            assert_eq!(table, languages_of(word), "{word:?}");
            hits += usize::from(table != 0);
        }
        assert!(hits > 500, "{hits} stop words");
    }

    #[test]
    fn every_stop_word_has_a_key() {
        let n: usize = STOPWORDS.iter().map(|(_, w)| w.len()).sum();
        let keys = STOPWORD_TABLE.slots.iter().filter(|(k, _)| *k != 0).count();
        // `is` is in both lists
        assert_eq!(keys, n - 1);
        assert_eq!(detect_language("Het is de tijd VAN de verwerker."), "nl");
        assert_eq!(detect_language("It IS the time of the processor."), "en");
    }

    /// Exactly [`LANGUAGE_WORDS`] words count: five Dutch and five English
    /// stop words at the end of them tie (Dutch wins a tie), one word
    /// more or fewer would tip it to English.
    #[test]
    fn language_reads_exactly_its_word_count() {
        let filler = "x ".repeat(LANGUAGE_WORDS - 10);
        let text = format!(
            "{filler}the the the the the de de de de de {}",
            "the ".repeat(10)
        );
        assert_eq!(detect_language(&text), "nl");
    }

    #[test]
    fn english_is_detected() {
        let m = run("Data Processing Agreement\n\nThe processor shall process the personal data of the controller only on documented instructions and not for any other purpose.");
        assert_eq!(m.document.language, "en");
        assert_eq!(m.document.kind, DocumentKind::ProcessingAgreement);
    }
}
