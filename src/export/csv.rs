//! CSV for Neo4j's bulk importer (`neo4j-admin database import full`):
//! `nodes.csv` and `relationships.csv` with the importer's typed headers.
//!
//! ```text
//! nodes.csv:          id:ID,name,:LABEL,kind,aliases:string[],note,place,start,end
//! relationships.csv:  :START_ID,:END_ID,:TYPE,since,until,citation,note,role,acting:boolean,over,position,sign,symmetric:boolean,kind,id
//! ```
//!
//! Labels are `Entity` plus the kind in Neo4j's style (`Entity;Country`),
//! types are the relation kind in capitals (`DIALOGUE_PARTNER`). `aliases`
//! is a string array separated by `;`, the importer's default
//! `--array-delimiter` (an alias that itself contains `;` would be split:
//! choose another delimiter there if your data has one). Empty fields are
//! absent properties. Dates keep the precision the source gave (`2017-06`).
//! Import with:
//!
//! ```text
//! neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv
//! ```

use super::Slice;
use super::attrs::{self, Type};

/// The two files of a Neo4j import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neo4jCsv {
    /// `nodes.csv`.
    pub nodes: String,
    /// `relationships.csv`.
    pub relationships: String,
}

fn header(name: &str, ty: Type) -> String {
    match ty {
        Type::Text => name.to_string(),
        Type::Boolean => format!("{name}:boolean"),
        Type::TextList => format!("{name}:string[]"),
    }
}

fn field(value: Option<attrs::Value>) -> String {
    match value {
        None => String::new(),
        Some(attrs::Value::TextList(items)) => items.join(";"),
        Some(v) => v.to_text(),
    }
}

/// `Country`, `Organization`: a kind as a Neo4j label.
fn label(kind: &str) -> String {
    let mut chars = kind.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The CSV writer over `w` (quoting and line ends as the csv crate's
/// defaults).
fn csv_writer(w: &mut dyn std::io::Write) -> ::csv::Writer<&mut dyn std::io::Write> {
    ::csv::Writer::from_writer(w)
}

use crate::render::panel::io_error as io;

/// The slice as Neo4j import files.
///
/// ```
/// use diplograph::{export::{csv, Selection, Slice}, graph::{DiploGraph, When}, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let files = csv::write(&Slice::new(graph.at(When::AllTime), &Selection::default()));
/// assert!(files.nodes.starts_with("id:ID,name,:LABEL,"));
/// assert!(files.relationships.starts_with(":START_ID,:END_ID,:TYPE,since,until,"));
/// assert!(files.nodes.contains("\nSCO,Shanghai Cooperation Organisation,Entity;Organization,"));
/// ```
///
/// # Panics
///
/// Never: writing to memory cannot fail, and text built from UTF-8 strings
/// is UTF-8.
pub fn write(slice: &Slice<'_>) -> Neo4jCsv {
    let (mut nodes, mut relationships) = (Vec::new(), Vec::new());
    write_to(slice, &mut nodes, &mut relationships).expect("writing CSV to memory cannot fail");
    Neo4jCsv {
        nodes: String::from_utf8(nodes).expect("CSV of UTF-8 fields is UTF-8"),
        relationships: String::from_utf8(relationships).expect("CSV of UTF-8 fields is UTF-8"),
    }
}

/// [`write`], streamed row by row into `nodes` (`nodes.csv`) and
/// `relationships` (`relationships.csv`), so that memory stays flat however
/// large the slice.
pub fn write_to(
    slice: &Slice<'_>,
    nodes: &mut dyn std::io::Write,
    relationships: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    write_nodes(slice, nodes)?;
    write_relationships(slice, relationships)
}

/// `nodes.csv`, streamed row by row.
pub fn write_nodes(slice: &Slice<'_>, nodes: &mut dyn std::io::Write) -> std::io::Result<()> {
    let graph = slice.graph();
    let mut out = csv_writer(nodes);
    let mut head = vec!["id:ID".to_string()];
    for attr in attrs::NODE {
        head.push(header(attr.name, attr.ty));
        if attr.name == "name" {
            head.push(":LABEL".to_string());
        }
    }
    out.write_record(&head).map_err(io)?;
    for node in slice.nodes() {
        let e = graph.entity(*node);
        let mut row = vec![e.id.clone()];
        for (attr, value) in attrs::NODE.iter().zip(attrs::node(graph, *node)) {
            row.push(field(value));
            if attr.name == "name" {
                row.push(format!("Entity;{}", label(e.kind.name())));
            }
        }
        out.write_record(&row).map_err(io)?;
    }
    out.flush()
}

/// `relationships.csv`, streamed row by row.
pub fn write_relationships(
    slice: &Slice<'_>,
    relationships: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let graph = slice.graph();
    // `kind` is the :TYPE; it is also kept as a property, after the dates,
    // so the header reads in the importer's usual order.
    let order: Vec<usize> = (1..attrs::EDGE.len()).chain([0]).collect();
    let mut out = csv_writer(relationships);
    let mut head: Vec<String> = [":START_ID", ":END_ID", ":TYPE"].map(String::from).to_vec();
    head.extend(
        order
            .iter()
            .map(|i| header(attrs::EDGE[*i].name, attrs::EDGE[*i].ty)),
    );
    head.push("id".to_string());
    out.write_record(&head).map_err(io)?;
    for edge in slice.edges() {
        let (from, to) = slice.endpoints(*edge);
        let values = attrs::edge(graph, *edge);
        let mut row = vec![
            graph.entity(from).id.clone(),
            graph.entity(to).id.clone(),
            graph.kind(*edge).name().to_ascii_uppercase(),
        ];
        row.extend(order.iter().map(|i| field(values[*i].clone())));
        row.push(attrs::edge_id(*edge));
        out.write_record(&row).map_err(io)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::bundled;
    use crate::export::{Selection, Slice};
    use crate::graph::When;

    #[test]
    fn headers_follow_the_bulk_import_format() {
        let graph = bundled();
        let files = write(&Slice::new(graph.at(When::AllTime), &Selection::default()));
        assert_eq!(
            files.nodes.lines().next().unwrap(),
            "id:ID,name,:LABEL,kind,aliases:string[],note,place,start,end,founded,dissolved,universal:boolean,statehood"
        );
        assert_eq!(
            files.relationships.lines().next().unwrap(),
            ":START_ID,:END_ID,:TYPE,since,until,citation,note,role,acting:boolean,over,position,sign,symmetric:boolean,kind,id"
        );
        assert!(
            files
                .nodes
                .contains("\nUN,United Nations,Entity;Organization,organization,U.N.;UNO,")
        );
        assert!(
            files
                .relationships
                .contains("\nBLR,SCO,MEMBER,2024-07-04,,"),
            "{}",
            files.relationships
        );
    }
}
