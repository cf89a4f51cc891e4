//! A small fixture site on 127.0.0.1 and the shared set-up of the browser tests.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures::StreamExt;
use preflight_capture::{find_browser, CaptureOptions};
use tokio::sync::{Mutex, MutexGuard};

pub const PIXEL_ID: &str = "Q3EEHmNNmitscStzPbzSGs";

/// The official snippet (as published by OpenAI), followed by `calls`.
pub fn snippet(calls: &str) -> String {
    format!(
        r#"<script>
    (function (w, d, s, u) {{
      if (w.oaiq) return;
      var q = (w.oaiq = function () {{
        q.q.push(arguments);
      }});
      q.q = [];
      var t = d.createElement(s);
      t.async = true;
      t.src = u;
      var f = d.getElementsByTagName(s)[0];
      f.parentNode.insertBefore(t, f);
    }})(window, document, "script", "https://bzrcdn.openai.com/sdk/oaiq.min.js");
    oaiq("init", {{ pixelId: "{PIXEL_ID}" }});
{calls}
  </script>"#
    )
}

fn page(head: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Fixture</title>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    ))
}

async fn official() -> Html<String> {
    page(
        &snippet(r#"    oaiq("measure", "page_viewed", { type: "contents" });"#),
        r#"<h1>Running shoes</h1>
<script>
  oaiq("measure", "contents_viewed", {
    type: "contents", amount: 12999, currency: "USD",
    contents: [{ id: "sku-42", quantity: 1, amount: 12999 }]
  }, { event_id: "view-sku-42" });
</script>"#,
    )
}

/// No pixel in the HTML: a "tag manager" adds it one second after load.
async fn tag_manager() -> Html<String> {
    page(
        "",
        r#"<h1>Campaign</h1>
<script>
  window.addEventListener("load", function () {
    setTimeout(function () {
      var s = document.createElement("script");
      s.src = "/container.js";
      document.head.appendChild(s);
    }, 1000);
  });
</script>"#,
    )
}

async fn container_js() -> Response {
    let js = r#"(function (w, d, s, u) {
  if (w.oaiq) return;
  var q = (w.oaiq = function () { q.q.push(arguments); });
  q.q = [];
  var t = d.createElement(s); t.async = true; t.src = u; d.head.appendChild(t);
})(window, document, "script", "https://bzrcdn.openai.com/sdk/oaiq.min.js");
oaiq("init", { pixelId: "Q3EEHmNNmitscStzPbzSGs" });
setTimeout(function () {
  oaiq("measure", "lead_created", { type: "customer_action" });
}, 300);
"#;
    ([(header::CONTENT_TYPE, "application/javascript")], js).into_response()
}

async fn click() -> Html<String> {
    page(
        &snippet(""),
        r#"<button id="buy" style="width:200px;height:60px">Buy now</button>
<a id="next" href="/official">Next page</a>
<script>
  document.getElementById("buy").addEventListener("click", function () {
    oaiq("measure", "order_created", {
      type: "contents", amount: 4999, currency: "EUR",
      contents: [{ id: "sku-7", quantity: 2 }]
    }, { event_id: "order-1001" });
  });
</script>"#,
    )
}

async fn image_tag() -> Html<String> {
    page(
        "",
        &format!(
            r#"<img src="https://bzr.openai.com/v1/sdk/events?pid={PIXEL_ID}&event=page_viewed&data[type]=contents" width="1" height="1" style="display:none" alt="">"#
        ),
    )
}

/// Posts to the collection host by hand: a JSON `fetch` (CORS preflight) and a beacon.
async fn beacons() -> Html<String> {
    page(
        "",
        r#"<script>
  fetch("https://bzr.openai.com/v1/sdk/events", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ event: "order_created", pid: "Q3EEHmNNmitscStzPbzSGs" })
  }).then(function (r) {
    if (r.status !== 204) console.error("unexpected status " + r.status);
  }).catch(function (e) { console.error("fetch failed: " + e.message); });
  navigator.sendBeacon("https://bzr.openai.com/v1/sdk/events?pid=Q3EEHmNNmitscStzPbzSGs",
    JSON.stringify({ event: "page_viewed" }));
</script>"#,
    )
}

/// The queue is a function declaration, which no setter can see; only the SDK's replay of
/// `oaiq.q` records these calls.
async fn declared() -> Html<String> {
    page(
        r#"<script>
  function oaiq() { (oaiq.q = oaiq.q || []).push(arguments); }
  oaiq("init", { pixelId: "Q3EEHmNNmitscStzPbzSGs" });
  oaiq("measure", "page_viewed", { type: "contents" });
</script>
<script async src="https://bzrcdn.openai.com/sdk/oaiq.min.js"></script>"#,
        "<p>Declared queue</p>",
    )
}

/// Sends the head (with the pixel) and then never finishes the body.
async fn never_ends() -> Response {
    let head = format!(
        "<!doctype html><html><head><title>Slow</title>{}</head><body><p>Loading",
        snippet(r#"    oaiq("measure", "page_viewed", { type: "contents" });"#)
    );
    let first = futures::stream::once(async move { Ok::<_, std::io::Error>(head) });
    let body = Body::from_stream(first.chain(futures::stream::pending()));
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

async fn no_pixel() -> Html<String> {
    page("", "<h1>Plain page</h1><p>Nothing to measure here.</p>")
}

/// Loads a script from `localhost` (another site than 127.0.0.1) that fires an event.
async fn third_party(State(port): State<u16>) -> Html<String> {
    page(
        &snippet(""),
        &format!(r#"<script src="http://localhost:{port}/third.js"></script>"#),
    )
}

async fn third_js() -> Response {
    (
        [(header::CONTENT_TYPE, "application/javascript")],
        r#"oaiq("measure", "items_added", { type: "contents" });"#,
    )
        .into_response()
}

/// Reports the user agent the server saw and the one scripts see, through a pixel call.
async fn agent(headers: axum::http::HeaderMap) -> Html<String> {
    let sent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .replace(['"', '\\', '<'], "");
    page(
        &snippet(&format!(
            r#"    oaiq("measure", "page_viewed", {{ type: "contents", header: "{sent}", script: navigator.userAgent }});"#
        )),
        "",
    )
}

/// The pixel runs inside a cross-site iframe (`localhost` inside `127.0.0.1`).
async fn framed(State(port): State<u16>) -> Html<String> {
    page(
        "",
        &format!(
            r#"<iframe src="http://localhost:{port}/official" width="400" height="300"></iframe>"#
        ),
    )
}

/// A page that looks for the capture's names on `window` (its own and a fresh frame's) and
/// calls whatever it finds with made-up calls, fires an untrusted `load` at an SDK-looking
/// script, then reports what it found through one real call.
async fn forge() -> Html<String> {
    page(
        &snippet(""),
        r#"<script>
  var forgedCall = ["measure", "order_created", { type: "contents", amount: 1, currency: "USD" }];
  function forged(secret) {
    return JSON.stringify({ kind: "call", secret: secret, command: "measure",
      args: JSON.stringify(forgedCall.slice(1)), source: "https://evil.test/forged.js:1:1",
      page: location.href });
  }
  var found = [];
  function attempt(w, where) {
    var names = [];
    try { names = Object.getOwnPropertyNames(w); } catch (e) { return; }
    names.forEach(function (name) {
      if (name === "oaiq" || !/^__|preflight/i.test(name)) return;
      found.push(where + ":" + name);
      var v;
      try { v = w[name]; } catch (e) { return; }
      var fns = typeof v === "function" ? [v]
        : v && typeof v === "object" ? Object.values(v).filter(function (f) { return typeof f === "function"; })
        : [];
      fns.forEach(function (f) {
        ["", "guess", "0000000000000000"].forEach(function (secret) {
          try { f(forged(secret)); } catch (e) {}
        });
        try { f([forgedCall]); } catch (e) {}
      });
    });
  }
  attempt(window, "top");
  var frame = document.createElement("iframe");
  document.body.appendChild(frame);
  attempt(frame.contentWindow, "frame");
  var fake = document.createElement("script");
  fake.type = "text/plain";
  fake.src = "https://bzrcdn.openai.com/sdk/oaiq.min.js";
  document.body.appendChild(fake);
  window.oaiq.queued = [forgedCall];
  fake.dispatchEvent(new Event("load"));
  oaiq("measure", "page_viewed", { type: "contents", found: found.join(",") });
</script>"#,
    )
}

/// A call and a beacon carrying values far past the kept lengths, in multi-byte characters.
async fn long_values() -> Html<String> {
    page(
        &snippet(
            r#"    var note = "日本" + new Array(5000).join("語🎉");
    oaiq("measure", "page_viewed", { type: "contents", note: note });
    navigator.sendBeacon("https://bzr.openai.com/v1/sdk/events?pid=Q3EEHmNNmitscStzPbzSGs",
      JSON.stringify({ event: "page_viewed", note: note }));"#,
        ),
        "",
    )
}

pub struct Site {
    pub addr: SocketAddr,
}

impl Site {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

/// Serve the fixture pages on 127.0.0.1 for the rest of the test.
pub async fn serve() -> Site {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new()
        .route("/official", get(official))
        .route("/tag-manager", get(tag_manager))
        .route("/container.js", get(container_js))
        .route("/click", get(click))
        .route("/image-tag", get(image_tag))
        .route("/beacons", get(beacons))
        .route("/declared", get(declared))
        .route("/never-ends", get(never_ends))
        .route("/no-pixel", get(no_pixel))
        .route("/third-party", get(third_party))
        .route("/third.js", get(third_js))
        .route("/agent", get(agent))
        .route("/framed", get(framed))
        .route("/forge", get(forge))
        .route("/long-values", get(long_values))
        .with_state(addr.port());
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    Site { addr }
}

/// The browser the tests use. Missing browser fails loudly: these tests must not pass
/// without having run.
pub fn browser() -> PathBuf {
    match find_browser() {
        Ok(path) => path,
        Err(e) => panic!(
            "the rendered-capture tests need Chromium or Chrome ({e}); install one or set PREFLIGHT_CHROME"
        ),
    }
}

/// The tests run as root in CI containers, where the browser's sandbox cannot work: they opt
/// in to the unsandboxed browser explicitly (the pages are this file's fixtures).
pub fn options() -> CaptureOptions {
    CaptureOptions {
        browser: Some(browser()),
        timeout: Duration::from_secs(20),
        settle: Duration::from_millis(2500),
        allow_unsandboxed_browser: true,
        ..CaptureOptions::default()
    }
}

/// Whether these tests run as the root user.
#[cfg(target_os = "linux")]
pub fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// One browser at a time: the tests share a small machine and each launch is heavy.
pub async fn one_browser_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::const_new(());
    LOCK.lock().await
}

/// Capture profiles currently in the temporary directory.
pub fn browser_profiles() -> std::collections::BTreeSet<String> {
    std::fs::read_dir(std::env::temp_dir())
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.starts_with("preflight-browser-"))
                .collect()
        })
        .unwrap_or_default()
}

/// Browser processes (any of their helpers) whose command line names a capture profile in this
/// process's temporary directory (test binaries run side by side each have their own).
#[cfg(target_os = "linux")]
pub fn capture_browser_processes() -> Vec<u32> {
    let profile = std::env::temp_dir().join("preflight-browser-");
    let profile = profile.to_string_lossy().into_owned();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| String::from_utf8_lossy(&c).contains(&profile))
                .unwrap_or(false)
        })
        .collect()
}
