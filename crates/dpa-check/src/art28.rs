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
    context: Option<RegexSet>,
}

struct CompiledRequirement {
    rule: &'static RequirementRule,
    elements: Vec<CompiledElement>,
    negations: RegexSet,
    negation_exceptions: Option<RegexSet>,
}

pub(crate) fn set(patterns: &[&str]) -> RegexSet {
    let with_flags: Vec<String> = patterns.iter().map(|p| format!("(?i){p}")).collect();
    RegexSet::new(with_flags).expect("rule patterns are valid regexes")
}

fn optional_set(patterns: &[&str]) -> Option<RegexSet> {
    (!patterns.is_empty()).then(|| set(patterns))
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
                    phrases: set(e.phrases),
                    with: optional_set(e.with),
                    context: optional_set(e.context),
                })
                .collect(),
            negations: set(&[NEGATIONS, rule.negations].concat()),
            negation_exceptions: optional_set(rule.negation_exceptions),
        })
        .collect()
});

impl CompiledRequirement {
    fn is_negated(&self, sentence: &str) -> bool {
        self.negations.is_match(sentence)
            && !self
                .negation_exceptions
                .as_ref()
                .is_some_and(|e| e.is_match(sentence))
    }
}

static DEFERRAL: LazyLock<RegexSet> = LazyLock::new(|| set(DEFERRALS));

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
    COMPILED
        .iter()
        .map(|req| assess_one(req, model, views, sentences))
        .collect()
}

fn assess_one(
    req: &CompiledRequirement,
    model: &Model,
    views: &[ClauseView<'_>],
    sentences: &[Sentence],
) -> Requirement {
    let mut hits = Vec::new();
    for s in sentences {
        if req.is_negated(&s.text) {
            continue;
        }
        let deferred = DEFERRAL.is_match(&s.text);
        for e in &req.elements {
            if element_in(e, &s.text, &s.clauses, views) {
                let strong = e.rule.strength == Strength::Strong && !deferred;
                hits.push(Hit {
                    element: e.rule.name,
                    strong,
                    clauses: hit_clauses(e, s, views),
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
fn hit_clauses(e: &CompiledElement, s: &Sentence, views: &[ClauseView<'_>]) -> Vec<usize> {
    let lead = s.text.get(..s.lead_len).unwrap_or("");
    if !lead.is_empty() && element_in(e, lead, &s.lead_clauses, views) {
        return s.lead_clauses.clone();
    }
    s.lead_clauses.iter().chain(&s.clauses).copied().collect()
}

fn element_in(
    e: &CompiledElement,
    text: &str,
    clauses: &[usize],
    views: &[ClauseView<'_>],
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
    context.is_match(text)
        || clauses.iter().filter_map(|&i| views.get(i)).any(|v| {
            context.is_match(&v.context) || v.kinds.iter().any(|k| e.rule.topics.contains(k))
        })
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
