//! Who belongs to an organization, and in what status.

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::date::Validity;
use crate::graph::{Existence, View, When};
use crate::model::RelationKind;

/// One state's tie to an organization.
#[derive(Clone, Debug)]
pub struct Membership {
    /// The state.
    pub node: NodeIndex,
    /// `member`, `observer` or `dialogue_partner`.
    pub status: RelationKind,
    /// When the status holds.
    pub validity: Validity,
    /// Id of the source the relation cites, if any.
    pub source: Option<String>,
    /// The relation itself (for its note).
    pub edge: EdgeIndex,
}

/// The members of `org` in the given statuses (all three when empty), as of
/// the view's moment: full members first, then observers, then dialogue
/// partners, each alphabetically by name. O(degree of `org`).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, query, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let sco = graph.resolve("SCO").unwrap();
/// let before = graph.at(When::On(jiff::civil::date(2024, 7, 3)));
/// assert_eq!(query::members(&before, sco, &[diplograph::model::RelationKind::Member]).len(), 9);
/// ```
pub fn members(view: &View<'_>, org: NodeIndex, statuses: &[RelationKind]) -> Vec<Membership> {
    let graph = view.graph();
    let mut out: Vec<Membership> = view
        .incident(org)
        .into_iter()
        .filter(|inc| !inc.outgoing && inc.relation.kind.is_membership())
        .filter(|inc| statuses.is_empty() || statuses.contains(&inc.relation.kind))
        .map(|inc| Membership {
            node: inc.other,
            status: inc.relation.kind,
            validity: inc.validity,
            source: inc.relation.source.clone(),
            edge: inc.edge,
        })
        .collect();
    out.sort_by(|a, b| {
        (a.status, &graph.entity(a.node).name, a.validity.since).cmp(&(
            b.status,
            &graph.entity(b.node).name,
            b.validity.since,
        ))
    });
    out
}

/// What `members` answers: the memberships in force, and what tells an
/// empty list apart — whether the organization existed then, and whether
/// the database records any membership of it at all.
#[derive(Clone, Debug)]
pub struct Roster {
    /// The memberships in force (see [`members`]).
    pub members: Vec<Membership>,
    /// Memberships in the statuses asked for, recorded at any time.
    pub recorded: usize,
    /// Whether the organization existed at the view's moment.
    pub existence: Existence,
}

/// [`members`], with what an empty answer means: "founded in 2001, so not
/// yet" and "no memberships recorded" are not "no members". O(degree).
///
/// ```
/// use diplograph::{graph::{DiploGraph, Existence, When}, query, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let sco = graph.resolve("SCO").unwrap();
/// let roster = query::members::roster(&graph.at(When::On(jiff::civil::date(1996, 1, 1))), sco, &[]);
/// assert!(roster.members.is_empty());
/// assert!(matches!(roster.existence, Existence::NotYet(_)));
/// ```
pub fn roster(view: &View<'_>, org: NodeIndex, statuses: &[RelationKind]) -> Roster {
    let graph = view.graph();
    let recorded = graph
        .at(When::AllTime)
        .incident_edges(org)
        .filter(|(edge, _, outgoing)| {
            let kind = graph.kind(*edge);
            !outgoing && kind.is_membership() && (statuses.is_empty() || statuses.contains(&kind))
        })
        .count();
    Roster {
        members: members(view, org, statuses),
        recorded,
        existence: graph.existence(org, view.when()),
    }
}
