//! Printing reports and lists for people (text) and programs (JSON).

use crate::args::{Format, ListArgs, RobotsArgs, ShowArgs};
use crate::Failure;
use preflight_audit::{AuditReport, PageReport, RunStatus};
use preflight_model::Status;
use preflight_store::{default_db_path, Store};
use std::process::ExitCode;

pub fn verdict_symbol(page: &PageReport) -> &'static str {
    if page.has_failing_findings() {
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
        for finding in page
            .findings
            .iter()
            .filter(|f| !matches!(f.status, Status::Pass | Status::NotApplicable))
        {
            let tag = match finding.status {
                Status::Fail => "FAIL",
                Status::Warn => "WARN",
                Status::Error => "ERROR",
                _ => "INFO",
            };
            println!("  {tag} {} [{}]", finding.title, finding.id);
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
    println!();
    for limit in &report.limits {
        println!("Note: {limit}");
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
    let report = store.load_report(args.id)?;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Text => print_report_text(&report),
    }
    Ok(if report.has_failing_findings() {
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
