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
/// member first). Union-find, O(E·α(V)): on a large subgraph each of two
/// threads unites half of the relations in a union-find of its own, and
/// the second's sets are then united into the first's (V more unions), so
/// the components are the same as on one thread. On the 1M-relation
/// benchmark graph (with the selection): 8.4 ms, NetworKit's
/// `ConnectedComponents` 21 ms in the same run.
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
    /// Below this many relations a second thread costs more than it saves.
    const PARALLEL_FROM: usize = 1 << 16;
    let unite = |edges: &[petgraph::graph::EdgeIndex]| {
        let mut sets = UnionFind::<u32>::new(graph.node_count());
        for edge in edges {
            let (a, b) = graph.endpoints(*edge);
            sets.union(a.index() as u32, b.index() as u32);
        }
        sets
    };
    let mut sets = if sub.edges.len() < PARALLEL_FROM {
        unite(&sub.edges)
    } else {
        let (low, high) = sub.edges.split_at(sub.edges.len() / 2);
        let (mut sets, mut other) = std::thread::scope(|scope| {
            let other = scope.spawn(|| unite(high));
            (unite(low), other.join().expect("uniting does not panic"))
        });
        for v in 0..graph.node_count() as u32 {
            let root = other.find_mut(v);
            if root != v {
                sets.union(v, root);
            }
        }
        sets
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::When;
    use crate::query::subgraph::{Selection, select};

    #[test]
    fn components_on_two_threads_are_those_of_one() {
        // Enough relations for the two-thread path.
        let params = crate::generate::Params {
            seed: 3,
            countries: 400,
            organizations: 300,
            relations: 70_000,
        };
        let made = crate::generate::generate(&params).unwrap();
        let graph = DiploGraph::new(crate::store::load_str("g.ron", &made.text).unwrap());
        let sub = select(&graph.at(When::AllTime), &Selection::default());
        assert!(sub.edges.len() >= 1 << 16);
        let mut sets = UnionFind::<u32>::new(graph.node_count());
        for edge in &sub.edges {
            let (a, b) = graph.endpoints(*edge);
            sets.union(a.index() as u32, b.index() as u32);
        }
        let parts = components(&graph, &sub);
        assert_eq!(parts.iter().map(Vec::len).sum::<usize>(), sub.nodes.len());
        for part in &parts {
            let root = sets.find(part[0].index() as u32);
            assert!(part.iter().all(|n| sets.find(n.index() as u32) == root));
        }
        let roots: std::collections::HashSet<u32> = parts
            .iter()
            .map(|p| sets.find(p[0].index() as u32))
            .collect();
        assert_eq!(roots.len(), parts.len());
    }
}
