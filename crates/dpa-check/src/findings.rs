//! Findings a privacy officer should look at, computed from the model's
//! fields (filled by the field-extraction stage) and its evidence map.
//! Codes, severities and message texts live in [`crate::rules::FINDINGS`].

use crate::art28::some_names_safeguard;
use crate::matcher::Scans;
use crate::rules::FINDINGS;
use crate::sentences::{ClauseView, Sentences};
use crate::Lang;
use dpa_model::{
    Authorisation, ClauseId, Duration, DurationUnit, Finding, Model, Requirement, Status,
};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Bound;

/// Breach notification later than this is reported.
const BREACH_MAX_HOURS: f64 = 48.0;
/// Deletion later than this is reported.
const DELETION_MAX_DAYS: f64 = 90.0;

/// What the finding rules read besides the model.
pub(crate) struct Inputs<'a> {
    pub model: &'a Model,
    pub views: &'a [ClauseView<'a>],
    pub sentences: &'a Sentences,
    /// The sentences' scans for the rule patterns (same order).
    pub scans: &'a Scans<'static>,
    pub art28: &'a [Requirement],
    pub lang: Lang,
    /// Clause id to its position in the views (the first), built on first use.
    pub positions: OnceCell<Positions<'a>>,
}

/// All findings, ordered by severity then code.
pub(crate) fn findings(inp: &Inputs<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    transfers(inp, &mut out);
    breach(inp, &mut out);
    subprocessors(inp, &mut out);
    deletion(inp, &mut out);
    audit(inp, &mut out);
    law_and_template(inp, &mut out);
    out.sort_by(|a, b| (a.severity, &a.code).cmp(&(b.severity, &b.code)));
    out
}

fn make(inp: &Inputs<'_>, code: &str, subject: &str, evidence: Vec<ClauseId>) -> Option<Finding> {
    let text = FINDINGS.iter().find(|f| f.code == code)?;
    let template = match inp.lang {
        Lang::Nl => text.nl,
        Lang::En => text.en,
    };
    Some(Finding {
        code: code.to_string(),
        severity: text.severity,
        message: template.replace("{subject}", subject),
        evidence,
    })
}

fn push(out: &mut Vec<Finding>, f: Option<Finding>) {
    out.extend(f);
}

/// Clause ids recorded in the evidence map for field paths accepted by
/// `keep`, in document order. Every such path starts with one of
/// `prefixes` (ascending, none a prefix of another): only those ranges of
/// the (sorted) map are read, in map order.
fn evidence_clauses(
    inp: &Inputs<'_>,
    prefixes: &[&str],
    keep: impl Fn(&str) -> bool,
) -> Vec<ClauseId> {
    debug_assert!(prefixes
        .windows(2)
        .all(|w| w[0] < w[1] && !w[1].starts_with(w[0])));
    let evidence = &inp.model.evidence;
    let mut ids: Vec<&str> = prefixes
        .iter()
        .flat_map(|&prefix| {
            evidence
                .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
                .take_while(move |(path, _)| path.starts_with(prefix))
        })
        .filter(|(path, _)| keep(path))
        .filter_map(|(_, ev)| ev.clause.as_deref())
        .collect();
    if ids.len() > 1 {
        let positions = inp.positions.get_or_init(|| positions(inp.views));
        let mut placed: Vec<(usize, &str)> = ids
            .iter()
            .map(|id| (position(positions, id), *id))
            .collect();
        // Stable: ids at the same position keep their order.
        placed.sort_by_key(|&(position, _)| position);
        ids = placed.into_iter().map(|(_, id)| id).collect();
        ids.dedup();
    }
    ids.into_iter().map(str::to_string).collect()
}

/// Per clause id, the position of its (first) view. (Only looked up, never
/// iterated: hashing the ids is cheaper than sorting them.)
pub(crate) type Positions<'a> = HashMap<&'a str, usize>;

fn positions<'a>(views: &[ClauseView<'a>]) -> Positions<'a> {
    let mut all = HashMap::with_capacity(views.len());
    for (i, v) in views.iter().enumerate() {
        all.entry(v.clause.id.as_str()).or_insert(i);
    }
    all
}

/// The position of clause `id` (`usize::MAX` when no view has it).
fn position(positions: &Positions<'_>, id: &str) -> usize {
    positions.get(id).copied().unwrap_or(usize::MAX)
}

fn under(prefix: &str) -> impl Fn(&str) -> bool + '_ {
    move |path| {
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('.'))
    }
}

/// Paths under `subprocessors.<i>` for one of `indexes` (ascending).
fn subprocessor_paths(indexes: &[usize]) -> impl Fn(&str) -> bool + '_ {
    move |path| subprocessor_index(path).is_some_and(|i| indexes.binary_search(&i).is_ok())
}

/// `7` for `subprocessors.7` and `subprocessors.7.name` (never `subprocessors.07`).
fn subprocessor_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("subprocessors.")?.as_bytes();
    let digits = rest
        .iter()
        .position(|&b| b == b'.')
        .map_or(rest, |dot| &rest[..dot]);
    let canonical = digits == b"0" || digits.first() != Some(&b'0');
    if digits.is_empty() || !canonical {
        return None;
    }
    // The digits by hand (no `str::parse` per evidence path): `None` for
    // any other byte and on overflow, as `parse` gives.
    digits.iter().try_fold(0usize, |n, &b| {
        let digit = char::from(b).to_digit(10)?;
        n.checked_mul(10)?.checked_add(digit as usize)
    })
}

fn name_list(names: &[String]) -> String {
    names.join(", ")
}

// --- transfers --------------------------------------------------------------

fn transfers(inp: &Inputs<'_>, out: &mut Vec<Finding>) {
    let m = inp.model;
    let outside: Vec<usize> = (0..m.subprocessors.len())
        .filter(|&i| m.subprocessors[i].within_eea == Some(false))
        .collect();
    let locations_outside = m.locations.eea_only == Some(false);
    if outside.is_empty() && !locations_outside {
        return;
    }
    let mut names: Vec<String> = outside.iter().map(|&i| subprocessor_label(m, i)).collect();
    if locations_outside {
        for e in &m.locations.exceptions {
            if !names.iter().any(|n| n.contains(e.as_str())) {
                names.push(e.clone());
            }
        }
    }
    if names.is_empty() {
        names.push(match inp.lang {
            Lang::Nl => "zie de verwerkingslocaties".to_string(),
            Lang::En => "see the processing locations".to_string(),
        });
    }
    let paths = subprocessor_paths(&outside);
    let evidence = evidence_clauses(inp, &["locations", "subprocessors."], |p| {
        paths(p) || under("locations")(p)
    });
    push(
        out,
        make(inp, "transfer_outside_eea", &name_list(&names), evidence),
    );

    if document_names_safeguard(inp) {
        return;
    }
    let unguarded: Vec<usize> = outside
        .iter()
        .copied()
        .filter(|&i| m.subprocessors[i].transfer_mechanism.is_none())
        .collect();
    let any_mechanism = m
        .subprocessors
        .iter()
        .any(|s| s.transfer_mechanism.is_some());
    let unguarded_locations = locations_outside && outside.is_empty() && !any_mechanism;
    if unguarded.is_empty() && !unguarded_locations {
        return;
    }
    let mut names: Vec<String> = unguarded
        .iter()
        .map(|&i| subprocessor_label(m, i))
        .collect();
    if names.is_empty() {
        names = m.locations.exceptions.clone();
    }
    let paths = subprocessor_paths(&unguarded);
    let evidence = evidence_clauses(inp, &["locations", "subprocessors."], |p| {
        paths(p) || under("locations")(p)
    });
    push(
        out,
        make(
            inp,
            "transfer_without_safeguard",
            &name_list(&names),
            evidence,
        ),
    );
}

fn subprocessor_label(m: &Model, i: usize) -> String {
    let s = &m.subprocessors[i];
    let place = if s.countries.is_empty() {
        s.country.clone()
    } else {
        Some(s.countries.join("/"))
    };
    match place {
        Some(p) => format!("{} ({p})", s.name),
        None => s.name.clone(),
    }
}

/// The document names a transfer mechanism (SCC, DPF, BCR, adequacy) in general.
fn document_names_safeguard(inp: &Inputs<'_>) -> bool {
    some_names_safeguard(inp.sentences, inp.scans)
}

// --- breach -----------------------------------------------------------------

fn breach(inp: &Inputs<'_>, out: &mut Vec<Finding>) {
    let evidence = evidence_clauses(inp, &["breach_notification"], under("breach_notification"));
    match &inp.model.breach_notification.deadline {
        None => push(out, make(inp, "breach_deadline_missing", "", evidence)),
        Some(d) if d.approx_hours() > BREACH_MAX_HOURS => {
            let ev = evidence_clauses(
                inp,
                &["breach_notification.deadline"],
                under("breach_notification.deadline"),
            );
            push(
                out,
                make(
                    inp,
                    "breach_deadline_over_48h",
                    &duration_text(d, inp.lang),
                    ev,
                ),
            );
        }
        Some(_) => {}
    }
}

// --- sub-processors -----------------------------------------------------------

fn subprocessors(inp: &Inputs<'_>, out: &mut Vec<Finding>) {
    let m = inp.model;
    let no_url: Vec<usize> = (0..m.subprocessors.len())
        .filter(|&i| m.subprocessors[i].privacy_url.is_none())
        .collect();
    if !no_url.is_empty() {
        let names: Vec<String> = no_url
            .iter()
            .map(|&i| m.subprocessors[i].name.clone())
            .collect();
        let paths = subprocessor_paths(&no_url);
        let evidence = evidence_clauses(inp, &["subprocessors."], paths);
        push(
            out,
            make(
                inp,
                "subprocessor_url_missing",
                &name_list(&names),
                evidence,
            ),
        );
    }
    if m.subprocessor_authorisation == Some(Authorisation::General)
        && m.subprocessor_changes.objection != Some(true)
    {
        let subject = match (&m.subprocessor_changes.notice, inp.lang) {
            (Some(d), Lang::Nl) => {
                format!(" (wel aankondiging {} vooraf)", duration_text(d, Lang::Nl))
            }
            (Some(d), Lang::En) => {
                format!(" (only notice {} in advance)", duration_text(d, Lang::En))
            }
            (None, _) => String::new(),
        };
        let evidence = evidence_clauses(
            inp,
            &["subprocessor_authorisation", "subprocessor_changes"],
            |p| under("subprocessor_authorisation")(p) || under("subprocessor_changes")(p),
        );
        push(
            out,
            make(inp, "subprocessor_no_objection", &subject, evidence),
        );
    }
}

// --- deletion -----------------------------------------------------------------

/// The deletion deadline; else how long processing may go on after the end
/// (`verwerkt tot maximaal 30 dagen na beëindiging`), which bounds it too.
fn deletion_deadline(m: &Model) -> Option<(&Duration, &'static str)> {
    m.termination
        .deletion_deadline
        .as_ref()
        .map(|d| (d, "termination.deletion_deadline"))
        .or_else(|| {
            m.processing
                .retention_after_end
                .as_ref()
                .map(|d| (d, "processing.retention_after_end"))
        })
}

fn deletion(inp: &Inputs<'_>, out: &mut Vec<Finding>) {
    match deletion_deadline(inp.model) {
        None => {
            let mut evidence = evidence_clauses(inp, &["termination"], under("termination"));
            if evidence.is_empty() {
                evidence = requirement_evidence(inp, "28.3.g");
            }
            push(out, make(inp, "deletion_deadline_missing", "", evidence));
        }
        Some((d, path)) if d.approx_days() > DELETION_MAX_DAYS => {
            let ev = evidence_clauses(inp, &[path], under(path));
            push(
                out,
                make(
                    inp,
                    "deletion_deadline_over_90d",
                    &duration_text(d, inp.lang),
                    ev,
                ),
            );
        }
        Some(_) => {}
    }
}

fn requirement_evidence(inp: &Inputs<'_>, code: &str) -> Vec<ClauseId> {
    inp.art28
        .iter()
        .find(|r| r.code == code)
        .map(|r| r.evidence.clone())
        .unwrap_or_default()
}

// --- audit, law, template -------------------------------------------------------

fn audit(inp: &Inputs<'_>, out: &mut Vec<Finding>) {
    let h_missing = inp
        .art28
        .iter()
        .any(|r| r.code == "28.3.h" && r.status == Status::Missing);
    let missing = match inp.model.audit.allowed {
        Some(false) => true,
        Some(true) => false,
        None => h_missing,
    };
    if missing {
        let evidence = evidence_clauses(inp, &["audit"], under("audit"));
        push(out, make(inp, "audit_missing", "", evidence));
    }
}

fn law_and_template(inp: &Inputs<'_>, out: &mut Vec<Finding>) {
    if inp.model.law.governing_law.is_none() {
        push(out, make(inp, "no_governing_law", "", Vec::new()));
    }
    if inp.model.document.is_template {
        let evidence = evidence_clauses(
            inp,
            &["document.is_template"],
            under("document.is_template"),
        );
        push(out, make(inp, "template_not_filled", "", evidence));
    }
}

/// `24 uur`, `3 maanden`, `5 business days`.
pub(crate) fn duration_text(d: &Duration, lang: Lang) -> String {
    let one = d.value == 1;
    let unit = match (lang, d.unit) {
        (Lang::Nl, DurationUnit::Hours) => "uur",
        (Lang::Nl, DurationUnit::Days) => {
            if one {
                "dag"
            } else {
                "dagen"
            }
        }
        (Lang::Nl, DurationUnit::BusinessDays) => {
            if one {
                "werkdag"
            } else {
                "werkdagen"
            }
        }
        (Lang::Nl, DurationUnit::Weeks) => {
            if one {
                "week"
            } else {
                "weken"
            }
        }
        (Lang::Nl, DurationUnit::Months) => {
            if one {
                "maand"
            } else {
                "maanden"
            }
        }
        (Lang::Nl, DurationUnit::Years) => "jaar",
        (Lang::En, DurationUnit::Hours) => {
            if one {
                "hour"
            } else {
                "hours"
            }
        }
        (Lang::En, DurationUnit::Days) => {
            if one {
                "day"
            } else {
                "days"
            }
        }
        (Lang::En, DurationUnit::BusinessDays) => {
            if one {
                "business day"
            } else {
                "business days"
            }
        }
        (Lang::En, DurationUnit::Weeks) => {
            if one {
                "week"
            } else {
                "weeks"
            }
        }
        (Lang::En, DurationUnit::Months) => {
            if one {
                "month"
            } else {
                "months"
            }
        }
        (Lang::En, DurationUnit::Years) => {
            if one {
                "year"
            } else {
                "years"
            }
        }
    };
    format!("{} {unit}", d.value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dpa_model::Clause;

    /// `subprocessor_index` as it was written first, with `str::parse`.
    fn index_by_parse(path: &str) -> Option<usize> {
        let rest = path.strip_prefix("subprocessors.")?;
        let index = rest.split('.').next()?;
        let canonical = index == "0" || !index.starts_with('0');
        if index.is_empty() || !canonical || !index.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        index.parse().ok()
    }

    fn clause(id: &str, children: Vec<Clause>) -> Clause {
        let text = format!("Artikel {id}. Verwerker verwerkt de persoonsgegevens.");
        Clause {
            number: Some(id.into()),
            children,
            ..crate::test_fixtures::clause(id, &text)
        }
    }

    /// The positions as they were first found: the views sorted by id.
    fn position_by_sorting(views: &[ClauseView<'_>], id: &str) -> usize {
        let mut all: Vec<(&str, usize)> = views
            .iter()
            .enumerate()
            .map(|(i, v)| (v.clause.id.as_str(), i))
            .collect();
        all.sort_unstable();
        all.dedup_by_key(|&mut (id, _)| id);
        all.binary_search_by(|&(other, _)| other.cmp(id))
            .map_or(usize::MAX, |i| all[i].1)
    }

    #[test]
    fn positions_are_those_of_the_first_view_of_an_id() {
        let tree = vec![
            clause("1", vec![clause("1.1", vec![]), clause("1.2", vec![])]),
            clause("10", vec![clause("10.1", vec![])]),
            clause("2", vec![clause("1.1", vec![]), clause("2.1", vec![])]),
            clause("1", vec![]),
        ];
        let views = crate::sentences::clause_views(&tree);
        let positions = positions(&views);
        for id in ["1", "1.1", "1.2", "10", "10.1", "2", "2.1", "3", ""] {
            let want = position_by_sorting(&views, id);
            assert_eq!(position(&positions, id), want, "{id}");
        }
        assert_eq!(position(&positions, "1.1"), 1);
        // The clauses of the customer documents.
        for tree in crate::test_fixtures::trees() {
            let views = crate::sentences::clause_views(&tree);
            let map = super::positions(&views);
            for v in &views {
                let id = v.clause.id.as_str();
                assert_eq!(position(&map, id), position_by_sorting(&views, id));
            }
            assert_eq!(position(&map, "geen id"), usize::MAX);
        }
    }

    #[test]
    fn subprocessor_indexes_are_read_as_parse_reads_them() {
        let paths = [
            "subprocessors.0",
            "subprocessors.7",
            "subprocessors.7.name",
            "subprocessors.12.country",
            "subprocessors.07",
            "subprocessors.00.name",
            "subprocessors.",
            "subprocessors..name",
            "subprocessors.+5",
            "subprocessors.-1",
            "subprocessors.3a.name",
            "subprocessors.٣",
            "subprocessors.99999999999999999999999999",
            "subprocessors.18446744073709551615",
            "subprocessor_authorisation",
            "locations.countries.0",
            "",
        ];
        for path in paths {
            assert_eq!(subprocessor_index(path), index_by_parse(path), "{path}");
        }
        assert_eq!(subprocessor_index("subprocessors.12.country"), Some(12));
    }
}
