//! Tracking-parameter survival for a list of ad destination URLs: each is requested as a
//! visitor with test click ids, and the redirect chain says which hop drops what.

use crate::{Agent, Fetcher};
use preflight_model::Finding;
use preflight_utm::{evaluate_redirects, with_test_click_ids, RedirectHop, UtmReport};

/// Adds the redirect-survival finding to every URL of `report`, one request per URL in turn
/// (the list usually spans a few sites, so this stays polite), and recomputes the summary.
pub async fn add_redirect_findings(fetcher: &Fetcher, report: &mut UtmReport) {
    let mut findings: Vec<Finding> = Vec::with_capacity(report.urls.len());
    for entry in &report.urls {
        let tagged = with_test_click_ids(&entry.url);
        let fetch = fetcher.fetch(&tagged, Agent::Browser).await;
        let chain: Vec<RedirectHop> = fetch
            .hops
            .iter()
            .map(|h| RedirectHop {
                url: h.url.clone(),
                status: h.status,
            })
            .collect();
        findings.push(evaluate_redirects(&tagged, &chain));
    }
    for (entry, finding) in report.urls.iter_mut().zip(findings) {
        entry.findings.push(finding);
    }
    *report = UtmReport::new(
        std::mem::take(&mut report.urls),
        std::mem::take(&mut report.set_findings),
    );
}
