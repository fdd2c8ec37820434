//! Conversion between the file schema and the domain model.
//!
//! Kept apart from validation so that saving (model → schema) and loading
//! (schema → model) are two halves of one small, testable mapping.

use crate::date::{PartialDate, Validity};
use crate::model::{Entity, EntityKind, EventInfo, Relation, RelationKind};
use crate::schema::{ContestRecord, EntityRecord, RelationRecord, TieRecord};

/// Parses one date field; reports a bad one through the caller and yields
/// `None` in its place (the database is then refused as a whole).
pub type DateParser<'a> = dyn FnMut(&str) -> Option<PartialDate> + 'a;

fn opt(date: &mut DateParser<'_>, text: Option<String>) -> Option<PartialDate> {
    text.and_then(|t| date(&t))
}

/// Converts a file entity into the domain form.
pub fn entity_from_record(record: EntityRecord, date: &mut DateParser<'_>) -> Entity {
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
                    start: opt(date, e.start),
                    end: opt(date, e.end),
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
pub fn relation_from_record(record: RelationRecord, date: &mut DateParser<'_>) -> Relation {
    use RelationRecord as R;
    let mut validity = |since: Option<String>, until: Option<String>| {
        Validity::new(opt(date, since), opt(date, until))
    };
    let plain = |kind: RelationKind, t: TieRecord, validity: Validity| Relation {
        kind,
        from: t.from,
        to: t.to,
        validity,
        source: t.source,
        note: t.note,
        role: None,
        acting: false,
        over: None,
        position: None,
    };
    match record {
        R::Member(t) => {
            let v = validity(t.since.clone(), t.until.clone());
            plain(RelationKind::Member, t, v)
        }
        R::Observer(t) => {
            let v = validity(t.since.clone(), t.until.clone());
            plain(RelationKind::Observer, t, v)
        }
        R::DialoguePartner(t) => {
            let v = validity(t.since.clone(), t.until.clone());
            plain(RelationKind::DialoguePartner, t, v)
        }
        R::Founder(t) => {
            let v = validity(t.since.clone(), t.until.clone());
            plain(RelationKind::Founder, t, v)
        }
        R::Hosts(t) => {
            let v = validity(t.since.clone(), t.until.clone());
            plain(RelationKind::Hosts, t, v)
        }
        R::Attends(t) => {
            let v = validity(t.since.clone(), t.until.clone());
            plain(RelationKind::Attends, t, v)
        }
        R::Partnership(t) => {
            let v = validity(t.since.clone(), t.until.clone());
            plain(RelationKind::Partnership, t, v)
        }
        R::Alliance(t) => {
            let v = validity(t.since.clone(), t.until.clone());
            plain(RelationKind::Alliance, t, v)
        }
        R::Rivalry(t) => {
            let v = validity(t.since.clone(), t.until.clone());
            plain(RelationKind::Rivalry, t, v)
        }
        R::Supports(t) => {
            let v = validity(t.since.clone(), t.until.clone());
            plain(RelationKind::Supports, t, v)
        }
        R::Sanctions(t) => {
            let v = validity(t.since.clone(), t.until.clone());
            plain(RelationKind::Sanctions, t, v)
        }
        R::Leads(o) => Relation {
            kind: RelationKind::Leads,
            from: o.from,
            to: o.to,
            validity: validity(o.since, o.until),
            source: o.source,
            note: o.note,
            role: Some(o.role),
            acting: o.acting,
            over: None,
            position: None,
        },
        R::Dispute(c) => {
            let v = validity(c.since.clone(), c.until.clone());
            contest(RelationKind::Dispute, c, v)
        }
        R::Conflict(c) => {
            let v = validity(c.since.clone(), c.until.clone());
            contest(RelationKind::Conflict, c, v)
        }
        R::Stance(s) => Relation {
            kind: RelationKind::Stance,
            from: s.from,
            to: s.to,
            validity: validity(s.since, s.until),
            source: s.source,
            note: s.note,
            role: None,
            acting: false,
            over: None,
            position: Some(s.position),
        },
    }
}

fn contest(kind: RelationKind, c: ContestRecord, validity: Validity) -> Relation {
    Relation {
        kind,
        from: c.from,
        to: c.to,
        validity,
        source: c.source,
        note: c.note,
        role: None,
        acting: false,
        over: c.over,
        position: None,
    }
}
