//! Print the privacy officer's report of saved models:
//! `cargo run -p dpa-check --example report -- [--lang en] [--json] MODEL.json...`

use dpa_check::report::{render_json, render_text};
use dpa_check::Lang;
use dpa_model::Model;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut lang = Lang::Nl;
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lang" => lang = args.next().unwrap_or_default().parse()?,
            "--json" => json = true,
            path => {
                let mut model: Model = serde_json::from_str(&std::fs::read_to_string(path)?)?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&render_json(&model))?);
                } else {
                    model.compliance = Default::default();
                    println!("{}", render_text(&model, lang));
                }
            }
        }
    }
    Ok(())
}
