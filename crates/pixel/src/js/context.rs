//! Where in a script a piece of code sits, as far as running it goes: at the top level (it runs
//! when the script runs, once), or behind something (a condition, a loop, a function that runs
//! only when called, a listener, a timer). Code in a function that is called on the spot
//! (`(function(){ … })()`) counts as top level.
//!
//! The walk registers the source ranges that are "behind something" with a plain-words reason;
//! a call's context is the outermost such range around it.

use std::collections::{HashMap, HashSet};

use oxc_ast::ast::{Argument, CallExpression, Expression, LogicalOperator, Statement};
use oxc_ast::AstKind;
use oxc_span::{GetSpan, Span};

/// Events whose listeners run on every page load.
const PAGE_LOAD_EVENTS: &[&str] = &["DOMContentLoaded", "load", "readystatechange", "pageshow"];

#[derive(Debug, Default)]
pub struct Context {
    /// Active ranges (start, end, reason), outermost first.
    ranges: Vec<(u32, u32, String)>,
    /// Functions called where they are written.
    called_at_once: HashSet<(u32, u32)>,
    /// Functions passed to another call, with why they run later.
    callbacks: HashMap<(u32, u32), String>,
}

fn key(span: Span) -> (u32, u32) {
    (span.start, span.end)
}

fn is_function(expr: &Expression<'_>) -> bool {
    matches!(
        expr.get_inner_expression(),
        Expression::FunctionExpression(_) | Expression::ArrowFunctionExpression(_)
    )
}

/// The name a call goes to: `f` for `f()`, `b` for `a.b()`.
pub fn callee_name<'e>(call: &'e CallExpression<'_>) -> Option<&'e str> {
    match call.callee.get_inner_expression() {
        Expression::Identifier(id) => Some(id.name.as_str()),
        other => other
            .as_member_expression()
            .and_then(|m| m.static_property_name()),
    }
}

fn first_string<'e>(call: &'e CallExpression<'_>) -> Option<&'e str> {
    match call
        .arguments
        .first()?
        .as_expression()?
        .get_inner_expression()
    {
        Expression::StringLiteral(s) => Some(s.value.as_str()),
        _ => None,
    }
}

/// Why a function passed to this call runs later, in plain words.
fn callback_reason(call: &CallExpression<'_>) -> String {
    let name = callee_name(call).unwrap_or("another function");
    match name {
        "addEventListener" | "on" | "one" | "attachEvent" => match first_string(call) {
            Some(event) if PAGE_LOAD_EVENTS.contains(&event) => {
                format!("inside a listener for the page's “{event}” event")
            }
            Some(event) => format!(
                "inside a listener for “{event}”, which runs only when that happens (for example when the visitor clicks or submits)"
            ),
            None => "inside an event listener".to_string(),
        },
        "setTimeout" | "setInterval" => format!("inside a timer ({name})"),
        "requestAnimationFrame" | "requestIdleCallback" | "queueMicrotask" => {
            format!("inside a callback run later ({name})")
        }
        "then" | "catch" | "finally" => {
            "inside a promise callback, which runs when a request or task finishes".to_string()
        }
        "ready" | "$" | "jQuery" => "inside a jQuery ready handler".to_string(),
        "forEach" | "map" | "filter" | "some" | "every" | "reduce" | "find" => {
            format!("inside a loop over a list ({name})")
        }
        other => format!("inside a function passed to “{other}”, which decides when it runs"),
    }
}

impl Context {
    /// Forget ranges that ended before `at`.
    fn prune(&mut self, at: u32) {
        self.ranges.retain(|(_, end, _)| *end > at);
    }

    fn push(&mut self, span: Span, reason: impl Into<String>) {
        if span.end > span.start && self.ranges.len() < 10_000 {
            self.ranges.push((span.start, span.end, reason.into()));
        }
    }

    /// Why code at `offset` may not run when its script runs; `None` at the top level.
    pub fn at(&self, offset: u32) -> Option<&str> {
        self.ranges
            .iter()
            .find(|(start, end, _)| *start <= offset && offset < *end)
            .map(|(_, _, reason)| reason.as_str())
    }

    /// Called for every node the walk enters, before its children.
    pub fn enter(&mut self, kind: &AstKind<'_>) {
        let span = kind.span();
        self.prune(span.start);
        match kind {
            AstKind::CallExpression(call) => self.note_call(call),
            AstKind::NewExpression(new) => {
                // `new Promise(function (resolve) { … })` runs its function at once.
                let promise = matches!(new.callee.get_inner_expression(), Expression::Identifier(id) if id.name == "Promise");
                if let Some(f) = new.arguments.first().and_then(Argument::as_expression) {
                    if promise && is_function(f) {
                        self.called_at_once
                            .insert(key(f.get_inner_expression().span()));
                    }
                }
            }
            AstKind::AssignmentExpression(a) => {
                // `window.onload = function () { … }`
                let handler = a
                    .left
                    .as_member_expression()
                    .and_then(|m| m.static_property_name())
                    .filter(|p| p.starts_with("on") && p.len() > 2);
                if let (Some(p), true) = (handler, is_function(&a.right)) {
                    self.callbacks.insert(
                        key(a.right.get_inner_expression().span()),
                        format!("inside the page's “{p}” handler"),
                    );
                }
            }
            AstKind::Function(f) => self.function(f.span, f.id.as_ref().map(|i| i.name.as_str())),
            AstKind::ArrowFunctionExpression(f) => self.function(f.span, None),
            AstKind::Class(c) => {
                self.push(c.span, "inside a class, whose methods run only when called")
            }
            AstKind::IfStatement(s) => {
                self.push(s.consequent.span(), "inside an “if” condition");
                if let Some(alt) = &s.alternate {
                    self.push(alt.span(), "inside the “else” of a condition");
                }
            }
            AstKind::ConditionalExpression(c) => {
                self.push(c.consequent.span(), "inside a condition (… ? … : …)");
                self.push(c.alternate.span(), "inside a condition (… ? … : …)");
            }
            AstKind::LogicalExpression(l) => {
                let op = match l.operator {
                    LogicalOperator::And => "&&",
                    LogicalOperator::Or => "||",
                    LogicalOperator::Coalesce => "??",
                };
                self.push(l.right.span(), format!("behind a condition (… {op} …)"));
            }
            AstKind::SwitchStatement(s) => {
                let from = s.discriminant.span().end;
                self.push(Span::new(from, s.span.end), "inside a “switch” case");
            }
            AstKind::ForStatement(s) => self.loop_body(&s.body),
            AstKind::ForInStatement(s) => self.loop_body(&s.body),
            AstKind::ForOfStatement(s) => self.loop_body(&s.body),
            AstKind::WhileStatement(s) => self.loop_body(&s.body),
            AstKind::DoWhileStatement(s) => self.loop_body(&s.body),
            AstKind::TryStatement(t) => {
                self.push(
                    t.block.span,
                    "inside a “try” block, whose errors are silently caught",
                );
                if let Some(h) = &t.handler {
                    self.push(
                        h.span,
                        "inside a “catch” block, which runs only after an error",
                    );
                }
            }
            _ => {}
        }
    }

    fn loop_body(&mut self, body: &Statement<'_>) {
        self.push(body.span(), "inside a loop");
    }

    fn note_call(&mut self, call: &CallExpression<'_>) {
        let callee = call.callee.get_inner_expression();
        if is_function(callee) {
            self.called_at_once
                .insert(key(callee.get_inner_expression().span()));
        } else if let Some(m) = callee.as_member_expression() {
            // `(function () { … }).call(this)`
            let prop = m.static_property_name();
            if matches!(prop, Some("call" | "apply")) && is_function(m.object()) {
                self.called_at_once
                    .insert(key(m.object().get_inner_expression().span()));
            }
        }
        let mut reason = None;
        for arg in &call.arguments {
            if let Some(f) = arg.as_expression().filter(|e| is_function(e)) {
                let reason = reason.get_or_insert_with(|| callback_reason(call)).clone();
                self.callbacks
                    .insert(key(f.get_inner_expression().span()), reason);
            }
        }
    }

    fn function(&mut self, span: Span, name: Option<&str>) {
        if self.called_at_once.contains(&key(span)) {
            return;
        }
        let reason = match (self.callbacks.get(&key(span)), name) {
            (Some(r), _) => r.clone(),
            (None, Some(n)) => {
                format!("inside the function “{n}”, which runs only when something calls it")
            }
            (None, None) => "inside a function that runs only when something calls it".to_string(),
        };
        self.push(span, reason);
    }
}
