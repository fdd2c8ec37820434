//! The store: reads a database file, parses it, validates it, and hands out
//! a [`Snapshot`], the one validated form of a database.
//!
//! Parsing errors carry the `file:line:col` ron reports; semantic problems
//! are located by [`locate::Locations`], which maps each parsed element back
//! to its place in the text. All semantic problems are reported together.

pub mod convert;
pub mod locate;
pub mod lock;
pub mod rules;
pub mod save;
pub mod snapshot;
pub mod validate;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{NamedSource, SourceOffset, SourceSpan};

use crate::error::{Error, InvalidDatabase, ParseError, Problem, SharedSource};
use crate::schema::GraphFile;
use locate::Locations;
use snapshot::Snapshot;
use validate::Site;

/// The graph.ron shipped inside the binary, used when no file is given and
/// none is in the current directory, so the tool works from anywhere.
pub const BUNDLED: &str = include_str!("../../graph.ron");

/// The name diagnostics use for the bundled database.
pub const BUNDLED_NAME: &str = "<bundled graph.ron>";

/// Where a database comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// The copy compiled into the binary.
    Bundled,
}

impl Origin {
    /// Chooses the database: an explicit path (from `--graph` or
    /// `DIPLOGRAPH_GRAPH`), else `./graph.ron` if present, else the bundled copy.
    pub fn choose(explicit: Option<&Path>) -> Origin {
        match explicit {
            Some(path) => Origin::File(path.to_path_buf()),
            None if Path::new("graph.ron").is_file() => Origin::File(PathBuf::from("graph.ron")),
            None => Origin::Bundled,
        }
    }

    /// How diagnostics name it.
    pub fn display_name(&self) -> String {
        match self {
            Origin::File(path) => path.display().to_string(),
            Origin::Bundled => BUNDLED_NAME.to_string(),
        }
    }
}

/// Reads, parses and validates the database at `origin` into a
/// [`Snapshot`], the one validated form of a database: the fast reader on
/// the text, the full path (with its diagnostics) when it declines. O(size
/// of the file); peak memory about the file's size plus the snapshot's.
/// (`DiploGraph::load` adds the snapshot cache on top of this.)
///
/// ```
/// use diplograph::store::{self, Origin};
/// let snap = store::load(&Origin::Bundled).unwrap();
/// assert_eq!(snap.find_id("SCO").map(|i| snap.entity_id(i)), Some("SCO"));
/// ```
pub fn load(origin: &Origin) -> Result<Snapshot, Error> {
    match origin {
        Origin::Bundled => load_str(BUNDLED_NAME, BUNDLED),
        Origin::File(path) => snapshot_of_file(path, &mut |_| {}).map(|(snap, _)| snap),
    }
}

/// The snapshot of the database file at `path` and the xxh3 hash of its
/// bytes: the fast reader streaming the file, or, when it declines, the
/// full path on the whole text (which reports what is wrong). `progress`
/// hears how many bytes the fast reader has read.
pub(crate) fn snapshot_of_file(
    path: &Path,
    progress: &mut dyn FnMut(usize),
) -> Result<(Snapshot, u64), Error> {
    if let Ok((Some(snap), Some(hash))) = snapshot::fast::read_file(path, progress) {
        return Ok((snap, hash));
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let name = path.display().to_string();
    let text = decode(&name, bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok((load_str_fully(&name, text)?, hash))
}

/// The file's bytes as text, or a clear error naming the first byte that is
/// not UTF-8.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|err| not_utf8(name, err))
}

/// Parses and validates database text into a [`Snapshot`]; `name` is
/// used in messages.
///
/// ```
/// let text = r#"(version: 1, checked: "2024-07-04",
///     entities: [country(id: "RUS", name: "Russia")])"#;
/// let snap = diplograph::store::load_str("example.ron", text).unwrap();
/// assert_eq!(snap.entity(0).name, "Russia");
///
/// let err = diplograph::store::load_str("bad.ron", "(version: 1,").unwrap_err();
/// assert!(err.to_string().starts_with("bad.ron:1:"));
/// ```
pub fn load_str(name: &str, text: &str) -> Result<Snapshot, Error> {
    // A byte-order mark (some Windows editors add one) is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Most files are read by the fast reader; it declines anything it does
    // not fully understand or that is wrong, and the full path decides.
    if let Some(snap) = snapshot::fast::read(text) {
        return Ok(snap);
    }
    load_str_fully(name, text)
}

/// The full path: ron, then every semantic check, with diagnostics.
pub(crate) fn load_str_fully(name: &str, text: &str) -> Result<Snapshot, Error> {
    let file = parse(name, text)?;
    validate::validate(file).map_err(|raw| {
        let src = shared_source(name, text);
        let locations = Locations::scan(text);
        let problems = raw
            .into_iter()
            .map(|p| locate_problem(name, text, &src, &locations, p))
            .collect();
        Error::Invalid(Box::new(InvalidDatabase {
            path: name.to_string(),
            problems,
        }))
    })
}

/// ron options every read and write uses: optional fields are written bare
/// (`since: "2001"`, not `since: Some("2001")`) and a kind wraps its fields
/// directly (`member(from: …)`, not `member((from: …))`).
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(
        ron::extensions::Extensions::IMPLICIT_SOME
            | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES,
    )
}

/// Parses text into the file schema, without semantic checks: the first
/// syntax or shape error becomes an [`Error::Parse`] at its line and column
/// (`name` names the file in it), worded for people rather than as ron
/// words it.
///
/// ```
/// use diplograph::store::parse;
/// let file = parse("g.ron", r#"(version: 1, checked: "2024")"#).unwrap();
/// assert!(file.entities.is_empty());
/// let err = parse("g.ron", "(version: 1, checked: \"2024\", colour: 3)").unwrap_err();
/// assert!(err.to_string().starts_with("g.ron:1:"), "{err}");
/// ```
pub fn parse(name: &str, text: &str) -> Result<GraphFile, Error> {
    if text.trim().is_empty() {
        return Err(parse_error(
            name,
            text,
            1,
            1,
            "the file is empty; a database starts with `(version: 1, checked: \"YYYY-MM-DD\", …)`"
                .into(),
        ));
    }
    ron_options().from_str(text).map_err(|err| {
        let pos = err.span.start;
        let offset = SourceOffset::from_location(text, pos.line, pos.col).offset();
        let message = plain_message(&err.code, enclosing_kind(text, offset));
        if only_blank_after(text, offset) {
            let message = if matches!(err.code, ron::Error::Eof) {
                message
            } else {
                format!("the file ends too early ({message}); is it truncated?")
            };
            return parse_error(name, text, pos.line, pos.col, message);
        }
        // ron reports the position before the whitespace it was about to
        // skip; point at the offending text itself.
        let skipped = text[offset..].len() - text[offset..].trim_start().len();
        let (line, col) = line_col(text, offset + skipped);
        parse_error(name, text, line, col, message)
    })
}

fn shared_source(name: &str, text: &str) -> SharedSource {
    NamedSource::new(name, Arc::<str>::from(text)).with_language("ron")
}

fn parse_error(name: &str, text: &str, line: usize, col: usize, message: String) -> Error {
    let offset = SourceOffset::from_location(text, line, col).offset();
    let len = text[offset..].chars().next().map_or(0, char::len_utf8);
    Error::Parse(Box::new(ParseError {
        path: name.to_string(),
        line,
        col,
        message,
        src: shared_source(name, text),
        span: SourceSpan::new(offset.into(), len),
    }))
}

fn not_utf8(name: &str, err: std::string::FromUtf8Error) -> Error {
    let valid_up_to = err.utf8_error().valid_up_to();
    let bytes = err.into_bytes();
    let prefix = String::from_utf8_lossy(&bytes[..valid_up_to]).into_owned();
    let line = prefix.matches('\n').count() + 1;
    let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    parse_error(
        name,
        &prefix,
        line,
        col,
        format!(
            "the file is not UTF-8 text (byte 0x{:02x} at offset {valid_up_to}); is it saved in another encoding, or not a text file at all?",
            bytes[valid_up_to]
        ),
    )
}

/// Whether nothing but whitespace and comments follows `offset`.
fn only_blank_after(text: &str, offset: usize) -> bool {
    let mut rest = text.get(offset..).unwrap_or("");
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else {
            return rest.is_empty();
        }
    }
}

/// Whether `ident` names an entity or relation kind.
fn is_kind(ident: &str) -> bool {
    use crate::model::{EntityKind, RelationKind};
    EntityKind::ALL.iter().any(|k| k.name() == ident)
        || RelationKind::ALL.iter().any(|k| k.name() == ident)
}

/// What a schema type (or the kind that wraps it) is called in messages.
fn thing(type_name: &str) -> String {
    use crate::model::{EntityKind, RelationKind};
    if let Some(kind) = EntityKind::ALL.iter().find(|k| k.name() == type_name) {
        return format!("a {kind}");
    }
    if let Some(kind) = RelationKind::ALL.iter().find(|k| k.name() == type_name) {
        return format!("a `{kind}` relation");
    }
    match type_name {
        "GraphFile" => "the database",
        "SourceRecord" => "a source",
        "NamedRecord" => "an entity",
        "EventRecord" => "an event",
        "TieRecord" => "a relation",
        "OfficeRecord" => "a `leads` or `serves` relation",
        "OrganizationRecord" => "an organization",
        "CoverageRecord" => "a source's coverage",
        "ContestRecord" => "a `dispute` or `conflict` relation",
        "StanceRecord" => "a `stance` relation",
        "EntityRecord" => "entity",
        "RelationRecord" => "relation",
        "Position" => "position",
        _ => "this item",
    }
    .to_string()
}

/// The kind written before the parenthesis that encloses `offset`
/// (`member` in `member(from: "A", to| …`), used to word messages when ron
/// does not name the struct. A heuristic: it ignores brackets in strings,
/// which at worst makes a message less specific.
fn enclosing_kind(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset)?;
    let mut depth = 0usize;
    for (i, c) in before.char_indices().rev() {
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth > 0 => depth -= 1,
            '(' => {
                let head = before[..i].trim_end();
                // The identifier is ASCII, so the byte just after the last
                // other character (of whatever width) starts it.
                let start = head
                    .char_indices()
                    .rev()
                    .find(|(_, ch)| !(ch.is_ascii_alphanumeric() || *ch == '_'))
                    .map_or(0, |(p, ch)| p + ch.len_utf8());
                let ident = &head[start..];
                return is_kind(ident).then_some(ident);
            }
            '[' => return None,
            _ => {}
        }
    }
    None
}

/// ron's messages, reworded where they would puzzle a reader of the file.
fn plain_message(code: &ron::Error, kind: Option<&str>) -> String {
    use ron::Error as E;
    let of = |outer: &Option<String>| {
        outer
            .as_deref()
            .filter(|o| !o.is_empty())
            .or(kind)
            .map(|o| format!(" in {}", thing(o)))
            .unwrap_or_default()
    };
    match code {
        E::Eof => "the file ends too early: a bracket, parenthesis or string is not closed".into(),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let hint = if is_kind(found) {
                format!("; `{found}` is a kind: is a `)` missing before it?")
            } else {
                String::new()
            };
            format!(
                "unknown field `{found}`{}; expected one of: {}{hint}",
                of(outer),
                expected.join(", ")
            )
        }
        E::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", of(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!("field `{field}` is given twice{}", of(outer))
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown {} kind `{found}`; expected one of: {}",
            outer.as_deref().map(thing).unwrap_or_default(),
            expected.join(", ")
        )
        .replace("unknown position kind", "unknown position")
        .replace("unknown  kind", "unknown kind"),
        E::ExpectedNamedStructLike(name) => {
            format!("expected `(` to open {}", thing(name))
        }
        E::ExpectedStructLike => "expected `(`".into(),
        E::ExpectedStructLikeEnd => "expected `)` or `,` after a field".into(),
        E::ExpectedString => "expected a string in double quotes".into(),
        E::ExpectedIdentifier => "expected a field name or a kind here".into(),
        E::ExpectedDifferentStructName { found, .. } => {
            format!("expected the database `(version: 1, …)`, found `{found}`")
        }
        E::ExpectedStringEnd => "a string is not closed: expected `\"`".into(),
        E::ExpectedComma => "expected a comma between items".into(),
        E::ExpectedArray => "expected a list in square brackets `[…]`".into(),
        E::ExpectedArrayEnd => "expected `]` or `,` after a list item".into(),
        E::ExpectedBoolean => "expected `true` or `false`".into(),
        E::ExpectedInteger => "expected a whole number".into(),
        E::TrailingCharacters => "unexpected text after the end of the database".into(),
        E::UnexpectedChar(c) => format!("unexpected character `{}`", c.escape_debug()),
        E::InvalidValueForType { expected, found } => format!("expected {expected}, found {found}"),
        E::ExceededRecursionLimit => "the file is nested too deeply".into(),
        E::Message(message) => message.clone(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

/// `name:line:col` of each of these elements of the top-level lists of the
/// file `text` (what `check` prints before a warning; `name` alone for an
/// element the text does not have). One scan of the text.
///
/// ```
/// use diplograph::store::{self, locate::List};
/// let text = "(version: 1, checked: \"2024\",\n  entities: [\n    country(id: \"ZZA\", name: \"A\"),\n  ])";
/// assert_eq!(store::places_of("g.ron", text, [(List::Entities, 0)]), ["g.ron:3:5"]);
/// ```
pub fn places_of(
    name: &str,
    text: &str,
    elements: impl IntoIterator<Item = (locate::List, usize)>,
) -> Vec<String> {
    let elements: Vec<(locate::List, usize)> = elements.into_iter().collect();
    // The scan stops once it has passed the last element asked for.
    let mut last: [Option<usize>; 3] = [None; 3];
    for (list, index) in &elements {
        let slot = &mut last[*list as usize];
        *slot = Some(slot.map_or(*index, |l: usize| l.max(*index)));
    }
    let locations = locate::Locations::scan_until(text, |found| {
        [
            locate::List::Sources,
            locate::List::Entities,
            locate::List::Relations,
        ]
        .iter()
        .all(|list| last[*list as usize].is_none_or(|l| list.elements(found).len() > l))
    });
    let starts: Vec<Option<usize>> = elements
        .iter()
        .map(|(list, index)| list.elements(&locations).get(*index).map(|r| r.start))
        .collect();
    // One walk over the text for all of them, in offset order: a check of
    // a large file may place thousands of warnings.
    let mut order: Vec<usize> = (0..starts.len()).filter(|i| starts[*i].is_some()).collect();
    order.sort_unstable_by_key(|i| starts[*i]);
    let mut places = vec![name.to_string(); starts.len()];
    let (mut line, mut line_start, mut at) = (1, 0, 0);
    for i in order {
        let offset = starts[i].unwrap_or_default();
        for (k, byte) in text.as_bytes()[at..offset].iter().enumerate() {
            if *byte == b'\n' {
                line += 1;
                line_start = at + k + 1;
            }
        }
        at = offset;
        let col = text[line_start..offset].chars().count() + 1;
        places[i] = format!("{name}:{line}:{col}");
    }
    places
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn locate_problem(
    name: &str,
    text: &str,
    src: &SharedSource,
    locations: &Locations,
    problem: validate::RawProblem,
) -> Problem {
    let range = match problem.site {
        Site::File => problem.focus.as_ref().map(|_| 0..text.len()),
        Site::Source(i) => locations.sources.get(i).cloned(),
        Site::Entity(i) => locations.entities.get(i).cloned(),
        Site::Relation(i) => locations.relations.get(i).cloned(),
    }
    .unwrap_or(0..0);
    let range = match &problem.focus {
        Some(focus) => text[range.clone()]
            .find(focus.as_str())
            .map_or(range.clone(), |at| {
                range.start + at..range.start + at + focus.len()
            }),
        None => range,
    };
    let before = &text[..range.start];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let label = match problem.site {
        Site::File => "file".to_string(),
        Site::Source(i) => format!("source #{}", i + 1),
        Site::Entity(i) => format!("entity #{}", i + 1),
        Site::Relation(i) => format!("relation #{}", i + 1),
    };
    Problem {
        location: format!("{name}:{line}:{col}"),
        message: problem.message,
        help: problem.help,
        src: src.clone(),
        span: SourceSpan::new(range.start.into(), range.len()),
        label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<Problem> {
        match load_str("t.ron", text) {
            Err(Error::Invalid(invalid)) => invalid.problems,
            other => panic!("expected validation problems, got {other:?}"),
        }
    }

    const HEAD: &str = "(version: 1, checked: \"2024-01-01\",\n";

    #[test]
    fn reports_every_problem_in_file_order_with_its_line() {
        let text = format!(
            "{HEAD}sources: [(id: \"s\", title: \"T\")],\nentities: [\n  country(id: \"RUS\", name: \"Russia\"),\n  person(id: \"p\", name: \"P\"),\n  country(id: \"RUS\", name: \"Again\"),\n],\nrelations: [\n  member(from: \"Rusia\", to: \"RUS\"),\n  leads(from: \"p\", to: \"RUS\", role: \"President\", since: \"2024\", until: \"2023\", source: \"nope\"),\n  partnership(from: \"p\", to: \"p\", since: \"2023-02-29\"),\n],\n)"
        );
        let found = problems(&text);
        let summary: Vec<(String, String)> = found
            .iter()
            .map(|p| (p.location.clone(), p.message.clone()))
            .collect();
        let expected = [
            ("t.ron:6:3", "duplicate id `RUS`"),
            (
                "t.ron:9:3",
                "from `Rusia` of member Rusia → RUS is not an entity",
            ),
            (
                "t.ron:9:3",
                "a country cannot be the `to` side of member: `RUS` is a country",
            ),
            (
                "t.ron:10:3",
                "leads p → RUS: until (2023) is not after since (2024)",
            ),
            (
                "t.ron:10:3",
                "leads p → RUS cites source `nope`, which is not listed",
            ),
            (
                "t.ron:11:42",
                "`2023-02-29` is not a real date: February 2023 has 28 days",
            ),
            ("t.ron:11:3", "partnership relates `p` to itself"),
            (
                "t.ron:11:3",
                "a person cannot be the `from` side of partnership: `p` is a person",
            ),
            (
                "t.ron:11:3",
                "a person cannot be the `to` side of partnership: `p` is a person",
            ),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(l, m)| (l.to_string(), m.to_string()))
            .collect();
        assert_eq!(summary, expected);
        assert_eq!(found[1].help.as_deref(), Some("did you mean Russia (RUS)?"));
    }

    #[test]
    fn parse_errors_carry_line_and_column() {
        let err = load_str(
            "t.ron",
            &format!("{HEAD}entities: [country(id: \"RUS\", nam: \"R\")])"),
        )
        .unwrap_err();
        let Error::Parse(parse) = err else {
            panic!("expected a parse error")
        };
        assert_eq!((parse.line, parse.col), (2, 31));
        assert!(
            parse
                .message
                .starts_with("unknown field `nam` in a country"),
            "{}",
            parse.message
        );
    }

    #[test]
    fn the_kind_heuristic_survives_multibyte_text_before_a_parenthesis() {
        // Found by fuzzing: "ر(" used to slice inside the Arabic letter.
        assert_eq!(enclosing_kind("xر(from", 7), None);
        assert_eq!(enclosing_kind("ير member(from: 1", 17), Some("member"));
        assert_eq!(enclosing_kind("é(", "é(".len()), None);
    }

    #[test]
    fn names_that_collide_are_refused() {
        let found = problems(&format!(
            "{HEAD}entities: [country(id: \"IRN\", name: \"Iran\"), country(id: \"IRQ\", name: \"Iraq\", aliases: [\"IRAN\"])])"
        ));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "`IRAN` would name both `IRN` and `IRQ`");
    }

    #[test]
    fn overlapping_offices_and_statuses_are_refused() {
        let found = problems(&format!(
            "{HEAD}entities: [country(id: \"IRN\", name: \"Iran\"), organization(id: \"SCO\", name: \"SCO\"), person(id: \"a\", name: \"A\"), person(id: \"b\", name: \"B\")],\nrelations: [\n  leads(from: \"a\", to: \"IRN\", role: \"President\", since: \"2020\", until: \"2024-05-19\"),\n  leads(from: \"b\", to: \"IRN\", role: \"President\", since: \"2024-05-18\"),\n  observer(from: \"IRN\", to: \"SCO\", since: \"2005\", until: \"2023-07-04\"),\n  member(from: \"IRN\", to: \"SCO\", since: \"2023-07-04\"),\n  member(from: \"IRN\", to: \"SCO\", since: \"2024\"),\n])"
        ));
        let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`a` and `b` would both be President of `IRN` at once",
                "member IRN → SCO is recorded twice for overlapping periods",
            ]
        );
    }

    #[test]
    fn the_bundled_database_is_valid() {
        let snap = load_str(BUNDLED_NAME, BUNDLED).expect("graph.ron validates");
        assert!(
            snap.relations.iter().all(|r| r.source != snapshot::NONE),
            "every relation cites a source"
        );
    }
}
