//! Image tags (`https://bzr.openai.com/v1/sdk/events?…`) in `<img>` elements and page code:
//! the tag's own checks, and the event it sends.

use preflight_model::{Finding, Status};
use serde_json::Value;
use url::Url;

use crate::finding::finding;
use crate::ids;
use crate::lint::image_tag;
use crate::lint::urls::{classify_url, UrlKind};
use crate::types::{Firing, FoundEvent, How, Location};

/// Where an image tag was found, and so whether it is sent.
pub struct ImageSite<'l> {
    pub location: &'l Location,
    pub protocol_relative: bool,
    /// Built by page code rather than written as an `<img>`.
    pub from_code: bool,
    pub firing: Firing,
    pub firing_reason: Option<String>,
}

/// What the scan collects from image tags.
pub struct ImageOut<'o> {
    pub findings: &'o mut Vec<Finding>,
    pub events: &'o mut Vec<FoundEvent>,
    pub pixel_ids: &'o mut Vec<String>,
}

pub fn read_image_url(url: &Url, site: ImageSite<'_>, out: ImageOut<'_>) {
    let ImageSite {
        location,
        protocol_relative,
        from_code,
        firing,
        firing_reason,
    } = site;
    let ImageOut {
        findings,
        events,
        pixel_ids,
    } = out;
    let kind = classify_url(url, protocol_relative);
    if let UrlKind::WrongImageTag(why) = &kind {
        findings.push(
            finding(ids::IMAGE_TAG_URL_WRONG, Status::Fail, "The pixel image tag points at the wrong address")
                .detail(format!("The image tag's address is not OpenAI's event endpoint: {why}. Browsers block it or it goes nowhere."))
                .evidence_at("Image tag", url.to_string(), location.to_string())
                .remedy(format!("Use https://{}{}?pid=…&event=…", crate::data::data().sdk.events_host, crate::data::data().sdk.image_tag_path)),
        );
    }
    if !matches!(kind, UrlKind::ImageTag | UrlKind::WrongImageTag(_)) {
        return;
    }
    let tag = image_tag::read_image_tag(url, from_code);
    findings.push(
        finding(ids::IMAGE_TAG_FOUND, Status::Info, format!("The pixel's image tag sends “{}”", tag.event.as_str().unwrap_or("an event")))
            .detail("An image request to OpenAI's event endpoint works without JavaScript. It carries no customer data and does not pick up the click reference (“oppref”) by itself, so it attributes less than the JavaScript pixel.")
            .evidence_at("Image tag", url.to_string(), location.to_string())
            .remedy("Keep it as a fallback inside <noscript>; use the JavaScript snippet as the main installation."),
    );
    let problems: Vec<String> = tag
        .findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .map(|f| f.id.clone())
        .collect();
    for f in tag.findings {
        findings.push(f.evidence_at("Image tag", url.to_string(), location.to_string()));
    }
    if let Some(pid) = tag.pixel_id {
        if !pixel_ids.contains(&pid) {
            pixel_ids.push(pid);
        }
    }
    if let Some(name) = tag.event.as_str() {
        events.push(FoundEvent {
            name: name.to_string(),
            custom_event_name: tag
                .options
                .get("custom_event_name")
                .and_then(Value::as_str)
                .map(str::to_string),
            how: How::Static,
            via: "image_tag".into(),
            location: location.clone(),
            args: vec![tag.data, tag.options],
            problems,
            firing,
            firing_reason,
        });
    }
}
