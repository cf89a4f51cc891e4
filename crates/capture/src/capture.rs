//! One bounded visit: open the page headless, wait for load and a quiet network (up to the
//! timeout), let tag managers fire during the settle time, perform the requested clicks, and
//! return everything recorded.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chromiumoxide::cdp::browser_protocol::page::{EventLifecycleEvent, NavigateParams};
use chromiumoxide::Page;
use futures::StreamExt;
use tokio::time::Instant;
use url::Url;

use crate::discover::find_browser;
use crate::error::CaptureError;
use crate::instrument::{instrument, Instrumenter, Setup};
use crate::intercept::Site;
use crate::launch::LaunchedBrowser;
use crate::recorder::{Recorded, Recorder};
use crate::scripts::Scripts;
use crate::types::{Capture, CaptureOptions, Window};

/// Longest wait for one click target to appear and be clicked.
const CLICK_TIMEOUT: Duration = Duration::from_secs(5);

/// Load `url` in a headless browser and record every `oaiq` call and pixel request.
///
/// Never hangs: the wait for the page is bounded by `options.timeout`; a page that does not
/// finish in time gives a partial result with `timed_out: true`. The browser is closed and
/// its temporary profile removed before this returns, whatever the outcome.
pub async fn capture(url: &str, options: &CaptureOptions) -> Result<Capture, CaptureError> {
    let start_url = parse_page_url(url)?;
    let executable = browser_path(options)?;
    let recorder = Arc::new(Recorder::new(None));
    let visible = options.window == Window::Visible;
    let launched = LaunchedBrowser::launch(&executable, visible, options, || {}).await?;
    if crate::launch::runs_unsandboxed(options) {
        recorder.warning(crate::launch::UNSANDBOXED_WARNING.into());
    }
    let result = visit(&launched, &start_url, options, &recorder, visible).await;
    launched.shutdown().await;
    result
}

async fn visit(
    launched: &LaunchedBrowser,
    start_url: &Url,
    options: &CaptureOptions,
    recorder: &Arc<Recorder>,
    visible: bool,
) -> Result<Capture, CaptureError> {
    let page = launched
        .browser()?
        .new_page("about:blank")
        .await
        .map_err(CaptureError::protocol)?;
    let setup = Arc::new(setup_for(launched, start_url, options, recorder, visible));
    let instrumenter = Instrumenter::start(&launched.address, setup).await?;
    instrument(&page, &instrumenter).await?;
    let deadline = Instant::now() + options.timeout;
    let loaded = load_page(&page, start_url, deadline).await?;
    let timed_out = !loaded;
    if loaded {
        tokio::time::sleep(options.settle).await;
    }
    for selector in &options.clicks {
        if let Err(e) = click(&page, selector).await {
            recorder.warning(e.to_string());
        }
        tokio::time::sleep(options.settle).await;
    }
    let final_url = current_url(&page).await;
    Ok(assemble(
        recorder.snapshot(),
        final_url,
        timed_out,
        &launched.product,
    ))
}

/// What every instrumented tab of this run shares.
pub(crate) fn setup_for(
    launched: &LaunchedBrowser,
    start_url: &Url,
    options: &CaptureOptions,
    recorder: &Arc<Recorder>,
    visible: bool,
) -> Setup {
    // A visible browser already sends its normal user agent; headless needs the override.
    let user_agent = match (&options.user_agent, visible) {
        (Some(agent), _) => Some(agent.clone()),
        (None, false) => Some(launched.desktop_user_agent.clone()),
        (None, true) => None,
    };
    Setup {
        recorder: recorder.clone(),
        scripts: Scripts::new(),
        site: Site::of(start_url),
        third_party: options.third_party,
        user_agent,
    }
}

/// Navigate and wait for `load` plus network idle on the main frame. `Ok(false)` when the
/// deadline came first; an error only when the browser could not open the page at all.
pub(crate) async fn load_page(
    page: &Page,
    url: &Url,
    deadline: Instant,
) -> Result<bool, CaptureError> {
    let mut lifecycle = page
        .event_listener::<EventLifecycleEvent>()
        .await
        .map_err(CaptureError::protocol)?;
    let main_frame = page.mainframe().await.map_err(CaptureError::protocol)?;
    let navigation = {
        let page = page.clone();
        let url = url.to_string();
        tokio::spawn(async move { page.execute(NavigateParams::new(url)).await })
    };
    let navigation_error = async {
        match navigation.await {
            Ok(Ok(response)) => match response.result.error_text {
                // Aborted: replaced by a newer navigation (a redirect in script) or a download.
                Some(text) if !text.contains("ERR_ABORTED") => Some(text),
                _ => None,
            },
            // A protocol timeout while the page is still loading is not a failure to open it.
            _ => None,
        }
    };
    let lifecycle_done = async {
        let (mut load, mut idle) = (false, false);
        while let Some(event) = lifecycle.next().await {
            if main_frame.as_ref().is_some_and(|f| *f != event.frame_id) {
                continue;
            }
            match event.name.as_str() {
                // A new document in the main frame starts the wait over.
                "init" => (load, idle) = (false, false),
                "load" => load = true,
                "networkIdle" => idle = true,
                _ => {}
            }
            if load && idle {
                return true;
            }
        }
        false
    };
    tokio::pin!(navigation_error, lifecycle_done);
    let mut navigation_finished = false;
    loop {
        tokio::select! {
            error = &mut navigation_error, if !navigation_finished => {
                if let Some(reason) = error {
                    return Err(CaptureError::Navigation { url: url.to_string(), reason });
                }
                navigation_finished = true;
            }
            done = &mut lifecycle_done => return Ok(done),
            _ = tokio::time::sleep_until(deadline) => return Ok(false),
        }
    }
}

/// Scroll `selector`'s first match into view and click its centre, as a visitor would.
pub(crate) async fn click(page: &Page, selector: &str) -> Result<(), CaptureError> {
    let failed = |reason: String| CaptureError::Click {
        selector: selector.to_string(),
        reason,
    };
    let attempt = async {
        let element = page
            .find_element(selector)
            .await
            .map_err(|e| failed(format!("not found ({e})")))?;
        element.click().await.map_err(|e| failed(e.to_string()))?;
        Ok(())
    };
    tokio::time::timeout(CLICK_TIMEOUT, attempt)
        .await
        .map_err(|_| failed(format!("no answer within {} s", CLICK_TIMEOUT.as_secs())))?
}

/// The tab's URL, or `None` if the browser does not answer promptly.
pub(crate) async fn current_url(page: &Page) -> Option<String> {
    tokio::time::timeout(Duration::from_secs(2), page.url())
        .await
        .ok()?
        .ok()
        .flatten()
}

pub(crate) fn assemble(
    log: Recorded,
    final_url: Option<String>,
    timed_out: bool,
    product: &str,
) -> Capture {
    let final_url = final_url
        .filter(|u| u != "about:blank")
        .map(|u| match log.query_dropped {
            true => crate::recorder::without_query(&u),
            false => u,
        })
        .or_else(|| log.pages_visited.last().cloned())
        .unwrap_or_default();
    Capture {
        final_url,
        calls: log.calls,
        pixel_requests: log.pixel_requests,
        sdk_requests: log.sdk_requests,
        console_errors: log.console_errors,
        pages_visited: log.pages_visited,
        blocked_requests: log.blocked_requests,
        warnings: log.warnings,
        steps: log.steps,
        truncated: log.truncated,
        timed_out,
        browser_version: product.to_string(),
    }
}

/// An absolute http(s) URL, or a clear error.
pub(crate) fn parse_page_url(url: &str) -> Result<Url, CaptureError> {
    let trimmed = url.trim();
    match Url::parse(trimmed) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => {
            Ok(parsed)
        }
        Ok(parsed) => Err(CaptureError::InvalidUrl(format!(
            "{trimmed} (only http and https pages can be captured, not {}:)",
            parsed.scheme()
        ))),
        Err(url::ParseError::RelativeUrlWithoutBase) => Err(CaptureError::InvalidUrl(format!(
            "{trimmed} (give the full address, starting with https://)"
        ))),
        Err(e) => Err(CaptureError::InvalidUrl(format!("{trimmed} ({e})"))),
    }
}

pub(crate) fn browser_path(options: &CaptureOptions) -> Result<PathBuf, CaptureError> {
    match &options.browser {
        Some(path) if path.is_file() => Ok(path.clone()),
        Some(path) => Err(CaptureError::BrowserNotFound {
            detail: format!("the browser path {} is not a file", path.display()),
            hint: crate::discover::Platform::current()
                .install_hint()
                .to_string(),
        }),
        None => find_browser(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_must_be_absolute_http() {
        assert!(parse_page_url(" https://shop.example.com/a?b=1 ").is_ok());
        for bad in [
            "shop.example.com",
            "ftp://x.test/",
            "javascript:alert(1)",
            "",
            "http://",
        ] {
            let err = parse_page_url(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_url", "{bad}");
        }
        assert!(parse_page_url("shop.example.com")
            .unwrap_err()
            .to_string()
            .contains("https://"));
    }

    #[test]
    fn explicit_browser_path_must_exist() {
        let options = CaptureOptions {
            browser: Some(PathBuf::from("/definitely/not/here/chrome")),
            ..CaptureOptions::default()
        };
        assert_eq!(
            browser_path(&options).unwrap_err().code(),
            "browser_not_found"
        );
    }

    #[test]
    fn final_url_falls_back_to_the_last_page() {
        let log = Recorded {
            pages_visited: vec!["https://a.test/".into(), "https://a.test/b".into()],
            ..Recorded::default()
        };
        let capture = assemble(log, Some("about:blank".into()), true, "Chrome/1");
        assert_eq!(capture.final_url, "https://a.test/b");
        assert!(capture.timed_out);
    }
}
