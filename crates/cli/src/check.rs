//! `preflight check`: audit URLs now through the session (the same run as the app's), print the
//! report, optionally save it page by page.

use crate::args::{CheckArgs, CheckFormat};
use crate::output::print_report_text;
use crate::progress::Progress;
use crate::Failure;
use preflight_readiness::ReadinessState;
use preflight_session::{
    prepare_run, CancellationToken, RenderedChoice, RunRequest, SessionError, Targets,
};
use std::io::Read;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

pub fn run(args: CheckArgs) -> Result<ExitCode, Failure> {
    let text = input_text(&args)?;
    let store = if args.save {
        let path = args.db.setting();
        Some(preflight_session::open_store(&path)?)
    } else {
        None
    };
    let request = RunRequest {
        targets: Targets::Text {
            text,
            client: args.client.clone(),
        },
        funnel: args.funnel.clone(),
        rendered: args.rendered.then(|| RenderedChoice {
            browser: args.browser.clone(),
            allow_unsandboxed: Some(crate::journey::unsandboxed(args.allow_unsandboxed_browser)),
        }),
        concurrency: args.concurrency.map(usize::from),
        interval: Some(Duration::from_millis(args.interval.into())),
        timeout: Some(Duration::from_secs(args.timeout.into())),
    };
    let prepared = match prepare_run(store.as_ref(), request) {
        Ok(prepared) => prepared,
        Err(SessionError::NoValidUrl { skipped }) => {
            print_skipped(&skipped);
            return Err(Failure(
                "no valid URL to check. Give one or more landing-page URLs, e.g. preflight check https://example.com/sale".into(),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    print_skipped(&prepared.skipped);
    let skipped_some = !prepared.skipped.is_empty();
    if args.rendered && !args.quiet {
        if let Some(line) = prepared
            .limits()
            .into_iter()
            .find(|l| l.starts_with("The rendered check"))
        {
            eprintln!("note: {line}");
        }
    }

    let sink = store.map(Mutex::new);
    // Scoring runs on blocking threads; a few are enough for the CPUs there are, and each
    // thread more is memory held for nothing in a large run.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .build()?;
    let outcome = runtime.block_on(async {
        let mut run = prepared.begin(sink.as_ref()).await?;
        if args.format == CheckFormat::Json {
            // The JSON document is written at the end from pages kept on disk, not in memory.
            run = run.keep_whole_pages()?;
        }
        let cancel = CancellationToken::new();
        let mut progress = Progress::new(args.quiet, run.total());
        let execute = async {
            let outcome = run.execute(cancel.clone(), |p| progress.update(p)).await;
            progress.finish();
            outcome
        };
        // Ctrl-C stops the run; the pages checked so far are kept (and saved, with --save).
        let interrupt = async {
            if tokio::signal::ctrl_c().await.is_ok() {
                eprintln!("stopping: the pages checked so far are kept");
                cancel.cancel();
            }
            std::future::pending::<()>().await
        };
        tokio::select! {
            outcome = execute => outcome,
            _ = interrupt => unreachable!("the interrupt future never completes"),
        }
    })?;
    if let (Some(run_id), false) = (outcome.run_id, args.quiet) {
        eprintln!("saved as audit {run_id}");
    }

    let ready = outcome.readiness.state == ReadinessState::Ready;
    let regressed = match (args.fail_on_regression, outcome.run_id, &sink) {
        (true, Some(run_id), Some(sink)) => {
            let store = sink.lock().unwrap_or_else(|p| p.into_inner());
            crate::regression::report(&store, run_id, outcome.status)?
        }
        _ => false,
    };
    let report = outcome.report;
    match (args.format, outcome.whole_pages) {
        (CheckFormat::Json, Some(mut pages)) => {
            preflight_report::write_report_json(std::io::stdout().lock(), report, pages.pages())?
        }
        (CheckFormat::Json, None) => crate::output::print_report_json(&report)?,
        (CheckFormat::Junit, _) => print!("{}", preflight_report::junit_xml(&report)),
        (CheckFormat::Text, _) => print_report_text(&report),
    }
    // Invalid input is a usage error; then something worse than before (asked for with
    // --fail-on-regression); then anything short of ready (a partial audit included).
    Ok(if skipped_some {
        ExitCode::from(2)
    } else if regressed {
        ExitCode::from(crate::regression::EXIT_CODE)
    } else if !ready {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Threads for blocking work (scoring pages, DNS lookups) at most.
const BLOCKING_THREADS: usize = 16;

/// The URLs given as arguments and read from `--file` ("-" for standard input).
fn input_text(args: &CheckArgs) -> Result<String, Failure> {
    let mut text = args.urls.join("\n");
    if let Some(file) = &args.file {
        let content = if file.as_os_str() == "-" {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            s
        } else {
            std::fs::read(file)
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?
        };
        text.push('\n');
        text.push_str(&content);
    }
    Ok(text)
}

fn print_skipped(skipped: &[preflight_audit::targets::InvalidTarget]) {
    for invalid in skipped {
        eprintln!("skipped \"{}\": {}", invalid.text, invalid.reason);
    }
}
