//! JSON for series: an array of rows, one per step.

use serde_json::{Map, Value, json};

use crate::graph::DiploGraph;
use crate::query::series::{Cell, SeriesTable};

/// One cell as JSON: a number or `null` (undefined), a count, an id or
/// `null`, an array of ids.
fn cell_value(graph: &DiploGraph, cell: &Cell) -> Value {
    match cell {
        Cell::Number(v) => json!(v),
        Cell::Count(n) => json!(n),
        Cell::Entity(n) => json!(n.map(|n| &graph.entity(n).id)),
        Cell::Entities(list) => json!(
            list.iter()
                .map(|n| &graph.entity(*n).id)
                .collect::<Vec<_>>()
        ),
    }
}

/// A series: `[{ "step", "from", "until", "rule", COLUMN… }]`, `from` the
/// step's first day and `until` the first day after it, then one field
/// per column (`s_score`…, `member`…, `triangle_index`…).
pub fn series(graph: &DiploGraph, found: &SeriesTable) -> String {
    let rows: Vec<Value> = found
        .rows
        .iter()
        .map(|(step, cells)| {
            let mut row = Map::new();
            row.insert("step".into(), json!(step.label()));
            row.insert("from".into(), json!(step.from.to_string()));
            row.insert("until".into(), json!(step.until.to_string()));
            row.insert("rule".into(), json!(found.rule.name()));
            for (column, cell) in found.columns.iter().zip(cells) {
                row.insert(column.key.clone(), cell_value(graph, cell));
            }
            Value::Object(row)
        })
        .collect();
    super::pretty(&Value::Array(rows))
}
