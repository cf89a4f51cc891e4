//! `preflight journey replay ID`: a saved journey replayed without a window, each step's
//! outcome printed as it ends and the pixel events seen checked. The replay is saved as a new
//! journey of the same audit (unless `--no-save`); the exit code is 1 when a step no longer
//! works or an event has a failing problem.

use crate::args::{Format, ReplayArgs};
use crate::journey::unsandboxed;
use crate::Failure;
use preflight_capture::{CaptureOptions, ReplayOptions, ReplayProgress, Window};
use preflight_document::journey::{JourneyReport, StepStatus};
use preflight_session::CancellationToken;
use std::process::ExitCode;
use std::time::Duration;

pub fn run(args: ReplayArgs) -> Result<ExitCode, Failure> {
    // Only an existing database: the journey to replay is in it.
    let store = crate::output::existing_writable(&args.db)?;
    let (run_id, original) = preflight_session::journeys::load_journey(&store, args.id)?;
    if original.steps.is_empty() {
        return Err(Failure(
            preflight_capture::CaptureError::NothingToReplay.to_string(),
        ));
    }
    let options = ReplayOptions {
        capture: CaptureOptions {
            browser: args.browser.clone(),
            window: Window::Headless,
            allow_unsandboxed_browser: unsandboxed(args.allow_unsandboxed_browser),
            ..CaptureOptions::default()
        },
        step_timeout: Duration::from_secs(args.step_timeout.into()),
        ..ReplayOptions::default()
    };
    eprintln!(
        "Replaying journey {} ({} steps) from {} without a window…",
        original.id,
        original.steps.len(),
        original.start_url
    );
    let runtime = tokio::runtime::Runtime::new()?;
    let mut report = runtime.block_on(replay(&original, &options))?;
    if !args.no_save {
        report = preflight_session::journeys::save_journey(&store, run_id, report)?;
        eprintln!("saved as journey {} with audit {run_id}", report.id);
    }
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Text => print_text(&report),
    }
    let step_failed = report.replay.as_ref().is_some_and(|r| !r.complete);
    let failing = report.findings.iter().any(|f| f.status.is_failing());
    Ok(if step_failed || failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Runs the replay, printing each step as it starts on stderr; Ctrl-C stops it with what was
/// seen so far.
async fn replay(
    original: &JourneyReport,
    options: &ReplayOptions,
) -> Result<JourneyReport, Failure> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let cancel = CancellationToken::new();
    let printer = tokio::spawn(async move {
        while let Some(progress) = rx.recv().await {
            if let ReplayProgress::Started {
                step,
                total,
                description,
            } = progress
            {
                eprintln!("step {step}/{total}: {description}");
            }
        }
    });
    let stop = cancel.clone();
    let ctrl_c = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            stop.cancel();
        }
    });
    let result =
        preflight_session::journeys::replay_journey(original, options, Some(tx), &cancel).await;
    ctrl_c.abort();
    let _ = printer.await;
    result.map_err(|e| Failure(e.to_string()))
}

fn print_text(report: &JourneyReport) {
    if let Some(replay) = &report.replay {
        let done = replay
            .outcomes
            .iter()
            .filter(|o| o.status == StepStatus::Done)
            .count();
        println!(
            "Replay of journey {}: {} of {} steps worked{}",
            replay.replay_of,
            done,
            replay.outcomes.len(),
            if replay.complete {
                "."
            } else {
                "; the journey no longer works as recorded."
            }
        );
        for outcome in &replay.outcomes {
            let mark = match outcome.status {
                StepStatus::Done => "✔",
                StepStatus::Failed => "✖",
                StepStatus::Stopped => "■",
                StepStatus::NotReached => "·",
            };
            println!("  {mark} {}", outcome.message);
        }
    }
    println!(
        "Pixel events seen: {}",
        if report.events.is_empty() {
            "none".to_string()
        } else {
            report
                .events
                .iter()
                .map(|e| e.name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    for event in &report.events {
        if !event.problems.is_empty() {
            println!(
                "  ✖ {:<24} problems: {}",
                event.name,
                event.problems.join(", ")
            );
        }
    }
}
