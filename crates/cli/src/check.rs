//! `preflight check`: audit URLs now, print the report, optionally save it page by page.

use crate::args::{CheckArgs, Format};
use crate::output::{print_report_text, verdict_symbol};
use crate::Failure;
use preflight_audit::{
    parse_targets, run_audit, CancellationToken, FetchOptions, Fetcher, RunEvent, RunOptions,
};
use preflight_store::{default_db_path, Store};
use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

pub fn run(args: CheckArgs) -> Result<ExitCode, Failure> {
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
    let targets = parse_targets(&text);
    for invalid in &targets.invalid {
        eprintln!("skipped \"{}\": {}", invalid.text, invalid.reason);
    }
    if targets.urls.is_empty() {
        return Err(Failure(
            "no valid URL to check. Give one or more landing-page URLs, e.g. preflight check https://example.com/sale".into(),
        ));
    }

    let mut store = if args.save {
        let path = args.db.db.clone().unwrap_or_else(default_db_path);
        Some(Store::open(&path)?)
    } else {
        None
    };
    let client_id = match (&store, &args.client) {
        (Some(store), Some(name)) => Some(store.find_or_create_client(name)?.id),
        _ => None,
    };

    let fetcher = Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(args.timeout.into()),
        ..FetchOptions::default()
    })?;
    crate::journey::check_funnel(args.funnel.as_deref())?;
    let options = RunOptions {
        concurrency: args.concurrency.into(),
        funnel: args.funnel.clone(),
        rendered: args.rendered.then(|| {
            let mut rendered = preflight_audit::run::RenderedOptions::default();
            rendered.capture.browser = args.browser.clone();
            rendered.capture.allow_unsandboxed_browser =
                crate::journey::unsandboxed(args.allow_unsandboxed_browser);
            rendered
        }),
        ..RunOptions::default()
    };
    if args.rendered && !args.quiet {
        if let Some(line) = preflight_audit::run::limits_for(&options)
            .iter()
            .find(|l| l.starts_with("The rendered check"))
        {
            eprintln!("note: {line}");
        }
    }
    let runtime = tokio::runtime::Runtime::new()?;
    let report = runtime.block_on(async {
        let cancel = CancellationToken::new();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let total = targets.urls.len();
        let run_id = match &store {
            Some(store) => {
                let mut header = placeholder_report();
                header.limits = preflight_audit::run::limits_for(&options);
                let run_id = store.begin_run(client_id, &header, total)?;
                store.set_audit_funnel(run_id, options.funnel.as_deref())?;
                Some(run_id)
            }
            None => None,
        };
        let run = run_audit(&targets.urls, &fetcher, &options, &cancel, Some(tx));
        let consume = async {
            let mut done = 0;
            // A paused site is announced once, with the first page it stopped.
            let mut pauses_told = std::collections::HashSet::new();
            while let Some(event) = rx.recv().await {
                if let RunEvent::PageFinished { index, page } = event {
                    done += 1;
                    if !args.quiet {
                        eprintln!(
                            "[{done}/{total}] {} {:<24} {}",
                            verdict_symbol(&page),
                            page.verdict.label(),
                            page.url
                        );
                        let paused = page.findings.iter().any(|f| f.id == "host-paused");
                        if paused && pauses_told.insert(page.verdict_reason.clone()) {
                            eprintln!("      paused: {}", page.verdict_reason);
                        }
                    }
                    if let (Some(store), Some(run_id)) = (&mut store, run_id) {
                        store.save_page(run_id, index as usize, &page)?;
                    }
                }
            }
            Ok::<(), Failure>(())
        };
        let interrupt = async {
            if tokio::signal::ctrl_c().await.is_ok() {
                eprintln!("stopping: the pages checked so far are kept");
                cancel.cancel();
            }
            std::future::pending::<()>().await
        };
        let (report, saved) = tokio::select! {
            both = async { tokio::join!(run, consume) } => both,
            _ = interrupt => unreachable!("the interrupt future never completes"),
        };
        saved?;
        if let (Some(store), Some(run_id)) = (&store, run_id) {
            store.finish_run(
                run_id,
                report.status,
                report.finished_at.as_deref().unwrap_or(&report.started_at),
                &report.summary,
            )?;
            if !args.quiet {
                eprintln!("saved as audit {run_id}");
            }
        }
        Ok::<_, Failure>(report)
    })?;

    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Text => print_report_text(&report),
    }
    Ok(if !targets.invalid.is_empty() {
        ExitCode::from(2)
    } else if preflight_readiness::summary(&report).failing_findings > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The run's header (start time, generator, limits) before any page is known.
fn placeholder_report() -> preflight_audit::AuditReport {
    preflight_audit::AuditReport {
        schema_version: preflight_audit::report::REPORT_SCHEMA_VERSION,
        generator: preflight_audit::run::generator(),
        started_at: preflight_audit::run::now_rfc3339(),
        finished_at: None,
        status: preflight_audit::RunStatus::Running,
        planned_pages: None,
        summary: Default::default(),
        pages: Vec::new(),
        limits: preflight_audit::report::standard_limits(),
        funnel: None,
        journeys: Vec::new(),
    }
}
