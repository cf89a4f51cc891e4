//! Do the tracking parameters (UTMs, and OpenAI's `oppref`/`olref`) survive the redirects a
//! visitor clicking the ad goes through?

use crate::artifacts::FetchArtifact;
use preflight_model::{Finding, Status};
use preflight_utm::RedirectHop;

/// `fetch` is the page requested with test click ids appended (see
/// [`preflight_utm::with_test_click_ids`]). Returns the finding and whether everything survived.
pub fn check(fetch: &FetchArtifact) -> (Option<bool>, Finding) {
    let chain: Vec<RedirectHop> = fetch
        .hops
        .iter()
        .map(|h| RedirectHop {
            url: h.url.clone(),
            status: h.status,
        })
        .collect();
    let finding = preflight_utm::evaluate_redirects(&fetch.requested_url, &chain);
    let survived = match finding.status {
        Status::Pass => Some(true),
        Status::Fail => Some(false),
        _ => None,
    };
    (survived, finding)
}
