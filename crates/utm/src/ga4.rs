//! GA4 default channel preview: which channel a session with this source, medium and campaign
//! would land in. The rules are data (`data/ga4_channels.toml`); this module only evaluates
//! them, case-insensitively, first match wins.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::data::{policy, CompiledCondition, CompiledTest, Ga4Field, GA4};

/// The channel GA4's default channel group would most likely assign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct ChannelPreview {
    /// Channel name as GA4 shows it ("Paid Other", "Unassigned").
    pub channel: String,
    /// Id of the rule that matched (`unassigned` when none did).
    pub rule_id: String,
    /// The rule in plain words, as every view shows it.
    pub rule_words: String,
    /// The exact rule in Google's words, regular expressions included (shown on request).
    pub rule_text: String,
    /// True when the rule (or its position) is our inference rather than Google's text.
    pub inferred: bool,
}

/// The values a preview was computed from, after GA4's defaults for missing values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Ga4Inputs {
    pub source: String,
    pub medium: String,
    pub campaign: String,
    /// True when the URL has neither utm_source nor utm_medium, so GA4 falls back to the
    /// referrer: a ChatGPT click then looks like organic ChatGPT traffic.
    pub from_referrer: bool,
}

/// What is wrong with where GA4 would put a paid click, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ChannelRisk {
    /// No channel rule matches: the clicks drop out of every channel report.
    Unassigned,
    /// The clicks land where organic ChatGPT visits land (its own source, the AI Assistant or
    /// Referral channel, or the referrer because nothing is tagged), so the two cannot be told
    /// apart.
    OrganicMix,
}

/// The risk of a preview: Unassigned first, then mixing with organic ChatGPT traffic, judged
/// from the organic sources and channel rules in `data/utm_policy.toml`.
pub fn channel_risk(inputs: &Ga4Inputs, preview: &ChannelPreview) -> Option<ChannelRisk> {
    let p = policy();
    let source = inputs.source.trim().to_lowercase();
    if preview.rule_id == "unassigned" {
        Some(ChannelRisk::Unassigned)
    } else if inputs.from_referrer
        || p.organic_ai_rules.contains(&preview.rule_id)
        || p.organic_chatgpt_sources.contains(&source)
    {
        Some(ChannelRisk::OrganicMix)
    } else {
        None
    }
}

/// The channel for a source, medium and campaign. Empty values are treated as `(not set)`.
pub fn ga4_channel(source: &str, medium: &str, campaign: &str) -> ChannelPreview {
    let source = fold(source);
    let medium = fold(medium);
    let campaign = fold(campaign);
    for rule in &GA4.rules {
        let matches = rule.when.iter().all(|group| {
            group
                .iter()
                .any(|c| condition_matches(c, &source, &medium, &campaign))
        });
        if matches {
            return ChannelPreview {
                channel: rule.channel.clone(),
                rule_id: rule.id.clone(),
                rule_words: rule.words.clone(),
                rule_text: rule.text.clone(),
                inferred: rule.inferred,
            };
        }
    }
    ChannelPreview {
        channel: "Unassigned".to_string(),
        rule_id: "unassigned".to_string(),
        rule_words: "No rule matched: GA4 reports the session as Unassigned.".to_string(),
        rule_text: "No rule matched: GA4 reports the session as Unassigned.".to_string(),
        inferred: false,
    }
}

/// Preview for a URL's UTM values (`None` = parameter absent). Without source and medium, GA4
/// uses the referrer; for a click from ChatGPT that is taken to be `chatgpt.com` with medium
/// `ai-assistant`, as reported for GA4's 2026 AI Assistant channel (an inference).
pub fn preview_for_utms(
    source: Option<&str>,
    medium: Option<&str>,
    campaign: Option<&str>,
) -> (Ga4Inputs, ChannelPreview) {
    let (source, medium, campaign, from_referrer) =
        match (present(source), present(medium), present(campaign)) {
            (None, None, c) => (
                "chatgpt.com".to_string(),
                "ai-assistant".to_string(),
                c.unwrap_or("(ai-assistant)").to_string(),
                true,
            ),
            (s, m, c) => (
                s.unwrap_or("(not set)").to_string(),
                m.unwrap_or("(not set)").to_string(),
                c.unwrap_or("(not set)").to_string(),
                false,
            ),
        };
    let preview = ga4_channel(&source, &medium, &campaign);
    (
        Ga4Inputs {
            source,
            medium,
            campaign,
            from_referrer,
        },
        preview,
    )
}

fn present(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

/// Lowercase and trim; an empty value is GA4's `(not set)`.
fn fold(value: &str) -> String {
    let v = value.trim().to_lowercase();
    if v.is_empty() {
        "(not set)".to_string()
    } else {
        v
    }
}

fn condition_matches(c: &CompiledCondition, source: &str, medium: &str, campaign: &str) -> bool {
    let value = match c.field {
        Ga4Field::Source => source,
        Ga4Field::Medium => medium,
        Ga4Field::Campaign => campaign,
    };
    match &c.test {
        CompiledTest::Equals(list) => list.iter().any(|v| v == value),
        CompiledTest::Contains(list) => list.iter().any(|v| value.contains(v.as_str())),
        CompiledTest::EndsWith(list) => list.iter().any(|v| value.ends_with(v.as_str())),
        CompiledTest::Regex(re) => re.is_match(value),
        CompiledTest::InList(set) => {
            set.contains(value) || value.strip_prefix("www.").is_some_and(|v| set.contains(v))
        }
    }
}

/// The GA4 source categories (search, social, shopping, video) a source is listed in.
pub fn source_categories(source: &str) -> Vec<&'static str> {
    let s = source.trim().to_lowercase();
    let bare = s.strip_prefix("www.").unwrap_or(&s);
    let mut out: Vec<&'static str> = GA4
        .source_lists
        .iter()
        .filter(|(_, set)| set.contains(&s) || set.contains(bare))
        .map(|(name, _)| name.as_str())
        .collect();
    out.sort_unstable();
    out
}

/// Ordered rule ids, for documentation and the UI.
pub fn rule_ids() -> Vec<&'static str> {
    GA4.rules.iter().map(|r| r.id.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(s: &str, m: &str, c: &str) -> String {
        let p = ga4_channel(s, m, c);
        format!("{}|{}", p.rule_id, p.channel)
    }

    #[test]
    fn one_case_per_rule() {
        let cases = [
            (("(direct)", "(none)", ""), "direct|Direct"),
            (
                ("chatgpt", "cpc", "Spring Cross-Network Push"),
                "cross-network|Cross-network",
            ),
            (("amazon", "cpc", "spring"), "paid-shopping|Paid Shopping"),
            (
                ("chatgpt", "cpc", "summer_shopping"),
                "paid-shopping|Paid Shopping",
            ),
            (("google", "cpc", "spring"), "paid-search|Paid Search"),
            (
                ("facebook", "paid_social", "spring"),
                "paid-social|Paid Social",
            ),
            (
                ("youtube", "retargeting", "spring"),
                "paid-video|Paid Video",
            ),
            (("chatgpt", "banner", "spring"), "display|Display"),
            (("chatgpt", "cpc", "spring"), "paid-other|Paid Other"),
            (
                ("etsy", "(none)", "spring"),
                "organic-shopping|Organic Shopping",
            ),
            (
                ("newsletter", "social-media", "spring"),
                "organic-social|Organic Social",
            ),
            (
                ("partner", "video_embed", "spring"),
                "organic-video|Organic Video",
            ),
            (
                ("duckduckgo.com", "referral", "x"),
                "organic-search|Organic Search",
            ),
            (
                ("chatgpt.com", "ai-assistant", "(ai-assistant)"),
                "ai-assistant|AI Assistant",
            ),
            (("chatgpt.com", "referral", "x"), "referral|Referral"),
            (("e-mail", "newsletter", "x"), "email|Email"),
            (("partner", "affiliate", "x"), "affiliates|Affiliates"),
            (("podcast", "audio", "x"), "audio|Audio"),
            (("sms", "text", "x"), "sms|SMS"),
            (
                ("app", "web_push", "x"),
                "mobile-push|Mobile Push Notifications",
            ),
            (("chatgpt", "ai", "spring"), "unassigned|Unassigned"),
        ];
        for ((s, m, c), want) in cases {
            assert_eq!(channel(s, m, c), want, "source={s} medium={m} campaign={c}");
        }
        // Every rule in the table has a case above.
        for id in rule_ids() {
            assert!(
                cases.iter().any(|(_, w)| w.starts_with(&format!("{id}|"))),
                "rule {id} has no test case"
            );
        }
    }

    #[test]
    fn matching_ignores_case_and_www() {
        assert_eq!(channel("ChatGPT", "CPC", "x"), "paid-other|Paid Other");
        assert_eq!(
            channel("WWW.Bing.com", "PPC", "x"),
            "paid-search|Paid Search"
        );
        assert_eq!(channel("chatgpt", "Paid_AI", "x"), "paid-other|Paid Other");
    }

    #[test]
    fn shop_regex_needs_a_word_start() {
        // [^a-df-z] lets "e", digits and separators precede "shop", but not other letters.
        assert_eq!(
            channel("chatgpt", "cpc", "eshop"),
            "paid-shopping|Paid Shopping"
        );
        assert_eq!(
            channel("chatgpt", "cpc", "summer-shop"),
            "paid-shopping|Paid Shopping"
        );
        assert_eq!(
            channel("chatgpt", "cpc", "workshop"),
            "paid-other|Paid Other"
        );
    }

    #[test]
    fn source_categories_come_from_the_lists() {
        assert_eq!(source_categories("www.youtube.com"), vec!["video"]);
        assert_eq!(source_categories("Google"), vec!["search"]);
        assert!(source_categories("chatgpt").is_empty());
        assert!(source_categories("chatgpt.com").is_empty());
    }

    #[test]
    fn first_match_wins() {
        // google + cpc + a shopping campaign: Paid Shopping comes before Paid Search.
        assert_eq!(
            channel("google", "cpc", "shopping"),
            "paid-shopping|Paid Shopping"
        );
    }

    #[test]
    fn chatgpt_traffic_defaults() {
        let (inputs, p) = preview_for_utms(None, None, None);
        assert!(inputs.from_referrer);
        assert_eq!(p.channel, "AI Assistant");
        assert!(p.inferred);
        let (inputs, p) = preview_for_utms(Some("chatgpt"), None, Some("x"));
        assert_eq!(inputs.medium, "(not set)");
        assert_eq!(p.channel, "Unassigned");
        let (_, p) = preview_for_utms(Some("chatgpt.com"), Some(" "), None);
        assert_eq!(p.channel, "Unassigned");
    }

    #[test]
    fn risk_flags_unassigned_and_organic_chatgpt_traffic() {
        let risk = |s: Option<&str>, m: Option<&str>| {
            let (inputs, preview) = preview_for_utms(s, m, Some("spring"));
            channel_risk(&inputs, &preview)
        };
        assert_eq!(risk(Some("chatgpt"), Some("cpc")), None);
        assert_eq!(
            risk(Some("chatgpt"), Some("ai")),
            Some(ChannelRisk::Unassigned)
        );
        // Untagged: GA4 falls back to the referrer, like organic ChatGPT links.
        assert_eq!(risk(None, None), Some(ChannelRisk::OrganicMix));
        // Organic ChatGPT's own source, in any case, even with a paid medium.
        assert_eq!(
            risk(Some(" ChatGPT.com "), Some("cpc")),
            Some(ChannelRisk::OrganicMix)
        );
        assert_eq!(
            risk(Some("chat.openai.com"), Some("cpc")),
            Some(ChannelRisk::OrganicMix)
        );
        // The channels organic AI-assistant visits land in.
        assert_eq!(
            risk(Some("chatgpt"), Some("referral")),
            Some(ChannelRisk::OrganicMix)
        );
        assert_eq!(
            risk(Some("chatgpt"), Some("ai-assistant")),
            Some(ChannelRisk::OrganicMix)
        );
        let json = serde_json::to_value(ChannelRisk::OrganicMix).unwrap();
        assert_eq!(json, "organic-mix");
    }
}
