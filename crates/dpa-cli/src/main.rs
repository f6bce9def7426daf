//! The `dpa` command line tool, a thin binary over the `dpa` library.
//!
//! - `dpa convert INPUT... -o OUTDIR` — batch conversion to `dpa-model/1` JSON;
//! - `dpa show FILE` — a readable summary;
//! - `dpa check FILE...` — the Art. 28(3) report, `--fail-on` for gates;
//! - `dpa text FILE` — the normalized text;
//! - `dpa schema` — the JSON Schema of the model.
//!
//! Exit codes: 0 success; 1 an input could not be read or converted;
//! 2 usage error; 3 `check --fail-on` triggered; 130 interrupted.

mod check;
mod cli;
mod convert;
mod inputs;
mod interrupt;
mod jsonl;
mod load;
mod naming;
mod output;
mod progress;
mod report;
mod runner;
mod show;

use clap::Parser;
use cli::{Cli, Command, TextArgs};
use std::io::Write;
use std::process::ExitCode;

/// mimalloc: the pipeline makes many small allocations, which it serves
/// faster than the system allocator (see `benches/pipeline_mimalloc.rs`).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    runner::install_panic_hook();
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Convert(args) => {
            interrupt::install();
            convert::run(args)
        }
        Command::Show(args) => show::run(args),
        Command::Check(args) => check::run(args),
        Command::Text(args) => text(args),
        Command::Schema => schema(),
    };
    ExitCode::from(code)
}

/// `dpa schema`: the JSON Schema, pretty, with a trailing newline.
fn schema() -> u8 {
    match serde_json::to_string_pretty(&dpa::json_schema()) {
        Ok(json) => print_out(&json),
        Err(e) => {
            eprintln!("error: cannot serialize the schema: {e}");
            1
        }
    }
}

/// `dpa text FILE`: the normalized text; warnings go to stderr.
fn text(args: &TextArgs) -> u8 {
    let path = &args.file;
    let Some(format) = dpa::Format::from_path(path) else {
        eprintln!(
            "error: {}: unsupported file type (expected .pdf or .txt)",
            path.display()
        );
        return 1;
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: {}: cannot read: {e}", path.display());
            return 1;
        }
    };
    let opts = args.read.options(cli::LangArg::default());
    let extracted = runner::on_big_stack(|| {
        runner::quietly(|| std::panic::catch_unwind(|| dpa::extract_text(&bytes, format, &opts)))
    });
    match extracted {
        Ok(Ok(text)) => {
            for w in &text.warnings {
                let page = w.page.map(|p| format!(" (page {p})")).unwrap_or_default();
                eprintln!("warning: {}{page}: {}", w.code, w.message);
            }
            print_out(&text.text)
        }
        Ok(Err(e)) => {
            eprintln!("error: {}: {e}", path.display());
            1
        }
        Err(_) => {
            eprintln!(
                "error: {}: internal error while reading the text",
                path.display()
            );
            1
        }
    }
}

/// Print to stdout with a trailing newline; a closed pipe is not an error.
fn print_out(text: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    let newline = if text.ends_with('\n') { "" } else { "\n" };
    match write!(out, "{text}{newline}").and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: cannot write to stdout: {e}");
            1
        }
    }
}
