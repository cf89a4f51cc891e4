//! Other tools on the page: tag managers, CDPs and consent managers (named from the data
//! table), and Meta / Google events, mapped to the OpenAI event that measures the same step.

use preflight_model::{Confidence, Finding, Status};
use serde_json::Value;

use crate::data::data;
use crate::finding::{finding, with_code};
use crate::ids;
use crate::js::{Call, Callee, FoundString};
use crate::types::{FoundEvent, Location, TagManager, VendorEvent};

/// Name the third-party tools behind these URLs. `scripts` pairs each script's label with its
/// strings, to read container ids written apart from the loader URL (as in GTM's snippet).
pub fn detect_tag_managers(
    urls: &[(String, Location)],
    scripts: &[(&str, &[FoundString])],
) -> Vec<TagManager> {
    let mut out: Vec<TagManager> = Vec::new();
    let push = |tm: TagManager, out: &mut Vec<TagManager>| {
        let dup = out
            .iter()
            .any(|o| o.name == tm.name && (o.id == tm.id || tm.id.is_none()));
        if !dup {
            // A later sighting with an id replaces an earlier one without.
            out.retain(|o| !(o.name == tm.name && o.id.is_none()));
            out.push(tm);
        }
    };
    for vendor in &data().vendors {
        for (url, location) in urls {
            if let Some(caps) = vendor.url.captures(url) {
                let id = caps.get(1).map(|m| m.as_str().to_string());
                push(
                    TagManager {
                        name: vendor.name.clone(),
                        kind: vendor.kind.clone(),
                        id,
                        evidence: url.clone(),
                        location: location.clone(),
                    },
                    &mut out,
                );
            }
        }
        for (_, strings) in scripts {
            let Some(hit) = strings.iter().find(|s| vendor.url.is_match(&s.value)) else {
                continue;
            };
            let id_from_url = vendor
                .url
                .captures(&hit.value)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string());
            let id = id_from_url.or_else(|| {
                let pattern = vendor.id_literal.as_ref()?;
                strings
                    .iter()
                    .find(|s| pattern.is_match(&s.value))
                    .map(|s| s.value.clone())
            });
            push(
                TagManager {
                    name: vendor.name.clone(),
                    kind: vendor.kind.clone(),
                    id,
                    evidence: hit.value.clone(),
                    location: hit.location.clone(),
                },
                &mut out,
            );
        }
    }
    out
}

/// Meta, GA4 and Google Ads events from `fbq`, `gtag` and `dataLayer.push` calls.
pub fn vendor_events(calls: &[Call]) -> Vec<VendorEvent> {
    let mut out = Vec::new();
    for call in calls {
        let arg_str = |i: usize| call.args.get(i).and_then(Value::as_str);
        let mut push = |platform: &str, name: &str| {
            let openai = data()
                .mapping(platform, name)
                .map(|m| m.openai.clone())
                .filter(|o| !o.is_empty());
            out.push(VendorEvent {
                platform: platform.to_string(),
                name: name.to_string(),
                openai_equivalent: openai,
                text: call.text.clone(),
                location: call.location.clone(),
            });
        };
        match call.callee {
            Callee::Fbq => match (arg_str(0), arg_str(1), arg_str(2)) {
                (Some("track"), Some(name), _) | (Some("trackSingle"), _, Some(name)) => {
                    push("meta", name)
                }
                _ => {}
            },
            Callee::Gtag => {
                if let (Some("event"), Some(name)) = (arg_str(0), arg_str(1)) {
                    push(
                        if name == "conversion" {
                            "google_ads"
                        } else {
                            "ga4"
                        },
                        name,
                    );
                }
            }
            Callee::DataLayerPush => {
                for arg in &call.args {
                    if let Some(name) = arg.get("event").and_then(Value::as_str) {
                        if !name.starts_with("gtm.") && data().mapping("ga4", name).is_some() {
                            push("ga4", name);
                        }
                    }
                }
            }
            Callee::Oaiq => {}
        }
    }
    out
}

/// A platform whose events the page sends ("meta", "ga4", "google_ads"), named as the vendor
/// writes it; the one place these names live for the findings, the CLI and exports.
pub fn platform_label(platform: &str) -> &str {
    match platform {
        "meta" => "Meta",
        "ga4" => "Google Analytics 4",
        "google_ads" => "Google Ads",
        other => other,
    }
}

/// "Meta Purchase fires on this page, but no `order_created`": one finding per other-platform
/// event whose OpenAI equivalent is not sent.
pub fn unmapped_findings(vendor: &[VendorEvent], openai: &[FoundEvent]) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let mut done: Vec<(&str, &str)> = Vec::new();
    let has_conversion = openai.iter().any(|e| e.name != "page_viewed");
    for ev in vendor {
        if done.contains(&(ev.platform.as_str(), ev.name.as_str())) {
            continue;
        }
        done.push((&ev.platform, &ev.name));
        let platform_label = platform_label(&ev.platform);
        let id = match ev.platform.as_str() {
            "meta" => ids::META_EVENT_UNMAPPED,
            _ => ids::GOOGLE_EVENT_UNMAPPED,
        };
        let f = match &ev.openai_equivalent {
            Some(target) if !openai.iter().any(|e| &e.name == target) => finding(id, Status::Warn, format!("{platform_label} {} fires on this page, but no OpenAI “{target}”", ev.name))
                .detail(format!("This page reports \"{}\" to {platform_label}, but sends no matching OpenAI event, so ChatGPT Ads cannot count or optimise for this step.", ev.name))
                .confidence(Confidence::Medium)
                .remedy(format!("Next to the {platform_label} call, add “oaiq(\"measure\", \"{target}\", {{ type: \"{}\", … }})”, or map the same trigger to the OpenAI pixel in your tag manager.", data().event(target).map_or("contents", |e| e.shape.as_str()))),
            None if ev.platform == "google_ads" && !has_conversion => finding(id, Status::Info, "A Google Ads conversion fires on this page, but no OpenAI conversion event")
                .detail("Google Ads conversions have no fixed meaning; whatever this one measures (a purchase, a lead, a sign-up) has no OpenAI counterpart on this page.")
                .confidence(Confidence::Medium)
                .remedy("Find out which step this Google Ads conversion measures and send the matching OpenAI event (e.g. “order_created” or “lead_created”) at the same moment."),
            _ => continue,
        };
        out.push(with_code(f, &ev.text, &ev.location));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_are_named_as_their_vendors_write_them() {
        assert_eq!(platform_label("meta"), "Meta");
        assert_eq!(platform_label("ga4"), "Google Analytics 4");
        assert_eq!(platform_label("google_ads"), "Google Ads");
        assert_eq!(platform_label("tiktok"), "tiktok");
    }

    #[test]
    fn an_unmapped_event_finding_names_the_platform_in_its_title() {
        let seen = VendorEvent {
            platform: "ga4".into(),
            name: "purchase".into(),
            openai_equivalent: Some("order_created".into()),
            text: "gtag('event', 'purchase')".into(),
            location: Location::source_only("inline script 1"),
        };
        let findings = unmapped_findings(&[seen], &[]);
        assert!(
            findings[0]
                .title
                .starts_with("Google Analytics 4 purchase fires"),
            "{}",
            findings[0].title
        );
        assert!(!findings[0].title.contains('`'));
    }
}
