//! Which sources an answer relies on fall short of the day asked about.
//!
//! A source may declare what it records and for which period (its
//! `coverage`). When a question is about a day outside that period, the
//! database may hold nothing for that day simply because the source does
//! not say: the command line then adds a one-line note on stderr, so that
//! "nothing recorded" is not read as "nothing happened".

use petgraph::graph::NodeIndex;

use crate::graph::{View, When};
use crate::model::Source;

/// The sources relied on that do not cover the view's day, in file
/// order: those cited by a relation (at any time) touching one of `focus`,
/// or by any relation when `focus` is empty (whole-graph questions). Empty
/// for all-time views. O(sources) when no source declares a coverage,
/// else O(relations of `focus`), or O(relations) for the whole graph.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, query::coverage, store};
/// let graph = DiploGraph::parse("g", r#"(version: 1, checked: "2024-07-28",
///     sources: [(id: "s", title: "S", coverage: (records: "statuses", since: "2001", until: "2024-07-05"))],
///     entities: [country(id: "ZZA", name: "A"), organization(id: "ORG", name: "O")],
///     relations: [member(from: "ZZA", to: "ORG", since: "2001", source: "s")])"#).unwrap();
/// let on = |y| graph.at(When::On(jiff::civil::date(y, 1, 1)));
/// assert_eq!(coverage::uncovered(&on(2030), &[]).len(), 1);
/// assert!(coverage::uncovered(&on(2010), &[]).is_empty());
/// ```
pub fn uncovered(view: &View<'_>, focus: &[NodeIndex]) -> Vec<Source> {
    let graph = view.graph();
    let Some(day) = view.when().first_day() else {
        return Vec::new();
    };
    let short = graph.sources_not_covering(day);
    if short.is_empty() {
        return Vec::new();
    }
    let mut relied = vec![false; graph.source_count()];
    let all = graph.at(When::AllTime);
    let mut mark = |edge| {
        if let Some(k) = graph.source_of(edge) {
            relied[k] = true;
        }
    };
    if focus.is_empty() {
        all.relations().for_each(&mut mark);
    } else {
        for node in focus {
            all.incident_edges(*node)
                .for_each(|(edge, _, _)| mark(edge));
            for incident in all.about(*node) {
                mark(incident.edge);
            }
        }
    }
    short
        .into_iter()
        .filter(|k| relied[*k])
        .map(|k| graph.source(k))
        .collect()
}
