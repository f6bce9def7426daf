//! # dpa — Dutch data processing agreements to normalized JSON
//!
//! Reads a verwerkersovereenkomst, NLdigital Data Pro Statement or other DPA
//! (PDF or plain text) and returns one [`Model`] (`dpa-model/1`): the parties,
//! services, sub-processors, deadlines, law, security measures, the clause
//! tree, the GDPR Art. 28(3) check and findings — every filled value with
//! evidence pointing into the normalized text.
//!
//! The pipeline runs one way: bytes → [`text`] → [`segment`] → [`fields`] →
//! [`check`]. This crate is the facade over the stage crates.
//!
//! ```
//! let text = "Verwerkersovereenkomst\n\n1. Datalekken\n\n1.1 Verwerker meldt een datalek binnen 24 uur aan Verantwoordelijke.\n";
//! let model = dpa::analyze_str(text, &dpa::Options::default());
//! assert_eq!(model.schema, "dpa-model/1");
//! assert_eq!(model.source.format, "text");
//! ```
//!
//! Reading a file gives a typed error naming the file and the cause:
//!
//! ```
//! let err = dpa::analyze_bytes(b"", dpa::Format::Pdf, Some("leeg.pdf"), &dpa::Options::default()).unwrap_err();
//! assert_eq!(err.to_string(), "leeg.pdf: empty file");
//! ```
//!
//! Options carry the PDF password, the language of finding messages and the
//! resource limits per document:
//!
//! ```
//! let opts = dpa::Options {
//!     password: Some("geheim".to_string()),
//!     lang: dpa::Lang::En,
//!     limits: dpa::Limits { max_pages: 500, max_millis: 10_000, ..dpa::Limits::default() },
//! };
//! let model = dpa::analyze_str("Verwerkersovereenkomst\n", &opts);
//! let json = serde_json::to_string_pretty(&model).unwrap();
//! assert!(json.contains("\"schema\": \"dpa-model/1\""));
//! ```

use sha2::{Digest, Sha256};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

pub use dpa_check as check;
pub use dpa_fields as fields;
pub use dpa_model as model;
pub use dpa_segment as segment;
pub use dpa_text as text;

pub use dpa_check::Lang;
pub use dpa_model::{Model, NormalizedText};
pub use dpa_text::{Limits, TextError};

/// Options of one analysis.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// User password for encrypted PDFs.
    pub password: Option<String>,
    /// Language of finding messages.
    pub lang: Lang,
    /// Resource limits per document.
    pub limits: Limits,
}

/// The input format of bytes.
///
/// ```
/// use std::path::Path;
/// assert_eq!(dpa::Format::from_path(Path::new("dpa.PDF")), Some(dpa::Format::Pdf));
/// assert_eq!(dpa::Format::from_path(Path::new("dpa.txt")), Some(dpa::Format::Text));
/// assert_eq!(dpa::Format::from_path(Path::new("dpa.docx")), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Text,
}

impl Format {
    /// The format for a path by its extension (`.pdf`, `.txt`), if supported.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Format::Pdf),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }
}

/// Why a document could not be analyzed. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read from disk.
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// The file's extension is not one the library reads.
    #[error("{file}: unsupported file type (expected .pdf or .txt)")]
    Unsupported { file: String },
    /// The text stage failed: not a PDF, truncated, encrypted, scanned, ...
    #[error("{file}: {source}")]
    Text {
        file: String,
        #[source]
        source: TextError,
    },
    /// A bug inside the pipeline (a panic in this library or a dependency),
    /// caught and reported for this file only.
    #[error("{file}: internal error: {message}")]
    Internal { file: String, message: String },
}

impl Error {
    /// The cause alone, without the file name (`"empty file"`).
    ///
    /// ```
    /// let err = dpa::analyze_bytes(b"", dpa::Format::Text, Some("leeg.txt"), &dpa::Options::default()).unwrap_err();
    /// assert_eq!(err.cause(), "empty file");
    /// ```
    pub fn cause(&self) -> String {
        match self {
            Error::Io { source, .. } => format!("cannot read: {source}"),
            Error::Unsupported { .. } => {
                "unsupported file type (expected .pdf or .txt)".to_string()
            }
            Error::Text { source, .. } => source.to_string(),
            Error::Internal { message, .. } => format!("internal error: {message}"),
        }
    }

    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            Error::Io { file, .. }
            | Error::Unsupported { file }
            | Error::Text { file, .. }
            | Error::Internal { file, .. } => file,
        }
    }
}

/// Analyze a file (`.pdf` or `.txt`). The file is only read. Errors name
/// the path as given; the model's `source.file` is the file name.
///
/// ```
/// let path = std::env::temp_dir().join(format!("dpa-doc-{}.txt", std::process::id()));
/// std::fs::write(&path, "Verwerkersovereenkomst\n\n1. Geheimhouding\n\nVerwerker houdt de persoonsgegevens geheim.\n").unwrap();
/// let model = dpa::analyze_path(&path, &dpa::Options::default()).unwrap();
/// assert_eq!(model.source.file.as_deref(), path.file_name().and_then(|n| n.to_str()));
/// std::fs::remove_file(&path).unwrap();
///
/// let err = dpa::analyze_path("bestaat-niet.pdf", &dpa::Options::default()).unwrap_err();
/// assert_eq!(err.file(), "bestaat-niet.pdf");
/// assert!(err.to_string().starts_with("bestaat-niet.pdf: cannot read"));
/// ```
pub fn analyze_path(path: impl AsRef<Path>, opts: &Options) -> Result<Model, Error> {
    let path = path.as_ref();
    let file = path.display().to_string();
    let format =
        Format::from_path(path).ok_or_else(|| Error::Unsupported { file: file.clone() })?;
    let bytes = read_limited(path, opts, &file)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(file.clone());
    analyze_bytes(&bytes, format, Some(&name), opts).map_err(|e| e.with_file(file))
}

impl Error {
    /// The same error naming another file (the path instead of the name).
    fn with_file(self, file: String) -> Error {
        match self {
            Error::Io { source, .. } => Error::Io { file, source },
            Error::Unsupported { .. } => Error::Unsupported { file },
            Error::Text { source, .. } => Error::Text { file, source },
            Error::Internal { message, .. } => Error::Internal { file, message },
        }
    }
}

/// Read a file whole, refusing it before reading when it is over the size limit.
fn read_limited(path: &Path, opts: &Options, file: &str) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Io {
        file: file.to_string(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    opts.limits
        .check_file_bytes(len)
        .map_err(|source| Error::Text {
            file: file.to_string(),
            source,
        })?;
    std::fs::read(path).map_err(io)
}

/// Analyze bytes of a known format. `file` names the source in the model
/// and in errors. A panic anywhere in the pipeline is caught and returned
/// as [`Error::Internal`] for this input.
///
/// ```
/// let text = "Verwerkersovereenkomst\n\n1. Audit\n\nVerantwoordelijke mag eenmaal per jaar een audit laten uitvoeren.\n";
/// let model = dpa::analyze_bytes(text.as_bytes(), dpa::Format::Text, Some("audit.txt"), &dpa::Options::default()).unwrap();
/// assert_eq!(model.source.file.as_deref(), Some("audit.txt"));
///
/// let err = dpa::analyze_bytes(b"dit is geen pdf", dpa::Format::Pdf, Some("nep.pdf"), &dpa::Options::default()).unwrap_err();
/// assert_eq!(err.file(), "nep.pdf");
/// ```
pub fn analyze_bytes(
    bytes: &[u8],
    format: Format,
    file: Option<&str>,
    opts: &Options,
) -> Result<Model, Error> {
    let name = file.unwrap_or("<input>");
    catch_unwind(AssertUnwindSafe(|| {
        analyze_bytes_unguarded(bytes, format, file, opts)
    }))
    .unwrap_or_else(|payload| {
        Err(Error::Internal {
            file: name.to_string(),
            message: panic_message(&*payload),
        })
    })
}

fn analyze_bytes_unguarded(
    bytes: &[u8],
    format: Format,
    file: Option<&str>,
    opts: &Options,
) -> Result<Model, Error> {
    let text = extract_text(bytes, format, opts).map_err(|source| Error::Text {
        file: file.unwrap_or("<input>").to_string(),
        source,
    })?;
    Ok(analyze_text(text, sha256_hex(bytes), file, opts))
}

/// The text of a caught panic's payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        format!("panic: {s}")
    } else if let Some(s) = payload.downcast_ref::<String>() {
        format!("panic: {s}")
    } else {
        "panic".to_string()
    }
}

/// Analyze a text that is already in memory (normalized first).
pub fn analyze_str(text: &str, opts: &Options) -> Model {
    let normalized = dpa_text::normalize(text);
    analyze_text(normalized, sha256_hex(text.as_bytes()), None, opts)
}

/// Run the text stage alone: the normalized text of a document. The
/// password and the limits of `opts` (file size, pages, decompressed bytes
/// and the time limit `max_millis`) apply.
///
/// ```
/// let text = dpa::extract_text("Artikel 1\r\n\r\n\r\nDe verwerker  \r\n".as_bytes(), dpa::Format::Text, &dpa::Options::default()).unwrap();
/// assert!(!text.text.contains('\r'));
/// assert_eq!(text.pages.len(), 1);
/// ```
pub fn extract_text(
    bytes: &[u8],
    format: Format,
    opts: &Options,
) -> Result<NormalizedText, TextError> {
    let text_opts = dpa_text::TextOptions {
        password: opts.password.clone(),
        limits: opts.limits.clone(),
    };
    match format {
        Format::Pdf => dpa_text::from_pdf(bytes, &text_opts),
        Format::Text => dpa_text::from_plain(bytes, &text_opts),
    }
}

/// Run segmentation, field extraction and the check on a normalized text.
pub fn analyze_text(
    text: NormalizedText,
    sha256: String,
    file: Option<&str>,
    opts: &Options,
) -> Model {
    let source = dpa_model::Source {
        file: file.map(str::to_string),
        format: text.format.as_str().to_string(),
        sha256,
        pages: text.page_count(),
        chars: text.text.chars().count() as u64,
    };
    let mut model = Model::empty(source);
    model.warnings = text.warnings.clone();
    model.clauses = dpa_segment::segment(&text);
    dpa_fields::extract(&text, &mut model);
    model.compliance = dpa_check::check(&model, opts.lang);
    model
}

/// The JSON Schema (draft 7) of the model, generated from the types.
///
/// ```
/// let schema = dpa::json_schema();
/// assert_eq!(schema["title"], "Model");
/// ```
pub fn json_schema() -> serde_json::Value {
    dpa_model::json_schema()
}

fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(2 * digest.len());
    for b in digest {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    hex
}

#[cfg(test)]
mod tests {
    /// The FIPS 180-2 test vectors, in lower-case hex.
    #[test]
    fn sha256_hex_of_the_standard_vectors() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            super::sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
