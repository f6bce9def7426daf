//! Every project fixture gives the expected text or the expected error.

use dpa_text::{from_pdf, TextError, TextOptions};
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn extract(rel: &str) -> dpa_text::NormalizedText {
    from_pdf(&read(rel), &TextOptions::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Word-sequence similarity: 2 × LCS / (|a| + |b|), like difflib's ratio.
fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    2.0 * f64::from(prev[b.len()]) / (a.len() + b.len()) as f64
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// Similarity ≥ 0.98, every table row intact (when asked), no page
/// furniture, no ligature characters.
fn assert_matches_expected(pdf: &str, expected: &str, rows_intact: bool) {
    let got = extract(pdf);
    let reference =
        std::fs::read_to_string(fixtures().join("expected").join(expected)).expect("expected text");
    let (want, have) = (tokens(&reference), tokens(&got.text));
    let sim = similarity(&want, &have);
    assert!(sim >= 0.98, "{pdf}: similarity {sim:.4}");
    if rows_intact {
        for row in reference.lines().filter(|l| l.contains('\t')) {
            assert!(
                contains_seq(&have, &tokens(row)),
                "{pdf}: table row not intact: {row}"
            );
        }
    }
    assert!(
        !got.text.to_lowercase().contains("pagina "),
        "{pdf}: page furniture left"
    );
    assert!(
        !got.text
            .chars()
            .any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)),
        "{pdf}: ligature left"
    );
    assert_eq!(got.text.matches('\u{c}').count() + 1, got.pages.len());
}

#[test]
fn libreoffice_pdfs_match_their_reference() {
    assert_matches_expected("pdf/lucidon.docx-libreoffice.pdf", "lucidon.txt", true);
    assert_matches_expected("pdf/lucrasoft.docx-libreoffice.pdf", "lucrasoft.txt", true);
}

#[test]
fn chromium_pdfs_match_their_reference() {
    assert_matches_expected("pdf/lucidon.html-chromium.pdf", "lucidon.txt", true);
    assert_matches_expected("pdf/lucrasoft.html-chromium.pdf", "lucrasoft.txt", true);
}

#[test]
fn ghostscript_pdf_with_quote_operators_matches() {
    // typewriter tables (columns two spaces apart, wrapped cells) come out
    // as whole rows, line-end hyphens of the plain-text layout are kept
    assert_matches_expected("pdf/lucidon.ghostscript.pdf", "lucidon.txt", true);
}

#[test]
fn encrypted_without_user_password_opens_silently() {
    assert_matches_expected("pdf/encrypted-no-user-password.pdf", "lucidon.txt", true);
    let got = extract("pdf/encrypted-no-user-password.pdf");
    assert!(got.warnings.iter().any(|w| w.code == "encrypted"));
}

#[test]
fn encrypted_with_user_password_needs_it() {
    let bytes = read("pdf/encrypted-user-password.pdf");
    assert_eq!(
        from_pdf(&bytes, &TextOptions::default()),
        Err(TextError::PasswordRequired)
    );
    let wrong = TextOptions {
        password: Some("fout".into()),
        ..Default::default()
    };
    assert_eq!(from_pdf(&bytes, &wrong), Err(TextError::WrongPassword));
    let right = TextOptions {
        password: Some("geheim".into()),
        ..Default::default()
    };
    let text = from_pdf(&bytes, &right).expect("opens with the password");
    let reference = extract("pdf/lucidon.docx-libreoffice.pdf");
    assert_eq!(text.text, reference.text);
}

#[test]
fn mixed_file_warns_for_the_scanned_page() {
    let got = extract("pdf/mixed-text-and-scan.pdf");
    let pages: Vec<_> = got
        .warnings
        .iter()
        .filter(|w| w.code == "no_text_layer")
        .map(|w| w.page)
        .collect();
    assert_eq!(pages, vec![Some(4)]);
    assert_eq!(got.pages.len(), 5);
    assert!(got.pages[3].is_empty());
    assert_matches_expected(
        "pdf/mixed-text-and-scan.pdf",
        "mixed-text-and-scan.txt",
        true,
    );
}

#[test]
fn broken_files_give_typed_errors() {
    let opts = TextOptions::default();
    assert_eq!(
        from_pdf(&read("broken/empty.pdf"), &opts),
        Err(TextError::Empty)
    );
    assert_eq!(
        from_pdf(&read("broken/not-a-pdf.pdf"), &opts),
        Err(TextError::NotPdf)
    );
    assert!(matches!(
        from_pdf(&read("broken/truncated.pdf"), &opts),
        Err(TextError::Corrupt(_))
    ));
    match from_pdf(&read("broken/scanned-image-only.pdf"), &opts) {
        Err(TextError::NoTextLayer { pages }) => assert_eq!(pages, "1–5"),
        other => panic!("expected NoTextLayer, got {other:?}"),
    }
}

#[test]
fn large_file_reads_every_page() {
    let got = extract("pdf/large-200-pages.pdf");
    assert_eq!(got.pages.len(), 198);
    assert_eq!(got.text.matches("DEEL 1: DATA PRO STATEMENT").count(), 18);
    let limited = TextOptions {
        limits: dpa_text::Limits {
            max_pages: 100,
            ..Default::default()
        },
        ..Default::default()
    };
    assert!(matches!(
        from_pdf(&read("pdf/large-200-pages.pdf"), &limited),
        Err(TextError::LimitExceeded(_))
    ));
}

#[test]
fn truncations_and_byte_flips_never_panic() {
    let bytes = read("pdf/lucidon.docx-libreoffice.pdf");
    for pct in (5..100).step_by(15) {
        let _ = from_pdf(&bytes[..bytes.len() * pct / 100], &TextOptions::default());
    }
    let mut seed = 0x2545_f491_u32;
    for _ in 0..6 {
        let mut copy = bytes.clone();
        for _ in 0..20 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let at = seed as usize % copy.len();
            copy[at] = (seed >> 8) as u8;
        }
        let _ = from_pdf(&copy, &TextOptions::default());
    }
}

fn made(name: &str) -> dpa_text::NormalizedText {
    extract(&format!("pdf/made/{name}"))
}

#[test]
fn quote_operators_show_their_lines() {
    let t = made("quote-operators.pdf");
    assert!(
        t.text.contains("3.1 Onder een datalek wordt verstaan"),
        "{}",
        t.text
    );
    assert!(
        t.text.contains("uiterlijk binnen 24 uur na ontdekking."),
        "{}",
        t.text
    );
}

#[test]
fn rotated_page_reads_upright() {
    let t = made("rotated-page.pdf");
    let first = t.text.find("3. Datalekken").expect("heading");
    let later = t.text.find("24 uur na ontdekking").expect("last line");
    assert!(first < later, "{}", t.text);
}

#[test]
fn concept_watermark_becomes_a_warning() {
    let t = made("watermark-concept.pdf");
    assert!(!t.text.contains("CONCEPT"), "{}", t.text);
    assert!(t.warnings.iter().any(|w| w.code == "draft"));
    assert!(t.text.contains("3.2 Verwerker meldt elk datalek"));
}

#[test]
fn ligature_glyphs_fold_to_letters() {
    let t = made("ligatures.pdf");
    assert!(
        t.text.contains("getekende offerte en financiële"),
        "{}",
        t.text
    );
}

#[test]
fn hyphenation_is_undone_only_where_the_word_exists() {
    let t = made("hyphenation.pdf");
    assert!(t.text.contains("sub-verwerkers"), "{}", t.text);
    assert!(
        t.text.contains("beveiligings- en vertrouwelijkheidsniveau"),
        "{}",
        t.text
    );
    assert!(
        t.text.contains("De verwerkersovereenkomst is onderdeel"),
        "{}",
        t.text
    );
    assert!(t.text.contains("support@lucidon.nl"), "{}", t.text);
    assert!(
        t.text.contains("https://lucidon.nl/privacy-statement"),
        "{}",
        t.text
    );
}

#[test]
fn running_header_and_footer_are_removed() {
    let t = made("header-footer.pdf");
    assert!(!t.text.contains("Pagina"), "{}", t.text);
    assert!(!t.text.contains("Lucidon b.v."), "{}", t.text);
    assert!(t.text.contains("2.1 Verwerker verwerkt persoonsgegevens"));
    assert_eq!(t.pages.len(), 3);
}

#[test]
fn two_columns_are_read_one_after_the_other() {
    let t = made("two-columns.pdf");
    assert!(
        t.text
            .contains("Verantwoordelijke bepaalt het doel en de middelen van de verwerking."),
        "{}",
        t.text
    );
    let left = t.text.find("Verantwoordelijke").expect("left column");
    let right = t.text.find("2. Beveiliging").expect("right column");
    assert!(left < right, "{}", t.text);
}

#[test]
fn kerning_does_not_split_words_or_numbers() {
    let t = made("kerning.pdf");
    assert!(
        t.text
            .contains("Data Pro Statement binnen 24 uur ISO 27001"),
        "{}",
        t.text
    );
}

#[test]
fn inflation_bomb_hits_the_limit() {
    let bytes = read("broken/made/inflation-bomb.pdf");
    let limits = dpa_text::Limits {
        max_decompressed_bytes: 1024 * 1024,
        ..Default::default()
    };
    let opts = TextOptions {
        limits,
        ..Default::default()
    };
    assert!(matches!(
        from_pdf(&bytes, &opts),
        Err(TextError::LimitExceeded(_))
    ));
}
