//! JSON for scripts. Field names are part of the interface and documented
//! in the README; absent optional values are `null`, never missing, so a
//! consumer can rely on every key being present.

mod analysis;
mod change;
mod series;
pub use analysis::*;
pub use change::*;
pub use series::series;

use petgraph::graph::{EdgeIndex, NodeIndex};
use serde_json::{Value, json};

use crate::graph::{DiploGraph, When};
use crate::query::balance::Balance;
use crate::query::cluster::Blocs;
use crate::query::lint::Warning;
use crate::query::report::Summit;
use crate::query::{Briefing, EntityDetail, Membership, Neighbor, Summary};

fn text(value: Option<impl ToString>) -> Value {
    value.map_or(Value::Null, |v| Value::String(v.to_string()))
}

fn when_value(when: When) -> Value {
    match when {
        When::On(day) => json!(day.to_string()),
        When::During { from, until } => json!(crate::date::period_name(from, until)),
        When::AllTime => Value::Null,
    }
}

/// One relation: `kind`, `from`, `to`, `since`, `until`, `source`, `note`,
/// `role`, `acting`, `over`, `position` (a stance's position or a vote's
/// ballot, as the file writes both), `type` (an alliance's type; `null` when
/// not recorded and on every other kind).
pub fn relation(graph: &DiploGraph, edge: EdgeIndex) -> Value {
    relation_value(graph.relation(edge), graph.validity(edge))
}

/// [`relation`] from a relation's model value and effective days: what a
/// listing of very many relations writes from a value it made for the
/// purpose and drops (`graph.snapshot().relation(j)`), so that they are
/// not all kept.
pub fn relation_value(r: &crate::model::Relation, v: crate::date::Validity) -> Value {
    json!({
        "kind": r.kind,
        "from": r.from,
        "to": r.to,
        "since": text(v.since),
        "until": text(v.until),
        "source": r.source,
        "note": r.note,
        "role": r.role,
        "acting": r.acting,
        "over": r.over,
        "position": r.position.map_or_else(|| json!(r.ballot), |p| json!(p)),
        "type": r.alliance,
    })
}

fn entity_head(graph: &DiploGraph, node: NodeIndex) -> serde_json::Map<String, Value> {
    let e = graph.entity(node);
    let mut map = serde_json::Map::new();
    map.insert("id".into(), json!(e.id));
    map.insert("name".into(), json!(e.name));
    map.insert("kind".into(), json!(e.kind));
    map.insert("aliases".into(), json!(e.aliases));
    map.insert("note".into(), json!(e.note));
    map
}

/// `codes`: `{ "entity", "name", "codes": {scheme: code}, "result" }`.
///
/// # Panics
/// Never: a lookup is strings, numbers and options, which always
/// serialize.
pub fn codes(found: &crate::codes::Lookup) -> String {
    pretty(&serde_json::to_value(found).expect("a lookup always serializes"))
}

fn pretty(value: &Value) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("JSON values always serialize");
    out.push('\n');
    out
}

/// `check`: `{ "ok": true, "checked", "entities": {kind: n}, "relations": {kind: n}, "sources": n }`.
pub fn check(graph: &DiploGraph, summary: &Summary, warnings: &[(String, Warning)]) -> String {
    let entities: serde_json::Map<String, Value> = summary
        .entities
        .iter()
        .map(|(k, n)| (k.name().to_string(), json!(n)))
        .collect();
    let relations: serde_json::Map<String, Value> = summary
        .relations
        .iter()
        .map(|(k, n)| (k.name().to_string(), json!(n)))
        .collect();
    pretty(&json!({
        "ok": true,
        "checked": summary.checked.to_string(),
        "entity_count": summary.entity_total(),
        "relation_count": summary.relation_total(),
        "entities": entities,
        "relations": relations,
        "sources": summary.sources,
        "warnings": warnings
            .iter()
            .map(|(at, w)| json!({
                "at": at,
                "rule": w.rule(),
                "message": crate::render::text::warning(graph, w),
            }))
            .collect::<Vec<_>>(),
    }))
}

/// `list`: an array of `{ "id", "name", "kind", "aliases", "note" }`.
pub fn list(graph: &DiploGraph, nodes: &[NodeIndex]) -> String {
    let items: Vec<Value> = nodes
        .iter()
        .map(|n| Value::Object(entity_head(graph, *n)))
        .collect();
    pretty(&Value::Array(items))
}

/// A country's statehood spells: `[{ "since", "until", "source" }, …]`,
/// `until` the first day it was no longer a state (exclusive), `null` for
/// an open end; `[]` when not recorded.
fn statehood(spells: &[crate::model::Spell]) -> Value {
    Value::Array(
        spells
            .iter()
            .map(|s| json!({ "since": text(s.since), "until": text(s.until), "source": s.source }))
            .collect(),
    )
}

/// `show`: `{ "id", "name", "kind", "aliases", "note", "event", "codes", "statehood",
/// "organization", "roll_call", "as_of", "relations": [...], "about": [...], "recorded",
/// "exists" }` — `roll_call` a roll call's `date`, `session`, `resolution`
/// and marks `important`, `amendment`, `paragraph` (`null`: not recorded;
/// the object `null` for other kinds),
/// `statehood` a country's spells (`[]`: not recorded; `null` for other
/// kinds), `about` the disputes and conflicts over the entity, `recorded`
/// how many relations touch it or are about it at any time, `exists`
/// whether it existed then (false for an organization before its founding
/// or after its dissolution, and for a state outside its statehood).
pub fn show(graph: &DiploGraph, detail: &EntityDetail<'_>, when: When) -> String {
    let e = graph.entity(detail.node);
    let mut map = entity_head(graph, detail.node);
    map.insert(
        "event".into(),
        e.event.as_ref().map_or(
            Value::Null,
            |ev| json!({ "place": ev.place, "start": text(ev.start), "end": text(ev.end) }),
        ),
    );
    map.insert(
        "codes".into(),
        e.country
            .as_ref()
            .map_or(Value::Null, |c| json!({ "cow": c.cow, "gw": c.gw })),
    );
    map.insert(
        "statehood".into(),
        e.country
            .as_ref()
            .map_or(Value::Null, |c| statehood(&c.statehood)),
    );
    map.insert(
        "organization".into(),
        e.organization.as_ref().map_or(Value::Null, |org| {
            json!({
                "founded": text(org.founded),
                "dissolved": text(org.dissolved),
                "universal": org.universal,
            })
        }),
    );
    map.insert(
        "roll_call".into(),
        e.roll_call.as_ref().map_or(Value::Null, |rc| {
            json!({
                "date": text(rc.date),
                "session": rc.session,
                "resolution": rc.resolution,
                "important": rc.important,
                "amendment": rc.amendment,
                "paragraph": rc.paragraph,
            })
        }),
    );
    map.insert("as_of".into(), when_value(when));
    map.insert(
        "relations".into(),
        Value::Array(
            detail
                .relations
                .iter()
                .map(|i| relation(graph, i.edge))
                .collect(),
        ),
    );
    map.insert(
        "about".into(),
        Value::Array(
            detail
                .about
                .iter()
                .map(|i| relation(graph, i.edge))
                .collect(),
        ),
    );
    map.insert("recorded".into(), json!(detail.recorded));
    map.insert(
        "exists".into(),
        json!(detail.existence == crate::graph::Existence::Exists),
    );
    pretty(&Value::Object(map))
}

/// `neighbors`: an array of `{ "id", "name", "kind", "aliases", "note", "relations": [...] }`.
pub fn neighbors(graph: &DiploGraph, found: &[Neighbor<'_>]) -> String {
    let items: Vec<Value> = found
        .iter()
        .map(|n| {
            let mut map = entity_head(graph, n.node);
            map.insert(
                "relations".into(),
                Value::Array(n.via.iter().map(|i| relation(graph, i.edge)).collect()),
            );
            Value::Object(map)
        })
        .collect();
    pretty(&Value::Array(items))
}

fn membership(graph: &DiploGraph, m: &Membership) -> Value {
    let e = graph.entity(m.node);
    json!({
        "id": e.id,
        "name": e.name,
        "status": m.status,
        "since": text(m.validity.since),
        "until": text(m.validity.until),
        "source": m.source,
        "note": graph.relation(m.edge).note,
    })
}

/// `members`: an array of `{ "id", "name", "status", "since", "until", "source", "note" }`
/// (`note` is the membership's).
pub fn members(graph: &DiploGraph, found: &[Membership]) -> String {
    pretty(&Value::Array(
        found.iter().map(|m| membership(graph, m)).collect(),
    ))
}

/// `report`: every section of the briefing. Long lists hold at most
/// [`REPORT_ITEMS`] entries, each with an `*_omitted` count beside it (0
/// when nothing was left out).
pub fn report(graph: &DiploGraph, briefing: &Briefing) -> String {
    let items = briefing.items;
    let id = |n: NodeIndex| json!(graph.entity(n).id);
    let relations =
        |edges: &[EdgeIndex]| -> Vec<Value> { edges.iter().map(|e| relation(graph, *e)).collect() };
    let organizations: Vec<Value> = briefing
        .organizations
        .iter()
        .map(|s| {
            json!({
                "id": graph.entity(s.node).id,
                "name": graph.entity(s.node).name,
                "note": graph.entity(s.node).note,
                "heads": relations(&s.heads),
                "memberships": s.memberships.iter().take(items).map(|m| membership(graph, m)).collect::<Vec<_>>(),
                "memberships_omitted": s.memberships.len().saturating_sub(items),
            })
        })
        .collect();
    let leaders: Vec<Value> = briefing
        .leaders
        .iter()
        .take(items)
        .map(|o| relation(graph, o.edge))
        .collect();
    let stances: Vec<Value> = briefing
        .stances
        .iter()
        .map(|(issue, edges)| {
            json!({
                "issue": id(*issue),
                "stances": relations(&edges[..edges.len().min(items)]),
                "stances_omitted": edges.len().saturating_sub(items),
            })
        })
        .collect();
    let summits: Vec<Value> = briefing
        .summits
        .iter()
        .map(|s| report_summit(graph, s, items))
        .collect();
    let alignments: Vec<Value> = briefing
        .alignments
        .iter()
        .map(|al| json!({ "a": id(al.a), "b": id(al.b), "s_score": al.scores.s_score, "kappa": al.scores.kappa }))
        .collect();
    let blocs = report_blocs(graph, &briefing.blocs, items);
    let balance = report_balance(graph, &briefing.balance);
    let brokers: Vec<Value> = briefing
        .brokers
        .iter()
        .map(|s| json!({ "id": id(s.node), "score": s.score }))
        .collect();
    pretty(&json!({
        "as_of": when_value(briefing.when),
        "alignments": alignments,
        "blocs": blocs,
        "balance": balance,
        "alignment_states": briefing.alignment_states,
        "brokers": brokers,
        "brokers_estimate": briefing.brokers_estimate.map(|e| json!({
            "method": crate::query::centrality::ESTIMATE_METHOD,
            "pivots": e.pivots,
            "error_bound": e.error_bound,
            "confidence": 1.0 - crate::query::centrality::CONFIDENCE_DELTA,
        })),
        "organizations": organizations,
        "organizations_omitted": briefing.organizations_total - briefing.organizations.len(),
        "leaders": leaders,
        "leaders_omitted": briefing.leaders.len().saturating_sub(items),
        "leaders_not_recorded": briefing.leaderless.iter().map(|n| json!(graph.entity(*n).id)).collect::<Vec<_>>(),
        "organizations_without_memberships": briefing.unrecorded_organizations.iter().map(|n| json!(graph.entity(*n).id)).collect::<Vec<_>>(),
        "tensions": relations(&briefing.tensions[..briefing.tensions.len().min(items)]),
        "tensions_omitted": briefing.tensions.len().saturating_sub(items),
        "ties": relations(&briefing.ties[..briefing.ties.len().min(items)]),
        "ties_omitted": briefing.ties.len().saturating_sub(items),
        "stances": stances,
        "stances_omitted": briefing.stances_total - briefing.stances.len(),
        "summits": summits,
        "summits_omitted": briefing.summits_total - briefing.summits.len(),
    }))
}

/// One summit of the briefing: the event, its hosts, and at most
/// `items` attendees with an `attendees_omitted` count (`attendances`
/// holds their `attends` relations, notes included, in the same order).
fn report_summit(graph: &DiploGraph, s: &Summit, items: usize) -> Value {
    let id = |n: NodeIndex| json!(graph.entity(n).id);
    let e = graph.entity(s.node);
    let ev = e.event.clone().unwrap_or_default();
    json!({
        "id": e.id,
        "name": e.name,
        "place": ev.place,
        "start": text(ev.start),
        "end": text(ev.end),
        "hosts": s.hosts.iter().map(|n| id(*n)).collect::<Vec<_>>(),
        "attendees": s.attendees.iter().take(items).map(|edge| json!(graph.relation(*edge).from)).collect::<Vec<_>>(),
        "attendances": s.attendees.iter().take(items).map(|edge| relation(graph, *edge)).collect::<Vec<_>>(),
        "attendees_omitted": s.attendees.len().saturating_sub(items),
        "capacities": s.capacities.iter().take(items).map(|office| office.map(|o| relation(graph, o))).collect::<Vec<_>>(),
        "sessions": s.sessions.iter().map(|session| report_summit(graph, session, items)).collect::<Vec<_>>(),
        "note": e.note,
    })
}

/// The briefing's signed blocs, the broken ties capped at `items`.
fn report_blocs(graph: &DiploGraph, blocs: &Blocs, items: usize) -> Value {
    let id = |n: NodeIndex| json!(graph.entity(n).id);
    let pair = |x: &NodeIndex, y: &NodeIndex| json!([graph.entity(*x).id, graph.entity(*y).id]);
    json!({
        "k": blocs.k,
        "error": blocs.error,
        "groups": blocs.groups.iter().map(|g| g.iter().map(|n| id(*n)).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "negative_inside": blocs.negative_inside.iter().take(items).map(|(x, y)| pair(x, y)).collect::<Vec<_>>(),
        "negative_inside_omitted": blocs.negative_inside.len().saturating_sub(items),
        "positive_between": blocs.positive_between.iter().take(items).map(|(x, y)| pair(x, y)).collect::<Vec<_>>(),
        "positive_between_omitted": blocs.positive_between.len().saturating_sub(items),
        "budgeted": blocs.budgeted,
    })
}

/// The briefing's structural balance: the counts and the listed triangles.
fn report_balance(graph: &DiploGraph, balance: &Balance) -> Value {
    let id = |n: NodeIndex| json!(graph.entity(n).id);
    json!({
        "triangles": balance.triangles,
        "balanced": balance.balanced,
        "unbalanced": balance.unbalanced.iter().map(|t| t.states.iter().map(|n| id(*n)).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "unbalanced_count": balance.unbalanced_count,
        "frustration": balance.frustration,
        "frustration_lower": balance.frustration_lower,
        "exact": balance.exact,
        "method": balance.method,
    })
}
