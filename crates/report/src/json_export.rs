//! The JSON export: the report as every reader shows it (read under the counting rules), with
//! its readiness beside it. The report's fields stay at the top level, exactly as in the
//! published report schema (`docs/report.schema.json`), so anything that reads a report reads
//! the export; the readiness model's answer is one more top-level field, `readiness`. The whole
//! document follows `docs/report-export.schema.json` ([`report_export_schema`]).

use crate::error::ExportError;
use crate::ground_truth::WhatOpenAiSaw;
use crate::readiness_schema;
use preflight_capi::ServerSideConversions;
use preflight_document::report::AuditReport;
use preflight_readiness::Readiness;
use schemars::JsonSchema;
use serde::Serialize;

/// What the JSON export holds.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ReportExport {
    /// The report under the counting rules; its fields are the export's top-level fields.
    #[serde(flatten)]
    pub report: AuditReport,
    /// The readiness model's answer for this report: state, label, headline, counts, the
    /// checklist and what each page counts for. Every reader (the app, the CLI, the PDF, the
    /// CSV) shows these same values.
    #[schemars(with = "readiness_schema::Readiness")]
    pub readiness: Readiness,
    /// OpenAI's review of the client's ads and the real crawler's requests in its access log,
    /// page by page beside the audit's verdicts; present when the client has either.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_openai_saw: Option<WhatOpenAiSaw>,
    /// The client's latest Conversions API validation (files, batches, events, the verdicts of
    /// rejected batches, the most frequent problems) and dedup pairing with the pixel's events;
    /// present when either was run for the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_side_conversions: Option<ServerSideConversions>,
}

impl ReportExport {
    /// The report read under the counting rules (reading twice changes nothing) and its
    /// readiness.
    pub fn of(report: &AuditReport) -> ReportExport {
        let crate::read::ReadAudit { report, readiness } = crate::read::read(report);
        ReportExport {
            report,
            readiness,
            what_openai_saw: None,
            server_side_conversions: None,
        }
    }
}

/// The export as pretty JSON (UTF-8, trailing newline).
pub fn report_json(report: &AuditReport) -> Result<Vec<u8>, ExportError> {
    report_json_with(report, None, None)
}

/// The export with "What OpenAI saw" and the server-side conversions beside the audit, when
/// there are any.
pub fn report_json_with(
    report: &AuditReport,
    what_openai_saw: Option<&WhatOpenAiSaw>,
    server_side_conversions: Option<&ServerSideConversions>,
) -> Result<Vec<u8>, ExportError> {
    let export = ReportExport {
        what_openai_saw: what_openai_saw.cloned(),
        server_side_conversions: server_side_conversions.cloned(),
        ..ReportExport::of(report)
    };
    let mut bytes =
        serde_json::to_vec_pretty(&export).map_err(|e| ExportError::EncodeFailed(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The JSON Schema of the export, as published in docs/report-export.schema.json.
pub fn report_export_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ReportExport)).expect("schema serialises")
}
