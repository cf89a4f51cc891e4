//! The data the PDF template reads: everything worded, counted, ordered and made breakable in
//! Rust, so the template only lays it out. Serialised to JSON and read with `json(...)`.

use super::appendix::{params_block, robots_block, CheckBlock};
use super::text::{breakable, sanitize, short_url, shortened, web_link};
use crate::compare::{is_open, Comparison, FindingDelta, FindingState};
use crate::dates::{human_date, human_date_time};
use preflight_document::artifacts::FetchArtifact;
use preflight_document::report::{AuditReport, PageReport, RunStatus, Verdict};
use preflight_document::Agent;
use preflight_model::{Area, Finding, Severity, Status};
use serde::Serialize;

/// Longest evidence value printed in the PDF; the JSON and CSV exports keep it whole.
const EVIDENCE_CHARS: usize = 200;

/// Longest page address printed in table columns; the appendix prints it whole.
const TABLE_URL_CHARS: usize = 100;

#[derive(Serialize)]
pub(crate) struct PdfData {
    pub document_title: String,
    pub client_name: Option<String>,
    pub agency_name: Option<String>,
    /// Virtual path of the logo file, when there is one.
    pub logo: Option<String>,
    pub audit_date: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub generator: String,
    pub run_note: Option<String>,
    pub readiness: Readiness,
    pub summary: Vec<String>,
    pub counts: Counts,
    pub areas: Vec<AreaRow>,
    pub verdicts: Vec<VerdictRow>,
    pub findings: Vec<FindingRow>,
    pub limits: Vec<String>,
    pub pages: Vec<AppendixPage>,
    pub comparison: Option<ComparisonData>,
    /// How the pages and journeys cover the audit's conversion funnel, when one was chosen.
    pub funnel: Option<super::funnel::FunnelData>,
}

#[derive(Serialize)]
pub(crate) struct Readiness {
    pub headline: String,
    pub detail: String,
    pub tone: Tone,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Tone {
    Good,
    Warn,
    Bad,
    Neutral,
}

#[derive(Serialize)]
pub(crate) struct Counts {
    pub pages: usize,
    pub reachable: usize,
    pub not_reachable: usize,
    pub failing_findings: usize,
    pub warnings: usize,
    pub passed_checks: usize,
}

#[derive(Serialize)]
pub(crate) struct AreaRow {
    pub name: &'static str,
    pub ready: usize,
    pub attention: usize,
    pub not_ready: usize,
    pub not_checked: usize,
}

#[derive(Serialize)]
pub(crate) struct VerdictRow {
    pub label: &'static str,
    pub count: usize,
    pub tone: Tone,
}

#[derive(Serialize)]
pub(crate) struct FindingRow {
    pub page: String,
    pub page_href: Option<String>,
    pub severity: &'static str,
    pub status: &'static str,
    pub tone: Tone,
    pub title: String,
    pub detail: String,
    pub evidence: Vec<EvidenceRow>,
    pub remedy: String,
}

#[derive(Serialize)]
pub(crate) struct EvidenceRow {
    pub label: String,
    pub value: String,
    pub location: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct AppendixPage {
    pub url: String,
    pub href: Option<String>,
    pub verdict: &'static str,
    pub tone: Tone,
    pub reason: String,
    pub vendor: Option<String>,
    pub title: Option<String>,
    pub fetches: Vec<FetchRow>,
    /// robots.txt's verdict for this address, when the report has it.
    pub robots: Option<CheckBlock>,
    /// Whether the tracking parameters survived the redirects, when the report has it.
    pub params: Option<CheckBlock>,
}

#[derive(Serialize)]
pub(crate) struct FetchRow {
    pub agent: &'static str,
    pub outcome: String,
    pub tone: Tone,
    pub final_url: Option<String>,
    pub hops: Vec<String>,
    pub total_ms: u32,
}

#[derive(Serialize)]
pub(crate) struct ComparisonData {
    pub since: String,
    pub verdict_changes: Vec<VerdictChangeRow>,
    pub new: Vec<DeltaRow>,
    pub fixed: Vec<DeltaRow>,
    pub changed: Vec<DeltaRow>,
    pub unchanged_open: usize,
    pub pages_added: Vec<PageChangeRow>,
    pub pages_removed: Vec<PageChangeRow>,
}

#[derive(Serialize)]
pub(crate) struct VerdictChangeRow {
    pub page: String,
    pub sentence: String,
    pub tone: Tone,
}

#[derive(Serialize)]
pub(crate) struct DeltaRow {
    pub page: String,
    pub title: String,
    pub before: String,
    pub after: String,
}

#[derive(Serialize)]
pub(crate) struct PageChangeRow {
    pub page: String,
    pub verdict: &'static str,
    pub open_findings: u32,
}

pub(crate) struct Branding<'a> {
    pub client_name: Option<&'a str>,
    pub agency_name: Option<&'a str>,
    pub logo_path: Option<&'a str>,
}

pub(crate) fn build(
    report: &AuditReport,
    branding: &Branding,
    comparison: Option<&Comparison>,
) -> PdfData {
    let client_name = branding
        .client_name
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(breakable);
    let document_title = match &client_name {
        Some(client) => format!("Ad landing page readiness: {}", sanitize(client)),
        None => "Ad landing page readiness".to_string(),
    };
    PdfData {
        document_title,
        client_name,
        agency_name: branding
            .agency_name
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(breakable),
        logo: branding.logo_path.map(str::to_string),
        audit_date: human_date(&report.started_at),
        started_at: human_date_time(&report.started_at),
        finished_at: report.finished_at.as_deref().map(human_date_time),
        generator: sanitize(&report.generator),
        run_note: run_note(report),
        readiness: readiness(report),
        summary: executive_summary(report),
        counts: counts(report),
        areas: area_rows(&report.pages),
        verdicts: verdict_rows(&report.pages),
        findings: finding_rows(&report.pages),
        limits: report.limits.iter().map(|l| breakable(l)).collect(),
        pages: report.pages.iter().map(appendix_page).collect(),
        comparison: comparison.map(comparison_data),
        funnel: report.funnel.as_ref().map(super::funnel::funnel_data),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn run_note(report: &AuditReport) -> Option<String> {
    let pages = plural(report.pages.len(), "page was", "pages were");
    match report.status {
        RunStatus::Complete => None,
        RunStatus::Cancelled => Some(format!(
            "This audit was stopped before it finished: only {pages} checked."
        )),
        RunStatus::Interrupted => Some(format!(
            "This audit was interrupted before it finished: only {pages} checked."
        )),
        RunStatus::Running => Some(format!(
            "This audit was still running when this report was made: {pages} checked so far."
        )),
    }
}

fn counts(report: &AuditReport) -> Counts {
    let findings = || report.pages.iter().flat_map(|p| &p.findings);
    let reachable = report
        .pages
        .iter()
        .filter(|p| p.verdict == Verdict::Reachable)
        .count();
    Counts {
        pages: report.pages.len(),
        reachable,
        not_reachable: report.pages.len() - reachable,
        failing_findings: findings().filter(|f| f.status == Status::Fail).count(),
        warnings: findings()
            .filter(|f| matches!(f.status, Status::Warn | Status::Error))
            .count(),
        passed_checks: findings().filter(|f| f.status == Status::Pass).count(),
    }
}

/// The cover's one-line answer, and a sentence saying what it rests on.
fn readiness(report: &AuditReport) -> Readiness {
    let pages = report.pages.len();
    let blocked = report
        .pages
        .iter()
        .filter(|p| p.verdict != Verdict::Reachable)
        .count();
    let reachable_failing = report
        .pages
        .iter()
        .filter(|p| p.verdict == Verdict::Reachable && preflight_readiness::page_counts(p).blocked())
        .count();
    let warnings = report
        .pages
        .iter()
        .flat_map(|p| &p.findings)
        .filter(|f| matches!(f.status, Status::Warn | Status::Error))
        .count();
    let incomplete = report.status != RunStatus::Complete;

    if pages == 0 {
        return Readiness {
            headline: "No pages audited".into(),
            detail: "This audit holds no results, so it says nothing about readiness.".into(),
            tone: Tone::Neutral,
        };
    }
    let (mut headline, mut detail, tone) = if blocked > 0 {
        let also = if reachable_failing > 0 {
            format!(
                " {} also {} problems that stop ads from serving or being measured.",
                plural(reachable_failing, "reachable page", "reachable pages"),
                if reachable_failing == 1 {
                    "has"
                } else {
                    "have"
                }
            )
        } else {
            String::new()
        };
        (
            format!("Not ready: {} blocked", plural(blocked, "page", "pages")),
            format!(
                "OAI-AdsBot cannot use {blocked} of the {} audited as an ad landing page.{also}",
                plural(pages, "page", "pages")
            ),
            Tone::Bad,
        )
    } else if reachable_failing > 0 {
        (
            format!(
                "Not ready: {} to fix",
                plural(reachable_failing, "page", "pages")
            ),
            format!(
                "OAI-AdsBot can reach every page, but {reachable_failing} of {pages} have problems that stop ads from serving or being measured."
            ),
            Tone::Bad,
        )
    } else if warnings > 0 {
        (
            format!("Ready, with {}", plural(warnings, "warning", "warnings")),
            format!(
                "OAI-AdsBot can reach all {} and nothing blocks ads; some points are worth improving.",
                plural(pages, "page", "pages")
            ),
            Tone::Warn,
        )
    } else {
        (
            "Ready".to_string(),
            format!(
                "OAI-AdsBot can reach all {} and no check found a problem.",
                plural(pages, "page", "pages")
            ),
            Tone::Good,
        )
    };
    if incomplete {
        headline.push_str(" (incomplete audit)");
        detail.push_str(" Not every page was checked.");
    }
    Readiness {
        headline,
        detail,
        tone,
    }
}

/// The executive summary, one paragraph per point, in plain language.
fn executive_summary(report: &AuditReport) -> Vec<String> {
    let c = counts(report);
    let mut paragraphs = vec![format!(
        "We loaded {} as OAI-AdsBot, the crawler OpenAI uses to review ad landing pages, and as an ordinary desktop browser, then compared what each was given.",
        plural(c.pages, "landing page", "landing pages")
    )];
    if c.pages == 0 {
        return paragraphs;
    }

    let mut reach = format!(
        "{} of {} can be reached by the bot.",
        c.reachable,
        plural(c.pages, "page", "pages")
    );
    let not_reachable: Vec<String> = verdict_rows(&report.pages)
        .into_iter()
        .filter(|row| row.count > 0 && row.label != Verdict::Reachable.label())
        .map(|row| format!("{} {}", row.count, row.label.to_lowercase()))
        .collect();
    if !not_reachable.is_empty() {
        reach.push_str(&format!(
            " The others are not usable for ads: {}.",
            not_reachable.join(", ")
        ));
    }
    paragraphs.push(reach);

    paragraphs.push(match (c.failing_findings, c.warnings) {
        (0, 0) => "No check found a problem that needs action.".to_string(),
        (fails, warns) => format!(
            "The checks found {} that stop ads from serving or being measured, and {} worth fixing.",
            plural(fails, "problem", "problems"),
            plural(warns, "warning", "warnings")
        ),
    });

    if let Some((title, pages)) = most_common_failure(&report.pages) {
        paragraphs.push(format!(
            "The most common problem is \u{201C}{}\u{201D}, on {}. Fixing it first helps the most pages.",
            breakable(&title),
            plural(pages, "page", "pages")
        ));
    }
    if c.not_reachable > 0 {
        paragraphs.push(
            "Start with the blocked pages: until the bot can load them, no other fix matters for those ads. Each finding below says what to change and where."
                .to_string(),
        );
    }
    paragraphs
}

/// The failing finding (by id) that occurs on the most pages, with its title.
fn most_common_failure(pages: &[PageReport]) -> Option<(String, usize)> {
    let mut tally: Vec<(&str, &str, usize)> = Vec::new();
    for page in pages {
        let mut seen: Vec<&str> = Vec::new();
        for f in page.findings.iter().filter(|f| f.status == Status::Fail) {
            if seen.contains(&f.id.as_str()) {
                continue;
            }
            seen.push(&f.id);
            match tally.iter_mut().find(|(id, _, _)| *id == f.id) {
                Some(entry) => entry.2 += 1,
                None => tally.push((&f.id, &f.title, 1)),
            }
        }
    }
    // First-seen wins ties, so the result is stable.
    tally
        .into_iter()
        .rev()
        .max_by_key(|(_, _, n)| *n)
        .filter(|(_, _, n)| *n > 1)
        .map(|(_, title, n)| (title.to_string(), n))
}

const AREAS: [(Area, &str); 4] = [
    (Area::Reachability, "Reachability"),
    (Area::Pixel, "Ads pixel"),
    (Area::Utm, "Tracking parameters"),
    (Area::Page, "Page health"),
];

/// Per area, how many pages are ready, need attention, are not ready, or were not checked.
fn area_rows(pages: &[PageReport]) -> Vec<AreaRow> {
    AREAS
        .iter()
        .map(|(area, name)| {
            let mut row = AreaRow {
                name,
                ready: 0,
                attention: 0,
                not_ready: 0,
                not_checked: 0,
            };
            for page in pages {
                let statuses: Vec<Status> = page
                    .findings
                    .iter()
                    .filter(|f| f.area == *area)
                    .map(|f| f.status)
                    .collect();
                if statuses.iter().all(|s| *s == Status::NotApplicable) {
                    row.not_checked += 1;
                } else if statuses.contains(&Status::Fail) {
                    row.not_ready += 1;
                } else if statuses.iter().any(|s| is_open(*s)) {
                    row.attention += 1;
                } else {
                    row.ready += 1;
                }
            }
            row
        })
        .collect()
}

const VERDICT_ORDER: [Verdict; 9] = [
    Verdict::Reachable,
    Verdict::RobotsBlocked,
    Verdict::Blocked,
    Verdict::Challenged,
    Verdict::RateLimited,
    Verdict::Timeout,
    Verdict::Cloaked,
    Verdict::RedirectedAway,
    Verdict::Unreachable,
];

fn verdict_rows(pages: &[PageReport]) -> Vec<VerdictRow> {
    VERDICT_ORDER
        .iter()
        .map(|v| VerdictRow {
            label: v.label(),
            count: pages.iter().filter(|p| p.verdict == *v).count(),
            tone: verdict_tone(*v),
        })
        .collect()
}

fn verdict_tone(verdict: Verdict) -> Tone {
    match verdict {
        Verdict::Reachable => Tone::Good,
        Verdict::RateLimited | Verdict::Timeout => Tone::Warn,
        _ => Tone::Bad,
    }
}

/// Findings that say something (everything but passes and not-applicable), most urgent first,
/// then in page order.
fn finding_rows(pages: &[PageReport]) -> Vec<FindingRow> {
    let mut rows: Vec<(Severity, usize, usize, &PageReport, &Finding)> = Vec::new();
    for (page_index, page) in pages.iter().enumerate() {
        for (index, finding) in page.findings.iter().enumerate() {
            if !matches!(finding.status, Status::Pass | Status::NotApplicable) {
                rows.push((finding.severity, page_index, index, page, finding));
            }
        }
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    rows.into_iter()
        .map(|(_, _, _, page, f)| FindingRow {
            page: short_url(&page.url, TABLE_URL_CHARS),
            page_href: web_link(&page.url),
            severity: severity_label(f.severity),
            status: status_label(f.status),
            tone: status_tone(f.status),
            title: breakable(&f.title),
            detail: breakable(&f.detail),
            evidence: f
                .evidence
                .iter()
                .map(|e| EvidenceRow {
                    label: breakable(&e.label),
                    value: shortened(&e.value, EVIDENCE_CHARS),
                    location: e.location.as_deref().map(|l| short_url(l, TABLE_URL_CHARS)),
                })
                .collect(),
            remedy: breakable(&f.remedy),
        })
        .collect()
}

fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::None => "None",
    }
}

fn status_label(status: Status) -> &'static str {
    match status {
        Status::Pass => "Pass",
        Status::Warn => "Warning",
        Status::Fail => "Fail",
        Status::Info => "Information",
        Status::NotApplicable => "Not applicable",
        Status::Error => "Check could not run",
    }
}

fn status_tone(status: Status) -> Tone {
    match status {
        Status::Fail => Tone::Bad,
        Status::Warn | Status::Error => Tone::Warn,
        Status::Pass => Tone::Good,
        Status::Info | Status::NotApplicable => Tone::Neutral,
    }
}

fn appendix_page(page: &PageReport) -> AppendixPage {
    let title = page
        .fetches
        .iter()
        .find(|f| f.agent == Agent::Browser && f.title.is_some())
        .or_else(|| page.fetches.iter().find(|f| f.title.is_some()))
        .and_then(|f| f.title.as_deref())
        .map(breakable);
    AppendixPage {
        url: breakable(&page.url),
        href: web_link(&page.url),
        verdict: page.verdict.label(),
        tone: verdict_tone(page.verdict),
        reason: breakable(&page.verdict_reason),
        vendor: page.vendor.as_deref().map(breakable),
        title,
        fetches: page.fetches.iter().map(fetch_row).collect(),
        robots: robots_block(page),
        params: params_block(page),
    }
}

fn fetch_row(fetch: &FetchArtifact) -> FetchRow {
    let (outcome, tone) = match (&fetch.error, fetch.status) {
        (Some(error), _) => (format!("Failed: {}", breakable(&error.message)), Tone::Bad),
        (None, Some(status)) => (
            format!("HTTP {status}"),
            match status {
                200..=299 => Tone::Good,
                300..=399 => Tone::Warn,
                _ => Tone::Bad,
            },
        ),
        (None, None) => ("No response".to_string(), Tone::Bad),
    };
    let hops = if fetch.redirect_count() == 0 {
        Vec::new()
    } else {
        fetch
            .hops
            .iter()
            .map(|hop| {
                format!(
                    "{} {} ({} ms)",
                    hop.status,
                    breakable(&hop.url),
                    hop.elapsed_ms
                )
            })
            .collect()
    };
    FetchRow {
        agent: fetch.agent.label(),
        outcome,
        tone,
        final_url: fetch.final_url.as_deref().map(breakable),
        hops,
        total_ms: fetch.total_ms,
    }
}

fn comparison_data(comparison: &Comparison) -> ComparisonData {
    let deltas = |list: &[FindingDelta]| list.iter().map(delta_row).collect();
    let page_changes = |list: &[crate::compare::PageSnapshot]| {
        list.iter()
            .map(|p| PageChangeRow {
                page: short_url(&p.page_url, TABLE_URL_CHARS),
                verdict: p.verdict.label(),
                open_findings: p.open_findings,
            })
            .collect()
    };
    ComparisonData {
        since: human_date(&comparison.older_started_at),
        verdict_changes: comparison
            .verdict_changes
            .iter()
            .map(|c| VerdictChangeRow {
                page: short_url(&c.page_url, TABLE_URL_CHARS),
                sentence: sanitize(&c.sentence),
                tone: match c.direction {
                    crate::compare::Direction::Better => Tone::Good,
                    crate::compare::Direction::Worse => Tone::Bad,
                    crate::compare::Direction::Different => Tone::Warn,
                },
            })
            .collect(),
        new: deltas(&comparison.new),
        fixed: deltas(&comparison.fixed),
        changed: deltas(&comparison.changed),
        unchanged_open: comparison
            .unchanged
            .iter()
            .filter(|d| d.after.is_some_and(|s| is_open(s.status)))
            .count(),
        pages_added: page_changes(&comparison.pages_added),
        pages_removed: page_changes(&comparison.pages_removed),
    }
}

fn delta_row(delta: &FindingDelta) -> DeltaRow {
    let state = |s: Option<FindingState>| match s {
        Some(s) => format!(
            "{} ({})",
            status_label(s.status),
            severity_label(s.severity).to_lowercase()
        ),
        None => "Absent".to_string(),
    };
    DeltaRow {
        page: short_url(&delta.page_url, TABLE_URL_CHARS),
        title: breakable(&delta.title),
        before: state(delta.before),
        after: state(delta.after),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use preflight_document::report::{standard_limits, Summary};
    use preflight_model::Confidence;

    // Built through serde so fields the report types gain later (with defaults) need no change.
    fn page(url: &str, verdict: Verdict, findings: Vec<Finding>) -> PageReport {
        serde_json::from_value(serde_json::json!({
            "url": url,
            "verdict": verdict,
            "verdict_confidence": Confidence::High,
            "verdict_reason": "reason",
            "findings": findings,
            "fetches": [],
        }))
        .unwrap()
    }

    fn report(pages: Vec<PageReport>, status: RunStatus) -> AuditReport {
        serde_json::from_value(serde_json::json!({
            "schema_version": 1,
            "generator": "preflight 0.1.0",
            "started_at": "2026-05-03T10:00:00Z",
            "status": status,
            "summary": Summary::default(),
            "pages": pages,
            "limits": standard_limits(),
        }))
        .unwrap()
    }

    fn fail(id: &str) -> Finding {
        Finding::new(id, Area::Pixel, Status::Fail, format!("{id} failed"))
    }

    #[test]
    fn readiness_headline_counts_blocked_pages_first() {
        let r = report(
            vec![
                page("https://a.example/", Verdict::Blocked, vec![]),
                page("https://b.example/", Verdict::Challenged, vec![]),
                page("https://c.example/", Verdict::Reachable, vec![fail("x")]),
            ],
            RunStatus::Complete,
        );
        let r = readiness(&r);
        assert_eq!(r.headline, "Not ready: 2 pages blocked");
        assert!(r.detail.contains("1 reachable page also has problems"));
        assert_eq!(r.tone, Tone::Bad);
    }

    #[test]
    fn readiness_covers_fixes_warnings_clean_and_incomplete_runs() {
        let reachable = |f| page("https://a.example/", Verdict::Reachable, f);
        let warn = Finding::new("w", Area::Page, Status::Warn, "slow");
        let headline = |pages, status| readiness(&report(pages, status)).headline;
        assert_eq!(
            headline(vec![reachable(vec![fail("x")])], RunStatus::Complete),
            "Not ready: 1 page to fix"
        );
        assert_eq!(
            headline(vec![reachable(vec![warn])], RunStatus::Complete),
            "Ready, with 1 warning"
        );
        assert_eq!(
            headline(vec![reachable(vec![])], RunStatus::Complete),
            "Ready"
        );
        assert_eq!(
            headline(vec![reachable(vec![])], RunStatus::Cancelled),
            "Ready (incomplete audit)"
        );
        assert_eq!(headline(vec![], RunStatus::Complete), "No pages audited");
    }

    #[test]
    fn summary_names_the_most_common_failure() {
        let r = report(
            vec![
                page(
                    "https://a.example/",
                    Verdict::Reachable,
                    vec![fail("pixel-missing")],
                ),
                page(
                    "https://b.example/",
                    Verdict::Reachable,
                    vec![fail("pixel-missing")],
                ),
                page(
                    "https://c.example/",
                    Verdict::RobotsBlocked,
                    vec![fail("other")],
                ),
            ],
            RunStatus::Complete,
        );
        let text = executive_summary(&r).join("\n");
        assert!(text.contains("2 of 3 pages can be reached"), "{text}");
        assert!(text.contains("1 blocked by robots.txt"), "{text}");
        assert!(
            text.contains("\u{201C}pixel-missing failed\u{201D}, on 2 pages"),
            "{text}"
        );
    }

    #[test]
    fn area_rows_classify_each_page_once() {
        let pages = vec![
            page("https://a.example/", Verdict::Reachable, vec![fail("p")]),
            page(
                "https://b.example/",
                Verdict::Reachable,
                vec![Finding::new("p", Area::Pixel, Status::Warn, "t")],
            ),
            page(
                "https://c.example/",
                Verdict::Reachable,
                vec![Finding::new("p", Area::Pixel, Status::Pass, "t")],
            ),
            page("https://d.example/", Verdict::Reachable, vec![]),
        ];
        let pixel = &area_rows(&pages)[1];
        assert_eq!(pixel.name, "Ads pixel");
        assert_eq!(
            (
                pixel.not_ready,
                pixel.attention,
                pixel.ready,
                pixel.not_checked
            ),
            (1, 1, 1, 1)
        );
    }

    #[test]
    fn findings_table_skips_passes_and_puts_high_severity_first() {
        let pages = vec![page(
            "https://a.example/",
            Verdict::Reachable,
            vec![
                Finding::new("i", Area::Page, Status::Info, "info"),
                Finding::new("p", Area::Page, Status::Pass, "pass"),
                fail("f"),
            ],
        )];
        let rows = finding_rows(&pages);
        let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["f failed", "info"]);
    }
}
