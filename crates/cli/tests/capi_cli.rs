//! `preflight capi`: validation of each accepted file format with exit codes, and pairing the
//! server events of a JSON Lines log with a journey replayed in Chromium on the fixture funnel.

use preflight_fixtures::FunnelSite;
use serde_json::{json, Value};
mod support;
use support::{preflight, stderr};

const PIXEL: &str = "Q3EEHmNNmitscStzPbzSGs";

fn now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

fn lead(id: &str) -> Value {
    json!({"id": id, "type": "lead_created", "timestamp_ms": now_ms() - 60_000, "action_source": "web",
           "source_url": "https://acme.example/funnel/pricing", "oppref": "gAAAAB-test",
           "data": {"type": "customer_action"}})
}

fn json_out(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            stderr(out)
        )
    })
}

#[test]
fn each_format_is_validated_and_the_exit_code_says_whether_openai_would_accept_it() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let body = write("body.json", json!({"events": [lead("a")]}).to_string());
    let array = write("array.json", json!([lead("b")]).to_string());
    let har = write("rec.har", json!({"log": {"entries": [{"startedDateTime": "2026-12-06T06:00:00Z",
        "request": {"method": "POST", "url": format!("https://bzr.openai.com/v1/events?pid={PIXEL}"), "headers": [],
                    "postData": {"text": json!({"events": [lead("c")]}).to_string()}},
        "response": {"status": 202}}]}}).to_string());
    let out = preflight(&["capi", "validate", &body, &array, "--quiet"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(&out)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("All 2 batches would be accepted"));

    // The HAR's own send time judges its events: an hour-old recording of a minute-old event.
    let out = preflight(&["capi", "validate", &har, "--format", "json"]);
    let v = json_out(&out);
    assert_eq!(v["validation"]["files"][0]["format"], "har");
    assert_eq!(v["validation"]["batches"][0]["response_status"], 202);

    let mut lines = format!("{}\n", json!({"events": [lead("d")]}));
    lines.push_str("garbage line\n");
    let mut bad = lead("e");
    bad["timestamp_ms"] = json!(now_ms() / 1000);
    lines.push_str(&format!("{}\n", json!({"events": [lead("f"), bad]})));
    let log = write("capi.jsonl", lines);
    let out = preflight(&["capi", "validate", &log]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("capi.jsonl:2") && text.contains("capi-line-not-json"),
        "{text}"
    );
    assert!(text.contains("OpenAI would reject this whole batch of 2 events because event 1 (“lead_created”, id “e”)"), "{text}");
    assert!(text.contains("$.events[1].timestamp_ms"), "{text}");

    let empty = write("empty.json", String::new());
    let out = preflight(&["capi", "validate", &empty]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("The file is empty"));
}

#[test]
fn server_events_pair_with_a_journey_replayed_in_chromium() {
    let site = FunnelSite::start();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    let db = path.to_str().unwrap();
    let saved = preflight(&[
        "check",
        &site.url("/funnel/"),
        "--save",
        "--client",
        "Acme",
        "--db",
        db,
        "--quiet",
    ]);
    assert!(saved.status.code().is_some());
    {
        let store = preflight_session::open_store(&path).unwrap();
        let click = |page: &str, selector: &str, element: &str, text: &str| json!({"kind": "click", "page_url": site.url(page), "target": {"selector": selector, "element": element, "text": text}});
        let journey = serde_json::from_value(json!({
            "id": 0, "start_url": site.url("/funnel/"), "started_at": "2026-12-01T10:00:00Z",
            "finished_at": "2026-12-01T10:01:00Z", "pages_visited": [], "installed": false,
            "pixel_ids": [], "events": [], "findings": [], "pixel_requests": 0,
            "browser_version": "Chrome/1", "calls": [],
            "steps": [
                {"kind": "visit", "url": site.url("/funnel/")},
                click("/funnel/", "nav > a", "link", "See pricing"),
                {"kind": "arrive", "url": site.url("/funnel/pricing")},
                click("/funnel/pricing", "#start-trial", "button", "Start trial"),
                {"kind": "arrive", "url": site.url("/funnel/signup")}
            ]
        }))
        .unwrap();
        preflight_session::journeys::save_journey(&store, 1, journey).unwrap();
    }
    // The replay runs the steps in Chromium and saves what the pixel really sent.
    let replay = preflight(&[
        "journey",
        "replay",
        "1",
        "--db",
        db,
        "--allow-unsandboxed-browser",
        "--step-timeout",
        "10",
    ]);
    assert_eq!(
        replay.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&replay.stdout),
        stderr(&replay)
    );

    let write = |name: &str, events: &[Value]| {
        let p = dir.path().join(name);
        let text: String = events.iter().map(|e| format!("{e}\n")).collect();
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let same = write("same.jsonl", &[lead("lead-1001"), lead("signup-77")]);
    let out = preflight(&[
        "capi",
        "validate",
        &same,
        "--client",
        "Acme",
        "--pair-with",
        "1",
        "--pixel-id",
        PIXEL,
        "--db",
        db,
        "--format",
        "json",
    ]);
    let v = json_out(&out);
    let p = &v["pairing"];
    assert_eq!(p["deduplicated_total"], 1, "{p:#}");
    assert_eq!(p["deduplicated"][0]["pixel"]["event_id"], "lead-1001");
    assert_eq!(p["server_only_total"], 1);
    assert_eq!(p["expected_double_count"], 0);
    assert_eq!(out.status.code(), Some(0), "{p:#}");

    let differs = write("differs.jsonl", &[lead("1001")]);
    let out = preflight(&[
        "capi",
        "validate",
        &differs,
        "--client",
        "Acme",
        "--pair-with",
        "1",
        "--pixel-id",
        PIXEL,
        "--db",
        db,
    ]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("counted twice:     1"), "{text}");
    assert!(
        text.contains("“lead-1001”") && text.contains("“1001”"),
        "{text}"
    );

    // The audit's JSON export carries the client's latest checks.
    let export = dir.path().join("a.json");
    let out = preflight(&[
        "export",
        "1",
        "--json",
        export.to_str().unwrap(),
        "--db",
        db,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let e: Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    assert_eq!(
        e["server_side_conversions"]["pairing"]["counted_twice"], 1,
        "{:#}",
        e["server_side_conversions"]
    );
}

#[test]
fn the_live_check_sends_validate_only_with_the_kept_key_and_prints_the_answer() {
    use std::io::Write;
    let receiver = preflight_fixtures::webhook_receiver::WebhookReceiver::start();
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("p.sqlite3");
    let db = db_path.to_str().unwrap();
    let body = dir.path().join("body.json");
    std::fs::write(&body, json!({"events": [lead("live-1")]}).to_string()).unwrap();
    let body = body.to_str().unwrap();
    let out = preflight(&["capi", "validate", body, "--client", "Acme", "--db", db]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Nothing is sent without a key.
    let out = preflight(&[
        "capi",
        "live",
        body,
        "--client",
        "Acme",
        "--pixel-id",
        "px-1",
        "--endpoint",
        &receiver.url("/"),
        "--db",
        db,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("No Conversions API key"),
        "{}",
        stderr(&out)
    );
    assert!(receiver.received().is_empty());

    let key = "sk-svcacct-CliLiveKey0123456789abcdef";
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(["capi", "key", "--client", "Acme", "--db", db])
        .env_remove("PREFLIGHT_DB")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{key}\n").as_bytes())
        .unwrap();
    let kept = child.wait_with_output().unwrap();
    assert_eq!(
        kept.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&kept.stderr)
    );

    let out = preflight(&[
        "capi",
        "live",
        body,
        "--client",
        "Acme",
        "--pixel-id",
        "px-1",
        "--endpoint",
        &receiver.url("/"),
        "--db",
        db,
    ]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    assert!(
        text.contains("HTTP 200") && text.contains("validate_only"),
        "{text}"
    );
    assert!(!text.contains(key));
    let sent = receiver.received();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path, "/v1/events?pid=px-1");
    assert_eq!(sent[0].json.as_ref().unwrap()["validate_only"], true);
    let stored = std::fs::read(&db_path).unwrap();
    assert!(
        !String::from_utf8_lossy(&stored).contains(key),
        "the key is kept in the keychain only"
    );
    let _ = preflight(&["capi", "key", "--client", "Acme", "--remove", "--db", db]);
}
