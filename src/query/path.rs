//! How two entities are connected: shortest paths by hops, the k shortest
//! loopless paths (Yen), or every simple path up to a length.
//!
//! Relations are walked in either direction (a path may go up a membership
//! and down another); each hop remembers which way its relation points.
//! Parallel relations between the same two entities count as one hop, shown
//! by the most basic of them (membership before founding; then file order).

use std::collections::{HashMap, HashSet, VecDeque};

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
    pub nodes: Vec<NodeIndex>,
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
            let (edge, _) = view
                .neighbors_where(pair[0], |k| query.admits(k))
                .into_iter()
                .filter(|(_, other)| *other == pair[1])
                .min_by_key(|(e, _)| (graph.relation(*e).kind, *e))
                .expect("consecutive path nodes are joined");
            let (source, _) = graph.petgraph().edge_endpoints(edge).expect("edge exists");
            Hop {
                edge,
                forward: source == pair[0],
            }
        })
        .collect();
    Path { nodes, hops }
}

/// The shortest path by hops, found by bidirectional breadth-first search:
/// it expands the smaller frontier one level at a time, so it visits about
/// 2·b^(d/2) entities instead of b^d. Ties between equally short paths go to
/// the one through earlier relations in file order. `None` when no path of
/// at most `max_hops` exists.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, model::RelationKind, store};
/// use diplograph::query::path::{PathQuery, shortest};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let (india, china) = (graph.resolve("India").unwrap(), graph.resolve("China").unwrap());
/// let q = PathQuery { via: vec![RelationKind::Member], max_hops: None };
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

fn bidirectional_bfs(
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
    let limit = query.max_hops.unwrap_or(usize::MAX);
    // parent maps for the two searches
    let mut parents: [HashMap<NodeIndex, NodeIndex>; 2] =
        [HashMap::from([(from, from)]), HashMap::from([(to, to)])];
    let mut frontiers: [Vec<NodeIndex>; 2] = [vec![from], vec![to]];
    let mut depth = [0usize; 2];
    while !frontiers[0].is_empty() && !frontiers[1].is_empty() && depth[0] + depth[1] < limit {
        let side = usize::from(frontiers[1].len() < frontiers[0].len());
        let mut next = Vec::new();
        let mut meeting: Option<NodeIndex> = None;
        for &node in &frontiers[side] {
            for (_, other) in view.neighbors_where(node, |k| query.admits(k)) {
                if banned_nodes.contains(&other)
                    || banned_links.contains(&(node, other))
                    || banned_links.contains(&(other, node))
                    || parents[side].contains_key(&other)
                {
                    continue;
                }
                parents[side].insert(other, node);
                if meeting.is_none() && parents[1 - side].contains_key(&other) {
                    meeting = Some(other);
                }
                next.push(other);
            }
        }
        depth[side] += 1;
        if let Some(middle) = meeting {
            let walk = |side: usize| {
                let mut chain = vec![middle];
                let mut at = middle;
                while parents[side][&at] != at {
                    at = parents[side][&at];
                    chain.push(at);
                }
                chain
            };
            let mut nodes = walk(0);
            nodes.reverse();
            nodes.extend(walk(1).into_iter().skip(1));
            return Some(nodes);
        }
        frontiers[side] = next;
    }
    None
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
    let mut found: Vec<Vec<NodeIndex>> = Vec::new();
    let Some(first) = bidirectional_bfs(view, query, from, to, &HashSet::new(), &HashSet::new())
    else {
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
            };
            if let Some(tail) =
                bidirectional_bfs(view, &spur_query, spur, to, &banned_nodes, &banned_links)
            {
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

/// Every simple path of at most `max_hops` hops (default 4), shortest
/// first, then in entity order; stops after `cap` paths and says so through
/// the returned flag. Depth-first; the number of paths can grow
/// exponentially with `max_hops`.
pub fn all_simple(
    view: &View<'_>,
    query: &PathQuery,
    from: NodeIndex,
    to: NodeIndex,
    cap: usize,
) -> (Vec<Path>, bool) {
    let limit = query.max_hops.unwrap_or(4);
    let mut out: Vec<Vec<NodeIndex>> = Vec::new();
    let mut stack = vec![from];
    let mut on_path: HashSet<NodeIndex> = HashSet::from([from]);
    let mut truncated = false;
    // Iterative DFS: each frame holds the neighbours still to try.
    let mut frames: Vec<VecDeque<NodeIndex>> = vec![next_nodes(view, query, from)];
    while let Some(frame) = frames.last_mut() {
        let Some(next) = frame.pop_front() else {
            frames.pop();
            if let Some(node) = stack.pop() {
                on_path.remove(&node);
            }
            continue;
        };
        if on_path.contains(&next) {
            continue;
        }
        if next == to {
            let mut path = stack.clone();
            path.push(to);
            out.push(path);
            if out.len() >= cap {
                truncated = true;
                break;
            }
            continue;
        }
        if stack.len() < limit {
            stack.push(next);
            on_path.insert(next);
            frames.push(next_nodes(view, query, next));
        }
    }
    out.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
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
        };
        let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
        assert!(shortest(&view, &q, a, b).is_none());
        let q = PathQuery {
            via: vec![RelationKind::Member],
            max_hops: None,
        };
        // Before India joined the SCO, only the UN connects them by membership.
        let view = graph.at(When::On(jiff::civil::date(2010, 1, 1)));
        let p = shortest(&view, &q, a, b).unwrap();
        assert_eq!(ids(&graph, &p), ["IND", "UN", "CHN"]);
        assert!(p.hops.iter().map(|h| h.forward).eq([true, false]));
    }
}
