//! Dates: `01-04-2021`, `1-4-2021`, `01/04/2021`, `2021-04-01`, `1 april 2021`,
//! `25 mei 2018`, `7 februari 2025`, `April 1, 2021` → ISO `YYYY-MM-DD`.

use crate::pattern::Pattern;
use std::ops::Range;
use std::sync::LazyLock;

/// Month names (Dutch and English, full and abbreviated) and their number.
const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("january", 1),
    ("jan", 1),
    ("februari", 2),
    ("february", 2),
    ("feb", 2),
    ("maart", 3),
    ("march", 3),
    ("mrt", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("augustus", 8),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

static NUMERIC_DMY: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?-u:\b)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?-u:\b)"));
static NUMERIC_YMD: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)"));
static WORDED_DMY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?-u:\b)(\d{1,2})(?:e|ste|de)?\s+([a-z]{3,9})\.?,?\s+(\d{4})(?-u:\b)")
});
static WORDED_MDY: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)(?-u:\b)([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?-u:\b)"));

/// The month number of a month name (`"mei"` → 5), case-insensitive.
pub fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == lower).map(|(_, n)| *n)
}

/// ISO form of a day, month and year when they make a real date.
pub fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    if !(1900..=2199).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (day <= days).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

/// Every date in `text`, in order, with its byte range.
pub fn find_dates(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out: Vec<(String, Range<usize>)> = Vec::new();
    for c in NUMERIC_DMY.captures_iter(text) {
        if let (Some(d), Some(m), Some(y)) = (num(&c[1]), num(&c[2]), num(&c[3])) {
            if let (Some(v), Some(all)) = (iso(y, m, d), c.get(0)) {
                out.push((v, all.range()));
            }
        }
    }
    for c in NUMERIC_YMD.captures_iter(text) {
        if let (Some(y), Some(m), Some(d)) = (num(&c[1]), num(&c[2]), num(&c[3])) {
            if let (Some(v), Some(all)) = (iso(y, m, d), c.get(0)) {
                out.push((v, all.range()));
            }
        }
    }
    for c in WORDED_DMY.captures_iter(text) {
        if let (Some(d), Some(m), Some(y)) = (num(&c[1]), month_number(&c[2]), num(&c[3])) {
            if let (Some(v), Some(all)) = (iso(y, m, d), c.get(0)) {
                out.push((v, all.range()));
            }
        }
    }
    for c in WORDED_MDY.captures_iter(text) {
        if let (Some(m), Some(d), Some(y)) = (month_number(&c[1]), num(&c[2]), num(&c[3])) {
            if let (Some(v), Some(all)) = (iso(y, m, d), c.get(0)) {
                out.push((v, all.range()));
            }
        }
    }
    out.sort_by_key(|(_, r)| (r.start, std::cmp::Reverse(r.end)));
    out.dedup_by(|b, a| b.1.start < a.1.end);
    out
}

/// The first date in `text`.
pub fn first_date(text: &str) -> Option<(String, Range<usize>)> {
    find_dates(text).into_iter().next()
}

/// Parse a string that is one date.
pub fn parse_date(s: &str) -> Option<String> {
    first_date(s).map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_dutch_dates() {
        assert_eq!(
            parse_date("geldt vanaf 01-04-2021").as_deref(),
            Some("2021-04-01")
        );
        assert_eq!(
            parse_date("op 3/7/2024 getekend").as_deref(),
            Some("2024-07-03")
        );
        assert_eq!(parse_date("per 2023-12-31").as_deref(), Some("2023-12-31"));
    }

    #[test]
    fn worded_dates() {
        assert_eq!(
            parse_date("Per 25 mei 2018 is de AVG van kracht").as_deref(),
            Some("2018-05-25")
        );
        assert_eq!(
            parse_date("Versie 2 - 7 februari 2025").as_deref(),
            Some("2025-02-07")
        );
        assert_eq!(
            parse_date("ingangsdatum: 1 april 2021.").as_deref(),
            Some("2021-04-01")
        );
        assert_eq!(
            parse_date("signed on March 3, 2022").as_deref(),
            Some("2022-03-03")
        );
    }

    #[test]
    fn rejects_impossible_dates_and_month_only() {
        assert_eq!(parse_date("31-02-2021"), None);
        assert_eq!(parse_date("bijgewerkt: maart 2026"), None);
        assert_eq!(parse_date("artikel 28 lid 3"), None);
    }

    #[test]
    fn reports_spans() {
        let t = "Getekend te Utrecht op 12 juni 2024 door beide partijen.";
        let (v, r) = first_date(t).unwrap();
        assert_eq!(v, "2024-06-12");
        assert_eq!(&t[r], "12 juni 2024");
    }
}
