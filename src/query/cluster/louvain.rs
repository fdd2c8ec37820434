//! Louvain modularity communities (Blondel et al. 2008), written here
//! because petgraph has none.
//!
//! Deterministic: nodes are visited in file order and a node moves only to
//! a community with strictly greater gain, ties going to the lowest
//! community number, so the same graph always gives the same communities.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use super::sort_groups;
use crate::graph::DiploGraph;
use crate::query::subgraph::Subgraph;

/// Communities and the modularity Q of the partition.
#[derive(Clone, Debug, PartialEq)]
pub struct Communities {
    pub groups: Vec<Vec<NodeIndex>>,
    pub modularity: f64,
}

/// A weighted undirected graph on 0..n with self-loops allowed.
struct Weighted {
    adj: Vec<Vec<(usize, f64)>>,
    /// Total weight of all edges (each counted once).
    total: f64,
}

impl Weighted {
    fn degree(&self, i: usize) -> f64 {
        self.adj[i]
            .iter()
            .map(|(j, w)| if *j == i { 2.0 * w } else { *w })
            .sum()
    }
}

/// Louvain over a subgraph: every relation weighs 1 (parallel relations add
/// up); direction is ignored. Returns the communities (largest first) and
/// Q = Σ_c [L_c/m − (d_c/2m)²]. O(E) per pass, a few passes in practice.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::{cluster::louvain, subgraph::{Selection, select}};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let sub = select(&view, &Selection::default());
/// let found = louvain(&graph, &sub);
/// assert!(found.modularity > 0.0);
/// assert_eq!(found, louvain(&graph, &sub)); // deterministic
/// ```
pub fn louvain(graph: &DiploGraph, sub: &Subgraph) -> Communities {
    let position: std::collections::HashMap<NodeIndex, usize> =
        sub.nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let mut merged: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for edge in &sub.edges {
        let (a, b) = graph.petgraph().edge_endpoints(*edge).expect("edge exists");
        let (i, j) = (position[&a], position[&b]);
        *merged.entry((i.min(j), i.max(j))).or_default() += 1.0;
    }
    let mut level = build(sub.nodes.len(), &merged);
    // membership[v] = community of original node v
    let mut membership: Vec<usize> = (0..sub.nodes.len()).collect();
    loop {
        let (community, moved) = one_level(&level);
        if !moved {
            break;
        }
        // renumber communities 0..c in order of first appearance
        let mut renumber: BTreeMap<usize, usize> = BTreeMap::new();
        for c in &community {
            let next = renumber.len();
            renumber.entry(*c).or_insert(next);
        }
        for m in membership.iter_mut() {
            *m = renumber[&community[*m]];
        }
        let mut coarse: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for (i, list) in level.adj.iter().enumerate() {
            for (j, w) in list {
                if i <= *j {
                    let (a, b) = (renumber[&community[i]], renumber[&community[*j]]);
                    *coarse.entry((a.min(b), a.max(b))).or_default() += w;
                }
            }
        }
        level = build(renumber.len(), &coarse);
    }
    let modularity = modularity_of(&build(sub.nodes.len(), &merged), &membership);
    let mut groups: BTreeMap<usize, Vec<NodeIndex>> = BTreeMap::new();
    for (v, c) in membership.iter().enumerate() {
        groups.entry(*c).or_default().push(sub.nodes[v]);
    }
    Communities {
        groups: sort_groups(groups.into_values().collect()),
        modularity,
    }
}

fn build(n: usize, edges: &BTreeMap<(usize, usize), f64>) -> Weighted {
    let mut adj = vec![Vec::new(); n];
    let mut total = 0.0;
    for (&(i, j), &w) in edges {
        adj[i].push((j, w));
        if i != j {
            adj[j].push((i, w));
        }
        total += w;
    }
    Weighted { adj, total }
}

/// Local moving until no node improves; returns each node's community and
/// whether anything moved.
fn one_level(g: &Weighted) -> (Vec<usize>, bool) {
    let n = g.adj.len();
    let m2 = 2.0 * g.total;
    let mut community: Vec<usize> = (0..n).collect();
    if g.total == 0.0 {
        return (community, false);
    }
    let degree: Vec<f64> = (0..n).map(|i| g.degree(i)).collect();
    let mut community_total: Vec<f64> = degree.clone();
    let mut moved_any = false;
    loop {
        let mut moved = false;
        for i in 0..n {
            let own = community[i];
            // weights from i to each neighbouring community
            let mut links: BTreeMap<usize, f64> = BTreeMap::new();
            for (j, w) in &g.adj[i] {
                if *j != i {
                    *links.entry(community[*j]).or_default() += w;
                }
            }
            community_total[own] -= degree[i];
            let gain = |c: usize, to_c: f64| to_c - community_total[c] * degree[i] / m2;
            let stay = gain(own, links.get(&own).copied().unwrap_or(0.0));
            let mut best = (own, stay);
            for (&c, &to_c) in &links {
                let g_c = gain(c, to_c);
                // Ascending order: among equal gains the lowest community wins;
                // a gain no better than staying never moves the node.
                if g_c > best.1 + 1e-12 {
                    best = (c, g_c);
                }
            }
            community_total[best.0] += degree[i];
            if best.0 != own {
                community[i] = best.0;
                moved = true;
                moved_any = true;
            }
        }
        if !moved {
            break;
        }
    }
    (community, moved_any)
}

/// Q of a partition of `g`.
fn modularity_of(g: &Weighted, community: &[usize]) -> f64 {
    if g.total == 0.0 {
        return 0.0;
    }
    let m = g.total;
    let mut inside: BTreeMap<usize, f64> = BTreeMap::new();
    let mut degree: BTreeMap<usize, f64> = BTreeMap::new();
    for (i, list) in g.adj.iter().enumerate() {
        *degree.entry(community[i]).or_default() += g.degree(i);
        for (j, w) in list {
            if i <= *j && community[i] == community[*j] {
                *inside.entry(community[i]).or_default() += w;
            }
        }
    }
    degree
        .iter()
        .map(|(c, d)| inside.get(c).copied().unwrap_or(0.0) / m - (d / (2.0 * m)).powi(2))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_triangles_joined_by_one_edge_split_in_two() {
        // 0-1-2 triangle, 3-4-5 triangle, bridge 2-3
        let mut e = BTreeMap::new();
        for (a, b) in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)] {
            e.insert((a, b), 1.0);
        }
        let g = build(6, &e);
        let (community, moved) = one_level(&g);
        assert!(moved);
        assert_eq!(community[0], community[1]);
        assert_eq!(community[1], community[2]);
        assert_eq!(community[3], community[4]);
        assert_ne!(community[2], community[3]);
        // Q = 2·(3/7 − (7/14)²) = 0.357…
        let q = modularity_of(&g, &community);
        assert!((q - (2.0 * (3.0 / 7.0 - 0.25))).abs() < 1e-9, "{q}");
    }

    #[test]
    fn an_empty_graph_has_zero_modularity() {
        let g = build(3, &BTreeMap::new());
        assert_eq!(modularity_of(&g, &[0, 1, 2]), 0.0);
        assert_eq!(one_level(&g), (vec![0, 1, 2], false));
    }
}
