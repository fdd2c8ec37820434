//! The editing commands: `add`, `end`, `remove`, `fmt`, `import`.
//!
//! The work is the library's ([`crate::edit`], [`crate::import`]):
//! it opens the database under a lock, changes the text of the elements
//! concerned, validates the whole result and writes it atomically, or with
//! `--dry-run` validates and writes nothing. This file holds the arguments,
//! maps them onto the library's parameters, makes one call and prints what
//! changed.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::edit::select::since_text;
use crate::edit::{
    self, Change, EndParams, EntityParams, Formatted, Outcome, RelationParams, RemoveEntityParams,
    RemoveRelationParams, SourceParams,
};
use crate::error::Error;
use crate::import::csv::{Columns, CsvImport};
use crate::model::{EntityKind, Position, RelationKind};
use crate::render::Format;
use crate::store::Origin;
use crate::store::validate::describe;

/// Editing subcommands (flattened into the main command list).
#[derive(Debug, Subcommand)]
pub enum Edit {
    /// Create an empty database at --graph (./graph.ron without it); never replaces a file
    Init(InitArgs),
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

/// `init`: the new database's checked date.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The day up to which the facts it will hold are checked [default: today]
    #[arg(long, value_name = "DATE")]
    pub checked: Option<String>,
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
    /// The relation's kind
    #[arg(long, value_enum)]
    pub kind: RelationKind,
    /// An id, name or alias
    #[arg(long)]
    pub from: String,
    /// An id, name or alias
    #[arg(long)]
    pub to: String,
}

/// `add entity`, `add relation`, `add source`.
#[derive(Debug, Subcommand)]
pub enum Add {
    /// Add an entity
    Entity(AddEntity),
    /// Add a relation
    Relation(AddRelation),
    /// Add a source that relations can cite
    Source(AddSource),
}

/// `add entity`: the new entity's fields, as the file has them.
#[derive(Debug, Args)]
pub struct AddEntity {
    /// What the entity is
    #[arg(long, value_enum)]
    pub kind: EntityKind,
    /// The id: ISO alpha-3 for countries, acronym for organizations, a lowercase slug otherwise
    #[arg(long)]
    pub id: String,
    /// The name shown in answers
    #[arg(long)]
    pub name: String,
    /// Another spelling or transliteration (repeatable)
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
    /// Free text kept with the entity
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
    /// organizations: the day it was founded
    #[arg(long, value_name = "DATE")]
    pub founded: Option<String>,
    /// organizations: the first day it no longer existed
    #[arg(long, value_name = "DATE")]
    pub dissolved: Option<String>,
    /// organizations: (nearly) every state belongs to it, like the UN; its
    /// memberships never count as friendship in signed analysis
    #[arg(long)]
    pub universal: bool,
    /// countries: the Correlates of War state number (checked against the code table)
    #[arg(long, value_name = "N")]
    pub cow: Option<u16>,
    /// countries: the Gleditsch–Ward state number (checked against the code table)
    #[arg(long, value_name = "N")]
    pub gw: Option<u16>,
    /// roll calls: the day of the vote (required)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// roll calls: the session of the body
    #[arg(long, value_name = "N")]
    pub session: Option<u16>,
    /// roll calls: the resolution voted on, e.g. A/RES/ES-11/1
    #[arg(long)]
    pub resolution: Option<String>,
    /// `--dry-run`.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `add relation`: the new relation's fields, as the file has them.
#[derive(Debug, Args)]
pub struct AddRelation {
    /// `--kind`, `--from` and `--to`: which relation.
    #[command(flatten)]
    pub relation: RelationRef,
    /// The first day it holds
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// The first day it no longer holds
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// The id of a listed source
    #[arg(long)]
    pub source: Option<String>,
    /// Free text kept with the relation
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
    /// stance: the position taken (supports, opposes, neutral); vote: the
    /// ballot (yes, no, abstain)
    #[arg(long, value_parser = super::choice::position())]
    pub position: Option<super::choice::PositionArg>,
    /// alliance: its strongest obligation
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub alliance_type: Option<crate::model::AllianceType>,
    /// `--dry-run`.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `add source`: the new source's fields, as the file has them.
#[derive(Debug, Args)]
pub struct AddSource {
    /// The id relations will cite it by
    #[arg(long)]
    pub id: String,
    /// Its title
    #[arg(long)]
    pub title: String,
    /// Who published it
    #[arg(long)]
    pub publisher: Option<String>,
    /// When it was published
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Where to read it
    #[arg(long)]
    pub url: Option<String>,
    /// Free text kept with the source
    #[arg(long)]
    pub note: Option<String>,
    /// What the source records, in words (declares its coverage)
    #[arg(long, value_name = "WHAT")]
    pub records: Option<String>,
    /// The first day the source covers
    #[arg(long, value_name = "DATE", requires = "records")]
    pub covers_since: Option<String>,
    /// The first day the source no longer covers
    #[arg(long, value_name = "DATE", requires = "records")]
    pub covers_until: Option<String>,
    /// `--dry-run`.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `end`: which relation, and the day it stopped holding.
#[derive(Debug, Args)]
pub struct EndArgs {
    /// `--kind`, `--from` and `--to`: which relation.
    #[command(flatten)]
    pub relation: RelationRef,
    /// The first day the relation no longer holds
    #[arg(long, value_name = "DATE")]
    pub on: String,
    /// leads: which office, when the person holds several
    #[arg(long)]
    pub role: Option<String>,
    /// Move the end date of a relation that already has one (refused without this)
    #[arg(long)]
    pub force: bool,
    /// `--dry-run`.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `remove entity`, `remove relation`.
#[derive(Debug, Subcommand)]
pub enum Remove {
    /// Remove an entity (refused while relations name it, unless --cascade)
    Entity(RemoveEntity),
    /// Remove a relation
    Relation(RemoveRelation),
}

/// `remove entity`: which entity, and whether its relations go too.
#[derive(Debug, Args)]
pub struct RemoveEntity {
    /// An id, name or alias
    pub entity: String,
    /// Also remove every relation that names it
    #[arg(long)]
    pub cascade: bool,
    /// `--dry-run`.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `remove relation`: which relation.
#[derive(Debug, Args)]
pub struct RemoveRelation {
    /// `--kind`, `--from` and `--to`: which relation.
    #[command(flatten)]
    pub relation: RelationRef,
    /// Which one, when the same pair has several of this kind
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// `--dry-run`.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `fmt`: rewrite, or only check.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Change nothing; exit 5 when the file is not in canonical form
    #[arg(long)]
    pub check: bool,
}

/// `import csv` and the research data sets.
#[derive(Debug, Subcommand)]
pub enum Import {
    /// Relations from a CSV edge list with a header row
    Csv(ImportCsv),
    /// Countries with their codes and statehood spells: the COW state system list (states2016.csv)
    CowStates(ImportData),
    /// Organizations and full, associate and observer memberships: COW IGO v3 state-year file (`state_year_formatv3.csv`), optionally with the IGO-year file for full names
    CowIgo(ImportData),
    /// Typed alliances: COW formal alliances v4.1, the dyad file or a dyad-year form
    CowAlliances(ImportData),
    /// Roll calls and votes: Voeten's UN General Assembly data, the votes file and the roll-calls file
    UnVotes(ImportData),
}

/// `import cow-states|cow-igo|cow-alliances|un-votes`: the data set's files.
#[derive(Debug, Args)]
pub struct ImportData {
    /// The data set's files, as downloaded (CSV with a header row)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<std::path::PathBuf>,
    /// `--dry-run`.
    #[command(flatten)]
    pub write: WriteArgs,
}

impl Import {
    /// The data set and the arguments of a research data-set import.
    fn data_set(&self) -> Option<(crate::import::research::DataSet, &ImportData)> {
        use crate::import::research::DataSet;
        match self {
            Import::Csv(_) => None,
            Import::CowStates(a) => Some((DataSet::CowStates, a)),
            Import::CowIgo(a) => Some((DataSet::CowIgo, a)),
            Import::CowAlliances(a) => Some((DataSet::CowAlliances, a)),
            Import::UnVotes(a) => Some((DataSet::UnVotes, a)),
        }
    }
}

/// `import csv`: the file, the kind of its relations, which columns hold
/// what, and what to add to every row.
#[derive(Debug, Args)]
pub struct ImportCsv {
    /// The CSV file
    pub path: PathBuf,
    /// The kind of every relation in the file
    #[arg(long, value_enum)]
    pub kind: RelationKind,
    /// Column of `from` ends (ids, names or aliases)
    #[arg(long, default_value = "from", value_name = "COLUMN")]
    pub from_column: String,
    /// Column of `to` ends (ids, names or aliases)
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
    /// `--dry-run`.
    #[command(flatten)]
    pub write: WriteArgs,
}

impl RelationRef {
    fn params(&self) -> edit::RelationRef {
        edit::RelationRef {
            kind: self.kind,
            from: self.from.clone(),
            to: self.to.clone(),
        }
    }
}

impl Edit {
    /// The library's edit for this command (`None` for `fmt` and
    /// `import`, which are calls of their own), and `--dry-run`.
    fn params(&self) -> Option<(edit::Edit, bool)> {
        Some(match self {
            Edit::Add(Add::Entity(a)) => (
                edit::Edit::AddEntity(EntityParams {
                    kind: a.kind,
                    id: a.id.clone(),
                    name: a.name.clone(),
                    aliases: a.aliases.clone(),
                    note: a.note.clone(),
                    place: a.place.clone(),
                    start: a.start.clone(),
                    end: a.end.clone(),
                    founded: a.founded.clone(),
                    dissolved: a.dissolved.clone(),
                    universal: a.universal,
                    cow: a.cow,
                    gw: a.gw,
                    date: a.date.clone(),
                    session: a.session,
                    resolution: a.resolution.clone(),
                }),
                a.write.dry_run,
            ),
            Edit::Add(Add::Relation(a)) => (
                edit::Edit::AddRelation(RelationParams {
                    kind: a.relation.kind,
                    from: a.relation.from.clone(),
                    to: a.relation.to.clone(),
                    since: a.since.clone(),
                    until: a.until.clone(),
                    source: a.source.clone(),
                    note: a.note.clone(),
                    role: a.role.clone(),
                    acting: a.acting,
                    over: a.over.clone(),
                    position: match a.position {
                        Some(super::choice::PositionArg::Stance(p)) => Some(p),
                        _ => None,
                    },
                    ballot: match a.position {
                        Some(super::choice::PositionArg::Ballot(b)) => Some(b),
                        _ => None,
                    },
                    alliance: a.alliance_type,
                }),
                a.write.dry_run,
            ),
            Edit::Add(Add::Source(a)) => (
                edit::Edit::AddSource(SourceParams {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    publisher: a.publisher.clone(),
                    date: a.date.clone(),
                    url: a.url.clone(),
                    note: a.note.clone(),
                    coverage: a
                        .records
                        .clone()
                        .map(|records| (records, a.covers_since.clone(), a.covers_until.clone())),
                }),
                a.write.dry_run,
            ),
            Edit::End(a) => (
                edit::Edit::End(EndParams {
                    relation: a.relation.params(),
                    on: a.on.clone(),
                    role: a.role.clone(),
                    force: a.force,
                }),
                a.write.dry_run,
            ),
            Edit::Remove(Remove::Entity(a)) => (
                edit::Edit::RemoveEntity(RemoveEntityParams {
                    entity: a.entity.clone(),
                    cascade: a.cascade,
                }),
                a.write.dry_run,
            ),
            Edit::Remove(Remove::Relation(a)) => (
                edit::Edit::RemoveRelation(RemoveRelationParams {
                    relation: a.relation.params(),
                    since: a.since.clone(),
                }),
                a.write.dry_run,
            ),
            Edit::Init(_) | Edit::Fmt(_) | Edit::Import(_) => return None,
        })
    }
}

impl ImportCsv {
    fn params(&self) -> CsvImport {
        CsvImport {
            path: self.path.clone(),
            kind: self.kind,
            columns: Columns {
                from: self.from_column.clone(),
                to: self.to_column.clone(),
                since: self.since_column.clone(),
                until: self.until_column.clone(),
                note: self.note_column.clone(),
            },
            source: self.source.clone(),
            create_missing: self.create_missing,
            role: self.role.clone(),
            position: self.position,
        }
    }
}

/// Runs an editing command; returns what to print on stdout.
pub fn run(origin: &Origin, format: Format, command: &Edit) -> Result<String, Error> {
    if let Edit::Init(args) = command {
        return init(origin, args, format);
    }
    let path = edit::editable(origin)?;
    let outcome = match command {
        Edit::Fmt(args) => return fmt(path, args, format),
        Edit::Import(Import::Csv(args)) => {
            let progress =
                super::progress::bar(args.path.metadata().map_or(0, |m| m.len()), "importing");
            let outcome =
                crate::import::csv::import(path, &args.params(), args.write.dry_run, &mut |byte| {
                    if let Some(bar) = &progress {
                        bar.set_position(byte);
                    }
                });
            if let Some(bar) = progress {
                bar.finish_and_clear();
            }
            outcome?
        }
        Edit::Import(import) if let Some((set, args)) = import.data_set() => {
            let total = args
                .files
                .iter()
                .map(|f| f.metadata().map_or(0, |m| m.len()))
                .sum();
            let progress = super::progress::bar(total, "importing");
            let outcome = crate::import::research::import(
                path,
                set,
                &args.files,
                args.write.dry_run,
                &mut |byte| {
                    if let Some(bar) = &progress {
                        bar.set_position(byte);
                    }
                },
            );
            if let Some(bar) = progress {
                bar.finish_and_clear();
            }
            outcome?
        }
        other => {
            let (edit, dry_run) = other.params().ok_or_else(|| {
                Error::Usage("this command is not an edit of the database".into())
            })?;
            edit::apply(path, &edit, dry_run)?
        }
    };
    Ok(report(&outcome, format))
}

/// One change as a sentence, e.g. `added country `ARM` (Armenia) at
/// graph.ron:42`, or for a dry run `would add …`.
fn change_text(change: &Change, file: &str, dry_run: bool) -> String {
    // The verb as done, or as it would be done.
    let verb = |done: &str, would: &str| {
        if dry_run {
            format!("would {would}")
        } else {
            done.to_string()
        }
    };
    match change {
        Change::AddedEntity {
            kind,
            id,
            name,
            line,
        } => format!(
            "{} {kind} `{id}` ({name}) at {file}:{line}",
            verb("added", "add")
        ),
        Change::AddedSource { id, title, line } => {
            format!(
                "{} source `{id}` ({title}) at {file}:{line}",
                verb("added", "add")
            )
        }
        Change::AddedRelation { relation, line } => format!(
            "{} {}{} at {file}:{line}",
            verb("added", "add"),
            describe(relation),
            since_text(&relation.validity.since)
        ),
        Change::Ended {
            relation,
            on,
            previous: None,
            line,
        } => format!(
            "{} {} on {on} ({file}:{line})",
            verb("ended", "end"),
            describe(relation)
        ),
        Change::Ended {
            relation,
            on,
            previous: Some(previous),
            line,
        } => format!(
            "{} the end of {}{} from {previous} to {on} ({file}:{line})",
            verb("moved", "move"),
            describe(relation),
            since_text(&relation.validity.since)
        ),
        Change::RemovedEntity { kind, id, line } => {
            format!(
                "{} {kind} `{id}` ({file}:{line})",
                verb("removed", "remove")
            )
        }
        Change::RemovedRelation { relation, line } => format!(
            "{} {}{} ({file}:{line})",
            verb("removed", "remove"),
            describe(relation),
            since_text(&relation.validity.since)
        ),
        Change::CreatedEntities { kind, ids } => format!(
            "{} {} new {kind} entities: {}",
            verb("added", "add"),
            ids.len(),
            ids.join(", ")
        ),
        Change::Dataset(summary) => dataset_text(summary, file, &verb("imported", "import")),
        Change::Imported { kind, count, input } => {
            format!(
                "{} {count} {kind} relations from {input} into {file}",
                verb("imported", "import")
            )
        }
    }
}

/// Thousands separated by commas: "870,109".
fn count(n: usize) -> String {
    crate::edit::ops::thousands(n as u64)
}

/// The summary an import of a data set ends with: one line, then what was
/// created, completed, added, skipped and noticed.
fn dataset_text(summary: &crate::edit::ops::DatasetSummary, file: &str, verb: &str) -> String {
    let mut out = format!("{verb} {} into {file}", summary.input);
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join(", ")
        }
    };
    let _ = write!(
        out,
        "\n  source: {}",
        summary
            .source_added
            .as_ref()
            .map_or("already listed".to_string(), |id| format!("{id} (added)"))
    );
    let created = summary
        .created
        .iter()
        .map(|(kind, n)| {
            let (one, many) = crate::render::text::entity_words(*kind);
            format!("{} {}", count(*n), if *n == 1 { one } else { many })
        })
        .collect();
    let _ = write!(out, "\n  entities created: {}", list(created));
    if !summary.completed.is_empty() {
        let _ = write!(
            out,
            "\n  entities given the fields they lacked: {}",
            summary.completed.join(", ")
        );
    }
    let added = summary
        .added
        .iter()
        .map(|(kind, n)| format!("{} {kind}", count(*n)))
        .collect();
    let _ = write!(out, "\n  relations added: {}", list(added));
    let _ = write!(
        out,
        "\n  relations already in the database: {}",
        count(summary.present)
    );
    if summary.overlapping > 0 {
        let _ = write!(
            out,
            "\n  relations not added, the database recording the same fact or another status for overlapping days (kept as recorded): {}",
            count(summary.overlapping)
        );
    }
    let skipped = summary
        .skipped
        .iter()
        .map(|(why, n)| format!("{} {why}", count(*n as usize)))
        .collect();
    let _ = write!(out, "\n  rows skipped: {}", list(skipped));
    for note in &summary.notes {
        let _ = write!(out, "\n  note: {note}");
    }
    if summary.is_empty() {
        out.push_str("\n  nothing new: everything was already in the database");
    }
    out
}

fn report(outcome: &Outcome, format: Format) -> String {
    let name = &outcome.file;
    let changes: Vec<String> = outcome
        .changes
        .iter()
        .map(|c| change_text(c, name, outcome.dry_run))
        .collect();
    let diff = &outcome.diff;
    // A data set's lines run to the hundred thousands: its summary says
    // what would be added, line by line would drown it.
    let bulk: Vec<&crate::edit::ops::DatasetSummary> = outcome
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Dataset(summary) => Some(summary),
            _ => None,
        })
        .collect();
    if format == Format::Json {
        let value = if bulk.is_empty() {
            serde_json::json!({
                "file": name,
                "dry_run": outcome.dry_run,
                "changes": changes,
                "diff": { "line": diff.line, "removed": diff.removed, "added": diff.added },
            })
        } else {
            serde_json::json!({
                "file": name,
                "dry_run": outcome.dry_run,
                "changes": changes,
                "imports": bulk,
                "diff": { "line": diff.line, "removed_lines": diff.removed.len(), "added_lines": diff.added.len() },
            })
        };
        return serde_json::to_string_pretty(&value).expect("JSON values serialize") + "\n";
    }
    let mut out = String::new();
    for change in &changes {
        out.push_str(change);
        out.push('\n');
    }
    if outcome.dry_run && bulk.is_empty() {
        // Writing to a `String` cannot fail.
        let _ = writeln!(out, "--- {name} (line {})", diff.line);
        for l in &diff.removed {
            let _ = writeln!(out, "-{l}");
        }
        for l in &diff.added {
            let _ = writeln!(out, "+{l}");
        }
        out.push_str("dry run: nothing was written\n");
    } else if outcome.dry_run {
        // The diff is one stretch from the first changed line to the
        // last: the lines it adds net of those it replaces are the new ones.
        let _ = writeln!(
            out,
            "dry run: nothing was written ({} lines would be added to {name})",
            count(diff.added.len().saturating_sub(diff.removed.len()))
        );
    }
    out
}

/// `init`: the empty database, at `--graph` or `./graph.ron`.
fn init(origin: &Origin, args: &InitArgs, format: Format) -> Result<String, Error> {
    let path = match origin {
        Origin::File(path) => path.clone(),
        Origin::Bundled => std::path::PathBuf::from("graph.ron"),
    };
    let checked = match &args.checked {
        Some(text) => crate::edit::records::date("checked", text)?
            .parse()
            .map_err(|e| Error::Usage(format!("--checked: {e}")))?,
        None => crate::date::PartialDate::from_day(super::today()),
    };
    crate::edit::init(&path, checked)?;
    Ok(if format == Format::Json {
        format!(
            "{}\n",
            serde_json::json!({ "created": path.display().to_string(), "checked": checked.to_string() })
        )
    } else {
        format!(
            "created {}: an empty database, facts checked up to {checked}\n",
            path.display()
        )
    })
}

fn fmt(path: &std::path::Path, args: &FmtArgs, format: Format) -> Result<String, Error> {
    let name = path.display().to_string();
    match edit::fmt(path, args.check)? {
        Formatted::Canonical if format == Format::Json => {
            Ok("{\n  \"canonical\": true\n}\n".into())
        }
        Formatted::Canonical => Ok(format!("{name} is in canonical form\n")),
        Formatted::NotCanonical => Err(Error::NotCanonical {
            path: path.to_path_buf(),
        }),
        Formatted::Rewrote => Ok(format!("rewrote {name} in canonical form\n")),
        Formatted::AlreadyCanonical => Ok(format!("{name} was already in canonical form\n")),
    }
}
