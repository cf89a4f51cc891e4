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
        let paused = page.findings.iter().any(|f| f.id == "host-paused");
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

/// "84 pages/min · about 40 s left · slowest: slow.example 2/10 · paused: refusing.example"
pub fn pace_line(pace: &RunPace) -> String {
    let mut parts = Vec::new();
    if let Some(rate) = pace.pages_per_minute {
        parts.push(format!("{rate:.0} pages/min"));
    }
    match pace.secs_left {
        Some(secs) if secs > 0 => parts.push(format!("about {} left", duration_words(secs))),
        _ => {}
    }
    if !pace.slowest_sites.is_empty() {
        let sites: Vec<String> = pace
            .slowest_sites
            .iter()
            .map(|s| format!("{} {}/{}", s.host, s.done, s.total))
            .collect();
        parts.push(format!("slowest: {}", sites.join(", ")));
    }
    if !pace.paused_sites.is_empty() {
        parts.push(format!("paused: {}", pace.paused_sites.join(", ")));
    }
    if parts.is_empty() {
        parts.push(format!(
            "{} sites, {} pages at a time",
            pace.sites, pace.concurrency
        ));
    }
    parts.join(" · ")
}

fn duration_words(secs: u32) -> String {
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min", secs.div_ceil(60)),
        _ => format!("{} h {} min", secs / 3600, (secs % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use preflight_session::SitePace;

    #[test]
    fn the_pace_line_names_rate_time_left_and_slow_or_paused_sites() {
        let mut pace = RunPace {
            sites: 3,
            concurrency: 6,
            per_site: 2,
            ..RunPace::default()
        };
        assert_eq!(pace_line(&pace), "3 sites, 6 pages at a time");
        pace.pages_per_minute = Some(84.2);
        pace.secs_left = Some(130);
        pace.slowest_sites = vec![SitePace {
            host: "slow.example".into(),
            done: 2,
            total: 10,
            secs_left: Some(130),
        }];
        pace.paused_sites = vec!["refusing.example".into()];
        assert_eq!(
            pace_line(&pace),
            "84 pages/min · about 3 min left · slowest: slow.example 2/10 · paused: refusing.example"
        );
        assert_eq!(duration_words(3_700), "1 h 1 min");
    }
}
