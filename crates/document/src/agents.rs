//! The identities Preflight fetches a page as. The strings live in `data/user-agents.json` so they
//! can be updated without touching code.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

/// Who a request pretended to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Agent {
    /// OpenAI's full published OAI-AdsBot user agent.
    Adsbot,
    /// Only the product token `OAI-AdsBot`: tells a rule on the token from a rule on another part
    /// of the full string (such as a case-insensitive `openai` block).
    AdsbotToken,
    /// A current desktop Chrome: the baseline a visitor would get.
    Browser,
}

#[derive(Deserialize)]
struct UserAgents {
    adsbot_full: String,
    adsbot_token: String,
    browser: String,
}

fn table() -> &'static UserAgents {
    static TABLE: OnceLock<UserAgents> = OnceLock::new();
    TABLE.get_or_init(|| {
        serde_json::from_str(include_str!("../data/user-agents.json"))
            .expect("data/user-agents.json is valid (checked by a test)")
    })
}

impl Agent {
    pub const ALL: [Agent; 3] = [Agent::Adsbot, Agent::AdsbotToken, Agent::Browser];

    /// The exact User-Agent header sent.
    pub fn user_agent(self) -> &'static str {
        let t = table();
        match self {
            Agent::Adsbot => &t.adsbot_full,
            Agent::AdsbotToken => &t.adsbot_token,
            Agent::Browser => &t.browser,
        }
    }

    /// A short name for people.
    pub fn label(self) -> &'static str {
        match self {
            Agent::Adsbot => "OAI-AdsBot (full user agent)",
            Agent::AdsbotToken => "OAI-AdsBot (token only)",
            Agent::Browser => "Desktop browser",
        }
    }
}

/// The robots.txt product token of OpenAI's ads crawler.
pub fn adsbot_token() -> &'static str {
    &table().adsbot_token
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_full_agent_carries_the_token() {
        assert!(Agent::Adsbot
            .user_agent()
            .contains(Agent::AdsbotToken.user_agent()));
        assert!(Agent::Adsbot
            .user_agent()
            .contains("+https://openai.com/adsbot"));
        assert!(Agent::Browser.user_agent().contains("Chrome/"));
        assert_eq!(adsbot_token(), "OAI-AdsBot");
    }
}
