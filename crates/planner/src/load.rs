//! Reading a plan file: size limit, parsing with errors that name the field, then the checks of
//! `validate`. It sits above both `plan` and `validate`, so neither imports the other.

use crate::error::PlanError;
use crate::plan::Plan;
use crate::validate::validate;

/// Largest plan file accepted; a real plan is well under a kilobyte.
pub const MAX_PLAN_BYTES: usize = 1_000_000;

impl Plan {
    /// Parse a plan file. Unknown fields (typos) are rejected, and the error names the field.
    /// The plan is validated too, so a plan that parses can be evaluated.
    pub fn from_json(text: &str) -> Result<Plan, PlanError> {
        if text.len() > MAX_PLAN_BYTES {
            return Err(PlanError::new(
                "plan",
                format!(
                    "the plan file is {} bytes; plans over {MAX_PLAN_BYTES} bytes are refused",
                    text.len()
                ),
            ));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut de = serde_json::Deserializer::from_str(text);
        let plan: Plan = serde_path_to_error::deserialize(&mut de).map_err(parse_error)?;
        validate(&plan)?;
        Ok(plan)
    }
}

/// Turn a serde error into one that names the field: the JSON path where parsing stopped, or
/// the field serde names in "missing field `x`" / "unknown field `x`".
fn parse_error(err: serde_path_to_error::Error<serde_json::Error>) -> PlanError {
    // "?" marks a position serde could not name (e.g. truncated input): treat as the root.
    let path = err.path().to_string().replace(".?", "").replace('?', ".");
    let inner = err.into_inner();
    let message = inner.to_string();
    let named = ["unknown field `", "missing field `", "duplicate field `"]
        .iter()
        .find_map(|prefix| {
            let start = message.find(prefix)? + prefix.len();
            let len = message[start..].find('`')?;
            Some(message[start..start + len].to_string())
        });
    let field = match named {
        // serde_path_to_error already ends the path with an unknown key; not a missing one.
        Some(name) if path == "." || path.is_empty() => name,
        Some(name) if path == name || path.ends_with(&format!(".{name}")) => path,
        Some(name) => format!("{path}.{name}"),
        None if path == "." || path.is_empty() => "plan".to_string(),
        None => path,
    };
    let message = if message.starts_with("unknown field") {
        format!("{message}; check the spelling of `{field}`")
    } else {
        message
    };
    PlanError::new(field, message)
}
