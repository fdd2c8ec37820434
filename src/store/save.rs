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

use std::io::Write;
use std::ops::Range;
use std::path::Path;

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
/// use diplograph::schema::{EntityRecord, NamedRecord};
/// let e = EntityRecord::Country(NamedRecord {
///     id: "RUS".into(), name: "Russia".into(), aliases: vec![], note: None,
/// });
/// assert_eq!(diplograph::store::save::render_entity(&e), r#"country(id: "RUS", name: "Russia")"#);
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
    out.push_str(&format!("{FIELD_INDENT}version: {},\n", file.version));
    out.push_str(&format!(
        "{FIELD_INDENT}checked: {},\n",
        one_line(&file.checked)
    ));
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
        out.push_str(&format!("{FIELD_INDENT}{key}: [\n"));
        for line in lines {
            out.push_str(&format!("{ELEMENT_INDENT}{line},\n"));
        }
        out.push_str(&format!("{FIELD_INDENT}],\n"));
    }
    out.push_str(")\n");
    out
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
    out.push_str(&format!("{FIELD_INDENT}version: {},\n", file.version));
    out.push_str(&format!(
        "{FIELD_INDENT}checked: {},\n",
        one_line(&file.checked)
    ));
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
        out.push_str(&format!("{FIELD_INDENT}{}: [\n", list.key()));
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
        out.push_str(&format!("{FIELD_INDENT}],\n"));
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

/// Replaces the file at `path` with `text` atomically: the text goes to a
/// temporary file in the same directory, is flushed and synced to disk,
/// takes the old file's permissions, and is renamed over the target; then
/// the directory is synced. A crash at any moment leaves either the old
/// file or the new one, whole.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), Error> {
    let io = |source: std::io::Error| Error::WriteFile {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .map_or_else(|| "graph.ron".into(), |n| n.to_string_lossy().into_owned());
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    temp.write_all(text.as_bytes()).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(io)?;
    }
    temp.persist(path).map_err(|e| io(e.error))?;
    // Make the rename itself durable.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
