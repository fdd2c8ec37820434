//! Which sources an answer relies on fall short of the day asked about.
//!
//! A source may declare what it records and for which period (its
//! `coverage`). When a question is about a day outside that period, the
//! database may hold nothing for that day simply because the source does
//! not say: the command line then adds a one-line note on stderr, so that
//! "nothing recorded" is not read as "nothing happened". The same holds
//! for a day after the facts were last checked. [`caveats`] says both for
//! one day, in one wording ([`Caveat::text`]); [`caveat_runs`] says them
//! for every day at once, for the page whose slider changes the day.

use jiff::civil::Date;
use petgraph::graph::NodeIndex;

use crate::date::PartialDate;
use crate::graph::{DiploGraph, View, When};
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

/// Something an answer about a day may be missing, said beside it: the
/// command line prints each as a note on stderr, the server as a header,
/// and the page over the graph. One rule and one wording for all three.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caveat {
    /// The day is after the day the facts were last checked: what
    /// happened since may be missing.
    Unchecked {
        /// The database's `checked` day.
        checked: PartialDate,
    },
    /// Sources the answer relies on declare a coverage that does not
    /// hold the day (in file order).
    Uncovered(Vec<Source>),
}

impl Caveat {
    /// The caveat in words, `day` being how the day is named ("2026-12-02",
    /// or "the day shown" on a page whose day changes).
    ///
    /// ```
    /// use diplograph::query::coverage::Caveat;
    /// let c = Caveat::Unchecked { checked: "2024-07-28".parse().unwrap() };
    /// assert_eq!(c.text("2026-12-02"),
    ///     "the facts were last checked up to 2024-07-28; answers for 2026-12-02 may be out of date");
    /// ```
    #[must_use]
    pub fn text(&self, day: &str) -> String {
        match self {
            Caveat::Unchecked { checked } => format!(
                "the facts were last checked up to {checked}; answers for {day} may be out of date"
            ),
            Caveat::Uncovered(sources) => {
                let listed: Vec<String> = sources
                    .iter()
                    .filter_map(|source| {
                        let c = source.coverage.as_ref()?;
                        let span = match (c.since, c.until) {
                            (Some(s), Some(u)) => format!("from {s} until {u}"),
                            (Some(s), None) => format!("from {s}"),
                            (None, Some(u)) => format!("until {u}"),
                            (None, None) => String::new(),
                        };
                        Some(format!("{} records {} {span}", source.id, c.records))
                    })
                    .collect();
                format!(
                    "{day} is outside what the sources this answer relies on cover ({}); what they do not record is missing",
                    listed.join("; ")
                )
            }
        }
    }
}

/// The caveats of an answer about the view's day that relies on the
/// relations of `focus` (empty: the whole graph, see [`uncovered`]).
/// None for a period or for all time: they concern one day.
/// O([`uncovered`]).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, query::coverage::{self, Caveat}};
/// let graph = DiploGraph::parse("g", r#"(version: 1, checked: "2024-07-28",
///     entities: [country(id: "ZZA", name: "A")], relations: [])"#).unwrap();
/// let on = |y| graph.at(When::On(jiff::civil::date(y, 1, 1)));
/// assert!(coverage::caveats(&on(2024), &[]).is_empty());
/// assert!(matches!(coverage::caveats(&on(2026), &[])[..], [Caveat::Unchecked { .. }]));
/// ```
#[must_use]
pub fn caveats(view: &View<'_>, focus: &[NodeIndex]) -> Vec<Caveat> {
    let When::On(day) = view.when() else {
        return Vec::new();
    };
    let checked = view.graph().checked();
    let mut out = Vec::new();
    if day > checked.first_day() {
        out.push(Caveat::Unchecked { checked });
    }
    let short = uncovered(view, focus);
    if !short.is_empty() {
        out.push(Caveat::Uncovered(short));
    }
    out
}

/// The days over which an answer relying on `focus` carries the same
/// caveats: a run of days `[from, until)` (`None`: unbounded) with those
/// caveats, in day order, runs without any left out. A page whose day
/// changes looks its day up here instead of asking again, and says what
/// the command line would say for that day.
///
/// The caveats can change only where the checked day ends or where a
/// source's coverage begins or ends, so each run between two such days is
/// asked [`caveats`] once, on its first day. O(b · [`caveats`]) for b such
/// days (two per source with a coverage, plus one).
///
/// ```
/// use diplograph::{graph::DiploGraph, query::coverage};
/// let graph = DiploGraph::parse("g", r#"(version: 1, checked: "2024-07-28",
///     entities: [country(id: "ZZA", name: "A")], relations: [])"#).unwrap();
/// let runs = coverage::caveat_runs(&graph, &[]);
/// assert_eq!(runs.len(), 1);
/// assert_eq!(runs[0].from, Some(jiff::civil::date(2024, 7, 29)));
/// assert_eq!(runs[0].until, None);
/// ```
#[must_use]
pub fn caveat_runs(graph: &DiploGraph, focus: &[NodeIndex]) -> Vec<CaveatRun> {
    let mut bounds: Vec<Date> = Vec::new();
    if let Ok(after) = graph.checked().first_day().tomorrow() {
        bounds.push(after);
    }
    for k in graph.sources_not_covering(Date::MIN) {
        push_coverage_bounds(&graph.source(k), &mut bounds);
    }
    for k in graph.sources_not_covering(Date::MAX) {
        push_coverage_bounds(&graph.source(k), &mut bounds);
    }
    bounds.sort_unstable();
    bounds.dedup();
    let mut runs: Vec<CaveatRun> = Vec::new();
    let starts = std::iter::once(None).chain(bounds.iter().copied().map(Some));
    for (i, from) in starts.enumerate() {
        let until = bounds.get(i).copied();
        let Some(asked) = from.or_else(|| until.and_then(|u| u.yesterday().ok())) else {
            // No bound at all: one day stands for every day.
            let caveats = caveats(&graph.at(When::On(graph.checked().first_day())), focus);
            if !caveats.is_empty() {
                runs.push(CaveatRun {
                    from: None,
                    until: None,
                    caveats,
                });
            }
            continue;
        };
        let caveats = caveats(&graph.at(When::On(asked)), focus);
        match runs.last_mut() {
            Some(last) if last.until == from && last.caveats == caveats => last.until = until,
            _ if caveats.is_empty() => {}
            _ => runs.push(CaveatRun {
                from,
                until,
                caveats,
            }),
        }
    }
    runs
}

/// A source's coverage bounds, as first days.
fn push_coverage_bounds(source: &Source, bounds: &mut Vec<Date>) {
    if let Some(c) = &source.coverage {
        bounds.extend(c.since.map(|d| d.first_day()));
        bounds.extend(c.until.map(|d| d.first_day()));
    }
}

/// Days `[from, until)` over which an answer carries the same caveats;
/// see [`caveat_runs`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaveatRun {
    /// The first day of the run; `None`: from the beginning of time.
    pub from: Option<Date>,
    /// The first day after the run; `None`: to the end of time.
    pub until: Option<Date>,
    /// What an answer on any day of the run is said to miss (never empty).
    pub caveats: Vec<Caveat>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database with two sources whose coverages overlap and a third
    /// no relation cites (which must never be noted).
    const GRAPH: &str = r#"(version: 1, checked: "2000-03-10",
        sources: [
            (id: "a", title: "A", coverage: (records: "statuses", since: "1990", until: "2000-02")),
            (id: "b", title: "B", coverage: (records: "members", since: "1995-06-01")),
            (id: "c", title: "C", coverage: (records: "nothing cited", until: "1980")),
        ],
        entities: [country(id: "ZZA", name: "A"), country(id: "ZZB", name: "B"),
            organization(id: "ORG", name: "O")],
        relations: [
            member(from: "ZZA", to: "ORG", since: "1991", source: "a"),
            member(from: "ZZB", to: "ORG", since: "1996", source: "b"),
        ])"#;

    #[test]
    fn every_day_of_a_run_has_the_caveats_asked_for_that_day() {
        let graph = DiploGraph::parse("g", GRAPH).unwrap();
        let runs = caveat_runs(&graph, &[]);
        let first = jiff::civil::date(1979, 6, 1);
        let last = jiff::civil::date(2001, 1, 1);
        let mut day = first;
        while day <= last {
            let expected = caveats(&graph.at(When::On(day)), &[]);
            let found: Vec<&CaveatRun> = runs
                .iter()
                .filter(|r| r.from.is_none_or(|f| f <= day) && r.until.is_none_or(|u| day < u))
                .collect();
            match found[..] {
                [] => assert!(expected.is_empty(), "{day}: {expected:?}"),
                [run] => assert_eq!(run.caveats, expected, "{day}"),
                _ => panic!("{day} is in {} runs", found.len()),
            }
            day = day.tomorrow().unwrap();
        }
        // Source c is cited by nothing: its bound at 1980 splits no run.
        assert!(
            runs.iter()
                .all(|r| r.from != Some(jiff::civil::date(1980, 1, 1)))
        );
        // Before 1990: both sources short; from 1990 to mid-1995: b only;
        // then none until February 2000 (a ends); a from then; after the
        // checked day, a and the checked caveat.
        let bounds: Vec<(Option<String>, Option<String>, usize)> = runs
            .iter()
            .map(|r| {
                (
                    r.from.map(|d| d.to_string()),
                    r.until.map(|d| d.to_string()),
                    r.caveats.len(),
                )
            })
            .collect();
        let s = |t: &str| Some(t.to_string());
        assert_eq!(
            bounds,
            vec![
                (None, s("1990-01-01"), 1),
                (s("1990-01-01"), s("1995-06-01"), 1),
                (s("2000-02-01"), s("2000-03-11"), 1),
                (s("2000-03-11"), None, 2),
            ]
        );
    }

    #[test]
    fn the_wording_names_each_source_and_its_span() {
        let graph = DiploGraph::parse("g", GRAPH).unwrap();
        let on = graph.at(When::On(jiff::civil::date(1985, 1, 1)));
        let texts: Vec<String> = caveats(&on, &[])
            .iter()
            .map(|c| c.text("1985-01-01"))
            .collect();
        assert_eq!(
            texts,
            vec![
                "1985-01-01 is outside what the sources this answer relies on cover (a records statuses from 1990 until 2000-02; b records members from 1995-06-01); what they do not record is missing"
            ]
        );
    }
}
