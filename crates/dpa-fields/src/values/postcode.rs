//! Dutch postal codes: `3342GS`, `3342 gs` → `"3342 GS"`.

use crate::pattern::Pattern;
use std::ops::Range;
use std::sync::LazyLock;

/// Letter pairs never used in Dutch postal codes.
const EXCLUDED_LETTERS: &[&str] = &["SA", "SD", "SS"];

static DUTCH: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?-u:\b)([1-9]\d{3})\s?([A-Z]{2})(?-u:\b)"));

/// Every Dutch postal code in `text` (upper-case letters as written), normalized, with its range.
pub fn find_postcodes(text: &str) -> Vec<(String, Range<usize>)> {
    DUTCH
        .captures_iter(text)
        .filter_map(|c| {
            let letters = &c[2];
            if EXCLUDED_LETTERS.contains(&letters) {
                return None;
            }
            let all = c.get(0)?;
            if all.as_str().contains('\n') || !followed_by_place(&text[all.end()..]) {
                return None;
            }
            Some((format!("{} {}", &c[1], letters), all.range()))
        })
        .collect()
}

/// A postal code is followed by its place name (`1234 AB Utrecht`, `'s-Gravenhage`)
/// on the same line, or ends the text.
fn followed_by_place(rest: &str) -> bool {
    let line = rest.split('\n').next().unwrap_or("");
    let after = line.trim_start_matches([' ', ',']);
    if line.trim().is_empty() {
        return true;
    }
    after.starts_with("'s") || after.chars().next().is_some_and(char::is_uppercase)
}

/// Normalize one postal code as written (`"3342gs"` → `"3342 GS"`); foreign codes unchanged.
pub fn normalize(s: &str) -> String {
    let up = s.trim().to_uppercase();
    match find_postcodes(&up).into_iter().next() {
        Some((v, r)) if r.start == 0 && r.end == up.len() => v,
        _ => s.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_normalizes() {
        let t = "Hoofdweg 1, 1234AB Utrecht en Kerkstraat 5, 9876 ZX Assen";
        let found = find_postcodes(t);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "1234 AB");
        assert_eq!(&t[found[0].1.clone()], "1234AB");
        assert_eq!(found[1].0, "9876 ZX");
        assert_eq!(normalize("3342gs"), "3342 GS");
        assert_eq!(normalize("D-10115"), "D-10115");
    }

    #[test]
    fn rejects_non_postcodes() {
        assert!(find_postcodes("artikel 2016 EU en 1234 SS Delft").is_empty());
        assert!(find_postcodes("in 2016 EU lidstaten").is_empty());
        assert!(find_postcodes("in 2026 de").is_empty());
        assert!(find_postcodes("0123 AB").is_empty());
    }
}
