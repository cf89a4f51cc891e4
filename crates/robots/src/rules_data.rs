//! Vendor knowledge kept as data (`data/robots-rules.json`) so it can be corrected without
//! touching code: directive spellings, the parse limit and OAI-AdsBot's identity.

use serde::Deserialize;
use std::sync::OnceLock;

const RULES_JSON: &str = include_str!("../data/robots-rules.json");

#[derive(Debug, Deserialize)]
pub(crate) struct RulesData {
    /// RFC 9309 §2.5: crawlers must parse at least 500 KiB; we parse exactly that much.
    pub max_parsed_bytes: usize,
    pub directive_keys: DirectiveKeys,
    pub ads_bot: AdsBot,
}

/// Lower-case spellings of each directive name, including the frequent typos Google's
/// reference parser accepts.
#[derive(Debug, Deserialize)]
pub(crate) struct DirectiveKeys {
    pub user_agent: Vec<String>,
    pub allow: Vec<String>,
    pub disallow: Vec<String>,
    pub sitemap: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct AdsBot {
    pub token: String,
    pub full_user_agent: String,
    pub recommended_group: Vec<String>,
}

/// The embedded rules, parsed once. The file ships inside the binary and is checked by tests,
/// so a parse failure is a build defect, not a runtime condition.
pub(crate) fn rules() -> &'static RulesData {
    static RULES: OnceLock<RulesData> = OnceLock::new();
    RULES.get_or_init(|| {
        serde_json::from_str(RULES_JSON)
            .expect("data/robots-rules.json is valid (checked by tests)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::is_valid_product_token;

    #[test]
    fn data_file_parses_and_is_consistent() {
        let r = rules();
        assert_eq!(r.max_parsed_bytes, 500 * 1024);
        let keys = &r.directive_keys;
        let all: Vec<&String> = keys
            .user_agent
            .iter()
            .chain(&keys.allow)
            .chain(&keys.disallow)
            .chain(&keys.sitemap)
            .collect();
        for key in &all {
            assert_eq!(
                key.as_str(),
                key.to_ascii_lowercase(),
                "keys are lower case"
            );
            assert!(!key.contains(':'), "keys hold no separator");
        }
        let unique: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(
            unique.len(),
            all.len(),
            "a spelling belongs to one directive only"
        );
        assert!(keys.user_agent.iter().any(|k| k == "user-agent"));
        assert!(keys.allow.iter().any(|k| k == "allow"));
        assert!(keys.disallow.iter().any(|k| k == "disallow"));

        assert!(is_valid_product_token(&r.ads_bot.token));
        assert!(r.ads_bot.full_user_agent.contains(&r.ads_bot.token));
        assert_eq!(
            r.ads_bot.recommended_group.first().map(String::as_str),
            Some(format!("User-agent: {}", r.ads_bot.token).as_str())
        );
    }
}
