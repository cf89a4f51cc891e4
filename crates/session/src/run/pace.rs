//! How a long run is going, for people watching it: pages per minute, an estimate of the time
//! left, the sites that will take longest, and the sites paused because they started refusing.
//! Worked out here once; the app and the command line show the same figures.
//!
//! Sites are checked side by side, each at its own polite pace, so the time left is the longer
//! of two estimates: the pages left at the run's overall rate, and the slowest site's pages left
//! at that site's own rate.

use preflight_audit::run::host_of;
use serde::Serialize;
use std::collections::HashMap;
use std::time::{Duration, Instant};
use ts_rs::TS;

/// Sites listed at most as the slowest.
pub const SLOWEST_LISTED: usize = 3;

/// The run's pace after some pages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct RunPace {
    /// Distinct sites in the run.
    pub sites: u32,
    /// Pages checked at the same time across all sites.
    pub concurrency: u32,
    /// Pages per site at the same time.
    pub per_site: u32,
    /// Whole seconds since the run started.
    pub elapsed_secs: u32,
    /// Pages finished per minute so far; `None` before the first page.
    pub pages_per_minute: Option<f64>,
    /// Estimated whole seconds left; `None` until it can be told.
    pub secs_left: Option<u32>,
    /// The figures in words, as every reader shows them: "84 pages/min · about 3 min left", or
    /// before the first page "3 sites, 6 pages at a time".
    pub summary: String,
    /// The sites with the most time left, slowest first (at most [`SLOWEST_LISTED`]).
    pub slowest_sites: Vec<SitePace>,
    /// Sites paused because they started refusing requests: their remaining pages are not
    /// requested.
    pub paused_sites: Vec<String>,
}

/// One site's progress.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SitePace {
    pub host: String,
    pub done: u32,
    pub total: u32,
    /// Estimated whole seconds left for this site.
    pub secs_left: Option<u32>,
    /// "slow.example (2/10, about 3 min)".
    pub summary: String,
}

#[derive(Default)]
struct Site {
    total: u32,
    done: u32,
    started: Option<Instant>,
    paused: bool,
}

/// Follows a run page by page.
pub struct Pace {
    started: Instant,
    sites: HashMap<String, Site>,
    /// Sites in order of first appearance, for stable listings.
    order: Vec<String>,
    done: u32,
    total: u32,
    concurrency: u32,
    per_site: u32,
}

impl Pace {
    /// A run over `urls`, `concurrency` pages at a time across sites and `per_site` on each.
    pub fn new(urls: &[String], concurrency: usize, per_site: usize, started: Instant) -> Pace {
        let mut sites: HashMap<String, Site> = HashMap::new();
        let mut order = Vec::new();
        for url in urls {
            let host = host_of(url);
            let site = sites.entry(host.clone()).or_insert_with(|| {
                order.push(host);
                Site::default()
            });
            site.total += 1;
        }
        Pace {
            started,
            sites,
            order,
            done: 0,
            total: urls.len() as u32,
            concurrency: concurrency as u32,
            per_site: per_site as u32,
        }
    }

    pub fn page_started(&mut self, url: &str, at: Instant) {
        if let Some(site) = self.sites.get_mut(&host_of(url)) {
            site.started.get_or_insert(at);
        }
    }

    /// A page finished; `paused` when its site was paused.
    pub fn page_finished(&mut self, url: &str, paused: bool) {
        self.done += 1;
        if let Some(site) = self.sites.get_mut(&host_of(url)) {
            site.done += 1;
            site.paused |= paused;
        }
    }

    pub fn at(&self, now: Instant) -> RunPace {
        let elapsed = now.saturating_duration_since(self.started);
        let rate = |done: u32, over: Duration| {
            (done > 0 && !over.is_zero()).then(|| done as f64 / over.as_secs_f64())
        };
        let overall = rate(self.done, elapsed);
        let mut sites: Vec<SitePace> = self
            .order
            .iter()
            .filter_map(|host| {
                let site = &self.sites[host];
                if site.paused || site.done >= site.total {
                    return None;
                }
                let own = site
                    .started
                    .and_then(|s| rate(site.done, now.saturating_duration_since(s)));
                let left = (site.total - site.done) as f64;
                let secs_left = own.map(|r| (left / r).ceil() as u32);
                let summary = match secs_left {
                    Some(secs) => format!(
                        "{host} ({}/{}, about {})",
                        site.done,
                        site.total,
                        duration_words(secs)
                    ),
                    None => format!("{host} ({}/{})", site.done, site.total),
                };
                Some(SitePace {
                    host: host.clone(),
                    done: site.done,
                    total: site.total,
                    secs_left,
                    summary,
                })
            })
            .collect();
        sites.sort_by(|a, b| b.secs_left.cmp(&a.secs_left));
        let pages_left = self.total.saturating_sub(self.done) as f64;
        let by_rate = overall.map(|r| (pages_left / r).ceil() as u32);
        let by_slowest = sites.iter().filter_map(|s| s.secs_left).max();
        let secs_left = if self.done >= self.total {
            Some(0)
        } else {
            by_rate.map(|r| r.max(by_slowest.unwrap_or(0)))
        };
        sites.truncate(SLOWEST_LISTED);
        let pages_per_minute = overall.map(|r| r * 60.0);
        let mut words = Vec::new();
        if let Some(rate) = pages_per_minute {
            words.push(format!("{rate:.0} pages/min"));
        }
        if let Some(secs) = secs_left.filter(|s| *s > 0) {
            words.push(format!("about {} left", duration_words(secs)));
        }
        let summary = if words.is_empty() {
            let sites = self.sites.len();
            format!(
                "{sites} {}, {} pages at a time",
                if sites == 1 { "site" } else { "sites" },
                self.concurrency
            )
        } else {
            words.join(" · ")
        };
        RunPace {
            sites: self.sites.len() as u32,
            concurrency: self.concurrency,
            per_site: self.per_site,
            elapsed_secs: elapsed.as_secs() as u32,
            pages_per_minute,
            secs_left,
            summary,
            slowest_sites: sites,
            paused_sites: self
                .order
                .iter()
                .filter(|h| self.sites[*h].paused)
                .cloned()
                .collect(),
        }
    }
}

/// A duration in words: "40 s", "3 min", "1 h 5 min".
pub fn duration_words(secs: u32) -> String {
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min", secs.div_ceil(60)),
        _ => format!("{} h {} min", secs / 3600, (secs % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> Vec<String> {
        let mut urls: Vec<String> = (0..10)
            .map(|n| format!("https://slow.example/p/{n}"))
            .collect();
        urls.extend((0..10).map(|n| format!("https://fast.example/p/{n}")));
        urls.push("https://refusing.example/".into());
        urls.push("https://refusing.example/2".into());
        urls
    }

    #[test]
    fn the_time_left_waits_for_the_slowest_site() {
        let t0 = Instant::now();
        let mut pace = Pace::new(&urls(), 42, 2, t0);
        assert_eq!(pace.at(t0).pages_per_minute, None);
        assert_eq!(pace.at(t0).secs_left, None);
        assert_eq!(pace.at(t0).summary, "3 sites, 42 pages at a time");
        for host in ["slow", "fast", "refusing"] {
            pace.page_started(&format!("https://{host}.example/"), t0);
        }
        // In 10 s the fast site did all 10 pages, the slow one 2, the refusing one was paused.
        for n in 0..10 {
            pace.page_finished(&format!("https://fast.example/p/{n}"), false);
        }
        pace.page_finished("https://slow.example/p/0", false);
        pace.page_finished("https://slow.example/p/1", false);
        pace.page_finished("https://refusing.example/", true);
        pace.page_finished("https://refusing.example/2", true);
        let now = pace.at(t0 + Duration::from_secs(10));
        assert_eq!(now.sites, 3);
        assert_eq!(now.pages_per_minute, Some(84.0));
        // 8 pages left overall at 8.4 a second would be 1 s; the slow site needs 40 s more.
        assert_eq!(now.secs_left, Some(40));
        assert_eq!(now.summary, "84 pages/min · about 40 s left");
        assert_eq!(
            now.slowest_sites,
            vec![SitePace {
                host: "slow.example".into(),
                done: 2,
                total: 10,
                secs_left: Some(40),
                summary: "slow.example (2/10, about 40 s)".into(),
            }]
        );
        assert_eq!(now.paused_sites, vec!["refusing.example".to_string()]);
    }

    #[test]
    fn a_finished_run_has_nothing_left() {
        let t0 = Instant::now();
        let urls = vec!["https://a.example/".to_string()];
        let mut pace = Pace::new(&urls, 6, 2, t0);
        pace.page_started(&urls[0], t0);
        pace.page_finished(&urls[0], false);
        let end = pace.at(t0 + Duration::from_secs(2));
        assert_eq!(end.secs_left, Some(0));
        assert!(end.slowest_sites.is_empty());
    }

    #[test]
    fn durations_read_in_the_largest_sensible_unit() {
        assert_eq!(duration_words(40), "40 s");
        assert_eq!(duration_words(130), "3 min");
        assert_eq!(duration_words(3_700), "1 h 1 min");
    }
}
