//! `preflight capi`: check Conversions API payloads (request bodies, event arrays, JSON Lines
//! logs, HAR recordings), pair them with the pixel events of an audit's journeys, ask OpenAI to
//! validate a request (only when asked), and print correct sample requests.

use crate::args::{DbArg, Format};
use crate::output::{client_id, open_store, print_json, writable};
use crate::Failure;
use clap::{Args, Subcommand};
use preflight_capi::{CapiValidation, Pairing, ValidateOptions};
use preflight_model::Status;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum CapiCommand {
    /// Check payload files against OpenAI's documented rules, streaming: one finding per
    /// problem with the file, line, event and JSON path, and a verdict per request. Exit code 1
    /// when a request would be rejected or a line is not JSON.
    Validate(ValidateArgs),
    /// Ask OpenAI's endpoint to validate the first request of FILE without recording it
    /// (`validate_only`), with the client's key from the system keychain. Prints the HTTP status
    /// and the answer as received.
    Live(LiveArgs),
    /// Keep (reads it from standard input) or remove a client's Conversions API key in the
    /// system keychain.
    Key(KeyArgs),
    /// Print a correct sample request for each event of a funnel, the hashing of a test email,
    /// and snippets that read `oppref` on the server.
    Sample(SampleArgs),
}

#[derive(Args)]
pub struct ValidateArgs {
    /// Files: a request body, a JSON array of events, JSON Lines (.jsonl, .log) or a HAR
    /// recording; gzip is read too.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// When the requests are sent (RFC 3339 or Unix milliseconds; default now): events must be
    /// at most 7 days older and 10 minutes newer. HAR recordings use their own times.
    #[arg(long, value_name = "TIME")]
    pub sent_at: Option<String>,
    /// The pixel ID the events are sent to, when the files do not say (for pairing).
    #[arg(long, value_name = "ID")]
    pub pixel_id: Option<String>,
    /// Keep the result with this client (shown in the app and in the audit's exports).
    #[arg(long, value_name = "NAME")]
    pub client: Option<String>,
    /// Pair the server events with the pixel events recorded by this audit's journeys (needs
    /// --client).
    #[arg(long, value_name = "AUDIT_ID", requires = "client")]
    pub pair_with: Option<i64>,
    /// No progress on standard error.
    #[arg(long)]
    pub quiet: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct LiveArgs {
    pub file: PathBuf,
    #[arg(long, value_name = "NAME")]
    pub client: String,
    #[arg(long, value_name = "ID")]
    pub pixel_id: String,
    /// Send to this address instead of the saved one (default https://bzr.openai.com).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct KeyArgs {
    #[arg(long, value_name = "NAME")]
    pub client: String,
    /// Remove the kept key instead.
    #[arg(long)]
    pub remove: bool,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct SampleArgs {
    /// Events to show (default: the client's funnel, else lead_created and order_created);
    /// `custom:NAME` for a custom event.
    #[arg(long = "event", value_name = "EVENT")]
    pub events: Vec<String>,
    #[arg(long, value_name = "NAME")]
    pub client: Option<String>,
    #[arg(long, value_name = "ID", default_value = "")]
    pub pixel_id: String,
    #[arg(long, value_name = "EMAIL", default_value = " Test.Buyer@Example.com ")]
    pub email: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

pub fn run(command: CapiCommand) -> Result<ExitCode, Failure> {
    match command {
        CapiCommand::Validate(args) => validate(args),
        CapiCommand::Live(args) => live(args),
        CapiCommand::Key(args) => key(args),
        CapiCommand::Sample(args) => sample(args),
    }
}

fn now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

/// "2026-12-01T10:00:00Z" or "1764583200000".
fn parse_time(text: &str) -> Result<i64, Failure> {
    if let Ok(ms) = text.trim().parse::<i64>() {
        return Ok(ms);
    }
    time::OffsetDateTime::parse(text.trim(), &time::format_description::well_known::Rfc3339)
        .map(|t| (t.unix_timestamp_nanos() / 1_000_000) as i64)
        .map_err(|_| Failure(format!("--sent-at \"{text}\" is not a time: give RFC 3339 (2026-12-01T10:00:00Z) or Unix milliseconds")))
}

fn validate(args: ValidateArgs) -> Result<ExitCode, Failure> {
    let sent_at_ms = match &args.sent_at {
        Some(t) => parse_time(t)?,
        None => now_ms(),
    };
    let options = ValidateOptions {
        sent_at_ms,
        pixel_id: args.pixel_id.clone(),
        keep_for_pairing: if args.pair_with.is_some() {
            preflight_capi::MAX_SERVER_EVENTS
        } else {
            0
        },
    };
    let show_progress = !args.quiet && std::io::stderr().is_terminal();
    let mut progress = |p: &preflight_capi::Progress| {
        if show_progress && p.total_bytes > 0 {
            let pct = (p.bytes_read * 100 / p.total_bytes.max(1)).min(100);
            eprint!("\r{}: {pct}% read, {} events checked   ", p.file, p.events);
            let _ = std::io::stderr().flush();
        }
    };
    let (validation, server_events) =
        preflight_session::capi::validate(&args.files, &options, &mut progress, &|| false);
    if show_progress {
        eprintln!();
    }
    let mut pairing: Option<Pairing> = None;
    if let Some(name) = &args.client {
        let store = writable(&args.db)?;
        let id = store.find_or_create_client(name)?.id;
        preflight_session::capi::save_validation(&store, id, &validation)?;
        if let Some(audit) = args.pair_with {
            let record = preflight_session::capi::pair_with_audit(
                &store,
                id,
                audit,
                &server_events,
                args.pixel_id.as_deref(),
            )?;
            pairing = Some(record.pairing);
        }
    }
    match args.format {
        Format::Json => {
            print_json(&serde_json::json!({ "validation": validation, "pairing": pairing }))?
        }
        Format::Text => {
            print_validation(&validation);
            if let Some(p) = &pairing {
                print_pairing(p);
            }
        }
    }
    let doubles = pairing
        .as_ref()
        .is_some_and(|p| p.expected_double_count > 0);
    Ok(if validation.passed() && !doubles {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_validation(v: &CapiValidation) {
    for f in &v.files {
        match &f.message {
            Some(m) => println!("{}: {m}", f.name),
            None => println!("{}: {:?}, {} events", f.name, f.format, f.events),
        }
    }
    println!();
    for b in &v.batches {
        println!(
            "{} {}: {}",
            if b.accepted { "✓" } else { "✗" },
            b.label,
            b.verdict
        );
    }
    if v.batches_total as usize > v.batches.len() {
        println!(
            "… and {} more batches",
            v.batches_total as usize - v.batches.len()
        );
    }
    if !v.findings.is_empty() {
        println!();
    }
    for f in &v.findings {
        let mark = match f.finding.status {
            Status::Fail => "FAIL",
            Status::Warn => "WARN",
            _ => "INFO",
        };
        let place = match (f.line, f.event_index) {
            (Some(l), _) => format!("{}:{l}", f.file),
            (None, _) => f.file.clone(),
        };
        println!(
            "{mark} {place} {} [{}] {}",
            f.path, f.finding.id, f.finding.title
        );
        if !f.finding.remedy.is_empty() {
            println!("     → {}", f.finding.remedy);
        }
    }
    if v.findings_total as usize > v.findings.len() {
        println!("… {} findings in all; counts per rule:", v.findings_total);
        for c in &v.counts {
            println!("  {:>8}  {}", c.count, c.id);
        }
    }
    println!();
    println!("{}", v.summary);
}

fn print_pairing(p: &Pairing) {
    println!();
    println!("Deduplication with the pixel");
    println!("  deduplicated:      {}", p.deduplicated_total);
    println!("  counted twice:     {}", p.expected_double_count);
    println!("  browser only:      {}", p.pixel_only_total);
    println!("  server only:       {}", p.server_only_total);
    println!("  without event_id:  {}", p.pixel_without_id);
    for n in &p.near_misses {
        println!("  ✗ {}", n.explanation);
    }
    println!("{}", p.summary);
}

fn live(args: LiveArgs) -> Result<ExitCode, Failure> {
    let store = writable(&args.db)?;
    let id = client_id(&store, &args.client)?;
    if let Some(endpoint) = &args.endpoint {
        preflight_session::capi::set_endpoint(&store, endpoint)?;
    }
    let body = preflight_session::capi::first_request(&args.file)?;
    let answer = tokio::runtime::Runtime::new()?.block_on(preflight_session::capi::live_check(
        &store,
        id,
        &args.pixel_id,
        &body,
    ))?;
    match args.format {
        Format::Json => print_json(&answer)?,
        Format::Text => {
            println!(
                "POST {} ({} events, validate_only)",
                answer.url, answer.events_sent
            );
            println!("HTTP {}", answer.status);
            println!("{}", answer.body);
        }
    }
    Ok(if answer.accepted {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn key(args: KeyArgs) -> Result<ExitCode, Failure> {
    let store = writable(&args.db)?;
    let id = client_id(&store, &args.client)?;
    let secret = preflight_session::capi::key(&store, id)?;
    if args.remove {
        let removed = secret.remove()?;
        println!(
            "{}",
            if removed {
                "The key was removed."
            } else {
                "No key was kept."
            }
        );
        return Ok(ExitCode::SUCCESS);
    }
    if std::io::stdin().is_terminal() {
        eprintln!("Paste the Conversions API key, then press Enter:");
    }
    let mut text = String::new();
    std::io::stdin().take(16 * 1024).read_to_string(&mut text)?;
    let key = text.trim();
    if key.is_empty() {
        return Err(Failure("no key was given on standard input".into()));
    }
    let keeper = secret.save(key)?;
    println!("Kept in {}.", keeper.label());
    Ok(ExitCode::SUCCESS)
}

fn sample(args: SampleArgs) -> Result<ExitCode, Failure> {
    let mut events = args.events.clone();
    let mut endpoint = preflight_capi::default_endpoint().to_string();
    if let Some(name) = &args.client {
        let store = open_store(&args.db)?;
        let id = client_id(&store, name)?;
        endpoint = preflight_session::capi::endpoint(&store)?;
        if events.is_empty() {
            events = preflight_session::capi::sample_events(&store, id)?;
        }
    }
    if events.is_empty() {
        events = preflight_capi::samples::sample_events(None);
    }
    let s =
        preflight_capi::samples::samples(&events, &args.pixel_id, &args.email, now_ms(), &endpoint);
    match args.format {
        Format::Json => print_json(&s)?,
        Format::Text => {
            println!("Hashing the test email");
            println!("  as typed:    {:?}", s.hashing.input);
            println!(
                "  normalised:  {:?} (trimmed, lower case)",
                s.hashing.normalised
            );
            println!("  SHA-256:     {}", s.hashing.sha256);
            for r in &s.requests {
                println!();
                println!("{} ({})", r.label, r.event_type);
                println!("{}", r.curl);
            }
            for snippet in &s.snippets {
                println!();
                println!("Reading oppref on the server: {}", snippet.language);
                println!("{}", snippet.code);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
