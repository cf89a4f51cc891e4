//! What ran beats what is written: when the page also ran in a browser, an event found in its
//! code that the browser never sent is marked "in the source, never fired" and stops counting
//! as sent, on the page and in funnel coverage.

use std::collections::HashSet;

use preflight_model::{Confidence, Status};

use crate::finding::finding;
use crate::ids;
use crate::types::{Firing, How, PixelReport, DYNAMIC};

/// Marks the static events the browser run did not send and adds one finding per event.
pub fn mark(report: &mut PixelReport) {
    report.findings.retain(|f| f.id != ids::EVENT_NOT_FIRED);
    let sent: HashSet<(String, Option<String>)> = report
        .events
        .iter()
        .filter(|e| e.firing == Firing::Observed)
        .map(|e| (e.name.clone(), e.custom_event_name.clone()))
        .collect();
    let mut findings = Vec::new();
    for event in report.events.iter_mut().filter(|e| {
        e.how == How::Static
            && e.firing.may_fire()
            // Image tags load as plain requests, not as calls the browser run records; a name
            // the code computes cannot be matched.
            && e.via != "image_tag"
            && e.name != DYNAMIC
    }) {
        if sent.contains(&(event.name.clone(), event.custom_event_name.clone())) {
            continue;
        }
        let before = event.firing;
        let written = event.firing_reason.clone();
        event.firing = Firing::NotFired;
        event.firing_reason = Some(match &written {
            Some(w) => {
                format!("In the page's code ({w}), but not sent when the page ran in a browser.")
            }
            None => "In the page's code, but not sent when the page ran in a browser.".to_string(),
        });
        event.problems.push(ids::EVENT_NOT_FIRED.to_string());

        let name = match &event.custom_event_name {
            Some(custom) => format!("{} ({custom})", event.name),
            None => event.name.clone(),
        };
        let (status, why, remedy) = match before {
            Firing::Conditional => (
                Status::Warn,
                "It waits for something that did not happen while the page loaded (a click, a form, a condition in the code). If that is a visitor's action, such as a purchase or a sign-up, record a journey that performs it to see the event sent.",
                "Record a journey that performs the action this event waits for, and check it is sent. If it should be sent on page load, move the call out of the condition.",
            ),
            Firing::ConsentGated => (
                Status::Info,
                "Its script waits for the visitor's consent, which the browser run did not give.",
                "Nothing to fix if consent is required. To check the event itself, record a journey that accepts the consent banner.",
            ),
            _ => (
                Status::Fail,
                "It is written to run when the page loads, yet the browser did not send it. Common causes: the call runs before OpenAI's snippet defines “oaiq” (the browser stops that script with an error), a condition around it was false, or an earlier error stopped its script.",
                "Open the page with the browser's developer tools and look for errors in the console. Make sure OpenAI's snippet comes before every oaiq call (near the top of <head>), then audit again with the rendered check.",
            ),
        };
        let mut f = finding(
            ids::EVENT_NOT_FIRED,
            status,
            format!("“{name}” is in the page's code but was never sent"),
        )
        .detail(format!(
            "When the page ran in a browser, the event “{name}” was not sent. {why} It is not counted as sent on this page or in funnel coverage."
        ))
        .confidence(Confidence::Medium)
        .evidence_at("Event", name.clone(), event.location.to_string());
        if let Some(w) = written {
            f = f.evidence("How the code runs", w);
        }
        findings.push(f.remedy(remedy));
    }
    report.findings.extend(findings);
}
