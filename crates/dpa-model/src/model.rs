//! The types of `MODEL.md`, one struct or enum per type there.

use crate::Duration;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A date as ISO 8601 `YYYY-MM-DD`.
pub type Date = String;
/// A country as ISO 3166-1 alpha-2 upper case (or `"EU"`).
pub type Country = String;
/// A clause id (`"deel-1/4.1"`, `"bijlage-a/2"`, `"p3"`).
pub type ClauseId = String;

/// One document in, one `Model` out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Model {
    /// Always `"dpa-model/1"`.
    pub schema: String,
    pub source: Source,
    pub document: Document,
    pub parties: Parties,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub processing: Processing,
    #[serde(default)]
    pub locations: Locations,
    #[serde(default)]
    pub subprocessors: Vec<Subprocessor>,
    #[serde(default)]
    pub subprocessor_authorisation: Option<Authorisation>,
    #[serde(default)]
    pub subprocessor_changes: SubprocessorChanges,
    #[serde(default)]
    pub security: Security,
    #[serde(default)]
    pub breach_notification: BreachNotification,
    #[serde(default)]
    pub data_subject_requests: DataSubjectRequests,
    #[serde(default)]
    pub termination: Termination,
    #[serde(default)]
    pub audit: Audit,
    #[serde(default)]
    pub law: Law,
    #[serde(default)]
    pub precedence: Vec<String>,
    #[serde(default)]
    pub liability: Liability,
    #[serde(default)]
    pub signatories: Vec<Signatory>,
    #[serde(default)]
    pub clauses: Vec<Clause>,
    #[serde(default)]
    pub compliance: Compliance,
    /// Where each filled scalar was read, keyed by field path
    /// (`"breach_notification.deadline"`, `"subprocessors.3.country"`).
    #[serde(default)]
    pub evidence: BTreeMap<String, Evidence>,
    #[serde(default)]
    pub warnings: Vec<Warning>,
}

impl Model {
    /// An empty model for a source: every value unknown.
    pub fn empty(source: Source) -> Self {
        Model {
            schema: crate::SCHEMA_ID.to_string(),
            source,
            document: Document::default(),
            parties: Parties::default(),
            services: Vec::new(),
            processing: Processing::default(),
            locations: Locations::default(),
            subprocessors: Vec::new(),
            subprocessor_authorisation: None,
            subprocessor_changes: SubprocessorChanges::default(),
            security: Security::default(),
            breach_notification: BreachNotification::default(),
            data_subject_requests: DataSubjectRequests::default(),
            termination: Termination::default(),
            audit: Audit::default(),
            law: Law::default(),
            precedence: Vec::new(),
            liability: Liability::default(),
            signatories: Vec::new(),
            clauses: Vec::new(),
            compliance: Compliance::default(),
            evidence: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }

    /// Every clause of the tree, depth first, parents before children.
    pub fn all_clauses(&self) -> Vec<&Clause> {
        let mut out = Vec::new();
        for c in &self.clauses {
            c.push_descendants(&mut out);
        }
        out
    }
}

/// Where the model was read from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    pub file: Option<String>,
    /// `"pdf"` or `"text"`.
    pub format: String,
    /// Hex SHA-256 of the input bytes.
    pub sha256: String,
    pub pages: Option<u32>,
    /// Number of characters of the normalized text.
    pub chars: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    DataProStatement,
    ProcessingAgreement,
    Addendum,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    pub title: Option<String>,
    pub kind: DocumentKind,
    /// `"nl"`, `"en"`, ...
    pub language: String,
    pub version: Option<String>,
    pub effective_date: Option<Date>,
    #[serde(default)]
    pub standard_terms: Vec<String>,
    #[serde(default)]
    pub is_template: bool,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            title: None,
            kind: DocumentKind::Other,
            language: "nl".to_string(),
            version: None,
            effective_date: None,
            standard_terms: Vec::new(),
            is_template: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Parties {
    pub processor: Party,
    pub controller: Option<Party>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Party {
    pub name: Option<String>,
    pub legal_form: Option<String>,
    #[serde(default)]
    pub trade_names: Vec<String>,
    pub kvk: Option<String>,
    #[serde(default)]
    pub registrations: Vec<Registration>,
    pub address: Option<Address>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    pub representative: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationScheme {
    Kvk,
    Kbo,
    Vat,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Registration {
    pub scheme: RegistrationScheme,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Address {
    /// Street including the house number.
    pub street: Option<String>,
    /// Dutch `1234 AB`; foreign codes as written.
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<Country>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Contact {
    pub name: Option<String>,
    pub role: Option<String>,
    /// Lower case.
    pub email: Option<String>,
    /// E.164 where the number is Dutch or has a country code.
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Service {
    pub name: String,
    pub description: Option<String>,
    pub data: Option<String>,
    pub privacy_by_design: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Processing {
    #[serde(default)]
    pub purposes: Vec<String>,
    #[serde(default)]
    pub data_categories: Vec<DataCategory>,
    #[serde(default)]
    pub data_subjects: Vec<String>,
    pub special_categories: Option<bool>,
    pub retention_after_end: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DataCategory {
    pub name: String,
    #[serde(default)]
    pub examples: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Locations {
    pub eea_only: Option<bool>,
    #[serde(default)]
    pub exceptions: Vec<String>,
    #[serde(default)]
    pub countries: Vec<Country>,
    #[serde(default)]
    pub datacenters: Vec<Datacenter>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Datacenter {
    pub name: String,
    pub city: Option<String>,
    pub country: Option<Country>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TransferMechanism {
    Adequacy,
    Scc,
    Dpf,
    Bcr,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Subprocessor {
    pub name: String,
    /// As written (`"Nee, USA"` → `"USA"`).
    pub location: Option<String>,
    /// The first of `countries`.
    pub country: Option<Country>,
    #[serde(default)]
    pub countries: Vec<Country>,
    pub within_eea: Option<bool>,
    pub transfer_mechanism: Option<TransferMechanism>,
    pub purpose: Option<String>,
    pub privacy_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Authorisation {
    Specific,
    General,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct SubprocessorChanges {
    pub notice: Option<Duration>,
    pub objection: Option<bool>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MeasureCategory {
    AccessControl,
    Mfa,
    EncryptionAtRest,
    EncryptionInTransit,
    TenantSeparation,
    Logging,
    Backup,
    Patching,
    Physical,
    Certification,
    Awareness,
    Confidentiality,
    IncidentResponse,
    Network,
    DeviceEncryption,
    DataMinimisation,
    Audit,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Security {
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// Normalized names (`"ISO 27001"`).
    #[serde(default)]
    pub certifications: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Measure {
    pub category: MeasureCategory,
    pub text: String,
    pub status: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct BreachNotification {
    pub deadline: Option<Duration>,
    pub recipient: Option<String>,
    #[serde(default)]
    pub information: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct DataSubjectRequests {
    pub contact: Option<String>,
    pub deadline: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Termination {
    pub deletion_deadline: Option<Duration>,
    pub return_possible: Option<bool>,
    pub return_deadline: Option<Duration>,
    pub backups: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditFrequency {
    Yearly,
    OnRequest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CostBearer {
    Controller,
    Processor,
    Shared,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Audit {
    pub allowed: Option<bool>,
    pub frequency: Option<AuditFrequency>,
    pub cost_bearer: Option<CostBearer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Law {
    pub governing_law: Option<Country>,
    /// `"rechtbank <city>"` where a city is named, else as written.
    pub forum: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Liability {
    pub cap: Option<String>,
    pub cap_amount: Option<f64>,
    pub currency: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    Processor,
    Controller,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Signatory {
    pub party: Option<PartyRole>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub place: Option<String>,
    pub date: Option<Date>,
}

/// The topic of a clause.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ClauseKind {
    Parties,
    Definitions,
    Scope,
    Instructions,
    Subprocessors,
    Security,
    Breach,
    Confidentiality,
    DataSubjectRights,
    Assistance,
    Audit,
    Transfers,
    Termination,
    Liability,
    Law,
    Precedence,
    Signature,
    Annex,
    Other,
}

/// One node of the clause tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Clause {
    /// Unique in the document and stable across runs.
    pub id: ClauseId,
    /// The number as written without a trailing dot (`"4.1"`, `"a"`), or null.
    pub number: Option<String>,
    pub heading: Option<String>,
    pub level: u32,
    pub kind: Option<ClauseKind>,
    /// The clause's own text: exactly `normalized_text[span.0..span.1]`.
    pub text: String,
    /// Byte range of the clause's own text (number, heading, body; not its
    /// children) in the normalized text.
    pub span: [usize; 2],
    /// 1-based page where the clause starts (null for plain text).
    pub page: Option<u32>,
    #[serde(default)]
    pub children: Vec<Clause>,
}

impl Clause {
    /// A level-1 clause `id` whose own text `text` lies at `span` of the
    /// normalized text, without number, heading, kind, page or children
    /// (set those with struct update syntax: `Clause { level: 2,
    /// ..Clause::new(id, text, span) }`).
    pub fn new(id: impl Into<ClauseId>, text: impl Into<String>, span: [usize; 2]) -> Self {
        Clause {
            id: id.into(),
            number: None,
            heading: None,
            level: 1,
            kind: None,
            text: text.into(),
            span,
            page: None,
            children: Vec::new(),
        }
    }

    /// Append this clause and its descendants to `out`, depth first.
    pub fn push_descendants<'a>(&'a self, out: &mut Vec<&'a Clause>) {
        out.push(self);
        for c in &self.children {
            c.push_descendants(out);
        }
    }

    /// This clause and its descendants, depth first.
    pub fn descendants(&self) -> Vec<&Clause> {
        let mut out = Vec::new();
        self.push_descendants(&mut out);
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Compliance {
    #[serde(default)]
    pub art28: Vec<Requirement>,
    #[serde(default)]
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Partial,
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Requirement {
    /// `"28.3.a"` … `"28.3.h"`.
    pub code: String,
    pub status: Status,
    #[serde(default)]
    pub evidence: Vec<ClauseId>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    High,
    Medium,
    Low,
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    #[serde(default)]
    pub evidence: Vec<ClauseId>,
}

/// Where a value was read: clause, byte span into the normalized text, page, source text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    pub clause: Option<ClauseId>,
    pub span: [usize; 2],
    pub page: Option<u32>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// `no_text_layer`, `encrypted`, `low_text_quality`, `unknown_country`, `placeholder`, `draft`, ...
    pub code: String,
    pub message: String,
    pub page: Option<u32>,
}

impl Warning {
    pub fn new(code: &str, message: impl Into<String>, page: Option<u32>) -> Self {
        Warning {
            code: code.to_string(),
            message: message.into(),
            page,
        }
    }
}
