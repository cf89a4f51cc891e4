//! UTM hygiene for ChatGPT ad destination URLs.
//!
//! Pure functions, no network: read URLs from pasted text, an ads-manager CSV or a sitemap;
//! check each URL and the set as a whole; preview the GA4 channel; judge a redirect chain
//! (followed elsewhere) for dropped parameters; build consistently tagged URLs.
//!
//! Vendor knowledge (click ids, GA4 rules and source lists, CSV header names, the UTM policy)
//! lives in `data/*.toml`.

mod campaign_set;
mod checks;
mod data;
mod fix;
mod ga4;
pub mod input;
mod parsed;
mod platforms;
mod redirects;
mod render;
mod report;
mod separators;
mod template;
pub mod tracking;
mod unsafe_chars;

use std::collections::HashMap;

pub use campaign_set::{check_campaign_set, fold_value};
pub use checks::{check_url, invalid_url_report};
pub use fix::suggest_corrected;
pub use ga4::{
    channel_risk, ga4_channel, preview_for_utms, rule_ids as ga4_rule_ids, source_categories,
    ChannelPreview, ChannelRisk, Ga4Inputs,
};
pub use input::csv_import::{
    import_csv, ColumnCandidate, ColumnChoice, CsvError, CsvImport, CsvOptions, Delimiter,
};
pub use input::decode::{decode_text, DecodeError, TextEncoding};
pub use input::sitemap::{parse_sitemap, Sitemap, SitemapError, SitemapKind};
pub use input::text::{parse_url_lines, UrlList};
pub use input::{InputIssue, InputUrl};
pub use redirects::{
    evaluate_redirects, with_test_click_ids, RedirectHop, TEST_OLREF, TEST_OPPREF,
};
pub use render::render_text;
pub use report::{Ga4Preview, UrlReport, UtmReport, UtmSummary};
pub use template::{
    generate, slug, tag_url, to_csv, TaggedUrl, TemplateIssue, TemplateOutput, UtmScheme,
};
pub use tracking::{
    check_templates, check_tracking, ClickUrl, TemplateLevel, TrackingCheck, TrackingTemplates,
};

/// One entry of a batch: a URL to check, or text that is not one (reported as `url-invalid`
/// in its place, so one bad line never stops the rest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchEntry {
    Url(String),
    NotUrl { text: String, reason: String },
}

/// Checks every URL (identical URLs once, with a count) and the set as a whole.
pub fn check_urls(urls: &[String]) -> UtmReport {
    let entries: Vec<BatchEntry> = urls.iter().map(|u| BatchEntry::Url(u.clone())).collect();
    check_batch(&entries, &TrackingTemplates::default())
}

/// Checks a batch in order (identical entries once, with a count): each URL with the tracking
/// templates applied, each entry that is not a URL as `url-invalid`. Findings about the
/// templates themselves are the same for every URL and come once, with the campaign-set
/// findings.
pub fn check_batch(entries: &[BatchEntry], templates: &TrackingTemplates) -> UtmReport {
    let mut order: Vec<&BatchEntry> = Vec::new();
    let mut counts: HashMap<(&str, bool), u32> = HashMap::new();
    let key = |e: &BatchEntry| -> (String, bool) {
        match e {
            BatchEntry::Url(u) => (u.trim().to_string(), true),
            BatchEntry::NotUrl { text, .. } => (text.clone(), false),
        }
    };
    let keys: Vec<(String, bool)> = entries.iter().map(key).collect();
    for (e, k) in entries.iter().zip(&keys) {
        let count = counts.entry((k.0.as_str(), k.1)).or_insert(0);
        if *count == 0 {
            order.push(e);
        }
        *count = count.saturating_add(1);
    }
    let parsed = templates.parsed();
    let mut unique: Vec<String> = Vec::new();
    let reports = order
        .iter()
        .map(|e| {
            let k = key(e);
            let mut r = match e {
                BatchEntry::Url(u) => {
                    unique.push(u.trim().to_string());
                    tracking::check_with_parsed(u, &parsed)
                }
                BatchEntry::NotUrl { text, reason } => invalid_url_report(text, reason),
            };
            r.occurrences = counts[&(k.0.as_str(), k.1)];
            r
        })
        .collect();
    let mut set_findings = check_templates(templates);
    set_findings.extend(check_campaign_set(&unique));
    UtmReport::new(reports, set_findings)
}
