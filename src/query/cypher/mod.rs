//! `diplograph query`: a read-only subset of openCypher in which every
//! relationship a pattern matches is one in force on the day asked about.
//!
//! The text is parsed ([`parse()`]) into a syntax tree ([`ast`]), checked
//! and planned against the database ([`compile`]: labels are entity
//! kinds, types are relation kinds, properties are the fields the file
//! records, see [`catalog`]), then run ([`exec`]) on a
//! [`View`](crate::graph::View) of the graph as of the day: a hop can only
//! follow a relation the view holds in force, and a node can only be an
//! entity that exists that day. No `WHERE r.since <= $d AND …` is needed,
//! or possible to forget; `--all-time` lifts the filter, and a trailing
//! `AS OF date('…')` sets the day inside the query.
//!
//! ```
//! use diplograph::graph::{DiploGraph, When};
//! use diplograph::query::cypher::{self, Options};
//! use diplograph::store::Origin;
//! let graph = DiploGraph::load(&Origin::Bundled).unwrap();
//! let text = "MATCH (c:country)-[:member]->(:organization {id: 'SCO'}) RETURN count(*) AS members";
//! let day = |y, m, d| When::On(jiff::civil::date(y, m, d));
//! let before = cypher::run(&graph, day(2024, 7, 3), text, "query", &Options::default()).unwrap();
//! let after = cypher::run(&graph, day(2024, 7, 4), text, "query", &Options::default()).unwrap();
//! // Belarus joined on the summit's second day.
//! let count = |rows: &cypher::Rows| format!("{:?}", rows.rows[0][0]);
//! assert_eq!((count(&before), count(&after)), ("Integer(9)".into(), "Integer(10)".into()));
//! ```

pub mod ast;
pub mod catalog;
pub mod compile;
pub mod exec;
pub mod parse;
pub mod value;

pub use compile::Params;
pub use exec::Limits;
pub use parse::parse;

use crate::error::Error;
use crate::graph::{DiploGraph, When};
use value::Value;

/// How a query runs, besides its text.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `$name` values (`--param name=value`).
    pub params: Params,
    /// `--max-rows`, `--timeout`.
    pub limits: Limits,
}

/// A query's answer: named columns and rows of values.
#[derive(Clone, Debug)]
pub struct Rows {
    /// The `RETURN` columns: each alias, or the expression as typed.
    pub columns: Vec<String>,
    /// The rows, in the order the query asked for (else the order found).
    pub rows: Vec<Vec<Value>>,
    /// The moment the query ran as of (`AS OF` or the caller's).
    pub when: When,
    /// What to tell the user beside the rows (a name that found no
    /// entity, an `AS OF` over `--as-of`).
    pub notes: Vec<String>,
}

/// A parameter as the command line (`--param name=value`) and the server
/// (`param=name%3Dvalue`) give it: the value as JSON when it is JSON
/// (`3`, `2.5`, `true`, `null`, `"text"`, `["IND", "PAK"]`, an object as a
/// map), anything else as text; `$` before the name is allowed.
///
/// ```
/// use diplograph::query::cypher::{param, value::Value};
/// let (name, value) = param(r#"ids=["IND","PAK"]"#).unwrap();
/// assert_eq!(name, "ids");
/// assert_eq!(value, Value::List(vec![Value::String("IND".into()), Value::String("PAK".into())]));
/// assert_eq!(param("org=SCO").unwrap().1, Value::String("SCO".into()));
/// assert!(param("no equals sign").is_err());
/// ```
///
/// # Errors
/// A message when the text is not `NAME=VALUE` with a name of letters,
/// digits and `_`.
pub fn param(text: &str) -> Result<(String, Value), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not NAME=VALUE"))?;
    let name = name.trim().trim_start_matches('$');
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return Err(format!(
            "`{name}` is not a parameter name: use letters, digits and _"
        ));
    }
    let value = serde_json::from_str::<serde_json::Value>(value)
        .ok()
        .and_then(|json| Value::from_json(&json))
        .unwrap_or_else(|| Value::String(value.to_string()));
    Ok((name.to_string(), value))
}

/// Parses, plans and runs `text` (from `origin`, for messages) on `graph`
/// as of `when` (or its own `AS OF`).
///
/// # Errors
/// [`Error::Query`] for a query that does not parse or names what the
/// database does not have; [`Error::QueryLimit`] when `--max-rows` or
/// `--timeout` stops it.
pub fn run(
    graph: &DiploGraph,
    when: When,
    text: &str,
    origin: &str,
    options: &Options,
) -> Result<Rows, Error> {
    let source = compile::Source { origin, text };
    let query = parse(text, origin)?;
    let plan = compile::compile(graph, &query, source, &options.params)?;
    let (when, mut notes) = moment(&plan, when);
    let rows = exec::run(graph, when, &plan, source, options.limits)?;
    notes.extend(plan.notes);
    Ok(Rows {
        columns: plan.columns,
        rows,
        when,
        notes,
    })
}

/// The plan of `text` in words, one line per step, without running it
/// (`--explain`): which node each pattern starts from and why, the hops in
/// the order they are walked, where each condition is tested.
///
/// # Errors
/// As [`run`], but never a limit.
pub fn explain(
    graph: &DiploGraph,
    when: When,
    text: &str,
    origin: &str,
    options: &Options,
) -> Result<Vec<String>, Error> {
    let source = compile::Source { origin, text };
    let query = parse(text, origin)?;
    let plan = compile::compile(graph, &query, source, &options.params)?;
    let (when, _) = moment(&plan, when);
    let mut lines = vec![match when {
        When::On(day) => format!(
            "as of {day}: every relationship matched is in force that day, every entity exists then"
        ),
        When::During { from, until } => format!("from {from} until {until}"),
        When::AllTime => "all time: every relationship ever recorded".to_string(),
    }];
    lines.extend(plan.explain);
    lines.extend(plan.notes.into_iter().map(|n| format!("note: {n}")));
    Ok(lines)
}

/// The moment a plan runs as of: its `AS OF`, else `when`; with a note
/// when the `AS OF` replaces another day.
fn moment(plan: &compile::Plan, when: When) -> (When, Vec<String>) {
    match plan.as_of {
        Some(day) if When::On(day) != when => {
            let replaced = match when {
                When::On(other) => format!("{other}, the day of --as-of (today by default)"),
                When::AllTime => "--all-time".to_string(),
                When::During { from, until } => format!("{from} to {until}"),
            };
            (
                When::On(day),
                vec![format!(
                    "the query's AS OF {day} is used instead of {replaced}"
                )],
            )
        }
        Some(day) => (When::On(day), Vec::new()),
        None => (when, Vec::new()),
    }
}
