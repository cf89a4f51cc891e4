//! The plan's inputs as the PDF lists them, named and written as the planner's field catalogue
//! says, so the PDF and the app call every field the same.

use super::fmt::Fmt;
use super::InputRow;
use crate::pdf::text::breakable;
use preflight_planner::{plan_field, plan_fields, Assumption, FieldKind, InputName, PlanReport};

/// A plan field as a reader knows it, and how its values are written.
pub(super) fn field_info(field: &str) -> (&'static str, FieldKind) {
    match plan_field(field) {
        Some(f) => (f.label.as_str(), f.kind),
        None => ("Other input", FieldKind::Number),
    }
}

pub(super) fn input_info(name: InputName) -> (&'static str, &'static str, FieldKind) {
    let field = name.as_str();
    let (label, kind) = field_info(field);
    (label, field, kind)
}

/// Every input the plan used, in plan-file order: the user's own figures, then each default
/// with the reason it was chosen.
pub(super) fn input_rows(report: &PlanReport, f: &Fmt) -> Vec<InputRow> {
    let plan = serde_json::to_value(&report.plan).unwrap_or_default();
    let mut rows = Vec::new();
    let mut assumptions: Vec<_> = report.assumptions.iter().collect();
    for field in plan_fields().iter().map(|f| f.id.as_str()) {
        let (name, kind) = field_info(field);
        if let Some(i) = assumptions.iter().position(|a| a.field == field) {
            let a = assumptions.remove(i);
            rows.push(default_row(name, kind, a, f));
        } else if let Some(value) = plan.get(field).filter(|v| !v.is_null()) {
            rows.push(InputRow {
                name: name.to_string(),
                field: field.to_string(),
                value: input_text(field, kind, value, f),
                default: false,
                reason: None,
            });
        }
    }
    // Anything the planner assumed that is not a plan field, so nothing is hidden.
    for a in assumptions {
        let (name, kind) = field_info(&a.field);
        rows.push(default_row(name, kind, a, f));
    }
    rows
}

fn default_row(name: &str, kind: FieldKind, a: &Assumption, f: &Fmt) -> InputRow {
    let value = match a.value.trim().parse::<f64>() {
        Ok(x) => f.value(kind, x),
        Err(_) => f.words(&a.value),
    };
    InputRow {
        name: name.to_string(),
        field: breakable(&a.field),
        value,
        default: true,
        reason: Some(f.words(&a.reason)),
    }
}

fn input_text(field: &str, kind: FieldKind, value: &serde_json::Value, f: &Fmt) -> String {
    let number = |v: &serde_json::Value| v.as_f64().map(|x| f.value(kind, x));
    if let Some(text) = number(value) {
        return text;
    }
    if let Some(text) = value.as_str() {
        return f.words(text);
    }
    if field == "lag_table" {
        if let Some(points) = value.as_array() {
            let last = points
                .last()
                .and_then(|p| p.as_array())
                .and_then(|p| Some((p.first()?.as_f64()?, p.get(1)?.as_f64()?)));
            return match last {
                Some((day, share)) => format!(
                    "{} points; {} of sales by day {}",
                    points.len(),
                    f.percent(share),
                    f.plain(day)
                ),
                None => format!("{} points", points.len()),
            };
        }
    }
    match (
        value.get("low").and_then(number_of),
        value.get("likely").and_then(number_of),
        value.get("high").and_then(number_of),
    ) {
        (Some(low), Some(likely), Some(high)) => format!(
            "{} to {}, likely {}",
            f.value(kind, low),
            f.value(kind, high),
            f.value(kind, likely)
        ),
        _ => f.words(&value.to_string()),
    }
}

fn number_of(v: &serde_json::Value) -> Option<f64> {
    v.as_f64()
}
