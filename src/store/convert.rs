//! Conversion between the file schema and the domain model.
//!
//! Kept apart from validation so that saving (model → schema) and loading
//! (schema → model) are two halves of one small, testable mapping.

use crate::date::{PartialDate, Validity};
use crate::model::{CountryInfo, Entity, EntityKind, EventInfo, OrganizationInfo, Relation};
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
    let (named, event, organization, country) = match record {
        EntityRecord::Person(n) | EntityRecord::Issue(n) => (n, None, None, None),
        EntityRecord::Country(c) => (
            named(c.id, c.name, c.aliases, c.note),
            None,
            None,
            Some(CountryInfo {
                cow: c.codes.and_then(|k| k.cow),
                gw: c.codes.and_then(|k| k.gw),
            }),
        ),
        EntityRecord::Organization(o) => (
            named(o.id, o.name, o.aliases, o.note),
            None,
            Some(OrganizationInfo {
                founded: opt(date, o.founded),
                dissolved: opt(date, o.dissolved),
                universal: o.universal,
            }),
            None,
        ),
        EntityRecord::Event(e) => (
            named(e.id, e.name, e.aliases, e.note),
            Some(EventInfo {
                place: e.place,
                start: opt(date, e.start),
                end: opt(date, e.end),
            }),
            None,
            None,
        ),
    };
    Entity {
        id: named.id,
        name: named.name,
        kind,
        aliases: named.aliases,
        note: named.note,
        event,
        organization,
        country,
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
    }
}
