//! Every GA4 channel rule is said in plain words; Google's exact wording, regular expressions
//! included, is kept beside it for whoever asks.

use preflight_utm::ga4_channel;

fn assert_plain(words: &str, rule: &str) {
    for mark in ["^", "$", ".*", "|", "regex", "[", "]"] {
        assert!(!words.contains(mark), "{rule}: {words:?} contains {mark:?}");
    }
    assert!(!words.trim().is_empty(), "{rule} has no words");
}

#[test]
fn rules_with_a_regular_expression_are_said_in_words_with_the_exact_rule_beside_them() {
    let cases = [
        ("google", "cpc", "", "paid-search"),
        ("facebook", "paid_social", "", "paid-social"),
        ("youtube", "cpc", "", "paid-video"),
        ("chatgpt", "cpc", "spring", "paid-other"),
        ("chatgpt", "cpc", "eshop-spring", "paid-shopping"),
        (
            "newsletter",
            "referral",
            "summer-shopping",
            "organic-shopping",
        ),
        ("partner", "video-banner", "", "organic-video"),
        ("e-mail", "", "", "email"),
    ];
    for (source, medium, campaign, rule) in cases {
        let preview = ga4_channel(source, medium, campaign);
        assert_eq!(preview.rule_id, rule, "{source}/{medium}/{campaign}");
        assert_plain(&preview.rule_words, rule);
        assert_ne!(preview.rule_words, preview.rule_text, "{rule}");
    }
    let paid = ga4_channel("chatgpt", "cpc", "");
    assert!(paid.rule_text.contains("^(.*cp.*|ppc|retargeting|paid.*)$"));
    assert!(
        paid.rule_words.contains("Medium contains “cp”"),
        "{}",
        paid.rule_words
    );
}

#[test]
fn plain_rules_are_their_own_words() {
    let preview = ga4_channel("partner", "affiliate", "");
    assert_eq!(preview.rule_id, "affiliates");
    assert_eq!(preview.rule_words, preview.rule_text);
    let none = ga4_channel("chatgpt", "zzz-unknown", "");
    assert_eq!(none.rule_id, "unassigned");
    assert_plain(&none.rule_words, "unassigned");
}
