//! PDF input: load (with limits and decryption), interpret every page,
//! lay out, assemble, normalize.

pub(crate) mod cmap;
pub(crate) mod fonts;
pub(crate) mod glyphs;
pub(crate) mod interp;
pub(crate) mod lexer;

use crate::normalize::normalize_pages;
use crate::{
    assemble, glue, layout, Deadline, NormalizedText, SourceFormat, TextError, TextOptions, Warning,
};
use lopdf::{Document, LoadOptions, Object, ObjectId};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Glyphs a document needs before it can count as a typewriter layout.
const TYPEWRITER_MIN_GLYPHS: usize = 500;

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
    let (laid_out, mut warnings) = lay_out_pages(bytes, opts, deadline)?;
    deadline.check()?;
    let empty: Vec<u32> = (1..)
        .zip(&laid_out.pages)
        .filter(|(_, l)| l.is_empty())
        .map(|(i, _)| i)
        .collect();
    if empty.len() == laid_out.pages.len() {
        return Err(TextError::NoTextLayer {
            pages: page_list(&empty),
        });
    }
    let (texts, assemble_warnings) =
        assemble::assemble(laid_out.pages, &laid_out.rotated, laid_out.typewriter);
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

/// The laid-out lines of every page, read while the document is loaded
/// (the document is dropped before the text is assembled).
struct LaidOut {
    pages: Vec<Vec<layout::Line>>,
    /// Text drawn at an angle, per page (watermark candidates).
    rotated: Vec<String>,
    /// Every glyph has the same width (see [`assemble::assemble`]).
    typewriter: bool,
}

fn lay_out_pages(
    bytes: &[u8],
    opts: &TextOptions,
    deadline: Deadline,
) -> Result<(LaidOut, Vec<Warning>), TextError> {
    let max_stream = usize::try_from(opts.limits.max_decompressed_bytes).unwrap_or(usize::MAX);
    let (mut doc, warnings) = load(bytes, opts, max_stream)?;
    deadline.check()?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(TextError::Corrupt("no pages found".into()));
    }
    opts.limits.check_pages(pages.len() as u64)?;
    let budget = opts.limits.decompression_budget();
    let fonts = fonts::preload_simple_fonts(&mut doc, max_stream, deadline)?;
    let mut interp = interp::Interpreter::new(&doc, fonts, budget, deadline);
    let mut laid_out = LaidOut {
        pages: Vec::with_capacity(pages.len()),
        rotated: Vec::with_capacity(pages.len()),
        typewriter: false,
    };
    let (mut same_width, mut visible) = (0, 0);
    for &page_id in pages.values() {
        deadline.check()?;
        let content = interp.page(page_id)?;
        deadline.check()?;
        laid_out.pages.push(layout::lay_out(&content));
        let (same, all) = layout::width_profile(&content);
        (same_width, visible) = (same_width + same, visible + all);
        laid_out.rotated.push(content.rotated_text);
    }
    laid_out.typewriter = visible >= TYPEWRITER_MIN_GLYPHS && same_width * 100 >= visible * 98;
    Ok((laid_out, warnings))
}

fn load(
    bytes: &[u8],
    opts: &TextOptions,
    max_stream: usize,
) -> Result<(Document, Vec<Warning>), TextError> {
    let doc = load_document(bytes, LoadOptions::default(), max_stream)
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
    let doc = load_document(bytes, LoadOptions::with_password(password), max_stream)
        .map_err(|_| TextError::WrongPassword)?;
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

/// Object types the text stage never reads: the structure tree of tagged
/// PDFs (often most of a file's objects and of its memory), annotations,
/// outlines and XML metadata.
const UNREAD_TYPES: &[&[u8]] = &[
    b"StructTreeRoot",
    b"StructElem",
    b"ParentTree",
    b"MCR",
    b"OBJR",
    b"Annot",
    b"Outlines",
    b"Metadata",
];

/// Stream subtypes the text stage never reads: images (a scanned page is
/// known by its missing text) and embedded font programs (`/FontFile3`;
/// text and widths come from the font dictionaries).
const UNREAD_STREAM_SUBTYPES: &[&[u8]] = &[b"Image", b"Type1C", b"CIDFontType0C", b"OpenType"];

/// Load a document without the objects of [`UNREAD_TYPES`]. A damaged
/// file whose page tree does not load that way is loaded again in full,
/// which lets lopdf rebuild the page tree (it only does so unfiltered).
fn load_document(
    bytes: &[u8],
    options: LoadOptions,
    max_stream: usize,
) -> Result<Document, lopdf::Error> {
    let password = options.password.clone();
    let filtered = LoadOptions {
        max_decompressed_size: Some(max_stream),
        filter: Some(skip_unread_objects),
        ..options
    };
    let doc = Document::load_mem_with_options(bytes, filtered)?;
    if page_tree_loaded(&doc) {
        return Ok(doc);
    }
    drop(doc);
    let full = LoadOptions {
        max_decompressed_size: Some(max_stream),
        password,
        ..LoadOptions::default()
    };
    Document::load_mem_with_options(bytes, full)
}

fn skip_unread_objects(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let (dict, stream) = match &*object {
        Object::Dictionary(d) => (Some(d), false),
        Object::Stream(s) => (Some(&s.dict), true),
        _ => (None, false),
    };
    if dict.is_some_and(|d| UNREAD_TYPES.iter().any(|t| d.has_type(t))) {
        return None;
    }
    if stream && dict.is_some_and(is_unread_stream) {
        return None;
    }
    // lopdf keeps `object` itself for top-level objects and the returned
    // copy for members of object streams
    Some((id, object.clone()))
}

/// An image or an embedded font program (`/Length1`: `/FontFile`,
/// `/FontFile2`; a `/FontFile3` subtype).
fn is_unread_stream(dict: &lopdf::Dictionary) -> bool {
    let subtype = dict.get(b"Subtype").and_then(Object::as_name).ok();
    dict.has(b"Length1") || subtype.is_some_and(|s| UNREAD_STREAM_SUBTYPES.contains(&s))
}

/// The catalog leads to a page tree root with `/Kids` (what lopdf checks
/// before it rebuilds a page tree).
fn page_tree_loaded(doc: &Document) -> bool {
    doc.catalog()
        .and_then(|catalog| catalog.get(b"Pages"))
        .and_then(Object::as_reference)
        .and_then(|root| doc.get_dictionary(root))
        .and_then(|root| root.get_deref(b"Kids", doc))
        .and_then(Object::as_array)
        .is_ok()
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
