//! Graphviz DOT diagrams, written with the `dot-writer` crate.
//!
//! The drawing is meant to read without a key, and has one anyway:
//! - entities: shape and colour by kind (countries are blue boxes, people
//!   yellow ellipses, organizations green hexagons, events purple notes,
//!   issues orange octagons);
//! - relations: colour and style by kind; negative ties (rivalry, dispute,
//!   conflict, sanctions) are red and dashed, symmetric ties have no
//!   arrowheads, sanctions end in a bar;
//! - labels say the kind, the kind-specific detail (role, `over`,
//!   position) and the dates, so "member since 2024-07-04" is on the edge;
//! - a legend cluster shows every kind drawn.
//!
//! **Escaping.** dot-writer writes ids and values as given, so nothing from
//! the data is ever an id: nodes are `n0`, `n1`, … (the node index) and
//! every name goes into a quoted label through [`escape`]. That keeps the
//! output valid for any name: quotes, backslashes, newlines, any script,
//! HTML-like text, or DOT keywords (`node`, `graph`, `strict`).
//!
//! **Writing.** dot-writer unwraps every write and finishes the graph in
//! `Drop`, so a failing writer (a closed pipe) would panic inside `Drop`
//! and abort. [`write()`] therefore renders into memory only; the caller
//! writes the finished text, where a closed pipe is an ordinary error.

use std::collections::{BTreeSet, HashMap};

use dot_writer::{Attributes, DotWriter, Scope};
use petgraph::graph::{EdgeIndex, NodeIndex};

use super::Slice;
use crate::model::{EntityKind, Position, Relation, RelationKind, Sign};
use crate::render::dates;

/// Direction of rank in `dot`'s layered layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RankDir {
    /// Top to bottom.
    TopBottom,
    /// Left to right (default: long names read better side by side).
    #[default]
    LeftRight,
    /// Bottom to top.
    BottomTop,
    /// Right to left.
    RightLeft,
}

impl RankDir {
    fn name(self) -> &'static str {
        match self {
            RankDir::TopBottom => "TB",
            RankDir::LeftRight => "LR",
            RankDir::BottomTop => "BT",
            RankDir::RightLeft => "RL",
        }
    }
}

/// The Graphviz layout program.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Engine {
    /// Layered (hierarchies, memberships).
    #[default]
    Dot,
    /// Spring model (small graphs).
    Neato,
    /// Force-directed.
    Fdp,
    /// Force-directed, for large graphs.
    Sfdp,
    /// Circular.
    Circo,
    /// Radial, around the first node.
    Twopi,
}

impl Engine {
    /// The program's name, as in `-K` and `layout=`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Dot => "dot",
            Engine::Neato => "neato",
            Engine::Fdp => "fdp",
            Engine::Sfdp => "sfdp",
            Engine::Circo => "circo",
            Engine::Twopi => "twopi",
        }
    }
}

/// How the force-directed engines (neato, fdp, sfdp) remove node overlaps;
/// Graphviz's `overlap` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlap {
    /// Remove overlaps (Graphviz's best available method).
    Remove,
    /// Keep overlaps.
    Keep,
    /// Scale the layout up uniformly until nodes no longer overlap.
    Scale,
    /// Scale x and y separately.
    Scalexy,
    /// Prism (needs Graphviz built with GTS).
    Prism,
    /// Compress while keeping nodes apart.
    Compress,
    /// Voronoi-based adjustment.
    Voronoi,
}

impl Overlap {
    fn value(self) -> &'static str {
        match self {
            Overlap::Remove => "false",
            Overlap::Keep => "true",
            Overlap::Scale => "scale",
            Overlap::Scalexy => "scalexy",
            Overlap::Prism => "prism",
            Overlap::Compress => "compress",
            Overlap::Voronoi => "voronoi",
        }
    }
}

/// What edge labels say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EdgeLabels {
    /// Kind, detail and dates: "member / since 2024-07-04".
    #[default]
    Full,
    /// Kind and detail only: "member", "acting President".
    Short,
    /// No edge labels (colours and the legend tell the kinds).
    None,
}

/// How to draw the diagram.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DotOptions {
    /// Heading above the diagram; a default naming the moment when `None`.
    pub title: Option<String>,
    /// Rank direction (used by `dot`).
    pub rankdir: RankDir,
    /// Layout program, written as `layout=` when not `dot`, so the file
    /// renders the same with any Graphviz command.
    pub engine: Engine,
    /// Overlap removal for neato, fdp and sfdp; `false` when not given
    /// and the engine is one of them.
    pub overlap: Option<Overlap>,
    /// Edge label detail.
    pub labels: EdgeLabels,
    /// Whether to draw the legend.
    pub legend: bool,
    /// Organizations whose full members (in the slice, at its moment) are
    /// drawn inside a cluster with the organization. Graphviz cannot nest
    /// overlapping clusters, so a state that belongs to several is drawn in
    /// the first one listed.
    pub clusters: Vec<NodeIndex>,
}

impl DotOptions {
    /// The defaults with a legend: what `export dot` draws.
    pub fn new() -> Self {
        DotOptions {
            legend: true,
            ..DotOptions::default()
        }
    }
}

/// Escapes text for a double-quoted DOT string that Graphviz reads as an
/// escString (labels): backslash and quote are escaped, a newline becomes
/// Graphviz's `\n` line break, a carriage return is dropped, and other
/// control characters (which Graphviz cannot draw, and NUL would cut the
/// string) become U+FFFD. `&` becomes `&amp;`, because Graphviz decodes
/// HTML entities even in plain labels: a name containing `&lt;` must not
/// be drawn as `<`.
///
/// ```
/// use diplograph::export::dot::escape;
/// assert_eq!(escape(r#"say "hi" \ bye"#), r#"say \"hi\" \\ bye"#);
/// assert_eq!(escape("two\nlines"), r"two\nlines");
/// assert_eq!(escape(r"ends in \"), r"ends in \\");
/// assert_eq!(escape("R&D"), "R&amp;D");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// How an entity kind is drawn: Graphviz shape, fill, outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeLook {
    /// Graphviz `shape`, one per kind so kinds tell apart without colour.
    pub shape: &'static str,
    /// Fill colour (`#rrggbb`), a light tint of the outline.
    pub fill: &'static str,
    /// Outline and label colour (`#rrggbb`).
    pub line: &'static str,
}

/// The look of each entity kind.
pub fn node_look(kind: EntityKind) -> NodeLook {
    let (shape, fill, line) = match kind {
        EntityKind::Country => ("box", "#dbeafe", "#1d4ed8"),
        EntityKind::Person => ("ellipse", "#fef3c7", "#b45309"),
        EntityKind::Organization => ("hexagon", "#dcfce7", "#15803d"),
        EntityKind::Event => ("note", "#ede9fe", "#6d28d9"),
        EntityKind::Issue => ("octagon", "#ffedd5", "#c2410c"),
        EntityKind::RollCall => ("cds", "#f1f5f9", "#475569"),
    };
    NodeLook { shape, fill, line }
}

/// The red of negative ties.
pub const NEGATIVE_RED: &str = "#dc2626";

/// How a relation kind is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EdgeLook {
    /// Line colour (`#rrggbb`): [`NEGATIVE_RED`] for negative kinds.
    pub color: &'static str,
    /// Graphviz `style`: `solid`, `dashed`, `dotted`, `bold`.
    pub style: &'static str,
    /// Graphviz `penwidth`, as written into the DOT: heavier for the
    /// stronger ties.
    pub penwidth: &'static str,
    /// Graphviz `arrowhead`.
    pub arrowhead: &'static str,
    /// No direction drawn (symmetric kinds).
    pub undirected: bool,
}

/// The look of each relation kind: negative kinds red and dashed,
/// symmetric kinds without arrowheads.
///
/// ```
/// use diplograph::export::dot::{edge_look, NEGATIVE_RED};
/// use diplograph::model::RelationKind;
/// let dispute = edge_look(RelationKind::Dispute);
/// assert_eq!((dispute.color, dispute.style, dispute.undirected), (NEGATIVE_RED, "dashed", true));
/// assert!(!edge_look(RelationKind::Member).undirected);
/// ```
pub fn edge_look(kind: RelationKind) -> EdgeLook {
    use RelationKind::*;
    let (color, style, penwidth, arrowhead) = match kind {
        Member => ("#15803d", "solid", "1.6", "normal"),
        Observer => ("#15803d", "dotted", "1.4", "empty"),
        DialoguePartner => ("#65a30d", "dotted", "1.2", "empty"),
        Founder => ("#166534", "bold", "2", "normal"),
        Leads => ("#b45309", "solid", "1.4", "normal"),
        Serves => ("#d97706", "dotted", "1.2", "normal"),
        PartOf => ("#6d28d9", "dotted", "1", "diamond"),
        Hosts => ("#6d28d9", "solid", "1.2", "normal"),
        Attends => ("#a78bfa", "solid", "1", "normal"),
        Partnership => ("#2563eb", "solid", "1.6", "none"),
        Alliance => ("#1e3a8a", "bold", "2.4", "none"),
        Supports => ("#2563eb", "solid", "1.6", "normal"),
        Rivalry => (NEGATIVE_RED, "dashed", "1.4", "none"),
        Dispute => (NEGATIVE_RED, "dashed", "1.8", "none"),
        Conflict => (NEGATIVE_RED, "dashed", "2.6", "none"),
        Sanctions => (NEGATIVE_RED, "dashed", "1.6", "tee"),
        Stance => ("#64748b", "solid", "1", "odot"),
        Associate => ("#16a34a", "solid", "1.2", "empty"),
        Vote => ("#475569", "solid", "0.8", "normal"),
    };
    debug_assert_eq!(kind.sign() == Sign::Negative, color == NEGATIVE_RED);
    EdgeLook {
        color,
        style,
        penwidth,
        arrowhead,
        undirected: kind.is_symmetric(),
    }
}

/// The colour of a stance, by position.
fn stance_color(position: Option<Position>) -> &'static str {
    match position {
        Some(Position::Supports) => "#15803d",
        Some(Position::Opposes) => "#b91c1c",
        Some(Position::Neutral) | None => "#64748b",
    }
}

/// "member", "acting President", "dispute over Kashmir", "voted yes":
/// the words [`crate::render::relation_phrase`] gives every answer.
pub(crate) fn edge_phrase(slice: &Slice<'_>, relation: &Relation) -> String {
    crate::render::relation_phrase(slice.graph(), relation)
}

/// The edge label for the chosen detail. Dates are left off `hosts` and
/// `attends`, whose date is the event's, already on the event.
pub(crate) fn edge_label(slice: &Slice<'_>, edge: EdgeIndex, labels: EdgeLabels) -> String {
    let relation = slice.graph().relation(edge);
    let phrase = edge_phrase(slice, relation);
    match labels {
        EdgeLabels::None => String::new(),
        EdgeLabels::Short => phrase,
        EdgeLabels::Full => {
            let when = dates(&slice.graph().validity(edge));
            if when.is_empty()
                || matches!(
                    relation.kind,
                    RelationKind::Hosts | RelationKind::Attends | RelationKind::Vote
                )
            {
                phrase
            } else {
                format!("{phrase}\n{when}")
            }
        }
    }
}

/// A node's label: its name; an event adds its place and dates.
pub(crate) fn node_label(slice: &Slice<'_>, node: NodeIndex) -> String {
    let e = slice.graph().entity(node);
    let mut label = e.name.clone();
    if let Some(event) = &e.event {
        for line in [event.place.clone().unwrap_or_default(), event.days(" – ")] {
            if !line.is_empty() {
                label.push('\n');
                label.push_str(&line);
            }
        }
    }
    label
}

/// Which cluster (index into `options.clusters`) each slice node is drawn
/// in: the organization itself and its full members at the slice's moment.
fn cluster_of(slice: &Slice<'_>, clusters: &[NodeIndex]) -> HashMap<NodeIndex, usize> {
    let in_slice: BTreeSet<NodeIndex> = slice.nodes().iter().copied().collect();
    let mut placed = HashMap::new();
    for (i, org) in clusters.iter().enumerate() {
        let members: Vec<NodeIndex> = slice
            .view()
            .incident(*org)
            .into_iter()
            .filter(|inc| inc.relation.kind == RelationKind::Member && !inc.outgoing)
            .map(|inc| inc.other)
            .filter(|n| in_slice.contains(n) && !placed.contains_key(n))
            .collect();
        if members.is_empty() {
            continue;
        }
        if in_slice.contains(org) {
            placed.entry(*org).or_insert(i);
        }
        for member in members {
            placed.insert(member, i);
        }
    }
    placed
}

fn quoted<A: Attributes>(attrs: &mut A, name: &str, value: &str) {
    attrs.set(name, &escape(value), true);
}

fn write_node(scope: &mut Scope<'_, '_>, slice: &Slice<'_>, node: NodeIndex) {
    let e = slice.graph().entity(node);
    let look = node_look(e.kind);
    let mut n = scope.node_named(format!("n{}", node.index()));
    quoted(&mut *n, "label", &node_label(slice, node));
    quoted(
        &mut *n,
        "tooltip",
        &format!("{} ({}): {}", e.name, e.id, e.kind),
    );
    quoted(&mut *n, "shape", look.shape);
    quoted(&mut *n, "fillcolor", look.fill);
    quoted(&mut *n, "color", look.line);
}

fn edge_attributes<A: Attributes>(attrs: &mut A, kind: RelationKind, position: Option<Position>) {
    let look = edge_look(kind);
    let color = if kind == RelationKind::Stance {
        stance_color(position)
    } else {
        look.color
    };
    quoted(attrs, "color", color);
    quoted(attrs, "fontcolor", color);
    quoted(attrs, "style", look.style);
    quoted(attrs, "penwidth", look.penwidth);
    quoted(attrs, "arrowhead", look.arrowhead);
    if look.undirected {
        quoted(attrs, "dir", "none");
    }
}

fn legend(root: &mut Scope<'_, '_>, slice: &Slice<'_>) {
    let graph = slice.graph();
    let kinds: BTreeSet<EntityKind> = slice
        .nodes()
        .iter()
        .map(|n| graph.entity(*n).kind)
        .collect();
    let relations: BTreeSet<RelationKind> = slice
        .edges()
        .iter()
        .map(|e| graph.relation(*e).kind)
        .collect();
    if kinds.is_empty() && relations.is_empty() {
        return;
    }
    let mut cluster = root.cluster();
    quoted(&mut cluster, "label", "Legend");
    quoted(&mut cluster, "style", "rounded");
    quoted(&mut cluster, "color", "#94a3b8");
    quoted(&mut cluster, "fontcolor", "#475569");
    // Entity kinds and relation kinds in two borderless inner clusters, so
    // the kinds do not share ranks with the sample edges and the samples
    // are drawn straight.
    {
        let mut entities = cluster.cluster();
        quoted(&mut entities, "label", "");
        quoted(&mut entities, "peripheries", "0");
        for kind in &kinds {
            let look = node_look(*kind);
            let mut n = entities.node_named(format!("legend_{}", kind.name()));
            quoted(&mut *n, "label", kind.name());
            quoted(&mut *n, "shape", look.shape);
            quoted(&mut *n, "fillcolor", look.fill);
            quoted(&mut *n, "color", look.line);
        }
    }
    let mut samples = cluster.cluster();
    quoted(&mut samples, "label", "");
    quoted(&mut samples, "peripheries", "0");
    for kind in &relations {
        let (a, b) = (
            format!("legend_{}_from", kind.name()),
            format!("legend_{}_to", kind.name()),
        );
        for id in [&a, &b] {
            let mut n = samples.node_named(id.clone());
            quoted(&mut *n, "label", "");
            quoted(&mut *n, "shape", "point");
            quoted(&mut *n, "width", "0.05");
            quoted(&mut *n, "color", "#94a3b8");
        }
        let mut attrs = samples.edge(&a, &b).attributes();
        let label = match kind {
            RelationKind::DialoguePartner => "dialogue partner",
            RelationKind::Stance => "stance (supports / opposes / neutral)",
            k => k.name(),
        };
        quoted(&mut attrs, "label", label);
        edge_attributes(&mut attrs, *kind, None);
        if *kind == RelationKind::Stance {
            quoted(&mut attrs, "color", "#15803d:#64748b:#b91c1c");
        }
    }
}

/// The title of a drawing when `--title` gives none.
fn default_title(when: crate::graph::When) -> String {
    match when {
        crate::graph::When::On(day) => format!("Diplomatic relations as of {day}"),
        crate::graph::When::During { from, until } => format!(
            "Diplomatic relations in {}",
            crate::date::period_name(from, until)
        ),
        crate::graph::When::AllTime => "Diplomatic relations, all time".to_string(),
    }
}

/// The slice as a DOT digraph.
///
/// ```
/// use diplograph::export::{dot, Selection, Slice};
/// use diplograph::{graph::{DiploGraph, When}, model::RelationKind, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let sco = graph.resolve("SCO").unwrap();
/// let slice = Slice::new(
///     graph.at(When::On(jiff::civil::date(2024, 7, 4))),
///     &Selection { via: vec![RelationKind::Member], focus: Some((sco, 1)) },
/// );
/// let text = dot::write(&slice, &dot::DotOptions::new());
/// assert!(text.starts_with("digraph {"));
/// assert!(text.contains(r#"label="member\nsince 2024-07-04""#)); // Belarus joined that day
/// ```
///
/// # Panics
///
/// Never: writing to memory cannot fail, and text built from UTF-8 strings
/// is UTF-8.
pub fn write(slice: &Slice<'_>, options: &DotOptions) -> String {
    let graph = slice.graph();
    let mut bytes: Vec<u8> = Vec::new();
    {
        let mut writer = DotWriter::from(&mut bytes);
        writer.set_pretty_print(true);
        let mut root = writer.digraph();
        {
            let mut g = root.graph_attributes();
            let title = options
                .title
                .clone()
                .unwrap_or_else(|| default_title(slice.when()));
            quoted(&mut g, "label", &title);
            quoted(&mut g, "labelloc", "t");
            quoted(&mut g, "fontname", "Helvetica");
            quoted(&mut g, "fontsize", "16");
            quoted(&mut g, "rankdir", options.rankdir.name());
            quoted(&mut g, "nodesep", "0.3");
            quoted(&mut g, "ranksep", "0.6");
            if options.engine != Engine::Dot {
                quoted(&mut g, "layout", options.engine.name());
            }
            let overlap = options.overlap.or(match options.engine {
                Engine::Neato | Engine::Fdp | Engine::Sfdp => Some(Overlap::Remove),
                _ => None,
            });
            if let Some(overlap) = overlap {
                quoted(&mut g, "overlap", overlap.value());
            }
        }
        {
            let mut n = root.node_attributes();
            quoted(&mut n, "style", "filled");
            quoted(&mut n, "fontname", "Helvetica");
            quoted(&mut n, "fontsize", "11");
            quoted(&mut n, "margin", "0.08,0.04");
        }
        {
            let mut e = root.edge_attributes();
            quoted(&mut e, "fontname", "Helvetica");
            quoted(&mut e, "fontsize", "9");
            quoted(&mut e, "arrowsize", "0.7");
        }

        let placed = cluster_of(slice, &options.clusters);
        for (i, org) in options.clusters.iter().enumerate() {
            let nodes: Vec<NodeIndex> = slice
                .nodes()
                .iter()
                .copied()
                .filter(|n| placed.get(n) == Some(&i))
                .collect();
            if nodes.is_empty() {
                continue;
            }
            let mut cluster = root.cluster();
            let e = graph.entity(*org);
            quoted(&mut cluster, "label", &format!("{} members", e.name));
            quoted(&mut cluster, "style", "rounded,filled");
            quoted(&mut cluster, "fillcolor", "#f0fdf4");
            quoted(&mut cluster, "color", "#15803d");
            for node in nodes {
                write_node(&mut cluster, slice, node);
            }
        }
        for node in slice.nodes() {
            if !placed.contains_key(node) {
                write_node(&mut root, slice, *node);
            }
        }
        for edge in slice.edges() {
            let (from, to) = slice.endpoints(*edge);
            let relation = graph.relation(*edge);
            let mut attrs = root
                .edge(format!("n{}", from.index()), format!("n{}", to.index()))
                .attributes();
            let label = edge_label(slice, *edge, options.labels);
            if !label.is_empty() {
                quoted(&mut attrs, "label", &label);
            }
            quoted(
                &mut attrs,
                "tooltip",
                &format!(
                    "{} {} {}",
                    graph.entity(from).name,
                    relation.kind,
                    graph.entity(to).name
                ),
            );
            edge_attributes(&mut attrs, relation.kind, relation.position);
        }
        if options.legend {
            legend(&mut root, slice);
        }
    }
    String::from_utf8(bytes).expect("DOT made from UTF-8 strings is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Selection;
    use crate::export::tests::bundled;
    use crate::graph::When;

    #[test]
    fn every_negative_kind_is_red_and_dashed_and_no_other_is() {
        for kind in RelationKind::ALL {
            let look = edge_look(*kind);
            let negative = kind.sign() == Sign::Negative;
            assert_eq!(look.color == NEGATIVE_RED, negative, "{kind}");
            assert_eq!(look.style == "dashed", negative, "{kind}");
            assert_eq!(look.undirected, kind.is_symmetric(), "{kind}");
        }
    }

    #[test]
    fn escape_handles_every_troublemaker() {
        assert_eq!(escape("a\r\nb"), "a\\nb");
        assert_eq!(escape("nul\0bell\u{7}"), "nul\u{FFFD}bell\u{FFFD}");
        assert_eq!(escape("<b>&amp;</b>"), "<b>&amp;amp;</b>");
        assert_eq!(escape("\\N \\G"), "\\\\N \\\\G");
    }

    #[test]
    fn clusters_hold_the_organization_and_its_members() {
        let graph = bundled();
        let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
        let sco = graph.resolve("SCO").unwrap();
        let slice = Slice::new(
            view,
            &Selection {
                via: vec![RelationKind::Member, RelationKind::Observer],
                focus: Some((sco, 1)),
            },
        );
        let placed = cluster_of(&slice, &[sco]);
        assert_eq!(placed.len(), 11, "the SCO and its ten members");
        assert!(!placed.contains_key(&graph.resolve("Mongolia").unwrap()));
        let text = write(
            &slice,
            &DotOptions {
                clusters: vec![sco],
                ..DotOptions::new()
            },
        );
        assert!(text.contains("subgraph cluster_"), "{text}");
        assert!(text.contains("label=\"Shanghai Cooperation Organisation members\""));
    }
}
