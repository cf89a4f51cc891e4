//! The one error type of the planner: always names the input that is wrong.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Bad input. `field` is the plan field (or JSON path, e.g. `cvr.low`, or CSV column) at fault,
/// so a form can highlight it; `message` says what is wrong in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, thiserror::Error)]
#[error("{field}: {message}")]
pub struct PlanError {
    pub field: String,
    pub message: String,
}

impl PlanError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        PlanError {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The stable code of every plan error, for programs (the app, the CLI's JSON errors).
    pub fn code(&self) -> &'static str {
        "invalid_plan"
    }

    /// One plain sentence on what to do about this error, shown under its message.
    pub fn hint(&self) -> &'static str {
        "Correct the value of the field the message names, then run the plan again."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_has_a_code_and_a_one_sentence_hint() {
        let e = PlanError::new("cvr.low", "must be between 0 and 1");
        assert_eq!(e.code(), "invalid_plan");
        assert!(e.hint().ends_with('.') && !e.hint().trim_end_matches('.').contains(". "));
    }
}
