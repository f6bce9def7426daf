//! Time the plain-text stage on large hostile inputs (the worst cases of
//! the robustness suite), to check that it stays fast and linear, also in a
//! debug build: `cargo run --example hostile -p dpa-text [-- NAME [SCALE]]`.
//! SCALE (default 1.0) multiplies every input size; compare SCALE 0.5 and 1
//! to see linear growth.

use std::time::Instant;

const MB: usize = 1024 * 1024;

type Make = fn(f64) -> String;

fn scaled(n: usize, scale: f64) -> usize {
    ((n as f64) * scale) as usize
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

const INPUTS: &[(&str, Make)] = &[
    ("10mb-single-line", |s| {
        repeat_to(
            "De verwerker meldt een datalek binnen 24 uur aan de klant; ",
            scaled(10 * MB, s),
        )
    }),
    ("10mb-one-word", |s| "a".repeat(scaled(10 * MB, s))),
    ("10k-tab-columns", |s| {
        format!("{}\n", "cel\t".repeat(10_000)).repeat(scaled(200, s))
    }),
    ("2m-short-lines", |s| "a\n".repeat(scaled(2_000_000, s))),
    ("5mb-dots-and-digits", |s| {
        repeat_to("1.", scaled(5 * MB, s))
    }),
    ("1m-euro-signs", |s| "€".repeat(scaled(MB, s))),
    ("100k-blank-lines-only", |s| {
        " \n".repeat(scaled(100_000, s))
    }),
    ("combining-marks", |s| {
        format!("1. Verwerker e{}\n", "\u{301}".repeat(scaled(100_000, s)))
    }),
    ("cr-only-line-ends", |s| {
        repeat_to("1. Verwerker meldt.\r", scaled(MB, s))
    }),
    ("long-email-and-url", |s| {
        let n = scaled(100_000, s);
        format!(
            "Contact: {}@{}.nl en https://{}.nl/{}\n",
            "a".repeat(n),
            "b".repeat(n),
            "c".repeat(n),
            "d/".repeat(n)
        )
    }),
    ("capitalised-words", |s| {
        repeat_to(
            "Noordhaven levert en Noordhavenlevert Zorgplicht Verwerker Klant. ",
            scaled(5 * MB, s),
        )
    }),
];

fn main() {
    let mut args = std::env::args().skip(1);
    let only = args.next().filter(|a| a != "all");
    let scale: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let opts = dpa_text::TextOptions::default();
    for (name, make) in INPUTS {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let input = make(scale);
        let start = Instant::now();
        let result = dpa_text::from_plain(input.as_bytes(), &opts);
        let took = start.elapsed();
        let outcome = match result {
            Ok(t) => format!("{} bytes out", t.text.len()),
            Err(e) => format!("error: {e}"),
        };
        println!(
            "{name:<24} {:>10} bytes in  {:>8.3} s  {outcome}",
            input.len(),
            took.as_secs_f64()
        );
    }
}
