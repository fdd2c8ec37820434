//! What the importers ask of the table ([`super::resolve`]): entity spans
//! against `lookup` day by day, the state of a yearly row, the UN votes'
//! codes and names, and the countries created for ids; and, where
//! `../shared/peer` is present, every code-year and vote row of the real
//! data sets (read at test time, never copied).

#![expect(
    clippy::unreadable_literal,
    reason = "days are written yyyymmdd, as in the tables"
)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::Instant;

use jiff::civil::{Date, date};

use super::*;

/// The last day the consistency tests walk to (an open spell runs on).
const TODAY: u32 = 20251231;

fn day_of(key: u32) -> Date {
    date(
        i16::try_from(key / 10_000).unwrap(),
        i8::try_from(key / 100 % 100).unwrap(),
        i8::try_from(key % 100).unwrap(),
    )
}

fn un(name: &str, code: &str, y: i16, m: i8, d: i8) -> &'static str {
    resolve_un_member(name, Some(code), date(y, m, d))
        .unwrap_or_else(|e| panic!("{name} {code}: {e}"))
        .id()
        .unwrap()
}

/// `../shared/peer`, or `None` after printing the one line that says so.
fn peer() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/peer");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipping: ../shared/peer not found");
        None
    }
}

/// The columns `names` of a CSV file, row by row, as text.
fn columns(path: &std::path::Path, names: &[&str]) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let at: Vec<usize> = names
        .iter()
        .map(|n| header.iter().position(|h| h == *n).unwrap())
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            at.iter().map(|&i| r[i].to_string()).collect()
        })
        .collect()
}

/// A number as the R exports write it (`2`, `2.0`).
fn number(text: &str) -> i32 {
    text.parse::<f64>().map(|f| f as i32).unwrap()
}

#[test]
fn entity_spans_of_the_traps() {
    assert_eq!(
        entity_spans(365, 19220101, 20161231),
        [
            ("RUS", 19220101, 19221229),
            ("SUN", 19221230, 19911225),
            ("RUS", 19911226, 20161231),
        ]
    );
    // One entity before 1945 and after 1990; the days between, outside
    // the system and any ISO line of COW 255, take COW's letter code.
    assert_eq!(
        entity_spans(255, 18160101, 19450508),
        [("DEU", 18160101, 19450508)]
    );
    assert_eq!(entity_spans(255, 19901003, OPEN), [("DEU", 19901003, OPEN)]);
    assert_eq!(
        entity_spans(255, 19450501, 19901010),
        [
            ("DEU", 19450501, 19450508),
            ("GMY", 19450509, 19901002),
            ("DEU", 19901003, 19901010)
        ]
    );
    assert_eq!(
        entity_spans(345, 19441020, 20161231),
        [
            // The Federal Republic of Yugoslavia (1992) is Serbia and
            // Montenegro renamed (2003): one entity, SCG.
            ("YUG", 19441020, 19920427),
            ("SCG", 19920428, 20060604),
            ("SRB", 20060605, 20161231),
        ]
    );
    assert_eq!(
        entity_spans(678, 19260902, 19900521),
        [("YEM", 19260902, 19900521)]
    );
    assert_eq!(entity_spans(679, 19900522, OPEN), [("YEM", 19900522, OPEN)]);
    assert_eq!(
        entity_spans(680, 19671130, 19900521),
        [("YMD", 19671130, 19900521)]
    );
    assert_eq!(
        entity_spans(265, 19540325, 19901002),
        [("DDR", 19540325, 19901002)]
    );
    assert_eq!(
        entity_spans(245, 18160101, 18710118),
        [("BAV", 18160101, 18710118)]
    );
    // Burma and Myanmar are one entity; North Vietnam is not Vietnam.
    assert_eq!(entity_spans(775, 19480104, OPEN), [("MMR", 19480104, OPEN)]);
    assert_eq!(
        entity_spans(816, 19540721, OPEN),
        [("VDR", 19540721, 19760701), ("VNM", 19760702, OPEN)]
    );
    assert!(entity_spans(999, 19000101, 19991231).is_empty());
    assert!(entity_spans(365, 19991231, 19000101).is_empty());
}

/// Every COW spell, split by `entity_spans`, is covered exactly, and on
/// every day the pieces name the id `lookup` gives: each day within three
/// days of a piece's ends, and the 1st and 15th of every month between.
#[test]
fn entity_spans_agree_with_lookup() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for c in cow::COW {
        for &(first, last) in c.spells {
            let last = last.min(TODAY);
            let pieces = entity_spans(c.ccode, first, last);
            assert_eq!(pieces.first().map(|p| p.1), Some(first), "{}", c.ccode);
            assert_eq!(pieces.last().map(|p| p.2), Some(last), "{}", c.ccode);
            for w in pieces.windows(2) {
                assert_ne!(w[0].0, w[1].0, "{} merged", c.ccode);
                assert_eq!(
                    day_of(w[0].2).tomorrow().unwrap(),
                    day_of(w[1].1),
                    "{} contiguous",
                    c.ccode
                );
            }
            let mut days = BTreeSet::new();
            for &(_, a, b) in &pieces {
                for end in [a, b] {
                    let end = day_of(end);
                    for shift in -3..=3 {
                        days.insert(day_key(
                            end.checked_add(jiff::Span::new().days(shift)).unwrap(),
                        ));
                    }
                }
            }
            let (mut y, mut m) = (first / 10_000, first / 100 % 100);
            while y * 10_000 + m * 100 < last {
                days.insert(y * 10_000 + m * 100 + 1);
                days.insert(y * 10_000 + m * 100 + 15);
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
            for day in days.into_iter().filter(|d| (first..=last).contains(d)) {
                let piece = pieces.iter().find(|p| p.1 <= day && day <= p.2).unwrap();
                let id = lookup(Scheme::Cow, &c.ccode.to_string(), day_of(day))
                    .unwrap()
                    .id()
                    .unwrap();
                checked += 1;
                if id != piece.0 {
                    wrong.push(format!("{} {day}: lookup {id}, spans {}", c.ccode, piece.0));
                }
            }
        }
    }
    assert!(checked > 100_000, "{checked}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A state's COW letter code serves as its id only where no ISO line
/// covers it, and then it is no ISO alpha-3 (no two states share an id).
#[test]
fn cow_letter_ids_never_collide_with_iso() {
    let iso3: BTreeSet<&str> = iso::ISO.iter().map(|i| i.alpha3).collect();
    let mut cow_ids = BTreeMap::new();
    for c in cow::COW {
        for &(first, last) in c.spells {
            for (id, _, _) in entity_spans(c.ccode, first, last) {
                if !iso3.contains(id) {
                    assert_eq!(id, c.abb);
                    cow_ids.insert(id, c.ccode);
                }
            }
        }
    }
    assert!(cow_ids.contains_key("BAV") && cow_ids.contains_key("ZAN"));
    // Letter codes are unique in the COW list.
    let abbs: BTreeSet<&str> = cow::COW.iter().map(|c| c.abb).collect();
    assert_eq!(abbs.len(), cow::COW.len());
}

#[test]
fn cow_in_year_reads_1_july_else_the_nearest_day_in_the_system() {
    let id = |c, y| cow_in_year(c, y).and_then(|s| s.id());
    assert_eq!(id(365, 1921), Some("RUS"));
    assert_eq!(id(365, 1922), Some("RUS")); // 1 July 1922: still Russia
    assert_eq!(id(365, 1923), Some("SUN"));
    assert_eq!(id(365, 1991), Some("SUN"));
    assert_eq!(id(365, 1992), Some("RUS"));
    assert_eq!(id(260, 1955), Some("DEU")); // from 5 May
    assert_eq!(id(260, 1990), Some("DEU"));
    assert_eq!(id(255, 1990), Some("DEU")); // from 3 October: its first day
    assert_eq!(id(255, 1945), Some("DEU")); // until 8 May: its last day
    assert_eq!(id(255, 1946), None);
    assert_eq!(id(345, 2003), Some("SCG"));
    assert_eq!(id(345, 2006), Some("SRB")); // 1 July 2006
    assert_eq!(id(679, 1990), Some("YEM"));
    assert_eq!(id(678, 1990), Some("YEM"));
    assert_eq!(id(680, 1990), Some("YMD"));
    assert_eq!(id(245, 1871), Some("BAV"));
    assert_eq!(id(245, 1872), None);
    assert_eq!(id(999, 2000), None);
    assert_eq!(id(2, -5), None);
    // Which day: 255 in 1945 is read on 8 May, in 1990 on 3 October.
    assert_eq!(cow_in_year(255, 1990).unwrap().cow.unwrap().ccode, 255);
    assert_eq!(
        cow_in_year(255, 1945).unwrap(),
        lookup(Scheme::Cow, "255", date(1945, 5, 8)).unwrap()
    );
    assert_eq!(
        cow_in_year(255, 1990).unwrap(),
        lookup(Scheme::Cow, "255", date(1990, 10, 3)).unwrap()
    );
    // Outside the system, the nearest day in it.
    let near = |c, y| cow_near_year(c, y).and_then(|s| s.id());
    assert_eq!(near(260, 1954), Some("DEU"));
    assert_eq!(near(260, 2012), Some("DEU"));
    assert_eq!(near(94, 1907), Some("CRI"));
    assert_eq!(near(696, 1960), Some("ARE"));
    assert_eq!(near(315, 1942), Some("CSK"));
    assert_eq!(near(740, 1951), Some("JPN"));
    assert_eq!(near(365, 1980), id(365, 1980));
    assert_eq!(near(999, 1980), None);
}

/// Every year of every COW spell gives the state of `lookup` on the day
/// `cow_in_year` reads, and a year outside every spell gives none.
#[test]
fn cow_in_year_agrees_with_lookup_every_year() {
    for c in cow::COW {
        let code = c.ccode.to_string();
        for year in 1816..=2016 {
            let jan = u32::try_from(year).unwrap() * 10_000;
            let inside = c
                .spells
                .iter()
                .any(|&(a, b)| a <= jan + 1231 && b >= jan + 101);
            let found = cow_in_year(c.ccode, year);
            assert_eq!(found.is_some(), inside, "{code} {year}");
            let Some(found) = found else { continue };
            let day = if c.in_system(jan + 701) {
                jan + 701
            } else {
                // The day it names is one the state is in the system.
                (jan + 101..=jan + 1231)
                    .filter(|&d| key_valid(d) && c.in_system(d))
                    .min_by_key(|&d| (d > jan + 701, d.abs_diff(jan + 701)))
                    .unwrap()
            };
            assert_eq!(
                found,
                lookup(Scheme::Cow, &code, day_of(day)).unwrap(),
                "{code} {year}"
            );
        }
    }
}

fn key_valid(key: u32) -> bool {
    key % 100 >= 1 && key / 100 % 100 >= 1 && key / 100 % 100 <= 12 && {
        let (y, m, d) = (key / 10_000, key / 100 % 100, key % 100);
        Date::new(
            i16::try_from(y).unwrap(),
            i8::try_from(m).unwrap(),
            i8::try_from(d).unwrap(),
        )
        .is_ok()
    }
}

/// The UN votes' traps, as the votes spell them (`country`, `country_code`).
#[test]
fn un_members_as_the_votes_write_them() {
    assert_eq!(un("Russia", "RU", 1950, 6, 1), "SUN");
    assert_eq!(un("Russia", "RU", 1946, 1, 1), "SUN");
    assert_eq!(un("Russia", "RU", 1995, 6, 1), "RUS");
    assert_eq!(un("Yugoslavia", "YU", 1980, 6, 1), "YUG");
    assert_eq!(un("Yugoslavia", "YU", 1995, 6, 1), "SCG");
    assert_eq!(un("Yugoslavia", "YU", 2004, 6, 1), "SCG");
    assert_eq!(un("Yugoslavia", "YU", 2010, 6, 1), "SRB");
    assert_eq!(un("Federal Republic of Germany", "", 1975, 6, 1), "DEU");
    assert_eq!(un("Federal Republic of Germany", "", 1990, 12, 6), "DEU");
    assert_eq!(un("Germany", "DE", 1991, 10, 3), "DEU");
    assert_eq!(un("German Democratic Republic", "DD", 1980, 6, 1), "DDR");
    assert_eq!(un("German Democratic Republic", "", 1980, 6, 1), "DDR");
    assert_eq!(un("Czechoslovakia", "CS", 1980, 6, 1), "CSK");
    assert_eq!(un("Czechoslovakia", "", 1980, 6, 1), "CSK");
    assert_eq!(un("Czechoslovakia", "CS", 1946, 1, 1), "CSK");
    assert_eq!(un("Yemen Arab Republic", "", 1975, 6, 1), "YEM");
    assert_eq!(un("Yemen Arab Republic", "", 1947, 10, 2), "YEM");
    // The name stays on unified Yemen's seat until 1990-12.
    assert_eq!(un("Yemen Arab Republic", "", 1990, 12, 6), "YEM");
    assert_eq!(un("Yemen People's Republic", "YD", 1975, 6, 1), "YMD");
    assert_eq!(un("Yemen People's Republic", "", 1975, 6, 1), "YMD");
    assert_eq!(un("Yemen", "YE", 1995, 6, 1), "YEM");
    // Zanzibar's vote is dated before COW's 1963-12-19: Gleditsch–Ward's.
    assert_eq!(un("Zanzibar", "", 1963, 12, 3), "ZAN");
    assert_eq!(un("Myanmar (Burma)", "MM", 1948, 9, 2), "MMR");
    assert_eq!(un("Burkina Faso", "BF", 1960, 10, 1), "BFA");
    assert_eq!(un("Congo - Kinshasa", "CD", 1970, 10, 1), "COD");
    assert_eq!(un("Benin", "BJ", 1960, 10, 1), "BEN");
    // The Soviet republics had seats: Belarus and Ukraine from 1946.
    assert_eq!(un("Belarus", "BY", 1946, 1, 1), "BLR");
    // A code that names nothing, with no name to fall back on, is an error.
    assert!(resolve_un_member("Atlantis", Some("QQ"), date(1980, 1, 1)).is_err());
    assert!(resolve_un_member("", None, date(1980, 1, 1)).is_err());
}

#[test]
fn new_countries_of_the_traps() {
    let c = |id| new_country(id).unwrap_or_else(|| panic!("{id}"));
    let russia = c("RUS");
    assert_eq!(
        (russia.name, russia.cow, russia.gw),
        ("Russia", Some(365), Some(365))
    );
    assert!(russia.aliases.contains(&"Russian Federation"));
    let ussr = c("SUN");
    assert_eq!(
        (ussr.name, ussr.cow, ussr.gw),
        ("Soviet Union", Some(365), Some(365))
    );
    assert!(!ussr.aliases.contains(&"Russia"), "{:?}", ussr.aliases);
    assert!(ussr.aliases.contains(&"USSR"));
    let germany = c("DEU");
    assert_eq!(
        (germany.name, germany.cow, germany.gw),
        ("Germany", Some(255), Some(260))
    );
    for alias in [
        "West Germany",
        "German Federal Republic",
        "Federal Republic of Germany",
    ] {
        assert!(
            germany.aliases.contains(&alias),
            "{alias}: {:?}",
            germany.aliases
        );
    }
    let gdr = c("DDR");
    assert_eq!(
        (gdr.name, gdr.cow, gdr.gw),
        ("German Democratic Republic", Some(265), Some(265))
    );
    assert!(gdr.aliases.contains(&"East Germany"));
    let myanmar = c("MMR");
    assert_eq!(
        (myanmar.name, myanmar.cow, myanmar.gw),
        ("Myanmar", Some(775), Some(775))
    );
    assert!(myanmar.aliases.contains(&"Burma"));
    let serbia = c("SRB");
    assert_eq!(
        (serbia.name, serbia.cow, serbia.gw),
        ("Serbia", Some(345), Some(340))
    );
    assert!(
        !serbia.aliases.contains(&"Yugoslavia"),
        "{:?}",
        serbia.aliases
    );
    let yugoslavia = c("YUG");
    assert_eq!(
        (yugoslavia.name, yugoslavia.cow, yugoslavia.gw),
        ("Yugoslavia", Some(345), Some(345))
    );
    let bavaria = c("BAV");
    assert_eq!(
        (bavaria.name, bavaria.cow, bavaria.gw),
        ("Bavaria", Some(245), Some(245))
    );
    assert!(bavaria.aliases.is_empty(), "{:?}", bavaria.aliases);
    let yemen = c("YEM");
    assert_eq!(
        (yemen.name, yemen.cow, yemen.gw),
        ("Yemen", Some(679), Some(678))
    );
    assert!(yemen.aliases.contains(&"Yemen Arab Republic"));
    assert_eq!(c("YMD").cow, Some(680));
    assert_eq!(c("ZAN").name, "Zanzibar");
    assert!(new_country("ABC").is_none());
}

/// Every id the table gives (`entity_spans` of every COW spell, every ISO
/// line's latest alpha-3, every Gleditsch–Ward day) has a country whose
/// numbers pass the rule the store's validator keeps (`codes_problem`: an
/// id with ISO lines carries numbers one of its lines carries; an id
/// without is the COW letter code of its COW number), and no alias of one
/// is the name or an alias of another.
#[test]
fn new_countries_keep_the_table_invariants() {
    let mut ids: BTreeSet<&str> = iso::ISO.iter().map(|i| latest(i).alpha3).collect();
    for c in cow::COW {
        for &(first, last) in c.spells {
            ids.extend(entity_spans(c.ccode, first, last).iter().map(|p| p.0));
        }
    }
    for g in gw::GW {
        for &(first, _) in g.spells {
            ids.extend(
                lookup(Scheme::Gw, &g.code.to_string(), day_of(first))
                    .unwrap()
                    .id(),
            );
        }
    }
    let mut keys: HashMap<String, &str> = HashMap::new();
    let mut wrong = Vec::new();
    for &id in &ids {
        let Some(country) = new_country(id) else {
            wrong.push(format!("{id}: no country"));
            continue;
        };
        let lines: Vec<&IsoCode> = iso::ISO.iter().filter(|l| l.alpha3 == id).collect();
        if lines.is_empty() {
            if let Some(n) = country.cow
                && cow_state(n).map(|s| s.abb) != Some(id)
            {
                wrong.push(format!("{id}: COW {n} is not {id}"));
            }
        } else {
            if let Some(n) = country.cow
                && !lines.iter().any(|l| l.cow == n)
            {
                wrong.push(format!("{id}: no line has COW {n}"));
            }
            if let Some(n) = country.gw
                && !lines.iter().any(|l| l.gw == n)
            {
                wrong.push(format!("{id}: no line has GW {n}"));
            }
        }
        assert!(country.cow.is_none_or(|n| cow_state(n).is_some()));
        assert!(country.gw.is_none_or(|n| gw_state(n).is_some()));
        for name in std::iter::once(country.name).chain(country.aliases.iter().copied()) {
            for key in name_keys(name) {
                if let Some(other) = keys.insert(key.clone(), id)
                    && other != id
                {
                    wrong.push(format!("`{key}` of {id} is also {other}'s"));
                }
            }
        }
    }
    assert!(ids.len() > 250, "{}", ids.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every (ccode, year) of the IGO state-year file and of the alliance
/// dyad-years is one state in that year. The alliance file also codes
/// states in years they are outside the COW system (Costa Rica from 1907,
/// 260 for unified Germany, the Gulf states before independence): those
/// are listed, checked to be outside the published spells, and resolve to
/// the nearest state with `cow_near_year`.
#[test]
fn every_cow_year_of_the_igo_and_alliance_files_is_one_state() {
    let Some(peer) = peer() else { return };
    let igo = columns(
        &peer.join("cow_igo/state_year_formatv3.csv"),
        &["ccode", "year"],
    );
    assert_eq!(igo.len(), 15_557);
    let mut pairs: BTreeSet<(u16, i32)> = BTreeSet::new();
    let mut misses = Vec::new();
    for row in &igo {
        let (c, y) = (u16::try_from(number(&row[0])).unwrap(), number(&row[1]));
        if cow_in_year(c, y).and_then(|s| s.id()).is_none() {
            misses.push(format!("igo {c} {y}"));
        }
        pairs.insert((c, y));
    }
    let alliance = columns(
        &peer.join("cow/peacesciencer_cow_alliance.csv"),
        &["ccode1", "ccode2", "year"],
    );
    assert_eq!(alliance.len(), 120_784);
    let mut outside = BTreeSet::new();
    for row in &alliance {
        let y = number(&row[2]);
        for c in [&row[0], &row[1]] {
            let c = u16::try_from(number(c)).unwrap();
            if cow_in_year(c, y).is_none() {
                outside.insert((c, y));
            }
        }
    }
    let codes: Vec<(u16, i32)> = alliance
        .iter()
        .flat_map(|r| {
            let y = number(&r[2]);
            [(number(&r[0]), y), (number(&r[1]), y)]
        })
        .map(|(c, y)| (u16::try_from(c).unwrap(), y))
        .collect();
    let start = Instant::now();
    let found = codes
        .iter()
        .filter(|&&(c, y)| cow_in_year(c, y).is_some())
        .count();
    let per_call = start.elapsed() / u32::try_from(codes.len()).unwrap();
    println!(
        "cow_in_year: {} calls, {per_call:?} each (this build)",
        codes.len()
    );
    let outside_rows = codes
        .iter()
        .filter(|&&(c, y)| outside.contains(&(c, y)))
        .count();
    assert_eq!(found + outside_rows, codes.len());
    assert!(misses.is_empty(), "{}", misses.join("\n"));
    // Outside the system by the published list, not a gap of the table.
    for &(c, y) in &outside {
        let state = cow_state(c).unwrap_or_else(|| panic!("COW {c} unknown"));
        let jan = u32::try_from(y).unwrap() * 10_000;
        assert!(
            !state
                .spells
                .iter()
                .any(|&(a, b)| a <= jan + 1231 && b >= jan + 101)
        );
        assert!(
            cow_near_year(c, y).and_then(|s| s.id()).is_some(),
            "{c} {y}"
        );
    }
    println!("alliance code-years outside the COW system: {outside:?}");
    assert_eq!(outside.len(), 78);
    assert_eq!(cow_near_year(260, 2000).unwrap().id(), Some("DEU"));
    assert_eq!(cow_near_year(696, 1953).unwrap().id(), Some("ARE"));
    assert_eq!(cow_near_year(522, 1975).unwrap().id(), Some("DJI"));
}

/// Every distinct (`country`, `country_code`, date) of the UN votes resolves;
/// where the alpha-2 code names a state that day it is that state; and the
/// ids of the traps are those of the votes' real rows.
#[test]
fn every_un_vote_row_resolves() {
    let Some(peer) = peer() else { return };
    let calls = columns(&peer.join("unvotes/un_roll_calls.csv"), &["rcid", "date"]);
    let days: HashMap<String, Date> = calls
        .into_iter()
        .map(|r| (r[0].clone(), r[1].parse().unwrap()))
        .collect();
    let votes = columns(
        &peer.join("unvotes/un_votes.csv"),
        &["rcid", "country", "country_code"],
    );
    assert_eq!(votes.len(), 870_109);
    let mut rows: BTreeSet<(String, String, Date)> = BTreeSet::new();
    for v in votes {
        let day = days[&v[0]];
        rows.insert((v[1].clone(), v[2].clone(), day));
    }
    let start = Instant::now();
    let mut resolved = Vec::with_capacity(rows.len());
    for (name, code, day) in &rows {
        resolved.push(resolve_un_member(name, Some(code), *day));
    }
    let per_call = start.elapsed() / u32::try_from(rows.len()).unwrap();
    println!(
        "resolve_un_member: {} distinct rows, {per_call:?} each (this build)",
        rows.len()
    );
    let mut wrong = Vec::new();
    let mut ids: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    for ((name, code, day), found) in rows.iter().zip(&resolved) {
        match found {
            Ok(state) => {
                let id = state.id().unwrap();
                ids.entry((name, code)).or_default().insert(id);
                if let Ok(by_code) = lookup(Scheme::Iso2, code, *day)
                    && by_code != *state
                {
                    wrong.push(format!(
                        "{name} {code} {day}: code gives {:?}",
                        by_code.id()
                    ));
                }
            }
            Err(e) => wrong.push(format!("{name} {code} {day}: {e}")),
        }
    }
    assert!(
        wrong.is_empty(),
        "{} rows:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    let of = |name, code| ids[&(name, code)].iter().copied().collect::<Vec<_>>();
    assert_eq!(of("Russia", "RU"), ["RUS", "SUN"]);
    assert_eq!(of("Yugoslavia", "YU"), ["SCG", "SRB", "YUG"]);
    assert_eq!(of("Federal Republic of Germany", ""), ["DEU"]);
    assert_eq!(of("Germany", "DE"), ["DEU"]);
    assert_eq!(of("German Democratic Republic", "DD"), ["DDR"]);
    assert_eq!(of("Czechoslovakia", "CS"), ["CSK"]);
    assert_eq!(of("Yemen Arab Republic", ""), ["YEM"]);
    assert_eq!(of("Yemen People's Republic", "YD"), ["YMD"]);
    assert_eq!(of("Zanzibar", ""), ["ZAN"]);
    assert_eq!(of("Myanmar (Burma)", "MM"), ["MMR"]);
    // Every other country of the votes is one entity throughout.
    for ((name, code), set) in &ids {
        if !["RU", "YU"].contains(code) {
            assert_eq!(set.len(), 1, "{name} {code}: {set:?}");
        }
    }
}
