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

use std::collections::HashMap;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::date::PartialDate;
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
            | Warning::OutsideLife { edge, .. } => Site::Relation(edge.index()),
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
                    jiff::civil::Date::new(y as i16, m as i8, d as i8).is_ok_and(|day| c.covers(day))
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
            let founded = life
                .founded
                .filter(|f| since == i32::MIN || since < f.day_number());
            let dissolved = life
                .dissolved
                .filter(|d| until == i32::MAX || until > d.day_number());
            (founded.is_some() || dissolved.is_some()).then_some(Warning::OutsideLife {
                edge,
                founded,
                dissolved,
            })
        })
        .collect()
}
