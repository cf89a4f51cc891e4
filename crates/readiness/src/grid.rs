//! The page grid: one row per page with the values an analyst sorts and filters by, each worked
//! out once here — the app's grid and its CSV read them and never judge a page themselves. A
//! row's counts are the page's counts under the counting rules ([`crate::counts::page_counts`],
//! the same as its [`crate::PageStanding`]), its pixel answer is [`crate::rules::pixel_works`].

use crate::counts;
use crate::rules;
use preflight_document::agents::Agent;
use preflight_document::artifacts::{FetchArtifact, FetchErrorKind};
use preflight_document::report::{AuditReport, PageReport, Verdict};
use serde::Serialize;
use ts_rs::TS;

/// robots.txt's answer for the page's exact URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RobotsAnswer {
    Allowed,
    Blocked,
    /// robots.txt was not checked for this page.
    Unknown,
}

impl RobotsAnswer {
    pub const ALL: [RobotsAnswer; 3] = [
        RobotsAnswer::Allowed,
        RobotsAnswer::Blocked,
        RobotsAnswer::Unknown,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RobotsAnswer::Allowed => "Allowed",
            RobotsAnswer::Blocked => "Blocked",
            RobotsAnswer::Unknown => "Unknown",
        }
    }
}

/// Whether the OpenAI Ads pixel works on the page, under the counting rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PixelAnswer {
    Installed,
    NotInstalled,
    /// The page could not be scanned (the browser did not get it), or the audit is older.
    NotChecked,
}

impl PixelAnswer {
    pub const ALL: [PixelAnswer; 3] = [
        PixelAnswer::Installed,
        PixelAnswer::NotInstalled,
        PixelAnswer::NotChecked,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PixelAnswer::Installed => "Installed",
            PixelAnswer::NotInstalled => "Not installed",
            PixelAnswer::NotChecked => "Not checked",
        }
    }
}

/// Whether the tracking parameters (UTM and OpenAI's click ids) survive the page's redirects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UtmAnswer {
    Kept,
    Lost,
    /// It could not be told (the page did not load).
    NotApplicable,
}

impl UtmAnswer {
    pub const ALL: [UtmAnswer; 3] = [UtmAnswer::Kept, UtmAnswer::Lost, UtmAnswer::NotApplicable];

    pub fn label(self) -> &'static str {
        match self {
            UtmAnswer::Kept => "Kept through redirects",
            UtmAnswer::Lost => "Lost in a redirect",
            UtmAnswer::NotApplicable => "n/a",
        }
    }
}

/// What one agent's request got, in a grid cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FetchCell {
    /// The final HTTP status, when a response came.
    pub status: Option<u16>,
    /// The status ("200"), why no response came ("Timed out"), or "" when the page was not
    /// requested as this agent.
    pub text: String,
}

/// One page's row in the page grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PageRow {
    pub url: String,
    /// Blocking problems on the page (each root cause once).
    pub blocking: u32,
    pub warnings: u32,
    /// The page's title as the browser got it (else as OAI-AdsBot got it).
    pub title: Option<String>,
    pub verdict: Verdict,
    /// The firewall or CDN in front of the page ("Cloudflare"), if one was recognised.
    pub vendor: Option<String>,
    pub robots: RobotsAnswer,
    /// The request with OpenAI's full OAI-AdsBot user agent.
    pub adsbot: FetchCell,
    /// The request as a desktop browser.
    pub browser: FetchCell,
    /// Milliseconds OAI-AdsBot's request took, redirects and body included.
    pub response_ms: Option<u32>,
    pub pixel: PixelAnswer,
    /// Pixel events found on the page, each name once, in page order.
    pub events: Vec<String>,
    pub utm: UtmAnswer,
    /// Where the page comes when the worst pages are listed first (0 = worst): pages with
    /// blocking problems, then pages with warnings, then the others; more problems first; the
    /// audit's page order among equals.
    pub worst_first: u32,
}

/// Each page's row, in the audit's page order, with its place in the worst-first order. Give it
/// the audit as every reader shows it (`normalise`); the counts apply the rules either way.
pub fn rows(report: &AuditReport) -> Vec<PageRow> {
    let mut rows: Vec<PageRow> = report.pages.iter().map(row).collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| worst_first_key(&rows[i], i));
    for (place, i) in order.into_iter().enumerate() {
        rows[i].worst_first = place as u32;
    }
    rows
}

fn worst_first_key(
    row: &PageRow,
    index: usize,
) -> (u8, std::cmp::Reverse<u32>, std::cmp::Reverse<u32>, usize) {
    let tier = if row.blocking > 0 {
        0
    } else if row.warnings > 0 {
        1
    } else {
        2
    };
    (
        tier,
        std::cmp::Reverse(row.blocking),
        std::cmp::Reverse(row.warnings),
        index,
    )
}

/// One page's row (its `worst_first` is set by [`rows`]).
pub fn row(page: &PageReport) -> PageRow {
    let c = counts::page_counts(page);
    let fetch = |agent: Agent| page.fetches.iter().find(|f| f.agent == agent);
    let adsbot = fetch(Agent::Adsbot);
    let browser = fetch(Agent::Browser);
    let title = browser
        .and_then(|f| f.title.clone())
        .or_else(|| adsbot.and_then(|f| f.title.clone()))
        .filter(|t| !t.trim().is_empty());
    let pixel = match &page.pixel {
        None => PixelAnswer::NotChecked,
        Some(_) if rules::pixel_works(page) => PixelAnswer::Installed,
        Some(_) => PixelAnswer::NotInstalled,
    };
    let mut events: Vec<String> = Vec::new();
    if let Some(p) = &page.pixel {
        // Only events sent in an ordinary visit; code that never fires is not an event.
        let sent = p.events.iter().filter(|e| e.is_sent()).map(|e| &e.name);
        for name in sent.chain(&p.standard_events) {
            if !events.contains(name) {
                events.push(name.clone());
            }
        }
    }
    PageRow {
        url: page.url.clone(),
        blocking: c.blocking,
        warnings: c.warnings,
        title,
        verdict: page.verdict,
        vendor: page.vendor.clone(),
        robots: match &page.robots {
            None => RobotsAnswer::Unknown,
            Some(r) if r.allowed => RobotsAnswer::Allowed,
            Some(_) => RobotsAnswer::Blocked,
        },
        adsbot: fetch_cell(adsbot),
        browser: fetch_cell(browser),
        response_ms: adsbot.map(|f| f.total_ms),
        pixel,
        events,
        utm: match page.params_survive {
            Some(true) => UtmAnswer::Kept,
            Some(false) => UtmAnswer::Lost,
            None => UtmAnswer::NotApplicable,
        },
        worst_first: 0,
    }
}

fn fetch_cell(fetch: Option<&FetchArtifact>) -> FetchCell {
    let Some(f) = fetch else {
        return FetchCell {
            status: None,
            text: String::new(),
        };
    };
    let text = match (&f.error, f.status) {
        (Some(e), _) => error_words(e.kind).to_string(),
        (None, Some(s)) => s.to_string(),
        (None, None) => "No answer".to_string(),
    };
    FetchCell {
        status: if f.error.is_none() { f.status } else { None },
        text,
    }
}

fn error_words(kind: FetchErrorKind) -> &'static str {
    match kind {
        FetchErrorKind::Dns => "Host not found",
        FetchErrorKind::ConnectionRefused => "Connection refused",
        FetchErrorKind::Tls => "Secure connection failed",
        FetchErrorKind::Timeout => "Timed out",
        FetchErrorKind::ConnectionReset => "Connection cut",
        FetchErrorKind::RedirectLoop => "Redirect loop",
        FetchErrorKind::TooManyRedirects => "Too many redirects",
        FetchErrorKind::BadRedirect => "Broken redirect",
        FetchErrorKind::Protocol => "Invalid answer",
        FetchErrorKind::PrivateAddress => "Private address, not requested",
        FetchErrorKind::Other => "Failed",
    }
}

/// A column of the page grid, in the order the grid and its CSV show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GridColumn {
    Url,
    Title,
    Verdict,
    Vendor,
    Robots,
    AdsbotStatus,
    BrowserStatus,
    ResponseMs,
    Pixel,
    Events,
    Utm,
    Blocking,
    Warnings,
}

impl GridColumn {
    pub const ALL: [GridColumn; 13] = [
        GridColumn::Url,
        GridColumn::Title,
        GridColumn::Verdict,
        GridColumn::Vendor,
        GridColumn::Robots,
        GridColumn::AdsbotStatus,
        GridColumn::BrowserStatus,
        GridColumn::ResponseMs,
        GridColumn::Pixel,
        GridColumn::Events,
        GridColumn::Utm,
        GridColumn::Blocking,
        GridColumn::Warnings,
    ];

    /// The column's heading, in the grid and the CSV alike.
    pub fn label(self) -> &'static str {
        match self {
            GridColumn::Url => "Page",
            GridColumn::Title => "Title",
            GridColumn::Verdict => "Verdict",
            GridColumn::Vendor => "Firewall / CDN",
            GridColumn::Robots => "robots.txt",
            GridColumn::AdsbotStatus => "OAI-AdsBot status",
            GridColumn::BrowserStatus => "Browser status",
            GridColumn::ResponseMs => "Response time (ms)",
            GridColumn::Pixel => "Pixel",
            GridColumn::Events => "Events",
            GridColumn::Utm => "UTM parameters",
            GridColumn::Blocking => "Blocking problems",
            GridColumn::Warnings => "Warnings",
        }
    }

    /// The text of this column for a row; "" for nothing.
    pub fn cell(self, row: &PageRow) -> String {
        match self {
            GridColumn::Url => row.url.clone(),
            GridColumn::Title => row.title.clone().unwrap_or_default(),
            GridColumn::Verdict => row.verdict.label().to_string(),
            GridColumn::Vendor => row.vendor.clone().unwrap_or_default(),
            GridColumn::Robots => row.robots.label().to_string(),
            GridColumn::AdsbotStatus => row.adsbot.text.clone(),
            GridColumn::BrowserStatus => row.browser.text.clone(),
            GridColumn::ResponseMs => row.response_ms.map(|ms| ms.to_string()).unwrap_or_default(),
            GridColumn::Pixel => row.pixel.label().to_string(),
            GridColumn::Events => row.events.join(", "),
            GridColumn::Utm => row.utm.label().to_string(),
            GridColumn::Blocking => row.blocking.to_string(),
            GridColumn::Warnings => row.warnings.to_string(),
        }
    }
}
