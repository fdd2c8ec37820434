//! Importers: relations read in bulk from other files.
//!
//! Every importer has the same shape: it reads rows and turns each into a
//! relation record, or into a [`BadRow`] saying what is wrong and on which
//! line; the result is one [`Batch`]. [`commit`] refuses a batch with any
//! bad row (listing every one, not just the first), and otherwise adds
//! its entities and relations to a [`Document`], which the caller then
//! validates and writes as one edit (through
//! [`crate::edit::edit_file`]), so a file is imported whole or not
//! at all.
//!
//! - [`csv`]: an edge list with a header row.
//! - [`table`]: a CSV file read by header names, with typed field parsers
//!   that say "missing" and word bad values with their column.
//! - [`runs`]: yearly observations compressed into spells of consecutive
//!   years with one value.
//! - [`cow_states`]: the COW state system list (`states2016.csv`) as
//!   dated spells.
//! - [`cow_igo`]: the COW IGO v3 state-year file as membership runs per
//!   state and organization.
//! - [`cow_alliances`]: the COW alliance dyad file and its dyad-year
//!   forms as typed alliances and runs.
//! - [`un_votes`]: Voeten's UN General Assembly roll calls and votes, in
//!   the R unvotes layout and Voeten's own.
//! - [`dataset`]: what a data-set import adds, merged idempotently.
//! - [`research`]: the research data sets' rows as datasets, through the
//!   code table; `diplograph import SET FILE…`.

pub mod cow_alliances;
pub mod cow_igo;
pub mod cow_states;
pub mod csv;
pub mod dataset;
pub mod research;
pub mod runs;
pub mod table;
pub mod un_votes;
pub mod weights;

use std::collections::{BTreeSet, HashMap};

use crate::edit::ops::entity_slot;
use crate::edit::records::placeholder_entity;
use crate::edit::{Change, Document, Names};
use crate::error::Error;
use crate::model::{EntityKind, RelationKind};
use crate::schema::RelationRecord;
use crate::store::locate::List;
use crate::store::save::{render_entity, render_relation};

/// A row an importer could not use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    /// The line of the input the row starts on (1-based).
    pub line: u64,
    /// What is wrong with it.
    pub message: String,
}

/// What an importer read from one input.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    /// The input's name, for messages and for the notes of created
    /// entities.
    pub input: String,
    /// The kind of the relations read.
    pub kind: RelationKind,
    /// The relations read, in input order.
    pub relations: Vec<RelationRecord>,
    /// Ids the database lacks, to be created with this kind (in the order
    /// first met).
    pub created: Option<(EntityKind, Vec<String>)>,
    /// Every row that could not be used.
    pub bad: Vec<BadRow>,
}

impl Batch {
    /// The error listing every bad row, one per line
    /// (`input row LINE: message`), or `None` when there is none.
    pub fn refusal(&self) -> Option<Error> {
        (!self.bad.is_empty()).then(|| {
            Error::Usage(
                self.bad
                    .iter()
                    .map(|b| format!("{} row {}: {}", self.input, b.line, b.message))
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        })
    }
}

/// Adds a batch to `doc`: first the entities it creates (after the last of
/// their kind), then its relations at the end. Refuses the whole batch
/// when any row was bad. Returns what changed.
pub fn commit(doc: &mut Document, batch: Batch) -> Result<Vec<Change>, Error> {
    if let Some(refusal) = batch.refusal() {
        return Err(refusal);
    }
    let mut changes = Vec::new();
    if let Some((kind, ids)) = batch.created {
        let note = format!("created by import from {}", batch.input);
        let lines: Vec<String> = ids
            .iter()
            .map(|id| placeholder_entity(kind, id, &note).map(|e| render_entity(&e)))
            .collect::<Result<_, _>>()?;
        let after = entity_slot(doc, kind);
        doc.insert(List::Entities, after, &lines)?;
        if !ids.is_empty() {
            changes.push(Change::CreatedEntities { kind, ids });
        }
    }
    let lines: Vec<String> = batch.relations.iter().map(render_relation).collect();
    doc.insert(List::Relations, None, &lines)?;
    changes.push(Change::Imported {
        kind: batch.kind,
        count: lines.len(),
        input: batch.input,
    });
    Ok(changes)
}

/// Turns the entity names an input gives into ids: exact ids of the
/// database first, then its names and aliases; unknown ones become new
/// entities when `create` names a kind, and errors otherwise. Each
/// distinct text is resolved once.
#[derive(Debug)]
pub struct Resolver<'n> {
    names: &'n Names,
    known: BTreeSet<String>,
    create: Option<EntityKind>,
    missing: Vec<String>,
    resolved: HashMap<String, String>,
}

impl<'n> Resolver<'n> {
    /// A resolver over the entities of `doc` (as it stands) and `names`
    /// (the database before the edit).
    pub fn new(doc: &Document, names: &'n Names, create: Option<EntityKind>) -> Resolver<'n> {
        Resolver {
            names,
            known: doc
                .records()
                .entities
                .iter()
                .map(|e| e.id().to_string())
                .collect(),
            create,
            missing: Vec::new(),
            resolved: HashMap::new(),
        }
    }

    /// The id `text` stands for, or why there is none.
    pub fn id(&mut self, text: &str) -> Result<String, String> {
        if let Some(id) = self.resolved.get(text) {
            return Ok(id.clone());
        }
        let id = if self.known.contains(text) {
            text.to_string()
        } else {
            match self.names.id(text) {
                Ok(id) => id,
                Err(_) if self.create.is_some() => {
                    if !self.missing.iter().any(|m| m == text) {
                        self.missing.push(text.to_string());
                    }
                    text.to_string()
                }
                Err(e) => {
                    return Err(format!("{e}; add it first or pass --create-missing KIND"));
                }
            }
        };
        self.resolved.insert(text.to_string(), id.clone());
        Ok(id)
    }

    /// The entities to create: their kind and ids, in the order met.
    pub fn created(self) -> Option<(EntityKind, Vec<String>)> {
        self.create.map(|kind| (kind, self.missing))
    }
}
