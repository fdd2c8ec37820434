//! Relations from a CSV edge list with a header row (a COW dyad file, a
//! spreadsheet export): one relation of one kind per row, its ends (ids,
//! names or aliases) and optional dates and note in named columns.
//!
//! Fields are trimmed; quoted fields may hold commas, quotes and line
//! breaks. Every row is checked before anything is added, and every bad
//! row is reported with the line it starts on.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{BadRow, Batch, Resolver};
use crate::date::PartialDate;
use crate::edit::records::{RelationParams, check_kind_fields, relation_record};
use crate::edit::{Outcome, edit_file};
use crate::error::Error;
use crate::model::{EntityKind, Position, RelationKind};

/// Which header names the columns have. A missing optional column
/// (dates, note) is simply not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    /// The relations' first ends (ids, names or aliases).
    pub from: String,
    /// Their other ends.
    pub to: String,
    /// Start dates (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub since: String,
    /// End dates.
    pub until: String,
    /// Notes.
    pub note: String,
}

impl Default for Columns {
    /// `from`, `to`, `since`, `until`, `note`.
    fn default() -> Columns {
        Columns {
            from: "from".into(),
            to: "to".into(),
            since: "since".into(),
            until: "until".into(),
            note: "note".into(),
        }
    }
}

/// A CSV import: the file, the kind of every relation in it, and what
/// every row shares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvImport {
    /// The CSV file.
    pub path: PathBuf,
    /// The kind of every relation.
    pub kind: RelationKind,
    /// The header names to read.
    pub columns: Columns,
    /// The id of a listed source, cited by every relation.
    pub source: Option<String>,
    /// Create entities of this kind (id and name = the value) for values
    /// the database does not know; without it they are bad rows.
    pub create_missing: Option<EntityKind>,
    /// `leads`: the office, for every row.
    pub role: Option<String>,
    /// `stance`: the position, for every row.
    pub position: Option<Position>,
}

impl CsvImport {
    /// An import of `path` as relations of `kind`, with the default
    /// columns and nothing shared.
    pub fn new(path: &Path, kind: RelationKind) -> CsvImport {
        CsvImport {
            path: path.to_path_buf(),
            kind,
            columns: Columns::default(),
            source: None,
            create_missing: None,
            role: None,
            position: None,
        }
    }

    /// The relation every row makes, before its own fields.
    fn template(&self) -> RelationParams {
        let mut params = RelationParams::new(self.kind, "", "");
        params.source.clone_from(&self.source);
        params.role.clone_from(&self.role);
        params.position = self.position;
        params
    }
}

/// Imports the CSV file into the database file at `db` in one edit:
/// every row checked, then everything validated together and written
/// (unless `dry_run`), or nothing. `progress` hears how many bytes of the
/// CSV have been read.
pub fn import(
    db: &Path,
    params: &CsvImport,
    dry_run: bool,
    progress: &mut dyn FnMut(u64),
) -> Result<Outcome, Error> {
    edit_file(db, dry_run, |doc, names| {
        let file = std::fs::File::open(&params.path).map_err(|source| Error::Read {
            path: params.path.clone(),
            source,
        })?;
        let resolver = Resolver::new(doc, names, params.create_missing);
        let batch = read(
            file,
            &params.path.display().to_string(),
            params,
            resolver,
            progress,
        )?;
        super::commit(doc, batch)
    })
}

/// Reads CSV text from `input` (named `name` in messages) into a batch of
/// relation records and bad rows. Errors only when the input cannot be
/// read at all, lacks the `from` and `to` columns, or `params` do not fit
/// the kind.
pub fn read(
    input: impl Read,
    name: &str,
    params: &CsvImport,
    mut resolver: Resolver<'_>,
    progress: &mut dyn FnMut(u64),
) -> Result<Batch, Error> {
    let fail = |e: &dyn std::fmt::Display| Error::Usage(format!("{name}: {e}"));
    let template = params.template();
    check_kind_fields(&template).map_err(|e| fail(&e))?;
    let mut reader = csv::Reader::from_reader(input);
    let headers = reader.headers().map_err(|e| fail(&e))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let columns = &params.columns;
    let (Some(from_col), Some(to_col)) = (column(&columns.from), column(&columns.to)) else {
        return Err(Error::Usage(format!(
            "{name} needs columns `{}` and `{}`; its header is: {}",
            columns.from,
            columns.to,
            headers.iter().collect::<Vec<_>>().join(",")
        )));
    };
    let since_col = column(&columns.since);
    let until_col = column(&columns.until);
    let note_col = column(&columns.note);
    let mut relations = Vec::new();
    let mut bad = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                let message = match e.kind() {
                    csv::ErrorKind::Io(_) => return Err(fail(&e)),
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("{len} fields where the header has {expected_len}"),
                    _ => e.to_string(),
                };
                bad.push(BadRow { line, message });
                continue;
            }
        }
        let position = record.position();
        progress(position.map_or(0, csv::Position::byte));
        let line = position.map_or(0, csv::Position::line);
        let field = |col: Option<usize>| {
            col.and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let before = bad.len();
        let mut problem = |message: String| bad.push(BadRow { line, message });
        let mut endpoint = |col: usize, which: &str| match field(Some(col)) {
            None => {
                problem(format!("empty `{which}`"));
                None
            }
            Some(text) => resolver.id(text).map_err(&mut problem).ok(),
        };
        let from = endpoint(from_col, &columns.from);
        let to = endpoint(to_col, &columns.to);
        let mut date = |col: Option<usize>, which: &str| {
            field(col).and_then(|text| match text.parse::<PartialDate>() {
                Ok(d) => Some(d.to_string()),
                Err(e) => {
                    problem(format!("`{which}`: {e}"));
                    None
                }
            })
        };
        let since = date(since_col, &columns.since);
        let until = date(until_col, &columns.until);
        if bad.len() > before {
            continue;
        }
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        let mut params = template.clone();
        params.from = from;
        params.to = to;
        params.since = since;
        params.until = until;
        params.note = field(note_col).map(String::from);
        match relation_record(&params) {
            Ok(relation) => relations.push(relation),
            Err(e) => bad.push(BadRow {
                line,
                message: e.to_string(),
            }),
        }
    }
    Ok(Batch {
        input: name.to_string(),
        kind: params.kind,
        relations,
        created: resolver.created(),
        bad,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Change, Document, Names};
    use crate::import::commit;
    use crate::store::save::render_relation;

    const DB: &str = r#"(version: 1, checked: "2024", entities: [
    country(id: "RUS", name: "Russia", aliases: ["Russian Federation"]),
    country(id: "BLR", name: "Belarus"),
    country(id: "KAZ", name: "Kazakhstan"),
    organization(id: "CSTO", name: "Collective Security Treaty Organization"),
])
"#;

    fn db() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.ron");
        std::fs::write(&path, DB).unwrap();
        (dir, path)
    }

    fn read_str(csv: &str, params: &CsvImport) -> Result<Batch, Error> {
        let (_dir, path) = db();
        let doc = Document::open(&path).unwrap();
        let names = Names::of(&doc);
        let resolver = Resolver::new(&doc, &names, params.create_missing);
        read(csv.as_bytes(), "d.csv", params, resolver, &mut |_| {})
    }

    fn lines(batch: &Batch) -> Vec<String> {
        batch.relations.iter().map(render_relation).collect()
    }

    #[test]
    fn headers_are_mapped_and_names_resolved() {
        let mut params = CsvImport::new(Path::new("d.csv"), RelationKind::Alliance);
        params.columns.from = "state_a".into();
        params.columns.to = "state_b".into();
        params.columns.since = "year".into();
        params.source = Some("cow".into());
        let csv = "year, state_b ,state_a,extra\n1994,BLR,Russian Federation,x\n2000-05,KAZ,RUS,\n";
        let batch = read_str(csv, &params).unwrap();
        assert_eq!(batch.bad, vec![]);
        assert_eq!(
            lines(&batch),
            vec![
                r#"alliance(from: "RUS", to: "BLR", since: "1994", source: "cow")"#,
                r#"alliance(from: "RUS", to: "KAZ", since: "2000-05", source: "cow")"#,
            ]
        );
        assert_eq!(batch.created, None);
        let err = read_str("a,b\nRUS,BLR\n", &params).unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.csv needs columns `state_a` and `state_b`; its header is: a,b"
        );
    }

    #[test]
    fn quoted_fields_keep_commas_quotes_and_line_breaks() {
        let params = CsvImport::new(Path::new("d.csv"), RelationKind::Member);
        let csv = "from,to,note\n\"KAZ\",CSTO,\"founding member, \"\"1992\"\"\"\n\"BLR\",\"CSTO\",\"two\nlines\"\nRUS,CSTO,\n";
        let batch = read_str(csv, &params).unwrap();
        assert_eq!(batch.bad, vec![]);
        assert_eq!(
            lines(&batch),
            vec![
                r#"member(from: "KAZ", to: "CSTO", note: "founding member, \"1992\"")"#,
                r#"member(from: "BLR", to: "CSTO", note: "two\nlines")"#,
                r#"member(from: "RUS", to: "CSTO")"#,
            ]
        );
    }

    #[test]
    fn every_bad_row_is_listed_with_its_line() {
        let params = CsvImport::new(Path::new("d.csv"), RelationKind::Alliance);
        let csv = "from,to,since\nRUS,BLR,1994\nARM,RUS,1994\n\"KAZ\",\"multi\nline\",x\n,KAZ,\nRUS,KAZ,2001-13\nRUS,KAZ\nBLR,KAZ,2001\n";
        let batch = read_str(csv, &params).unwrap();
        let bad: Vec<(u64, &str)> = batch
            .bad
            .iter()
            .map(|b| (b.line, b.message.as_str()))
            .collect();
        assert_eq!(bad.len(), 6, "{bad:#?}");
        assert_eq!(bad[0].0, 3);
        assert!(
            bad[0].1.starts_with("no entity is called `ARM`"),
            "{}",
            bad[0].1
        );
        assert!(
            bad[0]
                .1
                .ends_with("; add it first or pass --create-missing KIND")
        );
        assert_eq!(bad[1].0, 4);
        assert!(
            bad[1].1.starts_with("no entity is called `multi\nline`"),
            "{}",
            bad[1].1
        );
        assert_eq!(bad[2].0, 4);
        assert!(bad[2].1.starts_with("`since`: "), "{}", bad[2].1);
        assert_eq!(bad[3], (6, "empty `from`"));
        assert_eq!(bad[4].0, 7);
        assert!(bad[4].1.starts_with("`since`: "), "{}", bad[4].1);
        assert_eq!(bad[5], (8, "2 fields where the header has 3"));
        // The good rows were still read.
        assert_eq!(lines(&batch).len(), 2);
        let refusal = batch.refusal().unwrap().to_string();
        assert_eq!(refusal.lines().count(), 7, "{refusal}");
        assert!(
            refusal.starts_with("d.csv row 3: no entity is called `ARM`"),
            "{refusal}"
        );
        assert!(refusal.ends_with("d.csv row 8: 2 fields where the header has 3"));
    }

    #[test]
    fn create_missing_collects_unknown_ids_once() {
        let mut params = CsvImport::new(Path::new("d.csv"), RelationKind::Alliance);
        params.create_missing = Some(EntityKind::Country);
        let csv = "from,to\nARM,RUS\nARM,KAZ\nKGZ,ARM\n";
        let batch = read_str(csv, &params).unwrap();
        assert_eq!(batch.bad, vec![]);
        assert_eq!(
            batch.created,
            Some((EntityKind::Country, vec!["ARM".into(), "KGZ".into()]))
        );
        assert_eq!(lines(&batch)[2], r#"alliance(from: "KGZ", to: "ARM")"#);
    }

    #[test]
    fn fields_the_kind_lacks_are_refused_once_for_the_file() {
        let mut params = CsvImport::new(Path::new("d.csv"), RelationKind::Alliance);
        params.role = Some("President".into());
        let err = read_str("from,to\nRUS,BLR\n", &params).unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.csv: --role belongs to leads and serves relations, not alliance"
        );
        let params = CsvImport::new(Path::new("d.csv"), RelationKind::Leads);
        let err = read_str("from,to\n", &params).unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.csv: leads needs --role, e.g. --role President"
        );
    }

    #[test]
    fn an_import_is_one_commit_with_created_entities_beside_their_kind() {
        let (dir, path) = db();
        let csv = dir.path().join("d.csv");
        std::fs::write(&csv, "from,to,since\nARM,RUS,1994\nARM,KAZ,1994\n").unwrap();
        let mut params = CsvImport::new(&csv, RelationKind::Alliance);
        let err = import(&path, &params, false, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("row 2"), "{err}");
        assert!(err.to_string().contains("row 3"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), DB);
        params.create_missing = Some(EntityKind::Country);
        let mut read = 0;
        let outcome = import(&path, &params, false, &mut |b| read = b).unwrap();
        assert!(read > 0);
        let input = csv.display().to_string();
        assert_eq!(
            outcome.changes,
            vec![
                Change::CreatedEntities {
                    kind: EntityKind::Country,
                    ids: vec!["ARM".into()]
                },
                Change::Imported {
                    kind: RelationKind::Alliance,
                    count: 2,
                    input: input.clone()
                },
            ]
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let arm = format!(
            r#"    country(id: "KAZ", name: "Kazakhstan"),
        country(id: "ARM", name: "ARM", note: "created by import from {input}"),
    organization"#
        );
        assert!(text.contains(&arm), "{text}");
        assert!(text.contains(r#"alliance(from: "ARM", to: "KAZ", since: "1994"),"#));
        // A batch with a bad row adds nothing at all.
        let (_dir2, path2) = db();
        let mut doc = Document::open(&path2).unwrap();
        let batch = Batch {
            input: "x.csv".into(),
            kind: RelationKind::Alliance,
            relations: vec![],
            created: None,
            bad: vec![BadRow {
                line: 9,
                message: "wrong".into(),
            }],
        };
        assert_eq!(
            commit(&mut doc, batch).unwrap_err().to_string(),
            "x.csv row 9: wrong"
        );
        assert!(!doc.is_changed());
    }
}
