//! `timeline ENTITY`: every start and end of one entity's relations, in
//! date order.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use petgraph::graph::{EdgeIndex, NodeIndex};

use super::{Change, Pair, admitted, ordered, pair_up, relations_of};
use crate::date::PartialDate;
use crate::error::Error;
use crate::graph::DiploGraph;
use crate::model::RelationKind;

/// What `timeline` is asked: an optional window of days (both ends
/// included) and the relation kinds to follow.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimelineQuery {
    /// Only changes on this day or later.
    pub from: Option<Date>,
    /// Only changes on this day or earlier.
    pub to: Option<Date>,
    /// Only relations of these kinds; all kinds when empty.
    pub via: Vec<RelationKind>,
}

/// One line of a timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// One relation started or ended. `date` is the day at the precision
    /// the file gives it; `None` is a start the file does not record (the
    /// relation's `since` is open), which is not the same as "always".
    One {
        /// The relation.
        edge: EdgeIndex,
        /// Whether it started or ended.
        change: Change,
        /// When, at its precision; `None`: not recorded.
        date: Option<PartialDate>,
    },
    /// One relation ended on the day another started, read as one change:
    /// a handover of an office, or a change of membership status.
    Pair {
        /// The two relations.
        pair: Pair,
        /// The day the one ended and the other started.
        date: PartialDate,
    },
}

impl Entry {
    /// The single changes of the entry, in the order they read: a pair's
    /// end, then its start.
    pub fn changes(&self) -> Vec<(Option<PartialDate>, Change, EdgeIndex)> {
        match *self {
            Entry::One { edge, change, date } => vec![(date, change, edge)],
            Entry::Pair { pair, date } => vec![
                (Some(date), Change::Ended, pair.before),
                (Some(date), Change::Started, pair.after),
            ],
        }
    }

    /// The entry's day (`None`: a start not recorded).
    pub fn date(&self) -> Option<PartialDate> {
        match *self {
            Entry::One { date, .. } => date,
            Entry::Pair { date, .. } => Some(date),
        }
    }
}

/// The changes of one entity's relations.
#[derive(Clone, Debug)]
pub struct Timeline {
    /// The entity.
    pub node: NodeIndex,
    /// Its changes in date order (starts not recorded first; on one day,
    /// what ended before what started, then by relation number), a
    /// handover or status change as one entry.
    pub entries: Vec<Entry>,
    /// How many relations touch it or are about it at any time, of any
    /// kind: tells "nothing recorded" from "nothing in the window".
    pub recorded: usize,
    /// What was asked.
    pub query: TimelineQuery,
}

/// Every start and end of the relations of `node` (those touching it, and
/// for an issue the disputes and conflicts over it), as [`Entry`]s in date
/// order. A relation gives a start (its `since`, with the event's first
/// day for an attendance without one, and a vote's roll-call day) and an
/// end (its `until`; a vote, a one-day fact, has none of its own). A start
/// the file does not record is kept, dated `None`. An office whose holder
/// ends on the day another starts, and a membership status ending on the
/// day another starts, are one [`Entry::Pair`] ([`pair_up`]). With a
/// window, only changes dated inside it (both ends included), and the
/// unrecorded starts of relations not over before it.
///
/// Errors: `from` after `to` ([`Error::Usage`]). O(d log d) for d
/// relations of the entity; no model value is made.
///
/// ```
/// use diplograph::{graph::DiploGraph, store::Origin};
/// use diplograph::query::change::{Entry, TimelineQuery, timeline};
/// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
/// let iran = graph.resolve("Iran").unwrap();
/// let found = timeline(&graph, iran, &TimelineQuery::default()).unwrap();
/// let handovers: Vec<String> = found.entries.iter().filter_map(|e| match e {
///     Entry::Pair { pair, date } => Some(format!("{date} {} → {}",
///         graph.relation(pair.before).from, graph.relation(pair.after).from)),
///     Entry::One { .. } => None,
/// }).collect();
/// assert!(handovers.contains(&"2024-05-19 ebrahim-raisi → mohammad-mokhber".to_string()));
/// assert!(handovers.contains(&"2024-07-28 mohammad-mokhber → masoud-pezeshkian".to_string()));
/// ```
pub fn timeline(
    graph: &DiploGraph,
    node: NodeIndex,
    query: &TimelineQuery,
) -> Result<Timeline, Error> {
    ordered(query.from, query.to)?;
    let edges = relations_of(graph, node);
    let recorded = edges.len();
    let admits = admitted(&query.via);
    let inside = |date: Option<PartialDate>, until: Option<PartialDate>| match date {
        Some(d) => {
            let day = d.first_day();
            query.from.is_none_or(|f| f <= day) && query.to.is_none_or(|t| day <= t)
        }
        // A start not recorded may lie in the window unless the relation
        // was over before it began.
        None => query
            .from
            .is_none_or(|f| until.is_none_or(|u| u.first_day() > f)),
    };
    let mut singles: Vec<(Option<PartialDate>, Change, EdgeIndex)> = Vec::new();
    for edge in edges {
        let kind = graph.kind(edge);
        if !admits[kind.index()] {
            continue;
        }
        let v = graph.validity(edge);
        if inside(v.since, v.until) {
            singles.push((v.since, Change::Started, edge));
        }
        // A vote holds on its roll call's day alone: its start says it.
        if let Some(until) = v.until
            && kind != RelationKind::Vote
            && inside(Some(until), None)
        {
            singles.push((Some(until), Change::Ended, edge));
        }
    }
    singles.sort_by_key(|(date, change, edge)| {
        (date.map_or(i32::MIN, |d| d.day_number()), *change, *edge)
    });
    let ended: Vec<EdgeIndex> = singles
        .iter()
        .filter(|(_, c, _)| *c == Change::Ended)
        .map(|(_, _, e)| *e)
        .collect();
    let started: Vec<EdgeIndex> = singles
        .iter()
        .filter(|(d, c, _)| *c == Change::Started && d.is_some())
        .map(|(_, _, e)| *e)
        .collect();
    let pairs = pair_up(graph, &ended, &started, true);
    let before: HashMap<EdgeIndex, Pair> = pairs.iter().map(|p| (p.before, *p)).collect();
    let after: HashSet<EdgeIndex> = pairs.iter().map(|p| p.after).collect();
    let entries = singles
        .into_iter()
        .filter_map(|(date, change, edge)| match (change, date) {
            (Change::Ended, Some(date)) if before.contains_key(&edge) => Some(Entry::Pair {
                pair: before[&edge],
                date,
            }),
            (Change::Started, _) if after.contains(&edge) => None,
            _ => Some(Entry::One { edge, change, date }),
        })
        .collect();
    Ok(Timeline {
        node,
        entries,
        recorded,
        query: query.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::change::Pairing;

    fn graph() -> DiploGraph {
        DiploGraph::parse(
            "g",
            r#"(version: 1, checked: "2024-07-28", entities: [
                country(id: "IND", name: "India"), country(id: "PAK", name: "Pakistan"),
                country(id: "CHN", name: "China"), country(id: "USA", name: "United States"),
                organization(id: "SCO", name: "Shanghai Cooperation Organisation"),
                issue(id: "kashmir", name: "Kashmir"),
            ], relations: [
                observer(from: "IND", to: "SCO", since: "2005-07-05", until: "2017-06-09"),
                member(from: "IND", to: "SCO", since: "2017-06-09"),
                dispute(from: "IND", to: "PAK", over: "kashmir", since: "1947-10"),
                rivalry(from: "CHN", to: "USA"),
                partnership(from: "IND", to: "USA", since: "1950", until: "1960"),
            ])"#,
        )
        .unwrap()
    }

    fn dates(t: &Timeline) -> Vec<String> {
        t.entries
            .iter()
            .map(|e| e.date().map_or("not recorded".into(), |d| d.to_string()))
            .collect()
    }

    #[test]
    fn changes_come_in_date_order_at_their_precision_with_a_status_change_as_one() {
        let graph = graph();
        let t = timeline(
            &graph,
            graph.node("IND").unwrap(),
            &TimelineQuery::default(),
        )
        .unwrap();
        assert_eq!(
            dates(&t),
            ["1947-10", "1950", "1960", "2005-07-05", "2017-06-09"]
        );
        assert!(matches!(
            t.entries[4],
            Entry::Pair { pair, .. } if pair.kind == Pairing::Status
        ));
        assert_eq!(t.recorded, 4);
    }

    #[test]
    fn a_start_not_recorded_is_said_not_dropped() {
        let graph = graph();
        let t = timeline(
            &graph,
            graph.node("CHN").unwrap(),
            &TimelineQuery::default(),
        )
        .unwrap();
        assert_eq!(dates(&t), ["not recorded"]);
        // An open relation may have started in any window.
        let later = TimelineQuery {
            from: Some(jiff::civil::date(2020, 1, 1)),
            ..TimelineQuery::default()
        };
        assert_eq!(
            timeline(&graph, graph.node("CHN").unwrap(), &later)
                .unwrap()
                .entries
                .len(),
            1
        );
    }

    #[test]
    fn an_issue_sees_the_disputes_over_it() {
        let graph = graph();
        let t = timeline(
            &graph,
            graph.node("kashmir").unwrap(),
            &TimelineQuery::default(),
        )
        .unwrap();
        assert_eq!(dates(&t), ["1947-10"]);
    }

    #[test]
    fn the_window_includes_both_ends_and_via_filters_kinds() {
        let graph = graph();
        let india = graph.node("IND").unwrap();
        let query = TimelineQuery {
            from: Some(jiff::civil::date(1950, 1, 1)),
            to: Some(jiff::civil::date(2017, 6, 9)),
            via: vec![RelationKind::Member, RelationKind::Observer],
        };
        let t = timeline(&graph, india, &query).unwrap();
        assert_eq!(dates(&t), ["2005-07-05", "2017-06-09"]);
        let query = TimelineQuery {
            to: Some(jiff::civil::date(2017, 6, 8)),
            ..query
        };
        assert_eq!(
            dates(&timeline(&graph, india, &query).unwrap()),
            ["2005-07-05"]
        );
    }
}
