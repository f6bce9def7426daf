//! Extractor for `breach_notification`: the latest moment the processor must
//! notify the controller, to whom, and what the notification must contain.

use crate::pattern::Pattern;
use crate::scan::{self, has_any};
use crate::scan::{words, Words};
use crate::values::clean::{clean_value, trim_span};
use crate::values::duration::{find_durations, ranges_that_may_hold_durations};
use crate::Ctx;
use dpa_model::{ClauseKind, DurationUnit, Model};
use std::ops::Range;
use std::sync::LazyLock;

/// Words that name a personal-data breach.
pub(crate) static BREACH_WORDS: Words = Words::new(&[
    "datalek",
    "data lek",
    "inbreuk",
    "beveiligingsincident",
    "incident",
    "breach",
    "misgaat",
    "lek ",
]);
/// Heading words of a breach section.
static BREACH_HEADINGS: Words =
    Words::new(&["datalek", "inbreuk", "incident", "breach", "meldplicht"]);
/// Verbs of notifying.
static NOTIFY_WORDS: Words = Words::new(&[
    "meld",
    "informeer",
    "informeert",
    "op de hoogte",
    "in kennis",
    "ingelicht",
    "notif",
    "inform",
    "kennisgeving",
    "waarschuw",
]);
/// Words that make a sentence about the supervisory authority, not the controller.
static AUTHORITY_WORDS: Words = Words::new(&[
    "autoriteit persoonsgegevens",
    "toezichthouder",
    "supervisory authority",
]);
/// Words of an intro to the list of required contents.
static INFO_INTRO_WORDS: Words = Words::new(&[
    "informatie",
    "bevat",
    "omvat",
    "gegevens aan",
    "melding",
    "kennisgeving",
    "hoort",
    "contain",
    "include",
    "over:",
]);

static RECIPIENT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:aan|naar|informeert|informeren|stelt|stellen|notify|notifies|inform|informs|to)\s+(?:de\s+|het\s+|the\s+|een\s+)?(?P<r>(?:technische?\s+|privacy\s+|vaste\s+|aangewezen\s+)?contactpersoon|verwerkingsverantwoordelijke|verantwoordelijke|opdrachtgevers?|klanten|klant|controller|customer|jou|u)(?-u:\b)",
    )
});
static INLINE_INFO: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:bevat|omvat|vermeldt|contains?|includes?)(?-u:\b)(?:\s*,?\s*(?:voor\s+zover|ten\s+minste|tenminste|minimaal|in\s+ieder\s+geval|in\s+elk\s+geval)[^,:]*)?[,:]?\s*",
    )
});

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let regions = scan::topic_regions(ctx, ClauseKind::Breach, &[&BREACH_HEADINGS]);
    // the paragraphs about a breach, tested once each
    let all_paras = scan::paragraphs(text);
    let paras: Vec<Range<usize>> = scan::ranges_holding(text, &all_paras, &BREACH_PARAGRAPH_WORDS)
        .into_iter()
        .cloned()
        .collect();
    let sents = scan::all_sentences(text);
    deadline(ctx, model, &sents, &paras, &regions);
    information(ctx, model, &sents, &regions);
}

fn in_breach_context(
    text: &str,
    s: &Range<usize>,
    paras: &[Range<usize>],
    regions: &[Range<usize>],
) -> bool {
    let sent = &text[s.clone()];
    if has_any(sent, &BREACH_WORDS) || scan::inside(regions, s.start) {
        return true;
    }
    // `paras` holds only the paragraphs about a breach
    scan::paragraph_at(paras, s.start).is_some()
}

/// Words that make a whole paragraph about a breach.
static BREACH_PARAGRAPH_WORDS: Words = Words::new(&["datalek", "inbreuk", "breach"]);

fn deadline(
    ctx: &Ctx,
    model: &mut Model,
    sents: &[Range<usize>],
    paras: &[Range<usize>],
    regions: &[Range<usize>],
) {
    let text = ctx.full();
    let mut best: Option<(i32, Range<usize>, Range<usize>, dpa_model::Duration)> = None;
    for s in ranges_that_may_hold_durations(text, sents) {
        let sent = &text[s.clone()];
        if !in_breach_context(text, s, paras, regions) {
            continue;
        }
        let Some(d) = find_durations(sent).into_iter().find(|d| {
            matches!(
                d.value.unit,
                DurationUnit::Hours | DurationUnit::Days | DurationUnit::BusinessDays
            )
        }) else {
            continue;
        };
        let lower = sent.to_lowercase();
        let mut score = 0;
        if has_any(sent, &NOTIFY_WORDS) {
            score += 2;
        }
        if scan::inside(regions, s.start) {
            score += 2;
        }
        if has_any(sent, &BREACH_WORDS) {
            score += 1;
        }
        if has_any(&lower, &AUTHORITY_WORDS) && !RECIPIENT.is_match(sent) {
            score -= 3;
        }
        if has_any(&lower, words!["bewaar", "verwijder", "back-up", "backup"]) {
            score -= 2;
        }
        if best.as_ref().map_or(true, |b| score > b.0) && score >= 1 {
            best = Some((
                score,
                s.clone(),
                s.start + d.phrase.start..s.start + d.phrase.end,
                d.value,
            ));
        }
    }
    let Some((_, sent, phrase, value)) = best else {
        return;
    };
    model.breach_notification.deadline = Some(value);
    ctx.record(model, "breach_notification.deadline", phrase);
    if let Some(c) = RECIPIENT.captures(&text[sent.clone()]) {
        if let Some(r) = c.name("r") {
            let range = sent.start + r.start()..sent.start + r.end();
            model.breach_notification.recipient = Some(clean_value(&text[range.clone()]));
            ctx.record(model, "breach_notification.recipient", range);
        }
    }
}

fn information(ctx: &Ctx, model: &mut Model, sents: &[Range<usize>], regions: &[Range<usize>]) {
    let text = ctx.full();
    let mut chosen: Option<Vec<Range<usize>>> = None;
    for s in scan::ranges_holding_or_inside(text, sents, &BREACH_WORDS, regions) {
        let sent = &text[s.clone()];
        if scan::ends_with_colon(text, s) {
            let items = scan::list_after(text, s.end);
            if items.len() >= 2 && has_any(sent, &INFO_INTRO_WORDS) {
                chosen = Some(items);
                break;
            }
            if items.len() >= 2 && chosen.is_none() && has_any(sent, &BREACH_WORDS) {
                chosen = Some(items);
            }
        } else if chosen.is_none()
            && has_any(sent, words!["melding", "kennisgeving", "notification"])
        {
            if let Some(items) = inline_items(text, s.clone()) {
                chosen = Some(items);
            }
        }
    }
    for (i, item) in chosen.unwrap_or_default().into_iter().enumerate() {
        let value = clean_value(&text[item.clone()]);
        if value.is_empty() {
            continue;
        }
        model.breach_notification.information.push(value);
        ctx.record(model, format!("breach_notification.information.{i}"), item);
    }
}

/// `De melding bevat, voor zover bekend: de aard; de gevolgen; en de maatregelen.`
fn inline_items(text: &str, s: Range<usize>) -> Option<Vec<Range<usize>>> {
    let sent = &text[s.clone()];
    let m = INLINE_INFO.find(sent)?;
    let body = s.start + m.end()..s.end;
    let body_text = &text[body.clone()];
    let sep = if body_text.contains(';') { ';' } else { ',' };
    let mut items = Vec::new();
    let mut start = body.start;
    let mut depth = 0i32;
    for (i, c) in body_text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth <= 0 => {
                items.push(start..body.start + i);
                start = body.start + i + 1;
            }
            _ => {}
        }
    }
    items.push(start..body.end);
    let items: Vec<Range<usize>> = items
        .into_iter()
        .map(|r| strip_leading_en(text, trim_span(text, r)))
        .filter(|r| !r.is_empty())
        .collect();
    (items.len() >= 2).then_some(items)
}

fn strip_leading_en(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    for p in ["en ", "and ", "of "] {
        if s.starts_with(p) {
            return r.start + p.len()..r.end;
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Model {
        crate::ctx::run_extractor(text, extract)
    }

    #[test]
    fn deadline_recipient_and_list() {
        let m = run("4. Datalekken\n\n4.1 Verwerker meldt een datalek onverwijld aan Opdrachtgever, uiterlijk binnen 36 uur na ontdekking, met de volgende informatie:\n\n• de aard van het lek,\n• de getroffen gegevens,\n• de genomen maatregelen.\n\n4.2 Opdrachtgever meldt binnen 72 uur aan de Autoriteit Persoonsgegevens.");
        let d = m.breach_notification.deadline.unwrap();
        assert_eq!((d.value, d.unit), (36, DurationUnit::Hours));
        assert_eq!(
            m.breach_notification.recipient.as_deref(),
            Some("Opdrachtgever")
        );
        assert_eq!(
            m.breach_notification.information,
            vec![
                "de aard van het lek",
                "de getroffen gegevens",
                "de genomen maatregelen"
            ]
        );
        assert!(m.evidence["breach_notification.deadline"]
            .text
            .contains("36 uur"));
    }

    #[test]
    fn no_number_no_deadline() {
        let m = run("Verwerker informeert de Klant zonder onredelijke vertraging over een inbreuk in verband met persoonsgegevens.");
        assert_eq!(m.breach_notification.deadline, None);
    }

    #[test]
    fn inline_contents() {
        let m = run("Verwerker stelt Klant binnen 2 dagen in kennis van een inbreuk. De kennisgeving bevat, voor zover bekend: de aard van de inbreuk; de gevolgen; en de maatregelen.");
        assert_eq!(m.breach_notification.deadline.unwrap().iso, "P2D");
        assert_eq!(
            m.breach_notification.information,
            vec!["de aard van de inbreuk", "de gevolgen", "de maatregelen"]
        );
    }
}
