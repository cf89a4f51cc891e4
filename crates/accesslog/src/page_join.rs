//! An audited page beside what the real crawler got on it according to an imported log: the
//! requests on the page's path (its host too, when the log records hosts), the latest status,
//! and a finding when the log and the audit disagree.

use preflight_model::{Area, Confidence, Finding, Status};

use crate::report::{is_blocking_status, AgentSummary, LogReport, PathSummary};
use preflight_model::AddressScope;
pub use preflight_model::PageLogEvidence;

/// The log's record of the real crawler on `page_url`, or `None` when it never asked for it.
pub fn page_evidence(report: &LogReport, page_url: &str) -> Option<PageLogEvidence> {
    let url = url::Url::parse(page_url).ok()?;
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let path = url.path().to_string();
    let matching = |agent: &'_ AgentSummary| -> Vec<PathSummary> {
        agent
            .paths
            .iter()
            .filter(|p| same_path(&p.path, &path) && same_host(p.host.as_deref(), &host))
            .cloned()
            .collect()
    };
    let real = matching(&report.adsbot);
    let latest = real.iter().max_by(|a, b| a.last_seen.cmp(&b.last_seen))?;
    let impostor_requests = matching(&report.impostors).iter().map(|p| p.requests).sum();
    Some(PageLogEvidence {
        url: page_url.to_string(),
        path: path.clone(),
        addresses: report.adsbot.addresses,
        requests: real.iter().map(|p| p.requests).sum(),
        refused: real.iter().map(PathSummary::refused_requests).sum(),
        last_status: latest.last_status,
        last_seen: latest.last_seen.clone(),
        impostor_requests,
    })
}

/// A finding when the log and the audit's verdict for the page disagree: the real crawler was
/// refused on a page the audit reached (the mark of a rule on OpenAI's addresses rather than
/// its user agent), or the real crawler got a page the audit was refused.
pub fn disagreement(evidence: &PageLogEvidence, audit_reached_page: bool) -> Option<Finding> {
    let checked = evidence.addresses == AddressScope::InRanges;
    let who = if checked {
        "OAI-AdsBot from OpenAI's published addresses"
    } else {
        "requests with OAI-AdsBot's user agent (addresses not checked)"
    };
    let confidence = if checked {
        Confidence::High
    } else {
        Confidence::Medium
    };
    let record = format!(
        "{} of {} requests on {} refused; the latest, {}, got HTTP {}.",
        evidence.refused,
        evidence.requests,
        evidence.path,
        evidence.last_seen,
        evidence.last_status
    );
    let refused_now = is_blocking_status(evidence.last_status);
    if refused_now && audit_reached_page {
        let finding = Finding::new(
            "log-refused-audit-reached",
            Area::Reachability,
            Status::Fail,
            "The server's log shows OpenAI's real crawler refused on a page this audit reached",
        )
        .detail(format!(
            "In the imported access log, {who} got HTTP {} on this page, while this audit, asking with the same user agent from another address, got the page. A rule that matches OpenAI's IP addresses, not the user agent, gives exactly this picture, and ads for the page are rejected or stop serving.",
            evidence.last_status
        ))
        .evidence("Access log", record)
        .remedy("Find the firewall, CDN or server rule that refuses OpenAI's published address ranges (https://openai.com/adsbot.json) and allow them, then ask OpenAI to review the ad again.")
        .confidence(confidence);
        return Some(finding);
    }
    if !refused_now && (200..300).contains(&evidence.last_status) && !audit_reached_page {
        let finding = Finding::new(
            "log-served-audit-refused",
            Area::Reachability,
            Status::Warn,
            "The server's log shows OpenAI's real crawler got a page this audit could not reach",
        )
        .detail(format!(
            "In the imported access log, {who} last got this page (HTTP {}), while this audit was refused or could not reach it. The site may treat this audit's address differently from OpenAI's, or the rule may have changed since the log was written.",
            evidence.last_status
        ))
        .evidence("Access log", record)
        .remedy("Compare the dates: if the log is older than the audit, a recent change is refusing the crawler; if it is newer, run the audit again.")
        .confidence(confidence);
        return Some(finding);
    }
    None
}

/// Paths compare as the log writes them; a trailing slash is not a difference.
pub(crate) fn same_path(logged: &str, page: &str) -> bool {
    let trim = |p: &str| p.trim_end_matches('/').to_string();
    logged == page || trim(logged) == trim(page)
}

/// Logs without a host field match any host; with one, the host must be the page's.
pub(crate) fn same_host(logged: Option<&str>, page: &str) -> bool {
    logged.is_none_or(|h| {
        let h = h.trim().to_ascii_lowercase();
        let h = h.rsplit_once(':').map_or(h.as_str(), |(name, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                name
            } else {
                h.as_str()
            }
        });
        h == page
    })
}
