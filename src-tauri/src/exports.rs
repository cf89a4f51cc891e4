//! Exports and preferences: an audit to PDF, CSV or JSON, two audits compared, and the export
//! folder and white-label settings. Files are written atomically: a failed export leaves nothing.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::worker::{blocking, reader, with_reader, with_state};
use preflight_planner::Plan;
use preflight_report::{
    compare, findings_csv, page_grid_csv_of, render_pdf, render_plan_pdf, report_json_with,
    utm_csv, write_atomically, Comparison, ExportError, PdfOptions, PlanPdfOptions,
};
use preflight_session::exports::{
    audit_file_name, plan_file_name, read_logo, safe_file_name, tagged_urls_file_name,
    utm_check_file_name,
};
use preflight_session::today;
use preflight_store::Store;
use preflight_utm::{TemplateOutput, UtmReport};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tauri::AppHandle;
use ts_rs::TS;
// The agency name setting is shared with the alerts, which name the agency too.
use preflight_session::monitor::alerts::AGENCY_NAME;

pub mod comparison;

const EXPORT_DIR: &str = "export_dir";
const AGENCY_LOGO: &str = "agency_logo";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Pdf,
    Csv,
    Json,
}

impl ExportFormat {
    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// Preferences shown in Settings. Empty strings mean "not set".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportSettings {
    /// Where exports go unless the user picks a file; defaults to Documents/Preflight.
    pub export_dir: String,
    /// White-label: the agency named on PDF covers.
    pub agency_name: String,
    /// White-label: a PNG, JPEG or SVG logo file for PDF covers.
    pub agency_logo: String,
}

#[tauri::command]
pub async fn export_settings(app: AppHandle) -> AppResult<ExportSettings> {
    with_state(&app, |state| settings_in(&*state.store()?)).await
}

fn settings_in(store: &Store) -> AppResult<ExportSettings> {
    Ok(ExportSettings {
        export_dir: store
            .setting(EXPORT_DIR)?
            .unwrap_or_else(|| default_export_dir().display().to_string()),
        agency_name: store.setting(AGENCY_NAME)?.unwrap_or_default(),
        agency_logo: store.setting(AGENCY_LOGO)?.unwrap_or_default(),
    })
}

#[tauri::command]
pub async fn save_export_settings(
    app: AppHandle,
    settings: ExportSettings,
) -> AppResult<ExportSettings> {
    with_state(&app, move |state| {
        let logo = settings.agency_logo.trim();
        if !logo.is_empty() {
            read_logo(Path::new(logo))?;
        }
        let store = state.store()?;
        store.set_setting(EXPORT_DIR, settings.export_dir.trim())?;
        store.set_setting(AGENCY_NAME, settings.agency_name.trim())?;
        store.set_setting(AGENCY_LOGO, logo)?;
        settings_in(&store)
    })
    .await
}

/// Writes an audit as `format` to `path`, or to the export folder under a readable name.
/// A PDF can include the comparison with an older audit. Returns the file written.
#[tauri::command]
pub async fn export_audit(
    app: AppHandle,
    id: i64,
    format: ExportFormat,
    path: Option<String>,
    compare_with: Option<i64>,
) -> AppResult<String> {
    with_state(&app, move |state| {
        let store = reader(state)?;
        let report = preflight_session::load_audit(&store, id)?;
        let summary = store.audit_summary(id)?;
        let older = match compare_with {
            Some(older) => Some(preflight_session::load_audit(&store, older)?),
            None => None,
        };
        let settings = settings_in(&store)?;
        let seen = preflight_session::ground_truth::what_openai_saw(&store, id)?;
        let server_side = preflight_session::capi::server_side_section(&store, id)?;
        drop(store);
        let name = audit_file_name(
            summary.client_name.as_deref(),
            &report.started_at,
            id,
            format.extension(),
        );
        let path = target_path(path, &settings, &name);
        let bytes = match format {
            ExportFormat::Json => report_json_with(&report, seen.as_ref(), server_side.as_ref())
                .map_err(export_error)?,
            ExportFormat::Csv => findings_csv(&report).map_err(export_error)?,
            ExportFormat::Pdf => {
                let logo = match settings.agency_logo.trim() {
                    "" => None,
                    file => Some(read_logo(Path::new(file))?),
                };
                let options = PdfOptions {
                    client_name: summary.client_name.clone(),
                    agency_name: Some(settings.agency_name.clone()).filter(|n| !n.is_empty()),
                    agency_logo: logo,
                    comparison: older.map(|older| compare(&older, &report)),
                    what_openai_saw: seen,
                    server_side_conversions: server_side,
                };
                render_pdf(&report, &options).map_err(export_error)?
            }
        };
        write_export(&path, &settings, &bytes)
    })
    .await
}

/// The page grid as the user sees it: the pages at `urls`, in that order, under the grid's
/// column headings, as CSV to `path` or the export folder. Returns the file written.
#[tauri::command]
pub async fn export_page_grid(
    app: AppHandle,
    id: i64,
    urls: Vec<String>,
    path: Option<String>,
) -> AppResult<String> {
    with_state(&app, move |state| {
        let store = reader(state)?;
        let report = preflight_session::load_audit(&store, id)?;
        let summary = store.audit_summary(id)?;
        let settings = settings_in(&store)?;
        drop(store);
        let name = audit_file_name(
            summary.client_name.as_deref(),
            &report.started_at,
            id,
            "csv",
        );
        let name = format!("{} pages.csv", name.trim_end_matches(".csv"));
        let path = target_path(path, &settings, &name);
        let bytes = page_grid_csv_of(&preflight_readiness::grid::rows(&report), &urls)
            .map_err(export_error)?;
        write_export(&path, &settings, &bytes)
    })
    .await
}

/// The UTM check as CSV (problems, corrected URLs, GA4 channels).
#[tauri::command]
pub async fn export_utm_csv(
    app: AppHandle,
    report: UtmReport,
    path: Option<String>,
) -> AppResult<String> {
    with_state(&app, move |state| {
        let settings = settings_in(&*state.store()?)?;
        let path = target_path(path, &settings, &utm_check_file_name(&today()));
        write_export(&path, &settings, &utm_csv(&report).map_err(export_error)?)
    })
    .await
}

/// Tagged URLs as a CSV ready for the ads manager.
#[tauri::command]
pub async fn export_utm_template(
    app: AppHandle,
    output: TemplateOutput,
    path: Option<String>,
) -> AppResult<String> {
    with_state(&app, move |state| {
        let settings = settings_in(&*state.store()?)?;
        let name = tagged_urls_file_name(&output.scheme.campaign, &today());
        let path = target_path(path, &settings, &name);
        write_export(&path, &settings, preflight_utm::to_csv(&output).as_bytes())
    })
    .await
}

/// A plan as a PDF for stakeholders, computed afresh from the plan so it matches the model.
#[tauri::command]
pub async fn export_plan_pdf(
    app: AppHandle,
    client_id: Option<i64>,
    scenario_name: String,
    plan: Plan,
    path: Option<String>,
) -> AppResult<String> {
    let (client_name, settings) = with_state(&app, move |state: &AppState| {
        let store = state.store()?;
        let client_name = match client_id {
            Some(id) => Some(store.client(id)?.name),
            None => None,
        };
        Ok((client_name, settings_in(&store)?))
    })
    .await?;
    let scenario = Some(scenario_name.trim().to_string()).filter(|s| !s.is_empty());
    let name = plan_file_name(client_name.as_deref(), &today(), scenario.as_deref());
    let path = target_path(path, &settings, &name);
    blocking(move || -> AppResult<String> {
        let report = crate::planner::report(&plan)?;
        let logo = match settings.agency_logo.trim() {
            "" => None,
            file => Some(read_logo(Path::new(file))?),
        };
        let options = PlanPdfOptions {
            client_name,
            scenario_name: scenario,
            agency_name: Some(settings.agency_name.clone()).filter(|n| !n.is_empty()),
            agency_logo: logo,
            ..Default::default()
        };
        let bytes = render_plan_pdf(&report, &options).map_err(export_error)?;
        write_export(&path, &settings, &bytes)
    })
    .await
}

/// The path the user chose, or the export folder with a readable default name.
fn target_path(path: Option<String>, settings: &ExportSettings, default_name: &str) -> PathBuf {
    match path.filter(|p| !p.trim().is_empty()) {
        Some(p) => PathBuf::from(p.trim()),
        None => Path::new(&settings.export_dir).join(safe_file_name(default_name)),
    }
}

/// Writes atomically; the default export folder is created on first use, a folder the user
/// chose or typed is not (a typo should not create folders).
fn write_export(path: &Path, settings: &ExportSettings, bytes: &[u8]) -> AppResult<String> {
    if let Some(dir) = path.parent() {
        if !dir.exists() && dir == Path::new(&settings.export_dir) {
            std::fs::create_dir_all(dir).map_err(|e| {
                AppError::new(
                    "export_failed",
                    format!("The folder {} could not be created: {e}.", dir.display()),
                )
            })?;
        }
    }
    write_atomically(path, bytes).map_err(export_error)?;
    Ok(path.display().to_string())
}

/// Two audits compared finding by finding (`older` first).
#[tauri::command]
pub async fn compare_audits(app: AppHandle, older: i64, newer: i64) -> AppResult<Comparison> {
    with_reader(&app, move |store| {
        Ok(compare(
            &preflight_session::load_audit(&store, older)?,
            &preflight_session::load_audit(&store, newer)?,
        ))
    })
    .await
}

fn export_error(e: ExportError) -> AppError {
    let mut message = e.to_string();
    if let Some(first) = message.get(..1) {
        message = first.to_uppercase() + &message[1..];
    }
    AppError::new(e.code(), format!("{message}."))
}

fn default_export_dir() -> PathBuf {
    dirs::document_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
        .join("Preflight")
}
