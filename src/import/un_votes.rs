//! Voeten's UN General Assembly roll-call votes, in two layouts told
//! apart by their headers:
//!
//! - the R `unvotes` layout: votes (`un_votes.csv`: `rcid, country,
//!   country_code, vote`; the code ISO alpha-2, may be empty; the vote
//!   `yes`, `no` or `abstain`) and roll calls (`un_roll_calls.csv`: `rcid,
//!   session, importantvote, date, unres, amend, para, short, descr`; the flags
//!   written `0.0`/`1.0` or `NA`, descr long and quoted);
//! - Voeten's own layout: votes as rcid, ccode, session, vote with 1 yes,
//!   2 abstain, 3 no, 8 absent, 9 not a member. Absent and non-member
//!   rows are counted and skipped: they record no position.
//!
//! A vote on a roll call that the roll-call file (when one was read)
//! lacks is a bad row, and so is a second vote of one country on one
//! roll call. 870,109 votes are read with no allocation per row beyond
//! the row itself: country names are shared.

use std::io::Read;
use std::sync::Arc;

use jiff::civil::Date;
use rustc_hash::{FxHashMap, FxHashSet};

use super::BadRow;
use super::table::{Row, Table};
use crate::error::Error;

/// A country's position on a roll call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ballot {
    /// Voted yes.
    Yes,
    /// Voted no.
    No,
    /// Abstained.
    Abstain,
}

/// The country a vote is by, as the file names it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Country {
    /// By name, with its ISO 3166-1 alpha-2 code when given (the R
    /// layout). `NA` is read as Namibia's code only for a country named
    /// Namibia; for any other it is R's missing value.
    Named {
        /// The name as the file writes it.
        name: Arc<str>,
        /// The ISO alpha-2 code, when given.
        alpha2: Option<Arc<str>>,
    },
    /// By COW code (Voeten's layout).
    Cow(u16),
}

/// One roll call of the General Assembly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollCall {
    /// The line of the file the row starts on.
    pub line: u64,
    /// The roll call's number in the data set.
    pub rcid: u32,
    /// The session of the General Assembly.
    pub session: u16,
    /// Whether the US State Department classed it as important; `None`
    /// when not recorded.
    pub important: Option<bool>,
    /// The day of the vote.
    pub date: Date,
    /// The resolution's number (`R/1/66`).
    pub unres: Option<String>,
    /// Whether the vote was on an amendment.
    pub amend: Option<bool>,
    /// Whether the vote was on a paragraph.
    pub para: Option<bool>,
    /// The short title.
    pub short: Option<String>,
    /// The description.
    pub descr: Option<String>,
}

/// What a roll-call file held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RollCalls {
    /// The good rows, in file order.
    pub calls: Vec<RollCall>,
    /// Every row that could not be used, by line.
    pub bad: Vec<BadRow>,
}

/// One country's vote on one roll call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vote {
    /// The line of the file the row starts on.
    pub line: u64,
    /// The roll call.
    pub rcid: u32,
    /// Who voted.
    pub country: Country,
    /// How.
    pub vote: Ballot,
}

/// Which layout a votes file has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VoteLayout {
    /// The R `unvotes` layout: country names and alpha-2 codes, votes in
    /// words.
    Unvotes,
    /// Voeten's own: COW codes, votes as numbers.
    Voeten,
}

/// What a votes file held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Votes {
    /// The file's layout.
    pub layout: VoteLayout,
    /// The good rows with a position, in file order.
    pub votes: Vec<Vote>,
    /// Rows recording an absent member (8), skipped.
    pub absent: u64,
    /// Rows recording a state not a member then (9), skipped.
    pub not_member: u64,
    /// Every row that could not be used, by line.
    pub bad: Vec<BadRow>,
}

/// Reads a roll-call file from `input` (named `file` in messages).
/// `progress` hears the bytes read. Errors when the input cannot be read
/// or lacks `rcid`, `session` or `date`; the other columns may be
/// absent.
pub fn read_roll_calls(
    input: impl Read,
    file: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<RollCalls, Error> {
    let mut table = Table::new(input, file)?;
    let cols = table.require(&[&["rcid"], &["session"], &["date"]])?;
    let h = table.header();
    let optional = [
        h.find(&["importantvote", "important"]),
        h.find(&["unres"]),
        h.find(&["amend"]),
        h.find(&["para"]),
        h.find(&["short"]),
        h.find(&["descr"]),
    ];
    let mut calls: Vec<RollCall> = Vec::new();
    let mut bad = Vec::new();
    let mut seen: FxHashMap<u32, u64> = FxHashMap::default();
    while let Some(row) = table.next_good(progress, &mut bad)? {
        match roll_call(&row, &cols, optional) {
            Err(b) => bad.push(b),
            Ok(call) => {
                if let Some(&first) = seen.get(&call.rcid) {
                    bad.push(row.bad(
                        cols[0],
                        &format!("a second roll call {}, after line {first}", call.rcid),
                    ));
                } else {
                    seen.insert(call.rcid, call.line);
                    calls.push(call);
                }
            }
        }
    }
    bad.sort_by_key(|b| b.line);
    Ok(RollCalls { calls, bad })
}

/// One row of a roll-call file.
fn roll_call(
    row: &Row<'_>,
    cols: &[usize],
    [important, unres, amend, para, short, descr]: [Option<usize>; 6],
) -> Result<RollCall, BadRow> {
    let rcid = row.whole_in(cols[0], 0, i64::from(u32::MAX))?;
    let rcid = row.required(cols[0], rcid)? as u32;
    let session = row.whole_in(cols[1], 0, i64::from(u16::MAX))?;
    let session = row.required(cols[1], session)? as u16;
    let date = row.date(cols[2])?;
    let date = row.required(cols[2], date)?;
    let flag = |col: Option<usize>| col.map_or(Ok(None), |c| row.flag(c));
    let text = |col: Option<usize>| -> Result<Option<String>, BadRow> {
        Ok(match col {
            Some(c) => row.text(c)?.map(String::from),
            None => None,
        })
    };
    Ok(RollCall {
        line: row.line(),
        rcid,
        session,
        important: flag(important)?,
        date,
        unres: text(unres)?,
        amend: flag(amend)?,
        para: flag(para)?,
        short: text(short)?,
        descr: text(descr)?,
    })
}

/// What one vote row says.
enum Said {
    /// A position.
    Vote(Ballot),
    /// Absent (8).
    Absent,
    /// Not a member (9).
    NotMember,
}

/// Reads a votes file from `input` (named `file` in messages), in the
/// layout its header shows: [`VoteLayout::Unvotes`] with a `country`
/// column, [`VoteLayout::Voeten`] with `ccode`. When `roll_calls` is
/// given, a vote on a roll call it lacks is a bad row. `progress` hears
/// the bytes read. Errors when the input cannot be read, is neither
/// layout, or lacks a column of its layout.
pub fn read_votes(
    input: impl Read,
    file: &str,
    roll_calls: Option<&RollCalls>,
    progress: &mut dyn FnMut(u64),
) -> Result<Votes, Error> {
    let mut table = Table::new(input, file)?;
    let h = table.header();
    let (layout, cols) = if h.has(&["country"]) {
        (
            VoteLayout::Unvotes,
            table.require(&[&["rcid"], &["country"], &["vote"]])?,
        )
    } else if h.has(&["ccode"]) {
        (
            VoteLayout::Voeten,
            table.require(&[&["rcid"], &["ccode"], &["vote"]])?,
        )
    } else {
        return Err(Error::Usage(format!(
            "{file}: neither the unvotes layout (with `country`) nor Voeten's (with `ccode`); its header is: {}",
            h.names().join(",")
        )));
    };
    let mut reader = VoteReader {
        layout,
        rcid: cols[0],
        who: cols[1],
        vote: cols[2],
        code: h.find(&["country_code"]),
        known: roll_calls.map(|r| r.calls.iter().map(|c| c.rcid).collect()),
        countries: FxHashMap::default(),
        key: Vec::new(),
    };
    let mut seen: FxHashMap<(u32, u32), u64> = FxHashMap::default();
    let mut votes = Vec::new();
    let mut bad = Vec::new();
    let (mut absent, mut not_member) = (0u64, 0u64);
    while let Some(row) = table.next_good(progress, &mut bad)? {
        match reader.row(&row) {
            Err(b) => bad.push(b),
            Ok((_, _, _, Said::Absent)) => absent += 1,
            Ok((_, _, _, Said::NotMember)) => not_member += 1,
            Ok((rcid, id, country, Said::Vote(vote))) => {
                let line = row.line();
                if let Some(&first) = seen.get(&(rcid, id)) {
                    bad.push(row.bad(
                        reader.who,
                        &format!("a second vote on roll call {rcid}, after line {first}"),
                    ));
                } else {
                    seen.insert((rcid, id), line);
                    votes.push(Vote {
                        line,
                        rcid,
                        country,
                        vote,
                    });
                }
            }
        }
    }
    bad.sort_by_key(|b| b.line);
    Ok(Votes {
        layout,
        votes,
        absent,
        not_member,
        bad,
    })
}

/// How a votes file is read, and the countries it has named so far.
struct VoteReader {
    layout: VoteLayout,
    /// The columns: roll call, country (name or COW code), vote, and the
    /// alpha-2 code when there is one.
    rcid: usize,
    who: usize,
    vote: usize,
    code: Option<usize>,
    /// The roll calls of the roll-call file, when one was read.
    known: Option<FxHashSet<u32>>,
    /// Each distinct name and code (as `name NUL code`) with its number,
    /// and the one `Country` its votes share.
    countries: FxHashMap<Box<[u8]>, (u32, Country)>,
    /// The lookup key, reused.
    key: Vec<u8>,
}

impl VoteReader {
    /// One row: its roll call, the country's number (the COW code, or
    /// the name's number), the country and what it says.
    fn row(&mut self, row: &Row<'_>) -> Result<(u32, u32, Country, Said), BadRow> {
        let rcid = row.whole_in(self.rcid, 0, i64::from(u32::MAX))?;
        let rcid = row.required(self.rcid, rcid)? as u32;
        let (id, country) = match self.layout {
            VoteLayout::Unvotes => self.named(row)?,
            VoteLayout::Voeten => {
                let ccode = row.whole_in(self.who, 0, i64::from(u16::MAX))?;
                let ccode = row.required(self.who, ccode)? as u16;
                (u32::from(ccode), Country::Cow(ccode))
            }
        };
        let said = self.said(row)?;
        if let Some(known) = &self.known
            && !known.contains(&rcid)
        {
            return Err(row.bad(self.rcid, "no roll call has this rcid"));
        }
        Ok((rcid, id, country, said))
    }

    /// The country a row of the unvotes layout names, shared with the
    /// earlier rows naming it.
    fn named(&mut self, row: &Row<'_>) -> Result<(u32, Country), BadRow> {
        let name = row.required(self.who, row.text(self.who)?)?;
        let code = match self.code {
            Some(c) => row.raw_text(c)?,
            None => None,
        };
        let code = code.filter(|&c| c != "NA" || name.eq_ignore_ascii_case("namibia"));
        self.key.clear();
        self.key.extend_from_slice(name.as_bytes());
        self.key.push(0);
        self.key.extend_from_slice(code.unwrap_or("").as_bytes());
        if let Some((id, country)) = self.countries.get(self.key.as_slice()) {
            return Ok((*id, country.clone()));
        }
        let id = self.countries.len() as u32;
        let country = Country::Named {
            name: name.into(),
            alpha2: code.map(Into::into),
        };
        self.countries
            .insert(self.key.as_slice().into(), (id, country.clone()));
        Ok((id, country))
    }

    /// What a row's vote field says.
    fn said(&self, row: &Row<'_>) -> Result<Said, BadRow> {
        let col = self.vote;
        let raw = row.raw(col);
        match self.layout {
            VoteLayout::Unvotes => {
                if raw.eq_ignore_ascii_case(b"yes") {
                    Ok(Said::Vote(Ballot::Yes))
                } else if raw.eq_ignore_ascii_case(b"no") {
                    Ok(Said::Vote(Ballot::No))
                } else if raw.eq_ignore_ascii_case(b"abstain") {
                    Ok(Said::Vote(Ballot::Abstain))
                } else {
                    row.required(col, row.text(col)?)?;
                    Err(row.bad(col, "not a vote (yes, no or abstain)"))
                }
            }
            VoteLayout::Voeten => match row.whole(col)? {
                Some(1) => Ok(Said::Vote(Ballot::Yes)),
                Some(2) => Ok(Said::Vote(Ballot::Abstain)),
                Some(3) => Ok(Said::Vote(Ballot::No)),
                Some(8) => Ok(Said::Absent),
                Some(9) => Ok(Said::NotMember),
                None => Err(row.bad(col, "missing, and a value is needed")),
                Some(_) => Err(row.bad(
                    col,
                    "not a vote (1 yes, 2 abstain, 3 no, 8 absent or 9 not a member)",
                )),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ballot::*;
    use jiff::civil::date;
    use std::path::Path;

    fn open(name: &str) -> std::fs::File {
        std::fs::File::open(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/import")
                .join(name),
        )
        .unwrap()
    }

    fn bad_rows(bad: &[BadRow]) -> Vec<(u64, &str)> {
        bad.iter().map(|b| (b.line, b.message.as_str())).collect()
    }

    fn named(name: &str, alpha2: Option<&str>) -> Country {
        Country::Named {
            name: name.into(),
            alpha2: alpha2.map(Into::into),
        }
    }

    #[test]
    fn roll_calls_with_quoted_descriptions_and_na() {
        let calls = read_roll_calls(open("un_roll_calls.csv"), "rc.csv", &mut |_| {}).unwrap();
        assert_eq!(calls.bad, vec![]);
        assert_eq!(
            calls.calls,
            vec![
                RollCall {
                    line: 2,
                    rcid: 1,
                    session: 1,
                    important: Some(false),
                    date: date(1946, 1, 1),
                    unres: Some("R/1/1".into()),
                    amend: Some(true),
                    para: Some(false),
                    short: Some("FIRST VOTE".into()),
                    descr: Some("TO ADOPT A RESOLUTION ON X, Y AND \"Z\"\nSECOND LINE".into()),
                },
                RollCall {
                    line: 4,
                    rcid: 2,
                    session: 1,
                    important: None,
                    date: date(1946, 1, 2),
                    unres: None,
                    amend: None,
                    para: None,
                    short: None,
                    descr: Some("A SHORT ONE".into()),
                },
                RollCall {
                    line: 5,
                    rcid: 3,
                    session: 2,
                    important: Some(true),
                    date: date(1947, 9, 16),
                    unres: Some("R/2/5".into()),
                    amend: Some(false),
                    para: Some(true),
                    short: Some("SECOND, SESSION".into()),
                    descr: None,
                },
            ]
        );
        let bad = "rcid,session,date,importantvote\n1,1,1946-13-01,0\n2,x,1946-01-01,0\n3,1,1946-01-01,2.0\n4,1,1946-01-01,1\n4,1,1946-01-02,1\nNA,1,1946-01-01,1\n5,1,,1\n";
        let calls = read_roll_calls(bad.as_bytes(), "rc.csv", &mut |_| {}).unwrap();
        assert_eq!(
            bad_rows(&calls.bad),
            vec![
                (
                    2,
                    "column `date`: value \"1946-13-01\": not a date (YYYY-MM-DD)"
                ),
                (3, "column `session`: value \"x\": not a whole number"),
                (4, "column `importantvote`: value \"2.0\": not 0 or 1"),
                (
                    6,
                    "column `rcid`: value \"4\": a second roll call 4, after line 5"
                ),
                (
                    7,
                    "column `rcid`: value \"NA\": missing, and a value is needed"
                ),
                (
                    8,
                    "column `date`: value \"\": missing, and a value is needed"
                ),
            ]
        );
        assert_eq!(calls.calls.len(), 1);
    }

    #[test]
    fn unvotes_layout_with_bom_crlf_and_namibia() {
        let calls = read_roll_calls(open("un_roll_calls.csv"), "rc.csv", &mut |_| {}).unwrap();
        let votes = read_votes(open("un_votes.csv"), "v.csv", Some(&calls), &mut |_| {}).unwrap();
        assert_eq!(votes.bad, vec![]);
        assert_eq!(votes.layout, VoteLayout::Unvotes);
        let got: Vec<(u64, u32, Country, Ballot)> = votes
            .votes
            .iter()
            .map(|v| (v.line, v.rcid, v.country.clone(), v.vote))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, 1, named("United States", Some("US")), Yes),
                (3, 1, named("Canada", Some("CA")), No),
                (4, 1, named("Namibia", Some("NA")), Abstain),
                (5, 1, named("Yemen Arab Republic", None), Yes),
                (6, 2, named("United States", Some("US")), Abstain),
                (7, 2, named("Federal Republic of Germany", None), No),
                (8, 3, named("Canada", Some("CA")), Yes),
            ]
        );
        assert_eq!((votes.absent, votes.not_member), (0, 0));
    }

    #[test]
    fn bad_votes_are_listed() {
        let calls = read_roll_calls(open("un_roll_calls.csv"), "rc.csv", &mut |_| {}).unwrap();
        let votes =
            read_votes(open("un_votes_bad.csv"), "v.csv", Some(&calls), &mut |_| {}).unwrap();
        assert_eq!(
            bad_rows(&votes.bad),
            vec![
                (
                    3,
                    "column `vote`: value \"maybe\": not a vote (yes, no or abstain)"
                ),
                (4, "column `rcid`: value \"99\": no roll call has this rcid"),
                (
                    5,
                    "column `country`: value \"United States\": a second vote on roll call 1, after line 2"
                ),
                (
                    6,
                    "column `country`: value \"\": missing, and a value is needed"
                ),
                (7, "column `rcid`: value \"x\": not a whole number"),
                (
                    8,
                    "column `vote`: value \"NA\": missing, and a value is needed"
                ),
            ]
        );
        assert_eq!(votes.votes.len(), 1);
        // Without a roll-call file, any rcid is taken.
        let votes = read_votes(open("un_votes_bad.csv"), "v.csv", None, &mut |_| {}).unwrap();
        assert_eq!(votes.bad.len(), 5);
        assert_eq!(votes.votes[1].rcid, 99);
    }

    #[test]
    fn voeten_layout_skips_absent_and_non_members() {
        let votes = read_votes(open("voeten_votes.csv"), "v.csv", None, &mut |_| {}).unwrap();
        assert_eq!(votes.layout, VoteLayout::Voeten);
        assert_eq!(
            bad_rows(&votes.bad),
            vec![
                (
                    8,
                    "column `vote`: value \"5\": not a vote (1 yes, 2 abstain, 3 no, 8 absent or 9 not a member)"
                ),
                (
                    9,
                    "column `ccode`: value \"2\": a second vote on roll call 2, after line 7"
                ),
            ]
        );
        let got: Vec<(u64, u32, Country, Ballot)> = votes
            .votes
            .iter()
            .map(|v| (v.line, v.rcid, v.country.clone(), v.vote))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, 1, Country::Cow(2), Yes),
                (3, 1, Country::Cow(20), No),
                (4, 1, Country::Cow(365), Abstain),
                (7, 2, Country::Cow(2), No),
            ]
        );
        assert_eq!((votes.absent, votes.not_member), (1, 1));
        let err = read_votes(&b"rcid,state,vote\n"[..], "v.csv", None, &mut |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            "v.csv: neither the unvotes layout (with `country`) nor Voeten's (with `ccode`); its header is: rcid,state,vote"
        );
    }

    #[test]
    fn peer_unvotes_has_870109_votes_on_6203_roll_calls() {
        let peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer/unvotes");
        let Ok(calls_file) = std::fs::File::open(peer.join("un_roll_calls.csv")) else {
            println!("skipping: ../shared/peer not found");
            return;
        };
        let started = std::time::Instant::now();
        let calls = read_roll_calls(calls_file, "un_roll_calls.csv", &mut |_| {}).unwrap();
        let calls_time = started.elapsed();
        let started = std::time::Instant::now();
        let file = std::fs::File::open(peer.join("un_votes.csv")).unwrap();
        let votes = read_votes(file, "un_votes.csv", Some(&calls), &mut |_| {}).unwrap();
        println!(
            "un_roll_calls.csv read in {calls_time:?}, un_votes.csv in {:?}",
            started.elapsed()
        );
        assert_eq!(calls.bad, vec![]);
        assert_eq!(calls.calls.len(), 6_203);
        assert_eq!(votes.bad, vec![]);
        assert_eq!(votes.votes.len(), 870_109);
        let count = |b: Ballot| votes.votes.iter().filter(|v| v.vote == b).count();
        assert_eq!(
            (
                count(Ballot::Yes),
                count(Ballot::No),
                count(Ballot::Abstain)
            ),
            (693_664, 65_548, 110_897)
        );
        let first = &calls.calls[0];
        assert_eq!(
            (first.rcid, first.session, first.date),
            (3, 1, date(1946, 1, 1))
        );
        assert_eq!(first.unres.as_deref(), Some("R/1/66"));
        assert_eq!(first.amend, Some(true));
        let namibia = votes
            .votes
            .iter()
            .find(|v| matches!(&v.country, Country::Named { name, .. } if &**name == "Namibia"))
            .unwrap();
        // Namibia's code is `NA`, kept; the states without one are empty.
        assert_eq!(namibia.country, named("Namibia", Some("NA")));
        let yemen = votes
            .votes
            .iter()
            .find(|v| matches!(&v.country, Country::Named { name, .. } if &**name == "Yemen Arab Republic"))
            .unwrap();
        assert_eq!(yemen.country, named("Yemen Arab Republic", None));
        let countries: FxHashSet<&Country> = votes.votes.iter().map(|v| &v.country).collect();
        println!("{} countries", countries.len());
    }
}
