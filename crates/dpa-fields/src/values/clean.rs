//! Text clean-up shared by the extractors: whitespace collapsing, trimming of
//! punctuation and quotes (on strings and on byte spans), line-wrap repair and
//! glued-word repair.

use dpa_model::is_ascii_whitespace_byte;
use std::ops::Range;

/// Characters stripped from the ends of a value.
const EDGE_PUNCT: &[char] = &[
    '.', ',', ';', ':', '"', '\'', '“', '”', '„', '‘', '’', '«', '»', '*', '•', '-', '–', '—', '|',
    '\t',
];

/// Collapse every run of whitespace to one space and trim; line-end
/// hyphenation inside a compound (`agenda-⏎items`) keeps its hyphen.
/// ASCII bytes are read without decoding, and text whose words are apart
/// by one plain space is copied as one piece.
pub fn collapse(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut run_is_wrap = false;
    // where the whitespace run being read starts
    let mut run_start = 0;
    // the start of the text read but not yet copied (words apart by one space)
    let mut copy_from: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if !pending_space && copy_from.is_some() && is_ascii_word_byte(b) {
            // inside a word: skip the text copied as it is at once
            i = copied_run_end(bytes, i);
            continue;
        }
        let (is_space, len) = if b.is_ascii() {
            (is_ascii_whitespace_byte(b), 1)
        } else {
            match s.get(i..).and_then(|rest| rest.chars().next()) {
                Some(ch) => (ch.is_whitespace(), ch.len_utf8()),
                None => break,
            }
        };
        if is_space {
            if !pending_space {
                run_is_wrap = b == b'\n';
                run_start = i;
            }
            pending_space = true;
        } else if pending_space {
            pending_space = false;
            // one plain space after a word stays as it is
            let lone_space = copy_from.is_some() && i == run_start + 1 && bytes[run_start] == b' ';
            if !lone_space {
                if let Some(w) = copy_from {
                    out.push_str(&s[w..run_start]);
                }
                let wrap_join = run_is_wrap && ends_with_wrapped_hyphen(&out);
                if !out.is_empty() && !wrap_join {
                    out.push(' ');
                }
                copy_from = Some(i);
            }
        } else if copy_from.is_none() {
            copy_from = Some(i);
        }
        i += len;
    }
    if let Some(w) = copy_from {
        let end = if pending_space { run_start } else { s.len() };
        out.push_str(&s[w..end]);
    }
    out
}

/// An ASCII byte that is not whitespace.
fn is_ascii_word_byte(b: u8) -> bool {
    ASCII_WORD_BYTES[usize::from(b)]
}

/// [`is_ascii_word_byte`] of every byte, for the per-byte loops.
static ASCII_WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = !is_ascii_whitespace_byte(b as u8);
        b += 1;
    }
    table
};

/// The end of the ASCII text from `i` that [`collapse`] copies as it is,
/// read inside a word: word bytes, and single plain spaces between them
/// (a space that stays; the loop of `collapse` would take two turns on
/// each, and the words of prose are short).
fn copied_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        if is_ascii_word_byte(b) {
            i += 1;
        } else if b == b' ' && bytes.get(i + 1).is_some_and(|&n| is_ascii_word_byte(n)) {
            i += 2;
        } else {
            break;
        }
    }
    i
}

/// `true` when the text so far ends in `letter-` (a hyphen glued to a word),
/// so that a following line break is a wrap inside a compound.
fn ends_with_wrapped_hyphen(s: &str) -> bool {
    let mut it = s.chars().rev();
    it.next() == Some('-') && it.next().is_some_and(char::is_alphanumeric)
}

/// Collapse whitespace and strip punctuation and quotes from both ends
/// (a closing `)` is kept when the value opens one).
pub fn clean_value(s: &str) -> String {
    let mut c = collapse(s);
    let kept = cleaned_range(&c);
    // cut the collapsed string in place instead of copying the rest
    c.truncate(kept.end);
    c.drain(..kept.start);
    c
}

/// The byte range of `c` that [`clean_value`] keeps.
fn cleaned_range(c: &str) -> Range<usize> {
    let is_edge = |ch: char| EDGE_PUNCT.contains(&ch) || ch.is_whitespace();
    let trimmed = c.trim_start_matches(is_edge);
    let mut end = trimmed.trim_end_matches(is_edge).len();
    if trimmed[end..].starts_with('.') && keeps_trailing_dot(&trimmed[..end]) {
        end += 1;
    }
    let kept = balance_parens(&trimmed[..end]);
    // `kept` is a part of `c`: its offset is the distance of the pointers
    let start = kept.as_ptr() as usize - c.as_ptr() as usize;
    start..start + kept.len()
}

/// Abbreviations whose final dot belongs to the word.
const DOTTED_ABBREVIATIONS: &[&str] = &["inc", "corp", "ltd", "co", "bros", "jr", "sr", "st"];

/// At most how many chars an entry of [`DOTTED_ABBREVIATIONS`] has.
const DOTTED_ABBREVIATION_MAX_CHARS: usize = 4;

/// `true` when `s` ends in an abbreviation that keeps its dot (`B.V`, `Inc`).
pub fn keeps_trailing_dot(s: &str) -> bool {
    let last = s.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    if last.is_empty() {
        return false;
    }
    let dotted = last.contains('.') && last.chars().next_back().is_some_and(char::is_alphabetic);
    // lower-casing never makes fewer chars: a longer word is none of them
    let short = last.chars().nth(DOTTED_ABBREVIATION_MAX_CHARS).is_none();
    dotted || short && DOTTED_ABBREVIATIONS.iter().any(|a| lower_eq(last, a))
}

/// Whether `s` lower-cased is `lower` (lower-casing char by char, without
/// a new string: the same answer as `s.to_lowercase() == lower` for a
/// `lower` without a Greek sigma).
pub fn lower_eq(s: &str, lower: &str) -> bool {
    s.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// Strip an unmatched trailing `)` or leading `(`.
fn balance_parens(s: &str) -> &str {
    let open = s.matches('(').count();
    let close = s.matches(')').count();
    let mut out = s;
    if close > open {
        out = out.trim_end_matches(')').trim_end();
    }
    if open > close && out.starts_with('(') {
        out = out.trim_start_matches('(').trim_start();
    }
    if open > close && out.ends_with('(') {
        out = out.trim_end_matches('(').trim_end();
    }
    out
}

/// Shrink `range` of `text` so it neither starts nor ends with whitespace,
/// punctuation or quotes. Stays on char boundaries.
pub fn trim_span(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range;
    };
    let is_edge = |ch: char| ch.is_whitespace() || EDGE_PUNCT.contains(&ch);
    let start_off = slice.len() - slice.trim_start_matches(is_edge).len();
    let rest = &slice[start_off..];
    let end_off = rest.trim_end_matches(is_edge).len();
    let start = range.start + start_off;
    let mut end = start + end_off;
    // keep a trailing dot that belongs to an abbreviation such as `B.V.`
    if text[end..range.end].starts_with('.') && keeps_trailing_dot(&text[start..end]) {
        end += 1;
    }
    start..end
}

/// Shrink `range` of `text` so it neither starts nor ends with whitespace.
pub fn trim_ws(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    start..start + slice.trim().len()
}

/// Shrink `range` from the left so it starts at the first occurrence of `needle`
/// (case-insensitive, ASCII), if any.
pub fn span_of(text: &str, range: Range<usize>, needle: &str) -> Option<Range<usize>> {
    let hay = text.get(range.clone())?;
    let pos = hay.to_lowercase().find(&needle.to_lowercase())?;
    // `to_lowercase` can change byte lengths; verify the found position maps back
    let start = range.start + pos;
    let end = start + needle.len();
    text.get(start..end)
        .filter(|s| s.eq_ignore_ascii_case(needle))
        .map(|_| start..end)
}

/// Insert a space where a word is glued to a capitalized known word
/// (`LucidonB.V.` → `Lucidon B.V.`, `Lucidonlevert` stays unless `levert` is
/// given). `known` are words that may follow a glued lower-case letter.
pub fn unglue(s: &str, known: &[&str]) -> String {
    let mut out = s.to_string();
    for word in known {
        let mut search_from = 0;
        while let Some(pos) = out[search_from..].find(word) {
            let at = search_from + pos;
            let glued = out[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_lowercase());
            if glued {
                out.insert(at, ' ');
                search_from = at + 1 + word.len();
            } else {
                search_from = at + word.len();
            }
            if search_from >= out.len() {
                break;
            }
        }
    }
    out
}

/// Fold a name to lower-case ASCII letters and digits only, for comparing
/// names with e-mail domains (`Brŷnwerk` → `brynwerk`).
pub fn fold_key(s: &str) -> String {
    if s.is_ascii() {
        // no decomposition to make: the letters and digits, lower-cased
        let mut folded = s.as_bytes().to_vec();
        folded.retain(u8::is_ascii_alphanumeric);
        folded.make_ascii_lowercase();
        return String::from_utf8(folded).unwrap_or_default();
    }
    // char by char: canonical reordering moves only combining marks, which
    // the fold drops, so this is the fold of the whole text's NFD
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            push_folded(&mut out, c);
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| push_folded(&mut out, d));
        }
    }
    out
}

/// Push `c` lower-cased when it is an ASCII letter or digit.
fn push_folded(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
    }
}

/// Words that mark a bracketed text as a fill-in field (`[datum invullen]`).
const PLACEHOLDER_WORDS: &[&str] = &[
    "invullen",
    "in te vullen",
    "naam",
    "datum",
    "adres",
    "plaats",
    "bedrijf",
    "klant",
    "kvk",
    "nummer",
    "xx",
    "functie",
    "insert",
    "name",
    "date",
    "address",
    "company",
    "tbd",
    "nnb",
];

static PLACEHOLDER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"\[[^\[\]\n]{1,60}\]|<[^<>\n]{2,40}>|…{2,}|…\.+|\.{5,}|_{4,}|(?i-u:\bx{3,}\b)",
    )
    .expect("valid regex")
});

/// Every fill-in field in `text` (`[NAAM KLANT]`, `[invullen]`, `……`, `____`),
/// with its byte range, in order (lazily: a caller taking the first few
/// checks no more candidates).
pub fn find_placeholders(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    PLACEHOLDER
        .find_iter(text)
        .filter(|m| is_placeholder(m.as_str()))
        .map(|m| m.range())
}

/// `true` when `s` is (or holds) a fill-in field rather than a value.
pub fn is_placeholder(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() {
        return false;
    }
    if has_fill_run(t) {
        return true;
    }
    let inner = t
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .or_else(|| t.strip_prefix('<').and_then(|r| r.strip_suffix('>')));
    if let Some(inner) = inner {
        return is_all_caps(inner, 3) || names_fill_in(inner);
    }
    // only `x`, `X` and ` ` lower-case to `x` or ` ` (and stay one byte)
    t.len() >= 3 && t.bytes().all(|b| matches!(b, b'x' | b'X' | b' '))
}

/// Whether `t` holds `____`, `……`, `…..` or `.....`: searched for only
/// when `t` has a `_`, a `.` or a byte that may start `…` (most values
/// have none).
fn has_fill_run(t: &str) -> bool {
    const ELLIPSIS_FIRST_BYTE: u8 = "…".as_bytes()[0];
    memchr::memchr3(b'_', b'.', ELLIPSIS_FIRST_BYTE, t.as_bytes()).is_some()
        && (t.contains("____") || t.contains("……") || t.contains("…..") || t.contains("....."))
}

/// Whether `s` has at least `min_letters` letters, all upper case.
pub fn is_all_caps(s: &str, min_letters: usize) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= min_letters
}

/// Whether `s` lower-cased holds one of [`PLACEHOLDER_WORDS`].
fn names_fill_in(s: &str) -> bool {
    let lower = lower_case(s);
    PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w))
}

/// `s` lower-cased (`str::to_lowercase`; an ASCII text without decoding).
pub fn lower_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_lower_case(&mut out, s);
    out
}

/// Append `s` lower-cased to `out` (see [`lower_case`]).
pub fn push_lower_case(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// The largest char boundary of `text` at or before `i` (clamped to the text).
pub fn floor_char(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_abbreviations_keep_their_dot_whatever_their_case() {
        assert!(DOTTED_ABBREVIATIONS
            .iter()
            .all(|a| a.chars().count() <= DOTTED_ABBREVIATION_MAX_CHARS));
        for s in ["Acme Inc", "Acme CORP", "Smith Bros", "B.V", "Foo St"] {
            assert!(keeps_trailing_dot(s), "{s}");
        }
        for s in ["de verwerker", "Acme Incorporated", "", "Acme "] {
            assert!(!keeps_trailing_dot(s), "{s}");
        }
    }

    #[test]
    fn collapses_whitespace_and_line_wraps() {
        assert_eq!(
            collapse("  Gebruik- en \nloggegevens "),
            "Gebruik- en loggegevens"
        );
        assert_eq!(
            collapse("agenda-\nitems, notities"),
            "agenda-items, notities"
        );
        assert_eq!(collapse("een\n\ttwee   drie"), "een twee drie");
    }

    #[test]
    fn cleans_edges() {
        assert_eq!(clean_value(" “Verwerker”, "), "Verwerker");
        assert_eq!(clean_value("Hoofdstraat 12;"), "Hoofdstraat 12");
        assert_eq!(clean_value("namen (geen inhoud)."), "namen (geen inhoud)");
        assert_eq!(clean_value("Voorbeeld B.V.)"), "Voorbeeld B.V.");
        assert_eq!(clean_value("Voorbeeld Inc.,"), "Voorbeeld Inc.");
        assert_eq!(clean_value("Het einde."), "Het einde");
        assert_eq!(clean_value("een Winkel ("), "een Winkel");
    }

    #[test]
    fn trims_spans_but_keeps_abbreviation_dot() {
        let t = "Naam: Voorbeeld B.V., gevestigd";
        let r = trim_span(t, 5..21);
        assert_eq!(&t[r], "Voorbeeld B.V.");
        let t = " “Klant”, ";
        let r = trim_span(t, 0..t.len());
        assert_eq!(&t[r], "Klant");
    }

    #[test]
    fn finds_needle_span() {
        let t = "zie info@Voorbeeld.nl hier";
        let r = span_of(t, 0..t.len(), "info@voorbeeld.nl").unwrap();
        assert_eq!(&t[r], "info@Voorbeeld.nl");
    }

    #[test]
    fn unglues_known_words() {
        assert_eq!(unglue("AlfaSoftB.V.", &["B.V."]), "AlfaSoft B.V.");
        assert_eq!(unglue("Alfa B.V.", &["B.V."]), "Alfa B.V.");
    }

    #[test]
    fn recognizes_placeholders() {
        assert!(is_placeholder("[NAAM KLANT]"));
        assert!(is_placeholder("[datum hier invullen]"));
        assert!(is_placeholder("__________"));
        assert!(is_placeholder("……"));
        assert!(!is_placeholder("[1]"));
        assert!(!is_placeholder("Alfa B.V."));
        let t = "Naam: [NAAM KLANT], adres: ______ en zie artikel [3].";
        assert_eq!(find_placeholders(t).count(), 2);
    }

    /// The `is_placeholder` with four searches and two new strings on
    /// every call, that the one with byte pre-checks replaces.
    fn is_placeholder_searching(s: &str) -> bool {
        let t = s.trim();
        if t.is_empty() {
            return false;
        }
        if t.contains("____") || t.contains("……") || t.contains("…..") || t.contains(".....")
        {
            return true;
        }
        let inner = t
            .strip_prefix('[')
            .and_then(|r| r.strip_suffix(']'))
            .or_else(|| t.strip_prefix('<').and_then(|r| r.strip_suffix('>')));
        if let Some(inner) = inner {
            let letters: Vec<char> = inner.chars().filter(|c| c.is_alphabetic()).collect();
            let all_caps = letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase());
            let lower = inner.to_lowercase();
            return all_caps || PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w));
        }
        let lower = t.to_lowercase();
        lower.len() >= 3 && lower.chars().all(|c| c == 'x' || c == ' ')
    }

    #[test]
    fn placeholder_pre_checks_give_the_searching_answers() {
        let mut inputs: Vec<String> = generated_strings();
        for t in [
            "[NAAM KLANT]",
            "[Naam]",
            "[ÉÉN TWEE]",
            "[ÉÉn]",
            "<DATUM>",
            "<İnsert>",
            "[KVK-NUMMER]",
            "[AB]",
            "[1]",
            "xxx",
            "XxX",
            "x x",
            "xx",
            "xxxé",
            "ẋxx",
            "___",
            "____",
            "……",
            "…..",
            "….",
            "....",
            ".....",
            "Alfa B.V.",
            "  [in te vullen]  ",
            "[\u{130}NVULLEN]",
            "<NNB>",
            "[tbd]",
            "",
        ] {
            inputs.push(t.to_string());
        }
        for t in crate::test_fixtures::raw_texts() {
            inputs.extend(t.lines().map(str::to_string));
            inputs.extend(t.split(['\t', '(', ')', ',']).map(str::to_string));
        }
        let mut placeholders = 0;
        for t in &inputs {
            let expected = is_placeholder_searching(t);
            assert_eq!(is_placeholder(t), expected, "{t:?}");
            placeholders += usize::from(expected);
        }
        assert!(placeholders > 10, "{placeholders}");
    }

    #[test]
    fn folds_keys() {
        assert_eq!(fold_key("Brŷnwerk"), "brynwerk");
        assert_eq!(fold_key("Rekenwerk Online B.V."), "rekenwerkonlinebv");
        use unicode_normalization::UnicodeNormalization;
        for t in ["Ćafé Ñoño", "A\u{301}\u{316}b ﬁ Å 𝔸 ½ Ǆ", "", "ÉÈ-Ïj 12"] {
            let whole: String = t
                .nfd()
                .filter(char::is_ascii_alphanumeric)
                .flat_map(|c| c.to_lowercase())
                .collect();
            assert_eq!(fold_key(t), whole, "{t:?}");
        }
    }

    /// The char-by-char collapse the word-wise one replaces.
    fn collapse_by_char(s: &str) -> String {
        let mut out = String::new();
        let (mut pending_space, mut run_is_wrap) = (false, false);
        for ch in s.chars() {
            if ch.is_whitespace() {
                if !pending_space {
                    run_is_wrap = ch == '\n';
                }
                pending_space = true;
                continue;
            }
            let wrap_join = run_is_wrap && ends_with_wrapped_hyphen(&out);
            if pending_space && !out.is_empty() && !wrap_join {
                out.push(' ');
            }
            pending_space = false;
            out.push(ch);
        }
        out
    }

    #[test]
    fn lower_eq_is_to_lowercase_equality() {
        for (s, l) in [
            ("Inc", "inc"),
            ("INC", "inc"),
            ("Inco", "inc"),
            ("", ""),
            ("İn", "in"),
            ("CO", "co"),
        ] {
            assert_eq!(lower_eq(s, l), s.to_lowercase() == l, "{s:?}");
        }
    }

    /// The char-decoding collapse the byte-wise one replaces.
    fn collapse_by_word(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut pending_space = false;
        let mut run_is_wrap = false;
        let mut word_start: Option<usize> = None;
        for (i, ch) in s.char_indices() {
            if ch.is_whitespace() {
                if let Some(w) = word_start.take() {
                    out.push_str(&s[w..i]);
                }
                if !pending_space {
                    run_is_wrap = ch == '\n';
                }
                pending_space = true;
                continue;
            }
            if word_start.is_none() {
                let wrap_join = run_is_wrap && ends_with_wrapped_hyphen(&out);
                if pending_space && !out.is_empty() && !wrap_join {
                    out.push(' ');
                }
                pending_space = false;
                word_start = Some(i);
            }
        }
        if let Some(w) = word_start {
            out.push_str(&s[w..]);
        }
        out
    }

    /// The copying `clean_value` the in-place one replaces.
    fn clean_value_copying(s: &str) -> String {
        let c = collapse_by_word(s);
        let is_edge = |ch: char| EDGE_PUNCT.contains(&ch) || ch.is_whitespace();
        let trimmed = c.trim_start_matches(is_edge);
        let mut end = trimmed.trim_end_matches(is_edge).len();
        if trimmed[end..].starts_with('.') && keeps_trailing_dot(&trimmed[..end]) {
            end += 1;
        }
        balance_parens(&trimmed[..end]).to_string()
    }

    /// `fold_key` decomposing every char, ASCII ones too.
    fn fold_key_by_char(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            unicode_normalization::char::decompose_canonical(c, |d| push_folded(&mut out, d));
        }
        out
    }

    /// Deterministic pseudo-random strings from pieces that exercise every
    /// branch: ASCII words, accents, tabs, line ends, wrapped hyphens,
    /// Unicode spaces, punctuation, quotes and brackets.
    fn generated_strings() -> Vec<String> {
        const PIECES: &[&str] = &[
            "a",
            "verwerker",
            "B.V.",
            "Inc",
            "agenda-",
            "-",
            "–",
            "\n",
            "\n\n",
            " ",
            "  ",
            "\t",
            "\r\n",
            "\u{b}",
            "\u{c}",
            "\u{a0}",
            "\u{2003}",
            "\u{85}",
            "\u{3000}",
            "é",
            "één",
            "ë-",
            "ŷ",
            "😀",
            "x-",
            "1-",
            "(",
            ")",
            "“",
            "”",
            ".",
            ",",
            ";",
            "12",
            "Ǆ",
            "\u{301}",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        (0..4000)
            .map(|_| {
                let len = next(14);
                (0..len).map(|_| PIECES[next(PIECES.len())]).collect()
            })
            .collect()
    }

    #[test]
    fn byte_wise_functions_equal_the_char_wise_oracles() {
        let strings = generated_strings();
        assert!(strings.iter().any(|t| t.contains("-\n") && !t.is_ascii()));
        for t in &strings {
            assert_eq!(collapse(t), collapse_by_word(t), "{t:?}");
            assert_eq!(collapse(t), collapse_by_char(t), "{t:?}");
            assert_eq!(clean_value(t), clean_value_copying(t), "{t:?}");
            assert_eq!(fold_key(t), fold_key_by_char(t), "{t:?}");
        }
        assert_eq!(collapse("agenda-\nitems"), "agenda-items");
        assert_eq!(collapse("agenda-\u{a0}items"), "agenda- items");
    }

    /// On the fixtures: every paragraph, and windows across paragraphs
    /// (the service bodies run over several).
    #[test]
    fn collapse_of_the_fixtures_equals_the_char_wise_oracle() {
        for t in crate::test_fixtures::raw_texts() {
            let paragraphs = t.split("\n\n");
            let windows = t
                .as_bytes()
                .chunks(700)
                .filter_map(|c| std::str::from_utf8(c).ok());
            let parts: Vec<&str> = paragraphs.chain(windows).collect();
            assert!(parts.len() > 50);
            for part in parts {
                assert_eq!(collapse(part), collapse_by_char(part), "{part:?}");
            }
        }
    }

    #[test]
    fn collapse_word_wise_equals_char_wise() {
        for t in [
            "",
            "  ",
            "a",
            " agenda-\n items  en\u{a0}meer ",
            "x-\n-y é-\n\tz -\n q",
            "\nab-\ncd-\n\n ef\u{2003}g",
            "één  twee\r\ndrie-",
        ] {
            assert_eq!(collapse(t), collapse_by_char(t), "{t:?}");
        }
    }
}
