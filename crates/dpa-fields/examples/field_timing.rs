//! Times the field stage on a file or on a generated hostile input.
//!
//! `cargo run --release -p dpa-fields --example field_timing -- FILE|gen:NAME [REPS]`
//!
//! Steady-state instruction profile of the timed passes:
//! `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='field_timing::timed_extract' target/release/examples/field_timing FILE 20`

use std::time::Instant;

const MB: usize = 1024 * 1024;

fn generate(name: &str) -> String {
    match name {
        "numbering-only" => {
            let mut s = String::new();
            let mut number = String::new();
            for i in 0..20_000 {
                if i % 40 == 0 {
                    number = format!("{}.", i / 40 + 1);
                } else {
                    number.push_str("1.");
                }
                s.push_str(&number);
                s.push('\n');
            }
            s
        }
        "50k-numbered-lines" => (1..=50_000).map(|i| format!("{i}. Verwerker\n")).collect(),
        "right-to-left" => "\u{202e}1. هذه اتفاقية معالجة البيانات\u{202c}\n\u{200f}1.1 המעבד מודיע תוך 24 שעות\n2.\u{200f} Verwerker \u{2067}meldt\u{2069} binnen 24 uur.\n".repeat(2000),
        "1m-euro-signs" => "€".repeat(MB),
        "50k-artikel-headings" => "Artikel 1\n".repeat(50_000),
        "1mb-word-in-clause" => format!("1. Definities\n1.1 {}\n2. Einde\n", "x".repeat(MB)),
        "100k-placeholders" => "[NAAM KLANT] ……\n".repeat(100_000),
        "date-junk" => "31-02-99999 32 januari 2024 0-0-0 29 februari 2023 99/99/9999\n".repeat(20_000),
        "10mb-a" => "a".repeat(10 * MB),
        "5mb-dotted-line" => "1.".repeat(5 * MB / 2),
        "tab-cells" => format!("{}\n", vec!["cel"; 10_000].join("\t")).repeat(200),
        "cr-only-line-ends" => "1. Verwerker meldt.\r".repeat(MB / 20 + 1),
        other => panic!("unknown case {other}"),
    }
}

#[inline(never)]
fn timed_extract(text: &dpa_model::NormalizedText, clauses: &[dpa_model::Clause]) {
    extract_once(text, clauses);
}

#[inline(never)]
fn extract_once(text: &dpa_model::NormalizedText, clauses: &[dpa_model::Clause]) {
    let mut model = dpa_model::Model::empty(dpa_model::Source {
        file: None,
        format: "text".into(),
        sha256: String::new(),
        pages: None,
        chars: 0,
    });
    model.clauses = clauses.to_vec();
    dpa_fields::extract(text, &mut model);
    std::hint::black_box(&model);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = args.get(1).expect("FILE or gen:NAME");
    let reps: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let raw = match arg.strip_prefix("gen:") {
        Some(name) => generate(name),
        None => std::fs::read_to_string(arg).expect("readable file"),
    };
    let text = dpa_text::normalize(&raw);
    let t0 = Instant::now();
    let clauses = dpa_segment::segment(&text);
    let seg = t0.elapsed();
    // Two warm-up passes: the first compiles the process-wide regexes and
    // registers the word lists, the second builds the automaton over them;
    // the timed passes (and a profiler toggled on `timed_extract`) see the
    // steady per-document cost.
    extract_once(&text, &clauses);
    extract_once(&text, &clauses);
    let t1 = Instant::now();
    for _ in 0..reps {
        timed_extract(&text, &clauses);
    }
    let fields = t1.elapsed() / reps as u32;
    println!(
        "{arg}: {} bytes, {} top clauses, segment {:?}, fields {:?}",
        text.text.len(),
        clauses.len(),
        seg,
        fields
    );
}
