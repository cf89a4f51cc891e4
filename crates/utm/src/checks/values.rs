//! UTM values and names written so that reports split: capitals, spaces, repeated parameters.

use std::collections::BTreeMap;

use preflight_model::{Confidence, Finding, Status};

use super::{utm_finding, with_fix};
use crate::data::policy;
use crate::fix::Fix;
use crate::parsed::ParsedUrl;

pub fn check(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    uppercase_values(parsed, out);
    spaced_values(parsed, out);
    uppercase_names(parsed, out);
    duplicates(parsed, out);
}

fn utm_params(parsed: &ParsedUrl) -> impl Iterator<Item = &crate::parsed::Param> {
    parsed
        .params()
        .filter(|p| policy().is_utm(&p.key.to_lowercase()) && p.value_raw.is_some())
}

fn uppercase_values(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let offending: Vec<_> = utm_params(parsed)
        .filter(|p| p.value.chars().any(char::is_uppercase))
        .collect();
    if offending.is_empty() {
        return;
    }
    let mut f = utm_finding(
        "utm-value-not-lowercase",
        Status::Warn,
        "UTM values contain capital letters",
    )
    .detail(
        "Google Analytics keeps the exact spelling of UTM values, so \"ChatGPT\" and \"chatgpt\" \
         are reported as two different sources and your numbers split across rows.",
    )
    .remedy("Write every UTM value in lowercase, and use the same spelling in every ad.");
    for p in offending {
        f = f.evidence(format!("{} value", p.key), &p.value);
    }
    out.push(with_fix(f, &parsed.raw, Fix::NormalizeUtmValues));
}

fn spaced_values(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let offending: Vec<_> = utm_params(parsed)
        .filter(|p| p.value.chars().any(char::is_whitespace))
        .collect();
    if offending.is_empty() {
        return;
    }
    let mut f = utm_finding(
        "utm-value-has-spaces",
        Status::Warn,
        "UTM values contain spaces",
    )
    .detail(
        "A space at the start or end is invisible but makes \" cpc\" a different medium from \
         \"cpc\" (and one Google Analytics does not count as paid). Spaces inside a value, \
         written as %20, + or a plain space, are easy to get inconsistent between ads \
         (\"spring sale\", \"spring_sale\", \"spring-sale\") and each spelling becomes its own row.",
    )
    .remedy(
        "Remove leading and trailing spaces and join words with underscores \
         (spring_sale instead of spring sale).",
    );
    for p in offending {
        f = f.evidence(format!("{} as written", p.key), &p.raw);
    }
    out.push(with_fix(f, &parsed.raw, Fix::NormalizeUtmValues));
}

fn uppercase_names(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let offending: Vec<_> = parsed
        .params()
        .filter(|p| p.key != p.key.to_lowercase() && policy().is_utm(&p.key.to_lowercase()))
        .collect();
    if offending.is_empty() {
        return;
    }
    let mut f = utm_finding(
        "utm-name-not-lowercase",
        Status::Warn,
        "A UTM parameter name has capital letters",
    )
    .confidence(Confidence::Medium)
    .detail(
        "Analytics tools look for utm_source, utm_medium and so on in lowercase; a name such as \
         UTM_Source may be ignored, so the visit loses its campaign data.",
    )
    .remedy("Write the parameter names in lowercase (utm_source, utm_medium, utm_campaign).");
    for p in offending {
        f = f.evidence("Parameter", &p.raw);
    }
    out.push(with_fix(f, &parsed.raw, Fix::LowercaseUtmNames));
}

fn duplicates(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let mut by_key: BTreeMap<&str, Vec<&crate::parsed::Param>> = BTreeMap::new();
    for p in parsed.params() {
        by_key.entry(p.key.as_str()).or_default().push(p);
    }
    let repeated: Vec<_> = by_key.into_iter().filter(|(_, v)| v.len() > 1).collect();
    if repeated.is_empty() {
        return;
    }
    let conflicting = repeated
        .iter()
        .any(|(_, v)| v.iter().any(|p| p.value != v[0].value));
    let detail = if conflicting {
        "The same parameter appears more than once with different values. Tools disagree on \
         which one counts (most read the first), so reports can show a value you did not \
         intend."
    } else {
        "The same parameter appears more than once. It is usually a copy-paste slip; it makes \
         the URL harder to read and some tools record the value twice."
    };
    let mut f = utm_finding(
        "url-duplicate-parameter",
        Status::Warn,
        "A parameter appears more than once",
    )
    .detail(detail)
    .remedy("Keep each parameter once, with the value you want reported.");
    for (key, params) in repeated {
        let values: Vec<&str> = params.iter().map(|p| p.raw.as_str()).collect();
        f = f.evidence(
            format!("{key} ({} times)", params.len()),
            values.join(" & "),
        );
    }
    out.push(with_fix(f, &parsed.raw, Fix::DropDuplicates));
}
