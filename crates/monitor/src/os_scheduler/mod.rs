//! The operating system's scheduler entry that runs `preflight monitor run` every 15 minutes, so
//! that due schedules run while the app is closed: a systemd user timer on Linux, a launchd agent
//! on macOS, a Task Scheduler task on Windows.
//!
//! The entry is generated as text (so every platform's files are tested on any host), written
//! atomically, then registered through a [`CommandRunner`]. When the registration command is
//! missing or fails (no user systemd bus in a container, say), the files stay and the state says
//! what to run by hand: that is not an error.

mod linux;
mod macos;
mod windows;

use serde::Serialize;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};
use ts_rs::TS;

/// What the entry runs, e.g. `/usr/bin/preflight` with `["monitor", "run", "--db", FILE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitorCommand {
    pub program: PathBuf,
    pub args: Vec<String>,
}

/// The scheduler family an entry is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OsKind {
    Linux,
    MacOs,
    Windows,
}

impl OsKind {
    /// The system this program runs on (other Unix systems are treated as Linux).
    pub fn current() -> OsKind {
        if cfg!(target_os = "macos") {
            OsKind::MacOs
        } else if cfg!(windows) {
            OsKind::Windows
        } else {
            OsKind::Linux
        }
    }
}

/// One file of an entry, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryFile {
    pub path: PathBuf,
    pub contents: String,
}

impl EntryFile {
    /// The bytes to write: UTF-8, except a document that declares UTF-16 (the Windows task,
    /// since `schtasks /XML` rejects UTF-8 files), which becomes UTF-16LE with a byte order mark.
    pub fn bytes(&self) -> Vec<u8> {
        if self.contents.starts_with(windows::UTF16_DECLARATION) {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(self.contents.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        } else {
            self.contents.clone().into_bytes()
        }
    }
}

/// The files of the entry for `os`, under `home` (the user's home folder).
pub fn entry_files(os: OsKind, command: &MonitorCommand, home: &Path) -> Vec<EntryFile> {
    match os {
        OsKind::Linux => linux::files(command, home),
        OsKind::MacOs => macos::files(command, home),
        OsKind::Windows => windows::files(command, home),
    }
}

/// Whether the entry is in place, for the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum InstallState {
    /// Written and registered: due schedules run while the app is closed.
    Installed {
        detail: String,
    },
    NotInstalled,
    /// Written but not registered; `detail` says what to run by hand.
    FilesOnly {
        detail: String,
    },
}

/// A failure that leaves the entry unusable (a failed registration is not one: see
/// [`InstallState::FilesOnly`]).
#[derive(Debug, thiserror::Error)]
pub enum SchedulerError {
    #[error("cannot create the folder {}: {source}", path.display())]
    CreateFolder { path: PathBuf, source: io::Error },
    #[error("cannot write the file {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot remove the file {}: {source}", path.display())]
    Remove { path: PathBuf, source: io::Error },
    #[error("the scheduler entry is still registered: {reason}")]
    StillRegistered { reason: String },
}

/// What a finished command printed, and whether it exited with success.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommandOutput {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the scheduler's command-line tools; tests pass a fake that records the calls.
pub trait CommandRunner {
    fn run(&self, program: &str, args: &[String]) -> io::Result<CommandOutput>;
}

/// Runs commands for real, each stopped after 20 seconds (a hung `launchctl` or `schtasks` must
/// not hang the app).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemRunner;

const COMMAND_LIMIT: Duration = Duration::from_secs(20);

impl CommandRunner for SystemRunner {
    fn run(&self, program: &str, args: &[String]) -> io::Result<CommandOutput> {
        run_with_limit(program, args, COMMAND_LIMIT)
    }
}

fn run_with_limit(program: &str, args: &[String], limit: Duration) -> io::Result<CommandOutput> {
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        // CREATE_NO_WINDOW: no console window flashes up from the desktop app.
        command.creation_flags(0x0800_0000);
    }
    let mut child = command.spawn()?;
    // Read both pipes while waiting: a child that fills a pipe would otherwise never exit.
    let stdout = read_in_background(child.stdout.take());
    let stderr = read_in_background(child.stderr.take());
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "{program} did not finish within {} seconds",
                    limit.as_secs()
                ),
            ));
        }
        thread::sleep(Duration::from_millis(10));
    };
    Ok(CommandOutput {
        success: status.success(),
        stdout: collect(stdout),
        stderr: collect(stderr),
    })
}

fn read_in_background<R: Read + Send + 'static>(pipe: Option<R>) -> mpsc::Receiver<Vec<u8>> {
    let (sender, receiver) = mpsc::channel();
    if let Some(mut pipe) = pipe {
        thread::spawn(move || {
            let mut buffer = Vec::new();
            let _ = pipe.read_to_end(&mut buffer);
            let _ = sender.send(buffer);
        });
    }
    receiver
}

/// A grandchild that keeps the pipe open must not block us: wait a little, then move on.
fn collect(receiver: mpsc::Receiver<Vec<u8>>) -> String {
    let bytes = receiver
        .recv_timeout(Duration::from_secs(2))
        .unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Writes the entry's files and registers them with the scheduler.
pub fn install(
    os: OsKind,
    command: &MonitorCommand,
    home: &Path,
    runner: &dyn CommandRunner,
) -> Result<InstallState, SchedulerError> {
    for file in entry_files(os, command, home) {
        write_atomically(&file.path, &file.bytes())?;
    }
    if os == OsKind::MacOs {
        // launchd opens the log file but does not create its folder.
        let logs = macos::log_folder(home);
        fs::create_dir_all(&logs).map_err(|source| SchedulerError::CreateFolder {
            path: logs.clone(),
            source,
        })?;
    }
    let registered = match os {
        OsKind::Linux => linux::register(runner),
        OsKind::MacOs => macos::register(runner, home),
        OsKind::Windows => windows::register(runner, home),
    };
    Ok(match registered {
        Ok(()) => InstallState::Installed {
            detail: installed_detail(os),
        },
        Err(reason) => InstallState::FilesOnly {
            detail: files_only_detail(os, home, Some(&reason)),
        },
    })
}

/// Unregisters the entry and removes its files; removing an entry that is not there is fine.
pub fn uninstall(
    os: OsKind,
    home: &Path,
    runner: &dyn CommandRunner,
) -> Result<(), SchedulerError> {
    let unregistered = match os {
        OsKind::Linux => linux::unregister(runner),
        OsKind::MacOs => macos::unregister(runner),
        OsKind::Windows => windows::unregister(runner),
    };
    for path in entry_paths(os, home) {
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(source) => return Err(SchedulerError::Remove { path, source }),
        }
    }
    if os == OsKind::Linux {
        linux::after_removal(runner);
    }
    // The command also fails when there was nothing to unregister: only an entry still
    // registered afterwards is a failure.
    match unregistered {
        Err(reason) if is_registered(os, runner) => Err(SchedulerError::StillRegistered { reason }),
        _ => Ok(()),
    }
}

/// Whether the entry is written and registered.
pub fn status(os: OsKind, home: &Path, runner: &dyn CommandRunner) -> InstallState {
    if is_registered(os, runner) {
        InstallState::Installed {
            detail: installed_detail(os),
        }
    } else if entry_paths(os, home).iter().any(|path| path.exists()) {
        InstallState::FilesOnly {
            detail: files_only_detail(os, home, None),
        }
    } else {
        InstallState::NotInstalled
    }
}

fn entry_paths(os: OsKind, home: &Path) -> Vec<PathBuf> {
    match os {
        OsKind::Linux => linux::paths(home),
        OsKind::MacOs => vec![macos::plist_path(home)],
        OsKind::Windows => vec![windows::task_file(home)],
    }
}

fn is_registered(os: OsKind, runner: &dyn CommandRunner) -> bool {
    match os {
        OsKind::Linux => linux::is_registered(runner),
        OsKind::MacOs => macos::is_registered(runner),
        OsKind::Windows => windows::is_registered(runner),
    }
}

fn installed_detail(os: OsKind) -> String {
    let entry = match os {
        OsKind::Linux => format!("The systemd user timer {} is enabled", linux::TIMER),
        OsKind::MacOs => format!("The launchd agent {} is loaded", macos::LABEL),
        OsKind::Windows => format!("The scheduled task {} is registered", windows::TASK_NAME),
    };
    format!(
        "{entry}: due schedules run every 15 minutes while you are logged in, even with the app \
         closed, and a run missed while the computer slept happens when it wakes."
    )
}

fn files_only_detail(os: OsKind, home: &Path, reason: Option<&str>) -> String {
    let (written, inactive, by_hand) = match os {
        OsKind::Linux => (
            format!(
                "The systemd timer files are written in {}",
                linux::unit_folder(home).display()
            ),
            "the timer is not enabled",
            linux::BY_HAND.to_string(),
        ),
        OsKind::MacOs => (
            format!(
                "The launchd agent is written to {}",
                macos::plist_path(home).display()
            ),
            "the agent is not loaded",
            macos::by_hand(home),
        ),
        OsKind::Windows => (
            format!(
                "The task file is written to {}",
                windows::task_file(home).display()
            ),
            "the task is not registered",
            windows::by_hand(home),
        ),
    };
    let why = reason
        .map(|reason| format!(" ({reason})"))
        .unwrap_or_default();
    format!("{written}, but {inactive}{why}. To turn it on, run: {by_hand}")
}

/// Runs one command; the error is a short reason that fits in a sentence.
fn run_checked(runner: &dyn CommandRunner, program: &str, args: &[&str]) -> Result<String, String> {
    let owned: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
    let shown = format!("{program} {}", args.join(" "));
    match runner.run(program, &owned) {
        Ok(output) if output.success => Ok(output.stdout),
        Ok(output) => {
            let said = [&output.stderr, &output.stdout]
                .into_iter()
                .flat_map(|text| text.lines())
                .map(str::trim)
                .find(|line| !line.is_empty());
            Err(match said {
                Some(line) => format!("`{shown}` failed: {line}"),
                None => format!("`{shown}` failed"),
            })
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            Err(format!("{program} was not found"))
        }
        Err(error) => Err(format!("`{shown}` could not run: {error}")),
    }
}

/// Writes to a temporary file in the same folder, then renames it over the target, so the
/// scheduler never reads a half-written file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SchedulerError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder).map_err(|source| SchedulerError::CreateFolder {
        path: folder.to_path_buf(),
        source,
    })?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = folder.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = write_new(&temporary, bytes).and_then(|()| fs::rename(&temporary, path));
    written.map_err(|source| {
        let _ = fs::remove_file(&temporary);
        SchedulerError::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // launchd refuses an agent that others can write to, whatever the umask.
        options.mode(0o644);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

pub(crate) use preflight_model::xml::xml_escape;

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn system_runner_reports_output_failure_and_timeout() {
        let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let out = SystemRunner
            .run("sh", &args(&["-c", "echo out; echo err >&2; exit 3"]))
            .unwrap();
        assert!(!out.success);
        assert_eq!(out.stdout, "out\n");
        assert_eq!(out.stderr, "err\n");

        let ok = SystemRunner.run("sh", &args(&["-c", "true"])).unwrap();
        assert!(ok.success);

        let missing = SystemRunner
            .run("preflight-no-such-program", &[])
            .unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);

        let started = Instant::now();
        let slow = run_with_limit("sleep", &args(&["10"]), Duration::from_millis(200)).unwrap_err();
        assert_eq!(slow.kind(), io::ErrorKind::TimedOut);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_big_output_does_not_block_the_child() {
        if !cfg!(unix) {
            return;
        }
        let script = "head -c 1000000 /dev/zero | tr '\\0' x".to_string();
        let out = SystemRunner.run("sh", &["-c".to_string(), script]).unwrap();
        assert!(out.success);
        assert_eq!(out.stdout.len(), 1_000_000);
    }
}
