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
use crate::store::rules;
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
    /// The error listing every bad row as `FILE:LINE: message`, or `None`:
    /// each file's rows in line order (the files in the order first
    /// named), a row said twice listed once.
    pub fn refusal(&self) -> Option<Error> {
        if self.bad.is_empty() {
            return None;
        }
        let mut files: Vec<&str> = Vec::new();
        for (file, _) in &self.bad {
            if !files.contains(&file.as_str()) {
                files.push(file);
            }
        }
        let mut rows: Vec<(usize, &BadRow)> = self
            .bad
            .iter()
            .map(|(file, b)| (files.iter().position(|f| f == file).unwrap_or(0), b))
            .collect();
        rows.sort_by_key(|(file, b)| (*file, b.line));
        let mut said: HashSet<(usize, u64, &str)> = HashSet::new();
        rows.retain(|(file, b)| said.insert((*file, b.line, b.message.as_str())));
        let shown: Vec<String> = rows
            .iter()
            .map(|(file, b)| format!("{}:{}: {}", files[*file], b.line, b.message))
            .collect();
        Some(Error::Usage(format!(
            "{} bad row{} in {}; nothing was imported:\n{}",
            shown.len(),
            if shown.len() == 1 { "" } else { "s" },
            self.input,
            shown.join("\n")
        )))
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

/// The entities of a database by exact id and, for organizations, by
/// folded id and alias (`sco` finds the bundled SCO).
struct EntityIndex<'r> {
    by_id: HashMap<&'r str, usize>,
    by_fold: HashMap<String, usize>,
}

impl<'r> EntityIndex<'r> {
    /// The index of `entities`.
    fn new(entities: &'r [EntityRecord]) -> EntityIndex<'r> {
        let mut by_id = HashMap::new();
        let mut by_fold = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            by_id.insert(e.id(), i);
            if let EntityRecord::Organization(o) = e {
                by_fold.entry(fold(&o.id)).or_insert(i);
                for alias in &o.aliases {
                    by_fold.entry(fold(alias)).or_insert(i);
                }
            }
        }
        EntityIndex { by_id, by_fold }
    }

    /// The position of the entity `new` stands for: its id, or for an
    /// organization its id ignoring case or an alias.
    fn find(&self, new: &EntityRecord) -> Option<usize> {
        self.by_id.get(new.id()).copied().or_else(|| {
            (entity_kind(new) == EntityKind::Organization)
                .then(|| self.by_fold.get(&fold(new.id())).copied())
                .flatten()
        })
    }
}

/// How a data set's entities meet the database's.
#[derive(Default)]
struct EntityPlan {
    /// Ids of the data set standing for an existing entity of another id.
    renamed: HashMap<String, String>,
    /// Existing entities (by position) with the fields they lacked.
    replaced: Vec<(usize, EntityRecord)>,
    /// Entities to create, in the data set's order.
    created: Vec<EntityRecord>,
}

/// Sorts the data set's entities (each id once) into those found in
/// `existing` — completed where they lack fields, renamed where found by
/// another id — and those to create; counts both in `summary`.
fn plan_entities(
    existing: &[EntityRecord],
    entities: Vec<EntityRecord>,
    summary: &mut Summary,
) -> EntityPlan {
    let index = EntityIndex::new(existing);
    let mut plan = EntityPlan::default();
    let mut seen: HashSet<String> = HashSet::new();
    for new in entities {
        if !seen.insert(new.id().to_string()) {
            continue;
        }
        let kind = entity_kind(&new);
        if let Some(i) = index.find(&new) {
            let old = &existing[i];
            if old.id() != new.id() {
                plan.renamed
                    .insert(new.id().to_string(), old.id().to_string());
            }
            let mut merged = old.clone();
            if entity_kind(old) == kind && complete(&mut merged, &new) {
                summary.completed.push(old.id().to_string());
                plan.replaced.push((i, merged));
            }
        } else {
            *summary.created.entry(kind).or_default() += 1;
            plan.created.push(new);
        }
    }
    plan
}

/// Keeps on each created entity only the aliases no other entity is known
/// by (the table's "USSR" is the bundled Russia's alias in some files):
/// names must each find one entity.
fn drop_taken_aliases(existing: &[EntityRecord], created: &mut [EntityRecord]) {
    let mut taken: HashSet<String> = HashSet::new();
    for e in existing {
        taken.extend(keys(&mut e.clone()));
    }
    for record in created {
        let own = keys(&mut record.clone());
        taken.extend(own.iter().take(2).cloned());
        aliases_mut(record).retain(|a| taken.insert(fold(a)));
    }
}

/// Points the relations' ends at the existing ids they stand for.
fn rename_ends(relations: &mut [RelationRecord], renamed: &HashMap<String, String>) {
    if renamed.is_empty() {
        return;
    }
    for relation in relations {
        let (from, to) = ends_mut(relation);
        for end in [from, to] {
            if let Some(id) = renamed.get(end.as_str()) {
                end.clone_from(id);
            }
        }
    }
}

/// Which of `fresh` contradict a relation `held` by the database: the
/// store's own "cannot hold at once" rules ([`rules::overlaps`]: the same
/// fact twice for overlapping days, two membership statuses of one state
/// in one organization at once, two holders of one office), applied to
/// the database's relations followed by the new ones. Returns the
/// positions in `fresh` of those that clash with a held one. O(R log R).
fn contradicting(held: &[RelationRecord], fresh: &[&RelationRecord]) -> HashSet<usize> {
    let mut positions: HashMap<String, u32> = HashMap::new();
    let mut roles: HashMap<String, u32> = HashMap::new();
    let day = |text: Option<String>, open: i32| {
        text.and_then(|t| t.parse::<crate::date::PartialDate>().ok())
            .map_or(open, |d| d.day_number())
    };
    let facts: Vec<rules::Fact> = held
        .iter()
        .chain(fresh.iter().copied())
        .map(|record| {
            let parts = record.clone().into_parts();
            let mut position = |id: String| {
                let next = positions.len() as u32;
                *positions.entry(id).or_insert(next)
            };
            let (from, to) = (position(parts.tie.from), position(parts.tie.to));
            // Class 0 is no role (or one that folds to nothing), as the
            // validator counts them.
            let role = parts.role.map_or(0, |r| {
                let key = fold(&r);
                if key.is_empty() {
                    return 0;
                }
                let next = roles.len() as u32 + 1;
                *roles.entry(key).or_insert(next)
            });
            rules::Fact {
                kind: parts.kind,
                from,
                to,
                role,
                since: day(parts.tie.since, i32::MIN),
                until: day(parts.tie.until, i32::MAX),
            }
        })
        .collect();
    let mut clashing = HashSet::new();
    let _ = rules::overlaps(positions.len(), &facts, |earlier, later, _| {
        if earlier < held.len() && later >= held.len() {
            clashing.insert(later - held.len());
        }
        std::ops::ControlFlow::Continue(())
    });
    clashing
}

/// The rendered lines of the relations neither `held` nor met before in
/// `relations`; counts the added by kind and the others as present.
fn fresh_relations(
    held: &[RelationRecord],
    relations: &[RelationRecord],
    summary: &mut Summary,
) -> Vec<String> {
    let known: HashSet<&RelationRecord> = held.iter().collect();
    let mut within: HashSet<&RelationRecord> = HashSet::new();
    let mut fresh = Vec::new();
    for relation in relations {
        if known.contains(relation) || !within.insert(relation) {
            summary.present += 1;
        } else {
            fresh.push(relation);
        }
    }
    let clashing = contradicting(held, &fresh);
    summary.overlapping = clashing.len();
    let mut lines = Vec::with_capacity(fresh.len() - clashing.len());
    for (i, relation) in fresh.into_iter().enumerate() {
        if !clashing.contains(&i) {
            *summary.added.entry(relation.kind()).or_default() += 1;
            lines.push(render_relation(relation));
        }
    }
    lines
}

/// Appends the created entities, each kind after the last entity of its
/// kind, the kinds in the order first met.
fn append_created(doc: &mut Document, created: &[EntityRecord]) -> Result<(), Error> {
    let mut order: Vec<EntityKind> = Vec::new();
    for kind in created.iter().map(entity_kind) {
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
    Ok(())
}

/// Adds what `doc` lacks of `data` (see the module documentation) and
/// returns what was done. Refuses a data set with bad rows, changing
/// nothing.
///
/// Complexity: O(E + R) hashing for E entities and R relations of the
/// database and the data set, plus one parse of the result at commit.
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
    let source = source.filter(|s| !records.sources.iter().any(|held| held.id == s.id));
    summary.source_added = source.as_ref().map(|s| s.id.clone());
    let mut plan = plan_entities(&records.entities, entities, &mut summary);
    drop_taken_aliases(&records.entities, &mut plan.created);
    rename_ends(&mut relations, &plan.renamed);
    let relation_lines = fresh_relations(&records.relations, &relations, &mut summary);
    // Write: replacements first (positions are still those read), then
    // the source, the new entities after the last of their kind, and the
    // relations at the end.
    for (i, record) in &plan.replaced {
        doc.replace(List::Entities, *i, &render_entity(record))?;
    }
    if let Some(source) = &source {
        doc.insert(List::Sources, None, &[render_source(source)])?;
    }
    append_created(doc, &plan.created)?;
    doc.append(List::Relations, None, &relation_lines)?;
    Ok(summary)
}

/// Merges `data` into `doc` and returns the change to report.
pub fn commit(doc: &mut Document, data: Dataset) -> Result<Vec<Change>, Error> {
    merge(doc, data).map(|summary| vec![Change::Dataset(summary)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(file: &str, line: u64, message: &str) -> (String, BadRow) {
        (
            file.to_string(),
            BadRow {
                line,
                message: message.to_string(),
            },
        )
    }

    #[test]
    fn a_refusal_lists_each_files_rows_in_line_order_once() {
        let data = Dataset {
            input: "v.csv and c.csv".into(),
            bad: vec![
                row("v.csv", 9, "late"),
                row("v.csv", 4, "b"),
                row("v.csv", 4, "a"),
                row("c.csv", 2, "call"),
                row("v.csv", 4, "b"),
                row("v.csv", 1, "first"),
            ],
            ..Dataset::default()
        };
        let Some(Error::Usage(text)) = data.refusal() else {
            panic!("a usage error")
        };
        assert_eq!(
            text,
            "5 bad rows in v.csv and c.csv; nothing was imported:\n\
             v.csv:1: first\nv.csv:4: b\nv.csv:4: a\nv.csv:9: late\nc.csv:2: call"
        );
        assert_eq!(Dataset::default().refusal().map(|e| e.to_string()), None);
    }
}
