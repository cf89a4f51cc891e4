//! Verdicts against a real web server: nginx started on 127.0.0.1 with user-agent rules like the
//! ones sites really use, including the case-insensitive `openai` rule from a popular AI-bot
//! block list (it also matches OAI-AdsBot's full user agent, which contains
//! "+https://openai.com/adsbot"). Needs the `nginx` binary (Debian: apt install nginx).

mod servers;

use preflight_audit::run::audit_page;
use preflight_audit::{FetchOptions, Fetcher, Verdict};
use servers::{site_dir, write, ServerProcess, PAGE};
use std::time::Duration;

fn start_nginx() -> ServerProcess {
    let dir = site_dir();
    for page in ["ok", "openai-rule", "token-rule"] {
        write(dir.path(), &format!("www/{page}/index.html"), PAGE);
    }
    servers::nginx(
        dir,
        r#"location = /robots.txt { return 200 "User-agent: *\nDisallow: /private/\n"; }
        location /openai-rule/ {
            # As in a popular AI-bot block list: case-insensitive, so "openai.com/adsbot" matches too.
            if ($http_user_agent ~* "(GPTBot|ClaudeBot|openai)") { return 403; }
        }
        location /token-rule/ {
            if ($http_user_agent ~ "OAI-AdsBot") { return 403; }
        }
        location = /moved { return 301 /ok/; }"#,
    )
}

#[tokio::test]
async fn verdicts_against_a_real_nginx_with_bot_rules() {
    let nginx = start_nginx();
    let url = |path: &str| format!("http://127.0.0.1:{}{path}", nginx.port);
    let fetcher = Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(5),
        ..FetchOptions::default()
    })
    .unwrap();
    let ids = |p: &preflight_audit::PageReport| {
        p.findings.iter().map(|f| f.id.clone()).collect::<Vec<_>>()
    };

    let ok = audit_page(&fetcher, &url("/ok/?utm_source=chatgpt&utm_medium=cpc")).await;
    assert_eq!(ok.verdict, Verdict::Reachable, "{:?}", ids(&ok));
    assert_eq!(ok.params_survive, Some(true));
    assert!(ok.robots.as_ref().is_some_and(|r| r.allowed));

    let openai = audit_page(&fetcher, &url("/openai-rule/")).await;
    assert_eq!(openai.verdict, Verdict::Blocked);
    assert!(
        ids(&openai).contains(&"full-user-agent-blocked".to_string()),
        "{:?}",
        ids(&openai)
    );
    assert!(
        ids(&openai).contains(&"origin-blocks-adsbot".to_string()),
        "{:?}",
        ids(&openai)
    );
    assert_eq!(openai.vendor, None, "plain nginx is no firewall vendor");

    let token = audit_page(&fetcher, &url("/token-rule/")).await;
    assert_eq!(token.verdict, Verdict::Blocked);
    assert!(!ids(&token).contains(&"full-user-agent-blocked".to_string()));

    let moved = audit_page(&fetcher, &url("/moved")).await;
    assert_eq!(moved.verdict, Verdict::Reachable, "{:?}", ids(&moved));
    assert_eq!(moved.fetches[0].hops.len(), 2);

    let private = audit_page(&fetcher, &url("/private/offer")).await;
    assert_eq!(private.verdict, Verdict::RobotsBlocked);
    assert_eq!(
        private
            .robots
            .as_ref()
            .unwrap()
            .matched_rule
            .as_ref()
            .unwrap()
            .line,
        2
    );
}
