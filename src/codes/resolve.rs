//! What the importers ask of the code table: which database entity a
//! data set's code stands for on a day, over a span of days or in a year,
//! and what a country created for it carries.
//!
//! The entity is always [`Identity::id`]: a state's latest ISO alpha-3, a
//! dissolved state's ISO 3166-3 code, else its COW letter code (else, on a
//! day only Gleditsch–Ward counts, theirs). COW 365 is therefore RUS until
//! 1922-12-29, SUN until 1991-12-25 and RUS again; COW 255 and 260 are
//! both DEU; 345 is YUG, then SCG, then SRB.

use std::collections::HashMap;
use std::sync::LazyLock;

use jiff::civil::Date;

use super::{
    ALIASES, Anchor, CodeError, CowState, ISO_INDEX, Identity, Scheme, anchors, cow, cow_state,
    day_key, gw, gw_state, iso, iso_named, latest, lookup, name_keys,
};

/// The day a table key (`yyyymmdd`) stands for, if it is one.
fn key_date(key: u32) -> Option<Date> {
    let year = i16::try_from(key / 10_000).ok()?;
    let month = i8::try_from(key / 100 % 100).ok()?;
    let day = i8::try_from(key % 100).ok()?;
    Date::new(year, month, day).ok()
}

/// The day after `key`, as a key (`None` past the end of the calendar).
fn next_key(key: u32) -> Option<u32> {
    Some(day_key(key_date(key)?.tomorrow().ok()?))
}

/// The day before `key`, as a key.
fn previous_key(key: u32) -> Option<u32> {
    Some(day_key(key_date(key)?.yesterday().ok()?))
}

/// The pieces of `first..=last` over which `anchor` stands for one entity,
/// adjacent pieces of one id merged. `bounds` are the periods (first and
/// last day) whose ends can change the entity: the ISO lines carrying the
/// anchor's number, and for Gleditsch–Ward the COW state of that number.
fn pieces(
    anchor: Anchor,
    fallback: &'static str,
    first: u32,
    last: u32,
    bounds: impl Iterator<Item = (u32, u32)>,
) -> Vec<(&'static str, u32, u32)> {
    if first > last {
        return Vec::new();
    }
    let mut starts = vec![first];
    for (a, b) in bounds {
        if a > first && a <= last {
            starts.push(a);
        }
        if b >= first
            && b < last
            && let Some(next) = next_key(b)
        {
            starts.push(next);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    let mut out: Vec<(&'static str, u32, u32)> = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts
            .get(n + 1)
            .and_then(|&next| previous_key(next))
            .unwrap_or(last);
        let id = anchor.identity(start).id().unwrap_or(fallback);
        match out.last_mut() {
            Some(piece) if piece.0 == id => piece.2 = end,
            _ => out.push((id, start, end)),
        }
    }
    out
}

/// The entity ids COW state `ccode` stands for over the days `first` to
/// `last` (`yyyymmdd`, both included, as the tables write spells), in
/// order, each with the days it covers; adjacent pieces of one id are
/// merged, and days no ISO line covers take the COW letter code. Empty
/// for an unknown number or `first > last`.
///
/// An importer of day-precise data (the COW state list, the alliance dyad
/// file) turns one spell of a COW number into one relation per entity.
/// On every day the state is in the system, the piece's id is
/// `lookup(Scheme::Cow, ccode, day)?.id()`.
///
/// ```
/// use diplograph::codes::entity_spans;
/// assert_eq!(
///     entity_spans(365, 19220101, 20161231),
///     [
///         ("RUS", 19220101, 19221229),
///         ("SUN", 19221230, 19911225),
///         ("RUS", 19911226, 20161231),
///     ]
/// );
/// // West Germany and unified Germany are one entity.
/// assert_eq!(entity_spans(260, 19550505, 19901002), [("DEU", 19550505, 19901002)]);
/// ```
pub fn entity_spans(ccode: u16, first: u32, last: u32) -> Vec<(&'static str, u32, u32)> {
    let Some(state) = cow_state(ccode) else {
        return Vec::new();
    };
    let bounds = iso::ISO
        .iter()
        .filter(|i| i.cow == ccode)
        .map(|i| (i.first, i.last));
    pieces(Anchor::Cow(state), state.abb, first, last, bounds)
}

/// The day of `year` a yearly data set's row about `state` is read on:
/// 1 July when the state is in the system then, else the last day it is
/// in the system before 1 July, else the first after; `None` when it is
/// not in the system that year.
fn year_day(state: &CowState, year: i32) -> Option<u32> {
    let year = u32::try_from(year).ok().filter(|&y| y <= 9999)? * 10_000;
    let (january, july, december) = (year + 101, year + 701, year + 1231);
    if state.in_system(july) {
        return Some(july);
    }
    let before = state
        .spells
        .iter()
        .filter(|&&(first, last)| first < july && last >= january)
        .map(|&(_, last)| last)
        .max();
    before.or_else(|| {
        state
            .spells
            .iter()
            .filter(|&&(first, _)| first > july && first <= december)
            .map(|&(first, _)| first)
            .min()
    })
}

/// The state COW number `ccode` names in a yearly data set's `year`: the
/// state on 1 July when it is in the system then, else on its last day in
/// the system before 1 July that year, else on its first day in the system
/// after it; `None` for an unknown number or a year the state is not in
/// the system at all (see [`cow_near_year`] for data sets that code a
/// state outside its spells).
///
/// Cheap (a binary search and a scan of the ISO lines, no allocation): an
/// importer may call it once per row.
///
/// ```
/// use diplograph::codes::cow_in_year;
/// assert_eq!(cow_in_year(365, 1991).unwrap().id(), Some("SUN")); // 1 July 1991
/// assert_eq!(cow_in_year(365, 1992).unwrap().id(), Some("RUS"));
/// assert_eq!(cow_in_year(255, 1990).unwrap().id(), Some("DEU")); // from 3 October
/// assert_eq!(cow_in_year(255, 1980), None);
/// ```
pub fn cow_in_year(ccode: u16, year: i32) -> Option<Identity> {
    let state = cow_state(ccode)?;
    let day = year_day(state, year)?;
    Some(Anchor::Cow(state).identity(day))
}

/// Like [`cow_in_year`], but a year the state is not in the system maps
/// to the state on the nearest day it is (the end of the spell before, or
/// the start of the spell after; the earlier when both are as near):
/// data sets code states outside their COW spells — the alliance dyad-years
/// have Costa Rica (94) from 1907, thirteen years before it enters the
/// system, and keep West Germany's 260 for unified Germany after 1990.
/// `None` only for a number COW never used.
///
/// ```
/// use diplograph::codes::cow_near_year;
/// assert_eq!(cow_near_year(260, 1995).unwrap().id(), Some("DEU"));
/// assert_eq!(cow_near_year(94, 1910).unwrap().id(), Some("CRI"));
/// assert_eq!(cow_near_year(999, 1910), None);
/// ```
pub fn cow_near_year(ccode: u16, year: i32) -> Option<Identity> {
    let state = cow_state(ccode)?;
    if let Some(day) = year_day(state, year) {
        return Some(Anchor::Cow(state).identity(day));
    }
    let key = u32::try_from(year.clamp(0, 9999)).ok()? * 10_000;
    let before = state
        .spells
        .iter()
        .filter(|&&(_, last)| last < key + 101)
        .map(|&(_, last)| last)
        .max();
    let after = state
        .spells
        .iter()
        .filter(|&&(first, _)| first > key + 1231)
        .map(|&(first, _)| first)
        .min();
    let day = match (before, after) {
        (Some(b), Some(a)) => {
            if key / 10_000 - b / 10_000 <= a / 10_000 - key / 10_000 {
                b
            } else {
                a
            }
        }
        (b, a) => b.or(a)?,
    };
    Some(Anchor::Cow(state).identity(day))
}

/// The one identity the items name, if they name exactly one.
fn one(mut states: impl Iterator<Item = Identity>) -> Option<Identity> {
    let first = states.next()?;
    states.all(|s| s.key() == first.key()).then_some(first)
}

/// The state behind a row of Voeten's UN General Assembly votes (the R
/// package `unvotes` layout: `country`, `country_code`, and the roll call's
/// date).
///
/// The votes write *today's* alpha-2 code for earlier states (`RU` for the
/// Soviet Union from 1946, `YU` for Serbia and Montenegro and for Serbia
/// after 2003, `MM` for Burma) and an empty code for some former states
/// (the Federal Republic of Germany, the Yemen Arab Republic, Zanzibar).
/// So: the alpha-2 code on `day`; when it names no state that day, the
/// state with the code's COW number on `day` (`RU` in 1950: COW 365, the
/// Soviet Union); when the code is empty or still unresolved, the name on
/// `day`. The error is the code's when there is one, else the name's.
///
/// Cheap on the code's path (two binary searches and a scan of a few ISO
/// lines, no allocation); the name's path allocates its keys.
///
/// ```
/// use diplograph::codes::resolve_un_member;
/// use jiff::civil::date;
/// let id = |name, code, day| resolve_un_member(name, code, day).unwrap().id();
/// assert_eq!(id("Russia", Some("RU"), date(1950, 6, 1)), Some("SUN"));
/// assert_eq!(id("Russia", Some("RU"), date(1995, 6, 1)), Some("RUS"));
/// assert_eq!(id("Yugoslavia", Some("YU"), date(2010, 6, 1)), Some("SRB"));
/// assert_eq!(id("Federal Republic of Germany", None, date(1975, 6, 1)), Some("DEU"));
/// assert_eq!(id("Yemen Arab Republic", Some(""), date(1975, 6, 1)), Some("YEM"));
/// ```
pub fn resolve_un_member(
    name: &str,
    alpha2: Option<&str>,
    day: Date,
) -> Result<Identity, CodeError> {
    let key = day_key(day);
    let code = alpha2.map(str::trim).filter(|c| !c.is_empty());
    if let Some(code) = code {
        let lines = || iso_named(&ISO_INDEX.alpha2, code);
        let named = lines()
            .filter(|i| i.in_use(key))
            .map(|i| Anchor::Iso(i).identity(key));
        if let Some(state) = one(named) {
            return Ok(state);
        }
        let by_cow = lines()
            .filter_map(|i| cow_state(i.cow))
            .filter(|c| c.in_system(key))
            .map(|c| Anchor::Cow(c).identity(key));
        if let Some(state) = one(by_cow) {
            return Ok(state);
        }
    }
    lookup(Scheme::Name, name, day).map_err(|by_name| match code {
        Some(code) => lookup(Scheme::Iso2, code, day).err().unwrap_or(by_name),
        None => by_name,
    })
}

/// What a country entity created for a code carries: its name, the other
/// names the tables give it, and its COW and Gleditsch–Ward numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCountry {
    /// The latest ISO English short name, else COW's name, else
    /// Gleditsch–Ward's.
    pub name: &'static str,
    /// The other names of the tables that stand for this entity and no
    /// other (COW's and Gleditsch–Ward's names, the ISO names before a
    /// rename — Burma for MMR —, the common names of the alias table):
    /// a name two entities share is left out (COW 365's "Russia" is not an
    /// alias of the Soviet Union, SUN), so the aliases can enter a name
    /// index without colliding.
    pub aliases: Vec<&'static str>,
    /// The COW number of the entity's latest period.
    pub cow: Option<u16>,
    /// The Gleditsch–Ward number of the entity's latest period.
    pub gw: Option<u16>,
}

/// The ids an entry of the lists stands for on some day of its spells.
pub(super) fn anchor_ids(anchor: Anchor) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = match anchor {
        Anchor::Iso(i) => vec![latest(i).alpha3],
        Anchor::Cow(c) => c
            .spells
            .iter()
            .flat_map(|&(first, last)| entity_spans(c.ccode, first, last))
            .map(|(id, _, _)| id)
            .collect(),
        Anchor::Gw(g) => {
            let lines = iso::ISO
                .iter()
                .filter(|i| i.gw == g.code)
                .map(|i| (i.first, i.last));
            let spells = cow_state(g.code).map_or(&[][..], |c| c.spells);
            g.spells
                .iter()
                .flat_map(|&(first, last)| {
                    let bounds = lines.clone().chain(spells.iter().copied());
                    pieces(anchor, g.abb, first, last, bounds)
                })
                .map(|(id, _, _)| id)
                .collect()
        }
    };
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Every name of the lists and the alias table with the ids it stands for,
/// in the order aliases are listed (ISO, COW, Gleditsch–Ward, aliases).
static NAMED: LazyLock<Vec<(&'static str, Vec<&'static str>)>> = LazyLock::new(|| {
    let mut out: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    out.extend(
        iso::ISO
            .iter()
            .map(|i| (i.name, anchor_ids(Anchor::Iso(i)))),
    );
    out.extend(
        cow::COW
            .iter()
            .map(|c| (c.name, anchor_ids(Anchor::Cow(c)))),
    );
    out.extend(gw::GW.iter().map(|g| (g.name, anchor_ids(Anchor::Gw(g)))));
    for (alias, scheme, code) in ALIASES {
        let mut ids: Vec<&'static str> = anchors(*scheme, code)
            .unwrap_or_default()
            .into_iter()
            .flat_map(anchor_ids)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        out.push((alias, ids));
    }
    out
});

/// Which ids each name key stands for.
static CLAIMS: LazyLock<HashMap<String, Vec<&'static str>>> = LazyLock::new(|| {
    let mut claims: HashMap<String, Vec<&'static str>> = HashMap::new();
    for (name, ids) in NAMED.iter() {
        for key in name_keys(name) {
            let claim = claims.entry(key).or_default();
            claim.extend(ids);
            claim.sort_unstable();
            claim.dedup();
        }
    }
    claims
});

/// What a country entity created for `id` (an [`Identity::id`]) carries:
/// the latest ISO English short name (else COW's, else Gleditsch–Ward's),
/// the other names the tables give it alone, and the COW and
/// Gleditsch–Ward numbers of its latest period (unified Germany: 255 and
/// 260). `None` for an id the tables do not give.
///
/// ```
/// use diplograph::codes::new_country;
/// let burma = new_country("MMR").unwrap();
/// assert_eq!(burma.name, "Myanmar");
/// assert!(burma.aliases.contains(&"Burma"));
/// assert_eq!((burma.cow, burma.gw), (Some(775), Some(775)));
/// let bavaria = new_country("BAV").unwrap();
/// assert_eq!((bavaria.name, bavaria.cow), ("Bavaria", Some(245)));
/// assert!(new_country("XYZ").is_none());
/// ```
pub fn new_country(id: &str) -> Option<NewCountry> {
    let nonzero = |n: u16| (n != 0).then_some(n);
    let (name, cow, gw) = if let Some(line) = iso::ISO
        .iter()
        .filter(|i| i.alpha3 == id)
        .max_by_key(|i| i.last)
    {
        (line.name, nonzero(line.cow), nonzero(line.gw))
    } else if let Some(c) = cow::COW.iter().find(|c| c.abb == id) {
        let gw = gw_state(c.ccode).filter(|g| g.abb == c.abb || g.name == c.name);
        (c.name, Some(c.ccode), gw.map(|g| g.code))
    } else {
        let g = gw::GW.iter().find(|g| g.abb == id)?;
        (g.name, None, Some(g.code))
    };
    let own = name_keys(name);
    let mut seen = own.clone();
    let mut aliases = Vec::new();
    for (alias, ids) in NAMED.iter() {
        if !ids.contains(&id) {
            continue;
        }
        let keys = name_keys(alias);
        let alone = keys
            .iter()
            .all(|k| CLAIMS.get(k).is_none_or(|c| c.iter().all(|&o| o == id)));
        if alone && !keys.iter().any(|k| seen.contains(k)) {
            aliases.push(*alias);
            seen.extend(keys);
        }
    }
    Some(NewCountry {
        name,
        aliases,
        cow,
        gw,
    })
}
