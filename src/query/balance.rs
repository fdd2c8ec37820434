//! Structural balance of the signed network of states (Cartwright &
//! Harary 1956): "the friend of my friend is my friend, the enemy of my
//! friend is my enemy".
//!
//! A triangle of three mutually tied states is balanced under the strict
//! definition when the product of its signs is positive (+++ or +−−).
//! Under weak balance (Davis 1967) a triangle of three enemies (−−−) is also
//! balanced: several hostile camps are stable too.
//!
//! **Counting.** Every triangle is counted by type (+++, ++−, +−−, −−−)
//! without being stored: for each tie (u, v) with u < v, the third states
//! w > v are the intersection of u's and v's neighbour sets, kept as bit
//! sets split by sign (four `AND`+`popcount` sweeps per tie, O(E·V/64));
//! networks of more than [`BITSET_LIMIT`] states use compact-forward
//! enumeration on degree-ordered sorted adjacency instead (Latapy 2008),
//! O(E^1.5).
//!
//! **Listing.** Only the `limit` *worst* unbalanced triangles are kept (a
//! bounded heap, [`DEFAULT_LIMIT`] by default): worst means the largest sum
//! of the three states' signed degrees — the imbalance among the most
//! connected states, which pulls on the most other ties — ties broken by
//! the states' order in the file. They are listed in file order of their
//! states, so a network with few unbalanced triangles lists them all in the
//! order enumeration finds them.
//!
//! The **frustration index** is the fewest ties whose sign must change for
//! the whole network to be balanced: for strict balance, the minimum over
//! all two-camp splits of (negative ties inside a camp + positive ties
//! across); for weak balance, the same over splits into any number of
//! camps. It is computed exactly by enumeration for every connected part of
//! at most [`EXACT_LIMIT`] states ([`WEAK_EXACT_LIMIT`] for weak balance),
//! and above that bounded: from above by the relocation heuristic of
//! [`crate::query::cluster::blocs`], from below by a greedy packing of
//! tie-disjoint unbalanced triangles (each needs at least one of its own
//! ties changed). Both bounds are reported, with `exact: false` and the
//! method named.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use petgraph::graph::NodeIndex;
use rustc_hash::FxHashSet;

#[cfg(test)]
use crate::query::cluster::blocs::partition;
use crate::query::cluster::blocs::{WORK_BUDGET, partition_within};
use crate::query::signed::SignedNetwork;

/// Largest connected part (in states) whose strict frustration is computed
/// exactly (2^(n−1) splits).
pub const EXACT_LIMIT: usize = 20;

/// Largest connected part whose weak frustration is computed exactly (all
/// set partitions: the Bell number B(10) = 115,975).
pub const WEAK_EXACT_LIMIT: usize = 10;

/// How many unbalanced triangles are listed unless asked otherwise.
pub const DEFAULT_LIMIT: usize = 20;

/// Largest network (in states) counted with neighbour bit sets (two bits
/// per pair of states: 16 MiB at this size); larger ones use
/// compact-forward enumeration.
pub const BITSET_LIMIT: usize = 8192;

/// How the frustration index was obtained, for the exact case.
pub const EXACT_METHOD: &str = "exact enumeration of every split";

/// How the frustration index is bounded when some part is too large.
pub const BOUND_METHOD: &str = "upper bound from the bloc relocation heuristic (Doreian–Mrvar); lower bound from tie-disjoint unbalanced triangles";

/// A triangle of states with its three signs (ab, bc, ca).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Triangle {
    /// The three states, in file order.
    pub states: [NodeIndex; 3],
    /// The signs of the ties ab, bc and ca.
    pub signs: [i8; 3],
}

/// How many triangles of each sign pattern the network has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TriangleCounts {
    /// Three positive ties (balanced).
    pub ppp: usize,
    /// Two positive, one negative (unbalanced, strict and weak).
    pub ppn: usize,
    /// One positive, two negative (balanced: the enemy of my enemy).
    pub pnn: usize,
    /// Three negative ties (unbalanced strictly, balanced weakly).
    pub nnn: usize,
}

impl TriangleCounts {
    /// All triangles.
    pub fn total(&self) -> usize {
        self.ppp + self.ppn + self.pnn + self.nnn
    }

    /// Unbalanced triangles under strict or weak balance.
    pub fn unbalanced(&self, weak: bool) -> usize {
        self.ppn + if weak { 0 } else { self.nnn }
    }

    fn add(&mut self, negatives: u32, count: usize) {
        match negatives {
            0 => self.ppp += count,
            1 => self.ppn += count,
            2 => self.pnn += count,
            _ => self.nnn += count,
        }
    }
}

/// Whether a triangle with this many negative ties is unbalanced.
fn is_unbalanced(negatives: u32, weak: bool) -> bool {
    if weak {
        negatives == 1
    } else {
        negatives % 2 == 1
    }
}

/// Balance of the network.
#[derive(Clone, Debug)]
pub struct Balance {
    /// Whether weak balance (Davis 1967) was asked for: only one negative
    /// tie makes a triangle unbalanced, three negatives are a balanced
    /// three-way split; otherwise the strict rule (an odd count of negatives).
    pub weak: bool,
    /// Every triangle.
    pub triangles: usize,
    /// Triangles by sign pattern.
    pub counts: TriangleCounts,
    /// How many triangles are balanced under the rule in force (`weak`).
    pub balanced: usize,
    /// How many triangles are unbalanced (all of them, listed or not).
    pub unbalanced_count: usize,
    /// The worst unbalanced triangles (at most the limit asked for), in
    /// file order of their states; see the module documentation.
    pub unbalanced: Vec<Triangle>,
    /// Balanced share of triangles (1 when there are none).
    pub triangle_index: f64,
    /// Fewest sign changes that balance the network: exact, or an upper
    /// bound when `exact` is false.
    pub frustration: usize,
    /// A lower bound on the frustration index (equal to it when exact).
    pub frustration_lower: usize,
    /// Whether `frustration` is exact or an upper bound.
    pub exact: bool,
    /// How the frustration index was obtained ([`EXACT_METHOD`] or
    /// [`BOUND_METHOD`]).
    pub method: &'static str,
    /// Number of states considered.
    pub states: usize,
    /// Number of signed ties between them considered.
    pub ties: usize,
}

impl Balance {
    /// Unbalanced triangles counted but not listed.
    pub fn omitted(&self) -> usize {
        self.unbalanced_count - self.unbalanced.len()
    }
}

/// Counts triangles by type, lists the [`DEFAULT_LIMIT`] worst unbalanced
/// ones and computes or bounds the frustration index; see
/// [`balance_limited`].
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
    balance_limited(net, weak, Some(DEFAULT_LIMIT))
}

/// Structural balance of `net`, strict or `weak`, listing at most `limit`
/// unbalanced triangles (`None`: all of them).
///
/// Triangles are counted, never stored: O(E·V/64) with bit sets (up to
/// [`BITSET_LIMIT`] states), O(E^1.5) by compact-forward enumeration above.
/// The listing keeps a heap of `limit` triangles, O(U·log limit) for U
/// unbalanced ones, skipping ties that cannot beat the heap. The
/// frustration index is exact for small connected parts (2^(n−1) splits)
/// and otherwise bounded as the module documentation describes.
///
/// ```
/// use diplograph::query::{balance::balance_limited, signed::SignedNetwork};
/// // Four states, all friends except 0 and 1: two ++− triangles.
/// let net = SignedNetwork::from_ties(
///     4,
///     &[(0, 1, -1), (0, 2, 1), (0, 3, 1), (1, 2, 1), (1, 3, 1), (2, 3, 1)],
/// );
/// let b = balance_limited(&net, false, Some(1));
/// assert_eq!((b.triangles, b.counts.ppn, b.counts.ppp), (4, 2, 2));
/// assert_eq!((b.unbalanced.len(), b.omitted()), (1, 1));
/// assert_eq!((b.frustration, b.exact), (1, true));
/// ```
pub fn balance_limited(net: &SignedNetwork, weak: bool, limit: Option<usize>) -> Balance {
    balance_within(net, weak, limit, WORK_BUDGET)
}

/// [`balance_limited`] with a budget of `work` neighbour visits for the
/// relocation heuristic that bounds the frustration index of large parts
/// (instead of [`WORK_BUDGET`]).
pub fn balance_within(
    net: &SignedNetwork,
    weak: bool,
    limit: Option<usize>,
    work: usize,
) -> Balance {
    let adj = sorted_adjacency(net);
    let n = adj.len();
    let (part, parts) = connected_parts(&adj);
    let exact_limit = if weak { WEAK_EXACT_LIMIT } else { EXACT_LIMIT };
    let needs_bound = parts.iter().any(|m| m.len() > exact_limit);
    let survey = if n <= BITSET_LIMIT {
        survey_bitsets(&adj, weak, limit, needs_bound.then_some(&part[..]))
    } else {
        survey_forward(&adj, weak, limit, needs_bound.then_some(&part[..]))
    };
    let mut frustration = 0;
    let mut lower = 0;
    for (id, members) in parts.iter().enumerate() {
        if members.len() <= exact_limit {
            let f = exact_frustration(&adj, members, weak);
            frustration += f;
            lower += f;
        } else {
            let local = local_adjacency(&adj, members);
            let found = partition_within(&local, 0.5, if weak { None } else { Some(2) }, work);
            // At α = 0.5 each broken tie adds 0.5 to P.
            let upper = (found.error * 2.0).round() as usize;
            let packed = survey.packed.get(id).copied().unwrap_or(0);
            frustration += upper.max(packed);
            lower += packed;
        }
    }
    let triangles = survey.counts.total();
    let unbalanced_count = survey.counts.unbalanced(weak);
    let mut listed: Vec<[usize; 3]> = survey.worst.into_iter().map(|(_, t)| t).collect();
    listed.sort_unstable();
    let sign = |i: usize, j: usize| net.sign_at(i, j);
    let unbalanced = listed
        .into_iter()
        .map(|[i, j, k]| Triangle {
            states: [net.states[i], net.states[j], net.states[k]],
            signs: [sign(i, j), sign(j, k), sign(k, i)],
        })
        .collect();
    Balance {
        weak,
        triangles,
        counts: survey.counts,
        balanced: triangles - unbalanced_count,
        unbalanced_count,
        unbalanced,
        triangle_index: if triangles == 0 {
            1.0
        } else {
            (triangles - unbalanced_count) as f64 / triangles as f64
        },
        exact: !needs_bound,
        method: if needs_bound {
            BOUND_METHOD
        } else {
            EXACT_METHOD
        },
        frustration,
        frustration_lower: lower,
        states: n,
        ties: net.ties.len(),
    }
}

/// Neighbours of each position with signs, sorted by position.
fn sorted_adjacency(net: &SignedNetwork) -> Vec<Vec<(usize, i8)>> {
    let mut adj = net.adjacency();
    for list in &mut adj {
        list.sort_unstable();
    }
    adj
}

/// Connected parts: each position's part, and each part's members in
/// order.
fn connected_parts(adj: &[Vec<(usize, i8)>]) -> (Vec<usize>, Vec<Vec<usize>>) {
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
            for &(w, _) in &adj[v] {
                if part[w] == usize::MAX {
                    part[w] = id;
                    stack.push(w);
                }
            }
        }
        members.sort_unstable();
        parts.push(members);
    }
    (part, parts)
}

/// The adjacency of `members` (sorted positions), renumbered from 0.
fn local_adjacency(adj: &[Vec<(usize, i8)>], members: &[usize]) -> Vec<Vec<(usize, i8)>> {
    members
        .iter()
        .map(|&v| {
            adj[v]
                .iter()
                .filter_map(|&(w, s)| Some((members.binary_search(&w).ok()?, s)))
                .collect()
        })
        .collect()
}

/// What one sweep over the triangles finds.
struct Survey {
    counts: TriangleCounts,
    /// The worst unbalanced triangles: (badness, positions i < j < k).
    worst: Vec<(usize, [usize; 3])>,
    /// Tie-disjoint unbalanced triangles found greedily, by part.
    packed: Vec<usize>,
}

/// The `limit` worst unbalanced triangles seen so far: a min-heap on
/// (degree sum, reversed positions), so the smallest badness leaves first.
struct Worst {
    limit: usize,
    heap: BinaryHeap<Reverse<(usize, Reverse<[usize; 3]>)>>,
}

impl Worst {
    fn new(limit: Option<usize>) -> Worst {
        Worst {
            limit: limit.unwrap_or(usize::MAX),
            heap: BinaryHeap::new(),
        }
    }

    /// Whether a triangle of degree sum at most `bound` could still enter.
    fn wants(&self, bound: usize) -> bool {
        if self.limit == 0 {
            return false;
        }
        self.heap.len() < self.limit || self.heap.peek().is_some_and(|Reverse((d, _))| bound >= *d)
    }

    fn offer(&mut self, badness: usize, t: [usize; 3]) {
        if self.limit == 0 {
            return;
        }
        let item = Reverse((badness, Reverse(t)));
        if self.heap.len() < self.limit {
            self.heap.push(item);
        } else if self.heap.peek().is_some_and(|min| item < *min) {
            self.heap.pop();
            self.heap.push(item);
        }
    }

    fn into_vec(self) -> Vec<(usize, [usize; 3])> {
        self.heap
            .into_iter()
            .map(|Reverse((d, Reverse(t)))| (d, t))
            .collect()
    }
}

/// Counting with bit sets of positive and negative neighbours: for each
/// tie (u, v), u < v, the common neighbours w > v of each sign pair are
/// `AND`s of two rows, counted with `popcount`. `part` (when the
/// frustration needs a bound) asks for a greedy packing of tie-disjoint
/// unbalanced triangles, on copies of the rows whose used ties are cleared.
fn survey_bitsets(
    adj: &[Vec<(usize, i8)>],
    weak: bool,
    limit: Option<usize>,
    part: Option<&[usize]>,
) -> Survey {
    let n = adj.len();
    let words = n.div_ceil(64);
    let mut pos = vec![0u64; n * words];
    let mut neg = vec![0u64; n * words];
    for (v, list) in adj.iter().enumerate() {
        for &(w, s) in list {
            let rows = if s > 0 { &mut pos } else { &mut neg };
            rows[v * words + w / 64] |= 1 << (w % 64);
        }
    }
    let degree: Vec<usize> = adj.iter().map(Vec::len).collect();
    let max_degree = degree.iter().copied().max().unwrap_or(0);
    let mut counts = TriangleCounts::default();
    let mut worst = Worst::new(limit);
    for u in 0..n {
        for &(v, suv) in adj[u].iter().filter(|(v, _)| *v > u) {
            let base = u32::from(suv < 0);
            let listing = worst.wants(degree[u] + degree[v] + max_degree);
            let first = (v + 1) / 64;
            for word in first..words {
                let mask = if word == first {
                    !0u64 << ((v + 1) % 64)
                } else {
                    !0u64
                };
                let (pu, nu) = (pos[u * words + word] & mask, neg[u * words + word] & mask);
                let (pv, nv) = (pos[v * words + word], neg[v * words + word]);
                // (sign of uw, sign of vw) → bits of the third states.
                let combos = [(0, pu & pv), (1, pu & nv), (1, nu & pv), (2, nu & nv)];
                for (extra, bits) in combos {
                    if bits == 0 {
                        continue;
                    }
                    counts.add(base + extra, bits.count_ones() as usize);
                    if listing && is_unbalanced(base + extra, weak) {
                        let mut rest = bits;
                        while rest != 0 {
                            let w = word * 64 + rest.trailing_zeros() as usize;
                            rest &= rest - 1;
                            worst.offer(degree[u] + degree[v] + degree[w], [u, v, w]);
                        }
                    }
                }
            }
        }
    }
    let mut packed = Vec::new();
    if let Some(part) = part {
        packed = vec![0; part.iter().max().map_or(0, |p| p + 1)];
        let clear = |rows: &mut [u64], a: usize, b: usize| {
            rows[a * words + b / 64] &= !(1 << (b % 64));
            rows[b * words + a / 64] &= !(1 << (a % 64));
        };
        let is_set =
            |rows: &[u64], a: usize, b: usize| rows[a * words + b / 64] >> (b % 64) & 1 == 1;
        for u in 0..n {
            for &(v, suv) in adj[u].iter().filter(|(v, _)| *v > u) {
                let rows_uv = if suv > 0 { &pos } else { &neg };
                if !is_set(rows_uv, u, v) {
                    continue; // already used
                }
                let base = u32::from(suv < 0);
                let mut found = None;
                'words: for word in (v + 1) / 64..words {
                    let (pu, nu) = (pos[u * words + word], neg[u * words + word]);
                    let (pv, nv) = (pos[v * words + word], neg[v * words + word]);
                    for (extra, bits, su, sv) in [
                        (0, pu & pv, 1, 1),
                        (1, pu & nv, 1, -1),
                        (1, nu & pv, -1, 1),
                        (2, nu & nv, -1, -1),
                    ] {
                        if !is_unbalanced(base + extra, weak) {
                            continue;
                        }
                        let mut rest = bits;
                        while rest != 0 {
                            let w = word * 64 + rest.trailing_zeros() as usize;
                            rest &= rest - 1;
                            if w > v {
                                found = Some((w, su, sv));
                                break 'words;
                            }
                        }
                    }
                }
                if let Some((w, su, sv)) = found {
                    packed[part[u]] += 1;
                    clear(if suv > 0 { &mut pos } else { &mut neg }, u, v);
                    clear(if su > 0 { &mut pos } else { &mut neg }, u, w);
                    clear(if sv > 0 { &mut pos } else { &mut neg }, v, w);
                }
            }
        }
    }
    Survey {
        counts,
        worst: worst.into_vec(),
        packed,
    }
}

/// Compact-forward enumeration (Latapy 2008): states ranked by degree,
/// each tie oriented towards the higher rank, and each triangle found once
/// from its lowest-ranked state by marking its forward neighbours.
/// O(E^1.5) time, O(E) memory. Packing uses a set of used ties.
fn survey_forward(
    adj: &[Vec<(usize, i8)>],
    weak: bool,
    limit: Option<usize>,
    part: Option<&[usize]>,
) -> Survey {
    let n = adj.len();
    let degree: Vec<usize> = adj.iter().map(Vec::len).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by_key(|v| (degree[*v], *v));
    let mut rank = vec![0usize; n];
    for (r, v) in order.iter().enumerate() {
        rank[*v] = r;
    }
    let forward: Vec<Vec<(usize, i8)>> = (0..n)
        .map(|v| {
            let mut list: Vec<(usize, i8)> = adj[v]
                .iter()
                .copied()
                .filter(|(w, _)| rank[*w] > rank[v])
                .collect();
            list.sort_unstable_by_key(|(w, _)| rank[*w]);
            list
        })
        .collect();
    let mut counts = TriangleCounts::default();
    let mut worst = Worst::new(limit);
    let mut packed = part.map(|p| vec![0; p.iter().max().map_or(0, |m| m + 1)]);
    let mut used: FxHashSet<(usize, usize)> = FxHashSet::default();
    let mut mark = vec![0i8; n];
    for &u in &order {
        for &(w, s) in &forward[u] {
            mark[w] = s;
        }
        for &(v, suv) in &forward[u] {
            for &(w, svw) in &forward[v] {
                let suw = mark[w];
                if suw == 0 {
                    continue;
                }
                let negatives = [suv, svw, suw].iter().filter(|s| **s < 0).count() as u32;
                counts.add(negatives, 1);
                if !is_unbalanced(negatives, weak) {
                    continue;
                }
                let mut t = [u, v, w];
                t.sort_unstable();
                worst.offer(degree[u] + degree[v] + degree[w], t);
                if let (Some(packed), Some(part)) = (packed.as_mut(), part) {
                    let key = |a: usize, b: usize| (a.min(b), a.max(b));
                    let ties = [key(u, v), key(v, w), key(u, w)];
                    if ties.iter().all(|t| !used.contains(t)) {
                        used.extend(ties);
                        packed[part[u]] += 1;
                    }
                }
            }
        }
        for &(w, _) in &forward[u] {
            mark[w] = 0;
        }
    }
    Survey {
        counts,
        worst: worst.into_vec(),
        packed: packed.unwrap_or_default(),
    }
}

/// Minimum broken ties over all splits of `members` into two camps
/// (strict) or into any number of camps (weak), by enumeration.
fn exact_frustration(adj: &[Vec<(usize, i8)>], members: &[usize], weak: bool) -> usize {
    let m = members.len();
    if m < 2 {
        return 0;
    }
    let local = local_adjacency(adj, members);
    let ties: Vec<(usize, usize, i8)> = local
        .iter()
        .enumerate()
        .flat_map(|(a, list)| {
            list.iter()
                .filter(move |(b, _)| *b > a)
                .map(move |&(b, s)| (a, b, s))
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

    /// A random signed graph: each pair tied with probability `p`
    /// (percent), negative with probability `q` (percent).
    fn random(n: usize, p: u64, q: u64, seed: u64) -> Vec<(usize, usize, i8)> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % 100
        };
        let mut ties = Vec::new();
        for i in 0..n {
            for j in i + 1..n {
                if next() < p {
                    ties.push((i, j, if next() < q { -1 } else { 1 }));
                }
            }
        }
        ties
    }

    /// Every triple, checked directly.
    fn brute_force(net: &SignedNetwork, weak: bool) -> (TriangleCounts, Vec<[usize; 3]>) {
        let n = net.states.len();
        let mut counts = TriangleCounts::default();
        let mut unbalanced = Vec::new();
        for i in 0..n {
            for j in i + 1..n {
                for k in j + 1..n {
                    let signs = [net.sign_at(i, j), net.sign_at(j, k), net.sign_at(k, i)];
                    if signs.contains(&0) {
                        continue;
                    }
                    let negatives = signs.iter().filter(|s| **s < 0).count() as u32;
                    counts.add(negatives, 1);
                    if is_unbalanced(negatives, weak) {
                        unbalanced.push([i, j, k]);
                    }
                }
            }
        }
        (counts, unbalanced)
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
        assert_eq!(strict.counts.ppn, 1);
        assert_eq!(strict.counts.nnn, 1);
        assert_eq!(strict.frustration, 1); // make 1–2 positive
        let weak = balance(&net, true);
        assert_eq!(weak.unbalanced.len(), 1);
        assert_eq!(weak.balanced, 1);
        assert_eq!(weak.frustration, 1);
        assert!(weak.exact && strict.exact);
    }

    #[test]
    fn both_counting_methods_agree_with_brute_force_on_random_graphs() {
        for seed in 0..40 {
            let n = 5 + (seed as usize * 7) % 70;
            let ties = random(n, 10 + seed % 60, 5 + (seed * 13) % 60, seed);
            let net = network(n, &ties);
            for weak in [false, true] {
                let (counts, unbalanced) = brute_force(&net, weak);
                let adj = sorted_adjacency(&net);
                let (part, _) = connected_parts(&adj);
                let bits = survey_bitsets(&adj, weak, None, Some(&part));
                let forward = survey_forward(&adj, weak, None, Some(&part));
                assert_eq!(bits.counts, counts, "seed {seed} weak {weak}");
                assert_eq!(forward.counts, counts, "seed {seed} weak {weak}");
                let mut listed: Vec<[usize; 3]> = bits.worst.iter().map(|(_, t)| *t).collect();
                listed.sort_unstable();
                assert_eq!(listed, unbalanced);
                let mut listed: Vec<[usize; 3]> = forward.worst.iter().map(|(_, t)| *t).collect();
                listed.sort_unstable();
                assert_eq!(listed, unbalanced);
                let b = balance_limited(&net, weak, None);
                assert_eq!(b.unbalanced_count, unbalanced.len());
                assert_eq!(b.omitted(), 0);
            }
        }
    }

    #[test]
    fn the_listing_keeps_the_worst_and_counts_the_rest() {
        let n = 40;
        let net = network(n, &random(n, 50, 30, 7));
        let (_, unbalanced) = brute_force(&net, false);
        assert!(unbalanced.len() > 20);
        let degree: Vec<usize> = net.adjacency().iter().map(Vec::len).collect();
        let badness = |t: &[usize; 3]| degree[t[0]] + degree[t[1]] + degree[t[2]];
        let mut expected = unbalanced.clone();
        expected.sort_by(|a, b| badness(b).cmp(&badness(a)).then(a.cmp(b)));
        expected.truncate(5);
        expected.sort_unstable();
        let b = balance_limited(&net, false, Some(5));
        let got: Vec<[usize; 3]> = b
            .unbalanced
            .iter()
            .map(|t| t.states.map(NodeIndex::index))
            .collect();
        assert_eq!(got, expected);
        assert_eq!(b.omitted(), unbalanced.len() - 5);
        assert_eq!(balance_limited(&net, false, Some(0)).unbalanced.len(), 0);
    }

    #[test]
    fn bounds_bracket_the_exact_frustration() {
        // 10 to 15 states: exact by enumeration, and the bound machinery
        // run on the same part must bracket it.
        for seed in 0..12 {
            let n = 10 + seed as usize % 6;
            let net = network(n, &random(n, 60, 40, 100 + seed));
            let exact = balance_limited(&net, false, None);
            let adj = sorted_adjacency(&net);
            let (part, parts) = connected_parts(&adj);
            if parts.len() != 1 || !exact.exact {
                continue;
            }
            let survey = survey_bitsets(&adj, false, None, Some(&part));
            let forward = survey_forward(&adj, false, None, Some(&part));
            assert!(survey.packed[0] <= exact.frustration, "seed {seed}");
            assert!(forward.packed[0] <= exact.frustration, "seed {seed}");
            let upper = (partition(&adj, 0.5, Some(2)).error * 2.0).round() as usize;
            assert!(upper >= exact.frustration, "seed {seed}");
        }
    }

    #[test]
    fn heuristic_bound_is_never_below_the_exact_value() {
        // A ring of 24 states with one negative tie: exactly 1 to fix.
        let mut ties: Vec<(usize, usize, i8)> = (0..24).map(|i| (i, (i + 1) % 24, 1)).collect();
        ties[5].2 = -1;
        let b = balance(&network(24, &ties), false);
        assert!(!b.exact);
        assert_eq!(b.method, BOUND_METHOD);
        assert!(b.frustration >= 1);
        assert_eq!(b.frustration, 1);
        assert_eq!(b.frustration_lower, 0); // no triangles to pack
    }

    #[test]
    fn a_large_part_gets_both_bounds() {
        let n = 60;
        let net = network(n, &random(n, 40, 30, 3));
        let b = balance(&net, false);
        assert!(!b.exact);
        assert!(b.frustration_lower > 0);
        assert!(b.frustration_lower <= b.frustration);
    }
}
