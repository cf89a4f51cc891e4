//! install / uninstall / status on a temporary home, with a fake runner that records the
//! commands instead of touching the real scheduler.

use super::*;

const ALL: [OsKind; 3] = [OsKind::Linux, OsKind::MacOs, OsKind::Windows];

type Answer = Box<dyn Fn(&str) -> io::Result<CommandOutput>>;

/// Records each command as one line ("program arg arg") and answers from `answer`.
struct FakeRunner {
    calls: RefCell<Vec<String>>,
    answer: Answer,
}

fn exited(success: bool, stdout: &str, stderr: &str) -> io::Result<CommandOutput> {
    Ok(CommandOutput {
        success,
        stdout: stdout.to_string(),
        stderr: stderr.to_string(),
    })
}

impl FakeRunner {
    fn new(answer: impl Fn(&str) -> io::Result<CommandOutput> + 'static) -> FakeRunner {
        FakeRunner {
            calls: RefCell::new(Vec::new()),
            answer: Box::new(answer),
        }
    }

    fn succeeding() -> FakeRunner {
        FakeRunner::new(|call| exited(true, if call == "id -u" { "501\n" } else { "" }, ""))
    }

    fn missing() -> FakeRunner {
        FakeRunner::new(|_| Err(io::Error::from(io::ErrorKind::NotFound)))
    }

    fn calls(&self) -> Vec<String> {
        self.calls.borrow().clone()
    }
}

impl CommandRunner for FakeRunner {
    fn run(&self, program: &str, args: &[String]) -> io::Result<CommandOutput> {
        let mut call = program.to_string();
        for arg in args {
            call.push(' ');
            call.push_str(arg);
        }
        self.calls.borrow_mut().push(call.clone());
        (self.answer)(&call)
    }
}

fn monitor_command(home: &Path) -> MonitorCommand {
    let db = home.join("data 100% $x.sqlite3");
    command(
        "/opt/Pre flight/preflight",
        &["monitor", "run", "--db", &db.to_string_lossy()],
    )
}

fn plist_path(home: &Path) -> PathBuf {
    home.join("Library")
        .join("LaunchAgents")
        .join("app.preflight.monitor.plist")
}

fn task_path(home: &Path) -> PathBuf {
    home.join("AppData")
        .join("Local")
        .join("Preflight")
        .join("monitor-task.xml")
}

/// Nothing but the entry's own files in their folders: no temporary file left behind.
fn assert_only_entry_files(files: &[EntryFile]) {
    for file in files {
        let folder = file.path.parent().unwrap();
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            assert!(
                files.iter().any(|file| file.path == path),
                "unexpected {path:?}"
            );
        }
    }
}

#[test]
fn install_writes_the_files_and_registers_them() {
    for os in ALL {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        let runner = FakeRunner::succeeding();
        let state = install(os, &monitor_command(home), home, &runner).unwrap();
        assert!(
            matches!(&state, InstallState::Installed { detail } if detail.contains("every 15 minutes")),
            "{os:?}: {state:?}"
        );
        let files = entry_files(os, &monitor_command(home), home);
        for file in &files {
            assert_eq!(
                fs::read(&file.path).unwrap(),
                file.bytes(),
                "{:?}",
                file.path
            );
        }
        assert_only_entry_files(&files);
        let expected = match os {
            OsKind::Linux => vec![
                "systemctl --user daemon-reload".to_string(),
                "systemctl --user enable --now preflight-monitor.timer".to_string(),
            ],
            OsKind::MacOs => vec![
                "id -u".to_string(),
                "launchctl bootout gui/501/app.preflight.monitor".to_string(),
                "launchctl enable gui/501/app.preflight.monitor".to_string(),
                format!("launchctl bootstrap gui/501 {}", plist_path(home).display()),
            ],
            OsKind::Windows => vec![format!(
                "schtasks /Create /TN Preflight\\Monitor /XML {} /F",
                task_path(home).display()
            )],
        };
        assert_eq!(runner.calls(), expected, "{os:?}");
        if os == OsKind::MacOs {
            assert!(home.join("Library").join("Logs").join("Preflight").is_dir());
        }

        let runner = FakeRunner::succeeding();
        let state = status(os, home, &runner);
        assert!(
            matches!(state, InstallState::Installed { .. }),
            "{os:?}: {state:?}"
        );
        let query = match os {
            OsKind::Linux => "systemctl --user is-enabled preflight-monitor.timer",
            OsKind::MacOs => "launchctl print gui/501/app.preflight.monitor",
            OsKind::Windows => "schtasks /Query /TN Preflight\\Monitor",
        };
        assert!(
            runner.calls().iter().any(|call| call == query),
            "{:?}",
            runner.calls()
        );
    }
}

#[test]
fn a_missing_scheduler_tool_leaves_the_files_and_says_what_to_run() {
    for os in ALL {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        let state = install(os, &monitor_command(home), home, &FakeRunner::missing()).unwrap();
        let InstallState::FilesOnly { detail } = state else {
            panic!("{os:?}: {state:?}");
        };
        for file in entry_files(os, &monitor_command(home), home) {
            assert!(file.path.is_file(), "{:?}", file.path);
        }
        let (written, reason, by_hand) = match os {
            OsKind::Linux => (
                format!(
                    "The systemd timer files are written in {}",
                    home.join(".config").join("systemd").join("user").display()
                ),
                "(systemctl was not found)",
                "systemctl --user daemon-reload && systemctl --user enable --now preflight-monitor.timer"
                    .to_string(),
            ),
            OsKind::MacOs => (
                format!("The launchd agent is written to {}", plist_path(home).display()),
                "(id was not found)",
                format!("launchctl bootstrap gui/$(id -u) '{}'", plist_path(home).display()),
            ),
            OsKind::Windows => (
                format!("The task file is written to {}", task_path(home).display()),
                "(schtasks was not found)",
                format!(
                    "schtasks /Create /TN \"Preflight\\Monitor\" /XML \"{}\" /F",
                    task_path(home).display()
                ),
            ),
        };
        assert!(detail.starts_with(&written), "{detail}");
        assert!(detail.contains(reason), "{detail}");
        assert!(
            detail.ends_with(&format!("To turn it on, run: {by_hand}")),
            "{detail}"
        );

        // Files there, nothing registered.
        match status(os, home, &FakeRunner::missing()) {
            InstallState::FilesOnly { detail } => assert!(detail.ends_with(&by_hand), "{detail}"),
            other => panic!("{os:?}: {other:?}"),
        }
    }
}

#[test]
fn a_failing_registration_says_why_in_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let runner =
        FakeRunner::new(|_| exited(false, "", "Failed to connect to bus: No medium found\n"));
    let state = install(OsKind::Linux, &monitor_command(home), home, &runner).unwrap();
    let folder = home.join(".config").join("systemd").join("user");
    assert_eq!(
        state,
        InstallState::FilesOnly {
            detail: format!(
                "The systemd timer files are written in {}, but the timer is not enabled \
                 (`systemctl --user daemon-reload` failed: Failed to connect to bus: No medium \
                 found). To turn it on, run: systemctl --user daemon-reload && systemctl --user \
                 enable --now preflight-monitor.timer",
                folder.display()
            )
        }
    );
    assert_eq!(runner.calls(), ["systemctl --user daemon-reload"]);
}

#[test]
fn uninstall_unregisters_and_removes_the_files() {
    for os in ALL {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        install(os, &monitor_command(home), home, &FakeRunner::succeeding()).unwrap();
        let runner = FakeRunner::succeeding();
        uninstall(os, home, &runner).unwrap();
        for file in entry_files(os, &monitor_command(home), home) {
            assert!(!file.path.exists(), "{:?}", file.path);
        }
        let expected = match os {
            OsKind::Linux => vec![
                "systemctl --user disable --now preflight-monitor.timer",
                "systemctl --user daemon-reload",
            ],
            OsKind::MacOs => vec!["id -u", "launchctl bootout gui/501/app.preflight.monitor"],
            OsKind::Windows => vec!["schtasks /Delete /TN Preflight\\Monitor /F"],
        };
        assert_eq!(runner.calls(), expected, "{os:?}");
        let not_there = FakeRunner::new(|_| exited(false, "", "not found"));
        assert_eq!(status(os, home, &not_there), InstallState::NotInstalled);
    }
}

#[test]
fn uninstalling_what_is_not_there_is_fine() {
    for os in ALL {
        let dir = tempfile::tempdir().unwrap();
        uninstall(os, dir.path(), &FakeRunner::missing()).unwrap();
        let not_there = FakeRunner::new(|_| exited(false, "", "No such unit or task"));
        uninstall(os, dir.path(), &not_there).unwrap();
        assert_eq!(
            status(os, dir.path(), &not_there),
            InstallState::NotInstalled
        );
    }
}

#[test]
fn an_entry_that_stays_registered_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    install(
        OsKind::Windows,
        &monitor_command(home),
        home,
        &FakeRunner::succeeding(),
    )
    .unwrap();
    let runner = FakeRunner::new(|call| {
        if call.starts_with("schtasks /Delete") {
            exited(false, "", "ERROR: Access is denied.\r\n")
        } else {
            exited(true, "", "")
        }
    });
    let error = uninstall(OsKind::Windows, home, &runner).unwrap_err();
    assert!(matches!(error, SchedulerError::StillRegistered { .. }));
    assert_eq!(
        error.to_string(),
        "the scheduler entry is still registered: \
         `schtasks /Delete /TN Preflight\\Monitor /F` failed: ERROR: Access is denied."
    );
}

#[test]
fn reinstalling_replaces_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let first = command("/opt/old/preflight", &["monitor", "run"]);
    let second = command(
        "/opt/new/preflight",
        &["monitor", "run", "--db", "/d.sqlite3"],
    );
    for os in ALL {
        install(os, &first, home, &FakeRunner::succeeding()).unwrap();
        install(os, &second, home, &FakeRunner::succeeding()).unwrap();
        let files = entry_files(os, &second, home);
        for file in &files {
            assert_eq!(fs::read(&file.path).unwrap(), file.bytes());
        }
        assert_only_entry_files(&files);
    }
}

#[test]
fn write_failures_name_the_file() {
    let dir = tempfile::tempdir().unwrap();

    // The home is a file, so the folders cannot be made.
    let home = dir.path().join("not-a-folder");
    fs::write(&home, "").unwrap();
    let error = install(
        OsKind::Linux,
        &monitor_command(&home),
        &home,
        &FakeRunner::succeeding(),
    )
    .unwrap_err();
    assert!(
        matches!(error, SchedulerError::CreateFolder { .. }),
        "{error:?}"
    );
    let folder = home.join(".config").join("systemd").join("user");
    assert!(
        error
            .to_string()
            .starts_with(&format!("cannot create the folder {}: ", folder.display())),
        "{error}"
    );

    // A folder stands where the service file goes: the rename fails and the temporary file goes.
    let home = dir.path().join("home");
    let files = entry_files(OsKind::Linux, &monitor_command(&home), &home);
    fs::create_dir_all(files[0].path.join("inside")).unwrap();
    let runner = FakeRunner::succeeding();
    let error = install(OsKind::Linux, &monitor_command(&home), &home, &runner).unwrap_err();
    match &error {
        SchedulerError::Write { path, .. } => assert_eq!(path, &files[0].path),
        other => panic!("{other:?}"),
    }
    assert!(
        error.to_string().starts_with(&format!(
            "cannot write the file {}: ",
            files[0].path.display()
        )),
        "{error}"
    );
    assert!(
        runner.calls().is_empty(),
        "nothing is registered after a failed write"
    );
    let names: Vec<_> = fs::read_dir(folder_of(&files[0]))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["preflight-monitor.service"]);
}

fn folder_of(file: &EntryFile) -> PathBuf {
    file.path.parent().unwrap().to_path_buf()
}

#[test]
fn install_state_serializes_with_a_state_tag() {
    let json = |state: InstallState| serde_json::to_value(state).unwrap();
    assert_eq!(
        json(InstallState::NotInstalled),
        serde_json::json!({ "state": "not_installed" })
    );
    assert_eq!(
        json(InstallState::FilesOnly {
            detail: "run this".into()
        }),
        serde_json::json!({ "state": "files_only", "detail": "run this" })
    );
    assert_eq!(
        json(InstallState::Installed {
            detail: "ok".into()
        }),
        serde_json::json!({ "state": "installed", "detail": "ok" })
    );
}
