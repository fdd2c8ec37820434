//! `codes`: a country code as of a day, matched to the database.
//!
//! [`crate::codes`] knows the published lists and nothing of the
//! database; this adds the entity that stands for the state in the loaded
//! graph (a country whose id is the state's latest ISO alpha-3, else its
//! COW letter code) and the code asked for.

use jiff::civil::Date;

use petgraph::graph::NodeIndex;

use crate::codes::{Code, Lookup, Scheme};
use crate::error::Error;
use crate::graph::DiploGraph;
use crate::model::EntityKind;

/// The state `code` names in `from` on `day`, its entity in `graph`, its
/// codes in every scheme, and its code in `to` if asked.
///
/// ```
/// use diplograph::codes::{Code, Scheme};
/// use diplograph::graph::DiploGraph;
/// use diplograph::store::Origin;
/// let graph = DiploGraph::load(&Origin::Bundled)?;
/// let day = jiff::civil::date(2000, 1, 1);
/// let found = diplograph::query::codes::lookup(&graph, Scheme::Cow, "365", Some(Scheme::Iso3), day)?;
/// assert_eq!(found.entity.as_deref(), Some("RUS"));
/// assert_eq!(found.result, Some(Code::Text("RUS".into())));
/// # Ok::<(), diplograph::error::Error>(())
/// ```
pub fn lookup(
    graph: &DiploGraph,
    from: Scheme,
    code: &str,
    to: Option<Scheme>,
    day: Date,
) -> Result<Lookup, Error> {
    let state = crate::codes::lookup(from, code, day)?;
    let entity = state
        .id()
        .and_then(|id| graph.node(id))
        .filter(|&node| graph.entity_kind(node) == EntityKind::Country)
        .map(|node| graph.entity(node).id.clone());
    Ok(Lookup::new(&state, entity, to, day)?)
}

/// The code of `state` (a country of `graph`) in `scheme` on `day`, if it
/// had one: the state is found by its COW number, else its
/// Gleditsch–Ward number, else its id as an ISO alpha-3 or COW letter
/// code, as the published lists know it that day. `None` when none of
/// them names a state that day or the state has no code in `scheme`.
///
/// ```
/// use diplograph::codes::{Code, Scheme};
/// use diplograph::graph::DiploGraph;
/// let graph = DiploGraph::load(&diplograph::store::Origin::Bundled)?;
/// let rus = graph.node("RUS").unwrap();
/// let day = jiff::civil::date(2010, 1, 1);
/// assert_eq!(diplograph::query::codes::code_of(&graph, rus, Scheme::Cow, day), Some(Code::Number(365)));
/// # Ok::<(), diplograph::error::Error>(())
/// ```
pub fn code_of(graph: &DiploGraph, state: NodeIndex, scheme: Scheme, day: Date) -> Option<Code> {
    let entity = graph.entity(state);
    let numbers = entity.country.as_ref();
    let by_number = [
        (Scheme::Cow, numbers.and_then(|c| c.cow)),
        (Scheme::Gw, numbers.and_then(|c| c.gw)),
    ];
    by_number
        .into_iter()
        .filter_map(|(s, n)| Some((s, n?.to_string())))
        .chain([Scheme::Iso3, Scheme::CowAbb].map(|s| (s, entity.id.clone())))
        .find_map(|(s, code)| crate::codes::lookup(s, &code, day).ok())
        .and_then(|identity| identity.code(scheme))
}
