//! Recognising OpenAI's crawlers by the token in their user agent.

use memchr::memmem::Finder;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// OpenAI's crawlers. Version numbers change (GPTBot/1.3 became 1.4), so only the token is
/// matched, case-insensitively.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
pub enum OpenAiAgent {
    /// Checks pages submitted as ChatGPT ads; the one ads review needs.
    #[serde(rename = "OAI-AdsBot")]
    OaiAdsBot,
    #[serde(rename = "OAI-SearchBot")]
    OaiSearchBot,
    #[serde(rename = "GPTBot")]
    GptBot,
    #[serde(rename = "ChatGPT-User")]
    ChatGptUser,
}

impl OpenAiAgent {
    pub const ALL: [OpenAiAgent; 4] = [
        OpenAiAgent::OaiAdsBot,
        OpenAiAgent::OaiSearchBot,
        OpenAiAgent::GptBot,
        OpenAiAgent::ChatGptUser,
    ];

    /// The user-agent token, as OpenAI spells it.
    pub fn token(self) -> &'static str {
        match self {
            OpenAiAgent::OaiAdsBot => "OAI-AdsBot",
            OpenAiAgent::OaiSearchBot => "OAI-SearchBot",
            OpenAiAgent::GptBot => "GPTBot",
            OpenAiAgent::ChatGptUser => "ChatGPT-User",
        }
    }
}

/// Finds which OpenAI agent, if any, a user agent names. Keeps one lower-case scratch buffer
/// so that checking millions of lines allocates nothing.
pub struct AgentMatcher {
    finders: Vec<(OpenAiAgent, Finder<'static>)>,
    lowered: Vec<u8>,
}

impl AgentMatcher {
    /// A matcher for OAI-AdsBot, plus the other OpenAI agents when `all_agents` is set.
    pub fn new(all_agents: bool) -> Self {
        let agents: &[OpenAiAgent] = if all_agents {
            &OpenAiAgent::ALL
        } else {
            &OpenAiAgent::ALL[..1]
        };
        let finders = agents
            .iter()
            .map(|agent| {
                let needle = agent.token().to_ascii_lowercase().into_bytes();
                (*agent, Finder::new(&needle).into_owned())
            })
            .collect();
        AgentMatcher {
            finders,
            lowered: Vec::new(),
        }
    }

    /// The first agent (OAI-AdsBot first) whose token appears in the user agent.
    pub fn classify(&mut self, user_agent: &[u8]) -> Option<OpenAiAgent> {
        self.lowered.clear();
        self.lowered
            .extend(user_agent.iter().map(u8::to_ascii_lowercase));
        self.finders
            .iter()
            .find(|(_, finder)| finder.find(&self.lowered).is_some())
            .map(|(agent, _)| *agent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_tokens_case_insensitively() {
        let mut m = AgentMatcher::new(true);
        let ads = b"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot";
        assert_eq!(m.classify(ads), Some(OpenAiAgent::OaiAdsBot));
        assert_eq!(m.classify(b"oai-adsbot/2.0"), Some(OpenAiAgent::OaiAdsBot));
        assert_eq!(
            m.classify(b"compatible; GPTBot/1.4"),
            Some(OpenAiAgent::GptBot)
        );
        assert_eq!(
            m.classify(b"x; OAI-SearchBot/1.3; robots.txt"),
            Some(OpenAiAgent::OaiSearchBot)
        );
        assert_eq!(
            m.classify(b"compatible; ChatGPT-User/1.0"),
            Some(OpenAiAgent::ChatGptUser)
        );
        assert_eq!(
            m.classify(b"Mozilla/5.0 (Windows NT 10.0) Chrome/131"),
            None
        );
        assert_eq!(m.classify(b"\xff\xfe"), None);
    }

    #[test]
    fn ads_only_matcher_ignores_other_agents() {
        let mut m = AgentMatcher::new(false);
        assert_eq!(m.classify(b"GPTBot/1.3"), None);
        assert_eq!(m.classify(b"OAI-AdsBot/1.0"), Some(OpenAiAgent::OaiAdsBot));
    }
}
