//! A finding-by-finding comparison of two audits of (mostly) the same pages.
//!
//! Findings are matched by (page URL, finding id). A finding is *open* when it asks for action:
//! status `fail`, `warn` or `error`. On pages present in both audits:
//! - **new**: open now, absent before;
//! - **fixed**: open before, and now absent or no longer open;
//! - **changed**: present in both with a different status or severity (and not fixed);
//! - **unchanged**: present in both with the same status and severity.
//!
//! Findings that were never open (passes, information) and appear or disappear are not
//! reported: nothing changed for the reader. Pages audited only once are listed as added or
//! removed rather than having their findings counted as new or fixed.
//!
//! Both audits are read under the counting rules first, so a root cause is one finding here
//! as in the counts, also for an audit saved by an older version.

use crate::read::normalised;
use preflight_document::report::{AuditReport, PageReport, Verdict};
use preflight_model::{Area, Finding, Severity, Status};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// What changed between two audits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Comparison {
    /// `started_at` of the older audit (RFC 3339).
    pub older_started_at: String,
    /// `started_at` of the newer audit (RFC 3339).
    pub newer_started_at: String,
    /// Pages whose verdict for the ads bot changed.
    pub verdict_changes: Vec<VerdictChange>,
    pub new: Vec<FindingDelta>,
    pub fixed: Vec<FindingDelta>,
    pub changed: Vec<FindingDelta>,
    pub unchanged: Vec<FindingDelta>,
    /// Pages only in the newer audit.
    pub pages_added: Vec<PageSnapshot>,
    /// Pages only in the older audit.
    pub pages_removed: Vec<PageSnapshot>,
}

impl Comparison {
    /// True when nothing a reader would act on changed.
    pub fn is_unchanged(&self) -> bool {
        self.verdict_changes.is_empty()
            && self.new.is_empty()
            && self.fixed.is_empty()
            && self.changed.is_empty()
            && self.pages_added.is_empty()
            && self.pages_removed.is_empty()
    }
}

/// The status and severity of a finding in one audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct FindingState {
    pub status: Status,
    pub severity: Severity,
}

/// One finding on one page, as it was before and as it is now (`None`: absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct FindingDelta {
    pub page_url: String,
    pub finding_id: String,
    pub area: Area,
    /// The newest title available (the newer audit's when present).
    pub title: String,
    pub before: Option<FindingState>,
    pub after: Option<FindingState>,
}

/// Whether a change helps or hurts the page's readiness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Better,
    Worse,
    /// Neither clearly better nor worse (e.g. one kind of block replaced by another).
    Different,
}

/// A page whose verdict for the ads bot differs between the audits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct VerdictChange {
    pub page_url: String,
    pub before: Verdict,
    pub after: Verdict,
    pub direction: Direction,
    /// The change in one plain sentence ("OAI-AdsBot could reach the page on 3 May 2026 and is
    /// blocked now.").
    pub sentence: String,
}

/// A page audited only once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PageSnapshot {
    pub page_url: String,
    pub verdict: Verdict,
    /// Findings with status fail, warn or error.
    pub open_findings: u32,
}

/// Compares two audits finding by finding. The order of each list follows the newer audit's
/// page order (the older one's for removed pages and fixed findings that disappeared).
pub fn compare(older: &AuditReport, newer: &AuditReport) -> Comparison {
    let (older, newer) = (&normalised(older), &normalised(newer));
    let older_pages: HashMap<&str, &PageReport> =
        older.pages.iter().map(|p| (p.url.as_str(), p)).collect();
    let newer_urls: HashSet<&str> = newer.pages.iter().map(|p| p.url.as_str()).collect();
    let older_date = crate::dates::human_date(&older.started_at);

    let mut comparison = Comparison {
        older_started_at: older.started_at.clone(),
        newer_started_at: newer.started_at.clone(),
        verdict_changes: Vec::new(),
        new: Vec::new(),
        fixed: Vec::new(),
        changed: Vec::new(),
        unchanged: Vec::new(),
        pages_added: Vec::new(),
        pages_removed: Vec::new(),
    };

    for page in &newer.pages {
        let Some(before) = older_pages.get(page.url.as_str()) else {
            comparison.pages_added.push(snapshot(page));
            continue;
        };
        if before.verdict != page.verdict {
            comparison.verdict_changes.push(VerdictChange {
                page_url: page.url.clone(),
                before: before.verdict,
                after: page.verdict,
                direction: verdict_direction(before.verdict, page.verdict),
                sentence: verdict_sentence(before.verdict, page.verdict, &older_date),
            });
        }
        compare_page_findings(before, page, &mut comparison);
    }
    for page in &older.pages {
        if !newer_urls.contains(page.url.as_str()) {
            comparison.pages_removed.push(snapshot(page));
        }
    }
    comparison
}

/// Sorts the findings of one page present in both audits into new, fixed, changed, unchanged.
fn compare_page_findings(older: &PageReport, newer: &PageReport, out: &mut Comparison) {
    let before = PageFindings::of(older);
    let after = PageFindings::of(newer);

    for (id, now) in after.iter() {
        let delta = |was: Option<&Finding>| FindingDelta {
            page_url: newer.url.clone(),
            finding_id: id.to_string(),
            area: now.area,
            title: now.title.clone(),
            before: was.map(state),
            after: Some(state(now)),
        };
        match before.get(id) {
            None if is_open(now.status) => out.new.push(delta(None)),
            None => {}
            Some(was) if is_open(was.status) && !is_open(now.status) => {
                out.fixed.push(delta(Some(was)))
            }
            Some(was) if state(was) == state(now) => out.unchanged.push(delta(Some(was))),
            Some(was) => out.changed.push(delta(Some(was))),
        }
    }
    for (id, was) in before.iter() {
        if after.get(id).is_none() && is_open(was.status) {
            out.fixed.push(FindingDelta {
                page_url: newer.url.clone(),
                finding_id: id.to_string(),
                area: was.area,
                title: was.title.clone(),
                before: Some(state(was)),
                after: None,
            });
        }
    }
}

/// A page's findings keyed by id, in first-seen order. When one id occurs several times on a
/// page, the most urgent occurrence represents it.
struct PageFindings<'a> {
    order: Vec<&'a str>,
    by_id: HashMap<&'a str, &'a Finding>,
}

impl<'a> PageFindings<'a> {
    fn of(page: &'a PageReport) -> Self {
        let mut order = Vec::new();
        let mut by_id: HashMap<&str, &Finding> = HashMap::new();
        for finding in &page.findings {
            match by_id.get(finding.id.as_str()) {
                None => {
                    order.push(finding.id.as_str());
                    by_id.insert(&finding.id, finding);
                }
                Some(kept) if urgency(finding) > urgency(kept) => {
                    by_id.insert(&finding.id, finding);
                }
                Some(_) => {}
            }
        }
        PageFindings { order, by_id }
    }

    fn get(&self, id: &str) -> Option<&'a Finding> {
        self.by_id.get(id).copied()
    }

    fn iter(&self) -> impl Iterator<Item = (&'a str, &'a Finding)> + '_ {
        self.order.iter().map(|id| (*id, self.by_id[id]))
    }
}

fn urgency(finding: &Finding) -> (bool, Severity) {
    (is_open(finding.status), finding.severity)
}

fn state(finding: &Finding) -> FindingState {
    FindingState {
        status: finding.status,
        severity: finding.severity,
    }
}

/// A finding that asks the reader to do something.
pub(crate) fn is_open(status: Status) -> bool {
    matches!(status, Status::Fail | Status::Warn | Status::Error)
}

fn snapshot(page: &PageReport) -> PageSnapshot {
    PageSnapshot {
        page_url: page.url.clone(),
        verdict: page.verdict,
        open_findings: page.findings.iter().filter(|f| is_open(f.status)).count() as u32,
    }
}

fn verdict_direction(before: Verdict, after: Verdict) -> Direction {
    match (before, after) {
        (_, Verdict::Reachable) => Direction::Better,
        (Verdict::Reachable, _) => Direction::Worse,
        _ => Direction::Different,
    }
}

fn verdict_sentence(before: Verdict, after: Verdict, older_date: &str) -> String {
    format!(
        "OAI-AdsBot {} on {older_date} and {} now.",
        verdict_past(before),
        verdict_present(after)
    )
}

fn verdict_past(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Reachable => "could reach the page",
        Verdict::RobotsBlocked => "was blocked by robots.txt",
        Verdict::Blocked => "was blocked by the server or firewall",
        Verdict::Challenged => "got a challenge instead of the page",
        Verdict::RateLimited => "was rate limited",
        Verdict::Timeout => "timed out",
        Verdict::Cloaked => "got a different page from visitors",
        Verdict::RedirectedAway => "was redirected away",
        Verdict::Unreachable => "could not load the page (nobody could)",
    }
}

fn verdict_present(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Reachable => "can reach it",
        Verdict::RobotsBlocked => "is blocked by robots.txt",
        Verdict::Blocked => "is blocked by the server or firewall",
        Verdict::Challenged => "gets a challenge instead of the page",
        Verdict::RateLimited => "is rate limited",
        Verdict::Timeout => "times out",
        Verdict::Cloaked => "gets a different page from visitors",
        Verdict::RedirectedAway => "is redirected away",
        Verdict::Unreachable => "cannot load the page (nobody can)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_describe_themselves_for_typescript_and_json_schema() {
        let decl = Comparison::decl(&ts_rs::Config::default());
        assert!(
            decl.contains("verdict_changes: Array<VerdictChange>"),
            "{decl}"
        );
        assert!(decl.contains("pages_added: Array<PageSnapshot>"), "{decl}");
        let delta = FindingDelta::decl(&ts_rs::Config::default());
        assert!(delta.contains("before: FindingState | null"), "{delta}");

        let schema = serde_json::to_value(schemars::schema_for!(Comparison)).unwrap();
        let required = schema["required"].as_array().unwrap();
        for field in ["new", "fixed", "changed", "unchanged", "verdict_changes"] {
            assert!(required.iter().any(|r| r == field), "{field} not required");
        }
    }
}
