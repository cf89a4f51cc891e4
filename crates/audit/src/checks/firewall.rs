//! Firewall and CDN identification from the responses already fetched (passive only).

use crate::agents::Agent;
use crate::artifacts::FetchArtifact;
use preflight_model::Finding;
use preflight_waf::{Baselines, Classification, ResponseSnapshot};

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

/// Classifies OAI-AdsBot's response, with the browser's and the bare token's as baselines.
pub fn check(fetches: &[FetchArtifact]) -> FirewallResult {
    let snap = |agent| fetches.iter().find(|f| f.agent == agent).and_then(snapshot);
    let browser_snap = snap(Agent::Browser);
    let bot =
        snap(Agent::Adsbot).map(|s| preflight_waf::classify_compared(&s, browser_snap.as_ref()));
    let browser = browser_snap.as_ref().map(preflight_waf::classify);
    let token = snap(Agent::AdsbotToken).map(|s| preflight_waf::classify(&s));
    let findings = match &bot {
        Some(bot) => preflight_waf::findings_compared(
            bot,
            Baselines {
                browser: browser.as_ref(),
                token: token.as_ref(),
            },
        ),
        None => Vec::new(),
    };
    FirewallResult { bot, findings }
}
