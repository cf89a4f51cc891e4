//! UTM hygiene in the window: URL lists from pasted text, an ads-manager CSV or a sitemap; the
//! checks (optionally following redirects, with progress and cancel); and the template builder.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::worker::blocking;
use preflight_audit::utm_redirects;
use preflight_audit::{CancellationToken, FetchOptions, Fetcher};
use preflight_session::sitemap::{download_sitemap, read_sitemap};
use preflight_utm::{
    BatchEntry, ColumnChoice, CsvImport, CsvOptions, Sitemap, TemplateOutput, TrackingTemplates,
    UrlList, UtmReport, UtmScheme,
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
    /// The tracking templates the URLs were checked with (blank ones left out), so the answer
    /// can say which templates it reflects after the fields have changed.
    pub templates: TrackingTemplates,
}

#[tauri::command]
pub async fn parse_utm_list(text: String) -> AppResult<UrlList> {
    blocking(move || Ok(preflight_utm::parse_url_lines(&text))).await
}

/// Runs every per-URL and campaign-set check; with `follow_redirects`, each URL is also
/// requested as a visitor to see whether its parameters survive, with a `utm-progress` event
/// per URL. `cancel_utm_check` stops following; the URLs already followed are kept.
///
/// `templates` (optional; absent or all blank means none) are the tracking templates of the ad
/// account, campaign, ad group and ad: each URL then also gets the URL a click produces at
/// every level, and findings about the templates come with the findings about the set.
#[tauri::command]
pub async fn check_utm(
    app: AppHandle,
    urls: Vec<String>,
    follow_redirects: bool,
    templates: Option<TrackingTemplates>,
) -> AppResult<UtmCheck> {
    if urls.is_empty() {
        return Err(AppError::new(
            "invalid_input",
            "Paste or import at least one URL to check.",
        ));
    }
    let templates = used_templates(templates);
    let applied = templates.clone();
    let mut report = blocking(move || Ok(check_report(&urls, &applied))).await?;
    if !follow_redirects {
        return Ok(UtmCheck {
            report,
            redirects_followed: 0,
            cancelled: false,
            templates,
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
        templates,
    })
}

/// The templates as they apply: each level trimmed, a blank level left out.
fn used_templates(templates: Option<TrackingTemplates>) -> TrackingTemplates {
    let t = templates.unwrap_or_default();
    let keep = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    TrackingTemplates {
        ad_account: keep(t.ad_account),
        campaign: keep(t.campaign),
        ad_group: keep(t.ad_group),
        ad: keep(t.ad),
    }
}

/// Every URL checked with the templates applied (none: the plain check).
fn check_report(urls: &[String], templates: &TrackingTemplates) -> UtmReport {
    let entries: Vec<BatchEntry> = urls.iter().map(|u| BatchEntry::Url(u.clone())).collect();
    preflight_utm::check_batch(&entries, templates)
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
    blocking(move || Ok(read_sitemap(&bytes)?)).await
}

/// Downloads a sitemap; for a sitemap index, reads its child sitemaps (up to a limit) and
/// returns their page URLs together (the session's download, on the engine's guarded client).
#[tauri::command]
pub async fn import_sitemap_url(url: String) -> AppResult<Sitemap> {
    Ok(download_sitemap(&url).await?)
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

fn percent_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("c={text}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use preflight_utm::TemplateLevel;

    const URL: &str = "https://shop.example.com/spring?utm_source=chatgpt";

    #[test]
    fn no_templates_is_the_plain_check() {
        let urls = vec![URL.to_string()];
        let none = check_report(&urls, &used_templates(None));
        assert_eq!(none, preflight_utm::check_urls(&urls));
        assert!(none.urls[0].click_urls.is_none());
        let blank = used_templates(Some(TrackingTemplates {
            ad_account: Some("  ".into()),
            campaign: Some(String::new()),
            ad_group: None,
            ad: Some(" \n".into()),
        }));
        assert_eq!(blank, TrackingTemplates::default());
        assert_eq!(check_report(&urls, &blank), none);
    }

    #[test]
    fn templates_are_trimmed_and_give_a_click_url_per_level() {
        let templates = used_templates(Some(TrackingTemplates {
            ad_account: None,
            campaign: Some("  utm_medium=cpc&utm_campaign={campaign_id} ".into()),
            ad_group: Some(" ".into()),
            ad: Some("utm_content={ad_id}".into()),
        }));
        assert_eq!(
            templates.campaign.as_deref(),
            Some("utm_medium=cpc&utm_campaign={campaign_id}")
        );
        assert_eq!(templates.ad_group, None);
        let report = check_report(&[URL.to_string()], &templates);
        let clicks = report.urls[0].click_urls.as_ref().expect("click URLs");
        let levels: Vec<TemplateLevel> = clicks.iter().map(|c| c.level).collect();
        assert_eq!(levels, TemplateLevel::ALL.to_vec());
        let ad = clicks.last().expect("the ad level");
        assert!(ad.url.contains("utm_source=chatgpt"), "{}", ad.url);
        assert!(ad.url.contains("utm_campaign={campaign_id}"), "{}", ad.url);
        assert!(ad.url.contains("utm_content={ad_id}"), "{}", ad.url);
        assert!(report
            .set_findings
            .iter()
            .any(|f| f.id.starts_with("template-")));
    }
}
