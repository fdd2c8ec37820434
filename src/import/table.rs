//! Reading a CSV file by its header names, the ground every data-set
//! reader stands on.
//!
//! Published data sets move and rename their columns between versions and
//! copies (`cow_defense` in one, `defense` in another; `CCode` in a
//! spreadsheet export), so a reader never trusts positions: it asks the
//! [`Header`] for a column by its name and alternatives (trimmed,
//! case-insensitive), and a missing required column is one error naming
//! the file, every missing column and the header found. A UTF-8
//! byte-order mark, CRLF line ends and quoted fields (with commas, quotes
//! and line breaks) are handled by [`Table`].
//!
//! The typed field parsers on [`Row`] say *missing* with `None`: `-9`,
//! `NA`, `.` and an empty field are unknown values in these data sets,
//! never zero. A value that does not parse is a [`BadRow`] worded
//! `` column `ccode`: value "abc": not a whole number ``, carrying the
//! 1-based line the row starts on; the importer renders it as
//! `FILE:LINE: column …: value …`.

use std::io::Read;

use jiff::civil::Date;

use super::BadRow;
use crate::error::Error;

/// How many rows pass between two progress reports.
const PROGRESS_EVERY: u64 = 4096;

/// The UTF-8 byte-order mark some spreadsheet exports start with.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A file's header row: its column names, trimmed and without a
/// byte-order mark, as the file writes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    names: Vec<String>,
    /// The names lower-cased, for case-insensitive lookup.
    folded: Vec<String>,
}

impl Header {
    /// A header of these names (trimmed; a leading byte-order mark is
    /// dropped).
    pub fn new<S: AsRef<str>>(names: &[S]) -> Header {
        let names: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let n = n.as_ref();
                let n = if i == 0 {
                    n.strip_prefix('\u{feff}').unwrap_or(n)
                } else {
                    n
                };
                n.trim().to_string()
            })
            .collect();
        let folded = names.iter().map(|n| n.to_lowercase()).collect();
        Header { names, folded }
    }

    /// The column names, in file order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The name of column `col` as the file writes it (empty past the
    /// last column).
    pub fn name(&self, col: usize) -> &str {
        self.names.get(col).map_or("", String::as_str)
    }

    /// The first column called any of `alternatives` (compared trimmed
    /// and case-insensitively), trying them in order.
    pub fn find(&self, alternatives: &[&str]) -> Option<usize> {
        alternatives.iter().find_map(|want| {
            let want = want.trim().to_lowercase();
            self.folded.iter().position(|f| *f == want)
        })
    }

    /// Whether some column is called any of `alternatives`.
    pub fn has(&self, alternatives: &[&str]) -> bool {
        self.find(alternatives).is_some()
    }

    /// The columns `wanted` (each a list of alternative names), in order;
    /// one error naming `file`, every column not found and the header
    /// when any is missing.
    pub fn require(&self, file: &str, wanted: &[&[&str]]) -> Result<Vec<usize>, Error> {
        let found: Vec<Option<usize>> = wanted.iter().map(|w| self.find(w)).collect();
        let missing: Vec<String> = wanted
            .iter()
            .zip(&found)
            .filter(|(_, f)| f.is_none())
            .map(|(w, _)| {
                w.iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            })
            .collect();
        if missing.is_empty() {
            Ok(found.into_iter().flatten().collect())
        } else {
            Err(Error::Usage(format!(
                "{file}: no column {}; its header is: {}",
                missing.join(", no column "),
                self.names.join(",")
            )))
        }
    }
}

/// What [`Table::next`] read.
#[derive(Debug)]
pub enum Next<'t> {
    /// A row with as many fields as the header.
    Row(Row<'t>),
    /// A row the CSV layer could not use (a different number of fields
    /// than the header, text that is not UTF-8 where it had to be).
    Bad(BadRow),
    /// The end of the input.
    End,
}

/// A CSV input read row by row into one reused record, so reading a
/// large file allocates nothing per row.
#[derive(Debug)]
pub struct Table<R> {
    reader: csv::Reader<R>,
    file: String,
    header: Header,
    record: csv::ByteRecord,
    rows: u64,
}

impl<R: Read> Table<R> {
    /// Opens CSV text from `input` (named `file` in messages) and reads
    /// its header row. Errors when the input cannot be read or has no
    /// header row.
    pub fn new(input: R, file: &str) -> Result<Table<R>, Error> {
        // Records end at `\n` alone, so that line numbers count CRLF files
        // right (the csv crate's CRLF mode counts a record's line before
        // the `\n` of the line above); the `\r` left on a last field is
        // trimmed with the other white space, and a blank line is skipped.
        let mut reader = csv::ReaderBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .flexible(true)
            .from_reader(input);
        let fail = |e: &dyn std::fmt::Display| Error::Usage(format!("{file}: {e}"));
        let raw = reader.byte_headers().map_err(|e| fail(&e))?.clone();
        if raw.is_empty() {
            return Err(Error::Usage(format!("{file}: empty, no header row")));
        }
        let mut names = Vec::with_capacity(raw.len());
        for (i, field) in raw.iter().enumerate() {
            let field = if i == 0 {
                field.strip_prefix(BOM).unwrap_or(field)
            } else {
                field
            };
            let text = std::str::from_utf8(field)
                .map_err(|_| fail(&format_args!("header column {} is not UTF-8 text", i + 1)))?;
            names.push(text);
        }
        let header = Header::new(&names);
        Ok(Table {
            reader,
            file: file.to_string(),
            header,
            record: csv::ByteRecord::new(),
            rows: 0,
        })
    }

    /// The header row.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The input's name, as messages give it.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// [`Header::require`] for this file.
    pub fn require(&self, wanted: &[&[&str]]) -> Result<Vec<usize>, Error> {
        self.header.require(&self.file, wanted)
    }

    /// Reads the next row. `progress` hears how many bytes of the input
    /// have been read, every few thousand rows and at the end. Errors only
    /// when the input cannot be read.
    pub fn next(&mut self, progress: &mut dyn FnMut(u64)) -> Result<Next<'_>, Error> {
        let mut read = self.reader.read_byte_record(&mut self.record);
        // A line holding only `\r` (a blank line of a CRLF file).
        while matches!(read, Ok(true))
            && self.record.len() == 1
            && self.record[0].trim_ascii().is_empty()
            && self.header.names.len() > 1
        {
            read = self.reader.read_byte_record(&mut self.record);
        }
        match read {
            Ok(false) => {
                progress(self.reader.position().byte());
                Ok(Next::End)
            }
            Ok(true) => {
                self.rows += 1;
                if self.rows.is_multiple_of(PROGRESS_EVERY) {
                    progress(self.reader.position().byte());
                }
                let line = self.record.position().map_or(0, csv::Position::line);
                let expected = self.header.names.len();
                if self.record.len() != expected {
                    let len = self.record.len();
                    return Ok(Next::Bad(BadRow {
                        line,
                        message: format!("{len} fields where the header has {expected}"),
                    }));
                }
                Ok(Next::Row(Row {
                    record: &self.record,
                    header: &self.header,
                    line,
                }))
            }
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                let message = match e.kind() {
                    csv::ErrorKind::Io(_) => {
                        return Err(Error::Usage(format!("{}: {e}", self.file)));
                    }
                    _ => e.to_string(),
                };
                Ok(Next::Bad(BadRow { line, message }))
            }
        }
    }

    /// The next row of the right shape, or `None` at the end; every row
    /// that is not (a field count off, bad quoting) is added to `bad` on
    /// the way. What each reader's loop is: `while let Some(row) =
    /// table.next_good(progress, &mut bad)? { … }`.
    pub fn next_good(
        &mut self,
        progress: &mut dyn FnMut(u64),
        bad: &mut Vec<BadRow>,
    ) -> Result<Option<Row<'_>>, Error> {
        loop {
            // Two calls: a row borrowed from one `next` cannot outlive
            // the loop that reads on past bad rows.
            match self.next(progress)? {
                Next::End => return Ok(None),
                Next::Bad(b) => bad.push(b),
                Next::Row(_) => break,
            }
        }
        Ok(Some(Row {
            record: &self.record,
            header: &self.header,
            line: self.record.position().map_or(0, csv::Position::line),
        }))
    }
}

/// One row of a [`Table`]: its fields as bytes, and typed parsers that
/// word their failures with the column's name.
#[derive(Clone, Copy, Debug)]
pub struct Row<'t> {
    record: &'t csv::ByteRecord,
    header: &'t Header,
    line: u64,
}

impl<'t> Row<'t> {
    /// The line of the input the row starts on (1-based; the header is
    /// line 1).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Field `col`, trimmed of ASCII white space (empty past the row's
    /// end).
    pub fn raw(&self, col: usize) -> &'t [u8] {
        self.record.get(col).map_or(&[][..], <[u8]>::trim_ascii)
    }

    /// A bad row for field `col`: `` column `NAME`: value "VALUE": REASON ``.
    pub fn bad(&self, col: usize, reason: &str) -> BadRow {
        BadRow {
            line: self.line,
            message: format!(
                "column `{}`: value \"{}\": {reason}",
                self.header.name(col),
                shown(self.raw(col))
            ),
        }
    }

    /// `value` when present, else a bad row saying field `col` is missing.
    pub fn required<T>(&self, col: usize, value: Option<T>) -> Result<T, BadRow> {
        value.ok_or_else(|| self.bad(col, "missing, and a value is needed"))
    }

    /// Field `col` as text; `None` when empty or `NA`. Errors when it is
    /// not UTF-8.
    pub fn text(&self, col: usize) -> Result<Option<&'t str>, BadRow> {
        match self.raw_text(col)? {
            Some("NA") | None => Ok(None),
            Some(text) => Ok(Some(text)),
        }
    }

    /// Field `col` as text; `None` only when empty (`NA` is kept: it is
    /// Namibia's ISO code). Errors when it is not UTF-8.
    pub fn raw_text(&self, col: usize) -> Result<Option<&'t str>, BadRow> {
        let raw = self.raw(col);
        if raw.is_empty() {
            return Ok(None);
        }
        std::str::from_utf8(raw)
            .map(Some)
            .map_err(|_| self.bad(col, "not UTF-8 text"))
    }

    /// Field `col` as a whole number (`1816`, `-1`, and `1816.0` as R
    /// writes numbers); `None` when missing ([`is_missing`]).
    pub fn whole(&self, col: usize) -> Result<Option<i64>, BadRow> {
        let raw = self.raw(col);
        if is_missing(raw) {
            return Ok(None);
        }
        parse_whole(raw)
            .map(Some)
            .ok_or_else(|| self.bad(col, "not a whole number"))
    }

    /// [`Self::whole`] that must also lie in `min..=max`.
    pub fn whole_in(&self, col: usize, min: i64, max: i64) -> Result<Option<i64>, BadRow> {
        match self.whole(col)? {
            Some(n) if !(min..=max).contains(&n) => {
                Err(self.bad(col, &format!("not a whole number from {min} to {max}")))
            }
            n => Ok(n),
        }
    }

    /// Field `col` as a yes/no flag: `0`/`1` (also `0.0`/`1.0`, as R
    /// writes them, and `true`/`false`); `None` when missing.
    pub fn flag(&self, col: usize) -> Result<Option<bool>, BadRow> {
        let raw = self.raw(col);
        if is_missing(raw) {
            return Ok(None);
        }
        if raw.eq_ignore_ascii_case(b"true") {
            return Ok(Some(true));
        }
        if raw.eq_ignore_ascii_case(b"false") {
            return Ok(Some(false));
        }
        match parse_whole(raw) {
            Some(0) => Ok(Some(false)),
            Some(1) => Ok(Some(true)),
            _ => Err(self.bad(col, "not 0 or 1")),
        }
    }

    /// Field `col` as a day written `YYYY-MM-DD`; `None` when missing.
    pub fn date(&self, col: usize) -> Result<Option<Date>, BadRow> {
        let raw = self.raw(col);
        if is_missing(raw) {
            return Ok(None);
        }
        parse_day(raw)
            .map(Some)
            .ok_or_else(|| self.bad(col, "not a date (YYYY-MM-DD)"))
    }
}

/// Whether a field is a missing value: empty, `NA`, `.` or `-9`, the
/// markers these data sets use for "unknown".
pub fn is_missing(raw: &[u8]) -> bool {
    matches!(raw, b"" | b"NA" | b"." | b"-9")
}

/// A whole number from ASCII digits with an optional sign and an optional
/// fraction of zeros (`12`, `-1`, `+3`, `12.0`); `None` otherwise or on
/// overflow.
pub fn parse_whole(raw: &[u8]) -> Option<i64> {
    let (negative, digits) = match raw.first()? {
        b'-' => (true, &raw[1..]),
        b'+' => (false, &raw[1..]),
        _ => (false, raw),
    };
    let (int, fraction) = match digits.iter().position(|&b| b == b'.') {
        Some(dot) => (&digits[..dot], &digits[dot + 1..]),
        None => (digits, &[][..]),
    };
    if int.is_empty() || !fraction.iter().all(|&b| b == b'0') {
        return None;
    }
    let mut n: i64 = 0;
    for &b in int {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    Some(if negative { -n } else { n })
}

/// A day written `YYYY-MM-DD` (a real day of the calendar).
fn parse_day(raw: &[u8]) -> Option<Date> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *raw else {
        return None;
    };
    let num = |bytes: &[u8]| -> Option<i16> {
        bytes.iter().try_fold(0i16, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + i16::from(b - b'0'))
        })
    };
    let year = num(&[y0, y1, y2, y3])?;
    let month = num(&[m0, m1])?;
    let day = num(&[d0, d1])?;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// A field's bytes as a message quotes them: lossy UTF-8, with quotes,
/// backslashes and line breaks escaped.
fn shown(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table's header, its rows (each row's first three fields as
    /// `LINE:VALUE`, or its bad row) and the progress reports heard.
    type Read = (Header, Vec<Result<Vec<String>, BadRow>>, Vec<u64>);

    fn bad<T>(line: u64, message: &str) -> Result<T, BadRow> {
        Err(BadRow {
            line,
            message: message.into(),
        })
    }

    fn rows(text: &[u8]) -> Read {
        let mut table = Table::new(text, "t.csv").unwrap();
        let mut out = Vec::new();
        let mut heard = Vec::new();
        loop {
            match table.next(&mut |b| heard.push(b)).unwrap() {
                Next::End => break,
                Next::Bad(b) => out.push(Err(b)),
                Next::Row(row) => out.push(Ok((0..3)
                    .map(|c| format!("{}:{}", row.line(), String::from_utf8_lossy(row.raw(c))))
                    .collect())),
            }
        }
        (table.header().clone(), out, heard)
    }

    #[test]
    fn bom_crlf_quotes_and_trimmed_case_insensitive_headers() {
        let text = b"\xEF\xBB\xBF CCode ,Year,\"Name\"\r\n2, 1816 ,\"United States, \"\"of America\"\"\"\r\n20,1920,\"Can\r\nada\"\r\n\r\n70,1831\r\n";
        let (header, rows, heard) = rows(text);
        assert_eq!(header.names(), ["CCode", "Year", "Name"]);
        assert_eq!(header.find(&["ccode"]), Some(0));
        assert_eq!(header.find(&["cow_year", "YEAR"]), Some(1));
        assert_eq!(header.find(&["state"]), None);
        assert_eq!(
            rows,
            vec![
                Ok(vec![
                    "2:2".into(),
                    "2:1816".into(),
                    "2:United States, \"of America\"".into()
                ]),
                Ok(vec!["3:20".into(), "3:1920".into(), "3:Can\r\nada".into()]),
                Err(BadRow {
                    line: 6,
                    message: "2 fields where the header has 3".into()
                }),
            ]
        );
        // The end is always reported, with every byte read.
        assert_eq!(heard.last(), Some(&(text.len() as u64)));
    }

    #[test]
    fn a_missing_column_is_one_error_naming_all_of_them() {
        let table = Table::new(&b"ccode,yr\n2,1816\n"[..], "igo.csv").unwrap();
        assert_eq!(table.require(&[&["ccode"]]).unwrap(), vec![0]);
        let err = table
            .require(&[&["ccode"], &["year"], &["cow_defense", "defense"]])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "igo.csv: no column `year`, no column `cow_defense` or `defense`; its header is: ccode,yr"
        );
        let err = Table::new(&b""[..], "e.csv").unwrap_err();
        assert_eq!(err.to_string(), "e.csv: empty, no header row");
    }

    #[test]
    fn typed_fields_say_missing_and_word_bad_values() {
        let text = b"ccode,flag,date,name\nabc,0.0,2020-02-30,\"a \"\"b\"\"\"\n-9,1.0,1946-01-01,NA\n 7 ,NA,.,\n12.0,2,,Namibia\n";
        let mut table = Table::new(&text[..], "t.csv").unwrap();
        let mut got = Vec::new();
        while let Next::Row(row) = table.next(&mut |_| {}).unwrap() {
            got.push((
                row.whole(0),
                row.flag(1),
                row.date(2),
                row.text(3).map(|t| t.map(String::from)),
                row.whole_in(0, 0, 10),
            ));
        }
        assert_eq!(
            got[0].0,
            bad(2, "column `ccode`: value \"abc\": not a whole number")
        );
        assert_eq!(got[0].1, Ok(Some(false)));
        assert_eq!(
            got[0].2,
            bad(
                2,
                "column `date`: value \"2020-02-30\": not a date (YYYY-MM-DD)"
            )
        );
        assert_eq!(got[0].3, Ok(Some("a \"b\"".into())));
        assert_eq!(got[1].0, Ok(None));
        assert_eq!(got[1].1, Ok(Some(true)));
        assert_eq!(got[1].2, Ok(Some(jiff::civil::date(1946, 1, 1))));
        assert_eq!(got[1].3, Ok(None));
        assert_eq!(got[2].0, Ok(Some(7)));
        assert_eq!(got[2].1, Ok(None));
        assert_eq!(got[2].2, Ok(None));
        assert_eq!(got[2].3, Ok(None));
        assert_eq!(got[2].4, Ok(Some(7)));
        assert_eq!(got[3].0, Ok(Some(12)));
        assert_eq!(got[3].1, bad(5, "column `flag`: value \"2\": not 0 or 1"));
        assert_eq!(got[3].2, Ok(None));
        assert_eq!(
            got[3].4,
            bad(
                5,
                "column `ccode`: value \"12.0\": not a whole number from 0 to 10"
            )
        );
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(parse_whole(b"0"), Some(0));
        assert_eq!(parse_whole(b"-1"), Some(-1));
        assert_eq!(parse_whole(b"+3"), Some(3));
        assert_eq!(parse_whole(b"1816.00"), Some(1816));
        assert_eq!(parse_whole(b"1816.5"), None);
        assert_eq!(parse_whole(b"."), None);
        assert_eq!(parse_whole(b"-"), None);
        assert_eq!(parse_whole(b"1e3"), None);
        assert_eq!(parse_whole(b"99999999999999999999"), None);
        assert!(is_missing(b"-9") && is_missing(b"NA") && is_missing(b".") && is_missing(b""));
        assert!(!is_missing(b"-1") && !is_missing(b"0"));
    }
}
