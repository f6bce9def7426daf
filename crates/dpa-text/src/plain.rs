//! Plain-text input: decoding and normalization.

use crate::{normalize, NormalizedText, TextError, TextOptions};

/// Decode plain-text bytes and normalize them.
pub fn from_plain(bytes: &[u8], opts: &TextOptions) -> Result<NormalizedText, TextError> {
    if bytes.len() as u64 > opts.limits.max_file_bytes {
        return Err(TextError::LimitExceeded(format!("file larger than {} bytes", opts.limits.max_file_bytes)));
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| TextError::Encoding(e.to_string()))?;
    if text.trim().is_empty() {
        return Err(TextError::Empty);
    }
    Ok(normalize(text))
}
