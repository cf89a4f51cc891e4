//! The conversion-funnel section of the audit PDF: one row per funnel event, with whether the
//! audited pages (and journeys) send it, for stakeholders who never open the app.

use super::text::{breakable, sanitize};
use super::tone::Tone;
use preflight_document::funnel::RunFunnel;
use serde::Serialize;

/// Places listed at most per event, so one event cannot fill a page.
const MAX_PLACES: usize = 3;

#[derive(Serialize, Debug)]
pub(crate) struct FunnelData {
    pub name: String,
    /// One sentence: what is covered and what is not.
    pub summary: String,
    pub rows: Vec<FunnelRow>,
}

#[derive(Serialize, Debug)]
pub(crate) struct FunnelRow {
    pub event: String,
    /// "Needed" or "Recommended".
    pub need: String,
    /// "Sent", "Sent with errors" or "Not found".
    pub state: String,
    pub tone: Tone,
    /// Where it was seen, or what that means when it was not.
    pub found_on: String,
}

pub(crate) fn funnel_data(funnel: &RunFunnel) -> FunnelData {
    let c = &funnel.coverage;
    let required = &funnel.funnel.required;
    let recommended = &funnel.funnel.recommended;
    let mut rows = Vec::new();
    for event in required.iter().chain(recommended) {
        let needed = required.contains(event);
        let places: Vec<&String> = funnel
            .sources
            .iter()
            .filter(|s| &s.event == event)
            .flat_map(|s| &s.found_on)
            .collect();
        let (state, tone) = if c.malformed.contains(event) {
            ("Sent with errors", Tone::Bad)
        } else if c.present.contains(event) {
            ("Sent", Tone::Good)
        } else if needed {
            ("Not found", Tone::Bad)
        } else {
            ("Not found", Tone::Warn)
        };
        let found_on = if places.is_empty() {
            "Not sent on any audited page or journey.".to_string()
        } else {
            let mut shown: Vec<String> = places
                .iter()
                .take(MAX_PLACES)
                .map(|p| breakable(p))
                .collect();
            if places.len() > MAX_PLACES {
                shown.push(format!("and {} more", places.len() - MAX_PLACES));
            }
            shown.join("; ")
        };
        rows.push(FunnelRow {
            event: sanitize(event),
            need: if needed { "Needed" } else { "Recommended" }.to_string(),
            state: state.to_string(),
            tone,
            found_on,
        });
    }
    let missing_needed: Vec<&str> = c
        .missing
        .iter()
        .filter(|m| m.required)
        .map(|m| m.event.as_str())
        .collect();
    let scope = format!(
        "{} page{} scanned ({} run in a browser) and {} journey{}",
        funnel.pages_scanned,
        if funnel.pages_scanned == 1 { "" } else { "s" },
        funnel.pages_rendered,
        funnel.journeys,
        if funnel.journeys == 1 { "" } else { "s" },
    );
    let summary = if missing_needed.is_empty() && c.malformed.is_empty() {
        format!("Every event this funnel needs is sent, across {scope}.")
    } else if !missing_needed.is_empty() {
        format!(
            "Across {scope}, the funnel's needed event{} {} {} not sent: campaigns cannot optimise or report on {}.",
            if missing_needed.len() == 1 { "" } else { "s" },
            sanitize(&missing_needed.join(", ")),
            if missing_needed.len() == 1 { "is" } else { "are" },
            if missing_needed.len() == 1 { "it" } else { "them" },
        )
    } else {
        format!("Across {scope}, some funnel events are only sent with errors; see the findings.")
    };
    FunnelData {
        name: sanitize(&funnel.funnel.name),
        summary,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use preflight_document::funnel::FunnelEventSource;
    use preflight_pixel::{Coverage, Funnel, MissingEvent};

    fn funnel(present: &[&str], missing: &[(&str, bool)], malformed: &[&str]) -> RunFunnel {
        RunFunnel {
            funnel: Funnel {
                id: "ecommerce".into(),
                name: "E-commerce".into(),
                required: vec!["page_viewed".into(), "order_created".into()],
                recommended: vec!["items_added".into()],
            },
            coverage: Coverage {
                funnel: "ecommerce".into(),
                present: present.iter().map(|s| s.to_string()).collect(),
                missing: missing
                    .iter()
                    .map(|(e, r)| MissingEvent {
                        event: e.to_string(),
                        required: *r,
                    })
                    .collect(),
                malformed: malformed.iter().map(|s| s.to_string()).collect(),
            },
            sources: present
                .iter()
                .chain(malformed)
                .map(|e| FunnelEventSource {
                    event: e.to_string(),
                    found_on: (1..=5)
                        .map(|n| format!("https://shop.example/{n} (static)"))
                        .collect(),
                })
                .collect(),
            findings: Vec::new(),
            pages_scanned: 5,
            pages_rendered: 0,
            journeys: 1,
        }
    }

    #[test]
    fn a_missing_needed_event_is_named_in_the_summary_and_its_row() {
        let data = funnel_data(&funnel(
            &["page_viewed"],
            &[("order_created", true), ("items_added", false)],
            &[],
        ));
        assert_eq!(data.rows.len(), 3);
        assert_eq!(data.rows[0].state, "Sent");
        assert!(
            data.rows[0].found_on.contains("and 2 more"),
            "{}",
            data.rows[0].found_on
        );
        assert_eq!(
            (data.rows[1].state.as_str(), data.rows[1].tone),
            ("Not found", Tone::Bad)
        );
        assert_eq!(data.rows[1].need, "Needed");
        assert_eq!(data.rows[2].tone, Tone::Warn);
        assert!(
            data.summary.contains("order_created is not sent"),
            "{}",
            data.summary
        );
        assert!(data.summary.contains("5 pages scanned") && data.summary.contains("1 journey"));
    }

    #[test]
    fn a_covered_funnel_says_so_and_broken_events_are_marked() {
        let covered = funnel_data(&funnel(
            &["page_viewed", "order_created", "items_added"],
            &[],
            &[],
        ));
        assert!(covered
            .summary
            .starts_with("Every event this funnel needs is sent"));
        let broken = funnel_data(&funnel(
            &["page_viewed", "items_added"],
            &[],
            &["order_created"],
        ));
        assert_eq!(broken.rows[1].state, "Sent with errors");
        assert!(broken.summary.contains("only sent with errors"));
    }
}
