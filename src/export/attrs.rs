//! The attributes every export carries, defined once.
//!
//! Each format declares and writes exactly the attributes listed in
//! [`NODE`] and [`EDGE`], in that order, so nothing that carries meaning
//! (kind, dates, role, acting, over, position, source, note, aliases) can
//! be forgotten by one format and kept by another. An entity's id is the
//! node's own id in every format and is not repeated as an attribute.
//!
//! A relation's source (the id of the reference it cites) is called
//! `citation` here: in every graph format `source` already means the
//! edge's tail (GraphML and GEXF attributes, node-link JSON, Gephi's
//! Source column), and the two must not collide.

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::DiploGraph;
use crate::model::{RelationKind, Sign};

/// How a typed format declares an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// Text (dates too: they keep the precision the source gave, `2017-06`).
    Text,
    /// `true` or `false`.
    Boolean,
    /// A list of texts (aliases). Formats without lists write it as a JSON
    /// array in a text attribute, which loses nothing.
    TextList,
}

/// One attribute: its name in every format and its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attr {
    /// The attribute's name, the same in every format (a GraphML key, a
    /// GEXF attribute title, a CSV column, a JSON member).
    pub name: &'static str,
    /// How formats with typed attributes declare it.
    pub ty: Type,
}

const fn text(name: &'static str) -> Attr {
    Attr {
        name,
        ty: Type::Text,
    }
}

/// A value of an attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A value of a [`Type::Text`] attribute.
    Text(String),
    /// A value of a [`Type::Boolean`] attribute.
    Boolean(bool),
    /// A value of a [`Type::TextList`] attribute, in recorded order.
    TextList(Vec<String>),
}

impl Value {
    /// The value as one text: booleans as `true`/`false`, lists as a JSON
    /// array (`["U.N.","UNO"]`), so it can be read back exactly.
    pub fn to_text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Boolean(b) => b.to_string(),
            Value::TextList(items) => serde_json::json!(items).to_string(),
        }
    }

    /// The value as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Text(s) => serde_json::Value::String(s.clone()),
            Value::Boolean(b) => serde_json::Value::Bool(*b),
            Value::TextList(items) => serde_json::json!(items),
        }
    }
}

/// Entity attributes: `name`, `kind`, `aliases`, `note`; for events
/// `place`, `start` and `end` (the last day); for organizations `founded`,
/// `dissolved` (the first day it no longer existed) and `universal` (given
/// for every organization, true or false); for countries whose statehood
/// is recorded, `statehood`: the spells as one text, `since/until` each
/// (`until` the first day it no longer existed, an open end empty), joined
/// by `;` — `1816-01-01/1945-05-09;1955-05-05/`.
pub const NODE: [Attr; 11] = [
    text("name"),
    text("kind"),
    Attr {
        name: "aliases",
        ty: Type::TextList,
    },
    text("note"),
    text("place"),
    text("start"),
    text("end"),
    text("founded"),
    text("dissolved"),
    Attr {
        name: "universal",
        ty: Type::Boolean,
    },
    text("statehood"),
];

/// Relation attributes: `kind`; `since` and `until` (the half-open
/// interval `[since, until)`, event defaults applied); `citation` (the id
/// of the source cited, the `source` of the file), `note`;
/// `role` and `acting` (on `leads`), `over` (the issue id of a dispute or
/// conflict), `position` (on `stance`); and two derived from the kind,
/// `sign` (`positive`, `negative`, `none`) and `symmetric` (the relation
/// holds both ways and has no direction, although formats that cannot mix
/// directed and undirected edges store it as `from → to`).
pub const EDGE: [Attr; 11] = [
    text("kind"),
    text("since"),
    text("until"),
    text("citation"),
    text("note"),
    text("role"),
    Attr {
        name: "acting",
        ty: Type::Boolean,
    },
    text("over"),
    text("position"),
    text("sign"),
    Attr {
        name: "symmetric",
        ty: Type::Boolean,
    },
];

fn some_text(value: Option<impl ToString>) -> Option<Value> {
    value.map(|v| Value::Text(v.to_string()))
}

/// The values of [`NODE`] for one entity, in the same order; `None` where
/// the entity has no such value.
///
/// ```
/// use diplograph::{export::attrs, graph::DiploGraph, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let un = graph.resolve("UN").unwrap();
/// let values = attrs::node(&graph, un);
/// assert_eq!(values[0], Some(attrs::Value::Text("United Nations".into())));
/// assert_eq!(values[2].as_ref().unwrap().to_text(), r#"["U.N.","UNO"]"#);
/// ```
pub fn node(graph: &DiploGraph, node: NodeIndex) -> [Option<Value>; NODE.len()] {
    let e = graph.entity(node);
    let event = e.event.as_ref();
    let org = e.organization.as_ref();
    [
        Some(Value::Text(e.name.clone())),
        Some(Value::Text(e.kind.to_string())),
        (!e.aliases.is_empty()).then(|| Value::TextList(e.aliases.clone())),
        some_text(e.note.as_ref()),
        some_text(event.and_then(|ev| ev.place.as_ref())),
        some_text(event.and_then(|ev| ev.start)),
        some_text(event.and_then(|ev| ev.end)),
        some_text(org.and_then(|o| o.founded)),
        some_text(org.and_then(|o| o.dissolved)),
        org.map(|o| Value::Boolean(o.universal)),
        e.country
            .as_ref()
            .filter(|c| !c.statehood.is_empty())
            .map(|c| Value::Text(statehood(&c.statehood))),
    ]
}

/// Statehood spells as one text: `since/until` per spell, open ends
/// empty, joined by `;`.
fn statehood(spells: &[crate::model::Spell]) -> String {
    let end = |d: Option<crate::date::PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
    spells
        .iter()
        .map(|s| format!("{}/{}", end(s.since), end(s.until)))
        .collect::<Vec<_>>()
        .join(";")
}

/// The values of [`EDGE`] for one relation, in the same order; `None`
/// where the relation has no such value (`acting` is given for every
/// `leads`, true or false, and absent on other kinds).
pub fn edge(graph: &DiploGraph, edge: EdgeIndex) -> [Option<Value>; EDGE.len()] {
    let r = graph.relation(edge);
    let v = graph.validity(edge);
    let sign = match r.kind.sign() {
        Sign::Positive => "positive",
        Sign::Negative => "negative",
        Sign::None => "none",
    };
    [
        Some(Value::Text(r.kind.to_string())),
        some_text(v.since),
        some_text(v.until),
        some_text(r.source.as_ref()),
        some_text(r.note.as_ref()),
        some_text(r.role.as_ref()),
        (r.kind == RelationKind::Leads).then_some(Value::Boolean(r.acting)),
        some_text(r.over.as_ref()),
        some_text(r.position),
        Some(Value::Text(sign.to_string())),
        Some(Value::Boolean(r.kind.is_symmetric())),
    ]
}

/// A stable id for a relation: `r` and its place in the file (`r0` is the
/// first relation), the same in every format and every export of one file.
pub fn edge_id(edge: EdgeIndex) -> String {
    format!("r{}", edge.index())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::bundled;

    #[test]
    fn leads_carries_role_and_acting_and_dispute_carries_over() {
        let graph = bundled();
        let find = |kind: RelationKind, from: &str| {
            graph
                .at(crate::graph::When::AllTime)
                .relations()
                .find(|e| graph.relation(*e).kind == kind && graph.relation(*e).from == from)
                .unwrap()
        };
        let mokhber = edge(&graph, find(RelationKind::Leads, "mohammad-mokhber"));
        assert_eq!(mokhber[5], Some(Value::Text("President".into())));
        assert_eq!(mokhber[6], Some(Value::Boolean(true)));
        assert_eq!(mokhber[1], Some(Value::Text("2024-05-19".into())));
        assert_eq!(mokhber[2], Some(Value::Text("2024-07-28".into())));
        let kashmir = edge(&graph, find(RelationKind::Dispute, "IND"));
        assert_eq!(kashmir[7], Some(Value::Text("kashmir".into())));
        assert_eq!(kashmir[9], Some(Value::Text("negative".into())));
        assert_eq!(kashmir[10], Some(Value::Boolean(true)));
        assert_eq!(kashmir[6], None, "acting is only given on leads");
    }

    #[test]
    fn no_attribute_takes_a_name_the_formats_reserve() {
        // Node-link JSON keys endpoints and edges by these; GEXF and
        // Gephi by `label`; the node's id is its own id everywhere.
        for attr in EDGE {
            assert!(!["source", "target", "key", "id", "label"].contains(&attr.name));
        }
        for attr in NODE {
            assert!(!["id", "label"].contains(&attr.name));
        }
    }

    #[test]
    fn countries_carry_their_statehood_as_one_text() {
        let graph = DiploGraph::parse(
            "g",
            r#"(version: 1, checked: "2024-07-04", entities: [
                country(id: "DEU", name: "Germany", statehood: [(since: "1816-01-01", until: "1945-05-09"), (since: "1955-05-05")]),
                country(id: "FRA", name: "France"),
            ])"#,
        )
        .unwrap();
        let deu = node(&graph, graph.resolve("DEU").unwrap());
        assert_eq!(
            deu[10],
            Some(Value::Text("1816-01-01/1945-05-09;1955-05-05/".into()))
        );
        assert_eq!(node(&graph, graph.resolve("FRA").unwrap())[10], None);
    }

    #[test]
    fn events_carry_place_and_dates() {
        let graph = bundled();
        let astana = node(&graph, graph.resolve("sco-2024-astana").unwrap());
        assert_eq!(astana[4], Some(Value::Text("Astana, Kazakhstan".into())));
        assert_eq!(astana[5], Some(Value::Text("2024-07-03".into())));
        assert_eq!(astana[6], Some(Value::Text("2024-07-04".into())));
    }
}
