//! Who sits in front of the site, and did it block, challenge or rate-limit this response.

use preflight_model::Confidence;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::matching::{match_signal, quote, Prepared};
use crate::snapshot::ResponseSnapshot;
use crate::table::{CompiledSet, SignalKind, SignatureTable};
use crate::vantage::{vantage_points, VantagePoint};

/// A vendor counts as identified from this combined score up.
pub const IDENTIFY_THRESHOLD: f32 = 0.5;

/// What the response amounts to for a crawler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ResponseKind {
    /// No block, challenge or rate limit recognised. The status may still be an ordinary error
    /// (a real 404 page); other checks judge the status itself.
    Ok,
    Block,
    Challenge,
    RateLimit,
    /// The site asks the crawler to pay for the page (HTTP 402: Cloudflare pay per crawl, an
    /// AI Crawl Control block answered with 402, or any server's paid-access answer), or
    /// Cloudflare's per-crawler AI access control refused it. To OpenAI's ad review, which
    /// does not pay for crawls, this is a block with its own remedy.
    PayPerCrawl,
}

/// Which layer the verdict came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum KindSource {
    /// Nothing recognised (`kind` is `ok`).
    None,
    /// A marker of the primary vendor (`vendor`).
    Vendor,
    /// A default error page of the site's own web server, with no vendor marker.
    OriginServer,
    /// A vendor-independent sign such as HTTP 429 or Retry-After.
    Generic,
}

/// One vendor recognised in a response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct VendorMatch {
    /// Lowercase vendor id from the signature table (`cloudflare`, `aws`…).
    pub id: String,
    pub name: String,
    pub confidence: Confidence,
    /// Combined signal weight in [0, 1].
    pub score: f32,
    /// What matched, verbatim: `cf-ray: 8a1b…`, `set-cookie: __cf_bm`, `body: …`.
    pub signals: Vec<String>,
}

/// The verdict on one response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Classification {
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub final_url: Option<String>,
    /// The vendor that produced the verdict, or else the most certain one present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub vendor: Option<VendorMatch>,
    /// Further vendors present (a CDN in front of a hosting platform, say), most certain first.
    pub other_vendors: Vec<VendorMatch>,
    pub kind: ResponseKind,
    pub kind_confidence: Confidence,
    pub kind_source: KindSource,
    /// What made the verdict, verbatim; empty when `kind` is `ok`.
    pub kind_signals: Vec<String>,
    /// A step that fixes exactly this answer (a product setting named by the deciding sign),
    /// shown before the vendor's general steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub kind_remedy: Option<String>,
    /// Where the answer came from, as far as the response says (the CDN location in `cf-ray`,
    /// `x-served-by`, `x-amz-cf-pop`…). A challenge can differ between locations and networks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vantage: Vec<VantagePoint>,
}

/// Classifies a response with the built-in signature table.
pub fn classify(snapshot: &ResponseSnapshot) -> Classification {
    classify_with(SignatureTable::builtin(), snapshot)
}

/// A block, challenge or rate-limit sign found in the response.
struct Candidate {
    kind: SignalKind,
    weight: f32,
    source: Source,
    evidence: String,
    remedy: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Vendor(usize),
    Origin,
    Generic,
}

impl Source {
    /// Vendor markers are the most specific, generic signs the least.
    fn rank(self) -> u8 {
        match self {
            Source::Vendor(_) => 3,
            Source::Origin => 2,
            Source::Generic => 1,
        }
    }
}

fn kind_rank(kind: SignalKind) -> u8 {
    match kind {
        SignalKind::PayPerCrawl => 4,
        SignalKind::Challenge => 3,
        SignalKind::Block => 2,
        SignalKind::RateLimit => 1,
        SignalKind::Presence => 0,
    }
}

/// Signals of one vendor that matched.
struct VendorHit {
    index: usize,
    score: f32,
    evidence: Vec<String>,
}

/// Classifies a response with a given table (the built-in one, or a corrected copy).
pub fn classify_with(table: &SignatureTable, snapshot: &ResponseSnapshot) -> Classification {
    let response = Prepared::new(table, snapshot);
    let mut hits = Vec::new();
    let mut candidates = Vec::new();

    for (index, set) in table.compiled_vendors.iter().enumerate() {
        if let Some(hit) = identify(index, set, &response, &mut candidates) {
            hits.push(hit);
        }
    }
    collect(
        &table.compiled_generic,
        Source::Generic,
        &response,
        &mut candidates,
    );
    if !candidates
        .iter()
        .any(|c| matches!(c.source, Source::Vendor(_)))
    {
        collect(
            &table.compiled_origin,
            Source::Origin,
            &response,
            &mut candidates,
        );
    }

    // A challenge page served with 429 is a challenge: the status says "too many", the page
    // says "prove you are human". Bare rate-limit statuses give way to it.
    if candidates.iter().any(|c| c.kind == SignalKind::Challenge) {
        candidates.retain(|c| !(c.kind == SignalKind::RateLimit && c.source == Source::Generic));
    }

    let decider = candidates.iter().max_by(|a, b| {
        a.weight
            .total_cmp(&b.weight)
            .then(a.source.rank().cmp(&b.source.rank()))
            .then(kind_rank(a.kind).cmp(&kind_rank(b.kind)))
    });

    let kind_remedy = decider.and_then(|best| {
        candidates
            .iter()
            .filter(|c| c.kind == best.kind && c.source == best.source)
            .find_map(|c| c.remedy.clone())
    });
    let (kind, kind_source, kind_signals, kind_weights) = match decider {
        None => (ResponseKind::Ok, KindSource::None, Vec::new(), Vec::new()),
        Some(best) => {
            let agreeing: Vec<&Candidate> = candidates
                .iter()
                .filter(|c| c.kind == best.kind && c.source == best.source)
                .collect();
            let source = match best.source {
                Source::Vendor(_) => KindSource::Vendor,
                Source::Origin => KindSource::OriginServer,
                Source::Generic => KindSource::Generic,
            };
            (
                response_kind(best.kind),
                source,
                dedup(agreeing.iter().map(|c| c.evidence.clone())),
                agreeing.iter().map(|c| c.weight).collect(),
            )
        }
    };
    let kind_confidence = if kind == ResponseKind::Ok {
        Confidence::High
    } else {
        confidence_of(noisy_or(kind_weights))
    };

    // The vendor that decided the verdict leads; the rest follow by certainty.
    let decider_vendor = match decider.map(|c| c.source) {
        Some(Source::Vendor(i)) => Some(i),
        _ => None,
    };
    hits.sort_by(|a, b| {
        let a_first = Some(a.index) == decider_vendor;
        let b_first = Some(b.index) == decider_vendor;
        b_first
            .cmp(&a_first)
            .then(b.score.total_cmp(&a.score))
            .then(a.index.cmp(&b.index))
    });
    let mut matches = hits.into_iter().map(|hit| {
        let vendor = &table.vendors()[hit.index];
        VendorMatch {
            id: vendor.id.clone(),
            name: vendor.name.clone(),
            confidence: confidence_of(hit.score),
            score: (hit.score * 100.0).round() / 100.0,
            signals: hit.evidence,
        }
    });
    let vendor = matches.next();
    let other_vendors = matches.collect();

    Classification {
        status: snapshot.status,
        final_url: snapshot.final_url.clone(),
        vendor,
        other_vendors,
        kind,
        kind_confidence,
        kind_source,
        kind_signals,
        kind_remedy,
        vantage: vantage_points(snapshot),
    }
}

/// Classifies the bot's response knowing what a browser-like request to the same URL got.
/// Besides everything [`classify`] sees, a near-empty success page that says "access denied"
/// to the bot, while the browser got the real page, is a block rather than a different page.
pub fn classify_compared(
    bot: &ResponseSnapshot,
    browser: Option<&ResponseSnapshot>,
) -> Classification {
    classify_compared_with(SignatureTable::builtin(), bot, browser)
}

/// [`classify_compared`] with a given table.
pub fn classify_compared_with(
    table: &SignatureTable,
    bot: &ResponseSnapshot,
    browser: Option<&ResponseSnapshot>,
) -> Classification {
    let mut verdict = classify_with(table, bot);
    let (Some(browser), Some(denial)) = (browser, &table.denial) else {
        return verdict;
    };
    let bot_body = bot.scanned_body();
    let browser_body = browser.scanned_body();
    if verdict.kind != ResponseKind::Ok
        || !(200..300).contains(&bot.status)
        || bot_body.len() > denial.max_body_bytes
    {
        return verdict;
    }
    // Classifying the browser's answer costs a second scan: only when the rest allows it.
    let browser_got_page = (200..300).contains(&browser.status)
        && browser_body.len()
            >= bot_body
                .len()
                .max(256)
                .saturating_mul(denial.min_size_ratio)
        && classify_with(table, browser).kind == ResponseKind::Ok;
    if !browser_got_page {
        return verdict;
    }
    if let Some(found) = denial.patterns.iter().find_map(|re| re.find(bot_body)) {
        verdict.kind = ResponseKind::Block;
        verdict.kind_source = KindSource::Generic;
        verdict.kind_confidence = confidence_of(denial.weight);
        verdict.kind_signals = vec![
            format!(
                "body: {}",
                quote(&preflight_markup::decode_entities(found.as_str()))
            ),
            format!(
                "a {}-byte page, while a browser got a {}-byte page",
                bot_body.len(),
                browser_body.len()
            ),
        ];
    }
    verdict
}

/// Scores one vendor; when identified, adds its block/challenge/rate-limit signs to
/// `candidates`. Signs of a vendor that is not identified are ignored.
fn identify(
    index: usize,
    set: &CompiledSet,
    response: &Prepared<'_>,
    candidates: &mut Vec<Candidate>,
) -> Option<VendorHit> {
    let mut weights = Vec::new();
    let mut evidence = Vec::new();
    let mut kinds = Vec::new();
    for signal in set.signals.iter().filter(|s| !s.requires_presence) {
        if let Some(found) = match_signal(signal, response) {
            weights.push(signal.weight);
            evidence.push(found.clone());
            kinds.push((signal.kind, signal.weight, found, signal.remedy.clone()));
        }
    }
    let score = noisy_or(weights);
    if score < IDENTIFY_THRESHOLD {
        return None;
    }
    for signal in set.signals.iter().filter(|s| s.requires_presence) {
        if let Some(found) = match_signal(signal, response) {
            evidence.push(found.clone());
            kinds.push((signal.kind, signal.weight, found, signal.remedy.clone()));
        }
    }
    for (kind, weight, found, remedy) in kinds {
        if kind != SignalKind::Presence {
            candidates.push(Candidate {
                kind,
                weight,
                source: Source::Vendor(index),
                evidence: found,
                remedy,
            });
        }
    }
    Some(VendorHit {
        index,
        score,
        evidence: dedup(evidence),
    })
}

fn collect(
    set: &CompiledSet,
    source: Source,
    response: &Prepared<'_>,
    candidates: &mut Vec<Candidate>,
) {
    for signal in &set.signals {
        if let Some(found) = match_signal(signal, response) {
            candidates.push(Candidate {
                kind: signal.kind,
                weight: signal.weight,
                source,
                evidence: found,
                remedy: signal.remedy.clone(),
            });
        }
    }
}

fn response_kind(kind: SignalKind) -> ResponseKind {
    match kind {
        SignalKind::Block => ResponseKind::Block,
        SignalKind::Challenge => ResponseKind::Challenge,
        SignalKind::RateLimit => ResponseKind::RateLimit,
        SignalKind::PayPerCrawl => ResponseKind::PayPerCrawl,
        SignalKind::Presence => ResponseKind::Ok,
    }
}

/// Independent signs combined: the chance that at least one of them is right.
fn noisy_or(weights: impl IntoIterator<Item = f32>) -> f32 {
    1.0 - weights
        .into_iter()
        .map(|w| 1.0 - w.clamp(0.0, 1.0))
        .product::<f32>()
}

/// Maps a combined weight to the shared confidence scale.
pub(crate) fn confidence_of(score: f32) -> Confidence {
    if score >= 0.85 {
        Confidence::High
    } else if score >= 0.6 {
        Confidence::Medium
    } else {
        Confidence::Low
    }
}

fn dedup(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noisy_or_combines_independent_signs() {
        assert!((noisy_or([0.5, 0.5]) - 0.75).abs() < 1e-6);
        assert_eq!(noisy_or([]), 0.0);
        assert_eq!(noisy_or([1.0, 0.2]), 1.0);
    }

    #[test]
    fn confidence_levels() {
        assert_eq!(confidence_of(0.9), Confidence::High);
        assert_eq!(confidence_of(0.7), Confidence::Medium);
        assert_eq!(confidence_of(0.4), Confidence::Low);
    }
}
