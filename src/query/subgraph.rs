//! Choosing the part of the graph a command works on: relations of some
//! kinds (`--via`), around one entity (`--focus E --depth N`), as of the
//! view's moment. Exporters, paths, clusters and centrality all start here.

use std::collections::{HashSet, VecDeque};

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::View;
use crate::model::RelationKind;

/// What to keep.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only relations of these kinds; all kinds when empty.
    pub via: Vec<RelationKind>,
    /// Only entities within `depth` hops of this one (either direction).
    pub focus: Option<(NodeIndex, usize)>,
}

impl Selection {
    /// Whether a relation of `kind` passes the `--via` filter.
    pub fn admits(&self, kind: RelationKind) -> bool {
        self.via.is_empty() || self.via.contains(&kind)
    }
}

/// A selected part of the graph: nodes in file order, edges in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subgraph {
    /// The entities kept, in file order.
    pub nodes: Vec<NodeIndex>,
    /// The relations kept (in force and passing the filter), in file order.
    pub edges: Vec<EdgeIndex>,
}

/// Selects relations in force that pass the filter, and the entities they
/// join. With no `via` and no focus every node of the view is kept, even
/// one with no relation in force, so an export of the whole graph loses
/// nothing (a state outside its recorded statehood is not a node of a
/// dated view, [`View::contains`]); with a
/// filter only the entities it reaches are kept (plus the focus itself).
/// O(V + E).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, model::RelationKind, query, store};
/// use diplograph::query::subgraph::{Selection, select};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 5)));
/// let sco = graph.resolve("SCO").unwrap();
/// let around = select(&view, &Selection { via: vec![RelationKind::Member], focus: Some((sco, 1)) });
/// assert_eq!(around.nodes.len(), 11); // the SCO and its ten members
/// ```
pub fn select(view: &View<'_>, selection: &Selection) -> Subgraph {
    let graph = view.graph();
    let admitted = |edge: EdgeIndex| view.in_force(edge) && selection.admits(graph.kind(edge));
    let Some((focus, depth)) = selection.focus else {
        let edges: Vec<EdgeIndex> = if selection.via.is_empty() {
            view.relations().collect()
        } else {
            view.relations().filter(|e| admitted(*e)).collect()
        };
        let nodes = if selection.via.is_empty() {
            view.nodes().collect()
        } else {
            let mut touched = vec![false; graph.node_count()];
            for e in &edges {
                let (a, b) = graph.endpoints(*e);
                touched[a.index()] = true;
                touched[b.index()] = true;
            }
            graph.nodes().filter(|n| touched[n.index()]).collect()
        };
        return Subgraph { nodes, edges };
    };
    let mut seen: HashSet<NodeIndex> = HashSet::from([focus]);
    let mut queue = VecDeque::from([(focus, 0usize)]);
    while let Some((node, dist)) = queue.pop_front() {
        if dist == depth {
            continue;
        }
        for (edge, other, _) in view.incident_edges(node) {
            if selection.admits(graph.kind(edge)) && seen.insert(other) {
                queue.push_back((other, dist + 1));
            }
        }
    }
    let mut nodes: Vec<NodeIndex> = seen.into_iter().collect();
    nodes.sort();
    let edges = view
        .relations()
        .filter(|e| admitted(*e))
        .filter(|e| {
            let (a, b) = graph.endpoints(*e);
            nodes.binary_search(&a).is_ok() && nodes.binary_search(&b).is_ok()
        })
        .collect();
    Subgraph { nodes, edges }
}
