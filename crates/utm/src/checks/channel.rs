//! Source and medium choices that put paid ChatGPT clicks in the wrong GA4 channel: organic
//! ChatGPT's own source, a source naming another platform, an organic or referral medium, a
//! medium that lands in an unpaid channel, or a medium no rule recognises. The channel always
//! comes from the GA4 preview; the lists are data (`utm_policy.toml`, `other_platforms.toml`).

use preflight_model::{Confidence, Finding, Status};

use super::{replace_value, utm_finding};
use crate::data::policy;
use crate::parsed::{Param, ParsedUrl};
use crate::platforms::other_platform;
use crate::report::Ga4Preview;

/// A UTM value a click carries, and where it is set (`None`: the destination URL).
struct Carried<'a> {
    param: &'a Param,
    from: Option<&'a str>,
}

impl Carried<'_> {
    fn value(&self) -> &str {
        self.param.value.trim()
    }

    /// Evidence for the parameter, and a suggested URL when the destination itself sets it.
    fn evidence(&self, f: Finding, parsed: &ParsedUrl, key: &str, better: &str) -> Finding {
        match self.from {
            None => f
                .evidence("Parameter", &self.param.raw)
                .evidence("Suggested URL", replace_value(parsed, key, better)),
            Some(from) => f
                .evidence("Parameter", &self.param.raw)
                .evidence("Set in", from),
        }
    }
}

pub fn check(parsed: &ParsedUrl, ga4: &Ga4Preview, out: &mut Vec<Finding>) {
    let carried = |key: &str| {
        parsed
            .effective(key)
            .map(|(param, from)| Carried { param, from })
    };
    let channel_line = format!("{} (rule: {})", ga4.preview.channel, ga4.preview.rule_words);
    if let Some(s) = carried("utm_source") {
        source(parsed, &s, ga4, &channel_line, out);
    }
    if let Some(m) = carried("utm_medium").filter(|m| !m.value().is_empty()) {
        medium(parsed, &m, ga4, &channel_line, out);
    }
}

fn source(
    parsed: &ParsedUrl,
    s: &Carried,
    ga4: &Ga4Preview,
    channel_line: &str,
    out: &mut Vec<Finding>,
) {
    let p = policy();
    let value = s.value().to_lowercase();
    if p.organic_chatgpt_sources.contains(&value) {
        let f = utm_finding(
            "utm-source-organic-collision",
            Status::Warn,
            format!("utm_source={} is what free ChatGPT links use", s.value()),
        )
        .detail(
            "Links that ChatGPT shows in its answers (not ads) already carry \
             utm_source=chatgpt.com. Tag your ads the same way and paid and free visits \
             become one row in your reports, so you cannot tell what the ads bring.",
        )
        .remedy(format!(
            "Use utm_source={} for ads and leave chatgpt.com to free traffic.",
            p.recommended_source
        ));
        out.push(s.evidence(f, parsed, "utm_source", &p.recommended_source));
    } else if let Some(platform) = other_platform(&value) {
        let f = utm_finding(
            "utm-source-other-platform",
            Status::Warn,
            format!(
                "utm_source={} names {}, not ChatGPT",
                s.value(),
                platform.name
            ),
        )
        .detail(format!(
            "This ad runs on ChatGPT, but its source says {}. Google Analytics reports the \
             clicks under that source, in the {} channel, so ChatGPT's results are credited to \
             {} and mixed with its own traffic. This usually comes from a URL copied from \
             another campaign.",
            platform.name, ga4.preview.channel, platform.name
        ))
        .evidence("GA4 channel", channel_line)
        .remedy(format!(
            "Use utm_source={} for every ChatGPT ad.",
            p.recommended_source
        ));
        out.push(s.evidence(f, parsed, "utm_source", &p.recommended_source));
    }
}

fn medium(
    parsed: &ParsedUrl,
    m: &Carried,
    ga4: &Ga4Preview,
    channel_line: &str,
    out: &mut Vec<Finding>,
) {
    let p = policy();
    let value = m.value().to_lowercase();
    let channel = &ga4.preview.channel;
    let better = &p.recommended_medium;
    if p.organic_like_mediums.contains(&value) {
        let f = utm_finding(
            "utm-medium-organic-like",
            Status::Warn,
            format!("utm_medium={} makes paid clicks look unpaid", m.value()),
        )
        .detail(format!(
            "This medium is what Google Analytics uses for free traffic from other sites and \
             AI assistants, so paid ChatGPT clicks would be counted as {channel} and mixed \
             with organic ChatGPT visits."
        ))
        .evidence("GA4 channel", channel_line)
        .remedy(format!("Use a paid medium: utm_medium={better}."));
        out.push(m.evidence(f, parsed, "utm_medium", better));
    } else if ga4.preview.rule_id == "unassigned" {
        let f = utm_finding(
            "utm-medium-unassigned",
            Status::Warn,
            format!(
                "utm_medium={} puts these clicks in \"Unassigned\"",
                m.value()
            ),
        )
        .confidence(Confidence::Medium)
        .detail(
            "No Google Analytics channel rule recognises this medium, so ChatGPT ad clicks \
             would be reported as Unassigned instead of as paid traffic. Mediums that GA4 \
             treats as paid contain \"cp\" (cpc, cpm) or start with \"paid\".",
        )
        .evidence("GA4 channel", channel_line)
        .remedy(format!(
            "Use utm_medium={better} (GA4 reports it as Paid Other)."
        ));
        out.push(m.evidence(f, parsed, "utm_medium", better));
    } else if !p.paid_channel_rules.contains(&ga4.preview.rule_id) {
        let f = utm_finding(
            "utm-medium-unpaid-channel",
            Status::Warn,
            format!(
                "utm_medium={} puts paid ChatGPT clicks in GA4's {channel} channel",
                m.value()
            ),
        )
        .detail(format!(
            "Google Analytics files visits with this medium under {channel}, a channel meant \
             for other traffic, so your paid ChatGPT clicks are counted there instead of with \
             paid traffic, and their cost and results are hard to find. Paid mediums contain \
             \"cp\" (cpc) or start with \"paid\"."
        ))
        .evidence("GA4 channel", channel_line)
        .remedy(format!(
            "Use utm_medium={better}, which GA4 reports as paid traffic."
        ));
        out.push(m.evidence(f, parsed, "utm_medium", better));
    }
}
