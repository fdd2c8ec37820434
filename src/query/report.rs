//! `report`: a one-page briefing of the graph as of a date.
//!
//! It gathers what an analyst asks first: who belongs to which
//! organization, who holds office, where the tensions are, who backs whom,
//! where states stand on the issues, and who came to which summit.

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::align::{self, Alignment};
use super::balance::{Balance, balance};
use super::centrality::{Measure, Score, centrality};
use super::cluster::{Blocs, blocs};
use super::members::{Membership, members};
use super::signed::SignedNetwork;
use super::subgraph::{Selection, select};
use crate::graph::{View, When};
use crate::model::{EntityKind, RelationKind};

/// An organization and its members by status.
#[derive(Clone, Debug)]
pub struct OrganizationSection {
    pub node: NodeIndex,
    pub memberships: Vec<Membership>,
    /// Who leads it, if recorded.
    pub heads: Vec<EdgeIndex>,
}

/// An office held at the moment.
#[derive(Clone, Debug)]
pub struct Office {
    pub edge: EdgeIndex,
    pub holder: NodeIndex,
    pub of: NodeIndex,
}

/// A summit with its host and attendees.
#[derive(Clone, Debug)]
pub struct Summit {
    pub node: NodeIndex,
    pub hosts: Vec<NodeIndex>,
    pub attendees: Vec<EdgeIndex>,
}

/// Everything `report` shows, as data.
#[derive(Clone, Debug)]
pub struct Briefing {
    pub when: When,
    pub organizations: Vec<OrganizationSection>,
    /// Heads of state and government, in order of the country's name.
    pub leaders: Vec<Office>,
    /// Conflicts, disputes, rivalries and sanctions in force.
    pub tensions: Vec<EdgeIndex>,
    /// Alliances, partnerships and support in force.
    pub ties: Vec<EdgeIndex>,
    /// Stances, grouped by issue (issue order of the file).
    pub stances: Vec<(NodeIndex, Vec<EdgeIndex>)>,
    /// Summits that had begun by the date, most recent first.
    pub summits: Vec<Summit>,
    /// The most aligned pairs of states by weighted κ (then S), best first.
    pub alignments: Vec<Alignment>,
    /// Signed blocs of states.
    pub blocs: Blocs,
    /// Structural balance of the signed network of states.
    pub balance: Balance,
    /// States ranked by betweenness: who brokers between groups.
    pub brokers: Vec<Score>,
}

/// How many aligned pairs and brokers the briefing lists.
pub const BRIEFING_TOP: usize = 5;

/// The strongest alignments between pairs of states, ranked by weighted κ
/// and then by S. κ leads because S rewards two states for sharing the
/// same few ties that nearly everyone has (two Central Asian SCO members
/// score as high as Russia and China); κ discounts agreement expected by
/// chance. Portfolios are built once per state, then every pair compared:
/// O(S² · holdings).
pub fn strongest_alignments(view: &View<'_>, top: usize) -> Vec<Alignment> {
    let graph = view.graph();
    let dims = align::dimensions(view).len();
    let states: Vec<NodeIndex> = graph
        .nodes()
        .filter(|n| graph.entity(*n).kind == EntityKind::Country)
        .collect();
    let portfolios: Vec<align::Portfolio> =
        states.iter().map(|s| align::portfolio(view, *s)).collect();
    let mut pairs = Vec::new();
    for i in 0..states.len() {
        for j in i + 1..states.len() {
            pairs.push(align::compare(view, dims, &portfolios[i], &portfolios[j]));
        }
    }
    let kappa = |a: &Alignment| a.kappa.unwrap_or(f64::NEG_INFINITY);
    pairs.sort_by(|x, y| {
        kappa(y)
            .total_cmp(&kappa(x))
            .then(y.s_score.total_cmp(&x.s_score))
            .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
    });
    pairs.truncate(top);
    pairs
}

/// Builds the briefing for the view's moment.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, query, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let briefing = query::report(&graph.at(When::On(jiff::civil::date(2024, 7, 4))));
/// assert!(briefing.summits.iter().any(|s| graph.entity(s.node).id == "sco-2024-astana"));
/// ```
pub fn report<'g>(view: &View<'g>) -> Briefing {
    let graph = view.graph();
    let name = |n: NodeIndex| graph.entity(n).name.clone();
    let by_kind = |kinds: &[RelationKind]| -> Vec<EdgeIndex> {
        let mut edges: Vec<EdgeIndex> = view
            .relations()
            .filter(|e| kinds.contains(&graph.relation(*e).kind))
            .collect();
        edges.sort_by_key(|e| {
            let r = graph.relation(*e);
            (
                kinds.iter().position(|k| *k == r.kind),
                r.from.clone(),
                r.to.clone(),
            )
        });
        edges
    };

    let organizations = graph
        .nodes()
        .filter(|n| graph.entity(*n).kind == EntityKind::Organization)
        .map(|org| OrganizationSection {
            node: org,
            memberships: members(view, org, &[]),
            heads: view
                .incident(org)
                .into_iter()
                .filter(|i| !i.outgoing && i.relation.kind == RelationKind::Leads)
                .map(|i| i.edge)
                .collect(),
        })
        .filter(|s| !s.memberships.is_empty() || !s.heads.is_empty())
        .collect();

    let mut leaders: Vec<Office> = view
        .relations_of_kind(RelationKind::Leads)
        .filter_map(|edge| {
            let r = graph.relation(edge);
            let of = graph.node(&r.to)?;
            let holder = graph.node(&r.from)?;
            (graph.entity(of).kind == EntityKind::Country).then_some(Office { edge, holder, of })
        })
        .collect();
    leaders.sort_by_key(|o| (name(o.of), graph.relation(o.edge).role.clone()));

    let stances = graph
        .nodes()
        .filter(|n| graph.entity(*n).kind == EntityKind::Issue)
        .map(|issue| {
            let mut edges: Vec<EdgeIndex> = view
                .incident(issue)
                .into_iter()
                .filter(|i| i.relation.kind == RelationKind::Stance)
                .map(|i| i.edge)
                .collect();
            edges.sort_by_key(|e| {
                let r = graph.relation(*e);
                (r.position, graph.node(&r.from).map(name))
            });
            (issue, edges)
        })
        .filter(|(_, edges)| !edges.is_empty())
        .collect();

    let mut summits: Vec<Summit> = graph
        .nodes()
        .filter(|n| graph.entity(*n).kind == EntityKind::Event)
        .filter(|n| {
            let start = graph.entity(*n).event.as_ref().and_then(|e| e.start);
            match (view.when(), start) {
                (When::On(day), Some(start)) => start.first_day() <= day,
                _ => true,
            }
        })
        .map(|event| {
            let incident = view.incident(event);
            Summit {
                node: event,
                hosts: incident
                    .iter()
                    .filter(|i| i.relation.kind == RelationKind::Hosts)
                    .map(|i| i.other)
                    .collect(),
                attendees: incident
                    .iter()
                    .filter(|i| i.relation.kind == RelationKind::Attends)
                    .map(|i| i.edge)
                    .collect(),
            }
        })
        .collect();
    summits.sort_by_key(|s| {
        std::cmp::Reverse(graph.entity(s.node).event.as_ref().and_then(|e| e.start))
    });

    let network = SignedNetwork::build(view, &[]);
    let mut brokers = centrality(
        graph,
        &select(view, &Selection::default()),
        Measure::Betweenness,
    );
    brokers.retain(|s| graph.entity(s.node).kind == EntityKind::Country && s.score > 0.0);
    brokers.truncate(BRIEFING_TOP);
    Briefing {
        alignments: strongest_alignments(view, BRIEFING_TOP),
        blocs: blocs(&network, 0.5, None),
        balance: balance(&network, false),
        brokers,
        when: view.when(),
        organizations,
        leaders,
        tensions: by_kind(&[
            RelationKind::Conflict,
            RelationKind::Dispute,
            RelationKind::Rivalry,
            RelationKind::Sanctions,
        ]),
        ties: by_kind(&[
            RelationKind::Alliance,
            RelationKind::Partnership,
            RelationKind::Supports,
        ]),
        stances,
        summits,
    }
}
