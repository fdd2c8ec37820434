//! The code table's traps, its shape, and (where `../shared/peer` is
//! present) every COW spell against the published `states2016.csv`.

#![expect(
    clippy::unreadable_literal,
    reason = "days are written yyyymmdd, as in the tables"
)]

use jiff::civil::date;

use super::*;

fn at(scheme: Scheme, code: &str, y: i16, m: i8, d: i8) -> Identity {
    lookup(scheme, code, date(y, m, d)).unwrap_or_else(|e| panic!("{code}: {e}"))
}

fn text(s: &str) -> Option<Code> {
    s.parse::<String>().ok().map(Code::Text)
}

#[test]
fn tables_are_sorted_and_spells_ordered() {
    assert!(cow::COW.windows(2).all(|w| w[0].ccode < w[1].ccode));
    assert!(gw::GW.windows(2).all(|w| w[0].code < w[1].code));
    let spells = cow::COW
        .iter()
        .map(|c| c.spells)
        .chain(gw::GW.iter().map(|g| g.spells));
    for s in spells {
        assert!(s.iter().all(|&(a, b)| a <= b), "{s:?}");
        assert!(s.windows(2).all(|w| w[0].1 < w[1].0), "{s:?}");
    }
    for i in iso::ISO {
        assert!(i.first <= i.last, "{}", i.alpha3);
        assert!(
            i.cow == 0 || cow_state(i.cow).is_some(),
            "{} cow {}",
            i.alpha3,
            i.cow
        );
        assert!(
            i.gw == 0 || gw_state(i.gw).is_some(),
            "{} gw {}",
            i.alpha3,
            i.gw
        );
    }
    assert_eq!(cow::COW.len(), 217);
}

/// No two ISO lines share a code (alpha-3, alpha-2 or numeric) on a day.
#[test]
fn iso_codes_never_overlap() {
    let mut wrong = Vec::new();
    for (n, a) in iso::ISO.iter().enumerate() {
        for b in &iso::ISO[n + 1..] {
            let overlap = a.first <= b.last && b.first <= a.last;
            let shared = a.alpha3 == b.alpha3
                || a.alpha2 == b.alpha2
                || (a.numeric != 0 && a.numeric == b.numeric);
            if overlap && shared {
                wrong.push(format!(
                    "{} {} and {} {}",
                    a.alpha3, a.name, b.alpha3, b.name
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every COW and Gleditsch–Ward state is one state on every day of its
/// spells, under its own number and under its letter code.
#[test]
fn every_state_resolves_on_its_first_and_last_day() {
    for c in cow::COW {
        for &(first, last) in c.spells {
            for key in [first, last.min(20161231)] {
                let day = date(
                    (key / 10_000) as i16,
                    (key / 100 % 100) as i8,
                    (key % 100) as i8,
                );
                let s = lookup(Scheme::Cow, &c.ccode.to_string(), day).unwrap();
                assert_eq!(s.cow, Some(c));
                assert!(
                    lookup(Scheme::CowAbb, c.abb, day).is_ok(),
                    "{} {day}",
                    c.abb
                );
            }
        }
    }
    for g in gw::GW {
        let (first, _) = g.spells[0];
        let day = date(
            (first / 10_000) as i16,
            (first / 100 % 100) as i8,
            (first % 100) as i8,
        );
        assert_eq!(
            lookup(Scheme::Gw, &g.code.to_string(), day).unwrap().gw,
            Some(g)
        );
    }
}

/// The crosswalk: on every day a COW or Gleditsch–Ward state begins or
/// ends a spell, at most one ISO line carries its number, and every state
/// of either list at the end of 2016 has exactly one.
#[test]
fn the_crosswalk_is_one_to_one() {
    let lines = |day: u32, pick: &dyn Fn(&IsoCode) -> bool| {
        iso::ISO.iter().filter(|i| i.in_use(day) && pick(i)).count()
    };
    let mut wrong = Vec::new();
    for c in cow::COW {
        for &(first, last) in c.spells {
            for day in [first, last.min(20_161_231)] {
                let n = lines(day, &|i| i.cow == c.ccode);
                if n > 1 || (day == 20_161_231 && n != 1) {
                    wrong.push(format!("COW {} {day}: {n} ISO lines", c.ccode));
                }
            }
        }
    }
    for g in gw::GW {
        for &(first, last) in g.spells {
            for day in [first, last.min(20_161_231)] {
                let n = lines(day, &|i| i.gw == g.code);
                if n > 1 || (day == 20_161_231 && n != 1) {
                    wrong.push(format!("GW {} {day}: {n} ISO lines", g.code));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn cow_365_is_the_soviet_union_then_russia() {
    let ussr = at(Scheme::Cow, "365", 1980, 1, 1);
    assert_eq!(ussr.code(Scheme::Iso3), text("SUN"));
    assert_eq!(ussr.code(Scheme::Iso2), text("SU"));
    assert_eq!(ussr.code(Scheme::IsoNum), text("810"));
    assert_eq!(ussr.name(), "Soviet Union");
    assert_eq!(ussr.code(Scheme::Gw), Some(Code::Number(365)));
    assert_eq!(
        at(Scheme::Cow, "365", 1922, 12, 30).code(Scheme::Iso3),
        text("SUN")
    );
    assert_eq!(
        at(Scheme::Cow, "365", 1922, 12, 29).code(Scheme::Iso3),
        text("RUS")
    );
    assert_eq!(
        at(Scheme::Cow, "365", 1991, 12, 25).code(Scheme::Iso3),
        text("SUN")
    );
    let russia = at(Scheme::Cow, "365", 1991, 12, 26);
    assert_eq!(russia.code(Scheme::Iso3), text("RUS"));
    assert_eq!(russia.code(Scheme::IsoNum), text("643"));
    // Both ISO codes lead back to the one COW state.
    assert_eq!(
        at(Scheme::Iso3, "SUN", 1950, 1, 1).code(Scheme::Cow),
        Some(Code::Number(365))
    );
    assert_eq!(
        at(Scheme::Iso3, "rus", 2000, 1, 1).code(Scheme::Cow),
        Some(Code::Number(365))
    );
    let err = lookup(Scheme::Iso3, "SUN", date(2000, 1, 1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ISO alpha-3 `SUN` names no state on 2000-01-01: SUN was Soviet Union 1922-12-30 to 1991-12-25"
    );
}

#[test]
fn germany_across_the_schemes() {
    let reich = at(Scheme::Cow, "255", 1900, 1, 1);
    assert_eq!(
        (reich.code(Scheme::Iso3), reich.code(Scheme::Gw)),
        (text("DEU"), Some(Code::Number(255)))
    );
    let err = lookup(Scheme::Cow, "255", date(1980, 1, 1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "COW `255` names no state on 1980-01-01: 255 was Germany 1816-01-01 to 1945-05-08 and from 1990-10-03"
    );
    let united = at(Scheme::Cow, "255", 1990, 10, 3);
    assert_eq!(united.code(Scheme::Iso3), text("DEU"));
    assert_eq!(united.code(Scheme::CowAbb), text("GMY"));
    assert_eq!(united.code(Scheme::Gw), Some(Code::Number(260)));
    let west = at(Scheme::Cow, "260", 1980, 1, 1);
    assert_eq!(west.code(Scheme::Iso3), text("DEU"));
    assert_eq!(west.code(Scheme::Gw), Some(Code::Number(260)));
    assert_eq!(west.name(), "West Germany");
    assert_eq!(west.code(Scheme::IsoNum), text("280"));
    assert_eq!(west.id(), Some("DEU"));
    assert_eq!(united.code(Scheme::IsoNum), text("276"));
    assert!(lookup(Scheme::Cow, "260", date(1990, 10, 3)).is_err());
    let east = at(Scheme::Cow, "265", 1980, 1, 1);
    assert_eq!(east.code(Scheme::Iso3), text("DDR"));
    assert_eq!(east.code(Scheme::Iso2), text("DD"));
    assert_eq!(east.code(Scheme::IsoNum), text("278"));
    assert_eq!(east.code(Scheme::Gw), Some(Code::Number(265)));
    // Gleditsch–Ward 260: West Germany, then unified Germany (COW 255).
    assert_eq!(
        at(Scheme::Gw, "260", 1980, 1, 1).code(Scheme::Cow),
        Some(Code::Number(260))
    );
    assert_eq!(
        at(Scheme::Gw, "260", 2000, 1, 1).code(Scheme::Cow),
        Some(Code::Number(255))
    );
    assert_eq!(
        at(Scheme::Gw, "260", 2000, 1, 1).code(Scheme::CowAbb),
        text("GMY")
    );
    // West Germany was independent (GW) from 1949 before it joined the COW system in 1955.
    let early = at(Scheme::Gw, "260", 1950, 1, 1);
    assert_eq!(
        (early.code(Scheme::Iso3), early.code(Scheme::Cow)),
        (text("DEU"), None)
    );
    assert!(matches!(
        convert(&early, Scheme::Cow, date(1950, 1, 1)),
        Err(CodeError::NoCode { .. })
    ));
}

/// The Gleditsch–Ward spells of the traps, as the published list gives
/// them (Gleditsch & Ward 1999 and its updates).
#[test]
fn gleditsch_ward_spells_of_the_traps() {
    let spells = |code| gw_state(code).unwrap().spells;
    assert_eq!(spells(255), &[(18160101, 19450507)]);
    assert_eq!(spells(260), &[(19490921, OPEN)]);
    assert_eq!(spells(265), &[(19491005, 19901002)]);
    assert_eq!(spells(365), &[(18160101, OPEN)]);
    assert_eq!(spells(678), &[(19181030, OPEN)]);
    assert_eq!(spells(680), &[(19671130, 19900521)]);
    assert_eq!(spells(345).last(), Some(&(19181201, 20060604)));
    assert_eq!(spells(340).last(), Some(&(20060605, OPEN)));
    let micro: Vec<_> = [970, 971, 972, 973]
        .iter()
        .map(|&c| gw_state(c).unwrap().name)
        .collect();
    assert_eq!(micro, ["Kiribati", "Nauru", "Tonga", "Tuvalu"]);
    assert_eq!(cow_state(970).unwrap().name, "Nauru");
}

#[test]
fn yemen_678_679_680() {
    let north = at(Scheme::Cow, "678", 1980, 1, 1);
    assert_eq!(
        (north.code(Scheme::Iso3), north.code(Scheme::IsoNum)),
        (text("YEM"), text("886"))
    );
    assert_eq!(north.code(Scheme::Gw), Some(Code::Number(678)));
    let south = at(Scheme::Cow, "680", 1980, 1, 1);
    assert_eq!(
        (south.code(Scheme::Iso3), south.code(Scheme::CowAbb)),
        (text("YMD"), text("YPR"))
    );
    assert_eq!(south.code(Scheme::Gw), Some(Code::Number(680)));
    let united = at(Scheme::Cow, "679", 1990, 5, 22);
    assert_eq!(
        (united.code(Scheme::Iso3), united.code(Scheme::IsoNum)),
        (text("YEM"), text("887"))
    );
    assert_eq!(united.code(Scheme::Gw), Some(Code::Number(678)));
    assert!(lookup(Scheme::Cow, "678", date(1990, 5, 22)).is_err());
    assert!(lookup(Scheme::Cow, "679", date(1990, 5, 21)).is_err());
    assert_eq!(
        at(Scheme::Gw, "678", 2000, 1, 1).code(Scheme::Cow),
        Some(Code::Number(679))
    );
    assert_eq!(
        at(Scheme::Gw, "678", 1980, 1, 1).code(Scheme::Cow),
        Some(Code::Number(678))
    );
}

#[test]
fn yugoslavia_and_serbia_345() {
    let sfry = at(Scheme::Cow, "345", 1980, 1, 1);
    assert_eq!(
        (sfry.code(Scheme::Iso3), sfry.code(Scheme::IsoNum)),
        (text("YUG"), text("890"))
    );
    assert_eq!(sfry.code(Scheme::Gw), Some(Code::Number(345)));
    let scg = at(Scheme::Cow, "345", 2004, 1, 1);
    assert_eq!(
        (scg.code(Scheme::Iso3), scg.code(Scheme::Iso2)),
        (text("SCG"), text("CS"))
    );
    let serbia = at(Scheme::Cow, "345", 2006, 6, 5);
    assert_eq!(serbia.code(Scheme::Iso3), text("SRB"));
    assert_eq!(serbia.code(Scheme::Gw), Some(Code::Number(340)));
    assert_eq!(
        at(Scheme::Cow, "345", 2006, 6, 4).code(Scheme::Gw),
        Some(Code::Number(345))
    );
    assert_eq!(
        at(Scheme::Gw, "340", 2010, 1, 1).code(Scheme::Cow),
        Some(Code::Number(345))
    );
    // Occupied 1941–1944: not in the COW system.
    assert!(lookup(Scheme::Cow, "345", date(1942, 1, 1)).is_err());
    // ISO alpha-2 CS was Czechoslovakia, then Serbia and Montenegro.
    assert_eq!(
        at(Scheme::Iso2, "CS", 1980, 1, 1).code(Scheme::Cow),
        Some(Code::Number(315))
    );
    assert_eq!(
        at(Scheme::Iso2, "CS", 2004, 1, 1).code(Scheme::Cow),
        Some(Code::Number(345))
    );
}

#[test]
fn names_are_forgiving_and_dated() {
    assert_eq!(
        at(Scheme::Name, "  germany ", 2000, 1, 1).code(Scheme::Cow),
        Some(Code::Number(255))
    );
    assert_eq!(
        at(Scheme::Name, "West Germany", 1980, 1, 1).code(Scheme::Cow),
        Some(Code::Number(260))
    );
    assert_eq!(
        at(Scheme::Name, "USSR", 1980, 1, 1).code(Scheme::Cow),
        Some(Code::Number(365))
    );
    assert_eq!(
        at(Scheme::Name, "cote d'ivoire", 2000, 1, 1).code(Scheme::Iso3),
        text("CIV")
    );
    assert_eq!(
        at(Scheme::Name, "Côte d'Ivoire", 2000, 1, 1).code(Scheme::Cow),
        Some(Code::Number(437))
    );
    assert_eq!(
        at(Scheme::Name, "Ivory Coast", 2000, 1, 1).code(Scheme::Iso2),
        text("CI")
    );
    assert_eq!(
        at(Scheme::Name, "Burma", 1980, 1, 1).code(Scheme::Iso3),
        text("BUR")
    );
    assert_eq!(
        at(Scheme::Name, "Burma", 2000, 1, 1).code(Scheme::Iso3),
        text("MMR")
    );
    assert_eq!(
        at(Scheme::Name, "united kingdom", 2000, 1, 1).code(Scheme::CowAbb),
        text("UKG")
    );
    assert_eq!(
        at(Scheme::Name, "Bavaria", 1850, 1, 1).code(Scheme::Cow),
        Some(Code::Number(245))
    );
    assert_eq!(
        at(Scheme::Name, "Bavaria", 1850, 1, 1).code(Scheme::Iso3),
        None
    );
    assert!(matches!(
        lookup(Scheme::Name, "Atlantis", date(2000, 1, 1)),
        Err(CodeError::NoState { .. })
    ));
}

#[test]
fn renamed_states_keep_one_id_dissolved_ones_their_own() {
    let burma = at(Scheme::Iso3, "MMR", 1970, 1, 1);
    assert_eq!(
        (burma.code(Scheme::Iso3), burma.id()),
        (text("BUR"), Some("MMR"))
    );
    assert_eq!(
        at(Scheme::Iso3, "BEN", 1965, 1, 1).code(Scheme::Iso3),
        text("DHY")
    );
    assert_eq!(
        at(Scheme::Iso2, "MM", 1948, 9, 2).code(Scheme::Iso2),
        text("BU")
    );
    assert_eq!(
        at(Scheme::Iso2, "CD", 1960, 12, 1).code(Scheme::Cow),
        Some(Code::Number(490))
    );
    assert_eq!(
        at(Scheme::Iso2, "BF", 1960, 10, 1).code(Scheme::Iso3),
        text("HVO")
    );
    // CS was Czechoslovakia's until 1992, then Serbia and Montenegro's from
    // 2003, which before its rename was the Federal Republic of Yugoslavia:
    // between April and December 1992 it names both.
    assert!(matches!(
        lookup(Scheme::Iso2, "CS", date(1992, 6, 1)),
        Err(CodeError::Ambiguous { .. })
    ));
    assert_eq!(
        at(Scheme::Iso2, "CS", 1995, 1, 1).code(Scheme::Iso3),
        text("YUG")
    );
    assert_eq!(at(Scheme::Cow, "490", 1980, 1, 1).id(), Some("COD"));
    assert_eq!(at(Scheme::Cow, "345", 1995, 1, 1).id(), Some("SCG"));
    assert_eq!(at(Scheme::Cow, "345", 1980, 1, 1).id(), Some("YUG"));
    // ISO kept VN/VNM/704 of the Republic of Viet-Nam for unified Vietnam.
    assert_eq!(at(Scheme::Cow, "817", 1970, 1, 1).id(), Some("VNM"));
    assert_eq!(at(Scheme::Cow, "816", 1970, 1, 1).id(), Some("VDR"));
    assert_eq!(at(Scheme::Cow, "265", 1980, 1, 1).id(), Some("DDR"));
    assert_eq!(at(Scheme::Cow, "245", 1850, 1, 1).id(), Some("BAV"));
    // A numeric code changes with the territory.
    assert_eq!(
        at(Scheme::IsoNum, "230", 1980, 1, 1).code(Scheme::Iso3),
        text("ETH")
    );
    assert!(lookup(Scheme::IsoNum, "230", date(2000, 1, 1)).is_err());
    assert_eq!(
        at(Scheme::Cow, "625", 2000, 1, 1).code(Scheme::IsoNum),
        text("736")
    );
    assert_eq!(
        at(Scheme::Cow, "625", 2011, 7, 9).code(Scheme::IsoNum),
        text("729")
    );
    // A dissolved state's successor code does not reach back.
    assert!(lookup(Scheme::Iso3, "RUS", date(1950, 1, 1)).is_err());
    assert!(lookup(Scheme::Iso3, "CZE", date(1980, 1, 1)).is_err());
}

#[test]
fn a_name_out_of_use_lists_each_list_apart() {
    let err = lookup(Scheme::Name, "germany", date(1980, 1, 1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no state is called `germany` on 1980-01-01; the name is that of \
         Germany (ISO) until 1945-05-08 and from 1990-10-03; \
         Germany (COW) 1816-01-01 to 1945-05-08 and from 1990-10-03; \
         Germany (Prussia) (Gleditsch–Ward) 1816-01-01 to 1945-05-07"
    );
    let err = lookup(Scheme::Iso3, "DEU", date(1947, 1, 1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ISO alpha-3 `DEU` names no state on 1947-01-01: DEU was \
         Germany until 1945-05-08 and from 1990-10-03; West Germany 1949-05-23 to 1990-10-02"
    );
}

#[test]
fn several_states_at_once_are_listed() {
    let err = CodeError::Ambiguous {
        scheme: Scheme::Name,
        code: "Congo".into(),
        day: date(1962, 1, 1),
        candidates: vec![
            anchor_candidate(Scheme::Cow, "484"),
            anchor_candidate(Scheme::Cow, "490"),
        ],
    };
    assert_eq!(
        err.to_string(),
        "the name `Congo` names 2 states on 1962-01-01: Congo (COW) from 1960-08-15; \
         Democratic Republic of the Congo (COW) from 1960-06-30"
    );
}

fn anchor_candidate(scheme: Scheme, code: &str) -> Candidate {
    anchors(scheme, code).unwrap()[0].candidate()
}

#[test]
fn malformed_codes_are_refused() {
    assert!(matches!(
        lookup(Scheme::Cow, "abc", date(2000, 1, 1)),
        Err(CodeError::Malformed { .. })
    ));
    assert!(matches!(
        lookup(Scheme::Gw, "0", date(2000, 1, 1)),
        Err(CodeError::Malformed { .. })
    ));
    assert_eq!(
        lookup(Scheme::Cow, "999", date(2000, 1, 1))
            .unwrap_err()
            .to_string(),
        "COW `999` names no state on any day"
    );
}

/// Every country name of the UN General Assembly votes (read at test
/// time, never copied) is one state by name on the day of its first vote.
#[test]
fn un_vote_names_resolve_on_their_first_vote() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer/unvotes");
    let (Ok(votes), Ok(calls)) = (
        std::fs::read_to_string(dir.join("un_votes.csv")),
        std::fs::read_to_string(dir.join("un_roll_calls.csv")),
    ) else {
        println!("skipped: {} is absent", dir.display());
        return;
    };
    // rcid → date; roll-call descriptions are quoted and hold commas, but
    // rcid, session, importantvote and date come first.
    let mut days = std::collections::HashMap::new();
    for line in calls.lines().skip(1) {
        let f: Vec<&str> = line.splitn(5, ',').collect();
        if f.len() == 5 {
            days.insert(f[0], f[3]);
        }
    }
    let mut first: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    for line in votes.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (Some(day), Some(name)) = (days.get(f[0]), f.get(1)) else {
            continue;
        };
        let e = first.entry(name).or_insert(day);
        if day < e {
            *e = day;
        }
    }
    assert!(first.len() > 190, "{}", first.len());
    let wrong: Vec<String> = first
        .iter()
        .filter_map(|(name, day)| {
            let day: jiff::civil::Date = day.parse().ok()?;
            lookup(Scheme::Name, name, day).err().map(|e| e.to_string())
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every state of the published COW list (`states2016.csv`, read at test
/// time, never copied) is in the table with its letter code, name and
/// spells, and no other.
#[test]
fn cow_spells_match_states2016() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer/cow/states2016.csv");
    let Ok(csv) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is absent", path.display());
        return;
    };
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (abb, ccode, name) = (col("stateabb"), col("ccode"), col("statenme"));
    let starts = [col("styear"), col("stmonth"), col("stday")];
    let ends = [col("endyear"), col("endmonth"), col("endday")];
    let mut spells: std::collections::BTreeMap<u16, (String, Vec<(u32, u32)>)> =
        std::collections::BTreeMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let key = |c: [usize; 3]| {
            c.iter()
                .fold(0u32, |k, &i| k * 100 + f[i].trim().parse::<u32>().unwrap())
        };
        let end = match key(ends) {
            20161231 => OPEN,
            e => e,
        };
        let entry = spells
            .entry(f[ccode].parse().unwrap())
            .or_insert((format!("{} {}", f[abb], f[name]), vec![]));
        entry.1.push((key(starts), end));
    }
    let mut wrong = Vec::new();
    for (code, (label, mut list)) in spells.clone() {
        list.sort_unstable();
        match cow_state(code) {
            Some(c) if format!("{} {}", c.abb, c.name) == label && c.spells == list.as_slice() => {}
            Some(c) => wrong.push(format!(
                "{code} {label}: table has {} {} {:?}, list {list:?}",
                c.abb, c.name, c.spells
            )),
            None => wrong.push(format!("{code} {label}: missing")),
        }
    }
    for c in cow::COW.iter().filter(|c| !spells.contains_key(&c.ccode)) {
        wrong.push(format!("{} {}: not in the list", c.ccode, c.abb));
    }
    assert!(
        wrong.is_empty(),
        "{} differences:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
