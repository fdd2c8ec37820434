//! The Correlates of War state system membership list (`states2016.csv`:
//! stateabb, ccode, statenme, styear, stmonth, stday, endyear, endmonth,
//! endday, version) read into typed spells.
//!
//! One row is one spell of one state in the system, dated to the day,
//! both ends included as COW writes them; a state that left and
//! re-entered (Germany 255, Yugoslavia/Serbia 345) has one row per spell.
//! Every row is checked: real days, a spell that does not end before it
//! starts, and no two spells of one code overlapping.

use std::collections::HashMap;
use std::io::Read;

use jiff::civil::Date;

use super::BadRow;
use super::table::{Row, Table};
use crate::error::Error;

/// One spell of one state in the COW state system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateSpell {
    /// The line of the file the row starts on.
    pub line: u64,
    /// The COW numeric code.
    pub ccode: u16,
    /// The COW letter code (`USA`, `GMY`).
    pub abb: String,
    /// The state's name as COW writes it.
    pub name: String,
    /// The first day of the spell.
    pub first: Date,
    /// The last day of the spell (inclusive, as COW writes it).
    pub last: Date,
    /// The list's version (`2016`).
    pub version: u32,
}

/// What [`read`] found: the good spells in file order, and every bad row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct States {
    /// The spells of the rows without a problem.
    pub spells: Vec<StateSpell>,
    /// Every row that could not be used, by line.
    pub bad: Vec<BadRow>,
}

/// The columns, with the names the file may give them.
const COLUMNS: [&[&str]; 10] = [
    &["stateabb"],
    &["ccode"],
    &["statenme", "statename"],
    &["styear"],
    &["stmonth"],
    &["stday"],
    &["endyear"],
    &["endmonth"],
    &["endday"],
    &["version"],
];

/// Reads a states list from `input` (named `file` in messages).
/// `progress` hears the bytes read. Errors when the input cannot be read
/// or lacks a column; every bad row is listed in [`States::bad`].
pub fn read(input: impl Read, file: &str, progress: &mut dyn FnMut(u64)) -> Result<States, Error> {
    let mut table = Table::new(input, file)?;
    let cols = table.require(&COLUMNS)?;
    let mut spells = Vec::new();
    let mut bad = Vec::new();
    while let Some(row) = table.next_good(progress, &mut bad)? {
        match spell(&row, &cols) {
            Ok(s) => spells.push(s),
            Err(b) => bad.push(b),
        }
    }
    let overlapping = overlaps(&spells, table.header().name(cols[3]));
    let mut dropped = vec![false; spells.len()];
    for (i, message) in overlapping {
        dropped[i] = true;
        bad.push(BadRow {
            line: spells[i].line,
            message,
        });
    }
    let mut kept = dropped.iter();
    spells.retain(|_| !kept.next().copied().unwrap_or(false));
    bad.sort_by_key(|b| b.line);
    Ok(States { spells, bad })
}

/// One row as a spell.
fn spell(row: &Row<'_>, cols: &[usize]) -> Result<StateSpell, BadRow> {
    let &[abb, ccode, name, sy, sm, sd, ey, em, ed, version] = cols else {
        unreachable!("COLUMNS has ten entries");
    };
    let ccode_value = row.whole_in(ccode, 0, i64::from(u16::MAX))?;
    let ccode_value = row.required(ccode, ccode_value)? as u16;
    let abb = row.required(abb, row.text(abb)?)?.to_string();
    let name = row.required(name, row.text(name)?)?.to_string();
    let first = day(row, sy, sm, sd)?;
    let last = day(row, ey, em, ed)?;
    if last < first {
        return Err(row.bad(
            ey,
            &format!("the spell ends ({last}) before it starts ({first})"),
        ));
    }
    let version_value = row.whole_in(version, 0, i64::from(u32::MAX))?;
    let version = row.required(version, version_value)? as u32;
    Ok(StateSpell {
        line: row.line(),
        ccode: ccode_value,
        abb,
        name,
        first,
        last,
        version,
    })
}

/// The day a year, month and day column name.
fn day(row: &Row<'_>, year: usize, month: usize, day: usize) -> Result<Date, BadRow> {
    let y = row.whole_in(year, 1, 9999)?;
    let y = row.required(year, y)? as i16;
    let m = row.whole(month)?;
    let m = row.required(month, m)?;
    if !(1..=12).contains(&m) {
        return Err(row.bad(month, "not a month (1 to 12)"));
    }
    let m = m as i8;
    let days = jiff::civil::date(y, m, 1).days_in_month();
    let d = row.whole(day)?;
    let d = row.required(day, d)?;
    if !(1..=i64::from(days)).contains(&d) {
        return Err(row.bad(day, &format!("not a day of {y:04}-{m:02} (1 to {days})")));
    }
    Ok(jiff::civil::date(y, m, d as i8))
}

/// The spells (by index) overlapping an earlier-starting spell of the
/// same code, each with its message (worded on the start-year column).
fn overlaps(spells: &[StateSpell], start_column: &str) -> Vec<(usize, String)> {
    let mut by_code: HashMap<u16, Vec<usize>> = HashMap::new();
    for (i, s) in spells.iter().enumerate() {
        by_code.entry(s.ccode).or_default().push(i);
    }
    let mut out = Vec::new();
    for indices in by_code.values_mut() {
        indices.sort_by_key(|&i| (spells[i].first, spells[i].line));
        let mut reach: Option<usize> = None;
        for &i in indices.iter() {
            let s = &spells[i];
            match reach {
                Some(r) if s.first <= spells[r].last => {
                    let o = &spells[r];
                    out.push((
                        i,
                        format!(
                            "column `{start_column}`: value \"{}\": the spell {} to {} of ccode {} overlaps its spell on line {} ({} to {})",
                            s.first.year(),
                            s.first,
                            s.last,
                            s.ccode,
                            o.line,
                            o.first,
                            o.last
                        ),
                    ));
                }
                _ => reach = Some(i),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn fixture(name: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name)
    }

    fn read_fixture(name: &str) -> States {
        let file = std::fs::File::open(fixture(name)).unwrap();
        read(file, name, &mut |_| {}).unwrap()
    }

    #[test]
    fn spells_of_a_state_leaving_and_reentering() {
        let states = read_fixture("cow_states.csv");
        assert_eq!(states.bad, vec![]);
        let got: Vec<(u64, u16, &str, &str, Date, Date, u32)> = states
            .spells
            .iter()
            .map(|s| {
                (
                    s.line,
                    s.ccode,
                    s.abb.as_str(),
                    s.name.as_str(),
                    s.first,
                    s.last,
                    s.version,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    2,
                    2,
                    "USA",
                    "United States",
                    date(1816, 1, 1),
                    date(2016, 12, 31),
                    2016
                ),
                (
                    3,
                    255,
                    "GMY",
                    "German Reich",
                    date(1816, 1, 1),
                    date(1945, 5, 8),
                    2016
                ),
                (
                    4,
                    255,
                    "GMY",
                    "Germany (unified)",
                    date(1990, 10, 3),
                    date(2016, 12, 31),
                    2016
                ),
                (
                    5,
                    365,
                    "RUS",
                    "Russia (USSR)",
                    date(1816, 1, 1),
                    date(2016, 12, 31),
                    2016
                ),
                (
                    6,
                    345,
                    "YUG",
                    "Yugoslavia, \"Serbia\"",
                    date(1878, 7, 13),
                    date(1941, 4, 17),
                    2016
                ),
            ]
        );
    }

    #[test]
    fn reordered_columns_crlf_and_bom() {
        let text = b"\xEF\xBB\xBFccode,stateabb,statenme,version,endday,endmonth,endyear,stday,stmonth,styear\r\n20,CAN,Canada,2016,31,12,2016,10,1,1920\r\n";
        let states = read(&text[..], "s.csv", &mut |_| {}).unwrap();
        assert_eq!(states.bad, vec![]);
        assert_eq!(states.spells[0].ccode, 20);
        assert_eq!(states.spells[0].first, date(1920, 1, 10));
        assert_eq!(states.spells[0].line, 2);
    }

    #[test]
    fn every_bad_row_is_listed() {
        let states = read_fixture("cow_states_bad.csv");
        let bad: Vec<(u64, &str)> = states
            .bad
            .iter()
            .map(|b| (b.line, b.message.as_str()))
            .collect();
        assert_eq!(
            bad,
            vec![
                (
                    3,
                    "column `stday`: value \"30\": not a day of 1900-02 (1 to 28)"
                ),
                (4, "column `endmonth`: value \"13\": not a month (1 to 12)"),
                (
                    5,
                    "column `endyear`: value \"1900\": the spell ends (1900-01-01) before it starts (1910-05-31)"
                ),
                (6, "column `ccode`: value \"abc\": not a whole number"),
                (
                    7,
                    "column `endyear`: value \"-9\": missing, and a value is needed"
                ),
                (
                    9,
                    "column `styear`: value \"1940\": the spell 1940-01-01 to 1950-12-31 of ccode 255 overlaps its spell on line 8 (1816-01-01 to 1945-05-08)"
                ),
                (10, "9 fields where the header has 10"),
            ]
        );
        assert_eq!(states.spells.len(), 2);
        assert_eq!(states.spells[0].line, 2);
        assert_eq!(states.spells[1].line, 8);
    }

    #[test]
    fn peer_states2016_has_243_spells_of_217_states() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/peer/cow/states2016.csv");
        let Ok(file) = std::fs::File::open(&path) else {
            println!("skipping: ../shared/peer not found");
            return;
        };
        let started = std::time::Instant::now();
        let states = read(file, "states2016.csv", &mut |_| {}).unwrap();
        println!("states2016.csv read in {:?}", started.elapsed());
        assert_eq!(states.bad, vec![]);
        assert_eq!(states.spells.len(), 243);
        let codes: std::collections::BTreeSet<u16> =
            states.spells.iter().map(|s| s.ccode).collect();
        assert_eq!(codes.len(), 217);
        let germany: Vec<(Date, Date)> = states
            .spells
            .iter()
            .filter(|s| s.ccode == 255)
            .map(|s| (s.first, s.last))
            .collect();
        assert_eq!(
            germany,
            vec![
                (date(1816, 1, 1), date(1945, 5, 8)),
                (date(1990, 10, 3), date(2016, 12, 31))
            ]
        );
        assert!(states.spells.iter().all(|s| s.version == 2016));
    }
}
