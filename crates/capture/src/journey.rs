//! Journey mode: a visible browser window the user clicks through (landing page, product,
//! cart, checkout), with every `oaiq` call and pixel request delivered live as it fires.

use std::collections::HashSet;
use std::sync::Arc;

use chromiumoxide::cdp::browser_protocol::target::{
    CloseTargetParams, EventTargetCreated, EventTargetDestroyed, GetTargetsParams, TargetId,
};
use chromiumoxide::{Browser, Page};
use futures::StreamExt;
use preflight_pixel::RecordedCall;
use tokio::sync::mpsc::{self, UnboundedReceiver};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::capture::{
    assemble, browser_path, click, current_url, load_page, parse_page_url, setup_for,
};
use crate::error::CaptureError;
use crate::instrument::{instrument, Instrumenter};
use crate::launch::LaunchedBrowser;
use crate::recorder::Recorder;
use crate::types::{Capture, CaptureOptions, JourneyEvent, Window};

/// A browser window being recorded. Dropping it closes the browser and removes its profile;
/// [`Journey::finish`] does the same and returns what was recorded.
pub struct Journey {
    launched: Option<LaunchedBrowser>,
    recorder: Arc<Recorder>,
    page: Page,
    events: Option<UnboundedReceiver<JourneyEvent>>,
    /// Instruments the first tab and every tab opened later.
    instrumenter: Option<Arc<Instrumenter>>,
    new_tabs: JoinHandle<()>,
    timed_out: bool,
}

/// Open a browser window (visible unless `options.window` is [`Window::Headless`]) on
/// `start_url` and record from the first request on. Returns once the start page has loaded,
/// or after `options.timeout`, whichever comes first.
pub async fn start_journey(
    start_url: &str,
    options: &CaptureOptions,
) -> Result<Journey, CaptureError> {
    let start_url = parse_page_url(start_url)?;
    let executable = browser_path(options)?;
    let (live, events) = mpsc::unbounded_channel();
    let recorder = Arc::new(Recorder::new(Some(live)));
    let visible = options.window != Window::Headless;
    let on_closed = {
        let recorder = recorder.clone();
        move || recorder.browser_closed()
    };
    let launched = LaunchedBrowser::launch(&executable, visible, options, on_closed).await?;
    if crate::launch::runs_unsandboxed(options) {
        recorder.warning(crate::launch::UNSANDBOXED_WARNING.into());
    }
    let setup = Arc::new(setup_for(
        &launched, &start_url, options, &recorder, visible,
    ));
    let opened = open(&launched, setup, &start_url, options).await;
    let (page, instrumenter, new_tabs, timed_out) = match opened {
        Ok(parts) => parts,
        Err(e) => {
            launched.shutdown().await;
            return Err(e);
        }
    };
    Ok(Journey {
        launched: Some(launched),
        recorder,
        page,
        events: Some(events),
        instrumenter: Some(instrumenter),
        new_tabs,
        timed_out,
    })
}

type Opened = (Page, Arc<Instrumenter>, JoinHandle<()>, bool);

async fn open(
    launched: &LaunchedBrowser,
    setup: Arc<crate::instrument::Setup>,
    start_url: &url::Url,
    options: &CaptureOptions,
) -> Result<Opened, CaptureError> {
    let browser = launched.browser()?;
    let created = browser
        .event_listener::<EventTargetCreated>()
        .await
        .map_err(CaptureError::protocol)?;
    let destroyed = browser
        .event_listener::<EventTargetDestroyed>()
        .await
        .map_err(CaptureError::protocol)?;
    let page = browser
        .new_page("about:blank")
        .await
        .map_err(CaptureError::protocol)?;
    close_other_tabs(browser, page.target_id()).await;
    let recorder = setup.recorder.clone();
    let instrumenter = Arc::new(Instrumenter::start(&launched.address, setup).await?);
    instrument(&page, &instrumenter).await?;

    let new_tabs = tokio::spawn(follow_tabs(
        Arc::downgrade(&instrumenter),
        page.target_id().clone(),
        recorder,
        created,
        destroyed,
    ));
    let loaded = load_page(&page, start_url, Instant::now() + options.timeout).await;
    match loaded {
        Ok(loaded) => Ok((page, instrumenter, new_tabs, !loaded)),
        Err(e) => {
            new_tabs.abort();
            Err(e)
        }
    }
}

/// Record tabs the site opens (target=_blank, window.open) from the moment the browser
/// reports them (a request made before that instant can be missed), and report the journey
/// closed once its last tab is gone: on macOS the browser keeps running without windows.
/// Holds the instrumentation only weakly, so dropping the journey always stops it.
async fn follow_tabs(
    instrumenter: std::sync::Weak<Instrumenter>,
    first: TargetId,
    recorder: Arc<Recorder>,
    mut created: impl futures::Stream<Item = Arc<EventTargetCreated>> + Unpin,
    mut destroyed: impl futures::Stream<Item = Arc<EventTargetDestroyed>> + Unpin,
) {
    let mut open_tabs: HashSet<TargetId> = HashSet::from([first]);
    loop {
        tokio::select! {
            Some(event) = created.next() => {
                let info = &event.target_info;
                if info.r#type != "page" || open_tabs.contains(&info.target_id) {
                    continue;
                }
                open_tabs.insert(info.target_id.clone());
                let Some(instrumenter) = instrumenter.upgrade() else { return };
                // A tab that cannot be instrumented (closed at once) is simply not recorded.
                let _ = instrumenter.attach_tab(&info.target_id).await;
            }
            Some(event) = destroyed.next() => {
                if open_tabs.remove(&event.target_id) && open_tabs.is_empty() {
                    recorder.browser_closed();
                    return;
                }
            }
            else => return,
        }
    }
}

/// A visible browser starts with its own empty tab; close it so the user sees one window
/// with the recorded tab.
async fn close_other_tabs(browser: &Browser, keep: &TargetId) {
    let Ok(targets) = browser.execute(GetTargetsParams::default()).await else {
        return;
    };
    for info in &targets.result.target_infos {
        if info.r#type == "page" && &info.target_id != keep {
            let _ = browser
                .execute(CloseTargetParams::new(info.target_id.clone()))
                .await;
        }
    }
}

impl Journey {
    /// The live feed of calls, pixel requests and page changes. Handed over once: later calls
    /// return `None`. Everything is also kept for [`Journey::finish`].
    pub fn events(&mut self) -> Option<UnboundedReceiver<JourneyEvent>> {
        self.events.take()
    }

    /// Calls recorded so far, for checking mid-journey with
    /// `preflight_pixel::lint_recorded_calls`.
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.recorder.calls()
    }

    /// Whether the browser has gone away (the user closed the window).
    pub fn is_closed(&self) -> bool {
        self.recorder.is_closed()
    }

    /// Click `selector`'s first match in the journey's tab, as a visitor would (used to script
    /// a journey, and by tests).
    pub async fn click(&self, selector: &str) -> Result<(), CaptureError> {
        if self.is_closed() {
            return Err(CaptureError::BrowserClosed(
                "the journey's window was closed".into(),
            ));
        }
        click(&self.page, selector).await
    }

    /// Click into `selector`'s first match and type `text` with real key presses, as a visitor
    /// would (used to script a journey, and by tests).
    pub async fn type_into(&self, selector: &str, text: &str) -> Result<(), CaptureError> {
        if self.is_closed() {
            return Err(CaptureError::BrowserClosed(
                "the journey's window was closed".into(),
            ));
        }
        click(&self.page, selector).await?;
        let typed = async {
            self.page
                .find_element(selector)
                .await?
                .type_str(text)
                .await
                .map(|_| ())
        };
        tokio::time::timeout(std::time::Duration::from_secs(10), typed)
            .await
            .map_err(|_| {
                CaptureError::Protocol(format!("typing into `{selector}` did not finish"))
            })?
            .map_err(CaptureError::protocol)
    }

    /// The steps recorded so far: pages opened, clicks, forms sent.
    pub fn steps(&self) -> Vec<preflight_document::journey::JourneyStep> {
        self.recorder.snapshot().steps
    }

    /// Close the browser and return everything recorded, including the pages visited.
    pub async fn finish(mut self) -> Capture {
        let final_url = if self.is_closed() {
            None
        } else {
            current_url(&self.page).await
        };
        let product = self
            .launched
            .as_ref()
            .map(|s| s.product.clone())
            .unwrap_or_default();
        self.new_tabs.abort();
        let _ = (&mut self.new_tabs).await;
        // Stop recording before the browser goes, then close it.
        self.instrumenter.take();
        if let Some(launched) = self.launched.take() {
            launched.shutdown().await;
        }
        assemble(
            self.recorder.snapshot(),
            final_url,
            self.timed_out,
            &product,
        )
    }
}

impl Drop for Journey {
    fn drop(&mut self) {
        self.new_tabs.abort();
        // The launched browser's own guard kills the browser and removes the profile.
    }
}
