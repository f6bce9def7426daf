//! Extractor for `subprocessors`, `subprocessor_authorisation` and
//! `subprocessor_changes`.
//!
//! Sub-processors come from tables in any layout the text stage leaves:
//! tab- or pipe-separated rows, a table whose cells a PDF broke into one
//! paragraph each, or a bullet list `Naam (doel, locatie)` after an intro
//! that names sub-processors.

use crate::pattern::Pattern;
use crate::scan::{self, has_any, Table};
use crate::scan::{words, Words};
use crate::values::clean::{self, clean_value, collapse, trim_span};
use crate::values::country::{find_countries, find_regions, is_eea};
use crate::values::duration::find_durations;
use crate::Ctx;
use aho_corasick::AhoCorasick;
use dpa_model::{Authorisation, Model, Subprocessor, TransferMechanism};
use std::ops::Range;
use std::sync::LazyLock;

/// Words naming a sub-processor (Dutch and English, common misspellings).
const SUBPROCESSOR_WORD_LIST: &[&str] = &[
    "sub-verwerker",
    "subverwerker",
    "sub-processor",
    "subprocessor",
    "sub-procesor",
    "subprocesor",
    "sub-bewerker",
    "subbewerker",
    "onderaannemer",
];
pub(crate) static SUBPROCESSOR_WORDS: Words = Words::new(SUBPROCESSOR_WORD_LIST);

/// The role of a table column, read from its header cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Name,
    Location,
    EeaFlag,
    Purpose,
    Url,
    Mechanism,
    Other,
}

/// Header vocabulary per column role: `(role, substrings, whole words)`,
/// checked in this order.
const HEADER_VOCAB: &[(Col, &[&str], &[&str])] = &[
    (
        Col::EeaFlag,
        &[
            "binnen de eu",
            "binnen eu",
            "binnen de eer",
            "within the eu",
            "within the eea",
            "in eer",
        ],
        &[],
    ),
    (
        Col::Mechanism,
        &[
            "waarborg",
            "doorgifte",
            "mechanism",
            "transfer",
            "safeguard",
            "grondslag",
        ],
        &[],
    ),
    (Col::Url, &["privacy", "url", "link", "website"], &[]),
    (
        Col::Location,
        &[
            "locatie",
            "vestiging",
            "location",
            "country",
            "regio",
            "region",
            "hosting",
        ],
        &["land", "waar"],
    ),
    (
        Col::Purpose,
        &[
            "doel",
            "dienst",
            "functie",
            "waarvoor",
            "purpose",
            "service",
            "activiteit",
            "omschrijving",
            "taak",
        ],
        &["rol"],
    ),
    (
        Col::Name,
        &[
            "sub-verwerker",
            "subverwerker",
            "sub-processor",
            "subprocessor",
            "sub-procesor",
            "leverancier",
            "dienstverlener",
            "provider",
            "vendor",
        ],
        &["partij", "naam", "name", "bedrijf", "verwerker"],
    ),
    (
        Col::Other,
        &["conformiteit", "status", "opmerking", "dpa", "certific"],
        &[],
    ),
];

static URL: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r#"(?i)(?-u:\b)https?://[^\s<>"']+|(?-u:\b)www\.[^\s<>"']+"#));
static UNKNOWN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)<?\s*(?:niet bekend|onbekend|unknown|n\.?v\.?t\.?|nvt)\s*>?")
});
static WORLDWIDE: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)wereldwijd|worldwide|global"));
static YES_NO: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)^\s*(ja|nee|yes|no)(?-u:\b)[\s,;:–-]*"));

/// Transfer mechanisms and the phrases that name them.
const MECHANISM_PATTERNS: &[(TransferMechanism, &str)] = &[
    (
        TransferMechanism::Scc,
        r"(?-u:\b)SCCs?(?-u:\b)|(?-u:\b)SCC['’]s|(?i:standaard\s*contract(?:uele)?\s*(?:bepalingen|clausules)|standaardcontractbepalingen|modelcontractbepalingen|model\s*clauses|standard\s+contractual\s+clauses)",
    ),
    (
        TransferMechanism::Dpf,
        r"(?-u:\b)DPF(?-u:\b)|(?i:data\s+privacy\s+framework|privacy\s+shield)",
    ),
    (
        TransferMechanism::Bcr,
        r"(?-u:\b)BCRs?(?-u:\b)|(?i:binding\s+corporate\s+rules|bindende\s+bedrijfsvoorschriften)",
    ),
    (
        TransferMechanism::Adequacy,
        r"(?i:adequaatheids?\w*|adequacy\s+decision|adequate\s+level\s+of\s+protection)",
    ),
];

/// The mechanism patterns (a cell of the document without their words is
/// not searched: the word index shows it).
static MECHANISMS: LazyLock<Vec<(TransferMechanism, Pattern)>> = LazyLock::new(|| {
    MECHANISM_PATTERNS
        .iter()
        .map(|(m, p)| (*m, Pattern::new(p)))
        .collect()
});

/// Words one of which (compared ASCII case-insensitively) every match of
/// a [`MECHANISM_PATTERNS`] entry holds in an ASCII text: `SCC`,
/// `standaard...`/`standard...`, `model...`, `DPF`, `privacy` and a white
/// space char (`data privacy framework`, `privacy shield`; in ASCII `\s`
/// is one of six bytes), `BCR`, `binding`/`bindende`, `adequa...`. (A
/// privacy statement's address, `.../privacy/`, has none.)
const MECHANISM_WORDS: &[&str] = &[
    "scc",
    "standa",
    "model",
    "dpf",
    "privacy ",
    "privacy\t",
    "privacy\n",
    "privacy\u{b}",
    "privacy\u{c}",
    "privacy\r",
    "bcr",
    "bind",
    "adequa",
];

static MECHANISM_WORD_SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(MECHANISM_WORDS)
        .expect("the mechanism words build a searcher")
});

/// False when no mechanism pattern can match in `text`: an ASCII text
/// without any of [`MECHANISM_WORDS`] (most table cells). In an ASCII
/// text a case-insensitive pattern matches ASCII letters only, so a match
/// holds one of the words in some case.
fn may_name_mechanism(text: &str) -> bool {
    !text.is_ascii() || MECHANISM_WORD_SEARCH.is_match(text)
}

/// The first transfer mechanism named in `text`, with its range.
pub(crate) fn find_mechanism(text: &str) -> Option<(TransferMechanism, Range<usize>)> {
    if !may_name_mechanism(text) {
        return None;
    }
    MECHANISMS
        .iter()
        .filter_map(|(m, re)| re.find(text).map(|f| (*m, f.range())))
        .min_by_key(|(_, r)| r.start)
}

fn column_role(header: &str) -> Option<Col> {
    // an ASCII header lower-cased without decoding (the same string)
    let lower = clean::lower_case(header);
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    HEADER_VOCAB
        .iter()
        .find(|(_, subs, whole)| {
            subs.iter().any(|s| holds(&lower, s)) || whole.iter().any(|w| words.contains(w))
        })
        .map(|(c, _, _)| *c)
}

/// Whether `hay` contains `needle`: compared in place at each byte (for a
/// header cell, a few dozen bytes, cheaper than setting up a substring
/// searcher per word).
fn holds(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    match needle.split_first() {
        None => true,
        Some((first, tail)) => hay
            .iter()
            .enumerate()
            .filter(|(_, b)| *b == first)
            .any(|(i, _)| hay[i + 1..].starts_with(tail)),
    }
}

/// One sub-processor read from the text, with the ranges it came from.
#[derive(Debug, Clone, Default)]
struct Found {
    name: Range<usize>,
    location: Option<Range<usize>>,
    flag: Option<(bool, Range<usize>)>,
    purpose: Option<Range<usize>>,
    url_cell: Option<Range<usize>>,
    mechanism_cells: Vec<Range<usize>>,
}

fn roles_of(text: &str, header: &[Range<usize>]) -> Vec<Col> {
    let mut roles: Vec<Col> = header
        .iter()
        .map(|c| column_role(&text[c.clone()]).unwrap_or(Col::Other))
        .collect();
    if !roles.contains(&Col::Name) {
        if let Some(first) = roles
            .iter()
            .position(|r| *r == Col::Other || *r == Col::Purpose)
        {
            roles[first] = Col::Name;
        }
    }
    roles
}

fn is_subprocessor_table(text: &str, table: &Table, near_subprocessors: bool) -> bool {
    let Some(header) = table.rows.first() else {
        return false;
    };
    if table.rows.len() < 2 {
        return false;
    }
    let header_text = text[header.range.clone()].to_lowercase();
    let roles = roles_of(text, &header.cells);
    let names_subprocessor = has_any(&header_text, &SUBPROCESSOR_WORDS);
    let has_place = roles
        .iter()
        .any(|r| matches!(r, Col::Location | Col::EeaFlag | Col::Url | Col::Mechanism));
    names_subprocessor || (has_place && near_subprocessors && roles.contains(&Col::Name))
}

fn rows_of_table(text: &str, table: &Table) -> Vec<Found> {
    let roles = roles_of(text, &table.rows[0].cells);
    let mut out = Vec::new();
    for row in &table.rows[1..] {
        let mut f = Found::default();
        let mut named = false;
        for (cell, role) in row.cells.iter().zip(roles.iter()) {
            let cell = trim_span(text, cell.clone());
            if cell.is_empty() {
                continue;
            }
            match role {
                Col::Name if !named => {
                    f.name = cell.clone();
                    named = true;
                }
                Col::Location => f.location = Some(cell.clone()),
                Col::EeaFlag => read_flag(text, cell.clone(), &mut f),
                Col::Purpose if f.purpose.is_none() => f.purpose = Some(cell.clone()),
                Col::Url => f.url_cell = Some(cell.clone()),
                Col::Mechanism => f.mechanism_cells.push(cell.clone()),
                _ => {}
            }
            if !matches!(role, Col::Name) {
                f.mechanism_cells.push(cell);
            }
        }
        if named && !crate::values::clean::is_placeholder(&text[f.name.clone()]) {
            out.push(f);
        }
    }
    out
}

/// A yes/no "within the EU/EEA" cell; text after the answer is a location
/// (`Nee, USA`).
fn read_flag(text: &str, cell: Range<usize>, f: &mut Found) {
    let s = &text[cell.clone()];
    if let Some(YesNo { yes, answer, end }) = yes_no(s) {
        f.flag = Some((yes, cell.start + answer.start..cell.start + answer.end));
        let rest = trim_span(text, cell.start + end..cell.end);
        if !rest.is_empty() && f.location.is_none() {
            f.location = Some(rest);
        }
    } else if f.location.is_none() {
        f.location = Some(cell);
    }
}

/// A [`YES_NO`] match: whether the answer is yes, its range, and where
/// the match (with the separators after it) ends.
#[derive(Debug, PartialEq, Eq)]
struct YesNo {
    yes: bool,
    answer: Range<usize>,
    end: usize,
}

/// The answers of [`YES_NO`], in the order of its alternation.
const ANSWERS: [(&str, bool); 4] = [("ja", true), ("nee", false), ("yes", true), ("no", false)];

/// [`YES_NO`] of `s`, read directly where the answer is ASCII; the regex
/// reads an answer with a char outside ASCII (`ſ` matches `s` there).
fn yes_no(s: &str) -> Option<YesNo> {
    let start = s.len() - s.trim_start().len();
    let rest = &s.as_bytes()[start..];
    if !rest.iter().take(3).all(u8::is_ascii) {
        return yes_no_by_regex(s);
    }
    let (word, yes) = ANSWERS.iter().find(|(word, _)| {
        rest.get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word.as_bytes()))
            // `(?-u:\b)`: no ASCII word byte follows
            && rest
                .get(word.len())
                .map_or(true, |b| !(b.is_ascii_alphanumeric() || *b == b'_'))
    })?;
    let answer = start..start + word.len();
    let tail = &s[answer.end..];
    let seps = tail.trim_start_matches(|c: char| c.is_whitespace() || ",;:–-".contains(c));
    Some(YesNo {
        yes: *yes,
        end: s.len() - seps.len(),
        answer,
    })
}

/// [`yes_no`] by the regex.
fn yes_no_by_regex(s: &str) -> Option<YesNo> {
    let c = YES_NO.captures(s)?;
    let answer = c.get(1)?;
    let word = answer.as_str().to_lowercase();
    Some(YesNo {
        yes: word == "ja" || word == "yes",
        answer: answer.range(),
        end: c.get(0).map_or(0, |m| m.end()),
    })
}

/// Paragraph-per-cell tables (a PDF's table flattened): a header paragraph
/// naming sub-processors and other column words, then one paragraph per cell.
fn broken_tables(text: &str) -> Vec<Found> {
    const RAW_HEADERS: &[(Col, &[&str])] = &[
        (Col::Name, SUBPROCESSOR_WORD_LIST),
        (Col::EeaFlag, &["binnen de eu", "binnen de eer"]),
        (
            Col::Location,
            &["locatie", "vestiging", "land ", "location", "country"],
        ),
        (Col::Purpose, &["doel", "dienst", "functie", "purpose"]),
        (Col::Url, &["privacy", "url", "website"]),
        (Col::Mechanism, &["waarborg", "doorgifte", "mechanisme"]),
        (Col::Other, &["conformiteit", "status", "opmerking"]),
    ];
    let paras = scan::paragraphs(text);
    let mut out = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        let roles = scan::with_lowered(&text[p.clone()], |head| header_columns(head, RAW_HEADERS));
        let Some(roles) = roles else {
            continue;
        };
        let cells: Vec<Range<usize>> = paras[i + 1..]
            .iter()
            .take_while(|c| is_cell(&text[(*c).clone()]))
            .cloned()
            .collect();
        for chunk in cells.chunks(roles.len()).filter(|c| c.len() == roles.len()) {
            let mut f = Found {
                name: chunk[0].clone(),
                ..Found::default()
            };
            for (cell, role) in chunk.iter().zip(roles.iter()).skip(1) {
                match role {
                    Col::Location => f.location = Some(cell.clone()),
                    Col::EeaFlag => read_flag(text, cell.clone(), &mut f),
                    Col::Purpose => f.purpose = Some(cell.clone()),
                    Col::Url => f.url_cell = Some(cell.clone()),
                    _ => f.mechanism_cells.push(cell.clone()),
                }
            }
            out.push(f);
        }
    }
    out
}

/// The columns a lower-cased header paragraph of a flattened table names,
/// in order (the sub-processor's name first); `None` for another paragraph.
fn header_columns(head: &str, headers: &[(Col, &[&str])]) -> Option<Vec<Col>> {
    // the test that fails on nearly every paragraph first
    let head_start = head.trim_start();
    if !scan::may_open_with(head_start, SUBPROCESSOR_WORD_LIST)
        || !SUBPROCESSOR_WORDS.iter().any(|w| head_start.starts_with(w))
        || head.contains('\t')
        || head.contains(" | ")
    {
        return None;
    }
    let mut hits: Vec<(usize, Col)> = Vec::new();
    for (col, words) in headers {
        if let Some(pos) = words.iter().filter_map(|w| head.find(w)).min() {
            hits.push((pos, *col));
        }
    }
    hits.sort_by_key(|h| h.0);
    let roles: Vec<Col> = hits.into_iter().map(|h| h.1).collect();
    let is_header =
        roles.len() >= 2 && roles[0] == Col::Name && head.split_whitespace().count() <= 14;
    is_header.then_some(roles)
}

/// A short paragraph that can be a table cell (not prose, not a heading).
fn is_cell(p: &str) -> bool {
    let words = p.split_whitespace().count();
    let t = p.trim();
    let prose = t.ends_with('.') && words > 4;
    words <= 10 && !prose && !t.ends_with(':') && !t.contains('\t')
}

static BULLET_ENTRY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"^(?P<name>[^(:–—]{2,80}?)\s*(?:\((?P<paren>[^)]{2,200})\)|[:–—]\s*(?P<rest>.{2,200}))\s*[.;,]?$",
    )
});

/// Bullet lists after an intro naming sub-processors: `Naam (doel, locatie)`.
fn bullet_lists(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let sentences = scan::all_sentences(text);
    // the sentences naming sub-processors (from the word index), in order
    for s in scan::ranges_holding(text, &sentences, &SUBPROCESSOR_WORDS) {
        if !scan::ends_with_colon(text, s) {
            continue;
        }
        for item in scan::list_after(text, s.end) {
            let line = &text[item.clone()];
            let Some(c) = BULLET_ENTRY.captures(line) else {
                continue;
            };
            let (Some(name), Some(detail)) = (c.name("name"), c.name("paren").or(c.name("rest")))
            else {
                continue;
            };
            let name = trim_span(text, item.start + name.start()..item.start + name.end());
            let detail = item.start + detail.start()..item.start + detail.end();
            let mut f = Found {
                name,
                ..Found::default()
            };
            for part in split_parts(text, detail) {
                let has_place = !find_countries(&text[part.clone()], true).is_empty()
                    || !find_regions(&text[part.clone()]).is_empty();
                if has_place && f.location.is_none() {
                    f.location = Some(part);
                } else if f.purpose.is_none() {
                    f.purpose = Some(part);
                }
            }
            out.push(f);
        }
    }
    out
}

fn split_parts(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    for (i, c) in text[r.clone()].char_indices() {
        if c == ',' || c == ';' {
            out.push(trim_span(text, start..r.start + i));
            start = r.start + i + 1;
        }
    }
    out.push(trim_span(text, start..r.end));
    out.into_iter().filter(|p| !p.is_empty()).collect()
}

fn near_subprocessor_regions(ctx: &Ctx) -> Vec<Range<usize>> {
    scan::topic_regions(
        ctx,
        dpa_model::ClauseKind::Subprocessors,
        &[&SUBPROCESSOR_WORDS, words!["inschakel"]],
    )
}

/// The sub-processors of the document; `regions` are the parts about them.
fn collect(ctx: &Ctx, regions: &[Range<usize>]) -> Vec<Found> {
    let text = ctx.full();
    let mut found: Vec<Found> = Vec::new();
    for t in scan::tables(text) {
        let near = t
            .rows
            .first()
            .is_some_and(|r| scan::inside(regions, r.range.start));
        if is_subprocessor_table(text, &t, near) {
            found.extend(rows_of_table(text, &t));
        }
    }
    if found.is_empty() {
        found = broken_tables(text);
    }
    if found.is_empty() {
        found = bullet_lists(text);
    }
    let mut seen: Vec<String> = Vec::new();
    found.retain(|f| {
        let key = clean::lower_case(&collapse(&text[f.name.clone()]));
        let fresh = !key.is_empty() && !seen.contains(&key);
        seen.push(key);
        fresh
    });
    found
}

/// The first transfer mechanism the document names in a sentence about
/// transfers outside the EU/EEA.
fn document_mechanism(text: &str) -> Option<(TransferMechanism, Range<usize>)> {
    static TRANSFER_WORDS: Words = Words::new(&[
        "buiten de e",
        "doorgifte",
        "derde land",
        "derde landen",
        "outside the e",
        "transfer",
    ]);
    scan::with_all_sentences(text, |sents| {
        scan::ranges_holding(text, sents, &TRANSFER_WORDS)
            .into_iter()
            .find_map(|s| {
                let sent = &text[s.clone()];
                find_mechanism(sent).map(|(m, r)| (m, s.start + r.start..s.start + r.end))
            })
    })
}

fn build(
    ctx: &Ctx,
    model: &mut Model,
    f: &Found,
    doc_mech: Option<&(TransferMechanism, Range<usize>)>,
) {
    let text = ctx.full();
    let i = model.subprocessors.len();
    // the field paths share their head (built once: `format!` per path
    // costs more than the copy)
    let head = format!("subprocessors.{i}.");
    let path = |k: &str| [head.as_str(), k].concat();
    let name = clean_value(&text[f.name.clone()]);
    if name.is_empty() {
        return;
    }
    let mut sp = Subprocessor {
        name,
        location: None,
        country: None,
        countries: Vec::new(),
        within_eea: None,
        transfer_mechanism: None,
        purpose: None,
        privacy_url: None,
    };
    ctx.record(model, path("name"), f.name.clone());
    if let Some(loc) = &f.location {
        let loc_text = &text[loc.clone()];
        if !UNKNOWN.is_match(loc_text) || loc_text.len() > 12 {
            sp.location = Some(clean_value(loc_text));
            ctx.record(model, path("location"), loc.clone());
        }
        let found = find_countries(loc_text, true);
        for c in &found {
            if !sp.countries.iter().any(|x| x == c.code) {
                sp.countries.push(c.code.to_string());
            }
        }
        if let Some(first) = found.first() {
            sp.country = Some(first.code.to_string());
            ctx.record(
                model,
                path("country"),
                loc.start + first.range.start..loc.start + first.range.end,
            );
        } else if let Some(r) = find_regions(loc_text).first() {
            sp.countries.push("EU".to_string());
            sp.country = Some("EU".to_string());
            ctx.record(
                model,
                path("country"),
                loc.start + r.start..loc.start + r.end,
            );
        }
        if !sp.countries.is_empty() || WORLDWIDE.is_match(loc_text) {
            let outside = WORLDWIDE.is_match(loc_text) || sp.countries.iter().any(|c| !is_eea(c));
            sp.within_eea = Some(!outside);
            ctx.record(model, path("within_eea"), loc.clone());
        }
    }
    if let Some((yes, r)) = &f.flag {
        let outside_named = sp.countries.iter().any(|c| !is_eea(c));
        sp.within_eea = Some(*yes && !outside_named);
        ctx.record(model, path("within_eea"), r.clone());
    }
    if let Some(p) = &f.purpose {
        sp.purpose = Some(clean_value(&text[p.clone()]));
        ctx.record(model, path("purpose"), p.clone());
    }
    let url_cells: Vec<Range<usize>> = f
        .url_cell
        .iter()
        .cloned()
        .chain(f.mechanism_cells.iter().cloned())
        .collect();
    if let Some(u) = url_cells.iter().find_map(|c| {
        URL.find(&text[c.clone()])
            .map(|m| c.start + m.start()..c.start + m.end())
    }) {
        let u = trim_url(text, u);
        sp.privacy_url = Some(text[u.clone()].to_string());
        ctx.record(model, path("privacy_url"), u);
    }
    let mut cells: Vec<Range<usize>> = f.mechanism_cells.clone();
    cells.extend(f.location.iter().cloned());
    cells.sort_by_key(|c| c.start);
    if let Some((m, r)) = cells.iter().find_map(|c| {
        find_mechanism(&text[c.clone()]).map(|(m, r)| (m, c.start + r.start..c.start + r.end))
    }) {
        sp.transfer_mechanism = Some(m);
        ctx.record(model, path("transfer_mechanism"), r);
    } else if let (Some(false), Some((m, r))) = (sp.within_eea, doc_mech) {
        sp.transfer_mechanism = Some(*m);
        ctx.record(model, path("transfer_mechanism"), r.clone());
    }
    model.subprocessors.push(sp);
}

fn trim_url(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let t = s.trim_end_matches(['.', ',', ';', ':', ')', ']', '!', '?', '\'', '"']);
    r.start..r.start + t.len()
}

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let regions = near_subprocessor_regions(ctx);
    let found = collect(ctx, &regions);
    let doc_mech = document_mechanism(ctx.full());
    for f in &found {
        build(ctx, model, f, doc_mech.as_ref());
    }
    authorisation(ctx, model, &regions);
    changes(ctx, model, &regions);
}

static GENERAL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)algemene\s+(?:schriftelijke\s+|voorafgaande\s+)*(?:toestemming|machtiging|autorisatie)|(?-u:\b)general\s+(?:prior\s+|written\s+)*(?:authori[sz]ation|consent)",
    )
});
static SPECIFIC: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:specifieke|voorafgaande|uitdrukkelijke)\s+(?:schriftelijke\s+)?(?:toestemming|goedkeuring)|(?-u:\b)specific\s+(?:prior\s+|written\s+)*(?:authori[sz]ation|consent)|(?-u:\b)prior\s+(?:specific\s+)?written\s+(?:authori[sz]ation|consent)|toestemming\s+(?:voor|om)\s+(?:de\s+)?(?:bovengenoemde|hieronder\s+genoemde|genoemde|volgende)",
    )
});
static MAY_ENGAGE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:mag|mogen|is\s+gerechtigd|is\s+bevoegd|may)(?-u:\b)[^.]{0,60}(?-u:\b)(?:inschakelen|in\s+te\s+schakelen|engage)|informeert[^.]{0,60}(?-u:\b)(?:over|van)(?-u:\b)[^.]{0,30}(?-u:\b)wijzigingen",
    )
});

/// The sentences that name sub-processors or lie in `regions`.
fn subprocessor_sentences(ctx: &Ctx, regions: &[Range<usize>]) -> Vec<Range<usize>> {
    let text = ctx.full();
    scan::with_all_sentences(text, |sents| {
        scan::ranges_holding_or_inside(text, sents, &SUBPROCESSOR_WORDS, regions)
            .into_iter()
            .cloned()
            .collect()
    })
}

fn authorisation(ctx: &Ctx, model: &mut Model, regions: &[Range<usize>]) {
    let text = ctx.full();
    let sents = subprocessor_sentences(ctx, regions);
    // the patterns' filters skip the sentences without their words
    let find = |re: &Pattern| {
        sents
            .iter()
            .find(|s| re.is_match(&text[(*s).clone()]))
            .cloned()
    };
    let (value, span) = if let Some(s) = find(&GENERAL) {
        (Authorisation::General, s)
    } else if let Some(s) = find(&SPECIFIC) {
        (Authorisation::Specific, s)
    } else if let Some(s) = find(&MAY_ENGAGE) {
        (Authorisation::General, s)
    } else {
        return;
    };
    model.subprocessor_authorisation = Some(value);
    ctx.record(model, "subprocessor_authorisation", span);
}

static CHANGE_WORDS: Words = Words::new(&[
    "nieuwe",
    "toevoeg",
    "vervang",
    "wijziging",
    "new sub",
    "change",
    "inschakelen van",
]);
static OBJECTION_WORDS: Words = Words::new(&["bezwaar", "object"]);
/// Words saying a period comes before the change (`vier weken vooraf`).
static ADVANCE_WORDS: Words = Words::new(&[
    "vooraf",
    "voordat",
    "van tevoren",
    "voorafgaand",
    "voor de inzet",
    "voor het inschakelen",
    "in advance",
    "prior",
    "before",
]);

/// The parts of a sentence between `;` (a notice and an objection right
/// are often two halves of one sentence).
fn sentence_parts(sent: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    sent.split(';').map(move |p| {
        let start = at;
        at += p.len() + 1;
        (start, p)
    })
}

/// The sentences of `text` in a paragraph naming sub-processors or
/// inside `regions`.
fn change_sentences(text: &str, regions: &[Range<usize>]) -> Vec<Range<usize>> {
    let paras = scan::paragraphs(text);
    // the paragraphs naming sub-processors, found from the word index
    let about: Vec<usize> = scan::ranges_holding(text, &paras, &SUBPROCESSOR_WORDS)
        .into_iter()
        .map(|p| p.start)
        .collect();
    scan::all_sentences(text)
        .into_iter()
        .filter(|s| {
            let named = match scan::paragraph_at(&paras, s.start) {
                Some(p) => about.binary_search(&p.start).is_ok(),
                None => has_any(&text[s.clone()], &SUBPROCESSOR_WORDS),
            };
            named || scan::inside(regions, s.start)
        })
        .collect()
}

fn changes(ctx: &Ctx, model: &mut Model, regions: &[Range<usize>]) {
    let text = ctx.full();
    let paras = scan::paragraphs(text);
    let sents = change_sentences(text, regions);
    for s in &sents {
        let sent = &text[s.clone()];
        let para = scan::paragraph_at(&paras, s.start).unwrap_or(s.clone());
        let para_text = &text[para.clone()];
        if model.subprocessor_changes.notice.is_none() {
            notice(ctx, model, s.start, sent);
        }
        if model.subprocessor_changes.objection.is_none()
            && has_any(sent, &OBJECTION_WORDS)
            && (has_any(para_text, &CHANGE_WORDS) || has_any(sent, &SUBPROCESSOR_WORDS))
        {
            model.subprocessor_changes.objection = Some(true);
            ctx.record(model, "subprocessor_changes.objection", s.clone());
        }
    }
}

/// The notice period of a sub-processor change in one sentence starting at
/// `start`: a duration in a part about a change that is no objection right.
fn notice(ctx: &Ctx, model: &mut Model, start: usize, sent: &str) {
    for (at, part) in sentence_parts(sent) {
        let about_change = has_any(part, &CHANGE_WORDS) || has_any(part, &ADVANCE_WORDS);
        if !about_change || has_any(part, &OBJECTION_WORDS) {
            continue;
        }
        if let Some(d) = find_durations(part).into_iter().next() {
            model.subprocessor_changes.notice = Some(d.value);
            let span = start + at + d.phrase.start..start + at + d.phrase.end;
            ctx.record(model, "subprocessor_changes.notice", span);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn run(text: &str) -> Model {
        crate::ctx::run_extractor(text, extract)
    }

    #[test]
    fn tab_table_with_yes_no_column() {
        let m = run("9 Wij gebruiken de volgende sub-verwerkers:\n\nSub-verwerker\tBinnen de EU/EER\tPrivacyverklaring\nAlfa Hosting\tJa\thttps://alfa.example/privacy.\nBeta Mail\tNee, Verenigde Staten\t<niet bekend>\n");
        assert_eq!(m.subprocessors.len(), 2);
        let a = &m.subprocessors[0];
        assert_eq!(a.name, "Alfa Hosting");
        assert_eq!(a.within_eea, Some(true));
        assert_eq!(
            a.privacy_url.as_deref(),
            Some("https://alfa.example/privacy")
        );
        let b = &m.subprocessors[1];
        assert_eq!(b.within_eea, Some(false));
        assert_eq!(b.location.as_deref(), Some("Verenigde Staten"));
        assert_eq!(b.country.as_deref(), Some("US"));
        assert_eq!(b.privacy_url, None);
        assert!(m.evidence.contains_key("subprocessors.1.country"));
    }

    #[test]
    fn pipe_table_with_locations_and_mechanisms() {
        let m = run("Subverwerker | Doel | Locatie\nGamma B.V. | Opslag | EU (Frankfurt)\nDelta Inc. | Analyse | EU/VS (SCC's)\nEpsilon | Mail | Duitsland / Finland\n");
        let s = &m.subprocessors;
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].country.as_deref(), Some("DE"));
        assert_eq!(s[0].within_eea, Some(true));
        assert_eq!(s[1].countries, vec!["US".to_string()]);
        assert_eq!(s[1].within_eea, Some(false));
        assert_eq!(s[1].transfer_mechanism, Some(TransferMechanism::Scc));
        assert_eq!(s[2].countries, vec!["DE".to_string(), "FI".to_string()]);
        assert_eq!(s[0].purpose.as_deref(), Some("Opslag"));
    }

    #[test]
    fn table_broken_into_paragraphs() {
        let m = run("Sub-verwerker Locatie Doel van verwerking\n\nZeta Cloud\nGmbH\n\nDuitsland\n\nHosting en\nopslag\n\nDe Verantwoordelijke geeft hierbij toestemming voor bovengenoemde sub-verwerkers.\n");
        assert_eq!(m.subprocessors.len(), 1);
        assert_eq!(m.subprocessors[0].name, "Zeta Cloud GmbH");
        assert_eq!(m.subprocessors[0].country.as_deref(), Some("DE"));
        assert_eq!(
            m.subprocessors[0].purpose.as_deref(),
            Some("Hosting en opslag")
        );
        assert_eq!(m.subprocessor_authorisation, Some(Authorisation::Specific));
    }

    #[test]
    fn bullet_list_entries() {
        let m = run("Verwerker schakelt de volgende subverwerkers in:\n• Eta Mail (e-mail, Ierland)\n• Theta Labs (analyse, VS)\n");
        assert_eq!(m.subprocessors.len(), 2);
        assert_eq!(m.subprocessors[0].country.as_deref(), Some("IE"));
        assert_eq!(m.subprocessors[1].within_eea, Some(false));
        assert_eq!(m.subprocessors[1].purpose.as_deref(), Some("analyse"));
    }

    #[test]
    fn general_authorisation_with_notice_and_objection() {
        let m = run("Klant geeft Verwerker algemene schriftelijke toestemming om subverwerkers in te schakelen. Verwerker informeert Klant minimaal vier weken voor het inschakelen van een nieuwe subverwerker. Klant kan tegen de wijziging bezwaar maken.");
        assert_eq!(m.subprocessor_authorisation, Some(Authorisation::General));
        assert_eq!(
            m.subprocessor_changes
                .notice
                .as_ref()
                .map(|d| d.iso.as_str()),
            Some("P4W")
        );
        assert_eq!(m.subprocessor_changes.objection, Some(true));
    }

    #[test]
    fn notice_in_advance_wordings() {
        let iso = |t: &str| {
            run(t)
                .subprocessor_changes
                .notice
                .map(|d| d.iso)
                .unwrap_or_default()
        };
        assert_eq!(iso("Leverancier meldt een nieuwe subverwerker ten minste drie weken vooraf; de Klant mag binnen 10 dagen bezwaar maken."), "P3W");
        assert_eq!(
            iso("Wij laten het je uiterlijk 30 dagen weten voordat een subbewerker wordt ingezet."),
            "P30D"
        );
        assert_eq!(iso("Opdrachtnemer informeert minimaal 14 dagen van tevoren over een wijziging van subverwerkers."), "P14D");
        assert_eq!(
            iso("De Klant kan binnen 14 dagen bezwaar maken tegen een subverwerker."),
            ""
        );
    }

    /// The texts the reference tests read: the fixtures and Dutch text of
    /// our own.
    /// `own` and every cell of the sample texts (split at tabs, line ends
    /// and pipes).
    fn with_sample_cells(own: &[&str]) -> Vec<String> {
        let mut cells: Vec<String> = own.iter().map(|s| s.to_string()).collect();
        for t in sample_texts() {
            cells.extend(t.split(['\t', '\n', '|']).map(str::to_string));
        }
        cells
    }

    fn sample_texts() -> Vec<String> {
        let mut texts = crate::test_fixtures::raw_texts();
        texts.push(
            "Subverwerker\tBinnen de EU\tWaarborg\nAlfa\tJa, Duitsland\tSCC's\nBeta\tnee – VS\tDPF\n\n\
             Verwerker mag subverwerkers inschakelen. Doorgifte buiten de EER gebeurt op basis van \
             standaardcontractbepalingen of bindende bedrijfsvoorschriften (BCR).\n\n\
             De onderaannemer krijgt een adequaatheidsbesluit.\n"
                .to_string(),
        );
        texts
    }

    /// The parts of `text` the mechanism search reads: sentences, lines and cells.
    fn parts(text: &str) -> Vec<Range<usize>> {
        let mut out = scan::all_sentences(text);
        out.extend(scan::lines(text, 0..text.len()));
        for t in scan::tables(text) {
            out.extend(t.rows.into_iter().flat_map(|r| r.cells));
        }
        out
    }

    #[test]
    fn mechanisms_from_the_index_are_the_regex_matches() {
        let regexes: Vec<(TransferMechanism, Regex)> = MECHANISM_PATTERNS
            .iter()
            .map(|(m, p)| (*m, Regex::new(p).unwrap()))
            .collect();
        let by_regex = |t: &str| {
            regexes
                .iter()
                .filter_map(|(m, re)| re.find(t).map(|f| (*m, f.range())))
                .min_by_key(|(_, r)| r.start)
        };
        let mut found = 0;
        for t in sample_texts() {
            // the second document sees the patterns' words in the index
            for _ in 0..2 {
                scan::begin_document(&t);
                for p in parts(&t) {
                    let expected = by_regex(&t[p.clone()]);
                    found += usize::from(expected.is_some());
                    assert_eq!(find_mechanism(&t[p]), expected);
                }
                scan::end_document();
            }
        }
        assert!(found >= 8, "{found}");
        for cell in [
            "Ja",
            "https://alfa.example/privacy/",
            "Duitsland",
            "SCCs",
            "DPF-lijst",
            "EU-U.S. Data Privacy\u{b}Framework",
            "Privacy\rShield",
            "data privacy",
        ] {
            assert_eq!(
                may_name_mechanism(cell),
                by_regex(cell).is_some(),
                "{cell:?}"
            );
        }
        // a filter, not the search: a lower-case `bcr` is no BCR
        assert!(may_name_mechanism("bcr") && by_regex("bcr").is_none());
    }

    /// The sentence filter of `changes` testing each paragraph with `has_any`.
    fn change_sentences_by_paragraph(text: &str, regions: &[Range<usize>]) -> Vec<Range<usize>> {
        let paras = scan::paragraphs(text);
        let mut para_memo: Option<(Range<usize>, bool)> = None;
        scan::all_sentences(text)
            .into_iter()
            .filter(|s| {
                let para = scan::paragraph_at(&paras, s.start).unwrap_or(s.clone());
                let about = match &para_memo {
                    Some((p, about)) if *p == para => *about,
                    _ => {
                        let about = has_any(&text[para.clone()], &SUBPROCESSOR_WORDS);
                        para_memo = Some((para, about));
                        about
                    }
                };
                about || scan::inside(regions, s.start)
            })
            .collect()
    }

    #[test]
    fn change_sentences_from_the_index_are_those_of_each_paragraph() {
        for t in sample_texts() {
            for _ in 0..2 {
                scan::begin_document(&t);
                let (parts, whole) = ([10..200, 300..700], 0..t.len());
                for regions in [&[][..], &parts[..], std::slice::from_ref(&whole)] {
                    let expected = change_sentences_by_paragraph(&t, regions);
                    assert_eq!(change_sentences(&t, regions), expected);
                }
                scan::end_document();
            }
        }
    }

    /// The authorisation patterns found by the regexes alone.
    #[test]
    fn authorisation_patterns_answer_as_their_regexes() {
        for t in sample_texts() {
            for _ in 0..2 {
                scan::begin_document(&t);
                for s in scan::all_sentences(&t) {
                    let sent = &t[s];
                    for p in [&*GENERAL, &*SPECIFIC, &*MAY_ENGAGE] {
                        let re: &Regex = p;
                        assert_eq!(p.is_match(sent), re.find(sent).is_some(), "{sent:?}");
                    }
                }
                scan::end_document();
            }
        }
    }

    #[test]
    fn yes_no_read_directly_is_the_pattern_match() {
        let cells = with_sample_cells(&[
            "Ja",
            "  nee, Verenigde Staten",
            "JA – Duitsland",
            "Nee-VS",
            "yes",
            "No; USA",
            "Nope",
            "jaar",
            "ja_",
            "ja1",
            "neen",
            "no",
            "n",
            "",
            "\u{a0}Ja\u{a0}:\tx",
            "yeſ",
            "YEſ, EU",
            "ſ",
            "né",
            "jä",
            "Nee–\u{2003}Ierland",
            "Ja—VS",
        ]);
        let mut answers = 0;
        for c in &cells {
            let expected = yes_no_by_regex(c);
            answers += usize::from(expected.is_some());
            assert_eq!(yes_no(c), expected, "{c:?}");
        }
        assert!(answers >= 10, "{answers}");
    }

    /// `column_role` as it was: `str::contains` on a new lower-cased string.
    fn column_role_by_contains(header: &str) -> Option<Col> {
        let lower = header.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        HEADER_VOCAB
            .iter()
            .find(|(_, subs, whole)| {
                subs.iter().any(|s| lower.contains(s)) || whole.iter().any(|w| words.contains(w))
            })
            .map(|(c, _, _)| *c)
    }

    #[test]
    fn column_roles_equal_the_contains_version() {
        let headers = with_sample_cells(&[
            "Sub-verwerker",
            "Binnen de EU/EER",
            "LAND",
            "Waar?",
            "Naam",
            "Privacyverklaring",
            "Doel",
            "Rol",
            "İn EER",
            "Certificering",
            "",
            "x",
        ]);
        for h in &headers {
            assert_eq!(column_role(h), column_role_by_contains(h), "{h:?}");
        }
        assert!(holds("abc", "") && holds("abc", "bc") && !holds("ab", "abc"));
    }

    #[test]
    fn specific_authorisation() {
        let m = run("Sub-verwerkers mogen alleen worden ingeschakeld met voorafgaande schriftelijke toestemming van de Opdrachtgever.");
        assert_eq!(m.subprocessor_authorisation, Some(Authorisation::Specific));
    }

    #[test]
    fn document_mechanism_for_outside_rows() {
        let m = run("Subverwerker | Locatie\nIota | Verenigde Staten\n\nDoorgifte buiten de EER gebeurt op basis van de standaardcontractbepalingen.");
        assert_eq!(
            m.subprocessors[0].transfer_mechanism,
            Some(TransferMechanism::Scc)
        );
    }
}
