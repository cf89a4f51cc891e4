//! "What OpenAI saw" for a saved audit: the client's imported ads reconciled with the audit, and
//! its newest access-log import matched page by page — one builder for the app, the PDF, the
//! JSON export and the CLI.

use crate::ads_import::saved_ads;
use crate::ads_reconcile::{reconcile, with_log_evidence, AdReconciliation};
use crate::audits::load_audit;
use crate::log_imports::load_log_import;
use crate::SessionError;
use preflight_accesslog::{coverage_notes, disagreement, page_evidence};
use preflight_ads::{reason, serving_issue};
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
    let kept = store.kept_ads::<serde_json::Value>(client_id)?;
    let ads = saved_ads(store, client_id)?;
    let log = match store.list_log_imports(client_id)?.first() {
        Some(summary) => Some(load_log_import(store, summary.id)?),
        None => None,
    };
    if ads.is_empty() && log.is_none() {
        return Ok(None);
    }
    let reconciled = reconcile(&ads, &audit);
    let mut seen = WhatOpenAiSaw {
        ads_imported_at: kept.iter().map(|k| k.imported_at.clone()).max(),
        log_file: log.as_ref().map(|l| l.summary.file_name.clone()),
        log_imported_at: log.as_ref().map(|l| l.summary.imported_at.clone()),
        log_notes: log.as_ref().map_or_else(Vec::new, |l| {
            let urls: Vec<&str> = audit.pages.iter().map(|p| p.url.as_str()).collect();
            coverage_notes(&l.report, &urls, &audit.started_at)
        }),
        pages: Vec::new(),
        ads_not_audited: reconciled
            .iter()
            .filter(|r| r.page_url.is_none())
            .map(ad_seen)
            .collect(),
    };
    seen.pages = pages(&audit, &reconciled, log.as_ref().map(|l| &l.report));
    Ok(Some(seen))
}

fn pages(
    audit: &AuditReport,
    reconciled: &[AdReconciliation],
    log: Option<&preflight_accesslog::LogReport>,
) -> Vec<PageSeenByOpenAi> {
    audit
        .pages
        .iter()
        .map(|page| {
            let evidence = log.and_then(|report| page_evidence(report, &page.url));
            let ads = reconciled
                .iter()
                .filter(|r| r.page_url.as_deref() == Some(page.url.as_str()))
                .map(|r| {
                    let mut r = r.clone();
                    with_log_evidence(&mut r, evidence.as_ref());
                    ad_seen(&r)
                })
                .collect();
            let log_finding = evidence
                .as_ref()
                .and_then(|e| disagreement(e, page.verdict.bot_got_page()));
            PageSeenByOpenAi {
                url: page.url.clone(),
                ads,
                log: evidence,
                log_finding,
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
