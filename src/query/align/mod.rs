//! Alignment between states: how alike two states' commitments are, on
//! one of three **bases** ([`Basis`]), by the measures of the literature
//! ([`measures`]: Signorino–Ritter S with absolute and squared distances,
//! Cohen's weighted κ, Scott's π, Kendall's τb).
//!
//! Each basis gives every state a **portfolio**: a value on each dimension.
//! - **Relations** (the default): its tie to every country and every
//!   (non-universal) organization as of the date, +1 (positive), −1
//!   (negative) or 0 (none), by the relation kinds' signs; a state's tie to
//!   itself is +1. When a pair has both kinds of tie the negative one
//!   decides, the rule of [`crate::query::signed`]. Stances count on every
//!   issue *both* states took one on: supports +1, neutral 0, opposes −1.
//! - **Alliances** (Signorino & Ritter 1999; fpsim): the ordinal alliance
//!   commitment to every state existing on the date: defense 3, neutrality
//!   or non-aggression 2, entente 1, none 0, a state to itself 3 (the
//!   strongest when several alliances join the two). Alliances whose type
//!   is not recorded are left out and listed ([`Alignment::untyped`]).
//! - **Votes**: the UN General Assembly roll calls both states voted on in
//!   a period (the calendar year of the date by default): yes 1, abstain 2,
//!   no 3. Votes are read whatever the two states' statehood (a roll call
//!   records who voted), so Ukraine's and Belarus's votes of 1946 count.
//!
//! **Every dimension that moves S is listed.** A dimension either holds is
//! *shared* (the same value), *opposed* or *one-sided* ([`Group::of`]
//! says which on each basis); dimensions neither holds are counted, never
//! listed. So S recomputes from the lists of an [`Alignment`] alone.
//!
//! Comparing never walks every dimension: a dimension neither portfolio
//! holds is (none, none), which adds only to one cell of the contingency
//! table ([`measures::Table`]), so a comparison is O(holdings of a +
//! holdings of b).

pub mod measures;
mod portfolio;
pub mod weights;

use std::collections::BTreeMap;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::{View, When};
use crate::model::EntityKind;
pub use measures::{Scores, Table};
pub use portfolio::{dimensions, portfolio};
pub use weights::Weights;

/// What two states' portfolios are made of. See the module documentation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Basis {
    /// Signed ties to countries and organizations, and stances.
    #[default]
    Relations,
    /// Ordinal alliance commitments to every state (0 to 3).
    Alliances,
    /// UN General Assembly votes (yes 1, abstain 2, no 3).
    Votes,
}

impl Basis {
    /// The smallest and largest value a dimension takes.
    ///
    /// ```
    /// use diplograph::query::align::Basis;
    /// assert_eq!(Basis::Alliances.categories(), (0, 3));
    /// assert_eq!(Basis::Votes.categories(), (1, 3));
    /// ```
    pub fn categories(self) -> (i64, i64) {
        match self {
            Basis::Relations => (-1, 1),
            Basis::Alliances => (0, 3),
            Basis::Votes => (1, 3),
        }
    }

    /// The basis' name, as the command line and JSON write it.
    pub fn name(self) -> &'static str {
        match self {
            Basis::Relations => "relations",
            Basis::Alliances => "alliances",
            Basis::Votes => "votes",
        }
    }

    /// A new contingency table over the basis' values.
    fn table(self) -> Table {
        let (min, max) = self.categories();
        Table::new(min, max)
    }
}

/// Where and how two portfolios are compared: the view (the date, or the
/// period of a series step), the basis, the days whose roll calls the
/// votes basis reads, and optional weights of the dimensions.
#[derive(Clone, Copy, Debug)]
pub struct Frame<'a> {
    /// The graph as of the moment compared.
    pub view: View<'a>,
    /// What portfolios are made of.
    pub basis: Basis,
    /// The votes basis: the roll calls held on these days (`[first, end)`
    /// as day numbers; `None`: every roll call).
    pub votes_in: Option<[i32; 2]>,
    /// The weight of each dimension (`None`: all 1).
    pub weights: Option<&'a Weights>,
}

impl<'a> Frame<'a> {
    /// A frame on `view` for `basis`, unweighted, the votes basis reading
    /// the calendar year of the view's (first) day, or every roll call
    /// over all time.
    pub fn new(view: View<'a>, basis: Basis) -> Frame<'a> {
        let votes_in = view.when().first_day().and_then(|day| {
            let first = day.first_of_year();
            let next = first.checked_add(jiff::Span::new().years(1)).ok()?;
            When::During {
                from: first,
                until: next,
            }
            .window()
        });
        Frame {
            view,
            basis,
            votes_in,
            weights: None,
        }
    }

    /// The same frame with `weights`.
    #[must_use]
    pub fn weighted(mut self, weights: Option<&'a Weights>) -> Frame<'a> {
        self.weights = weights;
        self
    }

    /// The same frame reading the votes of the period `when` (a year of a
    /// series, whatever day its portfolios are taken on).
    #[must_use]
    pub fn votes_during(mut self, when: When) -> Frame<'a> {
        self.votes_in = when.window();
        self
    }

    /// The weight of dimension `target` (1 unweighted; 0 when the weights
    /// give it none).
    fn weight(&self, target: NodeIndex) -> f64 {
        self.weights.map_or(1.0, |w| w.get(target).unwrap_or(0.0))
    }

    /// The dimensions every portfolio is compared on, counted and weighed
    /// once per frame. O(V).
    pub fn dimensions(&self) -> Dimensions {
        let nodes = dimensions(self);
        let missing = match self.weights {
            Some(w) => nodes
                .iter()
                .copied()
                .filter(|n| w.get(*n).is_none())
                .collect(),
            None => Vec::new(),
        };
        Dimensions {
            count: nodes.len(),
            weight: nodes.iter().map(|n| self.weight(*n)).sum(),
            missing_weights: missing,
        }
    }
}

/// The dimensions of a frame: how many, their total weight, and which
/// lack a weight (counted with weight 0).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dimensions {
    /// Their number.
    pub count: usize,
    /// Their total weight (`count` unweighted).
    pub weight: f64,
    /// The dimensions the weights give no weight to.
    pub missing_weights: Vec<NodeIndex>,
}

/// One dimension of a portfolio: a state's value on a target, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holding {
    /// The value in the basis' scale ([`Basis::categories`]).
    pub value: i8,
    /// The relations the value is read from, in incidence order (empty for
    /// a state's tie to itself).
    pub edges: Vec<EdgeIndex>,
}

/// A state's values on every dimension it holds.
#[derive(Clone, Debug, Default)]
pub struct Portfolio {
    /// The state whose values these are.
    pub state: NodeIndex,
    /// Target → value; targets it does not hold are absent (the basis'
    /// "none": 0 for ties and alliances; a roll call it did not vote on is
    /// not compared).
    pub holdings: BTreeMap<NodeIndex, Holding>,
    /// Alliances of the state left out because their type is not recorded
    /// (alliances basis only).
    pub untyped: Vec<EdgeIndex>,
}

impl Portfolio {
    /// Whether the state holds anything besides its tie to itself. A state
    /// without one ranks nobody ([`rank`]): every score would only count
    /// the other state's values.
    pub fn has_ties(&self) -> bool {
        self.holdings.keys().any(|target| *target != self.state)
    }
}

/// Whether a target is compared only when both states hold it (an issue
/// both took a stance on, a roll call both voted on) rather than being a
/// dimension of every portfolio.
fn only_if_both(view: &View<'_>, target: NodeIndex) -> bool {
    match view.graph().entity_kind(target) {
        EntityKind::Issue | EntityKind::RollCall => true,
        EntityKind::Country | EntityKind::Organization | EntityKind::Person | EntityKind::Event => {
            false
        }
    }
}

/// How two values on one dimension compare: the one rule that sorts the
/// dimensions of an [`Alignment`] into its lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// The same value (a tie of the same sign, the same stance, the same
    /// commitment, the same vote).
    Shared,
    /// Opposed: opposite ties or stances, yes against no; on the
    /// alliances basis, allied with the target at different strengths.
    Opposed,
    /// One-sided: a tie or commitment only one holds, a position one holds
    /// while the other is neutral, a vote one cast while the other
    /// abstained.
    OneSided,
}

impl Group {
    /// The group of the values `x` and `y` on `basis`.
    ///
    /// ```
    /// use diplograph::query::align::{Basis, Group};
    /// assert_eq!(Group::of(Basis::Relations, 1, 1), Group::Shared);
    /// assert_eq!(Group::of(Basis::Relations, 1, -1), Group::Opposed);
    /// assert_eq!(Group::of(Basis::Relations, 0, -1), Group::OneSided);
    /// assert_eq!(Group::of(Basis::Alliances, 3, 1), Group::Opposed);
    /// assert_eq!(Group::of(Basis::Alliances, 0, 1), Group::OneSided);
    /// assert_eq!(Group::of(Basis::Votes, 1, 3), Group::Opposed);
    /// assert_eq!(Group::of(Basis::Votes, 2, 3), Group::OneSided);
    /// ```
    pub fn of(basis: Basis, x: i8, y: i8) -> Group {
        if x == y {
            return Group::Shared;
        }
        match basis {
            Basis::Relations if i16::from(x) * i16::from(y) < 0 => Group::Opposed,
            Basis::Alliances if x != 0 && y != 0 => Group::Opposed,
            Basis::Votes if (x - y).abs() == 2 => Group::Opposed,
            Basis::Relations | Basis::Alliances | Basis::Votes => Group::OneSided,
        }
    }
}

/// One dimension on which the two portfolios are compared, with the
/// relations behind each side's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// The third party, issue or roll call compared on.
    pub target: NodeIndex,
    /// The first state's value on `target` (in the basis' scale).
    pub a_value: i8,
    /// The second state's value on `target`.
    pub b_value: i8,
    /// The relations behind the first state's value (empty when it holds
    /// none, or when `target` is the first state itself).
    pub a_edges: Vec<EdgeIndex>,
    /// The relations behind the second state's value.
    pub b_edges: Vec<EdgeIndex>,
}

impl Comparison {
    /// |a − b|: what this dimension adds to Σ|x − y|.
    pub fn distance(&self) -> u8 {
        (i16::from(self.a_value) - i16::from(self.b_value)).unsigned_abs() as u8
    }
}

/// The alignment of two states, explained.
#[derive(Clone, Debug)]
pub struct Alignment {
    /// The first state compared.
    pub a: NodeIndex,
    /// The second state compared.
    pub b: NodeIndex,
    /// What the portfolios were made of.
    pub basis: Basis,
    /// Every measure, `None` where undefined.
    pub scores: Scores,
    /// Relations between the two.
    pub direct: Vec<EdgeIndex>,
    /// A's value on B (its tie, or its commitment to B; 0 on votes).
    pub direct_sign: i8,
    /// Shared dimensions ([`Group::Shared`]), in dimension order
    /// (countries and organizations by node, then issues or roll calls).
    pub agreements: Vec<Comparison>,
    /// Opposed dimensions ([`Group::Opposed`]), in dimension order.
    pub disagreements: Vec<Comparison>,
    /// One-sided dimensions ([`Group::OneSided`]), in dimension order.
    pub one_sided: Vec<Comparison>,
    /// Whether the dimensions were weighted.
    pub weighted: bool,
    /// The dimensions the weights gave no weight to (counted as 0).
    pub missing_weights: Vec<NodeIndex>,
    /// Alliances of either state left out for want of a recorded type
    /// (alliances basis).
    pub untyped: Vec<EdgeIndex>,
}

impl Alignment {
    /// Whether `c` is one of the two states' own dimensions (where one of
    /// them holds its tie to itself).
    pub fn is_own(&self, c: &Comparison) -> bool {
        c.target == self.a || c.target == self.b
    }

    /// Dimensions held by neither state: the ones no list holds. The
    /// number compared (`scores.n`) is the sum of this and the three
    /// lists' lengths.
    pub fn neither(&self) -> usize {
        self.scores.n - self.agreements.len() - self.disagreements.len() - self.one_sided.len()
    }
}

/// The alignment of `a` and `b` in `frame`. O(V + holdings of a and b).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::align::{Basis, Frame, align};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let frame = Frame::new(view, Basis::Relations);
/// let n = |s: &str| graph.resolve(s).unwrap();
/// let rus_chn = align(&frame, n("Russia"), n("China"));
/// let ind_pak = align(&frame, n("India"), n("Pakistan"));
/// // S ties (India and Pakistan share the SCO and an abstention on the war);
/// // κ, which discounts chance agreement, tells them apart.
/// assert!(rus_chn.scores.s_score >= ind_pak.scores.s_score);
/// assert!(rus_chn.scores.kappa.unwrap() > ind_pak.scores.kappa.unwrap());
/// ```
pub fn align(frame: &Frame<'_>, a: NodeIndex, b: NodeIndex) -> Alignment {
    let dims = frame.dimensions();
    compare(frame, &dims, &portfolio(frame, a), &portfolio(frame, b))
}

/// Calls `visit(target, x, y, weight, is_dimension)` for every target
/// either portfolio holds, in dimension order (dimensions by node, then the
/// targets compared only when both hold them, which are not dimensions),
/// skipping those held by one side only when they count only if both do.
/// The dimensions not visited are (none, none). The one merge every
/// comparison runs, so the explained comparison and the ranking agree
/// exactly.
fn merge(
    frame: &Frame<'_>,
    a: &[(NodeIndex, i8, bool)],
    b: &[(NodeIndex, i8, bool)],
    mut visit: impl FnMut(NodeIndex, i8, i8, f64, bool),
) {
    let (mut i, mut j) = (0, 0);
    let mut later: Vec<(NodeIndex, i8, i8)> = Vec::new();
    while i < a.len() || j < b.len() {
        let (ta, tb) = (a.get(i).map(|h| h.0), b.get(j).map(|h| h.0));
        let (target, x, y, both_only) = match (ta, tb) {
            (Some(ta), Some(tb)) if ta == tb => {
                let held = (ta, a[i].1, b[j].1, a[i].2);
                i += 1;
                j += 1;
                if held.3 {
                    later.push((held.0, held.1, held.2));
                    continue;
                }
                held
            }
            (Some(ta), tb) if tb.is_none_or(|tb| ta < tb) => {
                i += 1;
                (ta, a[i - 1].1, 0, a[i - 1].2)
            }
            _ => {
                j += 1;
                (b[j - 1].0, 0, b[j - 1].1, b[j - 1].2)
            }
        };
        if !both_only {
            visit(target, x, y, frame.weight(target), true);
        }
    }
    // Issues and roll calls are not weighted: weights are for the states
    // and organizations every portfolio is compared on.
    for (target, x, y) in later {
        visit(target, x, y, 1.0, false);
    }
}

/// A portfolio as a sorted array of (target, value, compared only if both
/// hold it): what [`merge`] walks, made once per portfolio when many pairs
/// are scored ([`Flat::scores`]).
#[derive(Clone, Debug, Default)]
pub struct Flat(Vec<(NodeIndex, i8, bool)>);

impl Flat {
    /// The flat form of `p`. O(holdings).
    pub fn of(frame: &Frame<'_>, p: &Portfolio) -> Flat {
        Flat(flat(frame, p))
    }

    /// Every measure of this portfolio against `other`'s, as [`scores`]
    /// gives them. O(holdings of both), no allocation but the table.
    pub fn scores(&self, frame: &Frame<'_>, dims: &Dimensions, other: &Flat) -> Scores {
        table_of(frame, dims, &self.0, &other.0).scores()
    }
}

fn flat(frame: &Frame<'_>, p: &Portfolio) -> Vec<(NodeIndex, i8, bool)> {
    p.holdings
        .iter()
        .map(|(t, h)| (*t, h.value, only_if_both(&frame.view, *t)))
        .collect()
}

/// The contingency table of two flat portfolios over `dims`.
fn table_of(
    frame: &Frame<'_>,
    dims: &Dimensions,
    a: &[(NodeIndex, i8, bool)],
    b: &[(NodeIndex, i8, bool)],
) -> Table {
    let mut table = frame.basis.table();
    let (mut held, mut held_weight) = (0, 0.0);
    merge(frame, a, b, |_, x, y, w, is_dimension| {
        table.add(i64::from(x), i64::from(y), w);
        if is_dimension {
            held += 1;
            held_weight += w;
        }
    });
    table.add_many(
        0,
        0,
        (dims.weight - held_weight).max(0.0),
        dims.count.saturating_sub(held),
    );
    table
}

/// Compares two portfolios over `dims` (from [`Frame::dimensions`]) plus
/// the targets compared only when both hold them, and lists every
/// dimension either state holds by its [`Group`], each with the relations
/// behind both values. O(holdings of a + holdings of b).
pub fn compare(frame: &Frame<'_>, dims: &Dimensions, a: &Portfolio, b: &Portfolio) -> Alignment {
    let (fa, fb) = (flat(frame, a), flat(frame, b));
    let table = table_of(frame, dims, &fa, &fb);
    let edges = |p: &Portfolio, t: NodeIndex| {
        p.holdings
            .get(&t)
            .map(|h| h.edges.clone())
            .unwrap_or_default()
    };
    let mut lists = Lists::default();
    merge(frame, &fa, &fb, |target, x, y, _, _| {
        let c = Comparison {
            target,
            a_value: x,
            b_value: y,
            a_edges: edges(a, target),
            b_edges: edges(b, target),
        };
        match Group::of(frame.basis, x, y) {
            Group::Shared => lists.shared.push(c),
            Group::Opposed => lists.opposed.push(c),
            Group::OneSided => lists.one_sided.push(c),
        }
    });
    let mut direct: Vec<EdgeIndex> = frame
        .view
        .incident_edges(a.state)
        .filter(|(_, other, _)| *other == b.state)
        .map(|(e, _, _)| e)
        .collect();
    direct.sort();
    let mut untyped: Vec<EdgeIndex> = a.untyped.iter().chain(&b.untyped).copied().collect();
    untyped.sort();
    untyped.dedup();
    Alignment {
        a: a.state,
        b: b.state,
        basis: frame.basis,
        scores: table.scores(),
        direct,
        direct_sign: match frame.basis {
            Basis::Votes => 0,
            Basis::Relations | Basis::Alliances => a.holdings.get(&b.state).map_or(0, |h| h.value),
        },
        agreements: lists.shared,
        disagreements: lists.opposed,
        one_sided: lists.one_sided,
        weighted: frame.weights.is_some(),
        missing_weights: dims.missing_weights.clone(),
        untyped,
    }
}

/// The three lists of an [`Alignment`], filled by [`Group`].
#[derive(Default)]
struct Lists {
    shared: Vec<Comparison>,
    opposed: Vec<Comparison>,
    one_sided: Vec<Comparison>,
}

/// Every measure of two portfolios, without the explanation: one merge of
/// two sorted arrays, no list built. The same table as [`compare`]'s, so
/// the same numbers.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::align::{Basis, Frame, compare, portfolio, scores};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let frame = Frame::new(graph.at(When::On(jiff::civil::date(2024, 7, 4))), Basis::Relations);
/// let (a, b) = (portfolio(&frame, graph.node("RUS").unwrap()), portfolio(&frame, graph.node("CHN").unwrap()));
/// let dims = frame.dimensions();
/// assert_eq!(scores(&frame, &dims, &a, &b), compare(&frame, &dims, &a, &b).scores);
/// ```
pub fn scores(frame: &Frame<'_>, dims: &Dimensions, a: &Portfolio, b: &Portfolio) -> Scores {
    table_of(frame, dims, &flat(frame, a), &flat(frame, b)).scores()
}

/// Which score ranks `align --top`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Measure {
    /// Signorino–Ritter S (absolute distances).
    #[default]
    S,
    /// Signorino–Ritter S with squared distances.
    SSquared,
    /// Cohen's weighted κ.
    Kappa,
    /// Scott's π.
    Pi,
    /// Kendall's τb.
    TauB,
}

impl Measure {
    /// This measure's value in `scores` (`None` where undefined).
    ///
    /// ```
    /// use diplograph::query::align::{Measure, Scores};
    /// let s = Scores { s_score: Some(0.5), kappa: None, ..Scores::default() };
    /// assert_eq!(Measure::S.of(&s), Some(0.5));
    /// assert_eq!(Measure::Kappa.of(&s), None);
    /// ```
    pub fn of(self, scores: &Scores) -> Option<f64> {
        match self {
            Measure::S => scores.s_score,
            Measure::SSquared => scores.s_squared,
            Measure::Kappa => scores.kappa,
            Measure::Pi => scores.pi,
            Measure::TauB => scores.tau_b,
        }
    }

    /// The measure's name in JSON (`s_score`, `s_squared`, `kappa`, `pi`,
    /// `tau_b`).
    pub fn key(self) -> &'static str {
        match self {
            Measure::S => "s_score",
            Measure::SSquared => "s_squared",
            Measure::Kappa => "kappa",
            Measure::Pi => "pi",
            Measure::TauB => "tau_b",
        }
    }

    /// The measure's name in text ("S score", "S (squared)", "weighted
    /// κ", "Scott's π", "Kendall's τb").
    pub fn label(self) -> &'static str {
        match self {
            Measure::S => "S score",
            Measure::SSquared => "S (squared)",
            Measure::Kappa => "weighted κ",
            Measure::Pi => "Scott's π",
            Measure::TauB => "Kendall's τb",
        }
    }

    /// The measure's symbol in tables ("S", "S²", "κ", "π", "τb").
    pub fn symbol(self) -> &'static str {
        match self {
            Measure::S => "S",
            Measure::SSquared => "S²",
            Measure::Kappa => "κ",
            Measure::Pi => "π",
            Measure::TauB => "τb",
        }
    }

    /// Every measure, in the order answers list them.
    pub const ALL: [Measure; 5] = [
        Measure::S,
        Measure::SSquared,
        Measure::Kappa,
        Measure::Pi,
        Measure::TauB,
    ];
}

/// Every other country ranked by alignment with `a` in `frame`, best
/// first, at most `top`; states for which the measure is undefined rank
/// last. Portfolios are built once each: O(V·(V + deg)) on the relations
/// and alliances bases, O(votes in the period) on votes. Candidates are
/// ranked by [`scores`] (no list built), then the best `top` compared in
/// full by [`compare`], which gives the same numbers. A state that holds
/// nothing ([`Portfolio::has_ties`]) ranks nobody: the answer is empty.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::align::{Basis, Frame, Measure, rank};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let frame = Frame::new(graph.at(When::On(jiff::civil::date(2024, 7, 4))), Basis::Relations);
/// let ranked = rank(&frame, graph.node("RUS").unwrap(), 3, Measure::S);
/// assert_eq!(ranked.len(), 3);
/// assert!(ranked.windows(2).all(|w| w[0].scores.s_score >= w[1].scores.s_score));
/// let before = Frame::new(graph.at(When::On(jiff::civil::date(1800, 1, 1))), Basis::Relations);
/// assert!(rank(&before, graph.node("RUS").unwrap(), 3, Measure::S).is_empty());
/// ```
pub fn rank(frame: &Frame<'_>, a: NodeIndex, top: usize, measure: Measure) -> Vec<Alignment> {
    let view = &frame.view;
    let graph = view.graph();
    let dims = frame.dimensions();
    let mine = portfolio(frame, a);
    if !mine.has_ties() {
        return Vec::new();
    }
    let flat_mine = flat(frame, &mine);
    let others: Vec<Portfolio> = portfolio::candidates(frame, a)
        .into_iter()
        .map(|b| portfolio(frame, b))
        .collect();
    let key = |s: &Scores| measure.of(s).unwrap_or(f64::NEG_INFINITY);
    let mut quick: Vec<(f64, usize)> = others
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let t = table_of(frame, &dims, &flat_mine, &flat(frame, p));
            (key(&t.scores()), i)
        })
        .collect();
    let id = |i: usize| &graph.entity(others[i].state).id;
    quick.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| id(x.1).cmp(id(y.1))));
    quick.truncate(top);
    quick
        .into_iter()
        .map(|(_, i)| compare(frame, &dims, &mine, &others[i]))
        .collect()
}

#[cfg(test)]
mod tests;
