//! What a query may name: labels (entity kinds), relationship types
//! (relation kinds), properties (the fields the file records), and
//! functions, each with how it is read from the graph. The one place the
//! query language meets the data model: a new kind or field is added here
//! and every query sees it.

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::value::Value;
use crate::graph::DiploGraph;
use crate::model::{EntityKind, RelationKind};

/// The properties every entity has, then those of some kinds, as a query
/// names them.
pub const ENTITY_PROPERTIES: &[&str] = &[
    "id",
    "name",
    "kind",
    "aliases",
    "note",
    // Countries.
    "cow",
    "gw",
    // Organizations.
    "founded",
    "dissolved",
    "universal",
    // Events.
    "place",
    "start",
    "end",
    // Roll calls.
    "date",
    "session",
    "resolution",
    "important",
    "amendment",
    "paragraph",
];

/// The properties of relations, as a query names them.
pub const RELATION_PROPERTIES: &[&str] = &[
    "kind", "from", "to", "since", "until", "source", "note", "role", "acting", "position",
    "ballot", "over", "type", "status",
];

/// The parts of a date a query may read (`r.since.year`).
pub const DATE_PROPERTIES: &[&str] = &["year", "month", "day"];

/// An entity's property `name` (one of [`ENTITY_PROPERTIES`]); null where
/// the file records nothing or the kind has no such field.
pub fn entity_property(graph: &DiploGraph, node: NodeIndex, name: &str) -> Value {
    let e = graph.entity(node);
    let text = |s: &Option<String>| Value::from(s.as_deref());
    let number = |n: Option<u16>| n.map_or(Value::Null, |n| Value::Integer(i64::from(n)));
    let flag = |b: Option<bool>| b.map_or(Value::Null, Value::Bool);
    let country = e.country.as_ref();
    let organization = e.organization.as_ref();
    let event = e.event.as_ref();
    let roll_call = e.roll_call.as_ref();
    match name {
        "id" => Value::String(e.id.clone()),
        "name" => Value::String(e.name.clone()),
        "kind" => Value::from(e.kind.name()),
        "aliases" => Value::List(e.aliases.iter().map(|a| Value::from(a.as_str())).collect()),
        "note" => text(&e.note),
        "cow" => number(country.and_then(|c| c.cow)),
        "gw" => number(country.and_then(|c| c.gw)),
        "founded" => organization.and_then(|o| o.founded).into(),
        "dissolved" => organization.and_then(|o| o.dissolved).into(),
        "universal" => organization.map_or(Value::Null, |o| Value::Bool(o.universal)),
        "place" => event.map_or(Value::Null, |ev| text(&ev.place)),
        "start" => event.and_then(|ev| ev.start).into(),
        "end" => event.and_then(|ev| ev.end).into(),
        "date" => roll_call.and_then(|r| r.date).into(),
        "session" => number(roll_call.and_then(|r| r.session)),
        "resolution" => roll_call.map_or(Value::Null, |r| text(&r.resolution)),
        "important" => flag(roll_call.and_then(|r| r.important)),
        "amendment" => flag(roll_call.and_then(|r| r.amendment)),
        "paragraph" => flag(roll_call.and_then(|r| r.paragraph)),
        _ => Value::Null,
    }
}

/// A relation's property `name` (one of [`RELATION_PROPERTIES`]): `since`
/// and `until` are the days it holds, event defaults applied (attending a
/// summit from its first day), as every command reads them; `position` is
/// a stance's position or a vote's ballot; `type` an alliance's type;
/// `status` the kind of a membership (`member`, `observer`, …); `over` the
/// id of the issue a dispute or conflict is about.
pub fn relation_property(graph: &DiploGraph, edge: EdgeIndex, name: &str) -> Value {
    let r = graph.relation(edge);
    let text = |s: &Option<String>| Value::from(s.as_deref());
    let named = |s: Option<&'static str>| Value::from(s);
    match name {
        "kind" => Value::from(r.kind.name()),
        "from" => Value::String(r.from.clone()),
        "to" => Value::String(r.to.clone()),
        "since" => graph.validity(edge).since.into(),
        "until" => graph.validity(edge).until.into(),
        "source" => text(&r.source),
        "note" => text(&r.note),
        "role" => text(&r.role),
        "acting" => Value::Bool(r.acting),
        "position" => named(
            r.position
                .map(crate::model::Position::name)
                .or(r.ballot.map(crate::model::Ballot::name)),
        ),
        "ballot" => named(r.ballot.map(crate::model::Ballot::name)),
        "over" => text(&r.over),
        "type" => named(r.alliance.map(crate::model::AllianceType::name)),
        "status" => named(r.kind.is_membership().then(|| r.kind.name())),
        _ => Value::Null,
    }
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
