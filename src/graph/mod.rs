//! The in-memory graph: the validated database ([`Snapshot`]) seen as a
//! directed graph, with an id index, a name index, and views "as of" a
//! date.
//!
//! Invariants, relied on by every query:
//! - node *i* is entity *i* and edge *j* is relation *j* of the database
//!   (the graph is built once, in order, and never mutated in place), so
//!   [`NodeIndex`] and [`EdgeIndex`] are the handles used everywhere;
//! - symmetric relations are stored once, in the direction the file wrote
//!   them; queries that ignore direction walk both ways;
//! - a relation to an event (`hosts`, `attends`) with no `since` takes
//!   effect from the event's first day: attending a summit is a fact from
//!   that day on, not before.

use jiff::civil::Date;
use once_cell::race::OnceBox;
use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::date::{PartialDate, Validity};
use crate::error::{Error, Named};
use crate::model::{Entity, EntityKind, Position, Relation, RelationKind};
use crate::names::{Abbreviation, Match, fold};
pub use crate::store::snapshot::csr;
use crate::store::snapshot::{Snapshot, cache, unpack};
use crate::store::{self, Origin};
use csr::Csr;
pub use visit::{Simple, Tie, Undirected, Via};

mod statehood;
pub mod visit;

/// The moment a question is asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Only relations in force on this day.
    On(Date),
    /// Relations in force on at least one day of `[from, until)`, between
    /// states that existed on at least one such day: a year's portfolio
    /// under the rule "any day of the year" (series, panels). A relation
    /// counts only if both its ends existed on a common day of the period
    /// while it held.
    During {
        /// The first day of the period.
        from: Date,
        /// The first day after it.
        until: Date,
    },
    /// Every relation ever recorded, whatever its dates.
    AllTime,
}

impl When {
    /// Whether a relation valid over `validity` counts at this moment.
    pub fn admits(self, validity: &Validity) -> bool {
        match self {
            When::On(day) => validity.in_force_on(day),
            When::During { from, until } => {
                validity.since.is_none_or(|s| s.first_day() < until)
                    && validity.until.is_none_or(|u| from < u.first_day())
                    && from < until
            }
            When::AllTime => true,
        }
    }

    /// The days as day numbers `[first, end)` (`[d, d + 1)` for one day),
    /// `None` for all time.
    ///
    /// ```
    /// use diplograph::graph::When;
    /// let day = jiff::civil::date(1970, 1, 2);
    /// assert_eq!(When::On(day).window(), Some([1, 2]));
    /// assert_eq!(When::AllTime.window(), None);
    /// ```
    pub fn window(self) -> Option<[i32; 2]> {
        match self {
            When::On(day) => {
                let d = crate::date::day_number_of(day);
                Some([d, d + 1])
            }
            When::During { from, until } => Some([
                crate::date::day_number_of(from),
                crate::date::day_number_of(until),
            ]),
            When::AllTime => None,
        }
    }

    /// The first day this moment shows (`from` for a period), `None` for
    /// all time: the day "as of" notes and coverage read.
    pub fn first_day(self) -> Option<Date> {
        match self {
            When::On(day) | When::During { from: day, .. } => Some(day),
            When::AllTime => None,
        }
    }
}

/// The database as a graph, with the indexes queries need.
///
/// It holds the one validated form of the database, a [`Snapshot`] (flat
/// records plus a [`Csr`] of the relations and each relation's effective
/// interval as day numbers), and nothing else that is data: the model
/// values that renderers and library users ask for ([`Entity`],
/// [`Relation`]) are made from the snapshot the first time each is asked
/// for and kept, so a query that prints a path of five relations makes
/// five, not a million.
pub struct DiploGraph {
    snap: Snapshot,
    entities: Vec<OnceBox<Entity>>,
    relations: Vec<OnceBox<Relation>>,
    over: std::sync::OnceLock<OverTies>,
    statehood: std::sync::OnceLock<statehood::Statehood>,
    tie_kinds: std::sync::OnceLock<TieKinds>,
}

/// The kind code of every pair of the CSR's rows, side by side with them
/// (`out[i]` is the kind of `csr.out[i]`): what lets a walk that wants
/// some kinds (a typed hop of `query`) pass over the others reading one
/// byte per relation in sequence, instead of each relation's record at
/// random. Built on first use: one pass over the relations and one over
/// each direction's pairs, O(E); 2 bytes a relation.
#[derive(Debug, Default)]
struct TieKinds {
    out: Vec<u8>,
    inc: Vec<u8>,
}

/// A node's relations both ways with each one's kind code (its place in
/// [`RelationKind::ALL`]): [`DiploGraph::typed_ties`].
#[derive(Clone, Copy, Debug)]
pub struct TypedTies<'g> {
    /// [relation, target] of the relations from the node, by relation.
    pub outgoing: &'g [[u32; 2]],
    /// `out_kinds[i]`: the kind code of `outgoing[i]`.
    pub out_kinds: &'g [u8],
    /// [relation, source] of the relations to the node, by relation.
    pub incoming: &'g [[u32; 2]],
    /// `in_kinds[i]`: the kind code of `incoming[i]`.
    pub in_kinds: &'g [u8],
}

/// The ties a dispute or conflict makes with the issue it is `over`: for
/// the issue, each party (through that relation); for each party, the
/// issue. A relation has two ends, so the CSR cannot hold these; they are
/// what lets `show Kashmir`, `neighbors` and `path` see the India–Pakistan
/// dispute as touching Kashmir. Built on first use: one pass over the
/// relation records, O(V + E).
#[derive(Debug, Default)]
struct OverTies {
    /// `ties[start[v]..start[v + 1]]` are v's [relation, other end].
    start: Vec<u32>,
    ties: Vec<[u32; 2]>,
}

impl Clone for DiploGraph {
    fn clone(&self) -> Self {
        // The model values are only caches: a clone starts without them.
        DiploGraph::new(self.snap.clone())
    }
}

impl std::fmt::Debug for DiploGraph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiploGraph")
            .field("entities", &self.snap.entity_count())
            .field("relations", &self.snap.relation_count())
            .finish_non_exhaustive()
    }
}

impl DiploGraph {
    /// Loads the database at `origin` in one call: from the snapshot cache
    /// beside the file when it provably describes the file's bytes, else
    /// by reading the text (the fast reader, or ron and the validator with
    /// their diagnostics), then builds the graph. This is how the examples
    /// and the command line open a database.
    ///
    /// ```
    /// use diplograph::graph::DiploGraph;
    /// use diplograph::store::Origin;
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// assert_eq!(graph.entity(graph.resolve("Iran").unwrap()).id, "IRN");
    /// ```
    pub fn load(origin: &Origin) -> Result<Self, Error> {
        DiploGraph::load_with(origin, &mut |_, _| {})
    }

    /// [`Self::load`], telling `progress` how many bytes of how many have
    /// been read (for a progress bar on large files).
    pub fn load_with(origin: &Origin, progress: &mut dyn FnMut(u64, u64)) -> Result<Self, Error> {
        cache::load_with(origin, progress).map(|(snap, _)| DiploGraph::new(snap))
    }

    /// Parses and validates database text (`name` is used in messages) and
    /// builds the graph.
    ///
    /// ```
    /// use diplograph::graph::DiploGraph;
    /// let graph = DiploGraph::parse("mini.ron", r#"(version: 1, checked: "2024-07-04",
    ///     entities: [country(id: "RUS", name: "Russia")])"#).unwrap();
    /// assert_eq!(graph.node_count(), 1);
    /// ```
    pub fn parse(name: &str, text: &str) -> Result<Self, Error> {
        store::load_str(name, text).map(DiploGraph::new)
    }

    /// Builds the graph from a validated snapshot without making any model
    /// value: O(entities + relations), a few flat arrays.
    ///
    /// ```
    /// use diplograph::graph::DiploGraph;
    /// use diplograph::store::{self, Origin};
    /// let graph = DiploGraph::new(store::load(&Origin::Bundled).unwrap());
    /// assert_eq!(graph.entity(graph.resolve("Iran").unwrap()).id, "IRN");
    /// ```
    pub fn new(snap: Snapshot) -> Self {
        // The walks' indexes, made now (or already read from the cache).
        snap.adjacency();
        DiploGraph {
            entities: (0..snap.entity_count()).map(|_| OnceBox::new()).collect(),
            relations: (0..snap.relation_count()).map(|_| OnceBox::new()).collect(),
            over: std::sync::OnceLock::new(),
            statehood: std::sync::OnceLock::new(),
            tie_kinds: std::sync::OnceLock::new(),
            snap,
        }
    }

    /// The ties relations make with the issue they are `over` (see
    /// [`Self::over_ties`]), built once.
    fn over_index(&self) -> &OverTies {
        self.over.get_or_init(|| {
            let n = self.snap.entity_count();
            let mut pairs: Vec<(u32, [u32; 2])> = Vec::new();
            for (j, r) in self.snap.relations.iter().enumerate() {
                if r.over != crate::store::snapshot::NONE {
                    let j = j as u32;
                    pairs.push((r.over, [j, r.from]));
                    pairs.push((r.over, [j, r.to]));
                    pairs.push((r.from, [j, r.over]));
                    pairs.push((r.to, [j, r.over]));
                }
            }
            pairs.sort_by_key(|(v, [j, _])| (*v, *j));
            let mut start = vec![0u32; n + 1];
            for (v, _) in &pairs {
                start[*v as usize + 1] += 1;
            }
            for v in 0..n {
                start[v + 1] += start[v];
            }
            OverTies {
                start,
                ties: pairs.into_iter().map(|(_, tie)| tie).collect(),
            }
        })
    }

    /// Every tie of `node` a walk may follow, as (relation, other end,
    /// outgoing): its relations both ways ([`Csr::both`]), then, when
    /// `through_issues`, its ties through the issue a relation is `over`
    /// ([`Self::over_ties`], with `outgoing` false). What `path` walks, so
    /// that a path may run from India through Kashmir to Pakistan.
    pub fn ties(
        &self,
        node: usize,
        through_issues: bool,
    ) -> impl Iterator<Item = (u32, u32, bool)> + '_ {
        let over: &[[u32; 2]] = if through_issues {
            self.over_ties(node)
        } else {
            &[]
        };
        self.csr()
            .both(node)
            .chain(over.iter().map(|&[e, other]| (e, other, false)))
    }

    /// Whether `node` existed at `when`, as far as the file records: an
    /// organization before its `founded` day or from its `dissolved` day
    /// did not, nor a country outside its statehood spells when they are
    /// recorded (which is not the same answer as "no members recorded" or
    /// "no relations then"). Entities without recorded dates always exist,
    /// and everything exists for all time. Spells are half-open like
    /// relations: the `since` day is a day of statehood, the `until` day is
    /// not. O(1) for organizations, O(log spells) for countries; no
    /// allocation.
    ///
    /// ```
    /// use diplograph::graph::{DiploGraph, Existence, When};
    /// use diplograph::store::Origin;
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// let sco = graph.node("SCO").unwrap();
    /// let day = |y, m, d| When::On(jiff::civil::date(y, m, d));
    /// assert!(matches!(graph.existence(sco, day(1996, 1, 1)), Existence::NotYet(_)));
    /// assert_eq!(graph.existence(sco, day(2001, 6, 15)), Existence::Exists);
    /// ```
    pub fn existence(&self, node: NodeIndex, when: When) -> Existence {
        use crate::store::snapshot::day_number;
        let r = &self.snap.entities[node.index()];
        let day = match when {
            When::On(day) => day,
            // Existing on some day of the period: on its first day, or
            // founded (or resuming) before its end.
            When::During { from, until } => {
                return match self.existence(node, When::On(from)) {
                    Existence::NotYet(d) | Existence::Between { resumes: d, .. }
                        if d.first_day() < until =>
                    {
                        Existence::Exists
                    }
                    other => other,
                };
            }
            When::AllTime => return Existence::Exists,
        };
        let day = crate::date::day_number_of(day);
        match self.entity_kind(node) {
            EntityKind::Organization => {}
            EntityKind::Country => {
                let spells = self.snap.spells_of(node.index());
                if spells.is_empty() {
                    return Existence::Exists;
                }
                let k = spells.partition_point(|s| day_number(s.until, i32::MAX) <= day);
                let Some(next) = spells.get(k) else {
                    return unpack(spells[k - 1].until).map_or(Existence::Exists, Existence::Gone);
                };
                if day >= day_number(next.since, i32::MIN) {
                    return Existence::Exists;
                }
                let Some(resumes) = unpack(next.since) else {
                    return Existence::Exists;
                };
                return match k.checked_sub(1).and_then(|p| unpack(spells[p].until)) {
                    Some(ended) => Existence::Between { ended, resumes },
                    None => Existence::NotYet(resumes),
                };
            }
            EntityKind::Person | EntityKind::Event | EntityKind::Issue | EntityKind::RollCall => {
                return Existence::Exists;
            }
        }
        if r.start != 0
            && day < day_number(r.start, i32::MIN)
            && let Some(founded) = unpack(r.start)
        {
            return Existence::NotYet(founded);
        }
        if r.end != 0
            && day >= day_number(r.end, i32::MAX)
            && let Some(dissolved) = unpack(r.end)
        {
            return Existence::Gone(dissolved);
        }
        Existence::Exists
    }

    /// The day numbers dated views use to leave out states outside their
    /// statehood, built on first use (O(E log spells) when any country
    /// records statehood, else nothing).
    fn statehood(&self) -> &statehood::Statehood {
        self.statehood
            .get_or_init(|| statehood::Statehood::new(&self.snap))
    }

    /// The days relation `edge` is in force on a dated view, as half-open
    /// day-number stretches `[first, end)` (days since 1970-01-01, `None`
    /// for an open end), in order, apart and not touching: its span (event
    /// defaults applied) cut to the days both its ends exist when their
    /// statehood is recorded, exactly the days [`View::in_force`] holds on.
    /// Empty when it is in force on no day. For pages that show any day
    /// without asking again: one rule, computed here. O(log spells + pieces).
    ///
    /// ```
    /// use diplograph::graph::{DiploGraph, When};
    /// use diplograph::{model::RelationKind, store::Origin};
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// let member = graph.at(When::AllTime).relations()
    ///     .find(|e| {
    ///         let r = graph.relation(*e);
    ///         (r.kind, r.from.as_str(), r.to.as_str()) == (RelationKind::Member, "BLR", "SCO")
    ///     })
    ///     .unwrap();
    /// let joined = diplograph::date::day_number_of(jiff::civil::date(2024, 7, 4));
    /// assert_eq!(graph.days_in_force(member), vec![[Some(joined), None]]);
    /// ```
    pub fn days_in_force(&self, edge: EdgeIndex) -> Vec<[Option<i32>; 2]> {
        let s = self.statehood();
        let r = &self.snap.relations[edge.index()];
        let pieces = statehood::pieces(
            self.snap.spans()[edge.index()],
            statehood::spells_of(&self.snap, &s.days, r.from as usize),
            statehood::spells_of(&self.snap, &s.days, r.to as usize),
        );
        pieces.into_iter().map(open_ends).collect()
    }

    /// The days `node` exists on a dated view ([`View::contains`]), as
    /// half-open day-number stretches like [`Self::days_in_force`]; empty
    /// when it exists every day (no statehood recorded, or not a state).
    ///
    /// ```
    /// use diplograph::graph::DiploGraph;
    /// use diplograph::store::Origin;
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// assert!(graph.days_existing(graph.node("SCO").unwrap()).is_empty());
    /// ```
    pub fn days_existing(&self, node: NodeIndex) -> Vec<[Option<i32>; 2]> {
        let s = self.statehood();
        statehood::spells_of(&self.snap, &s.days, node.index())
            .iter()
            .map(|d| open_ends(*d))
            .collect()
    }

    /// Whether `node` is an organization the file marks `universal` (the
    /// UN and bodies nearly every state belongs to): signed analysis never
    /// counts membership of one as a tie. O(1).
    pub fn is_universal(&self, node: NodeIndex) -> bool {
        self.snap.entities[node.index()].flags & crate::store::snapshot::UNIVERSAL != 0
    }

    /// The ties of `node` through the issue a relation is `over`, as
    /// [relation, other end] pairs, by relation: for an issue, each party
    /// of each dispute or conflict over it; for a party, the issue. These
    /// are in addition to the relation's own two ends, so walks that should
    /// treat a dispute as touching its issue (`show`, `neighbors`, `path`)
    /// chain them after [`Csr::both`]. O(1) after the first call, which is
    /// O(V + E) (one pass over the records).
    ///
    /// ```
    /// use diplograph::graph::DiploGraph;
    /// use diplograph::store::Origin;
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// let kashmir = graph.node("kashmir").unwrap();
    /// let parties: Vec<&str> = graph.over_ties(kashmir.index()).iter()
    ///     .map(|&[_, other]| graph.entity(petgraph::graph::NodeIndex::new(other as usize)).id.as_str())
    ///     .collect();
    /// assert_eq!(parties, ["IND", "PAK"]);
    /// ```
    pub fn over_ties(&self, node: usize) -> &[[u32; 2]] {
        let index = self.over_index();
        &index.ties[index.start[node] as usize..index.start[node + 1] as usize]
    }

    /// `node`'s relations both ways, each with its kind code, for walks
    /// that keep only some kinds: the kinds are read in sequence beside
    /// the pairs, not from each relation's record. The first call builds
    /// the codes of all nodes, O(E); then O(1).
    ///
    /// ```
    /// use diplograph::graph::DiploGraph;
    /// use diplograph::model::RelationKind;
    /// use diplograph::store::Origin;
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// let india = graph.node("IND").unwrap().index();
    /// let ties = graph.typed_ties(india);
    /// let member = RelationKind::Member.index() as u8;
    /// assert!(ties.out_kinds.iter().any(|k| *k == member));
    /// assert_eq!(ties.outgoing.len(), ties.out_kinds.len());
    /// ```
    pub fn typed_ties(&self, node: usize) -> TypedTies<'_> {
        let csr = self.csr();
        let kinds = self.tie_kinds.get_or_init(|| {
            let by_relation: Vec<u8> = self.snap.relations.iter().map(|r| r.kind).collect();
            let code = |pairs: &[[u32; 2]]| -> Vec<u8> {
                pairs
                    .iter()
                    .map(|[e, _]| by_relation[*e as usize])
                    .collect()
            };
            TieKinds {
                out: code(&csr.out),
                inc: code(&csr.inc),
            }
        });
        let out = csr.out_start[node] as usize..csr.out_start[node + 1] as usize;
        let inc = csr.in_start[node] as usize..csr.in_start[node + 1] as usize;
        TypedTies {
            outgoing: &csr.out[out.clone()],
            out_kinds: &kinds.out[out],
            incoming: &csr.inc[inc.clone()],
            in_kinds: &kinds.inc[inc],
        }
    }

    /// The day up to which the facts were last checked; answers for later
    /// days may be out of date.
    pub fn checked(&self) -> PartialDate {
        self.snap.checked()
    }

    /// The flat records behind the graph.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snap
    }

    /// The adjacency arrays every walk uses.
    pub fn csr(&self) -> &Csr {
        self.snap.adjacency()
    }

    /// Number of entities.
    pub fn node_count(&self) -> usize {
        self.snap.entity_count()
    }

    /// Number of relations.
    pub fn relation_count(&self) -> usize {
        self.snap.relation_count()
    }

    /// Source `k` (a position among the file's sources) in model form.
    pub fn source(&self, k: usize) -> crate::model::Source {
        self.snap.source(k)
    }

    /// The office text of a `leads` or `serves` relation, borrowed from the
    /// snapshot (no model value is made): what walks over many offices
    /// read. O(1).
    pub fn role(&self, edge: EdgeIndex) -> Option<&str> {
        self.snap
            .strings
            .opt(self.snap.relations[edge.index()].role)
    }

    /// The position of the source relation `edge` cites, if it cites one.
    pub fn source_of(&self, edge: EdgeIndex) -> Option<usize> {
        let k = self.snap.relations[edge.index()].source;
        (k != crate::store::snapshot::NONE).then_some(k as usize)
    }

    /// The sources that declare a coverage not containing `day`: what a
    /// query about that day should warn of, if it relies on them. O(sources).
    pub fn sources_not_covering(&self, day: jiff::civil::Date) -> Vec<usize> {
        // Only sources that declare a coverage are made into model values;
        // the rule itself is `Coverage::covers`.
        (0..self.snap.sources.len())
            .filter(|k| self.snap.sources[*k].records != crate::store::snapshot::NONE)
            .filter(|k| {
                self.snap
                    .source(*k)
                    .coverage
                    .is_some_and(|c| !c.covers(day))
            })
            .collect()
    }

    /// Number of sources the relations may cite.
    pub fn source_count(&self) -> usize {
        self.snap.sources.len()
    }

    /// The entity at a node.
    pub fn entity(&self, node: NodeIndex) -> &Entity {
        let i = node.index();
        self.entities[i].get_or_init(|| Box::new(self.snap.entity(i)))
    }

    /// The relation at an edge.
    pub fn relation(&self, edge: EdgeIndex) -> &Relation {
        let j = edge.index();
        self.relations[j].get_or_init(|| Box::new(self.snap.relation(j)))
    }

    /// The kind of an entity, without making the entity.
    pub fn entity_kind(&self, node: NodeIndex) -> EntityKind {
        self.snap.entity_kind(node.index())
    }

    /// The kind of a relation, without making the relation.
    pub fn kind(&self, edge: EdgeIndex) -> RelationKind {
        self.snap.relation_kind(edge.index())
    }

    /// The kind of relation number `j` as its place in [`RelationKind::ALL`]
    /// (`graph.kind(edge).index()` without the round trip through the
    /// enum): what hot loops index their per-kind tables by, such as the
    /// costs of `path --weighted`. O(1), one read of the relation's record.
    #[inline]
    pub fn kind_code(&self, j: usize) -> usize {
        self.snap.relations[j].kind as usize
    }

    /// A stance's position, without making the relation.
    pub fn position(&self, edge: EdgeIndex) -> Option<Position> {
        let p = self.snap.relations[edge.index()].position;
        (p != 0).then(|| Position::ALL[p as usize - 1])
    }

    /// A vote's ballot (yes, no, abstain); `None` for other kinds. O(1),
    /// from the flat record.
    pub fn ballot(&self, edge: EdgeIndex) -> Option<crate::model::Ballot> {
        let r = &self.snap.relations[edge.index()];
        crate::store::snapshot::value_of(self.kind(edge), r.position).1
    }

    /// An alliance's type (its strongest obligation); `None` when not
    /// recorded or for other kinds. O(1), from the flat record.
    pub fn alliance_type(&self, edge: EdgeIndex) -> Option<crate::model::AllianceType> {
        let r = &self.snap.relations[edge.index()];
        crate::store::snapshot::value_of(self.kind(edge), r.position).2
    }

    /// The two ends of a relation as written (`from`, `to`).
    pub fn endpoints(&self, edge: EdgeIndex) -> (NodeIndex, NodeIndex) {
        let r = &self.snap.relations[edge.index()];
        (
            NodeIndex::new(r.from as usize),
            NodeIndex::new(r.to as usize),
        )
    }

    /// When a relation is in force, with event defaults applied: a
    /// `hosts` or `attends` without `since` from the event's first day, a
    /// vote without dates on its roll call's day alone (`until` the day
    /// after).
    pub fn validity(&self, edge: EdgeIndex) -> Validity {
        let r = &self.snap.relations[edge.index()];
        let until = match unpack(r.until) {
            None if self.snap.entity_kind(r.to as usize) == EntityKind::RollCall => {
                unpack(self.snap.entities[r.to as usize].start).and_then(|day| day.following())
            }
            until => until,
        };
        Validity::new(unpack(self.snap.effective_since(r)), until)
    }

    /// The effective interval of a relation as day numbers (days since
    /// 1970-01-01), `[since, until)`, open ends as `i32::MIN` and
    /// `i32::MAX`: what walks compare, without making a date.
    pub fn span(&self, edge: EdgeIndex) -> (i32, i32) {
        let [since, until] = self.snap.spans()[edge.index()];
        (since, until)
    }

    /// The node of an exact id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.snap.find_id(id).map(NodeIndex::new)
    }

    /// Every node, in file order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        (0..self.snap.entity_count()).map(NodeIndex::new)
    }

    /// Finds the entity a user means by an id, name or alias (any case,
    /// accents optional), by a common abbreviation of a state's name
    /// ([`crate::names::ABBREVIATIONS`]: "UK", "UAE", "DPRK"), or by one
    /// word of a name ("Putin") when only one entity has it. Errors say
    /// "did you mean" with names and ids (`Russia (RUS)`), or list the
    /// candidates.
    ///
    /// ```
    /// use diplograph::graph::DiploGraph;
    /// use diplograph::store::Origin;
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// assert_eq!(graph.entity(graph.resolve("US").unwrap()).id, "USA");
    /// // The bundled database holds Ukraine but not the United Kingdom.
    /// assert!(graph.resolve("UK").is_err());
    /// ```
    pub fn resolve(&self, text: &str) -> Result<NodeIndex, Error> {
        let names = &self.snap.names;
        match names.resolve(text) {
            Ok(Match::Exact(i) | Match::Abbreviation(i) | Match::Word(i)) => Ok(NodeIndex::new(i)),
            Err(candidates) if candidates.is_empty() => {
                let abbreviation = match names.abbreviated(text) {
                    Some(Err(meant)) => {
                        if let Some(node) = self.continuation(meant) {
                            return Ok(node);
                        }
                        Some(Named {
                            name: meant.name.to_string(),
                            id: meant.id.to_string(),
                        })
                    }
                    Some(Ok(_)) | None => None,
                };
                Err(Error::UnknownEntity {
                    query: text.to_string(),
                    suggestions: names
                        .suggest_positions(text, 3)
                        .into_iter()
                        .map(|i| self.named(NodeIndex::new(i)))
                        .collect(),
                    abbreviation,
                })
            }
            Err(candidates) => Err(Error::AmbiguousEntity {
                query: text.to_string(),
                candidates: candidates
                    .into_iter()
                    .map(|i| self.named(NodeIndex::new(i)))
                    .collect(),
            }),
        }
    }

    /// The entity whose id, name or alias is `text` exactly (ignoring case
    /// and accents), if any: what a new entity's names must not be.
    pub fn named_exactly(&self, text: &str) -> Option<NodeIndex> {
        self.snap
            .names
            .exact(text)
            .first()
            .map(|&i| NodeIndex::new(i))
    }

    /// Every entity whose id, name or alias is `text` (ignoring case and
    /// accents): one, or several when names clash. O(|text| + log k).
    pub fn named_all(&self, text: &str) -> Vec<NodeIndex> {
        self.snap
            .names
            .exact(text)
            .iter()
            .map(|&i| NodeIndex::new(i))
            .collect()
    }

    /// The entity whose id is `id` in any case (`rus` finds Russia).
    pub fn node_any_case(&self, id: &str) -> Option<NodeIndex> {
        self.snap.names.position_of_id(id).map(NodeIndex::new)
    }

    /// Up to `limit` entities whose names look most like `text`, best
    /// first: what a "did you mean" offers
    /// ([`crate::names::NameIndex::suggest_positions`]).
    pub fn look_alikes(&self, text: &str, limit: usize) -> Vec<NodeIndex> {
        self.snap
            .names
            .suggest_positions(text, limit)
            .into_iter()
            .map(NodeIndex::new)
            .collect()
    }

    /// An entity's id, read from the flat record (no model value is made).
    pub fn entity_id(&self, node: NodeIndex) -> &str {
        self.snap.entity_id(node.index())
    }

    /// An entity's name, read from the flat record (no model value is
    /// made): what a query returning the names of many entities reads.
    pub fn entity_name(&self, node: NodeIndex) -> &str {
        self.snap.strings.get(self.snap.entities[node.index()].name)
    }

    /// An entity as messages offer it: `Russia (RUS)`.
    pub fn named(&self, node: NodeIndex) -> Named {
        let e = self.entity(node);
        Named {
            name: e.name.clone(),
            id: e.id.clone(),
        }
    }

    /// The state that continued an abbreviated one the database lacks
    /// ("USSR" → Russia), when the database records the continuation: the
    /// successor's aliases or note name the predecessor, by its
    /// abbreviation or its name.
    fn continuation(&self, meant: &Abbreviation) -> Option<NodeIndex> {
        let successor = self.node(meant.continued_by?)?;
        let e = self.entity(successor);
        let marks = [fold(meant.short), fold(meant.name)];
        let says = |text: &str| {
            let text = fold(text);
            marks.iter().any(|mark| text.contains(mark.as_str()))
        };
        (e.aliases.iter().any(|a| says(a)) || e.note.as_deref().is_some_and(says))
            .then_some(successor)
    }

    /// Like [`resolve`](Self::resolve), but the entity must be of `kind`;
    /// `command` (as the user types it) and `expected` (the kind in words,
    /// "an organization") word the [`Error::WrongKind`] otherwise.
    ///
    /// ```
    /// use diplograph::{error::Error, graph::DiploGraph, model::EntityKind, store::Origin};
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// let org = |text| graph.resolve_kind(text, EntityKind::Organization, "members", "an organization");
    /// assert!(org("sco").is_ok());
    /// assert!(matches!(org("Russia"), Err(Error::WrongKind { .. })));
    /// ```
    pub fn resolve_kind(
        &self,
        text: &str,
        kind: EntityKind,
        command: &'static str,
        expected: &'static str,
    ) -> Result<NodeIndex, Error> {
        let node = self.resolve(text)?;
        let actual = self.entity_kind(node);
        if actual == kind {
            Ok(node)
        } else {
            Err(Error::WrongKind {
                id: self.entity(node).id.clone(),
                actual,
                command,
                expected,
            })
        }
    }

    /// The graph as it stood at `when`: a [`View`] whose walks skip the
    /// relations not in force then. O(1); nothing is copied.
    ///
    /// ```
    /// use diplograph::graph::{DiploGraph, When};
    /// use diplograph::store::Origin;
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// let now = graph.at(When::On(jiff::civil::date(2024, 7, 5)));
    /// let ever = graph.at(When::AllTime);
    /// assert!(now.relations().count() <= ever.relations().count());
    /// assert_eq!(ever.relations().count(), graph.relation_count());
    /// ```
    pub fn at(&self, when: When) -> View<'_> {
        let (spans, split, days): (&[[i32; 2]], &[u64], &[[i32; 2]]) = match when {
            When::AllTime => (self.snap.spans(), &[], &[]),
            When::On(_) | When::During { .. } => {
                let s = self.statehood();
                (
                    s.spans.as_deref().unwrap_or_else(|| self.snap.spans()),
                    &s.split,
                    &s.days,
                )
            }
        };
        View {
            graph: self,
            when,
            window: when.window(),
            spans,
            split,
            days,
        }
    }
}

/// Day numbers with `i32::MIN` and `i32::MAX` (open ends) as `None`.
fn open_ends([first, end]: [i32; 2]) -> [Option<i32>; 2] {
    [
        (first != i32::MIN).then_some(first),
        (end != i32::MAX).then_some(end),
    ]
}

/// Whether an entity existed at a moment ([`DiploGraph::existence`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existence {
    /// It existed (or the file records no dates that say otherwise).
    Exists,
    /// Not yet: it was founded on this day.
    NotYet(PartialDate),
    /// No longer: this is the first day it did not exist (for a country,
    /// the end of its last statehood spell).
    Gone(PartialDate),
    /// A country between two statehood spells (Germany from 1945-05-09 to
    /// 1955-05-05 as the COW state system records it): not a state that
    /// day, but one before and again after. A variant of its own because
    /// "gone" would read as for good.
    Between {
        /// The first day it no longer existed (the end of the spell before).
        ended: PartialDate,
        /// The first day of the next spell.
        resumes: PartialDate,
    },
}

/// A relation seen from one of its ends.
#[derive(Clone, Copy, Debug)]
pub struct Incident<'g> {
    /// The relation's handle.
    pub edge: EdgeIndex,
    /// The relation itself.
    pub relation: &'g Relation,
    /// The entity at the other end.
    pub other: NodeIndex,
    /// True when the relation points away from the entity we look from.
    pub outgoing: bool,
    /// True when the relation does not touch the entity but is `over` it
    /// (a dispute over an issue, seen from the issue); `other` is then one
    /// of its parties and `outgoing` is false.
    pub about: bool,
    /// When it is in force, event defaults applied.
    pub validity: Validity,
}

/// The graph filtered to what held at one moment. Cheap to make: filtering
/// happens as relations are walked, never by copying the graph.
#[derive(Clone, Copy, Debug)]
pub struct View<'g> {
    graph: &'g DiploGraph,
    when: When,
    /// `when` as day numbers `[first, end)` (`[d, d + 1)` for one day).
    window: Option<[i32; 2]>,
    /// Each relation's effective interval as day numbers, clipped to the
    /// statehood of its ends on a dated view.
    spans: &'g [[i32; 2]],
    /// Relations whose clipped days are several stretches (one bit each;
    /// empty when none): in force only when both ends exist that day.
    split: &'g [u64],
    /// Every statehood spell as day numbers (empty for all time, or when
    /// none is recorded).
    days: &'g [[i32; 2]],
}

impl<'g> View<'g> {
    /// The whole graph.
    pub fn graph(&self) -> &'g DiploGraph {
        self.graph
    }

    /// The moment this view shows.
    pub fn when(&self) -> When {
        self.when
    }

    /// Whether relation `edge` holds at this moment.
    #[inline]
    pub fn in_force(&self, edge: EdgeIndex) -> bool {
        self.in_force_at(edge.index())
    }

    /// [`Self::in_force`] by relation number.
    #[inline]
    pub fn in_force_at(&self, edge: usize) -> bool {
        match self.window {
            None => true,
            Some([first, end]) => {
                let [since, until] = self.spans[edge];
                since < end
                    && first < until
                    && first < end
                    && (self.split.is_empty()
                        || self.split[edge / 64] & (1 << (edge % 64)) == 0
                        || self.ends_exist(edge, [since.max(first), until.min(end)]))
            }
        }
    }

    /// Whether both ends of a split relation exist on a common day of
    /// `days` (the relation's span within the view's window). Cold: only
    /// relations written across a gap in a statehood get here.
    #[cold]
    fn ends_exist(&self, edge: usize, days: [i32; 2]) -> bool {
        let snap = &self.graph.snap;
        let r = &snap.relations[edge];
        statehood::clip(
            days,
            statehood::spells_of(snap, self.days, r.from as usize),
            statehood::spells_of(snap, self.days, r.to as usize),
        )
        .pieces
            > 0
    }

    /// Whether `node` is a node of this view: false only for a country
    /// whose statehood is recorded and does not cover the view's day
    /// ([`DiploGraph::existence`]); such a state has no relation in force
    /// in the view either. Organizations outside their life stay nodes
    /// (their dates are checked by `check`, not hidden). O(log spells), no
    /// allocation.
    #[inline]
    pub fn contains(&self, node: NodeIndex) -> bool {
        match self.window {
            None => true,
            Some(_) if self.days.is_empty() => true,
            Some(window) => statehood::meets(
                statehood::spells_of(&self.graph.snap, self.days, node.index()),
                window,
            ),
        }
    }

    /// The nodes of this view, in file order: every entity but the states
    /// that do not exist at its moment ([`Self::contains`]). O(V).
    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + 'g {
        let view = *self;
        self.graph.nodes().filter(move |n| view.contains(*n))
    }

    /// Every relation touching `node` that holds at this moment, outgoing
    /// first, each in file order, with its model value (made on first use).
    /// O(degree).
    pub fn incident(&self, node: NodeIndex) -> Vec<Incident<'g>> {
        self.incident_edges(node)
            .map(|(edge, other, outgoing)| Incident {
                edge,
                relation: self.graph.relation(edge),
                other,
                outgoing,
                about: false,
                validity: self.graph.validity(edge),
            })
            .collect()
    }

    /// The disputes and conflicts in force that are `over` `node` (an
    /// issue), each once, seen from the issue: `other` is the relation's
    /// `from` end. In file order; O(relations over it).
    pub fn about(&self, node: NodeIndex) -> Vec<Incident<'g>> {
        let mut seen = None;
        self.graph
            .over_ties(node.index())
            .iter()
            .filter(|&&[e, _]| self.graph.snap.relations[e as usize].over == node.index() as u32)
            .filter(|&&[e, _]| self.in_force_at(e as usize))
            .filter(|&&[e, _]| seen.replace(e) != Some(e))
            .map(|&[e, _]| {
                let edge = EdgeIndex::new(e as usize);
                Incident {
                    edge,
                    relation: self.graph.relation(edge),
                    other: self.graph.endpoints(edge).0,
                    outgoing: false,
                    about: true,
                    validity: self.graph.validity(edge),
                }
            })
            .collect()
    }

    /// [`Self::incident`] without making the relations: (relation, other
    /// end, outgoing), outgoing first, each in file order.
    pub fn incident_edges(
        &self,
        node: NodeIndex,
    ) -> impl Iterator<Item = (EdgeIndex, NodeIndex, bool)> + 'g {
        let view = *self;
        let csr = self.graph.csr();
        let v = node.index();
        csr.outgoing(v)
            .iter()
            .map(|&[e, o]| (e, o, true))
            .chain(csr.incoming(v).iter().map(|&[e, o]| (e, o, false)))
            .filter(move |(e, _, _)| view.in_force_at(*e as usize))
            .map(|(e, o, out)| (EdgeIndex::new(e as usize), NodeIndex::new(o as usize), out))
    }

    /// The neighbours of `node` through relations in force whose kind passes
    /// `admits`, in either direction, ordered by relation (file order), each
    /// with the relation that joins them (a neighbour joined twice appears
    /// twice). No graph copy is made and no model value: O(degree).
    ///
    /// ```
    /// use diplograph::graph::{DiploGraph, When};
    /// use diplograph::store::Origin;
    /// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
    /// let view = graph.at(When::On(jiff::civil::date(2024, 7, 5)));
    /// let sco = graph.node("SCO").unwrap();
    /// let members = view.neighbors_where(sco, |kind| kind.is_membership());
    /// assert!(members.iter().any(|(_, n)| graph.entity(*n).id == "IND"));
    /// ```
    pub fn neighbors_where(
        &self,
        node: NodeIndex,
        admits: impl Fn(RelationKind) -> bool,
    ) -> Vec<(EdgeIndex, NodeIndex)> {
        self.graph
            .csr()
            .both(node.index())
            .filter(|(e, _, _)| {
                self.in_force_at(*e as usize) && admits(self.graph.snap.relation_kind(*e as usize))
            })
            .map(|(e, o, _)| (EdgeIndex::new(e as usize), NodeIndex::new(o as usize)))
            .collect()
    }

    /// Every relation in force at this moment, in file order. O(relations)
    /// for the whole walk.
    pub fn relations(&self) -> impl Iterator<Item = EdgeIndex> + 'g {
        let view = *self;
        (0..self.graph.relation_count())
            .filter(move |e| view.in_force_at(*e))
            .map(EdgeIndex::new)
    }

    /// Relations of `kind` in force, in file order.
    pub fn relations_of_kind(&self, kind: RelationKind) -> impl Iterator<Item = EdgeIndex> + 'g {
        let graph = self.graph;
        self.relations().filter(move |e| graph.kind(*e) == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    #[test]
    fn a_graph_from_the_full_path_answers_like_one_from_the_fast_reader() {
        let full = DiploGraph::new(store::load_str_fully("g", store::BUNDLED).unwrap());
        let fast = DiploGraph::new(store::snapshot::fast::read(store::BUNDLED).unwrap());
        for when in [When::AllTime, When::On(jiff::civil::date(2024, 7, 4))] {
            let (a, b) = (full.at(when), fast.at(when));
            for node in full.nodes() {
                let x: Vec<_> = a
                    .incident(node)
                    .iter()
                    .map(|i| (i.edge, i.other, i.validity))
                    .collect();
                let y: Vec<_> = b
                    .incident(node)
                    .iter()
                    .map(|i| (i.edge, i.other, i.validity))
                    .collect();
                assert_eq!(x, y);
                assert_eq!(full.entity(node), fast.entity(node));
            }
            assert!(a.relations().eq(b.relations()));
        }
        for edge in full.at(When::AllTime).relations() {
            assert_eq!(full.relation(edge), fast.relation(edge));
            assert_eq!(full.validity(edge), fast.validity(edge));
            assert_eq!(full.endpoints(edge), fast.endpoints(edge));
        }
        assert_eq!(full.snapshot().to_database(), fast.snapshot().to_database());
        assert_eq!(full.node("IRN"), fast.node("IRN"));
    }

    /// Germany with a gap in its statehood, the GDR, an alliance of theirs
    /// across the gap and a membership written before Germany's return.
    fn germanies() -> DiploGraph {
        DiploGraph::parse(
            "g",
            r#"(version: 1, checked: "2024-07-04", entities: [
                country(id: "DEU", name: "Germany", statehood: [(since: "1816-01-01", until: "1945-05-09"), (since: "1955-05-05")]),
                country(id: "DDR", name: "German Democratic Republic", statehood: [(since: "1954-03-25", until: "1990-10-03")]),
                country(id: "FRA", name: "France"),
                organization(id: "UN", name: "United Nations", founded: "1945-10-24"),
            ], relations: [
                partnership(from: "DEU", to: "FRA", since: "1900"),
                member(from: "DDR", to: "UN", since: "1973-09-18"),
                partnership(from: "DEU", to: "DDR"),
            ])"#,
        )
        .unwrap()
    }

    /// The days a page embeds are exactly the days a dated view holds a
    /// relation on, and an entity exists on: checked day by day across
    /// Germany's gap, the GDR's life and the open ends.
    #[test]
    fn days_in_force_and_existing_agree_with_views_on_every_day() {
        let graph = germanies();
        let within = |days: &[[Option<i32>; 2]], d: i32| {
            days.iter()
                .any(|[a, b]| a.is_none_or(|a| a <= d) && b.is_none_or(|b| d < b))
        };
        let first = crate::date::day_number_of(jiff::civil::date(1810, 1, 1));
        let last = crate::date::day_number_of(jiff::civil::date(2000, 1, 1));
        let deu_fra = graph.at(When::AllTime).relations().next().unwrap();
        assert_eq!(graph.days_in_force(deu_fra).len(), 2, "split by the gap");
        let edges = [
            (1945, 5, 9),
            (1955, 5, 5),
            (1954, 3, 25),
            (1990, 10, 3),
            (1973, 9, 18),
        ]
        .map(|(y, m, d)| crate::date::day_number_of(jiff::civil::date(y, m, d)));
        let around = edges.iter().flat_map(|d| [d - 1, *d, d + 1]);
        for d in (first..last).step_by(97).chain(around) {
            let (y, m, dd) = crate::date::civil_from_days(d);
            let day = When::On(jiff::civil::date(y as i16, m as i8, dd as i8));
            let view = graph.at(day);
            for e in graph.at(When::AllTime).relations() {
                assert_eq!(
                    within(&graph.days_in_force(e), d),
                    view.in_force(e),
                    "{e:?} {d}"
                );
            }
            for n in graph.nodes() {
                let days = graph.days_existing(n);
                assert_eq!(
                    days.is_empty() || within(&days, d),
                    view.contains(n),
                    "{n:?} {d}"
                );
            }
        }
    }

    /// A period shows what held on any of its days, between states that
    /// existed together on one of them: each end of the window is half
    /// open, as a day's is.
    #[test]
    fn a_period_shows_what_held_on_any_of_its_days() {
        let graph = germanies();
        let during = |from: (i16, i8, i8), until: (i16, i8, i8)| When::During {
            from: jiff::civil::date(from.0, from.1, from.2),
            until: jiff::civil::date(until.0, until.1, until.2),
        };
        let deu = graph.node("DEU").unwrap();
        let ddr = graph.node("DDR").unwrap();
        let un = graph.node("UN").unwrap();
        let edge = |from, to| {
            graph
                .at(When::AllTime)
                .incident_edges(from)
                .find(|(_, other, _)| *other == to)
                .map(|(e, _, _)| e)
                .unwrap()
        };
        let (deu_fra, ddr_un, deu_ddr) = (
            edge(deu, graph.node("FRA").unwrap()),
            edge(ddr, un),
            edge(deu, ddr),
        );
        // Inside Germany's gap: not a node, its partnership not in force.
        let gap = graph.at(during((1946, 1, 1), (1955, 5, 5)));
        assert!(!gap.contains(deu));
        assert!(!gap.in_force(deu_fra));
        assert!(
            matches!(graph.existence(deu, gap.when()), Existence::Between { .. }),
            "the period ends the day it resumes"
        );
        // One day more: Germany is back, and the GDR with it.
        let year = graph.at(during((1955, 1, 1), (1956, 1, 1)));
        assert!(year.contains(deu) && year.contains(ddr));
        assert!(year.in_force(deu_fra));
        assert!(year.in_force(deu_ddr), "both existed from 1955-05-05");
        assert_eq!(graph.existence(deu, year.when()), Existence::Exists);
        // The GDR joined the UN in 1973: not in 1972, in force during 1973
        // and after 1990 it is gone.
        assert!(
            !graph
                .at(during((1972, 1, 1), (1973, 1, 1)))
                .in_force(ddr_un)
        );
        assert!(
            graph
                .at(during((1973, 1, 1), (1974, 1, 1)))
                .in_force(ddr_un)
        );
        assert!(
            graph
                .at(during((1990, 1, 1), (1991, 1, 1)))
                .in_force(ddr_un)
        );
        let later = graph.at(during((1991, 1, 1), (1992, 1, 1)));
        assert!(!later.in_force(ddr_un) && !later.contains(ddr));
        // Written across Germany's gap, the Germanies' tie held in 1954
        // on no day both existed (the GDR from 1954-03-25, Germany not).
        assert!(
            !graph
                .at(during((1954, 1, 1), (1955, 1, 1)))
                .in_force(deu_ddr)
        );
        // An empty period holds nothing.
        assert!(
            !graph
                .at(during((1980, 1, 1), (1980, 1, 1)))
                .in_force(ddr_un)
        );
        assert!(
            !graph
                .at(during((1960, 1, 1), (1960, 1, 1)))
                .in_force(deu_fra)
        );
    }

    #[test]
    fn a_state_exists_from_its_since_day_and_not_on_its_until_day() {
        let graph = germanies();
        let on = |y, m, d| When::On(jiff::civil::date(y, m, d));
        let deu = graph.node("DEU").unwrap();
        let ddr = graph.node("DDR").unwrap();
        let fra = graph.node("FRA").unwrap();
        let date = |t: &str| t.parse::<PartialDate>().unwrap();
        assert_eq!(
            graph.existence(deu, on(1815, 12, 31)),
            Existence::NotYet(date("1816-01-01"))
        );
        assert_eq!(graph.existence(deu, on(1816, 1, 1)), Existence::Exists);
        assert_eq!(graph.existence(deu, on(1945, 5, 8)), Existence::Exists);
        let between = Existence::Between {
            ended: date("1945-05-09"),
            resumes: date("1955-05-05"),
        };
        assert_eq!(graph.existence(deu, on(1945, 5, 9)), between);
        assert_eq!(graph.existence(deu, on(1955, 5, 4)), between);
        assert_eq!(graph.existence(deu, on(1955, 5, 5)), Existence::Exists);
        assert_eq!(graph.existence(deu, on(2024, 1, 1)), Existence::Exists);
        assert_eq!(graph.existence(ddr, on(1990, 10, 2)), Existence::Exists);
        assert_eq!(
            graph.existence(ddr, on(1990, 10, 3)),
            Existence::Gone(date("1990-10-03"))
        );
        assert_eq!(graph.existence(fra, on(1000, 1, 1)), Existence::Exists);
        assert_eq!(graph.existence(deu, When::AllTime), Existence::Exists);
        // The view agrees, day for day.
        for (day, deu_in, ddr_in) in [
            (on(1945, 5, 8), true, false),
            (on(1945, 5, 9), false, false),
            (on(1954, 3, 25), false, true),
            (on(1955, 5, 5), true, true),
            (on(1990, 10, 3), true, false),
        ] {
            let view = graph.at(day);
            assert_eq!(view.contains(deu), deu_in, "{day:?}");
            assert_eq!(view.contains(ddr), ddr_in, "{day:?}");
            assert!(view.contains(fra));
            let nodes: Vec<_> = view.nodes().collect();
            assert_eq!(nodes.contains(&deu), deu_in);
            assert_eq!(
                petgraph::visit::IntoNodeIdentifiers::node_identifiers(view).collect::<Vec<_>>(),
                nodes
            );
        }
        assert_eq!(graph.at(When::AllTime).nodes().count(), 4);
    }

    #[test]
    fn relations_of_a_state_hold_only_while_both_ends_exist() {
        let graph = germanies();
        let on = |y, m, d| graph.at(When::On(jiff::civil::date(y, m, d)));
        let ids = |view: View<'_>| -> Vec<String> {
            view.relations()
                .map(|e| {
                    let r = graph.relation(e);
                    format!("{}-{}", r.from, r.to)
                })
                .collect()
        };
        // Across the gap (split: two stretches).
        assert_eq!(ids(on(1945, 5, 8)), ["DEU-FRA"]);
        assert!(ids(on(1950, 1, 1)).is_empty());
        assert_eq!(ids(on(1955, 5, 4)), Vec::<String>::new());
        // Both Germanies from 1955-05-05 until the GDR's end.
        assert_eq!(ids(on(1955, 5, 5)), ["DEU-FRA", "DEU-DDR"]);
        assert_eq!(ids(on(1980, 1, 1)), ["DEU-FRA", "DDR-UN", "DEU-DDR"]);
        assert_eq!(ids(on(1990, 10, 2)), ["DEU-FRA", "DDR-UN", "DEU-DDR"]);
        assert_eq!(ids(on(1990, 10, 3)), ["DEU-FRA"]);
        // Incident walks and the petgraph traits see the same.
        let deu = graph.node("DEU").unwrap();
        assert!(on(1950, 1, 1).incident(deu).is_empty());
        assert_eq!(
            petgraph::visit::IntoEdgeReferences::edge_references(on(1950, 1, 1)).count(),
            0
        );
        // All time is unaffected.
        assert_eq!(graph.at(When::AllTime).relations().count(), 3);
    }

    #[test]
    fn events_without_since_count_from_their_start() {
        let graph = DiploGraph::load(&store::Origin::Bundled).unwrap();
        let summit = graph.node("sco-2024-astana").unwrap();
        let before = graph.at(When::On(jiff::civil::date(2024, 7, 2)));
        let on = graph.at(When::On(jiff::civil::date(2024, 7, 3)));
        assert!(before.incident(summit).is_empty());
        assert!(!on.incident(summit).is_empty());
    }
}
