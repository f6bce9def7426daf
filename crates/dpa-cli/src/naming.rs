//! Output names of `convert`: `<file stem>.json`, collisions resolved
//! deterministically in sorted input order (later files get `<stem>-2`, ...).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One input with its output file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub input: PathBuf,
    /// `<stem>.json` or `<stem>-N.json`.
    pub output_name: String,
    /// The earlier input that holds `<stem>.json` when this one was renamed.
    pub collided_with: Option<PathBuf>,
}

/// Name the outputs of `inputs` (already in sorted order). The first input
/// with a stem gets `<stem>.json`; a later one with the same stem (compared
/// case-insensitively, for case-insensitive file systems) gets the lowest
/// free `<stem>-N.json`, N ≥ 2.
pub fn plan(inputs: &[PathBuf]) -> Vec<Planned> {
    let stems: Vec<String> = inputs.iter().map(|p| stem_of(p)).collect();
    let mut owner: BTreeMap<String, usize> = BTreeMap::new();
    for (i, stem) in stems.iter().enumerate() {
        owner.entry(stem.to_lowercase()).or_insert(i);
    }
    let mut planned = Vec::with_capacity(inputs.len());
    for (i, (input, stem)) in inputs.iter().zip(&stems).enumerate() {
        let first = owner[&stem.to_lowercase()];
        let (name, collided_with) = if first == i {
            (stem.clone(), None)
        } else {
            (
                claim_numbered(stem, i, &mut owner),
                Some(inputs[first].clone()),
            )
        };
        planned.push(Planned {
            input: input.clone(),
            output_name: format!("{name}.json"),
            collided_with,
        });
    }
    planned
}

fn claim_numbered(stem: &str, index: usize, owner: &mut BTreeMap<String, usize>) -> String {
    let mut n = 2u64;
    loop {
        let candidate = format!("{stem}-{n}");
        if let std::collections::btree_map::Entry::Vacant(slot) =
            owner.entry(candidate.to_lowercase())
        {
            slot.insert(index);
            return candidate;
        }
        n += 1;
    }
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "document".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(inputs: &[&str]) -> Vec<String> {
        let inputs: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
        plan(&inputs).into_iter().map(|p| p.output_name).collect()
    }

    #[test]
    fn distinct_stems_keep_their_names() {
        assert_eq!(names(&["a/x.pdf", "a/y.txt"]), ["x.json", "y.json"]);
    }

    #[test]
    fn later_inputs_get_numbered_names() {
        assert_eq!(
            names(&["a/x.pdf", "a/x.txt", "b/X.pdf"]),
            ["x.json", "x-2.json", "X-3.json"]
        );
    }

    #[test]
    fn numbered_names_skip_real_stems() {
        assert_eq!(
            names(&["a/x-2.txt", "a/x.pdf", "b/x.pdf"]),
            ["x-2.json", "x.json", "x-3.json"]
        );
    }

    #[test]
    fn collisions_name_the_first_holder() {
        let inputs = [PathBuf::from("a/x.pdf"), PathBuf::from("b/x.pdf")];
        let planned = plan(&inputs);
        assert_eq!(planned[0].collided_with, None);
        assert_eq!(
            planned[1].collided_with.as_deref(),
            Some(Path::new("a/x.pdf"))
        );
    }
}
