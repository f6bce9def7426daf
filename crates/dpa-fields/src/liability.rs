//! Extractor for `liability`: the liability limit as written and its amount
//! where a fixed sum is named.

use crate::pattern::Pattern;
use crate::scan::{self, Words};
use crate::values::clean::{clean_value, trim_span};
use crate::Ctx;
use dpa_model::Model;
use std::sync::LazyLock;

static CAP: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:beperkt\s+(?:tot|overeenkomstig)|bedraagt\s+(?:ten\s+hoogste|maximaal)|niet\s+hoger\s+dan|(?:ten\s+hoogste|maximaal)\s+(?:het\s+bedrag|€|eur)|limited\s+to)\s+(?P<cap>(?:[^.;]|\.\d){3,200})",
    )
});
static AMOUNT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?P<cur>€|eur(?:o)?|\$|usd)\s*(?P<num>\d{1,3}(?:[.\s]\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?)(?:,-)?",
    )
});

/// Words of a sentence about liability.
static LIABILITY_WORDS: Words = Words::new(&["aansprakelijk", "liability", "liable"]);

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    let sents = scan::all_sentences(text);
    for s in scan::ranges_holding(text, &sents, &LIABILITY_WORDS) {
        let sent = &text[s.clone()];
        let Some(c) = CAP.captures(sent) else {
            continue;
        };
        let Some(cap) = c.name("cap") else { continue };
        let r = trim_span(text, s.start + cap.start()..s.start + cap.end());
        model.liability.cap = Some(clean_value(&text[r.clone()]));
        ctx.record(model, "liability.cap", r.clone());
        if let Some(a) = AMOUNT.captures(&text[r.clone()]) {
            if let (Some(cur), Some(num)) = (a.name("cur"), a.name("num")) {
                let digits: String = num
                    .as_str()
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == ',')
                    .collect();
                if let Ok(v) = digits.replace(',', ".").parse::<f64>() {
                    model.liability.cap_amount = Some(v);
                    let cur = cur.as_str().to_lowercase();
                    model.liability.currency = Some(
                        if cur == "$" || cur == "usd" {
                            "USD"
                        } else {
                            "EUR"
                        }
                        .to_string(),
                    );
                    let ar = r.start + a.get(0).map_or(0, |m| m.start())
                        ..r.start + a.get(0).map_or(0, |m| m.end());
                    ctx.record(model, "liability.cap_amount", ar.clone());
                    ctx.record(model, "liability.currency", ar);
                }
            }
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Model {
        crate::ctx::run_extractor(text, extract)
    }

    #[test]
    fn fixed_amount() {
        let m = run("De aansprakelijkheid van Verwerker is beperkt tot € 250.000 per gebeurtenis.");
        assert_eq!(
            m.liability.cap.as_deref(),
            Some("€ 250.000 per gebeurtenis")
        );
        assert_eq!(m.liability.cap_amount, Some(250000.0));
        assert_eq!(m.liability.currency.as_deref(), Some("EUR"));
    }

    #[test]
    fn cap_as_written() {
        let m = run("De aansprakelijkheid is beperkt tot het bedrag dat Klant in de 12 maanden voorafgaand aan de schade heeft betaald.");
        assert!(m.liability.cap.unwrap().starts_with("het bedrag dat Klant"));
        assert_eq!(m.liability.cap_amount, None);
    }
}
