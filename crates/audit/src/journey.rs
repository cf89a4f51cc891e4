//! A journey: the user clicks through a funnel in a visible browser while every pixel call is
//! recorded. This turns what the browser recorded into the report kept with the audit, and
//! checks the calls with the same rules as the page scan: all at once ([`check_calls`]) or one
//! call at a time as they arrive ([`JourneyChecker`]), with the same result.

use std::collections::HashMap;

use crate::pixel::PixelEventSeen;
use preflight_model::Finding;
use preflight_pixel::{ids, lint_recorded_calls, PixelReport, RecordedCall};

pub use preflight_document::journey::{JourneyCheck, JourneyReport};

/// Raw calls kept with a journey at most (the evidence behind its events).
const MAX_CALLS_KEPT: usize = 500;

/// Checks the calls recorded so far with the same rules as the page scan.
pub fn check_calls(calls: &[RecordedCall]) -> JourneyCheck {
    let report = preflight_pixel::lint_recorded_calls(calls);
    let standard = preflight_pixel::standard_events();
    let events = report
        .events
        .iter()
        .map(|e| PixelEventSeen::from_found(e, &standard))
        .collect();
    JourneyCheck {
        installed: report.installed,
        pixel_ids: report.pixel_ids,
        events,
        findings: report.findings,
    }
}

/// The report of a finished journey, its calls checked all at once.
pub fn journey_report(
    start_url: &str,
    started_at: &str,
    finished_at: &str,
    capture: &preflight_capture::Capture,
) -> JourneyReport {
    report_with(
        start_url,
        started_at,
        finished_at,
        capture,
        check_calls(&capture.calls),
    )
}

fn report_with(
    start_url: &str,
    started_at: &str,
    finished_at: &str,
    capture: &preflight_capture::Capture,
    check: JourneyCheck,
) -> JourneyReport {
    JourneyReport {
        id: 0,
        start_url: start_url.to_string(),
        started_at: started_at.to_string(),
        finished_at: finished_at.to_string(),
        pages_visited: capture.pages_visited.clone(),
        installed: check.installed,
        pixel_ids: check.pixel_ids,
        events: check.events,
        findings: check.findings,
        pixel_requests: capture.pixel_requests.len() as u32,
        browser_version: capture.browser_version.clone(),
        calls: capture.calls.iter().take(MAX_CALLS_KEPT).cloned().collect(),
        steps: capture.steps.clone(),
        replay: None,
    }
}

/// Findings the pixel lint computes from the whole call list rather than from one call, and the
/// evidence items one grouped finding keeps: the pixel lint's own.
use preflight_pixel::{
    MAX_GROUPED_EVIDENCE as MAX_EVIDENCE, WHOLE_LIST_FINDING_IDS as WHOLE_LIST_IDS,
};

/// Checks a journey's calls one at a time as they arrive, each exactly once, and gives at any
/// moment the same [`JourneyCheck`] as [`check_calls`] over every call so far.
///
/// Each call is linted after a short context: the distinct `init` calls before it (the only
/// calls whose effects later calls depend on: pixel IDs set, repeated settings, consent order).
/// Its event and findings are kept; what depends on the whole list (pixel installed, pixel IDs,
/// several IDs, the summary) is rebuilt from counters kept along the way.
#[derive(Debug, Default)]
pub struct JourneyChecker {
    standard: Vec<String>,
    /// Calls checked so far.
    seen: usize,
    /// Readable calls so far (the lint drops the others).
    readable: usize,
    any_init: bool,
    /// The context: for each distinct `init` argument text, its first two distinct sources.
    context: Vec<RecordedCall>,
    context_sources: HashMap<String, Vec<String>>,
    /// The context's own findings, to tell a new call's findings apart.
    context_findings: Vec<Finding>,
    events: Vec<PixelEventSeen>,
    /// Unreadable calls, grouped.
    unreadable: Option<Finding>,
    /// Findings of single calls, grouped, in order of first appearance.
    groups: Vec<Finding>,
    /// Pixel IDs set by `init`, distinct, in order of first appearance, with the first `init`
    /// of each.
    init_ids: Vec<String>,
    first_init_per_id: Vec<RecordedCall>,
    /// Every `init` that set an ID: (ID, where).
    init_id_sources: Vec<(String, String)>,
    /// Literal pixel IDs of `measureSingle` calls, distinct, in order.
    single_ids: Vec<String>,
    /// The several-IDs finding for the current distinct IDs, without its evidence.
    multiple_ids: Option<Finding>,
}

impl JourneyChecker {
    pub fn new() -> Self {
        JourneyChecker {
            standard: preflight_pixel::standard_events(),
            ..JourneyChecker::default()
        }
    }

    /// How many calls have been checked.
    pub fn calls_checked(&self) -> usize {
        self.seen
    }

    /// Check one more call; returns the event it sent, if it sent one.
    pub fn push(&mut self, call: &RecordedCall) -> Option<&PixelEventSeen> {
        self.seen += 1;
        let with_call: Vec<RecordedCall> = self
            .context
            .iter()
            .cloned()
            .chain(std::iter::once(call.clone()))
            .collect();
        let report = lint_recorded_calls(&with_call);
        if let Some(problem) = report
            .findings
            .iter()
            .find(|f| f.id == ids::RENDERED_CALL_UNREADABLE)
        {
            // Only this call can be unreadable: the context holds readable calls alone.
            match &mut self.unreadable {
                Some(group) => merge_evidence(group, problem.evidence.clone()),
                None => self.unreadable = Some(problem.clone()),
            }
            return None;
        }
        self.readable += 1;
        self.add_findings(&report);
        match call.command.as_str() {
            "init" => self.add_init(call, &report),
            "measureSingle" => {
                // Alone, its literal pixel ID (if any) is the report's only one.
                let alone = lint_recorded_calls(std::slice::from_ref(call));
                for id in alone.pixel_ids {
                    if !self.single_ids.contains(&id) {
                        self.single_ids.push(id);
                    }
                }
            }
            _ => {}
        }
        // The context has no events, so the report's one event is this call's.
        let event = report.events.first()?;
        self.events
            .push(PixelEventSeen::from_found(event, &self.standard));
        self.events.last()
    }

    /// Check every call of `calls` not checked yet (those after the first
    /// [`JourneyChecker::calls_checked`]).
    pub fn catch_up(&mut self, calls: &[RecordedCall]) {
        for call in calls.iter().skip(self.seen) {
            self.push(call);
        }
    }

    /// The calls so far, checked: equal to [`check_calls`] over the same calls.
    pub fn check(&self) -> JourneyCheck {
        let pixel_ids = self.pixel_ids();
        let installed = self.readable > 0 && !self.init_id_sources.is_empty();
        let mut findings: Vec<Finding> = self.unreadable.iter().cloned().collect();
        findings.extend(self.groups.iter().cloned());
        if let Some(template) = &self.multiple_ids {
            let mut f = template.clone();
            let label = f
                .evidence
                .first()
                .map(|e| e.label.clone())
                .unwrap_or_default();
            f.evidence.clear();
            for (id, source) in &self.init_id_sources {
                f = f.evidence_at(label.clone(), id.clone(), source.clone());
            }
            findings.push(f);
        }
        findings.extend(self.summary(installed, &pixel_ids));
        findings.sort_by_key(|f| f.status.rank());
        JourneyCheck {
            installed,
            pixel_ids,
            events: self.events.clone(),
            findings,
        }
    }

    /// The report of a finished journey: the calls not checked yet are checked first, so it
    /// equals [`journey_report`] for the same capture.
    pub fn report(
        &mut self,
        start_url: &str,
        started_at: &str,
        finished_at: &str,
        capture: &preflight_capture::Capture,
    ) -> JourneyReport {
        self.catch_up(&capture.calls);
        report_with(start_url, started_at, finished_at, capture, self.check())
    }

    /// Add the findings the new call brought: whole groups the context did not have, and new
    /// evidence for groups it had.
    fn add_findings(&mut self, report: &PixelReport) {
        for f in &report.findings {
            if WHOLE_LIST_IDS.contains(&f.id.as_str()) {
                continue;
            }
            let contribution = match self
                .context_findings
                .iter()
                .find(|c| c.id == f.id && c.title == f.title)
            {
                None => f.clone(),
                Some(known) => {
                    let mut f = f.clone();
                    f.evidence.retain(|e| !known.evidence.contains(e));
                    if f.evidence.is_empty() {
                        continue;
                    }
                    f
                }
            };
            match self
                .groups
                .iter_mut()
                .find(|g| g.id == contribution.id && g.title == contribution.title)
            {
                Some(group) => merge_evidence(group, contribution.evidence),
                None => self.groups.push(contribution),
            }
        }
    }

    fn add_init(&mut self, call: &RecordedCall, report: &PixelReport) {
        self.any_init = true;
        // The context's `init` calls come first, so the last options are this call's.
        if let Some(id) = report.init_options.last().and_then(|i| i.pixel_id.clone()) {
            let source = preflight_pixel::Location::source_only(call.source.clone()).to_string();
            self.init_id_sources.push((id.clone(), source));
            if !self.init_ids.contains(&id) {
                self.init_ids.push(id);
                self.first_init_per_id.push(call.clone());
                self.multiple_ids = (self.init_ids.len() > 1)
                    .then(|| lint_recorded_calls(&self.first_init_per_id))
                    .and_then(|r| r.findings.into_iter().find(|f| f.id == ids::MULTIPLE_IDS));
            }
        }
        let sources = self
            .context_sources
            .entry(call.args_json.clone())
            .or_default();
        if sources.len() < 2 && !sources.contains(&call.source) {
            sources.push(call.source.clone());
            self.context.push(call.clone());
            self.context_findings = lint_recorded_calls(&self.context).findings;
        }
    }

    /// Pixel IDs in the lint's order: those of `measureSingle`, with each `init` ID not among
    /// them put in front (the later first).
    fn pixel_ids(&self) -> Vec<String> {
        let mut ids = self.single_ids.clone();
        for id in &self.init_ids {
            if !ids.contains(id) {
                ids.insert(0, id.clone());
            }
        }
        ids
    }

    /// The finding about the pixel as a whole, as the lint gives it for recorded calls.
    fn summary(&self, installed: bool, pixel_ids: &[String]) -> Option<Finding> {
        let whole = |calls: &[RecordedCall], id: &str| {
            lint_recorded_calls(calls)
                .findings
                .into_iter()
                .find(|f| f.id == id)
        };
        if installed {
            let mut f = whole(&self.first_init_per_id[..1], ids::DETECTED)?;
            let label = f
                .evidence
                .first()
                .map(|e| e.label.clone())
                .unwrap_or_default();
            f.evidence.clear();
            f.detail = preflight_pixel::installed_detail(pixel_ids.len(), self.events.len());
            for id in pixel_ids.iter().take(MAX_EVIDENCE) {
                f = f.evidence(label.clone(), id.clone());
            }
            Some(f)
        } else if self.readable == 0 {
            whole(&[], ids::NOT_FOUND)
        } else if !self.any_init {
            let event = RecordedCall {
                command: "measure".into(),
                args_json: r#"["page_viewed"]"#.into(),
                source: String::new(),
            };
            whole(&[event], ids::INIT_MISSING)
        } else {
            None
        }
    }
}

/// Add evidence to a grouped finding as the lint groups them: new items only, at most
/// [`MAX_EVIDENCE`].
fn merge_evidence(group: &mut Finding, evidence: Vec<preflight_model::Evidence>) {
    for e in evidence {
        if group.evidence.len() < MAX_EVIDENCE && !group.evidence.contains(&e) {
            group.evidence.push(e);
        }
    }
}
