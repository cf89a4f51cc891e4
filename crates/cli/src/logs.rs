//! `preflight logs`: a web server's access log as evidence of what OpenAI's real crawler got,
//! checked against OpenAI's published addresses and kept with the client, as in the app.

use crate::args::{DbArg, Format};
use crate::Failure;
use clap::{Args, Subcommand};
use preflight_accesslog::{
    import_log, published_ranges, ranges_from_file, render_text, LogOptions, ADSBOT_RANGES_URL,
};
use preflight_model::Status;
use preflight_session::log_evidence::match_audit_with_log;
use preflight_session::log_imports::{save_log_import, LogImportRecord};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum LogsCommand {
    /// Import an access log (combined, common, JSON lines and more; .gz too) and show what
    /// OAI-AdsBot got. Exit code 1 when the log shows the real crawler being refused.
    Import(LogsImportArgs),
    /// A client's imported logs, newest first.
    List(LogsListArgs),
    /// Each page of a saved audit beside what the real crawler got on it in an imported log
    /// (by default the client's newest audit and newest log). Exit code 1 when they disagree.
    Match(LogsMatchArgs),
}

#[derive(Args)]
pub struct LogsMatchArgs {
    #[arg(long, value_name = "NAME")]
    pub client: String,
    /// The audit (default: the client's newest).
    #[arg(long, value_name = "ID")]
    pub audit: Option<i64>,
    /// The log import (default: the client's newest).
    #[arg(long, value_name = "ID")]
    pub log: Option<i64>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct LogsImportArgs {
    /// The access-log file.
    pub file: PathBuf,
    /// The client to keep the import with (created when it does not exist yet).
    #[arg(long, value_name = "NAME", required_unless_present = "no_save")]
    pub client: Option<String>,
    /// OpenAI's address list as a file (adsbot.json); without it the list is downloaded, or
    /// the copy saved by an earlier download is used when offline.
    #[arg(long, value_name = "FILE")]
    pub ranges: Option<PathBuf>,
    /// Where the address list is downloaded from.
    #[arg(long, value_name = "URL", default_value = ADSBOT_RANGES_URL)]
    pub ranges_url: String,
    /// Show the result without keeping it.
    #[arg(long)]
    pub no_save: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct LogsListArgs {
    #[arg(long, value_name = "NAME")]
    pub client: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

pub fn run(command: LogsCommand) -> Result<ExitCode, Failure> {
    match command {
        LogsCommand::Import(args) => import(args),
        LogsCommand::List(args) => list(args),
        LogsCommand::Match(args) => match_audit(args),
    }
}

fn import(args: LogsImportArgs) -> Result<ExitCode, Failure> {
    let db_path = args.db.setting();
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Failure(format!("{} is not a file", args.file.display())))?;
    let loaded = match &args.ranges {
        Some(file) => ranges_from_file(file).map_err(with_hint)?,
        None => {
            let saved = db_path
                .parent()
                .map(|dir| dir.join("adsbot.json"))
                .unwrap_or_else(|| PathBuf::from("adsbot.json"));
            tokio::runtime::Runtime::new()?.block_on(published_ranges(&args.ranges_url, &saved))
        }
    };
    let report = import_log(
        &args.file,
        loaded.ranges.as_ref(),
        &LogOptions {
            include_other_agents: true,
            progress: None,
            cancel: None,
        },
    )
    .map_err(with_hint)?;
    let refused = report.findings.iter().any(|f| f.status == Status::Fail);
    let record = LogImportRecord {
        report,
        ranges_origin: Some(loaded.origin),
    };
    let saved = match (&args.client, args.no_save) {
        (Some(client), false) => {
            let store = preflight_session::open_store(&db_path)?;
            let id = store.find_or_create_client(client)?.id;
            Some(save_log_import(&store, id, &file_name, record.clone())?.summary)
        }
        _ => None,
    };
    match args.format {
        Format::Json => {
            let out = serde_json::json!({
                "saved": saved,
                "ranges_origin": record.ranges_origin,
                "report": record.report,
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Text => {
            print!("{}", render_text(&record.report));
            if let (Some(saved), Some(client)) = (&saved, &args.client) {
                println!("Kept as import {} for {client}.", saved.id);
            }
        }
    }
    Ok(if refused {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn list(args: LogsListArgs) -> Result<ExitCode, Failure> {
    let path = args.db.setting();
    let store = preflight_session::open_store(&path)?;
    let client = store
        .client_by_name(&args.client)?
        .ok_or_else(|| Failure(format!("there is no client named \"{}\"", args.client)))?;
    let imports = store.list_log_imports(client.id)?;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&imports)?),
        Format::Text if imports.is_empty() => println!("{} has no imported logs.", args.client),
        Format::Text => {
            for import in &imports {
                println!(
                    "{}  {}  {}",
                    import.id, import.imported_at, import.file_name
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn match_audit(args: LogsMatchArgs) -> Result<ExitCode, Failure> {
    let path = args.db.setting();
    let store = preflight_session::open_store(&path)?;
    let client = store
        .client_by_name(&args.client)?
        .ok_or_else(|| Failure(format!("there is no client named \"{}\"", args.client)))?;
    let audit = match args.audit {
        Some(id) => id,
        None => store
            .list_audits(Some(client.id))?
            .first()
            .map(|a| a.id)
            .ok_or_else(|| {
                Failure(format!(
                    "{} has no saved audit; run `preflight check … --save --client` first",
                    args.client
                ))
            })?,
    };
    let log = match args.log {
        Some(id) => id,
        None => store
            .list_log_imports(client.id)?
            .first()
            .map(|l| l.id)
            .ok_or_else(|| {
                Failure(format!(
                    "{} has no imported log; run `preflight logs import` first",
                    args.client
                ))
            })?,
    };
    let matched = match_audit_with_log(&store, audit, log)?;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&matched)?),
        Format::Text => {
            println!(
                "Audit {} beside log import {} ({}):",
                audit, log, matched.log_file
            );
            for note in &matched.notes {
                println!("  Note: {note}");
            }
            for page in &matched.pages {
                let logged = match &page.evidence {
                    Some(e) => format!(
                        "log: {} requests, latest HTTP {} at {}",
                        e.requests, e.last_status, e.last_seen
                    ),
                    None => "log: never requested".to_string(),
                };
                println!("  {}  audit: {}  {logged}", page.url, page.verdict);
                if let Some(finding) = &page.finding {
                    println!("    {}: {}", finding.status.label(), finding.title);
                    println!("    {}", finding.remedy);
                }
            }
        }
    }
    let disagree = matched.pages.iter().any(|p| p.finding.is_some());
    Ok(if disagree {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The error with what to do about it.
fn with_hint(e: preflight_accesslog::LogError) -> Failure {
    Failure(format!("{e} {}", e.hint()))
}
