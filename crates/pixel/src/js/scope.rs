//! Scopes and constants: a first walk over a script records which names each scope declares
//! (`var`, `let`, `const`, parameters, functions, classes, catch parameters) and every place a
//! name is written to (assignments, `++`, `for (x in …)`, mutating an object's properties or
//! calling `push` on it). A name declared once with an initial value and never written again is
//! a constant, and reading it gives that value; anything else stays dynamic.
//!
//! Scopes are keyed by the span of the node that opens them, so the extraction walk that comes
//! next can find the scope it is in without sharing state with this one.

use std::collections::HashMap;
use std::time::Instant;

use oxc_ast::ast::{
    AssignmentTarget, BindingPattern, Expression, SimpleAssignmentTarget, UnaryOperator,
    VariableDeclarationKind,
};
use oxc_ast::AstKind;
use oxc_ast_visit::Visit;
use oxc_span::Span;

use super::extract::Budget;

/// Methods that change the object (or array) they are called on.
const MUTATORS: &[&str] = &[
    "push",
    "pop",
    "shift",
    "unshift",
    "splice",
    "sort",
    "reverse",
    "fill",
    "copyWithin",
    "set",
    "delete",
    "clear",
];

#[derive(Debug)]
struct Binding<'a> {
    init: Option<&'a Expression<'a>>,
    /// The scope the declaration is written in (its initial value is read from there).
    lexical: usize,
    declared: u32,
    written: bool,
}

#[derive(Debug, Default)]
pub struct Scopes<'a> {
    parent: Vec<Option<usize>>,
    function_like: Vec<bool>,
    by_span: HashMap<(u32, u32), usize>,
    bindings: HashMap<usize, HashMap<&'a str, Binding<'a>>>,
}

/// A constant's initial value, when `name` read in `scope` is one.
pub struct Constant<'a> {
    pub init: &'a Expression<'a>,
    pub scope: usize,
}

impl<'a> Scopes<'a> {
    /// The scope a node opens, if it opens one.
    pub fn scope_of(&self, span: Span) -> Option<usize> {
        self.by_span.get(&(span.start, span.end)).copied()
    }

    fn find(&self, mut scope: usize, name: &str) -> Option<&Binding<'a>> {
        loop {
            if let Some(b) = self.bindings.get(&scope).and_then(|m| m.get(name)) {
                return Some(b);
            }
            scope = self.parent.get(scope).copied().flatten()?;
        }
    }

    /// True when `name` read in `scope` is declared in the script itself (not a global).
    pub fn is_declared(&self, scope: usize, name: &str) -> bool {
        self.find(scope, name).is_some()
    }

    /// The initial value of `name` read in `scope`, when it is a constant.
    pub fn constant(&self, scope: usize, name: &str) -> Option<Constant<'a>> {
        let b = self.find(scope, name)?;
        if b.written || b.declared != 1 {
            return None;
        }
        Some(Constant {
            init: b.init?,
            scope: b.lexical,
        })
    }
}

/// Opens a scope for the nodes that have one.
pub fn opens_scope(kind: &AstKind<'_>) -> Option<(Span, bool)> {
    match kind {
        AstKind::Program(p) => Some((p.span, true)),
        AstKind::Function(f) => Some((f.span, true)),
        AstKind::ArrowFunctionExpression(f) => Some((f.span, true)),
        AstKind::StaticBlock(b) => Some((b.span, true)),
        AstKind::BlockStatement(b) => Some((b.span, false)),
        AstKind::ForStatement(f) => Some((f.span, false)),
        AstKind::ForInStatement(f) => Some((f.span, false)),
        AstKind::ForOfStatement(f) => Some((f.span, false)),
        AstKind::CatchClause(c) => Some((c.span, false)),
        AstKind::SwitchStatement(s) => Some((s.span, false)),
        AstKind::Class(c) => Some((c.span, false)),
        _ => None,
    }
}

/// The first walk. Stops (leaving everything it has not seen dynamic) when the budget runs out.
pub fn build<'a>(program: &'a oxc_ast::ast::Program<'a>, budget: Budget) -> Scopes<'a> {
    let mut b = Builder {
        scopes: Scopes::default(),
        stack: Vec::new(),
        writes: Vec::new(),
        budget,
        nodes: 0,
        depth: 0,
        stopped: false,
        called_with: HashMap::new(),
        fn_span: HashMap::new(),
    };
    b.visit_program(program);
    let Builder {
        mut scopes,
        writes,
        stopped,
        ..
    } = b;
    for (scope, name) in writes {
        let mut at = Some(scope);
        while let Some(s) = at {
            if let Some(binding) = scopes.bindings.get_mut(&s).and_then(|m| m.get_mut(name)) {
                binding.written = true;
                break;
            }
            at = scopes.parent.get(s).copied().flatten();
        }
    }
    if stopped {
        // Writes past the stop were not seen: nothing can be trusted to be constant.
        for binding in scopes.bindings.values_mut().flat_map(|m| m.values_mut()) {
            binding.written = true;
        }
    }
    scopes
}

struct Builder<'a> {
    scopes: Scopes<'a>,
    stack: Vec<usize>,
    writes: Vec<(usize, &'a str)>,
    budget: Budget,
    nodes: u64,
    depth: u32,
    stopped: bool,
    /// Arguments of functions called where they are written (`(function (w, u) {…})(window,
    /// "…")`), by the function's span, with the scope the call is in: its parameters start
    /// with these values.
    called_with: HashMap<(u32, u32), (Vec<&'a Expression<'a>>, usize)>,
    /// The span of each function scope.
    fn_span: HashMap<usize, (u32, u32)>,
}

impl<'a> Builder<'a> {
    fn current(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    fn function_scope(&self) -> usize {
        self.stack
            .iter()
            .rev()
            .copied()
            .find(|&s| self.scopes.function_like.get(s).copied().unwrap_or(true))
            .unwrap_or(0)
    }

    fn declare(&mut self, scope: usize, name: &'a str, init: Option<&'a Expression<'a>>) {
        let lexical = self.current();
        self.declare_in(scope, name, init, lexical);
    }

    fn declare_in(
        &mut self,
        scope: usize,
        name: &'a str,
        init: Option<&'a Expression<'a>>,
        lexical: usize,
    ) {
        let binding = self
            .scopes
            .bindings
            .entry(scope)
            .or_default()
            .entry(name)
            .or_insert(Binding {
                init: None,
                lexical,
                declared: 0,
                written: false,
            });
        binding.declared += 1;
        binding.init = init;
        binding.lexical = lexical;
    }

    fn declare_pattern(&mut self, scope: usize, pattern: &'a BindingPattern<'a>) {
        let mut names = Vec::new();
        pattern_names(pattern, &mut names, 0);
        for name in names {
            self.declare(scope, name, None);
        }
    }

    fn write(&mut self, name: &'a str) {
        if self.writes.len() < 100_000 {
            self.writes.push((self.current(), name));
        } else {
            self.stopped = true;
        }
    }

    fn write_target(&mut self, target: &'a AssignmentTarget<'a>) {
        match target {
            AssignmentTarget::AssignmentTargetIdentifier(id) => self.write(id.name.as_str()),
            AssignmentTarget::ArrayAssignmentTarget(_)
            | AssignmentTarget::ObjectAssignmentTarget(_) => {
                let mut names = Names::default();
                names.visit_assignment_target(target);
                for n in names.0 {
                    self.write(n);
                }
            }
            other => {
                if let Some(m) = other.as_member_expression() {
                    if let Some(root) = root_name(m.object()) {
                        self.write(root);
                    }
                }
            }
        }
    }
}

/// The identifier an expression such as `a.b[c].d` hangs from.
fn root_name<'a>(mut expr: &'a Expression<'a>) -> Option<&'a str> {
    for _ in 0..64 {
        match expr.get_inner_expression() {
            Expression::Identifier(id) => return Some(id.name.as_str()),
            other => expr = other.as_member_expression()?.object(),
        }
    }
    None
}

fn pattern_names<'a>(pattern: &'a BindingPattern<'a>, out: &mut Vec<&'a str>, depth: u32) {
    if depth > 64 {
        return;
    }
    match pattern {
        BindingPattern::BindingIdentifier(id) => out.push(id.name.as_str()),
        BindingPattern::ObjectPattern(o) => {
            for p in &o.properties {
                pattern_names(&p.value, out, depth + 1);
            }
            if let Some(rest) = &o.rest {
                pattern_names(&rest.argument, out, depth + 1);
            }
        }
        BindingPattern::ArrayPattern(a) => {
            for p in a.elements.iter().flatten() {
                pattern_names(p, out, depth + 1);
            }
            if let Some(rest) = &a.rest {
                pattern_names(&rest.argument, out, depth + 1);
            }
        }
        BindingPattern::AssignmentPattern(a) => pattern_names(&a.left, out, depth + 1),
    }
}

/// Every identifier named inside a destructuring assignment target.
#[derive(Default)]
struct Names<'a>(Vec<&'a str>);

impl<'a> Visit<'a> for Names<'a> {
    fn visit_identifier_reference(&mut self, it: &oxc_ast::ast::IdentifierReference<'a>) {
        if self.0.len() < 1_000 {
            // The name lives as long as the program: the visitor only ever sees program nodes.
            let name: &'a str = self.alloc(it).name.as_str();
            self.0.push(name);
        }
    }
}

impl<'a> Visit<'a> for Builder<'a> {
    fn enter_node(&mut self, kind: AstKind<'a>) {
        self.nodes += 1;
        if self.nodes > self.budget.max_nodes
            || (self.nodes.is_multiple_of(4096) && Instant::now() > self.budget.deadline)
        {
            self.stopped = true;
        }
        // Names that belong to the scope around the node are declared before it opens its own.
        match &kind {
            AstKind::Function(f) if f.is_declaration() => {
                if let Some(id) = &f.id {
                    let scope = self.current();
                    self.declare(scope, id.name.as_str(), None);
                }
            }
            AstKind::Class(c) if c.is_declaration() => {
                if let Some(id) = &c.id {
                    let scope = self.current();
                    self.declare(scope, id.name.as_str(), None);
                }
            }
            _ => {}
        }
        if let Some((span, function_like)) = opens_scope(&kind) {
            let id = self.scopes.parent.len();
            if matches!(kind, AstKind::Function(_)) {
                self.fn_span.insert(id, (span.start, span.end));
            }
            self.scopes.parent.push(self.stack.last().copied());
            self.scopes.function_like.push(function_like);
            self.scopes.by_span.insert((span.start, span.end), id);
            self.stack.push(id);
        }
        match kind {
            AstKind::Function(f) if !f.is_declaration() => {
                if let Some(id) = &f.id {
                    self.declare(self.current(), id.name.as_str(), None);
                }
            }
            AstKind::VariableDeclaration(decl) => {
                let scope = if decl.kind == VariableDeclarationKind::Var {
                    self.function_scope()
                } else {
                    self.current()
                };
                for d in &decl.declarations {
                    match &d.id {
                        BindingPattern::BindingIdentifier(id) => {
                            self.declare(scope, id.name.as_str(), d.init.as_ref());
                        }
                        other => self.declare_pattern(scope, other),
                    }
                }
            }
            AstKind::FormalParameters(params) => {
                let scope = self.current();
                let (args, lexical) = self
                    .stack
                    .iter()
                    .rev()
                    .find_map(|s| self.fn_span.get(s))
                    .and_then(|span| self.called_with.remove(span))
                    .unwrap_or_default();
                for (i, p) in params.items.iter().enumerate() {
                    match (&p.pattern, args.get(i), &p.initializer) {
                        (BindingPattern::BindingIdentifier(id), Some(arg), None) => {
                            self.declare_in(scope, id.name.as_str(), Some(arg), lexical);
                        }
                        (pattern, _, _) => self.declare_pattern(scope, pattern),
                    }
                }
                if let Some(rest) = &params.rest {
                    self.declare_pattern(scope, &rest.rest.argument);
                }
            }
            AstKind::CatchParameter(p) => self.declare_pattern(self.current(), &p.pattern),
            AstKind::AssignmentExpression(a) => self.write_target(&a.left),
            AstKind::UpdateExpression(u) => match &u.argument {
                SimpleAssignmentTarget::AssignmentTargetIdentifier(id) => {
                    self.write(id.name.as_str());
                }
                other => {
                    if let Some(root) = other
                        .as_member_expression()
                        .and_then(|m| root_name(m.object()))
                    {
                        self.write(root);
                    }
                }
            },
            AstKind::UnaryExpression(u) if u.operator == UnaryOperator::Delete => {
                if let Some(root) = root_name(&u.argument) {
                    self.write(root);
                }
            }
            AstKind::ForInStatement(f) => {
                if let Some(t) = f.left.as_assignment_target() {
                    self.write_target(t);
                }
            }
            AstKind::ForOfStatement(f) => {
                if let Some(t) = f.left.as_assignment_target() {
                    self.write_target(t);
                }
            }
            AstKind::CallExpression(c) => {
                let callee = c.callee.get_inner_expression();
                if let Expression::FunctionExpression(f) = callee {
                    let args: Vec<&'a Expression<'a>> = c
                        .arguments
                        .iter()
                        .map_while(|a| a.as_expression())
                        .collect();
                    self.called_with
                        .insert((f.span.start, f.span.end), (args, self.current()));
                }
                if let Some(m) = callee.as_member_expression() {
                    let method = m.static_property_name().unwrap_or_default();
                    if MUTATORS.contains(&method) {
                        if let Some(root) = root_name(m.object()) {
                            self.write(root);
                        }
                    }
                    // `Object.assign(target, …)` changes its first argument.
                    if method == "assign" || method == "defineProperty" {
                        if let Some(root) = c
                            .arguments
                            .first()
                            .and_then(|a| a.as_expression())
                            .and_then(root_name)
                        {
                            self.write(root);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn leave_node(&mut self, kind: AstKind<'a>) {
        if opens_scope(&kind).is_some() {
            self.stack.pop();
        }
    }

    fn visit_expression(&mut self, it: &Expression<'a>) {
        if self.stopped || self.depth >= self.budget.max_depth {
            self.stopped = true;
            return;
        }
        self.depth += 1;
        oxc_ast_visit::walk::walk_expression(self, it);
        self.depth -= 1;
    }

    fn visit_statement(&mut self, it: &oxc_ast::ast::Statement<'a>) {
        if self.stopped || self.depth >= self.budget.max_depth {
            self.stopped = true;
            return;
        }
        self.depth += 1;
        oxc_ast_visit::walk::walk_statement(self, it);
        self.depth -= 1;
    }
}
