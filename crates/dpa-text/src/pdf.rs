//! PDF input.

use crate::normalize::normalize_pages;
use crate::{NormalizedText, SourceFormat, TextError, TextOptions};

/// Read the text of a PDF.
pub fn from_pdf(bytes: &[u8], _opts: &TextOptions) -> Result<NormalizedText, TextError> {
    if bytes.is_empty() {
        return Err(TextError::Empty);
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(TextError::NotPdf);
    }
    let owned = bytes.to_vec();
    let pages = std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem_by_pages(&owned))
        .map_err(|_| TextError::Internal("panic in the PDF reader".into()))?
        .map_err(|e| TextError::Corrupt(e.to_string()))?;
    Ok(normalize_pages(&pages, SourceFormat::Pdf))
}
