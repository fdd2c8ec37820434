//! Conversion between the file schema and the domain model.
//!
//! Kept apart from validation so that saving (model → schema) and loading
//! (schema → model) are two halves of one small, testable mapping.

use crate::date::{PartialDate, Validity};
use crate::model::{Entity, EntityKind, EventInfo, Relation, RelationKind};
use crate::schema::{EntityRecord, RelationRecord, TieRecord};

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

/// The fields every relation kind shares, taken out of a kind-specific record.
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

/// Converts a file relation into the domain form.
pub fn relation_from_record(record: RelationRecord, date: &mut DateParser<'_>) -> Relation {
    use RelationKind as K;
    use RelationRecord as R;
    let (kind, tie, role, acting, over, position) = match record {
        R::Member(t) => (K::Member, t, None, false, None, None),
        R::Observer(t) => (K::Observer, t, None, false, None, None),
        R::DialoguePartner(t) => (K::DialoguePartner, t, None, false, None, None),
        R::Founder(t) => (K::Founder, t, None, false, None, None),
        R::Hosts(t) => (K::Hosts, t, None, false, None, None),
        R::Attends(t) => (K::Attends, t, None, false, None, None),
        R::Partnership(t) => (K::Partnership, t, None, false, None, None),
        R::Alliance(t) => (K::Alliance, t, None, false, None, None),
        R::Rivalry(t) => (K::Rivalry, t, None, false, None, None),
        R::Supports(t) => (K::Supports, t, None, false, None, None),
        R::Sanctions(t) => (K::Sanctions, t, None, false, None, None),
        R::Leads(o) => {
            let (role, acting) = (o.role.clone(), o.acting);
            (K::Leads, tie_of!(o), Some(role), acting, None, None)
        }
        R::Dispute(c) => {
            let over = c.over.clone();
            (K::Dispute, tie_of!(c), None, false, over, None)
        }
        R::Conflict(c) => {
            let over = c.over.clone();
            (K::Conflict, tie_of!(c), None, false, over, None)
        }
        R::Stance(s) => {
            let position = s.position;
            (K::Stance, tie_of!(s), None, false, None, Some(position))
        }
    };
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
