//! Hostile inputs: huge clauses, lines and tables, many clauses, odd
//! characters. The check must finish quickly (linear work) and not panic.
//! Sizes are kept moderate: the timing example (`examples/timing.rs
//! --hostile`) runs the full-size cases.

mod common;

use dpa_check::{check, Lang};
use dpa_model::{Compliance, Model, Status};
use std::time::{Duration, Instant};

/// Generous: a debug build on a busy machine, for inputs of a few MB.
const LIMIT: Duration = Duration::from_secs(20);

fn timed_check(m: &Model) -> Compliance {
    let start = Instant::now();
    let c = check(m, Lang::Nl);
    assert!(start.elapsed() < LIMIT, "took {:?}", start.elapsed());
    assert_eq!(c.art28.len(), 8);
    c
}

fn one_clause(text: &str) -> Compliance {
    timed_check(&common::model_of(&[text]))
}

#[test]
fn a_huge_clause_without_punctuation() {
    let c = one_clause(&"a".repeat(2_000_000));
    assert!(c.art28.iter().all(|r| r.status == Status::Missing));
}

#[test]
fn a_huge_line_of_numbering() {
    one_clause(&"1.".repeat(500_000));
}

#[test]
fn a_table_with_very_many_cells() {
    let row = format!("{}cel\n", "cel\t".repeat(5_000));
    one_clause(&row.repeat(20));
}

#[test]
fn very_many_short_lines() {
    one_clause(&"ab\n".repeat(300_000));
    one_clause(&"Artikel 1\n".repeat(20_000));
}

#[test]
fn very_many_clauses_that_meet_a_requirement() {
    let text = "Verwerker meldt een datalek aan Verantwoordelijke.";
    let texts = vec![text; 20_000];
    let c = timed_check(&common::model_of(&texts));
    let f = c
        .art28
        .iter()
        .find(|r| r.code == "28.3.f")
        .expect("assessed");
    assert_eq!(f.status, Status::Partial);
    assert!(f.evidence.len() <= 6);
}

#[test]
fn right_to_left_text_euro_signs_and_carriage_returns() {
    let rtl = "\u{202B}المعالج يبلغ\u{202C} \u{200F}המעבד\u{200E}. ".repeat(5_000);
    one_clause(&rtl);
    one_clause(&"€".repeat(300_000));
    one_clause(&"Verwerker meldt een datalek binnen 48 uur.\r".repeat(10_000));
    one_clause(&"ſ K İ ı ß ﬁ Σ. ".repeat(20_000));
}
