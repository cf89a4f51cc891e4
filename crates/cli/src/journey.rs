//! `preflight journey`: a funnel clicked through in a browser, every pixel call checked as it
//! fires; and `preflight funnels`.

use crate::args::{Format, JourneyArgs};
use crate::Failure;
use preflight_audit::journey::{JourneyChecker, JourneyReport};
use preflight_capture::{CaptureOptions, JourneyEvent, Window};
use preflight_model::Status;
use std::io::BufRead;
use std::process::ExitCode;
use std::time::Duration;

/// A usage error naming the funnels, for an unknown id.
pub fn check_funnel(funnel: Option<&str>) -> Result<(), Failure> {
    match preflight_readiness::funnel::unknown_funnel(funnel) {
        Some(why) => Err(Failure(why)),
        None => Ok(()),
    }
}

/// The opt-in to a browser without its sandbox, with a warning when it takes effect (as root).
pub fn unsandboxed(allowed: bool) -> bool {
    let options = CaptureOptions {
        allow_unsandboxed_browser: allowed,
        ..CaptureOptions::default()
    };
    if preflight_capture::runs_unsandboxed(&options) {
        eprintln!("warning: running as root, the browser runs WITHOUT its sandbox (--allow-unsandboxed-browser): a hostile page could attack this machine. Use this only for pages you trust; run as a normal user to keep the browser contained.");
    }
    allowed
}

pub fn list_funnels(format: Format) -> Result<ExitCode, Failure> {
    let funnels = preflight_pixel::funnels();
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(funnels)?),
        Format::Text => {
            for f in funnels {
                println!("{:<18} {}", f.id, f.name);
                println!("{:<18} needs: {}", "", f.required.join(", "));
                if !f.recommended.is_empty() {
                    println!("{:<18} also useful: {}", "", f.recommended.join(", "));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run(args: JourneyArgs) -> Result<ExitCode, Failure> {
    if let Some(crate::args::JourneyCommand::Replay(replay)) = args.command {
        return crate::replay::run(replay);
    }
    check_funnel(args.funnel.as_deref())?;
    let url = preflight_session::journeys::start_url(args.url.as_deref().unwrap_or_default())?;
    if args.headless && args.seconds.is_none() {
        return Err(Failure(
            "--headless needs --seconds: without a window, the journey cannot be ended by hand"
                .into(),
        ));
    }
    // Check the audit exists before opening a browser the user would click through for nothing.
    let store = match args.audit {
        Some(id) => {
            // Only an existing database: a journey is saved with an audit already in it.
            let store = crate::output::existing_writable(&args.db)?;
            preflight_session::journeys::check_audit(&store, id)?;
            Some(store)
        }
        None => None,
    };
    let options = CaptureOptions {
        browser: args.browser.clone(),
        window: if args.headless {
            Window::Headless
        } else {
            Window::Visible
        },
        allow_unsandboxed_browser: unsandboxed(args.allow_unsandboxed_browser),
        ..CaptureOptions::default()
    };
    let runtime = tokio::runtime::Runtime::new()?;
    let mut report = runtime.block_on(record(&url, &options, args.seconds))?;
    if let (Some(store), Some(run_id)) = (&store, args.audit) {
        report = preflight_session::journeys::save_journey(store, run_id, report)?;
        eprintln!("saved as journey {} with audit {run_id}", report.id);
        if !report.steps.is_empty() {
            eprintln!(
                "{} steps recorded; replay them later with “preflight journey replay {}”",
                report.steps.len(),
                report.id
            );
        }
    }
    let coverage = args.funnel.as_deref().and_then(|id| {
        preflight_readiness::funnel::run_funnel(&[], std::slice::from_ref(&report), id)
    });
    match args.format {
        Format::Json => {
            let out = serde_json::json!({ "journey": report, "funnel": coverage });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Text => print_text(&report, coverage.as_ref()),
    }
    let failing = report.findings.iter().any(|f| f.status.is_failing())
        || coverage
            .as_ref()
            .is_some_and(|c| c.findings.iter().any(|f| f.status.is_failing()));
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Opens the browser and reports each event on stderr as it happens, until the window is
/// closed, Enter is pressed, Ctrl-C, or `seconds` have passed.
async fn record(
    url: &str,
    options: &CaptureOptions,
    seconds: Option<u32>,
) -> Result<JourneyReport, Failure> {
    let started_at = preflight_session::now();
    let mut journey = preflight_capture::start_journey(url, options)
        .await
        .map_err(|e| Failure(e.to_string()))?;
    let mut events = journey
        .events()
        .expect("a new journey hands over its event feed once");
    if options.window != Window::Headless {
        eprintln!("A browser window is open on {url}. Click through the funnel; each pixel event is checked as it fires.");
        eprintln!("Close the window or press Enter here when you are done.");
    }
    let (enter_tx, mut enter_rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    if options.window != Window::Headless {
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = std::io::stdin().lock().read_line(&mut line);
            let _ = enter_tx.send(());
        });
    }
    let deadline = async {
        match seconds {
            Some(s) => tokio::time::sleep(Duration::from_secs(s.into())).await,
            None => std::future::pending().await,
        }
    };
    tokio::pin!(deadline);
    // Each call is checked once, as it arrives.
    let mut checker = JourneyChecker::new();
    loop {
        tokio::select! {
            event = events.recv() => match event {
                None | Some(JourneyEvent::BrowserClosed { .. }) => break,
                Some(JourneyEvent::PageVisited { url, .. }) => eprintln!("page  {url}"),
                Some(JourneyEvent::Call { call, .. }) => {
                    if let Some(event) = checker.push(&call) {
                        if event.problems.is_empty() {
                            eprintln!("event {:<24} ok", event.name);
                        } else {
                            eprintln!("event {:<24} problems: {}", event.name, event.problems.join(", "));
                        }
                    }
                }
                Some(JourneyEvent::PixelRequest { request }) => eprintln!("beacon {} (answered locally, not sent to OpenAI)", request.url),
            },
            _ = enter_rx.recv() => break,
            _ = &mut deadline => break,
            _ = tokio::signal::ctrl_c() => break,
        }
    }
    let capture = journey.finish().await;
    if capture.truncated {
        eprintln!("note: the journey reached the recording limits; later pixel calls or requests were not kept.");
    }
    Ok(checker.report(url, &started_at, &preflight_session::now(), &capture))
}

fn print_text(report: &JourneyReport, funnel: Option<&preflight_document::funnel::RunFunnel>) {
    println!(
        "Journey from {}: {} page(s), {} pixel event(s), pixel {}",
        report.start_url,
        report.pages_visited.len(),
        report.events.len(),
        if report.installed {
            format!("installed ({})", report.pixel_ids.join(", "))
        } else {
            "not initialised".to_string()
        }
    );
    for event in &report.events {
        println!(
            "  {} {:<24} {}",
            if event.problems.is_empty() {
                "✔"
            } else {
                "✖"
            },
            event.name,
            event.location
        );
    }
    for f in report
        .findings
        .iter()
        .filter(|f| !matches!(f.status, Status::Pass | Status::NotApplicable))
    {
        println!("  {:?} {} [{}]", f.status, f.title, f.id);
        if !f.remedy.is_empty() {
            println!("       Fix: {}", f.remedy);
        }
    }
    if let Some(funnel) = funnel {
        crate::output::print_funnel(funnel);
    }
}
