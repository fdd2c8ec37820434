//! GraphML, for yEd, Cytoscape, NetworkX and most graph libraries.
//!
//! Every attribute is declared with a typed `<key>` (`string` or
//! `boolean`); absent values are left out, as GraphML intends. The graph is
//! directed: GraphML readers such as NetworkX refuse graphs that mix
//! directed and undirected edges, so symmetric relations are written in the
//! direction the file gives and marked `symmetric = true`. Parallel edges
//! (a member that also founded) are kept, each with its relation id.

use std::fmt::Write;

use super::Slice;
use super::attrs::{self, Attr, Type, Value};
use super::xml::{escape, escape_text};

fn declare(out: &mut String, scope: &str, prefix: &str, attrs: &[Attr]) {
    for attr in attrs {
        let ty = match attr.ty {
            Type::Boolean => "boolean",
            Type::Text | Type::TextList => "string",
        };
        let _ = writeln!(
            out,
            r#"  <key id="{prefix}_{name}" for="{scope}" attr.name="{name}" attr.type="{ty}"/>"#,
            name = attr.name
        );
    }
}

fn data(out: &mut String, prefix: &str, attrs: &[Attr], values: &[Option<Value>]) {
    for (attr, value) in attrs.iter().zip(values) {
        if let Some(value) = value {
            let _ = writeln!(
                out,
                r#"      <data key="{prefix}_{}">{}</data>"#,
                attr.name,
                escape_text(&value.to_text())
            );
        }
    }
}

/// The slice as a GraphML document.
///
/// ```
/// use diplograph::{export::{graphml, Selection, Slice}, graph::{DiploGraph, When}, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let xml = graphml::write(&Slice::new(graph.at(When::AllTime), &Selection::default()));
/// assert!(xml.contains(r#"<key id="e_acting" for="edge" attr.name="acting" attr.type="boolean"/>"#));
/// assert!(xml.contains(r#"<node id="BLR">"#));
/// ```
///
/// # Panics
///
/// Never: writing to memory cannot fail, and text built from UTF-8 strings
/// is UTF-8.
pub fn write(slice: &Slice<'_>) -> String {
    let mut bytes = Vec::new();
    write_to(slice, &mut bytes).expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("GraphML of UTF-8 text is UTF-8")
}

/// [`write`], streamed to `w` one node or edge at a time, so that memory
/// stays flat however large the slice (the CLI hands it a `BufWriter`).
pub fn write_to(slice: &Slice<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let graph = slice.graph();
    let mut out = String::new();
    out.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"",
        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
        " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns",
        " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    ));
    let graph_attrs = [
        attrs::Attr {
            name: "as_of",
            ty: Type::Text,
        },
        attrs::Attr {
            name: "checked",
            ty: Type::Text,
        },
    ];
    declare(&mut out, "graph", "g", &graph_attrs);
    declare(&mut out, "node", "n", &attrs::NODE);
    declare(&mut out, "edge", "e", &attrs::EDGE);
    out.push_str("  <graph id=\"diplograph\" edgedefault=\"directed\">\n");
    for (attr, value) in graph_attrs
        .iter()
        .zip([slice.moment(), graph.checked().to_string()])
    {
        let _ = writeln!(
            out,
            r#"    <data key="g_{}">{}</data>"#,
            attr.name,
            escape_text(&value)
        );
    }
    w.write_all(out.as_bytes())?;
    out.clear();
    for node in slice.nodes() {
        let _ = writeln!(
            out,
            r#"    <node id="{}">"#,
            escape(&graph.entity(*node).id)
        );
        data(&mut out, "n", &attrs::NODE, &attrs::node(graph, *node));
        out.push_str("    </node>\n");
        w.write_all(out.as_bytes())?;
        out.clear();
    }
    for edge in slice.edges() {
        let (from, to) = slice.endpoints(*edge);
        let _ = writeln!(
            out,
            r#"    <edge id="{}" source="{}" target="{}">"#,
            attrs::edge_id(*edge),
            escape(&graph.entity(from).id),
            escape(&graph.entity(to).id)
        );
        data(&mut out, "e", &attrs::EDGE, &attrs::edge(graph, *edge));
        out.push_str("    </edge>\n");
        w.write_all(out.as_bytes())?;
        out.clear();
    }
    out.push_str("  </graph>\n</graphml>\n");
    w.write_all(out.as_bytes())
}
