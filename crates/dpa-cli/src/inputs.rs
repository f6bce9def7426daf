//! Collecting the input files of `convert`: files and folders (recursive),
//! `.pdf` and `.txt` only, in sorted order, each file once.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The files found for a list of command line inputs.
#[derive(Debug, Default)]
pub struct Collected {
    /// Supported files, sorted by path, each file once.
    pub files: Vec<PathBuf>,
    /// Files skipped because of their extension (or not regular files).
    pub unsupported: Vec<PathBuf>,
    /// Inputs or folder entries that could not be read.
    pub unreadable: Vec<(PathBuf, io::Error)>,
}

/// Collect the files of `inputs` (files and folders, folders recursively).
pub fn collect(inputs: &[PathBuf]) -> Collected {
    let mut found = Collected::default();
    let mut visited_dirs = BTreeSet::new();
    for input in inputs {
        match fs::metadata(input) {
            Ok(meta) if meta.is_dir() => walk(input, &mut visited_dirs, &mut found),
            Ok(meta) => classify(input, meta.is_file(), &mut found),
            Err(e) => found.unreadable.push((input.clone(), e)),
        }
    }
    sort_and_dedup(&mut found.files);
    found.unsupported.sort();
    found.unsupported.dedup();
    found
}

fn classify(path: &Path, regular: bool, found: &mut Collected) {
    if regular && dpa::Format::from_path(path).is_some() {
        found.files.push(path.to_path_buf());
    } else {
        found.unsupported.push(path.to_path_buf());
    }
}

/// Walk a folder in sorted order, following symlinks but never entering a
/// folder twice (symlink loops).
fn walk(dir: &Path, visited: &mut BTreeSet<PathBuf>, found: &mut Collected) {
    let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(key) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return found.unreadable.push((dir.to_path_buf(), e)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(e) => found.unreadable.push((dir.to_path_buf(), e)),
        }
    }
    paths.sort();
    for path in paths {
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, visited, found),
            Ok(meta) => classify(&path, meta.is_file(), found),
            Err(e) => found.unreadable.push((path, e)),
        }
    }
}

/// Sort by path and drop the same file named twice (also via `./` or a symlink).
fn sort_and_dedup(files: &mut Vec<PathBuf>) {
    files.sort();
    let mut seen = BTreeSet::new();
    files.retain(|p| seen.insert(fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_recursively_in_sorted_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub")).unwrap();
        for name in ["b.txt", "a.pdf", "sub/c.TXT", "notes.docx", "sub/d"] {
            fs::write(root.join(name), "x").unwrap();
        }
        let found = collect(&[root.to_path_buf(), root.join("b.txt")]);
        let names: Vec<_> = found
            .files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            [
                PathBuf::from("a.pdf"),
                PathBuf::from("b.txt"),
                PathBuf::from("sub/c.TXT")
            ]
        );
        assert_eq!(
            found.unsupported,
            [root.join("notes.docx"), root.join("sub/d")]
        );
        assert!(found.unreadable.is_empty());
    }

    #[test]
    fn missing_inputs_are_unreadable() {
        let found = collect(&[PathBuf::from("/definitely/not/here.pdf")]);
        assert!(found.files.is_empty());
        assert_eq!(found.unreadable.len(), 1);
    }
}
