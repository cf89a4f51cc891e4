//! Every ad of the account with its destination: the walk campaigns → ad groups → ads (the
//! parent id is always passed), each ad's tracking templates at every level and the URL a click
//! carries, and what OpenAI's review and delivery say about it.

use preflight_utm::tracking::TrackingTemplates;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::{template_of, Ad, ServingIssue};
use crate::client::AdsClient;
use crate::error::AdsError;

/// An object's id and name as OpenAI knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// What OpenAI's review said about an ad.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct AdReview {
    /// `in_review`, `approved` or `rejected`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<String>,
    /// The reason code of a rejection (`crawler_403`, `robots_txt`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    /// A link to what OpenAI's crawler saw; shown as a link, never fetched unasked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub screenshot_url: Option<String>,
    /// When the ad last changed (Unix seconds); the API gives no separate review time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub updated_at: Option<i64>,
}

/// One ad and where it sends people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct AdDestination {
    pub campaign: Named,
    pub ad_group: Named,
    pub ad: Named,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ad_status: Option<String>,
    /// The ad's destination URL; absent for product-feed ads, whose URLs come from the feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub target_url: Option<String>,
    /// The tracking template at each level, as set.
    pub templates: TrackingTemplates,
    /// The URL a click carries once every level's template applies (macros as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub click_url: Option<String>,
    pub review: AdReview,
    /// The ad's serving issue codes (`landing_page_crawl_issue`…).
    pub serving_issues: Vec<String>,
}

/// Reads every ad of the key's account, one request at a time.
pub async fn fetch_destinations(client: &AdsClient) -> Result<Vec<AdDestination>, AdsError> {
    let account = client.ad_account().await?;
    let account_template = template_of(&account.landing_page_configuration);
    let mut out = Vec::new();
    for campaign in client.campaigns().await? {
        let campaign_named = named(&campaign.id, &campaign.name);
        let campaign_template = template_of(&campaign.landing_page_configuration);
        for group in client.ad_groups(&campaign.id).await? {
            let group_named = named(&group.id, &group.name);
            let group_template = template_of(&group.landing_page_configuration);
            for ad in client.ads(&group.id).await? {
                let templates = TrackingTemplates {
                    ad_account: account_template.clone(),
                    campaign: campaign_template.clone(),
                    ad_group: group_template.clone(),
                    ad: template_of(&ad.landing_page_configuration),
                };
                out.push(destination(
                    campaign_named.clone(),
                    group_named.clone(),
                    ad,
                    templates,
                ));
            }
        }
    }
    Ok(out)
}

fn destination(
    campaign: Named,
    ad_group: Named,
    ad: Ad,
    templates: TrackingTemplates,
) -> AdDestination {
    let target_url = ad
        .creative
        .as_ref()
        .and_then(|c| c.target_url.clone())
        .filter(|u| !u.trim().is_empty());
    let click_url = target_url.as_deref().and_then(|url| {
        preflight_utm::tracking::check_tracking(url, &templates)
            .click_urls
            .last()
            .map(|c| c.url.clone())
    });
    let review = ad.review.clone().unwrap_or_default();
    AdDestination {
        ad: named(&ad.id, &ad.name),
        campaign,
        ad_group,
        ad_status: ad.status.clone(),
        target_url,
        templates,
        click_url,
        review: AdReview {
            status: review.status.or(ad.review_status.clone()),
            reason: review.reason.filter(|r| !r.trim().is_empty()),
            screenshot_url: review.screenshot_url.filter(|u| is_web_link(u)),
            updated_at: ad.updated_at,
        },
        serving_issues: codes(&ad.serving_issues),
    }
}

fn named(id: &str, name: &Option<String>) -> Named {
    Named {
        id: id.to_string(),
        name: name.clone().unwrap_or_default(),
    }
}

fn codes(issues: &[ServingIssue]) -> Vec<String> {
    let mut codes: Vec<String> = issues
        .iter()
        .map(|i| i.code.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    codes.dedup();
    codes
}

/// Only http and https links are kept: anything else is not something to offer as a link.
fn is_web_link(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ListPage;
    use proptest::prelude::*;

    fn named_test() -> Named {
        Named {
            id: "x".into(),
            name: String::new(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Whatever the API sends, reading it never panics.
        #[test]
        fn any_answer_reads_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
            let _ = serde_json::from_slice::<ListPage<Ad>>(&bytes);
        }

        /// Any destination and templates give a destination record without panicking.
        #[test]
        fn any_destination_and_templates_build(
            url in "\\PC{0,300}",
            template in "\\PC{0,200}",
            reason in proptest::option::of("\\PC{0,40}"),
            shot in proptest::option::of("\\PC{0,80}"),
        ) {
            let ad: Ad = serde_json::from_value(serde_json::json!({
                "id": "ad_1",
                "creative": {"target_url": url},
                "review": {"reason": reason, "screenshot_url": shot},
                "landing_page_configuration": {"query_string_template": template},
                "serving_issues": [{"code": "landing_page_crawl_issue"}, {"code": ""}],
            }))
            .expect("built from a value");
            let templates = TrackingTemplates {
                ad: template_of(&ad.landing_page_configuration),
                ..TrackingTemplates::default()
            };
            let d = destination(named_test(), named_test(), ad, templates);
            prop_assert_eq!(d.serving_issues, vec!["landing_page_crawl_issue".to_string()]);
            if let Some(link) = d.review.screenshot_url {
                prop_assert!(link.starts_with("http"));
            }
        }
    }
}
