//! [`Ctx`]: what every extractor reads (text, clauses) and how it records evidence.

use dpa_model::{Clause, Evidence, Model, NormalizedText};
use std::ops::Range;

/// How many clauses starting before an offset [`Ctx::clause_at`] looks at
/// (own spans do not overlap in a well-formed tree: the last one holds it).
const CLAUSE_AT_CANDIDATES: usize = 64;

/// The read-only view extractors work on.
pub struct Ctx<'a> {
    pub text: &'a NormalizedText,
    /// The clause tree.
    pub tree: &'a [Clause],
    /// Every clause, depth first (parents before children).
    pub clauses: Vec<&'a Clause>,
    /// Every clause sorted by the start of its own span (for [`Ctx::clause_at`]).
    by_start: Vec<&'a Clause>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a NormalizedText, tree: &'a [Clause]) -> Self {
        let mut clauses = Vec::new();
        for c in tree {
            clauses.extend(c.descendants());
        }
        let mut by_start = clauses.clone();
        by_start.sort_by_key(|c| (c.span[0], c.span[1]));
        Ctx {
            text,
            tree,
            clauses,
            by_start,
        }
    }

    /// The whole normalized text.
    pub fn full(&self) -> &'a str {
        &self.text.text
    }

    /// The deepest clause whose own span holds `offset`.
    pub fn clause_at(&self, offset: usize) -> Option<&'a Clause> {
        // own spans do not nest: the holder starts at or before `offset`,
        // and is among the last clauses that do
        let upto = self.by_start.partition_point(|c| c.span[0] <= offset);
        let holders = self.by_start[..upto]
            .iter()
            .rev()
            .take(CLAUSE_AT_CANDIDATES)
            .copied()
            .filter(|c| offset < c.span[1]);
        let mut best: Option<&'a Clause> = None;
        for c in holders {
            if best.map_or(true, |b| c.level > b.level) {
                best = Some(c);
            }
        }
        best
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

/// Test helper: run one extractor over a single-page plain text.
#[cfg(test)]
pub(crate) fn run_extractor(text: &str, extract: fn(&Ctx, &mut Model)) -> Model {
    let nt = NormalizedText::single_page(text.to_string(), dpa_model::SourceFormat::Text);
    let source = dpa_model::Source {
        format: "text".into(),
        chars: text.chars().count() as u64,
        ..dpa_model::Source::default()
    };
    let mut model = Model::empty(source);
    extract(&Ctx::new(&nt, &[]), &mut model);
    model
}
