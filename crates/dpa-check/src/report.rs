//! The compliance result for people ([`render_text`]) and tools
//! ([`render_json`]), and the `--fail-on` decision ([`fails_on`]).

use crate::rules::REQUIREMENTS;
use crate::{check, Lang};
use dpa_model::{Compliance, Model, Severity, Status};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// All severities, worst first.
pub const SEVERITIES: [Severity; 4] = [
    Severity::High,
    Severity::Medium,
    Severity::Low,
    Severity::Info,
];

/// `high`, `medium`, `low`, `info` (any case) to a severity.
pub fn parse_severity(s: &str) -> Option<Severity> {
    match s.trim().to_lowercase().as_str() {
        "high" | "hoog" => Some(Severity::High),
        "medium" | "gemiddeld" | "middel" => Some(Severity::Medium),
        "low" | "laag" => Some(Severity::Low),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

/// The JSON name of a severity (`"high"`).
pub fn severity_code(s: Severity) -> &'static str {
    match s {
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
        Severity::Info => "info",
    }
}

/// The JSON name of a status (`"met"`).
pub fn status_code(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::Partial => "partial",
        Status::Missing => "missing",
    }
}

/// The worst severity among the findings, `None` without findings.
pub fn worst_severity(c: &Compliance) -> Option<Severity> {
    c.findings.iter().map(|f| f.severity).min()
}

/// Whether a finding of `threshold` or worse exists (`--fail-on`).
pub fn fails_on(c: &Compliance, threshold: Severity) -> bool {
    worst_severity(c).is_some_and(|w| w <= threshold)
}

/// The title of a requirement code (`"28.3.a"`) in a language.
pub fn requirement_title(code: &str, lang: Lang) -> Option<&'static str> {
    REQUIREMENTS
        .iter()
        .find(|r| r.code == code)
        .map(|r| match lang {
            Lang::Nl => r.title_nl,
            Lang::En => r.title_en,
        })
}

fn status_label(s: Status, lang: Lang) -> &'static str {
    match (lang, s) {
        (Lang::Nl, Status::Met) => "voldaan",
        (Lang::Nl, Status::Partial) => "deels",
        (Lang::Nl, Status::Missing) => "ontbreekt",
        (Lang::En, Status::Met) => "met",
        (Lang::En, Status::Partial) => "partial",
        (Lang::En, Status::Missing) => "missing",
    }
}

fn severity_label(s: Severity, lang: Lang) -> &'static str {
    match (lang, s) {
        (Lang::Nl, Severity::High) => "HOOG",
        (Lang::Nl, Severity::Medium) => "GEMIDDELD",
        (Lang::Nl, Severity::Low) => "LAAG",
        (Lang::Nl, Severity::Info) => "INFO",
        (Lang::En, Severity::High) => "HIGH",
        (Lang::En, Severity::Medium) => "MEDIUM",
        (Lang::En, Severity::Low) => "LOW",
        (Lang::En, Severity::Info) => "INFO",
    }
}

/// Who or what the report is about: the processor, else the title, else the file.
fn subject(model: &Model) -> Option<&str> {
    model
        .parties
        .processor
        .name
        .as_deref()
        .or(model.document.title.as_deref())
        .or(model.source.file.as_deref())
}

/// Texts of the report that are not per requirement or finding.
struct Labels {
    heading: &'static str,
    unknown: &'static str,
    document: &'static str,
    file: &'static str,
    requirements: &'static str,
    clauses: &'static str,
    none_found: &'static str,
    summary: &'static str,
    findings: &'static str,
    no_findings: &'static str,
}

const NL: Labels = Labels {
    heading: "AVG art. 28-toets",
    unknown: "(verwerker onbekend)",
    document: "Document",
    file: "Bestand",
    requirements: "Vereisten art. 28 lid 3 AVG",
    clauses: "bepalingen",
    none_found: "geen bepaling gevonden",
    summary: "Samenvatting",
    findings: "Bevindingen",
    no_findings: "Geen bevindingen.",
};

const EN: Labels = Labels {
    heading: "GDPR Art. 28 check",
    unknown: "(processor unknown)",
    document: "Document",
    file: "File",
    requirements: "Art. 28(3) GDPR requirements",
    clauses: "clauses",
    none_found: "no clause found",
    summary: "Summary",
    findings: "Findings",
    no_findings: "No findings.",
};

/// A privacy officer's report: processor and document at the top, the eight
/// requirements with status and clause references, then the findings by
/// severity. The compliance is computed afresh in `lang`.
pub fn render_text(model: &Model, lang: Lang) -> String {
    let l = match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    let c = check(model, lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {}",
        l.heading,
        subject(model).unwrap_or(l.unknown)
    );
    if let Some(title) = &model.document.title {
        let version = model
            .document
            .version
            .as_deref()
            .map(|v| format!(" ({v})"))
            .unwrap_or_default();
        let _ = writeln!(out, "{}: {title}{version}", l.document);
    }
    if let Some(file) = &model.source.file {
        let _ = writeln!(out, "{}: {file}", l.file);
    }
    let _ = writeln!(out, "\n{}", l.requirements);
    for r in &c.art28 {
        let title = requirement_title(&r.code, lang).unwrap_or("");
        let refs = if r.evidence.is_empty() {
            l.none_found.to_string()
        } else {
            format!("{}: {}", l.clauses, r.evidence.join(", "))
        };
        let status = format!("[{}]", status_label(r.status, lang));
        let _ = writeln!(out, "  {status:<12}{}  {title}\n{:16}{refs}", r.code, "");
    }
    let count = |s: Status| c.art28.iter().filter(|r| r.status == s).count();
    let _ = writeln!(
        out,
        "{}: {} {}, {} {}, {} {}",
        l.summary,
        count(Status::Met),
        status_label(Status::Met, lang),
        count(Status::Partial),
        status_label(Status::Partial, lang),
        count(Status::Missing),
        status_label(Status::Missing, lang),
    );
    let _ = writeln!(out, "\n{} ({})", l.findings, c.findings.len());
    if c.findings.is_empty() {
        let _ = writeln!(out, "  {}", l.no_findings);
    }
    for sev in SEVERITIES {
        let group: Vec<_> = c.findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {}", severity_label(sev, lang));
        for f in group {
            let refs = if f.evidence.is_empty() {
                String::new()
            } else {
                format!(" [{}]", f.evidence.join(", "))
            };
            let _ = writeln!(out, "    - {}: {}{refs}", f.code, f.message);
        }
    }
    out
}

/// The compliance result for tools: the document, the eight requirements
/// (code, title, status, evidence) and the findings. Uses the model's own
/// `compliance` when it is filled, else computes it (Dutch messages).
pub fn render_json(model: &Model) -> Value {
    let computed;
    let c = if model.compliance.art28.is_empty() {
        computed = check(model, Lang::default());
        &computed
    } else {
        &model.compliance
    };
    let art28: Vec<Value> = c
        .art28
        .iter()
        .map(|r| {
            json!({
                "code": r.code,
                "title": requirement_title(&r.code, Lang::En),
                "status": status_code(r.status),
                "evidence": r.evidence,
            })
        })
        .collect();
    let findings: Vec<Value> = c
        .findings
        .iter()
        .map(|f| {
            json!({
                "code": f.code,
                "severity": severity_code(f.severity),
                "message": f.message,
                "evidence": f.evidence,
            })
        })
        .collect();
    json!({
        "file": model.source.file,
        "sha256": model.source.sha256,
        "processor": model.parties.processor.name,
        "title": model.document.title,
        "kind": model.document.kind,
        "art28": art28,
        "findings": findings,
        "worst_severity": worst_severity(c).map(severity_code),
    })
}
