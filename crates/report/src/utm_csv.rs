//! The UTM check as CSV: one row per problem of each URL (one row for a URL without problems),
//! with the corrected URL and the GA4 channel, for a spreadsheet or a bulk fix in the ads manager.
//! When tracking templates were given, `click_url` is the URL a click on the ad opens.
//! Cells are guarded against formula injection like the findings CSV.

use crate::csv_export::{neutralise_formula, EVIDENCE_SEPARATOR};
use crate::error::ExportError;
use preflight_model::Finding;
use preflight_utm::{UrlReport, UtmReport};

pub const UTM_CSV_COLUMNS: [&str; 12] = [
    "url",
    "occurrences",
    "corrected_url",
    "ga4_channel",
    "ga4_rule",
    "finding_id",
    "status",
    "title",
    "evidence",
    "remedy",
    "scope",
    "click_url",
];

pub fn utm_csv(report: &UtmReport) -> Result<Vec<u8>, ExportError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let encode = |e: csv::Error| ExportError::EncodeFailed(e.to_string());
    writer.write_record(UTM_CSV_COLUMNS).map_err(encode)?;
    for url in &report.urls {
        let problems: Vec<&Finding> = url
            .findings
            .iter()
            .filter(|f| !matches!(f.status, preflight_model::Status::Pass))
            .collect();
        if problems.is_empty() {
            writer.write_record(row(url, None, "url")).map_err(encode)?;
        }
        for finding in problems {
            writer
                .write_record(row(url, Some(finding), "url"))
                .map_err(encode)?;
        }
    }
    for finding in &report.set_findings {
        let mut cells = vec![String::new(); UTM_CSV_COLUMNS.len()];
        fill_finding(&mut cells, finding);
        cells[10] = "campaign set".into();
        writer
            .write_record(cells.into_iter().map(neutralise_formula))
            .map_err(encode)?;
    }
    writer
        .into_inner()
        .map_err(|e| ExportError::EncodeFailed(e.to_string()))
}

fn row(url: &UrlReport, finding: Option<&Finding>, scope: &str) -> Vec<String> {
    let mut cells = vec![String::new(); UTM_CSV_COLUMNS.len()];
    cells[0] = url.url.clone();
    cells[1] = url.occurrences.to_string();
    cells[2] = url.corrected_url.clone().unwrap_or_default();
    if let Some(ga4) = &url.ga4 {
        cells[3] = ga4.preview.channel.clone();
        cells[4] = ga4.preview.rule_words.clone();
    }
    if let Some(f) = finding {
        fill_finding(&mut cells, f);
    }
    cells[10] = scope.into();
    // The ad level comes last: what a click on the ad opens.
    cells[11] = url
        .click_urls
        .as_ref()
        .and_then(|c| c.last())
        .map(|c| c.url.clone())
        .unwrap_or_default();
    cells.into_iter().map(neutralise_formula).collect()
}

fn fill_finding(cells: &mut [String], f: &Finding) {
    cells[5] = f.id.clone();
    cells[6] = serde_plain(&f.status);
    cells[7] = f.title.clone();
    cells[8] = f
        .evidence
        .iter()
        .map(|e| format!("{}: {}", e.label, e.value))
        .collect::<Vec<_>>()
        .join(EVIDENCE_SEPARATOR);
    cells[9] = f.remedy.clone();
}

fn serde_plain<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_problem_with_the_fix_and_channel_and_hostile_cells_guarded() {
        let report = preflight_utm::check_urls(&[
            "https://shop.test/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring".into(),
            "https://shop.test/p?utm_source=ChatGPT&utm_campaign==HYPERLINK(1)".into(),
        ]);
        let text = String::from_utf8(utm_csv(&report).unwrap()).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            reader.headers().unwrap().iter().collect::<Vec<_>>(),
            UTM_CSV_COLUMNS
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let clean: Vec<_> = rows.iter().filter(|r| r[0].ends_with("spring")).collect();
        assert_eq!(clean.len(), 1, "a clean URL gets exactly one row");
        assert_eq!(&clean[0][5], "");
        let broken: Vec<_> = rows.iter().filter(|r| r[0].contains("/p?")).collect();
        assert!(broken.len() >= 2, "{text}");
        assert!(broken.iter().any(|r| r[5].contains("medium")), "{text}");
        assert!(!broken[0][3].is_empty(), "the GA4 channel is filled in");
        for r in &rows {
            for cell in r.iter() {
                assert!(!cell.starts_with('='), "unguarded formula cell {cell:?}");
            }
        }
    }

    #[test]
    fn the_click_url_column_holds_what_a_click_on_the_ad_opens() {
        let templates = preflight_utm::TrackingTemplates {
            campaign: Some("utm_content={ad_id}".into()),
            ..Default::default()
        };
        let report = preflight_utm::check_batch(
            &[preflight_utm::BatchEntry::Url(
                "https://shop.test/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring".into(),
            )],
            &templates,
        );
        let text = String::from_utf8(utm_csv(&report).unwrap()).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert!(row[11].contains("utm_content="), "{text}");
        assert!(row[11].starts_with("https://shop.test/"), "{text}");
        // Without templates the column stays empty.
        let plain = preflight_utm::check_urls(&["https://shop.test/?utm_source=chatgpt".into()]);
        let text = String::from_utf8(utm_csv(&plain).unwrap()).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(&reader.records().next().unwrap().unwrap()[11], "");
    }
}
