//! UTM hygiene in the window: URL lists from pasted text, an ads-manager CSV or a sitemap; the
//! checks (optionally following redirects); and the template builder.

use crate::error::{AppError, AppResult};
use preflight_audit::utm_redirects::add_redirect_findings;
use preflight_audit::{FetchOptions, Fetcher};
use preflight_utm::{
    ColumnChoice, CsvImport, CsvOptions, InputIssue, Sitemap, SitemapKind, TemplateOutput, UrlList,
    UtmReport, UtmScheme,
};
use tauri::ipc::{InvokeBody, Request};

/// Child sitemaps read from one sitemap index at most; large sites split into many files, but
/// a landing-page check needs only a sample.
const MAX_CHILD_SITEMAPS: usize = 50;
/// The sitemap protocol's own limit.
const MAX_SITEMAP_BYTES: usize = 50 * 1024 * 1024;

#[tauri::command]
pub fn parse_utm_list(text: String) -> UrlList {
    preflight_utm::parse_url_lines(&text)
}

/// Runs every per-URL and campaign-set check; with `follow_redirects`, each URL is also
/// requested as a visitor to see whether its parameters survive.
#[tauri::command]
pub async fn check_utm(urls: Vec<String>, follow_redirects: bool) -> AppResult<UtmReport> {
    if urls.is_empty() {
        return Err(AppError::new(
            "invalid_input",
            "Paste or import at least one URL to check.",
        ));
    }
    let mut report = preflight_utm::check_urls(&urls);
    if follow_redirects {
        let fetcher =
            Fetcher::new(FetchOptions::default()).map_err(|e| AppError::new("internal", e))?;
        add_redirect_findings(&fetcher, &mut report).await;
    }
    Ok(report)
}

/// Reads an ads-manager CSV sent as the raw request body. The header `x-column` (a zero-based
/// index or a header name, percent-encoded) confirms the destination-URL column.
#[tauri::command]
pub fn import_utm_csv(request: Request<'_>) -> AppResult<CsvImport> {
    let bytes = raw_body(&request)?;
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
    preflight_utm::import_csv(bytes, &CsvOptions { column })
        .map_err(|e| AppError::new("invalid_csv", format!("The CSV could not be read: {e}")))
}

/// Reads a sitemap file (XML or gzip) sent as the raw request body.
#[tauri::command]
pub fn import_sitemap_file(request: Request<'_>) -> AppResult<Sitemap> {
    preflight_utm::parse_sitemap(raw_body(&request)?).map_err(sitemap_error)
}

/// Downloads a sitemap; for a sitemap index, reads its child sitemaps (up to a limit) and
/// returns their page URLs together.
#[tauri::command]
pub async fn import_sitemap_url(url: String) -> AppResult<Sitemap> {
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .map_err(|e| AppError::new("internal", e.to_string()))?;
    let top =
        preflight_utm::parse_sitemap(&download(&client, &url).await?).map_err(sitemap_error)?;
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
        let parsed = match download(&client, child).await {
            Ok(bytes) => preflight_utm::parse_sitemap(&bytes).map_err(sitemap_error),
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

/// Tags every base URL with one consistent scheme.
#[tauri::command]
pub fn utm_template(bases: Vec<String>, scheme: UtmScheme) -> TemplateOutput {
    preflight_utm::generate(&bases, &scheme)
}

/// The scheme recommended for a ChatGPT campaign of this name.
#[tauri::command]
pub fn recommended_utm_scheme(campaign: String) -> UtmScheme {
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
        AppError::new(
            "download_failed",
            format!("The sitemap {url} could not be downloaded: {e}."),
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
