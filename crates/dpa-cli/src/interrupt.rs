//! Ctrl-C / SIGTERM: the first signal stops the batch from taking new files
//! (files in progress finish and are written whole); a second one removes
//! the temporary files and exits at once. Either way the exit code is 130.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Exit code of an interrupted run (128 + SIGINT).
pub const EXIT_INTERRUPTED: u8 = 130;

static STOP: AtomicBool = AtomicBool::new(false);
static SIGNALS: AtomicUsize = AtomicUsize::new(0);
static TEMP_FILES: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// Install the handler (once per process; a second call is ignored).
pub fn install() {
    let _ = ctrlc::set_handler(on_signal);
}

fn on_signal() {
    let count = SIGNALS.fetch_add(1, Ordering::SeqCst);
    STOP.store(true, Ordering::SeqCst);
    if count == 0 {
        eprintln!(
            "\ninterrupted: finishing the files in progress (press Ctrl-C again to stop at once)"
        );
    } else {
        remove_temp_files();
        std::process::exit(i32::from(EXIT_INTERRUPTED));
    }
}

/// True once a signal arrived (or [`request_stop`] was called): take no new files.
pub fn stopped() -> bool {
    STOP.load(Ordering::SeqCst)
}

/// True when the run was stopped by a signal.
pub fn interrupted() -> bool {
    SIGNALS.load(Ordering::SeqCst) > 0
}

/// Stop taking new files without a signal (e.g. stdout was closed).
pub fn request_stop() {
    STOP.store(true, Ordering::SeqCst);
}

/// Remember a temporary file so that an abort removes it.
pub fn register_temp(path: &Path) {
    if let Ok(mut set) = TEMP_FILES.lock() {
        set.insert(path.to_path_buf());
    }
}

/// Forget a temporary file (renamed into place or removed).
pub fn unregister_temp(path: &Path) {
    if let Ok(mut set) = TEMP_FILES.lock() {
        set.remove(path);
    }
}

/// Remove every registered temporary file.
pub fn remove_temp_files() {
    if let Ok(mut set) = TEMP_FILES.lock() {
        for path in std::mem::take(&mut *set) {
            let _ = std::fs::remove_file(path);
        }
    }
}
