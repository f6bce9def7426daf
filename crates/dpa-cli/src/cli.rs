//! The command line: subcommands and flags (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Read Dutch data processing agreements (PDF or text) into dpa-model/1 JSON.
#[derive(Debug, Parser)]
#[command(name = "dpa", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert files and folders (.pdf, .txt; recursive) to one OUTDIR/<stem>.json each.
    Convert(ConvertArgs),
    /// Print a readable summary of one document (.pdf, .txt or a model .json from `convert`).
    Show(ShowArgs),
    /// Print the GDPR Art. 28(3) report of documents; `--fail-on` gates on findings.
    Check(CheckArgs),
    /// Print the normalized text of a document (pages separated by form feeds).
    Text(TextArgs),
    /// Print the JSON Schema of the dpa-model/1 output.
    Schema,
}

/// How documents are read: password and resource limits.
#[derive(Debug, Clone, Args)]
pub struct ReadArgs {
    /// User password for encrypted PDFs.
    #[arg(long, value_name = "PASSWORD")]
    pub password: Option<String>,
    /// Largest input file read, in MiB [default: 100].
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_file_mb: Option<u64>,
    /// Most pages read from one PDF [default: 5000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_pages: Option<u32>,
    /// Longest time spent on one document, in seconds [default: 60].
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout_secs: Option<u64>,
}

/// Language of finding messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum LangArg {
    #[default]
    Nl,
    En,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Files and folders to convert (folders are searched recursively for .pdf and .txt).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Folder for the JSON outputs (created when missing).
    #[arg(
        short = 'o',
        long = "out",
        value_name = "OUTDIR",
        required_unless_present = "jsonl"
    )]
    pub out: Option<PathBuf>,
    /// Write one compact JSON object per line to stdout instead of files.
    #[arg(long, conflicts_with_all = ["out", "force"])]
    pub jsonl: bool,
    /// Documents converted in parallel [default: number of cores].
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Overwrite existing outputs even when they are newer than their input.
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Print only notes, errors and the summary (no line per converted file).
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Language of finding messages.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A .pdf, a .txt or a model .json written by `dpa convert`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Language of finding messages (documents only; a .json keeps its messages).
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Output format of `dpa check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

/// Severity threshold of `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    High,
    Medium,
    Low,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Documents to check: .pdf, .txt or model .json files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Report format: text for a person, json for tools.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Exit with code 3 when a finding of this severity or worse exists.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// Language of the report and finding messages.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Args)]
pub struct TextArgs {
    /// A .pdf or .txt file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub read: ReadArgs,
}

impl LangArg {
    pub fn lang(self) -> dpa::Lang {
        match self {
            LangArg::Nl => dpa::Lang::Nl,
            LangArg::En => dpa::Lang::En,
        }
    }
}

impl FailOn {
    /// True when a finding of `severity` reaches this threshold.
    pub fn triggered_by(self, severity: dpa::model::Severity) -> bool {
        use dpa::model::Severity;
        let threshold = match self {
            FailOn::High => Severity::High,
            FailOn::Medium => Severity::Medium,
            FailOn::Low => Severity::Low,
        };
        severity <= threshold
    }
}

const MIB: u64 = 1024 * 1024;

impl ReadArgs {
    /// The library options for these flags and a message language.
    pub fn options(&self, lang: LangArg) -> dpa::Options {
        let mut limits = dpa::Limits::default();
        if let Some(mb) = self.max_file_mb {
            limits.max_file_bytes = mb.saturating_mul(MIB);
        }
        if let Some(pages) = self.max_pages {
            limits.max_pages = pages;
        }
        if let Some(secs) = self.timeout_secs {
            limits.max_millis = secs.saturating_mul(1000);
        }
        dpa::Options {
            password: self.password.clone(),
            lang: lang.lang(),
            limits,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn limits_map_onto_library_options() {
        let cli = Cli::parse_from([
            "dpa",
            "text",
            "a.pdf",
            "--max-file-mb",
            "2",
            "--max-pages",
            "7",
            "--timeout-secs",
            "3",
        ]);
        let Command::Text(args) = cli.command else {
            panic!("text expected")
        };
        let opts = args.read.options(LangArg::En);
        assert_eq!(opts.limits.max_file_bytes, 2 * MIB);
        assert_eq!(opts.limits.max_pages, 7);
        assert_eq!(opts.limits.max_millis, 3000);
        assert_eq!(opts.lang, dpa::Lang::En);
    }

    #[test]
    fn fail_on_includes_worse_severities() {
        use dpa::model::Severity;
        assert!(FailOn::Medium.triggered_by(Severity::High));
        assert!(FailOn::Medium.triggered_by(Severity::Medium));
        assert!(!FailOn::Medium.triggered_by(Severity::Low));
        assert!(!FailOn::Low.triggered_by(Severity::Info));
    }

    #[test]
    fn convert_needs_an_outdir_or_jsonl() {
        assert!(Cli::try_parse_from(["dpa", "convert", "a.txt"]).is_err());
        assert!(Cli::try_parse_from(["dpa", "convert", "a.txt", "--jsonl"]).is_ok());
        assert!(Cli::try_parse_from(["dpa", "convert", "a.txt", "--jsonl", "-o", "x"]).is_err());
        assert!(Cli::try_parse_from(["dpa", "convert", "a.txt", "-o", "x", "-j", "0"]).is_err());
    }
}
