//! Realistic robots.txt files checked end to end through the public API.

use preflight_robots::{
    evaluate, finding_ids as ids, render_text, robots_findings, GroupUsed, RuleKind,
};

const AGENT: &str = "OAI-AdsBot";
const AD_URL: &str =
    "https://shop.example/landing?utm_source=chatgpt&utm_medium=cpc&oppref=gAAAA_test";

/// Cloudflare's managed block sits in front of the site's own file.
const CLOUDFLARE_MANAGED: &str = "\
# As a condition of accessing this website, you agree to abide by the following content signals:
# BEGIN Cloudflare Managed content

User-Agent: *
Content-signal: search=yes,ai-train=no
Allow: /

User-agent: Amazonbot
Disallow: /

User-agent: ClaudeBot
Disallow: /

User-agent: GPTBot
Disallow: /

# END Cloudflare Managed Content

User-agent: *
Disallow: /cart
Disallow: /*?utm
Sitemap: https://shop.example/sitemap.xml
";

fn ids_of(robots: &[u8], url: &str) -> Vec<String> {
    robots_findings(&evaluate(robots, AGENT, url).unwrap())
        .into_iter()
        .map(|f| f.id)
        .collect()
}

#[test]
fn cloudflare_managed_file_merges_with_the_sites_rules() {
    let v = evaluate(CLOUDFLARE_MANAGED.as_bytes(), AGENT, AD_URL).unwrap();
    assert!(
        !v.allowed,
        "the site's `Disallow: /*?utm` still applies after merging"
    );
    let rule = v.matched_rule.as_ref().unwrap();
    assert_eq!((rule.line, rule.text.as_str()), (21, "Disallow: /*?utm"));
    match &v.group {
        GroupUsed::Global { lines } => assert_eq!(
            lines.iter().map(|l| l.line).collect::<Vec<_>>(),
            vec![4, 19]
        ),
        other => panic!("expected the merged * groups, got {other:?}"),
    }
    let bare = v.bare_url.as_ref().unwrap();
    assert!(bare.allowed);
    assert_eq!(
        bare.matched_rule.as_ref().map(|r| (r.kind, r.line)),
        Some((RuleKind::Allow, 6))
    );
    assert_eq!(
        ids_of(CLOUDFLARE_MANAGED.as_bytes(), AD_URL),
        vec![ids::BLOCKS_TAGGED_URL, ids::NO_AGENT_GROUP]
    );
    // GPTBot is blocked by Cloudflare's named group; OAI-AdsBot is not named there.
    assert!(
        !evaluate(
            CLOUDFLARE_MANAGED.as_bytes(),
            "GPTBot",
            "https://shop.example/"
        )
        .unwrap()
        .allowed
    );
}

#[test]
fn adding_the_recommended_group_fixes_the_cloudflare_case() {
    let fixed = format!("User-agent: OAI-AdsBot\nAllow: /\n\n{CLOUDFLARE_MANAGED}");
    assert_eq!(ids_of(fixed.as_bytes(), AD_URL), vec![ids::ALLOWS]);
}

#[test]
fn question_mark_block_is_the_same_trap() {
    let robots = b"User-agent: *\nDisallow: /*?\n";
    assert_eq!(
        ids_of(robots, AD_URL),
        vec![ids::BLOCKS_TAGGED_URL, ids::NO_AGENT_GROUP]
    );
    assert_eq!(
        ids_of(robots, "https://shop.example/landing"),
        vec![ids::ALLOWS, ids::NO_AGENT_GROUP]
    );
}

#[test]
fn shop_style_defaults_do_not_block_tagged_product_pages() {
    let robots = b"User-agent: *\nDisallow: /admin\nDisallow: /cart\nDisallow: /checkouts/\nDisallow: /*?*oseid*\nDisallow: /*preview_theme_id*\nDisallow: /search\nDisallow: /collections/*sort_by*\n";
    let v = evaluate(
        robots,
        AGENT,
        "https://shop.example/products/blue-shirt?utm_source=chatgpt",
    )
    .unwrap();
    assert!(v.allowed);
    assert!(v.matched_rule.is_none());
    assert!(
        !evaluate(
            robots,
            AGENT,
            "https://shop.example/collections/all?sort_by=price"
        )
        .unwrap()
        .allowed
    );
}

#[test]
fn windows_file_with_bom_and_crlf_reports_right_line_numbers() {
    let robots = b"\xEF\xBB\xBF# shop\r\nUser-agent: *\r\nDisallow: /\r\n\r\nUser-agent: oai-adsbot\r\nAllow: /landing\r\n";
    let v = evaluate(robots, AGENT, AD_URL).unwrap();
    assert!(v.allowed);
    assert_eq!(
        v.matched_rule.as_ref().map(|r| (r.line, r.text.as_str())),
        Some((6, "Allow: /landing"))
    );
    assert_eq!(
        v.group,
        GroupUsed::Specific {
            lines: vec![preflight_robots::SourceLine {
                line: 5,
                text: "User-agent: oai-adsbot".into()
            }]
        }
    );
}

#[test]
fn group_written_with_the_full_user_agent_string_is_ignored() {
    let robots = "User-agent: Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot\nAllow: /\n\nUser-agent: *\nDisallow: /*?utm\n";
    assert_eq!(
        ids_of(robots.as_bytes(), AD_URL),
        vec![
            ids::BLOCKS_TAGGED_URL,
            ids::NO_AGENT_GROUP,
            ids::FULL_UA_LINE
        ]
    );
    let text = render_text(&evaluate(robots.as_bytes(), AGENT, AD_URL).unwrap());
    assert!(
        text.contains("line 1 is not a valid User-agent line"),
        "{text}"
    );
}

#[test]
fn non_utf8_file_still_evaluates() {
    let robots = b"User-agent: *\nDisallow: /t\xE9l\xE9\nDisallow: /\xFF\xFE\n";
    let v = evaluate(robots, AGENT, "https://shop.example/t%E9l%E9/x").unwrap();
    assert!(!v.allowed);
    assert_eq!(v.matched_rule.unwrap().line, 2);
    assert!(
        evaluate(robots, AGENT, "https://shop.example/landing")
            .unwrap()
            .allowed
    );
}
