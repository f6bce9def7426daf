//! The `dpa` command line tool (thin binary over the `dpa` library).
//! Walking skeleton: `dpa convert INPUT... -o OUTDIR`, `dpa schema`.

use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("schema") => println!("{}", serde_json::to_string_pretty(&dpa::json_schema()).unwrap()),
        Some("convert") => convert(&args[1..]),
        _ => eprintln!("usage: dpa convert INPUT... -o OUTDIR | dpa schema"),
    }
}

fn convert(args: &[String]) {
    let mut inputs = Vec::new();
    let mut out = PathBuf::from("out");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "-o" {
            out = PathBuf::from(it.next().expect("-o needs a folder"));
        } else {
            collect(Path::new(a), &mut inputs);
        }
    }
    std::fs::create_dir_all(&out).unwrap();
    for input in inputs {
        match dpa::analyze_path(&input, &dpa::Options::default()) {
            Ok(model) => {
                let stem = input.file_stem().unwrap().to_string_lossy().into_owned();
                let json = serde_json::to_string_pretty(&model).unwrap();
                std::fs::write(out.join(format!("{stem}.json")), json).unwrap();
            }
            Err(e) => eprintln!("error: {e}"),
        }
    }
}

fn collect(path: &Path, inputs: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path).unwrap().flatten().map(|e| e.path()).collect();
        entries.sort();
        for e in entries {
            collect(&e, inputs);
        }
    } else if dpa::Format::from_path(path).is_some() {
        inputs.push(path.to_path_buf());
    }
}
