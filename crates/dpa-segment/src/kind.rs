//! Clause topics (`kind`) from the vocabularies in [`crate::vocab`].

use crate::terms::{TermDfa, TermMatch};
use crate::vocab::{Term, TOPIC_TERMS};
use dpa_model::is_ascii_whitespace_byte;
use dpa_model::ClauseKind;
use std::cell::RefCell;
use std::sync::LazyLock;

/// Every topic term in one automaton. Leftmost-longest: at the leftmost
/// position the longest term wins (the word-start check is done on each
/// match).
static TERMS: LazyLock<TermDfa> = LazyLock::new(|| {
    TermDfa::new(TOPIC_TERMS.iter().map(|t| t.0))
        .expect("the topic terms make an automaton whose transitions fit terms::TABLE_SLOTS")
});

/// The table entry of each automaton pattern: the first entry with the
/// same term (a term listed twice counts as its first listing).
static TERM_ENTRY: LazyLock<Vec<Term>> = LazyLock::new(|| {
    TOPIC_TERMS
        .iter()
        .map(|t| *TOPIC_TERMS.iter().find(|f| f.0 == t.0).unwrap_or(t))
        .collect()
});

/// How much of a clause body is read for its topic.
const BODY_WINDOW: usize = 600;

/// A body names a topic only with an outright term (weight 3).
const BODY_MIN: u8 = 3;

/// Lower-case a text and fold every whitespace run into one space.
pub fn fold(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    fold_into(s, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`fold`] as UTF-8 bytes appended to `out`.
pub(crate) fn fold_into(s: &str, out: &mut Vec<u8>) {
    let start = out.len();
    out.reserve(s.len());
    let mut space = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_ascii_whitespace_byte(b) {
            space = true;
            i += 1;
            continue;
        }
        if b.is_ascii() {
            // A run of ASCII non-space bytes.
            if space && out.len() > start {
                out.push(b' ');
            }
            space = false;
            out.push(b.to_ascii_lowercase());
            i += 1;
            // Eight bytes at a time while they need no folding but lower
            // case (the byte before is not a space).
            while let Some(chunk) = bytes.get(i..i + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                let Some(lower) = plain_lower(u64::from_le_bytes(word)) else {
                    break;
                };
                out.extend_from_slice(&lower.to_le_bytes());
                i += 8;
            }
            while i < bytes.len() && is_ascii_solid(bytes[i]) {
                out.push(bytes[i].to_ascii_lowercase());
                i += 1;
            }
            continue;
        }
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && out.len() > start {
            out.push(b' ');
        }
        space = false;
        let mut buf = [0; 4];
        for l in c.to_lowercase() {
            out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
        }
    }
}

/// Eight bytes (little endian) lower-cased, when they are ASCII, hold no
/// whitespace but single spaces and do not end in a space: then folding
/// them is lower-casing them.
fn plain_lower(w: u64) -> Option<u64> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if w & HIGH != 0 {
        return None;
    }
    // High bit of each byte below `n` (every byte is below 0x80, so the
    // sums do not carry into the next byte).
    let below = |n: u8| !(w + ONES * u64::from(0x80 - n)) & HIGH;
    let x = w ^ (ONES * 0x20);
    let spaces = !(x + ONES * 0x7f) & HIGH & !x;
    let controls = below(0x0e) & !below(0x09);
    let double = spaces & (spaces >> 8);
    let last = spaces & (0x80 << 56);
    if controls | double | last != 0 {
        return None;
    }
    // Upper case letters 0x41..=0x5a get 0x20 added.
    let upper = below(0x5b) & !below(0x41);
    Some(w | (upper >> 2))
}

/// An ASCII byte that is not whitespace.
fn is_ascii_solid(b: u8) -> bool {
    b < 0x80 && b != b' ' && !(0x09..=0x0d).contains(&b)
}

/// The char that ends at byte `end` of a UTF-8 text.
fn char_before(text: &[u8], end: usize) -> Option<char> {
    let head = text.get(..end)?;
    let start = (end.saturating_sub(4)..end)
        .rev()
        .find(|&i| head.get(i).is_some_and(|b| (*b as i8) >= -0x40))?;
    std::str::from_utf8(head.get(start..)?).ok()?.chars().next()
}

/// The score of one topic in a text.
#[derive(Debug, Clone, Copy)]
struct Score {
    kind: ClauseKind,
    /// Sum of the weights of every term found.
    total: u32,
    /// The weight of the most specific term found.
    top: u8,
    /// Byte offset of the first term found.
    first: usize,
}

/// Weighted topic scores of a folded text, in order of first appearance.
fn scores(folded: &[u8]) -> Vec<Score> {
    let mut out = Vec::new();
    scores_into(folded, &mut out);
    out
}

/// [`scores`] into a reused vector.
fn scores_into(folded: &[u8], out: &mut Vec<Score>) {
    out.clear();
    TERMS.for_each_match(folded, |m| {
        let word_start = char_before(folded, m.start).map_or(true, |c| !c.is_alphanumeric());
        add_term(out, m, word_start);
    });
}

/// The scores of `fold(text)`, read in place when the fold keeps the
/// text's non-ASCII chars (else folded into `folded` first).
fn scores_of_text(text: &str, folded: &mut Vec<u8>, out: &mut Vec<Score>) {
    out.clear();
    let read = TERMS.for_each_folded_match(text, |m, before| {
        let word_start = before.map_or(true, |c| !c.is_alphanumeric());
        add_term(out, m, word_start);
    });
    if !read {
        folded.clear();
        fold_into(text, folded);
        scores_into(folded, out);
    }
}

/// Count a term found (only at the start of a word).
fn add_term(out: &mut Vec<Score>, m: TermMatch, word_start: bool) {
    if !word_start {
        return;
    }
    let Some(&(_, kind, weight)) = TERM_ENTRY.get(m.pattern) else {
        return;
    };
    match out.iter_mut().find(|s| s.kind == kind) {
        Some(e) => {
            e.total += u32::from(weight);
            e.top = e.top.max(weight);
        }
        None => out.push(Score {
            kind,
            total: u32::from(weight),
            top: weight,
            first: m.start,
        }),
    }
}

/// The best topic whose most specific term weighs at least `min_top`.
fn best(scores: &[Score], min_top: u8) -> Option<ClauseKind> {
    let mut best: Option<Score> = None;
    for s in scores.iter().filter(|s| s.top >= min_top) {
        if best.map_or(true, |b| {
            s.total > b.total || (s.total == b.total && s.first < b.first)
        }) {
            best = Some(*s);
        }
    }
    best.map(|b| b.kind)
}

/// The topic a heading names (already folded).
pub fn classify_heading(folded: &str) -> Option<ClauseKind> {
    best(&scores(folded.as_bytes()), 1)
}

/// The topic of a clause body when it names one outright.
pub fn classify_body(text: &str) -> Option<ClauseKind> {
    classify_body_in(text, None)
}

/// Like [`classify_body`], for a clause under a parent of topic `context`:
/// the context's own terms count extra and it wins ties.
pub fn classify_body_in(text: &str, context: Option<ClauseKind>) -> Option<ClauseKind> {
    let mut end = text.len().min(BODY_WINDOW);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text[..end];
    with_scratch(|folded, scores| classify_window(window, context, folded, scores))
}

/// The topic a heading names, like `classify_heading(&fold(heading))`
/// without allocating.
pub(crate) fn heading_kind(heading: &str) -> Option<ClauseKind> {
    with_scratch(|folded, s| {
        scores_of_text(heading, folded, s);
        best(s, 1)
    })
}

/// Run `f` with the thread's reused buffers (fresh ones if they are in use).
fn with_scratch<R>(f: impl FnOnce(&mut Vec<u8>, &mut Vec<Score>) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let (folded, scores) = &mut *scratch;
            f(folded, scores)
        }
        Err(_) => f(&mut Vec::new(), &mut Vec::new()),
    })
}

thread_local! {
    /// Buffers reused by every body classification of a thread.
    static SCRATCH: RefCell<(Vec<u8>, Vec<Score>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

fn classify_window(
    window: &str,
    context: Option<ClauseKind>,
    folded: &mut Vec<u8>,
    s: &mut Vec<Score>,
) -> Option<ClauseKind> {
    scores_of_text(window, folded, s);
    if let Some(ctx) = context {
        if let Some(e) = s.iter_mut().find(|e| e.kind == ctx) {
            e.total += CONTEXT_BONUS;
            e.first = 0;
        }
    }
    best(s, BODY_MIN)
}

/// Extra weight for the parent's topic in a child's body.
const CONTEXT_BONUS: u32 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> Option<ClauseKind> {
        classify_heading(&fold(s))
    }

    #[test]
    fn headings_name_topics() {
        assert_eq!(h("Datalekken"), Some(ClauseKind::Breach));
        assert_eq!(h("Sub-verwerkers"), Some(ClauseKind::Subprocessors));
        assert_eq!(
            h("Geheimhouding en non-disclosure"),
            Some(ClauseKind::Confidentiality)
        );
        assert_eq!(h("Duur en beëindiging"), Some(ClauseKind::Termination));
        assert_eq!(h("Onderwerp, aard, doel en duur"), Some(ClauseKind::Scope));
        assert_eq!(h("Toepasselijk recht"), Some(ClauseKind::Law));
        assert_eq!(
            h("Rechten van betrokkenen"),
            Some(ClauseKind::DataSubjectRights)
        );
        assert_eq!(h("Doorgifte buiten de EER"), Some(ClauseKind::Transfers));
        assert_eq!(h("Beveiliging van gegevens"), Some(ClauseKind::Security));
        assert_eq!(h("Audit en informatie"), Some(ClauseKind::Audit));
        assert_eq!(h("Definities"), Some(ClauseKind::Definitions));
        assert_eq!(h("Aansprakelijkheid"), Some(ClauseKind::Liability));
        assert_eq!(h("Ondertekening"), Some(ClauseKind::Signature));
        assert_eq!(h("Instructies"), Some(ClauseKind::Instructions));
        assert_eq!(h("Tegenstrijdigheid"), Some(ClauseKind::Precedence));
        assert_eq!(h("Partijen"), Some(ClauseKind::Parties));
        assert_eq!(h("Bijlage A"), Some(ClauseKind::Annex));
        assert_eq!(h("Mogelijk"), None);
    }

    /// The regex alternation the automaton replaced, as the reference.
    fn reference_scores(folded: &str) -> Vec<(ClauseKind, u32, u8, usize)> {
        let mut terms: Vec<&str> = TOPIC_TERMS.iter().map(|t| t.0).collect();
        terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let alts: Vec<String> = terms.iter().map(|t| regex::escape(t)).collect();
        let re = regex::Regex::new(&format!("({})", alts.join("|"))).expect("regex");
        let mut out: Vec<(ClauseKind, u32, u8, usize)> = Vec::new();
        for m in re.find_iter(folded) {
            let word_start = folded[..m.start()]
                .chars()
                .next_back()
                .map_or(true, |c| !c.is_alphanumeric());
            let Some(&(_, kind, weight)) = TOPIC_TERMS.iter().find(|t| t.0 == m.as_str()) else {
                continue;
            };
            if !word_start {
                continue;
            }
            match out.iter_mut().find(|s| s.0 == kind) {
                Some(e) => {
                    e.1 += u32::from(weight);
                    e.2 = e.2.max(weight);
                }
                None => out.push((kind, u32::from(weight), weight, m.start())),
            }
        }
        out
    }

    #[test]
    fn automaton_scores_like_the_regex() {
        // Term soup: overlapping terms, terms glued to words, repeats.
        let mut soup = String::new();
        for (i, t) in TOPIC_TERMS.iter().enumerate() {
            soup.push_str(t.0);
            soup.push_str(["", " ", "x", "-", "en"][i % 5]);
            if i % 7 == 0 {
                soup.push_str(&t.0[..t.0.len() / 2]);
            }
        }
        let own = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/text/lucidon-verwerkersovereenkomst.txt"
        ))
        .unwrap_or_default();
        for text in [
            soup.as_str(),
            own.as_str(),
            "sub-verwerkers en subverwerker datalekken",
        ] {
            let folded = fold(text);
            let got: Vec<_> = scores(folded.as_bytes())
                .iter()
                .map(|s| (s.kind, s.total, s.top, s.first))
                .collect();
            assert_eq!(got, reference_scores(&folded));
        }
    }

    #[test]
    fn ascii_texts_score_like_their_fold() {
        let mut soup = String::new();
        let gaps = [" ", "  ", "\n", " \t\n ", "x", "-", "", "\r\n"];
        for (i, t) in TOPIC_TERMS.iter().filter(|t| t.0.is_ascii()).enumerate() {
            let term = t.0.replace(' ', gaps[i % gaps.len()]);
            soup.push_str(if i % 3 == 0 { &term } else { t.0 });
            soup.push_str(gaps[(i / 2) % gaps.len()]);
            if i % 4 == 0 {
                soup.push_str(&t.0.to_uppercase());
            }
        }
        let own = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/text/lucrasoft-data-pro-statement.txt"
        ))
        .unwrap_or_default();
        let mut texts = vec![
            soup.clone(),
            own.chars().filter(char::is_ascii).collect(),
            "  \n Datalekken\t\tEN  Sub-Verwerkers \n".to_string(),
            "buiten  de\n\neer; BUITEN DE EER".to_string(),
            String::new(),
            " ".to_string(),
        ];
        for k in (0..soup.len()).step_by(7) {
            texts.push(soup[k..].chars().take(90).collect());
        }
        assert!(texts.iter().all(|t| t.is_ascii()));
        for text in &texts {
            // Offsets differ (raw and folded) but keep their order and 0.
            let key = |s: &[Score]| -> Vec<_> {
                s.iter()
                    .map(|s| (s.kind, s.total, s.top, s.first == 0))
                    .collect()
            };
            assert!(TERMS.for_each_folded_match(text, |_, _| {}));
            let (mut folded, mut got) = (Vec::new(), Vec::new());
            scores_of_text(text, &mut folded, &mut got);
            assert_eq!(key(&got), key(&scores(fold(text).as_bytes())), "{text:?}");
        }
    }

    #[test]
    fn non_ascii_texts_score_like_their_fold() {
        let kept = ["ë", "é", "’", "“", "–", "€", "ï", "ß"];
        let changed = ["É", "İ", "ẞ", "\u{a0}", "\u{2003}", "\u{85}", "Ë"];
        let gaps = [" ", "\n ", "-", "", "x", "\t"];
        let mut texts = Vec::new();
        for (i, t) in TOPIC_TERMS.iter().enumerate() {
            let piece = kept[i % kept.len()];
            let gap = gaps[i % gaps.len()];
            let next = TOPIC_TERMS[(i + 1) % TOPIC_TERMS.len()].0;
            texts.push(format!(
                "{piece}{}{gap}{}{piece} {next}",
                t.0,
                t.0.to_uppercase()
            ));
            texts.push(format!("{}{piece}{next} {piece}{}", t.0, t.0));
            let odd = changed[i % changed.len()];
            texts.push(format!("{piece} {}{odd}{next}{gap}{odd} {}", t.0, t.0));
        }
        for text in &texts {
            let stable = text
                .chars()
                .all(|c| c.is_ascii() || kept.contains(&c.to_string().as_str()));
            assert_eq!(crate::terms::fold_keeps_non_ascii(text), stable, "{text:?}");
            let key = |s: &[Score]| -> Vec<_> {
                s.iter()
                    .map(|s| (s.kind, s.total, s.top, s.first == 0))
                    .collect()
            };
            let (mut folded, mut got) = (Vec::new(), Vec::new());
            scores_of_text(text, &mut folded, &mut got);
            assert_eq!(key(&got), key(&scores(fold(text).as_bytes())), "{text:?}");
        }
    }

    /// The char-by-char fold the byte-run version replaced.
    fn reference_fold(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut space = false;
        for c in s.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        }
        out
    }

    #[test]
    fn eight_byte_lowering_reads_like_the_byte_rules() {
        let check = |bytes: [u8; 8]| {
            let got = plain_lower(u64::from_le_bytes(bytes));
            let plain = bytes.iter().all(|&x| is_ascii_solid(x) || x == b' ')
                && !bytes.windows(2).any(|p| p == b"  ")
                && bytes[7] != b' ';
            let want = plain.then(|| {
                let mut l = bytes;
                l.make_ascii_lowercase();
                u64::from_le_bytes(l)
            });
            assert_eq!(got, want, "{bytes:?}");
        };
        for b in 0u8..=0xff {
            for pos in 0..8 {
                let mut bytes = *b"abcd EFG";
                bytes[pos] = b;
                check(bytes);
                let mut bytes = *b"A bC dEf";
                bytes[pos] = b;
                check(bytes);
            }
        }
    }

    #[test]
    fn fold_reads_like_the_char_fold() {
        let pieces = [
            "a", "B", " ", "  ", "\n", "\t", "\u{b}", "\u{a0}", "\u{85}", "Ë", "é", "İ", "ẞ", "-",
            ".", "Datalek", "EER", "\r\n", "€",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in [" ", "x", "Ë", "\n", "VERWERKER Datalek"] {
                        let s = format!("{a}{b}{c}{d}{a}");
                        assert_eq!(fold(&s), reference_fold(&s), "{s:?}");
                        let long = format!("{s}Verwerkersovereenkomst{s}{d}{d}{s}");
                        assert_eq!(fold(&long), reference_fold(&long), "{long:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn body_needs_an_outright_term() {
        assert_eq!(
            classify_body("Verwerker meldt een datalek binnen 24 uur."),
            Some(ClauseKind::Breach)
        );
        assert_eq!(
            classify_body("Verwerker verwerkt persoonsgegevens voor het doel."),
            None
        );
        assert_eq!(fold("Buiten de\nEER  x"), "buiten de eer x");
        assert_eq!(fold(" Ünïcode\u{a0}\u{2003}İS  "), "ünïcode i\u{307}s");
        assert_eq!(char_before("aé".as_bytes(), 3), Some('é'));
        assert_eq!(char_before(b"abcd", 4), Some('d'));
        assert_eq!(char_before(b"a", 0), None);
    }
}
