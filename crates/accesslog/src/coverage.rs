//! Whether a log can speak for an audit at all: a log from another site, or one that ends long
//! before the audit, is said so in plain words instead of silently matching nothing.

use crate::page_join::{same_host, same_path};
use crate::report::{AgentSummary, LogReport};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// From this many days between the log's last line and the audit, the log is called old.
pub const LOG_OLD_AFTER_DAYS: i64 = 30;

/// Plain-words notes on how far `report` covers the audited pages (`page_urls`, audited at
/// `audited_at`, RFC 3339); empty when nothing needs saying.
pub fn coverage_notes(report: &LogReport, page_urls: &[&str], audited_at: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let pages: Vec<(String, String)> = page_urls
        .iter()
        .filter_map(|u| url::Url::parse(u).ok())
        .map(|u| {
            (
                u.host_str().unwrap_or_default().to_ascii_lowercase(),
                u.path().to_string(),
            )
        })
        .collect();
    let agents: Vec<&AgentSummary> = [&report.adsbot, &report.impostors]
        .into_iter()
        .chain(report.other_agents.iter())
        .collect();
    let logged = || agents.iter().flat_map(|a| a.paths.iter());
    let mut hosts: Vec<String> = logged()
        .filter_map(|p| p.host.as_deref().map(|h| h.to_ascii_lowercase()))
        .collect();
    hosts.sort();
    hosts.dedup();
    let host_known = pages
        .iter()
        .any(|(host, _)| logged().any(|p| p.host.is_some() && same_host(p.host.as_deref(), host)));
    let any_page = pages.iter().any(|(host, path)| {
        logged().any(|p| same_host(p.host.as_deref(), host) && same_path(&p.path, path))
    });
    if !hosts.is_empty() && !host_known && !pages.is_empty() {
        let shown: Vec<&str> = hosts.iter().take(3).map(String::as_str).collect();
        notes.push(format!(
            "This log is from another site: it names {}, none of the audited sites. Import the log of the site audited.",
            shown.join(", ")
        ));
    } else if !any_page && !pages.is_empty() && logged().next().is_some() {
        notes.push("No request in this log is for a page of this audit: check that the log is from the site audited and covers these pages.".to_string());
    }
    let parse = |t: &str| OffsetDateTime::parse(t, &Rfc3339).ok();
    if let (Some(last), Some(audit)) = (
        report.log_last_seen.as_deref().and_then(parse),
        parse(audited_at),
    ) {
        let days = (audit - last).whole_days();
        if days >= LOG_OLD_AFTER_DAYS {
            notes.push(format!(
                "The log ends {days} days before the audit: what the crawler got then may not be what it gets now. Import a recent log to compare."
            ));
        }
    }
    notes
}
