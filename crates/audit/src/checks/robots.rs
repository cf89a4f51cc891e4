//! robots.txt for the exact ad URL, from the file fetched once per origin.

use crate::artifacts::{FetchErrorKind, RobotsFetch};
use preflight_model::{Area, Finding, Status};
use preflight_robots::{FetchFailure, FetchOutcome, RobotsVerdict};

/// The robots verdict for `page_url` under the fetched file, and its findings.
pub fn check(page_url: &str, fetch: &RobotsFetch) -> (Option<RobotsVerdict>, Vec<Finding>) {
    let outcome = match (&fetch.error, fetch.status) {
        (Some(e), _) => FetchOutcome::Failed {
            failure: match e.kind {
                FetchErrorKind::Timeout => FetchFailure::Timeout,
                FetchErrorKind::TooManyRedirects | FetchErrorKind::RedirectLoop => {
                    FetchFailure::TooManyRedirects
                }
                _ => FetchFailure::Unreachable,
            },
        },
        (None, Some(status)) => FetchOutcome::Status { status },
        (None, None) => FetchOutcome::Failed {
            failure: FetchFailure::Unreachable,
        },
    };
    match preflight_robots::evaluate_fetched(
        outcome,
        fetch.body.as_bytes(),
        preflight_robots::ads_bot_token(),
        page_url,
    ) {
        Ok(verdict) => {
            let mut findings = preflight_robots::robots_findings(&verdict);
            for f in &mut findings {
                f.evidence.push(preflight_model::Evidence {
                    label: "robots.txt fetched from".into(),
                    value: match fetch.status {
                        Some(s) => format!("{} (HTTP {s})", fetch.url),
                        None => format!(
                            "{} ({})",
                            fetch.url,
                            fetch
                                .error
                                .as_ref()
                                .map(|e| e.message.as_str())
                                .unwrap_or("no answer")
                        ),
                    },
                    location: None,
                });
            }
            (Some(verdict), findings)
        }
        Err(e) => (
            None,
            vec![Finding::new(
                "robots-check-failed",
                Area::Reachability,
                Status::Error,
                "robots.txt could not be checked for this URL",
            )
            .detail(e.to_string())
            .evidence("URL", page_url)
            .remedy("Check that the URL is complete and valid.")],
        ),
    }
}
