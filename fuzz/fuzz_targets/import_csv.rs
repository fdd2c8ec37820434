//! Fuzzes the CSV importer with arbitrary bytes.
//!
//! Invariants checked on every input: reading rows never panics, whatever
//! the bytes (broken quoting, invalid UTF-8, ragged rows, huge fields);
//! every row it refuses is listed with a line that exists in the input;
//! and the refusal renders.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use diplograph::edit::{Document, Names};
use diplograph::import::Resolver;
use diplograph::import::csv::{CsvImport, read};
use diplograph::model::{EntityKind, RelationKind};
use libfuzzer_sys::fuzz_target;

/// The bundled database written once to a temporary directory, so that
/// names resolve against real entities.
fn database() -> &'static Path {
    static PATH: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &PATH
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary directory");
            let path = dir.path().join("graph.ron");
            std::fs::write(&path, diplograph::store::BUNDLED).expect("writable");
            (dir, path)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let doc = Document::open(database()).expect("the bundled database opens");
    let names = Names::of(&doc);
    for (kind, create) in [
        (RelationKind::Member, None),
        (RelationKind::Alliance, Some(EntityKind::Country)),
    ] {
        let params = CsvImport::new(Path::new("fuzz.csv"), kind);
        let resolver = Resolver::new(&doc, &names, create);
        match read(data, "fuzz.csv", &params, resolver, &mut |_| {}) {
            Ok(batch) => {
                let lines = data.iter().filter(|b| **b == b'\n').count() as u64 + 1;
                for bad in &batch.bad {
                    assert!(bad.line >= 1 && bad.line <= lines, "line {} of {lines}", bad.line);
                }
                if let Some(err) = batch.refusal() {
                    let _ = format!("{:?}", miette::Report::new(err));
                }
            }
            Err(err) => {
                let _ = format!("{:?}", miette::Report::new(err));
            }
        }
    }
});
