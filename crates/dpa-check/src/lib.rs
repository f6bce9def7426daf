//! Compliance stage: GDPR Art. 28(3) requirements and findings.
//!
//! [`check`] reads a filled model (its clause tree and the fields the
//! field-extraction stage set) and returns its [`Compliance`] section:
//!
//! - `art28`: the eight requirements `28.3.a`–`28.3.h`, each `met`,
//!   `partial` or `missing` with the clauses that carry it, decided by the
//!   rule tables of [`rules`] (phrases in Dutch agreement language, clause
//!   topics, negations);
//! - `findings`: what a privacy officer should look at, with severity,
//!   evidence and a Dutch or English message, ordered by severity then code.
//!
//! [`report`] renders the result for people (`render_text`) and tools
//! (`render_json`), and decides `--fail-on` thresholds.
//!
//! ```
//! use dpa_check::{check, Lang};
//! use dpa_model::{Clause, Model, Source, Status};
//!
//! let text = "Verwerker verwerkt de persoonsgegevens uitsluitend op basis van schriftelijke instructies van Verantwoordelijke.";
//! let mut model = Model::empty(Source { file: None, format: "text".into(), sha256: String::new(), pages: None, chars: 0 });
//! model.clauses.push(Clause {
//!     number: Some("4.1".into()),
//!     level: 2,
//!     ..Clause::new("4.1", text, [0, text.len()])
//! });
//! let compliance = check(&model, Lang::Nl);
//! assert_eq!(compliance.art28[0].code, "28.3.a");
//! assert_eq!(compliance.art28[0].status, Status::Met);
//! assert_eq!(compliance.art28[0].evidence, ["4.1"]);
//! ```

mod art28;
mod automaton;
mod findings;
mod matcher;
pub mod report;
pub mod rules;
mod sentences;
#[cfg(test)]
mod test_fixtures;

use dpa_model::{Compliance, Model};
use std::fmt;
use std::str::FromStr;

/// Language of human-readable messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// `"nl"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An unknown language name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseLangError(pub String);

impl fmt::Display for ParseLangError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown language `{}` (expected nl or en)", self.0)
    }
}

impl std::error::Error for ParseLangError {}

impl FromStr for Lang {
    type Err = ParseLangError;

    /// `nl` / `en` (also `dutch`, `nederlands`, `english`, `engels`), any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "nl" | "nld" | "dutch" | "nederlands" => Ok(Lang::Nl),
            "en" | "eng" | "english" | "engels" => Ok(Lang::En),
            _ => Err(ParseLangError(s.to_string())),
        }
    }
}

/// Check a filled model (fields and clauses) and return its compliance section.
pub fn check(model: &Model, lang: Lang) -> Compliance {
    let views = sentences::clause_views(&model.clauses);
    let sentences = sentences::sentences(&views);
    let (scans, leads) = art28::scan_sentences(&sentences);
    let art28 = art28::assess(model, &views, &sentences, &scans, &leads);
    let inputs = findings::Inputs {
        model,
        views: &views,
        sentences: &sentences,
        scans: &scans,
        art28: &art28,
        lang,
        positions: Default::default(),
    };
    let findings = findings::findings(&inputs);
    Compliance { art28, findings }
}
