//! The "Server-side conversions" section: the client's latest Conversions API validation and
//! its pairing with the pixel's events ([`ServerSideConversions`]), worded for the PDF. Like
//! "What OpenAI saw", it sits beside the audit and never changes its figures.

use super::text::{breakable, sanitize};
use super::tone::{plural, status_label, status_tone, Tone};
use crate::dates::human_date_time;
use preflight_capi::{PairingSection, ServerSideConversions, ValidationSection};
use serde::Serialize;

#[derive(Serialize, Debug)]
pub(crate) struct ServerSideData {
    /// What the section shows, in one paragraph.
    pub intro: String,
    pub validation: Option<ValidationData>,
    pub pairing: Option<PairingData>,
}

/// A key figure (the template's `stat`).
#[derive(Serialize, Debug)]
pub(crate) struct Count {
    pub value: u64,
    pub label: String,
    pub tone: Tone,
}

#[derive(Serialize, Debug)]
pub(crate) struct ValidationData {
    /// When the files were checked and their names.
    pub checked: String,
    pub counts: Vec<Count>,
    pub summary: String,
    pub tone: Tone,
    /// The verdicts of the first rejected batches.
    pub rejected: Vec<String>,
    /// "… and 3 more rejected batches" when the list is cut.
    pub rejected_more: Option<String>,
    pub problems: Vec<ProblemRow>,
}

#[derive(Serialize, Debug)]
pub(crate) struct ProblemRow {
    /// The title of its first occurrence.
    pub title: String,
    pub id: String,
    pub status: &'static str,
    pub tone: Tone,
    pub count: u64,
}

#[derive(Serialize, Debug)]
pub(crate) struct PairingData {
    /// When, against what, and how many events on each side.
    pub against: String,
    pub rows: Vec<PairingRow>,
    pub summary: String,
    pub tone: Tone,
    /// Why conversions will be counted twice, one explanation each.
    pub near_misses: Vec<String>,
    pub near_misses_more: Option<String>,
}

#[derive(Serialize, Debug)]
pub(crate) struct PairingRow {
    pub label: &'static str,
    pub meaning: &'static str,
    pub value: u32,
    pub tone: Tone,
}

/// The section's data; `None` when there is nothing to show.
pub(crate) fn server_side_data(section: &ServerSideConversions) -> Option<ServerSideData> {
    if section.validation.is_none() && section.pairing.is_none() {
        return None;
    }
    let mut parts = Vec::new();
    if section.validation.is_some() {
        parts.push("the latest check of the requests the client's server sends OpenAI");
    }
    if section.pairing.is_some() {
        parts.push(
            "the latest pairing of the server's events with the pixel's, which tells whether OpenAI counts each conversion once",
        );
    }
    let intro = format!(
        "Besides the pixel in the browser, the client's server can report conversions to OpenAI directly (the Conversions API). Shown here: {}. These checks never change the audit's figures.",
        parts.join(", and ")
    );
    Some(ServerSideData {
        intro,
        validation: section.validation.as_ref().map(validation_data),
        pairing: section.pairing.as_ref().map(pairing_data),
    })
}

fn validation_data(v: &ValidationSection) -> ValidationData {
    let files = v.files.len() as u64;
    let mut checked = format!(
        "Checked on {}: {}",
        human_date_time(&v.checked_at),
        plural(files as u32, "file", "files")
    );
    if !v.files.is_empty() {
        checked.push_str(&format!(" ({})", breakable(&v.files.join(", "))));
    }
    checked.push('.');
    let accepted = v.batches_total.saturating_sub(v.batches_rejected);
    let bad_if = |n: u64| if n > 0 { Tone::Bad } else { Tone::Good };
    let counts = vec![
        Count {
            value: files,
            label: "Files checked".into(),
            tone: Tone::Neutral,
        },
        Count {
            value: accepted.into(),
            label: "Batches OpenAI accepts".into(),
            tone: if accepted > 0 {
                Tone::Good
            } else {
                Tone::Neutral
            },
        },
        Count {
            value: v.batches_rejected.into(),
            label: "Batches OpenAI rejects".into(),
            tone: bad_if(v.batches_rejected.into()),
        },
        Count {
            value: v.events_checked,
            label: "Events checked".into(),
            tone: Tone::Neutral,
        },
        Count {
            value: v.events_failing,
            label: "Events with a blocking problem".into(),
            tone: bad_if(v.events_failing),
        },
    ];
    let tone = if v.batches_rejected > 0 || v.events_failing > 0 {
        Tone::Bad
    } else if v.top_problems.is_empty() {
        Tone::Good
    } else {
        Tone::Warn
    };
    let listed = v.rejected.len() as u32;
    ValidationData {
        checked,
        counts,
        summary: breakable(&v.summary),
        tone,
        rejected: v.rejected.iter().map(|r| breakable(r)).collect(),
        rejected_more: (v.batches_rejected > listed && listed > 0).then(|| {
            let more = v.batches_rejected - listed;
            format!(
                "… and {}.",
                plural(more, "more rejected batch", "more rejected batches")
            )
        }),
        problems: v
            .top_problems
            .iter()
            .map(|p| ProblemRow {
                title: breakable(&p.example),
                id: sanitize(&p.id),
                status: status_label(p.status),
                tone: status_tone(p.status),
                count: p.count,
            })
            .collect(),
    }
}

fn pairing_data(p: &PairingSection) -> PairingData {
    let against = format!(
        "Paired on {} against {}: {} from the pixel in the browser and {} from the server. OpenAI counts a conversion once when both send it to the same pixel with the same event and the same event_id.",
        human_date_time(&p.checked_at),
        breakable(&p.against),
        plural(p.pixel_events, "event", "events"),
        plural(p.server_events, "event", "events"),
    );
    let rows = vec![
        PairingRow {
            label: "Counted once (deduplicated)",
            meaning: "Sent by both the browser and the server with the same event_id: OpenAI keeps one.",
            value: p.deduplicated,
            tone: Tone::Good,
        },
        PairingRow {
            label: "Counted twice",
            meaning: "One conversion sent by both, but with an event_id, event or pixel that differs: OpenAI counts it twice.",
            value: p.counted_twice,
            tone: if p.counted_twice > 0 {
                Tone::Bad
            } else {
                Tone::Good
            },
        },
        PairingRow {
            label: "Browser only",
            meaning: "Sent by the pixel only: counted once, from the browser.",
            value: p.pixel_only,
            tone: Tone::Neutral,
        },
        PairingRow {
            label: "Server only",
            meaning: "Sent by the server only: counted once, from the server.",
            value: p.server_only,
            tone: Tone::Neutral,
        },
        PairingRow {
            label: "Browser events without an event_id",
            meaning: "Can never be matched with the server's events: give every pixel event an event_id.",
            value: p.pixel_without_id,
            tone: if p.pixel_without_id > 0 {
                Tone::Warn
            } else {
                Tone::Good
            },
        },
    ];
    let tone = if p.counted_twice > 0 {
        Tone::Bad
    } else if p.pixel_without_id > 0 {
        Tone::Warn
    } else {
        Tone::Good
    };
    let listed = p.near_misses.len() as u32;
    PairingData {
        against,
        rows,
        summary: breakable(&p.summary),
        tone,
        near_misses: p.near_misses.iter().map(|n| breakable(n)).collect(),
        near_misses_more: (p.counted_twice > listed && listed > 0).then(|| {
            format!(
                "… and {} counted twice.",
                plural(
                    p.counted_twice - listed,
                    "more conversion",
                    "more conversions"
                )
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairing() -> PairingSection {
        PairingSection {
            checked_at: "2026-05-04T10:00:00Z".into(),
            against: "audit 12, 2 journeys".into(),
            pixel_events: 10,
            server_events: 9,
            deduplicated: 6,
            counted_twice: 11,
            pixel_only: 1,
            server_only: 2,
            pixel_without_id: 0,
            summary: "6 conversions will be deduplicated.".into(),
            near_misses: vec!["Different ids".into(); 8],
        }
    }

    #[test]
    fn nothing_to_show_is_no_section() {
        let empty = ServerSideConversions {
            validation: None,
            pairing: None,
        };
        assert!(server_side_data(&empty).is_none());
    }

    #[test]
    fn a_cut_list_says_how_many_more() {
        let data = server_side_data(&ServerSideConversions {
            validation: None,
            pairing: Some(pairing()),
        })
        .unwrap();
        assert!(
            !data.intro.contains("check of the requests"),
            "{}",
            data.intro
        );
        let p = data.pairing.unwrap();
        assert_eq!(p.tone, Tone::Bad);
        assert_eq!(p.rows[1].value, 11);
        assert_eq!(
            p.near_misses_more.as_deref(),
            Some("… and 3 more conversions counted twice.")
        );
    }
}
