//! What changed in the SCO between 2016 and the Astana summit of 2024.
//!
//! Run with `cargo run --example sco_2016_vs_2024`.

use std::collections::BTreeMap;

use diplograph::graph::{DiploGraph, When};
use diplograph::model::RelationKind;
use diplograph::query::members;
use diplograph::store::Origin;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let graph = DiploGraph::load(&Origin::Bundled)?;
    let sco = graph.resolve("SCO")?;
    let status_on = |y, m, d| -> BTreeMap<String, RelationKind> {
        let view = graph.at(When::On(jiff::civil::date(y, m, d)));
        members(&view, sco, &[])
            .into_iter()
            .map(|m| (graph.entity(m.node).name.clone(), m.status))
            .collect()
    };
    let before = status_on(2016, 1, 1);
    let after = status_on(2024, 7, 5);
    let full = |map: &BTreeMap<String, RelationKind>| {
        map.values().filter(|s| **s == RelationKind::Member).count()
    };
    println!(
        "The SCO had {} full members on 2016-01-01 and {} after the Astana summit of 2024. \
         What changed:\n",
        full(&before),
        full(&after)
    );
    let word = |s: Option<&RelationKind>| {
        s.map_or("not part of it".to_string(), |k| k.name().replace('_', " "))
    };
    let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let (was, is) = (before.get(name), after.get(name));
        if was != is {
            println!("  {name}: {} → {}", word(was), word(is));
        }
    }
    Ok(())
}
