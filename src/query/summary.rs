//! Counts for `check`: what the database holds.

use crate::graph::DiploGraph;
use crate::model::{EntityKind, RelationKind};

/// How many entities and relations of each kind, plus the sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub entities: Vec<(EntityKind, usize)>,
    pub relations: Vec<(RelationKind, usize)>,
    pub sources: usize,
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
pub fn summarize(graph: &DiploGraph) -> Summary {
    let db = graph.database();
    let entities = EntityKind::ALL
        .iter()
        .map(|k| (*k, db.entities.iter().filter(|e| e.kind == *k).count()))
        .collect();
    let relations = RelationKind::ALL
        .iter()
        .map(|k| (*k, db.relations.iter().filter(|r| r.kind == *k).count()))
        .collect();
    Summary {
        entities,
        relations,
        sources: db.sources.len(),
        checked: db.checked,
    }
}
