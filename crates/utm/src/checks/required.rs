//! utm_source, utm_medium and utm_campaign must be present with a value, in the destination
//! URL or, when tracking templates are given, in one of them.

use preflight_model::{Finding, Status};

use super::utm_finding;
use crate::data::policy;
use crate::parsed::ParsedUrl;
use crate::report::Ga4Preview;

pub fn check(parsed: &ParsedUrl, ga4: &Ga4Preview, out: &mut Vec<Finding>) {
    for key in &policy().required {
        let found = parsed.effective(key);
        if found.is_some_and(|(p, _)| !p.value.trim().is_empty()) {
            continue;
        }
        let found = found.map(|(p, from)| (p, from.unwrap_or("the destination URL")));
        // A differently-cased name (UTM_Source) is reported by the name check instead.
        if found.is_none() && parsed.params().any(|p| p.key.eq_ignore_ascii_case(key)) {
            continue;
        }
        let short = key.trim_start_matches("utm_");
        let id = format!("utm-{short}-missing");
        let in_fragment = parsed.fragment_params.iter().any(|p| &p.key == key);
        let title = match found {
            Some((_, from)) if !parsed.inherited.is_empty() => format!("{key} is empty in {from}"),
            Some(_) => format!("{key} is empty"),
            None if in_fragment => format!("{key} is only after the #, where it is not read"),
            None => format!("{key} is missing"),
        };
        let mut finding = utm_finding(&id, Status::Warn, title)
            .detail(detail(key, ga4))
            .remedy(remedy(key))
            .evidence("Destination", &parsed.raw);
        if let Some((p, _)) = found {
            finding = finding.evidence("Parameter", &p.raw);
        }
        out.push(finding);
    }
}

fn detail(key: &str, ga4: &Ga4Preview) -> String {
    let channel = &ga4.preview.channel;
    match key {
        "utm_source" | "utm_medium" if ga4.inputs.from_referrer => format!(
            "Without utm_source and utm_medium, Google Analytics falls back to the referring site, \
             so your paid ChatGPT clicks would most likely be counted as {channel} traffic, \
             mixed with free (organic) visits from ChatGPT."
        ),
        "utm_source" => format!(
            "Without a source, Google Analytics cannot say where the visit came from; these \
             clicks would show as source \"(not set)\" and most likely in the {channel} channel."
        ),
        "utm_medium" => format!(
            "Without a medium, Google Analytics cannot tell a paid click from any other visit; \
             these clicks would most likely land in the {channel} channel."
        ),
        _ => "Without a campaign name, every ChatGPT campaign shows up as \"(not set)\" in \
              Google Analytics and you cannot compare them."
            .to_string(),
    }
}

fn remedy(key: &str) -> String {
    let p = policy();
    match key {
        "utm_source" => format!(
            "Add utm_source={} to the destination URL.",
            p.recommended_source
        ),
        "utm_medium" => format!(
            "Add utm_medium={} to the destination URL.",
            p.recommended_medium
        ),
        "utm_campaign" => "Add utm_campaign= with your campaign name in lowercase, words joined \
                           by underscores (for example utm_campaign=spring_sale_2026)."
            .to_string(),
        other => format!("Add {other} to the destination URL."),
    }
}
