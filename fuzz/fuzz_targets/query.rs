//! Fuzzes the whole of `diplograph query`: parser, planner and executor,
//! on the bundled graph as of the Astana summit, under small limits.
//!
//! Invariants: nothing panics, overflows the stack or hangs (the limits
//! stop what would run long: 2,000 rows held, 200 ms); every failure is
//! a query error (at a line and column inside the text) or a limit; an
//! answer has one value per column in every row; and `--explain` plans
//! whatever runs.
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use diplograph::error::Error;
use diplograph::graph::{DiploGraph, When};
use diplograph::query::cypher::{self, Limits, Options, value::Value};
use diplograph::store::Origin;
use libfuzzer_sys::fuzz_target;

fn graph() -> &'static DiploGraph {
    static GRAPH: OnceLock<DiploGraph> = OnceLock::new();
    GRAPH.get_or_init(|| DiploGraph::load(&Origin::Bundled).expect("the bundled graph loads"))
}

fn options() -> Options {
    let mut options = Options {
        limits: Limits {
            max_rows: 2_000,
            timeout: Duration::from_millis(200),
        },
        ..Options::default()
    };
    options.params.insert("org".into(), Value::String("SCO".into()));
    options.params.insert("n".into(), Value::Integer(2));
    options
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let graph = graph();
    let when = When::On(jiff::civil::date(2024, 7, 4));
    let options = options();
    match cypher::run(graph, when, text, "fuzz", &options) {
        Ok(rows) => {
            for row in &rows.rows {
                assert_eq!(row.len(), rows.columns.len(), "one value per column");
            }
            assert!(
                cypher::explain(graph, when, text, "fuzz", &options).is_ok(),
                "what runs can be explained"
            );
        }
        Err(Error::Query(e)) => {
            assert!(e.line >= 1 && e.col >= 1);
            assert!(e.span.offset() + e.span.len() <= text.len(), "error span in the text");
        }
        Err(Error::QueryLimit { .. }) => {}
        Err(other) => panic!("a query failed with a non-query error: {other:?}"),
    }
});
