//! Imports an access log and prints the text report.
//!
//! `cargo run -p preflight-accesslog --example import -- access.log[.gz] [adsbot.json]`

use std::process::ExitCode;

use preflight_accesslog::{import_log, render_text, IpRanges, LogOptions};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(log) = args.next() else {
        eprintln!("usage: import ACCESS_LOG [ADSBOT_JSON]");
        return ExitCode::from(2);
    };
    let ranges = match args.next().map(std::fs::read_to_string) {
        None => None,
        Some(Ok(text)) => match IpRanges::from_json(&text) {
            Ok(ranges) => Some(ranges),
            Err(e) => {
                eprintln!("{} ({})", e, e.code());
                return ExitCode::from(2);
            }
        },
        Some(Err(e)) => {
            eprintln!("cannot read the address list: {e}");
            return ExitCode::from(2);
        }
    };
    let options = LogOptions {
        include_other_agents: true,
        ..LogOptions::default()
    };
    match import_log(log.as_ref(), ranges.as_ref(), &options) {
        Ok(report) => {
            print!("{}", render_text(&report));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{} ({})", e, e.code());
            ExitCode::FAILURE
        }
    }
}
