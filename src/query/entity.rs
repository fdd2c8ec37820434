//! One entity and what touches it: `list`, `show`, `neighbors`.

use petgraph::graph::NodeIndex;

use crate::graph::{Incident, View};
use crate::model::{EntityKind, RelationKind};

/// Entities of one kind (or all), in file order, that are nodes of the
/// view: every entity but the states whose recorded statehood does not
/// cover the view's day ([`View::contains`]); for all time, every entity.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, model::EntityKind, query, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let orgs = query::list(&graph.at(When::AllTime), Some(EntityKind::Organization));
/// assert!(orgs.iter().any(|n| graph.entity(*n).id == "SCO"));
/// ```
pub fn list(view: &View<'_>, kind: Option<EntityKind>) -> Vec<NodeIndex> {
    let graph = view.graph();
    view.nodes()
        .filter(|n| kind.is_none_or(|k| graph.entity_kind(*n) == k))
        .collect()
}

/// An entity with every relation of it in force.
#[derive(Clone, Debug)]
pub struct EntityDetail<'g> {
    /// The entity shown.
    pub node: NodeIndex,
    /// Its relations in force: outgoing first, then incoming, each in file
    /// order.
    pub relations: Vec<Incident<'g>>,
    /// The disputes and conflicts in force `over` it (for an issue), each
    /// seen from the issue.
    pub about: Vec<Incident<'g>>,
    /// How many relations touch it or are about it at any time: when none
    /// is in force, this tells "nothing recorded" from "nothing then".
    pub recorded: usize,
    /// Whether it existed at the view's moment (an organization before
    /// its founding did not).
    pub existence: crate::graph::Existence,
}

/// The entity and its relations as of the view's moment.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, query, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let kashmir = query::show(&view, graph.resolve("Kashmir").unwrap());
/// assert_eq!(kashmir.about[0].relation.kind, diplograph::model::RelationKind::Dispute);
/// ```
pub fn show<'g>(view: &View<'g>, node: NodeIndex) -> EntityDetail<'g> {
    let all = view.graph().at(crate::graph::When::AllTime);
    EntityDetail {
        node,
        relations: view.incident(node),
        about: view.about(node),
        recorded: all.incident_edges(node).count() + all.about(node).len(),
        existence: view.graph().existence(node, view.when()),
    }
}

/// An entity next to another, with the relations that connect them.
#[derive(Clone, Debug)]
pub struct Neighbor<'g> {
    /// The neighbouring entity.
    pub node: NodeIndex,
    /// Every relation in force between it and the entity asked about (at
    /// least one) through the kinds asked for, seen from the entity asked
    /// about, outgoing first.
    pub via: Vec<Incident<'g>>,
}

/// The entities one relation away from `node`, through relations of the
/// given kinds (all kinds when `kinds` is empty), in either direction; an
/// issue's neighbours include the parties of disputes and conflicts over
/// it. Ordered by entity kind, then name. O(degree).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, model::RelationKind, query, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 5)));
/// let sco = graph.resolve("SCO").unwrap();
/// let next = query::neighbors(&view, sco, &[RelationKind::Member]);
/// assert_eq!(next.len(), 10);
/// ```
pub fn neighbors<'g>(
    view: &View<'g>,
    node: NodeIndex,
    kinds: &[RelationKind],
) -> Vec<Neighbor<'g>> {
    let graph = view.graph();
    let mut out: Vec<Neighbor<'g>> = Vec::new();
    // A dispute over an issue makes both its parties the issue's
    // neighbours, and the issue a neighbour of each party.
    let over = graph
        .over_ties(node.index())
        .iter()
        .filter(|&&[e, _]| view.in_force_at(e as usize))
        .map(|&[e, other]| {
            let edge = petgraph::graph::EdgeIndex::new(e as usize);
            Incident {
                edge,
                relation: graph.relation(edge),
                other: NodeIndex::new(other as usize),
                outgoing: false,
                about: graph.entity_kind(node) == EntityKind::Issue,
                validity: graph.validity(edge),
            }
        });
    for incident in view.incident(node).into_iter().chain(over) {
        if !kinds.is_empty() && !kinds.contains(&incident.relation.kind) {
            continue;
        }
        match out.iter_mut().find(|n| n.node == incident.other) {
            Some(existing) => existing.via.push(incident),
            None => out.push(Neighbor {
                node: incident.other,
                via: vec![incident],
            }),
        }
    }
    out.sort_by(|a, b| {
        let (ea, eb) = (graph.entity(a.node), graph.entity(b.node));
        (ea.kind, &ea.name).cmp(&(eb.kind, &eb.name))
    });
    out
}
