//! Who sits at the centre, and who brokers between groups: degree,
//! betweenness and PageRank over a subgraph, direction ignored, parallel
//! relations counted once.

use std::collections::HashMap;

use petgraph::graph::{NodeIndex, UnGraph};

use super::subgraph::Subgraph;
use crate::graph::DiploGraph;

/// The centrality measures offered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    /// Number of distinct entities one relation away.
    Degree,
    /// Share of shortest paths between other entities that pass through
    /// this one (Brandes; normalised to 0..1): the brokers.
    #[default]
    Betweenness,
    /// Stationary probability of a random walk with restarts (damping
    /// 0.85): importance inherited from important neighbours.
    Pagerank,
}

/// One entity's score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    pub node: NodeIndex,
    pub score: f64,
}

/// The simple undirected graph of a subgraph, with the map back to nodes.
fn simple_graph(graph: &DiploGraph, sub: &Subgraph) -> UnGraph<(), ()> {
    let position: HashMap<NodeIndex, u32> = sub
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, i as u32))
        .collect();
    let mut pairs: Vec<(u32, u32)> = sub
        .edges
        .iter()
        .filter_map(|e| {
            let (a, b) = graph.endpoints(*e);
            let (i, j) = (*position.get(&a)?, *position.get(&b)?);
            (i != j).then_some((i.min(j), i.max(j)))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut simple = UnGraph::with_capacity(sub.nodes.len(), pairs.len());
    for _ in &sub.nodes {
        simple.add_node(());
    }
    simple.extend_with_edges(pairs);
    simple
}

/// Scores every entity of `sub`, highest first (ties in file order).
///
/// Betweenness uses rustworkx-core's Brandes implementation, O(V·E).
/// PageRank is a power iteration written here, O(iterations·E): petgraph's
/// `page_rank` rescans every node's edges for every pair of nodes, which is
/// quadratic in V and unusable on large graphs.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::{centrality::{Measure, centrality}, subgraph::{Selection, select}};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let ranked = centrality(&graph, &select(&view, &Selection::default()), Measure::Degree);
/// assert_eq!(graph.entity(ranked[0].node).id, "UN"); // every state is a member
/// ```
pub fn centrality(graph: &DiploGraph, sub: &Subgraph, measure: Measure) -> Vec<Score> {
    let simple = simple_graph(graph, sub);
    let values: Vec<f64> = match measure {
        Measure::Degree => simple
            .node_indices()
            .map(|n| simple.neighbors(n).count() as f64)
            .collect(),
        Measure::Betweenness => {
            rustworkx_core::centrality::betweenness_centrality(&simple, false, true, 50)
                .into_iter()
                .map(|v| v.unwrap_or(0.0))
                .collect()
        }
        Measure::Pagerank => pagerank(&simple, 0.85, 100, 1e-10),
    };
    let mut scores: Vec<Score> = sub
        .nodes
        .iter()
        .zip(values)
        .map(|(node, score)| Score { node: *node, score })
        .collect();
    scores.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.node.cmp(&b.node)));
    scores
}

/// PageRank by power iteration on an undirected graph; a node without
/// neighbours spreads its rank evenly. Stops when the L1 change falls
/// below `tolerance`. Ranks sum to 1.
pub fn pagerank(g: &UnGraph<(), ()>, damping: f64, iterations: usize, tolerance: f64) -> Vec<f64> {
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let degree: Vec<f64> = g
        .node_indices()
        .map(|v| g.neighbors(v).count() as f64)
        .collect();
    let mut rank = vec![1.0 / n as f64; n];
    for _ in 0..iterations {
        let dangling: f64 = (0..n).filter(|v| degree[*v] == 0.0).map(|v| rank[v]).sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        let mut next = vec![base; n];
        for edge in g.edge_indices() {
            let (a, b) = g.edge_endpoints(edge).expect("edge exists");
            let (a, b) = (a.index(), b.index());
            next[b] += damping * rank[a] / degree[a];
            next[a] += damping * rank[b] / degree[b];
        }
        let change: f64 = next.iter().zip(&rank).map(|(x, y)| (x - y).abs()).sum();
        rank = next;
        if change < tolerance {
            break;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagerank_of_a_star_favours_the_hub_and_sums_to_one() {
        let g = UnGraph::<(), ()>::from_edges([(0, 1), (0, 2), (0, 3), (0, 4)]);
        let r = pagerank(&g, 0.85, 100, 1e-12);
        assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(r[0] > r[1]);
        assert!((r[1] - r[4]).abs() < 1e-12);
        // Solving h = (1−d)/5 + 4d·l and l = (1−d)/5 + d·h/4 gives h = 0.132/0.2775.
        assert!((r[0] - 0.132 / 0.2775).abs() < 1e-6, "{}", r[0]);
    }

    #[test]
    fn pagerank_handles_isolated_nodes() {
        let mut g = UnGraph::<(), ()>::from_edges([(0, 1)]);
        g.add_node(());
        let r = pagerank(&g, 0.85, 100, 1e-12);
        assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(r[2] > 0.0);
    }
}
