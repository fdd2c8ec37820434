//! Integration tests through the real `diplograph` binary: one test binary
//! with small helpers (see `support`), one module per area.

mod align_reference;
mod alignment;
mod analysis;
mod bad_input;
mod bounds;
mod browser;
mod change;
mod codes;
mod csv;
mod edit;
mod examples;
mod explain;
mod export;
mod facts;
mod html;
mod import_data;
mod layering;
mod lint;
mod new_kinds;
mod panel;
mod properties;
mod query;
mod readme;
mod real_data;
mod scale;
mod served_page;
mod server;
mod slips;
mod statehood;
mod support;
mod unknown;
