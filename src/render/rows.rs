//! The answer of `query`: named columns of values, as an aligned text
//! table, JSON (an array of objects keyed by the column names) or CSV (a
//! header row of the same names).
//!
//! One cell is written the same way wherever it appears: an entity as
//! `Name (ID)` in text (its id alone in CSV, for joining; `{id, name,
//! kind}` in JSON), a relation by its ends' ids and its kind phrase with
//! its days, a path as the chain of ids and relations. Null, what the
//! database does not record, is "not recorded" in text, an empty cell in
//! CSV and `null` in JSON.

use petgraph::graph::{EdgeIndex, NodeIndex};
use serde_json::{Value as Json, json};

use std::fmt::Write as _;

use super::table::Table;
use crate::graph::DiploGraph;
use crate::query::cypher::Rows;
use crate::query::cypher::value::{Path, Value};

/// `query` as text: the column names, the rows aligned under them, and
/// how many rows as of which day. No row: a sentence that says so.
pub fn text(graph: &DiploGraph, found: &Rows) -> String {
    let when = super::moment(found.when);
    if found.rows.is_empty() {
        return format!("no rows: nothing matched {when}\n");
    }
    let mut table = Table::default();
    table.row(found.columns.iter().cloned());
    for row in &found.rows {
        table.row(row.iter().map(|v| cell(graph, v, Style::Text)));
    }
    let mut out = String::new();
    table.render("", &mut out);
    let n = found.rows.len();
    let _ = writeln!(out, "{n} row{} {when}", if n == 1 { "" } else { "s" });
    out
}

/// `query --format json`: `[{column: value, …}, …]`.
///
/// # Panics
/// Never: JSON values always serialize.
pub fn json(graph: &DiploGraph, found: &Rows) -> String {
    let rows: Vec<Json> = found
        .rows
        .iter()
        .map(|row| {
            let mut object = serde_json::Map::new();
            for (name, value) in found.columns.iter().zip(row) {
                object.insert(name.clone(), json_value(graph, value));
            }
            Json::Object(object)
        })
        .collect();
    let mut out =
        serde_json::to_string_pretty(&Json::Array(rows)).expect("JSON values always serialize");
    out.push('\n');
    out
}

/// `query --explain --format json`: `{"plan": [line, …]}`.
///
/// # Panics
/// Never: a list of strings always serializes.
pub fn plan_json(lines: &[String]) -> String {
    let mut out = serde_json::to_string_pretty(&json!({ "plan": lines }))
        .expect("a list of strings always serializes");
    out.push('\n');
    out
}

/// One value as JSON: an entity as `{id, name, kind}`, a relation as
/// every command's relation object, a path as `{nodes, relationships}`,
/// a date as its text.
pub fn json_value(graph: &DiploGraph, value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => json!(b),
        Value::Integer(i) => json!(i),
        Value::Float(f) => json!(f),
        Value::String(s) => json!(s),
        Value::Date(d) => json!(d.to_string()),
        Value::List(items) => Json::Array(items.iter().map(|v| json_value(graph, v)).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), json_value(graph, v)))
                .collect(),
        ),
        Value::Node(n) => node_json(graph, *n),
        Value::Relationship(e) => super::json::relation(graph, *e),
        Value::Path(p) => json!({
            "nodes": p.nodes.iter().map(|n| node_json(graph, *n)).collect::<Vec<_>>(),
            "relationships": p.relationships.iter().map(|e| super::json::relation(graph, *e)).collect::<Vec<_>>(),
        }),
    }
}

fn node_json(graph: &DiploGraph, node: NodeIndex) -> Json {
    json!({
        "id": graph.entity_id(node),
        "name": graph.entity_name(node),
        "kind": graph.entity_kind(node),
    })
}

/// How a cell is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// For people: entities by name and id, null as "not recorded".
    Text,
    /// For spreadsheets: entities by id, null as the empty cell.
    Csv,
}

/// One value as a cell.
pub fn cell(graph: &DiploGraph, value: &Value, style: Style) -> String {
    match value {
        Value::Null if style == Style::Text => "not recorded".to_string(),
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Float(f) => float(*f),
        Value::String(s) => s.clone(),
        Value::Date(d) => d.to_string(),
        Value::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|v| cell(graph, v, style))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{k}: {}", cell(graph, v, style)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Node(n) if style == Style::Csv => graph.entity_id(*n).to_string(),
        Value::Node(n) => format!("{} ({})", graph.entity_name(*n), graph.entity_id(*n)),
        Value::Relationship(e) => relationship(graph, *e),
        Value::Path(p) => path(graph, p),
    }
}

/// A float as people read it: at most four decimals, no trailing zeros.
fn float(f: f64) -> String {
    if f.is_finite() {
        let text = format!("{f:.4}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        if text == "-0" {
            "0".into()
        } else {
            text.to_string()
        }
    } else {
        f.to_string()
    }
}

/// `IND —member→ SCO [2017-06-09, …)`: a relation by its ends' ids, its
/// kind phrase (a symmetric one without an arrow), and its days.
fn relationship(graph: &DiploGraph, edge: EdgeIndex) -> String {
    let r = graph.relation(edge);
    let v = graph.validity(edge);
    let arrow = if r.kind.is_symmetric() { "—" } else { "→" };
    let since = v.since.map_or("…".to_string(), |d| d.to_string());
    let until = v.until.map_or("…".to_string(), |d| d.to_string());
    format!(
        "{} —{}{arrow} {} [{since}, {until})",
        r.from,
        super::relation_phrase(graph, r),
        r.to
    )
}

/// `IND —member→ SCO ←member— PAK`: a path by its entities' ids and the
/// kinds between them, each arrow the way the file writes the relation.
fn path(graph: &DiploGraph, p: &Path) -> String {
    let mut out = String::new();
    for (i, node) in p.nodes.iter().enumerate() {
        out.push_str(&graph.entity(*node).id);
        if let Some(edge) = p.relationships.get(i) {
            let r = graph.relation(*edge);
            let phrase = super::relation_phrase(graph, r);
            let (from, _) = graph.endpoints(*edge);
            let _ = if r.kind.is_symmetric() {
                write!(out, " —{phrase}— ")
            } else if from == *node {
                write!(out, " —{phrase}→ ")
            } else {
                write!(out, " ←{phrase}— ")
            };
        }
    }
    out
}
