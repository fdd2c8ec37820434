//! Node-link JSON, the shape D3's force layouts and NetworkX's
//! `node_link_graph` read:
//!
//! ```json
//! { "directed": true, "multigraph": true, "graph": {...},
//!   "nodes": [{"id": "CHN", "name": "China", ...}],
//!   "links": [{"source": "CHN", "target": "SCO", "key": "r0", "kind": "member", ...}] }
//! ```
//!
//! The edge list is called `links`, as D3 names it and as NetworkX did by
//! default before 3.4; NetworkX 3.4 and later read it with
//! `nx.node_link_graph(data, edges="links")`. Every attribute of
//! [`super::attrs`] is present on every node or link, `null` when absent
//! (the convention of diplograph's JSON); `aliases` is a real array.

use petgraph::graph::{EdgeIndex, NodeIndex};
use serde_json::{Map, Value, json};

use super::Slice;
use super::attrs;

/// The slice as node-link JSON, pretty-printed.
///
/// ```
/// use diplograph::{export::{nodelink, Selection, Slice}, graph::{DiploGraph, When}, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let text = nodelink::write(&Slice::new(graph.at(When::AllTime), &Selection::default()));
/// let data: serde_json::Value = serde_json::from_str(&text).unwrap();
/// assert_eq!(data["links"][0]["key"], "r0");
/// assert_eq!(data["nodes"].as_array().unwrap().len(), graph.node_count());
/// ```
///
/// # Panics
///
/// Never: writing to memory cannot fail, and text built from UTF-8 strings
/// is UTF-8.
pub fn write(slice: &Slice<'_>) -> String {
    let mut bytes = Vec::new();
    write_to(slice, &mut bytes).expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("JSON is UTF-8")
}

/// `value` pretty-printed as it appears nested `indent` spaces deep in a
/// pretty-printed document: every line after the first is indented.
fn nested(value: &Value, indent: &str) -> String {
    let text = serde_json::to_string_pretty(value).expect("JSON values always serialize");
    text.replace('\n', &format!("\n{indent}"))
}

/// Writes `items` as the pretty-printed array under `key`, one item at a
/// time, byte for byte as `serde_json::to_string_pretty` prints it.
fn array<I: Iterator<Item = Value>>(
    w: &mut dyn std::io::Write,
    key: &str,
    mut items: I,
) -> std::io::Result<()> {
    write!(w, "  \"{key}\": [")?;
    let Some(first) = items.next() else {
        return w.write_all(b"]");
    };
    write!(w, "\n    {}", nested(&first, "    "))?;
    for item in items {
        write!(w, ",\n    {}", nested(&item, "    "))?;
    }
    w.write_all(b"\n  ]")
}

/// [`write`], streamed to `w` one node or link at a time (each serialised
/// on its own), so that memory stays flat however large the slice; the
/// bytes are those of pretty-printing the whole document at once.
pub fn write_to(slice: &Slice<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let graph = slice.graph();
    let node = |node: &NodeIndex| {
        let mut map = Map::new();
        map.insert("id".into(), json!(graph.entity(*node).id));
        for (attr, value) in attrs::NODE.iter().zip(attrs::node(graph, *node)) {
            let value = match (attr.ty, value) {
                (attrs::Type::TextList, None) => json!([]),
                (_, v) => v.map_or(Value::Null, |v| v.to_json()),
            };
            map.insert(attr.name.into(), value);
        }
        Value::Object(map)
    };
    let link = |edge: &EdgeIndex| {
        let (from, to) = slice.endpoints(*edge);
        let mut map = Map::new();
        map.insert("source".into(), json!(graph.entity(from).id));
        map.insert("target".into(), json!(graph.entity(to).id));
        map.insert("key".into(), json!(attrs::edge_id(*edge)));
        for (attr, value) in attrs::EDGE.iter().zip(attrs::edge(graph, *edge)) {
            map.insert(attr.name.into(), value.map_or(Value::Null, |v| v.to_json()));
        }
        Value::Object(map)
    };
    let head = json!({
        "name": "diplograph",
        "as_of": slice.moment(),
        "checked": graph.checked().to_string(),
    });
    write!(
        w,
        "{{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": {},\n",
        nested(&head, "  ")
    )?;
    array(w, "nodes", slice.nodes().iter().map(node))?;
    w.write_all(b",\n")?;
    array(w, "links", slice.edges().iter().map(link))?;
    w.write_all(b"\n}\n")
}
