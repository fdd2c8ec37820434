//! The edits themselves: add, end, remove and format, as functions over a
//! [`Document`] that return what changed ([`Change`]) for a front end to
//! show.
//!
//! [`apply`] runs one [`Edit`] on a file from start to end: lock and read
//! it, resolve names against the database as it was, make the change,
//! validate the whole result and write it (or not, for a dry run). Other
//! multi-step edits (an importer) use [`edit_file`] with their own step.

use std::collections::BTreeMap;
use std::path::Path;

use super::document::Document;
use super::records::{
    self, EntityParams, RelationParams, SourceParams, entity_record, relation_record, source_record,
};
use super::select::{self, Matches};
use crate::date::PartialDate;
use crate::error::Error;
use crate::graph::DiploGraph;
use crate::model::{EntityKind, Relation, RelationKind};
use crate::store::convert;
use crate::store::locate::List;
use crate::store::save::{format as canonical, render_entity, render_relation, render_source};

/// Resolves the names an edit is given (ids, names, aliases) against the
/// database as it was before the edit. When that database is itself
/// invalid (an edit may be what repairs it), names are taken as ids.
#[derive(Debug)]
pub struct Names {
    graph: Option<DiploGraph>,
}

impl Names {
    /// The names of `doc` as it was opened.
    pub fn of(doc: &Document) -> Names {
        Names {
            graph: doc.snapshot().ok().map(DiploGraph::new),
        }
    }

    /// The id of the entity `text` names; unknown and ambiguous names are
    /// errors with suggestions, as in queries.
    pub fn id(&self, text: &str) -> Result<String, Error> {
        match &self.graph {
            Some(graph) => graph.resolve(text).map(|n| graph.entity(n).id.clone()),
            None => Ok(text.to_string()),
        }
    }

    /// The database before the edit, when it validates.
    pub fn graph(&self) -> Option<&DiploGraph> {
        self.graph.as_ref()
    }

    /// Refuses `text`, given for `--option`, when it already names an
    /// entity (ids, names and aliases must each name one entity).
    fn refuse_taken(&self, option: &str, text: &str) -> Result<(), Error> {
        let Some(graph) = &self.graph else {
            return Ok(());
        };
        match graph.named_exactly(text) {
            None => Ok(()),
            Some(node) => Err(Error::Usage(format!(
                "--{option} `{text}` already names {}; ids, names and aliases must each name one \
                 entity (compared ignoring case and accents)",
                graph.named(node)
            ))),
        }
    }

    /// Refuses `node`, given for `--option` (`from` or `to`) of a relation
    /// of `kind`, when its kind may not stand at that end.
    fn refuse_end(
        &self,
        option: &str,
        given: &str,
        id: &str,
        kind: RelationKind,
    ) -> Result<(), Error> {
        let Some(graph) = &self.graph else {
            return Ok(());
        };
        let Some(node) = graph.node(id) else {
            return Ok(());
        };
        let actual = graph.entity_kind(node);
        let allowed = if option == "from" {
            kind.allowed_from()
        } else {
            kind.allowed_to()
        };
        if allowed.contains(&actual) {
            return Ok(());
        }
        Err(Error::Usage(format!(
            "--{option} `{given}` is {}, {} {actual}, but {kind} goes {option} {}",
            graph.named(node),
            crate::error::article(actual.name()),
            crate::store::validate::kinds_text(allowed)
        )))
    }
}

/// One thing an edit changed, with what a report needs to say it. Lines
/// are 1-based lines of the file as edited (for removals: as it was).
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// An entity was added.
    AddedEntity {
        /// Its kind.
        kind: EntityKind,
        /// Its id.
        id: String,
        /// Its name.
        name: String,
        /// Where it now is.
        line: usize,
    },
    /// A source was added.
    AddedSource {
        /// Its id.
        id: String,
        /// Its title.
        title: String,
        /// Where it now is.
        line: usize,
    },
    /// A relation was added (as written, no defaults applied).
    AddedRelation {
        /// The relation added.
        relation: Relation,
        /// Where it now is.
        line: usize,
    },
    /// A relation was given its end date `on` (`relation` as it is now).
    Ended {
        /// The relation, with its new `until`.
        relation: Relation,
        /// The end date given.
        on: PartialDate,
        /// The end date it had, when `--force` moved it.
        previous: Option<PartialDate>,
        /// Where it is.
        line: usize,
    },
    /// An entity was removed.
    RemovedEntity {
        /// Its kind.
        kind: EntityKind,
        /// Its id.
        id: String,
        /// Where it was.
        line: usize,
    },
    /// A relation was removed.
    RemovedRelation {
        /// The relation removed.
        relation: Relation,
        /// Where it was.
        line: usize,
    },
    /// An importer created entities for ids the database lacked.
    CreatedEntities {
        /// Their kind.
        kind: EntityKind,
        /// Their ids, in the order the input named them.
        ids: Vec<String>,
    },
    /// A data set was imported.
    Dataset(DatasetSummary),
    /// An importer added `count` relations of `kind` read from `input`.
    Imported {
        /// Their kind.
        kind: RelationKind,
        /// How many.
        count: usize,
        /// The input's name.
        input: String,
    },
}

/// `n` with its thousands separated by commas, as an import's summary
/// counts rows: "870,109".
///
/// ```
/// assert_eq!(diplograph::edit::ops::thousands(870_109), "870,109");
/// assert_eq!(diplograph::edit::ops::thousands(999), "999");
/// ```
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What a data-set import did ([`crate::import::dataset::merge`]), for the
/// summary it ends with.
#[derive(serde::Serialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct DatasetSummary {
    /// The inputs.
    pub input: String,
    /// The source added, if it was not listed yet.
    pub source_added: Option<String>,
    /// Entities created, by kind.
    pub created: BTreeMap<EntityKind, usize>,
    /// Existing entities given fields they lacked (ids).
    pub completed: Vec<String>,
    /// Relations added, by kind.
    pub added: BTreeMap<RelationKind, usize>,
    /// Relations the database already held.
    pub present: usize,
    /// Relations not added because the database records the same fact
    /// (or, for memberships, another status of the state in the
    /// organization) for overlapping days, from another source: what the
    /// database says is kept, and the data set does not overwrite it.
    pub overlapping: usize,
    /// Rows skipped, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Notes on the input.
    pub notes: Vec<String>,
}

impl DatasetSummary {
    /// Whether the import changed nothing.
    pub fn is_empty(&self) -> bool {
        self.source_added.is_none()
            && self.created.is_empty()
            && self.completed.is_empty()
            && self.added.is_empty()
    }
}

/// The lines an edit changed: between the unchanged beginning and end of
/// the file, the old lines and the new, from line `line` (1-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// The first changed line (1-based).
    pub line: usize,
    /// The lines as they were.
    pub removed: Vec<String>,
    /// The lines as they are now.
    pub added: Vec<String>,
}

/// What an edit did: the file, whether it was written, the changes and
/// the text diff.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The file's name as messages give it.
    pub file: String,
    /// True when nothing was written (the change was only validated).
    pub dry_run: bool,
    /// What changed, in order.
    pub changes: Vec<Change>,
    /// The text that changed.
    pub diff: Diff,
}

/// Which relation an `end` or `remove relation` means: its kind and the
/// two ends (ids, names or aliases).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationRef {
    /// Its kind.
    pub kind: RelationKind,
    /// One end (either end for symmetric kinds).
    pub from: String,
    /// The other end.
    pub to: String,
}

/// Close a relation in force: give it the end date `on`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndParams {
    /// Which relation.
    pub relation: RelationRef,
    /// The first day the relation no longer holds (a date).
    pub on: String,
    /// `leads`: which office, when the person holds several.
    pub role: Option<String>,
    /// Move the end date of a relation that has already ended (refused
    /// otherwise, naming it with its dates).
    pub force: bool,
}

/// Remove an entity; with `cascade`, also every relation naming it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoveEntityParams {
    /// An id, name or alias.
    pub entity: String,
    /// Also remove the relations that name it.
    pub cascade: bool,
}

/// Remove a relation; `since` chooses among several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoveRelationParams {
    /// Which relation.
    pub relation: RelationRef,
    /// Its start date (a date), when the pair has several of the kind.
    pub since: Option<String>,
}

/// One edit of a database file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Add an entity, after the last of its kind.
    AddEntity(EntityParams),
    /// Add a relation; `from`, `to` and `over` may be names or aliases
    /// (they are resolved).
    AddRelation(RelationParams),
    /// Add a source.
    AddSource(SourceParams),
    /// Give the relation in force an end date.
    End(EndParams),
    /// Remove an entity (and, with `cascade`, the relations naming it).
    RemoveEntity(RemoveEntityParams),
    /// Remove one relation.
    RemoveRelation(RemoveRelationParams),
}

impl Edit {
    /// Makes this edit on `doc` (nothing is validated or written yet).
    pub fn apply_to(&self, doc: &mut Document, names: &Names) -> Result<Vec<Change>, Error> {
        Ok(match self {
            Edit::AddEntity(p) => vec![add_entity(doc, names, p)?],
            Edit::AddRelation(p) => vec![add_relation(doc, names, p)?],
            Edit::AddSource(p) => vec![add_source(doc, p)?],
            Edit::End(p) => vec![end(doc, names, p)?],
            Edit::RemoveEntity(p) => remove_entity(doc, names, p)?,
            Edit::RemoveRelation(p) => vec![remove_relation(doc, names, p)?],
        })
    }
}

/// Runs `edit` on the database file at `path`: validates the whole result
/// and writes it, unless `dry_run`. Nothing is written on any error.
///
/// ```
/// use diplograph::model::EntityKind;
/// use diplograph::edit::{Change, Edit, EntityParams, apply};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("graph.ron");
/// std::fs::write(&path, "(version: 1, checked: \"2024\", entities: [])\n").unwrap();
/// let edit = Edit::AddEntity(EntityParams::new(EntityKind::Country, "ARM", "Armenia"));
/// let outcome = apply(&path, &edit, false).unwrap();
/// assert!(matches!(&outcome.changes[0], Change::AddedEntity { id, .. } if id == "ARM"));
/// assert!(std::fs::read_to_string(&path).unwrap().contains(r#"country(id: "ARM", name: "Armenia")"#));
/// ```
pub fn apply(path: &Path, edit: &Edit, dry_run: bool) -> Result<Outcome, Error> {
    edit_file(path, dry_run, |doc, names| edit.apply_to(doc, names))
}

/// Opens the file at `path` for editing, lets `step` change it, then
/// validates and (unless `dry_run`) writes the result in one commit.
pub fn edit_file(
    path: &Path,
    dry_run: bool,
    step: impl FnOnce(&mut Document, &Names) -> Result<Vec<Change>, Error>,
) -> Result<Outcome, Error> {
    let mut doc = Document::open(path)?;
    let names = Names::of(&doc);
    let changes = step(&mut doc, &names)?;
    let diff = {
        let (line, removed, added) = doc.diff();
        Diff {
            line,
            removed: removed.iter().map(ToString::to_string).collect(),
            added: added.iter().map(ToString::to_string).collect(),
        }
    };
    let file = doc.name();
    let valid_before = names.graph().is_some();
    match doc.commit(dry_run) {
        Ok(_) => {}
        // The file was valid: what is wrong now is the edit's doing, so
        // it is the command line's fault, said without the positions of
        // a text that was never written.
        Err(Error::Invalid(invalid)) if valid_before => {
            return Err(Error::EditRefused {
                file,
                count: invalid.problems.len(),
                problems: invalid
                    .problems
                    .iter()
                    .take(crate::error::EDIT_PROBLEMS_SHOWN)
                    .map(|p| crate::error::EditProblem {
                        message: p.message.clone(),
                        help: p.help.clone(),
                    })
                    .collect(),
            });
        }
        Err(other) => return Err(other),
    }
    Ok(Outcome {
        file,
        dry_run,
        changes,
        diff,
    })
}

/// Where a new entity of `kind` goes: after the last entity of that kind
/// (kinds stay together), or at the end of the list.
pub fn entity_slot(doc: &Document, kind: EntityKind) -> Option<usize> {
    doc.records()
        .entities
        .iter()
        .rposition(|e| convert::entity_kind(e) == kind)
}

/// Adds an entity after the last one of its kind.
pub fn add_entity(
    doc: &mut Document,
    names: &Names,
    params: &EntityParams,
) -> Result<Change, Error> {
    let record = entity_record(params)?;
    names.refuse_taken("id", &params.id)?;
    names.refuse_taken("name", &params.name)?;
    for alias in &params.aliases {
        names.refuse_taken("alias", alias)?;
    }
    let after = entity_slot(doc, params.kind);
    doc.insert(List::Entities, after, &[render_entity(&record)])?;
    let index = after.map_or(doc.records().entities.len() - 1, |i| i + 1);
    Ok(Change::AddedEntity {
        kind: params.kind,
        id: params.id.clone(),
        name: params.name.clone(),
        line: doc.line_of(List::Entities, index),
    })
}

/// Adds a relation at the end of the list; its ends and `over` may be
/// given by name.
pub fn add_relation(
    doc: &mut Document,
    names: &Names,
    params: &RelationParams,
) -> Result<Change, Error> {
    let mut resolved = params.clone();
    resolved.from = names.id(&params.from)?;
    resolved.to = names.id(&params.to)?;
    resolved.over = params.over.as_deref().map(|o| names.id(o)).transpose()?;
    let record = relation_record(&resolved)?;
    if resolved.from == resolved.to {
        return Err(Error::Usage(format!(
            "--from `{}` and --to `{}` are the same entity, `{}`; a relation joins two",
            params.from, params.to, resolved.from
        )));
    }
    names.refuse_end("from", &params.from, &resolved.from, params.kind)?;
    names.refuse_end("to", &params.to, &resolved.to, params.kind)?;
    if let (Some(graph), Some(given), Some(over)) = (
        names.graph(),
        params.over.as_deref(),
        resolved.over.as_deref(),
    ) && let Some(node) = graph.node(over)
        && graph.entity_kind(node) != EntityKind::Issue
    {
        return Err(Error::Usage(format!(
            "--over `{given}` is {}, {} {}, but a {} is over an issue",
            graph.named(node),
            crate::error::article(graph.entity_kind(node).name()),
            graph.entity_kind(node),
            params.kind
        )));
    }
    if let Some(source) = &params.source {
        refuse_unlisted(doc, source)?;
    }
    let relation = convert::relation_from_record(record.clone(), &mut |t| t.parse().ok());
    doc.insert(List::Relations, None, &[render_relation(&record)])?;
    let index = doc.records().relations.len() - 1;
    Ok(Change::AddedRelation {
        relation,
        line: doc.line_of(List::Relations, index),
    })
}

/// Refuses `--source ID` when no source of `doc` has that id.
fn refuse_unlisted(doc: &Document, source: &str) -> Result<(), Error> {
    let sources = &doc.records().sources;
    if sources.iter().any(|s| s.id == source) {
        return Ok(());
    }
    let ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    Err(Error::Usage(format!(
        "--source `{source}` is not a listed source ({}); add it first with `diplograph add source`",
        if ids.is_empty() {
            "there are none".to_string()
        } else {
            format!("listed: {}", ids.join(", "))
        }
    )))
}

/// Adds a source at the end of the list.
pub fn add_source(doc: &mut Document, params: &SourceParams) -> Result<Change, Error> {
    let record = source_record(params)?;
    if doc.records().sources.iter().any(|s| s.id == params.id) {
        return Err(Error::Usage(format!(
            "--id `{}` is already the id of a source",
            params.id
        )));
    }
    doc.insert(List::Sources, None, &[render_source(&record)])?;
    let index = doc.records().sources.len() - 1;
    Ok(Change::AddedSource {
        id: params.id.clone(),
        title: params.title.clone(),
        line: doc.line_of(List::Sources, index),
    })
}

/// Ends the relation in force (see [`select`] for which one): sets its
/// `until`, keeping it as history.
pub fn end(doc: &mut Document, names: &Names, params: &EndParams) -> Result<Change, Error> {
    let RelationRef { kind, from, to } = &params.relation;
    let (from, to) = (names.id(from)?, names.id(to)?);
    let on: PartialDate = records::date("on", &params.on)?
        .parse()
        .map_err(|e| Error::Usage(format!("--on: {e}")))?;
    let matches = Matches::find(doc, names.graph(), *kind, &from, &to);
    let (chosen, previous) = matches.to_end(on, params.role.as_deref(), params.force)?;
    let index = chosen.index;
    let mut record = doc.records().relations[index].clone();
    *record.common_mut().until = Some(on.to_string());
    doc.replace(List::Relations, index, &render_relation(&record))?;
    let relation = convert::relation_from_record(record, &mut |t| t.parse().ok());
    Ok(Change::Ended {
        relation,
        on,
        previous,
        line: doc.line_of(List::Relations, index),
    })
}

/// Removes an entity; refused while relations name it unless `cascade`,
/// which removes them too (listed after the entity in the changes).
pub fn remove_entity(
    doc: &mut Document,
    names: &Names,
    params: &RemoveEntityParams,
) -> Result<Vec<Change>, Error> {
    let id = names.id(&params.entity)?;
    let Some(index) = doc.records().entities.iter().position(|e| e.id() == id) else {
        return Err(Error::Usage(format!(
            "there is no entity `{id}` in {}",
            doc.name()
        )));
    };
    let naming = select::naming(doc, &id);
    if !naming.is_empty() && !params.cascade {
        return Err(Error::Usage(format!(
            "`{id}` is named by {} relation(s); remove them first, or use --cascade to remove them too: {}",
            naming.len(),
            select::listing(&naming, &doc.name())
        )));
    }
    // From the last, so the indices (and lines) of the others hold.
    for candidate in naming.iter().rev() {
        doc.remove(List::Relations, candidate.index)?;
    }
    let kind = convert::entity_kind(&doc.records().entities[index]);
    let line = doc.line_of(List::Entities, index);
    doc.remove(List::Entities, index)?;
    let mut changes = vec![Change::RemovedEntity { kind, id, line }];
    changes.extend(naming.into_iter().map(|c| Change::RemovedRelation {
        relation: c.relation,
        line: c.line,
    }));
    Ok(changes)
}

/// Removes one relation (see [`select`] for which one).
pub fn remove_relation(
    doc: &mut Document,
    names: &Names,
    params: &RemoveRelationParams,
) -> Result<Change, Error> {
    let RelationRef { kind, from, to } = &params.relation;
    let (from, to) = (names.id(from)?, names.id(to)?);
    let since = params
        .since
        .as_deref()
        .map(|s| records::date("since", s))
        .transpose()?;
    let matches = Matches::find(doc, names.graph(), *kind, &from, &to);
    let chosen = matches.to_remove(since.as_deref())?.clone();
    doc.remove(List::Relations, chosen.index)?;
    Ok(Change::RemovedRelation {
        relation: chosen.relation,
        line: chosen.line,
    })
}

/// What [`fmt`] found or did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formatted {
    /// Checked: the file is in canonical form.
    Canonical,
    /// Checked: it is not (nothing was changed).
    NotCanonical,
    /// The file was rewritten in canonical form.
    Rewrote,
    /// The file was already canonical; nothing was written.
    AlreadyCanonical,
}

/// Puts the file at `path` in canonical form (see
/// [`crate::store::save::format`]), or with `check` only says whether it
/// is. Rewriting validates the result and writes under the lock.
pub fn fmt(path: &Path, check: bool) -> Result<Formatted, Error> {
    let name = path.display().to_string();
    if check {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let text = crate::store::decode(&name, bytes)?;
        return Ok(if canonical(&name, &text)? == text {
            Formatted::Canonical
        } else {
            Formatted::NotCanonical
        });
    }
    let mut doc = Document::open(path)?;
    let formatted = canonical(&name, doc.text())?;
    let changed = formatted != doc.text();
    doc.set_whole(formatted)?;
    doc.commit(false)?;
    Ok(if changed {
        Formatted::Rewrote
    } else {
        Formatted::AlreadyCanonical
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Position;

    const FILE: &str = r#"(
    version: 1,
    checked: "2024-07-04",
    sources: [
    ],
    entities: [
        // states
        country(id: "IND", name: "India"),
        country(id: "PAK", name: "Pakistan"),
        organization(id: "SCO", name: "Shanghai Cooperation Organisation"),
        person(id: "p", name: "Pat Doe"),
        issue(id: "kashmir", name: "Kashmir"),
    ],
    relations: [
        member(from: "IND", to: "SCO", since: "2017-06-09"),
        member(from: "PAK", to: "SCO", since: "2017-06-09"),
        leads(from: "p", to: "IND", role: "President", since: "2010", until: "2015"),
        leads(from: "p", to: "IND", role: "President", since: "2020"),
        dispute(from: "IND", to: "PAK", over: "kashmir", since: "1947"),
    ],
)
"#;

    fn file() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.ron");
        std::fs::write(&path, FILE).unwrap();
        (dir, path)
    }

    fn usage(err: Error) -> String {
        match err {
            Error::Usage(message) => message,
            other => panic!("expected a usage error, got {other:?}"),
        }
    }

    fn pair(kind: RelationKind, from: &str, to: &str) -> RelationRef {
        RelationRef {
            kind,
            from: from.into(),
            to: to.into(),
        }
    }

    #[test]
    fn add_entity_keeps_kinds_together_and_reports_its_line() {
        let (_dir, path) = file();
        let mut params = EntityParams::new(EntityKind::Country, "ARM", "Armenia");
        params.aliases = vec!["Hayastan".into()];
        let outcome = apply(&path, &Edit::AddEntity(params), false).unwrap();
        let name = path.display().to_string();
        assert_eq!(
            outcome,
            Outcome {
                file: name,
                dry_run: false,
                changes: vec![Change::AddedEntity {
                    kind: EntityKind::Country,
                    id: "ARM".into(),
                    name: "Armenia".into(),
                    line: 10,
                }],
                diff: Diff {
                    line: 10,
                    removed: vec![],
                    added: vec![
                        r#"        country(id: "ARM", name: "Armenia", aliases: ["Hayastan"]),"#
                            .into()
                    ],
                },
            }
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().nth(9), Some(outcome.diff.added[0].as_str()));
    }

    #[test]
    fn add_relation_resolves_names_and_a_dry_run_writes_nothing() {
        let (_dir, path) = file();
        let mut params = RelationParams::new(RelationKind::Stance, "Pakistan", "Kashmir");
        params.position = Some(Position::Supports);
        params.since = Some("1948".into());
        let outcome = apply(&path, &Edit::AddRelation(params), true).unwrap();
        assert!(outcome.dry_run);
        let Change::AddedRelation { relation, line } = &outcome.changes[0] else {
            panic!("{:?}", outcome.changes)
        };
        assert_eq!(
            (relation.from.as_str(), relation.to.as_str(), *line),
            ("PAK", "kashmir", 20)
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
        let err = apply(
            &path,
            &Edit::AddRelation(RelationParams::new(RelationKind::Member, "Narnia", "SCO")),
            false,
        )
        .unwrap_err();
        assert!(matches!(err, Error::UnknownEntity { .. }), "{err:?}");
    }

    #[test]
    fn end_closes_the_open_term_and_refuses_an_ended_one() {
        let (_dir, path) = file();
        let end_on = |on: &str| {
            Edit::End(EndParams {
                relation: pair(RelationKind::Leads, "Pat Doe", "India"),
                on: on.into(),
                role: None,
                force: false,
            })
        };
        let err = usage(apply(&path, &end_on("2012"), false).unwrap_err());
        assert!(err.contains("already ends on 2015"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
        let outcome = apply(&path, &end_on("2025-01-20"), false).unwrap();
        let Change::Ended {
            relation,
            on,
            line,
            previous: None,
        } = &outcome.changes[0]
        else {
            panic!("{:?}", outcome.changes)
        };
        assert_eq!(on.to_string(), "2025-01-20");
        assert_eq!(*line, 18);
        assert_eq!(relation.validity.until, Some(*on));
        assert!(std::fs::read_to_string(&path).unwrap().contains(
            r#"leads(from: "p", to: "IND", role: "President", since: "2020", until: "2025-01-20"),"#
        ));
        let err = usage(apply(&path, &end_on("2025-13"), false).unwrap_err());
        assert!(err.starts_with("--on: "), "{err}");
    }

    #[test]
    fn remove_entity_refuses_then_cascades_listing_every_relation() {
        let (_dir, path) = file();
        let remove = |cascade| {
            Edit::RemoveEntity(RemoveEntityParams {
                entity: "Pakistan".into(),
                cascade,
            })
        };
        let err = usage(apply(&path, &remove(false), false).unwrap_err());
        assert!(
            err.starts_with("`PAK` is named by 2 relation(s); remove them first"),
            "{err}"
        );
        let outcome = apply(&path, &remove(true), false).unwrap();
        let lines: Vec<usize> = outcome
            .changes
            .iter()
            .map(|c| match c {
                Change::RemovedEntity { line, .. } | Change::RemovedRelation { line, .. } => *line,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(lines, vec![9, 16, 19]);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("PAK"), "{text}");
        assert!(text.contains("// states"));
    }

    #[test]
    fn remove_relation_chooses_by_since() {
        let (_dir, path) = file();
        let remove = |since: Option<&str>| {
            Edit::RemoveRelation(RemoveRelationParams {
                relation: pair(RelationKind::Leads, "p", "IND"),
                since: since.map(String::from),
            })
        };
        let err = usage(apply(&path, &remove(None), false).unwrap_err());
        assert!(err.contains("name one with --since"), "{err}");
        let outcome = apply(&path, &remove(Some("2010")), false).unwrap();
        assert!(matches!(
            &outcome.changes[0],
            Change::RemovedRelation { line: 17, relation } if relation.validity.since.map(|d| d.to_string()).as_deref() == Some("2010")
        ));
        assert_eq!(outcome.diff.line, 17);
        assert_eq!(outcome.diff.removed.len(), 1);
    }

    #[test]
    fn fmt_checks_then_rewrites() {
        let (_dir, path) = file();
        assert_eq!(fmt(&path, true).unwrap(), Formatted::Canonical);
        assert_eq!(fmt(&path, false).unwrap(), Formatted::AlreadyCanonical);
        std::fs::write(&path, FILE.replace("member(from", "member( from")).unwrap();
        assert_eq!(fmt(&path, true).unwrap(), Formatted::NotCanonical);
        assert_eq!(fmt(&path, false).unwrap(), Formatted::Rewrote);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
    }
}
