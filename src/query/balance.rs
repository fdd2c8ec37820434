//! Structural balance of the signed network of states (Cartwright &
//! Harary 1956): "the friend of my friend is my friend, the enemy of my
//! friend is my enemy".
//!
//! A triangle of three mutually tied states is balanced under the strict
//! definition when the product of its signs is positive (+++ or +−−).
//! Under weak balance (Davis 1967) a triangle of three enemies (−−−) is also
//! balanced: several hostile camps are stable too.
//!
//! The **frustration index** is the fewest ties whose sign must change for
//! the whole network to be balanced: for strict balance, the minimum over
//! all two-camp splits of (negative ties inside a camp + positive ties
//! across); for weak balance, the same over splits into any number of
//! camps. It is computed exactly by enumeration for every connected part of
//! at most [`EXACT_LIMIT`] states ([`WEAK_EXACT_LIMIT`] for weak balance),
//! and above that by the relocation heuristic of
//! [`crate::query::cluster::blocs`], which gives an upper bound (reported
//! with `exact: false`).

use petgraph::graph::NodeIndex;

use crate::query::cluster::blocs::blocs;
use crate::query::signed::SignedNetwork;

/// Largest connected part (in states) whose strict frustration is computed
/// exactly (2^(n−1) splits).
pub const EXACT_LIMIT: usize = 20;

/// Largest connected part whose weak frustration is computed exactly (all
/// set partitions: the Bell number B(10) = 115,975).
pub const WEAK_EXACT_LIMIT: usize = 10;

/// A triangle of states with its three signs (ab, bc, ca).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Triangle {
    pub states: [NodeIndex; 3],
    pub signs: [i8; 3],
}

/// Balance of the network.
#[derive(Clone, Debug)]
pub struct Balance {
    pub weak: bool,
    pub triangles: usize,
    pub balanced: usize,
    pub unbalanced: Vec<Triangle>,
    /// Balanced share of triangles (1 when there are none).
    pub triangle_index: f64,
    /// Fewest sign changes that balance the network.
    pub frustration: usize,
    /// Whether `frustration` is exact or an upper bound.
    pub exact: bool,
    /// Number of states and of signed ties considered.
    pub states: usize,
    pub ties: usize,
}

/// Counts triangles and computes the frustration index. Triangles are
/// found by intersecting sorted neighbour lists: O(Σ deg²).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::{balance::balance, signed::SignedNetwork};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let b = balance(&SignedNetwork::build(&view, &[]), false);
/// // India and Pakistan both friendly with each SCO partner but disputing Kashmir.
/// assert!(b.unbalanced.iter().all(|t| t.signs.iter().filter(|s| **s < 0).count() == 1));
/// assert_eq!(b.frustration, 1);
/// ```
pub fn balance(net: &SignedNetwork, weak: bool) -> Balance {
    let n = net.states.len();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(i, j) in net.ties.keys() {
        adj[i].push(j);
        adj[j].push(i);
    }
    for list in &mut adj {
        list.sort_unstable();
    }
    let mut triangles = 0;
    let mut unbalanced = Vec::new();
    for i in 0..n {
        for &j in adj[i].iter().filter(|j| **j > i) {
            for &k in adj[j].iter().filter(|k| **k > j) {
                if adj[i].binary_search(&k).is_err() {
                    continue;
                }
                triangles += 1;
                let signs = [net.sign_at(i, j), net.sign_at(j, k), net.sign_at(k, i)];
                let product: i8 = signs.iter().product();
                let all_negative = signs.iter().all(|s| *s < 0);
                let ok = product > 0 || (weak && all_negative);
                if !ok {
                    unbalanced.push(Triangle {
                        states: [net.states[i], net.states[j], net.states[k]],
                        signs,
                    });
                }
            }
        }
    }
    let (frustration, exact) = frustration(net, &adj, weak);
    Balance {
        weak,
        triangles,
        balanced: triangles - unbalanced.len(),
        triangle_index: if triangles == 0 {
            1.0
        } else {
            (triangles - unbalanced.len()) as f64 / triangles as f64
        },
        unbalanced,
        frustration,
        exact,
        states: n,
        ties: net.ties.len(),
    }
}

fn frustration(net: &SignedNetwork, adj: &[Vec<usize>], weak: bool) -> (usize, bool) {
    // Connected parts are independent.
    let n = adj.len();
    let mut part = vec![usize::MAX; n];
    let mut parts: Vec<Vec<usize>> = Vec::new();
    for start in 0..n {
        if part[start] != usize::MAX {
            continue;
        }
        let id = parts.len();
        let mut stack = vec![start];
        part[start] = id;
        let mut members = Vec::new();
        while let Some(v) = stack.pop() {
            members.push(v);
            for &w in &adj[v] {
                if part[w] == usize::MAX {
                    part[w] = id;
                    stack.push(w);
                }
            }
        }
        members.sort_unstable();
        parts.push(members);
    }
    let mut total = 0;
    let mut exact = true;
    let limit = if weak { WEAK_EXACT_LIMIT } else { EXACT_LIMIT };
    for members in parts {
        if members.len() <= limit {
            total += exact_frustration(net, &members, weak);
        } else {
            exact = false;
            let sub = net.restricted(&members);
            let best = blocs(&sub, 0.5, if weak { None } else { Some(2) });
            // At α = 0.5 each broken tie adds 0.5 to P.
            total += (best.error * 2.0).round() as usize;
        }
    }
    (total, exact)
}

/// Minimum broken ties over all splits of `members` into two camps
/// (strict) or into any number of camps (weak), by enumeration.
fn exact_frustration(net: &SignedNetwork, members: &[usize], weak: bool) -> usize {
    let m = members.len();
    if m < 2 {
        return 0;
    }
    let ties: Vec<(usize, usize, i8)> = net
        .ties
        .iter()
        .filter_map(|(&(i, j), t)| {
            let a = members.binary_search(&i).ok()?;
            let b = members.binary_search(&j).ok()?;
            Some((a, b, t.sign))
        })
        .collect();
    let broken = |camp: &[usize]| {
        ties.iter()
            .filter(|(a, b, s)| (camp[*a] == camp[*b]) == (*s < 0))
            .count()
    };
    let mut best = usize::MAX;
    let mut camp = vec![0usize; m];
    if weak {
        // Every set partition, as restricted growth strings.
        fn visit(
            i: usize,
            max: usize,
            camp: &mut Vec<usize>,
            best: &mut usize,
            broken: &dyn Fn(&[usize]) -> usize,
        ) {
            if i == camp.len() {
                *best = (*best).min(broken(camp));
                return;
            }
            for c in 0..=max + 1 {
                camp[i] = c;
                visit(i + 1, max.max(c), camp, best, broken);
            }
        }
        visit(1, 0, &mut camp, &mut best, &broken);
    } else {
        // Member 0 stays in camp 0: 2^(m−1) splits.
        for mask in 0u64..(1u64 << (m - 1)) {
            for (bit, c) in camp.iter_mut().skip(1).enumerate() {
                *c = ((mask >> bit) & 1) as usize;
            }
            best = best.min(broken(&camp));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn network(n: usize, ties: &[(usize, usize, i8)]) -> SignedNetwork {
        SignedNetwork::from_ties(n, ties)
    }

    #[test]
    fn counts_balanced_and_unbalanced_triangles() {
        // 0,1,2: + + − (unbalanced); 1,2,3: − − − (weakly balanced only)
        let net = network(
            4,
            &[(0, 1, 1), (0, 2, 1), (1, 2, -1), (1, 3, -1), (2, 3, -1)],
        );
        let strict = balance(&net, false);
        assert_eq!(strict.triangles, 2);
        assert_eq!(strict.unbalanced.len(), 2);
        assert_eq!(strict.frustration, 1); // make 1–2 positive
        let weak = balance(&net, true);
        assert_eq!(weak.unbalanced.len(), 1);
        assert_eq!(weak.balanced, 1);
        assert_eq!(weak.frustration, 1);
        assert!(weak.exact && strict.exact);
    }

    #[test]
    fn heuristic_bound_is_never_below_the_exact_value() {
        // A ring of 24 states with one negative tie: exactly 1 to fix.
        let mut ties: Vec<(usize, usize, i8)> = (0..24).map(|i| (i, (i + 1) % 24, 1)).collect();
        ties[5].2 = -1;
        let b = balance(&network(24, &ties), false);
        assert!(!b.exact);
        assert!(b.frustration >= 1);
        assert_eq!(b.frustration, 1);
    }
}
