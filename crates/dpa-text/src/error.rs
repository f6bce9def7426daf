//! The typed errors of the text stage. The facade adds the file name.

use thiserror::Error;

/// Why a document's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TextError {
    #[error("empty file")]
    Empty,
    #[error("not a PDF (no %PDF- header)")]
    NotPdf,
    #[error("truncated or corrupt PDF: {0}")]
    Corrupt(String),
    #[error("encrypted: password required")]
    PasswordRequired,
    #[error("encrypted: wrong password")]
    WrongPassword,
    #[error("no text layer on pages {pages} (scanned; OCR needed)")]
    NoTextLayer { pages: String },
    #[error("unreadable text encoding: {0}")]
    Encoding(String),
    #[error("limit exceeded: {0}")]
    LimitExceeded(String),
    #[error("internal error while reading the PDF: {0}")]
    Internal(String),
}
