//! The command-line front end: argument parsing with clap, then one call
//! into the library per command. Everything here is plumbing: choosing the
//! database, the date and the format, and writing the result.

pub mod export;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::date::PartialDate;
use crate::error::Error;
use crate::graph::{DiploGraph, When};
use crate::model::{EntityKind, RelationKind};
use crate::query;
use crate::render::{Answer, Format};
use crate::store::Origin;

pub mod analysis;
pub mod choice;
pub mod edit;
pub mod generate;
pub mod load;
pub mod progress;

/// What every command needs: the graph, the moment asked about, the
/// output format, and where the database came from.
pub struct Context {
    /// The loaded database.
    pub graph: DiploGraph,
    /// The day asked about (`--as-of`, default today), or all time.
    pub when: When,
    /// How answers are written (`--format`).
    pub format: Format,
    /// Which file was loaded (or the bundled copy), for messages and edits.
    pub origin: Origin,
}

/// diplograph: a graph database of diplomatic relations.
///
/// Reads graph.ron (or --graph PATH, or $DIPLOGRAPH_GRAPH; without any of
/// them the copy bundled into the binary) and answers as of a date.
#[derive(Debug, Parser)]
#[command(name = "diplograph", version, about, long_about)]
#[expect(
    clippy::doc_markdown,
    reason = "this doc comment is clap's --help text, where backticks would print literally"
)]
pub struct Cli {
    /// The database file [default: ./graph.ron if present, else the bundled copy]
    #[arg(long, global = true, env = "DIPLOGRAPH_GRAPH", value_name = "PATH")]
    pub graph: Option<PathBuf>,

    /// Answer as of this date: YYYY-MM-DD, YYYY-MM, YYYY or "today" [default: today]
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,

    /// Ignore dates: count every relation ever recorded
    #[arg(long, global = true, conflicts_with = "as_of")]
    pub all_time: bool,

    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// `--format`: the library's [`Format`] as a command-line choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Aligned, readable text (default).
    #[default]
    Text,
    /// Stable JSON with documented field names, for scripts.
    Json,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
        }
    }
}

/// Every command. The doc comments of the variants and their fields are
/// the `--help` text, so they are written for users, in clap's style.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the database and count what it holds
    Check,
    /// List entities
    List {
        /// Only entities of this kind
        #[arg(long, value_enum)]
        kind: Option<EntityKind>,
        /// Show each entity's note
        #[arg(long)]
        notes: bool,
    },
    /// Show an entity and its relations in force, with their notes
    Show {
        /// An id, name or alias (any case)
        entity: String,
    },
    /// Entities one relation away
    #[command(alias = "neighbours")]
    Neighbors {
        /// An id, name or alias (any case)
        entity: String,
        /// Only through relations of this kind (repeatable)
        #[arg(long = "relation", value_enum, value_name = "KIND")]
        relations: Vec<RelationKind>,
        /// Show the notes of the entities and relations
        #[arg(long)]
        notes: bool,
    },
    /// Members, observers and dialogue partners of an organization
    Members {
        /// The organization: id, name or alias
        organization: String,
        /// Only this status (repeatable)
        #[arg(long = "status", value_parser = choice::membership_status(), value_name = "STATUS")]
        statuses: Vec<RelationKind>,
        /// Show the notes of the organization and the memberships
        #[arg(long)]
        notes: bool,
    },
    /// A one-page briefing: organizations, leaders, tensions, stances, summits
    Report {
        /// Entries per list (organizations, members, leaders, tensions, stances, summits,
        /// attendees, broken ties) [default: 20]
        #[arg(long, value_name = "N", conflicts_with = "all")]
        limit: Option<usize>,
        /// Every entry of every list
        #[arg(long)]
        all: bool,
        /// Show the notes of what the briefing lists
        #[arg(long)]
        notes: bool,
    },
    /// `path`, `clusters`, `align`, `balance` and `central`, listed among
    /// the others.
    #[command(flatten)]
    Analysis(analysis::Analysis),
    /// `add`, `end`, `remove`, `fmt` and `import`, which change the file and
    /// so are run before it is loaded.
    #[command(flatten)]
    Edit(edit::Edit),
    /// Write the graph (or part of it) as DOT, SVG, PNG, GraphML, GEXF, node-link JSON or Neo4j CSV
    Export(export::ExportArgs),
    /// Write a synthetic database of any size (deterministic from --seed), for benchmarks
    Generate(generate::GenerateArgs),
}

fn parse_as_of(text: &str) -> Result<Date, String> {
    if text.eq_ignore_ascii_case("today") {
        return Ok(today());
    }
    text.parse::<PartialDate>()
        .map(|d| d.first_day())
        .map_err(|e| e.to_string())
}

fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// Runs a parsed command line; returns what to print on stdout.
pub fn run(cli: &Cli) -> Result<String, Error> {
    // Generating reads no database.
    if let Command::Generate(args) = &cli.command {
        return generate::run(args);
    }
    let origin = Origin::choose(cli.graph.as_deref());
    // Edits open the file themselves, under a lock, and may repair a file
    // that does not validate yet: they must not load it first.
    if let Command::Edit(command) = &cli.command {
        return edit::run(&origin, cli.format.into(), command);
    }
    let graph = load::load(&origin)?;
    let checked = graph.checked();
    let when = if cli.all_time {
        When::AllTime
    } else {
        When::On(cli.as_of.unwrap_or_else(today))
    };
    if let When::On(day) = when
        && day > checked.first_day()
        && !matches!(cli.command, Command::Check | Command::List { .. })
    {
        eprintln!(
            "note: the facts were last checked up to {checked}; answers for {day} may be out of date"
        );
    }
    if !matches!(cli.command, Command::Check | Command::List { .. }) {
        coverage_note(&graph.at(when), &cli.command);
    }
    let ctx = Context {
        graph,
        when,
        format: cli.format.into(),
        origin,
    };
    let output = answer(&ctx, &cli.command);
    // Freeing a million-relation graph piece by piece takes longer than
    // some queries; the process exits after printing and the system takes
    // the memory back at once. (`run` is called once per process.)
    std::mem::forget(ctx);
    output
}

/// Says on stderr, in one line, which sources the answer relies on do not
/// cover the day asked about (a source's declared `coverage`). Commands
/// about one entity rely on that entity's relations; the others on all.
/// A name that does not resolve is left to the command to report.
fn coverage_note(view: &crate::graph::View<'_>, command: &Command) {
    let graph = view.graph();
    let named = match command {
        Command::Show { entity } | Command::Neighbors { entity, .. } => Some(entity),
        Command::Members { organization, .. } => Some(organization),
        _ => None,
    };
    let focus: Vec<_> = match named.map(|name| graph.resolve(name)) {
        Some(Ok(node)) => vec![node],
        Some(Err(_)) => return,
        None => Vec::new(),
    };
    let short = query::coverage::uncovered(view, &focus);
    let When::On(day) = view.when() else { return };
    if short.is_empty() {
        return;
    }
    let listed: Vec<String> = short
        .iter()
        .filter_map(|source| {
            let c = source.coverage.as_ref()?;
            let span = match (c.since, c.until) {
                (Some(s), Some(u)) => format!("from {s} until {u}"),
                (Some(s), None) => format!("from {s}"),
                (None, Some(u)) => format!("until {u}"),
                (None, None) => String::new(),
            };
            Some(format!("{} records {} {span}", source.id, c.records))
        })
        .collect();
    eprintln!(
        "note: {day} is outside what the sources this answer relies on cover ({}); what they do not record is missing",
        listed.join("; ")
    );
}

/// The output of a command that reads the loaded database.
fn answer(ctx: &Context, command: &Command) -> Result<String, Error> {
    let graph = &ctx.graph;
    let when = ctx.when;
    let view = graph.at(when);
    let found = match command {
        Command::Check => Answer::Check {
            name: ctx.origin.display_name(),
            summary: query::summarize(graph),
        },
        Command::List { kind, notes } => Answer::List {
            nodes: query::list(graph, *kind),
            notes: *notes,
        },
        Command::Show { entity } => Answer::Show(query::show(&view, graph.resolve(entity)?), when),
        Command::Neighbors {
            entity,
            relations,
            notes,
        } => {
            let node = graph.resolve(entity)?;
            let found = query::neighbors(&view, node, relations);
            let notes = *notes;
            Answer::Neighbors {
                node,
                found,
                when,
                notes,
            }
        }
        Command::Members {
            organization,
            statuses,
            notes,
        } => {
            let org = graph.resolve_kind(
                organization,
                EntityKind::Organization,
                "members",
                "an organization",
            )?;
            let found = query::members::roster(&view, org, statuses);
            let notes = *notes;
            Answer::Members {
                org,
                found,
                when,
                notes,
            }
        }
        Command::Report { limit, all, notes } => {
            let items = if *all {
                usize::MAX
            } else {
                limit.unwrap_or(query::report::REPORT_ITEMS)
            };
            Answer::Report {
                briefing: Box::new(query::report::report_with(&view, items)),
                notes: *notes,
            }
        }
        Command::Analysis(command) => return analysis::run(ctx, command),
        Command::Export(args) => return export::run(ctx, args),
        Command::Edit(_) => unreachable!("edits return before loading"),
        Command::Generate(_) => unreachable!("generate returns before loading"),
    };
    if ctx.format == Format::Json
        && let Some(absence) = found.absence(graph)
    {
        eprintln!("note: {absence}");
    }
    Ok(found.render(graph, ctx.format))
}

/// Writes to stdout; a closed pipe (`| head`) ends the output quietly.
pub fn write_stdout(output: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write(e)),
        _ => Ok(()),
    }
}

/// The whole program: parse arguments, run, print, and return the exit code.
pub fn main() -> i32 {
    // On a terminal miette wraps messages to its width; into a file or a
    // pipe, one message stays on one line so it can be searched.
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let _ = miette::set_hook(Box::new(|_| {
            Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).build())
        }));
    }
    let cli = Cli::parse();
    match run(&cli).and_then(|out| write_stdout(&out)) {
        Ok(()) => 0,
        Err(err) => {
            let code = err.exit_code();
            eprintln!("{:?}", miette::Report::new(err));
            code
        }
    }
}
