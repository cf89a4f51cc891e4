//! OpenAI's Ads API, read only: what OpenAI itself knows about an advertiser's ads — each
//! ad's destination, tracking templates, review state (with the reason and the screenshot of
//! what OpenAI's crawler saw) and serving issues — to set beside Preflight's own audit.
//!
//! Source: https://developers.openai.com/ads (API overview, campaign management,
//! troubleshooting). Nothing here writes to the account.

pub mod api;
pub mod client;
pub mod destinations;
pub mod error;
pub mod reasons;

pub use client::{AdsClient, ClientOptions, RetryPolicy, DEFAULT_BASE_URL};
pub use destinations::{fetch_destinations, AdDestination, AdReview, Named};
pub use error::AdsError;
pub use reasons::{reason, serving_issue, ReasonEntry, ReasonKind};
