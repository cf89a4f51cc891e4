//! macOS: a launchd agent in `~/Library/LaunchAgents`, loaded into the user's GUI session.

use super::{run_checked, xml_escape, CommandRunner, EntryFile, MonitorCommand};
use std::path::{Path, PathBuf};

pub(super) const LABEL: &str = "app.preflight.monitor";

pub(super) fn plist_path(home: &Path) -> PathBuf {
    home.join("Library")
        .join("LaunchAgents")
        .join(format!("{LABEL}.plist"))
}

pub(super) fn log_folder(home: &Path) -> PathBuf {
    home.join("Library").join("Logs").join("Preflight")
}

pub(super) fn files(command: &MonitorCommand, home: &Path) -> Vec<EntryFile> {
    vec![EntryFile {
        path: plist_path(home),
        contents: plist(command, &log_folder(home).join("monitor.log")),
    }]
}

// StartInterval: launchd runs a missed interval once when the Mac wakes.
// ProcessType Background: throttled like other background work (the counterpart of Nice=10).
fn plist(command: &MonitorCommand, log: &Path) -> String {
    let mut arguments = format!(
        "\t\t<string>{}</string>\n",
        xml_escape(&command.program.to_string_lossy())
    );
    for arg in &command.args {
        arguments.push_str(&format!("\t\t<string>{}</string>\n", xml_escape(arg)));
    }
    let log = xml_escape(&log.to_string_lossy());
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \
         \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
         <plist version=\"1.0\">\n\
         <dict>\n\
         \t<key>Label</key>\n\
         \t<string>{LABEL}</string>\n\
         \t<key>ProgramArguments</key>\n\
         \t<array>\n\
         {arguments}\
         \t</array>\n\
         \t<key>StartInterval</key>\n\
         \t<integer>900</integer>\n\
         \t<key>RunAtLoad</key>\n\
         \t<false/>\n\
         \t<key>ProcessType</key>\n\
         \t<string>Background</string>\n\
         \t<key>StandardOutPath</key>\n\
         \t<string>{log}</string>\n\
         \t<key>StandardErrorPath</key>\n\
         \t<string>{log}</string>\n\
         </dict>\n\
         </plist>\n"
    )
}

fn domain(runner: &dyn CommandRunner) -> Result<String, String> {
    let uid = run_checked(runner, "id", &["-u"])?;
    let uid = uid.trim();
    if uid.is_empty() || !uid.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`id -u` printed {uid:?}, not a user id"));
    }
    Ok(format!("gui/{uid}"))
}

pub(super) fn register(runner: &dyn CommandRunner, home: &Path) -> Result<(), String> {
    let domain = domain(runner)?;
    let service = format!("{domain}/{LABEL}");
    // An agent loaded before keeps its old definition until it is booted out; one the user
    // disabled cannot be bootstrapped. Both fail harmlessly when there is nothing to do.
    let _ = run_checked(runner, "launchctl", &["bootout", &service]);
    let _ = run_checked(runner, "launchctl", &["enable", &service]);
    let plist = plist_path(home);
    run_checked(
        runner,
        "launchctl",
        &["bootstrap", &domain, &plist.to_string_lossy()],
    )
    .map(drop)
}

pub(super) fn unregister(runner: &dyn CommandRunner) -> Result<(), String> {
    let service = format!("{}/{LABEL}", domain(runner)?);
    run_checked(runner, "launchctl", &["bootout", &service]).map(drop)
}

pub(super) fn is_registered(runner: &dyn CommandRunner) -> bool {
    domain(runner).is_ok_and(|domain| {
        run_checked(
            runner,
            "launchctl",
            &["print", &format!("{domain}/{LABEL}")],
        )
        .is_ok()
    })
}

pub(super) fn by_hand(home: &Path) -> String {
    let plist = plist_path(home).to_string_lossy().replace('\'', "'\\''");
    format!("launchctl bootstrap gui/$(id -u) '{plist}'")
}
