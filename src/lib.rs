//! diplograph: a graph database of diplomatic relations.
//!
//! Data flows one way through the modules:
//! [`schema`] (the file's serde types) → [`store`] (load, validate) →
//! [`model`] (validated domain data) → [`graph`] (petgraph plus indexes,
//! viewed as of a date) → [`query`] (answers as data) → [`render`] (text,
//! JSON) → [`cli`]. See ARCHITECTURE.md for the map and the invariants.
//!
//! ```
//! use diplograph::{graph::{DiploGraph, When}, query, store};
//! let db = store::load_str("graph.ron", store::BUNDLED)?;
//! let graph = DiploGraph::new(db);
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
pub mod date;
pub mod error;
pub mod export;
pub mod generate;
pub mod graph;
pub mod memory;
pub mod model;
pub mod names;
pub mod query;
pub mod render;
pub mod schema;
pub mod store;
