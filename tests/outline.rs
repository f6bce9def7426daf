//! The clause outline (id, number, heading, kind, page) of every fixture,
//! as reviewed insta snapshots, and the span invariant of every clause:
//! `clause.text == normalized.text[clause.span]`.
//!
//! Fixtures: `fixtures/text/*.txt` and the readable `fixtures/pdf/*.pdf`
//! (files the text stage rejects, e.g. a password-protected PDF without the
//! password, have no outline; stress files over 50 pages are not snapshotted).

use dpa::model::Clause;
use std::path::{Path, PathBuf};

/// Largest document whose outline is snapshotted (pages).
const MAX_PAGES: usize = 50;

fn fixture_files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)));
    out.sort();
    out
}

fn flatten(clauses: &[Clause]) -> Vec<&Clause> {
    clauses.iter().flat_map(|c| c.descendants()).collect()
}

/// One line per clause: indentation by level, id, number, heading, kind, page.
fn render(clauses: &[Clause]) -> String {
    let mut out = String::new();
    for c in flatten(clauses) {
        let indent = "  ".repeat(c.level.saturating_sub(1) as usize);
        let kind = c
            .kind
            .map(|k| format!("{k:?}"))
            .unwrap_or_else(|| "-".into());
        let page = c.page.map_or_else(|| "-".into(), |p| p.to_string());
        out.push_str(&format!(
            "{indent}{} | {} | {} | {kind} | p{page}\n",
            c.id,
            c.number.as_deref().unwrap_or("-"),
            c.heading.as_deref().unwrap_or("-"),
        ));
    }
    out
}

fn check(path: &Path, format: dpa::Format) {
    let Ok(bytes) = std::fs::read(path) else {
        return;
    };
    let Ok(text) = dpa::extract_text(&bytes, format, &dpa::Options::default()) else {
        return;
    };
    if text.pages.len() > MAX_PAGES {
        return;
    }
    let clauses = dpa::segment::segment(&text);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    assert!(!clauses.is_empty(), "{name}: no clauses");
    let mut ids = std::collections::BTreeSet::new();
    for c in flatten(&clauses) {
        assert_eq!(
            text.text.get(c.span[0]..c.span[1]),
            Some(c.text.as_str()),
            "{name}: span of {}",
            c.id
        );
        assert!(ids.insert(c.id.clone()), "{name}: duplicate id {}", c.id);
    }
    insta::assert_snapshot!(format!("outline__{name}"), render(&clauses));
}

#[test]
fn text_fixture_outlines() {
    let files = fixture_files("text", "txt");
    assert!(!files.is_empty(), "no text fixtures");
    for f in files {
        check(&f, dpa::Format::Text);
    }
}

#[test]
fn pdf_fixture_outlines() {
    for f in fixture_files("pdf", "pdf") {
        check(&f, dpa::Format::Pdf);
    }
}
