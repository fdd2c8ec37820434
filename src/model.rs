//! The domain model: entities, relations and sources as the rest of the
//! engine sees them, independent of how the file spells them.
//!
//! A [`Database`] here has always passed validation (the store only hands
//! out validated ones): every relation's endpoints exist and have the kinds
//! its [`RelationKind`] allows, ids and aliases are unique, and intervals
//! are non-empty.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::date::{PartialDate, Validity};

/// The name-table items of a kind enum (derived with strum, snake case):
/// `ALL`, every variant in declaration order, so a new variant is in it
/// without anyone remembering to add it; `name`, what the file, the CLI and
/// JSON call it; `from_name`, its inverse; and `Display` as the name.
macro_rules! named {
    ($t:ident, $example:literal, $variant:ident) => {
        impl $t {
            /// Every variant, in declaration order (derived from the enum).
            pub const ALL: &'static [$t] = <$t as strum::VariantArray>::VARIANTS;

            /// The name in the file, the CLI and JSON (derived, snake case).
            pub fn name(self) -> &'static str {
                self.into()
            }

            #[doc = concat!(
                        "The variant of this name, if it is one.\n\n```\nuse diplograph::model::",
                        stringify!($t),
                        ";\nassert_eq!(",
                        stringify!($t),
                        "::from_name(\"",
                        $example,
                        "\"), Some(",
                        stringify!($t),
                        "::",
                        stringify!($variant),
                        "));\nassert_eq!(",
                        stringify!($t),
                        "::from_name(\"no such name\"), None);\n```"
                    )]
            pub fn from_name(name: &str) -> Option<$t> {
                $t::ALL.iter().copied().find(|k| k.name() == name)
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

named!(EntityKind, "organization", Organization);
named!(RelationKind, "dialogue_partner", DialoguePartner);
named!(Position, "opposes", Opposes);
named!(Ballot, "abstain", Abstain);
named!(AllianceType, "non_aggression", NonAggression);

/// What an entity is.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EntityKind {
    /// A state; id is its ISO 3166-1 alpha-3 code.
    Country,
    /// A leader or head of an organization; id is a lowercase slug.
    Person,
    /// An international organization; id is its usual acronym.
    Organization,
    /// A summit or other dated gathering.
    Event,
    /// A disputed territory or a conflict that states take positions on.
    Issue,
    /// A recorded vote of a body such as the UN General Assembly, on one
    /// day: what `vote` relations point to.
    RollCall,
}

impl EntityKind {
    /// The kind's position in [`Self::ALL`]: its code in flat records.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Whether a relation kind counts as friendly or hostile in signed analysis
/// (alignment, balance, blocs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    /// Membership, founding, partnership, alliance, support.
    Positive,
    /// Rivalry, dispute, conflict, sanctions.
    Negative,
    /// Structural facts that say nothing about friendship: leading,
    /// hosting, attending, stances (stances are compared issue by issue).
    None,
}

impl Sign {
    /// +1, -1 or 0.
    pub fn value(self) -> i8 {
        match self {
            Sign::Positive => 1,
            Sign::Negative => -1,
            Sign::None => 0,
        }
    }
}

/// The typed relations between entities. The names (`member`,
/// `dialogue_partner`, …) are the same in the file, the CLI and JSON.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum RelationKind {
    /// Country → organization: full member.
    Member,
    /// Country → organization: observer.
    Observer,
    /// Country → organization: dialogue partner.
    DialoguePartner,
    /// Country → organization: founding state.
    Founder,
    /// Person → country or organization: holds an office (`role`, `acting`).
    Leads,
    /// Country → event.
    Hosts,
    /// Person or country → event.
    Attends,
    /// Symmetric: strategic or declared partnership.
    Partnership,
    /// Symmetric: formal alliance.
    Alliance,
    /// Symmetric: strategic rivalry.
    Rivalry,
    /// Symmetric: a dispute, optionally `over` an issue.
    Dispute,
    /// Symmetric: armed conflict, optionally `over` an issue.
    Conflict,
    /// Directed: A backs B.
    Supports,
    /// Directed: A sanctions B.
    Sanctions,
    /// Country or person → issue, with a `position`.
    Stance,
    /// Person → country or organization: holds an office other than the
    /// head (a minister, an envoy), with a `role` and `acting`. Kept apart
    /// from [`RelationKind::Leads`] so that "who leads India" never answers
    /// with its foreign minister.
    Serves,
    /// Event → event: a session held as part of a larger gathering (the
    /// "SCO Plus" meeting of a summit).
    PartOf,
    /// Country → organization: associate member (the COW IGO data's
    /// status 2), a status of its own like [`RelationKind::Observer`], so
    /// that a state moving from associate to full member is one status
    /// ending and another starting.
    Associate,
    /// Country → roll call: how the state voted (`position: yes`, `no` or
    /// `abstain`), on the roll call's day.
    Vote,
}

impl RelationKind {
    /// The kind's position in [`Self::ALL`]: its code in flat records.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The sign later analysis gives this kind.
    ///
    /// ```
    /// use diplograph::model::{RelationKind, Sign};
    /// assert_eq!(RelationKind::DialoguePartner.sign(), Sign::Positive);
    /// assert_eq!(RelationKind::Sanctions.sign(), Sign::Negative);
    /// assert_eq!(RelationKind::Attends.sign(), Sign::None);
    /// ```
    pub fn sign(self) -> Sign {
        use RelationKind::*;
        match self {
            Member | Observer | DialoguePartner | Founder | Partnership | Alliance | Supports
            | Associate => Sign::Positive,
            Rivalry | Dispute | Conflict | Sanctions => Sign::Negative,
            Leads | Hosts | Attends | Stance | Serves | PartOf | Vote => Sign::None,
        }
    }

    /// Symmetric kinds hold both ways: `dispute(IND, PAK)` is also
    /// `dispute(PAK, IND)`, and is drawn and listed without a direction.
    pub fn is_symmetric(self) -> bool {
        use RelationKind::*;
        // Exhaustive on purpose: a new kind must say which it is.
        match self {
            Partnership | Alliance | Rivalry | Dispute | Conflict => true,
            Member | Observer | DialoguePartner | Founder | Leads | Hosts | Attends | Supports
            | Sanctions | Stance | Serves | PartOf | Associate | Vote => false,
        }
    }

    /// Kinds that say an entity belongs to an organization in some status.
    pub fn is_membership(self) -> bool {
        use RelationKind::*;
        // Exhaustive on purpose: a new kind must say whether it is a status.
        match self {
            Member | Observer | DialoguePartner | Associate => true,
            Founder | Leads | Hosts | Attends | Partnership | Alliance | Rivalry | Dispute
            | Conflict | Supports | Sanctions | Stance | Serves | PartOf | Vote => false,
        }
    }

    /// Kinds that say a person holds an office (with a `role`, maybe
    /// `acting`): one office is held by one person at a time.
    pub fn is_office(self) -> bool {
        use RelationKind::*;
        // Exhaustive on purpose: a new kind must say whether it is an office.
        match self {
            Leads | Serves => true,
            Member | Observer | DialoguePartner | Founder | Hosts | Attends | Partnership
            | Alliance | Rivalry | Dispute | Conflict | Supports | Sanctions | Stance | PartOf
            | Associate | Vote => false,
        }
    }

    /// Which entity kinds may stand at the `from` end.
    pub fn allowed_from(self) -> &'static [EntityKind] {
        use EntityKind as E;
        use RelationKind::*;
        match self {
            Member | Observer | DialoguePartner | Founder | Hosts | Associate | Vote => {
                &[E::Country]
            }
            Leads | Serves => &[E::Person],
            PartOf => &[E::Event],
            Attends | Stance => &[E::Country, E::Person],
            Partnership | Alliance | Rivalry | Dispute | Conflict | Supports | Sanctions => {
                &[E::Country, E::Organization]
            }
        }
    }

    /// Which entity kinds may stand at the `to` end.
    pub fn allowed_to(self) -> &'static [EntityKind] {
        use EntityKind as E;
        use RelationKind::*;
        match self {
            Member | Observer | DialoguePartner | Founder | Associate => &[E::Organization],
            Vote => &[E::RollCall],
            Leads | Serves | Partnership | Alliance | Rivalry | Dispute | Conflict => {
                &[E::Country, E::Organization]
            }
            Hosts | Attends | PartOf => &[E::Event],
            Stance => &[E::Issue],
            Supports | Sanctions => &[E::Country, E::Organization, E::Person],
        }
    }
}

impl FromStr for RelationKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        RelationKind::from_name(&wanted).ok_or_else(|| {
            let names: Vec<_> = RelationKind::ALL.iter().map(|k| k.name()).collect();
            format!(
                "unknown relation kind `{s}`; expected one of: {}",
                names.join(", ")
            )
        })
    }
}

/// A position on an issue.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Position {
    /// For (a territory's status as one party claims it, a conflict's side).
    Supports,
    /// Against.
    Opposes,
    /// Declared neutral, or abstaining.
    Neutral,
}

/// How a state voted on a roll call.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Ballot {
    /// In favour.
    Yes,
    /// Against.
    No,
    /// Present and abstaining. (Absence is not a ballot: no relation.)
    Abstain,
}

impl Ballot {}

/// What a formal alliance obliges its parties to, as the Correlates of War
/// code it (Gibler 2009): an alliance's type is its strongest obligation.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AllianceType {
    /// To come to each other's defence (COW type I).
    Defense,
    /// To stay neutral if the other is attacked (type II).
    Neutrality,
    /// Not to attack each other (type II in COW's coding with neutrality).
    NonAggression,
    /// To consult in a crisis (type III).
    Entente,
}

impl AllianceType {
    /// The type in words: "defense", "neutrality", "non-aggression",
    /// "entente".
    pub fn words(self) -> String {
        self.name().replace('_', "-")
    }

    /// The commitment's rank as Signorino and Ritter (1999) score alliance
    /// portfolios: defense 3, neutrality or non-aggression 2, entente 1.
    ///
    /// ```
    /// use diplograph::model::AllianceType;
    /// assert_eq!(AllianceType::Defense.rank(), 3);
    /// assert_eq!(AllianceType::NonAggression.rank(), AllianceType::Neutrality.rank());
    /// ```
    pub fn rank(self) -> u8 {
        match self {
            AllianceType::Defense => 3,
            AllianceType::Neutrality | AllianceType::NonAggression => 2,
            AllianceType::Entente => 1,
        }
    }
}

/// Fields only events have.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EventInfo {
    /// Where it took place, e.g. "Astana, Kazakhstan".
    pub place: Option<String>,
    /// First day.
    pub start: Option<PartialDate>,
    /// Last day, inclusive.
    pub end: Option<PartialDate>,
}

impl EventInfo {
    /// When it took place, its last day included: "2024-07-03{between}2024-07-04",
    /// the one day alone, or nothing when the file gives no start. What
    /// every answer and drawing that names an event's days prints.
    ///
    /// ```
    /// use diplograph::model::EventInfo;
    /// let ev = EventInfo { place: None, start: "2024-07-03".parse().ok(), end: "2024-07-04".parse().ok() };
    /// assert_eq!(ev.days(" to "), "2024-07-03 to 2024-07-04");
    /// assert_eq!(EventInfo { end: ev.start, ..ev.clone() }.days(" to "), "2024-07-03");
    /// ```
    pub fn days(&self, between: &str) -> String {
        match (self.start, self.end) {
            (Some(s), Some(end)) if s != end => format!("{s}{between}{end}"),
            (Some(s), _) => s.to_string(),
            (None, _) => String::new(),
        }
    }
}

/// Fields only countries have: their numbers in the research lists, as
/// the file gives them (checked against [`crate::codes`]), and the spells
/// in which they existed as states, when recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CountryInfo {
    /// The Correlates of War state number, e.g. 365.
    pub cow: Option<u16>,
    /// The Gleditsch–Ward state number, e.g. 365.
    pub gw: Option<u16>,
    /// When it existed as a state, in order and apart. Empty: not
    /// recorded (the state is then taken to exist on every day), which is
    /// not the same as never having existed.
    pub statehood: Vec<Spell>,
}

/// One spell of statehood: the days `[since, until)`, and the source that
/// says so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Spell {
    /// First day of the spell; `None`: as far back as the file knows.
    pub since: Option<PartialDate>,
    /// First day it no longer existed; `None`: it still exists.
    pub until: Option<PartialDate>,
    /// Id of the [`Source`] the spell comes from, if one is cited.
    pub source: Option<String>,
}

impl Spell {
    /// The spell's days, half-open like a relation's.
    pub fn validity(&self) -> Validity {
        Validity::new(self.since, self.until)
    }
}

/// Fields only roll calls have.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RollCallInfo {
    /// The day of the vote.
    pub date: Option<PartialDate>,
    /// The session of the body (the UN General Assembly's 1st is 1946).
    pub session: Option<u16>,
    /// The resolution or document voted on, e.g. `A/RES/ES-11/1`.
    pub resolution: Option<String>,
    /// Whether the data marks it an important vote; `None`: not recorded.
    pub important: Option<bool>,
    /// Whether it was a vote on an amendment; `None`: not recorded.
    pub amendment: Option<bool>,
    /// Whether it was a vote on a paragraph; `None`: not recorded.
    pub paragraph: Option<bool>,
}

/// Fields only organizations have.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OrganizationInfo {
    /// The day it was founded (its charter signed or in force, as the
    /// source says), when recorded: before it, the organization did not
    /// exist, which is a different answer from "no members recorded".
    pub founded: Option<PartialDate>,
    /// The first day it no longer existed, when it was dissolved.
    pub dissolved: Option<PartialDate>,
    /// Whether (nearly) every state belongs to it, like the United
    /// Nations: shared membership then says nothing about alignment, so
    /// signed analysis never counts it as a positive tie.
    pub universal: bool,
}

/// What a source records and for which period: a query about a day
/// outside it is warned that the source may not say what happened then.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// What the source records, in words ("SCO member, observer and
    /// dialogue-partner statuses").
    pub records: String,
    /// First day covered, when bounded.
    pub since: Option<PartialDate>,
    /// First day no longer covered (exclusive), when bounded.
    pub until: Option<PartialDate>,
}

impl Coverage {
    /// Whether the day falls inside the covered period.
    ///
    /// ```
    /// use diplograph::model::Coverage;
    /// let c = Coverage { records: "x".into(), since: Some("2001".parse().unwrap()),
    ///     until: Some("2024-07-05".parse().unwrap()) };
    /// assert!(c.covers("2024-07-04".parse().unwrap()));
    /// assert!(!c.covers("2024-07-05".parse().unwrap()));
    /// assert!(!c.covers("2000-12-31".parse().unwrap()));
    /// ```
    pub fn covers(&self, day: jiff::civil::Date) -> bool {
        Validity::new(self.since, self.until).in_force_on(day)
    }
}

/// A node of the graph: a country, person, organization, event or issue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The identifier relations use; unique in the database ignoring case.
    pub id: String,
    /// The name shown in answers.
    pub name: String,
    /// What the entity is; decides which relations it may take part in.
    pub kind: EntityKind,
    /// Other spellings and transliterations that resolve to this entity.
    pub aliases: Vec<String>,
    /// Free text from the file.
    pub note: Option<String>,
    /// Present exactly when `kind` is [`EntityKind::Event`].
    pub event: Option<EventInfo>,
    /// Present exactly when `kind` is [`EntityKind::Organization`].
    pub organization: Option<OrganizationInfo>,
    /// Present exactly when `kind` is [`EntityKind::Country`].
    pub country: Option<CountryInfo>,
    /// Present exactly when `kind` is [`EntityKind::RollCall`].
    pub roll_call: Option<RollCallInfo>,
}

/// An edge of the graph. Kind-specific fields are `None`/`false` unless the
/// kind carries them (`role`/`acting` on leads, `over` on dispute and
/// conflict, `position` on stance); the store guarantees this.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// What the relation says; decides its sign, symmetry and allowed ends.
    pub kind: RelationKind,
    /// Id of the entity at the `from` end (for symmetric kinds, the end
    /// written first).
    pub from: String,
    /// Id of the entity at the `to` end.
    pub to: String,
    /// When it holds, as written: from `since` up to but not including
    /// `until`. (The graph gives `hosts` and `attends` without `since` the
    /// event's first day.)
    pub validity: Validity,
    /// Id of the [`Source`] the fact comes from, if one is cited.
    pub source: Option<String>,
    /// Free text from the file.
    pub note: Option<String>,
    /// The office held; `Some` exactly on the office kinds
    /// ([`RelationKind::is_office`]).
    pub role: Option<String>,
    /// Whether the office is held in an acting capacity (only ever true on
    /// the office kinds).
    pub acting: bool,
    /// Id of the issue a dispute or conflict is about, when the file names
    /// one.
    pub over: Option<String>,
    /// The position taken; `Some` exactly on [`RelationKind::Stance`].
    pub position: Option<Position>,
    /// The ballot cast; `Some` exactly on [`RelationKind::Vote`].
    pub ballot: Option<Ballot>,
    /// An alliance's strongest obligation, when the source gives it (only
    /// ever on [`RelationKind::Alliance`]).
    pub alliance: Option<AllianceType>,
}

/// A source that relations cite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The id relations cite in [`Relation::source`]; unique.
    pub id: String,
    /// The title as a reader would look it up.
    pub title: String,
    /// Who published it, when known.
    pub publisher: Option<String>,
    /// When it was published, at the precision known.
    pub date: Option<PartialDate>,
    /// Where to read it.
    pub url: Option<String>,
    /// Free text from the file.
    pub note: Option<String>,
    /// What it records and for when, if it says.
    pub coverage: Option<Coverage>,
}

/// A validated database: what a `graph.ron` says, in domain terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Database {
    /// The day up to which facts were last checked; queries for later days
    /// are warned that the answer may be stale.
    pub checked: PartialDate,
    /// Every source, in file order.
    pub sources: Vec<Source>,
    /// Every entity, in file order (the order `list` and exports keep).
    pub entities: Vec<Entity>,
    /// Every relation, in file order.
    pub relations: Vec<Relation>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_s_index_is_its_place_in_all_and_its_name_reads_back() {
        for (i, kind) in RelationKind::ALL.iter().enumerate() {
            assert_eq!(kind.index(), i);
            assert_eq!(RelationKind::from_name(kind.name()), Some(*kind));
        }
        for (i, kind) in EntityKind::ALL.iter().enumerate() {
            assert_eq!(kind.index(), i);
            assert_eq!(EntityKind::from_name(kind.name()), Some(*kind));
        }
        for position in Position::ALL {
            assert_eq!(Position::from_name(position.name()), Some(*position));
        }
        assert_eq!(RelationKind::DialoguePartner.name(), "dialogue_partner");
    }
}
