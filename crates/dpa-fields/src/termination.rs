//! Extractor for `termination`: deletion deadline, whether data can be
//! returned (and by when), and what happens to backups.
//!
//! A window to return or export first and then a deletion without its own
//! deadline (`binnen negentig dagen een export opvragen. Daarna verwijderen
//! wij alles`) makes the window the deletion deadline too. A target
//! (`streeftermijn`) is still the deadline.

use crate::pattern::Pattern;
use crate::scan::{self, has_any};
use crate::scan::{words, Words};
use crate::values::clean::collapse;
use crate::values::duration::{find_durations, FoundDuration};
use crate::Ctx;
use dpa_model::{ClauseKind, Model};
use std::ops::Range;
use std::sync::LazyLock;

/// Words of the end of the agreement.
static END_WORDS: Words = Words::new(&[
    "beëindig",
    "beeindig",
    "einde",
    "eindigt",
    "afloop",
    "opzegging",
    "ontbinding",
    "stopt",
    "termination",
    "terminat",
    "end of",
    "expir",
]);
/// Heading words of a termination / return-or-delete section.
static END_HEADINGS: Words = Words::new(&[
    "beëindig",
    "beeindig",
    "einde",
    "teruggave",
    "verwijdering",
    "wissing",
    "als het stopt",
    "termination",
    "return",
    "deletion",
]);
/// Verbs of deleting.
static DELETE_WORDS: Words = Words::new(&[
    "verwijder",
    "wissen",
    "wist ",
    "vernietig",
    "delete",
    "erase",
    "destroy",
    "onbruikbaar",
    "render inaccessible",
]);
/// Returning or exporting the data.
static RETURN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)terug(?:levert|leveren|levering|geven|gave|gegeven|sturen|zenden)(?-u:\b)|(?-u:\b)terug\s+te\s+(?:leveren|geven|sturen)(?-u:\b)|(?-u:\b)(?:levert|geeft|stuurt|zendt)(?-u:\b)[^.]{0,50}(?-u:\b)terug(?-u:\b)|(?-u:\b)retourne\w*|(?-u:\b)exporte\w*|(?-u:\b)export(?-u:\b)|(?-u:\b)return\w*",
    )
});
static BACKUP_WORDS: Words = Words::new(&["back-up", "backup", "back up"]);
static BACKUP_FATE_WORDS: Words = Words::new(&[
    "verwijder",
    "overschreven",
    "retentie",
    "wis",
    "vernietig",
    "rotatie",
    "delete",
    "overwrit",
]);
/// Sentences about other deadlines that mention the end of the agreement.
static OTHER_TOPIC_WORDS: Words =
    Words::new(&["datalek", "inbreuk", "bezwaar", "kennisgeving", "gesprek"]);

/// A sentence whose subject is the backups (`Back-ups worden ... verwijderd`).
fn about_backups(sent: &str) -> bool {
    // the first 25 chars, as a slice (of the document: an index lookup)
    let head_end = sent.char_indices().nth(25).map_or(sent.len(), |(i, _)| i);
    has_any(&sent[..head_end], &BACKUP_WORDS)
}

#[derive(Default)]
struct Found {
    deletion: Option<(FoundDuration, usize)>,
    returns: Option<(FoundDuration, usize)>,
    /// A deletion without a deadline after a return window, in the same paragraph.
    deletion_after_return: bool,
}

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let regions = scan::topic_regions(ctx, ClauseKind::Termination, &[&END_HEADINGS]);
    let mut found = Found::default();
    let mut return_evidence: Option<Range<usize>> = None;
    let mut backups: Option<Range<usize>> = None;
    for p in scan::paragraphs(text) {
        let para_end = has_any(&text[p.clone()], &END_WORDS) || scan::inside(&regions, p.start);
        if !para_end && !any_sentence_may_count(text, &p, &regions) {
            continue;
        }
        let mut return_seen_here = false;
        // the cached sentences, without a copy per paragraph
        scan::with_paragraph_sentences(text, p.clone(), |sents| {
            for s in sents.iter().cloned() {
                let sent = &text[s.clone()];
                let in_end = has_any(sent, &END_WORDS) || scan::inside(&regions, s.start);
                let mentions_backups = has_any(sent, &BACKUP_WORDS);
                if mentions_backups
                    && (in_end || para_end)
                    && has_any(sent, &BACKUP_FATE_WORDS)
                    && backups.is_none()
                {
                    backups = Some(s.clone());
                }
                // a sentence without backup words has none in its head
                if mentions_backups && about_backups(sent) {
                    continue;
                }
                if !(in_end || para_end) || has_any(sent, &OTHER_TOPIC_WORDS) {
                    continue;
                }
                // read only where a duration or an earlier return asks
                let deletes = || has_any(sent, &DELETE_WORDS);
                let returns = RETURN.is_match(sent);
                if returns && return_evidence.is_none() {
                    return_evidence = Some(s.clone());
                }
                let durations = find_durations(sent);
                let strong = in_end as usize;
                if let Some(d) = durations.into_iter().next() {
                    let d = FoundDuration {
                        range: s.start + d.range.start..s.start + d.range.end,
                        phrase: s.start + d.phrase.start..s.start + d.phrase.end,
                        ..d
                    };
                    let after_end = scan::with_lowered(sent, |l| l.contains(" na be"))
                        || has_any(sent, words!["na einde", "na het einde", "na afloop"]);
                    if after_end || deletes() {
                        if found.deletion.as_ref().map_or(true, |(_, st)| strong > *st) {
                            found.deletion = Some((d.clone(), strong));
                        }
                    } else if returns && found.returns.is_none() {
                        found.returns = Some((d, strong));
                        return_seen_here = true;
                    }
                } else if return_seen_here && deletes() {
                    found.deletion_after_return = true;
                }
            }
        });
    }
    if found.deletion.is_none() && found.deletion_after_return {
        found.deletion = found.returns.clone();
    }
    if let Some((d, _)) = &found.deletion {
        model.termination.deletion_deadline = Some(d.value.clone());
        ctx.record(model, "termination.deletion_deadline", d.phrase.clone());
    }
    if let Some((d, _)) = &found.returns {
        model.termination.return_deadline = Some(d.value.clone());
        ctx.record(model, "termination.return_deadline", d.phrase.clone());
    }
    if let Some(r) = return_evidence {
        model.termination.return_possible = Some(true);
        ctx.record(model, "termination.return_possible", r);
    }
    if let Some(b) = backups {
        model.termination.backups = Some(collapse(&text[b.clone()]));
        ctx.record(model, "termination.backups", b);
    }
}

/// Whether a sentence of paragraph `p`, which holds no end word and does
/// not start in an end region, may still count in [`extract`]: it holds a
/// backup word, or one of its sentences may start in an end region. (The
/// words of a sentence are words of its paragraph.)
fn any_sentence_may_count(text: &str, p: &Range<usize>, regions: &[Range<usize>]) -> bool {
    regions.iter().any(|r| r.start < p.end && p.start < r.end)
        || has_any(&text[p.clone()], &BACKUP_WORDS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dpa_model::DurationUnit;

    fn run(text: &str) -> Model {
        crate::ctx::run_extractor(text, extract)
    }

    /// The loop checks the head of a sentence for backup words only when
    /// the sentence holds one: a head never holds one its sentence lacks.
    #[test]
    fn backup_heads_lie_in_backup_sentences() {
        let own = "Back-ups worden na 30 dagen verwijderd. De backup volgt. \
                   Na afloop van de overeenkomst wist Verwerker de gegevens, ook in de back up.";
        let mut texts = crate::test_fixtures::raw_texts();
        texts.push(own.to_string());
        let mut heads = 0;
        for t in &texts {
            scan::begin_document(t);
            for s in scan::all_sentences(t) {
                let sent = &t[s];
                if about_backups(sent) {
                    heads += 1;
                    assert!(has_any(sent, &BACKUP_WORDS), "{sent:?}");
                }
            }
            scan::end_document();
        }
        assert!(heads >= 2, "{heads} sentences about backups");
    }

    /// A paragraph the loop skips has no sentence that passes the loop's
    /// first test: none holds a backup word, an end word or starts in an
    /// end region.
    #[test]
    fn skipped_paragraphs_have_no_sentence_the_loop_reads() {
        let own = "Artikel 9 Einde van de overeenkomst\n\nNa afloop verwijdert Verwerker de gegevens.\n\n\
                   Back-ups worden na 30 dagen overschreven.\n\nDe klant betaalt binnen 14 dagen.";
        let mut texts = crate::test_fixtures::raw_texts();
        texts.push(own.to_string());
        let (mut skipped, mut read) = (0, 0);
        for raw in texts.iter().chain(&texts) {
            let nt =
                dpa_model::NormalizedText::single_page(raw.clone(), dpa_model::SourceFormat::Text);
            let t = &nt.text;
            scan::begin_document(t);
            let tree = dpa_segment::segment(&nt);
            let ctx = Ctx::new(&nt, &tree);
            let regions = scan::topic_regions(&ctx, ClauseKind::Termination, &[&END_HEADINGS]);
            for p in scan::paragraphs(t) {
                let para_end =
                    has_any(&t[p.clone()], &END_WORDS) || scan::inside(&regions, p.start);
                if para_end || any_sentence_may_count(t, &p, &regions) {
                    read += 1;
                    continue;
                }
                skipped += 1;
                for s in scan::paragraph_sentences(t, p.clone()) {
                    let sent = &t[s.clone()];
                    let in_end = has_any(sent, &END_WORDS) || scan::inside(&regions, s.start);
                    assert!(!in_end && !has_any(sent, &BACKUP_WORDS), "{sent:?}");
                }
            }
            scan::end_document();
        }
        assert!(skipped > 10 && read > 3, "{skipped} skipped, {read} read");
    }

    /// The lower-cased copy the loop reads for ` na be` answers as a new
    /// lower-cased string does, on every sentence of the fixtures and of
    /// Dutch text with capitals and non-ASCII chars.
    #[test]
    fn na_be_in_the_cached_lower_copy() {
        let own = "Gegevens blijven bewaard tot 30 dagen NA BEËINDIGING. Tot 7 dagen Na Be\u{eb}indiging. \
                   Het \u{212a}antoor wist na beëindiging. Geen na\tbe hier. İnna be.";
        let mut texts = crate::test_fixtures::raw_texts();
        texts.push(own.to_string());
        let mut hits = 0;
        for t in &texts {
            for cached in [true, false] {
                if cached {
                    scan::begin_document(t);
                }
                for s in scan::all_sentences(t) {
                    let sent = &t[s];
                    let want = sent.to_lowercase().contains(" na be");
                    hits += usize::from(want);
                    assert_eq!(scan::with_lowered(sent, |l| l.contains(" na be")), want);
                }
                scan::end_document();
            }
        }
        assert!(hits >= 6, "{hits}");
    }

    #[test]
    fn deletion_after_termination() {
        let m = run("Na beëindiging van de overeenkomst verwijdert Verwerker alle persoonsgegevens binnen 6 weken, of levert deze op verzoek terug. Back-ups worden binnen 60 dagen overschreven.");
        let d = m.termination.deletion_deadline.unwrap();
        assert_eq!((d.value, d.unit), (6, DurationUnit::Weeks));
        assert_eq!(m.termination.return_possible, Some(true));
        assert!(m.termination.backups.unwrap().contains("60 dagen"));
    }

    #[test]
    fn export_window_then_deletion() {
        let m = run("Eindigt de overeenkomst, dan kun je binnen zestig dagen een export opvragen. Daarna verwijderen wij alle gegevens.");
        assert_eq!(
            m.termination.return_deadline.as_ref().map(|d| d.value),
            Some(60)
        );
        assert_eq!(m.termination.deletion_deadline.map(|d| d.value), Some(60));
    }

    #[test]
    fn no_deadline_stays_null() {
        let m = run("Bij het einde van de overeenkomst verwijdert Verwerker de gegevens. Klant kan binnen 14 dagen na kennisgeving bezwaar maken en de overeenkomst opzeggen.");
        assert_eq!(m.termination.deletion_deadline, None);
        assert_eq!(m.termination.return_possible, None);
    }

    #[test]
    fn processing_until_days_after_end() {
        let m = run("De gegevens worden verwerkt tot maximaal 45 dagen na beëindiging.");
        assert_eq!(m.termination.deletion_deadline.map(|d| d.value), Some(45));
    }
}
