//! Gathers what the reader streams (requests, events, bad lines) into a bounded
//! [`CapiValidation`]: each event is checked as it arrives and only its problems, its key for
//! pairing and the counts are kept.

use std::collections::{BTreeMap, HashMap};

use preflight_model::{Finding, Status};
use serde_json::{Map, Value};

use crate::pairing::ServerSideEvent;
use crate::report::{
    BatchVerdict, CapiFinding, CapiValidation, RuleCount, TypeCount, MAX_BATCHES, MAX_FINDINGS,
};
use crate::rules::{self, event::date, Located};
use crate::secrets::{contains_key, mask_keys};

/// Server events kept for pairing; past this the rest are only validated.
pub const MAX_SERVER_EVENTS: usize = 200_000;

/// Where a batch comes from.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub file: String,
    pub label: String,
    pub line: Option<u64>,
    pub is_request: bool,
    pub pixel_id: Option<String>,
    pub response_status: Option<u16>,
    pub sent_at_ms: Option<i64>,
}

pub struct Batch {
    origin: Origin,
    number: u32,
    events: u32,
    failing: u32,
    first_failure: Option<String>,
    seen: HashMap<(String, String), usize>,
    fails_at_root: Option<String>,
    warnings: u32,
    key_reported: bool,
}

impl Batch {
    /// The line (or HAR entry) the batch starts on.
    pub fn line(&self) -> Option<u64> {
        self.origin.line
    }
}

pub struct Collector {
    default_sent_at_ms: i64,
    default_pixel_id: Option<String>,
    pub result: CapiValidation,
    counts: BTreeMap<String, (Status, String, u64)>,
    types: BTreeMap<String, u64>,
    pub server_events: Vec<ServerSideEvent>,
    keep_for_pairing: usize,
    next_batch: u32,
}

impl Collector {
    pub fn new(sent_at_ms: i64, pixel_id: Option<String>, keep_for_pairing: usize) -> Self {
        Collector {
            default_sent_at_ms: sent_at_ms,
            default_pixel_id: pixel_id,
            result: CapiValidation {
                sent_at: date(sent_at_ms),
                files: Vec::new(),
                batches: Vec::new(),
                batches_total: 0,
                batches_rejected: 0,
                events_checked: 0,
                events_failing: 0,
                findings: Vec::new(),
                findings_total: 0,
                counts: Vec::new(),
                event_types: Vec::new(),
                keys_found: 0,
                summary: String::new(),
                cancelled: false,
            },
            counts: BTreeMap::new(),
            types: BTreeMap::new(),
            server_events: Vec::new(),
            keep_for_pairing,
            next_batch: 0,
        }
    }

    pub fn begin(&mut self, origin: Origin) -> Batch {
        self.next_batch += 1;
        Batch {
            origin,
            number: self.next_batch,
            events: 0,
            failing: 0,
            first_failure: None,
            seen: HashMap::new(),
            fails_at_root: None,
            warnings: 0,
            key_reported: false,
        }
    }

    /// Check one event of `batch` (its index in the batch is `index`).
    pub fn event(&mut self, batch: &mut Batch, index: usize, value: &Value, line: Option<u64>) {
        batch.events += 1;
        self.result.events_checked += 1;
        let sent_at = batch.origin.sent_at_ms.unwrap_or(self.default_sent_at_ms);
        let mut problems = rules::event::check_event(value, sent_at);
        let event_type = value.get("type").and_then(Value::as_str).unwrap_or("");
        let id = value.get("id").map(id_text).unwrap_or_default();
        if !event_type.is_empty() && !id.is_empty() {
            let key = (event_type.to_string(), id.clone());
            match batch.seen.get(&key) {
                Some(&first) if batch.origin.is_request => {
                    problems.push(rules::request::duplicate_id(first))
                }
                Some(_) => {}
                None => {
                    if batch.seen.len() < 100_000 {
                        batch.seen.insert(key, index);
                    }
                }
            }
        }
        if contains_key(&value.to_string()) && !batch.key_reported {
            batch.key_reported = true;
            self.result.keys_found += 1;
            problems.push(rules::request::key_in_payload(""));
        }
        *self
            .types
            .entry(clip(if event_type.is_empty() {
                "(none)"
            } else {
                event_type
            }))
            .or_default() += 1;
        let failing = problems.iter().find(|p| rejects(&p.finding));
        if let Some(f) = failing {
            batch.failing += 1;
            self.result.events_failing += 1;
            if batch.first_failure.is_none() {
                let what = match (event_type, id.as_str()) {
                    ("", "") => String::new(),
                    (t, "") => format!(" (“{}”)", clip(t)),
                    ("", i) => format!(" (id “{}”)", clip(i)),
                    (t, i) => format!(" (“{}”, id “{}”)", clip(t), clip(i)),
                };
                // Events logged one per line are found by their line; a request's by index.
                let place = match line {
                    Some(l) if !batch.origin.is_request => format!("line {l}"),
                    _ => format!("event {index}"),
                };
                batch.first_failure = Some(format!(
                    "{place}{}: {}",
                    mask_keys(&what),
                    mask_keys(&f.finding.title)
                ));
            }
        }
        for mut p in problems {
            p.finding = match value_at(value, &p.path) {
                Some(found) if !p.path.is_empty() => p.finding.evidence("Value", excerpt(found)),
                _ => p.finding.evidence("Event", excerpt(value)),
            };
            let path = if p.path.is_empty() {
                format!("$.events[{index}]")
            } else {
                format!("$.events[{index}].{}", p.path)
            };
            self.add(batch, Some(index as u32), line, path, p.finding);
        }
        if self.server_events.len() < self.keep_for_pairing
            && !id.is_empty()
            && !event_type.is_empty()
        {
            self.server_events.push(ServerSideEvent {
                pixel_id: batch
                    .origin
                    .pixel_id
                    .clone()
                    .or_else(|| self.default_pixel_id.clone()),
                event_type: clip(event_type),
                custom_event_name: value
                    .get("custom_event_name")
                    .and_then(Value::as_str)
                    .map(clip),
                id: clip(&id),
                seen_in: match line {
                    Some(l) if !batch.origin.is_request => {
                        format!("{} line {l}", batch.origin.file)
                    }
                    _ => format!("{} event {index}", batch.origin.label),
                },
            });
        }
    }

    /// A problem about the batch itself (not one event).
    pub fn batch_problem(&mut self, batch: &mut Batch, located: Located) {
        let path = if located.path.is_empty() {
            "$".to_string()
        } else {
            format!("$.{}", located.path)
        };
        if rejects(&located.finding) && batch.fails_at_root.is_none() {
            batch.fails_at_root = Some(mask_keys(&located.finding.title).into_owned());
        }
        if located.finding.id == crate::ids::KEY_IN_PAYLOAD {
            self.result.keys_found += 1;
        }
        let line = batch.origin.line;
        self.add(batch, None, line, path, located.finding);
    }

    /// Close a batch: check the request's other fields (`root`, with `events` counted) and
    /// write its verdict.
    pub fn end(&mut self, mut batch: Batch, root: Option<(&Map<String, Value>, Option<usize>)>) {
        if let Some((root, events)) = root {
            if contains_key(&Value::Object(root.clone()).to_string()) && !batch.key_reported {
                batch.key_reported = true;
                self.batch_problem(&mut batch, rules::request::key_in_payload(""));
            }
            for p in rules::request::check_root(root, events) {
                self.batch_problem(&mut batch, p);
            }
        }
        let accepted = batch.fails_at_root.is_none() && batch.failing == 0;
        let verdict = verdict(&batch, accepted);
        self.result.batches_total += 1;
        if !accepted {
            self.result.batches_rejected += 1;
        }
        if self.result.batches.len() < MAX_BATCHES {
            self.result.batches.push(BatchVerdict {
                number: batch.number,
                label: batch.origin.label.clone(),
                is_request: batch.origin.is_request,
                events: batch.events,
                events_failing: batch.failing,
                accepted,
                verdict,
                pixel_id: batch.origin.pixel_id.clone(),
                response_status: batch.origin.response_status,
            });
        }
    }

    /// A problem that belongs to no batch (a line that is not JSON).
    pub fn file_problem(&mut self, file: &str, line: Option<u64>, located: Located) {
        let path = if located.path.is_empty() {
            "$".to_string()
        } else {
            located.path
        };
        self.record(0, file, line, None, path, located.finding);
    }

    fn add(
        &mut self,
        batch: &mut Batch,
        event_index: Option<u32>,
        line: Option<u64>,
        path: String,
        finding: Finding,
    ) {
        if finding.status == Status::Warn {
            batch.warnings += 1;
        }
        let file = batch.origin.file.clone();
        self.record(
            batch.number,
            &file,
            line.or(batch.origin.line),
            event_index,
            path,
            finding,
        );
    }

    fn record(
        &mut self,
        batch: u32,
        file: &str,
        line: Option<u64>,
        event_index: Option<u32>,
        path: String,
        finding: Finding,
    ) {
        let place = match line {
            Some(l) => format!("{file} line {l}, {path}"),
            None => format!("{file}, {path}"),
        };
        let finding = masked(finding.evidence("Where", place));
        self.result.findings_total += 1;
        let entry = self
            .counts
            .entry(finding.id.clone())
            .or_insert_with(|| (finding.status, finding.title.clone(), 0));
        entry.2 += 1;
        if self.result.findings.len() < MAX_FINDINGS {
            self.result.findings.push(CapiFinding {
                batch,
                file: file.to_string(),
                line,
                event_index,
                path: mask_keys(&path).into_owned(),
                finding,
            });
        }
    }

    pub fn finish(mut self) -> (CapiValidation, Vec<ServerSideEvent>) {
        self.result.counts = self
            .counts
            .into_iter()
            .map(|(id, (status, example, count))| RuleCount {
                id,
                status,
                example,
                count,
            })
            .collect();
        self.result.event_types = self
            .types
            .into_iter()
            .map(|(event_type, count)| TypeCount { event_type, count })
            .collect();
        self.result.summary = summary(&self.result);
        (self.result, self.server_events)
    }
}

/// The value at a path such as `user.emails_sha256[2]` inside an event.
fn value_at<'v>(event: &'v Value, path: &str) -> Option<&'v Value> {
    let mut at = event;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        let name = pieces.next().unwrap_or_default();
        if !name.is_empty() {
            at = at.get(name)?;
        }
        for index in pieces {
            at = at.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(at)
}

/// A value as evidence: compact JSON, cut to a readable length.
fn excerpt(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 300 {
        format!("{}…", text.chars().take(300).collect::<String>())
    } else {
        text
    }
}

/// Whether OpenAI would refuse the request for this problem. A key left in a file or a request
/// sent from a browser must be fixed, but OpenAI still accepts the request.
fn rejects(f: &Finding) -> bool {
    f.status == Status::Fail
        && f.id != crate::ids::KEY_IN_PAYLOAD
        && f.id != crate::ids::SENT_FROM_BROWSER
}

fn id_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// Names and ids are kept short, so a hostile file cannot bloat the result.
fn clip(s: &str) -> String {
    if s.chars().count() > 120 {
        format!("{}…", s.chars().take(120).collect::<String>())
    } else {
        s.to_string()
    }
}

fn masked(mut f: Finding) -> Finding {
    f.title = mask_keys(&f.title).into_owned();
    f.detail = mask_keys(&f.detail).into_owned();
    f.remedy = mask_keys(&f.remedy).into_owned();
    for e in &mut f.evidence {
        e.value = mask_keys(&e.value).into_owned();
    }
    f
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn verdict(b: &Batch, accepted: bool) -> String {
    let events = plural(b.events, "event", "events");
    if b.origin.is_request {
        if let Some(root) = &b.fails_at_root {
            return format!("OpenAI would reject this whole batch ({events}): {root}.");
        }
        if let Some(first) = &b.first_failure {
            let more = if b.failing > 1 {
                format!(
                    " {} more {} problems that fail it.",
                    b.failing - 1,
                    if b.failing == 2 {
                        "event has"
                    } else {
                        "events have"
                    }
                )
            } else {
                String::new()
            };
            return format!(
                "OpenAI would reject this whole batch of {events} because {first}.{more}"
            );
        }
    } else if !accepted {
        return format!(
            "{} of {events} would be rejected, and any request carrying one fails whole. First: {}.",
            b.failing,
            b.first_failure.clone().unwrap_or_default()
        );
    }
    let warnings = if b.warnings > 0 {
        format!(
            " {} worth fixing.",
            plural(b.warnings, "warning is", "warnings are")
        )
    } else {
        String::new()
    };
    if b.origin.is_request {
        format!("OpenAI should accept this batch of {events}.{warnings}")
    } else {
        format!("OpenAI should accept these {events}.{warnings}")
    }
}

fn summary(v: &CapiValidation) -> String {
    if v.cancelled {
        return format!(
            "Stopped: {} events checked before the check was cancelled.",
            v.events_checked
        );
    }
    if v.events_checked == 0 && v.batches_total == 0 {
        return "No Conversions API request or event was found.".to_string();
    }
    let mut s = if v.batches_rejected == 0 {
        format!(
            "All {} would be accepted ({} events).",
            plural(v.batches_total, "batch", "batches"),
            v.events_checked
        )
    } else {
        format!(
            "{} of {} would be rejected; {} of {} events {} a problem that fails its batch.",
            v.batches_rejected,
            plural(v.batches_total, "batch", "batches"),
            v.events_failing,
            v.events_checked,
            if v.events_failing == 1 { "has" } else { "have" }
        )
    };
    let bad_lines: u64 = v.files.iter().map(|f| f.bad_lines).sum();
    if bad_lines > 0 {
        s.push_str(&format!(
            " {bad_lines} {} not JSON.",
            if bad_lines == 1 {
                "line was"
            } else {
                "lines were"
            }
        ));
    }
    if v.keys_found > 0 {
        s.push_str(" A key was found in the files (masked here): revoke it.");
    }
    s
}
