//! Text for series (`--from/--to/--every`): a title naming the question,
//! the basis and the rule, then one aligned row per step.

use std::fmt::Write;

use super::Table;
use crate::graph::DiploGraph;
use crate::query::series::{Cell, SeriesTable};
use crate::render::series_title;

/// How many entities a cell of joiners or leavers names before "and N
/// more".
const NAMED: usize = 5;

/// One cell in words: a measure to three places ("undefined" where it is
/// undefined), a count, an entity's name ("—" for no entity at that rank),
/// names of entities.
fn cell_text(graph: &DiploGraph, cell: &Cell) -> String {
    match cell {
        Cell::Number(Some(v)) => format!("{v:.3}"),
        Cell::Number(None) => "undefined".to_string(),
        Cell::Count(n) => n.to_string(),
        Cell::Entity(Some(n)) => graph.entity(*n).name.clone(),
        Cell::Entity(None) => "—".to_string(),
        Cell::Entities(list) if list.is_empty() => "—".to_string(),
        Cell::Entities(list) => {
            let mut names: Vec<String> = list
                .iter()
                .take(NAMED)
                .map(|n| graph.entity(*n).name.clone())
                .collect();
            if list.len() > NAMED {
                names.push(format!("and {} more", list.len() - NAMED));
            }
            names.join(", ")
        }
    }
}

/// A series as a table: the title, then a header of the column keys in
/// capitals and one row per step.
pub fn series(graph: &DiploGraph, found: &SeriesTable) -> String {
    let mut out = format!("{}:\n", series_title(graph, found));
    let mut table = Table::default();
    let mut head = vec!["STEP".to_string()];
    head.extend(found.columns.iter().map(|c| c.key.to_uppercase()));
    table.row(head);
    for (step, cells) in &found.rows {
        let mut row = vec![step.label()];
        row.extend(cells.iter().map(|c| cell_text(graph, c)));
        table.row(row);
    }
    table.render("  ", &mut out);
    if found.is_empty() {
        let _ = writeln!(out, "  nothing recorded in any step");
    }
    out
}
