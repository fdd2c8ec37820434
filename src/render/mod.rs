//! Renderers: turn query results into text for people or JSON for scripts.
//!
//! A renderer reads the graph only to name entities and relations; it never
//! touches the file and never decides what is true.

mod answer;
pub mod json;
mod table;
pub mod text;

pub use answer::Answer;

/// The output formats of every command.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Aligned, readable text (default).
    #[default]
    Text,
    /// Stable JSON with documented field names, for scripts.
    Json,
}

use crate::date::Validity;
use crate::graph::When;

/// "since 2001-06-15", "2021-08-03 – 2024-05-19", "until 2024", or "".
pub fn dates(validity: &Validity) -> String {
    match (validity.since, validity.until) {
        (Some(s), Some(u)) => format!("{s} – {u}"),
        (Some(s), None) => format!("since {s}"),
        (None, Some(u)) => format!("until {u}"),
        (None, None) => String::new(),
    }
}

/// "as of 2024-07-04" or "over all time".
pub fn moment(when: When) -> String {
    match when {
        When::On(day) => format!("as of {day}"),
        When::AllTime => "over all time".to_string(),
    }
}
