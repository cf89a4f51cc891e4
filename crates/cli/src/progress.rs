//! What `preflight check` tells on stderr while it runs: a line per page as it finishes (and
//! once per paused site), and on a terminal a bar below them with pages done, pages per minute,
//! the time left and the slowest sites. Nothing with --quiet; no bar when stderr is not a
//! terminal (logs keep the lines).

use crate::output::verdict_symbol;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use preflight_session::{PageEvent, RunPace, RunProgress};
use std::collections::HashSet;
use std::io::IsTerminal;
use std::time::Duration;

pub struct Progress {
    quiet: bool,
    bar: Option<ProgressBar>,
    pauses_told: HashSet<String>,
}

impl Progress {
    pub fn new(quiet: bool, total: u32) -> Progress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total.into()), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} pages · {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(Duration::from_millis(500));
            bar
        });
        Progress {
            quiet,
            bar,
            pauses_told: HashSet::new(),
        }
    }

    pub fn update(&mut self, progress: RunProgress) {
        if self.quiet {
            return;
        }
        if let Some(bar) = &self.bar {
            bar.set_position(progress.done.into());
            bar.set_message(pace_line(&progress.pace));
        }
        let PageEvent::Finished { page, .. } = &progress.event else {
            return;
        };
        self.say(format!(
            "[{}/{}] {} {:<24} {}",
            progress.done,
            progress.total,
            verdict_symbol(page),
            page.verdict.label(),
            page.url
        ));
        let paused = page
            .findings
            .iter()
            .any(|f| f.id == preflight_audit::checks::host_pause::ID);
        if paused && self.pauses_told.insert(page.verdict_reason.clone()) {
            self.say(format!("      paused: {}", page.verdict_reason));
        }
    }

    /// A line above the bar (or plain, without one).
    pub fn say(&self, line: String) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The run's pace in words, then its slowest and paused sites.
pub fn pace_line(pace: &RunPace) -> String {
    let mut parts = vec![pace.summary.clone()];
    if !pace.slowest_sites.is_empty() {
        let sites: Vec<&str> = pace
            .slowest_sites
            .iter()
            .map(|s| s.summary.as_str())
            .collect();
        parts.push(format!("slowest: {}", sites.join(", ")));
    }
    if !pace.paused_sites.is_empty() {
        parts.push(format!("paused: {}", pace.paused_sites.join(", ")));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use preflight_session::SitePace;

    #[test]
    fn the_pace_line_adds_slow_and_paused_sites_to_the_runs_own_words() {
        let mut pace = RunPace {
            summary: "84 pages/min · about 3 min left".into(),
            ..RunPace::default()
        };
        assert_eq!(pace_line(&pace), "84 pages/min · about 3 min left");
        pace.slowest_sites = vec![SitePace {
            host: "slow.example".into(),
            done: 2,
            total: 10,
            secs_left: Some(130),
            summary: "slow.example (2/10, about 3 min)".into(),
        }];
        pace.paused_sites = vec!["refusing.example".into()];
        assert_eq!(
            pace_line(&pace),
            "84 pages/min · about 3 min left · slowest: slow.example (2/10, about 3 min) · paused: refusing.example"
        );
    }
}
