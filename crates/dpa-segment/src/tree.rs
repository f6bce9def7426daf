//! The tree builder: walks the lines once, decides which line starts a
//! clause (plausibility from sequence continuity, line position and
//! heading shape) and where the clause hangs in the tree.

use crate::lines::{self, ends_sentence, is_all_caps, is_title_like, Line};
use crate::marker::{self, Marker, Number};
use crate::vocab::PartKind;
use std::collections::BTreeSet;

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Part(PartKind),
    /// `Artikel 3`.
    Article,
    /// The document's main numbering: `1`, `1.`, `4.1`, `1.1.1`.
    Dotted,
    /// A numbered list restarting at 1 inside a clause or a preamble; `paren`
    /// for `(1)` / `1)` lists.
    ListNum {
        paren: bool,
    },
    Letter {
        upper: bool,
    },
    Roman,
    Bullet,
    /// An unnumbered heading line (`caps` for ALL-CAPS section titles).
    Heading {
        caps: bool,
    },
    /// Unnumbered text.
    Para,
}

impl NodeKind {
    fn is_numbered(self) -> bool {
        matches!(
            self,
            NodeKind::Article | NodeKind::Dotted | NodeKind::ListNum { .. }
        )
    }

    fn is_list_item(self) -> bool {
        matches!(
            self,
            NodeKind::Bullet | NodeKind::Letter { .. } | NodeKind::Roman
        )
    }
}

/// One clause while the tree is built.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    /// Number as written, without a trailing dot.
    pub number: Option<String>,
    /// Numeric value path (articles, numbers), or the letter / roman value.
    pub value: Number,
    /// For parts: the id slug (`deel-1`, `bijlage-a`).
    pub slug: Option<String>,
    pub heading: Option<String>,
    /// The clause line is a title without body text.
    pub heading_shaped: bool,
    pub start: usize,
    pub end: usize,
    pub parent: Option<usize>,
    /// Some node hangs under this one (the lists are [`Tree::children`]).
    has_children: bool,
    /// Some child is numbered (`Article`, `Dotted`, `ListNum`).
    numbered_kids: bool,
    /// The last child that takes part in number / letter sequences.
    last_seq: Option<usize>,
    /// The last child that is an article.
    last_article: Option<usize>,
}

/// Nesting limit: deeper clauses hang at this depth (hostile input with
/// thousands of levels must not overflow the stack).
const MAX_DEPTH: usize = 16;

/// The built tree: nodes in document order and the top-level node indexes.
pub struct Tree {
    pub nodes: Vec<Node>,
    pub roots: Vec<usize>,
    /// The children of every node, node after node (in document order).
    kids: Vec<usize>,
    /// Where the children of each node start in `kids` (one more entry
    /// than nodes: the children of node `i` are `kids[kid_start[i]..kid_start[i + 1]]`).
    kid_start: Vec<usize>,
}

impl Tree {
    /// The children of node `idx`, in document order.
    pub fn children(&self, idx: usize) -> &[usize] {
        match (self.kid_start.get(idx), self.kid_start.get(idx + 1)) {
            (Some(&from), Some(&to)) => self.kids.get(from..to).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// The child lists of all nodes in one vector, with the start of each
/// node's list: a node's children are the later nodes with it as their
/// parent, in document order.
fn child_lists(nodes: &[Node]) -> (Vec<usize>, Vec<usize>) {
    let mut start = vec![0usize; nodes.len() + 1];
    for p in nodes.iter().filter_map(|n| n.parent) {
        start[p + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut next = start.clone();
    let mut kids = vec![0usize; start[nodes.len()]];
    for (idx, n) in nodes.iter().enumerate() {
        if let Some(p) = n.parent {
            kids[next[p]] = idx;
            next[p] += 1;
        }
    }
    (kids, start)
}

struct Builder<'a> {
    text: &'a str,
    lines: Vec<Line>,
    /// The marker at the start of each line, read once.
    markers: Vec<Option<marker::Found>>,
    /// Whether each line is a table row, read once.
    tables: Vec<bool>,
    nodes: Vec<Node>,
    roots: Vec<usize>,
    stack: Vec<usize>,
    parts: BTreeSet<usize>,
    /// A line already used (e.g. the title line under `Artikel 3`).
    absorbed: Option<usize>,
    /// A top-level node is numbered.
    roots_numbered: bool,
    /// The last top-level node that takes part in sequences.
    roots_last_seq: Option<usize>,
    /// The last top-level article.
    roots_last_article: Option<usize>,
    /// Some node of the tree is numbered.
    any_numbered: bool,
}

/// Build the clause tree of a normalized text.
pub fn build(text: &str) -> Tree {
    let lines = lines::split_lines(text);
    // The marker and the table shape of each line, read once.
    let markers: Vec<Option<marker::Found>> = lines
        .iter()
        .map(|l| {
            if l.is_blank() {
                None
            } else {
                marker::find(l.text(text))
            }
        })
        .collect();
    let tables = lines::table_rows(text, &lines);
    let parts = real_part_lines(&markers);
    // Most clauses start at a marker line.
    let marked = markers.iter().filter(|m| m.is_some()).count();
    let mut b = Builder {
        text,
        lines,
        markers,
        tables,
        nodes: Vec::with_capacity(marked + marked / 4 + 4),
        roots: Vec::new(),
        stack: Vec::new(),
        parts,
        absorbed: None,
        roots_numbered: false,
        roots_last_seq: None,
        roots_last_article: None,
        any_numbered: false,
    };
    b.run();
    let (kids, kid_start) = child_lists(&b.nodes);
    Tree {
        nodes: b.nodes,
        roots: b.roots,
        kids,
        kid_start,
    }
}

/// Part title lines that really open a part: a title repeated later (a
/// table of contents, `Bestaande uit: Deel 1 ... Deel 2 ...`) only refers
/// to the part that follows.
fn real_part_lines(markers: &[Option<marker::Found>]) -> BTreeSet<usize> {
    let mut last_by_key: Vec<(PartKind, Option<String>, usize)> = Vec::new();
    for (i, m) in markers.iter().enumerate() {
        let Some(Marker::Part { kind, label }) = m.as_ref().map(|f| &f.marker) else {
            continue;
        };
        match last_by_key
            .iter_mut()
            .find(|(k, lb, _)| k == kind && lb == label)
        {
            Some(entry) => entry.2 = i,
            None => last_by_key.push((*kind, label.clone(), i)),
        }
    }
    last_by_key.into_iter().map(|(_, _, i)| i).collect()
}

/// Where a new node goes: the stack is cut to `keep` entries and the node
/// hangs under the last remaining one (or at the top).
struct Place {
    keep: usize,
    kind: NodeKind,
}

impl<'a> Builder<'a> {
    fn run(&mut self) {
        let mut blank_before = true;
        let mut prev: Option<(usize, bool)> = None; // (line index, line started a title clause)
        for i in 0..self.lines.len() {
            let line = self.lines[i];
            if line.is_blank() {
                blank_before = true;
                continue;
            }
            let s = line.text(self.text);
            // Only a marker line asks whether it stands strong.
            let strong = self.marker(i).is_some() && (blank_before || self.follows_break(prev));
            let mut title = false;
            if self.absorbed == Some(i) {
                self.extend(i);
            } else if self.is_table(i) {
                self.continuation(i);
            } else if let Some(t) = self.try_marker(i, s, strong, blank_before) {
                title = t;
            } else if blank_before && self.try_heading(i, s, prev.map(|(p, _)| p)) {
                title = true;
            } else if blank_before {
                self.paragraph(i);
            } else {
                self.continuation(i);
            }
            prev = Some((i, title));
            blank_before = false;
        }
    }

    /// The previous line (and whether it started a title clause) ends a
    /// sentence, a title or a table row, or there is none.
    fn follows_break(&self, prev: Option<(usize, bool)>) -> bool {
        match prev {
            None => true,
            Some((p, title)) => {
                let ps = self.lines[p].text(self.text);
                title || ends_sentence(ps) || self.is_table(p)
            }
        }
    }

    // ----- helpers on the stack -------------------------------------------------

    fn node(&self, idx: usize) -> &Node {
        &self.nodes[idx]
    }

    fn has_numbered_children(&self, idx: Option<usize>) -> bool {
        match idx {
            Some(i) => self.nodes[i].numbered_kids,
            None => self.roots_numbered,
        }
    }

    fn own_text(&self, idx: usize) -> &'a str {
        let n = &self.nodes[idx];
        self.text.get(n.start..n.end).unwrap_or("")
    }

    fn ends_colon(&self, idx: usize) -> bool {
        self.own_text(idx).trim_end().ends_with(':')
    }

    fn push_node(&mut self, keep: usize, mut node: Node) -> usize {
        self.stack.truncate(keep.min(MAX_DEPTH));
        let idx = self.nodes.len();
        node.parent = self.stack.last().copied();
        let numbered = node.kind.is_numbered();
        let seq = is_sequence_kind(node.kind);
        let article = node.kind == NodeKind::Article;
        self.any_numbered |= numbered;
        match node.parent {
            Some(p) => {
                let pn = &mut self.nodes[p];
                pn.has_children = true;
                pn.numbered_kids |= numbered;
                if seq {
                    pn.last_seq = Some(idx);
                }
                if article {
                    pn.last_article = Some(idx);
                }
            }
            None => {
                self.roots.push(idx);
                self.roots_numbered |= numbered;
                if seq {
                    self.roots_last_seq = Some(idx);
                }
                if article {
                    self.roots_last_article = Some(idx);
                }
            }
        }
        self.nodes.push(node);
        self.stack.push(idx);
        idx
    }

    fn new_node(&self, kind: NodeKind, i: usize) -> Node {
        let l = self.lines[i];
        Node {
            kind,
            number: None,
            value: Number::default(),
            slug: None,
            heading: None,
            heading_shaped: false,
            start: l.start,
            end: l.end,
            parent: None,
            has_children: false,
            numbered_kids: false,
            last_seq: None,
            last_article: None,
        }
    }

    fn extend(&mut self, i: usize) {
        let end = self.lines[i].end;
        if let Some(&top) = self.stack.last() {
            if !self.nodes[top].has_children {
                self.nodes[top].end = end;
                return;
            }
        }
        self.continuation(i);
    }

    /// Text that continues the innermost clause; after children it becomes a
    /// new unnumbered block under that clause.
    fn continuation(&mut self, i: usize) {
        if let Some(&top) = self.stack.last() {
            if !self.nodes[top].has_children {
                self.nodes[top].end = self.lines[i].end;
                return;
            }
        }
        let node = self.new_node(NodeKind::Para, i);
        let keep = self.stack.len();
        self.push_node(keep, node);
    }

    /// A new paragraph (after a blank line) without a marker: it ends an
    /// open list and continues the clause that holds the list.
    fn paragraph(&mut self, i: usize) {
        while let Some(&top) = self.stack.last() {
            let n = self.node(top);
            let list_like = n.kind.is_list_item()
                || matches!(n.kind, NodeKind::ListNum { .. }) && !n.heading_shaped
                || matches!(n.kind, NodeKind::Dotted)
                    && n.value.len() == 1
                    && self.parent_is_preamble(top);
            if list_like && !self.ends_colon(top) {
                self.stack.pop();
            } else {
                break;
            }
        }
        self.continuation(i);
    }

    fn parent_is_preamble(&self, idx: usize) -> bool {
        self.node(idx)
            .parent
            .is_some_and(|p| self.node(p).kind == NodeKind::Part(PartKind::Preamble))
    }

    /// The stack length that keeps the innermost part (0 = top level).
    fn keep_to_part(&self) -> usize {
        self.stack
            .iter()
            .rposition(|&n| matches!(self.node(n).kind, NodeKind::Part(_)))
            .map_or(0, |j| j + 1)
    }

    /// The next line is blank, missing, or starts another clause.
    fn next_is_break(&self, i: usize) -> bool {
        match self.lines.get(i + 1) {
            None => true,
            Some(l) if l.is_blank() => true,
            Some(l) => {
                let s = l.text(self.text);
                self.is_table(i + 1)
                    || self
                        .marker(i + 1)
                        .is_some_and(|f| marker::plausible_start(s, f))
            }
        }
    }

    /// Line `i` is a table row.
    fn is_table(&self, i: usize) -> bool {
        self.tables.get(i).copied().unwrap_or(false)
    }

    /// The marker read at the start of line `i`.
    fn marker(&self, i: usize) -> Option<&marker::Found> {
        match self.markers.get(i) {
            Some(Some(f)) => Some(f),
            _ => None,
        }
    }

    fn next_nonblank(&self, i: usize) -> Option<usize> {
        (i + 1..self.lines.len()).find(|&j| !self.lines[j].is_blank())
    }

    // ----- markers ----------------------------------------------------------------

    /// Start a clause at a marker line; `Some(title)` when it did.
    fn try_marker(&mut self, i: usize, s: &str, strong: bool, blank_before: bool) -> Option<bool> {
        // Moved out while the clause opens (nothing reads the marker of
        // line `i` meanwhile) and put back after.
        let found = self.markers.get_mut(i)?.take()?;
        let opened = self.open_marker(i, s, &found, strong, blank_before);
        if let Some(slot) = self.markers.get_mut(i) {
            *slot = Some(found);
        }
        opened
    }

    fn open_marker(
        &mut self,
        i: usize,
        s: &str,
        found: &marker::Found,
        strong: bool,
        blank_before: bool,
    ) -> Option<bool> {
        let rest = lines::trim_ws(s.get(found.rest..).unwrap_or(""));
        match &found.marker {
            Marker::Part { kind, label } => self.open_part(i, s, *kind, label.as_deref(), strong),
            Marker::Article { number } => self.open_article(i, number, rest, strong),
            &Marker::Numeric {
                ref number,
                bare,
                paren,
            } => {
                let rest = Rest::new(rest, self.next_is_break(i));
                let titled = !bare && rest.is_title(8);
                if !(strong || titled) || (bare && !starts_upper(rest.text)) {
                    return None;
                }
                let first = *number.first()?;
                if paren {
                    self.open_paren_item(i, first, rest)
                } else if number.len() == 1 {
                    self.open_number(i, first, bare, rest, blank_before)
                } else {
                    self.open_dotted(i, number, rest)
                }
            }
            &Marker::Letter { letter, upper } if strong => self.open_letter(i, letter, upper, rest),
            &Marker::Roman { value } if strong => self.open_roman(i, value, rest),
            Marker::Bullet => self.open_bullet(i),
            _ => None,
        }
    }

    fn open_part(
        &mut self,
        i: usize,
        s: &str,
        kind: PartKind,
        label: Option<&str>,
        strong: bool,
    ) -> Option<bool> {
        if !self.parts.contains(&i) || !(strong || self.next_is_break(i)) {
            return None;
        }
        let mut node = self.new_node(NodeKind::Part(kind), i);
        node.slug = Some(part_slug(kind, label, s));
        node.heading = Some(s.to_string());
        node.heading_shaped = true;
        self.push_node(0, node);
        Some(true)
    }

    fn open_article(
        &mut self,
        i: usize,
        number: &Number,
        rest: &str,
        strong: bool,
    ) -> Option<bool> {
        if !strong {
            return None;
        }
        let keep = self
            .stack
            .iter()
            .rposition(|&n| {
                matches!(
                    self.node(n).kind,
                    NodeKind::Part(PartKind::Deel | PartKind::Annex)
                )
            })
            .map_or(0, |j| j + 1);
        let prev = match keep.checked_sub(1) {
            Some(j) => self.nodes[self.stack[j]].last_article,
            None => self.roots_last_article,
        };
        let n = number[0];
        let plausible = match prev {
            Some(p) => {
                let pv = self.nodes[p].value.first().copied().unwrap_or(0);
                n == pv + 1 || n == pv + 2 || (number.len() > 1 && n == pv)
            }
            None => n <= 2,
        };
        if !plausible {
            return None;
        }
        let mut node = self.new_node(NodeKind::Article, i);
        node.number = Some(join(number));
        node.value = *number;
        if rest.is_empty() {
            node.heading_shaped = true;
            if let Some(j) = self.next_nonblank(i) {
                let t = self.lines[j].text(self.text);
                if is_title_like(t, 8) && self.marker(j).is_none() && !self.is_table(j) {
                    node.heading = Some(t.to_string());
                    self.absorbed = Some(j);
                }
            }
        } else {
            let (heading, shaped) = heading_of(Rest::new(rest, self.next_is_break(i)));
            node.heading = heading.or_else(|| is_title_like(rest, 12).then(|| rest.to_string()));
            node.heading_shaped = shaped || node.heading.as_deref() == Some(rest);
        }
        let shaped = node.heading_shaped;
        self.push_node(keep, node);
        Some(shaped)
    }

    /// A single number (`3`, `3.`): continues an open sequence or starts one.
    fn open_number(
        &mut self,
        i: usize,
        n: u32,
        bare: bool,
        rest: Rest,
        blank_before: bool,
    ) -> Option<bool> {
        let (heading, shaped) = heading_of(rest);
        let place = self.continue_number(n, bare, shaped).or_else(|| {
            if n == 1 {
                self.start_number(bare, blank_before)
            } else {
                self.first_number(bare, shaped)
            }
        })?;
        let mut node = self.new_node(place.kind, i);
        node.number = Some(decimal(n));
        node.value = Number::single(n);
        node.heading = heading;
        node.heading_shaped = shaped;
        self.push_node(place.keep, node);
        Some(shaped)
    }

    fn continue_number(&self, n: u32, bare: bool, shaped: bool) -> Option<Place> {
        let single = |nd: &Node| {
            (nd.kind == NodeKind::Dotted && nd.value.len() == 1)
                || nd.kind == NodeKind::ListNum { paren: false }
        };
        let gaps: &[u32] = if bare { &[1] } else { &[1, 2] };
        for &gap in gaps {
            let fits = |nd: &Node| single(nd) && nd.value[0] + gap == n;
            let Some((keep, last)) = self.continuing(fits) else {
                continue;
            };
            let mut chosen = (keep, last);
            if shaped && !self.node(last).heading_shaped {
                if let Some(c) = self.continuing(|nd| fits(nd) && nd.heading_shaped) {
                    chosen = c;
                }
            }
            return Some(Place {
                keep: chosen.0,
                kind: self.node(chosen.1).kind,
            });
        }
        None
    }

    /// The innermost open container (the top level last) whose last child
    /// of the same sequence satisfies `prev`: `(stack length to keep, that
    /// child)`.
    fn continuing(&self, prev: impl Fn(&Node) -> bool) -> Option<(usize, usize)> {
        for keep in (0..=self.stack.len()).rev() {
            let last = match keep.checked_sub(1) {
                Some(j) => self.nodes[self.stack[j]].last_seq,
                None => self.roots_last_seq,
            };
            if let Some(last) = last.filter(|&k| prev(self.node(k))) {
                return Some((keep, last));
            }
        }
        None
    }

    /// Where a sequence starting at 1 goes: under the innermost clause that
    /// announces a list (a title, or a lead-in ending in `:`), else at the
    /// top of the current part.
    fn start_number(&self, bare: bool, blank_before: bool) -> Option<Place> {
        for j in (0..self.stack.len()).rev() {
            let idx = self.stack[j];
            let nd = self.node(idx);
            let fresh = !self.has_numbered_children(Some(idx));
            match nd.kind {
                NodeKind::Bullet | NodeKind::Letter { .. } | NodeKind::Roman => continue,
                k if k.is_numbered() && fresh && (nd.heading_shaped || self.ends_colon(idx)) => {
                    return Some(Place {
                        keep: j + 1,
                        kind: NodeKind::ListNum { paren: false },
                    });
                }
                NodeKind::Heading { .. } | NodeKind::Para if fresh && self.ends_colon(idx) => {
                    return Some(Place {
                        keep: j + 1,
                        kind: NodeKind::ListNum { paren: false },
                    });
                }
                NodeKind::Part(kind) => {
                    if fresh {
                        let kind = if kind == PartKind::Preamble {
                            NodeKind::ListNum { paren: false }
                        } else {
                            NodeKind::Dotted
                        };
                        return Some(Place { keep: j + 1, kind });
                    }
                    if matches!(kind, PartKind::Deel | PartKind::Annex) {
                        return self.restart_number(bare, blank_before, j + 1);
                    }
                }
                _ => {}
            }
        }
        if !self.has_numbered_children(None) {
            return Some(Place {
                keep: 0,
                kind: NodeKind::Dotted,
            });
        }
        self.restart_number(bare, blank_before, 0)
    }

    /// The first numbered title of a text that does not start at 1 (an
    /// excerpt): accepted at the top of the current part.
    fn first_number(&self, bare: bool, shaped: bool) -> Option<Place> {
        (!bare && shaped && !self.any_numbered).then(|| Place {
            keep: self.keep_to_part(),
            kind: NodeKind::Dotted,
        })
    }

    /// A `1.` where no list is open: a new list under the innermost numbered
    /// clause, when the line stands on its own.
    fn restart_number(&self, bare: bool, blank_before: bool, floor: usize) -> Option<Place> {
        if bare || !blank_before {
            return None;
        }
        let j = self
            .stack
            .iter()
            .rposition(|&n| self.node(n).kind.is_numbered())?;
        (j >= floor).then_some(Place {
            keep: j + 1,
            kind: NodeKind::ListNum { paren: false },
        })
    }

    fn open_dotted(&mut self, i: usize, number: &Number, rest: Rest) -> Option<bool> {
        let last = *number.last()?;
        if last == 0 {
            return None;
        }
        let prefix = &number[..number.len() - 1];
        let keep = self.dotted_place(prefix, number.len(), last)?;
        let (heading, shaped) = heading_of(rest);
        let mut node = self.new_node(NodeKind::Dotted, i);
        node.number = Some(join(number));
        node.value = *number;
        node.heading = heading;
        node.heading_shaped = shaped;
        self.push_node(keep, node);
        Some(shaped)
    }

    fn dotted_place(&self, prefix: &[u32], depth: usize, last: u32) -> Option<usize> {
        let parent = self.stack.iter().rposition(|&n| {
            let nd = self.node(n);
            matches!(nd.kind, NodeKind::Article | NodeKind::Dotted) && *nd.value == *prefix
        });
        if let Some(j) = parent {
            return Some(j + 1);
        }
        let sibling = self.continuing(|nd| {
            nd.kind == NodeKind::Dotted
                && nd.value.len() == depth
                && nd.value[..depth - 1] == *prefix
        });
        if let Some((keep, _)) = sibling {
            return Some(keep);
        }
        (last <= 2).then(|| self.keep_to_part())
    }

    fn open_paren_item(&mut self, i: usize, n: u32, rest: Rest) -> Option<bool> {
        let kind = NodeKind::ListNum { paren: true };
        let cont = self
            .continuing(|nd| nd.kind == kind && nd.value[0] + 1 == n)
            .map(|c| c.0);
        let keep = match cont {
            Some(j) => j,
            None if n == 1 => self.item_host(|k| k == kind)?,
            None => return None,
        };
        self.push_item(i, keep, kind, decimal(n), Number::single(n), rest)
    }

    fn open_letter(&mut self, i: usize, letter: char, upper: bool, rest: &str) -> Option<bool> {
        let kind = NodeKind::Letter { upper };
        let v = letter_value(letter);
        let cont = |gap: u32| {
            self.continuing(|nd| nd.kind == kind && nd.value[0] + gap == v)
                .map(|c| c.0)
        };
        let keep = match cont(1).or_else(|| cont(2).filter(|_| v > 2)) {
            Some(j) => j,
            None if matches!(letter, 'i' | 'v' | 'x') => {
                let value = marker::roman_value(&letter.to_string())?;
                return self.open_roman(i, value, rest);
            }
            None if v == 1 => self.item_host(|k| k == kind)?,
            None => return None,
        };
        let rest = Rest::new(rest, self.next_is_break(i));
        self.push_item(i, keep, kind, letter.to_string(), Number::single(v), rest)
    }

    fn open_roman(&mut self, i: usize, value: u32, rest: &str) -> Option<bool> {
        let cont = self
            .continuing(|nd| nd.kind == NodeKind::Roman && nd.value[0] + 1 == value)
            .map(|c| c.0);
        let keep = match cont {
            Some(j) => j,
            None if value == 1 => self.item_host(|k| k == NodeKind::Roman)?,
            None => return None,
        };
        let rest = Rest::new(rest, self.next_is_break(i));
        self.push_item(
            i,
            keep,
            NodeKind::Roman,
            marker::roman_text(value),
            Number::single(value),
            rest,
        )
    }

    /// The stack length under which a new list of `kind` starts: below the
    /// innermost node that is not a bullet nor an item of the same list.
    fn item_host(&self, same: impl Fn(NodeKind) -> bool) -> Option<usize> {
        let j = self.stack.iter().rposition(|&n| {
            let k = self.node(n).kind;
            !(k == NodeKind::Bullet || same(k))
        });
        Some(j.map_or(0, |j| j + 1))
    }

    fn push_item(
        &mut self,
        i: usize,
        keep: usize,
        kind: NodeKind,
        number: String,
        value: Number,
        rest: Rest,
    ) -> Option<bool> {
        let (heading, shaped) = heading_of(rest);
        let mut node = self.new_node(kind, i);
        node.number = Some(number);
        node.value = value;
        node.heading = heading;
        node.heading_shaped = shaped;
        self.push_node(keep, node);
        Some(shaped)
    }

    fn open_bullet(&mut self, i: usize) -> Option<bool> {
        let keep = self
            .stack
            .iter()
            .rposition(|&n| self.node(n).kind != NodeKind::Bullet)
            .map_or(0, |j| j + 1);
        let node = self.new_node(NodeKind::Bullet, i);
        self.push_node(keep, node);
        Some(false)
    }

    // ----- unnumbered headings -----------------------------------------------------

    /// A one-line paragraph that reads as a title.
    fn try_heading(&mut self, i: usize, s: &str, prev: Option<usize>) -> bool {
        let next_blank = self.lines.get(i + 1).map_or(true, Line::is_blank);
        if !next_blank || s.len() > 80 || self.marker(i).is_some() || has_digit(s) {
            return false;
        }
        if is_all_caps(s) && lines::word_count(s, 10) <= 10 {
            let keep = self.keep_to_part();
            self.push_heading(i, s, keep, true);
            return true;
        }
        let prev_ok = prev.map_or(true, |p| {
            let ps = self.lines[p].text(self.text);
            ends_sentence(ps)
                || self.is_table(p)
                || self.stack.last().is_some_and(|&t| {
                    self.node(t).heading_shaped && self.node(t).start == self.lines[p].start
                })
        });
        if !prev_ok {
            return false;
        }
        let Some(words) = lines::title_words(s).filter(|&w| w <= 8) else {
            return false;
        };
        if !self.content_follows(i) || (words == 1 && !single_word_title(s)) {
            return false;
        }
        let keep = self
            .stack
            .iter()
            .rposition(|&n| {
                let k = self.node(n).kind;
                matches!(k, NodeKind::Article | NodeKind::Dotted | NodeKind::Part(_))
                    || matches!(k, NodeKind::ListNum { .. }) && self.node(n).heading_shaped
            })
            .map_or(0, |j| j + 1);
        self.push_heading(i, s, keep, false);
        true
    }

    /// A title needs content after it: text, a table or a list, not the
    /// next numbered clause or the end of the text.
    fn content_follows(&self, i: usize) -> bool {
        let Some(j) = self.next_nonblank(i) else {
            return false;
        };
        let s = self.lines[j].text(self.text);
        match self.marker(j) {
            Some(f) if marker::plausible_start(s, f) => !matches!(
                f.marker,
                Marker::Numeric { .. } | Marker::Article { .. } | Marker::Part { .. }
            ),
            _ => true,
        }
    }

    fn push_heading(&mut self, i: usize, s: &str, keep: usize, caps: bool) {
        let mut node = self.new_node(NodeKind::Heading { caps }, i);
        node.heading = Some(s.to_string());
        node.heading_shaped = true;
        self.push_node(keep, node);
    }
}

/// Whether a node kind takes part in number / letter sequences.
fn is_sequence_kind(kind: NodeKind) -> bool {
    !matches!(
        kind,
        NodeKind::Bullet | NodeKind::Heading { .. } | NodeKind::Para | NodeKind::Part(_)
    )
}

/// A one-word line is a title when it names a topic or a document.
fn single_word_title(s: &str) -> bool {
    let endings = crate::vocab::TITLE_WORD_ENDINGS;
    if !s.is_ascii() {
        let lower = s.to_lowercase();
        return crate::kind::classify_heading(&lower).is_some()
            || endings.iter().any(|e| lower.ends_with(e));
    }
    // An ASCII word folds to its lower case: read it as it is.
    let ends_with = |e: &str| {
        s.len() >= e.len() && s.as_bytes()[s.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
    };
    crate::kind::heading_kind(s).is_some() || endings.iter().any(|e| ends_with(e))
}

/// A clause line's text after its marker, with its title test read once.
#[derive(Clone, Copy)]
struct Rest<'s> {
    text: &'s str,
    /// The next line is blank, missing, or starts another clause.
    next_break: bool,
    /// [`lines::title_words`] of the text, read when the next line breaks
    /// (only then do the title tests ask), else `None`.
    title_words: Option<usize>,
}

impl<'s> Rest<'s> {
    fn new(text: &'s str, next_break: bool) -> Rest<'s> {
        let title_words = if next_break {
            lines::title_words(text)
        } else {
            None
        };
        Rest {
            text,
            next_break,
            title_words,
        }
    }

    /// A title of at most `max_words` words on a line of its own:
    /// `next_break && is_title_like(text, max_words)`.
    fn is_title(&self, max_words: usize) -> bool {
        self.title_words.is_some_and(|w| w <= max_words)
    }
}

/// The heading of a numbered line's rest, and whether the line is only a
/// title (no body on it).
fn heading_of(rest: Rest) -> (Option<String>, bool) {
    let text = lines::trim_ws(rest.text);
    if text.is_empty() {
        return (None, true);
    }
    if rest.next_break && (rest.is_title(12) || is_short_line(text)) {
        return (Some(text.to_string()), true);
    }
    if let Some((h, body)) = lines::split_once_at(text, &lines::COLON_SPACE) {
        // `is_title_like` also caps the word count.
        if !body.trim().is_empty() && is_title_like(h, 4) && !has_digit(h) {
            return (Some(h.to_string()), false);
        }
    }
    if let Some((h, body)) = lines::split_once_at(text, &lines::DOT_SPACE) {
        // `is_title_like` also rejects sentence words.
        if starts_upper(body) && is_title_like(h, 5) {
            return (Some(h.to_string()), false);
        }
    }
    (None, false)
}

/// A short line on its own after a number (`8. Als een klant zijn rechten
/// inroept`) is a title even when it reads like a sentence.
fn is_short_line(s: &str) -> bool {
    starts_upper(s)
        && !matches!(s.chars().next_back(), Some('.' | ',' | ';' | ':'))
        && lines::word_count(s, 8) <= 8
}

fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

fn starts_upper(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '\''))
}

fn letter_value(c: char) -> u32 {
    let c = c.to_ascii_lowercase();
    if c.is_ascii_lowercase() {
        u32::from(c) - u32::from('a') + 1
    } else {
        0
    }
}

fn join(number: &[u32]) -> String {
    // Parts are at most three digits (see `marker::MAX_PARTS`) or a
    // single number.
    let mut out = String::with_capacity(number.len() * 4 + 8);
    for (k, &n) in number.iter().enumerate() {
        if k > 0 {
            out.push('.');
        }
        push_decimal(&mut out, u64::from(n));
    }
    out
}

/// A number in decimal.
fn decimal(n: u32) -> String {
    let mut out = String::with_capacity(10);
    push_decimal(&mut out, u64::from(n));
    out
}

/// Append a number in decimal.
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut v = n;
    loop {
        start -= 1;
        digits[start] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// The id of a part: `deel-1`, `bijlage-a`, `bijlage`, `overwegingen`.
fn part_slug(kind: PartKind, label: Option<&str>, line: &str) -> String {
    let base = match kind {
        PartKind::Deel => "deel".to_string(),
        PartKind::Annex => "bijlage".to_string(),
        PartKind::Preamble | PartKind::Signature => slugify(line),
    };
    match label {
        Some(l) => format!("{base}-{}", l.to_lowercase()),
        None => base,
    }
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w.to_lowercase());
    }
    if out.is_empty() {
        "deel".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_like_format() {
        for n in (0..2000u64).chain([9_999, 65_535, 1 << 32, u64::MAX]) {
            let mut out = String::from("p");
            push_decimal(&mut out, n);
            assert_eq!(out, format!("p{n}"));
        }
    }

    /// The child lists of every node, as the builder pushed them one by one.
    fn pushed_children(tree: &Tree) -> Vec<Vec<usize>> {
        let mut lists = vec![Vec::new(); tree.nodes.len()];
        for (idx, n) in tree.nodes.iter().enumerate() {
            if let Some(p) = n.parent {
                lists[p].push(idx);
            }
        }
        lists
    }

    #[test]
    fn child_lists_hold_each_nodes_children_in_order() {
        let mut texts = crate::test_texts::fixture_texts();
        texts.push(
            "Verwerkersovereenkomst\n\n1. Definities\n\n1.1 Verwerker: de partij.\n\n\
             a. eerste;\nb. tweede;\n- los punt\n\n2. Beveiliging\n\nVerwerker neemt \
             maatregelen.\n\n2.1 Versleuteling.\n\nBIJLAGE A\n\n1. Contactgegevens\n"
                .to_string(),
        );
        texts.push(String::new());
        for text in &texts {
            let tree = build(text);
            let want = pushed_children(&tree);
            for (idx, kids) in want.iter().enumerate() {
                assert_eq!(tree.children(idx), kids.as_slice(), "node {idx}");
                assert_eq!(tree.nodes[idx].has_children, !kids.is_empty());
            }
            assert!(tree.children(tree.nodes.len()).is_empty());
        }
    }
}
