//! The in-memory graph: a petgraph directed graph over a validated
//! [`Database`], with an id index, a name index, and views "as of" a date.
//!
//! Invariants, relied on by every query:
//! - node *i* is entity *i* and edge *j* is relation *j* of the database
//!   (the graph is built once, in order, and never mutated in place), so
//!   [`NodeIndex`] and [`EdgeIndex`] are the handles used everywhere;
//! - symmetric relations are stored once, in the direction the file wrote
//!   them; queries that ignore direction walk both ways;
//! - a relation to an event (`hosts`, `attends`) with no `since` takes
//!   effect from the event's first day: attending a summit is a fact from
//!   that day on, not before.

use std::sync::OnceLock;

use jiff::civil::Date;
use once_cell::race::OnceBox;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use crate::date::Validity;
use crate::error::Error;
use crate::model::{Database, Entity, EntityKind, Position, Relation, RelationKind};
use crate::names::Match;
pub use crate::store::snapshot::csr;

pub mod visit;
use crate::store::snapshot::{self, Snapshot, unpack};
use csr::Csr;
pub use visit::{Simple, Tie, Undirected, Via};

/// The moment a question is asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Only relations in force on this day.
    On(Date),
    /// Every relation ever recorded, whatever its dates.
    AllTime,
}

impl When {
    /// Whether a relation valid over `validity` counts at this moment.
    pub fn admits(self, validity: &Validity) -> bool {
        match self {
            When::On(day) => validity.in_force_on(day),
            When::AllTime => true,
        }
    }

    /// The day as a day number, `None` for all time.
    fn day_number(self) -> Option<i32> {
        match self {
            When::On(day) => Some(snapshot::days_from_civil(
                i32::from(day.year()),
                day.month() as u32,
                day.day() as u32,
            )),
            When::AllTime => None,
        }
    }
}

/// The database as a graph, with the indexes queries need.
///
/// It is built from a [`Snapshot`] (flat records) plus a [`Csr`] of the
/// relations and each relation's effective interval as day numbers, which
/// is all that walks and filters need. The model values that renderers and
/// library users ask for ([`Entity`], [`Relation`], [`Database`]) are made
/// from the snapshot the first time each is asked for and kept, so a query
/// that prints a path of five relations makes five, not a million.
pub struct DiploGraph {
    snap: Snapshot,
    /// The database, when the graph was made from one or when asked for.
    db: OnceLock<Database>,
    entities: Vec<OnceBox<Entity>>,
    relations: Vec<OnceBox<Relation>>,
    petgraph: OnceLock<DiGraph<(), ()>>,
}

impl Clone for DiploGraph {
    fn clone(&self) -> Self {
        // The caches are only caches: a clone starts without them.
        let mut copy = DiploGraph::assemble(self.snap.clone(), self.db.get().cloned());
        copy.petgraph = self.petgraph.clone();
        copy
    }
}

impl std::fmt::Debug for DiploGraph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiploGraph")
            .field("entities", &self.snap.entity_count())
            .field("relations", &self.snap.relation_count())
            .finish_non_exhaustive()
    }
}

impl DiploGraph {
    /// Builds the graph. O(entities + relations).
    ///
    /// ```
    /// use diplograph::graph::{DiploGraph, When};
    /// let db = diplograph::store::load_str("bundled", diplograph::store::BUNDLED).unwrap();
    /// let graph = DiploGraph::new(db);
    /// let iran = graph.resolve("Iran").unwrap();
    /// assert_eq!(graph.entity(iran).id, "IRN");
    /// ```
    pub fn new(db: Database) -> Self {
        let snap = Snapshot::from_database(&db);
        DiploGraph::assemble(snap, Some(db))
    }

    /// Builds the graph from a validated snapshot without making any model
    /// value: O(entities + relations), a few flat arrays. This is how the
    /// command line loads a database.
    ///
    /// ```
    /// use diplograph::graph::DiploGraph;
    /// use diplograph::store::{self, snapshot::fast};
    /// let graph = DiploGraph::from_snapshot(fast::read(store::BUNDLED).unwrap());
    /// assert_eq!(graph.entity(graph.resolve("Iran").unwrap()).id, "IRN");
    /// ```
    pub fn from_snapshot(snap: Snapshot) -> Self {
        DiploGraph::assemble(snap, None)
    }

    fn assemble(snap: Snapshot, db: Option<Database>) -> Self {
        let n = snap.entity_count();
        // The walks' indexes, made now (or already read from the cache).
        snap.adjacency();
        let lazy = db.is_none();
        let cell = OnceLock::new();
        if let Some(db) = db {
            let _ = cell.set(db);
        }
        DiploGraph {
            entities: if lazy {
                (0..n).map(|_| OnceBox::new()).collect()
            } else {
                Vec::new()
            },
            relations: if lazy {
                (0..snap.relation_count()).map(|_| OnceBox::new()).collect()
            } else {
                Vec::new()
            },
            snap,
            db: cell,
            petgraph: OnceLock::new(),
        }
    }

    /// The validated data behind the graph (made on first use when the
    /// graph came from a snapshot: O(size), an allocation per text).
    pub fn database(&self) -> &Database {
        self.db.get_or_init(|| self.snap.to_database())
    }

    /// The flat records behind the graph.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snap
    }

    /// The adjacency arrays every walk uses.
    pub fn csr(&self) -> &Csr {
        self.snap.adjacency()
    }

    /// Number of entities.
    pub fn node_count(&self) -> usize {
        self.snap.entity_count()
    }

    /// Number of relations.
    pub fn relation_count(&self) -> usize {
        self.snap.relation_count()
    }

    /// The entity at a node.
    pub fn entity(&self, node: NodeIndex) -> &Entity {
        let i = node.index();
        match self.db.get() {
            Some(db) => &db.entities[i],
            None => self.entities[i].get_or_init(|| Box::new(self.snap.entity(i))),
        }
    }

    /// The relation at an edge.
    pub fn relation(&self, edge: EdgeIndex) -> &Relation {
        let j = edge.index();
        match self.db.get() {
            Some(db) => &db.relations[j],
            None => self.relations[j].get_or_init(|| Box::new(self.snap.relation(j))),
        }
    }

    /// The kind of an entity, without making the entity.
    pub fn entity_kind(&self, node: NodeIndex) -> EntityKind {
        self.snap.entity_kind(node.index())
    }

    /// The kind of a relation, without making the relation.
    pub fn kind(&self, edge: EdgeIndex) -> RelationKind {
        self.snap.relation_kind(edge.index())
    }

    /// A stance's position, without making the relation.
    pub fn position(&self, edge: EdgeIndex) -> Option<Position> {
        let p = self.snap.relations[edge.index()].position;
        (p != 0).then(|| snapshot::POSITIONS[p as usize - 1])
    }

    /// The two ends of a relation as written (`from`, `to`).
    pub fn endpoints(&self, edge: EdgeIndex) -> (NodeIndex, NodeIndex) {
        let r = &self.snap.relations[edge.index()];
        (
            NodeIndex::new(r.from as usize),
            NodeIndex::new(r.to as usize),
        )
    }

    /// When a relation is in force, with event defaults applied.
    pub fn validity(&self, edge: EdgeIndex) -> Validity {
        let r = &self.snap.relations[edge.index()];
        Validity::new(unpack(self.snap.effective_since(r)), unpack(r.until))
    }

    /// The effective interval of a relation as day numbers.
    pub fn span(&self, edge: EdgeIndex) -> (i32, i32) {
        let [since, until] = self.snap.spans()[edge.index()];
        (since, until)
    }

    /// The node of an exact id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.snap.find_id(id).map(NodeIndex::new)
    }

    /// Every node, in file order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        (0..self.snap.entity_count()).map(NodeIndex::new)
    }

    /// The relations as a petgraph graph (node and edge weights are empty;
    /// the indices are the handles), made on first use.
    pub fn petgraph(&self) -> &DiGraph<(), ()> {
        self.petgraph.get_or_init(|| {
            let mut graph =
                DiGraph::with_capacity(self.snap.entity_count(), self.snap.relation_count());
            for _ in 0..self.snap.entity_count() {
                graph.add_node(());
            }
            for r in &self.snap.relations {
                graph.add_edge(
                    NodeIndex::new(r.from as usize),
                    NodeIndex::new(r.to as usize),
                    (),
                );
            }
            graph
        })
    }

    /// Finds the entity a user means by an id, name or alias (any case,
    /// accents optional), or by one word of a name ("Putin") when only one
    /// entity has it. Errors say "did you mean" or list the candidates.
    pub fn resolve(&self, text: &str) -> Result<NodeIndex, Error> {
        let names = &self.snap.names;
        match names.resolve(text) {
            Ok(Match::Exact(i) | Match::Word(i)) => Ok(NodeIndex::new(i)),
            Err(candidates) if candidates.is_empty() => Err(Error::UnknownEntity {
                query: text.to_string(),
                suggestions: names.suggest(text, 3),
            }),
            Err(candidates) => Err(Error::AmbiguousEntity {
                query: text.to_string(),
                candidates: candidates
                    .into_iter()
                    .map(|i| {
                        let e = self.entity(NodeIndex::new(i));
                        format!("{} ({})", e.id, e.name)
                    })
                    .collect(),
            }),
        }
    }

    /// Like [`resolve`](Self::resolve), but the entity must be of `kind`.
    pub fn resolve_kind(
        &self,
        text: &str,
        kind: EntityKind,
        command: &'static str,
        expected: &'static str,
    ) -> Result<NodeIndex, Error> {
        let node = self.resolve(text)?;
        let actual = self.entity_kind(node);
        if actual == kind {
            Ok(node)
        } else {
            Err(Error::WrongKind {
                id: self.entity(node).id.clone(),
                actual,
                command,
                expected,
            })
        }
    }

    /// The graph as it stood at `when`.
    pub fn at(&self, when: When) -> View<'_> {
        View {
            graph: self,
            when,
            day: when.day_number(),
            spans: self.snap.spans(),
        }
    }
}

/// A relation seen from one of its ends.
#[derive(Clone, Copy, Debug)]
pub struct Incident<'g> {
    /// The relation's handle.
    pub edge: EdgeIndex,
    /// The relation itself.
    pub relation: &'g Relation,
    /// The entity at the other end.
    pub other: NodeIndex,
    /// True when the relation points away from the entity we look from.
    pub outgoing: bool,
    /// When it is in force, event defaults applied.
    pub validity: Validity,
}

/// The graph filtered to what held at one moment. Cheap to make: filtering
/// happens as relations are walked, never by copying the graph.
#[derive(Clone, Copy, Debug)]
pub struct View<'g> {
    graph: &'g DiploGraph,
    when: When,
    /// `when` as a day number.
    day: Option<i32>,
    /// Each relation's effective interval as day numbers.
    spans: &'g [[i32; 2]],
}

impl<'g> View<'g> {
    /// The whole graph.
    pub fn graph(&self) -> &'g DiploGraph {
        self.graph
    }

    /// The moment this view shows.
    pub fn when(&self) -> When {
        self.when
    }

    /// Whether relation `edge` holds at this moment.
    #[inline]
    pub fn in_force(&self, edge: EdgeIndex) -> bool {
        self.in_force_at(edge.index())
    }

    /// [`Self::in_force`] by relation number.
    #[inline]
    pub fn in_force_at(&self, edge: usize) -> bool {
        match self.day {
            None => true,
            Some(day) => {
                let [since, until] = self.spans[edge];
                since <= day && day < until
            }
        }
    }

    /// Every relation touching `node` that holds at this moment, outgoing
    /// first, each in file order.
    pub fn incident(&self, node: NodeIndex) -> Vec<Incident<'g>> {
        self.incident_edges(node)
            .map(|(edge, other, outgoing)| Incident {
                edge,
                relation: self.graph.relation(edge),
                other,
                outgoing,
                validity: self.graph.validity(edge),
            })
            .collect()
    }

    /// [`Self::incident`] without making the relations: (relation, other
    /// end, outgoing), outgoing first, each in file order.
    pub fn incident_edges(
        &self,
        node: NodeIndex,
    ) -> impl Iterator<Item = (EdgeIndex, NodeIndex, bool)> + 'g {
        let view = *self;
        let csr = self.graph.csr();
        let v = node.index();
        csr.outgoing(v)
            .iter()
            .map(|&[e, o]| (e, o, true))
            .chain(csr.incoming(v).iter().map(|&[e, o]| (e, o, false)))
            .filter(move |(e, _, _)| view.in_force_at(*e as usize))
            .map(|(e, o, out)| (EdgeIndex::new(e as usize), NodeIndex::new(o as usize), out))
    }

    /// The neighbours of `node` through relations in force whose kind passes
    /// `admits`, in either direction, ordered by relation (file order), each
    /// with the relation that joins them. No graph copy is made.
    pub fn neighbors_where(
        &self,
        node: NodeIndex,
        admits: impl Fn(RelationKind) -> bool,
    ) -> Vec<(EdgeIndex, NodeIndex)> {
        self.graph
            .csr()
            .both(node.index())
            .filter(|(e, _, _)| {
                self.in_force_at(*e as usize) && admits(self.graph.snap.relation_kind(*e as usize))
            })
            .map(|(e, o, _)| (EdgeIndex::new(e as usize), NodeIndex::new(o as usize)))
            .collect()
    }

    /// Every relation in force at this moment, in file order.
    pub fn relations(&self) -> impl Iterator<Item = EdgeIndex> + 'g {
        let view = *self;
        (0..self.graph.relation_count())
            .filter(move |e| view.in_force_at(*e))
            .map(EdgeIndex::new)
    }

    /// Relations of `kind` in force, in file order.
    pub fn relations_of_kind(&self, kind: RelationKind) -> impl Iterator<Item = EdgeIndex> + 'g {
        let graph = self.graph;
        self.relations().filter(move |e| graph.kind(*e) == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    #[test]
    fn a_graph_from_a_snapshot_answers_like_one_from_a_database() {
        let db = store::load_str("g", store::BUNDLED).unwrap();
        let eager = DiploGraph::new(db.clone());
        let lazy = DiploGraph::from_snapshot(store::snapshot::Snapshot::from_database(&db));
        for when in [When::AllTime, When::On(jiff::civil::date(2024, 7, 4))] {
            let (a, b) = (eager.at(when), lazy.at(when));
            for node in eager.nodes() {
                let x: Vec<_> = a
                    .incident(node)
                    .iter()
                    .map(|i| (i.edge, i.other, i.validity))
                    .collect();
                let y: Vec<_> = b
                    .incident(node)
                    .iter()
                    .map(|i| (i.edge, i.other, i.validity))
                    .collect();
                assert_eq!(x, y);
                assert_eq!(eager.entity(node), lazy.entity(node));
            }
            assert!(a.relations().eq(b.relations()));
        }
        for edge in eager.petgraph().edge_indices() {
            assert_eq!(eager.relation(edge), lazy.relation(edge));
            assert_eq!(eager.validity(edge), lazy.validity(edge));
            assert_eq!(
                lazy.petgraph().edge_endpoints(edge),
                Some(lazy.endpoints(edge))
            );
        }
        assert_eq!(lazy.database(), &db);
        assert_eq!(lazy.node("IRN"), eager.node("IRN"));
    }

    #[test]
    fn events_without_since_count_from_their_start() {
        let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
        let summit = graph.node("sco-2024-astana").unwrap();
        let before = graph.at(When::On(jiff::civil::date(2024, 7, 2)));
        let on = graph.at(When::On(jiff::civil::date(2024, 7, 3)));
        assert!(before.incident(summit).is_empty());
        assert!(!on.incident(summit).is_empty());
    }
}
