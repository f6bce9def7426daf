//! Extractor for `security`: measures classified into the categories of the
//! model (one measure may yield several) and normalized certifications.
//!
//! Measures are read from security sections (table rows, list items and
//! short paragraphs), from lists after an intro about measures
//! (`Deze maatregelen omvatten onder meer:`), and from a sentence that lists
//! measures inline (`treft passende maatregelen (o.a. TLS, MFA, back-ups)`).

use crate::pattern::Pattern;
use crate::scan::{self, has_any};
use crate::scan::{words, Words};
use crate::values::clean::{collapse, lower_eq, trim_span};
use crate::Ctx;
use dpa_model::{ClauseKind, Measure, MeasureCategory, Model};
use regex::{Regex, RegexSet, RegexSetBuilder};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

/// Vocabulary per category, Dutch and English (case-insensitive patterns).
const CATEGORY_PATTERNS: &[(MeasureCategory, &str)] = &[
    (
        MeasureCategory::Mfa,
        r"(?-u:\b)(?:2fa|mfa|tweefactor\w*|twee-factor\w*|2-factor\w*|two[- ]factor|multi[- ]?factor\w*|meer-?factor\w*|tweestaps\w*|twee-staps\w*|2-staps\w*|tweetraps\w*|two[- ]step|2-step|authenticator[- ]?app\w*)(?-u:\b)",
    ),
    (
        MeasureCategory::EncryptionInTransit,
        r"(?-u:\b)(?:tls|ssl|https|in\s+transit|tijdens\s+(?:het\s+)?(?:transport|verzending|overdracht)|versleutelde\s+(?:verbinding\w*|communicatie)|beveiligde\s+verbinding\w*|vpn)(?-u:\b)|(?:encryptie|versleutel\w*|encrypt\w*)[^.;]{0,60}(?:transport|verstuurd|verzonden|verzending|verkeer|communicatie)|(?:verstuurd|verzonden|verkeer)[^.;]{0,40}(?:versleuteld|encryptie)",
    ),
    (
        MeasureCategory::EncryptionAtRest,
        r"(?-u:\b)at\s+rest(?-u:\b)|(?-u:\b)in\s+rust(?-u:\b)|(?-u:\b)aes[- ]?256(?-u:\b)|(?:versleuteld|versleutelde|encrypted)\s+(?:opgeslagen|opslag|storage|stored)|(?:opgeslagen|opslag|opslaan|bewaren|bewaard)[^.;]{0,40}(?:versleuteld|encryptie)|(?:versleuteling|encryptie)\s+van[^.;]{0,40}(?-u:\b)(?:opslag|opgeslagen|databases?|back-?ups?)(?-u:\b)|(?-u:\b)encrypt\w*\s+(?:of\s+)?(?:stored|storage|databases?|back-?ups?)(?-u:\b)|(?-u:\b)database[- ]?(?:versleuteling|encryptie|encryption)|(?-u:\b)stored\s+(?:data\s+)?(?:is\s+|are\s+)?encrypted|(?-u:\b)gehashed|(?-u:\b)hashed(?-u:\b)",
    ),
    (
        MeasureCategory::DeviceEncryption,
        r"(?:laptop\w*|usb\w*|(?:data|gegevens)\s*dragers?|mobiele\s+apparat\w*|devices?|harde\s+schijf\w*).{0,160}?(?:versleuteld|encrypt\w*|encryptie)|(?:schijf|disk|full[- ]disk|device)\s*(?:versleuteling|encryption)|(?-u:\b)bitlocker(?-u:\b)|(?-u:\b)filevault(?-u:\b)",
    ),
    (
        MeasureCategory::AccessControl,
        r"toegangs(?:beveiliging|beheer|controle\w*|rechten|beleid)|(?-u:\b)autorisati\w*|(?-u:\b)geautoriseerd\w*|least[- ]privilege\w*|need[- ]to[- ]know|(?-u:\b)rbac(?-u:\b)|role[- ]based|op\s+basis\s+van\s+(?:hun\s+)?rollen|minimale\s+rechten|toegang\s+tot\s+(?:de\s+)?(?:servers|systemen|productie\w*)|(?-u:\b)authenticatie(?-u:\b)|(?-u:\b)authentication(?-u:\b)|wachtwoord\w*|password\w*|access\s+control\w*|access\s+(?:rights|management|restrictions?)|(?-u:\b)iam(?-u:\b)|row\s+level\s+security|(?-u:\b)bevoegde\s+(?:medewerkers|personen|personeel)|authori[sz]ed\s+(?:personnel|staff|employees)",
    ),
    (
        MeasureCategory::TenantSeparation,
        r"(?-u:\b)tenants?(?-u:\b)|klantomgeving\w*|scheiding\s+(?:van\s+)?(?:klant\w*|data|gegevens)|logische\s+scheiding|gescheiden\s+(?:omgeving\w*|klant\w*|database\w*)|eigen\s+database|afgeschermd\s+van|afscherming\s+tussen|multi[- ]tenant\w*|row\s+level\s+security|tenant\s+isolation",
    ),
    (
        MeasureCategory::Logging,
        r"(?-u:\b)\w*(?:logging|logs|logboek\w*|logbestand\w*)(?-u:\b)|(?-u:\b)log(?-u:\b)|(?-u:\b)monitor\w*|audit\s*trails?|(?-u:\b)auditlog\w*|(?-u:\b)siem(?-u:\b)",
    ),
    (
        MeasureCategory::Backup,
        r"(?-u:\b)back-?ups?(?-u:\b)|(?-u:\b)backups?(?-u:\b)|(?-u:\b)herstel\w*|(?-u:\b)restore(?-u:\b)|(?-u:\b)disaster\s+recovery(?-u:\b)|reservekopie\w*",
    ),
    (
        MeasureCategory::Patching,
        r"(?-u:\b)patch\w*|(?-u:\b)gepatched(?-u:\b)|(?-u:\b)updates?(?-u:\b)|(?-u:\b)(?:beveiligings|software)updates?(?-u:\b)|kwetsbaarhe\w*|vulnerabilit\w*|(?-u:\b)cve(?-u:\b)",
    ),
    (
        MeasureCategory::Physical,
        r"(?-u:\b)camera\w*|(?-u:\b)bezoekers\w*|fysieke?\s+(?:beveiliging|toegang\w*)|(?-u:\b)datacenter\w*|(?-u:\b)datacentr\w*|toegangspas\w*|(?-u:\b)alarm\w*|(?-u:\b)bewaking(?-u:\b)|serverruimte\w*|fysiek\w*\s+beveiligd\w*|(?-u:\b)physical(?-u:\b)",
    ),
    (
        MeasureCategory::Certification,
        r"(?-u:\b)iso[\s:/-]*\d{4,5}|(?-u:\b)gecertificeerd\w*|(?-u:\b)certificering\w*|(?-u:\b)certified(?-u:\b)|(?-u:\b)certification(?-u:\b)|(?-u:\b)nen[\s-]*7510|(?-u:\b)soc\s*[12](?-u:\b)|(?-u:\b)isae\s*\d{4}",
    ),
    (
        MeasureCategory::Awareness,
        r"(?-u:\b)aw[ae]reness(?-u:\b)|bewustwording\w*|(?-u:\b)training\w*|(?-u:\b)opleiding\w*|(?-u:\b)voorlichting(?-u:\b)|phishing[- ]?simulat\w*|privacytraining\w*|security[- ]?training\w*",
    ),
    (
        MeasureCategory::Confidentiality,
        r"geheimhouding\w*|(?-u:\b)vertrouwelijk\w*|(?-u:\b)confidential\w*|non-disclosure|(?-u:\b)nda(?-u:\b)|(?-u:\b)secrecy(?-u:\b)",
    ),
    (
        MeasureCategory::IncidentResponse,
        r"(?-u:\b)incident\w*|(?-u:\b)meldprocedure\w*|datalekprocedure\w*|(?-u:\b)escalatie\w*|(?-u:\b)calamiteit\w*",
    ),
    (
        MeasureCategory::Network,
        r"(?-u:\b)firewall\w*|(?-u:\b)netwerk\w*|(?-u:\b)network\w*|(?-u:\b)ddos(?-u:\b)|(?-u:\b)waf(?-u:\b)|(?-u:\b)intrusion(?-u:\b)|(?-u:\b)antivirus\w*|(?-u:\b)anti-virus\w*|(?-u:\b)malware\w*|(?-u:\b)segmentatie(?-u:\b)|rate[- ]limit\w*|content\s+security\s+policy",
    ),
    (
        MeasureCategory::DataMinimisation,
        r"minimale\s+(?:data)?verwerking|dataminimalisatie|data\s*minimi[sz]ation|alleen\s+(?:de\s+)?(?:noodzakelijke|benodigde)\s+gegevens|geen\s+opslag|niet\s+bewaard|(?-u:\b)anonymi\w*|(?-u:\b)pseudonymi\w*|geanonimiseerd|gepseudonimiseerd",
    ),
    (
        MeasureCategory::Audit,
        r"(?-u:\b)audits?(?-u:\b)|(?-u:\b)pen-?tests?(?-u:\b)|penetratietest\w*|security\s+review\w*|beveiligingsaudit\w*|(?-u:\b)evaluatie(?-u:\b)|(?-u:\b)herziening(?-u:\b)",
    ),
];

/// The category patterns, searched together: one pass over a measure's
/// text tells which of them match (most measures are short, and a search
/// per category costs more in setting up than in reading).
static CATEGORIES: LazyLock<RegexSet> = LazyLock::new(|| {
    let patterns = CATEGORY_PATTERNS.iter().map(|(_, p)| format!("(?i){p}"));
    RegexSetBuilder::new(patterns)
        .dfa_size_limit(CATEGORIES_DFA_BYTES)
        .build()
        .expect("category patterns compile")
});

/// The cache of [`CATEGORIES`]' lazy DFA. The joint automaton's Unicode
/// classes (`\w`, `.`, case folding) need more than the default 2 MiB to
/// build at all: without a DFA the set runs on the PikeVM, many times
/// slower.
const CATEGORIES_DFA_BYTES: usize = 8 << 20;

static AUDIT_LOG: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?-u:\b)audit[\s-]?(?:logs?|trails?|logging)(?-u:\b)|(?-u:\b)auditlog\w*")
});

/// Certifications: pattern → normalized name.
const CERTIFICATIONS: &[(&str, &str)] = &[
    (
        r"(?-u:\b)ISO[\s:/-]*(?:IEC[\s:/-]*)?27001(?-u:\b)",
        "ISO 27001",
    ),
    (
        r"(?-u:\b)ISO[\s:/-]*(?:IEC[\s:/-]*)?27701(?-u:\b)",
        "ISO 27701",
    ),
    (
        r"(?-u:\b)ISO[\s:/-]*(?:IEC[\s:/-]*)?27017(?-u:\b)",
        "ISO 27017",
    ),
    (
        r"(?-u:\b)ISO[\s:/-]*(?:IEC[\s:/-]*)?27018(?-u:\b)",
        "ISO 27018",
    ),
    (r"(?-u:\b)ISO[\s:/-]*9001(?-u:\b)", "ISO 9001"),
    (r"(?-u:\b)ISO[\s:/-]*22301(?-u:\b)", "ISO 22301"),
    (r"(?-u:\b)NEN[\s:/-]*7510(?-u:\b)", "NEN 7510"),
    (r"(?-u:\b)SOC[\s-]*2(?-u:\b)", "SOC 2"),
    (r"(?-u:\b)SOC[\s-]*1(?-u:\b)", "SOC 1"),
    (r"(?-u:\b)ISAE[\s-]*3402(?-u:\b)", "ISAE 3402"),
    (r"(?-u:\b)ISAE[\s-]*3000(?-u:\b)", "ISAE 3000"),
    (r"(?-u:\b)PCI[\s-]*DSS(?-u:\b)", "PCI DSS"),
    (r"(?-u:\b)BSI[\s-]*C5(?-u:\b)", "BSI C5"),
];

static CERTS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    CERTIFICATIONS
        .iter()
        .map(|(p, n)| {
            (
                Regex::new(&format!("(?i){p}")).expect("certification compiles"),
                *n,
            )
        })
        .collect()
});

/// [`CERTIFICATIONS`] searched together: which of them a mention window
/// holds, in one pass (the patterns found are then searched alone for
/// their place).
static CERTS_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(CERTIFICATIONS.iter().map(|(p, _)| format!("(?i){p}")))
        .expect("certifications compile")
});

/// Status words of a measures table (`Actief`, `Mogelijk`).
const STATUS_WORDS: &[&str] = &[
    "actief",
    "mogelijk",
    "gepland",
    "in ontwikkeling",
    "in uitvoering",
    "optioneel",
    "niet actief",
    "ja",
    "nee",
    "active",
    "planned",
    "implemented",
    "geïmplementeerd",
    "n.v.t.",
];
/// Heading words of a security section.
static HEADINGS: Words = Words::new(&[
    "beveilig",
    "security measures",
    "information security",
    "data security",
    "maatregelen",
    "maatregel",
    "toms",
    "technische en organisatorische",
]);
/// Words of a section's first paragraph that make it about security measures.
static LEAD_WORDS: Words = Words::new(&["maatregelen", "measures"]);
static LEAD_TOPIC_WORDS: Words =
    Words::new(&["beschermen", "bescherming", "to protect", "protects"]);
/// Words that make a sentence about a breach, not about measures.
static BREACH_WORDS: Words = Words::new(&["datalek", "inbreuk", "incident", "melding", "breach"]);
static ANCHOR_VERB: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:treft|treffen|neemt|nemen|genomen|implementeert|implementeren|geïmplementeerd|waarborgt|waarborgen|hanteert|hanteren|omvatten|omvat|onderhoudt|zorgt|beschermen|beschermt|takes|implements|maintains|protects?|applies|apply)(?-u:\b)",
    )
});
static INLINE_LIST: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)waaronder(?-u:\b)|(?-u:\b)o\.a\.|(?-u:\b)onder\s+meer(?-u:\b)|(?-u:\b)zoals(?-u:\b)|\(|(?-u:\b)including(?-u:\b)",
    )
});

/// A multi-factor phrase: its `authentication` is MFA, not access control.
static MFA_PHRASE: LazyLock<Pattern> = LazyLock::new(|| {
    // filtered by its middle words (`2` is no useful literal)
    Pattern::with_required(
        Regex::new(
            r"(?i)(?-u:\b)(?:multi|two|2|twee|meer)[- ]?(?:factor|step|staps)[- ]?(?:authenticat\w*|verificat\w*)",
        )
        .expect("the MFA phrase compiles"),
        r"(?i)factor|step|staps",
    )
});

/// The categories a measure text states.
pub fn classify(text: &str) -> Vec<MeasureCategory> {
    // the indices of the patterns that match, ascending
    let found = CATEGORIES
        .matches(&cleaned(text))
        .iter()
        .map(|i| CATEGORY_PATTERNS[i].0)
        .collect();
    without_rest_for_devices(text, found)
}

/// `text` with its audit logs as `log` and its multi-factor phrases as
/// `mfa` (neither is an audit nor plain authentication).
fn cleaned(text: &str) -> Cow<'_, str> {
    match replace_all(&AUDIT_LOG, text, "log") {
        Cow::Borrowed(t) => replace_all(&MFA_PHRASE, t, "mfa"),
        Cow::Owned(t) => Cow::Owned(replace_all(&MFA_PHRASE, &t, "mfa").into_owned()),
    }
}

/// `found` without encryption at rest when the text encrypts devices and
/// says nothing of storage (`laptops worden versleuteld`).
fn without_rest_for_devices(text: &str, mut found: Vec<MeasureCategory>) -> Vec<MeasureCategory> {
    if found.contains(&MeasureCategory::DeviceEncryption)
        && !has_any(text, words!["opgeslagen", "opslag", "in rust", "at rest"])
    {
        found.retain(|c| *c != MeasureCategory::EncryptionAtRest);
    }
    found
}

/// `pattern.replace_all`, not run where the pattern cannot match (a text
/// of the document without its literals).
fn replace_all<'t>(pattern: &Pattern, text: &'t str, with: &str) -> Cow<'t, str> {
    if pattern.may_match(text) {
        pattern.replace_all(text, with)
    } else {
        Cow::Borrowed(text)
    }
}

/// One candidate measure: its text range, status range, and whether an
/// unclassified text still counts (as `other`).
struct Item {
    range: Range<usize>,
    status: Option<Range<usize>>,
    list_like: bool,
}

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let mut items = section_items(ctx);
    let sentences = scan::all_sentences(text);
    items.extend(anchored_lists(text, &sentences));
    items.extend(inline_sentences(text, &sentences));
    items.sort_by_key(|i| (i.range.start, i.range.len()));
    let mut seen = Seen::default();
    for item in items {
        if seen.overlaps(&item.range) {
            continue;
        }
        seen.push(item.range.clone());
        add_measures(ctx, model, &item);
    }
    certifications(ctx, model);
}

/// The ranges of the items taken so far, pushed in the order of their
/// starts: whether a later item overlaps one of them.
#[derive(Default)]
struct Seen {
    ranges: Vec<Range<usize>>,
    /// The largest end of `ranges`.
    max_end: usize,
}

impl Seen {
    fn push(&mut self, r: Range<usize>) {
        self.max_end = self.max_end.max(r.end);
        self.ranges.push(r);
    }

    /// Whether `r`, starting at or after every range pushed, overlaps one:
    /// every range pushed starts before a non-empty `r` ends, so it is
    /// one that ends after `r` starts.
    fn overlaps(&self, r: &Range<usize>) -> bool {
        if r.is_empty() {
            return self
                .ranges
                .iter()
                .any(|s| s.start < r.end && r.start < s.end);
        }
        r.start < self.max_end
    }
}

fn add_measures(ctx: &Ctx, model: &mut Model, item: &Item) {
    let text = ctx.full();
    let raw = &text[item.range.clone()];
    let mut cats = classify(raw);
    if cats.is_empty() {
        if !item.list_like {
            return;
        }
        cats.push(MeasureCategory::Other);
    }
    let body = collapse(raw.trim());
    let status = item.status.clone().map(|s| (collapse(&text[s.clone()]), s));
    for cat in cats {
        let i = model.security.measures.len();
        model.security.measures.push(Measure {
            category: cat,
            text: body.clone(),
            status: status.as_ref().map(|s| s.0.clone()),
        });
        ctx.record(
            model,
            format!("security.measures.{i}.text"),
            item.range.clone(),
        );
        if let Some((_, r)) = &status {
            ctx.record(model, format!("security.measures.{i}.status"), r.clone());
        }
    }
}

/// At most how many chars a [`STATUS_WORDS`] entry has.
const STATUS_MAX_CHARS: usize = 15;

fn is_status(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    // lower-casing never makes fewer chars: a longer text is no status
    t.chars().nth(STATUS_MAX_CHARS).is_none() && STATUS_WORDS.iter().any(|w| lower_eq(t, w))
}

/// Items of security sections: table rows, list items, short paragraphs; a
/// status paragraph (`Actief`) belongs to the item before it.
fn section_items(ctx: &Ctx) -> Vec<Item> {
    let text = ctx.full();
    let mut regions = scan::topic_regions_where(ctx, ClauseKind::Security, &[&HEADINGS], |t| {
        has_any(t, &HEADINGS)
    });
    regions.extend(sections_led_by_measures(text));
    let tables = scan::tables(text);
    let paragraphs = scan::paragraphs(text);
    let mut out: Vec<Item> = Vec::new();
    for region in &regions {
        let mut in_table: Vec<Range<usize>> = Vec::new();
        for t in tables.iter().filter(|t| {
            t.rows
                .first()
                .is_some_and(|r| region.contains(&r.range.start))
        }) {
            let header = &t.rows[0];
            let status_col = header
                .cells
                .iter()
                .position(|c| has_any(&text[c.clone()], words!["status", "opmerking"]));
            for row in &t.rows {
                in_table.push(row.range.clone());
            }
            for row in &t.rows[1..] {
                let cells: Vec<&Range<usize>> = row
                    .cells
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != status_col)
                    .map(|(_, c)| c)
                    .collect();
                let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
                    continue;
                };
                let status = status_col
                    .and_then(|i| row.cells.get(i))
                    .cloned()
                    .filter(|r| !r.is_empty());
                out.push(Item {
                    range: first.start..last.end,
                    status,
                    list_like: true,
                });
            }
        }
        for p in paragraphs.iter().filter(|p| region.contains(&p.start)) {
            if in_table
                .iter()
                .any(|r| r.start >= p.start && r.end <= p.end)
            {
                continue;
            }
            let mut has_list = false;
            for l in line_ranges(text, p.clone()) {
                let Some(m) = scan::list_marker_len(&text[l.clone()]) else {
                    continue;
                };
                has_list = true;
                let is_region_heading = l.start <= region.start && region.start < l.end;
                if !is_region_heading {
                    out.push(Item {
                        range: l.start + m..l.end,
                        status: None,
                        list_like: true,
                    });
                }
            }
            let para = &text[p.clone()];
            if is_status(para) {
                if let Some(prev) = out.last_mut().filter(|i| i.status.is_none()) {
                    prev.status = Some(trim_span(text, p.clone()));
                }
                continue;
            }
            // at most 40 words: the count stops at the 41st
            if !has_list && para.split_whitespace().nth(40).is_none() {
                out.push(Item {
                    range: trim_span(text, p.clone()),
                    status: None,
                    list_like: false,
                });
            }
        }
    }
    out
}

/// Byte ranges of the lines of `text` inside `range` (as [`scan::lines`],
/// without collecting them).
fn line_ranges(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let breaks = memchr::memchr2_iter(b'\n', b'\x0c', &text.as_bytes()[range.clone()]);
    let mut start = Some(range.start);
    let mut breaks = breaks.map(move |i| range.start + i);
    std::iter::from_fn(move || {
        let from = start?;
        let end = breaks.next();
        start = end.map(|e| e + 1);
        Some(from..end.unwrap_or(range.end))
    })
}

/// Sections whose first paragraph is about protective measures (an annex
/// titled only `Bijlage B` that opens with `... treft maatregelen om ... te beschermen`).
fn sections_led_by_measures(text: &str) -> Vec<Range<usize>> {
    let paras = scan::paragraphs(text);
    scan::sections(text)
        .into_iter()
        .filter(|s| {
            // paragraphs are sorted: the first one after the heading
            paras
                .get(paras.partition_point(|p| p.start <= s.heading.end))
                .filter(|p| p.start < s.range.end)
                .is_some_and(|p| {
                    let lead = &text[p.clone()];
                    has_any(lead, &LEAD_WORDS) && has_any(lead, &LEAD_TOPIC_WORDS)
                })
                && text[s.heading.clone()].split_whitespace().count() <= 4
        })
        .map(|s| s.range)
        .collect()
}

/// Words of a sentence that introduces a list of measures.
static LIST_INTRO_WORDS: Words = Words::new(&["maatregel", "beveilig", "security", "measures"]);
/// Words of a sentence that lists measures inline.
static INLINE_WORDS: Words = Words::new(&[
    "organisatorische maatregel",
    "beveiligingsmaatregel",
    "passende beveiliging",
    "security measures",
    "organisational measures",
    "organizational measures",
    "beveiligingsniveau",
]);

/// Lists after a sentence about measures that ends with a colon.
fn anchored_lists(text: &str, sentences: &[Range<usize>]) -> Vec<Item> {
    let mut out = Vec::new();
    // the sentences with an intro word (from the word index), in order
    for s in scan::ranges_holding(text, sentences, &LIST_INTRO_WORDS) {
        if !scan::ends_with_colon(text, s) {
            continue;
        }
        for r in scan::list_after(text, s.end) {
            out.push(Item {
                range: r,
                status: None,
                list_like: true,
            });
        }
    }
    out
}

/// A sentence that lists measures inline.
fn inline_sentences(text: &str, sentences: &[Range<usize>]) -> Vec<Item> {
    scan::ranges_holding(text, sentences, &INLINE_WORDS)
        .into_iter()
        .filter(|s| {
            let sent = &text[(*s).clone()];
            !scan::ends_with_colon(text, s)
                && !has_any(sent, &BREACH_WORDS)
                && ANCHOR_VERB.is_match(sent)
                && INLINE_LIST.is_match(sent)
        })
        .map(|s| Item {
            range: s.clone(),
            status: None,
            list_like: false,
        })
        .collect()
}

/// Candidate certification mentions (fast engines: no word boundaries); each
/// is then checked against the exact patterns.
static CERT_HINT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?:iso|nen|soc|isae|pci|bsi)[\s:/-]*(?:iec[\s:/-]*)?(?:\d{1,5}|dss|c5)")
});

fn certifications(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let mut found: Vec<(usize, &'static str, Range<usize>)> = Vec::new();
    for hint in CERT_HINT.find_iter(text) {
        let from = hint.start().saturating_sub(1);
        let from = (0..=from)
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(0);
        let to = (hint.end()..=text.len())
            .find(|i| text.is_char_boundary(*i) && (*i == text.len() || *i > hint.end()))
            .unwrap_or(text.len());
        let window = &text[from..to];
        for (re, name) in CERTS_SET.matches(window).iter().map(|i| &CERTS[i]) {
            if found.iter().any(|f| f.1 == *name) {
                continue;
            }
            if let Some(m) = re.find(window) {
                found.push((from + m.start(), name, from + m.start()..from + m.end()));
            }
        }
    }
    found.sort_by_key(|f| f.0);
    for (i, (_, name, r)) in found.into_iter().enumerate() {
        model.security.certifications.push(name.to_string());
        ctx.record(model, format!("security.certifications.{i}"), r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use MeasureCategory as C;

    fn run(text: &str) -> Model {
        crate::ctx::run_extractor(text, extract)
    }

    /// The items an extraction keeps, as taken by [`Seen`] and as by a
    /// test against every range taken before, on the items of the fixtures
    /// (with a clause tree) and of hand-made ranges, empty ones among them.
    #[test]
    fn seen_overlap_equals_the_test_against_every_range() {
        fn kept(mut items: Vec<Range<usize>>, quick: bool) -> Vec<Range<usize>> {
            items.sort_by_key(|r| (r.start, r.len()));
            let (mut seen, mut all) = (Seen::default(), Vec::<Range<usize>>::new());
            let mut out = Vec::new();
            for r in items {
                let overlaps = if quick {
                    seen.overlaps(&r)
                } else {
                    all.iter().any(|s| s.start < r.end && r.start < s.end)
                };
                if !overlaps {
                    seen.push(r.clone());
                    all.push(r.clone());
                    out.push(r);
                }
            }
            out
        }
        let mut sets: Vec<Vec<Range<usize>>> = Vec::new();
        for raw in crate::test_fixtures::raw_texts() {
            let nt = dpa_model::NormalizedText::single_page(raw, dpa_model::SourceFormat::Text);
            let t = &nt.text;
            scan::begin_document(t);
            let tree = dpa_segment::segment(&nt);
            let ctx = Ctx::new(&nt, &tree);
            let sentences = scan::all_sentences(t);
            let mut items = section_items(&ctx);
            items.extend(anchored_lists(t, &sentences));
            items.extend(inline_sentences(t, &sentences));
            sets.push(items.into_iter().map(|i| i.range).collect());
            scan::end_document();
        }
        assert!(sets.iter().all(|s| s.len() > 5));
        sets.push(vec![
            5..5,
            5..9,
            0..5,
            9..9,
            8..12,
            12..12,
            12..20,
            3..3,
            20..20,
            19..19,
        ]);
        for items in sets {
            assert_eq!(kept(items.clone(), true), kept(items, false));
        }
    }

    fn cats(m: &Model) -> Vec<C> {
        let mut v: Vec<C> = m.security.measures.iter().map(|x| x.category).collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn one_measure_several_categories() {
        assert_eq!(
            classify("encryptie in rust en tijdens transport"),
            vec![C::EncryptionInTransit, C::EncryptionAtRest]
        );
        assert_eq!(
            classify("toegang met tweefactorauthenticatie"),
            vec![C::Mfa]
        );
        assert_eq!(
            classify("Laptops en USB-sticks worden versleuteld"),
            vec![C::DeviceEncryption]
        );
        assert_eq!(classify("Audit logs van toegang"), vec![C::Logging]);
    }

    /// The categories of `text` from a search of each category's pattern
    /// alone (what the joint search of [`CATEGORIES`] answers).
    fn classify_pattern_by_pattern(text: &str) -> Vec<C> {
        let cleaned = cleaned(text);
        let found = CATEGORY_PATTERNS
            .iter()
            .filter(|(_, p)| Regex::new(&format!("(?i){p}")).unwrap().is_match(&cleaned))
            .map(|(c, _)| *c)
            .collect();
        without_rest_for_devices(text, found)
    }

    /// The joint search of the categories answers as their patterns one
    /// by one: on every line and sentence-like part of the fixtures, and
    /// on texts made to hit each category.
    #[test]
    fn joint_search_answers_as_each_pattern_alone() {
        let mut texts: Vec<String> = vec![
            "auditlogging, systeemlogs en een logboek".into(),
            "Twee-factor authenticatie via een authenticator-app".into(),
            "ISO 27001 en NEN 7510 gecertificeerd; SOC 2".into(),
            "fysiek beveiligde serverruimte met camera's".into(),
            "anonymiseren, pseudonimiseren, dataminimalisatie".into(),
            "geïmplementeerde kwetsbaarheidsscans, CVE's en patches".into(),
            "wachtwoordbeleid, RBAC en least-privilege toegang".into(),
            "multi-tenant omgeving met row level security".into(),
            "bewustwordingstraining en geheimhouding (NDA)".into(),
            "incidentprocedure, firewalls, back-ups en een pentest".into(),
            "laptops en USB-sticks zijn versleuteld; verkeer via TLS".into(),
            "back-ups worden versleuteld opgeslagen (AES-256)".into(),
            String::new(),
        ];
        for raw in crate::test_fixtures::raw_texts() {
            texts.extend(raw.lines().map(str::to_string));
            texts.extend(raw.split(['.', ';']).map(str::to_string));
        }
        let mut hit = std::collections::BTreeSet::new();
        for text in &texts {
            let got = classify(text);
            assert_eq!(got, classify_pattern_by_pattern(text), "{text:?}");
            hit.extend(got);
        }
        for (c, p) in CATEGORY_PATTERNS {
            assert!(hit.contains(c), "{c:?} never matched: {p}");
        }
    }

    #[test]
    fn one_sentence_several_measures() {
        let m = run("2.3 Dienstverlener treft technische en organisatorische maatregelen, zoals versleuteling van opgeslagen bestanden, meerfactorauthenticatie en dagelijkse reservekopieën.");
        assert_eq!(cats(&m), vec![C::Mfa, C::EncryptionAtRest, C::Backup]);
        assert_eq!(
            classify("tweestapsverificatie en versleuteling van databases"),
            vec![C::Mfa, C::EncryptionAtRest]
        );
        assert_eq!(
            classify("stored data is encrypted; authorised staff only; antivirus"),
            vec![C::EncryptionAtRest, C::AccessControl, C::Network]
        );
    }

    #[test]
    fn informal_and_english_inline_lists() {
        let m = run("Wij beschermen je gegevens met passende organisatorische maatregelen, zoals encryptie van opgeslagen data en beveiligingsupdates.");
        assert_eq!(cats(&m), vec![C::EncryptionAtRest, C::Patching]);
        let m = run("The supplier implements appropriate organisational measures, including multi-factor authentication and daily backups.");
        assert_eq!(cats(&m), vec![C::Mfa, C::Backup]);
    }

    #[test]
    fn bullet_list_after_intro() {
        let m = run("3. Beveiliging\n\nVerwerker neemt onder meer de volgende maatregelen:\n• firewalls rond alle servers,\n• dagelijkse back-ups,\n• een geheimhoudingsverklaring voor medewerkers.\n");
        assert_eq!(cats(&m), vec![C::Backup, C::Confidentiality, C::Network]);
    }

    #[test]
    fn table_with_status_column() {
        let m = run("BIJLAGE 2 BEVEILIGING\n\nMaatregel\tBeschrijving\tStatus\nPatchbeleid\tMaandelijkse updates van servers\tActief\nOpleiding\tJaarlijkse awareness training\tGepland\n");
        assert_eq!(cats(&m), vec![C::Patching, C::Awareness]);
        assert_eq!(m.security.measures[0].status.as_deref(), Some("Actief"));
    }

    #[test]
    fn inline_list_in_a_sentence() {
        let m = run("Verwerker treft passende technische en organisatorische maatregelen (o.a. versleutelde opslag, MFA en logging).");
        assert_eq!(cats(&m), vec![C::Mfa, C::EncryptionAtRest, C::Logging]);
    }

    #[test]
    fn certifications_normalized() {
        let m = run("De datacenters zijn ISO:27001:2013 gecertificeerd en NEN-7510 gecertificeerd; de leverancier heeft een ISO 27001-gecertificeerde omgeving.");
        assert_eq!(m.security.certifications, vec!["ISO 27001", "NEN 7510"]);
    }

    /// Every certification is recognized, each once, in the order named.
    #[test]
    fn every_certification_in_order() {
        let m = run("Gecertificeerd: BSI C5, PCI-DSS, ISAE 3000, ISAE 3402, SOC 1, SOC 2, NEN 7510, ISO 22301, ISO 9001, ISO 27018, ISO 27017, ISO 27701 en ISO/IEC 27001 (ook ISO 27001).");
        let mut want: Vec<&str> = CERTIFICATIONS.iter().map(|(_, name)| *name).collect();
        want.reverse();
        assert_eq!(m.security.certifications, want);
    }

    #[test]
    fn status_words_fit_the_length_bound() {
        let longest = STATUS_WORDS.iter().map(|w| w.chars().count()).max();
        assert_eq!(longest, Some(STATUS_MAX_CHARS));
        assert!(is_status(" Geïmplementeerd. "));
        assert!(!is_status("Geïmplementeerd en actief"));
    }

    #[test]
    fn line_ranges_are_the_scan_lines() {
        let t = "a\nbc\x0cd\n\ne";
        for (i, j) in [(0, t.len()), (2, 7), (3, 3), (0, 1)] {
            assert_eq!(
                line_ranges(t, i..j).collect::<Vec<_>>(),
                scan::lines(t, i..j)
            );
        }
    }

    /// `anchored_lists` testing every sentence for a colon, then its words.
    fn anchored_lists_of_every_sentence(
        text: &str,
        sentences: &[Range<usize>],
    ) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for s in sentences {
            if !scan::ends_with_colon(text, s) || !has_any(&text[s.clone()], &LIST_INTRO_WORDS) {
                continue;
            }
            out.extend(scan::list_after(text, s.end));
        }
        out
    }

    #[test]
    fn anchored_lists_from_the_index_are_those_of_every_sentence() {
        let mut texts = crate::test_fixtures::raw_texts();
        texts.push(
            "De verwerker neemt de volgende beveiligingsmaatregelen:\n• versleuteling;\n• back-ups.\n\n\
             Security measures include:\n- MFA\n- logging\n\nGeen lijst: hier.\n"
                .to_string(),
        );
        let mut items = 0;
        for t in &texts {
            for _ in 0..2 {
                scan::begin_document(t);
                let sentences = scan::all_sentences(t);
                let expected = anchored_lists_of_every_sentence(t, &sentences);
                items += expected.len();
                let found: Vec<Range<usize>> = anchored_lists(t, &sentences)
                    .into_iter()
                    .map(|i| i.range)
                    .collect();
                assert_eq!(found, expected);
                scan::end_document();
            }
        }
        assert!(items >= 8, "{items}");
    }

    #[test]
    fn unrelated_text_gives_nothing() {
        let m = run(
            "Verwerker controleert de gegevens niet. Het SSL-certificaat wordt jaarlijks verlengd.",
        );
        assert!(m.security.measures.is_empty());
        assert!(m.security.certifications.is_empty());
    }
}
