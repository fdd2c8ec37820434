//! The research data sets as [`Dataset`]s: the Correlates of War state
//! system, IGO memberships and formal alliances, and Voeten's UN General
//! Assembly votes.
//!
//! The readers ([`super::cow_states`], [`super::cow_igo`],
//! [`super::cow_alliances`], [`super::un_votes`]) turn files into rows;
//! this module turns rows into what the database holds:
//!
//! - codes become entities through the code table ([`crate::codes`]): a
//!   COW number names a state *on a day* (COW 365 is RUS before
//!   1922-12-30, SUN until 1991-12-25, RUS again after), so every yearly
//!   row is mapped on its year and every spell split where its entity
//!   changes; created countries get their real names, aliases and codes
//!   ([`crate::codes::new_country`]);
//! - yearly rows become one relation per run of consecutive years with one
//!   status, at year precision (`since: "1990", until: "1996"`: in force
//!   from the first of January of the first year to the end of the last);
//!   two codes of one entity in one year (West and unified Germany in
//!   1990) make one observation, the stronger status winning;
//! - a missing value (−9) is unknown: it ends a run and starts none, and
//!   the summary counts it; it never reads as "not a member";
//! - a run reaching the data's last year is left open (right-censored),
//!   and the source's coverage ends where the data does, so a query past
//!   it is told on stderr.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::dataset::Dataset;
use super::runs::runs;
use super::table::Table;
use super::{BadRow, cow_alliances, cow_igo, cow_states, un_votes};
use crate::codes::{self, Identity};
use crate::error::Error;
use crate::model::{AllianceType, Ballot};
use crate::schema::{
    AllianceRecord, CodesRecord, CountryRecord, CoverageRecord, EntityRecord, OrganizationRecord,
    RelationRecord, RollCallRecord, SourceRecord, SpellRecord, TieRecord, VoteRecord,
};

/// `yyyymmdd` of a day, as the code table writes days.
fn key(day: Date) -> u32 {
    codes::day_key(day)
}

/// The day of a `yyyymmdd` key.
fn day_of(key: u32) -> Date {
    Date::new(
        (key / 10_000) as i16,
        (key / 100 % 100) as i8,
        (key % 100) as i8,
    )
    .unwrap_or(Date::MIN)
}

/// The country record a data set creates for `id`: the table's name,
/// aliases and codes, with `statehood` when the data gives it.
fn country(id: &str, statehood: Vec<SpellRecord>, source: &str) -> EntityRecord {
    let known = codes::new_country(id);
    EntityRecord::Country(CountryRecord {
        id: id.to_string(),
        name: known.as_ref().map_or(id, |k| k.name).to_string(),
        aliases: known
            .as_ref()
            .map(|k| k.aliases.iter().map(ToString::to_string).collect())
            .unwrap_or_default(),
        codes: known
            .as_ref()
            .filter(|k| k.cow.is_some() || k.gw.is_some())
            .map(|k| CodesRecord {
                cow: k.cow,
                gw: k.gw,
            }),
        statehood,
        note: Some(format!("created by import from {source}")),
    })
}

/// Bad rows of one file, labelled with it.
fn labelled(file: &str, bad: &[BadRow]) -> Vec<(String, BadRow)> {
    bad.iter().map(|b| (file.to_string(), b.clone())).collect()
}

/// The id a COW number stands for in a yearly data set's year (see
/// [`codes::cow_near_year`]), remembered per (code, year).
#[derive(Default)]
struct YearIds(HashMap<(u16, i32), Option<&'static str>>);

impl YearIds {
    fn id(&mut self, ccode: u16, year: i32) -> Option<&'static str> {
        *self
            .0
            .entry((ccode, year))
            .or_insert_with(|| codes::cow_near_year(ccode, year).and_then(|s| s.id()))
    }
}

/// A year as a date at year precision.
fn year(y: i32) -> String {
    format!("{y:04}")
}

/// `cow-states`: countries with their codes and statehood spells, from
/// the COW state system list (`states2016.csv`). A spell ending on the
/// list's last day is right-censored (the state still exists): open.
pub fn states(file: &str, data: &cow_states::States) -> Dataset {
    let source_id = format!(
        "cow-states-{}",
        data.spells.first().map_or(2016, |s| s.version)
    );
    let end = data.spells.iter().map(|s| s.last).max();
    let mut spells: BTreeMap<&'static str, Vec<(u32, Option<u32>)>> = BTreeMap::new();
    let mut order: Vec<&'static str> = Vec::new();
    for spell in &data.spells {
        let pieces = codes::entity_spans(spell.ccode, key(spell.first), key(spell.last));
        for (id, first, last) in pieces {
            // The day after the last: `until` is exclusive.
            let until =
                (Some(day_of(last)) != end).then(|| day_of(last).tomorrow().map_or(last, key));
            let list = spells.entry(id).or_default();
            if list.is_empty() && !order.contains(&id) {
                order.push(id);
            }
            list.push((first, until));
        }
    }
    let text = |k: u32| day_of(k).to_string();
    let entities = order
        .iter()
        .map(|id| {
            let mut pieces = spells[id].clone();
            pieces.sort_unstable();
            // Adjacent spells of one entity (COW 260 to 1990-10-02, then
            // 255 from 1990-10-03) are one.
            let mut merged: Vec<(u32, Option<u32>)> = Vec::new();
            for spell in pieces {
                match merged.last_mut() {
                    Some(last) if last.1 == Some(spell.0) => last.1 = spell.1,
                    _ => merged.push(spell),
                }
            }
            let statehood = merged
                .into_iter()
                .map(|(first, until)| SpellRecord {
                    since: Some(text(first)),
                    until: until.map(text),
                    source: Some(source_id.clone()),
                })
                .collect();
            country(id, statehood, file)
        })
        .collect();
    Dataset {
        input: file.to_string(),
        source: Some(SourceRecord {
            id: source_id,
            title: "State System Membership List".into(),
            publisher: Some("Correlates of War Project".into()),
            date: Some("2017".into()),
            url: Some("https://correlatesofwar.org/data-sets/state-system-membership/".into()),
            note: Some(format!(
                "Correlates of War Project (2017), State System Membership List, v{}; imported from {file}",
                data.spells.first().map_or(2016, |s| s.version)
            )),
            coverage: Some(CoverageRecord {
                records: "states in the international system".into(),
                since: data
                    .spells
                    .iter()
                    .map(|s| s.first)
                    .min()
                    .map(|d| d.to_string()),
                until: end.and_then(|d| d.tomorrow().ok()).map(|d| d.to_string()),
            }),
        }),
        entities,
        relations: Vec::new(),
        bad: labelled(file, &data.bad),
        skipped: BTreeMap::new(),
        notes: Vec::new(),
    }
}

/// The id an IGO has in the database: its abbreviation in capitals, with
/// `-IGO` after it where that is a country's code (COW's `nam`, the
/// Non-Aligned Movement, is not Namibia, NAM).
///
/// ```
/// use diplograph::import::research::igo_id;
/// assert_eq!(igo_id("sco"), "SCO");
/// assert_eq!(igo_id("nam"), "NAM-IGO");
/// ```
pub fn igo_id(abb: &str) -> String {
    let id = abb.to_ascii_uppercase();
    if codes::new_country(&id).is_some() {
        format!("{id}-IGO")
    } else {
        id
    }
}

/// The entities a mapping meets, in the order first met (each once).
#[derive(Default)]
struct Order {
    ids: Vec<&'static str>,
    seen: HashSet<&'static str>,
}

impl Order {
    /// Remembers `id` unless it was met before.
    fn meet(&mut self, id: &'static str) {
        if self.seen.insert(id) {
            self.ids.push(id);
        }
    }

    /// The countries met, as records a data set creates when missing.
    fn countries(&self, source: &str) -> Vec<EntityRecord> {
        self.ids
            .iter()
            .map(|id| country(id, Vec::new(), source))
            .collect()
    }
}

/// The COW numbers of `data`'s memberships that COW never used (no state
/// has them in any year: [`codes::cow_near_year`] is `None` only then).
pub fn unknown_igo_ccodes(data: &cow_igo::IgoData) -> BTreeSet<u16> {
    let ccodes: BTreeSet<u16> = data.memberships.iter().map(|m| m.ccode).collect();
    ccodes
        .into_iter()
        .filter(|&c| codes::cow_near_year(c, 2000).is_none())
        .collect()
}

/// Per (entity, IGO index): the status of each year.
type IgoYears = BTreeMap<(&'static str, usize), BTreeMap<i32, cow_igo::Status>>;

/// `data`'s memberships by entity, IGO and year (two codes of one entity
/// in one year: the stronger status), and the entities in the order met.
/// Memberships of codes COW never used are left out (they are bad rows).
fn igo_years(data: &cow_igo::IgoData) -> (IgoYears, Order) {
    let mut ids = YearIds::default();
    let mut years = IgoYears::new();
    let mut order = Order::default();
    for m in &data.memberships {
        for y in m.run.first..=m.run.last {
            let Some(id) = ids.id(m.ccode, y) else {
                break;
            };
            order.meet(id);
            let slot = years
                .entry((id, m.igo))
                .or_default()
                .entry(y)
                .or_insert(m.run.value);
            *slot = (*slot).min(m.run.value);
        }
    }
    (years, order)
}

/// One relation per run of years with one status; a run reaching
/// `last_year` is open.
fn igo_relations(data: &cow_igo::IgoData, years: &IgoYears, last_year: i32) -> Vec<RelationRecord> {
    const SOURCE: &str = "cow-igo-3";
    let mut relations = Vec::new();
    for ((id, igo), by_year) in years {
        let observations = by_year.iter().map(|(y, s)| (*y, Some(*s)));
        for run in runs(observations, last_year) {
            let tie = TieRecord {
                from: (*id).to_string(),
                to: igo_id(&data.igos[*igo].abb),
                since: Some(year(run.first)),
                until: (!run.open).then(|| year(run.last + 1)),
                source: Some(SOURCE.into()),
                note: None,
            };
            relations.push(match run.value {
                cow_igo::Status::Full => RelationRecord::Member(tie),
                cow_igo::Status::Associate => RelationRecord::Associate(tie),
                cow_igo::Status::Observer => RelationRecord::Observer(tie),
            });
        }
    }
    relations
}

/// The organization record of an IGO: its full name when known (else its
/// abbreviation), founded the year after the last `−1` before its first
/// year in the data (unless that is the data's first year: then it was
/// founded then or before), dissolved the year after its last.
fn igo_organization(
    file: &str,
    igo: &cow_igo::Igo,
    first_year: i32,
    last_year: i32,
) -> EntityRecord {
    let id = igo_id(&igo.abb);
    let name = igo.name.clone().unwrap_or_else(|| {
        if id == igo.abb.to_ascii_uppercase() {
            id.clone()
        } else {
            format!("{} (IGO)", igo.abb.to_ascii_uppercase())
        }
    });
    EntityRecord::Organization(OrganizationRecord {
        id,
        name,
        aliases: Vec::new(),
        founded: igo.first.filter(|y| *y > first_year).map(year),
        dissolved: igo.last.filter(|y| *y < last_year).map(|y| year(y + 1)),
        universal: false,
        note: Some(format!(
            "COW IGO `{}`; created by import from {file}",
            igo.abb
        )),
    })
}

/// What the summary tells of an IGO file: its missing cells, and the
/// organizations it could only name by their abbreviation.
fn igo_notes(data: &cow_igo::IgoData) -> Vec<String> {
    let mut notes = vec![format!(
        "{} missing (−9), read as unknown: a missing year ends a membership's run and starts none",
        plural(data.missing, "cell", "cells")
    )];
    let unnamed = data.igos.iter().filter(|i| i.name.is_none()).count() as u64;
    if unnamed > 0 {
        notes.push(format!(
            "{} named by {} abbreviation: the state-year file has no full names (give the IGO-year file too for them)",
            plural(unnamed, "organization is", "organizations are"),
            if unnamed == 1 { "its" } else { "their" }
        ));
    }
    notes
}

/// `n` (thousands separated by commas) and the word for one or many:
/// "1 cell", "138,874 cells".
fn plural(n: u64, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::edit::ops::thousands(n),
        if n == 1 { one } else { many }
    )
}

/// The source of the IGO data set, covering its years.
fn igo_source(first_year: i32, last_year: i32) -> SourceRecord {
    SourceRecord {
        id: "cow-igo-3".into(),
        title: "Intergovernmental Organizations (v3), state-year format".into(),
        publisher: Some("Correlates of War Project".into()),
        date: Some("2020".into()),
        url: Some("https://correlatesofwar.org/data-sets/igos/".into()),
        note: Some("Pevehouse, Nordstrom, McManus & Jamison (2020), \"Tracking Organizations in the World: The Correlates of War IGO Version 3.0 datasets\", Journal of Peace Research 57(3). Yearly: a membership \"since 1990\" was recorded for 1990".into()),
        coverage: Some(CoverageRecord {
            records: "IGO memberships (full, associate, observer), by year".into(),
            since: Some(year(first_year)),
            until: Some(year(last_year + 1)),
        }),
    }
}

/// The bad rows of memberships whose code COW never used: every line
/// `lines` gives for the code (found in the file by [`read`]), or, where
/// it gives none, the code once at line 0.
fn unknown_ccode_rows(
    file: &str,
    unknown: &BTreeSet<u16>,
    lines: &BTreeMap<u16, Vec<u64>>,
) -> Vec<(String, BadRow)> {
    let mut rows = Vec::new();
    for &ccode in unknown {
        let message = format!("column `ccode`: value \"{ccode}\": no state in the COW list");
        let at = lines.get(&ccode).map_or(&[0][..], Vec::as_slice);
        rows.extend(at.iter().map(|&line| {
            (
                file.to_string(),
                BadRow {
                    line,
                    message: message.clone(),
                },
            )
        }));
    }
    rows
}

/// `cow-igo`: organizations with their founding and dissolution years,
/// and full, associate and observer memberships, from the IGO v3
/// state-year file. A membership of a code COW never used is a bad row
/// (named at line 0: the reader keeps no lines for memberships; [`read`]
/// finds every row of the code in the file).
pub fn igos(file: &str, data: &cow_igo::IgoData) -> Dataset {
    igo_dataset(file, data, &BTreeMap::new())
}

/// [`igos`], with the lines of each unknown code's rows.
fn igo_dataset(file: &str, data: &cow_igo::IgoData, lines: &BTreeMap<u16, Vec<u64>>) -> Dataset {
    let (first_year, last_year) = (
        data.first_year.unwrap_or(1816),
        data.last_year.unwrap_or(2014),
    );
    let mut bad = labelled(file, &data.bad);
    bad.extend(unknown_ccode_rows(file, &unknown_igo_ccodes(data), lines));
    let (years, order) = igo_years(data);
    let relations = igo_relations(data, &years, last_year);
    let mut entities = order.countries(file);
    // An IGO whose every cell is −1 never existed in the data's years:
    // no organization is made of a column alone.
    entities.extend(
        data.igos
            .iter()
            .filter(|igo| igo.first.is_some())
            .map(|igo| igo_organization(file, igo, first_year, last_year)),
    );
    let mut notes = igo_notes(data);
    let never: Vec<&str> = data
        .igos
        .iter()
        .filter(|igo| igo.first.is_none())
        .map(|igo| igo.abb.as_str())
        .collect();
    if !never.is_empty() {
        notes.push(format!(
            "{} never in existence in the file's years (−1 throughout), so not created: {}",
            plural(never.len() as u64, "IGO is", "IGOs are"),
            never.join(", ")
        ));
    }
    Dataset {
        input: file.to_string(),
        source: Some(igo_source(first_year, last_year)),
        entities,
        relations,
        bad,
        skipped: BTreeMap::new(),
        notes,
    }
}

/// The model's alliance type of a reader's.
fn alliance_type(t: cow_alliances::AllianceType) -> AllianceType {
    match t {
        cow_alliances::AllianceType::Defense => AllianceType::Defense,
        cow_alliances::AllianceType::Neutrality => AllianceType::Neutrality,
        cow_alliances::AllianceType::Nonaggression => AllianceType::NonAggression,
        cow_alliances::AllianceType::Entente => AllianceType::Entente,
    }
}

/// What mapping an alliance file collects besides its relations: the
/// entities met, the rows that name no state, and the rows skipped.
struct AllianceMapping<'f> {
    file: &'f str,
    ids: YearIds,
    order: Order,
    bad: Vec<(String, BadRow)>,
    skipped: BTreeMap<String, u64>,
}

/// What the two codes of a dyad name in a year.
enum Ends {
    /// Two entities, ordered.
    Pair(&'static str, &'static str),
    /// One entity twice (West and unified Germany in 1990): skipped.
    Itself,
    /// A code COW never used: a bad row.
    Unknown,
}

impl AllianceMapping<'_> {
    /// The ends of a dyad in `year`; a bad row (at `line`) when a code
    /// names no state, a skipped row (counted under `itself`) when both
    /// name one entity.
    fn ends(&mut self, (ccode1, ccode2): (u16, u16), year: i32, line: u64, itself: &str) -> Ends {
        let (Some(a), Some(b)) = (self.ids.id(ccode1, year), self.ids.id(ccode2, year)) else {
            self.bad.push((
                self.file.to_string(),
                BadRow {
                    line,
                    message: format!(
                        "columns `ccode1`, `ccode2`: values \"{ccode1}\", \"{ccode2}\": no state in the COW list"
                    ),
                },
            ));
            return Ends::Unknown;
        };
        if a == b {
            *self.skipped.entry(itself.to_string()).or_insert(0) += 1;
            return Ends::Itself;
        }
        self.order.meet(a);
        self.order.meet(b);
        if a < b {
            Ends::Pair(a, b)
        } else {
            Ends::Pair(b, a)
        }
    }
}

/// The source every alliance cites.
const ALLIANCE_SOURCE: &str = "cow-alliances-4.1";

/// The first and last years an alliance file covers.
fn alliance_years(data: &cow_alliances::Alliances) -> (i32, i32) {
    match data {
        cow_alliances::Alliances::Years(y) => {
            (y.first_year.unwrap_or(1816), y.last_year.unwrap_or(2012))
        }
        cow_alliances::Alliances::Dyads(d) => (
            d.dyads
                .iter()
                .map(|a| i32::from(a.start.year()))
                .min()
                .unwrap_or(1816),
            d.dyads
                .iter()
                .filter_map(|a| a.end.map(|e| i32::from(e.year())))
                .max()
                .unwrap_or(2012),
        ),
    }
}

/// The dyad-year forms: per entity pair, the strongest type of each
/// year, then one alliance per run of years with one type.
fn year_alliances(
    map: &mut AllianceMapping<'_>,
    data: &cow_alliances::DyadYears,
    last_year: i32,
) -> Vec<RelationRecord> {
    type PairYears = BTreeMap<(&'static str, &'static str), BTreeMap<i32, Option<AllianceType>>>;
    let mut years = PairYears::new();
    for spell in &data.spells {
        for yr in spell.run.first..=spell.run.last {
            let codes = (spell.ccode1, spell.ccode2);
            let pair = match map.ends(
                codes,
                yr,
                spell.line,
                "dyad-years of one entity with itself",
            ) {
                Ends::Pair(a, b) => (a, b),
                Ends::Itself => continue,
                // One bad row per run of the dyad.
                Ends::Unknown => break,
            };
            let t = spell.run.value.map(alliance_type);
            let slot = years.entry(pair).or_default().entry(yr).or_insert(t);
            *slot = strongest(*slot, t);
        }
    }
    let mut relations = Vec::new();
    for ((a, b), by_year) in &years {
        for run in runs(by_year.iter().map(|(yr, t)| (*yr, Some(*t))), last_year) {
            relations.push(RelationRecord::Alliance(AllianceRecord {
                from: (*a).to_string(),
                to: (*b).to_string(),
                alliance_type: run.value,
                since: Some(year(run.first)),
                until: (!run.open).then(|| year(run.last + 1)),
                source: Some(ALLIANCE_SOURCE.into()),
                note: None,
            }));
        }
    }
    relations
}

/// The dyad file: one alliance per dyad, at the precision of its dates.
fn dyad_alliances(
    map: &mut AllianceMapping<'_>,
    data: &cow_alliances::DyadFile,
) -> Vec<RelationRecord> {
    let mut relations = Vec::new();
    for dyad in &data.dyads {
        let start_year = i32::from(dyad.start.year());
        let codes = (dyad.ccode1, dyad.ccode2);
        let Ends::Pair(from, to) = map.ends(
            codes,
            start_year,
            dyad.line,
            "dyads of one entity with itself",
        ) else {
            continue;
        };
        // The end is the last day in force: `until` is the day (month,
        // year) after it; none while still in force.
        let until = match (dyad.end, dyad.right_censor) {
            (_, Some(true)) | (None, _) => None,
            (Some(end), _) => end.following().map(|d| d.to_string()),
        };
        relations.push(RelationRecord::Alliance(AllianceRecord {
            from: from.to_string(),
            to: to.to_string(),
            alliance_type: dyad.kind.map(alliance_type),
            since: Some(dyad.start.to_string()),
            until,
            source: Some(ALLIANCE_SOURCE.into()),
            note: Some(format!("COW alliance {}", dyad.id)),
        }));
    }
    relations
}

/// The source of the alliance data set, covering its years.
fn alliance_source(first_year: i32, last_year: i32) -> SourceRecord {
    SourceRecord {
        id: ALLIANCE_SOURCE.into(),
        title: "Formal Alliances (v4.1)".into(),
        publisher: Some("Correlates of War Project".into()),
        date: Some("2009".into()),
        url: Some("https://correlatesofwar.org/data-sets/formal-alliances/".into()),
        note: Some("Gibler, Douglas M. (2009), International Military Alliances, 1648-2008, CQ Press. An alliance's type is its strongest obligation: defense > neutrality, non-aggression > entente".into()),
        coverage: Some(CoverageRecord {
            records: "formal alliances between states, by type".into(),
            since: Some(year(first_year)),
            until: Some(year(last_year + 1)),
        }),
    }
}

/// `cow-alliances`: one `alliance` per dyad and run of years (dyad-year
/// forms) or per dyad and alliance (the dyad file), typed by the strongest
/// obligation.
pub fn alliances(file: &str, data: &cow_alliances::Alliances) -> Dataset {
    let (first_year, last_year) = alliance_years(data);
    let mut map = AllianceMapping {
        file,
        ids: YearIds::default(),
        order: Order::default(),
        bad: labelled(file, data.bad()),
        skipped: BTreeMap::new(),
    };
    let relations = match data {
        cow_alliances::Alliances::Years(y) => year_alliances(&mut map, y, last_year),
        cow_alliances::Alliances::Dyads(d) => dyad_alliances(&mut map, d),
    };
    Dataset {
        input: file.to_string(),
        source: Some(alliance_source(first_year, last_year)),
        entities: map.order.countries(file),
        relations,
        bad: map.bad,
        skipped: map.skipped,
        notes: Vec::new(),
    }
}

/// The stronger of two alliance types (a known type over an unknown one;
/// [`AllianceType::ALL`] lists them strongest first, neutrality before
/// non-aggression).
fn strongest(a: Option<AllianceType>, b: Option<AllianceType>) -> Option<AllianceType> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// `text` without the control characters a note may not hold (the roll
/// calls' descriptions carry a few backspaces from their transcription);
/// line breaks and tabs stay.
fn printable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// `text` as one printable line (a stray tab or line break of the
/// transcription is a space), or `None` when blank.
fn one_line(text: Option<&str>) -> Option<String> {
    text.map(|t| printable(t).replace(['\n', '\t'], " "))
        .filter(|s| !s.trim().is_empty())
}

/// The id of a roll call: `unga-` and Voeten's roll-call number.
pub fn roll_call_id(rcid: u32) -> String {
    format!("unga-{rcid}")
}

/// The model's ballot of a reader's.
fn ballot(b: un_votes::Ballot) -> Ballot {
    match b {
        un_votes::Ballot::Yes => Ballot::Yes,
        un_votes::Ballot::No => Ballot::No,
        un_votes::Ballot::Abstain => Ballot::Abstain,
    }
}

/// The state a vote's country names on `day`: by its UN name and ISO
/// code, or by its COW number (that day, else in that year).
fn voter(country: &un_votes::Country, day: Date) -> Option<&'static str> {
    let state: Option<Identity> = match country {
        un_votes::Country::Named { name, alpha2 } => {
            codes::resolve_un_member(name, alpha2.as_deref(), day).ok()
        }
        un_votes::Country::Cow(ccode) => codes::lookup(codes::Scheme::Cow, &ccode.to_string(), day)
            .ok()
            .or_else(|| codes::cow_near_year(*ccode, i32::from(day.year()))),
    };
    state.and_then(|s| s.id())
}

/// The bad row of a vote whose country names no state on `day`.
fn unknown_voter(vote: &un_votes::Vote, day: Date) -> BadRow {
    let (column, value) = match &vote.country {
        un_votes::Country::Named { name, alpha2 } => (
            "country",
            match alpha2 {
                Some(a) => format!("{name} ({a})"),
                None => name.to_string(),
            },
        ),
        un_votes::Country::Cow(ccode) => ("ccode", ccode.to_string()),
    };
    BadRow {
        line: vote.line,
        message: format!(
            "column `{column}`: value \"{value}\": no state of that name or code on {day}"
        ),
    }
}

/// The roll-call entity of a roll call: named by its title (else its
/// resolution), with its day, session, resolution and flags; the
/// description is its note.
fn roll_call(call: &un_votes::RollCall) -> EntityRecord {
    let resolution = one_line(call.unres.as_deref());
    let name = match one_line(call.short.as_deref()).or_else(|| resolution.clone()) {
        Some(title) => format!("{title} (roll call {})", call.rcid),
        None => format!("UN General Assembly roll call {}", call.rcid),
    };
    EntityRecord::RollCall(RollCallRecord {
        id: roll_call_id(call.rcid),
        name,
        aliases: Vec::new(),
        date: call.date.to_string(),
        session: Some(call.session),
        resolution,
        important: call.important,
        amendment: call.amend,
        paragraph: call.para,
        note: call
            .descr
            .as_deref()
            .map(printable)
            .filter(|d| !d.trim().is_empty()),
    })
}

/// The source of the UN votes, covering the days of its roll calls.
fn votes_source(calls: &un_votes::RollCalls) -> SourceRecord {
    let first = calls.calls.iter().map(|c| c.date).min();
    let last = calls.calls.iter().map(|c| c.date).max();
    SourceRecord {
        id: VOTES_SOURCE.into(),
        title: "United Nations General Assembly Voting Data".into(),
        publisher: Some("Harvard Dataverse".into()),
        date: None,
        url: Some("https://doi.org/10.7910/DVN/LEJUQZ".into()),
        note: Some("Voeten, Erik; Strezhnev, Anton; Bailey, Michael, \"United Nations General Assembly Voting Data\", Harvard Dataverse, doi:10.7910/DVN/LEJUQZ (CC0). Absent and non-member rows are not votes and add nothing".into()),
        coverage: Some(CoverageRecord {
            records: "UN General Assembly roll-call votes".into(),
            since: first.map(|d| d.to_string()),
            until: last.and_then(|d| d.tomorrow().ok()).map(|d| d.to_string()),
        }),
    }
}

/// The source every vote cites.
const VOTES_SOURCE: &str = "unvotes";

/// The rows of Voeten's layout that are no votes, by reason.
fn votes_skipped(votes: &un_votes::Votes) -> BTreeMap<String, u64> {
    let mut skipped = BTreeMap::new();
    if votes.absent > 0 {
        skipped.insert("absent (8)".to_string(), votes.absent);
    }
    if votes.not_member > 0 {
        skipped.insert("not a member (9)".to_string(), votes.not_member);
    }
    skipped
}

/// `un-votes`: one roll-call entity per roll call and one `vote` per
/// country and roll call, from Voeten's UN General Assembly data.
pub fn votes(
    inputs: &str,
    votes_file: &str,
    votes: &un_votes::Votes,
    calls_file: &str,
    calls: &un_votes::RollCalls,
) -> Dataset {
    let mut bad = labelled(votes_file, &votes.bad);
    bad.extend(labelled(calls_file, &calls.bad));
    let day_of_call: HashMap<u32, Date> = calls.calls.iter().map(|c| (c.rcid, c.date)).collect();
    let mut order = Order::default();
    let mut resolved: HashMap<(&un_votes::Country, Date), Option<&'static str>> = HashMap::new();
    let mut relations = Vec::with_capacity(votes.votes.len());
    for vote in &votes.votes {
        let Some(day) = day_of_call.get(&vote.rcid).copied() else {
            bad.push((
                votes_file.to_string(),
                BadRow {
                    line: vote.line,
                    message: format!(
                        "column `rcid`: value \"{}\": no such roll call in {calls_file}",
                        vote.rcid
                    ),
                },
            ));
            continue;
        };
        let id = *resolved
            .entry((&vote.country, day))
            .or_insert_with(|| voter(&vote.country, day));
        let Some(id) = id else {
            bad.push((votes_file.to_string(), unknown_voter(vote, day)));
            continue;
        };
        order.meet(id);
        relations.push(RelationRecord::Vote(VoteRecord {
            from: id.to_string(),
            to: roll_call_id(vote.rcid),
            position: ballot(vote.vote),
            since: None,
            until: None,
            source: Some(VOTES_SOURCE.into()),
            note: None,
        }));
    }
    let mut entities = order.countries(inputs);
    entities.extend(calls.calls.iter().map(roll_call));
    Dataset {
        input: inputs.to_string(),
        source: Some(votes_source(calls)),
        entities,
        relations,
        bad,
        skipped: votes_skipped(votes),
        notes: Vec::new(),
    }
}

/// The data sets `diplograph import` reads, by the name the command line
/// gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::VariantArray, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum DataSet {
    /// The COW state system list (`states2016.csv`).
    CowStates,
    /// COW IGO v3, state-year format (`state_year_formatv3.csv`, and
    /// optionally `igo_year_formatv3.csv` for the organizations' names).
    CowIgo,
    /// COW formal alliances v4.1: the dyad file or a dyad-year form.
    CowAlliances,
    /// Voeten's UN General Assembly votes and roll calls.
    UnVotes,
}

impl DataSet {
    /// Every data set (derived from the enum).
    pub const ALL: &'static [DataSet] = <DataSet as strum::VariantArray>::VARIANTS;

    /// The name the command line gives it (`cow-states`, …).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// How many files it takes, at least and at most.
    pub fn files(self) -> (usize, usize) {
        match self {
            DataSet::CowStates | DataSet::CowAlliances => (1, 1),
            DataSet::CowIgo | DataSet::UnVotes => (1, 2),
        }
    }
}

/// Opens `path` for a reader.
fn open(path: &Path) -> Result<std::io::BufReader<std::fs::File>, Error> {
    std::fs::File::open(path)
        .map(std::io::BufReader::new)
        .map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })
}

/// The header line of a CSV file, split and trimmed (lower case), for
/// telling two files of a data set apart.
fn header_of(path: &Path) -> Result<Vec<String>, Error> {
    use std::io::BufRead;
    let mut line = String::new();
    open(path)?
        .read_line(&mut line)
        .map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(line
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(|h| h.trim().trim_matches('"').to_ascii_lowercase())
        .collect())
}

/// A file's name as messages give it.
fn name(path: &Path) -> String {
    path.display().to_string()
}

/// Refuses a number of files the data set does not take.
fn check_count(set: DataSet, files: &[PathBuf]) -> Result<(), Error> {
    let (least, most) = set.files();
    if (least..=most).contains(&files.len()) {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "import {} takes {} file{}, not {}",
        set.name(),
        if least == most {
            least.to_string()
        } else {
            format!("{least} or {most}")
        },
        if most == 1 { "" } else { "s" },
        files.len()
    )))
}

/// The two files of a data set told apart by their headers: the one with
/// a column `column` (`role`), and the other (`other`). Refuses two files
/// of one role.
fn two_roles<'p>(
    set: DataSet,
    files: &'p [PathBuf],
    column: &str,
    (role, other): (&str, &str),
) -> Result<(Option<&'p Path>, Option<&'p Path>), Error> {
    let (mut with, mut without): (Option<&Path>, Option<&Path>) = (None, None);
    for path in files {
        let (slot, what) = if header_of(path)?.iter().any(|h| h == column) {
            (&mut with, role)
        } else {
            (&mut without, other)
        };
        if let Some(first) = slot.replace(path) {
            return Err(Error::Usage(format!(
                "import {}: {} and {} are both {what}; give one of each",
                set.name(),
                name(first),
                name(path)
            )));
        }
    }
    Ok((with, without))
}

/// The progress of reading several files one after another: each file's
/// bytes counted after those of the files before it.
struct Progress<'p> {
    done: u64,
    hear: &'p mut dyn FnMut(u64),
}

impl Progress<'_> {
    /// Reads `path` with `read`, reporting its bytes after those read
    /// before.
    fn file<T>(
        &mut self,
        path: &Path,
        read: impl FnOnce(
            std::io::BufReader<std::fs::File>,
            &str,
            &mut dyn FnMut(u64),
        ) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let at = self.done;
        let hear = &mut *self.hear;
        let value = read(open(path)?, &name(path), &mut |b| hear(at + b))?;
        self.done += std::fs::metadata(path).map_or(0, |m| m.len());
        Ok(value)
    }
}

/// The lines of the rows of a state-year file whose `ccode` is one of
/// `wanted` (a second pass, only when some code names no state).
fn ccode_lines(path: &Path, wanted: &BTreeSet<u16>) -> Result<BTreeMap<u16, Vec<u64>>, Error> {
    let mut table = Table::new(open(path)?, &name(path))?;
    let col = table.require(&[&["ccode"]])?[0];
    let mut lines: BTreeMap<u16, Vec<u64>> = BTreeMap::new();
    // Its bad rows were reported when the file was first read.
    let mut reported = Vec::new();
    while let Some(row) = table.next_good(&mut |_| {}, &mut reported)? {
        if let Ok(Some(c)) = row.whole_in(col, 0, i64::from(u16::MAX))
            && let Ok(c) = u16::try_from(c)
            && wanted.contains(&c)
        {
            lines.entry(c).or_default().push(row.line());
        }
    }
    Ok(lines)
}

/// `cow-igo`: the state-year file (it has a `ccode` column), and the
/// IGO-year file for the organizations' names (it has `ioname`).
fn read_igo(
    files: &[PathBuf],
    inputs: String,
    progress: &mut Progress<'_>,
) -> Result<Dataset, Error> {
    let (igo_year, state_year) = two_roles(
        DataSet::CowIgo,
        files,
        "ioname",
        ("IGO-year files", "state-year files"),
    )?;
    let Some(state_year) = state_year else {
        return Err(Error::Usage(
            "import cow-igo needs the state-year file (ccode, year, state, one column per IGO)"
                .into(),
        ));
    };
    let mut data = progress.file(state_year, |input, file, hear| {
        cow_igo::read(input, file, hear)
    })?;
    if let Some(path) = igo_year {
        let names = progress.file(path, |input, file, hear| {
            cow_igo::read_names(input, file, hear)
        })?;
        data.apply_names(&names);
    }
    let unknown = unknown_igo_ccodes(&data);
    let lines = if unknown.is_empty() {
        BTreeMap::new()
    } else {
        ccode_lines(state_year, &unknown)?
    };
    let mut set = igo_dataset(&name(state_year), &data, &lines);
    set.input = inputs;
    Ok(set)
}

/// `un-votes`: the roll calls (they have a `date` column) and the votes.
fn read_un_votes(
    files: &[PathBuf],
    inputs: &str,
    progress: &mut Progress<'_>,
) -> Result<Dataset, Error> {
    let (calls_file, votes_file) = two_roles(
        DataSet::UnVotes,
        files,
        "date",
        ("roll-call files", "votes files"),
    )?;
    let (Some(votes_file), Some(calls_file)) = (votes_file, calls_file) else {
        return Err(Error::Usage(
            "import un-votes needs two files: the votes (rcid, country, country_code, vote — or rcid, ccode, session, vote) and the roll calls (rcid, session, date, …), which give each vote its day".into(),
        ));
    };
    let calls = progress.file(calls_file, |input, file, hear| {
        un_votes::read_roll_calls(input, file, hear)
    })?;
    let read = progress.file(votes_file, |input, file, hear| {
        un_votes::read_votes(input, file, Some(&calls), hear)
    })?;
    Ok(votes(
        inputs,
        &name(votes_file),
        &read,
        &name(calls_file),
        &calls,
    ))
}

/// Reads the files of data set `set` into a [`Dataset`]. `progress` hears
/// the bytes read, over all files.
pub fn read(
    set: DataSet,
    files: &[PathBuf],
    progress: &mut dyn FnMut(u64),
) -> Result<Dataset, Error> {
    check_count(set, files)?;
    let inputs = files
        .iter()
        .map(|p| name(p))
        .collect::<Vec<_>>()
        .join(" and ");
    let mut progress = Progress {
        done: 0,
        hear: progress,
    };
    match set {
        DataSet::CowStates => {
            let data = progress.file(&files[0], |input, file, hear| {
                cow_states::read(input, file, hear)
            })?;
            Ok(states(&name(&files[0]), &data))
        }
        DataSet::CowAlliances => {
            let data = progress.file(&files[0], |input, file, hear| {
                cow_alliances::read(input, file, hear)
            })?;
            Ok(alliances(&name(&files[0]), &data))
        }
        DataSet::CowIgo => read_igo(files, inputs, &mut progress),
        DataSet::UnVotes => read_un_votes(files, &inputs, &mut progress),
    }
}

/// `diplograph import SET FILE…`: reads the files and merges them into
/// the database at `db` in one validated, atomic write (or, with
/// `dry_run`, only says what it would add).
pub fn import(
    db: &Path,
    set: DataSet,
    files: &[PathBuf],
    dry_run: bool,
    progress: &mut dyn FnMut(u64),
) -> Result<crate::edit::Outcome, Error> {
    let data = read(set, files, progress)?;
    if let Some(refusal) = data.refusal() {
        return Err(refusal);
    }
    crate::edit::edit_file(db, dry_run, |doc, _| super::dataset::commit(doc, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_worded_with_their_number() {
        assert_eq!(plural(1, "cell", "cells"), "1 cell");
        assert_eq!(plural(0, "cell", "cells"), "0 cells");
        assert_eq!(plural(138_874, "cell", "cells"), "138,874 cells");
        assert_eq!(plural(1_000_000, "cell", "cells"), "1,000,000 cells");
    }

    #[test]
    fn a_code_cow_never_used_is_a_bad_row_on_every_line_given() {
        let data = cow_igo::read(
            &b"ccode,year,un\n2,2000,1\n999,2000,1\n999,2001,1\n"[..],
            "igo.csv",
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(unknown_igo_ccodes(&data), BTreeSet::from([999]));
        // Without the file's lines: the code once, at line 0.
        let set = igos("igo.csv", &data);
        let lines: Vec<u64> = set.bad.iter().map(|(_, b)| b.line).collect();
        assert_eq!(lines, [0]);
        // With them: every row.
        let set = igo_dataset("igo.csv", &data, &BTreeMap::from([(999, vec![3, 4])]));
        let rows: Vec<String> = set
            .bad
            .iter()
            .map(|(f, b)| format!("{f}:{}: {}", b.line, b.message))
            .collect();
        assert_eq!(
            rows,
            [
                "igo.csv:3: column `ccode`: value \"999\": no state in the COW list",
                "igo.csv:4: column `ccode`: value \"999\": no state in the COW list",
            ]
        );
        // The good state keeps its membership.
        assert_eq!(set.relations.len(), 1);
    }

    #[test]
    fn a_roll_call_without_title_is_named_by_its_resolution_else_its_number() {
        let calls = un_votes::read_roll_calls(
            &b"rcid,session,date,unres,short\n1,1,1946-01-01,R/1/1,\n2,1,1946-01-02,  ,\n"[..],
            "calls.csv",
            &mut |_| {},
        )
        .unwrap();
        let names: Vec<String> = calls
            .calls
            .iter()
            .map(|c| match roll_call(c) {
                EntityRecord::RollCall(r) => r.name,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            names,
            ["R/1/1 (roll call 1)", "UN General Assembly roll call 2"]
        );
    }
}
