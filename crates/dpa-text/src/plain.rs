//! Plain-text input: decoding, cleaning and normalization.
//!
//! Decoding, in this order:
//! 1. a byte order mark decides: UTF-8, UTF-16LE or UTF-16BE (UTF-32 is an
//!    [`TextError::Encoding`] error);
//! 2. valid UTF-8 is UTF-8 (no warning);
//! 3. UTF-16 without a byte order mark, when the zero bytes say so;
//! 4. UTF-8 with a few broken sequences (more valid multi-byte characters
//!    than invalid bytes) is decoded with U+FFFD replacements;
//! 5. anything else is Windows-1252 (the usual 8-bit encoding of Dutch text:
//!    é, ë, €, curly quotes).
//!
//! Every decoding other than plain UTF-8 adds an `encoding` warning naming
//! the encoding used. Text that is mostly control characters after decoding
//! (binary data) is an [`TextError::Encoding`] error. Remaining control
//! characters other than `\n`, `\t` and `\r` are removed (form feeds, vertical
//! tabs and Unicode line/paragraph separators become line breaks: plain text
//! is one page) with a `control_characters` warning; invisible bidi marks,
//! zero-width spaces, soft hyphens and stray byte order marks are dropped.

use crate::{normalize, NormalizedText, TextError, TextOptions, Warning};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Decode plain-text bytes and normalize them.
pub fn from_plain(bytes: &[u8], opts: &TextOptions) -> Result<NormalizedText, TextError> {
    let limits = &opts.limits;
    let deadline = limits.deadline();
    limits.check_file_bytes(bytes.len() as u64)?;
    limits.check_pages(1)?;
    if bytes.is_empty() {
        return Err(TextError::Empty);
    }
    let decoded = decode(bytes)?;
    limits.check_decompressed_bytes(decoded.text.len() as u64)?;
    reject_binary(&decoded.text)?;
    let (clean, removed) = clean_controls(&decoded.text);
    if clean.trim().is_empty() {
        return Err(TextError::Empty);
    }
    deadline.check()?;
    let clean = crate::glue::split_glued_words(&clean);
    deadline.check()?;
    let mut text = normalize(&clean);
    deadline.check()?;
    text.warnings.extend(decoded.warning);
    if removed > 0 {
        let message = format!("removed {removed} control character(s) from the text");
        text.warnings
            .push(Warning::new("control_characters", message, None));
    }
    Ok(text)
}

/// Text decoded from bytes, with the `encoding` warning to report (none for
/// clean UTF-8).
#[derive(Debug)]
struct Decoded {
    text: String,
    warning: Option<Warning>,
}

impl Decoded {
    fn new(text: String, message: Option<String>) -> Self {
        Decoded {
            text,
            warning: message.map(|m| Warning::new("encoding", m, None)),
        }
    }
}

fn decode(bytes: &[u8]) -> Result<Decoded, TextError> {
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(TextError::Encoding(
            "UTF-32 text is not supported; save the file as UTF-8".into(),
        ));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with_bom(encoding, &bytes[bom_len..]));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded::new(text.to_string(), None));
    }
    if let Some(decoded) = decode_utf16_without_bom(bytes) {
        return Ok(decoded);
    }
    let (valid_multibyte, invalid) = utf8_evidence(bytes);
    if valid_multibyte > invalid {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let message =
            format!("decoded as UTF-8; {invalid} invalid byte sequence(s) replaced by U+FFFD");
        return Ok(Decoded::new(text, Some(message)));
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    let message = "decoded as Windows-1252 (the file is not valid UTF-8)".to_string();
    Ok(Decoded::new(text.into_owned(), Some(message)))
}

fn decode_with_bom(encoding: &'static Encoding, body: &[u8]) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let text = text.into_owned();
    let replaced = if had_errors {
        text.matches('\u{FFFD}').count()
    } else {
        0
    };
    let mut message =
        (encoding != UTF_8).then(|| format!("decoded as {} (byte order mark)", encoding.name()));
    if replaced > 0 {
        let note = format!(
            "{replaced} invalid {} sequence(s) replaced by U+FFFD",
            encoding.name()
        );
        message = Some(match message {
            Some(m) => format!("{m}; {note}"),
            None => note,
        });
    }
    Decoded::new(text, message)
}

/// UTF-16 without a byte order mark: most code units of Latin text have one
/// zero byte, always on the same side. At least 60 % of the sampled units
/// must look like that, and the whole input must decode without errors.
fn decode_utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    const SAMPLE_UNITS: usize = 32 * 1024;
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let units = bytes.chunks_exact(2).take(SAMPLE_UNITS);
    let sampled = units.len();
    let (mut le, mut be) = (0usize, 0usize);
    for unit in units {
        match (unit[0], unit[1]) {
            (a, 0) if a != 0 => le += 1,
            (0, b) if b != 0 => be += 1,
            _ => {}
        }
    }
    let encoding = if le * 10 >= sampled * 6 {
        UTF_16LE
    } else if be * 10 >= sampled * 6 {
        UTF_16BE
    } else {
        return None;
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return None;
    }
    let message = format!(
        "decoded as {} (detected without byte order mark)",
        encoding.name()
    );
    Some(Decoded::new(text.into_owned(), Some(message)))
}

/// (valid multi-byte UTF-8 characters, invalid byte sequences) in `bytes`.
fn utf8_evidence(bytes: &[u8]) -> (usize, usize) {
    let mut valid_multibyte = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid_multibyte, invalid)
}

/// Binary data decodes to text full of control characters: more than 10 %
/// control characters (random bytes give about 13 %), or more than 1 %
/// NULs, is not a text file.
fn reject_binary(text: &str) -> Result<(), TextError> {
    let (mut controls, mut nuls) = (0usize, 0usize);
    for m in SPECIAL.find_iter(text) {
        let c = m.as_str().chars().next().unwrap_or(' ');
        if c == '\0' {
            nuls += 1;
        }
        if is_stray_control(c) {
            controls += 1;
        }
    }
    if controls == 0 && nuls == 0 {
        return Ok(());
    }
    let chars = text.chars().count();
    if controls * 10 > chars || nuls * 100 > chars {
        return Err(TextError::Encoding(format!(
            "binary data, not text: {controls} of {chars} characters are control characters ({nuls} NUL)"
        )));
    }
    Ok(())
}

/// Every character that [`clean_controls`] changes: control characters
/// other than tab, line feed and carriage return, Unicode line and
/// paragraph separators and the invisible characters of [`is_invisible`].
static SPECIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u{AD}\u{200B}\u{200E}\u{200F}\u{202A}-\u{202E}\u{2028}\u{2029}\u{2066}-\u{2069}\u{FEFF}]")
        .expect("valid regex")
});

/// Control characters that have no place in a text: all of them except
/// tab, line feed, carriage return and the ones turned into line breaks.
fn is_stray_control(c: char) -> bool {
    c.is_control() && line_break_for(c).is_none() && !matches!(c, '\n' | '\t' | '\r')
}

/// Characters that end a line (or a page: plain text is one page).
fn line_break_for(c: char) -> Option<&'static str> {
    match c {
        '\u{b}' | '\u{85}' | '\u{2028}' => Some("\n"),
        '\u{c}' | '\u{2029}' => Some("\n\n"),
        _ => None,
    }
}

/// Invisible characters that only get in the way of reading the text:
/// bidi marks and embeddings, zero-width space, soft hyphen, stray BOMs.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// The text without stray control and invisible characters, and how many
/// control characters were removed.
fn clean_controls(text: &str) -> (Cow<'_, str>, usize) {
    let mut out = String::new();
    let mut removed = 0;
    let mut copied = 0;
    for m in SPECIAL.find_iter(text) {
        if copied == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[copied..m.start()]);
        copied = m.end();
        let c = m.as_str().chars().next().unwrap_or(' ');
        if let Some(brk) = line_break_for(c) {
            out.push_str(brk);
        } else if is_stray_control(c) {
            removed += 1;
        } else if !is_invisible(c) {
            out.push(c);
        }
    }
    if copied == 0 {
        return (Cow::Borrowed(text), 0);
    }
    out.push_str(&text[copied..]);
    (Cow::Owned(out), removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    const DUTCH: &str = "Artikel 1. Definities\nDe Verwerker meldt een inbreuk binnen 24 uur, \u{201c}zo snel mogelijk\u{201d}: boete € 500,- per dag; privé-gegevens van ëen coördinator.\n";

    fn read(bytes: &[u8]) -> Result<NormalizedText, TextError> {
        from_plain(bytes, &TextOptions::default())
    }

    fn warning_codes(text: &NormalizedText) -> Vec<&str> {
        text.warnings.iter().map(|w| w.code.as_str()).collect()
    }

    fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = if bom { vec![0xFEFF] } else { vec![] };
        for unit in units.into_iter().chain(s.encode_utf16()) {
            let b = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    fn expected() -> String {
        normalize(DUTCH).text
    }

    #[test]
    fn utf8_with_and_without_bom_has_no_warning() {
        let plain = read(DUTCH.as_bytes()).unwrap();
        assert_eq!(plain.text, expected());
        assert!(plain.warnings.is_empty());
        let with_bom = read(&[b"\xEF\xBB\xBF", DUTCH.as_bytes()].concat()).unwrap();
        assert_eq!(with_bom.text, expected());
        assert!(with_bom.warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom_in_both_byte_orders() {
        for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
            let text = read(&utf16(DUTCH, big_endian, true)).unwrap();
            assert_eq!(text.text, expected());
            assert_eq!(warning_codes(&text), ["encoding"]);
            assert!(
                text.warnings[0].message.contains(name),
                "{}",
                text.warnings[0].message
            );
        }
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let text = read(&utf16(DUTCH, false, false)).unwrap();
        assert_eq!(text.text, expected());
        assert!(text.warnings[0].message.contains("UTF-16LE"));
        let text = read(&utf16(DUTCH, true, false)).unwrap();
        assert_eq!(text.text, expected());
        assert!(text.warnings[0].message.contains("UTF-16BE"));
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let (bytes, _, unmappable) = WINDOWS_1252.encode(DUTCH);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let text = read(&bytes).unwrap();
        assert_eq!(text.text, expected());
        assert_eq!(warning_codes(&text), ["encoding"]);
        assert!(
            text.warnings[0].message.contains("windows-1252")
                || text.warnings[0].message.contains("Windows-1252")
        );
    }

    #[test]
    fn mostly_utf8_with_a_broken_byte_stays_utf8() {
        let bytes = [DUTCH.as_bytes(), b"kapot \xFF byte\n"].concat();
        let text = read(&bytes).unwrap();
        assert!(text.text.contains("privé-gegevens"), "{}", text.text);
        assert!(text.text.contains("kapot \u{FFFD} byte"));
        assert!(
            text.warnings[0].message.contains("1 invalid"),
            "{}",
            text.warnings[0].message
        );
    }

    #[test]
    fn binary_junk_is_an_encoding_error() {
        let junk: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(matches!(read(&junk), Err(TextError::Encoding(_))));
        let nuls = vec![0u8; 1000];
        assert!(matches!(read(&nuls), Err(TextError::Encoding(_))));
        assert!(matches!(
            read(b"\xFF\xFE\x00\x00a\x00\x00\x00"),
            Err(TextError::Encoding(_))
        ));
    }

    #[test]
    fn control_characters_are_removed_or_become_breaks() {
        let input = format!("Artikel\u{7} 1\u{0}\nregel\u{c}volgende\u{b}regel\u{1b}[0m\n\u{200f}Verwerker\u{ad}\n{DUTCH}");
        let text = read(input.as_bytes()).unwrap();
        let head = "Artikel 1\nregel\n\nvolgende\nregel[0m\nVerwerker\n";
        assert!(text.text.starts_with(head), "{:?}", text.text);
        assert_eq!(warning_codes(&text), ["control_characters"]);
        assert!(text.warnings[0].message.contains("removed 3"));
        assert_eq!(text.pages, vec![0..text.text.len()]);
    }

    #[test]
    fn empty_and_blank_inputs_are_empty() {
        for input in [
            &b""[..],
            b"   \n\t\n  ",
            b"\xEF\xBB\xBF",
            b"\xFF\xFE",
            b"\x0c\x0c\n",
            "\u{200b}\u{200f}".as_bytes(),
        ] {
            assert_eq!(read(input), Err(TextError::Empty), "{input:?}");
        }
    }

    #[test]
    fn limits_apply_to_plain_text() {
        let read_with = |limits: Limits| {
            from_plain(
                DUTCH.as_bytes(),
                &TextOptions {
                    password: None,
                    limits,
                },
            )
        };
        let small_file = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        let no_pages = Limits {
            max_pages: 0,
            ..Limits::default()
        };
        let small_text = Limits {
            max_decompressed_bytes: 10,
            ..Limits::default()
        };
        for (limits, field) in [
            (small_file, "max_file_bytes"),
            (no_pages, "max_pages"),
            (small_text, "max_decompressed_bytes"),
        ] {
            match read_with(limits) {
                Err(TextError::LimitExceeded(msg)) => assert!(msg.contains(field), "{msg}"),
                other => panic!("{field}: {other:?}"),
            }
        }
    }
}
