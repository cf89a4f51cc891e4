//! What the user asked for, turned into a run the engine can start.

use crate::error::SessionError;
use crate::settings;
use preflight_audit::run::RenderedOptions;
use preflight_audit::targets::InvalidTarget;
use preflight_audit::{FetchOptions, Fetcher, RunOptions};
use preflight_store::Store;
use std::path::PathBuf;
use std::time::Duration;

/// Which pages to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Targets {
    /// URLs typed, pasted or read from a file (one or many per line), read by the engine's
    /// parser; saved under the client of this name (created when new), if any.
    Text {
        text: String,
        client: Option<String>,
    },
    /// Every landing page of a saved client.
    ClientPages { client_id: i64 },
}

/// The rendered check (each page also run in a headless browser).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedChoice {
    /// The browser to use; `None` finds one.
    pub browser: Option<PathBuf>,
    /// Whether the browser may run without its sandbox as root; `None` reads the saved
    /// setting.
    pub allow_unsandboxed: Option<bool>,
}

/// A run as asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRequest {
    pub targets: Targets,
    /// The funnel to measure against; `None` uses the client's default.
    pub funnel: Option<String>,
    pub rendered: Option<RenderedChoice>,
    /// Pages checked at the same time across all sites; `None` adapts to the number of sites.
    pub concurrency: Option<usize>,
    /// Minimum time between two requests to one site; `None` for the engine's default.
    pub interval: Option<Duration>,
    /// Longest wait for one fetch; `None` for the engine's default.
    pub timeout: Option<Duration>,
}

impl RunRequest {
    pub fn new(targets: Targets) -> RunRequest {
        RunRequest {
            targets,
            funnel: None,
            rendered: None,
            concurrency: None,
            interval: None,
            timeout: None,
        }
    }
}

/// A run ready to begin.
pub struct PreparedRun {
    /// The client it is saved under, when saved.
    pub client_id: Option<i64>,
    /// Valid, normalised, unique URLs, in order.
    pub urls: Vec<String>,
    /// Parts of the input that are not URLs, with the reason.
    pub skipped: Vec<InvalidTarget>,
    pub options: RunOptions,
    pub(crate) fetcher: Fetcher,
}

impl PreparedRun {
    /// Pages the run sets out to check.
    pub fn total(&self) -> u32 {
        self.urls.len() as u32
    }

    /// What these checks cannot prove, as the report will say.
    pub fn limits(&self) -> Vec<String> {
        preflight_audit::run::limits_for(&self.options)
    }
}

/// Prepares a run. With a `store`, the client is found (or created, by name) and the funnel
/// chosen is remembered as its default, or its default is used; without one nothing is saved
/// and a client's pages cannot be listed.
pub fn prepare_run(
    store: Option<&Store>,
    request: RunRequest,
) -> Result<PreparedRun, SessionError> {
    if let Some(why) = preflight_readiness::funnel::unknown_funnel(request.funnel.as_deref()) {
        return Err(SessionError::UnknownFunnel(why));
    }
    check_settings(&request)?;
    let (client_id, urls, skipped) = match request.targets {
        Targets::Text { text, client } => {
            let parsed = preflight_audit::parse_targets(&text);
            if parsed.urls.is_empty() {
                return Err(SessionError::NoValidUrl {
                    skipped: parsed.invalid,
                });
            }
            let client_id = match (store, client) {
                (Some(store), Some(name)) => Some(store.find_or_create_client(&name)?.id),
                _ => None,
            };
            (client_id, parsed.urls, parsed.invalid)
        }
        Targets::ClientPages { client_id } => {
            let store = store.ok_or(SessionError::NoPages)?;
            store.client(client_id)?;
            let urls: Vec<String> = store
                .list_pages(client_id)?
                .into_iter()
                .map(|p| p.url)
                .collect();
            if urls.is_empty() {
                return Err(SessionError::NoPages);
            }
            (Some(client_id), urls, Vec::new())
        }
    };
    let funnel = match (store, client_id) {
        (Some(store), Some(client_id)) => match request.funnel {
            Some(chosen) => {
                store.set_client_funnel(client_id, Some(&chosen))?;
                Some(chosen)
            }
            None => store.client_funnel(client_id)?,
        },
        _ => request.funnel,
    };
    let rendered = match request.rendered {
        Some(choice) => {
            let allow_unsandboxed = match (choice.allow_unsandboxed, store) {
                (Some(allowed), _) => allowed,
                (None, Some(store)) => settings::unsandboxed_browser_allowed(store)?,
                (None, None) => false,
            };
            let mut rendered = RenderedOptions::default();
            rendered.capture.browser = choice.browser;
            rendered.capture.allow_unsandboxed_browser = allow_unsandboxed;
            Some(rendered)
        }
        None => None,
    };
    let defaults = RunOptions::default();
    let options = RunOptions {
        concurrency: request.concurrency.or(defaults.concurrency),
        min_interval: request.interval.unwrap_or(defaults.min_interval),
        funnel,
        rendered,
        ..defaults
    };
    let fetch = FetchOptions {
        timeout: request
            .timeout
            .unwrap_or_else(|| FetchOptions::default().timeout),
        ..FetchOptions::default()
    };
    let fetcher = Fetcher::new(fetch).map_err(SessionError::Internal)?;
    Ok(PreparedRun {
        client_id,
        urls,
        skipped,
        options,
        fetcher,
    })
}

/// The run settings a person chose, against the bounds the engine accepts.
fn check_settings(request: &RunRequest) -> Result<(), SessionError> {
    use preflight_audit::run::{CONCURRENCY_LIMITS, INTERVAL_LIMITS_MS, TIMEOUT_LIMITS_SECS};
    let outside = |what: &str, value: u128, low: u128, high: u128, unit: &str| {
        (!(low..=high).contains(&value)).then(|| {
            SessionError::InvalidSetting(format!(
                "{what} must be between {low} and {high}{unit}; {value}{unit} was given."
            ))
        })
    };
    let checks = [
        request.concurrency.and_then(|n| {
            let (low, high) = (*CONCURRENCY_LIMITS.start(), *CONCURRENCY_LIMITS.end());
            outside(
                "Pages checked at the same time",
                n as u128,
                low as u128,
                high as u128,
                "",
            )
        }),
        request.interval.and_then(|d| {
            let (low, high) = (*INTERVAL_LIMITS_MS.start(), *INTERVAL_LIMITS_MS.end());
            outside(
                "The time between two requests to one site",
                d.as_millis(),
                low.into(),
                high.into(),
                " ms",
            )
        }),
        request.timeout.and_then(|d| {
            let (low, high) = (*TIMEOUT_LIMITS_SECS.start(), *TIMEOUT_LIMITS_SECS.end());
            outside(
                "The time allowed for each fetch",
                d.as_secs().into(),
                low.into(),
                high.into(),
                " s",
            )
        }),
    ];
    match checks.into_iter().flatten().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}
