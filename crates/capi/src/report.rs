//! What a validation found: one verdict per request (batch), one finding per problem with the
//! file, line, event index and JSON path it is about, and counts. Bounded whatever the input.

use preflight_model::{Finding, Status};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Findings kept in full; past this only the counts per id grow.
pub const MAX_FINDINGS: usize = 2_000;
/// Batches kept in full; past this only the totals grow.
pub const MAX_BATCHES: usize = 1_000;

/// How a file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// One request body: `{"events": [...]}` (or one event object).
    RequestBody,
    /// A JSON array of events.
    EventArray,
    /// One request or one event per line, as servers log them.
    JsonLines,
    /// A browser or proxy recording (HAR) holding requests to the events endpoint.
    Har,
    /// Nothing could be read (empty, binary, not JSON); the file's `message` says why.
    Unreadable,
}

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct FileSummary {
    /// The file's name (not its folder).
    pub name: String,
    pub format: InputFormat,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub events: u64,
    /// Lines (JSON Lines) that were not JSON; each has a `capi-line-not-json` finding.
    #[ts(type = "number")]
    pub bad_lines: u64,
    /// Why the file could not be read, in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub message: Option<String>,
}

/// One request (or, for events logged one per line, the group of them) and what OpenAI would do
/// with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct BatchVerdict {
    /// Number of this batch in the validation, from 1.
    pub number: u32,
    /// Where it is: "orders.json", "capi.log line 12", "session.har entry 3".
    pub label: String,
    /// True for a request body; false for events read on their own (an array, or one per line).
    pub is_request: bool,
    pub events: u32,
    /// Events with at least one failing problem.
    pub events_failing: u32,
    /// OpenAI would accept it (no failing problem).
    pub accepted: bool,
    /// The verdict in one sentence ("OpenAI would reject this whole batch because event 17 …").
    pub verdict: String,
    /// The pixel ID it was sent to, when the file says (HAR: the `pid` query parameter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pixel_id: Option<String>,
    /// The HTTP status the endpoint answered, when the file recorded it (HAR).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub response_status: Option<u16>,
}

/// One problem, where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct CapiFinding {
    pub batch: u32,
    /// The file's name.
    pub file: String,
    /// The line (JSON Lines) or entry (HAR) it came from, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub line: Option<u64>,
    /// The event's index in its batch, from 0 (as in the JSON path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub event_index: Option<u32>,
    /// Where in the JSON: `$.events[17].timestamp_ms`.
    pub path: String,
    pub finding: Finding,
}

/// How often one finding id occurred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct RuleCount {
    pub id: String,
    pub status: Status,
    /// The title of its first occurrence.
    pub example: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// How many events of one type were read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct TypeCount {
    pub event_type: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// Everything one validation found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct CapiValidation {
    /// The time events were judged against (RFC 3339), unless a file recorded when each request
    /// was sent (HAR).
    pub sent_at: String,
    pub files: Vec<FileSummary>,
    pub batches: Vec<BatchVerdict>,
    pub batches_total: u32,
    pub batches_rejected: u32,
    #[ts(type = "number")]
    pub events_checked: u64,
    #[ts(type = "number")]
    pub events_failing: u64,
    pub findings: Vec<CapiFinding>,
    #[ts(type = "number")]
    pub findings_total: u64,
    pub counts: Vec<RuleCount>,
    pub event_types: Vec<TypeCount>,
    /// Keys (Conversions API or other OpenAI keys) found in the files; shown masked only.
    pub keys_found: u32,
    /// The overall answer in one sentence.
    pub summary: String,
    /// The run was cancelled; what was read until then is reported.
    #[serde(default)]
    pub cancelled: bool,
}

impl CapiValidation {
    /// True when every batch would be accepted and every file was read.
    pub fn passed(&self) -> bool {
        self.batches_rejected == 0
            && self
                .files
                .iter()
                .all(|f| f.format != InputFormat::Unreadable && f.bad_lines == 0)
            && self.events_checked > 0
    }
}
