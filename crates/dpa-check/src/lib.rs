//! Compliance stage: GDPR Art. 28(3) requirements and findings.

use dpa_model::{Compliance, Model};

/// Language of human-readable messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

/// Check a filled model (fields and clauses) and return its compliance section.
pub fn check(model: &Model, lang: Lang) -> Compliance {
    let _ = (model, lang);
    Compliance::default()
}
