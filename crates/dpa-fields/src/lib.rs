//! Field extraction stage: fills the fields of `dpa-model/1` from the
//! normalized text and its clause tree, each filled scalar with evidence.
//!
//! One extractor module per kind of fact (LexNLP style); each reads what it
//! needs through [`Ctx`] and writes its fields and their evidence into the
//! model. Dutch value parsing (dates, durations, countries, ...) lives in
//! [`values`], vocabularies in data tables next to the code that uses them.

mod ascii;
mod ctx;
mod literal;
mod pattern;
mod required;
mod scan;
#[cfg(test)]
mod test_fixtures;
pub mod values;
mod word_index;
mod words;

mod audit;
mod breach;
mod document;
mod law;
mod liability;
mod locations;
mod parties;
mod precedence;
mod processing;
mod requests;
mod security;
mod services;
mod signatories;
mod subprocessors;
mod termination;

pub use ctx::Ctx;
use dpa_model::{Model, NormalizedText};

/// Fill the fields of `model` (whose `clauses` are already set) from `text`.
pub fn extract(text: &NormalizedText, model: &mut Model) {
    let clauses = std::mem::take(&mut model.clauses);
    {
        scan::begin_document(&text.text);
        let ctx = Ctx::new(text, &clauses);
        document::extract(&ctx, model);
        parties::extract(&ctx, model);
        services::extract(&ctx, model);
        processing::extract(&ctx, model);
        subprocessors::extract(&ctx, model);
        locations::extract(&ctx, model);
        security::extract(&ctx, model);
        breach::extract(&ctx, model);
        requests::extract(&ctx, model);
        termination::extract(&ctx, model);
        audit::extract(&ctx, model);
        law::extract(&ctx, model);
        precedence::extract(&ctx, model);
        liability::extract(&ctx, model);
        signatories::extract(&ctx, model);
        scan::end_document();
    }
    model.clauses = clauses;
}
