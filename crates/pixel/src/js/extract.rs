//! Walks a parsed script and pulls out what the pixel scan needs: calls to `oaiq`, `fbq`,
//! `gtag` and `dataLayer.push`, the queue stub the official snippet defines, and URL-like
//! strings (for the SDK address, image tags, the Conversions API and tag managers).

use std::collections::HashSet;
use std::time::Instant;

use oxc_ast::ast::{
    Argument, AssignmentTarget, BinaryOperator, BindingPattern, CallExpression, Expression,
    Statement, TemplateLiteral, VariableDeclarationKind,
};
use oxc_ast::AstKind;
use oxc_ast_visit::{walk, Visit};
use oxc_span::GetSpan;
use serde_json::Value;

use super::context::Context;
use super::scope::{opens_scope, Scopes};
use super::value::{dynamic, to_value, ScopeLookup};

/// Which global function a call goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callee {
    Oaiq,
    Fbq,
    Gtag,
    DataLayerPush,
}

#[derive(Debug, Clone)]
pub struct RawCall {
    pub callee: Callee,
    pub args: Vec<Value>,
    pub text: String,
    pub offset: u32,
    /// Why the call may not run when its script runs (inside a condition, a listener, a
    /// function); `None` at the top level.
    pub context: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RawString {
    pub value: String,
    pub offset: u32,
    /// Only a part of a longer string built at run time (`"https://host/" + path`).
    pub partial: bool,
    pub context: Option<String>,
}

#[derive(Debug, Default)]
pub struct Extracted {
    pub calls: Vec<RawCall>,
    pub strings: Vec<RawString>,
    /// The script assigns `<something>.oaiq = …`, as the official snippet's queue stub does.
    pub defines_stub: bool,
    /// Where the pixel function is first defined at the top level (the stub, a guard such as
    /// `window.oaiq = window.oaiq || …`), as a byte offset.
    pub first_definition: Option<u32>,
    /// The script returns early when the pixel function already exists (`if (w.oaiq) return;`),
    /// as the official snippet does.
    pub returns_if_defined: bool,
    /// The node or time budget ran out; later code was not examined.
    pub budget_exhausted: bool,
    /// Some code was nested too deeply to walk.
    pub depth_limited: bool,
}

/// Limits for one walk.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub max_nodes: u64,
    pub deadline: Instant,
    pub max_depth: u32,
}

const MAX_CALL_TEXT: usize = 400;
/// Pixel and vendor calls recorded at most per script (real scripts have a handful; a hostile
/// one with 100,000 would hold hundreds of megabytes of parsed arguments). Past it the walk
/// stops and the script is reported as partly examined.
pub const MAX_CALLS: usize = 2_000;
const MAX_STRINGS: usize = 20_000;
const MAX_STRING_LEN: usize = 4_000;
/// Steps spent reading values through constants: for one value, and for one script.
const VALUE_STEPS: u64 = 2_000;
const SCRIPT_VALUE_STEPS: u64 = 400_000;

pub fn extract<'a>(
    program: &'a oxc_ast::ast::Program<'a>,
    source: &str,
    budget: Budget,
) -> Extracted {
    let scopes = super::scope::build(program, budget);
    let mut v = Extractor {
        source,
        global: crate::data::data().sdk.global_name.as_str(),
        budget,
        nodes: 0,
        depth: 0,
        aliases: HashSet::new(),
        scopes: &scopes,
        scope_stack: Vec::new(),
        context: Context::default(),
        concat: Concat::None,
        value_budget: std::cell::Cell::new(SCRIPT_VALUE_STEPS),
        out: Extracted::default(),
    };
    v.visit_program(program);
    v.out
}

/// How string literals inside a `+` chain or template are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Concat {
    /// Not inside one: keep them as they are.
    None,
    /// The whole chain folded to one known string, already kept: skip its parts.
    Folded,
    /// The chain has run-time parts: keep the parts, marked partial.
    Partial,
}

struct Extractor<'s, 'a> {
    source: &'s str,
    /// The pixel's global function name (`oaiq`).
    global: &'static str,
    budget: Budget,
    nodes: u64,
    depth: u32,
    /// Local names bound to the pixel function (`var o = window.oaiq`), common in minified code.
    aliases: HashSet<String>,
    scopes: &'s Scopes<'a>,
    scope_stack: Vec<usize>,
    context: Context,
    concat: Concat,
    value_budget: std::cell::Cell<u64>,
    out: Extracted,
}

impl Extractor<'_, '_> {
    fn stop(&mut self) -> bool {
        if self.out.budget_exhausted {
            return true;
        }
        if self.nodes > self.budget.max_nodes
            || (self.nodes.is_multiple_of(4096) && Instant::now() > self.budget.deadline)
        {
            self.out.budget_exhausted = true;
        }
        self.out.budget_exhausted
    }

    fn too_deep(&mut self) -> bool {
        if self.depth >= self.budget.max_depth {
            self.out.depth_limited = true;
            return true;
        }
        false
    }

    fn text(&self, span: oxc_span::Span) -> String {
        let text = span.source_text(self.source);
        if text.len() <= MAX_CALL_TEXT {
            return text.to_string();
        }
        let mut cut = MAX_CALL_TEXT;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}…", &text[..cut])
    }

    fn keep_string(&mut self, value: &str, offset: u32, partial: bool) {
        if self.out.strings.len() < MAX_STRINGS
            && value.len() <= MAX_STRING_LEN
            && interesting_string(value)
        {
            self.out.strings.push(RawString {
                value: value.to_string(),
                offset,
                partial,
                context: self.context.at(offset).map(str::to_string),
            });
        }
    }

    fn scope(&self) -> usize {
        self.scope_stack.last().copied().unwrap_or(0)
    }

    fn value(&self, expr: &Expression<'_>) -> Value {
        // Each value gets a share of the script's budget.
        let left = self.value_budget.get();
        let share = std::cell::Cell::new(left.min(VALUE_STEPS));
        let names = ScopeLookup {
            scopes: self.scopes,
            scope: self.scope(),
            budget: &share,
            through_constant: false,
        };
        let value = to_value(expr, &names);
        let used = left.min(VALUE_STEPS) - share.get();
        self.value_budget.set(left - used);
        value
    }

    /// The pixel function is (re)defined here; remember the first top-level place.
    fn defines_pixel(&mut self, offset: u32) {
        self.out.defines_stub = true;
        if self.context.at(offset).is_none() && self.out.first_definition.is_none() {
            self.out.first_definition = Some(offset);
        }
    }

    /// A `+` chain or template literal: keep the whole string when it is known, else its parts.
    fn visit_concatenation(&mut self, it: &Expression<'_>, raw_text: Option<String>) {
        let start = it.span().start;
        match self.value(it) {
            Value::String(s) if s != crate::types::DYNAMIC => {
                self.keep_string(&s, start, false);
                self.concat = Concat::Folded;
            }
            _ => {
                if let Some(text) = raw_text {
                    self.keep_string(&text, start, true);
                }
                self.concat = Concat::Partial;
            }
        }
    }

    /// Is this expression the pixel function itself (`oaiq`, `window.oaiq`, `w["oaiq"]`, an alias)?
    fn is_pixel_function(&self, expr: &Expression<'_>) -> bool {
        match expr.get_inner_expression() {
            Expression::Identifier(id) => {
                id.name == self.global || self.aliases.contains(id.name.as_str())
            }
            other => member_property(other) == Some(self.global),
        }
    }

    fn classify(&self, call: &CallExpression<'_>) -> Option<Callee> {
        let callee = call.callee.get_inner_expression();
        if self.is_pixel_function(callee) {
            return Some(Callee::Oaiq);
        }
        match callee {
            Expression::Identifier(id) if id.name == "fbq" => Some(Callee::Fbq),
            Expression::Identifier(id) if id.name == "gtag" => Some(Callee::Gtag),
            other => match member_property(other) {
                Some("fbq") => Some(Callee::Fbq),
                Some("gtag") => Some(Callee::Gtag),
                Some("push") if is_data_layer(member_object(other)?) => Some(Callee::DataLayerPush),
                _ => None,
            },
        }
    }

    fn record_alias(&mut self, name: &str, init: &Expression<'_>) {
        if self.is_pixel_function(init) {
            self.aliases.insert(name.to_string());
        }
    }
}

/// The property name of `a.b` or `a["b"]`.
fn member_property<'e>(expr: &'e Expression<'_>) -> Option<&'e str> {
    match expr {
        Expression::StaticMemberExpression(m) => Some(m.property.name.as_str()),
        Expression::ComputedMemberExpression(m) => match m.expression.get_inner_expression() {
            Expression::StringLiteral(s) => Some(s.value.as_str()),
            _ => None,
        },
        Expression::ChainExpression(c) => c
            .expression
            .as_member_expression()
            .and_then(|m| m.static_property_name()),
        _ => None,
    }
}

fn member_object<'e, 'a>(expr: &'e Expression<'a>) -> Option<&'e Expression<'a>> {
    match expr {
        Expression::StaticMemberExpression(m) => Some(&m.object),
        Expression::ComputedMemberExpression(m) => Some(&m.object),
        _ => None,
    }
}

fn is_data_layer(expr: &Expression<'_>) -> bool {
    match expr.get_inner_expression() {
        Expression::Identifier(id) => id.name == "dataLayer",
        other => member_property(other) == Some("dataLayer"),
    }
}

/// Strings worth keeping: URLs, anything naming OpenAI or the pixel, and tag-manager style ids.
fn interesting_string(s: &str) -> bool {
    if s.contains("://") || s.starts_with("//") || s.contains("openai") || s.contains("oaiq") {
        return true;
    }
    // GTM-XXXX, G-XXXX, AW-XXXX style container and measurement ids.
    let mut parts = s.splitn(2, '-');
    matches!(
        (parts.next(), parts.next()),
        (Some(prefix), Some(rest))
            if (1..=3).contains(&prefix.len())
                && prefix.bytes().all(|b| b.is_ascii_uppercase())
                && (4..=14).contains(&rest.len())
                && rest.bytes().all(|b| b.is_ascii_alphanumeric())
    )
}

fn template_text(t: &TemplateLiteral<'_>) -> String {
    let mut out = String::new();
    for (i, q) in t.quasis.iter().enumerate() {
        if i > 0 {
            out.push_str("${…}");
        }
        out.push_str(q.value.raw.as_str());
    }
    out
}

impl<'a> Visit<'a> for Extractor<'_, '_> {
    fn enter_node(&mut self, kind: AstKind<'a>) {
        self.nodes += 1;
        self.context.enter(&kind);
        match &kind {
            // A top-level `function oaiq() {}` is defined before the script runs.
            AstKind::Function(f)
                if f.is_declaration()
                    && self.scope() == 0
                    && f.id.as_ref().is_some_and(|i| i.name == self.global) =>
            {
                self.defines_pixel(0);
            }
            AstKind::IfStatement(s) => {
                let test = s.test.span().source_text(self.source).trim_start();
                let returns = match &s.consequent {
                    Statement::ReturnStatement(_) => true,
                    Statement::BlockStatement(b) => {
                        matches!(b.body.first(), Some(Statement::ReturnStatement(_)))
                    }
                    _ => false,
                };
                if returns && !test.starts_with('!') && test.contains(self.global) {
                    self.out.returns_if_defined = true;
                }
            }
            _ => {}
        }
        if let Some((span, _)) = opens_scope(&kind) {
            let id = self.scopes.scope_of(span).unwrap_or_else(|| self.scope());
            self.scope_stack.push(id);
        }
    }

    fn leave_node(&mut self, kind: AstKind<'a>) {
        if opens_scope(&kind).is_some() {
            self.scope_stack.pop();
        }
    }

    fn visit_statement(&mut self, it: &Statement<'a>) {
        if self.stop() || self.too_deep() {
            return;
        }
        self.depth += 1;
        walk::walk_statement(self, it);
        self.depth -= 1;
    }

    fn visit_expression(&mut self, it: &Expression<'a>) {
        if self.stop() || self.too_deep() {
            return;
        }
        self.depth += 1;
        let outer_concat = self.concat;
        match it {
            Expression::StringLiteral(s) if self.concat != Concat::Folded => {
                let value = s.value.as_str().to_string();
                self.keep_string(&value, s.span.start, self.concat == Concat::Partial);
            }
            Expression::TemplateLiteral(t)
                if t.expressions.is_empty() && self.concat != Concat::Folded =>
            {
                let value = template_text(t);
                self.keep_string(&value, t.span.start, self.concat == Concat::Partial);
            }
            Expression::TemplateLiteral(t) if t.expressions.is_empty() => {}
            Expression::TemplateLiteral(t) if self.concat == Concat::None => {
                self.visit_concatenation(it, Some(template_text(t)));
            }
            Expression::BinaryExpression(b)
                if b.operator == BinaryOperator::Addition && self.concat == Concat::None =>
            {
                self.visit_concatenation(it, None);
            }
            Expression::AssignmentExpression(a) => match &a.left {
                AssignmentTarget::AssignmentTargetIdentifier(id) => {
                    let name = id.name.as_str().to_string();
                    self.record_alias(&name, &a.right);
                    if name == self.global && !self.scopes.is_declared(self.scope(), &name) {
                        self.defines_pixel(a.span.start);
                    }
                }
                AssignmentTarget::StaticMemberExpression(m) if m.property.name == self.global => {
                    self.defines_pixel(a.span.start);
                }
                AssignmentTarget::ComputedMemberExpression(m) if matches!(m.expression.get_inner_expression(), Expression::StringLiteral(s) if s.value == self.global) =>
                {
                    self.defines_pixel(a.span.start);
                }
                _ => {}
            },
            _ => {}
        }
        walk::walk_expression(self, it);
        self.concat = outer_concat;
        self.depth -= 1;
    }

    fn visit_variable_declaration(&mut self, it: &oxc_ast::ast::VariableDeclaration<'a>) {
        for d in &it.declarations {
            if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init) {
                let name = id.name.as_str().to_string();
                self.record_alias(&name, init);
                // `var oaiq = …` at the top of a classic script defines the global.
                if name == self.global
                    && it.kind == VariableDeclarationKind::Var
                    && self.scope() == 0
                {
                    self.defines_pixel(d.span.start);
                }
            }
        }
        walk::walk_variable_declaration(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if self.out.calls.len() >= MAX_CALLS {
            self.out.budget_exhausted = true;
            return;
        }
        if let Some(callee) = self.classify(it) {
            let args = it
                .arguments
                .iter()
                .map(|arg| match arg {
                    Argument::SpreadElement(_) => dynamic(),
                    other => other
                        .as_expression()
                        .map_or_else(dynamic, |e| self.value(e)),
                })
                .collect();
            self.out.calls.push(RawCall {
                callee,
                args,
                text: self.text(it.span()),
                offset: it.span.start,
                context: self.context.at(it.span.start).map(str::to_string),
            });
        }
        walk::walk_call_expression(self, it);
    }
}
