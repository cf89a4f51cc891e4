//! Wiring browser tabs for recording: the `oaiq` wrapper and its reporting binding, request
//! interception for OpenAI's hosts (and third parties when blocked), console errors and
//! top-level navigations.
//!
//! Everything goes through the capture's own DevTools connection ([`crate::cdp`]), which
//! attaches to each tab and asks to hold every child target (a cross-site iframe in its own
//! process, a worker) until it is let go; each iframe gets the same instrumentation as its tab
//! before any of its scripts run. Site isolation can thus stay on.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::Engine;
use chromiumoxide::cdp::browser_protocol::emulation::SetUserAgentOverrideParams;
use chromiumoxide::cdp::browser_protocol::fetch::{
    self, ContinueRequestParams, EventRequestPaused, FailRequestParams, FulfillRequestParams,
    HeaderEntry, RequestPattern, RequestStage,
};
use chromiumoxide::cdp::browser_protocol::network::ErrorReason;
use chromiumoxide::cdp::browser_protocol::page::{
    self as page_domain, AddScriptToEvaluateOnNewDocumentParams, EventFrameNavigated,
    SetLifecycleEventsEnabledParams,
};
use chromiumoxide::cdp::browser_protocol::target::{
    AttachToTargetParams, SetAutoAttachParams, TargetId,
};
use chromiumoxide::cdp::js_protocol::runtime::{
    self, AddBindingParams, ConsoleApiCalledType, EventBindingCalled, EventConsoleApiCalled,
    EventExceptionThrown, ExceptionDetails, RemoteObject, RunIfWaitingForDebuggerParams,
};
use chromiumoxide::Page;
use preflight_pixel::RecordedCall;
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::task::JoinHandle;

use crate::caps::{MAX_ARGS_JSON_CHARS, MAX_BODY_BYTES, MAX_STRING_CHARS};
use crate::cdp::{Cdp, Driver, Event};
use crate::error::CaptureError;
use crate::intercept::{self, Answer, Decision, Site};
use crate::recorder::Recorder;
use crate::scripts::Scripts;
use crate::types::ThirdParty;

/// What every instrumented tab of one capture shares.
pub(crate) struct Setup {
    pub recorder: Arc<Recorder>,
    pub scripts: Scripts,
    pub site: Site,
    pub third_party: ThirdParty,
    /// Sent instead of the browser's own user agent (headless Chrome names itself).
    pub user_agent: Option<String>,
}

/// What a session of the capture's connection is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A tab: its navigations are the pages visited.
    Tab,
    /// A cross-site iframe running in its own process.
    Frame,
}

type Sessions = Arc<Mutex<HashMap<String, Kind>>>;

/// The capture's DevTools connection and the task that handles its events; both stop when
/// this is dropped.
pub(crate) struct Instrumenter {
    cdp: Cdp,
    setup: Arc<Setup>,
    sessions: Sessions,
    events: JoinHandle<()>,
    _driver: Driver,
}

impl Drop for Instrumenter {
    fn drop(&mut self) {
        self.events.abort();
    }
}

impl Instrumenter {
    /// Connect to the browser at its DevTools `address`.
    pub async fn start(address: &str, setup: Arc<Setup>) -> Result<Self, CaptureError> {
        let (cdp, events, driver) = Cdp::connect(address).await?;
        let sessions = Sessions::default();
        let events = tokio::spawn(handle_events(
            cdp.clone(),
            setup.clone(),
            sessions.clone(),
            events,
        ));
        Ok(Instrumenter {
            cdp,
            setup,
            sessions,
            events,
            _driver: driver,
        })
    }

    /// Instrument the tab `target` before it loads anything worth recording.
    pub async fn attach_tab(&self, target: &TargetId) -> Result<(), CaptureError> {
        let attach = AttachToTargetParams::builder()
            .target_id(target.clone())
            .flatten(true)
            .build()
            .map_err(CaptureError::Protocol)?;
        let session = self.cdp.call(None, attach).await?.session_id;
        let session: String = session.into();
        lock(&self.sessions).insert(session.clone(), Kind::Tab);
        instrument_session(&self.cdp, &self.setup, &session).await
    }
}

/// Prepare a tab the browser-driving library opened: lifecycle events for its load waits, and
/// the capture's instrumentation.
pub(crate) async fn instrument(
    page: &Page,
    instrumenter: &Instrumenter,
) -> Result<(), CaptureError> {
    page.execute(SetLifecycleEventsEnabledParams::new(true))
        .await
        .map_err(CaptureError::protocol)?;
    instrumenter.attach_tab(page.target_id()).await
}

fn lock(sessions: &Sessions) -> std::sync::MutexGuard<'_, HashMap<String, Kind>> {
    sessions.lock().unwrap_or_else(|e| e.into_inner())
}

/// Everything one session needs, in order; the target runs none of its scripts before the
/// binding and the init script are in place (a tab is still blank, a child is held).
async fn instrument_session(cdp: &Cdp, setup: &Setup, session: &str) -> Result<(), CaptureError> {
    let s = Some(session);
    cdp.call(s, AddBindingParams::new(setup.scripts.binding.clone()))
        .await?;
    cdp.call(
        s,
        AddScriptToEvaluateOnNewDocumentParams::new(setup.scripts.init_script()),
    )
    .await?;
    cdp.call(s, runtime::EnableParams::default()).await?;
    cdp.call(s, page_domain::EnableParams::default()).await?;
    if let Some(agent) = &setup.user_agent {
        cdp.call(s, SetUserAgentOverrideParams::new(agent.clone()))
            .await?;
    }
    let patterns = intercept::fetch_patterns(setup.third_party)
        .into_iter()
        .map(|p| {
            RequestPattern::builder()
                .url_pattern(p)
                .request_stage(RequestStage::Request)
                .build()
        })
        .collect::<Vec<_>>();
    cdp.call(s, fetch::EnableParams::builder().patterns(patterns).build())
        .await?;
    // Hold every child target (iframes in another process, workers) until it is instrumented.
    let children = SetAutoAttachParams::builder()
        .auto_attach(true)
        .wait_for_debugger_on_start(true)
        .flatten(true)
        .build()
        .map_err(CaptureError::Protocol)?;
    cdp.call(s, children).await?;
    Ok(())
}

/// What `Target.attachedToTarget` says about a child.
#[derive(Deserialize)]
struct Attached {
    #[serde(rename = "sessionId")]
    session: String,
    #[serde(rename = "targetInfo")]
    info: AttachedInfo,
    #[serde(rename = "waitingForDebugger", default)]
    waiting: bool,
}

#[derive(Deserialize)]
struct AttachedInfo {
    #[serde(rename = "type")]
    kind: String,
}

async fn handle_events(
    cdp: Cdp,
    setup: Arc<Setup>,
    sessions: Sessions,
    mut events: UnboundedReceiver<Event>,
) {
    while let Some(event) = events.recv().await {
        let session = event.session.as_deref();
        let params = event.params;
        match event.method.as_ref() {
            "Target.attachedToTarget" => {
                let Ok(child) = serde_json::from_value::<Attached>(params) else {
                    continue;
                };
                if child.info.kind == "iframe" {
                    lock(&sessions).insert(child.session.clone(), Kind::Frame);
                    let (cdp, setup) = (cdp.clone(), setup.clone());
                    tokio::spawn(async move {
                        // A frame that could not be instrumented still runs, unrecorded.
                        let _ = instrument_session(&cdp, &setup, &child.session).await;
                        resume(&cdp, &child.session);
                    });
                } else if child.waiting {
                    resume(&cdp, &child.session);
                }
            }
            "Target.detachedFromTarget" => {
                if let Some(id) = params.get("sessionId").and_then(Value::as_str) {
                    lock(&sessions).remove(id);
                }
            }
            "Fetch.requestPaused" => {
                if let (Some(session), Ok(paused)) = (
                    session,
                    serde_json::from_value::<EventRequestPaused>(params),
                ) {
                    answer_request(&cdp, session, &setup, &paused);
                }
            }
            "Runtime.bindingCalled" => {
                if let Ok(called) = serde_json::from_value::<EventBindingCalled>(params) {
                    let is_tab =
                        session.is_some_and(|s| lock(&sessions).get(s) == Some(&Kind::Tab));
                    record_call(&setup, &called, is_tab);
                }
            }
            "Runtime.exceptionThrown" => {
                if let Ok(thrown) = serde_json::from_value::<EventExceptionThrown>(params) {
                    setup
                        .recorder
                        .console_error(describe_exception(&thrown.exception_details));
                }
            }
            "Runtime.consoleAPICalled" => {
                if let Ok(called) = serde_json::from_value::<EventConsoleApiCalled>(params) {
                    record_console_error(&setup.recorder, &called);
                }
            }
            "Page.frameNavigated" => {
                let is_tab = session.is_some_and(|s| lock(&sessions).get(s) == Some(&Kind::Tab));
                if let (true, Ok(navigated)) = (
                    is_tab,
                    serde_json::from_value::<EventFrameNavigated>(params),
                ) {
                    record_navigation(&setup.recorder, &navigated);
                }
            }
            _ => {}
        }
    }
}

fn resume(cdp: &Cdp, session: &str) {
    cdp.send(Some(session), RunIfWaitingForDebuggerParams::default());
}

/// Decide on an intercepted request and answer it on the session that paused it.
fn answer_request(cdp: &Cdp, session: &str, setup: &Setup, event: &EventRequestPaused) {
    let request = &event.request;
    let decision = intercept::decide(
        &request.url,
        &request.method,
        &setup.site,
        setup.third_party,
    );
    let origin = header(request.headers.inner(), "origin");
    let id = event.request_id.clone();
    let recorder = &setup.recorder;
    let s = Some(session);
    match decision {
        Decision::ServeSdk => {
            recorder.sdk_request(request.url.clone());
            let answer = intercept::sdk_answer(&setup.scripts.sdk_script());
            cdp.send(s, fulfilment(id, answer));
        }
        Decision::CollectionPreflight => {
            cdp.send(
                s,
                fulfilment(id, intercept::preflight_answer(origin.as_deref())),
            );
        }
        Decision::Collect => {
            let body = request.post_data_entries.as_deref().and_then(post_body);
            recorder.pixel_request(intercept::pixel_request(
                &request.url,
                &request.method,
                body,
                recorder.elapsed_ms(),
            ));
            let answer = intercept::collection_answer(&request.method, origin.as_deref());
            cdp.send(s, fulfilment(id, answer));
        }
        Decision::Block => {
            recorder.blocked(request.url.clone());
            cdp.send(s, FailRequestParams::new(id, ErrorReason::BlockedByClient));
        }
        Decision::Continue => cdp.send(s, ContinueRequestParams::new(id)),
    }
}

fn fulfilment(id: fetch::RequestId, answer: Answer) -> FulfillRequestParams {
    let headers = answer
        .headers
        .into_iter()
        .map(|(name, value)| HeaderEntry::new(name, value))
        .collect::<Vec<_>>();
    let mut params = FulfillRequestParams::new(id, answer.status);
    params.response_headers = Some(headers);
    if !answer.body.is_empty() {
        params.body = Some(
            base64::engine::general_purpose::STANDARD
                .encode(&answer.body)
                .into(),
        );
    }
    params
}

/// A header value from the protocol's header object, matched without regard to case.
fn header(headers: &serde_json::Value, name: &str) -> Option<String> {
    headers.as_object()?.iter().find_map(|(k, v)| {
        k.eq_ignore_ascii_case(name)
            .then(|| v.as_str().map(str::to_string))
            .flatten()
    })
}

/// The request body as text; the protocol hands it over base64-encoded in parts.
fn post_body(
    entries: &[chromiumoxide::cdp::browser_protocol::network::PostDataEntry],
) -> Option<String> {
    let mut bytes = Vec::new();
    for entry in entries {
        // Past the kept length nothing more is read; the cut happens on the text later.
        if bytes.len() > MAX_BODY_BYTES {
            bytes.truncate(MAX_BODY_BYTES + 4);
            break;
        }
        if let Some(part) = &entry.bytes {
            let text: &str = part.as_ref();
            bytes.extend(
                base64::engine::general_purpose::STANDARD
                    .decode(text)
                    .ok()?,
            );
        }
    }
    (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned())
}

/// What the init script reports through the binding.
#[derive(Deserialize)]
struct CallMessage {
    kind: String,
    #[serde(default)]
    command: String,
    #[serde(default)]
    args: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    page: String,
    #[serde(default)]
    secret: String,
    /// For `kind: "step"`: what the visitor did, as JSON (see `crate::steps`).
    #[serde(default)]
    step: String,
}

/// The longest message the init script sends: its arguments and strings are capped (see
/// [`crate::caps`]) and a character takes at most 6 bytes once escaped in the message. Anything
/// longer did not come from it and is not even read.
const MAX_MESSAGE_BYTES: usize = 6 * (MAX_ARGS_JSON_CHARS + 4 * (MAX_STRING_CHARS + 16)) + 1_024;

/// Record what the init script reported; anything else (a message without the capture's
/// secret, a name the page made up) is ignored.
/// Steps are kept from tabs only: what the visitor does inside an iframe cannot be replayed.
fn record_call(setup: &Setup, event: &EventBindingCalled, is_tab: bool) {
    if event.name != setup.scripts.binding || event.payload.len() > MAX_MESSAGE_BYTES {
        return;
    }
    let Ok(message) = serde_json::from_str::<CallMessage>(&event.payload) else {
        return;
    };
    if !same_secret(&message.secret, &setup.scripts.secret) {
        return;
    }
    if message.kind == "step" {
        if let (true, Some(step)) = (is_tab, crate::steps::from_page(&message.step)) {
            setup.recorder.step(step);
        }
        return;
    }
    if message.kind != "call" {
        return;
    }
    setup.recorder.call(
        RecordedCall {
            command: message.command,
            args_json: message.args,
            source: message.source,
        },
        message.page,
    );
}

/// Compared in full whatever the first difference, so timing tells nothing about the secret.
fn same_secret(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

fn describe_exception(details: &ExceptionDetails) -> String {
    let message = details
        .exception
        .as_ref()
        .and_then(|e| e.description.as_deref())
        .and_then(|d| d.lines().next())
        .unwrap_or(&details.text);
    match &details.url {
        Some(url) if !url.is_empty() => format!(
            "{message} ({url}:{}:{})",
            details.line_number + 1,
            details.column_number + 1
        ),
        _ => message.to_string(),
    }
}

fn record_console_error(recorder: &Recorder, event: &EventConsoleApiCalled) {
    if event.r#type == ConsoleApiCalledType::Error {
        let text = event
            .args
            .iter()
            .map(describe_value)
            .collect::<Vec<_>>()
            .join(" ");
        recorder.console_error(format!("console.error: {text}"));
    }
}

fn describe_value(value: &RemoteObject) -> String {
    match (&value.value, &value.description) {
        (Some(serde_json::Value::String(s)), _) => s.clone(),
        (Some(other), _) => other.to_string(),
        (None, Some(description)) => description.clone(),
        (None, None) => format!("{:?}", value.r#type).to_lowercase(),
    }
}

fn record_navigation(recorder: &Recorder, event: &EventFrameNavigated) {
    if event.frame.parent_id.is_none() && event.frame.url != "about:blank" {
        recorder.page_visited(event.frame.url.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_without_case() {
        let headers = serde_json::json!({"Origin": "https://a.test", "x": 1});
        assert_eq!(
            header(&headers, "origin").as_deref(),
            Some("https://a.test")
        );
        assert_eq!(header(&headers, "x"), None);
        assert_eq!(header(&headers, "missing"), None);
    }

    #[test]
    fn secrets_must_match_exactly() {
        assert!(same_secret("abc123", "abc123"));
        assert!(!same_secret("abc124", "abc123"));
        assert!(!same_secret("abc12", "abc123"));
        assert!(!same_secret("", "abc123"));
    }

    #[test]
    fn post_body_joins_decoded_parts() {
        use chromiumoxide::cdp::browser_protocol::network::PostDataEntry;
        let part = |text: &str| PostDataEntry {
            bytes: Some(
                base64::engine::general_purpose::STANDARD
                    .encode(text)
                    .into(),
            ),
        };
        assert_eq!(
            post_body(&[part("{\"a\":"), part("1}")]).as_deref(),
            Some("{\"a\":1}")
        );
        assert_eq!(post_body(&[]), None);
        let broken = PostDataEntry {
            bytes: Some(String::from("%%%").into()),
        };
        assert_eq!(post_body(&[broken]), None);
    }
}
