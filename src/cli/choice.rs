//! The library's kinds as command-line choices.
//!
//! The library knows nothing of clap; its kinds carry their names and a
//! derived list of every variant ([`EntityKind::ALL`], …). Here those are
//! turned into clap's `ValueEnum`, so `--via`, `--kind`, `--position` and
//! the rest offer exactly the kinds the library has, spelt as the file
//! spells them, and a new kind is a new choice without anyone touching the
//! CLI.

use clap::ValueEnum;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use crate::model::{AllianceType, Ballot, EntityKind, Position, RelationKind};

/// Implements `ValueEnum` for a library enum with `ALL` and `name()`.
macro_rules! choice {
    ($($kind:ty),*) => {$(
        impl ValueEnum for $kind {
            fn value_variants<'a>() -> &'a [Self] {
                <$kind>::ALL
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(PossibleValue::new(self.name()))
            }
        }
    )*};
}

choice!(EntityKind, RelationKind, Position, AllianceType);

/// What `--position` names: a stance's position or a vote's ballot (the
/// file calls both `position`; the relation's kind says which applies).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionArg {
    /// `supports`, `opposes`, `neutral`.
    Stance(Position),
    /// `yes`, `no`, `abstain`.
    Ballot(Ballot),
}

/// The parser of `--position`: every position and every ballot.
///
/// # Panics
/// As [`membership_status`]: clap only hands the parser the names listed.
pub fn position() -> impl TypedValueParser<Value = PositionArg> {
    let names = Position::ALL
        .iter()
        .map(|p| p.name())
        .chain(Ballot::ALL.iter().map(|b| b.name()))
        .map(PossibleValue::new);
    PossibleValuesParser::new(names).map(|name: String| {
        Position::from_name(&name)
            .map(PositionArg::Stance)
            .or(Ballot::from_name(&name).map(PositionArg::Ballot))
            .expect("clap admits only the listed positions")
    })
}

/// The membership statuses (`member`, `observer`, `dialogue_partner`, and
/// whatever status a later kind adds) as choices, for `members --status`.
///
/// # Panics
/// The parser it returns would panic if clap handed it a name it was not
/// given; clap only admits the possible values listed here, so it cannot.
pub fn membership_status() -> impl TypedValueParser<Value = RelationKind> {
    let statuses = RelationKind::ALL.iter().filter(|k| k.is_membership());
    let names = PossibleValuesParser::new(statuses.map(|k| PossibleValue::new(k.name())));
    TypedValueParser::map(names, |name: String| {
        RelationKind::from_name(&name).expect("clap admits only the names it was given")
    })
}

/// The code schemes of `codes --from`/`--to`, spelt as
/// [`crate::codes::Scheme::name`] spells them.
///
/// # Panics
/// As [`membership_status`]: clap only hands the parser the names listed.
pub fn scheme() -> impl TypedValueParser<Value = crate::codes::Scheme> {
    let names = crate::codes::Scheme::ALL
        .iter()
        .map(|s| PossibleValue::new(s.name()));
    PossibleValuesParser::new(names).map(|name| {
        name.parse::<crate::codes::Scheme>()
            .expect("clap admits only the listed schemes")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_a_choice_under_its_file_name() {
        for kind in RelationKind::ALL {
            assert_eq!(
                <RelationKind as ValueEnum>::from_str(kind.name(), false),
                Ok(*kind)
            );
        }
        for kind in EntityKind::ALL {
            assert_eq!(
                <EntityKind as ValueEnum>::from_str(kind.name(), false),
                Ok(*kind)
            );
        }
        assert_eq!(
            Position::value_variants().len(),
            Position::ALL.len(),
            "positions"
        );
        assert!(<RelationKind as ValueEnum>::from_str("Member", false).is_err());
    }
}
