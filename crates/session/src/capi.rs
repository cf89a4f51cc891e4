//! Conversions API checks for a client: validating payload files, pairing the server's events
//! with the pixel events its journeys recorded, the optional live check with the client's key
//! from the keychain, and the section the exports show.

use std::path::PathBuf;

use preflight_capi::live::LiveAnswer;
use preflight_capi::{
    CapiValidation, Pairing, PairingSection, PixelSideEvent, ServerSideConversions,
    ServerSideEvent, ValidateOptions, ValidationSection,
};
use preflight_pixel::RecordedCall;
use preflight_store::Store;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::secrets::{Secret, SecretKind};
use crate::SessionError;

/// Kinds of kept checks.
pub const VALIDATION: &str = "validation";
pub const PAIRING: &str = "pairing";
/// The setting that overrides where the live check sends (OpenAI's address by default).
pub const ENDPOINT_SETTING: &str = "capi_endpoint";

/// A pairing as kept: what the server events were paired with, and the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PairingRecord {
    pub audit_id: i64,
    /// "Audit 12: 2 journeys".
    pub against: String,
    pub pairing: Pairing,
}

/// The client's latest checks, for the Conversions API view.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CapiOverview {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub validation: Option<KeptValidation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pairing: Option<KeptPairing>,
    /// A Conversions API key is kept in the keychain for this client.
    pub has_key: bool,
    pub endpoint: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct KeptValidation {
    pub checked_at: String,
    pub validation: CapiValidation,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct KeptPairing {
    pub checked_at: String,
    pub record: PairingRecord,
}

/// Validate files (streaming; see [`preflight_capi::validate_files`]).
pub fn validate(
    paths: &[PathBuf],
    options: &ValidateOptions,
    progress: &mut dyn FnMut(&preflight_capi::Progress),
    cancelled: &dyn Fn() -> bool,
) -> (CapiValidation, Vec<ServerSideEvent>) {
    preflight_capi::validate_files(paths, options, progress, cancelled)
}

/// Keep a validation for the client; a cancelled one is not kept.
pub fn save_validation(
    store: &Store,
    client_id: i64,
    v: &CapiValidation,
) -> Result<Option<i64>, SessionError> {
    if v.cancelled {
        return Ok(None);
    }
    Ok(Some(store.save_capi_check(client_id, VALIDATION, v)?))
}

/// The pixel events an audit saw in a browser — recorded by its journeys and by its rendered
/// page checks — with the pixels each went to, and a label saying what they are.
pub fn pixel_events_of_audit(
    store: &Store,
    audit_id: i64,
) -> Result<(Vec<PixelSideEvent>, String), SessionError> {
    let journeys = store.journeys(audit_id)?;
    let mut events = Vec::new();
    for j in &journeys {
        events.extend(pixel_events_from_calls(
            &j.calls,
            &format!("journey {}", j.id),
        ));
    }
    let report = store.load_report(audit_id)?;
    let mut rendered_pages = 0;
    for page in &report.pages {
        let Some(pixel) = &page.pixel else { continue };
        let seen: Vec<PixelSideEvent> = pixel
            .events
            .iter()
            .filter(|e| e.how == preflight_pixel::How::Rendered)
            .map(|e| PixelSideEvent {
                pixel_ids: pixel.pixel_ids.clone(),
                event_type: e.name.clone(),
                custom_event_name: e.custom_event_name.clone(),
                event_id: e.event_id.clone(),
                seen_in: format!("{} (rendered)", page.url),
            })
            .collect();
        if !seen.is_empty() {
            rendered_pages += 1;
            events.extend(seen);
        }
    }
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let label = format!(
        "Audit {audit_id}: {}, {}, {}",
        count(journeys.len(), "journey", "journeys"),
        count(rendered_pages, "rendered page", "rendered pages"),
        count(events.len(), "pixel event", "pixel events"),
    );
    Ok((events, label))
}

/// The events in recorded pixel calls: `measure` goes to every pixel initialised before it,
/// `measureSingle` to the one it names.
pub fn pixel_events_from_calls(calls: &[RecordedCall], seen_in: &str) -> Vec<PixelSideEvent> {
    let mut pixels: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (n, call) in calls.iter().enumerate() {
        let Ok(Value::Array(args)) = serde_json::from_str::<Value>(&call.args_json) else {
            continue;
        };
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
        match call.command.as_str() {
            "init" => {
                if let Some(id) = text(args.first().and_then(|o| o.get("pixelId"))) {
                    if !pixels.contains(&id) {
                        pixels.push(id);
                    }
                }
            }
            "measure" | "measureSingle" => {
                let (targets, rest) = if call.command == "measureSingle" {
                    (
                        text(args.first()).into_iter().collect(),
                        &args[1.min(args.len())..],
                    )
                } else {
                    (pixels.clone(), &args[..])
                };
                let Some(name) = text(rest.first()) else {
                    continue;
                };
                let options = rest.get(2);
                out.push(PixelSideEvent {
                    pixel_ids: targets,
                    event_type: name,
                    custom_event_name: text(options.and_then(|o| o.get("custom_event_name"))),
                    event_id: options
                        .and_then(|o| o.get("event_id"))
                        .and_then(|v| match v {
                            Value::String(s) => Some(s.clone()),
                            Value::Number(n) => Some(n.to_string()),
                            _ => None,
                        }),
                    seen_in: format!("{seen_in}, call {}", n + 1),
                });
            }
            _ => {}
        }
    }
    out
}

/// Pair server events with an audit's pixel events and keep the outcome for the client.
pub fn pair_with_audit(
    store: &Store,
    client_id: i64,
    audit_id: i64,
    server: &[ServerSideEvent],
    pixel_id: Option<&str>,
) -> Result<PairingRecord, SessionError> {
    let (pixel, against) = pixel_events_of_audit(store, audit_id)?;
    if pixel.is_empty() {
        return Err(SessionError::Capi(format!(
            "Audit {audit_id} saw no pixel event in a browser: record a journey through the funnel with this audit, or run it with the rendered check."
        )));
    }
    let record = PairingRecord {
        audit_id,
        against,
        pairing: preflight_capi::pair(&pixel, server, pixel_id),
    };
    store.save_capi_check(client_id, PAIRING, &record)?;
    Ok(record)
}

/// The client's latest validation and pairing, with whether a key is kept.
pub fn overview(store: &Store, client_id: i64) -> Result<CapiOverview, SessionError> {
    let validation = store
        .latest_capi_check::<CapiValidation>(client_id, VALIDATION)?
        .map(|k| KeptValidation {
            checked_at: k.created_at,
            validation: k.record,
        });
    let pairing = store
        .latest_capi_check::<PairingRecord>(client_id, PAIRING)?
        .map(|k| KeptPairing {
            checked_at: k.created_at,
            record: k.record,
        });
    Ok(CapiOverview {
        validation,
        pairing,
        has_key: key(store, client_id)?.kept_in().is_some(),
        endpoint: endpoint(store)?,
    })
}

/// The "Server-side conversions" section of an audit's exports: its client's latest checks.
/// `None` when the audit has no client or the client has none.
pub fn server_side_section(
    store: &Store,
    audit_id: i64,
) -> Result<Option<ServerSideConversions>, SessionError> {
    let Some(client_id) = store.audit_summary(audit_id)?.client_id else {
        return Ok(None);
    };
    let o = overview(store, client_id)?;
    if o.validation.is_none() && o.pairing.is_none() {
        return Ok(None);
    }
    Ok(Some(ServerSideConversions {
        validation: o
            .validation
            .map(|k| ValidationSection::of(&k.validation, &k.checked_at)),
        pairing: o
            .pairing
            .map(|k| PairingSection::of(&k.record.pairing, &k.record.against, &k.checked_at)),
    }))
}

/// The client's Conversions API key in the keychain.
pub fn key(store: &Store, client_id: i64) -> Result<Secret, SessionError> {
    Secret::of(store, SecretKind::ConversionsApiKey, client_id)
}

/// Where the live check sends: the setting, or OpenAI's address.
pub fn endpoint(store: &Store) -> Result<String, SessionError> {
    Ok(store
        .setting(ENDPOINT_SETTING)?
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| preflight_capi::default_endpoint().to_string()))
}

/// Change where the live check sends; empty restores OpenAI's address.
pub fn set_endpoint(store: &Store, value: &str) -> Result<(), SessionError> {
    let value = value.trim();
    if !value.is_empty() {
        let ok = url::Url::parse(value)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        if !ok {
            return Err(SessionError::InvalidSetting(format!(
                "“{value}” is not a web address; the Conversions API endpoint looks like https://bzr.openai.com."
            )));
        }
    }
    store.set_setting(ENDPOINT_SETTING, value)?;
    Ok(())
}

/// The first request of a payload file, for the live check: the first request body, or the
/// first 1,000 events of an array or a JSON Lines file.
pub fn first_request(path: &std::path::Path) -> Result<Value, SessionError> {
    use std::io::{BufRead, BufReader, Read};
    let file = std::fs::File::open(path)
        .map_err(|e| SessionError::Capi(format!("{} could not be opened: {e}.", path.display())))?;
    let mut text = String::new();
    BufReader::new(file)
        .take(64 * 1024 * 1024)
        .read_to_string(&mut text)
        .map_err(|_| {
            SessionError::Capi("The file is not text; choose a JSON request body.".into())
        })?;
    if let Ok(v) = serde_json::from_str::<Value>(&text) {
        if v.get("log").is_some() {
            return Err(SessionError::Capi("Choose a request body or a JSON Lines file; a HAR recording already holds OpenAI's answers.".into()));
        }
        return Ok(v);
    }
    let mut events = Vec::new();
    for line in BufReader::new(text.as_bytes())
        .lines()
        .map_while(Result::ok)
    {
        match serde_json::from_str::<Value>(line.trim()) {
            Ok(v) if v.get("events").is_some() && events.is_empty() => return Ok(v),
            Ok(v) if v.is_object() => events.push(v),
            _ => {}
        }
        if events.len() >= 1000 {
            break;
        }
    }
    if events.is_empty() {
        return Err(SessionError::Capi(
            "No request or event was found in the file to send.".into(),
        ));
    }
    Ok(serde_json::json!({ "events": events }))
}

/// Ask OpenAI (or the configured endpoint) to validate `body` without recording it, with the
/// client's key from the keychain. Sent only when the user asks.
pub async fn live_check(
    store: &Store,
    client_id: i64,
    pixel_id: &str,
    body: &Value,
) -> Result<LiveAnswer, SessionError> {
    if pixel_id.trim().is_empty() {
        return Err(SessionError::Capi(
            "Enter the pixel ID the events are sent to (Ads Manager, Conversions tab).".into(),
        ));
    }
    let Some(key) = key(store, client_id)?.read()? else {
        return Err(SessionError::Capi("No Conversions API key is kept for this client: add it first (it stays in the system keychain).".into()));
    };
    let endpoint = endpoint(store)?;
    preflight_capi::live::validate_live(&endpoint, pixel_id, &key, body)
        .await
        .map_err(|e| SessionError::Capi(e.to_string()))
}

/// The events sample requests are made for: the client's funnel's, or a lead and an order.
pub fn sample_events(store: &Store, client_id: i64) -> Result<Vec<String>, SessionError> {
    let funnel = store.client_funnel(client_id)?;
    Ok(preflight_capi::samples::sample_events(
        funnel.as_deref().and_then(preflight_pixel::funnel),
    ))
}
