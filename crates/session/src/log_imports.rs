//! Access-log imports kept per client: one typed record saved and read back, so the app and
//! any other reader agree on its shape.

use preflight_accesslog::{LogReport, RangesOrigin};
use preflight_store::{LogImportSummary, Store, StoreError};
use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

/// What is saved for one import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogImportRecord {
    pub report: LogReport,
    /// Where the address list came from; absent in imports saved without it, and read as
    /// absent when it cannot be read.
    #[serde(default, deserialize_with = "lenient")]
    pub ranges_origin: Option<RangesOrigin>,
}

/// One import as shown: its summary, the report, and where the address list came from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LogImport {
    pub summary: LogImportSummary,
    pub report: LogReport,
    /// Absent for imports saved without it.
    pub ranges_origin: Option<RangesOrigin>,
}

/// Saves an import for a client.
pub fn save_log_import(
    store: &Store,
    client_id: i64,
    file_name: &str,
    record: LogImportRecord,
) -> Result<LogImport, StoreError> {
    let summary = store.save_log_import(client_id, file_name, &record)?;
    Ok(LogImport {
        summary,
        report: record.report,
        ranges_origin: record.ranges_origin,
    })
}

/// A saved import; a record that cannot be read is `corrupt_record`.
pub fn load_log_import(store: &Store, id: i64) -> Result<LogImport, StoreError> {
    let record: LogImportRecord = store.log_import_record(id)?;
    let summary = store.log_import(id)?;
    Ok(LogImport {
        summary,
        report: record.report,
        ranges_origin: record.ranges_origin,
    })
}

fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<RangesOrigin>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(value).ok())
}
