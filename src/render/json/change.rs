//! JSON of `timeline` and `diff`: every change listed, each relation as
//! every other answer writes one ([`super::relation`]). A diff between
//! distant days changes most of a large database, so the lists are
//! written as they are serialized, one relation at a time, from model
//! values made for the purpose and dropped: the output is the only large
//! thing in memory.

use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use super::{relation_value, text};
use crate::graph::DiploGraph;
use crate::query::change::analysis::Moves;
use crate::query::change::{Diff, Timeline};

/// Relation `edge` as JSON, its model value not kept.
fn fresh(graph: &DiploGraph, edge: EdgeIndex) -> Value {
    relation_value(
        &graph.snapshot().relation(edge.index()),
        graph.validity(edge),
    )
}

/// A list of relations, serialized one at a time.
struct Relations<'a> {
    graph: &'a DiploGraph,
    edges: &'a [EdgeIndex],
}

impl Serialize for Relations<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.edges.iter().map(|e| fresh(self.graph, *e)))
    }
}

/// A timeline's changes, serialized one at a time.
struct Changes<'a> {
    graph: &'a DiploGraph,
    found: &'a Timeline,
}

impl Serialize for Changes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.found
                .entries
                .iter()
                .flat_map(crate::query::change::Entry::changes)
                .map(|(date, change, edge)| {
                    json!({
                        "date": text(date),
                        "change": change.name(),
                        "relation": fresh(self.graph, edge),
                    })
                }),
        )
    }
}

/// Serializes `value` pretty, as every answer is written.
///
/// # Panics
/// Never: every value here is strings, numbers and lists of them.
fn pretty(value: &impl Serialize) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("JSON values always serialize");
    out.push('\n');
    out
}

/// `timeline`: `[{ "date", "change", "relation" }]` in date order —
/// `date` at its precision (`null`: a start not recorded, listed first),
/// `change` `"started"` or `"ended"`; a handover or status change is its
/// two entries, the end first. Every change is listed (`--limit` caps text
/// only).
pub fn timeline(graph: &DiploGraph, found: &Timeline) -> String {
    pretty(&Changes { graph, found })
}

/// A diff with what `--analysis` adds, serialized field by field.
struct DiffJson<'a> {
    graph: &'a DiploGraph,
    found: &'a Diff,
    moves: Option<&'a Moves>,
}

impl Serialize for DiffJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (graph, found) = (self.graph, self.found);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("from", &found.query.from.to_string())?;
        map.serialize_entry("to", &found.query.to.to_string())?;
        map.serialize_entry(
            "started",
            &Relations {
                graph,
                edges: &found.started,
            },
        )?;
        map.serialize_entry(
            "ended",
            &Relations {
                graph,
                edges: &found.ended,
            },
        )?;
        let changed: Vec<Value> = found
            .changed
            .iter()
            .map(|p| {
                json!({
                    "kind": p.kind.name(),
                    "before": fresh(graph, p.before),
                    "after": fresh(graph, p.after),
                })
            })
            .collect();
        map.serialize_entry("changed", &changed)?;
        if let Some(moves) = self.moves {
            map.serialize_entry("blocs", &blocs(graph, moves))?;
            map.serialize_entry("alignment", &alignment(graph, moves))?;
        }
        map.end()
    }
}

/// `"blocs"` of `diff --analysis`.
fn blocs(graph: &DiploGraph, moves: &Moves) -> Value {
    let id = |n: &NodeIndex| json!(graph.entity(*n).id);
    let groups = |blocs: &[Vec<NodeIndex>]| -> Value {
        blocs
            .iter()
            .map(|b| b.iter().map(id).collect::<Vec<_>>())
            .collect()
    };
    let b = &moves.blocs;
    json!({
        "from": groups(&b.before),
        "to": groups(&b.after),
        "continues": b.continues,
        "moves": b.moved.iter().map(|m| json!({
            "id": id(&m.state),
            "from": m.before,
            "to": m.after,
        })).collect::<Vec<_>>(),
    })
}

/// `"alignment"` of `diff --analysis`.
fn alignment(graph: &DiploGraph, moves: &Moves) -> Value {
    let id = |n: NodeIndex| json!(graph.entity(n).id);
    moves
        .alignment
        .iter()
        .map(|r| {
            json!({
                "a": id(r.a),
                "b": id(r.b),
                "before": r.before,
                "after": r.after,
                "change": r.change(),
            })
        })
        .collect()
}

/// `diff`: `{ "from", "to", "started": [relation], "ended": [relation],
/// "changed": [{ "kind", "before", "after" }] }` — `started` and `ended`
/// every relation in force on one day and not the other (votes included),
/// `changed` those of them that read as one change (`kind` `"status"` or
/// `"office"`). With `--analysis`, `"blocs": { "from": [[ids]], "to":
/// [[ids]], "continues": [position or null], "moves": [{ "id", "from",
/// "to" }] }` (bloc positions in the two lists, `null` for none) and
/// `"alignment": [{ "a", "b", "before", "after", "change" }]` (S on each
/// day).
pub fn diff(graph: &DiploGraph, found: &Diff, moves: Option<&Moves>) -> String {
    pretty(&DiffJson {
        graph,
        found,
        moves,
    })
}
