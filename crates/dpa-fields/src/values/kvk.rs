//! Dutch Chamber of Commerce (KvK) numbers: 8 digits, read where the text
//! names the register (`KvK 12345678`, `KvK-nummer: ...`, `ingeschreven bij de
//! Kamer van Koophandel onder nummer ...`).

use crate::pattern::Pattern;
use std::ops::Range;
use std::sync::LazyLock;

/// Register names that introduce a KvK number.
const KVK_LABELS: &[&str] = &[
    r"k\.?v\.?k\.?",
    r"kamer\s+van\s+koophandel",
    r"handelsregister",
    r"chamber\s+of\s+commerce",
    r"coc",
];

/// Words allowed between the register name and the number.
const KVK_FILLER: &str = r"(?:[\s:,.\-]|nummer|nr|number|no|onder|under|registratienummer|inschrijvingsnummer|ingeschreven|registered|met|with|in|het|de|te|[A-Z][a-z]+)*?";

static KVK: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)(?-u:\b)(?:{})(?:-?nummer|-?nr\.?)?{KVK_FILLER}\s*(\d{{8}}|\d{{4}}[ .]\d{{4}}|\d{{2}}[ .]\d{{3}}[ .]\d{{3}})(?-u:\b)",
        KVK_LABELS.join("|")
    ))
});

/// The 8 digits of a KvK number as written, when it is one.
pub fn normalize(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let only_digits_and_seps = s
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '.');
    (digits.len() == 8 && only_digits_and_seps && digits != "00000000").then_some(digits)
}

/// Every KvK number the text gives, with the byte range of the number and of
/// the whole phrase (`"KvK 12345678"`).
pub fn find_kvk(text: &str) -> Vec<(String, Range<usize>, Range<usize>)> {
    KVK.captures_iter(text)
        .filter_map(|c| {
            let num = c.get(1)?;
            let all = c.get(0)?;
            let v = normalize(num.as_str())?;
            Some((v, num.range(), all.range()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_numbers() {
        let t = "Alfa B.V., KvK 12345678, gevestigd te Delft";
        let f = find_kvk(t);
        assert_eq!(f[0].0, "12345678");
        assert_eq!(&t[f[0].1.clone()], "12345678");
        assert_eq!(find_kvk("KvK-nummer: 87654321")[0].0, "87654321");
        assert_eq!(find_kvk("KvK nr. 1234 5678")[0].0, "12345678");
    }

    #[test]
    fn chamber_of_commerce_phrase() {
        let t = "ingeschreven bij de Kamer van Koophandel\nonder nummer 11223344, hierna";
        assert_eq!(find_kvk(t)[0].0, "11223344");
    }

    #[test]
    fn not_without_label_or_wrong_length() {
        assert!(find_kvk("bel 12345678 of kvk 1234567").is_empty());
        assert_eq!(normalize("1234567"), None);
        assert_eq!(normalize("NL123456789B01"), None);
    }
}
