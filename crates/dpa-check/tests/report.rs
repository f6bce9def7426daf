//! The text and JSON reports and the `--fail-on` decision.

mod common;

use common::model_of;
use dpa_check::report::{fails_on, parse_severity, render_json, render_text, worst_severity};
use dpa_check::{check, Lang};
use dpa_model::{Compliance, Severity};

fn sample() -> dpa_model::Model {
    let mut m = model_of(&[
        "1.1 Verwerker verwerkt persoonsgegevens uitsluitend op schriftelijke instructies van Opdrachtgever.",
        "4.2 Medewerkers zijn gebonden aan een geheimhoudingsplicht.",
    ]);
    m.parties.processor.name = Some("Voorbeeld Hosting B.V.".into());
    m.document.title = Some("Verwerkersovereenkomst".into());
    m
}

#[test]
fn text_report_has_subject_requirements_and_findings_by_severity() {
    let text = render_text(&sample(), Lang::Nl);
    assert!(
        text.starts_with("AVG art. 28-toets: Voorbeeld Hosting B.V.\n"),
        "{text}"
    );
    assert!(text.contains("Document: Verwerkersovereenkomst"));
    for code in [
        "28.3.a", "28.3.b", "28.3.c", "28.3.d", "28.3.e", "28.3.f", "28.3.g", "28.3.h",
    ] {
        assert!(text.contains(code), "{code} missing in\n{text}");
    }
    assert!(text.contains("[voldaan]   28.3.a"), "{text}");
    assert!(text.contains("bepalingen: c1"), "{text}");
    assert!(
        text.contains("Samenvatting: 2 voldaan, 0 deels, 6 ontbreekt"),
        "{text}"
    );
    let high = text.find("  HOOG").expect("a high finding group");
    let low = text.find("  LAAG").expect("a low finding group");
    assert!(high < low);
    assert!(text.contains("- audit_missing: "));
}

#[test]
fn text_report_in_english() {
    let text = render_text(&sample(), Lang::En);
    assert!(
        text.starts_with("GDPR Art. 28 check: Voorbeeld Hosting B.V.\n"),
        "{text}"
    );
    assert!(
        text.contains("[met]       28.3.a  Processing only on documented instructions"),
        "{text}"
    );
    assert!(text.contains("No governing law is chosen."));
}

#[test]
fn json_report_for_tools() {
    let mut m = sample();
    m.compliance = check(&m, Lang::En);
    let v = render_json(&m);
    assert_eq!(v["processor"], "Voorbeeld Hosting B.V.");
    assert_eq!(v["art28"].as_array().map(Vec::len), Some(8));
    assert_eq!(v["art28"][0]["code"], "28.3.a");
    assert_eq!(v["art28"][0]["status"], "met");
    assert_eq!(v["art28"][0]["evidence"][0], "c1");
    assert_eq!(v["worst_severity"], "high");
    let f = &v["findings"][0];
    assert_eq!(f["severity"], "high");
    assert!(f["message"].as_str().is_some_and(|s| !s.is_empty()));
}

#[test]
fn json_report_computes_compliance_when_absent() {
    let v = render_json(&sample());
    assert_eq!(v["art28"].as_array().map(Vec::len), Some(8));
}

#[test]
fn fail_on_thresholds() {
    let c = check(&sample(), Lang::Nl);
    assert_eq!(worst_severity(&c), Some(Severity::High));
    assert!(fails_on(&c, Severity::High));
    assert!(fails_on(&c, Severity::Low));
    let none = Compliance::default();
    assert_eq!(worst_severity(&none), None);
    assert!(!fails_on(&none, Severity::Low));
    let mut only_low = c.clone();
    only_low.findings.retain(|f| f.severity == Severity::Low);
    assert!(!only_low.findings.is_empty());
    assert!(!fails_on(&only_low, Severity::Medium));
    assert!(fails_on(&only_low, Severity::Low));
}

#[test]
fn parsing_severities_and_languages() {
    assert_eq!(parse_severity("HIGH"), Some(Severity::High));
    assert_eq!(parse_severity("medium"), Some(Severity::Medium));
    assert_eq!(parse_severity("low"), Some(Severity::Low));
    assert_eq!(parse_severity("urgent"), None);
    assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
    assert_eq!("NL".parse::<Lang>(), Ok(Lang::Nl));
    assert!("fr".parse::<Lang>().is_err());
    assert_eq!(Lang::En.to_string(), "en");
}
