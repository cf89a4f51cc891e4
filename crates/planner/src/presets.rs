//! Starting plans for common businesses. Every number in a preset is a placeholder, so every
//! field is listed as an assumption with the reason for its value. The presets live in
//! `data/presets.json` so they can be tuned without code changes.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assumption::Assumption;
use crate::catalogue::plan_fields;
use crate::input::Input;
use crate::plan::Plan;

const PRESETS_JSON: &str = include_str!("../data/presets.json");

/// A ready-made plan for one kind of business.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Preset {
    /// Stable id: `ecommerce`, `b2b_saas`, `lead_gen`.
    pub id: String,
    pub name: String,
    pub description: String,
    pub plan: Plan,
    /// One entry per field the preset sets, in plan-file order.
    pub assumptions: Vec<Assumption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PresetsFile {
    presets: Vec<PresetEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PresetEntry {
    id: String,
    name: String,
    description: String,
    plan: Plan,
    assumptions: BTreeMap<String, String>,
}

/// All presets.
pub fn presets() -> Vec<Preset> {
    static PRESETS: OnceLock<Vec<Preset>> = OnceLock::new();
    PRESETS
        .get_or_init(|| {
            // Embedded at build time and checked by the tests below.
            let file: PresetsFile =
                serde_json::from_str(PRESETS_JSON).expect("data/presets.json is valid");
            file.presets.into_iter().map(to_preset).collect()
        })
        .clone()
}

/// One preset by id.
pub fn preset(id: &str) -> Option<Preset> {
    presets().into_iter().find(|p| p.id == id)
}

fn to_preset(entry: PresetEntry) -> Preset {
    let values = set_fields(&entry.plan);
    let assumptions = values
        .into_iter()
        .map(|(field, value)| {
            let reason = entry.assumptions.get(&field).cloned().unwrap_or_default();
            match value {
                SetValue::Input(input) => Assumption::of_input(&field, input, &reason),
                SetValue::Other(shown) => Assumption::new(&field, shown, &reason),
            }
        })
        .collect();
    Preset {
        id: entry.id,
        name: entry.name,
        description: entry.description,
        plan: entry.plan,
        assumptions,
    }
}

/// A value a preset sets: a number or range, or anything else (a currency code, a lag table)
/// as a reader sees it.
enum SetValue {
    Input(Input),
    Other(String),
}

/// The fields a plan sets, with their values, in plan-file order.
fn set_fields(plan: &Plan) -> Vec<(String, SetValue)> {
    let json = serde_json::to_value(plan).unwrap_or_default();
    let Some(object) = json.as_object() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (field, value) in object {
        let set = match (
            serde_json::from_value::<Input>(value.clone()),
            value.as_str(),
        ) {
            (Ok(input), _) => SetValue::Input(input),
            (Err(_), Some(text)) => SetValue::Other(text.to_string()),
            (Err(_), None) => SetValue::Other(value.to_string()),
        };
        out.push((field.clone(), set));
    }
    out.sort_by_key(|(field, _)| {
        plan_fields()
            .iter()
            .position(|f| &f.id == field)
            .unwrap_or(usize::MAX)
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, plan_report};

    #[test]
    fn presets_parse_validate_and_evaluate() {
        let all = presets();
        let ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["ecommerce", "b2b_saas", "lead_gen"]);
        for p in &all {
            let point = evaluate(&p.plan).unwrap_or_else(|e| panic!("{}: {e}", p.id));
            assert!(point.layers.halo.roas > 0.0, "{}", p.id);
            let report = plan_report(&p.plan, 500, 1).unwrap();
            assert!(!report.tornado.is_empty(), "{} has ranges", p.id);
            // A preset states every value itself: no hidden model defaults.
            assert!(
                report.assumptions.is_empty(),
                "{}: {:?}",
                p.id,
                report.assumptions
            );
        }
    }

    #[test]
    fn every_preset_field_is_an_assumption_with_a_reason() {
        let file: PresetsFile = serde_json::from_str(PRESETS_JSON).unwrap();
        for entry in file.presets {
            let set: Vec<String> = set_fields(&entry.plan)
                .into_iter()
                .map(|(f, _)| f)
                .collect();
            let explained: Vec<String> = entry.assumptions.keys().cloned().collect();
            let mut sorted_set = set.clone();
            sorted_set.sort();
            assert_eq!(sorted_set, explained, "{}: fields vs assumptions", entry.id);
            for (field, reason) in &entry.assumptions {
                assert!(reason.len() >= 20, "{}.{field}: reason too short", entry.id);
            }
        }
        let b2b = preset("b2b_saas").unwrap();
        let cvr = b2b.assumptions.iter().find(|a| a.field == "cvr").unwrap();
        assert_eq!(cvr.value, "0.01 to 0.04, likely 0.02");
        assert_eq!(
            cvr.input,
            Some(Input::Range(crate::Range::new(0.01, 0.02, 0.04)))
        );
        assert_eq!(b2b.assumptions[0].field, "spend");
        let currency = b2b
            .assumptions
            .iter()
            .find(|a| a.field == "currency")
            .unwrap();
        assert_eq!((currency.value.as_str(), currency.input), ("USD", None));
    }
}
