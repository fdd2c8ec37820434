//! Maximal cliques of friendly states: groups in which every pair has a
//! positive tie (Bron–Kerbosch with pivoting).

use petgraph::graph::NodeIndex;

use super::sort_groups;
use crate::query::signed::SignedNetwork;

/// Maximal cliques of at least `min_size` states on the positive ties of
/// `net`, largest first. Worst case exponential (3^(n/3)), fast on sparse
/// or blocky networks.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::{cluster::maximal_cliques, signed::SignedNetwork};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let cliques = maximal_cliques(&SignedNetwork::build(&view, &[]), 3);
/// // India and Pakistan dispute Kashmir, so the SCO splits into two cliques.
/// assert_eq!(cliques[0].len(), 9);
/// assert_eq!(cliques[1].len(), 9);
/// ```
pub fn maximal_cliques(net: &SignedNetwork, min_size: usize) -> Vec<Vec<NodeIndex>> {
    let n = net.states.len();
    let mut friends = vec![Vec::new(); n];
    for (&(i, j), tie) in &net.ties {
        if tie.sign > 0 {
            friends[i].push(j);
            friends[j].push(i);
        }
    }
    for list in &mut friends {
        list.sort_unstable();
    }
    let mut out = Vec::new();
    bron_kerbosch(&friends, Vec::new(), (0..n).collect(), Vec::new(), &mut out);
    let groups = out
        .into_iter()
        .filter(|c| c.len() >= min_size)
        .map(|c| c.into_iter().map(|i| net.states[i]).collect())
        .collect();
    sort_groups(groups)
}

fn bron_kerbosch(
    friends: &[Vec<usize>],
    r: Vec<usize>,
    mut p: Vec<usize>,
    mut x: Vec<usize>,
    out: &mut Vec<Vec<usize>>,
) {
    if p.is_empty() {
        if x.is_empty() {
            out.push(r);
        }
        return;
    }
    let is_friend = |a: usize, b: usize| friends[a].binary_search(&b).is_ok();
    // Pivot: the vertex of P ∪ X with the most friends in P.
    let pivot = p
        .iter()
        .chain(&x)
        .copied()
        .max_by_key(|u| {
            (
                p.iter().filter(|v| is_friend(*u, **v)).count(),
                usize::MAX - u,
            )
        })
        .expect("P is not empty");
    let candidates: Vec<usize> = p
        .iter()
        .copied()
        .filter(|v| !is_friend(pivot, *v))
        .collect();
    for v in candidates {
        let mut r2 = r.clone();
        r2.push(v);
        let p2 = p.iter().copied().filter(|u| is_friend(v, *u)).collect();
        let x2 = x.iter().copied().filter(|u| is_friend(v, *u)).collect();
        bron_kerbosch(friends, r2, p2, x2, out);
        p.retain(|u| *u != v);
        x.push(v);
    }
}
