//! Byte-level mutations of a PDF or text: bit flips, random bytes,
//! truncation, splices, broken cross-reference data, huge numbers.

use super::rng::Rng;

pub fn flip_bits(bytes: &mut [u8], rng: &mut Rng, flips: usize) {
    for _ in 0..flips {
        let pos = rng.below(bytes.len());
        if let Some(b) = bytes.get_mut(pos) {
            *b ^= 1 << rng.below(8);
        }
    }
}

pub fn random_bytes(bytes: &mut [u8], rng: &mut Rng, count: usize) {
    for _ in 0..count {
        let pos = rng.below(bytes.len());
        if let Some(b) = bytes.get_mut(pos) {
            *b = rng.byte();
        }
    }
}

/// Every occurrence of `needle` in `hay`.
pub fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return Vec::new();
    }
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// The byte ranges of `N G obj ... endobj` regions (approximate: from the
/// end of one `endobj` to the end of the next).
pub fn object_regions(pdf: &[u8]) -> Vec<(usize, usize)> {
    let mut regions = Vec::new();
    let mut start = find_all(pdf, b"obj").first().map_or(0, |&p| {
        pdf[..p].iter().rposition(|&b| b == b'\n').unwrap_or(0)
    });
    for end in find_all(pdf, b"endobj") {
        let stop = end + b"endobj".len();
        if stop > start {
            regions.push((start, stop));
        }
        start = stop;
    }
    regions
}

/// Splice: one of several ways to move, copy or drop object-sized pieces.
/// Returns the name of what was done.
pub fn splice(pdf: &mut Vec<u8>, other: &[u8], rng: &mut Rng) -> &'static str {
    let regions = object_regions(pdf);
    let foreign = object_regions(other);
    match rng.below(6) {
        0 if !regions.is_empty() => {
            let (s, e) = *rng.pick(&regions);
            let copy = pdf[s..e].to_vec();
            let at = rng.pick(&regions).1;
            pdf.splice(at..at, copy);
            "duplicate-object"
        }
        1 if !regions.is_empty() && !foreign.is_empty() => {
            let (s, e) = *rng.pick(&foreign);
            let at = rng.pick(&regions).1;
            pdf.splice(at..at, other[s..e].iter().copied());
            "foreign-object"
        }
        2 if regions.len() >= 2 => {
            let (a, b) = (*rng.pick(&regions), *rng.pick(&regions));
            let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
            if first.1 <= second.0 {
                let mut out = pdf[..first.0].to_vec();
                out.extend_from_slice(&pdf[second.0..second.1]);
                out.extend_from_slice(&pdf[first.1..second.0]);
                out.extend_from_slice(&pdf[first.0..first.1]);
                out.extend_from_slice(&pdf[second.1..]);
                *pdf = out;
            }
            "swap-objects"
        }
        3 if !regions.is_empty() => {
            let (s, e) = *rng.pick(&regions);
            pdf.drain(s..e);
            "drop-object"
        }
        4 => {
            let len = rng.between(1, 2000).min(pdf.len());
            let at = rng.below(pdf.len() - len + 1);
            pdf.drain(at..at + len);
            "drop-range"
        }
        _ => {
            let junk: Vec<u8> = (0..rng.between(1, 500)).map(|_| rng.byte()).collect();
            let at = rng.below(pdf.len() + 1);
            pdf.splice(at..at, junk);
            "insert-junk"
        }
    }
}

fn replace_at(pdf: &mut Vec<u8>, at: usize, len: usize, with: &[u8]) {
    let end = (at + len).min(pdf.len());
    pdf.splice(at..end, with.iter().copied());
}

/// The digits after the last `startxref`, as (start, len).
fn startxref_number(pdf: &[u8]) -> Option<(usize, usize)> {
    let at = *find_all(pdf, b"startxref").last()? + b"startxref".len();
    let start = at + pdf[at..].iter().position(u8::is_ascii_digit)?;
    let len = pdf[start..]
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(pdf.len() - start);
    Some((start, len))
}

/// Break the cross-reference data in one of several ways. Returns its name.
pub fn break_xref(pdf: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    let xref = find_all(pdf, b"xref\n")
        .into_iter()
        .find(|&p| p == 0 || pdf[p - 1] != b't');
    match rng.below(9) {
        0 => match startxref_number(pdf) {
            Some((s, l)) => {
                let bogus = rng
                    .pick(&["0", "1", "99999999999", "-5", "18446744073709551617", "12"])
                    .as_bytes();
                replace_at(pdf, s, l, bogus);
                "startxref-bogus"
            }
            None => tail_noise(pdf, rng),
        },
        1 => {
            for at in find_all(pdf, b"startxref") {
                pdf[at + 8] = b'x';
            }
            "startxref-removed"
        }
        2 => match xref {
            Some(x) => {
                let end = (x + 4000).min(pdf.len());
                for _ in 0..rng.between(1, 40) {
                    let pos = rng.between(x + 5, end.saturating_sub(1));
                    if pos < pdf.len() && pdf[pos].is_ascii_digit() {
                        pdf[pos] = b'0' + rng.below(10) as u8;
                    }
                }
                "xref-entries-garbled"
            }
            None => tail_noise(pdf, rng),
        },
        3 => match find_all(pdf, b"/Size ").last() {
            Some(&at) => {
                let start = at + 6;
                let len = pdf[start..]
                    .iter()
                    .position(|b| !b.is_ascii_digit())
                    .unwrap_or(0);
                let size = rng
                    .pick(&["0", "1", "2147483648", "99999999999999"])
                    .as_bytes();
                replace_at(pdf, start, len, size);
                "trailer-size"
            }
            None => tail_noise(pdf, rng),
        },
        4 => match (startxref_number(pdf), find_all(pdf, b"trailer").last()) {
            (Some((s, l)), Some(&t)) => {
                let offset = String::from_utf8_lossy(&pdf[s..s + l]).into_owned();
                let at = t + pdf[t..].iter().position(|&b| b == b'<').unwrap_or(0) + 2;
                replace_at(pdf, at, 0, format!(" /Prev {offset} ").as_bytes());
                "prev-cycle"
            }
            _ => tail_noise(pdf, rng),
        },
        5 => match xref {
            Some(x) => {
                pdf.truncate(x);
                "cut-before-xref"
            }
            None => tail_noise(pdf, rng),
        },
        6 => match find_all(pdf, b"/Root ").last() {
            Some(&at) => {
                let root = rng.pick(&BOGUS_ROOTS).as_bytes();
                let end = at
                    + pdf[at..]
                        .iter()
                        .position(|&b| b == b'R')
                        .map_or(6, |p| p + 1);
                replace_at(pdf, at, end - at, root);
                "root-bogus"
            }
            None => tail_noise(pdf, rng),
        },
        7 => {
            let n = pdf.len();
            let keep = rng.below(n.min(64));
            pdf.truncate(n - keep);
            pdf.extend_from_slice(b"\nstartxref\n0\n%%EOF\n");
            "startxref-zero-appended"
        }
        _ => tail_noise(pdf, rng),
    }
}

/// Random bytes over the last kilobyte (where xref, trailer and
/// `startxref` live, also for cross-reference streams).
fn tail_noise(pdf: &mut [u8], rng: &mut Rng) -> &'static str {
    let n = pdf.len();
    let from = n.saturating_sub(1024);
    for _ in 0..rng.between(1, 20) {
        let pos = rng.between(from, n.saturating_sub(1));
        if let Some(b) = pdf.get_mut(pos) {
            *b = rng.byte();
        }
    }
    "tail-noise"
}

const BOGUS_ROOTS: [&str; 5] = [
    "/Root 999999 0 R",
    "/Root 0 0 R",
    "/Root 1 99 R",
    "/Root (x)",
    "/Root [1 0 R]",
];

pub const HUGE_NUMBERS: [&str; 16] = [
    "99999999999999999999999999",
    "4294967296",
    "4294967295",
    "-2147483649",
    "2147483648",
    "18446744073709551616",
    "9223372036854775808",
    "-9223372036854775809",
    "1e308",
    "3.4e38",
    "-0",
    "0.000000000000000000001",
    "999999999.999999999",
    "-99999999",
    "1.#INF",
    "340282366920938463463374607431768211456",
];

/// Replace 1 to 5 number tokens with huge, negative or malformed numbers
/// (or, half the time, with 9s of the same length so offsets still hold).
pub fn huge_numbers(pdf: &mut Vec<u8>, rng: &mut Rng) -> usize {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < pdf.len() {
        if pdf[i].is_ascii_digit() && (i == 0 || !pdf[i - 1].is_ascii_alphanumeric()) {
            let len = pdf[i..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .unwrap_or(pdf.len() - i);
            tokens.push((i, len));
            i += len;
        } else {
            i += 1;
        }
    }
    if tokens.is_empty() {
        return 0;
    }
    let count = rng.between(1, 5);
    let mut chosen: Vec<(usize, usize)> = (0..count).map(|_| *rng.pick(&tokens)).collect();
    chosen.sort_unstable();
    chosen.dedup();
    for &(at, len) in chosen.iter().rev() {
        if rng.chance(1, 2) {
            pdf[at..at + len].fill(b'9');
        } else {
            let with = rng.pick(&HUGE_NUMBERS).as_bytes();
            pdf.splice(at..at + len, with.iter().copied());
        }
    }
    chosen.len()
}
