//! `preflight robots lint FILE` and `preflight robots test FILE URL…`: the app's robots.txt
//! tester on the command line.

use crate::args::Format;
use crate::Failure;
use clap::Subcommand;
use preflight_model::Status;
use preflight_robots::{RobotsLint, RobotsSource, RobotsTest};
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum RobotsAction {
    /// List the file's problems by line: what is wrong and what to do. Exits 1 when a line
    /// does not do what it seems to (a warning), 0 when there are only notes or nothing.
    Lint {
        /// The robots.txt file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Test many URLs against the file: allowed or blocked, the line that decided and the
    /// group used. Exits 1 when a URL is blocked, 2 when one is not a valid address.
    Test {
        /// The robots.txt file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The exact URLs to test, query strings included.
        #[arg(value_name = "URL", required = true)]
        urls: Vec<String>,
        /// The crawler's product token.
        #[arg(long, value_name = "TOKEN", default_value = "OAI-AdsBot")]
        agent: String,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

pub fn run(action: RobotsAction) -> Result<ExitCode, Failure> {
    match action {
        RobotsAction::Lint { file, format } => {
            let report = preflight_robots::lint(&read(&file)?);
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
                Format::Text => print!("{}", lint_text(&report)),
            }
            let warns = report.findings.iter().any(|f| f.status == Status::Warn);
            Ok(if warns || report.not_listed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        RobotsAction::Test {
            file,
            urls,
            agent,
            format,
        } => {
            let body = read(&file)?;
            let test =
                preflight_robots::test_urls(RobotsSource::Parsed, &body, &agent, &urls.join("\n"))?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&test)?),
                Format::Text => print!("{}", test_text(&test)),
            }
            let invalid = test.rows.iter().any(|r| r.verdict.is_none());
            let blocked = test
                .rows
                .iter()
                .any(|r| r.verdict.as_ref().is_some_and(|v| !v.allowed));
            Ok(if invalid {
                ExitCode::from(2)
            } else if blocked {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn read(file: &PathBuf) -> Result<Vec<u8>, Failure> {
    std::fs::read(file).map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))
}

fn lint_text(report: &RobotsLint) -> String {
    let mut out = String::new();
    if report.findings.is_empty() {
        out.push_str("No problems found in the file.\n");
    }
    for f in &report.findings {
        let _ = writeln!(out, "line {:<5} {:<5} {}", f.line, f.status.label(), f.text);
        let _ = writeln!(out, "           {}", f.problem);
        let _ = writeln!(out, "           What to do: {}", f.remedy);
    }
    if report.not_listed > 0 {
        let _ = writeln!(out, "{} more findings are not listed.", report.not_listed);
    }
    out
}

fn test_text(test: &RobotsTest) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Crawler: {}", test.agent);
    for row in &test.rows {
        match &row.verdict {
            Some(v) => {
                let word = if v.allowed { "ALLOWED" } else { "BLOCKED" };
                let _ = writeln!(out, "{word:<8} {}", row.input);
                let _ = writeln!(out, "         {}", row.decision);
                let _ = writeln!(out, "         Group: {}", row.group);
            }
            None => {
                let _ = writeln!(out, "INVALID  {}", row.input);
                let _ = writeln!(out, "         {}", row.error.as_deref().unwrap_or_default());
            }
        }
    }
    if test.left_out > 0 {
        let _ = writeln!(
            out,
            "{} more URLs were not tested: at most {} are tested at once.",
            test.left_out,
            test.rows.len()
        );
    }
    out
}
