//! Which other advertising platform a utm_source value names, if any (`data/other_platforms.toml`).

use crate::data::{other_platforms, policy, OtherPlatform};

/// Common endings of a domain used as a source, skipped to find its name ("google.co.uk").
const DOMAIN_ENDINGS: &[&str] = &[
    "com", "net", "org", "co", "io", "ai", "de", "fr", "uk", "es", "it", "nl", "jp", "ca", "au",
    "br", "in", "ac", "gov", "edu",
];

/// The platform a source names: compared as written, in compact form (letters and digits only,
/// a trailing "ads"/"ad" removed) and, for a domain, by its name. ChatGPT's own spellings never
/// match.
pub fn other_platform(source: &str) -> Option<&'static OtherPlatform> {
    let value = source.trim().to_lowercase();
    if value.is_empty() || policy().chatgpt_source_aliases.contains(&value) {
        return None;
    }
    let mut candidates = vec![value.clone()];
    let compact = compact_str(&value);
    candidates.push(compact.clone());
    for suffix in ["ads", "ad"] {
        if let Some(stripped) = compact.strip_suffix(suffix).filter(|s| s.len() >= 2) {
            candidates.push(stripped.to_string());
        }
    }
    if let Some(name) = domain_name(&value) {
        candidates.push(compact_str(name));
    }
    other_platforms()
        .iter()
        .find(|p| candidates.iter().any(|c| p.sources.contains(c)))
}

fn compact_str(value: &str) -> String {
    value.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// "l.facebook.com" gives "facebook"; "google.co.uk" gives "google"; not a domain gives None.
fn domain_name(value: &str) -> Option<&str> {
    if !value.contains('.') || value.contains(char::is_whitespace) {
        return None;
    }
    let mut labels: Vec<&str> = value.split('.').filter(|l| !l.is_empty()).collect();
    while labels.len() > 1 && labels.last().is_some_and(|l| DOMAIN_ENDINGS.contains(l)) {
        labels.pop();
    }
    labels.last().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(source: &str) -> Option<&'static str> {
        other_platform(source).map(|p| p.name.as_str())
    }

    #[test]
    fn spellings_of_other_platforms() {
        for (source, want) in [
            ("google", "Google"),
            ("Google-Ads", "Google"),
            ("google_ads", "Google"),
            ("www.google.co.uk", "Google"),
            ("bing", "Microsoft (Bing)"),
            ("FB", "Meta"),
            ("l.facebook.com", "Meta"),
            ("meta_ads", "Meta"),
            ("instagram.com", "Meta"),
            ("TikTok", "TikTok"),
            ("linkedin", "LinkedIn"),
            ("x.com", "X (Twitter)"),
            ("t.co", "X (Twitter)"),
            ("perplexity", "Perplexity"),
        ] {
            assert_eq!(name(source), Some(want), "{source}");
        }
    }

    #[test]
    fn chatgpt_and_unrelated_sources_are_not_other_platforms() {
        for source in [
            "chatgpt",
            "chatgpt.com",
            "openai",
            "openai_ads",
            "newsletter",
            "partner.example.com",
            "",
            "ads",
            "googlefan",
        ] {
            assert_eq!(name(source), None, "{source}");
        }
    }
}
