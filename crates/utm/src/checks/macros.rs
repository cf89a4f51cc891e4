//! Macros typed into the destination URL itself ({campaign}, {{ad.name}}, %%SITE%%, and even
//! OpenAI's own {campaign_id}). OpenAI fills macros only inside a tracking template
//! (https://developers.openai.com/ads/campaign-management); in the destination they reach
//! reports as literal text (help article 20001214).

use std::ops::Range;
use std::sync::LazyLock;

use preflight_model::{Finding, Status};
use regex::Regex;

use super::utm_finding;
use crate::data::openai_macro;
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

/// Byte ranges of the macro-like placeholders in the text as written (not decoded).
pub fn macro_spans(text: &str) -> Vec<Range<usize>> {
    MACRO.find_iter(text).map(|m| m.range()).collect()
}

pub fn check(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let macros = find_macros(&parsed.raw);
    if macros.is_empty() {
        return;
    }
    let openai: Vec<&str> = macros
        .iter()
        .filter_map(|m| m.strip_prefix('{')?.strip_suffix('}'))
        .filter(|name| openai_macro(name).is_some())
        .collect();
    let remedy = if openai.is_empty() {
        "Replace each placeholder with the actual value for this ad (static text). To fill in \
         ids automatically, put OpenAI's macros ({campaign_id}, {ad_id}, {oppref}) in a \
         tracking template on the campaign or ad instead."
            .to_string()
    } else {
        format!(
            "Remove the parameter with {} from the destination URL and put it in the tracking \
             template (query string template) of the ad account, campaign, ad group or ad, \
             where OpenAI fills it in.",
            openai
                .iter()
                .map(|n| format!("{{{n}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let mut f = utm_finding(
        "utm-dynamic-macro",
        Status::Fail,
        "The destination URL contains placeholders that are not filled in",
    )
    .detail(
        "Placeholders such as {campaign}, {{ad.name}} or %%SITE%% are not filled in when they \
         are typed into the destination URL: the text is sent as is and your reports show \
         \"{campaign}\" instead of a campaign name. OpenAI fills its own macros \
         ({campaign_id}, {ad_id}, {oppref}) only inside a tracking template on the ad account, \
         campaign, ad group or ad, never in the destination URL itself.",
    )
    .remedy(remedy);
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
