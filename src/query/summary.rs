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
/// O(entities + relations), from the flat records (no model value is made).
pub fn summarize(graph: &DiploGraph) -> Summary {
    let snap = graph.snapshot();
    let mut entities = [0usize; EntityKind::ALL.len()];
    for e in &snap.entities {
        entities[e.kind as usize] += 1;
    }
    let mut relations = [0usize; RelationKind::ALL.len()];
    for r in &snap.relations {
        relations[r.kind as usize] += 1;
    }
    Summary {
        entities: EntityKind::ALL.iter().copied().zip(entities).collect(),
        relations: RelationKind::ALL.iter().copied().zip(relations).collect(),
        sources: snap.sources.len(),
        checked: snap.checked(),
    }
}
