//! Document-level assembly: page furniture and watermarks removed, wrapped
//! lines joined into paragraphs, hyphenation undone, pages as strings.

use crate::layout::Line;
use crate::repair::{self, Vocab};
use crate::Warning;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Lines at the top and bottom of a page that may be running headers/footers.
const FURNITURE_ZONE: usize = 3;

static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[•●▪◦·\-–—*]\s|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?\s|\(?[a-z]{1,2}[.)]\s|\(?[ivx]{1,5}[.)]\s|(?i:artikel|bijlage|deel)\s)")
        .expect("valid regex")
});

static BARE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]+\s").expect("valid regex"));

/// Turn the laid-out lines of every page into page texts and warnings.
/// `typewriter`: every glyph has the same width (a plain-text layout, whose
/// line-end hyphens are part of the text, see [`Vocab::keep_hyphens`]).
pub fn assemble(
    mut pages: Vec<Vec<Line>>,
    rotated: &[String],
    typewriter: bool,
) -> (Vec<String>, Vec<Warning>) {
    let mut warnings = Vec::new();
    remove_watermarks(&mut pages, rotated, &mut warnings);
    remove_furniture(&mut pages);
    for page in pages.iter_mut() {
        drop_separator_lines(page);
    }
    let pitch = Metrics::of(&pages).pitch;
    for page in pages.iter_mut() {
        merge_aligned_blocks(page, pitch);
    }
    let vocab = Vocab::from_texts(
        pages
            .iter()
            .flatten()
            .flat_map(|l| l.segs.iter().map(|s| s.text.as_str())),
    )
    .keep_hyphens(typewriter);
    let metrics = Metrics::of(&pages);
    let texts = pages
        .iter()
        .map(|p| page_text(p, &metrics, &vocab))
        .collect();
    (texts, warnings)
}

fn remove_watermarks(pages: &mut [Vec<Line>], rotated: &[String], warnings: &mut Vec<Warning>) {
    let body = body_size(pages);
    let mut first_page = None;
    for (i, text) in rotated.iter().enumerate() {
        if repair::is_watermark_text(text) || text.split_whitespace().any(repair::is_watermark_text)
        {
            first_page.get_or_insert(i);
        }
    }
    let repeated = pages
        .iter()
        .filter(|p| p.iter().any(|l| repair::is_watermark_text(&l.text())))
        .count()
        >= 2;
    for (i, page) in pages.iter_mut().enumerate() {
        let before = page.len();
        page.retain(|l| {
            let text = l.text();
            let is_mark = repair::is_watermark_text(&text)
                && (l.size >= body * 1.6 || repeated)
                && text
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            !is_mark
        });
        if page.len() < before {
            first_page.get_or_insert(i);
        }
    }
    if let Some(p) = first_page {
        warnings.push(Warning::new(
            "draft",
            "the document is marked as a draft (CONCEPT watermark)",
            Some(p as u32 + 1),
        ));
    }
}

/// Remove running headers and footers: lines in the top or bottom zone of a
/// page whose text (digits folded) repeats on at least half of the pages,
/// and page-number lines.
fn remove_furniture(pages: &mut [Vec<Line>]) {
    let n = pages.len();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for page in pages.iter() {
        let mut keys: Vec<String> = zone(page).map(|l| l.text()).collect();
        let len = page.len();
        for (i, l) in page.iter().enumerate() {
            if i == 0 || i + 1 == len {
                keys.push(folded_key(&l.text()));
            }
        }
        keys.sort();
        keys.dedup();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    let threshold = (n / 2).max(2);
    for page in pages.iter_mut() {
        let len = page.len();
        let mut idx = 0;
        page.retain(|l| {
            let in_zone = idx < FURNITURE_ZONE || idx + FURNITURE_ZONE >= len;
            idx += 1;
            if !in_zone || l.table_row {
                return true;
            }
            let text = l.text();
            let extreme = idx == 1 || idx == len;
            let often = |k: &String| counts.get(k).is_some_and(|&c| c >= threshold);
            let repeated = n >= 2 && (often(&text) || extreme && often(&folded_key(&text)));
            !(repeated || repair::is_page_number_line(&text))
        });
    }
}

/// Lines drawn only with rule characters (`-----`, `=====`) are decoration:
/// dropped, with a paragraph break in their place.
fn drop_separator_lines(page: &mut Vec<Line>) {
    let mut out: Vec<Line> = Vec::with_capacity(page.len());
    let mut pending_break = false;
    for mut line in page.drain(..) {
        let text = line.text();
        let is_rule = text.chars().filter(|c| !c.is_whitespace()).count() >= 3
            && text
                .chars()
                .all(|c| c.is_whitespace() || "-=_*~.·–—│|+".contains(c));
        if is_rule {
            pending_break = true;
            continue;
        }
        line.break_before |= pending_break;
        pending_break = false;
        out.push(line);
    }
    *page = out;
}

/// Tables without borders (typewriter layouts): a short block of lines at
/// body pitch whose first line has several cells and whose other lines put
/// their pieces under those cells is one row with wrapped cells.
fn merge_aligned_blocks(page: &mut Vec<Line>, pitch: f32) {
    let mut out: Vec<Line> = Vec::with_capacity(page.len());
    let mut i = 0;
    while i < page.len() {
        let first = &page[i];
        if first.table_row || first.segs.len() < 2 || first.starts_with_marker() {
            out.push(page[i].clone());
            i += 1;
            continue;
        }
        let cols: Vec<f32> = first.segs.iter().map(|s| s.x0).collect();
        let tol = first.size;
        let mut j = i + 1;
        while j < page.len() && j - i < 6 {
            let (prev, next) = (&page[j - 1], &page[j]);
            let delta = (prev.y - next.y) / prev.size.max(1.0);
            let aligned = next
                .segs
                .iter()
                .all(|s| cols.iter().any(|c| (s.x0 - c).abs() <= tol));
            if next.table_row
                || next.break_before
                || delta <= 0.0
                || delta > pitch * 1.15
                || !aligned
            {
                break;
            }
            j += 1;
        }
        let wrapped = page[i + 1..j].iter().any(|l| {
            l.segs.len() < cols.len()
                || (l.segs[0].x0 - cols[0]).abs() > tol
                || l.segs[0]
                    .text
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
        });
        let ends_block = j >= page.len() || page[j].break_before || {
            let (prev, next) = (&page[j - 1], &page[j]);
            (prev.y - next.y) / prev.size.max(1.0) > pitch * 1.3
        };
        if j - i >= 2 && wrapped && ends_block {
            out.push(crate::layout::row_from(&page[i..j]));
        } else {
            out.extend(page[i..j].iter().cloned());
        }
        i = j;
    }
    *page = out;
}

/// Digit-folded key, marked so it never equals an exact line text.
fn folded_key(text: &str) -> String {
    format!("\u{0}{}", repair::furniture_key(text))
}

fn zone(page: &[Line]) -> impl Iterator<Item = &Line> {
    let len = page.len();
    page.iter()
        .enumerate()
        .filter(move |(i, _)| *i < FURNITURE_ZONE || i + FURNITURE_ZONE >= len)
        .map(|(_, l)| l)
}

fn body_size(pages: &[Vec<Line>]) -> f32 {
    let mut by_size: BTreeMap<i32, usize> = BTreeMap::new();
    for l in pages.iter().flatten() {
        *by_size.entry((l.size * 2.0).round() as i32).or_default() +=
            l.segs.iter().map(|s| s.text.len()).sum::<usize>();
    }
    by_size
        .iter()
        .max_by_key(|(_, &c)| c)
        .map_or(10.0, |(&s, _)| s as f32 / 2.0)
}

/// Line pitch (baseline distance / font size) of the body text: the
/// smallest ratio that occurs at least half as often as the most common one.
struct Metrics {
    pitch: f32,
}

impl Metrics {
    fn of(pages: &[Vec<Line>]) -> Metrics {
        let mut hist: BTreeMap<i32, usize> = BTreeMap::new();
        for page in pages {
            for w in page.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                if (a.size - b.size).abs() < 0.5 && !a.table_row && !b.table_row {
                    let ratio = (a.y - b.y) / a.size.max(1.0);
                    if ratio > 0.8 && ratio < 3.0 {
                        *hist.entry((ratio * 20.0).round() as i32).or_default() += 1;
                    }
                }
            }
        }
        // the tightest common spacing: paragraph gaps can be as frequent as
        // line spacing when paragraphs are short (typewriter layouts)
        let most = hist.values().copied().max().unwrap_or(0);
        let pitch = hist
            .iter()
            .find(|(_, &c)| c * 2 >= most)
            .map_or(1.2, |(&r, _)| r as f32 / 20.0);
        Metrics { pitch }
    }
}

fn page_text(lines: &[Line], m: &Metrics, vocab: &Vocab) -> String {
    let right = right_margin(lines);
    let left = lines
        .iter()
        .filter(|l| !l.table_row)
        .map(|l| l.x0)
        .fold(f32::MAX, f32::min);
    let mut out = String::new();
    let mut prev: Option<&Line> = None;
    let mut prev_text = String::new();
    for line in lines {
        let text =
            repair::fold_ligatures(&repair::resolve_cell_hyphens(&tabify(&line.text()), vocab));
        if let Some(p) = prev {
            let delta = (p.y - line.y) / p.size.max(1.0);
            if continues(p, &prev_text, line, &text, delta, m, right, left) {
                let ends_hyphen = prev_text.ends_with('-') && prev_text.len() > 1;
                if ends_hyphen {
                    let cut = out.len() - prev_text.len();
                    let joined = repair::join_hyphenated(&prev_text, &text, vocab);
                    out.truncate(cut);
                    out.push_str(&joined);
                    prev_text = joined;
                } else {
                    out.push(' ');
                    out.push_str(&text);
                    prev_text.push(' ');
                    prev_text.push_str(&text);
                }
                prev = Some(line);
                continue;
            }
            out.push('\n');
            let tabular = |l: &Line, t: &str| l.table_row || t.contains('\t');
            let same_table =
                tabular(p, &prev_text) && tabular(line, &text) && delta > 0.0 && delta < 12.0;
            if !same_table && (delta > m.pitch * 1.3 || delta < 0.0 || line.break_before) {
                out.push('\n');
            }
        }
        out.push_str(&text);
        prev_text = text;
        prev = Some(line);
    }
    out
}

/// Runs of three or more spaces inside a line are column gaps.
fn tabify(s: &str) -> String {
    if !s.contains("   ") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut spaces = 0;
    for c in s.chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if spaces >= 3 && !out.is_empty() {
            out.push('\t');
        } else if spaces > 0 && !out.is_empty() {
            out.push(' ');
        }
        spaces = 0;
        out.push(c);
    }
    out
}

fn right_margin(lines: &[Line]) -> f32 {
    let mut xs: Vec<f32> = lines
        .iter()
        .filter(|l| !l.table_row)
        .map(|l| l.x1)
        .collect();
    if xs.is_empty() {
        return 0.0;
    }
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[(xs.len() * 9 / 10).min(xs.len() - 1)]
}

/// Is `line` the wrapped continuation of `prev` (same paragraph)?
#[allow(clippy::too_many_arguments)]
fn continues(
    prev: &Line,
    prev_text: &str,
    line: &Line,
    text: &str,
    delta: f32,
    m: &Metrics,
    right: f32,
    left: f32,
) -> bool {
    if prev.table_row
        || line.table_row
        || line.break_before
        || prev_text.contains('\t')
        || text.contains('\t')
    {
        return false;
    }
    if delta <= 0.0 || delta > m.pitch * 1.15 || (prev.size - line.size).abs() > 0.6 {
        return false;
    }
    let (left, right) = line.column.or(prev.column).unwrap_or((left, right));
    let width = (right - left).max(1.0);
    let reaches_margin = prev.x1 >= right - (0.12 * width).max(3.0 * prev.size);
    let ends_hyphen = prev_text.ends_with('-');
    if !(reaches_margin || ends_hyphen && prev.x1 >= right - 0.3 * width) {
        return false;
    }
    if line.x0 > prev.x0 + 4.0 * prev.size {
        return false;
    }
    if BARE_NUMBER.is_match(text) && !prev_text.ends_with(['.', ':', ';']) {
        return true; // `... binnen` / `24 uur na ontdekking`
    }
    !LIST_MARKER.is_match(text)
}
