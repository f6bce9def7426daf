//! `dpa show FILE`: a readable summary of one document for a person.

use crate::cli::ShowArgs;
use crate::load;
use dpa::model::{
    Address, Audit, AuditFrequency, Contact, CostBearer, DocumentKind, Duration, DurationUnit,
    Model, Party, Status, Subprocessor,
};
use std::fmt::Write as _;

/// Run `dpa show`; returns the exit code.
pub fn run(args: &ShowArgs) -> u8 {
    match load::load_model(&args.file, &args.read.options(args.lang)) {
        Ok(model) => {
            print!("{}", render(&model));
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

const UNKNOWN: &str = "unknown";

/// The whole summary.
pub fn render(m: &Model) -> String {
    let mut out = String::new();
    source_section(&mut out, m);
    party_section(&mut out, "Processor", Some(&m.parties.processor));
    party_section(&mut out, "Controller", m.parties.controller.as_ref());
    services_section(&mut out, m);
    subprocessor_section(&mut out, m);
    deadline_section(&mut out, m);
    other_terms_section(&mut out, m);
    compliance_section(&mut out, m);
    warning_section(&mut out, m);
    out
}

fn source_section(out: &mut String, m: &Model) {
    let d = &m.document;
    let title = d.title.as_deref().unwrap_or("(no title)");
    let _ = writeln!(out, "{title}");
    let _ = writeln!(out, "{}", "=".repeat(title.chars().count().clamp(3, 78)));
    let pages = m
        .source
        .pages
        .map(|p| format!(", {p} pages"))
        .unwrap_or_default();
    let file = m.source.file.as_deref().unwrap_or("(input)");
    let _ = writeln!(out, "File:            {file} ({}{pages})", m.source.format);
    let _ = writeln!(out, "Kind:            {}", kind_label(d.kind));
    line(out, "Version", d.version.as_deref());
    line(out, "Effective date", d.effective_date.as_deref());
    if !d.standard_terms.is_empty() {
        let _ = writeln!(out, "Standard terms:  {}", d.standard_terms.join("; "));
    }
    if d.is_template {
        let _ = writeln!(out, "Template:        yes, placeholders are not filled in");
    }
}

fn kind_label(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::DataProStatement => "Data Pro Statement",
        DocumentKind::ProcessingAgreement => "processing agreement",
        DocumentKind::Addendum => "addendum",
        DocumentKind::Other => "other",
    }
}

fn line(out: &mut String, label: &str, value: Option<&str>) {
    let _ = writeln!(
        out,
        "{:<17}{}",
        format!("{label}:"),
        value.unwrap_or(UNKNOWN)
    );
}

fn party_section(out: &mut String, role: &str, party: Option<&Party>) {
    let _ = writeln!(out, "\n{role}");
    let Some(p) = party else {
        let _ = writeln!(out, "  {UNKNOWN}");
        return;
    };
    let name = p
        .name
        .as_deref()
        .or(p.description.as_deref())
        .unwrap_or(UNKNOWN);
    let form = p
        .legal_form
        .as_deref()
        .map(|f| format!(" ({f})"))
        .unwrap_or_default();
    let _ = writeln!(out, "  Name:          {name}{form}");
    if !p.trade_names.is_empty() {
        let _ = writeln!(out, "  Trade names:   {}", p.trade_names.join(", "));
    }
    let _ = writeln!(
        out,
        "  KvK:           {}",
        p.kvk.as_deref().unwrap_or(UNKNOWN)
    );
    let _ = writeln!(
        out,
        "  Address:       {}",
        p.address
            .as_ref()
            .map(address_text)
            .unwrap_or_else(|| UNKNOWN.into())
    );
    if let Some(rep) = &p.representative {
        let _ = writeln!(out, "  Represented by {rep}");
    }
    for c in &p.contacts {
        let _ = writeln!(out, "  Contact:       {}", contact_text(c));
    }
}

fn address_text(a: &Address) -> String {
    let place = [a.postal_code.as_deref(), a.city.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let parts: Vec<&str> = [
        a.street.as_deref(),
        Some(place.as_str()),
        a.country.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect();
    if parts.is_empty() {
        UNKNOWN.to_string()
    } else {
        parts.join(", ")
    }
}

fn contact_text(c: &Contact) -> String {
    let parts: Vec<&str> = [
        c.name.as_deref(),
        c.role.as_deref(),
        c.email.as_deref(),
        c.phone.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(", ")
}

fn services_section(out: &mut String, m: &Model) {
    let _ = writeln!(out, "\nServices ({})", m.services.len());
    for s in &m.services {
        match &s.description {
            Some(d) => writeln_wrapped(out, &format!("  - {}: {d}", s.name)),
            None => {
                let _ = writeln!(out, "  - {}", s.name);
            }
        }
    }
    let p = &m.processing;
    if !p.purposes.is_empty() {
        writeln_wrapped(out, &format!("  Purposes: {}", p.purposes.join("; ")));
    }
    if !p.data_subjects.is_empty() {
        writeln_wrapped(
            out,
            &format!("  Data subjects: {}", p.data_subjects.join("; ")),
        );
    }
    if !p.data_categories.is_empty() {
        let names: Vec<&str> = p.data_categories.iter().map(|c| c.name.as_str()).collect();
        writeln_wrapped(out, &format!("  Data categories: {}", names.join("; ")));
    }
}

fn subprocessor_section(out: &mut String, m: &Model) {
    let _ = writeln!(out, "\nSub-processors ({})", m.subprocessors.len());
    let auth = m
        .subprocessor_authorisation
        .map(|a| format!("{a:?}").to_lowercase());
    let _ = writeln!(
        out,
        "  Authorisation: {}",
        auth.as_deref().unwrap_or(UNKNOWN)
    );
    if let Some(notice) = &m.subprocessor_changes.notice {
        let _ = writeln!(out, "  Notice of changes: {}", duration_text(notice));
    }
    if let Some(objection) = m.subprocessor_changes.objection {
        let _ = writeln!(out, "  Controller may object: {}", yes_no(objection));
    }
    for s in &m.subprocessors {
        writeln_wrapped(out, &format!("  - {}", subprocessor_text(s)));
    }
    let l = &m.locations;
    let eea = l.eea_only.map(yes_no).unwrap_or(UNKNOWN);
    let _ = writeln!(out, "  Processing in the EEA only: {eea}");
    if !l.exceptions.is_empty() {
        let _ = writeln!(out, "  Outside the EEA: {}", l.exceptions.join("; "));
    }
    if !l.countries.is_empty() {
        let _ = writeln!(out, "  Countries: {}", l.countries.join(", "));
    }
}

fn subprocessor_text(s: &Subprocessor) -> String {
    let countries = if s.countries.is_empty() {
        s.country.clone()
    } else {
        Some(s.countries.join("/"))
    };
    let place = match (&s.location, countries) {
        (Some(l), Some(c)) => format!("{l} ({c})"),
        (Some(l), None) => l.clone(),
        (None, Some(c)) => c,
        (None, None) => "location unknown".to_string(),
    };
    let eea = match s.within_eea {
        Some(true) => "within the EEA",
        Some(false) => "OUTSIDE the EEA",
        None => "EEA unknown",
    };
    let mut text = format!("{} — {place}, {eea}", s.name);
    if let Some(mechanism) = s.transfer_mechanism {
        let _ = write!(text, " ({mechanism:?})");
    }
    if let Some(purpose) = &s.purpose {
        let _ = write!(text, "; {purpose}");
    }
    if let Some(url) = &s.privacy_url {
        let _ = write!(text, "; {url}");
    }
    text
}

fn deadline_section(out: &mut String, m: &Model) {
    let _ = writeln!(out, "\nDeadlines");
    let b = &m.breach_notification;
    let recipient = b
        .recipient
        .as_deref()
        .map(|r| format!(" to {r}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  Breach notification:    {}{recipient}",
        opt_duration(b.deadline.as_ref())
    );
    let t = &m.termination;
    let _ = writeln!(
        out,
        "  Deletion after the end: {}",
        opt_duration(t.deletion_deadline.as_ref())
    );
    let ret = match t.return_possible {
        Some(true) => format!("possible, {}", opt_duration(t.return_deadline.as_ref())),
        Some(false) => "not possible".to_string(),
        None => UNKNOWN.to_string(),
    };
    let _ = writeln!(out, "  Return of data:         {ret}");
    let r = &m.data_subject_requests;
    let contact = r
        .contact
        .as_deref()
        .map(|c| format!(" (contact: {c})"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  Data-subject requests:  {}{contact}",
        opt_duration(r.deadline.as_ref())
    );
}

fn opt_duration(d: Option<&Duration>) -> String {
    d.map(duration_text).unwrap_or_else(|| UNKNOWN.to_string())
}

/// `24 hours (PT24H)`.
fn duration_text(d: &Duration) -> String {
    let unit = match d.unit {
        DurationUnit::Hours => "hours",
        DurationUnit::Days => "days",
        DurationUnit::BusinessDays => "business days",
        DurationUnit::Weeks => "weeks",
        DurationUnit::Months => "months",
        DurationUnit::Years => "years",
    };
    format!("{} {unit} ({})", d.value, d.iso)
}

fn other_terms_section(out: &mut String, m: &Model) {
    let _ = writeln!(out, "\nAudit, law and security");
    let _ = writeln!(out, "  Audit:          {}", audit_text(&m.audit));
    let law = m.law.governing_law.as_deref().unwrap_or(UNKNOWN);
    let _ = writeln!(out, "  Governing law:  {law}");
    let _ = writeln!(
        out,
        "  Forum:          {}",
        m.law.forum.as_deref().unwrap_or(UNKNOWN)
    );
    if !m.security.certifications.is_empty() {
        let _ = writeln!(
            out,
            "  Certifications: {}",
            m.security.certifications.join(", ")
        );
    }
    let _ = writeln!(out, "  Security measures: {}", m.security.measures.len());
    if let Some(cap) = &m.liability.cap {
        writeln_wrapped(out, &format!("  Liability cap:  {cap}"));
    }
}

fn audit_text(a: &Audit) -> String {
    let allowed = match a.allowed {
        Some(true) => "allowed",
        Some(false) => "not allowed",
        None => return UNKNOWN.to_string(),
    };
    let frequency = match a.frequency {
        Some(AuditFrequency::Yearly) => ", yearly",
        Some(AuditFrequency::OnRequest) => ", on request",
        None => "",
    };
    let cost = match a.cost_bearer {
        Some(CostBearer::Controller) => ", costs for the controller",
        Some(CostBearer::Processor) => ", costs for the processor",
        Some(CostBearer::Shared) => ", costs shared",
        None => "",
    };
    format!("{allowed}{frequency}{cost}")
}

fn compliance_section(out: &mut String, m: &Model) {
    let c = &m.compliance;
    let _ = writeln!(out, "\nArt. 28(3) GDPR");
    for r in &c.art28 {
        let status = match r.status {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::Missing => "MISSING",
        };
        let refs = if r.evidence.is_empty() {
            String::new()
        } else {
            format!("  [{}]", r.evidence.join(", "))
        };
        let _ = writeln!(out, "  {:<8}{status}{refs}", r.code);
    }
    let _ = writeln!(out, "\nFindings ({})", c.findings.len());
    for f in &c.findings {
        let severity = format!("{:?}", f.severity).to_uppercase();
        writeln_wrapped(out, &format!("  [{severity}] {}: {}", f.code, f.message));
    }
}

fn warning_section(out: &mut String, m: &Model) {
    if m.warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nWarnings ({})", m.warnings.len());
    for w in &m.warnings {
        let page = w.page.map(|p| format!(" (page {p})")).unwrap_or_default();
        let _ = writeln!(out, "  {}{page}: {}", w.code, w.message);
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// Write a line, cut at 300 characters so long clause texts stay readable.
fn writeln_wrapped(out: &mut String, text: &str) {
    const MAX: usize = 300;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => {
            let _ = writeln!(out, "{}…", &text[..cut]);
        }
        None => {
            let _ = writeln!(out, "{text}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dpa::model::{Source, Subprocessor};

    fn empty_model() -> Model {
        Model::empty(Source {
            file: Some("a.txt".into()),
            format: "text".into(),
            sha256: String::new(),
            pages: None,
            chars: 0,
        })
    }

    #[test]
    fn unknown_values_say_unknown() {
        let text = render(&empty_model());
        assert!(text.contains("KvK:           unknown"), "{text}");
        assert!(text.contains("Breach notification:    unknown"), "{text}");
    }

    #[test]
    fn subprocessors_show_eea_flag_and_country() {
        let mut m = empty_model();
        m.subprocessors.push(Subprocessor {
            name: "Voorbeeld Hosting Inc.".into(),
            location: Some("USA".into()),
            country: Some("US".into()),
            countries: vec!["US".into()],
            within_eea: Some(false),
            transfer_mechanism: None,
            purpose: Some("hosting".into()),
            privacy_url: None,
        });
        m.breach_notification.deadline = Some(Duration::new(24, DurationUnit::Hours));
        let text = render(&m);
        assert!(
            text.contains("Voorbeeld Hosting Inc. — USA (US), OUTSIDE the EEA; hosting"),
            "{text}"
        );
        assert!(text.contains("24 hours (PT24H)"), "{text}");
    }
}
