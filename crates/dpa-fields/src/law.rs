//! Extractor for `law`: governing law (`Nederlands recht` → `NL`) and forum
//! (`rechtbank <city>` where a city is named, else as written).

use crate::pattern::Pattern;
use crate::scan;
use crate::values::clean::clean_value;
use crate::values::country::country_code;
use crate::Ctx;
use dpa_model::Model;
use std::ops::Range;
use std::sync::LazyLock;

/// Adjectives of a legal system (`Nederlands recht`) → ISO country.
const LAW_ADJECTIVES: &[(&str, &str)] = &[
    ("nederlands", "NL"),
    ("nederlandse", "NL"),
    ("dutch", "NL"),
    ("belgisch", "BE"),
    ("belgische", "BE"),
    ("belgian", "BE"),
    ("duits", "DE"),
    ("duitse", "DE"),
    ("german", "DE"),
    ("iers", "IE"),
    ("ierse", "IE"),
    ("irish", "IE"),
    ("frans", "FR"),
    ("franse", "FR"),
    ("french", "FR"),
    ("engels", "GB"),
    ("engelse", "GB"),
    ("english", "GB"),
    ("luxemburgs", "LU"),
    ("luxemburgse", "LU"),
];

static LAW: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?P<adj>[a-z]+)\s+(?:recht|law)(?-u:\b)|(?-u:\b)laws?\s+of\s+(?:the\s+)?(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)",
    )
});
static APPLIES: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)van\s+toepassing|beheerst|toepasselijk|(?-u:\b)governed(?-u:\b)|(?-u:\b)governing(?-u:\b)|(?-u:\b)applies(?-u:\b)|(?-u:\b)applicable(?-u:\b)",
    )
});
static FORUM: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:rechtbank|bevoegde\s+rechter|rechter|court(?:s)?)(?-u:\b)(?:\s+(?:van\s+het\s+|in\s+het\s+)?arrondissement|\s+te|\s+in|\s+of)?\s+(?P<place>'s-[A-Z][\w-]+|[A-Z][\w-]+(?:\s+(?:aan\s+(?:den|de)\s+)?[A-Z][\w-]+)?)",
    )
});

pub fn extract(ctx: &Ctx, model: &mut Model) {
    let text = ctx.full();
    scan::with_all_sentences(text, |sentences| {
        governing_law_of(ctx, model, text, sentences);
        forum_of(ctx, model, text, sentences);
    });
}

/// The law of the first sentence that applies one (only sentences where
/// [`APPLIES`] may match are read).
fn governing_law_of(ctx: &Ctx, model: &mut Model, text: &str, sentences: &[Range<usize>]) {
    for s in scan::ranges_pattern_may_match(text, sentences, &APPLIES) {
        let sent = &text[s.clone()];
        if !APPLIES.is_match(sent) {
            continue;
        }
        if let Some((code, r)) = governing_law(sent) {
            model.law.governing_law = Some(code.to_string());
            ctx.record(
                model,
                "law.governing_law",
                s.start + r.start..s.start + r.end,
            );
            return;
        }
    }
}

/// The court of the first sentence that names one.
fn forum_of(ctx: &Ctx, model: &mut Model, text: &str, sentences: &[Range<usize>]) {
    for s in scan::ranges_pattern_may_match(text, sentences, &FORUM) {
        let Some(c) = FORUM.captures(&text[s.clone()]) else {
            continue;
        };
        let (Some(whole), Some(place)) = (c.get(0), c.name("place")) else {
            continue;
        };
        let place_text = clean_value(place.as_str());
        let forum = if country_code(&place_text).is_some() {
            clean_value(whole.as_str())
        } else {
            format!("rechtbank {place_text}")
        };
        model.law.forum = Some(forum);
        ctx.record(
            model,
            "law.forum",
            s.start + whole.start()..s.start + whole.end(),
        );
        return;
    }
}

fn governing_law(sent: &str) -> Option<(&'static str, Range<usize>)> {
    LAW.captures_iter(sent).find_map(|c| {
        let whole = c.get(0)?.range();
        if let Some(adj) = c.name("adj") {
            let a = adj.as_str().to_lowercase();
            return LAW_ADJECTIVES
                .iter()
                .find(|(w, _)| *w == a)
                .map(|(_, code)| (*code, whole));
        }
        c.name("country")
            .and_then(|m| country_code(m.as_str()))
            .map(|code| (code, whole))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Model {
        crate::ctx::run_extractor(text, extract)
    }

    #[test]
    fn dutch_law_and_court_in_district() {
        let m = run("Op deze overeenkomst is Nederlands recht van toepassing. Geschillen gaan naar de bevoegde rechter in het arrondissement Rotterdam.");
        assert_eq!(m.law.governing_law.as_deref(), Some("NL"));
        assert_eq!(m.law.forum.as_deref(), Some("rechtbank Rotterdam"));
        assert!(m.evidence["law.forum"].text.contains("Rotterdam"));
    }

    #[test]
    fn court_named_by_city_and_country() {
        assert_eq!(
            run("Geschillen worden voorgelegd aan de rechtbank te Den Haag.")
                .law
                .forum
                .as_deref(),
            Some("rechtbank Den Haag")
        );
        assert_eq!(
            run("Geschillen worden voorgelegd aan de bevoegde rechter in Nederland.")
                .law
                .forum
                .as_deref(),
            Some("bevoegde rechter in Nederland")
        );
    }

    #[test]
    fn law_mentioned_without_choice_is_not_governing() {
        let m = run("Indien Verwerker op grond van Nederlands recht tot verwerking verplicht is, meldt hij dat vooraf.");
        assert_eq!(m.law.governing_law, None);
    }
}
