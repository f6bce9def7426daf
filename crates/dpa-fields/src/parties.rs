//! Extractor for the `parties` fields: processor and controller with legal
//! name and form, trade names, KvK and other registrations, address,
//! contacts, representative, or a description for a party named only by role.

use crate::literal;
use crate::pattern::Pattern;
use crate::values::{clean, country, email, kvk, legal_form, phone, postcode};
use crate::Ctx;
use dpa_model::{Address, Contact, Model, Party, Registration, RegistrationScheme};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

mod labels;

/// Role words naming the processor.
const PROCESSOR_ROLES: &str =
    r"verwerker|bewerker|dienstverlener|leverancier|opdrachtnemer|(?:data\s+)?processor";
/// Role words naming the controller.
const CONTROLLER_ROLES: &str = r"verwerkingsverantwoordelijke|verantwoordelijke|opdrachtgever|klant|afnemer|(?:data\s+)?controller";

/// Words of a party definition that name only a role (`"de Klant"` is no name).
const ROLE_WORDS: &[&str] = &[
    "klant",
    "opdrachtgever",
    "verwerkingsverantwoordelijke",
    "verantwoordelijke",
    "verwerker",
    "afnemer",
    "gebruiker",
    "controller",
    "processor",
    "customer",
    "client",
    "partij",
    "leverancier",
    "dienstverlener",
];

/// Articles and pronouns that start a description rather than a name.
const DESCRIPTION_STARTS: &[&str] = &[
    "de", "het", "een", "the", "a", "an", "jij", "jou", "u", "iedere", "elke", "any", "each",
];

/// Legal forms written out before a name: (pattern, form, kept in the name).
const LEADING_FORMS: &[(&str, &str, bool)] = &[
    (
        r"(?:de\s+)?besloten\s+vennootschap(?:\s+met\s+beperkte\s+aansprakelijkheid)?\s+",
        "B.V.",
        false,
    ),
    (r"(?:de\s+)?naamloze\s+vennootschap\s+", "N.V.", false),
    (
        r"(?:de\s+)?vennootschap\s+onder\s+firma\s+",
        "V.O.F.",
        false,
    ),
    (r"(?:de\s+)?commanditaire\s+vennootschap\s+", "C.V.", false),
    (r"(?:de\s+)?eenmanszaak\s+", "eenmanszaak", false),
    (r"(?:de\s+)?stichting\s+", "Stichting", true),
    (r"(?:de\s+)?vereniging\s+", "Vereniging", true),
];

/// Attribute chunks of a party description (`gevestigd te ...`, `KvK ...`).
const ATTRIBUTE_STARTS: &[&str] = &[
    "gevestigd",
    "statutair",
    "kantoorhoudend",
    "ingeschreven",
    "handelend",
    "h.o.d.n",
    "kvk",
    "kamer van koophandel",
    "met adres",
    "adres",
    "vertegenwoordigd",
    "rechtsgeldig",
    "onder nummer",
    "te ",
    "btw",
    "vat",
    "hierbij",
    "zijnde",
    "represented",
    "duly represented",
    "located",
    "with registered",
    "with its registered",
    "having its",
    "registered",
    "established",
    "incorporated",
    "trading as",
    "company number",
    "chamber of commerce",
];

/// Words of a contact line that make it a desk or function rather than a person.
const DESK_WORDS: &[&str] = &[
    "desk",
    "team",
    "afdeling",
    "functionaris",
    "officer",
    "dpo",
    "helpdesk",
    "servicedesk",
    "support",
    "privacy",
    "security",
    "klantenservice",
    "juridische zaken",
];

/// Local parts of an e-mail address that make a bare address a support contact.
const SUPPORT_LOCAL_PARTS: &[&str] = &[
    "support",
    "helpdesk",
    "servicedesk",
    "service",
    "help",
    "klantenservice",
];

/// Name particles (tussenvoegsels) allowed in lower case inside a person's name.
const NAME_PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "ten", "ter", "het", "'t", "op", "in", "la", "le", "du", "von",
];

/// Field labels of a party table that hold the party's name.
const NAME_FIELD_LABELS: &[&str] = &[
    "bedrijfsnaam",
    "naam",
    "organisatie",
    "statutaire naam",
    "naam organisatie",
    "company",
    "company name",
    "name",
];

/// A following line that starts another item (`• ...`, `2. ...`, `Verwerker: ...`).
static NEXT_ITEM: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?m)^[ \t]*(?:[•\-–*]|\d+(?:\.\d+)*[.)]?[ \t]|[A-Za-zÀ-ÿ\-]+(?:[ \t]*\([^)\n]*\))?[ \t]*:)",
    )
});

/// The label patterns, anchored (see [`labels`]).
static PROCESSOR_LABEL: LazyLock<Regex> =
    LazyLock::new(|| labels::anchored(&label_pattern(PROCESSOR_ROLES)));
static CONTROLLER_LABEL: LazyLock<Regex> =
    LazyLock::new(|| labels::anchored(&label_pattern(CONTROLLER_ROLES)));
static PROCESSOR_HIERNA: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::from(hierna_regex(PROCESSOR_ROLES)));
static CONTROLLER_HIERNA: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::from(hierna_regex(CONTROLLER_ROLES)));
static DRAWN_UP_BY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?-u:\b)(?:opgesteld|uitgegeven|aangeboden)\s+door\s*:?\s*")
});
static LEADING: LazyLock<Vec<(Regex, &'static str, bool)>> = LazyLock::new(|| {
    LEADING_FORMS
        .iter()
        .map(|(p, f, keep)| {
            (
                Regex::new(&format!("^(?i){p}")).expect("valid regex"),
                *f,
                *keep,
            )
        })
        .collect()
});
static TRADE_NAME: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r#"(?i)(?:handelend\s+onder\s+(?:de\s+)?na(?:am|men)|h\.o\.d\.n\.?|handelsna(?:am|men)(?:\s*/\s*merk(?:en|naam))?|merkna(?:am|men))\s*:?\s*"#,
    )
});
static TRADE_OF: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\(\s*(?:handelsnaam|h\.o\.d\.n\.?|merk(?:naam)?|onderdeel)\s+van\s+([^,;()\n]+)",
    )
});
static SEATED_AT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:statutair\s+)?(?:gevestigd|kantoorhoudende?|domicilie\s+kiezende)\s+(?:te|in|aan\s+de\s+[^,\n]+\s+te)\s+([A-Z'][\w'\-]*(?:[ \-][A-Z][\w\-]*){0,2})",
    )
});
static REPRESENTED_BY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?-u:\b)(?:vertegenwoordigd|represented)\s+(?:door|by)\s*:?\s*([^,;(\n]+)")
});
/// Words that open an address but are not part of the street
/// (`kantoorhoudende aan de Kade 1` → `Kade 1`); `aan`/`op`/`te` only in
/// lower case, so a street called `Aan de Vaart` keeps its name.
const STREET_LEAD_INS: &[&str] = &[
    r"(?i:statutair\s+)?(?i:gevestigd)(?:\s+en\s+(?i:kantoorhoudende?))?",
    r"(?i:kantoorhoudende?|domicilie\s+kiezende|woonachtig|wonende)",
    r"(?i:met\s+(?:post|bezoek|vestigings)?adres)",
    r"(?i:(?:post|bezoek|vestigings)?adres)\s*:",
    r"(?i:(?:registered\s+)?(?:address|office)(?:\s+at)?)\s*:?",
    r"(?i:located\s+at|with\s+(?:its\s+)?(?:registered\s+)?(?:address|office)\s+at)",
    r"te\s+\p{Lu}[\w'\-]*(?:\s+\p{Lu}[\w'\-]*)?\s+(?:aan|op)(?:\s+(?:de|het))?",
    r"(?:aan|op)\s+(?:de|het)",
    r"(?:aan|op|te)",
];
static STREET_LEAD_IN: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&format!(r"^(?:{})\s+", STREET_LEAD_INS.join("|"))));
/// Titles and abbreviations whose dot does not end a name (`J. de Vries`).
const NAME_ABBREVIATIONS: &[&str] = &["mr", "dhr", "mw", "mevr", "drs", "dr", "ir", "ing", "prof"];
static VAT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?-u:\b)([A-Z]{2}\s?\d{9}\s?B\s?\d{2}|BE\s?0?\d{3}[.\s]?\d{3}[.\s]?\d{3})(?-u:\b)",
    )
});
static KBO: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:KBO|BCE|ondernemingsnummer)[^0-9\n]{0,20}(0?\d{3}[.\s]?\d{3}[.\s]?\d{3})(?-u:\b)",
    )
});
static CONTACT_INTRO: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)contact\s+(?:op(?:ge)?nemen|opgenomen)[^:\n]{0,80}:"));

/// The pattern of a labelled line naming a party by one of `roles`.
fn label_pattern(roles: &str) -> String {
    format!(
        r#"(?im)^[ \t]*(?:[•\-–*]|\d+(?:\.\d+)*\.?|[a-z]\)|\([a-z]\))?[ \t]*(?:de\s+)?(?:{roles})[ \t]*(?:\(\s*[“"']?[^)\n]{{0,40}}\))?[ \t]*(?::|\||\t)[ \t]*"#
    )
}

fn hierna_regex(roles: &str) -> Regex {
    Regex::new(&format!(
        r#"(?i)[(,]?\s*\(?\s*(?:hierna|hereinafter)(?:\s+(?:te\s+)?(?:noemen|genoemd|aangeduid|referred\s+to|called)(?:\s+als|\s+as)?)?\s*:?[^)\n]{{0,50}}?[“"'‘]?(?:{roles})(?-u:\b)[”"'’]?(?:[^)\n]{{0,40}}\))?"#
    ))
    .expect("valid regex")
}

/// A value read from the text with its span.
#[derive(Debug, Clone)]
struct Found {
    value: String,
    span: Range<usize>,
}

/// What a party definition gives before the details are read.
#[derive(Debug, Clone, Default)]
struct Draft {
    name: Option<Found>,
    description: Option<Found>,
    legal_form: Option<Found>,
    /// Where the party's details (address, KvK, contacts) are written.
    block: Range<usize>,
    placeholder: bool,
}

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let label_lines = labels::line_starts(text);
    let controller_draft = find_controller(text, &label_lines);
    let controller_block = controller_draft.as_ref().map(|d| d.block.clone());
    let processor_draft = find_processor(text, &label_lines, controller_block.as_ref());
    let processor_block = processor_draft.as_ref().map(|d| d.block.clone());
    if let Some(draft) = processor_draft {
        let party = build_party(
            ctx,
            model,
            text,
            &draft,
            "parties.processor",
            controller_block.as_ref(),
            true,
        );
        model.parties.processor = party;
    }
    let controller = match controller_draft {
        Some(draft) => build_party(
            ctx,
            model,
            text,
            &draft,
            "parties.controller",
            processor_block.as_ref(),
            false,
        ),
        None => Party::default(),
    };
    model.parties.controller = Some(controller);
}

/// Absolute paragraph range (between blank lines) around `pos`.
fn paragraph_at(text: &str, pos: usize) -> Range<usize> {
    // a paragraph longer than the reach is cut there (keeps a scan per
    // candidate bounded on hostile input without blank lines)
    let from = crate::values::clean::floor_char(text, pos.saturating_sub(PARAGRAPH_REACH));
    let to = crate::values::clean::floor_char(text, (pos + PARAGRAPH_REACH).min(text.len()));
    let start = text[from..pos].rfind("\n\n").map_or(from, |p| from + p + 2);
    let end = text[pos..to].find("\n\n").map_or(to, |p| pos + p);
    start..end
}

/// How far (bytes) [`paragraph_at`] looks for a paragraph's ends.
const PARAGRAPH_REACH: usize = 8 * 1024;

/// Range of the line holding `pos`.
fn line_at(text: &str, pos: usize) -> Range<usize> {
    let start = text[..pos].rfind('\n').map_or(0, |p| p + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |p| pos + p);
    start..end
}

/// The processor's definition; `label_lines`: the line starts a label may
/// start at ([`labels::line_starts`]).
fn find_processor(
    text: &str,
    label_lines: &[usize],
    controller_block: Option<&Range<usize>>,
) -> Option<Draft> {
    let outside = |d: &Draft| {
        controller_block.map_or(true, |cb| {
            !(cb.start <= d.block.start && d.block.start < cb.end)
        })
    };
    let mut drafts: Vec<Draft> = Vec::new();
    drafts.extend(label_drafts(text, label_lines, &PROCESSOR_LABEL));
    drafts.extend(hierna_drafts(text, &PROCESSOR_HIERNA));
    drafts.extend(drawn_up_drafts(text));
    drafts.extend(kvk_drafts(text));
    let drafts: Vec<Draft> = drafts.into_iter().filter(outside).collect();
    drafts
        .iter()
        .find(|d| d.name.is_some())
        .cloned()
        .or_else(|| drafts.into_iter().next())
}

fn find_controller(text: &str, label_lines: &[usize]) -> Option<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    drafts.extend(label_drafts(text, label_lines, &CONTROLLER_LABEL));
    drafts.extend(hierna_drafts(text, &CONTROLLER_HIERNA));
    drafts.sort_by_key(|d| d.block.start);
    drafts
        .into_iter()
        .find(|d| d.name.is_some() || d.description.is_some() || d.placeholder)
}

/// `Verwerker: Alfa B.V., ...` / `Verwerker | Alfa | ...` / `Verwerker ("Alfa"):⏎Alfa B.V.⏎...`
fn label_drafts(text: &str, label_lines: &[usize], re: &Regex) -> Vec<Draft> {
    let mut out = Vec::new();
    for m in labels::matches(text, label_lines, re) {
        let after = m.end;
        let line = line_at(text, after);
        let label = &text[m];
        let in_table = label.contains('|') || label.contains('\t');
        let rest_of_line = &text[after..line.end];
        let (value_start, block) = if rest_of_line.trim().is_empty() {
            // the party follows on the next lines
            let next = text[line.end..]
                .find(|c: char| !c.is_whitespace())
                .map_or(text.len(), |p| line.end + p);
            if next >= text.len() {
                continue;
            }
            let first_line = line_at(text, next);
            if text[first_line.clone()].contains(['|', '\t']) {
                out.extend(field_table_draft(text, next));
                continue;
            }
            (next, paragraph_at(text, next))
        } else if in_table {
            let cell_end = rest_of_line
                .find(['|', '\t'])
                .map_or(line.end, |p| after + p);
            (after, after..cell_end)
        } else {
            let para = paragraph_at(text, after);
            let cut = NEXT_ITEM
                .find(&text[line.end..para.end.max(line.end)])
                .map_or(para.end, |m| line.end + m.start());
            (after, after..cut.max(line.end))
        };
        if let Some(d) = draft_from_value(text, value_start, block) {
            out.push(d);
        }
    }
    out
}

/// A party given as a table of fields (`Bedrijfsnaam | Alfa B.V.`).
fn field_table_draft(text: &str, start: usize) -> Option<Draft> {
    let para = paragraph_at(text, start);
    let mut pos = start;
    for line in text[start..para.end].split('\n') {
        let line_start = pos;
        pos += line.len() + 1;
        let Some(sep) = line.find(['|', '\t']) else {
            continue;
        };
        let label = clean::clean_value(&line[..sep]).to_lowercase();
        if !NAME_FIELD_LABELS.contains(&label.as_str()) {
            continue;
        }
        let value_start = line_start + sep + 1;
        let cell_end = line[sep + 1..]
            .find(['|', '\t'])
            .map_or(line_start + line.len(), |p| value_start + p);
        let mut d = draft_from_value(text, value_start, value_start..cell_end)?;
        d.block = start..para.end;
        return Some(d);
    }
    None
}

/// `Alfa B.V., gevestigd te ..., hierna te noemen: “Verwerker”`.
fn hierna_drafts(text: &str, re: &Regex) -> Vec<Draft> {
    let mut out = Vec::new();
    for m in hierna_matches(text, re) {
        let para = paragraph_at(text, m.start);
        // start after an earlier `hierna` definition in the same paragraph
        let seg_start = last_close_paren_of_hierna(text, para.start, m.start).unwrap_or(para.start);
        let segment = &text[seg_start..m.start];
        let Some(name_start) = name_start_in_segment(segment) else {
            continue;
        };
        let start = seg_start + name_start;
        if let Some(mut d) = draft_from_value(text, start, start..m.end) {
            d.block = start..m.end;
            out.push(d);
        }
    }
    out
}

static HIERNA_HINT: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(r"(?i-u)hierna|hereinafter"));

/// The matches of a `hierna` pattern `re`, found in small windows around
/// the word `hierna` (the full pattern needs the slow regex engine).
fn hierna_matches(text: &str, re: &Regex) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for hint in HIERNA_HINT.find_iter(text).take(MAX_HIERNA) {
        if out.last().is_some_and(|m| hint.start() < m.end) {
            continue;
        }
        // the pattern may start with `(`, `,` and spaces before the word
        let from = text[..hint.start()]
            .trim_end_matches(|c: char| c.is_whitespace() || c == '(' || c == ',')
            .len();
        let to = crate::values::clean::floor_char(text, hint.end() + HIERNA_REACH);
        if let Some(m) = re.find(&text[from..to]) {
            out.push(from + m.start()..from + m.end());
        }
    }
    out
}

/// How many `hierna` definitions are read, and how far (bytes) after the word.
const MAX_HIERNA: usize = 200;
const HIERNA_REACH: usize = 400;

/// The end of the last `(hierna ...)` before `end` in `start..end`.
fn last_close_paren_of_hierna(text: &str, start: usize, end: usize) -> Option<usize> {
    let seg = &text[start..end];
    let h = seg.to_lowercase().rfind("hierna")?;
    let close = seg[h..].find(')')?;
    Some(start + h + close + 1)
}

/// Where the name starts in the text before a `hierna` definition: the
/// first comma-separated chunk that is not an attribute, after an
/// introducing word (`door`, `tussen`, `namens`).
fn name_start_in_segment(segment: &str) -> Option<usize> {
    let mut chunks: Vec<Range<usize>> = Vec::new();
    let mut pos = 0;
    for part in segment.split(',') {
        chunks.push(pos..pos + part.len());
        pos += part.len() + 1;
    }
    // a chunk right after an attribute continues it (`..., office at 1 Main Street, London`)
    let continues_attribute = |i: usize| i > 0 && is_attribute(&segment[chunks[i - 1].clone()]);
    let (_, chunk) = chunks.iter().enumerate().rev().find(|(i, r)| {
        let c = &segment[(*r).clone()];
        !is_attribute(c) && !c.trim().is_empty() && !continues_attribute(*i)
    })?;
    let chunk_text = &segment[chunk.clone()];
    let lower = chunk_text.to_lowercase();
    let mut start = 0;
    for intro in [" door ", " tussen ", " namens ", " between ", ": ", "\n"] {
        if let Some(p) = lower.rfind(intro) {
            start = start.max(p + intro.len());
        }
    }
    if lower.len() != chunk_text.len() {
        start = 0;
    }
    let rel = chunk_text[start..].find(|c: char| !c.is_whitespace() && !"(\"“'".contains(c))?;
    let mut from = start + rel;
    // `..., and Beta B.V., hierna ...`: the conjunction is no part of the name
    for conj in ["between ", "tussen ", "and ", "en "] {
        let head = chunk_text.get(from..from + conj.len()).unwrap_or("");
        if head.eq_ignore_ascii_case(conj) {
            from += conj.len();
        }
    }
    let marker = LIST_MARKER.find(&chunk_text[from..]).map_or(0, |m| m.end());
    Some(chunk.start + from + marker)
}

/// A list number before a party's name (`1. Alfa B.V.`, `b) Beta`).
static LIST_MARKER: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"^(?:\d{1,2}[.)]|[a-z][.)]|\([ivx\d]{1,4}\)|[-•*])\s+"));

fn is_attribute(chunk: &str) -> bool {
    let c = chunk
        .trim_start_matches(|ch: char| ch.is_whitespace() || ch == ')' || ch == '(')
        .to_lowercase();
    let c = LIST_MARKER.find(&c).map_or(c.as_str(), |m| &c[m.end()..]);
    ATTRIBUTE_STARTS.iter().any(|a| c.starts_with(a))
        || c.chars().next().is_some_and(|ch| ch.is_ascii_digit())
}

/// `Dit Data Pro Statement is opgesteld door:⏎Alfa B.V. - Straat 1, ...`
fn drawn_up_drafts(text: &str) -> Vec<Draft> {
    DRAWN_UP_BY
        .find_iter(text)
        .filter_map(|m| {
            let start = text[m.end()..]
                .find(|c: char| !c.is_whitespace())
                .map(|p| m.end() + p)?;
            let block = paragraph_at(text, start);
            draft_from_value(text, start, start..block.end)
        })
        .collect()
}

/// The name written just before a KvK number (`© 2026 Alfa · KvK 12345678`).
fn kvk_drafts(text: &str) -> Vec<Draft> {
    kvk::find_kvk(text)
        .into_iter()
        .filter_map(|(_, _, phrase)| {
            let line = line_at(text, phrase.start);
            let before = &text[line.start..phrase.start];
            let sep = before
                .trim_end()
                .trim_end_matches([',', '·', '|', '-', '–'])
                .rfind([',', '·', '|', '–', '(', '©']);
            let start = sep.map_or(line.start, |p| {
                line.start + p + before[p..].chars().next().map_or(1, char::len_utf8)
            });
            let chunk = &text[start..phrase.start];
            let lead = chunk.find(|c: char| c.is_alphabetic())?;
            let name_start = start + lead;
            draft_from_value(text, name_start, name_start..line.end)
        })
        .collect()
}

/// Read name/description and legal form from the value at `start`.
fn draft_from_value(text: &str, start: usize, block: Range<usize>) -> Option<Draft> {
    let mut d = Draft {
        block,
        ..Draft::default()
    };
    let mut s = start;
    // a legal form written out before the name
    for (re, form, keep) in LEADING.iter() {
        if let Some(m) = re.find(&text[s..]) {
            d.legal_form = Some(Found {
                value: (*form).to_string(),
                span: s..s + m.end(),
            });
            if !keep {
                s += m.end();
            } else if let Some(p) = text[s..s + m.end()]
                .to_lowercase()
                .find(&form.to_lowercase())
            {
                s += p;
            }
            break;
        }
    }
    let end = value_end(text, s, d.block.end.max(s));
    let span = clean::trim_span(text, s..end);
    let raw = text.get(span.clone())?;
    if raw.is_empty() {
        return None;
    }
    if clean::is_placeholder(raw) {
        d.placeholder = true;
        return Some(d);
    }
    let value = clean::clean_value(raw);
    if is_description(&value) {
        let desc_end = sentence_end(text, s, d.block.end.max(s));
        let dspan = clean::trim_span(text, s..desc_end);
        d.description = Some(Found {
            value: clean::clean_value(&text[dspan.clone()]),
            span: dspan,
        });
        return Some(d);
    }
    if value.chars().count() > 80
        || !value
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    // the parenthesis after the name may give the legal form (`Alfa (eenmanszaak)`)
    if d.legal_form.is_none() {
        if let Some((form, r)) = paren_after(text, span.end).and_then(|r| {
            legal_form::word_form(&text[r.clone()])
                .map(|(f, fr)| (f, r.start + fr.start..r.start + fr.end))
        }) {
            d.legal_form = Some(Found {
                value: form.to_string(),
                span: r,
            });
        }
    }
    let repaired = legal_form::repair_name(&clean::unglue(&value, &["B.V.", "N.V."]));
    if d.legal_form.is_none() {
        if let Some((form, r)) = legal_form::suffix_form(raw) {
            d.legal_form = Some(Found {
                value: form.to_string(),
                span: span.start + r.start..span.start + r.end,
            });
        }
    }
    d.name = Some(Found {
        value: repaired,
        span,
    });
    Some(d)
}

/// Where a name ends: at a comma, semicolon, dash separator, parenthesis,
/// table cell or line end, or a sentence end that is not an abbreviation.
fn value_end(text: &str, start: usize, limit: usize) -> usize {
    let limit = limit.min(text.len());
    let seg = &text[start..limit];
    let mut end = first_value_stop(seg).unwrap_or(seg.len());
    let mut from = 0;
    while let Some(p) = seg[from..end].find(". ") {
        let at = from + p;
        if !clean::keeps_trailing_dot(&seg[..at]) {
            end = at;
            break;
        }
        from = at + 2;
    }
    start + end
}

/// What ends a value (`Alfa B.V., gevestigd ...`, `Alfa B.V. - hosting`).
const VALUE_STOPS: &[&str] = &[
    ",", ";", " - ", " – ", " — ", " · ", "\n", "(", "|", "\t", ":",
];

/// Per byte: whether a [`VALUE_STOPS`] entry starts with it.
static VALUE_STOP_FIRST_BYTES: [bool; 256] = {
    let mut first = [false; 256];
    let mut i = 0;
    while i < VALUE_STOPS.len() {
        first[VALUE_STOPS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    first
};

/// Where the first of [`VALUE_STOPS`] starts in `seg` (one pass; each
/// stop starts with an ASCII byte, so a match is at a char boundary).
fn first_value_stop(seg: &str) -> Option<usize> {
    let bytes = seg.as_bytes();
    (0..bytes.len()).find(|&i| {
        VALUE_STOP_FIRST_BYTES[usize::from(bytes[i])]
            && VALUE_STOPS
                .iter()
                .any(|stop| bytes[i..].starts_with(stop.as_bytes()))
    })
}

/// End of the sentence starting at `start` (for descriptions).
fn sentence_end(text: &str, start: usize, limit: usize) -> usize {
    let limit = limit.min(text.len());
    let seg = &text[start..limit];
    let mut end = seg.len().min(200);
    while !seg.is_char_boundary(end) {
        end -= 1;
    }
    for stop in [". ", ".\n", "\n", "|", "\t", ";"] {
        if let Some(p) = seg.find(stop) {
            end = end.min(p);
        }
    }
    if let Some(p) = seg[..end].to_lowercase().find("hierna") {
        end = end.min(p);
    }
    start + end
}

fn paren_after(text: &str, pos: usize) -> Option<Range<usize>> {
    let rest = &text[pos..];
    let open = rest.find(|c: char| !c.is_whitespace())?;
    if !rest[open..].starts_with('(') {
        return None;
    }
    let close = rest[open..].find(')')?;
    Some(pos + open + 1..pos + open + close)
}

/// A value that names a role or describes a party instead of naming it.
fn is_description(value: &str) -> bool {
    let first = value.split_whitespace().next().unwrap_or("").to_lowercase();
    let second = value.split_whitespace().nth(1);
    let starts_lower = value.chars().next().is_some_and(char::is_lowercase);
    if DESCRIPTION_STARTS.contains(&first.as_str())
        && (starts_lower
            || second.is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase)))
    {
        return true;
    }
    let words: Vec<String> = value.split_whitespace().map(|w| w.to_lowercase()).collect();
    let content: Vec<&String> = words
        .iter()
        .filter(|w| !DESCRIPTION_STARTS.contains(&w.as_str()))
        .collect();
    content.len() <= 2 && content.iter().any(|w| ROLE_WORDS.contains(&w.as_str())) || starts_lower
}

fn build_party(
    ctx: &Ctx,
    model: &mut Model,
    text: &str,
    draft: &Draft,
    path: &str,
    avoid: Option<&Range<usize>>,
    is_processor: bool,
) -> Party {
    let mut party = Party::default();
    if let Some(desc) = &draft.description {
        party.description = Some(desc.value.clone());
        ctx.record(model, format!("{path}.description"), desc.span.clone());
    }
    if let Some(form) = &draft.legal_form {
        party.legal_form = Some(form.value.clone());
        ctx.record(model, format!("{path}.legal_form"), form.span.clone());
    }
    let Some(name) = &draft.name else {
        if !is_processor {
            read_details(
                ctx,
                model,
                text,
                &mut party,
                draft.block.clone(),
                &[],
                path,
                avoid,
            );
        }
        return party;
    };
    let mut name = name.clone();
    let mut trade: Vec<Found> = Vec::new();
    // `Alfa (handelsnaam van Beta B.V., ...)`: the legal name is Beta
    if let Some(owner) = owner_of_trade_name(text, &name.value) {
        trade.push(name.clone());
        name = owner;
        if let Some((form, r)) = legal_form::suffix_form(&name.value) {
            let _ = r;
            party.legal_form = Some(form.to_string());
            ctx.record(model, format!("{path}.legal_form"), name.span.clone());
        }
    }
    party.name = Some(name.value.clone());
    ctx.record(model, format!("{path}.name"), name.span.clone());
    trade.extend(trade_names(text, &name, &draft.block));
    let mut seen: Vec<String> = vec![clean::fold_key(&name.value)];
    for t in trade {
        let key = clean::fold_key(&t.value);
        if key.is_empty() || seen.contains(&key) {
            continue;
        }
        seen.push(key);
        ctx.record(
            model,
            format!("{path}.trade_names.{}", party.trade_names.len()),
            t.span.clone(),
        );
        party.trade_names.push(t.value);
    }
    let mut names: Vec<String> = vec![name.value.clone()];
    names.extend(party.trade_names.iter().cloned());
    let block = draft.block.start.min(name.span.start)..draft.block.end.max(name.span.end);
    read_details(ctx, model, text, &mut party, block, &names, path, avoid);
    party
}

/// `Alfa (handelsnaam van Beta, ...)` → Beta.
fn owner_of_trade_name(text: &str, name: &str) -> Option<Found> {
    // TRADE_OF's own pattern, anchored after this name (one compile per
    // party, only when the text has the pattern at all)
    if !TRADE_OF.is_match(text) {
        return None;
    }
    let re = Regex::new(&format!(
        r"(?i){}\s*{}",
        regex::escape(name),
        TRADE_OF.as_str().trim_start_matches("(?i)")
    ))
    .ok()?;
    let c = re.captures(text)?;
    let g = c.get(1)?;
    let span = clean::trim_span(text, g.range());
    let value = legal_form::repair_name(&clean::clean_value(&text[span.clone()]));
    (!value.is_empty()).then_some(Found { value, span })
}

/// Trade names: `handelend onder de naam "X"`, `handelsnamen/merken: X, Y`,
/// `h.o.d.n. X`, and a proper name in parentheses after the legal name.
fn trade_names(text: &str, name: &Found, block: &Range<usize>) -> Vec<Found> {
    let mut out = Vec::new();
    let region =
        block.start.min(name.span.start)..(block.end.max(name.span.end) + 200).min(text.len());
    let region = region.start..floor_boundary(text, region.end);
    for m in TRADE_NAME.find_iter(&text[region.clone()]) {
        let start = region.start + m.end();
        let line_end = line_at(text, start).end;
        let list_end = value_list_end(text, start, line_end);
        for part in split_list(text, start..list_end) {
            let span = clean::trim_span(text, part);
            let v = clean::clean_value(&text[span.clone()]);
            if !v.is_empty()
                && v.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            {
                out.push(Found { value: v, span });
            }
        }
    }
    // `Alfa B.V. (Merk)` anywhere in the text
    for g in literal::parenthesis_after_name(text, &name.value).unwrap_or_default() {
        let v = clean::clean_value(&text[g.clone()]);
        if looks_like_trade_name(&v) {
            out.push(Found {
                value: v,
                span: clean::trim_span(text, g),
            });
        }
    }
    out
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// End of a list of trade names: sentence end, closing parenthesis or line end.
fn value_list_end(text: &str, start: usize, line_end: usize) -> usize {
    let seg = &text[start..line_end];
    let mut end = seg.len();
    for stop in [";", ")", "(", "|", "\t"] {
        if let Some(p) = seg.find(stop) {
            end = end.min(p);
        }
    }
    if let Some(p) = seg.find(". ") {
        end = end.min(p);
    }
    // a closing quote ends a quoted name
    let trimmed = seg.trim_start();
    if let Some(q) = trimmed.chars().next().filter(|c| "\"“'‘".contains(*c)) {
        let off = seg.len() - trimmed.len() + q.len_utf8();
        if let Some(close) = seg[off..].find(['"', '”', '\'', '’']) {
            end = end.min(off + close + 1);
        }
    }
    start + end
}

fn split_list(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let seg = &text[range.clone()];
    let mut out = Vec::new();
    let mut pos = 0;
    for part in seg.split([',', '/']) {
        let r = range.start + pos..range.start + pos + part.len();
        pos += part.len() + 1;
        // `A en B`
        if let Some(p) = part.find(" en ") {
            out.push(r.start..r.start + p);
            out.push(r.start + p + 4..r.end);
        } else {
            out.push(r);
        }
    }
    // a list of one name keeps its slashes (`Alfa/Beta`) when the parts are not names
    out
}

fn looks_like_trade_name(v: &str) -> bool {
    let words: Vec<&str> = v.split_whitespace().collect();
    let lower = v.to_lowercase();
    !words.is_empty()
        && words.len() <= 3
        && v.chars().next().is_some_and(char::is_uppercase)
        && legal_form::word_form(v).is_none()
        && legal_form::normalize(v).is_none()
        && !lower.contains("hierna")
        && !lower.contains("kvk")
        && !ROLE_WORDS
            .iter()
            .any(|w| lower.split_whitespace().any(|x| x == *w))
        && !v.chars().any(|c| c.is_ascii_digit())
}

#[allow(clippy::too_many_arguments)]
fn read_details(
    ctx: &Ctx,
    model: &mut Model,
    text: &str,
    party: &mut Party,
    block: Range<usize>,
    names: &[String],
    path: &str,
    avoid: Option<&Range<usize>>,
) {
    let block = block.start..floor_boundary(text, block.end.min(text.len()));
    let near = near_name_regions(text, names, avoid);
    let regions: Vec<Range<usize>> = std::iter::once(block.clone())
        .chain(near.iter().cloned())
        .collect();
    read_kvk(ctx, model, text, party, &regions, path);
    read_registrations(ctx, model, text, party, &regions, path);
    read_address(ctx, model, text, party, &regions, path);
    if let Some(c) = REPRESENTED_BY.captures(&text[block.clone()]) {
        if let Some(g) = c.get(1) {
            let start = block.start + g.start();
            let end = start + representative_len(g.as_str());
            let span = clean::trim_span(text, start..end);
            let v = clean::clean_value(&text[span.clone()]);
            if !v.is_empty() && !clean::is_placeholder(&v) {
                party.representative = Some(v);
                ctx.record(model, format!("{path}.representative"), span);
            }
        }
    }
    if !names.is_empty() {
        read_contacts(ctx, model, text, party, &block, names, path, avoid);
    }
}

/// Length of the representative's name in `seg`: up to `hierna` or a dot
/// that ends the sentence (not the dot of an initial or a title).
fn representative_len(seg: &str) -> usize {
    let mut end = seg.len();
    for word in [" hierna", " hereinafter"] {
        if let Some(p) = seg.to_lowercase().find(word) {
            end = end.min(p);
        }
    }
    for (i, _) in seg[..end].match_indices('.') {
        let word = seg[..i]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        let title = NAME_ABBREVIATIONS.contains(&word.to_lowercase().as_str());
        if !initial && !title {
            return i;
        }
    }
    end
}

/// `kantoorhoudende aan de Kade 1` → byte offset of `Kade 1`.
fn street_lead_in_len(v: &str) -> usize {
    let mut at = 0;
    while let Some(m) = STREET_LEAD_IN.find(&v[at..]) {
        if m.end() == 0 || at + m.end() >= v.len() {
            break;
        }
        at += m.end();
    }
    at
}

/// Stretches of text right after a mention of one of the party's names
/// (footers and colophons: `© 2026 Alfa · KvK ... · Straat 1, ...`).
fn near_name_regions(
    text: &str,
    names: &[String],
    avoid: Option<&Range<usize>>,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for n in names {
        if n.chars().count() < 3 {
            continue;
        }
        for m in name_mentions(text, n) {
            if avoid.is_some_and(|a| a.contains(&m.start)) {
                continue;
            }
            let end = floor_boundary(text, (m.end + 160).min(text.len()));
            let line_end = line_at(text, m.end).end;
            // stop where the other party's block begins
            let other = avoid.map_or(text.len(), |a| {
                if a.start > m.start {
                    a.start
                } else {
                    text.len()
                }
            });
            out.push(m.start..end.min(line_end.max(m.end)).min(other.max(m.end)));
        }
    }
    out
}

/// Where `name` occurs in `text` as a word start, in any case: a plain
/// search for an ASCII name, else the regex.
fn name_mentions(text: &str, name: &str) -> Vec<Range<usize>> {
    literal::find_ascii_name_ci(text, name).unwrap_or_else(|| {
        Regex::new(&format!(r"(?i)(?-u:\b){}", regex::escape(name)))
            .map(|re| re.find_iter(text).map(|m| m.range()).collect())
            .unwrap_or_default()
    })
}

fn read_kvk(
    ctx: &Ctx,
    model: &mut Model,
    text: &str,
    party: &mut Party,
    regions: &[Range<usize>],
    path: &str,
) {
    for r in regions {
        if let Some((v, num, _)) = kvk::find_kvk(&text[r.clone()]).into_iter().next() {
            let span = r.start + num.start..r.start + num.end;
            party.kvk = Some(v.clone());
            ctx.record(model, format!("{path}.kvk"), span.clone());
            ctx.record(model, format!("{path}.registrations.0.value"), span);
            party.registrations.push(Registration {
                scheme: RegistrationScheme::Kvk,
                value: v,
            });
            return;
        }
    }
}

fn read_registrations(
    ctx: &Ctx,
    model: &mut Model,
    text: &str,
    party: &mut Party,
    regions: &[Range<usize>],
    path: &str,
) {
    for r in regions {
        let seg = &text[r.clone()];
        let mut added = false;
        for (re, scheme) in [
            (&*VAT, RegistrationScheme::Vat),
            (&*KBO, RegistrationScheme::Kbo),
        ] {
            for c in re.captures_iter(seg) {
                let Some(g) = c.get(1) else { continue };
                let v: String = g.as_str().chars().filter(|c| !c.is_whitespace()).collect();
                if party.registrations.iter().any(|x| x.value == v) {
                    continue;
                }
                ctx.record(
                    model,
                    format!("{path}.registrations.{}.value", party.registrations.len()),
                    r.start + g.start()..r.start + g.end(),
                );
                party.registrations.push(Registration { scheme, value: v });
                added = true;
            }
        }
        if added {
            return;
        }
    }
}

fn read_address(
    ctx: &Ctx,
    model: &mut Model,
    text: &str,
    party: &mut Party,
    regions: &[Range<usize>],
    path: &str,
) {
    let mut addr = Address::default();
    let mut country_span: Option<Range<usize>> = None;
    for r in regions {
        let seg = &text[r.clone()];
        let Some((pc, pr)) = postcode::find_postcodes(seg).into_iter().next() else {
            continue;
        };
        let pc_span = r.start + pr.start..r.start + pr.end;
        addr.postal_code = Some(pc);
        ctx.record(
            model,
            format!("{path}.address.postal_code"),
            pc_span.clone(),
        );
        if let Some(street) = street_before(text, r.start, pc_span.start) {
            addr.street = Some(street.value);
            ctx.record(model, format!("{path}.address.street"), street.span);
        }
        if let Some(city) = city_after(text, pc_span.end) {
            addr.city = Some(city.value);
            ctx.record(model, format!("{path}.address.city"), city.span);
        }
        country_span = Some(pc_span);
        break;
    }
    if addr.city.is_none() {
        for r in regions.iter().take(1) {
            if let Some(c) = SEATED_AT.captures(&text[r.clone()]) {
                if let Some(g) = c.get(1) {
                    let span = r.start + g.start()..r.start + g.end();
                    addr.city = Some(clean::clean_value(g.as_str()));
                    ctx.record(model, format!("{path}.address.city"), span.clone());
                    country_span.get_or_insert(span);
                }
            } else if let Some(city) = bare_city_chunk(text, r.clone()) {
                addr.city = Some(city.value);
                ctx.record(model, format!("{path}.address.city"), city.span.clone());
                country_span.get_or_insert(city.span);
            }
        }
    }
    if addr.street.is_none() && addr.postal_code.is_none() && addr.city.is_none() {
        return;
    }
    // an explicit country in the party's own block, else NL from a Dutch postcode or KvK number
    let explicit = regions.first().and_then(|r| {
        country::find_countries(&text[r.clone()], false)
            .into_iter()
            .find(|f| f.code != "EU")
            .map(|f| (f.code, r.start + f.range.start..r.start + f.range.end))
    });
    if let Some((code, span)) = explicit {
        addr.country = Some(code.to_string());
        ctx.record(model, format!("{path}.address.country"), span);
    } else if addr.postal_code.is_some() || party.kvk.is_some() {
        let span = match (
            &addr.postal_code,
            model.evidence.get(&format!("{path}.kvk")),
        ) {
            (Some(_), _) => country_span.clone(),
            (None, Some(ev)) => Some(ev.span[0]..ev.span[1]),
            _ => None,
        };
        if let Some(span) = span {
            addr.country = Some("NL".to_string());
            ctx.record(model, format!("{path}.address.country"), span);
        }
    }
    party.address = Some(addr);
}

/// `..., Straat 12a, 1234 AB` → `Straat 12a`.
fn street_before(text: &str, region_start: usize, pc_start: usize) -> Option<Found> {
    let line = line_at(text, pc_start);
    let from = line.start.max(region_start);
    let before = &text[from..pc_start];
    let chunk_start = before
        .trim_end()
        .trim_end_matches(',')
        .rfind([',', '·', '|', '–', '—', '\t'])
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .or_else(|| before.rfind(" - ").map(|p| p + 3))
        .unwrap_or(0);
    let chunk = text.get(from + chunk_start..pc_start)?;
    let lead = chunk.len() - chunk.trim_start().len();
    let skip = lead + street_lead_in_len(chunk.trim_start());
    let span = clean::trim_span(text, from + chunk_start + skip..pc_start);
    let v = clean::clean_value(text.get(span.clone())?);
    let has_number = v
        .split_whitespace()
        .last()
        .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()));
    let starts_alpha = v.chars().next().is_some_and(char::is_alphabetic);
    (has_number && starts_alpha && v.len() <= 60).then_some(Found { value: v, span })
}

/// `1234 AB Plaats (...)` → `Plaats`.
fn city_after(text: &str, pc_end: usize) -> Option<Found> {
    let line_end = line_at(text, pc_end).end;
    let seg = &text[pc_end..line_end];
    let mut end = seg.len();
    for stop in [",", "(", "·", "|", "\t", ";", " - ", " – ", ". "] {
        if let Some(p) = seg.find(stop) {
            end = end.min(p);
        }
    }
    let span = clean::trim_span(text, pc_end..pc_end + end);
    let v = clean::clean_value(text.get(span.clone())?);
    let words = v.split_whitespace().count();
    (!v.is_empty()
        && words <= 4
        && v.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '\''))
    .then_some(Found { value: v, span })
}

/// In a comma list (`Alfa, KvK 12345678, Plaats, Nederland`) the chunk that is a place name.
fn bare_city_chunk(text: &str, block: Range<usize>) -> Option<Found> {
    let line = line_at(text, block.start);
    let end = line.end.min(block.end).max(block.start);
    let seg = &text[block.start..end];
    let mut pos = 0;
    let parts: Vec<(usize, &str)> = seg
        .split(',')
        .map(|p| {
            let r = (pos, p);
            pos += p.len() + 1;
            r
        })
        .collect();
    for (off, part) in parts.iter().skip(1) {
        let v = clean::clean_value(part);
        let words: Vec<&str> = v.split_whitespace().collect();
        let is_place = !words.is_empty()
            && words.len() <= 3
            && words.iter().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c == '\'')
                    || NAME_PARTICLES.contains(w)
            })
            && !v.chars().any(|c| c.is_ascii_digit() || c == '@')
            && country::country_code(&v).is_none()
            && legal_form::normalize(&v).is_none()
            && !is_attribute(&v);
        if is_place {
            let span = clean::trim_span(text, block.start + off..block.start + off + part.len());
            return Some(Found { value: v, span });
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn read_contacts(
    ctx: &Ctx,
    model: &mut Model,
    text: &str,
    party: &mut Party,
    block: &Range<usize>,
    names: &[String],
    path: &str,
    avoid: Option<&Range<usize>>,
) {
    let keys: Vec<String> = names
        .iter()
        .map(|n| clean::fold_key(&strip_form(n)))
        .filter(|k| k.len() >= 3)
        .collect();
    let intro_regions: Vec<Range<usize>> = CONTACT_INTRO
        .find_iter(text)
        .map(|m| m.end()..floor_boundary(text, (m.end() + 300).min(text.len())))
        .collect();
    for (addr, r) in email::find_emails(text) {
        if avoid.is_some_and(|a| a.contains(&r.start)) {
            continue;
        }
        let in_block = block.contains(&r.start);
        let dom = email::domain(&addr);
        let label = dom.rsplit('.').nth(1).unwrap_or(dom);
        let label_key = clean::fold_key(label);
        let own_domain = label_key.len() >= 3
            && keys
                .iter()
                .any(|k| k.contains(&label_key) || label_key.contains(k.as_str()));
        let introduced = intro_regions.iter().any(|ir| ir.contains(&r.start));
        if !(in_block || own_domain || introduced) {
            continue;
        }
        if party
            .contacts
            .iter()
            .any(|c| c.email.as_deref() == Some(addr.as_str()))
        {
            continue;
        }
        let idx = party.contacts.len();
        let mut contact = Contact {
            email: Some(addr.clone()),
            ..Contact::default()
        };
        ctx.record(model, format!("{path}.contacts.{idx}.email"), r.clone());
        describe_contact(
            ctx,
            model,
            text,
            &mut contact,
            r.clone(),
            &format!("{path}.contacts.{idx}"),
        );
        if contact.name.is_none()
            && contact.role.is_none()
            && SUPPORT_LOCAL_PARTS.contains(&email::local_part(&addr))
        {
            contact.role = Some("support".to_string());
            ctx.record(model, format!("{path}.contacts.{idx}.role"), r.clone());
        }
        party.contacts.push(contact);
    }
    // a phone number in the party's own block without a contact line
    for (num, r) in phone::find_phones(&text[block.clone()]) {
        let span = block.start + r.start..block.start + r.end;
        if party
            .contacts
            .iter()
            .any(|c| c.phone.as_deref() == Some(num.as_str()))
        {
            continue;
        }
        if let Some(idx) = party
            .contacts
            .iter()
            .position(|c| c.phone.is_none() && c.name.is_none())
        {
            party.contacts[idx].phone = Some(num);
            ctx.record(model, format!("{path}.contacts.{idx}.phone"), span);
        } else {
            let idx = party.contacts.len();
            party.contacts.push(Contact {
                phone: Some(num),
                ..Contact::default()
            });
            ctx.record(model, format!("{path}.contacts.{idx}.phone"), span);
        }
    }
}

fn strip_form(name: &str) -> String {
    match legal_form::suffix_form(name) {
        Some((_, r)) => name[..r.start].to_string(),
        None => name.to_string(),
    }
}

/// Name, role and phone from the line of an e-mail address
/// (`Jan de Vries – jan@alfa.nl – 06-12345678`, `Alfa – Privacy Desk⏎E-mail: ...`).
fn describe_contact(
    ctx: &Ctx,
    model: &mut Model,
    text: &str,
    contact: &mut Contact,
    email_span: Range<usize>,
    path: &str,
) {
    let line = line_at(text, email_span.start);
    let mut lines = vec![line.clone()];
    // a bare `E-mail: ...` line takes its name or desk from the line above
    let label_only = clean::clean_value(&text[line.start..email_span.start]).to_lowercase();
    if ["e-mail", "email", "mail", ""].contains(&label_only.as_str()) && line.start > 1 {
        let prev = line_at(text, line.start - 1);
        if !text[prev.clone()].trim().is_empty() && !text[prev.clone()].contains('@') {
            lines.push(prev);
        }
    }
    for l in lines {
        for part in split_contact_line(text, l.clone()) {
            if part.start <= email_span.start && email_span.start < part.end {
                continue;
            }
            let span = clean::trim_span(text, part);
            let Some(raw) = text.get(span.clone()) else {
                continue;
            };
            let v = clean::clean_value(raw);
            if v.is_empty() {
                continue;
            }
            // every phone number holds a digit (`\d`: a numeric char)
            if contact.phone.is_none() && raw.chars().any(char::is_numeric) {
                if let Some((num, pr)) = phone::find_phones(raw).into_iter().next() {
                    contact.phone = Some(num);
                    ctx.record(
                        model,
                        format!("{path}.phone"),
                        span.start + pr.start..span.start + pr.end,
                    );
                    continue;
                }
            }
            let lower = v.to_lowercase();
            if contact.role.is_none()
                && v.len() <= 60
                && lower
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|x| DESK_WORDS.contains(&x))
            {
                contact.role = Some(v);
                ctx.record(model, format!("{path}.role"), span);
            } else if contact.name.is_none() && is_person_name(&v) {
                contact.name = Some(v);
                ctx.record(model, format!("{path}.name"), span);
            }
        }
    }
}

/// Separators of the parts of a contact line.
const CONTACT_SEPARATORS: [&str; 8] = [" – ", " — ", " - ", " | ", "\t", ", ", " · ", ": "];

fn split_contact_line(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
    let seg = &text[line.clone()];
    let cuts = separator_cuts(seg);
    let mut out = Vec::new();
    let mut pos = 0;
    for (at, len) in cuts {
        if at < pos {
            continue;
        }
        out.push(line.start + pos..line.start + at);
        pos = at + len;
    }
    out.push(line.start + pos..line.end);
    out
}

/// The places of [`CONTACT_SEPARATORS`] in `seg` with their lengths,
/// sorted: of each separator the occurrences a search from the end of the
/// one before finds (read in one pass over the bytes that start one).
fn separator_cuts(seg: &str) -> Vec<(usize, usize)> {
    let bytes = seg.as_bytes();
    // where the next occurrence of each separator may start
    let mut next = [0usize; CONTACT_SEPARATORS.len()];
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for (at, b) in bytes.iter().enumerate() {
        if !matches!(b, b' ' | b'\t' | b',' | b':') {
            continue;
        }
        for (sep, from) in CONTACT_SEPARATORS.iter().zip(next.iter_mut()) {
            if at >= *from && bytes[at..].starts_with(sep.as_bytes()) {
                cuts.push((at, sep.len()));
                *from = at + sep.len();
            }
        }
    }
    cuts
}

/// Two to five words, capitalized apart from name particles, no digits.
fn is_person_name(v: &str) -> bool {
    let words: Vec<&str> = v.split_whitespace().collect();
    if !(2..=5).contains(&words.len())
        || v.chars()
            .any(|c| c.is_ascii_digit() || c == '@' || c == '&')
    {
        return false;
    }
    let caps_ok = words.iter().all(|w| {
        NAME_PARTICLES.contains(&w.to_lowercase().as_str())
            || w.chars().next().is_some_and(char::is_uppercase)
    });
    let first_last_caps = words
        .first()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    caps_ok
        && first_last_caps
        && legal_form::suffix_form(v).is_none()
        && !ROLE_WORDS.contains(&words[0].to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_value_stop_is_the_first_of_any_stop() {
        let mut texts = crate::test_fixtures::raw_texts();
        texts.push("Alfa B.V. – hosting; Beta · data (NL) | x\tz: 1 - 2 — 3".into());
        for t in &texts {
            let starts = t.char_indices().map(|(i, _)| i).step_by(7);
            for from in starts {
                let seg = &t[from..];
                let seg = &seg[..seg.char_indices().nth(120).map_or(seg.len(), |(i, _)| i)];
                let want = VALUE_STOPS.iter().filter_map(|stop| seg.find(stop)).min();
                assert_eq!(first_value_stop(seg), want, "{seg:?}");
            }
        }
    }

    fn run(text: &str) -> Model {
        crate::ctx::run_extractor(text, extract)
    }

    #[test]
    fn hierna_definitions() {
        let m = run("Verwerkersovereenkomst\n\nDe opdrachtgever van Bakkerij Zon, hierna te noemen “Verantwoordelijke”,\n\nen\n\nZonnewolk b.v., gevestigd te Utrecht, ingeschreven bij de Kamer van Koophandel\nonder nummer 12345678, hierna te noemen: “Verwerker”.\n\nVoor vragen: ZonnewolkB.V. – Privacy Team\nE-mail: Privacy@zonnewolk.nl");
        let p = &m.parties.processor;
        assert_eq!(p.name.as_deref(), Some("Zonnewolk B.V."));
        assert_eq!(p.legal_form.as_deref(), Some("B.V."));
        assert_eq!(p.kvk.as_deref(), Some("12345678"));
        let a = p.address.as_ref().unwrap();
        assert_eq!(a.city.as_deref(), Some("Utrecht"));
        assert_eq!(a.country.as_deref(), Some("NL"));
        assert_eq!(p.contacts[0].email.as_deref(), Some("privacy@zonnewolk.nl"));
        assert_eq!(p.contacts[0].role.as_deref(), Some("Privacy Team"));
        let c = m.parties.controller.as_ref().unwrap();
        assert_eq!(c.name, None);
        assert_eq!(
            c.description.as_deref(),
            Some("De opdrachtgever van Bakkerij Zon")
        );
    }

    #[test]
    fn labelled_lines_with_address_and_trade_name() {
        let m = run("1. Partijen\n\n1.1 Verwerker: de eenmanszaak Piet Post, Dorpsstraat 4b, 1234AB Ons Dorp, KvK 87654321, handelend onder de naam PostWerk.\n\n1.2 Verwerkingsverantwoordelijke: de Klant, zijnde de onderneming die de dienst afneemt.\n\nVragen? Mail naar info@postwerk.nl of bel 06-12345678.");
        let p = &m.parties.processor;
        assert_eq!(p.name.as_deref(), Some("Piet Post"));
        assert_eq!(p.legal_form.as_deref(), Some("eenmanszaak"));
        assert_eq!(p.trade_names, vec!["PostWerk".to_string()]);
        let a = p.address.as_ref().unwrap();
        assert_eq!(a.street.as_deref(), Some("Dorpsstraat 4b"));
        assert_eq!(a.postal_code.as_deref(), Some("1234 AB"));
        assert_eq!(a.city.as_deref(), Some("Ons Dorp"));
        assert_eq!(p.contacts.len(), 1);
        assert_eq!(p.contacts[0].email.as_deref(), Some("info@postwerk.nl"));
        let c = m.parties.controller.as_ref().unwrap();
        assert!(c.description.as_deref().unwrap().contains("de Klant"));
    }

    #[test]
    fn drawn_up_by_block_and_contact_line() {
        let m = run("DATA PRO STATEMENT\n\n1 Dit Data Pro Statement is opgesteld door:\n\nWolkje Systemen B.V. - Kerkweg 10, 2000AB Haarlem\nhandelsnamen/merken: Wolkje Hosting\n\nVoor vragen kan contact opgenomen worden met:\n\nAnna de Boer – anna@wolkje.nl – 023-1234567\n\nVerzoeken gaan naar support@wolkje.nl.");
        let p = &m.parties.processor;
        assert_eq!(p.name.as_deref(), Some("Wolkje Systemen B.V."));
        assert_eq!(p.trade_names, vec!["Wolkje Hosting".to_string()]);
        let a = p.address.as_ref().unwrap();
        assert_eq!(a.street.as_deref(), Some("Kerkweg 10"));
        assert_eq!(a.postal_code.as_deref(), Some("2000 AB"));
        assert_eq!(a.city.as_deref(), Some("Haarlem"));
        assert_eq!(a.country.as_deref(), Some("NL"));
        assert_eq!(p.contacts[0].name.as_deref(), Some("Anna de Boer"));
        assert_eq!(p.contacts[0].phone.as_deref(), Some("+31231234567"));
        assert_eq!(p.contacts[1].email.as_deref(), Some("support@wolkje.nl"));
        assert_eq!(p.contacts[1].role.as_deref(), Some("support"));
    }

    #[test]
    fn trade_name_of_owner_and_footer_kvk() {
        let m = run("Verwerkersovereenkomst\n\nDeze overeenkomst hoort bij de voorwaarden van Tulpo (handelsnaam van Bloem Holding, KvK 11223344) en de Klant.\n\n• Verwerker: Tulpo, die gegevens verwerkt.\n• Verwerkingsverantwoordelijke: de Klant.");
        let p = &m.parties.processor;
        assert_eq!(p.name.as_deref(), Some("Bloem Holding"));
        assert_eq!(p.trade_names, vec!["Tulpo".to_string()]);
        assert_eq!(p.kvk.as_deref(), Some("11223344"));
        assert!(p.address.is_none());
    }

    #[test]
    fn consecutive_role_lines_and_field_tables() {
        let m = run("Verwerkingsverantwoordelijke: de Klant\nVerwerker: Pixel, KvK 44556677, Zwolle\n\nVerwerkingsverantwoordelijke (\"Klant\"):\n\nVeld | In te vullen\nBedrijfsnaam | ____________\nAdres | ____________");
        let p = &m.parties.processor;
        assert_eq!(p.name.as_deref(), Some("Pixel"));
        assert_eq!(p.kvk.as_deref(), Some("44556677"));
        assert_eq!(
            p.address.as_ref().and_then(|a| a.city.as_deref()),
            Some("Zwolle")
        );
        let c = m.parties.controller.as_ref().unwrap();
        assert_eq!(c.name, None);
        assert_eq!(c.description.as_deref(), Some("de Klant"));
        let m = run("Verwerkingsverantwoordelijke:\n\nVeld | Waarde\nBedrijfsnaam | Tandarts Wit B.V.\n\nVerwerker: Pixel, KvK 44556677");
        assert_eq!(
            m.parties.controller.as_ref().unwrap().name.as_deref(),
            Some("Tandarts Wit B.V.")
        );
    }

    #[test]
    fn placeholder_controller_has_no_name() {
        let m = run("Verwerkingsverantwoordelijke:\n\n[NAAM KLANT]\n\nVerwerker:\n\nRegenboog B.V.\nStationsplein 1, 3511 AA Utrecht\nKvK-nummer: 55667788");
        let c = m.parties.controller.as_ref().unwrap();
        assert_eq!(c.name, None);
        let p = &m.parties.processor;
        assert_eq!(p.name.as_deref(), Some("Regenboog B.V."));
        assert_eq!(p.kvk.as_deref(), Some("55667788"));
        assert_eq!(
            p.address.as_ref().unwrap().street.as_deref(),
            Some("Stationsplein 1")
        );
    }

    #[test]
    fn street_without_lead_in_and_representative_with_initials() {
        let m = run("Overeenkomst tussen\n\nStichting Lindeboom, gevestigd aan de Kerkstraat 8, 1234 AB Lutjebroek, hierna \"Opdrachtgever\",\n\nen\n\nTegelwerk B.V., statutair gevestigd te Zwolle, kantoorhoudende aan de Molenweg 3b, 8011 AA Zwolle, rechtsgeldig vertegenwoordigd door mr. P.J. van Dam, hierna \"Bewerker\".");
        let p = &m.parties.processor;
        assert_eq!(p.name.as_deref(), Some("Tegelwerk B.V."));
        let street = p.address.as_ref().and_then(|a| a.street.as_deref());
        assert_eq!(street, Some("Molenweg 3b"));
        assert_eq!(p.representative.as_deref(), Some("mr. P.J. van Dam"));
        let c = m.parties.controller.as_ref().unwrap();
        let street = c.address.as_ref().and_then(|a| a.street.as_deref());
        assert_eq!(street, Some("Kerkstraat 8"));
    }

    #[test]
    fn numbered_party_definitions() {
        let m = run("De ondergetekenden:\n\n1. Waterschap Laagland, met adres Dijkweg 4, 2000 AB Haarlem, hierna \"Verwerkingsverantwoordelijke\",\n\n2. Rekenhuis B.V., vertegenwoordigd door dhr. T. Smit (directeur), hierna \"Verwerker\".");
        assert_eq!(m.parties.processor.name.as_deref(), Some("Rekenhuis B.V."));
        assert_eq!(
            m.parties.processor.representative.as_deref(),
            Some("dhr. T. Smit")
        );
        let c = m.parties.controller.as_ref().unwrap();
        assert_eq!(c.name.as_deref(), Some("Waterschap Laagland"));
        let street = c.address.as_ref().and_then(|a| a.street.as_deref());
        assert_eq!(street, Some("Dijkweg 4"));
    }

    #[test]
    fn english_hereinafter_definitions() {
        let m = run("This agreement is made between Greenfield Ltd, hereinafter referred to as \"Controller\", and Cloudnest B.V., located at Singel 5, 1012 AB Amsterdam, represented by R. de Wit, hereinafter \"Processor\".");
        let p = &m.parties.processor;
        assert_eq!(p.name.as_deref(), Some("Cloudnest B.V."));
        assert_eq!(p.representative.as_deref(), Some("R. de Wit"));
        let street = p.address.as_ref().and_then(|a| a.street.as_deref());
        assert_eq!(street, Some("Singel 5"));
        let c = m.parties.controller.as_ref().unwrap();
        assert_eq!(c.name.as_deref(), Some("Greenfield Ltd"));
        assert_eq!(c.address, None);
        let m = run("Between Northwind Ltd, with registered office at 2 High Street, Leeds, hereinafter \"Controller\", and Zuidwind B.V., hereinafter \"Processor\".");
        let c = m.parties.controller.as_ref().unwrap();
        assert_eq!(c.name.as_deref(), Some("Northwind Ltd"));
    }

    /// The separator places read in one pass are those of a search per
    /// separator, sorted, on every line of the fixtures and on contact lines.
    #[test]
    fn separator_cuts_equal_a_search_per_separator() {
        fn reference(seg: &str) -> Vec<(usize, usize)> {
            let mut cuts: Vec<(usize, usize)> = Vec::new();
            for sep in CONTACT_SEPARATORS {
                let mut from = 0;
                while let Some(p) = seg[from..].find(sep) {
                    cuts.push((from + p, sep.len()));
                    from += p + sep.len();
                }
            }
            cuts.sort();
            cuts
        }
        let mut lines: Vec<String> = crate::test_fixtures::raw_texts()
            .iter()
            .flat_map(|t| t.lines().map(str::to_string).collect::<Vec<_>>())
            .collect();
        lines.extend(
            [
                "Jan de Vries – jan@alfa.nl – 06-12345678",
                "a - - b -  - c | | d\t\te,, f: : g · · h — — i",
                "Privacy Desk:  privacy@beta.nl,  030 - 1234567 ·  ma-vr",
                " – ",
                "",
            ]
            .map(str::to_string),
        );
        let mut found = 0;
        for l in &lines {
            let want = reference(l);
            found += want.len();
            assert_eq!(separator_cuts(l), want, "{l:?}");
        }
        assert!(found > 50, "{found}");
    }

    /// A text without a numeric char holds no phone number: the contact
    /// parts that skip the search would have found none (fixture lines and
    /// their comma parts, and numbers in other scripts).
    #[test]
    fn phone_numbers_hold_a_numeric_char() {
        let mut parts: Vec<String> = Vec::new();
        for t in crate::test_fixtures::raw_texts() {
            for l in t.lines() {
                parts.push(l.to_string());
                parts.extend(l.split(", ").map(str::to_string));
            }
        }
        parts.extend(
            [
                "Bel 078-6811505 of +31 6 1234 5678",
                "telefoon \u{660}\u{667}\u{668}-\u{666}\u{668}\u{661}\u{661}\u{665}\u{660}\u{665}",
                "Anna de Boer – Privacy Desk",
                "0031 (0)20 123 45 67",
            ]
            .map(str::to_string),
        );
        let mut with_phone = 0;
        for p in &parts {
            let phones = phone::find_phones(p);
            with_phone += usize::from(!phones.is_empty());
            if !p.chars().any(char::is_numeric) {
                assert!(phones.is_empty(), "{p:?}");
            }
        }
        assert!(with_phone >= 3, "{with_phone}");
    }

    #[test]
    fn street_lead_in_table() {
        assert_eq!(street_lead_in_len("met adres Dorpsstraat 1"), 10);
        assert_eq!(street_lead_in_len("adres: Dorpsstraat 1"), 7);
        assert_eq!(street_lead_in_len("te Ede aan de Markt 2"), 14);
        assert_eq!(street_lead_in_len("Aan de Vaart 3"), 0);
        assert_eq!(representative_len("J. de Vries. Daarna"), 11);
    }
}
