//! A client's pages from a sitemap or an ads-manager export: the session's preview (new pages,
//! pages the client has, repeats, unusable entries) and then the pages the user confirmed.

use crate::error::{AppError, AppResult};
use crate::worker::with_state;
use preflight_session::page_import::{
    add_previewed_pages, preview_export, preview_for_client, walk_sitemaps, PagesPreview,
    SitemapStart,
};
use preflight_store::AddedPages;
use preflight_utm::ColumnChoice;
use tauri::ipc::{InvokeBody, Request};
use tauri::AppHandle;

/// Downloads a sitemap (and the sitemaps an index lists) and previews its pages for a client.
#[tauri::command]
pub async fn preview_sitemap_pages(
    app: AppHandle,
    client_id: i64,
    url: String,
) -> AppResult<PagesPreview> {
    let entries = walk_sitemaps(SitemapStart::Url(url.clone())).await?;
    with_state(&app, move |state| {
        Ok(preview_for_client(
            &*state.store()?,
            client_id,
            url.trim(),
            entries,
        )?)
    })
    .await
}

/// Reads a sitemap file sent as the raw request body (headers `x-client-id`, `x-name`) and
/// previews its pages; an index's sitemaps are downloaded.
#[tauri::command]
pub async fn preview_sitemap_file_pages(
    app: AppHandle,
    request: Request<'_>,
) -> AppResult<PagesPreview> {
    let client_id = client_id(&request)?;
    let name = header(&request, "x-name").unwrap_or_else(|| "The file".into());
    let bytes = raw_body(&request)?.to_vec();
    let entries = walk_sitemaps(SitemapStart::File {
        name: name.clone(),
        bytes,
    })
    .await?;
    with_state(&app, move |state| {
        Ok(preview_for_client(
            &*state.store()?,
            client_id,
            &name,
            entries,
        )?)
    })
    .await
}

/// Reads an ads-manager export sent as the raw request body (headers `x-client-id`, `x-name`,
/// and `x-column`: a zero-based index or a header name the user chose) and previews its pages.
#[tauri::command]
pub async fn preview_export_pages(app: AppHandle, request: Request<'_>) -> AppResult<PagesPreview> {
    let client_id = client_id(&request)?;
    let name = header(&request, "x-name").unwrap_or_else(|| "The file".into());
    let column = header(&request, "x-column")
        .filter(|c| !c.is_empty())
        .map(|c| match c.parse::<u32>() {
            Ok(index) => ColumnChoice::Index(index),
            Err(_) => ColumnChoice::Header(c),
        });
    let bytes = raw_body(&request)?.to_vec();
    with_state(&app, move |state| {
        Ok(preview_export(
            &*state.store()?,
            client_id,
            &name,
            &bytes,
            column,
        )?)
    })
    .await
}

/// Saves the pages a preview listed.
#[tauri::command]
pub async fn add_previewed_page_urls(
    app: AppHandle,
    client_id: i64,
    urls: Vec<String>,
) -> AppResult<AddedPages> {
    with_state(&app, move |state| {
        Ok(add_previewed_pages(&mut *state.store()?, client_id, &urls)?)
    })
    .await
}

fn client_id(request: &Request<'_>) -> AppResult<i64> {
    header(request, "x-client-id")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| AppError::new("invalid_input", "The client was not named."))
}

/// A percent-encoded header's value.
fn header(request: &Request<'_>, name: &str) -> Option<String> {
    let value = request.headers().get(name)?.to_str().ok()?;
    url::form_urlencoded::parse(format!("v={value}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
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
