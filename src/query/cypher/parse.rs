//! The parser: query text to [`ast::Query`](super::ast::Query).

use super::ast::Query;
use crate::error::Error;

/// Parses `text` (from `origin`: `query`, `stdin` or a file's name).
///
/// # Errors
/// [`Error::Query`] at the line and column of the first problem.
pub fn parse(text: &str, origin: &str) -> Result<Query, Error> {
    let _ = (text, origin);
    todo!("written by the parser task")
}
