//! Replaying a recorded journey without a window: open each page, click each element and send
//! each form as the visitor did, recording the pixel as a journey does. Every step has its own
//! time limit; a step that no longer works (a button gone, a page that is not reached) is
//! reported in plain words and ends the replay with what was seen so far.

use std::sync::Arc;
use std::time::Duration;

use chromiumoxide::cdp::js_protocol::runtime::{CallArgument, CallFunctionOnParams};
use chromiumoxide::element::Element;
use chromiumoxide::Page;
use preflight_document::journey::{FormField, JourneyStep, StepOutcome, StepStatus, StepTarget};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use crate::capture::{assemble, browser_path, current_url, load_page, parse_page_url, setup_for};
use crate::error::CaptureError;
use crate::instrument::{instrument, Instrumenter};
use crate::launch::LaunchedBrowser;
use crate::recorder::Recorder;
use crate::steps::same_page;
use crate::types::{Capture, CaptureOptions, Window};

/// How a replay runs.
#[derive(Debug, Clone)]
pub struct ReplayOptions {
    /// The browser, its sandbox setting, third parties, user agent. The window is headless
    /// unless [`Window::Visible`] is asked for.
    pub capture: CaptureOptions,
    /// Longest wait for one step: its element to appear, its page to open.
    pub step_timeout: Duration,
    /// Time after each step for the events it fires (timers, tag managers).
    pub settle: Duration,
}

impl Default for ReplayOptions {
    fn default() -> Self {
        ReplayOptions {
            capture: CaptureOptions::default(),
            step_timeout: Duration::from_secs(15),
            settle: Duration::from_millis(1500),
        }
    }
}

/// What a replay hears as it goes, for a progress display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReplayProgress {
    /// Step `step` of `total` begins.
    Started {
        step: u32,
        total: u32,
        description: String,
    },
    /// A step ended.
    Finished { outcome: StepOutcome },
}

/// What a replay saw, and how each step went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replay {
    /// Everything recorded, as for a journey.
    pub capture: Capture,
    /// One per step, in order.
    pub outcomes: Vec<StepOutcome>,
    /// Every step worked.
    pub complete: bool,
}

/// Replay `steps` in a new browser (headless unless asked otherwise) and record the pixel.
///
/// Never hangs: each step has `options.step_timeout` (and a few seconds more for an
/// unresponsive browser). A step that fails stops the replay; the steps after it are
/// `not_reached`. Cancelling ends the replay at once with what was seen so far. The browser is
/// closed and its profile removed before this returns.
pub async fn replay_journey(
    steps: &[JourneyStep],
    options: &ReplayOptions,
    progress: Option<UnboundedSender<ReplayProgress>>,
    cancel: &CancellationToken,
) -> Result<Replay, CaptureError> {
    let Some(JourneyStep::Visit { url }) = steps.first() else {
        return Err(CaptureError::NothingToReplay);
    };
    let start_url = parse_page_url(url)?;
    let executable = browser_path(&options.capture)?;
    let recorder = Arc::new(Recorder::new(None));
    let visible = options.capture.window == Window::Visible;
    let launched = LaunchedBrowser::launch(&executable, visible, &options.capture, || {}).await?;
    if crate::launch::runs_unsandboxed(&options.capture) {
        recorder.warning(crate::launch::UNSANDBOXED_WARNING.into());
    }
    let setup = Arc::new(setup_for(
        &launched,
        &start_url,
        &options.capture,
        &recorder,
        visible,
    ));
    let result = async {
        let page = launched
            .browser()?
            .new_page("about:blank")
            .await
            .map_err(CaptureError::protocol)?;
        let instrumenter = Instrumenter::start(&launched.address, setup).await?;
        instrument(&page, &instrumenter).await?;
        let player = Player {
            page: &page,
            recorder: &recorder,
            options,
        };
        let outcomes = player.run(steps, progress, cancel).await;
        let final_url = current_url(&page).await;
        drop(instrumenter);
        Ok::<_, CaptureError>((outcomes, final_url))
    }
    .await;
    let product = launched.product.clone();
    launched.shutdown().await;
    let (outcomes, final_url) = result?;
    let complete = outcomes.iter().all(|o| o.status == StepStatus::Done);
    let mut capture = assemble(recorder.snapshot(), final_url, false, &product);
    // The replay's own clicks are recorded too; the journey's steps are the ones replayed.
    capture.steps = steps.to_vec();
    Ok(Replay {
        capture,
        outcomes,
        complete,
    })
}

struct Player<'a> {
    page: &'a Page,
    recorder: &'a Recorder,
    options: &'a ReplayOptions,
}

/// Extra time on top of a step's own limit before the step is given up, for a browser that
/// stops answering DevTools commands.
const GRACE: Duration = Duration::from_secs(5);

impl Player<'_> {
    async fn run(
        &self,
        steps: &[JourneyStep],
        progress: Option<UnboundedSender<ReplayProgress>>,
        cancel: &CancellationToken,
    ) -> Vec<StepOutcome> {
        let tell = |p: ReplayProgress| {
            if let Some(progress) = &progress {
                let _ = progress.send(p);
            }
        };
        let total = steps.len() as u32;
        let mut outcomes = Vec::with_capacity(steps.len());
        let mut stopped = false;
        for (i, step) in steps.iter().enumerate() {
            let number = i as u32 + 1;
            let outcome = if stopped {
                StepOutcome {
                    step: number,
                    status: StepStatus::NotReached,
                    message: format!("Step {number}: not reached."),
                }
            } else {
                tell(ReplayProgress::Started {
                    step: number,
                    total,
                    description: step.describe(),
                });
                let limit = self.options.step_timeout + self.options.settle + GRACE;
                let (status, message) = tokio::select! {
                    done = tokio::time::timeout(limit, self.perform(step)) => match done {
                        Ok(Ok(message)) => (StepStatus::Done, message),
                        Ok(Err((status, message))) => (status, message),
                        Err(_) => (StepStatus::Failed, format!(
                            "the browser did not answer within {} s while trying to {}",
                            limit.as_secs(), step.describe()
                        )),
                    },
                    _ = cancel.cancelled() => (StepStatus::Stopped, "you stopped the replay here".to_string()),
                };
                stopped = status != StepStatus::Done;
                let outcome = StepOutcome {
                    step: number,
                    status,
                    message: format!("Step {number}: {message}"),
                };
                tell(ReplayProgress::Finished {
                    outcome: outcome.clone(),
                });
                outcome
            };
            outcomes.push(outcome);
        }
        outcomes
    }

    async fn perform(&self, step: &JourneyStep) -> Result<String, (StepStatus, String)> {
        let deadline = Instant::now() + self.options.step_timeout;
        let failed = |message: String| (StepStatus::Failed, message);
        match step {
            JourneyStep::Visit { url } => {
                let parsed = parse_page_url(url).map_err(|e| failed(e.to_string()))?;
                if self.here().await.is_some_and(|here| &here == url) {
                    return Ok(format!("already on {url}"));
                }
                let loaded = load_page(self.page, &parsed, deadline)
                    .await
                    .map_err(|e| failed(format!("{url} could not be opened ({e})")))?;
                tokio::time::sleep(self.options.settle).await;
                Ok(if loaded {
                    format!("opened {url}")
                } else {
                    format!(
                        "opened {url}; it was still loading after {} s",
                        self.options.step_timeout.as_secs()
                    )
                })
            }
            JourneyStep::Arrive { url } => {
                loop {
                    let last = self.recorder.snapshot().pages_visited.last().cloned();
                    if last.as_deref().is_some_and(|last| same_page(last, url)) {
                        break;
                    }
                    if Instant::now() >= deadline {
                        let stayed = self.here().await.or(last).unwrap_or_default();
                        return Err(failed(format!(
                            "the step before no longer leads to {url}: the browser stayed on {stayed}"
                        )));
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                self.wait_loaded(deadline).await;
                tokio::time::sleep(self.options.settle).await;
                Ok(format!("went on to {url}"))
            }
            JourneyStep::Click { target, .. } => {
                let element = self.find(target, deadline).await?;
                element.click().await.map_err(|e| {
                    failed(format!("{} could not be clicked ({e})", target.describe()))
                })?;
                tokio::time::sleep(self.options.settle).await;
                Ok(format!("clicked {}", target.describe()))
            }
            JourneyStep::Submit {
                target,
                fields,
                submitter,
                page_url,
            } => {
                let sensitive: Vec<&FormField> =
                    fields.iter().filter(|f| f.is_sensitive()).collect();
                if !sensitive.is_empty() {
                    let names = sensitive
                        .iter()
                        .map(|f| {
                            format!(
                                "“{}”",
                                if f.label.is_empty() {
                                    &f.selector
                                } else {
                                    &f.label
                                }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    return Err((
                        StepStatus::Stopped,
                        format!(
                            "the replay stops before {} on {page_url}: it asks for {names}, and passwords and payment details are never recorded. Finish this part by hand in a recorded journey.",
                            target.describe()
                        ),
                    ));
                }
                let form = self.find(target, deadline).await?;
                for field in fields {
                    let element = self.find_in_form(field, target, deadline).await?;
                    self.fill(&element, field).await.map_err(|e| {
                        failed(format!(
                            "the field “{}” ({}) could not be filled in ({e})",
                            field.label, field.selector
                        ))
                    })?;
                }
                let button = match submitter {
                    Some(selector) => self.page.find_element(selector.as_str()).await.ok(),
                    None => None,
                };
                let sent = match button {
                    Some(button) => button.click().await.map(|_| ()),
                    None => form
                        .call_js_fn(
                            "function () { if (this.requestSubmit) this.requestSubmit(); else this.submit(); }",
                            false,
                        )
                        .await
                        .map(|_| ()),
                };
                sent.map_err(|e| failed(format!("{} could not be sent ({e})", target.describe())))?;
                tokio::time::sleep(self.options.settle).await;
                Ok(format!(
                    "filled in {} field{} and sent {}",
                    fields.len(),
                    if fields.len() == 1 { "" } else { "s" },
                    target.describe()
                ))
            }
        }
    }

    /// The tab's address, or `None` before any page.
    async fn here(&self) -> Option<String> {
        current_url(self.page)
            .await
            .filter(|u| u != "about:blank")
            .or_else(|| self.recorder.snapshot().pages_visited.last().cloned())
    }

    /// Wait for `target` to be in the page, until `deadline`.
    async fn find(
        &self,
        target: &StepTarget,
        deadline: Instant,
    ) -> Result<Element, (StepStatus, String)> {
        match self.wait_for(&target.selector, deadline).await {
            Some(element) => Ok(element),
            None => {
                let here = self.here().await.unwrap_or_default();
                Err((
                    StepStatus::Failed,
                    format!("{} is no longer on {here}", target.describe()),
                ))
            }
        }
    }

    async fn find_in_form(
        &self,
        field: &FormField,
        form: &StepTarget,
        deadline: Instant,
    ) -> Result<Element, (StepStatus, String)> {
        match self.wait_for(&field.selector, deadline).await {
            Some(element) => Ok(element),
            None => Err((
                StepStatus::Failed,
                format!(
                    "the field “{}” ({}) of {} is no longer on {}",
                    field.label,
                    field.selector,
                    form.describe(),
                    self.here().await.unwrap_or_default()
                ),
            )),
        }
    }

    async fn wait_for(&self, selector: &str, deadline: Instant) -> Option<Element> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let attempt = tokio::time::timeout(
                left.min(Duration::from_secs(2)),
                self.page.find_element(selector),
            )
            .await;
            if let Ok(Ok(element)) = attempt {
                return Some(element);
            }
            if Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// Until the document has loaded, or `deadline`.
    async fn wait_loaded(&self, deadline: Instant) {
        while Instant::now() < deadline {
            let state = tokio::time::timeout(
                Duration::from_secs(2),
                self.page.evaluate("document.readyState"),
            )
            .await;
            if let Ok(Ok(result)) = state {
                if result.value().and_then(|v| v.as_str()) == Some("complete") {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Type or tick a field as recorded: the value goes in as an argument, never as code.
    async fn fill(&self, element: &Element, field: &FormField) -> Result<(), String> {
        let value = match (&field.value, field.checked) {
            (_, Some(checked)) => serde_json::json!({ "checked": checked }),
            (Some(value), None) => serde_json::json!({ "value": value }),
            (None, None) => return Ok(()),
        };
        let call = CallFunctionOnParams::builder()
            .function_declaration(FILL_FIELD)
            .object_id(element.remote_object_id.clone())
            .argument(CallArgument::builder().value(value).build())
            .await_promise(false)
            .build()
            .map_err(|e| e.to_string())?;
        let result = tokio::time::timeout(Duration::from_secs(5), self.page.execute(call))
            .await
            .map_err(|_| "no answer within 5 s".to_string())?
            .map_err(|e| e.to_string())?;
        if let Some(exception) = &result.result.exception_details {
            return Err(exception.text.clone());
        }
        Ok(())
    }
}

/// Sets a field the way typing would (the element's own value setter, then `input` and
/// `change`), or ticks a box by clicking it when it is not as recorded.
const FILL_FIELD: &str = r#"function (wanted) {
  if (typeof wanted.checked === "boolean") {
    if (this.checked !== wanted.checked) this.click();
    return true;
  }
  if (typeof this.focus === "function") this.focus();
  const tag = String(this.tagName).toLowerCase();
  const proto = tag === "textarea" ? HTMLTextAreaElement.prototype
    : tag === "select" ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, "value").set;
  setter.call(this, wanted.value);
  this.dispatchEvent(new Event("input", { bubbles: true }));
  this.dispatchEvent(new Event("change", { bubbles: true }));
  return true;
}"#;
