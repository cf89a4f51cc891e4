//! `preflight utm`: tracking-parameter hygiene for ad destination URLs.

use crate::args::{Format, UtmArgs};
use crate::Failure;
use preflight_audit::utm_redirects::add_redirect_findings;
use preflight_audit::{FetchOptions, Fetcher};
use preflight_utm::{ColumnChoice, CsvOptions};
use std::process::ExitCode;

pub fn run(args: UtmArgs) -> Result<ExitCode, Failure> {
    let mut urls: Vec<String> = Vec::new();
    for arg in &args.urls {
        let list = preflight_utm::parse_url_lines(arg);
        if let Some(issue) = list.issues.first() {
            return Err(Failure(format!("\"{}\": {}", issue.text, issue.reason)));
        }
        urls.extend(list.urls.into_iter().map(|u| u.url));
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
            for issue in &import.issues {
                eprintln!("row {}: \"{}\": {}", issue.line, issue.text, issue.reason);
            }
            urls.extend(import.urls.into_iter().map(|u| u.url));
        } else {
            let text = preflight_utm::decode_text(&bytes)
                .map_err(|e| Failure(format!("{}: {e}", file.display())))?
                .0;
            let list = preflight_utm::parse_url_lines(&text);
            for issue in &list.issues {
                eprintln!("line {}: \"{}\": {}", issue.line, issue.text, issue.reason);
            }
            urls.extend(list.urls.into_iter().map(|u| u.url));
        }
    }
    if urls.is_empty() {
        return Err(Failure("no URL to check: give URLs or --file".into()));
    }
    let mut report = preflight_utm::check_urls(&urls);
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
