//! Deciding the eight Art. 28(3) requirements from the rule tables.

use crate::matcher::{ascii_boundaries, PatternSet, Pool, PoolBuilder, Scan, Scanner, Scans};
use crate::rules::{
    Element, RequirementRule, Strength, DEFERRALS, NEGATIONS, REQUIREMENTS, TRANSFER_SAFEGUARDS,
};
use crate::sentences::{context, has_topic, write_context, ClauseView, Sentence, Sentences};
use dpa_model::{ClauseId, Evidence, Model, Requirement, Status};
use regex::RegexSet;
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::ops::Bound;
use std::sync::{LazyLock, OnceLock};

/// Clause ids cited per requirement at most (the strongest first).
const MAX_EVIDENCE: usize = 6;

struct CompiledElement {
    rule: &'static Element,
    phrases: PatternSet,
    /// Empty: no condition.
    with: PatternSet,
    /// Matched case-insensitively against sentences and whole clause contexts.
    context: Option<Context>,
}

/// An element's context patterns: in the pool (on lower-cased text) and as a
/// case-insensitive set (compiled when first needed) for texts whose lower
/// case is no exact stand-in.
struct Context {
    ids: PatternSet,
    /// The patterns in the pool of clause contexts (`Compiled::context_pool`).
    context_ids: PatternSet,
    patterns: &'static [&'static str],
    set: OnceLock<RegexSet>,
}

impl Context {
    /// Whether a pattern occurs in `text` (any case), `scan` being the scan
    /// of its lower case.
    fn occurs(&self, text: &str, scan: &Scan<'_>) -> bool {
        if folds_oddly(text) {
            return self.occurs_any_case(text);
        }
        scan.any(&self.ids)
    }

    /// `occurs` for a clause context, `scan` being made with the pool of
    /// clause contexts; `folds` says whether the text folds oddly, and
    /// `text` gives it (only then needed).
    fn occurs_in_context(
        &self,
        folds: bool,
        text: impl FnOnce() -> String,
        scan: &Scan<'_>,
    ) -> bool {
        if folds {
            return self.occurs_any_case(&text());
        }
        scan.any(&self.context_ids)
    }

    /// Whether a pattern occurs in `text`, matched case-insensitively.
    fn occurs_any_case(&self, text: &str) -> bool {
        self.set.get_or_init(|| set(self.patterns)).is_match(text)
    }
}

struct CompiledRequirement {
    rule: &'static RequirementRule,
    elements: Vec<CompiledElement>,
    negations: PatternSet,
    negation_exceptions: PatternSet,
}

/// The rule tables compiled: every sentence pattern in one pool.
struct Compiled {
    pool: Pool,
    /// The context patterns alone, for clause contexts.
    context_pool: Pool,
    requirements: Vec<CompiledRequirement>,
    negation: PatternSet,
    deferral: PatternSet,
    safeguard: PatternSet,
    /// Per pattern, the (requirement, element) pairs that have it as a phrase.
    phrase_users: Vec<Vec<(usize, usize)>>,
}

/// A case-insensitive set (for clause contexts and any-case text).
pub(crate) fn set(patterns: &[&str]) -> RegexSet {
    let with_flags: Vec<String> = patterns
        .iter()
        .map(|p| format!("(?i){}", ascii_boundaries(p)))
        .collect();
    RegexSet::new(with_flags).expect("rule patterns are valid regexes")
}

fn compile_requirement(
    rule: &'static RequirementRule,
    b: &mut PoolBuilder,
    contexts: &mut PoolBuilder,
) -> CompiledRequirement {
    CompiledRequirement {
        rule,
        elements: rule
            .elements
            .iter()
            .map(|e| CompiledElement {
                rule: e,
                phrases: b.add_set(e.phrases),
                with: b.add_set(e.with),
                context: (!e.context.is_empty()).then(|| Context {
                    ids: b.add_set(e.context),
                    context_ids: contexts.add_set(e.context),
                    patterns: e.context,
                    set: OnceLock::new(),
                }),
            })
            .collect(),
        negations: b.add_set(rule.negations),
        negation_exceptions: b.add_set(rule.negation_exceptions),
    }
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let mut b = PoolBuilder::single_spaced();
    let mut contexts = PoolBuilder::default();
    let requirements: Vec<CompiledRequirement> = REQUIREMENTS
        .iter()
        .map(|rule| compile_requirement(rule, &mut b, &mut contexts))
        .collect();
    let negation = b.add_set(NEGATIONS);
    let deferral = b.add_set(DEFERRALS);
    let safeguard = b.add_set(TRANSFER_SAFEGUARDS);
    let pool = b.build();
    let phrase_users = phrase_users(&requirements, pool.len());
    Compiled {
        pool,
        context_pool: contexts.build(),
        requirements,
        negation,
        deferral,
        safeguard,
        phrase_users,
    }
});

fn phrase_users(requirements: &[CompiledRequirement], patterns: usize) -> Vec<Vec<(usize, usize)>> {
    let mut users = vec![Vec::new(); patterns];
    for (ri, req) in requirements.iter().enumerate() {
        assert!(
            req.elements.len() <= 64,
            "at most 64 elements per requirement"
        );
        for (ei, e) in req.elements.iter().enumerate() {
            for &id in e.phrases.ids() {
                users[id].push((ri, ei));
            }
        }
    }
    users
}

/// Per requirement, a bit per element whose phrases may occur in the
/// scanned sentence (the others do not).
type Masks = [u64; REQUIREMENTS.len()];

fn element_masks(scan: &Scan<'_>) -> Masks {
    let mut masks = [0u64; REQUIREMENTS.len()];
    for &id in scan.live() {
        for &(ri, ei) in &COMPILED.phrase_users[id] {
            masks[ri] |= 1 << ei;
        }
    }
    masks
}

/// The transfer safeguards as written: case-insensitive, on any text.
static SAFEGUARD: LazyLock<RegexSet> = LazyLock::new(|| set(TRANSFER_SAFEGUARDS));

/// Letters whose lower case or case folding is ASCII while they are not:
/// a text holding one is not matched case-insensitively by its lower case.
const FOLDS_TO_ASCII: [char; 3] = ['\u{17F}', '\u{212A}', '\u{130}'];

/// The list leads the sentences start with, scanned for the rule patterns.
pub(crate) struct LeadScans {
    /// Per sentence, the slot of the list lead it starts with: the items of
    /// a list share one ...
    slots: Vec<Option<usize>>,
    /// ... and per slot, the lead's scan.
    scans: Scans<'static>,
}

/// Every sentence lower-cased and scanned for the rule patterns, in order,
/// and the list leads they start with (each scanned while the first
/// sentence of its list is).
pub(crate) fn scan_sentences(sentences: &Sentences) -> (Scans<'static>, LeadScans) {
    let slots = lead_slots(sentences);
    let pool = &COMPILED.pool;
    let mut scanner = pool.scanner();
    scanner.reserve(sentences.len(), sentences.text_len());
    let mut leads = pool.no_scans();
    let mut next_slot = 0;
    for (s, &slot) in sentences.iter().zip(&slots) {
        if slot == Some(next_slot) {
            scanner.push_with_lead(s.text, s.lead_len, &mut leads);
            next_slot += 1;
        } else {
            scanner.push(s.text);
        }
    }
    let leads = LeadScans {
        slots,
        scans: leads,
    };
    (scanner.finish(), leads)
}

/// One text lower-cased and scanned for the rule patterns.
#[cfg(test)]
fn scan_text(text: &str) -> Scans<'static> {
    COMPILED.pool.scan_all([text])
}

/// The sentence names a transfer safeguard (SCC, DPF, BCR, adequacy),
/// matched case-insensitively. `scan` is the sentence's scan.
pub(crate) fn names_safeguard(sentence: &Sentence<'_>, scan: &Scan<'_>) -> bool {
    if folds_oddly(sentence.text) {
        return SAFEGUARD.is_match(sentence.text);
    }
    scan.any(&COMPILED.safeguard)
}

/// Some sentence names a transfer safeguard (see `names_safeguard`);
/// `scans` are the sentences' scans.
pub(crate) fn some_names_safeguard(sentences: &Sentences, scans: &Scans<'_>) -> bool {
    if !folds_oddly(sentences.all_text()) {
        return scans.any_in_any(&COMPILED.safeguard);
    }
    sentences
        .iter()
        .zip(scans.iter())
        .any(|(s, scan)| names_safeguard(&s, &scan))
}

/// The text has a letter for which matching its lower case differs from
/// case-insensitive matching.
fn folds_oddly(text: &str) -> bool {
    // The last UTF-8 bytes of the letters of `FOLDS_TO_ASCII`: a quick
    // (vectorised) look for them before the exact one.
    memchr::memchr3(0xBF, 0xAA, 0xB0, text.as_bytes()).is_some() && text.contains(FOLDS_TO_ASCII)
}

/// A sentence, its scan and its element masks.
struct Prepared<'s> {
    sentence: Sentence<'s>,
    scan: Scan<'s>,
    masks: Masks,
    /// The slot (in [`LeadScans`]) of the list lead the sentence
    /// starts with (shared by the items of the list).
    lead: Option<usize>,
    /// Whether one of [`NEGATIONS`] occurs, once known ...
    negated: Cell<Option<bool>>,
    /// ... and one of [`DEFERRALS`].
    deferred: Cell<Option<bool>>,
}

impl Prepared<'_> {
    /// Whether the sentence holds one of `set`, remembered in `cell`.
    fn holds(&self, cell: &Cell<Option<bool>>, set: &PatternSet) -> bool {
        if let Some(known) = cell.get() {
            return known;
        }
        let found = self.scan.any(set);
        cell.set(Some(found));
        found
    }

    fn is_negated(&self, req: &CompiledRequirement) -> bool {
        (self.holds(&self.negated, &COMPILED.negation) || self.scan.any(&req.negations))
            && !self.scan.any(&req.negation_exceptions)
    }

    fn is_deferred(&self) -> bool {
        self.holds(&self.deferred, &COMPILED.deferral)
    }
}

/// One element found in one sentence.
#[derive(Debug, Clone, Copy)]
struct Hit {
    element: &'static str,
    strong: bool,
    /// Its clauses: a range of the requirement's [`HitClauses`].
    clauses: (usize, usize),
}

/// The clauses of all hits of a requirement, one after the other (no
/// allocation per hit).
type HitClauses = Vec<usize>;

/// The Art. 28(3) requirements of a model, in code order.
pub(crate) fn assess(
    model: &Model,
    views: &[ClauseView<'_>],
    sentences: &Sentences,
    scans: &Scans<'static>,
    leads: &LeadScans,
) -> Vec<Requirement> {
    let prepared: Vec<Prepared<'_>> = sentences
        .iter()
        .zip(scans.iter())
        .zip(&leads.slots)
        .map(|((sentence, scan), &slot)| Prepared {
            sentence,
            scan,
            masks: element_masks(&scan),
            lead: slot,
            negated: Cell::new(None),
            deferred: Cell::new(None),
        })
        .collect();
    let contexts = ClauseContexts::new(views, &leads.scans);
    COMPILED
        .requirements
        .iter()
        .enumerate()
        .map(|(ri, req)| assess_one(ri, req, model, &contexts, &prepared))
        .collect()
}

fn assess_one(
    ri: usize,
    req: &CompiledRequirement,
    model: &Model,
    contexts: &ClauseContexts<'_, '_>,
    sentences: &[Prepared<'_>],
) -> Requirement {
    let views = contexts.views;
    let mut hits = Vec::new();
    let mut hit_clause_list = HitClauses::new();
    for p in sentences {
        let mask = p.masks[ri];
        // No element's phrase occurs: nothing to find (negated or not).
        if mask == 0 {
            continue;
        }
        let s = p.sentence;
        // A negated sentence has no hits: whether it is, is only asked once
        // an element is found (most sentences have none).
        let mut negated = None;
        for (ei, e) in req.elements.iter().enumerate() {
            if mask & (1 << ei) == 0 {
                continue;
            }
            let mut ctx = |clause: usize| contexts.fits(clause, e);
            if element_in(e, &p.scan, s.clauses, &mut ctx) {
                if *negated.get_or_insert_with(|| p.is_negated(req)) {
                    break;
                }
                let deferred = p.is_deferred();
                let strong = e.rule.strength == Strength::Strong && !deferred;
                hits.push(Hit {
                    element: e.rule.name,
                    strong,
                    clauses: hit_clauses(e, p, contexts, &mut ctx, &mut hit_clause_list),
                });
            }
        }
    }
    let mut strong: Vec<&str> = Vec::new();
    for h in hits.iter().filter(|h| h.strong) {
        if !strong.contains(&h.element) {
            strong.push(h.element);
        }
    }
    let met = req
        .rule
        .met_when
        .iter()
        .any(|needed| needed.iter().all(|n| strong.contains(n)));
    // The fields only count (and are only cited) when the rules fall short.
    let field_clauses = if met {
        None
    } else {
        field_support(req.rule.code, model, views)
    };
    let status = if met {
        Status::Met
    } else if !hits.is_empty() || field_clauses.is_some() {
        Status::Partial
    } else {
        Status::Missing
    };
    if status == Status::Met {
        hits.retain(|h| h.strong);
    }
    Requirement {
        code: req.rule.code.to_string(),
        status,
        evidence: evidence(&hits, &hit_clause_list, field_clauses, views),
    }
}

/// Per sentence, the slot of the list lead it starts with: the items of a
/// list share one.
fn lead_slots(sentences: &Sentences) -> Vec<Option<usize>> {
    let mut slots = Vec::with_capacity(sentences.len());
    let mut previous: Option<&str> = None;
    let mut next = 0;
    for s in sentences.iter() {
        let lead = s.text.get(..s.lead_len).filter(|l| !l.is_empty());
        let slot = match lead {
            None => None,
            Some(l) if previous == Some(l) => Some(next - 1),
            Some(_) => {
                next += 1;
                Some(next - 1)
            }
        };
        previous = lead;
        slots.push(slot);
    }
    slots
}

/// The clauses to cite for an element found in a sentence: the list's lead
/// alone when it says it all (`Verwerker heeft de volgende maatregelen
/// genomen:`), else the lead and the item. They are added to `all`; their
/// range in it is returned.
fn hit_clauses(
    e: &CompiledElement,
    p: &Prepared<'_>,
    contexts: &ClauseContexts<'_, '_>,
    ctx: &mut impl FnMut(usize) -> bool,
    all: &mut HitClauses,
) -> (usize, usize) {
    let start = all.len();
    let s = p.sentence;
    let lead = s.text.get(..s.lead_len).unwrap_or("");
    all.extend_from_slice(s.lead_clauses);
    if let (false, Some(slot)) = (lead.is_empty(), p.lead) {
        let in_lead =
            (contexts.leads.get(slot)).map(|scan| element_in(e, &scan, s.lead_clauses, ctx));
        if in_lead == Some(true) {
            return (start, all.len());
        }
    }
    all.extend_from_slice(s.clauses);
    (start, all.len())
}

/// Whether the element occurs in the scanned text (a sentence of `clauses`);
/// `ctx` says whether a clause satisfies the element's context condition.
fn element_in(
    e: &CompiledElement,
    scan: &Scan<'_>,
    clauses: &[usize],
    ctx: &mut impl FnMut(usize) -> bool,
) -> bool {
    if !scan.any(&e.phrases) {
        return false;
    }
    if !e.with.is_empty() && !scan.any(&e.with) {
        return false;
    }
    let Some(context) = &e.context else {
        return true;
    };
    context.occurs(scan.text(), scan) || clauses.iter().any(|&i| ctx(i))
}

/// Texts scanned on first use, each in a slot: their scans are kept one
/// after the other in one [`Scans`] (no allocation per text).
struct LazyScans {
    /// Per slot, once scanned: the number of its scan and whether its text
    /// folds oddly (see `folds_oddly`).
    scanned: Vec<Cell<Option<(usize, bool)>>>,
    scanner: RefCell<Scanner<'static>>,
    /// Scratch space for the text being scanned.
    text: RefCell<String>,
}

impl LazyScans {
    fn new(pool: &'static Pool, slots: usize) -> Self {
        LazyScans {
            scanned: vec![Cell::new(None); slots],
            scanner: RefCell::new(pool.scanner()),
            text: RefCell::new(String::new()),
        }
    }

    /// `f` of the scan of slot `slot` and whether its text folds oddly;
    /// `write` writes the text when the slot is not scanned yet. `None` for
    /// a slot out of range.
    fn with_scan<R>(
        &self,
        slot: usize,
        write: impl FnOnce(&mut String),
        f: impl FnOnce(&Scan<'_>, bool) -> R,
    ) -> Option<R> {
        let cell = self.scanned.get(slot)?;
        let (number, folds) = match cell.get() {
            Some(known) => known,
            None => {
                let known = self.scan(write);
                cell.set(Some(known));
                known
            }
        };
        let scanner = self.scanner.borrow();
        let scan = scanner.scans().get(number)?;
        Some(f(&scan, folds))
    }

    /// Scan the text `write` writes: the number of its scan and whether it
    /// folds oddly.
    fn scan(&self, write: impl FnOnce(&mut String)) -> (usize, bool) {
        let mut text = self.text.borrow_mut();
        text.clear();
        write(&mut text);
        let mut scanner = self.scanner.borrow_mut();
        scanner.push(&text);
        (scanner.scans().len() - 1, folds_oddly(&text))
    }
}

/// The clause contexts (headings and text) and the list leads, each built
/// and scanned on first use.
struct ClauseContexts<'v, 'a> {
    views: &'v [ClauseView<'a>],
    /// Per clause, its context scanned with the context pool ...
    contexts: LazyScans,
    /// ... and per list lead slot, the lead scanned with the rule pool.
    leads: &'v Scans<'static>,
}

impl<'v, 'a> ClauseContexts<'v, 'a> {
    fn new(views: &'v [ClauseView<'a>], leads: &'v Scans<'static>) -> Self {
        ClauseContexts {
            views,
            contexts: LazyScans::new(&COMPILED.context_pool, views.len()),
            leads,
        }
    }

    /// Whether a clause satisfies an element's context condition: it (or a
    /// clause above it) has one of the element's topics, or a context
    /// pattern occurs in it.
    fn fits(&self, clause: usize, e: &CompiledElement) -> bool {
        if has_topic(self.views, clause, e.rule.topics) {
            return true;
        }
        let Some(c) = &e.context else {
            return false;
        };
        let found = self.contexts.with_scan(
            clause,
            |buf| write_context(self.views, clause, buf),
            // Rare: a text that folds oddly is built again for the set.
            |scan, folds| c.occurs_in_context(folds, || context(self.views, clause), scan),
        );
        found == Some(true)
    }
}

/// Clauses that the extracted fields point at for a requirement: enough for a
/// `partial` when no sentence rule fired (never for `met`).
fn field_support(code: &str, model: &Model, views: &[ClauseView<'_>]) -> Option<Vec<usize>> {
    let present = match code {
        "28.3.c" => !model.security.measures.is_empty(),
        "28.3.d" => model.subprocessor_authorisation.is_some() || !model.subprocessors.is_empty(),
        "28.3.e" => {
            model.data_subject_requests.contact.is_some()
                || model.data_subject_requests.deadline.is_some()
        }
        "28.3.f" => model.breach_notification.deadline.is_some(),
        "28.3.g" => {
            model.termination.deletion_deadline.is_some()
                || model.termination.return_possible == Some(true)
        }
        "28.3.h" => model.audit.allowed == Some(true),
        _ => false,
    };
    if !present {
        return None;
    }
    let prefixes: &[&str] = match code {
        "28.3.c" => &["security."],
        "28.3.d" => &["subprocessor_authorisation", "subprocessors."],
        "28.3.e" => &["data_subject_requests."],
        "28.3.f" => &["breach_notification."],
        "28.3.g" => &["termination."],
        _ => &["audit."],
    };
    let ids: BTreeSet<&str> = prefixes
        .iter()
        .flat_map(|&prefix| evidence_under(model, prefix))
        .filter_map(|ev| ev.clause.as_deref())
        .collect();
    Some(
        views
            .iter()
            .enumerate()
            .filter(|(_, v)| ids.contains(v.clause.id.as_str()))
            .map(|(i, _)| i)
            .collect(),
    )
}

/// The evidence recorded for the field paths that start with `prefix` (a
/// range of the sorted evidence map).
fn evidence_under<'m>(model: &'m Model, prefix: &'m str) -> impl Iterator<Item = &'m Evidence> {
    model
        .evidence
        .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
        .take_while(move |(path, _)| path.starts_with(prefix))
        .map(|(_, ev)| ev)
}

/// Clause ids of the hits, strong ones first, each group in document order;
/// `clauses` holds the hits' clauses.
fn evidence(
    hits: &[Hit],
    clauses: &[usize],
    field_clauses: Option<Vec<usize>>,
    views: &[ClauseView<'_>],
) -> Vec<ClauseId> {
    let mut strong: Vec<usize> = Vec::new();
    let mut weak: Vec<usize> = field_clauses.unwrap_or_default();
    for h in hits {
        let target = if h.strong { &mut strong } else { &mut weak };
        target.extend_from_slice(clauses.get(h.clauses.0..h.clauses.1).unwrap_or(&[]));
    }
    // Ascending and each once, as sets give them.
    for group in [&mut strong, &mut weak] {
        group.sort_unstable();
        group.dedup();
    }
    let ordered = strong
        .iter()
        .chain(weak.iter().filter(|i| strong.binary_search(i).is_err()));
    cited_ids(views, ordered)
}

/// The ids of the clauses `ordered` (view indices), each once, in order,
/// at most [`MAX_EVIDENCE`].
fn cited_ids<'a>(
    views: &[ClauseView<'_>],
    ordered: impl Iterator<Item = &'a usize>,
) -> Vec<String> {
    let mut ids = Vec::new();
    for &i in ordered {
        if let Some(v) = views.get(i) {
            if !ids.contains(&v.clause.id) {
                ids.push(v.clause.id.clone());
            }
        }
        if ids.len() == MAX_EVIDENCE {
            break;
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> bool {
        let s = Sentence {
            text,
            clauses: &[],
            lead_len: 0,
            lead_clauses: &[],
        };
        let scans = scan_text(text);
        names_safeguard(&s, &scans.first().expect("one text"))
    }

    #[test]
    fn safeguards_match_any_case_also_with_letters_that_fold_oddly() {
        assert!(names("Doorgifte op basis van SCC's."));
        assert!(names("Onder het EU-US Data Privacy Framework."));
        // `ſ` folds to `s`; `İ` lower-cases to two characters.
        assert!(names("Op basis van de Standard Contractual Clauſes."));
        assert!(names("Zie DPFİ"));
        assert!(!names("Er is geen waarborg genoemd."));
    }

    /// A slot of `LazyScans` holds the scan a fresh scanner makes of its
    /// text, made once (a later `write` is not used).
    #[test]
    fn lazy_scans_are_the_scans_of_their_texts() {
        let fixture = crate::test_fixtures::raw("lucidon-verwerkersovereenkomst.txt");
        let mut texts = vec![
            "Verwerker zal:",
            "7. Sub-verwerkers\nVerwerker schakelt geen DERDEN in.",
            "Over ſubverwerkers",
            "",
        ];
        texts.extend(fixture.split("\n\n"));
        let lazy = LazyScans::new(&COMPILED.pool, texts.len());
        // Every other slot first, then all: the scans land out of order.
        let order = (0..texts.len()).step_by(2).chain(0..texts.len());
        for i in order {
            let text = texts[i];
            let fresh = COMPILED.pool.scan_all([text]);
            let fresh = fresh.first().expect("one text");
            let got = lazy.with_scan(
                i,
                |buf| buf.push_str(text),
                |scan, folds| (scan.text().to_string(), scan.live().to_vec(), folds),
            );
            let want = (
                fresh.text().to_string(),
                fresh.live().to_vec(),
                folds_oddly(text),
            );
            assert_eq!(got, Some(want), "{text:?}");
            let again = lazy.with_scan(
                i,
                |buf| buf.push_str("anders"),
                |scan, _| scan.text().to_string(),
            );
            assert_eq!(again, Some(text.to_lowercase()));
        }
        assert_eq!(lazy.with_scan(texts.len(), |_| {}, |_, _| ()), None);
    }

    /// The lead scans noted while the sentences are scanned are the scans
    /// of the leads on their own (on the customer documents and on written
    /// lists, one with letters that lower-case to more bytes, one with a
    /// capital sigma), and the sentences' scans are those of a plain push.
    #[test]
    fn lead_scans_are_the_scans_of_the_leads_alone() {
        let mut trees = crate::test_fixtures::trees();
        let written = [
            "Verwerker zal de persoonsgegevens na afloop:\n• verwijderen, of\n• terugsturen naar Verantwoordelijke.",
            "Verwerker zal op verzoek İNSTRUCTIES volgen en audits toestaan:\n- binnen 24 uur melden\n- de datalek registreren",
            "De ΣΥΜΒΑΣΗ bepaalt dat Verwerker een datalek meldt:\na. zonder vertraging;\nb. binnen 48 uur.",
            "Verwerker neemt de volgende maatregelen:\n• encryptie\n• toegangsbeheer\n\nVerwerker zal:\n• meewerken aan audits",
        ];
        for text in written {
            trees.push(vec![crate::test_fixtures::clause("1", text)]);
        }
        let mut leads_seen = 0;
        for tree in &trees {
            let views = crate::sentences::clause_views(tree);
            let sentences = crate::sentences::sentences(&views);
            let (scans, leads) = scan_sentences(&sentences);
            let plain = COMPILED.pool.scan_all(sentences.iter().map(|s| s.text));
            let summary = |scan: &Scan<'_>| {
                let matched: Vec<bool> = scan.live().iter().map(|&id| scan.matches(id)).collect();
                (scan.text().to_string(), scan.live().to_vec(), matched)
            };
            for (a, b) in scans.iter().zip(plain.iter()) {
                assert_eq!(summary(&a), summary(&b));
            }
            assert_eq!(scans.len(), plain.len());
            for (s, slot) in sentences.iter().zip(&leads.slots) {
                let Some(slot) = *slot else { continue };
                let lead = &s.text[..s.lead_len];
                let fresh = COMPILED.pool.scan_all([lead]);
                let fresh = fresh.first().expect("one text");
                let noted = leads.scans.get(slot).expect("a scan per slot");
                assert_eq!(summary(&noted), summary(&fresh), "{lead:?}");
                leads_seen += 1;
            }
        }
        assert!(leads_seen >= 9, "{leads_seen}");
    }

    /// `evidence` as it was first written: with sets of clause positions
    /// and a vector per hit.
    fn evidence_by_sets(
        hits: &[(bool, Vec<usize>)],
        field_clauses: Option<Vec<usize>>,
        views: &[ClauseView<'_>],
    ) -> Vec<ClauseId> {
        let mut strong: BTreeSet<usize> = BTreeSet::new();
        let mut weak: BTreeSet<usize> = BTreeSet::new();
        for (is_strong, clauses) in hits {
            let target = if *is_strong { &mut strong } else { &mut weak };
            target.extend(clauses.iter().copied());
        }
        weak.extend(field_clauses.unwrap_or_default());
        let ordered = strong
            .iter()
            .chain(weak.iter().filter(|i| !strong.contains(i)));
        cited_ids(views, ordered)
    }

    /// The clauses cited for hits kept in one list give what sets of them
    /// gave (on the clauses of a customer document and on written ones,
    /// some ids twice).
    #[test]
    fn evidence_from_one_clause_list_is_evidence_from_sets() {
        let fixture = crate::test_fixtures::raw("lucrasoft-data-pro-statement.txt");
        let mut tree = dpa_segment::segment(&dpa_text::normalize(&fixture));
        for (k, id) in ["1", "2", "1", "3.1", "2"].iter().enumerate() {
            let text = format!("{id}. Verwerker meldt een datalek binnen {k} dagen.");
            tree.push(dpa_model::Clause {
                number: Some(id.to_string()),
                ..crate::test_fixtures::clause(id, &text)
            });
        }
        let views = crate::sentences::clause_views(&tree);
        let n = views.len() + 2;
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |m: usize| {
            // xorshift64
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % m as u64) as usize
        };
        for round in 0..300 {
            let mut hits = Vec::new();
            let mut list = HitClauses::new();
            let mut old_hits = Vec::new();
            for _ in 0..next(12) {
                let clauses: Vec<usize> = (0..next(5)).map(|_| next(n)).collect();
                let strong = next(2) == 0;
                let start = list.len();
                list.extend_from_slice(&clauses);
                hits.push(Hit {
                    element: "x",
                    strong,
                    clauses: (start, list.len()),
                });
                old_hits.push((strong, clauses));
            }
            let fields = (round % 3 == 0).then(|| (0..next(4)).map(|_| next(n)).collect());
            assert_eq!(
                evidence(&hits, &list, fields.clone(), &views),
                evidence_by_sets(&old_hits, fields, &views),
                "round {round}"
            );
        }
    }

    #[test]
    fn contexts_fall_back_to_case_insensitive_sets() {
        let d = &COMPILED.requirements[3];
        assert_eq!(d.rule.code, "28.3.d");
        let ctx = d.elements[0]
            .context
            .as_ref()
            .expect("consent has a context");
        for text in [
            "Over SUBVERWERKERS",
            "7. Sub-verwerkers\nVerwerker mag derden inschakelen.",
            "Artikel 7\nHet INSCHAKELEN van een Derde",
            "Uitbesteding aan Derden – zie bijlage",
            "Over ſubverwerkers",
            "İnschakelen van derden",
            "Niets hiervan",
        ] {
            // The rule pool scans sentences: single-spaced texts.
            let sentence = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let scans = scan_text(&sentence);
            let scan = scans.first().expect("one text");
            assert_eq!(
                ctx.occurs(&sentence, &scan),
                set(ctx.patterns).is_match(&sentence),
                "{sentence}"
            );
            let in_context = COMPILED.context_pool.scan_all([text]);
            let in_context = in_context.first().expect("one text");
            assert_eq!(
                ctx.occurs_in_context(folds_oddly(text), || text.to_string(), &in_context),
                set(ctx.patterns).is_match(text),
                "{text}"
            );
        }
    }
}
