//! [`Answer`]: a command's result, ready to be rendered in any format.
//!
//! Every command ends the same way: a query produced a value, and the user
//! asked for text or JSON. Rather than each front-end arm choosing between
//! two renderer calls, the arm builds one `Answer` and calls
//! [`Answer::render`]; the choice of renderer is made here, once, by an
//! exhaustive match, so a new answer that lacks a text or a JSON form does
//! not compile.

use petgraph::graph::NodeIndex;

use super::{Format, json, text};
use crate::graph::{DiploGraph, When};
use crate::query::{Briefing, EntityDetail, Membership, Neighbor, Summary};

/// What a read-only command found, with what its renderers need.
#[derive(Debug)]
pub enum Answer<'g> {
    /// `check`: the database's counts; `name` is how it is called.
    Check {
        /// The database's name in messages (its path, or the bundled copy).
        name: String,
        /// The counts.
        summary: Summary,
    },
    /// `list`: entities in file order.
    List(Vec<NodeIndex>),
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
    },
    /// `members`: an organization's members, observers and partners.
    Members {
        /// The organization.
        org: NodeIndex,
        /// Its members by status.
        found: Vec<Membership>,
        /// The moment asked about.
        when: When,
    },
    /// `report`: the briefing.
    Report(Box<Briefing>),
}

impl Answer<'_> {
    /// The answer as `format`, naming entities through `graph`.
    ///
    /// ```
    /// use diplograph::graph::{DiploGraph, When};
    /// use diplograph::render::{Answer, Format};
    /// use diplograph::store::Origin;
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// let sco = graph.resolve("SCO").unwrap();
    /// let view = graph.at(When::On(jiff::civil::date(2024, 7, 5)));
    /// let found = diplograph::query::members(&view, sco, &[]);
    /// let answer = Answer::Members { org: sco, found, when: view.when() };
    /// assert!(answer.render(&graph, Format::Text).contains("10 members"));
    /// let json: serde_json::Value = serde_json::from_str(&answer.render(&graph, Format::Json)).unwrap();
    /// assert!(json.is_array());
    /// ```
    pub fn render(&self, graph: &DiploGraph, format: Format) -> String {
        match (self, format) {
            (Answer::Check { summary, .. }, Format::Json) => json::check(summary),
            (Answer::Check { name, summary }, Format::Text) => text::check(name, summary),
            (Answer::List(nodes), Format::Json) => json::list(graph, nodes),
            (Answer::List(nodes), Format::Text) => text::list(graph, nodes),
            (Answer::Show(detail, when), Format::Json) => json::show(graph, detail, *when),
            (Answer::Show(detail, when), Format::Text) => text::show(graph, detail, *when),
            (Answer::Neighbors { found, .. }, Format::Json) => json::neighbors(graph, found),
            (Answer::Neighbors { node, found, when }, Format::Text) => {
                text::neighbors(graph, *node, found, *when)
            }
            (Answer::Members { found, .. }, Format::Json) => json::members(graph, found),
            (Answer::Members { org, found, when }, Format::Text) => {
                text::members(graph, *org, found, *when)
            }
            (Answer::Report(briefing), Format::Json) => json::report(graph, briefing),
            (Answer::Report(briefing), Format::Text) => text::report(graph, briefing),
        }
    }
}
