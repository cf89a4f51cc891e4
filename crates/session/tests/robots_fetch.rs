//! The tester's "Fetch from site" against loopback servers: a 200 file is loaded, 404 means
//! allow all, 500 means disallow all, and redirects to another host are followed and named.

use preflight_robots::{RobotsSource, UnreachableReason};
use preflight_session::robots::fetch_robots;
use std::io::{Read, Write};
use std::net::TcpListener;

/// A server on `bind` that answers every request with `response` (a whole HTTP response).
fn serve(bind: &str, response: String) -> String {
    let listener = TcpListener::bind(bind).expect("bind loopback port");
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(2)));
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(response.as_bytes());
        }
    });
    format!("http://{addr}")
}

fn answer(status: &str, headers: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n{body}",
        body.len()
    )
}

const FILE: &str = "User-agent: *\nDisallow: /*?utm\n";

#[tokio::test]
async fn a_200_file_is_loaded_with_what_was_fetched_from_where() {
    let base = serve(
        "127.0.0.1:0",
        answer("200 OK", "Content-Type: text/plain\r\n", FILE),
    );
    // Any URL of the site leads to its /robots.txt.
    let fetched = fetch_robots(&format!("{base}/sale?utm_source=chatgpt"))
        .await
        .unwrap();
    assert_eq!(fetched.robots_url, format!("{base}/robots.txt"));
    assert_eq!(fetched.final_url, fetched.robots_url);
    assert_eq!(fetched.status, Some(200));
    assert_eq!(fetched.source, RobotsSource::Parsed);
    assert_eq!(fetched.body, FILE);
    assert!(!fetched.truncated);
    assert_eq!(
        fetched.summary,
        format!(
            "Fetched {base}/robots.txt as OAI-AdsBot at {}: HTTP 200, {} bytes.",
            fetched.fetched_at,
            FILE.len()
        )
    );
    assert_eq!(fetched.meaning, "The file's rules apply.");
}

#[tokio::test]
async fn a_404_means_everything_is_allowed() {
    let base = serve(
        "127.0.0.1:0",
        answer("404 Not Found", "", "<h1>Not found</h1>"),
    );
    let fetched = fetch_robots(&base).await.unwrap();
    assert_eq!(fetched.source, RobotsSource::Unavailable { status: 404 });
    assert_eq!(
        fetched.body, "",
        "an error page is not loaded as a robots.txt"
    );
    assert!(fetched.summary.contains("HTTP 404"), "{}", fetched.summary);
    assert!(
        fetched
            .meaning
            .contains("there is no robots.txt, so crawlers may fetch everything"),
        "{}",
        fetched.meaning
    );
}

#[tokio::test]
async fn a_500_means_everything_is_blocked() {
    let base = serve(
        "127.0.0.1:0",
        answer("500 Internal Server Error", "", "oops"),
    );
    let fetched = fetch_robots(&base).await.unwrap();
    assert_eq!(
        fetched.source,
        RobotsSource::Unreachable {
            reason: UnreachableReason::ServerError { status: 500 }
        }
    );
    assert_eq!(fetched.body, "");
    assert!(
        fetched
            .meaning
            .contains("must treat the whole site as blocked"),
        "{}",
        fetched.meaning
    );
}

#[tokio::test]
async fn a_redirect_to_another_host_is_followed_and_named() {
    let target = serve("127.0.0.1:0", answer("200 OK", "", FILE));
    let target_file = format!("{target}/robots.txt");
    let start = serve(
        "127.0.0.1:0",
        answer(
            "301 Moved Permanently",
            &format!("Location: {target_file}\r\n"),
            "",
        ),
    );
    let fetched = fetch_robots(&start).await.unwrap();
    assert_eq!(fetched.robots_url, format!("{start}/robots.txt"));
    assert_eq!(fetched.final_url, target_file);
    assert_eq!(fetched.hops.len(), 2);
    assert_eq!(fetched.hops[0].status, 301);
    assert_eq!(fetched.source, RobotsSource::Parsed);
    assert_eq!(fetched.body, FILE);
    assert!(
        fetched
            .summary
            .ends_with(&format!("After 1 redirect it came from {target_file}.")),
        "{}",
        fetched.summary
    );
}

#[tokio::test]
async fn a_redirect_into_a_host_the_user_did_not_give_is_refused_and_blocks() {
    // 127.0.0.2 stands for a private address the site points to: not requested, so the file
    // cannot be read, and crawlers must assume everything is blocked.
    let start = serve(
        "127.0.0.1:0",
        answer(
            "302 Found",
            "Location: http://127.0.0.2:9/robots.txt\r\n",
            "",
        ),
    );
    let fetched = fetch_robots(&start).await.unwrap();
    assert!(matches!(fetched.source, RobotsSource::Unreachable { .. }));
    assert!(
        fetched.summary.contains("no usable answer"),
        "{}",
        fetched.summary
    );
}

#[tokio::test]
async fn nothing_listening_is_unreachable_and_a_bad_address_is_an_error() {
    let fetched = fetch_robots(&preflight_fixtures::closed_port_url())
        .await
        .unwrap();
    assert_eq!(
        fetched.source,
        RobotsSource::Unreachable {
            reason: UnreachableReason::Network
        }
    );
    assert!(fetch_robots("mailto:someone@example.com").await.is_err());
    assert!(fetch_robots("").await.is_err());
}
