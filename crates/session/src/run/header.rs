//! The record a run starts with, before any page is checked.

use preflight_audit::report::{AuditReport, RunStatus, Summary, REPORT_SCHEMA_VERSION};
use preflight_audit::RunOptions;

/// The header of a run with these options over `planned_pages` pages, started at `started_at`:
/// the report format, the program, the limits of what the checks can prove.
pub fn header(options: &RunOptions, planned_pages: u32, started_at: String) -> AuditReport {
    AuditReport {
        schema_version: REPORT_SCHEMA_VERSION,
        generator: preflight_audit::run::generator(),
        started_at,
        finished_at: None,
        status: RunStatus::Running,
        planned_pages: Some(planned_pages),
        summary: Summary::default(),
        pages: Vec::new(),
        limits: preflight_audit::run::limits_for(options),
        funnel: None,
        journeys: Vec::new(),
    }
}
