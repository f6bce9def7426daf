//! Art. 28(3) requirements on hand-written Dutch clauses: present, partial,
//! absent and negated for each of the eight.

mod common;

use common::{clause, empty_model, status, status_of, with_kind};
use dpa_check::{check, Lang};
use dpa_model::{ClauseKind, Status};
use Status::{Met, Missing, Partial};

const UNRELATED: &str = "Op deze overeenkomst is Nederlands recht van toepassing.";

fn assert_cases(code: &str, present: &str, partial: &str, negated: &str) {
    assert_eq!(
        status_of(&[present], code),
        Met,
        "{code} present: {present}"
    );
    assert_eq!(
        status_of(&[partial], code),
        Partial,
        "{code} partial: {partial}"
    );
    assert_eq!(status_of(&[UNRELATED], code), Missing, "{code} absent");
    assert_eq!(
        status_of(&[negated], code),
        Missing,
        "{code} negated: {negated}"
    );
}

#[test]
fn a_instructions() {
    assert_cases(
        "28.3.a",
        "Leverancier verwerkt de persoonsgegevens alleen volgens de schriftelijke instructies van Opdrachtgever.",
        "Leverancier gebruikt de gegevens uitsluitend voor het leveren van de dienst.",
        "Leverancier is niet verplicht de instructies van Opdrachtgever op te volgen.",
    );
}

#[test]
fn b_confidentiality() {
    assert_cases(
        "28.3.b",
        "Alle medewerkers van Leverancier zijn gebonden aan een geheimhoudingsplicht.",
        "Informatie over de dienst is vertrouwelijk.",
        "Leverancier is niet verplicht zijn personeel aan geheimhouding te binden.",
    );
    assert_eq!(
        status_of(
            &["Leverancier en zijn medewerkers houden de persoonsgegevens strikt vertrouwelijk."],
            "28.3.b"
        ),
        Met
    );
}

#[test]
fn c_security() {
    assert_cases(
        "28.3.c",
        "Leverancier neemt passende technische en organisatorische maatregelen om de gegevens te beveiligen.",
        "Gegevens worden versleuteld opgeslagen.",
        "Leverancier is niet gehouden technische en organisatorische maatregelen te treffen.",
    );
}

#[test]
fn d_subprocessors() {
    assert_cases(
        "28.3.d",
        "Leverancier schakelt geen sub-verwerkers in zonder voorafgaande schriftelijke toestemming van Opdrachtgever. \
         Leverancier legt iedere sub-verwerker dezelfde verplichtingen op als in deze overeenkomst.",
        "Leverancier maakt gebruik van de volgende subverwerkers: Acme Hosting.",
        "Leverancier mag zonder toestemming van Opdrachtgever sub-verwerkers inschakelen.",
    );
}

#[test]
fn d_general_consent_with_objection_is_met() {
    let text = "Opdrachtgever geeft algemene toestemming voor het inschakelen van subverwerkers. \
                Leverancier informeert Opdrachtgever vooraf over een nieuwe subverwerker; Opdrachtgever kan daartegen bezwaar maken.";
    assert_eq!(status_of(&[text], "28.3.d"), Met);
}

#[test]
fn d_flow_down_in_a_clause_under_a_subprocessor_heading() {
    let mut m = empty_model();
    let mut parent = with_kind(
        clause("7", "7. Inschakeling van derden"),
        "Inschakeling van derden",
        ClauseKind::Subprocessors,
    );
    parent.children.push(clause(
        "7.1",
        "7.1 Wij sluiten met elk van hen een overeenkomst met dezelfde afspraken als deze.",
    ));
    parent.children.push(clause(
        "7.2",
        "7.2 Wij melden een nieuwe partij dertig dagen van tevoren; je kunt bezwaar maken.",
    ));
    m.clauses.push(parent);
    let c = check(&m, Lang::Nl);
    let d = &c.art28[3];
    assert_eq!(d.status, Met);
    assert_eq!(d.evidence, ["7.1", "7.2"]);
}

#[test]
fn e_data_subject_rights() {
    assert_cases(
        "28.3.e",
        "Leverancier helpt Opdrachtgever bij het afhandelen van verzoeken van betrokkenen, zoals inzage en rectificatie.",
        "Betrokkenen kunnen een verzoek tot inzage indienen bij Opdrachtgever.",
        "Leverancier is niet verplicht Opdrachtgever bij te staan bij verzoeken van betrokkenen.",
    );
}

#[test]
fn e_assistance_under_a_rights_heading_in_a_flat_document() {
    let texts = [
        "8. Als iemand zijn rechten uitoefent",
        "Heb je onze hulp nodig, dan helpen wij binnen vijf werkdagen.",
    ];
    assert_eq!(status_of(&texts, "28.3.e"), Met);
    assert_eq!(status_of(&texts[1..], "28.3.e"), Missing);
}

#[test]
fn f_article_32_36_assistance() {
    assert_cases(
        "28.3.f",
        "Leverancier verleent Opdrachtgever bijstand bij het uitvoeren van een DPIA en bij een voorafgaande raadpleging.",
        "Leverancier meldt een datalek binnen 36 uur aan Opdrachtgever.",
        "Leverancier is niet gehouden bijstand te verlenen bij een DPIA.",
    );
    assert_eq!(
        status_of(&["Leverancier ondersteunt bij de verplichtingen uit de artikelen 32 tot en met 36 AVG."], "28.3.f"),
        Met
    );
}

#[test]
fn g_deletion_or_return() {
    assert_cases(
        "28.3.g",
        "Na beëindiging van de overeenkomst verwijdert Leverancier alle persoonsgegevens of geeft hij deze terug.",
        "Leverancier verwijdert persoonsgegevens die niet langer nodig zijn.",
        "Leverancier is niet verplicht de persoonsgegevens na het einde van de overeenkomst te verwijderen.",
    );
}

#[test]
fn g_delete_or_return_in_bullets_after_an_open_clause() {
    let texts = [
        "9.2 Bij het einde van de dienst zal Leverancier, naar keuze van",
        "Opdrachtgever:",
        "• alle persoonsgegevens wissen, of\n• teruggeven in een gangbaar formaat.",
    ];
    let m = common::model_of(&texts);
    let c = check(&m, Lang::Nl);
    assert_eq!(c.art28[6].status, Met);
    assert_eq!(c.art28[6].evidence, ["c1", "c2", "c3"]);
}

#[test]
fn h_audits() {
    assert_cases(
        "28.3.h",
        "Opdrachtgever heeft het recht eenmaal per jaar een audit te laten uitvoeren bij Leverancier.",
        "Leverancier laat jaarlijks een externe audit uitvoeren.",
        "Opdrachtgever heeft geen recht op een audit bij Leverancier.",
    );
    assert_eq!(
        status_of(
            &["Leverancier is niet verplicht audits toe te staan."],
            "28.3.h"
        ),
        Missing
    );
    assert_eq!(
        status_of(&["Leverancier stelt alle informatie ter beschikking die nodig is om de naleving aan te tonen."], "28.3.h"),
        Met
    );
}

#[test]
fn deferring_to_standard_clauses_is_not_credited() {
    let text = "Leverancier staat audits toe zoals bepaald in de Standaardclausules voor verwerkingen van NLdigital.";
    assert_eq!(status_of(&[text], "28.3.h"), Partial);
}

#[test]
fn a_single_word_is_not_enough() {
    // "instructies" and "audit" as words in unrelated sentences do not meet a requirement.
    let texts = [
        "Opdrachtgever geeft de instructies aan zijn eigen personeel.",
        "Een audit log wordt bijgehouden.",
    ];
    assert_eq!(status_of(&texts, "28.3.a"), Missing);
    assert_eq!(status_of(&texts, "28.3.h"), Partial);
}

#[test]
fn every_code_is_assessed_once_in_order() {
    let c = check(&empty_model(), Lang::Nl);
    let codes: Vec<&str> = c.art28.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        ["28.3.a", "28.3.b", "28.3.c", "28.3.d", "28.3.e", "28.3.f", "28.3.g", "28.3.h"]
    );
    assert!(c
        .art28
        .iter()
        .all(|r| r.status == Missing && r.evidence.is_empty()));
}

#[test]
fn fields_alone_give_partial_never_met() {
    let mut m = empty_model();
    m.audit.allowed = Some(true);
    assert_eq!(status(&m, "28.3.h"), Partial);
}

#[test]
fn no_panic_on_odd_text() {
    let texts = [
        "",
        ".",
        "…;;;",
        "\t|\t|",
        "1.",
        "é.ü. ß",
        &"a".repeat(5000),
        "x. y. z",
    ];
    let c = check(&common::model_of(&texts), Lang::En);
    assert_eq!(c.art28.len(), 8);
}

#[test]
fn common_variants_of_dutch_wording() {
    let met = [
        (
            "28.3.a",
            "De Leverancier volgt alle redelijke instructies van de Klant op.",
        ),
        (
            "28.3.a",
            "Bewerker verwerkt de gegevens uitsluitend in opdracht van Verantwoordelijke.",
        ),
        (
            "28.3.a",
            "Leverancier handelt uitsluitend conform de aanwijzingen van de Klant.",
        ),
        (
            "28.3.b",
            "Leverancier zal de persoonsgegevens geheimhouden en legt dit ook zijn personeel op.",
        ),
        (
            "28.3.g",
            "Na afloop van de overeenkomst levert Leverancier alle gegevens terug aan de Klant.",
        ),
        (
            "28.3.h",
            "De Klant is gerechtigd eenmaal per jaar een inspectie te laten verrichten.",
        ),
        (
            "28.3.h",
            "De Klant kan een onafhankelijke auditor een audit laten uitvoeren.",
        ),
    ];
    for (code, text) in met {
        assert_eq!(status_of(&[text], code), Met, "{code}: {text}");
    }
    let partial = [
        (
            "28.3.a",
            "Partijen die in opdracht van een ander gegevens verwerken heten verwerkers.",
        ),
        (
            "28.3.g",
            "Bij het einde van het abonnement kun je je gegevens zelf exporteren.",
        ),
    ];
    for (code, text) in partial {
        assert_eq!(status_of(&[text], code), Partial, "{code}: {text}");
    }
}

#[test]
fn large_and_unusual_input_stays_fast_and_safe() {
    let long =
        "Verwerker helpt bij verzoeken van betrokkenen.\u{a0}Zie ook bijlage. ".repeat(20_000);
    let texts = [
        long.as_str(),
        "x\u{3000}y. z",
        "\u{202e}Leverancier neemt passende technische en organisatorische maatregelen.",
    ];
    let started = std::time::Instant::now();
    let c = check(&common::model_of(&texts), Lang::Nl);
    assert_eq!(c.art28[4].status, Met);
    assert_eq!(c.art28[2].status, Met);
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}
