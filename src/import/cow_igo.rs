//! The Correlates of War IGO v3 state-year file
//! (`state_year_formatv3.csv`: ccode, year, state, then one column per
//! IGO named by its abbreviation) read into membership runs, and the
//! companion IGO-year file (`igo_year_formatv3.csv`) for the
//! organizations' full names.
//!
//! Each IGO cell is a status: 0 not a member, 1 full member, 2 associate,
//! 3 observer, −9 missing, −1 the IGO did not exist that year. Full,
//! associate and observer years become [`Run`]s per state and IGO (a gap
//! year, a missing value or a change of status ends a run); a missing
//! cell is counted ([`IgoData::missing`]) and read as unknown, never as
//! "not a member". An IGO existed in the years where any state has a
//! value other than −1.
//!
//! The file is 15,557 rows × 534 IGOs, so cells are parsed from the
//! bytes of one reused record, with no allocation per cell.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use super::BadRow;
use super::runs::{Run, keyed_runs};
use super::table::{Row, Table, is_missing, parse_whole};
use crate::error::Error;

/// A state's status in an IGO in one year, other than "not a member".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Full member (code 1).
    Full,
    /// Associate member (code 2).
    Associate,
    /// Observer (code 3).
    Observer,
}

/// One organization of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Igo {
    /// Its abbreviation, as the column is named (`sco`, `un`).
    pub abb: String,
    /// Its full name, from the IGO-year file when one was applied
    /// ([`IgoData::apply_names`]).
    pub name: Option<String>,
    /// The first year it existed (some state has a value other than −1);
    /// `None` when no year has one.
    pub first: Option<i32>,
    /// The last year it existed.
    pub last: Option<i32>,
}

/// One run of one state's status in one IGO.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Membership {
    /// The state's COW code.
    pub ccode: u16,
    /// The IGO, an index into [`IgoData::igos`].
    pub igo: usize,
    /// The years and the status; `open` when it reaches the data's last
    /// year.
    pub run: Run<Status>,
}

/// What [`read`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IgoData {
    /// The organizations, in column order.
    pub igos: Vec<Igo>,
    /// The membership runs, by IGO, then state, then year.
    pub memberships: Vec<Membership>,
    /// The first year of the data.
    pub first_year: Option<i32>,
    /// The last year of the data (runs reaching it are open).
    pub last_year: Option<i32>,
    /// The state-years read without a problem.
    pub state_years: u64,
    /// The cells with a missing value (−9, or `NA`, `.`, empty), read as
    /// unknown.
    pub missing: u64,
    /// Every row that could not be used, by line (a row with several bad
    /// cells has one entry per cell).
    pub bad: Vec<BadRow>,
}

impl IgoData {
    /// Sets each IGO's [`Igo::name`] from `names` (matched by
    /// abbreviation, case-insensitively); IGOs it lacks keep theirs.
    pub fn apply_names(&mut self, names: &IgoNames) {
        for igo in &mut self.igos {
            if let Some(name) = names.get(&igo.abb) {
                igo.name = Some(name.to_string());
            }
        }
    }
}

/// A cell's code: the status codes as written, [`MISSING`] and
/// [`ABSENT`].
type Cell = i8;
/// −9, or another missing marker.
const MISSING: Cell = -9;
/// −1: the IGO did not exist.
const ABSENT: Cell = -1;

/// A cell's code from its bytes, or `None` when it is no status.
fn cell(raw: &[u8]) -> Option<Cell> {
    match raw {
        b"0" => Some(0),
        b"1" => Some(1),
        b"2" => Some(2),
        b"3" => Some(3),
        b"-1" => Some(ABSENT),
        b"-9" => Some(MISSING),
        _ if is_missing(raw) => Some(MISSING),
        _ => match parse_whole(raw) {
            Some(n @ (-9 | -1 | 0..=3)) => Some(n as Cell),
            _ => None,
        },
    }
}

/// The status a cell code stands for, if it is one.
fn status(code: Cell) -> Option<Status> {
    match code {
        1 => Some(Status::Full),
        2 => Some(Status::Associate),
        3 => Some(Status::Observer),
        _ => None,
    }
}

/// One row's code, year and cells (into `scratch`) and how many cells
/// are missing; `None`, with its bad rows pushed to `bad`, when any field
/// is bad.
fn state_year(
    row: &Row<'_>,
    ccode_col: usize,
    year_col: usize,
    igo_cols: &[usize],
    scratch: &mut [Cell],
    bad: &mut Vec<BadRow>,
) -> Option<(u16, i32, u64)> {
    let before = bad.len();
    let ccode = row
        .whole_in(ccode_col, 0, i64::from(u16::MAX))
        .and_then(|c| row.required(ccode_col, c));
    let year = row
        .whole_in(year_col, 1, 9999)
        .and_then(|y| row.required(year_col, y));
    let mut missing = 0;
    for (slot, &c) in scratch.iter_mut().zip(igo_cols) {
        if let Some(code) = cell(row.raw(c)) {
            *slot = code;
            missing += u64::from(code == MISSING);
        } else {
            bad.push(row.bad(c, "not a status (0, 1, 2, 3, −9 or −1)"));
        }
    }
    match (ccode, year) {
        (Ok(c), Ok(y)) if bad.len() == before => Some((c as u16, y as i32, missing)),
        (c, y) => {
            // The code and year come first in the line's order of messages.
            let cells: Vec<BadRow> = bad.drain(before..).collect();
            bad.extend(c.err());
            bad.extend(y.err());
            bad.extend(cells);
            None
        }
    }
}

/// Reads a state-year file from `input` (named `file` in messages).
/// `progress` hears the bytes read. Errors when the input cannot be read
/// or lacks the `ccode` or `year` column; every bad row is listed in
/// [`IgoData::bad`].
///
/// O(cells) time; memory one byte per cell while reading.
pub fn read(input: impl Read, file: &str, progress: &mut dyn FnMut(u64)) -> Result<IgoData, Error> {
    let mut table = Table::new(input, file)?;
    let cols = table.require(&[&["ccode"], &["year"]])?;
    let (ccode_col, year_col) = (cols[0], cols[1]);
    let state_col = table.header().find(&["state", "stateabb"]);
    let igo_cols: Vec<usize> = (0..table.header().names().len())
        .filter(|&c| c != ccode_col && c != year_col && Some(c) != state_col)
        .collect();
    let mut igos: Vec<Igo> = igo_cols
        .iter()
        .map(|&c| Igo {
            abb: table.header().name(c).to_string(),
            name: None,
            first: None,
            last: None,
        })
        .collect();
    // Column-major cells: `columns[j][i]` is IGO j in good row i.
    let mut columns: Vec<Vec<Cell>> = vec![Vec::new(); igo_cols.len()];
    let mut keys: Vec<(u16, i32)> = Vec::new();
    let mut seen: HashMap<(u16, i32), u64> = HashMap::new();
    let mut scratch: Vec<Cell> = vec![0; igo_cols.len()];
    let mut bad = Vec::new();
    let mut missing = 0u64;
    while let Some(row) = table.next_good(progress, &mut bad)? {
        let Some((ccode, year, row_missing)) =
            state_year(&row, ccode_col, year_col, &igo_cols, &mut scratch, &mut bad)
        else {
            continue;
        };
        if let Some(&first) = seen.get(&(ccode, year)) {
            bad.push(row.bad(
                year_col,
                &format!("ccode {ccode} already has year {year}, on line {first}"),
            ));
            continue;
        }
        seen.insert((ccode, year), row.line());
        missing += row_missing;
        keys.push((ccode, year));
        for ((column, &code), igo) in columns.iter_mut().zip(&scratch).zip(&mut igos) {
            column.push(code);
            if code != ABSENT {
                igo.first = Some(igo.first.map_or(year, |f| f.min(year)));
                igo.last = Some(igo.last.map_or(year, |l| l.max(year)));
            }
        }
    }
    let first_year = keys.iter().map(|k| k.1).min();
    let last_year = keys.iter().map(|k| k.1).max();
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    order.sort_unstable_by_key(|&i| keys[i as usize]);
    let data_last = last_year.unwrap_or(i32::MIN);
    let mut memberships = Vec::new();
    for (j, column) in columns.iter().enumerate() {
        let observations = order.iter().map(|&i| {
            let (ccode, year) = keys[i as usize];
            (ccode, year, status(column[i as usize]))
        });
        memberships.extend(
            keyed_runs(observations, data_last)
                .into_iter()
                .map(|(ccode, run)| Membership { ccode, igo: j, run }),
        );
    }
    bad.sort_by_key(|b| b.line);
    Ok(IgoData {
        igos,
        memberships,
        first_year,
        last_year,
        state_years: keys.len() as u64,
        missing,
        bad,
    })
}

/// The organizations' full names from an IGO-year file: each
/// abbreviation's name in its latest year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IgoNames {
    /// Lower-cased abbreviation → (latest year, name in that year).
    names: BTreeMap<String, (i32, String)>,
    /// Every row that could not be used, by line.
    pub bad: Vec<BadRow>,
}

impl IgoNames {
    /// The name of the IGO abbreviated `abb` (any case).
    pub fn get(&self, abb: &str) -> Option<&str> {
        self.names
            .get(&abb.to_lowercase())
            .map(|(_, name)| name.as_str())
    }

    /// How many IGOs have a name.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether no IGO has a name.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Reads an IGO-year file (`igo_year_formatv3.csv`: `ioname`, `orgname`,
/// `year`, other columns ignored) from `input` (named `file` in
/// messages), keeping each `ioname`'s `orgname` of its latest year (the
/// first row of that year on a tie). A row without a name is skipped.
/// Errors when the input cannot be read or lacks a column.
pub fn read_names(
    input: impl Read,
    file: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<IgoNames, Error> {
    let mut table = Table::new(input, file)?;
    let cols = table.require(&[&["ioname"], &["orgname"], &["year"]])?;
    let (abb_col, name_col, year_col) = (cols[0], cols[1], cols[2]);
    let mut names: BTreeMap<String, (i32, String)> = BTreeMap::new();
    let mut bad = Vec::new();
    while let Some(row) = table.next_good(progress, &mut bad)? {
        let read = || -> Result<Option<(String, i32, &str)>, BadRow> {
            let abb = row.required(abb_col, row.text(abb_col)?)?;
            let year = row.whole_in(year_col, 1, 9999)?;
            let year = row.required(year_col, year)? as i32;
            Ok(row
                .text(name_col)?
                .map(|name| (abb.to_lowercase(), year, name)))
        };
        match read() {
            Err(b) => bad.push(b),
            Ok(None) => {}
            Ok(Some((abb, year, name))) => {
                let entry = names.entry(abb).or_insert_with(|| (year, name.to_string()));
                if year > entry.0 {
                    *entry = (year, name.to_string());
                }
            }
        }
    }
    bad.sort_by_key(|b| b.line);
    Ok(IgoNames { names, bad })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;
    use std::path::Path;

    fn fixture(name: &str) -> std::fs::File {
        std::fs::File::open(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/import")
                .join(name),
        )
        .unwrap()
    }

    fn run(first: i32, last: i32, value: Status, open: bool) -> Run<Status> {
        Run {
            first,
            last,
            value,
            open,
        }
    }

    #[test]
    fn runs_existence_missing_and_names() {
        let mut data = read(fixture("cow_igo_state_year.csv"), "sy.csv", &mut |_| {}).unwrap();
        assert_eq!(data.bad, vec![]);
        assert_eq!(data.state_years, 14);
        assert_eq!(data.missing, 1);
        assert_eq!((data.first_year, data.last_year), (Some(2000), Some(2004)));
        let igos: Vec<(&str, Option<i32>, Option<i32>)> = data
            .igos
            .iter()
            .map(|i| (i.abb.as_str(), i.first, i.last))
            .collect();
        assert_eq!(
            igos,
            vec![
                ("un", Some(2000), Some(2004)),
                ("sco", Some(2001), Some(2004)),
                ("xigo", Some(2000), Some(2002)),
                ("never", None, None),
            ]
        );
        let got: Vec<(&str, u16, Run<Status>)> = data
            .memberships
            .iter()
            .map(|m| (data.igos[m.igo].abb.as_str(), m.ccode, m.run))
            .collect();
        assert_eq!(
            got,
            vec![
                ("un", 2, run(2000, 2004, Full, true)),
                // −9 in 2002 ends the run.
                ("un", 365, run(2000, 2001, Full, false)),
                ("un", 365, run(2003, 2004, Full, true)),
                // No row for 2002: a gap year ends the run.
                ("un", 750, run(2000, 2001, Full, false)),
                ("un", 750, run(2003, 2004, Full, true)),
                ("sco", 365, run(2001, 2004, Full, true)),
                ("sco", 750, run(2001, 2001, Observer, false)),
                ("sco", 750, run(2003, 2003, Observer, false)),
                ("sco", 750, run(2004, 2004, Full, true)),
                ("xigo", 2, run(2000, 2001, Observer, false)),
                ("xigo", 2, run(2002, 2002, Associate, false)),
                ("xigo", 365, run(2000, 2002, Full, false)),
            ]
        );
        let names = read_names(fixture("cow_igo_igo_year.csv"), "iy.csv", &mut |_| {}).unwrap();
        assert_eq!(names.bad, vec![]);
        assert_eq!(names.len(), 3);
        data.apply_names(&names);
        assert_eq!(
            data.igos
                .iter()
                .map(|i| i.name.as_deref())
                .collect::<Vec<_>>(),
            vec![
                Some("United Nations"),
                Some("Shanghai Cooperation Organization"),
                Some("Example Organization, \"Renamed\""),
                None,
            ]
        );
    }

    #[test]
    fn bad_cells_and_rows_are_listed() {
        let data = read(fixture("cow_igo_bad.csv"), "sy.csv", &mut |_| {}).unwrap();
        let bad: Vec<(u64, &str)> = data
            .bad
            .iter()
            .map(|b| (b.line, b.message.as_str()))
            .collect();
        assert_eq!(
            bad,
            vec![
                (
                    3,
                    "column `sco`: value \"7\": not a status (0, 1, 2, 3, −9 or −1)"
                ),
                (4, "column `ccode`: value \"x\": not a whole number"),
                (
                    4,
                    "column `un`: value \"yes\": not a status (0, 1, 2, 3, −9 or −1)"
                ),
                (
                    5,
                    "column `year`: value \"2000\": ccode 2 already has year 2000, on line 2"
                ),
                (6, "3 fields where the header has 4"),
                (
                    7,
                    "column `year`: value \"NA\": missing, and a value is needed"
                ),
            ]
        );
        assert_eq!(data.state_years, 2);
        // `NA` and an empty cell are missing too.
        assert_eq!(data.missing, 2);
        let err = read(&b"ccode,state,un\n2,usa,1\n"[..], "sy.csv", &mut |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            "sy.csv: no column `year`; its header is: ccode,state,un"
        );
    }

    /// The peer file's (ccode, year) → [full, associate, observer] counts
    /// from peacesciencer, an independent count.
    fn peacesciencer_counts(path: &Path) -> HashMap<(u16, i32), [u32; 3]> {
        let mut table = Table::new(std::fs::File::open(path).unwrap(), "sy").unwrap();
        let cols = table
            .require(&[
                &["ccode"],
                &["year"],
                &["sum_igo_full"],
                &["sum_igo_associate"],
                &["sum_igo_observer"],
            ])
            .unwrap();
        let mut out = HashMap::new();
        while let crate::import::table::Next::Row(row) = table.next(&mut |_| {}).unwrap() {
            let n = |c: usize| row.whole(cols[c]).unwrap().unwrap();
            out.insert(
                (n(0) as u16, n(1) as i32),
                [n(2) as u32, n(3) as u32, n(4) as u32],
            );
        }
        out
    }

    #[test]
    fn peer_igo_file_counts_match_peacesciencer() {
        let peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer");
        let Ok(file) = std::fs::File::open(peer.join("cow_igo/state_year_formatv3.csv")) else {
            println!("skipping: ../shared/peer not found");
            return;
        };
        let started = std::time::Instant::now();
        let mut heard = 0;
        let data = read(file, "state_year_formatv3.csv", &mut |b| heard = b).unwrap();
        println!(
            "state_year_formatv3.csv read in {:?}: {} runs, {} cells missing",
            started.elapsed(),
            data.memberships.len(),
            data.missing
        );
        assert_eq!(heard, 22_481_597);
        assert_eq!(data.bad, vec![]);
        assert_eq!(data.state_years, 15_557);
        assert_eq!(data.igos.len(), 534);
        assert_eq!((data.first_year, data.last_year), (Some(1816), Some(2014)));
        assert_eq!(data.missing, 138_874);
        let expected = peacesciencer_counts(&peer.join("cow/peacesciencer_cow_igo_sy.csv"));
        assert_eq!(expected.len(), 15_557);
        let mut from_runs: HashMap<(u16, i32), [u32; 3]> =
            expected.keys().map(|&k| (k, [0; 3])).collect();
        for m in &data.memberships {
            for year in m.run.first..=m.run.last {
                let counts = from_runs
                    .get_mut(&(m.ccode, year))
                    .expect("a run covers only years of the state in the file");
                counts[m.run.value as usize] += 1;
            }
        }
        assert_eq!(from_runs, expected);
        let un = data.igos.iter().position(|i| i.abb == "un").unwrap();
        assert_eq!(data.igos[un].first, Some(1945));
        let usa_un: Vec<Run<Status>> = data
            .memberships
            .iter()
            .filter(|m| m.igo == un && m.ccode == 2)
            .map(|m| m.run)
            .collect();
        assert_eq!(usa_un, vec![run(1945, 2014, Full, true)]);
    }
}
