//! Conversion between the file schema and the domain model.
//!
//! Kept apart from validation so that saving (model → schema) and loading
//! (schema → model) are two halves of one small, testable mapping.

use crate::date::Validity;
use crate::model::{Entity, EntityKind, EventInfo, Relation, RelationKind};
use crate::schema::{ContestRecord, EntityRecord, RelationRecord, TieRecord};

/// Converts a file entity into the domain form.
pub fn entity_from_record(record: EntityRecord) -> Entity {
    let (kind, named, event) = match record {
        EntityRecord::Country(n) => (EntityKind::Country, n, None),
        EntityRecord::Person(n) => (EntityKind::Person, n, None),
        EntityRecord::Organization(n) => (EntityKind::Organization, n, None),
        EntityRecord::Issue(n) => (EntityKind::Issue, n, None),
        EntityRecord::Event(e) => {
            return Entity {
                id: e.id,
                name: e.name,
                kind: EntityKind::Event,
                aliases: e.aliases,
                note: e.note,
                event: Some(EventInfo {
                    place: e.place,
                    start: e.start,
                    end: e.end,
                }),
            };
        }
    };
    Entity {
        id: named.id,
        name: named.name,
        kind,
        aliases: named.aliases,
        note: named.note,
        event,
    }
}

/// Converts a file relation into the domain form.
pub fn relation_from_record(record: RelationRecord) -> Relation {
    use RelationRecord as R;
    let plain = |kind: RelationKind, t: TieRecord| Relation {
        kind,
        from: t.from,
        to: t.to,
        validity: Validity::new(t.since, t.until),
        source: t.source,
        note: t.note,
        role: None,
        acting: false,
        over: None,
        position: None,
    };
    match record {
        R::Member(t) => plain(RelationKind::Member, t),
        R::Observer(t) => plain(RelationKind::Observer, t),
        R::DialoguePartner(t) => plain(RelationKind::DialoguePartner, t),
        R::Founder(t) => plain(RelationKind::Founder, t),
        R::Hosts(t) => plain(RelationKind::Hosts, t),
        R::Attends(t) => plain(RelationKind::Attends, t),
        R::Partnership(t) => plain(RelationKind::Partnership, t),
        R::Alliance(t) => plain(RelationKind::Alliance, t),
        R::Rivalry(t) => plain(RelationKind::Rivalry, t),
        R::Supports(t) => plain(RelationKind::Supports, t),
        R::Sanctions(t) => plain(RelationKind::Sanctions, t),
        R::Leads(o) => Relation {
            kind: RelationKind::Leads,
            from: o.from,
            to: o.to,
            validity: Validity::new(o.since, o.until),
            source: o.source,
            note: o.note,
            role: Some(o.role),
            acting: o.acting,
            over: None,
            position: None,
        },
        R::Dispute(c) => contest(RelationKind::Dispute, c),
        R::Conflict(c) => contest(RelationKind::Conflict, c),
        R::Stance(s) => Relation {
            kind: RelationKind::Stance,
            from: s.from,
            to: s.to,
            validity: Validity::new(s.since, s.until),
            source: s.source,
            note: s.note,
            role: None,
            acting: false,
            over: None,
            position: Some(s.position),
        },
    }
}

fn contest(kind: RelationKind, c: ContestRecord) -> Relation {
    Relation {
        kind,
        from: c.from,
        to: c.to,
        validity: Validity::new(c.since, c.until),
        source: c.source,
        note: c.note,
        role: None,
        acting: false,
        over: c.over,
        position: None,
    }
}
