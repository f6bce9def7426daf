//! Clause topics (`kind`) from the vocabularies in [`crate::vocab`].

use crate::vocab::TOPIC_TERMS;
use dpa_model::ClauseKind;
use regex::Regex;
use std::sync::LazyLock;

/// Every topic term, longest first, as one alternation of literals (the
/// word-start check is done on each match).
static TERMS: LazyLock<Regex> = LazyLock::new(|| {
    let mut terms: Vec<&str> = TOPIC_TERMS.iter().map(|t| t.0).collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let alts: Vec<String> = terms.iter().map(|t| regex::escape(t)).collect();
    Regex::new(&format!("({})", alts.join("|"))).expect("topic regex")
});

/// How much of a clause body is read for its topic.
const BODY_WINDOW: usize = 600;

/// A body names a topic only with an outright term (weight 3).
const BODY_MIN: u8 = 3;

/// Lower-case a text and fold every whitespace run into one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The score of one topic in a text.
#[derive(Debug, Clone, Copy)]
struct Score {
    kind: ClauseKind,
    /// Sum of the weights of every term found.
    total: u32,
    /// The weight of the most specific term found.
    top: u8,
    /// Byte offset of the first term found.
    first: usize,
}

/// Weighted topic scores of a folded text, in order of first appearance.
fn scores(folded: &str) -> Vec<Score> {
    let mut out: Vec<Score> = Vec::new();
    for m in TERMS.find_iter(folded) {
        let word_start = folded[..m.start()]
            .chars()
            .next_back()
            .map_or(true, |c| !c.is_alphanumeric());
        if !word_start {
            continue;
        }
        let Some(&(_, kind, weight)) = TOPIC_TERMS.iter().find(|t| t.0 == m.as_str()) else {
            continue;
        };
        match out.iter_mut().find(|s| s.kind == kind) {
            Some(e) => {
                e.total += u32::from(weight);
                e.top = e.top.max(weight);
            }
            None => out.push(Score {
                kind,
                total: u32::from(weight),
                top: weight,
                first: m.start(),
            }),
        }
    }
    out
}

/// The best topic whose most specific term weighs at least `min_top`.
fn best(scores: &[Score], min_top: u8) -> Option<ClauseKind> {
    let mut best: Option<Score> = None;
    for s in scores.iter().filter(|s| s.top >= min_top) {
        if best.map_or(true, |b| {
            s.total > b.total || (s.total == b.total && s.first < b.first)
        }) {
            best = Some(*s);
        }
    }
    best.map(|b| b.kind)
}

/// The topic a heading names (already folded).
pub fn classify_heading(folded: &str) -> Option<ClauseKind> {
    best(&scores(folded), 1)
}

/// The topic of a clause body when it names one outright.
pub fn classify_body(text: &str) -> Option<ClauseKind> {
    classify_body_in(text, None)
}

/// Like [`classify_body`], for a clause under a parent of topic `context`:
/// the context's own terms count extra and it wins ties.
pub fn classify_body_in(text: &str, context: Option<ClauseKind>) -> Option<ClauseKind> {
    let mut end = text.len().min(BODY_WINDOW);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut s = scores(&fold(&text[..end]));
    if let Some(ctx) = context {
        if let Some(e) = s.iter_mut().find(|e| e.kind == ctx) {
            e.total += CONTEXT_BONUS;
            e.first = 0;
        }
    }
    best(&s, BODY_MIN)
}

/// Extra weight for the parent's topic in a child's body.
const CONTEXT_BONUS: u32 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> Option<ClauseKind> {
        classify_heading(&fold(s))
    }

    #[test]
    fn headings_name_topics() {
        assert_eq!(h("Datalekken"), Some(ClauseKind::Breach));
        assert_eq!(h("Sub-verwerkers"), Some(ClauseKind::Subprocessors));
        assert_eq!(
            h("Geheimhouding en non-disclosure"),
            Some(ClauseKind::Confidentiality)
        );
        assert_eq!(h("Duur en beëindiging"), Some(ClauseKind::Termination));
        assert_eq!(h("Onderwerp, aard, doel en duur"), Some(ClauseKind::Scope));
        assert_eq!(h("Toepasselijk recht"), Some(ClauseKind::Law));
        assert_eq!(
            h("Rechten van betrokkenen"),
            Some(ClauseKind::DataSubjectRights)
        );
        assert_eq!(h("Doorgifte buiten de EER"), Some(ClauseKind::Transfers));
        assert_eq!(h("Beveiliging van gegevens"), Some(ClauseKind::Security));
        assert_eq!(h("Audit en informatie"), Some(ClauseKind::Audit));
        assert_eq!(h("Definities"), Some(ClauseKind::Definitions));
        assert_eq!(h("Aansprakelijkheid"), Some(ClauseKind::Liability));
        assert_eq!(h("Ondertekening"), Some(ClauseKind::Signature));
        assert_eq!(h("Instructies"), Some(ClauseKind::Instructions));
        assert_eq!(h("Tegenstrijdigheid"), Some(ClauseKind::Precedence));
        assert_eq!(h("Partijen"), Some(ClauseKind::Parties));
        assert_eq!(h("Bijlage A"), Some(ClauseKind::Annex));
        assert_eq!(h("Mogelijk"), None);
    }

    #[test]
    fn body_needs_an_outright_term() {
        assert_eq!(
            classify_body("Verwerker meldt een datalek binnen 24 uur."),
            Some(ClauseKind::Breach)
        );
        assert_eq!(
            classify_body("Verwerker verwerkt persoonsgegevens voor het doel."),
            None
        );
        assert_eq!(fold("Buiten de\nEER  x"), "buiten de eer x");
    }
}
