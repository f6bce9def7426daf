//! Fonts: character codes → text and glyph widths.

use super::cmap::parse_to_unicode;
use super::glyphs::{glyph_text, BaseEncoding};
use crate::limits::Deadline;
use crate::TextError;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Load every simple font of the document that has a `/Widths` array,
/// then drop those arrays from the document: lopdf holds each width as an
/// `Object` (about 120 bytes), a loaded font as one `f32`. Fonts without
/// `/Type /Font` (and Type0 fonts) are left to load when a page uses them.
pub fn preload_simple_fonts(
    doc: &mut Document,
    max_bytes: usize,
    deadline: Deadline,
) -> Result<HashMap<ObjectId, Rc<Font>>, TextError> {
    let mut fonts = HashMap::new();
    for (&id, object) in &doc.objects {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        let simple = name_of(doc, dict, b"Subtype").as_deref() != Some(b"Type0".as_slice());
        if dict.has_type(b"Font") && dict.has(b"Widths") && simple {
            deadline.check()?;
            fonts.insert(id, Rc::new(Font::load(doc, dict, max_bytes)));
        }
    }
    for id in fonts.keys() {
        if let Some(Object::Dictionary(dict)) = doc.objects.get_mut(id) {
            dict.remove(b"Widths");
        }
    }
    Ok(fonts)
}

/// What the interpreter needs of a font.
#[derive(Debug, Default)]
pub struct Font {
    /// Codes are two bytes (Type0 / CID fonts).
    pub two_byte: bool,
    /// ToUnicode map, when the font has one.
    to_unicode: HashMap<u32, String>,
    /// Text of the one-byte codes from the font's encoding, one after the
    /// other (`simple_ends[c]`: where the text of code `c` ends; empty =
    /// unknown). One string instead of 256 keeps every font small.
    simple_text: String,
    simple_ends: Vec<u32>,
    /// Widths in glyph space (1/1000 em) for codes `first..first + widths.len()`.
    widths: Vec<f32>,
    first: u32,
    /// Widths of CID fonts (`/W`).
    cid_widths: HashMap<u32, f32>,
    default_width: f32,
}

impl Font {
    /// Build a font from its dictionary. Never fails: unknown parts fall
    /// back to WinAnsi text and a default width.
    pub fn load(doc: &Document, dict: &Dictionary, max_bytes: usize) -> Font {
        let subtype = name_of(doc, dict, b"Subtype").unwrap_or_default();
        let mut font = Font {
            default_width: 500.0,
            ..Font::default()
        };
        if subtype == b"Type0" {
            font.two_byte = true;
            font.default_width = 1000.0;
            if let Some(desc) = descendant(doc, dict) {
                font.load_cid_widths(doc, desc);
            }
        } else {
            font.load_simple_encoding(doc, dict);
            font.load_simple_widths(doc, dict);
        }
        if let Ok(Object::Stream(s)) = deref(doc, dict.get(b"ToUnicode").ok()) {
            if let Ok(data) = s
                .decompressed_content_with_limit(max_bytes)
                .or_else(|_| Ok::<_, ()>(s.content.clone()))
            {
                let (map, code_len) = parse_to_unicode(&data);
                font.to_unicode = map;
                if subtype != b"Type0" && code_len >= 2 && font.to_unicode.keys().any(|&k| k > 0xFF)
                {
                    font.two_byte = true;
                }
            }
        }
        font
    }

    /// Call `f(text, width)` for every character code in `bytes`; `width`
    /// is in glyph space (1/1000 em) and `is_space` tells a single-byte 32.
    pub fn for_each_glyph(&self, bytes: &[u8], mut f: impl FnMut(&str, f32, bool)) {
        if self.two_byte {
            for pair in bytes.chunks(2) {
                let code = ((pair[0] as u32) << 8) | pair.get(1).copied().unwrap_or(0) as u32;
                let text = self.to_unicode.get(&code).map_or("", String::as_str);
                f(text, self.width(code), false);
            }
        } else {
            for &b in bytes {
                let code = b as u32;
                let text = match self.to_unicode.get(&code) {
                    Some(t) => t.as_str(),
                    None => self.simple(b),
                };
                f(text, self.width(code), b == 32);
            }
        }
    }

    /// The encoding's text of a one-byte code.
    fn simple(&self, code: u8) -> &str {
        let i = usize::from(code);
        let end = self.simple_ends.get(i).map_or(0, |&e| e as usize);
        let start = match i.checked_sub(1) {
            Some(prev) => self.simple_ends.get(prev).map_or(0, |&e| e as usize),
            None => 0,
        };
        self.simple_text.get(start..end).unwrap_or("")
    }

    fn width(&self, code: u32) -> f32 {
        if self.two_byte {
            return self
                .cid_widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width);
        }
        code.checked_sub(self.first)
            .and_then(|i| self.widths.get(i as usize))
            .copied()
            .filter(|w| *w > 0.0)
            .unwrap_or(self.default_width)
    }

    fn load_simple_encoding(&mut self, doc: &Document, dict: &Dictionary) {
        let mut base = BaseEncoding::WinAnsi;
        let base_font = name_of(doc, dict, b"BaseFont").unwrap_or_default();
        if base_font.ends_with(b"Symbol") || base_font.ends_with(b"Dingbats") {
            base = BaseEncoding::Standard;
        }
        let mut differences: Vec<(usize, String)> = Vec::new();
        match deref(doc, dict.get(b"Encoding").ok()) {
            Ok(Object::Name(n)) => base = BaseEncoding::from_name(n),
            Ok(Object::Dictionary(enc)) => {
                if let Some(n) = name_of(doc, enc, b"BaseEncoding") {
                    base = BaseEncoding::from_name(&n);
                }
                if let Ok(Object::Array(items)) = deref(doc, enc.get(b"Differences").ok()) {
                    differences = read_differences(items);
                }
            }
            _ => {}
        }
        let mut texts: Vec<Option<String>> = vec![None; 256];
        for (code, text) in differences {
            if let Some(slot) = texts.get_mut(code) {
                *slot = Some(text);
            }
        }
        self.simple_ends = Vec::with_capacity(256);
        for (c, text) in (0u8..=255).zip(&texts) {
            match (text, base.decode(c)) {
                (Some(text), _) => self.simple_text.push_str(text),
                (None, Some(ch)) => self.simple_text.push(ch),
                (None, None) => {}
            }
            self.simple_ends
                .push(u32::try_from(self.simple_text.len()).unwrap_or(u32::MAX));
        }
        self.simple_text.shrink_to_fit();
    }

    fn load_simple_widths(&mut self, doc: &Document, dict: &Dictionary) {
        self.first = number(deref(doc, dict.get(b"FirstChar").ok()).ok())
            .unwrap_or(0.0)
            .max(0.0) as u32;
        if let Ok(Object::Array(ws)) = deref(doc, dict.get(b"Widths").ok()) {
            self.widths = ws
                .iter()
                .take(65_536)
                .map(|w| number(deref(doc, Some(w)).ok()).unwrap_or(0.0))
                .collect();
        }
        let base_font = name_of(doc, dict, b"BaseFont").unwrap_or_default();
        if base_font.windows(7).any(|w| w == b"Courier") {
            self.default_width = 600.0;
        } else if let Ok(Object::Dictionary(fd)) = deref(doc, dict.get(b"FontDescriptor").ok()) {
            if let Some(mw) =
                number(deref(doc, fd.get(b"MissingWidth").ok()).ok()).filter(|w| *w > 0.0)
            {
                self.default_width = mw;
            }
        }
    }

    fn load_cid_widths(&mut self, doc: &Document, desc: &Dictionary) {
        if let Some(dw) = number(deref(doc, desc.get(b"DW").ok()).ok()) {
            self.default_width = dw;
        }
        let Ok(Object::Array(w)) = deref(doc, desc.get(b"W").ok()) else {
            return;
        };
        let mut i = 0;
        while i + 1 < w.len() && self.cid_widths.len() < 70_000 {
            let Some(first) = number(deref(doc, Some(&w[i])).ok()) else {
                return;
            };
            match deref(doc, Some(&w[i + 1])) {
                Ok(Object::Array(list)) => {
                    for (k, v) in list.iter().enumerate().take(70_000) {
                        if let Some(v) = number(deref(doc, Some(v)).ok()) {
                            self.cid_widths.insert(first as u32 + k as u32, v);
                        }
                    }
                    i += 2;
                }
                Ok(last) => {
                    let (Some(last), Some(v)) = (
                        number(Some(last)),
                        w.get(i + 2).and_then(|o| number(deref(doc, Some(o)).ok())),
                    ) else {
                        return;
                    };
                    let (a, b) = (first as u32, (last as u32).min(first as u32 + 70_000));
                    for c in a..=b {
                        self.cid_widths.insert(c, v);
                    }
                    i += 3;
                }
                Err(_) => return,
            }
        }
    }
}

fn read_differences(items: &[Object]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut code = 0usize;
    for item in items {
        match item {
            Object::Integer(n) => code = (*n).clamp(0, 255) as usize,
            Object::Name(name) => {
                let text = std::str::from_utf8(name)
                    .ok()
                    .and_then(glyph_text)
                    .unwrap_or_default();
                out.push((code, text));
                code += 1;
            }
            _ => {}
        }
    }
    out
}

fn descendant<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<&'a Dictionary> {
    match deref(doc, dict.get(b"DescendantFonts").ok()).ok()? {
        Object::Array(a) => match deref(doc, a.first()).ok()? {
            Object::Dictionary(d) => Some(d),
            _ => None,
        },
        _ => None,
    }
}

/// The object a reference leads to through a chain of references (the
/// last reference of the chain, as far as [`deref`] follows).
pub fn final_reference(doc: &Document, mut id: ObjectId) -> ObjectId {
    for _ in 0..7 {
        match doc.get_object(id) {
            Ok(Object::Reference(next)) => id = *next,
            _ => break,
        }
    }
    id
}

/// Follow references (a bounded number of times).
pub fn deref<'a>(doc: &'a Document, obj: Option<&'a Object>) -> Result<&'a Object, ()> {
    let mut obj = obj.ok_or(())?;
    for _ in 0..8 {
        match obj {
            Object::Reference(id) => obj = doc.get_object(*id).map_err(|_| ())?,
            _ => return Ok(obj),
        }
    }
    Err(())
}

pub fn name_of(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<Vec<u8>> {
    match deref(doc, dict.get(key).ok()).ok()? {
        Object::Name(n) => Some(n.clone()),
        _ => None,
    }
}

pub fn number(obj: Option<&Object>) -> Option<f32> {
    match obj? {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}
