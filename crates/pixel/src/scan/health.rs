//! The health of each script: syntax errors, scripts skipped or only partly read, and a pixel
//! snippet that is cut off or never loads the SDK.

use preflight_model::{Confidence, Finding, Status};

use crate::finding::finding;
use crate::ids;
use crate::js::{self, Callee, ScriptFacts, ScriptInput};
use crate::position::LineIndex;

/// Syntax errors and skipped scripts become findings and limits.
pub fn script_health(
    fact: &ScriptFacts,
    has_pixel_code: bool,
    findings: &mut Vec<Finding>,
    limits: &mut Vec<String>,
) {
    if let Some((message, location)) = fact.syntax_errors.first() {
        let (status, confidence, why) = if has_pixel_code {
            (Status::Warn, Confidence::Medium, "This script holds pixel code. Browsers do not run a script with a syntax error at all, so the pixel in it may never start.")
        } else {
            (Status::Info, Confidence::Medium, "Browsers do not run a script with a syntax error. It does not hold pixel code, but it may be meant to.")
        };
        findings.push(
            finding(ids::SCRIPT_SYNTAX_ERROR, status, format!("Syntax error in {}", fact.label))
                .detail(format!("{why} The rest of the script was still read as far as possible."))
                .confidence(confidence)
                .evidence_at("Syntax error", message.clone(), location.to_string())
                .remedy("Open the browser console on this page to confirm the error, then fix the script (often a broken paste of a snippet or a template tag left in the code)."),
        );
    }
    for reason in fact.skipped.iter().chain(fact.partial.iter()) {
        findings.push(
            finding(ids::SCRIPT_NOT_EXAMINED, Status::Info, format!("{} was not fully examined", fact.label))
                .detail(format!("{reason}. Pixel calls in it, if any, are not in this report."))
                .confidence(Confidence::High)
                .evidence("Script", fact.label.clone())
                .remedy("Check this script with a rendered scan (which records the pixel calls the page really makes)."),
        );
        limits.push(format!("{reason}."));
    }
}

/// The snippet itself is broken (a syntax error in the script that holds it, usually a paste
/// cut short), so browsers skip it and the pixel never starts.
pub fn broken_snippet(fact: &ScriptFacts, holds_snippet: bool, text: &str) -> Option<Finding> {
    let (message, location) = fact.syntax_errors.first()?;
    if !holds_snippet {
        return None;
    }
    let start: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(160)
        .collect();
    Some(
        finding(ids::SNIPPET_BROKEN, Status::Fail, format!("The pixel snippet in {} is broken, so it never runs", fact.label))
            .detail("The script holding OpenAI's snippet has a syntax error (often a paste cut short, an unclosed bracket or a missing line). Browsers skip a script with a syntax error entirely, so the pixel is never set up and none of the calls in it are sent.")
            .confidence(Confidence::High)
            .evidence_at("Syntax error", message.clone(), location.to_string())
            .evidence("Script begins", start)
            .remedy("Copy the snippet again from Ads Manager (Conversions tab) and paste it whole, replacing this one; then check the browser console on the page for errors."),
    )
}

/// The snippet defines “oaiq” but nothing on the page loads the SDK.
pub fn incomplete_snippet(label: &str, location: String) -> Finding {
    finding(ids::SNIPPET_INCOMPLETE, Status::Fail, "The pixel snippet never loads the pixel script")
        .detail(format!("{label} sets up “oaiq” as OpenAI's snippet does, but nothing on the page loads https://bzrcdn.openai.com/sdk/oaiq.min.js: the snippet's last line (with the address) is missing or was changed. Calls are queued and never sent."))
        .confidence(Confidence::Medium)
        .evidence("Snippet", location)
        .remedy("Copy the snippet again from Ads Manager (Conversions tab) and paste it whole; it must end with the SDK address https://bzrcdn.openai.com/sdk/oaiq.min.js.")
}

/// Browsers skip a script with a syntax error, but the calls written in it still say what it
/// was meant to send. When the parser could not read them, each `oaiq(…)` call is cut out of
/// the text and read on its own, at its place in the page.
pub fn recover_calls(facts: &mut [ScriptFacts], inputs: &[ScriptInput]) {
    let mut pieces = Vec::new();
    let mut owners = Vec::new();
    for (i, (fact, input)) in facts.iter().zip(inputs).enumerate() {
        let has_calls = fact.calls.iter().any(|c| c.callee == Callee::Oaiq);
        if fact.syntax_errors.is_empty() || has_calls || fact.skipped.is_some() {
            continue;
        }
        let index = LineIndex::new(&input.text);
        for (offset, piece) in crate::inert_report::call_pieces_at(&input.text)
            .into_iter()
            .take(50)
        {
            let (line, column) = index.line_column(offset);
            let start = match input.start {
                Some((l0, c0)) if line == 1 => (l0, c0 + column - 1),
                Some((l0, _)) => (l0 + line - 1, column),
                None => (line, column),
            };
            pieces.push(ScriptInput {
                label: input.label.clone(),
                text: piece.to_string(),
                start: Some(start),
                consent_gated: input.consent_gated,
            });
            owners.push(i);
        }
    }
    if pieces.is_empty() {
        return;
    }
    for (owner, piece) in owners.into_iter().zip(js::analyze_all(pieces)) {
        facts[owner].calls.extend(piece.calls);
    }
}
