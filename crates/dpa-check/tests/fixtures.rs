//! The two customer documents of `fixtures/text`, read as plain paragraphs
//! (the clause tree before segmentation refines it): the Art. 28(3)
//! statuses their gold annotation accepts. Skipped when the fixtures are absent.

mod common;

use dpa_check::{check, Lang};
use dpa_model::{Model, Status};
use std::path::PathBuf;
use Status::{Met, Missing, Partial};

fn fixture(name: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/text")
        .join(name);
    std::fs::read_to_string(path).ok()
}

/// One clause per paragraph, as the segmentation stage does for unnumbered text.
fn paragraphs(text: &str) -> Model {
    let mut m = common::empty_model();
    let mut pos = 0;
    for para in text.split("\n\n") {
        let start = pos;
        pos += para.len() + 2;
        if para.trim().is_empty() {
            continue;
        }
        let mut c = common::clause(&format!("p{}", m.clauses.len() + 1), para);
        c.span = [start, start + para.len()];
        m.clauses.push(c);
    }
    m
}

fn assert_statuses(name: &str, accepted: &[(&str, &[Status])]) {
    let Some(text) = fixture(name) else { return };
    let c = check(&paragraphs(&text), Lang::Nl);
    for (code, ok) in accepted {
        let r = c.art28.iter().find(|r| r.code == *code).expect("assessed");
        assert!(
            ok.contains(&r.status),
            "{name} {code}: got {:?}, evidence {:?}",
            r.status,
            r.evidence
        );
    }
}

#[test]
fn lucidon_processing_agreement() {
    assert_statuses(
        "lucidon-verwerkersovereenkomst.txt",
        &[
            ("28.3.a", &[Met, Partial]),
            ("28.3.b", &[Met]),
            ("28.3.c", &[Met]),
            ("28.3.d", &[Met]),
            ("28.3.e", &[Partial, Missing]),
            ("28.3.f", &[Met]),
            ("28.3.g", &[Met]),
            ("28.3.h", &[Met]),
        ],
    );
}

#[test]
fn lucrasoft_data_pro_statement_is_not_credited_with_the_standard_clauses() {
    assert_statuses(
        "lucrasoft-data-pro-statement.txt",
        &[
            ("28.3.a", &[Partial, Missing]),
            ("28.3.b", &[Met]),
            ("28.3.c", &[Met]),
            ("28.3.d", &[Partial, Missing]),
            ("28.3.e", &[Met]),
            ("28.3.f", &[Partial, Met]),
            ("28.3.g", &[Met]),
            ("28.3.h", &[Missing]),
        ],
    );
}

#[test]
fn lucrasoft_reports_the_missing_audit_right() {
    let Some(text) = fixture("lucrasoft-data-pro-statement.txt") else {
        return;
    };
    let mut m = paragraphs(&text);
    m.law.governing_law = None;
    let codes: Vec<String> = check(&m, Lang::Nl)
        .findings
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert!(codes.contains(&"audit_missing".to_string()), "{codes:?}");
}
