//! The blocs of 2024: partitioning states so that friends sit together and
//! adversaries apart (Doreian & Mrvar), and the ties that refuse to fit.
//!
//! Run with `cargo run --example blocs_2024`.

use diplograph::graph::{DiploGraph, When};
use diplograph::query::cluster::blocs;
use diplograph::query::signed::SignedNetwork;
use diplograph::store::Origin;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let graph = DiploGraph::load(&Origin::Bundled)?;
    let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
    let network = SignedNetwork::build(&view, &[]);
    let found = blocs(&network, 0.5, None);
    println!(
        "On the day Belarus joined the SCO, {} states with signed ties fall into {} blocs \
         (error P = {}):",
        network.states.len(),
        found.groups.len(),
        found.error
    );
    for (i, group) in found.groups.iter().enumerate() {
        let names: Vec<&str> = group
            .iter()
            .map(|n| graph.entity(*n).name.as_str())
            .collect();
        println!("  bloc {}: {}", i + 1, names.join(", "));
    }
    for (a, b) in &found.negative_inside {
        println!(
            "Adversaries inside one bloc: {} and {}; the SCO holds them both.",
            graph.entity(*a).name,
            graph.entity(*b).name
        );
    }
    for (a, b) in &found.positive_between {
        println!(
            "Friends across blocs: {} and {}.",
            graph.entity(*a).name,
            graph.entity(*b).name
        );
    }
    Ok(())
}
