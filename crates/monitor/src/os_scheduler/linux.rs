//! Linux: a systemd user service and the timer that starts it, in `~/.config/systemd/user`.

use super::{run_checked, CommandRunner, EntryFile, MonitorCommand};
use std::path::{Path, PathBuf};

pub(super) const SERVICE: &str = "preflight-monitor.service";
pub(super) const TIMER: &str = "preflight-monitor.timer";
pub(super) const BY_HAND: &str =
    "systemctl --user daemon-reload && systemctl --user enable --now preflight-monitor.timer";

/// Starts a program whose path systemd will not take as an executable: the shell gets the path
/// as `$0` and the arguments as `$@`, so nothing in them is parsed again.
const VIA_SHELL: [&str; 3] = ["/bin/sh", "-c", "exec \"$0\" \"$@\""];

// Persistent: a run missed while the machine was off or asleep happens when it is back.
// RandomizedDelaySec: machines that share a schedule do not all start at :00, :15 and so on.
const TIMER_UNIT: &str = "\
[Unit]
Description=Run the Preflight monitoring schedules that are due, every 15 minutes

[Timer]
OnCalendar=*:0/15
Persistent=true
RandomizedDelaySec=60
Unit=preflight-monitor.service

[Install]
WantedBy=timers.target
";

pub(super) fn unit_folder(home: &Path) -> PathBuf {
    home.join(".config").join("systemd").join("user")
}

pub(super) fn paths(home: &Path) -> Vec<PathBuf> {
    let folder = unit_folder(home);
    vec![folder.join(SERVICE), folder.join(TIMER)]
}

pub(super) fn files(command: &MonitorCommand, home: &Path) -> Vec<EntryFile> {
    let folder = unit_folder(home);
    vec![
        EntryFile {
            path: folder.join(SERVICE),
            contents: service_unit(command),
        },
        EntryFile {
            path: folder.join(TIMER),
            contents: TIMER_UNIT.to_string(),
        },
    ]
}

fn service_unit(command: &MonitorCommand) -> String {
    format!(
        "[Unit]\n\
         Description=Preflight: run the monitoring schedules that are due\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart={}\n\
         Nice=10\n",
        exec_start(command)
    )
}

/// The `ExecStart=` value: every word double-quoted with C escapes, `%` doubled (specifiers) and,
/// in arguments, `$` doubled (variable expansion).
fn exec_start(command: &MonitorCommand) -> String {
    let program = command.program.to_string_lossy();
    let mut words = Vec::with_capacity(command.args.len() + 2);
    if usable_as_executable(&program) {
        // systemd expands variables in the arguments but takes the executable path as
        // written, so a `$` here must stay single.
        words.push(quote(&program, false));
    } else {
        words.push(quote(VIA_SHELL[0], false));
        words.extend(VIA_SHELL[1..].iter().map(|word| quote(word, true)));
        words.push(quote(&program, true));
    }
    words.extend(command.args.iter().map(|arg| quote(arg, true)));
    words.join(" ")
}

/// systemd refuses an executable path with quotes, backslashes or control characters; and a
/// `$` would still be expanded in the argv[0] the program sees. Such a path goes through a shell.
fn usable_as_executable(program: &str) -> bool {
    !program
        .chars()
        .any(|c| matches!(c, '"' | '\'' | '\\' | '$') || c.is_control())
}

fn quote(word: &str, in_arguments: bool) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    out.push('"');
    for c in word.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '%' => out.push_str("%%"),
            '$' if in_arguments => out.push_str("$$"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_ascii_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(super) fn register(runner: &dyn CommandRunner) -> Result<(), String> {
    run_checked(runner, "systemctl", &["--user", "daemon-reload"])?;
    run_checked(runner, "systemctl", &["--user", "enable", "--now", TIMER])?;
    Ok(())
}

pub(super) fn unregister(runner: &dyn CommandRunner) -> Result<(), String> {
    run_checked(runner, "systemctl", &["--user", "disable", "--now", TIMER]).map(drop)
}

/// After the unit files are gone, so that systemd forgets them.
pub(super) fn after_removal(runner: &dyn CommandRunner) {
    let _ = run_checked(runner, "systemctl", &["--user", "daemon-reload"]);
}

pub(super) fn is_registered(runner: &dyn CommandRunner) -> bool {
    run_checked(runner, "systemctl", &["--user", "is-enabled", TIMER]).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_for_systemd() {
        assert_eq!(quote("plain", true), "\"plain\"");
        assert_eq!(quote("a b", true), "\"a b\"");
        assert_eq!(quote("50%", true), "\"50%%\"");
        assert_eq!(quote("$HOME", true), "\"$$HOME\"");
        assert_eq!(quote("$HOME", false), "\"$HOME\"");
        assert_eq!(quote("say \"hi\"", true), "\"say \\\"hi\\\"\"");
        assert_eq!(quote("C:\\dir\\", true), "\"C:\\\\dir\\\\\"");
        assert_eq!(quote("it's", true), "\"it's\"");
        assert_eq!(quote("a\tb\nc\u{7}", true), "\"a\\tb\\nc\\x07\"");
    }

    #[test]
    fn unusual_executable_paths_go_through_a_shell() {
        assert!(usable_as_executable("/opt/Pre flight 100%/preflight"));
        assert!(!usable_as_executable("/opt/it's/preflight"));
        assert!(!usable_as_executable("/opt/a\\b/preflight"));
        assert!(!usable_as_executable("/opt/$x/preflight"));
        let command = MonitorCommand {
            program: PathBuf::from("/opt/$x \"q\"/preflight"),
            args: vec!["run".into()],
        };
        assert_eq!(
            exec_start(&command),
            "\"/bin/sh\" \"-c\" \"exec \\\"$$0\\\" \\\"$$@\\\"\" \"/opt/$$x \\\"q\\\"/preflight\" \"run\""
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_shell_passes_an_unusual_path_and_arguments_through_unchanged() {
        use crate::os_scheduler::SystemRunner;
        let printf = Path::new("/usr/bin/printf");
        if !printf.exists() {
            eprintln!("skipped: no /usr/bin/printf");
            return;
        }
        // A link, not a written script: a script just written can be "busy" when exec'd while
        // other tests fork.
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("it's \"odd\" \\ $HOME a=b");
        std::fs::create_dir(&folder).unwrap();
        let program = folder.join("printf");
        std::os::unix::fs::symlink(printf, &program).unwrap();
        assert!(!usable_as_executable(&program.to_string_lossy()));

        let mut args: Vec<String> = VIA_SHELL[1..].iter().map(|s| s.to_string()).collect();
        args.push(program.to_string_lossy().into_owned());
        for arg in ["[%s]", "a b", "$HOME", "*", "--x=\"y\"", "-n"] {
            args.push(arg.to_string());
        }
        let out = SystemRunner.run(VIA_SHELL[0], &args).unwrap();
        assert!(out.success, "{}", out.stderr);
        assert_eq!(out.stdout, "[a b][$HOME][*][--x=\"y\"][-n]");
    }
}
