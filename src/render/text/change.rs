//! Text of `timeline` and `diff`: one change per line, a handover or a
//! status change as one line, votes counted rather than listed.

use std::collections::HashSet;
use std::fmt::Write;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::{Table, detail, kind_words, label, more_of, notes, sentence, source};
use crate::date::PartialDate;
use crate::error::plural;
use crate::graph::DiploGraph;
use crate::model::{Ballot, Relation, RelationKind};
use crate::query::change::analysis::{BlocMoves, Moves, Realignment};
use crate::query::change::{
    Change, Diff, DiffQuery, Entry, Pair, Pairing, Tally, Timeline, tallies,
};
use crate::render::{Caps, dates, kinds_text};

/// An entity's name, from its id.
fn name(graph: &DiploGraph, id: &str) -> String {
    graph
        .node(id)
        .map_or(id.to_string(), |n| graph.entity(n).name.clone())
}

/// A relation as a change reads it, each kind in its words: "Iran:
/// observer of Shanghai Cooperation Organisation", "Ebrahim Raisi:
/// President of Iran", "Iran's stance on War in Ukraine: neutral", "India disputes
/// with Pakistan over Kashmir", "Belarus voted no on …".
fn phrase(graph: &DiploGraph, edge: EdgeIndex) -> String {
    use RelationKind::*;
    let r = graph.relation(edge);
    let (from, to) = (name(graph, &r.from), name(graph, &r.to));
    match r.kind {
        Member | Observer | DialoguePartner | Associate | Founder => {
            format!("{from}: {} of {to}", kind_words(r.kind).0)
        }
        Leads | Serves => format!("{from}: {} of {to}", detail(graph, r)),
        Stance => match r.position {
            Some(p) => format!("{from}'s stance on {to}: {p}"),
            None => format!("{from}'s stance on {to}"),
        },
        Hosts | Attends | Partnership | Alliance | Rivalry | Dispute | Conflict | Supports
        | Sanctions | PartOf | Vote => sentence(graph, edge).swap_remove(0),
    }
}

/// An office holder as a handover names them: "Mohammad Mokhber (acting)".
fn holder(graph: &DiploGraph, r: &Relation) -> String {
    let acting = if r.acting { " (acting)" } else { "" };
    format!("{}{acting}", name(graph, &r.from))
}

/// Two relations read as one change: "Ebrahim Raisi → Mohammad Mokhber
/// (acting), President of Iran"; "Belarus in Shanghai Cooperation
/// Organisation: observer → member".
fn pair_phrase(graph: &DiploGraph, pair: &Pair) -> String {
    let (before, after) = (graph.relation(pair.before), graph.relation(pair.after));
    match pair.kind {
        Pairing::Office => format!(
            "{} → {}, {} of {}",
            holder(graph, before),
            holder(graph, after),
            after.role.as_deref().unwrap_or_default(),
            name(graph, &after.to)
        ),
        Pairing::Status => format!(
            "{} in {}: {} → {}",
            name(graph, &after.from),
            name(graph, &after.to),
            kind_words(before.kind).0,
            kind_words(after.kind).0
        ),
    }
}

/// What a line of a pair says it is: "handover" or "status".
fn pair_word(pair: &Pair) -> &'static str {
    match pair.kind {
        Pairing::Office => "handover",
        Pairing::Status => "status",
    }
}

/// The sources of a pair, "[a]" or "[a] [b]".
fn pair_sources(graph: &DiploGraph, pair: &Pair) -> String {
    let mut cited: Vec<String> = [pair.before, pair.after]
        .into_iter()
        .map(|e| source(graph.relation(e)))
        .filter(|s| !s.is_empty())
        .collect();
    cited.dedup();
    cited.join(" ")
}

/// The notes of both relations of a pair, each saying whose it is.
fn pair_notes(graph: &DiploGraph, pair: &Pair, table: &mut Table) {
    for edge in [pair.before, pair.after] {
        let r = graph.relation(edge);
        let who = match pair.kind {
            Pairing::Office => holder(graph, r),
            Pairing::Status => format!("the {} status", kind_words(r.kind).0),
        };
        if let Some(line) = notes::about(&who, r.note.as_ref()) {
            table.free(line);
        }
    }
}

/// "yes 141, no 5, abstained 35": the ballots counted, the ways nobody
/// voted left out.
fn ballots(counts: [usize; 3]) -> String {
    Ballot::ALL
        .iter()
        .filter(|b| counts[**b as usize] > 0)
        .map(|b| {
            let word = match b {
                Ballot::Yes => "yes",
                Ballot::No => "no",
                Ballot::Abstain => "abstained",
            };
            format!("{word} {}", counts[*b as usize])
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "181 votes on 1 roll call: yes 141, no 5, abstained 35".
fn vote_count(found: &[Tally]) -> String {
    let mut counts = [0usize; 3];
    for tally in found {
        for (sum, n) in counts.iter_mut().zip(tally.ballots) {
            *sum += n;
        }
    }
    format!(
        "{} on {}: {}",
        plural(counts.iter().sum(), "vote"),
        plural(found.len(), "roll call"),
        ballots(counts)
    )
}

/// " from 2024-01-01 to 2024-12-31 over leads": what narrowed a
/// timeline, for its headline and its empty answer.
fn window(timeline: &Timeline) -> String {
    let q = &timeline.query;
    let mut out = String::new();
    if let Some(from) = q.from {
        let _ = write!(out, " from {from}");
    }
    if let Some(to) = q.to {
        let _ = write!(out, " to {to}");
    }
    out.push_str(&via_words(&q.via));
    out
}

/// " over leads, serves", or nothing for every kind.
fn via_words(via: &[RelationKind]) -> String {
    if via.is_empty() {
        String::new()
    } else {
        format!(" {}", kinds_text(via))
    }
}

/// " of Belarus (BLR)" (`word` "of"), or nothing without a focus.
fn focus_words(graph: &DiploGraph, q: &DiffQuery, word: &str) -> String {
    q.focus
        .map(|n| format!(" {word} {}", label(graph, n)))
        .unwrap_or_default()
}

/// One line of a timeline as text shows it: an entry, or the votes of one
/// year counted (the entry at which the year's first vote stands).
enum Line {
    Entry(Entry),
    Votes {
        year: Option<i16>,
        days: Vec<Option<PartialDate>>,
        edges: Vec<EdgeIndex>,
    },
}

/// The timeline's lines: every entry, but a vote folded into its year's
/// count, at the place of the year's first vote.
fn lines(graph: &DiploGraph, timeline: &Timeline) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut open: Option<(Option<i16>, usize)> = None;
    for entry in &timeline.entries {
        match *entry {
            Entry::One {
                edge,
                change: Change::Started,
                date,
            } if graph.kind(edge) == RelationKind::Vote => {
                let year = date.map(|d| d.year());
                match open {
                    Some((y, at)) if y == year => {
                        if let Line::Votes { days, edges, .. } = &mut out[at] {
                            days.push(date);
                            edges.push(edge);
                        }
                    }
                    _ => {
                        open = Some((year, out.len()));
                        out.push(Line::Votes {
                            year,
                            days: vec![date],
                            edges: vec![edge],
                        });
                    }
                }
            }
            _ => out.push(Line::Entry(*entry)),
        }
    }
    out
}

/// A date as a timeline prints it, at its precision; "not recorded" for a
/// start the file does not give.
fn when(date: Option<PartialDate>) -> String {
    date.map_or("not recorded".to_string(), |d| d.to_string())
}

/// `timeline`: a headline, then one line per change in date order (a
/// handover or status change as one, the votes of a year as one count),
/// at most `caps.items` of them; with `notes`, each relation's note under
/// its line.
pub fn timeline(graph: &DiploGraph, found: &Timeline, caps: Caps, with_notes: bool) -> String {
    let lines = lines(graph, found);
    let mut out = format!(
        "{}: {}{}\n",
        label(graph, found.node),
        plural(found.entries.len(), "change"),
        window(found)
    );
    let mut table = Table::default();
    let shown = caps.items_of(lines.len());
    for line in &lines[..shown] {
        match line {
            Line::Entry(Entry::One { edge, change, date }) => {
                table.row([
                    when(*date),
                    change.name().to_string(),
                    phrase(graph, *edge),
                    source(graph.relation(*edge)),
                ]);
                if with_notes {
                    notes::under_row(&mut table, graph, *edge);
                }
            }
            Line::Entry(Entry::Pair { pair, date }) => {
                table.row([
                    date.to_string(),
                    pair_word(pair).to_string(),
                    pair_phrase(graph, pair),
                    pair_sources(graph, pair),
                ]);
                if with_notes {
                    pair_notes(graph, pair, &mut table);
                }
            }
            Line::Votes { year, days, edges } => {
                let date = match (days.first(), year) {
                    (Some(first), _) if days.iter().all(|d| d == first) => when(*first),
                    (_, Some(year)) => year.to_string(),
                    (_, None) => when(None),
                };
                table.row([
                    date,
                    "voted".to_string(),
                    vote_count(&tallies(graph, edges)),
                    String::new(),
                ]);
            }
        }
    }
    table.render("  ", &mut out);
    if shown < lines.len() {
        let _ = writeln!(
            out,
            "  … and {} (`--limit N` or `--all` lists more, `--from`/`--to` narrows)",
            more_of(lines.len() - shown, "line")
        );
    }
    out
}

/// What an empty timeline says: that the entity has no relation recorded
/// at all, or none that started or ended in the window asked about.
pub fn no_timeline(graph: &DiploGraph, found: &Timeline) -> String {
    let who = label(graph, found.node);
    if found.recorded == 0 {
        format!("{who}: no relations recorded.")
    } else {
        format!(
            "{who}: no relation started or ended{} ({} recorded at any time).",
            window(found),
            plural(found.recorded, "relation")
        )
    }
}

/// Where a diff's changes are listed: each kind in one section, every kind
/// listed so a new kind must choose its section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Memberships,
    Offices,
    Disputes,
    Conflicts,
    Sanctions,
    Other,
    Votes,
}

impl Section {
    const ALL: [Section; 7] = [
        Section::Memberships,
        Section::Offices,
        Section::Disputes,
        Section::Conflicts,
        Section::Sanctions,
        Section::Other,
        Section::Votes,
    ];

    fn of(kind: RelationKind) -> Section {
        use RelationKind::*;
        match kind {
            Member | Observer | DialoguePartner | Associate | Founder => Section::Memberships,
            Leads | Serves => Section::Offices,
            Dispute => Section::Disputes,
            Conflict => Section::Conflicts,
            Sanctions => Section::Sanctions,
            Hosts | Attends | Partnership | Alliance | Rivalry | Supports | Stance | PartOf => {
                Section::Other
            }
            Vote => Section::Votes,
        }
    }

    /// The heading, and the words for a relation started and ended.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Section::Memberships => ("Memberships", "gained", "lost"),
            Section::Offices => ("Offices", "took office", "left office"),
            Section::Disputes => ("Disputes", "new", "ended"),
            Section::Conflicts => ("Conflicts", "new", "ended"),
            Section::Sanctions => ("Sanctions", "new", "lifted"),
            Section::Other => ("Other relations", "started", "ended"),
            Section::Votes => ("Votes", "cast", "over"),
        }
    }
}

/// The days of a pair: the day of the change when one ended as the other
/// started, else both ends.
fn pair_days(graph: &DiploGraph, pair: &Pair) -> String {
    let (before, after) = (graph.validity(pair.before), graph.validity(pair.after));
    match (before.until, after.since) {
        (Some(u), Some(s)) if u == s => s.to_string(),
        (u, s) => {
            let part = |word: &str, d: Option<PartialDate>| d.map(|d| format!("{word} {d}"));
            [part("until", u), part("since", s)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; ")
        }
    }
}

/// "… and 12 more" under a capped section.
fn left_out(out: &mut String, left: usize) {
    if left > 0 {
        let _ = writeln!(
            out,
            "  … and {left} more (`--limit N` or `--all` lists more)"
        );
    }
}

/// `diff`: a headline with the counts, then the changes by section —
/// memberships (status changes, gained, lost), offices (handovers, taken,
/// left), disputes, conflicts, sanctions, other relations — each at most
/// `caps.items` lines, then the votes counted by roll call; with `moves`,
/// the blocs and alignments that moved.
pub fn diff(
    graph: &DiploGraph,
    found: &Diff,
    moves: Option<&Moves>,
    caps: Caps,
    with_notes: bool,
) -> String {
    let mut out = diff_headline(graph, found);
    let paired: HashSet<EdgeIndex> = found
        .changed
        .iter()
        .flat_map(|p| [p.before, p.after])
        .collect();
    for section in Section::ALL {
        match section {
            Section::Votes => votes(graph, found, caps, &mut out),
            _ => section_lines(graph, found, section, &paired, caps, with_notes, &mut out),
        }
    }
    if let Some(moves) = moves {
        bloc_lines(graph, &moves.blocs, found, caps, &mut out);
        alignment_lines(graph, &moves.alignment, moves.threshold, caps, &mut out);
    }
    out
}

/// "Changes of Belarus (BLR) from 2024-07-03 to 2024-07-05: 9 relations
/// started, 1 ended (1 status change)".
fn diff_headline(graph: &DiploGraph, found: &Diff) -> String {
    let q = &found.query;
    let focus = focus_words(graph, q, "of");
    let via = via_words(&q.via);
    let mut out = format!(
        "Changes{focus} from {} to {}{via}: {} started, {} ended",
        q.from,
        q.to,
        plural(found.started.len(), "relation"),
        found.ended.len(),
    );
    let count = |kind| found.changed.iter().filter(|p| p.kind == kind).count();
    let read: Vec<String> = [
        (count(Pairing::Status), "status change"),
        (count(Pairing::Office), "handover"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, word)| plural(n, word))
    .collect();
    if !read.is_empty() {
        let _ = write!(out, " ({})", read.join(", "));
    }
    out.push('\n');
    out
}

/// One section of a diff (not the votes): its pairs, then what started,
/// then what ended, the relations of a pair not again; at most
/// `caps.items` lines, then how many were left out.
fn section_lines(
    graph: &DiploGraph,
    found: &Diff,
    section: Section,
    paired: &HashSet<EdgeIndex>,
    caps: Caps,
    with_notes: bool,
    out: &mut String,
) {
    let (heading, gained, lost) = section.words();
    let alone = |e: &&EdgeIndex| Section::of(graph.kind(**e)) == section && !paired.contains(e);
    let pairs: Vec<&Pair> = found
        .changed
        .iter()
        .filter(|p| Section::of(graph.kind(p.after)) == section)
        .collect();
    let singles: Vec<(&str, EdgeIndex)> = found
        .started
        .iter()
        .filter(alone)
        .map(|e| (gained, *e))
        .chain(found.ended.iter().filter(alone).map(|e| (lost, *e)))
        .collect();
    let total = pairs.len() + singles.len();
    if total == 0 {
        return;
    }
    let _ = writeln!(out, "{heading}");
    let shown = caps.items_of(total);
    let mut table = Table::default();
    for pair in pairs.iter().take(shown) {
        table.row([
            pair_word(pair).to_string(),
            pair_phrase(graph, pair),
            pair_days(graph, pair),
            pair_sources(graph, pair),
        ]);
        if with_notes {
            pair_notes(graph, pair, &mut table);
        }
    }
    for (word, edge) in singles.iter().take(shown.saturating_sub(pairs.len())) {
        table.row([
            (*word).to_string(),
            phrase(graph, *edge),
            dates(&graph.validity(*edge)),
            source(graph.relation(*edge)),
        ]);
        if with_notes {
            notes::under_row(&mut table, graph, *edge);
        }
    }
    table.render("  ", out);
    left_out(out, total - shown);
}

/// The votes of a diff: how many were cast on the later day's roll calls
/// and how many were over (the earlier day's), each counted, then at most
/// `caps.items` roll calls with their ballots.
fn votes(graph: &DiploGraph, found: &Diff, caps: Caps, out: &mut String) {
    if found.started_votes.is_empty() && found.ended_votes.is_empty() {
        return;
    }
    let (heading, cast, over) = Section::Votes.words();
    let _ = writeln!(out, "{heading}");
    for (word, group) in [(cast, &found.started_votes), (over, &found.ended_votes)] {
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {word}: {}", vote_count(group));
        let shown = caps.items_of(group.len());
        let mut table = Table::default();
        for tally in &group[..shown] {
            let day = graph
                .entity(tally.roll_call)
                .roll_call
                .as_ref()
                .and_then(|rc| rc.date)
                .map(|d| d.to_string())
                .unwrap_or_default();
            table.row([label(graph, tally.roll_call), day, ballots(tally.ballots)]);
        }
        table.render("    ", out);
        if shown < group.len() {
            let _ = writeln!(
                out,
                "    … and {} (`--limit N` or `--all` lists more)",
                more_of(group.len() - shown, "roll call")
            );
        }
    }
}

/// "China, Russia, … and 8 more": a bloc's first names.
fn bloc_names(graph: &DiploGraph, bloc: &[NodeIndex], caps: Caps) -> String {
    let shown = caps.members_of(bloc.len());
    let names: Vec<String> = bloc[..shown]
        .iter()
        .map(|n| graph.entity(*n).name.clone())
        .collect();
    if shown < bloc.len() {
        format!("{}, … and {} more", names.join(", "), bloc.len() - shown)
    } else {
        names.join(", ")
    }
}

/// The blocs of both days and the states that changed bloc.
fn bloc_lines(graph: &DiploGraph, blocs: &BlocMoves, found: &Diff, caps: Caps, out: &mut String) {
    let q = &found.query;
    let _ = writeln!(
        out,
        "Blocs of states (signed, as `clusters --method blocs`): {} on {}, {} on {}",
        blocs.before.len(),
        q.from,
        blocs.after.len(),
        q.to
    );
    let small = Caps {
        members: Some(caps.members.unwrap_or(usize::MAX).min(5)),
        ..caps
    };
    for (day, groups) in [(q.from, &blocs.before), (q.to, &blocs.after)] {
        for (i, bloc) in groups.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {day} bloc {}: {}",
                i + 1,
                bloc_names(graph, bloc, small)
            );
        }
    }
    if blocs.moved.is_empty() {
        let _ = writeln!(out, "  no state changed bloc");
        return;
    }
    let shown = caps.items_of(blocs.moved.len());
    let mut table = Table::default();
    let bloc = |i: Option<usize>| i.map_or("none".to_string(), |i| format!("bloc {}", i + 1));
    for m in &blocs.moved[..shown] {
        table.row([
            label(graph, m.state),
            format!("{} → {}", bloc(m.before), bloc(m.after)),
        ]);
    }
    table.render("  ", out);
    left_out(out, blocs.moved.len() - shown);
}

/// The pairs whose S moved by more than the threshold, largest first.
fn alignment_lines(
    graph: &DiploGraph,
    moved: &[Realignment],
    threshold: f64,
    caps: Caps,
    out: &mut String,
) {
    let _ = writeln!(
        out,
        "Alignment (S over relations) moved by more than {threshold}, for pairs with a state a change touches"
    );
    if moved.is_empty() {
        let _ = writeln!(out, "  no pair");
        return;
    }
    let shown = caps.items_of(moved.len());
    let mut table = Table::default();
    for r in &moved[..shown] {
        table.row([
            format!("{} – {}", graph.entity(r.a).name, graph.entity(r.b).name),
            format!("S {:.3} → {:.3}", r.before, r.after),
            format!("({:+.3})", r.change()),
        ]);
    }
    table.render("  ", out);
    left_out(out, moved.len() - shown);
}

/// What an empty diff says: nothing started or ended between the two days
/// (for the entity and kinds asked about).
pub fn no_changes(graph: &DiploGraph, found: &Diff) -> String {
    let q = &found.query;
    let (focus, via) = (focus_words(graph, q, "touching"), via_words(&q.via));
    format!(
        "no relation{focus}{via} started or ended between {} and {}",
        q.from, q.to
    )
}
