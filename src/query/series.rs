//! Questions asked step by step over a span of time: `align`, `members`,
//! `balance`, `clusters` and `central` with `--from Y1 --to Y2 [--every
//! year|month] [--rule any|first|last]`, one row per step.
//!
//! A step is a calendar year or month ([`Period`]); what "as of a year"
//! means is the [`Rule`]: a relation counts if in force on any day of it
//! (and a state if it existed on any day of it: [`When::During`]), on its
//! first day, or on its last. The votes basis of alignment always reads
//! the step's roll calls, whatever the rule.
//!
//! A series is a table of typed cells ([`SeriesTable`]): one column per
//! measure or count, so one renderer each for text, JSON, CSV and charts
//! serves every command. Cost: the question's own, once per step.

use jiff::civil::Date;
use petgraph::graph::NodeIndex;

use crate::graph::{DiploGraph, View, When};
use crate::model::RelationKind;
use crate::query::align::{self, Basis, Measure, Weights};
use crate::query::balance;
use crate::query::centrality;
use crate::query::cluster::{self, ClusterQuery};
use crate::query::members as roster;
use crate::query::signed::SignedNetwork;

/// The most steps one series may have (a month for a thousand years).
pub const MAX_STEPS: usize = 12_000;

/// How long a step is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Every {
    /// A calendar year.
    #[default]
    Year,
    /// A calendar month.
    Month,
}

/// Which days of a step count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Rule {
    /// A relation in force on any day of the step (peacesciencer's and
    /// the COW data's yearly convention).
    #[default]
    Any,
    /// In force on the step's first day (1 January).
    First,
    /// In force on the step's last day (31 December).
    Last,
}

impl Rule {
    /// The rule's name, as the command line writes it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Any => "any",
            Rule::First => "first",
            Rule::Last => "last",
        }
    }
}

/// One step: the days `[from, until)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// Its first day.
    pub from: Date,
    /// The first day after it.
    pub until: Date,
}

impl Period {
    /// The moment the step's portfolios are taken at, by `rule`.
    ///
    /// ```
    /// use diplograph::graph::When;
    /// use diplograph::query::series::{Every, Rule, steps};
    /// use jiff::civil::date;
    /// let year = steps(date(2001, 1, 1), date(2001, 12, 31), Every::Year).unwrap()[0];
    /// assert_eq!(year.when(Rule::First), When::On(date(2001, 1, 1)));
    /// assert_eq!(year.when(Rule::Last), When::On(date(2001, 12, 31)));
    /// assert_eq!(year.when(Rule::Any), When::During { from: date(2001, 1, 1), until: date(2002, 1, 1) });
    /// ```
    pub fn when(&self, rule: Rule) -> When {
        match rule {
            Rule::Any => When::During {
                from: self.from,
                until: self.until,
            },
            Rule::First => When::On(self.from),
            Rule::Last => When::On(self.until.yesterday().unwrap_or(self.from)),
        }
    }

    /// The step as a period of days, whatever the rule: what the votes
    /// basis reads.
    pub fn days(&self) -> When {
        self.when(Rule::Any)
    }

    /// "2001" or "2001-07".
    pub fn label(&self) -> String {
        crate::date::period_name(self.from, self.until)
    }
}

/// The steps from the one holding `first` to the one holding `last`.
/// Errors (in words) when `last` is before `first` or there would be more
/// than [`MAX_STEPS`].
///
/// ```
/// use diplograph::query::series::{Every, steps};
/// use jiff::civil::date;
/// let years = steps(date(2001, 1, 1), date(2024, 12, 31), Every::Year).unwrap();
/// assert_eq!(years.len(), 24);
/// assert_eq!(years[23].label(), "2024");
/// let months = steps(date(2024, 6, 15), date(2024, 8, 1), Every::Month).unwrap();
/// assert_eq!(months.iter().map(|p| p.label()).collect::<Vec<_>>(), ["2024-06", "2024-07", "2024-08"]);
/// assert!(steps(date(2024, 1, 1), date(2023, 1, 1), Every::Year).is_err());
/// ```
pub fn steps(first: Date, last: Date, every: Every) -> Result<Vec<Period>, String> {
    if last < first {
        return Err(format!("--to ({last}) is before --from ({first})"));
    }
    let start = match every {
        Every::Year => first.first_of_year(),
        Every::Month => first.first_of_month(),
    };
    let span = match every {
        Every::Year => jiff::Span::new().years(1),
        Every::Month => jiff::Span::new().months(1),
    };
    let mut out = Vec::new();
    let mut from = start;
    while from <= last {
        let Ok(until) = from.checked_add(span) else {
            break;
        };
        if out.len() == MAX_STEPS {
            return Err(format!(
                "more than {MAX_STEPS} steps from {first} to {last}; narrow --from/--to or step --every year"
            ));
        }
        out.push(Period { from, until });
        from = until;
    }
    Ok(out)
}

/// One cell of a series.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// A measure, `None` where undefined.
    Number(Option<f64>),
    /// A count.
    Count(usize),
    /// An entity (`None`: no entity at this rank).
    Entity(Option<NodeIndex>),
    /// Entities (those that joined or left, say).
    Entities(Vec<NodeIndex>),
}

/// A column of a series: its key (JSON field, CSV header) and whether a
/// chart draws it as a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The key: `s_score`, `member`, `triangle_index`…
    pub key: String,
    /// Whether `--chart` draws it.
    pub charted: bool,
}

impl Column {
    fn new(key: impl Into<String>, charted: bool) -> Column {
        Column {
            key: key.into(),
            charted,
        }
    }
}

/// What a series is of, for its title and its chart.
#[derive(Clone, Debug, PartialEq)]
pub enum SeriesOf {
    /// `align A B`.
    Align {
        /// The two states.
        a: NodeIndex,
        /// The second.
        b: NodeIndex,
        /// The basis compared on.
        basis: Basis,
        /// Whether the dimensions were weighted.
        weighted: bool,
    },
    /// `members ORG`.
    Members {
        /// The organization.
        org: NodeIndex,
    },
    /// `balance`.
    Balance {
        /// Weak balance.
        weak: bool,
    },
    /// `clusters`.
    Clusters {
        /// The method.
        method: cluster::Method,
    },
    /// `central`.
    Central {
        /// The measure.
        measure: centrality::Measure,
        /// How many are ranked per step.
        top: usize,
    },
}

/// A question answered step by step.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesTable {
    /// What it is of.
    pub of: SeriesOf,
    /// The rule the steps were read by.
    pub rule: Rule,
    /// The columns after the step.
    pub columns: Vec<Column>,
    /// One row per step: the step and one cell per column.
    pub rows: Vec<(Period, Vec<Cell>)>,
}

impl SeriesTable {
    /// Whether any step found something (a series where every step is
    /// empty or undefined is an empty answer).
    pub fn is_empty(&self) -> bool {
        !self.rows.iter().any(|(_, cells)| {
            cells.iter().any(|c| match c {
                Cell::Number(v) => v.is_some(),
                Cell::Count(n) => *n > 0,
                Cell::Entity(e) => e.is_some(),
                Cell::Entities(e) => !e.is_empty(),
            })
        })
    }
}

/// `align A B` over `steps`: every measure and `n` per step, on `basis`.
/// The votes basis reads each step's roll calls whatever the rule.
/// `weights` gives the weights of each step (they may change by year).
///
/// ```
/// use diplograph::graph::DiploGraph;
/// use diplograph::query::align::Basis;
/// use diplograph::query::series::{Every, Rule, align, steps};
/// use jiff::civil::date;
/// let graph = DiploGraph::load(&diplograph::store::Origin::Bundled).unwrap();
/// let years = steps(date(2000, 1, 1), date(2024, 12, 31), Every::Year).unwrap();
/// let (rus, chn) = (graph.node("RUS").unwrap(), graph.node("CHN").unwrap());
/// let series = align(&graph, &years, Rule::Any, rus, chn, Basis::Relations, &mut |_| Ok(None)).unwrap();
/// assert_eq!(series.rows.len(), 25);
/// assert_eq!(series.columns[0].key, "s_score");
/// ```
pub fn align(
    graph: &DiploGraph,
    steps: &[Period],
    rule: Rule,
    a: NodeIndex,
    b: NodeIndex,
    basis: Basis,
    weights: &mut dyn FnMut(&Period) -> Result<Option<Weights>, crate::error::Error>,
) -> Result<SeriesTable, crate::error::Error> {
    let mut columns: Vec<Column> = Measure::ALL
        .iter()
        .map(|m| Column::new(m.key(), true))
        .collect();
    columns.push(Column::new("n", false));
    let mut rows = Vec::with_capacity(steps.len());
    let mut weighted = false;
    for step in steps {
        let w = weights(step)?;
        weighted |= w.is_some();
        let frame = align::Frame::new(graph.at(step.when(rule)), basis)
            .weighted(w.as_ref())
            .votes_during(step.days());
        let dims = frame.dimensions();
        let scores = align::scores(
            &frame,
            &dims,
            &align::portfolio(&frame, a),
            &align::portfolio(&frame, b),
        );
        let mut cells: Vec<Cell> = Measure::ALL
            .iter()
            .map(|m| Cell::Number(m.of(&scores)))
            .collect();
        cells.push(Cell::Count(scores.n));
        rows.push((*step, cells));
    }
    Ok(SeriesTable {
        of: SeriesOf::Align {
            a,
            b,
            basis,
            weighted,
        },
        rule,
        columns,
        rows,
    })
}

/// `members ORG` over `steps`: the number holding each status per step,
/// and who joined and left (any status) since the step before. The
/// statuses are `statuses`, or every membership status recorded for the
/// organization.
pub fn members(
    graph: &DiploGraph,
    steps: &[Period],
    rule: Rule,
    org: NodeIndex,
    statuses: &[RelationKind],
) -> SeriesTable {
    let all = graph.at(When::AllTime);
    let shown: Vec<RelationKind> = if statuses.is_empty() {
        RelationKind::ALL
            .iter()
            .copied()
            .filter(|k| k.is_membership())
            .filter(|k| all.incident_edges(org).any(|(e, _, _)| graph.kind(e) == *k))
            .collect()
    } else {
        statuses.to_vec()
    };
    let mut columns: Vec<Column> = shown.iter().map(|k| Column::new(k.name(), true)).collect();
    columns.push(Column::new("joined", false));
    columns.push(Column::new("left", false));
    let mut before: Option<Vec<NodeIndex>> = None;
    let mut rows = Vec::with_capacity(steps.len());
    for step in steps {
        let view = graph.at(step.when(rule));
        let found = roster::members(&view, org, &shown);
        let mut cells: Vec<Cell> = shown
            .iter()
            .map(|k| Cell::Count(found.iter().filter(|m| m.status == *k).count()))
            .collect();
        let mut now: Vec<NodeIndex> = found.iter().map(|m| m.node).collect();
        now.sort_unstable();
        now.dedup();
        let (joined, left) = match &before {
            Some(prev) => (
                now.iter()
                    .filter(|n| prev.binary_search(n).is_err())
                    .copied()
                    .collect(),
                prev.iter()
                    .filter(|n| now.binary_search(n).is_err())
                    .copied()
                    .collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        cells.push(Cell::Entities(joined));
        cells.push(Cell::Entities(left));
        before = Some(now);
        rows.push((*step, cells));
    }
    SeriesTable {
        of: SeriesOf::Members { org },
        rule,
        columns,
        rows,
    }
}

/// `balance` over `steps`: states, signed ties, triangles, balanced and
/// unbalanced, the triangle index and the frustration index per step.
pub fn balance(
    graph: &DiploGraph,
    steps: &[Period],
    rule: Rule,
    weak: bool,
    via: &[RelationKind],
) -> SeriesTable {
    let columns = vec![
        Column::new("states", false),
        Column::new("ties", false),
        Column::new("triangles", false),
        Column::new("unbalanced", false),
        Column::new("triangle_index", true),
        Column::new("frustration", false),
    ];
    let rows = steps
        .iter()
        .map(|step| {
            let view = graph.at(step.when(rule));
            let net = SignedNetwork::build(&view, via);
            let b = balance::balance_limited(&net, weak, Some(0));
            let index = (b.triangles > 0).then_some(b.triangle_index);
            (
                *step,
                vec![
                    Cell::Count(b.states),
                    Cell::Count(b.ties),
                    Cell::Count(b.triangles),
                    Cell::Count(b.unbalanced_count),
                    Cell::Number(index),
                    Cell::Count(b.frustration),
                ],
            )
        })
        .collect();
    SeriesTable {
        of: SeriesOf::Balance { weak },
        rule,
        columns,
        rows,
    }
}

/// `clusters` over `steps`: how many groups, the largest, and the
/// modularity (communities) per step.
pub fn clusters(
    graph: &DiploGraph,
    steps: &[Period],
    rule: Rule,
    query: &ClusterQuery,
) -> Result<SeriesTable, crate::error::Error> {
    let columns = vec![
        Column::new("clusters", true),
        Column::new("largest", true),
        Column::new("modularity", false),
    ];
    let mut rows = Vec::with_capacity(steps.len());
    for step in steps {
        let view = graph.at(step.when(rule));
        let found = cluster::clusters(&view, query)?;
        let largest = found.groups.iter().map(Vec::len).max().unwrap_or(0);
        rows.push((
            *step,
            vec![
                Cell::Count(found.groups.len()),
                Cell::Count(largest),
                Cell::Number(found.modularity),
            ],
        ));
    }
    Ok(SeriesTable {
        of: SeriesOf::Clusters {
            method: query.method,
        },
        rule,
        columns,
        rows,
    })
}

/// `central` over `steps`: the `top` entities and their scores per step
/// (columns `1`, `score_1`, `2`, `score_2`…). `scope` picks the entities
/// and relations of each step's view ([`centrality::scope`]).
pub fn central(
    graph: &DiploGraph,
    steps: &[Period],
    rule: Rule,
    measure: centrality::Measure,
    top: usize,
    ranked: &dyn Fn(&View<'_>) -> Vec<centrality::Score>,
) -> SeriesTable {
    let mut columns = Vec::new();
    for k in 1..=top {
        columns.push(Column::new(k.to_string(), false));
        columns.push(Column::new(format!("score_{k}"), true));
    }
    let rows = steps
        .iter()
        .map(|step| {
            let view = graph.at(step.when(rule));
            let scores = ranked(&view);
            let mut cells = Vec::new();
            for k in 0..top {
                let s = scores.get(k);
                cells.push(Cell::Entity(s.map(|s| s.node)));
                cells.push(Cell::Number(s.map(|s| s.score)));
            }
            (*step, cells)
        })
        .collect();
    SeriesTable {
        of: SeriesOf::Central { measure, top },
        rule,
        columns,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn belarus_joins_the_sco_in_2024() {
        let graph = DiploGraph::load(&crate::store::Origin::Bundled).unwrap();
        let sco = graph.node("SCO").unwrap();
        let blr = graph.node("BLR").unwrap();
        let years = steps(date(2023, 1, 1), date(2024, 12, 31), Every::Year).unwrap();
        let last = members(&graph, &years, Rule::Last, sco, &[]);
        let member = last.columns.iter().position(|c| c.key == "member").unwrap();
        let joined = last.columns.iter().position(|c| c.key == "joined").unwrap();
        // Iran joined on 2023-07-04, Belarus on 2024-07-04.
        assert_eq!(last.rows[0].1[member], Cell::Count(9));
        assert_eq!(last.rows[1].1[member], Cell::Count(10));
        // Belarus was an observer: it joined the organization long before.
        assert!(matches!(&last.rows[1].1[joined], Cell::Entities(e) if !e.contains(&blr)));
        // As a member, it joined in 2024.
        let as_members = members(&graph, &years, Rule::Last, sco, &[RelationKind::Member]);
        assert!(matches!(&as_members.rows[1].1[1], Cell::Entities(e) if e == &[blr]));
        // By 1 January neither year holds Belarus as a member.
        let first = members(&graph, &years, Rule::First, sco, &[RelationKind::Member]);
        assert_eq!(first.rows[1].1[0], Cell::Count(9));
        // On any day of 2024, Belarus was both observer and member.
        let any = members(&graph, &years, Rule::Any, sco, &[]);
        let observer = any
            .columns
            .iter()
            .position(|c| c.key == "observer")
            .unwrap();
        assert_eq!(any.rows[1].1[member], Cell::Count(10));
        assert!(matches!(any.rows[1].1[observer], Cell::Count(n) if n >= 1));
    }

    #[test]
    fn the_votes_basis_reads_each_steps_roll_calls_whatever_the_rule() {
        let graph = DiploGraph::parse(
            "v.ron",
            r#"(version: 1, checked: "2024-07-04", entities: [
                country(id: "ZZA", name: "Aland"), country(id: "ZZB", name: "Bland"),
                roll_call(id: "r1", name: "r1", date: "1990-05-01"),
                roll_call(id: "r2", name: "r2", date: "1991-05-01"),
            ], relations: [
                vote(from: "ZZA", to: "r1", position: yes), vote(from: "ZZB", to: "r1", position: no),
                vote(from: "ZZA", to: "r2", position: yes), vote(from: "ZZB", to: "r2", position: yes),
            ])"#,
        )
        .unwrap();
        let (a, b) = (graph.node("ZZA").unwrap(), graph.node("ZZB").unwrap());
        let years = steps(date(1990, 1, 1), date(1992, 12, 31), Every::Year).unwrap();
        for rule in [Rule::Any, Rule::First, Rule::Last] {
            let s = align(&graph, &years, rule, a, b, Basis::Votes, &mut |_| Ok(None)).unwrap();
            let cells: Vec<&Cell> = s.rows.iter().map(|r| &r.1[0]).collect();
            assert_eq!(
                cells,
                [
                    &Cell::Number(Some(-1.0)),
                    &Cell::Number(Some(1.0)),
                    &Cell::Number(None)
                ]
            );
        }
    }
}
