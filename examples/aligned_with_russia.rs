//! Which states were most aligned with Russia on the day of the 2024 Astana
//! summit, and why the closest one is so close.
//!
//! Run with `cargo run --example aligned_with_russia`.

use diplograph::graph::{DiploGraph, When};
use diplograph::model::EntityKind;
use diplograph::query::align::{Basis, Frame, Measure, rank};
use diplograph::store::Origin;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let graph = DiploGraph::load(&Origin::Bundled)?;
    let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
    let russia = graph.resolve("Russia")?;
    println!(
        "Putin came to Astana to show that Russia is not isolated. Ranking every state by how \
         alike its ties are to Russia's (Signorino–Ritter S, with Cohen's weighted κ):\n"
    );
    let ranked = rank(&Frame::new(view, Basis::Relations), russia, 5, Measure::S);
    for (i, al) in ranked.iter().enumerate() {
        let shown = |v: Option<f64>| v.map_or("undefined".to_string(), |k| format!("{k:.3}"));
        let kappa = shown(al.scores.kappa);
        println!(
            "  {}. {:<12} S = {}  κ = {kappa}",
            i + 1,
            graph.entity(al.b).name,
            shown(al.scores.s_score)
        );
    }
    let best = &ranked[0];
    println!("\nWhy {} comes first:", graph.entity(best.b).name);
    for edge in &best.direct {
        let r = graph.relation(*edge);
        println!("  a direct tie: {} {} → {}", r.kind, r.from, r.to);
    }
    for agreement in best.agreements.iter().filter(|c| !best.is_own(c)) {
        let target = graph.entity(agreement.target);
        let what = match (target.kind, agreement.a_value) {
            (EntityKind::Issue, _) => "the same stance on",
            (EntityKind::Organization, _) => "both belong to",
            (_, v) if v > 0 => "both are friendly with",
            _ => "both are at odds with",
        };
        println!("  {what} {}", target.name);
    }
    Ok(())
}
