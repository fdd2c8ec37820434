//! The editing commands: `add`, `end`, `remove`, `fmt`, `import`.
//!
//! Each one opens the database under a lock, changes the text of the
//! elements concerned (see [`crate::store::edit`]), validates the whole
//! result and writes it atomically, or with `--dry-run` shows the change
//! and writes nothing. Each prints what it changed.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use crate::date::PartialDate;
use crate::error::Error;
use crate::graph::DiploGraph;
use crate::model::{EntityKind, Position, RelationKind};
use crate::render::Format;
use crate::schema::{
    ContestRecord, EntityRecord, EventRecord, NamedRecord, OfficeRecord, RelationRecord,
    SourceRecord, StanceRecord, TieRecord,
};
use crate::store::edit::Document;
use crate::store::locate::List;
use crate::store::save::{format as canonical, render_entity, render_relation, render_source};
use crate::store::validate::describe;
use crate::store::{Origin, convert};

/// Editing subcommands (flattened into the main command list).
#[derive(Debug, Subcommand)]
pub enum Edit {
    /// Add an entity, a relation or a source
    #[command(subcommand)]
    Add(Add),
    /// Close a relation that is in force (history is kept: sets its `until`)
    End(EndArgs),
    /// Remove an entity or a relation from the file
    #[command(subcommand)]
    Remove(Remove),
    /// Rewrite the file in canonical form (one element per line; order and comments kept)
    Fmt(FmtArgs),
    /// Bulk-load relations from a file
    #[command(subcommand)]
    Import(Import),
}

/// Options every writing command takes.
#[derive(Debug, Args)]
pub struct WriteArgs {
    /// Show the change and validate it, but write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Which relation: its kind and its two ends.
#[derive(Debug, Args)]
pub struct RelationRef {
    #[arg(long, value_enum)]
    pub kind: RelationKind,
    /// An id, name or alias
    #[arg(long)]
    pub from: String,
    /// An id, name or alias
    #[arg(long)]
    pub to: String,
}

#[derive(Debug, Subcommand)]
pub enum Add {
    /// Add an entity
    Entity(AddEntity),
    /// Add a relation
    Relation(AddRelation),
    /// Add a source that relations can cite
    Source(AddSource),
}

#[derive(Debug, Args)]
pub struct AddEntity {
    #[arg(long, value_enum)]
    pub kind: EntityKind,
    /// The id: ISO alpha-3 for countries, acronym for organizations, a lowercase slug otherwise
    #[arg(long)]
    pub id: String,
    #[arg(long)]
    pub name: String,
    /// Another spelling or transliteration (repeatable)
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
    #[arg(long)]
    pub note: Option<String>,
    /// events: where it takes place
    #[arg(long)]
    pub place: Option<String>,
    /// events: first day
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// events: last day
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
pub struct AddRelation {
    #[command(flatten)]
    pub relation: RelationRef,
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// The id of a listed source
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    /// leads: the office, e.g. "President"
    #[arg(long)]
    pub role: Option<String>,
    /// leads: holds the office in an acting capacity
    #[arg(long)]
    pub acting: bool,
    /// dispute, conflict: the issue it is over
    #[arg(long)]
    pub over: Option<String>,
    /// stance: the position taken
    #[arg(long, value_enum)]
    pub position: Option<Position>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
pub struct AddSource {
    #[arg(long)]
    pub id: String,
    #[arg(long)]
    pub title: String,
    #[arg(long)]
    pub publisher: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
pub struct EndArgs {
    #[command(flatten)]
    pub relation: RelationRef,
    /// The first day the relation no longer holds
    #[arg(long, value_name = "DATE")]
    pub on: String,
    /// leads: which office, when the person holds several
    #[arg(long)]
    pub role: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Subcommand)]
pub enum Remove {
    /// Remove an entity (refused while relations name it, unless --cascade)
    Entity(RemoveEntity),
    /// Remove a relation
    Relation(RemoveRelation),
}

#[derive(Debug, Args)]
pub struct RemoveEntity {
    /// An id, name or alias
    pub entity: String,
    /// Also remove every relation that names it
    #[arg(long)]
    pub cascade: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
pub struct RemoveRelation {
    #[command(flatten)]
    pub relation: RelationRef,
    /// Which one, when the same pair has several of this kind
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Change nothing; exit 1 when the file is not in canonical form
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Subcommand)]
pub enum Import {
    /// Relations from a CSV edge list with a header row (e.g. a COW dyad file)
    Csv(ImportCsv),
}

#[derive(Debug, Args)]
pub struct ImportCsv {
    /// The CSV file
    pub path: PathBuf,
    /// The kind of every relation in the file
    #[arg(long, value_enum)]
    pub kind: RelationKind,
    #[arg(long, default_value = "from", value_name = "COLUMN")]
    pub from_column: String,
    #[arg(long, default_value = "to", value_name = "COLUMN")]
    pub to_column: String,
    /// Column of start dates (YYYY, YYYY-MM or YYYY-MM-DD), if any
    #[arg(long, default_value = "since", value_name = "COLUMN")]
    pub since_column: String,
    /// Column of end dates, if any
    #[arg(long, default_value = "until", value_name = "COLUMN")]
    pub until_column: String,
    /// Column of notes, if any
    #[arg(long, default_value = "note", value_name = "COLUMN")]
    pub note_column: String,
    /// Cite this source (its id) on every imported relation
    #[arg(long)]
    pub source: Option<String>,
    /// Create entities of this kind for ids the database does not have (id and name = the value)
    #[arg(long, value_enum, value_name = "KIND")]
    pub create_missing: Option<EntityKind>,
    /// leads: the office, for every row
    #[arg(long)]
    pub role: Option<String>,
    /// stance: the position, for every row
    #[arg(long, value_enum)]
    pub position: Option<Position>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// The file an edit applies to: never the copy bundled into the binary.
fn editable(origin: &Origin) -> Result<&Path, Error> {
    match origin {
        Origin::File(path) => Ok(path),
        Origin::Bundled => Err(Error::Usage(
            "there is no database file to edit here: pass --graph PATH, set DIPLOGRAPH_GRAPH, \
             or run in a directory that holds graph.ron"
                .into(),
        )),
    }
}

/// Checks a date given on the command line.
fn date(what: &str, text: &str) -> Result<String, Error> {
    text.parse::<PartialDate>()
        .map(|d| d.to_string())
        .map_err(|e| Error::Usage(format!("--{what}: {e}")))
}

fn opt_date(what: &str, text: &Option<String>) -> Result<Option<String>, Error> {
    text.as_deref().map(|t| date(what, t)).transpose()
}

/// Resolves command-line names against the database as it was before the
/// edit; when that database is itself invalid, names are taken as ids.
struct Names {
    graph: Option<DiploGraph>,
}

impl Names {
    fn new(doc: &Document) -> Names {
        Names {
            graph: doc.snapshot().ok().map(DiploGraph::new),
        }
    }

    fn id(&self, text: &str) -> Result<String, Error> {
        match &self.graph {
            Some(graph) => graph.resolve(text).map(|n| graph.entity(n).id.clone()),
            None => Ok(text.to_string()),
        }
    }
}

/// What an edit did, for the report.
struct Outcome {
    changes: Vec<String>,
}

/// Runs an editing command; returns what to print on stdout.
pub fn run(origin: &Origin, format: Format, command: &Edit) -> Result<String, Error> {
    let path = editable(origin)?;
    if let Edit::Fmt(args) = command {
        return fmt(path, args, format);
    }
    let mut doc = Document::open(path)?;
    let names = Names::new(&doc);
    let (outcome, dry_run) = match command {
        Edit::Add(Add::Entity(args)) => (add_entity(&mut doc, args)?, args.write.dry_run),
        Edit::Add(Add::Relation(args)) => {
            (add_relation(&mut doc, &names, args)?, args.write.dry_run)
        }
        Edit::Add(Add::Source(args)) => (add_source(&mut doc, args)?, args.write.dry_run),
        Edit::End(args) => (end(&mut doc, &names, args)?, args.write.dry_run),
        Edit::Remove(Remove::Entity(args)) => {
            (remove_entity(&mut doc, &names, args)?, args.write.dry_run)
        }
        Edit::Remove(Remove::Relation(args)) => {
            (remove_relation(&mut doc, &names, args)?, args.write.dry_run)
        }
        Edit::Import(Import::Csv(args)) => {
            (import_csv(&mut doc, &names, args)?, args.write.dry_run)
        }
        Edit::Fmt(_) => unreachable!("handled above"),
    };
    let (line, removed, added) = {
        let (line, removed, added) = doc.diff();
        (
            line,
            removed.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            added.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
    };
    let name = doc.name();
    doc.commit(dry_run)?;
    Ok(report(
        &name, format, dry_run, &outcome, line, &removed, &added,
    ))
}

fn report(
    name: &str,
    format: Format,
    dry_run: bool,
    outcome: &Outcome,
    line: usize,
    removed: &[String],
    added: &[String],
) -> String {
    if format == Format::Json {
        let value = serde_json::json!({
            "file": name,
            "dry_run": dry_run,
            "changes": outcome.changes,
            "diff": { "line": line, "removed": removed, "added": added },
        });
        return serde_json::to_string_pretty(&value).expect("JSON values serialize") + "\n";
    }
    let mut out = String::new();
    for change in &outcome.changes {
        out.push_str(change);
        out.push('\n');
    }
    if dry_run {
        out.push_str(&format!("--- {name} (line {line})\n"));
        for l in removed {
            out.push_str(&format!("-{l}\n"));
        }
        for l in added {
            out.push_str(&format!("+{l}\n"));
        }
        out.push_str("dry run: nothing was written\n");
    }
    out
}

fn entity_record(args: &AddEntity) -> Result<EntityRecord, Error> {
    let named = || NamedRecord {
        id: args.id.clone(),
        name: args.name.clone(),
        aliases: args.aliases.clone(),
        note: args.note.clone(),
    };
    if args.kind != EntityKind::Event
        && (args.place.is_some() || args.start.is_some() || args.end.is_some())
    {
        return Err(Error::Usage(
            "--place, --start and --end describe events only".into(),
        ));
    }
    Ok(match args.kind {
        EntityKind::Country => EntityRecord::Country(named()),
        EntityKind::Person => EntityRecord::Person(named()),
        EntityKind::Organization => EntityRecord::Organization(named()),
        EntityKind::Issue => EntityRecord::Issue(named()),
        EntityKind::Event => EntityRecord::Event(EventRecord {
            id: args.id.clone(),
            name: args.name.clone(),
            aliases: args.aliases.clone(),
            place: args.place.clone(),
            start: opt_date("start", &args.start)?,
            end: opt_date("end", &args.end)?,
            note: args.note.clone(),
        }),
    })
}

fn add_entity(doc: &mut Document, args: &AddEntity) -> Result<Outcome, Error> {
    let record = entity_record(args)?;
    let kind = args.kind;
    // Keep kinds together: after the last entity of the same kind.
    let after = doc
        .records()
        .entities
        .iter()
        .rposition(|e| convert::entity_kind(e) == kind);
    doc.insert(List::Entities, after, &[render_entity(&record)])?;
    let index = after.map_or(doc.records().entities.len() - 1, |i| i + 1);
    Ok(Outcome {
        changes: vec![format!(
            "added {kind} `{}` ({}) at {}:{}",
            args.id,
            args.name,
            doc.name(),
            doc.line_of(List::Entities, index)
        )],
    })
}

/// The record for a relation of `kind`, refusing fields the kind lacks.
#[allow(clippy::too_many_arguments)]
fn relation_record(
    kind: RelationKind,
    tie: TieRecord,
    role: Option<String>,
    acting: bool,
    over: Option<String>,
    position: Option<Position>,
) -> Result<RelationRecord, Error> {
    let refuse = |field: &str, kinds: &str| {
        Err(Error::Usage(format!(
            "--{field} belongs to {kinds} relations, not {kind}"
        )))
    };
    if kind != RelationKind::Leads && (role.is_some() || acting) {
        return refuse(if acting { "acting" } else { "role" }, "leads");
    }
    if !matches!(kind, RelationKind::Dispute | RelationKind::Conflict) && over.is_some() {
        return refuse("over", "dispute and conflict");
    }
    if kind != RelationKind::Stance && position.is_some() {
        return refuse("position", "stance");
    }
    let TieRecord {
        from,
        to,
        since,
        until,
        source,
        note,
    } = tie;
    use RelationRecord as R;
    Ok(match kind {
        RelationKind::Leads => R::Leads(OfficeRecord {
            from,
            to,
            role: role
                .ok_or_else(|| Error::Usage("leads needs --role, e.g. --role President".into()))?,
            acting,
            since,
            until,
            source,
            note,
        }),
        RelationKind::Dispute | RelationKind::Conflict => {
            let c = ContestRecord {
                from,
                to,
                over,
                since,
                until,
                source,
                note,
            };
            if kind == RelationKind::Dispute {
                R::Dispute(c)
            } else {
                R::Conflict(c)
            }
        }
        RelationKind::Stance => R::Stance(StanceRecord {
            from,
            to,
            position: position.ok_or_else(|| {
                Error::Usage("stance needs --position supports|opposes|neutral".into())
            })?,
            since,
            until,
            source,
            note,
        }),
        other => {
            let t = TieRecord {
                from,
                to,
                since,
                until,
                source,
                note,
            };
            match other {
                RelationKind::Member => R::Member(t),
                RelationKind::Observer => R::Observer(t),
                RelationKind::DialoguePartner => R::DialoguePartner(t),
                RelationKind::Founder => R::Founder(t),
                RelationKind::Hosts => R::Hosts(t),
                RelationKind::Attends => R::Attends(t),
                RelationKind::Partnership => R::Partnership(t),
                RelationKind::Alliance => R::Alliance(t),
                RelationKind::Rivalry => R::Rivalry(t),
                RelationKind::Supports => R::Supports(t),
                _ => R::Sanctions(t),
            }
        }
    })
}

fn add_relation(doc: &mut Document, names: &Names, args: &AddRelation) -> Result<Outcome, Error> {
    let tie = TieRecord {
        from: names.id(&args.relation.from)?,
        to: names.id(&args.relation.to)?,
        since: opt_date("since", &args.since)?,
        until: opt_date("until", &args.until)?,
        source: args.source.clone(),
        note: args.note.clone(),
    };
    let over = args.over.as_deref().map(|o| names.id(o)).transpose()?;
    let record = relation_record(
        args.relation.kind,
        tie,
        args.role.clone(),
        args.acting,
        over,
        args.position,
    )?;
    let relation = convert::relation_from_record(record.clone(), &mut |t| t.parse().ok());
    doc.insert(List::Relations, None, &[render_relation(&record)])?;
    let index = doc.records().relations.len() - 1;
    Ok(Outcome {
        changes: vec![format!(
            "added {}{} at {}:{}",
            describe(&relation),
            since_text(&relation.validity.since.map(|d| d.to_string())),
            doc.name(),
            doc.line_of(List::Relations, index)
        )],
    })
}

fn since_text(since: &Option<String>) -> String {
    since
        .as_ref()
        .map(|s| format!(" since {s}"))
        .unwrap_or_default()
}

fn add_source(doc: &mut Document, args: &AddSource) -> Result<Outcome, Error> {
    let record = SourceRecord {
        id: args.id.clone(),
        title: args.title.clone(),
        publisher: args.publisher.clone(),
        date: opt_date("date", &args.date)?,
        url: args.url.clone(),
        note: args.note.clone(),
    };
    doc.insert(List::Sources, None, &[render_source(&record)])?;
    let index = doc.records().sources.len() - 1;
    Ok(Outcome {
        changes: vec![format!(
            "added source `{}` ({}) at {}:{}",
            args.id,
            args.title,
            doc.name(),
            doc.line_of(List::Sources, index)
        )],
    })
}

/// Relations of `kind` between `from` and `to` (either way round for
/// symmetric kinds), as indices into the file's relations.
fn matching(doc: &Document, kind: RelationKind, from: &str, to: &str) -> Vec<usize> {
    doc.records()
        .relations
        .iter()
        .enumerate()
        .filter_map(|(i, record)| {
            let r = convert::relation_from_record(record.clone(), &mut |t| t.parse().ok());
            let same = r.from == from && r.to == to;
            let reversed = kind.is_symmetric() && r.from == to && r.to == from;
            (r.kind == kind && (same || reversed)).then_some(i)
        })
        .collect()
}

fn listing(doc: &Document, indices: &[usize]) -> String {
    indices
        .iter()
        .map(|i| {
            let r = convert::relation_from_record(doc.records().relations[*i].clone(), &mut |t| {
                t.parse().ok()
            });
            format!(
                "{}{} ({}:{})",
                describe(&r),
                since_text(&r.validity.since.map(|d| d.to_string())),
                doc.name(),
                doc.line_of(List::Relations, *i)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn end(doc: &mut Document, names: &Names, args: &EndArgs) -> Result<Outcome, Error> {
    let RelationRef { kind, from, to } = &args.relation;
    let (kind, from, to) = (*kind, names.id(from)?, names.id(to)?);
    let on: PartialDate = date("on", &args.on)?.parse().expect("checked above");
    let all = matching(doc, kind, &from, &to);
    let in_force: Vec<usize> = all
        .iter()
        .copied()
        .filter(|i| {
            let mut record = doc.records().relations[*i].clone();
            let common = record.common_mut();
            let since = common
                .since
                .as_deref()
                .and_then(|s| s.parse::<PartialDate>().ok());
            let until = common
                .until
                .as_deref()
                .and_then(|s| s.parse::<PartialDate>().ok());
            let started = since.is_none_or(|s| s.first_day() < on.first_day());
            let open = until.is_none_or(|u| on.first_day() < u.first_day());
            let role_ok = match (&args.role, &doc.records().relations[*i]) {
                (Some(role), RelationRecord::Leads(o)) => o.role.eq_ignore_ascii_case(role),
                (Some(_), _) => false,
                (None, _) => true,
            };
            started && open && role_ok
        })
        .collect();
    let index = match in_force.as_slice() {
        [one] => *one,
        [] if all.is_empty() => {
            return Err(Error::Usage(format!(
                "there is no {} relation between `{from}` and `{to}` to end",
                kind
            )));
        }
        [] => {
            return Err(Error::Usage(format!(
                "no {} relation between `{from}` and `{to}` is in force on {on} (begun before it and not yet ended): {}",
                kind,
                listing(doc, &all)
            )));
        }
        many => {
            return Err(Error::Usage(format!(
                "several {} relations between `{from}` and `{to}` are in force on {on}; name one with --role: {}",
                kind,
                listing(doc, many)
            )));
        }
    };
    let mut record = doc.records().relations[index].clone();
    *record.common_mut().until = Some(on.to_string());
    doc.replace(List::Relations, index, &render_relation(&record))?;
    let relation = convert::relation_from_record(record, &mut |t| t.parse().ok());
    Ok(Outcome {
        changes: vec![format!(
            "ended {} on {on} ({}:{})",
            describe(&relation),
            doc.name(),
            doc.line_of(List::Relations, index)
        )],
    })
}

fn remove_entity(doc: &mut Document, names: &Names, args: &RemoveEntity) -> Result<Outcome, Error> {
    let id = names.id(&args.entity)?;
    let Some(index) = doc.records().entities.iter().position(|e| e.id() == id) else {
        return Err(Error::Usage(format!(
            "there is no entity `{id}` in {}",
            doc.name()
        )));
    };
    let naming: Vec<usize> = doc
        .records()
        .relations
        .iter()
        .enumerate()
        .filter(|(_, record)| {
            let r = convert::relation_from_record((*record).clone(), &mut |t| t.parse().ok());
            r.from == id || r.to == id || r.over.as_deref() == Some(id.as_str())
        })
        .map(|(i, _)| i)
        .collect();
    if !naming.is_empty() && !args.cascade {
        return Err(Error::Usage(format!(
            "`{id}` is named by {} relation(s); remove them first, or use --cascade to remove them too: {}",
            naming.len(),
            listing(doc, &naming)
        )));
    }
    let mut changes = Vec::new();
    for &i in naming.iter().rev() {
        changes.push(format!("removed {}", listing(doc, &[i])));
        doc.remove(List::Relations, i)?;
    }
    changes.reverse();
    let kind = convert::entity_kind(&doc.records().entities[index]);
    let line = doc.line_of(List::Entities, index);
    doc.remove(List::Entities, index)?;
    changes.insert(0, format!("removed {kind} `{id}` ({}:{line})", doc.name()));
    Ok(Outcome { changes })
}

fn remove_relation(
    doc: &mut Document,
    names: &Names,
    args: &RemoveRelation,
) -> Result<Outcome, Error> {
    let RelationRef { kind, from, to } = &args.relation;
    let (kind, from, to) = (*kind, names.id(from)?, names.id(to)?);
    let since = opt_date("since", &args.since)?;
    let mut found = matching(doc, kind, &from, &to);
    if let Some(since) = &since {
        found.retain(|i| {
            doc.records().relations[*i]
                .clone()
                .common_mut()
                .since
                .as_deref()
                == Some(since.as_str())
        });
    }
    let index = match found.as_slice() {
        [one] => *one,
        [] => {
            return Err(Error::Usage(format!(
                "there is no {} relation between `{from}` and `{to}`{} to remove",
                kind,
                since_text(&since)
            )));
        }
        many => {
            return Err(Error::Usage(format!(
                "several {} relations between `{from}` and `{to}`; name one with --since: {}",
                kind,
                listing(doc, many)
            )));
        }
    };
    let change = format!("removed {}", listing(doc, &[index]));
    doc.remove(List::Relations, index)?;
    Ok(Outcome {
        changes: vec![change],
    })
}

fn fmt(path: &Path, args: &FmtArgs, format: Format) -> Result<String, Error> {
    let name = path.display().to_string();
    if args.check {
        let text = crate::store::decode(
            &name,
            std::fs::read(path).map_err(|source| Error::Read {
                path: path.to_path_buf(),
                source,
            })?,
        )?;
        let canonical_text = canonical(&name, &text)?;
        return if canonical_text == text {
            Ok(if format == Format::Json {
                "{\n  \"canonical\": true\n}\n".into()
            } else {
                format!("{name} is in canonical form\n")
            })
        } else {
            Err(Error::NotFound(Box::new(crate::error::NotFound {
                message: format!("{name} is not in canonical form"),
                help: Some(
                    "run `diplograph fmt` to rewrite it (comments and order are kept)".into(),
                ),
            })))
        };
    }
    let mut doc = Document::open(path)?;
    let formatted = canonical(&name, doc.text())?;
    let changed = formatted != doc.text();
    doc.set_whole(formatted)?;
    doc.commit(false)?;
    Ok(if changed {
        format!("rewrote {name} in canonical form\n")
    } else {
        format!("{name} was already in canonical form\n")
    })
}

fn import_csv(doc: &mut Document, names: &Names, args: &ImportCsv) -> Result<Outcome, Error> {
    let read = |source: csv::Error| Error::Usage(format!("{}: {source}", args.path.display()));
    let mut reader = csv::Reader::from_path(&args.path).map_err(|e| match e.kind() {
        csv::ErrorKind::Io(_) => Error::Read {
            path: args.path.clone(),
            source: std::io::Error::other(e.to_string()),
        },
        _ => read(e),
    })?;
    let headers = reader.headers().map_err(read)?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(from_col), Some(to_col)) = (column(&args.from_column), column(&args.to_column))
    else {
        return Err(Error::Usage(format!(
            "{} needs columns `{}` and `{}`; its header is: {}",
            args.path.display(),
            args.from_column,
            args.to_column,
            headers.iter().collect::<Vec<_>>().join(",")
        )));
    };
    let (since_col, until_col, note_col) = (
        column(&args.since_column),
        column(&args.until_column),
        column(&args.note_column),
    );
    let known: BTreeSet<String> = doc
        .records()
        .entities
        .iter()
        .map(|e| e.id().to_string())
        .collect();
    let mut missing: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    let progress = crate::cli::progress::bar(
        args.path.metadata().map(|m| m.len()).unwrap_or(0),
        "importing",
    );
    let mut resolved: HashMap<String, String> = HashMap::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(read)?;
        if let Some(bar) = &progress {
            bar.set_position(record.position().map_or(0, |p| p.byte()));
        }
        let field = |col: Option<usize>| {
            col.and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        let mut endpoint = |text: Option<String>, which: &str| -> Result<String, Error> {
            let text = text.ok_or_else(|| {
                Error::Usage(format!(
                    "{} row {}: empty `{which}`",
                    args.path.display(),
                    row + 2
                ))
            })?;
            if let Some(id) = resolved.get(&text) {
                return Ok(id.clone());
            }
            let id = if known.contains(&text) {
                text.clone()
            } else {
                match names.id(&text) {
                    Ok(id) => id,
                    Err(_) if args.create_missing.is_some() => {
                        if !missing.contains(&text) {
                            missing.push(text.clone());
                        }
                        text.clone()
                    }
                    Err(e) => {
                        return Err(Error::Usage(format!(
                            "{} row {}: {e}; add it first or pass --create-missing KIND",
                            args.path.display(),
                            row + 2
                        )));
                    }
                }
            };
            resolved.insert(text, id.clone());
            Ok(id)
        };
        let from = endpoint(field(Some(from_col)), &args.from_column)?;
        let to = endpoint(field(Some(to_col)), &args.to_column)?;
        let since = field(since_col).map(|d| date("since", &d)).transpose()?;
        let until = field(until_col).map(|d| date("until", &d)).transpose()?;
        let tie = TieRecord {
            from,
            to,
            since,
            until,
            source: args.source.clone(),
            note: field(note_col),
        };
        let relation = relation_record(
            args.kind,
            tie,
            args.role.clone(),
            false,
            None,
            args.position,
        )
        .map_err(|e| Error::Usage(format!("{} row {}: {e}", args.path.display(), row + 2)))?;
        lines.push(render_relation(&relation));
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let mut changes = Vec::new();
    if let Some(kind) = args.create_missing {
        let entities: Vec<String> = missing
            .iter()
            .map(|id| {
                let named = NamedRecord {
                    id: id.clone(),
                    name: id.clone(),
                    aliases: Vec::new(),
                    note: Some(format!("created by import from {}", args.path.display())),
                };
                render_entity(&match kind {
                    EntityKind::Country => EntityRecord::Country(named),
                    EntityKind::Person => EntityRecord::Person(named),
                    EntityKind::Organization => EntityRecord::Organization(named),
                    EntityKind::Issue => EntityRecord::Issue(named),
                    EntityKind::Event => EntityRecord::Event(EventRecord {
                        id: named.id,
                        name: named.name,
                        aliases: Vec::new(),
                        place: None,
                        start: None,
                        end: None,
                        note: named.note,
                    }),
                })
            })
            .collect();
        let after = doc
            .records()
            .entities
            .iter()
            .rposition(|e| convert::entity_kind(e) == kind);
        doc.insert(List::Entities, after, &entities)?;
        if !missing.is_empty() {
            changes.push(format!(
                "added {} new {kind} entities: {}",
                missing.len(),
                missing.join(", ")
            ));
        }
    }
    let count = lines.len();
    doc.insert(List::Relations, None, &lines)?;
    changes.push(format!(
        "imported {count} {} relations from {} into {}",
        args.kind,
        args.path.display(),
        doc.name()
    ));
    Ok(Outcome { changes })
}
