//! Label propagation communities (Raghavan, Albert & Kumara 2007): every
//! entity starts in its own community and repeatedly joins the one most of
//! its relations lead to, until no entity wants to move.
//!
//! Deterministic, unlike the usual random version: each round visits the
//! entities in a fixed order of its own, a relation counts once per relation (parallel relations add
//! up, as in [`super::louvain`]), an entity keeps its label when that label
//! is among the best, and other ties are broken by a fixed hash of (label,
//! entity, round), which behaves like a coin but lands the same way on
//! every run. Much faster
//! than Louvain and usually coarser; a quick look at the structure of a
//! large graph.

use petgraph::graph::NodeIndex;

use super::sort_groups;
use crate::graph::DiploGraph;
use crate::query::subgraph::Subgraph;

/// Rounds after which propagation stops even if labels still change
/// (on real graphs it settles in a few dozen).
pub const MAX_ROUNDS: usize = 100;

/// Communities of a subgraph by label propagation, largest first (members
/// in file order). O(rounds · E).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::{cluster::label_propagation, subgraph::{Selection, select}};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let sub = select(&view, &Selection::default());
/// let groups = label_propagation(&graph, &sub);
/// assert_eq!(groups.iter().map(Vec::len).sum::<usize>(), sub.nodes.len());
/// assert_eq!(groups, label_propagation(&graph, &sub)); // deterministic
/// ```
pub fn label_propagation(graph: &DiploGraph, sub: &Subgraph) -> Vec<Vec<NodeIndex>> {
    let n = sub.nodes.len();
    let mut position = vec![u32::MAX; graph.node_count()];
    for (i, node) in sub.nodes.iter().enumerate() {
        position[node.index()] = i as u32;
    }
    // Undirected adjacency of the selection, one entry per relation.
    let mut start = vec![0u32; n + 1];
    let ends: Vec<(u32, u32)> = sub
        .edges
        .iter()
        .map(|e| {
            let (a, b) = graph.endpoints(*e);
            (position[a.index()], position[b.index()])
        })
        .collect();
    for &(a, b) in &ends {
        start[a as usize + 1] += 1;
        start[b as usize + 1] += 1;
    }
    for v in 0..n {
        start[v + 1] += start[v];
    }
    let mut next = start.clone();
    let mut adj = vec![0u32; start[n] as usize];
    for &(a, b) in &ends {
        adj[next[a as usize] as usize] = b;
        next[a as usize] += 1;
        adj[next[b as usize] as usize] = a;
        next[b as usize] += 1;
    }
    drop(ends);
    let mut label: Vec<u32> = (0..n as u32).collect();
    let mut count = vec![0u32; n];
    let mut seen: Vec<u32> = Vec::new();
    for round in 0..MAX_ROUNDS {
        let mut changed = false;
        // Each round visits the entities in a different fixed order (a
        // stride through them), which keeps one label from sweeping the
        // graph in file order.
        let (stride, offset) = order(n, round);
        for k in 0..n {
            let v = ((k as u64 * stride + offset) % n as u64) as usize;
            let neighbours = &adj[start[v] as usize..start[v + 1] as usize];
            if neighbours.is_empty() {
                continue;
            }
            for &u in neighbours {
                let l = label[u as usize];
                if count[l as usize] == 0 {
                    seen.push(l);
                }
                count[l as usize] += 1;
            }
            let own = label[v];
            let top = seen.iter().map(|l| count[*l as usize]).max().unwrap_or(0);
            let best = if count[own as usize] == top {
                own
            } else {
                // A fixed pseudo-random choice among the tied labels: always
                // taking the lowest would let one label flood the graph.
                seen.iter()
                    .copied()
                    .filter(|l| count[*l as usize] == top)
                    .min_by_key(|l| mix((u64::from(*l) << 32) ^ v as u64 ^ ((round as u64) << 56)))
                    .unwrap_or(own)
            };
            for l in seen.drain(..) {
                count[l as usize] = 0;
            }
            if best != own {
                label[v] = best;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut groups: Vec<Vec<NodeIndex>> = vec![Vec::new(); n];
    for (v, l) in label.iter().enumerate() {
        groups[*l as usize].push(sub.nodes[v]);
    }
    groups.retain(|g| !g.is_empty());
    sort_groups(groups)
}

/// A stride coprime to `n` and an offset: `k ↦ (k·stride + offset) mod n`
/// visits every entity once, in an order that changes with the round.
fn order(n: usize, round: usize) -> (u64, u64) {
    let n = n.max(1) as u64;
    let gcd = |mut a: u64, mut b: u64| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    };
    let mut stride = (mix(round as u64) % n) | 1;
    while gcd(stride, n) != 1 {
        stride += 1;
    }
    (stride, mix(!(round as u64)) % n)
}

/// SplitMix64's finaliser: a fixed, well-spread hash of a number.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{DiploGraph, When};
    use crate::query::subgraph::{Selection, select};

    #[test]
    fn two_cliques_joined_by_one_relation_stay_apart() {
        let text = r#"(version: 1, checked: "2024-01-01",
            entities: [country(id: "AAA", name: "A"), country(id: "BBB", name: "B"),
                country(id: "CCC", name: "C"), country(id: "DDD", name: "D"),
                country(id: "EEE", name: "E"), country(id: "FFF", name: "F")],
            relations: [partnership(from: "AAA", to: "BBB"), partnership(from: "BBB", to: "CCC"),
                partnership(from: "AAA", to: "CCC"), partnership(from: "DDD", to: "EEE"),
                partnership(from: "EEE", to: "FFF"), partnership(from: "DDD", to: "FFF"),
                rivalry(from: "CCC", to: "DDD")])"#;
        let graph = DiploGraph::new(crate::store::load_str("t", text).unwrap());
        let sub = select(&graph.at(When::AllTime), &Selection::default());
        let groups = label_propagation(&graph, &sub);
        assert_eq!(groups.len(), 2);
        assert!(groups.iter().all(|g| g.len() == 3));
    }
}
