//! `preflight utm`: tracking-parameter hygiene for ad destination URLs.

use crate::args::{Format, UtmArgs};
use crate::Failure;
use preflight_audit::utm_redirects::add_redirect_findings;
use preflight_audit::{FetchOptions, Fetcher};
use preflight_utm::{BatchEntry, ColumnChoice, CsvOptions, InputIssue, TrackingTemplates};
use std::process::ExitCode;

/// Every URL is checked; an entry that is not a usable URL is reported as `url-invalid` in its
/// place and the rest are checked all the same.
pub fn run(args: UtmArgs) -> Result<ExitCode, Failure> {
    let mut urls: Vec<BatchEntry> = Vec::new();
    for arg in &args.urls {
        let list = preflight_utm::parse_url_lines(arg);
        urls.extend(list.urls.into_iter().map(|u| BatchEntry::Url(u.url)));
        urls.extend(list.issues.iter().map(not_url));
    }
    if let Some(file) = &args.file {
        let bytes = std::fs::read(file)
            .map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
        let is_csv = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if is_csv {
            let column = args.column.as_ref().map(|c| match c.parse::<u32>() {
                Ok(n) if n >= 1 => ColumnChoice::Index(n - 1),
                _ => ColumnChoice::Header(c.clone()),
            });
            let import = preflight_utm::import_csv(&bytes, &CsvOptions { column })
                .map_err(|e| Failure(format!("{}: {e}", file.display())))?;
            if import.column.is_none() {
                let names: Vec<String> = import
                    .candidates
                    .iter()
                    .take(5)
                    .map(|c| format!("{} \"{}\"", c.index + 1, c.header))
                    .collect();
                return Err(Failure(format!(
                    "{}: no column clearly holds the destination URLs; choose one with --column (candidates: {})",
                    file.display(),
                    names.join(", ")
                )));
            }
            let mut entries = lined(
                import.urls.into_iter().map(|u| (u.line, u.url)),
                &import.issues,
            );
            urls.append(&mut entries);
            not_listed(import.issues_not_listed, "rows");
        } else {
            let text = preflight_utm::decode_text(&bytes)
                .map_err(|e| Failure(format!("{}: {e}", file.display())))?
                .0;
            let list = preflight_utm::parse_url_lines(&text);
            let mut entries = lined(list.urls.into_iter().map(|u| (u.line, u.url)), &list.issues);
            urls.append(&mut entries);
            not_listed(list.issues_not_listed, "lines");
        }
    }
    if urls.is_empty() {
        return Err(Failure("no URL to check: give URLs or --file".into()));
    }
    let templates = TrackingTemplates {
        ad_account: args.template_account.clone(),
        campaign: args.template_campaign.clone(),
        ad_group: args.template_ad_group.clone(),
        ad: args.template_ad.clone(),
    };
    let mut report = preflight_utm::check_batch(&urls, &templates);
    if args.follow {
        follow_redirects(&mut report)?;
    }
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Text => print!("{}", preflight_utm::render_text(&report)),
    }
    Ok(if report.is_failing() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Requests each URL as a visitor with test click ids and adds the redirect-survival finding.
fn follow_redirects(report: &mut preflight_utm::UtmReport) -> Result<(), Failure> {
    let fetcher = Fetcher::new(FetchOptions::default())?;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(add_redirect_findings(&fetcher, report));
    Ok(())
}

fn not_url(issue: &InputIssue) -> BatchEntry {
    BatchEntry::NotUrl {
        text: issue.text.trim().to_string(),
        reason: issue.reason.clone(),
    }
}

/// URLs and unusable entries in the order of their lines.
fn lined(urls: impl Iterator<Item = (u64, String)>, issues: &[InputIssue]) -> Vec<BatchEntry> {
    let mut all: Vec<(u64, BatchEntry)> = urls.map(|(l, u)| (l, BatchEntry::Url(u))).collect();
    all.extend(issues.iter().map(|i| (i.line, not_url(i))));
    all.sort_by_key(|(line, _)| *line);
    all.into_iter().map(|(_, e)| e).collect()
}

fn not_listed(count: u64, unit: &str) {
    if count > 0 {
        eprintln!("{count} more {unit} that are not usable URLs were skipped without a report");
    }
}
