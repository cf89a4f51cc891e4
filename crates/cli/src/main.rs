//! `preflight`: check landing pages for ChatGPT Ads readiness from a terminal or a CI job.
//!
//! Exit codes: 0 nothing failing (for `check`: the audit is ready), 1 something failing (for
//! `check`: the audit is not ready, or stopped before every page was checked; for `robots`: the
//! URL is blocked), 2 usage or runtime error, 3 (`check --fail-on-regression`) something got
//! worse since the client's previous complete audit. Machine output goes to stdout only; progress and
//! errors to stderr. Runs, saves and exports go through the session layer, as in the app.

mod ads;
mod args;
mod capi;
mod check;
mod comments;
mod compare;
mod db;
mod export;
mod journey;
mod logs;
mod monitor;
mod monitor_alerts;
mod output;
mod pages;
mod plan;
mod progress;
mod regression;
mod replay;
mod robots;
mod utm;

use args::{AuditsCommand, Cli, Command};
use clap::Parser;
use std::process::ExitCode;

/// An error that ends the command with exit code 2.
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    // Output piped into a reader that stops early (`preflight audits list | head`) ends the
    // program quietly, as other command-line tools do, instead of a panic on the next write.
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    preflight_audit::crash::install_panic_hook();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Audits { command } => match command {
            AuditsCommand::List(args) => output::list_audits(args),
            AuditsCommand::Show(args) => output::show_audit(args),
            AuditsCommand::Comments(args) => comments::run(args),
        },
        Command::Robots(robots) => match (robots.action, robots.check) {
            (Some(action), _) => robots::run(action),
            (None, Some(args)) => output::robots(args),
            (None, None) => Err(Failure(
                "give --file and --url, or use `robots test` or `robots lint`".into(),
            )),
        },
        Command::Plan(args) => plan::run(args),
        Command::Utm(args) => utm::run(args),
        Command::Export(args) => export::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Journey(args) => journey::run(args),
        Command::Funnels { format } => journey::list_funnels(format),
        Command::Pages { command } => pages::run(command),
        Command::Ads { command } => ads::run(command),
        Command::Logs { command } => logs::run(command),
        Command::Monitor { command } => monitor::run(command),
        Command::Capi { command } => capi::run(command),
        Command::Db { command } => db::run(command),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
