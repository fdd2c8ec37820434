//! Running a plan on a view of the graph as of a day.
//!
//! Rows stream: each `MATCH` walks depth-first from its start node,
//! binding a slot of one reused row and unbinding it on the way back, and
//! hands each complete row on; only a projection that must see every row
//! (grouping, `DISTINCT`, `ORDER BY`) holds rows, and every row it holds
//! counts toward `--max-rows`. The clock is read every few thousand steps
//! against `--timeout`.
//!
//! Valid time is built into the two places a match is made: a hop follows
//! only a relation [`View::in_force_at`] the view's day, and a node
//! matches only an entity that exists that day ([`DiploGraph::existence`]
//! and [`View::contains`]).

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::ast::{BinaryOp, Direction, Shortest, Span, UnaryOp};
use super::catalog;
use super::compile::{
    AggFunc, AggSpec, CExpr, CMatch, CNode, CPattern, CProjection, CRel, Func, Hop, Lookup,
    NameFilter, Plan, Source, names_of,
};
use super::value::{Path, Value};
use crate::error::{Error, QueryProblem};
use crate::graph::{DiploGraph, Existence, View, When};

/// How far a query may go before it is stopped.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The most rows held at once (results, and rows a projection must
    /// see together); `--max-rows`.
    pub max_rows: usize,
    /// The longest a query may run; `--timeout`.
    pub timeout: Duration,
}

impl Default for Limits {
    /// 100,000 rows and 10 seconds.
    fn default() -> Limits {
        Limits {
            max_rows: 100_000,
            timeout: Duration::from_secs(10),
        }
    }
}

/// A row: one value per slot.
type Row = Vec<Value>;

/// Where complete rows go: returns `false` to stop the walk (a `LIMIT`
/// is met, a pattern predicate has its answer).
type Sink<'s> = dyn FnMut(&mut Row) -> Result<bool, Error> + 's;

/// The state of one run.
pub struct Exec<'a, 'g> {
    graph: &'g DiploGraph,
    view: View<'g>,
    source: Source<'a>,
    limits: Limits,
    deadline: Instant,
    ticks: Cell<u32>,
    held: Cell<usize>,
}

/// Runs `plan` on `graph` as of `when`: the result rows, in order.
///
/// # Errors
/// [`Error::QueryLimit`] when a limit stops it; [`Error::Query`] for a
/// value of the wrong type met on a row (`toLower(1)`).
pub fn run(
    graph: &DiploGraph,
    when: When,
    plan: &Plan,
    source: Source<'_>,
    limits: Limits,
) -> Result<Vec<Row>, Error> {
    let exec = Exec {
        graph,
        view: graph.at(when),
        source,
        limits,
        deadline: Instant::now() + limits.timeout,
        ticks: Cell::new(0),
        held: Cell::new(0),
    };
    let mut rows: Vec<Row> = vec![Vec::new()];
    for part in &plan.parts {
        exec.held.set(0);
        let mut projector = Projector::new(&exec, &part.projection, part.width);
        for input in &rows {
            let mut row = input.clone();
            row.resize(part.width, Value::Null);
            let more = exec.matches(&part.matches, 0, &mut row, &mut |row| projector.push(row))?;
            if !more {
                break;
            }
        }
        rows = projector.finish()?;
    }
    Ok(rows)
}

impl Exec<'_, '_> {
    fn error(&self, span: &Span, message: String) -> Error {
        self.source.error(span, QueryProblem::Type, message, None)
    }

    /// Counts a step; every 4,096 reads the clock.
    #[inline]
    fn tick(&self) -> Result<(), Error> {
        let t = self.ticks.get().wrapping_add(1);
        self.ticks.set(t);
        if t.is_multiple_of(4096) && Instant::now() > self.deadline {
            return Err(Error::QueryLimit {
                limit: format!("--timeout {}s", self.limits.timeout.as_secs_f64()),
                option: "--timeout",
                why: format!(
                    "it was still matching after {:.1} s",
                    self.limits.timeout.as_secs_f64()
                ),
            });
        }
        Ok(())
    }

    /// Counts a row held; past `--max-rows`, stops.
    fn hold(&self) -> Result<(), Error> {
        let n = self.held.get() + 1;
        self.held.set(n);
        if n > self.limits.max_rows {
            return Err(Error::QueryLimit {
                limit: format!("--max-rows {}", self.limits.max_rows),
                option: "--max-rows",
                why: format!("more than {} rows were held at once", self.limits.max_rows),
            });
        }
        Ok(())
    }

    /// Whether `node` exists on the view's day: a state within its
    /// statehood, an organization between its founding and dissolution.
    #[inline]
    fn exists(&self, node: NodeIndex) -> bool {
        self.view.contains(node)
            && self.graph.existence(node, self.view.when()) == Existence::Exists
    }

    // ----- MATCH -----

    /// Runs `matches[k..]` on `row`, then hands it on.
    fn matches(
        &self,
        matches: &[CMatch],
        k: usize,
        row: &mut Row,
        sink: &mut Sink<'_>,
    ) -> Result<bool, Error> {
        let Some(m) = matches.get(k) else {
            return sink(row);
        };
        if !m.optional {
            return self.one_match(m, row, &mut |row| self.matches(matches, k + 1, row, sink));
        }
        let mut found = false;
        let more = self.one_match(m, row, &mut |row| {
            found = true;
            self.matches(matches, k + 1, row, sink)
        })?;
        if found || !more {
            return Ok(more);
        }
        for &slot in &m.binds {
            row[slot] = Value::Null;
        }
        self.matches(matches, k + 1, row, sink)
    }

    /// Every way one `MATCH` matches `row`.
    fn one_match(&self, m: &CMatch, row: &mut Row, sink: &mut Sink<'_>) -> Result<bool, Error> {
        if row.len() < m.width {
            row.resize(m.width, Value::Null);
        }
        for condition in &m.before {
            if !self.truth(condition, row)? {
                return Ok(true);
            }
        }
        let mut used = Vec::new();
        self.patterns(m, 0, row, &mut used, sink)
    }

    fn patterns(
        &self,
        m: &CMatch,
        i: usize,
        row: &mut Row,
        used: &mut Vec<EdgeIndex>,
        sink: &mut Sink<'_>,
    ) -> Result<bool, Error> {
        let Some(p) = m.patterns.get(i) else {
            return sink(row);
        };
        let start = &p.nodes[p.start];
        let candidates = self.candidates(p, row)?;
        for node in candidates {
            self.tick()?;
            if !self.node_matches(start, node, row)? {
                continue;
            }
            let before = std::mem::replace(&mut row[start.slot], Value::Node(node));
            let more = if self.all_true(&p.conditions[0], row)? {
                if p.shortest.is_some() {
                    self.shortest(m, i, p, node, row, used, sink)?
                } else {
                    self.hops(m, i, 0, row, used, sink)?
                }
            } else {
                true
            };
            row[start.slot] = before;
            if !more {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The start node's candidates.
    fn candidates(&self, p: &CPattern, row: &Row) -> Result<Vec<NodeIndex>, Error> {
        let start = &p.nodes[p.start];
        Ok(match &p.lookup {
            Lookup::Bound => match &row[start.slot] {
                Value::Node(n) => vec![*n],
                _ => Vec::new(),
            },
            Lookup::Nodes(_, found) => found.clone(),
            Lookup::Name { key, value } => {
                names_of(self.graph, *key, &self.eval(value, row, None)?)
            }
            Lookup::Kinds(kinds) => self
                .graph
                .nodes()
                .filter(|n| kinds.contains(&self.graph.entity_kind(*n)))
                .collect(),
            Lookup::All => self.graph.nodes().collect(),
        })
    }

    /// Whether `node` can be `pattern`'s node: it exists on the day, is of
    /// a kind the labels allow, has the properties asked, and is the node
    /// already bound to the variable, if any.
    fn node_matches(&self, pattern: &CNode, node: NodeIndex, row: &Row) -> Result<bool, Error> {
        if pattern.bound {
            return Ok(matches!(row[pattern.slot], Value::Node(n) if n == node));
        }
        if !self.exists(node) {
            return Ok(false);
        }
        if let Some(kinds) = &pattern.kinds
            && !kinds.contains(&self.graph.entity_kind(node))
        {
            return Ok(false);
        }
        for filter in &pattern.names {
            let found = match filter {
                NameFilter::Nodes(found) => found.contains(&node),
                NameFilter::Computed(key, value) => {
                    names_of(self.graph, *key, &self.eval(value, row, None)?).contains(&node)
                }
            };
            if !found {
                return Ok(false);
            }
        }
        for (key, value) in &pattern.properties {
            let want = self.eval(value, row, None)?;
            if catalog::entity_property(self.graph, node, key).equals(&want) != Some(true) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Whether relation `edge` can be `pattern`'s (its kind and
    /// properties; in force is checked by the walk).
    fn rel_matches(&self, pattern: &CRel, edge: EdgeIndex, row: &Row) -> Result<bool, Error> {
        for (key, value) in &pattern.properties {
            let want = self.eval(value, row, None)?;
            if catalog::relation_property(self.graph, edge, key).equals(&want) != Some(true) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The relations in force at `node` of the kinds in `kinds` (a bit
    /// per kind code) that a hop going `direction` (as seen from `node`)
    /// may follow, with the other end. A symmetric kind matches either
    /// way. The kinds are tested first, a byte each read in sequence
    /// ([`DiploGraph::typed_ties`]), so a typed hop from a hub touches the
    /// records of the relations it wants only.
    fn steps(
        &self,
        node: NodeIndex,
        direction: Direction,
        kinds: u32,
    ) -> impl Iterator<Item = (EdgeIndex, NodeIndex)> + '_ {
        let ties = self.graph.typed_ties(node.index());
        let view = self.view;
        let symmetric = symmetric_kinds();
        let out_kinds = if direction == Direction::Incoming {
            kinds & symmetric
        } else {
            kinds
        };
        let in_kinds = if direction == Direction::Outgoing {
            kinds & symmetric
        } else {
            kinds
        };
        let wanted = |mask: u32| move |(_, k): &(&[u32; 2], &u8)| mask & (1 << **k) != 0;
        ties.outgoing
            .iter()
            .zip(ties.out_kinds)
            .filter(wanted(out_kinds))
            .chain(
                ties.incoming
                    .iter()
                    .zip(ties.in_kinds)
                    .filter(wanted(in_kinds)),
            )
            .map(|(pair, _)| pair)
            .filter(move |[e, _]| view.in_force_at(*e as usize))
            .map(|&[e, o]| (EdgeIndex::new(e as usize), NodeIndex::new(o as usize)))
    }

    fn hops(
        &self,
        m: &CMatch,
        i: usize,
        h: usize,
        row: &mut Row,
        used: &mut Vec<EdgeIndex>,
        sink: &mut Sink<'_>,
    ) -> Result<bool, Error> {
        let p = &m.patterns[i];
        let Some(hop) = p.hops.get(h) else {
            if let Some(slot) = p.path_slot {
                let path = build_path(self.graph, p, row);
                let before = std::mem::replace(&mut row[slot], Value::Path(path));
                let more = if self.all_true(&p.conditions[h], row)? {
                    self.patterns(m, i + 1, row, used, sink)?
                } else {
                    true
                };
                row[slot] = before;
                return Ok(more);
            }
            return self.patterns(m, i + 1, row, used, sink);
        };
        let rel = &p.rels[hop.rel];
        let Value::Node(from) = row[p.nodes[hop.from].slot] else {
            return Ok(true);
        };
        let direction = seen_from(rel.direction, hop.forward);
        match rel.length {
            None => {
                for (edge, other) in self.steps(from, direction, rel.kinds) {
                    self.tick()?;
                    if used.contains(&edge)
                        || (rel.bound
                            && !matches!(row[rel.slot], Value::Relationship(r) if r == edge))
                        || !self.rel_matches(rel, edge, row)?
                        || !self.node_matches(&p.nodes[hop.to], other, row)?
                    {
                        continue;
                    }
                    let more = self.bind_hop(
                        m,
                        i,
                        h,
                        hop,
                        Value::Relationship(edge),
                        other,
                        row,
                        used,
                        sink,
                    )?;
                    used.pop();
                    if !more {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Some(length) => {
                let mut walked = Vec::new();
                self.walk(
                    m,
                    i,
                    h,
                    hop,
                    from,
                    length.min,
                    length.max,
                    &mut walked,
                    row,
                    used,
                    sink,
                )
            }
        }
    }

    /// Binds hop `h`'s relationship value and its far node, tests the
    /// conditions that become ready, and goes on to the next hop. A single
    /// relation is pushed on `used` here and popped by the caller (a
    /// variable-length hop's were pushed by its walk).
    #[expect(
        clippy::too_many_arguments,
        reason = "the walk's state, passed down the recursion"
    )]
    fn bind_hop(
        &self,
        m: &CMatch,
        i: usize,
        h: usize,
        hop: &Hop,
        rel_value: Value,
        other: NodeIndex,
        row: &mut Row,
        used: &mut Vec<EdgeIndex>,
        sink: &mut Sink<'_>,
    ) -> Result<bool, Error> {
        let p = &m.patterns[i];
        let rel = &p.rels[hop.rel];
        if let Value::Relationship(e) = rel_value {
            used.push(e);
        }
        let to = &p.nodes[hop.to];
        let before_rel = if rel.bound {
            None
        } else {
            Some(std::mem::replace(&mut row[rel.slot], rel_value))
        };
        let before_node =
            (!to.bound).then(|| std::mem::replace(&mut row[to.slot], Value::Node(other)));
        let more = if self.all_true(&p.conditions[h + 1], row)? {
            self.hops(m, i, h + 1, row, used, sink)?
        } else {
            true
        };
        if let Some(before) = before_node {
            row[to.slot] = before;
        }
        if let Some(before) = before_rel {
            row[rel.slot] = before;
        }
        Ok(more)
    }

    /// A variable-length hop: every walk of `min..=max` relations from
    /// `at` (each relation once in the whole match, every node on the way
    /// existing on the day) whose end is the hop's far node.
    #[expect(
        clippy::too_many_arguments,
        reason = "the walk's state, passed down the recursion"
    )]
    fn walk(
        &self,
        m: &CMatch,
        i: usize,
        h: usize,
        hop: &Hop,
        at: NodeIndex,
        min: u32,
        max: Option<u32>,
        walked: &mut Vec<EdgeIndex>,
        row: &mut Row,
        used: &mut Vec<EdgeIndex>,
        sink: &mut Sink<'_>,
    ) -> Result<bool, Error> {
        let p = &m.patterns[i];
        let rel = &p.rels[hop.rel];
        let depth = walked.len() as u32;
        if depth >= min && self.node_matches(&p.nodes[hop.to], at, row)? {
            // Walked backwards, the relations are listed as written.
            let mut list: Vec<Value> = walked.iter().map(|e| Value::Relationship(*e)).collect();
            if !hop.forward {
                list.reverse();
            }
            let more = self.bind_hop(m, i, h, hop, Value::List(list), at, row, used, sink)?;
            if !more {
                return Ok(false);
            }
        }
        if max.is_some_and(|max| depth >= max) {
            return Ok(true);
        }
        let direction = seen_from(rel.direction, hop.forward);
        for (edge, other) in self.steps(at, direction, rel.kinds) {
            self.tick()?;
            if used.contains(&edge) || !self.rel_matches(rel, edge, row)? || !self.exists(other) {
                continue;
            }
            used.push(edge);
            walked.push(edge);
            let more = self.walk(m, i, h, hop, other, min, max, walked, row, used, sink);
            walked.pop();
            used.pop();
            if !more? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `shortestPath` / `allShortestPaths` from `start`: a breadth-first
    /// search over the relations in force that the hop allows, then, for
    /// each end the far node pattern accepts, its shortest path (or every
    /// one), bound and handed on. O(V + E) for the search.
    #[expect(
        clippy::too_many_arguments,
        reason = "the walk's state, passed down the recursion"
    )]
    fn shortest(
        &self,
        m: &CMatch,
        i: usize,
        p: &CPattern,
        start: NodeIndex,
        row: &mut Row,
        used: &mut Vec<EdgeIndex>,
        sink: &mut Sink<'_>,
    ) -> Result<bool, Error> {
        let hop = p.hops[0];
        let rel = &p.rels[hop.rel];
        let end = &p.nodes[hop.to];
        let length = rel.length.unwrap_or(super::ast::Length {
            min: 1,
            max: Some(1),
        });
        let direction = seen_from(rel.direction, hop.forward);
        let all = p.shortest == Some(Shortest::All);
        // parents[v]: the (relation, node) pairs one step nearer the start.
        let mut depth: HashMap<NodeIndex, u32> = HashMap::from([(start, 0)]);
        let mut parents: HashMap<NodeIndex, Vec<(EdgeIndex, NodeIndex)>> = HashMap::new();
        let mut frontier = vec![start];
        let mut d = 0;
        let target = match &row[end.slot] {
            Value::Node(n) if end.bound => Some(*n),
            _ => None,
        };
        while !frontier.is_empty() && length.max.is_none_or(|max| d < max) {
            if target.is_some_and(|t| depth.contains_key(&t)) {
                break;
            }
            d += 1;
            let mut next = Vec::new();
            for &v in &frontier {
                for (edge, other) in self.steps(v, direction, rel.kinds) {
                    self.tick()?;
                    if !self.rel_matches(rel, edge, row)? || !self.exists(other) {
                        continue;
                    }
                    match depth.get(&other) {
                        None => {
                            depth.insert(other, d);
                            parents.insert(other, vec![(edge, v)]);
                            next.push(other);
                        }
                        Some(&od) if od == d && all => {
                            parents.entry(other).or_default().push((edge, v));
                        }
                        Some(_) => {}
                    }
                }
            }
            frontier = next;
        }
        let mut ends: Vec<(NodeIndex, u32)> = depth
            .iter()
            .filter(|&(n, &dn)| dn >= length.min.max(1) && target.is_none_or(|t| t == *n))
            .map(|(n, d)| (*n, *d))
            .collect();
        ends.sort_by_key(|&(n, d)| (d, n));
        for (node, _) in ends {
            if !self.node_matches(end, node, row)? {
                continue;
            }
            let mut paths = Vec::new();
            collect_paths(
                &parents,
                start,
                node,
                all,
                &mut Vec::new(),
                &mut paths,
                self,
            )?;
            for mut edges in paths {
                self.hold()?;
                edges.reverse(); // collected from the end back.
                let mut list: Vec<Value> = edges.iter().map(|e| Value::Relationship(*e)).collect();
                if !hop.forward {
                    list.reverse();
                }
                let more =
                    self.bind_hop(m, i, 0, &hop, Value::List(list), node, row, used, sink)?;
                if !more {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    // ----- expressions -----

    fn all_true(&self, conditions: &[CExpr], row: &Row) -> Result<bool, Error> {
        for c in conditions {
            if !self.truth(c, row)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Whether a condition holds: only `true` does (null does not).
    fn truth(&self, expr: &CExpr, row: &Row) -> Result<bool, Error> {
        Ok(matches!(self.eval(expr, row, None)?, Value::Bool(true)))
    }

    /// The value of `expr` on `row` (with the group's aggregates, in a
    /// projection).
    pub fn eval(&self, expr: &CExpr, row: &Row, aggs: Option<&[Value]>) -> Result<Value, Error> {
        Ok(match expr {
            CExpr::Const(v) => v.clone(),
            CExpr::Slot(s) => row.get(*s).cloned().unwrap_or(Value::Null),
            CExpr::Aggregate(i) => aggs.and_then(|a| a.get(*i)).cloned().unwrap_or(Value::Null),
            CExpr::Property(base, key, span) => {
                let base = self.eval(base, row, aggs)?;
                self.property(&base, key, span)?
            }
            CExpr::List(items) => Value::List(
                items
                    .iter()
                    .map(|e| self.eval(e, row, aggs))
                    .collect::<Result<_, _>>()?,
            ),
            CExpr::Map(entries) => Value::Map(
                entries
                    .iter()
                    .map(|(k, e)| Ok((k.clone(), self.eval(e, row, aggs)?)))
                    .collect::<Result<_, Error>>()?,
            ),
            CExpr::Unary(op, inner, span) => {
                let v = self.eval(inner, row, aggs)?;
                match (op, v) {
                    (_, Value::Null) => Value::Null,
                    (UnaryOp::Not, Value::Bool(b)) => Value::Bool(!b),
                    (UnaryOp::Negate, Value::Integer(n)) => Value::Integer(n.wrapping_neg()),
                    (UnaryOp::Negate, Value::Float(f)) => Value::Float(-f),
                    (UnaryOp::Not, v) => {
                        return Err(
                            self.error(span, format!("NOT needs a boolean, not {}", v.type_name()))
                        );
                    }
                    (UnaryOp::Negate, v) => {
                        return Err(
                            self.error(span, format!("- needs a number, not {}", v.type_name()))
                        );
                    }
                }
            }
            CExpr::Binary(op, a, b, span) => self.binary(*op, a, b, span, row, aggs)?,
            CExpr::IsNull(inner, negated) => {
                Value::Bool(self.eval(inner, row, aggs)?.is_null() != *negated)
            }
            CExpr::Call(func, arguments, span) => {
                let values: Vec<Value> = arguments
                    .iter()
                    .map(|e| self.eval(e, row, aggs))
                    .collect::<Result<_, _>>()?;
                self.call(*func, values, span)?
            }
            CExpr::Exists(m) => {
                let mut scratch = row.clone();
                let mut found = false;
                self.one_match(m, &mut scratch, &mut |_| {
                    found = true;
                    Ok(false)
                })?;
                Value::Bool(found)
            }
        })
    }

    fn property(&self, base: &Value, key: &str, span: &Span) -> Result<Value, Error> {
        Ok(match base {
            Value::Null => Value::Null,
            Value::Node(n) => catalog::entity_property(self.graph, *n, key),
            Value::Relationship(e) => catalog::relation_property(self.graph, *e, key),
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k == key)
                .map_or(Value::Null, |(_, v)| v.clone()),
            Value::Date(d) => {
                let day = d.first_day();
                match key {
                    "year" => Value::Integer(i64::from(day.year())),
                    "month" if d.precision() >= crate::date::Precision::Month => {
                        Value::Integer(i64::from(day.month()))
                    }
                    "day" if d.precision() >= crate::date::Precision::Day => {
                        Value::Integer(i64::from(day.day()))
                    }
                    "month" | "day" => Value::Null,
                    _ => {
                        return Err(self.error(
                            span,
                            format!(
                                "a date has no `{key}`: it has {}",
                                catalog::DATE_PROPERTIES.join(", ")
                            ),
                        ));
                    }
                }
            }
            other => {
                return Err(self.error(span, format!("{} has no properties", other.type_name())));
            }
        })
    }

    fn binary(
        &self,
        op: BinaryOp,
        a: &CExpr,
        b: &CExpr,
        span: &Span,
        row: &Row,
        aggs: Option<&[Value]>,
    ) -> Result<Value, Error> {
        // Three-valued logic, short-circuited where the answer is known.
        let logic = |v: Value| -> Result<Option<bool>, Error> {
            match v {
                Value::Null => Ok(None),
                Value::Bool(b) => Ok(Some(b)),
                other => Err(self.error(
                    span,
                    format!("{op:?} needs booleans, not {}", other.type_name()),
                )),
            }
        };
        let tri = |v: Option<bool>| v.map_or(Value::Null, Value::Bool);
        match op {
            BinaryOp::And | BinaryOp::Or => {
                // The value that decides alone: false for AND, true for OR.
                let decisive = op == BinaryOp::Or;
                let x = logic(self.eval(a, row, aggs)?)?;
                if x == Some(decisive) {
                    return Ok(Value::Bool(decisive));
                }
                let y = logic(self.eval(b, row, aggs)?)?;
                return Ok(match (x, y) {
                    (_, Some(v)) if v == decisive => Value::Bool(decisive),
                    (Some(_), Some(_)) => Value::Bool(!decisive),
                    _ => Value::Null,
                });
            }
            BinaryOp::Xor => {
                let x = logic(self.eval(a, row, aggs)?)?;
                let y = logic(self.eval(b, row, aggs)?)?;
                return Ok(tri(x.zip(y).map(|(x, y)| x != y)));
            }
            _ => {}
        }
        let x = self.eval(a, row, aggs)?;
        let y = self.eval(b, row, aggs)?;
        let ordered = |f: fn(std::cmp::Ordering) -> bool| tri(x.compare(&y).map(f));
        let text = |f: fn(&str, &str) -> bool| match (&x, &y) {
            (Value::String(s), Value::String(t)) => Value::Bool(f(s, t)),
            _ => Value::Null,
        };
        Ok(match op {
            BinaryOp::Eq => tri(x.equals(&y)),
            BinaryOp::Ne => tri(x.equals(&y).map(|e| !e)),
            BinaryOp::Lt => ordered(std::cmp::Ordering::is_lt),
            BinaryOp::Le => ordered(std::cmp::Ordering::is_le),
            BinaryOp::Gt => ordered(std::cmp::Ordering::is_gt),
            BinaryOp::Ge => ordered(std::cmp::Ordering::is_ge),
            BinaryOp::StartsWith => text(|s, t| s.starts_with(t)),
            BinaryOp::EndsWith => text(|s, t| s.ends_with(t)),
            BinaryOp::Contains => text(|s, t| s.contains(t)),
            BinaryOp::In => match y {
                Value::Null => Value::Null,
                Value::List(items) => {
                    let mut unknown = false;
                    for item in &items {
                        match x.equals(item) {
                            Some(true) => return Ok(Value::Bool(true)),
                            None => unknown = true,
                            Some(false) => {}
                        }
                    }
                    if unknown {
                        Value::Null
                    } else {
                        Value::Bool(false)
                    }
                }
                other => {
                    return Err(self.error(
                        span,
                        format!("IN needs a list on its right, not {}", other.type_name()),
                    ));
                }
            },
            BinaryOp::Add => match (x, y) {
                (Value::Null, _) | (_, Value::Null) => Value::Null,
                (Value::String(s), Value::String(t)) => Value::String(s + &t),
                (Value::List(mut l), Value::List(m)) => {
                    l.extend(m);
                    Value::List(l)
                }
                (Value::List(mut l), v) => {
                    l.push(v);
                    Value::List(l)
                }
                (x, y) => self.arithmetic(op, &x, &y, span)?,
            },
            _ => self.arithmetic(op, &x, &y, span)?,
        })
    }

    fn arithmetic(&self, op: BinaryOp, x: &Value, y: &Value, span: &Span) -> Result<Value, Error> {
        Ok(match (x, y) {
            (Value::Null, _) | (_, Value::Null) => Value::Null,
            (Value::Integer(a), Value::Integer(b)) => {
                let r = match op {
                    BinaryOp::Add => a.checked_add(*b),
                    BinaryOp::Subtract => a.checked_sub(*b),
                    BinaryOp::Multiply => a.checked_mul(*b),
                    BinaryOp::Divide | BinaryOp::Modulo if *b == 0 => {
                        return Err(self.error(span, "division by zero".into()));
                    }
                    BinaryOp::Divide => a.checked_div(*b),
                    _ => a.checked_rem(*b),
                };
                Value::Integer(r.ok_or_else(|| self.error(span, "the integer overflows".into()))?)
            }
            (Value::Integer(_) | Value::Float(_), Value::Integer(_) | Value::Float(_)) => {
                let f = |v: &Value| match v {
                    Value::Integer(i) => *i as f64,
                    Value::Float(f) => *f,
                    _ => f64::NAN,
                };
                let (a, b) = (f(x), f(y));
                Value::Float(match op {
                    BinaryOp::Add => a + b,
                    BinaryOp::Subtract => a - b,
                    BinaryOp::Multiply => a * b,
                    BinaryOp::Divide => a / b,
                    _ => a % b,
                })
            }
            (x, y) => {
                return Err(self.error(
                    span,
                    format!("cannot compute {} {op:?} {}", x.type_name(), y.type_name()),
                ));
            }
        })
    }

    #[expect(clippy::too_many_lines, reason = "one arm per function")]
    fn call(&self, func: Func, args: Vec<Value>, span: &Span) -> Result<Value, Error> {
        let wrong =
            |what: &str, v: &Value| self.error(span, format!("{what}, not {}", v.type_name()));
        let mut args = args.into_iter();
        let first = args.next().unwrap_or(Value::Null);
        Ok(match func {
            Func::Coalesce => std::iter::once(first)
                .chain(args)
                .find(|v| !v.is_null())
                .unwrap_or(Value::Null),
            Func::Date => match first {
                Value::Null if matches!(self.view.when(), When::On(_)) => match self.view.when() {
                    When::On(day) => Value::Date(crate::date::PartialDate::from_day(day)),
                    _ => Value::Null,
                },
                Value::Null => Value::Null,
                Value::String(text) => Value::Date(
                    text.parse()
                        .map_err(|e: crate::date::DateError| self.error(span, e.to_string()))?,
                ),
                Value::Date(d) => Value::Date(d),
                other => return Err(wrong("date() takes a date as text", &other)),
            },
            _ if first.is_null() => Value::Null,
            Func::Length | Func::Size => match &first {
                Value::Path(p) => Value::Integer(p.relationships.len() as i64),
                Value::List(l) => Value::Integer(l.len() as i64),
                Value::String(s) => Value::Integer(s.chars().count() as i64),
                other => {
                    return Err(wrong(
                        "length() and size() take a path, a list or a string",
                        other,
                    ));
                }
            },
            Func::Nodes => match first {
                Value::Path(p) => Value::List(p.nodes.into_iter().map(Value::Node).collect()),
                other => return Err(wrong("nodes() takes a path", &other)),
            },
            Func::Relationships => match first {
                Value::Path(p) => Value::List(
                    p.relationships
                        .into_iter()
                        .map(Value::Relationship)
                        .collect(),
                ),
                Value::List(l) => Value::List(l),
                other => return Err(wrong("relationships() takes a path", &other)),
            },
            Func::Type => match first {
                Value::Relationship(e) => Value::from(self.graph.kind(e).name()),
                other => return Err(wrong("type() takes a relationship", &other)),
            },
            Func::Labels => match first {
                Value::Node(n) => Value::List(vec![Value::from(self.graph.entity_kind(n).name())]),
                other => return Err(wrong("labels() takes a node", &other)),
            },
            Func::StartNode | Func::EndNode => match first {
                Value::Relationship(e) => {
                    let (a, b) = self.graph.endpoints(e);
                    Value::Node(if func == Func::StartNode { a } else { b })
                }
                other => {
                    return Err(wrong(
                        "startNode() and endNode() take a relationship",
                        &other,
                    ));
                }
            },
            Func::ToLower | Func::ToUpper | Func::Trim => match first {
                Value::String(s) => Value::String(match func {
                    Func::ToLower => s.to_lowercase(),
                    Func::ToUpper => s.to_uppercase(),
                    _ => s.trim().to_string(),
                }),
                other => {
                    let name = match func {
                        Func::ToLower => "toLower()",
                        Func::ToUpper => "toUpper()",
                        _ => "trim()",
                    };
                    return Err(wrong(&format!("{name} takes a string"), &other));
                }
            },
            Func::ToString => Value::String(match first {
                Value::String(s) => s,
                Value::Integer(i) => i.to_string(),
                Value::Float(f) => f.to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Date(d) => d.to_string(),
                other => {
                    return Err(wrong(
                        "toString() takes a string, number, boolean or date",
                        &other,
                    ));
                }
            }),
            Func::ToInteger => match first {
                Value::Integer(i) => Value::Integer(i),
                Value::Float(f) if f.is_finite() => Value::Integer(f.trunc() as i64),
                Value::String(s) => s.trim().parse().map_or(Value::Null, Value::Integer),
                _ => Value::Null,
            },
            Func::ToFloat => match first {
                Value::Integer(i) => Value::Float(i as f64),
                Value::Float(f) => Value::Float(f),
                Value::String(s) => s.trim().parse().map_or(Value::Null, Value::Float),
                _ => Value::Null,
            },
            Func::Head | Func::Last => match first {
                Value::List(l) => {
                    let item = if func == Func::Head {
                        l.into_iter().next()
                    } else {
                        l.into_iter().last()
                    };
                    item.unwrap_or(Value::Null)
                }
                other => return Err(wrong("head() and last() take a list", &other)),
            },
            Func::Abs => match first {
                Value::Integer(i) => Value::Integer(i.saturating_abs()),
                Value::Float(f) => Value::Float(f.abs()),
                other => return Err(wrong("abs() takes a number", &other)),
            },
            Func::Exists => Value::Bool(true),
        })
    }
}

// A hop's kinds are a bit each in a `u32`.
const _: () = assert!(crate::model::RelationKind::ALL.len() <= 32);

/// The kind codes of the symmetric kinds, a bit each.
fn symmetric_kinds() -> u32 {
    crate::model::RelationKind::ALL
        .iter()
        .filter(|k| k.is_symmetric())
        .fold(0, |mask, k| mask | 1 << k.index())
}

/// The direction of a relationship pattern as walked: written left to
/// right, or backwards.
fn seen_from(direction: Direction, forward: bool) -> Direction {
    match (direction, forward) {
        (d, true) | (d @ Direction::Either, false) => d,
        (Direction::Outgoing, false) => Direction::Incoming,
        (Direction::Incoming, false) => Direction::Outgoing,
    }
}

/// The path a pattern matched, from its first written node: each hop's
/// relations followed from one end to the other.
fn build_path(graph: &DiploGraph, p: &CPattern, row: &Row) -> Path {
    let mut nodes = Vec::new();
    let mut relationships = Vec::new();
    let Value::Node(first) = row[p.nodes[0].slot] else {
        return Path {
            nodes,
            relationships,
        };
    };
    nodes.push(first);
    let mut at = first;
    for rel in &p.rels {
        let edges: Vec<EdgeIndex> = match &row[rel.slot] {
            Value::Relationship(e) => vec![*e],
            Value::List(items) => items
                .iter()
                .filter_map(|v| match v {
                    Value::Relationship(e) => Some(*e),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for e in edges {
            let (a, b) = graph.endpoints(e);
            at = if a == at { b } else { a };
            nodes.push(at);
            relationships.push(e);
        }
    }
    Path {
        nodes,
        relationships,
    }
}

/// The shortest paths to `node` (one, or all), as relations from the end
/// back to the start.
fn collect_paths(
    parents: &HashMap<NodeIndex, Vec<(EdgeIndex, NodeIndex)>>,
    start: NodeIndex,
    node: NodeIndex,
    all: bool,
    suffix: &mut Vec<EdgeIndex>,
    out: &mut Vec<Vec<EdgeIndex>>,
    exec: &Exec<'_, '_>,
) -> Result<(), Error> {
    if node == start {
        out.push(suffix.clone());
        return Ok(());
    }
    let Some(ps) = parents.get(&node) else {
        return Ok(());
    };
    for &(edge, parent) in ps {
        exec.tick()?;
        suffix.push(edge);
        collect_paths(parents, start, parent, all, suffix, out, exec)?;
        suffix.pop();
        if !all {
            break;
        }
    }
    Ok(())
}

/// A projection as rows arrive: computed and passed on at once when it
/// can be (no grouping, `DISTINCT` or `ORDER BY`), else held.
struct Projector<'e, 'a, 'g> {
    exec: &'e Exec<'a, 'g>,
    projection: &'e CProjection,
    width: usize,
    /// Output rows, with their sort keys.
    rows: Vec<(Row, Row)>,
    /// Grouped: the key's index in `groups`.
    index: HashMap<Row, usize>,
    /// Each group's key and the state of each aggregate.
    groups: Vec<(Row, Vec<AggState>)>,
    seen: HashSet<Row>,
    /// Rows skipped so far (streaming).
    skipped: usize,
}

/// One aggregate's state in one group.
#[derive(Clone, Debug)]
enum AggState {
    Count(i64),
    Collect(Vec<Value>),
    Extreme(Option<Value>),
    Sum(Value),
    Avg(f64, i64),
    /// `DISTINCT`: the values seen, each once, in order; folded into the
    /// aggregate when the group ends.
    Distinct(Vec<Value>, HashSet<Value>),
}

impl<'e, 'a, 'g> Projector<'e, 'a, 'g> {
    fn new(exec: &'e Exec<'a, 'g>, projection: &'e CProjection, width: usize) -> Self {
        Projector {
            exec,
            projection,
            width,
            rows: Vec::new(),
            index: HashMap::new(),
            groups: Vec::new(),
            seen: HashSet::new(),
            skipped: 0,
        }
    }

    fn streams(&self) -> bool {
        !self.projection.grouping() && self.projection.order.is_empty()
    }

    /// Takes one input row; `false` once no more are wanted.
    fn push(&mut self, row: &Row) -> Result<bool, Error> {
        let p = self.projection;
        let exec = self.exec;
        if p.grouping() {
            let mut key = Vec::new();
            for (_, expr) in &p.items {
                if contains_aggregate(expr) {
                    key.push(Value::Null);
                } else {
                    key.push(exec.eval(expr, row, None)?);
                }
            }
            let at = if let Some(&i) = self.index.get(&key) {
                i
            } else {
                exec.hold()?;
                let states = p.aggregates.iter().map(initial).collect();
                self.groups.push((key.clone(), states));
                self.index.insert(key, self.groups.len() - 1);
                self.groups.len() - 1
            };
            let (_, states) = &mut self.groups[at];
            for (spec, state) in p.aggregates.iter().zip(states.iter_mut()) {
                let value = match &spec.arg {
                    Some(arg) => exec.eval(arg, row, None)?,
                    None => Value::Bool(true),
                };
                accumulate(spec, state, value);
            }
            return Ok(true);
        }
        let out: Row = p
            .items
            .iter()
            .map(|(_, e)| exec.eval(e, row, None))
            .collect::<Result<_, _>>()?;
        if let Some(condition) = &p.condition
            && !matches!(exec.eval(condition, &out, None)?, Value::Bool(true))
        {
            return Ok(true);
        }
        if p.distinct && !self.seen.insert(out.clone()) {
            return Ok(true);
        }
        if self.streams() {
            if self.skipped < p.skip {
                self.skipped += 1;
                return Ok(true);
            }
            exec.hold()?;
            self.rows.push((out, Vec::new()));
            return Ok(p.limit.is_none_or(|l| self.rows.len() < l));
        }
        let keys = self.sort_keys(row, &out)?;
        exec.hold()?;
        self.rows.push((out, keys));
        Ok(true)
    }

    fn sort_keys(&self, row: &Row, out: &Row) -> Result<Row, Error> {
        let p = self.projection;
        let mut extended: Row;
        let scope: &Row = if p.sorts_items() {
            out
        } else {
            extended = row.clone();
            extended.resize(self.width, Value::Null);
            extended.extend(out.iter().cloned());
            &extended
        };
        p.order
            .iter()
            .map(|(e, _)| self.exec.eval(e, scope, None))
            .collect()
    }

    fn finish(mut self) -> Result<Vec<Row>, Error> {
        let p = self.projection;
        if p.grouping() {
            // No row at all: one group of nothing when there is no key.
            if self.groups.is_empty() && p.items.iter().all(|(_, e)| contains_aggregate(e)) {
                let states = p.aggregates.iter().map(initial).collect();
                self.groups.push((vec![Value::Null; p.items.len()], states));
            }
            let groups = std::mem::take(&mut self.groups);
            for (key, states) in groups {
                let aggs: Vec<Value> = p
                    .aggregates
                    .iter()
                    .zip(states)
                    .map(|(spec, state)| finish_state(spec, state))
                    .collect();
                let mut out = Vec::new();
                for ((_, expr), k) in p.items.iter().zip(key) {
                    out.push(if contains_aggregate(expr) {
                        self.exec.eval(expr, &Vec::new(), Some(&aggs))?
                    } else {
                        k
                    });
                }
                if let Some(condition) = &p.condition
                    && !matches!(self.exec.eval(condition, &out, None)?, Value::Bool(true))
                {
                    continue;
                }
                if p.distinct && !self.seen.insert(out.clone()) {
                    continue;
                }
                let keys = self.sort_keys(&Vec::new(), &out)?;
                self.rows.push((out, keys));
            }
        }
        if !p.order.is_empty() {
            let descending: Vec<bool> = p.order.iter().map(|(_, d)| *d).collect();
            self.rows.sort_by(|(_, a), (_, b)| {
                a.iter()
                    .zip(b)
                    .zip(&descending)
                    .map(|((x, y), desc)| if *desc { y.sort_cmp(x) } else { x.sort_cmp(y) })
                    .find(|o| o.is_ne())
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        }
        let skip = if self.streams() { 0 } else { p.skip };
        let rows = self.rows.into_iter().map(|(r, _)| r).skip(skip);
        Ok(match p.limit {
            Some(l) => rows.take(l).collect(),
            None => rows.collect(),
        })
    }
}

fn contains_aggregate(expr: &CExpr) -> bool {
    match expr {
        CExpr::Aggregate(_) => true,
        CExpr::Const(_) | CExpr::Slot(_) | CExpr::Exists(_) => false,
        CExpr::Property(b, _, _) | CExpr::Unary(_, b, _) | CExpr::IsNull(b, _) => {
            contains_aggregate(b)
        }
        CExpr::List(items) | CExpr::Call(_, items, _) => items.iter().any(contains_aggregate),
        CExpr::Map(entries) => entries.iter().any(|(_, e)| contains_aggregate(e)),
        CExpr::Binary(_, a, b, _) => contains_aggregate(a) || contains_aggregate(b),
    }
}

fn initial(spec: &AggSpec) -> AggState {
    if spec.distinct {
        return AggState::Distinct(Vec::new(), HashSet::new());
    }
    match spec.func {
        AggFunc::Count => AggState::Count(0),
        AggFunc::Collect => AggState::Collect(Vec::new()),
        AggFunc::Min | AggFunc::Max => AggState::Extreme(None),
        AggFunc::Sum => AggState::Sum(Value::Integer(0)),
        AggFunc::Avg => AggState::Avg(0.0, 0),
    }
}

/// Adds one value to an aggregate (nulls are skipped, as Cypher does;
/// `DISTINCT` keeps each value once).
fn accumulate(spec: &AggSpec, state: &mut AggState, value: Value) {
    if value.is_null() {
        return;
    }
    match state {
        AggState::Distinct(items, seen) => {
            if seen.insert(value.clone()) {
                items.push(value);
            }
        }
        AggState::Count(n) => *n += 1,
        AggState::Collect(items) => items.push(value),
        AggState::Extreme(best) => {
            let better = best.as_ref().is_none_or(|b| {
                let o = value.sort_cmp(b);
                if spec.func == AggFunc::Min {
                    o.is_lt()
                } else {
                    o.is_gt()
                }
            });
            if better {
                *best = Some(value);
            }
        }
        AggState::Sum(total) => {
            *total = match (&*total, &value) {
                (Value::Integer(a), Value::Integer(b)) => a
                    .checked_add(*b)
                    .map_or(Value::Float(*a as f64 + *b as f64), Value::Integer),
                (a, b) => Value::Float(number(a) + number(b)),
            };
        }
        AggState::Avg(sum, n) => {
            *sum += number(&value);
            *n += 1;
        }
    }
}

fn number(v: &Value) -> f64 {
    match v {
        Value::Integer(i) => *i as f64,
        Value::Float(f) => *f,
        _ => f64::NAN,
    }
}

fn finish_state(spec: &AggSpec, state: AggState) -> Value {
    match state {
        AggState::Distinct(items, _) => {
            let plain = AggSpec {
                distinct: false,
                ..spec.clone()
            };
            let mut folded = initial(&plain);
            for value in items {
                accumulate(&plain, &mut folded, value);
            }
            finish_state(&plain, folded)
        }
        AggState::Count(n) => Value::Integer(n),
        AggState::Collect(items) => Value::List(items),
        AggState::Extreme(best) => best.unwrap_or(Value::Null),
        AggState::Sum(total) => total,
        AggState::Avg(_, 0) => Value::Null,
        AggState::Avg(sum, n) => Value::Float(sum / n as f64),
    }
}
