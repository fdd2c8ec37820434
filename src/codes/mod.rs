//! Country codes across time: ISO 3166, the Correlates of War state
//! system, Gleditsch–Ward, and English names, each valid on certain days.
//!
//! The data sets international-relations research is built on are keyed by
//! codes whose meaning changes: COW 255 is Germany before 1945 and again
//! from 1990-10-03, while Gleditsch–Ward keeps 260 (West Germany) for
//! unified Germany; COW 365 is Russia and the Soviet Union as one state,
//! while ISO has SUN, then RUS. A code is only a state *on a day*. This
//! module holds the three published lists, compiled into the binary (one
//! state per line in [`cow`], [`gw`] and [`iso`]), and [`lookup`], which
//! answers "which state does this code name on this day, and what are its
//! other codes". Nothing here knows the database: the CLI matches the
//! answer to an entity.
//!
//! Spells are written `yyyymmdd` as `u32`, both ends included, so the
//! tables read like the published lists (whose end dates are the last day
//! in the system) and compare as numbers.

pub mod cow;
pub mod gw;
pub mod iso;
mod resolve;

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use jiff::civil::Date;
use serde::Serialize;

use crate::names::fold;

pub use resolve::{
    NewCountry, cow_in_year, cow_near_year, entity_spans, new_country, resolve_un_member,
};

/// The end of a spell still running ("until today"): later than any date.
pub const OPEN: u32 = 99_991_231;

/// One state of the Correlates of War system.
#[derive(Debug, PartialEq, Eq)]
pub struct CowState {
    /// The numeric state code (`ccode`), e.g. 365.
    pub ccode: u16,
    /// The letter code (`stateabb`), e.g. `RUS`.
    pub abb: &'static str,
    /// The state's name in the list.
    pub name: &'static str,
    /// The spells in the system, first and last day (`yyyymmdd`).
    pub spells: &'static [(u32, u32)],
}

/// One state of Gleditsch and Ward's list.
#[derive(Debug, PartialEq, Eq)]
pub struct GwState {
    /// The numeric code, e.g. 260.
    pub code: u16,
    /// The letter code of the list.
    pub abb: &'static str,
    /// The state's name in the list.
    pub name: &'static str,
    /// The spells of independence, first and last day (`yyyymmdd`).
    pub spells: &'static [(u32, u32)],
}

/// One ISO 3166 code for one period of a state, with the state's COW and
/// Gleditsch–Ward numbers in that period: the table's crosswalk.
#[derive(Debug, PartialEq, Eq)]
pub struct IsoCode {
    /// ISO 3166-1 alpha-3 (or ISO 3166-3's former alpha-3), e.g. `SUN`.
    pub alpha3: &'static str,
    /// The alpha-2 code of the same period.
    pub alpha2: &'static str,
    /// The numeric code (`0`: none).
    pub numeric: u16,
    /// The English short name, in its common form.
    pub name: &'static str,
    /// First day the code stands for this state (`0`: since ever).
    pub first: u32,
    /// Last day ([`OPEN`]: still).
    pub last: u32,
    /// The state's COW number in this period (`0`: none).
    pub cow: u16,
    /// The state's Gleditsch–Ward number in this period (`0`: none).
    pub gw: u16,
}

/// A coding scheme, as `codes --from`/`--to` name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// ISO 3166-1 alpha-3 (`DEU`).
    Iso3,
    /// ISO 3166-1 alpha-2 (`DE`).
    Iso2,
    /// ISO 3166-1 numeric (`276`).
    IsoNum,
    /// COW numeric state code (`255`).
    Cow,
    /// COW letter code (`GMY`).
    CowAbb,
    /// Gleditsch–Ward numeric code (`260`).
    Gw,
    /// The English name (forgiving: any case, accents, common alternatives).
    Name,
}

impl Scheme {
    /// Every scheme, in the order the codes are printed.
    pub const ALL: &'static [Scheme] = &[
        Scheme::Iso3,
        Scheme::Iso2,
        Scheme::IsoNum,
        Scheme::Cow,
        Scheme::CowAbb,
        Scheme::Gw,
        Scheme::Name,
    ];

    /// The scheme's name on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Iso3 => "iso3",
            Scheme::Iso2 => "iso2",
            Scheme::IsoNum => "isonum",
            Scheme::Cow => "cow",
            Scheme::CowAbb => "cowabb",
            Scheme::Gw => "gw",
            Scheme::Name => "name",
        }
    }

    /// How messages call the scheme ("COW 255").
    fn label(self) -> &'static str {
        match self {
            Scheme::Iso3 => "ISO alpha-3",
            Scheme::Iso2 => "ISO alpha-2",
            Scheme::IsoNum => "ISO numeric",
            Scheme::Cow => "COW",
            Scheme::CowAbb => "COW letter code",
            Scheme::Gw => "Gleditsch–Ward",
            Scheme::Name => "the name",
        }
    }
}

impl FromStr for Scheme {
    type Err = String;

    fn from_str(text: &str) -> Result<Scheme, String> {
        Scheme::ALL
            .iter()
            .copied()
            .find(|s| s.name().eq_ignore_ascii_case(text))
            .ok_or_else(|| {
                let names: Vec<_> = Scheme::ALL.iter().map(|s| s.name()).collect();
                format!("unknown scheme `{text}` (one of {})", names.join(", "))
            })
    }
}

/// One code's value: a number (COW, Gleditsch–Ward) or text (the others;
/// ISO numeric codes keep their three digits, `004`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Code {
    /// A numeric code.
    Number(u16),
    /// A letter code, a three-digit ISO numeric code, or a name.
    Text(String),
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Number(n) => write!(f, "{n}"),
            Code::Text(t) => f.write_str(t),
        }
    }
}

/// What one state is on one day: its entries in each list (only those in
/// force that day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The ISO code of the state on that day, if it had one.
    pub iso: Option<&'static IsoCode>,
    /// The COW state, if it was in the system that day.
    pub cow: Option<&'static CowState>,
    /// The Gleditsch–Ward state, if it was independent that day.
    pub gw: Option<&'static GwState>,
}

impl Identity {
    /// The state's English name that day (ISO's, else COW's, else
    /// Gleditsch–Ward's).
    pub fn name(&self) -> &'static str {
        self.iso
            .map(|i| i.name)
            .or(self.cow.map(|c| c.name))
            .or(self.gw.map(|g| g.name))
            .unwrap_or_default()
    }

    /// The state's code in `scheme` that day, if it had one.
    ///
    /// ```
    /// use diplograph::codes::{Code, Scheme, lookup};
    /// let day = jiff::civil::date(1980, 1, 1);
    /// let ussr = lookup(Scheme::Cow, "365", day).unwrap();
    /// assert_eq!(ussr.code(Scheme::Iso3), Some(Code::Text("SUN".into())));
    /// ```
    pub fn code(&self, scheme: Scheme) -> Option<Code> {
        let text = |s: &str| Some(Code::Text(s.to_string()));
        match scheme {
            Scheme::Iso3 => text(self.iso?.alpha3),
            Scheme::Iso2 => text(self.iso?.alpha2),
            Scheme::IsoNum => match self.iso?.numeric {
                0 => None,
                n => Some(Code::Text(format!("{n:03}"))),
            },
            Scheme::Cow => Some(Code::Number(self.cow?.ccode)),
            Scheme::CowAbb => text(self.cow?.abb),
            Scheme::Gw => Some(Code::Number(self.gw?.code)),
            Scheme::Name => text(self.name()),
        }
    }

    /// The id a database gives this state: its latest ISO alpha-3 (a
    /// renamed state keeps one id: Burma, BUR until 1989, is MMR; a
    /// dissolved one keeps its ISO 3166-3 code: SUN), else its COW letter
    /// code; on a day only Gleditsch–Ward counts (the GDR on 1949-10-05,
    /// two days before its ISO code; Zanzibar before COW's 1963-12-19),
    /// the id its Gleditsch–Ward number has on its earliest ISO line, else
    /// the COW letter code of that number where it is the same state, else
    /// the Gleditsch–Ward letter code.
    ///
    /// ```
    /// use diplograph::codes::{Scheme, lookup};
    /// let day = jiff::civil::date(1970, 1, 1);
    /// assert_eq!(lookup(Scheme::Cow, "775", day).unwrap().id(), Some("MMR"));
    /// assert_eq!(lookup(Scheme::Cow, "365", day).unwrap().id(), Some("SUN"));
    /// ```
    pub fn id(&self) -> Option<&'static str> {
        self.iso
            .map(|i| latest(i).alpha3)
            .or(self.cow.map(|c| c.abb))
            .or(self.gw.map(gw_only_id))
    }

    fn key(&self) -> (Option<*const IsoCode>, Option<u16>, Option<u16>) {
        (
            self.iso.map(std::ptr::from_ref),
            self.cow.map(|c| c.ccode),
            self.gw.map(|g| g.code),
        )
    }
}

/// Why a code names no one state on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// The code is not of the scheme's form (`cow abc`).
    Malformed {
        /// The scheme asked about.
        scheme: Scheme,
        /// The text given.
        code: String,
    },
    /// The code names no state that day (or never did: no candidates).
    NoState {
        /// The scheme asked about.
        scheme: Scheme,
        /// The code given.
        code: String,
        /// The day asked about.
        day: Date,
        /// The states the code names on other days, with their spells.
        candidates: Vec<Candidate>,
    },
    /// The code names more than one state that day.
    Ambiguous {
        /// The scheme asked about.
        scheme: Scheme,
        /// The code given.
        code: String,
        /// The day asked about.
        day: Date,
        /// The states it names that day, with their spells.
        candidates: Vec<Candidate>,
    },
    /// The state has no code in the scheme asked for on that day (Poland
    /// has no COW code during the Second World War).
    NoCode {
        /// The state's name.
        name: String,
        /// The scheme asked for.
        scheme: Scheme,
        /// The day asked about.
        day: Date,
        /// When the state does have a code in that scheme.
        spells: Vec<(String, Vec<(u32, u32)>)>,
    },
}

/// A state a code names on some day, for error messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The list it is from: `ISO`, `COW` or `Gleditsch–Ward`.
    pub list: &'static str,
    /// Its name in the list the code is from.
    pub name: &'static str,
    /// Its spells in that list (`yyyymmdd`, both ends included).
    pub spells: Vec<(u32, u32)>,
}

impl fmt::Display for Candidate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.name, spells_text(&self.spells))
    }
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A name can match entries of every list: say which is which.
        let list = |c: &[Candidate]| {
            let all: Vec<String> = c
                .iter()
                .map(|c| match self {
                    CodeError::NoState {
                        scheme: Scheme::Name,
                        ..
                    }
                    | CodeError::Ambiguous {
                        scheme: Scheme::Name,
                        ..
                    } => format!("{} ({}) {}", c.name, c.list, spells_text(&c.spells)),
                    _ => c.to_string(),
                })
                .collect();
            all.join("; ")
        };
        match self {
            CodeError::Malformed { scheme, code } => {
                write!(f, "`{code}` is not a {} code", scheme.label())
            }
            CodeError::NoState {
                scheme,
                code,
                candidates,
                ..
            } if candidates.is_empty() => {
                write!(f, "{} `{code}` names no state on any day", scheme.label())
            }
            CodeError::NoState {
                scheme,
                code,
                day,
                candidates,
            } if *scheme == Scheme::Name => write!(
                f,
                "no state is called `{code}` on {day}; the name is that of {}",
                list(candidates)
            ),
            CodeError::NoState {
                scheme,
                code,
                day,
                candidates,
            } => write!(
                f,
                "{} `{code}` names no state on {day}: {code} was {}",
                scheme.label(),
                list(candidates)
            ),
            CodeError::Ambiguous {
                scheme,
                code,
                day,
                candidates,
            } => write!(
                f,
                "{} `{code}` names {} states on {day}: {}",
                scheme.label(),
                candidates.len(),
                list(candidates)
            ),
            CodeError::NoCode {
                name,
                scheme,
                day,
                spells,
            } => {
                write!(f, "{name} has no {} code on {day}", scheme.label())?;
                let has: Vec<String> = spells
                    .iter()
                    .filter(|(_, s)| !s.is_empty())
                    .map(|(code, s)| format!("{code} {}", spells_text(s)))
                    .collect();
                if !has.is_empty() {
                    write!(f, " (it is {})", has.join("; "))?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for CodeError {}

/// A day as the tables write it (`yyyymmdd`).
///
/// ```
/// assert_eq!(diplograph::codes::day_key(jiff::civil::date(1990, 10, 3)), 19901003);
/// ```
pub fn day_key(day: Date) -> u32 {
    day.year() as u32 * 10_000 + day.month() as u32 * 100 + day.day() as u32
}

/// A table day as text: `1990-10-03`.
fn day_text(key: u32) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        key / 10_000,
        key / 100 % 100,
        key % 100
    )
}

/// Spells in words: "1816-01-01 to 1945-05-08 and from 1990-10-03".
fn spells_text(spells: &[(u32, u32)]) -> String {
    let parts: Vec<String> = spells
        .iter()
        .map(|&(first, last)| match (first, last) {
            (0, OPEN) => "always".to_string(),
            (0, last) => format!("until {}", day_text(last)),
            (first, OPEN) => format!("from {}", day_text(first)),
            (first, last) => format!("{} to {}", day_text(first), day_text(last)),
        })
        .collect();
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.concat(),
    }
}

fn covers(spells: &[(u32, u32)], day: u32) -> bool {
    spells
        .iter()
        .any(|&(first, last)| first <= day && day <= last)
}

impl CowState {
    /// Whether the state is in the system on `day` (`yyyymmdd`).
    pub fn in_system(&self, day: u32) -> bool {
        covers(self.spells, day)
    }
}

impl GwState {
    /// Whether the state is independent on `day` (`yyyymmdd`).
    pub fn in_system(&self, day: u32) -> bool {
        covers(self.spells, day)
    }
}

impl IsoCode {
    /// Whether the code stands for this state on `day` (`yyyymmdd`).
    pub fn in_use(&self, day: u32) -> bool {
        self.first <= day && day <= self.last
    }
}

/// The COW state with number `ccode` (binary search: the table is sorted).
///
/// ```
/// let gdr = diplograph::codes::cow_state(265).unwrap();
/// assert_eq!(gdr.abb, "GDR");
/// ```
pub fn cow_state(ccode: u16) -> Option<&'static CowState> {
    let i = cow::COW.binary_search_by_key(&ccode, |s| s.ccode).ok()?;
    Some(&cow::COW[i])
}

/// The Gleditsch–Ward state with number `code` (binary search).
///
/// ```
/// let frg = diplograph::codes::gw_state(260).unwrap();
/// assert_eq!(frg.name, "German Federal Republic");
/// ```
pub fn gw_state(code: u16) -> Option<&'static GwState> {
    let i = gw::GW.binary_search_by_key(&code, |s| s.code).ok()?;
    Some(&gw::GW[i])
}

/// Common names the lists do not use, each with the code it means (the
/// date then picks the state: "Yugoslavia" is YUG until 2003).
#[rustfmt::skip]
const ALIASES: &[(&str, Scheme, &str)] = &[
    ("USSR", Scheme::Iso3, "SUN"),
    ("Russian Federation", Scheme::Iso3, "RUS"),
    ("Russian Empire", Scheme::Cow, "365"),
    ("West Germany", Scheme::Cow, "260"),
    // Germany's official name before and after 1990 (the UN votes call
    // the Federal Republic so until 1990-12, after unification).
    ("Federal Republic of Germany", Scheme::Iso3, "DEU"),
    ("East Germany", Scheme::Cow, "265"),
    ("Prussia", Scheme::Cow, "255"),
    ("UK", Scheme::Iso3, "GBR"),
    ("Great Britain", Scheme::Iso3, "GBR"),
    ("Britain", Scheme::Iso3, "GBR"),
    ("United Kingdom of Great Britain and Northern Ireland", Scheme::Iso3, "GBR"),
    ("USA", Scheme::Iso3, "USA"),
    ("United States of America", Scheme::Iso3, "USA"),
    ("America", Scheme::Iso3, "USA"),
    ("North Yemen", Scheme::Cow, "678"),
    // The UN votes keep the name for unified Yemen's seat until 1990-12.
    ("Yemen Arab Republic", Scheme::Iso3, "YEM"),
    ("South Yemen", Scheme::Cow, "680"),
    ("Serbia and Montenegro", Scheme::Iso3, "SCG"),
    ("Czech Republic", Scheme::Iso3, "CZE"),
    ("Ivory Coast", Scheme::Iso3, "CIV"),
    ("Cape Verde", Scheme::Iso3, "CPV"),
    ("Swaziland", Scheme::Iso3, "SWZ"),
    ("Macedonia", Scheme::Iso3, "MKD"),
    ("Turkey", Scheme::Iso3, "TUR"),
    ("Ottoman Empire", Scheme::Cow, "640"),
    ("Persia", Scheme::Iso3, "IRN"),
    ("Siam", Scheme::Iso3, "THA"),
    ("Ceylon", Scheme::Iso3, "LKA"),
    ("Burma", Scheme::Cow, "775"),
    ("Zaire", Scheme::Cow, "490"),
    ("DR Congo", Scheme::Cow, "490"),
    ("DRC", Scheme::Cow, "490"),
    ("Congo-Kinshasa", Scheme::Cow, "490"),
    ("Congo-Brazzaville", Scheme::Iso3, "COG"),
    ("Republic of the Congo", Scheme::Iso3, "COG"),
    ("Korea, Republic of", Scheme::Iso3, "KOR"),
    ("Republic of Korea", Scheme::Iso3, "KOR"),
    ("Democratic People's Republic of Korea", Scheme::Iso3, "PRK"),
    ("Vatican", Scheme::Iso3, "VAT"),
    ("Holland", Scheme::Iso3, "NLD"),
    ("East Timor", Scheme::Cow, "860"),
    ("Upper Volta", Scheme::Cow, "439"),
    ("Dahomey", Scheme::Cow, "434"),
    ("Rhodesia", Scheme::Cow, "552"),
    ("Kampuchea", Scheme::Iso3, "KHM"),
    ("Micronesia, Federated States of", Scheme::Iso3, "FSM"),
    ("Bosnia", Scheme::Iso3, "BIH"),
    ("Iran, Islamic Republic of", Scheme::Iso3, "IRN"),
    ("Syrian Arab Republic", Scheme::Iso3, "SYR"),
    ("Lao People's Democratic Republic", Scheme::Iso3, "LAO"),
    ("Viet Nam", Scheme::Cow, "816"),
    ("Republic of China", Scheme::Iso3, "TWN"),
    ("People's Republic of China", Scheme::Iso3, "CHN"),
    ("Tanganyika", Scheme::Cow, "510"),
    ("Western Samoa", Scheme::Iso3, "WSM"),
    ("Moldova, Republic of", Scheme::Iso3, "MDA"),
    ("Tanzania, United Republic of", Scheme::Iso3, "TZA"),
    ("Bolivia, Plurinational State of", Scheme::Iso3, "BOL"),
    ("Venezuela, Bolivarian Republic of", Scheme::Iso3, "VEN"),
];

/// An entry of one of the lists that a code matched.
#[derive(Clone, Copy, Debug)]
enum Anchor {
    Iso(&'static IsoCode),
    Cow(&'static CowState),
    Gw(&'static GwState),
}

impl Anchor {
    fn in_force(self, day: u32) -> bool {
        match self {
            Anchor::Iso(i) => i.in_use(day),
            Anchor::Cow(c) => c.in_system(day),
            Anchor::Gw(g) => g.in_system(day),
        }
    }

    fn candidate(self) -> Candidate {
        match self {
            Anchor::Iso(i) => Candidate {
                list: "ISO",
                name: i.name,
                spells: vec![(i.first, i.last)],
            },
            Anchor::Cow(c) => Candidate {
                list: "COW",
                name: c.name,
                spells: c.spells.to_vec(),
            },
            Anchor::Gw(g) => Candidate {
                list: "Gleditsch–Ward",
                name: g.name,
                spells: g.spells.to_vec(),
            },
        }
    }

    /// The state this entry is on `day` (on which it is in force), with
    /// its entries in the other lists.
    fn identity(self, day: u32) -> Identity {
        let cow = |n: u16| cow_state(n).filter(|c| c.in_system(day));
        let gw = |n: u16| gw_state(n).filter(|g| g.in_system(day));
        match self {
            Anchor::Iso(i) => Identity {
                iso: Some(i),
                cow: cow(i.cow),
                gw: gw(i.gw),
            },
            Anchor::Cow(c) => {
                let iso = lines_with(&ISO_NUMBERS.cow, c.ccode).find(|i| i.in_use(day));
                Identity {
                    iso,
                    cow: Some(c),
                    gw: gw(iso.map_or(c.ccode, |i| i.gw)),
                }
            }
            Anchor::Gw(g) => {
                let iso = lines_with(&ISO_NUMBERS.gw, g.code).find(|i| i.in_use(day));
                Identity {
                    iso,
                    cow: cow(iso.map_or(g.code, |i| i.cow)),
                    gw: Some(g),
                }
            }
        }
    }
}

/// The ISO lines by the COW and by the Gleditsch–Ward number they carry
/// (sorted by number, then table order), and each line's [`latest`]
/// (by position): what turning a number into an id on a day reads, built
/// once so that it is a binary search.
struct IsoNumbers {
    cow: Vec<(u16, usize)>,
    gw: Vec<(u16, usize)>,
    latest: Vec<usize>,
}

static ISO_NUMBERS: LazyLock<IsoNumbers> = LazyLock::new(|| {
    let by = |number: fn(&IsoCode) -> u16| {
        let mut out: Vec<(u16, usize)> = iso::ISO
            .iter()
            .enumerate()
            .filter(|(_, i)| number(i) != 0)
            .map(|(n, i)| (number(i), n))
            .collect();
        out.sort_unstable();
        out
    };
    IsoNumbers {
        cow: by(|i| i.cow),
        gw: by(|i| i.gw),
        latest: iso::ISO
            .iter()
            .map(|i| {
                let last = latest_by_scan(i);
                iso::ISO
                    .iter()
                    .position(|j| std::ptr::eq(j, last))
                    .unwrap_or(0)
            })
            .collect(),
    }
});

/// The ISO lines carrying `number` in a column of [`IsoNumbers`], in
/// table order.
fn lines_with(column: &[(u16, usize)], number: u16) -> impl Iterator<Item = &'static IsoCode> {
    let start = column.partition_point(|&(n, _)| n < number);
    column[start..]
        .iter()
        .take_while(move |&&(n, _)| n == number)
        .map(|&(_, line)| &iso::ISO[line])
}

/// The id of a Gleditsch–Ward state on a day no ISO line and no COW state
/// covers (see [`Identity::id`]).
fn gw_only_id(g: &'static GwState) -> &'static str {
    lines_with(&ISO_NUMBERS.gw, g.code)
        .min_by_key(|i| i.first)
        .map(|i| latest(i).alpha3)
        .or(cow_state(g.code).filter(|c| c.abb == g.abb).map(|c| c.abb))
        .unwrap_or(g.abb)
}

/// Whether two ISO lines are one state under two codes: ISO keeps the
/// numeric code when only the name changes (BUR and MMR are both 104,
/// SUN 810 and RUS 643 are not), and the state keeps its COW number
/// (South Vietnam and Vietnam share 704, not 817).
fn renamed(a: &IsoCode, b: &IsoCode) -> bool {
    a.numeric != 0 && a.numeric == b.numeric && a.cow == b.cow
}

/// The state's code after its last rename (itself if it had none).
fn latest(code: &'static IsoCode) -> &'static IsoCode {
    // The line's position from its address (every line is in the table).
    let at = (std::ptr::from_ref(code) as usize).wrapping_sub(iso::ISO.as_ptr() as usize)
        / std::mem::size_of::<IsoCode>();
    match (iso::ISO.get(at), ISO_NUMBERS.latest.get(at)) {
        (Some(line), Some(&last)) if std::ptr::eq(line, code) => &iso::ISO[last],
        _ => latest_by_scan(code),
    }
}

/// [`latest`], by reading the whole table.
fn latest_by_scan(code: &'static IsoCode) -> &'static IsoCode {
    iso::ISO
        .iter()
        .filter(|j| renamed(code, j))
        .max_by_key(|j| j.last)
        .unwrap_or(code)
}

/// The forms a name is compared in: folded ([`fold`]: case, accents,
/// separators), `&` read as "and", "St." as "Saint", "the" and dots
/// dropped, curly apostrophes straight; a name with a parenthesis also
/// stands for the part before it and the part inside ("Myanmar (Burma)",
/// "Germany (Prussia)").
///
/// ```
/// use diplograph::codes::name_keys;
/// assert_eq!(name_keys("St. Vincent & Grenadines"), ["saint vincent and grenadines"]);
/// assert_eq!(name_keys("Myanmar (Burma)"), ["myanmar burma", "myanmar", "burma"]);
/// ```
pub fn name_keys(name: &str) -> Vec<String> {
    let key = |text: &str| -> String {
        let text = text.replace(['’', '‘', 'ʼ'], "'").replace('&', " and ");
        let folded = fold(&text.replace(['.', '(', ')', ','], " "));
        let words: Vec<&str> = folded
            .split(' ')
            .filter(|w| *w != "the" && !w.is_empty())
            .map(|w| if w == "st" { "saint" } else { w })
            .collect();
        words.join(" ")
    };
    let mut keys = vec![key(name)];
    if let (Some(open), Some(close)) = (name.find('('), name.rfind(')'))
        && open < close
    {
        keys.push(key(&name[..open]));
        keys.push(key(&name[open + 1..close]));
    }
    keys.retain(|k| !k.is_empty());
    keys.dedup();
    keys
}

/// ISO lines by alpha-3 or alpha-2 code: each code with the line it
/// names and the lines of the same state under other names (a renamed
/// state's current code also names it before the rename: MMR and MM in
/// 1970 are Burma, then BUR and BU, as data sets keyed by current codes
/// use them — the UN votes: MM from 1948). Sorted by code, then by line.
struct IsoIndex {
    alpha3: Vec<(&'static str, usize)>,
    alpha2: Vec<(&'static str, usize)>,
}

static ISO_INDEX: LazyLock<IsoIndex> = LazyLock::new(|| {
    let build = |code: fn(&IsoCode) -> &'static str| {
        let mut out = Vec::new();
        for j in iso::ISO {
            for (n, i) in iso::ISO.iter().enumerate() {
                if std::ptr::eq(i, j) || renamed(i, j) {
                    out.push((code(j), n));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    };
    IsoIndex {
        alpha3: build(|i| i.alpha3),
        alpha2: build(|i| i.alpha2),
    }
});

/// The ISO lines `code` names in an [`IsoIndex`] column, in table order,
/// compared without case (no allocation).
fn iso_named<'a>(
    column: &'a [(&'static str, usize)],
    code: &'a str,
) -> impl Iterator<Item = &'static IsoCode> + 'a {
    fn upper(t: &str) -> impl Iterator<Item = u8> + '_ {
        t.bytes().map(|b| b.to_ascii_uppercase())
    }
    let start = column.partition_point(|(c, _)| upper(c).lt(upper(code)));
    column[start..]
        .iter()
        .take_while(move |(c, _)| c.eq_ignore_ascii_case(code))
        .map(|&(_, n)| &iso::ISO[n])
}

/// Every name key ([`name_keys`]) of the lists' names and of [`ALIASES`],
/// with the place the entry has in the order names are searched (ISO,
/// COW, Gleditsch–Ward, then the aliases) and the entry it stands for;
/// sorted by key. Built once: a name is found by binary search.
static NAME_INDEX: LazyLock<Vec<(String, usize, Anchor)>> = LazyLock::new(|| {
    let mut entries: Vec<(&'static str, Anchor)> = Vec::new();
    entries.extend(iso::ISO.iter().map(|i| (i.name, Anchor::Iso(i))));
    entries.extend(cow::COW.iter().map(|c| (c.name, Anchor::Cow(c))));
    entries.extend(gw::GW.iter().map(|g| (g.name, Anchor::Gw(g))));
    let mut out = Vec::new();
    let mut order = 0;
    for (name, anchor) in entries {
        for key in name_keys(name) {
            out.push((key, order, anchor));
        }
        order += 1;
    }
    for (alias, scheme, code) in ALIASES {
        let keys = name_keys(alias);
        // An alias names codes of the other schemes, never a name.
        for anchor in anchors(*scheme, code).unwrap_or_default() {
            for key in &keys {
                out.push((key.clone(), order, anchor));
            }
            order += 1;
        }
    }
    out.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    out
});

/// The entries of the lists `code` matches in `scheme`, on any day.
fn anchors(scheme: Scheme, code: &str) -> Result<Vec<Anchor>, CodeError> {
    let code = code.trim();
    let malformed = || CodeError::Malformed {
        scheme,
        code: code.to_string(),
    };
    let number = || {
        code.parse::<u16>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(malformed)
    };
    let iso = |pick: &dyn Fn(&IsoCode) -> bool| -> Vec<Anchor> {
        iso::ISO
            .iter()
            .filter(|i| pick(i))
            .map(Anchor::Iso)
            .collect()
    };
    Ok(match scheme {
        Scheme::Iso3 => iso_named(&ISO_INDEX.alpha3, code)
            .map(Anchor::Iso)
            .collect(),
        Scheme::Iso2 => iso_named(&ISO_INDEX.alpha2, code)
            .map(Anchor::Iso)
            .collect(),
        Scheme::IsoNum => {
            let n = number()?;
            iso(&|i| i.numeric == n)
        }
        Scheme::Cow => cow_state(number()?).map(Anchor::Cow).into_iter().collect(),
        Scheme::CowAbb => cow::COW
            .iter()
            .filter(|c| c.abb.eq_ignore_ascii_case(code))
            .map(Anchor::Cow)
            .collect(),
        Scheme::Gw => gw_state(number()?).map(Anchor::Gw).into_iter().collect(),
        Scheme::Name => {
            let asked = name_keys(code);
            if asked.is_empty() {
                return Err(malformed());
            }
            let index = &*NAME_INDEX;
            let mut found: Vec<(usize, Anchor)> = Vec::new();
            for key in &asked {
                let start = index.partition_point(|(k, _, _)| k < key);
                found.extend(
                    index[start..]
                        .iter()
                        .take_while(|(k, _, _)| k == key)
                        .map(|&(_, order, anchor)| (order, anchor)),
                );
            }
            // Each entry once, in the order of the lists.
            found.sort_unstable_by_key(|&(order, _)| order);
            found.dedup_by_key(|&mut (order, _)| order);
            found.into_iter().map(|(_, anchor)| anchor).collect()
        }
    })
}

/// The one state `code` names in `scheme` on `day`, with its codes in
/// every scheme that day.
///
/// A code that names no state that day, or more than one, is an error
/// that lists the states it names on other days with their spells.
///
/// ```
/// use diplograph::codes::{Code, Scheme, lookup};
/// use jiff::civil::date;
/// // COW 255 is Germany again from 1990-10-03; Gleditsch–Ward calls it 260.
/// let germany = lookup(Scheme::Cow, "255", date(2000, 1, 1)).unwrap();
/// assert_eq!(germany.code(Scheme::Iso3), Some(Code::Text("DEU".into())));
/// assert_eq!(germany.code(Scheme::Gw), Some(Code::Number(260)));
/// // In 1980 it names no state.
/// let err = lookup(Scheme::Cow, "255", date(1980, 1, 1)).unwrap_err();
/// assert!(err.to_string().contains("255 was Germany 1816-01-01 to 1945-05-08 and from 1990-10-03"));
/// ```
pub fn lookup(scheme: Scheme, code: &str, day: Date) -> Result<Identity, CodeError> {
    let key = day_key(day);
    let found = anchors(scheme, code)?;
    let mut states: Vec<(Anchor, Identity)> = Vec::new();
    for anchor in found.iter().filter(|a| a.in_force(key)) {
        let identity = anchor.identity(key);
        if !states.iter().any(|(_, s)| s.key() == identity.key()) {
            states.push((*anchor, identity));
        }
    }
    let code = code.trim().to_string();
    match states.as_slice() {
        [(_, one)] => Ok(*one),
        [] => Err(CodeError::NoState {
            scheme,
            code,
            day,
            candidates: merge(found.iter().map(|a| a.candidate())),
        }),
        many => Err(CodeError::Ambiguous {
            scheme,
            code,
            day,
            candidates: merge(many.iter().map(|(a, _)| a.candidate())),
        }),
    }
}

/// Candidates of the same list and name as one, with their spells
/// together (the three ISO lines of DEU read "Germany until 1945-05-08
/// and from 1990-10-03; West Germany …").
fn merge(candidates: impl Iterator<Item = Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for c in candidates {
        match out
            .iter_mut()
            .find(|o| (o.list, o.name) == (c.list, c.name))
        {
            Some(o) => {
                for s in c.spells {
                    if !o.spells.contains(&s) {
                        o.spells.push(s);
                    }
                }
                o.spells.sort_unstable();
            }
            None => out.push(c),
        }
    }
    out
}

/// The code of `state` in `to`, or why it has none that day.
///
/// ```
/// use diplograph::codes::{Code, Scheme, convert, lookup};
/// let day = jiff::civil::date(2010, 1, 1);
/// let serbia = lookup(Scheme::Cow, "345", day).unwrap();
/// assert_eq!(convert(&serbia, Scheme::Gw, day).unwrap(), Code::Number(340));
/// ```
pub fn convert(state: &Identity, to: Scheme, day: Date) -> Result<Code, CodeError> {
    state.code(to).ok_or_else(|| {
        // When the state does have a code in `to`: the entries its other
        // lists point to.
        let mut spells = Vec::new();
        let cow = state.cow.map(|c| c.ccode).or(state.iso.map(|i| i.cow));
        let gw = state.gw.map(|g| g.code).or(state.iso.map(|i| i.gw));
        match to {
            Scheme::Cow | Scheme::CowAbb => {
                if let Some(c) = cow.and_then(cow_state) {
                    spells.push((format!("COW {}", c.ccode), c.spells.to_vec()));
                }
            }
            Scheme::Gw => {
                if let Some(g) = gw.and_then(gw_state) {
                    spells.push((format!("Gleditsch–Ward {}", g.code), g.spells.to_vec()));
                }
            }
            Scheme::Iso3 | Scheme::Iso2 | Scheme::IsoNum | Scheme::Name => {
                for i in iso::ISO.iter().filter(|i| {
                    (cow.is_some_and(|c| c != 0 && i.cow == c))
                        || (gw.is_some_and(|g| g != 0 && i.gw == g))
                }) {
                    spells.push((i.alpha3.to_string(), vec![(i.first, i.last)]));
                }
            }
        }
        CodeError::NoCode {
            name: state.name().to_string(),
            scheme: to,
            day,
            spells,
        }
    })
}

/// The answer of `codes` as JSON: the state, the database entity that
/// stands for it, all its codes that day, and the code asked for.
#[derive(Clone, Debug, Serialize)]
pub struct Lookup {
    /// The id of the entity in the loaded database, if it holds one.
    pub entity: Option<String>,
    /// The state's English name that day.
    pub name: &'static str,
    /// Every scheme's code that day (`null` where it has none).
    pub codes: Codes,
    /// The code in the scheme asked for with `--to`.
    pub result: Option<Code>,
}

/// The codes of one state on one day, one field per scheme, in the order
/// of [`Scheme::ALL`].
#[derive(Clone, Debug, Serialize)]
pub struct Codes {
    /// ISO alpha-3.
    pub iso3: Option<Code>,
    /// ISO alpha-2.
    pub iso2: Option<Code>,
    /// ISO numeric (three digits).
    pub isonum: Option<Code>,
    /// COW numeric.
    pub cow: Option<Code>,
    /// COW letter code.
    pub cowabb: Option<Code>,
    /// Gleditsch–Ward numeric.
    pub gw: Option<Code>,
    /// English name.
    pub name: Option<Code>,
}

impl From<&Identity> for Codes {
    fn from(state: &Identity) -> Codes {
        Codes {
            iso3: state.code(Scheme::Iso3),
            iso2: state.code(Scheme::Iso2),
            isonum: state.code(Scheme::IsoNum),
            cow: state.code(Scheme::Cow),
            cowabb: state.code(Scheme::CowAbb),
            gw: state.code(Scheme::Gw),
            name: state.code(Scheme::Name),
        }
    }
}

impl Codes {
    /// Each scheme with its code that day, in the order of [`Scheme::ALL`].
    pub fn entries(&self) -> [(Scheme, Option<&Code>); 7] {
        [
            (Scheme::Iso3, self.iso3.as_ref()),
            (Scheme::Iso2, self.iso2.as_ref()),
            (Scheme::IsoNum, self.isonum.as_ref()),
            (Scheme::Cow, self.cow.as_ref()),
            (Scheme::CowAbb, self.cowabb.as_ref()),
            (Scheme::Gw, self.gw.as_ref()),
            (Scheme::Name, self.name.as_ref()),
        ]
    }
}

impl Lookup {
    /// The answer about `state` on `day`: its codes, and its code in `to`
    /// if asked (an error where it has none that day).
    pub fn new(
        state: &Identity,
        entity: Option<String>,
        to: Option<Scheme>,
        day: Date,
    ) -> Result<Lookup, CodeError> {
        Ok(Lookup {
            entity,
            name: state.name(),
            codes: Codes::from(state),
            result: to.map(|to| convert(state, to, day)).transpose()?,
        })
    }
}

#[cfg(test)]
mod resolve_tests;
#[cfg(test)]
mod tests;
