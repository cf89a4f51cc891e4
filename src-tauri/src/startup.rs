//! Start-up timing. The window reports its first painted frame; with `PREFLIGHT_STARTUP_PROBE=1`
//! the app prints how long that took and exits, so `scripts/measure-startup.sh` can time cold
//! starts of a release build without a person watching.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Called first thing in `run()`.
pub fn mark_process_start() {
    STARTED.get_or_init(Instant::now);
}

fn probe_requested() -> bool {
    std::env::var_os("PREFLIGHT_STARTUP_PROBE").is_some_and(|v| v == "1")
}

/// The window calls this after its first frame is painted.
#[tauri::command]
pub async fn ui_ready(app: tauri::AppHandle) {
    if !probe_requested() {
        return;
    }
    let since_main = STARTED.get().map(|t| t.elapsed().as_millis()).unwrap_or(0);
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    println!("first-paint-ms-since-main={since_main}");
    println!("first-paint-epoch-ms={now_ms}");
    app.exit(0);
}
