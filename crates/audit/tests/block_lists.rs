//! Copied AI-bot block lists served by real servers: the ai.robots.txt rule sets for robots.txt,
//! nginx, Apache (.htaccess) and HAProxy, in their current form (OAI-AdsBot listed by name) and
//! their older one (a case-insensitive "OpenAI" entry that matches openai.com in OAI-AdsBot's
//! full user agent). Each page must be judged blocked and the finding must name the rule set and
//! the line. The rule files here are written in each format with a short list of entries.

mod servers;

use preflight_audit::run::audit_page;
use preflight_audit::{FetchOptions, Fetcher, PageReport, Verdict};
use servers::{site_dir, write, PAGE};
use std::time::Duration;

const ENTRIES: &[&str] = &["GPTBot", "ClaudeBot", "CCBot", "OAI-SearchBot", "OpenAI"];

fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(5),
        ..FetchOptions::default()
    })
    .unwrap()
}

fn ids(p: &PageReport) -> Vec<String> {
    p.findings.iter().map(|f| f.id.clone()).collect()
}

/// The copied-block-list finding's text: title, detail and every evidence value.
fn block_list_text(p: &PageReport) -> String {
    let f = p
        .findings
        .iter()
        .find(|f| f.id == "copied-block-list")
        .unwrap_or_else(|| panic!("no copied-block-list finding: {:?}", ids(p)));
    let mut text = format!("{}\n{}\n", f.title, f.detail);
    for e in &f.evidence {
        text.push_str(&format!("{}: {}\n", e.label, e.value));
    }
    text.push_str(&f.remedy);
    text
}

fn entries(with_adsbot: bool, escape: impl Fn(&str) -> String, sep: &str) -> String {
    let mut all: Vec<String> = ENTRIES.iter().map(|e| escape(e)).collect();
    if with_adsbot {
        all.insert(2, escape("OAI-AdsBot"));
    }
    all.join(sep)
}

#[tokio::test]
async fn nginx_rule_sets_current_and_older() {
    let dir = site_dir();
    for page in ["current", "older", "free"] {
        write(dir.path(), &format!("www/{page}/index.html"), PAGE);
    }
    let current = entries(true, |e| e.replace('-', "\\-"), "|");
    let older = entries(false, |e| e.replace('-', "\\-"), "|");
    let body = format!(
        r#"location = /robots.txt {{ return 200 "User-agent: *\nAllow: /\n"; }}
        location /current/ {{
            if ($http_user_agent ~ '\b({current})\b') {{ return 403; }}
        }}
        location /older/ {{
            if ($http_user_agent ~* "({older})") {{ return 403; }}
        }}"#
    );
    let nginx = servers::nginx(dir, &body);
    let f = fetcher();

    let free = audit_page(&f, &nginx.url("/free/")).await;
    assert_eq!(free.verdict, Verdict::Reachable, "{:?}", ids(&free));
    assert!(!ids(&free).contains(&"copied-block-list".to_string()));

    let page = audit_page(&f, &nginx.url("/current/")).await;
    assert_eq!(page.verdict, Verdict::Blocked, "{:?}", ids(&page));
    let text = block_list_text(&page);
    assert!(text.contains("ai.robots.txt"), "{text}");
    assert!(text.contains("nginx-block-ai-bots.conf"), "{text}");
    assert!(text.contains("OAI-AdsBot"), "{text}");
    assert!(!text.contains("before September 2026"), "{text}");

    let page = audit_page(&f, &nginx.url("/older/")).await;
    assert_eq!(page.verdict, Verdict::Blocked, "{:?}", ids(&page));
    assert!(ids(&page).contains(&"full-user-agent-blocked".to_string()));
    let text = block_list_text(&page);
    assert!(text.contains("before September 2026"), "{text}");
    assert!(text.contains("“OpenAI”"), "{text}");
}

#[tokio::test]
async fn apache_htaccess_rule_sets_current_and_older() {
    let dir = site_dir();
    let rule = |with_adsbot: bool| {
        format!(
            "RewriteEngine On\nRewriteCond %{{HTTP_USER_AGENT}} ({}) [NC]\nRewriteRule !^/?robots\\.txt$ - [F,L]\n",
            entries(with_adsbot, |e| e.replace('-', "\\-"), "|")
        )
    };
    for (page, htaccess) in [
        ("current", Some(rule(true))),
        ("older", Some(rule(false))),
        ("free", None),
    ] {
        write(dir.path(), &format!("www/{page}/index.html"), PAGE);
        if let Some(h) = htaccess {
            write(dir.path(), &format!("www/{page}/.htaccess"), &h);
        }
    }
    write(dir.path(), "www/robots.txt", "User-agent: *\nAllow: /\n");
    let apache = servers::apache(dir);
    let f = fetcher();

    let free = audit_page(&f, &apache.url("/free/")).await;
    assert_eq!(free.verdict, Verdict::Reachable, "{:?}", ids(&free));

    let page = audit_page(&f, &apache.url("/current/")).await;
    assert_eq!(page.verdict, Verdict::Blocked, "{:?}", ids(&page));
    let text = block_list_text(&page);
    assert!(
        text.contains(".htaccess") && text.contains("[NC]"),
        "{text}"
    );
    assert!(text.contains("Apache"), "{text}");
    assert!(!text.contains("before September 2026"), "{text}");

    let page = audit_page(&f, &apache.url("/older/")).await;
    assert_eq!(page.verdict, Verdict::Blocked, "{:?}", ids(&page));
    assert!(ids(&page).contains(&"full-user-agent-blocked".to_string()));
    let text = block_list_text(&page);
    assert!(text.contains(".htaccess (before September 2026)"), "{text}");
}

#[tokio::test]
async fn haproxy_rule_sets_current_and_older() {
    for (with_adsbot, older) in [(true, false), (false, true)] {
        let dir = site_dir();
        write(dir.path(), "page.html", PAGE);
        write(
            dir.path(),
            "haproxy-block-ai-bots.txt",
            &(entries(with_adsbot, |e| e.to_string(), "\n") + "\n"),
        );
        let p = dir.path().display().to_string();
        let body = format!(
            r#"    acl ai_robot hdr_sub(user-agent) -i -f {p}/haproxy-block-ai-bots.txt
    http-request return status 200 content-type text/plain string "User-agent: *\nAllow: /\n" if {{ path /robots.txt }}
    http-request deny if ai_robot
    http-request return status 200 content-type "text/html; charset=utf-8" file {p}/page.html"#
        );
        let haproxy = servers::haproxy(dir, &body);
        let page = audit_page(&fetcher(), &haproxy.url("/landing")).await;
        assert_eq!(page.verdict, Verdict::Blocked, "{:?}", ids(&page));
        let text = block_list_text(&page);
        assert!(text.contains("HAProxy"), "{text}");
        assert!(text.contains("haproxy-block-ai-bots.txt"), "{text}");
        assert_eq!(text.contains("before September 2026"), older, "{text}");
    }
}

#[tokio::test]
async fn robots_txt_group_from_the_list_is_named_with_its_line() {
    let dir = site_dir();
    write(dir.path(), "www/offer/index.html", PAGE);
    let agents = [
        "GPTBot",
        "ClaudeBot",
        "CCBot",
        "Bytespider",
        "Amazonbot",
        "Google-Extended",
        "PerplexityBot",
        "OAI-SearchBot",
        "OAI-AdsBot",
        "Meta-ExternalAgent",
        "cohere-ai",
    ];
    let mut robots = String::from("# Block AI crawlers\n");
    for a in agents {
        robots.push_str(&format!("User-agent: {a}\n"));
    }
    robots.push_str("Disallow: /\n\nUser-agent: *\nAllow: /\n");
    write(dir.path(), "www/robots.txt", &robots);
    let nginx = servers::nginx(dir, "");
    let page = audit_page(&fetcher(), &nginx.url("/offer/")).await;
    assert_eq!(page.verdict, Verdict::RobotsBlocked, "{:?}", ids(&page));
    let text = block_list_text(&page);
    assert!(text.contains("ai.robots.txt"), "{text}");
    // OAI-AdsBot is the ninth agent, after the comment line.
    assert!(
        text.contains("robots.txt line 10: User-agent: OAI-AdsBot"),
        "{text}"
    );
}

#[tokio::test]
async fn a_short_hand_written_group_is_not_called_a_copied_list() {
    let dir = site_dir();
    write(dir.path(), "www/offer/index.html", PAGE);
    write(
        dir.path(),
        "www/robots.txt",
        "User-agent: GPTBot\nUser-agent: OAI-AdsBot\nDisallow: /\n",
    );
    let nginx = servers::nginx(dir, "");
    let page = audit_page(&fetcher(), &nginx.url("/offer/")).await;
    assert_eq!(page.verdict, Verdict::RobotsBlocked);
    assert!(
        !ids(&page).contains(&"copied-block-list".to_string()),
        "{:?}",
        ids(&page)
    );
}
