//! Round trips of the model types: serialize → deserialize → equal, the
//! enum spellings of MODEL.md, and `null` / `[]` for unknown values.

use dpa_model::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn source() -> Source {
    Source {
        file: Some("voorbeeld.pdf".into()),
        format: "pdf".into(),
        sha256: "ab".repeat(32),
        pages: Some(3),
        chars: 1234,
    }
}

/// A model with every field filled.
fn full_model() -> Model {
    let mut m = Model::empty(source());
    m.document = Document {
        title: Some("Verwerkersovereenkomst".into()),
        kind: DocumentKind::DataProStatement,
        language: "nl".into(),
        version: Some("3-2025".into()),
        effective_date: Some("2021-04-01".into()),
        standard_terms: vec!["NLdigital Voorwaarden 2020".into()],
        is_template: true,
    };
    let party = Party {
        name: Some("Voorbeeld Diensten B.V.".into()),
        legal_form: Some("B.V.".into()),
        trade_names: vec!["Voorbeeld".into()],
        kvk: Some("12345678".into()),
        registrations: vec![
            Registration {
                scheme: RegistrationScheme::Kvk,
                value: "12345678".into(),
            },
            Registration {
                scheme: RegistrationScheme::Vat,
                value: "NL123456789B01".into(),
            },
        ],
        address: Some(Address {
            street: Some("Dorpsstraat 1".into()),
            postal_code: Some("1234 AB".into()),
            city: Some("Utrecht".into()),
            country: Some("NL".into()),
        }),
        contacts: vec![Contact {
            name: Some("J. Jansen".into()),
            role: Some("support".into()),
            email: Some("privacy@voorbeeld.nl".into()),
            phone: Some("+31301234567".into()),
        }],
        representative: Some("J. Jansen".into()),
        description: None,
    };
    m.parties = Parties {
        processor: party.clone(),
        controller: Some(Party {
            description: Some("De klant".into()),
            ..Party::default()
        }),
    };
    m.services = vec![Service {
        name: "Hosting".into(),
        description: Some("Webhosting".into()),
        data: None,
        privacy_by_design: None,
    }];
    m.processing = Processing {
        purposes: vec!["hosting".into()],
        data_categories: vec![DataCategory {
            name: "NAW".into(),
            examples: vec!["naam".into()],
            note: None,
        }],
        data_subjects: vec!["medewerkers".into()],
        special_categories: Some(false),
        retention_after_end: Some(Duration::new(3, DurationUnit::Months)),
    };
    m.locations = Locations {
        eea_only: Some(false),
        exceptions: vec!["Support".into()],
        countries: vec!["NL".into(), "US".into()],
        datacenters: vec![Datacenter {
            name: "DC1".into(),
            city: Some("Amsterdam".into()),
            country: Some("NL".into()),
        }],
    };
    m.subprocessors = vec![Subprocessor {
        name: "Voorbeeld Cloud Inc.".into(),
        location: Some("USA".into()),
        country: Some("US".into()),
        countries: vec!["US".into()],
        within_eea: Some(false),
        transfer_mechanism: Some(TransferMechanism::Scc),
        purpose: Some("opslag".into()),
        privacy_url: Some("https://voorbeeld.example/privacy".into()),
    }];
    m.subprocessor_authorisation = Some(Authorisation::General);
    m.subprocessor_changes = SubprocessorChanges {
        notice: Some(Duration::new(30, DurationUnit::Days)),
        objection: Some(true),
    };
    m.security = Security {
        measures: vec![Measure {
            category: MeasureCategory::EncryptionAtRest,
            text: "versleuteld".into(),
            status: None,
        }],
        certifications: vec!["ISO 27001".into()],
    };
    m.breach_notification = BreachNotification {
        deadline: Some(Duration::new(24, DurationUnit::Hours)),
        recipient: Some("Verantwoordelijke".into()),
        information: vec!["aard van het lek".into()],
    };
    m.data_subject_requests = DataSubjectRequests {
        contact: None,
        deadline: Some(Duration::new(5, DurationUnit::BusinessDays)),
    };
    m.termination = Termination {
        deletion_deadline: Some(Duration::new(1, DurationUnit::Years)),
        return_possible: Some(true),
        return_deadline: Some(Duration::new(2, DurationUnit::Weeks)),
        backups: Some("na 30 dagen".into()),
    };
    m.audit = Audit {
        allowed: Some(true),
        frequency: Some(AuditFrequency::Yearly),
        cost_bearer: Some(CostBearer::Shared),
    };
    m.law = Law {
        governing_law: Some("NL".into()),
        forum: Some("rechtbank Utrecht".into()),
    };
    m.precedence = vec!["verwerkersovereenkomst".into()];
    m.liability = Liability {
        cap: Some("EUR 10.000".into()),
        cap_amount: Some(10000.0),
        currency: Some("EUR".into()),
    };
    m.signatories = vec![Signatory {
        party: Some(PartyRole::Processor),
        name: Some("J. Jansen".into()),
        role: None,
        place: None,
        date: None,
    }];
    m.clauses = vec![Clause {
        id: "1".into(),
        number: Some("1".into()),
        heading: Some("Datalekken".into()),
        level: 1,
        kind: Some(ClauseKind::Breach),
        text: "1. Datalekken".into(),
        span: [0, 13],
        page: Some(1),
        children: vec![Clause {
            id: "1.1".into(),
            number: Some("1.1".into()),
            heading: None,
            level: 2,
            kind: Some(ClauseKind::DataSubjectRights),
            text: "1.1 binnen 24 uur".into(),
            span: [14, 31],
            page: Some(1),
            children: vec![],
        }],
    }];
    m.compliance = Compliance {
        art28: vec![Requirement {
            code: "28.3.a".into(),
            status: Status::Partial,
            evidence: vec!["1".into()],
        }],
        findings: vec![Finding {
            code: "transfer_outside_eea".into(),
            severity: Severity::Medium,
            message: "buiten de EER".into(),
            evidence: vec!["1.1".into()],
        }],
    };
    m.evidence = BTreeMap::from([(
        "breach_notification.deadline".to_string(),
        Evidence {
            clause: Some("1.1".into()),
            span: [18, 31],
            page: Some(1),
            text: "binnen 24 uur".into(),
        },
    )]);
    m.warnings = vec![Warning::new("draft", "CONCEPT", Some(1))];
    m
}

#[test]
fn a_full_model_round_trips() {
    let model = full_model();
    let json = serde_json::to_string_pretty(&model).unwrap();
    let back: Model = serde_json::from_str(&json).unwrap();
    assert_eq!(back, model);
    assert_eq!(
        serde_json::to_string_pretty(&back).unwrap(),
        json,
        "serialization is stable"
    );
}

#[test]
fn an_empty_model_round_trips_with_null_and_empty_lists() {
    let model = Model::empty(source());
    let value = serde_json::to_value(&model).unwrap();
    assert_eq!(value["schema"], "dpa-model/1");
    assert_eq!(value["parties"]["processor"]["name"], Value::Null);
    assert_eq!(value["parties"]["processor"]["contacts"], json!([]));
    assert_eq!(value["parties"]["controller"], Value::Null);
    assert_eq!(value["subprocessors"], json!([]));
    assert_eq!(value["subprocessor_authorisation"], Value::Null);
    assert_eq!(value["breach_notification"]["deadline"], Value::Null);
    assert_eq!(value["locations"]["eea_only"], Value::Null);
    assert_eq!(value["evidence"], json!({}));
    assert_eq!(value["document"]["kind"], "other");
    let back: Model = serde_json::from_value(value).unwrap();
    assert_eq!(back, model);
}

#[test]
fn enums_use_the_spellings_of_the_spec() {
    let v = serde_json::to_value(full_model()).unwrap();
    assert_eq!(v["document"]["kind"], "data_pro_statement");
    assert_eq!(
        v["parties"]["processor"]["registrations"][1]["scheme"],
        "vat"
    );
    assert_eq!(v["subprocessors"][0]["transfer_mechanism"], "scc");
    assert_eq!(v["subprocessor_authorisation"], "general");
    assert_eq!(
        v["security"]["measures"][0]["category"],
        "encryption_at_rest"
    );
    assert_eq!(v["audit"]["frequency"], "yearly");
    assert_eq!(v["audit"]["cost_bearer"], "shared");
    assert_eq!(v["signatories"][0]["party"], "processor");
    assert_eq!(v["clauses"][0]["kind"], "breach");
    assert_eq!(
        v["clauses"][0]["children"][0]["kind"],
        "data_subject_rights"
    );
    assert_eq!(v["compliance"]["art28"][0]["status"], "partial");
    assert_eq!(v["compliance"]["findings"][0]["severity"], "medium");
    assert_eq!(
        v["data_subject_requests"]["deadline"],
        json!({"value": 5, "unit": "business_days", "iso": "P5D"})
    );
    assert_eq!(
        v["breach_notification"]["deadline"],
        json!({"value": 24, "unit": "hours", "iso": "PT24H"})
    );
    assert_eq!(
        v["evidence"]["breach_notification.deadline"]["span"],
        json!([18, 31])
    );
    let kinds = ["processing_agreement", "addendum", "other"];
    for kind in kinds {
        let parsed: DocumentKind = serde_json::from_value(json!(kind)).unwrap();
        assert_eq!(serde_json::to_value(parsed).unwrap(), kind);
    }
}

#[test]
fn every_measure_category_and_clause_kind_round_trips() {
    let categories = [
        "access_control",
        "mfa",
        "encryption_at_rest",
        "encryption_in_transit",
        "tenant_separation",
        "logging",
        "backup",
        "patching",
        "physical",
        "certification",
        "awareness",
        "confidentiality",
        "incident_response",
        "network",
        "device_encryption",
        "data_minimisation",
        "audit",
        "other",
    ];
    for c in categories {
        let parsed: MeasureCategory = serde_json::from_value(json!(c)).unwrap();
        assert_eq!(serde_json::to_value(parsed).unwrap(), c);
    }
    let kinds = [
        "parties",
        "definitions",
        "scope",
        "instructions",
        "subprocessors",
        "security",
        "breach",
        "confidentiality",
        "data_subject_rights",
        "assistance",
        "audit",
        "transfers",
        "termination",
        "liability",
        "law",
        "precedence",
        "signature",
        "annex",
        "other",
    ];
    for k in kinds {
        let parsed: ClauseKind = serde_json::from_value(json!(k)).unwrap();
        assert_eq!(serde_json::to_value(parsed).unwrap(), k);
    }
    assert!(
        serde_json::from_value::<ClauseKind>(json!("Breach")).is_err(),
        "spellings are exact"
    );
}

#[test]
fn models_validate_against_the_generated_schema() {
    let schema = jsonschema::JSONSchema::compile(&json_schema()).unwrap();
    for model in [full_model(), Model::empty(source())] {
        let value = serde_json::to_value(&model).unwrap();
        assert!(schema.is_valid(&value));
    }
    let mut bad = serde_json::to_value(full_model()).unwrap();
    bad["audit"]["frequency"] = json!("monthly");
    assert!(!schema.is_valid(&bad));
}
