//! Windows: a Task Scheduler task for the current user, defined in an XML file that
//! `schtasks /Create /XML` registers.

use super::{run_checked, xml_escape, CommandRunner, EntryFile, MonitorCommand};
use std::path::{Path, PathBuf};

pub(super) const TASK_NAME: &str = "Preflight\\Monitor";

/// `schtasks` reads a task file as UTF-16 (or the ANSI code page), never as UTF-8.
pub(super) const UTF16_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>";

pub(super) fn task_file(home: &Path) -> PathBuf {
    home.join("AppData")
        .join("Local")
        .join("Preflight")
        .join("monitor-task.xml")
}

pub(super) fn files(command: &MonitorCommand, home: &Path) -> Vec<EntryFile> {
    vec![EntryFile {
        path: task_file(home),
        contents: task_xml(command),
    }]
}

// StartWhenAvailable: a run missed while the computer was off or asleep happens when it is back.
// IgnoreNew: a slow run is never doubled by the next trigger.
// No UserId: the task runs as the user who registers it, only while they are logged on, so no
// password is stored. Priority 7 is below normal (the counterpart of Nice=10).
// Task Scheduler expands %NAME% in Command and Arguments and has no escape for it, so a path
// that holds `%NAME%` of a set variable would change.
fn task_xml(command: &MonitorCommand) -> String {
    let program = xml_escape(&quote_program(&command.program.to_string_lossy()));
    let arguments = command
        .args
        .iter()
        .map(|arg| quote_argument(arg))
        .collect::<Vec<_>>()
        .join(" ");
    let arguments = if arguments.is_empty() {
        String::new()
    } else {
        format!("      <Arguments>{}</Arguments>\n", xml_escape(&arguments))
    };
    format!(
        "{UTF16_DECLARATION}\n\
         <Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n\
         \x20 <RegistrationInfo>\n\
         \x20   <Description>Runs the Preflight monitoring schedules that are due.</Description>\n\
         \x20 </RegistrationInfo>\n\
         \x20 <Triggers>\n\
         \x20   <TimeTrigger>\n\
         \x20     <Repetition>\n\
         \x20       <Interval>PT15M</Interval>\n\
         \x20       <StopAtDurationEnd>false</StopAtDurationEnd>\n\
         \x20     </Repetition>\n\
         \x20     <StartBoundary>2024-01-01T00:00:00</StartBoundary>\n\
         \x20     <Enabled>true</Enabled>\n\
         \x20   </TimeTrigger>\n\
         \x20 </Triggers>\n\
         \x20 <Principals>\n\
         \x20   <Principal id=\"Author\">\n\
         \x20     <LogonType>InteractiveToken</LogonType>\n\
         \x20     <RunLevel>LeastPrivilege</RunLevel>\n\
         \x20   </Principal>\n\
         \x20 </Principals>\n\
         \x20 <Settings>\n\
         \x20   <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\n\
         \x20   <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n\
         \x20   <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\n\
         \x20   <StartWhenAvailable>true</StartWhenAvailable>\n\
         \x20   <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>\n\
         \x20   <AllowStartOnDemand>true</AllowStartOnDemand>\n\
         \x20   <Enabled>true</Enabled>\n\
         \x20   <Hidden>false</Hidden>\n\
         \x20   <ExecutionTimeLimit>PT1H</ExecutionTimeLimit>\n\
         \x20   <Priority>7</Priority>\n\
         \x20 </Settings>\n\
         \x20 <Actions Context=\"Author\">\n\
         \x20   <Exec>\n\
         \x20     <Command>{program}</Command>\n\
         {arguments}\
         \x20   </Exec>\n\
         \x20 </Actions>\n\
         </Task>\n"
    )
}

/// The program as the first word of a command line: quoted when it holds a space or a tab. A
/// Windows path cannot hold `"`, and the first word takes no backslash escapes.
fn quote_program(program: &str) -> String {
    if program.is_empty() || program.contains([' ', '\t']) {
        format!("\"{program}\"")
    } else {
        program.to_string()
    }
}

/// One argument as CommandLineToArgvW and the C runtime read it back: quoted when it holds
/// white space or a quote; inside, a run of backslashes is doubled when a quote follows it
/// (the argument's own, escaped, or the closing one).
fn quote_argument(arg: &str) -> String {
    if !arg.is_empty() && !arg.contains([' ', '\t', '\n', '\u{b}', '"']) {
        return arg.to_string();
    }
    let mut out = String::with_capacity(arg.len() + 2);
    out.push('"');
    let mut backslashes = 0;
    for c in arg.chars() {
        match c {
            '\\' => backslashes += 1,
            '"' => {
                out.extend(std::iter::repeat_n('\\', backslashes * 2 + 1));
                out.push('"');
                backslashes = 0;
            }
            c => {
                out.extend(std::iter::repeat_n('\\', backslashes));
                out.push(c);
                backslashes = 0;
            }
        }
    }
    out.extend(std::iter::repeat_n('\\', backslashes * 2));
    out.push('"');
    out
}

pub(super) fn register(runner: &dyn CommandRunner, home: &Path) -> Result<(), String> {
    let file = task_file(home);
    let file = file.to_string_lossy();
    run_checked(
        runner,
        "schtasks",
        &["/Create", "/TN", TASK_NAME, "/XML", &file, "/F"],
    )
    .map(drop)
}

pub(super) fn unregister(runner: &dyn CommandRunner) -> Result<(), String> {
    run_checked(runner, "schtasks", &["/Delete", "/TN", TASK_NAME, "/F"]).map(drop)
}

pub(super) fn is_registered(runner: &dyn CommandRunner) -> bool {
    run_checked(runner, "schtasks", &["/Query", "/TN", TASK_NAME]).is_ok()
}

pub(super) fn by_hand(home: &Path) -> String {
    format!(
        "schtasks /Create /TN \"{TASK_NAME}\" /XML \"{}\" /F",
        task_file(home).display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_quoted_for_command_line_to_argv() {
        assert_eq!(quote_argument("run"), "run");
        assert_eq!(quote_argument(""), "\"\"");
        assert_eq!(quote_argument("a b"), "\"a b\"");
        assert_eq!(quote_argument("C:\\no-space\\"), "C:\\no-space\\");
        assert_eq!(quote_argument("C:\\a dir\\"), "\"C:\\a dir\\\\\"");
        assert_eq!(quote_argument("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(quote_argument("a\\\"b"), "\"a\\\\\\\"b\"");
        assert_eq!(quote_argument("a\\\\b c"), "\"a\\\\b c\"");
    }

    #[test]
    fn the_program_is_quoted_only_when_needed() {
        assert_eq!(
            quote_program("C:\\Program Files\\Preflight\\preflight.exe"),
            "\"C:\\Program Files\\Preflight\\preflight.exe\""
        );
        assert_eq!(
            quote_program("C:\\bin\\preflight.exe"),
            "C:\\bin\\preflight.exe"
        );
    }
}
