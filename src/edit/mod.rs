//! Editing a database file: the library behind `add`, `end`, `remove`,
//! `fmt` and the importers.
//!
//! - [`document`]: [`Document`], a file opened for editing under the lock,
//!   changed as text element by element and committed in one validated,
//!   atomic write;
//! - [`records`]: file records built from plain parameter structs (dates
//!   checked, fields a kind lacks refused);
//! - [`select`]: which relation an `end` or a `remove` means;
//! - [`ops`]: the edits as functions over a [`Document`], each returning a
//!   typed [`Change`], and [`apply`], which runs one [`Edit`] on a file.
//!
//! Nothing here parses command lines or prints: a front end maps its
//! arguments onto the parameter structs, makes one call and renders the
//! [`Outcome`]. This layer sits above [`crate::graph`], which it uses to
//! resolve names and to tell which relations are in force.

pub mod document;
pub mod ops;
pub mod records;
pub mod select;

use std::path::Path;

pub use document::Document;
pub use ops::{
    Change, Diff, Edit, EndParams, Formatted, Names, Outcome, RelationRef, RemoveEntityParams,
    RemoveRelationParams, apply, edit_file, fmt,
};
pub use records::{EntityParams, RelationParams, SourceParams};

use crate::error::Error;
use crate::store::Origin;

/// The file an edit applies to: never the copy bundled into the binary.
pub fn editable(origin: &Origin) -> Result<&Path, Error> {
    match origin {
        Origin::File(path) => Ok(path),
        Origin::Bundled => Err(Error::Usage(
            "there is no database file to edit here: pass --graph PATH, set DIPLOGRAPH_GRAPH, \
             or run in a directory that holds graph.ron"
                .into(),
        )),
    }
}
