//! Dimension weights for alignment (Signorino & Ritter weight each state
//! by its share of capabilities): the rows of a weights file
//! ([`crate::import::weights`]) resolved to the entities of the database
//! on the day compared.

use petgraph::graph::NodeIndex;

use crate::codes::Scheme;
use crate::error::Error;
use crate::graph::DiploGraph;
use crate::import::weights::WeightRow;
use crate::model::EntityKind;

/// The weight of each entity that has one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Weights {
    by_node: Vec<Option<f64>>,
}

impl Weights {
    /// The weight of `node`, `None` when the file gives it none.
    pub fn get(&self, node: NodeIndex) -> Option<f64> {
        self.by_node.get(node.index()).copied().flatten()
    }

    /// The weights of `rows` that hold on `day` (a row without a year
    /// holds every year; a row with one, in that year only), each entity
    /// found by id, name or alias, or a number read as the COW state code
    /// of that day. Errors listing every row whose entity is unknown (with
    /// "did you mean"), and every entity weighted twice for one year.
    ///
    /// ```
    /// use diplograph::graph::DiploGraph;
    /// use diplograph::import::weights::read;
    /// use diplograph::query::align::Weights;
    /// let graph = DiploGraph::load(&diplograph::store::Origin::Bundled).unwrap();
    /// let rows = read("entity,weight\nRussia,0.2\n710,0.3\n".as_bytes(), "w.csv").unwrap();
    /// let w = Weights::resolve(&graph, &rows, "w.csv", jiff::civil::date(2024, 7, 4)).unwrap();
    /// assert_eq!(w.get(graph.node("CHN").unwrap()), Some(0.3));
    /// assert_eq!(w.get(graph.node("IND").unwrap()), None);
    /// ```
    pub fn resolve(
        graph: &DiploGraph,
        rows: &[WeightRow],
        file: &str,
        day: jiff::civil::Date,
    ) -> Result<Weights, Error> {
        let year = i32::from(day.year());
        let mut by_node: Vec<Option<f64>> = vec![None; graph.node_count()];
        let mut first_line: Vec<u64> = vec![0; graph.node_count()];
        let mut problems = Vec::new();
        for row in rows.iter().filter(|r| r.year.is_none_or(|y| y == year)) {
            let node = if row.entity.bytes().all(|b| b.is_ascii_digit()) {
                crate::codes::lookup(Scheme::Cow, &row.entity, day)
                    .ok()
                    .and_then(|state| state.id())
                    .and_then(|id| graph.node(id))
                    .ok_or_else(|| {
                        format!("COW {} names no state of the database on {day}", row.entity)
                    })
            } else {
                graph.resolve(&row.entity).map_err(|e| {
                    // The "did you mean" is the diagnostic's help.
                    match miette::Diagnostic::help(&e) {
                        Some(help) => format!("{e} ({help})"),
                        None => e.to_string(),
                    }
                })
            };
            match node {
                Ok(node) if by_node[node.index()].is_some() => problems.push(format!(
                    "{file}:{}: {} is weighted twice (line {} too)",
                    row.line,
                    graph.named(node),
                    first_line[node.index()]
                )),
                Ok(node) => {
                    by_node[node.index()] = Some(row.weight);
                    first_line[node.index()] = row.line;
                }
                Err(message) => problems.push(format!("{file}:{}: {message}", row.line)),
            }
        }
        if problems.is_empty() {
            return Ok(Weights { by_node });
        }
        Err(Error::Usage(format!(
            "{} problem{} in {file}:\n{}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            problems.join("\n")
        )))
    }

    /// Weights of every country 1 and of nothing else: what an unweighted
    /// alliance comparison amounts to, for tests and library users.
    pub fn countries(graph: &DiploGraph) -> Weights {
        Weights {
            by_node: graph
                .nodes()
                .map(|n| (graph.entity_kind(n) == EntityKind::Country).then_some(1.0))
                .collect(),
        }
    }
}
