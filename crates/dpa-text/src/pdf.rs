//! PDF input: load (with limits and decryption), interpret every page,
//! lay out, assemble, normalize.

pub(crate) mod cmap;
pub(crate) mod fonts;
pub(crate) mod glyphs;
pub(crate) mod interp;

use crate::normalize::normalize_pages;
use crate::{
    assemble, glue, layout, NormalizedText, SourceFormat, TextError, TextOptions, Warning,
};
use lopdf::{Document, LoadOptions};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Read the text of a PDF.
pub fn from_pdf(bytes: &[u8], opts: &TextOptions) -> Result<NormalizedText, TextError> {
    check_header(bytes, opts)?;
    match catch_unwind(AssertUnwindSafe(|| read_pdf(bytes, opts))) {
        Ok(result) => result,
        Err(_) => Err(TextError::Internal(
            "the PDF reader failed on this file".into(),
        )),
    }
}

fn check_header(bytes: &[u8], opts: &TextOptions) -> Result<(), TextError> {
    if bytes.is_empty() {
        return Err(TextError::Empty);
    }
    opts.limits.check_file_bytes(bytes.len() as u64)?;
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(TextError::NotPdf);
    }
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") && !tail.windows(9).any(|w| w == b"startxref") {
        return Err(TextError::Corrupt(
            "the file ends early (no end-of-file marker)".into(),
        ));
    }
    Ok(())
}

fn read_pdf(bytes: &[u8], opts: &TextOptions) -> Result<NormalizedText, TextError> {
    let deadline = opts.limits.deadline();
    deadline.check()?;
    let max_stream = usize::try_from(opts.limits.max_decompressed_bytes).unwrap_or(usize::MAX);
    let (doc, mut warnings) = load(bytes, opts, max_stream)?;
    deadline.check()?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(TextError::Corrupt("no pages found".into()));
    }
    opts.limits.check_pages(pages.len() as u64)?;
    let mut interp = interp::Interpreter::new(&doc, opts.limits.decompression_budget(), deadline);
    let mut laid_out = Vec::with_capacity(pages.len());
    let mut rotated = Vec::with_capacity(pages.len());
    for &page_id in pages.values() {
        deadline.check()?;
        let content = interp.page(page_id)?;
        deadline.check()?;
        laid_out.push(layout::lay_out(&content));
        rotated.push(content.rotated_text);
    }
    deadline.check()?;
    let empty: Vec<u32> = (1..)
        .zip(&laid_out)
        .filter(|(_, l)| l.is_empty())
        .map(|(i, _)| i)
        .collect();
    if empty.len() == laid_out.len() {
        return Err(TextError::NoTextLayer {
            pages: page_list(&empty),
        });
    }
    let (texts, assemble_warnings) = assemble::assemble(laid_out, &rotated);
    let texts = glue::split_glued_pages(&texts);
    deadline.check()?;
    warnings.extend(assemble_warnings);
    for p in empty {
        warnings.push(Warning::new(
            "no_text_layer",
            format!("no text layer on page {p} (scanned; OCR needed)"),
            Some(p),
        ));
    }
    let mut text = normalize_pages(&texts, SourceFormat::Pdf);
    text.warnings = warnings;
    Ok(text)
}

fn load(
    bytes: &[u8],
    opts: &TextOptions,
    max_stream: usize,
) -> Result<(Document, Vec<Warning>), TextError> {
    let options = LoadOptions {
        max_decompressed_size: Some(max_stream),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options)
        .map_err(|e| TextError::Corrupt(e.to_string()))?;
    let mut warnings = Vec::new();
    if !doc.is_encrypted() && !doc.was_encrypted() {
        return Ok((doc, warnings));
    }
    if !doc.is_encrypted() {
        warnings.push(Warning::new(
            "encrypted",
            "encrypted (no password needed)",
            None,
        ));
        return Ok((doc, warnings));
    }
    let Some(password) = opts.password.as_deref() else {
        return Err(TextError::PasswordRequired);
    };
    let options = LoadOptions {
        max_decompressed_size: Some(max_stream),
        ..LoadOptions::with_password(password)
    };
    let doc =
        Document::load_mem_with_options(bytes, options).map_err(|_| TextError::WrongPassword)?;
    if doc.is_encrypted() || doc.get_pages().is_empty() {
        return Err(TextError::WrongPassword);
    }
    warnings.push(Warning::new(
        "encrypted",
        "encrypted (opened with the given password)",
        None,
    ));
    Ok((doc, warnings))
}

/// `1–5` or `2, 4` for a list of page numbers.
fn page_list(pages: &[u32]) -> String {
    match pages {
        [] => String::new(),
        [one] => one.to_string(),
        _ if pages.windows(2).all(|w| w[1] == w[0] + 1) => {
            format!("{}–{}", pages[0], pages[pages.len() - 1])
        }
        _ => pages
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}
