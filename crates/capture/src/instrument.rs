//! Wiring one browser tab for recording: the `oaiq` wrapper and its reporting binding, request
//! interception for OpenAI's hosts (and third parties when blocked), console errors and
//! top-level navigations. Each watcher runs as a task that ends with the tab.

use std::sync::Arc;

use base64::Engine;
use chromiumoxide::cdp::browser_protocol::fetch::{
    self, ContinueRequestParams, EventRequestPaused, FailRequestParams, FulfillRequestParams,
    HeaderEntry, RequestPattern, RequestStage,
};
use chromiumoxide::cdp::browser_protocol::network::{ErrorReason, SetUserAgentOverrideParams};
use chromiumoxide::cdp::browser_protocol::page::{
    AddScriptToEvaluateOnNewDocumentParams, EventFrameNavigated, SetLifecycleEventsEnabledParams,
};
use chromiumoxide::cdp::js_protocol::runtime::{
    AddBindingParams, ConsoleApiCalledType, EventBindingCalled, EventConsoleApiCalled,
    EventExceptionThrown, ExceptionDetails, RemoteObject,
};
use chromiumoxide::Page;
use futures::StreamExt;
use preflight_pixel::RecordedCall;
use serde::Deserialize;
use tokio::task::JoinHandle;

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

/// The watcher tasks of one tab; stopped when dropped.
pub(crate) struct Watchers(Vec<JoinHandle<()>>);

impl Drop for Watchers {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

/// Instrument `page` before it loads anything worth recording.
pub(crate) async fn instrument(page: &Page, setup: &Arc<Setup>) -> Result<Watchers, CaptureError> {
    let err = CaptureError::protocol;
    // Listen before enabling anything so no event is missed.
    let paused = page
        .event_listener::<EventRequestPaused>()
        .await
        .map_err(err)?;
    let bindings = page
        .event_listener::<EventBindingCalled>()
        .await
        .map_err(err)?;
    let exceptions = page
        .event_listener::<EventExceptionThrown>()
        .await
        .map_err(err)?;
    let console = page
        .event_listener::<EventConsoleApiCalled>()
        .await
        .map_err(err)?;
    let navigations = page
        .event_listener::<EventFrameNavigated>()
        .await
        .map_err(err)?;

    if let Some(agent) = &setup.user_agent {
        page.execute(SetUserAgentOverrideParams::new(agent.clone()))
            .await
            .map_err(err)?;
    }
    page.execute(AddBindingParams::new(setup.scripts.binding.clone()))
        .await
        .map_err(err)?;
    page.execute(AddScriptToEvaluateOnNewDocumentParams::new(
        setup.scripts.init_script(),
    ))
    .await
    .map_err(err)?;
    page.execute(SetLifecycleEventsEnabledParams::new(true))
        .await
        .map_err(err)?;
    let patterns = intercept::fetch_patterns(setup.third_party)
        .into_iter()
        .map(|p| {
            RequestPattern::builder()
                .url_pattern(p)
                .request_stage(RequestStage::Request)
                .build()
        })
        .collect::<Vec<_>>();
    page.execute(fetch::EnableParams::builder().patterns(patterns).build())
        .await
        .map_err(err)?;

    let tasks = vec![
        tokio::spawn(answer_requests(page.clone(), setup.clone(), paused)),
        tokio::spawn(record_calls(setup.clone(), bindings)),
        tokio::spawn(record_exceptions(setup.recorder.clone(), exceptions)),
        tokio::spawn(record_console_errors(setup.recorder.clone(), console)),
        tokio::spawn(record_navigations(setup.recorder.clone(), navigations)),
    ];
    Ok(Watchers(tasks))
}

async fn answer_requests(
    page: Page,
    setup: Arc<Setup>,
    mut events: impl futures::Stream<Item = Arc<EventRequestPaused>> + Unpin,
) {
    while let Some(event) = events.next().await {
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
        let page = page.clone();
        // Answer each request on its own task: a slow answer must not hold up the others.
        match decision {
            Decision::ServeSdk => {
                recorder.sdk_request(request.url.clone());
                let answer = intercept::sdk_answer(&setup.scripts.sdk_script());
                tokio::spawn(async move { fulfil(&page, id, answer).await });
            }
            Decision::CollectionPreflight => {
                let answer = intercept::preflight_answer(origin.as_deref());
                tokio::spawn(async move { fulfil(&page, id, answer).await });
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
                tokio::spawn(async move { fulfil(&page, id, answer).await });
            }
            Decision::Block => {
                recorder.blocked(request.url.clone());
                tokio::spawn(async move {
                    let _ = page
                        .execute(FailRequestParams::new(id, ErrorReason::BlockedByClient))
                        .await;
                });
            }
            Decision::Continue => {
                tokio::spawn(async move {
                    let _ = page.execute(ContinueRequestParams::new(id)).await;
                });
            }
        }
    }
}

async fn fulfil(page: &Page, id: fetch::RequestId, answer: Answer) {
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
    // A failure means the tab went away; nothing is waiting for this answer any more.
    let _ = page.execute(params).await;
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
}

async fn record_calls(
    setup: Arc<Setup>,
    mut events: impl futures::Stream<Item = Arc<EventBindingCalled>> + Unpin,
) {
    while let Some(event) = events.next().await {
        if event.name != setup.scripts.binding {
            continue;
        }
        // Anything malformed did not come from the init script; ignore it.
        let Ok(message) = serde_json::from_str::<CallMessage>(&event.payload) else {
            continue;
        };
        if message.kind != "call" {
            continue;
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
}

async fn record_exceptions(
    recorder: Arc<Recorder>,
    mut events: impl futures::Stream<Item = Arc<EventExceptionThrown>> + Unpin,
) {
    while let Some(event) = events.next().await {
        recorder.console_error(describe_exception(&event.exception_details));
    }
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

async fn record_console_errors(
    recorder: Arc<Recorder>,
    mut events: impl futures::Stream<Item = Arc<EventConsoleApiCalled>> + Unpin,
) {
    while let Some(event) = events.next().await {
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
}

fn describe_value(value: &RemoteObject) -> String {
    match (&value.value, &value.description) {
        (Some(serde_json::Value::String(s)), _) => s.clone(),
        (Some(other), _) => other.to_string(),
        (None, Some(description)) => description.clone(),
        (None, None) => format!("{:?}", value.r#type).to_lowercase(),
    }
}

async fn record_navigations(
    recorder: Arc<Recorder>,
    mut events: impl futures::Stream<Item = Arc<EventFrameNavigated>> + Unpin,
) {
    while let Some(event) = events.next().await {
        if event.frame.parent_id.is_none() && event.frame.url != "about:blank" {
            recorder.page_visited(event.frame.url.clone());
        }
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
