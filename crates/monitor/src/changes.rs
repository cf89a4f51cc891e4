//! The changes between two audits that matter for ads, as events: a page became blocked,
//! challenged, robots-blocked or unreachable; the pixel or a funnel event disappeared or became
//! malformed; UTMs stopped surviving a redirect; anything else that started failing; and the
//! reverse of each (fixed). They are read off the audit comparison, never worked out again.

use preflight_model::{Area, Status};
use preflight_report::{Comparison, Direction, FindingDelta, FindingState};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

/// What kind of readiness a change touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The page's verdict for OAI-AdsBot changed.
    Reachability,
    /// The OpenAI pixel is missing, broken or malformed (or was, and is fixed).
    Pixel,
    /// A funnel event is missing or malformed (or was).
    FunnelEvent,
    /// Tracking parameters stopped surviving a redirect (or survive again).
    Utm,
    /// Any other check that started (or stopped) failing.
    Other,
}

impl ChangeKind {
    /// The kind as a short label for lists and messages.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Reachability => "Reachability",
            ChangeKind::Pixel => "Pixel",
            ChangeKind::FunnelEvent => "Funnel event",
            ChangeKind::Utm => "UTM",
            ChangeKind::Other => "Other check",
        }
    }
}

/// One change on one page between two audits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct ChangeEvent {
    pub page_url: String,
    pub kind: ChangeKind,
    /// `worse`, `better`, or `different` (one kind of block replaced by another).
    pub direction: Direction,
    /// The finding behind the change; `None` for a verdict change.
    pub finding_id: Option<String>,
    /// The change in one plain sentence.
    pub sentence: String,
}

impl ChangeEvent {
    pub fn is_worse(&self) -> bool {
        self.direction == Direction::Worse
    }
}

/// A direction as a short label for lists and messages ("Worse", "Fixed", "Different").
pub fn direction_label(direction: Direction) -> &'static str {
    match direction {
        Direction::Worse => "Worse",
        Direction::Better => "Fixed",
        Direction::Different => "Different",
    }
}

/// The finding that says UTMs were lost in a redirect.
const UTM_DROPPED: &str = "utm-dropped-by-redirect";
/// Findings about the funnel's events share this prefix.
const FUNNEL_PREFIX: &str = "pixel-funnel-event-";

/// The changes that matter, worse ones first, each group in the comparison's page order.
pub fn change_events(comparison: &Comparison) -> Vec<ChangeEvent> {
    let verdict_changed: HashSet<&str> = comparison
        .verdict_changes
        .iter()
        .map(|c| c.page_url.as_str())
        .collect();
    let mut events: Vec<ChangeEvent> = comparison
        .verdict_changes
        .iter()
        .map(|c| ChangeEvent {
            page_url: c.page_url.clone(),
            kind: ChangeKind::Reachability,
            direction: c.direction,
            finding_id: None,
            sentence: c.sentence.clone(),
        })
        .collect();
    let deltas = comparison
        .new
        .iter()
        .chain(&comparison.changed)
        .chain(&comparison.fixed);
    for delta in deltas {
        // A page whose verdict changed is told by that one event; its reachability findings
        // are the same news.
        if delta.area == Area::Reachability && verdict_changed.contains(delta.page_url.as_str()) {
            continue;
        }
        if let Some(event) = finding_event(delta) {
            events.push(event);
        }
    }
    // Stable: worse first, then different, then better; page order kept within each.
    events.sort_by_key(|e| match e.direction {
        Direction::Worse => 0,
        Direction::Different => 1,
        Direction::Better => 2,
    });
    events
}

/// The event a finding's change makes, if it matters.
fn finding_event(delta: &FindingDelta) -> Option<ChangeEvent> {
    let kind = kind_of(delta);
    // Funnel events count from a warning (a required event missing is a warning); the rest
    // count when they fail.
    let counts = |state: Option<FindingState>| {
        state.is_some_and(|s| match kind {
            ChangeKind::FunnelEvent => matches!(s.status, Status::Fail | Status::Warn),
            _ => s.status == Status::Fail,
        })
    };
    let (before, after) = (counts(delta.before), counts(delta.after));
    let direction = match (before, after) {
        (false, true) => Direction::Worse,
        (true, false) => Direction::Better,
        _ => return None,
    };
    let sentence = match direction {
        Direction::Worse => format!("{}: {}", kind.label(), delta.title),
        _ => format!("Fixed — {}: {}", kind.label(), delta.title),
    };
    Some(ChangeEvent {
        page_url: delta.page_url.clone(),
        kind,
        direction,
        finding_id: Some(delta.finding_id.clone()),
        sentence,
    })
}

fn kind_of(delta: &FindingDelta) -> ChangeKind {
    if delta.finding_id == UTM_DROPPED {
        ChangeKind::Utm
    } else if delta.finding_id.starts_with(FUNNEL_PREFIX) {
        ChangeKind::FunnelEvent
    } else if delta.area == Area::Pixel {
        ChangeKind::Pixel
    } else {
        ChangeKind::Other
    }
}

/// The changes that made things worse: what fails a regression gate.
pub fn regressions(events: &[ChangeEvent]) -> Vec<&ChangeEvent> {
    events.iter().filter(|e| e.is_worse()).collect()
}

/// One line that sums the changes up ("2 changes: 1 worse, 1 fixed"), the same in every alert
/// and in the app.
pub fn summary_line(events: &[ChangeEvent]) -> String {
    let count = |d: Direction| events.iter().filter(|e| e.direction == d).count();
    let (worse, better, different) = (
        count(Direction::Worse),
        count(Direction::Better),
        count(Direction::Different),
    );
    if events.is_empty() {
        return "Nothing changed.".into();
    }
    let mut parts = Vec::new();
    if worse > 0 {
        parts.push(format!("{worse} worse"));
    }
    if different > 0 {
        parts.push(format!("{different} different"));
    }
    if better > 0 {
        parts.push(format!("{better} fixed"));
    }
    let pages: HashSet<&str> = events.iter().map(|e| e.page_url.as_str()).collect();
    format!(
        "{} {} on {} {}: {}.",
        events.len(),
        plural(events.len(), "change", "changes"),
        pages.len(),
        plural(pages.len(), "page", "pages"),
        parts.join(", ")
    )
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}
