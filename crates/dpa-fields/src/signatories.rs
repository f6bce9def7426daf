//! Extractor for `signatories`: filled signature blocks only (`Naam: ...`,
//! `Functie: ...`, `Plaats: ...`, `Datum: ...` under `Namens <partij>`);
//! empty lines and fill-in fields are not signatories.

use crate::pattern::Pattern;
use crate::scan;
use crate::values::clean::{clean_value, is_placeholder};
use crate::values::date::parse_date;
use crate::Ctx;
use dpa_model::{Model, PartyRole, Signatory};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The labels of a signature field.
const FIELD_LABELS: &[&str] = &[
    "naam", "name", "functie", "function", "title", "rol", "plaats", "place", "datum", "date",
];
static FIELD: LazyLock<Pattern> = LazyLock::new(|| {
    let labels = FIELD_LABELS.join("|");
    Pattern::with_required(
        Regex::new(&format!(
            r"(?i)^\s*(?P<label>{labels})\s*(?:[:|\t]\s*)(?P<value>.*)$"
        ))
        .expect("field compiles"),
        &format!("(?i){labels}"),
    )
});
const PROCESSOR_WORDS: &[&str] = &[
    "verwerker",
    "bewerker",
    "processor",
    "opdrachtnemer",
    "leverancier",
    "dienstverlener",
];
/// A closing line: `Aldus overeengekomen en ondertekend te Utrecht op 20 maart 2024.`
static CLOSING: LazyLock<Pattern> = LazyLock::new(|| {
    let (leads, verbs) = (CLOSING_LEADS.join("|"), CLOSING_VERBS.join("|"));
    Pattern::with_required(
        Regex::new(&format!(r"(?i)^\s*(?:{leads})?\s*(?:{verbs})(?:\s+en\s+(?:ondertekend|getekend|opgemaakt))?(?:\s+in\s+\S+\s+\S*voud)?\s+(?:te|in|at)\s+(?P<place>(?-i:\p{{Lu}}[\w'\-]*(?:[ \-]\p{{Lu}}[\w'\-]*){{0,2}}))(?:,?\s+(?:op|d\.d\.|on)\s+(?P<date>[^.\n]*\d{{4}}))?"))
        .expect("closing compiles"),
        &format!("(?i){verbs}"),
    )
});
/// The words that may lead a closing line's verb.
const CLOSING_LEADS: &[&str] = &["aldus", "zo", r"als\s+volgt"];
/// The verbs of a closing line.
const CLOSING_VERBS: &[&str] = &[
    "overeengekomen",
    "opgemaakt",
    "ondertekend",
    "getekend",
    "signed",
];
/// A signature line under a closing: `J. de Vries, directeur`.
static NAME_ROLE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"^\s*(?P<name>(?:(?i:mr|dhr|mw|mevr|drs|dr|ir|ing|prof)\.\s+)?(?:(?:\p{Lu}\.\s?)+|\p{Lu}[\p{Ll}'\-]+\s+)(?:\p{Ll}+\s+){0,2}\p{Lu}[\p{Ll}'\-]+(?:[ \-]\p{Lu}[\p{Ll}'\-]+)?)\s*,\s*(?P<role>\p{Ll}[\p{Ll}\s\-]{1,40}?)\s*$",
    )
});
/// Lines after a closing line that may still belong to its signature block.
const CLOSING_BLOCK_LINES: usize = 12;
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
    let lines = scan::lines(text, 0..text.len());
    for l in &lines {
        let line = &text[l.clone()];
        let first = scan::first_non_blank(line);
        if BLOCK_OPENER_FIRSTS.may_open(first)
            && BLOCK_OPENERS
                .iter()
                .any(|w| starts_with_lower(line.trim_start(), w))
        {
            flush(ctx, model, &mut cur, &mut spans);
            party = role_of(&line.to_lowercase());
            continue;
        }
        if !FIELD_LABEL_FIRSTS.may_open(first) {
            continue;
        }
        let Some(c) = FIELD.captures(line) else {
            continue;
        };
        let (Some(label), Some(value)) = (c.name("label"), c.name("value")) else {
            continue;
        };
        let v = clean_value(value.as_str());
        if v.is_empty()
            || is_placeholder(value.as_str())
            || v.chars().all(|c| c == '_' || c == '.')
            || is_table_row(value.as_str())
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
    closing_block(ctx, model, &lines);
}

/// The first bytes of a list of lower-case words, for the test of
/// [`scan::may_open_with`] on a line's first char read once.
struct FirstBytes([bool; 128]);

impl FirstBytes {
    const fn of(words: &[&str]) -> Self {
        let mut table = [false; 128];
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes()[0];
            if b.is_ascii() {
                table[b as usize] = true;
            }
            i += 1;
        }
        FirstBytes(table)
    }

    /// [`scan::may_open_with`] of a line whose first non-blank char is
    /// `first` (see [`scan::may_open_at`]).
    fn may_open(&self, first: Option<char>) -> bool {
        scan::may_open_at(first, |lower| self.0[usize::from(lower)])
    }
}

static BLOCK_OPENER_FIRSTS: FirstBytes = FirstBytes::of(BLOCK_OPENERS);
static FIELD_LABEL_FIRSTS: FirstBytes = FirstBytes::of(FIELD_LABELS);
static CLOSING_LEAD_FIRSTS: FirstBytes = FirstBytes::of(CLOSING_LEADS);
static CLOSING_VERB_FIRSTS: FirstBytes = FirstBytes::of(CLOSING_VERBS);

/// Lines that open a party's signature block (lower case).
const BLOCK_OPENERS: &[&str] = &["namens", "on behalf of", "voor akkoord"];

/// Whether `text` lower-cased starts with `prefix` (lower-casing only the
/// chars compared).
fn starts_with_lower(text: &str, prefix: &str) -> bool {
    let mut lower = text.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| lower.next() == Some(p))
}

/// A value with further cells is a table row (`Naam | Dienst | Land`).
fn is_table_row(value: &str) -> bool {
    value.contains(['|', '\t'])
}

/// The party a line names: its full name or a role word.
fn party_named(model: &Model, lower: &str) -> Option<PartyRole> {
    let has =
        |n: Option<&str>| n.is_some_and(|n| !n.is_empty() && lower.contains(&n.to_lowercase()));
    let controller = model
        .parties
        .controller
        .as_ref()
        .and_then(|c| c.name.as_deref());
    if has(model.parties.processor.name.as_deref()) {
        Some(PartyRole::Processor)
    } else if has(controller) {
        Some(PartyRole::Controller)
    } else {
        role_of(lower)
    }
}

/// `Aldus overeengekomen ... te <plaats> op <datum>.` followed by party
/// names and `Naam, functie` lines.
fn closing_block(ctx: &Ctx, model: &mut Model, lines: &[Range<usize>]) {
    let text = ctx.full();
    let Some((i, caps)) = lines
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, l)| closing_captures(&text[l.clone()]).map(|c| (i, c)))
    else {
        return;
    };
    let base = lines[i].start;
    let place = caps.name("place").map(|m| base + m.start()..base + m.end());
    let date = caps
        .name("date")
        .and_then(|m| parse_date(m.as_str()).map(|d| (d, base + m.start()..base + m.end())));
    let mut party = None;
    for l in lines.iter().skip(i + 1).take(CLOSING_BLOCK_LINES) {
        let line = &text[l.clone()];
        let Some(c) = NAME_ROLE.captures(line) else {
            party = party_named(model, &line.to_lowercase()).or(party);
            continue;
        };
        let (Some(name), Some(role)) = (c.name("name"), c.name("role")) else {
            continue;
        };
        let name_v = clean_value(name.as_str());
        if model
            .signatories
            .iter()
            .any(|s| s.name.as_deref() == Some(&name_v))
        {
            continue;
        }
        let n = model.signatories.len();
        let mut rec =
            |k: &str, r: Range<usize>| ctx.record(model, format!("signatories.{n}.{k}"), r);
        rec("name", l.start + name.start()..l.start + name.end());
        rec("role", l.start + role.start()..l.start + role.end());
        if let Some(p) = &place {
            rec("place", p.clone());
        }
        if let Some((_, d)) = &date {
            rec("date", d.clone());
        }
        model.signatories.push(Signatory {
            party,
            name: Some(name_v),
            role: Some(clean_value(role.as_str())),
            place: place.as_ref().map(|p| clean_value(&text[p.clone()])),
            date: date.as_ref().map(|d| d.0.clone()),
        });
    }
}

/// [`CLOSING`]'s captures of `line`, not searched in a line that no lead
/// word or verb can open.
fn closing_captures(line: &str) -> Option<regex::Captures<'_>> {
    let first = scan::first_non_blank(line);
    let may_open = CLOSING_LEAD_FIRSTS.may_open(first) || CLOSING_VERB_FIRSTS.may_open(first);
    may_open.then(|| CLOSING.captures(line)).flatten()
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
        crate::ctx::run_extractor(text, extract)
    }

    #[test]
    fn block_openers_compare_lower_cased() {
        assert!(starts_with_lower("NAMENS de klant", "namens"));
        assert!(starts_with_lower("Voor Akkoord:", "voor akkoord"));
        assert!(!starts_with_lower("Name", "namens"));
        assert!(!starts_with_lower("", "namens"));
    }

    #[test]
    fn first_byte_tables_answer_as_may_open_with() {
        let lists: [(&FirstBytes, &[&str]); 4] = [
            (&BLOCK_OPENER_FIRSTS, BLOCK_OPENERS),
            (&FIELD_LABEL_FIRSTS, FIELD_LABELS),
            (&CLOSING_LEAD_FIRSTS, CLOSING_LEADS),
            (&CLOSING_VERB_FIRSTS, CLOSING_VERBS),
        ];
        let mut lines: Vec<String> = [
            "",
            "   ",
            "\u{a0}Naam: x",
            "\u{2003}\tNamens",
            "Éen",
            "ſigned",
            " \tDatum",
            "NAMENS",
            "zo",
            "7 punt",
            "[",
            "\u{c}Plaats",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        lines.extend((0u8..128).map(|b| format!(" {}x", char::from(b))));
        for t in crate::test_fixtures::raw_texts() {
            lines.extend(t.lines().map(str::to_string));
        }
        for line in &lines {
            for (table, words) in lists {
                let expected = scan::may_open_with(line, words);
                assert_eq!(
                    table.may_open(scan::first_non_blank(line)),
                    expected,
                    "{line:?}"
                );
            }
        }
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
    fn closing_block_with_name_and_role() {
        let mut model = Model::empty(Source {
            file: None,
            format: "text".into(),
            sha256: String::new(),
            pages: None,
            chars: 0,
        });
        model.parties.processor.name = Some("Pannenkoek Software B.V.".into());
        let text = "Naam | Dienst | Land\nHostingbedrijf | opslag | Duitsland\n\nAldus overeengekomen en getekend te Leiden op 3 februari 2025.\n\nPannenkoek Software B.V.\nA.B. Smit, algemeen directeur\n\n______________________\n";
        let nt = NormalizedText::single_page(text.to_string(), SourceFormat::Text);
        extract(&Ctx::new(&nt, &[]), &mut model);
        assert_eq!(model.signatories.len(), 1);
        let s = &model.signatories[0];
        assert_eq!(s.name.as_deref(), Some("A.B. Smit"));
        assert_eq!(s.role.as_deref(), Some("algemeen directeur"));
        assert_eq!(s.place.as_deref(), Some("Leiden"));
        assert_eq!(s.date.as_deref(), Some("2025-02-03"));
        assert_eq!(s.party, Some(PartyRole::Processor));
        let m = run("Aldus opgemaakt te Gouda op 2 juni 2025.\n\nmr. C. Visser, bestuurder\n");
        assert_eq!(m.signatories[0].name.as_deref(), Some("mr. C. Visser"));
    }

    #[test]
    fn table_header_is_not_a_signatory() {
        let m = run("Naam | Dienst | Vestigingsland\nWolk Ltd | hosting | Ierland\n");
        assert!(m.signatories.is_empty());
    }

    #[test]
    fn empty_block_is_not_a_signatory() {
        let m = run(
            "Namens Klant (Verwerkingsverantwoordelijke):\nNaam | ______\nFunctie | Directeur\n",
        );
        assert!(m.signatories.is_empty());
    }
}
