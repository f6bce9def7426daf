//! Text stage: PDF bytes or plain text in, one [`NormalizedText`] out.
//!
//! - [`from_plain`] decodes plain-text bytes (UTF-8, UTF-16 with BOM,
//!   Windows-1252) and normalizes them;
//! - [`from_pdf`] reads a PDF (decrypting it when needed), lays out its
//!   pages and normalizes the result;
//! - [`normalize`] applies the normalization rules to a string.
//!
//! Every failure is a [`TextError`]; nothing here panics on bad input.

mod assemble;
mod error;
mod glue;
mod layout;
mod limits;
mod normalize;
mod pdf;
mod plain;
mod repair;

pub use dpa_model::{NormalizedText, SourceFormat, Warning};
pub use error::TextError;
pub use glue::split_glued_words;
pub use limits::{Budget, Deadline, Limits};
pub use normalize::normalize;
pub use pdf::from_pdf;
pub use plain::from_plain;

/// Options of the text stage.
#[derive(Debug, Clone, Default)]
pub struct TextOptions {
    /// User password for an encrypted PDF. An empty user password is tried
    /// without it.
    pub password: Option<String>,
    pub limits: Limits,
}
