//! Runs every schedule that is due: the app's timer and `preflight monitor run` (started by the
//! operating system's scheduler) both call this. For each client in turn: take the client's
//! lock (so the app and a scheduled command never audit one client at once), mark the slot as
//! run before auditing (so a crash or a clock set back never runs it twice), audit, keep what
//! changed since the previous complete audit, and alert when something did.

use super::alerts::{self, quiet_minutes, ChannelDelivery};
use super::changes::{changes_from_previous, keep_changes};
use super::schedules::{format_time, parse_time, PagesChoice, ScheduleConfig};
use crate::error::SessionError;
use crate::run::{prepare_run, RenderedChoice, RunRequest, Targets};
use preflight_audit::CancellationToken;
use preflight_document::report::RunStatus;
use preflight_monitor::deliver::RetryPolicy;
use preflight_monitor::{Alert, ChangeEvent};
use preflight_store::{KeptSchedule, Store};
use serde::Serialize;
use std::path::Path;
use std::sync::Mutex;
use time::{Duration, OffsetDateTime};
use ts_rs::TS;

/// How a round of due schedules runs.
#[derive(Debug, Clone)]
pub struct MonitorOptions {
    /// Who takes the locks ("app", "scheduler"…), with something unique to this process.
    pub holder: String,
    pub retry: RetryPolicy,
    pub cancel: CancellationToken,
}

impl MonitorOptions {
    /// Options for this process, named `who`.
    pub fn for_process(who: &str) -> MonitorOptions {
        MonitorOptions {
            holder: format!("{who}-{}", std::process::id()),
            retry: RetryPolicy::default(),
            cancel: CancellationToken::new(),
        }
    }
}

/// A lock held longer than this belongs to a process that died: a run of any size ends
/// sooner.
const LOCK_LIFETIME: Duration = Duration::hours(12);

/// What one due schedule did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScheduledRun {
    #[ts(type = "number")]
    pub client_id: i64,
    pub client_name: String,
    /// The slot run (RFC 3339).
    pub slot: String,
    /// The audit made, if one was.
    #[ts(type = "number | null")]
    pub run_id: Option<i64>,
    /// What happened, in one sentence.
    pub outcome: String,
    pub changes: Vec<ChangeEvent>,
    /// The alert sent (or held back by the quiet period), when something changed.
    pub alert: Option<Alert>,
    /// Whether the alert was held back by the quiet period.
    pub quiet: bool,
    pub deliveries: Vec<ChannelDelivery>,
}

impl ScheduledRun {
    /// A run of `schedule`'s `slot` that has not done anything yet.
    fn new(schedule: &KeptSchedule<ScheduleConfig>, slot: String) -> ScheduledRun {
        ScheduledRun {
            client_id: schedule.client_id,
            client_name: schedule.client_name.clone(),
            slot,
            run_id: None,
            outcome: String::new(),
            changes: Vec::new(),
            alert: None,
            quiet: false,
            deliveries: Vec::new(),
        }
    }
}

/// Runs every schedule due at `now` in the database at `path`, one client after another.
pub async fn run_due_schedules(
    path: &Path,
    now: OffsetDateTime,
    options: &MonitorOptions,
) -> Result<Vec<ScheduledRun>, SessionError> {
    let store = Mutex::new(crate::clock::open_store(path)?);
    let schedules = with(&store, |s| Ok(s.list_schedules::<ScheduleConfig>()?))?;
    let mut done = Vec::new();
    for schedule in schedules {
        if options.cancel.is_cancelled() {
            break;
        }
        let Some(slot) = due_slot(&schedule, now) else {
            continue;
        };
        let (client_id, slot_text) = (schedule.client_id, format_time(slot));
        let expires = format_time(now + LOCK_LIFETIME);
        let locked = with(&store, |s| {
            Ok(s.try_lock_client(client_id, &options.holder, &format_time(now), &expires)?)
        })?;
        if !locked {
            // Another process is auditing this client; the slot stays due for the next round.
            continue;
        }
        with(&store, |s| {
            Ok(s.record_schedule_run(client_id, &slot_text, None, "Running")?)
        })?;
        let result = run_one(&store, &schedule, slot_text.clone(), now, options).await;
        with(&store, |s| Ok(s.unlock_client(client_id, &options.holder)?))?;
        // One client's failure (a full disk, a database error) is its outcome, recorded and
        // shown; the other clients' schedules still run.
        let run = result.unwrap_or_else(|e| {
            let mut run = ScheduledRun::new(&schedule, slot_text.clone());
            run.outcome = format!("Not audited: {e}");
            run
        });
        with(&store, |s| {
            Ok(s.record_schedule_run(client_id, &slot_text, run.run_id, &run.outcome)?)
        })?;
        done.push(run);
    }
    Ok(done)
}

/// The slot to run for a schedule now, if it is due and not paused.
fn due_slot(
    schedule: &KeptSchedule<ScheduleConfig>,
    now: OffsetDateTime,
) -> Option<OffsetDateTime> {
    if schedule.paused_reason.is_some() {
        return None;
    }
    let anchor = parse_time(&schedule.anchor_at)?;
    let last = schedule.last_slot.as_deref().and_then(parse_time);
    schedule
        .config
        .cadence
        .due(schedule.config.offset(), anchor, last, now)
}

async fn run_one(
    store: &Mutex<Store>,
    schedule: &KeptSchedule<ScheduleConfig>,
    slot: String,
    now: OffsetDateTime,
    options: &MonitorOptions,
) -> Result<ScheduledRun, SessionError> {
    let mut run = ScheduledRun::new(schedule, slot);
    let config = &schedule.config;
    let targets = match pages_to_audit(store, schedule)? {
        Some(targets) => targets,
        None => {
            let reason = "Paused: none of the pages this schedule audits is left. Choose pages again, then resume it.";
            with(store, |s| {
                Ok(s.pause_schedule(schedule.client_id, Some(reason))?)
            })?;
            run.outcome = reason.into();
            return Ok(run);
        }
    };
    let request = RunRequest {
        targets,
        funnel: config.funnel.clone(),
        rendered: config.rendered.then(RenderedChoice::default),
        concurrency: None,
        interval: None,
        timeout: None,
    };
    let prepared = match with(store, |s| prepare_run(Some(s), request)) {
        Ok(prepared) => prepared,
        Err(e) => {
            run.outcome = format!("Not audited: {e}");
            return Ok(run);
        }
    };
    let outcome = prepared
        .begin(Some(store))
        .await?
        .execute(options.cancel.clone(), |_| {})
        .await?;
    run.run_id = outcome.run_id;
    let Some(run_id) = outcome.run_id else {
        run.outcome = "The audit was not saved.".into();
        return Ok(run);
    };
    if outcome.status != RunStatus::Complete {
        run.outcome = format!(
            "Audit {run_id} stopped before every page was checked, so it was not compared."
        );
        return Ok(run);
    }
    let changes = with(store, |s| Ok(changes_from_previous(s, run_id)?))?;
    let Some(changes) = changes else {
        run.outcome = format!(
            "Audit {run_id} saved: the client's first complete audit, nothing to compare with yet."
        );
        return Ok(run);
    };
    with(store, |s| {
        Ok(keep_changes(s, schedule.client_id, &changes)?)
    })?;
    run.changes = changes.events.clone();
    if changes.events.is_empty() {
        run.outcome = format!(
            "Audit {run_id} saved: nothing changed since audit {}.",
            changes.older_run_id
        );
        return Ok(run);
    }
    let summary = preflight_monitor::changes::summary_line(&changes.events);
    run.outcome = format!("Audit {run_id} saved: {summary}");
    let (alert, quiet, targets) = with(store, |s| {
        let alert = alerts::alert_for(
            s,
            &schedule.client_name,
            &changes,
            Some(outcome.report.started_at.clone()),
        )?;
        let quiet = alerts::in_quiet_period(s, schedule.client_id, now)?;
        let targets = if quiet {
            Vec::new()
        } else {
            alerts::targets(s, schedule.client_id)?
        };
        if quiet {
            s.record_delivery(
                schedule.client_id,
                None,
                Some(run_id),
                "quiet",
                &alerts::held_back(quiet_minutes(s)?),
            )?;
        }
        Ok((alert, quiet, targets))
    })?;
    run.quiet = quiet;
    if !quiet {
        run.deliveries = alerts::send(targets, &alert, &options.retry).await;
        with(store, |s| {
            // The desktop notification counts as the alert when no channel is set up.
            if run.deliveries.is_empty() {
                s.record_delivery(
                    schedule.client_id,
                    None,
                    Some(run_id),
                    "sent",
                    &alerts::desktop_only(),
                )?;
            }
            alerts::record(s, schedule.client_id, Some(run_id), &run.deliveries, false)
        })?;
    }
    run.alert = Some(alert);
    Ok(run)
}

/// The run's targets: every page, or the chosen ones the client still has (`None`: no page
/// left to audit).
fn pages_to_audit(
    store: &Mutex<Store>,
    schedule: &KeptSchedule<ScheduleConfig>,
) -> Result<Option<Targets>, SessionError> {
    let client_id = schedule.client_id;
    let pages: Vec<String> = with(store, |s| {
        Ok(s.list_pages(client_id)?
            .into_iter()
            .map(|p| p.url)
            .collect())
    })?;
    Ok(match &schedule.config.pages {
        PagesChoice::All if pages.is_empty() => None,
        PagesChoice::All => Some(Targets::ClientPages { client_id }),
        PagesChoice::Only { urls } => {
            let left: Vec<&String> = urls.iter().filter(|u| pages.contains(u)).collect();
            (!left.is_empty()).then(|| Targets::Text {
                text: left
                    .iter()
                    .map(|u| u.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
                client: Some(schedule.client_name.clone()),
            })
        }
    })
}

/// Runs `work` on the store, never holding it across a wait.
fn with<T>(
    store: &Mutex<Store>,
    work: impl FnOnce(&Store) -> Result<T, SessionError>,
) -> Result<T, SessionError> {
    let guard = store.lock().unwrap_or_else(|p| p.into_inner());
    work(&guard)
}
