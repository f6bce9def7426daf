//! JSON lines on stdout in input order, whatever order the workers finish
//! in. A worker waits before starting a file that is more than a window
//! ahead of the next line to print, so at most `window` lines are held.

use crate::interrupt;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Condvar, Mutex, MutexGuard};

struct State {
    /// Index of the next line to print.
    next: usize,
    /// Finished lines waiting for their turn.
    pending: BTreeMap<usize, String>,
    /// stdout could not be written (closed pipe): stop.
    broken: bool,
}

/// Prints submitted lines in index order.
pub struct OrderedLines {
    state: Mutex<State>,
    turn: Condvar,
    window: usize,
}

impl OrderedLines {
    pub fn new(window: usize) -> Self {
        let state = State {
            next: 0,
            pending: BTreeMap::new(),
            broken: false,
        };
        OrderedLines {
            state: Mutex::new(state),
            turn: Condvar::new(),
            window: window.max(1),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Block until line `index` is within the window of lines to print.
    pub fn wait_turn(&self, index: usize) {
        let mut state = self.lock();
        while index >= state.next + self.window && !state.broken {
            state = self
                .turn
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }

    /// Hand in line `index`; prints every line whose turn has come.
    pub fn submit(&self, index: usize, line: String) {
        let mut state = self.lock();
        state.pending.insert(index, line);
        let mut out = std::io::stdout().lock();
        loop {
            let next = state.next;
            let Some(line) = state.pending.remove(&next) else {
                break;
            };
            state.next += 1;
            if !state.broken && writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
                state.broken = true;
                interrupt::request_stop();
                eprintln!("error: cannot write to stdout; stopping");
            }
        }
        drop(state);
        self.turn.notify_all();
    }

    /// Print a line at once, outside the ordering (errors found before the batch).
    pub fn write_unordered(&self, line: &str) {
        let mut state = self.lock();
        let mut out = std::io::stdout().lock();
        if !state.broken && writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
            state.broken = true;
            interrupt::request_stop();
        }
    }

    /// True when stdout could not be written.
    pub fn broken(&self) -> bool {
        self.lock().broken
    }
}
