//! Notes in text: the free text the file gives relations and entities, on
//! lines of their own under what they annotate. `show` always prints them;
//! `list`, `neighbors`, `members`, `report` and `path` only with `--notes`,
//! so that their default text stays one fact per line. Every note line is
//! made here, so they all read alike.

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::Table;
use crate::graph::DiploGraph;

/// How far a note sits right of the line it annotates.
const UNDER: &str = "    ";

/// `    note: TEXT` for the relation's note, if it has one.
pub(super) fn of_relation(graph: &DiploGraph, edge: EdgeIndex) -> Option<String> {
    graph
        .relation(edge)
        .note
        .as_ref()
        .map(|note| format!("{UNDER}note: {note}"))
}

/// `    note: TEXT` for the entity's note, if it has one.
pub(super) fn of_entity(graph: &DiploGraph, node: NodeIndex) -> Option<String> {
    graph
        .entity(node)
        .note
        .as_ref()
        .map(|note| format!("{UNDER}note: {note}"))
}

/// `  note: TEXT` under a headline naming the entity (as `show` prints it).
pub(super) fn under_headline(graph: &DiploGraph, node: NodeIndex) -> Option<String> {
    graph
        .entity(node)
        .note
        .as_ref()
        .map(|note| format!("  note: {note}"))
}

/// `    note on NAME: TEXT` for a note that is not about the line above
/// alone: an entity's among its relations, a relation's among a list of
/// names (`who` names what it is about).
pub(super) fn about(who: &str, note: Option<&String>) -> Option<String> {
    note.map(|note| format!("{UNDER}note on {who}: {note}"))
}

/// Adds the relation's note (if any) under the table's last row.
pub(super) fn under_row(table: &mut Table, graph: &DiploGraph, edge: EdgeIndex) {
    if let Some(line) = of_relation(graph, edge) {
        table.free(line);
    }
}

/// Appends `line` (if any) to `out` after `indent`.
pub(super) fn push(out: &mut String, indent: &str, line: Option<String>) {
    if let Some(line) = line {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
}
