//! Page layout: glyphs → lines (baselines) → segments (cells) → table rows.

use crate::pdf::interp::{Glyph, PageContent, Rule};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A segment that is only a list marker (`1.`, `4.12`, `a.`, `(iv)`, `•`):
/// the gap after it is a hanging indent, not a column gap.
static MARKER_SEG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?|\(?[a-zA-Z]{1,2}[.)]|\(?[ivxIVX]{1,5}[.)]|[•●▪◦·*\-–—]|(?i:artikel|art\.)\s*[0-9.]+)$")
        .expect("valid regex")
});

/// Marks a join inside a table cell that is a space unless the document's
/// vocabulary shows one word broken in two.
pub const SOFT_JOIN: char = '\u{2}';
/// Marks a join inside a table cell after a line-end hyphen.
pub const HYPHEN_JOIN: char = '\u{1}';

/// One text line of a page.
#[derive(Debug, Clone)]
pub struct Line {
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
    pub size: f32,
    /// Text pieces separated by wide gaps or cell borders, left to right.
    pub segs: Vec<Seg>,
    /// A whole table row (cells already joined by tabs).
    pub table_row: bool,
    /// A separator (rule of dashes) stood just above: start a new paragraph.
    pub break_before: bool,
    /// Left and right edge of the text column the line belongs to, when the
    /// page has several columns (`None`: the page's own margins).
    pub column: Option<(f32, f32)>,
}

#[derive(Debug, Clone)]
pub struct Seg {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub text: String,
    /// Narrow gaps of several space glyphs inside the segment (typewriter
    /// columns two spaces apart): split there when other lines have a
    /// column starting at the same x (see [`split_aligned_gaps`]).
    pub soft_gaps: Vec<SoftGap>,
}

/// A gap of several space glyphs inside a segment.
#[derive(Debug, Clone, Copy)]
pub struct SoftGap {
    /// Byte offset in the segment's text where the text after the gap starts.
    pub at: usize,
    /// Right edge of the text before the gap.
    pub x1: f32,
    /// Left edge of the text after the gap.
    pub x0: f32,
}

impl Line {
    /// Does the first segment only hold a list marker (`1.1`, `a.`, `•`)?
    pub fn starts_with_marker(&self) -> bool {
        self.segs
            .first()
            .is_some_and(|s| MARKER_SEG.is_match(&s.text))
    }

    /// The line's text: segments joined by a space (tabs inside table rows).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for s in &self.segs {
            if !out.is_empty() {
                out.push(if self.table_row || !MARKER_SEG.is_match(&out) {
                    '\t'
                } else {
                    ' '
                });
            }
            out.push_str(&s.text);
        }
        out
    }
}

/// A word space is a gap wider than this share of the font size.
const WORD_GAP: f32 = 0.22;
/// A gap wider than this share of the font size separates segments.
const SEGMENT_GAP: f32 = 1.6;
/// The same across a single space glyph (justified text stretches it).
const JUSTIFIED_GAP: f32 = 3.0;
/// A gap of at least two space glyphs wider than this share of the font
/// size may be a column gap (see [`SoftGap`]).
const SOFT_GAP: f32 = 1.0;
/// Lines before and after a line whose column starts can confirm a soft gap.
const ALIGN_WINDOW: usize = 8;

/// Lay out one page into lines, top to bottom, with table rows merged.
pub fn lay_out(page: &PageContent) -> Vec<Line> {
    let verticals = vertical_rules(page);
    // glyph indices (u32: half the memory of usize on large pages)
    let glyph = |k: u32| &page.glyphs[k as usize];
    let mut order: Vec<u32> = (0..page.glyphs.len())
        .filter_map(|k| u32::try_from(k).ok())
        .collect();
    // top to bottom, drawing order within a baseline (no merge buffer)
    order.sort_unstable_by(|&a, &b| glyph(b).y.total_cmp(&glyph(a).y).then(a.cmp(&b)));
    let mut lines = Vec::new();
    let mut i = 0;
    while i < order.len() {
        let first = *glyph(order[i]);
        let tol = (first.size * 0.35).max(0.5);
        let mut j = i + 1;
        while j < order.len() && (first.y - glyph(order[j]).y) <= tol {
            j += 1;
        }
        let members = left_to_right(page, &order[i..j]);
        if let Some(line) = build_line(page, &members, &verticals) {
            lines.push(line);
        }
        i = j;
    }
    let mut lines = if page.rules.is_empty() {
        split_columns(lines)
    } else {
        lines
    };
    split_aligned_gaps(&mut lines);
    let mut lines = merge_table_rows(lines, &page.rules);
    // the lines of every page are kept until the document is assembled:
    // no growth slack (most lines have one or two segments)
    for line in &mut lines {
        line.segs.shrink_to_fit();
    }
    lines.shrink_to_fit();
    lines
}

/// The glyphs `indices` (in drawing order) sorted by `x0`, equal positions
/// in drawing order: a stable sort, done as an integer sort of `x0` above
/// the position in `indices`.
fn left_to_right<'p>(page: &'p PageContent, indices: &[u32]) -> Vec<&'p Glyph> {
    let glyph = |k: u32| &page.glyphs[k as usize];
    let mut keys: Vec<u64> = (0u32..)
        .zip(indices)
        .map(|(pos, &k)| (u64::from(order_key(glyph(k).x0)) << 32) | u64::from(pos))
        .collect();
    sort_keys(&mut keys);
    keys.iter()
        .map(|&key| glyph(indices[(key as u32) as usize]))
        .collect()
}

/// Lines longer than this are sorted by radix (a comparison sort of a
/// 400,000-glyph line is slow in an unoptimized build).
const RADIX_SORT_MIN: usize = 256;

/// Sort distinct keys ascending.
fn sort_keys(keys: &mut Vec<u64>) {
    if keys.len() < RADIX_SORT_MIN {
        keys.sort_unstable();
        return;
    }
    // least significant byte first; a byte all keys share needs no pass
    let mut scratch = vec![0u64; keys.len()];
    for shift in (0..64).step_by(8) {
        let mut counts = [0usize; 256];
        for &k in keys.iter() {
            counts[((k >> shift) & 0xFF) as usize] += 1;
        }
        if counts.contains(&keys.len()) {
            continue;
        }
        let mut start = 0;
        for c in counts.iter_mut() {
            (*c, start) = (start, start + *c);
        }
        for &k in keys.iter() {
            let slot = &mut counts[((k >> shift) & 0xFF) as usize];
            scratch[*slot] = k;
            *slot += 1;
        }
        std::mem::swap(keys, &mut scratch);
    }
}

/// A `u32` that orders like [`f32::total_cmp`].
fn order_key(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 0x8000_0000
    }
}

/// Glyphs of one page by advance width: (glyphs of the most common
/// width-to-size ratio, visible glyphs). A typewriter layout (Courier) has
/// one width for all.
pub fn width_profile(page: &PageContent) -> (usize, usize) {
    let mut widths: BTreeMap<i32, usize> = BTreeMap::new();
    for g in &page.glyphs {
        let text = page
            .text
            .get(g.start as usize..g.end as usize)
            .unwrap_or("");
        if text.chars().all(char::is_whitespace) || g.size <= 0.0 {
            continue;
        }
        let ratio = (g.x1 - g.x0) / g.size;
        if ratio.is_finite() {
            *widths.entry((ratio * 100.0).round() as i32).or_default() += 1;
        }
    }
    let total = widths.values().sum();
    (widths.values().copied().max().unwrap_or(0), total)
}

/// Two-column pages: when most lines keep clear of one vertical gutter and
/// several have text on both sides, read the left column, then the right.
fn split_columns(lines: Vec<Line>) -> Vec<Line> {
    let Some(gutter) = find_gutter(&lines) else {
        return lines;
    };
    let crosses = |l: &Line| {
        l.segs
            .iter()
            .any(|s| s.x0 < gutter - 1.0 && s.x1 > gutter + 1.0)
    };
    let top = lines
        .iter()
        .filter(|l| !crosses(l) && l.segs.len() >= 2)
        .map(|l| l.y)
        .fold(f32::MIN, f32::max);
    let (mut head, mut left, mut right, mut tail) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for line in lines {
        if crosses(&line) {
            if line.y > top {
                head.push(line)
            } else {
                tail.push(line)
            }
            continue;
        }
        let (l, r): (Vec<Seg>, Vec<Seg>) = line
            .segs
            .iter()
            .cloned()
            .partition(|s| s.x1 <= gutter + 1.0);
        for (segs, side) in [(l, &mut left), (r, &mut right)] {
            if let (Some(first), Some(last)) = (segs.first(), segs.last()) {
                let (x0, x1) = (first.x0, last.x1);
                side.push(Line {
                    x0,
                    x1,
                    segs,
                    ..line.clone()
                });
            }
        }
    }
    for side in [&mut left, &mut right] {
        let x0 = side.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
        let x1 = side.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
        for l in side.iter_mut() {
            l.column = Some((x0, x1));
        }
    }
    head.into_iter()
        .chain(left)
        .chain(right)
        .chain(tail)
        .collect()
}

fn find_gutter(lines: &[Line]) -> Option<f32> {
    let mut starts: Vec<i32> = lines
        .iter()
        .filter(|l| l.segs.len() >= 2 && !l.starts_with_marker())
        .flat_map(|l| l.segs[1..].iter().map(|s| (s.x0 / 4.0).round() as i32))
        .collect();
    starts.sort_unstable();
    let (mut best, mut best_n, mut i) = (0, 0, 0);
    while i < starts.len() {
        let j = starts[i..].iter().take_while(|&&v| v == starts[i]).count();
        if j > best_n {
            (best, best_n) = (starts[i], j);
        }
        i += j;
    }
    if best_n < 3 {
        return None;
    }
    let gutter = best as f32 * 4.0 - 4.0;
    let crossing = lines
        .iter()
        .filter(|l| {
            l.segs
                .iter()
                .any(|s| s.x0 < gutter - 1.0 && s.x1 > gutter + 1.0)
        })
        .count();
    // prose columns fill their width: the left pieces end close to the gutter
    let left_edge = lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let reach = 0.25 * (gutter - left_edge).max(1.0);
    let left_ends: Vec<f32> = lines
        .iter()
        .filter(|l| l.segs.len() >= 2)
        .filter_map(|l| {
            l.segs
                .iter()
                .filter(|s| s.x1 <= gutter + 1.0)
                .map(|s| s.x1)
                .reduce(f32::max)
        })
        .collect();
    let full = left_ends.iter().filter(|&&x1| gutter - x1 <= reach).count();
    (crossing * 5 <= lines.len() && full * 10 >= left_ends.len() * 6).then_some(gutter)
}

/// Vertical rules as thin rules are not collected separately: approximate
/// cell borders by none (segments split on gaps); kept as a hook.
fn vertical_rules(page: &PageContent) -> Vec<(f32, f32, f32)> {
    page.verticals.clone()
}

fn build_line(
    page: &PageContent,
    glyphs: &[&Glyph],
    verticals: &[(f32, f32, f32)],
) -> Option<Line> {
    let mut segs: Vec<Seg> = Vec::new();
    let mut cur = String::new();
    let mut soft_gaps: Vec<SoftGap> = Vec::new();
    let mut seg_x0 = f32::NAN;
    let mut last_x1 = f32::NAN;
    let mut last_visible_x1 = f32::NAN;
    let mut last_text: &str = "";
    let mut last_x0 = f32::NAN;
    let mut spaces = 0;
    let size = glyphs
        .iter()
        .map(|g| g.size)
        .fold(0.0f32, f32::max)
        .max(1.0);
    let y = glyphs.first()?.y;
    for g in glyphs {
        let text = page
            .text
            .get(g.start as usize..g.end as usize)
            .unwrap_or("");
        let is_space = text.chars().all(char::is_whitespace);
        // fake bold / shadow: the same glyph drawn again almost on top
        if text == last_text && (g.x0 - last_x0).abs() < 0.3 * g.size.max(1.0) * 0.5 && !is_space {
            continue;
        }
        if is_space {
            if !cur.is_empty() && !cur.ends_with(' ') {
                cur.push(' ');
            }
            last_x1 = g.x1;
            spaces += 1;
            continue;
        }
        let gap_visible = if last_visible_x1.is_nan() {
            0.0
        } else {
            g.x0 - last_visible_x1
        };
        // one (stretched) space glyph is a word space of justified text
        let limit = if spaces == 1 {
            JUSTIFIED_GAP
        } else {
            SEGMENT_GAP
        } * size;
        let soft = spaces >= 2 && gap_visible > SOFT_GAP * size;
        spaces = 0;
        let border = !last_visible_x1.is_nan()
            && verticals.iter().any(|&(x, y0, y1)| {
                x > last_visible_x1 - 0.5 && x < g.x0 + 0.5 && y >= y0 && y <= y1
            });
        if !cur.is_empty() && (border || gap_visible > limit) {
            push_seg(
                &mut segs,
                &mut cur,
                &mut soft_gaps,
                (seg_x0, last_visible_x1),
                y,
            );
        } else if soft && !cur.trim().is_empty() {
            let at = cur.len() + usize::from(!cur.ends_with(' '));
            soft_gaps.push(SoftGap {
                at,
                x1: last_visible_x1,
                x0: g.x0,
            });
        }
        if cur.is_empty() {
            seg_x0 = g.x0;
        } else if !cur.ends_with(' ') && !last_x1.is_nan() && g.x0 - last_x1 > WORD_GAP * g.size {
            cur.push(' ');
        }
        cur.push_str(text);
        last_x1 = g.x1;
        last_visible_x1 = g.x1;
        last_text = text;
        last_x0 = g.x0;
    }
    push_seg(
        &mut segs,
        &mut cur,
        &mut soft_gaps,
        (seg_x0, last_visible_x1),
        y,
    );
    let first = segs.first()?;
    let (x0, x1) = (first.x0, segs.last().map_or(first.x1, |s| s.x1));
    Some(Line {
        y,
        x0,
        x1,
        size,
        segs,
        table_row: false,
        break_before: false,
        column: None,
    })
}

fn push_seg(
    segs: &mut Vec<Seg>,
    cur: &mut String,
    soft_gaps: &mut Vec<SoftGap>,
    (x0, x1): (f32, f32),
    y: f32,
) {
    let text = cur.trim();
    if !text.is_empty() {
        let lead = cur.len() - cur.trim_start().len();
        let gaps = soft_gaps
            .iter()
            .filter(|g| g.at > lead && g.at - lead < text.len())
            .map(|g| SoftGap {
                at: g.at - lead,
                ..*g
            })
            .collect();
        segs.push(Seg {
            x0,
            x1,
            y,
            text: text.to_string(),
            soft_gaps: gaps,
        });
    }
    cur.clear();
    soft_gaps.clear();
}

/// Split segments at their soft gaps where a line nearby (within
/// [`ALIGN_WINDOW`] lines and as many line heights) has a column starting
/// at the same x: typewriter tables whose columns are two spaces apart.
fn split_aligned_gaps(lines: &mut [Line]) {
    if lines
        .iter()
        .all(|l| l.segs.iter().all(|s| s.soft_gaps.is_empty()))
    {
        return;
    }
    let left = lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let starts: Vec<Vec<f32>> = lines.iter().map(|l| column_starts(l, left)).collect();
    for i in 0..lines.len() {
        if lines[i].segs.iter().all(|s| s.soft_gaps.is_empty()) {
            continue;
        }
        let (y, size) = (lines[i].y, lines[i].size);
        let near: Vec<f32> = (i.saturating_sub(ALIGN_WINDOW)
            ..(i + ALIGN_WINDOW + 1).min(lines.len()))
            .filter(|&j| j != i && (lines[j].y - y).abs() <= ALIGN_WINDOW as f32 * 2.0 * size)
            .flat_map(|j| starts[j].iter().copied())
            .collect();
        let line = &mut lines[i];
        let segs = std::mem::take(&mut line.segs);
        line.segs = segs
            .into_iter()
            .flat_map(|seg| split_seg(seg, &near, 0.25 * size))
            .collect();
    }
}

/// Where the columns of a line start: every segment after the first, and
/// the first when it is indented (a wrapped cell of a later column).
fn column_starts(line: &Line, left: f32) -> Vec<f32> {
    line.segs
        .iter()
        .enumerate()
        .filter(|(k, s)| *k > 0 || s.x0 > left + 2.0 * line.size)
        .map(|(_, s)| s.x0)
        .collect()
}

/// The segment cut at every soft gap whose right side starts at one of
/// `starts` (within `tol`).
fn split_seg(seg: Seg, starts: &[f32], tol: f32) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut x0 = seg.x0;
    for gap in &seg.soft_gaps {
        if !starts.iter().any(|&s| (s - gap.x0).abs() <= tol) {
            continue;
        }
        let (Some(piece), true) = (
            seg.text.get(from..gap.at),
            seg.text.is_char_boundary(gap.at),
        ) else {
            continue;
        };
        out.push(Seg {
            x0,
            x1: gap.x1,
            y: seg.y,
            text: piece.trim_end().to_string(),
            soft_gaps: Vec::new(),
        });
        from = gap.at;
        x0 = gap.x0;
    }
    if from == 0 {
        return vec![seg];
    }
    out.push(Seg {
        x0,
        x1: seg.x1,
        y: seg.y,
        text: seg.text.get(from..).unwrap_or("").to_string(),
        soft_gaps: Vec::new(),
    });
    out
}

/// Merge the lines between two horizontal rules into one table row when
/// they hold cells side by side.
fn merge_table_rows(lines: Vec<Line>, rules: &[Rule]) -> Vec<Line> {
    if rules.len() < 2 || lines.is_empty() {
        return lines;
    }
    let mut ys: Vec<f32> = rules.iter().map(|r| r.y).collect();
    ys.sort_by(|a, b| b.total_cmp(a));
    ys.dedup_by(|a, b| (*a - *b).abs() < 2.0);
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut idx = 0;
    while idx < lines.len() {
        let line = &lines[idx];
        let band = ys
            .windows(2)
            .find(|w| line.y < w[0] && line.y > w[1] && w[0] - w[1] < 400.0);
        let Some(band) =
            band.filter(|w| spans_rule(rules, w[0], line) && spans_rule(rules, w[1], line))
        else {
            out.push(lines[idx].clone());
            idx += 1;
            continue;
        };
        let mut end = idx;
        while end < lines.len() && lines[end].y < band[0] && lines[end].y > band[1] {
            end += 1;
        }
        let group = &lines[idx..end];
        if group.iter().any(|l| l.segs.len() >= 2) {
            out.push(row_from(group));
        } else {
            out.extend(group.iter().cloned());
        }
        idx = end.max(idx + 1);
    }
    out
}

fn spans_rule(rules: &[Rule], y: f32, line: &Line) -> bool {
    rules
        .iter()
        .any(|r| (r.y - y).abs() < 2.0 && r.x0 <= line.x0 + 2.0 && r.x1 >= line.x0)
}

/// One row from the lines of one band: segments clustered into columns by
/// horizontal overlap, each column's pieces joined top to bottom.
pub fn row_from(group: &[Line]) -> Line {
    let mut columns: Vec<(f32, f32, Vec<&Seg>)> = Vec::new();
    for seg in group.iter().flat_map(|l| &l.segs) {
        match columns.iter_mut().find(|c| seg.x0 < c.1 && seg.x1 > c.0) {
            Some(c) => {
                c.0 = c.0.min(seg.x0);
                c.1 = c.1.max(seg.x1);
                c.2.push(seg);
            }
            None => columns.push((seg.x0, seg.x1, vec![seg])),
        }
    }
    columns.sort_by(|a, b| a.0.total_cmp(&b.0));
    let segs = columns
        .iter()
        .map(|(x0, x1, pieces)| {
            let mut text = String::new();
            for p in pieces {
                join_cell_piece(&mut text, &p.text);
            }
            Seg {
                x0: *x0,
                x1: *x1,
                y: pieces.first().map_or(0.0, |p| p.y),
                text,
                soft_gaps: Vec::new(),
            }
        })
        .collect::<Vec<_>>();
    let first = &group[0];
    Line {
        y: first.y,
        x0: segs.first().map_or(first.x0, |s| s.x0),
        x1: segs.last().map_or(first.x1, |s| s.x1),
        size: first.size,
        segs,
        table_row: true,
        break_before: first.break_before,
        column: first.column,
    }
}

/// Append a wrapped piece of a table cell: URLs continue without a space,
/// a line-end hyphen is kept as a marker for the dehyphenation pass.
fn join_cell_piece(text: &mut String, piece: &str) {
    if text.is_empty() {
        text.push_str(piece);
        return;
    }
    let last_word = text.rsplit(' ').next().unwrap_or("");
    let url_continues =
        is_url_like(last_word) && !piece.starts_with("http") && !piece.starts_with("www.");
    if url_continues {
        text.push_str(piece);
    } else if text.ends_with('-') && last_word.len() > 1 {
        text.push(HYPHEN_JOIN);
        text.push_str(piece);
    } else {
        text.push(SOFT_JOIN);
        text.push_str(piece);
    }
}

pub fn is_url_like(word: &str) -> bool {
    word.contains("://") || word.starts_with("www.") || (word.contains('@') && word.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_key_orders_like_total_cmp() {
        let xs = [-f32::INFINITY, -72.5, -0.0, 0.0, 1e-30, 72.0, 72.5, 540.0];
        for w in xs.windows(2) {
            assert!(order_key(w[0]) < order_key(w[1]), "{} < {}", w[0], w[1]);
        }
    }

    #[test]
    fn radix_sort_is_a_stable_sort_by_x() {
        // a long line of repeated positions, like one text line drawn
        // again and again at the same place
        let xs: Vec<f32> = (0..2_000u32)
            .map(|i| 72.0 + (i % 37) as f32 * 5.5)
            .collect();
        let mut keys: Vec<u64> = (0u32..)
            .zip(&xs)
            .map(|(pos, &x)| (u64::from(order_key(x)) << 32) | u64::from(pos))
            .collect();
        sort_keys(&mut keys);
        let positions: Vec<usize> = keys.iter().map(|&k| k as u32 as usize).collect();
        let mut expected: Vec<usize> = (0..xs.len()).collect();
        expected.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
        assert_eq!(positions, expected);
    }

    fn seg(x0: f32, x1: f32, text: &str, soft_gaps: Vec<SoftGap>) -> Seg {
        Seg {
            x0,
            x1,
            y: 700.0,
            text: text.to_string(),
            soft_gaps,
        }
    }

    fn line(y: f32, segs: Vec<Seg>) -> Line {
        Line {
            y,
            x0: segs[0].x0,
            x1: segs[segs.len() - 1].x1,
            size: 10.0,
            segs,
            table_row: false,
            break_before: false,
            column: None,
        }
    }

    /// `Optioneel / door  Documenten` (two spaces) over a wrapped line whose
    /// second cell starts at the same x.
    #[test]
    fn soft_gaps_split_where_a_nearby_column_starts() {
        let gap = SoftGap {
            at: 18,
            x1: 166.0,
            x0: 178.0,
        };
        let mut lines = vec![
            line(
                700.0,
                vec![seg(50.0, 300.0, "Optioneel / door  Documenten", vec![gap])],
            ),
            line(
                689.0,
                vec![
                    seg(50.0, 150.0, "opgeslagen", vec![]),
                    seg(178.0, 260.0, "notities", vec![]),
                ],
            ),
        ];
        split_aligned_gaps(&mut lines);
        let texts: Vec<&str> = lines[0].segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Optioneel / door", "Documenten"]);
        assert_eq!(lines[0].segs[1].x0, 178.0);

        let mut alone = vec![line(
            700.0,
            vec![seg(50.0, 300.0, "Optioneel / door  Documenten", vec![gap])],
        )];
        split_aligned_gaps(&mut alone);
        assert_eq!(alone[0].segs.len(), 1);
    }
}
