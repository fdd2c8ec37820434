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

use crate::model::Position;

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
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One entity, tagged with its kind: `country(id: "RUS", name: "Russia")`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityRecord {
    Country(NamedRecord),
    Person(NamedRecord),
    Organization(NamedRecord),
    Event(EventRecord),
    Issue(NamedRecord),
}

/// The fields every non-event entity has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedRecord {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A summit or other dated event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// First day of the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateText>,
    /// Last day of the event (inclusive, as events are announced).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One relation, tagged with its kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationRecord {
    Member(TieRecord),
    Observer(TieRecord),
    DialoguePartner(TieRecord),
    Founder(TieRecord),
    Leads(OfficeRecord),
    Hosts(TieRecord),
    Attends(TieRecord),
    Partnership(TieRecord),
    Alliance(TieRecord),
    Rivalry(TieRecord),
    Dispute(ContestRecord),
    Conflict(ContestRecord),
    Supports(TieRecord),
    Sanctions(TieRecord),
    Stance(StanceRecord),
}

/// The fields every relation has. Kinds with extra fields repeat these
/// rather than flattening them, because serde's `flatten` cannot be combined
/// with `deny_unknown_fields`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TieRecord {
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `leads`: a person holding an office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeRecord {
    pub from: String,
    pub to: String,
    pub role: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `dispute` and `conflict`: optionally over an issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContestRecord {
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `stance`: a position on an issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StanceRecord {
    pub from: String,
    pub to: String,
    pub position: Position,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The fields every relation record has, borrowed mutably.
pub struct CommonFields<'a> {
    pub from: &'a mut String,
    pub to: &'a mut String,
    pub since: &'a mut Option<DateText>,
    pub until: &'a mut Option<DateText>,
    pub source: &'a mut Option<String>,
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
            | RelationRecord::Alliance($r)
            | RelationRecord::Rivalry($r)
            | RelationRecord::Supports($r)
            | RelationRecord::Sanctions($r) => $body,
            RelationRecord::Leads($r) => $body,
            RelationRecord::Dispute($r) | RelationRecord::Conflict($r) => $body,
            RelationRecord::Stance($r) => $body,
        }
    };
}

impl RelationRecord {
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
            EntityRecord::Country(n)
            | EntityRecord::Person(n)
            | EntityRecord::Organization(n)
            | EntityRecord::Issue(n) => &n.id,
            EntityRecord::Event(e) => &e.id,
        }
    }
}
