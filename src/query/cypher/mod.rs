//! `diplograph query`: a read-only subset of openCypher in which every
//! relationship a pattern matches is one in force on the day asked about.
//!
//! The text is parsed ([`parse`]) into a syntax tree ([`ast`]), checked
//! and planned against the database (labels are entity kinds, types are
//! relation kinds, properties are the fields the file records), then run
//! on a [`View`](crate::graph::View) of the graph as of the day: a hop can
//! only follow a relation the view holds in force, and a node can only be
//! an entity that exists that day. No `WHERE r.since <= $d AND …` is
//! needed, or possible to forget.

pub mod ast;
pub mod parse;

pub use parse::parse;
