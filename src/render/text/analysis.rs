//! Text for the analysis commands: paths as sentence chains, clusters as
//! numbered lists, alignment and balance explained line by line.

use std::fmt::Write;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::{Table, dates, label, moment, notes, plural};
use crate::graph::{DiploGraph, When};
use crate::model::{EntityKind, RelationKind};
use crate::query::align::{
    Alignment, Basis, Comparison, Group, Measure, Measure as AlignMeasure, Scores,
};
use crate::query::balance::Balance;
use crate::query::centrality::{
    CONFIDENCE_DELTA, Centrality, ESTIMATE_METHOD, Measure as CentralMeasure,
};
use crate::query::cluster::{ClusterQuery, Clusters, Method};
use crate::query::path::Path;
use crate::query::signed::{Reason, SignedNetwork};
use crate::render::{Caps, kind_phrase, kinds_text};

/// How an entity is named in a chain: organizations by acronym, the rest by
/// name.
fn short(graph: &DiploGraph, node: NodeIndex) -> String {
    let e = graph.entity(node);
    if e.kind == EntityKind::Organization {
        e.id.clone()
    } else {
        e.name.clone()
    }
}

/// `India —member→ SCO ←member— China (2 hops)`; votes and alliances
/// qualified (`Russia —voted no→ …`, `—alliance (defense)—`).
pub fn chain(graph: &DiploGraph, path: &Path) -> String {
    costed_chain(graph, path, None)
}

/// [`chain`], with the path's cost when it has one: `(2 hops, cost 4)`.
fn costed_chain(graph: &DiploGraph, path: &Path, cost: Option<u64>) -> String {
    let mut out = links(graph, path);
    let _ = write!(out, " ({}", plural(path.len(), "hop"));
    if let Some(cost) = cost {
        let _ = write!(out, ", cost {cost}");
    }
    out.push(')');
    out
}

/// The entities and relations of a path: `India —member→ SCO ←member— China`.
fn links(graph: &DiploGraph, path: &Path) -> String {
    let mut out = short(graph, path.nodes[0]);
    for (hop, node) in path.hops.iter().zip(&path.nodes[1..]) {
        let relation = graph.relation(hop.edge);
        let kind = kind_phrase(relation);
        let link = if relation.kind.is_symmetric() {
            format!(" —{kind}— ")
        } else if hop.forward {
            format!(" —{kind}→ ")
        } else {
            format!(" ←{kind}— ")
        };
        out.push_str(&link);
        out.push_str(&short(graph, *node));
    }
    out
}

/// The notes along a path, after `indent`: each entity's (`note on
/// India: …`) and each relation's (`note on India —member→ SCO: …`), in
/// the order walked.
fn path_notes(graph: &DiploGraph, path: &Path, indent: &str, out: &mut String) {
    let entity_note = |node: NodeIndex, out: &mut String| {
        let e = graph.entity(node);
        notes::push(
            out,
            indent,
            notes::about(&short(graph, node), e.note.as_ref()),
        );
    };
    entity_note(path.nodes[0], out);
    for (i, (hop, node)) in path.hops.iter().zip(&path.nodes[1..]).enumerate() {
        let step = Path {
            nodes: path.nodes[i..i + 2].to_vec(),
            hops: vec![*hop],
        };
        notes::push(
            out,
            indent,
            notes::about(&links(graph, &step), graph.relation(hop.edge).note.as_ref()),
        );
        entity_note(*node, out);
    }
}

/// `path`: one chain per line (with its cost when it is the cheapest by
/// cost); a heading when there are several; with `notes`, the notes of the
/// entities and relations under each chain.
pub fn paths(
    graph: &DiploGraph,
    found: &[Path],
    via: &[RelationKind],
    when: When,
    truncated: bool,
    cost: Option<u64>,
    notes: bool,
) -> String {
    let mut out = String::new();
    // Every path has at least its two ends.
    let ends = found
        .first()
        .and_then(|p| Some((*p.nodes.first()?, *p.nodes.last()?)));
    if let (true, Some((first, last))) = (found.len() > 1, ends) {
        let _ = writeln!(
            out,
            "{} from {} to {} {} {}:",
            plural(found.len(), "path"),
            graph.entity(first).name,
            graph.entity(last).name,
            kinds_text(via),
            moment(when)
        );
        for (i, path) in found.iter().enumerate() {
            let _ = writeln!(out, "{:>4}. {}", i + 1, costed_chain(graph, path, cost));
            if notes {
                path_notes(graph, path, "      ", &mut out);
            }
        }
    } else {
        for path in found {
            let _ = writeln!(out, "{}", costed_chain(graph, path, cost));
            if notes {
                path_notes(graph, path, "", &mut out);
            }
        }
    }
    if truncated {
        let _ = writeln!(
            out,
            "(stopped after the first {} paths; --limit N lists more, or lower --max-hops or add --via to narrow the search)",
            found.len()
        );
    }
    out
}

/// "then" for a date, "at any time" over all time: how an empty answer
/// says when nothing held.
fn then(when: When) -> &'static str {
    match when {
        When::On(_) | When::During { .. } => "then",
        When::AllTime => "at any time",
    }
}

/// `a`, `a or b`, `a, b or c`.
fn either(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// An empty `path`, in one line: "no path from India to Pakistan over
/// conflict as of 2024-07-04", then what could find one: more relation
/// kinds when `--via` narrowed them, more hops when a limit applied
/// (`max_hops`), another date or `--all-time` when a date did; or, when
/// none did, that nothing ever recorded connects them.
pub fn no_path(
    graph: &DiploGraph,
    from: NodeIndex,
    to: NodeIndex,
    via: &[RelationKind],
    max_hops: Option<usize>,
    when: When,
) -> String {
    let within = max_hops.map_or(String::new(), |n| format!(" within {}", plural(n, "hop")));
    let mut tries = Vec::new();
    if !via.is_empty() {
        tries.push("more relation kinds (--via)");
    }
    if max_hops.is_some() {
        tries.push("more hops (--max-hops)");
    }
    if let When::On(_) = when {
        tries.extend(["another date (--as-of)", "--all-time"]);
    }
    let advice = if tries.is_empty() {
        "no relation ever recorded connects them".to_string()
    } else {
        format!("try {}", either(&tries))
    };
    format!(
        "no path from {} to {}{within} {} {}; {advice}",
        graph.entity(from).name,
        graph.entity(to).name,
        kinds_text(via),
        moment(when)
    )
}

fn names(graph: &DiploGraph, group: &[NodeIndex]) -> String {
    group
        .iter()
        .map(|n| graph.entity(*n).name.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "India — Pakistan (dispute over Kashmir)" for a tie between two states.
fn pair(graph: &DiploGraph, a: NodeIndex, b: NodeIndex, why: &str) -> String {
    format!(
        "{} — {} ({why})",
        graph.entity(a).name,
        graph.entity(b).name
    )
}

/// Why two states are tied, in words: "dispute over Kashmir", "both in SCO".
fn reasons(graph: &DiploGraph, net: &SignedNetwork, a: NodeIndex, b: NodeIndex) -> String {
    let Some(tie) = net.tie(a, b) else {
        return String::new();
    };
    let parts: Vec<String> = tie
        .reasons
        .iter()
        .map(|r| match r {
            Reason::Direct(edge) => crate::render::relation_phrase(graph, graph.relation(*edge)),
            Reason::Shared { organization, .. } => {
                format!("both in {}", graph.entity(*organization).id)
            }
        })
        .collect();
    parts.join(", ")
}

/// `clusters`: a headline, then one numbered line per cluster, at most
/// `caps.items` clusters of at most `caps.members` names, each cut
/// followed by "… and N more".
pub fn clusters(
    graph: &DiploGraph,
    found: &Clusters,
    via: &[RelationKind],
    when: When,
    caps: Caps,
) -> String {
    let mut out = String::new();
    let what = cluster_title(found.method);
    let n = found.groups.len();
    let noun = cluster_count(found.method, n);
    let _ = write!(out, "{what} {} {}: {noun}", moment(when), kinds_text(via));
    if let Some(q) = found.modularity {
        let _ = write!(out, ", modularity Q = {q:.3}");
    }
    if let Some(b) = &found.blocs {
        let _ = write!(out, ", error P = {} (α = {})", b.error, b.alpha);
    }
    out.push('\n');
    if let Some(b) = found.blocs.as_ref().filter(|b| b.budgeted) {
        let _ = writeln!(
            out,
            "  (large network: the search stopped at its work budget after {}; P is an upper bound)",
            plural(b.starts, "start")
        );
    }
    let shown = caps.items_of(n);
    for (i, group) in found.groups.iter().take(shown).enumerate() {
        let _ = writeln!(
            out,
            "{:>4}. ({}) {}",
            i + 1,
            group.len(),
            capped_names(graph, group, caps)
        );
    }
    if shown < n {
        let _ = writeln!(
            out,
            "      … and {} more {} (--limit N or --all to list more)",
            n - shown,
            cluster_count(found.method, n - shown)
                .split_once(' ')
                .map_or("", |(_, w)| w)
        );
    }
    if let Some(b) = &found.blocs {
        if b.negative_inside.is_empty() && b.positive_between.is_empty() {
            let _ = writeln!(out, "No tie breaks the partition: the network is balanced.");
        } else {
            let _ = writeln!(out, "Ties that break the partition:");
            let empty = SignedNetwork::default();
            let net = found.network.as_ref().unwrap_or(&empty);
            for (label, pairs) in [
                ("negative inside a bloc", &b.negative_inside),
                ("positive between blocs", &b.positive_between),
            ] {
                let shown = caps.items_of(pairs.len());
                for (a, c) in pairs.iter().take(shown) {
                    let _ = writeln!(
                        out,
                        "  {label}: {}",
                        pair(graph, *a, *c, &reasons(graph, net, *a, *c))
                    );
                }
                if shown < pairs.len() {
                    let _ = writeln!(
                        out,
                        "  … and {} more {label} (--limit N or --all to list more)",
                        pairs.len() - shown
                    );
                }
            }
        }
    }
    out
}

/// What a method's clusters are called in a headline.
fn cluster_title(method: Method) -> &'static str {
    match method {
        Method::Components => "Connected components",
        Method::Communities => "Louvain communities",
        Method::Blocs => "Signed blocs of states",
        Method::Cliques => "Maximal cliques of friendly states",
    }
}

/// An empty `clusters`, in one line: what was sought, then why nothing
/// was found (no entity joined by the chosen relations; no state with a
/// signed tie; no `min_size` states all friendly with one another).
pub fn no_clusters(query: &ClusterQuery, when: When) -> String {
    let what = cluster_title(query.method);
    let kinds = if query.via.is_empty() {
        String::new()
    } else {
        " of these kinds".to_string()
    };
    let who = if query.countries_only {
        "country"
    } else {
        "entity"
    };
    let why = match query.method {
        Method::Components | Method::Communities if query.via.is_empty() => {
            format!("the database holds no {who}")
        }
        Method::Components | Method::Communities => {
            format!("no {who} has a relation{kinds} {}", then(when))
        }
        Method::Blocs => format!("no state has a signed tie{kinds} {}", then(when)),
        Method::Cliques => format!(
            "no {} states are all on friendly terms with one another {} (--min-size sets how many)",
            query.min_size,
            then(when)
        ),
    };
    format!(
        "{what} {} {}: none; {why}",
        moment(when),
        kinds_text(&query.via)
    )
}

/// "3 components", "1 community", "5 communities".
fn cluster_count(method: Method, n: usize) -> String {
    match method {
        Method::Components => plural(n, "component"),
        Method::Communities if n == 1 => "1 community".to_string(),
        Method::Communities => format!("{n} communities"),
        Method::Blocs => plural(n, "bloc"),
        Method::Cliques => plural(n, "clique"),
    }
}

/// Names of a cluster, at most `caps.members` of them, then "… and N more".
fn capped_names(graph: &DiploGraph, group: &[NodeIndex], caps: Caps) -> String {
    let shown = caps.members_of(group.len());
    let mut text = names(graph, &group[..shown]);
    if shown < group.len() {
        let _ = write!(text, ", … and {} more", group.len() - shown);
    }
    text
}

fn score(value: Option<f64>) -> String {
    value.map_or("undefined".to_string(), |v| format!("{v:.3}"))
}

/// A state's relations to a third party: `→ member since 2017-06-09`,
/// `← sanctions since 2014-03-06` (arrows as in `show`); "none" when it has
/// none.
fn relation_list(graph: &DiploGraph, holder: NodeIndex, edges: &[EdgeIndex]) -> String {
    if edges.is_empty() {
        return "none".to_string();
    }
    edges
        .iter()
        .map(|e| {
            let r = graph.relation(*e);
            let arrow = if r.kind.is_symmetric() {
                "—"
            } else if r.from == graph.entity(holder).id {
                "→"
            } else {
                "←"
            };
            let d = dates(&graph.validity(*e));
            if d.is_empty() {
                format!("{arrow} {}", kind_phrase(r))
            } else {
                format!("{arrow} {} {d}", kind_phrase(r))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One state's value on a dimension in words: on relations "friendly",
/// "at odds", "in" (an organization), "no tie", or its stance on an issue;
/// on alliances the commitment ("defense pact", "entente", "no alliance");
/// on votes the ballot; "itself" on its own dimension.
fn side(
    graph: &DiploGraph,
    basis: Basis,
    holder: NodeIndex,
    target: NodeIndex,
    v: i8,
    edges: &[EdgeIndex],
) -> String {
    if holder == target {
        return "itself".to_string();
    }
    match (basis, graph.entity_kind(target)) {
        (Basis::Votes, _) => edges
            .first()
            .and_then(|e| graph.ballot(*e))
            .map_or("did not vote", crate::render::ballot_words)
            .to_string(),
        (Basis::Alliances, _) => match v {
            3 => "defense pact",
            2 => "neutrality or non-aggression pact",
            1 => "entente",
            _ => "no alliance",
        }
        .to_string(),
        (Basis::Relations, EntityKind::Issue) => edges
            .first()
            .and_then(|e| graph.relation(*e).position)
            .map_or("no stance".to_string(), |p| p.to_string()),
        (Basis::Relations, EntityKind::Organization) if v > 0 => "in".to_string(),
        (Basis::Relations, _) if v > 0 => "friendly".to_string(),
        (Basis::Relations, _) if v < 0 => "at odds".to_string(),
        (Basis::Relations, _) => "no tie".to_string(),
    }
}

/// How a roll call is named in an explanation: its resolution and date,
/// and what it was about when the file says (`A/RES/ES-11/1, 2022-03-02:
/// Aggression against Ukraine`).
fn roll_call_name(graph: &DiploGraph, node: NodeIndex) -> String {
    let e = graph.entity(node);
    let Some(call) = &e.roll_call else {
        return e.name.clone();
    };
    let mut out = call.resolution.clone().unwrap_or_else(|| e.name.clone());
    if let Some(date) = call.date {
        let _ = write!(out, ", {date}");
    }
    if let Some(note) = &e.note {
        let short: String = note.chars().take(80).collect();
        let more = if note.chars().count() > 80 { "…" } else { "" };
        let _ = write!(out, ": {short}{more}");
    }
    out
}

/// The three cells of one dimension: what it says, then each state's
/// relations behind its value.
fn comparison_line(graph: &DiploGraph, al: &Alignment, c: &Comparison) -> Vec<String> {
    let target = graph.entity(c.target);
    let (a, b) = (&graph.entity(al.a).name, &graph.entity(al.b).name);
    let side = |holder: NodeIndex, v, edges: &[EdgeIndex]| {
        let untyped = al.untyped.iter().any(|e| {
            let (from, to) = graph.endpoints(*e);
            (from, to) == (holder, c.target) || (to, from) == (holder, c.target)
        });
        if v == 0 && untyped {
            return "an alliance of unrecorded type (left out)".to_string();
        }
        side(graph, al.basis, holder, c.target, v, edges)
    };
    // A shared tie to a third party reads "both …"; anything else, and a
    // state's own dimension, says what each side holds.
    let shared_third_party =
        Group::of(al.basis, c.a_value, c.b_value) == Group::Shared && !al.is_own(c);
    let what = match (al.basis, target.kind) {
        (Basis::Votes, _) if shared_third_party => format!(
            "both {} on {}",
            side(al.a, c.a_value, &c.a_edges).replace("voted ", ""),
            roll_call_name(graph, c.target)
        ),
        (Basis::Votes, _) => format!(
            "on {}: {a} {}, {b} {}",
            roll_call_name(graph, c.target),
            side(al.a, c.a_value, &c.a_edges),
            side(al.b, c.b_value, &c.b_edges)
        ),
        (_, _) if !shared_third_party => format!(
            "on {}: {a} {}, {b} {}",
            target.name,
            side(al.a, c.a_value, &c.a_edges),
            side(al.b, c.b_value, &c.b_edges)
        ),
        (Basis::Alliances, _) => format!(
            "both {} with {}",
            side(al.a, c.a_value, &c.a_edges),
            target.name
        ),
        (Basis::Relations, EntityKind::Issue) => format!(
            "same stance on {}: {}",
            target.name,
            side(al.a, c.a_value, &c.a_edges)
        ),
        (Basis::Relations, EntityKind::Organization) if c.a_value > 0 => {
            format!("both in {}", target.id)
        }
        (Basis::Relations, _) if c.a_value > 0 => format!("both friendly with {}", target.name),
        (Basis::Relations, _) => format!("both at odds with {}", target.name),
    };
    if al.basis == Basis::Votes {
        // The roll call says it all; the relation is the vote itself.
        return vec![what];
    }
    let list = |holder: NodeIndex, edges: &[EdgeIndex]| {
        if holder == c.target {
            "itself".to_string()
        } else {
            relation_list(graph, holder, edges)
        }
    };
    vec![
        what,
        format!("{a}: {}", list(al.a, &c.a_edges)),
        format!("{b}: {}", list(al.b, &c.b_edges)),
    ]
}

/// What the dimensions of a basis are, for the first line of `align`.
fn basis_words(basis: Basis) -> &'static str {
    match basis {
        Basis::Relations => "ties to countries and organizations, and stances",
        Basis::Alliances => {
            "alliance commitments to every state: defense 3, neutrality or non-aggression 2, entente 1, none 0"
        }
        Basis::Votes => "UN General Assembly roll calls both voted on: yes 1, abstain 2, no 3",
    }
}

/// The list titles of a basis: what shared, opposed and one-sided mean.
fn group_titles(basis: Basis) -> [&'static str; 3] {
    match basis {
        Basis::Relations => ["Shared", "Opposed", "One-sided"],
        Basis::Alliances => ["Shared", "Allied at different strengths", "One-sided"],
        Basis::Votes => ["Voted alike", "Split: yes against no", "One abstained"],
    }
}

/// How many dimensions each group holds, in the basis' words: "0 opposed
/// and 4 one-sided; 4 shared, 24 held by neither", "52 split yes against
/// no and 18 where one abstained; 13 voted alike".
fn group_counts(al: &Alignment) -> String {
    let (o, one, shared) = (
        al.disagreements.len(),
        al.one_sided.len(),
        al.agreements.len(),
    );
    match al.basis {
        Basis::Relations => format!(
            "{o} opposed and {one} one-sided; {shared} shared, {} held by neither",
            al.neither()
        ),
        Basis::Alliances => format!(
            "{o} allied at different strengths and {one} one-sided; {shared} shared, {} held by neither",
            al.neither()
        ),
        Basis::Votes => {
            format!("{o} split yes against no and {one} where one abstained; {shared} voted alike")
        }
    }
}

/// Every measure on one line: `S = 0.912, S² = 0.950, κ = 0.421, π =
/// 0.400, τb = 0.388`.
pub fn measures_line(scores: &Scores) -> String {
    Measure::ALL
        .iter()
        .map(|m| format!("{} = {}", m.symbol(), score(m.of(scores))))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What an alignment leaves out, under its scores: dimensions the
/// weights gave no weight, alliances without a recorded type.
fn caveats(graph: &DiploGraph, al: &Alignment, out: &mut String) {
    if !al.missing_weights.is_empty() {
        let names: Vec<String> = al
            .missing_weights
            .iter()
            .take(5)
            .map(|n| label(graph, *n))
            .collect();
        let more = al.missing_weights.len().saturating_sub(5);
        let _ = writeln!(
            *out,
            "  no weight given for {} (counted with weight 0): {}{}",
            plural(al.missing_weights.len(), "dimension"),
            names.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
    if !al.untyped.is_empty() {
        let _ = writeln!(
            *out,
            "  left out: {} whose type is not recorded (import the COW alliance data for types)",
            plural(al.untyped.len(), "alliance")
        );
        let mut table = Table::default();
        for edge in &al.untyped {
            table.row(super::sentence(graph, *edge));
        }
        table.render("    ", out);
    }
}

/// `align A B`: the scores and how S is made of the lists, the direct
/// ties, then every dimension either state holds, under the basis' three
/// groups: at most `caps.items` of each, each list followed by "… and N
/// more" when cut.
pub fn alignment(graph: &DiploGraph, al: &Alignment, when: When, caps: Caps) -> String {
    let (a, b) = (&graph.entity(al.a).name, &graph.entity(al.b).name);
    let s = &al.scores;
    let compared = match al.basis {
        Basis::Votes => plural(s.n, "roll call"),
        Basis::Alliances => plural(s.n, "state"),
        Basis::Relations => format!("{} countries, organizations and issues", s.n),
    };
    let mut out = format!(
        "{a} and {b} {}, on {} ({}):\n  {} (over {compared}{})\n",
        moment(when),
        al.basis.name(),
        basis_words(al.basis),
        measures_line(s),
        if al.weighted { ", weighted" } else { "" }
    );
    if let Some(why) = s.undefined_because() {
        let _ = writeln!(out, "  {why}");
    }
    let (min, max) = al.basis.categories();
    let distance: u32 = [&al.agreements, &al.disagreements, &al.one_sided]
        .into_iter()
        .flatten()
        .map(|c| u32::from(c.distance()))
        .sum();
    if s.n > 0 && !al.weighted {
        let _ = writeln!(
            out,
            "  S = 1 − 2 × {distance} / ({} × {}): Σ|a − b| = {distance} over {}",
            max - min,
            s.n,
            group_counts(al)
        );
    } else if s.n > 0 {
        let _ = writeln!(
            out,
            "  S = 1 − 2 × Σ w|a − b| / ({} × Σ w), Σ w = {}",
            max - min,
            trim_number(s.weight)
        );
    }
    caveats(graph, al, &mut out);
    if al.basis != Basis::Votes {
        let tone = match (al.basis, al.direct_sign) {
            (Basis::Relations, s) if s > 0 => " (friendly)",
            (Basis::Relations, s) if s < 0 => " (hostile: counts against alignment)",
            _ => "",
        };
        let _ = writeln!(out, "\nDirect ties{tone}");
        if al.direct.is_empty() {
            let _ = writeln!(out, "  none");
        }
        let mut table = Table::default();
        for edge in &al.direct {
            table.row(super::sentence(graph, *edge));
        }
        table.render("  ", &mut out);
    }
    let titles = group_titles(al.basis);
    for (title, list) in [
        (titles[0], &al.agreements),
        (titles[1], &al.disagreements),
        (titles[2], &al.one_sided),
    ] {
        let _ = writeln!(out, "\n{title} ({})", list.len());
        if list.is_empty() {
            let _ = writeln!(out, "  none");
        }
        let shown = caps.items_of(list.len());
        let mut table = Table::default();
        for c in list.iter().take(shown) {
            table.row(comparison_line(graph, al, c));
        }
        table.render("  ", &mut out);
        if shown < list.len() {
            let _ = writeln!(
                out,
                "  … and {} more (--limit N or --all to list more)",
                list.len() - shown
            );
        }
    }
    out
}

/// A weight total without trailing zeros (`1`, `0.87`).
fn trim_number(v: f64) -> String {
    let text = format!("{v:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `align A --top N`: a ranked table.
pub fn alignment_ranking(
    graph: &DiploGraph,
    a: NodeIndex,
    ranked: &[Alignment],
    measure: AlignMeasure,
    when: When,
) -> String {
    let basis = ranked.first().map_or(Basis::Relations, |al| al.basis);
    let mut out = format!(
        "States most aligned with {} {}, on {}, by {}:\n",
        graph.entity(a).name,
        moment(when),
        basis.name(),
        measure.label()
    );
    let mut table = Table::default();
    let mut head = vec!["#".to_string(), "STATE".to_string()];
    head.extend(Measure::ALL.iter().map(|m| m.symbol().to_string()));
    head.extend(["N", "SHARED", "OPPOSED", "ONE-SIDED"].map(String::from));
    table.row(head);
    for (i, al) in ranked.iter().enumerate() {
        let mut row = vec![(i + 1).to_string(), label(graph, al.b)];
        row.extend(Measure::ALL.iter().map(|m| score(m.of(&al.scores))));
        row.extend([
            al.scores.n.to_string(),
            al.agreements.len().to_string(),
            al.disagreements.len().to_string(),
            al.one_sided.len().to_string(),
        ]);
        table.row(row);
    }
    table.render("  ", &mut out);
    out
}

/// An empty `align A --top`, in one line: nobody is ranked, because `a`
/// holds no tie or stance alignment compares (`tied` false: every score
/// would only count the other state's ties), or because the database
/// holds no other state.
pub fn no_ranking(
    graph: &DiploGraph,
    a: NodeIndex,
    measure: AlignMeasure,
    tied: bool,
    when: When,
) -> String {
    let by = measure.label();
    let why = if tied {
        "the database holds no other state".to_string()
    } else {
        format!(
            "{} has no tie to compare {} (no relation to a state or to an organization other than a universal one, and no stance on an issue)",
            graph.entity(a).name,
            then(when)
        )
    };
    format!(
        "No state ranked by alignment with {} {}, by {by}: {why}",
        label(graph, a),
        moment(when)
    )
}

/// `balance`: counts, indices, then each unbalanced triangle with the ties
/// that make it so.
pub fn balance(graph: &DiploGraph, net: &SignedNetwork, b: &Balance, when: When) -> String {
    let mut out = format!(
        "Structural balance ({}) {}: {}, {}\n",
        if b.weak { "weak" } else { "strict" },
        moment(when),
        plural(b.states, "state"),
        plural(b.ties, "signed tie")
    );
    let _ = writeln!(
        out,
        "  triangles: {}, balanced: {}, unbalanced: {}, triangle index: {:.3}",
        b.triangles, b.balanced, b.unbalanced_count, b.triangle_index
    );
    let c = &b.counts;
    if b.triangles > 0 {
        let _ = writeln!(
            out,
            "  by signs: +++ {}, ++− {}, +−− {}, −−− {}",
            c.ppp, c.ppn, c.pnn, c.nnn
        );
    }
    if b.exact {
        let _ = writeln!(out, "  frustration index: {} (exact)", b.frustration);
    } else {
        let _ = writeln!(
            out,
            "  frustration index: between {} and {} (not exact: {})",
            b.frustration_lower, b.frustration, b.method
        );
    }
    if b.unbalanced.is_empty() {
        if b.unbalanced_count > 0 {
            let _ = writeln!(
                out,
                "Unbalanced triangles: {} not listed (--limit N lists the N worst)",
                b.unbalanced_count
            );
        }
        return out;
    }
    if b.omitted() > 0 {
        let _ = writeln!(
            out,
            "The {} worst unbalanced triangles (largest total degree of the three states):",
            b.unbalanced.len()
        );
    } else {
        let _ = writeln!(out, "Unbalanced triangles:");
    }
    for t in &b.unbalanced {
        let [x, y, z] = t.states;
        let side = |p: NodeIndex, q: NodeIndex, sign: i8| {
            format!(
                "{} {} {}",
                graph.entity(p).name,
                if sign > 0 { "+" } else { "−" },
                graph.entity(q).name
            ) + &format!(" ({})", reasons(graph, net, p, q))
        };
        let _ = writeln!(
            out,
            "  {}, {}, {}: {}; {}; {}",
            graph.entity(x).name,
            graph.entity(y).name,
            graph.entity(z).name,
            side(x, y, t.signs[0]),
            side(y, z, t.signs[1]),
            side(z, x, t.signs[2])
        );
    }
    if b.omitted() > 0 {
        let _ = writeln!(
            out,
            "  … and {} more (--limit N or --all to list more)",
            b.omitted()
        );
    }
    out
}

/// What centrality was computed over, in words: the chosen kinds, or by
/// default the signed relations between states and organizations
/// ([`centrality::scope`](crate::query::centrality::scope)).
pub(super) fn central_scope(via: &[RelationKind]) -> String {
    if via.is_empty() {
        "over signed relations between states and organizations".to_string()
    } else {
        kinds_text(via)
    }
}

/// An empty `central`, in one line: nobody is ranked, because no
/// relation of the kinds scored over held (`scored` 0), or because none
/// of the `scored` entities is a country (`--countries-only`).
pub fn no_centrality(
    measure: CentralMeasure,
    scored: usize,
    via: &[RelationKind],
    when: When,
) -> String {
    let why = if scored == 0 {
        format!(
            "no such relation holds {}, so no entity was scored",
            then(when)
        )
    } else {
        format!(
            "no country is among the {scored} {} scored",
            if scored == 1 { "entity" } else { "entities" }
        )
    };
    format!(
        "Nothing ranked by {} {} {}: {why}",
        measure.title(),
        moment(when),
        central_scope(via)
    )
}

/// `central`: a ranked table of the first scores, how an estimate was made
/// and how many entities (of `total`) are not listed.
pub fn centrality(
    graph: &DiploGraph,
    found: &Centrality,
    total: usize,
    via: &[RelationKind],
    when: When,
) -> String {
    let measure = found.measure;
    let mut out = format!(
        "Most central by {} {} {}:\n",
        measure.title(),
        moment(when),
        central_scope(via)
    );
    if let Some(e) = &found.estimate {
        let _ = writeln!(
            out,
            "  (estimated from {} of {} sources: {ESTIMATE_METHOD}; every score within ±{:.4} of the exact one with {}% confidence; --exact computes it exactly)",
            e.pivots,
            e.nodes,
            e.error_bound,
            ((1.0 - CONFIDENCE_DELTA) * 100.0).round()
        );
    }
    let mut table = Table::default();
    table.row(["#", "ENTITY", "KIND", "SCORE"].map(String::from));
    for (i, s) in found.scores.iter().enumerate() {
        table.row([
            (i + 1).to_string(),
            label(graph, s.node),
            graph.entity(s.node).kind.to_string(),
            if measure == CentralMeasure::Degree {
                format!("{}", s.score)
            } else {
                format!("{:.4}", s.score)
            },
        ]);
    }
    table.render("  ", &mut out);
    if total > found.scores.len() {
        let _ = writeln!(
            out,
            "  … and {} more (--top N lists more)",
            total - found.scores.len()
        );
    }
    out
}
