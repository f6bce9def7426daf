//! Segmentation stage: normalized Dutch text to the clause tree of `dpa-model/1`.

use dpa_model::{Clause, NormalizedText};

/// Split a normalized text into the clause tree.
pub fn segment(text: &NormalizedText) -> Vec<Clause> {
    // Walking skeleton: one unnumbered block per paragraph.
    let mut out = Vec::new();
    let mut pos = 0;
    for para in text.text.split("\n\n") {
        let start = pos;
        let end = start + para.len();
        pos = end + 2;
        if para.trim().is_empty() {
            continue;
        }
        out.push(Clause {
            id: format!("p{}", out.len() + 1),
            number: None,
            heading: None,
            level: 1,
            kind: None,
            text: para.to_string(),
            span: [start, end],
            page: text.page_of_span(start),
            children: Vec::new(),
        });
    }
    out
}
