//! The commands about change over time: `timeline` and `diff`. Each
//! resolves its arguments, calls one query, and returns the [`Answer`].
//! They read their days from `--from` and `--to`, not `--as-of`.

use clap::{Args, Subcommand};
use jiff::civil::Date;

use super::{Context, parse_as_of};
use crate::error::Error;
use crate::model::RelationKind;
use crate::query::change::{self, DiffQuery, TimelineQuery, analysis};
use crate::render::{Answer, Caps};

/// Lines `timeline` lists by default, and lines of each section of `diff`.
pub const CHANGES_LIMIT: usize = 50;

/// The commands about change (flattened into the main command list).
#[derive(Debug, Subcommand)]
pub enum Change {
    /// Every start and end of an entity's relations, in date order (a handover or status change as one line)
    Timeline(TimelineArgs),
    /// What changed between two days: relations started and ended, status changes, handovers
    Diff(DiffArgs),
}

/// The arguments of `timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// An id, name or alias (any case)
    pub entity: String,
    /// Only changes on this day or later: YYYY-MM-DD, YYYY-MM, YYYY or "today"
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub from: Option<Date>,
    /// Only changes on this day or earlier
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub to: Option<Date>,
    /// Only relations of this kind (repeatable)
    #[arg(long, value_enum, value_name = "KIND")]
    pub via: Vec<RelationKind>,
    /// `--limit`, `--all`, `--notes`.
    #[command(flatten)]
    pub listing: Listing,
}

/// The arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier day: YYYY-MM-DD, YYYY-MM, YYYY or "today"
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub from: Date,
    /// The later day
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub to: Date,
    /// Only relations of this entity (touching it, or over it for an issue)
    #[arg(long, value_name = "ENTITY")]
    pub focus: Option<String>,
    /// Only relations of this kind (repeatable)
    #[arg(long, value_enum, value_name = "KIND")]
    pub via: Vec<RelationKind>,
    /// Also the blocs of states on both days (who changed bloc) and the pairs of states whose
    /// alignment moved
    #[arg(long)]
    pub analysis: bool,
    /// With --analysis: list the pairs whose S score moved by more than this
    #[arg(long, value_name = "S", default_value_t = 0.1, requires = "analysis")]
    pub threshold: f64,
    /// `--limit`, `--all`, `--notes`.
    #[command(flatten)]
    pub listing: Listing,
}

/// How much of the answer text lists, and whether with notes: the options
/// both commands take.
#[derive(Debug, Args)]
pub struct Listing {
    /// List at most N lines (of each section, for diff) [default: 50; JSON lists every change]
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub limit: Option<usize>,
    /// List every line
    #[arg(long)]
    pub all: bool,
    /// Show the notes of the relations
    #[arg(long)]
    pub notes: bool,
}

impl Listing {
    /// `--limit N` / `--all` as caps.
    fn caps(&self) -> Caps {
        if self.all {
            Caps::ALL
        } else {
            let cap = Some(self.limit.unwrap_or(CHANGES_LIMIT));
            Caps {
                items: cap,
                members: cap,
            }
        }
    }
}

/// Says on stderr when the later day asked about is past the day the facts
/// were last checked: what changed after it may be missing.
fn stale_note(ctx: &Context, to: Option<Date>) {
    let checked = ctx.graph.checked();
    if let Some(to) = to
        && to > checked.first_day()
    {
        ctx.note(format!(
            "the facts were last checked up to {checked}; changes after it may be missing"
        ));
    }
}

/// Runs `timeline` or `diff`; returns its answer, for the front end to
/// render (an empty one exits 1).
pub fn run(ctx: &Context, command: &Change) -> Result<Answer<'static>, Error> {
    let graph = &ctx.graph;
    match command {
        Change::Timeline(args) => {
            let node = graph.resolve(&args.entity)?;
            let query = TimelineQuery {
                from: args.from,
                to: args.to,
                via: args.via.clone(),
            };
            let found = change::timeline(graph, node, &query)?;
            stale_note(ctx, args.to);
            Ok(Answer::Timeline {
                found: Box::new(found),
                caps: args.listing.caps(),
                notes: args.listing.notes,
            })
        }
        Change::Diff(args) => {
            let focus = args
                .focus
                .as_deref()
                .map(|e| graph.resolve(e))
                .transpose()?;
            let query = DiffQuery {
                from: args.from,
                to: args.to,
                focus,
                via: args.via.clone(),
            };
            let found = change::diff(graph, &query)?;
            let moves = if args.analysis {
                Some(Box::new(analysis::analyse(graph, &found, args.threshold)?))
            } else {
                None
            };
            stale_note(ctx, Some(args.to));
            Ok(Answer::Diff {
                found: Box::new(found),
                moves,
                caps: args.listing.caps(),
                notes: args.listing.notes,
            })
        }
    }
}
