//! The Correlates of War formal alliances (v4.1) in two layouts, told
//! apart by their headers:
//!
//! - the official dyad file (`alliance_v4.1_by_dyad.csv`: `version4id,
//!   ccode1, state_name1, ccode2, state_name2, dyad_st_day, dyad_st_month,
//!   dyad_st_year, dyad_end_day, dyad_end_month, dyad_end_year,
//!   left_censor, right_censor, defense, neutrality, nonaggression,
//!   entente, version`): one [`AllianceDyad`]
//!   per row, dated at the precision the row gives (a missing day gives
//!   a month, a missing month a year; no day is invented);
//! - dyad-year forms (`ccode1, ccode2, year` and the four flags, named
//!   `cow_defense, cow_neutral, cow_nonagg, cow_entente` or `defense,
//!   neutrality, nonaggression, entente`): directed rows in mirror pairs
//!   become one undirected dyad (lower code first), and its consecutive
//!   years with one type become one [`AllianceSpell`].
//!
//! An alliance's type is its strongest obligation ([`AllianceType`]).

use std::io::Read;

use super::BadRow;
use super::runs::{Run, keyed_runs};
use super::table::{Header, Row, Table};
use crate::date::{PartialDate, Precision};
use crate::error::Error;

/// The obligation an alliance carries, strongest first.
///
/// COW codes four obligations as flags; an alliance is typed by the
/// strongest it carries: defense > neutrality, non-aggression > entente.
/// Neutrality and non-aggression rank alike; when both are set this
/// reader says neutrality, the stronger promise of the two (to stay out
/// of a war, not only to not start one), and COW's own typology of
/// alliances (Type I defense, Type II neutrality or non-aggression, Type
/// III entente) lists it first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AllianceType {
    /// A promise to defend the other if attacked.
    Defense,
    /// A promise to stay neutral if the other is attacked.
    Neutrality,
    /// A promise not to attack the other.
    Nonaggression,
    /// A promise to consult in a crisis.
    Entente,
}

impl AllianceType {
    /// The types in the order the flags are read, strongest first.
    pub const ALL: [AllianceType; 4] = [
        AllianceType::Defense,
        AllianceType::Neutrality,
        AllianceType::Nonaggression,
        AllianceType::Entente,
    ];

    /// The strongest obligation among the flags `[defense, neutrality,
    /// nonaggression, entente]` (`None` a missing flag): the first set
    /// flag in [`Self::ALL`]'s order, provided every flag before it is
    /// known to be 0. `None` when every flag is 0 (type unknown) or a
    /// missing flag comes before the first set one (it might be the
    /// strongest).
    pub fn strongest(flags: [Option<bool>; 4]) -> Option<AllianceType> {
        for (flag, kind) in flags.into_iter().zip(Self::ALL) {
            match flag {
                Some(true) => return Some(kind),
                Some(false) => {}
                None => return None,
            }
        }
        None
    }

    /// The type's name in lower case (`defense`, `neutrality`,
    /// `nonaggression`, `entente`).
    pub fn name(self) -> &'static str {
        match self {
            AllianceType::Defense => "defense",
            AllianceType::Neutrality => "neutrality",
            AllianceType::Nonaggression => "nonaggression",
            AllianceType::Entente => "entente",
        }
    }
}

/// One row of the official dyad file: one alliance between two states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllianceDyad {
    /// The line of the file the row starts on.
    pub line: u64,
    /// The alliance's COW number (`version4id`).
    pub id: u32,
    /// The first state's COW code.
    pub ccode1: u16,
    /// The first state's name as the file gives it.
    pub name1: Option<String>,
    /// The second state's COW code.
    pub ccode2: u16,
    /// The second state's name.
    pub name2: Option<String>,
    /// When the dyad's alliance began, at the precision given.
    pub start: PartialDate,
    /// When it ended (the last day, month or year in force, as COW writes
    /// it); `None` when no end is written: still in force.
    pub end: Option<PartialDate>,
    /// Whether it began before the data's coverage.
    pub left_censor: Option<bool>,
    /// Whether it was still in force at the data's end.
    pub right_censor: Option<bool>,
    /// The strongest obligation; `None` when unknown.
    pub kind: Option<AllianceType>,
    /// The data set's version as written (`4.1`).
    pub version: Option<String>,
}

/// What the official dyad file held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DyadFile {
    /// The good rows, in file order.
    pub dyads: Vec<AllianceDyad>,
    /// Every row that could not be used, by line.
    pub bad: Vec<BadRow>,
}

/// One alliance spell of an undirected dyad from a dyad-year file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllianceSpell {
    /// The lower COW code of the two.
    pub ccode1: u16,
    /// The higher one.
    pub ccode2: u16,
    /// The years and the strongest type (`None`: every flag 0 or
    /// unknown); `open` when it reaches the data's last year.
    pub run: Run<Option<AllianceType>>,
    /// The line of the first row of its first year.
    pub line: u64,
}

/// What a dyad-year file held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DyadYears {
    /// The spells, by dyad then year.
    pub spells: Vec<AllianceSpell>,
    /// The rows read without a problem.
    pub rows: u64,
    /// Dyad-years given in one direction only (taken as they are).
    pub unpaired: u64,
    /// Dyad-years whose type is unknown (every flag 0, or a missing flag
    /// before the first set one).
    pub untyped: u64,
    /// The first year of the data.
    pub first_year: Option<i32>,
    /// The last year of the data (spells reaching it are open).
    pub last_year: Option<i32>,
    /// Every row that could not be used, by line.
    pub bad: Vec<BadRow>,
}

/// An alliance file, in the layout its header shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Alliances {
    /// The official dyad file.
    Dyads(DyadFile),
    /// A dyad-year form.
    Years(DyadYears),
}

impl Alliances {
    /// Every bad row of the file.
    pub fn bad(&self) -> &[BadRow] {
        match self {
            Alliances::Dyads(d) => &d.bad,
            Alliances::Years(y) => &y.bad,
        }
    }
}

/// The four flag columns' names, in [`AllianceType::ALL`]'s order.
const FLAGS: [&[&str]; 4] = [
    &["defense", "cow_defense"],
    &["neutrality", "cow_neutral", "cow_neutrality", "neutral"],
    &["nonaggression", "cow_nonagg", "cow_nonaggression", "nonagg"],
    &["entente", "cow_entente"],
];

/// Reads an alliance file from `input` (named `file` in messages), in
/// the layout its header shows: the dyad file when it has
/// `dyad_st_year`, a dyad-year form when it has `year`. `progress` hears
/// the bytes read. Errors when the input cannot be read, is neither
/// layout, or lacks a column of its layout.
pub fn read(
    input: impl Read,
    file: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<Alliances, Error> {
    let mut table = Table::new(input, file)?;
    let header = table.header();
    if header.has(&["dyad_st_year"]) {
        read_dyads(&mut table, progress).map(Alliances::Dyads)
    } else if header.has(&["year"]) {
        read_years(&mut table, progress).map(Alliances::Years)
    } else {
        Err(Error::Usage(format!(
            "{file}: neither the COW alliance dyad file (with `dyad_st_year`) nor a dyad-year file (with `year`); its header is: {}",
            header.names().join(",")
        )))
    }
}

/// The flag columns of a header, or the missing-column error.
fn flag_columns(table: &Table<impl Read>) -> Result<[usize; 4], Error> {
    let cols = table.require(&FLAGS)?;
    Ok([cols[0], cols[1], cols[2], cols[3]])
}

/// A row's four flags.
fn flags(row: &Row<'_>, cols: [usize; 4]) -> Result<[Option<bool>; 4], BadRow> {
    Ok([
        row.flag(cols[0])?,
        row.flag(cols[1])?,
        row.flag(cols[2])?,
        row.flag(cols[3])?,
    ])
}

/// A state code field.
fn ccode(row: &Row<'_>, col: usize) -> Result<u16, BadRow> {
    let value = row.whole_in(col, 0, i64::from(u16::MAX))?;
    Ok(row.required(col, value)? as u16)
}

/// The columns of the dyad file.
struct DyadColumns {
    id: usize,
    ccode1: usize,
    ccode2: usize,
    name1: Option<usize>,
    name2: Option<usize>,
    /// Day, month, year of the start.
    start: [Option<usize>; 3],
    /// Day, month, year of the end.
    end: [Option<usize>; 3],
    left: Option<usize>,
    right: Option<usize>,
    flags: [usize; 4],
    version: Option<usize>,
}

impl DyadColumns {
    fn of(table: &Table<impl Read>) -> Result<DyadColumns, Error> {
        let flags = flag_columns(table)?;
        let cols =
            table.require(&[&["version4id"], &["ccode1"], &["ccode2"], &["dyad_st_year"]])?;
        let h: &Header = table.header();
        Ok(DyadColumns {
            id: cols[0],
            ccode1: cols[1],
            ccode2: cols[2],
            name1: h.find(&["state_name1"]),
            name2: h.find(&["state_name2"]),
            start: [
                h.find(&["dyad_st_day"]),
                h.find(&["dyad_st_month"]),
                Some(cols[3]),
            ],
            end: [
                h.find(&["dyad_end_day"]),
                h.find(&["dyad_end_month"]),
                h.find(&["dyad_end_year"]),
            ],
            left: h.find(&["left_censor"]),
            right: h.find(&["right_censor"]),
            flags,
            version: h.find(&["version"]),
        })
    }
}

/// Reads the rows of the official dyad file.
fn read_dyads(
    table: &mut Table<impl Read>,
    progress: &mut dyn FnMut(u64),
) -> Result<DyadFile, Error> {
    let cols = DyadColumns::of(table)?;
    let mut dyads = Vec::new();
    let mut bad = Vec::new();
    while let Some(row) = table.next_good(progress, &mut bad)? {
        match dyad(&row, &cols) {
            Ok(d) => dyads.push(d),
            Err(b) => bad.push(b),
        }
    }
    bad.sort_by_key(|b| b.line);
    Ok(DyadFile { dyads, bad })
}

/// One row of the dyad file.
fn dyad(row: &Row<'_>, cols: &DyadColumns) -> Result<AllianceDyad, BadRow> {
    let id = row.whole_in(cols.id, 0, i64::from(u32::MAX))?;
    let id = row.required(cols.id, id)? as u32;
    let ccode1 = ccode(row, cols.ccode1)?;
    let ccode2 = ccode(row, cols.ccode2)?;
    let text = |col: Option<usize>| -> Result<Option<String>, BadRow> {
        Ok(match col {
            Some(c) => row.text(c)?.map(String::from),
            None => None,
        })
    };
    let start = date(row, cols.start)?;
    let start = row.required(cols.start[2].unwrap_or(0), start)?;
    let end = date(row, cols.end)?;
    if let (Some(end), Some(end_year)) = (end, cols.end[2])
        && last_day(end) < start.first_day()
    {
        return Err(row.bad(
            end_year,
            &format!("the alliance ends ({end}) before it starts ({start})"),
        ));
    }
    let flag = |col: Option<usize>| col.map_or(Ok(None), |c| row.flag(c));
    Ok(AllianceDyad {
        line: row.line(),
        id,
        ccode1,
        name1: text(cols.name1)?,
        ccode2,
        name2: text(cols.name2)?,
        start,
        end,
        left_censor: flag(cols.left)?,
        right_censor: flag(cols.right)?,
        kind: AllianceType::strongest(flags(row, cols.flags)?),
        version: text(cols.version)?,
    })
}

/// The date the day, month and year columns give, at their precision;
/// `None` when every one is missing.
fn date(
    row: &Row<'_>,
    [day_col, month_col, year_col]: [Option<usize>; 3],
) -> Result<Option<PartialDate>, BadRow> {
    let get = |col: Option<usize>| col.map_or(Ok(None), |c| row.whole(c));
    let (day, month, year) = (get(day_col)?, get(month_col)?, get(year_col)?);
    let (Some(year_col), Some(year)) = (year_col, year) else {
        return match (day_col.zip(day), month_col.zip(month)) {
            (_, Some((col, _))) | (Some((col, _)), None) => {
                Err(row.bad(col, "a day or month without a year"))
            }
            (None, None) => Ok(None),
        };
    };
    if !(1..=9999).contains(&year) {
        return Err(row.bad(year_col, "not a whole number from 1 to 9999"));
    }
    let text = match (month, day) {
        (None, Some(_)) => {
            let col = day_col.unwrap_or(year_col);
            return Err(row.bad(col, "a day without a month"));
        }
        (None, None) => format!("{year:04}"),
        (Some(m), _) if !(1..=12).contains(&m) => {
            return Err(row.bad(month_col.unwrap_or(year_col), "not a month (1 to 12)"));
        }
        (Some(m), None) => format!("{year:04}-{m:02}"),
        (Some(m), Some(d)) => {
            let days = jiff::civil::date(year as i16, m as i8, 1).days_in_month();
            if !(1..=i64::from(days)).contains(&d) {
                return Err(row.bad(
                    day_col.unwrap_or(year_col),
                    &format!("not a day of {year:04}-{m:02} (1 to {days})"),
                ));
            }
            format!("{year:04}-{m:02}-{d:02}")
        }
    };
    text.parse::<PartialDate>()
        .map(Some)
        .map_err(|e| row.bad(year_col, &e.to_string()))
}

/// The last day of the period a date names.
fn last_day(date: PartialDate) -> jiff::civil::Date {
    let first = date.first_day();
    match date.precision() {
        Precision::Day => first,
        Precision::Month => first.last_of_month(),
        Precision::Year => jiff::civil::date(first.year(), 12, 31),
    }
}

/// One directed row of a dyad-year file.
struct DirectedYear {
    line: u64,
    low: u16,
    high: u16,
    year: i32,
    /// Whether the row is written lower code first.
    forward: bool,
    flags: [Option<bool>; 4],
}

/// One undirected dyad-year: its mirror rows taken as one.
struct DyadYear {
    dyad: (u16, u16),
    year: i32,
    kind: Option<AllianceType>,
    /// The line of its first row.
    line: u64,
}

/// The columns of a dyad-year file: `ccode1`, `ccode2`, `year` and the
/// four flags.
struct YearColumns {
    ccode1: usize,
    ccode2: usize,
    year: usize,
    flags: [usize; 4],
}

/// Reads a dyad-year file into undirected spells.
fn read_years(
    table: &mut Table<impl Read>,
    progress: &mut dyn FnMut(u64),
) -> Result<DyadYears, Error> {
    let flags = flag_columns(table)?;
    let cols = table.require(&[&["ccode1"], &["ccode2"], &["year"]])?;
    let cols = YearColumns {
        ccode1: cols[0],
        ccode2: cols[1],
        year: cols[2],
        flags,
    };
    let mut rows: Vec<DirectedYear> = Vec::new();
    let mut bad = Vec::new();
    while let Some(row) = table.next_good(progress, &mut bad)? {
        match directed_year(&row, &cols) {
            Ok(r) => rows.push(r),
            Err(b) => bad.push(b),
        }
    }
    rows.sort_unstable_by_key(|r| (r.low, r.high, r.year, r.line));
    let mut out = DyadYears::default();
    let years = pair(&rows, table.header(), &cols, &mut out);
    out.first_year = years.iter().map(|y| y.year).min();
    out.last_year = years.iter().map(|y| y.year).max();
    let runs = keyed_runs(
        years.iter().map(|y| (y.dyad, y.year, Some(y.kind))),
        out.last_year.unwrap_or(i32::MIN),
    );
    // Each run's first year is an observation; walk both in order.
    let mut at = 0;
    out.spells = runs
        .into_iter()
        .map(|((ccode1, ccode2), run)| {
            while (years[at].dyad, years[at].year) != ((ccode1, ccode2), run.first) {
                at += 1;
            }
            AllianceSpell {
                ccode1,
                ccode2,
                run,
                line: years[at].line,
            }
        })
        .collect();
    out.bad.extend(bad);
    out.bad.sort_by_key(|b| b.line);
    Ok(out)
}

/// One row of a dyad-year file.
fn directed_year(row: &Row<'_>, cols: &YearColumns) -> Result<DirectedYear, BadRow> {
    let a = ccode(row, cols.ccode1)?;
    let b = ccode(row, cols.ccode2)?;
    if a == b {
        return Err(row.bad(cols.ccode2, "the same state as `ccode1`"));
    }
    let year = row.whole_in(cols.year, 1, 9999)?;
    let year = row.required(cols.year, year)? as i32;
    Ok(DirectedYear {
        line: row.line(),
        low: a.min(b),
        high: a.max(b),
        year,
        forward: a < b,
        flags: flags(row, cols.flags)?,
    })
}

/// The undirected dyad-years of `rows` (sorted by dyad, year and line):
/// a row and its mirror make one; a second row in one direction, or a
/// mirror with other flags, is a bad row. Counts rows, unpaired and
/// untyped dyad-years and bad rows into `out`.
fn pair(
    rows: &[DirectedYear],
    header: &Header,
    cols: &YearColumns,
    out: &mut DyadYears,
) -> Vec<DyadYear> {
    let shown = |f: Option<bool>| match f {
        Some(true) => "1",
        Some(false) => "0",
        None => "missing",
    };
    let mut years = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let first = &rows[i];
        let mut j = i + 1;
        let mut mirror: Option<&DirectedYear> = None;
        while j < rows.len()
            && (rows[j].low, rows[j].high, rows[j].year) == (first.low, first.high, first.year)
        {
            let other = &rows[j];
            let same = if other.forward == first.forward {
                Some(first)
            } else {
                mirror
            };
            if let Some(same) = same {
                let (from, to) = if other.forward {
                    (other.low, other.high)
                } else {
                    (other.high, other.low)
                };
                out.bad.push(BadRow {
                    line: other.line,
                    message: format!(
                        "column `{}`: value \"{}\": the dyad {from}–{to} already has this year in this direction, on line {}",
                        header.name(cols.year),
                        other.year,
                        same.line
                    ),
                });
            } else if let Some(k) = (0..4).find(|&k| other.flags[k] != first.flags[k]) {
                out.bad.push(BadRow {
                    line: other.line,
                    message: format!(
                        "column `{}`: value \"{}\": its mirror row on line {} says {}",
                        header.name(cols.flags[k]),
                        shown(other.flags[k]),
                        first.line,
                        shown(first.flags[k])
                    ),
                });
            } else {
                mirror = Some(other);
            }
            j += 1;
        }
        out.rows += 1 + u64::from(mirror.is_some());
        out.unpaired += u64::from(mirror.is_none());
        let kind = AllianceType::strongest(first.flags);
        out.untyped += u64::from(kind.is_none());
        years.push(DyadYear {
            dyad: (first.low, first.high),
            year: first.year,
            kind,
            line: first.line,
        });
        i = j;
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;
    use AllianceType::*;
    use std::collections::HashMap;
    use std::path::Path;

    fn fixture(name: &str) -> Alliances {
        let file = std::fs::File::open(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/import")
                .join(name),
        )
        .unwrap();
        read(file, name, &mut |_| {}).unwrap()
    }

    /// A dyad row's line, id, codes, dates and type.
    type Dyad = (
        u64,
        u32,
        u16,
        u16,
        PartialDate,
        Option<PartialDate>,
        Option<AllianceType>,
    );

    fn d(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    fn bad_rows(bad: &[BadRow]) -> Vec<(u64, &str)> {
        bad.iter().map(|b| (b.line, b.message.as_str())).collect()
    }

    #[test]
    fn strongest_obligation() {
        let f = |d, n, a, e| AllianceType::strongest([Some(d), Some(n), Some(a), Some(e)]);
        assert_eq!(f(true, true, true, true), Some(Defense));
        assert_eq!(f(false, true, true, false), Some(Neutrality));
        assert_eq!(f(false, false, true, true), Some(Nonaggression));
        assert_eq!(f(false, false, false, true), Some(Entente));
        assert_eq!(f(false, false, false, false), None);
        assert_eq!(
            AllianceType::strongest([Some(true), None, None, None]),
            Some(Defense)
        );
        assert_eq!(
            AllianceType::strongest([None, Some(true), None, None]),
            None
        );
        assert_eq!(Nonaggression.name(), "nonaggression");
    }

    #[test]
    fn dyad_file_dates_at_their_precision() {
        let Alliances::Dyads(file) = fixture("cow_alliance_dyad.csv") else {
            panic!("the dyad layout")
        };
        assert_eq!(file.bad, vec![]);
        let got: Vec<Dyad> = file
            .dyads
            .iter()
            .map(|a| (a.line, a.id, a.ccode1, a.ccode2, a.start, a.end, a.kind))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, 1, 2, 200, d("1949-04-04"), None, Some(Defense)),
                (3, 2, 200, 220, d("1947-03"), Some(d("1991")), Some(Defense)),
                (
                    4,
                    3,
                    365,
                    740,
                    d("1941-04-13"),
                    Some(d("1945-08-09")),
                    Some(Neutrality)
                ),
                (
                    6,
                    4,
                    255,
                    365,
                    d("1939-08-23"),
                    Some(d("1941-06-22")),
                    Some(Nonaggression)
                ),
                (7, 5, 900, 901, d("1940"), Some(d("1940-12")), Some(Entente)),
                (8, 6, 902, 903, d("1961-07-11"), None, None),
            ]
        );
        let first = &file.dyads[0];
        assert_eq!(first.name1.as_deref(), Some("United States of America"));
        assert_eq!(first.name2.as_deref(), Some("United Kingdom"));
        assert_eq!(
            (first.left_censor, first.right_censor),
            (Some(false), Some(true))
        );
        assert_eq!(first.version.as_deref(), Some("4.1"));
        assert_eq!(file.dyads[2].name1.as_deref(), Some("Russia, \"USSR\""));
        assert_eq!(file.dyads[5].right_censor, None);
    }

    #[test]
    fn dyad_file_bad_rows() {
        let Alliances::Dyads(file) = fixture("cow_alliance_dyad_bad.csv") else {
            panic!("the dyad layout")
        };
        assert_eq!(
            bad_rows(&file.bad),
            vec![
                (
                    2,
                    "column `dyad_st_day`: value \"4\": a day without a month"
                ),
                (
                    3,
                    "column `dyad_end_month`: value \"13\": not a month (1 to 12)"
                ),
                (
                    4,
                    "column `dyad_st_day`: value \"31\": not a day of 1950-04 (1 to 30)"
                ),
                (
                    5,
                    "column `dyad_end_year`: value \"1949\": the alliance ends (1949) before it starts (1950-02)"
                ),
                (6, "column `defense`: value \"2\": not 0 or 1"),
                (
                    7,
                    "column `ccode1`: value \"NA\": missing, and a value is needed"
                ),
                (
                    8,
                    "column `dyad_st_year`: value \"\": missing, and a value is needed"
                ),
                (
                    9,
                    "column `dyad_end_month`: value \"5\": a day or month without a year"
                ),
            ]
        );
        assert_eq!(file.dyads.len(), 1);
        assert_eq!(file.dyads[0].line, 10);
    }

    fn spell(
        ccode1: u16,
        ccode2: u16,
        first: i32,
        last: i32,
        value: Option<AllianceType>,
        open: bool,
        line: u64,
    ) -> AllianceSpell {
        AllianceSpell {
            ccode1,
            ccode2,
            run: Run {
                first,
                last,
                value,
                open,
            },
            line,
        }
    }

    #[test]
    fn dyad_years_mirror_pairs_make_undirected_spells() {
        let Alliances::Years(years) = fixture("cow_alliance_dyad_year.csv") else {
            panic!("the dyad-year layout")
        };
        assert_eq!(years.bad, vec![]);
        assert_eq!(
            years.spells,
            vec![
                spell(900, 920, 1949, 1950, Some(Defense), false, 2),
                // 1951 missing: a gap; 1952 has no mirror row, and is taken.
                spell(900, 920, 1952, 1952, Some(Defense), true, 7),
                spell(900, 930, 1950, 1950, Some(Entente), false, 9),
                spell(900, 930, 1951, 1952, Some(Defense), true, 8),
                // Every flag 0: kept, type unknown.
                spell(940, 950, 1950, 1950, None, false, 13),
            ]
        );
        assert_eq!(years.rows, 13);
        assert_eq!(years.unpaired, 1);
        assert_eq!(years.untyped, 1);
        assert_eq!(
            (years.first_year, years.last_year),
            (Some(1949), Some(1952))
        );
    }

    #[test]
    fn dyad_years_bad_rows_and_layouts() {
        let Alliances::Years(years) = fixture("cow_alliance_dyad_year_bad.csv") else {
            panic!("the dyad-year layout")
        };
        assert_eq!(
            bad_rows(&years.bad),
            vec![
                (
                    4,
                    "column `year`: value \"1990\": the dyad 2–20 already has this year in this direction, on line 2"
                ),
                (
                    6,
                    "column `cow_nonagg`: value \"0\": its mirror row on line 5 says 1"
                ),
                (
                    7,
                    "column `ccode2`: value \"2\": the same state as `ccode1`"
                ),
                (8, "column `cow_entente`: value \"x\": not 0 or 1"),
                (
                    9,
                    "column `year`: value \"NA\": missing, and a value is needed"
                ),
            ]
        );
        let err = read(
            &b"ccode1,ccode2,since\n2,20,1990\n"[..],
            "a.csv",
            &mut |_| {},
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.csv: neither the COW alliance dyad file (with `dyad_st_year`) nor a dyad-year file (with `year`); its header is: ccode1,ccode2,since"
        );
        let err = read(&b"ccode1,ccode2,year,defense\n"[..], "a.csv", &mut |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.csv: no column `neutrality` or `cow_neutral` or `cow_neutrality` or `neutral`, no column `nonaggression` or `cow_nonagg` or `cow_nonaggression` or `nonagg`, no column `entente` or `cow_entente`; its header is: ccode1,ccode2,year,defense"
        );
    }

    #[test]
    fn peer_dyad_years_every_row_in_exactly_one_spell() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/peer/cow/peacesciencer_cow_alliance.csv");
        let Ok(file) = std::fs::File::open(&path) else {
            println!("skipping: ../shared/peer not found");
            return;
        };
        let started = std::time::Instant::now();
        let Alliances::Years(years) =
            read(file, "peacesciencer_cow_alliance.csv", &mut |_| {}).unwrap()
        else {
            panic!("the dyad-year layout")
        };
        println!(
            "peacesciencer_cow_alliance.csv read in {:?}: {} spells",
            started.elapsed(),
            years.spells.len()
        );
        assert_eq!(years.bad, vec![]);
        assert_eq!(years.rows, 120_784);
        assert_eq!(years.unpaired, 0);
        assert_eq!(
            (years.first_year, years.last_year),
            (Some(1816), Some(2012))
        );
        let mut by_dyad: HashMap<(u16, u16), Vec<&AllianceSpell>> = HashMap::new();
        for s in &years.spells {
            by_dyad.entry((s.ccode1, s.ccode2)).or_default().push(s);
        }
        // Read the rows again, independently, and find each one's spell.
        let mut table = Table::new(std::fs::File::open(&path).unwrap(), "a").unwrap();
        let flag_cols = flag_columns(&table).unwrap();
        let cols = table
            .require(&[&["ccode1"], &["ccode2"], &["year"]])
            .unwrap();
        let mut rows = 0;
        while let crate::import::table::Next::Row(row) = table.next(&mut |_| {}).unwrap() {
            rows += 1;
            let n = |c: usize| row.whole(c).unwrap().unwrap();
            let (a, b, year) = (n(cols[0]) as u16, n(cols[1]) as u16, n(cols[2]) as i32);
            let kind = AllianceType::strongest(flags(&row, flag_cols).unwrap());
            let covering: Vec<_> = by_dyad[&(a.min(b), a.max(b))]
                .iter()
                .filter(|s| s.run.covers(year))
                .collect();
            assert_eq!(covering.len(), 1, "line {}", row.line());
            assert_eq!(covering[0].run.value, kind, "line {}", row.line());
        }
        assert_eq!(rows, 120_784);
        // Undirected dyad-years: half the directed rows.
        let covered: u64 = years.spells.iter().map(|s| u64::from(s.run.years())).sum();
        assert_eq!(covered, 60_392);
    }
}
