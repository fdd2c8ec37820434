//! Portfolios on each basis: what a state holds on every dimension, and
//! the dimensions themselves. See [`super`] for the bases.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use super::{Basis, Frame, Holding, Portfolio};
use crate::model::{Ballot, EntityKind, Position, RelationKind};

/// The dimensions every portfolio of `frame` is compared on, in file
/// order: on the relations basis every country and organization of the
/// view except universal ones (the UN: membership of it says nothing about
/// alignment); on the alliances basis every country of the view (the
/// states existing then); on the votes basis none (only roll calls both
/// voted on are compared). O(V).
pub fn dimensions(frame: &Frame<'_>) -> Vec<NodeIndex> {
    let graph = frame.view.graph();
    let keep = |n: NodeIndex| match (frame.basis, graph.entity_kind(n)) {
        (Basis::Relations | Basis::Alliances, EntityKind::Country) => true,
        (Basis::Relations, EntityKind::Organization) => !graph.is_universal(n),
        (Basis::Votes, _)
        | (
            Basis::Relations | Basis::Alliances,
            EntityKind::Organization
            | EntityKind::Person
            | EntityKind::Event
            | EntityKind::Issue
            | EntityKind::RollCall,
        ) => false,
    };
    frame.view.nodes().filter(|n| keep(*n)).collect()
}

/// The states `a` can be ranked against in `frame`: every other country
/// of the view (on votes, every other country: votes are read whatever
/// the statehood). O(V).
pub(super) fn candidates(frame: &Frame<'_>, a: NodeIndex) -> Vec<NodeIndex> {
    let graph = frame.view.graph();
    let countries = |n: &NodeIndex| *n != a && graph.entity_kind(*n) == EntityKind::Country;
    match frame.basis {
        Basis::Votes => graph.nodes().filter(countries).collect(),
        Basis::Relations | Basis::Alliances => frame.view.nodes().filter(countries).collect(),
    }
}

/// The portfolio of `state` in `frame`. O(degree of the state), from the
/// flat records (no relation value is made).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::align::{Basis, Frame, portfolio};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let frame = Frame::new(graph.at(When::On(jiff::civil::date(2024, 7, 4))), Basis::Relations);
/// let (rus, chn) = (graph.node("RUS").unwrap(), graph.node("CHN").unwrap());
/// let p = portfolio(&frame, rus);
/// assert_eq!(p.holdings[&rus].value, 1, "a state is friendly to itself");
/// assert_eq!(p.holdings[&chn].value, 1);
/// ```
pub fn portfolio(frame: &Frame<'_>, state: NodeIndex) -> Portfolio {
    match frame.basis {
        Basis::Relations => ties(frame, state),
        Basis::Alliances => alliances(frame, state),
        Basis::Votes => votes(frame, state),
    }
}

/// A state's own dimension, while it is a state: one outside its recorded
/// statehood holds nothing, not even itself.
fn add_self(
    frame: &Frame<'_>,
    state: NodeIndex,
    value: i8,
    holdings: &mut BTreeMap<NodeIndex, Holding>,
) {
    if frame.view.contains(state) {
        holdings.insert(
            state,
            Holding {
                value,
                edges: Vec::new(),
            },
        );
    }
}

/// The relations basis: signed ties and stances.
fn ties(frame: &Frame<'_>, state: NodeIndex) -> Portfolio {
    let view = &frame.view;
    let graph = view.graph();
    let mut holdings: BTreeMap<NodeIndex, Holding> = BTreeMap::new();
    for (edge, other, _) in view.incident_edges(state) {
        let kind = graph.entity_kind(other);
        let relation = graph.kind(edge);
        let value = match (relation, kind) {
            (RelationKind::Stance, EntityKind::Issue) => match graph.position(edge) {
                Some(Position::Supports) => 1,
                Some(Position::Opposes) => -1,
                Some(Position::Neutral) | None => 0,
            },
            // Membership of a universal body (the UN) says nothing about
            // alignment: it is no dimension of the portfolio.
            (_, EntityKind::Organization) if graph.is_universal(other) => continue,
            (_, EntityKind::Country | EntityKind::Organization) => relation.sign().value(),
            // Votes are compared roll call by roll call (the votes basis).
            (
                _,
                EntityKind::Person | EntityKind::Event | EntityKind::Issue | EntityKind::RollCall,
            ) => continue,
        };
        if value == 0 && relation != RelationKind::Stance {
            continue;
        }
        let holding = holdings.entry(other).or_insert(Holding {
            value,
            edges: Vec::new(),
        });
        // Negative wins over positive, for countries and organizations.
        if relation != RelationKind::Stance && value < holding.value {
            holding.value = value;
        }
        holding.edges.push(edge);
    }
    add_self(frame, state, 1, &mut holdings);
    Portfolio {
        state,
        holdings,
        untyped: Vec::new(),
    }
}

/// The alliances basis: the strongest alliance commitment to each state
/// of the view (its Signorino–Ritter rank), 3 to itself.
fn alliances(frame: &Frame<'_>, state: NodeIndex) -> Portfolio {
    let view = &frame.view;
    let graph = view.graph();
    let mut holdings: BTreeMap<NodeIndex, Holding> = BTreeMap::new();
    let mut untyped = Vec::new();
    for (edge, other, _) in view.incident_edges(state) {
        if graph.kind(edge) != RelationKind::Alliance
            || other == state
            || graph.entity_kind(other) != EntityKind::Country
        {
            continue;
        }
        let Some(kind) = graph.alliance_type(edge) else {
            untyped.push(edge);
            continue;
        };
        let value = kind.rank() as i8;
        let holding = holdings.entry(other).or_default();
        holding.value = holding.value.max(value);
        holding.edges.push(edge);
    }
    add_self(frame, state, 3, &mut holdings);
    Portfolio {
        state,
        holdings,
        untyped,
    }
}

/// The votes basis: the state's ballot on every roll call of the frame's
/// period, read over all time (whatever its statehood that day).
fn votes(frame: &Frame<'_>, state: NodeIndex) -> Portfolio {
    let graph = frame.view.graph();
    let mut holdings: BTreeMap<NodeIndex, Holding> = BTreeMap::new();
    for (edge, other, _) in graph.at(crate::graph::When::AllTime).incident_edges(state) {
        if graph.kind(edge) != RelationKind::Vote {
            continue;
        }
        let (since, _) = graph.span(edge);
        if frame
            .votes_in
            .is_some_and(|[first, end]| since < first || since >= end)
        {
            continue;
        }
        let value = match graph.ballot(edge) {
            Some(Ballot::Yes) => 1,
            Some(Ballot::Abstain) => 2,
            Some(Ballot::No) => 3,
            None => continue,
        };
        holdings.insert(
            other,
            Holding {
                value,
                edges: vec![edge],
            },
        );
    }
    Portfolio {
        state,
        holdings,
        untyped: Vec::new(),
    }
}
