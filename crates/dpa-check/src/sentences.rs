//! The document as a stream of sentences, each knowing the clauses it comes
//! from, and each clause with the context rules look at (its own text and the
//! headings above it, its topic and the topics above it).
//!
//! A sentence may run over a clause boundary when the clause before it does
//! not end a sentence (`naar keuze van Verantwoordelijke:` followed by the
//! bullets `• alle persoonsgegevens verwijderen, of` / `• terugleveren ...`).
//! Table rows are sentences of their own.

use dpa_model::{Clause, ClauseKind};
use regex::Regex;
use std::sync::LazyLock;

/// A clause with what the rules read around it.
#[derive(Debug)]
pub(crate) struct ClauseView<'a> {
    pub clause: &'a Clause,
    /// Headings above the clause, its own heading and its own text.
    pub context: String,
    /// Its kind and the kinds of the clauses above it.
    pub kinds: Vec<ClauseKind>,
    /// The clause is only a heading (`7. Sub-verwerkers`): it gives context
    /// to the clauses below it and is no sentence of its own.
    pub heading_only: bool,
}

/// One sentence (or table row) of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// Whitespace collapsed to single spaces.
    pub text: String,
    /// Indexes into the clause views, in document order, without duplicates.
    pub clauses: Vec<usize>,
    /// A list item starts with the text that introduces the list
    /// (`Verwerker zal:`): its length in bytes (0 without) ...
    pub lead_len: usize,
    /// ... and the clauses that text comes from.
    pub lead_clauses: Vec<usize>,
}

/// A sentence longer than this is cut at the next line end (a table or list
/// that a PDF broke without punctuation must not become one endless sentence).
const MAX_SENTENCE: usize = 400;

/// Lowercase words that end with a dot without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "bijv", "bv", "nr", "art", "artt", "etc", "evt", "ca", "incl", "excl", "resp", "jo", "vs",
    "mr", "dhr", "mevr", "st", "blz", "pag", "zgn", "ivm", "mbt", "tbv", "dmv", "oa", "cq", "ed",
    "e.g", "i.e", "no",
];

/// Every clause of the tree in document order with its context.
pub(crate) fn clause_views(tree: &[Clause]) -> Vec<ClauseView<'_>> {
    let mut out = Vec::new();
    let mut headings = Vec::new();
    let mut kinds = Vec::new();
    for c in tree {
        walk(c, &mut headings, &mut kinds, &mut out);
    }
    add_heading_lines(&mut out);
    out
}

fn walk<'a>(
    c: &'a Clause,
    headings: &mut Vec<String>,
    kinds: &mut Vec<ClauseKind>,
    out: &mut Vec<ClauseView<'a>>,
) {
    let mut context = headings.join("\n");
    if let Some(h) = &c.heading {
        push_line(&mut context, h);
    }
    push_line(&mut context, &c.text);
    let mut own_kinds = kinds.clone();
    own_kinds.extend(c.kind);
    let heading_only = match c.heading.as_deref() {
        Some(h) => is_only_heading(&c.text, h),
        None => looks_like_heading(c.text.trim()),
    };
    out.push(ClauseView {
        clause: c,
        context,
        kinds: own_kinds,
        heading_only,
    });
    let label = match &c.heading {
        Some(h) => h.clone(),
        None if heading_only => c.text.trim().to_string(),
        None => String::new(),
    };
    headings.push(label);
    kinds.extend(c.kind);
    for child in &c.children {
        walk(child, headings, kinds, out);
    }
    headings.pop();
    if c.kind.is_some() {
        kinds.pop();
    }
}

/// The clause text holds nothing but its heading and a number or label.
fn is_only_heading(text: &str, heading: &str) -> bool {
    let rest = text.replacen(heading, "", 1);
    text.contains(heading) && rest.chars().filter(|c| c.is_alphabetic()).count() <= 8
}

fn push_line(s: &mut String, line: &str) {
    if !s.is_empty() {
        s.push('\n');
    }
    s.push_str(line);
}

/// A clause that is only a heading line (`DATALEKPROTOCOL`, `7. Controle` as
/// a paragraph of its own) is the heading of the clauses after it, until the
/// next such line or the next clause with a heading of its own.
fn add_heading_lines(views: &mut [ClauseView<'_>]) {
    let mut current: Option<String> = None;
    for v in views.iter_mut() {
        if v.clause.heading.is_some() {
            current = None;
        } else if v.heading_only && v.clause.children.is_empty() {
            current = Some(v.clause.text.trim().to_string());
        } else if let Some(h) = &current {
            v.context = format!("{h}\n{}", v.context);
        }
    }
}

/// A heading line has at most this many words.
const MAX_HEADING_WORDS: usize = 8;

/// Words a sentence broken over paragraphs can end on (`naar keuze van`).
const OPEN_ENDINGS: &[&str] = &[
    "van", "de", "het", "een", "en", "of", "aan", "met", "voor", "naar", "op", "te", "in", "bij",
    "die", "dat", "door", "om", "zal", "zijn", "is", "wordt", "the", "of", "and", "to",
];

fn looks_like_heading(text: &str) -> bool {
    let last_word = text
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    !text.is_empty()
        && !OPEN_ENDINGS.contains(&last_word)
        && !text.contains('\n')
        && text.chars().count() <= 80
        && text.split_whitespace().count() <= MAX_HEADING_WORDS
        && !text.ends_with(['.', ',', ';', ':'])
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The sentences of the document, in order.
pub(crate) fn sentences(views: &[ClauseView<'_>]) -> Vec<Sentence> {
    let mut b = Builder::default();
    for (i, v) in views.iter().enumerate() {
        if v.heading_only {
            // A heading is a sentence of its own, never the start of the next.
            b.end_list();
            b.push(v.clause.text.trim(), i);
            b.flush();
            continue;
        }
        for line in v.clause.text.lines() {
            let line = line.trim();
            if line.is_empty() {
                b.end_list_item();
                continue;
            }
            if is_table_row(line) {
                b.flush();
                b.push(&line.replace('\t', " | "), i);
                b.flush();
            } else {
                b.push_line(line, i);
            }
        }
    }
    b.flush();
    b.out
}

/// A bulleted or lettered list item (`• ...`, `- ...`, `a. ...`, `(b) ...`).
fn is_list_item(line: &str) -> bool {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([•·▪◦●○■□➢►✓*–—-]\s*|[a-z][.)]\s|\([a-z]{1,3}\)\s)").expect("valid regex")
    });
    ITEM.is_match(line)
}

fn is_table_row(line: &str) -> bool {
    line.contains('\t') || line.matches(" | ").count() >= 1
}

#[derive(Default)]
struct Builder {
    text: String,
    clauses: Vec<usize>,
    /// The text before a list, ending in `:`, that every list item continues
    /// (`Verwerker zal:` / `• ...` / `• ...`).
    lead: Option<(String, Vec<usize>)>,
    /// The last line pushed was (part of) a list item.
    in_item: bool,
    last_clause: Option<usize>,
    out: Vec<Sentence>,
}

impl Builder {
    fn push(&mut self, piece: &str, clause: usize) {
        let piece = piece.trim();
        if piece.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.extend(collapse_ws(piece));
        if self.clauses.last() != Some(&clause) && !self.clauses.contains(&clause) {
            self.clauses.push(clause);
        }
    }

    fn push_line(&mut self, line: &str, clause: usize) {
        if is_list_item(line) {
            self.start_item();
        } else if self.in_item
            && (self.text.is_empty()
                || self.last_clause != Some(clause)
                || line.chars().next().is_some_and(char::is_uppercase))
        {
            self.end_list();
        }
        self.last_clause = Some(clause);
        if self.text.len() > MAX_SENTENCE {
            self.flush();
        }
        let mut start = 0;
        for end in sentence_ends(line) {
            self.push(&line[start..end], clause);
            self.flush();
            start = end;
        }
        self.push(&line[start..], clause);
    }

    /// A list item starts: it is a sentence of its own, continuing the lead.
    fn start_item(&mut self) {
        if self.in_item {
            self.flush();
        } else if self.text.trim_end().ends_with(':') {
            self.lead = Some((
                std::mem::take(&mut self.text),
                std::mem::take(&mut self.clauses),
            ));
        } else {
            self.flush();
            self.lead = None;
        }
        if let Some((lead, _)) = &self.lead {
            self.text.clone_from(lead);
        }
        self.in_item = true;
    }

    /// A blank line ends a list item (not a sentence broken over lines).
    fn end_list_item(&mut self) {
        if self.in_item {
            self.end_list();
        }
    }

    fn end_list(&mut self) {
        self.flush();
        self.lead = None;
        self.in_item = false;
    }

    fn flush(&mut self) {
        let (lead_len, lead_clauses) = match &self.lead {
            Some((lead, clauses)) if self.in_item && self.text.starts_with(lead.as_str()) => {
                (lead.len(), clauses.clone())
            }
            _ => (0, Vec::new()),
        };
        if self.text.len() > lead_len && !self.text.trim().is_empty() {
            let text = std::mem::take(&mut self.text);
            self.out.push(Sentence {
                text,
                clauses: std::mem::take(&mut self.clauses),
                lead_len,
                lead_clauses,
            });
        }
        self.text.clear();
        self.clauses.clear();
    }
}

fn collapse_ws(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut prev_ws = false;
    s.chars().filter_map(move |c| {
        if c.is_whitespace() {
            if prev_ws {
                return None;
            }
            prev_ws = true;
            Some(' ')
        } else {
            prev_ws = false;
            Some(c)
        }
    })
}

/// Byte offsets just after each sentence-ending punctuation mark of a line.
fn sentence_ends(line: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | ';') {
            continue;
        }
        let next = iter.peek().map(|&(_, n)| n);
        if next.is_some_and(|n| !n.is_whitespace()) {
            continue;
        }
        if c == '.' && !ends_sentence_at(line, i) {
            continue;
        }
        ends.push(i + c.len_utf8());
    }
    ends
}

/// Whether the dot at byte `dot` ends a sentence (not an abbreviation or a
/// clause number at the start of the line).
fn ends_sentence_at(line: &str, dot: usize) -> bool {
    let before = &line[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &before[word_start..];
    let bare: String = word
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '.')
        .collect::<String>()
        .to_lowercase();
    if word_start == 0 && !word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return false;
    }
    if bare.contains('.') && bare.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return false;
    }
    !ABBREVIATIONS.contains(&bare.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(id: &str, text: &str) -> Clause {
        Clause {
            id: id.to_string(),
            number: None,
            heading: None,
            level: 1,
            kind: None,
            text: text.to_string(),
            span: [0, text.len()],
            page: None,
            children: Vec::new(),
        }
    }

    fn texts(tree: &[Clause]) -> Vec<String> {
        sentences(&clause_views(tree))
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn splits_at_sentence_ends_but_not_at_abbreviations() {
        let tree = [clause(
            "p1",
            "Leverancier B.V. meldt o.a. lekken. Daarna volgt bijv. overleg; klaar.",
        )];
        assert_eq!(
            texts(&tree),
            [
                "Leverancier B.V. meldt o.a. lekken.",
                "Daarna volgt bijv. overleg;",
                "klaar."
            ]
        );
    }

    #[test]
    fn a_clause_without_closing_punctuation_continues_into_the_next() {
        let tree = [
            clause("p1", "5.2 Na het einde zal Verwerker, naar keuze van"),
            clause("p2", "Verantwoordelijke:"),
            clause("p3", "• alle gegevens wissen, of\n• teruggeven."),
            clause("p4", "Slot."),
        ];
        let s = sentences(&clause_views(&tree));
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].clauses, vec![2]);
        assert_eq!(s[0].text, "5.2 Na het einde zal Verwerker, naar keuze van Verantwoordelijke: • alle gegevens wissen, of");
        assert_eq!(
            s[1].text,
            "5.2 Na het einde zal Verwerker, naar keuze van Verantwoordelijke: • teruggeven."
        );
    }

    #[test]
    fn list_items_are_sentences_that_continue_their_lead() {
        let tree = [clause(
            "p1",
            "Wij zullen:\n• eerste punt\n• tweede punt, dat\ndoorloopt\nNieuwe alinea.",
        )];
        assert_eq!(
            texts(&tree),
            [
                "Wij zullen: • eerste punt",
                "Wij zullen: • tweede punt, dat doorloopt",
                "Nieuwe alinea."
            ]
        );
    }

    #[test]
    fn table_rows_are_sentences_of_their_own() {
        let tree = [clause("p1", "Partij | Doel\nAcme | Opslag\nTekst erna")];
        assert_eq!(
            texts(&tree),
            ["Partij | Doel", "Acme | Opslag", "Tekst erna"]
        );
    }

    #[test]
    fn a_leading_clause_number_is_not_a_sentence_end() {
        let tree = [clause("p1", "3. Datalekken worden gemeld. Klaar.")];
        assert_eq!(texts(&tree), ["3. Datalekken worden gemeld.", "Klaar."]);
    }

    #[test]
    fn flat_paragraphs_get_the_heading_line_before_them_as_context() {
        let tree = [
            clause("p1", "7. Controle"),
            clause("p2", "Je mag dat nagaan."),
        ];
        let v = clause_views(&tree);
        assert!(v[1].context.starts_with("7. Controle\n"));
        assert_eq!(v[0].context, "7. Controle");
    }

    #[test]
    fn nested_clauses_see_the_headings_and_kinds_above_them() {
        let mut parent = clause("4", "4. Geheimhouding");
        parent.heading = Some("Geheimhouding".into());
        parent.kind = Some(ClauseKind::Confidentiality);
        parent
            .children
            .push(clause("4.1", "4.1 Alles blijft binnen."));
        let v = clause_views(std::slice::from_ref(&parent));
        assert_eq!(v[1].kinds, vec![ClauseKind::Confidentiality]);
        assert!(v[1].context.starts_with("Geheimhouding\n"));
    }
}
