//! "What OpenAI saw" for a saved audit: the client's imported ads reconciled with the audit, and
//! its newest access-log import matched page by page — one builder for the app, the PDF, the
//! JSON export and the CLI.

use crate::ads_reconcile::{reconcile, with_log_evidence, AdReconciliation};
use crate::audits::load_audit;
use crate::log_evidence::{match_pages, PageLogMatch};
use crate::log_imports::load_log_import;
use crate::SessionError;
use preflight_ads::{reason, serving_issue, AdDestination};
use preflight_document::AuditReport;
use preflight_report::ground_truth::{AdSeen, PageSeenByOpenAi, WhatOpenAiSaw};
use preflight_store::Store;

/// What OpenAI saw of audit `audit_id`'s pages; `None` when its client has neither imported ads
/// nor an access log (or the audit has no client).
pub fn what_openai_saw(
    store: &Store,
    audit_id: i64,
) -> Result<Option<WhatOpenAiSaw>, SessionError> {
    let Some(client_id) = store.audit_summary(audit_id)?.client_id else {
        return Ok(None);
    };
    let audit = load_audit(store, audit_id)?;
    let kept = store.kept_ads::<AdDestination>(client_id)?;
    let ads_imported_at = kept.iter().map(|k| k.imported_at.clone()).max();
    let ads: Vec<AdDestination> = kept.into_iter().map(|k| k.record).collect();
    let log = match store.list_log_imports(client_id)?.first() {
        Some(summary) => Some(load_log_import(store, summary.id)?),
        None => None,
    };
    if ads.is_empty() && log.is_none() {
        return Ok(None);
    }
    let reconciled = reconcile(&ads, &audit);
    let mut seen = WhatOpenAiSaw {
        ads_imported_at,
        log_file: log.as_ref().map(|l| l.summary.file_name.clone()),
        log_imported_at: log.as_ref().map(|l| l.summary.imported_at.clone()),
        log_notes: Vec::new(),
        pages: Vec::new(),
        ads_not_audited: reconciled
            .iter()
            .filter(|r| r.page_url.is_none())
            .map(ad_seen)
            .collect(),
    };
    let log_matches = log.as_ref().map(|l| {
        let (pages, notes) = match_pages(&audit, &l.report);
        seen.log_notes = notes;
        pages
    });
    seen.pages = pages(&audit, &reconciled, log_matches.as_deref());
    Ok(Some(seen))
}

/// Each audited page with its ads and, when there is a log, the log's join of the page
/// (`log_evidence::match_pages`, the same join `preflight logs match` prints).
fn pages(
    audit: &AuditReport,
    reconciled: &[AdReconciliation],
    log: Option<&[PageLogMatch]>,
) -> Vec<PageSeenByOpenAi> {
    audit
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let matched = log.and_then(|pages| pages.get(i));
            let evidence = matched.and_then(|m| m.evidence.clone());
            let ads = reconciled
                .iter()
                .filter(|r| r.page_url.as_deref() == Some(page.url.as_str()))
                .map(|r| {
                    let mut r = r.clone();
                    with_log_evidence(&mut r, evidence.as_ref());
                    ad_seen(&r)
                })
                .collect();
            PageSeenByOpenAi {
                url: page.url.clone(),
                ads,
                log: evidence,
                log_finding: matched.and_then(|m| m.finding.clone()),
            }
        })
        .collect()
}

fn ad_seen(r: &AdReconciliation) -> AdSeen {
    let ad = &r.ad;
    AdSeen {
        ad_id: ad.ad.id.clone(),
        ad_name: ad.ad.name.clone(),
        campaign: ad.campaign.name.clone(),
        ad_group: ad.ad_group.name.clone(),
        review_status: ad.review.status.clone(),
        reason_code: ad.review.reason.clone(),
        reason: ad
            .review
            .reason
            .as_deref()
            .and_then(reason)
            .map(|e| e.meaning.clone()),
        serving_issues: ad
            .serving_issues
            .iter()
            .map(|code| serving_issue(code).map_or(code.clone(), |e| e.meaning.clone()))
            .collect(),
        screenshot_url: ad.review.screenshot_url.clone(),
        agreement: r.agreement.code().to_string(),
        agreement_label: r.agreement.label().to_string(),
        line: r.line.clone(),
    }
}
