//! [`Ctx`]: what every extractor reads (text, clauses) and how it records evidence.

use dpa_model::{Clause, Evidence, Model, NormalizedText};
use std::ops::Range;

/// The read-only view extractors work on.
pub struct Ctx<'a> {
    pub text: &'a NormalizedText,
    /// The clause tree.
    pub tree: &'a [Clause],
    /// Every clause, depth first (parents before children).
    pub clauses: Vec<&'a Clause>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a NormalizedText, tree: &'a [Clause]) -> Self {
        let mut clauses = Vec::new();
        for c in tree {
            clauses.extend(c.descendants());
        }
        Ctx { text, tree, clauses }
    }

    /// The whole normalized text.
    pub fn full(&self) -> &'a str {
        &self.text.text
    }

    /// The deepest clause whose own span holds `offset`.
    pub fn clause_at(&self, offset: usize) -> Option<&'a Clause> {
        self.clauses
            .iter()
            .copied()
            .filter(|c| c.span[0] <= offset && offset < c.span[1])
            .max_by_key(|c| c.level)
    }

    /// Evidence for a byte range of the normalized text.
    pub fn evidence(&self, span: Range<usize>) -> Evidence {
        Evidence {
            clause: self.clause_at(span.start).map(|c| c.id.clone()),
            page: self.text.page_of_span(span.start),
            text: self.full()[span.clone()].to_string(),
            span: [span.start, span.end],
        }
    }

    /// Record evidence for a field path (`"breach_notification.deadline"`).
    pub fn record(&self, model: &mut Model, path: impl Into<String>, span: Range<usize>) {
        model.evidence.insert(path.into(), self.evidence(span));
    }
}
