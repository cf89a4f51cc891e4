//! The audits the agreement tests save and read back: produced by the real engine against
//! loopback sites wherever a site can answer the way the real one does (a Cloudflare challenge,
//! a robots.txt block, a placeholder pixel ID, a page that fails for everyone), and an audit as
//! an older version saved it.

use preflight_audit::{run_audit, CancellationToken, FetchOptions, Fetcher, RunEvent, RunOptions};
use preflight_document::report::{AuditReport, PageReport, RunStatus};
use preflight_fixtures::FixtureSite;
use preflight_model::Status;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

/// The real engine over `urls`, with the funnel given: the run's report with each page as the
/// engine finished it, before any reading rule (the form a live run saves page by page).
pub fn engine(urls: &[String], funnel: Option<&str>) -> AuditReport {
    let fetcher = Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(15),
        ..FetchOptions::default()
    })
    .expect("fetcher");
    let options = RunOptions {
        funnel: funnel.map(str::to_string),
        ..RunOptions::default()
    };
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut report = runtime.block_on(run_audit(
        urls,
        &fetcher,
        &options,
        &CancellationToken::new(),
        Some(tx),
    ));
    let mut finished = Vec::new();
    while let Ok(event) = rx.try_recv() {
        if let RunEvent::PageFinished { index, page } = event {
            finished.push((index, *page));
        }
    }
    finished.sort_by_key(|(index, _)| *index);
    assert_eq!(report.status, RunStatus::Complete);
    assert_eq!(finished.len(), urls.len());
    report.pages = finished.into_iter().map(|(_, page)| page).collect();
    report.planned_pages = Some(urls.len() as u32);
    report
}

pub fn has_failing(page: &PageReport, id: &str) -> bool {
    page.findings
        .iter()
        .any(|f| f.id == id && f.status == Status::Fail)
}

pub fn has(page: &PageReport, id: &str, status: Status) -> bool {
    page.findings
        .iter()
        .any(|f| f.id == id && f.status == status)
}

/// Two ordinary landing pages: complete.
pub fn complete(site: &FixtureSite) -> AuditReport {
    engine(&[site.url("/ok"), site.url("/page/1")], None)
}

/// Stopped by the user after 2 of the 13 pages it set out to check, one of them blocked.
pub fn stopped(site: &FixtureSite) -> AuditReport {
    let mut report = engine(&[site.url("/page/2"), site.url("/blocks-adsbot")], None);
    report.status = RunStatus::Cancelled;
    report.planned_pages = Some(13);
    report
}

/// A page behind a Cloudflare managed challenge, beside an ordinary one. The engine records
/// the challenge and the 403 it came with as two failing findings.
pub fn challenge(site: &FixtureSite) -> AuditReport {
    let report = engine(&[site.url("/page/3"), site.url("/cf-challenge")], None);
    let page = &report.pages[1];
    assert!(
        has_failing(page, "waf-challenges-adsbot") && has_failing(page, "bot-error-status"),
        "the engine no longer reports the challenge as it did: {:?}",
        page.findings
            .iter()
            .map(|f| (&f.id, f.status))
            .collect::<Vec<_>>()
    );
    report
}

/// A site whose robots.txt disallows OAI-AdsBot everything.
pub fn robots_block(site: &FixtureSite) -> AuditReport {
    let report = engine(&[site.url("/ok")], None);
    assert!(has_failing(&report.pages[0], "robots-blocks-adsbot"));
    report
}

/// A page with the pixel snippet pasted without its real ID: the engine finds the pixel
/// ("pixel-detected" passes, the summary says installed, with `page_viewed`) and fails the ID.
pub fn placeholder_pixel(site: &PlaceholderSite) -> AuditReport {
    let report = engine(&[site.url("/sale")], None);
    let page = &report.pages[0];
    assert!(has_failing(page, "pixel-id-format"), "{:?}", page.findings);
    assert!(
        has(page, "pixel-detected", Status::Pass),
        "{:?}",
        page.findings
    );
    let pixel = page.pixel.as_ref().expect("pixel summary");
    assert!(pixel.installed);
    assert!(pixel.events.iter().any(|e| e.name == "page_viewed"));
    report
}

/// The e-commerce funnel over a landing page and a page that fails for everyone.
pub fn funnel_with_broken_page(site: &FixtureSite) -> AuditReport {
    let report = engine(
        &[site.url("/page/4"), site.url("/status/500")],
        Some("ecommerce"),
    );
    let funnel = report
        .funnel
        .as_ref()
        .expect("the engine applies the funnel");
    assert!(!funnel.findings.is_empty());
    report
}

/// An audit as an older version saved it: no `planned_pages`, a summary counted under older
/// rules (the challenge and its error status as two problems, a check that could not run as
/// a warning), and both challenge findings on the page.
pub fn older_version() -> AuditReport {
    let finding = |id: &str, area: &str, status: &str, title: &str| {
        serde_json::json!({
            "id": id, "area": area, "status": status, "severity": match status {
                "fail" => "high", "warn" => "medium", _ => "none" },
            "confidence": "high", "title": title, "detail": "", "evidence": [], "remedy": ""
        })
    };
    let page = |url: &str, verdict: &str, findings: Vec<serde_json::Value>| {
        serde_json::json!({
            "url": url, "verdict": verdict, "verdict_confidence": "high",
            "verdict_reason": "As recorded.", "findings": findings, "fetches": []
        })
    };
    serde_json::from_value(serde_json::json!({
        "schema_version": 1,
        "generator": "preflight 0.1.0",
        "started_at": "2026-03-02T09:00:00Z",
        "finished_at": "2026-03-02T09:01:00Z",
        "status": "complete",
        "summary": { "pages": 2, "reachable": 1, "failing_pages": 1, "failing_findings": 2,
                     "warnings": 3, "by_verdict": { "reachable": 1, "challenged": 1 } },
        "pages": [
            page("https://shop.example.com/sale", "reachable", vec![
                finding("bot-reachable", "reachability", "pass", "OAI-AdsBot gets the page"),
                finding("page-not-https", "page", "warn", "The page is not served over HTTPS"),
                finding("page-too-complex", "page", "error", "The page could not be scored in time"),
            ]),
            page("https://shop.example.com/spring", "challenged", vec![
                finding("waf-detected", "reachability", "info", "Cloudflare in front of the site"),
                finding("bot-error-status", "reachability", "fail", "OAI-AdsBot gets HTTP 403"),
                finding("waf-challenges-adsbot", "reachability", "fail", "Cloudflare challenges OAI-AdsBot"),
                finding("page-not-https", "page", "warn", "The page is not served over HTTPS"),
            ]),
        ],
        "limits": ["These requests come from your computer."]
    }))
    .expect("an older report still reads")
}

/// A loopback site whose every page carries OpenAI's pixel snippet with the example ID left
/// in; robots.txt allows everything.
pub struct PlaceholderSite {
    base: String,
}

const PLACEHOLDER_PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Spring Sale | Acme Running Shoes</title><script>(function(w,d,s,u){if(w.oaiq)return;\
var q=w.oaiq=function(){q.q.push(arguments)};q.q=[];var t=d.createElement(s);t.async=true;\
t.src=u;d.head.appendChild(t)})(window,document,\"script\",\"https://bzrcdn.openai.com/sdk/oaiq.min.js\");\n\
oaiq(\"init\", { pixelId: \"YOUR_PIXEL_ID\" });\n\
oaiq(\"measure\", \"page_viewed\", { type: \"contents\" });</script></head>\
<body><h1>Spring sale on running shoes</h1><p>Acme makes lightweight running shoes for road and \
trail. This week every pair is twenty percent off, with free delivery and free returns within \
thirty days. Choose your size, pick a colour and check out in under a minute. Our shoes are \
tested by club runners and built to last hundreds of miles.</p><a href=\"/checkout\">Shop now</a>\
</body></html>";

impl PlaceholderSite {
    /// Serves on a free port of 127.0.0.1 until the test process ends.
    pub fn start() -> PlaceholderSite {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || serve(stream));
            }
        });
        PlaceholderSite { base }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn serve(mut stream: std::net::TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let (content_type, body) = if path == "/robots.txt" {
        ("text/plain", "User-agent: *\nAllow: /\n")
    } else {
        ("text/html; charset=utf-8", PLACEHOLDER_PAGE)
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}
