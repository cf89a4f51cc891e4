//! Two audits compared, exported: a PDF for stakeholders (each audit's readiness, then what
//! changed), a CSV with one row per change, or the comparison as JSON. Written atomically like
//! every export.

use super::{export_error, settings_in, target_path, write_export, ExportFormat};
use crate::error::AppResult;
use crate::worker::{reader, with_state};
use preflight_report::{compare, compare_csv, compare_pdf, ComparePdfOptions};
use preflight_session::exports::{read_logo, safe_file_name};
use std::path::Path;
use tauri::AppHandle;

/// Writes the comparison of `older` with `newer` as `format` to `path`, or to the export folder
/// under a readable name ("Acme comparison 2026-04-06 to 2026-05-04.pdf"). Returns the file
/// written.
#[tauri::command]
pub async fn export_comparison(
    app: AppHandle,
    older: i64,
    newer: i64,
    format: ExportFormat,
    path: Option<String>,
) -> AppResult<String> {
    with_state(&app, move |state| {
        let store = reader(state)?;
        let before = preflight_session::load_audit(&store, older)?;
        let after = preflight_session::load_audit(&store, newer)?;
        let client_name = store.audit_summary(newer)?.client_name;
        let settings = settings_in(&store)?;
        drop(store);
        let name = comparison_file_name(
            client_name.as_deref(),
            &before.started_at,
            &after.started_at,
            format.extension(),
        );
        let path = target_path(path, &settings, &name);
        let bytes = match format {
            ExportFormat::Csv => compare_csv(&compare(&before, &after)).map_err(export_error)?,
            ExportFormat::Json => {
                serde_json::to_vec_pretty(&compare(&before, &after)).map_err(|e| {
                    export_error(preflight_report::ExportError::EncodeFailed(e.to_string()))
                })?
            }
            ExportFormat::Pdf => {
                let logo = match settings.agency_logo.trim() {
                    "" => None,
                    file => Some(read_logo(Path::new(file))?),
                };
                let options = ComparePdfOptions {
                    client_name,
                    agency_name: Some(settings.agency_name.clone()).filter(|n| !n.is_empty()),
                    agency_logo: logo,
                };
                compare_pdf(&before, &after, &options).map_err(export_error)?
            }
        };
        write_export(&path, &settings, &bytes)
    })
    .await
}

/// "Acme comparison 2026-04-06 to 2026-05-04.pdf" ("Ad-hoc check comparison …" without a
/// client).
fn comparison_file_name(client: Option<&str>, older: &str, newer: &str, extension: &str) -> String {
    let day = |at: &str| at.get(..10).unwrap_or("audit").to_string();
    safe_file_name(&format!(
        "{} comparison {} to {}.{extension}",
        client.unwrap_or("Ad-hoc check"),
        day(older),
        day(newer)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_files_are_named_after_the_client_and_both_days() {
        assert_eq!(
            comparison_file_name(
                Some("Acme"),
                "2026-04-06T10:15:00+02:00",
                "2026-05-04T09:30:00+02:00",
                "pdf"
            ),
            "Acme comparison 2026-04-06 to 2026-05-04.pdf"
        );
        assert!(comparison_file_name(None, "", "", "csv").ends_with(".csv"));
    }
}
