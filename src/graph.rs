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

use std::collections::HashMap;

use jiff::civil::Date;
use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::date::Validity;
use crate::error::Error;
use crate::model::{Database, Entity, EntityKind, Relation, RelationKind};
use crate::names::{Match, NameIndex};

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
}

/// The database as a graph, with the indexes queries need.
#[derive(Clone, Debug)]
pub struct DiploGraph {
    db: Database,
    graph: DiGraph<(), ()>,
    by_id: HashMap<String, NodeIndex>,
    names: NameIndex,
    effective: Vec<Validity>,
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
        let mut graph = DiGraph::with_capacity(db.entities.len(), db.relations.len());
        let mut by_id = HashMap::with_capacity(db.entities.len());
        for entity in &db.entities {
            let node = graph.add_node(());
            by_id.insert(entity.id.clone(), node);
        }
        let mut effective = Vec::with_capacity(db.relations.len());
        for relation in &db.relations {
            let from = by_id[&relation.from];
            let to = by_id[&relation.to];
            graph.add_edge(from, to, ());
            let mut validity = relation.validity;
            if validity.since.is_none()
                && let Some(event) = &db.entities[to.index()].event
            {
                validity.since = event.start;
            }
            effective.push(validity);
        }
        let names = NameIndex::new(db.entities.iter().map(|e| {
            (
                e.id.as_str(),
                e.name.as_str(),
                e.aliases.iter().map(String::as_str),
            )
        }));
        DiploGraph {
            db,
            graph,
            by_id,
            names,
            effective,
        }
    }

    /// The validated data behind the graph.
    pub fn database(&self) -> &Database {
        &self.db
    }

    /// The entity at a node.
    pub fn entity(&self, node: NodeIndex) -> &Entity {
        &self.db.entities[node.index()]
    }

    /// The relation at an edge.
    pub fn relation(&self, edge: EdgeIndex) -> &Relation {
        &self.db.relations[edge.index()]
    }

    /// When a relation is in force, with event defaults applied.
    pub fn validity(&self, edge: EdgeIndex) -> Validity {
        self.effective[edge.index()]
    }

    /// The node of an exact id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.by_id.get(id).copied()
    }

    /// Every node, in file order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.node_indices()
    }

    /// The underlying petgraph graph (node and edge weights are empty; the
    /// indices are the handles).
    pub fn petgraph(&self) -> &DiGraph<(), ()> {
        &self.graph
    }

    /// Finds the entity a user means by an id, name or alias (any case,
    /// accents optional), or by one word of a name ("Putin") when only one
    /// entity has it. Errors say "did you mean" or list the candidates.
    pub fn resolve(&self, text: &str) -> Result<NodeIndex, Error> {
        match self.names.resolve(text) {
            Ok(Match::Exact(i) | Match::Word(i)) => Ok(NodeIndex::new(i)),
            Err(candidates) if candidates.is_empty() => Err(Error::UnknownEntity {
                query: text.to_string(),
                suggestions: self.names.suggest(text, 3),
            }),
            Err(candidates) => Err(Error::AmbiguousEntity {
                query: text.to_string(),
                candidates: candidates
                    .into_iter()
                    .map(|i| {
                        let e = &self.db.entities[i];
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
        let actual = self.entity(node).kind;
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
        View { graph: self, when }
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
    pub fn in_force(&self, edge: EdgeIndex) -> bool {
        self.when.admits(&self.graph.effective[edge.index()])
    }

    /// Every relation touching `node` that holds at this moment, outgoing
    /// first, each in file order.
    pub fn incident(&self, node: NodeIndex) -> Vec<Incident<'g>> {
        let g = &self.graph.graph;
        let mut out: Vec<Incident<'g>> = [Direction::Outgoing, Direction::Incoming]
            .into_iter()
            .flat_map(|dir| {
                g.edges_directed(node, dir).map(move |e| Incident {
                    edge: e.id(),
                    relation: self.graph.relation(e.id()),
                    other: if dir == Direction::Outgoing {
                        e.target()
                    } else {
                        e.source()
                    },
                    outgoing: dir == Direction::Outgoing,
                    validity: self.graph.validity(e.id()),
                })
            })
            .filter(|inc| self.in_force(inc.edge))
            .collect();
        out.sort_by_key(|inc| (!inc.outgoing, inc.edge));
        out
    }

    /// The neighbours of `node` through relations in force whose kind passes
    /// `admits`, in either direction, ordered by relation (file order), each
    /// with the relation that joins them. No graph copy is made.
    pub fn neighbors_where(
        &self,
        node: NodeIndex,
        admits: impl Fn(RelationKind) -> bool,
    ) -> Vec<(EdgeIndex, NodeIndex)> {
        let g = &self.graph.graph;
        let mut out: Vec<(EdgeIndex, NodeIndex)> = g
            .edges_directed(node, Direction::Outgoing)
            .map(|e| (e.id(), e.target()))
            .chain(
                g.edges_directed(node, Direction::Incoming)
                    .map(|e| (e.id(), e.source())),
            )
            .filter(|(e, _)| self.in_force(*e) && admits(self.graph.relation(*e).kind))
            .collect();
        out.sort_unstable();
        out
    }

    /// Every relation in force at this moment, in file order.
    pub fn relations(&self) -> impl Iterator<Item = EdgeIndex> + 'g {
        let view = *self;
        self.graph
            .graph
            .edge_indices()
            .filter(move |e| view.in_force(*e))
    }

    /// Relations of `kind` in force, in file order.
    pub fn relations_of_kind(&self, kind: RelationKind) -> impl Iterator<Item = EdgeIndex> + 'g {
        let graph = self.graph;
        self.relations()
            .filter(move |e| graph.relation(*e).kind == kind)
    }
}
