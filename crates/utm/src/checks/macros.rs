//! Dynamic macros from other ad platforms ({campaign}, {{ad.name}}, %%SITE%%, …). OpenAI says
//! they are not supported (help article 20001214), so they reach reports as literal text.

use std::sync::LazyLock;

use preflight_model::{Finding, Status};
use regex::Regex;

use super::utm_finding;
use crate::parsed::{decode_component, ParsedUrl};

/// `${…}`, `{{…}}`, `{…}`, `[[…]]` and `%%…%%`, tried in that order at each position.
static MACRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\$\{[^{}]{0,100}\}|\{\{[^{}]{0,100}\}\}|\{[^{}]{0,100}\}|\[\[[^\[\]]{0,100}\]\]|%%[A-Za-z0-9_.:\-]{1,60}%%",
    )
    .expect("valid macro regex")
});

/// Every macro-like placeholder in the text, as written (also when percent-encoded).
pub fn find_macros(text: &str) -> Vec<String> {
    let mut found: Vec<String> = MACRO
        .find_iter(text)
        .map(|m| m.as_str().to_string())
        .collect();
    for m in MACRO.find_iter(&decode_component(text).text) {
        if !found.iter().any(|f| f == m.as_str()) {
            found.push(m.as_str().to_string());
        }
    }
    found
}

pub fn check(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let macros = find_macros(&parsed.raw);
    if macros.is_empty() {
        return;
    }
    let mut f = utm_finding(
        "utm-dynamic-macro",
        Status::Fail,
        "The URL uses dynamic placeholders ChatGPT ads do not fill in",
    )
    .detail(
        "Placeholders such as {campaign}, {{ad.name}} or %%SITE%% are filled in by other ad \
         platforms. OpenAI states that dynamic UTM macros are not supported, so the text is \
         sent as is and your reports show \"{campaign}\" instead of a campaign name.",
    )
    .remedy("Replace each placeholder with the actual value for this ad (static text).");
    for m in macros {
        f = f.evidence("Placeholder", m);
    }
    f = f.evidence("Destination", &parsed.raw);
    out.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_macro_style() {
        for (text, want) in [
            ("utm_campaign={campaign}", "{campaign}"),
            ("utm_campaign={{campaign.name}}", "{{campaign.name}}"),
            ("utm_content=[[ad_id]]", "[[ad_id]]"),
            ("utm_source=%%SITE%%", "%%SITE%%"),
            ("utm_term=${keyword}", "${keyword}"),
            ("utm_campaign=%7Bcampaign%7D", "{campaign}"),
        ] {
            assert_eq!(find_macros(text), vec![want.to_string()], "{text}");
        }
        assert!(find_macros("utm_campaign=spring_sale&x=50%25").is_empty());
    }
}
