//! diplograph: a graph database of diplomatic relations.
//!
//! Data flows one way through the modules: file text → [`schema`] (the
//! file's serde types) → [`store`] (parse and validate into the one
//! validated form, a [`store::snapshot::Snapshot`]) → [`graph`] (the
//! snapshot as a graph, viewed as of a date; petgraph's traits) →
//! [`query`] (answers as data) → [`render`] and [`export`] (text, JSON,
//! DOT, `GraphML`…) → [`cli`]. [`model`] holds the kinds and the value types
//! every layer shares. See `ARCHITECTURE.md` for the map and the invariants.
//!
//! ```
//! use diplograph::{graph::{DiploGraph, When}, query, store::Origin};
//! let graph = DiploGraph::load(&Origin::Bundled)?;
//! let iran = graph.resolve("Iran")?;
//! let view = graph.at(When::On(jiff::civil::date(2024, 6, 1)));
//! let leader = query::show(&view, iran)
//!     .relations
//!     .into_iter()
//!     .find(|r| r.relation.kind == diplograph::model::RelationKind::Leads)
//!     .unwrap();
//! assert_eq!(graph.entity(leader.other).name, "Mohammad Mokhber");
//! assert!(leader.relation.acting);
//! # Ok::<(), diplograph::error::Error>(())
//! ```

pub mod cli;
pub mod codes;
pub mod date;
pub mod edit;
pub mod error;
pub mod export;
pub mod generate;
pub mod graph;
pub mod import;
pub mod memory;
pub mod model;
pub mod names;
pub mod query;
pub mod render;
pub mod schema;
pub mod serve;
pub mod store;

/// The README's Rust examples, compiled and run as doctests so that they
/// stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
