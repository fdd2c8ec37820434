//! Every short path from India to China, and what it says about the SCO.
//!
//! Run with `cargo run --example india_china_paths`.

use diplograph::graph::{DiploGraph, When};
use diplograph::query::path::{PathQuery, all_simple};
use diplograph::query::show;
use diplograph::render::text::chain;
use diplograph::store::Origin;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let graph = DiploGraph::load(&Origin::Bundled)?;
    let (india, china) = (graph.resolve("India")?, graph.resolve("China")?);
    let sco = graph.resolve("SCO")?;
    let query = PathQuery {
        via: Vec::new(),
        max_hops: Some(2),
        relations_only: false,
    };
    for (label, day) in [
        ("on 2016-01-01", (2016, 1, 1)),
        ("at the Astana summit", (2024, 7, 4)),
    ] {
        let view = graph.at(When::On(jiff::civil::date(day.0, day.1, day.2)));
        let (paths, _) = all_simple(&view, &query, india, china, 1000);
        let through_sco = paths.iter().filter(|p| p.nodes.contains(&sco)).count();
        println!(
            "Paths of at most two hops from India to China {label}: {} ({through_sco} through the SCO)",
            paths.len()
        );
        for path in &paths {
            println!("  {}", chain(&graph, path));
        }
    }
    let all_time = graph.at(When::AllTime);
    let mut statuses: Vec<_> = show(&all_time, india)
        .relations
        .into_iter()
        .filter(|r| r.other == sco && r.relation.kind.is_membership())
        .collect();
    statuses.sort_by_key(|r| r.validity.since);
    let history: Vec<String> = statuses
        .iter()
        .map(|r| {
            let since = r.validity.since.map(|d| d.to_string()).unwrap_or_default();
            format!("{} from {since}", r.relation.kind.name().replace('_', " "))
        })
        .collect();
    println!(
        "\nIndia's place in the SCO over time: {}.",
        history.join(", then ")
    );
    Ok(())
}
