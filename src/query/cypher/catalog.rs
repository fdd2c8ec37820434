//! What a query may name: labels (entity kinds), relationship types
//! (relation kinds), properties (the fields the file records), and
//! functions, each with how it is read from the graph. The one place the
//! query language meets the data model: a new kind or field is added here
//! and every query sees it.

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::value::Value;
use crate::graph::DiploGraph;
use crate::model::{Entity, EntityKind, Relation, RelationKind};

/// How a property of an entity is read.
#[derive(Clone, Copy)]
enum Read {
    /// From the graph's flat records, without making the model value:
    /// the id and the name, which queries read most and from many
    /// entities.
    Flat(fn(&DiploGraph, NodeIndex) -> Value),
    /// From the entity's model value.
    Model(fn(&Entity) -> Value),
}

/// A property of entities: its name and how it is read.
type EntityField = (&'static str, Read);

/// How a property of a relation is read: from the graph (its days in
/// force, event defaults applied) and its model value.
type RelationField = (&'static str, fn(&DiploGraph, EdgeIndex, &Relation) -> Value);

/// The properties of entities, as a query names them, and how each is
/// read: those every entity has, then those of some kinds (null on the
/// others, and where the file records nothing). The one list: the planner
/// checks names against it, the executor reads through it.
const ENTITY: &[EntityField] = &[
    ("id", Read::Flat(|g, n| Value::from(g.entity_id(n)))),
    ("name", Read::Flat(|g, n| Value::from(g.entity_name(n)))),
    (
        "kind",
        Read::Flat(|g, n| Value::from(g.entity_kind(n).name())),
    ),
    (
        "aliases",
        Read::Model(|e| Value::List(e.aliases.iter().map(|a| Value::from(a.as_str())).collect())),
    ),
    ("note", Read::Model(|e| Value::from(e.note.as_deref()))),
    // Countries.
    (
        "cow",
        Read::Model(|e| number(e.country.as_ref().and_then(|c| c.cow))),
    ),
    (
        "gw",
        Read::Model(|e| number(e.country.as_ref().and_then(|c| c.gw))),
    ),
    // Organizations.
    (
        "founded",
        Read::Model(|e| e.organization.as_ref().and_then(|o| o.founded).into()),
    ),
    (
        "dissolved",
        Read::Model(|e| e.organization.as_ref().and_then(|o| o.dissolved).into()),
    ),
    (
        "universal",
        Read::Model(|e| {
            e.organization
                .as_ref()
                .map_or(Value::Null, |o| Value::Bool(o.universal))
        }),
    ),
    // Events.
    (
        "place",
        Read::Model(|e| Value::from(e.event.as_ref().and_then(|ev| ev.place.as_deref()))),
    ),
    (
        "start",
        Read::Model(|e| e.event.as_ref().and_then(|ev| ev.start).into()),
    ),
    (
        "end",
        Read::Model(|e| e.event.as_ref().and_then(|ev| ev.end).into()),
    ),
    // Roll calls.
    (
        "date",
        Read::Model(|e| e.roll_call.as_ref().and_then(|r| r.date).into()),
    ),
    (
        "session",
        Read::Model(|e| number(e.roll_call.as_ref().and_then(|r| r.session))),
    ),
    (
        "resolution",
        Read::Model(|e| Value::from(e.roll_call.as_ref().and_then(|r| r.resolution.as_deref()))),
    ),
    (
        "important",
        Read::Model(|e| flag(e.roll_call.as_ref().and_then(|r| r.important))),
    ),
    (
        "amendment",
        Read::Model(|e| flag(e.roll_call.as_ref().and_then(|r| r.amendment))),
    ),
    (
        "paragraph",
        Read::Model(|e| flag(e.roll_call.as_ref().and_then(|r| r.paragraph))),
    ),
];

/// The properties of relations, as a query names them, and how each is
/// read: `since` and `until` are the days it holds, event defaults
/// applied (attending a summit from its first day), as every command
/// reads them; `position` is a stance's position or a vote's ballot;
/// `type` an alliance's type; `status` the kind of a membership
/// (`member`, `observer`, …); `over` the id of the issue a dispute or
/// conflict is about.
const RELATION: &[RelationField] = &[
    ("kind", |_, _, r| Value::from(r.kind.name())),
    ("from", |_, _, r| Value::String(r.from.clone())),
    ("to", |_, _, r| Value::String(r.to.clone())),
    ("since", |g, e, _| g.validity(e).since.into()),
    ("until", |g, e, _| g.validity(e).until.into()),
    ("source", |_, _, r| Value::from(r.source.as_deref())),
    ("note", |_, _, r| Value::from(r.note.as_deref())),
    ("role", |_, _, r| Value::from(r.role.as_deref())),
    ("acting", |_, _, r| Value::Bool(r.acting)),
    ("position", |_, _, r| {
        Value::from(
            r.position
                .map(crate::model::Position::name)
                .or(r.ballot.map(crate::model::Ballot::name)),
        )
    }),
    ("ballot", |_, _, r| {
        Value::from(r.ballot.map(crate::model::Ballot::name))
    }),
    ("over", |_, _, r| Value::from(r.over.as_deref())),
    ("type", |_, _, r| {
        Value::from(r.alliance.map(crate::model::AllianceType::name))
    }),
    ("status", |_, _, r| {
        Value::from(r.kind.is_membership().then(|| r.kind.name()))
    }),
];

/// The parts of a date a query may read (`r.since.year`).
pub const DATE_PROPERTIES: &[&str] = &["year", "month", "day"];

fn number(n: Option<u16>) -> Value {
    n.map_or(Value::Null, |n| Value::Integer(i64::from(n)))
}

fn flag(b: Option<bool>) -> Value {
    b.map_or(Value::Null, Value::Bool)
}

/// The names of the properties of entities, in the catalog's order.
pub fn entity_properties() -> impl Iterator<Item = &'static str> + Clone {
    ENTITY.iter().map(|(name, _)| *name)
}

/// The names of the properties of relations, in the catalog's order.
pub fn relation_properties() -> impl Iterator<Item = &'static str> + Clone {
    RELATION.iter().map(|(name, _)| *name)
}

/// An entity's property `name` (one of [`entity_properties`]); null
/// where the file records nothing, the kind has no such field, or there
/// is no such property.
pub fn entity_property(graph: &DiploGraph, node: NodeIndex, name: &str) -> Value {
    ENTITY
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(Value::Null, |(_, read)| match read {
            Read::Flat(read) => read(graph, node),
            Read::Model(read) => read(graph.entity(node)),
        })
}

/// A relation's property `name` (one of [`relation_properties`]); null
/// where the file records nothing or there is no such property.
pub fn relation_property(graph: &DiploGraph, edge: EdgeIndex, name: &str) -> Value {
    RELATION
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(Value::Null, |(_, read)| {
            read(graph, edge, graph.relation(edge))
        })
}

/// The labels a query may use: every entity kind's name.
pub fn labels() -> impl Iterator<Item = &'static str> + Clone {
    EntityKind::ALL.iter().map(|k| k.name())
}

/// The relationship types a query may use: every relation kind's name.
pub fn types() -> impl Iterator<Item = &'static str> + Clone {
    RelationKind::ALL.iter().map(|k| k.name())
}

/// The closest of `known` to `typed` (Jaro–Winkler, at least 0.7), for
/// "did you mean": `contry` → `country`.
///
/// ```
/// use diplograph::query::cypher::catalog::closest;
/// assert_eq!(closest("contry", ["country", "person"]), Some("country"));
/// assert_eq!(closest("zzz", ["country", "person"]), None);
/// ```
pub fn closest<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&typed, &k.to_lowercase()), k))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The help of an unknown name: "did you mean `country`?" and the names
/// there are.
pub fn unknown_help<'a>(
    what: &str,
    typed: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    let all: Vec<&str> = known.clone().into_iter().collect();
    match closest(typed, known) {
        Some(best) => format!("did you mean `{best}`? {what}: {}", all.join(", ")),
        None => format!("{what}: {}", all.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Origin;

    #[test]
    fn every_kind_is_a_label_or_a_type_and_names_read_as_the_file_writes_them() {
        assert!(labels().any(|l| l == "roll_call"));
        assert!(types().any(|t| t == "dialogue_partner"));
        let graph = DiploGraph::load(&Origin::Bundled).unwrap();
        let sco = graph.node("SCO").unwrap();
        assert!(
            matches!(entity_property(&graph, sco, "founded"), Value::Date(d) if d.to_string() == "2001-06-15")
        );
        assert!(entity_property(&graph, sco, "cow").is_null());
    }

    #[test]
    fn an_unknown_label_offers_the_closest() {
        let help = unknown_help("labels", "contry", labels());
        assert!(help.starts_with("did you mean `country`?"), "{help}");
    }
}
