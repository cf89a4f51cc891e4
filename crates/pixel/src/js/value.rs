//! Turns a JavaScript expression into a JSON value when it is a literal, keeping what a
//! marketer wrote (`25.99` stays a float, `2599` an integer) and replacing anything computed at
//! run time with the `<dynamic>` marker.

use oxc_ast::ast::{
    ArrayExpressionElement, BinaryOperator, Expression, ObjectPropertyKind, PropertyKind,
    UnaryOperator,
};
use serde_json::{Map, Number, Value};

use super::scope::Scopes;
use crate::types::DYNAMIC;

/// Reads the value of a name where an expression is written: a constant's value, or nothing.
pub trait Lookup {
    fn name(&self, name: &str, depth: usize) -> Option<Value>;
    /// Takes one step of work; false when the work budget is spent (constants that refer to
    /// each other can otherwise multiply into huge values).
    fn spend(&self) -> bool;
}

/// Names resolved through a script's scopes, read from one scope.
pub struct ScopeLookup<'s, 'a> {
    pub scopes: &'s Scopes<'a>,
    pub scope: usize,
    /// Steps of work left for values read through constants (literals written in place are
    /// bounded by the source itself).
    pub budget: &'s std::cell::Cell<u64>,
    /// Reading a constant's value, not the expression as written.
    pub through_constant: bool,
}

/// Each hop through a constant counts as this many levels of nesting, so chains and cycles
/// (`const a = b, b = a`) end.
const NAME_HOP: usize = 4;

impl Lookup for ScopeLookup<'_, '_> {
    fn name(&self, name: &str, depth: usize) -> Option<Value> {
        let constant = self.scopes.constant(self.scope, name)?;
        let there = ScopeLookup {
            scopes: self.scopes,
            scope: constant.scope,
            budget: self.budget,
            through_constant: true,
        };
        Some(convert(constant.init, depth + NAME_HOP, &there))
    }

    fn spend(&self) -> bool {
        if !self.through_constant {
            return true;
        }
        let left = self.budget.get();
        self.budget.set(left.saturating_sub(1));
        left > 0
    }
}

/// Deepest object/array nesting converted; deeper parts become `<dynamic>`.
const MAX_DEPTH: usize = 32;
/// Most properties or elements kept per object or array.
const MAX_ITEMS: usize = 200;

/// The key used for an object spread (`{...base}`), whose keys are unknown.
pub const SPREAD_KEY: &str = "...";

pub fn dynamic() -> Value {
    Value::String(DYNAMIC.to_string())
}

pub fn to_value(expr: &Expression<'_>, names: &dyn Lookup) -> Value {
    convert(expr, 0, names)
}

/// Text of a string or number value, as `+` and template literals would write it.
fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s != DYNAMIC => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn convert(expr: &Expression<'_>, depth: usize, names: &dyn Lookup) -> Value {
    if depth > MAX_DEPTH || !names.spend() {
        return dynamic();
    }
    match expr.get_inner_expression() {
        Expression::StringLiteral(s) => Value::String(s.value.as_str().to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => t
            .quasis
            .first()
            .and_then(|q| q.value.cooked.as_ref())
            .map_or_else(dynamic, |c| Value::String(c.as_str().to_string())),
        Expression::TemplateLiteral(t) => {
            let mut out = String::new();
            for (i, q) in t.quasis.iter().enumerate() {
                let Some(cooked) = q.value.cooked.as_ref() else {
                    return dynamic();
                };
                out.push_str(cooked.as_str());
                if let Some(e) = t.expressions.get(i) {
                    match as_text(&convert(e, depth + 1, names)) {
                        Some(text) => out.push_str(&text),
                        None => return dynamic(),
                    }
                }
            }
            Value::String(out)
        }
        Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition => {
            let left = convert(&b.left, depth + 1, names);
            let right = convert(&b.right, depth + 1, names);
            match (&left, &right) {
                (Value::String(_), _) | (_, Value::String(_)) => {
                    match (as_text(&left), as_text(&right)) {
                        (Some(l), Some(r)) => Value::String(l + &r),
                        _ => dynamic(),
                    }
                }
                _ => dynamic(),
            }
        }
        Expression::Identifier(id) if id.name == "undefined" => Value::Null,
        Expression::Identifier(id) => names.name(id.name.as_str(), depth).unwrap_or_else(dynamic),
        Expression::StaticMemberExpression(m) => member(
            convert(&m.object, depth + 1, names),
            m.property.name.as_str(),
        ),
        Expression::ComputedMemberExpression(m) => match convert(&m.expression, depth + 1, names) {
            Value::String(key) if key != DYNAMIC => {
                member(convert(&m.object, depth + 1, names), &key)
            }
            Value::Number(n) => match (convert(&m.object, depth + 1, names), n.as_u64()) {
                (Value::Array(a), Some(i)) => a.get(i as usize).cloned().unwrap_or_else(dynamic),
                _ => dynamic(),
            },
            _ => dynamic(),
        },
        Expression::NumericLiteral(n) => number(n.value, n.raw.as_ref().map(|r| r.as_str())),
        Expression::BooleanLiteral(b) => Value::Bool(b.value),
        Expression::NullLiteral(_) => Value::Null,
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
                            convert(&p.value, depth + 1, names)
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
                        .map_or_else(dynamic, |e| convert(e, depth + 1, names)),
                })
                .collect(),
        ),
        _ => dynamic(),
    }
}

/// A property of a constant object; anything else (a runtime object, a missing key) is dynamic.
fn member(object: Value, key: &str) -> Value {
    match object {
        Value::Object(mut map) if !map.contains_key(super::SPREAD_KEY) => {
            map.remove(key).unwrap_or_else(dynamic)
        }
        Value::String(s) if key == "length" && s != DYNAMIC => Value::from(s.chars().count()),
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
