//! Every accepted input format through the streaming reader, and hostile files: not JSON, bad
//! lines reported by number, binary, empty, gzip, huge batches, keys masked, cancel, progress.

use std::io::Write;
use std::path::PathBuf;

use preflight_capi::{
    ids, validate_files, CapiValidation, InputFormat, ServerSideEvent, ValidateOptions,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const NOW: i64 = 1_780_000_000_000;
const KEY: &str = "sk-svcacct-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

fn event(id: &str) -> Value {
    json!({"id": id, "type": "lead_created", "timestamp_ms": NOW - 1000, "action_source": "web",
           "source_url": "https://acme.example/thanks", "oppref": "gAAAAB-x",
           "data": {"type": "customer_action"}})
}

fn run(files: &[(&str, Vec<u8>)]) -> (CapiValidation, Vec<ServerSideEvent>) {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, bytes)| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        })
        .collect();
    validate_files(
        &paths,
        &ValidateOptions {
            sent_at_ms: NOW,
            pixel_id: Some("px-1".into()),
            keep_for_pairing: preflight_capi::MAX_SERVER_EVENTS,
        },
        &mut |_| {},
        &|| false,
    )
}

fn ids(v: &CapiValidation) -> Vec<&str> {
    v.findings.iter().map(|f| f.finding.id.as_str()).collect()
}

#[test]
fn a_request_body_an_event_array_and_one_event() {
    let (v, server) = run(&[
        (
            "body.json",
            json!({"validate_only": true, "events": [event("a"), event("b")]})
                .to_string()
                .into_bytes(),
        ),
        (
            "array.json",
            serde_json::to_vec_pretty(&json!([event("c")])).unwrap(),
        ),
        ("one.json", event("d").to_string().into_bytes()),
    ]);
    let formats: Vec<InputFormat> = v.files.iter().map(|f| f.format).collect();
    assert_eq!(
        formats,
        [
            InputFormat::RequestBody,
            InputFormat::EventArray,
            InputFormat::RequestBody
        ]
    );
    assert_eq!(v.events_checked, 4);
    assert_eq!(v.batches_total, 3);
    assert!(v.passed(), "{:#?}", v.findings);
    assert_eq!(server.len(), 4);
    assert_eq!(server[0].pixel_id.as_deref(), Some("px-1"));
}

#[test]
fn json_lines_report_bad_lines_by_number_and_check_the_rest() {
    let mut text = String::new();
    text.push_str(&format!("{}\n", json!({"events": [event("a")]})));
    text.push_str("this is not json\n\n");
    text.push_str(&format!("2026-12-01T10:00:00Z INFO sent {}\n", event("b")));
    let mut seconds = event("c");
    seconds["timestamp_ms"] = json!(NOW / 1000);
    text.push_str(&format!("{seconds}\n"));
    text.push_str("{\"events\": [\n");
    let (v, _) = run(&[("capi.log", text.into_bytes())]);
    let file = &v.files[0];
    assert_eq!(file.format, InputFormat::JsonLines);
    assert_eq!(file.bad_lines, 2);
    let bad: Vec<u64> = v
        .findings
        .iter()
        .filter(|f| f.finding.id == ids::LINE_NOT_JSON)
        .filter_map(|f| f.line)
        .collect();
    assert_eq!(bad, [2, 6]);
    assert_eq!(v.events_checked, 3);
    let secs = v
        .findings
        .iter()
        .find(|f| f.finding.id == ids::TIMESTAMP_IN_SECONDS)
        .unwrap();
    assert_eq!(secs.line, Some(5));
    assert!(v
        .batches
        .iter()
        .any(|b| b.label == "capi.log line 1" && b.accepted));
    assert!(
        v.batches.iter().any(|b| !b.is_request
            && !b.accepted
            && b.verdict.contains("1 of 2 events would be rejected")
            && b.verdict.contains("First: line 5 (“lead_created”, id “c”)")),
        "{:#?}",
        v.batches
    );
    assert!(!v.passed());
}

#[test]
fn a_har_recording_gives_pixel_id_send_time_status_and_browser_evidence() {
    let entry = |pid: &str, browser: bool, body: Value, status: u16| {
        let mut headers = vec![
            json!({"name": "Authorization", "value": format!("Bearer {KEY}")}),
            json!({"name": "Content-Type", "value": "application/json"}),
        ];
        if browser {
            headers.push(json!({"name": "Origin", "value": "https://acme.example"}));
        }
        json!({"startedDateTime": "2026-05-28T20:26:40.000Z",
               "request": {"method": "POST", "url": format!("https://bzr.openai.com/v1/events{pid}"), "headers": headers,
                           "postData": {"mimeType": "application/json", "text": body.to_string()}},
               "response": {"status": status, "content": {"text": "{}"}}})
    };
    let other = json!({"startedDateTime": "2026-05-28T20:26:40.000Z", "request": {"method": "GET", "url": "https://acme.example/", "headers": []}, "response": {"status": 200}});
    let mut old = event("o");
    old["timestamp_ms"] = json!(NOW - 1000); // NOW is 2026-05-28T20:26:40Z
    let har = json!({"log": {"version": "1.2", "creator": {"name": "test"}, "entries": [
        other,
        entry("?pid=px-9", false, json!({"events": [old]}), 200),
        entry("", true, json!([event("p")]), 400),
    ]}});
    let (v, server) = run(&[("session.har", har.to_string().into_bytes())]);
    assert_eq!(v.files[0].format, InputFormat::Har);
    assert_eq!(v.batches.len(), 2);
    let first = &v.batches[0];
    assert_eq!(first.label, "session.har entry 2");
    assert_eq!(first.pixel_id.as_deref(), Some("px-9"));
    assert_eq!(first.response_status, Some(200));
    assert!(first.accepted, "{:#?}", v.findings);
    assert_eq!(server[0].pixel_id.as_deref(), Some("px-9"));
    let second = &v.batches[1];
    assert!(!second.accepted);
    let found = ids(&v);
    for id in [
        ids::PIXEL_ID_MISSING,
        ids::SENT_FROM_BROWSER,
        ids::KEY_IN_PAYLOAD,
        ids::EVENTS_WRAPPER_MISSING,
    ] {
        assert!(found.contains(&id), "{id}: {found:?}");
    }
    let all = serde_json::to_string(&v).unwrap();
    assert!(!all.contains(KEY), "the key must never be shown");
}

#[test]
fn a_key_inside_a_payload_is_reported_and_masked_everywhere() {
    let mut e = event("a");
    e["data"]["api_key"] = json!(KEY);
    let (v, _) = run(&[("body.json", json!({"events": [e]}).to_string().into_bytes())]);
    assert!(ids(&v).contains(&ids::KEY_IN_PAYLOAD));
    assert_eq!(v.keys_found, 1);
    let all = serde_json::to_string(&v).unwrap();
    assert!(!all.contains(KEY), "{all}");
    assert!(v.summary.contains("key"), "{}", v.summary);
}

#[test]
fn empty_binary_and_truncated_files_get_a_clear_message() {
    let (v, _) = run(&[
        ("empty.json", b"  \n".to_vec()),
        ("image.png", vec![0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3]),
        (
            "cut.json",
            br#"{"events": [{"id": "a", "type": "lead_created"#.to_vec(),
        ),
        ("notes.txt", b"hello\nworld\n".to_vec()),
    ]);
    assert_eq!(v.files[0].format, InputFormat::Unreadable);
    assert!(v.files[0].message.as_deref().unwrap().contains("empty"));
    assert!(v.files[1].message.as_deref().unwrap().contains("binary"));
    assert!(
        v.files[2].message.as_deref().unwrap().contains("line 1"),
        "{:?}",
        v.files[2]
    );
    assert!(
        v.files[3].message.as_deref().unwrap().contains("No line"),
        "{:?}",
        v.files[3]
    );
    assert!(!v.passed());
}

#[test]
fn gzip_is_read_and_a_batch_over_1000_events_is_rejected_whole() {
    let events: Vec<Value> = (0..1001).map(|i| event(&format!("e{i}"))).collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(json!({"events": events}).to_string().as_bytes())
        .unwrap();
    let (v, _) = run(&[("big.json.gz", gz.finish().unwrap())]);
    assert_eq!(v.events_checked, 1001);
    assert_eq!(v.batches_rejected, 1);
    assert!(
        v.batches[0].verdict.contains("1001 events in one request"),
        "{}",
        v.batches[0].verdict
    );
}

#[test]
fn a_long_file_reports_progress_and_stops_when_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..30_000 {
        writeln!(f, "{}", event(&format!("e{i}"))).unwrap();
    }
    drop(f);
    let mut calls = Vec::new();
    let seen = std::cell::Cell::new(0u64);
    let (v, _) = validate_files(
        std::slice::from_ref(&path),
        &ValidateOptions {
            sent_at_ms: NOW,
            pixel_id: None,
            keep_for_pairing: preflight_capi::MAX_SERVER_EVENTS,
        },
        &mut |p| {
            seen.set(p.events);
            calls.push(p.bytes_read);
        },
        &|| seen.get() >= 10_000,
    );
    assert!(calls.len() >= 2, "{calls:?}");
    assert!(calls.windows(2).all(|w| w[0] <= w[1]));
    assert!(v.cancelled);
    assert!(
        v.events_checked < 30_000 && v.events_checked >= 10_000,
        "{}",
        v.events_checked
    );
    assert!(v.summary.starts_with("Stopped"), "{}", v.summary);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), ext in prop::sample::select(vec!["json", "jsonl", "har", "txt"])) {
        let (v, _) = run(&[(&format!("f.{ext}"), bytes)]);
        prop_assert_eq!(v.files.len(), 1);
    }

    #[test]
    fn arbitrary_json_events_never_panic(value in arb_json()) {
        let body = json!({"events": [value.clone(), {"user": value.clone(), "data": value}]});
        let (v, _) = run(&[("b.json", body.to_string().into_bytes())]);
        prop_assert_eq!(v.events_checked, 2);
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z_%:/.@ A-Z0-9-]{0,70}".prop_map(Value::String),
        prop::sample::select(vec![
            "type",
            "custom",
            "order_created",
            "timestamp_ms",
            "email_sha256",
            "contents"
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "id",
                    "type",
                    "timestamp_ms",
                    "custom_event_name",
                    "oppref",
                    "source_url",
                    "action_source",
                    "user",
                    "data",
                    "amount",
                    "currency",
                    "contents",
                    "quantity",
                    "email_sha256",
                    "emails_sha256",
                    "country",
                    "x"
                ])
                .prop_map(String::from),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
