//! JSON for the analysis commands.

use petgraph::graph::{EdgeIndex, NodeIndex};
use serde_json::{Value, json};

use super::{pretty, relation};
use crate::graph::DiploGraph;
use crate::model::RelationKind;
use crate::query::align::{Alignment, Comparison, Measure as AlignMeasure, Scores};
use crate::query::balance::Balance;
use crate::query::centrality::{
    CONFIDENCE_DELTA, Centrality, ESTIMATE_METHOD, SIGNED_ENDS, signed_kinds,
};
use crate::query::cluster::Clusters;
use crate::query::path::Path;
use crate::render::Caps;

fn ids(graph: &DiploGraph, nodes: &[NodeIndex]) -> Vec<String> {
    nodes.iter().map(|n| graph.entity(*n).id.clone()).collect()
}

/// `path`: `[{ "hops", "cost", "truncated", "nodes": [ids], "entities":
/// [{ "id", "name", "kind", "note" }], "relations": [kinds], "forward":
/// [bool], "steps": [relation] }]`. `cost` is the path's total cost with
/// `--weighted` (else `null`); `truncated`, the same on every item, says
/// whether `--all` stopped at its limit with more paths unlisted.
pub fn paths(graph: &DiploGraph, found: &[Path], truncated: bool, cost: Option<u64>) -> String {
    let items: Vec<Value> = found
        .iter()
        .map(|p| {
            json!({
                "hops": p.len(),
                "cost": cost,
                "truncated": truncated,
                "nodes": ids(graph, &p.nodes),
                "entities": p.nodes.iter().map(|n| {
                    let e = graph.entity(*n);
                    json!({ "id": e.id, "name": e.name, "kind": e.kind, "note": e.note })
                }).collect::<Vec<_>>(),
                "relations": p.hops.iter().map(|h| graph.relation(h.edge).kind).collect::<Vec<_>>(),
                "forward": p.hops.iter().map(|h| h.forward).collect::<Vec<_>>(),
                "steps": p.hops.iter().map(|h| relation(graph, h.edge)).collect::<Vec<_>>(),
            })
        })
        .collect();
    pretty(&Value::Array(items))
}

fn pair_ids(graph: &DiploGraph, pairs: &[(NodeIndex, NodeIndex)]) -> Vec<[String; 2]> {
    pairs
        .iter()
        .map(|(a, b)| [graph.entity(*a).id.clone(), graph.entity(*b).id.clone()])
        .collect()
}

/// `clusters`: `[{ "method", "members": [ids], "size", "omitted_members",
/// "omitted_clusters", ... }]`, at most `caps.items` clusters of at most
/// `caps.members` ids: `size` is the whole cluster's, `omitted_members` the
/// ids left out of this one, `omitted_clusters` the clusters left out after
/// the array (the same on every item). Communities add the partition's
/// `modularity`; blocs add `k`, `alpha`, `error`, `starts`, `budgeted` and
/// the ties that break the partition touching this bloc (at most
/// `caps.items` of each, with `omitted_negative_inside` and
/// `omitted_positive_between`).
pub fn clusters(graph: &DiploGraph, found: &Clusters, caps: Caps) -> String {
    let shown = caps.items_of(found.groups.len());
    let omitted_clusters = found.groups.len() - shown;
    let items: Vec<Value> = found
        .groups
        .iter()
        .take(shown)
        .map(|group| {
            let listed = caps.members_of(group.len());
            let mut item = json!({
                "method": found.method.name(),
                "members": ids(graph, &group[..listed]),
                "size": group.len(),
                "omitted_members": group.len() - listed,
                "omitted_clusters": omitted_clusters,
            });
            if let Some(q) = found.modularity {
                item["modularity"] = json!(q);
            }
            if let Some(b) = &found.blocs {
                let mut sorted = group.clone();
                sorted.sort_unstable();
                let inside = |n: &NodeIndex| sorted.binary_search(n).is_ok();
                let touches = |pairs: &[(NodeIndex, NodeIndex)]| -> Vec<(NodeIndex, NodeIndex)> {
                    pairs
                        .iter()
                        .copied()
                        .filter(|(x, y)| inside(x) || inside(y))
                        .collect()
                };
                item["k"] = json!(b.k);
                item["alpha"] = json!(b.alpha);
                item["error"] = json!(b.error);
                item["starts"] = json!(b.starts);
                item["budgeted"] = json!(b.budgeted);
                for (field, pairs) in [
                    ("negative_inside", touches(&b.negative_inside)),
                    ("positive_between", touches(&b.positive_between)),
                ] {
                    let listed = caps.items_of(pairs.len());
                    item[field] = json!(pair_ids(graph, &pairs[..listed]));
                    item[format!("omitted_{field}")] = json!(pairs.len() - listed);
                }
            }
            item
        })
        .collect();
    pretty(&Value::Array(items))
}

fn comparison(graph: &DiploGraph, al: &Alignment, c: &Comparison) -> Value {
    let list = |edges: &[EdgeIndex]| {
        edges
            .iter()
            .map(|e| relation(graph, *e))
            .collect::<Vec<_>>()
    };
    let own = if c.target == al.a {
        json!("a")
    } else if c.target == al.b {
        json!("b")
    } else {
        Value::Null
    };
    json!({
        "target": graph.entity(c.target).id,
        "target_kind": graph.entity(c.target).kind,
        "own": own,
        "a_value": c.a_value,
        "b_value": c.b_value,
        "a_relations": list(&c.a_edges),
        "b_relations": list(&c.b_edges),
    })
}

/// The measures of an alignment as JSON fields: `s_score`, `s_squared`,
/// `kappa`, `pi`, `tau_b` (each `null` when undefined) and `n`.
pub fn scores_fields(scores: &Scores) -> serde_json::Map<String, Value> {
    let mut fields = serde_json::Map::new();
    for m in AlignMeasure::ALL {
        fields.insert(m.key().to_string(), json!(m.of(scores)));
    }
    fields.insert("n".to_string(), json!(scores.n));
    fields
}

/// `align A B`: `{ "a", "b", "basis", "s_score", "s_squared", "kappa",
/// "pi", "tau_b", "n", "undefined", "weighted", "weight", "missing_weights",
/// "untyped", "dimensions", "neither", "direct", "direct_sign",
/// "agreements", "agreements_omitted", "disagreements",
/// "disagreements_omitted", "one_sided", "one_sided_omitted" }`: every
/// dimension either state holds, shared, opposed or one-sided, at most
/// `caps.items` in each list. Each item is `{ "target", "target_kind",
/// "own", "a_value", "b_value", "a_relations", "b_relations" }` (`own` is
/// `"a"` or `"b"` on the two states' own dimensions, else `null`);
/// `neither` counts the dimensions no list holds, so with nothing omitted
/// and unweighted `S = 1 − 2·Σ|a_value − b_value| / (R·n)`, R the range of
/// the basis (2 relations, 3 alliances, 2 votes). `undefined` says why the
/// `null` measures are undefined.
pub fn alignment(graph: &DiploGraph, al: &Alignment, caps: Caps) -> String {
    let listed = |list: &[Comparison]| {
        list[..caps.items_of(list.len())]
            .iter()
            .map(|c| comparison(graph, al, c))
            .collect::<Vec<_>>()
    };
    let omitted = |list: &[Comparison]| list.len() - caps.items_of(list.len());
    let mut out = serde_json::Map::new();
    out.insert("a".into(), json!(graph.entity(al.a).id));
    out.insert("b".into(), json!(graph.entity(al.b).id));
    out.insert("basis".into(), json!(al.basis.name()));
    out.extend(scores_fields(&al.scores));
    out.insert("undefined".into(), json!(al.scores.undefined_because()));
    out.insert("weighted".into(), json!(al.weighted));
    out.insert("weight".into(), json!(al.scores.weight));
    out.insert(
        "missing_weights".into(),
        json!(
            al.missing_weights
                .iter()
                .map(|n| &graph.entity(*n).id)
                .collect::<Vec<_>>()
        ),
    );
    out.insert(
        "untyped".into(),
        json!(
            al.untyped
                .iter()
                .map(|e| relation(graph, *e))
                .collect::<Vec<_>>()
        ),
    );
    out.insert("dimensions".into(), json!(al.scores.n));
    out.insert("neither".into(), json!(al.neither()));
    out.insert(
        "direct".into(),
        json!(
            al.direct
                .iter()
                .map(|e| relation(graph, *e))
                .collect::<Vec<_>>()
        ),
    );
    out.insert("direct_sign".into(), json!(al.direct_sign));
    out.insert("agreements".into(), json!(listed(&al.agreements)));
    out.insert("agreements_omitted".into(), json!(omitted(&al.agreements)));
    out.insert("disagreements".into(), json!(listed(&al.disagreements)));
    out.insert(
        "disagreements_omitted".into(),
        json!(omitted(&al.disagreements)),
    );
    out.insert("one_sided".into(), json!(listed(&al.one_sided)));
    out.insert("one_sided_omitted".into(), json!(omitted(&al.one_sided)));
    pretty(&Value::Object(out))
}

/// `align A --top N`: `[{ "id", "name", "basis", "s_score", "s_squared",
/// "kappa", "pi", "tau_b", "n" }]`, best first.
pub fn alignment_ranking(graph: &DiploGraph, ranked: &[Alignment]) -> String {
    pretty(&Value::Array(
        ranked
            .iter()
            .map(|al| {
                let mut row = serde_json::Map::new();
                row.insert("id".into(), json!(graph.entity(al.b).id));
                row.insert("name".into(), json!(graph.entity(al.b).name));
                row.insert("basis".into(), json!(al.basis.name()));
                row.extend(scores_fields(&al.scores));
                Value::Object(row)
            })
            .collect(),
    ))
}

/// `balance`: `{ "weak", "states", "ties", "triangles", "balanced",
/// "unbalanced": [[id, id, id]], "unbalanced_signs": [[s, s, s]],
/// "unbalanced_count", "omitted", "counts": { "+++", "++-", "+--", "---" },
/// "triangle_index", "frustration", "frustration_lower", "exact", "method" }`.
/// `unbalanced` lists the worst ones only; `omitted` says how many more
/// there are.
pub fn balance(graph: &DiploGraph, b: &Balance) -> String {
    pretty(&json!({
        "weak": b.weak,
        "states": b.states,
        "ties": b.ties,
        "triangles": b.triangles,
        "balanced": b.balanced,
        "unbalanced": b.unbalanced.iter().map(|t| ids(graph, &t.states)).collect::<Vec<_>>(),
        "unbalanced_signs": b.unbalanced.iter().map(|t| t.signs).collect::<Vec<_>>(),
        "unbalanced_count": b.unbalanced_count,
        "omitted": b.omitted(),
        "counts": {
            "+++": b.counts.ppp,
            "++-": b.counts.ppn,
            "+--": b.counts.pnn,
            "---": b.counts.nnn,
        },
        "triangle_index": b.triangle_index,
        "frustration": b.frustration,
        "frustration_lower": b.frustration_lower,
        "exact": b.exact,
        "method": b.method,
    }))
}

/// `central`: `{ "measure", "via", "between", "exact", "method", "pivots",
/// "error_bound", "confidence", "total", "omitted", "scores": [{ "id",
/// "name", "kind", "score" }] }`, highest first. `via` names the relation
/// kinds scored over, `between` the entity kinds they were kept between
/// (`null`: any; by default the signed kinds between countries and
/// organizations, see [`centrality::scope`](crate::query::centrality::scope)). `exact` is false when betweenness was
/// estimated: then `method` names the estimator, `pivots` the sample size
/// and `error_bound` the ε every score is within with probability
/// `confidence` (all three `null` when exact). `omitted` counts the
/// entities ranked but not listed.
pub fn centrality(
    graph: &DiploGraph,
    found: &Centrality,
    total: usize,
    via: &[RelationKind],
) -> String {
    let e = found.estimate.as_ref();
    let (kinds, between) = if via.is_empty() {
        (signed_kinds(), json!(SIGNED_ENDS))
    } else {
        (via.to_vec(), Value::Null)
    };
    pretty(&json!({
        "measure": found.measure.name(),
        "via": kinds,
        "between": between,
        "exact": e.is_none(),
        "method": e.map(|_| ESTIMATE_METHOD),
        "pivots": e.map(|e| e.pivots),
        "error_bound": e.map(|e| e.error_bound),
        "confidence": e.map(|_| 1.0 - CONFIDENCE_DELTA),
        "total": total,
        "omitted": total - found.scores.len(),
        "scores": found
            .scores
            .iter()
            .map(|s| {
                let e = graph.entity(s.node);
                json!({ "id": e.id, "name": e.name, "kind": e.kind, "score": s.score })
            })
            .collect::<Vec<_>>(),
    }))
}
