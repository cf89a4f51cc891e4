//! Source and medium choices that put paid ChatGPT clicks in the wrong GA4 channel: organic
//! ChatGPT's own source, an organic or referral medium, or a medium no rule recognises.

use preflight_model::{Confidence, Finding, Status};

use super::{replace_value, utm_finding};
use crate::data::policy;
use crate::parsed::ParsedUrl;
use crate::report::Ga4Preview;

pub fn check(parsed: &ParsedUrl, ga4: &Ga4Preview, out: &mut Vec<Finding>) {
    let p = policy();
    let source = parsed.first("utm_source");
    let medium = parsed.first("utm_medium");
    let channel_line = format!(
        "GA4 channel preview: {} (rule: {})",
        ga4.preview.channel, ga4.preview.rule_words
    );

    if let Some(s) = source.filter(|s| {
        p.organic_chatgpt_sources
            .contains(&s.value.trim().to_lowercase())
    }) {
        out.push(
            utm_finding(
                "utm-source-organic-collision",
                Status::Warn,
                format!(
                    "utm_source={} is what free ChatGPT links use",
                    s.value.trim()
                ),
            )
            .detail(
                "Links that ChatGPT shows in its answers (not ads) already carry \
                 utm_source=chatgpt.com. Tag your ads the same way and paid and free visits \
                 become one row in your reports, so you cannot tell what the ads bring.",
            )
            .evidence("Parameter", &s.raw)
            .evidence(
                "Suggested URL",
                replace_value(parsed, "utm_source", &p.recommended_source),
            )
            .remedy(format!(
                "Use utm_source={} for ads and leave chatgpt.com to free traffic.",
                p.recommended_source
            )),
        );
    }

    let Some(m) = medium.filter(|m| !m.value.trim().is_empty()) else {
        return;
    };
    let medium_value = m.value.trim().to_lowercase();
    if p.organic_like_mediums.contains(&medium_value) {
        out.push(
            utm_finding(
                "utm-medium-organic-like",
                Status::Warn,
                format!(
                    "utm_medium={} makes paid clicks look unpaid",
                    m.value.trim()
                ),
            )
            .detail(format!(
                "This medium is what Google Analytics uses for free traffic from other sites \
                 and AI assistants, so paid ChatGPT clicks would be counted as {} and mixed \
                 with organic ChatGPT visits.",
                ga4.preview.channel
            ))
            .evidence("Parameter", &m.raw)
            .evidence("GA4 channel", channel_line)
            .evidence(
                "Suggested URL",
                replace_value(parsed, "utm_medium", &p.recommended_medium),
            )
            .remedy(format!(
                "Use a paid medium: utm_medium={}.",
                p.recommended_medium
            )),
        );
    } else if ga4.preview.rule_id == "unassigned" {
        out.push(
            utm_finding(
                "utm-medium-unassigned",
                Status::Warn,
                format!(
                    "utm_medium={} puts these clicks in \"Unassigned\"",
                    m.value.trim()
                ),
            )
            .confidence(Confidence::Medium)
            .detail(
                "No Google Analytics channel rule recognises this medium, so ChatGPT ad \
                 clicks would be reported as Unassigned instead of as paid traffic. Mediums \
                 that GA4 treats as paid contain \"cp\" (cpc, cpm) or start with \"paid\".",
            )
            .evidence("Parameter", &m.raw)
            .evidence("GA4 channel", channel_line)
            .evidence(
                "Suggested URL",
                replace_value(parsed, "utm_medium", &p.recommended_medium),
            )
            .remedy(format!(
                "Use utm_medium={} (GA4 reports it as Paid Other).",
                p.recommended_medium
            )),
        );
    }
}
