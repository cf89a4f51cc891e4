//! Journey mode: a visible browser window the user clicks through (landing page, product,
//! cart, checkout), with every `oaiq` call and pixel request delivered live as it fires.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, Weak};

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
use crate::instrument::{instrument, Setup, Watchers};
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
    /// Watchers of the first tab and of every tab opened later.
    watchers: Arc<Mutex<Vec<Watchers>>>,
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
    let launched =
        LaunchedBrowser::launch(&executable, visible, options.window_size, on_closed).await?;
    let setup = Arc::new(setup_for(
        &launched, &start_url, options, &recorder, visible,
    ));
    let opened = open(&launched, &setup, &start_url, options).await;
    let (page, watchers, new_tabs, timed_out) = match opened {
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
        watchers,
        new_tabs,
        timed_out,
    })
}

type Opened = (Page, Arc<Mutex<Vec<Watchers>>>, JoinHandle<()>, bool);

async fn open(
    launched: &LaunchedBrowser,
    setup: &Arc<Setup>,
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
    let watchers = Arc::new(Mutex::new(vec![instrument(&page, setup).await?]));

    let new_tabs = tokio::spawn(follow_tabs(
        Arc::downgrade(browser),
        page.target_id().clone(),
        setup.clone(),
        watchers.clone(),
        created,
        destroyed,
    ));
    let loaded = load_page(&page, start_url, Instant::now() + options.timeout).await;
    match loaded {
        Ok(loaded) => Ok((page, watchers, new_tabs, !loaded)),
        Err(e) => {
            new_tabs.abort();
            Err(e)
        }
    }
}

/// Record tabs the site opens (target=_blank, window.open) from the moment the browser
/// reports them (a request made before that instant can be missed), and report the journey
/// closed once its last tab is gone: on macOS the browser keeps running without windows.
/// Holds the browser only weakly, so dropping the journey can always shut the browser down.
async fn follow_tabs(
    browser: Weak<Browser>,
    first: TargetId,
    setup: Arc<Setup>,
    watchers: Arc<Mutex<Vec<Watchers>>>,
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
                let Some(browser) = browser.upgrade() else { return };
                let tab = browser.get_page(info.target_id.clone()).await;
                drop(browser);
                if let Ok(tab) = tab {
                    if let Ok(w) = instrument(&tab, &setup).await {
                        watchers.lock().unwrap_or_else(|e| e.into_inner()).push(w);
                    }
                }
            }
            Some(event) = destroyed.next() => {
                if open_tabs.remove(&event.target_id) && open_tabs.is_empty() {
                    setup.recorder.browser_closed();
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
        self.recorder.snapshot().calls
    }

    /// Whether the browser has gone away (the user closed the window).
    pub fn is_closed(&self) -> bool {
        self.recorder.snapshot().closed
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
        // Wait for the watcher to let go of the browser so shutdown can close it cleanly.
        let _ = (&mut self.new_tabs).await;
        if let Some(launched) = self.launched.take() {
            launched.shutdown().await;
        }
        self.watchers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
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
