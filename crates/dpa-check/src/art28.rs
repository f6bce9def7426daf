//! Deciding the eight Art. 28(3) requirements from the rule tables.

use crate::rules::{Element, RequirementRule, Strength, DEFERRALS, NEGATIONS, REQUIREMENTS};
use crate::sentences::{ClauseView, Sentence};
use dpa_model::{ClauseId, Model, Requirement, Status};
use regex::RegexSet;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Clause ids cited per requirement at most (the strongest first).
const MAX_EVIDENCE: usize = 6;

struct CompiledElement {
    rule: &'static Element,
    phrases: RegexSet,
    with: Option<RegexSet>,
    /// Matched against whole clause contexts (cached per clause).
    context: Option<RegexSet>,
}

struct CompiledRequirement {
    rule: &'static RequirementRule,
    elements: Vec<CompiledElement>,
    negations: Option<RegexSet>,
    negation_exceptions: Option<RegexSet>,
}

/// A rule pattern as compiled: case-insensitive, and `\b` as an ASCII word
/// boundary, which keeps the fast DFA engines usable on Dutch text with
/// accented letters (a Unicode `\b` makes them fall back to a slow engine).
fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// A case-insensitive set (for clause contexts and any-case text).
pub(crate) fn set(patterns: &[&str]) -> RegexSet {
    let with_flags: Vec<String> = patterns
        .iter()
        .map(|p| format!("(?i){}", ascii_boundaries(p)))
        .collect();
    RegexSet::new(with_flags).expect("rule patterns are valid regexes")
}

/// A set for lower-cased sentences (the rule patterns are written in lower
/// case; matching without `(?i)` is markedly faster).
fn lower_set(patterns: &[&str]) -> RegexSet {
    RegexSet::new(patterns.iter().map(|p| ascii_boundaries(p)))
        .expect("rule patterns are valid regexes")
}

fn optional_set(patterns: &[&str]) -> Option<RegexSet> {
    (!patterns.is_empty()).then(|| set(patterns))
}

fn optional_lower_set(patterns: &[&str]) -> Option<RegexSet> {
    (!patterns.is_empty()).then(|| lower_set(patterns))
}

static COMPILED: LazyLock<Vec<CompiledRequirement>> = LazyLock::new(|| {
    REQUIREMENTS
        .iter()
        .map(|rule| CompiledRequirement {
            rule,
            elements: rule
                .elements
                .iter()
                .map(|e| CompiledElement {
                    rule: e,
                    phrases: lower_set(e.phrases),
                    with: optional_lower_set(e.with),
                    context: optional_set(e.context),
                })
                .collect(),
            negations: optional_lower_set(rule.negations),
            negation_exceptions: optional_lower_set(rule.negation_exceptions),
        })
        .collect()
});

static DEFERRAL: LazyLock<RegexSet> = LazyLock::new(|| lower_set(DEFERRALS));
static NEGATION: LazyLock<RegexSet> = LazyLock::new(|| lower_set(NEGATIONS));

/// A sentence lower-cased, with what holds for every requirement.
struct Prepared<'s> {
    sentence: &'s Sentence,
    lower: String,
    negated: bool,
    deferred: bool,
}

impl CompiledRequirement {
    fn is_negated(&self, p: &Prepared<'_>) -> bool {
        (p.negated
            || self
                .negations
                .as_ref()
                .is_some_and(|n| n.is_match(&p.lower)))
            && !self
                .negation_exceptions
                .as_ref()
                .is_some_and(|e| e.is_match(&p.lower))
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
) -> Vec<Requirement> {
    let prepared: Vec<Prepared<'_>> = sentences
        .iter()
        .map(|s| {
            let lower = s.text.to_lowercase();
            Prepared {
                sentence: s,
                negated: NEGATION.is_match(&lower),
                deferred: DEFERRAL.is_match(&lower),
                lower,
            }
        })
        .collect();
    COMPILED
        .iter()
        .map(|req| assess_one(req, model, views, &prepared))
        .collect()
}

fn assess_one(
    req: &CompiledRequirement,
    model: &Model,
    views: &[ClauseView<'_>],
    sentences: &[Prepared<'_>],
) -> Requirement {
    let mut hits = Vec::new();
    let mut cache = ContextCache::new(req.elements.len(), views.len());
    for p in sentences {
        if req.is_negated(p) {
            continue;
        }
        let (s, deferred) = (p.sentence, p.deferred);
        for (ei, e) in req.elements.iter().enumerate() {
            let mut ctx = |clause: usize| cache.get(ei, clause, e, views);
            if element_in(e, &p.lower, &s.clauses, &mut ctx) {
                let strong = e.rule.strength == Strength::Strong && !deferred;
                hits.push(Hit {
                    element: e.rule.name,
                    strong,
                    clauses: hit_clauses(e, s, &mut ctx),
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
    s: &Sentence,
    ctx: &mut impl FnMut(usize) -> bool,
) -> Vec<usize> {
    let lead = s.text.get(..s.lead_len).unwrap_or("").to_lowercase();
    if !lead.is_empty() && element_in(e, &lead, &s.lead_clauses, ctx) {
        return s.lead_clauses.clone();
    }
    s.lead_clauses.iter().chain(&s.clauses).copied().collect()
}

/// Whether the element occurs in `text` (a sentence of `clauses`); `ctx`
/// says whether a clause satisfies the element's context condition.
fn element_in(
    e: &CompiledElement,
    text: &str,
    clauses: &[usize],
    ctx: &mut impl FnMut(usize) -> bool,
) -> bool {
    if !e.phrases.is_match(text) {
        return false;
    }
    if e.with.as_ref().is_some_and(|w| !w.is_match(text)) {
        return false;
    }
    let Some(context) = &e.context else {
        return true;
    };
    context.is_match(text) || clauses.iter().any(|&i| ctx(i))
}

/// Whether a clause satisfies an element's context condition, computed once
/// per element and clause (clause contexts can be long).
struct ContextCache {
    clauses: usize,
    known: Vec<Option<bool>>,
}

impl ContextCache {
    fn new(elements: usize, clauses: usize) -> Self {
        ContextCache {
            clauses,
            known: vec![None; elements * clauses],
        }
    }

    fn get(
        &mut self,
        element: usize,
        clause: usize,
        e: &CompiledElement,
        views: &[ClauseView<'_>],
    ) -> bool {
        let Some(v) = views.get(clause) else {
            return false;
        };
        let slot = element * self.clauses + clause;
        if let Some(Some(known)) = self.known.get(slot) {
            return *known;
        }
        let hit = e.context.as_ref().is_some_and(|c| c.is_match(&v.context))
            || v.kinds.iter().any(|k| e.rule.topics.contains(k));
        if let Some(s) = self.known.get_mut(slot) {
            *s = Some(hit);
        }
        hit
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
