//! Fuzzes the reader of `align --weights` files and their resolution
//! against the bundled database with arbitrary bytes.
//!
//! Invariants checked on every input: reading never panics (broken
//! quoting, invalid UTF-8, ragged rows, numbers of any shape); every weight
//! it accepts is finite and not negative; resolving the rows on a day never
//! panics (names, COW numbers, years of any size) and errors render; and an
//! alignment weighted by what resolved has every measure finite or
//! undefined.
#![no_main]

use std::sync::OnceLock;

use diplograph::graph::{DiploGraph, When};
use diplograph::import::weights::read;
use diplograph::query::align::{Basis, Frame, Weights, align};
use libfuzzer_sys::fuzz_target;

fn graph() -> &'static DiploGraph {
    static GRAPH: OnceLock<DiploGraph> = OnceLock::new();
    GRAPH.get_or_init(|| DiploGraph::load(&diplograph::store::Origin::Bundled).expect("bundled"))
}

fuzz_target!(|data: &[u8]| {
    let rows = match read(data, "fuzz.csv") {
        Ok(rows) => rows,
        Err(err) => {
            let _ = format!("{:?}", miette::Report::new(err));
            return;
        }
    };
    for row in &rows {
        assert!(row.weight.is_finite() && row.weight >= 0.0, "{row:?}");
    }
    let graph = graph();
    let day = "2024-07-04"
        .parse::<diplograph::date::PartialDate>()
        .expect("a date")
        .first_day();
    match Weights::resolve(graph, &rows, "fuzz.csv", day) {
        Ok(weights) => {
            let (rus, chn) = (graph.node("RUS").unwrap(), graph.node("CHN").unwrap());
            for basis in [Basis::Relations, Basis::Alliances] {
                let frame = Frame::new(graph.at(When::On(day)), basis).weighted(Some(&weights));
                let s = align(&frame, rus, chn).scores;
                for v in [s.s_score, s.s_squared, s.kappa, s.pi, s.tau_b].into_iter().flatten() {
                    assert!(v.is_finite(), "{s:?}");
                }
            }
        }
        Err(err) => {
            let _ = format!("{:?}", miette::Report::new(err));
        }
    }
});
