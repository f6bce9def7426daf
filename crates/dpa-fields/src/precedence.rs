//! Extractor for `precedence`: the documents in their order of precedence
//! (`(1) ..., (2) ...`, or `bij strijdigheid tussen X en Y prevaleert X`).

use crate::pattern::Pattern;
use crate::scan;
use crate::scan::Words;
use crate::values::clean::{clean_value, trim_span};
use crate::Ctx;
use dpa_model::Model;
use std::ops::Range;
use std::sync::LazyLock;

static RANK: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"\(\s*(\d{1,2})\s*\)|(?m)^\s*(\d{1,2})[.)]\s"));
static BETWEEN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)tussen\s+(?P<a>.{3,80}?)\s+en\s+(?P<b>.{3,80}?)\s*,?\s+(?:prevaleert|prevaleren|gaat|gaan|geldt)(?-u:\b)(?P<rest>.*)",
    )
});
static OVER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?P<a>(?-u:\b)(?:deze|de|het)\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:prevaleert|gaat\s+voor)(?-u:\b).{0,80}?(?-u:\b)boven\s+(?P<b>(?:de|het|deze)\s+[\w-]+(?:\s+[\w-]+)?)",
    )
});
static CONFLICT_WORDS: Words = Words::new(&[
    "strijdig",
    "tegenstrijdig",
    "rangorde",
    "voorrang",
    "prevaleert",
    "gaat voor",
    "precedence",
    "conflict",
]);

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let items = scan::with_all_sentences(text, |sents| {
        scan::ranges_holding(text, sents, &CONFLICT_WORDS)
            .into_iter()
            .find_map(|s| ranked(text, s.clone()).or_else(|| between(text, s.clone())))
    });
    for (i, r) in items.into_iter().flatten().enumerate() {
        model.precedence.push(clean_value(&text[r.clone()]));
        ctx.record(model, format!("precedence.{i}"), r);
    }
}

/// `(1) A, (2) B, en (3) C.`
fn ranked(text: &str, s: Range<usize>) -> Option<Vec<Range<usize>>> {
    let sent = &text[s.clone()];
    let marks: Vec<(usize, usize)> = RANK.find_iter(sent).map(|m| (m.start(), m.end())).collect();
    if marks.len() < 2 {
        return None;
    }
    let mut out = Vec::new();
    for (i, (_, end)) in marks.iter().enumerate() {
        let stop = marks.get(i + 1).map_or(sent.len(), |n| n.0);
        let mut r = trim_span(text, s.start + end..s.start + stop);
        let item = &text[r.clone()];
        for tail in [" en", " of", " and"] {
            if item.ends_with(tail) {
                r = trim_span(text, r.start..r.end - tail.len());
            }
        }
        out.push(r);
    }
    Some(out)
}

/// `Bij strijdigheid tussen A en B prevaleert A.` → `[A, B]`.
fn between(text: &str, s: Range<usize>) -> Option<Vec<Range<usize>>> {
    let sent = &text[s.clone()];
    if let Some(c) = BETWEEN.captures(sent) {
        let a = c.name("a")?;
        let b = c.name("b")?;
        let rest = c.name("rest").map_or("", |m| m.as_str()).to_lowercase();
        let ra = strip_article(text, s.start + a.start()..s.start + a.end());
        let rb = strip_article(text, s.start + b.start()..s.start + b.end());
        let last_word = |r: &Range<usize>| {
            text[r.clone()]
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase()
        };
        let b_wins = rest.contains(&last_word(&rb)) && !rest.contains(&last_word(&ra));
        return Some(if b_wins { vec![rb, ra] } else { vec![ra, rb] });
    }
    let c = OVER.captures(sent)?;
    let a = c.name("a")?;
    let b = c.name("b")?;
    Some(vec![
        strip_article(text, s.start + a.start()..s.start + a.end()),
        strip_article(text, s.start + b.start()..s.start + b.end()),
    ])
}

fn strip_article(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    for art in ["deze ", "de ", "het ", "Deze ", "De ", "Het "] {
        if let Some(rest) = s.strip_prefix(art) {
            return trim_span(text, r.end - rest.len()..r.end);
        }
    }
    trim_span(text, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Model {
        crate::ctx::run_extractor(text, extract)
    }

    #[test]
    fn ranked_list() {
        let m = run("Bij strijdigheid geldt de volgende rangorde: (1) de Overeenkomst, (2) deze Verwerkersovereenkomst, en (3) de Algemene Voorwaarden.");
        assert_eq!(
            m.precedence,
            vec![
                "de Overeenkomst",
                "deze Verwerkersovereenkomst",
                "de Algemene Voorwaarden"
            ]
        );
    }

    #[test]
    fn between_two_documents() {
        let m = run("Bij strijdigheid tussen de Hoofdovereenkomst en deze Verwerkersovereenkomst prevaleert deze Verwerkersovereenkomst.");
        assert_eq!(
            m.precedence,
            vec!["Verwerkersovereenkomst", "Hoofdovereenkomst"]
        );
    }
}
