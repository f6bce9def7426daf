//! Finding rules on hand-built models (the fields as the field-extraction
//! stage fills them).

mod common;

use common::{clause, empty_model, evidence_at};
use dpa_check::{check, Lang};
use dpa_model::{
    Authorisation, Duration, DurationUnit, Finding, Model, Severity, Subprocessor,
    TransferMechanism,
};

fn sub(name: &str, country: &str, within_eea: bool) -> Subprocessor {
    Subprocessor {
        name: name.to_string(),
        location: Some(country.to_string()),
        country: Some(country.to_string()),
        countries: vec![country.to_string()],
        within_eea: Some(within_eea),
        transfer_mechanism: None,
        purpose: None,
        privacy_url: Some(format!("https://{}.example/privacy", name.to_lowercase())),
    }
}

/// A model without any finding: every checked field filled with a good value.
fn clean_model() -> Model {
    let mut m = empty_model();
    m.clauses = vec![
        clause("3", "3. Verwerker meldt een datalek binnen 24 uur."),
        clause(
            "5",
            "5. Opdrachtgever heeft het recht een audit te laten uitvoeren.",
        ),
        clause(
            "7",
            "7. Op deze overeenkomst is Nederlands recht van toepassing.",
        ),
    ];
    m.breach_notification.deadline = Some(Duration::new(24, DurationUnit::Hours));
    m.evidence
        .insert("breach_notification.deadline".into(), evidence_at("3"));
    m.termination.deletion_deadline = Some(Duration::new(30, DurationUnit::Days));
    m.audit.allowed = Some(true);
    m.law.governing_law = Some("NL".into());
    m.subprocessors = vec![sub("Hoster", "DE", true)];
    m.locations.eea_only = Some(true);
    m
}

fn codes(m: &Model) -> Vec<String> {
    check(m, Lang::Nl)
        .findings
        .into_iter()
        .map(|f| f.code)
        .collect()
}

fn finding(m: &Model, code: &str, lang: Lang) -> Finding {
    check(m, lang)
        .findings
        .into_iter()
        .find(|f| f.code == code)
        .expect("finding present")
}

#[test]
fn a_clean_model_has_no_findings() {
    assert!(
        codes(&clean_model()).is_empty(),
        "{:?}",
        codes(&clean_model())
    );
}

#[test]
fn outside_eea_without_safeguard() {
    let mut m = clean_model();
    m.subprocessors.push(sub("Cloudco", "US", false));
    m.evidence
        .insert("subprocessors.1.country".into(), evidence_at("7"));
    assert_eq!(
        codes(&m),
        ["transfer_without_safeguard", "transfer_outside_eea"]
    );
    let f = finding(&m, "transfer_outside_eea", Lang::Nl);
    assert_eq!(f.severity, Severity::Medium);
    assert!(f.message.contains("Cloudco (US)"), "{}", f.message);
    assert_eq!(f.evidence, ["7"]);
}

#[test]
fn outside_eea_with_a_mechanism_is_only_reported_as_a_transfer() {
    let mut m = clean_model();
    let mut s = sub("Cloudco", "US", false);
    s.transfer_mechanism = Some(TransferMechanism::Scc);
    m.subprocessors.push(s);
    assert_eq!(codes(&m), ["transfer_outside_eea"]);
}

#[test]
fn a_safeguard_named_for_all_transfers_counts() {
    let mut m = clean_model();
    m.subprocessors.push(sub("Cloudco", "US", false));
    m.clauses.push(clause(
        "8",
        "8. Voor doorgifte buiten de EER gebruiken wij de standaardcontractbepalingen.",
    ));
    assert_eq!(codes(&m), ["transfer_outside_eea"]);
}

#[test]
fn processing_locations_outside_the_eea() {
    let mut m = clean_model();
    m.locations.eea_only = Some(false);
    m.locations.exceptions = vec!["Telefonie-app".into()];
    let f = finding(&m, "transfer_outside_eea", Lang::En);
    assert!(f.message.contains("Telefonie-app"), "{}", f.message);
    assert!(codes(&m).contains(&"transfer_without_safeguard".to_string()));
}

#[test]
fn breach_deadlines() {
    let mut m = clean_model();
    m.breach_notification.deadline = Some(Duration::new(72, DurationUnit::Hours));
    let f = finding(&m, "breach_deadline_over_48h", Lang::Nl);
    assert!(f.message.contains("72 uur"), "{}", f.message);
    assert_eq!(f.evidence, ["3"]);
    m.breach_notification.deadline = Some(Duration::new(48, DurationUnit::Hours));
    assert!(codes(&m).is_empty());
    m.breach_notification.deadline = Some(Duration::new(3, DurationUnit::BusinessDays));
    assert_eq!(codes(&m), ["breach_deadline_over_48h"]);
    m.breach_notification.deadline = None;
    assert_eq!(codes(&m), ["breach_deadline_missing"]);
    assert_eq!(
        finding(&m, "breach_deadline_missing", Lang::Nl).severity,
        Severity::High
    );
}

#[test]
fn subprocessor_without_url() {
    let mut m = clean_model();
    m.subprocessors[0].privacy_url = None;
    let f = finding(&m, "subprocessor_url_missing", Lang::Nl);
    assert!(f.message.contains("Hoster"));
    assert_eq!(codes(&m), ["subprocessor_url_missing"]);
}

#[test]
fn general_authorisation_without_objection() {
    let mut m = clean_model();
    m.subprocessor_authorisation = Some(Authorisation::General);
    assert_eq!(codes(&m), ["subprocessor_no_objection"]);
    m.subprocessor_changes.notice = Some(Duration::new(30, DurationUnit::Days));
    assert!(finding(&m, "subprocessor_no_objection", Lang::Nl)
        .message
        .contains("30 dagen"));
    m.subprocessor_changes.objection = Some(true);
    assert!(codes(&m).is_empty());
    m.subprocessor_authorisation = Some(Authorisation::Specific);
    m.subprocessor_changes.objection = None;
    assert!(codes(&m).is_empty());
}

#[test]
fn deletion_deadlines() {
    let mut m = clean_model();
    m.termination.deletion_deadline = Some(Duration::new(6, DurationUnit::Months));
    assert_eq!(codes(&m), ["deletion_deadline_over_90d"]);
    m.termination.deletion_deadline = Some(Duration::new(3, DurationUnit::Months));
    assert!(codes(&m).is_empty());
    m.termination.deletion_deadline = None;
    assert_eq!(codes(&m), ["deletion_deadline_missing"]);
}

#[test]
fn audit_missing_from_the_field_or_the_text() {
    let mut m = clean_model();
    m.audit.allowed = Some(false);
    assert_eq!(codes(&m), ["audit_missing"]);
    // Unknown field: the text decides (clause 5 grants an audit right).
    m.audit.allowed = None;
    assert!(codes(&m).is_empty());
    m.clauses.retain(|c| c.id != "5");
    assert_eq!(codes(&m), ["audit_missing"]);
}

#[test]
fn law_and_template() {
    let mut m = clean_model();
    m.law.governing_law = None;
    m.document.is_template = true;
    assert_eq!(codes(&m), ["template_not_filled", "no_governing_law"]);
}

#[test]
fn ordered_by_severity_then_code_and_deterministic() {
    let mut m = empty_model();
    m.subprocessors = vec![sub("Cloudco", "US", false)];
    m.subprocessors[0].privacy_url = None;
    m.document.is_template = true;
    let all = check(&m, Lang::Nl).findings;
    let severities: Vec<Severity> = all.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    assert_eq!(
        all.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(),
        [
            "audit_missing",
            "breach_deadline_missing",
            "transfer_without_safeguard",
            "deletion_deadline_missing",
            "template_not_filled",
            "transfer_outside_eea",
            "no_governing_law",
            "subprocessor_url_missing",
        ]
    );
    assert_eq!(check(&m, Lang::Nl), check(&m, Lang::Nl));
}

#[test]
fn messages_follow_the_language() {
    let mut m = clean_model();
    m.law.governing_law = None;
    assert_eq!(
        finding(&m, "no_governing_law", Lang::Nl).message,
        "Er is geen toepasselijk recht aangewezen."
    );
    assert_eq!(
        finding(&m, "no_governing_law", Lang::En).message,
        "No governing law is chosen."
    );
}

#[test]
fn retention_after_the_end_bounds_deletion() {
    let mut m = clean_model();
    m.termination.deletion_deadline = None;
    m.processing.retention_after_end = Some(Duration::new(30, DurationUnit::Days));
    assert!(codes(&m).is_empty());
    m.processing.retention_after_end = Some(Duration::new(1, DurationUnit::Years));
    assert_eq!(codes(&m), ["deletion_deadline_over_90d"]);
}
