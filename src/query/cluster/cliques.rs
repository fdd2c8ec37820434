//! Maximal cliques of friendly states: groups in which every pair has a
//! positive tie (Bron–Kerbosch with pivoting).

use petgraph::graph::NodeIndex;

use super::sort_groups;
use crate::query::signed::SignedNetwork;

/// At most this many cliques are listed: a dense network of a few thousand
/// states has more maximal cliques than memory (the 1M-relation benchmark
/// graph filled 24 GiB before this cap).
pub const MAX_CLIQUES: usize = 10_000;

/// Maximal cliques of at least `min_size` states on the positive ties of
/// `net`, largest first, and whether the search stopped at
/// [`MAX_CLIQUES`]. Worst case exponential (3^(n/3)), fast on sparse or
/// blocky networks; memory is bounded by the cap.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::{cluster::maximal_cliques, signed::SignedNetwork};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let (cliques, truncated) = maximal_cliques(&SignedNetwork::build(&view, &[]), 3);
/// assert!(!truncated);
/// // India and Pakistan dispute Kashmir, so the SCO splits into two cliques.
/// assert_eq!(cliques[0].len(), 9);
/// assert_eq!(cliques[1].len(), 9);
/// ```
pub fn maximal_cliques(net: &SignedNetwork, min_size: usize) -> (Vec<Vec<NodeIndex>>, bool) {
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
    let mut found = Found {
        cliques: Vec::new(),
        min_size,
        cap: MAX_CLIQUES,
    };
    bron_kerbosch(
        &friends,
        Vec::new(),
        (0..n).collect(),
        Vec::new(),
        &mut found,
    );
    let truncated = found.cliques.len() >= found.cap;
    let groups = found
        .cliques
        .into_iter()
        .map(|c| c.into_iter().map(|i| net.states[i]).collect())
        .collect();
    (sort_groups(groups), truncated)
}

/// The cliques kept so far: only those of `min_size` or more, at most `cap`.
struct Found {
    cliques: Vec<Vec<usize>>,
    min_size: usize,
    cap: usize,
}

fn bron_kerbosch(
    friends: &[Vec<usize>],
    r: Vec<usize>,
    mut p: Vec<usize>,
    mut x: Vec<usize>,
    found: &mut Found,
) {
    if found.cliques.len() >= found.cap {
        return;
    }
    if p.is_empty() {
        if x.is_empty() && r.len() >= found.min_size {
            found.cliques.push(r);
        }
        return;
    }
    // No clique here can reach the minimum size.
    if r.len() + p.len() < found.min_size {
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
        bron_kerbosch(friends, r2, p2, x2, found);
        p.retain(|u| *u != v);
        x.push(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Moon–Moser graph: 2k nodes, every pair friendly except i and i + k.
    /// It has 2^k maximal cliques, each of size k.
    fn moon_moser(k: usize) -> Vec<Vec<usize>> {
        let n = 2 * k;
        (0..n)
            .map(|i| (0..n).filter(|j| *j != i && *j != (i + k) % n).collect())
            .collect()
    }

    fn search(friends: &[Vec<usize>], min_size: usize, cap: usize) -> Found {
        let mut found = Found {
            cliques: Vec::new(),
            min_size,
            cap,
        };
        let n = friends.len();
        bron_kerbosch(
            friends,
            Vec::new(),
            (0..n).collect(),
            Vec::new(),
            &mut found,
        );
        found
    }

    #[test]
    fn every_maximal_clique_is_found_below_the_cap() {
        let found = search(&moon_moser(5), 1, 1_000);
        assert_eq!(found.cliques.len(), 32);
        assert!(found.cliques.iter().all(|c| c.len() == 5));
    }

    #[test]
    fn the_search_stops_at_the_cap_and_skips_small_cliques() {
        let found = search(&moon_moser(12), 1, 100);
        assert_eq!(found.cliques.len(), 100);
        assert!(search(&moon_moser(5), 6, 1_000).cliques.is_empty());
    }
}
