//! Clause topics (`kind`) from the vocabularies in [`crate::vocab`].

use crate::vocab::TOPIC_TERMS;
use dpa_model::ClauseKind;
use regex::Regex;
use std::sync::LazyLock;

/// Every topic term, longest first, as one alternation that matches at the
/// start of a word.
static TERMS: LazyLock<Regex> = LazyLock::new(|| {
    let mut terms: Vec<&str> = TOPIC_TERMS.iter().map(|t| t.0).collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let alts: Vec<String> = terms.iter().map(|t| regex::escape(t)).collect();
    Regex::new(&format!(r"(?:^|[^\p{{L}}\p{{N}}])({})", alts.join("|"))).expect("topic regex")
});

/// How much of a clause body is read for its topic.
const BODY_WINDOW: usize = 600;

/// The minimum body score for a topic (one outright term).
const BODY_MIN: u32 = 3;

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
        out.extend(c.to_lowercase());
    }
    out
}

/// Weighted topic scores of a folded text, in order of first appearance.
fn scores(folded: &str) -> Vec<(ClauseKind, u32, usize)> {
    let mut out: Vec<(ClauseKind, u32, usize)> = Vec::new();
    for c in TERMS.captures_iter(folded) {
        let Some(m) = c.get(1) else { continue };
        let Some(&(_, kind, weight)) = TOPIC_TERMS.iter().find(|t| t.0 == m.as_str()) else { continue };
        match out.iter_mut().find(|(k, _, _)| *k == kind) {
            Some(e) => e.1 += u32::from(weight),
            None => out.push((kind, u32::from(weight), m.start())),
        }
    }
    out
}

fn best(scores: &[(ClauseKind, u32, usize)], min: u32) -> Option<ClauseKind> {
    let mut best: Option<(ClauseKind, u32, usize)> = None;
    for &(k, s, pos) in scores {
        if s >= min && best.map_or(true, |(_, bs, bp)| s > bs || (s == bs && pos < bp)) {
            best = Some((k, s, pos));
        }
    }
    best.map(|b| b.0)
}

/// The topic a heading names (already folded).
pub fn classify_heading(folded: &str) -> Option<ClauseKind> {
    best(&scores(folded), 1)
}

/// The topic of a clause body when it names one outright.
pub fn classify_body(text: &str) -> Option<ClauseKind> {
    let mut end = text.len().min(BODY_WINDOW);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    best(&scores(&fold(&text[..end])), BODY_MIN)
}

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
        assert_eq!(h("Geheimhouding en non-disclosure"), Some(ClauseKind::Confidentiality));
        assert_eq!(h("Duur en beëindiging"), Some(ClauseKind::Termination));
        assert_eq!(h("Onderwerp, aard, doel en duur"), Some(ClauseKind::Scope));
        assert_eq!(h("Toepasselijk recht"), Some(ClauseKind::Law));
        assert_eq!(h("Rechten van betrokkenen"), Some(ClauseKind::DataSubjectRights));
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
        assert_eq!(classify_body("Verwerker meldt een datalek binnen 24 uur."), Some(ClauseKind::Breach));
        assert_eq!(classify_body("Verwerker verwerkt persoonsgegevens voor het doel."), None);
        assert_eq!(fold("Buiten de\nEER  x"), "buiten de eer x");
    }
}
