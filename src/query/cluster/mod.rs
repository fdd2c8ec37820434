//! Groups of entities: connected components, Louvain communities, label
//! propagation, signed blocs (Doreian & Mrvar) and maximal cliques of
//! friendly states.

pub mod blocs;
pub mod cliques;
pub mod labels;
pub mod louvain;

use petgraph::graph::NodeIndex;
use petgraph::unionfind::UnionFind;

use super::subgraph::Subgraph;
use crate::graph::DiploGraph;

pub use blocs::{Blocs, blocs};
pub use cliques::maximal_cliques;
pub use labels::label_propagation;
pub use louvain::{Communities, louvain, modularity};

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
    let mut sets = UnionFind::<u32>::new(graph.node_count());
    for edge in &sub.edges {
        let (a, b) = graph.endpoints(*edge);
        sets.union(a.index() as u32, b.index() as u32);
    }
    // Groups in order of their first node; sort_groups orders them.
    let mut slot = vec![u32::MAX; graph.node_count()];
    let mut groups: Vec<Vec<NodeIndex>> = Vec::new();
    for node in &sub.nodes {
        let root = sets.find_mut(node.index() as u32) as usize;
        if slot[root] == u32::MAX {
            slot[root] = groups.len() as u32;
            groups.push(Vec::new());
        }
        groups[slot[root] as usize].push(*node);
    }
    sort_groups(groups)
}

/// Largest group first, then by first member; members in file order.
pub fn sort_groups(mut groups: Vec<Vec<NodeIndex>>) -> Vec<Vec<NodeIndex>> {
    for g in &mut groups {
        g.sort_unstable();
    }
    // Groups are disjoint, so no two compare equal: an unstable sort is
    // the same order.
    groups.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    groups
}
