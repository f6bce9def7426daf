//! Time segmentation on the fixture texts (MB/s) and on hostile inputs:
//! `cargo run --release -p dpa-segment --example segment_timing -- [CASE]`.

use dpa_model::{NormalizedText, SourceFormat};
use std::time::Instant;

fn hostile(name: &str) -> Option<String> {
    let s = match name {
        "single-line" => "Verwerker meldt een datalek. ".repeat(10_000_000 / 29),
        "one-word" => "a".repeat(10_000_000),
        "dots" => "1.".repeat(2_500_000),
        "short-lines" => "a\n".repeat(2_000_000),
        "subclauses" => {
            let mut s = String::from("1. Beveiliging\n\n");
            s.push_str(&"1.1 Verwerker meldt.\n".repeat(100_000));
            s
        }
        "numbered" => (1..=50_000).map(|i| format!("{i}. Verwerker\n")).collect(),
        "tabs" => (0..200).map(|_| "cel\t".repeat(10_000) + "\n").collect(),
        "pattern" => "1.\n1.1\n1.1.1\n".repeat(10_000),
        "levels" => {
            let n: Vec<String> = (0..2000).map(|_| "1".to_string()).collect();
            format!("{} Kop\n{} Tekst\n", n.join("."), n.join("."))
        }
        "artikel" => "Artikel 1\n".repeat(50_000),
        "euro" => "€".repeat(1_000_000),
        _ => return None,
    };
    Some(s)
}

const CASES: &[&str] = &[
    "single-line",
    "one-word",
    "dots",
    "short-lines",
    "subclauses",
    "numbered",
    "tabs",
    "pattern",
    "levels",
    "artikel",
    "euro",
];

fn main() {
    let arg = std::env::args().nth(1);
    match arg.as_deref() {
        None | Some("fixtures") => fixtures(),
        Some("all") => CASES.iter().for_each(|c| run(c)),
        Some(c) => run(c),
    }
}

fn run(case: &str) {
    let Some(text) = hostile(case) else {
        eprintln!("unknown case {case}");
        return;
    };
    let nt = NormalizedText::single_page(text, SourceFormat::Text);
    let t = Instant::now();
    let clauses = dpa_segment::segment(&nt);
    println!(
        "{case:12} {:8.1} ms  {} roots",
        t.elapsed().as_secs_f64() * 1e3,
        clauses.len()
    );
}

fn fixtures() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/text");
    let mut docs = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "txt") {
            if let Ok(b) = std::fs::read(&p) {
                if let Ok(t) = dpa_text::from_plain(&b, &dpa_text::TextOptions::default()) {
                    docs.push(t);
                }
            }
        }
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let n = 300;
    let t = Instant::now();
    for _ in 0..n {
        for d in &docs {
            std::hint::black_box(dpa_segment::segment(d));
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{} docs, {bytes} bytes: {:.1} MB/s",
        docs.len(),
        (bytes * n) as f64 / s / 1e6
    );
}
