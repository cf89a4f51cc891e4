//! The report: one versioned JSON document per audit, the single input to the app, the CLI,
//! exports and comparisons. Its JSON Schema is generated from these types (docs/report.schema.json).

use crate::artifacts::{FetchArtifact, RobotsFetch};
use crate::pixel::PixelSummary;
use preflight_model::{Confidence, Finding};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Bumped whenever the report's shape changes in a way a reader must know about.
pub const REPORT_SCHEMA_VERSION: u32 = 1;

/// Can OAI-AdsBot use this page as an ad landing page? One value per page, from a closed set.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The bot gets the same working page a visitor gets.
    Reachable,
    /// robots.txt forbids OAI-AdsBot this exact URL.
    RobotsBlocked,
    /// A server, firewall or CDN refuses the bot.
    Blocked,
    /// The bot gets a challenge (CAPTCHA, JavaScript check) instead of the page.
    Challenged,
    /// The bot is told to slow down (HTTP 429 or similar).
    RateLimited,
    /// The page did not answer in time.
    Timeout,
    /// The bot gets different content from a visitor.
    Cloaked,
    /// The bot is sent to another site or page than the ad's destination.
    RedirectedAway,
    /// Nobody can load the page (DNS, connection, TLS or server errors).
    Unreachable,
}

impl Verdict {
    /// The bot's request got the page itself (even when it differs from a visitor's): what
    /// a server log's record of the real crawler is compared with.
    pub fn bot_got_page(self) -> bool {
        matches!(self, Verdict::Reachable | Verdict::Cloaked)
    }

    pub const ALL: [Verdict; 9] = [
        Verdict::Reachable,
        Verdict::RobotsBlocked,
        Verdict::Blocked,
        Verdict::Challenged,
        Verdict::RateLimited,
        Verdict::Timeout,
        Verdict::Cloaked,
        Verdict::RedirectedAway,
        Verdict::Unreachable,
    ];

    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Reachable => "Reachable",
            Verdict::RobotsBlocked => "Blocked by robots.txt",
            Verdict::Blocked => "Blocked",
            Verdict::Challenged => "Challenged",
            Verdict::RateLimited => "Rate limited",
            Verdict::Timeout => "Timed out",
            Verdict::Cloaked => "Different page for the bot",
            Verdict::RedirectedAway => "Redirected away",
            Verdict::Unreachable => "Unreachable",
        }
    }
}

/// Everything known about one landing page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PageReport {
    /// The landing page as entered (normalised), query string included.
    pub url: String,
    pub verdict: Verdict,
    pub verdict_confidence: Confidence,
    /// One sentence explaining the verdict.
    pub verdict_reason: String,
    /// Name of the firewall or CDN identified in front of the page, as the vendor writes it
    /// ("Cloudflare"), if any. Audits saved before names were kept hold the vendor's id, which
    /// is read as its name.
    #[serde(default, deserialize_with = "vendor_name")]
    #[schemars(with = "Option<String>")]
    pub vendor: Option<String>,
    /// robots.txt's answer for this exact URL (query string included), with the matched line.
    #[serde(default)]
    pub robots: Option<preflight_robots::RobotsVerdict>,
    /// Whether the UTM parameters and OpenAI's click ids survived the redirects; `None` when it
    /// could not be told (the page did not load).
    #[serde(default)]
    pub params_survive: Option<bool>,
    pub findings: Vec<Finding>,
    /// The raw evidence the findings were computed from: one fetch per agent.
    pub fetches: Vec<FetchArtifact>,
    /// The robots.txt fetch that governs this page.
    #[serde(default)]
    pub robots_fetch: Option<RobotsFetch>,
    /// The page requested as a visitor with test `oppref`/`olref` values appended.
    #[serde(default)]
    pub params_fetch: Option<FetchArtifact>,
    /// What the OpenAI Ads pixel scan found (the page as the desktop browser got it, and its own
    /// scripts); absent when the browser could not load the page, and in older reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pixel: Option<PixelSummary>,
}

impl PageReport {
    /// The page without the bodies kept as evidence (each fetch's body start, visible text and
    /// headers, and the robots.txt text): what a large run keeps of a page once it is saved. The
    /// verdict, findings, statuses, redirects and pixel summary stay, and every count and
    /// verdict read from the page is the same.
    pub fn without_bodies(mut self) -> PageReport {
        for fetch in self.fetches.iter_mut().chain(self.params_fetch.as_mut()) {
            fetch.body_head = String::new();
            fetch.visible_text = String::new();
            fetch.headers = Vec::new();
        }
        if let Some(robots) = &mut self.robots_fetch {
            robots.body = String::new();
        }
        self
    }
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Every page was checked.
    Complete,
    /// Stopped by the user; the pages checked so far are kept.
    Cancelled,
    /// The program stopped before the run finished (crash, power loss, killed).
    Interrupted,
    /// Still running.
    Running,
}

impl RunStatus {
    pub const ALL: [RunStatus; 4] = [
        RunStatus::Complete,
        RunStatus::Cancelled,
        RunStatus::Interrupted,
        RunStatus::Running,
    ];

    /// How the run ended, for people.
    pub fn label(self) -> &'static str {
        match self {
            RunStatus::Complete => "Complete",
            RunStatus::Cancelled => "Stopped early",
            RunStatus::Interrupted => "Interrupted",
            RunStatus::Running => "Running",
        }
    }
}

/// Counts for the whole run, as the readiness model computes them (its counting rules say
/// exactly what each one counts); a stored audit is always re-counted when it is read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, TS)]
pub struct Summary {
    /// Pages checked.
    pub pages: u32,
    /// Pages OAI-AdsBot can use as they are.
    pub reachable: u32,
    /// Pages with at least one blocking problem.
    pub failing_pages: u32,
    /// Blocking problems, each root cause once.
    pub failing_findings: u32,
    /// Problems worth fixing that do not stop ads serving or being measured.
    pub warnings: u32,
    pub by_verdict: BTreeMap<Verdict, u32>,
}

/// One audit run over a set of landing pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct AuditReport {
    pub schema_version: u32,
    /// The program and version that produced the report.
    pub generator: String,
    /// RFC 3339 timestamps.
    pub started_at: String,
    #[serde(default)]
    pub finished_at: Option<String>,
    pub status: RunStatus,
    /// Pages the run set out to check; a stopped or interrupted run checked fewer. Absent in
    /// reports written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub planned_pages: Option<u32>,
    pub summary: Summary,
    pub pages: Vec<PageReport>,
    /// What these checks cannot prove, in plain words; printed with every result.
    pub limits: Vec<String>,
    /// How the pages (and journeys) cover the conversion funnel chosen for this audit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub funnel: Option<crate::funnel::RunFunnel>,
    /// Funnels clicked through in a browser and saved with this audit.
    #[serde(default)]
    pub journeys: Vec<crate::journey::JourneyReport>,
}

/// The honest limits of a check run from the user's own machine.
pub fn standard_limits() -> Vec<String> {
    vec![
        "These requests come from your computer, not from OpenAI's servers. A page that passes here can still be blocked by rules that look at the visitor's IP address; a block or challenge seen here does prove that the site blocks OAI-AdsBot's user agent.".into(),
        "Pages are checked as they were at the time of the audit. Firewall and CDN settings change; audit again after any change.".into(),
        "The pixel check reads each page and its own scripts as served, without running them: it cannot see pixel code that a tag manager or another site's script adds, events that fire only after cookie consent or a visitor's action, or events on other pages (such as the order confirmation). Values computed at run time are not checked.".into(),
    ]
}

/// The JSON Schema of [`AuditReport`], as published in docs/report.schema.json.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(AuditReport)).expect("schema serialises")
}

/// A stored vendor id (older audits) read as the vendor's display name; a name stays as it is.
fn vendor_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let stored = Option::<String>::deserialize(d)?;
    Ok(stored.map(|v| {
        preflight_waf::SignatureTable::builtin()
            .vendor_name(&v)
            .map_or(v, str::to_string)
    }))
}
