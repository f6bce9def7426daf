//! Extractor for `audit`: whether the controller may audit, how often, and
//! who pays. Values stay null when the document does not say.

use crate::pattern::Pattern;
use crate::scan::{self, Words};
use crate::Ctx;
use dpa_model::{AuditFrequency, CostBearer, Model};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// An audit or inspection right (not an audit log or audit trail), or the
/// controller's right to check compliance (`mag ... controleren of`).
static AUDIT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:audits?|inspecties?|inspections?)(?-u:\b)|(?-u:\b)mag(?-u:\b)[^.]{0,40}(?-u:\b)controleren\s+of(?-u:\b)|(?-u:\b)controle\s+(?:uit\s+te\s+voeren|door)(?-u:\b)",
    )
});
static AUDIT_LOG: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?-u:\b)audit[\s-]?(?:logs?|trails?|logging)(?-u:\b)|(?-u:\b)auditlog")
});
static YEARLY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\bjaarlijks|\b(?:eens|één\s*keer|een\s*keer|1\s*x|eenmaal|éénmaal|eénmaal)\s+per\s+(?:kalender)?jaar|\bper\s+(?:kalender)?jaar\b|\b(?:eens|eenmaal|éénmaal|eénmaal)\s+per\s+(?:periode\s+van\s+)?12\s+maanden|\bonce\s+(?:a|per)\s+(?:calendar\s+)?year|\bannual(?:ly)?\b",
    )
});
static ON_REQUEST: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)op\s+(?:schriftelijk\s+|eerste\s+)?verzoek(?-u:\b)|(?-u:\b)desgevraagd(?-u:\b)|(?-u:\b)on\s+request(?-u:\b)|(?-u:\b)upon\s+request(?-u:\b)",
    )
});
/// Who pays, in order of preference: `voor rekening van X`, `op kosten van X`,
/// `X draagt de kosten`, `kosten ... zijn voor X`, `costs borne by X`.
const COST_PATTERNS: &[&str] = &[
    r"(?i)(?-u:\b)voor\s+rekening\s+van\s+(?:de\s+|het\s+)?(?P<who>\w+)",
    r"(?i)(?-u:\b)op\s+kosten\s+van\s+(?:de\s+|het\s+)?(?P<who>\w+)",
    r"(?i)(?P<who>\w+)\s+draagt\s+de\s+kosten",
    r"(?i)(?-u:\b)kosten(?-u:\b)[^.]{0,80}?(?-u:\b)(?:zijn|komen)\s+voor\s+(?:de\s+|het\s+)?(?P<who>\w+)",
    r"(?i)(?-u:\b)kosten(?-u:\b)[^.]{0,80}?(?-u:\b)gedragen\s+door\s+(?:de\s+|het\s+)?(?P<who>\w+)",
    r"(?i)(?-u:\b)costs?(?-u:\b)[^.]{0,60}?(?-u:\b)borne\s+by\s+(?:the\s+)?(?P<who>\w+)",
];
static COST: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    COST_PATTERNS
        .iter()
        .map(|p| Regex::new(p).expect("cost compiles"))
        .collect()
});
static SHARED_COST: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)kosten(?-u:\b)[^.]{0,40}(?-u:\b)voor\s+de\s+partij\s+die\s+ze\s+maakt|(?-u:\b)(?:iedere|elke)\s+partij\s+draagt\s+(?:zijn|haar|de)\s+eigen\s+kosten|(?-u:\b)eigen\s+kosten(?-u:\b)|(?-u:\b)each\s+party\s+(?:shall\s+)?bears?\s+its\s+own\s+costs?",
    )
});

/// Heading words of an audit section.
static AUDIT_HEADINGS: Words =
    Words::new(&["audit", "controle", "inspectie", "informatie en audit"]);
/// Words naming the controller or the processor (lower case).
const CONTROLLER_WORDS: &[&str] = &[
    "verantwoordelijke",
    "verwerkingsverantwoordelijke",
    "klant",
    "opdrachtgever",
    "controller",
    "customer",
    "jou",
    "u",
    "afnemer",
    "restaurant",
];
const PROCESSOR_WORDS: &[&str] = &[
    "verwerker",
    "bewerker",
    "opdrachtnemer",
    "processor",
    "leverancier",
    "dienstverlener",
    "ons",
    "supplier",
];

/// A short name the document defines for a party: `..., hierna "Alfa"`.
static SHORT_NAME: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r#"(?i)(?-u:\b)hierna(?:\s+(?:te\s+)?(?:noemen|genoemd|aangeduid)(?:\s+als)?)?\s*:?\s*(?:de\s+|het\s+)?["“'‘](?P<short>[\w\-]+)["”'’]"#,
    )
});

/// The party a short name stands for: the party whose full name appears
/// in the paragraph before the `hierna` definition of `word`.
fn party_of_short_name(text: &str, model: &Model, word: &str) -> Option<CostBearer> {
    let processor = model.parties.processor.name.as_deref();
    let controller = model
        .parties
        .controller
        .as_ref()
        .and_then(|c| c.name.as_deref());
    for c in SHORT_NAME.captures_iter(text) {
        let Some(m) = c
            .name("short")
            .filter(|m| m.as_str().eq_ignore_ascii_case(word))
        else {
            continue;
        };
        let from = text[..m.start()].rfind("\n\n").map_or(0, |p| p + 2);
        let before = &text[from..m.start()];
        let named = |n: Option<&str>| n.is_some_and(|n| !n.is_empty() && before.contains(n));
        match (named(processor), named(controller)) {
            (true, false) => return Some(CostBearer::Processor),
            (false, true) => return Some(CostBearer::Controller),
            _ => {}
        }
    }
    None
}

fn party_of(word: &str) -> Option<CostBearer> {
    let w = word.to_lowercase();
    if CONTROLLER_WORDS.contains(&w.as_str()) {
        Some(CostBearer::Controller)
    } else if PROCESSOR_WORDS.contains(&w.as_str()) {
        Some(CostBearer::Processor)
    } else {
        None
    }
}

/// Whether `sent` names an audit right once its audit logs are cut out.
/// Few sentences hold an audit log: the filtered check spares the others
/// the regex's replace pass (which would give the sentence back unchanged).
fn is_audit_sentence(sent: &str) -> bool {
    if !AUDIT_LOG.is_match(sent) {
        return AUDIT.is_match(sent);
    }
    AUDIT.is_match(&AUDIT_LOG.replace_all(sent, ""))
}

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let paras = scan::paragraphs(text);
    let audit_sents = audit_sentences(text);
    let mut audit_paras = paragraphs_holding(&paras, &audit_sents);
    let Some(first) = audit_sents.first().cloned() else {
        return;
    };
    for r in scan::topic_regions(ctx, dpa_model::ClauseKind::Audit, &[&AUDIT_HEADINGS]) {
        for p in paras.iter().filter(|p| r.contains(&p.start)) {
            if !audit_paras.contains(p) {
                audit_paras.push(p.clone());
            }
        }
    }
    model.audit.allowed = Some(true);
    ctx.record(model, "audit.allowed", first);
    frequency(ctx, model, &audit_sents, &audit_paras);
    cost(ctx, model, &audit_paras);
}

/// The audit sentences of `text`, in order. Only the sentences in which
/// the word index shows a word of [`AUDIT`] or of [`AUDIT_LOG`] are read:
/// in any other neither pattern matches (cutting out audit logs joins no
/// text that none of them is in).
fn audit_sentences(text: &str) -> Vec<Range<usize>> {
    scan::with_all_sentences(text, |all| {
        let mut candidates = scan::ranges_pattern_may_match(text, all, &AUDIT);
        candidates.extend(scan::ranges_pattern_may_match(text, all, &AUDIT_LOG));
        candidates.sort_by_key(|s| (s.start, s.end));
        candidates.dedup();
        candidates
            .into_iter()
            .filter(|s| is_audit_sentence(&text[(*s).clone()]))
            .cloned()
            .collect()
    })
}

/// The paragraphs among `paras` (in order, apart) that hold one of
/// `sents` (in order), each once, in order.
fn paragraphs_holding(paras: &[Range<usize>], sents: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for s in sents {
        let i = paras.partition_point(|p| p.end <= s.start);
        if let Some(p) = paras.get(i).filter(|p| p.start <= s.start) {
            if out.last() != Some(p) {
                out.push(p.clone());
            }
        }
    }
    out
}

fn frequency(ctx: &Ctx, model: &mut Model, sents: &[Range<usize>], paras: &[Range<usize>]) {
    let text = ctx.full();
    let in_paras = || {
        paras
            .iter()
            .flat_map(|p| scan::paragraph_sentences(text, p.clone()))
    };
    let yearly = sents
        .iter()
        .cloned()
        .chain(in_paras())
        .find(|s| YEARLY.is_match(&text[s.clone()]));
    if let Some(s) = yearly {
        model.audit.frequency = Some(AuditFrequency::Yearly);
        ctx.record(model, "audit.frequency", s);
    } else if let Some(s) = sents
        .iter()
        .find(|s| ON_REQUEST.is_match(&text[(*s).clone()]))
    {
        model.audit.frequency = Some(AuditFrequency::OnRequest);
        ctx.record(model, "audit.frequency", s.clone());
    }
}

fn cost(ctx: &Ctx, model: &mut Model, paras: &[Range<usize>]) {
    let text = ctx.full();
    for p in paras {
        for s in scan::paragraph_sentences(text, p.clone()) {
            let sent = &text[s.clone()];
            if SHARED_COST.is_match(sent) {
                model.audit.cost_bearer = Some(CostBearer::Shared);
                ctx.record(model, "audit.cost_bearer", s);
                return;
            }
            let who = COST.iter().find_map(|re| {
                let m = re.captures(sent).and_then(|c| c.name("who"))?;
                party_of(m.as_str()).or_else(|| party_of_short_name(text, model, m.as_str()))
            });
            if let Some(who) = who {
                model.audit.cost_bearer = Some(who);
                ctx.record(model, "audit.cost_bearer", s);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dpa_model::{NormalizedText, Source, SourceFormat};

    fn run(text: &str) -> Model {
        crate::ctx::run_extractor(text, extract)
    }

    /// The audit sentences and paragraphs as they were found before the
    /// word index chose the sentences: every sentence of every paragraph
    /// checked.
    fn audit_sentences_and_paragraphs_read_in_full(
        text: &str,
    ) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let (mut sents, mut paras) = (Vec::new(), Vec::new());
        for p in scan::paragraphs(text) {
            for s in scan::paragraph_sentences(text, p.clone()) {
                if is_audit_sentence(&text[s.clone()]) {
                    sents.push(s);
                    if !paras.contains(&p) {
                        paras.push(p.clone());
                    }
                }
            }
        }
        (sents, paras)
    }

    #[test]
    fn audit_sentences_are_those_a_full_read_finds() {
        let own = "Artikel 7 Audit\n\nDe klant mag een audit uitvoeren. Het auditlog wordt bewaard.\n\n\
                   Verwerker houdt audit-logs bij. Klant mag controleren of Verwerker zich aan de afspraken houdt.\n\n\
                   Een inspectie door een derde volgt op verzoek. Geen andere controle.";
        let mut texts = crate::test_fixtures::raw_texts();
        texts.push(own.to_string());
        let mut found = 0;
        // the first pass registers the patterns' words, the second reads
        // them from the document's word index, as an extraction does
        for t in texts.iter().chain(&texts) {
            scan::begin_document(t);
            let (sents, paras) = audit_sentences_and_paragraphs_read_in_full(t);
            assert_eq!(audit_sentences(t), sents);
            assert_eq!(paragraphs_holding(&scan::paragraphs(t), &sents), paras);
            found += sents.len();
            scan::end_document();
        }
        assert!(found >= 6, "{found} audit sentences");
    }

    #[test]
    fn yearly_audit_paid_by_controller() {
        let m = run("Opdrachtgever mag eenmaal per jaar een audit laten uitvoeren. De kosten van de audit komen voor rekening van Opdrachtgever.");
        assert_eq!(m.audit.allowed, Some(true));
        assert_eq!(m.audit.frequency, Some(AuditFrequency::Yearly));
        assert_eq!(m.audit.cost_bearer, Some(CostBearer::Controller));
    }

    #[test]
    fn cost_bearer_by_role_word_and_own_costs() {
        let m = run("Opdrachtgever mag jaarlijks een audit laten uitvoeren. De kosten van de audit komen voor rekening van Bewerker.");
        assert_eq!(m.audit.cost_bearer, Some(CostBearer::Processor));
        let m =
            run("De Klant mag een audit laten uitvoeren. Partijen dragen ieder hun eigen kosten.");
        assert_eq!(m.audit.cost_bearer, Some(CostBearer::Shared));
    }

    #[test]
    fn cost_bearer_by_defined_short_name() {
        let nt = NormalizedText::single_page("Bakkerij De Korrel, hierna \"Bakker\", en Wolkdienst B.V., hierna \"Wolk\".\n\nBakker mag een audit laten uitvoeren. De kosten van de audit komen voor rekening van Wolk.".to_string(), SourceFormat::Text);
        let mut model = Model::empty(Source {
            file: None,
            format: "text".into(),
            sha256: String::new(),
            pages: None,
            chars: 0,
        });
        model.parties.processor.name = Some("Wolkdienst B.V.".into());
        extract(&Ctx::new(&nt, &[]), &mut model);
        assert_eq!(model.audit.cost_bearer, Some(CostBearer::Processor));
    }

    /// The audit check as it was before the audit-log filter.
    fn is_audit_sentence_unfiltered(sent: &str) -> bool {
        AUDIT.is_match(&AUDIT_LOG.replace_all(sent, ""))
    }

    #[test]
    fn filtered_audit_check_answers_as_the_unfiltered_one() {
        let own = "De klant mag een audit uitvoeren. Het auditlog wordt bewaard. \
                   Verwerker houdt audit-logs en audittrails bij; de inspectie volgt.\n\n\
                   Klant mag de auditlogging controleren of alles klopt. Audit trail: geen.";
        let mut texts: Vec<String> = crate::test_fixtures::raw_texts();
        texts.push(own.to_string());
        let mut audits = 0;
        // the first pass registers the patterns' words, the second reads
        // them from the document's word index, as an extraction does
        for t in texts.iter().chain(&texts) {
            scan::begin_document(t);
            for s in scan::all_sentences(t) {
                let sent = &t[s];
                let expected = is_audit_sentence_unfiltered(sent);
                assert_eq!(is_audit_sentence(sent), expected, "{sent:?}");
                audits += usize::from(expected);
            }
            scan::end_document();
        }
        assert!(audits >= 3, "{audits} audit sentences");
    }

    #[test]
    fn audit_logs_are_not_audits() {
        let m = run("Verwerker houdt audit logs bij van alle toegang. Verwerker controleert de gegevens niet.");
        assert_eq!(m.audit.allowed, None);
        assert_eq!(m.audit.frequency, None);
    }

    #[test]
    fn on_request_and_own_costs() {
        let m = run(
            "Verwerker staat op verzoek inspecties toe. Kosten zijn voor de partij die ze maakt.",
        );
        assert_eq!(m.audit.frequency, Some(AuditFrequency::OnRequest));
        assert_eq!(m.audit.cost_bearer, Some(CostBearer::Shared));
    }

    #[test]
    fn check_in_plain_language() {
        let m = run("Je mag één keer per jaar controleren of wij ons aan de afspraken houden. De kosten zijn voor jou.");
        assert_eq!(m.audit.allowed, Some(true));
        assert_eq!(m.audit.frequency, Some(AuditFrequency::Yearly));
        assert_eq!(m.audit.cost_bearer, Some(CostBearer::Controller));
    }
}
