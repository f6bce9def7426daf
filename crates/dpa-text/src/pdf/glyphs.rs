//! Glyph names and the simple PDF encodings (data tables).

/// Adobe glyph names of the Latin range used by Western fonts, and their text.
const GLYPH_NAMES: &[(&str, &str)] = &[
    ("space", " "),
    ("exclam", "!"),
    ("quotedbl", "\""),
    ("numbersign", "#"),
    ("dollar", "$"),
    ("percent", "%"),
    ("ampersand", "&"),
    ("quotesingle", "'"),
    ("quoteright", "\u{2019}"),
    ("parenleft", "("),
    ("parenright", ")"),
    ("asterisk", "*"),
    ("plus", "+"),
    ("comma", ","),
    ("hyphen", "-"),
    ("minus", "\u{2212}"),
    ("period", "."),
    ("slash", "/"),
    ("zero", "0"),
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("colon", ":"),
    ("semicolon", ";"),
    ("less", "<"),
    ("equal", "="),
    ("greater", ">"),
    ("question", "?"),
    ("at", "@"),
    ("bracketleft", "["),
    ("backslash", "\\"),
    ("bracketright", "]"),
    ("asciicircum", "^"),
    ("underscore", "_"),
    ("grave", "`"),
    ("quoteleft", "\u{2018}"),
    ("braceleft", "{"),
    ("bar", "|"),
    ("braceright", "}"),
    ("asciitilde", "~"),
    ("bullet", "\u{2022}"),
    ("endash", "\u{2013}"),
    ("emdash", "\u{2014}"),
    ("quotedblleft", "\u{201C}"),
    ("quotedblright", "\u{201D}"),
    ("quotedblbase", "\u{201E}"),
    ("quotesinglbase", "\u{201A}"),
    ("ellipsis", "\u{2026}"),
    ("Euro", "\u{20AC}"),
    ("euro", "\u{20AC}"),
    ("trademark", "\u{2122}"),
    ("copyright", "\u{A9}"),
    ("registered", "\u{AE}"),
    ("degree", "\u{B0}"),
    ("section", "\u{A7}"),
    ("paragraph", "\u{B6}"),
    ("periodcentered", "\u{B7}"),
    ("middot", "\u{B7}"),
    ("guillemotleft", "\u{AB}"),
    ("guillemotright", "\u{BB}"),
    ("guilsinglleft", "\u{2039}"),
    ("guilsinglright", "\u{203A}"),
    ("dagger", "\u{2020}"),
    ("daggerdbl", "\u{2021}"),
    ("perthousand", "\u{2030}"),
    ("florin", "\u{192}"),
    ("fi", "fi"),
    ("fl", "fl"),
    ("ff", "ff"),
    ("ffi", "ffi"),
    ("ffl", "ffl"),
    ("dotlessi", "\u{131}"),
    ("germandbls", "\u{DF}"),
    ("nbspace", " "),
    ("exclamdown", "\u{A1}"),
    ("questiondown", "\u{BF}"),
    ("cent", "\u{A2}"),
    ("sterling", "\u{A3}"),
    ("yen", "\u{A5}"),
    ("currency", "\u{A4}"),
    ("brokenbar", "\u{A6}"),
    ("dieresis", "\u{A8}"),
    ("ordfeminine", "\u{AA}"),
    ("ordmasculine", "\u{BA}"),
    ("logicalnot", "\u{AC}"),
    ("macron", "\u{AF}"),
    ("plusminus", "\u{B1}"),
    ("twosuperior", "\u{B2}"),
    ("threesuperior", "\u{B3}"),
    ("onesuperior", "\u{B9}"),
    ("acute", "\u{B4}"),
    ("mu", "\u{B5}"),
    ("cedilla", "\u{B8}"),
    ("onequarter", "\u{BC}"),
    ("onehalf", "\u{BD}"),
    ("threequarters", "\u{BE}"),
    ("multiply", "\u{D7}"),
    ("divide", "\u{F7}"),
    ("AE", "\u{C6}"),
    ("ae", "\u{E6}"),
    ("OE", "\u{152}"),
    ("oe", "\u{153}"),
    ("Oslash", "\u{D8}"),
    ("oslash", "\u{F8}"),
    ("Eth", "\u{D0}"),
    ("eth", "\u{F0}"),
    ("Thorn", "\u{DE}"),
    ("thorn", "\u{FE}"),
    ("Lslash", "\u{141}"),
    ("lslash", "\u{142}"),
    ("circumflex", "\u{2C6}"),
    ("tilde", "\u{2DC}"),
    ("Scaron", "\u{160}"),
    ("scaron", "\u{161}"),
    ("Zcaron", "\u{17D}"),
    ("zcaron", "\u{17E}"),
    ("Ydieresis", "\u{178}"),
    ("ydieresis", "\u{FF}"),
    ("Yacute", "\u{DD}"),
    ("yacute", "\u{FD}"),
    ("Ccedilla", "\u{C7}"),
    ("ccedilla", "\u{E7}"),
    ("Ntilde", "\u{D1}"),
    ("ntilde", "\u{F1}"),
    ("Aring", "\u{C5}"),
    ("aring", "\u{E5}"),
    ("Atilde", "\u{C3}"),
    ("atilde", "\u{E3}"),
    ("Otilde", "\u{D5}"),
    ("otilde", "\u{F5}"),
    ("fraction", "\u{2044}"),
    ("caron", "\u{2C7}"),
    ("ring", "\u{2DA}"),
    ("breve", "\u{2D8}"),
    ("dotaccent", "\u{2D9}"),
    ("ogonek", "\u{2DB}"),
    ("hungarumlaut", "\u{2DD}"),
    ("arrowright", "\u{2192}"),
    ("checkmark", "\u{2713}"),
];

/// Base letters and the diacritic suffixes of accented glyph names.
const ACCENTS: &[(&str, char)] = &[
    ("acute", '\u{301}'),
    ("grave", '\u{300}'),
    ("circumflex", '\u{302}'),
    ("dieresis", '\u{308}'),
    ("tilde", '\u{303}'),
    ("ring", '\u{30A}'),
    ("cedilla", '\u{327}'),
    ("caron", '\u{30C}'),
];

/// The text a glyph name stands for, if known.
pub fn glyph_text(name: &str) -> Option<String> {
    let name = name.split('.').next().unwrap_or(name);
    if name.chars().count() == 1 && name.is_ascii() {
        return Some(name.to_string());
    }
    if let Some(&(_, t)) = GLYPH_NAMES.iter().find(|(n, _)| *n == name) {
        return Some(t.to_string());
    }
    if let Some(hex) = name.strip_prefix("uni").filter(|h| h.len() >= 4) {
        let units: Vec<u16> = hex
            .as_bytes()
            .chunks(4)
            .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
            .collect();
        let s: String = char::decode_utf16(units).filter_map(Result::ok).collect();
        return (!s.is_empty()).then_some(s);
    }
    if let Some(hex) = name
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
    {
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(String::from);
    }
    accented(name)
}

fn accented(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let base = chars.next().filter(char::is_ascii_alphabetic)?;
    let rest = chars.as_str();
    let &(_, mark) = ACCENTS.iter().find(|(suffix, _)| *suffix == rest)?;
    use unicode_normalization::UnicodeNormalization;
    let composed: String = [base, mark].iter().collect::<String>().nfc().collect();
    (composed.chars().count() == 1).then_some(composed)
}

/// A one-byte base encoding of a simple font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    WinAnsi,
    MacRoman,
    Standard,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> BaseEncoding {
        match name {
            b"MacRomanEncoding" => BaseEncoding::MacRoman,
            b"StandardEncoding" => BaseEncoding::Standard,
            _ => BaseEncoding::WinAnsi,
        }
    }

    /// The text of a code in this encoding (`None` for control codes).
    pub fn decode(self, code: u8) -> Option<char> {
        if code < 0x20 {
            return None;
        }
        match self {
            BaseEncoding::Standard if code == 0x27 => Some('\u{2019}'),
            BaseEncoding::Standard if code == 0x60 => Some('\u{2018}'),
            BaseEncoding::MacRoman if code >= 0x80 => single_byte(encoding_rs::MACINTOSH, code),
            _ if code == 0xA0 || code == 0xAD => Some(if code == 0xA0 { ' ' } else { '-' }),
            _ => single_byte(encoding_rs::WINDOWS_1252, code),
        }
    }
}

fn single_byte(enc: &'static encoding_rs::Encoding, code: u8) -> Option<char> {
    let bytes = [code];
    let (text, _) = enc.decode_without_bom_handling(&bytes);
    text.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_text() {
        assert_eq!(glyph_text("quoteright").as_deref(), Some("\u{2019}"));
        assert_eq!(glyph_text("eacute").as_deref(), Some("é"));
        assert_eq!(glyph_text("edieresis").as_deref(), Some("ë"));
        assert_eq!(glyph_text("uni00EB").as_deref(), Some("ë"));
        assert_eq!(glyph_text("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_text("fi").as_deref(), Some("fi"));
        assert_eq!(glyph_text("nonsense"), None);
    }

    #[test]
    fn base_encodings_decode() {
        assert_eq!(BaseEncoding::WinAnsi.decode(0xEB), Some('ë'));
        assert_eq!(BaseEncoding::WinAnsi.decode(0x93), Some('\u{201C}'));
        assert_eq!(BaseEncoding::MacRoman.decode(0x91), Some('ë'));
        assert_eq!(BaseEncoding::Standard.decode(0x27), Some('\u{2019}'));
    }
}
