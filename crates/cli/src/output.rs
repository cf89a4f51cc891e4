//! Printing reports and lists for people (text) and programs (JSON).

use crate::args::{Format, ListArgs, RobotsArgs, ShowArgs};
use crate::Failure;
use preflight_audit::{AuditReport, PageReport, RunStatus};
use preflight_model::Status;
use preflight_store::{default_db_path, Store};
use std::process::ExitCode;

pub fn verdict_symbol(page: &PageReport) -> &'static str {
    if preflight_readiness::page_counts(page).blocked() {
        "✖"
    } else if page.findings.iter().any(|f| f.status == Status::Warn) {
        "!"
    } else {
        "✔"
    }
}

pub fn print_report_text(report: &AuditReport) {
    let s = &report.summary;
    println!(
        "Preflight: {} page(s) checked, {} reachable by OAI-AdsBot, {} with blocking problems{}",
        s.pages,
        s.reachable,
        s.failing_pages,
        if report.status == RunStatus::Cancelled {
            " (stopped early)"
        } else {
            ""
        }
    );
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

fn platform_label(platform: &str) -> &str {
    match platform {
        "meta" => "Meta",
        "ga4" => "GA4",
        "google_ads" => "Google Ads",
        other => other,
    }
}

pub fn print_funnel(funnel: &preflight_readiness::funnel::RunFunnel) {
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

pub fn open_store(db: &Option<std::path::PathBuf>) -> Result<Store, Failure> {
    let path = db.clone().unwrap_or_else(default_db_path);
    if !path.exists() {
        return Err(Failure(format!(
            "no database at {} yet; save an audit first with `preflight check URL --save`",
            path.display()
        )));
    }
    Ok(Store::open(&path)?)
}

pub fn list_audits(args: ListArgs) -> Result<ExitCode, Failure> {
    let store = open_store(&args.db.db)?;
    let client_id = match &args.client {
        Some(name) => Some(
            store
                .client_by_name(name)?
                .ok_or_else(|| Failure(format!("no client named \"{name}\"")))?
                .id,
        ),
        None => None,
    };
    let audits = store.list_audits(client_id)?;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&audits)?),
        Format::Text => {
            if audits.is_empty() {
                println!("No saved audits yet.");
            }
            for a in &audits {
                let counts = a
                    .summary
                    .as_ref()
                    .map(|s| {
                        format!(
                            "{} reachable, {} with blocking problems",
                            s.reachable, s.failing_pages
                        )
                    })
                    .unwrap_or_else(|| format!("{} of {} pages saved", a.pages_done, a.page_count));
                println!(
                    "{:>5}  {}  {:<11}  {:<20}  {} page(s): {}",
                    a.id,
                    a.started_at,
                    format!("{:?}", a.status).to_lowercase(),
                    a.client_name.as_deref().unwrap_or("(no client)"),
                    a.page_count,
                    counts
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn show_audit(args: ShowArgs) -> Result<ExitCode, Failure> {
    let store = open_store(&args.db.db)?;
    let report = preflight_session::load_audit(&store, args.id)?;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Text => print_report_text(&report),
    }
    Ok(if preflight_readiness::summary(&report).failing_findings > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
