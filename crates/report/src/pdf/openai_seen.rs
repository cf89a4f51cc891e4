//! The "What OpenAI saw" section: OpenAI's review of each ad and the real crawler's requests in
//! the access log, worded for the PDF beside the audit's verdict on each page.

use super::findings::TABLE_URL_CHARS;
use super::text::{breakable, short_url, web_link};
use super::tone::{plural, Tone};
use crate::dates::human_date_time;
use crate::ground_truth::{AdSeen, WhatOpenAiSaw};
use preflight_model::AddressScope;
use serde::Serialize;

#[derive(Serialize, Debug)]
pub(crate) struct OpenAiSeenData {
    /// Where the evidence comes from and when, in one paragraph.
    pub intro: String,
    pub rows: Vec<SeenRow>,
}

#[derive(Serialize, Debug)]
pub(crate) struct SeenRow {
    pub page: String,
    pub page_href: Option<String>,
    /// "Ad review: Boot card" or "Access log".
    pub source: String,
    /// What the source reported, in plain words.
    pub said: String,
    pub screenshot_href: Option<String>,
    pub agreement: String,
    pub tone: Tone,
    pub line: String,
}

pub(crate) fn openai_seen_data(seen: &WhatOpenAiSaw) -> OpenAiSeenData {
    let mut sources = Vec::new();
    if let Some(at) = &seen.ads_imported_at {
        sources.push(format!(
            "OpenAI's review of each ad, as the Ads API reported it on {}",
            human_date_time(at)
        ));
    }
    if let Some(file) = &seen.log_file {
        let when = seen
            .log_imported_at
            .as_deref()
            .map(human_date_time)
            .unwrap_or_default();
        sources.push(format!(
            "the real crawler's requests in the access log {} (imported {when})",
            breakable(file)
        ));
    }
    let mut rows = Vec::new();
    for page in &seen.pages {
        for ad in &page.ads {
            rows.push(ad_row(&page.url, ad));
        }
        if let Some(log) = &page.log {
            let who = if log.addresses != AddressScope::NotChecked {
                "from OpenAI's addresses"
            } else {
                "with OpenAI's crawler name (addresses not checked)"
            };
            let mut said = format!(
                "{} {who}, {} refused; the latest got HTTP {} on {}.",
                plural(log.requests as u32, "request", "requests"),
                log.refused,
                log.last_status,
                human_date_time(&log.last_seen)
            );
            if log.impostor_requests > 0 {
                said.push_str(&format!(
                    " {} from other addresses (impostors) not counted.",
                    log.impostor_requests
                ));
            }
            let (agreement, tone, line) = match &page.log_finding {
                Some(f) => (
                    "Disagrees with the audit".to_string(),
                    Tone::Bad,
                    f.remedy.clone(),
                ),
                None => (
                    "Agrees with the audit".to_string(),
                    Tone::Good,
                    String::new(),
                ),
            };
            rows.push(SeenRow {
                page: short_url(&page.url, TABLE_URL_CHARS),
                page_href: web_link(&page.url),
                source: "Access log".into(),
                said: breakable(&said),
                screenshot_href: None,
                agreement,
                tone,
                line: breakable(&line),
            });
        }
    }
    for ad in &seen.ads_not_audited {
        rows.push(ad_row("", ad));
    }
    let mut intro = format!(
        "Beside the audit's own verdicts: {}. These reports never change the audit's figures; each line says whether they agree and what to do when they do not.",
        sources.join(", and ")
    );
    for note in &seen.log_notes {
        intro.push(' ');
        intro.push_str(&breakable(note));
    }
    OpenAiSeenData { intro, rows }
}

fn ad_row(page_url: &str, ad: &AdSeen) -> SeenRow {
    let review = ad.review_status.as_deref().unwrap_or("no review yet");
    let mut said = match (&ad.reason, &ad.reason_code) {
        (Some(reason), Some(code)) => {
            format!(
                "Review {review}: {} ({code}).",
                reason.trim_end_matches('.')
            )
        }
        (None, Some(code)) => format!("Review {review}: {code}."),
        _ => format!("Review {review}."),
    };
    for issue in &ad.serving_issues {
        said.push_str(&format!(" Not serving: {issue}"));
        if !issue.ends_with('.') {
            said.push('.');
        }
    }
    let tone = match ad.agreement.as_str() {
        "agree" => Tone::Good,
        "disagree" => Tone::Bad,
        _ => Tone::Warn,
    };
    SeenRow {
        page: if page_url.is_empty() {
            "(not in this audit)".into()
        } else {
            short_url(page_url, TABLE_URL_CHARS)
        },
        page_href: web_link(page_url),
        source: breakable(&format!(
            "Ad review: {} ({} › {})",
            ad.ad_name, ad.campaign, ad.ad_group
        )),
        said: breakable(&said),
        screenshot_href: ad.screenshot_url.as_deref().and_then(web_link),
        agreement: ad.agreement_label.clone(),
        tone,
        line: breakable(&ad.line),
    }
}
