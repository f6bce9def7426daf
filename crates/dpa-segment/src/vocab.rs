//! Data tables: topic vocabularies (Dutch and English) and part titles.
//!
//! Terms are lower case and match at the start of a word in lower-cased
//! text (`datalek` matches `datalekken`, not `zogenaamdedatalek`).
//! The weight says how specific a term is: 3 names the topic outright,
//! 2 is a strong hint, 1 a weak one (`duur`, `doel`, `maatregelen`).

use dpa_model::ClauseKind;

/// One topic term: the lower-case term, its topic and its weight.
pub type Term = (&'static str, ClauseKind, u8);

/// Topic terms, most specific first where terms overlap.
pub const TOPIC_TERMS: &[Term] = &[
    // breach
    ("datalek", ClauseKind::Breach, 3),
    ("data lek", ClauseKind::Breach, 3),
    ("inbreuk", ClauseKind::Breach, 3),
    ("beveiligingsincident", ClauseKind::Breach, 3),
    ("meldplicht", ClauseKind::Breach, 3),
    ("incident", ClauseKind::Breach, 2),
    ("als er iets misgaat", ClauseKind::Breach, 3),
    ("personal data breach", ClauseKind::Breach, 3),
    ("data breach", ClauseKind::Breach, 3),
    ("breach", ClauseKind::Breach, 3),
    // sub-processors
    ("sub-verwerker", ClauseKind::Subprocessors, 3),
    ("subverwerker", ClauseKind::Subprocessors, 3),
    ("sub verwerker", ClauseKind::Subprocessors, 3),
    ("sub-processor", ClauseKind::Subprocessors, 3),
    ("subprocessor", ClauseKind::Subprocessors, 3),
    ("sub-procesor", ClauseKind::Subprocessors, 3),
    ("sub processor", ClauseKind::Subprocessors, 3),
    ("partijen die wij inschakelen", ClauseKind::Subprocessors, 3),
    ("derden inschakelen", ClauseKind::Subprocessors, 2),
    ("hulppersonen", ClauseKind::Subprocessors, 1),
    // transfers
    ("doorgifte", ClauseKind::Transfers, 3),
    ("doorgiften", ClauseKind::Transfers, 3),
    ("buiten de eer", ClauseKind::Transfers, 3),
    ("buiten de eu", ClauseKind::Transfers, 3),
    ("buiten de europese", ClauseKind::Transfers, 3),
    ("derde landen", ClauseKind::Transfers, 2),
    ("internationale", ClauseKind::Transfers, 2),
    ("international transfer", ClauseKind::Transfers, 3),
    ("transfers", ClauseKind::Transfers, 3),
    ("transfer", ClauseKind::Transfers, 2),
    // confidentiality
    ("geheimhouding", ClauseKind::Confidentiality, 3),
    ("vertrouwelijkheid", ClauseKind::Confidentiality, 3),
    ("non-disclosure", ClauseKind::Confidentiality, 3),
    ("confidentiality", ClauseKind::Confidentiality, 3),
    ("vertrouwelijk", ClauseKind::Confidentiality, 2),
    // data-subject rights
    ("rechten van betrokkenen", ClauseKind::DataSubjectRights, 3),
    ("rechten betrokkenen", ClauseKind::DataSubjectRights, 3),
    (
        "rechten van de betrokkenen",
        ClauseKind::DataSubjectRights,
        3,
    ),
    (
        "verzoeken van betrokkenen",
        ClauseKind::DataSubjectRights,
        3,
    ),
    ("verzoeken betrokkenen", ClauseKind::DataSubjectRights, 3),
    ("zijn rechten inroept", ClauseKind::DataSubjectRights, 3),
    ("rechten inroept", ClauseKind::DataSubjectRights, 3),
    ("rechten inroepen", ClauseKind::DataSubjectRights, 3),
    ("rechten uitoefent", ClauseKind::DataSubjectRights, 3),
    ("rechten uitoefenen", ClauseKind::DataSubjectRights, 3),
    ("data subject rights", ClauseKind::DataSubjectRights, 3),
    ("data subject", ClauseKind::DataSubjectRights, 2),
    ("inzageverzoek", ClauseKind::DataSubjectRights, 2),
    // audit
    ("audit", ClauseKind::Audit, 3),
    ("inspectie", ClauseKind::Audit, 3),
    ("nalevingsdocumentatie", ClauseKind::Audit, 3),
    ("informatieplicht", ClauseKind::Audit, 2),
    ("controle", ClauseKind::Audit, 2),
    ("compliance", ClauseKind::Audit, 1),
    // liability
    ("aansprakelijkheid", ClauseKind::Liability, 3),
    ("aansprakelijk", ClauseKind::Liability, 2),
    ("vrijwaring", ClauseKind::Liability, 3),
    ("liability", ClauseKind::Liability, 3),
    ("indemn", ClauseKind::Liability, 3),
    // law
    ("toepasselijk recht", ClauseKind::Law, 3),
    ("geschillen", ClauseKind::Law, 3),
    ("geschil", ClauseKind::Law, 2),
    ("bevoegde rechter", ClauseKind::Law, 3),
    ("rechtskeuze", ClauseKind::Law, 3),
    ("forumkeuze", ClauseKind::Law, 3),
    ("governing law", ClauseKind::Law, 3),
    ("applicable law", ClauseKind::Law, 3),
    ("jurisdiction", ClauseKind::Law, 3),
    ("nederlands recht", ClauseKind::Law, 2),
    // precedence
    ("rangorde", ClauseKind::Precedence, 3),
    ("tegenstrijdigheid", ClauseKind::Precedence, 3),
    ("strijdigheid", ClauseKind::Precedence, 3),
    ("prevaleert", ClauseKind::Precedence, 2),
    ("voorrang", ClauseKind::Precedence, 2),
    ("precedence", ClauseKind::Precedence, 3),
    ("order of precedence", ClauseKind::Precedence, 3),
    // definitions
    ("definities", ClauseKind::Definitions, 3),
    ("begrippen", ClauseKind::Definitions, 3),
    ("begripsbepalingen", ClauseKind::Definitions, 3),
    ("definitions", ClauseKind::Definitions, 3),
    // assistance
    ("bijstand", ClauseKind::Assistance, 3),
    ("medewerking", ClauseKind::Assistance, 2),
    ("ondersteuning", ClauseKind::Assistance, 2),
    ("verleent ondersteuning", ClauseKind::Assistance, 3),
    ("ondersteuning bij", ClauseKind::Assistance, 3),
    ("ondersteunt", ClauseKind::Assistance, 3),
    ("ondersteunen", ClauseKind::Assistance, 3),
    ("assisteert", ClauseKind::Assistance, 3),
    ("bijstaan", ClauseKind::Assistance, 3),
    ("verleent bijstand", ClauseKind::Assistance, 3),
    ("assistance", ClauseKind::Assistance, 3),
    ("dpia", ClauseKind::Assistance, 2),
    (
        "gegevensbeschermingseffectbeoordeling",
        ClauseKind::Assistance,
        2,
    ),
    // termination
    ("beëindiging", ClauseKind::Termination, 3),
    ("beeindiging", ClauseKind::Termination, 3),
    ("einde", ClauseKind::Termination, 2),
    ("looptijd", ClauseKind::Termination, 2),
    ("duur", ClauseKind::Termination, 1),
    ("verwijdering", ClauseKind::Termination, 2),
    ("teruggave", ClauseKind::Termination, 3),
    ("retourneert", ClauseKind::Termination, 3),
    ("terugleveren", ClauseKind::Termination, 3),
    ("verwijdert of", ClauseKind::Termination, 3),
    ("retournering", ClauseKind::Termination, 3),
    ("wissing", ClauseKind::Termination, 3),
    ("als het stopt", ClauseKind::Termination, 3),
    ("termination", ClauseKind::Termination, 3),
    ("deletion", ClauseKind::Termination, 3),
    ("return of data", ClauseKind::Termination, 3),
    // instructions
    ("instructies", ClauseKind::Instructions, 3),
    ("instructie", ClauseKind::Instructions, 3),
    ("wat jij opdraagt", ClauseKind::Instructions, 3),
    ("instructions", ClauseKind::Instructions, 3),
    // security
    ("beveiliging", ClauseKind::Security, 2),
    ("beveiligingsmaatregelen", ClauseKind::Security, 3),
    ("beveiligingsbeleid", ClauseKind::Security, 3),
    ("technische en organisatorische", ClauseKind::Security, 3),
    ("informatiebeveiliging", ClauseKind::Security, 3),
    ("passende beveiliging", ClauseKind::Security, 3),
    ("beveiligingsniveau", ClauseKind::Security, 3),
    ("maatregelen", ClauseKind::Security, 1),
    ("security", ClauseKind::Security, 3),
    ("encryptie", ClauseKind::Security, 1),
    ("versleuteling", ClauseKind::Security, 1),
    // scope
    ("onderwerp", ClauseKind::Scope, 2),
    ("doel en aard", ClauseKind::Scope, 3),
    ("aard en doel", ClauseKind::Scope, 3),
    ("aard, doel", ClauseKind::Scope, 3),
    ("omschrijving", ClauseKind::Scope, 2),
    ("beoogd gebruik", ClauseKind::Scope, 3),
    ("soorten persoonsgegevens", ClauseKind::Scope, 3),
    ("categorieën", ClauseKind::Scope, 2),
    ("categorieen", ClauseKind::Scope, 2),
    ("persoonsgegevens", ClauseKind::Scope, 1),
    ("doeleinden", ClauseKind::Scope, 1),
    ("doel", ClauseKind::Scope, 1),
    ("aard", ClauseKind::Scope, 1),
    ("locatie", ClauseKind::Scope, 1),
    ("waar het over gaat", ClauseKind::Scope, 3),
    ("subject matter", ClauseKind::Scope, 3),
    ("scope", ClauseKind::Scope, 3),
    ("purpose", ClauseKind::Scope, 2),
    // signature
    ("ondertekening", ClauseKind::Signature, 3),
    ("akkoordverklaring", ClauseKind::Signature, 3),
    ("akkoord", ClauseKind::Signature, 2),
    ("handtekeningen", ClauseKind::Signature, 2),
    ("ondertekend", ClauseKind::Signature, 2),
    ("aldus overeengekomen", ClauseKind::Signature, 3),
    ("signature", ClauseKind::Signature, 3),
    // annex
    ("bijlage", ClauseKind::Annex, 2),
    ("bijlagen", ClauseKind::Annex, 3),
    ("annex", ClauseKind::Annex, 2),
    ("appendix", ClauseKind::Annex, 2),
    // parties
    ("partijen", ClauseKind::Parties, 2),
    ("wie is wie", ClauseKind::Parties, 3),
    ("rollen", ClauseKind::Parties, 2),
    ("hierna te noemen", ClauseKind::Parties, 3),
    ("hierna:", ClauseKind::Parties, 2),
    ("parties", ClauseKind::Parties, 3),
    // other
    ("wijzigingen", ClauseKind::Other, 1),
    ("wijziging", ClauseKind::Other, 1),
    ("overdracht", ClauseKind::Other, 1),
    ("slotbepalingen", ClauseKind::Other, 1),
    ("overige bepalingen", ClauseKind::Other, 1),
    ("vragen", ClauseKind::Other, 1),
    ("contactgegevens", ClauseKind::Other, 1),
];

/// The kind of a document part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// `DEEL 1`, `Deel II`.
    Deel,
    /// `Bijlage A`, `BIJLAGE 2 - ...`, `Annex 1`.
    Annex,
    /// `Overwegingen`, preamble, recitals.
    Preamble,
    /// `Akkoordverklaring`, `Ondertekening`: signature blocks.
    Signature,
}

/// Words that open a numbered part (`Deel 1`) and its kind.
pub const PART_WORDS: &[(&str, PartKind)] = &[
    ("deel", PartKind::Deel),
    ("part", PartKind::Deel),
    ("hoofdstuk", PartKind::Deel),
    ("bijlage", PartKind::Annex),
    ("annex", PartKind::Annex),
    ("appendix", PartKind::Annex),
    ("schedule", PartKind::Annex),
];

/// Whole-line titles (lower case, without a final colon) that open a part.
pub const PART_TITLES: &[(&str, PartKind)] = &[
    ("overwegingen", PartKind::Preamble),
    ("considerans", PartKind::Preamble),
    ("preambule", PartKind::Preamble),
    ("in aanmerking nemende", PartKind::Preamble),
    ("in aanmerking nemende dat", PartKind::Preamble),
    ("nemen het volgende in aanmerking", PartKind::Preamble),
    ("recitals", PartKind::Preamble),
    ("whereas", PartKind::Preamble),
    ("akkoordverklaring", PartKind::Signature),
    ("ondertekening", PartKind::Signature),
    ("handtekeningen", PartKind::Signature),
    ("aldus overeengekomen", PartKind::Signature),
    ("aldus overeengekomen en ondertekend", PartKind::Signature),
    ("voor akkoord", PartKind::Signature),
    ("signatures", PartKind::Signature),
];

/// Words that, as the whole of a one-word line, make a plausible heading
/// even though they name no topic (document titles).
pub const TITLE_WORD_ENDINGS: &[&str] = &["overeenkomst", "statement", "agreement", "voorwaarden"];

/// Words that mark a phrase as a sentence rather than a heading
/// (finite verbs and pronouns that headings do not use).
pub const SENTENCE_WORDS: &[&str] = &[
    "is", "zijn", "wordt", "worden", "heeft", "hebben", "zal", "zullen", "kan", "kunnen", "mag",
    "mogen", "moet", "moeten", "verwerkt", "geldt", "wij", "we", "je", "jij", "u", "ik", "hij",
    "zij", "dit", "deze", "dat", "die", "er", "niet",
];

/// Words a title does not end with: a line ending in one is a wrapped sentence.
pub const DANGLING_WORDS: &[&str] = &[
    "de", "het", "een", "van", "en", "of", "in", "op", "aan", "binnen", "met", "voor", "door",
    "te", "tot", "bij", "naar", "om", "uit", "over", "die", "dat", "als", "the", "of", "and", "to",
    "for",
];

/// Phrases (folded) saying an obligation survives the end of the agreement:
/// a clause that only mentions termination this way keeps its parent's topic.
pub const SURVIVAL_PHRASES: &[&str] = &[
    "blijft bestaan",
    "blijven bestaan",
    "blijft van kracht",
    "blijven van kracht",
    "blijft gelden",
    "blijven gelden",
    "survive",
];

/// The words of an article marker (`Artikel 3`, `Art. 3`), case as written.
pub const ARTICLE_WORDS: &[&str] = &["Artikel", "ARTIKEL", "Art.", "ART.", "Article", "ARTICLE"];

/// The lower-case first words of article markers (`Art.` without its dot).
pub const ARTICLE_OPENERS: &[&str] = &["artikel", "art", "article"];

/// Chars that open a bulleted item (`• tekst`, `- tekst`).
pub const BULLETS: &[char] = &[
    '•', '·', '▪', '◦', '○', '■', '►', '‣', '⁃', '-', '–', '—', '*',
];
