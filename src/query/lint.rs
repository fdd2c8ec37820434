//! What `check` warns about: facts that validate but are probably wrong or
//! unsupported. Errors (`store::validate`) make a file unreadable; these
//! leave it readable and are listed with their place in the file, and
//! `check --strict` refuses the file while any remains.
//!
//! Each rule is one function here, run over the whole database:
//! - **a short gap in an office**: two terms of the same office (what is led
//!   or served, and the role, folded) with 1 to [`MAX_GAP_DAYS`] days
//!   between them. Real interregna exist, but a gap that short is almost
//!   always a handover written with the wrong day (on a handover day
//!   exactly one person holds the office: the successor's `since` is the
//!   predecessor's `until`). Longer gaps are left alone: they are what the
//!   file does not record.
//! - **a late source**: a relation citing a source published more than
//!   [`LATE_SOURCE_DAYS`] days after the relation starts, with no note
//!   saying why that source is good for it (a 2024 news report cited for a
//!   1947 dispute states it in passing at best).
//! - **an entity nobody relates to**: no relation touches it or is about it,
//!   so no question can reach it.
//! - **a membership outside the organization's life**: a status (or a
//!   founding) that starts before the organization was founded, or holds
//!   on or after its dissolution.
//! - **a relation outside a state's statehood**: a relation of a state
//!   whose statehood is recorded that holds on a day outside every spell.
//!   A date of year or month precision is read at that precision (yearly
//!   data says "since 1990" of a membership from the day a state born on
//!   1990-10-03 joined, and "until 1992" of one held through 1991 by a
//!   state gone on 1991-12-26): each spell is widened to the periods of
//!   the relation's dates that it touches, and only what lies outside is
//!   flagged.

use std::collections::HashMap;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::date::{PartialDate, Precision};
use crate::graph::{DiploGraph, When};
use crate::model::{EntityKind, RelationKind};
use crate::names::fold;

/// The longest gap between two terms of one office that is flagged.
pub const MAX_GAP_DAYS: i32 = 7;

/// How much later than a relation's start its source may be published
/// before the relation needs a note.
pub const LATE_SOURCE_DAYS: i32 = 366;

/// One thing `check` warns about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// An office is empty for `days` days between two terms.
    OfficeGap {
        /// The term that ends first.
        before: EdgeIndex,
        /// The next term of the same office.
        after: EdgeIndex,
        /// Days nobody holds the office (1 ..= [`MAX_GAP_DAYS`]).
        days: i32,
    },
    /// A relation cites a source published long after it starts.
    LateSource {
        /// The relation.
        edge: EdgeIndex,
        /// When the source was published.
        published: PartialDate,
    },
    /// No relation touches the entity or is about it.
    Unrelated {
        /// The entity.
        node: NodeIndex,
    },
    /// A membership status or founding outside the organization's life.
    OutsideLife {
        /// The relation.
        edge: EdgeIndex,
        /// The organization's founding, if the relation starts before it.
        founded: Option<PartialDate>,
        /// The organization's dissolution, if the relation holds after it.
        dissolved: Option<PartialDate>,
    },
    /// A relation of a state holding on days outside its recorded
    /// statehood (read at the precision of the relation's dates).
    OutsideStatehood {
        /// The relation.
        edge: EdgeIndex,
        /// The state (the first end outside its statehood).
        state: NodeIndex,
    },
}

/// Where a warning sits in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// The n-th entity.
    Entity(usize),
    /// The n-th relation.
    Relation(usize),
}

impl Warning {
    /// The element of the file the warning is about (for an office gap,
    /// the later term, which is where the wrong day usually is).
    pub fn site(&self) -> Site {
        match self {
            Warning::OfficeGap { after: edge, .. }
            | Warning::LateSource { edge, .. }
            | Warning::OutsideLife { edge, .. }
            | Warning::OutsideStatehood { edge, .. } => Site::Relation(edge.index()),
            Warning::Unrelated { node } => Site::Entity(node.index()),
        }
    }

    /// A short, stable name of the rule, for JSON.
    pub fn rule(&self) -> &'static str {
        match self {
            Warning::OfficeGap { .. } => "office_gap",
            Warning::LateSource { .. } => "late_source",
            Warning::Unrelated { .. } => "unrelated_entity",
            Warning::OutsideLife { .. } => "outside_organization_life",
            Warning::OutsideStatehood { .. } => "outside_statehood",
        }
    }
}

/// Every warning, in file order of the element each is about. O(E log E).
///
/// ```
/// use diplograph::{graph::DiploGraph, query::lint};
/// let graph = DiploGraph::parse("g", r#"(version: 1, checked: "2024-07-28",
///     entities: [country(id: "IRN", name: "Iran"), person(id: "a", name: "A"),
///                person(id: "b", name: "B"), country(id: "ZZZ", name: "Nowhere")],
///     relations: [
///         leads(from: "a", to: "IRN", role: "President", since: "2021-08-03", until: "2024-05-19"),
///         leads(from: "b", to: "IRN", role: "President", since: "2024-05-20"),
///     ])"#).unwrap();
/// let found = lint::lint(&graph);
/// assert!(matches!(found[0], lint::Warning::Unrelated { .. }));
/// assert!(matches!(found[1], lint::Warning::OfficeGap { days: 1, .. }));
/// ```
pub fn lint(graph: &DiploGraph) -> Vec<Warning> {
    let mut found = office_gaps(graph);
    found.extend(late_sources(graph));
    found.extend(unrelated(graph));
    found.extend(outside_life(graph));
    found.extend(outside_statehood(graph));
    found.sort_by_key(|w| match w.site() {
        Site::Entity(i) => (0, i),
        Site::Relation(j) => (1, j),
    });
    found
}

/// Terms of one office 1–7 days apart.
fn office_gaps(graph: &DiploGraph) -> Vec<Warning> {
    let all = graph.at(When::AllTime);
    // Roles repeat (every President): fold each distinct text once.
    let mut folded: HashMap<&str, String> = HashMap::new();
    let mut offices: HashMap<(NodeIndex, String), Vec<EdgeIndex>> = HashMap::new();
    for edge in all.relations().filter(|e| graph.kind(*e).is_office()) {
        let role = graph.role(edge).unwrap_or_default();
        let key = folded.entry(role).or_insert_with(|| fold(role)).clone();
        let (_, to) = graph.endpoints(edge);
        offices.entry((to, key)).or_default().push(edge);
    }
    let mut found = Vec::new();
    for terms in offices.values_mut() {
        terms.sort_by_key(|e| graph.span(*e));
        for pair in terms.windows(2) {
            let (before, after) = (pair[0], pair[1]);
            let (_, ended) = graph.span(before);
            let (started, _) = graph.span(after);
            let days = started.saturating_sub(ended);
            if ended != i32::MAX && (1..=MAX_GAP_DAYS).contains(&days) {
                found.push(Warning::OfficeGap {
                    before,
                    after,
                    days,
                });
            }
        }
    }
    found
}

/// Relations citing a source published over a year after they start,
/// without a note. A data set that declares it covers the day the
/// relation starts (the COW alliances, compiled in 2009, record 1816 on)
/// is a source for it by design, not a late report.
fn late_sources(graph: &DiploGraph) -> Vec<Warning> {
    let sources: Vec<_> = (0..graph.source_count())
        .map(|k| {
            let source = graph.source(k);
            (source.date, source.coverage)
        })
        .collect();
    graph
        .at(When::AllTime)
        .relations()
        .filter_map(|edge| {
            let (published, coverage) = &sources[graph.source_of(edge)?];
            let published = (*published)?;
            let (since, _) = graph.span(edge);
            let covered = || {
                let (y, m, d) = crate::date::civil_from_days(since);
                coverage.as_ref().is_some_and(|c| {
                    jiff::civil::Date::new(y as i16, m as i8, d as i8)
                        .is_ok_and(|day| c.covers(day))
                })
            };
            let late = since != i32::MIN
                && published.day_number() - since > LATE_SOURCE_DAYS
                && !covered()
                && graph.relation(edge).note.is_none();
            late.then_some(Warning::LateSource { edge, published })
        })
        .collect()
}

/// Entities no relation touches or is about.
fn unrelated(graph: &DiploGraph) -> Vec<Warning> {
    // An issue a dispute is over has over-ties though no relation ends at
    // it; every other related entity has a degree.
    graph
        .nodes()
        .filter(|n| graph.csr().degree(n.index()) == 0 && graph.over_ties(n.index()).is_empty())
        .map(|node| Warning::Unrelated { node })
        .collect()
}

/// Statuses and foundings that start before the organization was founded
/// or hold on or after its dissolution.
fn outside_life(graph: &DiploGraph) -> Vec<Warning> {
    graph
        .at(When::AllTime)
        .relations()
        .filter(|e| {
            let kind = graph.kind(*e);
            kind.is_membership() || kind == RelationKind::Founder
        })
        .filter_map(|edge| {
            let (_, org) = graph.endpoints(edge);
            if graph.entity_kind(org) != EntityKind::Organization {
                return None;
            }
            let life = graph.entity(org).organization.clone().unwrap_or_default();
            let (since, until) = graph.span(edge);
            // Read at the precision of the relation's dates, as statehood
            // is: "member since 1945" of the UN, founded 1945-10-24, may
            // well be right.
            let v = graph.validity(edge);
            let precision = |d: Option<PartialDate>| d.map_or(Precision::Day, |d| d.precision());
            let life_days = |f: Option<PartialDate>, d: Option<PartialDate>| {
                [
                    f.map_or(i32::MIN, |f| f.day_number()),
                    d.map_or(i32::MAX, |d| d.day_number()),
                ]
            };
            let inside = |span| {
                covered(
                    span,
                    &[life_days(life.founded, life.dissolved)],
                    precision(v.since),
                    precision(v.until),
                )
            };
            let founded = life
                .founded
                .filter(|_| since == i32::MIN || !inside((since, since.saturating_add(1))));
            let dissolved = life
                .dissolved
                .filter(|_| until == i32::MAX || !inside((until.saturating_sub(1), until)));
            (founded.is_some() || dissolved.is_some()).then_some(Warning::OutsideLife {
                edge,
                founded,
                dissolved,
            })
        })
        .collect()
}

/// Relations of states holding on days outside their recorded statehood,
/// read at the precision of the relation's dates. O(E log spells).
fn outside_statehood(graph: &DiploGraph) -> Vec<Warning> {
    // By node position: one look-up per relation end, no hashing.
    let spells: Vec<Option<Vec<[i32; 2]>>> = graph
        .nodes()
        .map(|n| {
            let country = graph.entity(n).country.as_ref()?;
            (!country.statehood.is_empty()).then(|| {
                country
                    .statehood
                    .iter()
                    .map(|s| {
                        [
                            s.since.map_or(i32::MIN, |d| d.day_number()),
                            s.until.map_or(i32::MAX, |d| d.day_number()),
                        ]
                    })
                    .collect()
            })
        })
        .collect();
    if spells.iter().all(Option::is_none) {
        return Vec::new();
    }
    graph
        .at(When::AllTime)
        .relations()
        .filter_map(|edge| {
            let (from, to) = graph.endpoints(edge);
            let outside = |state: NodeIndex| {
                spells[state.index()].as_ref().is_some_and(|days| {
                    let span = graph.span(edge);
                    // Inside at day precision is inside at any coarser one:
                    // the dates are read only for the few that are not.
                    if covered(span, days, Precision::Day, Precision::Day) {
                        return false;
                    }
                    let v = graph.validity(edge);
                    let precision =
                        |d: Option<PartialDate>| d.map_or(Precision::Day, |d| d.precision());
                    !covered(span, days, precision(v.since), precision(v.until))
                })
            };
            [from, to]
                .into_iter()
                .find(|s| outside(*s))
                .map(|state| Warning::OutsideStatehood { edge, state })
        })
        .collect()
}

/// Whether `[since, until)` lies inside the union of `spells` once each
/// spell's start is moved back to the start of its `early` period (year,
/// month) and its end forward to the end of its `late` period. O(spells).
fn covered(span: (i32, i32), spells: &[[i32; 2]], early: Precision, late: Precision) -> bool {
    let (since, until) = span;
    let mut reached = since;
    for &[a, b] in spells {
        let (a, b) = (round_down(a, early), round_up(b, late));
        if a > reached {
            break;
        }
        reached = reached.max(b);
        if reached >= until {
            return true;
        }
    }
    reached >= until
}

/// The first day of the period of `precision` that holds `day`.
fn round_down(day: i32, precision: Precision) -> i32 {
    if day == i32::MIN || day == i32::MAX {
        return day;
    }
    let (y, m, _) = crate::date::civil_from_days(day);
    match precision {
        Precision::Day => day,
        Precision::Month => crate::date::days_from_civil(y, m, 1),
        Precision::Year => crate::date::days_from_civil(y, 1, 1),
    }
}

/// `day` when it starts a period of `precision`, else the first day of
/// the next period.
fn round_up(day: i32, precision: Precision) -> i32 {
    let down = round_down(day, precision);
    if down == day {
        return day;
    }
    let (y, m, _) = crate::date::civil_from_days(day);
    match precision {
        Precision::Day => day,
        Precision::Month if m == 12 => crate::date::days_from_civil(y + 1, 1, 1),
        Precision::Month => crate::date::days_from_civil(y, m + 1, 1),
        Precision::Year => crate::date::days_from_civil(y + 1, 1, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statehood_warnings(relations: &str) -> Vec<String> {
        let text = format!(
            r#"(version: 1, checked: "2024-07-04", entities: [
                country(id: "DEU", name: "Germany", statehood: [(since: "1816-01-01", until: "1945-05-09"), (since: "1990-10-03")]),
                organization(id: "UN", name: "United Nations", founded: "1945-10-24"),
                organization(id: "OLD", name: "Old League"),
            ], relations: [{relations}])"#
        );
        let graph = DiploGraph::parse("g", &text).unwrap();
        lint(&graph)
            .iter()
            .filter(|w| matches!(w, Warning::OutsideStatehood { .. }))
            .map(|w| match w {
                Warning::OutsideStatehood { edge, .. } => {
                    let v = graph.validity(*edge);
                    crate::render::dates(&v)
                }
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn a_relation_outside_statehood_warns_at_its_own_precision() {
        // Day precision: one day before the state begins warns; the first day does not.
        assert_eq!(
            statehood_warnings(r#"member(from: "DEU", to: "OLD", since: "1990-10-02")"#),
            ["since 1990-10-02"]
        );
        assert!(
            statehood_warnings(r#"member(from: "DEU", to: "OLD", since: "1990-10-03")"#).is_empty()
        );
        // Year precision: "since 1990" overlaps the spell within 1990.
        assert!(statehood_warnings(r#"member(from: "DEU", to: "OLD", since: "1990")"#).is_empty());
        assert_eq!(
            statehood_warnings(r#"member(from: "DEU", to: "OLD", since: "1989")"#),
            ["since 1989"]
        );
        // Month precision likewise: 1990-10 yes, 1990-09 no.
        assert!(
            statehood_warnings(r#"member(from: "DEU", to: "OLD", since: "1990-10")"#).is_empty()
        );
        assert_eq!(
            statehood_warnings(r#"member(from: "DEU", to: "OLD", since: "1990-09")"#),
            ["since 1990-09"]
        );
        // Ends: until the spell's end day is fine; "until 1946" (held into 1945) too.
        assert!(
            statehood_warnings(
                r#"member(from: "DEU", to: "OLD", since: "1920", until: "1945-05-09")"#
            )
            .is_empty()
        );
        assert!(
            statehood_warnings(r#"member(from: "DEU", to: "OLD", since: "1920", until: "1946")"#)
                .is_empty()
        );
        assert_eq!(
            statehood_warnings(
                r#"member(from: "DEU", to: "OLD", since: "1920", until: "1945-05-10")"#
            ),
            ["1920 – 1945-05-10"]
        );
        // Across the gap, open-ended: warns.
        assert_eq!(
            statehood_warnings(r#"member(from: "DEU", to: "OLD", since: "1920")"#),
            ["since 1920"]
        );
    }
}
