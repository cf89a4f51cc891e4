//! The JSON export: the stored report itself, pretty-printed. It follows the published schema
//! (`preflight_document::report::json_schema()`), so any tool reading that schema can read it.

use crate::error::ExportError;
use preflight_document::report::AuditReport;

/// The report as pretty JSON (UTF-8, trailing newline).
pub fn report_json(report: &AuditReport) -> Result<Vec<u8>, ExportError> {
    let mut bytes =
        serde_json::to_vec_pretty(report).map_err(|e| ExportError::EncodeFailed(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}
