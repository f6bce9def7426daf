//! Check plain-text documents read as one clause per paragraph (no
//! segmentation, no fields): `cargo run -p dpa-check --example paragraphs -- OUTDIR FILE...`
//! writes `OUTDIR/<stem>.json` holding the model with its compliance section.

use dpa_check::{check, Lang};
use dpa_model::{Clause, Model, Source};
use std::path::Path;

fn paragraphs(text: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut pos = 0;
    for para in text.split("\n\n") {
        let start = pos;
        pos += para.len() + 2;
        if para.trim().is_empty() {
            continue;
        }
        let id = format!("p{}", out.len() + 1);
        out.push(Clause::new(id, para, [start, start + para.len()]));
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, files)) = args.split_first() else {
        eprintln!("usage: paragraphs OUTDIR FILE...");
        std::process::exit(2);
    };
    std::fs::create_dir_all(out)?;
    for f in files {
        let text = std::fs::read_to_string(f)?;
        let path = Path::new(f);
        let source = Source {
            file: Some(f.clone()),
            format: "text".into(),
            sha256: String::new(),
            pages: None,
            chars: 0,
        };
        let mut model = Model::empty(source);
        model.clauses = paragraphs(&text);
        model.compliance = check(&model, Lang::Nl);
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        std::fs::write(
            Path::new(out).join(format!("{stem}.json")),
            serde_json::to_string_pretty(&model)?,
        )?;
    }
    Ok(())
}
