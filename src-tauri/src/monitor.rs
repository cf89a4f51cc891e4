//! Monitoring in the window: a client's schedule, the Changes list, alert channels and the
//! "Send test alert" button, alert settings, and the operating system's scheduler entry. While
//! the app is open a timer runs the schedules that are due (the same run as
//! `preflight monitor run`), shows a desktop notification when something changed, and tells the
//! window so its lists refresh.

use crate::error::AppResult;
use crate::worker::{blocking, with_reader};
use preflight_monitor::deliver::{RetryPolicy, SmtpSettings, WebhookFormat};
use preflight_monitor::os_scheduler::InstallState;
use preflight_session::monitor::{
    alerts, list_changes, os_entry, run_due_schedules, schedules, AlertChannel, ChangeListing,
    ChannelDelivery, DeliveryListing, MonitorOptions, ScheduleConfig, ScheduleStatus, ScheduledRun,
    SmtpView,
};
use serde::Serialize;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use time::OffsetDateTime;
use ts_rs::TS;

/// The event the window hears after scheduled audits ran.
pub const MONITOR_RAN_EVENT: &str = "monitor-ran";

#[tauri::command]
pub async fn monitor_schedule(app: AppHandle, client_id: i64) -> AppResult<Option<ScheduleStatus>> {
    with_reader(&app, move |store| {
        Ok(schedules::schedule_status(
            store,
            client_id,
            OffsetDateTime::now_utc(),
        )?)
    })
    .await
}

#[tauri::command]
pub async fn save_monitor_schedule(
    app: AppHandle,
    client_id: i64,
    config: ScheduleConfig,
) -> AppResult<ScheduleStatus> {
    with_reader(&app, move |store| {
        Ok(schedules::save_schedule(
            store,
            client_id,
            config,
            OffsetDateTime::now_utc(),
        )?)
    })
    .await
}

#[tauri::command]
pub async fn remove_monitor_schedule(app: AppHandle, client_id: i64) -> AppResult<()> {
    with_reader(&app, move |store| {
        Ok(schedules::remove_schedule(store, client_id)?)
    })
    .await
}

#[tauri::command]
pub async fn resume_monitor_schedule(app: AppHandle, client_id: i64) -> AppResult<()> {
    with_reader(&app, move |store| {
        Ok(schedules::resume_schedule(store, client_id)?)
    })
    .await
}

/// Changes newest first: one client's, or every client's.
#[tauri::command]
pub async fn list_monitor_changes(
    app: AppHandle,
    client_id: Option<i64>,
) -> AppResult<Vec<ChangeListing>> {
    with_reader(&app, move |store| Ok(list_changes(store, client_id, 500)?)).await
}

#[tauri::command]
pub async fn alert_channels(app: AppHandle, client_id: i64) -> AppResult<Vec<AlertChannel>> {
    with_reader(&app, move |store| Ok(alerts::channels(store, client_id)?)).await
}

/// Adds a webhook; its address goes from the form to the keychain and never comes back.
#[tauri::command]
pub async fn add_webhook_channel(
    app: AppHandle,
    client_id: i64,
    format: WebhookFormat,
    address: String,
) -> AppResult<AlertChannel> {
    with_reader(&app, move |store| {
        Ok(alerts::add_webhook(store, client_id, format, &address)?)
    })
    .await
}

#[tauri::command]
pub async fn add_email_channel(
    app: AppHandle,
    client_id: i64,
    recipients: String,
) -> AppResult<AlertChannel> {
    with_reader(&app, move |store| {
        Ok(alerts::add_email(store, client_id, &recipients)?)
    })
    .await
}

#[tauri::command]
pub async fn remove_alert_channel(app: AppHandle, channel_id: i64) -> AppResult<()> {
    with_reader(&app, move |store| {
        Ok(alerts::remove_channel(store, channel_id)?)
    })
    .await
}

/// A client's latest alerts: sent, held back by the quiet period, failed (with why), tests.
#[tauri::command]
pub async fn alert_deliveries(app: AppHandle, client_id: i64) -> AppResult<Vec<DeliveryListing>> {
    with_reader(&app, move |store| {
        Ok(alerts::recent_deliveries(store, client_id, 20)?)
    })
    .await
}

/// Sends a test alert to every channel of the client (and as a desktop notification).
#[tauri::command]
pub async fn send_test_alert(app: AppHandle, client_id: i64) -> AppResult<Vec<ChannelDelivery>> {
    let (targets, alert, notify) = with_reader(&app, move |store| {
        let name = store.client(client_id)?.name;
        Ok((
            alerts::targets(store, client_id)?,
            alerts::test_alert(store, &name)?,
            alerts::desktop_notifications(store)?,
        ))
    })
    .await?;
    if notify {
        notify_desktop(&app, &alert.client, &alert.summary);
    }
    let deliveries = alerts::send(targets, &alert, &RetryPolicy::default()).await;
    let kept = deliveries.clone();
    with_reader(&app, move |store| {
        Ok(alerts::record(store, client_id, None, &kept, true)?)
    })
    .await?;
    Ok(deliveries)
}

/// Alert settings as the Settings view shows them.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AlertSettings {
    pub smtp: SmtpView,
    pub quiet_minutes: u32,
    pub desktop_notifications: bool,
}

#[tauri::command]
pub async fn alert_settings(app: AppHandle) -> AppResult<AlertSettings> {
    with_reader(&app, |store| {
        Ok(AlertSettings {
            smtp: alerts::smtp(store)?,
            quiet_minutes: alerts::quiet_minutes(store)?,
            desktop_notifications: alerts::desktop_notifications(store)?,
        })
    })
    .await
}

#[tauri::command]
pub async fn save_alert_preferences(
    app: AppHandle,
    quiet_minutes: u32,
    desktop_notifications: bool,
) -> AppResult<()> {
    with_reader(&app, move |store| {
        alerts::set_quiet_minutes(store, quiet_minutes)?;
        Ok(alerts::set_desktop_notifications(
            store,
            desktop_notifications,
        )?)
    })
    .await
}

/// Saves the SMTP server; `password`: `None` keeps the kept one, empty removes it.
#[tauri::command]
pub async fn save_smtp_settings(
    app: AppHandle,
    settings: SmtpSettings,
    password: Option<String>,
) -> AppResult<SmtpView> {
    with_reader(&app, move |store| {
        Ok(alerts::save_smtp(store, settings, password.as_deref())?)
    })
    .await
}

#[tauri::command]
pub async fn os_scheduler_status() -> AppResult<InstallState> {
    blocking(|| Ok(os_entry::status()?)).await
}

/// Installs the entry that runs this app's own `monitor run` every 15 minutes.
#[tauri::command]
pub async fn install_os_scheduler(app: AppHandle) -> AppResult<InstallState> {
    // Written into the scheduler's entry: never with a workspace's password.
    let db = crate::workspace::setting_without_password(
        &app.state::<crate::state::AppState>().db_path(),
    );
    blocking(move || {
        let program = std::env::current_exe().map_err(|e| {
            preflight_session::SessionError::Monitor(format!("Cannot find the app's program: {e}."))
        })?;
        Ok(os_entry::install(&os_entry::monitor_command(program, &db))?)
    })
    .await
}

#[tauri::command]
pub async fn uninstall_os_scheduler() -> AppResult<InstallState> {
    blocking(|| {
        os_entry::uninstall()?;
        Ok(os_entry::status()?)
    })
    .await
}

/// How often the open app looks for due schedules.
const TICK: Duration = Duration::from_secs(60);

/// Starts the timer that runs due schedules while the app is open.
pub fn start_timer<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        let options = MonitorOptions::for_process("app");
        loop {
            std::thread::sleep(tick());
            // Read each time: the window may have moved to another database since.
            let db = app.state::<crate::state::AppState>().db_path();
            let runs = runtime
                .block_on(run_due_schedules(&db, OffsetDateTime::now_utc(), &options))
                .unwrap_or_default();
            if !runs.is_empty() {
                announce(&app, &db, &runs);
            }
        }
    });
}

/// The timer's interval: a minute, or `PREFLIGHT_MONITOR_TICK_SECS` (1 to 3600).
fn tick() -> Duration {
    std::env::var("PREFLIGHT_MONITOR_TICK_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| (1..=3600).contains(s))
        .map_or(TICK, Duration::from_secs)
}

fn announce<R: Runtime>(app: &AppHandle<R>, db: &std::path::Path, runs: &[ScheduledRun]) {
    let notify = preflight_session::open_store(db)
        .ok()
        .and_then(|s| alerts::desktop_notifications(&s).ok())
        .unwrap_or(true);
    for run in runs {
        if let (Some(alert), false, true) = (&run.alert, run.quiet, notify) {
            notify_desktop(app, &alert.client, &alert.summary);
        }
    }
    let _ = app.emit(MONITOR_RAN_EVENT, runs);
}

/// A desktop notification; where the desktop has no notification service it is skipped.
fn notify_desktop<R: Runtime>(app: &AppHandle<R>, client: &str, summary: &str) {
    use tauri_plugin_notification::NotificationExt;
    let _ = app
        .notification()
        .builder()
        .title(format!("Preflight: {client}"))
        .body(summary)
        .show();
}

/// `monitor run --db FILE` given to the app's own program (as the operating system's scheduler
/// entry runs it): runs the due schedules without a window and says whether it did.
pub fn run_headless_if_asked() -> Option<i32> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let ["monitor", "run", rest @ ..] = args.as_slice() else {
        return None;
    };
    let db = match rest {
        ["--db", path] => std::path::PathBuf::from(*path),
        [] => preflight_session::workspace::database_setting(),
        _ => return Some(2),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .ok()?;
    let options = MonitorOptions::for_process("scheduler");
    match runtime.block_on(run_due_schedules(&db, OffsetDateTime::now_utc(), &options)) {
        Ok(_) => Some(0),
        Err(e) => {
            eprintln!("error: {e}");
            Some(2)
        }
    }
}
