//! The file's field tables, read off the serde types themselves.
//!
//! The fast reader ([`crate::store::snapshot::fast`]) must accept exactly
//! the fields the schema accepts, kind by kind; a hand-kept copy of that
//! table would drift the day someone adds a field. serde already knows it:
//! every derived `Deserialize` passes its variant names to
//! `deserialize_enum` and its field names to `deserialize_struct`. A
//! deserializer that only listens for those two calls reads them out, so
//! the table is derived from [`RelationRecord`] and [`EntityRecord`] and
//! cannot disagree with them.

use std::sync::OnceLock;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Visitor};

use super::{EntityRecord, RelationRecord};

/// The variant names of a tagged enum of the schema and, for each, the
/// fields of the struct it wraps.
#[derive(Debug)]
pub struct Table {
    /// Variant names in declaration order (the kinds as the file spells
    /// them).
    pub variants: &'static [&'static str],
    /// `fields[i]`: every field variant `i` accepts, in declaration order.
    pub fields: Vec<&'static [&'static str]>,
}

impl Table {
    /// The fields of the variant called `kind`, if it is one.
    pub fn fields_of(&self, kind: &str) -> Option<&'static [&'static str]> {
        let i = self.variants.iter().position(|v| *v == kind)?;
        Some(self.fields[i])
    }
}

/// The relation kinds of the file and the fields of each.
///
/// ```
/// let table = diplograph::schema::fields::relations();
/// assert!(table.fields_of("leads").unwrap().contains(&"role"));
/// assert!(!table.fields_of("member").unwrap().contains(&"role"));
/// ```
pub fn relations() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(table::<RelationRecord>)
}

/// The entity kinds of the file and the fields of each.
///
/// ```
/// let table = diplograph::schema::fields::entities();
/// assert!(table.fields_of("event").unwrap().contains(&"place"));
/// assert!(!table.fields_of("country").unwrap().contains(&"place"));
/// ```
pub fn entities() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(table::<EntityRecord>)
}

fn table<T: for<'de> Deserialize<'de>>() -> Table {
    let variants = match T::deserialize(Listen { variant: None }) {
        Err(Heard::Variants(v)) => v,
        _ => &[],
    };
    let fields = (0..variants.len())
        .map(|i| match T::deserialize(Listen { variant: Some(i) }) {
            Err(Heard::Fields(f)) => f,
            _ => &[],
        })
        .collect();
    Table { variants, fields }
}

/// What the listener heard; carried out through serde's error type.
#[derive(Debug)]
enum Heard {
    Variants(&'static [&'static str]),
    Fields(&'static [&'static str]),
    /// Anything else: the type is not an enum of structs.
    Other,
}

impl std::fmt::Display for Heard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for Heard {}

impl de::Error for Heard {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Heard::Other
    }
}

/// A deserializer that answers nothing: asked for an enum it reports the
/// variants (or, given a variant number, descends into that variant); asked
/// for a struct it reports the fields.
struct Listen {
    variant: Option<usize>,
}

impl<'de> de::Deserializer<'de> for Listen {
    type Error = Heard;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Heard> {
        Err(Heard::Other)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Heard> {
        match self.variant {
            None => Err(Heard::Variants(variants)),
            Some(i) => visitor.visit_enum(Variant(i)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Heard> {
        Err(Heard::Fields(fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map identifier ignored_any
    }
}

/// Variant number `.0` of an enum being listened to.
struct Variant(usize);

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Heard;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Heard> {
        let index = u32::try_from(self.0).map_err(|_| Heard::Other)?;
        let value = seed.deserialize(de::value::U32Deserializer::<Heard>::new(index))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant {
    type Error = Heard;

    fn unit_variant(self) -> Result<(), Heard> {
        Err(Heard::Fields(&[]))
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Heard> {
        seed.deserialize(Listen { variant: None })
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Heard> {
        Err(Heard::Fields(&[]))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Heard> {
        Err(Heard::Fields(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityKind, RelationKind};

    #[test]
    fn the_schema_names_the_model_kinds_in_the_same_order() {
        let names: Vec<&str> = RelationKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(relations().variants, names.as_slice());
        let names: Vec<&str> = EntityKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(entities().variants, names.as_slice());
    }

    #[test]
    fn every_kind_has_the_common_fields_and_only_its_own_extras() {
        let common = ["from", "to", "since", "until", "source", "note"];
        for (kind, fields) in relations().variants.iter().zip(&relations().fields) {
            for field in common {
                assert!(fields.contains(&field), "{kind} lacks {field}");
            }
            let extras: Vec<&str> = fields
                .iter()
                .copied()
                .filter(|f| !common.contains(f))
                .collect();
            let expected: &[&str] = match *kind {
                "leads" | "serves" => &["role", "acting"],
                "dispute" | "conflict" => &["over"],
                "stance" | "vote" => &["position"],
                "alliance" => &["type"],
                _ => &[],
            };
            assert_eq!(extras, expected, "{kind}");
        }
        assert_eq!(
            entities().fields_of("event").unwrap(),
            &["id", "name", "aliases", "place", "start", "end", "note"]
        );
        assert_eq!(
            entities().fields_of("country").unwrap(),
            &["id", "name", "aliases", "codes", "statehood", "note"]
        );
        assert_eq!(
            entities().fields_of("roll_call").unwrap(),
            &[
                "id",
                "name",
                "aliases",
                "date",
                "session",
                "resolution",
                "important",
                "amendment",
                "paragraph",
                "note"
            ]
        );
        assert_eq!(
            entities().fields_of("organization").unwrap(),
            &[
                "id",
                "name",
                "aliases",
                "founded",
                "dissolved",
                "universal",
                "note"
            ]
        );
        assert_eq!(
            entities().fields_of("issue").unwrap(),
            &["id", "name", "aliases", "note"]
        );
    }
}
