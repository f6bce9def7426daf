//! Runs case families in a child process (this same test binary, running
//! the ignored test `robust_child`), one case after another, while the
//! parent watches: a case that takes longer than the time bound is a hang
//! (the child is killed), a child that dies in a case (stack overflow,
//! abort, allocation over the cap) is a crash; both are attributed to the
//! case and the parent restarts the child after it. Inside the child every
//! case runs under `catch_unwind`; a panic hook records every panic, also
//! the ones a stage caught itself, with its source location.

use super::alloc;
use super::cases::{self, Case};
use dpa::Options;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const CHILD_ENV: &str = "DPA_ROBUST_CHILD";
pub const CHILD_TEST: &str = "robust_child";
const HARD_CAP: usize = 2 << 30;

/// Settings from the environment (all optional).
pub struct Settings {
    pub seed: u64,
    pub scale: f64,
    pub case_timeout: Duration,
    /// Peak heap bytes a case may use: `soft_cap_base + soft_cap_factor × input`.
    pub soft_cap_base: usize,
    pub soft_cap_factor: usize,
}

impl Settings {
    pub fn from_env() -> Settings {
        let var = |name: &str| std::env::var(name).ok();
        Settings {
            seed: var("DPA_ROBUST_SEED")
                .and_then(|s| s.parse().ok())
                .unwrap_or(20_261_122),
            scale: var("DPA_ROBUST_SCALE")
                .and_then(|s| s.parse().ok())
                .unwrap_or(1.0),
            case_timeout: Duration::from_secs(
                var("DPA_ROBUST_CASE_SECS")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(15),
            ),
            soft_cap_base: 512 << 20,
            soft_cap_factor: 40,
        }
    }
}

// ------------------------------------------------------------ child side

thread_local! {
    static PANICS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn install_panic_recorder() {
    panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        PANICS.with(|p| p.borrow_mut().push(format!("{location}: {message}")));
    }));
}

fn one_line(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    s.chars().take(300).collect()
}

/// `Text/Corrupt`, `Io`, ...: the variant path of an error.
fn error_kind(err: &dpa::Error) -> String {
    let variant = |debug: String| {
        debug
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .next()
            .unwrap_or_default()
            .to_string()
    };
    match err {
        dpa::Error::Text { source, .. } => format!("Text/{}", variant(format!("{source:?}"))),
        other => variant(format!("{other:?}")),
    }
}

/// Tell the parent which stage the running case has reached.
fn stage(name: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "@@STAGE\t{name}");
    let _ = out.flush();
}

/// The pipeline of `dpa::analyze_bytes`, stage by stage so that a hang
/// is attributed: text stage, segmentation alone, then the rest.
fn analyze_in_stages(case: &Case, opts: &Options) -> Result<dpa::Model, dpa::Error> {
    stage("text");
    let text =
        dpa::extract_text(&case.bytes, case.format, opts).map_err(|source| dpa::Error::Text {
            file: case.name.clone(),
            source,
        })?;
    stage("segment");
    drop(dpa::segment::segment(&text));
    stage("fields+check");
    Ok(dpa::analyze_text(
        text,
        String::new(),
        Some(&case.name),
        opts,
    ))
}

/// Run one case in this process and describe its outcome as one line.
fn run_here(case: &Case) -> String {
    let opts = Options {
        limits: case.limits.clone(),
        ..Options::default()
    };
    PANICS.with(|p| p.borrow_mut().clear());
    let base = alloc::reset_peak();
    let start = Instant::now();
    let result = panic::catch_unwind(AssertUnwindSafe(|| analyze_in_stages(case, &opts)));
    let millis = start.elapsed().as_millis();
    let outcome = match &result {
        Ok(Ok(model)) => match serde_json::to_vec(model) {
            Ok(json) => format!(
                "model\t{} clauses, {} json bytes",
                model.clauses.len(),
                json.len()
            ),
            Err(e) => format!("bad-json\t{e}"),
        },
        Ok(Err(err)) => format!("error:{}\t{}", error_kind(err), one_line(&err.to_string())),
        Err(_) => "panic\tescaped the pipeline".to_string(),
    };
    drop(result);
    let peak = alloc::peak().saturating_sub(base);
    let panics = PANICS.with(|p| {
        p.borrow()
            .iter()
            .map(|s| one_line(s))
            .collect::<Vec<_>>()
            .join(" | ")
    });
    format!("{millis}\t{peak}\t{outcome}\t{panics}")
}

/// The body of the `robust_child` test: run `family` cases `from..to`.
pub fn child_main(spec: &str) {
    let parts: Vec<&str> = spec.split(':').collect();
    let [family, seed, from, to] = parts[..] else {
        panic!("bad {CHILD_ENV}={spec}")
    };
    let (seed, from, to): (u64, usize, usize) = (
        seed.parse().unwrap(),
        from.parse().unwrap(),
        to.parse().unwrap(),
    );
    alloc::set_cap(HARD_CAP);
    install_panic_recorder();
    let mut out = std::io::stdout().lock();
    for idx in from..to {
        writeln!(out, "@@CASE\t{idx}").unwrap();
        out.flush().unwrap();
        let case = cases::generate(family, seed, idx);
        writeln!(
            out,
            "@@RUN\t{idx}\t{}\t{}",
            case.bytes.len(),
            one_line(&case.name)
        )
        .unwrap();
        out.flush().unwrap();
        let line = run_here(&case);
        writeln!(out, "@@DONE\t{idx}\t{line}").unwrap();
        out.flush().unwrap();
    }
}

// ----------------------------------------------------------- parent side

/// What happened to one case.
#[derive(Debug, Clone)]
pub struct Record {
    pub idx: usize,
    pub name: String,
    pub input_bytes: usize,
    pub millis: u128,
    pub peak_bytes: usize,
    /// `model`, `error:Text/Corrupt`, `panic`, `bad-json`, `hang`, `crash`.
    pub outcome: String,
    pub detail: String,
    /// Panics recorded in the case (also caught ones): `file:line: message`.
    pub panics: String,
    /// When each stage started, in ms since the case started.
    pub stages: String,
}

impl Record {
    /// Why this case fails the suite, if it does.
    pub fn failure(&self, settings: &Settings) -> Option<String> {
        match self.outcome.as_str() {
            "hang" | "crash" | "panic" | "bad-json" => {
                return Some(format!("{}: {}", self.outcome, self.detail))
            }
            _ => {}
        }
        if let Some(p) = self.panics.split(" | ").find(|p| in_project(p)) {
            return Some(format!("panic in project code (caught): {p}"));
        }
        let cap = settings.soft_cap_base + settings.soft_cap_factor * self.input_bytes;
        if self.peak_bytes > cap {
            return Some(format!(
                "allocated {} MiB at peak (cap {} MiB)",
                self.peak_bytes >> 20,
                cap >> 20
            ));
        }
        None
    }

    /// The crate a recorded panic came from, e.g. `pdf-extract-0.12.1`.
    pub fn panic_sources(&self) -> Vec<String> {
        self.panics
            .split(" | ")
            .filter(|p| !p.is_empty())
            .map(panic_source)
            .collect()
    }
}

/// A panic location inside this workspace (not in a registry crate).
fn in_project(panic: &str) -> bool {
    !panic.is_empty()
        && !panic.contains(".cargo/registry")
        && !panic.contains("/rustc/")
        && !panic.starts_with("/rust/")
}

fn panic_source(panic: &str) -> String {
    let path = panic.split(':').next().unwrap_or_default();
    if let Some(rest) = path.split("/registry/src/").nth(1) {
        let mut parts = rest.split('/');
        let krate = parts.nth(1).unwrap_or_default();
        return format!("{krate} {}", path.rsplit('/').next().unwrap_or_default());
    }
    panic.split(": ").next().unwrap_or_default().to_string()
}

enum Line {
    Out(String),
    Eof,
}

fn spawn_child(
    family: &str,
    seed: u64,
    from: usize,
    to: usize,
) -> (Child, Receiver<Line>, Arc<Mutex<Vec<String>>>) {
    let exe = std::env::current_exe().expect("test binary path");
    let mut child = Command::new(exe)
        .args([
            CHILD_TEST,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, format!("{family}:{seed}:{from}:{to}"))
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the robustness child");
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().expect("piped stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(Line::Out(line)).is_err() {
                return;
            }
        }
        let _ = tx.send(Line::Eof);
    });
    let stderr_tail = Arc::new(Mutex::new(Vec::new()));
    let tail = Arc::clone(&stderr_tail);
    let mut stderr = child.stderr.take().expect("piped stderr");
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        let text = String::from_utf8_lossy(&buf).into_owned();
        let lines: Vec<String> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(one_line)
            .collect();
        let keep = lines.len().saturating_sub(4);
        *tail.lock().unwrap_or_else(|e| e.into_inner()) = lines[keep..].to_vec();
    });
    (child, rx, stderr_tail)
}

fn parse_done(idx: usize, name: &str, input_bytes: usize, fields: &[&str]) -> Record {
    let get = |i: usize| fields.get(i).copied().unwrap_or_default();
    Record {
        idx,
        name: name.to_string(),
        input_bytes,
        millis: get(0).parse().unwrap_or(0),
        peak_bytes: get(1).parse().unwrap_or(0),
        outcome: get(2).to_string(),
        detail: get(3).to_string(),
        panics: get(4).to_string(),
        stages: String::new(),
    }
}

/// Run every case of `family` (see module docs) and return one record per
/// case, in order.
pub fn run_family(family: &str, settings: &Settings) -> Vec<Record> {
    let count = cases::count(family, settings.scale);
    let mut records: Vec<Record> = Vec::with_capacity(count);
    let mut next = 0;
    while next < count {
        let (mut child, rx, stderr_tail) = spawn_child(family, settings.seed, next, count);
        let mut current: Option<(usize, String, usize, Instant)> = None;
        let mut last_stage = String::new();
        let mut stage_marks: Vec<String> = Vec::new();
        let ended_at = loop {
            let wait = match &current {
                Some((.., started)) => settings.case_timeout.saturating_sub(started.elapsed()),
                None => settings.case_timeout * 2,
            };
            match rx.recv_timeout(wait) {
                Ok(Line::Out(line)) => {
                    let line = line.find("@@").map_or("", |at| &line[at..]);
                    let fields: Vec<&str> = line.split('\t').collect();
                    match fields.first().copied() {
                        Some("@@CASE") => {
                            current = Some((
                                fields[1].parse().unwrap_or(next),
                                String::new(),
                                0,
                                Instant::now(),
                            ));
                            last_stage = "generate".to_string();
                            stage_marks.clear();
                        }
                        Some("@@STAGE") => {
                            last_stage = fields.get(1).copied().unwrap_or_default().to_string();
                            if let Some((.., started)) = &current {
                                stage_marks.push(format!(
                                    "{last_stage}@{}ms",
                                    started.elapsed().as_millis()
                                ));
                            }
                        }
                        Some("@@RUN") => {
                            if let Some(c) = current.as_mut() {
                                c.2 = fields.get(2).and_then(|s| s.parse().ok()).unwrap_or(0);
                                c.1 = fields.get(3).copied().unwrap_or_default().to_string();
                            }
                        }
                        Some("@@DONE") => {
                            if let Some((idx, name, input, _)) = current.take() {
                                let mut record = parse_done(idx, &name, input, &fields[2..]);
                                record.stages = stage_marks.join(" ");
                                records.push(record);
                                next = idx + 1;
                            }
                        }
                        _ => {}
                    }
                }
                Ok(Line::Eof) => break None,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    break Some("hang");
                }
                Err(RecvTimeoutError::Disconnected) => break None,
            }
        };
        let status = child.wait().ok();
        std::thread::sleep(Duration::from_millis(20));
        let tail = stderr_tail
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .join(" / ");
        if let Some((idx, name, input_bytes, started)) = current {
            let (outcome, detail) = match ended_at {
                Some(hang) => (
                    hang.to_string(),
                    format!(
                        "no result after {} s, in stage {last_stage}",
                        settings.case_timeout.as_secs()
                    ),
                ),
                None => (
                    "crash".to_string(),
                    format!("child ended in stage {last_stage} ({status:?}): {tail}"),
                ),
            };
            let millis = started.elapsed().as_millis();
            let name = if name.is_empty() {
                format!("{family}#{idx} (not generated)")
            } else {
                name
            };
            let stages = stage_marks.join(" ");
            println!("   {family} case {idx} [{name}]: {outcome} ({detail}; {stages})");
            records.push(Record {
                idx,
                name,
                input_bytes,
                millis,
                peak_bytes: 0,
                outcome,
                detail,
                panics: String::new(),
                stages,
            });
            next = idx + 1;
        } else if next < count {
            panic!("robustness child for {family} ended before case {next} ({status:?}): {tail}");
        }
    }
    records
}

/// Print a summary of a family's records (counts per outcome, panics by
/// source, slowest and hungriest cases) and return the failures.
pub fn report(
    family: &str,
    records: &[Record],
    settings: &Settings,
    wall: Duration,
) -> Vec<String> {
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let mut sources: BTreeMap<String, usize> = BTreeMap::new();
    for r in records {
        *outcomes.entry(r.outcome.clone()).or_default() += 1;
        for s in r.panic_sources() {
            *sources.entry(s).or_default() += 1;
        }
    }
    let slowest = records.iter().max_by_key(|r| r.millis);
    let hungriest = records.iter().max_by_key(|r| r.peak_bytes);
    println!(
        "== {family}: {} cases in {:.1} s (seed {})",
        records.len(),
        wall.as_secs_f64(),
        settings.seed
    );
    println!("   outcomes: {outcomes:?}");
    if !sources.is_empty() {
        println!("   panics (caught or not) by source: {sources:?}");
    }
    if let Some(r) = slowest {
        println!("   slowest: {} ms  {}  ({})", r.millis, r.name, r.stages);
    }
    if let Some(r) = hungriest {
        println!("   peak heap: {} MiB  {}", r.peak_bytes >> 20, r.name);
    }
    let mut failures = Vec::new();
    for r in records {
        if let Some(why) = r.failure(settings) {
            save_failure(family, settings.seed, r);
            failures.push(format!(
                "{family} seed {} case {} [{}] ({} ms; {}): {why}",
                settings.seed, r.idx, r.name, r.millis, r.stages
            ));
        }
    }
    for f in &failures {
        println!("   FAIL {f}");
    }
    failures
}

/// Keep a failing input under the target's tmp dir, ready to be copied to
/// `fixtures/regress/`.
fn save_failure(family: &str, seed: u64, record: &Record) {
    if family.starts_with("regress") {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("robust-failures");
    let case = cases::generate(family, seed, record.idx);
    let file = dir.join(format!(
        "{family}-{seed}-{}.{}",
        record.idx,
        case.extension()
    ));
    if std::fs::create_dir_all(&dir).is_ok() && std::fs::write(&file, &case.bytes).is_ok() {
        println!("   saved {}", file.display());
    }
}

/// Run a family, print its report and fail the test on any failure.
pub fn check_family(family: &str) {
    let settings = Settings::from_env();
    let start = Instant::now();
    let records = run_family(family, &settings);
    let failures = report(family, &records, &settings, start.elapsed());
    assert!(
        failures.is_empty(),
        "{} of {} {family} cases failed:\n{}",
        failures.len(),
        records.len(),
        failures.join("\n")
    );
}
