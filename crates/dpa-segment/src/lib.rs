//! Segmentation stage: normalized Dutch text to the clause tree of `dpa-model/1`.
//!
//! The text is read line by line. A line that starts with a marker (a part
//! title, `Artikel 3`, `3.`, `4.1`, `a.`, `(iv)`, a bullet) starts a clause
//! only when it is plausible: it stands at the start of a paragraph or after
//! a sentence end, and its number continues an open sequence (or starts one
//! where a list is announced). A number inside a sentence (`artikel 28 AVG`,
//! `binnen 24 uur`, `Pagina 3 van 6`) never starts a clause. Unnumbered title
//! lines become heading blocks; everything else is text of the clause it
//! follows, tables included.
//!
//! Every clause's `span` is the byte range of its own text (number, heading,
//! body; not its children): `clause.text == normalized.text[span]`.
//!
//! ```
//! use dpa_model::{NormalizedText, SourceFormat};
//! let text = "1. Geheimhouding\n\n1.1 Verwerker houdt alles geheim.\n";
//! let nt = NormalizedText::single_page(text.to_string(), SourceFormat::Text);
//! let clauses = dpa_segment::segment(&nt);
//! assert_eq!(clauses[0].heading.as_deref(), Some("Geheimhouding"));
//! assert_eq!(clauses[0].children[0].id, "1.1");
//! ```

mod kind;
mod lines;
mod marker;
#[cfg(test)]
mod marker_reference;
mod terms;
#[cfg(test)]
mod test_texts;
mod tree;
mod vocab;

use dpa_model::{Clause, ClauseKind, NormalizedText};
use tree::{Node, NodeKind, Tree};

pub use kind::{classify_body, classify_heading, fold};

/// Split a normalized text into the clause tree.
pub fn segment(text: &NormalizedText) -> Vec<Clause> {
    let mut tree = tree::build(&text.text);
    let mut headings: Vec<Option<String>> =
        tree.nodes.iter_mut().map(|n| n.heading.take()).collect();
    complete_sibling_headings(&tree, &text.text, &mut headings);
    let kinds = assign_kinds(&tree, &text.text, &headings);
    let ids = assign_ids(&tree);
    // Numbers are read by `assign_ids`: moved out only after it.
    let numbers = tree.nodes.iter_mut().map(|n| n.number.take()).collect();
    let mut parts = ClauseParts {
        ids,
        numbers,
        headings,
        kinds,
    };
    tree.roots
        .iter()
        .map(|&r| to_clause(&tree, r, 1, text, &mut parts))
        .collect()
}

/// The per-node values of the clauses, moved out one by one as the
/// clauses are built.
struct ClauseParts {
    ids: Vec<String>,
    numbers: Vec<Option<String>>,
    headings: Vec<Option<String>>,
    kinds: Vec<Option<ClauseKind>>,
}

/// One row of the flat outline of a clause tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    pub id: String,
    pub number: Option<String>,
    pub heading: Option<String>,
    pub kind: Option<ClauseKind>,
    pub level: u32,
    pub page: Option<u32>,
}

/// The clause tree flattened depth first (parents before children).
pub fn outline(clauses: &[Clause]) -> Vec<OutlineEntry> {
    let mut out = Vec::new();
    for c in clauses {
        for d in c.descendants() {
            out.push(OutlineEntry {
                id: d.id.clone(),
                number: d.number.clone(),
                heading: d.heading.clone(),
                kind: d.kind,
                level: d.level,
                page: d.page,
            });
        }
    }
    out
}

/// The byte range of a clause together with all its descendants.
pub fn subtree_span(clause: &Clause) -> [usize; 2] {
    let mut span = clause.span;
    for c in &clause.children {
        let s = subtree_span(c);
        span[0] = span[0].min(s[0]);
        span[1] = span[1].max(s[1]);
    }
    span
}

/// The clause with this id, searched depth first.
pub fn find<'a>(clauses: &'a [Clause], id: &str) -> Option<&'a Clause> {
    clauses
        .iter()
        .find_map(|c| c.descendants().into_iter().find(|d| d.id == id))
}

fn to_clause(
    tree: &Tree,
    idx: usize,
    level: u32,
    text: &NormalizedText,
    parts: &mut ClauseParts,
) -> Clause {
    let n = &tree.nodes[idx];
    let body = text.text.get(n.start..n.end).unwrap_or("");
    let take = |v: &mut Vec<Option<String>>| v.get_mut(idx).and_then(Option::take);
    Clause {
        id: parts
            .ids
            .get_mut(idx)
            .map(std::mem::take)
            .unwrap_or_default(),
        number: take(&mut parts.numbers),
        heading: take(&mut parts.headings),
        level,
        kind: parts.kinds.get(idx).copied().flatten(),
        text: body.to_string(),
        span: [n.start, n.start + body.len()],
        page: text.page_of_span(n.start),
        children: tree
            .children(idx)
            .iter()
            .map(|&c| to_clause(tree, c, level + 1, text, parts))
            .collect(),
    }
}

/// Numbered siblings of a titled clause are titled too: `4.10 Naam.`
/// followed by a blank line and body text takes `Naam` as its heading when
/// its previous sibling has a title line.
fn complete_sibling_headings(tree: &Tree, text: &str, headings: &mut [Option<String>]) {
    let mut prev_sibling: Vec<Option<usize>> = vec![None; tree.nodes.len()];
    let lists = (0..tree.nodes.len()).map(|i| tree.children(i));
    for kids in std::iter::once(tree.roots.as_slice()).chain(lists) {
        for w in kids.windows(2) {
            if let Some(slot) = prev_sibling.get_mut(w[1]) {
                *slot = Some(w[0]);
            }
        }
    }
    for (idx, n) in tree.nodes.iter().enumerate() {
        if headings[idx].is_some() || !matches!(n.kind, NodeKind::Dotted | NodeKind::ListNum { .. })
        {
            continue;
        }
        let prev_titled = prev_sibling[idx].is_some_and(|p| tree.nodes[p].heading_shaped);
        if !prev_titled {
            continue;
        }
        let own = text.get(n.start..n.end).unwrap_or("");
        let Some((first, body)) = lines::split_once_at(own, b"\n\n") else {
            continue;
        };
        if first.contains('\n') || body.trim().is_empty() {
            continue;
        }
        let title = first
            .split_once(' ')
            .map_or("", |(_, t)| t)
            .trim()
            .trim_end_matches('.');
        if !title.is_empty() && title.split_whitespace().count() <= 12 {
            headings[idx] = Some(title.to_string());
        }
    }
}

/// Ids: part slug + number path (`deel-1/4.1`, `bijlage-a/2`, `12.a`);
/// unnumbered blocks `p<N>`; duplicates get `_2`, `_3`.
///
/// A suffixed id never equals a base id (a base has a `.` or nothing but
/// letters, digits and `-` after its last `_`), and the suffixes of one
/// base only count up, so one table from base to its next suffix keeps
/// every id unique. `p<N>` ids are unique by their counter: a part slug
/// comes from fixed words, a number path holds digits, dots or a `/`, and
/// a top-level item id is a single number, letter or numeral.
fn assign_ids(tree: &Tree) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(tree.nodes.len());
    let mut bases = BaseTable::new(tree.nodes.len());
    let mut unnumbered: u64 = 0;
    for (idx, n) in tree.nodes.iter().enumerate() {
        let base = match n.kind {
            NodeKind::Part(_) => n.slug.clone().unwrap_or_else(|| "deel".to_string()),
            NodeKind::Bullet | NodeKind::Heading { .. } | NodeKind::Para => {
                // `p<N>` is unique: no other id is `p` and digits only.
                unnumbered += 1;
                let mut id = String::with_capacity(8);
                id.push('p');
                tree::push_decimal(&mut id, unnumbered);
                ids.push(id);
                continue;
            }
            NodeKind::Article | NodeKind::Dotted => {
                let number = n.number.as_deref().unwrap_or("");
                let mut id = String::with_capacity(number.len() + 16);
                push_part_prefix(tree, idx, &mut id);
                id.push_str(number);
                id
            }
            _ => item_id(tree, idx, &ids),
        };
        let id = match bases.next_suffix(&ids, &base, idx) {
            Some(k) => {
                let mut id = base;
                id.push('_');
                tree::push_decimal(&mut id, k);
                id
            }
            None => base,
        };
        ids.push(id);
    }
    ids
}

/// The base ids seen so far (each stored as the node index whose id it
/// is: the first node with a base keeps it unchanged) with the next suffix
/// of each: an open-addressing table, as ids are short and duplicates rare.
struct BaseTable {
    /// Node index + 1 per slot; 0 is an empty slot.
    slots: Vec<usize>,
    /// The next suffix of the base first used by each node.
    suffix: Vec<u64>,
}

impl BaseTable {
    fn new(nodes: usize) -> BaseTable {
        BaseTable {
            slots: vec![0; (nodes * 2).next_power_of_two().max(16)],
            suffix: vec![2; nodes],
        }
    }

    /// `None` the first time `base` is seen (recorded for node `idx`),
    /// then the suffixes `2`, `3`, ... in turn.
    fn next_suffix(&mut self, ids: &[String], base: &str, idx: usize) -> Option<u64> {
        let mask = self.slots.len() - 1;
        let mut slot = fnv1a(base.as_bytes()) & mask;
        loop {
            match self.slots[slot] {
                0 => {
                    self.slots[slot] = idx + 1;
                    return None;
                }
                j if ids.get(j - 1).is_some_and(|id| id == base) => {
                    let k = self.suffix.get_mut(j - 1)?;
                    let out = *k;
                    *k += 1;
                    return Some(out);
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }
}

/// FNV-1a hash of a byte string.
fn fnv1a(bytes: &[u8]) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h as usize
}

fn item_id(tree: &Tree, idx: usize, ids: &[String]) -> String {
    let n = &tree.nodes[idx];
    let number = n.number.as_deref().unwrap_or("");
    match n.parent {
        Some(p) if matches!(tree.nodes[p].kind, NodeKind::Part(_)) => {
            let mut id = String::with_capacity(number.len() + 16);
            push_part_prefix(tree, idx, &mut id);
            id.push_str(number);
            id
        }
        Some(p) => {
            let parent = ids.get(p).map_or("", String::as_str);
            let mut id = String::with_capacity(parent.len() + 1 + number.len());
            id.push_str(parent);
            id.push('.');
            id.push_str(number);
            id
        }
        None => number.to_string(),
    }
}

/// Append `slug/` of the part holding a node, if any.
fn push_part_prefix(tree: &Tree, idx: usize, out: &mut String) {
    let mut cur = tree.nodes[idx].parent;
    while let Some(p) = cur {
        if let NodeKind::Part(_) = tree.nodes[p].kind {
            out.push_str(tree.nodes[p].slug.as_deref().unwrap_or("deel"));
            out.push('/');
            return;
        }
        cur = tree.nodes[p].parent;
    }
}

/// Topic per node: from the heading, else from the body; an unclassified
/// clause takes its parent's topic.
fn assign_kinds(tree: &Tree, text: &str, headings: &[Option<String>]) -> Vec<Option<ClauseKind>> {
    let mut kinds = Vec::with_capacity(tree.nodes.len());
    for (idx, n) in tree.nodes.iter().enumerate() {
        let inherited = n.parent.and_then(|p| kinds.get(p).copied().flatten());
        let own = kind_of(
            n,
            headings[idx].as_deref(),
            text.get(n.start..n.end).unwrap_or(""),
            inherited,
        );
        kinds.push(own.or(inherited));
    }
    kinds
}

fn kind_of(
    n: &Node,
    heading: Option<&str>,
    own: &str,
    context: Option<ClauseKind>,
) -> Option<ClauseKind> {
    // `Exclaimer – Handtekening beheer` under a service list names a
    // product, not the signature block: a nested signature topic keeps the
    // parent's topic.
    let nested_signature = |k: ClauseKind| match context {
        Some(ctx) if k == ClauseKind::Signature && ctx != ClauseKind::Annex => ctx,
        _ => k,
    };
    let from_heading = heading.and_then(kind::heading_kind);
    let from_body = || kind::classify_body_in(own, context);
    match n.kind {
        NodeKind::Part(vocab::PartKind::Signature) => Some(ClauseKind::Signature),
        NodeKind::Part(vocab::PartKind::Annex) => {
            // `Bijlage 1: Technische maatregelen`: the title names the topic.
            let title = heading.and_then(|h| h.split_once([':', '-', '—', '–']).map(|(_, t)| t));
            title
                .and_then(kind::heading_kind)
                .or(Some(ClauseKind::Annex))
        }
        // Recitals: the preamble has no topic of its own.
        NodeKind::Part(vocab::PartKind::Preamble) => from_heading.or(Some(ClauseKind::Other)),
        _ => from_heading
            .or_else(|| keep_context_on_survival(own, context, from_body()))
            .map(nested_signature),
    }
}

/// A clause under a topic that only says its obligation survives the end of
/// the agreement (`blijft bestaan na beëindiging`) keeps the parent's topic.
fn keep_context_on_survival(
    own: &str,
    context: Option<ClauseKind>,
    body: Option<ClauseKind>,
) -> Option<ClauseKind> {
    match (context, body) {
        (Some(ctx), Some(ClauseKind::Termination)) if ctx != ClauseKind::Termination => {
            let folded = fold(own);
            if vocab::SURVIVAL_PHRASES.iter().any(|p| folded.contains(p)) {
                Some(ctx)
            } else {
                body
            }
        }
        _ => body,
    }
}

#[cfg(test)]
mod tests;
