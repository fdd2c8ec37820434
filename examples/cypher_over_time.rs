//! One Cypher question asked on several days: who belonged to the SCO,
//! and in which status, as the organization grew from its six founders
//! (2001) to ten members (Belarus, on the Astana summit's second day).
//!
//! The query does not mention a date: every relationship it matches is
//! the one in force on the day it is asked about, which is the whole
//! point of `diplograph query`.
//!
//! Run with `cargo run --example cypher_over_time`.

use diplograph::graph::{DiploGraph, When};
use diplograph::query::cypher::{self, Options, value::Value};
use diplograph::store::Origin;

const CIRCLES: &str = "MATCH (c:country)-[r:member|observer|dialogue_partner]->(:organization {id: 'SCO'}) \
                       RETURN type(r) AS status, count(*) AS states ORDER BY status";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let graph = DiploGraph::load(&Origin::Bundled)?;
    println!("The SCO's circles, asked on each day with one query:\n");
    for day in [
        "2001-06-15",
        "2010-01-01",
        "2017-06-09",
        "2024-07-03",
        "2024-07-04",
    ] {
        let date: diplograph::date::PartialDate = day.parse()?;
        let rows = cypher::run(
            &graph,
            When::On(date.first_day()),
            CIRCLES,
            "example",
            &Options::default(),
        )?;
        let circles: Vec<String> = rows
            .rows
            .iter()
            .map(|row| match (&row[0], &row[1]) {
                (Value::String(status), Value::Integer(n)) => format!("{n} {status}"),
                other => format!("{other:?}"),
            })
            .collect();
        println!("  {day}: {}", circles.join(", "));
    }
    Ok(())
}
