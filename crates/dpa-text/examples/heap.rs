//! Peak heap of reading PDFs, measured like `benches/text.rs` (a counting
//! allocator; peak of live bytes above the level before the call):
//! `cargo run --release --example heap -p dpa-text -- FILE.pdf...` (every
//! file is read once first, to leave out the lazily compiled regexes).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged and only
// counts the bytes.
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
static ALLOC: Counting = Counting;

fn main() {
    let opts = dpa_text::TextOptions::default();
    let paths: Vec<String> = std::env::args().skip(1).collect();
    // warm up: compile the lazily built regexes and tables first
    for path in &paths {
        if let Ok(bytes) = std::fs::read(path) {
            drop(dpa_text::from_pdf(&bytes, &opts));
        }
    }
    println!("file                                    bytes   peak MB  x file size");
    for path in &paths {
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let result = dpa_text::from_pdf(&bytes, &opts);
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
        drop(result);
        let name = path.rsplit('/').next().unwrap_or(path);
        println!(
            "{name:<36}{:>9} {:>9.2} {:>12.1}",
            bytes.len(),
            peak as f64 / 1e6,
            peak as f64 / bytes.len() as f64
        );
    }
}
