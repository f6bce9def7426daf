//! Loading one model for `show` and `check`: analyze a `.pdf` / `.txt`, or
//! read a model `.json` written by `dpa convert`.

use crate::runner;
use std::path::Path;

/// The model of `path`; the error names the file and the cause.
pub fn load_model(path: &Path, opts: &dpa::Options) -> Result<dpa::Model, String> {
    if is_json(path) {
        return read_model_json(path);
    }
    runner::on_big_stack(|| runner::quietly(|| dpa::analyze_path(path, opts)))
        .map_err(|e| e.to_string())
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn read_model_json(path: &Path) -> Result<dpa::Model, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: not a dpa-model/1 JSON file: {e}", path.display()))
}
