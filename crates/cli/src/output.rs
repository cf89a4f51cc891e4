//! Printing reports and lists for people (text) and programs (JSON). A report is always read
//! under the counting rules with its readiness (`preflight_report::ReportExport`), so the text
//! says what the app, the PDF and the exports say, and the JSON is the JSON export.

use crate::args::{Format, ListArgs, RobotsArgs, ShowArgs};
use crate::Failure;
use preflight_audit::{AuditReport, PageReport};
use preflight_model::Status;
use preflight_readiness::{ItemStatus, Readiness, ReadinessState};
use preflight_report::{readiness_figures, report_json, ReportExport};
use preflight_store::Store;
use std::io::Write;
use std::process::ExitCode;

pub fn verdict_symbol(page: &PageReport) -> &'static str {
    let counts = preflight_readiness::page_counts(page);
    if counts.blocked() {
        "✖"
    } else if counts.warnings > 0 {
        "!"
    } else {
        "✔"
    }
}

/// The exit status for an audit that was read: 0 only when it is ready (a partial audit is
/// not a verdict, so it is not a success either).
pub fn readiness_exit(readiness: &Readiness) -> ExitCode {
    if readiness.state == ReadinessState::Ready {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The report as the JSON export writes it (the report and its readiness), on stdout.
pub fn print_report_json(report: &AuditReport) -> Result<(), Failure> {
    let bytes = report_json(report)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&bytes)?;
    out.flush()?;
    Ok(())
}

/// The headline, the counts under their labels and the checklist, then each page.
pub fn print_report_text(report: &AuditReport) {
    let ReportExport {
        report, readiness, ..
    } = ReportExport::of(report);
    let report = &report;
    println!("{}", readiness.headline);
    for figure in readiness_figures(&readiness) {
        println!("  {}: {}", figure.label, figure.value);
    }
    println!();
    let partial = readiness.state == ReadinessState::Partial;
    for item in &readiness.checklist.items {
        let symbol = match item.status {
            ItemStatus::Pass => "✔",
            ItemStatus::Warn => "!",
            ItemStatus::Fail => "✖",
            ItemStatus::NotChecked => "–",
        };
        let so_far = if partial && item.status != ItemStatus::NotChecked {
            " so far"
        } else {
            ""
        };
        println!(
            "{symbol} {}{so_far}: {}. {}",
            item.status.label(),
            item.title,
            item.summary
        );
    }
    for page in &report.pages {
        println!();
        println!(
            "{} {}  {}",
            verdict_symbol(page),
            page.verdict.label(),
            page.url
        );
        println!("  {}", page.verdict_reason);
        if let Some(pixel) = &page.pixel {
            print_pixel(pixel);
        }
        for finding in page
            .findings
            .iter()
            .filter(|f| !matches!(f.status, Status::Pass | Status::NotApplicable))
        {
            println!(
                "  {} {} [{}]",
                finding.status.tag(),
                finding.title,
                finding.id
            );
            for e in &finding.evidence {
                println!(
                    "       {}: {}",
                    e.label,
                    e.value.chars().take(200).collect::<String>()
                );
            }
            if !finding.remedy.is_empty() {
                println!("       Fix: {}", finding.remedy);
            }
        }
    }
    if let Some(funnel) = &report.funnel {
        println!();
        print_funnel(funnel);
    }
    for journey in &report.journeys {
        println!();
        println!(
            "Journey {} from {}: {} page(s), events: {}",
            journey.id,
            journey.start_url,
            journey.pages_visited.len(),
            list_or_none(journey.events.iter().map(|e| e.name.clone()).collect())
        );
    }
    println!();
    for limit in &report.limits {
        println!("Note: {limit}");
    }
}

fn list_or_none(items: Vec<String>) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

fn print_pixel(pixel: &preflight_audit::pixel::PixelSummary) {
    use preflight_audit::pixel::RenderedCheck;
    println!(
        "  OpenAI pixel: {}; events: {}",
        if pixel.installed {
            format!("installed ({})", pixel.pixel_ids.join(", "))
        } else {
            "not found".to_string()
        },
        list_or_none(
            pixel
                .events
                .iter()
                .map(|e| format!(
                    "{} ({})",
                    e.name,
                    match e.how {
                        preflight_pixel::How::Static => "static",
                        preflight_pixel::How::Rendered => "rendered",
                    }
                ))
                .collect()
        )
    );
    match &pixel.rendered {
        RenderedCheck::NotRequested => {}
        RenderedCheck::NotRun { reason } => println!("  Rendered check: not run ({reason})"),
        RenderedCheck::Failed { message, .. } => println!("  Rendered check: failed ({message})"),
        RenderedCheck::Ran {
            browser_version,
            calls,
            timed_out,
            ..
        } => println!(
            "  Rendered check: {calls} pixel call(s) recorded in {browser_version}{}",
            if *timed_out {
                " (the page never finished loading)"
            } else {
                ""
            }
        ),
    }
    for v in &pixel.vendor_events {
        let openai = match (&v.openai_equivalent, v.openai_present) {
            (Some(eq), true) => format!("{eq} sent too"),
            (Some(eq), false) => format!("no {eq}"),
            (None, _) => "no OpenAI standard equivalent".to_string(),
        };
        println!("  {} {}: {openai}", platform_label(&v.platform), v.name);
    }
    if let Some(coverage) = &pixel.funnel {
        println!(
            "  Funnel on this page: present {}; missing {}",
            list_or_none(coverage.present.clone()),
            list_or_none(coverage.missing.iter().map(|m| m.event.clone()).collect())
        );
    }
}

use preflight_pixel::platform_label;

pub fn print_funnel(funnel: &preflight_document::funnel::RunFunnel) {
    let c = &funnel.coverage;
    println!(
        "Funnel: {} ({} page(s) scanned, {} run in a browser, {} journey(s))",
        funnel.funnel.name, funnel.pages_scanned, funnel.pages_rendered, funnel.journeys
    );
    for source in &funnel.sources {
        let state = if c.malformed.contains(&source.event) {
            "✖ malformed"
        } else {
            "✔ present"
        };
        println!(
            "  {state:<12} {:<24} {}",
            source.event,
            source.found_on.join("; ")
        );
    }
    for missing in &c.missing {
        println!(
            "  {:<12} {:<24} {}",
            "– missing",
            missing.event,
            if missing.required {
                "needed"
            } else {
                "recommended"
            }
        );
    }
}

/// The database to read: a file that must exist already, or a team workspace.
pub fn open_store(db: &crate::args::DbArg) -> Result<Store, Failure> {
    let setting = db.setting();
    require_existing(&setting)?;
    Ok(preflight_session::clock::open_store_to_read(&setting)?)
}

/// The database to write to, which must exist already (a file), or a team workspace.
pub fn existing_writable(db: &crate::args::DbArg) -> Result<Store, Failure> {
    require_existing(&db.setting())?;
    writable(db)
}

fn require_existing(setting: &std::path::Path) -> Result<(), Failure> {
    if let preflight_store::Location::File(path) = preflight_store::Location::parse(setting)? {
        if !path.exists() {
            return Err(Failure(format!(
                "no database at {} yet; save an audit first with “preflight check URL --save”",
                path.display()
            )));
        }
    }
    Ok(())
}

/// Saved audits, newest first, each with its readiness read from the stored pages under the
/// counting rules (never the counts stored beside an audit by the version that saved it). In
/// JSON each entry is the audit's listing with `summary` holding those counts and `readiness`
/// beside it.
pub fn list_audits(args: ListArgs) -> Result<ExitCode, Failure> {
    let store = open_store(&args.db)?;
    let client_id = match &args.client {
        Some(name) => Some(
            store
                .client_by_name(name)?
                .ok_or_else(|| Failure(format!("no client named \"{name}\"")))?
                .id,
        ),
        None => None,
    };
    let audits = preflight_session::list_audits(&store, client_id)?;
    match args.format {
        Format::Json => {
            let entries: Vec<serde_json::Value> = audits
                .iter()
                .map(|listing| {
                    let mut entry = serde_json::to_value(&listing.audit)?;
                    entry["summary"] = serde_json::to_value(&listing.readiness.counts)?;
                    entry["readiness"] = serde_json::to_value(&listing.readiness)?;
                    Ok(entry)
                })
                .collect::<Result<_, serde_json::Error>>()?;
            println!("{}", serde_json::to_string_pretty(&entries)?)
        }
        Format::Text => {
            if audits.is_empty() {
                println!("No saved audits yet.");
            }
            for listing in &audits {
                let a = &listing.audit;
                let by = a
                    .created_by
                    .as_deref()
                    .map(|name| format!("  (by {name})"))
                    .unwrap_or_default();
                println!(
                    "{:>5}  {}  {:<11}  {:<20}  {}{by}",
                    a.id,
                    a.started_at,
                    format!("{:?}", a.status).to_lowercase(),
                    a.client_name.as_deref().unwrap_or("(no client)"),
                    listing.readiness.headline
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One saved audit: text for people, or exactly the JSON export. Exits 0 only when the audit
/// is ready.
pub fn show_audit(args: ShowArgs) -> Result<ExitCode, Failure> {
    let store = open_store(&args.db)?;
    let report = preflight_session::load_audit(&store, args.id)?;
    match args.format {
        Format::Json => print_report_json(&report)?,
        Format::Text => print_report_text(&report),
    }
    Ok(readiness_exit(&preflight_readiness::assess(&report)))
}

pub fn robots(args: RobotsArgs) -> Result<ExitCode, Failure> {
    let body = std::fs::read(&args.file)
        .map_err(|e| Failure(format!("cannot read {}: {e}", args.file.display())))?;
    let verdict = preflight_robots::evaluate(&body, &args.agent, &args.url)?;
    match args.format {
        Format::Json => {
            let findings = preflight_robots::robots_findings(&verdict);
            println!(
                "{}",
                serde_json::to_string_pretty(
                    &serde_json::json!({ "verdict": verdict, "findings": findings })
                )?
            );
        }
        Format::Text => print!("{}", preflight_robots::render_text(&verdict)),
    }
    Ok(if verdict.allowed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Any record as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// The database to write to (created when new), opened with the session's clock.
pub(crate) fn writable(db: &crate::args::DbArg) -> Result<Store, Failure> {
    Ok(preflight_session::open_store(&db.setting())?)
}

/// The id of the client of this name, or an error that says how to find the names.
pub(crate) fn client_id(store: &Store, name: &str) -> Result<i64, Failure> {
    store.client_by_name(name)?.map(|c| c.id).ok_or_else(|| {
        Failure(format!(
            "there is no client named \"{name}\"; see `preflight audits list`"
        ))
    })
}
