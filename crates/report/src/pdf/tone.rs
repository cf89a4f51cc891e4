//! The small vocabulary every part of the PDFs shares: the tone a value is shown in, and the
//! words for a finding's status and severity and a page's verdict. It sits below the view-model
//! builders, which all import it and never each other.

use preflight_document::report::Verdict;
use preflight_model::{Severity, Status};
use preflight_readiness::{ItemStatus, ReadinessState};
use serde::Serialize;

/// The colour family a value is shown in (see `common.typ`).
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Tone {
    Good,
    Warn,
    Bad,
    Neutral,
}

/// "1 page", "2 pages".
pub(crate) fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A partial or empty audit is never coloured like a verdict.
pub(crate) fn state_tone(state: ReadinessState) -> Tone {
    match state {
        ReadinessState::Ready => Tone::Good,
        ReadinessState::NotReady => Tone::Bad,
        ReadinessState::Partial | ReadinessState::Empty => Tone::Neutral,
    }
}

/// A checklist item's status in the readiness model's words (as the app shows it) and tone. In
/// a partial audit it describes the pages checked so far, never the item as a whole.
pub(crate) fn item_status(status: ItemStatus, partial: bool) -> (String, Tone) {
    let tone = match status {
        ItemStatus::Pass => Tone::Good,
        ItemStatus::Warn => Tone::Warn,
        ItemStatus::Fail => Tone::Bad,
        ItemStatus::NotChecked => Tone::Neutral,
    };
    let label = match (status, partial) {
        (ItemStatus::NotChecked, _) | (_, false) => status.label().to_string(),
        (_, true) => format!("{} so far", status.label()),
    };
    (label, tone)
}

pub(crate) fn verdict_tone(verdict: Verdict) -> Tone {
    match verdict {
        Verdict::Reachable => Tone::Good,
        Verdict::RateLimited | Verdict::Timeout => Tone::Warn,
        _ => Tone::Bad,
    }
}

pub(crate) fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::None => "None",
    }
}

/// A finding's status in the words the counts use: a failing finding is a blocking problem.
pub(crate) fn status_label(status: Status) -> &'static str {
    match status {
        Status::Pass => "Pass",
        Status::Warn => "Warning",
        Status::Fail => "Blocking problem",
        Status::Info => "Information",
        Status::NotApplicable => "Not applicable",
        Status::Error => "Check could not run",
    }
}

pub(crate) fn status_tone(status: Status) -> Tone {
    match status {
        Status::Fail => Tone::Bad,
        Status::Warn | Status::Error => Tone::Warn,
        Status::Pass => Tone::Good,
        Status::Info | Status::NotApplicable => Tone::Neutral,
    }
}
