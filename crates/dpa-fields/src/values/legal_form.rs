//! Legal forms: `b.v.`, `BV`, `B.V.` → `"B.V."`; `GmbH`, `Ltd`, `Inc.`, ...
//! as the register writes them.

use crate::pattern::Pattern;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// How a legal form is written in a name (regex, case-insensitive unless the
/// pattern says otherwise) and how the register writes it.
/// Forms written without dots and easily confused with words are matched
/// case-sensitively (`(?-i:...)`).
const LEGAL_FORMS: &[(&str, &str)] = &[
    (r"b\.\s?v\.?|(?-i:BV)", "B.V."),
    (r"n\.\s?v\.?|(?-i:NV)", "N.V."),
    (r"v\.\s?o\.\s?f\.?|(?-i:VOF)", "V.O.F."),
    (r"c\.\s?v\.|(?-i:CV)", "C.V."),
    (r"(?-i:GmbH)", "GmbH"),
    (r"(?-i:AG)", "AG"),
    (r"(?-i:Ltd)\.?|(?-i:Limited)", "Ltd"),
    (r"(?-i:Inc)\.?", "Inc."),
    (r"(?-i:LLC)", "LLC"),
    (r"(?-i:LLP)", "LLP"),
    (r"(?-i:PBC)", "PBC"),
    (r"(?-i:Corp)\.?|(?-i:Corporation)", "Corp."),
    (r"(?-i:SE)", "SE"),
    (r"(?-i:S\.A\.|SA)", "S.A."),
    (r"(?-i:SAS)", "SAS"),
    (r"(?-i:SARL|S\.à r\.l\.)", "SARL"),
    (r"(?-i:S\.L\.|SL)", "S.L."),
    (r"(?-i:S\.p\.A\.|SpA)", "S.p.A."),
    (r"(?-i:AB)", "AB"),
    (r"(?-i:ApS|A/S)", "A/S"),
    (r"(?-i:OÜ)", "OÜ"),
    (r"(?-i:Oy)", "Oy"),
    (r"(?-i:plc|PLC)", "plc"),
    (r"(?-i:BVBA|bvba)", "BVBA"),
];

/// Legal forms written before the name (`Stichting Alfa`) or named as a word.
const PREFIX_FORMS: &[(&str, &str)] = &[
    ("stichting", "Stichting"),
    ("vereniging", "Vereniging"),
    ("coöperatie", "Coöperatie"),
    ("cooperatie", "Coöperatie"),
    ("eenmanszaak", "eenmanszaak"),
    ("maatschap", "maatschap"),
];

/// One regex matching any suffix legal form, with one group per table row.
static SUFFIX: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::from({
        let alts: Vec<String> = LEGAL_FORMS.iter().map(|(p, _)| format!("({p})")).collect();
        Regex::new(&format!(r"(?i)(?:{})", alts.join("|"))).expect("valid regex")
    })
});

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Every suffix legal form in `text` as (normalized form, byte range).
/// A form glued to a lower-case word (`AlfaB.V.`) counts; one inside a word does not.
pub fn find_suffix_forms(text: &str) -> Vec<(&'static str, Range<usize>)> {
    let mut out = Vec::new();
    for caps in SUFFIX.captures_iter(text) {
        let Some(all) = caps.get(0) else { continue };
        let Some(idx) = (1..caps.len()).find(|&i| caps.get(i).is_some()) else {
            continue;
        };
        let before = text[..all.start()].chars().next_back();
        let after = text[all.end()..].chars().next();
        let first = all.as_str().chars().next().unwrap_or(' ');
        let glued_ok = before.is_some_and(|b| b.is_lowercase())
            && first.is_uppercase()
            && all.as_str().contains('.');
        let starts_ok = before.map_or(true, |b| !is_word_char(b)) || glued_ok;
        let ends_ok = after.map_or(true, |a| !is_word_char(a)) || all.as_str().ends_with('.');
        if starts_ok && ends_ok {
            out.push((LEGAL_FORMS[idx - 1].1, all.range()));
        }
    }
    out
}

/// The legal form at the end of a name (`"Alfa Beta b.v."` → `"B.V."`),
/// with its byte range in `name`.
pub fn suffix_form(name: &str) -> Option<(&'static str, Range<usize>)> {
    let trimmed = name.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ')');
    find_suffix_forms(trimmed)
        .into_iter()
        .rfind(|(_, r)| trimmed[r.end..].trim().is_empty())
}

/// A legal form written as a word (`Stichting`, `eenmanszaak`) in `text`.
pub fn word_form(text: &str) -> Option<(&'static str, Range<usize>)> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return word_form_slow(text);
    }
    PREFIX_FORMS.iter().find_map(|(w, norm)| {
        let pos = find_word(&lower, w)?;
        Some((*norm, pos..pos + w.len()))
    })
}

fn word_form_slow(text: &str) -> Option<(&'static str, Range<usize>)> {
    for (start, _) in text.char_indices() {
        for (w, norm) in PREFIX_FORMS {
            if let Some(slice) = text.get(start..start + w.len()) {
                let bounded = text[..start]
                    .chars()
                    .next_back()
                    .map_or(true, |c| !c.is_alphanumeric())
                    && text[start + w.len()..]
                        .chars()
                        .next()
                        .map_or(true, |c| !c.is_alphanumeric());
                if bounded && slice.to_lowercase() == *w {
                    return Some((norm, start..start + w.len()));
                }
            }
        }
    }
    None
}

fn find_word(hay: &str, w: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = hay[from..].find(w) {
        let at = from + p;
        let end = at + w.len();
        let left = hay[..at]
            .chars()
            .next_back()
            .map_or(true, |c| !c.is_alphanumeric());
        let right = hay[end..]
            .chars()
            .next()
            .map_or(true, |c| !c.is_alphanumeric());
        if left && right {
            return Some(at);
        }
        from = end;
    }
    None
}

/// Normalize one legal form as written (`"b.v."` → `"B.V."`).
pub fn normalize(form: &str) -> Option<&'static str> {
    let f = form.trim();
    if let Some((n, r)) = find_suffix_forms(f).into_iter().next() {
        if r.start == 0 && r.end == f.len() {
            return Some(n);
        }
    }
    word_form(f)
        .filter(|(_, r)| r.start == 0 && r.end == f.len())
        .map(|(n, _)| n)
}

/// Repair a name where the legal form is glued to the word before it and
/// normalize the form's spelling: `"LucidonB.V."` → `"Lucidon B.V."`,
/// `"Alfa b.v."` → `"Alfa B.V."`.
pub fn repair_name(name: &str) -> String {
    let Some((norm, r)) = suffix_form(name) else {
        return name.to_string();
    };
    let head = name[..r.start].trim_end();
    if head.is_empty() {
        return name.to_string();
    }
    format!("{head} {norm}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_dutch_forms() {
        assert_eq!(normalize("b.v."), Some("B.V."));
        assert_eq!(normalize("B.V."), Some("B.V."));
        assert_eq!(normalize("BV"), Some("B.V."));
        assert_eq!(normalize("n.v."), Some("N.V."));
        assert_eq!(normalize("v.o.f."), Some("V.O.F."));
        assert_eq!(normalize("Stichting"), Some("Stichting"));
        assert_eq!(normalize("eenmanszaak"), Some("eenmanszaak"));
    }

    #[test]
    fn foreign_forms() {
        assert_eq!(
            suffix_form("Hosting Online GmbH").map(|f| f.0),
            Some("GmbH")
        );
        assert_eq!(suffix_form("Betaal Inc.").map(|f| f.0), Some("Inc."));
        assert_eq!(
            suffix_form("Platforms Ireland Limited").map(|f| f.0),
            Some("Ltd")
        );
        assert_eq!(suffix_form("Software SE").map(|f| f.0), Some("SE"));
    }

    #[test]
    fn ignores_words_that_contain_letters_of_a_form() {
        assert_eq!(suffix_form("Beveiliging"), None);
        assert_eq!(suffix_form("Alfa bv-nummer"), None);
        assert_eq!(suffix_form("Voorbeeld Hosting"), None);
    }

    #[test]
    fn repairs_glued_names() {
        assert_eq!(repair_name("VoorbeeldB.V."), "Voorbeeld B.V.");
        assert_eq!(repair_name("Voorbeeld b.v."), "Voorbeeld B.V.");
        assert_eq!(repair_name("Voorbeeld Diensten"), "Voorbeeld Diensten");
    }
}
