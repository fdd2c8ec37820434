//! `codes`: a country code as of a day, matched to the database.
//!
//! [`crate::codes`] knows the published lists and nothing of the
//! database; this adds the entity that stands for the state in the loaded
//! graph (a country whose id is the state's latest ISO alpha-3, else its
//! COW letter code) and the code asked for.

use jiff::civil::Date;

use crate::codes::{Lookup, Scheme};
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
