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
    let hits: Vec<_> = parsed
        .params()
        .chain(&parsed.fragment_params)
        .filter(|p| policy().is_openai_click_param(&p.key.to_lowercase()))
        .collect();
    if hits.is_empty() {
        return;
    }
    let mut f = utm_finding(
        "url-openai-click-id-present",
        Status::Fail,
        "The destination already contains oppref or olref",
    )
    .confidence(Confidence::Medium)
    .detail(
        "OpenAI adds a fresh oppref (and olref) to every ad click. A value already in the \
         destination was copied from an earlier click: every visitor then carries two, and if \
         your page or pixel reads the stale one, conversions are credited to the wrong click \
         or to none.",
    )
    .remedy("Remove oppref and olref from the destination URL; OpenAI adds them by itself.");
    for p in hits {
        f = f.evidence("Parameter", &p.raw);
    }
    out.push(with_fix(f, &parsed.raw, Fix::DropOpenAiClickIds));
}
