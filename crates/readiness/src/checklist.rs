//! The readiness checklist of one audit, the three questions a marketer asks before launch:
//! does OAI-AdsBot reach every page, is the pixel installed with the events the funnel needs,
//! are the tracking parameters clean and do they survive redirects. Pages are judged under the
//! counting rules ([`crate::rules`]), so the checklist and the counts always agree.

use crate::{counts, rules};
use preflight_document::report::{AuditReport, PageReport, Verdict};
use preflight_model::{Area, Finding, Status};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemId {
    Reachability,
    Pixel,
    Utm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Pass,
    /// Nothing in this audit checked this item.
    NotChecked,
    Warn,
    Fail,
}

/// A page that fails or warns on an item, and the finding that says why.
impl ItemStatus {
    pub const ALL: [ItemStatus; 4] = [
        ItemStatus::Pass,
        ItemStatus::NotChecked,
        ItemStatus::Warn,
        ItemStatus::Fail,
    ];

    /// The item's answer, for people.
    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Pass => "Pass",
            ItemStatus::Warn => "Needs attention",
            ItemStatus::Fail => "Fail",
            ItemStatus::NotChecked => "Not checked",
        }
    }
}

/// A page that fails or warns on an item, and the finding that says why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ItemEvidence {
    pub url: String,
    /// The finding to open for the evidence and the fix (absent for a verdict-only problem).
    pub finding_id: Option<String>,
    pub reason: String,
    /// A failure (stops ads serving or being measured) rather than a warning.
    pub blocking: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChecklistItem {
    pub id: ItemId,
    pub title: String,
    pub status: ItemStatus,
    /// Pages that pass this item, of `checked` pages that were checked for it.
    pub passed: u32,
    pub checked: u32,
    /// One sentence for the reader.
    pub summary: String,
    /// The failing pages first, then the warnings.
    pub evidence: Vec<ItemEvidence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Checklist {
    pub items: Vec<ChecklistItem>,
    /// True when no item fails and every item was checked; warnings do not stop readiness.
    pub ready: bool,
    /// Pages with at least one failing item: problems that stop ads serving or being measured.
    pub blocking_pages: u32,
}

pub fn checklist(report: &AuditReport) -> Checklist {
    let items = vec![
        reachability(&report.pages),
        with_funnel(
            by_area(
                &report.pages,
                ItemId::Pixel,
                "The measurement pixel is installed with the events the funnel needs",
                &[Area::Pixel],
                |_| None,
            ),
            report.funnel.as_ref(),
        ),
        by_area(
            &report.pages,
            ItemId::Utm,
            "Tracking parameters are clean and survive redirects",
            &[Area::Utm],
            params_dropped,
        ),
    ];
    let blocking_pages = counts::summary(report).failing_pages;
    Checklist {
        ready: items
            .iter()
            .all(|i| matches!(i.status, ItemStatus::Pass | ItemStatus::Warn)),
        items,
        blocking_pages,
    }
}

/// The funnel is judged over all pages and journeys together: a needed event missing
/// everywhere is worth fixing, one that is always sent broken fails the item.
fn with_funnel(
    mut item: ChecklistItem,
    funnel: Option<&preflight_document::funnel::RunFunnel>,
) -> ChecklistItem {
    let Some(funnel) = funnel else { return item };
    let missing: Vec<&str> = funnel
        .coverage
        .missing
        .iter()
        .filter(|m| m.required)
        .map(|m| m.event.as_str())
        .collect();
    let malformed = &funnel.coverage.malformed;
    if missing.is_empty() && malformed.is_empty() {
        return item;
    }
    let mut notes = Vec::new();
    if !missing.is_empty() {
        notes.push(format!(
            "The {} funnel needs {}, which no audited page or journey sends.",
            funnel.funnel.name,
            missing.join(", ")
        ));
    }
    if !malformed.is_empty() {
        notes.push(format!(
            "{} is always sent with errors.",
            malformed.join(", ")
        ));
    }
    let worse = if malformed.is_empty() {
        ItemStatus::Warn
    } else {
        ItemStatus::Fail
    };
    item.status = match (item.status, worse) {
        (ItemStatus::Fail, _) | (_, ItemStatus::Fail) => ItemStatus::Fail,
        _ => ItemStatus::Warn,
    };
    item.summary = if item.checked == 0 {
        notes.join(" ")
    } else {
        format!("{} {}", item.summary, notes.join(" "))
    };
    item
}

fn reachability(pages: &[PageReport]) -> ChecklistItem {
    let mut evidence = Vec::new();
    for page in pages {
        let findings = rules::findings(page);
        let failing = findings.iter().find(|f| {
            matches!(f.area, Area::Reachability | Area::Page) && f.status == Status::Fail
        });
        if page.verdict == Verdict::Reachable && failing.is_none() {
            continue;
        }
        evidence.push(ItemEvidence {
            url: page.url.clone(),
            finding_id: failing.map(|f| f.id.clone()),
            reason: match (page.verdict, failing) {
                (Verdict::Reachable, Some(f)) => f.title.clone(),
                _ => page.verdict_reason.clone(),
            },
            blocking: true,
        });
    }
    let checked = pages.len() as u32;
    let passed = checked - evidence.len() as u32;
    let status = if checked == 0 {
        ItemStatus::NotChecked
    } else if evidence.is_empty() {
        ItemStatus::Pass
    } else {
        ItemStatus::Fail
    };
    ChecklistItem {
        id: ItemId::Reachability,
        title: "OAI-AdsBot reaches every landing page".into(),
        status,
        passed,
        checked,
        summary: match status {
            ItemStatus::Pass => format!("OAI-AdsBot reached all {checked} pages."),
            ItemStatus::NotChecked => "No pages were audited.".into(),
            _ => format!(
                "OAI-AdsBot cannot use {} of {checked} pages: ads pointing there will not serve.",
                checked - passed
            ),
        },
        evidence,
    }
}

/// A page problem not carried by a finding of the area, e.g. parameters dropped on redirect.
type ExtraProblem = fn(&PageReport) -> Option<ItemEvidence>;

fn params_dropped(page: &PageReport) -> Option<ItemEvidence> {
    (page.params_survive == Some(false)).then(|| ItemEvidence {
        url: page.url.clone(),
        finding_id: page
            .findings
            .iter()
            .find(|f| f.status == Status::Fail && f.area == Area::Utm)
            .map(|f| f.id.clone()),
        reason: "A redirect drops the tracking parameters or OpenAI's click id.".into(),
        blocking: true,
    })
}

/// An item judged from the findings of some areas: a page fails on its worst finding there.
fn by_area(
    pages: &[PageReport],
    id: ItemId,
    title: &str,
    areas: &[Area],
    extra: ExtraProblem,
) -> ChecklistItem {
    let mut failing = Vec::new();
    let mut warning = Vec::new();
    let mut checked = 0u32;
    for page in pages {
        let findings: Vec<Finding> = rules::findings(page);
        let in_area: Vec<&Finding> = findings
            .iter()
            .filter(|f| areas.contains(&f.area))
            .collect();
        let extra = extra(page);
        let param_checked = id == ItemId::Utm && page.params_survive.is_some();
        if in_area.is_empty() && extra.is_none() && !param_checked {
            continue;
        }
        checked += 1;
        if let Some(f) = in_area.iter().find(|f| f.status == Status::Fail) {
            failing.push(ItemEvidence {
                url: page.url.clone(),
                finding_id: Some(f.id.clone()),
                reason: f.title.clone(),
                blocking: true,
            });
        } else if let Some(e) = extra {
            failing.push(e);
        } else if let Some(f) = in_area.iter().find(|f| f.status == Status::Warn) {
            warning.push(ItemEvidence {
                url: page.url.clone(),
                finding_id: Some(f.id.clone()),
                reason: f.title.clone(),
                blocking: false,
            });
        }
    }
    let passed = checked - failing.len() as u32 - warning.len() as u32;
    let status = if checked == 0 {
        ItemStatus::NotChecked
    } else if !failing.is_empty() {
        ItemStatus::Fail
    } else if !warning.is_empty() {
        ItemStatus::Warn
    } else {
        ItemStatus::Pass
    };
    let summary = match status {
        ItemStatus::NotChecked => {
            "This audit did not check this; run a new audit to include it.".into()
        }
        ItemStatus::Pass => format!("All {checked} pages checked pass."),
        ItemStatus::Warn => format!(
            "{} of {checked} pages have something worth fixing.",
            warning.len()
        ),
        ItemStatus::Fail => format!("{} of {checked} pages fail.", failing.len()),
    };
    ChecklistItem {
        id,
        title: title.into(),
        status,
        passed,
        checked,
        summary,
        evidence: failing.into_iter().chain(warning).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use preflight_document::report::{standard_limits, RunStatus, Summary, REPORT_SCHEMA_VERSION};
    use preflight_model::Confidence;

    fn page(url: &str, verdict: Verdict, findings: Vec<Finding>) -> PageReport {
        PageReport {
            url: url.into(),
            verdict,
            verdict_confidence: Confidence::High,
            verdict_reason: format!("{verdict:?}"),
            vendor: None,
            robots: None,
            params_survive: None,
            robots_fetch: None,
            params_fetch: None,
            pixel: None,
            findings,
            fetches: vec![],
        }
    }

    fn report(pages: Vec<PageReport>) -> AuditReport {
        AuditReport {
            schema_version: REPORT_SCHEMA_VERSION,
            generator: "test".into(),
            started_at: "2026-11-25T10:00:00Z".into(),
            finished_at: None,
            status: RunStatus::Complete,
            planned_pages: None,
            summary: Summary::default(),
            pages,
            limits: standard_limits(),
            funnel: None,
            journeys: Vec::new(),
        }
    }

    fn item(list: &Checklist, id: ItemId) -> &ChecklistItem {
        list.items.iter().find(|i| i.id == id).unwrap()
    }

    #[test]
    fn a_blocked_page_fails_reachability_and_counts_as_blocking() {
        let blocked = page(
            "https://a.test/2",
            Verdict::Blocked,
            vec![Finding::new(
                "bot-blocked",
                Area::Reachability,
                Status::Fail,
                "Blocked",
            )],
        );
        let list = checklist(&report(vec![
            page("https://a.test/1", Verdict::Reachable, vec![]),
            blocked,
        ]));
        let reach = item(&list, ItemId::Reachability);
        assert_eq!(reach.status, ItemStatus::Fail);
        assert_eq!((reach.passed, reach.checked), (1, 2));
        assert_eq!(reach.evidence.len(), 1);
        assert_eq!(reach.evidence[0].url, "https://a.test/2");
        assert_eq!(reach.evidence[0].finding_id.as_deref(), Some("bot-blocked"));
        assert_eq!(list.blocking_pages, 1);
        assert!(!list.ready);
    }

    #[test]
    fn items_nothing_checked_are_reported_as_not_checked_and_block_readiness() {
        let list = checklist(&report(vec![page(
            "https://a.test/",
            Verdict::Reachable,
            vec![],
        )]));
        assert_eq!(item(&list, ItemId::Reachability).status, ItemStatus::Pass);
        assert_eq!(item(&list, ItemId::Pixel).status, ItemStatus::NotChecked);
        assert_eq!(item(&list, ItemId::Utm).status, ItemStatus::NotChecked);
        assert!(!list.ready, "an unchecked item is not a pass");
        assert_eq!(list.blocking_pages, 0);
    }

    #[test]
    fn warnings_and_failures_by_area_and_dropped_parameters() {
        let mut dropped = page(
            "https://a.test/drop",
            Verdict::Reachable,
            vec![Finding::new(
                "utm-dropped-by-redirect",
                Area::Utm,
                Status::Fail,
                "Dropped",
            )],
        );
        dropped.params_survive = Some(false);
        let mut kept = page(
            "https://a.test/keep",
            Verdict::Reachable,
            vec![
                Finding::new("utm-medium-not-cpc", Area::Utm, Status::Warn, "Medium"),
                Finding::new("pixel-installed", Area::Pixel, Status::Pass, "Pixel"),
            ],
        );
        kept.params_survive = Some(true);
        let audit = report(vec![dropped, kept]);
        let list = checklist(&audit);
        let utm = item(&list, ItemId::Utm);
        assert_eq!(utm.status, ItemStatus::Fail);
        assert_eq!((utm.passed, utm.checked), (0, 2));
        assert!(utm.evidence[0].blocking && utm.evidence[0].url.ends_with("/drop"));
        assert!(!utm.evidence[1].blocking && utm.evidence[1].url.ends_with("/keep"));
        let pixel = item(&list, ItemId::Pixel);
        assert_eq!(pixel.status, ItemStatus::Pass);
        assert_eq!((pixel.passed, pixel.checked), (1, 1));

        // A funnel whose needed purchase event is sent nowhere turns the item into a warning.
        let mut with_funnel = audit.clone();
        crate::funnel::apply(&mut with_funnel, Some("ecommerce"));
        let funnel_list = checklist(&with_funnel);
        let pixel = item(&funnel_list, ItemId::Pixel);
        assert_eq!(pixel.status, ItemStatus::Warn);
        assert!(pixel.summary.contains("order_created"), "{}", pixel.summary);
        assert_eq!(list.blocking_pages, 1);
    }
}
