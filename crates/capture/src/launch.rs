//! One browser process with its own throw-away profile. The guard kills the browser and
//! removes the profile on every path: normal shutdown, error, panic or a dropped future.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::browser::CloseParams;
use futures::StreamExt;
use tempfile::TempDir;
use tokio::task::JoinHandle;

use crate::error::CaptureError;
use crate::types::CaptureOptions;

const LAUNCH_TIMEOUT: Duration = Duration::from_secs(20);
const CLOSE_GRACE: Duration = Duration::from_secs(3);
/// Longest wait for any one DevTools command, so an unresponsive browser cannot stall a run.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(10);

/// Flags for every launch: no first-run UI, no background traffic to Google, no QUIC, and
/// site isolation kept on (stated, so no build default can turn it off): a cross-site iframe
/// runs in its own process, and the capture instruments it as its own target (see
/// `instrument`). Names are without the leading dashes, the launcher adds them.
const COMMON_FLAGS: &[&str] = &[
    "no-first-run",
    "no-default-browser-check",
    "disable-background-networking",
    "disable-component-update",
    "disable-sync",
    "disable-default-apps",
    "disable-breakpad",
    "disable-client-side-phishing-detection",
    "disable-domain-reliability",
    "disable-quic",
    "disable-dev-shm-usage",
    "use-mock-keychain",
    "site-per-process",
];

const COMMON_VALUE_FLAGS: &[(&str, &str)] = &[
    ("password-store", "basic"),
    // Safety net: a request to OpenAI that escapes interception (a service worker, a tab not
    // yet instrumented) fails name resolution instead of reaching OpenAI. Intercepted requests
    // are answered before any lookup, so they are unaffected.
    ("host-resolver-rules", OPENAI_RESOLVER_RULES),
    (
        "disable-features",
        "Translate,OptimizationHints,MediaRouter",
    ),
];

const OPENAI_RESOLVER_RULES: &str = "MAP bzrcdn.openai.com ~NOTFOUND, MAP bzr.openai.com ~NOTFOUND";

/// Extra flags when no window is shown (`--headless=new` itself comes from the launcher).
const HEADLESS_FLAGS: &[&str] = &["disable-gpu"];

pub(crate) struct LaunchedBrowser {
    /// Shared with the journey's new-tab watcher, which needs to look tabs up.
    browser: Option<Arc<Browser>>,
    handler: JoinHandle<()>,
    profile: Option<TempDir>,
    /// The browser's process id, to kill it even while another task briefly holds a handle.
    pid: Option<u32>,
    /// Product string, e.g. `Chrome/143.0.7499.169`.
    pub product: String,
    /// The browser's DevTools WebSocket address, for the capture's own connection.
    pub address: String,
    /// The user agent a normal desktop Chrome of this version sends.
    pub desktop_user_agent: String,
}

impl LaunchedBrowser {
    /// Start `executable` with a fresh profile; `on_closed` runs once the DevTools connection
    /// ends (the user closed the window, the browser crashed, or it was shut down). As root,
    /// only with `options.allow_unsandboxed_browser` (see [`sandbox_refusal`]).
    pub async fn launch(
        executable: &Path,
        visible: bool,
        options: &CaptureOptions,
        on_closed: impl FnOnce() + Send + 'static,
    ) -> Result<Self, CaptureError> {
        if let Some(refusal) = sandbox_refusal(options) {
            return Err(refusal);
        }
        let unsandboxed = runs_unsandboxed(options);
        let window_size = options.window_size;
        let launch_error = |reason: String| CaptureError::BrowserLaunch {
            path: executable.display().to_string(),
            reason,
        };
        let profile = tempfile::Builder::new()
            .prefix("preflight-browser-")
            .tempdir()
            .map_err(|e| CaptureError::Profile(e.to_string()))?;
        let config = config(
            executable,
            visible,
            window_size,
            profile.path(),
            unsandboxed,
        )
        .map_err(launch_error)?;
        let (mut browser, mut handler) = Browser::launch(config)
            .await
            .map_err(|e| launch_error(e.to_string()))?;
        let pid = browser
            .get_mut_child()
            .and_then(|child| child.as_mut_inner().id());
        let handler = tokio::spawn(async move {
            // Errors here are single unreadable messages; only the end of the stream matters.
            while handler.next().await.is_some() {}
            on_closed();
        });
        let address = browser.websocket_address().clone();
        let mut launched = LaunchedBrowser {
            address,
            browser: Some(Arc::new(browser)),
            handler,
            profile: Some(profile),
            pid,
            product: String::new(),
            desktop_user_agent: String::new(),
        };
        let version = launched
            .browser()?
            .version()
            .await
            .map_err(|e| launch_error(format!("no answer to a version request: {e}")))?;
        launched.product = version.product.replace("HeadlessChrome", "Chrome");
        launched.desktop_user_agent = version.user_agent.replace("HeadlessChrome", "Chrome");
        Ok(launched)
    }

    pub fn browser(&self) -> Result<&Arc<Browser>, CaptureError> {
        self.browser
            .as_ref()
            .ok_or_else(|| CaptureError::BrowserClosed("the browser was shut down".into()))
    }

    /// Close the browser politely, kill it if it lingers, then remove the profile.
    pub async fn shutdown(mut self) {
        let Some(shared) = self.browser.as_mut() else {
            return;
        };
        if let Some(browser) = Arc::get_mut(shared) {
            let _ = tokio::time::timeout(CLOSE_GRACE, browser.close()).await;
            if !matches!(
                tokio::time::timeout(CLOSE_GRACE, browser.wait()).await,
                Ok(Ok(_))
            ) {
                let _ = browser.kill().await;
            }
        } else {
            // Still shared for a moment; ask it to close, Drop kills it if it lingers.
            let _ = tokio::time::timeout(CLOSE_GRACE, shared.execute(CloseParams::default())).await;
        }
        // Drop finishes the job.
    }
}

impl Drop for LaunchedBrowser {
    fn drop(&mut self) {
        match self.browser.take().map(Arc::try_unwrap) {
            Some(Ok(mut browser)) => kill_and_wait(&mut browser),
            // Another task holds a handle for a moment: kill the process by id now rather than
            // when that handle goes, so the profile below is no longer in use.
            Some(Err(_)) => kill_by_pid(self.pid),
            None => {}
        }
        self.handler.abort();
        if let Some(profile) = self.profile.take() {
            remove_profile(profile);
        }
    }
}

fn kill_and_wait(browser: &mut Browser) {
    if let Some(child) = browser.get_mut_child() {
        let process = child.as_mut_inner();
        let _ = process.start_kill();
        // Give it a moment to exit so the profile is no longer in use.
        for _ in 0..100 {
            if !matches!(process.try_wait(), Ok(None)) {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

#[cfg(unix)]
fn kill_by_pid(pid: Option<u32>) {
    if let Some(pid) = pid.and_then(|p| libc::pid_t::try_from(p).ok()) {
        // SAFETY: kill has no memory preconditions; the pid is our own child, not yet reaped
        // because its handle is still alive.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
    }
}

#[cfg(not(unix))]
fn kill_by_pid(_pid: Option<u32>) {
    // Elsewhere the process is killed when the last handle goes (kill on drop).
}

/// Remove the profile; helper processes can hold files for a moment after the browser
/// exits, so a failed removal is retried in the background.
fn remove_profile(profile: TempDir) {
    let path: PathBuf = profile.path().to_path_buf();
    if profile.close().is_ok() || !path.exists() {
        return;
    }
    // Up to 30 s: helper processes of a killed browser can take a moment to go.
    std::thread::spawn(move || {
        for _ in 0..120 {
            std::thread::sleep(Duration::from_millis(250));
            if std::fs::remove_dir_all(&path).is_ok() || !path.exists() {
                return;
            }
        }
    });
}

/// The warning kept with a capture whose browser ran without its sandbox.
pub const UNSANDBOXED_WARNING: &str = "The browser ran without its sandbox (running as root, allowed explicitly): a hostile page could attack this machine. Run Preflight as a normal user to keep the browser contained.";

/// Chromium's sandbox does not work for the root user, so a browser started as root would have
/// to run without it, leaving every page it opens one exploit away from this machine. That is
/// refused unless `options.allow_unsandboxed_browser` says otherwise; the error says what to do.
pub fn sandbox_refusal(options: &CaptureOptions) -> Option<CaptureError> {
    refusal(running_as_root(), options.allow_unsandboxed_browser)
}

/// Whether a browser started with `options` runs without its sandbox (as root, allowed).
pub fn runs_unsandboxed(options: &CaptureOptions) -> bool {
    running_as_root() && options.allow_unsandboxed_browser
}

fn refusal(root: bool, allowed: bool) -> Option<CaptureError> {
    (root && !allowed).then_some(CaptureError::SandboxUnavailable)
}

fn config(
    executable: &Path,
    visible: bool,
    (width, height): (u32, u32),
    profile: &Path,
    unsandboxed: bool,
) -> Result<BrowserConfig, String> {
    let mut builder = BrowserConfig::builder()
        .chrome_executable(executable)
        .disable_default_args()
        .user_data_dir(profile)
        .launch_timeout(LAUNCH_TIMEOUT)
        .request_timeout(COMMAND_TIMEOUT)
        .window_size(width.max(200), height.max(200))
        .viewport(None)
        .args(COMMON_FLAGS.iter().copied())
        .args(COMMON_VALUE_FLAGS.iter().copied());
    builder = if visible {
        builder.with_head()
    } else {
        builder
            .new_headless_mode()
            .args(HEADLESS_FLAGS.iter().copied())
    };
    if unsandboxed {
        // Chrome cannot start its sandbox as root; the user allowed running without it.
        builder = builder.no_sandbox();
    }
    builder.build()
}

#[cfg(unix)]
fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(not(unix))]
fn running_as_root() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intercept::{COLLECTION_HOST, SDK_HOST};

    #[test]
    fn openai_hosts_cannot_be_resolved_even_if_a_request_escapes_interception() {
        for host in [SDK_HOST, COLLECTION_HOST] {
            assert!(
                OPENAI_RESOLVER_RULES.contains(&format!("MAP {host} ~NOTFOUND")),
                "{host} is missing from the resolver rules"
            );
        }
        assert!(COMMON_VALUE_FLAGS.contains(&("host-resolver-rules", OPENAI_RESOLVER_RULES)));
    }

    #[test]
    fn site_isolation_is_never_turned_off() {
        assert!(COMMON_FLAGS.contains(&"site-per-process"));
        let all = COMMON_FLAGS
            .iter()
            .chain(HEADLESS_FLAGS)
            .copied()
            .chain(COMMON_VALUE_FLAGS.iter().map(|(_, v)| *v))
            .collect::<Vec<_>>()
            .join(" ");
        for off in [
            "disable-site-isolation",
            "IsolateOrigins",
            "site-per-process,",
        ] {
            assert!(!all.contains(off), "{off} in {all}");
        }
    }

    #[test]
    fn root_needs_the_explicit_opt_in() {
        let refused = refusal(true, false).expect("refused as root");
        assert_eq!(refused.code(), "browser_sandbox_unavailable");
        let text = refused.to_string();
        assert!(text.contains("normal user"), "{text}");
        assert!(text.contains("--allow-unsandboxed-browser"), "{text}");
        assert!(refusal(true, true).is_none());
        assert!(refusal(false, false).is_none());
        assert!(refusal(false, true).is_none());
    }
}
