//! Politeness towards each host during a run: a minimum interval between two requests, a wait
//! after HTTP 429 (its `Retry-After`, capped), and a pause when a host starts refusing requests
//! in bulk. One value is shared by every fetch of a run; the state is per host name (the port is
//! ignored: two ports on one machine are still one server).
//!
//! Waits are plain sleeps inside the fetch's future, so dropping that future (which is what the
//! run does on cancellation) ends them at once.

use crate::agents::Agent;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};
use tokio::time::Instant;

/// The rules, taken from the run options.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Minimum time between the starts of two requests to the same host.
    pub min_interval: Duration,
    /// Longest wait after a 429, whatever `Retry-After` says.
    pub max_retry_wait: Duration,
    /// Wait after a 429 without a usable `Retry-After`; doubles with each further 429 from the
    /// host.
    pub backoff_base: Duration,
    /// Consecutive refusals that pause a host (see [`Politeness::record`]); 0 never pauses.
    pub pause_after: usize,
    /// Longest interval a site's own `Crawl-delay` can ask for (see
    /// [`Politeness::site_asks_interval`]).
    pub max_site_interval: Duration,
}

/// Why a host was paused: the answers that made up the streak, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPause {
    pub host: String,
    pub statuses: Vec<u16>,
    /// Answers from the host before the streak that were not refusals. More than zero means the
    /// host *started* refusing during the run, which is how rate limits behave.
    pub earlier_answers: u32,
}

/// A status that, in bulk, means the host is refusing automated requests.
pub fn is_refusal(status: u16) -> bool {
    status == 403 || status == 429 || (500..600).contains(&status)
}

#[derive(Default)]
struct HostState {
    /// When the next request may start.
    next_free: Option<Instant>,
    /// When the latest request booked starts.
    last_start: Option<Instant>,
    /// The interval the site asked for (robots.txt `Crawl-delay`), when longer than the policy's.
    asked_interval: Option<Duration>,
    /// The latest answers, newest last, at most `pause_after` of them.
    recent: VecDeque<(u16, Agent)>,
    answered: u32,
    rate_limited: u32,
    /// A retry after 429 was refused again: the limit is not a passing one, stop retrying.
    retry_refused: bool,
    /// A retry after 429 is under way: other requests to the host wait for its answer, until
    /// this time at the latest.
    retry_pending: Option<Instant>,
    pause: Option<HostPause>,
}

pub struct Politeness {
    policy: Policy,
    hosts: Mutex<HashMap<String, HostState>>,
    /// Woken when a retry after 429 is answered.
    retry_answered: tokio::sync::Notify,
}

/// Longest time other requests to a host wait for the answer to a retry after 429, past the
/// retry's start: a retry that is never answered cannot hold its host for longer.
const RETRY_ANSWER_WAIT: Duration = Duration::from_secs(30);

impl Politeness {
    pub fn new(policy: Policy) -> Self {
        Politeness {
            policy,
            hosts: Mutex::default(),
            retry_answered: tokio::sync::Notify::new(),
        }
    }

    fn with_host<T>(&self, host: &str, f: impl FnOnce(&mut HostState) -> T) -> T {
        let mut hosts = self
            .hosts
            .lock()
            .expect("politeness state is never poisoned");
        f(hosts.entry(host.to_ascii_lowercase()).or_default())
    }

    /// Waits until a request to `host` may start and books that slot, so concurrent callers are
    /// spaced too. While a retry after HTTP 429 is under way for the host, every other request
    /// (`retry` false) waits for its answer first, even one that had booked its slot before the
    /// 429 came: a site that asked to slow down gets no more requests until the retry shows the
    /// limit has passed. Returns how long it waited.
    pub async fn wait_turn(&self, host: &str, retry: bool) -> Duration {
        let began = Instant::now();
        loop {
            let answered = self.retry_answered.notified();
            if !retry {
                if let Some(until) = self.pending_retry(host) {
                    let _ = tokio::time::timeout_at(until, answered).await;
                    continue;
                }
            }
            let now = Instant::now();
            let start = self.with_host(host, |h| {
                let start = h.next_free.map_or(now, |t| t.max(now));
                h.next_free = Some(start + self.interval_of(h));
                h.last_start = Some(start);
                if retry {
                    h.retry_pending = Some(start + RETRY_ANSWER_WAIT);
                }
                start
            });
            // A timer rounds up to the next millisecond: a slot that is free now is taken now.
            if start > now {
                tokio::time::sleep_until(start).await;
            }
            if retry || self.pending_retry(host).is_none() {
                return Instant::now() - began;
            }
        }
    }

    /// When a retry after 429 is under way for `host`: how long others wait for it at most.
    fn pending_retry(&self, host: &str) -> Option<Instant> {
        let now = Instant::now();
        self.with_host(host, |h| h.retry_pending.filter(|until| *until > now))
    }

    /// The retry after 429 to `host` was answered (whatever the answer): the host's other
    /// requests go on.
    pub fn retry_answered(&self, host: &str) {
        self.with_host(host, |h| h.retry_pending = None);
        self.retry_answered.notify_waiters();
    }

    /// The interval between two requests to this host: the policy's, or longer when the site
    /// asked for longer.
    fn interval_of(&self, h: &HostState) -> Duration {
        h.asked_interval.map_or(self.policy.min_interval, |asked| {
            asked.max(self.policy.min_interval)
        })
    }

    /// The site asks for `interval` between requests (its robots.txt `Crawl-delay` for
    /// OAI-AdsBot or `*`). The audit honours it up to the policy's `max_site_interval`, so it
    /// is never harsher on a site than the site asks, and never shorter than its own interval.
    /// The next request is spaced this way from the latest one already booked.
    pub fn site_asks_interval(&self, host: &str, interval: Duration) {
        let asked = interval.min(self.policy.max_site_interval);
        self.with_host(host, |h| {
            h.asked_interval = Some(h.asked_interval.map_or(asked, |a| a.max(asked)));
            if let Some(last) = h.last_start {
                let next = last + self.interval_of(h);
                h.next_free = Some(h.next_free.map_or(next, |t| t.max(next)));
            }
        })
    }

    /// The interval this host gets between two requests.
    pub fn interval(&self, host: &str) -> Duration {
        self.with_host(host, |h| self.interval_of(h))
    }

    /// Records one answer from `host` and pauses the host when the last `pause_after` answers
    /// were all refusals (403, 429, 5xx) and at least one of them went to the browser identity.
    /// The browser condition keeps a site that refuses only OAI-AdsBot from being paused: that
    /// refusal is what the audit is there to report, page by page.
    pub fn record(&self, host: &str, status: u16, agent: Agent) {
        let n = self.policy.pause_after;
        self.with_host(host, |h| {
            if status == 429 {
                h.rate_limited += 1;
            }
            if n == 0 || h.pause.is_some() {
                return;
            }
            if !is_refusal(status) {
                h.answered += 1;
            }
            h.recent.push_back((status, agent));
            if h.recent.len() > n {
                h.recent.pop_front();
            }
            let streak = h.recent.len() == n && h.recent.iter().all(|(s, _)| is_refusal(*s));
            let browser_refused = h.recent.iter().any(|(_, a)| *a == Agent::Browser);
            if streak && browser_refused {
                h.pause = Some(HostPause {
                    host: host.to_ascii_lowercase(),
                    statuses: h.recent.iter().map(|(s, _)| *s).collect(),
                    earlier_answers: h.answered,
                });
            }
        })
    }

    /// The pause of `host`, once it is paused.
    pub fn pause(&self, host: &str) -> Option<HostPause> {
        self.with_host(host, |h| h.pause.clone())
    }

    /// After a 429 from `host`: how long to wait before asking again, or `None` when this host
    /// gets no more retries. The whole host waits, not only this request.
    pub fn backoff(&self, host: &str, retry_after: Option<&str>) -> Option<Duration> {
        let policy = &self.policy;
        self.with_host(host, |h| {
            if h.retry_refused {
                return None;
            }
            let exponent = h.rate_limited.saturating_sub(1).min(16);
            let fallback = policy.backoff_base.saturating_mul(1 << exponent);
            let wait = retry_after
                .and_then(|v| retry_after_delay(v, SystemTime::now()))
                .unwrap_or(fallback)
                .min(policy.max_retry_wait);
            let until = Instant::now() + wait;
            h.next_free = Some(h.next_free.map_or(until, |t| t.max(until)));
            // Others wait from now: the retry books its own slot and time limit.
            h.retry_pending = Some(until + RETRY_ANSWER_WAIT);
            Some(wait)
        })
    }

    /// The retry after a 429 was answered 429 again.
    pub fn retry_refused(&self, host: &str) {
        self.with_host(host, |h| h.retry_refused = true)
    }
}

/// The wait a `Retry-After` value asks for: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
/// A date in the past means no wait; an absurdly large number is returned as is (the caller caps
/// it); anything else is `None`.
pub fn retry_after_delay(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            value
                .parse::<u64>()
                .map(Duration::from_secs)
                .unwrap_or(Duration::MAX),
        );
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(pause_after: usize) -> Policy {
        Policy {
            min_interval: Duration::from_millis(100),
            max_retry_wait: Duration::from_secs(30),
            backoff_base: Duration::from_secs(1),
            pause_after,
            max_site_interval: Duration::from_secs(2),
        }
    }

    #[test]
    fn retry_after_takes_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        assert_eq!(
            retry_after_delay(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(retry_after_delay("0", now), Some(Duration::ZERO));
        let in_ten = httpdate::fmt_http_date(now + Duration::from_secs(10));
        assert_eq!(
            retry_after_delay(&in_ten, now),
            Some(Duration::from_secs(10))
        );
        let past = httpdate::fmt_http_date(now - Duration::from_secs(10));
        assert_eq!(retry_after_delay(&past, now), Some(Duration::ZERO));
        assert_eq!(
            retry_after_delay("99999999999999999999999", now),
            Some(Duration::MAX)
        );
        assert_eq!(retry_after_delay("-5", now), None);
        assert_eq!(retry_after_delay("1.5", now), None);
        assert_eq!(retry_after_delay("soon", now), None);
        assert_eq!(retry_after_delay("", now), None);
    }

    #[test]
    fn backoff_is_capped_doubles_without_a_header_and_stops_after_a_refused_retry() {
        let p = Politeness::new(policy(5));
        p.record("a.example", 429, Agent::Adsbot);
        assert_eq!(
            p.backoff("a.example", Some("86400")),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            p.backoff("a.example", Some("2")),
            Some(Duration::from_secs(2))
        );
        assert_eq!(p.backoff("a.example", None), Some(Duration::from_secs(1)));
        p.record("a.example", 429, Agent::Adsbot);
        assert_eq!(
            p.backoff("a.example", Some("garbage")),
            Some(Duration::from_secs(2))
        );
        p.record("a.example", 429, Agent::Adsbot);
        assert_eq!(p.backoff("a.example", None), Some(Duration::from_secs(4)));
        p.retry_refused("a.example");
        assert_eq!(p.backoff("a.example", None), None);
        // Other hosts are not affected.
        assert!(p.backoff("b.example", None).is_some());
    }

    #[test]
    fn a_streak_of_refusals_including_the_browser_pauses_the_host() {
        let p = Politeness::new(policy(5));
        p.record("shop.example", 200, Agent::Browser);
        for status in [403, 429, 503, 403] {
            p.record("shop.example", status, Agent::Adsbot);
            assert_eq!(p.pause("shop.example"), None);
        }
        p.record("Shop.Example", 403, Agent::Browser);
        let pause = p.pause("shop.example").expect("paused");
        assert_eq!(pause.statuses, vec![403, 429, 503, 403, 403]);
        assert_eq!(pause.earlier_answers, 1);
        assert_eq!(p.pause("other.example"), None);
    }

    #[test]
    fn refusing_only_the_bot_never_pauses() {
        let p = Politeness::new(policy(5));
        for _ in 0..20 {
            p.record("shop.example", 403, Agent::Adsbot);
            p.record("shop.example", 403, Agent::AdsbotToken);
        }
        assert_eq!(p.pause("shop.example"), None);
        // One good answer breaks a streak.
        for status in [403, 403, 200, 403, 403, 403, 403] {
            p.record("blog.example", status, Agent::Browser);
        }
        assert_eq!(p.pause("blog.example"), None);
        // 404 is the page's problem, not a refusal.
        for _ in 0..5 {
            p.record("gone.example", 404, Agent::Browser);
        }
        assert_eq!(p.pause("gone.example"), None);
        // 0 turns pausing off.
        let never = Politeness::new(policy(0));
        for _ in 0..10 {
            never.record("shop.example", 503, Agent::Browser);
        }
        assert_eq!(never.pause("shop.example"), None);
    }

    #[tokio::test(start_paused = true)]
    async fn a_retry_after_429_goes_first_and_others_wait_for_its_answer() {
        let p = std::sync::Arc::new(Politeness::new(policy(5)));
        let t0 = Instant::now();
        p.wait_turn("a.example", false).await;
        // The first request was answered 429 with `Retry-After: 2`.
        p.record("a.example", 429, Agent::Adsbot);
        p.backoff("a.example", Some("2")).unwrap();
        let other = tokio::spawn({
            let p = p.clone();
            async move {
                p.wait_turn("a.example", false).await;
                Instant::now()
            }
        });
        p.wait_turn("a.example", true).await;
        assert_eq!(Instant::now() - t0, Duration::from_secs(2));
        // The retry is on its way; its answer takes a while.
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert!(
            !other.is_finished(),
            "nothing else goes before the retry is answered"
        );
        p.retry_answered("a.example");
        let other_started = other.await.unwrap();
        assert!(other_started - t0 >= Duration::from_secs(5));
        // Other hosts never waited.
        let before = Instant::now();
        p.wait_turn("b.example", false).await;
        assert_eq!(Instant::now(), before);
    }

    #[tokio::test(start_paused = true)]
    async fn a_retry_never_answered_holds_its_host_for_a_bounded_time() {
        let p = Politeness::new(policy(5));
        p.record("a.example", 429, Agent::Adsbot);
        p.backoff("a.example", Some("1")).unwrap();
        let t0 = Instant::now();
        p.wait_turn("a.example", true).await;
        p.wait_turn("a.example", false).await;
        let waited = Instant::now() - t0;
        assert!(
            waited >= RETRY_ANSWER_WAIT && waited <= RETRY_ANSWER_WAIT + Duration::from_secs(2),
            "{waited:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_site_asking_for_a_longer_interval_gets_it_within_the_cap() {
        let p = Politeness::new(policy(5));
        p.site_asks_interval("slow.example", Duration::from_millis(700));
        p.site_asks_interval("fast.example", Duration::from_millis(20));
        p.site_asks_interval("greedy.example", Duration::from_secs(3600));
        assert_eq!(p.interval("slow.example"), Duration::from_millis(700));
        assert_eq!(p.interval("fast.example"), Duration::from_millis(100));
        assert_eq!(p.interval("greedy.example"), Duration::from_secs(2));
        assert_eq!(p.interval("other.example"), Duration::from_millis(100));
        let t0 = Instant::now();
        for _ in 0..3 {
            p.wait_turn("slow.example", false).await;
        }
        assert_eq!(Instant::now() - t0, Duration::from_millis(1400));
    }

    #[tokio::test(start_paused = true)]
    async fn turns_are_spaced_per_host_and_a_backoff_holds_the_host() {
        let p = Politeness::new(policy(5));
        let t0 = Instant::now();
        assert_eq!(p.wait_turn("a.example", false).await, Duration::ZERO);
        p.wait_turn("a.example", false).await;
        assert!(Instant::now() - t0 >= Duration::from_millis(100));
        // Another host does not wait for this one.
        assert_eq!(p.wait_turn("b.example", false).await, Duration::ZERO);
        p.record("a.example", 429, Agent::Adsbot);
        let wait = p.backoff("a.example", Some("3")).unwrap();
        let before = Instant::now();
        p.wait_turn("a.example", false).await;
        assert!(Instant::now() - before >= wait);
    }
}
