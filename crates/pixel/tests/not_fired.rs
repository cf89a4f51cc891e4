//! What ran beats what is written: a page scanned from its source and then run in a browser.
//! Events the browser did not send are "in the source, never fired" and stop counting as sent,
//! on the page and in funnel coverage.

use preflight_model::Status;
use preflight_pixel::*;

const PAGE: &str = "https://shop.example/checkout/thanks";

const SNIPPET: &str = r#"<script>(function(w,d,s,u){if(w.oaiq)return;var q=w.oaiq=function(){q.q.push(arguments)};q.q=[];var t=d.createElement(s);t.async=true;t.src=u;d.head.appendChild(t)})(window,document,"script","https://bzrcdn.openai.com/sdk/oaiq.min.js");
oaiq("init", { pixelId: "Q3EEHmNNmitscStzPbzSGs" });</script>"#;

fn scanned(body_js: &str) -> PixelReport {
    let html = format!(
        "<!doctype html><html><head><title>Thanks</title>{SNIPPET}</head><body><h1>Thanks</h1><script>{body_js}</script></body></html>"
    );
    scan(PAGE, &html, &[], &[])
}

fn recorded(command: &str, args_json: &str) -> RecordedCall {
    RecordedCall {
        command: command.into(),
        args_json: args_json.into(),
        source: "inline script".into(),
    }
}

fn event<'r>(r: &'r PixelReport, name: &str, how: How) -> &'r FoundEvent {
    r.events
        .iter()
        .find(|e| e.name == name && e.how == how)
        .unwrap_or_else(|| panic!("no {how:?} {name} in {:?}", r.events))
}

const BODY: &str = r#"oaiq("measure", "page_viewed", { type: "contents" });
if (window.location.search.indexOf("paid=1") >= 0) {
  oaiq("measure", "order_created", { type: "contents", amount: 12999, currency: "USD" }, { event_id: "o-1" });
}"#;

#[test]
fn an_event_the_browser_never_sent_is_marked_and_not_counted() {
    let written = scanned(BODY);
    assert!(event(&written, "order_created", How::Static)
        .firing
        .may_fire());

    let ran = merge_rendered(
        written,
        &[
            recorded("init", r#"[{"pixelId":"Q3EEHmNNmitscStzPbzSGs"}]"#),
            recorded("measure", r#"["page_viewed",{"type":"contents"}]"#),
        ],
    );
    let order = event(&ran, "order_created", How::Static);
    assert_eq!(order.firing, Firing::NotFired);
    assert!(!order.firing.may_fire());
    assert!(order.firing_reason.as_deref().unwrap().contains("not sent"));
    assert!(order.problems.contains(&ids::EVENT_NOT_FIRED.to_string()));

    // page_viewed ran, so its static record is not marked.
    assert_ne!(
        event(&ran, "page_viewed", How::Static).firing,
        Firing::NotFired
    );

    // Behind a condition: a warning that says it waits, not a failure.
    let f = ran
        .findings
        .iter()
        .find(|f| f.id == ids::EVENT_NOT_FIRED)
        .expect("not-fired finding");
    assert_eq!(f.status, Status::Warn);
    assert!(f.title.contains("order_created"), "{}", f.title);

    // Funnel coverage: order_created is missing although it is written in the page.
    let funnel = funnel("ecommerce").expect("ecommerce funnel");
    let coverage = funnel_coverage(funnel, &ran.events);
    assert!(
        coverage.missing.iter().any(|m| m.event == "order_created"),
        "{coverage:?}"
    );
    assert!(
        coverage.present.iter().any(|e| e == "page_viewed"),
        "{coverage:?}"
    );
}

#[test]
fn a_load_time_event_that_did_not_run_fails_and_running_again_is_stable() {
    let written = scanned(r#"oaiq("measure", "lead_created", { type: "customer_action" });"#);
    let calls = [recorded(
        "init",
        r#"[{"pixelId":"Q3EEHmNNmitscStzPbzSGs"}]"#,
    )];
    let once = merge_rendered(written, &calls);
    let f = once
        .findings
        .iter()
        .find(|f| f.id == ids::EVENT_NOT_FIRED)
        .expect("not-fired finding");
    assert_eq!(f.status, Status::Fail);
    // Merging the same capture again gives the same answer, with one finding.
    let twice = merge_rendered(once.clone(), &calls);
    assert_eq!(
        twice
            .findings
            .iter()
            .filter(|f| f.id == ids::EVENT_NOT_FIRED)
            .count(),
        1
    );
    assert_eq!(
        event(&twice, "lead_created", How::Static).firing,
        Firing::NotFired
    );

    // When the browser did send it, nothing is marked.
    let sent = merge_rendered(
        scanned(r#"oaiq("measure", "lead_created", { type: "customer_action" });"#),
        &[
            calls[0].clone(),
            recorded("measure", r#"["lead_created",{"type":"customer_action"}]"#),
        ],
    );
    assert!(sent.findings.iter().all(|f| f.id != ids::EVENT_NOT_FIRED));
}
