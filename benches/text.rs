//! Text-stage benchmark: PDF → normalized text (and PDF → model) on the
//! fixtures, against poppler's `pdftotext` in the same run.
//!
//! `cargo bench --bench text` — criterion timings, then a summary with the
//! ratio to `pdftotext` (ours / theirs, ≤ 1.0 is faster), pages per second
//! and peak heap while reading each file (after one warm-up pass, so lazily
//! built process-wide state is not charged to a file). `pdftotext` is skipped when it is
//! not on PATH.

use criterion::{criterion_group, Criterion};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts live and peak heap bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const FILES: &[&str] = &[
    "lucidon.docx-libreoffice.pdf",
    "lucidon.html-chromium.pdf",
    "lucidon.ghostscript.pdf",
    "lucrasoft.docx-libreoffice.pdf",
    "lucrasoft.html-chromium.pdf",
    "large-200-pages.pdf",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pdf")
        .join(name)
}

fn extract(bytes: &[u8]) -> dpa::NormalizedText {
    dpa::extract_text(bytes, dpa::Format::Pdf, &dpa::Options::default()).expect("readable fixture")
}

fn have_pdftotext() -> bool {
    Command::new("pdftotext")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn run_pdftotext(path: &Path) {
    let status = Command::new("pdftotext")
        .args(["-q", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .stdout(Stdio::null())
        .status()
        .expect("pdftotext runs");
    assert!(status.success());
}

fn benches(c: &mut Criterion) {
    let peer = have_pdftotext();
    let mut group = c.benchmark_group("pdf_to_text");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for name in FILES {
        let bytes = std::fs::read(fixture(name)).expect("fixture");
        group.bench_function(format!("dpa/{name}"), |b| b.iter(|| extract(&bytes)));
        if peer {
            let path = fixture(name);
            group.bench_function(format!("pdftotext/{name}"), |b| {
                b.iter(|| run_pdftotext(&path))
            });
        }
    }
    group.finish();
    let mut model = c.benchmark_group("pdf_to_model");
    model
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for name in FILES {
        let bytes = std::fs::read(fixture(name)).expect("fixture");
        model.bench_function(format!("dpa/{name}"), |b| {
            b.iter(|| {
                dpa::analyze_bytes(
                    &bytes,
                    dpa::Format::Pdf,
                    Some(name),
                    &dpa::Options::default(),
                )
            })
        });
    }
    model.finish();
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time_runs(n: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..n)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

/// The README figures: ratio to pdftotext, pages/s, peak heap.
fn summary() {
    let peer = have_pdftotext();
    let statics = warm_up();
    println!("\nfile                              pages   dpa ms  pdftotext ms  ratio  dpa pages/s  peak heap MB  x file size");
    for name in FILES {
        let path = fixture(name);
        let bytes = std::fs::read(&path).expect("fixture");
        PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
        let base = LIVE.load(Ordering::Relaxed);
        let pages = extract(&bytes).pages.len();
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
        let ours = time_runs(7, || drop(extract(&bytes)));
        let theirs = peer.then(|| time_runs(7, || run_pdftotext(&path)));
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:<34}{pages:>5} {:>8.1} {:>13} {:>6} {:>12.0} {:>13.2} {:>11.1}",
            ms(ours),
            theirs.map_or("-".into(), |t| format!("{:.1}", ms(t))),
            theirs.map_or("-".into(), |t| format!(
                "{:.2}",
                ours.as_secs_f64() / t.as_secs_f64()
            )),
            pages as f64 / ours.as_secs_f64(),
            peak as f64 / 1e6,
            peak as f64 / bytes.len() as f64,
        );
    }
    println!(
        "(peak heap per file after one warm-up pass over all files; the process-wide one-time state\n \
         built on first use, compiled regexes and tables, holds {:.2} MB and is not counted per file)",
        statics as f64 / 1e6
    );
    if !peer {
        println!("(pdftotext not on PATH: peer skipped)");
    }
}

/// Read every file once so that one-time process state (lazily compiled
/// regexes, tables) is built before any per-file peak is taken; returns the
/// heap that state still holds afterwards.
fn warm_up() -> usize {
    let before = LIVE.load(Ordering::Relaxed);
    for name in FILES {
        if let Ok(bytes) = std::fs::read(fixture(name)) {
            drop(extract(&bytes));
        }
    }
    LIVE.load(Ordering::Relaxed).saturating_sub(before)
}

criterion_group!(text_benches, benches);

fn main() {
    let quick = std::env::args().any(|a| a == "--summary-only");
    if !quick {
        text_benches();
        Criterion::default().configure_from_args().final_summary();
    }
    summary();
}
