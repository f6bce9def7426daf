//! Writing one output whole: a temporary file in the output folder, then a
//! rename over the final name. A reader never sees a partial JSON file.

use crate::interrupt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Write `bytes` to `dir/name` through a temporary file in `dir`.
pub fn write_whole(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let target = dir.join(name);
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    interrupt::register_temp(&temp);
    let result = write_then_rename(&temp, &target, bytes);
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    interrupt::unregister_temp(&temp);
    result.map(|()| target)
}

fn write_then_rename(temp: &Path, target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::File::create(temp)?;
    file.write_all(bytes)?;
    file.flush()?;
    drop(file);
    fs::rename(temp, target)
}

/// What to do about an output that may already exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// No output yet.
    Absent,
    /// The output is at least as new as the input: skip.
    UpToDate,
    /// The output is older than the input: overwrite.
    Older,
    /// The output exists and `--force` was given: overwrite.
    Forced,
}

/// Compare an existing output with its input.
pub fn existing(input: &Path, output: &Path, force: bool) -> Existing {
    let Some(out_time) = modified(output) else {
        return Existing::Absent;
    };
    if force {
        return Existing::Forced;
    }
    match modified(input) {
        Some(in_time) if out_time >= in_time => Existing::UpToDate,
        _ => Existing::Older,
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_whole(dir.path(), "a.json", b"{}\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{}\n");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.json"]);
    }

    #[test]
    fn freshness_compares_modification_times() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.txt");
        let output = dir.path().join("a.json");
        fs::write(&input, "x").unwrap();
        assert_eq!(existing(&input, &output, false), Existing::Absent);
        fs::write(&output, "{}").unwrap();
        let old = SystemTime::now() - std::time::Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(&output)
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert_eq!(existing(&input, &output, false), Existing::Older);
        assert_eq!(existing(&input, &output, true), Existing::Forced);
        let new = SystemTime::now() + std::time::Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(&output)
            .unwrap()
            .set_modified(new)
            .unwrap();
        assert_eq!(existing(&input, &output, false), Existing::UpToDate);
    }
}
