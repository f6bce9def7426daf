//! Every evidence entry of every fixture points at the text it claims
//! (`text == normalized[span]`) and that text contains the value recorded
//! under its field path (modulo normalization: legal forms, postcodes,
//! phone numbers, dates, durations, countries).

use dpa::fields::values::{country, date, duration, postcode};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Field paths whose value is derived (an enum or flag chosen from the
/// wording), so the evidence shows the wording, not the value.
const DERIVED_SUFFIXES: &[&str] = &[
    "document.kind",
    "document.language",
    "document.is_template",
    ".category",
    ".status",
    ".scheme",
    ".party",
    ".within_eea",
    ".transfer_mechanism",
    "subprocessor_authorisation",
    "subprocessor_changes.objection",
    "audit.allowed",
    "audit.frequency",
    "audit.cost_bearer",
    "termination.return_possible",
    "locations.eea_only",
    "processing.special_categories",
    "breach_notification.recipient",
];

/// Adjectives and region words that name a country code in running text.
const COUNTRY_WORDS: &[(&str, &str)] = &[
    ("nederlands", "NL"),
    ("duits", "DE"),
    ("belgisch", "BE"),
    ("iers", "IE"),
    ("amerikaans", "US"),
    ("frans", "FR"),
    ("engels", "GB"),
    ("brits", "GB"),
    ("europe", "EU"),
    ("eer", "EU"),
    ("eea", "EU"),
];

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for (dir, ext) in [("text", "txt"), ("pdf", "pdf")] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

/// Lower-case letters and digits only.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn lookup<'a>(model: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = model;
    for part in path.split('.') {
        cur = match cur {
            Value::Object(m) => m.get(part)?,
            Value::Array(a) => a.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn country_named(evidence: &str, code: &str) -> bool {
    let lower = evidence.to_lowercase();
    country::find_countries(evidence, true).iter().any(|f| f.code == code)
        || (code == "EU" && !country::find_regions(evidence).is_empty())
        || COUNTRY_WORDS.iter().any(|(w, c)| *c == code && lower.contains(w))
        // NL shown by a Dutch postcode or a KvK registration
        || (code == "NL"
            && (!postcode::find_postcodes(evidence).is_empty()
                || lower.contains("kvk")
                || lower.contains("koophandel")
                || evidence.chars().filter(char::is_ascii_digit).count() == 8))
}

fn number_in(evidence: &str, n: u64) -> bool {
    duration::find_durations(evidence)
        .iter()
        .any(|d| u64::from(d.value.value) == n)
        || evidence
            .split(|c: char| !c.is_ascii_digit() && c != '.')
            .any(|tok| tok.replace('.', "").parse::<u64>().ok() == Some(n))
}

/// Why the evidence does not show the value, if it does not.
fn containment_problem(path: &str, value: &Value, evidence: &str) -> Option<String> {
    if DERIVED_SUFFIXES.iter().any(|s| path.ends_with(s)) {
        return None;
    }
    let ok = match value {
        Value::Null => false,
        Value::Bool(_) | Value::Array(_) => true,
        Value::Number(n) => n
            .as_f64()
            .is_some_and(|f| number_in(evidence, f.trunc() as u64)),
        Value::Object(o) => match o.get("value").and_then(Value::as_u64) {
            Some(n) => number_in(evidence, n),
            None => true,
        },
        Value::String(s) => {
            let last = path.rsplit('.').next().unwrap_or("");
            let prev = path.rsplit('.').nth(1).unwrap_or("");
            if last == "phone" {
                let (v, e) = (digits(s), digits(evidence));
                v.len() >= 9 && e.contains(&v[v.len() - 9..])
            } else if last == "country" || last == "governing_law" || prev == "countries" {
                country_named(evidence, s)
            } else if s.len() == 10 && date::parse_date(s).as_deref() == Some(s.as_str()) {
                date::parse_date(evidence).as_deref() == Some(s.as_str())
                    || date::find_dates(evidence).iter().any(|(d, _)| d == s)
            } else if path == "law.forum" {
                // normalized to `rechtbank <city>` where the text names the court's city
                let city = s.strip_prefix("rechtbank ").unwrap_or(s);
                squash(evidence).contains(&squash(city))
            } else {
                let ev = squash(evidence);
                squash(s).is_empty() || ev.contains(&squash(s))
            }
        }
    };
    (!ok).then(|| format!("{path}: value {value} not in evidence {evidence:?}"))
}

#[test]
fn every_evidence_span_points_at_text_containing_its_value() {
    let opts = dpa::Options::default();
    let mut checked = 0;
    let mut problems: Vec<String> = Vec::new();
    for file in fixtures() {
        let Some(format) = dpa::Format::from_path(&file) else {
            continue;
        };
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        // unreadable PDFs (broken, encrypted, scanned) are tested elsewhere
        let Ok(text) = dpa::extract_text(&bytes, format, &opts) else {
            assert_eq!(
                format,
                dpa::Format::Pdf,
                "{} must be readable",
                file.display()
            );
            continue;
        };
        let model = dpa::analyze_path(&file, &opts).expect("a readable fixture analyzes");
        let json = serde_json::to_value(&model).expect("model serializes");
        assert!(
            !model.evidence.is_empty(),
            "{}: no evidence at all",
            file.display()
        );
        for (path, ev) in &model.evidence {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (start, end) = (ev.span[0], ev.span[1]);
            match text.text.get(start..end) {
                Some(s) if s == ev.text => {}
                _ => {
                    problems.push(format!(
                        "{name}: {path}: span {start}..{end} is not its text {:?}",
                        ev.text
                    ));
                    continue;
                }
            }
            match lookup(&json, path) {
                None => problems.push(format!(
                    "{name}: {path}: evidence for a field the model does not fill"
                )),
                Some(v) => {
                    if let Some(p) = containment_problem(path, v, &ev.text) {
                        problems.push(format!("{name}: {p}"));
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(
        problems.is_empty(),
        "{} bad evidence entries:\n{}",
        problems.len(),
        problems.join("\n")
    );
    if Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/text")
        .exists()
    {
        assert!(checked > 0, "no evidence checked");
    }
}

#[test]
fn containment_rules_accept_normalized_forms_and_reject_others() {
    use serde_json::json;
    assert_eq!(
        containment_problem("parties.processor.name", &json!("Alfa B.V."), "AlfaB.V."),
        None
    );
    assert_eq!(
        containment_problem(
            "parties.processor.address.postal_code",
            &json!("1234 AB"),
            "1234AB"
        ),
        None
    );
    assert_eq!(
        containment_problem(
            "parties.processor.contacts.0.phone",
            &json!("+31201234567"),
            "020-1234567"
        ),
        None
    );
    assert_eq!(
        containment_problem(
            "document.effective_date",
            &json!("2024-03-01"),
            "geldt vanaf 1 maart 2024"
        ),
        None
    );
    assert_eq!(
        containment_problem(
            "breach_notification.deadline",
            &json!({"value": 48, "unit": "hours", "iso": "PT48H"}),
            "binnen 48 uur"
        ),
        None
    );
    assert_eq!(
        containment_problem("law.governing_law", &json!("NL"), "Nederlands recht"),
        None
    );
    assert_eq!(
        containment_problem(
            "law.forum",
            &json!("rechtbank Utrecht"),
            "de bevoegde rechter te Utrecht"
        ),
        None
    );
    assert!(
        containment_problem("parties.processor.name", &json!("Beta B.V."), "Alfa B.V.").is_some()
    );
    assert!(
        containment_problem("parties.processor.kvk", &json!("12345678"), "KvK 87654321").is_some()
    );
    assert!(containment_problem(
        "termination.deletion_deadline",
        &json!({"value": 30, "unit": "days", "iso": "P30D"}),
        "binnen 3 maanden"
    )
    .is_some());
    assert!(containment_problem("parties.processor.name", &Value::Null, "Alfa").is_some());
}
