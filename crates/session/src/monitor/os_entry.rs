//! The operating system's scheduler entry that runs `preflight monitor run` every 15 minutes
//! while the app is closed: what it runs, and installing, removing and checking it in the
//! user's own scheduler (no administrator rights needed).

use crate::error::SessionError;
use preflight_monitor::os_scheduler::{self, InstallState, MonitorCommand, OsKind, SystemRunner};
use std::path::{Path, PathBuf};

/// The command the entry runs: `program monitor run --db DB`, so the entry uses the database
/// it was installed for.
pub fn monitor_command(program: PathBuf, db: &Path) -> MonitorCommand {
    MonitorCommand {
        program,
        args: vec![
            "monitor".into(),
            "run".into(),
            "--db".into(),
            db.display().to_string(),
        ],
    }
}

fn home() -> Result<PathBuf, SessionError> {
    dirs::home_dir().ok_or_else(|| {
        SessionError::Monitor("Cannot find your home folder, where the entry is written.".into())
    })
}

/// Installs (or replaces) the entry for this operating system.
pub fn install(command: &MonitorCommand) -> Result<InstallState, SessionError> {
    os_scheduler::install(OsKind::current(), command, &home()?, &SystemRunner)
        .map_err(|e| SessionError::Monitor(format!("The scheduler entry was not installed: {e}.")))
}

/// Removes the entry (nothing happens when it is not installed).
pub fn uninstall() -> Result<(), SessionError> {
    os_scheduler::uninstall(OsKind::current(), &home()?, &SystemRunner)
        .map_err(|e| SessionError::Monitor(format!("The scheduler entry was not removed: {e}.")))
}

/// Whether the entry is installed.
pub fn status() -> Result<InstallState, SessionError> {
    Ok(os_scheduler::status(
        OsKind::current(),
        &home()?,
        &SystemRunner,
    ))
}
