//! Queries: questions asked of a [`View`](crate::graph::View) of the graph,
//! answered as plain data for the renderers. A query never prints.

pub mod align;
pub mod balance;
pub mod centrality;
pub mod change;
pub mod cluster;
pub mod codes;
pub mod coverage;
pub mod cypher;
pub mod entity;
pub mod lint;
pub mod members;
pub mod panel;
pub mod path;
pub mod report;
pub mod series;
pub mod signed;
pub mod similarity;
pub mod subgraph;
pub mod summary;

pub use entity::{EntityDetail, Neighbor, list, neighbors, show};
pub use members::{Membership, members};
pub use report::{Briefing, Office, OrganizationSection, Summit, report};
pub use summary::{Summary, summarize};
