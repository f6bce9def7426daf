//! A small, bounded parser for `/ToUnicode` CMaps (`bfchar` and `bfrange`).

use std::collections::HashMap;

/// Most code → text entries one CMap may define (guards against huge ranges).
const MAX_ENTRIES: usize = 70_000;

/// Parse a ToUnicode CMap into a map from character code to text.
/// Returns the map and the widest source code length in bytes seen.
pub fn parse_to_unicode(data: &[u8]) -> (HashMap<u32, String>, usize) {
    let tokens = tokenize(data);
    let mut map = HashMap::new();
    let mut code_len = 1;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Tok::Word(w) if w == b"beginbfchar" => {
                i = parse_bfchar(&tokens, i + 1, &mut map, &mut code_len)
            }
            Tok::Word(w) if w == b"beginbfrange" => {
                i = parse_bfrange(&tokens, i + 1, &mut map, &mut code_len)
            }
            Tok::Hex(h) if i + 1 < tokens.len() && matches!(&tokens[i + 1], Tok::Hex(_)) => {
                // codespacerange entries tell the code length
                code_len = code_len.max(h.len().min(4));
                i += 1;
            }
            _ => i += 1,
        }
    }
    (map, code_len)
}

#[derive(Debug)]
enum Tok {
    Hex(Vec<u8>),
    Word(Vec<u8>),
    Open,
    Close,
}

fn tokenize(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'<' => {
                let start = i + 1;
                let end = data[start..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| start + p);
                out.push(Tok::Hex(hex_bytes(&data[start..end])));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !b"<>[]%/".contains(&data[i])
                {
                    i += 1;
                }
                if i == start {
                    i += 1;
                } else {
                    out.push(Tok::Word(data[start..i].to_vec()));
                }
            }
        }
    }
    out
}

fn hex_bytes(s: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = s
        .iter()
        .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | b as u32)
}

fn utf16_text(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| ((p[0] as u16) << 8) | p.get(1).copied().unwrap_or(0) as u16)
        .collect();
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

fn parse_bfchar(
    t: &[Tok],
    mut i: usize,
    map: &mut HashMap<u32, String>,
    code_len: &mut usize,
) -> usize {
    while i + 1 < t.len() {
        match (&t[i], &t[i + 1]) {
            (Tok::Hex(src), Tok::Hex(dst)) => {
                *code_len = (*code_len).max(src.len().min(4));
                if map.len() < MAX_ENTRIES {
                    map.insert(code_of(src), utf16_text(dst));
                }
                i += 2;
            }
            _ => return i + 1,
        }
    }
    i + 1
}

fn parse_bfrange(
    t: &[Tok],
    mut i: usize,
    map: &mut HashMap<u32, String>,
    code_len: &mut usize,
) -> usize {
    while i + 2 < t.len() {
        let (Tok::Hex(lo), Tok::Hex(hi)) = (&t[i], &t[i + 1]) else {
            return i + 1;
        };
        *code_len = (*code_len).max(lo.len().min(4));
        let (lo, hi) = (code_of(lo), code_of(hi));
        match &t[i + 2] {
            Tok::Hex(dst) => {
                put_incrementing(map, lo, hi, dst);
                i += 3;
            }
            Tok::Open => {
                let mut j = i + 3;
                let mut code = lo;
                while j < t.len() {
                    match &t[j] {
                        Tok::Hex(dst) => {
                            if code <= hi && map.len() < MAX_ENTRIES {
                                map.insert(code, utf16_text(dst));
                            }
                            code = code.saturating_add(1);
                        }
                        Tok::Close => break,
                        _ => {}
                    }
                    j += 1;
                }
                i = j + 1;
            }
            _ => return i + 1,
        }
    }
    i + 1
}

fn put_incrementing(map: &mut HashMap<u32, String>, lo: u32, hi: u32, dst: &[u8]) {
    if hi < lo || dst.len() < 2 {
        return;
    }
    let base: Vec<u16> = dst
        .chunks(2)
        .map(|p| ((p[0] as u16) << 8) | p.get(1).copied().unwrap_or(0) as u16)
        .collect();
    for (k, code) in (lo..=hi).enumerate() {
        if map.len() >= MAX_ENTRIES {
            return;
        }
        let mut units = base.clone();
        if let Some(last) = units.last_mut() {
            *last = last.wrapping_add(k as u16);
        }
        let text: String = char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect();
        map.insert(code, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bfchar_and_bfrange() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0010> <FB00> endbfchar\n\
            2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0078> <00790079>] endbfrange";
        let (map, len) = parse_to_unicode(cmap);
        assert_eq!(len, 2);
        assert_eq!(map[&3], " ");
        assert_eq!(map[&0x10], "\u{FB00}");
        assert_eq!(map[&0x21], "B");
        assert_eq!(map[&0x31], "yy");
    }
}
