//! Turns a JavaScript expression into a JSON value when it is a literal, keeping what a
//! marketer wrote (`25.99` stays a float, `2599` an integer) and replacing anything computed at
//! run time with the `<dynamic>` marker.

use oxc_ast::ast::{
    ArrayExpressionElement, Expression, ObjectPropertyKind, PropertyKind, UnaryOperator,
};
use serde_json::{Map, Number, Value};

use crate::types::DYNAMIC;

/// Deepest object/array nesting converted; deeper parts become `<dynamic>`.
const MAX_DEPTH: usize = 32;
/// Most properties or elements kept per object or array.
const MAX_ITEMS: usize = 200;

/// The key used for an object spread (`{...base}`), whose keys are unknown.
pub const SPREAD_KEY: &str = "...";

pub fn dynamic() -> Value {
    Value::String(DYNAMIC.to_string())
}

pub fn to_value(expr: &Expression<'_>) -> Value {
    convert(expr, 0)
}

fn convert(expr: &Expression<'_>, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return dynamic();
    }
    match expr.get_inner_expression() {
        Expression::StringLiteral(s) => Value::String(s.value.as_str().to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => t
            .quasis
            .first()
            .and_then(|q| q.value.cooked.as_ref())
            .map_or_else(dynamic, |c| Value::String(c.as_str().to_string())),
        Expression::NumericLiteral(n) => number(n.value, n.raw.as_ref().map(|r| r.as_str())),
        Expression::BooleanLiteral(b) => Value::Bool(b.value),
        Expression::NullLiteral(_) => Value::Null,
        Expression::Identifier(id) if id.name == "undefined" => Value::Null,
        Expression::UnaryExpression(u) => unary(u.operator, &u.argument),
        Expression::ObjectExpression(obj) => {
            let mut map = Map::new();
            for prop in obj.properties.iter().take(MAX_ITEMS) {
                match prop {
                    ObjectPropertyKind::ObjectProperty(p) => {
                        let key = if p.computed {
                            None
                        } else {
                            p.key.static_name().map(|k| k.into_owned())
                        };
                        let key = key.unwrap_or_else(|| DYNAMIC.to_string());
                        let value = if p.kind != PropertyKind::Init || p.method {
                            dynamic()
                        } else {
                            convert(&p.value, depth + 1)
                        };
                        map.insert(key, value);
                    }
                    ObjectPropertyKind::SpreadProperty(_) => {
                        map.insert(SPREAD_KEY.to_string(), dynamic());
                    }
                }
            }
            Value::Object(map)
        }
        Expression::ArrayExpression(arr) => Value::Array(
            arr.elements
                .iter()
                .take(MAX_ITEMS)
                .map(|el| match el {
                    ArrayExpressionElement::SpreadElement(_) => dynamic(),
                    ArrayExpressionElement::Elision(_) => Value::Null,
                    other => other
                        .as_expression()
                        .map_or_else(dynamic, |e| convert(e, depth + 1)),
                })
                .collect(),
        ),
        _ => dynamic(),
    }
}

/// Minifiers write `true`/`false` as `!0`/`!1` and `undefined` as `void 0`; negative numbers
/// are a unary minus on a literal.
fn unary(op: UnaryOperator, arg: &Expression<'_>) -> Value {
    match (op, arg.get_inner_expression()) {
        (UnaryOperator::LogicalNot, Expression::NumericLiteral(n)) => Value::Bool(n.value == 0.0),
        (UnaryOperator::Void, _) => Value::Null,
        (UnaryOperator::UnaryNegation, Expression::NumericLiteral(n)) => {
            let raw = n.raw.as_ref().map(|r| format!("-{}", r.as_str()));
            number(-n.value, raw.as_deref())
        }
        _ => dynamic(),
    }
}

/// An integer when written as one (no `.` or exponent), else a float, so the lint can tell
/// `25.00` (meant as dollars) from `2500` (cents).
fn number(value: f64, raw: Option<&str>) -> Value {
    let written_as_float = raw.is_some_and(|r| {
        let r = r.to_ascii_lowercase();
        !r.starts_with("0x") && !r.starts_with("-0x") && (r.contains('.') || r.contains('e'))
    });
    if !written_as_float && value.fract() == 0.0 && value.abs() < 9.0e15 {
        return Value::Number(Number::from(value as i64));
    }
    Number::from_f64(value).map_or_else(dynamic, Value::Number)
}
