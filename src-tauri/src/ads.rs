//! A client's ad account in the window: connect a read-only Ads API key (kept in the system
//! keychain, checked with OpenAI first), import the ads as the client's pages, forget the key,
//! and "What OpenAI saw" of an audit. The key travels from the settings form straight to the
//! keychain and is never sent back to the window.

use crate::error::AppResult;
use crate::worker::{with_reader, with_state};
use preflight_ads::AdDestination;
use preflight_report::WhatOpenAiSaw;
use preflight_session::ads_import::{
    self, base_url, check_key, keep_ads, read_ads, AdsApiAddress, AdsConnection, CheckedAccount,
};
use preflight_store::AdImportCounts;
use tauri::AppHandle;

#[tauri::command]
pub async fn ads_connection(app: AppHandle, client_id: i64) -> AppResult<AdsConnection> {
    with_reader(&app, move |store| {
        Ok(ads_import::connection(store, client_id)?)
    })
    .await
}

/// Checks `key` with OpenAI, then keeps it for the client; a key OpenAI refuses is not kept.
#[tauri::command]
pub async fn connect_ads(app: AppHandle, client_id: i64, key: String) -> AppResult<CheckedAccount> {
    let base = with_reader(&app, move |store| {
        store.client(client_id)?;
        Ok(base_url(store)?)
    })
    .await?;
    let account = check_key(key.trim(), &base).await?;
    with_reader(&app, move |store| {
        ads_import::save_key(store, client_id, &key)?;
        Ok(())
    })
    .await?;
    Ok(account)
}

#[tauri::command]
pub async fn disconnect_ads(app: AppHandle, client_id: i64) -> AppResult<bool> {
    with_reader(&app, move |store| {
        Ok(ads_import::remove_key(store, client_id)?)
    })
    .await
}

/// Reads every ad of the client's account and keeps it; nothing changes when reading fails.
#[tauri::command]
pub async fn import_ads(app: AppHandle, client_id: i64) -> AppResult<AdImportCounts> {
    let (key, base) = with_reader(&app, move |store| {
        Ok((ads_import::kept_key(store, client_id)?, base_url(store)?))
    })
    .await?;
    let ads = read_ads(&key, &base).await?;
    with_state(&app, move |state| {
        Ok(keep_ads(&*state.store()?, client_id, &ads)?)
    })
    .await
}

#[tauri::command]
pub async fn ads_api_address(app: AppHandle) -> AppResult<AdsApiAddress> {
    with_reader(&app, move |store| Ok(ads_import::api_address(store)?)).await
}

/// Sets the Ads API's address (empty: OpenAI's).
#[tauri::command]
pub async fn set_ads_api_address(app: AppHandle, address: String) -> AppResult<AdsApiAddress> {
    with_state(&app, move |state| {
        Ok(ads_import::set_api_address(&*state.store()?, &address)?)
    })
    .await
}

/// The client's ads from the last import.
#[tauri::command]
pub async fn list_ads(app: AppHandle, client_id: i64) -> AppResult<Vec<AdDestination>> {
    with_reader(&app, move |store| {
        Ok(ads_import::saved_ads(store, client_id)?)
    })
    .await
}

#[tauri::command]
pub async fn what_openai_saw(app: AppHandle, audit_id: i64) -> AppResult<Option<WhatOpenAiSaw>> {
    with_reader(&app, move |store| {
        Ok(preflight_session::ground_truth::what_openai_saw(
            store, audit_id,
        )?)
    })
    .await
}
