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
pub fn write(slice: &Slice<'_>) -> String {
    let graph = slice.graph();
    let nodes: Vec<Value> = slice
        .nodes()
        .iter()
        .map(|node| {
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
        })
        .collect();
    let links: Vec<Value> = slice
        .edges()
        .iter()
        .map(|edge| {
            let (from, to) = slice.endpoints(*edge);
            let mut map = Map::new();
            map.insert("source".into(), json!(graph.entity(from).id));
            map.insert("target".into(), json!(graph.entity(to).id));
            map.insert("key".into(), json!(attrs::edge_id(*edge)));
            for (attr, value) in attrs::EDGE.iter().zip(attrs::edge(graph, *edge)) {
                map.insert(attr.name.into(), value.map_or(Value::Null, |v| v.to_json()));
            }
            Value::Object(map)
        })
        .collect();
    let document = json!({
        "directed": true,
        "multigraph": true,
        "graph": {
            "name": "diplograph",
            "as_of": slice.moment(),
            "checked": graph.checked().to_string(),
        },
        "nodes": nodes,
        "links": links,
    });
    let mut out = serde_json::to_string_pretty(&document).expect("JSON values always serialize");
    out.push('\n');
    out
}
