//! The analysis commands: `path`, `clusters`, `align`, `balance`,
//! `central`. Each resolves its arguments, calls one query, and returns
//! the [`Answer`], which the front end renders and whose emptiness decides
//! exit 1, as for every other command.

use clap::{Args, Subcommand, ValueEnum};
use petgraph::graph::NodeIndex;

use super::Context;
use crate::date::PartialDate;
use crate::error::Error;
use crate::graph::View;
use crate::model::{EntityKind, RelationKind};
use crate::query::align;
use crate::query::balance;
use crate::query::centrality;
use crate::query::cluster;
use crate::query::path::{self, PathQuery};
use crate::query::series;
use crate::query::signed::SignedNetwork;
use crate::render::{Answer, Caps, DEFAULT_CLUSTERS, DEFAULT_MEMBERS, Format};

/// Dimensions `align A B` lists of each group (shared, opposed, one-sided)
/// by default.
pub const ALIGN_LIMIT: usize = 20;

/// Most paths `path --all` lists before stopping, unless `--limit`.
pub const ALL_PATHS_CAP: usize = 100;

/// How long each step of a series is (the command-line face of
/// [`series::Every`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum EveryArg {
    /// Calendar years
    #[default]
    Year,
    /// Calendar months
    Month,
}

/// Which days of a step count (the command-line face of [`series::Rule`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum RuleArg {
    /// A relation counts if in force on any day of the step (and a state if it existed on any)
    #[default]
    Any,
    /// As of the step's first day (1 January)
    First,
    /// As of the step's last day (31 December)
    Last,
}

/// The options that turn a question into a series, one row per step.
#[derive(Clone, Debug, Default, Args)]
pub struct SeriesOptions {
    /// Ask step by step, from the step holding this date (YYYY, YYYY-MM or YYYY-MM-DD) to --to
    #[arg(long, value_name = "DATE", requires = "to", conflicts_with_all = ["as_of", "all_time"])]
    pub from: Option<PartialDate>,
    /// The last step: the one holding this date (2024 is through 2024-12-31)
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<PartialDate>,
    /// The length of a step
    #[arg(long, value_enum, default_value_t, requires = "from")]
    pub every: EveryArg,
    /// Which days of a step count
    #[arg(long, value_enum, default_value_t, requires = "from")]
    pub rule: RuleArg,
    /// Also draw the series as a line chart in FILE.svg (refused if FILE exists, unless --force)
    #[arg(long, value_name = "FILE.svg", requires = "from")]
    pub chart: Option<std::path::PathBuf>,
    /// With --chart: replace FILE if it exists (never the database itself)
    #[arg(long, requires = "chart")]
    pub force: bool,
}

impl SeriesOptions {
    /// The steps asked for, or `None` without `--from`.
    pub fn steps(&self) -> Result<Option<(Vec<series::Period>, series::Rule)>, Error> {
        let (Some(from), Some(to)) = (self.from, self.to) else {
            return Ok(None);
        };
        let last = to
            .following()
            .and_then(|next| next.first_day().yesterday().ok())
            .unwrap_or_else(|| to.first_day());
        let every = match self.every {
            EveryArg::Year => series::Every::Year,
            EveryArg::Month => series::Every::Month,
        };
        let rule = match self.rule {
            RuleArg::Any => series::Rule::Any,
            RuleArg::First => series::Rule::First,
            RuleArg::Last => series::Rule::Last,
        };
        let steps = series::steps(from.first_day(), last, every).map_err(Error::Usage)?;
        Ok(Some((steps, rule)))
    }
}

/// Analysis subcommands (flattened into the main command list).
#[derive(Debug, Subcommand)]
pub enum Analysis {
    /// How two entities are connected: shortest, k shortest, or all paths
    Path(PathArgs),
    /// Groups: connected components, Louvain communities, signed blocs, cliques
    Clusters(ClusterArgs),
    /// How aligned two states are (S score and weighted kappa), or who is most aligned with one
    Align(AlignArgs),
    /// Structural balance of the signed network of states
    Balance(BalanceArgs),
    /// Centrality: who is central, who brokers between groups
    Central(CentralArgs),
}

/// The arguments of `path`: the two ends and how the paths are sought.
#[derive(Debug, Args)]
pub struct PathArgs {
    /// Where the path starts: id, name or alias
    pub from: String,
    /// Where it ends
    pub to: String,
    /// Only through relations of this kind (repeatable; default: all kinds)
    #[arg(long, value_enum, value_name = "KIND")]
    pub via: Vec<RelationKind>,
    /// At most this many hops (default: unlimited; 4 with --all)
    #[arg(long, value_name = "N")]
    pub max_hops: Option<usize>,
    /// The N shortest loopless paths (Yen's algorithm)
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub k: Option<usize>,
    /// Every simple path up to --max-hops, shortest first (the first 100 unless --limit)
    #[arg(long)]
    pub all: bool,
    /// With --all: list at most the N first paths (shortest first, then in entity order)
    #[arg(long, value_name = "N", requires = "all")]
    pub limit: Option<usize>,
    /// The cheapest path by relation cost instead of the fewest hops, with its total cost
    #[arg(long, conflicts_with_all = ["k", "all"], help = weighted_help())]
    pub weighted: bool,
    /// Show the notes of the relations and entities on the path
    #[arg(long)]
    pub notes: bool,
}

/// Clustering methods (the command-line face of [`cluster::Method`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Method {
    /// Connected components over the chosen relation kinds
    Components,
    /// Louvain modularity communities
    #[default]
    Communities,
    /// Signed partition of states (Doreian & Mrvar)
    Blocs,
    /// Maximal cliques of states with positive ties
    Cliques,
}

impl From<Method> for cluster::Method {
    fn from(method: Method) -> cluster::Method {
        match method {
            Method::Components => cluster::Method::Components,
            Method::Communities => cluster::Method::Communities,
            Method::Blocs => cluster::Method::Blocs,
            Method::Cliques => cluster::Method::Cliques,
        }
    }
}

/// The arguments of `clusters`: the method, the relations it runs on and
/// how much of the answer is listed.
#[derive(Debug, Args)]
pub struct ClusterArgs {
    /// How to cluster
    #[arg(long, value_enum, default_value_t)]
    pub method: Method,
    /// Only relations of this kind (repeatable; default: all kinds)
    #[arg(long, value_enum, value_name = "KIND")]
    pub via: Vec<RelationKind>,
    /// List only countries in each cluster (clusters are still computed on the whole selection)
    #[arg(long)]
    pub countries_only: bool,
    /// blocs: the number of blocs (default: the k with the lowest error)
    #[arg(long, value_name = "K")]
    pub k: Option<usize>,
    /// blocs: weight of negative ties inside blocs against positive ties between them
    #[arg(long, default_value_t = 0.5, value_name = "ALPHA")]
    pub alpha: f64,
    /// cliques: the smallest clique listed
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_size: usize,
    /// List at most N clusters, largest first (default 20; with --format csv, all)
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub limit: Option<usize>,
    /// List at most N members of each cluster (default 50; with --format csv, all)
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub members: Option<usize>,
    /// List every cluster and every member
    #[arg(long)]
    pub all: bool,
    /// `--from`, `--to`, `--every`, `--rule`: one row per step.
    #[command(flatten)]
    pub series: SeriesOptions,
}

/// Which score ranks `align --top` (the command-line face of
/// [`align::Measure`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum AlignMeasure {
    /// Signorino–Ritter S (absolute distances)
    #[default]
    S,
    /// Signorino–Ritter S with squared distances
    SSquared,
    /// Cohen's weighted κ, quadratic weights (states for which it is undefined rank last)
    Kappa,
    /// Scott's π (states for which it is undefined rank last)
    Pi,
    /// Kendall's τb (states for which it is undefined rank last)
    TauB,
}

impl From<AlignMeasure> for align::Measure {
    fn from(measure: AlignMeasure) -> align::Measure {
        match measure {
            AlignMeasure::S => align::Measure::S,
            AlignMeasure::SSquared => align::Measure::SSquared,
            AlignMeasure::Kappa => align::Measure::Kappa,
            AlignMeasure::Pi => align::Measure::Pi,
            AlignMeasure::TauB => align::Measure::TauB,
        }
    }
}

/// What alignment compares (the command-line face of [`align::Basis`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum AlignBasis {
    /// Signed ties to every country and organization, and stances on issues
    #[default]
    Relations,
    /// Alliance commitments to every state existing then: defense 3, neutrality or
    /// non-aggression 2, entente 1, none 0 (Signorino & Ritter; needs alliance types)
    Alliances,
    /// UN General Assembly roll calls both voted on in the calendar year: yes 1, abstain 2, no 3
    Votes,
}

impl From<AlignBasis> for align::Basis {
    fn from(basis: AlignBasis) -> align::Basis {
        match basis {
            AlignBasis::Relations => align::Basis::Relations,
            AlignBasis::Alliances => align::Basis::Alliances,
            AlignBasis::Votes => align::Basis::Votes,
        }
    }
}

/// The centrality measures (the command-line face of
/// [`centrality::Measure`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum CentralMeasure {
    /// Number of distinct entities one relation away
    Degree,
    /// Share of shortest paths between other entities that pass through this one (Brandes;
    /// normalised to 0..1; estimated from random pivots on large graphs unless --exact): the
    /// brokers
    #[default]
    Betweenness,
    /// Stationary probability of a random walk with restarts (damping 0.85): importance
    /// inherited from important neighbours
    Pagerank,
}

impl From<CentralMeasure> for centrality::Measure {
    fn from(measure: CentralMeasure) -> centrality::Measure {
        match measure {
            CentralMeasure::Degree => centrality::Measure::Degree,
            CentralMeasure::Betweenness => centrality::Measure::Betweenness,
            CentralMeasure::Pagerank => centrality::Measure::Pagerank,
        }
    }
}

/// The arguments of `align`: one pair of states compared, or one state
/// ranked against every other.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// A state: id, name or alias
    pub a: String,
    /// Another state (omit it to rank every state against A)
    pub b: Option<String>,
    /// Rank the N states most aligned with A
    #[arg(long, value_name = "N", conflicts_with = "b")]
    pub top: Option<usize>,
    /// Which score ranks --top
    #[arg(long, value_enum, default_value_t)]
    pub measure: AlignMeasure,
    /// What is compared: relations, alliance commitments or UN votes
    #[arg(long, value_enum, default_value_t)]
    pub basis: AlignBasis,
    /// Weigh each dimension (e.g. by capabilities): a CSV file with columns `entity,weight`
    /// (entity: id, name, alias or COW code; an optional `year` column limits a row to that
    /// year); dimensions it does not list weigh 0
    #[arg(long, value_name = "FILE.csv")]
    pub weights: Option<std::path::PathBuf>,
    /// A B: list at most N dimensions of each group: shared, opposed, one-sided (default 20)
    #[arg(long, value_name = "N", conflicts_with_all = ["all", "top"])]
    pub limit: Option<usize>,
    /// A B: list every dimension either state holds
    #[arg(long, conflicts_with = "top")]
    pub all: bool,
    /// `--from`, `--to`, `--every`, `--rule`: one row per step.
    #[command(flatten)]
    pub series: SeriesOptions,
}

/// The arguments of `balance`: which balance, which ties, how many
/// unbalanced triangles are listed.
#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// Weak balance (Davis): three mutual enemies count as balanced
    #[arg(long)]
    pub weak: bool,
    /// Only relations of this kind make ties (repeatable; default: all signed kinds and membership)
    #[arg(long, value_enum, value_name = "KIND")]
    pub via: Vec<RelationKind>,
    /// List the N worst unbalanced triangles (largest total degree of the three states; default
    /// 20; with --format csv, all)
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub limit: Option<usize>,
    /// List every unbalanced triangle
    #[arg(long)]
    pub all: bool,
    /// `--from`, `--to`, `--every`, `--rule`: one row per step.
    #[command(flatten)]
    pub series: SeriesOptions,
}

/// The arguments of `central`: the measure, the relations it runs on and
/// how much of the ranking is listed.
#[derive(Debug, Args)]
pub struct CentralArgs {
    /// Which centrality
    #[arg(long, value_enum, default_value_t)]
    pub measure: CentralMeasure,
    /// How many to list
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Only relations of this kind, between any entities (repeatable)
    #[arg(long, value_enum, value_name = "KIND", help = central_via_help())]
    pub via: Vec<RelationKind>,
    /// Rank only countries (scores are still computed on the whole selection)
    #[arg(long)]
    pub countries_only: bool,
    /// betweenness: compute it exactly even on a large graph (all sources, on every core)
    #[arg(long)]
    pub exact: bool,
    /// `--from`, `--to`, `--every`, `--rule`: one row per step.
    #[command(flatten)]
    pub series: SeriesOptions,
}

/// The `--help` of `path --weighted`: the costs read from [`path::cost`],
/// kinds of equal cost together, cheapest first.
fn weighted_help() -> String {
    let mut costs: Vec<(u32, Vec<&str>)> = Vec::new();
    for kind in RelationKind::ALL {
        let cost = path::cost(*kind);
        match costs.iter_mut().find(|(c, _)| *c == cost) {
            Some((_, kinds)) => kinds.push(kind.name()),
            None => costs.push((cost, vec![kind.name()])),
        }
    }
    costs.sort_by_key(|(c, _)| *c);
    let costs: Vec<String> = costs
        .iter()
        .map(|(c, kinds)| format!("{} {c}", kinds.join(", ")))
        .collect();
    format!(
        "The cheapest path by relation cost instead of the fewest hops, with its total cost ({})",
        costs.join("; ")
    )
}

/// The `--help` of `central --via`: the default kinds named from
/// [`centrality::signed_kinds`], so the text follows the rule.
fn central_via_help() -> String {
    let kinds: Vec<&str> = centrality::signed_kinds()
        .iter()
        .map(|k| k.name())
        .collect();
    format!(
        "Only relations of this kind, between any entities (repeatable) [default: the kinds that \
         say something about alignment ({}), between states and organizations only]",
        kinds.join(", ")
    )
}

/// Runs an analysis command; returns its answer, for the front end to
/// render (an empty one exits 1: [`Answer::is_empty`]).
pub fn run(ctx: &Context, command: &Analysis) -> Result<Answer<'static>, Error> {
    let view = ctx.graph.at(ctx.when);
    match command {
        Analysis::Path(args) => run_path(ctx, &view, args),
        Analysis::Clusters(args) => match args.series.steps()? {
            Some((steps, rule)) => Ok(Answer::Series(Box::new(series::clusters(
                ctx.graph,
                &steps,
                rule,
                &cluster_query(args),
            )?))),
            None => run_clusters(ctx, &view, args),
        },
        Analysis::Align(args) => match args.series.steps()? {
            Some((steps, rule)) => align_series(ctx, args, &steps, rule),
            None => run_align(ctx, &view, args),
        },
        Analysis::Balance(args) => match args.series.steps()? {
            Some((steps, rule)) => Ok(Answer::Series(Box::new(series::balance(
                ctx.graph, &steps, rule, args.weak, &args.via,
            )))),
            None => Ok(run_balance(ctx, &view, args)),
        },
        Analysis::Central(args) => match args.series.steps()? {
            Some((steps, rule)) => central_series(ctx, args, &steps, rule),
            None => run_central(ctx, &view, args),
        },
    }
}

/// `path`: the shortest, the k shortest, every simple or the cheapest path.
fn run_path(ctx: &Context, view: &View<'_>, args: &PathArgs) -> Result<Answer<'static>, Error> {
    let graph = &ctx.graph;
    let from = graph.resolve(&args.from)?;
    let to = graph.resolve(&args.to)?;
    let query = PathQuery {
        relations_only: false,
        via: args.via.clone(),
        max_hops: args.max_hops,
    };
    let mut cost = None;
    let (paths, truncated) = if args.weighted {
        let found = path::cheapest(view, &query, from, to);
        cost = found.as_ref().map(|(_, c)| *c);
        (found.map(|(p, _)| p).into_iter().collect(), false)
    } else if args.all {
        let cap = args.limit.unwrap_or(ALL_PATHS_CAP);
        if cap == 0 {
            return Err(Error::Usage("--limit must be at least 1".into()));
        }
        path::all_simple(view, &query, from, to, cap)
    } else if let Some(k) = args.k {
        if k == 0 {
            return Err(Error::Usage("--k must be at least 1".into()));
        }
        (path::k_shortest(view, &query, from, to, k), false)
    } else {
        (
            path::shortest(view, &query, from, to).into_iter().collect(),
            false,
        )
    };
    Ok(Answer::Paths {
        from,
        to,
        paths,
        // The limit that applied, so "no path" says within what.
        max_hops: args.max_hops.or(args.all.then_some(path::ALL_MAX_HOPS)),
        via: args.via.clone(),
        when: ctx.when,
        truncated,
        cost,
        notes: args.notes,
    })
}

/// What `clusters` asks, from its arguments.
fn cluster_query(args: &ClusterArgs) -> cluster::ClusterQuery {
    cluster::ClusterQuery {
        method: args.method.into(),
        via: args.via.clone(),
        countries_only: args.countries_only,
        k: args.k,
        alpha: args.alpha,
        min_size: args.min_size,
    }
}

/// `clusters`: groups found by the chosen method, capped as asked.
fn run_clusters(
    ctx: &Context,
    view: &View<'_>,
    args: &ClusterArgs,
) -> Result<Answer<'static>, Error> {
    let query = cluster_query(args);
    let found = cluster::clusters(view, &query)?;
    if found.truncated {
        ctx.note(format!(
            "stopped after {} cliques; raise --min-size or narrow --via to see them all",
            cluster::cliques::MAX_CLIQUES
        ));
    }
    // CSV lists every row unless asked for fewer.
    let capped = !args.all && ctx.format != Format::Csv;
    let caps = Caps {
        items: args.limit.or(capped.then_some(DEFAULT_CLUSTERS)),
        members: args.members.or(capped.then_some(DEFAULT_MEMBERS)),
    };
    Ok(Answer::Clusters {
        found: Box::new(found),
        query: Box::new(query),
        when: ctx.when,
        caps,
    })
}

/// The states `align` names: A, and B when given (two different ones).
fn states(ctx: &Context, args: &AlignArgs) -> Result<(NodeIndex, Option<NodeIndex>), Error> {
    let graph = &ctx.graph;
    let country = |name: &str| graph.resolve_kind(name, EntityKind::Country, "align", "a country");
    let a = country(&args.a)?;
    let b = args.b.as_deref().map(country).transpose()?;
    if b == Some(a) {
        return Err(Error::Usage(format!(
            "align compares two different states; both are `{}`",
            graph.entity(a).id
        )));
    }
    Ok((a, b))
}

/// `align`: two states compared, or one ranked against every other.
fn run_align(ctx: &Context, view: &View<'_>, args: &AlignArgs) -> Result<Answer<'static>, Error> {
    let (a, b) = states(ctx, args)?;
    let weights = read_weights(ctx, args)?;
    let frame = align::Frame::new(*view, args.basis.into()).weighted(weights.as_ref());
    if let Some(b) = b {
        let found = align::align(&frame, a, b);
        let caps = Caps {
            items: (!args.all).then(|| args.limit.unwrap_or(ALIGN_LIMIT)),
            members: None,
        };
        Ok(Answer::Alignment {
            found: Box::new(found),
            when: ctx.when,
            caps,
        })
    } else {
        let top = args.top.unwrap_or(10);
        if top == 0 {
            return Err(Error::Usage("--top must be at least 1".into()));
        }
        let ranked = align::rank(&frame, a, top, args.measure.into());
        Ok(Answer::Ranking {
            a,
            ranked,
            tied: align::portfolio(&frame, a).has_ties(),
            measure: args.measure.into(),
            when: ctx.when,
        })
    }
}

/// `align A B --from Y1 --to Y2`: every measure per step. Weights are
/// resolved on each step's first day, so a file with a `year` column
/// weighs each year by its own row.
fn align_series(
    ctx: &Context,
    args: &AlignArgs,
    steps: &[series::Period],
    rule: series::Rule,
) -> Result<Answer<'static>, Error> {
    let graph = &ctx.graph;
    let (a, Some(b)) = states(ctx, args)? else {
        return Err(Error::Usage(
            "align --from/--to follows one pair of states: name both (align A B --from Y1 --to Y2)"
                .into(),
        ));
    };
    let rows = match &args.weights {
        Some(path) if args.basis == AlignBasis::Votes => {
            return Err(votes_unweighted(path));
        }
        Some(path) => Some(weight_rows(path)?),
        None => None,
    };
    let file = args.weights.as_ref().map(|p| p.display().to_string());
    let mut weights = |step: &series::Period| match (&rows, &file) {
        (Some(rows), Some(file)) => align::Weights::resolve(graph, rows, file, step.from).map(Some),
        _ => Ok(None),
    };
    let found = series::align(graph, steps, rule, a, b, args.basis.into(), &mut weights)?;
    Ok(Answer::Series(Box::new(found)))
}

/// The centrality `central` asks for on `view`, cut to `--top` (countries
/// only with `--countries-only`), with how many were ranked and how many
/// scored before the cut to countries.
fn central_top(
    graph: &crate::graph::DiploGraph,
    view: &View<'_>,
    args: &CentralArgs,
) -> (centrality::Centrality, usize, usize) {
    let sub = centrality::scope(view, &args.via);
    let mut found = centrality::centrality_with(graph, &sub, args.measure.into(), args.exact);
    let scored = found.scores.len();
    if args.countries_only {
        found
            .scores
            .retain(|s| graph.entity_kind(s.node) == EntityKind::Country);
    }
    let total = found.scores.len();
    found.scores.truncate(args.top);
    (found, total, scored)
}

/// `central --from Y1 --to Y2`: the top entities per step.
fn central_series(
    ctx: &Context,
    args: &CentralArgs,
    steps: &[series::Period],
    rule: series::Rule,
) -> Result<Answer<'static>, Error> {
    if args.top == 0 {
        return Err(Error::Usage("--top must be at least 1".into()));
    }
    let graph = &ctx.graph;
    let ranked = |view: &View<'_>| central_top(graph, view, args).0.scores;
    Ok(Answer::Series(Box::new(series::central(
        graph,
        steps,
        rule,
        args.measure.into(),
        args.top,
        &ranked,
    ))))
}

/// Why `--weights` is refused with the votes basis.
fn votes_unweighted(path: &std::path::Path) -> Error {
    Error::Usage(format!(
        "--weights {} weighs states and organizations; the votes basis compares roll calls, which are not weighted",
        path.display()
    ))
}

/// The weights of `align --weights FILE`, resolved on the day asked
/// (today over all time). Refused with the votes basis, whose roll calls
/// are not weighted.
fn read_weights(ctx: &Context, args: &AlignArgs) -> Result<Option<align::Weights>, Error> {
    let Some(path) = &args.weights else {
        return Ok(None);
    };
    if args.basis == AlignBasis::Votes {
        return Err(votes_unweighted(path));
    }
    let rows = weight_rows(path)?;
    let day = ctx.when.first_day().unwrap_or_else(super::today);
    align::Weights::resolve(ctx.graph, &rows, &path.display().to_string(), day).map(Some)
}

/// The rows of a weights file.
fn weight_rows(path: &std::path::Path) -> Result<Vec<crate::import::weights::WeightRow>, Error> {
    let file = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    crate::import::weights::read(std::io::BufReader::new(file), &path.display().to_string())
}

/// `balance`: triangles and the frustration index of the signed network.
fn run_balance(ctx: &Context, view: &View<'_>, args: &BalanceArgs) -> Answer<'static> {
    let net = SignedNetwork::build(view, &args.via);
    // CSV lists every unbalanced triangle unless asked for fewer.
    let capped = !args.all && ctx.format != Format::Csv;
    let limit = args.limit.or(capped.then_some(balance::DEFAULT_LIMIT));
    let found = balance::balance_limited(&net, args.weak, limit);
    Answer::Balance {
        net: Box::new(net),
        found: Box::new(found),
        when: ctx.when,
    }
}

/// `central`: entities ranked by the chosen centrality.
fn run_central(
    ctx: &Context,
    view: &View<'_>,
    args: &CentralArgs,
) -> Result<Answer<'static>, Error> {
    if args.top == 0 {
        return Err(Error::Usage("--top must be at least 1".into()));
    }
    let (found, total, scored) = central_top(ctx.graph, view, args);
    Ok(Answer::Centrality {
        found: Box::new(found),
        total,
        scored,
        via: args.via.clone(),
        when: ctx.when,
    })
}
