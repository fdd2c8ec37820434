//! Synthetic databases for benchmarks and scale tests.
//!
//! [`generate`] writes a valid `graph.ron` of any size from a seed: the same
//! parameters always give the same bytes, on every platform (the generator
//! uses its own integer-only random numbers and no floating-point maths that
//! could round differently elsewhere). The data is shaped like the real
//! thing, so that algorithms meet realistic work:
//!
//! - **power-law degrees**: country *i* is drawn with weight ∝ 1/(i+1), so a
//!   few powers take part in most relations and most states in few;
//! - **organizations with many members**: a few universal bodies (like the
//!   UN: every country a full member for good, so the signed network
//!   ignores them) and many regional ones whose sizes fall off as 1/rank,
//!   almost all members from one bloc (so shared membership, a positive
//!   tie, stays mostly inside blocs and `clusters --method blocs` finds
//!   them);
//! - **blocs**: every country belongs to one of ≈ √N/3 blocs; partnerships,
//!   alliances and support stay inside a bloc, rivalries, disputes,
//!   conflicts and sanctions cross between blocs, and stances on an issue
//!   follow the bloc (one bloc supports, one opposes);
//! - **two centuries of dates** (1816–2025) with the precision sources of
//!   each era give: years before 1900, months before 1950, days after;
//! - **leaders with terms**: every country's office (and some
//!   organizations') passes from leader to leader without overlap, short
//!   interim terms marked `acting`; summits are attended by whoever led a
//!   member state on the day.
//!
//! The relation budget is split roughly as: attendance and hosting of summits
//! 30 %, signed ties between states 30 %, stances 16 %, memberships 15 %,
//! leadership 9 %. Whatever a category cannot place (a small world runs out
//! of distinct pairs) goes to signed ties, so the file holds exactly the
//! number of relations asked for.

use std::fmt::Write as _;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::Error;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// Seed of the random numbers: the same seed gives the same file.
    pub seed: u64,
    /// Number of countries (at most 17,576: ids are three capital letters).
    pub countries: usize,
    /// Number of organizations.
    pub organizations: usize,
    /// Exact number of relations.
    pub relations: usize,
}

impl Params {
    /// The 10k-relation benchmark size.
    pub const SMALL: Params = Params {
        seed: 1,
        countries: 200,
        organizations: 100,
        relations: 10_000,
    };

    /// The 1M-relation benchmark size (about 100,000 entities).
    pub const LARGE: Params = Params {
        seed: 1,
        countries: 2_000,
        organizations: 5_000,
        relations: 1_000_000,
    };
}

/// A generated database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    /// The `graph.ron` text.
    pub text: String,
    /// Number of entities written.
    pub entities: usize,
    /// Number of relations written (always `Params::relations`).
    pub relations: usize,
}

/// The most countries three-letter ids allow.
pub const MAX_COUNTRIES: usize = 26 * 26 * 26;

/// Relations per country or organization above which the generator refuses
/// (and 100 per pair of countries): leaders' terms and distinct pairs would
/// run out.
pub const MAX_DENSITY: usize = 1_000;

/// The day up to which generated facts are "checked".
const CHECKED: (i32, u32, u32) = (2025, 6, 30);

/// First year of generated history.
const FIRST_YEAR: i32 = 1816;

/// Generates a database. O(relations + entities) time and memory.
///
/// # Errors
/// [`Error::Generate`] when the sizes cannot make a valid database: fewer
/// than two countries, no organization, more than [`MAX_COUNTRIES`]
/// countries, or more than [`MAX_DENSITY`] relations per country and
/// organization.
///
/// ```
/// use diplograph::generate::{Params, generate};
/// let params = Params { seed: 7, countries: 20, organizations: 5, relations: 300 };
/// let made = generate(&params).unwrap();
/// assert_eq!(made, generate(&params).unwrap()); // deterministic
/// let db = diplograph::store::load_str("gen.ron", &made.text).unwrap(); // valid
/// assert_eq!(db.relations.len(), 300);
/// ```
pub fn generate(params: &Params) -> Result<Generated, Error> {
    check(params)?;
    World::new(params).write()
}

fn check(p: &Params) -> Result<(), Error> {
    let fail = |why: String, help: &str| {
        Err(Error::Generate {
            why,
            help: help.to_string(),
        })
    };
    if p.countries < 2 {
        return fail(
            format!("--countries {} is too few", p.countries),
            "signed ties need at least two countries",
        );
    }
    if p.countries > MAX_COUNTRIES {
        return fail(
            format!("--countries {} is too many", p.countries),
            "country ids are three capital letters: at most 17576 countries",
        );
    }
    if p.organizations == 0 {
        return fail(
            "--organizations 0 is too few".into(),
            "memberships and summits need at least one organization",
        );
    }
    let capacity = (p.countries + p.organizations)
        .saturating_mul(MAX_DENSITY)
        .min(p.countries.saturating_mul(p.countries).saturating_mul(100));
    if p.relations > capacity {
        return fail(
            format!(
                "--relations {} is too many for {} countries and {} organizations",
                p.relations, p.countries, p.organizations
            ),
            "allow at most 1000 relations per country or organization, and 100 per pair of countries: raise --countries or --organizations",
        );
    }
    Ok(())
}

/// `SplitMix64`: tiny, fast, and the same sequence everywhere.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), by multiply-shift.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// True with probability `percent`/100.
    fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Uniform in `lo..hi` (empty ranges give `lo`).
    fn between(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            lo
        } else {
            lo + self.below((hi - lo) as u64) as i32
        }
    }
}

/// Draws items with integer weights: cumulative sums and a binary search.
#[derive(Clone, Debug, Default)]
struct Weighted {
    items: Vec<usize>,
    cumulative: Vec<u64>,
}

impl Weighted {
    fn new(items: impl IntoIterator<Item = (usize, u64)>) -> Self {
        let mut out = Weighted::default();
        let mut total = 0u64;
        for (item, weight) in items {
            if weight == 0 {
                continue;
            }
            total += weight;
            out.items.push(item);
            out.cumulative.push(total);
        }
        out
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn pick(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().expect("a non-empty draw");
        let r = rng.below(total);
        self.items[self.cumulative.partition_point(|c| *c <= r)]
    }
}

/// Weight of rank `i` in a power law of exponent 1.
fn zipf(i: usize) -> u64 {
    1_000_000_000 / (i as u64 + 1)
}

// ---- dates: days since 1970-01-01, snapped to the precision of their era.

use crate::date::{civil_from_days, days_from_civil};

fn year_start(y: i32) -> i32 {
    days_from_civil(y, 1, 1)
}

/// Rounds a day down to the precision sources of its era give.
fn snap(day: i32) -> i32 {
    let (y, m, _) = civil_from_days(day);
    if y < 1900 {
        days_from_civil(y, 1, 1)
    } else if y < 1950 {
        days_from_civil(y, m, 1)
    } else {
        day
    }
}

/// The first snapped day after a snapped day.
fn next_period(day: i32) -> i32 {
    let (y, m, _) = civil_from_days(day);
    if y < 1900 {
        days_from_civil(y + 1, 1, 1)
    } else if y < 1950 {
        if m == 12 {
            days_from_civil(y + 1, 1, 1)
        } else {
            days_from_civil(y, m + 1, 1)
        }
    } else {
        day + 1
    }
}

/// A snapped day strictly after `after`, near `wanted`.
fn after(after: i32, wanted: i32) -> i32 {
    let day = snap(wanted);
    if day > after { day } else { next_period(after) }
}

fn push_date(out: &mut String, day: i32) {
    let (y, m, d) = civil_from_days(day);
    if y < 1900 {
        let _ = write!(out, "{y:04}");
    } else if y < 1950 {
        let _ = write!(out, "{y:04}-{m:02}");
    } else {
        let _ = write!(out, "{y:04}-{m:02}-{d:02}");
    }
}

// ---- names: bijective in the index, so unique without checking.

const SYLLABLES: [&str; 20] = [
    "ka", "lo", "mi", "ra", "ne", "su", "ta", "vo", "be", "di", "ga", "hu", "ji", "ko", "le", "ma",
    "no", "pi", "ro", "sa",
];
const COUNTRY_ENDINGS: [&str; 8] = ["ria", "land", "stan", "nia", "dor", "vania", "mar", "gia"];
const PLACE_ENDINGS: [&str; 4] = ["ic", "ean", "ish", "ese"];
const ISSUE_ENDINGS: [&str; 4] = ["a", "o", "en", "is"];
const FAMILY_ENDINGS: [&str; 8] = ["ov", "ez", "sen", "ski", "ani", "oglu", "escu", "idis"];
const GIVEN: [&str; 32] = [
    "Anna", "Ivan", "Maria", "Omar", "Li", "Amara", "Jonas", "Farah", "Pedro", "Yuki", "Nadia",
    "Kofi", "Elena", "Ravi", "Sofia", "Tariq", "Ines", "Chen", "Lena", "Musa", "Clara", "Arjun",
    "Zara", "Felix", "Aiko", "Hugo", "Leila", "Dmitri", "Rosa", "Kwame", "Mei", "Oscar",
];
const ORG_KINDS: [&str; 8] = [
    "Trade",
    "Security",
    "Economic",
    "Energy",
    "Maritime",
    "Cultural",
    "Monetary",
    "Development",
];
const ORG_TYPES: [&str; 8] = [
    "Union",
    "Pact",
    "Council",
    "Community",
    "Organization",
    "Forum",
    "Commission",
    "Association",
];

/// Syllables spelling `n` (at least two), capitalized, then an ending.
fn word(mut n: usize, endings: &[&str]) -> String {
    let ending = endings[n % endings.len()];
    n /= endings.len();
    let mut out = String::new();
    let mut count = 0;
    while count < 2 || n > 0 {
        out.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        count += 1;
    }
    out.push_str(ending);
    let mut chars = out.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => out,
    }
}

/// Three capital letters, spread over the alphabet by a bijection.
fn country_id(i: usize) -> String {
    let mut n = (i * 7_919) % MAX_COUNTRIES;
    let mut out = [b'A'; 3];
    for slot in out.iter_mut().rev() {
        *slot = b'A' + (n % 26) as u8;
        n /= 26;
    }
    String::from_utf8(out.to_vec()).expect("ASCII letters")
}

// ---- the world.

struct Country {
    id: String,
    name: String,
    bloc: usize,
    /// Independence day (snapped).
    birth: i32,
    /// The country's office ("President" or "Prime Minister").
    role: &'static str,
    capital: String,
    /// (since, person) of each leader, in order.
    leaders: Vec<(i32, usize)>,
}

struct Organization {
    id: String,
    name: String,
    alias: String,
    founded: i32,
    /// Global bodies take members from everywhere.
    bloc: Option<usize>,
    /// (country, day it joined), in the order they were added.
    members: Vec<(usize, i32)>,
}

struct Person {
    id: String,
    name: String,
    /// The country whose office the person held, if any.
    country: Option<usize>,
    since: i32,
}

struct Issue {
    id: String,
    name: String,
    start: i32,
    pro: usize,
    con: usize,
}

struct Event {
    id: String,
    name: String,
    place: String,
    start: i32,
    end: i32,
}

struct World {
    rng: Rng,
    params: Params,
    end: i32,
    countries: Vec<Country>,
    organizations: Vec<Organization>,
    people: Vec<Person>,
    issues: Vec<Issue>,
    events: Vec<Event>,
    /// Relation lines, in the order written.
    relations: String,
    relation_count: usize,
    /// Stances already written, as packed (kind, from, to) keys.
    facts: FxHashSet<u64>,
    /// Signed ties written: key → end of the latest period (`i32::MAX`
    /// while in force).
    periods: FxHashMap<u64, i32>,
    by_power: Weighted,
    by_bloc: Vec<Weighted>,
}

/// Relation kinds as numbers, for duplicate keys.
#[derive(Clone, Copy)]
enum Kind {
    Partnership,
    Alliance,
    Supports,
    Rivalry,
    Dispute,
    Conflict,
    Sanctions,
    Stance,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Partnership => "partnership",
            Kind::Alliance => "alliance",
            Kind::Supports => "supports",
            Kind::Rivalry => "rivalry",
            Kind::Dispute => "dispute",
            Kind::Conflict => "conflict",
            Kind::Sanctions => "sanctions",
            Kind::Stance => "stance",
        }
    }

    fn symmetric(self) -> bool {
        matches!(
            self,
            Kind::Partnership | Kind::Alliance | Kind::Rivalry | Kind::Dispute | Kind::Conflict
        )
    }
}

fn fact_key(kind: Kind, a: usize, b: usize) -> u64 {
    ((kind as u64) << 56) | ((a as u64) << 28) | b as u64
}

impl World {
    fn new(params: &Params) -> World {
        let mut rng = Rng(params.seed ^ 0xD1B5_4A32_D192_ED03);
        let end = days_from_civil(CHECKED.0, CHECKED.1, CHECKED.2);
        let n = params.countries;
        let blocs = ((n as f64).sqrt() / 3.0).round().max(2.0) as usize;
        let blocs = blocs.min(n);
        let bloc_draw = Weighted::new((0..blocs).map(|b| (b, zipf(b))));
        let mut countries = Vec::with_capacity(n);
        for i in 0..n {
            // The first blocs get the first countries, so every bloc has one.
            let bloc = if i < blocs {
                i
            } else {
                bloc_draw.pick(&mut rng)
            };
            let year = if i < n / 10 + 1 {
                FIRST_YEAR
            } else {
                match rng.below(100) {
                    0..20 => rng.between(FIRST_YEAR, 1900),
                    20..35 => rng.between(1900, 1945),
                    35..75 => rng.between(1945, 1976),
                    _ => rng.between(1976, 2001),
                }
            };
            let birth = snap(year_start(year) + rng.between(0, 365));
            countries.push(Country {
                id: country_id(i),
                name: word(i, &COUNTRY_ENDINGS),
                bloc,
                birth,
                role: if rng.percent(60) {
                    "President"
                } else {
                    "Prime Minister"
                },
                capital: word(i * 7 + 3, &ISSUE_ENDINGS) + " City",
                leaders: Vec::new(),
            });
        }
        let by_power = Weighted::new((0..n).map(|i| (i, zipf(i))));
        let by_bloc = (0..blocs)
            .map(|b| {
                Weighted::new(
                    countries
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.bloc == b)
                        .map(|(i, _)| (i, zipf(i))),
                )
            })
            .collect();
        let m = params.organizations;
        let global = (m / 50).max(1);
        let mut organizations = Vec::with_capacity(m);
        for i in 0..m {
            let place = word(i, &PLACE_ENDINGS);
            let kind = ORG_KINDS[rng.index(ORG_KINDS.len())];
            let ty = ORG_TYPES[rng.index(ORG_TYPES.len())];
            let acronym: String = [&place, kind, ty]
                .iter()
                .filter_map(|w| w.chars().next())
                .collect();
            let year = match rng.below(100) {
                0..15 => rng.between(1865, 1945),
                15..75 => rng.between(1945, 2000),
                _ => rng.between(2000, 2021),
            };
            organizations.push(Organization {
                id: format!("{acronym}{i}"),
                name: format!("{place} {kind} {ty}"),
                alias: format!("{ty} of {place}"),
                founded: snap(year_start(year) + rng.between(0, 365)),
                bloc: if i < global {
                    None
                } else {
                    Some(rng.index(blocs))
                },
                members: Vec::new(),
            });
        }
        World {
            rng,
            params: *params,
            end,
            countries,
            organizations,
            people: Vec::new(),
            issues: Vec::new(),
            events: Vec::new(),
            relations: String::with_capacity(params.relations * 96),
            relation_count: 0,
            facts: FxHashSet::default(),
            periods: FxHashMap::default(),
            by_power,
            by_bloc,
        }
    }

    fn write(mut self) -> Result<Generated, Error> {
        let r = self.params.relations;
        let leads = r * 9 / 100;
        let memberships = r * 15 / 100;
        let summits = r * 30 / 100;
        let stances = r * 16 / 100;
        let signed = r - leads - memberships - summits - stances;
        self.relations
            .push_str("        // Leaders and their terms\n");
        self.leaders(leads);
        self.relations
            .push_str("        // Memberships, observers, dialogue partners, founders\n");
        let short = memberships - self.memberships(memberships);
        self.relations
            .push_str("        // Summits: hosts and attendance\n");
        let short = short + summits - self.summits(summits);
        self.relations.push_str("        // Stances on issues\n");
        let short = short + stances - self.stances(stances);
        self.relations
            .push_str("        // Signed ties: friendly inside blocs, hostile across\n");
        let wanted = signed + short;
        let placed = self.signed(wanted);
        if placed < wanted {
            return Err(Error::Generate {
                why: format!(
                    "{} countries cannot hold {r} distinct relations",
                    self.params.countries
                ),
                help: "raise --countries or lower --relations".into(),
            });
        }
        debug_assert_eq!(self.relation_count, r);
        Ok(self.finish())
    }

    /// Pushes the common tail of a relation: dates, source, closing.
    /// Ends the relation `open` began, its fields in canonical order
    /// (dates, source, note), so a generated file passes `fmt --check`.
    fn close(&mut self, since: Option<i32>, until: Option<i32>, source: &str) {
        self.close_with_note(since, until, source, None);
    }

    fn close_with_note(
        &mut self,
        since: Option<i32>,
        until: Option<i32>,
        source: &str,
        note: Option<&str>,
    ) {
        if let Some(day) = since {
            self.relations.push_str(", since: \"");
            push_date(&mut self.relations, day);
            self.relations.push('"');
        }
        if let Some(day) = until {
            self.relations.push_str(", until: \"");
            push_date(&mut self.relations, day);
            self.relations.push('"');
        }
        let _ = write!(self.relations, ", source: \"{source}\"");
        if let Some(note) = note {
            let _ = write!(self.relations, ", note: \"{note}\"");
        }
        self.relations.push_str("),\n");
        self.relation_count += 1;
    }

    fn open(&mut self, kind: &str, from: &str, to: &str) {
        let _ = write!(
            self.relations,
            "        {kind}(from: \"{from}\", to: \"{to}\""
        );
    }

    /// Leaders of countries (and a few organizations), term after term.
    fn leaders(&mut self, budget: usize) {
        let orgs_share = if budget >= 20 { budget / 20 } else { 0 };
        let for_countries = budget - orgs_share;
        let spans: Vec<u64> = self
            .countries
            .iter()
            .map(|c| ((self.end - c.birth) / 365).max(1) as u64)
            .collect();
        let total: u64 = spans.iter().sum();
        let mut counts: Vec<usize> = spans
            .iter()
            .map(|s| (for_countries as u64 * s / total) as usize)
            .collect();
        let mut rest = for_countries - counts.iter().sum::<usize>();
        let mut i = 0;
        let n = counts.len();
        while rest > 0 {
            counts[i % n] += 1;
            rest -= 1;
            i += 1;
        }
        for (c, count) in counts.into_iter().enumerate() {
            let (birth, role) = (self.countries[c].birth, self.countries[c].role);
            let terms = self.terms(birth, count);
            for (k, (since, until)) in terms.into_iter().enumerate() {
                let person = self.person(Some(c), since);
                self.countries[c].leaders.push((since, person));
                let acting = until.is_some_and(|u| u - since < 120) && k > 0;
                let (pid, cid) = (self.people[person].id.clone(), self.countries[c].id.clone());
                self.open("leads", &pid, &cid);
                let _ = write!(self.relations, ", role: \"{role}\"");
                if acting {
                    self.relations.push_str(", acting: true");
                }
                self.close(Some(since), until, "gen-leaders");
            }
        }
        // Secretaries-general of the first organizations, ten terms each;
        // when every organization has one, deputies, then envoys.
        let mut left = orgs_share;
        let mut o = 0;
        while left > 0 {
            let org = o % self.organizations.len();
            let role = match o / self.organizations.len() {
                0 => "Secretary-General".to_string(),
                1 => "Deputy Secretary-General".to_string(),
                round => format!("Special Envoy {round}"),
            };
            let count = left.min(10);
            let founded = self.organizations[org].founded;
            let terms = self.terms(founded, count);
            for (since, until) in terms {
                let person = self.person(None, since);
                let (pid, oid) = (
                    self.people[person].id.clone(),
                    self.organizations[org].id.clone(),
                );
                self.open("leads", &pid, &oid);
                let _ = write!(self.relations, ", role: \"{role}\"");
                self.close(Some(since), until, "gen-leaders");
            }
            left -= count;
            o += 1;
        }
    }

    /// `count` consecutive terms from `start`; the last one open.
    fn terms(&mut self, start: i32, count: usize) -> Vec<(i32, Option<i32>)> {
        let mut out = Vec::with_capacity(count);
        if count == 0 {
            return out;
        }
        let span = (self.end - start).max(count as i32);
        let step = span / count as i32;
        let mut since = snap(start);
        for k in 0..count {
            let until = if k + 1 == count {
                None
            } else {
                let jitter = self.rng.between(-step / 3, step / 3 + 1);
                Some(after(since, start + step * (k as i32 + 1) + jitter))
            };
            out.push((since, until));
            if let Some(u) = until {
                since = u;
            }
        }
        out
    }

    fn person(&mut self, country: Option<usize>, since: i32) -> usize {
        let n = self.people.len();
        let given = GIVEN[(n * 13 + 5) % GIVEN.len()];
        let family = word(n, &FAMILY_ENDINGS);
        self.people.push(Person {
            id: format!(
                "{}-{}",
                given.to_ascii_lowercase(),
                family.to_ascii_lowercase()
            ),
            name: format!("{given} {family}"),
            country,
            since,
        });
        n
    }

    /// Memberships; returns how many relations were placed.
    fn memberships(&mut self, budget: usize) -> usize {
        let n = self.countries.len();
        let m = self.organizations.len();
        let mut placed = 0;
        let mut taken = vec![false; n];
        // Target sizes: global bodies take every country (like the UN,
        // and marked `universal` like it: they say nothing about
        // alignment); regional ones share the rest by 1/rank.
        let mut targets = vec![0usize; m];
        let mut left = budget * 10 / 13;
        for (o, target) in targets.iter_mut().enumerate() {
            if self.organizations[o].bloc.is_none() {
                let size = n.min(left);
                *target = size;
                left -= size;
            }
        }
        let regional: Vec<usize> = (0..m)
            .filter(|o| self.organizations[*o].bloc.is_some())
            .collect();
        let weight_total: u64 = (0..regional.len()).map(zipf).sum();
        for (rank, o) in regional.iter().enumerate() {
            let bloc = self.organizations[*o].bloc.unwrap_or(0);
            // Mostly its own bloc: a regional body with half the world in it
            // would tie rivals together.
            let cap = (self.by_bloc[bloc].items.len() * 4 / 5).max(3).min(n);
            targets[*o] =
                ((left as u64 * zipf(rank) / weight_total.max(1)) as usize).clamp(3.min(n), cap);
        }
        for (o, &target) in targets.iter().enumerate() {
            if placed >= budget {
                break;
            }
            taken.fill(false);
            for (c, _) in &self.organizations[o].members {
                taken[*c] = true;
            }
            let mut want = target.saturating_sub(self.organizations[o].members.len());
            let mut attempts = want * 20 + 20;
            while want > 0 && attempts > 0 && placed < budget {
                attempts -= 1;
                let c = match self.organizations[o].bloc {
                    Some(b) if self.rng.percent(95) => self.by_bloc[b].pick(&mut self.rng),
                    _ => self.by_power.pick(&mut self.rng),
                };
                if taken[c] || self.countries[c].birth >= self.end - 400 {
                    continue;
                }
                taken[c] = true;
                want -= 1;
                placed += self.join(o, c, budget - placed);
            }
        }
        // Organizations filled up: add members anywhere until the budget is spent.
        let mut attempts = (budget - placed.min(budget)) * 20;
        while placed < budget && attempts > 0 {
            attempts -= 1;
            let o = self.rng.index(m);
            let c = match self.organizations[o].bloc {
                Some(b) if self.rng.percent(95) => self.by_bloc[b].pick(&mut self.rng),
                _ => self.by_power.pick(&mut self.rng),
            };
            if self.countries[c].birth >= self.end - 400
                || self.organizations[o].members.iter().any(|(x, _)| *x == c)
            {
                continue;
            }
            placed += self.join(o, c, budget - placed);
        }
        placed
    }

    /// Country `c` joins organization `o`, in one of several ways; returns
    /// the number of relations written (at most `room`).
    fn join(&mut self, o: usize, c: usize, room: usize) -> usize {
        let org = &self.organizations[o];
        let country = &self.countries[c];
        let founded = org.founded;
        let start = founded.max(country.birth);
        let is_founder = country.birth <= founded && org.members.len() < 5;
        // A universal body's members join for good, as full members, like
        // the UN's.
        let universal = org.bloc.is_none();
        let (cid, oid) = (country.id.clone(), org.id.clone());
        let join = if is_founder {
            founded
        } else {
            let latest = (self.end - 365).max(start + 1);
            after(start - 1, self.rng.between(start, latest))
        };
        self.organizations[o].members.push((c, join));
        let mut written = 0;
        let roll = self.rng.below(100);
        if is_founder && room >= 2 {
            self.open("founder", &cid, &oid);
            self.close(Some(join), None, "gen-igo");
            self.open("member", &cid, &oid);
            self.close(Some(join), None, "gen-igo");
            return 2;
        }
        if universal {
            self.open("member", &cid, &oid);
            self.close(Some(join), None, "gen-igo");
            return 1;
        }
        if roll < 15 && room >= 2 {
            let became = after(join, join + self.rng.between(365, 3650));
            self.open("observer", &cid, &oid);
            self.close(Some(join), Some(became), "gen-igo");
            written += 1;
            self.open("member", &cid, &oid);
            let until = self.leaves(became);
            self.close(Some(became), until, "gen-igo");
            return written + 1;
        }
        let kind = match roll {
            0..80 => "member",
            80..93 => "observer",
            _ => "dialogue_partner",
        };
        self.open(kind, &cid, &oid);
        let until = if kind == "member" {
            self.leaves(join)
        } else {
            None
        };
        self.close(Some(join), until, "gen-igo");
        1
    }

    /// Whether a member that joined on `since` left, and when.
    fn leaves(&mut self, since: i32) -> Option<i32> {
        if self.rng.percent(8) {
            let day = after(since, since + self.rng.between(365, 20 * 365));
            (day < self.end).then_some(day)
        } else {
            None
        }
    }

    /// Summits of organizations, hosted by a member and attended by the
    /// leaders (or delegations) of members; returns relations placed.
    fn summits(&mut self, budget: usize) -> usize {
        let mut placed = 0;
        let weights = Weighted::new(self.organizations.iter().enumerate().map(|(o, org)| {
            // Large organizations meet more often, and more attend.
            let m = (org.members.len() as u64).saturating_sub(1);
            (o, m * m)
        }));
        if weights.is_empty() {
            return 0;
        }
        // Summits held per (organization, year): at most four a year.
        let mut held: FxHashMap<(usize, i32), u32> = FxHashMap::default();
        let mut attempts = budget * 4 + 16;
        let mut pool: Vec<usize> = Vec::new();
        while placed + 2 <= budget && attempts > 0 {
            attempts -= 1;
            let o = weights.pick(&mut self.rng);
            let (first, _, _) = civil_from_days(self.organizations[o].founded);
            let year = self.rng.between(first + 1, CHECKED.0);
            let session = held.entry((o, year)).or_insert(0);
            if year <= first || *session >= 4 {
                continue;
            }
            *session += 1;
            let session = *session;
            let start = year_start(year) + self.rng.between(0, 360);
            let start = snap(start);
            let end = if start >= year_start(1950) {
                start + self.rng.between(0, 3)
            } else {
                start
            };
            pool.clear();
            pool.extend(
                self.organizations[o]
                    .members
                    .iter()
                    .filter(|(_, joined)| *joined <= start)
                    .map(|(c, _)| *c),
            );
            if pool.len() < 2 {
                continue;
            }
            let host = pool[self.rng.index(pool.len())];
            let room = budget - placed - 1;
            let wanted = 2 + self.rng.index(48);
            let count = wanted.min(pool.len()).min(room);
            let event = self.events.len();
            let org_id = &self.organizations[o].id;
            let (id, name) = if session == 1 {
                (
                    format!("{}-{year}", org_id.to_ascii_lowercase()),
                    format!("{org_id} summit {year}"),
                )
            } else {
                (
                    format!("{}-{year}-{session}", org_id.to_ascii_lowercase()),
                    format!("{org_id} summit {year}, session {session}"),
                )
            };
            self.events.push(Event {
                id,
                name,
                place: format!(
                    "{}, {}",
                    self.countries[host].capital, self.countries[host].name
                ),
                start,
                end,
            });
            let eid = self.events[event].id.clone();
            let hid = self.countries[host].id.clone();
            self.open("hosts", &hid, &eid);
            self.close(None, None, "gen-events");
            placed += 1;
            // A partial shuffle picks `count` distinct attendees.
            for k in 0..count {
                let j = k + self.rng.index(pool.len() - k);
                pool.swap(k, j);
                let c = pool[k];
                let leader = self.leader_on(c, start);
                let from = match leader {
                    Some(p) if self.rng.percent(85) => self.people[p].id.clone(),
                    _ => self.countries[c].id.clone(),
                };
                self.open("attends", &from, &eid);
                self.close(None, None, "gen-events");
                placed += 1;
            }
        }
        placed
    }

    fn leader_on(&self, c: usize, day: i32) -> Option<usize> {
        let leaders = &self.countries[c].leaders;
        let k = leaders.partition_point(|(since, _)| *since <= day);
        (k > 0).then(|| leaders[k - 1].1)
    }

    /// Stances of states and leaders on issues, following the blocs.
    fn stances(&mut self, budget: usize) -> usize {
        if budget == 0 {
            return 0;
        }
        let blocs = self.by_bloc.len();
        let count = (budget / 60).max(1);
        for i in 0..count {
            let pro = self.rng.index(blocs);
            let con = (pro + 1 + self.rng.index(blocs - 1)) % blocs;
            let place = word(i, &ISSUE_ENDINGS);
            let noun = ["question", "dispute", "crisis", "war"][i % 4];
            let year = self.rng.between(1900, CHECKED.0 - 1);
            self.issues.push(Issue {
                id: format!("{}-{noun}", place.to_ascii_lowercase()),
                name: format!("{place} {noun}"),
                start: snap(year_start(year) + self.rng.between(0, 365)),
                pro,
                con,
            });
        }
        let mut placed = 0;
        let mut attempts = budget * 20;
        while placed < budget && attempts > 0 {
            attempts -= 1;
            let i = self.rng.index(self.issues.len());
            let person = !self.people.is_empty() && self.rng.percent(25);
            let (holder, bloc, since) = if person {
                let p = self.rng.index(self.people.len());
                let Some(c) = self.people[p].country else {
                    continue;
                };
                (
                    self.countries.len() + p,
                    self.countries[c].bloc,
                    self.people[p].since,
                )
            } else {
                let c = self.by_power.pick(&mut self.rng);
                (c, self.countries[c].bloc, self.countries[c].birth)
            };
            if !self.facts.insert(fact_key(Kind::Stance, holder, i)) {
                continue;
            }
            let issue = &self.issues[i];
            let position = if bloc == issue.pro && self.rng.percent(85) {
                "supports"
            } else if bloc == issue.con && self.rng.percent(85) {
                "opposes"
            } else {
                ["supports", "opposes", "neutral"][self.rng.index(3)]
            };
            let since = snap(since.max(issue.start));
            let iid = issue.id.clone();
            let from = if person {
                self.people[holder - self.countries.len()].id.clone()
            } else {
                self.countries[holder].id.clone()
            };
            self.open("stance", &from, &iid);
            let _ = write!(self.relations, ", position: {position}");
            self.close(Some(since), None, "gen-stances");
            placed += 1;
        }
        placed
    }

    /// Signed ties between states; returns relations placed.
    #[expect(
        clippy::many_single_char_names,
        reason = "`a` and `b` are the two ends of a tie and `n` the number of countries, as in the arithmetic they take part in"
    )]
    fn signed(&mut self, budget: usize) -> usize {
        let mut placed = 0;
        // A small world holds many short ties per pair rather than a few
        // lasting ones, or its pairs would run out.
        let n = self.countries.len();
        let crowded = budget.saturating_mul(4) > n * (n - 1) * 7 / 2;
        let mut attempts = budget * 50 + 100;
        while placed < budget && attempts > 0 {
            attempts -= 1;
            let a = self.by_power.pick(&mut self.rng);
            let bloc = self.countries[a].bloc;
            let friendly = self.rng.percent(55);
            let b = if friendly && self.by_bloc[bloc].items.len() > 1 {
                self.by_bloc[bloc].pick(&mut self.rng)
            } else {
                self.by_power.pick(&mut self.rng)
            };
            if a == b || (friendly != (self.countries[b].bloc == bloc)) {
                continue;
            }
            let roll = self.rng.below(100);
            let kind = if friendly {
                match roll {
                    0..40 => Kind::Partnership,
                    40..65 => Kind::Alliance,
                    _ => Kind::Supports,
                }
            } else {
                match roll {
                    0..25 => Kind::Rivalry,
                    25..55 => Kind::Dispute,
                    55..70 => Kind::Conflict,
                    _ => Kind::Sanctions,
                }
            };
            let (x, y) = if kind.symmetric() {
                (a.min(b), a.max(b))
            } else {
                (a, b)
            };
            // A pair may hold the same tie again after an earlier one ended.
            let key = fact_key(kind, x, y);
            let (start, latest) = match self.periods.get(&key) {
                None => (
                    self.countries[a].birth.max(self.countries[b].birth),
                    self.end - 30,
                ),
                Some(&last) if last < self.end - 60 => (last, (last + 5 * 365).min(self.end - 30)),
                Some(_) => continue,
            };
            let since = after(start - 1, self.rng.between(start, latest));
            let ends = match kind {
                Kind::Conflict => 85,
                Kind::Alliance => 30,
                _ => 20,
            };
            let until = if crowded || self.rng.percent(ends) {
                let longest = if crowded { 2 * 365 } else { 15 * 365 };
                let day = after(since, since + self.rng.between(60, longest));
                (day < self.end).then_some(day)
            } else {
                None
            };
            self.periods.insert(key, until.unwrap_or(i32::MAX));
            let (aid, bid) = (self.countries[a].id.clone(), self.countries[b].id.clone());
            self.open(kind.name(), &aid, &bid);
            if matches!(kind, Kind::Dispute | Kind::Conflict)
                && !self.issues.is_empty()
                && self.rng.percent(50)
            {
                let issue = self.rng.index(self.issues.len());
                let _ = write!(self.relations, ", over: \"{}\"", self.issues[issue].id);
            }
            let note = self
                .rng
                .percent(1)
                .then_some("synthetic: no real event behind this tie");
            self.close_with_note(Some(since), until, "gen-dyads", note);
            placed += 1;
        }
        placed
    }

    fn finish(self) -> Generated {
        let p = self.params;
        let entities = self.countries.len()
            + self.organizations.len()
            + self.people.len()
            + self.events.len()
            + self.issues.len();
        let mut out = String::with_capacity(self.relations.len() + entities * 96 + 4096);
        let _ = writeln!(
            out,
            "// Synthetic diplograph database, made by `diplograph generate --seed {} --countries {} --organizations {} --relations {}`.\n\
             // Every name, date and tie is invented; the shape (blocs, power-law degrees, leaders' terms) imitates real data.",
            p.seed, p.countries, p.organizations, p.relations
        );
        out.push_str("(\n    version: 1,\n    checked: \"");
        push_date(&mut out, self.end);
        out.push_str("\",\n    sources: [\n");
        for (id, title) in [
            ("gen-leaders", "Synthetic leaders and terms of office"),
            (
                "gen-igo",
                "Synthetic memberships of international organizations",
            ),
            ("gen-events", "Synthetic summits and their attendance"),
            ("gen-stances", "Synthetic stances on issues"),
            ("gen-dyads", "Synthetic bilateral ties"),
        ] {
            let _ = writeln!(
                out,
                "        (id: \"{id}\", title: \"{title}\", publisher: \"diplograph generate\"),"
            );
        }
        out.push_str("    ],\n    entities: [\n        // Countries\n");
        for (i, c) in self.countries.iter().enumerate() {
            let _ = write!(
                out,
                "        country(id: \"{}\", name: \"{}\"",
                c.id, c.name
            );
            if i % 3 == 0 {
                let _ = write!(out, ", aliases: [\"Republic of {}\"]", c.name);
            }
            out.push_str("),\n");
        }
        out.push_str("        // Organizations\n");
        for o in &self.organizations {
            let _ = write!(
                out,
                "        organization(id: \"{}\", name: \"{}\", aliases: [\"{}\"], founded: \"",
                o.id, o.name, o.alias
            );
            push_date(&mut out, o.founded);
            out.push('"');
            // Global bodies (bloc-less) take every country, like the UN:
            // marked so that signed analysis ignores their memberships.
            if o.bloc.is_none() {
                out.push_str(", universal: true");
            }
            out.push_str("),\n");
        }
        out.push_str("        // People\n");
        for person in &self.people {
            let _ = writeln!(
                out,
                "        person(id: \"{}\", name: \"{}\"),",
                person.id, person.name
            );
        }
        out.push_str("        // Summits\n");
        for e in &self.events {
            let _ = write!(
                out,
                "        event(id: \"{}\", name: \"{}\", place: \"{}\", start: \"",
                e.id, e.name, e.place
            );
            push_date(&mut out, e.start);
            out.push_str("\", end: \"");
            push_date(&mut out, e.end);
            out.push_str("\"),\n");
        }
        out.push_str("        // Issues\n");
        for issue in &self.issues {
            let _ = writeln!(
                out,
                "        issue(id: \"{}\", name: \"{}\"),",
                issue.id, issue.name
            );
        }
        out.push_str("    ],\n    relations: [\n");
        out.push_str(&self.relations);
        out.push_str("    ],\n)\n");
        Generated {
            text: out,
            entities,
            relations: self.relation_count,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapped_dates_keep_their_era_precision() {
        let d = days_from_civil(1850, 7, 9);
        assert_eq!(snap(d), days_from_civil(1850, 1, 1));
        assert_eq!(next_period(snap(d)), days_from_civil(1851, 1, 1));
        let d = days_from_civil(1930, 7, 9);
        assert_eq!(snap(d), days_from_civil(1930, 7, 1));
        assert_eq!(next_period(days_from_civil(1930, 12, 1)), year_start(1931));
        let mut s = String::new();
        push_date(&mut s, days_from_civil(1850, 1, 1));
        push_date(&mut s, days_from_civil(1930, 7, 1));
        push_date(&mut s, days_from_civil(1999, 2, 28));
        assert_eq!(s, "18501930-071999-02-28");
    }

    #[test]
    fn names_and_ids_are_unique() {
        let ids: FxHashSet<String> = (0..MAX_COUNTRIES).map(country_id).collect();
        assert_eq!(ids.len(), MAX_COUNTRIES);
        let names: FxHashSet<String> = (0..5000).map(|i| word(i, &COUNTRY_ENDINGS)).collect();
        assert_eq!(names.len(), 5000);
    }

    #[test]
    fn sizes_outside_the_limits_are_refused() {
        let base = Params {
            seed: 1,
            countries: 10,
            organizations: 2,
            relations: 100,
        };
        for bad in [
            Params {
                countries: 1,
                ..base
            },
            Params {
                countries: MAX_COUNTRIES + 1,
                ..base
            },
            Params {
                organizations: 0,
                ..base
            },
            Params {
                relations: 10_001,
                ..base
            },
        ] {
            assert!(
                matches!(generate(&bad), Err(Error::Generate { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn small_worlds_are_valid_and_exact() {
        for (seed, countries, organizations, relations) in [
            (1, 2, 1, 0),
            (2, 3, 1, 12),
            (3, 5, 2, 500),
            (4, 40, 8, 3000),
        ] {
            let params = Params {
                seed,
                countries,
                organizations,
                relations,
            };
            let made = generate(&params).unwrap();
            let db = crate::store::load_str("gen.ron", &made.text)
                .unwrap_or_else(|e| panic!("{params:?}: {e:?}"));
            assert_eq!(db.relations.len(), relations, "{params:?}");
            assert_eq!(db.entities.len(), made.entities);
        }
    }
}
