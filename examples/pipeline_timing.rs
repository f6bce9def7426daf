//! Times the whole text → model pipeline (`dpa::analyze_str`) on files,
//! after two warm-up passes: the first compiles the process-wide regexes
//! and registers the word lists, the second builds the automaton over them
//! (what a batch run pays once, on its first documents).
//!
//! `cargo run --release --example pipeline_timing -- FILE... [--reps N] [--stages]`
//!
//! With `--stages` it prints the wall time of each stage (normalize,
//! segment, fields, check, dropping the model) instead, the files' runs
//! interleaved so that a change of the machine's speed hits them alike.
//!
//! Steady-state instruction profile, split by stage:
//! `valgrind --tool=callgrind --collect-atstart=no
//! --toggle-collect='pipeline_timing::timed_analyze'
//! target/release/examples/pipeline_timing FILE --reps 20`

use std::time::{Duration, Instant};

#[inline(never)]
fn timed_analyze(text: &str, opts: &dpa::Options) {
    analyze_once(text, opts);
}

#[inline(never)]
fn analyze_once(text: &str, opts: &dpa::Options) {
    std::hint::black_box(dpa::analyze_str(std::hint::black_box(text), opts));
}

fn main() {
    let mut files = Vec::new();
    let mut reps = 100usize;
    let mut stages = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--reps" => reps = args.next().and_then(|n| n.parse().ok()).expect("--reps N"),
            "--stages" => stages = true,
            _ => files.push(a),
        }
    }
    let opts = dpa::Options::default();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("readable UTF-8 file"))
        .collect();
    for text in &texts {
        analyze_once(text, &opts);
        analyze_once(text, &opts);
    }
    if stages {
        time_stages(&files, &texts, reps, &opts);
        return;
    }
    for (f, text) in files.iter().zip(&texts) {
        let t = Instant::now();
        for _ in 0..reps {
            timed_analyze(text, &opts);
        }
        let per = t.elapsed() / reps as u32;
        let mbps = text.len() as f64 / per.as_secs_f64() / 1e6;
        println!(
            "{f}: {} bytes, {per:?} per document, {mbps:.1} MB/s",
            text.len()
        );
    }
}

/// The stages' mean wall times over `reps` interleaved runs of each text.
fn time_stages(files: &[String], texts: &[String], reps: usize, opts: &dpa::Options) {
    let mut sums = vec![[Duration::ZERO; 5]; texts.len()];
    for _ in 0..reps {
        for (text, sum) in texts.iter().zip(&mut sums) {
            for (total, took) in sum.iter_mut().zip(stage_times(text, opts)) {
                *total += took;
            }
        }
    }
    for (f, sum) in files.iter().zip(&sums) {
        let ms = |d: &Duration| d.as_secs_f64() * 1e3 / reps as f64;
        let per: Vec<String> = sum.iter().map(|d| format!("{:.3}", ms(d))).collect();
        let total: f64 = sum.iter().map(ms).sum();
        println!(
            "{f}: normalize {} segment {} fields {} check {} drop {} ms; total {total:.3} ms",
            per[0], per[1], per[2], per[3], per[4]
        );
    }
}

/// One run of the pipeline on `raw`: the time of each stage.
fn stage_times(raw: &str, opts: &dpa::Options) -> [Duration; 5] {
    let s = Instant::now();
    let text = dpa_text::normalize(raw);
    let a = Instant::now();
    let mut model = dpa_model::Model::empty(dpa_model::Source::default());
    model.clauses = dpa_segment::segment(&text);
    let b = Instant::now();
    dpa_fields::extract(&text, &mut model);
    let c = Instant::now();
    model.compliance = dpa_check::check(&model, opts.lang);
    let d = Instant::now();
    drop(std::hint::black_box(model));
    let e = Instant::now();
    [a - s, b - a, c - b, d - c, e - d]
}
