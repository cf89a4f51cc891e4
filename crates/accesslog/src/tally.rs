//! Adds requests up into an [`AgentSummary`], with limits on how many distinct paths,
//! clients and days are tracked so a hostile log cannot exhaust memory.

use std::collections::{BTreeMap, HashMap};

use time::{Date, OffsetDateTime};

use crate::agents::OpenAiAgent;
use crate::line::{path_of, request_target, LogLine};
use crate::report::{
    is_blocking_status, AddressCheck, AddressScope, AgentSummary, ClientSummary, DaySummary,
    ExampleLine, PathSummary, StatusClassCounts, StatusCount,
};

const MAX_PATHS: usize = 2_000;
const MAX_CLIENTS: usize = 2_000;
/// Ten years of days.
const MAX_DAYS: usize = 3_660;
const MAX_EXAMPLES: usize = 5;
const MAX_PATH_CHARS: usize = 300;
const MAX_EXAMPLE_CHARS: usize = 500;
pub(crate) const NO_REQUEST_LINE: &str = "(no request line)";

/// One request to add, with where it came from in the log.
pub struct Request<'a, 'l> {
    pub line: &'a LogLine<'l>,
    pub line_number: u64,
    pub raw: &'a [u8],
    pub check: AddressCheck,
}

pub struct Tally {
    agent: OpenAiAgent,
    scope: AddressScope,
    requests: u64,
    first: Option<OffsetDateTime>,
    last: Option<OffsetDateTime>,
    classes: StatusClassCounts,
    codes: BTreeMap<u16, u64>,
    paths: HashMap<(Option<String>, String), PathTally>,
    untracked_path_requests: u64,
    days: BTreeMap<Date, (u64, StatusClassCounts)>,
    clients: HashMap<String, (AddressCheck, u64)>,
    untracked_client_requests: u64,
    blocked_examples: Vec<ExampleLine>,
}

struct PathTally {
    requests: u64,
    codes: BTreeMap<u16, u64>,
    first: OffsetDateTime,
    last: OffsetDateTime,
    last_status: u16,
}

impl Tally {
    pub fn new(agent: OpenAiAgent, scope: AddressScope) -> Self {
        Tally {
            agent,
            scope,
            requests: 0,
            first: None,
            last: None,
            classes: StatusClassCounts::default(),
            codes: BTreeMap::new(),
            paths: HashMap::new(),
            untracked_path_requests: 0,
            days: BTreeMap::new(),
            clients: HashMap::new(),
            untracked_client_requests: 0,
            blocked_examples: Vec::new(),
        }
    }

    pub fn add(&mut self, request: &Request<'_, '_>) {
        let line = request.line;
        let (time, status) = (line.time, line.status);
        self.requests += 1;
        self.first = Some(self.first.map_or(time, |t| t.min(time)));
        self.last = Some(self.last.map_or(time, |t| t.max(time)));
        self.classes.add(status);
        *self.codes.entry(status).or_default() += 1;
        self.add_path(line);
        self.add_day(time.date(), status);
        self.add_client(line.client, request.check);
        if is_blocking_status(status) && self.blocked_examples.len() < MAX_EXAMPLES {
            self.blocked_examples.push(ExampleLine {
                line_number: request.line_number,
                status,
                text: lossy_cut(request.raw, MAX_EXAMPLE_CHARS),
            });
        }
    }

    fn add_path(&mut self, line: &LogLine<'_>) {
        let host = line.vhost.map(|h| lossy_cut(h, MAX_PATH_CHARS));
        let path = match request_target(line.request) {
            Some(target) => lossy_cut(path_of(target), MAX_PATH_CHARS),
            None => NO_REQUEST_LINE.to_string(),
        };
        let key = (host, path);
        let tracked = self.paths.len() < MAX_PATHS || self.paths.contains_key(&key);
        if !tracked {
            self.untracked_path_requests += 1;
            return;
        }
        let entry = self.paths.entry(key).or_insert(PathTally {
            requests: 0,
            codes: BTreeMap::new(),
            first: line.time,
            last: line.time,
            last_status: line.status,
        });
        entry.requests += 1;
        *entry.codes.entry(line.status).or_default() += 1;
        entry.first = entry.first.min(line.time);
        // Logs from several servers may be merged out of order: "latest" goes by time.
        if line.time >= entry.last {
            entry.last = line.time;
            entry.last_status = line.status;
        }
    }

    fn add_day(&mut self, date: Date, status: u16) {
        if self.days.len() >= MAX_DAYS && !self.days.contains_key(&date) {
            return;
        }
        let day = self.days.entry(date).or_default();
        day.0 += 1;
        day.1.add(status);
    }

    fn add_client(&mut self, client: &[u8], check: AddressCheck) {
        let address = lossy_cut(client, MAX_PATH_CHARS);
        if self.clients.len() >= MAX_CLIENTS && !self.clients.contains_key(&address) {
            self.untracked_client_requests += 1;
            return;
        }
        self.clients.entry(address).or_insert((check, 0)).1 += 1;
    }

    pub fn finish(self) -> AgentSummary {
        let mut paths: Vec<PathSummary> = self
            .paths
            .into_iter()
            .map(|((host, path), t)| PathSummary {
                host,
                path,
                requests: t.requests,
                statuses: counts(t.codes),
                first_seen: rfc3339(t.first),
                last_seen: rfc3339(t.last),
                last_status: t.last_status,
                last_refused: is_blocking_status(t.last_status),
            })
            .collect();
        paths.sort_by(|a, b| {
            b.requests
                .cmp(&a.requests)
                .then_with(|| a.host.cmp(&b.host))
                .then_with(|| a.path.cmp(&b.path))
        });
        let mut clients: Vec<ClientSummary> = self
            .clients
            .into_iter()
            .map(|(address, (check, requests))| ClientSummary {
                address,
                check,
                requests,
            })
            .collect();
        clients.sort_by(|a, b| {
            b.requests
                .cmp(&a.requests)
                .then_with(|| a.address.cmp(&b.address))
        });
        AgentSummary {
            agent: self.agent,
            addresses: self.scope,
            requests: self.requests,
            first_seen: self.first.map(rfc3339),
            last_seen: self.last.map(rfc3339),
            status_classes: self.classes,
            status_codes: counts(self.codes),
            paths,
            untracked_path_requests: self.untracked_path_requests,
            days: self
                .days
                .into_iter()
                .map(|(date, (requests, status_classes))| DaySummary {
                    date: date.to_string(),
                    requests,
                    status_classes,
                })
                .collect(),
            clients,
            untracked_client_requests: self.untracked_client_requests,
            blocked_examples: self.blocked_examples,
        }
    }
}

fn counts(codes: BTreeMap<u16, u64>) -> Vec<StatusCount> {
    codes
        .into_iter()
        .map(|(status, count)| StatusCount::new(status, count))
        .collect()
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.to_string())
}

/// Text from raw log bytes: unreadable bytes replaced, cut at `max` characters.
pub fn lossy_cut(bytes: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::line::parse_line;

    fn add(t: &mut Tally, n: u64, raw: &str) {
        let line = parse_line(raw.as_bytes()).unwrap();
        t.add(&Request {
            line: &line,
            line_number: n,
            raw: raw.as_bytes(),
            check: AddressCheck::NotChecked,
        });
    }

    fn line(client: &str, time: &str, target: &str, status: u16) -> String {
        format!(r#"{client} - - [{time}] "GET {target} HTTP/1.1" {status} 10 "-" "OAI-AdsBot/1.0""#)
    }

    #[test]
    fn aggregates_paths_days_clients_and_latest_status_by_time() {
        let mut t = Tally::new(OpenAiAgent::OaiAdsBot, AddressScope::NotChecked);
        add(
            &mut t,
            1,
            &line("1.1.1.1", "12/May/2026:10:00:00 +0000", "/a?x=1", 403),
        );
        add(
            &mut t,
            2,
            &line("1.1.1.1", "13/May/2026:10:00:00 +0000", "/a?x=2", 200),
        );
        // Out of order: older than line 2, so line 2 stays the latest for /a.
        add(
            &mut t,
            3,
            &line("2.2.2.2", "11/May/2026:23:00:00 +0000", "/a", 503),
        );
        add(
            &mut t,
            4,
            &line("1.1.1.1", "13/May/2026:11:00:00 +0000", "/b", 429),
        );
        let s = t.finish();
        assert_eq!(s.requests, 4);
        assert_eq!(s.first_seen.as_deref(), Some("2026-05-11T23:00:00Z"));
        assert_eq!(s.last_seen.as_deref(), Some("2026-05-13T11:00:00Z"));
        assert_eq!(s.blocked_requests(), 3);
        assert_eq!(s.paths[0].path, "/a");
        assert_eq!(s.paths[0].requests, 3);
        assert_eq!(s.paths[0].last_status, 200);
        assert_eq!(s.paths[0].first_seen, "2026-05-11T23:00:00Z");
        assert_eq!(s.paths[1].last_status, 429);
        let days: Vec<_> = s
            .days
            .iter()
            .map(|d| (d.date.as_str(), d.requests))
            .collect();
        assert_eq!(
            days,
            [("2026-05-11", 1), ("2026-05-12", 1), ("2026-05-13", 2)]
        );
        assert_eq!(s.days[2].status_classes.client_error, 1);
        assert_eq!(s.clients[0].address, "1.1.1.1");
        assert_eq!(s.clients[0].requests, 3);
        let examples: Vec<_> = s.blocked_examples.iter().map(|e| e.line_number).collect();
        assert_eq!(examples, [1, 3, 4]);
    }

    #[test]
    fn distinct_paths_beyond_the_limit_are_only_counted() {
        let mut t = Tally::new(OpenAiAgent::OaiAdsBot, AddressScope::NotChecked);
        for i in 0..(MAX_PATHS as u64 + 10) {
            add(
                &mut t,
                i,
                &line(
                    "1.1.1.1",
                    "12/May/2026:10:00:00 +0000",
                    &format!("/p{i}"),
                    200,
                ),
            );
        }
        let s = t.finish();
        assert_eq!(s.paths.len(), MAX_PATHS);
        assert_eq!(s.untracked_path_requests, 10);
        assert_eq!(s.requests, MAX_PATHS as u64 + 10);
    }

    #[test]
    fn lossy_cut_keeps_char_boundaries() {
        assert_eq!(lossy_cut("ééé".as_bytes(), 2), "éé…");
        assert_eq!(lossy_cut(b"a\xffb", 10), "a\u{fffd}b");
    }
}
