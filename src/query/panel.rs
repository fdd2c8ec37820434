//! Panels: the database as the yearly tables statistical work starts from,
//! one row per pair of states and year (**dyad-year**) or per state and
//! year (**state-year**), as peacesciencer and the COW data build them.
//!
//! A year is a [`Period`] of [`crate::query::series`] and "as of a year"
//! its [`Rule`]: a state is in the year's rows if it existed on some day
//! of it (`any`, [`When::During`]), on 1 January (`first`) or on
//! 31 December (`last`); a relation counts if in force by the same rule.
//! States without recorded statehood count as existing every year
//! ([`View::contains`]).
//!
//! Rows are made one at a time, from what is built once per year ([`Year`]:
//! the states, their codes, their alignment portfolios), so a writer can
//! stream a panel of any length in constant memory: a dyad-year panel of
//! `n` states costs O(n² + relations of the states) per year.

use petgraph::graph::NodeIndex;

use crate::codes::{Code, Scheme};
use crate::graph::{DiploGraph, View, When};
use crate::model::{EntityKind, RelationKind};
use crate::query::align::{Basis, Dimensions, Flat, Frame, Scores, portfolio};
use crate::query::series::{Period, Rule};

/// How a panel is built: the rule of its years, whether pairs are ordered,
/// the code scheme written beside ids, and the alignment basis, if any.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PanelQuery {
    /// Which days of a year count.
    pub rule: Rule,
    /// Dyad-year: both orders of each pair (a directed kind then counts
    /// a→b only), not each pair once.
    pub directed: bool,
    /// The code scheme of the `a_code`/`b_code`/`code` columns.
    pub codes: Option<Scheme>,
    /// Dyad-year: the basis of the alignment columns.
    pub alignment: Option<Basis>,
}

/// The relation kinds a dyad can hold: those whose both ends may be
/// countries (alliance, partnership, rivalry, dispute, conflict, supports,
/// sanctions), in the order of [`RelationKind::ALL`]: the 0/1 columns of a
/// dyad-year panel.
///
/// ```
/// use diplograph::model::RelationKind;
/// let kinds = diplograph::query::panel::dyad_kinds();
/// assert!(kinds.contains(&RelationKind::Alliance) && kinds.contains(&RelationKind::Sanctions));
/// assert!(!kinds.contains(&RelationKind::Member));
/// ```
pub fn dyad_kinds() -> Vec<RelationKind> {
    RelationKind::ALL
        .iter()
        .copied()
        .filter(|k| {
            k.allowed_from().contains(&EntityKind::Country)
                && k.allowed_to().contains(&EntityKind::Country)
        })
        .collect()
}

/// A set of relation kinds, one bit per [`RelationKind::index`]: which
/// kinds a dyad holds in a year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Kinds(u32);

impl Kinds {
    /// Whether `kind` is in the set.
    pub fn contains(self, kind: RelationKind) -> bool {
        self.0 & (1 << kind.index()) != 0
    }

    fn insert(&mut self, kind: RelationKind) {
        self.0 |= 1 << kind.index();
    }
}

/// One row of a dyad-year panel. Borrowed from its [`Year`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DyadRow<'y> {
    /// The year.
    pub period: Period,
    /// The first state (the `from` end in a directed panel).
    pub a: NodeIndex,
    /// The second state.
    pub b: NodeIndex,
    /// `a`'s code in the scheme asked for that year (`None`: it has none,
    /// or none was asked for).
    pub a_code: Option<&'y Code>,
    /// `b`'s code.
    pub b_code: Option<&'y Code>,
    /// The state-to-state kinds ([`dyad_kinds`]) in force between them.
    pub ties: Kinds,
    /// Every alignment measure, when a basis was asked for.
    pub scores: Option<Scores>,
}

/// What a column of a state-year panel counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateCount {
    /// Organizations the state holds this membership status in.
    Status(RelationKind),
    /// Partners through a symmetric kind (alliances, disputes…).
    Partners(RelationKind),
    /// Entities the state holds a directed kind towards (sanctions it
    /// imposes).
    Given(RelationKind),
    /// Entities holding a directed kind towards the state (sanctions it
    /// is under).
    Received(RelationKind),
}

impl StateCount {
    /// Every count of a state-year row: each membership status, then each
    /// state-to-state kind ([`dyad_kinds`]), symmetric ones once, directed
    /// ones given and received.
    ///
    /// ```
    /// use diplograph::model::RelationKind;
    /// use diplograph::query::panel::StateCount;
    /// let all = StateCount::all();
    /// assert_eq!(all[0], StateCount::Status(RelationKind::Member));
    /// assert!(all.contains(&StateCount::Received(RelationKind::Sanctions)));
    /// ```
    pub fn all() -> Vec<StateCount> {
        let statuses = RelationKind::ALL
            .iter()
            .copied()
            .filter(|k| k.is_membership())
            .map(StateCount::Status);
        let ties = dyad_kinds().into_iter().flat_map(|k| {
            if k.is_symmetric() {
                vec![StateCount::Partners(k)]
            } else {
                vec![StateCount::Given(k), StateCount::Received(k)]
            }
        });
        statuses.chain(ties).collect()
    }

    /// The column's key: `member`, `alliance`, `sanctions_given`…
    pub fn key(self) -> String {
        match self {
            StateCount::Status(k) | StateCount::Partners(k) => k.name().to_string(),
            StateCount::Given(k) => format!("{}_given", k.name()),
            StateCount::Received(k) => format!("{}_received", k.name()),
        }
    }

    /// The column an incident relation of `kind` counts in, seen from the
    /// state (`outgoing`: the state is its `from` end).
    fn of(kind: RelationKind, outgoing: bool) -> StateCount {
        if kind.is_membership() {
            StateCount::Status(kind)
        } else if kind.is_symmetric() {
            StateCount::Partners(kind)
        } else if outgoing {
            StateCount::Given(kind)
        } else {
            StateCount::Received(kind)
        }
    }
}

/// One row of a state-year panel.
#[derive(Clone, Debug, PartialEq)]
pub struct StateRow<'y> {
    /// The year.
    pub period: Period,
    /// The state.
    pub state: NodeIndex,
    /// Its code in the scheme asked for that year.
    pub code: Option<&'y Code>,
    /// One count per column of [`Year::counts`], distinct entities each.
    pub counts: Vec<usize>,
    /// Who led it (`leads`) on the year's day by the rule (1 January,
    /// 31 December for `last`), in file order; empty: none recorded.
    pub leaders: Vec<NodeIndex>,
}

/// What one year of a panel is built from, once: its view, its states in
/// file order, their codes and alignment portfolios.
pub struct Year<'g> {
    /// The year.
    pub period: Period,
    view: View<'g>,
    query: PanelQuery,
    /// The states existing in the year by the rule, in file order.
    pub states: Vec<NodeIndex>,
    /// Each node's position in `states` (`u32::MAX`: not a state then).
    position: Vec<u32>,
    codes: Vec<Option<Code>>,
    alignment: Option<Aligned<'g>>,
    counts: Vec<StateCount>,
}

/// The dyad-year rows of a [`Year`], made one at a time ([`Year::dyads`]).
pub struct Dyads<'y, 'g> {
    year: &'y Year<'g>,
    /// The first state's position.
    i: usize,
    /// The second state's position (`usize::MAX`: `i`'s ties not read yet).
    j: usize,
    row: Vec<Kinds>,
    touched: Vec<u32>,
}

impl<'y> Iterator for Dyads<'y, '_> {
    type Item = DyadRow<'y>;

    fn next(&mut self) -> Option<DyadRow<'y>> {
        let n = self.year.states.len();
        loop {
            if self.i >= n {
                return None;
            }
            if self.j == usize::MAX {
                self.year.ties_of(self.i, &mut self.row, &mut self.touched);
                self.j = if self.year.query.directed {
                    0
                } else {
                    self.i + 1
                };
            }
            if self.j == self.i {
                self.j += 1;
            }
            if self.j < n {
                let j = self.j;
                self.j += 1;
                return Some(self.year.dyad(self.i, j, self.row[j]));
            }
            self.i += 1;
            self.j = usize::MAX;
        }
    }
}

/// The alignment of a year: its frame, dimensions and each state's flat
/// portfolio (built once per year, not once per pair).
struct Aligned<'g> {
    frame: Frame<'g>,
    dims: Dimensions,
    flats: Vec<Flat>,
}

/// The day of `period` the rule reads what holds on a single day (a
/// leader, a code): its first, or its last for [`Rule::Last`].
fn day_of(period: Period, rule: Rule) -> jiff::civil::Date {
    match period.when(rule) {
        When::On(day) => day,
        When::During { from, .. } => from,
        When::AllTime => period.from,
    }
}

impl<'g> Year<'g> {
    /// Builds `period`'s year: O(V + relations of the states) and, with an
    /// alignment basis, one portfolio per state.
    ///
    /// ```
    /// use diplograph::graph::DiploGraph;
    /// use diplograph::query::panel::{PanelQuery, Year};
    /// use diplograph::query::series::{Every, steps};
    /// use jiff::civil::date;
    /// let graph = DiploGraph::load(&diplograph::store::Origin::Bundled).unwrap();
    /// let y2010 = steps(date(2010, 1, 1), date(2010, 12, 31), Every::Year).unwrap()[0];
    /// let year = Year::new(&graph, y2010, PanelQuery::default());
    /// let n = year.states.len();
    /// assert_eq!(year.dyads().count(), n * (n - 1) / 2);
    /// ```
    pub fn new(graph: &'g DiploGraph, period: Period, query: PanelQuery) -> Year<'g> {
        let view = graph.at(period.when(query.rule));
        let states: Vec<NodeIndex> = view
            .nodes()
            .filter(|n| graph.entity_kind(*n) == EntityKind::Country)
            .collect();
        let mut position = vec![u32::MAX; graph.node_count()];
        for (i, s) in states.iter().enumerate() {
            position[s.index()] = i as u32;
        }
        let codes = match query.codes {
            Some(scheme) => {
                let days = match query.rule {
                    Rule::Any => vec![period.from, day_of(period, Rule::Last)],
                    Rule::First | Rule::Last => vec![day_of(period, query.rule)],
                };
                states
                    .iter()
                    .map(|s| {
                        days.iter()
                            .find_map(|d| crate::query::codes::code_of(graph, *s, scheme, *d))
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let alignment = query.alignment.map(|basis| {
            let frame = Frame::new(view, basis).votes_during(period.days());
            let dims = frame.dimensions();
            let flats = states
                .iter()
                .map(|s| Flat::of(&frame, &portfolio(&frame, *s)))
                .collect();
            Aligned { frame, dims, flats }
        });
        Year {
            period,
            view,
            query,
            states,
            position,
            codes,
            alignment,
            counts: StateCount::all(),
        }
    }

    /// The columns of [`StateRow::counts`].
    pub fn counts(&self) -> &[StateCount] {
        &self.counts
    }

    fn code(&self, i: usize) -> Option<&Code> {
        self.codes.get(i).and_then(Option::as_ref)
    }

    /// The kinds `states[i]` holds towards each other state (by position),
    /// written into `row` (cleared first through `touched`).
    fn ties_of(&self, i: usize, row: &mut [Kinds], touched: &mut Vec<u32>) {
        for t in touched.drain(..) {
            row[t as usize] = Kinds::default();
        }
        let graph = self.view.graph();
        for (edge, other, outgoing) in self.view.incident_edges(self.states[i]) {
            let p = self.position[other.index()];
            if p == u32::MAX || p as usize == i {
                continue;
            }
            let kind = graph.kind(edge);
            let counts = kind.allowed_from().contains(&EntityKind::Country)
                && kind.allowed_to().contains(&EntityKind::Country);
            if counts && (!self.query.directed || outgoing || kind.is_symmetric()) {
                if row[p as usize] == Kinds::default() {
                    touched.push(p);
                }
                row[p as usize].insert(kind);
            }
        }
    }

    /// The dyad-year rows of the year: each pair of states once, in
    /// position order (`a` before `b` in file order), or both orders when
    /// directed. Lazy: one row of kinds (towards every state) is kept.
    pub fn dyads(&self) -> Dyads<'_, 'g> {
        Dyads {
            year: self,
            i: 0,
            j: usize::MAX,
            row: vec![Kinds::default(); self.states.len()],
            touched: Vec::new(),
        }
    }

    /// The row of the pair at positions `(i, j)`, `ties` the kinds
    /// between them.
    fn dyad(&self, i: usize, j: usize, ties: Kinds) -> DyadRow<'_> {
        DyadRow {
            period: self.period,
            a: self.states[i],
            b: self.states[j],
            a_code: self.code(i),
            b_code: self.code(j),
            ties,
            scores: self
                .alignment
                .as_ref()
                .map(|al| al.flats[i].scores(&al.frame, &al.dims, &al.flats[j])),
        }
    }

    /// The state-year rows of the year, in file order.
    pub fn state_rows(&self) -> impl Iterator<Item = StateRow<'_>> + '_ {
        let graph = self.view.graph();
        let leader_view = graph.at(When::On(day_of(self.period, self.query.rule)));
        (0..self.states.len()).map(move |i| {
            let state = self.states[i];
            let mut seen: Vec<(usize, NodeIndex)> = Vec::new();
            for (edge, other, outgoing) in self.view.incident_edges(state) {
                let kind = graph.kind(edge);
                let column = StateCount::of(kind, outgoing);
                if let Some(c) = self.counts.iter().position(|k| *k == column) {
                    seen.push((c, other));
                }
            }
            seen.sort_unstable();
            seen.dedup();
            let mut counts = vec![0; self.counts.len()];
            for (c, _) in seen {
                counts[c] += 1;
            }
            let mut leaders: Vec<NodeIndex> = Vec::new();
            for (edge, holder, outgoing) in leader_view.incident_edges(state) {
                if !outgoing
                    && graph.kind(edge) == RelationKind::Leads
                    && !leaders.contains(&holder)
                {
                    leaders.push(holder);
                }
            }
            StateRow {
                period: self.period,
                state,
                code: self.code(i),
                counts,
                leaders,
            }
        })
    }
}

/// The panel of `steps`: each year built when the one before has been
/// written ([`Year::new`]), so a panel of any length holds one year at a
/// time.
///
/// ```
/// use diplograph::graph::DiploGraph;
/// use diplograph::query::panel::{PanelQuery, years};
/// use diplograph::query::series::{Every, steps};
/// use jiff::civil::date;
/// let graph = DiploGraph::load(&diplograph::store::Origin::Bundled).unwrap();
/// let steps = steps(date(2001, 1, 1), date(2003, 12, 31), Every::Year).unwrap();
/// let rows: usize = years(&graph, &steps, PanelQuery::default()).map(|y| y.state_rows().count()).sum();
/// assert!(rows >= 3 * 20);
/// ```
pub fn years<'a, 'g: 'a>(
    graph: &'g DiploGraph,
    steps: &'a [Period],
    query: PanelQuery,
) -> impl Iterator<Item = Year<'g>> + 'a {
    steps.iter().map(move |p| Year::new(graph, *p, query))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::series::{Every, steps};
    use jiff::civil::date;

    fn year(graph: &DiploGraph, y: i16, query: PanelQuery) -> Year<'_> {
        let period = steps(date(y, 1, 1), date(y, 12, 31), Every::Year).unwrap()[0];
        Year::new(graph, period, query)
    }

    #[test]
    fn a_directed_kind_counts_one_way_in_a_directed_panel() {
        let graph = DiploGraph::parse(
            "s.ron",
            r#"(version: 1, checked: "2024-07-04", entities: [
                country(id: "ZZA", name: "Aland"), country(id: "ZZB", name: "Bland"),
            ], relations: [
                sanctions(from: "ZZB", to: "ZZA", since: "2000"),
                alliance(from: "ZZB", to: "ZZA", since: "2000"),
            ])"#,
        )
        .unwrap();
        let undirected = year(&graph, 2001, PanelQuery::default());
        let rows: Vec<DyadRow> = undirected.dyads().collect();
        assert_eq!(rows.len(), 1);
        assert!(rows[0].ties.contains(RelationKind::Sanctions));
        assert!(rows[0].ties.contains(RelationKind::Alliance));
        let directed = year(
            &graph,
            2001,
            PanelQuery {
                directed: true,
                ..PanelQuery::default()
            },
        );
        let rows: Vec<(String, bool, bool)> = directed
            .dyads()
            .map(|r| {
                (
                    graph.entity(r.a).id.clone(),
                    r.ties.contains(RelationKind::Sanctions),
                    r.ties.contains(RelationKind::Alliance),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [("ZZA".into(), false, true), ("ZZB".into(), true, true)]
        );
        let states: Vec<StateRow> = directed.state_rows().collect();
        let given = StateCount::all()
            .iter()
            .position(|c| *c == StateCount::Given(RelationKind::Sanctions))
            .unwrap();
        assert_eq!(states[1].counts[given], 1);
        assert_eq!(states[0].counts[given], 0);
    }

    #[test]
    fn alignment_per_pair_agrees_with_align() {
        let graph = DiploGraph::load(&crate::store::Origin::Bundled).unwrap();
        let y = year(
            &graph,
            2024,
            PanelQuery {
                rule: Rule::Last,
                alignment: Some(Basis::Relations),
                ..PanelQuery::default()
            },
        );
        let (rus, chn) = (graph.node("RUS").unwrap(), graph.node("CHN").unwrap());
        let row = y.dyads().find(|r| r.a == chn && r.b == rus).unwrap();
        let frame = Frame::new(graph.at(When::On(date(2024, 12, 31))), Basis::Relations);
        let expected = crate::query::align::align(&frame, chn, rus).scores;
        assert_eq!(row.scores, Some(expected));
    }
}
