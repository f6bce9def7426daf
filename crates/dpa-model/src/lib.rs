//! The `dpa-model/1` types: the JSON contract of the `dpa` library.
//!
//! Every type here mirrors `MODEL.md` (see the repository's `docs/MODEL.md`):
//! field names, value formats and enum values are a public contract. Fields
//! may be added, never renamed or dropped. Unknown values are `None` / empty
//! vectors, serialized as `null` / `[]`.
//!
//! Besides the JSON model this crate holds [`NormalizedText`], the in-memory
//! exchange type between the pipeline stages (text → segment → fields →
//! check). It lives here, at the bottom of the dependency graph, so that every
//! stage depends only on the stages before it and on this crate.

mod duration;
mod model;
mod text;

pub use duration::{Duration, DurationUnit};
pub use model::*;
pub use text::{is_ascii_whitespace_byte, NormalizedText, SourceFormat};

/// The schema identifier written into every model (`"schema"`).
pub const SCHEMA_ID: &str = "dpa-model/1";

/// The JSON Schema (draft 7) of [`Model`], generated from the types.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Model);
    serde_json::to_value(schema).expect("a generated schema always serializes")
}
