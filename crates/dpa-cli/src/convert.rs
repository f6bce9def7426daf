//! `dpa convert`: many documents to one JSON each (or JSON lines), in
//! parallel, streaming: every model is written as soon as it is produced and
//! dropped, so memory does not grow with the number of documents.

use crate::cli::ConvertArgs;
use crate::inputs::{self, Collected};
use crate::interrupt;
use crate::jsonl::OrderedLines;
use crate::naming::{self, Planned};
use crate::output::{self, Existing};
use crate::progress::Reporter;
use crate::runner;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Counts of a batch, updated by the workers.
#[derive(Default)]
struct Tally {
    converted: AtomicUsize,
    failed: AtomicUsize,
    up_to_date: AtomicUsize,
    bytes: AtomicUsize,
}

/// Where the models go.
enum Sink {
    Dir(PathBuf),
    Jsonl(OrderedLines),
}

/// Everything a worker needs for one batch.
struct Batch<'a> {
    jobs: Vec<Planned>,
    sink: Sink,
    opts: dpa::Options,
    force: bool,
    reporter: &'a Reporter,
    tally: Tally,
}

/// Run `dpa convert`; returns the exit code.
pub fn run(args: &ConvertArgs) -> u8 {
    let started = Instant::now();
    let collected = inputs::collect(&args.inputs);
    let jobs = naming::plan(&collected.files);
    let reporter = Reporter::new(jobs.len(), args.quiet);
    let sink = match make_sink(args) {
        Ok(sink) => sink,
        Err(message) => {
            eprintln!("error: {message}");
            return 1;
        }
    };
    report_collection(&collected, &sink, &reporter);
    report_collisions(&jobs, &reporter);
    let batch = Batch {
        jobs,
        sink,
        opts: args.read.options(args.lang),
        force: args.force,
        reporter: &reporter,
        tally: Tally::default(),
    };
    let threads = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(runner::default_jobs);
    let next = AtomicUsize::new(0);
    if let Err(message) = runner::run_workers(threads, || worker(&batch, &next)) {
        eprintln!("error: {message}");
        return 1;
    }
    reporter.finish();
    let not_started = batch.jobs.len().saturating_sub(next.load(Ordering::SeqCst));
    summarize(&batch, &collected, not_started, started);
    exit_code(&batch, &collected)
}

fn make_sink(args: &ConvertArgs) -> Result<Sink, String> {
    if args.jsonl {
        return Ok(Sink::Jsonl(OrderedLines::new(runner::REORDER_WINDOW)));
    }
    let dir = args.out.clone().unwrap_or_else(|| PathBuf::from("out"));
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("{}: cannot create the output folder: {e}", dir.display()))?;
    Ok(Sink::Dir(dir))
}

fn report_collection(collected: &Collected, sink: &Sink, reporter: &Reporter) {
    for path in &collected.unsupported {
        reporter.line(&format!(
            "note: {}: skipped, not a .pdf or .txt file",
            path.display()
        ));
    }
    for (path, e) in &collected.unreadable {
        reporter.line(&format!("error: {}: cannot read: {e}", path.display()));
        if let Sink::Jsonl(lines) = sink {
            lines.write_unordered(&error_line(path, &format!("cannot read: {e}")));
        }
    }
}

fn report_collisions(jobs: &[Planned], reporter: &Reporter) {
    for job in jobs {
        if let Some(first) = &job.collided_with {
            reporter.line(&format!(
                "note: {}: same file name as {}; writing {}",
                job.input.display(),
                first.display(),
                job.output_name
            ));
        }
    }
}

/// Take files one by one in input order until none is left or the run stops.
fn worker(batch: &Batch, next: &AtomicUsize) {
    loop {
        if interrupt::stopped() {
            return;
        }
        let index = next.fetch_add(1, Ordering::SeqCst);
        let Some(job) = batch.jobs.get(index) else {
            return;
        };
        match &batch.sink {
            Sink::Dir(dir) => convert_to_file(batch, job, dir),
            Sink::Jsonl(lines) => convert_to_line(batch, job, index, lines),
        }
    }
}

fn convert_to_file(batch: &Batch, job: &Planned, dir: &Path) {
    let target = dir.join(&job.output_name);
    let existing = output::existing(&job.input, &target, batch.force);
    if existing == Existing::UpToDate {
        batch.tally.up_to_date.fetch_add(1, Ordering::Relaxed);
        batch.reporter.line(&format!(
            "note: {}: skipped, up to date ({})",
            job.input.display(),
            target.display()
        ));
        return batch.reporter.file_reported();
    }
    let written = analyze(batch, &job.input)
        .and_then(|model| to_pretty_json(&job.input, &model))
        .and_then(|json| {
            output::write_whole(dir, &job.output_name, json.as_bytes()).map_err(|e| {
                format!(
                    "error: {}: cannot write {}: {e}",
                    job.input.display(),
                    target.display()
                )
            })
        });
    match written {
        Ok(path) => {
            batch.tally.converted.fetch_add(1, Ordering::Relaxed);
            report_written(batch.reporter, &job.input, &path, existing);
        }
        Err(message) => fail(batch, &message),
    }
}

fn report_written(reporter: &Reporter, input: &Path, path: &Path, existing: Existing) {
    let (input, path) = (input.display(), path.display());
    match existing {
        Existing::Older => reporter.line(&format!(
            "note: {input}: overwritten, older than input ({path})"
        )),
        Existing::Forced => reporter.line(&format!("note: {input}: overwritten, --force ({path})")),
        Existing::Absent | Existing::UpToDate => {
            return reporter.file_done(&format!("ok: {input} -> {path}"))
        }
    }
    reporter.file_reported();
}

fn convert_to_line(batch: &Batch, job: &Planned, index: usize, lines: &OrderedLines) {
    lines.wait_turn(index);
    let line =
        match analyze(batch, &job.input).and_then(|model| to_compact_json(&job.input, &model)) {
            Ok(line) => {
                batch.tally.converted.fetch_add(1, Ordering::Relaxed);
                batch
                    .reporter
                    .file_done(&format!("ok: {}", job.input.display()));
                line
            }
            Err(message) => {
                fail(batch, &message);
                error_line(&job.input, message.trim_start_matches("error: "))
            }
        };
    lines.submit(index, line);
}

fn fail(batch: &Batch, message: &str) {
    batch.tally.failed.fetch_add(1, Ordering::Relaxed);
    batch.reporter.line(message);
    batch.reporter.file_reported();
}

/// Analyze one file; the error is the line to print.
fn analyze(batch: &Batch, input: &Path) -> Result<dpa::Model, String> {
    let model = runner::quietly(|| dpa::analyze_path(input, &batch.opts))
        .map_err(|e| format!("error: {e}"))?;
    let len = usize::try_from(std::fs::metadata(input).map(|m| m.len()).unwrap_or(0))
        .unwrap_or(usize::MAX);
    batch.tally.bytes.fetch_add(len, Ordering::Relaxed);
    Ok(model)
}

/// The pretty JSON of a model with a trailing newline (the file format).
pub fn to_pretty_json(input: &Path, model: &dpa::Model) -> Result<String, String> {
    serde_json::to_string_pretty(model)
        .map(|mut json| {
            json.push('\n');
            json
        })
        .map_err(|e| {
            format!(
                "error: {}: cannot serialize the model: {e}",
                input.display()
            )
        })
}

fn to_compact_json(input: &Path, model: &dpa::Model) -> Result<String, String> {
    serde_json::to_string(model).map_err(|e| {
        format!(
            "error: {}: cannot serialize the model: {e}",
            input.display()
        )
    })
}

/// A JSON line for a file that failed: `{"file": ..., "error": ...}`.
fn error_line(input: &Path, cause: &str) -> String {
    let cause = cause
        .strip_prefix(&format!("{}: ", input.display()))
        .unwrap_or(cause);
    serde_json::json!({ "file": input.display().to_string(), "error": cause }).to_string()
}

fn summarize(batch: &Batch, collected: &Collected, not_started: usize, started: Instant) {
    let t = &batch.tally;
    let converted = t.converted.load(Ordering::Relaxed);
    let failed = t.failed.load(Ordering::Relaxed) + collected.unreadable.len();
    let up_to_date = t.up_to_date.load(Ordering::Relaxed);
    let unsupported = collected.unsupported.len();
    let secs = started.elapsed().as_secs_f64();
    let rate = if secs > 0.0 {
        converted as f64 / secs
    } else {
        0.0
    };
    let mb = t.bytes.load(Ordering::Relaxed) as f64 / 1_048_576.0;
    eprintln!(
        "converted {converted}, failed {failed}, skipped {} ({up_to_date} up to date, {unsupported} not .pdf/.txt) in {secs:.2} s ({rate:.1} documents/s, {mb:.1} MiB read)",
        up_to_date + unsupported
    );
    if interrupt::interrupted() {
        eprintln!("interrupted: {not_started} files not started");
    }
}

fn exit_code(batch: &Batch, collected: &Collected) -> u8 {
    if interrupt::interrupted() {
        interrupt::EXIT_INTERRUPTED
    } else if batch.tally.failed.load(Ordering::Relaxed) > 0
        || !collected.unreadable.is_empty()
        || jsonl_broken(&batch.sink)
    {
        1
    } else {
        0
    }
}

fn jsonl_broken(sink: &Sink) -> bool {
    matches!(sink, Sink::Jsonl(lines) if lines.broken())
}
