//! UTM hygiene in the window: URL lists from pasted text, an ads-manager CSV or a sitemap; the
//! checks (optionally following redirects, with progress and cancel); and the template builder.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::worker::blocking;
use preflight_audit::network::{guarded_client, is_refusal, GivenHosts};
use preflight_audit::utm_redirects;
use preflight_audit::{CancellationToken, FetchOptions, Fetcher};
use preflight_utm::{
    ColumnChoice, CsvImport, CsvOptions, InputIssue, Sitemap, SitemapKind, TemplateOutput, UrlList,
    UtmReport, UtmScheme,
};
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Emitter, Manager, State};
use ts_rs::TS;

/// The event name the window listens to while redirects are followed.
pub const UTM_PROGRESS_EVENT: &str = "utm-progress";

/// Where a redirect check has got to.
#[derive(Debug, Clone, Serialize, TS)]
pub struct UtmProgress {
    /// URLs followed so far.
    pub done: u32,
    pub total: u32,
    /// The URL being requested now; absent once the check has ended.
    pub url: Option<String>,
}

/// A UTM check's answer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct UtmCheck {
    pub report: UtmReport,
    /// URLs whose redirects were followed (the first ones of `report.urls`); 0 when redirects
    /// were not followed.
    pub redirects_followed: u32,
    /// The user cancelled while redirects were followed: the other URLs have only the checks
    /// made without requesting them.
    pub cancelled: bool,
}

/// Child sitemaps read from one sitemap index at most; large sites split into many files, but
/// a landing-page check needs only a sample.
const MAX_CHILD_SITEMAPS: usize = 50;
/// The sitemap protocol's own limit.
const MAX_SITEMAP_BYTES: usize = 50 * 1024 * 1024;

#[tauri::command]
pub async fn parse_utm_list(text: String) -> AppResult<UrlList> {
    blocking(move || Ok(preflight_utm::parse_url_lines(&text))).await
}

/// Runs every per-URL and campaign-set check; with `follow_redirects`, each URL is also
/// requested as a visitor to see whether its parameters survive, with a `utm-progress` event
/// per URL. `cancel_utm_check` stops following; the URLs already followed are kept.
#[tauri::command]
pub async fn check_utm(
    app: AppHandle,
    urls: Vec<String>,
    follow_redirects: bool,
) -> AppResult<UtmCheck> {
    if urls.is_empty() {
        return Err(AppError::new(
            "invalid_input",
            "Paste or import at least one URL to check.",
        ));
    }
    let mut report = blocking(move || Ok(preflight_utm::check_urls(&urls))).await?;
    if !follow_redirects {
        return Ok(UtmCheck {
            report,
            redirects_followed: 0,
            cancelled: false,
        });
    }
    let fetcher =
        Fetcher::new(FetchOptions::default()).map_err(|e| AppError::new("internal", e))?;
    let slot = CheckSlot::take(app.clone());
    let followed = utm_redirects::follow_redirects(&fetcher, &mut report, &slot.cancel, |p| {
        // A check replaced by a newer one goes quiet at once.
        if !slot.cancel.is_cancelled() {
            let _ = app.emit(
                UTM_PROGRESS_EVENT,
                UtmProgress {
                    done: p.done as u32,
                    total: p.total as u32,
                    url: p.url.map(str::to_string),
                },
            );
        }
    })
    .await;
    Ok(UtmCheck {
        report,
        redirects_followed: followed.followed as u32,
        cancelled: followed.cancelled,
    })
}

/// Stops following redirects for the check in progress, if any.
#[tauri::command]
pub async fn cancel_utm_check(state: State<'_, AppState>) -> AppResult<()> {
    if let Some((_, cancel)) = state.utm_check().as_ref() {
        cancel.cancel();
    }
    Ok(())
}

/// The one redirect check that may be cancelled, for as long as it runs. A newer check
/// replaces (and cancels) an older one.
struct CheckSlot {
    app: AppHandle,
    id: u64,
    cancel: CancellationToken,
}

impl CheckSlot {
    fn take(app: AppHandle) -> CheckSlot {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        let cancel = CancellationToken::new();
        let previous = app
            .state::<AppState>()
            .utm_check()
            .replace((id, cancel.clone()));
        if let Some((_, older)) = previous {
            older.cancel();
        }
        CheckSlot { app, id, cancel }
    }
}

impl Drop for CheckSlot {
    fn drop(&mut self) {
        let state = self.app.state::<AppState>();
        let mut slot = state.utm_check();
        if slot.as_ref().is_some_and(|(id, _)| *id == self.id) {
            *slot = None;
        }
    }
}

/// Reads an ads-manager CSV sent as the raw request body. The header `x-column` (a zero-based
/// index or a header name, percent-encoded) confirms the destination-URL column.
#[tauri::command]
pub async fn import_utm_csv(request: Request<'_>) -> AppResult<CsvImport> {
    let bytes = raw_body(&request)?.to_vec();
    let column = request
        .headers()
        .get("x-column")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .filter(|c| !c.is_empty())
        .map(|c| match c.parse::<u32>() {
            Ok(index) => ColumnChoice::Index(index),
            Err(_) => ColumnChoice::Header(c),
        });
    blocking(move || {
        preflight_utm::import_csv(&bytes, &CsvOptions { column })
            .map_err(|e| AppError::new("invalid_csv", format!("The CSV could not be read: {e}")))
    })
    .await
}

/// Reads a sitemap file (XML or gzip) sent as the raw request body. A sitemap index is
/// returned as it is: the window offers to download the sitemaps it lists.
#[tauri::command]
pub async fn import_sitemap_file(request: Request<'_>) -> AppResult<Sitemap> {
    let bytes = raw_body(&request)?.to_vec();
    blocking(move || preflight_utm::parse_sitemap(&bytes).map_err(sitemap_error)).await
}

/// Downloads a sitemap; for a sitemap index, reads its child sitemaps (up to a limit) and
/// returns their page URLs together.
#[tauri::command]
pub async fn import_sitemap_url(url: String) -> AppResult<Sitemap> {
    // The sitemap's own host is the user's choice; the sitemaps it lists and any redirect may
    // not lead into a private network.
    let given = GivenHosts::default();
    if let Ok(typed) = url::Url::parse(url.trim()) {
        given.allow(&typed);
    }
    let client = guarded_client(&given, std::time::Duration::from_secs(30))
        .map_err(|e| AppError::new("internal", e.to_string()))?;
    let top = parse_downloaded(download(&client, &url).await?).await?;
    if top.kind != SitemapKind::SitemapIndex {
        return Ok(top);
    }
    let mut merged = Sitemap {
        kind: SitemapKind::UrlSet,
        urls: Vec::new(),
        child_sitemaps: Vec::new(),
        issues: top.issues,
        issues_not_listed: top.issues_not_listed,
    };
    for child in top.child_sitemaps.iter().take(MAX_CHILD_SITEMAPS) {
        if let Some(why) = url::Url::parse(child).ok().and_then(|u| given.refusal(&u)) {
            merged
                .issues
                .push(InputIssue::new(0, child, format!("Not downloaded: {why}")));
            continue;
        }
        let parsed = match download(&client, child).await {
            Ok(bytes) => parse_downloaded(bytes).await,
            Err(e) => Err(e),
        };
        match parsed {
            Ok(sitemap) => merged.urls.extend(sitemap.urls),
            Err(e) => merged.issues.push(InputIssue::new(0, child, e.message)),
        }
    }
    if top.child_sitemaps.len() > MAX_CHILD_SITEMAPS {
        merged.issues.push(InputIssue::new(
            0,
            &url,
            format!(
                "The index lists {} sitemaps; the first {MAX_CHILD_SITEMAPS} were read.",
                top.child_sitemaps.len()
            ),
        ));
    }
    Ok(merged)
}

/// Parsing a large sitemap (up to 50 MB) is work for a blocking thread.
async fn parse_downloaded(bytes: Vec<u8>) -> AppResult<Sitemap> {
    blocking(move || preflight_utm::parse_sitemap(&bytes).map_err(sitemap_error)).await
}

/// Tags every base URL with one consistent scheme.
#[tauri::command]
pub async fn utm_template(bases: Vec<String>, scheme: UtmScheme) -> AppResult<TemplateOutput> {
    blocking(move || Ok(preflight_utm::generate(&bases, &scheme))).await
}

/// The scheme recommended for a ChatGPT campaign of this name.
#[tauri::command]
pub async fn recommended_utm_scheme(campaign: String) -> UtmScheme {
    UtmScheme::for_campaign(&campaign)
}

fn raw_body<'a>(request: &'a Request<'_>) -> AppResult<&'a [u8]> {
    match request.body() {
        InvokeBody::Raw(bytes) => Ok(bytes),
        InvokeBody::Json(_) => Err(AppError::new(
            "invalid_input",
            "The file was not sent as raw bytes.",
        )),
    }
}

async fn download(client: &reqwest::Client, url: &str) -> AppResult<Vec<u8>> {
    let parsed = url::Url::parse(url.trim()).map_err(|e| {
        AppError::new(
            "invalid_url",
            format!("\"{url}\" is not a web address: {e}."),
        )
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(AppError::new(
            "invalid_url",
            format!("\"{url}\" is not an http or https address."),
        ));
    }
    let failed = |e: reqwest::Error| {
        let why = if is_refusal(&e) {
            "it leads to a private network address (this computer or the office network), which is not requested unless you give that address yourself".to_string()
        } else {
            e.to_string()
        };
        AppError::new(
            "download_failed",
            format!("The sitemap {url} could not be downloaded: {why}."),
        )
    };
    let mut response = client.get(parsed).send().await.map_err(failed)?;
    if !response.status().is_success() {
        return Err(AppError::new(
            "download_failed",
            format!(
                "The sitemap {url} could not be downloaded: the server answered {}.",
                response.status()
            ),
        ));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(failed)? {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_SITEMAP_BYTES {
            return Err(AppError::new(
                "too_large",
                format!("The sitemap {url} is larger than 50 MB, the protocol's limit."),
            ));
        }
    }
    Ok(body)
}

fn sitemap_error(e: preflight_utm::SitemapError) -> AppError {
    AppError::new(
        "invalid_sitemap",
        format!("The sitemap could not be read: {e}."),
    )
}

fn percent_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("c={text}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}
