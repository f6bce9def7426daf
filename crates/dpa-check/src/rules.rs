//! The Art. 28(3) requirements and finding texts as DATA, readable and
//! extendable by a lawyer.
//!
//! # How a requirement is decided
//!
//! The document is read sentence by sentence (see `sentences.rs`). Each
//! requirement lists *elements* — the things an agreement says to meet it
//! (e.g. for 28.3.d: consent to sub-processors, flow-down of the same
//! obligations, notice of changes with a right to object). An element is
//! found in a sentence when
//!
//! 1. one of its `phrases` occurs in the sentence,
//! 2. one of its `with` phrases (if any) also occurs in that same sentence,
//! 3. one of its `context` phrases (if any) occurs in the clause the sentence
//!    belongs to (its own text and the headings above it) — or the clause (or
//!    a clause above it) has one of the element's `topics` as its kind,
//! 4. the sentence is not negated: none of [`NEGATIONS`] and none of the
//!    requirement's own `negations` occurs in it (`Verwerker is niet verplicht ...`),
//! 5. the sentence does not merely defer to standard clauses that are not part
//!    of the document ([`DEFERRALS`]); such a sentence counts only as a weak hit.
//!
//! The status is `met` when the found strong elements cover one of the
//! requirement's `met_when` sets, `partial` when any element (strong or weak)
//! was found, `missing` otherwise.
//!
//! Phrases are regular expressions (matched case-insensitively, on whole
//! sentences with whitespace collapsed).

use dpa_model::{ClauseKind, Severity};

/// Whether an element can make a requirement `met` or only `partial`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Counts towards `met_when`.
    Strong,
    /// Only ever makes a requirement `partial`.
    Weak,
}

/// One thing an agreement says towards a requirement.
#[derive(Debug)]
pub struct Element {
    pub name: &'static str,
    pub strength: Strength,
    /// One of these must occur in the sentence.
    pub phrases: &'static [&'static str],
    /// One of these must also occur in the same sentence (empty: no condition).
    pub with: &'static [&'static str],
    /// One of these must occur in the clause or its headings (empty: no condition) ...
    pub context: &'static [&'static str],
    /// ... unless the clause (or one above it) has one of these topics.
    pub topics: &'static [ClauseKind],
}

/// One Art. 28(3) requirement.
#[derive(Debug)]
pub struct RequirementRule {
    pub code: &'static str,
    pub title_nl: &'static str,
    pub title_en: &'static str,
    pub elements: &'static [Element],
    /// `met` when all elements of any one of these sets are found (strong hits).
    pub met_when: &'static [&'static [&'static str]],
    /// Negations specific to this requirement (on top of [`NEGATIONS`]).
    pub negations: &'static [&'static str],
    /// A negated sentence that also holds one of these is not negated after
    /// all (a double negation: `geen sub-verwerkers ... zonder toestemming`).
    pub negation_exceptions: &'static [&'static str],
}

// ---------------------------------------------------------------------------
// Shared vocabulary
// ---------------------------------------------------------------------------

/// Helping / assisting the controller.
const ASSIST: &[&str] = &[
    r"\bondersteun\w*",
    r"\bbijsta\w*",
    r"\bbij\s+te\s+staan\b",
    r"\bbijstand\b",
    r"\bassist\w*",
    r"\bhelp\w*",
    r"\bhulp\b",
    r"\bmedewerking\b",
    r"\bwerk\w*\s+(\S+\s+){0,4}mee\b",
    r"\bmee\s*(te\s+)?werk\w*",
    r"\bmeewerk\w*",
    r"\bfaciliteer\w*",
];

/// Data-subject rights and requests.
const DATA_SUBJECT_RIGHTS: &[&str] = &[
    r"\bverzoek\w*\s+(\S+\s+){0,2}(van|door|tot|betreffende|namens)\s+(een\s+|de\s+)?betrokkenen?\b",
    r"\brechten\s+van\s+(de\s+)?betrokkenen?\b",
    r"\bbetrokkenen?\s+(\S+\s+){0,3}(zijn|hun)\s+rechten\b",
    r"\b(zijn|haar|hun)\s+rechten\s+(in\s*roept|inroep\w*|uitoefen\w*|uit\s*oefen\w*)",
    r"\buitoefening\s+van\s+(hun|de)\s+rechten\b",
    r"\binzage\b",
    r"\brectificatie\b",
    r"\bcorrectie\b",
    r"\bdataportabiliteit\b",
    r"\boverdraagbaarheid\b",
    r"\bartikel(en)?\s+12\s*(tot\s+en\s+met|t/m|-|–)\s*2[0-3]\b",
    r"\bdata\s+subjects?('s?)?\s+(rights|requests?)\b",
    r"\brights\s+of\s+(the\s+)?data\s+subjects?\b",
];

/// Sub-processors (the clause must be about them).
const SUBPROCESSOR_CONTEXT: &[&str] = &[
    r"\bsub-?\s?verwerk\w*",
    r"\bsubverwerk\w*",
    r"\bhulpverwerk\w*",
    r"\bsub-?\s?processors?\b",
    r"\bsubprocessors?\b",
    r"\b(derden|partijen|partij|derde)\s+(\S+\s+){0,3}(in\s*te\s+schakelen|inschakel\w*|schakel\w*\s+in)",
    r"\binschakel\w*\s+van\s+(een\s+)?(derden|derde|andere\s+partij)",
    r"\buitbested\w*",
    r"\bderden\s+(\S+\s+){0,3}(te\s+)?betrekken\b",
    r"\banother\s+processor\b",
];

/// End of the agreement or service.
const END_OF_AGREEMENT: &[&str] = &[
    r"\bbe[eë]indig\w*",
    r"\beinde\b",
    r"\beindigt\b",
    r"\bafloop\b",
    r"\bstopt\b",
    r"\bopzegging\b",
    r"\btermination\b",
    r"\bend\s+of\s+the\b",
];

/// Deleting or returning data.
const DELETE: &[&str] = &[
    r"\bverwijder\w*",
    r"\bwis(sen|t)\b",
    r"\bvernietig\w*",
    r"\bdelet\w*",
    r"\berase\w*",
];
const RETURN: &[&str] = &[
    r"\bretourne\w*",
    r"\bterug\s*(te\s+)?(leveren|geven|sturen|bezorgen)\b",
    r"\bteruglever\w*",
    r"\bteruggave\b",
    r"\bteruggeven\b",
    r"\bgeeft\s+(\S+\s+){0,4}terug\b",
    r"\blevert\s+(\S+\s+){0,4}terug\b",
    r"\breturn\w*",
];

/// The personal data (object of deletion / return).
const DATA: &[&str] = &[
    r"\bgegevens\b",
    r"\bpersoonsgegevens\b",
    r"\bdata\b",
    r"\bkopie\w*",
    r"\bback-?ups?\b",
];

/// Breach / incident.
const BREACH: &[&str] = &[
    r"\bdatalek\w*",
    r"\binbreuk\w*",
    r"\bbeveiligingsincident\w*",
    r"\bincident\w*",
    r"\bpersonal\s+data\s+breach\w*",
    r"\bbreach\w*",
];
const NOTIFY: &[&str] = &[
    r"\bmeld\w*",
    r"\binformeer\w*",
    r"\binformeert\b",
    r"\bop\s+de\s+hoogte\b",
    r"\bin\s+kennis\b",
    r"\bkennisgev\w*",
    r"\bnotif\w*",
];

// ---------------------------------------------------------------------------
// Negations and deferrals
// ---------------------------------------------------------------------------

/// A sentence holding one of these does not establish an obligation.
pub const NEGATIONS: &[&str] = &[
    r"\b(niet|geen|nimmer|nooit)\s+(\S+\s+){0,1}(verplicht|gehouden|gebonden|vereist)\b",
    r"\bgeen\s+(\S+\s+){0,1}(verplichting|plicht|recht)\b",
    r"\bhoe(ft|ven)\b[^.;]*\bniet\b",
    r"\bgeen\s+(\S+\s+){0,2}(bijstand|ondersteuning|medewerking|hulp)\b",
    r"\bis\s+niet\s+van\s+toepassing\b",
    r"\bniet\s+(\S+\s+){0,2}(toegestaan|mogelijk)\b",
    r"\bnot\s+(be\s+)?(obliged|obligated|required|bound)\b",
    r"\bno\s+(obligation|duty|right)\b",
];

/// A sentence that only points at standard clauses not included in the
/// document (NLdigital Data Pro Standaardclausules) is not credited with
/// what those clauses say: its hits count as weak.
pub const DEFERRALS: &[&str] = &[
    r"\bstandaardclausules\b",
    r"\bstandaard\s*clausules\b",
    r"\bnldigital\s+voorwaarden\b",
    r"\bstandard\s+clauses\b",
];

// ---------------------------------------------------------------------------
// The eight requirements
// ---------------------------------------------------------------------------

use ClauseKind as K;
use Strength::{Strong, Weak};

pub const REQUIREMENTS: &[RequirementRule] = &[
    RequirementRule {
        code: "28.3.a",
        title_nl: "Verwerking uitsluitend op gedocumenteerde instructies",
        title_en: "Processing only on documented instructions",
        elements: &[
            Element {
                name: "instructions",
                strength: Strong,
                phrases: &[
                    r"\b(op|volgens|conform|overeenkomstig|krachtens)\s+(\S+\s+){0,6}(instructies?|aanwijzingen)\b",
                    r"\b(instructies?|aanwijzingen)\b[^.;]{0,60}\b(op\s+te\s+volgen|opvolgen|opvolgt|naleven|na\s+te\s+leven|naleeft)\b",
                    r"\b(instructies?|aanwijzingen)\s+naleven\b",
                    r"\bvolg\w*\s+(\S+\s+){0,8}(instructies?|aanwijzingen)\b",
                    r"\buitsluitend\s+(\S+\s+){0,3}in\s+opdracht\s+van\s+(de\s+|het\s+)?(verwerkingsverantwoordelijke|verantwoordelijke|opdrachtgever|klant|controller)",
                    r"\b(documented|written)\s+instructions?\b",
                    r"\bon\s+(the\s+)?(\S+\s+){0,2}instructions?\b",
                ],
                with: &[],
                context: &[],
                topics: &[],
            },
            Element {
                name: "purpose_bound",
                strength: Weak,
                phrases: &[
                    r"\buitsluitend\s+(voor|ten\s+behoeve\s+van|om|in\s+opdracht|namens)\b",
                    r"\balleen\s+(\S+\s+){0,2}op\s+verzoek\s+van\b",
                    r"\b(niet|nooit)\s+voor\s+eigen\s+doeleinden\b",
                    r"\bbepaalt\s+(het\s+)?doel\s+en\s+(de\s+)?middelen\b",
                    r"\bin\s+opdracht\s+van\b",
                    r"\bonly\s+for\s+the\s+purpose",
                ],
                with: &[],
                context: &[],
                topics: &[K::Instructions],
            },
        ],
        met_when: &[&["instructions"]],
        negations: &[],
        negation_exceptions: &[],
    },
    RequirementRule {
        code: "28.3.b",
        title_nl: "Geheimhoudingsplicht van personen met toegang",
        title_en: "Confidentiality of persons authorised to process",
        elements: &[
            Element {
                name: "secrecy_duty",
                strength: Strong,
                phrases: &[
                    r"\bgeheimhouding\w*",
                    r"\bgeheim\s+(te\s+)?houden\b",
                    r"\bgeheimhouden\b",
                    r"\bconfidentiality\b",
                ],
                with: &[
                    r"\bgebonden\b",
                    r"\bverplicht\w*",
                    r"\bverbonden\b",
                    r"\bbind\w*",
                    r"\bwaarborg\w*",
                    r"\bgeborgd\b",
                    r"\bverleent\b",
                    r"\bopgelegd\b",
                    r"\bopleg\w*",
                    r"\blegt\b",
                    r"\b(zal|zullen)\b",
                    r"\bondertek\w*",
                    r"\btekenen\b",
                    r"\bhouden\b",
                    r"\bin\s+acht\b",
                    r"\bbound\b",
                    r"\bobligat\w*",
                    r"\bensure\w*",
                    r"\bcommitted\b",
                ],
                context: &[],
                topics: &[],
            },
            Element {
                name: "confidential_staff",
                strength: Strong,
                phrases: &[r"\bvertrouwelijk\w*", r"\bconfidential\b"],
                with: &[
                    r"\b(medewerkers|personeel|personen|werknemers|iedereen|hulppersonen|staff|employees|persons)\b",
                ],
                context: &[],
                topics: &[],
            },
            Element {
                name: "confidential_mention",
                strength: Weak,
                phrases: &[
                    r"\bgeheimhouding\w*",
                    r"\bvertrouwelijk\w*",
                    r"\bconfidential\w*",
                ],
                with: &[],
                context: &[],
                topics: &[],
            },
        ],
        met_when: &[&["secrecy_duty"], &["confidential_staff"]],
        negations: &[],
        negation_exceptions: &[],
    },
    RequirementRule {
        code: "28.3.c",
        title_nl: "Beveiligingsmaatregelen (art. 32 AVG)",
        title_en: "Security measures (Art. 32 GDPR)",
        elements: &[
            Element {
                name: "toms",
                strength: Strong,
                phrases: &[
                    r"\btechnische\s+en\s+organisatorische\s+(\S+\s+)?maatregelen\b",
                    r"\bpassende?\s+(\S+\s+){0,2}(beveiliging|beveiligingsniveau|informatiebeveiligingsniveau|beveiligingsmaatregelen)\b",
                    r"\btechnical\s+and\s+organi[sz]ational\s+(security\s+)?measures\b",
                ],
                with: &[],
                context: &[],
                topics: &[],
            },
            Element {
                name: "measures_taken",
                strength: Strong,
                phrases: &[
                    r"\bbeveiligingsmaatregelen\b",
                    r"\bmaatregelen\b",
                    r"\bsecurity\s+measures\b",
                ],
                with: &[
                    r"\bgenomen\b",
                    r"\bgetroffen\b",
                    r"\btreft\b",
                    r"\btreffen\b",
                    r"\bnemen\b",
                    r"\bneemt\b",
                    r"\bge[iï]mplementeerd\b",
                    r"\bartikel\s+32\b",
                    r"\bimplemented\b",
                ],
                context: &[r"\bbeveilig\w*", r"\bsecurity\b"],
                topics: &[K::Security],
            },
            Element {
                name: "security_mention",
                strength: Weak,
                phrases: &[
                    r"\bbeveiligingsmaatregel\w*",
                    r"\bversleutel\w*",
                    r"\bencryptie\b",
                    r"\btoegangsbeveiliging\b",
                    r"\bencrypt\w*",
                ],
                with: &[],
                context: &[],
                topics: &[],
            },
        ],
        met_when: &[&["toms"], &["measures_taken"]],
        negations: &[],
        negation_exceptions: &[],
    },
    RequirementRule {
        code: "28.3.d",
        title_nl: "Voorwaarden voor sub-verwerkers (art. 28 lid 2 en 4)",
        title_en: "Conditions for engaging sub-processors (Art. 28(2) and (4))",
        elements: &[
            Element {
                name: "consent",
                strength: Strong,
                phrases: &[
                    r"\btoestemming\b",
                    r"\bmag\s+(\S+\s+){0,4}(in\s*te\s+schakelen|inschakelen)\b",
                    r"\bmogen\s+(\S+\s+){0,4}(in\s*te\s+schakelen|inschakelen)\b",
                    r"\b(authori[sz]ation|consent)\b",
                ],
                with: &[],
                context: SUBPROCESSOR_CONTEXT,
                topics: &[K::Subprocessors],
            },
            Element {
                name: "flow_down",
                strength: Strong,
                phrases: &[
                    r"\b(dezelfde|gelijkwaardige?|gelijke)\s+(\S+\s+){0,3}(verplichtingen|afspraken|beschermingsniveau|eisen|voorwaarden)\b",
                    r"\bhetzelfde\s+(\S+\s+){0,4}niveau\b",
                    r"\bniet\s+minder\s+(streng|strenge|beschermend|beschermende)\b",
                    r"\b(ten\s+minste|minimaal|minstens)\s+(een\s+)?(gelijkwaardig|gelijk|dezelfde|hetzelfde)\w*",
                    r"\bverwerkersovereenkomst\w*\s+(\S+\s+){0,2}(gesloten|afgesloten)\b",
                    r"\b(same|equivalent)\s+(data\s+protection\s+)?obligations\b",
                ],
                with: &[],
                context: SUBPROCESSOR_CONTEXT,
                topics: &[K::Subprocessors],
            },
            Element {
                name: "changes",
                strength: Strong,
                phrases: &[
                    r"\bbezwaar\w*",
                    r"\bobject\w*",
                    r"\b(informeert|informeren|meldt|melden|kondigt|aankondig\w*|laten\s+(\S+\s+){0,3}weten|gemeld|kennisgev\w*)\b[^.;]*\b(nieuwe|wijziging\w*|toevoeg\w*|vervang\w*)",
                    r"\b(nieuwe|wijziging\w*|toevoeg\w*|vervang\w*)\b[^.;]*\b(vooraf|van\s+tevoren|voorafgaand)\b",
                ],
                with: &[],
                context: SUBPROCESSOR_CONTEXT,
                topics: &[K::Subprocessors],
            },
            Element {
                name: "subprocessor_mention",
                strength: Weak,
                phrases: SUBPROCESSOR_CONTEXT,
                with: &[],
                context: &[],
                topics: &[],
            },
        ],
        met_when: &[
            &["consent", "flow_down"],
            &["consent", "changes"],
            &["flow_down", "changes"],
        ],
        negations: &[r"\bzonder\s+(\S+\s+){0,3}(toestemming|instemming|goedkeuring)\b"],
        negation_exceptions: &[r"\b(geen|niet|nooit)\b[^.;]*\bzonder\b"],
    },
    RequirementRule {
        code: "28.3.e",
        title_nl: "Bijstand bij verzoeken van betrokkenen",
        title_en: "Assistance with data-subject requests",
        elements: &[
            Element {
                name: "assistance",
                strength: Strong,
                phrases: ASSIST,
                with: &[],
                context: DATA_SUBJECT_RIGHTS,
                topics: &[K::DataSubjectRights],
            },
            Element {
                name: "rights_mention",
                strength: Weak,
                phrases: DATA_SUBJECT_RIGHTS,
                with: &[],
                context: &[],
                topics: &[],
            },
        ],
        met_when: &[&["assistance"]],
        negations: &[],
        negation_exceptions: &[],
    },
    RequirementRule {
        code: "28.3.f",
        title_nl: "Bijstand bij art. 32–36 AVG (beveiliging, datalekken, DPIA)",
        title_en: "Assistance with Art. 32–36 GDPR (security, breaches, DPIA)",
        elements: &[
            Element {
                name: "art32_36_assistance",
                strength: Strong,
                phrases: &[
                    r"\bartikel(en)?\s+32\s*(tot\s+en\s+met|t/m|-|–)\s*36\b",
                    r"\b32\s*(tot\s+en\s+met|t/m|-|–)\s*36\s+(avg|gdpr)\b",
                    r"\bdpia\w*",
                    r"\bgegevensbeschermingseffectbeoordeling\w*",
                    r"\bdata\s+protection\s+impact\s+assessment\w*",
                    r"\bvoorafgaande\s+raadpleging\b",
                    r"\bprior\s+consultation\b",
                    r"\barticles?\s+32\s*(to|-|–)\s*36\b",
                ],
                with: ASSIST,
                context: &[],
                topics: &[],
            },
            Element {
                name: "art32_36_mention",
                strength: Weak,
                phrases: &[
                    r"\bartikel(en)?\s+32\s*(tot\s+en\s+met|t/m|-|–)\s*36\b",
                    r"\bdpia\w*",
                    r"\bgegevensbeschermingseffectbeoordeling\w*",
                    r"\bvoorafgaande\s+raadpleging\b",
                ],
                with: &[],
                context: &[],
                topics: &[],
            },
            Element {
                name: "breach_notification",
                strength: Weak,
                phrases: BREACH,
                with: NOTIFY,
                context: &[],
                topics: &[],
            },
        ],
        met_when: &[&["art32_36_assistance"]],
        negations: &[],
        negation_exceptions: &[],
    },
    RequirementRule {
        code: "28.3.g",
        title_nl: "Verwijderen of terugbezorgen na afloop",
        title_en: "Deletion or return at the end of the services",
        elements: &[
            Element {
                name: "delete_or_return_at_end",
                strength: Strong,
                phrases: DELETE,
                with: &[],
                context: END_OF_AGREEMENT,
                topics: &[K::Termination],
            },
            Element {
                name: "return_at_end",
                strength: Strong,
                phrases: RETURN,
                with: DATA,
                context: END_OF_AGREEMENT,
                topics: &[K::Termination],
            },
            Element {
                name: "export_at_end",
                strength: Weak,
                phrases: &[r"\bexport\w*", r"\bter\s+beschikking\b"],
                with: DATA,
                context: END_OF_AGREEMENT,
                topics: &[K::Termination],
            },
            Element {
                name: "deletion_mention",
                strength: Weak,
                phrases: DELETE,
                with: DATA,
                context: &[],
                topics: &[],
            },
        ],
        met_when: &[&["delete_or_return_at_end"], &["return_at_end"]],
        negations: &[],
        negation_exceptions: &[],
    },
    RequirementRule {
        code: "28.3.h",
        title_nl: "Informatie en audits ter controle van naleving",
        title_en: "Information and audits to demonstrate compliance",
        elements: &[
            Element {
                name: "audit_right",
                strength: Strong,
                phrases: &[
                    r"\baudits?\b",
                    r"\binspecties?\b",
                    r"\bcontroles?\b",
                    r"\bcontroleren\b",
                    r"\binspections?\b",
                ],
                with: &[
                    r"\brecht\b",
                    r"\bmag\b",
                    r"\bmogen\b",
                    r"\btoe\s*(te\s+)?staan\b",
                    r"\bstaat\b[^.;]{0,80}\btoe\b",
                    r"\bin\s+staat\s+(te\s+)?stell\w*",
                    r"\bmedewerking\b",
                    r"\bwerk\w*\s+(\S+\s+){0,4}mee\b",
                    r"\bgepland\b",
                    r"\bgerechtigd\b",
                    r"\bbevoegd\b",
                    r"\b(kan|kunnen)\s+(\S+\s+){0,6}(laten\s+)?(uitvoeren|verrichten|controleren|inspecteren)\b",
                    r"\bonderwerp\w*\s+(\S+\s+){0,3}aan\b",
                    r"\binzichtelijk\b",
                    r"\bfaciliteer\w*",
                    r"\bright\b",
                    r"\ballow\w*",
                    r"\bpermit\w*",
                    r"\bmay\b",
                ],
                context: &[],
                topics: &[],
            },
            Element {
                name: "information_available",
                strength: Strong,
                phrases: &[
                    r"\binformatie\s+(\S+\s+){0,3}ter\s+beschikking\b",
                    r"\binformatie\b[^.;]{0,80}\b(naleving|nakoming|aan\s+te\s+tonen)\b",
                    r"\bnaleving\b[^.;]{0,60}\baan\s+te\s+tonen\b",
                    r"\bmakes?\s+available\s+(\S+\s+){0,4}information\b",
                    r"\binformation\s+necessary\s+to\s+demonstrate\b",
                ],
                with: &[],
                context: &[],
                topics: &[],
            },
            Element {
                name: "audit_mention",
                strength: Weak,
                phrases: &[r"\baudit\w*", r"\binspectie\w*"],
                with: &[],
                context: &[],
                topics: &[K::Audit],
            },
        ],
        met_when: &[&["audit_right"], &["information_available"]],
        negations: &[
            r"\bgeen\s+(\S+\s+){0,2}(audits?|inspecties?|controles?)\b",
            r"\b(audits?|inspecties?)\b[^.;]{0,60}\buitgesloten\b",
        ],
        negation_exceptions: &[],
    },
];

// ---------------------------------------------------------------------------
// Findings: code, severity and message templates
// ---------------------------------------------------------------------------

/// A finding's fixed texts. `{subject}` in a template is replaced by the
/// detail the rule found (names, a duration).
#[derive(Debug)]
pub struct FindingText {
    pub code: &'static str,
    pub severity: Severity,
    pub nl: &'static str,
    pub en: &'static str,
}

pub const FINDINGS: &[FindingText] = &[
    FindingText {
        code: "transfer_outside_eea",
        severity: Severity::Medium,
        nl: "Persoonsgegevens worden (ook) buiten de EER verwerkt: {subject}.",
        en: "Personal data is (also) processed outside the EEA: {subject}.",
    },
    FindingText {
        code: "transfer_without_safeguard",
        severity: Severity::High,
        nl: "Doorgifte buiten de EER zonder genoemde waarborg (adequaatheidsbesluit, SCC, DPF of BCR): {subject}.",
        en: "Transfer outside the EEA without a named safeguard (adequacy, SCC, DPF or BCR): {subject}.",
    },
    FindingText {
        code: "breach_deadline_over_48h",
        severity: Severity::Medium,
        nl: "De termijn om een datalek te melden is langer dan 48 uur ({subject}).",
        en: "The deadline to notify a personal data breach is longer than 48 hours ({subject}).",
    },
    FindingText {
        code: "breach_deadline_missing",
        severity: Severity::High,
        nl: "Er is geen concrete termijn voor het melden van een datalek aan de verwerkingsverantwoordelijke.",
        en: "No concrete deadline for notifying a personal data breach to the controller.",
    },
    FindingText {
        code: "subprocessor_url_missing",
        severity: Severity::Low,
        nl: "Geen privacyverklaring of URL bekend voor sub-verwerker(s): {subject}.",
        en: "No privacy statement or URL known for sub-processor(s): {subject}.",
    },
    FindingText {
        code: "subprocessor_no_objection",
        severity: Severity::Medium,
        nl: "Algemene toestemming voor sub-verwerkers zonder recht van bezwaar tegen nieuwe sub-verwerkers{subject}.",
        en: "General authorisation for sub-processors without a right to object to new sub-processors{subject}.",
    },
    FindingText {
        code: "deletion_deadline_missing",
        severity: Severity::Medium,
        nl: "Er is geen termijn genoemd waarbinnen de gegevens na afloop worden verwijderd.",
        en: "No deadline is given for deleting the data at the end of the agreement.",
    },
    FindingText {
        code: "deletion_deadline_over_90d",
        severity: Severity::Low,
        nl: "De gegevens worden pas na meer dan 90 dagen verwijderd ({subject}).",
        en: "The data is only deleted after more than 90 days ({subject}).",
    },
    FindingText {
        code: "audit_missing",
        severity: Severity::High,
        nl: "Het document geeft de verwerkingsverantwoordelijke geen recht op audits of inspecties (art. 28 lid 3 sub h AVG).",
        en: "The document gives the controller no right to audits or inspections (Art. 28(3)(h) GDPR).",
    },
    FindingText {
        code: "no_governing_law",
        severity: Severity::Low,
        nl: "Er is geen toepasselijk recht aangewezen.",
        en: "No governing law is chosen.",
    },
    FindingText {
        code: "template_not_filled",
        severity: Severity::Medium,
        nl: "Het document is een niet-ingevuld sjabloon: er staan nog invulvelden in.",
        en: "The document is an unfilled template: it still has fill-in placeholders.",
    },
];

/// Named transfer safeguards: when the document names one of these for
/// transfers in general, an outside-EEA sub-processor without its own
/// mechanism is not reported as `transfer_without_safeguard`.
pub const TRANSFER_SAFEGUARDS: &[&str] = &[
    r"\bstandaard\s*contract\w*\s*(bepalingen|clausules)\b",
    r"\bstandard\s+contractual\s+clauses\b",
    r"\bscc'?s?\b",
    r"\bmodelcontractbepalingen\b",
    r"\bdata\s+privacy\s+framework\b",
    r"\bdpf\b",
    r"\bbinding\s+corporate\s+rules\b",
    r"\bbcr'?s?\b",
    r"\bbindende\s+bedrijfsvoorschriften\b",
    r"\badequa\w*\s*besluit\w*",
    r"\bpassendheidsbesluit\w*",
    r"\badequacy\s+decision\w*",
];
