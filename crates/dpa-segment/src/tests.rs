//! Unit tests with hand-written Dutch snippets.

use super::*;
use dpa_model::SourceFormat;

fn seg(text: &str) -> Vec<Clause> {
    segment(&NormalizedText::single_page(text.to_string(), SourceFormat::Text))
}

fn flat(text: &str) -> Vec<(String, Option<String>, u32)> {
    outline(&seg(text)).into_iter().map(|e| (e.id, e.number, e.level)).collect()
}

fn ids(text: &str) -> Vec<String> {
    outline(&seg(text)).into_iter().map(|e| e.id).collect()
}

#[test]
fn numbered_headings_and_subclauses() {
    let t = "1. Doel van de verwerking\n\n1.1 Verwerker verwerkt gegevens.\n\n1.2 Niet voor eigen doeleinden.\n\n2. Datalekken\n\n2.1 Verwerker meldt binnen\n24 uur na ontdekking een datalek.\n";
    let c = seg(t);
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].heading.as_deref(), Some("Doel van de verwerking"));
    assert_eq!(c[0].children.len(), 2);
    assert_eq!(c[0].children[0].heading, None);
    assert_eq!(c[1].kind, Some(ClauseKind::Breach));
    assert_eq!(c[1].children[0].id, "2.1");
    assert!(c[1].children[0].text.ends_with("een datalek."));
}
