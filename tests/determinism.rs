//! The same input gives byte-identical JSON, run after run. (The CLI's
//! files are compared byte for byte in crates/dpa-cli/tests/cli.rs.)
//!
//! Runs differ inside: the first documents of a process search sentences
//! for the field stage's word lists and regex literals directly, later ones
//! read an index of the whole document built from the lists registered so
//! far. Comparing a file's first run with its second compares the two.

use std::path::{Path, PathBuf};

fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths = Vec::new();
    for folder in ["text", "pdf"] {
        if let Ok(entries) = std::fs::read_dir(root.join(folder)) {
            paths.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| dpa::Format::from_path(p).is_some()),
            );
        }
    }
    paths.sort();
    paths
}

fn pretty(path: &Path) -> Option<String> {
    let model = dpa::analyze_path(path, &dpa::Options::default()).ok()?;
    Some(serde_json::to_string_pretty(&model).unwrap())
}

#[test]
fn analyzing_twice_gives_identical_json() {
    let paths = fixture_files();
    assert!(!paths.is_empty());
    let mut compared = 0;
    for path in paths {
        if path.file_name().is_some_and(|n| n == "large-200-pages.pdf") {
            continue; // slow in debug builds; covered by the batch benchmark
        }
        let first = pretty(&path);
        assert_eq!(first, pretty(&path), "{}", path.display());
        compared += usize::from(first.is_some());
    }
    assert!(
        compared >= 2,
        "at least the two text fixtures were compared"
    );
}

#[test]
fn the_same_bytes_under_another_name_differ_only_in_the_file_name() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/text/lucidon-verwerkersovereenkomst.txt");
    let bytes = std::fs::read(&path).unwrap();
    let opts = dpa::Options::default();
    let a = dpa::analyze_bytes(&bytes, dpa::Format::Text, Some("a.txt"), &opts).unwrap();
    let mut b = dpa::analyze_bytes(&bytes, dpa::Format::Text, Some("b.txt"), &opts).unwrap();
    b.source.file = Some("a.txt".to_string());
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}
