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
    /// Whether no two non-empty own spans overlap (true of a well-formed
    /// tree): then at most one clause holds an offset.
    disjoint: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a NormalizedText, tree: &'a [Clause]) -> Self {
        let mut clauses = Vec::new();
        for c in tree {
            c.push_descendants(&mut clauses);
        }
        let mut by_start = clauses.clone();
        by_start.sort_by_key(|c| (c.span[0], c.span[1]));
        let disjoint = own_spans_disjoint(&by_start);
        Ctx {
            text,
            tree,
            clauses,
            by_start,
            disjoint,
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
        let candidates = &self.by_start[upto.saturating_sub(CLAUSE_AT_CANDIDATES)..upto];
        if self.disjoint {
            // only the last non-empty span that starts in time can hold it
            return candidates
                .iter()
                .rev()
                .find(|c| c.span[0] < c.span[1])
                .filter(|c| offset < c.span[1])
                .copied();
        }
        deepest_holder(candidates, offset)
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

/// The deepest of `candidates` whose own span holds `offset` (the last
/// such of equal depth).
fn deepest_holder<'a>(candidates: &[&'a Clause], offset: usize) -> Option<&'a Clause> {
    let mut best: Option<&'a Clause> = None;
    for c in candidates.iter().rev().filter(|c| offset < c.span[1]) {
        if best.map_or(true, |b| c.level > b.level) {
            best = Some(c);
        }
    }
    best
}

/// Whether the non-empty spans of `sorted` (sorted by start, then end)
/// are pairwise disjoint.
fn own_spans_disjoint(sorted: &[&Clause]) -> bool {
    let mut end = 0;
    for c in sorted.iter().filter(|c| c.span[0] < c.span[1]) {
        if c.span[0] < end {
            return false;
        }
        end = c.span[1];
    }
    true
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

#[cfg(test)]
mod tests {
    use super::*;
    use dpa_model::SourceFormat;

    fn clause(id: &str, level: u32, span: [usize; 2], children: Vec<Clause>) -> Clause {
        Clause {
            level,
            children,
            ..Clause::new(id, "", span)
        }
    }

    /// `clause_at` as it reads every candidate (the path for any tree).
    fn by_candidates(ctx: &Ctx, offset: usize) -> Option<String> {
        let upto = ctx.by_start.partition_point(|c| c.span[0] <= offset);
        let from = upto.saturating_sub(CLAUSE_AT_CANDIDATES);
        deepest_holder(&ctx.by_start[from..upto], offset).map(|c| c.id.clone())
    }

    #[test]
    fn clause_at_of_a_segmented_fixture_matches_the_candidate_search() {
        for name in crate::test_fixtures::NAMES {
            let raw = crate::test_fixtures::raw(name);
            let text = dpa_text::normalize(&raw);
            let tree = dpa_segment::segment(&text);
            let ctx = Ctx::new(&text, &tree);
            assert!(ctx.disjoint, "{name}: own spans overlap");
            for offset in 0..=text.text.len() {
                let fast = ctx.clause_at(offset).map(|c| c.id.clone());
                assert_eq!(fast, by_candidates(&ctx, offset), "{name} at {offset}");
            }
        }
    }

    #[test]
    fn overlapping_spans_take_the_deepest_holder() {
        let nt = NormalizedText::single_page("x".repeat(40), SourceFormat::Text);
        let inner = clause("b", 2, [5, 15], Vec::new());
        let empty = clause("c", 3, [12, 12], Vec::new());
        let tree = [clause("a", 1, [0, 30], vec![inner, empty])];
        let ctx = Ctx::new(&nt, &tree);
        assert!(!ctx.disjoint);
        assert_eq!(ctx.clause_at(3).map(|c| c.id.as_str()), Some("a"));
        assert_eq!(ctx.clause_at(12).map(|c| c.id.as_str()), Some("b"));
        assert_eq!(ctx.clause_at(20).map(|c| c.id.as_str()), Some("a"));
        assert_eq!(ctx.clause_at(35), None);
    }

    #[test]
    fn disjoint_spans_with_an_empty_one_between() {
        let nt = NormalizedText::single_page("x".repeat(40), SourceFormat::Text);
        let tree = [
            clause("a", 1, [0, 10], Vec::new()),
            clause("e", 1, [10, 10], Vec::new()),
            clause("b", 1, [12, 20], Vec::new()),
        ];
        let ctx = Ctx::new(&nt, &tree);
        assert!(ctx.disjoint);
        for offset in 0..25 {
            let fast = ctx.clause_at(offset).map(|c| c.id.clone());
            assert_eq!(fast, by_candidates(&ctx, offset), "at {offset}");
        }
        assert_eq!(ctx.clause_at(10), None);
        assert_eq!(ctx.clause_at(12).map(|c| c.id.as_str()), Some("b"));
    }
}
