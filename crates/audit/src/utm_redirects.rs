//! Tracking-parameter survival for a list of ad destination URLs: each is requested as a
//! visitor with test click ids, and the redirect chain says which hop drops what.

use crate::{Agent, Fetcher};
use preflight_model::Finding;
use preflight_utm::{evaluate_redirects, with_test_click_ids, RedirectHop, UtmReport};
use tokio_util::sync::CancellationToken;

/// Where a redirect check has got to: `done` of `total` URLs followed, and the URL being
/// requested now (absent once the check has ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedirectProgress<'a> {
    pub done: usize,
    pub total: usize,
    pub url: Option<&'a str>,
}

/// How far a redirect check got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedirectsFollowed {
    /// URLs whose redirects were followed: the first `followed` URLs of the report.
    pub followed: usize,
    /// The check was cancelled before every URL was followed.
    pub cancelled: bool,
}

/// Adds the redirect-survival finding to every URL of `report`, one request per URL in turn
/// (the list usually spans a few sites, so this stays polite), and recomputes the summary.
pub async fn add_redirect_findings(fetcher: &Fetcher, report: &mut UtmReport) {
    follow_redirects(fetcher, report, &CancellationToken::new(), |_| {}).await;
}

/// [`add_redirect_findings`] that reports each URL as it starts and can be cancelled. On
/// cancel, the URLs already followed keep their finding (the request in flight is dropped) and
/// the others keep only their offline checks.
pub async fn follow_redirects(
    fetcher: &Fetcher,
    report: &mut UtmReport,
    cancel: &CancellationToken,
    mut progress: impl FnMut(RedirectProgress<'_>),
) -> RedirectsFollowed {
    let total = report.urls.len();
    let mut findings: Vec<Finding> = Vec::with_capacity(total);
    let mut cancelled = false;
    for entry in &report.urls {
        if cancel.is_cancelled() {
            cancelled = true;
            break;
        }
        progress(RedirectProgress {
            done: findings.len(),
            total,
            url: Some(&entry.url),
        });
        let tagged = with_test_click_ids(&entry.url);
        let fetch = tokio::select! {
            biased;
            _ = cancel.cancelled() => {
                cancelled = true;
                break;
            }
            fetch = fetcher.fetch(&tagged, Agent::Browser) => fetch,
        };
        let chain: Vec<RedirectHop> = fetch
            .hops
            .iter()
            .map(|h| RedirectHop {
                url: h.url.clone(),
                status: h.status,
            })
            .collect();
        let mut finding = evaluate_redirects(&tagged, &chain);
        if let (true, Some(error)) = (chain.is_empty(), &fetch.error) {
            // The tool has no reachability check of its own: say here why the page did not open.
            finding = finding.evidence("Why it did not open", error.message.clone());
        }
        findings.push(finding);
    }
    let followed = findings.len();
    progress(RedirectProgress {
        done: followed,
        total,
        url: None,
    });
    for (entry, finding) in report.urls.iter_mut().zip(findings) {
        entry.findings.push(finding);
    }
    *report = UtmReport::new(
        std::mem::take(&mut report.urls),
        std::mem::take(&mut report.set_findings),
    );
    RedirectsFollowed {
        followed,
        cancelled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FetchOptions;
    use preflight_fixtures::FixtureSite;

    fn urls(site: &FixtureSite) -> Vec<String> {
        [
            "/ok?utm_source=chatgpt",
            "/drops-params?utm_source=chatgpt",
            "/ok?utm_source=a",
        ]
        .iter()
        .map(|p| site.url(p))
        .collect()
    }

    #[tokio::test]
    async fn reports_each_url_and_follows_them_all() {
        let site = FixtureSite::start();
        let urls = urls(&site);
        let mut report = preflight_utm::check_urls(&urls);
        let offline = report.clone();
        let fetcher = Fetcher::new(FetchOptions::default()).unwrap();
        let mut seen = Vec::new();
        let outcome = follow_redirects(&fetcher, &mut report, &CancellationToken::new(), |p| {
            seen.push((p.done, p.total, p.url.map(str::to_string)))
        })
        .await;
        assert_eq!(
            outcome,
            RedirectsFollowed {
                followed: 3,
                cancelled: false
            }
        );
        assert_eq!(
            seen,
            vec![
                (0, 3, Some(urls[0].clone())),
                (1, 3, Some(urls[1].clone())),
                (2, 3, Some(urls[2].clone())),
                (3, 3, None),
            ]
        );
        for (after, before) in report.urls.iter().zip(&offline.urls) {
            assert_eq!(after.findings.len(), before.findings.len() + 1);
        }
        let verdict = |i: usize| report.urls[i].findings.last().unwrap().status;
        assert_eq!(verdict(0), preflight_model::Status::Pass);
        assert_eq!(
            verdict(1),
            preflight_model::Status::Fail,
            "the redirect drops the UTMs"
        );
    }

    #[tokio::test]
    async fn cancelling_keeps_the_urls_already_followed() {
        let site = FixtureSite::start();
        let mut report = preflight_utm::check_urls(&urls(&site));
        let offline = report.clone();
        let fetcher = Fetcher::new(FetchOptions::default()).unwrap();
        let cancel = CancellationToken::new();
        let mut last = None;
        let outcome = follow_redirects(&fetcher, &mut report, &cancel, |p| {
            // The user presses Cancel while the second URL is being requested.
            if p.done == 1 {
                cancel.cancel();
            }
            last = Some(p.done);
        })
        .await;
        assert_eq!(
            outcome,
            RedirectsFollowed {
                followed: 1,
                cancelled: true
            }
        );
        assert_eq!(last, Some(1));
        let added: Vec<usize> = report
            .urls
            .iter()
            .zip(&offline.urls)
            .map(|(after, before)| after.findings.len() - before.findings.len())
            .collect();
        assert_eq!(added, vec![1, 0, 0]);
        assert_eq!(report.summary.urls, 3, "every URL keeps its offline checks");
    }
}
