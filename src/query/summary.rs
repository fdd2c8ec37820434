//! Counts for `check`: what the database holds.

use crate::graph::{DiploGraph, When};
use crate::model::{EntityKind, RelationKind};

/// How many entities and relations of each kind, plus the sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Entities of each kind, every kind listed.
    pub entities: Vec<(EntityKind, usize)>,
    /// Relations of each kind, every kind listed.
    pub relations: Vec<(RelationKind, usize)>,
    /// Sources listed in the file, cited or not.
    pub sources: usize,
    /// The day up to which the facts were last checked.
    pub checked: crate::date::PartialDate,
}

impl Summary {
    /// All entities.
    pub fn entity_total(&self) -> usize {
        self.entities.iter().map(|(_, n)| n).sum()
    }

    /// All relations.
    pub fn relation_total(&self) -> usize {
        self.relations.iter().map(|(_, n)| n).sum()
    }
}

/// Counts every kind (including those with none), over all time.
/// O(entities + relations), from the graph's kind accessors (no model value
/// is made).
///
/// ```
/// use diplograph::{graph::DiploGraph, model::EntityKind, query::summarize, store::Origin};
/// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
/// let summary = summarize(&graph);
/// assert_eq!(summary.relation_total(), graph.relation_count());
/// assert!(summary.entities.contains(&(EntityKind::Organization, 3)));
/// ```
pub fn summarize(graph: &DiploGraph) -> Summary {
    let mut entities = [0usize; EntityKind::ALL.len()];
    for node in graph.nodes() {
        entities[graph.entity_kind(node).index()] += 1;
    }
    let mut relations = [0usize; RelationKind::ALL.len()];
    for edge in graph.at(When::AllTime).relations() {
        relations[graph.kind(edge).index()] += 1;
    }
    Summary {
        entities: EntityKind::ALL.iter().copied().zip(entities).collect(),
        relations: RelationKind::ALL.iter().copied().zip(relations).collect(),
        sources: graph.source_count(),
        checked: graph.checked(),
    }
}
