//! Conversion between the file schema and the domain model.
//!
//! Kept apart from validation so that saving (model → schema) and loading
//! (schema → model) are two halves of one small, testable mapping.

use crate::date::{PartialDate, Validity};
use crate::model::{
    CountryInfo, Entity, EntityKind, EventInfo, OrganizationInfo, Relation, RollCallInfo, Spell,
};
use crate::schema::{EntityRecord, NamedRecord, Parts, RelationRecord};

/// Parses one date field; reports a bad one through the caller and yields
/// `None` in its place (the database is then refused as a whole).
pub type DateParser<'a> = dyn FnMut(&str) -> Option<PartialDate> + 'a;

fn opt(date: &mut DateParser<'_>, text: Option<String>) -> Option<PartialDate> {
    text.and_then(|t| date(&t))
}

/// The kind of a file entity.
pub fn entity_kind(record: &EntityRecord) -> EntityKind {
    match record {
        EntityRecord::Country(_) => EntityKind::Country,
        EntityRecord::Person(_) => EntityKind::Person,
        EntityRecord::Organization(_) => EntityKind::Organization,
        EntityRecord::Event(_) => EntityKind::Event,
        EntityRecord::Issue(_) => EntityKind::Issue,
        EntityRecord::RollCall(_) => EntityKind::RollCall,
    }
}

/// Converts a file entity into the domain form.
pub fn entity_from_record(record: EntityRecord, date: &mut DateParser<'_>) -> Entity {
    let kind = entity_kind(&record);
    let named = |id, name, aliases, note| NamedRecord {
        id,
        name,
        aliases,
        note,
    };
    let entity = |n: NamedRecord| Entity {
        id: n.id,
        name: n.name,
        kind,
        aliases: n.aliases,
        note: n.note,
        event: None,
        organization: None,
        country: None,
        roll_call: None,
    };
    match record {
        EntityRecord::Person(n) | EntityRecord::Issue(n) => entity(n),
        EntityRecord::Country(c) => {
            let statehood = c
                .statehood
                .into_iter()
                .map(|s| Spell {
                    since: opt(date, s.since),
                    until: opt(date, s.until),
                    source: s.source,
                })
                .collect();
            Entity {
                country: Some(CountryInfo {
                    cow: c.codes.and_then(|k| k.cow),
                    gw: c.codes.and_then(|k| k.gw),
                    statehood,
                }),
                ..entity(named(c.id, c.name, c.aliases, c.note))
            }
        }
        EntityRecord::Organization(o) => Entity {
            organization: Some(OrganizationInfo {
                founded: opt(date, o.founded),
                dissolved: opt(date, o.dissolved),
                universal: o.universal,
            }),
            ..entity(named(o.id, o.name, o.aliases, o.note))
        },
        EntityRecord::Event(e) => Entity {
            event: Some(EventInfo {
                place: e.place,
                start: opt(date, e.start),
                end: opt(date, e.end),
            }),
            ..entity(named(e.id, e.name, e.aliases, e.note))
        },
        EntityRecord::RollCall(r) => Entity {
            roll_call: Some(RollCallInfo {
                date: date(&r.date),
                session: r.session,
                resolution: r.resolution,
                important: r.important,
                amendment: r.amendment,
                paragraph: r.paragraph,
            }),
            ..entity(named(r.id, r.name, r.aliases, r.note))
        },
    }
}

/// Converts a file relation into the domain form.
pub fn relation_from_record(record: RelationRecord, date: &mut DateParser<'_>) -> Relation {
    let Parts {
        kind,
        tie,
        role,
        acting,
        over,
        position,
        ballot,
        alliance,
    } = record.into_parts();
    Relation {
        kind,
        validity: Validity::new(opt(date, tie.since), opt(date, tie.until)),
        from: tie.from,
        to: tie.to,
        source: tie.source,
        note: tie.note,
        role,
        acting,
        over,
        position,
        ballot,
        alliance,
    }
}
