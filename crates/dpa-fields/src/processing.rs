//! Extractor for `processing`: purposes, data categories (with examples and
//! notes, from tables or lists), data subjects, special categories, and how
//! long data is kept after the end of the agreement.

use crate::pattern::Pattern;
use crate::scan;
use crate::scan::Words;
use crate::values::{clean, duration};
use crate::Ctx;
use dpa_model::{DataCategory, Model};
use std::ops::Range;
use std::sync::LazyLock;

/// Header words of the column holding the category name.
static NAME_HEADERS: Words = Words::new(&[
    "categorie",
    "categorieën",
    "soort",
    "soorten",
    "type",
    "category",
    "gegevenscategorie",
]);
/// Header words of the column holding examples.
static EXAMPLE_HEADERS: Words = Words::new(&[
    "voorbeelden",
    "voorbeeld",
    "wat",
    "gegevens",
    "persoonsgegevens",
    "omschrijving",
    "examples",
    "data",
]);
/// Header words of the column holding a note.
const NOTE_HEADERS: &[&str] = &[
    "bijzonderheden",
    "opmerking",
    "opmerkingen",
    "toelichting",
    "doel",
    "notes",
    "note",
];
/// Header words that make a table something else than data categories.
static OTHER_TABLE_WORDS: Words = Words::new(&[
    "maatregel",
    "betrokkenen",
    "sub",
    "verwerker",
    "bewerker",
    "locatie",
    "rol",
]);
/// Category names end in one of these (Dutch compounds on `-gegevens`).
const CATEGORY_SUFFIXES: &[&str] = &["gegevens", "data", "informatie"];

/// Introductions of a list of purposes, subjects or categories.
const PURPOSE_INTRO: &str = r"(?im)(?:voor\s+de\s+volgende\s+doeleinden|doeleinden\s+(?:zijn|van\s+de\s+verwerking)|doel(?:en)?\s+van\s+de\s+verwerking|for\s+the\s+following\s+purposes)[ \t]*(?::|$)";
const SUBJECT_INTRO: &str = r"(?im)(?:categorie[eë]n\s+(?:van\s+)?betrokkenen|betrokkenen\s+(?:zijn|kunnen\s+(?:onder\s+meer\s+)?zijn)|categories\s+of\s+data\s+subjects)[ \t]*(?::|$)";
const CATEGORY_INTRO: &str = r"(?im)(?:(?:categorie[eë]n|soorten)\s+(?:van\s+)?persoonsgegevens(?:\s+(?:die\s+)?(?:worden|kunnen\s+worden)\s+verwerkt)?|volgende\s+categorie[eë]n\s+persoonsgegevens\s+worden\s+verwerkt)[ \t]*(?::|$)";

static PURPOSE_RE: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(PURPOSE_INTRO));
static SUBJECT_RE: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(SUBJECT_INTRO));
static CATEGORY_RE: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(CATEGORY_INTRO));
static SPECIAL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)bijzondere\s+(?:categorie[eë]n\s+(?:van\s+)?)?persoonsgegevens|special\s+categor(?:y|ies)\s+of\s+(?:personal\s+)?data",
    )
});
static NEGATION: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)(?-u:\b)(?:geen|niet|nooit|no|not|never)(?-u:\b)"));
static AFTER_END: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)^\s*(?:na\s+(?:de\s+|het\s+)?(?:beëindiging|beeindiging|einde|afloop)|after\s+(?:the\s+)?(?:termination|end))",
    )
});
static THEREAFTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:daarna|daarna\s+nog|vervolgens)\s+(?:nog\s+)?(?:maximaal\s+|tot\s+)?$",
    )
});
static KEPT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)verwerkt|bewaard|bewaren|opgeslagen|retained|stored|processed")
});
static BULLET: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"^[ \t]*(?:[•\-–*·▪]|[a-z]\.|[a-z]\)|\d+[.)])[ \t]+"));

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    data_categories(ctx, model, text);
    list_field(ctx, model, text, &PURPOSE_RE, "processing.purposes");
    list_field(ctx, model, text, &SUBJECT_RE, "processing.data_subjects");
    special_categories(ctx, model, text);
    retention(ctx, model, text);
}

/// Byte ranges of the lines of `text` from `from` on (split at `\n`; the
/// last one runs to the end of the text).
fn lines_from(text: &str, from: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = Some(from);
    let mut ends = memchr::memchr_iter(b'\n', &text.as_bytes()[from..]);
    std::iter::from_fn(move || {
        let pos = start?;
        let end = ends.next().map(|i| from + i);
        start = end.map(|e| e + 1);
        Some(pos..end.unwrap_or(text.len()))
    })
}

fn cells(line: &str) -> Vec<(usize, &str)> {
    let sep = if line.contains('\t') { "\t" } else { "|" };
    let mut out = Vec::new();
    let mut pos = 0;
    for c in line.split(sep) {
        out.push((pos, c));
        pos += c.len() + sep.len();
    }
    out
}

/// The index of the first (lower-cased) cell that is or starts or ends with
/// one of `words`.
fn header_col(cells: &[(usize, &str)], words: &[&str]) -> Option<usize> {
    cells.iter().position(|(_, c)| {
        let l = c.trim();
        words.iter().any(|w| {
            l == *w
                || l.strip_prefix(w).is_some_and(|r| r.starts_with(' '))
                || l.strip_suffix(w).is_some_and(|r| r.ends_with(' '))
        })
    })
}

fn data_categories(ctx: &Ctx, model: &mut Model, text: &str) {
    for line in lines_from(text, 0) {
        let l = &text[line.clone()];
        // only a table row or a spaced header can start a table
        let is_row = memchr::memchr2(b'\t', b'|', l.as_bytes()).is_some();
        if !is_row && !is_spaced_header(l) || scan::has_any(l, &OTHER_TABLE_WORDS) {
            continue;
        }
        if is_row {
            // a header row names a name and an example column
            if !(scan::has_any(l, &NAME_HEADERS) && scan::has_any(l, &EXAMPLE_HEADERS)) {
                continue;
            }
            // the header cells lower-cased (lower-casing keeps the separators)
            let (name, ex, note) = scan::with_lowered(l, |lower| {
                let cs = cells(lower);
                (
                    header_col(&cs, &NAME_HEADERS),
                    header_col(&cs, &EXAMPLE_HEADERS),
                    header_col(&cs, NOTE_HEADERS),
                )
            });
            let (Some(name), Some(ex)) = (name, ex) else {
                continue;
            };
            if name == ex {
                continue;
            }
            table_categories(ctx, model, text, line.end + 1, name, ex, note);
        } else {
            broken_table_categories(ctx, model, text, line.end + 1);
        }
        if !model.processing.data_categories.is_empty() {
            return;
        }
    }
    list_categories(ctx, model, text);
}

/// `Categorie Voorbeelden Bijzonderheden`: a table header whose cells lost their separators.
fn is_spaced_header(l: &str) -> bool {
    // a header has at most 3 words: a 4th one decides
    let mut words = [""; 4];
    let mut n = 0;
    for w in l.split_whitespace().take(4) {
        words[n] = w;
        n += 1;
    }
    let is_one_of = |list: &[&str], w: &str| list.iter().any(|h| clean::lower_eq(w, h));
    (2..=3).contains(&n)
        && is_one_of(&NAME_HEADERS, words[0])
        && is_one_of(&EXAMPLE_HEADERS, words[1])
        && (n < 3 || is_one_of(NOTE_HEADERS, words[2]))
}

fn push_category(
    ctx: &Ctx,
    model: &mut Model,
    name: (String, Range<usize>),
    examples: Vec<(String, Range<usize>)>,
    note: Option<(String, Range<usize>)>,
) {
    if name.0.is_empty() || clean::is_placeholder(&name.0) {
        return;
    }
    let i = model.processing.data_categories.len();
    ctx.record(
        model,
        format!("processing.data_categories.{i}.name"),
        name.1,
    );
    for (j, (_, r)) in examples.iter().enumerate() {
        ctx.record(
            model,
            format!("processing.data_categories.{i}.examples.{j}"),
            r.clone(),
        );
    }
    if let Some((_, r)) = &note {
        ctx.record(
            model,
            format!("processing.data_categories.{i}.note"),
            r.clone(),
        );
    }
    model.processing.data_categories.push(DataCategory {
        name: name.0,
        examples: examples.into_iter().map(|(v, _)| v).collect(),
        note: note.map(|(v, _)| v),
    });
}

fn table_categories(
    ctx: &Ctx,
    model: &mut Model,
    text: &str,
    from: usize,
    name: usize,
    ex: usize,
    note: Option<usize>,
) {
    if from >= text.len() {
        return;
    }
    for line in lines_from(text, from) {
        let l = &text[line.clone()];
        if !(l.contains('\t') || l.contains('|')) {
            break;
        }
        let cs = cells(l);
        let cell = |i: usize| {
            cs.get(i).map(|(off, c)| {
                clean::trim_span(text, line.start + off..line.start + off + c.len())
            })
        };
        let Some(name_span) = cell(name) else {
            continue;
        };
        let name_v = clean::clean_value(&text[name_span.clone()]);
        let examples = cell(ex)
            .map(|r| split_examples(text, r))
            .unwrap_or_default();
        let note_v = note
            .and_then(cell)
            .map(|r| (clean::clean_value(&text[r.clone()]), r))
            .filter(|(v, _)| !v.is_empty());
        push_category(ctx, model, (name_v, name_span), examples, note_v);
    }
}

/// Split `Naam, e-mailadres, bestandsnamen (geen inhoud)` at commas outside parentheses.
fn split_examples(text: &str, range: Range<usize>) -> Vec<(String, Range<usize>)> {
    let seg = &text[range.clone()];
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let push = |a: usize, b: usize, out: &mut Vec<(String, Range<usize>)>| {
        let r = clean::trim_span(text, range.start + a..range.start + b);
        let v = clean::clean_value(&text[r.clone()]);
        if !v.is_empty() {
            out.push((v, r));
        }
    };
    for (i, ch) in seg.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' | ';' if depth <= 0 => {
                push(start, i, &mut out);
                start = i + 1;
            }
            _ => {}
        }
    }
    push(start, seg.len(), &mut out);
    out
}

/// A logical cell of a table whose rows were broken over lines: lines joined
/// while a line ends inside a list or a compound.
fn logical_units(text: &str, from: usize) -> Vec<Range<usize>> {
    let mut units: Vec<Range<usize>> = Vec::new();
    let mut open = false;
    for line in lines_from(text, from) {
        let l = text[line.clone()].trim();
        if l.is_empty() {
            continue;
        }
        if l.starts_with(|c: char| c.is_ascii_digit())
            || lower_starts_with(l, "opmerking")
            || l.contains('\u{c}')
        {
            break;
        }
        let starts_lower = l.chars().next().is_some_and(|c| c.is_lowercase());
        match units.last_mut() {
            Some(last) if open || starts_lower => last.end = line.end,
            _ => units.push(line.clone()),
        }
        let end = l.trim_end();
        open = end.ends_with(',')
            || end.ends_with('-')
            || end.ends_with('/')
            || end.ends_with('(')
            || [" en", " of", " van", " (geen", " door", " onder"]
                .iter()
                .any(|w| end.ends_with(w));
        if units.len() > 200 {
            break;
        }
    }
    units
}

/// Whether `s` lower-cased starts with `prefix` (lower case).
fn lower_starts_with(s: &str, prefix: &str) -> bool {
    let mut lower = s.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| lower.next() == Some(p))
}

/// Whether `w` lower-cased ends with the ASCII lower-case `suffix` (only
/// ASCII letters lower-case to ASCII letters other than `k`).
fn lower_ends_with(w: &str, suffix: &str) -> bool {
    debug_assert!(!suffix.contains('k'));
    w.len() >= suffix.len()
        && w.is_char_boundary(w.len() - suffix.len())
        && w[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

fn category_word(w: &str) -> bool {
    CATEGORY_SUFFIXES.iter().any(|s| lower_ends_with(w, s)) && w.chars().count() > 4
}

fn broken_table_categories(ctx: &Ctx, model: &mut Model, text: &str, from: usize) {
    if from >= text.len() {
        return;
    }
    type Draft = (
        (String, Range<usize>),
        Vec<(String, Range<usize>)>,
        Option<(String, Range<usize>)>,
    );
    let mut cats: Vec<Draft> = Vec::new();
    for u in logical_units(text, from) {
        let v = clean::collapse(&text[u.clone()]);
        let first = v.split_whitespace().next().unwrap_or("");
        let has_list = v.contains(',');
        let last_word = v.split_whitespace().last().unwrap_or("");
        if category_word(first) && v.split_whitespace().count() > 1 && has_list {
            // `Naamgegevens Naam, e-mailadres`: name and examples on one line
            let name_end = u.start + text[u.clone()].find(first).map_or(0, |p| p + first.len());
            let name_span = clean::trim_span(text, u.start..name_end);
            cats.push((
                (clean::clean_value(first), name_span),
                split_examples(text, name_end..u.end),
                None,
            ));
        } else if category_word(last_word) && !has_list && v.split_whitespace().count() <= 6 {
            let span = clean::trim_span(text, u.clone());
            cats.push(((clean::clean_value(&v), span), Vec::new(), None));
        } else if let Some(last) = cats.last_mut() {
            if last.1.is_empty()
                && (has_list
                    || last.2.is_none()
                        && v.split_whitespace().count() <= 6
                        && !v.starts_with("Voor "))
            {
                last.1 = split_examples(text, u.clone());
            } else if last.2.is_none() {
                let span = clean::trim_span(text, u.clone());
                last.2 = Some((clean::clean_value(&text[span.clone()]), span));
            }
        }
    }
    for (name, ex, note) in cats {
        push_category(ctx, model, name, ex, note);
    }
}

/// Bulleted items after an introduction (`De volgende categorieën persoonsgegevens worden verwerkt:`).
fn list_items(text: &str, intro_end: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let rest_of_line = &text[intro_end
        ..text[intro_end..]
            .find('\n')
            .map_or(text.len(), |p| intro_end + p)];
    if !rest_of_line.trim().is_empty() {
        // inline list: `... betreft: a; b; c.`
        let r = intro_end..intro_end + rest_of_line.len();
        let seg = &text[r.clone()];
        let mut pos = 0;
        for part in seg.split(';') {
            out.push(r.start + pos..r.start + pos + part.len());
            pos += part.len() + 1;
        }
        return out;
    }
    let mut lead_in_allowed = true;
    let mut style: Option<char> = None;
    for line in lines_from(text, (intro_end + rest_of_line.len() + 1).min(text.len())) {
        let l = &text[line.clone()];
        if l.trim().is_empty() {
            continue;
        }
        let same_style = |m: &regex::Match| style.map_or(true, |s| marker_style(m.as_str()) == s);
        match BULLET.find(l) {
            Some(m) if out.len() < 60 && same_style(&m) => {
                style = Some(marker_style(m.as_str()));
                out.push(line.start + m.end()..line.end);
            }
            // one lead-in sentence (`De volgende gegevens worden verwerkt:`) may precede the items
            None if out.is_empty() && lead_in_allowed && l.trim_end().ends_with(':') => {
                lead_in_allowed = false
            }
            _ => break,
        }
    }
    out
}

/// The kind of a list marker: `a` for letters, `1` for digits, else the bullet itself.
fn marker_style(marker: &str) -> char {
    match marker.trim().chars().next() {
        Some(c) if c.is_ascii_digit() => '1',
        Some(c) if c.is_ascii_lowercase() => 'a',
        Some(c) => c,
        None => ' ',
    }
}

/// The items after the first introduction that is followed by any.
fn first_list(text: &str, re: &Pattern) -> Vec<Range<usize>> {
    re.find_iter(text)
        .map(|m| list_items(text, m.end()))
        .find(|items| !items.is_empty())
        .unwrap_or_default()
}

fn list_categories(ctx: &Ctx, model: &mut Model, text: &str) {
    let items = first_list(text, &CATEGORY_RE);
    // an inline list (`Categorieën: naam, e-mailadres, ...`) names one category per comma
    let items: Vec<Range<usize>> = if items.len() == 1 && !text[items[0].clone()].contains(':') {
        split_examples(text, items[0].clone())
            .into_iter()
            .map(|(_, r)| r)
            .collect()
    } else {
        items
    };
    for r in items {
        let seg = &text[r.clone()];
        // `contactgegevens van gasten: naam, e-mailadres`
        if let Some(colon) = seg.find(':') {
            let name_span = clean::trim_span(text, r.start..r.start + colon);
            let name = clean::clean_value(&text[name_span.clone()]);
            let examples = split_examples(text, r.start + colon + 1..r.end);
            push_category(ctx, model, (name, name_span), examples, None);
        } else {
            let span = clean::trim_span(text, r.clone());
            let name = clean::clean_value(&text[span.clone()]);
            if name.split_whitespace().count() <= 12 {
                push_category(ctx, model, (name, span), Vec::new(), None);
            }
        }
    }
}

fn list_field(ctx: &Ctx, model: &mut Model, text: &str, re: &Pattern, path: &str) {
    let mut values: Vec<String> = Vec::new();
    for r in first_list(text, re) {
        let span = clean::trim_span(text, r);
        let Some(raw) = text.get(span.clone()) else {
            continue;
        };
        let v = clean::clean_value(raw);
        if v.is_empty() || v.split_whitespace().count() > 25 || values.contains(&v) {
            continue;
        }
        ctx.record(model, format!("{path}.{}", values.len()), span);
        values.push(v);
    }
    match path {
        "processing.purposes" => model.processing.purposes = values,
        _ => model.processing.data_subjects = values,
    }
}

/// The sentence around `pos`: from the previous full stop or blank line to the next.
fn sentence_around(text: &str, pos: usize) -> Range<usize> {
    // look at most SENTENCE_REACH bytes each way (bounded work per duration)
    let from = clean::floor_char(text, pos.saturating_sub(SENTENCE_REACH));
    let to = clean::floor_char(text, (pos + SENTENCE_REACH).min(text.len()));
    let r = sentence_around_in(&text[from..to], pos - from);
    from + r.start..from + r.end
}

/// How far (bytes) [`sentence_around`] looks for the ends of a sentence.
const SENTENCE_REACH: usize = 4096;

fn sentence_around_in(text: &str, pos: usize) -> Range<usize> {
    let before = &text.as_bytes()[..pos];
    let start = memchr::memrchr2_iter(b'.', b'\n', before)
        .find(|&p| is_sentence_break(before, p))
        .map_or(0, |p| p + 2);
    let after = &text.as_bytes()[pos..];
    let end = memchr::memchr2_iter(b'.', b'\n', after)
        .find(|&p| is_sentence_break(after, p))
        .map_or(text.len(), |p| pos + p + 1);
    start..end.min(text.len())
}

/// Whether `bytes` holds `. `, `.⏎` or `⏎⏎` at `p`.
fn is_sentence_break(bytes: &[u8], p: usize) -> bool {
    matches!(
        (bytes[p], bytes.get(p + 1)),
        (b'.', Some(b' ' | b'\n')) | (b'\n', Some(b'\n'))
    )
}

fn special_categories(ctx: &Ctx, model: &mut Model, text: &str) {
    let Some(m) = SPECIAL.find(text) else { return };
    let sentence = sentence_around(text, m.start());
    let s = &text[sentence.clone()];
    if scan::with_lowered(s, |l| l.contains("zoals bedoeld")) && !NEGATION.is_match(s) {
        return;
    }
    model.processing.special_categories = Some(!NEGATION.is_match(s));
    ctx.record(
        model,
        "processing.special_categories",
        clean::trim_span(text, sentence),
    );
}

/// How far after a duration [`AFTER_END`] is looked for.
const AFTER_END_REACH: usize = 40;
/// How far before a duration [`THEREAFTER`] is looked for.
const THEREAFTER_REACH: usize = 25;
/// Words one of which every match of [`AFTER_END`] or [`THEREAFTER`] holds.
static RETENTION_ANCHORS: Words = Words::new(&[
    "beëindiging",
    "beeindiging",
    "einde",
    "afloop",
    "after",
    "daarna",
    "vervolgens",
]);

/// `tot maximaal 30 dagen na beëindiging` / `Zolang ... loopt. Daarna nog negentig dagen`.
fn retention(ctx: &Ctx, model: &mut Model, text: &str) {
    let durations =
        duration::find_durations_in_windows_where(text, |w| near_retention_anchor(text, w));
    let Some((value, span)) = retention_period(text, durations) else {
        return;
    };
    model.processing.retention_after_end = Some(value);
    ctx.record(model, "processing.retention_after_end", span);
}

/// Whether an anchor word of [`AFTER_END`] or [`THEREAFTER`] is in reach of
/// a duration in `window`: a window without one holds no retention period
/// (the period found in it and again in a later window is then no period
/// in either).
fn near_retention_anchor(text: &str, window: Range<usize>) -> bool {
    let from = ceil(text, window.start.saturating_sub(THEREAFTER_REACH));
    let to = floor(text, (window.end + AFTER_END_REACH).min(text.len()));
    scan::has_any(&text[from..to], &RETENTION_ANCHORS)
}

/// The first of `durations` (in text order) kept after the end, and its
/// phrase.
fn retention_period(
    text: &str,
    durations: Vec<duration::FoundDuration>,
) -> Option<(dpa_model::Duration, Range<usize>)> {
    durations.into_iter().find_map(|d| {
        let after_end = floor(text, (d.phrase.end + AFTER_END_REACH).min(text.len()));
        let after = &text[d.phrase.end..after_end];
        let before_start = d.phrase.start.saturating_sub(THEREAFTER_REACH);
        let before = &text[ceil(text, before_start)..d.phrase.start];
        let kept_after_end = AFTER_END.is_match(after)
            && KEPT.is_match(&text[sentence_around(text, d.phrase.start)]);
        let thereafter = THEREAFTER.is_match(before) && zolang_before(text, d.phrase.start);
        if !kept_after_end && !thereafter {
            return None;
        }
        let end = if kept_after_end {
            d.phrase.end + AFTER_END.find(after).map_or(0, |m| m.end())
        } else {
            d.phrase.end
        };
        Some((d.value, clean::trim_span(text, d.phrase.start..end)))
    })
}

/// Whether `zolang` occurs in the 160 bytes before `pos`.
fn zolang_before(text: &str, pos: usize) -> bool {
    let before = &text[ceil(text, pos.saturating_sub(160))..pos];
    scan::with_lowered(before, |l| l.contains("zolang"))
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_reads_only_windows_near_an_anchor_word() {
        let mut texts = crate::test_fixtures::raw_texts();
        texts.extend([
            "Zolang de overeenkomst loopt, worden gegevens bewaard. Daarna nog negentig dagen.".into(),
            "Back-ups worden 14 dagen bewaard. Persoonsgegevens worden tot maximaal 30 dagen na beëindiging bewaard.".into(),
            "Logbestanden: 3 maanden. Na het einde worden de gegevens binnen 4 weken verwijderd, \
             en kopieën worden 2 maanden na afloop bewaard."
                .into(),
        ]);
        let mut periods = 0;
        for t in &texts {
            // the second document sees the anchor words in the index
            for _ in 0..2 {
                scan::begin_document(t);
                let all = duration::find_durations(t);
                let near =
                    duration::find_durations_in_windows_where(t, |w| near_retention_anchor(t, w));
                let want = retention_period(t, all);
                periods += usize::from(want.is_some());
                assert_eq!(retention_period(t, near), want);
                scan::end_document();
            }
        }
        assert!(periods >= 4, "{periods}");
    }

    fn run(text: &str) -> Model {
        crate::ctx::run_extractor(text, extract)
    }

    #[test]
    fn lower_case_checks_match_to_lowercase() {
        let words = [
            "Klantgegevens",
            "NAW-GEGEVENS",
            "Data",
            "dat",
            "Cliëntdata",
            "gegevenſ",
            "DATA\u{130}",
            "\u{212A}",
            "Opmerkingen:",
            "OPMER\u{212A}ING",
            "opmer",
            "INFORMATIE",
            "",
        ];
        for w in words {
            let l = w.to_lowercase();
            let expected =
                CATEGORY_SUFFIXES.iter().any(|s| l.ends_with(s)) && w.chars().count() > 4;
            assert_eq!(category_word(w), expected, "{w}");
            assert_eq!(
                lower_starts_with(w, "opmerking"),
                l.starts_with("opmerking"),
                "{w}"
            );
        }
    }

    #[test]
    fn sentence_bounds_are_the_nearest_breaks() {
        // the former search: the last and the first of three needles
        fn by_needles(text: &str, pos: usize) -> Range<usize> {
            let (before, after) = text.split_at(pos);
            let start = [". ", ".\n", "\n\n"]
                .iter()
                .filter_map(|n| before.rfind(n).map(|p| p + 2))
                .max()
                .unwrap_or(0);
            let end = [". ", ".\n", "\n\n"]
                .iter()
                .filter_map(|n| after.find(n))
                .min()
                .map_or(text.len(), |p| pos + p + 1);
            start..end.min(text.len())
        }
        let t = "Een. Twee.\n\nDrie zin.\nVier. .\n\n\nVijf.";
        for pos in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
            assert_eq!(sentence_around_in(t, pos), by_needles(t, pos), "{pos}");
        }
    }

    #[test]
    fn tab_table_of_categories() {
        let m = run("2. Gegevens\n\nCategorie\tVoorbeelden\tToelichting\nNAW-gegevens\tNaam, adres, woonplaats\tVoor facturatie\nBetaalgegevens\tIBAN (alleen laatste cijfers)\t\n\nEinde.");
        let c = &m.processing.data_categories;
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].name, "NAW-gegevens");
        assert_eq!(c[0].examples, vec!["Naam", "adres", "woonplaats"]);
        assert_eq!(c[0].note.as_deref(), Some("Voor facturatie"));
        assert_eq!(c[1].examples, vec!["IBAN (alleen laatste cijfers)"]);
        assert_eq!(c[1].note, None);
    }

    #[test]
    fn table_broken_over_lines() {
        let t = "Categorie Voorbeelden Bijzonderheden\nKlantgegevens Naam, woonplaats,\n\nklantnummer\nVoor de administratie\n\nReis- en\nverblijfsgegevens\n\nHotel, vlucht-\nnummer, datum\n\nAlleen bij boekingen\n\n3. Volgende";
        let m = run(t);
        let c = &m.processing.data_categories;
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].name, "Klantgegevens");
        assert_eq!(c[0].examples, vec!["Naam", "woonplaats", "klantnummer"]);
        assert_eq!(c[0].note.as_deref(), Some("Voor de administratie"));
        assert_eq!(c[1].name, "Reis- en verblijfsgegevens");
        assert_eq!(c[1].examples, vec!["Hotel", "vlucht-nummer", "datum"]);
        assert_eq!(c[1].note.as_deref(), Some("Alleen bij boekingen"));
    }

    #[test]
    fn retention_after_end() {
        let m = run("De gegevens worden bewaard zolang de overeenkomst loopt en tot maximaal 60 dagen na beëindiging daarvan.");
        let d = m.processing.retention_after_end.unwrap();
        assert_eq!((d.value, d.iso.as_str()), (60, "P60D"));
        assert!(m.evidence["processing.retention_after_end"]
            .text
            .contains("60 dagen"));
        let m = run("Hoe lang\n\nZolang je account bestaat. Daarna nog veertien dagen, zodat je kunt exporteren.");
        assert_eq!(m.processing.retention_after_end.map(|d| d.value), Some(14));
    }

    #[test]
    fn list_after_heading_and_lead_in() {
        let m = run("3. Aard en doel van de verwerking\n\nWij verwerken gegevens voor de volgende doeleinden:\n\n• het plannen van afspraken\n\n• het sturen van herinneringen\n\n4. Soorten persoonsgegevens\n\nDe volgende gegevens worden verwerkt:\n\n• adresgegevens: straat, huisnummer\n• Telefoonnummers van klanten");
        assert_eq!(
            m.processing.purposes,
            vec!["het plannen van afspraken", "het sturen van herinneringen"]
        );
        let c = &m.processing.data_categories;
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].name, "adresgegevens");
        assert_eq!(c[0].examples, vec!["straat", "huisnummer"]);
        assert_eq!(c[1].name, "Telefoonnummers van klanten");
        let m = run(
            "3.2 Categorieën van persoonsgegevens: naam, telefoonnummer (mobiel), e-mailadres.",
        );
        let names: Vec<&str> = m
            .processing
            .data_categories
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(
            names,
            vec!["naam", "telefoonnummer (mobiel)", "e-mailadres"]
        );
    }

    #[test]
    fn lists_and_special_categories() {
        let m = run("Wij verwerken gegevens voor de volgende doeleinden:\n• het plannen van afspraken;\n• het versturen van facturen.\n\nCategorieën betrokkenen:\n- klanten van Klant\n- medewerkers van Klant\n\nEr worden geen bijzondere persoonsgegevens verwerkt.");
        assert_eq!(
            m.processing.purposes,
            vec!["het plannen van afspraken", "het versturen van facturen"]
        );
        assert_eq!(
            m.processing.data_subjects,
            vec!["klanten van Klant", "medewerkers van Klant"]
        );
        assert_eq!(m.processing.special_categories, Some(false));
    }
}
