//! criterion benchmarks of every loader phase and public query, at three
//! sizes: the bundled graph, a generated 10k-relation graph and (opt-in,
//! `DIPLOGRAPH_BENCH_LARGE=1`) a generated 1M-relation graph.
//!
//! ```text
//! cargo bench --bench queries                         # bundled and 10k
//! DIPLOGRAPH_BENCH_LARGE=1 cargo bench --bench queries -- 1M/   # the large size too
//! ```
//!
//! The generated graphs come from `diplograph::generate` (seed 1), so every
//! run measures the same data. Queries run "as of" 2024-07-04 unless the
//! name says "all time". Quadratic or worse algorithms (betweenness,
//! blocs, balance) and the ron parser are left out at 1M, where they take
//! from seconds to hours; see benches/compare/README.md for the
//! side-by-side numbers.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use diplograph::export::{Selection as ExportSelection, Slice, dot};
use diplograph::generate::{Params, generate};
use diplograph::graph::{DiploGraph, When};
use diplograph::query::align::{Basis, Frame, Measure as AlignMeasure, align, rank};
use diplograph::query::balance::balance;
use diplograph::query::centrality::{Measure, centrality};
use diplograph::query::cluster::{blocs, components, label_propagation, louvain};
use diplograph::query::path::{PathQuery, cheapest, k_shortest, shortest};
use diplograph::query::series;
use diplograph::query::signed::SignedNetwork;
use diplograph::query::similarity::jaccard_all;
use diplograph::query::subgraph::{Selection, select};
use diplograph::store::{self, snapshot::fast};
use petgraph::graph::NodeIndex;

/// The allocator the binary uses, so that the numbers are the binary's.
#[global_allocator]
static GLOBAL: diplograph::memory::Allocator = diplograph::memory::Allocator;

/// One size: its name, its text, whether it is the 1M one.
struct Size {
    name: &'static str,
    text: String,
    large: bool,
}

fn sizes() -> Vec<Size> {
    let mut out = vec![
        Size {
            name: "bundled",
            text: store::BUNDLED.to_string(),
            large: false,
        },
        Size {
            name: "10k",
            text: generate(&Params::SMALL).expect("10k generates").text,
            large: false,
        },
    ];
    if std::env::var_os("DIPLOGRAPH_BENCH_LARGE").is_some() {
        out.push(Size {
            name: "1M",
            text: generate(&Params::LARGE).expect("1M generates").text,
            large: true,
        });
    }
    out
}

/// Fixed pairs of countries, spread over the file.
fn pairs(graph: &DiploGraph, n: usize) -> Vec<(NodeIndex, NodeIndex)> {
    let countries: Vec<NodeIndex> = graph
        .nodes()
        .filter(|v| graph.entity_kind(*v) == diplograph::model::EntityKind::Country)
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

fn configure<'a>(c: &'a mut Criterion, size: &Size, area: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(format!("{}/{area}", size.name));
    if size.large {
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(10));
    } else {
        group
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
    }
    group
}

/// Load: the fast reader (parse + validate), the graph build, the
/// library's `load_str` (fast reader, then model values), and the
/// full path (ron + validator) the fast reader stands in for.
fn bench_load(c: &mut Criterion, size: &Size) {
    let mut group = configure(c, size, "load");
    group.bench_function("parse_validate", |b| {
        b.iter(|| fast::read(black_box(&size.text)).expect("valid"));
    });
    let snap = fast::read(&size.text).expect("valid");
    group.bench_function("build_graph", |b| {
        b.iter(|| DiploGraph::new(black_box(snap.clone())));
    });
    group.bench_function("load_str_database", |b| {
        b.iter(|| store::load_str("bench", black_box(&size.text)).expect("valid"));
    });
    if !size.large {
        // What the fast reader stands in for: ron, then the validator.
        group.bench_function("ron_parse_validate", |b| {
            b.iter(|| {
                let file = store::parse("bench", black_box(&size.text)).expect("parses");
                store::validate::validate(file).expect("valid")
            });
        });
    }
    group.finish();
}

/// Alignment: one pair, a ranking, a 30-year series, Jaccard over pairs.
fn bench_align(
    c: &mut Criterion,
    size: &Size,
    graph: &DiploGraph,
    pairs: &[(NodeIndex, NodeIndex)],
) {
    let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
    let mut group = configure(c, size, "align");
    let (a, z) = pairs[0];
    let frame = Frame::new(view, Basis::Relations);
    group.bench_function("pair", |b| b.iter(|| align(&frame, a, z)));
    group.bench_function("top_10", |b| {
        b.iter(|| rank(&frame, a, 10, AlignMeasure::S));
    });
    // A 30-year yearly series of one pair (issue 13: ≤ 2 s on the world
    // database; scripts/world.py times it there in a fresh process).
    let years = series::steps(
        jiff::civil::date(1995, 1, 1),
        jiff::civil::date(2024, 12, 31),
        series::Every::Year,
    )
    .expect("30 steps");
    group.bench_function("series_30_years", |b| {
        b.iter(|| {
            series::align(
                graph,
                &years,
                series::Rule::Any,
                a,
                z,
                Basis::Relations,
                &mut |_| Ok(None),
            )
        });
    });
    let similar: Vec<(NodeIndex, NodeIndex)> = pairs.iter().copied().cycle().take(1000).collect();
    group.bench_function("jaccard_1000_pairs", |b| {
        b.iter(|| jaccard_all(&view, &similar));
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    for size in sizes() {
        bench_load(c, &size);
        let graph = DiploGraph::new(fast::read(&size.text).expect("valid"));
        let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
        let all_time = graph.at(When::AllTime);
        let pairs = pairs(&graph, 20);
        let query = PathQuery::default();

        let mut group = configure(c, &size, "path");
        group.bench_function("hops_20_pairs", |b| {
            b.iter(|| {
                for (a, z) in &pairs {
                    black_box(shortest(&view, &query, *a, *z));
                }
            });
        });
        group.bench_function("weighted_20_pairs", |b| {
            b.iter(|| {
                for (a, z) in &pairs {
                    black_box(cheapest(&view, &query, *a, *z));
                }
            });
        });
        group.bench_function("k5_shortest_3_pairs", |b| {
            b.iter(|| {
                for (a, z) in pairs.iter().take(3) {
                    black_box(k_shortest(&view, &query, *a, *z, 5));
                }
            });
        });
        group.finish();

        let mut group = configure(c, &size, "clusters");
        let sub = select(&view, &Selection::default());
        group.bench_function("select_all", |b| {
            b.iter(|| select(&view, &Selection::default()));
        });
        group.bench_function("components_all_time", |b| {
            b.iter(|| components(&graph, &select(&all_time, &Selection::default())));
        });
        group.bench_function("communities_louvain", |b| b.iter(|| louvain(&graph, &sub)));
        group.bench_function("label_propagation", |b| {
            b.iter(|| label_propagation(&graph, &sub));
        });
        group.finish();
        if !size.large {
            // Seconds per run at 10k: ten samples.
            let mut group = configure(c, &size, "blocs");
            group.sample_size(10);
            group.bench_function("blocs", |b| {
                b.iter(|| blocs(&SignedNetwork::build(&view, &[]), 0.5, None));
            });
            group.finish();
        }

        bench_align(c, &size, &graph, &pairs);

        if !size.large {
            let mut group = configure(c, &size, "balance");
            group.bench_function("strict", |b| {
                b.iter(|| balance(&SignedNetwork::build(&view, &[]), false));
            });
            group.finish();
        }

        let mut group = configure(c, &size, "centrality");
        group.bench_function("degree", |b| {
            b.iter(|| centrality(&graph, &sub, Measure::Degree));
        });
        group.bench_function("pagerank", |b| {
            b.iter(|| centrality(&graph, &sub, Measure::Pagerank));
        });
        if size.name == "bundled" || size.name == "10k" && sub.nodes.len() < 5_000 {
            group.bench_function("betweenness", |b| {
                b.iter(|| centrality(&graph, &sub, Measure::Betweenness));
            });
        }
        group.finish();

        let mut group = configure(c, &size, "export");
        group.bench_function("dot", |b| {
            b.iter(|| {
                let slice = Slice::new(view, &ExportSelection::default());
                dot::write(&slice, &dot::DotOptions::default())
            });
        });
        group.finish();
    }
}

criterion_group!(all, benches);
criterion_main!(all);
