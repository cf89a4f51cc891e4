//! Comparing two audits finding by finding.

mod support;

use preflight_document::report::{AuditReport, PageReport, Verdict};
use preflight_model::{Area, Finding, Severity, Status};
use preflight_report::{compare, Comparison, Direction, FindingState};
use support::*;

fn audit(started_at: &str, pages: Vec<PageReport>) -> AuditReport {
    let mut report = sample_report();
    report.started_at = started_at.into();
    report.summary = preflight_readiness::summary(&report);
    report.pages = pages;
    report
}

fn page_with(url: &str, verdict: Verdict, findings: Vec<Finding>) -> PageReport {
    let mut p = page(url, verdict, "Title");
    p.findings = findings;
    p
}

fn finding(id: &str, status: Status) -> Finding {
    Finding::new(id, Area::Pixel, status, format!("{id} title"))
}

fn ids(list: &[preflight_report::FindingDelta]) -> Vec<(&str, &str)> {
    list.iter()
        .map(|d| (d.page_url.as_str(), d.finding_id.as_str()))
        .collect()
}

const A: &str = "https://a.example/";
const B: &str = "https://b.example/";

#[test]
fn findings_are_sorted_into_new_fixed_changed_and_unchanged() {
    let older = audit(
        "2026-04-27T09:00:00Z",
        vec![page_with(
            A,
            Verdict::Reachable,
            vec![
                finding("gone-fail", Status::Fail),
                finding("now-pass", Status::Fail),
                finding("worse", Status::Warn),
                finding("same", Status::Fail),
                finding("gone-pass", Status::Pass),
                finding("still-pass", Status::Pass),
            ],
        )],
    );
    let newer = audit(
        "2026-05-04T09:00:00Z",
        vec![page_with(
            A,
            Verdict::Reachable,
            vec![
                finding("now-pass", Status::Pass),
                finding("worse", Status::Fail),
                finding("same", Status::Fail),
                finding("brand-new", Status::Warn),
                finding("new-but-passing", Status::Pass),
                finding("still-pass", Status::Pass),
            ],
        )],
    );
    let c = compare(&older, &newer);
    assert_eq!(ids(&c.new), [(A, "brand-new")]);
    assert_eq!(ids(&c.fixed), [(A, "now-pass"), (A, "gone-fail")]);
    assert_eq!(ids(&c.changed), [(A, "worse")]);
    assert_eq!(ids(&c.unchanged), [(A, "same"), (A, "still-pass")]);

    let worse = &c.changed[0];
    assert_eq!(
        worse.before,
        Some(FindingState {
            status: Status::Warn,
            severity: Severity::Medium
        })
    );
    assert_eq!(
        worse.after,
        Some(FindingState {
            status: Status::Fail,
            severity: Severity::High
        })
    );
    let gone = &c.fixed[1];
    assert_eq!(gone.after, None);
    assert_eq!(gone.title, "gone-fail title");
    assert!(c.verdict_changes.is_empty());
    assert!(!c.is_unchanged());
}

#[test]
fn verdict_changes_are_told_in_a_sentence() {
    let older = audit(
        "2026-04-27T09:00:00Z",
        vec![
            page_with(A, Verdict::Reachable, vec![]),
            page_with(B, Verdict::Challenged, vec![]),
        ],
    );
    let newer = audit(
        "2026-05-04T09:00:00Z",
        vec![
            page_with(A, Verdict::Blocked, vec![]),
            page_with(B, Verdict::Reachable, vec![]),
        ],
    );
    let c = compare(&older, &newer);
    assert_eq!(c.verdict_changes.len(), 2);
    let a = &c.verdict_changes[0];
    assert_eq!(
        (a.before, a.after, a.direction),
        (Verdict::Reachable, Verdict::Blocked, Direction::Worse)
    );
    assert_eq!(
        a.sentence,
        "OAI-AdsBot could reach the page on 27 April 2026 and is blocked by the server or firewall now."
    );
    let b = &c.verdict_changes[1];
    assert_eq!(b.direction, Direction::Better);
    assert_eq!(
        b.sentence,
        "OAI-AdsBot got a challenge instead of the page on 27 April 2026 and can reach it now."
    );
}

#[test]
fn pages_added_and_removed_are_listed_not_counted_as_findings() {
    let older = audit(
        "2026-04-27T09:00:00Z",
        vec![page_with(
            A,
            Verdict::Blocked,
            vec![finding("x", Status::Fail)],
        )],
    );
    let newer = audit(
        "2026-05-04T09:00:00Z",
        vec![page_with(
            B,
            Verdict::Reachable,
            vec![
                finding("x", Status::Fail),
                finding("y", Status::Warn),
                finding("z", Status::Pass),
            ],
        )],
    );
    let c = compare(&older, &newer);
    assert!(c.new.is_empty() && c.fixed.is_empty());
    assert_eq!(c.pages_added.len(), 1);
    assert_eq!(c.pages_added[0].page_url, B);
    assert_eq!(c.pages_added[0].open_findings, 2);
    assert_eq!(c.pages_removed.len(), 1);
    assert_eq!(c.pages_removed[0].verdict, Verdict::Blocked);
}

#[test]
fn an_audit_compared_with_itself_is_unchanged() {
    let report = sample_report();
    let c = compare(&report, &report);
    assert!(c.is_unchanged());
    let findings: usize = report.pages.iter().map(|p| p.findings.len()).sum();
    assert_eq!(c.unchanged.len(), findings);
}

#[test]
fn repeated_ids_on_a_page_count_once_by_their_worst_occurrence() {
    let older = audit(
        "2026-04-27T09:00:00Z",
        vec![page_with(
            A,
            Verdict::Reachable,
            vec![finding("dup", Status::Pass), finding("dup", Status::Fail)],
        )],
    );
    let newer = audit(
        "2026-05-04T09:00:00Z",
        vec![page_with(
            A,
            Verdict::Reachable,
            vec![finding("dup", Status::Pass)],
        )],
    );
    let c = compare(&older, &newer);
    assert_eq!(ids(&c.fixed), [(A, "dup")]);
    assert_eq!(c.fixed[0].before.unwrap().status, Status::Fail);
}

#[test]
fn comparison_round_trips_through_json() {
    let mut older = sample_report();
    older.pages[0].verdict = Verdict::Blocked;
    let c = compare(&older, &sample_report());
    let json = serde_json::to_string(&c).unwrap();
    let back: Comparison = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
    assert!(json.contains("\"direction\":\"better\""), "{json}");
}

#[test]
fn both_audits_are_read_under_the_counting_rules() {
    // The older audit was saved before a challenge and its error status counted as one root
    // cause: the folded error status is not "fixed", and the challenge is unchanged.
    let challenge = |extra: bool| {
        let mut findings = vec![Finding::new(
            "waf-challenges-adsbot",
            Area::Reachability,
            Status::Fail,
            "Challenged",
        )];
        if extra {
            findings.push(Finding::new(
                "bot-error-status",
                Area::Reachability,
                Status::Fail,
                "HTTP 403",
            ));
        }
        page_with(A, Verdict::Challenged, findings)
    };
    let older = audit("2026-04-27T09:00:00Z", vec![challenge(true)]);
    let newer = audit("2026-05-04T09:00:00Z", vec![challenge(false)]);
    let c = compare(&older, &newer);
    assert!(c.fixed.is_empty(), "{:?}", ids(&c.fixed));
    assert_eq!(ids(&c.unchanged), [(A, "waf-challenges-adsbot")]);
}
