//! The research data sets in `../shared/peer/`, imported through the real
//! binary, agree with the files: every state-year's IGO memberships, every
//! dyad-year's alliance, every vote. Skipped (one line) when the data is
//! absent; nothing of it is ever copied into the repository.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use diplograph::codes;
use diplograph::graph::{DiploGraph, When};
use diplograph::model::{Ballot, EntityKind, RelationKind};
use diplograph::store::Origin;

use crate::support::dg;

/// `../shared/peer`, or `None` (after saying so) when it is absent.
pub(crate) fn peer() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipping: ../shared/peer not found");
        None
    }
}

/// A database made by `init` and the imports given, once per test run.
fn build(name: &str, imports: &[(&str, &[&str])]) -> PathBuf {
    let peer = peer().expect("called only when the data is present");
    let dir = std::env::temp_dir().join(format!("diplograph-real-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join(name);
    let _ = std::fs::remove_file(&db);
    dg(["init", "--checked", "2024-07-28"]).graph(&db).text();
    for (set, files) in imports {
        let mut args = vec!["import".to_string(), (*set).to_string()];
        args.extend(files.iter().map(|f| peer.join(f).display().to_string()));
        let out = dg(&args).graph(&db).run();
        assert_eq!(out.code, 0, "import {set}: {}", out.stderr);
    }
    db
}

const STATES: &str = "cow/states2016.csv";
const IGO: &str = "cow_igo/state_year_formatv3.csv";
const ALLIANCES: &str = "cow/peacesciencer_cow_alliance.csv";
const VOTES: &str = "unvotes/un_votes.csv";
const ROLL_CALLS: &str = "unvotes/un_roll_calls.csv";

/// States, IGOs and alliances (the votes get a database of their own, so
/// that counting memberships year by year does not walk every vote).
pub(crate) fn cow() -> &'static PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        build(
            "cow.ron",
            &[
                ("cow-states", &[STATES]),
                ("cow-igo", &[IGO]),
                ("cow-alliances", &[ALLIANCES]),
            ],
        )
    })
}

pub(crate) fn votes() -> &'static PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        build(
            "votes.ron",
            &[
                ("cow-states", &[STATES]),
                ("un-votes", &[VOTES, ROLL_CALLS]),
            ],
        )
    })
}

fn graph(db: &Path) -> DiploGraph {
    DiploGraph::load(&Origin::File(db.to_path_buf())).unwrap()
}

/// The rows of a peer CSV file as maps from header to value.
fn rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn july(year: i32) -> jiff::civil::Date {
    jiff::civil::date(year as i16, 7, 1)
}

/// The day a yearly row of states is checked on: 1 July, or where one of
/// them is not a state then (the Bahamas became one on 1973-07-10), the
/// first day after it in that year on which all are, else the last before
/// it; `None` when no day of the year has them all. A state-year is the
/// state in that year, and a dated view holds nothing for a state on a
/// day it did not exist.
fn day_in(
    g: &DiploGraph,
    nodes: &[petgraph::graph::NodeIndex],
    year: i32,
) -> Option<jiff::civil::Date> {
    let exists = |day: jiff::civil::Date| {
        nodes.iter().all(|n| {
            matches!(
                g.existence(*n, When::On(day)),
                diplograph::graph::Existence::Exists
            )
        })
    };
    if exists(july(year)) {
        return Some(july(year));
    }
    let first = jiff::civil::date(year as i16, 1, 1);
    let inside: Vec<_> = (0..366)
        .filter_map(|d| first.checked_add(jiff::Span::new().days(d)).ok())
        .filter(|d| i32::from(d.year()) == year && exists(*d))
        .collect();
    inside
        .iter()
        .find(|d| **d > july(year))
        .or(inside.last())
        .copied()
}

/// The entity a COW number names in a year of a yearly data set.
fn entity_in(ccode: u16, year: i32) -> &'static str {
    codes::cow_near_year(ccode, year)
        .and_then(|s| s.id())
        .unwrap_or_else(|| panic!("COW {ccode} in {year} names no state"))
}

#[test]
fn every_state_year_holds_the_igo_memberships_the_file_counts() {
    let Some(peer) = peer() else { return };
    let g = graph(cow());
    let kinds = [
        RelationKind::Member,
        RelationKind::Associate,
        RelationKind::Observer,
    ];
    let counts = rows(&peer.join("cow/peacesciencer_cow_igo_sy.csv"));
    assert_eq!(counts.len(), 15_557);
    // Two COW numbers that are one entity in one year (West and unified
    // Germany in 1990, North and unified Yemen in 1990): the database
    // holds the union, which cannot be less than either count.
    let mut coded: HashMap<(&str, i32), Vec<u16>> = HashMap::new();
    for row in &counts {
        let (ccode, year): (u16, i32) =
            (row["ccode"].parse().unwrap(), row["year"].parse().unwrap());
        coded
            .entry((entity_in(ccode, year), year))
            .or_default()
            .push(ccode);
    }
    let mut checked = 0;
    let mut shared = BTreeMap::new();
    for row in &counts {
        let (ccode, year): (u16, i32) =
            (row["ccode"].parse().unwrap(), row["year"].parse().unwrap());
        let id = entity_in(ccode, year);
        let want = [
            row["sum_igo_full"].parse::<u32>().unwrap(),
            row["sum_igo_associate"].parse::<u32>().unwrap(),
            row["sum_igo_observer"].parse::<u32>().unwrap(),
        ];
        let node = g.node(id).unwrap();
        let view = g.at(When::On(day_in(&g, &[node], year).unwrap_or(july(year))));
        let mut got = [0u32; 3];
        for (edge, _, outgoing) in view.incident_edges(node) {
            if let Some(slot) = kinds.iter().position(|k| *k == g.kind(edge))
                && outgoing
            {
                got[slot] += 1;
            }
        }
        if coded[&(id, year)].len() > 1 {
            assert!(
                got.iter().zip(&want).all(|(g, w)| g >= w),
                "{id} {year} (COW {ccode}): {got:?} < {want:?}"
            );
            shared.insert((id, year), coded[&(id, year)].clone());
        } else {
            assert_eq!(
                got, want,
                "{id} {year} (COW {ccode}): full, associate, observer"
            );
            checked += 1;
        }
    }
    // The shared entity-years are exactly the unifications.
    let shared: Vec<String> = shared
        .iter()
        .map(|((id, year), ccodes)| format!("{id} {year} {ccodes:?}"))
        .collect();
    // None: the IGO file codes unified Germany 255 from 1991 only, and
    // unified Yemen 679 from 1991.
    assert!(shared.is_empty(), "{shared:?}");
    assert_eq!(checked, 15_557);
}

/// Undirected dyad-years of the alliance file in which one of the two
/// states is outside its COW spells all year (counted on the data).
const OUTSIDE_SPELLS: usize = 372;

#[test]
fn every_dyad_year_of_the_alliance_file_is_an_alliance_in_force_and_no_other() {
    let Some(peer) = peer() else { return };
    let g = graph(cow());
    let alliances: Vec<_> = g
        .at(When::AllTime)
        .relations_of_kind(RelationKind::Alliance)
        .collect();
    let file = rows(&peer.join(ALLIANCES));
    assert_eq!(file.len(), 120_784);
    let mut want: HashSet<(String, String, i32)> = HashSet::new();
    for row in &file {
        let year: i32 = row["year"].parse().unwrap();
        let a = entity_in(row["ccode1"].parse().unwrap(), year);
        let b = entity_in(row["ccode2"].parse().unwrap(), year);
        if a != b {
            want.insert((a.to_string(), b.to_string(), year));
        }
    }
    // Every dyad-year of the file: an alliance in force that year, on a
    // day both states exist (1 July where they do). The file also codes
    // 78 state-years outside the states' COW spells (COW 260 in 1954,
    // Djibouti in 1976): there the alliance is recorded for the year, but
    // no day of it has both states, so no dated view holds it.
    let mut not_in_force = Vec::new();
    let mut outside_statehood = HashSet::new();
    for (a, b, year) in &want {
        let (na, nb) = (g.node(a).unwrap(), g.node(b).unwrap());
        let Some(day) = day_in(&g, &[na, nb], *year) else {
            outside_statehood.insert((a.min(b).clone(), a.max(b).clone(), *year));
            continue;
        };
        let found = g
            .at(When::On(day))
            .incident_edges(na)
            .any(|(e, other, _)| other == nb && g.kind(e) == RelationKind::Alliance);
        if !found {
            not_in_force.push((a.clone(), b.clone(), *year));
        }
    }
    // And no other: every year an alliance of the database spans is a
    // dyad-year of the file.
    let mut held: HashSet<(String, String, i32)> = HashSet::new();
    for &edge in &alliances {
        let (a, b) = g.endpoints(edge);
        let (a, b) = (g.entity(a).id.clone(), g.entity(b).id.clone());
        let v = g.relation(edge).validity;
        let first = i32::from(v.since.unwrap().year());
        let last = v.until.map_or(2012, |u| i32::from(u.year()) - 1);
        for year in first..=last {
            held.insert((a.clone(), b.clone(), year));
            held.insert((b.clone(), a.clone(), year));
        }
    }
    assert!(
        not_in_force.is_empty(),
        "dyad-years of the file not in force: {:?}",
        &not_in_force[..not_in_force.len().min(5)]
    );
    let missing: Vec<_> = want.difference(&held).take(5).collect();
    let extra: Vec<_> = held.difference(&want).take(5).collect();
    assert!(
        missing.is_empty(),
        "dyad-years of the file not recorded: {missing:?}"
    );
    assert_eq!(outside_statehood.len(), OUTSIDE_SPELLS);
    assert!(
        extra.is_empty(),
        "alliances in force the file does not have: {extra:?}"
    );
    // The type is the strongest obligation: NATO's members are defence
    // allies, the United States and Canada since 1949.
    let usa_can = alliances.iter().find(|e| {
        let (a, b) = g.endpoints(**e);
        let ids = [g.entity(a).id.as_str(), g.entity(b).id.as_str()];
        ids.contains(&"USA") && ids.contains(&"CAN")
    });
    let relation = g.relation(*usa_can.expect("USA–CAN alliance"));
    assert_eq!(
        relation.alliance,
        Some(diplograph::model::AllianceType::Defense)
    );
    assert_eq!(
        relation.validity.since.map(|d| d.to_string()),
        Some("1949".into())
    );
}

#[test]
fn every_vote_is_a_relation_with_its_ballot() {
    let Some(_) = peer() else { return };
    let g = graph(votes());
    let all = g.at(When::AllTime);
    let mut ballots: BTreeMap<String, usize> = BTreeMap::new();
    for edge in all.relations_of_kind(RelationKind::Vote) {
        *ballots
            .entry(
                g.relation(edge)
                    .ballot
                    .map_or("none", Ballot::name)
                    .to_string(),
            )
            .or_default() += 1;
    }
    assert_eq!(ballots.values().sum::<usize>(), 870_109);
    assert_eq!(ballots["yes"], 693_664);
    assert_eq!(ballots["no"], 65_548);
    assert_eq!(ballots["abstain"], 110_897);
    let roll_calls = g
        .nodes()
        .filter(|n| g.entity_kind(*n) == EntityKind::RollCall)
        .count();
    assert_eq!(roll_calls, 6_203);
    // The Soviet Union voted as SUN until 1991, Russia after: one seat,
    // two entities, as the code table has it.
    let on = |day: &str, id: &str| {
        let day: jiff::civil::Date = day.parse().unwrap();
        let node = g.node(id).unwrap();
        g.at(When::On(day))
            .incident_edges(node)
            .filter(|(e, _, _)| g.kind(*e) == RelationKind::Vote)
            .count()
    };
    assert!(on("1946-01-01", "SUN") > 0 || on("1946-01-02", "SUN") > 0);
    assert_eq!(on("1946-01-01", "RUS"), 0);
}

#[test]
fn the_state_system_is_one_entity_per_iso_state_with_its_spells() {
    let Some(_) = peer() else { return };
    let shown = dg(["show", "DEU"]).graph(cow()).json();
    let spells: Vec<(String, String)> = shown["statehood"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["since"].as_str().unwrap_or("").to_string(),
                s["until"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    // COW 255 to 1945-05-08, 260 from 1955-05-05, 255 again from
    // 1990-10-03: West and unified Germany are one run.
    assert_eq!(
        spells,
        [
            ("1816-01-01".to_string(), "1945-05-09".to_string()),
            ("1955-05-05".to_string(), String::new())
        ]
    );
    let ussr = dg(["show", "SUN"]).graph(cow()).json();
    assert_eq!(ussr["statehood"][0]["since"], "1922-12-30");
    assert_eq!(ussr["statehood"][0]["until"], "1991-12-26");
    // Re-importing changes nothing, byte for byte.
    let before = std::fs::read(cow()).unwrap();
    let peer = peer().unwrap();
    for (set, file) in [("cow-states", STATES), ("cow-alliances", ALLIANCES)] {
        let text = dg(["import", set, &peer.join(file).display().to_string()])
            .graph(cow())
            .text();
        assert!(text.contains("relations added: none"), "{text}");
        assert!(text.contains("entities created: none"), "{text}");
    }
    assert_eq!(std::fs::read(cow()).unwrap(), before);
}
