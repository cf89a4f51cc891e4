//! A client's monitoring schedule: how often, which pages, which funnel, whether to run the
//! rendered check. Checked before it is saved; shown with when it runs next.

use crate::error::SessionError;
use preflight_monitor::Cadence;
use preflight_store::{KeptSchedule, Store};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};
use ts_rs::TS;

/// Which of the client's pages a schedule audits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum PagesChoice {
    /// Every landing page the client has when the schedule runs.
    All,
    /// These addresses only (those the client still has when it runs).
    Only { urls: Vec<String> },
}

/// A schedule as the user sets it up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleConfig {
    pub cadence: Cadence,
    /// Minutes east of UTC in which the times of day are meant (the machine's offset when the
    /// schedule was set up).
    pub utc_offset_minutes: i32,
    pub pages: PagesChoice,
    /// The funnel to measure against; `None` uses the client's default.
    pub funnel: Option<String>,
    /// Whether each page is also run in a headless browser.
    pub rendered: bool,
}

impl ScheduleConfig {
    pub fn offset(&self) -> UtcOffset {
        UtcOffset::from_whole_seconds(self.utc_offset_minutes.saturating_mul(60))
            .unwrap_or(UtcOffset::UTC)
    }
}

/// A client's schedule as the app and the CLI show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScheduleStatus {
    #[ts(type = "number")]
    pub client_id: i64,
    pub client_name: String,
    pub config: ScheduleConfig,
    /// The cadence in words ("Every day at 09:00").
    pub label: String,
    /// Why it does not run (`None`: it runs).
    pub paused_reason: Option<String>,
    /// When it runs next (RFC 3339); `None` while paused.
    pub next_run_at: Option<String>,
    /// The latest slot run (RFC 3339).
    pub last_run_at: Option<String>,
    #[ts(type = "number | null")]
    pub last_run_id: Option<i64>,
    pub last_outcome: Option<String>,
}

/// Checks a schedule and saves it for the client; returns it as shown.
pub fn save_schedule(
    store: &Store,
    client_id: i64,
    config: ScheduleConfig,
    now: OffsetDateTime,
) -> Result<ScheduleStatus, SessionError> {
    let config = checked(store, client_id, config)?;
    store.save_schedule(client_id, &config)?;
    schedule_status(store, client_id, now)?
        .ok_or_else(|| SessionError::Internal("the schedule was not saved".into()))
}

fn checked(
    store: &Store,
    client_id: i64,
    mut config: ScheduleConfig,
) -> Result<ScheduleConfig, SessionError> {
    config.cadence = config
        .cadence
        .validate()
        .map_err(|e| SessionError::Monitor(capitalised(&e.to_string())))?;
    if !(-18 * 60..=18 * 60).contains(&config.utc_offset_minutes) {
        return Err(SessionError::Monitor(format!(
            "A time zone {} minutes from UTC does not exist: use the machine's time zone.",
            config.utc_offset_minutes
        )));
    }
    if let Some(why) = preflight_readiness::funnel::unknown_funnel(config.funnel.as_deref()) {
        return Err(SessionError::UnknownFunnel(why));
    }
    if let PagesChoice::Only { urls } = &mut config.pages {
        let known: Vec<String> = store
            .list_pages(client_id)?
            .into_iter()
            .map(|p| p.url)
            .collect();
        urls.retain(|u| known.contains(u));
        urls.dedup();
        if urls.is_empty() {
            return Err(SessionError::Monitor(
                "Choose at least one of the client's pages for the schedule, or all of them."
                    .into(),
            ));
        }
    }
    Ok(config)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// One client's schedule, if any.
pub fn schedule_status(
    store: &Store,
    client_id: i64,
    now: OffsetDateTime,
) -> Result<Option<ScheduleStatus>, SessionError> {
    Ok(store
        .schedule::<ScheduleConfig>(client_id)?
        .map(|kept| status_of(kept, now)))
}

/// Every client's schedule, by client name.
pub fn schedule_statuses(
    store: &Store,
    now: OffsetDateTime,
) -> Result<Vec<ScheduleStatus>, SessionError> {
    Ok(store
        .list_schedules::<ScheduleConfig>()?
        .into_iter()
        .map(|kept| status_of(kept, now))
        .collect())
}

fn status_of(kept: KeptSchedule<ScheduleConfig>, now: OffsetDateTime) -> ScheduleStatus {
    let next_run_at = match (&kept.paused_reason, parse_time(&kept.anchor_at)) {
        (None, Some(anchor)) => {
            let cadence = kept.config.cadence;
            let offset = kept.config.offset();
            // A slot due and not run yet is "now"; otherwise the next one.
            let last = kept.last_slot.as_deref().and_then(parse_time);
            let next = cadence
                .due(offset, anchor, last, now)
                .unwrap_or_else(|| cadence.next_slot(offset, anchor, now));
            // After the clock was set back, the next run is the first slot after the last one.
            let next = match last {
                Some(last) if next <= last => cadence.next_slot(offset, anchor, last),
                _ => next,
            };
            Some(format_time(next))
        }
        _ => None,
    };
    ScheduleStatus {
        client_id: kept.client_id,
        client_name: kept.client_name,
        label: kept.config.cadence.label(),
        config: kept.config,
        paused_reason: kept.paused_reason,
        next_run_at,
        last_run_at: kept.last_slot,
        last_run_id: kept.last_run_id,
        last_outcome: kept.last_outcome,
    }
}

/// Removes the client's schedule.
pub fn remove_schedule(store: &Store, client_id: i64) -> Result<(), SessionError> {
    Ok(store.delete_schedule(client_id)?)
}

/// Resumes a paused schedule: it runs at its next slot, not for the ones it missed.
pub fn resume_schedule(store: &Store, client_id: i64) -> Result<(), SessionError> {
    Ok(store.pause_schedule(client_id, None)?)
}

pub(crate) fn parse_time(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

/// A time as the store records it: RFC 3339 in UTC, whole seconds.
pub(crate) fn format_time(at: OffsetDateTime) -> String {
    at.to_offset(UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(at)
        .format(&Rfc3339)
        .unwrap_or_default()
}
