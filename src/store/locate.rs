//! Where each source, entity and relation sits in the file text.
//!
//! serde hands us values without positions, but a problem such as "unknown
//! entity `RUSS`" is only useful with the line it is on. Once the file has
//! parsed, this small scanner walks the text once, tracking strings,
//! comments and brackets, and records the byte range of every element of
//! the top-level `sources`, `entities` and `relations` lists, in order, so
//! element *i* of the parsed list maps to range *i* here. It also records
//! where each list and the whole database open and close, where each
//! top-level field starts, and every comment: what editing needs to change
//! one element without touching the rest of the file.

use std::ops::Range;

/// Byte ranges of the elements of each top-level list, and the structure
/// around them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Locations {
    /// Each element of `sources`, from its first byte to its closing `)`
    /// (no trailing comma), in file order.
    pub sources: Vec<Range<usize>>,
    /// Each element of `entities`, likewise.
    pub entities: Vec<Range<usize>>,
    /// Each element of `relations`, likewise.
    pub relations: Vec<Range<usize>>,
    /// Offsets of the `(` and `)` of the database itself.
    pub root: Option<(usize, usize)>,
    /// Each top-level field: its name and the offset of its key.
    pub fields: Vec<(String, usize)>,
    /// The `[` and `]` offsets of each list, indexed by [`List`].
    pub lists: [Option<(usize, usize)>; 3],
    /// Every comment, in order.
    pub comments: Vec<Range<usize>>,
}

/// The three top-level lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    /// `sources`; index 0 of [`Locations::lists`].
    Sources = 0,
    /// `entities`; index 1.
    Entities = 1,
    /// `relations`; index 2.
    Relations = 2,
}

impl List {
    /// The list's field name in the file.
    pub fn key(self) -> &'static str {
        match self {
            List::Sources => "sources",
            List::Entities => "entities",
            List::Relations => "relations",
        }
    }

    /// The element ranges of this list in `locations`.
    pub fn elements(self, locations: &Locations) -> &[Range<usize>] {
        match self {
            List::Sources => &locations.sources,
            List::Entities => &locations.entities,
            List::Relations => &locations.relations,
        }
    }
}

impl Locations {
    /// Scans `text`, which must already have parsed as a database (on other
    /// text the result is merely incomplete, never a panic). One pass over
    /// the bytes: O(length of the text).
    ///
    /// ```
    /// use diplograph::store::locate::{List, Locations};
    /// let text = r#"(version: 1, checked: "2024", // seed
    ///   entities: [country(id: "RUS", name: "Russia"), country(id: "CHN", name: "China")])"#;
    /// let loc = Locations::scan(text);
    /// assert_eq!(&text[loc.entities[1].clone()], r#"country(id: "CHN", name: "China")"#);
    /// assert_eq!(&text[loc.comments[0].clone()], "// seed");
    /// assert!(loc.lists[List::Entities as usize].is_some());
    /// assert!(loc.lists[List::Relations as usize].is_none());
    /// ```
    pub fn scan(text: &str) -> Locations {
        Locations::scan_until(text, |_| false)
    }

    /// [`Locations::scan`], stopping as soon as `enough` says the
    /// elements found so far will do (asked after each element): placing
    /// the first warnings of a large file need not read all of it.
    ///
    /// ```
    /// use diplograph::store::locate::Locations;
    /// let text = r#"(version: 1, checked: "2024", entities: [
    ///     country(id: "RUS", name: "Russia"), country(id: "CHN", name: "China")])"#;
    /// let loc = Locations::scan_until(text, |l| !l.entities.is_empty());
    /// assert_eq!(loc.entities.len(), 1);
    /// ```
    pub fn scan_until(text: &str, enough: impl Fn(&Locations) -> bool) -> Locations {
        let bytes = text.as_bytes();
        let mut locations = Locations::default();
        let mut stack: Vec<u8> = Vec::new();
        let mut last_key: Option<List> = None;
        let mut current: Option<List> = None;
        let mut element_start: Option<usize> = None;
        let mut last_significant_end = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // Skip comments and whitespace.
            if let Some(end) = comment_end(bytes, i) {
                locations.comments.push(i..end);
                i = end;
                continue;
            }
            if b.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            let in_list_level = current.is_some() && stack.len() == 2;
            if in_list_level && element_start.is_none() && b != b']' && b != b',' {
                element_start = Some(i);
            }
            let token_start = i;
            match b {
                b'"' => i = skip_string(bytes, i),
                b'r' if is_raw_string_start(bytes, i) => i = skip_raw_string(bytes, i),
                b'(' | b'[' | b'{' => {
                    if stack.len() == 1 && b == b'[' && stack[0] == b'(' {
                        current = last_key.take();
                        if let Some(list) = current {
                            locations.lists[list as usize] = Some((i, i));
                        }
                    }
                    if stack.is_empty() && b == b'(' && locations.root.is_none() {
                        locations.root = Some((i, i));
                    }
                    stack.push(b);
                    i += 1;
                }
                b')' | b']' | b'}' => {
                    if in_list_level && b == b']' {
                        if let Some(start) = element_start.take() {
                            push(&mut locations, current, start..last_significant_end);
                            if enough(&locations) {
                                return locations;
                            }
                        }
                        if let Some(list) = current
                            && let Some(bounds) = &mut locations.lists[list as usize]
                        {
                            bounds.1 = i;
                        }
                        current = None;
                    }
                    if stack.len() == 1
                        && b == b')'
                        && let Some(root) = &mut locations.root
                    {
                        root.1 = i;
                    }
                    stack.pop();
                    i += 1;
                }
                b',' => {
                    if in_list_level && let Some(start) = element_start.take() {
                        push(&mut locations, current, start..last_significant_end);
                        if enough(&locations) {
                            return locations;
                        }
                    }
                    i += 1;
                }
                _ if b.is_ascii_alphabetic() || b == b'_' => {
                    let end = i + bytes[i..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                        .count();
                    if stack.len() == 1 && stack[0] == b'(' {
                        locations.fields.push((text[i..end].to_string(), i));
                        last_key = match &text[i..end] {
                            "sources" => Some(List::Sources),
                            "entities" => Some(List::Entities),
                            "relations" => Some(List::Relations),
                            _ => None,
                        };
                    }
                    i = end;
                }
                _ => i += 1,
            }
            if i > token_start {
                last_significant_end = i;
            }
        }
        locations
    }
}

/// The end of the comment starting at `i` (a `//` line or a `/* */`
/// block), or `None` when none starts there.
fn comment_end(bytes: &[u8], i: usize) -> Option<usize> {
    match (bytes.get(i), bytes.get(i + 1)) {
        (Some(b'/'), Some(b'/')) => Some(
            bytes[i..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(bytes.len(), |n| i + n),
        ),
        (Some(b'/'), Some(b'*')) => Some(skip_block_comment(bytes, i)),
        _ => None,
    }
}

fn push(locations: &mut Locations, list: Option<List>, range: Range<usize>) {
    match list {
        Some(List::Sources) => locations.sources.push(range),
        Some(List::Entities) => locations.entities.push(range),
        Some(List::Relations) => locations.relations.push(range),
        None => {}
    }
}

fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn is_raw_string_start(bytes: &[u8], i: usize) -> bool {
    let hashes = bytes[i + 1..].iter().take_while(|b| **b == b'#').count();
    bytes.get(i + 1 + hashes) == Some(&b'"') && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
}

fn skip_raw_string(bytes: &[u8], i: usize) -> usize {
    let hashes = bytes[i + 1..].iter().take_while(|b| **b == b'#').count();
    let mut j = i + 2 + hashes;
    while j < bytes.len() {
        if bytes[j] == b'"'
            && bytes.len() >= j + 1 + hashes
            && bytes[j + 1..j + 1 + hashes].iter().all(|b| *b == b'#')
        {
            return j + 1 + hashes;
        }
        j += 1;
    }
    bytes.len()
}

fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0;
    while i < bytes.len() {
        if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_element_despite_strings_and_comments() {
        let text = r##"#![enable(implicit_some)]
(
    version: 1, // relations: [ not this ]
    checked: "2024",
    sources: [(id: "a", title: "x, y ] (")],
    entities: [
        country(id: "RUS", name: "Russia", aliases: ["a", "b"]),
        /* a comment, with ] */ country(id: "CHN", name: r#"China"#),
    ],
    relations: [member(from: "RUS", to: "SCO")],
)"##;
        let loc = Locations::scan(text);
        let slice = |r: &Range<usize>| &text[r.clone()];
        let names: Vec<&str> = loc.fields.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["version", "checked", "sources", "entities", "relations"]
        );
        let (open, close) = loc.lists[List::Entities as usize].unwrap();
        assert!(text[open..].starts_with("[\n        country"));
        assert_eq!(&text[close..close + 2], "],");
        assert_eq!(loc.comments.len(), 2);
        assert_eq!(&text[loc.comments[0].clone()], "// relations: [ not this ]");
        let (root_open, root_close) = loc.root.unwrap();
        assert_eq!(&text[root_open..root_open + 2], "(\n");
        assert_eq!(root_close, text.len() - 1);
        assert_eq!(loc.sources.len(), 1);
        assert_eq!(slice(&loc.sources[0]), r#"(id: "a", title: "x, y ] (")"#);
        assert_eq!(loc.entities.len(), 2);
        assert!(slice(&loc.entities[0]).starts_with("country(id: \"RUS\""));
        assert!(slice(&loc.entities[0]).ends_with(')'));
        assert!(slice(&loc.entities[1]).starts_with("country(id: \"CHN\""));
        assert_eq!(
            slice(&loc.relations[0]),
            r#"member(from: "RUS", to: "SCO")"#
        );
    }

    #[test]
    fn never_panics_on_garbage() {
        for text in [
            "",
            "(",
            "(relations: [",
            "r#",
            "\"",
            "/*",
            "(entities: [r##\"x",
        ] {
            let _ = Locations::scan(text);
        }
    }
}
