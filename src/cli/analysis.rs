//! The analysis commands: `path`, `clusters`, `align`, `balance`,
//! `central`. Each resolves its arguments, calls one query, and hands the
//! answer to a renderer.

use clap::{Args, Subcommand, ValueEnum};

use super::Context;
use crate::error::{Error, NotFound};
use crate::model::{EntityKind, RelationKind};
use crate::query::align::{self, Measure as AlignMeasure};
use crate::query::balance;
use crate::query::centrality::{self, Measure as CentralMeasure};
use crate::query::cluster;
use crate::query::path::{self, PathQuery};
use crate::query::signed::SignedNetwork;
use crate::query::subgraph::{Selection, select};
use crate::render::{Format, json, moment, text};

/// Most paths `path --all` lists before stopping.
pub const ALL_PATHS_CAP: usize = 10_000;

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
    /// Every simple path up to --max-hops, shortest first
    #[arg(long)]
    pub all: bool,
    /// The cheapest path by relation cost instead of the fewest hops (alliance and leads 1;
    /// member, founder, partnership 2; supports, hosts 3; attends, observer 4; dialogue
    /// partner 5; stance 6; hostile relations 8)
    #[arg(long, conflicts_with_all = ["k", "all"])]
    pub weighted: bool,
}

/// Clustering methods.
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
}

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
}

#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// Weak balance (Davis): three mutual enemies count as balanced
    #[arg(long)]
    pub weak: bool,
    /// Only relations of this kind make ties (repeatable; default: all signed kinds and membership)
    #[arg(long, value_enum, value_name = "KIND")]
    pub via: Vec<RelationKind>,
    /// List the N worst unbalanced triangles (largest total degree of the three states; default 20)
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub limit: Option<usize>,
    /// List every unbalanced triangle
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct CentralArgs {
    /// Which centrality
    #[arg(long, value_enum, default_value_t)]
    pub measure: CentralMeasure,
    /// How many to list
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Only relations of this kind (repeatable; default: all kinds)
    #[arg(long, value_enum, value_name = "KIND")]
    pub via: Vec<RelationKind>,
    /// Rank only countries (scores are still computed on the whole selection)
    #[arg(long)]
    pub countries_only: bool,
}

/// "over member, observer" or "over all relations".
pub fn kinds_text(via: &[RelationKind]) -> String {
    if via.is_empty() {
        "over all relations".to_string()
    } else {
        let names: Vec<&str> = via.iter().map(|k| k.name()).collect();
        format!("over {}", names.join(", "))
    }
}

/// Runs an analysis command; returns what to print on stdout.
pub fn run(ctx: &Context, command: &Analysis) -> Result<String, Error> {
    let graph = &ctx.graph;
    let view = graph.at(ctx.when);
    let json = ctx.format == Format::Json;
    match command {
        Analysis::Path(args) => {
            let from = graph.resolve(&args.from)?;
            let to = graph.resolve(&args.to)?;
            let query = PathQuery {
                via: args.via.clone(),
                max_hops: args.max_hops,
            };
            let (paths, truncated) = if args.weighted {
                (
                    path::cheapest(&view, &query, from, to)
                        .map(|(p, _)| p)
                        .into_iter()
                        .collect(),
                    false,
                )
            } else if args.all {
                path::all_simple(&view, &query, from, to, ALL_PATHS_CAP)
            } else if let Some(k) = args.k {
                if k == 0 {
                    return Err(Error::Usage("--k must be at least 1".into()));
                }
                (path::k_shortest(&view, &query, from, to, k), false)
            } else {
                (
                    path::shortest(&view, &query, from, to)
                        .into_iter()
                        .collect(),
                    false,
                )
            };
            if paths.is_empty() {
                let hops = match (args.max_hops, args.all) {
                    (Some(n), _) => format!(" within {n} hops"),
                    (None, true) => " within 4 hops".to_string(),
                    (None, false) => String::new(),
                };
                return Err(Error::NotFound(Box::new(NotFound {
                    message: format!(
                        "no path from {} to {}{hops} {} {}",
                        graph.entity(from).name,
                        graph.entity(to).name,
                        kinds_text(&args.via),
                        moment(ctx.when)
                    ),
                    help: Some(
                        "try more relation kinds (--via), more hops (--max-hops), another date (--as-of) or --all-time"
                            .into(),
                    ),
                })));
            }
            Ok(if json {
                json::paths(graph, &paths)
            } else {
                text::paths(graph, &paths, &args.via, ctx.when, truncated)
            })
        }
        Analysis::Clusters(args) => {
            let found = clusters(ctx, args)?;
            Ok(if json {
                json::clusters(graph, &found)
            } else {
                text::clusters(graph, &found, &args.via, ctx.when)
            })
        }
        Analysis::Align(args) => {
            let a = graph.resolve_kind(&args.a, EntityKind::Country, "align", "a country")?;
            match &args.b {
                Some(b) => {
                    let b = graph.resolve_kind(b, EntityKind::Country, "align", "a country")?;
                    if a == b {
                        return Err(Error::Usage(format!(
                            "align compares two different states; both are `{}`",
                            graph.entity(a).id
                        )));
                    }
                    let found = align::align(&view, a, b);
                    Ok(if json {
                        json::alignment(graph, &found)
                    } else {
                        text::alignment(graph, &found, ctx.when)
                    })
                }
                None => {
                    let top = args.top.unwrap_or(10);
                    let ranked = align::rank(&view, a, top, args.measure);
                    Ok(if json {
                        json::alignment_ranking(graph, &ranked)
                    } else {
                        text::alignment_ranking(graph, a, &ranked, args.measure, ctx.when)
                    })
                }
            }
        }
        Analysis::Balance(args) => {
            let net = SignedNetwork::build(&view, &args.via);
            let limit = if args.all {
                None
            } else {
                Some(args.limit.unwrap_or(balance::DEFAULT_LIMIT))
            };
            let found = balance::balance_limited(&net, args.weak, limit);
            Ok(if json {
                json::balance(graph, &found)
            } else {
                text::balance(graph, &net, &found, ctx.when)
            })
        }
        Analysis::Central(args) => {
            let sub = select(
                &view,
                &Selection {
                    via: args.via.clone(),
                    focus: None,
                },
            );
            let mut scores = centrality::centrality(graph, &sub, args.measure);
            if args.countries_only {
                scores.retain(|s| graph.entity(s.node).kind == EntityKind::Country);
            }
            scores.truncate(args.top);
            Ok(if json {
                json::centrality(graph, &scores)
            } else {
                text::centrality(graph, &scores, args.measure, &args.via, ctx.when)
            })
        }
    }
}

/// The result of any clustering method, ready to render.
#[derive(Clone, Debug)]
pub struct Clusters {
    pub method: Method,
    pub groups: Vec<Vec<petgraph::graph::NodeIndex>>,
    pub modularity: Option<f64>,
    pub blocs: Option<cluster::Blocs>,
}

fn clusters(ctx: &Context, args: &ClusterArgs) -> Result<Clusters, Error> {
    let graph = &ctx.graph;
    let view = graph.at(ctx.when);
    if !(0.0..=1.0).contains(&args.alpha) {
        return Err(Error::Usage(format!(
            "--alpha must be between 0 and 1, not {}",
            args.alpha
        )));
    }
    if args.k == Some(0) {
        return Err(Error::Usage("--k must be at least 1".into()));
    }
    let selection = Selection {
        via: args.via.clone(),
        focus: None,
    };
    let mut found = match args.method {
        Method::Components => Clusters {
            method: args.method,
            groups: cluster::components(graph, &select(&view, &selection)),
            modularity: None,
            blocs: None,
        },
        Method::Communities => {
            let c = cluster::louvain(graph, &select(&view, &selection));
            Clusters {
                method: args.method,
                groups: c.groups,
                modularity: Some(c.modularity),
                blocs: None,
            }
        }
        Method::Blocs => {
            let b = cluster::blocs(&SignedNetwork::build(&view, &args.via), args.alpha, args.k);
            Clusters {
                method: args.method,
                groups: b.groups.clone(),
                modularity: None,
                blocs: Some(b),
            }
        }
        Method::Cliques => {
            let (groups, truncated) =
                cluster::maximal_cliques(&SignedNetwork::build(&view, &args.via), args.min_size);
            if truncated {
                eprintln!(
                    "note: stopped after {} cliques; raise --min-size or narrow --via to see them all",
                    cluster::cliques::MAX_CLIQUES
                );
            }
            Clusters {
                method: args.method,
                groups,
                modularity: None,
                blocs: None,
            }
        }
    };
    if args.countries_only {
        for group in &mut found.groups {
            group.retain(|n| graph.entity(*n).kind == EntityKind::Country);
        }
        found.groups.retain(|g| !g.is_empty());
        found.groups = cluster::sort_groups(std::mem::take(&mut found.groups));
    }
    Ok(found)
}
