//! "What OpenAI saw": evidence from outside the audit, page by page — OpenAI's review of each ad
//! (from the Ads API) and the real crawler's requests in the client's access log — beside the
//! audit's own verdict. Built by the session from what the client keeps; the exports only show
//! it. It never changes a verdict or a count: the audit says what Preflight measured, this says
//! what OpenAI reported, and the agreement line says how the two relate.

use preflight_model::{Finding, PageLogEvidence};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct WhatOpenAiSaw {
    /// When the client's ads were last imported from the Ads API; absent when none are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ads_imported_at: Option<String>,
    /// The access log the pages were matched against (its file name), the client's newest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub log_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub log_imported_at: Option<String>,
    /// What limits the log's match: from another site, or ending long before the audit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log_notes: Vec<String>,
    /// Every audited page, in the audit's order.
    pub pages: Vec<PageSeenByOpenAi>,
    /// Ads whose landing page is not in this audit.
    pub ads_not_audited: Vec<AdSeen>,
}

impl WhatOpenAiSaw {
    /// Ads whose review does not agree with the audit (stale, disagreeing or explainable).
    pub fn ads_not_agreeing(&self) -> usize {
        self.pages
            .iter()
            .flat_map(|p| &p.ads)
            .filter(|a| a.agreement != "agree")
            .count()
    }

    /// Pages where the access log and the audit disagree.
    pub fn log_disagreements(&self) -> usize {
        self.pages
            .iter()
            .filter(|p| p.log_finding.is_some())
            .count()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PageSeenByOpenAi {
    pub url: String,
    /// The ads sending people to this page, with OpenAI's review of each.
    pub ads: Vec<AdSeen>,
    /// The real crawler's requests for this page in the access log; absent when it never asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub log: Option<PageLogEvidence>,
    /// Present when the log and the audit disagree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub log_finding: Option<Finding>,
}

/// One ad and OpenAI's review of it, with how it compares to the audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct AdSeen {
    pub ad_id: String,
    pub ad_name: String,
    pub campaign: String,
    pub ad_group: String,
    /// `approved`, `rejected` or `in_review`, as OpenAI reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub review_status: Option<String>,
    /// OpenAI's reason code (`crawler_403`…) and what it means in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    /// Why the ad is not serving, in plain words.
    pub serving_issues: Vec<String>,
    /// OpenAI's screenshot of what its crawler saw: a link, never fetched by Preflight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub screenshot_url: Option<String>,
    /// `agree`, `explainable`, `stale`, `disagree` or `not_audited`.
    pub agreement: String,
    /// The agreement in a few words.
    pub agreement_label: String,
    /// One sentence a marketer can act on.
    pub line: String,
}
