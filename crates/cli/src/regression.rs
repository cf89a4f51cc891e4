//! `preflight check --save --client NAME --fail-on-regression`: the audit just saved compared
//! with the client's previous complete audit; the changes are printed on stderr and the command
//! exits with [`EXIT_CODE`] when something got worse.

use crate::Failure;
use preflight_document::report::RunStatus;
use preflight_session::monitor::changes_from_previous;
use preflight_session::Store;

/// The exit code for "something got worse since the previous complete audit", distinct from 1
/// ("something is failing") and 2 (a usage or runtime error).
pub const EXIT_CODE: u8 = 3;

/// Prints what changed since the previous complete audit; true when something got worse.
pub fn report(store: &Store, run_id: i64, status: RunStatus) -> Result<bool, Failure> {
    if status != RunStatus::Complete {
        eprintln!("regression check: the audit stopped before every page was checked, so it was not compared");
        return Ok(false);
    }
    let Some(changes) = changes_from_previous(store, run_id)? else {
        eprintln!("regression check: no earlier complete audit of this client to compare with");
        return Ok(false);
    };
    if changes.events.is_empty() {
        eprintln!(
            "regression check: nothing changed since audit {}",
            changes.older_run_id
        );
        return Ok(false);
    }
    eprintln!(
        "regression check against audit {}: {}",
        changes.older_run_id,
        preflight_monitor::changes::summary_line(&changes.events)
    );
    for event in &changes.events {
        let word = preflight_monitor::changes::direction_label(event.direction);
        eprintln!("  {word}: {} — {}", event.page_url, event.sentence);
    }
    Ok(!changes.regressions().is_empty())
}
