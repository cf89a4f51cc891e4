//! The counting rules, applied to one page's findings. They are the same for every reader and
//! for audits saved by older versions, which are re-read under them without being rewritten.
//!
//! - One root cause counts once: the failing reachability findings of a page (a firewall block,
//!   the error status it answered, the failed fetch) are one blocking problem, led by the most
//!   specific finding; the others become its evidence. robots.txt problems are a separate fix
//!   and stay separate.
//! - A pixel with a failing installation problem (placeholder ID, SDK not loaded, CSP blocking
//!   it, …) is not installed: the page's "pixel installed" pass is dropped and its events do not
//!   count as sent.

use preflight_document::report::{PageReport, Verdict};
use preflight_model::{Area, Evidence, Finding, Status};

/// Reachability findings that only describe what the request got back. When a finding that
/// names the cause (a firewall, the site's own server, the full user agent) is there too, they
/// are folded into it; otherwise the first of them leads.
const SYMPTOMS: &[&str] = &[
    "bot-error-status",
    "bot-fetch-failed",
    "bot-rate-limited",
    "page-error-status",
];

/// Failing pixel findings that mean the pixel cannot work at all on the page.
pub const INSTALLATION_PROBLEMS: &[&str] = &[
    "pixel-not-found",
    "pixel-sdk-not-loaded",
    "pixel-init-missing",
    "pixel-sdk-url-wrong",
    "pixel-id-missing",
    "pixel-id-format",
    "pixel-image-tag-pid-missing",
    "pixel-image-tag-url-wrong",
    "pixel-csp-blocks-sdk",
    "pixel-csp-blocks-beacons",
    "pixel-csp-blocks-inline-snippet",
];

/// The pass that says the pixel is installed; it cannot stand beside an installation problem.
const PIXEL_INSTALLED: &str = "pixel-detected";

/// True when the page has a pixel that can send events: found, and no failing installation
/// problem.
pub fn pixel_works(page: &PageReport) -> bool {
    page.pixel.as_ref().is_some_and(|p| p.installed) && !pixel_broken(&page.findings)
}

fn pixel_broken(findings: &[Finding]) -> bool {
    findings
        .iter()
        .any(|f| f.status == Status::Fail && INSTALLATION_PROBLEMS.contains(&f.id.as_str()))
}

fn is_reach_problem(f: &Finding) -> bool {
    f.status == Status::Fail && f.area == Area::Reachability && !f.id.starts_with("robots-")
}

/// The id of the blocking problem stated for a page OAI-AdsBot cannot use when no check said why
/// (never fetched, paused host, a crash in a check).
pub const PAGE_NOT_USABLE: &str = "bot-cannot-use-page";

/// The page's findings under the counting rules, in their original order.
pub fn findings(page: &PageReport) -> Vec<Finding> {
    let mut out: Vec<Finding> = page.findings.clone();
    if pixel_broken(&out) {
        out.retain(|f| !(f.id == PIXEL_INSTALLED && f.status == Status::Pass));
    }
    merge_root_cause(&mut out);
    if page.verdict != Verdict::Reachable && !out.iter().any(|f| f.status == Status::Fail) {
        out.push(
            Finding::new(
                PAGE_NOT_USABLE,
                Area::Reachability,
                Status::Fail,
                format!(
                    "OAI-AdsBot cannot use this page: {}",
                    page.verdict.label().to_lowercase()
                ),
            )
            .detail(page.verdict_reason.clone())
            .remedy("Fix what stopped the check, then run the audit again."),
        );
    }
    out
}

/// Folds the page's failing reachability findings into the one that names the cause.
fn merge_root_cause(findings: &mut Vec<Finding>) {
    let problems: Vec<usize> = (0..findings.len())
        .filter(|&i| is_reach_problem(&findings[i]))
        .collect();
    if problems.len() < 2 {
        return;
    }
    let lead = problems
        .iter()
        .copied()
        .find(|&i| !SYMPTOMS.contains(&findings[i].id.as_str()))
        .unwrap_or(problems[0]);
    let mut folded = Vec::new();
    for &i in problems.iter().rev() {
        if i != lead {
            folded.push(findings.remove(i));
        }
    }
    let lead = lead - problems.iter().filter(|&&i| i < lead).count();
    for other in folded.into_iter().rev() {
        let lead = &mut findings[lead];
        lead.evidence.push(Evidence {
            label: "Also seen".into(),
            value: format!("{} ({})", other.title, other.id),
            location: None,
        });
        for e in other.evidence {
            if !lead.evidence.contains(&e) {
                lead.evidence.push(e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use preflight_model::Confidence;

    fn page(findings: Vec<Finding>) -> PageReport {
        PageReport {
            url: "https://a.test/".into(),
            verdict: Verdict::Challenged,
            verdict_confidence: Confidence::High,
            verdict_reason: "challenge".into(),
            vendor: Some("cloudflare".into()),
            robots: None,
            params_survive: None,
            findings,
            fetches: vec![],
            robots_fetch: None,
            params_fetch: None,
            pixel: None,
        }
    }

    #[test]
    fn a_challenge_and_its_error_status_are_one_problem_with_the_status_as_evidence() {
        let p = page(vec![
            Finding::new(
                "bot-error-status",
                Area::Reachability,
                Status::Fail,
                "HTTP 403",
            )
            .evidence("Status", "403"),
            Finding::new(
                "waf-detected",
                Area::Reachability,
                Status::Info,
                "Cloudflare",
            ),
            Finding::new(
                "waf-challenges-adsbot",
                Area::Reachability,
                Status::Fail,
                "Challenged",
            ),
            Finding::new(
                "robots-blocks-adsbot",
                Area::Reachability,
                Status::Fail,
                "robots",
            ),
        ]);
        let out = findings(&p);
        let ids: Vec<&str> = out.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "waf-detected",
                "waf-challenges-adsbot",
                "robots-blocks-adsbot"
            ]
        );
        let lead = &out[1];
        assert!(lead
            .evidence
            .iter()
            .any(|e| e.value == "HTTP 403 (bot-error-status)"));
        assert!(lead
            .evidence
            .iter()
            .any(|e| e.label == "Status" && e.value == "403"));
    }

    #[test]
    fn symptoms_alone_keep_the_first_as_the_lead() {
        let p = page(vec![
            Finding::new(
                "bot-fetch-failed",
                Area::Reachability,
                Status::Fail,
                "Timeout",
            ),
            Finding::new(
                "bot-error-status",
                Area::Reachability,
                Status::Fail,
                "HTTP 500",
            ),
        ]);
        let out = findings(&p);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, "bot-fetch-failed");
    }

    #[test]
    fn a_placeholder_pixel_id_is_not_an_installed_pixel() {
        let mut p = page(vec![
            Finding::new(PIXEL_INSTALLED, Area::Pixel, Status::Pass, "Installed"),
            Finding::new("pixel-id-format", Area::Pixel, Status::Fail, "Placeholder"),
        ]);
        p.verdict = Verdict::Reachable;
        p.pixel = Some(
            serde_json::from_value(serde_json::json!({
                "installed": true, "methods": ["snippet"], "pixel_ids": ["<YOUR-PIXEL-ID>"],
                "standard_events": ["page_viewed"], "events": [], "scripts_examined": 0
            }))
            .unwrap(),
        );
        assert!(!pixel_works(&p));
        let ids: Vec<String> = findings(&p).into_iter().map(|f| f.id).collect();
        assert_eq!(ids, ["pixel-id-format"]);
        // A warning about the ID (an unusual but possible format) leaves it installed.
        p.findings[1].status = Status::Info;
        assert!(pixel_works(&p));
        assert_eq!(findings(&p).len(), 2);
    }
}
