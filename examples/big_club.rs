//! Putin's "big club of countries" that are "ambivalent" toward the war in
//! Ukraine: the states that neither oppose the war nor sanction, fight or
//! otherwise oppose Russia.
//!
//! Run with `cargo run --example big_club`.

use diplograph::graph::{DiploGraph, When};
use diplograph::model::{EntityKind, Position, RelationKind, Sign};
use diplograph::query::show;
use diplograph::store::Origin;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let graph = DiploGraph::load(&Origin::Bundled)?;
    let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
    let (russia, war) = (graph.resolve("Russia")?, graph.resolve("War in Ukraine")?);
    println!(
        "At Astana, Putin wanted to show a \"big club of countries\" ambivalent toward the war. \
         Sorting every state in the graph by whether it fights, sanctions or opposes Russia's war:\n"
    );
    let mut club = Vec::new();
    let mut outside = Vec::new();
    for state in graph.nodes() {
        if state == russia || graph.entity(state).kind != EntityKind::Country {
            continue;
        }
        let relations = show(&view, state).relations;
        let hostile: Vec<String> = relations
            .iter()
            .filter(|r| r.other == russia && r.relation.kind.sign() == Sign::Negative)
            .map(|r| match (r.relation.kind, r.outgoing) {
                (RelationKind::Conflict, _) => "at war with Russia".to_string(),
                (RelationKind::Sanctions, true) => "sanctions Russia".to_string(),
                (RelationKind::Sanctions, false) => "sanctioned by Russia".to_string(),
                (kind, _) => format!("{kind} with Russia"),
            })
            .collect();
        let stance = relations
            .iter()
            .find(|r| r.other == war && r.relation.kind == RelationKind::Stance)
            .and_then(|r| r.relation.position);
        let name = &graph.entity(state).name;
        if !hostile.is_empty() || stance == Some(Position::Opposes) {
            let mut why = hostile;
            if stance == Some(Position::Opposes) {
                why.push("opposes the war".into());
            }
            outside.push(format!("{name} ({})", why.join(", ")));
        } else {
            let mut said = vec![match stance {
                Some(Position::Supports) => "supports the war",
                Some(Position::Neutral) => "neutral",
                _ => "no recorded stance",
            }];
            let backs = relations.iter().any(|r| {
                r.other == russia && r.relation.kind == RelationKind::Supports && r.outgoing
            });
            if backs {
                said.push("backs Moscow");
            }
            club.push(format!("{name} ({})", said.join(", ")));
        }
    }
    println!("  the club, {} states: {}", club.len(), club.join(", "));
    println!(
        "  outside it, {} states: {}",
        outside.len(),
        outside.join(", ")
    );
    Ok(())
}
