//! A page that was not checked because its host had started refusing the audit's requests in
//! bulk (see `politeness`). The verdict has to come from the closed set, so it says what the host
//! was doing, with low confidence since this page itself was never seen.

use crate::politeness::HostPause;
use crate::report::Verdict;
use preflight_model::{Area, Confidence, Finding, Status};

/// The finding on each page of a paused site.
pub const ID: &str = "host-paused";

pub struct NotChecked {
    pub verdict: Verdict,
    pub confidence: Confidence,
    pub reason: String,
    pub finding: Finding,
}

pub fn not_checked(pause: &HostPause) -> NotChecked {
    let statuses = pause
        .statuses
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let count = pause.statuses.len();
    // A host that answered normally first, or says 429, is limiting the rate; one that refused
    // from the very first request cannot be told apart from a site that is down.
    let limiting = pause.earlier_answers > 0 || pause.statuses.contains(&429);
    let verdict = if limiting {
        Verdict::RateLimited
    } else {
        Verdict::Unreachable
    };
    let started = if pause.earlier_answers > 0 {
        format!(
            "After answering {} request(s) from this audit normally, {} refused the next {count}",
            pause.earlier_answers, pause.host
        )
    } else {
        format!(
            "{} refused the first {count} requests from this audit",
            pause.host
        )
    };
    let finding = Finding::new(
        ID,
        Area::Reachability,
        Status::Warn,
        "Not checked: the site started refusing automated requests",
    )
    .detail(format!(
        "{started} (HTTP {statuses}), including requests made as an ordinary browser. To stop adding to the load, the audit paused this site and did not request its remaining pages, this one included. A site that refuses a burst of automated requests may also refuse OAI-AdsBot when several ads are reviewed at once."
    ))
    .evidence("Site", pause.host.clone())
    .evidence("Last answers", format!("HTTP {statuses}"))
    .evidence(
        "Answered normally earlier in this audit",
        format!("{} request(s)", pause.earlier_answers),
    )
    .remedy("Ask whoever runs the site, its firewall or CDN to allowlist OAI-AdsBot (OpenAI publishes its addresses at https://openai.com/adsbot.json) and not to rate-limit it. Then run the audit again, a few minutes later.")
    .confidence(Confidence::Low);
    NotChecked {
        verdict,
        confidence: Confidence::Low,
        reason: format!(
            "Not checked: {} refused the audit's last {count} requests (HTTP {statuses}), so its remaining pages were not requested.",
            pause.host
        ),
        finding,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pause(statuses: &[u16], earlier_answers: u32) -> HostPause {
        HostPause {
            host: "shop.example".into(),
            statuses: statuses.to_vec(),
            earlier_answers,
        }
    }

    #[test]
    fn names_the_statuses_and_tells_what_to_do() {
        let n = not_checked(&pause(&[403, 403, 429, 403, 403], 12));
        assert_eq!(n.verdict, Verdict::RateLimited);
        assert_eq!(n.finding.id, "host-paused");
        assert_eq!(n.finding.status, Status::Warn);
        assert!(n.finding.detail.contains("12 request(s)"));
        assert!(n
            .finding
            .evidence
            .iter()
            .any(|e| e.value == "HTTP 403, 403, 429, 403, 403"));
        assert!(n.finding.remedy.contains("allowlist OAI-AdsBot"));
        assert!(n.finding.remedy.contains("run the audit again"));
        assert!(n.reason.contains("shop.example"));
    }

    #[test]
    fn refused_from_the_start_without_429_is_unreachable() {
        assert_eq!(
            not_checked(&pause(&[503; 5], 0)).verdict,
            Verdict::Unreachable
        );
        assert_eq!(
            not_checked(&pause(&[503; 5], 3)).verdict,
            Verdict::RateLimited
        );
        assert_eq!(
            not_checked(&pause(&[503, 429, 503, 503, 503], 0)).verdict,
            Verdict::RateLimited
        );
    }
}
