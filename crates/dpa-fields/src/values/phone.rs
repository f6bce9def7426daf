//! Phone numbers to E.164 where the number is Dutch or has a country code:
//! `078-6811505` → `+31786811505`, `+31 6 1234 5678` → `+31612345678`.

use crate::pattern::Pattern;
use std::ops::Range;
use std::sync::LazyLock;

static INTERNATIONAL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?:\+|(?-u:\b)00)[1-9]\d{0,2}[\s.\-]?(?:\(0\)[\s.\-]?)?\d(?:[\s.\-]?\d){5,12}(?-u:\b)",
    )
});
static DUTCH: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?:\(0\d{1,3}\)|(?-u:\b)0\d{1,3})[\s.\-]?\d(?:[\s.\-]?\d){5,8}(?-u:\b)")
});

/// Normalize a number as written to E.164, or `None` when it is not a phone number.
pub fn to_e164(s: &str) -> Option<String> {
    let t = s.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if let Some(rest) = t.strip_prefix('+') {
        let mut d: String = rest
            .replace("(0)", "")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if d.starts_with("310") {
            d.remove(2);
        }
        return (8..=15).contains(&d.len()).then(|| format!("+{d}"));
    }
    if let Some(rest) = digits.strip_prefix("00") {
        let mut d = rest.to_string();
        if t.contains("(0)") && d.starts_with("310") {
            d.remove(2);
        }
        return (8..=15).contains(&d.len()).then(|| format!("+{d}"));
    }
    if digits.len() == 10 && digits.starts_with('0') {
        return Some(format!("+31{}", &digits[1..]));
    }
    None
}

/// Every phone number in `text` as E.164, with its byte range.
pub fn find_phones(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out: Vec<(String, Range<usize>)> = Vec::new();
    for m in INTERNATIONAL.find_iter(text).chain(DUTCH.find_iter(text)) {
        if m.as_str().contains('\n') || looks_like_date(m.as_str()) {
            continue;
        }
        if out
            .iter()
            .any(|(_, r)| r.start < m.end() && m.start() < r.end)
        {
            continue;
        }
        if let Some(v) = to_e164(m.as_str()) {
            out.push((v, m.range()));
        }
    }
    out.sort_by_key(|(_, r)| r.start);
    out
}

fn looks_like_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    parts.len() == 3 && parts[2].len() == 4 && parts[0].len() <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers() {
        assert_eq!(to_e164("078-6811505").as_deref(), Some("+31786811505"));
        assert_eq!(to_e164("06 12345678").as_deref(), Some("+31612345678"));
        assert_eq!(to_e164("020 - 123 45 67").as_deref(), Some("+31201234567"));
        assert_eq!(to_e164("(010) 1234567").as_deref(), Some("+31101234567"));
    }

    #[test]
    fn international_numbers() {
        assert_eq!(to_e164("+31 6 12345678").as_deref(), Some("+31612345678"));
        assert_eq!(
            to_e164("+31 (0)20 1234567").as_deref(),
            Some("+31201234567")
        );
        assert_eq!(to_e164("0032 2 123 45 67").as_deref(), Some("+3221234567"));
        assert_eq!(to_e164("+49 30 1234567").as_deref(), Some("+49301234567"));
    }

    #[test]
    fn finds_in_text_and_skips_dates_and_kvk() {
        let t = "Bel 078-6811505 of +31 6 12345678; KvK 12345678, per 01-04-2021.";
        let f = find_phones(t);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0, "+31786811505");
        assert_eq!(&t[f[0].1.clone()], "078-6811505");
        assert_eq!(f[1].0, "+31612345678");
    }
}
