//! Extractor for `signatories`: filled signature blocks only (`Naam: ...`,
//! `Functie: ...`, `Plaats: ...`, `Datum: ...` under `Namens <partij>`);
//! empty lines and fill-in fields are not signatories.

use crate::scan;
use crate::values::clean::{clean_value, is_placeholder};
use crate::values::date::parse_date;
use crate::Ctx;
use dpa_model::{Model, PartyRole, Signatory};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?P<label>naam|name|functie|function|title|rol|plaats|place|datum|date)\s*(?:[:|\t]\s*)(?P<value>.*)$").expect("field compiles")
});
const PROCESSOR_WORDS: &[&str] = &["verwerker", "processor", "opdrachtnemer", "leverancier"];
const CONTROLLER_WORDS: &[&str] = &[
    "verantwoordelijke",
    "controller",
    "opdrachtgever",
    "klant",
    "customer",
];

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let mut party: Option<PartyRole> = None;
    let mut cur: Option<Signatory> = None;
    let mut spans: Vec<(String, Range<usize>)> = Vec::new();
    for l in scan::lines(text, 0..text.len()) {
        let line = &text[l.clone()];
        let lower = line.to_lowercase();
        if lower.trim_start().starts_with("namens")
            || lower.trim_start().starts_with("on behalf of")
            || lower.trim_start().starts_with("voor akkoord")
        {
            flush(ctx, model, &mut cur, &mut spans);
            party = role_of(&lower);
            continue;
        }
        let Some(c) = FIELD.captures(line) else {
            continue;
        };
        let (Some(label), Some(value)) = (c.name("label"), c.name("value")) else {
            continue;
        };
        let v = clean_value(value.as_str());
        if v.is_empty() || is_placeholder(value.as_str()) || v.chars().all(|c| c == '_' || c == '.')
        {
            continue;
        }
        let vr = l.start + value.start()..l.start + value.end();
        let sig = cur.get_or_insert_with(|| Signatory {
            party,
            ..Signatory::default()
        });
        match label.as_str().to_lowercase().as_str() {
            "naam" | "name" if sig.name.is_none() => {
                sig.name = Some(v);
                spans.push(("name".into(), vr));
            }
            "functie" | "function" | "title" | "rol" if sig.role.is_none() => {
                sig.role = Some(v);
                spans.push(("role".into(), vr));
            }
            "plaats" | "place" if sig.place.is_none() => {
                sig.place = Some(v);
                spans.push(("place".into(), vr));
            }
            "datum" | "date" if sig.date.is_none() => {
                if let Some(d) = parse_date(&v) {
                    sig.date = Some(d);
                    spans.push(("date".into(), vr));
                }
            }
            _ => {}
        }
    }
    flush(ctx, model, &mut cur, &mut spans);
}

fn role_of(lower: &str) -> Option<PartyRole> {
    if CONTROLLER_WORDS.iter().any(|w| lower.contains(w)) {
        Some(PartyRole::Controller)
    } else if PROCESSOR_WORDS.iter().any(|w| lower.contains(w)) {
        Some(PartyRole::Processor)
    } else {
        None
    }
}

fn flush(
    ctx: &Ctx,
    model: &mut Model,
    cur: &mut Option<Signatory>,
    spans: &mut Vec<(String, Range<usize>)>,
) {
    if let Some(sig) = cur.take() {
        if sig.name.is_some() {
            let i = model.signatories.len();
            for (k, r) in spans.drain(..) {
                ctx.record(model, format!("signatories.{i}.{k}"), r);
            }
            model.signatories.push(sig);
        }
    }
    spans.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use dpa_model::{NormalizedText, Source, SourceFormat};

    fn run(text: &str) -> Model {
        let nt = NormalizedText::single_page(text.to_string(), SourceFormat::Text);
        let source = Source {
            file: None,
            format: "text".into(),
            sha256: String::new(),
            pages: None,
            chars: 0,
        };
        let mut model = Model::empty(source);
        extract(&Ctx::new(&nt, &[]), &mut model);
        model
    }

    #[test]
    fn filled_block() {
        let m = run("Namens Verwerker:\nNaam: Jan Jansen\nFunctie: directeur\nPlaats: Utrecht\nDatum: 1 maart 2024\n\nNamens Opdrachtgever:\nNaam: ____________\nDatum: ____________\n");
        assert_eq!(m.signatories.len(), 1);
        let s = &m.signatories[0];
        assert_eq!(s.party, Some(PartyRole::Processor));
        assert_eq!(s.name.as_deref(), Some("Jan Jansen"));
        assert_eq!(s.place.as_deref(), Some("Utrecht"));
        assert_eq!(s.date.as_deref(), Some("2024-03-01"));
    }

    #[test]
    fn empty_block_is_not_a_signatory() {
        let m = run(
            "Namens Klant (Verwerkingsverantwoordelijke):\nNaam | ______\nFunctie | Directeur\n",
        );
        assert!(m.signatories.is_empty());
    }
}
