//! The headless browser of the rendered pixel check: found once per run, shared by its pages a
//! few at a time.

use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// How the rendered check runs.
#[derive(Debug, Clone)]
pub struct RenderedOptions {
    pub capture: preflight_capture::CaptureOptions,
    /// Browsers running at the same time (each is a whole Chromium).
    pub concurrency: usize,
}

impl Default for RenderedOptions {
    fn default() -> Self {
        RenderedOptions {
            capture: preflight_capture::CaptureOptions {
                timeout: Duration::from_secs(20),
                ..preflight_capture::CaptureOptions::default()
            },
            concurrency: 1,
        }
    }
}

/// Runs pages in a headless browser, a few at a time, for the rendered pixel check.
pub(crate) enum Renderer {
    /// No browser could be found; every page says why.
    Unavailable(String),
    Ready {
        options: preflight_capture::CaptureOptions,
        slots: Arc<Semaphore>,
    },
}

impl Renderer {
    pub(crate) fn new(options: &RenderedOptions) -> Self {
        let browser = match &options.capture.browser {
            Some(path) if path.is_file() => Ok(path.clone()),
            Some(path) => Err(format!(
                "the browser given, {}, does not exist.",
                path.display()
            )),
            None => preflight_capture::find_browser().map_err(|e| e.to_string()),
        };
        // As root without the explicit opt-in, no page is opened in a browser at all (a
        // browser that cannot be found is the first thing to say, though).
        let browser =
            browser.and_then(
                |path| match preflight_capture::sandbox_refusal(&options.capture) {
                    Some(refusal) => Err(refusal.to_string()),
                    None => Ok(path),
                },
            );
        match browser {
            Ok(path) => Renderer::Ready {
                options: preflight_capture::CaptureOptions {
                    browser: Some(path),
                    ..options.capture.clone()
                },
                slots: Arc::new(Semaphore::new(options.concurrency.max(1))),
            },
            Err(why) => Renderer::Unavailable(why),
        }
    }

    pub(crate) fn describe(options: &RenderedOptions) -> String {
        Renderer::new(options).limit()
    }

    pub(crate) fn limit(&self) -> String {
        match self {
            Renderer::Ready { .. } => "The pixel check reads each page and its own scripts, and also runs each page in a browser for a few seconds to record the pixel calls it makes (tag managers included). It cannot see events that fire only after cookie consent or a visitor's action (a purchase, a form), or events on other pages (such as the order confirmation): record a journey for those. Nothing is sent to OpenAI during the check.".into(),
            Renderer::Unavailable(why) => format!("The rendered check (each page run in a browser) did not run: {why} Only the static scan of each page and its own scripts was done; pixel code added by a tag manager is not seen."),
        }
    }

    /// Runs the page; cancelling drops the future, and the capture cleans up after itself.
    pub(crate) async fn render(&self, url: &str) -> crate::pixel::RenderedInput {
        use crate::pixel::RenderedInput;
        match self {
            Renderer::Unavailable(why) => RenderedInput::NotRun(why.clone()),
            Renderer::Ready { options, slots } => {
                let _slot = slots.acquire().await.expect("semaphore is never closed");
                match preflight_capture::capture(url, options).await {
                    Ok(capture) => RenderedInput::Captured(Box::new(capture)),
                    Err(e) => RenderedInput::Failed {
                        code: e.code().to_string(),
                        message: e.to_string(),
                    },
                }
            }
        }
    }
}
