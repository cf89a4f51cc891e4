//! Passive WAF and CDN identification for Preflight.
//!
//! Handed one response snapshot (status, headers, decoded body prefix), the crate recognises
//! which firewall, CDN or bot-management service sits in front of a landing page and whether
//! the response is a block, a challenge or a rate limit. It never makes a request: no probing,
//! no attack-like payloads. Vendor knowledge lives in `data/signatures.toml`, embedded at build
//! time, with the allowlisting steps for OAI-AdsBot per vendor.
//!
//! ```
//! use preflight_waf::{classify, findings, ResponseKind, ResponseSnapshot};
//!
//! let bot = ResponseSnapshot::new(403)
//!     .header("server", "cloudflare")
//!     .header("cf-ray", "8a1b2c3d4e5f6789-AMS")
//!     .header("cf-mitigated", "challenge")
//!     .body("<title>Just a moment...</title>");
//! let verdict = classify(&bot);
//! assert_eq!(verdict.kind, ResponseKind::Challenge);
//! assert_eq!(verdict.vendor.as_ref().unwrap().id, "cloudflare");
//! let report = findings(&verdict, None);
//! assert!(report.iter().any(|f| f.id == "waf-challenges-adsbot"));
//! ```

mod classify;
mod comparisons;
mod findings;
mod matching;
mod snapshot;
mod table;
mod vantage;

pub use classify::{
    classify, classify_compared, classify_compared_with, classify_with, Classification, KindSource,
    ResponseKind, VendorMatch, IDENTIFY_THRESHOLD,
};
pub use findings::{
    findings, findings_compared, Baselines, FINDING_IDS, LIMIT_NOTE, ORIGIN_BLOCKS_ADSBOT,
    VANTAGE_NOTE, WAF_BLOCKS_ADSBOT, WAF_CHALLENGES_ADSBOT, WAF_CHALLENGES_THIS_NETWORK,
    WAF_CHARGES_ADSBOT, WAF_DETECTED, WAF_NO_BLOCK_DETECTED, WAF_RATE_LIMITS_ADSBOT,
};
pub use snapshot::{ResponseSnapshot, MAX_BODY_SCAN_BYTES, MAX_HEADERS};
pub use table::{
    allowlist_steps, vendors, SignalKind, SignalSpec, SignatureTable, TableError, Vendor,
    VendorCategory, DATA_FILES, ORIGIN_ID,
};
pub use vantage::{vantage_points, vantage_vendor_ids, VantagePoint};
