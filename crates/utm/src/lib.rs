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
mod redirects;
mod render;
mod report;
mod template;

use std::collections::HashMap;

pub use campaign_set::{check_campaign_set, fold_value};
pub use checks::check_url;
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

/// Checks every URL (identical URLs once, with a count) and the set as a whole.
pub fn check_urls(urls: &[String]) -> UtmReport {
    let mut order: Vec<&str> = Vec::new();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for u in urls.iter().map(|u| u.trim()) {
        let count = counts.entry(u).or_insert(0);
        if *count == 0 {
            order.push(u);
        }
        *count = count.saturating_add(1);
    }
    let reports = order
        .iter()
        .map(|u| {
            let mut r = check_url(u);
            r.occurrences = counts[u];
            r
        })
        .collect();
    let unique: Vec<String> = order.iter().map(|u| u.to_string()).collect();
    UtmReport::new(reports, check_campaign_set(&unique))
}
