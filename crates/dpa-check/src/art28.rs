//! Deciding the eight Art. 28(3) requirements from the rule tables.

use crate::matcher::{ascii_boundaries, PatternId, Pool, PoolBuilder, Scan};
use crate::rules::{
    Element, RequirementRule, Strength, DEFERRALS, NEGATIONS, REQUIREMENTS, TRANSFER_SAFEGUARDS,
};
use crate::sentences::{ClauseView, Sentence};
use dpa_model::{ClauseId, Model, Requirement, Status};
use regex::RegexSet;
use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::sync::{LazyLock, OnceLock};

/// Clause ids cited per requirement at most (the strongest first).
const MAX_EVIDENCE: usize = 6;

struct CompiledElement {
    rule: &'static Element,
    phrases: Vec<PatternId>,
    /// Empty: no condition.
    with: Vec<PatternId>,
    /// Matched case-insensitively against sentences and whole clause contexts.
    context: Option<Context>,
}

/// An element's context patterns: in the pool (on lower-cased text) and as a
/// case-insensitive set (compiled when first needed) for texts whose lower
/// case is no exact stand-in.
struct Context {
    ids: Vec<PatternId>,
    patterns: &'static [&'static str],
    set: OnceLock<RegexSet>,
}

impl Context {
    /// Whether a pattern occurs in `text` (any case), `scan` being the scan
    /// of its lower case.
    fn occurs(&self, text: &str, scan: &Scan<'_>) -> bool {
        if folds_oddly(text) {
            return self.set.get_or_init(|| set(self.patterns)).is_match(text);
        }
        scan.any(&self.ids)
    }
}

struct CompiledRequirement {
    rule: &'static RequirementRule,
    elements: Vec<CompiledElement>,
    negations: Vec<PatternId>,
    negation_exceptions: Vec<PatternId>,
}

/// The rule tables compiled: every sentence pattern in one pool.
struct Compiled {
    pool: Pool,
    requirements: Vec<CompiledRequirement>,
    negation: Vec<PatternId>,
    deferral: Vec<PatternId>,
    safeguard: Vec<PatternId>,
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

fn compile_requirement(rule: &'static RequirementRule, b: &mut PoolBuilder) -> CompiledRequirement {
    CompiledRequirement {
        rule,
        elements: rule
            .elements
            .iter()
            .map(|e| CompiledElement {
                rule: e,
                phrases: b.add(e.phrases),
                with: b.add(e.with),
                context: (!e.context.is_empty()).then(|| Context {
                    ids: b.add(e.context),
                    patterns: e.context,
                    set: OnceLock::new(),
                }),
            })
            .collect(),
        negations: b.add(rule.negations),
        negation_exceptions: b.add(rule.negation_exceptions),
    }
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let mut b = PoolBuilder::default();
    let requirements: Vec<CompiledRequirement> = REQUIREMENTS
        .iter()
        .map(|rule| compile_requirement(rule, &mut b))
        .collect();
    let negation = b.add(NEGATIONS);
    let deferral = b.add(DEFERRALS);
    let safeguard = b.add(TRANSFER_SAFEGUARDS);
    let pool = b.build();
    let phrase_users = phrase_users(&requirements, pool.len());
    Compiled {
        pool,
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
            for &id in &e.phrases {
                users[id].push((ri, ei));
            }
        }
    }
    users
}

/// Per requirement, a bit per element whose phrases may occur in the
/// scanned sentence (the others do not).
fn element_masks(scan: &Scan<'_>) -> Vec<u64> {
    let mut masks = vec![0u64; COMPILED.requirements.len()];
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

/// Every sentence lower-cased and scanned for the rule patterns, in order.
pub(crate) fn scan_sentences(sentences: &[Sentence]) -> Vec<Scan<'static>> {
    let mut scanner = COMPILED.pool.scanner();
    sentences
        .iter()
        .map(|s| scanner.scan(s.text.to_lowercase()))
        .collect()
}

/// The sentence names a transfer safeguard (SCC, DPF, BCR, adequacy),
/// matched case-insensitively. `scan` is the sentence's scan.
pub(crate) fn names_safeguard(sentence: &Sentence, scan: &Scan<'_>) -> bool {
    if folds_oddly(&sentence.text) {
        return SAFEGUARD.is_match(&sentence.text);
    }
    scan.any(&COMPILED.safeguard)
}

/// The text has a letter for which matching its lower case differs from
/// case-insensitive matching.
fn folds_oddly(text: &str) -> bool {
    !text.is_ascii() && text.contains(FOLDS_TO_ASCII)
}

/// A sentence, its scan and its element masks.
struct Prepared<'s> {
    sentence: &'s Sentence,
    scan: &'s Scan<'static>,
    masks: Vec<u64>,
    /// The scan of the list lead the sentence starts with, made on first use.
    lead: OnceCell<Scan<'static>>,
}

impl CompiledRequirement {
    fn is_negated(&self, scan: &Scan<'_>) -> bool {
        (scan.any(&COMPILED.negation) || scan.any(&self.negations))
            && !scan.any(&self.negation_exceptions)
    }
}

/// One element found in one sentence.
#[derive(Debug, Clone)]
struct Hit {
    element: &'static str,
    strong: bool,
    clauses: Vec<usize>,
}

/// The Art. 28(3) requirements of a model, in code order.
pub(crate) fn assess(
    model: &Model,
    views: &[ClauseView<'_>],
    sentences: &[Sentence],
    scans: &[Scan<'static>],
) -> Vec<Requirement> {
    let prepared: Vec<Prepared<'_>> = sentences
        .iter()
        .zip(scans)
        .map(|(sentence, scan)| Prepared {
            sentence,
            scan,
            masks: element_masks(scan),
            lead: OnceCell::new(),
        })
        .collect();
    let contexts = ClauseContexts::new(views);
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
    for p in sentences {
        let mask = p.masks[ri];
        // No element's phrase occurs: nothing to find (negated or not).
        if mask == 0 || req.is_negated(p.scan) {
            continue;
        }
        let s = p.sentence;
        for (ei, e) in req.elements.iter().enumerate() {
            if mask & (1 << ei) == 0 {
                continue;
            }
            let mut ctx = |clause: usize| contexts.fits(clause, e);
            if element_in(e, p.scan, &s.clauses, &mut ctx) {
                let deferred = p.scan.any(&COMPILED.deferral);
                let strong = e.rule.strength == Strength::Strong && !deferred;
                hits.push(Hit {
                    element: e.rule.name,
                    strong,
                    clauses: hit_clauses(e, p, &mut ctx),
                });
            }
        }
    }
    let field_clauses = field_support(req.rule.code, model, views);
    let strong: BTreeSet<&str> = hits
        .iter()
        .filter(|h| h.strong)
        .map(|h| h.element)
        .collect();
    let met = req
        .rule
        .met_when
        .iter()
        .any(|needed| needed.iter().all(|n| strong.contains(n)));
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
    let field_clauses = if status == Status::Met {
        None
    } else {
        field_clauses
    };
    Requirement {
        code: req.rule.code.to_string(),
        status,
        evidence: evidence(&hits, field_clauses, views),
    }
}

/// The clauses to cite for an element found in a sentence: the list's lead
/// alone when it says it all (`Verwerker heeft de volgende maatregelen
/// genomen:`), else the lead and the item.
fn hit_clauses(
    e: &CompiledElement,
    p: &Prepared<'_>,
    ctx: &mut impl FnMut(usize) -> bool,
) -> Vec<usize> {
    let s = p.sentence;
    let lead = s.text.get(..s.lead_len).unwrap_or("");
    if !lead.is_empty() {
        let scan = p
            .lead
            .get_or_init(|| COMPILED.pool.scanner().scan(lead.to_lowercase()));
        if element_in(e, scan, &s.lead_clauses, ctx) {
            return s.lead_clauses.clone();
        }
    }
    s.lead_clauses.iter().chain(&s.clauses).copied().collect()
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

/// The clause contexts (headings and text), each scanned on first use.
struct ClauseContexts<'v, 'a> {
    views: &'v [ClauseView<'a>],
    scans: Vec<OnceCell<Scan<'static>>>,
}

impl<'v, 'a> ClauseContexts<'v, 'a> {
    fn new(views: &'v [ClauseView<'a>]) -> Self {
        ClauseContexts {
            views,
            scans: (0..views.len()).map(|_| OnceCell::new()).collect(),
        }
    }

    /// Whether a clause satisfies an element's context condition: a context
    /// pattern occurs in it, or it (or a clause above it) has one of the
    /// element's topics.
    fn fits(&self, clause: usize, e: &CompiledElement) -> bool {
        let (Some(v), Some(cell)) = (self.views.get(clause), self.scans.get(clause)) else {
            return false;
        };
        let in_text = e.context.as_ref().is_some_and(|c| {
            let text = v.context();
            let scan = cell.get_or_init(|| COMPILED.pool.scanner().scan(text.to_lowercase()));
            c.occurs(text, scan)
        });
        in_text || v.kinds.iter().any(|k| e.rule.topics.contains(k))
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
    let ids: BTreeSet<&str> = model
        .evidence
        .iter()
        .filter(|(path, _)| prefixes.iter().any(|p| path.starts_with(p)))
        .filter_map(|(_, ev)| ev.clause.as_deref())
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

/// Clause ids of the hits, strong ones first, each group in document order.
fn evidence(
    hits: &[Hit],
    field_clauses: Option<Vec<usize>>,
    views: &[ClauseView<'_>],
) -> Vec<ClauseId> {
    let mut strong: BTreeSet<usize> = BTreeSet::new();
    let mut weak: BTreeSet<usize> = BTreeSet::new();
    for h in hits {
        let target = if h.strong { &mut strong } else { &mut weak };
        target.extend(h.clauses.iter().copied());
    }
    weak.extend(field_clauses.unwrap_or_default());
    let ordered = strong
        .iter()
        .chain(weak.iter().filter(|i| !strong.contains(i)));
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
            text: text.to_string(),
            clauses: Vec::new(),
            lead_len: 0,
            lead_clauses: Vec::new(),
        };
        let scan = COMPILED.pool.scanner().scan(text.to_lowercase());
        names_safeguard(&s, &scan)
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
            "Over ſubverwerkers",
            "İnschakelen van derden",
            "Niets hiervan",
        ] {
            let scan = COMPILED.pool.scanner().scan(text.to_lowercase());
            assert_eq!(
                ctx.occurs(text, &scan),
                set(ctx.patterns).is_match(text),
                "{text}"
            );
        }
    }
}
