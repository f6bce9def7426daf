//! Extractor for `services`: in a Data Pro Statement the numbered items of
//! sections 4 (description), 5 (intended use: data) and 6 (privacy by design)
//! joined per service; in an agreement the service(s) it names.

use crate::pattern::Pattern;
use crate::values::clean;
use crate::Ctx;
use dpa_model::{DocumentKind, Model, Service};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a Data Pro Statement section holds, by words of its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Description,
    Data,
    PrivacyByDesign,
}

/// Heading words of each section (checked in this order).
const SECTION_WORDS: &[(&str, Section)] = &[
    (
        r"privacy\s*by\s*design|privacy\s+door\s+ontwerp",
        Section::PrivacyByDesign,
    ),
    (
        r"beoogd\s+gebruik|soort(?:en)?\s+(?:van\s+)?gegevens|intended\s+use|categorie[eë]n\s+gegevens",
        Section::Data,
    ),
    (
        r"omschrijving|beschrijving|description|product|dienst",
        Section::Description,
    ),
];

/// The section numbers of the NLdigital form, used when headings say nothing.
const DEFAULT_SECTIONS: &[(u32, Section)] = &[
    (4, Section::Description),
    (5, Section::Data),
    (6, Section::PrivacyByDesign),
];

static ITEM: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?m)^[ \t]*(\d{1,2})\.(\d{1,2})\.?[ \t]+(\S[^\n]*)$"));
static TOP: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?m)^[ \t]*(\d{1,2})\.?[ \t]+(\S[^\n]*)$"));
static BOUNDARY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?m)^[ \t]*(?:\d{1,2}(?:\.\d{1,2})*\.?[ \t]+\S|[A-Z][A-Z \-]{5,}$|DEEL(?-u:\b)|BIJLAGE(?-u:\b)|Bijlage(?-u:\b))",
    )
});
static SECTION_RES: LazyLock<Vec<(Regex, Section)>> = LazyLock::new(|| {
    SECTION_WORDS
        .iter()
        .map(|(p, s)| (Regex::new(&format!("(?i){p}")).expect("valid regex"), *s))
        .collect()
});
static NAMED_SERVICE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r#"(?i)(?-u:\b)(?:de|het|onze)\s+(?:dienst|product|platform|applicatie|software)\s+[“"‘']([^”"’'\n]{2,60})[”"’']"#,
    )
});

/// One numbered item (`4.3 Heading` + body).
#[derive(Debug, Clone)]
struct Item {
    major: u32,
    minor: u32,
    heading: String,
    /// The heading's comparison forms, made once (items are compared pairwise).
    name: NameKey,
    heading_span: Range<usize>,
    body: Option<(String, Range<usize>)>,
}

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let items = numbered_items(text);
    let sections = section_roles(
        text,
        &items,
        model.document.kind == DocumentKind::DataProStatement,
    );
    if sections.iter().any(|(_, s)| *s == Section::Description) {
        join_sections(ctx, model, &items, &sections);
    }
    if model.services.is_empty() {
        named_services(ctx, model, text);
    }
}

fn numbered_items(text: &str) -> Vec<Item> {
    let mut items = Vec::new();
    for c in ITEM.captures_iter(text) {
        let (Some(all), Some(h)) = (c.get(0), c.get(3)) else {
            continue;
        };
        let (Ok(major), Ok(minor)) = (c[1].parse::<u32>(), c[2].parse::<u32>()) else {
            continue;
        };
        let heading_span = clean::trim_span(text, h.range());
        let heading = clean::clean_value(&text[heading_span.clone()]);
        let body = body_after(text, all.end());
        items.push(Item {
            major,
            minor,
            name: NameKey::of(&heading),
            heading,
            heading_span,
            body,
        });
    }
    items
}

/// The text after a heading line up to the next numbered line or heading.
fn body_after(text: &str, from: usize) -> Option<(String, Range<usize>)> {
    let rest = &text[from..];
    let end = BOUNDARY.find(rest).map_or(rest.len(), |m| m.start());
    let span = clean::trim_ws(text, from..from + end);
    let raw = text.get(span.clone())?;
    let value = clean::collapse(raw);
    (!value.is_empty()).then(|| (value.trim_end_matches([' ', '\u{c}']).to_string(), span))
}

/// The role of each section number that has items.
fn section_roles(text: &str, items: &[Item], is_dps: bool) -> Vec<(u32, Section)> {
    let mut majors: Vec<u32> = items.iter().map(|i| i.major).collect();
    majors.dedup();
    let mut out: Vec<(u32, Section)> = Vec::new();
    for c in TOP.captures_iter(text) {
        let Ok(n) = c[1].parse::<u32>() else { continue };
        if !majors.contains(&n) || out.iter().any(|(m, _)| *m == n) {
            continue;
        }
        if let Some((_, s)) = SECTION_RES.iter().find(|(re, _)| re.is_match(&c[2])) {
            if !out.iter().any(|(_, x)| x == s) {
                out.push((n, *s));
            }
        }
    }
    if is_dps {
        for (n, s) in DEFAULT_SECTIONS {
            if majors.contains(n) && !out.iter().any(|(m, x)| m == n || x == s) {
                out.push((*n, *s));
            }
        }
    }
    // a description section needs at least one of the others to be a DPS-like layout
    if !is_dps && out.len() < 2 {
        out.clear();
    }
    out
}

fn join_sections(ctx: &Ctx, model: &mut Model, items: &[Item], sections: &[(u32, Section)]) {
    let major_of = |s: Section| sections.iter().find(|(_, x)| *x == s).map(|(n, _)| *n);
    let Some(desc_major) = major_of(Section::Description) else {
        return;
    };
    let of = |m: Option<u32>| -> Vec<&Item> {
        m.map_or(Vec::new(), |m| {
            items.iter().filter(|i| i.major == m).collect()
        })
    };
    let data = of(major_of(Section::Data));
    let pbd = of(major_of(Section::PrivacyByDesign));
    for item in items.iter().filter(|i| i.major == desc_major) {
        let idx = model.services.len();
        let path = format!("services.{idx}");
        ctx.record(model, format!("{path}.name"), item.heading_span.clone());
        let mut service = Service {
            name: item.heading.clone(),
            description: None,
            data: None,
            privacy_by_design: None,
        };
        if let Some((v, r)) = &item.body {
            service.description = Some(v.clone());
            ctx.record(model, format!("{path}.description"), r.clone());
        }
        if let Some((v, r)) = matching(item, &data).and_then(|m| m.body.clone()) {
            service.data = Some(v);
            ctx.record(model, format!("{path}.data"), r);
        }
        if let Some((v, r)) = matching(item, &pbd).and_then(|m| m.body.clone()) {
            service.privacy_by_design = Some(v);
            ctx.record(model, format!("{path}.privacy_by_design"), r);
        }
        model.services.push(service);
    }
}

/// The item of another section for the same service: same number and a
/// similar name, else the most similar name.
fn matching<'a>(item: &Item, others: &[&'a Item]) -> Option<&'a Item> {
    if let Some(same) = others
        .iter()
        .find(|o| o.minor == item.minor && o.name.similarity(&item.name) > 0.0)
    {
        return Some(same);
    }
    others
        .iter()
        .map(|o| (o.name.similarity(&item.name), *o))
        .filter(|(s, _)| *s >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, o)| o)
        .or_else(|| others.iter().find(|o| o.minor == item.minor).copied())
}

/// A name folded for comparison, and its distinct lower-case words.
#[derive(Debug, Clone)]
struct NameKey {
    folded: String,
    tokens: Vec<String>,
}

impl NameKey {
    fn of(name: &str) -> Self {
        let mut tokens: Vec<String> = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect();
        tokens.sort();
        tokens.dedup();
        NameKey {
            folded: clean::fold_key(name),
            tokens,
        }
    }

    /// Token overlap of two names (Jaccard), 1.0 for one contained in the other.
    fn similarity(&self, other: &NameKey) -> f64 {
        let (ka, kb) = (&self.folded, &other.folded);
        if ka.len() >= 4 && kb.len() >= 4 && (ka.contains(kb.as_str()) || kb.contains(ka.as_str()))
        {
            return 1.0;
        }
        let (ta, tb) = (&self.tokens, &other.tokens);
        if ta.is_empty() || tb.is_empty() {
            return 0.0;
        }
        let inter = ta.iter().filter(|t| tb.contains(t)).count();
        let union = ta.len() + tb.len() - inter;
        inter as f64 / union as f64
    }
}

/// `de dienst "Alfa Planner"` in an agreement.
fn named_services(ctx: &Ctx, model: &mut Model, text: &str) {
    for c in NAMED_SERVICE.captures_iter(text) {
        let Some(g) = c.get(1) else { continue };
        let name = clean::clean_value(g.as_str());
        if name.is_empty()
            || clean::is_placeholder(&name)
            || model.services.iter().any(|s| s.name == name)
        {
            continue;
        }
        let idx = model.services.len();
        ctx.record(model, format!("services.{idx}.name"), g.range());
        model.services.push(Service {
            name,
            description: None,
            data: None,
            privacy_by_design: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dpa_model::{NormalizedText, Source, SourceFormat};

    fn run(text: &str, kind: DocumentKind) -> Model {
        let nt = NormalizedText::single_page(text.to_string(), SourceFormat::Text);
        let source = Source {
            file: None,
            format: "text".into(),
            sha256: String::new(),
            pages: None,
            chars: text.len() as u64,
        };
        let mut model = Model::empty(source);
        model.document.kind = kind;
        let ctx = Ctx::new(&nt, &[]);
        extract(&ctx, &mut model);
        model
    }

    #[test]
    fn joins_dps_sections_by_number_and_name() {
        let t = "4 Omschrijving product/dienst\n\n4.1 Agenda Online\n\nEen online agenda voor praktijken.\n\n4.2 Mailbox Plus dienst\n\nHet hosten van e-mail.\n\n5 Beoogd gebruik\n\n5.1 Mailbox Plus\n\nNaam en e-mailadres.\n\n5.2 Agenda Online\n\nAfspraken en namen.\n\n6. Privacy by design is als volgt toegepast:\n\n6.1 Agenda online\n\nAlleen noodzakelijke velden.\n\nKlanten beheren zelf hun gegevens.\n\n6.2 Mailbox Plus\n\nVersleutelde opslag.\n\n7 Overig";
        let m = run(t, DocumentKind::DataProStatement);
        assert_eq!(m.services.len(), 2);
        assert_eq!(m.services[0].name, "Agenda Online");
        assert_eq!(
            m.services[0].description.as_deref(),
            Some("Een online agenda voor praktijken.")
        );
        assert_eq!(m.services[0].data.as_deref(), Some("Afspraken en namen."));
        assert_eq!(
            m.services[0].privacy_by_design.as_deref(),
            Some("Alleen noodzakelijke velden. Klanten beheren zelf hun gegevens.")
        );
        assert_eq!(m.services[1].name, "Mailbox Plus dienst");
        assert_eq!(m.services[1].data.as_deref(), Some("Naam en e-mailadres."));
        assert_eq!(m.evidence["services.1.name"].text, "Mailbox Plus dienst");
    }

    #[test]
    fn agreement_names_its_service() {
        let t = "Verwerkersovereenkomst\n\nA. Klant gebruikt de dienst \"Boekhoud Maatje\" van Leverancier.\n\n1.1 Definities\n\n1.2 Overig";
        let m = run(t, DocumentKind::ProcessingAgreement);
        assert_eq!(m.services.len(), 1);
        assert_eq!(m.services[0].name, "Boekhoud Maatje");
    }
}
