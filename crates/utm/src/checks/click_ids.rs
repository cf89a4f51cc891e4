//! Click identifiers that do not belong in a ChatGPT ad destination: other platforms' ids
//! (copied from another campaign) and OpenAI's own, which OpenAI appends fresh on every click.

use preflight_model::{Confidence, Finding, Status};

use super::{utm_finding, with_fix};
use crate::data::{foreign_click_id, policy};
use crate::fix::Fix;
use crate::parsed::ParsedUrl;

pub fn check(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    foreign(parsed, out);
    openai(parsed, out);
}

fn foreign(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let hits: Vec<_> = parsed
        .params()
        .filter_map(|p| foreign_click_id(&p.key).map(|c| (p, c)))
        .collect();
    if hits.is_empty() {
        return;
    }
    let platforms: Vec<&str> = hits.iter().map(|(_, c)| c.platform.as_str()).collect();
    let mut f = utm_finding(
        "url-foreign-click-id",
        Status::Warn,
        format!(
            "The URL carries another platform's click id ({})",
            platforms.join(", ")
        ),
    )
    .detail(
        "Click ids are added by an ad platform to its own clicks. One copied into a ChatGPT ad \
         is the same stale id on every click, and analytics or that platform's tag may credit \
         your ChatGPT visits and sales to the other platform.",
    )
    .remedy("Remove the click id from the destination URL.");
    for (p, c) in hits {
        f = f.evidence(
            format!("{} ({})", p.key, c.platform),
            format!("{} - {}", p.raw, c.effect),
        );
    }
    out.push(with_fix(f, &parsed.raw, Fix::DropForeignClickIds));
}

fn openai(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    // Query parameters only: after a # nothing reaches the server (utm-in-fragment says so).
    let hits: Vec<(&crate::parsed::Param, bool)> = parsed
        .params()
        .filter_map(|p| {
            policy()
                .reserved(&p.key)
                .map(|prefix_only| (p, prefix_only))
        })
        .collect();
    if hits.is_empty() {
        return;
    }
    // The serving issue is OpenAI's; which names it covers beyond oppref, olref and obref is
    // reported by third parties only.
    let confidence = if hits.iter().any(|(_, prefix_only)| *prefix_only) {
        Confidence::Medium
    } else {
        Confidence::High
    };
    let names: Vec<String> = hits.iter().map(|(p, _)| p.key.clone()).collect();
    let mut f = utm_finding(
        "url-reserved-parameter",
        Status::Fail,
        format!(
            "The destination contains a parameter OpenAI reserves ({})",
            names.join(", ")
        ),
    )
    .confidence(confidence)
    .detail(
        "OpenAI reserves oppref, olref, obref and other parameters starting with \"oai\" for \
         itself and adds its own on every ad click. An ad whose destination already carries \
         one is not served: it gets the serving issue reserved_query_params_present. Such a \
         value was usually copied from an earlier click.",
    )
    .remedy(
        "Remove these parameters from the destination URL; OpenAI adds its own oppref to \
         every click.",
    );
    for (p, _) in hits {
        f = f.evidence("Parameter", &p.raw);
    }
    f = f.evidence("Serving issue", "reserved_query_params_present");
    out.push(with_fix(f, &parsed.raw, Fix::DropReservedParams));
}
