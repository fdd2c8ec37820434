//! [`Answer`]: a command's result, ready to be rendered in any format.
//!
//! Every command ends the same way: a query produced a value, and the user
//! asked for text, JSON or CSV. Rather than each front-end arm choosing
//! between renderer calls, the arm builds one `Answer` and calls
//! [`Answer::render`]; the choice of renderer is made here, once, by an
//! exhaustive match, so a new answer that lacks a text or a JSON form, or
//! does not say whether it has a CSV one, does not compile.

use petgraph::graph::NodeIndex;

use super::{Caps, Format, csv, json, text};
use crate::error::Error;
use crate::graph::{DiploGraph, When};
use crate::model::RelationKind;
use crate::query::align::{Alignment, Measure as AlignMeasure};
use crate::query::balance::Balance;
use crate::query::centrality::Centrality;
use crate::query::change::analysis::Moves;
use crate::query::change::{Diff, Timeline};
use crate::query::cluster::{ClusterQuery, Clusters};
use crate::query::lint::Warning;
use crate::query::members::Roster;
use crate::query::path::Path;
use crate::query::signed::SignedNetwork;
use crate::query::{Briefing, EntityDetail, Neighbor, Summary};

/// What a read-only command found, with what its renderers need.
#[derive(Debug)]
pub enum Answer<'g> {
    /// `check`: the database's counts; `name` is how it is called.
    Check {
        /// The database's name in messages (its path, or the bundled copy).
        name: String,
        /// The counts.
        summary: Summary,
        /// What `check` warns about, each with its place in the file.
        warnings: Vec<(String, Warning)>,
    },
    /// `list`: entities in file order.
    List {
        /// The entities.
        nodes: Vec<NodeIndex>,
        /// Whether text shows each entity's note.
        notes: bool,
    },
    /// `show`: one entity and its relations in force.
    Show(EntityDetail<'g>, When),
    /// `neighbors`: the entities one relation away from `node`.
    Neighbors {
        /// The entity looked from.
        node: NodeIndex,
        /// Its neighbours, each with the relations that join them.
        found: Vec<Neighbor<'g>>,
        /// The moment asked about.
        when: When,
        /// Whether text shows the notes of the entities and relations.
        notes: bool,
    },
    /// `members`: an organization's members, observers and partners.
    Members {
        /// The organization.
        org: NodeIndex,
        /// Its members by status, and what an empty list means.
        found: Roster,
        /// The moment asked about.
        when: When,
        /// Whether text shows the notes of the organization and memberships.
        notes: bool,
    },
    /// `report`: the briefing.
    Report {
        /// The briefing.
        briefing: Box<Briefing>,
        /// Whether text shows the notes of what it lists.
        notes: bool,
    },
    /// `path`: the paths found, shortest first.
    Paths {
        /// Where the paths start (to say there is none).
        from: NodeIndex,
        /// Where they end.
        to: NodeIndex,
        /// The paths.
        paths: Vec<Path>,
        /// The most hops a path could take (`--max-hops`, or 4 with
        /// `--all`; `None`: unlimited), so "no path" says within what.
        max_hops: Option<usize>,
        /// The relation kinds they were allowed (all when empty).
        via: Vec<RelationKind>,
        /// The moment asked about.
        when: When,
        /// Whether the listing stopped at its limit.
        truncated: bool,
        /// The total cost of the path, when it is the cheapest one
        /// (`--weighted`).
        cost: Option<u64>,
        /// Whether text shows the notes of relations and entities.
        notes: bool,
    },
    /// `clusters`: the groups of the chosen method.
    Clusters {
        /// The groups and what the method adds (modularity, blocs).
        found: Box<Clusters>,
        /// What was asked: the relation kinds clustered over (all when
        /// empty), and what an empty answer is explained by (countries
        /// only, the smallest clique).
        query: Box<ClusterQuery>,
        /// The moment asked about.
        when: When,
        /// How many clusters and members to list.
        caps: Caps,
    },
    /// `align A B`: two states compared.
    Alignment {
        /// The comparison.
        found: Box<Alignment>,
        /// The moment asked about.
        when: When,
        /// How many dimensions of each group (shared, opposed, one-sided)
        /// to list.
        caps: Caps,
    },
    /// `align A --top N`: the states most aligned with `a`.
    Ranking {
        /// The state ranked against.
        a: NodeIndex,
        /// The best comparisons, best first.
        ranked: Vec<Alignment>,
        /// Whether `a` holds any tie or stance alignment compares, as of
        /// the date: without one nobody is ranked
        /// ([`crate::query::align::rank`]), and an empty ranking says so.
        tied: bool,
        /// The score that ranks them.
        measure: AlignMeasure,
        /// The moment asked about.
        when: When,
    },
    /// `balance`: triangle counts and the frustration index.
    Balance {
        /// The signed network the answer was computed on (to explain ties).
        net: Box<SignedNetwork>,
        /// The answer.
        found: Box<Balance>,
        /// The moment asked about.
        when: When,
    },
    /// `central`: the most central entities.
    Centrality {
        /// The scores listed (already cut to `--top`).
        found: Box<Centrality>,
        /// How many entities were ranked (the countries among them with
        /// `--countries-only`).
        total: usize,
        /// How many entities were scored, before `--countries-only` kept
        /// the countries: so an empty ranking says why it is empty.
        scored: usize,
        /// The relation kinds scored over (when empty, the signed kinds
        /// between states and organizations: `centrality::scope`).
        via: Vec<RelationKind>,
        /// The moment asked about.
        when: When,
    },
    /// `codes`: a country code as of a day, with its codes in every scheme.
    Codes(Box<crate::codes::Lookup>),
    /// `align`, `members`, `balance`, `clusters` or `central` with
    /// `--from/--to`: one row per step.
    Series(Box<crate::query::series::SeriesTable>),
    /// `timeline`: every start and end of one entity's relations.
    Timeline {
        /// The changes, in date order.
        found: Box<Timeline>,
        /// How many lines text lists.
        caps: Caps,
        /// Whether text shows each relation's note.
        notes: bool,
    },
    /// `query`: the rows of a Cypher query.
    Query(Box<crate::query::cypher::Rows>),
    /// `query --explain`: the plan, one line per step.
    Plan(Vec<String>),
    /// `diff`: what was in force on one day and not on another.
    Diff {
        /// The relations that started and ended, and how they pair.
        found: Box<Diff>,
        /// With `--analysis`: the blocs and alignments that moved.
        moves: Option<Box<Moves>>,
        /// How many lines of each section text lists.
        caps: Caps,
        /// Whether text shows each relation's note.
        notes: bool,
    },
}

impl Answer<'_> {
    /// What an empty answer means, in one sentence, when it means more
    /// than "nothing found": the organization did not exist yet, or the
    /// database records none of its memberships; for the analyses, what
    /// was not found and why (no path within the limits, and what to try;
    /// no tie in force to rank, cluster or score). Text output says it on
    /// stdout; the command line says it on stderr beside JSON and CSV,
    /// which stay as documented.
    pub fn absence(&self, graph: &DiploGraph) -> Option<String> {
        if !self.is_empty() {
            return None;
        }
        match self {
            Answer::Members {
                org, found, when, ..
            } => text::members_absence(graph, *org, found, *when),
            Answer::Paths {
                from,
                to,
                via,
                max_hops,
                when,
                ..
            } => Some(text::no_path(graph, *from, *to, via, *max_hops, *when)),
            Answer::Clusters { query, when, .. } => Some(text::no_clusters(query, *when)),
            Answer::Ranking {
                a,
                measure,
                tied,
                when,
                ..
            } => Some(text::no_ranking(graph, *a, *measure, *tied, *when)),
            Answer::Centrality {
                found,
                scored,
                via,
                when,
                ..
            } => Some(text::no_centrality(found.measure, *scored, via, *when)),
            Answer::Timeline { found, .. } => Some(text::no_timeline(graph, found)),
            Answer::Diff { found, .. } => Some(text::no_changes(graph, found)),
            Answer::Query(found) => Some(super::rows::text(graph, found).trim_end().to_string()),
            _ => None,
        }
    }

    /// Whether the command found nothing: the one rule behind exit code 1
    /// ([`crate::error::exit::NOT_FOUND`]). An answer is empty when it is a
    /// listing and the listing has no entry: no entity (`list`), no
    /// neighbour, no member, no path, no cluster, no entity ranked
    /// (`central`: none scored, or no country among them with
    /// `--countries-only`), no state ranked (`align A --top`), no change
    /// (`timeline`, `diff`: nothing started or ended). An entity shown
    /// without relations, a report, a balance or an alignment are answers
    /// even when they hold zeros: they describe something that was found.
    ///
    /// ```
    /// use diplograph::graph::{DiploGraph, When};
    /// use diplograph::render::Answer;
    /// use diplograph::store::Origin;
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// let sco = graph.resolve("SCO").unwrap();
    /// let view = graph.at(When::On(jiff::civil::date(1990, 1, 1)));
    /// let found = diplograph::query::members::roster(&view, sco, &[]);
    /// assert!(Answer::Members { org: sco, found, when: view.when(), notes: false }.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        match self {
            Answer::List { nodes, .. } => nodes.is_empty(),
            Answer::Neighbors { found, .. } => found.is_empty(),
            Answer::Members { found, .. } => found.members.is_empty(),
            Answer::Paths { paths, .. } => paths.is_empty(),
            Answer::Clusters { found, .. } => found.groups.is_empty(),
            Answer::Ranking { ranked, .. } => ranked.is_empty(),
            Answer::Centrality { total, .. } => *total == 0,
            Answer::Timeline { found, .. } => found.entries.is_empty(),
            Answer::Diff { found, .. } => found.is_empty(),
            Answer::Check { .. }
            | Answer::Show(..)
            | Answer::Report { .. }
            | Answer::Alignment { .. }
            | Answer::Balance { .. }
            | Answer::Codes(_)
            | Answer::Plan(_) => false,
            Answer::Query(found) => found.rows.is_empty(),
            Answer::Series(found) => found.is_empty(),
        }
    }

    /// The answer as `format`, naming entities through `graph`. Only
    /// answers that are tables have a CSV form; asking another for CSV is
    /// a usage error ([`Error::Usage`]) saying which formats it takes.
    ///
    /// ```
    /// use diplograph::graph::{DiploGraph, When};
    /// use diplograph::render::{Answer, Format};
    /// use diplograph::store::Origin;
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// let sco = graph.resolve("SCO").unwrap();
    /// let view = graph.at(When::On(jiff::civil::date(2024, 7, 5)));
    /// let found = diplograph::query::members::roster(&view, sco, &[]);
    /// let answer = Answer::Members { org: sco, found, when: view.when(), notes: false };
    /// assert!(answer.render(&graph, Format::Text).unwrap().contains("10 members"));
    /// let json: serde_json::Value = serde_json::from_str(&answer.render(&graph, Format::Json).unwrap()).unwrap();
    /// assert!(json.is_array());
    /// assert!(answer.render(&graph, Format::Csv).unwrap().contains("\nBLR,Belarus,member,2024-07-04,"));
    /// ```
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per answer and format, in one exhaustive match on purpose"
    )]
    pub fn render(&self, graph: &DiploGraph, format: Format) -> Result<String, Error> {
        Ok(match (self, format) {
            (Answer::Series(found), Format::Json) => json::series(graph, found),
            (Answer::Series(found), Format::Text) => text::series(graph, found),
            (Answer::Codes(found), Format::Json) => json::codes(found),
            (Answer::Codes(found), Format::Text) => text::codes(found),
            (
                Answer::Check {
                    summary, warnings, ..
                },
                Format::Json,
            ) => json::check(graph, summary, warnings),
            (
                Answer::Check {
                    name,
                    summary,
                    warnings,
                },
                Format::Text,
            ) => text::check(graph, name, summary, warnings),
            (Answer::List { nodes, .. }, Format::Json) => json::list(graph, nodes),
            (Answer::List { nodes, notes }, Format::Text) => text::list(graph, nodes, *notes),
            (Answer::Show(detail, when), Format::Json) => json::show(graph, detail, *when),
            (Answer::Show(detail, when), Format::Text) => text::show(graph, detail, *when),
            (Answer::Neighbors { found, .. }, Format::Json) => json::neighbors(graph, found),
            (
                Answer::Neighbors {
                    node,
                    found,
                    when,
                    notes,
                },
                Format::Text,
            ) => text::neighbors(graph, *node, found, *when, *notes),
            (Answer::Members { found, .. }, Format::Json) => json::members(graph, &found.members),
            (
                Answer::Members {
                    org,
                    found,
                    when,
                    notes,
                },
                Format::Text,
            ) => text::members(graph, *org, found, *when, *notes),
            (Answer::Report { briefing, .. }, Format::Json) => json::report(graph, briefing),
            (Answer::Report { briefing, notes }, Format::Text) => {
                text::report(graph, briefing, *notes)
            }
            (
                Answer::Paths {
                    paths,
                    truncated,
                    cost,
                    ..
                },
                Format::Json,
            ) => json::paths(graph, paths, *truncated, *cost),
            (
                Answer::Paths {
                    paths,
                    via,
                    when,
                    truncated,
                    cost,
                    notes,
                    ..
                },
                Format::Text,
            ) => match self.absence(graph) {
                Some(none) => format!("{none}\n"),
                None => text::paths(graph, paths, via, *when, *truncated, *cost, *notes),
            },
            (Answer::Clusters { found, caps, .. }, Format::Json) => {
                json::clusters(graph, found, *caps)
            }
            (
                Answer::Clusters {
                    found,
                    query,
                    when,
                    caps,
                },
                Format::Text,
            ) => match self.absence(graph) {
                Some(none) => format!("{none}\n"),
                None => text::clusters(graph, found, &query.via, *when, *caps),
            },
            (Answer::Alignment { found, caps, .. }, Format::Json) => {
                json::alignment(graph, found, *caps)
            }
            (Answer::Alignment { found, when, caps }, Format::Text) => {
                text::alignment(graph, found, *when, *caps)
            }
            (Answer::Ranking { ranked, .. }, Format::Json) => {
                json::alignment_ranking(graph, ranked)
            }
            (
                Answer::Ranking {
                    a,
                    ranked,
                    measure,
                    when,
                    ..
                },
                Format::Text,
            ) => match self.absence(graph) {
                Some(none) => format!("{none}\n"),
                None => text::alignment_ranking(graph, *a, ranked, *measure, *when),
            },
            (Answer::Balance { found, .. }, Format::Json) => json::balance(graph, found),
            (Answer::Balance { net, found, when }, Format::Text) => {
                text::balance(graph, net, found, *when)
            }
            (
                Answer::Centrality {
                    found, total, via, ..
                },
                Format::Json,
            ) => json::centrality(graph, found, *total, via),
            (
                Answer::Centrality {
                    found,
                    total,
                    via,
                    when,
                    ..
                },
                Format::Text,
            ) => match self.absence(graph) {
                Some(none) => format!("{none}\n"),
                None => text::centrality(graph, found, *total, via, *when),
            },
            (Answer::Series(found), Format::Csv) => csv::series(graph, found),
            (Answer::List { nodes, .. }, Format::Csv) => csv::list(graph, nodes),
            (Answer::Neighbors { found, .. }, Format::Csv) => csv::neighbors(graph, found),
            (Answer::Members { found, .. }, Format::Csv) => csv::members(graph, &found.members),
            (Answer::Paths { paths, cost, .. }, Format::Csv) => csv::paths(graph, paths, *cost),
            (Answer::Clusters { found, caps, .. }, Format::Csv) => {
                csv::clusters(graph, found, *caps)
            }
            (Answer::Alignment { found, .. }, Format::Csv) => csv::alignment(graph, found),
            (Answer::Ranking { ranked, .. }, Format::Csv) => csv::alignment_ranking(graph, ranked),
            (Answer::Balance { found, .. }, Format::Csv) => csv::balance(graph, found),
            (Answer::Centrality { found, .. }, Format::Csv) => csv::centrality(graph, found),
            (Answer::Check { .. }, Format::Csv) => return Err(not_a_table("check")),
            (Answer::Show(..), Format::Csv) => return Err(not_a_table("show")),
            (Answer::Report { .. }, Format::Csv) => return Err(not_a_table("report")),
            (Answer::Codes(_), Format::Csv) => return Err(not_a_table("codes")),
            (Answer::Timeline { found, .. }, Format::Json) => json::timeline(graph, found),
            (Answer::Timeline { found, caps, notes }, Format::Text) => match self.absence(graph) {
                Some(none) => format!("{none}\n"),
                None => text::timeline(graph, found, *caps, *notes),
            },
            (Answer::Diff { found, moves, .. }, Format::Json) => {
                json::diff(graph, found, moves.as_deref())
            }
            (
                Answer::Diff {
                    found,
                    moves,
                    caps,
                    notes,
                },
                Format::Text,
            ) => match self.absence(graph) {
                Some(none) => format!("{none}\n"),
                None => text::diff(graph, found, moves.as_deref(), *caps, *notes),
            },
            (Answer::Timeline { found, .. }, Format::Csv) => csv::timeline(graph, found),
            (Answer::Query(found), Format::Text) => super::rows::text(graph, found),
            (Answer::Query(found), Format::Json) => super::rows::json(graph, found),
            (Answer::Query(found), Format::Csv) => csv::rows(graph, found),
            (Answer::Plan(lines), Format::Text) => lines.join("\n") + "\n",
            (Answer::Plan(lines), Format::Json) => super::rows::plan_json(lines),
            (Answer::Plan(_), Format::Csv) => return Err(not_a_table("query --explain")),
            (Answer::Diff { found, .. }, Format::Csv) => csv::diff(graph, found),
        })
    }
}

/// The usage error for CSV asked of `command`, whose answer is not a
/// table.
fn not_a_table(command: &str) -> Error {
    Error::Usage(format!(
        "`{command}` has no CSV form (its answer is not a table): use --format text or json; \
         CSV is for list, neighbors, members, path, clusters, align, balance, central and \
         their series over --from/--to"
    ))
}
