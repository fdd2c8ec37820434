//! Signed blocs: the partition of states into k groups that best matches
//! structural balance (Doreian & Mrvar 2009, "Partitioning signed social
//! networks").
//!
//! A partition's error is P = α·(negative ties inside groups) + (1−α)·
//! (positive ties between groups). For each k the partition is improved by
//! relocation (moving one state, or swapping two, whenever P drops) from
//! several deterministic starts; the k with the lowest P wins, the smaller
//! k on ties. Relocation is a heuristic: P is an upper bound on the optimum,
//! exact on small networks in practice. Starts are fixed, so the result is
//! the same on every run.

use petgraph::graph::NodeIndex;

use super::sort_groups;
use crate::query::signed::SignedNetwork;

/// The largest k tried when none is given.
pub const MAX_K: usize = 8;

/// Random restarts per k, from fixed seeds.
const RESTARTS: u64 = 24;

/// Neighbour visits allowed per call, shared evenly by the k tried: starts
/// run in order while their k's share lasts, and a start that exhausts it
/// stops where it is (its partition is still valid, its P still an upper
/// bound). A few thousand states with a million ties get one or two starts
/// per k; the bundled graph never comes near it.
pub const WORK_BUDGET: usize = 50_000_000;
/// The best partition found.
#[derive(Clone, Debug, PartialEq)]
pub struct Blocs {
    /// The blocs, largest first.
    pub groups: Vec<Vec<NodeIndex>>,
    /// The number of groups of the winning partition (the k with the lowest
    /// P, or the one asked for); `groups` omits any that came out empty.
    pub k: usize,
    /// The weight α of a negative tie inside a bloc in P; a positive tie
    /// between blocs weighs 1 − α.
    pub alpha: f64,
    /// The error P of this partition.
    pub error: f64,
    /// Negative ties inside a bloc (they break the partition).
    pub negative_inside: Vec<(NodeIndex, NodeIndex)>,
    /// Positive ties between blocs (they break it too).
    pub positive_between: Vec<(NodeIndex, NodeIndex)>,
    /// Starting partitions tried, over every k.
    pub starts: usize,
    /// Whether the search stopped on its work budget ([`WORK_BUDGET`])
    /// before trying every start to the end.
    pub budgeted: bool,
}

/// A partition of positions `0..n` of an adjacency.
#[derive(Clone, Debug, PartialEq)]
pub struct Partition {
    /// The error P.
    pub error: f64,
    /// The number of groups asked for (some may be empty).
    pub k: usize,
    /// Each position's group.
    pub assignment: Vec<usize>,
    /// Starts tried, over every k.
    pub starts: usize,
    /// Whether the work budget ran out.
    pub budgeted: bool,
}

/// Partitions the states of `net`. `k` fixes the number of blocs; otherwise
/// 1..=min(n, [`MAX_K`]) are tried. O(k·restarts·passes·(n·k + ties)).
///
/// On large networks the search is budgeted (see [`partition`]) and says
/// so in [`Blocs::budgeted`].
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::{cluster::blocs, signed::SignedNetwork};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let found = blocs(&SignedNetwork::build(&view, &[]), 0.5, None);
/// let bloc_of = |id: &str| found.groups.iter().position(|g| g.contains(&graph.node(id).unwrap()));
/// assert_eq!(bloc_of("RUS"), bloc_of("CHN"));
/// assert_ne!(bloc_of("RUS"), bloc_of("USA"));
/// assert!(!found.budgeted);
/// ```
pub fn blocs(net: &SignedNetwork, alpha: f64, k: Option<usize>) -> Blocs {
    blocs_within(net, alpha, k, WORK_BUDGET)
}

/// [`blocs`] with a budget of `work` neighbour visits instead of
/// [`WORK_BUDGET`] (the briefing, which computes several analyses at once,
/// gives it less).
pub fn blocs_within(net: &SignedNetwork, alpha: f64, k: Option<usize>, work: usize) -> Blocs {
    let adj = net.adjacency();
    let found = partition_within(&adj, alpha, k, work);
    let (error, k, assignment) = (found.error, found.k, found.assignment);
    let mut groups = vec![Vec::new(); k];
    for (i, g) in assignment.iter().enumerate() {
        groups[*g].push(net.states[i]);
    }
    groups.retain(|g| !g.is_empty());
    let mut negative_inside = Vec::new();
    let mut positive_between = Vec::new();
    for (&(i, j), tie) in &net.ties {
        let same = assignment[i] == assignment[j];
        let pair = (net.states[i], net.states[j]);
        if same && tie.sign < 0 {
            negative_inside.push(pair);
        } else if !same && tie.sign > 0 {
            positive_between.push(pair);
        }
    }
    Blocs {
        groups: sort_groups(groups),
        k,
        alpha,
        error,
        negative_inside,
        positive_between,
        starts: found.starts,
        budgeted: found.budgeted,
    }
}

/// The relocation search on an adjacency (neighbours of each position with
/// signs, both directions): for each k (`k`, or 1..=min(n, [`MAX_K`])) the
/// round-robin start and 24 seeded random ones are improved by moves (and
/// swaps, up to 200 states) while P drops; the lowest P wins, the smaller k
/// on ties.
///
/// The search has a budget of [`WORK_BUDGET`] neighbour visits, so that it
/// stays within a second on a million ties: each k gets an equal share,
/// its starts run in order while the share lasts (the round-robin start
/// always runs), and [`Partition::budgeted`] says when it ran out. The
/// answer is still a valid partition, its P an upper bound on the optimum.
/// Being counted in visits, not time, the budget keeps results the same on
/// every machine.
///
/// Each pass costs O(n·k + ties): one sweep over a state's neighbours
/// counts its ties into every group.
///
/// ```
/// use diplograph::query::cluster::blocs::partition;
/// // Two friendly pairs, hostile to each other.
/// let adj = vec![
///     vec![(1, 1), (2, -1)],
///     vec![(0, 1), (3, -1)],
///     vec![(3, 1), (0, -1)],
///     vec![(2, 1), (1, -1)],
/// ];
/// let found = partition(&adj, 0.5, None);
/// assert_eq!((found.k, found.error), (2, 0.0));
/// assert_eq!(found.assignment[0], found.assignment[1]);
/// assert_ne!(found.assignment[0], found.assignment[2]);
/// ```
pub fn partition(adj: &[Vec<(usize, i8)>], alpha: f64, k: Option<usize>) -> Partition {
    partition_within(adj, alpha, k, WORK_BUDGET)
}

/// [`partition`] with a budget of `work` neighbour visits.
pub fn partition_within(
    adj: &[Vec<(usize, i8)>],
    alpha: f64,
    k: Option<usize>,
    work: usize,
) -> Partition {
    let n = adj.len();
    let ks: Vec<usize> = match k {
        Some(k) => vec![k.clamp(1, n.max(1))],
        None => (1..=n.clamp(1, MAX_K)).collect(),
    };
    let share = work / ks.len();
    let mut starts = 0;
    let mut budgeted = false;
    let mut best: Option<(f64, usize, Vec<usize>)> = None;
    for k in ks {
        let mut budget = Budget { left: share };
        let (error, assignment, ran) = best_for_k(adj, n, k, alpha, &mut budget);
        starts += ran;
        budgeted |= budget.left == 0;
        if best.as_ref().is_none_or(|(e, _, _)| error < *e - 1e-9) {
            best = Some((error, k, assignment));
        }
    }
    let (error, k, assignment) = best.unwrap_or((0.0, 0, Vec::new()));
    Partition {
        error,
        k,
        assignment,
        starts,
        budgeted,
    }
}

fn error_of(adj: &[Vec<(usize, i8)>], assignment: &[usize], alpha: f64) -> f64 {
    let mut p = 0.0;
    for (i, list) in adj.iter().enumerate() {
        for &(j, sign) in list {
            if i < j {
                let same = assignment[i] == assignment[j];
                if same && sign < 0 {
                    p += alpha;
                } else if !same && sign > 0 {
                    p += 1.0 - alpha;
                }
            }
        }
    }
    p
}

/// Change in P when node `v` moves to group `to`.
fn move_delta(
    adj: &[Vec<(usize, i8)>],
    assignment: &[usize],
    v: usize,
    to: usize,
    alpha: f64,
) -> f64 {
    let from = assignment[v];
    let (mut neg_from, mut pos_from, mut neg_to, mut pos_to) = (0.0, 0.0, 0.0, 0.0);
    for &(j, sign) in &adj[v] {
        let g = assignment[j];
        if g == from {
            if sign < 0 {
                neg_from += 1.0;
            } else {
                pos_from += 1.0;
            }
        } else if g == to {
            if sign < 0 {
                neg_to += 1.0;
            } else {
                pos_to += 1.0;
            }
        }
    }
    alpha * (neg_to - neg_from) + (1.0 - alpha) * (pos_from - pos_to)
}

/// Change in P when nodes `u` and `v` (in different groups) trade groups:
/// `u`'s move, then `v`'s with `u` already moved. O(deg u + deg v), where
/// recomputing P would be O(ties).
fn swap_delta(
    adj: &[Vec<(usize, i8)>],
    assignment: &mut [usize],
    u: usize,
    v: usize,
    alpha: f64,
) -> f64 {
    let (gu, gv) = (assignment[u], assignment[v]);
    let first = move_delta(adj, assignment, u, gv, alpha);
    assignment[u] = gv;
    let second = move_delta(adj, assignment, v, gu, alpha);
    assignment[u] = gu;
    first + second
}

/// Neighbour visits left.
struct Budget {
    left: usize,
}

impl Budget {
    /// Spends `visits`; false once nothing is left.
    fn spend(&mut self, visits: usize) -> bool {
        self.left = self.left.saturating_sub(visits);
        self.left > 0
    }
}

/// The best of the starts for one k, as far as the budget goes: (P, the
/// assignment, starts run).
fn best_for_k(
    adj: &[Vec<(usize, i8)>],
    n: usize,
    k: usize,
    alpha: f64,
    budget: &mut Budget,
) -> (f64, Vec<usize>, usize) {
    let mut all: Vec<Vec<usize>> = vec![(0..n).map(|i| i % k).collect()];
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..RESTARTS {
        all.push(
            (0..n)
                .map(|i| {
                    // xorshift64*: fixed seeds, so runs are reproducible
                    seed ^= seed >> 12;
                    seed ^= seed << 25;
                    seed ^= seed >> 27;
                    let r = seed.wrapping_mul(0x2545_F491_4F6C_DD1D);
                    if i < k { i } else { (r >> 33) as usize % k }
                })
                .collect(),
        );
    }
    let mut best: Option<(f64, Vec<usize>)> = None;
    let mut ran = 0;
    for mut assignment in all {
        if ran > 0 && budget.left == 0 {
            break;
        }
        ran += 1;
        relocate(adj, &mut assignment, k, alpha, budget);
        let error = error_of(adj, &assignment, alpha);
        if best.as_ref().is_none_or(|(e, _)| error < *e - 1e-9) {
            best = Some((error, assignment));
        }
    }
    let (error, assignment) = best.unwrap_or((0.0, Vec::new()));
    (error, assignment, ran)
}

/// Moves and swaps that lower P, until none does or the budget runs out.
/// Groups never empty. Each move considers every group at once: one sweep
/// over the state's neighbours counts its positive and negative ties into
/// each group, and the delta of a move to group t is
/// α·(`neg_t` − `neg_from`) + (1−α)·(`pos_from` − `pos_t`), as [`move_delta`].
fn relocate(
    adj: &[Vec<(usize, i8)>],
    assignment: &mut [usize],
    k: usize,
    alpha: f64,
    budget: &mut Budget,
) {
    let n = assignment.len();
    let mut sizes = vec![0usize; k];
    for g in assignment.iter() {
        sizes[*g] += 1;
    }
    let mut pos = vec![0.0f64; k];
    let mut neg = vec![0.0f64; k];
    loop {
        let mut improved = false;
        for v in 0..n {
            let from = assignment[v];
            if sizes[from] == 1 {
                continue;
            }
            if !budget.spend(adj[v].len() + k) {
                return;
            }
            pos.fill(0.0);
            neg.fill(0.0);
            for &(j, sign) in &adj[v] {
                let g = assignment[j];
                if sign < 0 {
                    neg[g] += 1.0;
                } else {
                    pos[g] += 1.0;
                }
            }
            let mut best = (from, -1e-9);
            for to in (0..k).filter(|t| *t != from) {
                let d = alpha * (neg[to] - neg[from]) + (1.0 - alpha) * (pos[from] - pos[to]);
                if d < best.1 {
                    best = (to, d);
                }
            }
            if best.0 != from {
                sizes[from] -= 1;
                sizes[best.0] += 1;
                assignment[v] = best.0;
                improved = true;
            }
        }
        if !improved && n <= 200 {
            'swaps: for u in 0..n {
                for v in u + 1..n {
                    let (gu, gv) = (assignment[u], assignment[v]);
                    if gu == gv {
                        continue;
                    }
                    if !budget.spend(adj[u].len() + adj[v].len()) {
                        return;
                    }
                    if swap_delta(adj, assignment, u, v, alpha) < -1e-9 {
                        assignment.swap(u, v);
                        improved = true;
                        break 'swaps;
                    }
                }
            }
        }
        if !improved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adjacency(n: usize, ties: &[(usize, usize, i8)]) -> Vec<Vec<(usize, i8)>> {
        let mut adj = vec![Vec::new(); n];
        for &(i, j, s) in ties {
            adj[i].push((j, s));
            adj[j].push((i, s));
        }
        adj
    }

    #[test]
    fn two_hostile_camps_are_found_exactly() {
        // {0,1,2} friends, {3,4} friends, every cross tie hostile.
        let adj = adjacency(
            5,
            &[
                (0, 1, 1),
                (1, 2, 1),
                (0, 2, 1),
                (3, 4, 1),
                (0, 3, -1),
                (2, 4, -1),
                (1, 3, -1),
            ],
        );
        let (error, assignment, _) = best_for_k(&adj, 5, 2, 0.5, &mut Budget { left: usize::MAX });
        assert_eq!(error, 0.0);
        assert_eq!(assignment[0], assignment[1]);
        assert_eq!(assignment[1], assignment[2]);
        assert_eq!(assignment[3], assignment[4]);
        assert_ne!(assignment[0], assignment[3]);
        // One group would leave three negative ties inside: P = 1.5.
        assert_eq!(
            best_for_k(&adj, 5, 1, 0.5, &mut Budget { left: usize::MAX }).0,
            1.5
        );
    }

    #[test]
    fn swap_delta_matches_recomputed_error() {
        let adj = adjacency(
            5,
            &[
                (0, 1, 1),
                (1, 2, -1),
                (2, 3, 1),
                (0, 3, -1),
                (0, 2, 1),
                (3, 4, -1),
                (1, 4, 1),
            ],
        );
        let mut assignment = vec![0, 0, 1, 1, 2];
        for u in 0..5 {
            for v in 0..5 {
                if assignment[u] == assignment[v] {
                    continue;
                }
                let mut swapped = assignment.clone();
                swapped.swap(u, v);
                let expected = error_of(&adj, &swapped, 0.3) - error_of(&adj, &assignment, 0.3);
                let delta = swap_delta(&adj, &mut assignment, u, v, 0.3);
                assert!((delta - expected).abs() < 1e-12, "{u} {v}");
                assert_eq!(assignment, vec![0, 0, 1, 1, 2], "left as it was");
            }
        }
    }

    #[test]
    fn move_delta_matches_recomputed_error() {
        let adj = adjacency(
            4,
            &[(0, 1, 1), (1, 2, -1), (2, 3, 1), (0, 3, -1), (0, 2, 1)],
        );
        let assignment = vec![0, 0, 1, 1];
        for v in 0..4 {
            for to in 0..2 {
                if to == assignment[v] {
                    continue;
                }
                let mut moved = assignment.clone();
                moved[v] = to;
                let expected = error_of(&adj, &moved, 0.3) - error_of(&adj, &assignment, 0.3);
                assert!((move_delta(&adj, &assignment, v, to, 0.3) - expected).abs() < 1e-12);
            }
        }
    }
}
