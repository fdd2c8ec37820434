//! How two entities are connected: shortest paths by hops, the k shortest
//! loopless paths (Yen), or every simple path up to a length.
//!
//! Relations are walked in either direction (a path may go up a membership
//! and down another); each hop remembers which way its relation points.
//! Parallel relations between the same two entities count as one hop, shown
//! by the most basic of them (membership before founding; then file order).

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet, VecDeque};

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::View;
use crate::model::RelationKind;

/// One step of a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hop {
    /// The relation walked.
    pub edge: EdgeIndex,
    /// True when the relation points the way the path goes.
    pub forward: bool,
}

/// A loopless path: `nodes[0] → … → nodes[n]` through `hops[0..n]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    /// The entities walked through, ends included.
    pub nodes: Vec<NodeIndex>,
    /// The relation taken at each step (`hops[i]` joins `nodes[i]` and
    /// `nodes[i + 1]`).
    pub hops: Vec<Hop>,
}

impl Path {
    /// Number of relations walked.
    pub fn len(&self) -> usize {
        self.hops.len()
    }

    /// Whether the path is a single entity (from = to).
    pub fn is_empty(&self) -> bool {
        self.hops.is_empty()
    }
}

/// Which relations a path may use and how long it may be.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PathQuery {
    /// Only these kinds (all when empty).
    pub via: Vec<RelationKind>,
    /// At most this many hops.
    pub max_hops: Option<usize>,
    /// Walk only each relation's own two ends, not the ties a dispute or
    /// conflict makes with the issue it is `over`
    /// ([`DiploGraph::over_ties`](crate::graph::DiploGraph::over_ties)):
    /// the graph other tools see, for comparisons. `false` (the default,
    /// and the command line's) lets India reach Kashmir through their
    /// dispute.
    pub relations_only: bool,
}

impl PathQuery {
    fn admits(&self, kind: RelationKind) -> bool {
        self.via.is_empty() || self.via.contains(&kind)
    }
}

/// Turns a node sequence into a path, choosing for each hop the admitted
/// relation between the two entities whose kind comes first in
/// [`RelationKind::ALL`] (membership before founding, …), then the first in
/// file order.
fn with_hops(view: &View<'_>, query: &PathQuery, nodes: Vec<NodeIndex>) -> Path {
    let graph = view.graph();
    let hops = nodes
        .windows(2)
        .map(|pair| {
            let edge = link(view, query, pair[0], pair[1], |e| (graph.kind(e), e))
                .expect("consecutive path nodes are joined");
            let (source, _) = graph.endpoints(edge);
            Hop {
                edge,
                forward: source == pair[0],
            }
        })
        .collect();
    Path { nodes, hops }
}

/// Of the admitted relations in force between `a` and `b`, the one with
/// the least `key`. Walks the shorter of the two entities' lists (every
/// relation between them is on both), so a hop next to a hub is cheap.
fn link<K: Ord>(
    view: &View<'_>,
    query: &PathQuery,
    a: NodeIndex,
    b: NodeIndex,
    key: impl Fn(EdgeIndex) -> K,
) -> Option<EdgeIndex> {
    let graph = view.graph();
    let csr = graph.csr();
    let (from, to) = if csr.degree(a.index()) <= csr.degree(b.index()) {
        (a, b)
    } else {
        (b, a)
    };
    graph
        .ties(from.index(), !query.relations_only)
        .filter(|(e, other, _)| {
            *other as usize == to.index()
                && view.in_force_at(*e as usize)
                && query.admits(graph.kind(EdgeIndex::new(*e as usize)))
        })
        .map(|(e, _, _)| EdgeIndex::new(e as usize))
        .min_by_key(|e| key(*e))
}

/// The shortest path by hops, found by bidirectional breadth-first search:
/// it expands the smaller frontier one level at a time, so it visits about
/// 2·b^(d/2) entities instead of b^d. Ties between equally short paths go to
/// the one through earlier relations in file order. `None` when no path of
/// at most `max_hops` exists.
///
/// Written here rather than run through petgraph (whose `Bfs` and
/// `dijkstra` run on a `View` through `graph::visit`) because one-sided
/// searches are far slower point to point: for 10 pairs on the 1M-relation
/// graph, 0.52 ms here against 411 ms for petgraph's `Bfs` stopped at the
/// goal and 1.1 s for its `dijkstra` (`cargo bench --bench visit -- 1M/`).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, model::RelationKind, store};
/// use diplograph::query::path::{PathQuery, shortest};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let (india, china) = (graph.resolve("India").unwrap(), graph.resolve("China").unwrap());
/// let q = PathQuery { via: vec![RelationKind::Member], max_hops: None, relations_only: false };
/// let path = shortest(&view, &q, india, china).unwrap();
/// assert_eq!(path.len(), 2);
/// assert_eq!(graph.entity(path.nodes[1]).id, "SCO");
/// ```
pub fn shortest(
    view: &View<'_>,
    query: &PathQuery,
    from: NodeIndex,
    to: NodeIndex,
) -> Option<Path> {
    let nodes = bidirectional_bfs(view, query, from, to, &HashSet::new(), &HashSet::new())?;
    Some(with_hops(view, query, nodes))
}

type Banned = HashSet<(NodeIndex, NodeIndex)>;

/// Marker for "no parent yet" in the dense parent arrays.
const UNSEEN: u32 = u32::MAX;

/// The two searches of a bidirectional walk, as dense arrays over every
/// node (a hash map per search was most of the cost on large graphs). Only
/// the entries a search touched are reset afterwards.
struct Searches {
    parents: [Vec<u32>; 2],
    touched: [Vec<u32>; 2],
}

thread_local! {
    /// One set of search arrays per thread, reused by every search: a
    /// fresh pair of arrays over a large graph costs more than most searches.
    static SEARCHES: RefCell<Searches> = RefCell::new(Searches::new(0));
    static DIJKSTRA: RefCell<Dijkstra> = RefCell::new(Dijkstra::default());
}

/// Runs `f` with this thread's search arrays (fresh ones if they are busy).
fn with_searches<T>(n: usize, f: impl FnOnce(&mut Searches) -> T) -> T {
    SEARCHES.with(|cell| match cell.try_borrow_mut() {
        Ok(mut searches) => {
            searches.ensure(n);
            f(&mut searches)
        }
        Err(_) => f(&mut Searches::new(n)),
    })
}

impl Searches {
    fn new(n: usize) -> Self {
        Searches {
            parents: [vec![UNSEEN; n], vec![UNSEEN; n]],
            touched: [Vec::new(), Vec::new()],
        }
    }

    fn ensure(&mut self, n: usize) {
        for side in 0..2 {
            if self.parents[side].len() < n {
                self.parents[side].resize(n, UNSEEN);
            }
        }
    }

    fn seen(&self, side: usize, v: u32) -> bool {
        self.parents[side][v as usize] != UNSEEN
    }

    fn set(&mut self, side: usize, v: u32, parent: u32) {
        self.parents[side][v as usize] = parent;
        self.touched[side].push(v);
    }

    fn clear(&mut self) {
        for side in 0..2 {
            for v in self.touched[side].drain(..) {
                self.parents[side][v as usize] = UNSEEN;
            }
        }
    }
}

fn bidirectional_bfs(
    view: &View<'_>,
    query: &PathQuery,
    from: NodeIndex,
    to: NodeIndex,
    banned_nodes: &HashSet<NodeIndex>,
    banned_links: &Banned,
) -> Option<Vec<NodeIndex>> {
    with_searches(view.graph().node_count(), |searches| {
        bidirectional_bfs_in(searches, view, query, from, to, banned_nodes, banned_links)
    })
}

/// Expands the smaller frontier one whole level at a time; the first node
/// of that level (in frontier order, then relation order) that the other
/// search has seen is where the two halves meet.
fn bidirectional_bfs_in(
    searches: &mut Searches,
    view: &View<'_>,
    query: &PathQuery,
    from: NodeIndex,
    to: NodeIndex,
    banned_nodes: &HashSet<NodeIndex>,
    banned_links: &Banned,
) -> Option<Vec<NodeIndex>> {
    if from == to {
        return Some(vec![from]);
    }
    let graph = view.graph();
    let admits_all = query.via.is_empty();
    let admits = |e: u32| admits_all || query.via.contains(&graph.kind(EdgeIndex::new(e as usize)));
    let unbanned = banned_nodes.is_empty() && banned_links.is_empty();
    let limit = query.max_hops.unwrap_or(usize::MAX);
    let (a, b) = (from.index() as u32, to.index() as u32);
    searches.set(0, a, a);
    searches.set(1, b, b);
    let mut frontiers: [Vec<u32>; 2] = [vec![a], vec![b]];
    let mut depth = [0usize; 2];
    let mut found = None;
    while !frontiers[0].is_empty() && !frontiers[1].is_empty() && depth[0] + depth[1] < limit {
        let side = usize::from(frontiers[1].len() < frontiers[0].len());
        let mut next = Vec::new();
        let mut meeting: Option<u32> = None;
        for &node in &frontiers[side] {
            for (e, other, _) in graph.ties(node as usize, !query.relations_only) {
                if searches.seen(side, other) || !view.in_force_at(e as usize) || !admits(e) {
                    continue;
                }
                if !unbanned {
                    let (n, o) = (
                        NodeIndex::new(node as usize),
                        NodeIndex::new(other as usize),
                    );
                    if banned_nodes.contains(&o)
                        || banned_links.contains(&(n, o))
                        || banned_links.contains(&(o, n))
                    {
                        continue;
                    }
                }
                searches.set(side, other, node);
                if meeting.is_none() && searches.seen(1 - side, other) {
                    meeting = Some(other);
                }
                next.push(other);
            }
        }
        depth[side] += 1;
        if let Some(middle) = meeting {
            found = Some(join_at(&searches.parents, middle));
            break;
        }
        frontiers[side] = next;
    }
    searches.clear();
    found
}

/// The path found by a bidirectional search that met at `middle`: the
/// forward search's parents (side 0) lead back to the start, the backward
/// search's (side 1) on to the goal; each search's root is its own parent.
fn join_at(parents: &[Vec<u32>; 2], middle: u32) -> Vec<NodeIndex> {
    let chain = |side: usize| {
        let mut chain = vec![NodeIndex::new(middle as usize)];
        let mut at = middle;
        while parents[side][at as usize] != at {
            at = parents[side][at as usize];
            chain.push(NodeIndex::new(at as usize));
        }
        chain
    };
    let mut nodes = chain(0);
    nodes.reverse();
    nodes.extend(chain(1).into_iter().skip(1));
    nodes
}

/// What a relation costs to walk, for [`cheapest`]: how far apart two
/// entities are when this relation is all that joins them. Formal,
/// lasting commitments are close (alliance, leading, membership);
/// participation is looser (hosting, attending, observing); positions on
/// an issue looser still; hostility joins two states only distantly.
/// Whole numbers, so that path costs are exact and comparable across
/// tools.
///
/// ```
/// use diplograph::{model::RelationKind, query::path::cost};
/// assert!(cost(RelationKind::Alliance) < cost(RelationKind::Attends));
/// assert!(cost(RelationKind::Attends) < cost(RelationKind::Sanctions));
/// ```
pub fn cost(kind: RelationKind) -> u32 {
    use RelationKind::*;
    match kind {
        Alliance | Leads | PartOf => 1,
        Member | Founder | Partnership | Serves => 2,
        Supports | Hosts => 3,
        Attends | Observer | Associate => 4,
        DialoguePartner => 5,
        Stance | Vote => 6,
        Rivalry | Dispute | Conflict | Sanctions => 8,
    }
}

/// The cheapest path by total [`cost`], and that cost, found by
/// bidirectional Dijkstra over dense arrays with a binary heap: each side
/// settles nodes in order of distance, and the search stops once the two
/// smallest unsettled distances add up to no less than the best meeting
/// found. Ties between equally cheap paths are broken by node order, so
/// the answer is the same on every run. Each hop uses the cheapest
/// admitted relation between its two entities (then the most basic kind,
/// then file order). `None` when no path of at most `max_hops` hops
/// exists (`max_hops` limits the hops of the cheapest path found; a
/// cheapest path longer than that counts as none).
///
/// O((V + E) log V). On the 1M-relation benchmark graph, 100 cheapest
/// paths between random pairs took 284 ms, NetworKit's
/// `BidirectionalDijkstra` 260 ms in the same run (0.9×: it keeps each
/// edge's weight in its adjacency arrays, where this reads the relation's
/// record for its kind).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::path::{PathQuery, cheapest};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let (india, china) = (graph.resolve("India").unwrap(), graph.resolve("China").unwrap());
/// let (path, cost) = cheapest(&view, &PathQuery::default(), india, china).unwrap();
/// assert_eq!(cost, 4); // both are members of the SCO: 2 + 2
/// assert_eq!(path.len(), 2);
/// ```
pub fn cheapest(
    view: &View<'_>,
    query: &PathQuery,
    from: NodeIndex,
    to: NodeIndex,
) -> Option<(Path, u64)> {
    if from == to {
        return Some((
            Path {
                nodes: vec![from],
                hops: Vec::new(),
            },
            0,
        ));
    }
    let weights: Vec<u64> = RelationKind::ALL
        .iter()
        .map(|k| {
            if query.admits(*k) {
                u64::from(cost(*k))
            } else {
                u64::MAX
            }
        })
        .collect();
    DIJKSTRA.with(|cell| match cell.try_borrow_mut() {
        Ok(mut work) => cheapest_in(&mut work, view, query, &weights, from, to),
        Err(_) => cheapest_in(&mut Dijkstra::default(), view, query, &weights, from, to),
    })
}

/// The arrays of a bidirectional Dijkstra, reused between searches; only
/// the entries a search touched are reset.
#[derive(Default)]
struct Dijkstra {
    dist: [Vec<u64>; 2],
    parent: [Vec<u32>; 2],
    settled: [Vec<bool>; 2],
    touched: [Vec<u32>; 2],
}

impl Dijkstra {
    fn ensure(&mut self, n: usize) {
        for side in 0..2 {
            if self.dist[side].len() < n {
                self.dist[side].resize(n, u64::MAX);
                self.parent[side].resize(n, UNSEEN);
                self.settled[side].resize(n, false);
            }
        }
    }

    fn reach(&mut self, side: usize, v: u32, d: u64, parent: u32) {
        if self.dist[side][v as usize] == u64::MAX {
            self.touched[side].push(v);
        }
        self.dist[side][v as usize] = d;
        self.parent[side][v as usize] = parent;
    }

    fn clear(&mut self) {
        for side in 0..2 {
            for v in self.touched[side].drain(..) {
                self.dist[side][v as usize] = u64::MAX;
                self.parent[side][v as usize] = UNSEEN;
                self.settled[side][v as usize] = false;
            }
        }
    }
}

fn cheapest_in(
    work: &mut Dijkstra,
    view: &View<'_>,
    query: &PathQuery,
    weights: &[u64],
    from: NodeIndex,
    to: NodeIndex,
) -> Option<(Path, u64)> {
    let graph = view.graph();
    work.ensure(graph.node_count());
    let found = search(work, view, weights, !query.relations_only, from, to);
    let result = found.map(|(total, middle)| (join_at(&work.parent, middle), total));
    work.clear();
    let (nodes, total) = result?;
    if query.max_hops.is_some_and(|m| nodes.len() - 1 > m) {
        return None;
    }
    let hops = nodes
        .windows(2)
        .map(|pair| {
            let edge = link(view, query, pair[0], pair[1], |e| {
                (cost(graph.kind(e)), graph.kind(e), e)
            })
            .expect("consecutive path nodes are joined");
            Hop {
                edge,
                forward: graph.endpoints(edge).0 == pair[0],
            }
        })
        .collect();
    Some((Path { nodes, hops }, total))
}

/// The search itself: the best (cost, meeting node), parents left in `work`.
fn search(
    work: &mut Dijkstra,
    view: &View<'_>,
    weights: &[u64],
    through_issues: bool,
    from: NodeIndex,
    to: NodeIndex,
) -> Option<(u64, u32)> {
    // Entries (distance, node) packed as distance · 2³² + node: ordered as
    // the pairs are, in half the space. A distance is at most 8 per hop,
    // far below 2³² on any graph with fewer than 500 million entities.
    let pack = |d: u64, v: u32| (d << 32) | u64::from(v);
    let mut heaps: [BinaryHeap<Reverse<u64>>; 2] = [BinaryHeap::new(), BinaryHeap::new()];
    let (a, b) = (from.index() as u32, to.index() as u32);
    for (side, start) in [(0, a), (1, b)] {
        work.reach(side, start, 0, start);
        heaps[side].push(Reverse(pack(0, start)));
    }
    // Best (cost, meeting node) so far.
    let mut best: Option<(u64, u32)> = None;
    loop {
        let tops = [heaps[0].peek(), heaps[1].peek()].map(|t| t.map(|Reverse(e)| *e >> 32));
        let (Some(f), Some(g)) = (tops[0], tops[1]) else {
            break;
        };
        if best.is_some_and(|(cost, _)| f.saturating_add(g) >= cost) {
            break;
        }
        let side = usize::from(g < f);
        let Some(Reverse(entry)) = heaps[side].pop() else {
            break;
        };
        let (d, v) = (entry >> 32, entry as u32);
        if work.settled[side][v as usize] || d > work.dist[side][v as usize] {
            continue;
        }
        work.settled[side][v as usize] = true;
        for (e, other, _) in view.graph().ties(v as usize, through_issues) {
            let o = other as usize;
            // A node this side has settled can get no nearer, and the
            // meeting through it was weighed when its distance on either
            // side last changed: skipping it changes nothing and spares
            // reading the relation's record (about half the relations
            // scanned).
            if work.settled[side][o] {
                continue;
            }
            let w = weights[view.graph().kind_code(e as usize)];
            if w == u64::MAX || !view.in_force_at(e as usize) {
                continue;
            }
            let nd = d + w;
            if nd < work.dist[side][o] {
                work.reach(side, other, nd, v);
                heaps[side].push(Reverse(pack(nd, other)));
            }
            let through = work.dist[1 - side][o];
            if through != u64::MAX {
                let total = work.dist[side][o].saturating_add(through);
                if best.is_none_or(|(cost, at)| (total, other) < (cost, at)) {
                    best = Some((total, other));
                }
            }
        }
    }
    best
}

/// The `k` shortest loopless paths, shortest first (Yen's algorithm over
/// the hop graph, with bidirectional BFS for each spur path). O(k·n·(V+E)).
pub fn k_shortest(
    view: &View<'_>,
    query: &PathQuery,
    from: NodeIndex,
    to: NodeIndex,
    k: usize,
) -> Vec<Path> {
    with_searches(view.graph().node_count(), |searches| {
        k_shortest_in(searches, view, query, from, to, k)
    })
}

fn k_shortest_in(
    searches: &mut Searches,
    view: &View<'_>,
    query: &PathQuery,
    from: NodeIndex,
    to: NodeIndex,
    k: usize,
) -> Vec<Path> {
    let mut found: Vec<Vec<NodeIndex>> = Vec::new();
    let Some(first) = bidirectional_bfs_in(
        searches,
        view,
        query,
        from,
        to,
        &HashSet::new(),
        &HashSet::new(),
    ) else {
        return Vec::new();
    };
    found.push(first);
    let mut candidates: Vec<Vec<NodeIndex>> = Vec::new();
    while found.len() < k {
        let last = found.last().expect("at least one path").clone();
        for i in 0..last.len() - 1 {
            let spur = last[i];
            let root = &last[..=i];
            let mut banned_links = Banned::new();
            for path in &found {
                if path.len() > i + 1 && path[..=i] == *root {
                    banned_links.insert((path[i], path[i + 1]));
                }
            }
            let banned_nodes: HashSet<NodeIndex> = root[..i].iter().copied().collect();
            let spur_query = PathQuery {
                via: query.via.clone(),
                max_hops: query.max_hops.map(|m| m.saturating_sub(i)),
                relations_only: query.relations_only,
            };
            if let Some(tail) = bidirectional_bfs_in(
                searches,
                view,
                &spur_query,
                spur,
                to,
                &banned_nodes,
                &banned_links,
            ) {
                let mut candidate = root[..i].to_vec();
                candidate.extend(tail);
                if !found.contains(&candidate) && !candidates.contains(&candidate) {
                    candidates.push(candidate);
                }
            }
        }
        if candidates.is_empty() {
            break;
        }
        // Shortest candidate next; ties by entity order, so results are stable.
        candidates.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        found.push(candidates.remove(0));
    }
    found
        .into_iter()
        .map(|n| with_hops(view, query, n))
        .collect()
}

/// The most hops [`all_simple`] takes when the query sets no limit: the
/// number of simple paths grows exponentially with it.
pub const ALL_MAX_HOPS: usize = 4;

/// Every simple path of at most `max_hops` hops (default [`ALL_MAX_HOPS`]), shortest
/// first, then in entity order; stops after `cap` paths and says so through
/// the returned flag, so the paths returned are always the first `cap` in
/// that order.
///
/// Iterative deepening: for each length L = 1, 2, … a depth-first search
/// with neighbours in entity order lists the paths of exactly L hops in
/// entity order. A breadth-first search from `to` first gives every
/// entity's distance to it, and a branch is cut as soon as the hops taken
/// plus that distance exceed L, so the search never wanders where no path
/// of that length can end (hubs are entered only on their way to `to`).
/// Time O(paths·L·deg) beyond the BFS's O(V + E); the number of paths can
/// grow exponentially with `max_hops`, which `cap` bounds.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::path::{PathQuery, all_simple};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let (india, china) = (graph.resolve("India").unwrap(), graph.resolve("China").unwrap());
/// let query = PathQuery { via: vec![], max_hops: Some(2), relations_only: false };
/// let (paths, truncated) = all_simple(&view, &query, india, china, 1000);
/// assert!(!truncated);
/// assert!(paths.windows(2).all(|w| w[0].len() <= w[1].len()));
/// let (first, truncated) = all_simple(&view, &query, india, china, 2);
/// assert!(truncated);
/// assert_eq!(first.len(), 2);
/// ```
pub fn all_simple(
    view: &View<'_>,
    query: &PathQuery,
    from: NodeIndex,
    to: NodeIndex,
    cap: usize,
) -> (Vec<Path>, bool) {
    let limit = query.max_hops.unwrap_or(ALL_MAX_HOPS);
    let mut out: Vec<Vec<NodeIndex>> = Vec::new();
    if from == to || cap == 0 {
        return (Vec::new(), cap == 0);
    }
    // Hops from every entity to `to`, up to `limit` (u32::MAX: farther).
    let n = view.graph().node_count();
    let mut dist = vec![u32::MAX; n];
    dist[to.index()] = 0;
    let mut queue = VecDeque::from([to]);
    while let Some(v) = queue.pop_front() {
        let d = dist[v.index()];
        if d as usize >= limit {
            continue;
        }
        for (_, w) in view.neighbors_where(v, |k| query.admits(k)) {
            if dist[w.index()] == u32::MAX {
                dist[w.index()] = d + 1;
                queue.push_back(w);
            }
        }
    }
    let mut truncated = false;
    let mut on_path = vec![false; n];
    'lengths: for length in 1..=limit {
        if dist[from.index()] as usize > length {
            continue;
        }
        // Iterative DFS: each frame holds the neighbours still to try.
        let mut stack = vec![from];
        on_path[from.index()] = true;
        let mut frames: Vec<VecDeque<NodeIndex>> = vec![next_nodes(view, query, from)];
        while let Some(frame) = frames.last_mut() {
            let Some(next) = frame.pop_front() else {
                frames.pop();
                if let Some(node) = stack.pop() {
                    on_path[node.index()] = false;
                }
                continue;
            };
            // Hops once `next` is reached, and what is left after it.
            let hops = stack.len();
            if on_path[next.index()] || hops + dist[next.index()] as usize > length {
                continue;
            }
            if next == to {
                if hops == length {
                    let mut path = stack.clone();
                    path.push(to);
                    out.push(path);
                    if out.len() >= cap {
                        truncated = true;
                        for node in stack {
                            on_path[node.index()] = false;
                        }
                        break 'lengths;
                    }
                }
                continue;
            }
            if hops < length {
                stack.push(next);
                on_path[next.index()] = true;
                frames.push(next_nodes(view, query, next));
            }
        }
    }
    let paths = out.into_iter().map(|n| with_hops(view, query, n)).collect();
    (paths, truncated)
}

fn next_nodes(view: &View<'_>, query: &PathQuery, node: NodeIndex) -> VecDeque<NodeIndex> {
    let mut nodes: Vec<NodeIndex> = view
        .neighbors_where(node, |k| query.admits(k))
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    nodes.sort_unstable();
    nodes.dedup();
    nodes.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{DiploGraph, When};
    use crate::store;

    fn setup() -> DiploGraph {
        DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap())
    }

    fn ids(graph: &DiploGraph, path: &Path) -> Vec<String> {
        path.nodes
            .iter()
            .map(|n| graph.entity(*n).id.clone())
            .collect()
    }

    #[test]
    fn yen_finds_distinct_paths_in_nondecreasing_length() {
        let graph = setup();
        let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
        let (a, b) = (graph.node("IND").unwrap(), graph.node("CHN").unwrap());
        let q = PathQuery::default();
        let paths = k_shortest(&view, &q, a, b, 5);
        assert_eq!(paths.len(), 5);
        assert!(paths.windows(2).all(|w| w[0].len() <= w[1].len()));
        let distinct: HashSet<Vec<String>> = paths.iter().map(|p| ids(&graph, p)).collect();
        assert_eq!(distinct.len(), 5);
        for p in &paths {
            let mut seen = HashSet::new();
            assert!(p.nodes.iter().all(|n| seen.insert(*n)), "loopless");
            assert_eq!(p.nodes.first(), Some(&a));
            assert_eq!(p.nodes.last(), Some(&b));
        }
    }

    #[test]
    fn all_simple_paths_agree_with_yen_on_the_shortest_ones() {
        let graph = setup();
        let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
        let (a, b) = (graph.node("IND").unwrap(), graph.node("CHN").unwrap());
        let q = PathQuery {
            via: vec![RelationKind::Member],
            max_hops: Some(2),
            relations_only: false,
        };
        let (all, truncated) = all_simple(&view, &q, a, b, 1000);
        assert!(!truncated);
        let routes: Vec<Vec<String>> = all.iter().map(|p| ids(&graph, p)).collect();
        assert_eq!(routes, [["IND", "SCO", "CHN"], ["IND", "UN", "CHN"]]);
        let yen = k_shortest(&view, &q, a, b, 10);
        assert_eq!(yen.len(), 2);
    }

    #[test]
    fn max_hops_and_dates_limit_paths() {
        let graph = setup();
        let (a, b) = (graph.node("IND").unwrap(), graph.node("CHN").unwrap());
        let q = PathQuery {
            via: vec![RelationKind::Member],
            max_hops: Some(1),
            relations_only: false,
        };
        let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
        assert!(shortest(&view, &q, a, b).is_none());
        let q = PathQuery {
            via: vec![RelationKind::Member],
            max_hops: None,
            relations_only: false,
        };
        // Before India joined the SCO, only the UN connects them by membership.
        let view = graph.at(When::On(jiff::civil::date(2010, 1, 1)));
        let p = shortest(&view, &q, a, b).unwrap();
        assert_eq!(ids(&graph, &p), ["IND", "UN", "CHN"]);
        assert!(p.hops.iter().map(|h| h.forward).eq([true, false]));
    }
}
