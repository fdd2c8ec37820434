//! Writing databases: the canonical text form, and atomic replacement of
//! the file on disk.
//!
//! Canonical form is one source, entity or relation per line, each written
//! `kind(field: value, …)` with fields in schema order and absent optional
//! fields left out, inside a four-space-indented `(version, checked,
//! sources, entities, relations)`. Order is kept as the author wrote it:
//! grouping and the comments above groups carry meaning, so formatting
//! never reorders. Comments are never dropped: a comment between elements
//! stays where it is; one written inside an element, which canonical form
//! puts on one line, moves to its own line just above that element.

use std::fmt::Write as _;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;
use serde::Serialize;

use super::locate::{List, Locations};
use super::{parse, ron_options};
use crate::error::Error;
use crate::schema::{EntityRecord, GraphFile, RelationRecord, SourceRecord};

/// Indentation of list elements in canonical form.
pub const ELEMENT_INDENT: &str = "        ";
/// Indentation of top-level fields in canonical form.
pub const FIELD_INDENT: &str = "    ";

fn one_line<T: Serialize>(value: &T) -> String {
    let config = PrettyConfig::new()
        .compact_structs(true)
        .compact_arrays(true)
        .escape_strings(true)
        .new_line("\n".to_string());
    let escaped = ron_options()
        .to_string_pretty(value, config)
        .expect("schema records always serialize");
    unescape_apostrophes(&escaped)
}

/// ron escapes `'` inside strings as `\'`, which is valid but noisy in
/// names like "People's Republic"; undo just that escape, walking escape
/// pairs so that an escaped backslash is never misread.
fn unescape_apostrophes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('\'') => out.push('\''),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A source on one line: `(id: "…", title: "…", …)`.
pub fn render_source(source: &SourceRecord) -> String {
    one_line(source)
}

/// An entity on one line: `country(id: "RUS", name: "Russia")`.
///
/// ```
/// use diplograph::schema::{CodesRecord, CountryRecord, EntityRecord, SpellRecord};
/// let e = EntityRecord::Country(CountryRecord {
///     id: "RUS".into(), name: "Russia".into(), aliases: vec![], note: None,
///     codes: Some(CodesRecord { cow: Some(365), gw: None }),
///     statehood: vec![SpellRecord { since: Some("1991-12-26".into()), until: None, source: None }],
/// });
/// assert_eq!(diplograph::store::save::render_entity(&e),
///     r#"country(id: "RUS", name: "Russia", codes: (cow: 365), statehood: [(since: "1991-12-26")])"#);
/// ```
pub fn render_entity(entity: &EntityRecord) -> String {
    one_line(entity)
}

/// A relation on one line: `member(from: "IND", to: "SCO", since: "2017-06-09")`.
pub fn render_relation(relation: &RelationRecord) -> String {
    one_line(relation)
}

/// The canonical text of a database with no comments to keep.
pub fn render_file(file: &GraphFile) -> String {
    let mut out = String::from("(\n");
    push_header(&mut out, file);
    let lists: [(&str, Vec<String>); 3] = [
        ("sources", file.sources.iter().map(render_source).collect()),
        (
            "entities",
            file.entities.iter().map(render_entity).collect(),
        ),
        (
            "relations",
            file.relations.iter().map(render_relation).collect(),
        ),
    ];
    for (key, lines) in lists {
        let _ = writeln!(out, "{FIELD_INDENT}{key}: [");
        for line in lines {
            let _ = writeln!(out, "{ELEMENT_INDENT}{line},");
        }
        let _ = writeln!(out, "{FIELD_INDENT}],");
    }
    out.push_str(")\n");
    out
}

/// Writes the `version` and `checked` lines every canonical file starts with.
fn push_header(out: &mut String, file: &GraphFile) {
    // Writing to a `String` cannot fail.
    let _ = writeln!(out, "{FIELD_INDENT}version: {},", file.version);
    let _ = writeln!(out, "{FIELD_INDENT}checked: {},", one_line(&file.checked));
}

/// Renders the element at `index` of `list` in canonical form.
fn render_element(file: &GraphFile, list: List, index: usize) -> String {
    match list {
        List::Sources => render_source(&file.sources[index]),
        List::Entities => render_entity(&file.entities[index]),
        List::Relations => render_relation(&file.relations[index]),
    }
}

/// Comments within `range`, each with whether a blank line precedes it in
/// the text since `from`.
fn comments_in<'t>(
    text: &'t str,
    locations: &Locations,
    range: Range<usize>,
) -> Vec<(&'t str, bool)> {
    let mut previous_end = range.start;
    let mut out = Vec::new();
    for c in locations
        .comments
        .iter()
        .filter(|c| c.start >= range.start && c.end <= range.end)
    {
        let blank = has_blank_line(&text[previous_end..c.start]);
        out.push((text[c.clone()].trim_end(), blank));
        previous_end = c.end;
    }
    out
}

/// Whether the gap between two pieces holds an empty line (a line with
/// nothing but whitespace between two line breaks).
fn has_blank_line(gap: &str) -> bool {
    let lines: Vec<&str> = gap.split('\n').collect();
    lines.len() >= 3
        && lines[1..lines.len() - 1]
            .iter()
            .any(|l| l.trim().is_empty())
}

fn push_comments(out: &mut String, comments: &[(&str, bool)], indent: &str) {
    for (comment, blank) in comments {
        if *blank && !out.ends_with("\n\n") && !out.ends_with("[\n") && !out.ends_with("(\n") {
            out.push('\n');
        }
        out.push_str(indent);
        out.push_str(comment);
        out.push('\n');
    }
}

/// The canonical form of `text`, keeping every comment (see the module
/// documentation). The result parses to the same data.
///
/// ```
/// let text = "// facts\n(version: 1, checked: \"2024\", entities: [\n  country( id:\"RUS\",\n name: \"Russia\" ), // big\n])";
/// let canonical = diplograph::store::save::format("t.ron", text).unwrap();
/// assert_eq!(canonical, "// facts\n(\n    version: 1,\n    checked: \"2024\",\n    sources: [\n    ],\n    entities: [\n        country(id: \"RUS\", name: \"Russia\"),\n        // big\n    ],\n    relations: [\n    ],\n)\n");
/// ```
pub fn format(name: &str, text: &str) -> Result<String, Error> {
    let file = parse(name, text)?;
    let locations = Locations::scan(text);
    let Some((root_open, root_close)) = locations.root else {
        return Ok(render_file(&file));
    };
    let mut out = String::new();
    let prefix = text[..root_open].trim_end();
    if !prefix.is_empty() {
        out.push_str(prefix);
        out.push('\n');
    }
    out.push_str("(\n");
    // Each top-level field owns the text from its key to the next key.
    let mut bounds: Vec<(String, Range<usize>)> = Vec::new();
    for (i, (key, start)) in locations.fields.iter().enumerate() {
        let end = locations
            .fields
            .get(i + 1)
            .map_or(root_close, |(_, next)| *next);
        bounds.push((key.clone(), *start..end));
    }
    let leading = root_open + 1..bounds.first().map_or(root_close, |(_, r)| r.start);
    push_comments(
        &mut out,
        &comments_in(text, &locations, leading),
        FIELD_INDENT,
    );
    let field_range = |key: &str| {
        bounds
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, r)| r.clone())
    };
    for key in ["version", "checked"] {
        if let Some(range) = field_range(key) {
            push_comments(
                &mut out,
                &comments_in(text, &locations, range),
                FIELD_INDENT,
            );
        }
    }
    push_header(&mut out, &file);
    for list in [List::Sources, List::Entities, List::Relations] {
        let field = field_range(list.key());
        let bounds = locations.lists[list as usize];
        // Comments between the key and the `[`, or after the `]`.
        if let (Some(field), Some((open, close))) = (&field, bounds) {
            let outside: Vec<(&str, bool)> = comments_in(text, &locations, field.start..open)
                .into_iter()
                .chain(comments_in(text, &locations, close..field.end))
                .collect();
            push_comments(&mut out, &outside, FIELD_INDENT);
        }
        let _ = writeln!(out, "{FIELD_INDENT}{}: [", list.key());
        if let Some((open, close)) = bounds {
            let elements = list.elements(&locations);
            let mut previous_end = open + 1;
            for (index, element) in elements.iter().enumerate() {
                push_comments(
                    &mut out,
                    &comments_in(text, &locations, previous_end..element.start),
                    ELEMENT_INDENT,
                );
                let before = &text[previous_end..element.start];
                let after_comment = locations
                    .comments
                    .iter()
                    .rfind(|c| c.start >= previous_end && c.end <= element.start)
                    .map_or(before, |c| &text[c.end..element.start]);
                if has_blank_line(after_comment) && !out.ends_with("[\n") && !out.ends_with("\n\n")
                {
                    out.push('\n');
                }
                // Comments written inside the element move above it.
                let inside: Vec<(&str, bool)> = comments_in(text, &locations, element.clone())
                    .into_iter()
                    .map(|(c, _)| (c, false))
                    .collect();
                push_comments(&mut out, &inside, ELEMENT_INDENT);
                out.push_str(ELEMENT_INDENT);
                out.push_str(&render_element(&file, list, index));
                out.push_str(",\n");
                previous_end = element.end;
            }
            push_comments(
                &mut out,
                &comments_in(text, &locations, previous_end..close),
                ELEMENT_INDENT,
            );
        }
        let _ = writeln!(out, "{FIELD_INDENT}],");
    }
    // Fields other than the known ones cannot exist (the schema denies
    // them), so only comments can remain after the last field.
    out.push_str(")\n");
    let suffix = text[root_close + 1..].trim();
    if !suffix.is_empty() {
        out.push_str(suffix);
        out.push('\n');
    }
    Ok(out)
}

/// Whether an atomic write may replace a file already at its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    /// Rename over whatever is there (the caller was asked to write that
    /// path: an edited database, `--output FILE`, the snapshot cache).
    Yes,
    /// Only create: if the path exists when the file is put in place, fail
    /// with [`std::io::ErrorKind::AlreadyExists`] and leave it untouched.
    No,
}

/// A file written atomically, the one way diplograph puts files on disk
/// (edited databases, exports, the snapshot cache).
///
/// The bytes go to a new temporary file in the target's directory (created
/// exclusively, so no other file is ever truncated), which is a
/// [`std::io::Write`] so writers can stream into it. [`commit`](Self::commit)
/// syncs it to disk, renames it into place and syncs the directory, so a
/// crash at any moment leaves either the old file or the new one, whole,
/// and a reader (or a memory mapping) never sees a file change in place.
/// Dropped without a commit, the temporary file is deleted.
///
/// Permissions: a file that replaces another takes the old one's; a new
/// file gets the usual `0666` less the umask; [`set_permissions`](Self::set_permissions)
/// chooses others.
///
/// ```
/// use std::io::Write;
/// use diplograph::store::save::{AtomicFile, Replace};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.txt");
/// let mut file = AtomicFile::create(&path).unwrap();
/// write!(file, "hello").unwrap();
/// file.commit(Replace::No).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello");
/// // The path now exists: creating it again is refused, replacing is not.
/// assert!(AtomicFile::create(&path).unwrap().commit(Replace::No).is_err());
/// diplograph::store::save::write_atomic(&path, b"bye", Replace::Yes).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "bye");
/// ```
#[derive(Debug)]
pub struct AtomicFile {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
    dir: PathBuf,
}

impl AtomicFile {
    /// Starts writing the file that will be at `path`: makes the temporary
    /// file beside it. Fails (naming `path`) when the directory is missing
    /// or not writable.
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let file_name = path
            .file_name()
            .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
        let prefix = format!(".{file_name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // As `File::create` would: the umask takes away what it should.
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder
            .tempfile_in(&dir)
            .map_err(|source| write_error(path, source))?;
        let file = AtomicFile {
            temp,
            path: path.to_path_buf(),
            dir,
        };
        if let Ok(meta) = std::fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        Ok(file)
    }

    /// Gives the new file these permissions (e.g. the snapshot cache takes
    /// its database file's: whoever may read the data may read its cache).
    pub fn set_permissions(&self, permissions: std::fs::Permissions) -> Result<(), Error> {
        self.temp
            .as_file()
            .set_permissions(permissions)
            .map_err(|source| write_error(&self.path, source))
    }

    /// The path the file will have once committed.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Syncs the bytes written, puts the file at its path (replacing what
    /// is there only with [`Replace::Yes`]) and makes the rename durable.
    pub fn commit(mut self, replace: Replace) -> Result<(), Error> {
        let path = self.path.clone();
        let io = |source: std::io::Error| write_error(&path, source);
        self.temp.flush().map_err(io)?;
        self.temp.as_file().sync_all().map_err(io)?;
        match replace {
            Replace::Yes => self.temp.persist(&path).map(drop),
            Replace::No => self.temp.persist_noclobber(&path).map(drop),
        }
        .map_err(|e| io(e.error))?;
        // Make the rename itself durable.
        if let Ok(d) = std::fs::File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.temp.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.flush()
    }
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::WriteFile {
        path: path.to_path_buf(),
        source,
    }
}

/// Why a file the user named must not be written: one is already at
/// `path` and `force` (`--force`) was not given. The one rule of every
/// command that writes where it is told (`export --output`, `generate
/// --output`, charts): an existing file may be a real database or someone's
/// work, so it is replaced only on request. `None` when the write may go
/// ahead; else the words that continue the caller's own sentence ("would
/// replace out.svg, which already exists"). Pair it with
/// [`Replace::No`] unless `force`, so a file appearing in between is not
/// replaced either.
///
/// ```
/// use diplograph::store::save::refusal;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("chart.svg");
/// assert_eq!(refusal(&path, false), None);
/// std::fs::write(&path, "<svg/>").unwrap();
/// assert!(refusal(&path, false).unwrap().ends_with("chart.svg, which already exists"));
/// assert_eq!(refusal(&path, true), None);
/// ```
pub fn refusal(path: &Path, force: bool) -> Option<String> {
    (!force && path.exists())
        .then(|| format!("would replace {}, which already exists", path.display()))
}

/// Writes `bytes` to `path` atomically with an [`AtomicFile`]: whole or
/// not at all, replacing an existing file only with [`Replace::Yes`] (and
/// then keeping its permissions).
pub fn write_atomic(path: &Path, bytes: &[u8], replace: Replace) -> Result<(), Error> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)
        .map_err(|source| write_error(path, source))?;
    file.commit(replace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_replaces_keeping_permissions_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.ron");
        write_atomic(&path, b"one", Replace::No).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, b"two", Replace::Yes).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("graph.ron")]);
    }

    #[test]
    fn replace_no_never_touches_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.txt");
        std::fs::write(&path, "keep me").unwrap();
        let err = write_atomic(&path, b"other", Replace::No).unwrap_err();
        assert!(err.to_string().contains("mine.txt"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_uncommitted_file_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"half").unwrap();
        drop(file);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_missing_directory_is_an_error_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/out.txt");
        let err = write_atomic(&path, b"x", Replace::Yes).unwrap_err();
        assert!(matches!(err, Error::WriteFile { .. }), "{err:?}");
        assert!(err.to_string().contains("out.txt"), "{err}");
    }
}
