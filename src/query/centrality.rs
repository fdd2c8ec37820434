//! Who sits at the centre, and who brokers between groups: degree,
//! betweenness and PageRank over a subgraph, direction ignored, parallel
//! relations counted once.
//!
//! **Betweenness** is Brandes' algorithm (2001): one breadth-first search
//! per source and a backward pass accumulating dependencies, O(V·E), split
//! over the cores. On a graph where that would cost more than
//! [`EXACT_WORK`] neighbour visits (V·2(V+2E)), the default is an estimate
//! from `k = EXACT_WORK / 2(V+2E)` random pivots (at least [`MIN_PIVOTS`];
//! Brandes & Pich 2007): the dependencies of the pivots alone, scaled by
//! V/k. Each pivot's scaled contribution to a normalised score lies in
//! [0, V/(V−1)], so by Hoeffding's inequality and a union bound over the V
//! entities every estimate is within
//! ε = V/(V−1) · √(ln(2V/δ) / (2k)) of the exact score with probability
//! 1 − δ, δ = [`CONFIDENCE_DELTA`] (sampling without replacement only
//! tightens this). Pivots come from a fixed seed, so the estimate is the
//! same on every run; `exact` forces the full computation.
//!
//! **Over which relations.** By default ([`scope`] with no kinds) the
//! scores are computed over the relations that say something about
//! alignment — the kinds whose [`RelationKind::sign`] is not
//! [`Sign::None`] (membership statuses, founding, partnership, alliance,
//! support, rivalry, dispute, conflict, sanctions) — between states and
//! organizations: a leader, a summit or an issue is no broker between
//! states. `--via` kinds replace that choice, with any endpoints.

use std::collections::HashMap;

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use petgraph::graph::EdgeIndex;

use super::subgraph::{Selection, Subgraph, select};
use crate::graph::{DiploGraph, View};
use crate::model::{EntityKind, RelationKind, Sign};

/// Neighbour visits betweenness may spend by default. One source costs
/// about 2·(V + 2E) (a forward and a backward pass over every row): the
/// computation is exact while V sources fit, and estimated from
/// `EXACT_WORK / (2·(V + 2E))` pivots above (a second or two on two cores
/// either way; about 100 pivots on a million relations).
pub const EXACT_WORK: usize = 400_000_000;

/// The fewest pivots an estimate uses.
pub const MIN_PIVOTS: usize = 64;

/// The probability that some estimate is off by more than its stated bound.
pub const CONFIDENCE_DELTA: f64 = 0.05;

/// The seed of the pivot choice.
pub const PIVOT_SEED: u64 = 0x5EED_B7EE_4E55;

/// The centrality measures offered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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

impl Measure {
    /// The measure's name, as the command line and JSON write it.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::Betweenness => "betweenness",
            Measure::Pagerank => "pagerank",
        }
    }
}

/// One entity's score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    /// The entity scored.
    pub node: NodeIndex,
    /// Its value under the measure: distinct neighbours for degree, the
    /// normalised share of shortest paths (0..1) for betweenness, the
    /// stationary probability (all summing to 1) for PageRank.
    pub score: f64,
}

impl Measure {
    /// The measure's name in text ("degree", "betweenness", "PageRank").
    pub fn title(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::Betweenness => "betweenness",
            Measure::Pagerank => "PageRank",
        }
    }
}

/// How a sampled betweenness was estimated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Pivots (sources) used.
    pub pivots: usize,
    /// Entities in the graph (the possible sources).
    pub nodes: usize,
    /// ε: every score is within ε of the exact one with probability
    /// 1 − [`CONFIDENCE_DELTA`].
    pub error_bound: f64,
}

/// The method named in text and JSON for an estimate.
pub const ESTIMATE_METHOD: &str = "Brandes–Pich random pivots, Hoeffding bound";

/// Every entity's score, highest first, and how betweenness was obtained.
#[derive(Clone, Debug, PartialEq)]
pub struct Centrality {
    /// The measure the scores are of.
    pub measure: Measure,
    /// One score per entity of the subgraph, highest first, ties in file
    /// order.
    pub scores: Vec<Score>,
    /// `Some` when betweenness was estimated rather than computed exactly.
    pub estimate: Option<Estimate>,
}

/// The relation kinds centrality runs on by default: every kind whose
/// [`RelationKind::sign`] is not [`Sign::None`], in [`RelationKind::ALL`]
/// order (derived, so a new kind is placed by its sign alone).
///
/// ```
/// use diplograph::{model::RelationKind, query::centrality::signed_kinds};
/// assert!(signed_kinds().contains(&RelationKind::Member));
/// assert!(signed_kinds().contains(&RelationKind::Sanctions));
/// assert!(!signed_kinds().contains(&RelationKind::Attends));
/// ```
pub fn signed_kinds() -> Vec<RelationKind> {
    RelationKind::ALL
        .iter()
        .copied()
        .filter(|k| k.sign() != Sign::None)
        .collect()
}

/// The entity kinds the default [`scope`] keeps relations between.
pub const SIGNED_ENDS: &[EntityKind] = &[EntityKind::Country, EntityKind::Organization];

/// The part of the view centrality scores: with `via` empty, the relations
/// of [`signed_kinds`] in force between two countries or organizations,
/// and the entities they join; otherwise every relation in force of the
/// `via` kinds, whatever it joins ([`select`]). Nodes and edges in file
/// order. O(V + E).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, model::{EntityKind, RelationKind}, store};
/// use diplograph::query::centrality::scope;
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let signed = scope(&view, &[]);
/// assert!(signed.nodes.iter().all(|n| matches!(graph.entity_kind(*n), EntityKind::Country | EntityKind::Organization)));
/// let attending = scope(&view, &[RelationKind::Attends]);
/// assert!(attending.nodes.iter().any(|n| graph.entity_kind(*n) == EntityKind::Person));
/// ```
pub fn scope(view: &View<'_>, via: &[RelationKind]) -> Subgraph {
    if !via.is_empty() {
        return select(
            view,
            &Selection {
                via: via.to_vec(),
                focus: None,
            },
        );
    }
    let graph = view.graph();
    let state_or_org = |n: NodeIndex| SIGNED_ENDS.contains(&graph.entity_kind(n));
    let edges: Vec<EdgeIndex> = view
        .relations()
        .filter(|e| graph.kind(*e).sign() != Sign::None)
        .filter(|e| {
            let (a, b) = graph.endpoints(*e);
            state_or_org(a) && state_or_org(b)
        })
        .collect();
    let mut touched = vec![false; graph.node_count()];
    for e in &edges {
        let (a, b) = graph.endpoints(*e);
        touched[a.index()] = true;
        touched[b.index()] = true;
    }
    let nodes = graph.nodes().filter(|n| touched[n.index()]).collect();
    Subgraph { nodes, edges }
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

/// Scores every entity of `sub`, highest first (ties in file order);
/// betweenness exact or estimated as the module documentation says. See
/// [`centrality_with`].
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
    centrality_with(graph, sub, measure, false).scores
}

/// Scores every entity of `sub`, highest first (ties in file order).
///
/// Degree counts distinct neighbours, O(E). Betweenness is Brandes',
/// normalised to the share of pairs of other entities whose shortest paths
/// pass through each one, O(V·E) split over the cores; estimated from
/// pivots when V·2(V+2E) exceeds [`EXACT_WORK`] unless `exact`. It is
/// written here rather than taken from rustworkx-core (which runs on a
/// `View` through `graph::visit`, and which the tests hold it to) because
/// it is faster: on the generated 10k-relation graph, 109 ms against
/// rustworkx-core's `betweenness_centrality` on `view.undirected().simple()`
/// 306 ms (`cargo bench --bench visit -- 10k/visit/betweenness`), and it
/// can sample pivots, which rustworkx-core cannot. PageRank is a power
/// iteration written here, O(iterations·E): petgraph's `page_rank` rescans
/// every node's edges for every pair of nodes, which is quadratic in V and
/// unusable on large graphs.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::{centrality::{Measure, centrality_with}, subgraph::{Selection, select}};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let sub = select(&view, &Selection::default());
/// let found = centrality_with(&graph, &sub, Measure::Betweenness, false);
/// assert!(found.estimate.is_none()); // small enough to be exact
/// assert_eq!(graph.entity(found.scores[0].node).id, "UN");
/// ```
pub fn centrality_with(
    graph: &DiploGraph,
    sub: &Subgraph,
    measure: Measure,
    exact: bool,
) -> Centrality {
    centrality_within(graph, sub, measure, exact, EXACT_WORK)
}

/// [`centrality_with`] with another budget than [`EXACT_WORK`] for
/// betweenness: exact while V sources cost at most `work` neighbour
/// visits, otherwise `work / 2(V+2E)` pivots (at least [`MIN_PIVOTS`]).
/// The briefing uses a smaller budget for its five brokers.
pub fn centrality_within(
    graph: &DiploGraph,
    sub: &Subgraph,
    measure: Measure,
    exact: bool,
    work: usize,
) -> Centrality {
    let simple = simple_graph(graph, sub);
    let mut estimate = None;
    let values: Vec<f64> = match measure {
        Measure::Degree => simple
            .node_indices()
            .map(|n| simple.neighbors(n).count() as f64)
            .collect(),
        Measure::Betweenness => {
            let rows = Rows::of(&simple);
            let n = rows.len();
            let per_source = 2 * (n + 2 * rows.edges());
            if exact || n.saturating_mul(per_source) <= work {
                betweenness(&rows, None)
            } else {
                let k = (work / per_source.max(1)).clamp(MIN_PIVOTS.min(n), n);
                estimate = Some(Estimate {
                    pivots: k,
                    nodes: n,
                    error_bound: error_bound(n, k),
                });
                betweenness(&rows, Some((k, PIVOT_SEED)))
            }
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
    Centrality {
        measure,
        scores,
        estimate,
    }
}

/// The Hoeffding bound of the module documentation: ε for `k` pivots out of
/// `n` entities, every entity at once, with probability 1 −
/// [`CONFIDENCE_DELTA`]. 0 when every entity is a pivot.
///
/// ```
/// use diplograph::query::centrality::error_bound;
/// let e = error_bound(100_000, 500);
/// assert!(e > 0.1 && e < 0.13);
/// assert_eq!(error_bound(50, 50), 0.0);
/// ```
pub fn error_bound(n: usize, k: usize) -> f64 {
    if k >= n || n < 2 || k == 0 {
        return 0.0;
    }
    let n_f = n as f64;
    let range = n_f / (n_f - 1.0);
    range * ((2.0 * n_f / CONFIDENCE_DELTA).ln() / (2.0 * k as f64)).sqrt()
}

/// A simple undirected graph as compressed rows: the neighbours of `v` are
/// `adj[start[v]..start[v + 1]]`.
pub struct Rows {
    start: Vec<usize>,
    adj: Vec<u32>,
}

impl Rows {
    /// The rows of a petgraph graph (parallel edges kept as given).
    pub fn of(g: &UnGraph<(), ()>) -> Rows {
        let n = g.node_count();
        let mut degree = vec![0usize; n + 1];
        for e in g.edge_references() {
            let (a, b) = (e.source(), e.target());
            degree[a.index()] += 1;
            degree[b.index()] += 1;
        }
        let mut start = vec![0usize; n + 1];
        for v in 0..n {
            start[v + 1] = start[v] + degree[v];
        }
        let mut fill = start.clone();
        let mut adj = vec![0u32; start[n]];
        for e in g.edge_references() {
            let (a, b) = (e.source(), e.target());
            adj[fill[a.index()]] = b.index() as u32;
            fill[a.index()] += 1;
            adj[fill[b.index()]] = a.index() as u32;
            fill[b.index()] += 1;
        }
        Rows { start, adj }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.start.len() - 1
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of edges.
    pub fn edges(&self) -> usize {
        self.adj.len() / 2
    }

    fn neighbours(&self, v: usize) -> &[u32] {
        &self.adj[self.start[v]..self.start[v + 1]]
    }
}

/// Sources per block: blocks are summed in order, so the result does not
/// depend on how many threads ran them.
const BLOCK: usize = 64;

/// Normalised betweenness (the share of pairs of other nodes whose shortest
/// paths pass through each node; endpoints excluded), from every source,
/// or from `k` pivots drawn with `seed` and scaled by V/k.
///
/// Brandes (2001): per source a BFS counting shortest paths σ, then nodes
/// in reverse BFS order pass δ(v)·σ(v)/σ(w)… back to their predecessors.
/// O(sources·E) time, O(V) memory per thread; sources are split into
/// blocks of [`BLOCK`] run on every core (`std::thread::scope`).
///
/// ```
/// use diplograph::query::centrality::{Rows, betweenness};
/// use petgraph::graph::UnGraph;
/// // A path a–b–c: b lies on the one path between a and c.
/// let g = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2)]);
/// assert_eq!(betweenness(&Rows::of(&g), None), vec![0.0, 1.0, 0.0]);
/// ```
///
/// # Panics
///
/// Only if a worker thread panicked, which would be a bug here: a worker
/// only indexes the rows and its own per-node arrays, all sized from
/// `rows`.
pub fn betweenness(rows: &Rows, pivots: Option<(usize, u64)>) -> Vec<f64> {
    let n = rows.len();
    if n < 3 {
        return vec![0.0; n];
    }
    let sources: Vec<usize> = match pivots {
        Some((k, seed)) if k < n => choose(n, k, seed),
        _ => (0..n).collect(),
    };
    let blocks: Vec<&[usize]> = sources.chunks(BLOCK).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(blocks.len())
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut partial: Vec<Option<Vec<f64>>> = vec![None; blocks.len()];
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (blocks, next) = (&blocks, &next);
                scope.spawn(move || {
                    let mut work = Brandes::new(n);
                    let mut done = Vec::new();
                    loop {
                        let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(block) = blocks.get(b) else { break };
                        let mut sum = vec![0.0; n];
                        for &s in *block {
                            work.accumulate(rows, s, &mut sum);
                        }
                        done.push((b, sum));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            for (b, sum) in worker.join().expect("betweenness worker") {
                partial[b] = Some(sum);
            }
        }
    });
    let mut total = vec![0.0; n];
    for sum in partial.into_iter().flatten() {
        for (t, x) in total.iter_mut().zip(sum) {
            *t += x;
        }
    }
    let scale = n as f64 / sources.len() as f64 / ((n - 1) as f64 * (n - 2) as f64);
    for t in &mut total {
        *t *= scale;
    }
    total
}

/// `k` distinct nodes of `0..n`, by a partial Fisher–Yates shuffle driven
/// by xorshift64* from `seed`, in ascending order.
fn choose(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    let mut state = seed | 1;
    for i in 0..k {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let r = state.wrapping_mul(0x2545_F491_4F6C_DD1D);
        let j = i + (r % (n - i) as u64) as usize;
        all.swap(i, j);
    }
    all.truncate(k);
    all.sort_unstable();
    all
}

/// One node's state in a Brandes pass, kept together so that each visit
/// touches one cache line.
#[derive(Clone, Copy)]
struct Slot {
    sigma: f64,
    delta: f64,
    distance: i32,
}

/// The per-thread arrays of one Brandes pass.
struct Brandes {
    slots: Vec<Slot>,
    order: Vec<u32>,
}

impl Brandes {
    fn new(n: usize) -> Brandes {
        Brandes {
            slots: vec![
                Slot {
                    sigma: 0.0,
                    delta: 0.0,
                    distance: -1,
                };
                n
            ],
            order: Vec::with_capacity(n),
        }
    }

    /// Adds source `s`'s dependencies to `sum`, then resets the slots it
    /// touched.
    fn accumulate(&mut self, rows: &Rows, s: usize, sum: &mut [f64]) {
        let slots = &mut self.slots;
        self.order.clear();
        slots[s].distance = 0;
        slots[s].sigma = 1.0;
        self.order.push(s as u32);
        let mut head = 0;
        while head < self.order.len() {
            let v = self.order[head] as usize;
            head += 1;
            let (next, sigma) = (slots[v].distance + 1, slots[v].sigma);
            for &w in rows.neighbours(v) {
                let slot = &mut slots[w as usize];
                if slot.distance < 0 {
                    slot.distance = next;
                    self.order.push(w);
                }
                if slot.distance == next {
                    slot.sigma += sigma;
                }
            }
        }
        for &w in self.order.iter().rev() {
            let w = w as usize;
            let before = slots[w].distance - 1;
            let share = (1.0 + slots[w].delta) / slots[w].sigma;
            for &v in rows.neighbours(w) {
                let slot = &mut slots[v as usize];
                if slot.distance == before {
                    slot.delta += slot.sigma * share;
                }
            }
            if w != s {
                sum[w] += slots[w].delta;
            }
        }
        for &w in &self.order {
            slots[w as usize] = Slot {
                sigma: 0.0,
                delta: 0.0,
                distance: -1,
            };
        }
    }
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
        for edge in g.edge_references() {
            let (a, b) = (edge.source().index(), edge.target().index());
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

    fn random_graph(n: usize, p: u64, seed: u64) -> UnGraph<(), ()> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut g = UnGraph::<(), ()>::default();
        for _ in 0..n {
            g.add_node(());
        }
        for i in 0..n {
            for j in i + 1..n {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                if state % 1000 < p {
                    g.add_edge(NodeIndex::new(i), NodeIndex::new(j), ());
                }
            }
        }
        g
    }

    #[test]
    fn exact_betweenness_of_a_path_and_a_star() {
        // Path of 5: node i lies on i·(4−i) of the 6 pairs of others.
        let path = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2), (2, 3), (3, 4)]);
        let b = betweenness(&Rows::of(&path), None);
        for (i, expected) in [0.0, 3.0 / 6.0, 4.0 / 6.0, 3.0 / 6.0, 0.0]
            .iter()
            .enumerate()
        {
            assert!((b[i] - expected).abs() < 1e-12, "{i}: {}", b[i]);
        }
        // Star: the hub is on every path between leaves.
        let star = UnGraph::<(), ()>::from_edges([(0, 1), (0, 2), (0, 3), (0, 4), (0, 5)]);
        let b = betweenness(&Rows::of(&star), None);
        assert!((b[0] - 1.0).abs() < 1e-12);
        assert!(b[1..].iter().all(|x| *x == 0.0));
    }

    #[test]
    fn exact_betweenness_matches_rustworkx() {
        for seed in 0..6 {
            let g = random_graph(60, 60, seed);
            let ours = betweenness(&Rows::of(&g), None);
            let theirs = rustworkx_core::centrality::betweenness_centrality(&g, false, true, 50);
            for (a, b) in ours.iter().zip(theirs) {
                assert!((a - b.unwrap_or(0.0)).abs() < 1e-9, "seed {seed}");
            }
        }
    }

    #[test]
    fn sampled_betweenness_is_within_its_bound_and_deterministic() {
        let g = random_graph(400, 15, 9);
        let rows = Rows::of(&g);
        let exact = betweenness(&rows, None);
        let k = 100;
        let sampled = betweenness(&rows, Some((k, PIVOT_SEED)));
        assert_eq!(sampled, betweenness(&rows, Some((k, PIVOT_SEED))));
        let bound = error_bound(400, k);
        let worst = exact
            .iter()
            .zip(&sampled)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(worst <= bound, "{worst} > {bound}");
        // And in practice far inside it.
        assert!(worst < bound / 3.0, "{worst} vs {bound}");
        // Every node a pivot: the exact answer.
        let all = betweenness(&rows, Some((400, PIVOT_SEED)));
        for (a, b) in exact.iter().zip(all) {
            assert!((a - b).abs() < 1e-12);
        }
    }

    #[test]
    fn pivots_are_distinct() {
        let p = choose(1000, 300, 7);
        assert_eq!(p.len(), 300);
        assert!(p.windows(2).all(|w| w[0] < w[1]));
    }

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
