//! `preflight monitor`: schedules that re-audit a client's pages, the changes they found, and
//! where alerts go. `preflight monitor run` runs every schedule that is due; the operating
//! system's scheduler runs it every 15 minutes once `preflight monitor install` has set it up.

use crate::args::{DbArg, Format};
use crate::monitor_alerts::{self, AlertsCommand};
use crate::output::{client_id, writable};
use crate::Failure;
use clap::{Args, Subcommand};
use preflight_monitor::changes::direction_label;
use preflight_monitor::os_scheduler::InstallState;
use preflight_monitor::{Cadence, Weekday};
use preflight_session::monitor::{
    due, list_changes, os_entry, run_due_schedules, schedules, MonitorOptions, PagesChoice,
    ScheduleConfig, ScheduleStatus,
};
use std::process::ExitCode;
use time::OffsetDateTime;

#[derive(Subcommand)]
pub enum MonitorCommand {
    /// Set a client's schedule (replacing any): how often, which pages, which funnel.
    Schedule(ScheduleArgs),
    /// Every schedule, with when it runs next and how its last run went.
    List(FormatArgs),
    /// Remove a client's schedule (its audits and changes stay).
    Unschedule(ClientArgs),
    /// Resume a paused schedule: it runs at its next time, not for the ones it missed.
    Resume(ClientArgs),
    /// Run every schedule that is due now, one client after another, and alert on changes.
    Run(FormatArgs),
    /// What changed between scheduled audits, newest first.
    Changes(ChangesArgs),
    /// Where a client's alerts go: webhooks, e-mail, the SMTP server, the quiet period.
    Alerts {
        #[command(subcommand)]
        command: AlertsCommand,
    },
    /// Have the operating system run due schedules every 15 minutes while the app is closed
    /// (a systemd user timer, a launchd agent or a Task Scheduler task).
    Install(DbOnly),
    /// Remove the operating system's scheduler entry.
    Uninstall,
    /// Whether the operating system's scheduler entry is installed.
    Status,
}

#[derive(Args)]
pub struct ScheduleArgs {
    /// The client to audit (see `preflight audits list`).
    #[arg(long, value_name = "NAME")]
    pub client: String,
    /// Every day at this local time (HH:MM).
    #[arg(long, value_name = "HH:MM", group = "cadence")]
    pub daily: Option<String>,
    /// Every week on this day at this local time (e.g. monday@07:30).
    #[arg(long, value_name = "DAY@HH:MM", group = "cadence")]
    pub weekly: Option<String>,
    /// Every N hours from now (1 to 168).
    #[arg(long, value_name = "N", group = "cadence")]
    pub every_hours: Option<u16>,
    /// Only this page of the client (repeat for several; default: all its pages).
    #[arg(long = "page", value_name = "URL")]
    pub pages: Vec<String>,
    /// The funnel to measure against (default: the client's).
    #[arg(long, value_name = "ID")]
    pub funnel: Option<String>,
    /// Also run each page in a headless browser.
    #[arg(long)]
    pub rendered: bool,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct ClientArgs {
    #[arg(long, value_name = "NAME")]
    pub client: String,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct FormatArgs {
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct DbOnly {
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct ChangesArgs {
    /// One client's changes (default: every client's).
    #[arg(long, value_name = "NAME")]
    pub client: Option<String>,
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

pub fn run(command: MonitorCommand) -> Result<ExitCode, Failure> {
    let now = OffsetDateTime::now_utc();
    match command {
        MonitorCommand::Schedule(args) => {
            let store = writable(&args.db)?;
            let client_id = client_id(&store, &args.client)?;
            let config = ScheduleConfig {
                cadence: cadence(&args)?,
                utc_offset_minutes: local_offset_minutes(),
                pages: if args.pages.is_empty() {
                    PagesChoice::All
                } else {
                    PagesChoice::Only { urls: args.pages }
                },
                funnel: args.funnel,
                rendered: args.rendered,
            };
            let status = schedules::save_schedule(&store, client_id, config, now)?;
            print_schedule(&status);
        }
        MonitorCommand::List(args) => {
            let store = writable(&args.db)?;
            let all = schedules::schedule_statuses(&store, now)?;
            match args.format {
                Format::Json => crate::output::print_json(&all)?,
                Format::Text if all.is_empty() => println!("No schedules yet: add one with `preflight monitor schedule --client NAME --daily 09:00`."),
                Format::Text => all.iter().for_each(print_schedule),
            }
        }
        MonitorCommand::Unschedule(args) => {
            let store = writable(&args.db)?;
            schedules::remove_schedule(&store, client_id(&store, &args.client)?)?;
            println!("Removed the schedule of {}.", args.client);
        }
        MonitorCommand::Resume(args) => {
            let store = writable(&args.db)?;
            schedules::resume_schedule(&store, client_id(&store, &args.client)?)?;
            println!("Resumed the schedule of {}.", args.client);
        }
        MonitorCommand::Run(args) => return run_due(args, now),
        MonitorCommand::Changes(args) => {
            let store = writable(&args.db)?;
            let client = args
                .client
                .as_deref()
                .map(|n| client_id(&store, n))
                .transpose()?;
            let changes = list_changes(&store, client, args.limit)?;
            match args.format {
                Format::Json => crate::output::print_json(&changes)?,
                Format::Text if changes.is_empty() => println!("No changes found yet."),
                Format::Text => {
                    for c in &changes {
                        println!(
                            "{}  {}  {}  {}\n    {}  (audits {} → {})",
                            c.detected_at,
                            c.client_name,
                            c.direction_label,
                            c.event.page_url,
                            c.event.sentence,
                            c.older_run_id,
                            c.newer_run_id
                        );
                    }
                }
            }
        }
        MonitorCommand::Alerts { command } => return monitor_alerts::run(command),
        MonitorCommand::Install(args) => {
            let db = args.db.setting();
            let db = std::path::absolute(&db)?;
            let program = std::env::current_exe()?;
            let state = os_entry::install(&os_entry::monitor_command(program, &db))?;
            print_state(&state);
        }
        MonitorCommand::Uninstall => {
            os_entry::uninstall()?;
            println!("The scheduler entry is removed.");
        }
        MonitorCommand::Status => print_state(&os_entry::status()?),
    }
    Ok(ExitCode::SUCCESS)
}

fn run_due(args: FormatArgs, now: OffsetDateTime) -> Result<ExitCode, Failure> {
    let path = args.db.setting();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let options = MonitorOptions::for_process("command");
    let runs = runtime.block_on(run_due_schedules(&path, now, &options))?;
    match args.format {
        Format::Json => crate::output::print_json(&runs)?,
        Format::Text if runs.is_empty() => println!("No schedule is due."),
        Format::Text => runs.iter().for_each(print_run),
    }
    Ok(ExitCode::SUCCESS)
}

fn print_run(run: &due::ScheduledRun) {
    println!("{}: {}", run.client_name, run.outcome);
    for change in &run.changes {
        println!(
            "  {}  {}  {}",
            direction_label(change.direction),
            change.page_url,
            change.sentence
        );
    }
    if run.quiet {
        println!("  No alert: the client was alerted within the quiet period.");
    }
    for d in &run.deliveries {
        match &d.report.error {
            None => println!("  Alert sent: {}", d.channel.label),
            Some(error) => println!("  Alert not sent: {}: {error}", d.channel.label),
        }
    }
}

fn print_schedule(s: &ScheduleStatus) {
    let next = match (&s.paused_reason, &s.next_run_at) {
        (Some(reason), _) => format!("paused: {reason}"),
        (None, Some(next)) => format!("next run {next}"),
        (None, None) => "not planned".into(),
    };
    println!("{}: {} ({next})", s.client_name, s.label);
    if let Some(outcome) = &s.last_outcome {
        println!("  last run: {outcome}");
    }
}

fn print_state(state: &InstallState) {
    match state {
        InstallState::Installed { detail } => println!("Installed: {detail}"),
        InstallState::NotInstalled => println!("Not installed: schedules run only while the app is open. Install with `preflight monitor install`."),
        InstallState::FilesOnly { detail } => println!("Written, not registered: {detail}"),
    }
}

fn cadence(args: &ScheduleArgs) -> Result<Cadence, Failure> {
    let time = |text: &str| -> Result<(u8, u8), Failure> {
        let (h, m) = text.split_once(':').ok_or_else(|| {
            Failure(format!(
                "\"{text}\" is not a time: write it as HH:MM, e.g. 09:00"
            ))
        })?;
        let parse = |n: &str| {
            n.trim().parse::<u8>().map_err(|_| {
                Failure(format!(
                    "\"{text}\" is not a time: write it as HH:MM, e.g. 09:00"
                ))
            })
        };
        Ok((parse(h)?, parse(m)?))
    };
    let cadence = if let Some(daily) = &args.daily {
        let (hour, minute) = time(daily)?;
        Cadence::Day { hour, minute }
    } else if let Some(weekly) = &args.weekly {
        let (day, at) = weekly
            .split_once('@')
            .ok_or_else(|| Failure("give --weekly as DAY@HH:MM, e.g. monday@07:30".into()))?;
        let (hour, minute) = time(at)?;
        Cadence::Week {
            weekday: weekday(day)?,
            hour,
            minute,
        }
    } else if let Some(hours) = args.every_hours {
        Cadence::Hours { hours }
    } else {
        return Err(Failure(
            "say how often: --daily HH:MM, --weekly DAY@HH:MM or --every-hours N".into(),
        ));
    };
    cadence.validate().map_err(|e| Failure(e.to_string()))
}

fn weekday(text: &str) -> Result<Weekday, Failure> {
    let day =
        serde_json::from_value::<Weekday>(serde_json::Value::String(text.trim().to_lowercase()));
    day.map_err(|_| {
        Failure(format!(
            "\"{text}\" is not a day of the week: use monday to sunday"
        ))
    })
}

/// This machine's offset from UTC now, in minutes (UTC where it cannot be read).
pub fn local_offset_minutes() -> i32 {
    time::UtcOffset::current_local_offset().map_or(0, |o| o.whole_minutes() as i32)
}
