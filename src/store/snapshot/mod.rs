//! Snapshots: a validated database in compact, flat form.
//!
//! A [`crate::model::Database`] holds a `String` for every id, date and
//! source of every relation: at a million relations that is some 300 MB and
//! millions of allocations before a single question is asked. A
//! [`Snapshot`] holds the same facts as flat arrays of small fixed-size
//! records: endpoints, sources and issues as entity or source positions,
//! dates packed into `u32`s, every text once in one string arena, and the
//! folded-name index already built. It is about a tenth of the size, builds
//! without per-relation allocations, and can be written to disk and mapped
//! back into memory with its largest arrays used in place ([`cache`],
//! [`section`]).
//!
//! Snapshots come from three places, all giving the same snapshot for the
//! same file:
//! - [`fast::read`]: a hand-written reader for the subset of RON that
//!   diplograph writes, validating as it goes. It declines (returns `None`)
//!   at the first thing it does not handle or that is wrong in any way, and
//!   the caller falls back to the full path, which produces the exact
//!   diagnostics. So it can be fast without duplicating any message.
//! - [`Snapshot::from_database`]: from an already validated database (the
//!   full path's result, or a database built in code).
//! - [`cache`]: a snapshot file beside the RON file, keyed by its size,
//!   modification time and hash.
//!
//! The graph reads snapshots directly and turns records into model values
//! ([`Entity`], [`Relation`]) only when something asks for one.

pub mod cache;
pub mod csr;
pub mod fast;
pub mod section;

use std::sync::OnceLock;

use bytemuck::{Pod, Zeroable};

use crate::date::{PartialDate, Precision, Validity, days_from_civil};
use crate::model::{
    AllianceType, Ballot, CountryInfo, Coverage, Database, Entity, EntityKind, EventInfo,
    OrganizationInfo, Position, Relation, RelationKind, RollCallInfo, Source, Spell,
};
use crate::names::{NameIndex, NameIndexBuilder};
use csr::Csr;
use section::Section;

/// "No value" in a `u32` field (no string, no source, no issue).
pub const NONE: u32 = u32::MAX;

/// A [`PartialDate`] packed as `year << 16 | month << 8 | day`, with 0 for
/// a missing month or day and 0 as a whole for no date (there is no year 0).
pub type PackedDate = u32;

/// Packs a date.
///
/// ```
/// use diplograph::store::snapshot::{pack, unpack};
/// let d: diplograph::date::PartialDate = "2017-06".parse().unwrap();
/// assert_eq!(pack(Some(d)), 2017 << 16 | 6 << 8);
/// assert_eq!(unpack(pack(Some(d))), Some(d));
/// assert_eq!(unpack(pack(None)), None);
/// ```
pub fn pack(date: Option<PartialDate>) -> PackedDate {
    let Some(date) = date else { return 0 };
    let first = date.first_day();
    let (month, day) = match date.precision() {
        Precision::Year => (0, 0),
        Precision::Month => (first.month() as u32, 0),
        Precision::Day => (first.month() as u32, first.day() as u32),
    };
    ((date.year() as u32) << 16) | (month << 8) | day
}

/// The date a packed value stands for (`None` for 0, or for a value no
/// valid date packs to).
pub fn unpack(packed: PackedDate) -> Option<PartialDate> {
    if packed == 0 {
        return None;
    }
    let (year, month, day) = (packed >> 16, (packed >> 8) & 0xff, packed & 0xff);
    if year > 9999 || month > 99 || day > 99 {
        return None;
    }
    // The text the date was read from, built on the stack (this runs for
    // every date of every relation a query prints).
    let mut text = [b'-'; 10];
    let digits = |out: &mut [u8], mut n: u32| {
        for slot in out.iter_mut().rev() {
            *slot = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    digits(&mut text[0..4], year);
    digits(&mut text[5..7], month);
    digits(&mut text[8..10], day);
    let len = match (month, day) {
        (0, 0) => 4,
        (_, 0) => 7,
        _ => 10,
    };
    std::str::from_utf8(&text[..len]).ok()?.parse().ok()
}

/// Whether a non-zero packed value is one that a valid date packs to
/// (what [`unpack`] accepts), checked by arithmetic alone.
pub fn valid_packed(packed: PackedDate) -> bool {
    let (year, month, day) = (packed >> 16, (packed >> 8) & 0xff, packed & 0xff);
    if !(1..=9999).contains(&year) || month > 12 || (month == 0 && day != 0) {
        return false;
    }
    if day == 0 {
        return true;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= days
}

/// The first day of a packed date as a day number (days since
/// 1970-01-01), or `default` when there is no date: what "as of"
/// comparisons use, without building calendar values.
pub fn day_number(packed: PackedDate, default: i32) -> i32 {
    if packed == 0 {
        return default;
    }
    let (year, month, day) = (packed >> 16, (packed >> 8) & 0xff, packed & 0xff);
    days_from_civil(year as i32, month.max(1), day.max(1))
}

/// Texts laid end to end; a text is named by its number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Strings {
    /// All texts, concatenated.
    pub text: String,
    /// Where text *i* ends.
    pub ends: Vec<u32>,
}

impl Strings {
    /// Appends a text; returns its number.
    pub fn push(&mut self, s: &str) -> u32 {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
        (self.ends.len() - 1) as u32
    }

    /// Appends a text if present; returns its number or [`NONE`].
    pub fn push_opt(&mut self, s: Option<&str>) -> u32 {
        s.map_or(NONE, |s| self.push(s))
    }

    /// Text `id`.
    pub fn get(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// Text `id`, or `None` for [`NONE`].
    pub fn opt(&self, id: u32) -> Option<&str> {
        (id != NONE).then(|| self.get(id))
    }

    /// Number of texts.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no texts.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn is_well_formed(&self) -> bool {
        crate::names::ends_well_formed(&self.text, &self.ends)
    }
}

/// A source, its texts as numbers in [`Snapshot::strings`].
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct SourceRecord {
    /// Number of the source's id text.
    pub id: u32,
    /// Number of its title text.
    pub title: u32,
    /// Number of its publisher text, or [`NONE`].
    pub publisher: u32,
    /// Its publication date, 0 when unknown.
    pub date: PackedDate,
    /// Number of its address text, or [`NONE`].
    pub url: u32,
    /// Number of its note text, or [`NONE`].
    pub note: u32,
    /// Number of the text of what it records, or [`NONE`] when it
    /// declares no coverage.
    pub records: u32,
    /// First day it covers, 0 when unbounded (or no coverage).
    pub covers_since: PackedDate,
    /// First day it no longer covers, 0 when unbounded (or no coverage).
    pub covers_until: PackedDate,
}

/// An entity. `aliases` and `alias_count` select a run of
/// [`Snapshot::aliases`]; `kind` is a position in [`EntityKind::ALL`].
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct EntityRecord {
    /// Number of the entity's id text.
    pub id: u32,
    /// Number of its name text.
    pub name: u32,
    /// Number of its note text, or [`NONE`].
    pub note: u32,
    /// Number of an event's place text, or [`NONE`].
    pub place: u32,
    /// An event's first day, an organization's founding, or a roll
    /// call's day; 0 when unknown or none of these.
    pub start: PackedDate,
    /// An event's last day (inclusive), or the first day an organization
    /// no longer existed; 0 when unknown or neither.
    pub end: PackedDate,
    /// [`UNIVERSAL`] for a universal organization; a roll call's marks
    /// ([`flag_bits`]); else 0.
    pub flags: u32,
    /// A country's Correlates of War number, or [`NONE`].
    pub cow: u32,
    /// A country's Gleditsch–Ward number, or [`NONE`].
    pub gw: u32,
    /// Where a country's statehood spells start in [`Snapshot::spells`].
    pub spells: u32,
    /// How many statehood spells it has (0: not recorded).
    pub spell_count: u32,
    /// A roll call's session, or [`NONE`].
    pub session: u32,
    /// Number of a roll call's resolution text, or [`NONE`].
    pub resolution: u32,
    /// Where its aliases start in [`Snapshot::aliases`].
    pub aliases: u32,
    /// How many aliases it has.
    pub alias_count: u32,
    /// Its kind, as a position in [`EntityKind::ALL`].
    pub kind: u32,
}

/// One statehood spell of a country: `[since, until)` as packed dates (0:
/// open), and the source's position or [`NONE`].
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct SpellRecord {
    /// First day, 0 when open.
    pub since: PackedDate,
    /// First day no longer a state, 0 when open.
    pub until: PackedDate,
    /// Position of the cited source in [`Snapshot::sources`], or [`NONE`].
    pub source: u32,
}

/// A relation: endpoints and `over` as entity positions, `source` as a
/// source position, `kind` a position in [`RelationKind::ALL`], `position`
/// the kind's one enumerated field as [`value_code`] stores it (a stance's
/// position, a vote's ballot, an alliance's type; 0 for none).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct RelationRecord {
    /// Position of the `from` entity in [`Snapshot::entities`].
    pub from: u32,
    /// Position of the `to` entity in [`Snapshot::entities`].
    pub to: u32,
    /// First day in force as written, 0 when open.
    pub since: PackedDate,
    /// First day no longer in force, 0 when open.
    pub until: PackedDate,
    /// Position of the cited source in [`Snapshot::sources`], or [`NONE`].
    pub source: u32,
    /// Number of its note text, or [`NONE`].
    pub note: u32,
    /// Number of the office text of a `leads`, or [`NONE`].
    pub role: u32,
    /// Position of the issue a dispute or conflict is over, or [`NONE`].
    pub over: u32,
    /// Its kind, as a position in [`RelationKind::ALL`].
    pub kind: u8,
    /// A stance's position, a vote's ballot or an alliance's type, as
    /// [`value_code`] stores it (0: none).
    pub position: u8,
    /// 1 for an acting office holder, else 0.
    pub acting: u8,
    /// Always 0: makes the record's size a multiple of 4 with no hidden
    /// padding, as [`Pod`] requires and the cache file relies on.
    pub pad: u8,
}

/// A validated database in flat form. See the module documentation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// The day up to which facts were checked.
    pub checked: PackedDate,
    /// Every text: ids, names, notes, roles, places, source fields.
    pub strings: Strings,
    /// Every source, in file order.
    pub sources: Vec<SourceRecord>,
    /// Every entity, in file order; an entity's position here is its node
    /// index in the graph.
    pub entities: Vec<EntityRecord>,
    /// Alias texts, in runs per entity.
    pub aliases: Vec<u32>,
    /// Countries' statehood spells, in runs per entity.
    pub spells: Vec<SpellRecord>,
    /// Every relation, in file order; its position is its edge index. Owned,
    /// or borrowed from a mapped cache file.
    pub relations: Section<RelationRecord>,
    /// Folded ids, names and aliases (built while validating); also how
    /// exact ids are found (an id's fold is one of its entity's keys).
    pub names: NameIndex,
    /// Indexes derived from the records, made when first asked for (or
    /// read back from the cache).
    pub derived: Derived,
}

/// What walks need besides the records: the relations by entity and each
/// relation's effective interval as day numbers. A pure function of the
/// records, so it takes no part in comparing snapshots.
#[derive(Clone, Debug, Default)]
pub struct Derived(pub(crate) OnceLock<(Csr, Section<[i32; 2]>)>);

impl PartialEq for Derived {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Derived {}

/// A state number as a record stores it ([`NONE`] for none), read back.
fn code_of(stored: u32) -> Option<u16> {
    u16::try_from(stored).ok()
}

/// [`EntityRecord::flags`]: an organization (nearly) every state belongs to.
pub const UNIVERSAL: u32 = 1;

/// The one enumerated field a relation kind may carry, as
/// [`RelationRecord::position`] stores it: 0 for none, else 1 + its place
/// in its enum's `ALL` (the kind says which enum).
///
/// ```
/// use diplograph::model::{AllianceType, Ballot, Position};
/// use diplograph::store::snapshot::value_code;
/// assert_eq!(value_code(Some(Position::Supports), None, None), 1);
/// assert_eq!(value_code(None, Some(Ballot::Abstain), None), 3);
/// assert_eq!(value_code(None, None, Some(AllianceType::Defense)), 1);
/// assert_eq!(value_code(None, None, None), 0);
/// ```
pub fn value_code(
    position: Option<Position>,
    ballot: Option<Ballot>,
    alliance: Option<AllianceType>,
) -> u8 {
    let place = position
        .map(|p| p as u8)
        .or(ballot.map(|b| b as u8))
        .or(alliance.map(|a| a as u8));
    place.map_or(0, |p| p + 1)
}

/// The enumerated field of a relation of `kind` stored as `code`: what
/// [`value_code`] packed, unpacked by the kind.
pub fn value_of(
    kind: RelationKind,
    code: u8,
) -> (Option<Position>, Option<Ballot>, Option<AllianceType>) {
    let at = |len: usize| (code != 0 && (code as usize) <= len).then(|| code as usize - 1);
    match kind {
        RelationKind::Stance => (
            at(Position::ALL.len()).map(|i| Position::ALL[i]),
            None,
            None,
        ),
        RelationKind::Vote => (None, at(Ballot::ALL.len()).map(|i| Ballot::ALL[i]), None),
        RelationKind::Alliance => (
            None,
            None,
            at(AllianceType::ALL.len()).map(|i| AllianceType::ALL[i]),
        ),
        _ => (None, None, None),
    }
}

/// The largest code [`value_code`] gives a relation of `kind`.
fn value_limit(kind: u8) -> usize {
    match RelationKind::ALL.get(kind as usize) {
        Some(RelationKind::Stance) => Position::ALL.len(),
        Some(RelationKind::Vote) => Ballot::ALL.len(),
        Some(RelationKind::Alliance) => AllianceType::ALL.len(),
        _ => 0,
    }
}

/// A roll call's optional marks in [`EntityRecord::flags`]: two bits
/// each (recorded, value), for important, amendment, paragraph in turn.
///
/// ```
/// use diplograph::store::snapshot::{flag_bits, flag_of};
/// let flags = flag_bits([Some(true), Some(false), None]);
/// assert_eq!(flag_of(flags, 0), Some(true));
/// assert_eq!(flag_of(flags, 1), Some(false));
/// assert_eq!(flag_of(flags, 2), None);
/// ```
pub fn flag_bits(marks: [Option<bool>; 3]) -> u32 {
    marks
        .iter()
        .enumerate()
        .fold(0, |bits, (i, mark)| match mark {
            None => bits,
            Some(value) => bits | (0b10 | u32::from(*value)) << (2 + 2 * i),
        })
}

/// Mark `i` of [`flag_bits`], or `None` when not recorded.
pub fn flag_of(flags: u32, i: usize) -> Option<bool> {
    let bits = flags >> (2 + 2 * i) & 0b11;
    (bits & 0b10 != 0).then_some(bits & 1 != 0)
}

impl Snapshot {
    /// The day up to which facts were checked, as a date.
    ///
    /// # Panics
    /// If the `checked` field is not a packed date. The store never makes
    /// such a snapshot, and [`Self::is_well_formed`] refuses one read from a
    /// cache file; only a snapshot assembled by hand can.
    pub fn checked(&self) -> PartialDate {
        unpack(self.checked).expect("a snapshot holds a checked date")
    }

    /// Relations by entity (made on first use: O(E), on two threads for
    /// large databases).
    pub fn adjacency(&self) -> &Csr {
        &self.derive().0
    }

    /// Each relation's `[since, until)` as day numbers (open ends as
    /// `i32::MIN`/`i32::MAX`), a relation to an event without `since`
    /// starting on the event's first day: when relations are in force.
    pub fn spans(&self) -> &[[i32; 2]] {
        &self.derive().1
    }

    fn derive(&self) -> &(Csr, Section<[i32; 2]>) {
        self.derived.0.get_or_init(|| {
            let n = self.entity_count();
            let ends = self.relations.iter().map(|r| (r.from, r.to));
            if self.relation_count() < 100_000 {
                (Csr::new(n, ends), self.effective_spans().into())
            } else {
                // Three independent passes: use the second core.
                std::thread::scope(|scope| {
                    let spans = scope.spawn(|| self.effective_spans());
                    let csr = Csr::new_parallel(n, ends);
                    (
                        csr,
                        spans
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                            .into(),
                    )
                })
            }
        })
    }

    fn effective_spans(&self) -> Vec<[i32; 2]> {
        self.relations
            .iter()
            .map(|r| {
                [
                    day_number(self.effective_since(r), i32::MIN),
                    self.effective_until(r),
                ]
            })
            .collect()
    }

    /// When a relation takes effect: its `since`, or for a relation to an
    /// event or a roll call without one (`hosts`, `attends`, `vote`), the
    /// event's first day or the roll call's day.
    pub fn effective_since(&self, r: &RelationRecord) -> PackedDate {
        if r.since == 0
            && matches!(
                self.entity_kind(r.to as usize),
                EntityKind::Event | EntityKind::RollCall
            )
        {
            self.entities[r.to as usize].start
        } else {
            r.since
        }
    }

    /// The first day a relation is no longer in force, as a day number
    /// (`i32::MAX` when open): its `until`, or for a vote without one the
    /// day after its roll call (a ballot holds on that day alone).
    pub fn effective_until(&self, r: &RelationRecord) -> i32 {
        if r.until == 0 && self.entity_kind(r.to as usize) == EntityKind::RollCall {
            match self.entities[r.to as usize].start {
                0 => i32::MAX,
                day => day_number(day, 0) + 1,
            }
        } else {
            day_number(r.until, i32::MAX)
        }
    }

    /// Number of entities.
    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }

    /// Number of relations.
    pub fn relation_count(&self) -> usize {
        self.relations.len()
    }

    /// The kind of entity `i`.
    pub fn entity_kind(&self, i: usize) -> EntityKind {
        EntityKind::ALL[self.entities[i].kind as usize]
    }

    /// The kind of relation `j`.
    pub fn relation_kind(&self, j: usize) -> RelationKind {
        RelationKind::ALL[self.relations[j].kind as usize]
    }

    /// The id of entity `i`.
    pub fn entity_id(&self, i: usize) -> &str {
        self.strings.get(self.entities[i].id)
    }

    /// The position of the entity with exactly this id.
    pub fn find_id(&self, id: &str) -> Option<usize> {
        self.names
            .exact(id)
            .iter()
            .copied()
            .find(|i| self.entity_id(*i) == id)
    }

    /// Entity `i` in model form.
    pub fn entity(&self, i: usize) -> Entity {
        let r = &self.entities[i];
        let s = &self.strings;
        let kind = EntityKind::ALL[r.kind as usize];
        let start = r.aliases as usize;
        Entity {
            id: s.get(r.id).to_string(),
            name: s.get(r.name).to_string(),
            kind,
            aliases: self.aliases[start..start + r.alias_count as usize]
                .iter()
                .map(|a| s.get(*a).to_string())
                .collect(),
            note: s.opt(r.note).map(str::to_string),
            event: (kind == EntityKind::Event).then(|| EventInfo {
                place: s.opt(r.place).map(str::to_string),
                start: unpack(r.start),
                end: unpack(r.end),
            }),
            organization: (kind == EntityKind::Organization).then(|| OrganizationInfo {
                founded: unpack(r.start),
                dissolved: unpack(r.end),
                universal: r.flags & UNIVERSAL != 0,
            }),
            country: (kind == EntityKind::Country).then(|| CountryInfo {
                cow: code_of(r.cow),
                gw: code_of(r.gw),
                statehood: self
                    .spells_of(i)
                    .iter()
                    .map(|spell| Spell {
                        since: unpack(spell.since),
                        until: unpack(spell.until),
                        source: (spell.source != NONE)
                            .then(|| s.get(self.sources[spell.source as usize].id).to_string()),
                    })
                    .collect(),
            }),
            roll_call: (kind == EntityKind::RollCall).then(|| RollCallInfo {
                date: unpack(r.start),
                session: code_of(r.session),
                resolution: s.opt(r.resolution).map(str::to_string),
                important: flag_of(r.flags, 0),
                amendment: flag_of(r.flags, 1),
                paragraph: flag_of(r.flags, 2),
            }),
        }
    }

    /// The statehood spells of entity `i` (empty: not recorded, or not a
    /// country).
    pub fn spells_of(&self, i: usize) -> &[SpellRecord] {
        let r = &self.entities[i];
        let start = r.spells as usize;
        &self.spells[start..start + r.spell_count as usize]
    }

    /// Relation `j` in model form.
    pub fn relation(&self, j: usize) -> Relation {
        let r = &self.relations[j];
        let s = &self.strings;
        let kind = RelationKind::ALL[r.kind as usize];
        let (position, ballot, alliance) = value_of(kind, r.position);
        Relation {
            kind,
            from: self.entity_id(r.from as usize).to_string(),
            to: self.entity_id(r.to as usize).to_string(),
            validity: Validity::new(unpack(r.since), unpack(r.until)),
            source: (r.source != NONE)
                .then(|| s.get(self.sources[r.source as usize].id).to_string()),
            note: s.opt(r.note).map(str::to_string),
            role: s.opt(r.role).map(str::to_string),
            acting: r.acting != 0,
            over: (r.over != NONE).then(|| self.entity_id(r.over as usize).to_string()),
            position,
            ballot,
            alliance,
        }
    }

    /// Source `k` in model form.
    pub fn source(&self, k: usize) -> Source {
        let r = &self.sources[k];
        let s = &self.strings;
        Source {
            id: s.get(r.id).to_string(),
            title: s.get(r.title).to_string(),
            publisher: s.opt(r.publisher).map(str::to_string),
            date: unpack(r.date),
            url: s.opt(r.url).map(str::to_string),
            note: s.opt(r.note).map(str::to_string),
            coverage: s.opt(r.records).map(|records| Coverage {
                records: records.to_string(),
                since: unpack(r.covers_since),
                until: unpack(r.covers_until),
            }),
        }
    }

    /// The whole database in model form. O(size), with an allocation per
    /// text: meant for exports and edits, not for queries.
    pub fn to_database(&self) -> Database {
        Database {
            checked: self.checked(),
            sources: (0..self.sources.len()).map(|k| self.source(k)).collect(),
            entities: (0..self.entities.len()).map(|i| self.entity(i)).collect(),
            relations: (0..self.relations.len())
                .map(|j| self.relation(j))
                .collect(),
        }
    }

    /// The snapshot of a validated database. O(size · log entities).
    ///
    /// ```
    /// use diplograph::store::{self, snapshot::Snapshot};
    /// let db = store::load_str("g", store::BUNDLED).unwrap().to_database();
    /// let snap = Snapshot::from_database(&db);
    /// assert_eq!(snap.to_database(), db);
    /// ```
    #[expect(
        clippy::too_many_lines,
        reason = "one record's fields in the order the schema gives them; split in the next pass"
    )]
    pub fn from_database(db: &Database) -> Snapshot {
        let mut snap = Snapshot {
            checked: pack(Some(db.checked)),
            ..Snapshot::default()
        };
        let s = &mut snap.strings;
        let mut source_at = rustc_hash::FxHashMap::default();
        for (k, src) in db.sources.iter().enumerate() {
            source_at.insert(src.id.as_str(), k as u32);
            snap.sources.push(SourceRecord {
                id: s.push(&src.id),
                title: s.push(&src.title),
                publisher: s.push_opt(src.publisher.as_deref()),
                date: pack(src.date),
                url: s.push_opt(src.url.as_deref()),
                note: s.push_opt(src.note.as_deref()),
                records: s.push_opt(src.coverage.as_ref().map(|c| c.records.as_str())),
                covers_since: pack(src.coverage.as_ref().and_then(|c| c.since)),
                covers_until: pack(src.coverage.as_ref().and_then(|c| c.until)),
            });
        }
        let mut names = NameIndexBuilder::with_capacity(db.entities.len());
        for e in &db.entities {
            let first_alias = snap.aliases.len() as u32;
            for alias in &e.aliases {
                let id = s.push(alias);
                snap.aliases.push(id);
            }
            let event = e.event.clone().unwrap_or_default();
            let org = e.organization.clone().unwrap_or_default();
            let country = e.country.clone().unwrap_or_default();
            let roll_call = e.roll_call.clone().unwrap_or_default();
            let first_spell = snap.spells.len() as u32;
            for spell in &country.statehood {
                snap.spells.push(SpellRecord {
                    since: pack(spell.since),
                    until: pack(spell.until),
                    source: spell
                        .source
                        .as_deref()
                        .and_then(|id| source_at.get(id).copied())
                        .unwrap_or(NONE),
                });
            }
            let marks = [
                roll_call.important,
                roll_call.amendment,
                roll_call.paragraph,
            ];
            snap.entities.push(EntityRecord {
                id: s.push(&e.id),
                name: s.push(&e.name),
                note: s.push_opt(e.note.as_deref()),
                place: s.push_opt(event.place.as_deref()),
                start: pack(event.start.or(org.founded).or(roll_call.date)),
                end: pack(event.end.or(org.dissolved)),
                flags: (if org.universal { UNIVERSAL } else { 0 }) | flag_bits(marks),
                cow: country.cow.map_or(NONE, u32::from),
                gw: country.gw.map_or(NONE, u32::from),
                spells: first_spell,
                spell_count: country.statehood.len() as u32,
                session: roll_call.session.map_or(NONE, u32::from),
                resolution: s.push_opt(roll_call.resolution.as_deref()),
                aliases: first_alias,
                alias_count: e.aliases.len() as u32,
                kind: e.kind.index() as u32,
            });
            names.add(
                &e.id,
                std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(String::as_str)),
            );
        }
        snap.names = names.finish();
        let positions: rustc_hash::FxHashMap<&str, u32> = db
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i as u32))
            .collect();
        let position_of = |id: &str| positions.get(id).copied().unwrap_or(NONE);
        let mut relations = Vec::with_capacity(db.relations.len());
        let mut roles = rustc_hash::FxHashMap::default();
        for rel in &db.relations {
            let role = match &rel.role {
                Some(role) => *roles
                    .entry(role.as_str())
                    .or_insert_with(|| snap.strings.push(role)),
                None => NONE,
            };
            relations.push(RelationRecord {
                from: position_of(&rel.from),
                to: position_of(&rel.to),
                since: pack(rel.validity.since),
                until: pack(rel.validity.until),
                source: rel
                    .source
                    .as_deref()
                    .and_then(|id| source_at.get(id).copied())
                    .unwrap_or(NONE),
                note: snap.strings.push_opt(rel.note.as_deref()),
                role,
                over: rel.over.as_deref().map_or(NONE, position_of),
                kind: rel.kind.index() as u8,
                position: value_code(rel.position, rel.ballot, rel.alliance),
                acting: u8::from(rel.acting),
                pad: 0,
            });
        }
        snap.relations = relations.into();
        snap
    }

    /// Whether every number in the snapshot points inside its array and
    /// every code is a real kind, so that no accessor can panic. The
    /// checksum of [`cache`] catches damage; this catches a snapshot file
    /// that was written by a buggy build or by hand. (A date that is not a
    /// real date cannot make anything panic, only read as no date, so
    /// dates other than `checked` are not checked here.) One branch-free
    /// pass over each array.
    #[expect(
        clippy::needless_bitwise_bool,
        reason = "branch-free on purpose: `&` keeps the pass over millions of records free of a branch per field"
    )]
    pub fn is_well_formed(&self) -> bool {
        let (n, texts, sources) = (
            self.entities.len() as u32,
            self.strings.len() as u32,
            self.sources.len() as u32,
        );
        // NONE is u32::MAX: `x.wrapping_add(1) <= limit` accepts NONE and
        // anything below `limit`.
        let opt = |x: u32, limit: u32| x.wrapping_add(1) <= limit;
        let relations_ok = self.relations.iter().fold(true, |ok, r| {
            ok & (r.from < n)
                & (r.to < n)
                & opt(r.source, sources)
                & opt(r.note, texts)
                & opt(r.role, texts)
                & opt(r.over, n)
                & ((r.kind as usize) < RelationKind::ALL.len())
                & ((r.position as usize) <= value_limit(r.kind))
        });
        let spells = self.spells.len() as u64;
        let spells_ok = self
            .spells
            .iter()
            .fold(true, |ok, spell| ok & opt(spell.source, sources));
        let aliases = self.aliases.len() as u64;
        let entities_ok = self.entities.iter().fold(true, |ok, e| {
            ok & (e.id < texts)
                & (e.name < texts)
                & opt(e.note, texts)
                & opt(e.place, texts)
                & opt(e.resolution, texts)
                & ((e.kind as usize) < EntityKind::ALL.len())
                & (u64::from(e.aliases) + u64::from(e.alias_count) <= aliases)
                & (u64::from(e.spells) + u64::from(e.spell_count) <= spells)
        });
        let sources_ok = self.sources.iter().all(|s| {
            s.id < texts
                && s.title < texts
                && opt(s.publisher, texts)
                && opt(s.url, texts)
                && opt(s.note, texts)
                && opt(s.records, texts)
        });
        relations_ok
            && entities_ok
            && spells_ok
            && sources_ok
            && self.aliases.iter().fold(true, |ok, a| ok & (*a < texts))
            && self.strings.is_well_formed()
            && self.checked != 0
            && valid_packed(self.checked)
            && self.names.is_well_formed()
            && self.names.ids.len() == self.entities.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    #[test]
    fn the_bundled_database_round_trips_through_a_snapshot() {
        let db = store::load_str("g", store::BUNDLED).unwrap().to_database();
        let snap = Snapshot::from_database(&db);
        assert!(snap.is_well_formed());
        assert_eq!(snap.to_database(), db);
        assert_eq!(snap.find_id("SCO").map(|i| snap.entity_id(i)), Some("SCO"));
        assert_eq!(snap.find_id("sco"), None);
    }

    #[test]
    fn packed_validity_agrees_with_unpacking() {
        for year in [1u32, 1900, 2000, 2023, 2024, 9999, 10_000] {
            for month in 0..=13u32 {
                for day in 0..=32u32 {
                    let p = year << 16 | month << 8 | day;
                    assert_eq!(valid_packed(p), unpack(p).is_some(), "{year}-{month}-{day}");
                }
            }
        }
    }

    #[test]
    fn day_numbers_are_first_days() {
        let d = |t: &str| pack(Some(t.parse().unwrap()));
        assert_eq!(day_number(d("1970"), 0), 0);
        assert_eq!(day_number(d("1970-02"), 0), 31);
        assert_eq!(day_number(d("2024-07-04"), 0), 19_908);
        assert_eq!(day_number(0, i32::MIN), i32::MIN);
    }
}
