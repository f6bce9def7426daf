//! Extractor for `locations`: EEA-only or not (and the exceptions), the
//! countries named for processing, hosting and sub-processors, and the data
//! centres. Runs after the sub-processors are read.

use crate::pattern::Pattern;
use crate::scan::Words;
use crate::scan::{self, has_any};
use crate::values::clean::{clean_value, trim_span};
use crate::values::country::{city_country, find_countries};
use crate::Ctx;
use dpa_model::{Datacenter, Model};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const REGION: &str = r"(?:de\s+)?(?:EU/EER|EU/EEA|EU|EER|EEA|Europese\s+(?:Unie|Economische\s+Ruimte)|European\s+(?:Union|Economic\s+Area)|Europa)";

static ALL_INSIDE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)(?-u:\b)(?:alle|uitsluitend|alleen|volledig|all|only|exclusively)(?-u:\b)[^.]{{0,80}}(?-u:\b)(?:binnen|in|within)\s+{REGION}(?-u:\b)"
    ))
});
static OUTSIDE: LazyLock<Pattern> = LazyLock::new(|| {
    // filtered by its rare words (its first words are in most sentences)
    Pattern::with_required(
        Regex::new(&format!(
            r"(?i)(?-u:\b)(?:verwerk\w*|vindt\s+plaats|opgeslagen|gehost|processed|stored|hosted)\s+(?:\w+\s+){{0,2}}(?:buiten|outside)\s+{REGION}(?-u:\b)"
        ))
        .expect("location patterns compile"),
        r"(?i)buiten|outside",
    )
});
static REGION_IN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)(?-u:\b)(?:binnen|in|within)\s+{REGION}(?-u:\b)"
    ))
});
static EXCEPT: LazyLock<Pattern> = LazyLock::new(|| {
    // filtered by its rare words (`met`, `with` are in most sentences)
    Pattern::with_required(
        Regex::new(
            r"(?i)(?-u:\b)(?:met\s+uitzondering\s+van|behalve|except\s+for|with\s+the\s+exception\s+of)\s+(?P<x>[^.;\n]{2,80})",
        )
        .expect("location patterns compile"),
        r"(?i)uitzondering|behalve|except",
    )
});
static DATACENTERS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)datacent(?:er|ers|ra|re|res)(?-u:\b)\s*(?:van\s+(?P<owner>[^()\n.]{2,60}?)\s*)?\((?P<list>[^)]{2,200})\)",
    )
});
/// Conditions that make an "outside the EEA" sentence a rule, not a fact.
static CONDITIONAL_WORDS: Words = Words::new(&[
    "toegestaan",
    "toestemming",
    "indien",
    "niet ",
    "zonder",
    "waarborg",
    "alleen",
    "only",
    "if ",
]);

pub fn extract(ctx: &Ctx, model: &mut Model) {
    datacenters(ctx, model);
    countries(ctx, model);
    eea_only(ctx, model);
}

fn countries(ctx: &Ctx, model: &mut Model) {
    let mut codes: Vec<String> = Vec::new();
    let sp_codes = model
        .subprocessors
        .iter()
        .flat_map(|s| s.countries.iter().cloned());
    let dc_codes = model
        .locations
        .datacenters
        .iter()
        .filter_map(|d| d.country.clone());
    for c in sp_codes.chain(dc_codes) {
        if !codes.contains(&c) {
            codes.push(c);
        }
    }
    if codes.iter().any(|c| c != "EU") {
        codes.retain(|c| c != "EU");
    }
    for (i, code) in codes.iter().enumerate() {
        let from_sp = model
            .subprocessors
            .iter()
            .position(|s| s.country.as_deref() == Some(code.as_str()));
        let ev = from_sp.and_then(|j| {
            model
                .evidence
                .get(&format!("subprocessors.{j}.country"))
                .map(|e| e.span)
        });
        let ev = ev.or_else(|| {
            model
                .locations
                .datacenters
                .iter()
                .position(|d| d.country.as_deref() == Some(code.as_str()))
                .and_then(|j| {
                    model
                        .evidence
                        .get(&format!("locations.datacenters.{j}.country"))
                        .map(|e| e.span)
                })
        });
        if let Some(span) = ev {
            ctx.record(model, format!("locations.countries.{i}"), span[0]..span[1]);
        }
    }
    model.locations.countries = codes;
}

fn eea_only(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let sents = scan::all_sentences(text);
    let paras = scan::paragraphs(text);
    let (mut exceptions, first_exception) = region_exceptions(text, &sents, &paras);
    let outside = scan::ranges_pattern_may_match(text, &sents, &OUTSIDE)
        .into_iter()
        .find(|s| {
            let sent = &text[(*s).clone()];
            OUTSIDE.is_match(sent) && !has_any(sent, &CONDITIONAL_WORDS)
        });
    // the first sentence that says so
    let mut verdict: Option<(bool, Option<Range<usize>>)> = [first_exception, outside]
        .into_iter()
        .flatten()
        .min_by_key(|s| s.start)
        .map(|s| (false, Some(s.clone())));
    for (i, sp) in model.subprocessors.iter().enumerate() {
        if sp.within_eea == Some(false) {
            let span = model
                .evidence
                .get(&format!("subprocessors.{i}.name"))
                .map(|e| e.span[0]..e.span[1]);
            verdict.get_or_insert((false, span.clone()));
            if !exceptions
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case(&sp.name))
            {
                exceptions.push((sp.name.clone(), span));
            }
        }
    }
    if verdict.is_none() {
        if let Some(s) = scan::ranges_pattern_may_match(text, &sents, &ALL_INSIDE)
            .into_iter()
            .find(|s| ALL_INSIDE.is_match(&text[(*s).clone()]))
        {
            verdict = Some((true, Some(s.clone())));
        }
    }
    if let Some((v, span)) = verdict {
        model.locations.eea_only = Some(v);
        if let Some(span) = span {
            ctx.record(model, "locations.eea_only", span);
        }
    }
    for (i, (name, span)) in exceptions.into_iter().enumerate() {
        model.locations.exceptions.push(name);
        if let Some(span) = span {
            ctx.record(model, format!("locations.exceptions.{i}"), span);
        }
    }
}

/// An exception to processing inside the region, and where it is named.
type Exception = (String, Option<Range<usize>>);

/// The exceptions to processing inside the region (`met uitzondering van
/// ...` in a paragraph about the region), with the first sentence naming
/// one.
fn region_exceptions<'s>(
    text: &str,
    sents: &'s [Range<usize>],
    paras: &[Range<usize>],
) -> (Vec<Exception>, Option<&'s Range<usize>>) {
    let mut exceptions = Vec::new();
    let mut first = None;
    for s in scan::ranges_pattern_may_match(text, sents, &EXCEPT) {
        let Some(c) = EXCEPT.captures(&text[s.clone()]) else {
            continue;
        };
        let para = scan::paragraph_at(paras, s.start).unwrap_or(s.clone());
        if let (true, Some(x)) = (REGION_IN.is_match(&text[para]), c.name("x")) {
            let r = trim_span(text, s.start + x.start()..s.start + x.end());
            exceptions.push((clean_value(&text[r.clone()]), Some(r)));
            first.get_or_insert(s);
        }
    }
    (exceptions, first)
}

fn datacenters(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    for c in DATACENTERS.captures_iter(text) {
        let Some(list) = c.name("list") else { continue };
        let parts = split_list(text, list.range());
        let countries: Vec<_> = parts
            .iter()
            .map(|p| find_countries(&text[p.clone()], false))
            .collect();
        let all_countries = countries.iter().all(|c| c.len() == 1);
        if let (true, Some(owner)) = (all_countries, c.name("owner")) {
            let owner_r = trim_span(text, owner.range());
            for (p, found) in parts.iter().zip(countries.iter()) {
                let Some(f) = found.first() else { continue };
                push_dc(
                    ctx,
                    model,
                    owner_r.clone(),
                    None,
                    Some((f.code, p.start + f.range.start..p.start + f.range.end)),
                );
            }
        } else if !all_countries {
            for p in parts {
                let name = &text[p.clone()];
                let last = name.split_whitespace().last().unwrap_or("");
                let city = city_country(last).map(|code| (last.len(), code));
                let city_range = city.map(|(len, _)| p.end - len..p.end);
                let country = city.map(|(_, code)| (code, p.end - last.len()..p.end));
                push_dc(ctx, model, p.clone(), city_range, country);
            }
        }
    }
}

fn push_dc(
    ctx: &Ctx,
    model: &mut Model,
    name: Range<usize>,
    city: Option<Range<usize>>,
    country: Option<(&str, Range<usize>)>,
) {
    let text = ctx.full();
    let i = model.locations.datacenters.len();
    let dc = Datacenter {
        name: clean_value(&text[name.clone()]),
        city: city.as_ref().map(|r| text[r.clone()].to_string()),
        country: country.as_ref().map(|(c, _)| c.to_string()),
    };
    if dc.name.is_empty() {
        return;
    }
    ctx.record(model, format!("locations.datacenters.{i}.name"), name);
    if let Some(r) = city {
        ctx.record(model, format!("locations.datacenters.{i}.city"), r);
    }
    if let Some((_, r)) = country {
        ctx.record(model, format!("locations.datacenters.{i}.country"), r);
    }
    model.locations.datacenters.push(dc);
}

/// Split `A & B, C en D` / `A / B` into trimmed parts.
fn split_list(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    static SEP: LazyLock<Pattern> =
        LazyLock::new(|| Pattern::new(r"\s*(?:&|,|/|;|\s+en\s+|\s+and\s+)\s*"));
    let mut out = Vec::new();
    let mut start = r.start;
    for m in SEP.find_iter(&text[r.clone()]) {
        out.push(trim_span(text, start..r.start + m.start()));
        start = r.start + m.end();
    }
    out.push(trim_span(text, start..r.end));
    out.into_iter().filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dpa_model::{NormalizedText, Source, SourceFormat, Subprocessor};

    fn run_with(text: &str, sps: Vec<Subprocessor>) -> Model {
        let nt = NormalizedText::single_page(text.to_string(), SourceFormat::Text);
        let source = Source {
            file: None,
            format: "text".into(),
            sha256: String::new(),
            pages: None,
            chars: 0,
        };
        let mut model = Model::empty(source);
        model.subprocessors = sps;
        extract(&Ctx::new(&nt, &[]), &mut model);
        model
    }

    fn sp(name: &str, countries: &[&str], within: Option<bool>) -> Subprocessor {
        Subprocessor {
            name: name.into(),
            location: None,
            country: countries.first().map(|c| c.to_string()),
            countries: countries.iter().map(|c| c.to_string()).collect(),
            within_eea: within,
            transfer_mechanism: None,
            purpose: None,
            privacy_url: None,
        }
    }

    #[test]
    fn all_inside_the_eea() {
        let m = run_with(
            "Alle persoonsgegevens worden uitsluitend binnen de EER verwerkt.",
            vec![sp("Alfa", &["NL"], Some(true))],
        );
        assert_eq!(m.locations.eea_only, Some(true));
        assert_eq!(m.locations.countries, vec!["NL"]);
        assert!(m.locations.exceptions.is_empty());
    }

    #[test]
    fn exception_named() {
        let m = run_with(
            "Wij verwerken de gegevens binnen de EU/EER. Met uitzondering van de Support Desk.",
            vec![],
        );
        assert_eq!(m.locations.eea_only, Some(false));
        assert_eq!(m.locations.exceptions, vec!["de Support Desk"]);
    }

    #[test]
    fn outside_subprocessor_breaks_eea_only() {
        let m = run_with(
            "Alle gegevens blijven binnen de EU.",
            vec![sp("Beta", &["US"], Some(false))],
        );
        assert_eq!(m.locations.eea_only, Some(false));
        assert_eq!(m.locations.exceptions, vec!["Beta"]);
        assert_eq!(m.locations.countries, vec!["US"]);
    }

    #[test]
    fn a_rule_about_outside_is_not_a_fact() {
        let m = run_with(
            "Verwerking buiten de EER is alleen toegestaan na schriftelijke toestemming.",
            vec![],
        );
        assert_eq!(m.locations.eea_only, None);
    }

    #[test]
    fn datacenters_by_name_and_by_owner() {
        let m = run_with("De datacenters (Alfa Amsterdam & Beta Frankfurt) zijn beveiligd. Datacenters van Gamma GmbH (Duitsland / Finland).", vec![]);
        let dcs = &m.locations.datacenters;
        assert_eq!(dcs.len(), 4);
        assert_eq!(dcs[0].name, "Alfa Amsterdam");
        assert_eq!(dcs[0].city.as_deref(), Some("Amsterdam"));
        assert_eq!(dcs[1].country.as_deref(), Some("DE"));
        assert_eq!(dcs[2].name, "Gamma GmbH");
        assert_eq!(dcs[3].country.as_deref(), Some("FI"));
        assert_eq!(m.locations.countries, vec!["NL", "DE", "FI"]);
    }
}
