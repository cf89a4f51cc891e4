//! The Linux units checked by `systemd-analyze verify`, which parses them as systemd does and
//! checks that the program named by ExecStart= exists. Negative cases show that it rejects.

use super::*;
use std::process::Command;

const ANALYZE: &str = "/usr/bin/systemd-analyze";

struct Verdict {
    success: bool,
    stderr: String,
}

impl Verdict {
    /// Accepted: exit 0 and no complaint about our units (other lines are about the host).
    fn accepted(&self) -> bool {
        self.success
            && !self
                .stderr
                .lines()
                .any(|line| line.contains("preflight-monitor"))
    }
}

fn analyze(args: &[&Path], runtime: Option<&Path>, user: bool) -> Verdict {
    let mut command = Command::new(ANALYZE);
    command.arg("verify");
    if user {
        command.arg("--user");
    }
    command.args(args);
    if let Some(runtime) = runtime {
        command.env("XDG_RUNTIME_DIR", runtime);
    }
    let output = command.output().expect("systemd-analyze runs");
    Verdict {
        success: output.status.success(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Failures of the place the check runs in, not of the units (a container has no runtime
/// folder or user manager).
fn environmental(verdict: &Verdict) -> bool {
    !verdict.success
        && [
            "Failed to initialize manager",
            "RuntimeDirectory",
            "XDG_RUNTIME_DIR",
        ]
        .iter()
        .any(|sign| verdict.stderr.contains(sign))
}

/// Verifies the units as user units; where that cannot run here, as user units with a private
/// runtime folder, then as system units (on copies, in a folder of their own).
fn verify(files: &[EntryFile], scratch: &Path) -> Verdict {
    let paths: Vec<&Path> = files.iter().map(|file| file.path.as_path()).collect();
    let verdict = analyze(&paths, None, true);
    if !environmental(&verdict) {
        return verdict;
    }
    let runtime = scratch.join("runtime");
    fs::create_dir_all(&runtime).unwrap();
    set_mode(&runtime, 0o700);
    let verdict = analyze(&paths, Some(&runtime), true);
    if !environmental(&verdict) {
        return verdict;
    }
    eprintln!(
        "note: user units cannot be verified here ({}); verifying as system units",
        verdict.stderr.trim()
    );
    let copies = scratch.join("system");
    fs::create_dir_all(&copies).unwrap();
    let copied: Vec<PathBuf> = files
        .iter()
        .map(|file| {
            let copy = copies.join(file.path.file_name().unwrap());
            fs::write(&copy, &file.contents).unwrap();
            copy
        })
        .collect();
    let copied: Vec<&Path> = copied.iter().map(PathBuf::as_path).collect();
    analyze(&copied, None, false)
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn write_all(files: &[EntryFile]) {
    for file in files {
        fs::create_dir_all(file.path.parent().unwrap()).unwrap();
        fs::write(&file.path, &file.contents).unwrap();
    }
}

/// The units for `command` under a fresh home in `scratch/name`.
fn units(scratch: &Path, name: &str, command: &MonitorCommand) -> Vec<EntryFile> {
    let files = entry_files(OsKind::Linux, command, &scratch.join(name));
    write_all(&files);
    files
}

#[test]
fn systemd_accepts_the_linux_units() {
    if !Path::new(ANALYZE).exists() {
        eprintln!("skipped: {ANALYZE} is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let scratch = dir.path();
    // A real program under a path that needs quoting and specifier escapes: systemd checks that
    // the path it reads back from ExecStart= is an executable, so this checks the quoting too.
    let folder = scratch.join("Pre flight 100%h & <co> ;#");
    fs::create_dir_all(&folder).unwrap();
    let program = folder.join("preflight");
    fs::copy("/bin/true", &program).unwrap();
    set_mode(&program, 0o755);
    let args = [
        "monitor",
        "run",
        "--db",
        "/data/a b/100% \"x\" it's $HOME ${Y}\\z.sqlite3",
        "tab\tand\nnewline",
        ";",
        "",
    ];
    let good = units(scratch, "good", &command(&program.to_string_lossy(), &args));
    let verdict = verify(&good, &scratch.join("good-check"));
    assert!(
        verdict.accepted(),
        "systemd rejected the units:\n{}",
        verdict.stderr
    );

    // A path systemd takes only through the shell: the line must still parse.
    let shell = units(
        scratch,
        "shell",
        &command("/opt/it's \"odd\" $5\\/preflight", &args),
    );
    let verdict = verify(&shell, &scratch.join("shell-check"));
    assert!(
        verdict.accepted(),
        "systemd rejected the units:\n{}",
        verdict.stderr
    );

    // The check is real: a broken timer is rejected ...
    let broken = units(
        scratch,
        "broken",
        &command(&program.to_string_lossy(), &args),
    );
    let timer = broken
        .iter()
        .find(|f| f.path.extension().is_some_and(|e| e == "timer"))
        .unwrap();
    let garbage = timer
        .contents
        .replace("OnCalendar=*:0/15", "OnCalendar=garbage");
    assert_ne!(garbage, timer.contents);
    fs::write(&timer.path, &garbage).unwrap();
    let broken: Vec<EntryFile> = broken
        .into_iter()
        .map(|file| EntryFile {
            contents: fs::read_to_string(&file.path).unwrap(),
            ..file
        })
        .collect();
    let verdict = verify(&broken, &scratch.join("broken-check"));
    assert!(
        !verdict.accepted(),
        "OnCalendar=garbage was accepted:\n{}",
        verdict.stderr
    );

    // ... and so is a program path that does not lead to the program.
    let missing = units(
        scratch,
        "missing",
        &command(&folder.join("absent").to_string_lossy(), &args),
    );
    let verdict = verify(&missing, &scratch.join("missing-check"));
    assert!(
        !verdict.accepted(),
        "a missing program was accepted:\n{}",
        verdict.stderr
    );
}
