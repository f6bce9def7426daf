//! The project's own test input, the two customer documents
//! (`fixtures/text/`), as the crate's tests read them.

use std::path::PathBuf;

/// The file names of the customer fixtures.
pub(crate) const NAMES: [&str; 2] = [
    "lucidon-verwerkersovereenkomst.txt",
    "lucrasoft-data-pro-statement.txt",
];

/// The text of fixture `name` as stored.
pub(crate) fn raw(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/text");
    std::fs::read_to_string(dir.join(name)).expect("fixture")
}

/// The texts of all fixtures as stored.
pub(crate) fn raw_texts() -> Vec<String> {
    NAMES.iter().map(|name| raw(name)).collect()
}
