//! Offline tester: `cargo run -p preflight-robots --example check -- robots.txt OAI-AdsBot URL`.
//! Prints the verdict and the findings as JSON.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, agent, url] = args.as_slice() else {
        eprintln!("usage: check <robots.txt file> <agent token> <url>");
        return ExitCode::from(2);
    };
    let body = match std::fs::read(file) {
        Ok(body) => body,
        Err(e) => {
            eprintln!("cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    match preflight_robots::evaluate(&body, agent, url) {
        Ok(verdict) => {
            print!("{}", preflight_robots::render_text(&verdict));
            let findings = preflight_robots::robots_findings(&verdict);
            println!(
                "{}",
                serde_json::to_string_pretty(&findings).unwrap_or_default()
            );
            if verdict.allowed {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
