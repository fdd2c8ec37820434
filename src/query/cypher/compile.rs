//! From syntax tree to plan: every name checked against the database's
//! catalog (labels, types, properties, functions, variables, parameters),
//! variables given slots in a row, aggregates pulled out of projections,
//! and each `MATCH` ordered to start from its most selective node.
//!
//! The planner is deliberately simple and predictable: a node pattern
//! bound by an earlier clause costs 1; one looked up by `id` or `name`
//! (in its property map or an equality in `WHERE`) costs what the name
//! index returns, about 1; a label costs the number of entities of that
//! kind; anything else costs every entity. Patterns run cheapest first,
//! each from its cheapest node outward, and each `WHERE` condition is
//! tested as soon as the variables it reads are bound.

use std::collections::HashMap;

use super::ast::{
    BinaryOp, Clause, Direction, Expr, ExprKind, Ident, Item, Labels, Length, Literal, Match,
    NodePattern, Pattern, Projection, Query, RelPattern, Shortest, Span, UnaryOp,
};
use super::catalog;
use super::value::Value;
use crate::error::{Error, QueryError, QueryProblem};
use crate::graph::DiploGraph;
use crate::model::{EntityKind, RelationKind};

/// Where the query text came from and the text itself: what every
/// message needs to show its line, column and snippet.
#[derive(Clone, Copy, Debug)]
pub struct Source<'q> {
    /// `query`, `stdin`, or the file's name.
    pub origin: &'q str,
    /// The query text.
    pub text: &'q str,
}

impl Source<'_> {
    /// An error of `kind` at `span`.
    pub fn error(
        &self,
        span: &Span,
        kind: QueryProblem,
        message: String,
        help: Option<String>,
    ) -> Error {
        QueryError::at(self.origin, self.text, span.clone(), kind, message, help)
    }

    /// The text of `span`.
    pub fn slice(&self, span: &Span) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }
}

/// The parameters a query reads (`$name`), from `--param name=value`.
pub type Params = HashMap<String, Value>;

/// What a variable holds, as far as the plan knows: what decides which
/// properties it may be asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarType {
    /// An entity.
    Node,
    /// One relation.
    Relationship,
    /// The relations of a variable-length hop.
    Relationships,
    /// A path.
    Path,
    /// Anything (a value projected by `WITH`).
    Any,
}

/// A compiled expression: names resolved to row slots, functions to
/// [`Func`], aggregates to their index in the projection.
#[derive(Clone, Debug)]
pub enum CExpr {
    /// A constant (literals and parameters).
    Const(Value),
    /// The value in a row slot.
    Slot(usize),
    /// `base.key`.
    Property(Box<CExpr>, String, Span),
    /// `[…]`.
    List(Vec<CExpr>),
    /// `{…}`.
    Map(Vec<(String, CExpr)>),
    /// `NOT x`, `-x`.
    Unary(UnaryOp, Box<CExpr>, Span),
    /// `a op b`.
    Binary(BinaryOp, Box<CExpr>, Box<CExpr>, Span),
    /// `x IS [NOT] NULL`.
    IsNull(Box<CExpr>, bool),
    /// A function call.
    Call(Func, Vec<CExpr>, Span),
    /// The value of the projection's aggregate number `i`.
    Aggregate(usize),
    /// A pattern predicate: true when it matches at least once.
    Exists(Box<CMatch>),
}

/// The functions of the subset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    /// `date('YYYY[-MM[-DD]]')`, `date()` (the day asked about).
    Date,
    /// `length(path)`: its relationships; also a list's or string's size.
    Length,
    /// `size(list|string)`.
    Size,
    /// `nodes(path)`.
    Nodes,
    /// `relationships(path)` (or `rels`).
    Relationships,
    /// `type(r)`: its kind.
    Type,
    /// `labels(n)`: its kind, in a list.
    Labels,
    /// `toLower(s)`.
    ToLower,
    /// `toUpper(s)`.
    ToUpper,
    /// `trim(s)`.
    Trim,
    /// `toString(x)`.
    ToString,
    /// `toInteger(x)`.
    ToInteger,
    /// `toFloat(x)`.
    ToFloat,
    /// `coalesce(a, b, …)`: the first that is not null.
    Coalesce,
    /// `startNode(r)`: the end the file writes first.
    StartNode,
    /// `endNode(r)`.
    EndNode,
    /// `head(list)`.
    Head,
    /// `last(list)`.
    Last,
    /// `abs(x)`.
    Abs,
    /// `exists(x.prop)`: whether the property is recorded.
    Exists,
}

/// Every function by its name (lower case) and how many arguments it
/// takes (`None`: any number of at least one).
const FUNCTIONS: &[(&str, Func, Option<usize>)] = &[
    ("date", Func::Date, None),
    ("length", Func::Length, Some(1)),
    ("size", Func::Size, Some(1)),
    ("nodes", Func::Nodes, Some(1)),
    ("relationships", Func::Relationships, Some(1)),
    ("rels", Func::Relationships, Some(1)),
    ("type", Func::Type, Some(1)),
    ("labels", Func::Labels, Some(1)),
    ("tolower", Func::ToLower, Some(1)),
    ("toupper", Func::ToUpper, Some(1)),
    ("trim", Func::Trim, Some(1)),
    ("tostring", Func::ToString, Some(1)),
    ("tointeger", Func::ToInteger, Some(1)),
    ("tofloat", Func::ToFloat, Some(1)),
    ("coalesce", Func::Coalesce, None),
    ("startnode", Func::StartNode, Some(1)),
    ("endnode", Func::EndNode, Some(1)),
    ("head", Func::Head, Some(1)),
    ("last", Func::Last, Some(1)),
    ("abs", Func::Abs, Some(1)),
    ("exists", Func::Exists, Some(1)),
];

/// The aggregate functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AggFunc {
    /// `count(*)` (no argument) or `count(x)`: rows, or values not null.
    Count,
    /// `collect(x)`: the values not null, in row order.
    Collect,
    /// `min(x)`.
    Min,
    /// `max(x)`.
    Max,
    /// `sum(x)`.
    Sum,
    /// `avg(x)`.
    Avg,
}

const AGGREGATES: &[(&str, AggFunc)] = &[
    ("count", AggFunc::Count),
    ("collect", AggFunc::Collect),
    ("min", AggFunc::Min),
    ("max", AggFunc::Max),
    ("sum", AggFunc::Sum),
    ("avg", AggFunc::Avg),
];

/// One aggregate of a projection.
#[derive(Clone, Debug)]
pub struct AggSpec {
    /// Which.
    pub func: AggFunc,
    /// `DISTINCT`: each value once.
    pub distinct: bool,
    /// The argument (`None` for `count(*)`).
    pub arg: Option<CExpr>,
}

/// A whole plan: parts, each a run of `MATCH` clauses ending in a `WITH`
/// or the `RETURN`.
#[derive(Debug)]
pub struct Plan {
    /// In order; the last ends with `RETURN`.
    pub parts: Vec<Part>,
    /// The `RETURN`'s column names.
    pub columns: Vec<String>,
    /// The day of a trailing `AS OF`, when given.
    pub as_of: Option<jiff::civil::Date>,
    /// The plan in words, one line per step (`--explain`).
    pub explain: Vec<String>,
    /// What the user should know about the answer (a name in a pattern
    /// that matches no entity, with look-alikes).
    pub notes: Vec<String>,
}

/// `MATCH`… then a projection.
#[derive(Debug)]
pub struct Part {
    /// Slots in this part's rows.
    pub width: usize,
    /// The slots the rows come in with (the previous projection's).
    pub input_width: usize,
    /// The `MATCH` clauses, in order.
    pub matches: Vec<CMatch>,
    /// The `WITH` or `RETURN`.
    pub projection: CProjection,
}

/// One `MATCH` (or a pattern predicate), planned.
#[derive(Clone, Debug)]
pub struct CMatch {
    /// `OPTIONAL MATCH`.
    pub optional: bool,
    /// The patterns in the order they run.
    pub patterns: Vec<CPattern>,
    /// Conditions whose variables are all bound before the clause.
    pub before: Vec<CExpr>,
    /// The slots the clause binds (nulled by an optional match that
    /// matches nothing).
    pub binds: Vec<usize>,
    /// The slots a row needs while the clause runs (a pattern predicate's
    /// own variables come after the part's).
    pub width: usize,
}

/// One path pattern, planned.
#[derive(Clone, Debug)]
pub struct CPattern {
    /// The node patterns in written order.
    pub nodes: Vec<CNode>,
    /// `rels[i]` joins `nodes[i]` and `nodes[i + 1]`.
    pub rels: Vec<CRel>,
    /// The node it starts from.
    pub start: usize,
    /// How the start's candidates are found.
    pub lookup: Lookup,
    /// The hops in the order they run.
    pub hops: Vec<Hop>,
    /// `conditions[0]`: tested once the start is bound; `conditions[h +
    /// 1]`: once hop `h` is.
    pub conditions: Vec<Vec<CExpr>>,
    /// `p = …`: where the path goes.
    pub path_slot: Option<usize>,
    /// `shortestPath` / `allShortestPaths`.
    pub shortest: Option<Shortest>,
}

/// One hop as it runs: from node `from` over relationship `rel` to node
/// `to`; `forward` when that is the written direction (left to right).
#[derive(Clone, Copy, Debug)]
pub struct Hop {
    /// The relationship pattern.
    pub rel: usize,
    /// The node it leaves (already bound).
    pub from: usize,
    /// The node it reaches.
    pub to: usize,
    /// Written left to right.
    pub forward: bool,
}

/// How a pattern's start node's candidates are found.
#[derive(Clone, Debug)]
pub enum Lookup {
    /// Its variable is bound already.
    Bound,
    /// These entities (a constant id or name, looked up once).
    Nodes(NameKey, Vec<petgraph::graph::NodeIndex>),
    /// By id or name through the name index: the value an expression
    /// computes (a string, or a list of them for `IN`).
    Name {
        /// `id` or `name`.
        key: NameKey,
        /// What to look up.
        value: CExpr,
    },
    /// Every entity of these kinds.
    Kinds(Vec<EntityKind>),
    /// Every entity.
    All,
}

/// The two properties the name index answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKey {
    /// `id`: exact, any case.
    Id,
    /// `name`: the name or an alias, any case, accents optional, as the
    /// command line matches names.
    Name,
}

impl NameKey {
    /// The key in the plan's words.
    fn words(self) -> &'static str {
        match self {
            NameKey::Id => "id",
            NameKey::Name => "name or alias",
        }
    }
}

/// A node pattern, planned.
#[derive(Clone, Debug)]
pub struct CNode {
    /// Its row slot.
    pub slot: usize,
    /// Bound before the pattern reaches it (by an earlier clause or
    /// pattern, or earlier in this one).
    pub bound: bool,
    /// The kinds it may be (`None`: any); empty: none (contradictory
    /// labels).
    pub kinds: Option<Vec<EntityKind>>,
    /// Its property map, but `id` and `name`.
    pub properties: Vec<(String, CExpr)>,
    /// Its `id` and `name` in the property map: which entities they find.
    pub names: Vec<NameFilter>,
    /// As written, for the plan's words.
    pub text: String,
}

/// An `id` or `name` a node must have.
#[derive(Clone, Debug)]
pub enum NameFilter {
    /// A constant: the entities it finds, looked up once.
    Nodes(Vec<petgraph::graph::NodeIndex>),
    /// Computed for each row, then looked up.
    Computed(NameKey, CExpr),
}

/// A relationship pattern, planned.
#[derive(Clone, Debug)]
pub struct CRel {
    /// Its row slot (a relationship, or the list of them).
    pub slot: usize,
    /// Bound by an earlier clause.
    pub bound: bool,
    /// The kinds it may be, a bit per kind code (all bits: any kind).
    pub kinds: u32,
    /// Its property map.
    pub properties: Vec<(String, CExpr)>,
    /// As written, left to right.
    pub direction: Direction,
    /// `*…`.
    pub length: Option<Length>,
}

/// A `WITH` or `RETURN`, planned.
#[derive(Debug)]
pub struct CProjection {
    /// `DISTINCT`.
    pub distinct: bool,
    /// The columns' names and expressions.
    pub items: Vec<(String, CExpr)>,
    /// The aggregates the items read.
    pub aggregates: Vec<AggSpec>,
    /// `ORDER BY`: expressions over the row extended with the items
    /// (slots `width..`), or over the items alone when aggregating or
    /// `DISTINCT`; and whether descending.
    pub order: Vec<(CExpr, bool)>,
    /// `SKIP`.
    pub skip: usize,
    /// `LIMIT`.
    pub limit: Option<usize>,
    /// `WITH … WHERE`, over the items.
    pub condition: Option<CExpr>,
}

impl CProjection {
    /// Whether rows are grouped (an aggregate is read).
    pub fn grouping(&self) -> bool {
        !self.aggregates.is_empty()
    }

    /// Whether the order is read over the items alone.
    pub fn sorts_items(&self) -> bool {
        self.grouping() || self.distinct
    }
}

/// One variable in scope.
#[derive(Clone, Debug)]
struct Var {
    name: String,
    slot: usize,
    ty: VarType,
    /// Bound by the part's rows so far (not only named).
    bound: bool,
}

/// The variables of one part.
#[derive(Clone, Debug, Default)]
struct Scope {
    vars: Vec<Var>,
    width: usize,
}

impl Scope {
    fn find(&self, name: &str) -> Option<&Var> {
        self.vars.iter().rev().find(|v| v.name == name)
    }

    fn slot(&mut self) -> usize {
        self.width += 1;
        self.width - 1
    }

    fn declare(&mut self, name: &str, ty: VarType) -> usize {
        let slot = self.slot();
        self.vars.push(Var {
            name: name.to_string(),
            slot,
            ty,
            bound: false,
        });
        slot
    }

    fn is_bound(&self, slot: usize) -> bool {
        self.vars.iter().any(|v| v.slot == slot && v.bound)
    }

    fn bind(&mut self, slot: usize) {
        for v in &mut self.vars {
            if v.slot == slot {
                v.bound = true;
            }
        }
    }
}

/// Plans `query` (parsed from `source`) against `graph`.
///
/// # Errors
/// [`Error::Query`] for an unknown label, type, property, function,
/// variable or parameter, a misplaced aggregate, or a value of the wrong
/// type where the plan needs a constant (`SKIP`, `LIMIT`, `AS OF`).
pub fn compile(
    graph: &DiploGraph,
    query: &Query,
    source: Source<'_>,
    params: &Params,
) -> Result<Plan, Error> {
    let mut planner = Planner {
        graph,
        source,
        params,
        kind_counts: None,
        explain: Vec::new(),
        notes: Vec::new(),
    };
    planner.plan(query)
}

struct Planner<'a, 'g> {
    graph: &'g DiploGraph,
    source: Source<'a>,
    params: &'a Params,
    kind_counts: Option<Vec<usize>>,
    explain: Vec<String>,
    notes: Vec<String>,
}

/// Collects the aggregates of a projection item as it is compiled.
struct Aggregates<'s> {
    specs: &'s mut Vec<AggSpec>,
    /// Inside an aggregate's argument (no nesting).
    inside: bool,
}

impl Planner<'_, '_> {
    fn error(
        &self,
        span: &Span,
        kind: QueryProblem,
        message: String,
        help: Option<String>,
    ) -> Error {
        self.source.error(span, kind, message, help)
    }

    fn plan(&mut self, query: &Query) -> Result<Plan, Error> {
        let as_of = query
            .as_of
            .as_ref()
            .map(|expr| self.constant_date(expr))
            .transpose()?;
        let mut parts = Vec::new();
        let mut scope = Scope::default();
        let mut matches = Vec::new();
        let mut columns = Vec::new();
        let mut input_width = 0;
        let mut number = 1;
        for clause in &query.clauses {
            match clause {
                Clause::Match(m) => {
                    let planned = self.plan_match(m, &mut scope)?;
                    matches.push(planned);
                }
                Clause::With(p) | Clause::Return(p) => {
                    let is_return = matches!(clause, Clause::Return(_));
                    self.explain.push(format!(
                        "{} {}",
                        if is_return { "RETURN" } else { "WITH" },
                        self.describe_projection(p)
                    ));
                    let (projection, next) = self.plan_projection(p, &scope, is_return)?;
                    if is_return {
                        columns = projection.items.iter().map(|(n, _)| n.clone()).collect();
                    }
                    parts.push(Part {
                        width: scope.width,
                        input_width,
                        matches: std::mem::take(&mut matches),
                        projection,
                    });
                    input_width = next.width;
                    scope = next;
                    number += 1;
                }
            }
        }
        let _ = number;
        if parts.is_empty() || !matches.is_empty() {
            let end = self.source.text.len();
            return Err(self.error(
                &(end..end),
                QueryProblem::Syntax,
                "a query ends with RETURN".into(),
                Some("add RETURN and what to show, e.g. `RETURN n.name`".into()),
            ));
        }
        Ok(Plan {
            parts,
            columns,
            as_of,
            explain: std::mem::take(&mut self.explain),
            notes: std::mem::take(&mut self.notes),
        })
    }

    fn describe_projection(&self, p: &Projection) -> String {
        let mut words = Vec::new();
        if p.distinct {
            words.push("DISTINCT".to_string());
        }
        let mut items: Vec<String> = p.items.iter().map(|i| i.name.clone()).collect();
        if p.star {
            items.insert(0, "*".into());
        }
        words.push(items.join(", "));
        if !p.order.is_empty() {
            words.push(format!(
                "ORDER BY {}",
                p.order
                    .iter()
                    .map(|s| format!(
                        "{}{}",
                        self.source.slice(&s.expr.span),
                        if s.descending { " DESC" } else { "" }
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if let Some(skip) = &p.skip {
            words.push(format!("SKIP {}", self.source.slice(&skip.span)));
        }
        if let Some(limit) = &p.limit {
            words.push(format!("LIMIT {}", self.source.slice(&limit.span)));
        }
        words.join(" ")
    }

    // ----- MATCH -----

    fn plan_match(&mut self, m: &Match, scope: &mut Scope) -> Result<CMatch, Error> {
        let keyword = if m.optional {
            "OPTIONAL MATCH"
        } else {
            "MATCH"
        };
        self.explain.push(format!(
            "{keyword} {}",
            m.patterns
                .iter()
                .map(|p| self.source.slice(&p.span).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let bound_before: Vec<usize> = scope
            .vars
            .iter()
            .filter(|v| v.bound)
            .map(|v| v.slot)
            .collect();
        // Name every variable first, so that a condition or a later
        // pattern may read one bound by any pattern of the clause.
        let mut declared = Vec::new();
        for pattern in &m.patterns {
            self.declare_pattern(pattern, scope, &mut declared)?;
        }
        let conjuncts: Vec<&Expr> = m.condition.as_ref().map(conjuncts).unwrap_or_default();
        // Order: the cheapest pattern first, given what is bound.
        let mut remaining: Vec<&Pattern> = m.patterns.iter().collect();
        let mut planned = Vec::new();
        while !remaining.is_empty() {
            let mut best: Option<(usize, usize, usize)> = None; // (cost, index, start)
            for (i, p) in remaining.iter().enumerate() {
                let (start, cost) = self.cheapest_start(p, scope, &conjuncts)?;
                if best.is_none_or(|(c, _, _)| cost < c) {
                    best = Some((cost, i, start));
                }
            }
            let Some((cost, i, start)) = best else { break };
            let pattern = remaining.remove(i);
            let step = planned.len() + 1;
            let cp = self.plan_pattern(pattern, start, scope, &conjuncts, step, cost)?;
            planned.push(cp);
        }
        // Conditions: each where its variables are first all bound.
        let mut compiled_conjuncts = Vec::new();
        for c in &conjuncts {
            let expr = self.expr(c, scope, None)?;
            compiled_conjuncts.push((slots_read(&expr), expr));
        }
        let (before, tested_at) = place_conditions(&mut planned, compiled_conjuncts, bound_before);
        for (c, place) in conjuncts.iter().zip(tested_at) {
            self.explain.push(format!(
                "  WHERE {}: tested {place}",
                self.source.slice(&c.span)
            ));
        }
        Ok(CMatch {
            optional: m.optional,
            patterns: planned,
            before,
            binds: declared,
            width: scope.width,
        })
    }

    /// Gives the pattern's new variables slots (and every anonymous node
    /// and relationship a hidden one); checks the reuse of a name keeps
    /// its type.
    fn declare_pattern(
        &mut self,
        pattern: &Pattern,
        scope: &mut Scope,
        declared: &mut Vec<usize>,
    ) -> Result<(), Error> {
        let mut want =
            |ident: &Option<Ident>, ty: VarType, scope: &mut Scope| -> Result<(), Error> {
                let Some(ident) = ident else { return Ok(()) };
                match scope.find(&ident.name) {
                    Some(v) if v.ty == ty || v.ty == VarType::Any => Ok(()),
                    Some(v) => Err(self.error(
                        &ident.span,
                        QueryProblem::Type,
                        format!(
                            "`{}` is {} here but {} earlier",
                            ident.name,
                            type_words(ty),
                            type_words(v.ty)
                        ),
                        Some("use another name for one of them".into()),
                    )),
                    None => {
                        declared.push(scope.declare(&ident.name, ty));
                        Ok(())
                    }
                }
            };
        want(&pattern.variable, VarType::Path, scope)?;
        want(&pattern.start.variable, VarType::Node, scope)?;
        for (rel, node) in &pattern.steps {
            let ty = if rel.length.is_some() {
                VarType::Relationships
            } else {
                VarType::Relationship
            };
            want(&rel.variable, ty, scope)?;
            want(&node.variable, VarType::Node, scope)?;
        }
        Ok(())
    }

    /// The node a pattern should start from, and what it costs.
    fn cheapest_start(
        &mut self,
        pattern: &Pattern,
        scope: &Scope,
        conjuncts: &[&Expr],
    ) -> Result<(usize, usize), Error> {
        let nodes: Vec<&NodePattern> = std::iter::once(&pattern.start)
            .chain(pattern.steps.iter().map(|(_, n)| n))
            .collect();
        let candidates: Vec<usize> = if pattern.shortest.is_some() {
            vec![0, nodes.len() - 1]
        } else {
            (0..nodes.len()).collect()
        };
        let mut best = (0, usize::MAX);
        for i in candidates {
            let cost = self.node_cost(nodes[i], scope, conjuncts)?;
            if cost < best.1 {
                best = (i, cost);
            }
        }
        Ok(best)
    }

    fn node_cost(
        &mut self,
        node: &NodePattern,
        scope: &Scope,
        conjuncts: &[&Expr],
    ) -> Result<usize, Error> {
        if let Some(v) = &node.variable
            && scope.find(&v.name).is_some_and(|v| v.bound)
        {
            return Ok(1);
        }
        if Self::name_lookup(node, scope, conjuncts).is_some() {
            return Ok(2);
        }
        let kinds = self.node_kinds(&node.labels)?;
        Ok(match kinds {
            Some(kinds) => 3 + kinds.iter().map(|k| self.kind_count(*k)).sum::<usize>(),
            None => 3 + self.graph.node_count(),
        })
    }

    fn kind_count(&mut self, kind: EntityKind) -> usize {
        let graph = self.graph;
        let counts = self.kind_counts.get_or_insert_with(|| {
            let mut counts = vec![0; EntityKind::ALL.len()];
            for n in graph.nodes() {
                counts[graph.entity_kind(n).index()] += 1;
            }
            counts
        });
        counts[kind.index()]
    }

    /// An `id` or `name` the start can be looked up by: in the node's
    /// property map, or an equality (or `IN`) in the clause's `WHERE`
    /// whose other side reads nothing of this clause.
    fn name_lookup<'e>(
        node: &'e NodePattern,
        scope: &Scope,
        conjuncts: &[&'e Expr],
    ) -> Option<(NameKey, &'e Expr, bool)> {
        let key_of = |name: &str| match name {
            "id" => Some(NameKey::Id),
            "name" => Some(NameKey::Name),
            _ => None,
        };
        for (key, value) in &node.properties {
            if let Some(k) = key_of(&key.name)
                && reads_only_bound(value, scope)
            {
                return Some((k, value, false));
            }
        }
        let var = node.variable.as_ref()?;
        for c in conjuncts {
            let (list, left, right) = match &c.kind {
                ExprKind::Binary(BinaryOp::Eq, l, r) => (false, l, r),
                ExprKind::Binary(BinaryOp::In, l, r) => (true, l, r),
                _ => continue,
            };
            let sides: &[(&Expr, &Expr)] = if list {
                &[(left, right)]
            } else {
                &[(left, right), (right, left)]
            };
            for (prop, value) in sides {
                if let ExprKind::Property(base, key) = &prop.kind
                    && matches!(&base.kind, ExprKind::Variable(n) if *n == var.name)
                    && let Some(k) = key_of(&key.name)
                    && reads_only_bound(value, scope)
                {
                    return Some((k, value, list));
                }
            }
        }
        None
    }

    fn node_kinds(&self, labels: &Labels) -> Result<Option<Vec<EntityKind>>, Error> {
        let kind = |ident: &Ident| {
            EntityKind::from_name(&ident.name).ok_or_else(|| {
                self.error(
                    &ident.span,
                    QueryProblem::Unknown,
                    format!("no entity kind is called `{}`", ident.name),
                    Some(catalog::unknown_help(
                        "labels are entity kinds",
                        &ident.name,
                        catalog::labels(),
                    )),
                )
            })
        };
        let all: Vec<EntityKind> = labels.all.iter().map(kind).collect::<Result<_, _>>()?;
        let any: Vec<EntityKind> = labels.any.iter().map(kind).collect::<Result<_, _>>()?;
        let mut kinds: Option<Vec<EntityKind>> = None;
        if let Some(first) = all.first() {
            // An entity has one kind: `:a:b` holds only when they agree.
            kinds = Some(if all.iter().all(|k| k == first) {
                vec![*first]
            } else {
                Vec::new()
            });
        }
        if !any.is_empty() {
            kinds = Some(match kinds {
                Some(k) => k.into_iter().filter(|k| any.contains(k)).collect(),
                None => any,
            });
        }
        Ok(kinds)
    }

    fn rel_kinds(&self, rel: &RelPattern) -> Result<Option<Vec<RelationKind>>, Error> {
        if rel.types.is_empty() {
            return Ok(None);
        }
        rel.types
            .iter()
            .map(|ident| {
                RelationKind::from_name(&ident.name).ok_or_else(|| {
                    self.error(
                        &ident.span,
                        QueryProblem::Unknown,
                        format!("no relation kind is called `{}`", ident.name),
                        Some(catalog::unknown_help(
                            "relationship types are relation kinds",
                            &ident.name,
                            catalog::types(),
                        )),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    fn properties(
        &mut self,
        map: &[(Ident, Expr)],
        known: &(impl Iterator<Item = &'static str> + Clone),
        what: &str,
        scope: &Scope,
    ) -> Result<Vec<(String, CExpr)>, Error> {
        map.iter()
            .map(|(key, value)| {
                self.check_property(key, known.clone(), what)?;
                Ok((key.name.clone(), self.expr(value, scope, None)?))
            })
            .collect()
    }

    fn check_property(
        &self,
        key: &Ident,
        known: impl Iterator<Item = &'static str> + Clone,
        what: &str,
    ) -> Result<(), Error> {
        if known.clone().any(|k| k == key.name) {
            return Ok(());
        }
        Err(self.error(
            &key.span,
            QueryProblem::Unknown,
            format!("{what} have no property `{}`", key.name),
            Some(catalog::unknown_help(
                &format!("{what} have"),
                &key.name,
                known,
            )),
        ))
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one pass over a pattern: its lookup, nodes, relationships, hop order and words"
    )]
    fn plan_pattern(
        &mut self,
        pattern: &Pattern,
        start: usize,
        scope: &mut Scope,
        conjuncts: &[&Expr],
        step: usize,
        cost: usize,
    ) -> Result<CPattern, Error> {
        let written: Vec<&NodePattern> = std::iter::once(&pattern.start)
            .chain(pattern.steps.iter().map(|(_, n)| n))
            .collect();
        if pattern.shortest.is_some() && pattern.steps.len() != 1 {
            return Err(self.error(
                &pattern.span,
                QueryProblem::Unsupported,
                "not supported: shortestPath takes a pattern of one relationship, like shortestPath((a)-[*]-(b))".into(),
                None,
            ));
        }
        // The start's lookup, decided before anything is bound.
        let lookup = if let Some(v) = &written[start].variable
            && scope.find(&v.name).is_some_and(|v| v.bound)
        {
            Lookup::Bound
        } else if let Some((key, value, _)) = Self::name_lookup(written[start], scope, conjuncts) {
            match self.expr(value, scope, None)? {
                CExpr::Const(v) => {
                    self.note_unknown_names(key, &v);
                    Lookup::Nodes(key, names_of(self.graph, key, &v))
                }
                value => Lookup::Name { key, value },
            }
        } else {
            match self.node_kinds(&written[start].labels)? {
                Some(kinds) => Lookup::Kinds(kinds),
                None => Lookup::All,
            }
        };
        let mut nodes = Vec::new();
        for node in &written {
            let slot = match &node.variable {
                Some(v) => match scope.find(&v.name) {
                    Some(found) => found.slot,
                    None => scope.slot(),
                },
                None => scope.slot(),
            };
            let kinds = self.node_kinds(&node.labels)?;
            let mut properties = self.properties(
                &node.properties,
                &catalog::entity_properties(),
                "entities",
                scope,
            )?;
            let mut names = Vec::new();
            for (key, value) in std::mem::take(&mut properties) {
                let key = match key.as_str() {
                    "id" => NameKey::Id,
                    "name" => NameKey::Name,
                    _ => {
                        properties.push((key, value));
                        continue;
                    }
                };
                names.push(match value {
                    CExpr::Const(v) => NameFilter::Nodes(names_of(self.graph, key, &v)),
                    value => NameFilter::Computed(key, value),
                });
            }
            nodes.push(CNode {
                slot,
                bound: false,
                kinds,
                properties,
                names,
                text: self.source.slice(&node.span).to_string(),
            });
        }
        let mut rels = Vec::new();
        for (rel, _) in &pattern.steps {
            let slot = match &rel.variable {
                Some(v) => match scope.find(&v.name) {
                    Some(found) => found.slot,
                    None => scope.slot(),
                },
                None => scope.slot(),
            };
            let kinds = self.rel_kinds(rel)?.map_or(u32::MAX, |kinds| {
                kinds.iter().fold(0, |mask, k| mask | 1 << k.index())
            });
            let properties = self.properties(
                &rel.properties,
                &catalog::relation_properties(),
                "relations",
                scope,
            )?;
            rels.push(CRel {
                slot,
                bound: scope.is_bound(slot),
                kinds,
                properties,
                direction: rel.direction,
                length: rel.length,
            });
            if let Some(length) = rel.length
                && length.max.is_some_and(|max| max < length.min)
            {
                return Err(self.error(
                    &rel.span,
                    QueryProblem::Type,
                    format!(
                        "a hop of at least {} and at most {} relationships matches nothing",
                        length.min,
                        length.max.unwrap_or_default()
                    ),
                    Some("write the smaller bound first: *1..3".into()),
                ));
            }
        }
        // The order hops run: rightwards from the start, then leftwards.
        let mut hops = Vec::new();
        if pattern.shortest.is_none() {
            for i in start..pattern.steps.len() {
                hops.push(Hop {
                    rel: i,
                    from: i,
                    to: i + 1,
                    forward: true,
                });
            }
            for i in (0..start).rev() {
                hops.push(Hop {
                    rel: i,
                    from: i + 1,
                    to: i,
                    forward: false,
                });
            }
        } else {
            let other = usize::from(start == 0);
            hops.push(Hop {
                rel: 0,
                from: start,
                to: other,
                forward: start == 0,
            });
        }
        // Which node occurrences are bound when reached.
        nodes[start].bound = scope.is_bound(nodes[start].slot);
        scope.bind(nodes[start].slot);
        let mut words = vec![format!(
            "  {step}. start at {} {}",
            nodes[start].text,
            self.lookup_words(&lookup, cost)
        )];
        for hop in &hops {
            let to = hop.to;
            nodes[to].bound = scope.is_bound(nodes[to].slot);
            scope.bind(nodes[to].slot);
            scope.bind(rels[hop.rel].slot);
            let rel_text = self
                .source
                .slice(&pattern.steps[hop.rel].0.span)
                .to_string();
            words.push(format!(
                "     expand {} {} {}{}",
                nodes[hop.from].text,
                if hop.forward {
                    rel_text
                } else {
                    format!("(written {rel_text}, walked backwards)")
                },
                nodes[to].text,
                if nodes[to].bound {
                    " (already bound: checked)"
                } else {
                    ""
                }
            ));
        }
        let path_slot = pattern
            .variable
            .as_ref()
            .and_then(|v| scope.find(&v.name))
            .map(|v| v.slot);
        if let Some(slot) = path_slot {
            scope.bind(slot);
        }
        if let Some(shortest) = pattern.shortest {
            words.push(format!(
                "     {} by breadth-first search, over relations in force",
                match shortest {
                    Shortest::One => "one shortest path",
                    Shortest::All => "every shortest path",
                }
            ));
        }
        self.explain.extend(words);
        Ok(CPattern {
            nodes,
            rels,
            start,
            lookup,
            hops,
            conditions: Vec::new(),
            path_slot,
            shortest: pattern.shortest,
        })
    }

    fn lookup_words(&self, lookup: &Lookup, cost: usize) -> String {
        match lookup {
            Lookup::Bound => "(bound by an earlier pattern or clause)".into(),
            Lookup::Nodes(key, found) => format!(
                "(looked up by {} in the name index: {})",
                key.words(),
                plural(found.len(), "entity", "entities")
            ),
            Lookup::Name { key, value } => {
                let what = key.words();
                match value {
                    CExpr::Const(v) => format!(
                        "(looked up by {what} in the name index: {})",
                        plural(names_of(self.graph, *key, v).len(), "entity", "entities")
                    ),
                    _ => format!("(looked up by {what} in the name index, for each row)"),
                }
            }
            Lookup::Kinds(kinds) => format!(
                "(every {}: {})",
                kinds
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(" or "),
                plural(cost.saturating_sub(3), "entity", "entities")
            ),
            Lookup::All => format!(
                "(every entity: {})",
                plural(cost.saturating_sub(3), "entity", "entities")
            ),
        }
    }

    /// Notes a name in a pattern that finds no entity, with look-alikes:
    /// the answer is then empty, and the user should know why.
    fn note_unknown_names(&mut self, key: NameKey, value: &Value) {
        let texts: Vec<&str> = match value {
            Value::String(s) => vec![s.as_str()],
            Value::List(items) => items
                .iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for text in texts {
            if lookup_name(self.graph, key, text).is_empty() {
                let suggestions: Vec<String> = self
                    .graph
                    .look_alikes(text, 3)
                    .into_iter()
                    .map(|n| self.graph.named(n).to_string())
                    .collect();
                let what = if key == NameKey::Id { "id" } else { "name" };
                self.notes.push(match suggestions.as_slice() {
                    [] => format!("no entity has the {what} `{text}`"),
                    found => format!(
                        "no entity has the {what} `{text}`: did you mean {}?",
                        found.join(", ")
                    ),
                });
            }
        }
    }

    // ----- projections -----

    #[expect(
        clippy::too_many_lines,
        reason = "one pass over a projection: items, aggregates, order, skip, limit, condition"
    )]
    fn plan_projection(
        &mut self,
        p: &Projection,
        scope: &Scope,
        is_return: bool,
    ) -> Result<(CProjection, Scope), Error> {
        let mut items: Vec<(String, CExpr)> = Vec::new();
        let mut aggregates = Vec::new();
        let mut next = Scope::default();
        let mut names: Vec<(String, VarType)> = Vec::new();
        if p.star {
            for v in scope.vars.iter().filter(|v| v.bound || !is_return) {
                if names.iter().any(|(n, _)| *n == v.name) {
                    continue;
                }
                items.push((v.name.clone(), CExpr::Slot(v.slot)));
                names.push((v.name.clone(), v.ty));
            }
            if items.is_empty() {
                return Err(self.error(
                    &p.span,
                    QueryProblem::Unknown,
                    "`*` projects every variable, and none is bound here".into(),
                    None,
                ));
            }
        }
        for item in &p.items {
            let mut aggs = Aggregates {
                specs: &mut aggregates,
                inside: false,
            };
            let expr = self.expr(&item.expr, scope, Some(&mut aggs))?;
            if !is_return
                && item.alias.is_none()
                && !matches!(item.expr.kind, ExprKind::Variable(_))
            {
                return Err(self.error(
                    &item.expr.span,
                    QueryProblem::Syntax,
                    format!(
                        "an expression in WITH needs a name: `{} AS name`",
                        item.name
                    ),
                    None,
                ));
            }
            let ty = match (&item.expr.kind, &expr) {
                (ExprKind::Variable(n), _) => scope.find(n).map_or(VarType::Any, |v| v.ty),
                _ => VarType::Any,
            };
            if let Some((name, _)) = items.iter().find(|(n, _)| *n == item.name) {
                return Err(self.error(
                    &item.expr.span,
                    QueryProblem::Syntax,
                    format!("two columns are called `{name}`"),
                    Some("name one of them with AS".into()),
                ));
            }
            items.push((item.name.clone(), expr));
            names.push((item_var_name(item), ty));
        }
        for (name, ty) in &names {
            let slot = next.declare(name, *ty);
            next.bind(slot);
        }
        let grouping = !aggregates.is_empty();
        let sorts_items = grouping || p.distinct;
        // ORDER BY reads the items by name (or by the same text), and,
        // unless rows were grouped or made distinct, the variables before.
        let mut order_scope = if sorts_items {
            Scope::default()
        } else {
            scope.clone()
        };
        let base = order_scope.width;
        for (i, (name, ty)) in names.iter().enumerate() {
            order_scope.vars.push(Var {
                name: name.clone(),
                slot: base + i,
                ty: *ty,
                bound: true,
            });
        }
        order_scope.width = base + names.len();
        let mut order = Vec::new();
        for sort in &p.order {
            let text = self.source.slice(&sort.expr.span);
            let expr = if let Some(i) = p
                .items
                .iter()
                .position(|it| it.name == text || self.source.slice(&it.expr.span) == text)
            {
                CExpr::Slot(base + star_offset(p, &names) + i)
            } else {
                self.expr(&sort.expr, &order_scope, None)?
            };
            order.push((expr, sort.descending));
        }
        let count = |e: &Option<Expr>, what: &str| -> Result<Option<usize>, Error> {
            let Some(e) = e else { return Ok(None) };
            match self.constant(e)? {
                Value::Integer(n) if n >= 0 => Ok(Some(n as usize)),
                other => Err(self.error(
                    &e.span,
                    QueryProblem::Type,
                    format!(
                        "{what} takes a whole number of rows, not {}",
                        other.type_name()
                    ),
                    None,
                )),
            }
        };
        let skip = count(&p.skip, "SKIP")?.unwrap_or(0);
        let limit = count(&p.limit, "LIMIT")?;
        let condition = p
            .condition
            .as_ref()
            .map(|c| self.expr(c, &next, None))
            .transpose()?;
        Ok((
            CProjection {
                distinct: p.distinct,
                items,
                aggregates,
                order,
                skip,
                limit,
                condition,
            },
            next,
        ))
    }

    // ----- expressions -----

    fn constant(&self, expr: &Expr) -> Result<Value, Error> {
        match &expr.kind {
            ExprKind::Literal(l) => Ok(literal(l)),
            ExprKind::Parameter(name) => self.parameter(name, &expr.span),
            ExprKind::Unary(UnaryOp::Negate, inner) => match self.constant(inner)? {
                Value::Integer(n) => Ok(Value::Integer(n.saturating_neg())),
                Value::Float(f) => Ok(Value::Float(-f)),
                other => Ok(other),
            },
            _ => Err(self.error(
                &expr.span,
                QueryProblem::Type,
                "a constant is needed here: a number, a string or a $parameter".into(),
                None,
            )),
        }
    }

    fn constant_date(&self, expr: &Expr) -> Result<jiff::civil::Date, Error> {
        let value = match &expr.kind {
            ExprKind::Call { name, args, .. }
                if name.name.eq_ignore_ascii_case("date") && args.len() == 1 =>
            {
                self.constant(&args[0])?
            }
            _ => self.constant(expr)?,
        };
        let wrong = |what: String| {
            self.error(
                &expr.span,
                QueryProblem::Type,
                what,
                Some("write AS OF date('2024-07-04') (or a year, or a month)".into()),
            )
        };
        match value {
            Value::String(text) => text
                .parse::<crate::date::PartialDate>()
                .map(|d| d.first_day())
                .map_err(|e| wrong(e.to_string())),
            Value::Date(d) => Ok(d.first_day()),
            other => Err(wrong(format!(
                "AS OF takes a date, not {}",
                other.type_name()
            ))),
        }
    }

    fn parameter(&self, name: &str, span: &Span) -> Result<Value, Error> {
        self.params.get(name).cloned().ok_or_else(|| {
            let given: Vec<&str> = self.params.keys().map(String::as_str).collect();
            self.error(
                span,
                QueryProblem::Unknown,
                format!("no parameter `${name}` was given"),
                Some(match catalog::closest(name, given.iter().copied()) {
                    Some(best) => {
                        format!("did you mean `${best}`? or give it: --param {name}=VALUE")
                    }
                    None => format!("give it on the command line: --param {name}=VALUE"),
                }),
            )
        })
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one arm per kind of expression, each short"
    )]
    fn expr(
        &mut self,
        expr: &Expr,
        scope: &Scope,
        mut aggs: Option<&mut Aggregates<'_>>,
    ) -> Result<CExpr, Error> {
        let span = expr.span.clone();
        Ok(match &expr.kind {
            ExprKind::Literal(l) => CExpr::Const(literal(l)),
            ExprKind::Parameter(name) => CExpr::Const(self.parameter(name, &span)?),
            ExprKind::Variable(name) => {
                let Some(v) = scope.find(name) else {
                    let known: Vec<&str> = scope.vars.iter().map(|v| v.name.as_str()).collect();
                    return Err(self.error(
                        &span,
                        QueryProblem::Unknown,
                        format!("no variable `{name}` is bound here"),
                        Some(match catalog::closest(name, known.iter().copied()) {
                            Some(best) => format!("did you mean `{best}`?"),
                            None if known.is_empty() => "bind it in a MATCH pattern first".into(),
                            None => format!("the variables here are: {}", known.join(", ")),
                        }),
                    ));
                };
                CExpr::Slot(v.slot)
            }
            ExprKind::Property(base, key) => {
                if let ExprKind::Variable(name) = &base.kind
                    && let Some(v) = scope.find(name)
                {
                    match v.ty {
                        VarType::Node => {
                            self.check_property(key, catalog::entity_properties(), "entities")?;
                        }
                        VarType::Relationship => {
                            self.check_property(key, catalog::relation_properties(), "relations")?;
                        }
                        VarType::Relationships | VarType::Path => {
                            return Err(self.error(
                                &key.span,
                                QueryProblem::Type,
                                format!(
                                    "`{name}` is {}, which has no properties",
                                    type_words(v.ty)
                                ),
                                Some("read a property of one of its relationships, e.g. relationships(p)[0] is not supported; use a named single hop instead".into()),
                            ));
                        }
                        VarType::Any => {}
                    }
                }
                let base = self.expr(base, scope, aggs)?;
                CExpr::Property(Box::new(base), key.name.clone(), key.span.clone())
            }
            ExprKind::List(items) => CExpr::List(
                items
                    .iter()
                    .map(|e| self.expr(e, scope, aggs.as_deref_mut()))
                    .collect::<Result<_, _>>()?,
            ),
            ExprKind::Map(entries) => CExpr::Map(
                entries
                    .iter()
                    .map(|(k, e)| Ok((k.name.clone(), self.expr(e, scope, aggs.as_deref_mut())?)))
                    .collect::<Result<_, Error>>()?,
            ),
            ExprKind::Unary(op, inner) => {
                CExpr::Unary(*op, Box::new(self.expr(inner, scope, aggs)?), span)
            }
            ExprKind::Binary(op, a, b) => {
                let a = self.expr(a, scope, aggs.as_deref_mut())?;
                let b = self.expr(b, scope, aggs)?;
                CExpr::Binary(*op, Box::new(a), Box::new(b), span)
            }
            ExprKind::IsNull { expr, negated } => {
                CExpr::IsNull(Box::new(self.expr(expr, scope, aggs)?), *negated)
            }
            ExprKind::CountStar => {
                let Some(aggs) = aggs.filter(|a| !a.inside) else {
                    return Err(self.misplaced_aggregate(&span, "count(*)"));
                };
                aggs.specs.push(AggSpec {
                    func: AggFunc::Count,
                    distinct: false,
                    arg: None,
                });
                CExpr::Aggregate(aggs.specs.len() - 1)
            }
            ExprKind::Call {
                name,
                distinct,
                args,
            } => {
                let lower = name.name.to_lowercase();
                if let Some((_, func)) = AGGREGATES.iter().find(|(n, _)| *n == lower) {
                    let Some(aggs) = aggs.filter(|a| !a.inside) else {
                        return Err(self.misplaced_aggregate(&span, &name.name));
                    };
                    if args.len() != 1 {
                        return Err(self.error(
                            &span,
                            QueryProblem::Type,
                            format!("{}() takes one argument", name.name),
                            None,
                        ));
                    }
                    aggs.inside = true;
                    let arg = self.expr(&args[0], scope, Some(aggs));
                    aggs.inside = false;
                    let arg = arg?;
                    aggs.specs.push(AggSpec {
                        func: *func,
                        distinct: *distinct,
                        arg: Some(arg),
                    });
                    return Ok(CExpr::Aggregate(aggs.specs.len() - 1));
                }
                if lower == "shortestpath" || lower == "allshortestpaths" {
                    return Err(self.error(
                        &span,
                        QueryProblem::Unsupported,
                        format!(
                            "not supported: {} as a value; it is a pattern of MATCH",
                            name.name
                        ),
                        Some(format!(
                            "write MATCH p = {}((a)-[*]-(b)) RETURN p",
                            name.name
                        )),
                    ));
                }
                let Some((_, func, arity)) = FUNCTIONS.iter().find(|(n, _, _)| *n == lower) else {
                    let known = FUNCTIONS
                        .iter()
                        .map(|(n, _, _)| *n)
                        .chain(AGGREGATES.iter().map(|(n, _)| *n));
                    return Err(self.error(
                        &name.span,
                        QueryProblem::Unknown,
                        format!("no function is called `{}`", name.name),
                        Some(catalog::unknown_help(
                            "the functions are",
                            &name.name,
                            known,
                        )),
                    ));
                };
                let ok = match arity {
                    Some(n) => args.len() == *n,
                    None if *func == Func::Date => args.len() <= 1,
                    None => !args.is_empty(),
                };
                if !ok || *distinct {
                    return Err(self.error(
                        &span,
                        QueryProblem::Type,
                        format!(
                            "{}() takes {}",
                            name.name,
                            match arity {
                                Some(1) => "one argument".to_string(),
                                Some(n) => format!("{n} arguments"),
                                None if *func == Func::Date =>
                                    "a date as text, or nothing for the day asked about".into(),
                                None => "one or more arguments".into(),
                            }
                        ),
                        None,
                    ));
                }
                let compiled = args
                    .iter()
                    .map(|e| self.expr(e, scope, aggs.as_deref_mut()))
                    .collect::<Result<Vec<_>, _>>()?;
                // A date written as text is checked now, not on every row.
                if *func == Func::Date
                    && let [CExpr::Const(Value::String(text))] = compiled.as_slice()
                {
                    let date = text
                        .parse::<crate::date::PartialDate>()
                        .map_err(|e| self.error(&span, QueryProblem::Type, e.to_string(), None))?;
                    return Ok(CExpr::Const(Value::Date(date)));
                }
                CExpr::Call(*func, compiled, span)
            }
            ExprKind::Exists(pattern) => {
                if pattern.steps.is_empty() {
                    return Err(self.error(
                        &span,
                        QueryProblem::Syntax,
                        "a pattern used as a condition needs at least one relationship".into(),
                        Some("e.g. WHERE (a)-[:sanctions]->(b)".into()),
                    ));
                }
                // Its own variables are local: a copy of the scope.
                let mut local = scope.clone();
                for v in &mut local.vars {
                    v.bound = true;
                }
                let m = Match {
                    optional: false,
                    patterns: vec![(**pattern).clone()],
                    condition: None,
                    span: pattern.span.clone(),
                };
                let explain = self.explain.len();
                let planned = self.plan_match(&m, &mut local)?;
                // A predicate's plan is not a step of the query's.
                self.explain.truncate(explain);
                CExpr::Exists(Box::new(CMatch {
                    binds: Vec::new(),
                    ..planned
                }))
            }
        })
    }

    fn misplaced_aggregate(&self, span: &Span, name: &str) -> Error {
        self.error(
            span,
            QueryProblem::Syntax,
            format!("{name} aggregates rows, so it belongs in RETURN or WITH, and not inside another aggregate"),
            Some("count in a WITH, then filter: WITH a, count(*) AS n WHERE n > 1".into()),
        )
    }
}

/// Places each condition (with the slots it reads) where its slots are
/// first all bound, replaying the order the patterns bind them: before
/// the patterns (it reads only what earlier clauses bound, or nothing),
/// at a pattern's start, or after one of its hops. Returns the conditions
/// tested before the patterns, and where each condition is tested, in
/// words for `--explain`.
fn place_conditions(
    planned: &mut [CPattern],
    conditions: Vec<(Vec<usize>, CExpr)>,
    mut bound: Vec<usize>,
) -> (Vec<CExpr>, Vec<String>) {
    let mut tested_at = vec![String::from("before the patterns are walked"); conditions.len()];
    let mut pending: Vec<Option<(Vec<usize>, CExpr)>> = conditions.into_iter().map(Some).collect();
    let ready =
        |bound: &[usize], pending: &mut [Option<(Vec<usize>, CExpr)>]| -> Vec<(usize, CExpr)> {
            pending
                .iter_mut()
                .enumerate()
                .filter(|(_, c)| {
                    c.as_ref()
                        .is_some_and(|(reads, _)| reads.iter().all(|s| bound.contains(s)))
                })
                .filter_map(|(k, c)| c.take().map(|(_, expr)| (k, expr)))
                .collect()
        };
    let before: Vec<CExpr> = ready(&bound, &mut pending)
        .into_iter()
        .map(|(_, e)| e)
        .collect();
    for (step, cp) in planned.iter_mut().enumerate() {
        let mut stages: Vec<Vec<usize>> = vec![vec![cp.nodes[cp.start].slot]];
        for hop in &cp.hops {
            stages.push(vec![cp.rels[hop.rel].slot, cp.nodes[hop.to].slot]);
        }
        if let (Some(path), Some(last)) = (cp.path_slot, stages.last_mut()) {
            last.push(path);
        }
        cp.conditions = vec![Vec::new(); stages.len()];
        for (stage, slots) in stages.iter().enumerate() {
            bound.extend(slots);
            for (k, expr) in ready(&bound, &mut pending) {
                cp.conditions[stage].push(expr);
                tested_at[k] = match stage {
                    0 => format!("at step {}'s start, {}", step + 1, cp.nodes[cp.start].text),
                    h => format!(
                        "in step {} once {} is reached",
                        step + 1,
                        cp.nodes[cp.hops[h - 1].to].text
                    ),
                };
            }
        }
    }
    // Nothing is left: a condition reads only slots its clause binds.
    let mut before = before;
    before.extend(pending.into_iter().flatten().map(|(_, e)| e));
    (before, tested_at)
}

/// What `WITH` names an item in the next part: its alias, else the
/// variable it is.
fn item_var_name(item: &Item) -> String {
    match (&item.alias, &item.expr.kind) {
        (Some(alias), _) => alias.name.clone(),
        (None, ExprKind::Variable(name)) => name.clone(),
        (None, _) => item.name.clone(),
    }
}

/// The number of columns `*` adds before the listed items.
fn star_offset(p: &Projection, names: &[(String, VarType)]) -> usize {
    if p.star {
        names.len() - p.items.len()
    } else {
        0
    }
}

fn literal(l: &Literal) -> Value {
    match l {
        Literal::Null => Value::Null,
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Integer(i) => Value::Integer(*i),
        Literal::Float(f) => Value::Float(*f),
        Literal::String(s) => Value::String(s.clone()),
    }
}

fn type_words(ty: VarType) -> &'static str {
    match ty {
        VarType::Node => "a node",
        VarType::Relationship => "a relationship",
        VarType::Relationships => "a list of relationships",
        VarType::Path => "a path",
        VarType::Any => "a value",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The `AND`-ed parts of a condition.
fn conjuncts(expr: &Expr) -> Vec<&Expr> {
    match &expr.kind {
        ExprKind::Binary(BinaryOp::And, a, b) => {
            let mut parts = conjuncts(a);
            parts.extend(conjuncts(b));
            parts
        }
        _ => vec![expr],
    }
}

/// Whether `expr` reads only constants and variables bound before the
/// clause (so it can be computed before the pattern is walked).
fn reads_only_bound(expr: &Expr, scope: &Scope) -> bool {
    match &expr.kind {
        ExprKind::Literal(_) | ExprKind::Parameter(_) => true,
        ExprKind::Variable(name) => scope.find(name).is_some_and(|v| v.bound),
        ExprKind::Property(base, _) => reads_only_bound(base, scope),
        ExprKind::List(items) => items.iter().all(|e| reads_only_bound(e, scope)),
        ExprKind::Call { args, name, .. } => {
            !AGGREGATES
                .iter()
                .any(|(n, _)| name.name.eq_ignore_ascii_case(n))
                && args.iter().all(|e| reads_only_bound(e, scope))
        }
        _ => false,
    }
}

/// The slots an expression reads (a pattern predicate: the outer slots
/// its pattern names).
fn slots_read(expr: &CExpr) -> Vec<usize> {
    let mut out = Vec::new();
    collect_slots(expr, &mut out);
    out
}

fn collect_slots(expr: &CExpr, out: &mut Vec<usize>) {
    match expr {
        CExpr::Const(_) | CExpr::Aggregate(_) => {}
        CExpr::Slot(s) => out.push(*s),
        CExpr::Property(base, _, _) | CExpr::Unary(_, base, _) | CExpr::IsNull(base, _) => {
            collect_slots(base, out);
        }
        CExpr::List(items) | CExpr::Call(_, items, _) => {
            for e in items {
                collect_slots(e, out);
            }
        }
        CExpr::Map(entries) => entries.iter().for_each(|(_, e)| collect_slots(e, out)),
        CExpr::Binary(_, a, b, _) => {
            collect_slots(a, out);
            collect_slots(b, out);
        }
        CExpr::Exists(m) => {
            for p in &m.patterns {
                for n in &p.nodes {
                    if n.bound {
                        out.push(n.slot);
                    }
                    n.properties.iter().for_each(|(_, e)| collect_slots(e, out));
                    for f in &n.names {
                        if let NameFilter::Computed(_, e) = f {
                            collect_slots(e, out);
                        }
                    }
                }
                for r in &p.rels {
                    if r.bound {
                        out.push(r.slot);
                    }
                    r.properties.iter().for_each(|(_, e)| collect_slots(e, out));
                }
                if let Lookup::Name { value, .. } = &p.lookup {
                    collect_slots(value, out);
                }
                p.conditions
                    .iter()
                    .flatten()
                    .for_each(|e| collect_slots(e, out));
            }
            m.before.iter().for_each(|e| collect_slots(e, out));
        }
    }
}

/// The entities an `id` or `name` value finds ([`lookup_name`]): a
/// string's, or those of each string of a list (`WHERE c.name IN […]`);
/// none for anything else.
pub fn names_of(
    graph: &DiploGraph,
    key: NameKey,
    value: &Value,
) -> Vec<petgraph::graph::NodeIndex> {
    match value {
        Value::String(s) => lookup_name(graph, key, s),
        Value::List(items) => items
            .iter()
            .flat_map(|v| match v {
                Value::String(s) => lookup_name(graph, key, s),
                _ => Vec::new(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The entities an `id` or `name` finds, as the command line finds them:
/// an id in any case; a name or alias in any case, accents optional, or
/// a common abbreviation or one word of a name that only one entity has.
pub fn lookup_name(
    graph: &DiploGraph,
    key: NameKey,
    text: &str,
) -> Vec<petgraph::graph::NodeIndex> {
    match key {
        NameKey::Id => graph.node_any_case(text).into_iter().collect(),
        NameKey::Name => match graph.resolve(text) {
            Ok(node) => vec![node],
            Err(Error::AmbiguousEntity { .. }) => graph.named_all(text),
            Err(_) => Vec::new(),
        },
    }
}
