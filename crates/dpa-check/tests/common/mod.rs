//! Building small models by hand for the tests.
#![allow(dead_code)]

use dpa_check::{check, Lang};
use dpa_model::{Clause, ClauseKind, Evidence, Model, Source, Status};

pub fn empty_model() -> Model {
    Model::empty(Source {
        file: Some("test.txt".into()),
        format: "text".into(),
        sha256: String::new(),
        pages: None,
        chars: 0,
    })
}

pub fn clause(id: &str, text: &str) -> Clause {
    Clause::new(id, text, [0, text.len()])
}

pub fn with_kind(mut c: Clause, heading: &str, kind: ClauseKind) -> Clause {
    c.heading = Some(heading.to_string());
    c.kind = Some(kind);
    c
}

/// A model whose clauses are the given texts (`c1`, `c2`, ...).
pub fn model_of(texts: &[&str]) -> Model {
    let mut m = empty_model();
    for (i, t) in texts.iter().enumerate() {
        m.clauses.push(clause(&format!("c{}", i + 1), t));
    }
    m
}

pub fn status(m: &Model, code: &str) -> Status {
    let c = check(m, Lang::Nl);
    c.art28
        .iter()
        .find(|r| r.code == code)
        .map(|r| r.status)
        .expect("every code is assessed")
}

pub fn status_of(texts: &[&str], code: &str) -> Status {
    status(&model_of(texts), code)
}

pub fn evidence_at(clause: &str) -> Evidence {
    Evidence {
        clause: Some(clause.to_string()),
        span: [0, 1],
        page: None,
        text: "x".into(),
    }
}
