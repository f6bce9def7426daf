//! Print the clause outline of plain-text files: `cargo run -p dpa-segment --example outline -- FILE...`

use dpa_model::{NormalizedText, SourceFormat};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let nt = NormalizedText::single_page(text, SourceFormat::Text);
        println!("== {path}");
        for e in dpa_segment::outline(&dpa_segment::segment(&nt)) {
            let indent = "  ".repeat(e.level.saturating_sub(1) as usize);
            let kind = e.kind.map(|k| format!("{k:?}")).unwrap_or_default();
            println!(
                "{indent}{} [{}] {} <{kind}>",
                e.id,
                e.number.unwrap_or_default(),
                e.heading.unwrap_or_default()
            );
        }
    }
}
