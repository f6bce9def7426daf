//! Extractor for `data_subject_requests`: where requests of data subjects
//! go (an e-mail address) and how fast the processor handles them.

use crate::scan::Words;
use crate::scan::{self, has_any};
use crate::values::duration::{find_durations, FoundDuration};
use crate::values::email::find_emails;
use crate::Ctx;
use dpa_model::{ClauseKind, Model};
use std::ops::Range;

/// Words of data-subject requests and rights.
static DSR_WORDS: Words = Words::new(&[
    "betrokkene",
    "inzage",
    "rectificatie",
    "correctie",
    "verwijderverzoek",
    "verwijdering",
    "dataportabiliteit",
    "rechten",
    "data subject",
    "access request",
]);
static HEADINGS: Words = Words::new(&["rechten", "betrokkene", "verzoek", "data subject"]);
static REQUEST_WORDS: Words = Words::new(&[
    "verzoek",
    "request",
    "helpen",
    "ondersteun",
    "bijstand",
    "beantwoord",
]);
static OTHER_TOPIC_WORDS: Words = Words::new(&[
    "datalek",
    "inbreuk",
    "audit",
    "beëindiging",
    "beeindiging",
    "sub-verwerker",
    "subverwerker",
    "sub-bewerker",
    "subbewerker",
]);

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let regions = scan::topic_regions(ctx, ClauseKind::DataSubjectRights, &[&HEADINGS]);
    for p in scan::paragraphs(text) {
        let para = &text[p.clone()];
        let in_topic = has_any(para, &DSR_WORDS) || scan::inside(&regions, p.start);
        if !in_topic {
            continue;
        }
        // the cached sentences, without a copy per paragraph
        scan::with_paragraph_sentences(text, p.clone(), |sents| {
            for s in sents {
                let sent = &text[s.clone()];
                if !has_any(sent, &REQUEST_WORDS) {
                    continue;
                }
                // read once: they cut the head and give the values
                let durations = find_durations(sent);
                let emails = find_emails(sent);
                if has_any(head_of(sent, &durations, &emails), &OTHER_TOPIC_WORDS) {
                    continue;
                }
                contact(ctx, model, s.start, emails.into_iter().next());
                deadline(ctx, model, s.start, durations.into_iter().next());
            }
        });
    }
}

/// The sentence up to its first deadline or e-mail address (a glued next
/// clause after it does not change the topic), given the `durations` and
/// `emails` found in it.
fn head_of<'s>(
    sent: &'s str,
    durations: &[FoundDuration],
    emails: &[(String, Range<usize>)],
) -> &'s str {
    let cut = durations
        .first()
        .map(|d| d.range.end)
        .into_iter()
        .chain(emails.first().map(|e| e.1.end))
        .min();
    &sent[..cut.unwrap_or(sent.len())]
}

/// The first e-mail address of the sentence at `start`, as the contact.
fn contact(ctx: &Ctx, model: &mut Model, start: usize, email: Option<(String, Range<usize>)>) {
    if model.data_subject_requests.contact.is_some() {
        return;
    }
    if let Some((email, r)) = email {
        model.data_subject_requests.contact = Some(email);
        ctx.record(
            model,
            "data_subject_requests.contact",
            start + r.start..start + r.end,
        );
    }
}

/// The first duration of the sentence at `start`, as the deadline.
fn deadline(ctx: &Ctx, model: &mut Model, start: usize, duration: Option<FoundDuration>) {
    if model.data_subject_requests.deadline.is_some() {
        return;
    }
    if let Some(d) = duration {
        model.data_subject_requests.deadline = Some(d.value);
        ctx.record(
            model,
            "data_subject_requests.deadline",
            start + d.phrase.start..start + d.phrase.end,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dpa_model::DurationUnit;

    fn run(text: &str) -> Model {
        crate::ctx::run_extractor(text, extract)
    }

    #[test]
    fn contact_and_deadline() {
        let m = run("Een verzoek tot inzage of correctie kan worden gestuurd naar Privacy@Voorbeeld.nl. Na ontvangst van het verzoek handelen wij dit binnen drie werkdagen af.");
        assert_eq!(
            m.data_subject_requests.contact.as_deref(),
            Some("privacy@voorbeeld.nl")
        );
        let d = m.data_subject_requests.deadline.unwrap();
        assert_eq!((d.value, d.unit), (3, DurationUnit::BusinessDays));
    }

    /// The head of a sentence cut at its first duration or e-mail address
    /// as read once for the loop: as `head_of` did with searches of its own.
    #[test]
    fn head_from_the_found_values_equals_own_searches() {
        fn reference(sent: &str) -> &str {
            let cut = find_durations(sent)
                .first()
                .map(|d| d.range.end)
                .into_iter()
                .chain(find_emails(sent).first().map(|e| e.1.end))
                .min();
            &sent[..cut.unwrap_or(sent.len())]
        }
        let own = "Verzoeken van betrokkenen beantwoorden wij binnen 5 werkdagen, mail privacy@alfa.nl. \
                   Stuur je verzoek naar hulp@beta.nl; wij reageren binnen een maand. Geen termijn hier.";
        let mut texts = crate::test_fixtures::raw_texts();
        texts.push(own.to_string());
        let mut cut = 0;
        for t in &texts {
            for s in scan::all_sentences(t) {
                let sent = &t[s];
                let (d, e) = (find_durations(sent), find_emails(sent));
                let head = head_of(sent, &d, &e);
                cut += usize::from(head.len() < sent.len());
                assert_eq!(head, reference(sent));
            }
        }
        assert!(cut >= 3, "{cut}");
    }

    #[test]
    fn unrelated_email_is_not_a_contact() {
        let m = run("Wil je een getekend exemplaar, mail dan info@voorbeeld.nl.");
        assert_eq!(m.data_subject_requests.contact, None);
    }
}
