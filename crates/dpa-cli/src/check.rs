//! `dpa check FILE...`: the Art. 28(3) report of each document.
//!
//! Exit codes: 0 all read and no finding reached `--fail-on`; 1 a file
//! could not be read (takes precedence); 3 a finding reached `--fail-on`.

use crate::cli::{CheckArgs, ReportFormat};
use crate::{load, report};

/// Exit code when `--fail-on` triggers.
pub const EXIT_FINDINGS: u8 = 3;

/// Run `dpa check`; returns the exit code.
pub fn run(args: &CheckArgs) -> u8 {
    let opts = args.read.options(args.lang);
    let lang = args.lang.lang();
    let mut unreadable = false;
    let mut triggered = false;
    let mut reports = Vec::new();
    for (i, file) in args.files.iter().enumerate() {
        let model = match load::load_model(file, &opts) {
            Ok(model) => model,
            Err(message) => {
                eprintln!("error: {message}");
                unreadable = true;
                continue;
            }
        };
        triggered |= args.fail_on.is_some_and(|f| report::fails(&model, lang, f));
        match args.format {
            ReportFormat::Text => print!(
                "{}{}",
                if i > 0 { "\n" } else { "" },
                report::render_text(&model, lang)
            ),
            ReportFormat::Json => reports.push(report::render_json(&model)),
        }
    }
    if args.format == ReportFormat::Json {
        let json = serde_json::to_string_pretty(&reports).unwrap_or_else(|_| "[]".to_string());
        println!("{json}");
    }
    if unreadable {
        1
    } else if triggered {
        EXIT_FINDINGS
    } else {
        0
    }
}
