//! The data the PDF template reads: everything worded, ordered and made breakable in Rust, so
//! the template only lays it out. Serialised to JSON and read with `json(...)`.
//!
//! Every count and the verdict come from the readiness model ([`preflight_readiness::assess`]);
//! the sections are built by the modules beside this one, which share only `tone` and `text`:
//! `summary` (cover, executive summary, key figures, checklist), `findings`, `funnel`,
//! `changes`, `openai_seen`, `server_side` and `appendix`.

use super::appendix::{appendix_page, AppendixPage};
use super::changes::{comparison_data, ComparisonData};
use super::findings::{finding_rows, FindingRow};
use super::funnel::{funnel_data, FunnelData};
use super::openai_seen::{openai_seen_data, OpenAiSeenData};
use super::server_side::{server_side_data, ServerSideData};
use super::summary::{
    checklist_rows, cover, executive_summary, partial_note, stats, verdict_rows, ChecklistRow,
    Cover, PartialNote, Stat, VerdictRow,
};
use super::text::{breakable, sanitize};
use crate::compare::Comparison;
use crate::dates::{human_date, human_date_time};
use crate::ground_truth::WhatOpenAiSaw;
use crate::read::ReadAudit;
use preflight_capi::ServerSideConversions;
use serde::Serialize;

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
    pub cover: Cover,
    /// Printed in the running header and footer of a partial audit.
    pub partial_note: Option<PartialNote>,
    pub summary: Vec<String>,
    pub stats: Vec<Stat>,
    pub checklist: Vec<ChecklistRow>,
    pub verdicts: Vec<VerdictRow>,
    pub findings: Vec<FindingRow>,
    pub limits: Vec<String>,
    pub pages: Vec<AppendixPage>,
    pub comparison: Option<ComparisonData>,
    /// How the pages and journeys cover the audit's conversion funnel, when one was chosen.
    pub funnel: Option<FunnelData>,
    /// OpenAI's review of the ads and the real crawler's log lines, when the client has them.
    pub openai_seen: Option<OpenAiSeenData>,
    /// The client's latest Conversions API validation and pairing, when either was run.
    pub server_side: Option<ServerSideData>,
}

pub(crate) struct Branding<'a> {
    pub client_name: Option<&'a str>,
    pub agency_name: Option<&'a str>,
    pub logo_path: Option<&'a str>,
}

/// The view model of an audit read under the counting rules ([`crate::read::read`]).
pub(crate) fn build(
    audit: &ReadAudit,
    branding: &Branding,
    comparison: Option<&Comparison>,
    what_openai_saw: Option<&WhatOpenAiSaw>,
    server_side_conversions: Option<&ServerSideConversions>,
) -> PdfData {
    let ReadAudit { report, readiness } = audit;
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
        cover: cover(report, readiness),
        partial_note: partial_note(readiness),
        summary: executive_summary(report, readiness),
        stats: stats(readiness),
        checklist: checklist_rows(readiness),
        verdicts: verdict_rows(readiness),
        findings: finding_rows(report),
        limits: report.limits.iter().map(|l| breakable(l)).collect(),
        pages: report
            .pages
            .iter()
            .enumerate()
            .map(|(i, page)| appendix_page(page, readiness.pages.get(i)))
            .collect(),
        comparison: comparison.map(comparison_data),
        funnel: report.funnel.as_ref().map(funnel_data),
        openai_seen: what_openai_saw
            .filter(|seen| !seen.pages.is_empty() || !seen.ads_not_audited.is_empty())
            .map(openai_seen_data),
        server_side: server_side_conversions.and_then(server_side_data),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::tone::Tone;
    use crate::read::read;
    use preflight_document::report::{standard_limits, AuditReport, PageReport, RunStatus};
    use preflight_document::report::{Summary, Verdict};
    use preflight_model::{Area, Confidence, Finding, Status};

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

    fn data(report: &AuditReport) -> PdfData {
        let branding = Branding {
            client_name: None,
            agency_name: None,
            logo_path: None,
        };
        build(&read(report), &branding, None, None, None)
    }

    #[test]
    fn the_cover_says_what_the_readiness_model_says() {
        let r = report(
            vec![
                page("https://a.example/", Verdict::Blocked, vec![]),
                page("https://b.example/", Verdict::Challenged, vec![]),
                page("https://c.example/", Verdict::Reachable, vec![fail("x")]),
                page("https://d.example/", Verdict::Reachable, vec![]),
            ],
            RunStatus::Complete,
        );
        let readiness = preflight_readiness::assess(&r);
        let d = data(&r);
        assert_eq!(d.cover.headline, readiness.headline);
        assert_eq!(
            d.cover.headline,
            "Not ready: 3 of 4 pages have blocking problems."
        );
        assert_eq!(d.cover.tone, Tone::Bad);
        assert!(d.partial_note.is_none());
        let values: Vec<u32> = d.stats.iter().map(|s| s.value).collect();
        let c = &readiness.counts;
        assert_eq!(
            values,
            [
                c.pages,
                c.reachable,
                c.failing_pages,
                c.failing_findings,
                c.warnings
            ]
        );
    }

    #[test]
    fn a_stopped_audit_is_partial_never_a_verdict() {
        let mut r = report(
            vec![page("https://a.example/", Verdict::Reachable, vec![])],
            RunStatus::Cancelled,
        );
        r.planned_pages = Some(13);
        let d = data(&r);
        assert_eq!(d.cover.label, "Partial");
        assert_eq!(d.cover.tone, Tone::Neutral);
        assert!(d.cover.kicker.contains("NOT A READINESS VERDICT"));
        assert_eq!(d.cover.pages_checked, "1 of 13 planned");
        assert_eq!(
            d.partial_note.map(|n| n.header).as_deref(),
            Some("Partial audit: 1 of 13 pages checked. Not a readiness verdict.")
        );
        assert!(
            !d.cover.headline.starts_with("Ready"),
            "{}",
            d.cover.headline
        );
        assert_eq!(d.stats[0].label, "Pages checked (of 13 planned)");
    }

    #[test]
    fn empty_audits_say_nothing_was_checked() {
        let d = data(&report(vec![], RunStatus::Complete));
        assert_eq!(d.cover.headline, "No page was checked.");
        assert_eq!(d.cover.tone, Tone::Neutral);
        assert_eq!(d.summary.len(), 1);
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
        let text = data(&r).summary.join("\n");
        assert!(text.contains("OAI-AdsBot can use 2 of 3 pages"), "{text}");
        assert!(text.contains("1 blocked by robots.txt"), "{text}");
        assert!(
            text.contains("\u{201C}pixel-missing failed\u{201D}, on 2 pages"),
            "{text}"
        );
        assert!(
            text.contains("3 of 3 pages have blocking problems"),
            "{text}"
        );
    }

    #[test]
    fn checklist_rows_are_the_checklist_items() {
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
        let r = report(pages, RunStatus::Complete);
        let d = data(&r);
        let items = preflight_readiness::assess(&r).checklist.items;
        assert_eq!(d.checklist.len(), items.len());
        let pixel = &d.checklist[1];
        assert_eq!(pixel.title, items[1].title);
        assert_eq!(pixel.status, "Fail");
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
    fn findings_table_skips_passes_merges_root_causes_and_lists_the_funnel() {
        let challenged = page(
            "https://a.example/",
            Verdict::Challenged,
            vec![
                Finding::new("i", Area::Page, Status::Info, "info"),
                Finding::new("p", Area::Page, Status::Pass, "pass"),
                Finding::new("bot-error-status", Area::Reachability, Status::Fail, "403"),
                Finding::new(
                    "waf-challenges-adsbot",
                    Area::Reachability,
                    Status::Fail,
                    "challenge",
                ),
            ],
        );
        let mut r = report(vec![challenged], RunStatus::Complete);
        preflight_readiness::funnel::apply(&mut r, Some("ecommerce"));
        let rows = data(&r).findings;
        let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
        assert!(titles.contains(&"challenge") && titles.contains(&"info"));
        assert!(!titles.contains(&"403"), "{titles:?}");
        assert!(!titles.contains(&"pass"));
        assert!(rows
            .iter()
            .any(|r| r.place == super::super::findings::FUNNEL_PAGE));
    }

    #[test]
    fn a_finding_on_many_pages_is_one_entry_standing_for_each_page() {
        let warn = || Finding::new("page-not-https", Area::Page, Status::Warn, "Not HTTPS");
        let pages: Vec<PageReport> = (0..13)
            .map(|i| {
                let mut findings = vec![warn(), fail("pixel-not-found")];
                if i == 4 {
                    // The same finding twice on one page: two entries, each page named once.
                    findings.push(fail("pixel-not-found"));
                }
                if i == 7 {
                    findings.push(Finding::new(
                        "page-not-https",
                        Area::Page,
                        Status::Warn,
                        "Other",
                    ));
                }
                page(
                    &format!("http://a.example/p{i}"),
                    Verdict::Reachable,
                    findings,
                )
            })
            .collect();
        let r = report(pages, RunStatus::Complete);
        let counts = preflight_readiness::assess(&r).counts;
        let rows = data(&r).findings;
        let titles: Vec<(&str, usize)> = rows
            .iter()
            .map(|r| (r.title.as_str(), r.page_count))
            .collect();
        assert_eq!(
            titles,
            [
                ("pixel-not-found failed", 13),
                ("pixel-not-found failed", 1),
                ("Not HTTPS", 13),
                ("Other", 1)
            ]
        );
        let sum = |status: &str| -> usize {
            rows.iter()
                .filter(|r| r.status == status)
                .map(|r| r.page_count)
                .sum()
        };
        assert_eq!(sum("Blocking problem"), counts.failing_findings as usize);
        assert_eq!(sum("Warning"), counts.warnings as usize);
        let https = &rows[2];
        assert_eq!(https.place, "On 13 pages of http://a.example:");
        assert_eq!(https.pages.len(), 13);
        assert_eq!(https.pages[0].text, "/p0");
        assert!(https.more.is_none());
        assert_eq!(rows[1].place, "On http://a.example/p4");
    }

    #[test]
    fn a_huge_list_of_pages_is_cut_and_says_how_many_more() {
        let pages: Vec<PageReport> = (0..45)
            .map(|i| {
                page(
                    &format!("https://a.example/p{i}"),
                    Verdict::Reachable,
                    vec![fail("x")],
                )
            })
            .collect();
        let rows = data(&report(pages, RunStatus::Complete)).findings;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].place, "On 45 pages of https://a.example:");
        assert_eq!(rows[0].pages.len(), 30);
        assert_eq!(
            rows[0].more.as_deref(),
            Some("and 15 more (every page is in the technical appendix)")
        );
    }
}
