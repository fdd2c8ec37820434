//! The Iranian presidency handover of 2024, as seen on different dates.
//!
//! Ebrahim Raisi was killed in a helicopter crash on 2024-05-19; his first
//! vice-president, Mohammad Mokhber, acted as president until Masoud
//! Pezeshkian took office on 2024-07-28. Asking the graph on each date shows
//! who led Iran, and in what capacity.
//!
//! Run with `cargo run --example iran_handover`.

use diplograph::graph::{DiploGraph, When};
use diplograph::model::RelationKind;
use diplograph::query;
use diplograph::store::Origin;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let graph = DiploGraph::load(&Origin::Bundled)?;
    let iran = graph.resolve("Iran")?;
    println!("Who led Iran? The presidency through the 2024 handover:\n");
    for day in [
        "2024-05-01",
        "2024-05-19",
        "2024-06-01",
        "2024-07-04",
        "2024-07-28",
    ] {
        let date: diplograph::date::PartialDate = day.parse()?;
        let view = graph.at(When::On(date.first_day()));
        let leaders: Vec<String> = query::show(&view, iran)
            .relations
            .iter()
            .filter(|r| r.relation.kind == RelationKind::Leads)
            .map(|r| {
                let role = r.relation.role.as_deref().unwrap_or("leader");
                let acting = if r.relation.acting { "acting " } else { "" };
                format!("{} ({acting}{role})", graph.entity(r.other).name)
            })
            .collect();
        let answer = if leaders.is_empty() {
            "nobody recorded in office that day".to_string()
        } else {
            leaders.join(", ")
        };
        println!("  {day}: {answer}");
    }
    Ok(())
}
