//! Groups of entities: connected components, Louvain communities, signed
//! blocs (Doreian & Mrvar) and maximal cliques of friendly states.

pub mod blocs;
pub mod cliques;
pub mod louvain;

use petgraph::graph::NodeIndex;
use petgraph::unionfind::UnionFind;

use super::subgraph::Subgraph;
use crate::graph::DiploGraph;

pub use blocs::{Blocs, blocs};
pub use cliques::maximal_cliques;
pub use louvain::{Communities, louvain};

/// Connected components of a subgraph, largest first (ties: earliest
/// member first). Union-find, O(E·α(V)).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, model::RelationKind, store};
/// use diplograph::query::{cluster::components, subgraph::{Selection, select}};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let sub = select(&view, &Selection { via: vec![RelationKind::Dispute], focus: None });
/// let parts = components(&graph, &sub);
/// assert_eq!(parts.len(), 1); // India and Pakistan
/// assert_eq!(parts[0].len(), 2);
/// ```
pub fn components(graph: &DiploGraph, sub: &Subgraph) -> Vec<Vec<NodeIndex>> {
    let mut sets = UnionFind::<usize>::new(graph.petgraph().node_count());
    for edge in &sub.edges {
        let (a, b) = graph.petgraph().edge_endpoints(*edge).expect("edge exists");
        sets.union(a.index(), b.index());
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<NodeIndex>> = Default::default();
    for node in &sub.nodes {
        groups
            .entry(sets.find(node.index()))
            .or_default()
            .push(*node);
    }
    sort_groups(groups.into_values().collect())
}

/// Largest group first, then by first member; members in file order.
pub fn sort_groups(mut groups: Vec<Vec<NodeIndex>>) -> Vec<Vec<NodeIndex>> {
    for g in &mut groups {
        g.sort();
    }
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    groups
}
