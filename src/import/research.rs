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

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use super::dataset::Dataset;
use super::runs::runs;
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

/// `cow-igo`: organizations with their founding and dissolution years,
/// and full, associate and observer memberships, from the IGO v3
/// state-year file.
#[expect(
    clippy::too_many_lines,
    reason = "one data set's mapping read top to bottom: source, entities, relations; split in the next pass"
)]
pub fn igos(file: &str, data: &cow_igo::IgoData) -> Dataset {
    const SOURCE: &str = "cow-igo-3";
    let (first_year, last_year) = (
        data.first_year.unwrap_or(1816),
        data.last_year.unwrap_or(2014),
    );
    let mut ids = YearIds::default();
    let mut bad = labelled(file, &data.bad);
    // Per (entity, IGO): the status of each year (two codes of one entity
    // in one year: the stronger status).
    let mut years: BTreeMap<(&'static str, usize), BTreeMap<i32, cow_igo::Status>> =
        BTreeMap::new();
    let mut order: Vec<&'static str> = Vec::new();
    for m in &data.memberships {
        for y in m.run.first..=m.run.last {
            let Some(id) = ids.id(m.ccode, y) else {
                bad.push((
                    file.to_string(),
                    BadRow {
                        line: 0,
                        message: format!(
                            "column `ccode`: value \"{}\": no state in the COW list",
                            m.ccode
                        ),
                    },
                ));
                break;
            };
            if !order.contains(&id) {
                order.push(id);
            }
            let slot = years
                .entry((id, m.igo))
                .or_default()
                .entry(y)
                .or_insert(m.run.value);
            *slot = (*slot).min(m.run.value);
        }
    }
    let mut relations = Vec::new();
    for ((id, igo), by_year) in &years {
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
    let mut entities: Vec<EntityRecord> = order
        .iter()
        .map(|id| country(id, Vec::new(), file))
        .collect();
    let unnamed = data.igos.iter().filter(|i| i.name.is_none()).count();
    for igo in &data.igos {
        entities.push(EntityRecord::Organization(OrganizationRecord {
            id: igo_id(&igo.abb),
            name: igo.name.clone().unwrap_or_else(|| match igo_id(&igo.abb) {
                id if id == igo.abb.to_ascii_uppercase() => id,
                _ => format!("{} (IGO)", igo.abb.to_ascii_uppercase()),
            }),
            aliases: Vec::new(),
            // A first year at the data's start is a left-censored one:
            // founded then or before.
            founded: igo.first.filter(|y| *y > first_year).map(year),
            dissolved: igo.last.filter(|y| *y < last_year).map(|y| year(y + 1)),
            universal: false,
            note: Some(format!(
                "COW IGO `{}`; created by import from {file}",
                igo.abb
            )),
        }));
    }
    let mut notes = vec![format!(
        "{} cells missing (−9), read as unknown: a missing year ends a membership's run and starts none",
        data.missing
    )];
    if unnamed > 0 {
        notes.push(format!(
            "{unnamed} organizations are named by their abbreviation: the state-year file has no full names (give the IGO-year file too for them)"
        ));
    }
    Dataset {
        input: file.to_string(),
        source: Some(SourceRecord {
            id: SOURCE.into(),
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
        }),
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

/// `cow-alliances`: one `alliance` per dyad and run of years (dyad-year
/// forms) or per dyad and alliance (the dyad file), typed by the strongest
/// obligation.
#[expect(
    clippy::too_many_lines,
    reason = "one data set's mapping read top to bottom: source, entities, relations; split in the next pass"
)]
pub fn alliances(file: &str, data: &cow_alliances::Alliances) -> Dataset {
    const SOURCE: &str = "cow-alliances-4.1";
    let mut ids = YearIds::default();
    let mut bad = labelled(file, data.bad());
    let mut relations = Vec::new();
    let mut order: Vec<&'static str> = Vec::new();
    let mut skipped = BTreeMap::new();
    let remember = |id: &'static str, order: &mut Vec<&'static str>| {
        if !order.contains(&id) {
            order.push(id);
        }
    };
    let (first_year, last_year) = match data {
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
    };
    match data {
        cow_alliances::Alliances::Years(y) => {
            // Per entity pair: the strongest type of each year.
            let mut years: BTreeMap<
                (&'static str, &'static str),
                BTreeMap<i32, Option<AllianceType>>,
            > = BTreeMap::new();
            for spell in &y.spells {
                for yr in spell.run.first..=spell.run.last {
                    let (Some(a), Some(b)) = (ids.id(spell.ccode1, yr), ids.id(spell.ccode2, yr))
                    else {
                        bad.push((
                            file.to_string(),
                            BadRow {
                                line: spell.line,
                                message: format!(
                                    "columns `ccode1`, `ccode2`: values \"{}\", \"{}\": no state in the COW list",
                                    spell.ccode1, spell.ccode2
                                ),
                            },
                        ));
                        break;
                    };
                    if a == b {
                        *skipped
                            .entry("dyad-years of one entity with itself".to_string())
                            .or_insert(0) += 1;
                        continue;
                    }
                    remember(a, &mut order);
                    remember(b, &mut order);
                    let pair = if a < b { (a, b) } else { (b, a) };
                    let t = spell.run.value.map(alliance_type);
                    let slot = years.entry(pair).or_default().entry(yr).or_insert(t);
                    *slot = strongest(*slot, t);
                }
            }
            for ((a, b), by_year) in &years {
                for run in runs(by_year.iter().map(|(yr, t)| (*yr, Some(*t))), last_year) {
                    relations.push(RelationRecord::Alliance(AllianceRecord {
                        from: (*a).to_string(),
                        to: (*b).to_string(),
                        alliance_type: run.value,
                        since: Some(year(run.first)),
                        until: (!run.open).then(|| year(run.last + 1)),
                        source: Some(SOURCE.into()),
                        note: None,
                    }));
                }
            }
        }
        cow_alliances::Alliances::Dyads(d) => {
            for dyad in &d.dyads {
                let start_year = i32::from(dyad.start.year());
                let (Some(a), Some(b)) = (
                    ids.id(dyad.ccode1, start_year),
                    ids.id(dyad.ccode2, start_year),
                ) else {
                    bad.push((
                        file.to_string(),
                        BadRow {
                            line: dyad.line,
                            message: format!(
                                "columns `ccode1`, `ccode2`: values \"{}\", \"{}\": no state in the COW list",
                                dyad.ccode1, dyad.ccode2
                            ),
                        },
                    ));
                    continue;
                };
                if a == b {
                    *skipped
                        .entry("dyads of one entity with itself".to_string())
                        .or_insert(0) += 1;
                    continue;
                }
                remember(a, &mut order);
                remember(b, &mut order);
                // The end is the last day in force: `until` is the day
                // (month, year) after it; none while still in force.
                let until = match (dyad.end, dyad.right_censor) {
                    (_, Some(true)) | (None, _) => None,
                    (Some(end), _) => end.following().map(|d| d.to_string()),
                };
                let (from, to) = if a < b { (a, b) } else { (b, a) };
                relations.push(RelationRecord::Alliance(AllianceRecord {
                    from: from.to_string(),
                    to: to.to_string(),
                    alliance_type: dyad.kind.map(alliance_type),
                    since: Some(dyad.start.to_string()),
                    until,
                    source: Some(SOURCE.into()),
                    note: Some(format!("COW alliance {}", dyad.id)),
                }));
            }
        }
    }
    let entities = order
        .iter()
        .map(|id| country(id, Vec::new(), file))
        .collect();
    Dataset {
        input: file.to_string(),
        source: Some(SourceRecord {
            id: SOURCE.into(),
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
        }),
        entities,
        relations,
        bad,
        skipped,
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

/// `un-votes`: one roll-call entity per roll call and one `vote` per
/// country and roll call, from Voeten's UN General Assembly data.
#[expect(
    clippy::too_many_lines,
    reason = "one data set's mapping read top to bottom: source, entities, relations; split in the next pass"
)]
pub fn votes(
    inputs: &str,
    votes_file: &str,
    votes: &un_votes::Votes,
    calls_file: &str,
    calls: &un_votes::RollCalls,
) -> Dataset {
    const SOURCE: &str = "unvotes";
    let mut bad = labelled(votes_file, &votes.bad);
    bad.extend(labelled(calls_file, &calls.bad));
    let day_of_call: HashMap<u32, Date> = calls.calls.iter().map(|c| (c.rcid, c.date)).collect();
    let mut order: Vec<&'static str> = Vec::new();
    let mut seen: std::collections::HashSet<&'static str> = std::collections::HashSet::new();
    let mut resolved: HashMap<(un_votes::Country, Date), Option<&'static str>> = HashMap::new();
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
            .entry((vote.country.clone(), day))
            .or_insert_with(|| {
                let state: Option<Identity> = match &vote.country {
                    un_votes::Country::Named { name, alpha2 } => {
                        codes::resolve_un_member(name, alpha2.as_deref(), day).ok()
                    }
                    un_votes::Country::Cow(ccode) => {
                        codes::lookup(codes::Scheme::Cow, &ccode.to_string(), day)
                            .ok()
                            .or_else(|| codes::cow_near_year(*ccode, i32::from(day.year())))
                    }
                };
                state.and_then(|s| s.id())
            });
        let Some(id) = id else {
            let (column, value) = match &vote.country {
                un_votes::Country::Named { name, alpha2 } => (
                    "country",
                    format!(
                        "{name}{}",
                        alpha2.as_ref().map_or(String::new(), |a| format!(" ({a})"))
                    ),
                ),
                un_votes::Country::Cow(ccode) => ("ccode", ccode.to_string()),
            };
            bad.push((
                votes_file.to_string(),
                BadRow {
                    line: vote.line,
                    message: format!("column `{column}`: value \"{value}\": no state of that name or code on {day}"),
                },
            ));
            continue;
        };
        if seen.insert(id) {
            order.push(id);
        }
        relations.push(RelationRecord::Vote(VoteRecord {
            from: id.to_string(),
            to: roll_call_id(vote.rcid),
            position: ballot(vote.vote),
            since: None,
            until: None,
            source: Some(SOURCE.into()),
            note: None,
        }));
    }
    let mut entities: Vec<EntityRecord> = order
        .iter()
        .map(|id| country(id, Vec::new(), inputs))
        .collect();
    for call in &calls.calls {
        // Titles are one line: a stray tab of the transcription is a space.
        let title = call
            .short
            .as_deref()
            .map(|t| printable(t).replace(['\n', '\t'], " "))
            .filter(|s| !s.trim().is_empty());
        let name = match (&title, &call.unres) {
            (Some(t), _) => format!("{t} (roll call {})", call.rcid),
            (None, Some(res)) => format!(
                "{} (roll call {})",
                printable(res).replace(['\n', '\t'], " "),
                call.rcid
            ),
            (None, None) => format!("UN General Assembly roll call {}", call.rcid),
        };
        entities.push(EntityRecord::RollCall(RollCallRecord {
            id: roll_call_id(call.rcid),
            name,
            aliases: Vec::new(),
            date: call.date.to_string(),
            session: Some(call.session),
            resolution: call
                .unres
                .as_deref()
                .map(|r| printable(r).replace(['\n', '\t'], " "))
                .filter(|r| !r.trim().is_empty()),
            important: call.important,
            amendment: call.amend,
            paragraph: call.para,
            note: call
                .descr
                .as_deref()
                .map(printable)
                .filter(|d| !d.trim().is_empty()),
        }));
    }
    let first = calls.calls.iter().map(|c| c.date).min();
    let last = calls.calls.iter().map(|c| c.date).max();
    let mut skipped = BTreeMap::new();
    if votes.absent > 0 {
        skipped.insert("absent (8)".to_string(), votes.absent);
    }
    if votes.not_member > 0 {
        skipped.insert("not a member (9)".to_string(), votes.not_member);
    }
    Dataset {
        input: inputs.to_string(),
        source: Some(SourceRecord {
            id: SOURCE.into(),
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
        }),
        entities,
        relations,
        bad,
        skipped,
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
fn open(path: &std::path::Path) -> Result<std::io::BufReader<std::fs::File>, Error> {
    std::fs::File::open(path)
        .map(std::io::BufReader::new)
        .map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })
}

/// The header line of a CSV file, split and trimmed (lower case), for
/// telling two files of a data set apart.
fn header_of(path: &std::path::Path) -> Result<Vec<String>, Error> {
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

/// Reads the files of data set `set` into a [`Dataset`]. `progress` hears
/// the bytes read, over all files.
#[expect(
    clippy::too_many_lines,
    reason = "one data set's mapping read top to bottom: source, entities, relations; split in the next pass"
)]
pub fn read(
    set: DataSet,
    files: &[std::path::PathBuf],
    progress: &mut dyn FnMut(u64),
) -> Result<Dataset, Error> {
    let (least, most) = set.files();
    if files.len() < least || files.len() > most {
        return Err(Error::Usage(format!(
            "import {} takes {} file{}, not {}",
            set.name(),
            if least == most {
                least.to_string()
            } else {
                format!("{least} or {most}")
            },
            if most == 1 { "" } else { "s" },
            files.len()
        )));
    }
    let name = |p: &std::path::Path| p.display().to_string();
    let inputs = files
        .iter()
        .map(|p| name(p))
        .collect::<Vec<_>>()
        .join(" and ");
    let mut done = 0u64;
    let mut step = |path: &std::path::Path| -> u64 {
        let before = done;
        done += std::fs::metadata(path).map_or(0, |m| m.len());
        before
    };
    match set {
        DataSet::CowStates => {
            let data = cow_states::read(open(&files[0])?, &name(&files[0]), progress)?;
            Ok(states(&name(&files[0]), &data))
        }
        DataSet::CowAlliances => {
            let data = cow_alliances::read(open(&files[0])?, &name(&files[0]), progress)?;
            Ok(alliances(&name(&files[0]), &data))
        }
        DataSet::CowIgo => {
            // The state-year file has a `ccode` column; the IGO-year file
            // an `ioname`.
            let mut state_year = None;
            let mut igo_year = None;
            for path in files {
                if header_of(path)?.iter().any(|h| h == "ioname") {
                    igo_year = Some(path);
                } else {
                    state_year = Some(path);
                }
            }
            let Some(state_year) = state_year else {
                return Err(Error::Usage(
                    "import cow-igo needs the state-year file (ccode, year, state, one column per IGO)".into(),
                ));
            };
            let at = step(state_year);
            let mut data = cow_igo::read(open(state_year)?, &name(state_year), &mut |b| {
                progress(at + b);
            })?;
            if let Some(path) = igo_year {
                let at = step(path);
                let names =
                    cow_igo::read_names(open(path)?, &name(path), &mut |b| progress(at + b))?;
                data.apply_names(&names);
            }
            let mut set = igos(&name(state_year), &data);
            set.input = inputs;
            Ok(set)
        }
        DataSet::UnVotes => {
            let mut votes_file = None;
            let mut calls_file = None;
            for path in files {
                if header_of(path)?.iter().any(|h| h == "date") {
                    calls_file = Some(path);
                } else {
                    votes_file = Some(path);
                }
            }
            let (Some(votes_file), Some(calls_file)) = (votes_file, calls_file) else {
                return Err(Error::Usage(
                    "import un-votes needs two files: the votes (rcid, country, country_code, vote — or rcid, ccode, session, vote) and the roll calls (rcid, session, date, …), which give each vote its day".into(),
                ));
            };
            let at = step(calls_file);
            let calls =
                un_votes::read_roll_calls(open(calls_file)?, &name(calls_file), &mut |b| {
                    progress(at + b);
                })?;
            let at = step(votes_file);
            let read = un_votes::read_votes(
                open(votes_file)?,
                &name(votes_file),
                Some(&calls),
                &mut |b| {
                    progress(at + b);
                },
            )?;
            Ok(votes(
                &inputs,
                &name(votes_file),
                &read,
                &name(calls_file),
                &calls,
            ))
        }
    }
}

/// `diplograph import SET FILE…`: reads the files and merges them into
/// the database at `db` in one validated, atomic write (or, with
/// `dry_run`, only says what it would add).
pub fn import(
    db: &std::path::Path,
    set: DataSet,
    files: &[std::path::PathBuf],
    dry_run: bool,
    progress: &mut dyn FnMut(u64),
) -> Result<crate::edit::Outcome, Error> {
    let data = read(set, files, progress)?;
    if let Some(refusal) = data.refusal() {
        return Err(refusal);
    }
    crate::edit::edit_file(db, dry_run, |doc, _| super::dataset::commit(doc, data))
}
