//! The one error type of the library, and the exit codes it maps to.
//!
//! Every failure a user can cause (a bad file, a bad name on the command
//! line) is a variant here with a plain message, a `file:line:col` where
//! there is a file, and a "did you mean" where one helps. The binary renders
//! them with miette; nothing in the library panics on user input.

use std::path::PathBuf;
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};

/// The file text shared by every diagnostic about one file, so a thousand
/// problems in a large file do not make a thousand copies of it.
pub type SharedSource = NamedSource<Arc<str>>;

/// Exit codes, one per class of failure, so scripts can tell them apart.
pub mod exit {
    /// The query ran and found nothing: an empty listing (no neighbour, no
    /// member, no path…), or a state named by a common abbreviation that
    /// the database does not record (`show UK` without `GBR`).
    pub const NOT_FOUND: i32 = 1;
    /// The command line named something that does not exist or is malformed.
    pub const USAGE: i32 = 2;
    /// The database file cannot be parsed or does not validate.
    pub const INVALID_DATA: i32 = 3;
    /// Reading or writing a file failed.
    pub const IO: i32 = 4;
    /// `fmt --check`: the file is valid but not in canonical form.
    pub const NOT_CANONICAL: i32 = 5;
    /// A query was stopped by `--max-rows` or `--timeout` before it
    /// finished: no answer is printed, since a part would mislead.
    pub const LIMIT: i32 = 6;
}

/// Everything that can go wrong.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum Error {
    /// The database file could not be read.
    #[error("cannot read {}", path.display())]
    #[diagnostic(code(diplograph::read))]
    Read {
        /// The file that could not be read, as the user named it.
        path: PathBuf,
        /// Why the operating system refused.
        #[source]
        source: std::io::Error,
    },

    /// Writing output failed (other than a closed pipe, which is not an error).
    #[error("cannot write output")]
    #[diagnostic(code(diplograph::write))]
    Write(#[source] std::io::Error),

    /// The file is not well-formed RON of the expected shape.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Parse(Box<ParseError>),

    /// The file parsed but its facts contradict each other.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidDatabase>),

    /// `check --strict` found warnings: the file validates, but something
    /// in it is probably wrong.
    #[error("{name}: {} refused by --strict\n{}", plural(warnings.len(), "warning"), warnings.join("\n"))]
    #[diagnostic(
        code(diplograph::strict),
        help("fix each warning in the file; `check` without --strict lists them and exits 0")
    )]
    Strict {
        /// The database's name in messages.
        name: String,
        /// Each warning, as `check` prints it.
        warnings: Vec<String>,
    },

    /// A name on the command line matches no entity.
    #[error("no entity is called `{query}`")]
    #[diagnostic(
        code(diplograph::unknown_entity),
        help("{}", unknown_help(query, suggestions, abbreviation.as_ref()))
    )]
    UnknownEntity {
        /// The name as typed on the command line.
        query: String,
        /// The entities whose names look most like it, best first (may be
        /// empty).
        suggestions: Vec<Named>,
        /// When the name is a common abbreviation
        /// ([`crate::names::ABBREVIATIONS`]) of a state the database does
        /// not hold: that state, so the message says what was meant instead
        /// of offering look-alikes.
        abbreviation: Option<Named>,
    },

    /// A name on the command line matches several entities equally well.
    #[error("`{query}` could mean several entities: {}", list(candidates))]
    #[diagnostic(
        code(diplograph::ambiguous_entity),
        help("use the id of the one you mean")
    )]
    AmbiguousEntity {
        /// The name as typed on the command line.
        query: String,
        /// Every entity the name could mean.
        candidates: Vec<Named>,
    },

    /// `fmt --check` found the file valid but not in canonical form.
    #[error("{} is not canonical: `diplograph fmt` would rewrite it", path.display())]
    #[diagnostic(
        code(diplograph::not_canonical),
        help("run `diplograph fmt` to rewrite it (comments and order are kept)")
    )]
    NotCanonical {
        /// The database file, as the user named it.
        path: PathBuf,
    },

    /// An edit whose result would not validate, in a file that did: the
    /// command's arguments are at fault, so nothing was written.
    #[error("{} was not changed: this edit would make it invalid ({})", file, plural(*count, "problem"))]
    #[diagnostic(
        code(diplograph::edit_refused),
        help("change the command's arguments; the file on disk is as it was")
    )]
    EditRefused {
        /// The database file, as messages name it.
        file: String,
        /// How many problems the edit would make.
        count: usize,
        /// What the edit would break, each said of the element it adds or
        /// changes (at most the first [`EDIT_PROBLEMS_SHOWN`]).
        #[related]
        problems: Vec<EditProblem>,
    },

    /// A command-line value is out of range or contradicts another.
    #[error("{0}")]
    #[diagnostic(code(diplograph::usage))]
    Usage(String),

    /// `codes`: the code names no state on the day asked about, or more
    /// than one, or the state has no code in the scheme asked for; the
    /// message lists the candidates with their spells.
    #[error(transparent)]
    #[diagnostic(
        code(diplograph::codes),
        help(
            "a code names a state only on certain days: --as-of DATE picks the day (default today); schemes: iso3, iso2, isonum, cow, cowabb, gw, name"
        )
    )]
    Code(#[from] crate::codes::CodeError),

    /// A command was given an entity of the wrong kind (e.g. `members RUS`).
    #[error("`{id}` is {} {actual}, but {command} needs {expected}", article(actual.name()))]
    #[diagnostic(
        code(diplograph::wrong_kind),
        help("`diplograph show {id}` lists everything `{id}` is related to")
    )]
    WrongKind {
        /// The id of the entity that was given.
        id: String,
        /// What that entity is.
        actual: crate::model::EntityKind,
        /// The command that refused it, as the user types it.
        command: &'static str,
        /// What the command accepts, in words ("an organization").
        expected: &'static str,
    },

    /// A picture format needs Graphviz and it could not be run.
    #[error("{format} pictures need Graphviz, and its `{program}` program could not be run")]
    #[diagnostic(
        code(diplograph::graphviz_missing),
        help(
            "install Graphviz (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`), or export svg, which works without it"
        )
    )]
    GraphvizMissing {
        /// The picture format asked for ("png").
        format: &'static str,
        /// The program that was tried (`$DIPLOGRAPH_DOT` or `dot`).
        program: String,
    },

    /// Graphviz ran but could not draw the diagram.
    #[error("Graphviz (`{program}`) failed: {detail}")]
    #[diagnostic(
        code(diplograph::graphviz_failed),
        help(
            "`diplograph export dot` writes the diagram it was given, to inspect or render by hand"
        )
    )]
    GraphvizFailed {
        /// The program that ran.
        program: String,
        /// What went wrong: its stderr, its exit status or the I/O error.
        detail: String,
    },

    /// The built-in layout could not lay the graph out.
    #[error("the built-in layout could not draw this graph")]
    #[diagnostic(
        code(diplograph::layout),
        help("install Graphviz (e.g. `apt-get install graphviz`), which draws every graph")
    )]
    Layout,

    /// A line chart could not be drawn: series or labels that do not fit
    /// its steps, an empty y range, or the drawing library failing
    /// (`render::chart`).
    #[error("cannot draw the chart: {why}")]
    #[diagnostic(code(diplograph::chart))]
    Chart {
        /// What was wrong.
        why: String,
    },

    /// An export's options do not fit its format (csv without `--output
    /// DIR`, PNG to a terminal, drawing options for a data format).
    #[error("export {format} {why}")]
    #[diagnostic(code(diplograph::export_usage), help("{help}"))]
    ExportUsage {
        /// The export format the options were given for.
        format: &'static str,
        /// The clash, continuing the sentence "export FORMAT …".
        why: String,
        /// What to do instead.
        help: String,
    },

    /// The database file is read-only, so an edit cannot be saved.
    #[error("{} is read-only; nothing was changed", path.display())]
    #[diagnostic(
        code(diplograph::read_only),
        help("make it writable (e.g. `chmod u+w {}`) to edit it", path.display())
    )]
    ReadOnly {
        /// The database file, as the user named it.
        path: PathBuf,
    },

    /// The file changed on disk between reading it and writing the edit,
    /// by a program that does not take diplograph's lock (an editor).
    #[error("{} was changed by another program while this edit was being made; nothing was written", path.display())]
    #[diagnostic(
        code(diplograph::changed_on_disk),
        help("run the command again: it will apply to the file as it is now")
    )]
    ChangedOnDisk {
        /// The database file, as the user named it.
        path: PathBuf,
    },

    /// An output file could not be written.
    #[error("cannot write {}", path.display())]
    #[diagnostic(code(diplograph::write))]
    WriteFile {
        /// The output file that could not be written.
        path: PathBuf,
        /// Why the operating system refused.
        #[source]
        source: std::io::Error,
    },

    /// A query (`diplograph query`) that cannot run: a syntax error, an
    /// unknown label, type, property, function or parameter, or a clause
    /// outside the read-only subset. Shown at its `line:col` with a snippet.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Query(Box<QueryError>),

    /// A query stopped by `--max-rows` or `--timeout` before it finished.
    #[error("the query was stopped by {limit}: {why}")]
    #[diagnostic(
        code(diplograph::query_limit),
        help("narrow the pattern (a label, a name, fewer hops, a LIMIT) or raise {option}")
    )]
    QueryLimit {
        /// The limit as the user sets it: `--max-rows 100000`.
        limit: String,
        /// The option to raise: `--max-rows`.
        option: &'static str,
        /// What had happened when it stopped.
        why: String,
    },

    /// `generate` was asked for sizes that cannot make a valid database.
    #[error("cannot generate: {why}")]
    #[diagnostic(code(diplograph::generate), help("{help}"))]
    Generate {
        /// Why these sizes cannot make a valid database.
        why: String,
        /// Which option to change, and which way.
        help: String,
    },
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Read { .. }
            | Error::Write(_)
            | Error::GraphvizMissing { .. }
            | Error::GraphvizFailed { .. }
            | Error::Layout
            | Error::Chart { .. }
            | Error::WriteFile { .. }
            | Error::ReadOnly { .. }
            | Error::ChangedOnDisk { .. } => exit::IO,
            Error::Parse(_) | Error::Invalid(_) | Error::Strict { .. } => exit::INVALID_DATA,
            // A state known by its abbreviation ("UK") that the database
            // does not record: the name is right, the answer is nothing.
            // A code that names no state that day (`codes 255 --from cow`
            // in 1980): a question with no answer, not a slip.
            Error::UnknownEntity {
                abbreviation: Some(_),
                ..
            }
            | Error::Code(
                crate::codes::CodeError::NoState { .. }
                | crate::codes::CodeError::Ambiguous { .. }
                | crate::codes::CodeError::NoCode { .. },
            ) => exit::NOT_FOUND,
            Error::NotCanonical { .. } => exit::NOT_CANONICAL,
            Error::Usage(_)
            | Error::Code(crate::codes::CodeError::Malformed { .. })
            | Error::EditRefused { .. }
            | Error::UnknownEntity { .. }
            | Error::AmbiguousEntity { .. }
            | Error::WrongKind { .. }
            | Error::ExportUsage { .. }
            | Error::Query(_)
            | Error::Generate { .. } => exit::USAGE,
            Error::QueryLimit { .. } => exit::LIMIT,
        }
    }
}

/// At most this many problems of a refused edit are listed (an import
/// may break the same rule on every row).
pub const EDIT_PROBLEMS_SHOWN: usize = 10;

/// One thing a refused edit would break ([`Error::EditRefused`]).
#[derive(Debug, Clone, thiserror::Error, Diagnostic)]
#[error("{message}")]
pub struct EditProblem {
    /// What would be wrong, naming the relation or entity.
    pub message: String,
    /// How to fix it, when there is something specific to say.
    #[help]
    pub help: Option<String>,
}

/// An entity as messages offer it: `Russia (RUS)`, its name for people
/// and its id for typing, never the id alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The entity's name.
    pub name: String,
    /// Its id.
    pub id: String,
}

impl std::fmt::Display for Named {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.name, self.id)
    }
}

/// `a, b, c`.
fn list(items: &[Named]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// "did you mean Russia (RUS)?" or "did you mean one of: Russia (RUS),
/// Belarus (BLR)?" for the entities a name looks like, each by name and
/// id, on the command line and in the file's messages alike; `None` when
/// there is none to offer (each caller says what to do instead).
pub fn did_you_mean(suggestions: &[Named]) -> Option<String> {
    let named: Vec<String> = suggestions.iter().map(ToString::to_string).collect();
    match named.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        many => Some(format!("did you mean one of: {}?", many.join(", "))),
    }
}

/// The help of [`Error::UnknownEntity`]: what an abbreviation stands for
/// when the database lacks it, else the look-alikes as `Name (ID)`, else
/// a hint to list.
fn unknown_help(query: &str, suggestions: &[Named], abbreviation: Option<&Named>) -> String {
    if let Some(meant) = abbreviation {
        return format!(
            "`{query}` usually stands for {meant}, which this database does not record; \
             `diplograph list --kind country` lists the states it does"
        );
    }
    did_you_mean(suggestions)
        .unwrap_or_else(|| "run `diplograph list` to see every entity".to_string())
}

/// A syntax or shape error in the file, at a line and column.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{path}:{line}:{col}: {message}")]
#[diagnostic(code(diplograph::parse))]
pub struct ParseError {
    /// The file as named on the command line.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong, in plain words.
    pub message: String,
    /// The whole file text, for the snippet under the message.
    #[source_code]
    pub src: SharedSource,
    /// The byte range the message points at.
    #[label("here")]
    pub span: SourceSpan,
}

/// What is wrong with a query ([`QueryError::kind`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryProblem {
    /// It is not text of the subset's grammar.
    Syntax,
    /// A label, relationship type, property, function, variable or
    /// parameter that does not exist.
    Unknown,
    /// Cypher that diplograph does not run: writing clauses (`CREATE`,
    /// `MERGE`, `SET`, …: "not supported: read-only") or reading features
    /// outside the subset.
    Unsupported,
    /// A value of the wrong type where one is needed (`SKIP 'a'`, a date
    /// that is not one).
    Type,
}

/// A query that cannot run, at a line and column of its text.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{origin}:{line}:{col}: {message}")]
#[diagnostic(code(diplograph::query))]
pub struct QueryError {
    /// Where the query came from: `query` (the command line), `stdin`, or
    /// the `--file` as named.
    pub origin: String,
    /// 1-based line in the query text.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong, in plain words.
    pub message: String,
    /// What kind of problem it is (tests and the server tell them apart).
    pub kind: QueryProblem,
    /// A hint: "did you mean `country`?", or what to write instead.
    #[help]
    pub help: Option<String>,
    /// The query text, for the snippet under the message.
    #[source_code]
    pub src: SharedSource,
    /// The byte range the message points at.
    #[label("{label}")]
    pub span: SourceSpan,
    /// The words under the snippet's underline.
    pub label: String,
}

impl QueryError {
    /// The error `message` about bytes `span` of the query `text` (from
    /// `origin`), with its line and column worked out, as an [`Error`].
    pub fn at(
        origin: &str,
        text: &str,
        span: std::ops::Range<usize>,
        kind: QueryProblem,
        message: String,
        help: Option<String>,
    ) -> Error {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        let label = match kind {
            QueryProblem::Syntax => "here",
            QueryProblem::Unknown => "not known",
            QueryProblem::Unsupported => "not supported",
            QueryProblem::Type => "wrong type",
        };
        Error::Query(Box::new(QueryError {
            origin: origin.to_string(),
            line,
            col,
            message,
            kind,
            help,
            src: NamedSource::new(origin, Arc::from(text)),
            span: (start, end - start).into(),
            label: label.to_string(),
        }))
    }
}

/// The largest char boundary of `text` at or before `i`.
fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// All the problems found in a file that parsed; reported together.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{path}: {} found", plural(problems.len(), "problem"))]
#[diagnostic(
    code(diplograph::invalid),
    help("fix these in the file, then run `diplograph check`")
)]
pub struct InvalidDatabase {
    /// The file as named on the command line.
    pub path: String,
    /// Every problem found; never empty.
    #[related]
    pub problems: Vec<Problem>,
}

/// One semantic problem: an unknown endpoint, a duplicate id, …
#[derive(Debug, Clone, thiserror::Error, Diagnostic)]
#[error("{location}: {message}")]
pub struct Problem {
    /// `file:line:col` of the offending entity or relation.
    pub location: String,
    /// What is wrong, naming the entity or relation.
    pub message: String,
    /// How to fix it, when there is something specific to say (often a
    /// "did you mean").
    #[help]
    pub help: Option<String>,
    /// The whole file text, shared by every problem of the file.
    #[source_code]
    pub src: SharedSource,
    /// The byte range of the offending entity or relation (or of the field
    /// at fault).
    #[label("{label}")]
    pub span: SourceSpan,
    /// Short text under the snippet.
    pub label: String,
}

/// "a" or "an" before a word.
pub fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// "1 problem", "3 problems".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
