//! GEXF 1.3, Gephi's own format, with time: `mode="dynamic"` and each
//! relation's `start`/`end`, so Gephi's timeline replays the graph.
//!
//! Time details:
//! - `timeformat="date"` needs whole days, so a partial date stands for its
//!   first day, as everywhere in diplograph (`"2017-06"` → `2017-06-01`);
//!   the exact text is kept in the `since`/`until` attributes.
//! - GEXF 1.3 intervals are inclusive, ours are half-open, so `end` is the
//!   day before `until`: the last day the relation held.
//! - No `since` means no `start` (it reaches back indefinitely); no `until`
//!   means no `end` (still in force). Entities have no lifetime: they exist
//!   throughout, and their relations come and go.
//!
//! Every relation is its own `<edge>` with the GEXF 1.3 `kind` (its
//! relation kind), so parallel relations (member and founder of the SCO)
//! stay apart. Edges are all directed, as in [`super::graphml`]: GEXF
//! readers such as NetworkX refuse mixed graphs, and `type="mutual"` would
//! make them count a symmetric relation twice; `symmetric` says which
//! relations have no direction.

use std::fmt::Write;

use jiff::civil::Date;

use super::Slice;
use super::attrs::{self, Attr, Type, Value};
use super::xml::escape;
use crate::date::PartialDate;

fn declare(out: &mut String, class: &str, prefix: &str, attrs: &[Attr]) {
    let _ = writeln!(out, r#"    <attributes class="{class}" mode="static">"#);
    for (i, attr) in attrs.iter().enumerate() {
        let ty = match attr.ty {
            Type::Boolean => "boolean",
            Type::Text | Type::TextList => "string",
        };
        let _ = writeln!(
            out,
            r#"      <attribute id="{prefix}{i}" title="{}" type="{ty}"/>"#,
            attr.name
        );
    }
    out.push_str("    </attributes>\n");
}

/// `<attvalues>` for the values present; `skip` names attributes already
/// written on the element itself (a node's name is its `label`).
fn values(out: &mut String, prefix: &str, attrs: &[Attr], values: &[Option<Value>], skip: &str) {
    let present: Vec<(usize, &Value)> = values
        .iter()
        .enumerate()
        .filter(|(i, _)| attrs[*i].name != skip)
        .filter_map(|(i, v)| v.as_ref().map(|v| (i, v)))
        .collect();
    if present.is_empty() {
        return;
    }
    out.push_str("        <attvalues>\n");
    for (i, value) in present {
        let _ = writeln!(
            out,
            r#"          <attvalue for="{prefix}{i}" value="{}"/>"#,
            escape(&value.to_text())
        );
    }
    out.push_str("        </attvalues>\n");
}

/// The last day of a half-open interval ending before `until`.
fn last_day(until: PartialDate) -> Option<Date> {
    until.first_day().yesterday().ok()
}

/// The slice as a GEXF 1.3 document.
///
/// ```
/// use diplograph::{export::{gexf, Selection, Slice}, graph::{DiploGraph, When}, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let xml = gexf::write(&Slice::new(graph.at(When::AllTime), &Selection::default()));
/// assert!(xml.contains(r#"<graph mode="dynamic" defaultedgetype="directed" timeformat="date">"#));
/// // Iran's acting president held office from 2024-05-19 until 2024-07-28,
/// // so the last day of the interval is the 27th:
/// assert!(xml.contains(r#"source="mohammad-mokhber" target="IRN" kind="leads" label="leads" start="2024-05-19" end="2024-07-27""#));
/// ```
///
/// # Panics
///
/// Never: writing to memory cannot fail, and text built from UTF-8 strings
/// is UTF-8.
pub fn write(slice: &Slice<'_>) -> String {
    let mut bytes = Vec::new();
    write_to(slice, &mut bytes).expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("GEXF of UTF-8 text is UTF-8")
}

/// [`write`], streamed to `w` one node or edge at a time, so that memory
/// stays flat however large the slice (the CLI hands it a `BufWriter`).
pub fn write_to(slice: &Slice<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let graph = slice.graph();
    let checked = graph.checked();
    let mut out = String::new();
    out.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<gexf xmlns=\"http://gexf.net/1.3\"",
        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
        " xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\"",
        " version=\"1.3\">\n",
    ));
    let _ = writeln!(
        out,
        "  <meta lastmodifieddate=\"{}\">\n    <creator>diplograph</creator>\n    <description>{}</description>\n  </meta>",
        checked.first_day(),
        escape(&format!(
            "Diplomatic relations as of {}; facts checked up to {}",
            slice.moment(),
            checked
        ))
    );
    out.push_str("  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\">\n");
    declare(&mut out, "node", "n", &attrs::NODE);
    declare(&mut out, "edge", "e", &attrs::EDGE);
    out.push_str("    <nodes>\n");
    w.write_all(out.as_bytes())?;
    out.clear();
    for node in slice.nodes() {
        let e = graph.entity(*node);
        let _ = writeln!(
            out,
            r#"      <node id="{}" label="{}">"#,
            escape(&e.id),
            escape(&e.name)
        );
        values(
            &mut out,
            "n",
            &attrs::NODE,
            &attrs::node(graph, *node),
            "name",
        );
        out.push_str("      </node>\n");
        w.write_all(out.as_bytes())?;
        out.clear();
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for edge in slice.edges() {
        let (from, to) = slice.endpoints(*edge);
        let r = graph.relation(*edge);
        let validity = graph.validity(*edge);
        let mut time = String::new();
        if let Some(since) = validity.since {
            let _ = write!(time, r#" start="{}""#, since.first_day());
        }
        if let Some(end) = validity.until.and_then(last_day) {
            let _ = write!(time, r#" end="{end}""#);
        }
        let _ = writeln!(
            out,
            r#"      <edge id="{}" source="{}" target="{}" kind="{kind}" label="{kind}"{time}>"#,
            attrs::edge_id(*edge),
            escape(&graph.entity(from).id),
            escape(&graph.entity(to).id),
            kind = r.kind,
        );
        values(&mut out, "e", &attrs::EDGE, &attrs::edge(graph, *edge), "");
        out.push_str("      </edge>\n");
        w.write_all(out.as_bytes())?;
        out.clear();
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    w.write_all(out.as_bytes())
}
