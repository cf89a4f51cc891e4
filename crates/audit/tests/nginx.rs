//! Verdicts against a real web server: nginx started on 127.0.0.1 with user-agent rules like the
//! ones sites really use, including the case-insensitive `openai` rule from a popular AI-bot
//! block list (it also matches OAI-AdsBot's full user agent, which contains
//! "+https://openai.com/adsbot"). Needs the `nginx` binary (Debian: apt install nginx).

use preflight_audit::run::audit_page;
use preflight_audit::{FetchOptions, Fetcher, Verdict};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

struct Nginx {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM lets the master stop its workers; SIGKILL would orphan them.
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn nginx_binary() -> PathBuf {
    for candidate in [
        "/usr/sbin/nginx",
        "/usr/local/sbin/nginx",
        "/usr/local/bin/nginx",
        "/opt/homebrew/bin/nginx",
    ] {
        if Path::new(candidate).exists() {
            return candidate.into();
        }
    }
    panic!("nginx is needed for this test (Debian: apt install nginx); the README's test command installs it");
}

fn start_nginx() -> Nginx {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // nginx's workers drop privileges when started as root: let them read the files.
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
    let www = root.join("www");
    for page in ["ok", "openai-rule", "token-rule"] {
        std::fs::create_dir_all(www.join(page)).unwrap();
        std::fs::write(
            www.join(page).join("index.html"),
            "<!doctype html><html><head><title>Trail shoes | Acme</title></head><body><h1>Trail shoes</h1>\
             <p>Grippy, light and waterproof trail shoes for long days in the hills, now with free delivery \
             and free returns for thirty days on every order placed this month.</p></body></html>",
        )
        .unwrap();
    }
    for d in [
        &www,
        &www.join("ok"),
        &www.join("openai-rule"),
        &www.join("token-rule"),
    ] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let p = root.display();
    let conf = format!(
        r#"
worker_processes 1;
pid {p}/nginx.pid;
error_log {p}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {p}/access.log;
    client_body_temp_path {p}/body;
    proxy_temp_path {p}/proxy;
    fastcgi_temp_path {p}/fastcgi;
    uwsgi_temp_path {p}/uwsgi;
    scgi_temp_path {p}/scgi;
    default_type text/html;
    # As in a popular AI-bot block list: case-insensitive, so "openai.com/adsbot" matches too.
    map $http_user_agent $ai_bot {{
        default 0;
        "~*(GPTBot|ClaudeBot|openai)" 1;
    }}
    server {{
        listen 127.0.0.1:{port};
        root {www};
        location = /robots.txt {{ return 200 "User-agent: *\nDisallow: /private/\n"; }}
        location /openai-rule/ {{
            if ($ai_bot) {{ return 403; }}
        }}
        location /token-rule/ {{
            if ($http_user_agent ~ "OAI-AdsBot") {{ return 403; }}
        }}
        location = /moved {{ return 301 /ok/; }}
    }}
}}
"#,
        www = www.display()
    );
    let conf_path = root.join("nginx.conf");
    std::fs::write(&conf_path, conf).unwrap();
    let child = Command::new(nginx_binary())
        .args([
            "-p",
            &root.display().to_string(),
            "-c",
            &conf_path.display().to_string(),
            "-e",
            &root.join("error.log").display().to_string(),
            "-g",
            "daemon off;",
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start nginx");
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "nginx did not start: {}",
            std::fs::read_to_string(root.join("error.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Nginx {
        child,
        port,
        _dir: dir,
    }
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
