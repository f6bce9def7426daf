//! Wall time per pipeline stage (normalize, segment, fields, check, drop)
//! on files, interleaved, after warm-up.
//!
//! `cargo run --release --example stage_timing -- FILE... [--reps N]`

use std::time::{Duration, Instant};

fn main() {
    let mut files = Vec::new();
    let mut reps = 500usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--reps" {
            reps = args.next().and_then(|n| n.parse().ok()).expect("--reps N");
        } else {
            files.push(a);
        }
    }
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("readable UTF-8 file"))
        .collect();
    let opts = dpa::Options::default();
    for t in &texts {
        dpa::analyze_str(t, &opts);
        dpa::analyze_str(t, &opts);
    }
    let mut sums = vec![[Duration::ZERO; 5]; texts.len()];
    for _ in 0..reps {
        for (t, sum) in texts.iter().zip(&mut sums) {
            let s = Instant::now();
            let text = dpa_text::normalize(t);
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
            for (i, x) in [a - s, b - a, c - b, d - c, e - d].into_iter().enumerate() {
                sum[i] += x;
            }
        }
    }
    for (f, sum) in files.iter().zip(&sums) {
        let per: Vec<String> = sum
            .iter()
            .map(|d| format!("{:.3}", d.as_secs_f64() * 1e3 / reps as f64))
            .collect();
        let total: f64 = sum.iter().map(|d| d.as_secs_f64()).sum::<f64>() * 1e3 / reps as f64;
        println!(
            "{f}: normalize {} segment {} fields {} check {} drop {} ms; total {total:.3} ms",
            per[0], per[1], per[2], per[3], per[4]
        );
    }
}
