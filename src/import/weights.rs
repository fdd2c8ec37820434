//! A file of dimension weights for alignment (`align --weights FILE.csv`):
//! a header naming an `entity` column (an id, name or alias, or a number
//! read as a COW state code on the day asked) and a `weight` column, and
//! optionally a `year` column, so that one file can carry weights that
//! change each year (capabilities). Read here into typed rows, every bad
//! row listed with its line; resolving the entities is the query's
//! ([`crate::query::align::Weights::resolve`]).

use std::io::Read;

use super::BadRow;
use super::table::Table;
use crate::error::Error;

/// One row of a weights file.
#[derive(Clone, Debug, PartialEq)]
pub struct WeightRow {
    /// The line it starts on.
    pub line: u64,
    /// The entity as written: id, name, alias or COW number.
    pub entity: String,
    /// Its weight (finite, not negative).
    pub weight: f64,
    /// The year the weight holds for (`None`: every year).
    pub year: Option<i32>,
}

/// The columns, with the names the file may give them.
const ENTITY: &[&str] = &["entity", "state", "country", "id", "code", "ccode", "name"];
const WEIGHT: &[&str] = &["weight", "cinc", "share", "capability"];
const YEAR: &[&str] = &["year"];

/// Reads a weights file from `input` (named `file` in messages). Errors
/// when it cannot be read, lacks a column, or has bad rows (all listed as
/// `FILE:LINE: message`).
///
/// ```
/// use diplograph::import::weights::read;
/// let rows = read("entity,weight\nGMY,0.25\n255,.21\n".as_bytes(), "w.csv").unwrap();
/// assert_eq!(rows.len(), 2);
/// assert_eq!(rows[1].weight, 0.21);
/// let bad = read("entity,weight\nGMY,heavy\nRUS,-1\n".as_bytes(), "w.csv").unwrap_err();
/// assert!(bad.to_string().contains("w.csv:2:"));
/// assert!(bad.to_string().contains("w.csv:3:"));
/// ```
pub fn read(input: impl Read, file: &str) -> Result<Vec<WeightRow>, Error> {
    let mut table = Table::new(input, file)?;
    let cols = table.require(&[ENTITY, WEIGHT])?;
    let year = table.header().find(YEAR);
    let mut rows = Vec::new();
    let mut bad: Vec<BadRow> = Vec::new();
    while let Some(row) = table.next_good(&mut |_| {}, &mut bad)? {
        let parsed = (|| {
            let entity = row.required(cols[0], row.text(cols[0])?)?.to_string();
            let text = row.required(cols[1], row.text(cols[1])?)?;
            let weight = match text.parse::<f64>() {
                Ok(w) if w.is_finite() && w >= 0.0 => w,
                _ => return Err(row.bad(cols[1], "not a weight (a number, 0 or more)")),
            };
            let year = match year {
                Some(col) => row.whole_in(col, -9999, 9999)?.map(|y| y as i32),
                None => None,
            };
            Ok(WeightRow {
                line: row.line(),
                entity,
                weight,
                year,
            })
        })();
        match parsed {
            Ok(r) => rows.push(r),
            Err(b) => bad.push(b),
        }
    }
    if bad.is_empty() {
        return Ok(rows);
    }
    bad.sort_by_key(|b| b.line);
    let listed: Vec<String> = bad
        .iter()
        .map(|b| format!("{file}:{}: {}", b.line, b.message))
        .collect();
    Err(Error::Usage(format!(
        "{} bad row{} in {file}:\n{}",
        listed.len(),
        if listed.len() == 1 { "" } else { "s" },
        listed.join("\n")
    )))
}
