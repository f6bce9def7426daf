//! Parser: durations in Dutch and English (`binnen 24 uur`, `uiterlijk 48 uur
//! na ontdekking`, `vijf werkdagen`, `3 maanden`, `negentig dagen`,
//! `één week`, `within 72 hours`). `zonder onredelijke vertraging` states no
//! number and gives nothing.

use super::numbers::{number_word_alternation, parse_number};
use crate::pattern::Pattern;
use crate::scan;
use aho_corasick::{AhoCorasick, MatchKind};
use dpa_model::{Duration, DurationUnit};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Unit words (lower case) and their unit. Longer forms first where one is a
/// prefix of another is irrelevant: the pattern ends in a word boundary.
pub const UNIT_WORDS: &[(&str, DurationUnit)] = &[
    ("uur", DurationUnit::Hours),
    ("uren", DurationUnit::Hours),
    ("hours", DurationUnit::Hours),
    ("hour", DurationUnit::Hours),
    ("werkdagen", DurationUnit::BusinessDays),
    ("werkdag", DurationUnit::BusinessDays),
    ("business days", DurationUnit::BusinessDays),
    ("business day", DurationUnit::BusinessDays),
    ("working days", DurationUnit::BusinessDays),
    ("working day", DurationUnit::BusinessDays),
    ("kalenderdagen", DurationUnit::Days),
    ("kalenderdag", DurationUnit::Days),
    ("dagen", DurationUnit::Days),
    ("dag", DurationUnit::Days),
    ("calendar days", DurationUnit::Days),
    ("days", DurationUnit::Days),
    ("day", DurationUnit::Days),
    ("weken", DurationUnit::Weeks),
    ("week", DurationUnit::Weeks),
    ("weeks", DurationUnit::Weeks),
    ("maanden", DurationUnit::Months),
    ("maand", DurationUnit::Months),
    ("months", DurationUnit::Months),
    ("month", DurationUnit::Months),
    ("jaren", DurationUnit::Years),
    ("jaar", DurationUnit::Years),
    ("years", DurationUnit::Years),
    ("year", DurationUnit::Years),
];

/// A duration found in a text with the byte range of its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDuration {
    pub value: Duration,
    /// The number and unit (`24 uur`, `vijf (5) werkdagen`).
    pub range: Range<usize>,
    /// Including a leading qualifier (`uiterlijk binnen 24 uur`).
    pub phrase: Range<usize>,
}

/// The unit words as a regex alternation (longest first, spaces as `\s+`).
fn unit_alternation() -> String {
    let mut units: Vec<&str> = UNIT_WORDS.iter().map(|(w, _)| *w).collect();
    units.sort_by_key(|w| std::cmp::Reverse(w.len()));
    units.join("|").replace(' ', r"\s+")
}

static DURATION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::from({
        let units = unit_alternation();
        let words = number_word_alternation();
        Regex::new(&format!(
        r"(?i)(?P<pre>\b(?:(?:uiterlijk|binnen|within|maximaal|maximum|ten\s+minste|minimaal|minstens|tenminste|at\s+least|no\s+later\s+than|in\s+elk\s+geval|in\s+ieder\s+geval|streeftermijn:?)\s+)*)\b(?P<num>\d{{1,4}}|(?:{words})(?:ën|en)?(?:{words})?)(?:\s*\(\s*\d{{1,4}}\s*\))?[\s-]*(?P<unit>{units})\b"
    ))
    .expect("duration pattern compiles")
    })
});

/// [`DURATION`] without its word boundaries and leading qualifiers: a
/// number then a unit. It matches wherever [`DURATION`] does (dropping
/// assertions and an optional part only widens a pattern), and without
/// Unicode word boundaries the fast engines run it: a window where it
/// does not match holds no duration.
static NUMBER_AND_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    let units = unit_alternation();
    let words = number_word_alternation();
    Regex::new(&format!(
        r"(?i)(?:\d{{1,4}}|(?:{words})(?:ën|en)?(?:{words})?)(?:\s*\(\s*\d{{1,4}}\s*\))?[\s-]*(?:{units})"
    ))
    .expect("number and unit pattern compiles")
});

/// Unit words (and their beginnings) that hint at a duration, in the order
/// of preference of [`UNIT_HINT`].
const UNIT_HINT_WORDS: &[&str] = &[
    "uur", "uren", "dag", "week", "weken", "maand", "jaar", "jaren", "hour", "day", "month", "year",
];

/// [`UNIT_HINT_WORDS`] for the index of the document's words: a text
/// without one of them holds no duration.
static UNIT_HINTS: scan::Words = scan::Words::new(UNIT_HINT_WORDS);

/// The parts among `parts` (sorted, disjoint ranges of `text`: sentences,
/// paragraphs) that may hold a duration: those without a unit word are
/// skipped unread ([`find_durations`] finds nothing in them).
pub fn ranges_that_may_hold_durations<'s>(
    text: &str,
    parts: &'s [Range<usize>],
) -> Vec<&'s Range<usize>> {
    scan::ranges_that_may_hold(text, parts, &UNIT_HINTS)
}

/// A cheap test for a unit word (no Unicode word boundaries, so the fast
/// regex engines apply) before the full pattern runs.
static UNIT_HINT: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&format!("(?i){}", UNIT_HINT_WORDS.join("|"))));

/// [`UNIT_HINT`] on lower-cased text: the same matches (leftmost, earlier
/// words preferred), one automaton.
static UNIT_HINT_LOWER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(UNIT_HINT_WORDS)
        .expect("unit hint words fit an automaton")
});

/// The matches of [`UNIT_HINT`] in `text`: searched in the cached
/// lower-cased document when `text` is part of it (only ASCII letters
/// lower-case to the unit words' letters there, as `(?i)` matches them).
fn unit_hints(text: &str) -> Vec<Range<usize>> {
    scan::with_cached_lower(text, |lower| {
        UNIT_HINT_LOWER
            .find_iter(lower)
            .map(|m| m.range())
            .collect()
    })
    .unwrap_or_else(|| UNIT_HINT.find_iter(text).map(|m| m.range()).collect())
}

/// Every duration in `text`, in order. The full pattern (Unicode word
/// boundaries, so a slow engine) runs only on small windows around unit
/// words found by a fast pattern.
pub fn find_durations(text: &str) -> Vec<FoundDuration> {
    durations_in_windows(text, |window| NUMBER_AND_UNIT.is_match(&text[window]))
}

/// [`find_durations`] of the windows around unit words (byte ranges of
/// `text`, each searched whole) that pass `keep`. A duration found in a
/// window left out and again in a later one is reported from the later
/// one (with the phrase that window gives it).
pub fn find_durations_in_windows_where(
    text: &str,
    keep: impl Fn(Range<usize>) -> bool,
) -> Vec<FoundDuration> {
    durations_in_windows(text, |window| {
        keep(window.clone()) && NUMBER_AND_UNIT.is_match(&text[window])
    })
}

/// The durations of the windows around unit words that pass `may_hold`
/// (given the window's byte range; true wherever the full pattern matches
/// in a window that is to be read).
fn durations_in_windows(text: &str, may_hold: impl Fn(Range<usize>) -> bool) -> Vec<FoundDuration> {
    let mut out: Vec<FoundDuration> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut done_until = 0;
    for hint in unit_hints(text) {
        if hint.start < done_until {
            continue;
        }
        let window = window_around(text, hint.start, hint.end);
        done_until = window.end;
        if !may_hold(window.clone()) {
            continue;
        }
        for f in durations_in(&text[window.clone()]) {
            let f = FoundDuration {
                range: window.start + f.range.start..window.start + f.range.end,
                phrase: window.start + f.phrase.start..window.start + f.phrase.end,
                ..f
            };
            if seen.insert((f.range.start, f.range.end)) {
                out.push(f);
            }
        }
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// Up to 100 bytes before (starting after a whitespace) and 30 after.
fn window_around(text: &str, start: usize, end: usize) -> Range<usize> {
    let mut from = start.saturating_sub(100);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    if from > 0 {
        from = text[from..start]
            .find(char::is_whitespace)
            .map_or(start, |i| from + i);
    }
    let mut to = (end + 30).min(text.len());
    while to < text.len() && !text.is_char_boundary(to) {
        to += 1;
    }
    if to < text.len() {
        to = text[end..to]
            .rfind(char::is_whitespace)
            .map_or(to, |i| end + i);
    }
    from..to.max(end)
}

fn durations_in(text: &str) -> Vec<FoundDuration> {
    DURATION
        .captures_iter(text)
        .filter_map(|c| {
            let num = c.name("num")?;
            let unit_m = c.name("unit")?;
            let value = parse_number(num.as_str())?;
            let unit = unit_of(unit_m.as_str())?;
            let whole = c.get(0)?;
            let pre_len = c.name("pre").map_or(0, |p| p.len());
            Some(FoundDuration {
                value: Duration::new(value, unit),
                range: whole.start() + pre_len..whole.end(),
                phrase: whole.range(),
            })
        })
        .collect()
}

/// The first duration in `text`.
pub fn parse_duration(text: &str) -> Option<FoundDuration> {
    find_durations(text).into_iter().next()
}

fn unit_of(word: &str) -> Option<DurationUnit> {
    let lower = word.to_lowercase();
    let lower: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    UNIT_WORDS
        .iter()
        .find(|(w, _)| *w == lower)
        .map(|(_, u)| *u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_with_durations_are_among_those_that_may_hold_them() {
        for t in crate::test_fixtures::raw_texts() {
            // the second document sees the unit words in the index
            for _ in 0..2 {
                scan::begin_document(&t);
                let sents = scan::all_sentences(&t);
                let may = ranges_that_may_hold_durations(&t, &sents);
                let holding: Vec<&Range<usize>> = sents
                    .iter()
                    .filter(|s| !find_durations(&t[(*s).clone()]).is_empty())
                    .collect();
                assert!(!holding.is_empty());
                for s in holding {
                    assert!(may.contains(&s), "{:?}", &t[s.clone()]);
                }
                scan::end_document();
            }
        }
    }

    fn d(text: &str) -> Option<(u32, DurationUnit)> {
        parse_duration(text).map(|f| (f.value.value, f.value.unit))
    }

    #[test]
    fn dutch_digits() {
        assert_eq!(
            d("meldt binnen 24 uur na ontdekking"),
            Some((24, DurationUnit::Hours))
        );
        assert_eq!(
            d("uiterlijk 48 uur na ontdekking"),
            Some((48, DurationUnit::Hours))
        );
        assert_eq!(
            d("verwijdert binnen 3 maanden"),
            Some((3, DurationUnit::Months))
        );
        assert_eq!(d("30 dagen na beëindiging"), Some((30, DurationUnit::Days)));
        assert_eq!(
            d("binnen 5 werkdagen verwerken"),
            Some((5, DurationUnit::BusinessDays))
        );
        assert_eq!(d("2 weken"), Some((2, DurationUnit::Weeks)));
        assert_eq!(d("1 jaar"), Some((1, DurationUnit::Years)));
    }

    #[test]
    fn dutch_words() {
        assert_eq!(
            d("helpen wij binnen tien werkdagen"),
            Some((10, DurationUnit::BusinessDays))
        );
        assert_eq!(
            d("nog negentig dagen bewaard"),
            Some((90, DurationUnit::Days))
        );
        assert_eq!(d("één week van tevoren"), Some((1, DurationUnit::Weeks)));
        assert_eq!(
            d("vijf (5) werkdagen"),
            Some((5, DurationUnit::BusinessDays))
        );
        assert_eq!(d("Vijfenveertig dagen"), Some((45, DurationUnit::Days)));
    }

    #[test]
    fn english() {
        assert_eq!(
            d("within 72 hours of becoming aware"),
            Some((72, DurationUnit::Hours))
        );
        assert_eq!(
            d("ten business days"),
            Some((10, DurationUnit::BusinessDays))
        );
    }

    #[test]
    fn iso_form_and_ranges() {
        let text = "De Verwerker meldt uiterlijk binnen\n24 uur een datalek.";
        let f = parse_duration(text).unwrap();
        assert_eq!(f.value.iso, "PT24H");
        assert_eq!(&text[f.range.clone()], "24 uur");
        assert_eq!(&text[f.phrase.clone()], "uiterlijk binnen\n24 uur");
    }

    #[test]
    fn no_number_no_duration() {
        assert_eq!(d("zonder onredelijke vertraging"), None);
        assert_eq!(d("onverwijld"), None);
        assert_eq!(d("dagelijkse back-ups"), None);
        assert_eq!(d("de dag van de week"), None);
    }

    #[test]
    fn several_in_order() {
        let all = find_durations("binnen 30 dagen, en back-ups binnen 90 dagen");
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].value.value, 90);
    }

    /// `find_durations` as it was before the [`NUMBER_AND_UNIT`] gate.
    fn find_durations_ungated(text: &str) -> Vec<FoundDuration> {
        durations_in_windows(text, |_| true)
    }

    /// Dutch (and some English) sentences with and without durations.
    const SENTENCES: &[&str] = &[
        "De Verwerker meldt een inbreuk uiterlijk binnen 24 uur na ontdekking.",
        "Persoonsgegevens worden binnen dertig (30) dagen na het einde verwijderd.",
        "Back-ups worden maximaal drie maanden bewaard; logbestanden één jaar.",
        "Op maandag en dinsdag is de helpdesk bereikbaar, de duur van de structuur is onbekend.",
        "Een verzoek wordt in ieder geval binnen\nvijf werkdagen beantwoord.",
        "Gedurende de looptijd van de Overeenkomst en zes weken daarna.",
        "Vijfenveertig dagen, tweeëntwintig uren of 2-jaar-lang; 48uur.",
        "De Klant ontvangt ten minste 14 kalenderdagen vooraf bericht.",
        "within 72 hours, at least ten business days, no later than 3 calendar days.",
        "Dagelijkse back-ups, wekelijkse rapportages en maandelijkse facturen.",
        "Zonder onredelijke vertraging en onverwijld, de dag van de week.",
        "Het jaarverslag, de jaarrekening en de urenregistratie van 2024.",
        "streeftermijn: 4 uur; oplostijd 8 uur (werkdagen 9-17 uur).",
        "Ruim honderd dagen later, twee à drie weken, 10.000 uur.",
        "Één dag, eén week, een maand, nul jaren: tenminste 1 (één) jaar.",
    ];

    #[test]
    fn gated_search_equals_the_ungated_one() {
        let mut texts: Vec<String> = SENTENCES.iter().map(|s| s.to_string()).collect();
        texts.push(SENTENCES.join(" "));
        texts.push(SENTENCES.join("\n\n"));
        texts.push(
            SENTENCES
                .iter()
                .rev()
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        );
        // pairs of sentences glued in every order, and every suffix of the whole
        for a in SENTENCES {
            for b in SENTENCES {
                texts.push(format!("{a} {b}"));
            }
        }
        let all = SENTENCES.join(" ");
        texts.extend(
            all.char_indices()
                .step_by(7)
                .map(|(i, _)| all[i..].to_string()),
        );
        let mut found = 0;
        for t in &texts {
            let gated = find_durations(t);
            assert_eq!(gated, find_durations_ungated(t), "{t:?}");
            found += gated.len();
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn unit_hints_in_the_document_equal_the_regex() {
        let doc = "Binnen 3 WEKEN of weken, Maandag; één Jaar/jaren-lang. 24 Uur, 2 uren. \
                   Daydream HOURS month YEAR dagdag wee k";
        scan::begin_document(doc);
        let regex: Vec<Range<usize>> = UNIT_HINT.find_iter(doc).map(|m| m.range()).collect();
        assert!(regex.len() > 10);
        assert_eq!(unit_hints(doc), regex);
        assert_eq!(
            unit_hints(&doc[5..40]),
            UNIT_HINT
                .find_iter(&doc[5..40])
                .map(|m| m.range())
                .collect::<Vec<_>>()
        );
        scan::end_document();
    }
}
