//! The graph through petgraph's visit traits, so that petgraph's and
//! rustworkx-core's algorithms run on it as it stood on a date, without
//! copying it.
//!
//! [`View`] (the graph as of a [`When`]) and `&DiploGraph` (every relation
//! ever recorded, as `graph.at(When::AllTime)`) implement
//! [`GraphBase`], [`Data`], [`IntoNeighbors`], [`IntoNeighborsDirected`],
//! [`IntoEdges`], [`IntoEdgesDirected`], [`IntoEdgeReferences`],
//! [`IntoNodeIdentifiers`], [`IntoNodeReferences`], [`NodeIndexable`],
//! [`NodeCompactIndexable`], [`NodeCount`], [`EdgeIndexable`],
//! [`Visitable`] and [`GraphProp`] (`&DiploGraph` also [`EdgeCount`]).
//! Every neighbour and edge iterator walks the compressed rows of
//! [`Csr`](super::csr::Csr) and skips the relations not in force at the
//! view's moment: nothing is copied, a view costs nothing to make.
//!
//! - Node ids are [`NodeIndex`] and edge ids [`EdgeIndex`], the handles the
//!   rest of the code uses; node weights are the [`EntityKind`], edge
//!   weights a [`Tie`] (the relation's kind and handle, from which
//!   `graph.relation(tie.edge)`, `graph.validity(tie.edge)` and the other
//!   accessors give its dates and fields).
//! - Relations are directed as written (`GraphProp::EdgeType` is
//!   [`Directed`]): `member(IND, SCO)` is an edge IND → SCO only. A
//!   symmetric kind (partnership, alliance, rivalry, dispute, conflict) is
//!   stored once, in the direction the file wrote it, so on a directed view
//!   `dispute(IND, PAK)` is IND → PAK and not PAK → IND.
//! - Most questions the project asks ignore direction. [`Undirected`]
//!   (`view.undirected()`) walks every relation both ways and says
//!   `EdgeType = Undirected`, like a petgraph `UnGraph` with parallel
//!   edges: `edges(a)` yields each relation at `a` with `a` as its source
//!   (so Dijkstra and A* step to `target()`), `neighbors(a)` every entity
//!   joined to `a`, once per relation. It also implements
//!   `IntoNeighborsDirected` (both directions for either `Direction`, as
//!   petgraph's undirected graphs do), which petgraph's own
//!   `UndirectedAdaptor` does not and rustworkx-core's centralities need.
//! - [`Simple`] (`view.undirected().simple()`) is the simple graph behind
//!   the project's centralities: each adjacent entity once however many
//!   relations join them. Algorithms that count shortest paths
//!   (betweenness) need it; the others do not.
//! - [`Via`] (`view.via(&[RelationKind::Member])`) keeps only relations of
//!   some kinds, the `--via` of the command line, and has the same traits
//!   (and `.undirected()`).
//!
//! Connected components ignore direction (petgraph's
//! `connected_components` unions the ends of every edge), so they are the
//! same on a `View` and its `Undirected`; strongly connected components
//! (`tarjan_scc`) follow the written direction on a `View` and are the
//! connected components on an `Undirected`.
//!
//! ```
//! use diplograph::graph::{DiploGraph, When};
//! use petgraph::algo::{connected_components, dijkstra};
//! let graph = DiploGraph::new(diplograph::store::load_str("g", diplograph::store::BUNDLED).unwrap());
//! let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
//! let (india, china) = (graph.resolve("India").unwrap(), graph.resolve("China").unwrap());
//! let hops = dijkstra(view.undirected(), india, Some(china), |_| 1u32);
//! assert_eq!(hops[&china], 2); // through the SCO, or BRICS
//! assert!(connected_components(view) < graph.node_count());
//! ```

use std::ops::Range;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{
    Data, EdgeCount, EdgeIndexable, EdgeRef, GraphBase, GraphProp, GraphRef, IntoEdgeReferences,
    IntoEdges, IntoEdgesDirected, IntoNeighbors, IntoNeighborsDirected, IntoNodeIdentifiers,
    IntoNodeReferences, NodeCompactIndexable, NodeCount, NodeIndexable, NodeRef, VisitMap,
    Visitable,
};
use petgraph::{Directed, Direction};

use super::{DiploGraph, View, When};
use crate::model::{EntityKind, RelationKind};

/// The weight of an edge: which relation it is and of what kind.
///
/// It is a handle, not the relation: the relation's dates, role, position
/// and sources are reached through the graph (`graph.relation(tie.edge)`,
/// `graph.validity(tie.edge)`), so that walking a million edges makes no
/// model value. The kind is carried because most edge-cost closures need
/// only it.
///
/// ```
/// use diplograph::graph::{DiploGraph, When, visit::Tie};
/// use diplograph::model::RelationKind;
/// use petgraph::visit::{EdgeRef, IntoEdges};
/// let graph = DiploGraph::new(diplograph::store::load_str("g", diplograph::store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let india = graph.resolve("India").unwrap();
/// let sco = graph.resolve("SCO").unwrap();
/// let edge = view.edges(india).find(|e| e.target() == sco).unwrap();
/// let tie: Tie = *edge.weight();
/// assert_eq!(tie.kind, RelationKind::Member);
/// assert!(graph.validity(tie.edge).in_force_on(jiff::civil::date(2024, 7, 4)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tie {
    /// The relation's handle (relation *j* of the database).
    pub edge: EdgeIndex,
    /// The relation's kind.
    pub kind: RelationKind,
}

/// An edge as an algorithm sees it: its two ends in the direction of the
/// walk and its [`Tie`]. On a directed view the direction is the written
/// one; on an [`Undirected`] one, `source()` is the entity walked from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelationRef {
    source: NodeIndex,
    target: NodeIndex,
    tie: Tie,
    forward: bool,
}

impl RelationRef {
    /// Whether the walk goes the way the relation is written (always true
    /// on a directed view; false on an [`Undirected`] one when the
    /// relation was walked from its `to` end).
    pub fn forward(&self) -> bool {
        self.forward
    }
}

impl EdgeRef for RelationRef {
    type NodeId = NodeIndex;
    type EdgeId = EdgeIndex;
    type Weight = Tie;

    fn source(&self) -> NodeIndex {
        self.source
    }

    fn target(&self) -> NodeIndex {
        self.target
    }

    fn weight(&self) -> &Tie {
        &self.tie
    }

    fn id(&self) -> EdgeIndex {
        self.tie.edge
    }
}

/// A node as an algorithm sees it: its index and its entity kind (the
/// node weight). The entity itself is `graph.entity(node)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityRef {
    /// The node.
    pub node: NodeIndex,
    /// Its entity's kind.
    pub kind: EntityKind,
}

impl NodeRef for EntityRef {
    type NodeId = NodeIndex;
    type Weight = EntityKind;

    fn id(&self) -> NodeIndex {
        self.node
    }

    fn weight(&self) -> &EntityKind {
        &self.kind
    }
}

/// What a walk admits: relations in force at a view's moment, of the
/// kinds in a bit set (bit *k* for `RelationKind::ALL[k]`).
#[derive(Clone, Copy, Debug)]
struct Scope<'g> {
    view: View<'g>,
    kinds: u32,
}

/// Every kind.
const ALL_KINDS: u32 = (1 << RelationKind::ALL.len()) - 1;

impl<'g> Scope<'g> {
    fn graph(&self) -> &'g DiploGraph {
        self.view.graph()
    }

    #[inline]
    fn admits(&self, edge: u32) -> bool {
        self.view.in_force_at(edge as usize)
            && (self.kinds == ALL_KINDS
                || self.kinds & (1 << self.graph().snap.relations[edge as usize].kind) != 0)
    }

    /// The relations at `node` in the directions asked for.
    fn adjacent(&self, node: NodeIndex, outgoing: bool, incoming: bool) -> Adjacent<'g> {
        let csr = self.graph().csr();
        let v = node.index();
        Adjacent {
            out: if outgoing { csr.outgoing(v) } else { &[] },
            inc: if incoming { csr.incoming(v) } else { &[] },
            scope: *self,
        }
    }

    fn tie(&self, edge: u32) -> Tie {
        Tie {
            edge: EdgeIndex::new(edge as usize),
            kind: self.graph().snap.relation_kind(edge as usize),
        }
    }
}

/// The admitted relations of some rows: (relation, other end, outgoing),
/// outgoing first, each in file order.
#[derive(Clone, Debug)]
struct Adjacent<'g> {
    out: &'g [[u32; 2]],
    inc: &'g [[u32; 2]],
    scope: Scope<'g>,
}

impl Iterator for Adjacent<'_> {
    type Item = (u32, u32, bool);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        while let Some((&[e, o], rest)) = self.out.split_first() {
            self.out = rest;
            if self.scope.admits(e) {
                return Some((e, o, true));
            }
        }
        while let Some((&[e, o], rest)) = self.inc.split_first() {
            self.inc = rest;
            if self.scope.admits(e) {
                return Some((e, o, false));
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.out.len() + self.inc.len()))
    }
}

/// The neighbours of a node through relations in force (the
/// `IntoNeighbors` iterator of every type here), once per relation.
#[derive(Clone, Debug)]
pub struct Neighbors<'g>(Adjacent<'g>);

impl Iterator for Neighbors<'_> {
    type Item = NodeIndex;

    #[inline]
    fn next(&mut self) -> Option<NodeIndex> {
        self.0.next().map(|(_, o, _)| NodeIndex::new(o as usize))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

/// The relations in force at a node (the `IntoEdges` iterator).
#[derive(Clone, Debug)]
pub struct Edges<'g> {
    rows: Adjacent<'g>,
    node: NodeIndex,
    ends: Ends,
}

/// How [`Edges`] orients a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ends {
    /// As written.
    Written,
    /// From the node to the other end.
    FromNode,
    /// From the other end to the node.
    ToNode,
}

impl Iterator for Edges<'_> {
    type Item = RelationRef;

    #[inline]
    fn next(&mut self) -> Option<RelationRef> {
        let (e, o, outgoing) = self.rows.next()?;
        let other = NodeIndex::new(o as usize);
        let tie = self.rows.scope.tie(e);
        let from_node = match self.ends {
            Ends::Written => outgoing,
            Ends::FromNode => true,
            Ends::ToNode => false,
        };
        Some(RelationRef {
            source: if from_node { self.node } else { other },
            target: if from_node { other } else { self.node },
            tie,
            forward: from_node == outgoing,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.rows.size_hint()
    }
}

/// Every relation in force, in file order, as written (the
/// `IntoEdgeReferences` iterator).
#[derive(Clone, Debug)]
pub struct EdgeReferences<'g> {
    next: Range<u32>,
    scope: Scope<'g>,
}

impl Iterator for EdgeReferences<'_> {
    type Item = RelationRef;

    fn next(&mut self) -> Option<RelationRef> {
        let scope = self.scope;
        let e = self.next.find(|e| scope.admits(*e))?;
        let r = &scope.graph().snap.relations[e as usize];
        Some(RelationRef {
            source: NodeIndex::new(r.from as usize),
            target: NodeIndex::new(r.to as usize),
            tie: scope.tie(e),
            forward: true,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.next.len()))
    }
}

/// Every node of a view, in file order (the `IntoNodeIdentifiers`
/// iterator). A view keeps every entity, even one with no relation in
/// force, except a state outside its recorded statehood
/// ([`View::contains`]); node indices stay those of the whole graph, so
/// `node_bound` and `node_count` are the graph's (such a state is an
/// unused index of the view, with no edge).
#[derive(Clone, Debug)]
pub struct NodeIdentifiers<'g> {
    next: Range<usize>,
    view: View<'g>,
}

impl Iterator for NodeIdentifiers<'_> {
    type Item = NodeIndex;

    fn next(&mut self) -> Option<NodeIndex> {
        let view = self.view;
        self.next
            .find(|i| view.contains(NodeIndex::new(*i)))
            .map(NodeIndex::new)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.next.len()))
    }
}

/// Every node of a view with its entity kind, in file order (the
/// `IntoNodeReferences` iterator; the nodes of [`NodeIdentifiers`]).
#[derive(Clone, Debug)]
pub struct NodeReferences<'g> {
    next: NodeIdentifiers<'g>,
}

impl Iterator for NodeReferences<'_> {
    type Item = EntityRef;

    fn next(&mut self) -> Option<EntityRef> {
        let node = self.next.next()?;
        Some(EntityRef {
            node,
            kind: self.next.view.graph().snap.entity_kind(node.index()),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.next.size_hint()
    }
}

/// The visit map of every type here (`Visitable::Map`): one bit per
/// entity. petgraph's `FixedBitSet` would do, but petgraph does not
/// re-export it.
#[derive(Clone, Debug, Default)]
pub struct Seen {
    bits: Vec<u64>,
}

impl Seen {
    fn new(n: usize) -> Seen {
        Seen {
            bits: vec![0; n.div_ceil(64)],
        }
    }

    fn reset(&mut self, n: usize) {
        self.bits.clear();
        self.bits.resize(n.div_ceil(64), 0);
    }
}

impl VisitMap<NodeIndex> for Seen {
    #[inline]
    fn visit(&mut self, a: NodeIndex) -> bool {
        let (word, bit) = (a.index() / 64, 1u64 << (a.index() % 64));
        let first = self.bits[word] & bit == 0;
        self.bits[word] |= bit;
        first
    }

    #[inline]
    fn is_visited(&self, a: &NodeIndex) -> bool {
        self.bits[a.index() / 64] & (1u64 << (a.index() % 64)) != 0
    }

    #[inline]
    fn unvisit(&mut self, a: NodeIndex) -> bool {
        let (word, bit) = (a.index() / 64, 1u64 << (a.index() % 64));
        let was = self.bits[word] & bit != 0;
        self.bits[word] &= !bit;
        was
    }
}

/// The graph as of a moment, keeping only relations of some kinds: the
/// command line's `--via`. Directed as written, like [`View`]; made by
/// [`View::via`].
///
/// ```
/// use diplograph::graph::{DiploGraph, When};
/// use diplograph::model::RelationKind;
/// use petgraph::visit::{IntoNeighborsDirected, IntoNodeReferences};
/// use petgraph::Direction;
/// let graph = DiploGraph::new(diplograph::store::load_str("g", diplograph::store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 5)));
/// let sco = graph.resolve("SCO").unwrap();
/// let members = view.via(&[RelationKind::Member]);
/// assert_eq!(members.neighbors_directed(sco, Direction::Incoming).count(), 10);
/// assert_eq!(members.node_references().count(), graph.node_count());
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Via<'g>(Scope<'g>);

/// The graph as of a moment with every relation walked both ways
/// (`EdgeType = Undirected`), the convention of the project's paths,
/// components and centralities. A relation appears once at each of its
/// ends, so two entities joined by two relations are neighbours twice
/// (see [`Simple`]). Made by [`View::undirected`] or [`Via::undirected`].
///
/// ```
/// use diplograph::graph::{DiploGraph, When};
/// use petgraph::visit::{Bfs, EdgeRef, IntoEdges};
/// let graph = DiploGraph::new(diplograph::store::load_str("g", diplograph::store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4))).undirected();
/// let sco = graph.resolve("SCO").unwrap();
/// // Members point at the SCO; walked undirected, the SCO is each edge's source.
/// assert!(view.edges(sco).all(|e| e.source() == sco));
/// let mut bfs = Bfs::new(view, sco);
/// let mut reached = 0;
/// while bfs.next(view).is_some() {
///     reached += 1;
/// }
/// assert!(reached > 10);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Undirected<'g>(Scope<'g>);

/// The simple undirected graph of a view: each entity joined to another by
/// at least one relation in force is its neighbour once. Betweenness counts
/// shortest paths, and two parallel relations would count as two; this is
/// the graph `query::centrality` scores. Neighbour lists are collected and
/// deduplicated per call (O(d) and an allocation, with a mark per entity
/// kept per thread), so prefer [`Undirected`] for anything that does not
/// count paths. Made by [`Undirected::simple`].
///
/// ```
/// use diplograph::graph::{DiploGraph, When};
/// use rustworkx_core::centrality::betweenness_centrality;
/// let graph = DiploGraph::new(diplograph::store::load_str("g", diplograph::store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let scores = betweenness_centrality(view.undirected().simple(), false, true, 50);
/// let un = graph.resolve("UN").unwrap();
/// assert!(scores[un.index()].unwrap() > 0.0);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Simple<'g>(Scope<'g>);

impl<'g> View<'g> {
    /// This view with only relations of `kinds` (all kinds when empty, as
    /// with `--via`).
    ///
    /// # Panics
    ///
    /// Never: every kind is in `RelationKind::ALL`, where its position is
    /// its bit in the set.
    pub fn via(self, kinds: &[RelationKind]) -> Via<'g> {
        let kinds = if kinds.is_empty() {
            ALL_KINDS
        } else {
            kinds.iter().fold(0, |set, kind| {
                let k = RelationKind::ALL
                    .iter()
                    .position(|x| x == kind)
                    .expect("every kind is in ALL");
                set | 1 << k
            })
        };
        Via(Scope { view: self, kinds })
    }

    /// This view with direction ignored.
    pub fn undirected(self) -> Undirected<'g> {
        Undirected(self.scope())
    }

    fn scope(self) -> Scope<'g> {
        Scope {
            view: self,
            kinds: ALL_KINDS,
        }
    }
}

impl<'g> Via<'g> {
    /// The view this one filters.
    pub fn view(self) -> View<'g> {
        self.0.view
    }

    /// This filtered view with direction ignored.
    pub fn undirected(self) -> Undirected<'g> {
        Undirected(self.0)
    }
}

impl<'g> Undirected<'g> {
    /// The simple graph of this one: parallel relations joined.
    pub fn simple(self) -> Simple<'g> {
        Simple(self.0)
    }
}

/// Per thread: for each node, the call of [`distinct`] that last listed
/// it, so that a neighbour list is deduplicated in one pass.
struct Marks {
    call: u32,
    last: Vec<u32>,
}

thread_local! {
    static MARKS: std::cell::RefCell<Marks> = const {
        std::cell::RefCell::new(Marks { call: 0, last: Vec::new() })
    };
}

/// Distinct neighbours of `node`, in order of their first relation
/// (outgoing first): O(d), one allocation for the list.
fn distinct(scope: &Scope<'_>, node: NodeIndex) -> std::vec::IntoIter<NodeIndex> {
    let rows = scope.adjacent(node, true, true);
    let n = scope.graph().node_count();
    MARKS.with(|cell| {
        let mut marks = cell.borrow_mut();
        if marks.last.len() < n {
            marks.last.resize(n, 0);
        }
        marks.call = marks.call.wrapping_add(1);
        if marks.call == 0 {
            // Wrapped around: forget every mark.
            marks.last.fill(0);
            marks.call = 1;
        }
        let Marks { call, last } = &mut *marks;
        let mut out = Vec::with_capacity(rows.size_hint().1.unwrap_or(0));
        for (_, o, _) in rows {
            let mark = &mut last[o as usize];
            if *mark != *call {
                *mark = *call;
                out.push(NodeIndex::new(o as usize));
            }
        }
        out.into_iter()
    })
}

/// The traits every type here shares; `$scope` turns `self` into a Scope.
macro_rules! common {
    ($ty:ty, $scope:expr, $edge_type:ty) => {
        impl<'g> GraphBase for $ty {
            type NodeId = NodeIndex;
            type EdgeId = EdgeIndex;
        }

        impl<'g> GraphRef for $ty {}

        impl<'g> Data for $ty {
            type NodeWeight = EntityKind;
            type EdgeWeight = Tie;
        }

        impl<'g> GraphProp for $ty {
            type EdgeType = $edge_type;
        }

        impl<'g> NodeCount for $ty {
            fn node_count(&self) -> usize {
                $scope(self).graph().node_count()
            }
        }

        impl<'g> NodeIndexable for $ty {
            fn node_bound(&self) -> usize {
                $scope(self).graph().node_count()
            }

            fn to_index(&self, a: NodeIndex) -> usize {
                a.index()
            }

            fn from_index(&self, i: usize) -> NodeIndex {
                NodeIndex::new(i)
            }
        }

        impl<'g> NodeCompactIndexable for $ty {}

        impl<'g> EdgeIndexable for $ty {
            fn edge_bound(&self) -> usize {
                $scope(self).graph().relation_count()
            }

            fn to_index(&self, a: EdgeIndex) -> usize {
                a.index()
            }

            fn from_index(&self, i: usize) -> EdgeIndex {
                EdgeIndex::new(i)
            }
        }

        impl<'g> Visitable for $ty {
            type Map = Seen;

            fn visit_map(&self) -> Seen {
                Seen::new($scope(self).graph().node_count())
            }

            fn reset_map(&self, map: &mut Seen) {
                map.reset($scope(self).graph().node_count())
            }
        }

        impl<'g> IntoNodeIdentifiers for $ty {
            type NodeIdentifiers = NodeIdentifiers<'g>;

            fn node_identifiers(self) -> NodeIdentifiers<'g> {
                let view = $scope(&self).view;
                NodeIdentifiers {
                    next: 0..view.graph().node_count(),
                    view,
                }
            }
        }

        impl<'g> IntoNodeReferences for $ty {
            type NodeRef = EntityRef;
            type NodeReferences = NodeReferences<'g>;

            fn node_references(self) -> NodeReferences<'g> {
                NodeReferences {
                    next: self.node_identifiers(),
                }
            }
        }
    };
}

/// The edge and neighbour traits, directed or not.
macro_rules! walks {
    ($ty:ty, $scope:expr, $undirected:expr) => {
        impl<'g> IntoEdgeReferences for $ty {
            type EdgeRef = RelationRef;
            type EdgeReferences = EdgeReferences<'g>;

            fn edge_references(self) -> EdgeReferences<'g> {
                let scope = $scope(&self);
                EdgeReferences {
                    next: 0..scope.graph().relation_count() as u32,
                    scope,
                }
            }
        }

        impl<'g> IntoNeighbors for $ty {
            type Neighbors = Neighbors<'g>;

            fn neighbors(self, a: NodeIndex) -> Neighbors<'g> {
                Neighbors($scope(&self).adjacent(a, true, $undirected))
            }
        }

        impl<'g> IntoNeighborsDirected for $ty {
            type NeighborsDirected = Neighbors<'g>;

            fn neighbors_directed(self, a: NodeIndex, d: Direction) -> Neighbors<'g> {
                let out = $undirected || d == Direction::Outgoing;
                let inc = $undirected || d == Direction::Incoming;
                Neighbors($scope(&self).adjacent(a, out, inc))
            }
        }

        impl<'g> IntoEdges for $ty {
            type Edges = Edges<'g>;

            fn edges(self, a: NodeIndex) -> Edges<'g> {
                Edges {
                    rows: $scope(&self).adjacent(a, true, $undirected),
                    node: a,
                    ends: if $undirected {
                        Ends::FromNode
                    } else {
                        Ends::Written
                    },
                }
            }
        }

        impl<'g> IntoEdgesDirected for $ty {
            type EdgesDirected = Edges<'g>;

            /// On an undirected graph, every relation at `a`, with `a` as
            /// the source for `Outgoing` and as the target for `Incoming`,
            /// as petgraph's `UnGraph` does.
            fn edges_directed(self, a: NodeIndex, d: Direction) -> Edges<'g> {
                let (out, inc) = if $undirected {
                    (true, true)
                } else {
                    (d == Direction::Outgoing, d == Direction::Incoming)
                };
                let ends = match ($undirected, d) {
                    (false, _) => Ends::Written,
                    (true, Direction::Outgoing) => Ends::FromNode,
                    (true, Direction::Incoming) => Ends::ToNode,
                };
                Edges {
                    rows: $scope(&self).adjacent(a, out, inc),
                    node: a,
                    ends,
                }
            }
        }
    };
}

common!(View<'g>, |v: &View<'g>| v.scope(), Directed);
walks!(View<'g>, |v: &View<'g>| v.scope(), false);
common!(Via<'g>, |v: &Via<'g>| v.0, Directed);
walks!(Via<'g>, |v: &Via<'g>| v.0, false);
common!(
    Undirected<'g>,
    |v: &Undirected<'g>| v.0,
    petgraph::Undirected
);
walks!(Undirected<'g>, |v: &Undirected<'g>| v.0, true);
common!(Simple<'g>, |v: &Simple<'g>| v.0, petgraph::Undirected);

impl IntoNeighbors for Simple<'_> {
    type Neighbors = std::vec::IntoIter<NodeIndex>;

    fn neighbors(self, a: NodeIndex) -> Self::Neighbors {
        distinct(&self.0, a)
    }
}

impl IntoNeighborsDirected for Simple<'_> {
    type NeighborsDirected = std::vec::IntoIter<NodeIndex>;

    /// Every distinct neighbour, whichever the direction (undirected).
    fn neighbors_directed(self, a: NodeIndex, _: Direction) -> Self::NeighborsDirected {
        distinct(&self.0, a)
    }
}

/// The all-time graph: every relation ever recorded, whatever its dates.
/// `&DiploGraph` has the traits of `graph.at(When::AllTime)` and the same
/// iterators, and also [`EdgeCount`] (every relation).
///
/// ```
/// use diplograph::graph::{DiploGraph, When};
/// use petgraph::algo::connected_components;
/// let graph = DiploGraph::new(diplograph::store::load_str("g", diplograph::store::BUNDLED).unwrap());
/// assert_eq!(connected_components(&graph), connected_components(graph.at(When::AllTime)));
/// ```
impl GraphBase for DiploGraph {
    type NodeId = NodeIndex;
    type EdgeId = EdgeIndex;
}

impl Data for DiploGraph {
    type NodeWeight = EntityKind;
    type EdgeWeight = Tie;
}

impl GraphProp for DiploGraph {
    type EdgeType = Directed;
}

impl NodeCount for DiploGraph {
    fn node_count(&self) -> usize {
        DiploGraph::node_count(self)
    }
}

impl NodeIndexable for DiploGraph {
    fn node_bound(&self) -> usize {
        DiploGraph::node_count(self)
    }

    fn to_index(&self, a: NodeIndex) -> usize {
        a.index()
    }

    fn from_index(&self, i: usize) -> NodeIndex {
        NodeIndex::new(i)
    }
}

impl NodeCompactIndexable for DiploGraph {}

impl EdgeIndexable for DiploGraph {
    fn edge_bound(&self) -> usize {
        self.relation_count()
    }

    fn to_index(&self, a: EdgeIndex) -> usize {
        a.index()
    }

    fn from_index(&self, i: usize) -> EdgeIndex {
        EdgeIndex::new(i)
    }
}

impl EdgeCount for DiploGraph {
    fn edge_count(&self) -> usize {
        self.relation_count()
    }
}

impl Visitable for DiploGraph {
    type Map = Seen;

    fn visit_map(&self) -> Seen {
        Seen::new(DiploGraph::node_count(self))
    }

    fn reset_map(&self, map: &mut Seen) {
        map.reset(DiploGraph::node_count(self));
    }
}

/// `&DiploGraph`'s walking traits, each `graph.at(When::AllTime)`'s.
macro_rules! all_time {
    ($($trait:ident { $($assoc:ident = $ty:ty),* } fn $method:ident($($arg:ident: $argty:ty),*) -> $ret:ty;)*) => {
        $(
            impl<'g> $trait for &'g DiploGraph {
                $(type $assoc = $ty;)*

                fn $method(self, $($arg: $argty),*) -> $ret {
                    self.at(When::AllTime).$method($($arg),*)
                }
            }
        )*
    };
}

all_time! {
    IntoNeighbors { Neighbors = Neighbors<'g> } fn neighbors(a: NodeIndex) -> Neighbors<'g>;
    IntoNeighborsDirected { NeighborsDirected = Neighbors<'g> }
        fn neighbors_directed(a: NodeIndex, d: Direction) -> Neighbors<'g>;
    IntoEdges { Edges = Edges<'g> } fn edges(a: NodeIndex) -> Edges<'g>;
    IntoEdgesDirected { EdgesDirected = Edges<'g> }
        fn edges_directed(a: NodeIndex, d: Direction) -> Edges<'g>;
    IntoEdgeReferences { EdgeRef = RelationRef, EdgeReferences = EdgeReferences<'g> }
        fn edge_references() -> EdgeReferences<'g>;
    IntoNodeIdentifiers { NodeIdentifiers = NodeIdentifiers<'g> }
        fn node_identifiers() -> NodeIdentifiers<'g>;
    IntoNodeReferences { NodeRef = EntityRef, NodeReferences = NodeReferences<'g> }
        fn node_references() -> NodeReferences<'g>;
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};
    use std::sync::OnceLock;

    use jiff::civil::date;
    use petgraph::algo::{connected_components, dijkstra, tarjan_scc};
    use petgraph::visit::{Bfs, Dfs, EdgeFiltered, Walker};

    use super::*;
    use crate::generate::{Params, generate};

    /// The relations copied into petgraph's own `DiGraph` (edge *j* is
    /// relation *j*): the reference the traits are checked against.
    fn reference(graph: &DiploGraph) -> petgraph::graph::DiGraph<(), ()> {
        let mut copy = petgraph::graph::DiGraph::new();
        for _ in graph.nodes() {
            copy.add_node(());
        }
        for edge in graph.at(When::AllTime).relations() {
            let (from, to) = graph.endpoints(edge);
            copy.add_edge(from, to, ());
        }
        copy
    }
    use crate::query::centrality::{Measure, centrality};
    use crate::query::cluster::{components, sort_groups};
    use crate::query::path::{PathQuery, shortest};
    use crate::query::subgraph::{Selection, select};
    use crate::store;

    fn bundled() -> &'static DiploGraph {
        static GRAPH: OnceLock<DiploGraph> = OnceLock::new();
        GRAPH.get_or_init(|| DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap()))
    }

    /// 300 countries, 300 organizations, 30,000 relations.
    fn generated() -> &'static DiploGraph {
        static GRAPH: OnceLock<DiploGraph> = OnceLock::new();
        GRAPH.get_or_init(|| {
            let params = Params {
                seed: 3,
                countries: 300,
                organizations: 300,
                relations: 30_000,
            };
            let text = generate(&params).unwrap().text;
            DiploGraph::new(store::snapshot::fast::read(&text).unwrap())
        })
    }

    /// Every graph and moment the comparisons run on.
    fn cases() -> Vec<(&'static str, View<'static>)> {
        let mut out = Vec::new();
        for (name, graph) in [("bundled", bundled()), ("generated", generated())] {
            out.push((name, graph.at(When::On(date(2024, 7, 4)))));
            out.push((name, graph.at(When::On(date(1950, 1, 1)))));
            out.push((name, graph.at(When::AllTime)));
        }
        out
    }

    /// A spread of nodes of a graph: `n` of them, always the first.
    fn sample(graph: &DiploGraph, n: usize) -> Vec<NodeIndex> {
        let count = graph.node_count();
        let step = count.div_ceil(n).max(1);
        (0..count).step_by(step).map(NodeIndex::new).collect()
    }

    fn groups(sccs: Vec<Vec<NodeIndex>>) -> Vec<Vec<NodeIndex>> {
        sort_groups(sccs)
    }

    #[test]
    fn components_are_the_projects() {
        for (name, view) in cases() {
            let graph = view.graph();
            let ours = components(graph, &select(&view, &Selection::default()));
            assert_eq!(connected_components(view), ours.len(), "{name}");
            assert_eq!(connected_components(view.undirected()), ours.len());
            // On an undirected graph strong components are components.
            assert_eq!(groups(tarjan_scc(view.undirected())), ours, "{name}");
            // The --via selection: the project keeps only the entities the
            // kinds reach, petgraph every entity (the rest are singletons).
            let kinds = [RelationKind::Member, RelationKind::Alliance];
            let sub = select(
                &view,
                &Selection {
                    via: kinds.to_vec(),
                    focus: None,
                },
            );
            let ours = components(graph, &sub);
            let theirs: Vec<_> = groups(tarjan_scc(view.via(&kinds).undirected()))
                .into_iter()
                .filter(|g| g.iter().any(|n| sub.nodes.binary_search(n).is_ok()))
                .collect();
            assert_eq!(theirs, ours, "{name} via");
        }
        let graph = bundled();
        assert_eq!(
            connected_components(graph),
            connected_components(graph.at(When::AllTime))
        );
    }

    #[test]
    fn strong_components_follow_the_written_direction() {
        for (name, view) in cases() {
            let copy = reference(view.graph());
            let filtered = EdgeFiltered::from_fn(&copy, |e| view.in_force(e.id()));
            assert_eq!(
                groups(tarjan_scc(view)),
                groups(tarjan_scc(&filtered)),
                "{name}"
            );
        }
    }

    #[test]
    fn hop_distances_are_the_shortest_paths() {
        // `path` also walks from a dispute or conflict to the issue it is
        // over, which no two-ended edge can show: compare the relations'
        // own ends.
        let any = PathQuery {
            relations_only: true,
            ..PathQuery::default()
        };
        for (name, view) in cases() {
            let graph = view.graph();
            let targets = sample(graph, 150);
            for source in sample(graph, 6) {
                let hops = dijkstra(view.undirected(), source, None, |_| 1usize);
                for &target in &targets {
                    let path = shortest(&view, &any, source, target);
                    assert_eq!(
                        hops.get(&target).copied(),
                        path.map(|p| p.len()),
                        "{name}: {source:?} → {target:?}"
                    );
                }
                // Breadth- and depth-first visits reach the same entities.
                let reached: HashSet<NodeIndex> = hops.keys().copied().collect();
                let undirected = view.undirected();
                let bfs: HashSet<NodeIndex> =
                    Bfs::new(undirected, source).iter(undirected).collect();
                let dfs: HashSet<NodeIndex> =
                    Dfs::new(undirected, source).iter(undirected).collect();
                assert_eq!(bfs, reached);
                assert_eq!(dfs, reached);
                // Directed, against petgraph's own graph filtered the same way.
                let copy = reference(graph);
                let filtered = EdgeFiltered::from_fn(&copy, |e| view.in_force(e.id()));
                assert_eq!(
                    dijkstra(view, source, None, |_| 1usize),
                    dijkstra(&filtered, source, None, |_| 1usize),
                    "{name}: directed from {source:?}"
                );
            }
        }
    }

    #[test]
    fn a_bfs_visits_entities_in_order_of_distance() {
        let view = generated().at(When::On(date(2024, 7, 4))).undirected();
        let source = NodeIndex::new(0);
        let hops = dijkstra(view, source, None, |_| 1usize);
        let order: Vec<usize> = Bfs::new(view, source)
            .iter(view)
            .map(|n| hops[&n])
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(order.len(), hops.len());
    }

    #[test]
    fn betweenness_is_the_projects() {
        // Brandes is O(V·E), 90 s on the 30,000-relation graph in a debug
        // build: a smaller generated graph here (the bench runs the large).
        static SMALL: OnceLock<DiploGraph> = OnceLock::new();
        let small = SMALL.get_or_init(|| {
            let params = Params {
                seed: 3,
                countries: 100,
                organizations: 60,
                relations: 4_000,
            };
            let text = generate(&params).unwrap().text;
            DiploGraph::new(store::snapshot::fast::read(&text).unwrap())
        });
        let mut cases = cases();
        cases.retain(|(name, _)| *name == "bundled");
        for when in [When::On(date(2024, 7, 4)), When::AllTime] {
            cases.push(("generated 4k", small.at(when)));
        }
        for (name, view) in cases {
            let graph = view.graph();
            let ours: HashMap<NodeIndex, f64> = centrality(
                graph,
                &select(&view, &Selection::default()),
                Measure::Betweenness,
            )
            .into_iter()
            .map(|s| (s.node, s.score))
            .collect();
            let theirs = rustworkx_core::centrality::betweenness_centrality(
                view.undirected().simple(),
                false,
                true,
                50,
            );
            assert_eq!(theirs.len(), ours.len());
            for (i, score) in theirs.into_iter().enumerate() {
                let (a, b) = (score.unwrap(), ours[&NodeIndex::new(i)]);
                assert!((a - b).abs() < 1e-9, "{name}: node {i}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn parallel_relations_are_neighbours_once_only_in_the_simple_graph() {
        let graph = bundled();
        let view = graph.at(When::On(date(2024, 7, 4)));
        // China is a founder and a member of the SCO: two relations.
        let (china, sco) = (graph.node("CHN").unwrap(), graph.node("SCO").unwrap());
        let joined = view
            .undirected()
            .neighbors(china)
            .filter(|n| *n == sco)
            .count();
        assert_eq!(joined, 2);
        let simple: Vec<NodeIndex> = view.undirected().simple().neighbors(china).collect();
        assert_eq!(simple.iter().filter(|n| **n == sco).count(), 1);
        let mut distinct: Vec<NodeIndex> = view.undirected().neighbors(china).collect();
        distinct.sort();
        distinct.dedup();
        let mut sorted = simple.clone();
        sorted.sort();
        assert_eq!(sorted, distinct);
        // Two lists alive at once do not disturb each other.
        let g = view.undirected().simple();
        let (a, b) = (g.neighbors(china), g.neighbors(sco));
        assert_eq!(a.count(), simple.len());
        assert!(b.count() > 5);
    }

    /// The names of the entities leading Iran on `day`.
    fn presidents(day: jiff::civil::Date) -> Vec<String> {
        let graph = bundled();
        let iran = graph.node("IRN").unwrap();
        let view = graph.at(When::On(day));
        let leads = view.via(&[RelationKind::Leads]);
        let names = |nodes: Vec<NodeIndex>| -> Vec<String> {
            let mut v: Vec<String> = nodes.iter().map(|n| graph.entity(*n).id.clone()).collect();
            v.sort();
            v
        };
        let by_neighbors = names(
            leads
                .neighbors_directed(iran, Direction::Incoming)
                .collect(),
        );
        let by_edges = names(
            leads
                .edges_directed(iran, Direction::Incoming)
                .inspect(|e| {
                    assert_eq!(e.target(), iran);
                    assert_eq!(e.weight().kind, RelationKind::Leads);
                    assert!(graph.validity(e.id()).in_force_on(day));
                })
                .map(|e| e.source())
                .collect(),
        );
        let by_references = names(
            leads
                .edge_references()
                .filter(|e| e.target() == iran)
                .map(|e| e.source())
                .collect(),
        );
        assert_eq!(by_neighbors, by_edges);
        assert_eq!(by_neighbors, by_references);
        // Unfiltered, a leader is a neighbour of Iran exactly when in office.
        let undirected: Vec<NodeIndex> = view.undirected().neighbors(iran).collect();
        for person in ["ebrahim-raisi", "mohammad-mokhber", "masoud-pezeshkian"] {
            let node = graph.node(person).unwrap();
            assert_eq!(
                undirected.contains(&node),
                by_neighbors.iter().any(|p| p == person),
                "{person} on {day}"
            );
            assert_eq!(
                view.neighbors(node).any(|n| n == iran),
                by_neighbors.iter().any(|p| p == person),
            );
        }
        by_neighbors
    }

    #[test]
    fn relations_out_of_force_are_invisible_and_handovers_change_on_the_day() {
        assert_eq!(presidents(date(2024, 5, 18)), ["ebrahim-raisi"]);
        // Raisi died on the 19th: his term ends that day (exclusive) and
        // Mokhber's acting term starts on it, so exactly one holds it.
        assert_eq!(presidents(date(2024, 5, 19)), ["mohammad-mokhber"]);
        assert_eq!(presidents(date(2024, 5, 20)), ["mohammad-mokhber"]);
        assert_eq!(presidents(date(2024, 7, 27)), ["mohammad-mokhber"]);
        // Same-day handover: the successor only.
        assert_eq!(presidents(date(2024, 7, 28)), ["masoud-pezeshkian"]);
        let graph = bundled();
        let iran = graph.node("IRN").unwrap();
        let all: HashSet<String> = graph
            .at(When::AllTime)
            .via(&[RelationKind::Leads])
            .neighbors_directed(iran, Direction::Incoming)
            .map(|n| graph.entity(n).id.clone())
            .collect();
        for person in ["ebrahim-raisi", "mohammad-mokhber", "masoud-pezeshkian"] {
            assert!(all.contains(person));
        }
        // The all-time graph is the same through `&DiploGraph`.
        assert!(
            graph.neighbors_directed(iran, Direction::Incoming).eq(graph
                .at(When::AllTime)
                .neighbors_directed(iran, Direction::Incoming))
        );
    }

    #[test]
    fn a_change_of_status_is_one_relation_on_each_side_of_the_day() {
        let graph = bundled();
        let sco = graph.node("SCO").unwrap();
        let kinds = |state: &str, day| -> Vec<RelationKind> {
            graph
                .at(When::On(day))
                .edges(graph.node(state).unwrap())
                .filter(|e| e.target() == sco)
                .map(|e| e.weight().kind)
                .collect()
        };
        assert_eq!(kinds("IND", date(2017, 6, 8)), [RelationKind::Observer]);
        assert_eq!(kinds("IND", date(2017, 6, 9)), [RelationKind::Member]);
        assert!(kinds("IND", date(2005, 7, 4)).is_empty());
        assert_eq!(kinds("IND", date(2005, 7, 5)), [RelationKind::Observer]);
        // Month precision: Belarus a dialogue partner from the first of April 2010.
        assert!(kinds("BLR", date(2010, 3, 31)).is_empty());
        assert_eq!(
            kinds("BLR", date(2010, 4, 1)),
            [RelationKind::DialoguePartner]
        );
    }

    #[test]
    fn edges_are_the_relations_in_force_as_written_or_walked() {
        for (name, view) in cases() {
            let graph = view.graph();
            let written: Vec<EdgeIndex> = view.edge_references().map(|e| e.id()).collect();
            assert!(written.iter().copied().eq(view.relations()), "{name}");
            for e in view.edge_references() {
                assert_eq!((e.source(), e.target()), graph.endpoints(e.id()));
                assert_eq!(e.weight().kind, graph.kind(e.id()));
                assert!(e.forward());
            }
            let undirected = view.undirected();
            for node in sample(graph, 40) {
                let incident: Vec<EdgeIndex> =
                    view.incident_edges(node).map(|(e, _, _)| e).collect();
                let out: Vec<RelationRef> = view.edges(node).collect();
                let inc: Vec<RelationRef> =
                    view.edges_directed(node, Direction::Incoming).collect();
                assert!(out.iter().all(|e| e.source() == node));
                assert!(inc.iter().all(|e| e.target() == node));
                let both: Vec<EdgeIndex> = out.iter().chain(&inc).map(EdgeRef::id).collect();
                assert_eq!(both, incident);
                for (d, at_source) in [(Direction::Outgoing, true), (Direction::Incoming, false)] {
                    let walked: Vec<RelationRef> = undirected.edges_directed(node, d).collect();
                    assert_eq!(walked.iter().map(EdgeRef::id).collect::<Vec<_>>(), incident);
                    for e in &walked {
                        let end = if at_source { e.source() } else { e.target() };
                        assert_eq!(end, node);
                        assert_eq!(e.forward(), graph.endpoints(e.id()).0 == e.source());
                    }
                }
                assert!(
                    undirected
                        .edges(node)
                        .eq(undirected.edges_directed(node, Direction::Outgoing))
                );
                assert_eq!(
                    undirected.neighbors(node).count(),
                    undirected
                        .neighbors_directed(node, Direction::Incoming)
                        .count()
                );
            }
        }
    }

    #[test]
    fn the_all_time_graph_is_the_all_time_view() {
        for graph in [bundled(), generated()] {
            let view = graph.at(When::AllTime);
            assert!(graph.edge_references().eq(view.edge_references()));
            assert!(graph.node_references().eq(view.node_references()));
            assert_eq!(EdgeCount::edge_count(graph), view.edge_references().count());
            for node in sample(graph, 30) {
                assert!(graph.edges(node).eq(view.edges(node)));
                for d in [Direction::Outgoing, Direction::Incoming] {
                    assert!(
                        graph
                            .edges_directed(node, d)
                            .eq(view.edges_directed(node, d))
                    );
                }
                assert_eq!(
                    dijkstra(graph, node, None, |_| 1usize),
                    dijkstra(view, node, None, |_| 1usize)
                );
            }
            assert_eq!(groups(tarjan_scc(graph)), groups(tarjan_scc(view)));
        }
    }

    #[test]
    fn symmetric_relations_are_stored_once_in_the_written_direction() {
        let graph = bundled();
        let view = graph
            .at(When::On(date(2024, 7, 4)))
            .via(&[RelationKind::Dispute]);
        let (india, pakistan) = (graph.node("IND").unwrap(), graph.node("PAK").unwrap());
        let one_way = view.neighbors(india).any(|n| n == pakistan);
        let other_way = view.neighbors(pakistan).any(|n| n == india);
        assert!(one_way != other_way, "a dispute is one edge");
        let both = view.undirected();
        assert!(both.neighbors(india).any(|n| n == pakistan));
        assert!(both.neighbors(pakistan).any(|n| n == india));
        assert_eq!(view.edge_references().count(), 1);
    }

    #[test]
    fn nodes_are_every_entity_with_its_kind() {
        let graph = bundled();
        let view = graph.at(When::On(date(1900, 1, 1)));
        assert_eq!(view.node_identifiers().count(), graph.node_count());
        assert_eq!(NodeCount::node_count(&view), graph.node_count());
        for r in view.node_references() {
            assert_eq!(*r.weight(), graph.entity_kind(r.id()));
        }
        assert_eq!(view.edge_bound(), graph.relation_count());
        assert_eq!(EdgeCount::edge_count(graph), graph.relation_count());
        let last = NodeIndex::new(graph.node_count() - 1);
        let mut seen = view.visit_map();
        assert!(seen.visit(last));
        assert!(!seen.visit(last));
        assert!(seen.is_visited(&last));
        assert!(!seen.is_visited(&NodeIndex::new(0)));
        view.reset_map(&mut seen);
        assert!(!seen.is_visited(&last));
        assert!(!seen.unvisit(last));
    }
}
