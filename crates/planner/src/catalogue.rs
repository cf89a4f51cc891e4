//! The plan fields as a reader knows them: label, help text, kind of value, unit and allowed
//! values, kept in `data/fields.json`. The app's form, the PDF and the validation all read this
//! one catalogue, so a field is named and bounded the same way everywhere.

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const FIELDS_JSON: &str = include_str!("../data/fields.json");

/// What kind of value a field holds, and so how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// An amount in the plan's currency.
    Money,
    /// A share of 1, shown as a percentage (0.03 is 3 %).
    Percent,
    /// A number of days.
    Days,
    /// A number of people or periods.
    Count,
    /// A plain number without a unit.
    Number,
    /// A list of points (the lag table).
    Table,
    /// An ISO 4217 currency code.
    Currency,
}

/// The values a number may take. A missing end is open.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    #[serde(default)]
    pub min: Option<f64>,
    /// Whether `min` itself is allowed.
    #[serde(default)]
    pub min_inclusive: bool,
    #[serde(default)]
    pub max: Option<f64>,
    /// Whether `max` itself is allowed.
    #[serde(default)]
    pub max_inclusive: bool,
}

impl Bounds {
    pub fn contains(&self, x: f64) -> bool {
        let above = match self.min {
            Some(min) if self.min_inclusive => x >= min,
            Some(min) => x > min,
            None => true,
        };
        let below = match self.max {
            Some(max) if self.max_inclusive => x <= max,
            Some(max) => x < max,
            None => true,
        };
        above && below
    }

    /// The rule in words, to follow "it": "must be greater than 0".
    pub fn describe(&self) -> String {
        match (self.min, self.max) {
            (Some(lo), Some(hi)) if lo == 0.0 && hi == 1.0 => {
                match (self.min_inclusive, self.max_inclusive) {
                    (true, true) => "must be a share from 0 to 1 (e.g. 0.25 for 25 %)".into(),
                    (false, true) => {
                        "must be a share above 0 and at most 1 (e.g. 0.03 for 3 %)".into()
                    }
                    (true, false) => "must be a share from 0 up to (not including) 1".into(),
                    (false, false) => "must be a share strictly between 0 and 1".into(),
                }
            }
            (Some(lo), None) if self.min_inclusive => format!("must be {lo} or more"),
            (Some(lo), None) => format!("must be greater than {lo}"),
            (None, Some(hi)) if self.max_inclusive => format!("must be {hi} or less"),
            (None, Some(hi)) => format!("must be less than {hi}"),
            (Some(lo), Some(hi)) => format!(
                "must be from {lo} ({}) to {hi} ({})",
                if self.min_inclusive {
                    "included"
                } else {
                    "not included"
                },
                if self.max_inclusive {
                    "included"
                } else {
                    "not included"
                }
            ),
            (None, None) => "may be any number".into(),
        }
    }
}

/// One field of the plan file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct PlanField {
    /// The field's name in the plan file, e.g. `cvr`.
    pub id: String,
    /// What a reader calls it, e.g. "Conversion rate the pixel credits".
    pub label: String,
    pub kind: FieldKind,
    /// Written after the number (e.g. "days", "per click"); money also takes the plan's
    /// currency sign before it.
    pub unit: Option<String>,
    /// Whether the field may be a `{low, likely, high}` range.
    pub ranged: bool,
    /// The values the planner accepts, when the field is a number with limits.
    pub bounds: Option<Bounds>,
    /// One or two sentences for a form.
    pub help: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldsFile {
    fields: Vec<PlanField>,
}

/// Every plan field, in plan-file order.
pub fn plan_fields() -> &'static [PlanField] {
    static FIELDS: OnceLock<Vec<PlanField>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        // Embedded at build time and checked by the tests, so this cannot fail in a release.
        let file: FieldsFile =
            serde_json::from_str(FIELDS_JSON).expect("data/fields.json is valid");
        file.fields
    })
}

/// One plan field by its name in the plan file.
pub fn plan_field(id: &str) -> Option<&'static PlanField> {
    plan_fields().iter().find(|f| f.id == id)
}

/// The allowed values of a field. Every field that may be a range has them (tested); any other
/// field without them only has to be finite.
pub(crate) fn bounds_of(field: &str) -> Bounds {
    plan_field(field).and_then(|f| f.bounds).unwrap_or(Bounds {
        min: None,
        min_inclusive: false,
        max: None,
        max_inclusive: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_reads_and_every_entry_is_complete() {
        let fields = plan_fields();
        assert!(!fields.is_empty());
        for f in fields {
            assert!(!f.label.trim().is_empty(), "{}", f.id);
            assert!(f.help.len() >= 20, "{} needs a help text", f.id);
            if f.ranged {
                assert!(f.bounds.is_some(), "{} is a number with limits", f.id);
            }
            if matches!(f.kind, FieldKind::Percent) {
                let b = f.bounds.expect("a share has bounds");
                assert_eq!(b.min, Some(0.0), "{}", f.id);
            }
        }
        assert_eq!(plan_field("cvr").unwrap().kind, FieldKind::Percent);
        assert!(plan_field("nope").is_none());
    }

    #[test]
    fn bounds_check_and_describe_their_rule() {
        let positive = Bounds {
            min: Some(0.0),
            min_inclusive: false,
            max: None,
            max_inclusive: false,
        };
        assert!(positive.contains(0.1) && !positive.contains(0.0));
        assert_eq!(positive.describe(), "must be greater than 0");
        let below_one = Bounds {
            min: Some(0.0),
            min_inclusive: true,
            max: Some(1.0),
            max_inclusive: false,
        };
        assert!(below_one.contains(0.0) && !below_one.contains(1.0));
        assert_eq!(
            below_one.describe(),
            "must be a share from 0 up to (not including) 1"
        );
        let open = Bounds {
            min: None,
            min_inclusive: false,
            max: None,
            max_inclusive: false,
        };
        assert!(open.contains(-1e300));
    }
}
