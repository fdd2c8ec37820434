//! Human-readable text: aligned, one fact per line, sentences where a
//! table would not read well.

use std::fmt::Write;

mod analysis;
mod change;
mod notes;
mod series;
pub use analysis::*;
pub use change::*;
pub use series::series;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::table::Table;
use super::{dates, kind_phrase, moment};
use crate::error::plural;
use crate::graph::{DiploGraph, Existence, Incident, When};
use crate::model::{EntityKind, Position, Relation, RelationKind};
use crate::query::balance::Balance;
use crate::query::cluster::Blocs;
use crate::query::lint::Warning;
use crate::query::members::Roster;
use crate::query::report::{ALIGNMENT_STATES, BRIEFING_TRIANGLES};
use crate::query::{Briefing, EntityDetail, Membership, Neighbor, Summary, Summit};

/// "Russia (RUS)".
fn label(graph: &DiploGraph, node: NodeIndex) -> String {
    let e = graph.entity(node);
    format!("{} ({})", e.name, e.id)
}

/// The relation's kind-specific fields: "acting President", "over Kashmir",
/// "opposes".
fn detail(graph: &DiploGraph, relation: &Relation) -> String {
    let mut parts = Vec::new();
    if let Some(role) = &relation.role {
        parts.push(if relation.acting {
            format!("acting {role}")
        } else {
            role.clone()
        });
    }
    if let Some(over) = &relation.over {
        let name = graph
            .node(over)
            .map_or(over.clone(), |n| graph.entity(n).name.clone());
        parts.push(format!("over {name}"));
    }
    if let Some(position) = relation.position {
        parts.push(position.to_string());
    }
    parts.join(", ")
}

fn source(relation: &Relation) -> String {
    relation
        .source
        .as_ref()
        .map(|s| format!("[{s}]"))
        .unwrap_or_default()
}

/// `→ member`, `← leads`, `— dispute`, `→ voted yes`, `— alliance (defense)`.
fn arrow_kind(incident: &Incident<'_>) -> String {
    let arrow = if incident.about {
        "◇"
    } else if incident.relation.kind.is_symmetric() {
        "—"
    } else if incident.outgoing {
        "→"
    } else {
        "←"
    };
    format!("{arrow} {}", kind_phrase(incident.relation))
}

fn incident_row(graph: &DiploGraph, incident: &Incident<'_>) -> Vec<String> {
    let other = if incident.about {
        let (from, to) = graph.endpoints(incident.edge);
        format!("{} – {}", label(graph, from), label(graph, to))
    } else {
        label(graph, incident.other)
    };
    vec![
        arrow_kind(incident),
        other,
        detail(graph, incident.relation),
        dates(&incident.validity),
        source(incident.relation),
    ]
}

/// Where and when an event took place, "Astana, Kazakhstan, 2024-07-03 to
/// 2024-07-04" (its last day included), leaving out what the file does not
/// give: how `show` and the briefing name an event's place and days.
fn held(event: &crate::model::EventInfo) -> String {
    [event.place.clone().unwrap_or_default(), event.days(" to ")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `check`: one line of counts, then one line per warning.
pub fn check(
    graph: &DiploGraph,
    name: &str,
    summary: &Summary,
    warnings: &[(String, Warning)],
) -> String {
    let entities: Vec<String> = summary
        .entities
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| {
            let (one, many) = entity_words(*k);
            format!("{n} {}", if *n == 1 { one } else { many })
        })
        .collect();
    let relations: Vec<String> = summary
        .relations
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    // "17 countries, …" in parentheses after a count, none after a zero.
    let detail = |parts: Vec<String>| {
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        }
    };
    let mut out = format!(
        "{name}: ok — {}{}, {}{}, {}; facts checked up to {}\n",
        if summary.entity_total() == 1 {
            "1 entity".to_string()
        } else {
            format!("{} entities", summary.entity_total())
        },
        detail(entities),
        plural(summary.relation_total(), "relation"),
        detail(relations),
        plural(summary.sources, "source"),
        summary.checked,
    );
    // A data set can bring thousands of one kind of warning (UN votes of
    // the Ukrainian SSR, before Ukraine was a state): the first few of each
    // rule tell what it is, JSON lists every one.
    let mut shown: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for (at, w) in warnings {
        let seen = shown.entry(w.rule()).or_default();
        *seen += 1;
        if *seen <= WARNINGS_SHOWN_PER_RULE {
            let _ = writeln!(out, "{}", warning_line(graph, at, w));
        }
    }
    for (rule, n) in &shown {
        if *n > WARNINGS_SHOWN_PER_RULE {
            let _ = writeln!(
                out,
                "… and {} more `{rule}` warnings (`--format json` lists every one)",
                n - WARNINGS_SHOWN_PER_RULE
            );
        }
    }
    if !warnings.is_empty() {
        let _ = writeln!(
            out,
            "{} (`check --strict` refuses the file until they are fixed)",
            plural(warnings.len(), "warning")
        );
    }
    out
}

/// How many warnings of one rule `check` prints before it counts the rest.
pub const WARNINGS_SHOWN_PER_RULE: usize = 20;

/// `warning: FILE:LINE:COL: …`: one warning as `check` prints it, and as
/// `check --strict` lists it in its error.
pub fn warning_line(graph: &DiploGraph, at: &str, w: &Warning) -> String {
    format!("warning: {at}: {}", warning(graph, w))
}

/// A `check` warning in words, with what to do about it.
pub fn warning(graph: &DiploGraph, warning: &Warning) -> String {
    let who = |n: NodeIndex| label(graph, n);
    match warning {
        Warning::OfficeGap {
            before,
            after,
            days,
        } => {
            let (a, b) = (graph.relation(*before), graph.relation(*after));
            let (holder, office) = graph.endpoints(*before);
            let (successor, _) = graph.endpoints(*after);
            format!(
                "the office of {} of {} is empty for {} between {}'s term (until {}) and {}'s (since {}); on a handover day the successor holds it: make one's `since` the other's `until`",
                a.role.as_deref().unwrap_or("office holder"),
                who(office),
                plural(*days as usize, "day"),
                graph.entity(holder).name,
                a.validity.until.map(|d| d.to_string()).unwrap_or_default(),
                graph.entity(successor).name,
                b.validity.since.map(|d| d.to_string()).unwrap_or_default(),
            )
        }
        Warning::LateSource { edge, published } => {
            let r = graph.relation(*edge);
            let (from, to) = graph.endpoints(*edge);
            format!(
                "{} {} → {} (since {}) cites `{}`, published {published}, over a year later; add a `note` saying why it supports this, or cite a source of the time",
                r.kind,
                who(from),
                who(to),
                graph
                    .validity(*edge)
                    .since
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                r.source.as_deref().unwrap_or_default(),
            )
        }
        Warning::Unrelated { node } => format!(
            "{} is in no relation: no question can reach it; relate it to something or remove it",
            who(*node)
        ),
        Warning::OutsideLife {
            edge,
            founded,
            dissolved,
        } => {
            let r = graph.relation(*edge);
            let (from, to) = graph.endpoints(*edge);
            let why = match (founded, dissolved) {
                (Some(f), _) => format!("starts before {} was founded ({f})", who(to)),
                (None, Some(d)) => format!("holds after {} was dissolved ({d})", who(to)),
                (None, None) => String::new(),
            };
            format!("{} {} → {} {why}", r.kind, who(from), who(to))
        }
        Warning::OutsideStatehood { edge, state } => {
            let r = graph.relation(*edge);
            let (from, to) = graph.endpoints(*edge);
            let spells = graph
                .entity(*state)
                .country
                .as_ref()
                .map(|c| crate::render::statehood_words(&c.statehood))
                .unwrap_or_default();
            let dates = crate::render::dates(&graph.validity(*edge));
            let dates = if dates.is_empty() {
                "always".to_string()
            } else {
                dates
            };
            format!(
                "{} {} → {} ({dates}) holds on days {} was not a state (a state {spells}); date it within the statehood, or record the statehood",
                r.kind,
                who(from),
                who(to),
                who(*state)
            )
        }
    }
}

/// `list`: id, kind, name, aliases; with `with_notes`, each entity's note under
/// its row.
pub fn list(graph: &DiploGraph, nodes: &[NodeIndex], with_notes: bool) -> String {
    if nodes.is_empty() {
        return "no entities\n".to_string();
    }
    let mut table = Table::default();
    table.row(["ID", "KIND", "NAME", "ALIASES"]);
    for node in nodes {
        let e = graph.entity(*node);
        table.row([
            e.id.clone(),
            e.kind.to_string(),
            e.name.clone(),
            e.aliases.join(", "),
        ]);
        if let Some(line) = with_notes.then(|| notes::of_entity(graph, *node)).flatten() {
            table.free(line);
        }
    }
    let mut out = String::new();
    table.render("", &mut out);
    out
}

/// What `show` says of whether an entity existed at `when`: a country's
/// statehood (or that it was not a state that day), an organization not
/// founded yet or dissolved.
fn existence_lines(out: &mut String, e: &crate::model::Entity, existence: Existence, when: When) {
    if let Some(country) = &e.country {
        let spells = crate::render::statehood_words(&country.statehood);
        match (existence, when) {
            (Existence::Exists, _) | (_, When::AllTime) if spells.is_empty() => {
                let _ = writeln!(*out, "  statehood: not recorded");
            }
            (Existence::Exists, _) | (_, When::AllTime) => {
                let _ = writeln!(*out, "  statehood: {spells}");
            }
            (_, When::On(day)) => {
                let _ = writeln!(*out, "  not a state on {day} (a state {spells})");
            }
            (_, When::During { from, until }) => {
                let _ = writeln!(
                    *out,
                    "  not a state in {} (a state {spells})",
                    crate::date::period_name(from, until)
                );
            }
        }
    }
    match existence {
        _ if e.country.is_some() => {}
        Existence::Between { ended, resumes } => {
            let _ = writeln!(
                *out,
                "  did not exist {} (from {ended} to {resumes})",
                moment(when)
            );
        }
        Existence::NotYet(founded) => {
            let _ = writeln!(
                *out,
                "  did not exist yet {} (founded {founded})",
                moment(when)
            );
        }
        Existence::Gone(dissolved) => {
            let _ = writeln!(
                *out,
                "  no longer existed {} (dissolved {dissolved})",
                moment(when)
            );
        }
        Existence::Exists => {}
    }
}

/// What `show` says of a roll call: its day, session and resolution when
/// given, and each of its marks — "yes", "no", or "not recorded" (unknown
/// is not "no").
fn roll_call_lines(out: &mut String, roll_call: &crate::model::RollCallInfo) {
    if let Some(date) = roll_call.date {
        let _ = writeln!(*out, "  date: {date}");
    }
    if let Some(session) = roll_call.session {
        let _ = writeln!(*out, "  session: {session}");
    }
    if let Some(resolution) = &roll_call.resolution {
        let _ = writeln!(*out, "  resolution: {resolution}");
    }
    for (mark, value) in [
        ("important vote", roll_call.important),
        ("amendment", roll_call.amendment),
        ("paragraph", roll_call.paragraph),
    ] {
        let value = match value {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not recorded",
        };
        let _ = writeln!(*out, "  {mark}: {value}");
    }
}

/// `show`: the entity, then its relations in force, each relation's note
/// under it.
pub fn show(graph: &DiploGraph, detail_: &EntityDetail<'_>, when: When) -> String {
    let e = graph.entity(detail_.node);
    let mut out = format!(
        "{} — {}\n",
        label(graph, detail_.node),
        entity_words(e.kind).0
    );
    if !e.aliases.is_empty() {
        let _ = writeln!(out, "  also called: {}", e.aliases.join(", "));
    }
    if let Some(event) = &e.event {
        let line = held(event);
        if !line.is_empty() {
            let _ = writeln!(out, "  held: {line}");
        }
    }
    if let Some(country) = &e.country {
        let codes: Vec<String> = [("COW", country.cow), ("Gleditsch–Ward", country.gw)]
            .into_iter()
            .filter_map(|(list, n)| n.map(|n| format!("{list} {n}")))
            .collect();
        if !codes.is_empty() {
            let _ = writeln!(out, "  codes: {}", codes.join(", "));
        }
    }
    if let Some(org) = &e.organization {
        if let Some(founded) = org.founded {
            let _ = writeln!(out, "  founded: {founded}");
        }
        if let Some(dissolved) = org.dissolved {
            let _ = writeln!(out, "  dissolved: {dissolved}");
        }
        if org.universal {
            let _ = writeln!(
                out,
                "  universal: shared membership is not counted as alignment"
            );
        }
    }
    if let Some(roll_call) = &e.roll_call {
        roll_call_lines(&mut out, roll_call);
    }
    notes::push(&mut out, "", notes::under_headline(graph, detail_.node));
    existence_lines(&mut out, e, detail_.existence, when);
    if detail_.recorded == 0 {
        let _ = writeln!(out, "No relations recorded.");
        return out;
    }
    if detail_.relations.is_empty() && detail_.about.is_empty() {
        let _ = writeln!(
            out,
            "No relations in force {} ({} recorded at other times).",
            moment(when),
            detail_.recorded
        );
        return out;
    }
    if !detail_.relations.is_empty() {
        let _ = writeln!(
            out,
            "{} {}:",
            plural(detail_.relations.len(), "relation"),
            moment(when)
        );
        let mut table = Table::default();
        for incident in &detail_.relations {
            table.row(incident_row(graph, incident));
            notes::under_row(&mut table, graph, incident.edge);
        }
        table.render("  ", &mut out);
    }
    if !detail_.about.is_empty() {
        let _ = writeln!(
            out,
            "{} over it {}:",
            plural(detail_.about.len(), "relation"),
            moment(when)
        );
        let mut table = Table::default();
        for incident in &detail_.about {
            table.row(incident_row(graph, incident));
            notes::under_row(&mut table, graph, incident.edge);
        }
        table.render("  ", &mut out);
    }
    out
}

/// `neighbors`: each neighbour with the relations that connect it; with
/// `notes`, the entity's note, each neighbour's and each relation's.
pub fn neighbors(
    graph: &DiploGraph,
    node: NodeIndex,
    found: &[Neighbor<'_>],
    when: When,
    notes: bool,
) -> String {
    let mut out = format!(
        "{}: {} {}\n",
        label(graph, node),
        if found.is_empty() {
            "no neighbours".to_string()
        } else {
            plural(found.len(), "neighbour")
        },
        moment(when)
    );
    if notes {
        notes::push(&mut out, "", notes::under_headline(graph, node));
    }
    let mut table = Table::default();
    for neighbor in found {
        for (i, incident) in neighbor.via.iter().enumerate() {
            let mut row = incident_row(graph, incident);
            row.remove(1);
            let who = label(graph, neighbor.node);
            row.insert(0, if i == 0 { who } else { String::new() });
            row.insert(1, graph.entity(neighbor.node).kind.to_string());
            if i > 0 {
                row[1].clear();
            }
            table.row(row);
            if notes {
                notes::under_row(&mut table, graph, incident.edge);
            }
        }
        if let Some(line) = notes
            .then(|| {
                let e = graph.entity(neighbor.node);
                notes::about(&e.name, e.note.as_ref())
            })
            .flatten()
        {
            table.free(line);
        }
    }
    table.render("  ", &mut out);
    out
}

/// An entity kind in prose: (singular, plural).
pub fn entity_words(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Country => ("country", "countries"),
        EntityKind::Person => ("person", "people"),
        EntityKind::Organization => ("organization", "organizations"),
        EntityKind::Event => ("event", "events"),
        EntityKind::Issue => ("issue", "issues"),
        EntityKind::RollCall => ("roll call", "roll calls"),
    }
}

/// A relation kind in prose: (singular, plural) — for membership statuses
/// the name of the status ("dialogue partner"); every kind listed, so a
/// new status cannot be printed as another.
fn kind_words(kind: RelationKind) -> (&'static str, &'static str) {
    use RelationKind::*;
    match kind {
        Member => ("member", "members"),
        Observer => ("observer", "observers"),
        DialoguePartner => ("dialogue partner", "dialogue partners"),
        Founder => ("founder", "founders"),
        Leads => ("leader", "leaders"),
        Hosts => ("host", "hosts"),
        Attends => ("attendee", "attendees"),
        Partnership => ("partnership", "partnerships"),
        Alliance => ("alliance", "alliances"),
        Rivalry => ("rivalry", "rivalries"),
        Dispute => ("dispute", "disputes"),
        Conflict => ("conflict", "conflicts"),
        Supports => ("backer", "backers"),
        Sanctions => ("sanction", "sanctions"),
        Stance => ("stance", "stances"),
        Serves => ("office holder", "office holders"),
        PartOf => ("session", "sessions"),
        Associate => ("associate member", "associate members"),
        Vote => ("vote", "votes"),
    }
}

/// How a relation reads between its two ends: "India *disputes with*
/// Pakistan". Every kind listed, so a new kind must choose its words.
fn verb(kind: RelationKind) -> &'static str {
    use RelationKind::*;
    match kind {
        Supports => "backs",
        Sanctions => "sanctions",
        Partnership => "partners with",
        Alliance => "is allied with",
        Rivalry => "rivals",
        Dispute => "disputes with",
        Conflict => "is at war with",
        Member => "member",
        Observer => "observer",
        DialoguePartner => "dialogue_partner",
        Founder => "founder",
        Leads => "leads",
        Hosts => "hosts",
        Attends => "attends",
        Stance => "stance",
        Serves => "serves",
        PartOf => "part of",
        Associate => "associate",
        Vote => "voted on",
    }
}

/// [`verb`] for one relation, with what its fields add: "voted no on",
/// "abstained on", "is in an alliance (defense) with".
fn relation_verb(relation: &Relation) -> String {
    match (relation.kind, relation.ballot, relation.alliance) {
        (RelationKind::Vote, Some(ballot), _) => {
            format!("{} on", crate::render::ballot_words(ballot))
        }
        (RelationKind::Alliance, _, Some(_)) => {
            format!("is in an {} with", kind_phrase(relation))
        }
        (kind, ..) => verb(kind).to_string(),
    }
}

/// Every membership status, in the order `members` lists them (the
/// model's order of kinds): what the headline counts and the briefing
/// lists, so a new status is never left out of either.
fn statuses() -> impl Iterator<Item = RelationKind> {
    RelationKind::ALL
        .iter()
        .copied()
        .filter(|k| k.is_membership())
}

fn status_name(kind: RelationKind, n: usize) -> String {
    plural(n, kind_words(kind).0)
}

/// `members`: a headline count, then one line per state; with `notes`,
/// the organization's note and each membership's.
pub fn members(
    graph: &DiploGraph,
    org: NodeIndex,
    roster: &Roster,
    when: When,
    notes: bool,
) -> String {
    let mut out = String::new();
    if let Some(absence) = members_absence(graph, org, roster, when) {
        let _ = writeln!(out, "{absence}");
        return out;
    }
    let found = &roster.members;
    let counts = if found.is_empty() {
        format!(
            "none ({} recorded at other times)",
            plural(roster.recorded, "membership")
        )
    } else {
        membership_counts(found)
    };
    let _ = writeln!(out, "{} {}: {counts}", label(graph, org), moment(when));
    if notes {
        notes::push(&mut out, "", notes::under_headline(graph, org));
    }
    let mut table = Table::default();
    for m in found {
        table.row([
            m.status.to_string(),
            label(graph, m.node),
            dates(&m.validity),
        ]);
        if notes {
            notes::under_row(&mut table, graph, m.edge);
        }
    }
    table.render("  ", &mut out);
    out
}

/// Why `members` lists nobody, when the reason is not "nobody then": the
/// organization did not exist yet, or no longer, or the database records
/// none of its memberships (unknown is not none). `None` when there are
/// members, or when there were some at other times.
pub fn members_absence(
    graph: &DiploGraph,
    org: NodeIndex,
    roster: &Roster,
    when: When,
) -> Option<String> {
    if !roster.members.is_empty() {
        return None;
    }
    let who = label(graph, org);
    match roster.existence {
        Existence::NotYet(founded) => Some(format!(
            "{who} was founded on {founded}: it did not exist yet {}.",
            moment(when)
        )),
        Existence::Gone(dissolved) => Some(format!(
            "{who} was dissolved on {dissolved}: it no longer existed {}.",
            moment(when)
        )),
        Existence::Between { ended, resumes } => Some(format!(
            "{who} did not exist {} (from {ended} to {resumes}).",
            moment(when)
        )),
        Existence::Exists if roster.recorded == 0 => Some(format!(
            "{who}: no memberships recorded (the database does not say who belongs to it)."
        )),
        Existence::Exists => None,
    }
}

/// "2 members, 1 observer, 1 associate member": every status present.
fn membership_counts(found: &[Membership]) -> String {
    let counts: Vec<String> = statuses()
        .map(|k| (k, found.iter().filter(|m| m.status == k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| status_name(k, n))
        .collect();
    if counts.is_empty() {
        "no members".into()
    } else {
        counts.join(", ")
    }
}

/// "India —dispute— Pakistan, over Kashmir (since 1947-10)".
fn sentence(graph: &DiploGraph, edge: EdgeIndex) -> Vec<String> {
    let r = graph.relation(edge);
    let name = |id: &str| {
        graph
            .node(id)
            .map_or(id.to_string(), |n| graph.entity(n).name.clone())
    };
    let verb = relation_verb(r);
    let over = match (r.kind, r.over.as_deref()) {
        (RelationKind::Dispute, Some(o)) => format!(" over {}", name(o)),
        (_, Some(o)) => format!(" ({})", name(o)),
        _ => String::new(),
    };
    vec![
        format!("{} {verb} {}{over}", name(&r.from), name(&r.to)),
        dates(&graph.validity(edge)),
        source(r),
    ]
}

/// `report`: the briefing, section by section; with `notes`, the notes of
/// the organizations, memberships, offices, relations, stances and
/// attendances it lists (a summit's own note is always shown).
pub fn report(graph: &DiploGraph, briefing: &Briefing, notes: bool) -> String {
    let mut out = format!("diplograph briefing {}\n", moment(briefing.when));
    report_organizations(graph, briefing, notes, &mut out);
    report_relations(graph, briefing, notes, &mut out);
    report_stances(graph, briefing, notes, &mut out);
    report_summits(graph, briefing, notes, &mut out);
    report_analysis(graph, briefing, &mut out);
    out
}

/// The briefing's organizations: members by status and heads.
fn report_organizations(graph: &DiploGraph, briefing: &Briefing, notes: bool, out: &mut String) {
    let name = |n: NodeIndex| graph.entity(n).name.clone();
    let _ = writeln!(out, "\nOrganizations");
    if briefing.organizations.is_empty() {
        let _ = writeln!(out, "  none recorded");
    }
    for section in &briefing.organizations {
        let _ = writeln!(
            out,
            "  {}: {}",
            label(graph, section.node),
            membership_counts(&section.memberships)
        );
        if notes {
            notes::push(out, "  ", notes::of_entity(graph, section.node));
        }
        for edge in &section.heads {
            let r = graph.relation(*edge);
            let who = graph.node(&r.from).map(name).unwrap_or_default();
            let _ = writeln!(out, "    led by {who}, {}", detail(graph, r));
            if notes {
                notes::push(out, "    ", notes::of_relation(graph, *edge));
            }
        }
        for kind in statuses() {
            let names: Vec<String> = section
                .memberships
                .iter()
                .filter(|m| m.status == kind)
                .map(|m| name(m.node))
                .collect();
            if !names.is_empty() {
                let heading = kind_words(kind).1;
                let _ = writeln!(out, "    {heading}: {}", capped(&names, briefing.items));
            }
            if notes {
                for m in section
                    .memberships
                    .iter()
                    .filter(|m| m.status == kind)
                    .take(briefing.items)
                {
                    let note = graph.relation(m.edge).note.as_ref();
                    notes::push(out, "    ", notes::about(&name(m.node), note));
                }
            }
        }
    }
    more(
        out,
        "  ",
        briefing.organizations_total - briefing.organizations.len(),
        "organization",
    );
    if !briefing.unrecorded_organizations.is_empty() {
        let names: Vec<String> = briefing
            .unrecorded_organizations
            .iter()
            .map(|n| label(graph, *n))
            .collect();
        let _ = writeln!(
            out,
            "  no memberships recorded: {}",
            capped(&names, briefing.items)
        );
    }
}

/// The briefing's leaders in office, tensions and ties, as tables.
fn report_relations(graph: &DiploGraph, briefing: &Briefing, notes: bool, out: &mut String) {
    let name = |n: NodeIndex| graph.entity(n).name.clone();
    let _ = writeln!(out, "\nLeaders in office");
    if briefing.leaders.is_empty() {
        let _ = writeln!(out, "  none recorded");
    }
    let mut table = Table::default();
    for office in briefing.leaders.iter().take(briefing.items) {
        let r = graph.relation(office.edge);
        table.row([
            name(office.of),
            name(office.holder),
            detail(graph, r),
            dates(&graph.validity(office.edge)),
        ]);
        if notes {
            notes::under_row(&mut table, graph, office.edge);
        }
    }
    table.render("  ", out);
    more(
        out,
        "  ",
        briefing.leaders.len().saturating_sub(briefing.items),
        "leader",
    );
    if !briefing.leaderless.is_empty() {
        let names: Vec<String> = briefing.leaderless.iter().map(|n| name(*n)).collect();
        let _ = writeln!(
            out,
            "  not recorded for: {}",
            capped(&names, briefing.items)
        );
    }

    for (title, edges) in [
        ("Conflicts, disputes and sanctions", &briefing.tensions),
        ("Partnerships and support", &briefing.ties),
    ] {
        let _ = writeln!(out, "\n{title}");
        if edges.is_empty() {
            let _ = writeln!(out, "  none recorded");
        }
        let mut table = Table::default();
        for edge in edges.iter().take(briefing.items) {
            table.row(sentence(graph, *edge));
            if notes {
                notes::under_row(&mut table, graph, *edge);
            }
        }
        table.render("  ", out);
        more(
            out,
            "  ",
            edges.len().saturating_sub(briefing.items),
            "relation",
        );
    }
}

/// The briefing's positions on issues (nothing when no issue has any).
fn report_stances(graph: &DiploGraph, briefing: &Briefing, notes: bool, out: &mut String) {
    let name = |n: NodeIndex| graph.entity(n).name.clone();
    if !briefing.stances.is_empty() {
        let _ = writeln!(out, "\nPositions on issues");
        for (issue, edges) in &briefing.stances {
            let _ = writeln!(out, "  {}", name(*issue));
            for position in [Position::Supports, Position::Neutral, Position::Opposes] {
                let who: Vec<String> = edges
                    .iter()
                    .map(|e| graph.relation(*e))
                    .filter(|r| r.position == Some(position))
                    .filter_map(|r| graph.node(&r.from).map(name))
                    .collect();
                if !who.is_empty() {
                    let _ = writeln!(out, "    {position}: {}", capped(&who, briefing.items));
                }
                if notes {
                    for r in edges
                        .iter()
                        .map(|e| graph.relation(*e))
                        .filter(|r| r.position == Some(position))
                        .take(briefing.items)
                    {
                        let who = graph.node(&r.from).map(name).unwrap_or_default();
                        notes::push(out, "    ", notes::about(&who, r.note.as_ref()));
                    }
                }
            }
        }
        more(
            out,
            "  ",
            briefing.stances_total - briefing.stances.len(),
            "issue",
        );
    }
}

/// The briefing's summits, most recent first, with hosts and attendees.
fn report_summits(graph: &DiploGraph, briefing: &Briefing, notes: bool, out: &mut String) {
    let _ = writeln!(out, "\nSummits and other events");
    if briefing.summits.is_empty() {
        let _ = writeln!(out, "  none recorded");
    }
    for summit in &briefing.summits {
        report_gathering(graph, summit, briefing.items, notes, "  ", out);
        for session in &summit.sessions {
            report_gathering(graph, session, briefing.items, notes, "    session: ", out);
        }
    }
    more(
        out,
        "  ",
        briefing.summits_total - briefing.summits.len(),
        "summit",
    );
}

/// One summit or session of the briefing: name, place and days, hosts,
/// attendees (each in the capacity it came in, when recorded), its note.
fn report_gathering(
    graph: &DiploGraph,
    summit: &Summit,
    items: usize,
    notes: bool,
    lead: &str,
    out: &mut String,
) {
    let name = |n: NodeIndex| graph.entity(n).name.clone();
    let e = graph.entity(summit.node);
    let held = e.event.as_ref().map(held).unwrap_or_default();
    let hosts: Vec<String> = summit.hosts.iter().map(|n| name(*n)).collect();
    let held = if held.is_empty() {
        String::new()
    } else {
        format!(" ({held})")
    };
    let hosted = if hosts.is_empty() {
        String::new()
    } else {
        format!(", hosted by {}", hosts.join(", "))
    };
    let _ = writeln!(out, "{lead}{}{held}{hosted}", e.name);
    let inner = " ".repeat(lead.len().min(4) + 2);
    let attendees: Vec<String> = summit
        .attendees
        .iter()
        .zip(&summit.capacities)
        .map(|(edge, office)| {
            let (who, _) = graph.endpoints(*edge);
            match office {
                Some(office) => {
                    let (_, of) = graph.endpoints(*office);
                    let r = graph.relation(*office);
                    let role = r.role.clone().unwrap_or_default();
                    let acting = if r.acting { "acting " } else { "" };
                    format!("{} ({acting}{role} of {})", name(who), name(of))
                }
                None => name(who),
            }
        })
        .collect();
    let _ = writeln!(out, "{inner}attended by: {}", capped(&attendees, items));
    if let Some(note) = &e.note {
        let _ = writeln!(out, "{inner}note: {note}");
    }
    if notes {
        for edge in summit.attendees.iter().take(items) {
            let r = graph.relation(*edge);
            let who = graph.node(&r.from).map(name).unwrap_or_default();
            notes::push(out, &inner, notes::about(&who, r.note.as_ref()));
        }
    }
}

/// The analytic half of the briefing: alignments, blocs, balance, brokers.
fn report_analysis(graph: &DiploGraph, briefing: &Briefing, out: &mut String) {
    let name = |n: NodeIndex| graph.entity(n).name.clone();
    match briefing.alignment_states {
        None => {
            let _ = writeln!(
                out,
                "\nMost aligned pairs of states (by weighted κ, then S)"
            );
        }
        Some(n) => {
            let _ = writeln!(
                out,
                "\nMost aligned pairs of states (by weighted κ, then S; among the {ALIGNMENT_STATES} of {n} states with the most ties)"
            );
        }
    }
    if briefing.alignments.is_empty() {
        let _ = writeln!(out, "  none recorded (no two states have recorded ties)");
    }
    let mut table = Table::default();
    for al in &briefing.alignments {
        table.row([
            format!("{} – {}", name(al.a), name(al.b)),
            format!(
                "S = {}",
                al.scores
                    .s_score
                    .map_or("undefined".to_string(), |v| format!("{v:.3}"))
            ),
            format!(
                "κ = {}",
                // A κ that rounds to zero prints as 0.000, not −0.000.
                al.scores.kappa.map_or("undefined".to_string(), |k| {
                    format!("{:.3}", if k.abs() < 5e-4 { 0.0 } else { k })
                })
            ),
        ]);
    }
    table.render("  ", out);

    report_blocs(graph, &briefing.blocs, briefing.items, out);

    report_balance(graph, &briefing.balance, out);

    let _ = writeln!(out, "\nBrokers (betweenness {})", central_scope(&[]));
    if let Some(e) = &briefing.brokers_estimate {
        let _ = writeln!(
            out,
            "  (estimated from {} of {} sources, every score within ±{:.4} with {}% confidence; `diplograph central --exact` computes it exactly)",
            e.pivots,
            e.nodes,
            e.error_bound,
            ((1.0 - crate::query::centrality::CONFIDENCE_DELTA) * 100.0).round()
        );
    }
    let mut table = Table::default();
    for s in &briefing.brokers {
        table.row([name(s.node), format!("{:.4}", s.score)]);
    }
    table.render("  ", out);
}

/// The briefing's signed blocs, with the ties that break them.
fn report_blocs(graph: &DiploGraph, b: &Blocs, items: usize, out: &mut String) {
    let name = |n: NodeIndex| graph.entity(n).name.clone();
    let _ = writeln!(
        out,
        "\nBlocs of states ({}, error P = {})",
        plural(b.groups.len(), "bloc"),
        b.error
    );
    if b.budgeted {
        let _ = writeln!(
            out,
            "  (large network: the search stopped at its work budget; P is an upper bound)"
        );
    }
    for (i, group) in b.groups.iter().enumerate() {
        let names: Vec<String> = group
            .iter()
            .take(items.saturating_add(1))
            .map(|n| name(*n))
            .collect();
        let _ = writeln!(
            out,
            "  {}. {}",
            i + 1,
            capped_of(&names, group.len(), items)
        );
    }
    for (label, pairs) in [
        ("hostile inside a bloc", &b.negative_inside),
        ("friendly across blocs", &b.positive_between),
    ] {
        for (x, y) in pairs.iter().take(items) {
            let _ = writeln!(out, "  {label}: {} – {}", name(*x), name(*y));
        }
        if pairs.len() > items {
            let _ = writeln!(
                out,
                "  … and {} more {label} (`diplograph clusters --method blocs --all` lists them all)",
                pairs.len() - items
            );
        }
    }
}

/// The briefing's structural balance, with the first unbalanced triangles.
fn report_balance(graph: &DiploGraph, bal: &Balance, out: &mut String) {
    let name = |n: NodeIndex| graph.entity(n).name.clone();
    let _ = writeln!(
        out,
        "\nStructural balance: {} of {} triangles unbalanced, frustration index {}",
        bal.unbalanced_count,
        bal.triangles,
        if bal.exact {
            bal.frustration.to_string()
        } else {
            format!(
                "between {} and {} (bounded)",
                bal.frustration_lower, bal.frustration
            )
        }
    );
    for t in bal.unbalanced.iter().take(BRIEFING_TRIANGLES) {
        let names: Vec<String> = t.states.iter().map(|n| name(*n)).collect();
        let _ = writeln!(out, "  {}", names.join(", "));
    }
    if bal.unbalanced_count > BRIEFING_TRIANGLES.min(bal.unbalanced.len()) {
        let _ = writeln!(
            out,
            "  … and {} more (`diplograph balance{}` lists them all)",
            bal.unbalanced_count - BRIEFING_TRIANGLES.min(bal.unbalanced.len()),
            if bal.omitted() > 0 { " --all" } else { "" }
        );
    }
}

/// Names joined by commas, at most `items`, then "… and N more".
fn capped(names: &[String], items: usize) -> String {
    capped_of(
        &names[..names.len().min(items.saturating_add(1))],
        names.len(),
        items,
    )
}

/// The first names of a list of `total`, at most `items`, then "… and N
/// more".
fn capped_of(names: &[String], total: usize, items: usize) -> String {
    if total <= items {
        names.join(", ")
    } else {
        format!(
            "{}, … and {} more",
            names[..items].join(", "),
            total - items
        )
    }
}

/// "  … and 12 more organizations" when `n` > 0.
fn more(out: &mut String, indent: &str, n: usize, noun: &str) {
    if n > 0 {
        let _ = writeln!(out, "{indent}… and {}", more_of(n, noun));
    }
}

/// "12 more organizations", "1 more roll call".
fn more_of(n: usize, noun: &str) -> String {
    let counted = plural(n, noun);
    let words = counted.split_once(' ').map_or("", |(_, w)| w);
    format!("{n} more {words}")
}

/// `codes`: the code asked for, else the state's codes on one line
/// (`Germany: iso3 DEU, iso2 DE, …`, the schemes it has no code in that
/// day left out).
pub fn codes(found: &crate::codes::Lookup) -> String {
    if let Some(result) = &found.result {
        return format!("{result}\n");
    }
    let codes: Vec<String> = found
        .codes
        .entries()
        .iter()
        .filter(|(s, _)| *s != crate::codes::Scheme::Name)
        .filter_map(|(s, c)| Some(format!("{} {}", s.name(), (*c)?)))
        .collect();
    format!("{}: {}\n", found.name, codes.join(", "))
}
