//! Firewall and CDN identification from the responses already fetched (passive only).

use crate::agents::Agent;
use crate::artifacts::FetchArtifact;
use preflight_model::Finding;
use preflight_waf::{Classification, ResponseSnapshot};

fn snapshot(fetch: &FetchArtifact) -> Option<ResponseSnapshot> {
    let status = fetch.status?;
    let mut snap = ResponseSnapshot::new(status).body(fetch.body_head.clone());
    for h in &fetch.headers {
        snap = snap.header(h.name.clone(), h.value.clone());
    }
    if let Some(url) = &fetch.final_url {
        snap = snap.final_url(url.clone());
    }
    Some(snap)
}

pub struct FirewallResult {
    pub bot: Option<Classification>,
    pub findings: Vec<Finding>,
}

/// Classifies OAI-AdsBot's response, with the browser's as the baseline.
pub fn check(fetches: &[FetchArtifact]) -> FirewallResult {
    let of = |agent| {
        fetches
            .iter()
            .find(|f| f.agent == agent)
            .and_then(snapshot)
            .map(|s| preflight_waf::classify(&s))
    };
    let bot = of(Agent::Adsbot);
    let browser = of(Agent::Browser);
    let findings = match &bot {
        Some(bot) => preflight_waf::findings(bot, browser.as_ref()),
        None => Vec::new(),
    };
    FirewallResult { bot, findings }
}
