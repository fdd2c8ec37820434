//! The values a query computes: Cypher's types, with dates as the file
//! writes them (to year, month or day), and entities and relations as
//! handles into the graph.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::date::PartialDate;

/// One value of a query: what an expression computes and a result cell
/// holds.
#[derive(Clone, Debug)]
pub enum Value {
    /// Nothing recorded (a missing property, an `OPTIONAL MATCH` that
    /// matched nothing): printed "not recorded" in text.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Integer(i64),
    /// A floating-point number.
    Float(f64),
    /// Text.
    String(String),
    /// A date, at the precision it was written (`2024`, `2024-07`,
    /// `2024-07-04`): compared by its first day.
    Date(PartialDate),
    /// A list.
    List(Vec<Value>),
    /// A map, keys in the order written.
    Map(Vec<(String, Value)>),
    /// An entity.
    Node(NodeIndex),
    /// A relation.
    Relationship(EdgeIndex),
    /// A path: `nodes.len() == relationships.len() + 1`.
    Path(Path),
}

/// A walk through the graph: nodes and the relations between them, in
/// order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Path {
    /// The entities, from the first to the last.
    pub nodes: Vec<NodeIndex>,
    /// `relationships[i]` joins `nodes[i]` and `nodes[i + 1]`.
    pub relationships: Vec<EdgeIndex>,
}

impl Value {
    /// A JSON value as a query value (numbers integral when they fit an
    /// `i64`, objects as maps in their order); `None` for a number JSON
    /// holds but a float cannot.
    pub fn from_json(json: &serde_json::Value) -> Option<Value> {
        use serde_json::Value as J;
        Some(match json {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => Value::Float(n.as_f64()?),
            },
            J::String(s) => Value::String(s.clone()),
            J::Array(items) => {
                Value::List(items.iter().map(Value::from_json).collect::<Option<_>>()?)
            }
            J::Object(entries) => Value::Map(
                entries
                    .iter()
                    .map(|(k, v)| Some((k.clone(), Value::from_json(v)?)))
                    .collect::<Option<_>>()?,
            ),
        })
    }

    /// The name of the value's type in messages: "a string", "a node".
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a float",
            Value::String(_) => "a string",
            Value::Date(_) => "a date",
            Value::List(_) => "a list",
            Value::Map(_) => "a map",
            Value::Node(_) => "a node",
            Value::Relationship(_) => "a relationship",
            Value::Path(_) => "a path",
        }
    }

    /// Whether this is null.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Cypher's equality: `Some(true|false)`, or `None` (null) when either
    /// side is null or a list holds a null that decides. Numbers compare
    /// across integer and float; values of different types are unequal.
    ///
    /// ```
    /// use diplograph::query::cypher::value::Value;
    /// assert_eq!(Value::Integer(1).equals(&Value::Float(1.0)), Some(true));
    /// assert_eq!(Value::Integer(1).equals(&Value::Null), None);
    /// assert_eq!(Value::String("1".into()).equals(&Value::Integer(1)), Some(false));
    /// ```
    pub fn equals(&self, other: &Value) -> Option<bool> {
        match (self, other) {
            (Value::Null, _) | (_, Value::Null) => None,
            (Value::List(a), Value::List(b)) => {
                if a.len() != b.len() {
                    return Some(false);
                }
                let mut unknown = false;
                for (x, y) in a.iter().zip(b) {
                    match x.equals(y) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                if unknown { None } else { Some(true) }
            }
            (Value::Map(a), Value::Map(b)) => {
                if a.len() != b.len() {
                    return Some(false);
                }
                let mut unknown = false;
                for (k, x) in a {
                    let Some((_, y)) = b.iter().find(|(key, _)| key == k) else {
                        return Some(false);
                    };
                    match x.equals(y) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                if unknown { None } else { Some(true) }
            }
            _ => match self.compare(other) {
                Some(ordering) => Some(ordering == Ordering::Equal),
                None => Some(false),
            },
        }
    }

    /// Cypher's ordering comparison (`<`, `>=`, …): defined between two
    /// numbers, two strings, two booleans, two dates, or two lists
    /// (element by element); `None` (null) otherwise.
    ///
    /// ```
    /// use diplograph::query::cypher::value::Value;
    /// use std::cmp::Ordering;
    /// let d = |t: &str| Value::Date(t.parse().unwrap());
    /// assert_eq!(d("2017-06-09").compare(&d("2017")), Some(Ordering::Greater));
    /// assert_eq!(Value::Integer(2).compare(&Value::String("a".into())), None);
    /// ```
    pub fn compare(&self, other: &Value) -> Option<Ordering> {
        match (self, other) {
            (Value::Integer(a), Value::Integer(b)) => Some(a.cmp(b)),
            (Value::Integer(a), Value::Float(b)) => (*a as f64).partial_cmp(b),
            (Value::Float(a), Value::Integer(b)) => a.partial_cmp(&(*b as f64)),
            (Value::Float(a), Value::Float(b)) => a.partial_cmp(b),
            (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
            (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
            (Value::Date(a), Value::Date(b)) => Some(a.first_day().cmp(&b.first_day())),
            (Value::List(a), Value::List(b)) => {
                for (x, y) in a.iter().zip(b) {
                    match x.compare(y)? {
                        Ordering::Equal => {}
                        other => return Some(other),
                    }
                }
                Some(a.len().cmp(&b.len()))
            }
            (Value::Node(a), Value::Node(b)) => (a == b).then_some(Ordering::Equal),
            (Value::Relationship(a), Value::Relationship(b)) => (a == b).then_some(Ordering::Equal),
            (Value::Path(a), Value::Path(b)) => (a == b).then_some(Ordering::Equal),
            _ => None,
        }
    }

    /// The total order `ORDER BY` sorts by: values of one type by
    /// [`Self::compare`], types in Cypher's order (maps, nodes,
    /// relationships, lists, paths, dates, strings, booleans, numbers),
    /// null last; NaN after every other number.
    pub fn sort_cmp(&self, other: &Value) -> Ordering {
        let rank = |v: &Value| match v {
            Value::Map(_) => 0,
            Value::Node(_) => 1,
            Value::Relationship(_) => 2,
            Value::List(_) => 3,
            Value::Path(_) => 4,
            Value::Date(_) => 5,
            Value::String(_) => 6,
            Value::Bool(_) => 7,
            Value::Integer(_) | Value::Float(_) => 8,
            Value::Null => 9,
        };
        match rank(self).cmp(&rank(other)) {
            Ordering::Equal => {}
            unequal => return unequal,
        }
        match (self, other) {
            (Value::Node(a), Value::Node(b)) => a.cmp(b),
            (Value::Relationship(a), Value::Relationship(b)) => a.cmp(b),
            (Value::Path(a), Value::Path(b)) => a
                .nodes
                .cmp(&b.nodes)
                .then_with(|| a.relationships.cmp(&b.relationships)),
            (Value::List(a), Value::List(b)) => a
                .iter()
                .zip(b)
                .map(|(x, y)| x.sort_cmp(y))
                .find(|o| o.is_ne())
                .unwrap_or_else(|| a.len().cmp(&b.len())),
            (Value::Map(a), Value::Map(b)) => a
                .iter()
                .zip(b)
                .map(|((ka, va), (kb, vb))| ka.cmp(kb).then_with(|| va.sort_cmp(vb)))
                .find(|o| o.is_ne())
                .unwrap_or_else(|| a.len().cmp(&b.len())),
            (a, b) => a.compare(b).unwrap_or_else(|| {
                // Only NaN is left: after every number, equal to itself.
                let nan = |v: &Value| matches!(v, Value::Float(f) if f.is_nan());
                nan(a).cmp(&nan(b))
            }),
        }
    }
}

/// Values as grouping keys and `DISTINCT` see them: equal when Cypher
/// calls them equal, null equal to null, `1` equal to `1.0`.
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        self.sort_cmp(other) == Ordering::Equal
    }
}

impl Eq for Value {}

impl Hash for Value {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            Value::Null => 0u8.hash(state),
            Value::Bool(b) => (1u8, b).hash(state),
            // An integral float hashes as the integer it equals.
            Value::Integer(i) => (2u8, *i).hash(state),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
                (2u8, *f as i64).hash(state);
            }
            Value::Float(f) => (3u8, f.to_bits()).hash(state),
            Value::String(s) => (4u8, s).hash(state),
            Value::Date(d) => (5u8, d.first_day()).hash(state),
            Value::List(items) => {
                6u8.hash(state);
                items.hash(state);
            }
            Value::Map(entries) => {
                7u8.hash(state);
                entries.hash(state);
            }
            Value::Node(n) => (8u8, n).hash(state),
            Value::Relationship(r) => (9u8, r).hash(state),
            Value::Path(p) => (10u8, p).hash(state),
        }
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::String(text.to_string())
    }
}

impl From<Option<&str>> for Value {
    fn from(text: Option<&str>) -> Value {
        text.map_or(Value::Null, Value::from)
    }
}

impl From<Option<PartialDate>> for Value {
    fn from(date: Option<PartialDate>) -> Value {
        date.map_or(Value::Null, Value::Date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equality_is_three_valued_and_numbers_cross_types() {
        assert_eq!(Value::Float(2.0).equals(&Value::Integer(2)), Some(true));
        assert_eq!(
            Value::List(vec![Value::Integer(1), Value::Null])
                .equals(&Value::List(vec![Value::Integer(2), Value::Null])),
            Some(false)
        );
        assert_eq!(
            Value::List(vec![Value::Integer(1), Value::Null])
                .equals(&Value::List(vec![Value::Integer(1), Value::Null])),
            None
        );
    }

    #[test]
    fn sorting_puts_null_last_and_groups_types() {
        let mut values = [
            Value::Null,
            Value::Integer(3),
            Value::String("b".into()),
            Value::Float(1.5),
            Value::String("a".into()),
        ];
        values.sort_by(Value::sort_cmp);
        assert_eq!(
            values,
            [
                Value::String("a".into()),
                Value::String("b".into()),
                Value::Float(1.5),
                Value::Integer(3),
                Value::Null,
            ]
        );
    }

    #[test]
    fn equal_keys_hash_alike() {
        use std::collections::HashSet;
        let set: HashSet<Value> = [
            Value::Integer(1),
            Value::Float(1.0),
            Value::Null,
            Value::Null,
        ]
        .into_iter()
        .collect();
        assert_eq!(set.len(), 2);
    }
}
