//! What changed: [`timeline`] (when each relation of one entity started
//! and ended, in date order) and [`diff`] (the relations in force on one
//! day and not on another), with the two readings both share: a
//! membership status that ends as another starts for the same state and
//! organization is one *status change*, and an office whose holder leaves
//! as another takes it is one *handover* ([`pair_up`]). [`analysis`] adds
//! what moved in the signed network between the two days (blocs and
//! alignment) for `diff --analysis`.
//!
//! Both questions read the flat records and each relation's span of day
//! numbers; a model value ([`crate::model::Relation`]) is made only for
//! what an answer prints, never for a relation that did not change.

use std::collections::HashMap;

use jiff::civil::Date;
use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::error::Error;
use crate::graph::DiploGraph;
use crate::model::RelationKind;
use crate::names::fold;

pub mod analysis;
mod diff;
mod timeline;

pub use diff::{Diff, DiffQuery, Tally, diff, tallies};
pub use timeline::{Entry, Timeline, TimelineQuery, timeline};

/// Whether a relation began or stopped being in force. Ordered as a day
/// reads: what ends on a day comes before what starts on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// No longer in force (its `until` day, or in force on the first day
    /// of a diff and not on the second).
    Ended,
    /// In force (its `since` day, or in force on the second day of a diff
    /// and not on the first).
    Started,
}

impl Change {
    /// `"started"` or `"ended"`: the word in text and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Change::Ended => "ended",
            Change::Started => "started",
        }
    }
}

/// How two relations read as one change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pairing {
    /// One membership status of a state in an organization ended and
    /// another started (observer → member).
    Status,
    /// One holder of an office (what is led or served, and the role, as
    /// `store::rules` identifies an office) left it and another took it.
    Office,
}

impl Pairing {
    /// `"status"` or `"office"`: the word in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Pairing::Status => "status",
            Pairing::Office => "office",
        }
    }
}

/// Two relations that read as one change: `before` stopped being in force
/// and `after` began.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pair {
    /// A status change or a handover.
    pub kind: Pairing,
    /// The relation that ended (the old status, the old holder's term).
    pub before: EdgeIndex,
    /// The relation that started (the new status, the new holder's term).
    pub after: EdgeIndex,
}

/// What two relations must share to pair: the state and organization of
/// a membership status, or the office (what is held, and its folded role,
/// the rule of `store::rules`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Status(NodeIndex, NodeIndex),
    Office(NodeIndex, String),
}

/// The pairing key of `edge`, if its kind pairs at all.
fn key(graph: &DiploGraph, edge: EdgeIndex) -> Option<Key> {
    let kind = graph.kind(edge);
    let (from, to) = graph.endpoints(edge);
    if kind.is_membership() {
        Some(Key::Status(from, to))
    } else if kind.is_office() {
        Some(Key::Office(to, fold(graph.role(edge).unwrap_or_default())))
    } else {
        None
    }
}

/// Pairs relations that `ended` with relations that `started` into status
/// changes and handovers: a membership status with another status (a
/// different kind) of the same state in the same organization, an office
/// term with another term of the same office (the holder may be the same
/// person: acting, then confirmed). With `same_day`, the later relation
/// must start on the very day the earlier one ends (what a timeline reads
/// as one line); without it (a diff between two days), any two do. Each
/// ended relation is the `before` of at most one pair and each started one
/// the `after` of at most one (an acting term may be both: it follows one
/// holder and precedes the next); earlier ones pair first.
///
/// Arguments: the two lists, each in any order. Returns the pairs in the
/// order of `started`. O(n) hashing for n relations of the pairing kinds
/// (the rest are skipped at once); no model value is made.
///
/// ```
/// use diplograph::{graph::DiploGraph, store::Origin};
/// use diplograph::query::change::{Pairing, pair_up};
/// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
/// let edge = |from: &str, kind: &str| {
///     let (from, iran) = (graph.node(from).unwrap(), graph.node("IRN").unwrap());
///     graph.csr().both(iran.index())
///         .map(|(e, _, _)| petgraph::graph::EdgeIndex::new(e as usize))
///         .find(|e| graph.endpoints(*e).0 == from && graph.kind(*e).name() == kind)
///         .unwrap()
/// };
/// let (raisi, mokhber) = (edge("ebrahim-raisi", "leads"), edge("mohammad-mokhber", "leads"));
/// let pairs = pair_up(&graph, &[raisi], &[mokhber], true);
/// assert_eq!(pairs.len(), 1);
/// assert_eq!((pairs[0].kind, pairs[0].before, pairs[0].after), (Pairing::Office, raisi, mokhber));
/// // Raisi's term ended on 2024-05-19; Pezeshkian's began on 2024-07-28.
/// let pezeshkian = edge("masoud-pezeshkian", "leads");
/// assert!(pair_up(&graph, &[raisi], &[pezeshkian], true).is_empty());
/// assert_eq!(pair_up(&graph, &[raisi], &[pezeshkian], false).len(), 1);
/// ```
pub fn pair_up(
    graph: &DiploGraph,
    ended: &[EdgeIndex],
    started: &[EdgeIndex],
    same_day: bool,
) -> Vec<Pair> {
    let mut open: HashMap<Key, Vec<EdgeIndex>> = HashMap::new();
    let mut sorted: Vec<EdgeIndex> = ended.to_vec();
    sorted.sort_unstable();
    for &edge in &sorted {
        if let Some(k) = key(graph, edge) {
            open.entry(k).or_default().push(edge);
        }
    }
    let mut pairs = Vec::new();
    if open.is_empty() {
        return pairs;
    }
    for &after in started {
        let Some(k) = key(graph, after) else { continue };
        let Some(candidates) = open.get_mut(&k) else {
            continue;
        };
        let since = graph.span(after).0;
        let fits = |before: &EdgeIndex| {
            *before != after
                && (!matches!(k, Key::Status(..)) || graph.kind(*before) != graph.kind(after))
                && (!same_day || graph.span(*before).1 == since)
        };
        if let Some(at) = candidates.iter().position(fits) {
            let before = candidates.remove(at);
            let kind = match k {
                Key::Status(..) => Pairing::Status,
                Key::Office(..) => Pairing::Office,
            };
            pairs.push(Pair {
                kind,
                before,
                after,
            });
        }
    }
    pairs
}

/// Every relation of `node` at any time, each once, by relation number:
/// those touching it, and for an issue the disputes and conflicts `over`
/// it (as `show` lists them). O(degree log degree).
pub(crate) fn relations_of(graph: &DiploGraph, node: NodeIndex) -> Vec<EdgeIndex> {
    let v = node.index();
    // A party's ties through an issue are its own relations again (the
    // dedup drops them); an issue's are the relations over it.
    let over = graph.over_ties(v).iter().map(|&[e, _]| e);
    let mut edges: Vec<u32> = graph.csr().both(v).map(|(e, _, _)| e).chain(over).collect();
    edges.sort_unstable();
    edges.dedup();
    edges
        .into_iter()
        .map(|e| EdgeIndex::new(e as usize))
        .collect()
}

/// A table by kind code of the kinds `via` admits (all when empty): what
/// the passes test each relation against without making its kind.
fn admitted(via: &[RelationKind]) -> Vec<bool> {
    RelationKind::ALL
        .iter()
        .map(|k| via.is_empty() || via.contains(k))
        .collect()
}

/// `from` must not be after `to`: a usage error quoting both otherwise.
fn ordered(from: Option<Date>, to: Option<Date>) -> Result<(), Error> {
    match (from, to) {
        (Some(from), Some(to)) if from > to => Err(Error::Usage(format!(
            "--from {from} is after --to {to}: give the earlier day first"
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::DiploGraph;

    /// Iran's president and its SCO status, each change on a day of its own
    /// or shared, as the bundled file words them.
    fn iran() -> DiploGraph {
        DiploGraph::parse(
            "g",
            r#"(version: 1, checked: "2024-07-28", entities: [
                country(id: "IRN", name: "Iran"),
                organization(id: "SCO", name: "Shanghai Cooperation Organisation"),
                person(id: "raisi", name: "Ebrahim Raisi"),
                person(id: "mokhber", name: "Mohammad Mokhber"),
                person(id: "pezeshkian", name: "Masoud Pezeshkian"),
                person(id: "araghchi", name: "Abbas Araghchi"),
            ], relations: [
                leads(from: "raisi", to: "IRN", role: "President", since: "2021-08-03", until: "2024-05-19"),
                leads(from: "mokhber", to: "IRN", role: "President", acting: true, since: "2024-05-19", until: "2024-07-28"),
                leads(from: "pezeshkian", to: "IRN", role: "president", since: "2024-07-28"),
                serves(from: "araghchi", to: "IRN", role: "Foreign Minister", since: "2024-05-19"),
                observer(from: "IRN", to: "SCO", since: "2005-07-05", until: "2023-07-04"),
                member(from: "IRN", to: "SCO", since: "2023-07-04"),
            ])"#,
        )
        .unwrap()
    }

    fn e(j: usize) -> EdgeIndex {
        EdgeIndex::new(j)
    }

    #[test]
    fn a_term_ending_on_the_day_another_starts_is_one_handover() {
        let graph = iran();
        let pairs = pair_up(&graph, &[e(0), e(1), e(4)], &[e(1), e(2), e(3), e(5)], true);
        let found: Vec<_> = pairs.iter().map(|p| (p.kind, p.before, p.after)).collect();
        assert_eq!(
            found,
            [
                // Raisi → Mokhber (2024-05-19), Mokhber → Pezeshkian (the
                // role folds alike), observer → member; the minister who
                // started on Raisi's last day holds another office.
                (Pairing::Office, e(0), e(1)),
                (Pairing::Office, e(1), e(2)),
                (Pairing::Status, e(4), e(5)),
            ]
        );
    }

    #[test]
    fn between_two_days_any_end_and_start_of_one_office_pair() {
        let graph = iran();
        // Raisi on the first day, Pezeshkian on the second: the acting
        // president in between is in neither.
        let pairs = pair_up(&graph, &[e(0)], &[e(2), e(3)], false);
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].before, pairs[0].after), (e(0), e(2)));
        assert!(pair_up(&graph, &[e(0)], &[e(2)], true).is_empty());
    }

    #[test]
    fn the_same_status_ending_and_starting_again_is_no_status_change() {
        let graph = DiploGraph::parse(
            "g",
            r#"(version: 1, checked: "2024-07-28", entities: [
                country(id: "AAA", name: "A"), organization(id: "O", name: "O"),
            ], relations: [
                member(from: "AAA", to: "O", since: "1990", until: "2000"),
                member(from: "AAA", to: "O", since: "2000"),
            ])"#,
        )
        .unwrap();
        assert!(pair_up(&graph, &[e(0)], &[e(1)], true).is_empty());
    }

    #[test]
    fn from_after_to_is_a_usage_error() {
        let day = |d| jiff::civil::date(2024, 7, d);
        assert!(matches!(
            ordered(Some(day(5)), Some(day(3))),
            Err(Error::Usage(_))
        ));
        assert!(ordered(Some(day(3)), Some(day(3))).is_ok());
        assert!(ordered(None, Some(day(3))).is_ok());
    }
}
