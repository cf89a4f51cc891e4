//! A journey's calls checked one at a time as they arrive give, after every call, exactly the
//! check of all the calls so far at once; and the finished report is the same either way.

use std::collections::BTreeSet;

use preflight_audit::journey::{check_calls, journey_report, JourneyChecker};
use preflight_pixel::{ids, RecordedCall};

fn call(command: &str, args: &str, source: &str) -> RecordedCall {
    RecordedCall {
        command: command.into(),
        args_json: args.into(),
        source: source.into(),
    }
}

/// Calls a page can make, good and bad, covering what one call's check depends on: pixel IDs
/// set before it, the same settings repeated here or elsewhere, consent order, unreadable
/// arguments.
fn vocabulary() -> Vec<RecordedCall> {
    let a = "Q3EEHmNNmitscStzPbzSGs";
    let b = "Zz9EHmNNmitscStzPbzSGq";
    vec![
        call(
            "init",
            &format!(r#"[{{"pixelId":"{a}"}}]"#),
            "https://shop.test/:3:5",
        ),
        call(
            "init",
            &format!(r#"[{{"pixelId":"{a}"}}]"#),
            "https://shop.test/cart:3:5",
        ),
        call(
            "init",
            &format!(r#"[{{"pixelId":"{b}"}}]"#),
            "https://tags.test/gtm.js:1:9",
        ),
        call(
            "init",
            &format!(r#"[{{"pixelId":"{a}","debug":true}}]"#),
            "https://shop.test/:9:1",
        ),
        call(
            "init",
            &format!(r#"[{{"pixelId":"{a}","user":{{"email":"a@b.test"}}}}]"#),
            "https://shop.test/:12:1",
        ),
        call(
            "init",
            r#"[{"pixelId":"<dynamic>"}]"#,
            "https://shop.test/:20:1",
        ),
        call("init", r#"[{}]"#, "https://shop.test/:4:1"),
        call("init", &format!(r#"["{a}"]"#), "https://shop.test/:5:1"),
        call(
            "init",
            r#"[{"pixelId":"bad id!"}]"#,
            "https://shop.test/:6:1",
        ),
        call(
            "measure",
            r#"["page_viewed",{"type":"contents"}]"#,
            "https://shop.test/:7:1",
        ),
        call(
            "measure",
            r#"["page_viewed",{"type":"contents"}]"#,
            "https://shop.test/p/1:7:1",
        ),
        call(
            "measure",
            r#"["contents_viewed",{"type":"contents","amount":12999,"currency":"USD","contents":[{"id":"sku-1","quantity":1}]}]"#,
            "https://shop.test/p/1:8:1",
        ),
        call(
            "measure",
            r#"["order_created",{"type":"contents","amount":49.99,"currency":"usd"}]"#,
            "https://shop.test/thanks:2:1",
        ),
        call(
            "measure",
            r#"["order_created",{"type":"contents","amount":4999,"currency":"EUR"},{"event_id":"o-1"}]"#,
            "https://shop.test/thanks:3:1",
        ),
        call(
            "measure",
            r#"["Purchase",{"value":10}]"#,
            "https://shop.test/thanks:4:1",
        ),
        call(
            "measure",
            r#"["custom",{"type":"customer_action"},{"custom_event_name":"Signed Up"}]"#,
            "https://shop.test/:30:1",
        ),
        call("measure", r#"["lead_created"]"#, "https://shop.test/:31:1"),
        call(
            "measure",
            r#"["<dynamic>",{"type":"contents"}]"#,
            "https://shop.test/:32:1",
        ),
        call(
            "measureSingle",
            &format!(r#"["{a}","page_viewed",{{"type":"contents"}}]"#),
            "https://shop.test/:40:1",
        ),
        call(
            "measureSingle",
            &format!(r#"["{b}","items_added",{{"type":"contents"}}]"#),
            "https://shop.test/:41:1",
        ),
        call(
            "measureSingle",
            r#"["OtherPixelIdOtherPixel","page_viewed",{"type":"contents"}]"#,
            "https://shop.test/:42:1",
        ),
        call(
            "measureSingle",
            r#"["<dynamic>","page_viewed",{"type":"contents"}]"#,
            "https://shop.test/:43:1",
        ),
        call("consent", "[false]", "https://shop.test/:50:1"),
        call("consent", "[true]", "https://shop.test/:51:1"),
        call("track", r#"["Purchase"]"#, "https://shop.test/:60:1"),
        call("", r#"["x"]"#, "https://shop.test/:61:1"),
        call("measure", "not json {", "https://shop.test/:70:1"),
        call("measure", "also [not json", "https://shop.test/:71:1"),
        call(
            "measure",
            r#"["measure","page_viewed",{"type":"contents"}]"#,
            "https://shop.test/:72:1",
        ),
    ]
}

/// A small deterministic generator, so every run checks the same sequences.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

/// Checks after every call; returns the ids of the findings met on the way.
fn assert_incremental_matches_batch(calls: &[RecordedCall], label: &str) -> BTreeSet<String> {
    let mut checker = JourneyChecker::new();
    let mut met = BTreeSet::new();
    for (n, next) in calls.iter().enumerate() {
        checker.push(next);
        let batch = check_calls(&calls[..=n]);
        assert_eq!(
            checker.check(),
            batch,
            "{label}: after call {n} of {calls:#?}"
        );
        met.extend(batch.findings.into_iter().map(|f| f.id));
    }
    met
}

#[test]
fn each_call_checked_once_gives_the_batch_check_after_every_call() {
    let words = vocabulary();
    let mut random = Sequence(0x9e37_79b9_7f4a_7c15);
    let mut met = BTreeSet::new();
    for round in 0..300 {
        let len = 1 + random.next(24);
        let calls: Vec<RecordedCall> = (0..len)
            .map(|_| words[random.next(words.len())].clone())
            .collect();
        met.extend(assert_incremental_matches_batch(
            &calls,
            &format!("round {round}"),
        ));
    }
    // The sequences reach the findings that depend on earlier calls or on the whole list.
    for id in [
        ids::DETECTED,
        ids::NOT_FOUND,
        ids::INIT_MISSING,
        ids::MULTIPLE_IDS,
        ids::INIT_DUPLICATED,
        ids::ID_MISSING,
        ids::CONSENT_AFTER_INIT,
        ids::MEASURE_SINGLE_UNKNOWN_PIXEL,
        ids::COMMAND_UNKNOWN,
        ids::RENDERED_CALL_UNREADABLE,
        ids::DEBUG_ENABLED,
    ] {
        assert!(met.contains(id), "{id} never met: {met:?}");
    }
}

#[test]
fn long_journeys_with_many_repeats_still_match() {
    // Past the evidence limit of a grouped finding, with the same events on many pages.
    let words = vocabulary();
    let mut calls = Vec::new();
    for page in 0..30 {
        let source = format!("https://shop.test/p/{page}:7:1");
        calls.push(call("init", &words[0].args_json, &source));
        calls.push(call("measure", &words[12].args_json, &source));
        calls.push(call("measure", &words[14].args_json, &source));
        if page % 7 == 0 {
            calls.push(words[2].clone());
            calls.push(words[26].clone());
        }
    }
    assert_incremental_matches_batch(&calls, "long journey");
}

#[test]
fn nothing_checked_is_the_empty_check() {
    assert_eq!(JourneyChecker::new().check(), check_calls(&[]));
}

#[test]
fn the_finished_report_is_the_same_and_calls_not_fed_live_are_caught_up() {
    let words = vocabulary();
    let calls: Vec<RecordedCall> = [0, 9, 11, 2, 12, 26, 18, 22, 3, 13]
        .iter()
        .map(|&i| words[i].clone())
        .collect();
    let capture = preflight_capture::Capture {
        final_url: "https://shop.test/thanks".into(),
        calls: calls.clone(),
        pixel_requests: Vec::new(),
        sdk_requests: Vec::new(),
        console_errors: Vec::new(),
        pages_visited: vec![
            "https://shop.test/".into(),
            "https://shop.test/thanks".into(),
        ],
        blocked_requests: Vec::new(),
        warnings: Vec::new(),
        steps: Vec::new(),
        truncated: false,
        timed_out: false,
        browser_version: "Chrome/1".into(),
    };
    let batch = journey_report("https://shop.test/", "t0", "t1", &capture);
    // The live view saw only the first four calls before the journey ended.
    let mut checker = JourneyChecker::new();
    for c in &calls[..4] {
        checker.push(c);
    }
    let incremental = checker.report("https://shop.test/", "t0", "t1", &capture);
    assert_eq!(checker.calls_checked(), calls.len());
    assert_eq!(incremental, batch);
}

#[test]
fn push_hands_back_the_event_a_call_sent() {
    let words = vocabulary();
    let mut checker = JourneyChecker::new();
    assert!(checker.push(&words[0]).is_none(), "init sends no event");
    let event = checker.push(&words[12]).expect("an event").clone();
    assert_eq!(event.name, "order_created");
    assert!(!event.problems.is_empty(), "{event:?}");
    assert!(checker.push(&words[26]).is_none(), "unreadable");
    assert_eq!(checker.calls_checked(), 3);
}
