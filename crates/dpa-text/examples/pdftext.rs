//! Print the normalized text of a PDF or text file (pages separated by form feeds).
//! `cargo run --release --example pdftext -p dpa-text -- FILE [PASSWORD]`

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: pdftext FILE [PASSWORD]");
        std::process::exit(2);
    };
    let opts = dpa_text::TextOptions {
        password: args.next(),
        ..Default::default()
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let result = if path.ends_with(".pdf") {
        dpa_text::from_pdf(&bytes, &opts)
    } else {
        dpa_text::from_plain(&bytes, &opts)
    };
    match result {
        Ok(t) => {
            for w in &t.warnings {
                eprintln!("warning: {} {} (page {:?})", w.code, w.message, w.page);
            }
            println!("{}", t.text);
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
