//! Deduplication between the pixel and the Conversions API. OpenAI keeps the first event it
//! receives for a key of pixel ID + event name + id (the pixel's `event_id`, the server's
//! `id`); for custom events the custom name takes the event name's place. Events that describe
//! the same conversion but differ in one part of the key are counted twice.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Lists are cut to this many entries; the counts stay exact.
pub const MAX_LISTED: usize = 200;

/// One event the pixel sent in a browser (a journey or a rendered page check).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PixelSideEvent {
    /// The pixel IDs it went to.
    pub pixel_ids: Vec<String>,
    pub event_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub custom_event_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub event_id: Option<String>,
    /// Where it was seen ("journey 3, step on /checkout").
    pub seen_in: String,
}

/// One event read from a Conversions API file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct ServerSideEvent {
    /// The pixel ID it was sent to, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pixel_id: Option<String>,
    pub event_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub custom_event_name: Option<String>,
    pub id: String,
    /// Where it was read ("capi.log line 12").
    pub seen_in: String,
}

/// Why two events that look like one conversion will not be deduplicated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum NearMissKind {
    /// Same order reference (the same number inside the id) but different ids.
    DifferentIds,
    /// Same id and both custom, but the custom names differ.
    DifferentCustomNames,
    /// Same id and event, sent to different pixel IDs.
    DifferentPixelIds,
    /// Same id, different event types.
    DifferentEventTypes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct NearMiss {
    pub kind: NearMissKind,
    pub pixel: PixelSideEvent,
    pub server: ServerSideEvent,
    /// What differs and what to change, in plain words.
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PairedEvent {
    pub pixel: PixelSideEvent,
    pub server: ServerSideEvent,
}

/// The outcome of pairing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Pairing {
    pub pixel_events: u32,
    pub server_events: u32,
    /// Pairs that share the whole key: OpenAI counts each once.
    pub deduplicated: Vec<PairedEvent>,
    pub deduplicated_total: u32,
    /// Pixel events with no server twin (counted once, from the browser).
    pub pixel_only: Vec<PixelSideEvent>,
    pub pixel_only_total: u32,
    /// Pixel events sent without an `event_id`: they can never be deduplicated.
    pub pixel_without_id: u32,
    /// Server events with no pixel twin (counted once, from the server).
    pub server_only: Vec<ServerSideEvent>,
    pub server_only_total: u32,
    pub near_misses: Vec<NearMiss>,
    pub near_misses_total: u32,
    /// Conversions OpenAI would count twice: each near miss is one conversion sent twice
    /// under two keys.
    pub expected_double_count: u32,
    /// The answer in one sentence.
    pub summary: String,
}

/// The name that takes part in the key: the custom name (lower-cased, as OpenAI does) for custom
/// events, the event type otherwise.
fn key_name(event_type: &str, custom: Option<&str>) -> String {
    match (event_type, custom) {
        ("custom", Some(name)) => format!("custom:{}", name.to_ascii_lowercase()),
        (t, _) => t.to_string(),
    }
}

/// The order reference inside an id: its longest run of at least four digits, or the id
/// itself lower-cased without common prefixes ("order_12345", "ORD-12345", "#12345" → "12345").
pub fn order_reference(id: &str) -> String {
    let mut best = "";
    for run in id.split(|c: char| !c.is_ascii_digit()) {
        if run.len() > best.len() {
            best = run;
        }
    }
    if best.len() >= 4 {
        return best.trim_start_matches('0').to_string();
    }
    id.trim()
        .to_ascii_lowercase()
        .trim_start_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_string()
}

fn server_pixel_matches(server: &ServerSideEvent, pixel: &PixelSideEvent) -> bool {
    match &server.pixel_id {
        None => true,
        Some(pid) => pixel.pixel_ids.is_empty() || pixel.pixel_ids.contains(pid),
    }
}

/// Pair pixel events with server events. `server_pixel_id` applies to server events whose file
/// did not say which pixel they were sent to.
pub fn pair(
    pixel: &[PixelSideEvent],
    server: &[ServerSideEvent],
    server_pixel_id: Option<&str>,
) -> Pairing {
    let server: Vec<ServerSideEvent> = server
        .iter()
        .map(|s| ServerSideEvent {
            pixel_id: s
                .pixel_id
                .clone()
                .or_else(|| server_pixel_id.map(str::to_string)),
            ..s.clone()
        })
        .collect();
    // Exact keys of server events, ignoring the pixel (checked per pair).
    let mut by_key: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_ref: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, s) in server.iter().enumerate() {
        let name = key_name(&s.event_type, s.custom_event_name.as_deref());
        by_key.entry((name, s.id.clone())).or_default().push(i);
        by_id.entry(s.id.clone()).or_default().push(i);
        by_ref.entry(order_reference(&s.id)).or_default().push(i);
    }
    let mut used: BTreeSet<usize> = BTreeSet::new();
    let mut deduplicated = Vec::new();
    let mut pixel_only = Vec::new();
    let mut near_misses = Vec::new();
    let mut pixel_without_id = 0u32;

    for p in pixel {
        let Some(event_id) = p.event_id.as_deref().filter(|id| !id.is_empty()) else {
            pixel_without_id += 1;
            pixel_only.push(p.clone());
            continue;
        };
        let name = key_name(&p.event_type, p.custom_event_name.as_deref());
        let exact = by_key
            .get(&(name.clone(), event_id.to_string()))
            .into_iter()
            .flatten()
            .copied()
            .filter(|i| !used.contains(i))
            .collect::<Vec<_>>();
        if let Some(&i) = exact.iter().find(|&&i| server_pixel_matches(&server[i], p)) {
            used.insert(i);
            deduplicated.push(PairedEvent {
                pixel: p.clone(),
                server: server[i].clone(),
            });
            continue;
        }
        if let Some(&i) = exact.first() {
            used.insert(i);
            let s = &server[i];
            near_misses.push(NearMiss {
                kind: NearMissKind::DifferentPixelIds,
                explanation: format!(
                    "The browser sent “{}” with event_id “{event_id}” to pixel {}, the server sent it to pixel {}. Deduplication needs the same pixel ID on both sides.",
                    p.event_type,
                    p.pixel_ids.join(", "),
                    s.pixel_id.clone().unwrap_or_default()
                ),
                pixel: p.clone(),
                server: s.clone(),
            });
            continue;
        }
        let same_id = by_id
            .get(event_id)
            .into_iter()
            .flatten()
            .copied()
            .find(|i| !used.contains(i));
        if let Some(i) = same_id {
            used.insert(i);
            let s = &server[i];
            let (kind, explanation) = if p.event_type == "custom" && s.event_type == "custom" {
                (
                    NearMissKind::DifferentCustomNames,
                    format!(
                        "Both sides send the custom event with id “{event_id}”, but the browser names it “{}” and the server “{}”. Custom events deduplicate only when the names match.",
                        p.custom_event_name.clone().unwrap_or_default(),
                        s.custom_event_name.clone().unwrap_or_default()
                    ),
                )
            } else {
                (
                    NearMissKind::DifferentEventTypes,
                    format!(
                        "The id “{event_id}” is sent as “{}” by the browser and as “{}” by the server. Send the same event type from both.",
                        p.event_type, s.event_type
                    ),
                )
            };
            near_misses.push(NearMiss {
                kind,
                explanation,
                pixel: p.clone(),
                server: s.clone(),
            });
            continue;
        }
        let reference = order_reference(event_id);
        let same_ref = by_ref
            .get(&reference)
            .into_iter()
            .flatten()
            .copied()
            .find(|&i| {
                !used.contains(&i)
                    && key_name(
                        &server[i].event_type,
                        server[i].custom_event_name.as_deref(),
                    ) == name
            });
        if let Some(i) = same_ref {
            used.insert(i);
            let s = &server[i];
            near_misses.push(NearMiss {
                kind: NearMissKind::DifferentIds,
                explanation: format!(
                    "Both sides send “{}” for order reference {reference}, but the browser's event_id is “{event_id}” and the server's id is “{}”. They must be the same string, or the conversion counts twice.",
                    p.event_type, s.id
                ),
                pixel: p.clone(),
                server: s.clone(),
            });
            continue;
        }
        pixel_only.push(p.clone());
    }
    let server_only: Vec<ServerSideEvent> = server
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, s)| s.clone())
        .collect();
    let double = near_misses.len() as u32;
    let summary = summary_line(
        deduplicated.len(),
        double as usize,
        pixel_only.len(),
        server_only.len(),
        pixel_without_id,
    );
    let cut = |n: usize| n as u32;
    Pairing {
        pixel_events: pixel.len() as u32,
        server_events: server.len() as u32,
        deduplicated_total: cut(deduplicated.len()),
        deduplicated: deduplicated.into_iter().take(MAX_LISTED).collect(),
        pixel_only_total: cut(pixel_only.len()),
        pixel_only: pixel_only.into_iter().take(MAX_LISTED).collect(),
        pixel_without_id,
        server_only_total: cut(server_only.len()),
        server_only: server_only.into_iter().take(MAX_LISTED).collect(),
        near_misses_total: cut(near_misses.len()),
        near_misses: near_misses.into_iter().take(MAX_LISTED).collect(),
        expected_double_count: double,
        summary,
    }
}

fn summary_line(
    pairs: usize,
    double: usize,
    pixel_only: usize,
    server_only: usize,
    no_id: u32,
) -> String {
    let mut parts = vec![format!(
        "{pairs} {} will be deduplicated",
        if pairs == 1 {
            "conversion"
        } else {
            "conversions"
        }
    )];
    if double > 0 {
        parts.push(format!(
            "{double} will be counted twice (same conversion, keys that differ)"
        ));
    }
    if pixel_only > 0 {
        parts.push(format!("{pixel_only} only from the browser"));
    }
    if server_only > 0 {
        parts.push(format!("{server_only} only from the server"));
    }
    let mut line = parts.join("; ") + ".";
    if no_id > 0 {
        line.push_str(&format!(
            " {no_id} browser {} no event_id, so {} never be deduplicated.",
            if no_id == 1 {
                "event has"
            } else {
                "events have"
            },
            if no_id == 1 { "it can" } else { "they can" }
        ));
    }
    line
}
