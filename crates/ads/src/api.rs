//! The API's objects as it sends them. Every field is optional on reading: the API adds fields
//! over time and omits empty ones, and a missing field must not lose the rest of the answer.

use serde::Deserialize;

/// One page of a list: `{"object":"list","data":[…],"first_id":…,"last_id":…,"has_more":…}`.
#[derive(Debug, Deserialize)]
pub struct ListPage<T> {
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    #[serde(default)]
    pub last_id: Option<String>,
    #[serde(default)]
    pub has_more: bool,
}

/// `GET /ad_account`: the account the key belongs to.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AdAccount {
    pub id: String,
    pub name: Option<String>,
    pub url: Option<String>,
    pub status: Option<String>,
    pub landing_page_configuration: Option<LandingPageConfiguration>,
}

/// Where a level's tracking template is kept.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LandingPageConfiguration {
    pub query_string_template: Option<String>,
}

/// Something that blocks or limits delivery, from `include[]=serving_issues`. Only `code` is
/// relied on; anything else the API says is kept as text.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ServingIssue {
    pub code: String,
    pub message: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Campaign {
    pub id: String,
    pub name: Option<String>,
    pub status: Option<String>,
    pub landing_page_configuration: Option<LandingPageConfiguration>,
    pub serving_issues: Vec<ServingIssue>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AdGroup {
    pub id: String,
    pub name: Option<String>,
    pub status: Option<String>,
    pub landing_page_configuration: Option<LandingPageConfiguration>,
    pub serving_issues: Vec<ServingIssue>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Ad {
    pub id: String,
    pub name: Option<String>,
    pub status: Option<String>,
    /// `in_review`, `approved` or `rejected`.
    pub review_status: Option<String>,
    pub review: Option<Review>,
    pub creative: Option<Creative>,
    pub landing_page_configuration: Option<LandingPageConfiguration>,
    pub serving_issues: Vec<ServingIssue>,
    /// Unix seconds.
    pub updated_at: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Review {
    pub status: Option<String>,
    /// A reason code such as `crawler_403` or `robots_txt`.
    pub reason: Option<String>,
    /// What OpenAI's crawler saw, when the review kept a screenshot.
    pub screenshot_url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Creative {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub title: Option<String>,
    /// The destination; absent for product-feed ads, whose URL comes from the feed.
    pub target_url: Option<String>,
}

/// The error envelope: `{"error":{"message":…,"type":…,"param":…,"code":…}}`.
#[derive(Debug, Default, Deserialize)]
pub struct ErrorEnvelope {
    #[serde(default)]
    pub error: ErrorBody,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ErrorBody {
    pub message: Option<String>,
    pub code: Option<String>,
    pub param: Option<String>,
}

pub(crate) fn template_of(config: &Option<LandingPageConfiguration>) -> Option<String> {
    config
        .as_ref()
        .and_then(|c| c.query_string_template.clone())
        .filter(|t| !t.trim().is_empty())
}
