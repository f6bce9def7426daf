//! Times the whole text → model pipeline (`dpa::analyze_str`) on files,
//! after two warm-up passes: the first compiles the process-wide regexes
//! and registers the word lists, the second builds the automaton over them
//! (what a batch run pays once, on its first documents).
//!
//! `cargo run --release --example pipeline_timing -- FILE... [--reps N]`
//!
//! Steady-state instruction profile, split by stage:
//! `valgrind --tool=callgrind --collect-atstart=no
//! --toggle-collect='pipeline_timing::timed_analyze'
//! target/release/examples/pipeline_timing FILE --reps 20`

use std::time::Instant;

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
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--reps" {
            reps = args.next().and_then(|n| n.parse().ok()).expect("--reps N");
        } else {
            files.push(a);
        }
    }
    let opts = dpa::Options::default();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("readable UTF-8 file");
        analyze_once(&text, &opts);
        analyze_once(&text, &opts);
        let t = Instant::now();
        for _ in 0..reps {
            timed_analyze(&text, &opts);
        }
        let per = t.elapsed() / reps as u32;
        let mbps = text.len() as f64 / per.as_secs_f64() / 1e6;
        println!(
            "{f}: {} bytes, {per:?} per document, {mbps:.1} MB/s",
            text.len()
        );
    }
}
