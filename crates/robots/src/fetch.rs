//! What the result of fetching `/robots.txt` means for the crawler (RFC 9309 §2.3.1).

use crate::types::{FetchFailure, FetchOutcome, RobotsSource, UnreachableReason};

/// Decides how a crawler must treat robots.txt given the fetch result:
///
/// | Fetch result | Meaning |
/// | --- | --- |
/// | 2xx | parse the body |
/// | 4xx except 429 (401 and 403 included) | "unavailable": everything allowed |
/// | 429 | treated as a server error (Google's practice): everything disallowed |
/// | 5xx | "unreachable": everything disallowed |
/// | 1xx, or a 3xx left over | unexpected: everything disallowed |
/// | network failure, timeout | "unreachable": everything disallowed |
/// | more than five redirects | treated as unreachable: everything disallowed |
///
/// RFC 9309 lets a crawler treat too many redirects as "unavailable" (allow all); we take the
/// cautious reading because a redirect loop is something the site must fix anyway, and some
/// crawlers stop at the loop.
pub fn classify_fetch(outcome: FetchOutcome) -> RobotsSource {
    use RobotsSource::{Parsed, Unavailable, Unreachable};
    match outcome {
        FetchOutcome::Status { status } => match status {
            200..=299 => Parsed,
            429 => Unreachable {
                reason: UnreachableReason::RateLimited { status },
            },
            400..=499 => Unavailable { status },
            500..=599 => Unreachable {
                reason: UnreachableReason::ServerError { status },
            },
            _ => Unreachable {
                reason: UnreachableReason::UnexpectedStatus { status },
            },
        },
        FetchOutcome::Failed { failure } => Unreachable {
            reason: match failure {
                FetchFailure::Unreachable => UnreachableReason::Network,
                FetchFailure::Timeout => UnreachableReason::Timeout,
                FetchFailure::TooManyRedirects => UnreachableReason::TooManyRedirects,
            },
        },
    }
}

impl RobotsSource {
    /// What the crawler may fetch when this source holds no rules: `Some(true)` for allow all,
    /// `Some(false)` for disallow all, `None` when the parsed rules decide.
    pub fn blanket_verdict(self) -> Option<bool> {
        match self {
            RobotsSource::Parsed => None,
            RobotsSource::Unavailable { .. } => Some(true),
            RobotsSource::Unreachable { .. } => Some(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> RobotsSource {
        classify_fetch(FetchOutcome::Status { status })
    }

    #[test]
    fn success_is_parsed() {
        assert_eq!(status(200), RobotsSource::Parsed);
        assert_eq!(status(204), RobotsSource::Parsed);
    }

    #[test]
    fn client_errors_mean_allow_all() {
        for code in [400, 401, 403, 404, 410, 451] {
            assert_eq!(status(code), RobotsSource::Unavailable { status: code });
            assert_eq!(status(code).blanket_verdict(), Some(true));
        }
    }

    #[test]
    fn rate_limiting_means_disallow_all() {
        assert_eq!(
            status(429),
            RobotsSource::Unreachable {
                reason: UnreachableReason::RateLimited { status: 429 }
            }
        );
        assert_eq!(status(429).blanket_verdict(), Some(false));
    }

    #[test]
    fn server_errors_and_odd_statuses_mean_disallow_all() {
        assert_eq!(
            status(503),
            RobotsSource::Unreachable {
                reason: UnreachableReason::ServerError { status: 503 }
            }
        );
        for code in [100, 301, 304, 600, 0] {
            assert_eq!(
                status(code),
                RobotsSource::Unreachable {
                    reason: UnreachableReason::UnexpectedStatus { status: code }
                }
            );
        }
    }

    #[test]
    fn failures_mean_disallow_all() {
        let cases = [
            (FetchFailure::Unreachable, UnreachableReason::Network),
            (FetchFailure::Timeout, UnreachableReason::Timeout),
            (
                FetchFailure::TooManyRedirects,
                UnreachableReason::TooManyRedirects,
            ),
        ];
        for (failure, reason) in cases {
            let source = classify_fetch(FetchOutcome::Failed { failure });
            assert_eq!(source, RobotsSource::Unreachable { reason });
            assert_eq!(source.blanket_verdict(), Some(false));
        }
        assert_eq!(RobotsSource::Parsed.blanket_verdict(), None);
    }
}
