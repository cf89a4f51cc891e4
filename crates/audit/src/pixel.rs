//! The OpenAI Ads pixel on each page: the gatherer reads the page as the desktop browser got it
//! and fetches its own (same-origin) scripts, politely and within caps; the pure check hands
//! them to `preflight_pixel::scan` and keeps its findings and a compact summary. Script bodies
//! and the page's HTML are never stored in the report.

use crate::artifacts::FetchArtifact;
use crate::fetch::Fetcher;
use crate::page_text;
use crate::Agent;
use preflight_markup::clip;
use preflight_model::{Area, Finding, Status};
use preflight_pixel::{PixelReport, ScriptSource};
use std::time::Duration;
use tokio::time::Instant;

pub use preflight_document::pixel::*;

/// Same-origin scripts fetched at most per page; the rest are listed as not read.
pub const MAX_SCRIPTS_PER_PAGE: usize = 20;
/// Script bytes read at most per page, all scripts together.
pub const MAX_SCRIPT_BYTES_PER_PAGE: usize = 16 * 1024 * 1024;
/// Time for all of a page's scripts together: no script fetch runs past it, so one page cannot
/// hold a run for minutes.
pub const SCRIPTS_TIME_BUDGET: Duration = Duration::from_secs(15);
/// Events listed at most in a page's summary.
const MAX_EVENTS: usize = 50;
/// Pixel ids listed at most per page.
const MAX_PIXEL_IDS: usize = 20;

/// What the pixel scan reads, gathered with the page and handed to [`crate::run::score_page`].
/// It is not part of the report: re-scoring a stored audit has no page source and keeps no
/// pixel result.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageSource {
    /// The desktop browser's final URL (after redirects), the base for relative addresses.
    pub page_url: String,
    /// The browser fetch's whole decoded body, as far as it was read.
    pub html: String,
    /// The body read as HTML (scripts, handlers, tags), from the fetch's single parse.
    pub page: preflight_pixel::PageHtml,
    /// The body was longer than the fetch's size cap and was cut.
    pub html_truncated: bool,
    /// The same-origin scripts read, in page order.
    pub scripts: Vec<ScriptSource>,
    /// Same-origin scripts that were requested or listed but not read.
    pub skipped: Vec<SkippedScript>,
    /// Same-origin scripts never requested because of the per-page caps or a paused host.
    pub not_requested: u32,
    /// The page run in a real browser, when the run asked for it.
    pub rendered: RenderedInput,
}

/// What the rendered check (the page run in a headless browser) brought back for one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum RenderedInput {
    /// The run did not ask for it.
    #[default]
    NotRequested,
    /// Asked for, but not attempted; the reason is for people.
    NotRun(String),
    Captured(Box<preflight_capture::Capture>),
    Failed {
        code: String,
        message: String,
    },
}

/// Reads the page's same-origin scripts for the pixel scan. Returns `None` when the browser did
/// not get an HTML page (nothing to scan). Every request goes through `fetcher`, so the run's
/// per-host pacing applies; `paused` tells when the host has been paused, after which nothing
/// more is requested.
pub async fn gather(
    fetcher: &Fetcher,
    browser: &FetchArtifact,
    html: String,
    page: Option<preflight_pixel::PageHtml>,
    paused: impl Fn() -> bool,
) -> Option<PageSource> {
    if browser.agent != Agent::Browser
        || !browser.is_success()
        || !page_text::looks_like_html(browser.content_type.as_deref(), &html)
    {
        return None;
    }
    let page_url = browser
        .final_url
        .clone()
        .unwrap_or_else(|| browser.requested_url.clone());
    let page = page?;
    let urls = page.same_origin_script_urls(&page_url);
    let mut source = PageSource {
        page_url,
        html,
        page,
        html_truncated: browser.body_truncated,
        ..PageSource::default()
    };
    let started = Instant::now();
    let mut bytes_left = MAX_SCRIPT_BYTES_PER_PAGE;
    for (i, url) in urls.iter().enumerate() {
        if i >= MAX_SCRIPTS_PER_PAGE
            || bytes_left == 0
            || started.elapsed() >= SCRIPTS_TIME_BUDGET
            || paused()
        {
            source.not_requested = (urls.len() - i) as u32;
            break;
        }
        let cap = preflight_pixel::MAX_SCRIPT_BYTES.min(bytes_left);
        let time_left = SCRIPTS_TIME_BUDGET.saturating_sub(started.elapsed());
        let (fetch, text) = fetcher.fetch_script(url, cap, time_left).await;
        if fetch.hops.is_empty() && paused() {
            source.not_requested = (urls.len() - i) as u32;
            break;
        }
        bytes_left = bytes_left.saturating_sub(fetch.body_bytes as usize);
        let skip = |reason: String, too_large: bool| SkippedScript {
            url: url.clone(),
            reason,
            too_large,
        };
        if let Some(error) = &fetch.error {
            source.skipped.push(skip(error.message.clone(), false));
        } else if !fetch.is_success() {
            let status = fetch
                .status
                .map_or("no answer".into(), |s| format!("HTTP {s}"));
            source.skipped.push(skip(status, false));
        } else if fetch.body_truncated {
            let reason = if cap < preflight_pixel::MAX_SCRIPT_BYTES {
                format!(
                    "not read: the page's scripts are over {} MB together",
                    MAX_SCRIPT_BYTES_PER_PAGE / 1_048_576
                )
            } else {
                format!(
                    "larger than {} MB",
                    preflight_pixel::MAX_SCRIPT_BYTES / 1_048_576
                )
            };
            source.skipped.push(skip(reason, true));
        } else if fetch
            .content_type
            .as_deref()
            .is_some_and(|ct| ct.to_ascii_lowercase().contains("html"))
        {
            source.skipped.push(skip(
                "the address answered with a web page, not a script".into(),
                false,
            ));
        } else {
            source.scripts.push(ScriptSource {
                url: fetch.final_url.clone().unwrap_or_else(|| url.clone()),
                text: text.to_string(),
            });
        }
    }
    Some(source)
}

/// Scans the page source, then adds what the rendered check recorded (when it ran). Pure: the
/// same source always gives the same summary and findings.
pub fn check(source: &PageSource, headers: &[(String, String)]) -> (PixelSummary, Vec<Finding>) {
    let mut report = preflight_pixel::scan_read(
        &source.page_url,
        &source.page,
        &source.html,
        headers,
        &source.scripts,
    );
    let mut rendered_failure = None;
    let rendered = match &source.rendered {
        RenderedInput::NotRequested => RenderedCheck::NotRequested,
        RenderedInput::NotRun(reason) => RenderedCheck::NotRun {
            reason: reason.clone(),
        },
        RenderedInput::Failed { code, message } => {
            rendered_failure = Some(rendered_failed_finding(code, message));
            RenderedCheck::Failed {
                code: code.clone(),
                message: message.clone(),
            }
        }
        RenderedInput::Captured(capture) => {
            report = preflight_pixel::merge_rendered(report, &capture.calls);
            RenderedCheck::Ran {
                browser_version: clip(&capture.browser_version, NAME_CHARS),
                calls: capture.calls.len() as u32,
                pixel_requests: capture.pixel_requests.len() as u32,
                timed_out: capture.timed_out,
                console_errors: capture.console_errors.len() as u32,
                final_url: clip(&capture.final_url, URL_CHARS),
            }
        }
    };
    let mut findings = report.findings.clone();
    if rendered.ran() {
        confirm_absence_in_browser(&mut findings, &rendered);
    }
    findings.extend(rendered_failure);
    for script in source.skipped.iter().filter(|s| s.too_large) {
        findings.push(
            Finding::new(
                preflight_pixel::ids::SCRIPT_NOT_EXAMINED,
                Area::Pixel,
                Status::Info,
                "A script of this page was too large to check for the pixel",
            )
            .detail("Pixel calls inside this script were not looked for, so an event it sends is not counted here.")
            .evidence("Script", script.url.clone())
            .evidence("Why", script.reason.clone())
            .remedy("Nothing to fix on the site. Run a rendered check (the page in a browser) to see the pixel calls this script makes."),
        );
    }
    let mut summary = summarise(&report, source);
    summary.rendered = rendered;
    (summary, findings)
}

fn rendered_failed_finding(code: &str, message: &str) -> Finding {
    Finding::new(
        preflight_pixel::ids::RENDERED_CHECK_FAILED,
        Area::Pixel,
        Status::Info,
        "The page could not be run in a browser",
    )
    .detail("The rendered check (the page run in a real browser, recording every pixel call) did not work for this page, so only the static scan's result is shown. Events a tag manager adds at run time are not counted.")
    .evidence("Error", format!("{message} ({code})"))
    .remedy("Install Chrome or Chromium (or set PREFLIGHT_CHROME to the browser's path), check the page opens in a browser, then audit again.")
}

/// When the page ran in a browser and still made no pixel call, a tag manager is no longer a
/// reason to doubt "no pixel": it had its chance to add one.
fn confirm_absence_in_browser(findings: &mut [Finding], rendered: &RenderedCheck) {
    let RenderedCheck::Ran {
        browser_version,
        timed_out,
        ..
    } = rendered
    else {
        return;
    };
    for f in findings
        .iter_mut()
        .filter(|f| f.id == preflight_pixel::ids::NOT_FOUND)
    {
        f.status = Status::Fail;
        f.severity = Status::Fail.severity();
        f.confidence = if *timed_out {
            preflight_model::Confidence::Medium
        } else {
            preflight_model::Confidence::High
        };
        f.evidence.push(preflight_model::Evidence {
            label: "Rendered check".into(),
            value: format!(
                "The page ran in {browser_version}{}, tag managers included, and made no OpenAI pixel call.",
                if *timed_out { " until the time limit" } else { "" }
            ),
            location: None,
        });
    }
}

fn summarise(report: &PixelReport, source: &PageSource) -> PixelSummary {
    let standard = preflight_pixel::standard_events();
    let mut methods = Vec::new();
    if report.snippet_found {
        methods.push(PixelInstall::Snippet);
    }
    let sdk_tag = report
        .sdk_urls
        .iter()
        .any(|s| s.official && s.location.source == "page HTML");
    let sdk_in_code = report.sdk_urls.iter().any(|s| s.official) && !report.snippet_found;
    if sdk_tag || sdk_in_code {
        methods.push(PixelInstall::SdkScript);
    }
    if report.events.iter().any(|e| e.via == "image_tag") {
        methods.push(PixelInstall::ImageTag);
    }
    let tag_managers: Vec<String> = report
        .tag_managers
        .iter()
        .filter(|t| t.kind == "tag-manager" || t.kind == "cdp")
        .map(|t| match &t.id {
            Some(id) => clip(&format!("{} ({id})", t.name), NAME_CHARS),
            None => clip(&t.name, NAME_CHARS),
        })
        .fold(Vec::new(), |mut all, name| {
            if !all.contains(&name) {
                all.push(name);
            }
            all
        });
    if methods.is_empty() && report.calls.is_empty() && !tag_managers.is_empty() {
        methods.push(PixelInstall::TagManager);
    }

    let mut standard_events: Vec<String> = Vec::new();
    for event in report.events.iter().filter(|e| e.firing.may_fire()) {
        if standard.contains(&event.name) && !standard_events.contains(&event.name) {
            standard_events.push(event.name.clone());
        }
    }
    let events = report
        .events
        .iter()
        .take(MAX_EVENTS)
        .map(|e| PixelEventSeen::from_found(e, &standard))
        .collect();
    let vendor_events = report
        .vendor_events
        .iter()
        .take(MAX_EVENTS)
        .map(|v| VendorEventSeen {
            platform: v.platform.clone(),
            name: clip(&v.name, NAME_CHARS),
            openai_present: v
                .openai_equivalent
                .as_ref()
                .is_some_and(|eq| report.events.iter().any(|e| &e.name == eq)),
            openai_equivalent: v.openai_equivalent.clone(),
            text: shorten(&v.text, 200),
            location: clip(&v.location.to_string(), URL_CHARS),
        })
        .collect();

    let general = preflight_pixel::static_limits();
    let mut limits: Vec<String> = Vec::new();
    if source.html_truncated {
        limits.push("The page is larger than the size the audit reads; pixel code after the part read was not seen.".into());
    }
    if !source.skipped.is_empty() {
        limits.push(format!(
            "{} of the page's own scripts could not be read (see the skipped scripts); pixel calls inside them are not seen.",
            source.skipped.len()
        ));
    }
    if source.not_requested > 0 {
        limits.push(format!(
            "{} more of the page's own scripts were not requested: the audit reads at most {MAX_SCRIPTS_PER_PAGE} scripts ({} MB, {} seconds) per page.",
            source.not_requested,
            MAX_SCRIPT_BYTES_PER_PAGE / 1_048_576,
            SCRIPTS_TIME_BUDGET.as_secs()
        ));
    }
    for line in &report.limits {
        if !general.contains(line) && !limits.contains(line) {
            limits.push(line.clone());
        }
    }

    PixelSummary {
        installed: report.installed,
        methods,
        pixel_ids: report
            .pixel_ids
            .iter()
            .take(MAX_PIXEL_IDS)
            .map(|id| clip(id, NAME_CHARS))
            .collect(),
        standard_events,
        events,
        tag_managers,
        scripts_examined: source.scripts.len() as u32,
        scripts_skipped: source
            .skipped
            .iter()
            .map(|s| SkippedScript {
                url: clip(&s.url, URL_CHARS),
                reason: clip(&s.reason, URL_CHARS),
                too_large: s.too_large,
            })
            .collect(),
        limits,
        vendor_events,
        rendered: RenderedCheck::NotRequested,
        funnel: None,
    }
}

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}
