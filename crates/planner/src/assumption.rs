//! Inputs the planner did not get from the user, labelled so nobody mistakes them for facts.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::input::Input;

/// One input that is an assumption rather than the user's own number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Assumption {
    /// Plan field name, e.g. `cannibalization`.
    pub field: String,
    /// The value used, as shown to the reader (e.g. "0.2" or "0.1 to 0.35, likely 0.2").
    pub value: String,
    /// The same value as a plan input, when it is a number or a range, so a form can take it
    /// over without reading `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub input: Option<Input>,
    /// Why this value, in plain words.
    pub reason: String,
}

impl Assumption {
    pub fn new(field: &str, value: impl Into<String>, reason: &str) -> Self {
        Assumption {
            field: field.to_string(),
            value: value.into(),
            input: None,
            reason: reason.to_string(),
        }
    }

    /// An assumed number or range, shown as [`describe_input`] writes it.
    pub fn of_input(field: &str, input: Input, reason: &str) -> Self {
        Assumption {
            input: Some(input),
            ..Assumption::new(field, describe_input(&input), reason)
        }
    }
}

/// An input as a reader sees it.
pub fn describe_input(input: &Input) -> String {
    match input {
        Input::Point(v) => format_number(*v),
        Input::Range(r) => format!(
            "{} to {}, likely {}",
            format_number(r.low),
            format_number(r.high),
            format_number(r.likely)
        ),
    }
}

/// Shortest plain form of a number (no trailing zeros, no exponent for everyday values).
pub fn format_number(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
