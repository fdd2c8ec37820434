//! What a data-set importer adds, and how it is merged into a database.
//!
//! The importers of the research data sets (COW states, IGOs, alliances,
//! UN votes) each turn their files into one [`Dataset`]: the source that
//! cites the data set and its version, the entities the rows need (with
//! their real names, codes and dates), the relations, and every bad row.
//! [`merge`] then adds to a [`Document`] only what it lacks, so that
//! importing the same file twice adds nothing and leaves the file byte
//! for byte as it was:
//!
//! - the source is added unless one with its id is listed;
//! - an entity whose id (or, for an organization, whose id or alias
//!   ignoring case: `sco` is the bundled SCO) is already there is not
//!   created again; the fields it lacks and the data set gives (a
//!   country's codes and statehood, an organization's founding and
//!   dissolution) are filled in, nothing it has is changed; the
//!   relations name it by its existing id;
//! - a relation equal to one the database holds is not added again.
//!
//! A data set with any bad row is refused whole by [`commit`] (every bad
//! row listed), and nothing is written.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::BadRow;
use crate::edit::ops::DatasetSummary as Summary;
use crate::edit::ops::entity_slot;
use crate::edit::{Change, Document};
use crate::error::Error;
use crate::model::EntityKind;
use crate::names::fold;
use crate::schema::{EntityRecord, RelationRecord, SourceRecord};
use crate::store::convert::entity_kind;
use crate::store::locate::List;
use crate::store::save::{render_entity, render_relation, render_source};

/// What one import read from its files.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Dataset {
    /// The input files' names, for messages.
    pub input: String,
    /// The source every record cites (one per data set and version).
    pub source: Option<SourceRecord>,
    /// The entities the relations need, in the order first met; created
    /// when missing, merged when present.
    pub entities: Vec<EntityRecord>,
    /// The relations, in input order.
    pub relations: Vec<RelationRecord>,
    /// Every row that could not be used, with its file (the import is
    /// then refused).
    pub bad: Vec<(String, BadRow)>,
    /// Rows read but deliberately not turned into relations, by reason
    /// ("absent", "not a member"), with their counts.
    pub skipped: BTreeMap<String, u64>,
    /// Facts about the input worth telling ("138,874 cells missing (−9),
    /// read as unknown").
    pub notes: Vec<String>,
}

impl Dataset {
    /// The error listing every bad row as `FILE:LINE: message`, or `None`.
    pub fn refusal(&self) -> Option<Error> {
        (!self.bad.is_empty()).then(|| {
            let shown: Vec<String> = self
                .bad
                .iter()
                .map(|(file, b)| format!("{file}:{}: {}", b.line, b.message))
                .collect();
            Error::Usage(format!(
                "{} bad row{} in {}; nothing was imported:\n{}",
                self.bad.len(),
                if self.bad.len() == 1 { "" } else { "s" },
                self.input,
                shown.join("\n")
            ))
        })
    }
}

/// Fills the fields `existing` lacks from `new` (same kind); true when
/// anything changed. Nothing `existing` has is replaced.
fn complete(existing: &mut EntityRecord, new: &EntityRecord) -> bool {
    match (existing, new) {
        (EntityRecord::Country(old), EntityRecord::Country(new)) => {
            let mut changed = false;
            if old.codes.is_none() && new.codes.is_some() {
                old.codes = new.codes;
                changed = true;
            }
            if old.statehood.is_empty() && !new.statehood.is_empty() {
                old.statehood.clone_from(&new.statehood);
                changed = true;
            }
            changed
        }
        (EntityRecord::Organization(old), EntityRecord::Organization(new)) => {
            let mut changed = false;
            if old.founded.is_none() && new.founded.is_some() {
                old.founded.clone_from(&new.founded);
                changed = true;
            }
            // A dissolution is only taken with the founding it goes with:
            // the bundled SCO's day-precise founding stays, and so does its
            // being open.
            if changed && old.dissolved.is_none() && new.dissolved.is_some() {
                old.dissolved.clone_from(&new.dissolved);
            }
            changed
        }
        _ => false,
    }
}

/// The aliases of an entity record, whatever its kind.
fn aliases_mut(record: &mut EntityRecord) -> &mut Vec<String> {
    match record {
        EntityRecord::Country(c) => &mut c.aliases,
        EntityRecord::Person(n) | EntityRecord::Issue(n) => &mut n.aliases,
        EntityRecord::Organization(o) => &mut o.aliases,
        EntityRecord::Event(e) => &mut e.aliases,
        EntityRecord::RollCall(r) => &mut r.aliases,
    }
}

/// The folded id, name and aliases of an entity record.
fn keys(record: &mut EntityRecord) -> Vec<String> {
    let (id, name) = match &*record {
        EntityRecord::Country(c) => (c.id.clone(), c.name.clone()),
        EntityRecord::Person(n) | EntityRecord::Issue(n) => (n.id.clone(), n.name.clone()),
        EntityRecord::Organization(o) => (o.id.clone(), o.name.clone()),
        EntityRecord::Event(e) => (e.id.clone(), e.name.clone()),
        EntityRecord::RollCall(r) => (r.id.clone(), r.name.clone()),
    };
    let mut keys = vec![fold(&id), fold(&name)];
    keys.extend(aliases_mut(record).iter().map(|a| fold(a)));
    keys
}

/// The endpoints of a relation, for renaming them.
fn ends_mut(record: &mut RelationRecord) -> (&mut String, &mut String) {
    let common = record.common_mut();
    (common.from, common.to)
}

/// Adds what `doc` lacks of `data` (see the module documentation) and
/// returns what was done. Refuses a data set with bad rows, changing
/// nothing.
///
/// Complexity: O(E + R) hashing for E entities and R relations of the
/// database and the data set, plus one parse of the result at commit.
#[expect(
    clippy::too_many_lines,
    reason = "the merge's steps in the order they write; split in the next pass"
)]
pub fn merge(doc: &mut Document, data: Dataset) -> Result<Summary, Error> {
    if let Some(refusal) = data.refusal() {
        return Err(refusal);
    }
    let Dataset {
        input,
        source,
        entities,
        mut relations,
        skipped,
        notes,
        ..
    } = data;
    let mut summary = Summary {
        input,
        skipped,
        notes,
        ..Summary::default()
    };
    let records = doc.records();
    // Sources.
    if let Some(source) = &source
        && !records.sources.iter().any(|s| s.id == source.id)
    {
        summary.source_added = Some(source.id.clone());
    }
    // Entities: exact ids, then (organizations) folded ids and aliases.
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut by_fold: HashMap<String, usize> = HashMap::new();
    for (i, e) in records.entities.iter().enumerate() {
        by_id.insert(e.id(), i);
        if entity_kind(e) == EntityKind::Organization {
            by_fold.entry(fold(e.id())).or_insert(i);
            if let EntityRecord::Organization(o) = e {
                for alias in &o.aliases {
                    by_fold.entry(fold(alias)).or_insert(i);
                }
            }
        }
    }
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut replaced: Vec<(usize, EntityRecord)> = Vec::new();
    let mut created: Vec<EntityRecord> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for new in entities {
        if !seen.insert(new.id().to_string()) {
            continue;
        }
        let kind = entity_kind(&new);
        let found = by_id.get(new.id()).copied().or_else(|| {
            (kind == EntityKind::Organization)
                .then(|| by_fold.get(&fold(new.id())).copied())
                .flatten()
        });
        if let Some(i) = found {
            let existing = &records.entities[i];
            if existing.id() != new.id() {
                renamed.insert(new.id().to_string(), existing.id().to_string());
            }
            let mut merged = existing.clone();
            if entity_kind(existing) == kind && complete(&mut merged, &new) {
                summary.completed.push(existing.id().to_string());
                replaced.push((i, merged));
            }
        } else {
            *summary.created.entry(kind).or_default() += 1;
            created.push(new);
        }
    }
    // A created entity keeps only the aliases no other entity is known by
    // (the table's "USSR" is the bundled Russia's alias in some files):
    // names must each find one entity.
    let mut taken: HashSet<String> = HashSet::new();
    for e in &records.entities {
        taken.extend(keys(&mut e.clone()));
    }
    for record in &mut created {
        let own = keys(&mut record.clone());
        taken.extend(own.iter().take(2).cloned());
        aliases_mut(record).retain(|a| taken.insert(fold(a)));
    }
    // Relations: renamed ends, then those not already held.
    if !renamed.is_empty() {
        for relation in &mut relations {
            let (from, to) = ends_mut(relation);
            for end in [from, to] {
                if let Some(id) = renamed.get(end.as_str()) {
                    end.clone_from(id);
                }
            }
        }
    }
    let held: HashSet<&RelationRecord> = records.relations.iter().collect();
    let mut fresh = Vec::with_capacity(relations.len());
    let mut within: HashSet<&RelationRecord> = HashSet::new();
    for relation in &relations {
        if held.contains(relation) || !within.insert(relation) {
            summary.present += 1;
        } else {
            fresh.push(relation);
        }
    }
    for relation in &fresh {
        *summary.added.entry(relation.kind()).or_default() += 1;
    }
    let relation_lines: Vec<String> = fresh.iter().map(|r| render_relation(r)).collect();
    drop(within);
    drop(held);
    // Write: replacements first (positions are still those read), then
    // the source, the new entities after the last of their kind, and the
    // relations at the end.
    for (i, record) in &replaced {
        doc.replace(List::Entities, *i, &render_entity(record))?;
    }
    if let (Some(source), Some(_)) = (&source, &summary.source_added) {
        doc.insert(List::Sources, None, &[render_source(source)])?;
    }
    let mut kinds: Vec<EntityKind> = created.iter().map(entity_kind).collect();
    kinds.dedup();
    let mut order: Vec<EntityKind> = Vec::new();
    for kind in kinds {
        if !order.contains(&kind) {
            order.push(kind);
        }
    }
    for kind in order {
        let lines: Vec<String> = created
            .iter()
            .filter(|e| entity_kind(e) == kind)
            .map(render_entity)
            .collect();
        let after = entity_slot(doc, kind);
        doc.append(List::Entities, after, &lines)?;
    }
    doc.append(List::Relations, None, &relation_lines)?;
    Ok(summary)
}

/// Merges `data` into `doc` and returns the change to report.
pub fn commit(doc: &mut Document, data: Dataset) -> Result<Vec<Change>, Error> {
    merge(doc, data).map(|summary| vec![Change::Dataset(summary)])
}
