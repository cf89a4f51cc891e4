//! Journeys that can be replayed: the steps of a journey are recorded as it is clicked through
//! (driven here over the DevTools Protocol, as a visitor would), replayed headless with the
//! same pixel events, and a changed site reports the step that no longer works, in time.

mod common;

use std::time::{Duration, Instant};

use common::{one_browser_at_a_time, options};
use preflight_capture::{
    replay_journey, start_journey, CaptureOptions, ReplayOptions, ReplayProgress, Window,
};
use preflight_document::journey::{JourneyStep, StepStatus};
use preflight_fixtures::FunnelSite;
use tokio_util::sync::CancellationToken;

fn headless() -> CaptureOptions {
    CaptureOptions {
        window: Window::Headless,
        ..options()
    }
}

fn replay_options() -> ReplayOptions {
    ReplayOptions {
        capture: headless(),
        step_timeout: Duration::from_secs(8),
        settle: Duration::from_millis(800),
    }
}

/// Wait until the journey has recorded `n` steps (or fail after 10 s).
async fn wait_steps(journey: &preflight_capture::Journey, n: usize) {
    for _ in 0..100 {
        if journey.steps().len() >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("expected {n} steps, got {:#?}", journey.steps());
}

/// Events (`measure` calls) by name, in order.
fn events(calls: &[preflight_pixel::RecordedCall]) -> Vec<String> {
    calls
        .iter()
        .filter(|c| c.command == "measure")
        .filter_map(|c| {
            let args: serde_json::Value = serde_json::from_str(&c.args_json).ok()?;
            args[0].as_str().map(str::to_string)
        })
        .collect()
}

/// Record the funnel: landing → pricing (link) → "Start trial" → sign-up form → thanks.
async fn record(site: &FunnelSite) -> Vec<JourneyStep> {
    let journey = start_journey(&site.url("/funnel/"), &headless())
        .await
        .unwrap();
    wait_steps(&journey, 1).await;
    journey.click("a.cta").await.unwrap();
    wait_steps(&journey, 3).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    journey.click("#start-trial").await.unwrap();
    wait_steps(&journey, 5).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    journey
        .type_into("#email", "ana@example.com")
        .await
        .unwrap();
    journey
        .type_into("input[name=company]", "Acme")
        .await
        .unwrap();
    journey.click("#signup button").await.unwrap();
    wait_steps(&journey, 7).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let capture = journey.finish().await;
    assert_eq!(
        events(&capture.calls),
        [
            "page_viewed",
            "page_viewed",
            "lead_created",
            "page_viewed",
            "page_viewed",
            "registration_completed"
        ]
    );
    capture.steps
}

#[tokio::test(flavor = "multi_thread")]
async fn a_recorded_journey_keeps_its_steps_and_replays_with_the_same_events() {
    let _one = one_browser_at_a_time().await;
    let site = FunnelSite::start();
    let steps = record(&site).await;

    // The steps as recorded: the start page, the link, where it led, the button, where it
    // led, the form with what was typed (and nothing of the untouched fields), the thanks page.
    assert_eq!(steps.len(), 7, "{steps:#?}");
    assert_eq!(
        steps[0],
        JourneyStep::Visit {
            url: site.url("/funnel/")
        }
    );
    let JourneyStep::Click { target, page_url } = &steps[1] else {
        panic!("a click: {:?}", steps[1]);
    };
    assert_eq!(page_url, &site.url("/funnel/"));
    assert_eq!(
        (target.element.as_str(), target.text.as_str()),
        ("link", "See pricing")
    );
    assert_eq!(
        steps[2],
        JourneyStep::Arrive {
            url: site.url("/funnel/pricing")
        }
    );
    let JourneyStep::Click { target, .. } = &steps[3] else {
        panic!("a click: {:?}", steps[3]);
    };
    assert_eq!(target.selector, "#start-trial");
    assert_eq!(target.element, "button");
    assert_eq!(target.text, "Start trial");
    assert_eq!(
        steps[4],
        JourneyStep::Arrive {
            url: site.url("/funnel/signup")
        }
    );
    let JourneyStep::Submit {
        target,
        fields,
        submitter,
        ..
    } = &steps[5]
    else {
        panic!("a form: {:?}", steps[5]);
    };
    assert_eq!(target.selector, "#signup");
    let typed: Vec<(&str, Option<&str>)> = fields
        .iter()
        .map(|f| (f.selector.as_str(), f.value.as_deref()))
        .collect();
    assert_eq!(
        typed,
        [
            ("#email", Some("ana@example.com")),
            ("input[name=\"company\"]", Some("Acme"))
        ]
    );
    assert_eq!(fields[0].label, "Work email");
    assert!(submitter.is_some());
    assert_eq!(
        steps[6],
        JourneyStep::Arrive {
            url: site.url("/funnel/thanks")
        },
        "the fields a form puts in the address are kept with the form only"
    );

    // Replayed headless: every step works and the same events fire.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let replay = replay_journey(
        &steps,
        &replay_options(),
        Some(tx),
        &CancellationToken::new(),
    )
    .await
    .unwrap();
    assert!(replay.complete, "{:#?}", replay.outcomes);
    assert_eq!(replay.outcomes.len(), 7);
    assert!(replay.outcomes.iter().all(|o| o.status == StepStatus::Done));
    assert_eq!(
        events(&replay.capture.calls),
        [
            "page_viewed",
            "page_viewed",
            "lead_created",
            "page_viewed",
            "page_viewed",
            "registration_completed"
        ]
    );
    assert!(replay
        .capture
        .final_url
        .contains("/funnel/thanks?email=ana%40example.com"));
    let mut started = 0;
    while let Ok(p) = rx.try_recv() {
        if let ReplayProgress::Started { total, .. } = p {
            assert_eq!(total, 7);
            started += 1;
        }
    }
    assert_eq!(started, 7, "each step is announced as it starts");

    // The site changes: the button is gone. The replay names the step, within its time limit.
    site.change();
    let began = Instant::now();
    let replay = replay_journey(&steps, &replay_options(), None, &CancellationToken::new())
        .await
        .unwrap();
    assert!(
        began.elapsed() < Duration::from_secs(30),
        "{:?}",
        began.elapsed()
    );
    assert!(!replay.complete);
    let statuses: Vec<StepStatus> = replay.outcomes.iter().map(|o| o.status).collect();
    use StepStatus::*;
    assert_eq!(
        statuses,
        [Done, Done, Done, Failed, NotReached, NotReached, NotReached]
    );
    assert_eq!(
        replay.outcomes[3].message,
        format!(
            "Step 4: the button “Start trial” (#start-trial) is no longer on {}",
            site.url("/funnel/pricing")
        )
    );
    // What was seen before the failure is kept.
    assert_eq!(
        events(&replay.capture.calls),
        ["page_viewed", "page_viewed"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn passwords_and_card_numbers_are_never_kept_and_the_replay_stops_there() {
    let _one = one_browser_at_a_time().await;
    let site = FunnelSite::start();
    let journey = start_journey(&site.url("/funnel/pay"), &headless())
        .await
        .unwrap();
    wait_steps(&journey, 1).await;
    journey.type_into("#name", "Ana Diaz").await.unwrap();
    journey
        .type_into("#card", "4111 1111 1111 1111")
        .await
        .unwrap();
    journey.type_into("#pw", "hunter2-secret").await.unwrap();
    journey.click("#pay-now").await.unwrap();
    wait_steps(&journey, 3).await;
    let capture = journey.finish().await;
    let steps = capture.steps;
    let JourneyStep::Submit { fields, .. } = &steps[1] else {
        panic!("a form: {steps:#?}");
    };
    let kept: Vec<(&str, Option<&str>, Option<&str>)> = fields
        .iter()
        .map(|f| {
            (
                f.selector.as_str(),
                f.value.as_deref(),
                f.skipped.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        kept,
        [
            ("#name", Some("Ana Diaz"), None),
            ("#card", None, Some("sensitive")),
            ("#pw", None, Some("sensitive")),
        ]
    );
    let json =
        serde_json::to_string(&(&steps, &capture.pages_visited, &capture.final_url)).unwrap();
    assert!(
        !json.contains("4111") && !json.contains("hunter2"),
        "{json}"
    );

    let replay = replay_journey(&steps, &replay_options(), None, &CancellationToken::new())
        .await
        .unwrap();
    let statuses: Vec<StepStatus> = replay.outcomes.iter().map(|o| o.status).collect();
    assert_eq!(
        statuses,
        [
            StepStatus::Done,
            StepStatus::Stopped,
            StepStatus::NotReached
        ]
    );
    let message = &replay.outcomes[1].message;
    assert!(
        message.starts_with("Step 2: the replay stops before the form (#pay)"),
        "{message}"
    );
    assert!(message.contains("“Card number”, “Password”"), "{message}");
}

#[tokio::test]
async fn a_journey_without_steps_cannot_be_replayed() {
    let err = replay_journey(&[], &replay_options(), None, &CancellationToken::new())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "nothing_to_replay");
}
