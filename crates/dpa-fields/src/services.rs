//! Extractor for `services`: in a Data Pro Statement the numbered items of
//! sections 4 (description), 5 (intended use: data) and 6 (privacy by design)
//! joined per service; in an agreement the service(s) it names.

use crate::pattern::Pattern;
use crate::values::clean;
use crate::Ctx;
use dpa_model::{DocumentKind, Model, Service};
use regex::Regex;
use std::cell::OnceCell;
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

/// A numbered line: `4.3 Heading` (an item of section 4) or `4 Heading`,
/// `4. Heading` (the heading of section 4).
struct NumberedLine {
    major: u32,
    /// The number after the dot of an item; `None` for a section heading.
    minor: Option<u32>,
    /// From the first char after the number to the end of the line.
    heading: Range<usize>,
}

/// One numbered item (`4.3 Heading` + body) of a section the services are
/// joined from.
#[derive(Debug, Clone)]
struct Item {
    minor: u32,
    /// The heading, with its comparison forms (made once, when first
    /// compared: items are compared pairwise).
    name: NameKey,
    heading_span: Range<usize>,
    /// Where the heading line ends (the body follows).
    line_end: usize,
}

impl Item {
    fn new(text: &str, line: &NumberedLine, minor: u32) -> Self {
        let heading_span = clean::trim_span(text, line.heading.clone());
        let heading = clean::clean_value(&text[heading_span.clone()]);
        Item {
            minor,
            name: NameKey::of(heading),
            heading_span,
            line_end: line.heading.end,
        }
    }

    /// The item's body (see [`body_after`]).
    fn body(&self, text: &str) -> Option<(String, Range<usize>)> {
        body_after(text, self.line_end)
    }
}

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let lines = numbered_lines(text);
    let sections = section_roles(
        text,
        &lines,
        model.document.kind == DocumentKind::DataProStatement,
    );
    if sections.iter().any(|(_, s)| *s == Section::Description) {
        join_sections(ctx, model, &lines, &sections);
    }
    if model.services.is_empty() {
        named_services(ctx, model, text);
    }
}

/// The numbered lines of `text`, in order (lines end at `\n` only).
fn numbered_lines(text: &str) -> Vec<NumberedLine> {
    let mut out = Vec::new();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for end in ends {
        out.extend(numbered_line(text, start..end));
        start = end + 1;
    }
    out
}

/// The line `line` of `text` as `[ \t]*(\d{1,2})\.(\d{1,2})\.?[ \t]+(\S.*)`
/// (an item) or `[ \t]*(\d{1,2})\.?[ \t]+(\S.*)` (a section heading),
/// with ASCII digits.
fn numbered_line(text: &str, line: Range<usize>) -> Option<NumberedLine> {
    let bytes = &text.as_bytes()[line.clone()];
    let mut at = count_blanks(bytes);
    let (major, len) = small_number(&bytes[at..])?;
    at += len;
    let mut minor = None;
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        if let Some((n, len)) = small_number(&bytes[at..]) {
            at += len;
            at += usize::from(bytes.get(at) == Some(&b'.'));
            minor = Some(n);
        }
    }
    let blanks = count_blanks(&bytes[at..]);
    let heading = line.start + at + blanks..line.end;
    let first = text[heading.clone()].chars().next()?;
    (blanks > 0 && !first.is_whitespace()).then_some(NumberedLine {
        major,
        minor,
        heading,
    })
}

/// How many spaces and tabs `bytes` starts with.
fn count_blanks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count()
}

/// The number of one or two ASCII digits `bytes` starts with (not followed
/// by a third), and its length.
fn small_number(bytes: &[u8]) -> Option<(u32, usize)> {
    let len = bytes
        .iter()
        .take(3)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let digits = bytes.get(..len).filter(|_| (1..=2).contains(&len))?;
    let n = digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
    Some((n, len))
}

/// The text after a heading line (ending at `from`) up to the next
/// numbered line or heading.
fn body_after(text: &str, from: usize) -> Option<(String, Range<usize>)> {
    let span = clean::trim_ws(text, from..body_end(text, from));
    let raw = text.get(span.clone())?;
    let mut value = clean::collapse(raw);
    if value.is_empty() {
        return None;
    }
    // cut in place instead of copying the rest
    value.truncate(value.trim_end_matches([' ', '\u{c}']).len());
    Some((value, span))
}

/// The start of the first line after `from` that opens a [`BOUNDARY`],
/// else the end of the text.
fn body_end(text: &str, from: usize) -> usize {
    let breaks = memchr::memchr_iter(b'\n', &text.as_bytes()[from..]).map(|i| from + i + 1);
    let mut starts = breaks.peekable();
    while let Some(start) = starts.next() {
        let end = starts.peek().map_or(text.len(), |next| next - 1);
        if opens_boundary(&text[start..end]) {
            return start;
        }
    }
    text.len()
}

/// Whether the line `line` matches [`BOUNDARY`]: checked directly, the
/// regex runs only where a number may hold a non-ASCII digit.
fn opens_boundary(line: &str) -> bool {
    let rest = line.trim_start_matches([' ', '\t']);
    match rest.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => {
            starts_numbered(rest).unwrap_or_else(|| BOUNDARY.is_match(line))
        }
        Some(b) if b.is_ascii_uppercase() => is_caps_line(rest) || starts_part(rest),
        Some(b) if !b.is_ascii() => BOUNDARY.is_match(line),
        _ => false,
    }
}

/// Whether `rest` starts with a clause number and a word (`4.2 Tekst`,
/// `3. Tekst`); `None` when a non-ASCII char (a digit?) follows the number.
fn starts_numbered(rest: &str) -> Option<bool> {
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    if rest.as_bytes().get(len).is_some_and(|b| !b.is_ascii()) {
        return None;
    }
    let (number, after) = rest.split_at(len);
    let mut parts = number.split('.').peekable();
    let mut shaped = true;
    while let Some(part) = parts.next() {
        let is_last_after_dot = parts.peek().is_none() && part.is_empty() && len > 1;
        shaped &= (1..=2).contains(&part.len()) || is_last_after_dot;
    }
    let blanks = count_blanks(after.as_bytes());
    let word = after[blanks..].chars().next();
    Some(shaped && blanks > 0 && word.is_some_and(|c| !c.is_whitespace()))
}

/// An all-caps line: a capital and at least five more capitals, spaces or
/// hyphens up to its end.
fn is_caps_line(rest: &str) -> bool {
    let tail = &rest.as_bytes()[1..];
    tail.len() >= 5
        && tail
            .iter()
            .all(|b| b.is_ascii_uppercase() || matches!(b, b' ' | b'-'))
}

/// `DEEL`, `BIJLAGE` or `Bijlage` as a whole (ASCII) word.
fn starts_part(rest: &str) -> bool {
    ["DEEL", "BIJLAGE", "Bijlage"].iter().any(|w| {
        rest.strip_prefix(w).is_some_and(|after| {
            after
                .as_bytes()
                .first()
                .map_or(true, |b| !(b.is_ascii_alphanumeric() || *b == b'_'))
        })
    })
}

/// The role of each section number that has items.
fn section_roles(text: &str, lines: &[NumberedLine], is_dps: bool) -> Vec<(u32, Section)> {
    let has_items = |n: u32| lines.iter().any(|l| l.major == n && l.minor.is_some());
    let mut out: Vec<(u32, Section)> = Vec::new();
    for top in lines.iter().filter(|l| l.minor.is_none()) {
        let n = top.major;
        if out.iter().any(|(m, _)| *m == n) || !has_items(n) {
            continue;
        }
        let heading = &text[top.heading.clone()];
        if let Some((_, s)) = SECTION_RES.iter().find(|(re, _)| re.is_match(heading)) {
            if !out.iter().any(|(_, x)| x == s) {
                out.push((n, *s));
            }
        }
    }
    if is_dps {
        for (n, s) in DEFAULT_SECTIONS {
            if has_items(*n) && !out.iter().any(|(m, x)| m == n || x == s) {
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

/// The items of section `major` (none for `None`).
fn items_of(text: &str, lines: &[NumberedLine], major: Option<u32>) -> Vec<Item> {
    let Some(major) = major else {
        return Vec::new();
    };
    lines
        .iter()
        .filter(|l| l.major == major)
        .filter_map(|l| Some(Item::new(text, l, l.minor?)))
        .collect()
}

fn join_sections(
    ctx: &Ctx,
    model: &mut Model,
    lines: &[NumberedLine],
    sections: &[(u32, Section)],
) {
    let text = ctx.full();
    let major_of = |s: Section| sections.iter().find(|(_, x)| *x == s).map(|(n, _)| *n);
    if major_of(Section::Description).is_none() {
        return;
    }
    let data = items_of(text, lines, major_of(Section::Data));
    let pbd = items_of(text, lines, major_of(Section::PrivacyByDesign));
    for item in items_of(text, lines, major_of(Section::Description)) {
        let idx = model.services.len();
        let path = format!("services.{idx}");
        ctx.record(
            model,
            [path.as_str(), ".name"].concat(),
            item.heading_span.clone(),
        );
        let mut service = Service {
            name: item.name.text.clone(),
            description: None,
            data: None,
            privacy_by_design: None,
        };
        if let Some((v, r)) = item.body(text) {
            service.description = Some(v);
            ctx.record(model, [path.as_str(), ".description"].concat(), r);
        }
        if let Some((v, r)) = matching(&item, &data).and_then(|m| m.body(text)) {
            service.data = Some(v);
            ctx.record(model, [path.as_str(), ".data"].concat(), r);
        }
        if let Some((v, r)) = matching(&item, &pbd).and_then(|m| m.body(text)) {
            service.privacy_by_design = Some(v);
            ctx.record(model, [path.as_str(), ".privacy_by_design"].concat(), r);
        }
        model.services.push(service);
    }
}

/// The item of another section for the same service: same number and a
/// similar name, else the most similar name.
fn matching<'a>(item: &Item, others: &'a [Item]) -> Option<&'a Item> {
    if let Some(same) = others
        .iter()
        .find(|o| o.minor == item.minor && o.name.similarity(&item.name) > 0.0)
    {
        return Some(same);
    }
    others
        .iter()
        .map(|o| (o.name.similarity(&item.name), o))
        .filter(|(s, _)| *s >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, o)| o)
        .or_else(|| others.iter().find(|o| o.minor == item.minor))
}

/// A name, and (made when first asked for) its form folded for comparison
/// and its distinct lower-case words.
#[derive(Debug, Clone)]
struct NameKey {
    text: String,
    folded: OnceCell<String>,
    tokens: OnceCell<Tokens>,
}

impl NameKey {
    fn of(text: String) -> Self {
        NameKey {
            text,
            folded: OnceCell::new(),
            tokens: OnceCell::new(),
        }
    }

    fn folded(&self) -> &str {
        self.folded.get_or_init(|| clean::fold_key(&self.text))
    }

    fn tokens(&self) -> &Tokens {
        self.tokens.get_or_init(|| Tokens::of(&self.text))
    }

    /// Token overlap of two names (Jaccard), 1.0 for one contained in the other.
    fn similarity(&self, other: &NameKey) -> f64 {
        let (ka, kb) = (self.folded(), other.folded());
        if ka.len() >= 4 && kb.len() >= 4 && (ka.contains(kb) || kb.contains(ka)) {
            return 1.0;
        }
        let (ta, tb) = (self.tokens(), other.tokens());
        if ta.words.is_empty() || tb.words.is_empty() {
            return 0.0;
        }
        let inter = ta.iter().filter(|t| tb.contains(t)).count();
        let union = ta.words.len() + tb.words.len() - inter;
        inter as f64 / union as f64
    }
}

/// The distinct lower-case words of a name (the words of the name split
/// at chars other than letters and digits, each lower-cased), in one
/// string.
#[derive(Debug, Clone, Default)]
struct Tokens {
    lower: String,
    /// Where each distinct word is in `lower`, in the order of the name.
    words: Vec<Range<usize>>,
}

impl Tokens {
    fn of(name: &str) -> Self {
        let mut t = Tokens {
            lower: String::with_capacity(name.len()),
            words: Vec::new(),
        };
        for w in name.split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() {
                continue;
            }
            let start = t.lower.len();
            clean::push_lower_case(&mut t.lower, w);
            let word = start..t.lower.len();
            if t.contains(&t.lower[word.clone()]) {
                t.lower.truncate(start);
            } else {
                t.words.push(word);
            }
        }
        t
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|r| &self.lower[r.clone()])
    }

    fn contains(&self, word: &str) -> bool {
        self.iter().any(|w| w == word)
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
    fn numbered_lines_are_what_the_line_patterns_find() {
        let item = Regex::new(r"(?m)^[ \t]*(\d{1,2})\.(\d{1,2})\.?[ \t]+(\S[^\n]*)$").unwrap();
        let top = Regex::new(r"(?m)^[ \t]*(\d{1,2})\.?[ \t]+(\S[^\n]*)$").unwrap();
        let t = "4.3 Agenda\n 4.3. Twee\n4 Sectie\n4. Sectie\n12.34\tX\n123.4 Nee\n4.123 Nee\n1.2.3 Nee\n4.1 \u{a0}Nee\n\u{663}.1 Nee\n1\u{663} Nee\n4.1 \n\t7 Ja\n4.x\n44 .Ja\n5.\u{c}Nee\n6 \u{c}x\n7 slot";
        let mut expected: Vec<(u32, Option<u32>, Range<usize>)> = Vec::new();
        for c in item.captures_iter(t) {
            if let (Ok(a), Ok(b)) = (c[1].parse(), c[2].parse()) {
                expected.push((a, Some(b), c.get(3).unwrap().range()));
            }
        }
        for c in top.captures_iter(t) {
            if let Ok(a) = c[1].parse() {
                expected.push((a, None, c.get(2).unwrap().range()));
            }
        }
        expected.sort_by_key(|e| e.2.start);
        let found: Vec<_> = numbered_lines(t)
            .into_iter()
            .map(|l| (l.major, l.minor, l.heading))
            .collect();
        assert_eq!(found, expected);
        assert_eq!(found.len(), 8);
    }

    #[test]
    fn body_ends_where_the_boundary_pattern_finds() {
        let t = "4.1 Kop\nTekst een.\nNog tekst\n  5 Volgende\n\nABCDEF G\nBijlage A\nBijlagen\nDEEL 2\n\u{663} x\n1.2.3 x\n1..2 x\n12.345 x\n4.\u{663} x\n4\u{663} x\nABCDE\nAB-CD E\nDEELTJE\nDEEL\nBijlage1\nBIJLAGE-\nBIJLAGE\u{e9}\n4.1\tx\n4 \u{a0}x\n4.\n4. \n123 x\n3.\u{e9}\n7.\u{e9}t\n8 \u{e9}\nABCDE\u{c9}\nslot";
        for from in (0..=t.len()).filter(|&i| i == t.len() || t.as_bytes()[i] == b'\n') {
            let rest = &t[from..];
            let expected = from + BOUNDARY.find(rest).map_or(rest.len(), |m| m.start());
            assert_eq!(body_end(t, from), expected, "{from}");
        }
        for line in t.split('\n') {
            assert_eq!(opens_boundary(line), BOUNDARY.is_match(line), "{line:?}");
        }
    }

    #[test]
    fn line_checks_agree_with_the_patterns_on_the_fixtures() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/text");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let item = Regex::new(r"(?m)^[ \t]*(\d{1,2})\.(\d{1,2})\.?[ \t]+(\S[^\n]*)$").unwrap();
        for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
            let Ok(t) = std::fs::read_to_string(&path) else {
                continue;
            };
            for line in t.split('\n') {
                assert_eq!(opens_boundary(line), BOUNDARY.is_match(line), "{line:?}");
            }
            let items = numbered_lines(&t).into_iter().filter(|l| l.minor.is_some());
            let starts: Vec<usize> = items.map(|l| l.heading.start).collect();
            let expected: Vec<usize> = item
                .captures_iter(&t)
                .map(|c| c.get(3).unwrap().start())
                .collect();
            assert_eq!(starts, expected, "{path:?}");
        }
    }

    /// The words of a name as split and lower-cased char by char.
    fn name_tokens_by_char(name: &str) -> Vec<String> {
        let mut tokens: Vec<String> = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect();
        tokens.sort();
        tokens.dedup();
        tokens
    }

    #[test]
    fn name_tokens_equal_the_char_wise_split() {
        let mut names: Vec<String> = [
            "Agenda Online",
            "Mailbox Plus dienst",
            "AGENDA-online (v2)",
            "Één Dienst",
            "Straße_Plan x2 X2",
            "İstanbul Kantoor",
            "a  b\tc",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for t in crate::test_fixtures::raw_texts() {
            names.extend(t.lines().map(str::to_string));
        }
        for n in &names {
            let mut tokens: Vec<String> = Tokens::of(n).iter().map(str::to_string).collect();
            tokens.sort();
            assert_eq!(tokens, name_tokens_by_char(n), "{n:?}");
        }
    }

    #[test]
    fn agreement_names_its_service() {
        let t = "Verwerkersovereenkomst\n\nA. Klant gebruikt de dienst \"Boekhoud Maatje\" van Leverancier.\n\n1.1 Definities\n\n1.2 Overig";
        let m = run(t, DocumentKind::ProcessingAgreement);
        assert_eq!(m.services.len(), 1);
        assert_eq!(m.services[0].name, "Boekhoud Maatje");
    }
}
