//! The `dpa check` report. Rendering lives in the compliance crate
//! (`dpa_check::report`); this module is the one place the CLI calls it.

use crate::cli::FailOn;

/// The report for a person, in `lang`.
pub fn render_text(model: &dpa::Model, lang: dpa::Lang) -> String {
    dpa::check::report::render_text(model, lang)
}

/// The report for tools.
pub fn render_json(model: &dpa::Model) -> serde_json::Value {
    dpa::check::report::render_json(model)
}

/// True when the model has a finding at or above the `--fail-on` threshold.
pub fn fails(model: &dpa::Model, lang: dpa::Lang, fail_on: FailOn) -> bool {
    let compliance = dpa::check::check(model, lang);
    compliance
        .findings
        .iter()
        .any(|f| fail_on.triggered_by(f.severity))
}
