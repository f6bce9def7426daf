use dpa_model::{Model, NormalizedText, Source, SourceFormat};
#[test]
fn debug_corpus() {
    let Ok(dir) = std::fs::read_dir("/work/shared/corpus/text") else { return };
    for e in dir.flatten() {
        let t = std::fs::read_to_string(e.path()).unwrap();
        let nt = NormalizedText::single_page(t, SourceFormat::Text);
        let source = Source { file: None, format: "text".into(), sha256: String::new(), pages: None, chars: 0 };
        let mut m = Model::empty(source);
        m.clauses = dpa_segment::segment(&nt);
        eprintln!("{:?}", e.path());
        dpa_fields::extract(&nt, &mut m);
    }
}
