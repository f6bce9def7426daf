//! Time segmentation on the fixture texts (MB/s) and on hostile inputs:
//! `cargo run --release -p dpa-segment --example segment_timing -- [CASE]`.
//! A CASE may also be the path of a (normalized) text file.
//! `SEGMENT_ITERS=N` sets the fixture passes (default 300).
//! `-- bench FILE` normalizes and segments FILE `SEGMENT_ITERS` times after
//! two warm-up passes; for a steady-state instruction profile run it under
//! `valgrind --tool=callgrind --collect-atstart=no
//! --toggle-collect='segment_timing::timed_segment'` (or `timed_normalize`).
//! With `SEGMENT_DUMP=DIR` a hostile case also writes its clauses to
//! `DIR/<case>.json` (to compare outputs before and after a change).

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
        Some("bench") => std::env::args().skip(2).for_each(|f| bench(&f)),
        Some(c) => run(c),
    }
}

fn run(case: &str) {
    // A case is a built-in hostile input or the path of a text file.
    let Some(text) = hostile(case).or_else(|| std::fs::read_to_string(case).ok()) else {
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
    if let Some(dir) = std::env::var_os("SEGMENT_DUMP") {
        let name = std::path::Path::new(case).file_name().unwrap_or_default();
        let out = std::path::Path::new(&dir).join(format!("{}.json", name.to_string_lossy()));
        let json = serde_json::json!({ "clauses": clauses });
        if let Err(e) = std::fs::write(&out, json.to_string()) {
            eprintln!("{}: {e}", out.display());
        }
    }
}

/// Normalize and segment a file again and again.
fn bench(path: &str) {
    let Ok(raw) = std::fs::read_to_string(path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let n = iterations(20);
    let nt = dpa_text::normalize(&raw);
    for _ in 0..2 {
        timed_normalize(&raw);
        timed_segment(&nt);
    }
    let t = Instant::now();
    for _ in 0..n {
        timed_normalize(&raw);
    }
    let normalize = t.elapsed() / n as u32;
    let t = Instant::now();
    for _ in 0..n {
        timed_segment(&nt);
    }
    let segment = t.elapsed() / n as u32;
    println!("{path}: normalize {normalize:?}, segment {segment:?} per document");
}

#[inline(never)]
fn timed_normalize(raw: &str) {
    std::hint::black_box(dpa_text::normalize(std::hint::black_box(raw)));
}

#[inline(never)]
fn timed_segment(nt: &NormalizedText) {
    std::hint::black_box(dpa_segment::segment(std::hint::black_box(nt)));
}

/// `SEGMENT_ITERS`, else `default`.
fn iterations(default: usize) -> usize {
    std::env::var("SEGMENT_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn fixtures() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/text");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    for p in paths {
        if let Ok(b) = std::fs::read(&p) {
            if let Ok(t) = dpa_text::from_plain(&b, &dpa_text::TextOptions::default()) {
                let name = p
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                docs.push((name, t));
            }
        }
    }
    let n = iterations(300);
    for (name, d) in &docs {
        let rate = throughput(std::slice::from_ref(d), n);
        println!("{name}: {} bytes: {rate:.1} MB/s", d.text.len());
    }
    let all: Vec<NormalizedText> = docs.into_iter().map(|(_, d)| d).collect();
    let bytes: usize = all.iter().map(|d| d.text.len()).sum();
    let rate = throughput(&all, n);
    println!("{} docs, {bytes} bytes: {rate:.1} MB/s", all.len());
}

/// MB/s of segmenting `docs` `n` times.
fn throughput(docs: &[NormalizedText], n: usize) -> f64 {
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let t = Instant::now();
    for _ in 0..n {
        for d in docs {
            std::hint::black_box(dpa_segment::segment(d));
        }
    }
    (bytes * n) as f64 / t.elapsed().as_secs_f64() / 1e6
}
