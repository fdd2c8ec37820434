//! `diff --from D1 --to D2`: the relations in force on one day and not on
//! the other.

use std::collections::BTreeMap;

use jiff::civil::Date;
use petgraph::graph::{EdgeIndex, NodeIndex};

use super::{Pair, admitted, ordered, pair_up, relations_of};
use crate::error::Error;
use crate::graph::{DiploGraph, When};
use crate::model::{Ballot, RelationKind};

/// What `diff` is asked: the two days, and optionally one entity and some
/// relation kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffQuery {
    /// The earlier day.
    pub from: Date,
    /// The later day.
    pub to: Date,
    /// Only relations of this entity (touching it, or over it for an issue).
    pub focus: Option<NodeIndex>,
    /// Only relations of these kinds; all kinds when empty.
    pub via: Vec<RelationKind>,
}

/// The ballots of one roll call among the votes that started or ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    /// The roll call voted on.
    pub roll_call: NodeIndex,
    /// How many voted each way, by [`Ballot::ALL`] (yes, no, abstain).
    pub ballots: [usize; 3],
}

impl Tally {
    /// How many cast `ballot`.
    pub fn count(&self, ballot: Ballot) -> usize {
        self.ballots[ballot as usize]
    }

    /// Every ballot counted.
    pub fn total(&self) -> usize {
        self.ballots.iter().sum()
    }
}

/// What changed between two days.
#[derive(Clone, Debug)]
pub struct Diff {
    /// What was asked.
    pub query: DiffQuery,
    /// Every relation in force on the later day and not on the earlier,
    /// in file order.
    pub started: Vec<EdgeIndex>,
    /// Every relation in force on the earlier day and not on the later,
    /// in file order.
    pub ended: Vec<EdgeIndex>,
    /// Those of them that read as one change: a membership status that
    /// ended with another of the same state and organization started, an
    /// office that changed hands ([`pair_up`]), in the order of `started`.
    /// Each relation of a pair is in `started` or `ended` as well.
    pub changed: Vec<Pair>,
    /// The votes among `started`, counted by roll call (in file order).
    pub started_votes: Vec<Tally>,
    /// The votes among `ended`, counted by roll call (in file order).
    pub ended_votes: Vec<Tally>,
}

impl Diff {
    /// Whether nothing started or ended.
    pub fn is_empty(&self) -> bool {
        self.started.is_empty() && self.ended.is_empty()
    }
}

/// The relations in force on `query.to` and not on `query.from`
/// ("started") and the reverse ("ended"), as the dated views decide (a
/// relation until D is not in force on D; a state outside its recorded
/// statehood holds nothing), with status changes and handovers paired and
/// votes counted by roll call.
///
/// One pass over the relations' spans — over the focus entity's relations
/// alone when there is one — comparing day numbers; only relations that
/// changed are looked at further, and a model value is made only for a
/// vote that changed (for its ballot). O(E) (O(d log d) with a focus of d
/// relations), plus O(c) hashing for c changes.
///
/// Errors: `from` after `to` ([`Error::Usage`]).
///
/// ```
/// use diplograph::{graph::DiploGraph, store::Origin};
/// use diplograph::query::change::{DiffQuery, Pairing, diff};
/// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
/// let day = |d| jiff::civil::date(2024, 7, d);
/// let query = DiffQuery { from: day(3), to: day(5), focus: graph.node("BLR"), via: vec![] };
/// let found = diff(&graph, &query).unwrap();
/// let status = found.changed[0];
/// assert_eq!(status.kind, Pairing::Status);
/// assert_eq!(graph.kind(status.before).name(), "observer");
/// assert_eq!(graph.kind(status.after).name(), "member");
/// ```
pub fn diff(graph: &DiploGraph, query: &DiffQuery) -> Result<Diff, Error> {
    ordered(Some(query.from), Some(query.to))?;
    let before = graph.at(When::On(query.from));
    let after = graph.at(When::On(query.to));
    let admits = admitted(&query.via);
    let (mut started, mut ended) = (Vec::new(), Vec::new());
    let mut visit = |e: usize| {
        let (was, is) = (before.in_force_at(e), after.in_force_at(e));
        if was != is && admits[graph.kind_code(e)] {
            let edge = EdgeIndex::new(e);
            if is {
                started.push(edge);
            } else {
                ended.push(edge);
            }
        }
    };
    match query.focus {
        Some(node) => relations_of(graph, node)
            .into_iter()
            .for_each(|e| visit(e.index())),
        None if query.from != query.to => (0..graph.relation_count()).for_each(&mut visit),
        None => {}
    }
    let changed = pair_up(graph, &ended, &started, false);
    Ok(Diff {
        query: query.clone(),
        started_votes: tallies(graph, &started),
        ended_votes: tallies(graph, &ended),
        started,
        ended,
        changed,
    })
}

/// The votes among `edges` (other kinds are skipped), counted by roll
/// call in file order: what a diff and a timeline print instead of
/// thousands of one-day facts. O(n log r) for n relations and r roll
/// calls; the model value of each vote is made (for its ballot), of no
/// other relation.
///
/// ```
/// use diplograph::{graph::DiploGraph, model::Ballot, query::change::tallies};
/// let graph = DiploGraph::parse("g", r#"(version: 1, checked: "2024-07-04", entities: [
///     country(id: "AAA", name: "A"), country(id: "BBB", name: "B"),
///     roll_call(id: "rc", name: "Resolution 1", date: "2024-07-04")],
///     relations: [vote(from: "AAA", to: "rc", position: yes), vote(from: "BBB", to: "rc", position: no)])"#).unwrap();
/// let edges: Vec<_> = graph.at(diplograph::graph::When::AllTime).relations().collect();
/// let found = tallies(&graph, &edges);
/// assert_eq!((found[0].count(Ballot::Yes), found[0].count(Ballot::No), found[0].total()), (1, 1, 2));
/// ```
pub fn tallies(graph: &DiploGraph, edges: &[EdgeIndex]) -> Vec<Tally> {
    let mut by: BTreeMap<NodeIndex, [usize; 3]> = BTreeMap::new();
    for &edge in edges {
        if graph.kind(edge) != RelationKind::Vote {
            continue;
        }
        if let Some(ballot) = graph.relation(edge).ballot {
            by.entry(graph.endpoints(edge).1).or_default()[ballot as usize] += 1;
        }
    }
    by.into_iter()
        .map(|(roll_call, ballots)| Tally { roll_call, ballots })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::change::Pairing;

    fn day(y: i16, m: i8, d: i8) -> Date {
        jiff::civil::date(y, m, d)
    }

    fn graph() -> DiploGraph {
        DiploGraph::parse(
            "g",
            r#"(version: 1, checked: "2024-07-28", entities: [
                country(id: "IRN", name: "Iran"), country(id: "BLR", name: "Belarus"),
                country(id: "USA", name: "United States"),
                organization(id: "SCO", name: "Shanghai Cooperation Organisation"),
                person(id: "raisi", name: "Ebrahim Raisi"),
                person(id: "mokhber", name: "Mohammad Mokhber"),
                person(id: "pezeshkian", name: "Masoud Pezeshkian"),
                roll_call(id: "rc1", name: "A/RES/1", date: "2024-07-04"),
            ], relations: [
                leads(from: "raisi", to: "IRN", role: "President", since: "2021-08-03", until: "2024-05-19"),
                leads(from: "mokhber", to: "IRN", role: "President", acting: true, since: "2024-05-19", until: "2024-07-28"),
                leads(from: "pezeshkian", to: "IRN", role: "President", since: "2024-07-28"),
                observer(from: "BLR", to: "SCO", since: "2015-07-10", until: "2024-07-04"),
                member(from: "BLR", to: "SCO", since: "2024-07-04"),
                vote(from: "BLR", to: "rc1", position: no),
                vote(from: "USA", to: "rc1", position: yes),
                vote(from: "IRN", to: "rc1", position: no),
            ])"#,
        )
        .unwrap()
    }

    fn ask(graph: &DiploGraph, from: Date, to: Date) -> Diff {
        diff(
            graph,
            &DiffQuery {
                from,
                to,
                focus: None,
                via: Vec::new(),
            },
        )
        .unwrap()
    }

    fn e(j: usize) -> EdgeIndex {
        EdgeIndex::new(j)
    }

    #[test]
    fn a_relation_until_a_day_is_not_in_force_on_it() {
        let graph = graph();
        // Raisi's term runs until 2024-05-19: on that day it has ended.
        let found = ask(&graph, day(2024, 5, 18), day(2024, 5, 19));
        assert_eq!(found.ended, [e(0)]);
        assert_eq!(found.started, [e(1)]);
        assert_eq!(found.changed.len(), 1);
        assert_eq!(found.changed[0].kind, Pairing::Office);
        // The day before, nothing had changed yet; the same day twice is
        // no change at all.
        assert!(ask(&graph, day(2024, 5, 17), day(2024, 5, 18)).is_empty());
        assert!(ask(&graph, day(2024, 5, 19), day(2024, 5, 19)).is_empty());
    }

    #[test]
    fn an_office_changes_hands_past_an_acting_holder_in_between() {
        let graph = graph();
        let query = DiffQuery {
            from: day(2024, 5, 1),
            to: day(2024, 8, 1),
            focus: None,
            via: vec![RelationKind::Leads],
        };
        let found = diff(&graph, &query).unwrap();
        assert_eq!(
            (found.ended.clone(), found.started.clone()),
            (vec![e(0)], vec![e(2)])
        );
        let pair = found.changed[0];
        assert_eq!((pair.before, pair.after), (e(0), e(2)));
    }

    #[test]
    fn observer_to_member_is_one_status_change_and_votes_are_counted() {
        let graph = graph();
        let found = ask(&graph, day(2024, 7, 3), day(2024, 7, 4));
        assert_eq!(found.ended, [e(3)]);
        assert_eq!(found.started, [e(4), e(5), e(6), e(7)]);
        assert_eq!(found.changed.len(), 1);
        assert_eq!(found.changed[0].kind, Pairing::Status);
        assert_eq!(
            (found.changed[0].before, found.changed[0].after),
            (e(3), e(4))
        );
        let tally = &found.started_votes[0];
        assert_eq!((tally.count(Ballot::Yes), tally.count(Ballot::No)), (1, 2));
        assert_eq!(tally.total(), 3);
        // The roll call's day is over the day after.
        let next = ask(&graph, day(2024, 7, 4), day(2024, 7, 5));
        assert_eq!(next.ended, [e(5), e(6), e(7)]);
        assert_eq!(next.ended_votes.len(), 1);
    }

    #[test]
    fn a_focus_and_kinds_narrow_the_pass() {
        let graph = graph();
        let mut query = DiffQuery {
            from: day(2024, 7, 3),
            to: day(2024, 7, 4),
            focus: graph.node("USA"),
            via: Vec::new(),
        };
        assert_eq!(diff(&graph, &query).unwrap().started, [e(6)]);
        query.focus = graph.node("BLR");
        query.via = vec![RelationKind::Member];
        let found = diff(&graph, &query).unwrap();
        assert_eq!(found.started, [e(4)]);
        assert!(found.ended.is_empty() && found.changed.is_empty());
        query.from = day(2025, 1, 1);
        assert!(matches!(diff(&graph, &query), Err(Error::Usage(_))));
    }
}
