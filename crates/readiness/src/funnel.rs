//! Funnel coverage: which of a funnel's events the audited pages (and any journeys recorded
//! with the audit) send. Events are pooled across pages because the confirmation page is rarely
//! the landing page. Derived data only: it is recomputed from the pages whenever the funnel
//! changes, so an old audit can be looked at through another funnel without running it again.

use preflight_document::funnel::{FunnelEventSource, RunFunnel};
use preflight_document::journey::JourneyReport;
use preflight_document::pixel::{PixelEventSeen, PixelSummary};
use preflight_document::report::{AuditReport, PageReport};
use preflight_pixel::{Coverage, FoundEvent, How, Location};

/// Why `funnel` cannot be used, naming the known funnels; `None` when it is known or absent.
pub fn unknown_funnel(funnel: Option<&str>) -> Option<String> {
    let id = funnel?;
    if preflight_pixel::funnel(id).is_some() {
        return None;
    }
    let known: Vec<&str> = preflight_pixel::funnels()
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    Some(format!(
        "\"{id}\" is not a known funnel; choose one of: {}",
        known.join(", ")
    ))
}

fn as_found(event: &PixelEventSeen) -> FoundEvent {
    FoundEvent {
        name: event.name.clone(),
        custom_event_name: event.custom_event_name.clone(),
        how: event.how,
        via: event.via.clone(),
        location: Location::source_only(event.location.clone()),
        args: Vec::new(),
        problems: event.problems.clone(),
        firing: event.firing,
        firing_reason: event.firing_reason.clone(),
    }
}

/// The events a page sends: none when its pixel is not installed (or broken, once the page is
/// read under the counting rules), whatever calls its code makes.
fn sent_events(summary: &PixelSummary) -> Vec<FoundEvent> {
    if !summary.installed {
        return Vec::new();
    }
    summary.events.iter().map(as_found).collect()
}

/// How one page's events cover the funnel; `None` for an unknown funnel id.
pub fn page_coverage(summary: &PixelSummary, funnel_id: &str) -> Option<Coverage> {
    let funnel = preflight_pixel::funnel(funnel_id)?;
    Some(preflight_pixel::funnel_coverage(
        funnel,
        &sent_events(summary),
    ))
}

/// Pools every page's and journey's events; `None` for an unknown funnel id.
pub fn run_funnel(
    pages: &[PageReport],
    journeys: &[JourneyReport],
    funnel_id: &str,
) -> Option<RunFunnel> {
    let funnel = preflight_pixel::funnel(funnel_id)?;
    let mut found: Vec<FoundEvent> = Vec::new();
    let mut labelled: Vec<(String, String)> = Vec::new();
    let mut pages_scanned = 0;
    let mut pages_rendered = 0;
    let mut unseen_tag_manager = false;
    for page in pages {
        let Some(summary) = &page.pixel else { continue };
        pages_scanned += 1;
        if summary.rendered.ran() {
            pages_rendered += 1;
        } else if !summary.tag_managers.is_empty() {
            unseen_tag_manager = true;
        }
        if !summary.installed {
            continue;
        }
        for event in &summary.events {
            found.push(as_found(event));
            if !event.is_sent() {
                continue;
            }
            let how = match event.how {
                How::Static => "static",
                How::Rendered => "rendered",
            };
            labelled.push((event.name.clone(), format!("{} ({how})", page.url)));
        }
    }
    for (i, journey) in journeys.iter().enumerate() {
        let name = if journey.id > 0 {
            format!("journey {}", journey.id)
        } else {
            format!("journey {}", i + 1)
        };
        for event in &journey.events {
            found.push(as_found(event));
            labelled.push((event.name.clone(), name.clone()));
        }
    }
    let coverage = preflight_pixel::funnel_coverage(funnel, &found);
    let mut sources: Vec<FunnelEventSource> = Vec::new();
    for event in coverage.present.iter().chain(&coverage.malformed) {
        let mut found_on: Vec<String> = Vec::new();
        for (_, place) in labelled.iter().filter(|(name, _)| name == event) {
            if !found_on.contains(place) {
                found_on.push(place.clone());
            }
        }
        sources.push(FunnelEventSource {
            event: event.clone(),
            found_on,
        });
    }
    let findings = preflight_pixel::funnel_findings(funnel, &found, unseen_tag_manager);
    Some(RunFunnel {
        funnel: funnel.clone(),
        coverage,
        sources,
        findings,
        pages_scanned,
        pages_rendered,
        journeys: journeys.len() as u32,
    })
}

/// Sets (or, with `None` or an unknown id, clears) the funnel of a report: each page's own
/// coverage and the pooled coverage of the whole audit.
pub fn apply(report: &mut AuditReport, funnel_id: Option<&str>) {
    let funnel_id = funnel_id.filter(|id| preflight_pixel::funnel(id).is_some());
    for page in &mut report.pages {
        if let Some(summary) = &mut page.pixel {
            summary.funnel = funnel_id.and_then(|id| page_coverage(summary, id));
        }
    }
    report.funnel = funnel_id.and_then(|id| run_funnel(&report.pages, &report.journeys, id));
}
