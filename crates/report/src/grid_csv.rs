//! The page grid as CSV: the rows the user has in view, in the order they see them, under the
//! grid's own column headings (`preflight_readiness::GridColumn`), so the file says what the
//! screen says. Cells that a spreadsheet would run as a formula get a leading apostrophe, as in
//! the findings CSV: titles and URLs come from the audited sites.

use crate::csv_export::neutralise_formula;
use crate::error::ExportError;
use preflight_document::report::AuditReport;
use preflight_readiness::{GridColumn, PageRow};
use std::collections::HashMap;

/// The rows of `report` whose URLs are in `urls`, in that order, as CSV (UTF-8, comma-separated,
/// RFC 4180 quoting) with the grid's column headings. A URL that is not a page of the audit is
/// left out; a URL given twice is written once.
pub fn page_grid_csv(report: &AuditReport, urls: &[String]) -> Result<Vec<u8>, ExportError> {
    page_grid_csv_of(
        &preflight_readiness::grid::rows(&crate::read::normalised(report)),
        urls,
    )
}

/// Like [`page_grid_csv`], from rows already worked out.
pub fn page_grid_csv_of(rows: &[PageRow], urls: &[String]) -> Result<Vec<u8>, ExportError> {
    let encode = |e: csv::Error| ExportError::EncodeFailed(e.to_string());
    let mut by_url: HashMap<&str, &PageRow> = rows.iter().map(|r| (r.url.as_str(), r)).collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(GridColumn::ALL.map(|c| c.label()))
        .map_err(encode)?;
    for url in urls {
        if let Some(row) = by_url.remove(url.as_str()) {
            writer
                .write_record(GridColumn::ALL.map(|c| neutralise_formula(c.cell(row))))
                .map_err(encode)?;
        }
    }
    writer
        .into_inner()
        .map_err(|e| ExportError::EncodeFailed(e.to_string()))
}
