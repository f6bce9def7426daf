//! Unit tests with hand-written Dutch snippets.

use super::*;
use dpa_model::SourceFormat;

fn seg(text: &str) -> Vec<Clause> {
    segment(&NormalizedText::single_page(
        text.to_string(),
        SourceFormat::Text,
    ))
}

fn flat(text: &str) -> Vec<(String, Option<String>, u32)> {
    outline(&seg(text))
        .into_iter()
        .map(|e| (e.id, e.number, e.level))
        .collect()
}

fn ids(text: &str) -> Vec<String> {
    outline(&seg(text)).into_iter().map(|e| e.id).collect()
}

#[test]
fn numbered_headings_and_subclauses() {
    let t = "1. Doel van de verwerking\n\n1.1 Verwerker verwerkt gegevens.\n\n1.2 Niet voor eigen doeleinden.\n\n2. Datalekken\n\n2.1 Verwerker meldt binnen\n24 uur na ontdekking een datalek.\n";
    let c = seg(t);
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].heading.as_deref(), Some("Doel van de verwerking"));
    assert_eq!(c[0].children.len(), 2);
    assert_eq!(c[0].children[0].heading, None);
    assert_eq!(c[1].kind, Some(ClauseKind::Breach));
    assert_eq!(c[1].children[0].id, "2.1");
    assert!(c[1].children[0].text.ends_with("een datalek."));
}

#[test]
fn spans_are_own_text() {
    let t = "Bijlage A\n\n1. Doel\n\nTekst van het doel.\n\n2. Aard\n\n• eerste\n• tweede\n\nSlot van twee.\n";
    let nt = NormalizedText::single_page(t.to_string(), SourceFormat::Text);
    for c in outline_clauses(&segment(&nt)) {
        assert_eq!(c.text, &t[c.span[0]..c.span[1]], "{}", c.id);
        assert!(!c.text.is_empty());
    }
}

fn outline_clauses(c: &[Clause]) -> Vec<Clause> {
    c.iter()
        .flat_map(|c| c.descendants().into_iter().cloned().collect::<Vec<_>>())
        .collect()
}

#[test]
fn bare_numbers_and_articles() {
    let t = "1 Dit statement is opgesteld door:\n\nBedrijf B.V.\n\n2 Dit statement geldt vanaf 1 april 2021\n\nArtikel 28 AVG is van toepassing.\n";
    assert_eq!(ids(t), vec!["1", "2"]);
    let t = "Artikel 1 - Definities\n\n1.1 Begrippen.\n\nArtikel 2 — Onderwerp\n\n2.1 Onderwerp: de dienst.\n\nArt. 3 Slot\n\nTekst.\n";
    let c = seg(t);
    assert_eq!(ids(t), vec!["1", "1.1", "2", "2.1", "3"]);
    assert_eq!(c[0].heading.as_deref(), Some("Definities"));
    assert_eq!(c[1].heading.as_deref(), Some("Onderwerp"));
    assert_eq!(c[1].children[0].heading.as_deref(), Some("Onderwerp"));
    assert_eq!(c[2].heading.as_deref(), Some("Slot"));
}

#[test]
fn numbers_inside_sentences_are_not_clauses() {
    let t = "1. Datalekken\n\nVerwerker meldt een datalek binnen\n24 uur na ontdekking. Zie\nartikel 28 AVG en\n3 van de bijlage.\nPagina 3 van 6\n";
    assert_eq!(ids(t), vec!["1"]);
}

#[test]
fn nested_numbered_list_under_heading() {
    let t = "4. Verplichtingen Verwerker\n\n1. Verwerkt alleen op instructie.\n\n2. Houdt alles geheim.\n\n3. Beveiligt passend.\n\n5. Beveiligingsmaatregelen\n\nTekst.\n";
    // `5.` continues the top level (4 -> 5), not the list (3 -> 4).
    assert_eq!(
        flat(t)
            .iter()
            .map(|e| (e.0.as_str(), e.2))
            .collect::<Vec<_>>(),
        vec![("4", 1), ("4.1", 2), ("4.2", 2), ("4.3", 2), ("5", 1)]
    );
    let t = "1. Partijen\n\n1. Verantwoordelijke: de klant.\n\n2. Verwerker: de leverancier.\n\n2. Onderwerp en duur\n\nTekst.\n";
    let f = flat(t);
    assert_eq!(
        f.iter()
            .map(|e| e.1.clone().unwrap_or_default())
            .collect::<Vec<_>>(),
        vec!["1", "1", "2", "2"]
    );
    assert_eq!(f[3].2, 1);
}

#[test]
fn capital_letter_item_reads_a_quoted_title() {
    let t = "A. “Beveiliging”\n\nVerwerker treft passende maatregelen.\n";
    let c = seg(t);
    assert_eq!(c[0].id, "A");
    assert_eq!(c[0].text, "A. “Beveiliging”");
    assert_eq!(c[0].heading.as_deref(), Some("“Beveiliging”"));
}

#[test]
fn letters_romans_and_bullets() {
    let t = "1 De volgende maatregelen zijn genomen:\n\n- a. Toegang is beperkt.\n- b. Data is versleuteld.\n\n3.1 Verwerker zal:\na) instructies volgen;\nb) geheimhouden:\n(i) personeel;\n(ii) derden;\nc) beveiligen.\n";
    let f = flat(t);
    let got: Vec<&str> = f.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        got,
        vec!["1", "1.a", "1.b", "3.1", "3.1.a", "3.1.b", "3.1.b.i", "3.1.b.ii", "3.1.c"]
    );
    let t = "2.2 Maatregelen:\n• encryptie,\n• logging.\n\nEen overzicht staat in Bijlage B.\n";
    let c = seg(t);
    assert_eq!(c[0].children.len(), 3);
    assert_eq!(c[0].children[0].number, None);
    assert_eq!(c[0].children[2].text, "Een overzicht staat in Bijlage B.");
}

#[test]
fn parts_recitals_and_annex_restart() {
    let t = "Verwerkersovereenkomst\n\nDe klant, hierna te noemen Verantwoordelijke.\n\nOverwegingen\n\nA. Klant gebruikt de dienst.\n\nB. Partijen leggen afspraken vast.\n\nArtikel 1 - Definities\n\nTekst.\n\nBijlage 1: Technische maatregelen\n\n1. Toegang\n\nTekst.\n\nBIJLAGE 2 - Sub-verwerkers\n\nNaam | Land\n1 | Acme | Duitsland\n";
    let got = ids(t);
    assert_eq!(
        got,
        vec![
            "p1",
            "overwegingen",
            "overwegingen/A",
            "overwegingen/B",
            "1",
            "bijlage-1",
            "bijlage-1/1",
            "bijlage-2"
        ]
    );
    let c = seg(t);
    assert_eq!(c[3].kind, Some(ClauseKind::Security));
    assert_eq!(c[4].kind, Some(ClauseKind::Subprocessors));
    assert!(c[4].text.contains("1 | Acme"));
}

#[test]
fn table_of_contents_is_not_a_part() {
    let t = "Bestaande uit:\n\nDeel 1. Data Pro Statement\n\nDeel 2. Standaardclausules\n\nDEEL 1: DATA PRO STATEMENT\n\n1 Dit is het statement.\n\nDEEL 2: STANDAARDCLAUSULES\n\nTekst.\n";
    assert_eq!(ids(t), vec!["p1", "deel-1", "deel-1/1", "deel-2"]);
}

#[test]
fn recitals_numbered_then_body_restarts() {
    let t = "Overwegingen\n\n1. Partijen hebben een overeenkomst.\n\n2. Verwerker verwerkt gegevens.\n\nBij strijdigheid geldt de rangorde.\n\n1. Doel en aard van de verwerking\n\n1.1 Verantwoordelijke bepaalt het doel.\n\nBijlage A\n\n1. Doel\n\nTekst.\n\n2. Aard\n\nTekst.\n\n4. Duur\n\nTekst.\n";
    let got = ids(t);
    assert_eq!(
        got,
        vec![
            "overwegingen",
            "overwegingen/1",
            "overwegingen/2",
            "p1",
            "1",
            "1.1",
            "bijlage-a",
            "bijlage-a/1",
            "bijlage-a/2",
            "bijlage-a/4"
        ]
    );
    let c = seg(t);
    assert_eq!(c[0].children[2].kind, Some(ClauseKind::Precedence));
}

#[test]
fn unnumbered_headings() {
    let t = "2. Waar het over gaat\n\nOnderwerp en doel\n\nWij verwerken gegevens.\n\nHoe lang\n\nZolang het abonnement loopt.\n\nBEVEILIGINGSBELEID\n\n3. Geheimhouding\n\nTekst.\n";
    let f = outline(&seg(t));
    let got: Vec<(&str, Option<&str>, u32)> = f
        .iter()
        .map(|e| (e.id.as_str(), e.heading.as_deref(), e.level))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2", Some("Waar het over gaat"), 1),
            ("p1", Some("Onderwerp en doel"), 2),
            ("p2", Some("Hoe lang"), 2),
            ("p3", Some("BEVEILIGINGSBELEID"), 1),
            ("3", Some("Geheimhouding"), 1),
        ]
    );
    // One-word table cells are not headings.
    let t = "1. Maatregelen\n\nEncryptie van data.\n\nActief\n\nLogging van toegang.\n";
    assert_eq!(ids(t), vec!["1"]);
}

#[test]
fn ids_are_unique_and_deterministic() {
    let t = "1. Een\n\nTekst.\n\n1. Een\n\nTekst.\n";
    let a = ids(t);
    assert_eq!(a, ids(t));
    let set: std::collections::BTreeSet<_> = a.iter().collect();
    assert_eq!(set.len(), a.len());
}

#[test]
fn pages_come_from_the_text_stage() {
    let text = "1. Een\n\nTekst.\n\u{c}2. Twee\n\nMeer tekst.".to_string();
    let nt = NormalizedText {
        pages: vec![0..15, 16..text.len()],
        text,
        format: SourceFormat::Pdf,
        warnings: vec![],
    };
    let c = segment(&nt);
    assert_eq!(
        c.iter().map(|c| c.page).collect::<Vec<_>>(),
        vec![Some(1), Some(2)]
    );
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "\n\n\n",
        "1.",
        "(",
        "a)",
        "•",
        "Artikel",
        "1.1.1.1.1 x",
        "\u{c}\u{c}",
        "é\u{301}\n1. é",
        "999999999999. X",
    ] {
        let _ = seg(t);
    }
}

#[test]
fn short_numbered_lines_are_headings() {
    let t = "12. Aansprakelijkheid\n\nWij dragen geen aansprakelijkheid voor:\n\n• schade door jou;\n\nJe vrijwaart ons.\n\n13. Slot\n\nDeze overeenkomst loopt door.\n\n14. Als iemand zijn rechten uitoefent\n\nDan helpen wij.\n";
    let c = seg(t);
    let heads: Vec<Option<&str>> = c.iter().map(|c| c.heading.as_deref()).collect();
    assert_eq!(
        heads,
        vec![
            Some("Aansprakelijkheid"),
            Some("Slot"),
            Some("Als iemand zijn rechten uitoefent")
        ]
    );
    assert_eq!(c[2].kind, Some(ClauseKind::DataSubjectRights));
}

#[test]
fn survival_sentence_keeps_the_parent_topic() {
    let t = "4. Geheimhouding\n\n4.1 Verwerker houdt alle gegevens geheim.\n\n\
             4.2 Deze plicht blijft bestaan na beëindiging van de overeenkomst.\n\n\
             5. Duur en beëindiging\n\n5.1 De overeenkomst eindigt bij beëindiging van de dienst.\n";
    let kinds: Vec<_> = outline(&seg(t))
        .into_iter()
        .map(|e| (e.id, e.kind))
        .collect();
    assert!(kinds.contains(&("4.2".to_string(), Some(ClauseKind::Confidentiality))));
    assert!(kinds.contains(&("5.1".to_string(), Some(ClauseKind::Termination))));
}

#[test]
fn recitals_are_other() {
    let t = "Overwegingen\n\n1. Partijen werken samen aan een dienst.\n\n\
             2. Partijen leggen hun afspraken vast.\n\n1. Definities\n\nTekst.\n";
    let out = outline(&seg(t));
    let recital = out.iter().find(|e| e.id == "overwegingen/1");
    assert_eq!(recital.and_then(|e| e.kind), Some(ClauseKind::Other));
}

#[test]
fn deep_numbering_is_bounded() {
    let deep: Vec<String> = (0..2000).map(|_| "1".to_string()).collect();
    let t = format!("1. Kop\n\n{} Tekst\n", deep.join("."));
    let out = outline(&seg(&t));
    assert!(out.iter().all(|e| e.level <= 17));
    let many = "1.\n1.1\n1.1.1\n".repeat(2000);
    let out = outline(&seg(&many));
    assert!(out.iter().all(|e| e.level <= 17));
}
