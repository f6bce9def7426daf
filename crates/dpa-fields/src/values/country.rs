//! Parser: country names in Dutch and English and their abbreviations
//! (`Duitsland`, `VS`, `USA`, `Verenigde Staten`, `Ierland`, `UK`) to ISO
//! 3166-1 alpha-2; the EU/EEA as the pseudo-code `EU`; the EEA member table;
//! and a small table of cities where data centres usually are.

use crate::pattern::Pattern;
use crate::words;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Country names (matched case-insensitively, on word boundaries) → ISO code.
pub const COUNTRY_NAMES: &[(&str, &str)] = &[
    ("Nederland", "NL"),
    ("the Netherlands", "NL"),
    ("Netherlands", "NL"),
    ("Holland", "NL"),
    ("België", "BE"),
    ("Belgie", "BE"),
    ("Belgium", "BE"),
    ("Duitsland", "DE"),
    ("Germany", "DE"),
    ("Deutschland", "DE"),
    ("Frankrijk", "FR"),
    ("France", "FR"),
    ("Luxemburg", "LU"),
    ("Luxembourg", "LU"),
    ("Ierland", "IE"),
    ("Ireland", "IE"),
    ("Finland", "FI"),
    ("Zweden", "SE"),
    ("Sweden", "SE"),
    ("Denemarken", "DK"),
    ("Denmark", "DK"),
    ("Noorwegen", "NO"),
    ("Norway", "NO"),
    ("IJsland", "IS"),
    ("Iceland", "IS"),
    ("Liechtenstein", "LI"),
    ("Oostenrijk", "AT"),
    ("Austria", "AT"),
    ("Zwitserland", "CH"),
    ("Switzerland", "CH"),
    ("Italië", "IT"),
    ("Italie", "IT"),
    ("Italy", "IT"),
    ("Spanje", "ES"),
    ("Spain", "ES"),
    ("Portugal", "PT"),
    ("Polen", "PL"),
    ("Poland", "PL"),
    ("Tsjechië", "CZ"),
    ("Czech Republic", "CZ"),
    ("Czechia", "CZ"),
    ("Slowakije", "SK"),
    ("Slovakia", "SK"),
    ("Hongarije", "HU"),
    ("Hungary", "HU"),
    ("Roemenië", "RO"),
    ("Romania", "RO"),
    ("Bulgarije", "BG"),
    ("Bulgaria", "BG"),
    ("Griekenland", "GR"),
    ("Greece", "GR"),
    ("Cyprus", "CY"),
    ("Malta", "MT"),
    ("Slovenië", "SI"),
    ("Slovenia", "SI"),
    ("Kroatië", "HR"),
    ("Croatia", "HR"),
    ("Estland", "EE"),
    ("Estonia", "EE"),
    ("Letland", "LV"),
    ("Latvia", "LV"),
    ("Litouwen", "LT"),
    ("Lithuania", "LT"),
    ("Verenigd Koninkrijk", "GB"),
    ("United Kingdom", "GB"),
    ("Groot-Brittannië", "GB"),
    ("Great Britain", "GB"),
    ("Engeland", "GB"),
    ("England", "GB"),
    ("Verenigde Staten van Amerika", "US"),
    ("Verenigde Staten", "US"),
    ("United States of America", "US"),
    ("United States", "US"),
    ("Amerika", "US"),
    ("Canada", "CA"),
    ("Australië", "AU"),
    ("Australia", "AU"),
    ("Japan", "JP"),
    ("China", "CN"),
    ("India", "IN"),
    ("Israël", "IL"),
    ("Israel", "IL"),
    ("Singapore", "SG"),
    ("Zuid-Korea", "KR"),
    ("South Korea", "KR"),
    ("Brazilië", "BR"),
    ("Brazil", "BR"),
    ("Nieuw-Zeeland", "NZ"),
    ("New Zealand", "NZ"),
    ("Oekraïne", "UA"),
    ("Ukraine", "UA"),
    ("Servië", "RS"),
    ("Serbia", "RS"),
    ("Turkije", "TR"),
    ("Turkey", "TR"),
    ("Zuid-Afrika", "ZA"),
    ("South Africa", "ZA"),
    ("Filipijnen", "PH"),
    ("Philippines", "PH"),
];

/// Abbreviations, matched case-sensitively (`VS`, `USA`, `UK`).
pub const COUNTRY_ABBREVIATIONS: &[(&str, &str)] = &[
    ("VS", "US"),
    ("V.S.", "US"),
    ("USA", "US"),
    ("U.S.", "US"),
    ("U.S.A.", "US"),
    ("US", "US"),
    ("UK", "GB"),
    ("NL", "NL"),
    ("DE", "DE"),
    ("IE", "IE"),
    ("FR", "FR"),
    ("BE", "BE"),
];

/// Names of the EU / EEA as a region (→ `EU`).
pub const REGION_NAMES: &[&str] = &[
    "Europese Economische Ruimte",
    "European Economic Area",
    "Europese Unie",
    "European Union",
    "Europa",
    "Europe",
    "EU/EER",
    "EU/EEA",
    "EER",
    "EEA",
    "EU",
];

/// The member states of the European Economic Area: the 27 EU states plus
/// Iceland, Liechtenstein and Norway.
pub const EEA_MEMBERS: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// Cities (Dutch and English spellings) where hosting usually is → country.
pub const CITIES: &[(&str, &str)] = &[
    ("Amsterdam", "NL"),
    ("Rotterdam", "NL"),
    ("Den Haag", "NL"),
    ("Utrecht", "NL"),
    ("Eindhoven", "NL"),
    ("Groningen", "NL"),
    ("Haarlem", "NL"),
    ("Almere", "NL"),
    ("Zwolle", "NL"),
    ("Arnhem", "NL"),
    ("Nijmegen", "NL"),
    ("Enschede", "NL"),
    ("Tilburg", "NL"),
    ("Breda", "NL"),
    ("Delft", "NL"),
    ("Leiden", "NL"),
    ("Schiphol", "NL"),
    ("Alkmaar", "NL"),
    ("Steenbergen", "NL"),
    ("Naaldwijk", "NL"),
    ("Frankfurt", "DE"),
    ("Falkenstein", "DE"),
    ("Neurenberg", "DE"),
    ("Nürnberg", "DE"),
    ("Nuremberg", "DE"),
    ("Berlijn", "DE"),
    ("Berlin", "DE"),
    ("München", "DE"),
    ("Munich", "DE"),
    ("Dublin", "IE"),
    ("Parijs", "FR"),
    ("Paris", "FR"),
    ("Roubaix", "FR"),
    ("Brussel", "BE"),
    ("Brussels", "BE"),
    ("Helsinki", "FI"),
    ("Stockholm", "SE"),
    ("Kopenhagen", "DK"),
    ("Copenhagen", "DK"),
    ("Wenen", "AT"),
    ("Vienna", "AT"),
    ("Milaan", "IT"),
    ("Milan", "IT"),
    ("Madrid", "ES"),
    ("Warschau", "PL"),
    ("Warsaw", "PL"),
    ("Zürich", "CH"),
    ("Zurich", "CH"),
    ("Londen", "GB"),
    ("London", "GB"),
];

/// A country (or `EU`) found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCountry {
    /// ISO alpha-2, or `EU` for the EU/EEA as a region.
    pub code: &'static str,
    pub range: Range<usize>,
    /// True when read from a city name.
    pub from_city: bool,
}

fn alternation(names: impl Iterator<Item = &'static str>) -> String {
    let mut v: Vec<&str> = names.collect();
    v.sort_by_key(|n| std::cmp::Reverse(n.len()));
    v.iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|")
}

static NAMES: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::from({
        let names = alternation(COUNTRY_NAMES.iter().map(|(n, _)| *n));
        // `\W` around the name instead of a Unicode `\b` (see `name_ranges`):
        // names end in letters such as the `ë` of `België`
        Regex::new(&format!(r"(?i)(?:^|\W)({names})(?:\W|$)")).expect("country names compile")
    })
});
static ABBREVIATIONS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::from({
        let abbr = alternation(COUNTRY_ABBREVIATIONS.iter().map(|(n, _)| *n));
        Regex::new(&format!(r"(?:^|[^\w.])({abbr})(?:$|[^\w])"))
            .expect("country abbreviations compile")
    })
});
static REGIONS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::from({
        let names = alternation(REGION_NAMES.iter().copied());
        Regex::new(&format!(r"(?-u:\b)(?:{names})(?-u:\b)")).expect("regions compile")
    })
});
static CITY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::from({
        let names = alternation(CITIES.iter().map(|(n, _)| *n));
        Regex::new(&format!(r"(?-u:\b)(?:{names})(?-u:\b)")).expect("cities compile")
    })
});

/// The code of the name `s` in `table`, spelled exactly so.
fn code_of(table: &'static [(&'static str, &'static str)], s: &str) -> Option<&'static str> {
    table.iter().find(|(n, _)| *n == s).map(|(_, c)| *c)
}

/// The code of the name `s` in any case, in a table of lower-cased names.
fn code_of_any_case(table: &'static [(String, &'static str)], s: &str) -> Option<&'static str> {
    let key = s.to_lowercase();
    table.iter().find(|(n, _)| *n == key).map(|(_, c)| *c)
}

/// `table` with its names lower-cased.
fn lowered(table: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    table.iter().map(|(n, c)| (n.to_lowercase(), *c)).collect()
}

static COUNTRY_NAMES_LOWER: LazyLock<Vec<(String, &'static str)>> =
    LazyLock::new(|| lowered(COUNTRY_NAMES));
static CITIES_LOWER: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| lowered(CITIES));

/// The ISO code of one country name or abbreviation (`"Duitsland"` → `DE`).
pub fn country_code(name: &str) -> Option<&'static str> {
    let name = name.trim();
    code_of_any_case(&COUNTRY_NAMES_LOWER, name).or_else(|| code_of(COUNTRY_ABBREVIATIONS, name))
}

/// The country names of `text` where `\b(?:names)\b` with Unicode word
/// boundaries finds them: a name starts after a non-word char (or at the
/// start) and ends before one (or at the end); the next search starts right
/// after the name, so the char after it can precede the next name.
fn name_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(name) = NAMES.captures_at(text, at).and_then(|c| c.get(1)) {
        out.push(name.range());
        at = name.end();
    }
    out
}

/// Every country named in `text` (names, abbreviations and, when
/// `with_cities`, cities), in text order; overlapping mentions are dropped.
pub fn find_countries(text: &str, with_cities: bool) -> Vec<FoundCountry> {
    let mut out: Vec<FoundCountry> = Vec::new();
    for range in name_ranges(text) {
        if let Some(code) = code_of_any_case(&COUNTRY_NAMES_LOWER, &text[range.clone()]) {
            out.push(FoundCountry {
                code,
                range,
                from_city: false,
            });
        }
    }
    for c in ABBREVIATIONS.captures_iter(text) {
        if let Some(m) = c.get(1) {
            if let Some(code) = code_of(COUNTRY_ABBREVIATIONS, m.as_str()) {
                out.push(FoundCountry {
                    code,
                    range: m.range(),
                    from_city: false,
                });
            }
        }
    }
    if with_cities {
        let at_word_edges = |m: &regex::Match| {
            words::is_word_boundary(text, m.start()) && words::is_word_boundary(text, m.end())
        };
        for m in CITY.find_iter(text).filter(at_word_edges) {
            if let Some(code) = code_of(CITIES, m.as_str()) {
                out.push(FoundCountry {
                    code,
                    range: m.range(),
                    from_city: true,
                });
            }
        }
    }
    out.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    let mut kept: Vec<FoundCountry> = Vec::new();
    for f in out {
        if kept.last().map_or(true, |k| f.range.start >= k.range.end) {
            kept.push(f);
        }
    }
    kept
}

/// Mentions of the EU / EEA as a region.
pub fn find_regions(text: &str) -> Vec<Range<usize>> {
    REGIONS.find_iter(text).map(|m| m.range()).collect()
}

/// The country of a city in the table (`"Frankfurt"` → `DE`).
pub fn city_country(city: &str) -> Option<&'static str> {
    code_of_any_case(&CITIES_LOWER, city.trim())
}

/// True for the member states of the EEA and for `EU` itself.
pub fn is_eea(code: &str) -> bool {
    code == "EU" || EEA_MEMBERS.contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        find_countries(text, false)
            .into_iter()
            .map(|f| f.code)
            .collect()
    }

    #[test]
    fn dutch_and_english_names() {
        assert_eq!(codes("Duitsland / Finland"), vec!["DE", "FI"]);
        assert_eq!(codes("Verenigde Staten (SCC's)"), vec!["US"]);
        assert_eq!(codes("gevestigd in Ierland"), vec!["IE"]);
        assert_eq!(codes("United Kingdom and Germany"), vec!["GB", "DE"]);
        assert_eq!(country_code("verenigd koninkrijk"), Some("GB"));
    }

    #[test]
    fn names_ending_in_accented_letters_and_word_edges() {
        assert_eq!(codes("België/Italië, Roemenië."), vec!["BE", "IT", "RO"]);
        assert_eq!(codes("Duitsland"), vec!["DE"]);
        // inside a longer word (also next to an accented letter): no country
        assert_eq!(
            codes("Duitslandse Finlandië éDuitsland"),
            Vec::<&str>::new()
        );
        assert!(find_countries("Amsterdamë Parijsé", true).is_empty());
    }

    #[test]
    fn abbreviations_are_case_sensitive() {
        assert_eq!(codes("Nee, USA"), vec!["US"]);
        assert_eq!(codes("EU/VS"), vec!["US"]);
        assert_eq!(codes("VS (SCC's)"), vec!["US"]);
        assert_eq!(codes("let us know"), Vec::<&str>::new());
        assert_eq!(codes("UK"), vec!["GB"]);
    }

    #[test]
    fn cities_when_asked() {
        let found = find_countries("EU (Frankfurt)", true);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "DE");
        assert!(found[0].from_city);
        assert!(find_countries("EU (Frankfurt)", false).is_empty());
        assert_eq!(city_country("amsterdam"), Some("NL"));
    }

    #[test]
    fn regions_and_eea_table() {
        assert_eq!(find_regions("binnen de EU/EER").len(), 1);
        assert_eq!(find_regions("Europese Economische Ruimte").len(), 1);
        assert!(is_eea("DE") && is_eea("NO") && is_eea("EU"));
        assert!(!is_eea("US") && !is_eea("GB") && !is_eea("CH"));
        assert_eq!(EEA_MEMBERS.len(), 30);
    }

    #[test]
    fn ranges_point_at_the_name() {
        let t = "Hosting in Nederland.";
        let f = &find_countries(t, false)[0];
        assert_eq!(&t[f.range.clone()], "Nederland");
    }
}
