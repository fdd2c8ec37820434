//! `query`: a Cypher query read from the command line, a file or stdin,
//! run as of the day asked about.

use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::{Context, DatedOptions, Printed};
use crate::error::Error;
use crate::query::cypher::{self, Limits, Options, value::Value};
use crate::render::Answer;

/// `query`'s own arguments.
#[derive(Clone, Debug, Args)]
pub struct QueryArgs {
    /// The query, in diplograph's read-only Cypher ("-" reads it from stdin)
    #[arg(
        value_name = "QUERY",
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    pub text: Option<String>,
    /// Read the query from this file
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// A value for $NAME in the query (repeatable). A JSON value is read as one
    /// (3, 2.5, true, null, a quoted text, a list in brackets); anything else is text
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, ParamValue)>,
    /// Print the plan (where each pattern starts, the order of the hops) instead of running it
    #[arg(long)]
    pub explain: bool,
    /// Stop when more rows than this are held at once
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_rows)]
    pub max_rows: usize,
    /// Stop after this many seconds
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    pub timeout: Duration,
    /// `--graph`, `--as-of`, `--all-time`, `--format`.
    #[command(flatten)]
    pub options: DatedOptions,
}

/// A parameter's value as given (a wrapper so that clap can hold it).
#[derive(Clone, Debug)]
pub struct ParamValue(pub Value);

/// `--param name=value`, read by the library's one rule
/// ([`cypher::param`]).
fn parse_param(text: &str) -> Result<(String, ParamValue), String> {
    cypher::param(text).map(|(name, value)| (name, ParamValue(value)))
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !(seconds > 0.0 && seconds <= 86_400.0) {
        return Err("the timeout is a number of seconds above 0, at most 86400".into());
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// The query's text and where it came from (`query`, `stdin`, the file).
fn text_of(ctx: &Context<'_>, args: &QueryArgs) -> Result<(String, String), Error> {
    if let Some(path) = &args.file {
        if ctx.in_memory {
            return Err(Error::Usage(
                "the server reads no files: send the query as q=…".into(),
            ));
        }
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        return Ok((text, path.display().to_string()));
    }
    match args.text.as_deref() {
        Some("-") if ctx.in_memory => Err(Error::Usage("send the query itself as q=…".into())),
        Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|source| Error::Read {
                    path: "stdin".into(),
                    source,
                })?;
            Ok((text, "stdin".into()))
        }
        Some(text) => Ok((text.to_string(), "query".into())),
        None => Err(Error::Usage(
            "give a query, --file FILE, or - for stdin".into(),
        )),
    }
}

/// Runs `query` in `ctx`: the rows, or the plan with `--explain`.
pub fn run(ctx: &Context<'_>, args: &QueryArgs) -> Result<Printed, Error> {
    let (text, origin) = text_of(ctx, args)?;
    let options = Options {
        params: args
            .params
            .iter()
            .map(|(k, v)| (k.clone(), v.0.clone()))
            .collect(),
        limits: Limits {
            max_rows: args.max_rows,
            timeout: args.timeout,
        },
    };
    let answer = if args.explain {
        Answer::Plan(cypher::explain(
            ctx.graph, ctx.when, &text, &origin, &options,
        )?)
    } else {
        let rows = cypher::run(ctx.graph, ctx.when, &text, &origin, &options)?;
        // About the day the query ran as of, its own `AS OF` included.
        super::facts_notes(ctx, rows.when, &[]);
        for note in &rows.notes {
            ctx.note(note.clone());
        }
        Answer::Query(Box::new(rows))
    };
    super::printed(ctx, &answer)
}
