//! Assembles a report from page-level facts and the list of pixel calls, and merges calls
//! recorded in a browser into a static report, re-running the same lint over all of them.

use preflight_model::{Confidence, Finding, Status};
use serde_json::Value;

use crate::finding::{finding, CODE_LABEL};
use crate::ids;
use crate::lint::calls::lint_calls;
use crate::types::{Firing, How, Location, PixelCall, PixelReport, RecordedCall, DYNAMIC};
use crate::vendors;

/// Ids of findings computed from the whole call list (not tied to one call's evidence).
pub const SUMMARY_IDS: &[&str] = &[
    ids::DETECTED,
    ids::NOT_FOUND,
    ids::SDK_NOT_LOADED,
    ids::INIT_MISSING,
    ids::MULTIPLE_IDS,
];

/// Most evidence items kept on one grouped finding.
pub const MAX_EVIDENCE: usize = 10;

/// The detail of the "pixel installed" finding.
pub fn installed_detail(pixel_ids: usize, events: usize) -> String {
    format!("Found {pixel_ids} pixel ID(s) and {events} conversion event(s) on this page.")
}

pub mod limits {
    pub const RENDERED_NOT_RUN: &str = "The rendered check (running the page in a browser and recording the pixel calls it makes) is separate and has not been merged into this report.";

    pub fn static_limits() -> Vec<String> {
        vec![
            "This is a static scan of the page source: it cannot see events that only fire after cookie consent, after a visitor's action on other pages, or that a tag manager (such as Google Tag Manager) adds at run time.".to_string(),
            "Scripts from other sites (tag managers, CDNs) are named but not read unless they were fetched and passed in; pixel calls inside them are not seen.".to_string(),
            "Values computed at run time (a price from the cart, a hashed email) appear as <dynamic> and are not checked.".to_string(),
            "Only this page was scanned: events that fire on other pages (such as the order confirmation page) are not counted here.".to_string(),
            RENDERED_NOT_RUN.to_string(),
        ]
    }
}

/// Recompute everything that depends on the call list, then group and order the findings.
pub fn finalize(report: &mut PixelReport) {
    // Drop what is recomputed below; a grouped finding keeps its page-level evidence.
    report.findings.retain_mut(|f| {
        if SUMMARY_IDS.contains(&f.id.as_str()) {
            return false;
        }
        let before = f.evidence.len();
        f.evidence.retain(|e| e.label != CODE_LABEL);
        before == 0 || !f.evidence.is_empty()
    });
    // Image tags and code that never runs are found in the page, not in the calls.
    report.events.retain(|e| {
        e.via == "image_tag"
            || e.problems
                .iter()
                .any(|p| ids::NEVER_RUNS.contains(&p.as_str()))
    });

    let lint = lint_calls(&report.calls);
    for id in lint.pixel_ids {
        if !report.pixel_ids.contains(&id) {
            report.pixel_ids.push(id);
        }
    }
    report.init_options = lint.init_options;
    let mut events = lint.events;
    events.append(&mut report.events);
    report.events = events;
    report.findings.extend(lint.findings);
    report.findings.extend(vendors::unmapped_findings(
        &report.vendor_events,
        &report.events,
    ));
    let summary = summary(report);
    report.findings.extend(summary);
    report.findings = group(std::mem::take(&mut report.findings));
}

fn summary(report: &mut PixelReport) -> Vec<Finding> {
    let loaded = report.sdk_urls.iter().any(|s| s.official) || report.snippet_found;
    let rendered = report.calls.iter().any(|c| c.how == How::Rendered);
    let init_with_id = report.init_options.iter().any(|i| i.pixel_id.is_some());
    let any_init = report.calls.iter().any(|c| c.command == "init");
    let image_tag = report
        .events
        .iter()
        .any(|e| e.via == "image_tag" && e.firing.may_fire());
    // Pixel code that is there but never runs is named by its own failing finding.
    let explained = report.findings.iter().any(|f| {
        f.status == Status::Fail
            && (ids::NEVER_RUNS.contains(&f.id.as_str())
                || f.id == ids::NOSCRIPT_ONLY
                || f.id == ids::SNIPPET_BROKEN)
    });
    let tag_manager = report
        .tag_managers
        .iter()
        .find(|t| t.kind == "tag-manager" || t.kind == "cdp");
    report.installed =
        ((loaded || rendered) && init_with_id) || (image_tag && !report.pixel_ids.is_empty());

    let mut out = Vec::new();
    let tm_note = |f: Finding| match tag_manager {
        Some(tm) => f
            .status_to(Status::Warn)
            .confidence(Confidence::Low)
            .evidence_at("Tag manager", tm.evidence.clone(), tm.location.to_string()),
        None => f,
    };
    if report.installed {
        let mut f = finding(
            ids::DETECTED,
            Status::Pass,
            "The OpenAI Ads pixel is installed",
        )
        .detail(installed_detail(
            report.pixel_ids.len(),
            report.events.len(),
        ));
        for id in report.pixel_ids.iter().take(MAX_EVIDENCE) {
            f = f.evidence("Pixel ID", id.clone());
        }
        out.push(f);
    } else if explained {
    } else if !loaded && report.calls.is_empty() && !image_tag {
        let f = finding(ids::NOT_FOUND, Status::Fail, "No OpenAI Ads pixel found on this page")
            .detail(match tag_manager {
                Some(tm) => format!("The page has no OpenAI pixel code of its own. It uses {}, which may add the pixel when the page runs; a static scan cannot see that.", tm.name),
                None => "The page loads no OpenAI pixel (the script from bzrcdn.openai.com, the “oaiq” snippet or the image tag), so ChatGPT Ads cannot measure conversions from it.".to_string(),
            })
            .evidence("Looked for", "the SDK script from bzrcdn.openai.com, OpenAI's snippet, oaiq(…) calls and bzr.openai.com image tags, in the HTML and every script passed in")
            .remedy("Add OpenAI's pixel snippet near the top of <head> on every page (Ads Manager → Conversions shows it with your pixel ID), or add the OpenAI Ads pixel tag in your tag manager. Then run a rendered check to confirm it fires.");
        out.push(tm_note(f));
    } else if !loaded && !rendered && !report.calls.is_empty() {
        let mut f = finding(ids::SDK_NOT_LOADED, Status::Fail, "Pixel calls are made, but the pixel script is never loaded")
            .detail("The page calls “oaiq(…)” but neither loads https://bzrcdn.openai.com/sdk/oaiq.min.js nor contains OpenAI's snippet, so the calls go nowhere (unless a tag manager loads the script).")
            .remedy("Add OpenAI's full snippet (it loads the script and queues calls made before it arrives) near the top of <head>.");
        for call in report.calls.iter().take(3) {
            f = f.evidence_at("Pixel call", call.text.clone(), call.location.to_string());
        }
        out.push(tm_note(f));
    } else if !any_init && !image_tag {
        let mut f = finding(ids::INIT_MISSING, Status::Fail, "The pixel script loads, but the pixel is never initialised")
            .detail("Without “oaiq(\"init\", { pixelId: \"…\" })” the pixel does not know which account events belong to, and sends nothing.")
            .remedy("Call “oaiq(\"init\", { pixelId: \"<your pixel ID>\" })” right after the loader, as in OpenAI's snippet.");
        for sdk in report.sdk_urls.iter().take(3) {
            f = f.evidence_at("SDK loaded", sdk.url.clone(), sdk.location.to_string());
        }
        out.push(tm_note(f));
    }
    out
}

trait StatusTo {
    fn status_to(self, status: Status) -> Self;
}

impl StatusTo for Finding {
    fn status_to(mut self, status: Status) -> Self {
        self.status = status;
        self.severity = status.severity();
        self
    }
}

/// Merge identical findings (same id and title) into one with all their evidence, then order
/// by how urgent they are (fail first), keeping page order within a status.
fn group(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for f in findings {
        match out.iter_mut().find(|o| o.id == f.id && o.title == f.title) {
            Some(existing) => {
                for e in f.evidence {
                    if existing.evidence.len() < MAX_EVIDENCE && !existing.evidence.contains(&e) {
                        existing.evidence.push(e);
                    }
                }
            }
            None => out.push(f),
        }
    }
    out.sort_by_key(|f| f.status.rank());
    out
}

/// Turn calls recorded in a browser into pixel calls; unreadable ones become findings.
pub fn recorded_to_calls(recorded: &[RecordedCall]) -> (Vec<PixelCall>, Vec<Finding>) {
    let mut calls = Vec::new();
    let mut problems = Vec::new();
    for r in recorded {
        let args = match serde_json::from_str::<Value>(&r.args_json) {
            Ok(Value::Array(mut args)) => {
                // Accept captures that include the command as the first argument.
                if args.first().and_then(Value::as_str) == Some(r.command.as_str()) {
                    args.remove(0);
                }
                args
            }
            Ok(other) => vec![other],
            Err(e) => {
                problems.push(
                    finding(ids::RENDERED_CALL_UNREADABLE, Status::Info, "A recorded pixel call could not be read")
                        .detail(format!("The browser capture recorded a “{}” call whose arguments are not valid JSON ({e}), so it was not checked.", r.command))
                        .evidence_at("Recorded arguments", r.args_json.clone(), r.source.clone())
                        .remedy("No action needed on the page; re-run the rendered check if this repeats."),
                );
                continue;
            }
        };
        let text = format!(
            "oaiq({})",
            std::iter::once(Value::String(r.command.clone()))
                .chain(args.iter().cloned())
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        calls.push(PixelCall {
            command: if r.command.is_empty() {
                DYNAMIC.to_string()
            } else {
                r.command.clone()
            },
            args,
            how: How::Rendered,
            location: Location::source_only(r.source.clone()),
            text,
            consent_gated: false,
            firing: Firing::Observed,
            firing_reason: None,
            blocked_by: None,
        });
    }
    (calls, problems)
}

/// Add calls recorded in a browser to a static report and lint everything again.
pub fn merge_rendered(mut report: PixelReport, recorded: &[RecordedCall]) -> PixelReport {
    let (calls, problems) = recorded_to_calls(recorded);
    let count = calls.len();
    report.calls.retain(|c| c.how == How::Static);
    report.calls.extend(calls);
    report
        .findings
        .retain(|f| f.id != ids::RENDERED_CALL_UNREADABLE);
    report.findings.extend(problems);
    report
        .limits
        .retain(|l| l != limits::RENDERED_NOT_RUN && !l.starts_with(RENDERED_PREFIX));
    report.limits.push(format!("{RENDERED_PREFIX} {count} pixel call(s) were recorded. Events that need a visitor's action (a purchase, a form) only appear if the check performed it."));
    finalize(&mut report);
    crate::not_fired::mark(&mut report);
    report.findings = group(std::mem::take(&mut report.findings));
    report
}

const RENDERED_PREFIX: &str = "The rendered check ran:";

/// A report from recorded calls alone (no static scan).
pub fn lint_recorded_calls(recorded: &[RecordedCall]) -> PixelReport {
    let empty = PixelReport {
        installed: false,
        pixel_ids: Vec::new(),
        sdk_urls: Vec::new(),
        init_options: Vec::new(),
        events: Vec::new(),
        calls: Vec::new(),
        vendor_events: Vec::new(),
        tag_managers: Vec::new(),
        findings: Vec::new(),
        limits: Vec::new(),
        snippet_found: false,
    };
    merge_rendered(empty, recorded)
}
