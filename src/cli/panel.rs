//! `panel dyad-year` and `panel state-year`: the yearly tables of
//! statistical work, streamed as CSV or JSON to stdout (or a file). The
//! query makes the rows one at a time ([`crate::query::panel`]), the
//! renderer writes each as it comes ([`crate::render::panel`]).

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::analysis::{EveryArg, RuleArg, SeriesOptions};
use super::{Context, DatabaseOption, Printed, choice};
use crate::date::PartialDate;
use crate::error::Error;
use crate::query::align::Basis;
use crate::query::panel::{self, PanelQuery};
use crate::query::series::{Period, Rule};
use crate::render::Format;
use crate::render::panel::{PanelFormat, write_dyads, write_states};

/// The two panels.
#[derive(Debug, Subcommand)]
pub enum PanelUnit {
    /// One row per pair of states existing in a year: the state-to-state relations in force (0/1), optionally codes and alignment
    DyadYear(DyadArgs),
    /// One row per state existing in a year: memberships by status, partners by kind, sanctions given and received, the leader
    StateYear(PanelOptions),
}

/// `--with-alignment`'s bases (the command-line face of [`Basis`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum BasisArg {
    /// Signed ties to countries and organizations, and stances
    #[default]
    Relations,
    /// Ordinal alliance commitments to every state (Signorino and Ritter)
    Alliances,
    /// UN General Assembly votes of the year
    Votes,
}

/// `--format`: panels are tables for other tools.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum PanelFormatArg {
    /// Comma-separated values with a header line (default)
    #[default]
    Csv,
    /// One JSON array of objects keyed as the CSV header
    Json,
    /// Refused: a panel is a table for R, Stata or pandas, not for reading
    Text,
}

/// The arguments of `panel dyad-year`.
#[derive(Debug, Args)]
pub struct DyadArgs {
    /// Both orders of each pair (a directed kind such as sanctions then counts from a to b only)
    #[arg(long)]
    pub directed: bool,
    /// Add every alignment measure of each pair: S, S squared, kappa, pi, tau-b and n, the dimensions compared
    #[arg(long)]
    pub with_alignment: bool,
    /// The basis of the alignment measures
    #[arg(long, value_enum, default_value_t, requires = "with_alignment")]
    pub basis: BasisArg,
    /// The options both panels take.
    #[command(flatten)]
    pub options: PanelOptions,
}

/// The options both panels take.
#[derive(Debug, Args)]
pub struct PanelOptions {
    /// The first year (YYYY)
    #[arg(long, value_name = "YEAR")]
    pub from: PartialDate,
    /// The last year (YYYY)
    #[arg(long, value_name = "YEAR")]
    pub to: PartialDate,
    /// Which days of a year count: a state is in the year, and a relation in force, on any day of it, on 1 January, or on 31 December
    #[arg(long, value_enum, default_value_t)]
    pub rule: RuleArg,
    /// Write each state's code in this scheme that year beside its id (cow, gw, iso3…; empty where it has none)
    #[arg(long, value_parser = choice::scheme(), value_name = "SCHEME")]
    pub codes: Option<crate::codes::Scheme>,
    /// Output format [default: csv]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<PanelFormatArg>,
    /// Write to this file (atomically) instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// `--graph`.
    #[command(flatten)]
    pub database: DatabaseOption,
}

impl PanelOptions {
    /// The years asked for, and their rule (as a series reads them).
    pub fn steps(&self) -> Result<(Vec<Period>, Rule), Error> {
        let series = SeriesOptions {
            from: Some(self.from),
            to: Some(self.to),
            every: EveryArg::Year,
            rule: self.rule,
            chart: None,
            force: false,
        };
        Ok(series.steps()?.unwrap_or_default())
    }

    /// The format: this command's `--format`, else `--format json` given
    /// before the command's name (`before`), else CSV. Text is refused.
    fn format(&self, before: Format) -> Result<PanelFormat, Error> {
        match (self.format, before) {
            (Some(PanelFormatArg::Csv), _) | (None, Format::Text | Format::Csv) => {
                Ok(PanelFormat::Csv)
            }
            (Some(PanelFormatArg::Json), _) | (None, Format::Json) => Ok(PanelFormat::Json),
            (Some(PanelFormatArg::Text), _) => Err(Error::Usage(
                "a panel is a table for other tools (R, Stata, pandas): use --format csv (the default) or --format json".into(),
            )),
        }
    }
}

impl PanelUnit {
    /// The options both panels take.
    pub fn options(&self) -> &PanelOptions {
        match self {
            PanelUnit::DyadYear(args) => &args.options,
            PanelUnit::StateYear(options) => options,
        }
    }
}

/// Runs `panel`: streams the rows to `--output` or stdout; nothing is
/// left to print. A panel of no rows (no state in the years) is an empty
/// answer: its header (or `[]`) is written, and the exit code is 1.
pub fn run(ctx: &Context, unit: &PanelUnit) -> Result<Printed, Error> {
    let options = unit.options();
    let format = options.format(ctx.format)?;
    let (steps, rule) = options.steps()?;
    let graph = &ctx.graph;
    let mut query = PanelQuery {
        rule,
        codes: options.codes,
        ..PanelQuery::default()
    };
    // `None` when the output ended early (a closed pipe): not an empty panel.
    let mut rows = None;
    let out = super::export::stream(options.output.as_deref(), |out| {
        rows = Some(match unit {
            PanelUnit::DyadYear(args) => {
                query.directed = args.directed;
                query.alignment = args.with_alignment.then_some(match args.basis {
                    BasisArg::Relations => Basis::Relations,
                    BasisArg::Alliances => Basis::Alliances,
                    BasisArg::Votes => Basis::Votes,
                });
                write_dyads(
                    graph,
                    panel::years(graph, &steps, query),
                    &query,
                    format,
                    out,
                )?
            }
            PanelUnit::StateYear(_) => write_states(
                graph,
                panel::years(graph, &steps, query),
                &query,
                format,
                out,
            )?,
        });
        Ok(())
    })?;
    let empty = rows == Some(0);
    let notes = if empty {
        vec![format!(
            "no state existed in {}–{} by the rule `{}`",
            options.from,
            options.to,
            query.rule.name()
        )]
    } else {
        Vec::new()
    };
    Ok(Printed {
        stdout: out,
        nothing_found: empty,
        notes,
    })
}
