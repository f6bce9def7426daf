//! Time the check stage alone on models built by the real pipeline
//! (normalize, segment, fields).
//!
//! ```text
//! cargo run -p dpa-check --release --example timing -- [--iters N] [--dump DIR] [FILE...]
//! cargo run -p dpa-check --example timing -- --hostile [NAME...] [--dump DIR]
//! ```
//!
//! Without files it times the two customer fixtures of `fixtures/text`.
//! `--hostile` times generated hostile inputs (huge clauses, lines, tables;
//! run it in a debug build, as CI runs the tests). `--dump DIR` writes
//! each compliance section as `DIR/<name>.json` (to compare runs with `diff -r`);
//! `--save-models DIR` writes each model as it was before the check, and a
//! `.json` FILE is read as such a model (the check alone, independent of
//! changes to the earlier stages).

use dpa_check::{check, Lang};
use dpa_model::{Clause, Compliance, Model, Source};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Makes one hostile input.
type Generator = fn() -> String;

/// The hostile inputs: a name and its generator.
const HOSTILE: &[(&str, Generator)] = &[
    ("a_10mb_one_clause", || "a".repeat(10_000_000)),
    ("numbering_line_5mb", || "1.".repeat(2_500_000)),
    ("tab_cells_200x10000", || {
        let row = format!("{}cel\n", "cel\t".repeat(9_999));
        row.repeat(200)
    }),
    ("short_lines_2m", || "ab\n".repeat(2_000_000)),
    ("artikel_headings_50k", || "Artikel 1\n".repeat(50_000)),
    ("verwerker_meldt_100k", || {
        "1.1 Verwerker meldt.\n".repeat(100_000)
    }),
    ("rtl_bidi_300kb", || {
        let piece = "\u{202B}المعالج يبلغ عن خرق البيانات\u{202C} \u{200F}המעבד מודיע\u{200E}. ";
        piece.repeat(300_000 / piece.len() + 1)
    }),
    ("euro_1m", || "€".repeat(1_000_000)),
    ("cr_only_1mb", || {
        "Verwerker meldt een datalek binnen 48 uur.\r".repeat(1_000_000 / 43 + 1)
    }),
    ("impossible_dates_20k", || {
        "Ingangsdatum 31-02-2023, 32 januari 2024, 99/99/9999 en 0 uur na 30 februari.\n"
            .repeat(20_000)
    }),
];

struct Args {
    iters: usize,
    dump: Option<PathBuf>,
    save_models: Option<PathBuf>,
    hostile: bool,
    names: Vec<String>,
}

fn parse_args() -> Args {
    let mut a = Args {
        iters: 200,
        dump: None,
        save_models: None,
        hostile: false,
        names: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--iters" => a.iters = it.next().and_then(|n| n.parse().ok()).unwrap_or(200),
            "--dump" => a.dump = it.next().map(PathBuf::from),
            "--save-models" => a.save_models = it.next().map(PathBuf::from),
            "--hostile" => a.hostile = true,
            _ => a.names.push(arg),
        }
    }
    a
}

fn source() -> Source {
    Source {
        file: None,
        format: "text".into(),
        sha256: String::new(),
        pages: None,
        chars: 0,
    }
}

/// The model as the pipeline builds it before the check, and the time that
/// took; a `.json` input is a model saved by `--save-models`.
fn build_model(raw: &str, saved: bool) -> (Model, Duration) {
    let start = Instant::now();
    if saved {
        let model = serde_json::from_str(raw).unwrap_or_else(|e| {
            eprintln!("not a model: {e}");
            Model::empty(source())
        });
        return (model, start.elapsed());
    }
    let text = dpa_text::normalize(raw);
    let mut model = Model::empty(source());
    model.clauses = dpa_segment::segment(&text);
    dpa_fields::extract(&text, &mut model);
    (model, start.elapsed())
}

/// CPU time of this thread so far (Linux `/proc/thread-self/schedstat`):
/// unlike wall time it does not grow while other processes have the core.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The check run `iters` times: its result, the fastest and median wall
/// time, and the mean CPU time.
fn time_check(model: &Model, iters: usize) -> (Compliance, Duration, Duration, Option<Duration>) {
    let n = iters.max(1);
    let mut times = Vec::with_capacity(n);
    let mut result = Compliance::default();
    // One untimed run first: the rule patterns a document needs are
    // compiled on first use.
    check(model, Lang::Nl);
    let cpu_start = cpu_time();
    for _ in 0..n {
        let start = Instant::now();
        result = timed_check(model);
        times.push(start.elapsed());
    }
    let cpu = cpu_start
        .zip(cpu_time())
        .map(|(a, b)| (b.saturating_sub(a)) / n as u32);
    times.sort();
    (result, times[0], times[n / 2], cpu)
}

/// One check, steady state (profile with
/// `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='timing::timed_check'`).
#[inline(never)]
fn timed_check(model: &Model) -> Compliance {
    check(model, Lang::Nl)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn dump(dir: &Option<PathBuf>, name: &str, json: impl FnOnce() -> String) {
    let Some(dir) = dir else { return };
    let json = json();
    if let Err(e) = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(dir.join(format!("{name}.json")), json))
    {
        eprintln!("cannot write {name}: {e}");
    }
}

fn run(name: &str, raw: &str, saved: bool, args: &Args, iters: usize) {
    let (model, build) = build_model(raw, saved);
    dump(&args.save_models, name, || pretty(&model));
    let (c, min, median, cpu) = time_check(&model, iters);
    println!(
        "{name:<28} {:>9} B {:>7} clauses  pipeline {:>9.1} ms  check min {:>9.3} ms  median {:>9.3} ms  cpu {:>9.3} ms",
        raw.len(),
        count_clauses(&model.clauses),
        ms(build),
        ms(min),
        ms(median),
        cpu.map_or(f64::NAN, ms)
    );
    dump(&args.dump, name, || pretty(&c));
}

fn pretty<T: ?Sized + serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn count_clauses(tree: &[Clause]) -> usize {
    tree.iter().map(|c| 1 + count_clauses(&c.children)).sum()
}

fn default_files() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/text");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path().to_string_lossy().into_owned())
                .filter(|p| p.ends_with(".txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Compile the rule tables (lazily built on the first check) before timing.
fn warm_up() {
    let start = Instant::now();
    let (model, _) = build_model("Verwerker meldt:\n• een datalek; en\nPartij\tLand", false);
    check(&model, Lang::Nl);
    println!(
        "warm-up (rules compiled)    {:>9.1} ms",
        ms(start.elapsed())
    );
}

fn main() {
    let args = parse_args();
    warm_up();
    if args.hostile {
        for (name, make) in HOSTILE {
            if args.names.is_empty() || args.names.iter().any(|n| n == name) {
                run(name, &make(), false, &args, 1);
            }
        }
        return;
    }
    let files = if args.names.is_empty() {
        default_files()
    } else {
        args.names.clone()
    };
    for f in &files {
        let Ok(raw) = std::fs::read_to_string(f) else {
            eprintln!("cannot read {f}");
            continue;
        };
        let stem = Path::new(f)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        run(&stem, &raw, f.ends_with(".json"), &args, args.iters);
    }
}
