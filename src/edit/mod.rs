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

/// Creates an empty database at `path`, facts checked up to `checked`:
/// the start of a database built by importers (`diplograph init`). Never
/// replaces anything: an existing file (or one that appears meanwhile) is
/// refused and left as it was. Returns the text written.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("world.ron");
/// let text = diplograph::edit::init(&path, "2024-07-28".parse().unwrap()).unwrap();
/// assert!(text.contains(r#"checked: "2024-07-28""#));
/// assert!(diplograph::store::load_str("world.ron", &text).is_ok());
/// assert!(diplograph::edit::init(&path, "2024-07-28".parse().unwrap()).is_err());
/// ```
pub fn init(path: &Path, checked: crate::date::PartialDate) -> Result<String, Error> {
    let refuse = || {
        Error::Usage(format!(
            "{} already exists; init never replaces a database (choose another --graph, or remove the file first)",
            path.display()
        ))
    };
    if path.exists() {
        return Err(refuse());
    }
    let file = crate::schema::GraphFile {
        version: crate::schema::FORMAT_VERSION,
        checked: checked.to_string(),
        sources: Vec::new(),
        entities: Vec::new(),
        relations: Vec::new(),
    };
    let text = format!(
        "// diplograph database, made by `diplograph init`. One entity or relation per line;\n\
         // a relation holds from `since` up to, not including, `until`. Run `diplograph check` after editing.\n{}",
        crate::store::save::render_file(&file)
    );
    crate::store::save::write_atomic(path, text.as_bytes(), crate::store::save::Replace::No)
        .map_err(|err| match &err {
            Error::WriteFile { source, .. }
                if source.kind() == std::io::ErrorKind::AlreadyExists =>
            {
                refuse()
            }
            _ => err,
        })?;
    Ok(text)
}

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
