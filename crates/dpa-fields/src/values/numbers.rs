//! Parser: numbers written as digits or as Dutch / English words
//! (`vijf`, `één`, `dertig`, `negentig`, `vijfenveertig`, `twenty`).

/// Number words and their values (lower case; accents as written).
pub const NUMBER_WORDS: &[(&str, u32)] = &[
    ("nul", 0),
    ("een", 1),
    ("één", 1),
    ("eén", 1),
    ("twee", 2),
    ("drie", 3),
    ("vier", 4),
    ("vijf", 5),
    ("zes", 6),
    ("zeven", 7),
    ("acht", 8),
    ("negen", 9),
    ("tien", 10),
    ("elf", 11),
    ("twaalf", 12),
    ("dertien", 13),
    ("veertien", 14),
    ("vijftien", 15),
    ("zestien", 16),
    ("zeventien", 17),
    ("achttien", 18),
    ("negentien", 19),
    ("twintig", 20),
    ("dertig", 30),
    ("veertig", 40),
    ("vijftig", 50),
    ("zestig", 60),
    ("zeventig", 70),
    ("tachtig", 80),
    ("negentig", 90),
    ("honderd", 100),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
];

/// A regex alternation matching every number word (longest first), for
/// building larger patterns. Compound Dutch numbers (`vijfenveertig`) are
/// matched as `\w+en\w+` by the callers' patterns through [`parse_number`].
pub fn number_word_alternation() -> String {
    let mut words: Vec<&str> = NUMBER_WORDS.iter().map(|(w, _)| *w).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.join("|")
}

/// The value of a single number word (`"negentig"` → 90), case-insensitive.
pub fn parse_number_word(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    if let Some((_, v)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        return Some(*v);
    }
    parse_compound(&lower)
}

/// Dutch compounds `<unit>en<tens>` (`eenentwintig`, `vijfenveertig`,
/// `drieëndertig`) and `honderd<n>` (`honderdtwintig`).
fn parse_compound(lower: &str) -> Option<u32> {
    if let Some(rest) = lower.strip_prefix("honderd") {
        return parse_number_word(rest)
            .filter(|v| *v < 100)
            .map(|v| 100 + v);
    }
    let lookup = |w: &str| NUMBER_WORDS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v);
    for sep in ["ën", "en"] {
        for (i, _) in lower.match_indices(sep) {
            let (unit, tens) = (&lower[..i], &lower[i + sep.len()..]);
            if let (Some(unit), Some(tens)) = (lookup(unit), lookup(tens)) {
                if (1..10).contains(&unit) && (20..100).contains(&tens) && tens % 10 == 0 {
                    return Some(tens + unit);
                }
            }
        }
    }
    None
}

/// A number written as digits (`"30"`, `"1.000"`) or as a word.
pub fn parse_number(token: &str) -> Option<u32> {
    let t = token.trim();
    if !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.starts_with(|c: char| c.is_ascii_digit())
    {
        return t.replace('.', "").parse().ok();
    }
    parse_number_word(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_digits() {
        assert_eq!(parse_number("vijf"), Some(5));
        assert_eq!(parse_number("Tien"), Some(10));
        assert_eq!(parse_number("één"), Some(1));
        assert_eq!(parse_number("negentig"), Some(90));
        assert_eq!(parse_number("dertig"), Some(30));
        assert_eq!(parse_number("72"), Some(72));
        assert_eq!(parse_number("twenty"), Some(20));
        assert_eq!(parse_number("honderd"), Some(100));
    }

    #[test]
    fn compounds() {
        assert_eq!(parse_number("vijfenveertig"), Some(45));
        assert_eq!(parse_number("eenentwintig"), Some(21));
        assert_eq!(parse_number("drieëndertig"), Some(33));
        assert_eq!(parse_number("honderdtwintig"), Some(120));
    }

    #[test]
    fn not_numbers() {
        assert_eq!(parse_number("dagen"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("tienen"), None);
        assert_eq!(parse_number("en"), None);
    }
}
