//! Running analyses: the worker pool, a large stack for deeply nested
//! input, and a panic hook that stays quiet for panics the library turns
//! into per-file errors.

use std::cell::Cell;

/// How far ahead of the next JSON line workers may run (`--jsonl`).
pub const REORDER_WINDOW: usize = 64;

/// Stack size of analysis threads: deeply nested PDFs recurse deeply.
const STACK_BYTES: usize = 64 * 1024 * 1024;

thread_local! {
    static IN_ANALYSIS: Cell<bool> = const { Cell::new(false) };
}

/// The default `--jobs`: the number of cores.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
}

/// Run `work` on `threads` threads of a rayon pool and wait for all.
pub fn run_workers(threads: usize, work: impl Fn() + Sync) -> Result<(), String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(STACK_BYTES)
        .thread_name(|i| format!("dpa-worker-{i}"))
        .build()
        .map_err(|e| format!("cannot start {threads} worker threads: {e}"))?;
    pool.scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|_| work());
        }
    });
    Ok(())
}

/// Run `work` on one thread with the large stack (single-file commands).
pub fn on_big_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, work);
        match handle {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|payload| std::panic::resume_unwind(payload)),
            Err(_) => unreachable_thread(),
        }
    })
}

#[cold]
fn unreachable_thread<T>() -> T {
    eprintln!("error: cannot start a thread");
    std::process::exit(1)
}

/// Run a library call during which a panic is reported by the library as an
/// error for the file, so the panic hook prints nothing.
pub fn quietly<T>(work: impl FnOnce() -> T) -> T {
    IN_ANALYSIS.with(|flag| flag.set(true));
    let result = work();
    IN_ANALYSIS.with(|flag| flag.set(false));
    result
}

/// Install a panic hook that is silent inside [`quietly`] and prints a short
/// internal-error line elsewhere.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        if !IN_ANALYSIS.with(Cell::get) {
            eprintln!("error: internal error in dpa: {info}");
        }
    }));
}
