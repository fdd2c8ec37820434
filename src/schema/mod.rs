//! The file schema: the serde types that `graph.ron` is read into and
//! written from, and nothing else.
//!
//! The shapes here are chosen for people editing the file by hand: one
//! entity or one relation per line, each written as its kind followed by
//! its fields, e.g. `member(from: "IND", to: "SCO", since: "2017-06-09")`.
//! Every struct denies unknown fields, so a misspelt field is an error with
//! a line and column instead of a silently lost fact. Each relation kind
//! accepts exactly the fields that make sense for it (`role` only on
//! `leads`, `over` only on `dispute` and `conflict`, …), which the parser
//! then enforces for free.
//!
//! These types are converted into the domain model ([`crate::model`]) by the
//! store; nothing else in the crate touches them.

pub mod fields;

use serde::{Deserialize, Serialize};

use crate::model::{AllianceType, Ballot, Position, RelationKind};

/// A date as written in the file: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Kept as
/// text here and parsed during validation, so that every bad date in a file
/// is reported at once, each at its own line and column.
pub type DateText = String;

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The whole database file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphFile {
    /// Format version; this build reads [`FORMAT_VERSION`].
    pub version: u32,
    /// The day up to which the facts were last checked.
    pub checked: DateText,
    /// Where facts come from; relations cite these by id.
    #[serde(default)]
    pub sources: Vec<SourceRecord>,
    /// Countries, people, organizations, events and issues.
    #[serde(default)]
    pub entities: Vec<EntityRecord>,
    /// Typed, dated relations between entities.
    #[serde(default)]
    pub relations: Vec<RelationRecord>,
}

/// A citable source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// The short name relations cite in their `source` field; unique among
    /// sources.
    pub id: String,
    /// The title as a reader would look it up (a treaty, a communiqué, an
    /// article).
    pub title: String,
    /// Who published it, when the title alone is ambiguous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When it was published, at the precision known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Free text for whoever checks the facts that cite it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What the source records and for which period, when it says:
    /// `coverage: (records: "SCO statuses", since: "2001-06-15", until: "2024-07-05")`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<CoverageRecord>,
}

/// A source's coverage as written in the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverageRecord {
    /// What the source records, in words.
    pub records: String,
    /// First day covered; absent: from the beginning of what it records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    /// First day no longer covered (exclusive); absent: up to the present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateText>,
}

/// One entity, tagged with its kind: `country(id: "RUS", name: "Russia")`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityRecord {
    /// A state; its id is the ISO 3166-1 alpha-3 code.
    Country(CountryRecord),
    /// A leader or official; its id is a lowercase slug of the common name.
    Person(NamedRecord),
    /// An international organization; its id is its usual acronym.
    Organization(OrganizationRecord),
    /// A summit or other gathering, the one kind with a place and dates.
    Event(EventRecord),
    /// A disputed territory or a conflict that others take a `stance` on.
    Issue(NamedRecord),
    /// A recorded vote on one day (a UN General Assembly roll call), what
    /// `vote` relations point to.
    RollCall(RollCallRecord),
}

/// The fields every non-event entity has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedRecord {
    /// The identifier relations use for this entity; unique ignoring case.
    pub id: String,
    /// The name shown in answers.
    pub name: String,
    /// Other spellings and transliterations that also find this entity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Free text kept with the entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A state, with its numbers in the research lists when the file gives
/// them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryRecord {
    /// ISO 3166-1 alpha-3 (ISO 3166-3 for former states; the COW letter
    /// code for states ISO never listed); unique ignoring case.
    pub id: String,
    /// The name shown in answers.
    pub name: String,
    /// Other spellings that also find this state.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Its Correlates of War and Gleditsch–Ward numbers:
    /// `codes: (cow: 365, gw: 365)`, checked against the code table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codes: Option<CodesRecord>,
    /// The spells in which it existed as a state, in order and apart:
    /// `statehood: [(since: "1816-01-01", until: "1945-05-09", source: "cow-states")]`.
    /// Absent: not recorded (the state then counts as existing every day).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statehood: Vec<SpellRecord>,
    /// Free text kept with the state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One spell of statehood as written in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpellRecord {
    /// First day of the spell; absent: as far back as the file knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    /// First day it no longer existed (exclusive); absent: it still does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateText>,
    /// Id of the [`SourceRecord`] the spell comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A roll call: one recorded vote of a body on one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RollCallRecord {
    /// The identifier votes use, e.g. `unga-3` for Voeten's roll call 3.
    pub id: String,
    /// The name shown in answers: the vote's short title.
    pub name: String,
    /// Other names that also find it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The day of the vote.
    pub date: DateText,
    /// The session of the body (the UN General Assembly's 1st met in 1946).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<u16>,
    /// The resolution or document voted on, e.g. `A/RES/ES-11/1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// Whether the data marks it an important vote; absent: not recorded.
    #[serde(default, with = "bare_bool", skip_serializing_if = "Option::is_none")]
    pub important: Option<bool>,
    /// Whether the vote was on an amendment; absent: not recorded.
    #[serde(default, with = "bare_bool", skip_serializing_if = "Option::is_none")]
    pub amendment: Option<bool>,
    /// Whether the vote was on a paragraph; absent: not recorded.
    #[serde(default, with = "bare_bool", skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<bool>,
    /// Free text kept with the roll call (its description).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An optional flag written as a bare `true`/`false` (ron would otherwise
/// want `Some(true)`), absent when not recorded.
mod bare_bool {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the flag; only called when it is present.
    #[expect(
        clippy::ref_option,
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's `with` hands the field over by reference"
    )]
    pub fn serialize<S: Serializer>(value: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(value.unwrap_or_default())
    }

    /// Reads a bare flag as present.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        bool::deserialize(d).map(Some)
    }
}

/// A state's numbers in the research lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodesRecord {
    /// The Correlates of War state number (`ccode`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cow: Option<u16>,
    /// The Gleditsch–Ward state number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gw: Option<u16>,
}

/// An international organization, with the dates it existed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationRecord {
    /// The identifier relations use for this organization; unique ignoring
    /// case.
    pub id: String,
    /// The name shown in answers.
    pub name: String,
    /// Other spellings that also find this organization.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The day it was founded, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<DateText>,
    /// The first day it no longer existed, when it was dissolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissolved: Option<DateText>,
    /// (Nearly) every state belongs to it, like the UN; written only when
    /// true. Its memberships never count as friendship in signed analysis.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub universal: bool,
    /// Free text kept with the organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A summit or other dated event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    /// The identifier relations use for this event; unique ignoring case.
    pub id: String,
    /// The name shown in answers.
    pub name: String,
    /// Other spellings that also find this event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Where it took place, e.g. "Astana, Kazakhstan".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// First day of the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateText>,
    /// Last day of the event (inclusive, as events are announced).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateText>,
    /// Free text kept with the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One relation, tagged with its kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationRecord {
    /// Country → organization: full member.
    Member(TieRecord),
    /// Country → organization: observer.
    Observer(TieRecord),
    /// Country → organization: dialogue partner.
    DialoguePartner(TieRecord),
    /// Country → organization: founding state.
    Founder(TieRecord),
    /// Person → country or organization: holds an office.
    Leads(OfficeRecord),
    /// Country → event: the host.
    Hosts(TieRecord),
    /// Person or country → event: took part.
    Attends(TieRecord),
    /// Symmetric: strategic or declared partnership.
    Partnership(TieRecord),
    /// Symmetric: formal alliance, with its type when known.
    Alliance(AllianceRecord),
    /// Symmetric: strategic rivalry.
    Rivalry(TieRecord),
    /// Symmetric: a dispute, optionally over an issue.
    Dispute(ContestRecord),
    /// Symmetric: armed conflict, optionally over an issue.
    Conflict(ContestRecord),
    /// Directed: the `from` end backs the `to` end.
    Supports(TieRecord),
    /// Directed: the `from` end sanctions the `to` end.
    Sanctions(TieRecord),
    /// Country or person → issue: a position on it.
    Stance(StanceRecord),
    /// Person → country or organization: holds an office other than the
    /// head (a minister, an envoy).
    Serves(OfficeRecord),
    /// Event → event: a session held as part of a larger gathering.
    PartOf(TieRecord),
    /// Country → organization: associate member.
    Associate(TieRecord),
    /// Country → roll call: the ballot the state cast.
    Vote(VoteRecord),
}

/// The fields every relation has. Kinds with extra fields repeat these
/// rather than flattening them, because serde's `flatten` cannot be combined
/// with `deny_unknown_fields`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TieRecord {
    /// Id of the entity the relation starts at, exactly as declared (names
    /// and aliases are not accepted here).
    pub from: String,
    /// Id of the entity the relation points to, exactly as declared.
    pub to: String,
    /// First day the relation holds. Absent: as far back as the file knows
    /// (`hosts` and `attends` then start on the event's first day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    /// First day it no longer holds (exclusive); absent while it still holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateText>,
    /// Id of the [`SourceRecord`] the fact comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Free text kept with the relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `leads` and `serves`: a person holding an office.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeRecord {
    /// Id of the entity the relation starts at, exactly as declared (names
    /// and aliases are not accepted here).
    pub from: String,
    /// Id of the entity the relation points to, exactly as declared.
    pub to: String,
    /// The office held, e.g. "President" or "Secretary-General".
    pub role: String,
    /// Holds the office in an acting capacity; written only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// First day the relation holds. Absent: as far back as the file knows
    /// (`hosts` and `attends` then start on the event's first day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    /// First day it no longer holds (exclusive); absent while it still holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateText>,
    /// Id of the [`SourceRecord`] the fact comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Free text kept with the relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `dispute` and `conflict`: optionally over an issue.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContestRecord {
    /// Id of the entity the relation starts at, exactly as declared (names
    /// and aliases are not accepted here).
    pub from: String,
    /// Id of the entity the relation points to, exactly as declared.
    pub to: String,
    /// Id of the issue (an [`EntityKind::Issue`](crate::model::EntityKind::Issue)
    /// entity) the contest is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over: Option<String>,
    /// First day the relation holds. Absent: as far back as the file knows
    /// (`hosts` and `attends` then start on the event's first day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    /// First day it no longer holds (exclusive); absent while it still holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateText>,
    /// Id of the [`SourceRecord`] the fact comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Free text kept with the relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `stance`: a position on an issue.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StanceRecord {
    /// Id of the entity the relation starts at, exactly as declared (names
    /// and aliases are not accepted here).
    pub from: String,
    /// Id of the entity the relation points to, exactly as declared.
    pub to: String,
    /// Whether the `from` end supports, opposes or is neutral on the issue.
    pub position: Position,
    /// First day the relation holds. Absent: as far back as the file knows
    /// (`hosts` and `attends` then start on the event's first day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    /// First day it no longer holds (exclusive); absent while it still holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateText>,
    /// Id of the [`SourceRecord`] the fact comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Free text kept with the relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `alliance`: a formal alliance, with the obligation it carries.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllianceRecord {
    /// Id of the entity the relation starts at, exactly as declared (names
    /// and aliases are not accepted here).
    pub from: String,
    /// Id of the entity the relation points to, exactly as declared.
    pub to: String,
    /// The strongest obligation: `defense`, `neutrality`,
    /// `non_aggression` or `entente`; absent when the source does not say.
    #[serde(
        rename = "type",
        default,
        skip_serializing_if = "Option::is_none",
        with = "bare_type"
    )]
    pub alliance_type: Option<AllianceType>,
    /// First day the relation holds. Absent: as far back as the file knows
    /// (`hosts` and `attends` then start on the event's first day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    /// First day it no longer holds (exclusive); absent while it still holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateText>,
    /// Id of the [`SourceRecord`] the fact comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Free text kept with the relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An optional alliance type written bare (`type: defense`).
mod bare_type {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::model::AllianceType;

    /// Writes the type; only called when it is present.
    #[expect(
        clippy::ref_option,
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's `with` hands the field over by reference"
    )]
    pub fn serialize<S: Serializer>(value: &Option<AllianceType>, s: S) -> Result<S::Ok, S::Error> {
        value.unwrap_or(AllianceType::Entente).serialize(s)
    }

    /// Reads a bare type as present.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<AllianceType>, D::Error> {
        AllianceType::deserialize(d).map(Some)
    }
}

/// `vote`: a state's ballot on a roll call.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteRecord {
    /// Id of the voting state, exactly as declared.
    pub from: String,
    /// Id of the roll call, exactly as declared.
    pub to: String,
    /// `yes`, `no` or `abstain`.
    pub position: Ballot,
    /// First day the relation holds. Absent: the roll call's day (a vote
    /// holds on that day alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    /// First day it no longer holds (exclusive); absent: the day after
    /// the roll call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateText>,
    /// Id of the [`SourceRecord`] the fact comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Free text kept with the relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The fields every relation record has, borrowed mutably, so that an edit
/// (ending a relation, say) can change them without matching on every kind.
pub struct CommonFields<'a> {
    /// The `from` field of the record.
    pub from: &'a mut String,
    /// The `to` field of the record.
    pub to: &'a mut String,
    /// The `since` field of the record.
    pub since: &'a mut Option<DateText>,
    /// The `until` field of the record.
    pub until: &'a mut Option<DateText>,
    /// The `source` field of the record.
    pub source: &'a mut Option<String>,
    /// The `note` field of the record.
    pub note: &'a mut Option<String>,
}

/// Applies `$body` to the record inside any variant of [`RelationRecord`].
macro_rules! each_relation {
    ($record:expr, $r:ident => $body:expr) => {
        match $record {
            RelationRecord::Member($r)
            | RelationRecord::Observer($r)
            | RelationRecord::DialoguePartner($r)
            | RelationRecord::Founder($r)
            | RelationRecord::Hosts($r)
            | RelationRecord::Attends($r)
            | RelationRecord::Partnership($r)
            | RelationRecord::Rivalry($r)
            | RelationRecord::Supports($r)
            | RelationRecord::Sanctions($r)
            | RelationRecord::PartOf($r)
            | RelationRecord::Associate($r) => $body,
            RelationRecord::Leads($r) | RelationRecord::Serves($r) => $body,
            RelationRecord::Dispute($r) | RelationRecord::Conflict($r) => $body,
            RelationRecord::Stance($r) => $body,
            RelationRecord::Alliance($r) => $body,
            RelationRecord::Vote($r) => $body,
        }
    };
}

/// A relation record taken apart: its kind, the fields every kind has,
/// and the fields only some kinds have (`None`/`false` where the kind has
/// none). [`RelationRecord::into_parts`] and [`RelationRecord::from_parts`]
/// are the one place that knows which variant is which kind, so the
/// converter and the editor never match on variants themselves.
#[derive(Clone, Debug, PartialEq)]
pub struct Parts {
    /// The relation kind.
    pub kind: RelationKind,
    /// `from`, `to`, `since`, `until`, `source`, `note`.
    pub tie: TieRecord,
    /// `leads`, `serves`: the office.
    pub role: Option<String>,
    /// `leads`, `serves`: an interim holder.
    pub acting: bool,
    /// `dispute`, `conflict`: the issue it is about.
    pub over: Option<String>,
    /// `stance`: the position taken.
    pub position: Option<Position>,
    /// `vote`: the ballot cast.
    pub ballot: Option<Ballot>,
    /// `alliance`: its type, when known.
    pub alliance: Option<AllianceType>,
}

impl Parts {
    /// A kind with only the common fields.
    pub fn tie(kind: RelationKind, tie: TieRecord) -> Parts {
        Parts {
            kind,
            tie,
            role: None,
            acting: false,
            over: None,
            position: None,
            ballot: None,
            alliance: None,
        }
    }
}

impl OfficeRecord {
    /// An office with these common fields (an empty role when none is
    /// given, which validation refuses).
    fn of(tie: TieRecord, role: Option<String>, acting: bool) -> OfficeRecord {
        OfficeRecord {
            role: role.unwrap_or_default(),
            acting,
            from: tie.from,
            to: tie.to,
            since: tie.since,
            until: tie.until,
            source: tie.source,
            note: tie.note,
        }
    }
}

impl ContestRecord {
    /// A dispute or conflict with these common fields, `over` an issue.
    fn of(tie: TieRecord, over: Option<String>) -> ContestRecord {
        ContestRecord {
            from: tie.from,
            to: tie.to,
            over,
            since: tie.since,
            until: tie.until,
            source: tie.source,
            note: tie.note,
        }
    }
}

/// The common fields of a kind-specific record.
macro_rules! tie_of {
    ($record:expr) => {{
        let r = $record;
        TieRecord {
            from: r.from,
            to: r.to,
            since: r.since,
            until: r.until,
            source: r.source,
            note: r.note,
        }
    }};
}

impl RelationRecord {
    /// The record's kind.
    pub fn kind(&self) -> RelationKind {
        use RelationKind as K;
        match self {
            RelationRecord::Member(_) => K::Member,
            RelationRecord::Observer(_) => K::Observer,
            RelationRecord::DialoguePartner(_) => K::DialoguePartner,
            RelationRecord::Founder(_) => K::Founder,
            RelationRecord::Leads(_) => K::Leads,
            RelationRecord::Hosts(_) => K::Hosts,
            RelationRecord::Attends(_) => K::Attends,
            RelationRecord::Partnership(_) => K::Partnership,
            RelationRecord::Alliance(_) => K::Alliance,
            RelationRecord::Associate(_) => K::Associate,
            RelationRecord::Vote(_) => K::Vote,
            RelationRecord::Rivalry(_) => K::Rivalry,
            RelationRecord::Dispute(_) => K::Dispute,
            RelationRecord::Conflict(_) => K::Conflict,
            RelationRecord::Supports(_) => K::Supports,
            RelationRecord::Sanctions(_) => K::Sanctions,
            RelationRecord::Stance(_) => K::Stance,
            RelationRecord::Serves(_) => K::Serves,
            RelationRecord::PartOf(_) => K::PartOf,
        }
    }

    /// The record taken apart (see [`Parts`]).
    ///
    /// ```
    /// use diplograph::model::RelationKind;
    /// use diplograph::schema::{RelationRecord, Parts, TieRecord};
    /// let tie = TieRecord { from: "IND".into(), to: "SCO".into(), since: Some("2017-06-09".into()),
    ///     until: None, source: None, note: None };
    /// let record = RelationRecord::from_parts(Parts::tie(RelationKind::Member, tie.clone()));
    /// assert_eq!(record, RelationRecord::Member(tie));
    /// assert_eq!(record.into_parts().kind, RelationKind::Member);
    /// ```
    pub fn into_parts(self) -> Parts {
        let kind = self.kind();
        match self {
            RelationRecord::Member(t)
            | RelationRecord::Observer(t)
            | RelationRecord::DialoguePartner(t)
            | RelationRecord::Founder(t)
            | RelationRecord::Hosts(t)
            | RelationRecord::Attends(t)
            | RelationRecord::Partnership(t)
            | RelationRecord::Rivalry(t)
            | RelationRecord::Supports(t)
            | RelationRecord::Sanctions(t)
            | RelationRecord::PartOf(t)
            | RelationRecord::Associate(t) => Parts::tie(kind, t),
            RelationRecord::Alliance(a) => Parts {
                alliance: a.alliance_type,
                ..Parts::tie(kind, tie_of!(a))
            },
            RelationRecord::Vote(v) => Parts {
                ballot: Some(v.position),
                ..Parts::tie(kind, tie_of!(v))
            },
            RelationRecord::Leads(o) | RelationRecord::Serves(o) => Parts {
                role: Some(o.role.clone()),
                acting: o.acting,
                ..Parts::tie(kind, tie_of!(o))
            },
            RelationRecord::Dispute(c) | RelationRecord::Conflict(c) => Parts {
                over: c.over.clone(),
                ..Parts::tie(kind, tie_of!(c))
            },
            RelationRecord::Stance(s) => Parts {
                position: Some(s.position),
                ..Parts::tie(kind, tie_of!(s))
            },
        }
    }

    /// The record of these parts. Fields the kind does not have are
    /// dropped; a `leads` without a role gets an empty one and a `stance`
    /// without a position a neutral one (a `vote` without a ballot an abstention), which validation (or the editor's
    /// own check, before this) refuses or reports.
    pub fn from_parts(parts: Parts) -> RelationRecord {
        let Parts {
            kind,
            tie,
            role,
            acting,
            over,
            position,
            ballot,
            alliance,
        } = parts;
        match kind {
            RelationKind::Member => RelationRecord::Member(tie),
            RelationKind::Observer => RelationRecord::Observer(tie),
            RelationKind::DialoguePartner => RelationRecord::DialoguePartner(tie),
            RelationKind::Founder => RelationRecord::Founder(tie),
            RelationKind::Hosts => RelationRecord::Hosts(tie),
            RelationKind::Attends => RelationRecord::Attends(tie),
            RelationKind::Partnership => RelationRecord::Partnership(tie),
            RelationKind::Alliance => RelationRecord::Alliance(AllianceRecord {
                from: tie.from,
                to: tie.to,
                alliance_type: alliance,
                since: tie.since,
                until: tie.until,
                source: tie.source,
                note: tie.note,
            }),
            RelationKind::Associate => RelationRecord::Associate(tie),
            RelationKind::Vote => RelationRecord::Vote(VoteRecord {
                position: ballot.unwrap_or(Ballot::Abstain),
                from: tie.from,
                to: tie.to,
                since: tie.since,
                until: tie.until,
                source: tie.source,
                note: tie.note,
            }),
            RelationKind::Rivalry => RelationRecord::Rivalry(tie),
            RelationKind::Supports => RelationRecord::Supports(tie),
            RelationKind::Sanctions => RelationRecord::Sanctions(tie),
            RelationKind::PartOf => RelationRecord::PartOf(tie),
            RelationKind::Leads => RelationRecord::Leads(OfficeRecord::of(tie, role, acting)),
            RelationKind::Serves => RelationRecord::Serves(OfficeRecord::of(tie, role, acting)),
            RelationKind::Dispute => RelationRecord::Dispute(ContestRecord::of(tie, over)),
            RelationKind::Conflict => RelationRecord::Conflict(ContestRecord::of(tie, over)),
            RelationKind::Stance => RelationRecord::Stance(StanceRecord {
                position: position.unwrap_or(Position::Neutral),
                from: tie.from,
                to: tie.to,
                since: tie.since,
                until: tie.until,
                source: tie.source,
                note: tie.note,
            }),
        }
    }

    /// The fields every kind shares, for editing in place.
    pub fn common_mut(&mut self) -> CommonFields<'_> {
        each_relation!(self, r => CommonFields {
            from: &mut r.from,
            to: &mut r.to,
            since: &mut r.since,
            until: &mut r.until,
            source: &mut r.source,
            note: &mut r.note,
        })
    }
}

impl EntityRecord {
    /// The entity's id, whatever its kind.
    pub fn id(&self) -> &str {
        match self {
            EntityRecord::Person(n) | EntityRecord::Issue(n) => &n.id,
            EntityRecord::Country(c) => &c.id,
            EntityRecord::Organization(o) => &o.id,
            EntityRecord::Event(e) => &e.id,
            EntityRecord::RollCall(r) => &r.id,
        }
    }
}
