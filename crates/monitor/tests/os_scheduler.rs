//! The scheduler entry: every platform's files checked as text (and read back the way the
//! scheduler reads them) whatever the host, install / uninstall / status against a recording fake
//! runner, and on Linux the units checked by systemd itself.

use preflight_monitor::os_scheduler::{
    entry_files, install, status, uninstall, CommandOutput, CommandRunner, EntryFile, InstallState,
    MonitorCommand, OsKind, SchedulerError,
};
use proptest::prelude::*;
use std::cell::RefCell;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

fn command(program: &str, args: &[&str]) -> MonitorCommand {
    MonitorCommand {
        program: PathBuf::from(program),
        args: args.iter().map(|arg| arg.to_string()).collect(),
    }
}

fn file<'a>(files: &'a [EntryFile], name: &str) -> &'a EntryFile {
    files
        .iter()
        .find(|file| file.path.file_name().is_some_and(|n| n == name))
        .unwrap_or_else(|| panic!("no {name} in {files:?}"))
}

fn exec_start(service: &str) -> &str {
    service
        .lines()
        .find_map(|line| line.strip_prefix("ExecStart="))
        .expect("an ExecStart= line")
}

// ---------------------------------------------------------------- Linux

#[test]
fn linux_units_as_text() {
    let home = Path::new("/home/ann");
    let db = "/home/ann/.local/share/preflight/preflight.sqlite3";
    let files = entry_files(
        OsKind::Linux,
        &command("/usr/bin/preflight", &["monitor", "run", "--db", db]),
        home,
    );
    let folder = home.join(".config").join("systemd").join("user");
    let paths: Vec<_> = files.iter().map(|file| file.path.clone()).collect();
    assert_eq!(
        paths,
        [
            folder.join("preflight-monitor.service"),
            folder.join("preflight-monitor.timer")
        ]
    );
    assert_eq!(
        files[0].contents,
        "[Unit]\n\
         Description=Preflight: run the monitoring schedules that are due\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart=\"/usr/bin/preflight\" \"monitor\" \"run\" \"--db\" \
         \"/home/ann/.local/share/preflight/preflight.sqlite3\"\n\
         Nice=10\n"
    );
    let timer = &files[1].contents;
    for line in [
        "[Timer]",
        "OnCalendar=*:0/15",
        "Persistent=true",
        "RandomizedDelaySec=60",
        "Unit=preflight-monitor.service",
        "[Install]",
        "WantedBy=timers.target",
    ] {
        assert!(
            timer.lines().any(|l| l == line),
            "{line} missing in:\n{timer}"
        );
    }
}

#[test]
fn linux_quotes_every_argument_for_systemd() {
    let files = entry_files(
        OsKind::Linux,
        &command(
            "/opt/Pre flight 100% & <co>/preflight",
            &[
                "100% sure",
                "$HOME and ${X}",
                "say \"hi\"",
                "back\\slash\\",
                "a&b<c>",
                "it's",
                "tab\tnew\nline",
            ],
        ),
        Path::new("/home/ann"),
    );
    let service = &file(&files, "preflight-monitor.service").contents;
    assert_eq!(
        exec_start(service),
        r#""/opt/Pre flight 100%% & <co>/preflight" "100%% sure" "$$HOME and $${X}" "say \"hi\"" "back\\slash\\" "a&b<c>" "it's" "tab\tnew\nline""#
    );
}

#[test]
fn linux_runs_a_path_systemd_refuses_through_a_shell() {
    let files = entry_files(
        OsKind::Linux,
        &command("/opt/it's $5 \"x\"\\/preflight", &["run"]),
        Path::new("/home/ann"),
    );
    let service = &file(&files, "preflight-monitor.service").contents;
    assert_eq!(
        exec_start(service),
        r#""/bin/sh" "-c" "exec \"$$0\" \"$$@\"" "/opt/it's $$5 \"x\"\\/preflight" "run""#
    );
}

// ---------------------------------------------------------------- macOS

fn launchd_read(contents: &str) -> plist::Dictionary {
    plist::Value::from_reader_xml(contents.as_bytes())
        .expect("a valid property list")
        .into_dictionary()
        .expect("a dictionary")
}

fn strings(value: Option<&plist::Value>) -> Vec<String> {
    let array = value.and_then(plist::Value::as_array).expect("an array");
    array
        .iter()
        .map(|v| v.as_string().expect("a string").to_string())
        .collect()
}

#[test]
fn macos_agent_as_text() {
    let home = Path::new("/Users/ann");
    let db = "/Users/ann/Library/Application Support/Preflight/preflight.sqlite3";
    let files = entry_files(
        OsKind::MacOs,
        &command(
            "/Applications/Preflight.app/Contents/MacOS/preflight",
            &["monitor", "run", "--db", db],
        ),
        home,
    );
    assert_eq!(files.len(), 1);
    let plist = &files[0];
    let log = home
        .join("Library")
        .join("Logs")
        .join("Preflight")
        .join("monitor.log");
    assert_eq!(
        plist.path,
        home.join("Library")
            .join("LaunchAgents")
            .join("app.preflight.monitor.plist")
    );
    let log_text = log.to_string_lossy();
    assert_eq!(
        plist.contents,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
             <plist version=\"1.0\">\n<dict>\n\
             \t<key>Label</key>\n\t<string>app.preflight.monitor</string>\n\
             \t<key>ProgramArguments</key>\n\t<array>\n\
             \t\t<string>/Applications/Preflight.app/Contents/MacOS/preflight</string>\n\
             \t\t<string>monitor</string>\n\t\t<string>run</string>\n\t\t<string>--db</string>\n\
             \t\t<string>{db}</string>\n\
             \t</array>\n\
             \t<key>StartInterval</key>\n\t<integer>900</integer>\n\
             \t<key>RunAtLoad</key>\n\t<false/>\n\
             \t<key>ProcessType</key>\n\t<string>Background</string>\n\
             \t<key>StandardOutPath</key>\n\t<string>{log_text}</string>\n\
             \t<key>StandardErrorPath</key>\n\t<string>{log_text}</string>\n\
             </dict>\n</plist>\n"
        )
    );
    let dict = launchd_read(&plist.contents);
    assert_eq!(
        dict.get("StartInterval")
            .and_then(|v| v.as_unsigned_integer()),
        Some(900)
    );
    assert_eq!(
        dict.get("RunAtLoad").and_then(|v| v.as_boolean()),
        Some(false)
    );
}

#[test]
fn macos_escapes_markup_in_paths_and_arguments() {
    let home = Path::new("/Users/a & <b>");
    let args = [
        "--db",
        "/Users/a & <b>/\"x\" 'y' 100% $HOME.sqlite3",
        "tab\tand\nline",
    ];
    let program = "/Applications/A & <B> \"C\".app/preflight";
    let files = entry_files(OsKind::MacOs, &command(program, &args), home);
    let contents = &files[0].contents;
    assert!(contents
        .contains("<string>/Applications/A &amp; &lt;B&gt; &quot;C&quot;.app/preflight</string>"));
    assert!(contents.contains("<string>tab&#9;and&#10;line</string>"));
    let log = home
        .join("Library")
        .join("Logs")
        .join("Preflight")
        .join("monitor.log");
    let log_text = log.to_string_lossy();
    let escaped = log_text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert!(contents.contains(&format!("<string>{escaped}</string>")));

    let dict = launchd_read(contents);
    let mut expected = vec![program.to_string()];
    expected.extend(args.iter().map(|arg| arg.to_string()));
    assert_eq!(strings(dict.get("ProgramArguments")), expected);
    for key in ["StandardOutPath", "StandardErrorPath"] {
        let read = dict.get(key).and_then(plist::Value::as_string);
        assert_eq!(read, Some(log_text.as_ref()));
    }
}

// ---------------------------------------------------------------- Windows

/// Splits arguments the way CommandLineToArgvW and the C runtime do (after the program).
fn split_arguments(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let (mut args, mut i) = (Vec::new(), 0);
    loop {
        while i < chars.len() && matches!(chars[i], ' ' | '\t') {
            i += 1;
        }
        if i == chars.len() {
            return args;
        }
        let (mut arg, mut quoted) = (String::new(), false);
        while i < chars.len() && (quoted || !matches!(chars[i], ' ' | '\t')) {
            match chars[i] {
                '\\' => {
                    let start = i;
                    while i < chars.len() && chars[i] == '\\' {
                        i += 1;
                    }
                    let run = i - start;
                    if chars.get(i) == Some(&'"') {
                        arg.extend(std::iter::repeat_n('\\', run / 2));
                        if run % 2 == 1 {
                            arg.push('"');
                            i += 1;
                        }
                    } else {
                        arg.extend(std::iter::repeat_n('\\', run));
                    }
                }
                '"' if quoted && chars.get(i + 1) == Some(&'"') => {
                    arg.push('"');
                    i += 2;
                }
                '"' => {
                    quoted = !quoted;
                    i += 1;
                }
                c => {
                    arg.push(c);
                    i += 1;
                }
            }
        }
        args.push(arg);
    }
}

/// The program and arguments of the task's Exec action, read as Task Scheduler reads them.
fn task_command(contents: &str) -> (String, Vec<String>) {
    let document = roxmltree::Document::parse(contents).expect("well-formed XML");
    let text = |name: &str| {
        document
            .descendants()
            .find(|node| node.has_tag_name(name))
            .map(|node| node.text().unwrap_or_default().to_string())
    };
    let program = text("Command").expect("a Command");
    let program = match program.strip_prefix('"') {
        Some(rest) => rest.strip_suffix('"').expect("a closing quote").to_string(),
        None => program,
    };
    (
        program,
        split_arguments(&text("Arguments").unwrap_or_default()),
    )
}

#[test]
fn windows_task_as_text() {
    let home = Path::new("C:\\Users\\ann");
    let args = [
        "monitor",
        "run",
        "--db",
        "C:\\Users\\ann b\\AppData\\Roaming\\Preflight\\preflight.sqlite3",
        "C:\\dir with space\\",
        "C:\\no-space\\",
        "say \"hi\"",
        "a&b<c>",
        "",
    ];
    let program = "C:\\Program Files\\Preflight\\preflight.exe";
    let files = entry_files(OsKind::Windows, &command(program, &args), home);
    assert_eq!(files.len(), 1);
    let task = &files[0];
    assert_eq!(
        task.path,
        home.join("AppData")
            .join("Local")
            .join("Preflight")
            .join("monitor-task.xml")
    );
    let xml = &task.contents;
    for fragment in [
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n",
        "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">",
        "<TimeTrigger>",
        "<Repetition>\n        <Interval>PT15M</Interval>",
        "<StartWhenAvailable>true</StartWhenAvailable>",
        "<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>",
        "<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>",
        "<Command>&quot;C:\\Program Files\\Preflight\\preflight.exe&quot;</Command>",
        "<Arguments>monitor run --db &quot;C:\\Users\\ann b\\AppData\\Roaming\\Preflight\\preflight.sqlite3&quot; \
         &quot;C:\\dir with space\\\\&quot; C:\\no-space\\ &quot;say \\&quot;hi\\&quot;&quot; a&amp;b&lt;c&gt; &quot;&quot;</Arguments>",
    ] {
        assert!(xml.contains(fragment), "{fragment} missing in:\n{xml}");
    }
    let (read_program, read_args) = task_command(xml);
    assert_eq!(read_program, program);
    assert_eq!(read_args, args);

    // schtasks reads UTF-16LE with a byte order mark.
    let bytes = task.bytes();
    assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    assert_eq!(String::from_utf16(&units).unwrap(), *xml);
    // The other platforms' files stay UTF-8.
    let linux = entry_files(OsKind::Linux, &command("/bin/p", &[]), Path::new("/h"));
    assert_eq!(linux[0].bytes(), linux[0].contents.as_bytes());
}

#[test]
fn windows_program_without_spaces_and_no_arguments() {
    let files = entry_files(
        OsKind::Windows,
        &command("C:\\bin\\preflight.exe", &[]),
        Path::new("C:\\h"),
    );
    assert!(files[0]
        .contents
        .contains("<Command>C:\\bin\\preflight.exe</Command>"));
    assert!(!files[0].contents.contains("<Arguments>"));
}

proptest! {
    #[test]
    fn windows_arguments_read_back_unchanged(
        args in prop::collection::vec("[a \\\\\"\t&<%]{0,6}", 0..5)
    ) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let files = entry_files(OsKind::Windows, &command("C:\\p q\\x.exe", &args), Path::new("C:\\h"));
        let (program, read) = task_command(&files[0].contents);
        prop_assert_eq!(program, "C:\\p q\\x.exe");
        prop_assert_eq!(read, args);
    }
}

#[path = "os_scheduler/install.rs"]
mod install_tests;

#[cfg(target_os = "linux")]
#[path = "os_scheduler/systemd.rs"]
mod systemd;
