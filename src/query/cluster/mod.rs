//! Groups of entities: connected components, Louvain communities, label
//! propagation, signed blocs (Doreian & Mrvar) and maximal cliques of
//! friendly states.

pub mod blocs;
pub mod cliques;
pub mod labels;
pub mod louvain;

use petgraph::graph::NodeIndex;
use petgraph::unionfind::UnionFind;

use super::signed::SignedNetwork;
use super::subgraph::{Selection, Subgraph, select};
use crate::error::Error;
use crate::graph::{DiploGraph, View};
use crate::model::{EntityKind, RelationKind};

pub use blocs::{Blocs, blocs};
pub use cliques::maximal_cliques;
pub use labels::label_propagation;
pub use louvain::{Communities, louvain, modularity};

/// Connected components of a subgraph, largest first (ties: earliest
/// member first). Union-find, O(E·α(V)): on a large subgraph each of two
/// threads unites half of the relations in a union-find of its own, and
/// the second's sets are then united into the first's (V more unions), so
/// the components are the same as on one thread. On the 1M-relation
/// benchmark graph (with the selection): 8.4 ms, NetworKit's
/// `ConnectedComponents` 21 ms in the same run. petgraph's
/// `connected_components` on a `View` is about as fast but only counts;
/// getting the groups through its `tarjan_scc` took 2–6× longer
/// (`cargo bench --bench visit -- components`).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, model::RelationKind, store};
/// use diplograph::query::{cluster::components, subgraph::{Selection, select}};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let sub = select(&view, &Selection { via: vec![RelationKind::Dispute], focus: None });
/// let parts = components(&graph, &sub);
/// assert_eq!(parts.len(), 1); // India and Pakistan
/// assert_eq!(parts[0].len(), 2);
/// ```
pub fn components(graph: &DiploGraph, sub: &Subgraph) -> Vec<Vec<NodeIndex>> {
    /// Below this many relations a second thread costs more than it saves.
    const PARALLEL_FROM: usize = 1 << 16;
    let unite = |edges: &[petgraph::graph::EdgeIndex]| {
        let mut sets = UnionFind::<u32>::new(graph.node_count());
        for edge in edges {
            let (a, b) = graph.endpoints(*edge);
            sets.union(a.index() as u32, b.index() as u32);
        }
        sets
    };
    let mut sets = if sub.edges.len() < PARALLEL_FROM {
        unite(&sub.edges)
    } else {
        let (low, high) = sub.edges.split_at(sub.edges.len() / 2);
        let (mut sets, mut other) = std::thread::scope(|scope| {
            let other = scope.spawn(|| unite(high));
            let other = other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (unite(low), other)
        });
        for v in 0..graph.node_count() as u32 {
            let root = other.find_mut(v);
            if root != v {
                sets.union(v, root);
            }
        }
        sets
    };
    // Groups in order of their first node; sort_groups orders them.
    let mut slot = vec![u32::MAX; graph.node_count()];
    let mut groups: Vec<Vec<NodeIndex>> = Vec::new();
    for node in &sub.nodes {
        let root = sets.find_mut(node.index() as u32) as usize;
        if slot[root] == u32::MAX {
            slot[root] = groups.len() as u32;
            groups.push(Vec::new());
        }
        groups[slot[root] as usize].push(*node);
    }
    sort_groups(groups)
}

/// Largest group first, then by first member; members in file order.
pub fn sort_groups(mut groups: Vec<Vec<NodeIndex>>) -> Vec<Vec<NodeIndex>> {
    for g in &mut groups {
        g.sort_unstable();
    }
    // Groups are disjoint, so no two compare equal: an unstable sort is
    // the same order.
    groups.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    groups
}

/// The clustering methods `clusters` offers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Method {
    /// Connected components over the chosen relation kinds.
    Components,
    /// Louvain modularity communities.
    #[default]
    Communities,
    /// Signed partition of states (Doreian & Mrvar).
    Blocs,
    /// Maximal cliques of states with positive ties.
    Cliques,
}

impl Method {
    /// The method's name on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Method::Components => "components",
            Method::Communities => "communities",
            Method::Blocs => "blocs",
            Method::Cliques => "cliques",
        }
    }
}

/// What `clusters` is asked.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterQuery {
    /// Which method to cluster by.
    pub method: Method,
    /// Only relations of these kinds (all kinds when empty).
    pub via: Vec<RelationKind>,
    /// Keep only countries in each cluster (clusters are still computed on
    /// the whole selection).
    pub countries_only: bool,
    /// blocs: the number of blocs (`None`: the k with the lowest error).
    pub k: Option<usize>,
    /// blocs: weight of negative ties inside blocs, 0..=1.
    pub alpha: f64,
    /// cliques: the smallest clique kept.
    pub min_size: usize,
}

impl Default for ClusterQuery {
    fn default() -> ClusterQuery {
        ClusterQuery {
            method: Method::default(),
            via: Vec::new(),
            countries_only: false,
            k: None,
            alpha: 0.5,
            min_size: 3,
        }
    }
}

/// The result of any clustering method, ready to render.
#[derive(Clone, Debug)]
pub struct Clusters {
    /// The method that made them.
    pub method: Method,
    /// The clusters, largest first, members in file order.
    pub groups: Vec<Vec<NodeIndex>>,
    /// communities: the partition's modularity Q.
    pub modularity: Option<f64>,
    /// blocs: the partition with its error and broken ties.
    pub blocs: Option<Blocs>,
    /// blocs and cliques: the signed network they were computed on (to
    /// explain ties).
    pub network: Option<SignedNetwork>,
    /// cliques: whether the search stopped at [`cliques::MAX_CLIQUES`].
    pub truncated: bool,
}

/// Clusters the graph as of the view's moment with the method asked:
/// validates the parameters (`alpha` in 0..=1, `k` at least 1), runs the
/// algorithm (components and communities on the selected relations; blocs
/// and cliques on the signed network of states) and, with
/// `countries_only`, keeps only countries in each cluster and re-sorts.
/// Costs are those of the method: see [`components`], [`louvain`],
/// [`blocs`], [`maximal_cliques`].
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::cluster::{ClusterQuery, Method, clusters};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let query = ClusterQuery { method: Method::Blocs, ..ClusterQuery::default() };
/// let found = clusters(&view, &query).unwrap();
/// assert_eq!(found.groups.len(), 2);
/// assert!(clusters(&view, &ClusterQuery { alpha: 2.0, ..query }).is_err());
/// ```
pub fn clusters(view: &View<'_>, query: &ClusterQuery) -> Result<Clusters, Error> {
    let graph = view.graph();
    if !(0.0..=1.0).contains(&query.alpha) {
        return Err(Error::Usage(format!(
            "--alpha must be between 0 and 1, not {}",
            query.alpha
        )));
    }
    if query.k == Some(0) {
        return Err(Error::Usage("--k must be at least 1".into()));
    }
    let selection = Selection {
        via: query.via.clone(),
        focus: None,
    };
    let plain = |groups| Clusters {
        method: query.method,
        groups,
        modularity: None,
        blocs: None,
        network: None,
        truncated: false,
    };
    let mut found = match query.method {
        Method::Components => plain(components(graph, &select(view, &selection))),
        Method::Communities => {
            let c = louvain(graph, &select(view, &selection));
            Clusters {
                modularity: Some(c.modularity),
                ..plain(c.groups)
            }
        }
        Method::Blocs => {
            let net = SignedNetwork::build(view, &query.via);
            let b = blocs(&net, query.alpha, query.k);
            Clusters {
                blocs: Some(b.clone()),
                network: Some(net),
                ..plain(b.groups)
            }
        }
        Method::Cliques => {
            let net = SignedNetwork::build(view, &query.via);
            let (groups, truncated) = maximal_cliques(&net, query.min_size);
            Clusters {
                network: Some(net),
                truncated,
                ..plain(groups)
            }
        }
    };
    if query.countries_only {
        for group in &mut found.groups {
            group.retain(|n| graph.entity_kind(*n) == EntityKind::Country);
        }
        found.groups.retain(|g| !g.is_empty());
        found.groups = sort_groups(std::mem::take(&mut found.groups));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::When;
    use crate::query::subgraph::{Selection, select};

    #[test]
    fn components_on_two_threads_are_those_of_one() {
        // Enough relations for the two-thread path.
        let params = crate::generate::Params {
            seed: 3,
            countries: 400,
            organizations: 300,
            relations: 70_000,
        };
        let made = crate::generate::generate(&params).unwrap();
        let graph = DiploGraph::new(crate::store::load_str("g.ron", &made.text).unwrap());
        let sub = select(&graph.at(When::AllTime), &Selection::default());
        assert!(sub.edges.len() >= 1 << 16);
        let mut sets = UnionFind::<u32>::new(graph.node_count());
        for edge in &sub.edges {
            let (a, b) = graph.endpoints(*edge);
            sets.union(a.index() as u32, b.index() as u32);
        }
        let parts = components(&graph, &sub);
        assert_eq!(parts.iter().map(Vec::len).sum::<usize>(), sub.nodes.len());
        for part in &parts {
            let root = sets.find(part[0].index() as u32);
            assert!(part.iter().all(|n| sets.find(n.index() as u32) == root));
        }
        let roots: std::collections::HashSet<u32> = parts
            .iter()
            .map(|p| sets.find(p[0].index() as u32))
            .collect();
        assert_eq!(roots.len(), parts.len());
    }
}
