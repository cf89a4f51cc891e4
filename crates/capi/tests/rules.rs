//! Each documented rule, with cases written here from OpenAI's published Conversions API
//! documentation: the wrapper, batch size, required fields, the time window, action source and
//! source URL, custom names, `user` hashing, `oppref`, and the data shapes shared with the pixel.

use preflight_capi::rules::{event::check_event, request::check_root, user::sha256_hex};
use preflight_capi::{ids, validate_files, ValidateOptions};
use serde_json::{json, Value};

const NOW: i64 = 1_780_000_000_000;
const DAY: i64 = 86_400_000;

fn good() -> Value {
    json!({
        "id": "order-1001", "type": "order_created", "timestamp_ms": NOW - 60_000,
        "action_source": "web", "source_url": "https://shop.example/thanks",
        "oppref": "gAAAAABn-abc_DEF=",
        "user": { "email_sha256": sha256_hex("buyer@example.com"), "country": "US", "ip_address": "203.0.113.9" },
        "data": { "type": "contents", "amount": 2599, "currency": "USD",
                  "contents": [{ "id": "sku-1", "quantity": 1, "amount": 2599, "group_id": "g1" }] }
    })
}

fn ids_of(event: &Value) -> Vec<String> {
    check_event(event, NOW)
        .into_iter()
        .map(|l| l.finding.id)
        .collect()
}

fn with(changes: Value) -> Value {
    let mut e = good();
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            e.as_object_mut().unwrap().remove(k);
        } else {
            e[k] = v.clone();
        }
    }
    e
}

#[test]
fn a_correct_event_has_no_problem() {
    let found = check_event(&good(), NOW);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn required_fields() {
    assert_eq!(ids_of(&with(json!({"id": null}))), [ids::ID_MISSING]);
    assert_eq!(ids_of(&with(json!({"type": null}))), [ids::TYPE_MISSING]);
    assert_eq!(
        ids_of(&with(json!({"timestamp_ms": null}))),
        [ids::TIMESTAMP_MISSING]
    );
    assert_eq!(ids_of(&with(json!({"data": null}))), [ids::DATA_MISSING]);
    assert_eq!(ids_of(&json!("order")), [ids::EVENT_MALFORMED]);
}

#[test]
fn names_from_other_platforms_get_openai_s_name() {
    let e = with(json!({"type": "Purchase"}));
    let found = check_event(&e, NOW);
    let f = &found
        .iter()
        .find(|l| l.finding.id == ids::TYPE_INVALID)
        .unwrap()
        .finding;
    assert!(f.remedy.contains("order_created"), "{}", f.remedy);
    let e = with(json!({"id": null, "event_id": "o-1", "event_time": 1}));
    let found = ids_of(&e);
    assert!(found.contains(&ids::ID_MISSING.to_string()));
    assert!(found.contains(&ids::FIELD_UNKNOWN.to_string()));
}

#[test]
fn the_time_window_is_seven_days_back_and_ten_minutes_ahead() {
    let at = |ms: i64| ids_of(&with(json!({"timestamp_ms": ms})));
    assert!(at(NOW - 7 * DAY + 1000).is_empty());
    assert_eq!(at(NOW - 7 * DAY - 1000), [ids::TIMESTAMP_TOO_OLD]);
    assert!(at(NOW + 9 * 60_000).is_empty());
    assert_eq!(at(NOW + 11 * 60_000), [ids::TIMESTAMP_IN_FUTURE]);
    assert_eq!(at(NOW / 1000), [ids::TIMESTAMP_IN_SECONDS]);
    assert_eq!(at(NOW * 1000), [ids::TIMESTAMP_INVALID]);
    assert_eq!(
        ids_of(&with(json!({"timestamp_ms": "1780000000000"}))),
        [ids::TIMESTAMP_INVALID]
    );
    assert_eq!(
        ids_of(&with(json!({"timestamp_ms": 1.78e12}))),
        [ids::TIMESTAMP_INVALID]
    );
}

#[test]
fn custom_events_need_a_valid_name_at_event_level() {
    let custom = |name: Value| {
        let mut e = with(json!({"type": "custom", "data": {"type": "custom", "tier": "gold"}}));
        if !name.is_null() {
            e["custom_event_name"] = name;
        }
        ids_of(&e)
    };
    assert!(
        custom(json!("quote_requested")).is_empty(),
        "custom data may carry own keys"
    );
    assert_eq!(custom(Value::Null), [ids::CUSTOM_NAME_MISSING]);
    assert_eq!(custom(json!("_quote")), [ids::CUSTOM_NAME_INVALID]);
    assert_eq!(custom(json!("order_created")), [ids::CUSTOM_NAME_INVALID]);
    assert_eq!(
        custom(json!("Quote_Requested")),
        [ids::CUSTOM_NAME_UPPERCASE]
    );
    let inside =
        with(json!({"type": "custom", "data": {"type": "custom", "custom_event_name": "quote"}}));
    assert_eq!(ids_of(&inside), ["pixel-option-in-props"]);
    let on_standard = with(json!({"custom_event_name": "x"}));
    assert_eq!(ids_of(&on_standard), [ids::CUSTOM_NAME_ON_STANDARD]);
}

#[test]
fn action_source_and_source_url() {
    assert_eq!(
        ids_of(&with(json!({"action_source": "website"}))),
        [ids::ACTION_SOURCE_INVALID]
    );
    assert_eq!(
        ids_of(&with(json!({"source_url": null}))),
        [ids::SOURCE_URL_MISSING]
    );
    assert!(ids_of(&with(
        json!({"source_url": null, "action_source": "offline"})
    ))
    .is_empty());
    assert_eq!(
        ids_of(&with(json!({"source_url": "shop.example/thanks"}))),
        [ids::SOURCE_URL_INVALID]
    );
    assert_eq!(
        ids_of(&with(
            json!({"source_url": "https://shop.example/thanks?email=a%40b.c"})
        )),
        [ids::SOURCE_URL_HAS_QUERY]
    );
    let app = json!({"id": "i-1", "type": "app_installed", "timestamp_ms": NOW, "user": {"android_advertising_id": "38400000-8cf0-11bd-b23e-10b96e40000d"}, "data": {"type": "customer_action"}});
    assert_eq!(ids_of(&app), [ids::APP_EVENT_SOURCE]);
    let mut fixed = app.clone();
    fixed["action_source"] = json!("mobile_app");
    assert!(ids_of(&fixed).is_empty());
}

#[test]
fn user_fields_are_hashed_normalised_values_or_documented_raw_ones() {
    let user = |u: Value| ids_of(&with(json!({"user": u})));
    assert_eq!(
        user(json!({"email_sha256": "buyer@example.com"})),
        [ids::USER_RAW_PII]
    );
    assert_eq!(
        user(json!({"email": "buyer@example.com"})),
        [ids::USER_RAW_PII]
    );
    assert_eq!(
        user(json!({"email_sha256": sha256_hex("x").to_uppercase()})),
        [ids::USER_HASH_MALFORMED]
    );
    assert_eq!(
        user(json!({"email_sha256": "abc123"})),
        [ids::USER_HASH_MALFORMED]
    );
    assert_eq!(
        user(json!({"email_sha256": sha256_hex("")})),
        [ids::USER_HASH_OF_EMPTY]
    );
    assert_eq!(
        user(json!({"external_id_sha256": sha256_hex("undefined")})),
        [ids::USER_HASH_OF_EMPTY]
    );
    assert_eq!(
        user(json!({"emails_sha256": sha256_hex("a@b.c")})),
        [ids::USER_LIST_EXPECTED]
    );
    let four: Vec<String> = (0..4).map(|i| sha256_hex(&format!("{i}@b.c"))).collect();
    assert_eq!(
        user(json!({"emails_sha256": four})),
        [ids::USER_LIST_TOO_LONG]
    );
    assert_eq!(
        user(json!({"country": "United States"})),
        [ids::USER_VALUE_INVALID]
    );
    assert_eq!(
        user(json!({"ip_address": "not-an-ip"})),
        [ids::USER_VALUE_INVALID]
    );
    assert_eq!(user(json!({"idfa": "x"})), [ids::USER_FIELD_UNSUPPORTED]);
    assert_eq!(user(json!({"favourite": "x"})), [ids::USER_FIELD_UNKNOWN]);
    assert_eq!(user(json!("buyer")), [ids::USER_INVALID]);
    assert!(
        user(json!({"obref": "abc", "postal_codes": ["10115"], "user_agent": "Mozilla/5.0"}))
            .is_empty()
    );
}

#[test]
fn oppref_is_passed_raw() {
    assert_eq!(
        ids_of(&with(
            json!({"oppref": "https://shop.example/?oppref=gAAAA"})
        )),
        [ids::OPPREF_ALTERED]
    );
    assert_eq!(
        ids_of(&with(json!({"oppref": sha256_hex("gAAAA")}))),
        [ids::OPPREF_ALTERED]
    );
    assert_eq!(
        ids_of(&with(json!({"oppref": "gAAAAB%3D%3D"}))),
        [ids::OPPREF_ALTERED]
    );
    assert_eq!(ids_of(&with(json!({"oppref": 12}))), [ids::OPPREF_INVALID]);
    assert_eq!(
        ids_of(&with(json!({"oppref": null, "user": null}))),
        [ids::NO_MATCH_KEYS]
    );
}

#[test]
fn data_shapes_are_the_pixel_s_rules_with_the_server_s_extra_keys() {
    let data = |d: Value| ids_of(&with(json!({"data": d})));
    assert_eq!(
        data(json!({"type": "contents", "amount": 25.99, "currency": "USD"})),
        ["pixel-amount-not-integer"]
    );
    assert_eq!(
        data(json!({"type": "contents", "amount": 2599})),
        ["pixel-currency-missing"]
    );
    assert_eq!(
        data(json!({"type": "customer_action"})),
        ["pixel-event-type-mismatch"]
    );
    assert_eq!(
        data(json!({"type": "contents", "event_id": "o-1"})),
        ["pixel-option-in-props"]
    );
    assert_eq!(data(json!("contents")), ["pixel-event-type-mismatch"]);
    // group_id is accepted from the server (it is not from the browser).
    assert!(
        data(json!({"type": "contents", "contents": [{"id": "a", "group_id": "g"}]})).is_empty()
    );
}

#[test]
fn the_request_wrapper_and_batch_size() {
    let root = |r: Value, n: Option<usize>| -> Vec<String> {
        check_root(r.as_object().unwrap(), n)
            .into_iter()
            .map(|l| l.finding.id)
            .collect()
    };
    assert!(root(
        json!({"validate_only": true, "integration_source": "shop"}),
        Some(3)
    )
    .is_empty());
    assert_eq!(root(json!({}), None), [ids::EVENTS_WRAPPER_MISSING]);
    assert_eq!(root(json!({}), Some(1001)), [ids::BATCH_TOO_LARGE]);
    assert!(root(json!({}), Some(1000)).is_empty());
    assert_eq!(root(json!({}), Some(0)), [ids::BATCH_EMPTY]);
    assert_eq!(
        root(json!({"validate_only": "yes"}), Some(1)),
        [ids::ROOT_FIELD_INVALID]
    );
    assert_eq!(root(json!({"user": {}}), Some(1)), [ids::USER_AT_ROOT]);
    assert_eq!(
        root(json!({"pid": "p"}), Some(1)),
        [ids::ROOT_FIELD_INVALID]
    );
}

#[test]
fn one_bad_event_fails_the_whole_batch_and_the_verdict_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut events: Vec<Value> = (0..20)
        .map(|i| with(json!({"id": format!("o-{i}")})))
        .collect();
    events[17]["timestamp_ms"] = json!(NOW - 9 * DAY);
    let path = dir.path().join("batch.json");
    std::fs::write(&path, json!({"events": events}).to_string()).unwrap();
    let (v, server) = validate_files(
        &[path],
        &ValidateOptions {
            sent_at_ms: NOW,
            pixel_id: None,
            keep_for_pairing: preflight_capi::MAX_SERVER_EVENTS,
        },
        &mut |_| {},
        &|| false,
    );
    assert_eq!(v.batches_total, 1);
    assert_eq!(v.batches_rejected, 1);
    let verdict = &v.batches[0].verdict;
    assert!(
        verdict.starts_with("OpenAI would reject this whole batch of 20 events because event 17"),
        "{verdict}"
    );
    assert!(verdict.contains("o-17"), "{verdict}");
    let f = v
        .findings
        .iter()
        .find(|f| f.finding.id == ids::TIMESTAMP_TOO_OLD)
        .unwrap();
    assert_eq!(f.path, "$.events[17].timestamp_ms");
    assert_eq!(f.event_index, Some(17));
    assert_eq!(server.len(), 20);
    assert!(!v.passed());
}

#[test]
fn every_finding_id_is_in_the_catalogue() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/findings-capi.md"
    ))
    .unwrap();
    for id in ids::ALL {
        assert!(
            doc.contains(&format!("`{id}`")),
            "{id} is not in docs/findings-capi.md"
        );
    }
}

#[test]
fn findings_carry_where_they_are_and_the_value_as_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let mut e =
        with(json!({"user": {"emails_sha256": [sha256_hex("a@b.c"), "Buyer@Example.com"]}}));
    e["timestamp_ms"] = json!(NOW / 1000);
    let path = dir.path().join("one.jsonl");
    std::fs::write(
        &path,
        format!(
            "{}\n{}\n",
            json!({"events": [good()]}),
            json!({"events": [e]})
        ),
    )
    .unwrap();
    let (v, _) = validate_files(
        &[path],
        &ValidateOptions {
            sent_at_ms: NOW,
            ..Default::default()
        },
        &mut |_| {},
        &|| false,
    );
    let evidence = |id: &str| {
        let f = v.findings.iter().find(|f| f.finding.id == id).unwrap();
        f.finding
            .evidence
            .iter()
            .map(|e| format!("{}={}", e.label, e.value))
            .collect::<Vec<_>>()
    };
    let raw = evidence(ids::USER_RAW_PII);
    assert!(
        raw.contains(&"Where=one.jsonl line 2, $.events[0].user.emails_sha256[1]".to_string()),
        "{raw:?}"
    );
    assert!(
        raw.contains(&"Value=\"Buyer@Example.com\"".to_string()),
        "{raw:?}"
    );
    let secs = evidence(ids::TIMESTAMP_IN_SECONDS);
    assert!(secs.contains(&format!("Value={}", NOW / 1000)), "{secs:?}");
    for f in &v.findings {
        assert!(
            !f.finding.evidence.is_empty() && !f.finding.remedy.is_empty(),
            "{f:?}"
        );
    }
}
