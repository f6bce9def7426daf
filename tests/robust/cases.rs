//! The case families: each case is generated from (family, seed, index)
//! alone, so a child process regenerates exactly the case the parent
//! names, and a failure report is enough to replay it.

use super::mutate;
use super::pdfgen::{self, RawPdf};
use super::rng::Rng;
use dpa::{Format, Limits};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One input to `dpa::analyze_bytes`.
pub struct Case {
    pub name: String,
    pub bytes: Vec<u8>,
    pub format: Format,
    pub limits: Limits,
}

impl Case {
    fn pdf(name: impl Into<String>, bytes: Vec<u8>) -> Case {
        Case {
            name: name.into(),
            bytes,
            format: Format::Pdf,
            limits: Limits::default(),
        }
    }

    fn text(name: impl Into<String>, bytes: Vec<u8>) -> Case {
        Case {
            name: name.into(),
            bytes,
            format: Format::Text,
            limits: Limits::default(),
        }
    }

    /// The file extension a saved copy of the case gets.
    pub fn extension(&self) -> &'static str {
        match self.format {
            Format::Pdf => "pdf",
            Format::Text => "txt",
        }
    }
}

pub fn project_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files of `dir` with extension `ext` (sorted; none when the folder is
/// missing), at most `max_bytes` each.
fn files_in(dir: &Path, ext: &str, max_bytes: u64) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case(ext)))
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0 && m.len() <= max_bytes))
        .collect();
    files.sort();
    files
}

/// The PDFs mutated: two generated ones, then every readable PDF of the
/// project's `fixtures/pdf/` (and of `$DPA_ROBUST_PDF_DIR`) up to 256 KiB.
pub fn base_pdfs() -> &'static [(String, Vec<u8>)] {
    static BASES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    BASES.get_or_init(|| {
        let mut bases = vec![
            ("generated.pdf".to_string(), pdfgen::sample_pdf(true)),
            (
                "generated-uncompressed.pdf".to_string(),
                pdfgen::sample_pdf(false),
            ),
        ];
        let mut dirs = vec![project_dir().join("fixtures/pdf")];
        dirs.extend(std::env::var_os("DPA_ROBUST_PDF_DIR").map(PathBuf::from));
        for dir in dirs {
            for path in files_in(&dir, "pdf", 256 * 1024) {
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if bytes.starts_with(b"%PDF-")
                    && !name.contains("encrypted")
                    && !bases.iter().any(|(n, _)| *n == name)
                {
                    bases.push((name, bytes));
                }
            }
        }
        bases
    })
}

/// An own Dutch sample text (not from the corpus).
const SAMPLE_TEXT: &str = "Verwerkersovereenkomst\n\nPartijen: Voorbeeld B.V. (Verwerker) en de Klant (Verwerkingsverantwoordelijke).\n\n1. Onderwerp\n1.1 Verwerker verwerkt persoonsgegevens uitsluitend in opdracht van Verwerkingsverantwoordelijke.\n1.2 De verwerking vindt plaats binnen de Europese Economische Ruimte.\n\n2. Beveiliging\n2.1 Verwerker neemt passende technische en organisatorische maatregelen, waaronder versleuteling en toegangsbeheer.\n\n3. Datalekken\n3.1 Verwerker meldt een inbreuk in verband met persoonsgegevens binnen 24 uur.\n\n4. Subverwerkers\nNaam\tLand\tDienst\nHosting B.V.\tNederland\topslag\n\n5. Duur en beëindiging\n5.1 Deze overeenkomst eindigt van rechtswege bij het einde van de hoofdovereenkomst.\n\n6. Aansprakelijkheid\n6.1 De aansprakelijkheid is beperkt tot € 250.000.\n\n7. Toepasselijk recht\n7.1 Op deze overeenkomst is Nederlands recht van toepassing. Geschillen worden voorgelegd aan de rechtbank Utrecht.\n";

/// The texts mutated: the sample, then the project's `fixtures/text/`.
pub fn base_texts() -> &'static [(String, Vec<u8>)] {
    static BASES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    BASES.get_or_init(|| {
        let mut bases = vec![("sample.txt".to_string(), SAMPLE_TEXT.as_bytes().to_vec())];
        for path in files_in(&project_dir().join("fixtures/text"), "txt", 1 << 20) {
            if let Ok(bytes) = std::fs::read(&path) {
                bases.push((
                    path.file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned(),
                    bytes,
                ));
            }
        }
        bases
    })
}

/// The regression fixtures: every file of `fixtures/regress/` (fixed
/// failures) or of `fixtures/regress/open/` (open ones) but the README.
pub fn regress_files(open: bool) -> Vec<PathBuf> {
    let dir = if open {
        "fixtures/regress/open"
    } else {
        "fixtures/regress"
    };
    let Ok(entries) = std::fs::read_dir(project_dir().join(dir)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files
}

pub const TRUNCATIONS_PER_FILE: usize = 19;

/// How many cases `family` has (before scaling, for random families).
pub fn count(family: &str, scale: f64) -> usize {
    let scaled = |n: f64| ((n * scale).round() as usize).max(1);
    match family {
        "pdf-bitflip" => scaled(24.0),
        "pdf-bytes20" => scaled(30.0),
        "pdf-truncate" => TRUNCATIONS_PER_FILE * base_pdfs().len(),
        "pdf-splice" | "pdf-numbers" | "pdf-xref" => scaled(20.0),
        "pdf-hostile" => HOSTILE_PDFS.len(),
        "text-random" => scaled(30.0),
        "text-bytes" => scaled(20.0),
        "text-hostile" => HOSTILE_TEXTS.len(),
        "regress" => regress_files(false).len(),
        "regress-open" => regress_files(true).len(),
        other => panic!("unknown family {other}"),
    }
}

/// Case `idx` of `family` under `seed`.
pub fn generate(family: &str, seed: u64, idx: usize) -> Case {
    let mut rng = Rng::for_case(family, seed, idx);
    match family {
        "pdf-bitflip" => pdf_mutation(idx, &mut rng, |pdf, rng| {
            let flips = rng.between(1, 32);
            mutate::flip_bits(pdf, rng, flips);
            format!("bitflip{flips}")
        }),
        "pdf-bytes20" => pdf_mutation(idx, &mut rng, |pdf, rng| {
            mutate::random_bytes(pdf, rng, 20);
            "bytes20".to_string()
        }),
        "pdf-truncate" => {
            let (name, base) = &base_pdfs()[idx / TRUNCATIONS_PER_FILE];
            let percent = (idx % TRUNCATIONS_PER_FILE + 1) * 5;
            let cut = base.len() * percent / 100;
            Case::pdf(format!("{name}#truncate{percent}%"), base[..cut].to_vec())
        }
        "pdf-splice" => {
            let bases = base_pdfs();
            let other = bases[rng.below(bases.len())].1.clone();
            pdf_mutation(idx, &mut rng, |pdf, rng| {
                mutate::splice(pdf, &other, rng).to_string()
            })
        }
        "pdf-xref" => pdf_mutation(idx, &mut rng, |pdf, rng| {
            mutate::break_xref(pdf, rng).to_string()
        }),
        "pdf-numbers" => pdf_mutation(idx, &mut rng, |pdf, rng| {
            format!("numbers{}", mutate::huge_numbers(pdf, rng))
        }),
        "pdf-hostile" => {
            let (name, make) = HOSTILE_PDFS[idx];
            Case::pdf(format!("hostile-{name}.pdf"), make())
        }
        "text-random" => random_text(idx, &mut rng),
        "text-bytes" => mutated_text(idx, &mut rng),
        "text-hostile" => {
            let (name, make) = HOSTILE_TEXTS[idx];
            Case::text(format!("hostile-{name}.txt"), make())
        }
        "regress" | "regress-open" => {
            let path = &regress_files(family == "regress-open")[idx];
            let bytes = std::fs::read(path).unwrap_or_default();
            let is_pdf = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if is_pdf {
                Case::pdf(name, bytes)
            } else {
                Case::text(name, bytes)
            }
        }
        other => panic!("unknown family {other}"),
    }
}

fn pdf_mutation(
    idx: usize,
    rng: &mut Rng,
    mutate: impl FnOnce(&mut Vec<u8>, &mut Rng) -> String,
) -> Case {
    let bases = base_pdfs();
    let (name, base) = &bases[idx % bases.len()];
    let mut bytes = base.clone();
    let what = mutate(&mut bytes, rng);
    Case::pdf(format!("{name}#{what}"), bytes)
}

// ---------------------------------------------------------------- text

const TOKENS: &[&str] = &[
    "Verwerker",
    "Verwerkingsverantwoordelijke",
    "persoonsgegevens",
    "meldt",
    "binnen",
    "uur",
    "dagen",
    "werkdagen",
    "datalek",
    "subverwerker",
    "Nederland",
    "Ierland",
    "Verenigde Staten",
    "ISO 27001",
    "NEN 7510",
    "€",
    "EUR",
    "1.000.000,00",
    "24",
    "72",
    "48 uur",
    "één",
    "coördinator",
    "geëxporteerd",
    "B.V.",
    "N.V.",
    "KvK",
    "12345678",
    "1012 AB",
    "Amsterdam",
    "info@voorbeeld.nl",
    "https://voorbeeld.nl/privacy",
    "+31 20 123 4567",
    "1 januari 2025",
    "31-12-2024",
    "Artikel",
    "artikel 5",
    "Bijlage A",
    "Bijlage 2",
    "§ 3",
    "1.",
    "1.1",
    "1.1.1",
    "2.3.4.5",
    "a)",
    "(b)",
    "(iv)",
    "-",
    "•",
    "–",
    ":",
    ";",
    ".",
    ",",
    "(",
    ")",
    "[NAAM KLANT]",
    "……",
    "____",
    "...",
    "\"",
    "“",
    "”",
    "'",
    "\u{200f}",
    "\u{200e}",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "\u{ad}",
    "\u{200b}",
    "\u{200d}",
    "שלום",
    "مرحبا",
    "e\u{301}",
    "\u{301}",
    "ﬁ",
    "ﬂ",
    "Ⅻ",
    "①",
    "𝟏",
    "🔒",
    "\u{fffd}",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{85}",
    "\u{9f}",
    "\u{2028}",
    "\u{2029}",
    "\u{c}",
    "\u{b}",
    "\t",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "  ",
    "99999999999999999999999",
    "-1",
    "0",
    "4294967296",
    "1e308",
    "NaN",
    "0x7fffffff",
    "%",
    "50%",
    "ℹ",
    "İ",
    "ß",
    "ǅ",
];

fn random_text(idx: usize, rng: &mut Rng) -> Case {
    let len = match rng.below(4) {
        0 => rng.between(1, 20),
        1 => rng.between(20, 400),
        2 => rng.between(400, 4000),
        _ => rng.between(4000, 8000),
    };
    let mut text = String::new();
    for _ in 0..len {
        text.push_str(rng.pick::<&str>(TOKENS));
        text.push_str(rng.pick::<&str>(&[" ", " ", " ", "\n", "", "\t", "\n\n", ". "]));
    }
    let (encoding, bytes) = encode_randomly(&text, rng);
    Case::text(format!("random{idx}-{len}tokens-{encoding}.txt"), bytes)
}

/// The text as UTF-8 (mostly), UTF-16 with or without BOM, or
/// Windows-1252 (lossy), or UTF-8 with invalid bytes.
fn encode_randomly(text: &str, rng: &mut Rng) -> (&'static str, Vec<u8>) {
    match rng.below(8) {
        0 => ("utf16le-bom", utf16(text, false, true)),
        1 => ("utf16be", utf16(text, true, false)),
        2 => {
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
            ("cp1252", bytes.into_owned())
        }
        3 => {
            let mut bytes = text.as_bytes().to_vec();
            mutate::random_bytes(&mut bytes, rng, 5);
            ("utf8-broken", bytes)
        }
        _ => ("utf8", text.as_bytes().to_vec()),
    }
}

pub fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let bom_unit = bom.then_some(0xFEFFu16);
    bom_unit
        .into_iter()
        .chain(s.encode_utf16())
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

fn mutated_text(idx: usize, rng: &mut Rng) -> Case {
    let bases = base_texts();
    let (name, base) = &bases[idx % bases.len()];
    let mut bytes = base.clone();
    let what = match rng.below(6) {
        0 => {
            mutate::flip_bits(&mut bytes, rng, 20);
            "bitflip20"
        }
        1 => {
            mutate::random_bytes(&mut bytes, rng, 50);
            "bytes50"
        }
        2 => {
            bytes.truncate(rng.below(bytes.len()));
            "truncate"
        }
        3 => {
            let start = rng.below(bytes.len());
            let end = (start + rng.between(1, 5000)).min(bytes.len());
            let copy = bytes[start..end].to_vec();
            let at = rng.below(bytes.len());
            for _ in 0..rng.between(1, 20) {
                bytes.splice(at..at, copy.iter().copied());
            }
            "duplicate-range"
        }
        4 => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let mut lines: Vec<&str> = text.lines().collect();
            for _ in 0..lines.len() {
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(a, b);
            }
            bytes = lines.join("\n").into_bytes();
            "shuffle-lines"
        }
        _ => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let (encoded, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
            bytes = encoded.into_owned();
            mutate::flip_bits(&mut bytes, rng, 5);
            "cp1252-bitflip5"
        }
    };
    Case::text(format!("{name}#{what}"), bytes)
}

type Make = fn() -> Vec<u8>;

const MB: usize = 1024 * 1024;

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

pub const HOSTILE_TEXTS: &[(&str, Make)] = &[
    ("10mb-single-line", || {
        repeat_to(
            "De verwerker meldt een datalek binnen 24 uur aan de klant; ",
            10 * MB,
        )
        .into_bytes()
    }),
    ("10mb-one-word", || "a".repeat(10 * MB).into_bytes()),
    ("100k-blank-lines-between-text", || {
        format!("1. Begin\n{}2. Einde\n", "\n".repeat(100_000)).into_bytes()
    }),
    ("100k-blank-lines-only", || {
        " \n".repeat(100_000).into_bytes()
    }),
    ("numbering-only", || {
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
        s.into_bytes()
    }),
    ("numbering-1.1.1-pattern", || {
        (1..=30_000)
            .map(|i| format!("{}\n", ["1.", "1.1", "1.1.1"][i % 3]))
            .collect::<String>()
            .into_bytes()
    }),
    ("numbering-2000-levels", || {
        format!(
            "{} Verwerker meldt.\n{} Nog een.\n",
            "1.".repeat(2000),
            "2.".repeat(2000)
        )
        .into_bytes()
    }),
    ("50k-numbered-lines", || {
        (1..=50_000)
            .map(|i| format!("{i}. Verwerker\n"))
            .collect::<String>()
            .into_bytes()
    }),
    ("huge-numbers", || {
        let mut s = String::from("Verwerkersovereenkomst\n");
        for n in mutate::HUGE_NUMBERS {
            s.push_str(&format!(
                "{n}. Artikel {n}\n{n}.{n} Verwerker meldt binnen {n} uur, uiterlijk {n} dagen, boete € {n},- en {n}% per {n} jaar.\nKvK {n}, versie {n}.{n}.{n}, 31-12-{n}, {n} januari {n}.\n"
            ));
        }
        s.into_bytes()
    }),
    ("right-to-left", || {
        "\u{202e}1. هذه اتفاقية معالجة البيانات\u{202c}\n\u{200f}1.1 המעבד מודיע תוך 24 שעות\n2.\u{200f} Verwerker \u{2067}meldt\u{2069} binnen 24 uur.\n"
            .repeat(2000)
            .into_bytes()
    }),
    ("all-control-characters", || {
        let mut s = String::new();
        for c in (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32) {
            s.push_str("1. Verwerker meldt binnen 24 uur");
            s.push(c);
            s.push('\n');
        }
        s.into_bytes()
    }),
    ("binary-1mb", || {
        let mut rng = Rng::for_case("binary", 1, 0);
        (0..MB).map(|_| rng.byte()).collect()
    }),
    ("utf16-odd-length-lone-surrogates", || {
        let mut bytes = utf16("1. Verwerker meldt binnen 24 uur.\n", false, true).repeat(100);
        bytes.extend_from_slice(&[0x00, 0xD8, 0x41, 0x00, 0x00, 0xDC, 0x7F]);
        bytes
    }),
    ("cp1252-dutch", || {
        let text = SAMPLE_TEXT.repeat(50);
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        bytes.into_owned()
    }),
    ("1m-euro-signs", || "€".repeat(MB).into_bytes()),
    ("10k-tab-columns", || {
        format!("{}\n", "cel\t".repeat(10_000))
            .repeat(200)
            .into_bytes()
    }),
    ("50k-artikel-headings", || {
        "Artikel 1\n".repeat(50_000).into_bytes()
    }),
    ("5mb-dots-and-digits", || {
        repeat_to("1.", 5 * MB).into_bytes()
    }),
    ("2m-short-lines", || "a\n".repeat(2_000_000).into_bytes()),
    ("combining-marks", || {
        format!("1. Verwerker e{}\n", "\u{301}".repeat(100_000)).into_bytes()
    }),
    ("100k-subclauses", || {
        "1.1 Verwerker meldt.\n".repeat(100_000).into_bytes()
    }),
    ("1mb-word-in-clause", || {
        format!("1. Definities\n1.1 {}\n2. Einde\n", "x".repeat(MB)).into_bytes()
    }),
    ("100k-placeholders", || {
        "[NAAM KLANT] ……\n".repeat(100_000).into_bytes()
    }),
    ("date-junk", || {
        "31-02-99999 32 januari 2024 0-0-0 29 februari 2023 99/99/9999\n"
            .repeat(20_000)
            .into_bytes()
    }),
    ("long-email-and-url", || {
        format!(
            "Contact: {}@{}.nl en https://{}.nl/{}\n",
            "a".repeat(100_000),
            "b".repeat(100_000),
            "c".repeat(100_000),
            "d/".repeat(100_000)
        )
        .into_bytes()
    }),
    ("cr-only-line-ends", || {
        repeat_to("1. Verwerker meldt.\r", MB).into_bytes()
    }),
    ("only-bom", || b"\xEF\xBB\xBF".to_vec()),
    ("nul-bytes", || vec![0u8; MB]),
];

fn nested(open: &str, depth: usize, close: &str) -> Vec<u8> {
    format!("{}{}", open.repeat(depth), close.repeat(depth)).into_bytes()
}

fn hostile_page_object(page: &str) -> Vec<u8> {
    let mut pdf = RawPdf::default();
    let catalog = pdf.add(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    pdf.add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec());
    pdf.add(page.as_bytes().to_vec());
    pdf.add(pdfgen::stream(
        "",
        &pdfgen::text_content(&["1. Verwerker meldt binnen 24 uur."]),
    ));
    pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
    pdf.finish(catalog)
}

const PAGE: &str = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>";

pub const HOSTILE_PDFS: &[(&str, Make)] = &[
    ("deep-array-in-content", || {
        let mut content = b"BT /F1 11 Tf 72 700 Td ".to_vec();
        content.extend(nested("[", 100_000, "]"));
        content.extend_from_slice(b" TJ ET");
        pdfgen::one_page(content)
    }),
    ("deep-array-object", || {
        let deep = String::from_utf8(nested("[", 100_000, "]")).unwrap_or_default();
        hostile_page_object(&PAGE.replace(
            "/MediaBox [0 0 595 842]",
            &format!("/MediaBox [0 0 595 842] /Deep {deep}"),
        ))
    }),
    ("deep-dict-object", || {
        let deep = format!("{}{}", "<< /A ".repeat(100_000), ">> ".repeat(100_000));
        hostile_page_object(&PAGE.replace(
            "/MediaBox [0 0 595 842]",
            &format!("/MediaBox [0 0 595 842] /Deep {deep}"),
        ))
    }),
    ("deep-dict-unclosed", || {
        hostile_page_object(&format!("{PAGE} {}", "<< /A ".repeat(100_000)))
    }),
    ("deep-parens-in-content", || {
        let mut content = b"BT /F1 11 Tf 72 700 Td ".to_vec();
        content.extend(nested("(", 100_000, ")"));
        content.extend_from_slice(b" Tj ET");
        pdfgen::one_page(content)
    }),
    ("deep-q-nesting", || {
        pdfgen::one_page(
            format!(
                "{}BT /F1 11 Tf (Verwerker) Tj ET{}",
                "q ".repeat(100_000),
                "Q ".repeat(100_000)
            )
            .into_bytes(),
        )
    }),
    ("20mb-content-stream", || {
        let content = repeat_to(
            "BT /F1 11 Tf 72 700 Td (Verwerker meldt een datalek binnen 24 uur.) Tj ET\n",
            20 * MB,
        );
        pdfgen::pdf_with_contents(&[content.into_bytes()], true)
    }),
    ("1m-tj-operators", || {
        let mut content = String::from("BT /F1 11 Tf 72 700 Td ");
        content.push_str(&"(a) Tj ".repeat(1_000_000));
        content.push_str("ET");
        pdfgen::pdf_with_contents(&[content.into_bytes()], true)
    }),
    ("flate-bomb-300mb-content", || {
        let mut pdf = RawPdf::default();
        let catalog = pdf.add(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        pdf.add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec());
        pdf.add(PAGE.as_bytes().to_vec());
        pdf.add(pdfgen::stream(
            "/Filter /FlateDecode",
            &pdfgen::zlib_zeros(300 * MB),
        ));
        pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
        pdf.finish(catalog)
    }),
    ("flate-bomb-unused-object", || {
        let mut pdf = pdfgen::sample_pdf(false);
        let body = pdfgen::stream("/Filter /FlateDecode", &pdfgen::zlib_zeros(300 * MB));
        let mut obj = b"\n90 0 obj\n".to_vec();
        obj.extend_from_slice(&body);
        obj.extend_from_slice(b"\nendobj\n");
        let at = mutate::find_all(&pdf, b"xref\n")
            .last()
            .copied()
            .unwrap_or(pdf.len());
        pdf.splice(at..at, obj);
        pdf
    }),
    ("page-tree-self-loop", || {
        pdfgen::with_page_tree("<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", PAGE)
    }),
    ("page-is-its-own-parent-pages", || {
        pdfgen::with_page_tree(
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R >>",
        )
    }),
    ("page-count-huge", || {
        pdfgen::with_page_tree("<< /Type /Pages /Kids [3 0 R] /Count 2147483648 >>", PAGE)
    }),
    ("page-kids-not-array", || {
        pdfgen::with_page_tree("<< /Type /Pages /Kids 3 /Count 1 >>", PAGE)
    }),
    ("form-xobject-draws-itself", || {
        pdfgen::with_form_xobject(b"/X1 Do BT /F1 11 Tf (lus) Tj ET", b"/X1 Do")
    }),
    ("form-xobject-1000-draws", || {
        let inner = b"BT /F1 11 Tf 72 700 Td (Verwerker meldt binnen 24 uur.) Tj ET".to_vec();
        pdfgen::with_form_xobject(&inner, "/X1 Do ".repeat(100_000).as_bytes())
    }),
    ("stream-length-huge", || {
        let pdf = pdfgen::sample_pdf(false);
        let text = String::from_utf8_lossy(&pdf).replacen("/Length ", "/Length 99999999999", 1);
        text.into_bytes()
    }),
    ("stream-without-endstream", || {
        let pdf = pdfgen::sample_pdf(false);
        let text = String::from_utf8_lossy(&pdf).replace("endstream", "endstrea_");
        text.into_bytes()
    }),
    ("stream-length-self-reference", || {
        let mut pdf = RawPdf::default();
        let catalog = pdf.add(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        pdf.add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec());
        pdf.add(PAGE.as_bytes().to_vec());
        pdf.add(b"<< /Length 4 0 R >>\nstream\nBT /F1 11 Tf (x) Tj ET\nendstream".to_vec());
        pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
        pdf.finish(catalog)
    }),
    ("reference-to-itself", || {
        let mut pdf = RawPdf::default();
        let catalog = pdf.add(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        pdf.add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec());
        pdf.add(
            b"<< /Type /Page /Parent 2 0 R /MediaBox 6 0 R /Resources 5 0 R /Contents 4 0 R >>"
                .to_vec(),
        );
        pdf.add(pdfgen::stream("", b"BT /F1 11 Tf (Verwerker) Tj ET"));
        pdf.add(b"5 0 R".to_vec());
        pdf.add(b"6 0 R".to_vec());
        pdf.finish(catalog)
    }),
    ("6000-pages", || pdfgen::many_pages(6000)),
    ("huge-and-nan-numbers-in-content", || {
        pdfgen::one_page(
            b"BT /F1 1e308 Tf 1e308 -1e308 Td 99999999999999999999 TL (a) Tj T* 1e30 Tc 1e30 Tw 1e30 Tz (b) Tj -0 0 0 -0 0 0 Tm (c) Tj 340282366920938463463374607431768211456 0 0 1 0 0 cm (d) Tj NaN 0 Td (e) Tj ET"
                .to_vec(),
        )
    }),
    ("mediabox-huge", || {
        hostile_page_object(&PAGE.replace(
            "[0 0 595 842]",
            "[-1e308 -99999999999999999999 1e308 3.4e38]",
        ))
    }),
    ("font-garbage", || {
        pdfgen::with_font_object(
            b"<< /Type /Font /Subtype /TrueType /BaseFont /Garbage /FirstChar 4294967295 /LastChar -5 /Widths [1e308 -1 (x)] /Encoding << /Differences [99999999999 /a /b -1 /c] >> /FontDescriptor 99 0 R >>",
        )
    }),
    ("type0-font-without-descendants", || {
        pdfgen::with_font_object(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H >>",
        )
    }),
    ("tounicode-garbage", || {
        let mut pdf = RawPdf::default();
        let catalog = pdf.add(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        pdf.add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec());
        pdf.add(PAGE.as_bytes().to_vec());
        pdf.add(pdfgen::stream(
            "",
            b"BT /F1 11 Tf <0001FFFF> Tj (Verwerker) Tj ET",
        ));
        pdf.add(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>".to_vec(),
        );
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FFFFFFFF> endcodespacerange 3 beginbfrange <0000> <FFFF> <D800> <00> <FFFFFFFF> [<0041> <0042>] <10> <01> <0043> endbfrange 2 beginbfchar <01> <DC00DC00> <02> <> endbfchar endcmap";
        pdf.add(pdfgen::stream("", cmap));
        pdf.finish(catalog)
    }),
    ("tounicode-range-bomb", || {
        let mut pdf = RawPdf::default();
        let catalog = pdf.add(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        pdf.add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec());
        pdf.add(PAGE.as_bytes().to_vec());
        pdf.add(pdfgen::stream("", b"BT /F1 11 Tf <00010002> Tj ET"));
        pdf.add(b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>".to_vec());
        let cmap = b"begincmap 1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange 1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange endcmap";
        pdf.add(pdfgen::stream("", cmap));
        pdf.add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /W [0 [500] 1 4294967295 600] >>".to_vec());
        pdf.finish(catalog)
    }),
    ("10mb-hex-string", || {
        let mut content = b"BT /F1 11 Tf 72 700 Td <".to_vec();
        content.extend(repeat_to("56", 10 * MB).into_bytes());
        content.extend_from_slice(b"> Tj ET");
        pdfgen::pdf_with_contents(&[content], true)
    }),
    ("contents-array-10k-refs", || {
        let mut pdf = RawPdf::default();
        let catalog = pdf.add(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        pdf.add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec());
        let refs = "4 0 R ".repeat(10_000);
        pdf.add(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents [{refs}] >>").into_bytes());
        pdf.add(pdfgen::stream(
            "",
            b"BT /F1 11 Tf 72 700 Td (Verwerker meldt binnen 24 uur.) Tj ET\n",
        ));
        pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
        pdf.finish(catalog)
    }),
    ("inline-image-without-ei", || {
        pdfgen::one_page(b"BT /F1 11 Tf (voor) Tj ET BI /W 99999 /H 99999 /BPC 8 /CS /RGB ID \x00\x01\x02 garbage".to_vec())
    }),
    ("xref-huge-subsection", || {
        let pdf = pdfgen::sample_pdf(false);
        let at = mutate::find_all(&pdf, b"xref\n0 ")
            .last()
            .copied()
            .unwrap_or(0);
        let mut out = pdf[..at].to_vec();
        out.extend_from_slice(b"xref\n0 4294967295\n");
        let rest = &pdf[at + 5..];
        let skip = rest.iter().position(|&b| b == b'\n').map_or(0, |p| p + 1);
        out.extend_from_slice(&rest[skip..]);
        out
    }),
    ("object-number-huge", || {
        String::from_utf8_lossy(&pdfgen::sample_pdf(false))
            .replacen("3 0 obj", "4294967296 0 obj", 1)
            .into_bytes()
    }),
    ("empty-page-tree", || {
        pdfgen::with_page_tree("<< /Type /Pages /Kids [] /Count 0 >>", PAGE)
    }),
    ("header-only", || b"%PDF-1.7\n".to_vec()),
    ("header-and-eof", || b"%PDF-1.7\n%%EOF\n".to_vec()),
    ("objstm-bogus", || {
        let mut pdf = RawPdf::default();
        let catalog = pdf.add(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        pdf.add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec());
        pdf.add(PAGE.as_bytes().to_vec());
        pdf.add(pdfgen::stream("", b"BT /F1 11 Tf (Verwerker) Tj ET"));
        pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
        pdf.add(pdfgen::stream(
            "/Type /ObjStm /N 4294967295 /First 99999999",
            b"1 0 2 5 3 99999999999 << /A 1 >>",
        ));
        pdf.finish(catalog)
    }),
];
