//! The JSON of every fixture validates against `dpa::json_schema()`.

use std::path::{Path, PathBuf};

fn fixtures(folder: &str, ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
}

fn options_for(path: &Path) -> dpa::Options {
    let mut opts = dpa::Options::default();
    if path
        .file_name()
        .is_some_and(|n| n == "encrypted-user-password.pdf")
    {
        opts.password = Some("geheim".to_string());
    }
    opts
}

fn assert_valid(schema: &jsonschema::JSONSchema, path: &Path, model: &dpa::Model) {
    let json = serde_json::to_value(model).unwrap();
    let messages: Vec<String> = match schema.validate(&json) {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect(),
    };
    assert!(
        messages.is_empty(),
        "{}: {} schema errors: {messages:#?}",
        path.display(),
        messages.len()
    );
}

fn compiled_schema() -> jsonschema::JSONSchema {
    jsonschema::JSONSchema::compile(&dpa::json_schema()).expect("the generated schema compiles")
}

#[test]
fn text_fixtures_validate_against_the_schema() {
    let schema = compiled_schema();
    let paths = fixtures("text", "txt");
    assert!(
        paths.len() >= 2,
        "the two customer fixtures are in fixtures/text"
    );
    for path in paths {
        let model = dpa::analyze_path(&path, &dpa::Options::default()).unwrap();
        assert_valid(&schema, &path, &model);
    }
}

#[test]
fn readable_pdf_fixtures_validate_against_the_schema() {
    let schema = compiled_schema();
    for path in fixtures("pdf", "pdf") {
        // Files that are not readable (scanned, broken) are the text stage's tests.
        if let Ok(model) = dpa::analyze_path(&path, &options_for(&path)) {
            assert_valid(&schema, &path, &model);
        }
    }
}

#[test]
fn an_empty_model_validates_and_a_wrong_enum_does_not() {
    let schema = compiled_schema();
    let model = dpa::analyze_str("", &dpa::Options::default());
    assert_valid(&schema, Path::new("<empty>"), &model);
    let mut json = serde_json::to_value(&model).unwrap();
    json["document"]["kind"] = serde_json::json!("contract");
    assert!(
        schema.validate(&json).is_err(),
        "an unknown document kind is rejected"
    );
}
