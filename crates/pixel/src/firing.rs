//! Whether each pixel call written in the page runs when the page loads, from what the source
//! shows: the call's place in its script (top level, or behind a condition, a listener, a
//! function), the script's kind (consent-gated, broken, an event-handler attribute) and the
//! order scripts run in (ordinary scripts in page order while the page is read, `defer` and
//! module scripts after it in page order, `async` ones whenever they have loaded).
//!
//! A call needs the pixel function `oaiq` to exist. It exists once OpenAI's snippet (its queue
//! stub), a guard such as `window.oaiq = window.oaiq || …`, or the SDK script itself has run.
//! A top-level call that certainly runs before any of those throws an error and stops its
//! script: that is a failure, not a matter of timing.

use preflight_model::{Confidence, Finding, Status};

use crate::finding::finding;
use crate::html::ExecMode;
use crate::ids;
use crate::js::Call;
use crate::report::MAX_EVIDENCE;
use crate::types::{Firing, Location};

/// A script's place in the running order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Position among the page's `<script>` elements; `None` when the element is unknown.
    pub order: Option<usize>,
    pub mode: ExecMode,
}

/// What kind of code a script is, for running it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Script(Slot),
    /// An event-handler attribute (`onclick`, `onsubmit`, …).
    Handler,
    /// Held back by a consent manager (named, with its marker).
    Consent(String),
    /// Browsers skip it: it has a syntax error.
    Broken,
}

/// Something that defines the pixel function.
#[derive(Debug, Clone)]
pub struct Definer {
    /// The script (index into the analysed scripts) it is in; `None` for an SDK `<script src>`.
    pub script: Option<usize>,
    /// Byte offset in that script.
    pub offset: u32,
    pub slot: Slot,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFiring {
    pub firing: Firing,
    pub reason: Option<String>,
    pub blocked_by: Option<&'static str>,
}

impl CallFiring {
    fn new(firing: Firing, reason: impl Into<String>) -> Self {
        CallFiring {
            firing,
            reason: Some(reason.into()),
            blocked_by: None,
        }
    }
}

/// `d` has run before a script at `c` starts.
fn runs_before(d: Slot, c: Slot) -> bool {
    let (Some(od), Some(oc)) = (d.order, c.order) else {
        return false;
    };
    match (d.mode, c.mode) {
        (ExecMode::Classic, ExecMode::Classic | ExecMode::Async) => od < oc,
        (ExecMode::Classic, ExecMode::Deferred) => true,
        (ExecMode::Deferred, ExecMode::Deferred) => od < oc,
        _ => false,
    }
}

/// A script at `c` has finished before `d` runs.
fn runs_after(d: Slot, c: Slot) -> bool {
    let (Some(od), Some(oc)) = (d.order, c.order) else {
        return false;
    };
    match (c.mode, d.mode) {
        (ExecMode::Classic, ExecMode::Classic | ExecMode::Async) => od > oc,
        (ExecMode::Classic, ExecMode::Deferred) => true,
        (ExecMode::Deferred, ExecMode::Deferred) => od > oc,
        _ => false,
    }
}

fn mode_words(slot: Slot) -> &'static str {
    match (slot.order, slot.mode) {
        (None, _) => "the page does not show where its script is loaded",
        (_, ExecMode::Async) => {
            "its script loads with “async”, which runs whenever the file arrives"
        }
        (_, ExecMode::Deferred) => "its script runs after the page is read (“defer” or a module)",
        (_, ExecMode::Classic) => "it depends on which script runs first",
    }
}

/// Whether one call runs when the page loads.
pub fn call_firing(call: &Call, script: usize, place: &Place, definers: &[Definer]) -> CallFiring {
    let slot = match place {
        Place::Broken => {
            return CallFiring {
                blocked_by: Some(ids::SCRIPT_SYNTAX_ERROR),
                ..CallFiring::new(
                    Firing::Never,
                    "its script has a syntax error, so browsers skip the whole script",
                )
            };
        }
        Place::Consent(manager) => {
            return CallFiring::new(
                Firing::ConsentGated,
                format!("its script waits for the visitor's consent ({manager})"),
            );
        }
        Place::Handler => {
            return CallFiring::new(
                Firing::Conditional,
                "in an event-handler attribute, which runs only when that happens (for example a click)",
            );
        }
        Place::Script(slot) => *slot,
    };
    if let Some(reason) = &call.context {
        return CallFiring::new(Firing::Conditional, reason.clone());
    }
    let same_before = |d: &&Definer| d.script == Some(script) && d.offset <= call.offset;
    let before = |d: &&Definer| d.script != Some(script) && runs_before(d.slot, slot);
    if definers.iter().any(|d| same_before(&d) || before(&d)) {
        return CallFiring {
            firing: Firing::Certain,
            reason: None,
            blocked_by: None,
        };
    }
    let after = |d: &Definer| {
        if d.script == Some(script) {
            d.offset > call.offset
        } else {
            runs_after(d.slot, slot)
        }
    };
    if !definers.is_empty() && definers.iter().all(after) {
        return CallFiring {
            blocked_by: Some(ids::CALL_BEFORE_SNIPPET),
            ..CallFiring::new(
                Firing::Never,
                "it runs before the pixel snippet has defined “oaiq”, so it stops with an error",
            )
        };
    }
    if definers.is_empty() {
        return CallFiring::new(
            Firing::OrderDependent,
            "nothing on this page defines “oaiq”; it works only if a tag manager or another script adds the pixel first",
        );
    }
    let words = if definers
        .iter()
        .any(|d| d.slot.order.is_none() || d.slot.mode == ExecMode::Async)
    {
        "the pixel snippet or SDK loads with “async” or from a place the page does not show, so it may not have run yet"
    } else {
        mode_words(slot)
    };
    CallFiring::new(Firing::OrderDependent, words)
}

/// A call and what was decided about it, for the findings.
pub struct Judged<'c> {
    pub call: &'c Call,
    pub event: Option<String>,
    pub firing: CallFiring,
}

/// The findings about when calls run: calls that stop their script, calls whose timing is
/// uncertain, and events behind conditions.
pub fn findings(judged: &[Judged<'_>], definers: &[Definer]) -> Vec<Finding> {
    let mut out = Vec::new();
    let snippet = definers.first().map(|d| d.location.to_string());
    let never: Vec<&Judged> = judged
        .iter()
        .filter(|j| j.firing.blocked_by == Some(ids::CALL_BEFORE_SNIPPET))
        .collect();
    if !never.is_empty() {
        let mut f = finding(ids::CALL_BEFORE_SNIPPET, Status::Fail, "A pixel call runs before the pixel snippet, so it fails")
            .detail("The call runs at a moment when “oaiq” does not exist yet: the snippet that defines it comes later in the page (or loads with “defer”). The browser stops that script with an error, so this call and everything after it in the same script never run.")
            .remedy("Move OpenAI's snippet above this code, at the top of <head>, and load it without “defer” or “async” on the tag that holds it. Do not define “oaiq” yourself before the snippet: the snippet then skips loading the SDK.");
        for j in never.iter().take(MAX_EVIDENCE - 1) {
            f = f.evidence_at(
                "Pixel call",
                j.call.text.clone(),
                j.call.location.to_string(),
            );
        }
        if let Some(s) = &snippet {
            f = f.evidence("Pixel function defined at", s.clone());
        }
        out.push(f);
    }
    let uncertain: Vec<&Judged> = judged
        .iter()
        .filter(|j| j.firing.firing == Firing::OrderDependent)
        .collect();
    if !uncertain.is_empty() && !definers.is_empty() {
        let mut f = finding(ids::CALL_ORDER_UNCERTAIN, Status::Warn, "Some pixel calls may run before the pixel is set up")
            .detail("These calls run when the page loads, but whether “oaiq” exists at that moment depends on which script loads first. If it does not exist yet, the browser stops the script with an error and the call is lost.")
            .confidence(Confidence::Medium)
            .remedy("Put OpenAI's snippet first, at the top of <head>, as an ordinary script (not “async” or “defer”), so it defines “oaiq” before any other code calls it. A rendered check shows whether the calls arrive.");
        for j in uncertain.iter().take(MAX_EVIDENCE) {
            f = f.evidence_at(
                "Pixel call",
                format!(
                    "{} ({})",
                    j.call.text,
                    j.firing.reason.as_deref().unwrap_or("")
                ),
                j.call.location.to_string(),
            );
        }
        out.push(f);
    }
    let conditional: Vec<&Judged> = judged
        .iter()
        .filter(|j| j.firing.firing == Firing::Conditional && j.event.is_some())
        .collect();
    if !conditional.is_empty() {
        let mut f = finding(ids::EVENT_CONDITIONAL, Status::Info, "Some events are sent only under conditions this scan cannot see")
            .detail("These events are written behind a condition, inside an event listener or timer, or in a function the page calls later. Reading the page cannot tell whether they are sent; that is often right (an order event on the confirmation, a lead on form submit).")
            .confidence(Confidence::High)
            .remedy("Run a rendered check, and perform the step (submit the form, complete a test order) to confirm each event is sent when it should be.");
        for j in conditional.iter().take(MAX_EVIDENCE) {
            f = f.evidence_at(
                "Event",
                format!(
                    "{}: {}",
                    j.event.as_deref().unwrap_or(""),
                    j.firing.reason.as_deref().unwrap_or("")
                ),
                j.call.location.to_string(),
            );
        }
        out.push(f);
    }
    out
}

/// A script holding OpenAI's snippet, which returns early when “oaiq” already exists.
pub struct Snippet {
    pub script: usize,
    pub slot: Slot,
    pub location: Location,
}

/// An earlier definition of “oaiq” (a guard or a stub of the site's own, in a script that loads
/// no SDK) makes the official snippet return before it loads the SDK, so nothing is ever sent.
/// `loaders` are the scripts that load the SDK themselves.
pub fn stub_blocks_snippet(
    definers: &[Definer],
    snippets: &[Snippet],
    loaders: &[usize],
    sdk_tag: bool,
) -> Option<Finding> {
    if sdk_tag {
        return None;
    }
    for s in snippets {
        let early = definers.iter().find(|d| {
            d.script
                .is_some_and(|x| x != s.script && !loaders.contains(&x))
                && runs_before(d.slot, s.slot)
        });
        if let Some(d) = early {
            return Some(
                finding(ids::STUB_BLOCKS_SNIPPET, Status::Fail, "Code before OpenAI's snippet defines “oaiq”, so the snippet never loads the pixel")
                    .detail("OpenAI's snippet starts with “if (w.oaiq) return;”: when “oaiq” already exists it assumes the pixel is loaded and stops. An earlier line of the page defines “oaiq” (often “window.oaiq = window.oaiq || function…” added to queue early calls) without loading the SDK, so the SDK is never loaded and no event is sent.")
                    .confidence(Confidence::Medium)
                    .evidence("Defined first at", d.location.to_string())
                    .evidence("OpenAI's snippet", s.location.to_string())
                    .remedy("Remove the early definition of “oaiq” and put OpenAI's snippet first, at the top of <head>; its own queue keeps calls made before the SDK arrives."),
            );
        }
    }
    None
}
