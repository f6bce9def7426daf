//! Segment every `.txt` / `.pdf` of a folder through the text stage and write
//! `OUT/<stem>.json` holding `{"clauses": [...]}` (enough for the scorer's
//! `numbers` checks): `cargo run -p dpa-segment --example segment_dir -- IN OUT`.

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out] = args.as_slice() else {
        eprintln!("usage: segment_dir IN_DIR OUT_DIR");
        std::process::exit(2);
    };
    let Ok(entries) = std::fs::read_dir(input) else {
        eprintln!("{input}: cannot read");
        std::process::exit(1);
    };
    let _ = std::fs::create_dir_all(out);
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if let Err(e) = convert(&path, Path::new(out)) {
            eprintln!("{}: {e}", path.display());
        }
    }
}

fn convert(path: &Path, out: &Path) -> Result<(), String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let opts = dpa_text::TextOptions::default();
    let text = match ext {
        "txt" => dpa_text::from_plain(&bytes, &opts),
        "pdf" => dpa_text::from_pdf(&bytes, &opts),
        _ => return Ok(()),
    }
    .map_err(|e| e.to_string())?;
    let clauses = dpa_segment::segment(&text);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("out");
    let json = serde_json::json!({ "clauses": clauses });
    std::fs::write(out.join(format!("{stem}.json")), json.to_string())
        .map_err(|e| e.to_string())?;
    let txt = out.join(format!("{stem}.normalized.txt"));
    std::fs::write(txt, &text.text).map_err(|e| e.to_string())
}
