//! The command-line front end: argument parsing with clap, then one call
//! into the library per command. Everything here is plumbing: choosing the
//! database, the date and the format, and writing the result.

pub mod export;

use std::io::Write;
use std::path::PathBuf;

use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::date::PartialDate;
use crate::error::{Error, exit};
use crate::graph::{DiploGraph, When};
use crate::model::{EntityKind, RelationKind};
use crate::query;
use crate::render::{Answer, Format};
use crate::store::Origin;

pub mod analysis;
pub mod change;
pub mod choice;
pub mod completions;
pub mod cypher;
pub mod edit;
pub mod generate;
pub mod load;
pub mod panel;
pub mod progress;
pub mod serve;

/// What every command needs: the graph, the moment asked about, the
/// output format, and where the database came from. The graph is
/// borrowed, so the server answers many requests from one loaded copy.
pub struct Context<'g> {
    /// The loaded database.
    pub graph: &'g DiploGraph,
    /// The day asked about (`--as-of`, default today), or all time.
    pub when: When,
    /// How answers are written (`--format`).
    pub format: Format,
    /// Which file was loaded (or the bundled copy), for messages and edits.
    pub origin: Origin,
    /// What the answer says besides itself ("note: …" lines): the CLI
    /// prints them on stderr, the server in a response header.
    notes: std::cell::RefCell<Vec<String>>,
    /// Answers are returned, never streamed to stdout or written to files
    /// (the server): `export` then returns its bytes.
    pub in_memory: bool,
}

impl<'g> Context<'g> {
    /// A context for answering from `graph` as of `when` in `format`.
    pub fn new(graph: &'g DiploGraph, when: When, format: Format, origin: Origin) -> Self {
        Context {
            graph,
            when,
            format,
            origin,
            notes: std::cell::RefCell::default(),
            in_memory: false,
        }
    }

    /// Adds a note (one line, without the "note: " prefix) to the answer.
    pub fn note(&self, text: String) {
        self.notes.borrow_mut().push(text);
    }

    /// The notes added so far, in order.
    pub fn take_notes(&self) -> Vec<String> {
        std::mem::take(&mut *self.notes.borrow_mut())
    }
}

/// diplograph: a graph database of diplomatic relations.
///
/// Reads graph.ron (or --graph PATH, or $DIPLOGRAPH_GRAPH; without any of
/// them the copy bundled into the binary) and answers as of a date.
///
/// Options given before the command's name apply to every command that
/// takes them (so an alias such as `dg='diplograph --graph ~/g.ron'` works
/// with all of them); after the name, a command takes only its own.
#[derive(Debug, Parser)]
#[command(name = "diplograph", version, about, long_about)]
#[expect(
    clippy::doc_markdown,
    reason = "this doc comment is clap's --help text, where backticks would print literally"
)]
pub struct Cli {
    /// `--graph`, `--as-of`, `--all-time` and `--format` before the
    /// command's name.
    #[command(flatten)]
    pub defaults: DatedOptions,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// `--graph PATH`: which database. Every command that reads or edits one
/// takes it.
#[derive(Clone, Debug, Default, Args)]
#[expect(
    clippy::doc_markdown,
    reason = "the field's doc comment is clap's --help text, where backticks would print literally"
)]
pub struct DatabaseOption {
    /// The database file [default: $DIPLOGRAPH_GRAPH, else ./graph.ron if present, else the
    /// bundled copy]
    #[arg(long, value_name = "PATH")]
    pub graph: Option<PathBuf>,
}

/// `--as-of DATE` and `--all-time`: the moment asked about. Only commands
/// whose answer depends on the date take them.
#[derive(Clone, Debug, Default, Args)]
pub struct TimeOptions {
    /// Answer as of this date: YYYY-MM-DD, YYYY-MM, YYYY or "today" [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,

    /// Ignore dates: count every relation ever recorded
    #[arg(long, conflicts_with = "as_of")]
    pub all_time: bool,
}

impl TimeOptions {
    /// These options where given, else `earlier` (the ones before the
    /// command's name).
    fn or(&self, earlier: &TimeOptions) -> TimeOptions {
        if self.as_of.is_some() || self.all_time {
            self.clone()
        } else {
            earlier.clone()
        }
    }

    /// The moment these options name (default: today).
    fn when(&self) -> When {
        if self.all_time {
            When::AllTime
        } else {
            When::On(self.as_of.unwrap_or_else(today))
        }
    }
}

/// `--format text|json|csv`: how the answer is written. Commands whose output
/// is a file format of its own (`export`, `generate`, `completions`,
/// `man`) do not take it.
#[derive(Clone, Copy, Debug, Default, Args)]
pub struct FormatOption {
    /// Output format [default: text]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,
}

/// The options of a command that reads or edits the database but does not
/// depend on the date (`check`, the editing commands).
#[derive(Clone, Debug, Default, Args)]
pub struct CommonOptions {
    /// `--graph`.
    #[command(flatten)]
    pub database: DatabaseOption,
    /// `--format`.
    #[command(flatten)]
    pub output: FormatOption,
}

/// The options of a command that answers as of a date (`show`, `report`,
/// the analyses, …).
#[derive(Clone, Debug, Default, Args)]
pub struct DatedOptions {
    /// `--graph`.
    #[command(flatten)]
    pub database: DatabaseOption,
    /// `--as-of`, `--all-time`.
    #[command(flatten)]
    pub time: TimeOptions,
    /// `--format`.
    #[command(flatten)]
    pub output: FormatOption,
}

impl From<&CommonOptions> for DatedOptions {
    fn from(options: &CommonOptions) -> DatedOptions {
        DatedOptions {
            database: options.database.clone(),
            time: TimeOptions::default(),
            output: options.output,
        }
    }
}

/// The options of a command that answers as of one day and has no
/// meaning for all time (`codes`): `--graph`, `--as-of`, `--format`.
#[derive(Clone, Debug, Default, Args)]
pub struct DayOptions {
    /// `--graph`.
    #[command(flatten)]
    pub database: DatabaseOption,
    /// Answer as of this date: YYYY-MM-DD, YYYY-MM, YYYY or "today" [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,
    /// `--format`.
    #[command(flatten)]
    pub output: FormatOption,
}

impl From<&DayOptions> for DatedOptions {
    fn from(options: &DayOptions) -> DatedOptions {
        DatedOptions {
            database: options.database.clone(),
            time: TimeOptions {
                as_of: options.as_of,
                all_time: false,
            },
            output: options.output,
        }
    }
}

/// The options a command runs with: its own, else those given before its
/// name, else the defaults.
#[derive(Clone, Debug)]
pub struct Effective {
    /// The database (not yet opened).
    pub origin: Origin,
    /// The moment asked about; `None` for commands that do not take a date.
    pub when: Option<When>,
    /// The output format.
    pub format: Format,
}

impl Effective {
    /// Merges a command's own options (`own`, `dated` when it takes
    /// `--as-of`) over those before its name (`defaults`).
    fn merge(own: &DatedOptions, dated: bool, defaults: &DatedOptions) -> Effective {
        let graph = own
            .database
            .graph
            .clone()
            .or_else(|| defaults.database.graph.clone())
            .or_else(|| {
                std::env::var_os("DIPLOGRAPH_GRAPH")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            });
        Effective {
            origin: Origin::choose(graph.as_deref()),
            when: dated.then(|| own.time.or(&defaults.time).when()),
            format: own
                .output
                .format
                .or(defaults.output.format)
                .unwrap_or_default()
                .into(),
        }
    }
}

/// `--format`: the library's [`Format`] as a command-line choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Aligned, readable text (default).
    #[default]
    Text,
    /// Stable JSON with documented field names, for scripts.
    Json,
    /// A header row, then one line per row, for spreadsheets (answers that are tables)
    Csv,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
        }
    }
}

/// Every command. The doc comments of the variants and their fields are
/// the `--help` text, so they are written for users, in clap's style.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the database, count what it holds, and warn of what is probably wrong
    Check {
        /// Treat warnings as errors (exit 3 while any remains), as CI does
        #[arg(long)]
        strict: bool,
        /// `--graph`, `--format`.
        #[command(flatten)]
        options: CommonOptions,
    },
    /// List entities (states only while they exist, where their statehood is recorded)
    List {
        /// Only entities of this kind
        #[arg(long, value_enum)]
        kind: Option<EntityKind>,
        /// Show each entity's note
        #[arg(long)]
        notes: bool,
        /// `--graph`, `--as-of`, `--all-time` (every state, whenever it existed), `--format`.
        #[command(flatten)]
        options: DatedOptions,
    },
    /// Show an entity and its relations in force, with their notes
    Show {
        /// An id, name or alias (any case)
        entity: String,
        /// `--graph`, `--as-of`, `--all-time`, `--format`.
        #[command(flatten)]
        options: DatedOptions,
    },
    /// Entities one relation away
    #[command(alias = "neighbours")]
    Neighbors {
        /// An id, name or alias (any case)
        entity: String,
        /// Only through relations of this kind (repeatable; `--relation` is the old spelling)
        #[arg(long = "via", alias = "relation", value_enum, value_name = "KIND")]
        via: Vec<RelationKind>,
        /// Show the notes of the entities and relations
        #[arg(long)]
        notes: bool,
        /// `--graph`, `--as-of`, `--all-time`, `--format`.
        #[command(flatten)]
        options: DatedOptions,
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
        /// `--from`, `--to`, `--every`, `--rule`: one row per step.
        #[command(flatten)]
        series: analysis::SeriesOptions,
        /// `--graph`, `--as-of`, `--all-time`, `--format`.
        #[command(flatten)]
        options: DatedOptions,
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
        /// `--graph`, `--as-of`, `--all-time`, `--format`.
        #[command(flatten)]
        options: DatedOptions,
    },
    /// `path`, `clusters`, `align`, `balance` and `central`, listed among
    /// the others, each with `--graph`, `--as-of`, `--all-time` and
    /// `--format`.
    #[command(flatten)]
    Analysis(WithOptions<analysis::Analysis, DatedOptions>),
    /// `timeline` and `diff`, which read their days from `--from` and
    /// `--to`; each with `--graph` and `--format`.
    #[command(flatten)]
    Change(WithOptions<change::Change, CommonOptions>),
    /// `add`, `end`, `remove`, `fmt` and `import`, which change the file and
    /// so are run before it is loaded; each with `--graph` and `--format`.
    #[command(flatten)]
    Edit(WithOptions<edit::Edit, CommonOptions>),
    /// Translate a country code across schemes as of a date (COW, Gleditsch–Ward, ISO, names)
    Codes {
        /// The code: 255, DEU, GMY, Germany…
        code: String,
        /// The scheme the code is in
        #[arg(long, value_parser = choice::scheme(), value_name = "SCHEME")]
        from: crate::codes::Scheme,
        /// Print the code in this scheme [default: all of them]
        #[arg(long, value_parser = choice::scheme(), value_name = "SCHEME")]
        to: Option<crate::codes::Scheme>,
        /// `--graph`, `--as-of`, `--format`.
        #[command(flatten)]
        options: DayOptions,
    },
    /// Yearly panels for statistical work (dyad-year, state-year), streamed as CSV or JSON
    Panel {
        /// Which panel.
        #[command(subcommand)]
        unit: panel::PanelUnit,
    },
    /// Ask anything in read-only Cypher; every relationship matched is in force on --as-of
    Query(cypher::QueryArgs),
    /// Write the graph (or part of it) as DOT, SVG, PNG, GraphML, GEXF, node-link JSON, Neo4j CSV or an interactive HTML page
    Export(export::ExportArgs),
    /// Serve the database read-only over HTTP: the interactive page at / and JSON at /api/…
    Serve(serve::ServeArgs),
    /// Write a synthetic database of any size (deterministic from --seed), for benchmarks
    Generate(generate::GenerateArgs),
    /// `completions SHELL` and `man`, which describe the command line
    /// itself.
    #[command(flatten)]
    Describe(completions::Describe),
}

impl Command {
    /// The options the command runs with (its own over `defaults`), or
    /// `None` for commands that read no database.
    pub fn options(&self, defaults: &DatedOptions) -> Option<Effective> {
        let (own, dated) = match self {
            Command::Check { options, .. } => (DatedOptions::from(options), false),
            Command::List { options, .. }
            | Command::Show { options, .. }
            | Command::Neighbors { options, .. }
            | Command::Members { options, .. }
            | Command::Report { options, .. } => (options.clone(), true),
            Command::Query(args) => (args.options.clone(), true),
            Command::Codes { options, .. } => {
                // A code names a state on a day: `--all-time` before the
                // name is for the commands that take it.
                let defaults = DatedOptions {
                    time: TimeOptions {
                        all_time: false,
                        ..defaults.time.clone()
                    },
                    ..defaults.clone()
                };
                return Some(Effective::merge(&options.into(), true, &defaults));
            }
            Command::Analysis(with) => (with.options.clone(), true),
            Command::Change(with) => (DatedOptions::from(&with.options), false),
            Command::Edit(with) => (DatedOptions::from(&with.options), false),
            Command::Export(args) => (
                DatedOptions {
                    database: args.database.clone(),
                    time: args.time.clone(),
                    output: FormatOption::default(),
                },
                true,
            ),
            Command::Panel { unit } => (
                DatedOptions {
                    database: unit.options().database.clone(),
                    ..DatedOptions::default()
                },
                false,
            ),
            Command::Serve(args) => (
                DatedOptions {
                    database: args.database.clone(),
                    ..DatedOptions::default()
                },
                false,
            ),
            Command::Generate(_) | Command::Describe(_) => return None,
        };
        Some(Effective::merge(&own, dated, defaults))
    }
}

/// A subcommand enum `S` (or every leaf of its nested subcommands) with
/// the options `O` added to each of its commands: how the analysis and
/// editing commands, defined in their own files, take the shared options
/// without each repeating them.
#[derive(Debug)]
pub struct WithOptions<S, O> {
    /// The command, as `S` parses it.
    pub command: S,
    /// The shared options given after its name.
    pub options: O,
}

/// Adds `O`'s arguments to `cmd`, or to every leaf below it.
fn augment_leaves<O: Args>(cmd: clap::Command) -> clap::Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    if names.is_empty() {
        // `augment_args` sets the command's about to `O`'s doc comment:
        // keep the command's own.
        let (about, long_about) = (cmd.get_about().cloned(), cmd.get_long_about().cloned());
        let mut cmd = O::augment_args(cmd);
        if let Some(about) = about {
            cmd = cmd.about(about);
        }
        if let Some(long_about) = long_about {
            cmd = cmd.long_about(long_about);
        }
        return cmd;
    }
    names.iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(name, augment_leaves::<O>)
    })
}

/// Reads `O` from the matches of the leaf command below `matches`.
fn leaf_options<O: FromArgMatches>(matches: &ArgMatches) -> Result<O, clap::Error> {
    match matches.subcommand() {
        Some((_, sub)) => leaf_options(sub),
        None => O::from_arg_matches(matches),
    }
}

impl<S: Subcommand, O: Args> FromArgMatches for WithOptions<S, O> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut matches.clone())
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        // The parent's matches: the options are read from the leaf below
        // it first, then `S` takes the subcommand (and removes it).
        let options = leaf_options(matches)?;
        Ok(WithOptions {
            command: S::from_arg_matches_mut(matches)?,
            options,
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl<S: Subcommand, O: Args> Subcommand for WithOptions<S, O> {
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        let probe = S::augment_subcommands(clap::Command::new("probe"));
        let names: Vec<String> = probe
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        names.iter().fold(S::augment_subcommands(cmd), |cmd, name| {
            cmd.mut_subcommand(name, augment_leaves::<O>)
        })
    }

    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_subcommands(cmd)
    }

    fn has_subcommand(name: &str) -> bool {
        S::has_subcommand(name)
    }
}

fn parse_as_of(text: &str) -> Result<Date, String> {
    if text.eq_ignore_ascii_case("today") {
        return Ok(today());
    }
    text.parse::<PartialDate>()
        .map(|d| d.first_day())
        .map_err(|e| e.to_string())
}

pub(crate) fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// What a command printed, and whether it found anything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Printed {
    /// The text for stdout.
    pub stdout: String,
    /// The answer is empty (see [`Answer::is_empty`]): exit
    /// [`exit::NOT_FOUND`] after printing it.
    pub nothing_found: bool,
    /// Notes for stderr, each one line without its "note: " prefix.
    pub notes: Vec<String>,
}

impl From<String> for Printed {
    fn from(stdout: String) -> Printed {
        Printed {
            stdout,
            ..Printed::default()
        }
    }
}

/// Runs a parsed command line; returns what to print on stdout.
pub fn run(cli: &Cli) -> Result<Printed, Error> {
    let Some(options) = cli.command.options(&cli.defaults) else {
        // Generating and describing the command line read no database.
        return match &cli.command {
            Command::Generate(args) => generate::run(args).map(Printed::from),
            Command::Describe(describe) => Ok(completions::run(describe).into()),
            _ => Err(Error::Usage("this command needs a database".into())),
        };
    };
    let Effective {
        origin,
        when,
        format,
    } = options;
    // Edits open the file themselves, under a lock, and may repair a file
    // that does not validate yet: they must not load it first.
    if let Command::Edit(with) = &cli.command {
        // Refused before anything is written: an edit reports a change,
        // which is no table.
        if format == Format::Csv {
            return Err(Error::Usage(
                "editing commands have no CSV form: use --format text or json".into(),
            ));
        }
        return edit::run(&origin, format, &with.command).map(Printed::from);
    }
    if let Command::Serve(args) = &cli.command {
        return serve::run(origin, args).map(Printed::from);
    }
    let graph = load::load(&origin)?;
    let ctx = Context::new(&graph, when.unwrap_or(When::AllTime), format, origin);
    let output = run_in(&ctx, when, &cli.command);
    drop(ctx);
    // Freeing a million-relation graph piece by piece takes longer than
    // some queries; the process exits after printing and the system takes
    // the memory back at once. (`run` is called once per process.)
    std::mem::forget(graph);
    output
}

/// Runs `command` in `ctx` (a loaded graph, the moment, the format): the
/// part of [`run`] after loading, which the server calls for each request
/// with the graph it holds and a context that answers in memory. `when`
/// is `None` for a command that takes no date. Notes come back in
/// [`Printed::notes`].
pub fn run_in(ctx: &Context<'_>, when: Option<When>, command: &Command) -> Result<Printed, Error> {
    // `codes` answers from the code table, not from the facts; `list`
    // names the entities (the date only leaves out states not existing
    // then), so neither warns of stale or uncovered facts.
    // A query may set its own day (`AS OF`), known once it is parsed: it
    // adds these notes itself, for the day it ran as of.
    let about_facts = !matches!(
        command,
        Command::Codes { .. } | Command::List { .. } | Command::Query(_)
    );
    // A series asks about its steps, not about the day of `--as-of`: the
    // notes speak of its last day.
    // So does a panel.
    let steps = match command {
        Command::Panel { unit } => unit.options().steps().ok(),
        _ => series_options(command).and_then(|o| o.steps().ok().flatten()),
    };
    let asked = match steps {
        Some((steps, _)) => steps
            .last()
            .map(|last| When::On(last.until.yesterday().unwrap_or(last.from))),
        None => when,
    };
    if let Some(asked) = asked
        && about_facts
    {
        facts_notes(ctx, asked, &named_in(command));
    }
    let mut printed = answer(ctx, command)?;
    let mut notes = ctx.take_notes();
    notes.append(&mut printed.notes);
    printed.notes = notes;
    Ok(printed)
}

/// The notes about the facts an answer as of `asked` relies on: that they
/// were last checked before that day, and which sources do not cover it.
/// `named` are the entities the command is about: commands about one
/// entity (or two states compared) rely on those entities' relations, the
/// others (a path may run anywhere) on all (`named` empty).
pub(crate) fn facts_notes(ctx: &Context<'_>, asked: When, named: &[&String]) {
    let view = ctx.graph.at(asked);
    // A name that does not resolve is left to the command to report; the
    // note about the checked day still holds.
    let caveats = match named
        .iter()
        .map(|name| ctx.graph.resolve(name))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(focus) => query::coverage::caveats(&view, &focus),
        Err(_) => query::coverage::caveats(&view, &[])
            .into_iter()
            .filter(|c| matches!(c, query::coverage::Caveat::Unchecked { .. }))
            .collect(),
    };
    if let When::On(day) = asked {
        for caveat in caveats {
            ctx.note(caveat.text(&day.to_string()));
        }
    }
}

/// The entities a command is about, as typed, for [`facts_notes`]'s
/// coverage caveat.
fn named_in(command: &Command) -> Vec<&String> {
    match command {
        Command::Show { entity, .. } | Command::Neighbors { entity, .. } => vec![entity],
        Command::Members { organization, .. } => vec![organization],
        Command::Analysis(WithOptions {
            command: analysis::Analysis::Align(args),
            ..
        }) => match &args.b {
            Some(b) => vec![&args.a, b],
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// `check`'s warnings, each with the `file:line:col` of what it is about
/// (the text is read again only when there is something to place). With
/// `per_rule`, only the first so many of each rule are placed (the rest
/// carry the file's name alone): text shows no more, and placing the
/// first warnings of a large file reads only its beginning.
fn check_warnings(
    graph: &DiploGraph,
    origin: &Origin,
    per_rule: Option<usize>,
) -> Result<Vec<(String, query::lint::Warning)>, Error> {
    use crate::store::locate::List;
    let warnings = query::lint::lint(graph);
    if warnings.is_empty() {
        return Ok(Vec::new());
    }
    let name = origin.display_name();
    // Mapped, not read: placing the first warnings of a large file touches
    // only its beginning, and nothing is copied.
    let mapped;
    let text: &str = match origin {
        Origin::Bundled => crate::store::BUNDLED,
        Origin::File(path) => {
            let read_error = |source| Error::Read {
                path: path.clone(),
                source,
            };
            let file = std::fs::File::open(path).map_err(read_error)?;
            // SAFETY: the map is read while diplograph holds it; a writer
            // replacing the file does so by rename (`AtomicFile`), which
            // leaves this mapping on the old file.
            mapped = unsafe { memmap2::Mmap::map(&file) }.map_err(read_error)?;
            std::str::from_utf8(&mapped)
                .map_err(|_| Error::Usage(format!("{name} is not UTF-8")))?
        }
    };
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let placed: Vec<bool> = warnings
        .iter()
        .map(|w| {
            let n = seen.entry(w.rule()).or_default();
            *n += 1;
            per_rule.is_none_or(|limit| *n <= limit)
        })
        .collect();
    let sites = warnings
        .iter()
        .zip(&placed)
        .filter(|(_, placed)| **placed)
        .map(|(w, _)| match w.site() {
            query::lint::Site::Entity(i) => (List::Entities, i),
            query::lint::Site::Relation(j) => (List::Relations, j),
        });
    let mut located = crate::store::places_of(&name, text, sites).into_iter();
    Ok(warnings
        .into_iter()
        .zip(placed)
        .map(|(w, placed)| {
            let at = if placed {
                located.next().unwrap_or_else(|| name.clone())
            } else {
                name.clone()
            };
            (at, w)
        })
        .collect())
}

/// The lines `check --strict` refuses a file with: the first few warnings
/// of each rule, then how many more there are.
fn strict_lines(graph: &DiploGraph, warnings: &[(String, query::lint::Warning)]) -> Vec<String> {
    let mut counted: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut lines: Vec<String> = warnings
        .iter()
        .filter(|(_, w)| {
            let n = counted.entry(w.rule()).or_default();
            *n += 1;
            *n <= crate::render::text::WARNINGS_SHOWN_PER_RULE
        })
        .map(|(at, w)| crate::render::text::warning_line(graph, at, w))
        .collect();
    if warnings.len() > lines.len() {
        lines.push(format!(
            "… and {} more (`check --format json` lists every one)",
            warnings.len() - lines.len()
        ));
    }
    lines
}

/// The output of a command that reads the loaded database.
fn answer(ctx: &Context<'_>, command: &Command) -> Result<Printed, Error> {
    let graph = ctx.graph;
    let when = ctx.when;
    let view = graph.at(when);
    let found = match command {
        Command::Check { strict, .. } => {
            let name = ctx.origin.display_name();
            // Text and `--strict` show the first few of each rule; JSON
            // lists and places every one.
            let per_rule = (ctx.format != Format::Json || *strict)
                .then_some(crate::render::text::WARNINGS_SHOWN_PER_RULE);
            let warnings = check_warnings(graph, &ctx.origin, per_rule)?;
            if *strict && !warnings.is_empty() {
                return Err(Error::Strict {
                    name,
                    warnings: strict_lines(graph, &warnings),
                });
            }
            Answer::Check {
                name,
                summary: query::summarize(graph),
                warnings,
            }
        }
        Command::List { kind, notes, .. } => Answer::List {
            nodes: query::list(&view, *kind),
            notes: *notes,
        },
        Command::Show { entity, .. } => {
            Answer::Show(query::show(&view, graph.resolve(entity)?), when)
        }
        Command::Neighbors {
            entity, via, notes, ..
        } => {
            let node = graph.resolve(entity)?;
            let found = query::neighbors(&view, node, via);
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
            series,
            ..
        } => {
            let org = graph.resolve_kind(
                organization,
                EntityKind::Organization,
                "members",
                "an organization",
            )?;
            if let Some((steps, rule)) = series.steps()? {
                Answer::Series(Box::new(query::series::members(
                    graph, &steps, rule, org, statuses,
                )))
            } else {
                Answer::Members {
                    org,
                    found: query::members::roster(&view, org, statuses),
                    when,
                    notes: *notes,
                }
            }
        }
        Command::Report {
            limit, all, notes, ..
        } => {
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
        Command::Analysis(with) => analysis::run(ctx, &with.command)?,
        Command::Change(with) => change::run(ctx, &with.command)?,
        Command::Codes { code, from, to, .. } => codes(graph, code, *from, *to, when)?,
        Command::Export(args) => return export::run(ctx, args).map(Printed::from),
        Command::Query(args) => return cypher::run(ctx, args),
        Command::Panel { unit } => return panel::run(ctx, unit),
        Command::Edit(_) | Command::Generate(_) | Command::Describe(_) | Command::Serve(_) => {
            return Err(Error::Usage(
                "this command does not answer from the loaded database".into(),
            ));
        }
    };
    if let Answer::Series(table) = &found
        && let Some(options) = series_options(command)
        && let Some(path) = &options.chart
    {
        write_chart(ctx, table, path, options.force)?;
    }
    printed(ctx, &found)
}

/// `--chart FILE.svg`: the series drawn and written (atomically; an
/// existing file only with `--force`, the database never).
fn write_chart(
    ctx: &Context,
    table: &query::series::SeriesTable,
    path: &std::path::Path,
    force: bool,
) -> Result<(), Error> {
    if let Origin::File(db) = &ctx.origin
        && export::same_file(db, path)
    {
        return Err(Error::Usage(format!(
            "the chart {} is the database being read; name another file",
            path.display()
        )));
    }
    let format = crate::render::chart::ChartFormat::from_path(path)?;
    let chart = crate::render::chart::from_series(ctx.graph, table);
    let bytes = crate::render::chart::render(&chart, format)?;
    crate::render::chart::write_chart(path, &bytes, force)?;
    eprintln!("wrote the chart to {}", path.display());
    Ok(())
}

/// An answer rendered in the context's format, with the notes that JSON
/// and CSV have no room for: what an empty answer means, and (CSV) the
/// rows left out.
fn printed(ctx: &Context<'_>, found: &Answer<'_>) -> Result<Printed, Error> {
    let (graph, format) = (ctx.graph, ctx.format);
    let stdout = found.render(graph, format)?;
    if format != Format::Text
        && let Some(absence) = found.absence(graph)
    {
        ctx.note(absence);
    }
    if format == Format::Csv
        && let Some(left_out) = crate::render::csv::left_out(found)
    {
        ctx.note(left_out);
    }
    Ok(Printed {
        stdout,
        nothing_found: found.is_empty(),
        notes: Vec::new(),
    })
}

/// `codes`: the state `code` names in `from` on the day asked about, as
/// an answer. The day is `--as-of` or today: `codes` has no `--all-time`,
/// and one given before its name is dropped (`Command::options`).
fn codes(
    graph: &DiploGraph,
    code: &str,
    from: crate::codes::Scheme,
    to: Option<crate::codes::Scheme>,
    when: When,
) -> Result<Answer<'static>, Error> {
    let day = when.first_day().unwrap_or_else(today);
    let found = query::codes::lookup(graph, from, code, to, day)?;
    Ok(Answer::Codes(Box::new(found)))
}

/// The series options of a command that takes them (`members` and the
/// analyses but `path`).
fn series_options(command: &Command) -> Option<&analysis::SeriesOptions> {
    match command {
        Command::Members { series, .. } => Some(series),
        Command::Analysis(with) => match &with.command {
            analysis::Analysis::Align(args) => Some(&args.series),
            analysis::Analysis::Balance(args) => Some(&args.series),
            analysis::Analysis::Clusters(args) => Some(&args.series),
            analysis::Analysis::Central(args) => Some(&args.series),
            analysis::Analysis::Path(_) => None,
        },
        _ => None,
    }
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

/// Prints a command's notes on stderr, then its output on stdout.
fn print(printed: &Printed) -> Result<(), Error> {
    for note in &printed.notes {
        eprintln!("note: {note}");
    }
    write_stdout(&printed.stdout)
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
    let json = cli
        .command
        .options(&cli.defaults)
        .is_some_and(|o| o.format == Format::Json);
    let fail = |err: Error| {
        let code = err.exit_code();
        // A state named by an abbreviation the database does not record
        // (`show UK`) is a name that found nothing: JSON still gets valid
        // output, the empty list. (Every empty answer is printed by `run`.)
        if json
            && matches!(
                err,
                Error::UnknownEntity {
                    abbreviation: Some(_),
                    ..
                }
            )
        {
            let _ = write_stdout("[]\n");
        }
        eprintln!("{:?}", miette::Report::new(err));
        code
    };
    match run(&cli) {
        Ok(printed) => match print(&printed) {
            Ok(()) if printed.nothing_found => exit::NOT_FOUND,
            Ok(()) => 0,
            Err(err) => fail(err),
        },
        Err(err) => fail(err),
    }
}
