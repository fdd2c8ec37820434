//! petgraph's and rustworkx-core's algorithms run on a `View` through the
//! visit traits of `graph::visit`, against the project's hand-written
//! ones, on the same graph as of 2024-07-04. The figures decide which
//! hand-written algorithms the project keeps.
//!
//! ```text
//! cargo bench --bench visit                                   # generated 10k
//! DIPLOGRAPH_VISIT_1M=/tmp/visit1m.ron cargo bench --bench visit -- 1M/
//! ```
//!
//! The 1M file is made with `diplograph generate --seed 1 --countries 2000
//! --organizations 5000 --relations 1000000 --output /tmp/visit1m.ron`
//! and loaded as the command line loads a file.
//!
//! - components: the project's union-find over `select` (what `clusters
//!   --method components` runs), petgraph's `connected_components` (a
//!   count, union-find over `edge_references`) and `tarjan_scc` on the
//!   undirected view (the groups themselves);
//! - one source, every entity: petgraph's `Bfs` and unit-cost `dijkstra`
//!   on the undirected view, the project's BFS of `select` with an
//!   unbounded focus, and a dense-array BFS over the CSR written here (the
//!   floor: what the traits cost over the bare rows);
//! - point to point: the project's bidirectional `shortest` against
//!   petgraph's `dijkstra` with a goal and a `Bfs` stopped at the goal,
//!   for the same 10 pairs;
//! - betweenness (10k only): `query::centrality` (a petgraph `UnGraph`
//!   built, then rustworkx-core) against rustworkx-core on the view's
//!   simple graph directly.

use std::collections::VecDeque;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use diplograph::generate::{Params, generate};
use diplograph::graph::{DiploGraph, View, When};
use diplograph::model::EntityKind;
use diplograph::query::centrality::{Measure, centrality};
use diplograph::query::cluster::components;
use diplograph::query::path::{PathQuery, shortest};
use diplograph::query::subgraph::{Selection, select};
use diplograph::store::{self, Origin, snapshot::fast};
use petgraph::algo::{connected_components, dijkstra, tarjan_scc};
use petgraph::graph::NodeIndex;
use petgraph::visit::Bfs;

/// The allocator the binary uses, so that the numbers are the binary's.
#[global_allocator]
static GLOBAL: diplograph::memory::Allocator = diplograph::memory::Allocator;

/// Fixed pairs of countries, spread over the file.
fn pairs(graph: &DiploGraph, n: usize) -> Vec<(NodeIndex, NodeIndex)> {
    let countries: Vec<NodeIndex> = graph
        .nodes()
        .filter(|v| graph.entity_kind(*v) == EntityKind::Country)
        .collect();
    (0..n)
        .map(|k| {
            let a = countries[(k * 7919) % countries.len()];
            let b = countries[(k * 104_729 + 1) % countries.len()];
            (a, b)
        })
        .filter(|(a, b)| a != b)
        .collect()
}

/// Breadth-first search over the bare CSR with a dense distance array:
/// the cost floor of visiting every entity reachable from `source`.
fn csr_bfs(view: &View<'_>, source: NodeIndex, dist: &mut Vec<u32>) -> usize {
    let csr = view.graph().csr();
    dist.clear();
    dist.resize(view.graph().node_count(), u32::MAX);
    let mut queue = VecDeque::from([source.index() as u32]);
    dist[source.index()] = 0;
    let mut reached = 0;
    while let Some(v) = queue.pop_front() {
        reached += 1;
        let d = dist[v as usize] + 1;
        for &[e, o] in csr
            .outgoing(v as usize)
            .iter()
            .chain(csr.incoming(v as usize))
        {
            if dist[o as usize] == u32::MAX && view.in_force_at(e as usize) {
                dist[o as usize] = d;
                queue.push_back(o);
            }
        }
    }
    reached
}

fn bench_size(c: &mut Criterion, name: &str, graph: &DiploGraph, large: bool) {
    let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
    let undirected = view.undirected();
    let mut group = c.benchmark_group(format!("{name}/visit"));
    if large {
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(8));
    } else {
        group
            .sample_size(30)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
    }

    // Components.
    let sub = select(&view, &Selection::default());
    group.bench_function("components/project_select_and_union_find", |b| {
        b.iter(|| components(graph, &select(&view, &Selection::default())));
    });
    group.bench_function("components/project_union_find_only", |b| {
        b.iter(|| components(graph, black_box(&sub)));
    });
    group.bench_function("components/petgraph_connected_components_count", |b| {
        b.iter(|| connected_components(black_box(view)));
    });
    group.bench_function("components/petgraph_tarjan_scc_undirected", |b| {
        b.iter(|| tarjan_scc(black_box(undirected)));
    });

    // One source, every entity it reaches.
    let pairs = pairs(graph, 10);
    let source = pairs[0].0;
    let everywhere = Selection {
        via: Vec::new(),
        focus: Some((source, usize::MAX)),
    };
    group.bench_function("single_source/petgraph_bfs", |b| {
        b.iter(|| {
            let mut bfs = Bfs::new(undirected, source);
            let mut n = 0usize;
            while bfs.next(undirected).is_some() {
                n += 1;
            }
            n
        });
    });
    group.bench_function("single_source/petgraph_dijkstra_unit", |b| {
        b.iter(|| dijkstra(undirected, source, None, |_| 1u32).len());
    });
    group.bench_function("single_source/project_select_focus_bfs", |b| {
        b.iter(|| select(&view, black_box(&everywhere)).nodes.len());
    });
    let mut dist = Vec::new();
    group.bench_function("single_source/csr_bfs_dense_floor", |b| {
        b.iter(|| csr_bfs(&view, source, &mut dist));
    });

    // Point to point, 10 pairs.
    let query = PathQuery::default();
    group.bench_function("pairs10/project_shortest_bidirectional", |b| {
        b.iter(|| {
            for (a, z) in &pairs {
                black_box(shortest(&view, &query, *a, *z));
            }
        });
    });
    group.bench_function("pairs10/petgraph_dijkstra_unit_goal", |b| {
        b.iter(|| {
            for (a, z) in &pairs {
                black_box(dijkstra(undirected, *a, Some(*z), |_| 1u32).get(z).copied());
            }
        });
    });
    group.bench_function("pairs10/petgraph_bfs_to_goal", |b| {
        b.iter(|| {
            for (a, z) in &pairs {
                let mut bfs = Bfs::new(undirected, *a);
                while let Some(n) = bfs.next(undirected) {
                    if n == *z {
                        break;
                    }
                }
                black_box(&bfs);
            }
        });
    });

    if !large {
        group.sample_size(10);
        group.bench_function("betweenness/project_centrality", |b| {
            b.iter(|| centrality(graph, &sub, Measure::Betweenness));
        });
        group.bench_function("betweenness/rustworkx_on_view_simple", |b| {
            b.iter(|| {
                rustworkx_core::centrality::betweenness_centrality(
                    undirected.simple(),
                    false,
                    true,
                    50,
                )
            });
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let text = generate(&Params::SMALL).expect("10k generates").text;
    let small = DiploGraph::new(fast::read(&text).expect("valid"));
    bench_size(c, "10k", &small, false);
    if let Some(path) = std::env::var_os("DIPLOGRAPH_VISIT_1M") {
        let snap = store::load(&Origin::File(PathBuf::from(path))).expect("loads");
        let large = DiploGraph::new(snap);
        bench_size(c, "1M", &large, true);
    }
}

criterion_group!(all, benches);
criterion_main!(all);
