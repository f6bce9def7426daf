//! Byte scans of ASCII text eight bytes at a time (the document's
//! lower-cased copy is made with them): a `u64` holds eight bytes, and
//! its high bits tell at once whether one of them is outside ASCII.

/// The high bit of every byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
/// `0x01` in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The offset of the first byte outside ASCII in `bytes[from..]`, as an
/// offset into `bytes`.
pub fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(word) = word_at(bytes, at) {
        let high = word & HIGH_BITS;
        if high != 0 {
            return Some(at + high.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    rest.iter().position(|b| !b.is_ascii()).map(|i| at + i)
}

/// `bytes` with every ASCII capital lower-cased, other bytes unchanged
/// (what `make_ascii_lowercase` does, a word at a time).
pub fn make_lower(bytes: &mut [u8]) {
    let mut words = bytes.chunks_exact_mut(8);
    for chunk in words.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let lower = lower_word(u64::from_le_bytes(word));
        chunk.copy_from_slice(&lower.to_le_bytes());
    }
    words.into_remainder().make_ascii_lowercase();
}

/// The eight bytes at `at` as a little-endian word, if there are eight.
fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Each byte of `word` from `A` to `Z` plus `0x20`; bytes with the high
/// bit set are left alone. Per byte `b` below `0x80`: `b + 0x3f` reaches
/// the high bit from `A` (0x41) on, `b + 0x25` from `[` (0x5b) on; no
/// byte carries into the next (at most 0x7f + 0x3f).
fn lower_word(word: u64) -> u64 {
    let low7 = word & !HIGH_BITS;
    let from_a = low7 + 0x3f * ONES;
    let past_z = low7 + 0x25 * ONES;
    let capital = from_a & !past_z & !word & HIGH_BITS;
    word | (capital >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_byte_text() -> Vec<u8> {
        let mut bytes: Vec<u8> = (0..=255u8).collect();
        bytes.extend_from_slice("Één CLIËNT meldt Datalekken, ÀÖ Øß".as_bytes());
        bytes
    }

    #[test]
    fn lower_case_is_that_of_std_at_every_alignment() {
        let text = every_byte_text();
        for from in 0..16 {
            let mut fast = text[from..].to_vec();
            make_lower(&mut fast);
            assert_eq!(fast, text[from..].to_ascii_lowercase(), "from {from}");
        }
    }

    #[test]
    fn every_single_byte_word_lower_cases_like_std() {
        for b in 0..=255u8 {
            let word = u64::from_le_bytes([b, b'A', b, b'z', b'Z', b, 0x80, b'@']);
            let expected: Vec<u8> = word.to_le_bytes().to_ascii_lowercase();
            assert_eq!(
                lower_word(word).to_le_bytes().to_vec(),
                expected,
                "byte {b:#x}"
            );
        }
    }

    #[test]
    fn next_non_ascii_is_the_first_high_byte() {
        let text = "Verwerker: Lucidon B.V., één cliënt; ook ÀÖ".as_bytes();
        for from in 0..=text.len() {
            let expected = text[from..]
                .iter()
                .position(|b| !b.is_ascii())
                .map(|i| from + i);
            assert_eq!(next_non_ascii(text, from), expected, "from {from}");
        }
        assert_eq!(next_non_ascii(b"abc", 7), None);
        assert_eq!(next_non_ascii(b"", 0), None);
    }
}
