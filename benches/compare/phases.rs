//! The diplograph side of the comparison harness (`benches/compare/compare.py`).
//!
//! Runs the harness's workload on one database and prints, as JSON, the time
//! of every run of every phase, the answers (so the harness can check that
//! NetworkX and igraph agree) and the process's peak memory:
//!
//! ```text
//! cargo bench --bench compare_phases -- --graph G.ron --pairs P.txt --jaccard-pairs J.txt \
//!     [--repeat 3] [--budget 60] [--phases louvain,components]
//! ```
//!
//! `--phases` runs only the phases named (and the load), for measuring one
//! algorithm while working on it; the harness runs them all.
//!
//! Each phase runs up to `--repeat` times, stopping early once it has used
//! `--budget` seconds. Without `--graph` (as under a plain `cargo bench`) it
//! does nothing.

use std::path::PathBuf;
use std::time::Instant;

use diplograph::graph::{DiploGraph, When};
use diplograph::query::cluster::{components, label_propagation, louvain, modularity};
use diplograph::query::path::{PathQuery, cheapest, shortest};
use diplograph::query::similarity::jaccard_all;
use diplograph::query::subgraph::{Selection, select};
use diplograph::store::{self, Origin};
use petgraph::graph::NodeIndex;
use serde_json::{Map, Value, json};

/// The allocator the binary uses, so that the numbers are the binary's.
#[global_allocator]
static GLOBAL: diplograph::memory::Allocator = diplograph::memory::Allocator;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn pairs(path: Option<String>) -> Vec<(String, String)> {
    let Some(path) = path else { return Vec::new() };
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some((words.next()?.to_string(), words.next()?.to_string()))
        })
        .collect()
}

/// Peak resident memory of this process so far, in bytes (Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs `work` up to `repeat` times within `budget` seconds; returns the
/// times and the last answer.
fn phase<T>(repeat: usize, budget: f64, mut work: impl FnMut() -> T) -> (Vec<f64>, T) {
    let mut times = Vec::new();
    let mut spent = 0.0;
    loop {
        let start = Instant::now();
        let answer = work();
        let t = start.elapsed().as_secs_f64();
        times.push(t);
        spent += t;
        // Short phases run until they have filled a second (at most 1000
        // runs), so that their medians are not one noisy sample: the same
        // rule as compare.py's `phase`.
        let enough = times.len() >= repeat && (spent >= 1.0 || times.len() >= 1000);
        if enough || spent >= budget {
            return (times, answer);
        }
        drop(answer);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = arg(&args, "--graph") else {
        eprintln!("compare_phases: nothing to do without --graph (see benches/compare/README.md)");
        return;
    };
    let repeat: usize = arg(&args, "--repeat").map_or(3, |r| r.parse().expect("--repeat N"));
    let budget: f64 = arg(&args, "--budget").map_or(60.0, |b| b.parse().expect("--budget S"));
    let path_pairs = pairs(arg(&args, "--pairs"));
    let jaccard_pairs = pairs(arg(&args, "--jaccard-pairs"));
    let only = arg(&args, "--phases");
    let wanted = |name: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|p| p == name))
    };
    let origin = Origin::File(PathBuf::from(&path));
    let mut times = Map::new();
    let mut answers = Map::new();

    let (t, graph) = phase(repeat, budget, || {
        let snap = store::load(&origin).expect("the database loads");
        DiploGraph::new(snap)
    });
    times.insert("load".into(), json!(t));
    let view = graph.at(When::AllTime);
    let node =
        |id: &str| -> NodeIndex { graph.node(id).unwrap_or_else(|| panic!("no entity {id}")) };
    let resolved: Vec<(NodeIndex, NodeIndex)> =
        path_pairs.iter().map(|(a, b)| (node(a), node(b))).collect();
    // The relations' own ends: the graph the other tools read (diplograph's
    // `path` also walks from a dispute to the issue it is over).
    let query = PathQuery {
        relations_only: true,
        ..PathQuery::default()
    };

    if wanted("paths_hops") {
        let (t, hops) = phase(repeat, budget, || {
            resolved
                .iter()
                .map(|(a, b)| shortest(&view, &query, *a, *b).map(|p| p.len()))
                .collect::<Vec<_>>()
        });
        times.insert("paths_hops".into(), json!(t));
        answers.insert("hops".into(), json!(hops));
    }

    if wanted("paths_weighted") {
        let (t, costs) = phase(repeat, budget, || {
            resolved
                .iter()
                .map(|(a, b)| cheapest(&view, &query, *a, *b).map(|(_, c)| c))
                .collect::<Vec<_>>()
        });
        times.insert("paths_weighted".into(), json!(t));
        answers.insert("weighted".into(), json!(costs));
    }

    if wanted("components") {
        let (t, parts) = phase(repeat, budget, || {
            components(&graph, &select(&view, &Selection::default()))
        });
        times.insert("components".into(), json!(t));
        answers.insert(
            "components".into(),
            json!(parts.iter().map(Vec::len).collect::<Vec<_>>()),
        );
        drop(parts);
    }

    let sub = select(&view, &Selection::default());
    if wanted("label_propagation") {
        let (t, labels) = phase(repeat, budget, || label_propagation(&graph, &sub));
        times.insert("label_propagation".into(), json!(t));
        answers.insert(
            "label_propagation".into(),
            json!({"communities": labels.len(), "modularity": modularity(&graph, &sub, &labels)}),
        );
        drop(labels);
    }

    if wanted("louvain") {
        let (t, communities) = phase(repeat, budget, || louvain(&graph, &sub));
        times.insert("louvain".into(), json!(t));
        answers.insert(
            "louvain".into(),
            json!({"communities": communities.groups.len(), "modularity": communities.modularity}),
        );
        drop(communities);
    }

    if wanted("jaccard") {
        let similar: Vec<(NodeIndex, NodeIndex)> = jaccard_pairs
            .iter()
            .map(|(a, b)| (node(a), node(b)))
            .collect();
        let (t, values) = phase(repeat, budget, || jaccard_all(&view, &similar));
        times.insert("jaccard".into(), json!(t));
        answers.insert("jaccard".into(), json!(values));
    }

    let out = json!({
        "tool": "diplograph",
        "version": env!("CARGO_PKG_VERSION"),
        "nodes": graph.node_count(),
        "relations": graph.relation_count(),
        "times": Value::Object(times),
        "answers": Value::Object(answers),
        "peak_memory": peak_memory(),
    });
    println!("{out}");
}
