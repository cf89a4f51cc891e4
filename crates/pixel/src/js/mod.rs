//! JavaScript analysis with a real parser (oxc): every script is parsed, walked within a budget,
//! and reduced to owned facts (calls, strings, syntax errors) with page positions.

mod big_stack;
mod context;
mod extract;
pub mod guard;
mod memo;
mod scope;
mod value;

use std::time::{Duration, Instant};

use oxc_allocator::Allocator;
use oxc_parser::{ParseOptions, Parser};
use oxc_span::SourceType;

pub use extract::{Budget, Callee};
pub use value::SPREAD_KEY;

use crate::position::LineIndex;
use crate::types::Location;

/// Scripts larger than this are not parsed (a report limit says so).
pub const MAX_SCRIPT_BYTES: usize = 5 * 1024 * 1024;
/// Deepest nesting accepted before parsing.
const MAX_NESTING: usize = 1_500;
/// Deepest expression/statement nesting walked.
const MAX_WALK_DEPTH: u32 = 2_000;
/// Nodes walked per script.
const MAX_NODES: u64 = 20_000_000;
/// Wall-clock budget for all scripts of one page.
pub const TOTAL_TIME_BUDGET: Duration = Duration::from_secs(20);

/// One piece of JavaScript to analyse.
#[derive(Debug, Clone)]
pub struct ScriptInput {
    /// "inline script 3", "onclick attribute 1" or the script URL.
    pub label: String,
    pub text: String,
    /// Where the text starts in the page (1-based line and column), for inline code.
    pub start: Option<(u32, u32)>,
    pub consent_gated: bool,
}

/// A call found in a script, with its page position.
#[derive(Debug, Clone)]
pub struct Call {
    pub callee: Callee,
    pub args: Vec<serde_json::Value>,
    pub text: String,
    pub location: Location,
    /// Byte offset in the script, to order it against the stub's definition.
    pub offset: u32,
    /// Why the call may not run when its script runs; `None` at the top level.
    pub context: Option<String>,
}

/// A URL-like or pixel-related string literal, with its page position.
#[derive(Debug, Clone)]
pub struct FoundString {
    pub value: String,
    pub location: Location,
    /// Only part of a string built at run time.
    pub partial: bool,
    pub context: Option<String>,
}

/// Everything learned from one script.
#[derive(Debug, Clone, Default)]
pub struct ScriptFacts {
    pub label: String,
    pub consent_gated: bool,
    pub calls: Vec<Call>,
    pub strings: Vec<FoundString>,
    pub defines_stub: bool,
    /// Byte offset of the first top-level definition of the pixel function, and where it is.
    pub first_definition: Option<u32>,
    pub first_definition_at: Option<Location>,
    /// The script returns early when the pixel function already exists.
    pub returns_if_defined: bool,
    /// The text names the pixel's global function at all (even where it could not be parsed).
    pub mentions_pixel: bool,
    /// Syntax errors, as (message, location).
    pub syntax_errors: Vec<(String, Location)>,
    /// Why the script was not (fully) analysed, in plain words.
    pub skipped: Option<String>,
    pub partial: Option<String>,
}

/// Analyse all scripts on one thread with a large stack, so hostile nesting that slips past the
/// pre-check still cannot overflow the caller's stack.
pub fn analyze_all(inputs: Vec<ScriptInput>) -> Vec<ScriptFacts> {
    if inputs.is_empty() {
        return Vec::new();
    }
    let labels: Vec<String> = inputs.iter().map(|i| i.label.clone()).collect();
    let analysed = big_stack::run(move || {
        let deadline = Instant::now() + TOTAL_TIME_BUDGET;
        inputs
            .iter()
            .map(|input| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    memo::facts_of(
                        input,
                        || analyze(input, deadline),
                        || Instant::now() <= deadline,
                    )
                }))
                .unwrap_or_else(|_| ScriptFacts {
                    label: input.label.clone(),
                    skipped: Some("the JavaScript parser failed on this script".into()),
                    ..ScriptFacts::default()
                })
            })
            .collect::<Vec<_>>()
    });
    analysed.unwrap_or_else(|| {
        labels
            .into_iter()
            .map(|label| ScriptFacts {
                label,
                skipped: Some("the JavaScript analysis could not run".into()),
                ..ScriptFacts::default()
            })
            .collect()
    })
}

fn analyze(input: &ScriptInput, deadline: Instant) -> ScriptFacts {
    let mut facts = ScriptFacts {
        label: input.label.clone(),
        consent_gated: input.consent_gated,
        ..ScriptFacts::default()
    };
    let text = input.text.as_str();
    facts.mentions_pixel = text.contains(crate::data::data().sdk.global_name.as_str());
    if text.len() > MAX_SCRIPT_BYTES {
        facts.skipped = Some(format!(
            "{} is {:.1} MB, over the {} MB limit, so it was not examined",
            input.label,
            text.len() as f64 / 1_048_576.0,
            MAX_SCRIPT_BYTES / 1_048_576
        ));
        return facts;
    }
    if Instant::now() > deadline {
        facts.skipped = Some(format!(
            "{} was not examined: the time budget for this page ran out",
            input.label
        ));
        return facts;
    }
    let index = LineIndex::new(text);
    let locate = |offset: u32| -> Location {
        let (line, column) = index.line_column(offset as usize);
        let (line, column) = match input.start {
            Some((l0, c0)) if line == 1 => (l0, c0 + column - 1),
            Some((l0, _)) => (l0 + line - 1, column),
            None => (line, column),
        };
        Location::new(input.label.clone(), Some(line), Some(column))
    };
    if let Err(deep) = guard::check_nesting(text, MAX_NESTING) {
        facts.skipped = Some(format!(
            "{} nests {} more than {MAX_NESTING} levels deep (at {}), so it was not examined",
            input.label,
            deep.what,
            locate(deep.offset as u32)
        ));
        return facts;
    }

    let allocator = Allocator::default();
    let source_type = SourceType::unambiguous();
    let options = ParseOptions {
        allow_return_outside_function: true,
        ..ParseOptions::default()
    };
    let ret = Parser::new(&allocator, text, source_type)
        .with_options(options)
        .parse();
    for error in ret.diagnostics.errors().take(5) {
        let offset = error.labels.first().map_or(0, |l| l.offset());
        facts
            .syntax_errors
            .push((error.message.to_string(), locate(offset)));
    }
    let budget = Budget {
        max_nodes: MAX_NODES,
        deadline,
        max_depth: MAX_WALK_DEPTH,
    };
    let found = extract::extract(&ret.program, text, budget);
    if found.budget_exhausted {
        facts.partial = Some(format!(
            "{} was only partly examined: the work budget ran out",
            input.label
        ));
    } else if found.depth_limited {
        facts.partial = Some(format!(
            "{} was only partly examined: some code is nested too deeply",
            input.label
        ));
    }
    if ret.panicked {
        facts.partial = Some(format!(
            "{} has a syntax error the parser could not recover from, so nothing in it was examined",
            input.label
        ));
    }
    facts.defines_stub = found.defines_stub;
    facts.first_definition = found.first_definition;
    facts.first_definition_at = found.first_definition.map(locate);
    facts.returns_if_defined = found.returns_if_defined;
    facts.calls = found
        .calls
        .into_iter()
        .map(|c| Call {
            callee: c.callee,
            args: c.args,
            text: c.text,
            location: locate(c.offset),
            offset: c.offset,
            context: c.context,
        })
        .collect();
    facts.strings = found
        .strings
        .into_iter()
        .map(|s| FoundString {
            value: s.value,
            location: locate(s.offset),
            partial: s.partial,
            context: s.context,
        })
        .collect();
    facts
}
