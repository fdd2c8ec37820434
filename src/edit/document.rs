//! [`Document`]: a database file opened for editing, safely.
//!
//! An edit changes only the text of the elements it touches: a new relation
//! is inserted as one line, ending a relation rewrites that one line,
//! removing deletes it. Everything else — comments, blank lines, the order
//! the author chose — stays byte for byte, so a file saved without changes
//! is identical and nothing written by hand is ever lost.
//!
//! Every edit follows the same steps: lock the file ([`FileLock`]), read
//! it, apply the changes to the text, parse and validate the *whole*
//! result (nothing is written when that fails, and the errors are those of
//! `check`), make sure no one changed the file behind the lock, then
//! replace it atomically ([`write_atomic`]).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::schema::GraphFile;
use crate::store::locate::{List, Locations};
use crate::store::lock::FileLock;
use crate::store::save::{ELEMENT_INDENT, FIELD_INDENT, Replace, write_atomic};
use crate::store::snapshot::Snapshot;
use crate::store::{decode, load_str, parse};

/// What the file looked like when it was read, to notice outside changes.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// A database file opened for editing, under an exclusive lock.
///
/// Edits change the text element by element (so the rest of the file, its
/// comments and its layout, stays as written) and re-parse it after each
/// change; nothing reaches the disk until [`Document::commit`], which
/// validates the whole result first. The lock is held until the document
/// is dropped, so two diplograph writers never interleave.
#[derive(Debug)]
pub struct Document {
    path: PathBuf,
    original: String,
    text: String,
    /// The records of `text`, parsed when first asked for after a bulk
    /// insertion ([`Document::append`]), at once after any other edit.
    file: std::cell::OnceCell<GraphFile>,
    locations: Locations,
    stamp: Option<Stamp>,
    _lock: FileLock,
}

impl Document {
    /// Locks and reads the file at `path`. Refuses a read-only file up
    /// front ([`Error::ReadOnly`]), so no work is wasted on a change that
    /// cannot be saved; waits for another diplograph writer's lock; fails
    /// on a file that is not UTF-8 or does not parse (it may fail to
    /// validate: an edit may be what repairs it).
    pub fn open(path: &Path) -> Result<Document, Error> {
        let meta = std::fs::metadata(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        if meta.permissions().readonly() {
            return Err(Error::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        let lock = FileLock::acquire(path)?;
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let stamp = Stamp::of(path);
        let name = path.display().to_string();
        let text = decode(&name, bytes)?;
        let file = parse(&name, &text)?;
        let locations = Locations::scan(&text);
        Ok(Document {
            path: path.to_path_buf(),
            original: text.clone(),
            text,
            file: file.into(),
            locations,
            stamp,
            _lock: lock,
        })
    }

    /// The file's name in messages.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }

    /// The records as they stand after the edits so far.
    ///
    /// # Panics
    /// Only if text put in by [`Document::append`] does not parse, which
    /// cannot happen for lines rendered by [`crate::store::save`] (what
    /// importers append): every other edit parses its result at once and
    /// refuses text that does not parse.
    pub fn records(&self) -> &GraphFile {
        self.file.get_or_init(|| {
            parse(&self.name(), &self.text).expect("lines rendered by the store always parse")
        })
    }

    /// The text as it stands after the edits so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The validated database before any edit, for resolving names.
    pub fn snapshot(&self) -> Result<Snapshot, Error> {
        load_str(&self.name(), &self.original)
    }

    /// Replaces the whole text (e.g. with its canonical form).
    pub fn set_whole(&mut self, text: String) -> Result<(), Error> {
        self.set_text(text)
    }

    fn set_text(&mut self, text: String) -> Result<(), Error> {
        self.file = parse(&self.name(), &text)?.into();
        self.locations = Locations::scan(&text);
        self.text = text;
        Ok(())
    }

    /// [`Document::insert`] for lines rendered by [`crate::store::save`],
    /// in bulk: the text is not parsed again until [`Document::records`]
    /// is asked for (the commit validates it in any case), so an importer
    /// adding a million relations pays for one parse, not two.
    pub fn append(
        &mut self,
        list: List,
        after: Option<usize>,
        lines: &[String],
    ) -> Result<(), Error> {
        let parsed = std::mem::take(&mut self.file);
        self.insert_with(list, after, lines, |doc, text| {
            doc.locations = Locations::scan(&text);
            doc.text = text;
            Ok(())
        })
        .inspect_err(|_| self.file = parsed)
    }

    /// 1-based line of element `index` of `list` (for messages).
    pub fn line_of(&self, list: List, index: usize) -> usize {
        list.elements(&self.locations)
            .get(index)
            .map_or(0, |r| self.text[..r.start].matches('\n').count() + 1)
    }

    /// Appends elements (already rendered, one line each) to `list`, after
    /// element `after` when given (to keep kinds together), else at the end.
    pub fn insert(
        &mut self,
        list: List,
        after: Option<usize>,
        lines: &[String],
    ) -> Result<(), Error> {
        self.insert_with(list, after, lines, Document::set_text)
    }

    fn insert_with(
        &mut self,
        list: List,
        after: Option<usize>,
        lines: &[String],
        set: impl FnOnce(&mut Document, String) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if lines.is_empty() {
            return Ok(());
        }
        let mut block = String::new();
        for l in lines {
            // Writing to a `String` cannot fail.
            let _ = writeln!(block, "{ELEMENT_INDENT}{l},");
        }
        let text = &self.text;
        let elements = list.elements(&self.locations);
        let mut new = text.clone();
        match (self.locations.lists[list as usize], self.locations.root) {
            (Some((open, close)), _) => {
                let anchor = after.or(elements.len().checked_sub(1));
                match anchor.and_then(|i| elements.get(i)) {
                    Some(element) => {
                        let (comma, has_comma) = comma_after(text, element.end);
                        match next_line_start(text, comma) {
                            Some(at) => {
                                // One element per line: insert whole lines.
                                new.insert_str(at, &block);
                                if !has_comma {
                                    new.insert(element.end, ',');
                                }
                            }
                            None if has_comma => {
                                // A list on one line: continue it.
                                new.insert_str(comma, &format!(" {},", lines.join(", ")));
                            }
                            None => {
                                new.insert_str(element.end, &format!(", {}", lines.join(", ")));
                            }
                        }
                    }
                    None => {
                        new.replace_range(open + 1..close, &format!("\n{block}{FIELD_INDENT}"));
                    }
                }
            }
            (None, Some((_, root_close))) => {
                // On a line of its own, or right at the `)` when something
                // (the end of another list) shares its line.
                let at = match line_start(text, root_close) {
                    start if text[start..root_close].trim().is_empty() => start,
                    _ => root_close,
                };
                let needs_comma = !text[..at].trim_end().ends_with([',', '(']);
                let mut field =
                    format!("{FIELD_INDENT}{}: [\n{block}{FIELD_INDENT}],\n", list.key());
                if at == root_close {
                    field.insert(0, '\n');
                }
                new.insert_str(at, &field);
                if needs_comma {
                    let end = text[..at].trim_end().len();
                    new.insert(end, ',');
                }
            }
            (None, None) => {
                return Err(Error::Usage(format!(
                    "{} does not hold a database to add to",
                    self.name()
                )));
            }
        }
        set(self, new)
    }

    /// The byte range of element `index` of `list`, or an error when there
    /// is no such element.
    fn element(&self, list: List, index: usize) -> Result<std::ops::Range<usize>, Error> {
        list.elements(&self.locations)
            .get(index)
            .cloned()
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{} has no element {index} in its {}",
                    self.name(),
                    list.key()
                ))
            })
    }

    /// Replaces element `index` of `list` with `line`.
    pub fn replace(&mut self, list: List, index: usize, line: &str) -> Result<(), Error> {
        let range = self.element(list, index)?;
        let mut new = self.text.clone();
        new.replace_range(range, line);
        self.set_text(new)
    }

    /// Removes element `index` of `list`, with its comma, and its line when
    /// it had one to itself.
    pub fn remove(&mut self, list: List, index: usize) -> Result<(), Error> {
        let range = self.element(list, index)?;
        let text = &self.text;
        let (comma, has_comma) = comma_after(text, range.end);
        let mut end = if has_comma { comma } else { range.end };
        let start_of_line = line_start(text, range.start);
        let alone_before = text[start_of_line..range.start].trim().is_empty();
        let rest_of_line = &text[end..next_line_start(text, end).unwrap_or(text.len())];
        let start = if alone_before && rest_of_line.trim().is_empty() {
            end = next_line_start(text, end).unwrap_or(text.len());
            start_of_line
        } else {
            // Keep the text around, drop the element and the spaces after it.
            end += text[end..].len() - text[end..].trim_start_matches([' ', '\t']).len();
            range.start
        };
        let mut new = text.clone();
        new.replace_range(start..end, "");
        self.set_text(new)
    }

    /// Whether any edit changed the text.
    pub fn is_changed(&self) -> bool {
        self.text != self.original
    }

    /// The edited lines: (old lines, new lines) between the unchanged
    /// beginning and end of the file, with the first line's number.
    pub fn diff(&self) -> (usize, Vec<&str>, Vec<&str>) {
        let old: Vec<&str> = self.original.lines().collect();
        let new: Vec<&str> = self.text.lines().collect();
        let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
        let suffix = old[prefix..]
            .iter()
            .rev()
            .zip(new[prefix..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        (
            prefix + 1,
            old[prefix..old.len() - suffix].to_vec(),
            new[prefix..new.len() - suffix].to_vec(),
        )
    }

    /// Validates the edited text as a whole and, unless `dry_run`, writes
    /// it atomically. Returns the validated database.
    ///
    /// Nothing is written when the text is unchanged, when validation fails
    /// (the error lists every problem), or when another program changed the
    /// file since [`Document::open`] read it ([`Error::ChangedOnDisk`]): an
    /// editor does not take diplograph's lock, and its change is never
    /// overwritten.
    pub fn commit(self, dry_run: bool) -> Result<Snapshot, Error> {
        let db = load_str(&self.name(), &self.text)?;
        if dry_run || !self.is_changed() {
            return Ok(db);
        }
        // A lock only binds writers that take it; an editor may have saved
        // the file since we read it. Never overwrite such a change.
        let now = std::fs::read(&self.path).ok();
        if now.as_deref() != Some(self.original.as_bytes()) || Stamp::of(&self.path) != self.stamp {
            return Err(Error::ChangedOnDisk { path: self.path });
        }
        write_atomic(&self.path, self.text.as_bytes(), Replace::Yes)?;
        Ok(db)
    }
}

/// After an element ending at `end`: the offset just past its comma and
/// true, or `end` and false when no comma follows (comments skipped).
fn comma_after(text: &str, end: usize) -> (usize, bool) {
    let rest = &text[end..];
    let trimmed = rest.trim_start();
    if trimmed.starts_with(',') {
        let at = end + (rest.len() - trimmed.len());
        (at + 1, true)
    } else {
        (end, false)
    }
}

/// The offset of the line after the one containing `at`, if that line ends
/// before the next non-space, non-comment text (i.e. `at` ends a line).
fn next_line_start(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let line_end = rest.find('\n')?;
    let between = rest[..line_end].trim();
    (between.is_empty() || between.starts_with("//")).then_some(at + line_end + 1)
}

/// The offset of the start of the line containing `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_list_is_added_even_when_the_database_closes_on_a_shared_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.ron");
        std::fs::write(
            &path,
            "(version: 1, checked: \"2024\", entities: [\n    country(id: \"A\", name: \"A\"),\n])\n",
        )
        .unwrap();
        let mut doc = Document::open(&path).unwrap();
        doc.insert(
            List::Relations,
            None,
            &[r#"alliance(from: "A", to: "A")"#.to_string()],
        )
        .unwrap();
        assert_eq!(
            doc.text(),
            "(version: 1, checked: \"2024\", entities: [\n    country(id: \"A\", name: \"A\"),\n],\n    relations: [\n        alliance(from: \"A\", to: \"A\"),\n    ],\n)\n"
        );
        assert_eq!(doc.records().relations.len(), 1);
        assert_eq!(doc.records().entities.len(), 1);
    }

    #[test]
    fn an_element_that_is_not_there_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.ron");
        std::fs::write(&path, "(version: 1, checked: \"2024\")\n").unwrap();
        let mut doc = Document::open(&path).unwrap();
        assert!(doc.remove(List::Relations, 0).is_err());
        assert!(doc.replace(List::Entities, 3, "x").is_err());
        assert!(!doc.is_changed());
    }
}
