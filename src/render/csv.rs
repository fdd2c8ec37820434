//! CSV for spreadsheets and data frames: the answers that are tables
//! (`list`, `members`, `neighbors`, `path`, `clusters`, `align`,
//! `balance`'s unbalanced triangles, `central`, `timeline`, `diff`, and
//! every series over `--from/--to`), one header row, then one line per row.
//!
//! Why a format of its own beside JSON: an analyst's next step is often a
//! spreadsheet, R or pandas, which read flat rows, not nested objects.
//! So every row carries both the ids (stable, for joining) and the names
//! (readable), nested lists become one row per item (a neighbour reached
//! by two relations is two rows), and every row of the answer is listed
//! (what text and JSON cap by default, the CLI asks for whole). Dates are
//! ISO text at the precision the file gives (`2017-06`); an empty cell is
//! JSON's `null`: not recorded (an open end, no source, no note), or a
//! score that is undefined (κ). Quoting is the csv crate's (RFC 4180), so
//! names and notes holding commas, quotes or line breaks read back intact.

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::{Answer, Caps};
use crate::graph::DiploGraph;
use crate::query::align::{Alignment, Measure as AlignMeasure};
use crate::query::balance::Balance;
use crate::query::centrality::Centrality;
use crate::query::cluster::Clusters;
use crate::query::path::Path;
use crate::query::series::{Cell, SeriesTable};
use crate::query::{Membership, Neighbor};

/// A CSV table being written into memory.
struct Sheet {
    out: ::csv::Writer<Vec<u8>>,
}

impl Sheet {
    /// A table with this header row.
    fn new(header: &[&str]) -> Sheet {
        let mut sheet = Sheet {
            out: ::csv::Writer::from_writer(Vec::new()),
        };
        sheet.row(header.iter().copied());
        sheet
    }

    /// One row. Every row of a sheet has as many cells as its header
    /// (each renderer builds them so), and writing into memory cannot fail.
    fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        self.out
            .write_record(cells)
            .expect("a row as long as the header, written to memory");
    }

    /// The table as text.
    fn finish(self) -> String {
        let bytes = self
            .out
            .into_inner()
            .expect("flushing into memory cannot fail");
        String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
    }
}

/// A value, or the empty cell for "not recorded" (JSON's `null`).
fn cell(value: Option<impl ToString>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

/// An entity's id and name, the two cells every row about one carries.
fn named(graph: &DiploGraph, node: NodeIndex) -> [String; 2] {
    let e = graph.entity(node);
    [e.id.clone(), e.name.clone()]
}

/// The columns of a relation, as JSON's relation object names its fields
/// (its `kind` called `relation`, beside the entities' own `kind`).
const RELATION: [&str; 12] = [
    "relation", "from", "to", "since", "until", "source", "note", "role", "acting", "over",
    "position", "type",
];

/// A relation's cells, in the order of [`RELATION`]; `position` is a
/// stance's position or a vote's ballot, as in JSON.
fn relation(graph: &DiploGraph, edge: EdgeIndex) -> [String; 12] {
    let r = graph.relation(edge);
    let v = graph.validity(edge);
    let position = r
        .position
        .map(|p| p.to_string())
        .or_else(|| r.ballot.map(|b| b.to_string()));
    [
        r.kind.to_string(),
        r.from.clone(),
        r.to.clone(),
        cell(v.since),
        cell(v.until),
        cell(r.source.as_ref()),
        cell(r.note.as_ref()),
        cell(r.role.as_ref()),
        r.acting.to_string(),
        cell(r.over.as_ref()),
        cell(position),
        cell(r.alliance),
    ]
}

/// `list`: `id,name,kind,aliases,note`; `aliases` separated by `; `.
///
/// ```
/// use diplograph::graph::{DiploGraph, When};
/// use diplograph::model::EntityKind;
/// use diplograph::store::Origin;
/// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 5)));
/// let csv = diplograph::render::csv::list(&graph, &diplograph::query::list(&view, Some(EntityKind::Organization)));
/// assert!(csv.starts_with("id,name,kind,aliases,note\n"));
/// assert!(csv.contains("\nSCO,Shanghai Cooperation Organisation,organization,"));
/// ```
pub fn list(graph: &DiploGraph, nodes: &[NodeIndex]) -> String {
    let mut sheet = Sheet::new(&["id", "name", "kind", "aliases", "note"]);
    for node in nodes {
        let e = graph.entity(*node);
        sheet.row([
            e.id.clone(),
            e.name.clone(),
            e.kind.to_string(),
            e.aliases.join("; "),
            cell(e.note.as_ref()),
        ]);
    }
    sheet.finish()
}

/// `members`: `id,name,status,since,until,source,note` (the membership's
/// note), in the order of [`crate::query::members::members`].
pub fn members(graph: &DiploGraph, found: &[Membership]) -> String {
    let mut sheet = Sheet::new(&["id", "name", "status", "since", "until", "source", "note"]);
    for m in found {
        let [id, name] = named(graph, m.node);
        sheet.row([
            id,
            name,
            m.status.to_string(),
            cell(m.validity.since),
            cell(m.validity.until),
            cell(m.source.as_ref()),
            cell(graph.relation(m.edge).note.as_ref()),
        ]);
    }
    sheet.finish()
}

/// `neighbors`: `id,name,kind` of the neighbour, then the relation
/// columns (`relation,from,to,since,until,source,note,role,acting,over,
/// position,type`): one row per relation, so a neighbour joined by two
/// relations is two rows.
pub fn neighbors(graph: &DiploGraph, found: &[Neighbor<'_>]) -> String {
    let mut sheet = Sheet::new(&[&["id", "name", "kind"][..], &RELATION[..]].concat());
    for n in found {
        let [id, name] = named(graph, n.node);
        let kind = graph.entity(n.node).kind.to_string();
        for via in &n.via {
            let head = [id.clone(), name.clone(), kind.clone()];
            sheet.row(head.into_iter().chain(relation(graph, via.edge)));
        }
    }
    sheet.finish()
}

/// `path`: one row per hop, `path,hop,cost,step_from,step_from_name,
/// step_to,step_to_name`, then the relation columns. `path` and `hop`
/// count from 1; `step_from` → `step_to` is the way the path walks (the
/// relation's own `from` and `to` say how it is written); `cost` is the
/// path's total with `--weighted`, else empty.
pub fn paths(graph: &DiploGraph, found: &[Path], cost: Option<u64>) -> String {
    let head = [
        "path",
        "hop",
        "cost",
        "step_from",
        "step_from_name",
        "step_to",
        "step_to_name",
    ];
    let mut sheet = Sheet::new(&[&head[..], &RELATION[..]].concat());
    for (p, path) in found.iter().enumerate() {
        for (h, hop) in path.hops.iter().enumerate() {
            let [from, from_name] = named(graph, path.nodes[h]);
            let [to, to_name] = named(graph, path.nodes[h + 1]);
            let head = [
                (p + 1).to_string(),
                (h + 1).to_string(),
                cell(cost),
                from,
                from_name,
                to,
                to_name,
            ];
            sheet.row(head.into_iter().chain(relation(graph, hop.edge)));
        }
    }
    sheet.finish()
}

/// `clusters`: one row per member, `cluster,size,id,name,kind`: `cluster`
/// counts from 1 (largest first), `size` is the whole cluster's. At most
/// `caps` clusters and members (the CLI passes [`Caps::ALL`] unless
/// `--limit` or `--members` asks for fewer). What a method adds to the
/// partition as a whole (modularity, a bloc partition's error and broken
/// ties) is in JSON.
pub fn clusters(graph: &DiploGraph, found: &Clusters, caps: Caps) -> String {
    let mut sheet = Sheet::new(&["cluster", "size", "id", "name", "kind"]);
    for (c, group) in found
        .groups
        .iter()
        .take(caps.items_of(found.groups.len()))
        .enumerate()
    {
        for node in group.iter().take(caps.members_of(group.len())) {
            let [id, name] = named(graph, *node);
            sheet.row([
                (c + 1).to_string(),
                group.len().to_string(),
                id,
                name,
                graph.entity(*node).kind.to_string(),
            ]);
        }
    }
    sheet.finish()
}

/// The columns of an alignment's scores, as JSON names them: every
/// measure (`s_score`, `s_squared`, `kappa`, `pi`, `tau_b`), then `n`.
fn score_columns() -> Vec<&'static str> {
    let mut columns: Vec<&str> = AlignMeasure::ALL.iter().map(|m| m.key()).collect();
    columns.push("n");
    columns
}

/// An alignment's scores, in the order of [`score_columns`]; an undefined
/// measure is an empty cell.
fn scores(al: &Alignment) -> Vec<String> {
    let mut cells: Vec<String> = AlignMeasure::ALL
        .iter()
        .map(|m| cell(m.of(&al.scores)))
        .collect();
    cells.push(al.scores.n.to_string());
    cells
}

/// `align A B`: one row, `a,a_name,b,b_name,basis`, the scores
/// (`s_score,s_squared,kappa,pi,tau_b,n`), then `weighted,weight,
/// agreements,disagreements,one_sided,neither,direct_sign`: how many
/// dimensions fall in each group (the dimensions themselves are in JSON).
/// A measure is empty where undefined.
pub fn alignment(graph: &DiploGraph, al: &Alignment) -> String {
    let tail = [
        "weighted",
        "weight",
        "agreements",
        "disagreements",
        "one_sided",
        "neither",
        "direct_sign",
    ];
    let head = ["a", "a_name", "b", "b_name", "basis"];
    let mut sheet = Sheet::new(&[&head[..], &score_columns(), &tail[..]].concat());
    let [a, a_name] = named(graph, al.a);
    let [b, b_name] = named(graph, al.b);
    let mut row = vec![a, a_name, b, b_name, al.basis.name().to_string()];
    row.extend(scores(al));
    row.extend([
        al.weighted.to_string(),
        al.scores.weight.to_string(),
        al.agreements.len().to_string(),
        al.disagreements.len().to_string(),
        al.one_sided.len().to_string(),
        al.neither().to_string(),
        al.direct_sign.to_string(),
    ]);
    sheet.row(row);
    sheet.finish()
}

/// `align A --top N`: `rank,id,name,basis`, then the scores
/// (`s_score,s_squared,kappa,pi,tau_b,n`), best first.
pub fn alignment_ranking(graph: &DiploGraph, ranked: &[Alignment]) -> String {
    let head = ["rank", "id", "name", "basis"];
    let mut sheet = Sheet::new(&[&head[..], &score_columns()].concat());
    for (i, al) in ranked.iter().enumerate() {
        let [id, name] = named(graph, al.b);
        let mut row = vec![(i + 1).to_string(), id, name, al.basis.name().to_string()];
        row.extend(scores(al));
        sheet.row(row);
    }
    sheet.finish()
}

/// `balance`: the unbalanced triangles listed, worst first,
/// `a,a_name,b,b_name,c,c_name,ab,bc,ca`: the three states in file order
/// and the signs (1 or −1) of their ties. The counts and indices are in
/// text and JSON.
pub fn balance(graph: &DiploGraph, b: &Balance) -> String {
    let mut sheet = Sheet::new(&[
        "a", "a_name", "b", "b_name", "c", "c_name", "ab", "bc", "ca",
    ]);
    for t in &b.unbalanced {
        let states = t.states.iter().flat_map(|n| named(graph, *n));
        sheet.row(states.chain(t.signs.iter().map(ToString::to_string)));
    }
    sheet.finish()
}

/// `central`: `rank,id,name,kind,score`, highest first.
pub fn centrality(graph: &DiploGraph, found: &Centrality) -> String {
    let mut sheet = Sheet::new(&["rank", "id", "name", "kind", "score"]);
    for (i, s) in found.scores.iter().enumerate() {
        let [id, name] = named(graph, s.node);
        sheet.row([
            (i + 1).to_string(),
            id,
            name,
            graph.entity(s.node).kind.to_string(),
            s.score.to_string(),
        ]);
    }
    sheet.finish()
}

/// A series (`--from/--to/--every`): one row per step, `step,from,until,
/// rule`, then the series' columns by their keys (as JSON names them):
/// `from` the step's first day, `until` the first day after it. A measure
/// is empty where undefined; a column of one entity (a rank) holds its
/// id, followed by a `…_name` column with its name (both empty for no
/// entity at that rank); a column of entities (who joined, who left)
/// holds their ids separated by `; `, followed by `…_names`.
pub fn series(graph: &DiploGraph, found: &SeriesTable) -> String {
    let kinds: Vec<Option<&Cell>> = (0..found.columns.len())
        .map(|i| found.rows.first().map(|(_, cells)| &cells[i]))
        .collect();
    let mut header: Vec<String> = ["step", "from", "until", "rule"].map(String::from).to_vec();
    for (column, kind) in found.columns.iter().zip(&kinds) {
        header.push(column.key.clone());
        match kind {
            Some(Cell::Entity(_)) => header.push(format!("{}_name", column.key)),
            Some(Cell::Entities(_)) => header.push(format!("{}_names", column.key)),
            Some(Cell::Number(_) | Cell::Count(_)) | None => {}
        }
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut sheet = Sheet::new(&header);
    let ids = |list: &[NodeIndex]| -> [String; 2] {
        let (ids, names): (Vec<String>, Vec<String>) =
            list.iter().map(|n| named(graph, *n).into()).unzip();
        [ids.join("; "), names.join("; ")]
    };
    for (step, cells) in &found.rows {
        let mut row = vec![
            step.label(),
            step.from.to_string(),
            step.until.to_string(),
            found.rule.name().to_string(),
        ];
        for cell in cells {
            match cell {
                Cell::Number(v) => row.push(self::cell(*v)),
                Cell::Count(n) => row.push(n.to_string()),
                Cell::Entity(n) => {
                    row.extend(n.map_or([String::new(), String::new()], |n| named(graph, n)));
                }
                Cell::Entities(list) => row.extend(ids(list)),
            }
        }
        sheet.row(row);
    }
    sheet.finish()
}

/// The pairing an edge takes part in (`status`, `office`), or the empty
/// cell.
fn paired(pairs: &[crate::query::change::Pair], edge: EdgeIndex) -> String {
    cell(
        pairs
            .iter()
            .find(|p| p.before == edge || p.after == edge)
            .map(|p| p.kind.name()),
    )
}

/// `timeline`: `date,change,paired,relation,from,to,since,until,…` — one
/// row per start or end in date order (a handover or status change is two
/// rows, `paired` naming it: `office`, `status`); `date` empty where the
/// start is not recorded.
///
/// ```
/// use diplograph::graph::DiploGraph;
/// use diplograph::query::change::{TimelineQuery, timeline};
/// let graph = DiploGraph::load(&diplograph::store::Origin::Bundled).unwrap();
/// let iran = graph.resolve("Iran").unwrap();
/// let found = timeline(&graph, iran, &TimelineQuery::default()).unwrap();
/// let csv = diplograph::render::csv::timeline(&graph, &found);
/// assert!(csv.starts_with("date,change,paired,relation,from,to,"));
/// assert!(csv.contains("2024-05-19,started,office,"));
/// ```
pub fn timeline(graph: &DiploGraph, found: &crate::query::change::Timeline) -> String {
    use crate::query::change::Entry;
    let mut header = vec!["date", "change", "paired"];
    header.extend(RELATION);
    let mut sheet = Sheet::new(&header);
    for entry in &found.entries {
        let pairing = match entry {
            Entry::Pair { pair, .. } => pair.kind.name(),
            Entry::One { .. } => "",
        };
        for (date, change, edge) in entry.changes() {
            let mut row = vec![cell(date), change.name().to_string(), pairing.to_string()];
            row.extend(relation(graph, edge));
            sheet.row(row);
        }
    }
    sheet.finish()
}

/// `diff`: `change,paired,relation,from,to,since,until,…` — every relation
/// that started (in force on `--to`, not on `--from`), then every one that
/// ended, each in file order, votes included; `paired` names the status
/// change or handover a relation is half of.
pub fn diff(graph: &DiploGraph, found: &crate::query::change::Diff) -> String {
    let mut header = vec!["change", "paired"];
    header.extend(RELATION);
    let mut sheet = Sheet::new(&header);
    for (change, edges) in [("started", &found.started), ("ended", &found.ended)] {
        for edge in edges {
            let mut row = vec![change.to_string(), paired(&found.changed, *edge)];
            row.extend(relation(graph, *edge));
            sheet.row(row);
        }
    }
    sheet.finish()
}

/// What a CSV answer leaves out, in one sentence for stderr (a table has
/// no room for "… and N more"): rows cut by an explicit `--limit`,
/// `--members` or `--top`, or a path search that stopped at its limit.
/// `None` when every row is there.
pub fn left_out(answer: &Answer<'_>) -> Option<String> {
    match answer {
        Answer::Paths {
            truncated: true, ..
        } => Some("the search stopped at its limit; more paths exist (raise --limit)".into()),
        Answer::Clusters { found, caps, .. } => {
            let listed = caps.items_of(found.groups.len());
            let members: usize = found.groups.iter().map(Vec::len).sum();
            let shown: usize = found.groups[..listed]
                .iter()
                .map(|g| caps.members_of(g.len()))
                .sum();
            (shown < members).then(|| {
                format!(
                    "{} of {members} members of {} clusters listed (--all for every one)",
                    shown,
                    found.groups.len()
                )
            })
        }
        Answer::Balance { found, .. } => (found.omitted() > 0).then(|| {
            format!(
                "{} more unbalanced triangles not listed (--all for every one)",
                found.omitted()
            )
        }),
        Answer::Centrality { found, total, .. } => (*total > found.scores.len()).then(|| {
            format!(
                "{} more ranked entities not listed (raise --top)",
                total - found.scores.len()
            )
        }),
        Answer::Check { .. }
        | Answer::List { .. }
        | Answer::Show(..)
        | Answer::Neighbors { .. }
        | Answer::Members { .. }
        | Answer::Report { .. }
        | Answer::Paths { .. }
        | Answer::Alignment { .. }
        | Answer::Ranking { .. }
        | Answer::Series(_)
        | Answer::Timeline { .. }
        | Answer::Diff { .. }
        | Answer::Query(_)
        | Answer::Plan(_)
        | Answer::Codes(_) => None,
    }
}

/// `query`: a header row of the column names, then one line per row;
/// entities by id, null as the empty cell ([`super::rows::cell`]).
pub fn rows(graph: &DiploGraph, found: &crate::query::cypher::Rows) -> String {
    let header: Vec<&str> = found.columns.iter().map(String::as_str).collect();
    let mut sheet = Sheet::new(&header);
    for row in &found.rows {
        sheet.row(
            row.iter()
                .map(|v| super::rows::cell(graph, v, super::rows::Style::Csv)),
        );
    }
    sheet.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    #[test]
    fn cells_with_commas_quotes_and_line_breaks_read_back_intact() {
        let tricky = "a \"quoted\", two-line\nnote";
        let mut sheet = Sheet::new(&["id", "note"]);
        sheet.row(["X", tricky]);
        let text = sheet.finish();
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][1], tricky);
    }

    #[test]
    fn an_empty_listing_is_its_header_alone() {
        let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
        assert_eq!(list(&graph, &[]), "id,name,kind,aliases,note\n");
    }
}
