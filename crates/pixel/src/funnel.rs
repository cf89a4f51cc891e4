//! Conversion funnels (from `data/funnels.toml`) and how well the events found cover them.
//! Events from several pages can be pooled: the confirmation page is rarely the landing page.

use preflight_model::{Confidence, Finding, Status};

use crate::data::data;
use crate::finding::finding;
use crate::ids;
use crate::types::{Coverage, FoundEvent, Funnel, MissingEvent};

/// All known funnels.
pub fn funnels() -> &'static [Funnel] {
    &data().funnels
}

/// A funnel by id (`ecommerce`, `saas-free-trial`, `saas-sales-led`, `lead-generation`,
/// `appointments`).
pub fn funnel(id: &str) -> Option<&'static Funnel> {
    funnels().iter().find(|f| f.id == id)
}

/// Which of the funnel's events were found: present (at least one clean occurrence), malformed
/// (every occurrence has a failing problem) or missing.
pub fn funnel_coverage(funnel: &Funnel, found_events: &[FoundEvent]) -> Coverage {
    let mut coverage = Coverage {
        funnel: funnel.id.clone(),
        present: Vec::new(),
        missing: Vec::new(),
        malformed: Vec::new(),
    };
    let wanted = funnel
        .required
        .iter()
        .map(|e| (e, true))
        .chain(funnel.recommended.iter().map(|e| (e, false)));
    for (event, required) in wanted {
        // Events written where they never run (a comment, a <noscript> image) are not sent.
        let mut occurrences = found_events
            .iter()
            .filter(|f| &f.name == event && f.firing.may_fire())
            .peekable();
        if occurrences.peek().is_none() {
            coverage.missing.push(MissingEvent {
                event: event.clone(),
                required,
            });
        } else if occurrences.all(|f| !f.problems.is_empty()) {
            coverage.malformed.push(event.clone());
        } else {
            coverage.present.push(event.clone());
        }
    }
    coverage
}

/// Findings for a funnel's gaps. `saw_tag_manager`: a tag manager could be sending events the
/// static scan cannot see, so gaps are less certain.
pub fn funnel_findings(
    funnel: &Funnel,
    found_events: &[FoundEvent],
    saw_tag_manager: bool,
) -> Vec<Finding> {
    let coverage = funnel_coverage(funnel, found_events);
    let mut out = Vec::new();
    let confidence = if saw_tag_manager {
        Confidence::Low
    } else {
        Confidence::Medium
    };
    for missing in &coverage.missing {
        let label = data()
            .event(&missing.event)
            .map_or(missing.event.as_str(), |e| e.label.as_str());
        let (status, why) = if missing.required {
            (
                Status::Warn,
                "It is the step this funnel's campaigns optimise and report on.",
            )
        } else {
            (
                Status::Info,
                "It is an earlier step that shows where visitors drop off.",
            )
        };
        out.push(
            finding(ids::FUNNEL_EVENT_MISSING, status, format!("{} funnel: no “{}” ({label}) event found", funnel.name, missing.event))
                .detail(format!("{why} It was not found on the pages scanned; it may fire on a page that was not scanned (such as the confirmation page) or through a tag manager."))
                .confidence(confidence)
                .remedy(format!("Send “oaiq(\"measure\", \"{}\", {{ type: \"{}\", … }})” when this step completes (on confirmed success, not on the click).", missing.event, data().event(&missing.event).map_or("contents", |e| e.shape.as_str()))),
        );
    }
    for malformed in &coverage.malformed {
        let mut f = finding(ids::FUNNEL_EVENT_MALFORMED, Status::Fail, format!("{} funnel: every “{malformed}” event has errors", funnel.name))
            .detail("The event is sent, but each time with a problem that can get it rejected or miscounted (see the other findings for that event).")
            .remedy("Fix the problems listed for this event; the funnel step is not measured until then.");
        for ev in found_events.iter().filter(|e| &e.name == malformed).take(5) {
            f = f.evidence_at("Problems", ev.problems.join(", "), ev.location.to_string());
        }
        out.push(f);
    }
    out
}
