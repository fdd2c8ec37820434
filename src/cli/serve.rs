//! `diplograph serve`: the command that starts the server of
//! [`crate::serve`], and the [`Answerer`] that makes its answers the
//! command line's own.
//!
//! A request is turned into the command line it stands for
//! (`/api/show/Iran?as_of=2024-07-04` is `show --as-of=2024-07-04
//! --format json -- Iran`), parsed by the same clap definitions and run
//! by the same [`super::run_in`] on the graph the server holds. So every
//! option a command takes is a query parameter (`via=member&via=observer`,
//! `max_hops=3`, a flag as `notes` or `notes=true`), every message is the
//! command line's, and a new command option needs no server change.
//! Options that would write or read other files (`output`, `chart`,
//! `force`, `graph`, `weights`) and `format` (always JSON) are refused.

use std::ffi::OsString;
use std::net::{IpAddr, SocketAddr};

use clap::Args;

use super::{Cli, Context, DatabaseOption, Effective};
use crate::error::Error;
use crate::export::{Selection, Slice, html};
use crate::graph::{DiploGraph, When};
use crate::serve::{self, Answerer, Endpoint, Reply};
use crate::store::Origin;

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on (0: any free port, printed on start)
    #[arg(long, default_value_t = serve::DEFAULT_PORT, value_name = "N")]
    pub port: u16,

    /// The address to listen on; anything but loopback lets other machines read the database
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: IpAddr,

    /// `--graph`.
    #[command(flatten)]
    pub database: DatabaseOption,
}

/// Query parameters the server refuses: they would write files, read
/// files other than the database, or change the output away from JSON.
const REFUSED: &[&str] = &[
    "output", "chart", "force", "graph", "weights", "format", "file",
];

/// The command-line words (after the program's name) for `endpoint`
/// with `params`, or the reason the request cannot be one.
///
/// ```
/// use diplograph::cli::serve::command_line;
/// use diplograph::serve::Endpoint;
/// let words = command_line(
///     &Endpoint::Show("Iran".into()),
///     &[("as_of".into(), "2024-07-04".into())],
/// )
/// .unwrap();
/// assert_eq!(words, ["show", "--as-of=2024-07-04", "--format=json", "--", "Iran"]);
/// ```
pub fn command_line(
    endpoint: &Endpoint,
    params: &[(String, String)],
) -> Result<Vec<String>, Error> {
    let mut positional: Vec<String> = Vec::new();
    let mut taken: Vec<&str> = Vec::new();
    let (command, named): (&[&str], &[&str]) = match endpoint {
        Endpoint::Entities => (&["list"], &[]),
        Endpoint::Show(name) => {
            positional.push(name.clone());
            (&["show"], &[])
        }
        Endpoint::Neighbors(name) => {
            positional.push(name.clone());
            (&["neighbors"], &[])
        }
        Endpoint::Members(org) => {
            positional.push(org.clone());
            (&["members"], &[])
        }
        Endpoint::Path => (&["path"], &["from", "to"]),
        Endpoint::Align => (&["align"], &["a", "b"]),
        Endpoint::Clusters => (&["clusters"], &[]),
        Endpoint::Balance => (&["balance"], &[]),
        Endpoint::Report => (&["report"], &[]),
        Endpoint::Export => (&["export", "json"], &[]),
        Endpoint::Query => (&["query"], &["q"]),
    };
    // Positional parameters, in the command's order; `b` of align may be
    // left out (then `align A` ranks A's partners).
    for name in named {
        let values: Vec<&String> = params
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v)
            .collect();
        match values.as_slice() {
            [] if *name == "b" => {}
            [] => {
                return Err(Error::Usage(format!(
                    "{} needs the query parameter `{name}`",
                    endpoint.path()
                )));
            }
            [value] => positional.push((*value).clone()),
            _ => {
                return Err(Error::Usage(format!(
                    "{} takes `{name}` once",
                    endpoint.path()
                )));
            }
        }
        taken.push(name);
    }
    let mut words: Vec<String> = command.iter().map(ToString::to_string).collect();
    for (key, value) in params {
        if taken.contains(&key.as_str()) {
            continue;
        }
        let option = key.replace('_', "-");
        if option.is_empty()
            || !option
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            || option.starts_with('-')
        {
            return Err(Error::Usage(format!(
                "`{}` is not an option of {}",
                key.escape_debug(),
                endpoint.path()
            )));
        }
        if REFUSED.contains(&key.replace('-', "_").as_str()) {
            return Err(Error::Usage(format!(
                "the server is read-only and answers JSON: `{key}` is not taken"
            )));
        }
        match value.as_str() {
            "" | "true" => words.push(format!("--{option}")),
            "false" => {}
            value => words.push(format!("--{option}={value}")),
        }
    }
    if !matches!(endpoint, Endpoint::Export) {
        words.push("--format=json".into());
    }
    words.push("--".into());
    words.extend(positional);
    Ok(words)
}

/// Answers requests by running the command each stands for.
#[derive(Clone, Copy, Debug, Default)]
pub struct CommandAnswerer;

impl Answerer for CommandAnswerer {
    fn answer(
        &self,
        graph: &DiploGraph,
        origin: &Origin,
        endpoint: &Endpoint,
        params: &[(String, String)],
    ) -> Result<Reply, Error> {
        let words = command_line(endpoint, params)?;
        let argv = std::iter::once(OsString::from("diplograph"))
            .chain(words.into_iter().map(OsString::from));
        let cli = parse(argv)?;
        let Some(Effective { when, format, .. }) = cli.command.options(&cli.defaults) else {
            return Err(Error::Usage(
                "this command does not answer from the database".into(),
            ));
        };
        let mut ctx = Context::new(graph, when.unwrap_or(When::AllTime), format, origin.clone());
        ctx.in_memory = true;
        let printed = super::run_in(&ctx, when, &cli.command)?;
        Ok(Reply {
            body: printed.stdout,
            notes: printed.notes,
        })
    }

    /// The page of `export html` for the whole database, live, opening on
    /// today; a database of more than [`crate::export::PAGE_LIMIT`] entities shows
    /// its most connected ones.
    fn page(&self, graph: &DiploGraph, origin: &Origin) -> Result<String, Error> {
        let mut slice = Slice::new(graph.at(When::AllTime), &Selection::default());
        if slice.nodes().len() > crate::export::PAGE_LIMIT {
            slice = slice.most_connected(crate::export::PAGE_LIMIT);
        }
        let options = html::PageOptions {
            date: Some(super::today()),
            live: true,
            title: format!("Diplomatic relations in {}", origin.display_name()),
            ..html::PageOptions::default()
        };
        html::page(&slice, &options)
    }
}

/// The command line parsed by the CLI's own definitions. clap's command
/// tree is built once and reused: building it is most of the cost of a
/// small answer.
fn parse(argv: impl IntoIterator<Item = OsString>) -> Result<Cli, Error> {
    static COMMAND: std::sync::OnceLock<clap::Command> = std::sync::OnceLock::new();
    let command = COMMAND.get_or_init(<Cli as clap::CommandFactory>::command);
    let matches = command
        .clone()
        .try_get_matches_from(argv)
        .map_err(|e| Error::Usage(clap_message(&e)))?;
    <Cli as clap::FromArgMatches>::from_arg_matches(&matches)
        .map_err(|e| Error::Usage(clap_message(&e)))
}

/// clap's message without its "error: " prefix, usage block and help
/// hint: one or two plain lines for a JSON error.
fn clap_message(err: &clap::Error) -> String {
    let text = err.render().to_string();
    let mut lines: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .take_while(|line| !line.starts_with("Usage:") && !line.starts_with("For more information"))
        .filter(|line| !line.is_empty())
        .collect();
    if let Some(first) = lines.first_mut() {
        *first = first.strip_prefix("error: ").unwrap_or(first);
    }
    lines
        .join(" ")
        .replace("'--", "'")
        .replace("--format=json", "")
}

/// Runs `serve`: loads the database and serves it until stopped.
pub fn run(origin: Origin, args: &ServeArgs) -> Result<String, Error> {
    let graph = super::load::load(&origin)?;
    let config = serve::Config {
        addr: SocketAddr::new(args.bind, args.port),
        origin,
    };
    serve::run(&config, graph, Box::new(CommandAnswerer))?;
    Ok(String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(endpoint: &Endpoint, params: &[(&str, &str)]) -> Result<Vec<String>, Error> {
        let params: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        command_line(endpoint, &params)
    }

    #[test]
    fn parameters_become_options_and_names_come_last() {
        assert_eq!(
            words(
                &Endpoint::Path,
                &[
                    ("from", "-x"),
                    ("to", "SCO"),
                    ("via", "member"),
                    ("notes", "")
                ]
            )
            .unwrap(),
            [
                "path",
                "--via=member",
                "--notes",
                "--format=json",
                "--",
                "-x",
                "SCO"
            ]
        );
        assert_eq!(
            words(&Endpoint::Align, &[("a", "RUS")]).unwrap(),
            ["align", "--format=json", "--", "RUS"]
        );
        assert_eq!(
            words(&Endpoint::Export, &[("as_of", "2010")]).unwrap(),
            ["export", "json", "--as-of=2010", "--",]
        );
    }

    #[test]
    fn writing_options_and_odd_keys_are_refused() {
        for key in ["output", "chart", "force", "graph", "weights", "format"] {
            let err = words(&Endpoint::Report, &[(key, "x")]).unwrap_err();
            assert!(err.to_string().contains("read-only"), "{key}: {err}");
        }
        for key in ["", "-x", "a b", "Ä", "as_of\n"] {
            assert!(words(&Endpoint::Report, &[(key, "x")]).is_err(), "{key:?}");
        }
        assert!(words(&Endpoint::Path, &[("from", "A")]).is_err());
        assert!(
            words(
                &Endpoint::Path,
                &[("from", "A"), ("from", "B"), ("to", "C")]
            )
            .is_err()
        );
    }
}
