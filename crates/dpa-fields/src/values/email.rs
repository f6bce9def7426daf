//! E-mail addresses, lower-cased, trailing punctuation removed.

use crate::pattern::Pattern;
use std::ops::Range;
use std::sync::LazyLock;

static EMAIL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}",
    )
});

/// Every e-mail address in `text`, lower-cased, with its byte range.
pub fn find_emails(text: &str) -> Vec<(String, Range<usize>)> {
    EMAIL
        .find_iter(text)
        .map(|m| (m.as_str().to_lowercase(), m.range()))
        .collect()
}

/// The domain of an address (`"info@alfa.nl"` → `"alfa.nl"`).
pub fn domain(email: &str) -> &str {
    email.rsplit_once('@').map_or("", |(_, d)| d)
}

/// The local part of an address (`"info@alfa.nl"` → `"info"`).
pub fn local_part(email: &str) -> &str {
    email.split_once('@').map_or(email, |(l, _)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lowercases_and_strips_punctuation() {
        let t = "Mail naar Info@Voorbeeld.NL. Of privacy@sub.voorbeeld-groep.nl, bedankt";
        let found = find_emails(t);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "info@voorbeeld.nl");
        assert_eq!(&t[found[0].1.clone()], "Info@Voorbeeld.NL");
        assert_eq!(found[1].0, "privacy@sub.voorbeeld-groep.nl");
        assert_eq!(domain(&found[1].0), "sub.voorbeeld-groep.nl");
        assert_eq!(local_part(&found[0].0), "info");
    }

    #[test]
    fn no_address_without_domain() {
        assert!(find_emails("twitter @voorbeeld en a@b").is_empty());
    }
}
