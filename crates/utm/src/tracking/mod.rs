//! Tracking templates: the `query_string_template` an ad account, campaign, ad group or ad can
//! carry, whose parameters OpenAI adds to the destination on every click, filling in its macros
//! (`{campaign_id}`, `{ad_id}`, `{oppref}`). Levels combine by precedence: the destination URL's
//! own parameters first, then the ad's, the ad group's, the campaign's and the ad account's.
//! Source: https://developers.openai.com/ads/campaign-management.

mod combine;
mod findings;
pub mod parse;

use preflight_model::{Finding, Status};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checks::{check_url_inheriting, validate};
use crate::report::UrlReport;
use parse::{parse_template, ParsedTemplate};

pub use combine::click_urls;

/// A level that can carry a tracking template.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
pub enum TemplateLevel {
    AdAccount,
    Campaign,
    AdGroup,
    Ad,
}

impl TemplateLevel {
    /// From the most general to the most specific; a more specific level wins.
    pub const ALL: [TemplateLevel; 4] = [
        TemplateLevel::AdAccount,
        TemplateLevel::Campaign,
        TemplateLevel::AdGroup,
        TemplateLevel::Ad,
    ];

    /// "ad account", "campaign", "ad group", "ad".
    pub fn label(self) -> &'static str {
        match self {
            TemplateLevel::AdAccount => "ad account",
            TemplateLevel::Campaign => "campaign",
            TemplateLevel::AdGroup => "ad group",
            TemplateLevel::Ad => "ad",
        }
    }

    /// "the campaign's tracking template".
    pub fn template_words(self) -> String {
        format!("the {}'s tracking template", self.label())
    }
}

/// The tracking template at each level, as typed; an empty or absent one is no template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct TrackingTemplates {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ad_account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub campaign: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ad_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ad: Option<String>,
}

impl TrackingTemplates {
    /// The template at one level, trimmed; `None` when absent or blank.
    pub fn at(&self, level: TemplateLevel) -> Option<&str> {
        let t = match level {
            TemplateLevel::AdAccount => &self.ad_account,
            TemplateLevel::Campaign => &self.campaign,
            TemplateLevel::AdGroup => &self.ad_group,
            TemplateLevel::Ad => &self.ad,
        };
        t.as_deref().map(str::trim).filter(|t| !t.is_empty())
    }

    /// True when no level has a template.
    pub fn is_empty(&self) -> bool {
        TemplateLevel::ALL.iter().all(|l| self.at(*l).is_none())
    }

    /// Each level's template, read, most general first.
    pub(crate) fn parsed(&self) -> Vec<(TemplateLevel, ParsedTemplate)> {
        TemplateLevel::ALL
            .iter()
            .filter_map(|l| self.at(*l).map(|t| (*l, parse_template(t))))
            .collect()
    }
}

/// The URL a click produces at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct ClickUrl {
    pub level: TemplateLevel,
    /// The template set at this level, as given; absent when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub template: Option<String>,
    /// The URL a click gets when the templates of this level and every more general level
    /// apply: the destination's own parameters, then each template's parameters it does not
    /// set already. Macros are shown as written; OpenAI fills them in on the click and then
    /// appends its own oppref.
    pub url: String,
}

/// A destination URL judged together with its tracking templates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct TrackingCheck {
    /// One entry per level, ad account first; the last (the ad) is what a click on the ad
    /// carries. Empty when the destination is not a usable URL.
    pub click_urls: Vec<ClickUrl>,
    /// Findings about the templates themselves (malformed, unknown macros, repeated names).
    pub template_findings: Vec<Finding>,
    /// The destination's own report, with the required-UTM and GA4 checks counting the
    /// templates' parameters, and the parameters the destination and a template both set.
    pub report: UrlReport,
}

/// Checks a destination URL with optional tracking templates per level: the URL a click
/// produces at each level, findings about the templates, and the destination's report.
pub fn check_tracking(destination: &str, templates: &TrackingTemplates) -> TrackingCheck {
    let parsed = templates.parsed();
    let report = check_with_parsed(destination, &parsed);
    TrackingCheck {
        click_urls: report.click_urls.clone().unwrap_or_default(),
        template_findings: findings::template_findings(&parsed),
        report,
    }
}

/// Findings about the templates alone (the same for every destination).
pub fn check_templates(templates: &TrackingTemplates) -> Vec<Finding> {
    findings::template_findings(&templates.parsed())
}

/// One destination's report with the templates applied (see [`check_tracking`]).
pub(crate) fn check_with_parsed(
    destination: &str,
    parsed: &[(TemplateLevel, ParsedTemplate)],
) -> UrlReport {
    let destination = destination.trim();
    if parsed.is_empty() || validate(destination).is_err() {
        return check_url_inheriting(destination, Vec::new());
    }
    let (inherited, overridden) = combine::inherited(destination, parsed);
    let mut report = check_url_inheriting(destination, inherited);
    if let Some(f) = findings::overridden_by_destination(&overridden) {
        if f.status == Status::Warn {
            report.findings.retain(|f| f.id != "utm-tags-clean");
        }
        report.findings.insert(0, f);
        report.status = UrlReport::overall_status(&report.findings);
    }
    report.click_urls = Some(combine::click_urls(destination, parsed));
    report
}
