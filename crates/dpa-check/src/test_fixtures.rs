//! The customer documents the unit tests read (the project's own
//! fixtures, `fixtures/text/`): none when they are absent.

use dpa_model::Clause;

/// The fixtures' file names.
const NAMES: [&str; 2] = [
    "lucidon-verwerkersovereenkomst.txt",
    "lucrasoft-data-pro-statement.txt",
];

/// A level-1 clause `id` whose own text is `text` (all of it), without
/// number, heading or children.
pub(crate) fn clause(id: &str, text: &str) -> Clause {
    Clause::new(id, text, [0, text.len()])
}

/// The raw text of fixture `name` (empty when absent).
pub(crate) fn raw(name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/text");
    std::fs::read_to_string(dir.join(name)).unwrap_or_default()
}

/// The raw texts of the fixtures that are present.
pub(crate) fn raw_texts() -> Vec<String> {
    NAMES
        .iter()
        .map(|name| raw(name))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The clause trees of the fixtures that are present.
pub(crate) fn trees() -> Vec<Vec<Clause>> {
    raw_texts()
        .iter()
        .map(|raw| dpa_segment::segment(&dpa_text::normalize(raw)))
        .collect()
}
