//! Alignment between states: how alike two states' ties are.
//!
//! Each state has a **portfolio**: its tie to every country and every
//! organization in the graph as of the date, +1 (positive), −1 (negative)
//! or 0 (none), using the relation kinds' signs. A state's tie to itself is
//! +1. When a pair has both kinds of tie (a partnership and a sanctions
//! regime, or membership and a dispute), the negative one decides: the
//! same rule as [`crate::query::signed`]. Stances count too: on every issue
//! on which *both* states have a stance, supports = +1, neutral = 0,
//! opposes = −1 (an issue only one of them has spoken on says nothing
//! about agreement).
//!
//! Two scores compare portfolios:
//! - the **Signorino–Ritter S score**, S = 1 − 2·Σ wₖ|xₖ − yₖ| / (R·Σ wₖ),
//!   with R = 2 the range of the values and unit weights: 1 for identical
//!   portfolios, −1 for opposite ones;
//! - **Cohen's weighted κ** with quadratic disagreement weights (Häge 2011),
//!   κ = 1 − Σ dᵢⱼoᵢⱼ / Σ dᵢⱼeᵢⱼ, dᵢⱼ = (|i − j|/R)², which corrects S for
//!   the agreement two states would show by chance given how often each
//!   uses each value. κ is undefined (`None`) when chance disagreement is
//!   zero, e.g. when both portfolios hold one single value.
//!
//! Two more measures the literature uses are here for the commitment and
//! vote bases (Signorino & Ritter 1999, Häge 2011), checked against Table
//! 6 of Signorino & Ritter: **Scott's π** ([`scott_pi`]: nominal
//! agreement, chance from the pooled marginals) and **Kendall's τb**
//! ([`kendall_tau_b`], counted from the contingency table).
//!
//! **Every dimension that moves S is listed.** With values in −1..=1 a
//! dimension is either *shared* (the same value: agreement), *opposed*
//! (opposite signs: |x − y| = 2), *one-sided* (one of the two is 0: a tie
//! or a non-neutral position only one of them holds, |x − y| = 1), or held
//! by neither (0, 0: never listed, it adds nothing). The two states' own
//! dimensions are listed like any other (A's is +1 for A against B's tie
//! to A). So S = 1 − (2·opposed + one-sided) / dimensions, recomputable
//! from the lists of an [`Alignment`] alone.

use std::collections::BTreeMap;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::View;
use crate::model::{EntityKind, Position, RelationKind};

/// The range R of portfolio values (−1..=1).
pub const RANGE: f64 = 2.0;

/// Signorino–Ritter S between two vectors of values.
///
/// `weights` default to 1; `range` is R, the largest possible distance;
/// `squared` uses squared distances (S = 1 − 2·Σ w d² / (R²·Σ w)).
///
/// ```
/// use diplograph::query::align::s_score;
/// let (x, y) = ([3.0, 3.0, 2.0, 2.0], [2.0, 2.0, 3.0, 3.0]);
/// let w = [0.5, 0.3, 0.1, 0.1];
/// assert!((s_score(&x, &y, None, 3.0, false) - 1.0 / 3.0).abs() < 1e-9);
/// assert!((s_score(&x, &y, Some(&w), 3.0, false) - 1.0 / 3.0).abs() < 1e-9);
/// assert!((s_score(&x, &y, Some(&w), 3.0, true) - 7.0 / 9.0).abs() < 1e-9);
/// ```
pub fn s_score(x: &[f64], y: &[f64], weights: Option<&[f64]>, range: f64, squared: bool) -> f64 {
    let weight = |k: usize| weights.map_or(1.0, |w| w[k]);
    let total: f64 = (0..x.len()).map(weight).sum();
    if total == 0.0 {
        return 1.0;
    }
    let distance: f64 = (0..x.len())
        .map(|k| {
            let d = (x[k] - y[k]).abs() / range;
            weight(k) * if squared { d * d } else { d }
        })
        .sum();
    1.0 - 2.0 * distance / total
}

/// Cohen's weighted κ with quadratic disagreement weights over the integer
/// categories `min..=max` (Häge 2011). `None` when undefined.
///
/// ```
/// use diplograph::query::align::weighted_kappa;
/// let k = weighted_kappa(&[3, 3, 2, 2], &[2, 2, 3, 3], None, 1, 4).unwrap();
/// assert!((k - -1.0).abs() < 1e-9);
/// assert_eq!(weighted_kappa(&[1, 1], &[1, 1], None, 0, 2), None);
/// ```
pub fn weighted_kappa(
    x: &[i64],
    y: &[i64],
    weights: Option<&[f64]>,
    min: i64,
    max: i64,
) -> Option<f64> {
    let categories = (max - min + 1).max(1) as usize;
    let range = (max - min).max(1) as f64;
    let weight = |k: usize| weights.map_or(1.0, |w| w[k]);
    let total: f64 = (0..x.len()).map(weight).sum();
    if total == 0.0 {
        return None;
    }
    let mut observed = vec![vec![0.0; categories]; categories];
    let mut px = vec![0.0; categories];
    let mut py = vec![0.0; categories];
    for k in 0..x.len() {
        let (i, j) = ((x[k] - min) as usize, (y[k] - min) as usize);
        observed[i][j] += weight(k) / total;
        px[i] += weight(k) / total;
        py[j] += weight(k) / total;
    }
    let (mut seen, mut chance) = (0.0, 0.0);
    for i in 0..categories {
        for j in 0..categories {
            let d = ((i as f64 - j as f64).abs() / range).powi(2);
            seen += d * observed[i][j];
            chance += d * px[i] * py[j];
        }
    }
    (chance > 1e-12).then(|| 1.0 - seen / chance)
}

/// Weighted counts of the pairs (x, y) of integer categories
/// `min..=max`, as proportions of the total weight: the contingency table
/// the chance-corrected measures read. `None` for no weight.
fn proportions(
    x: &[i64],
    y: &[i64],
    weights: Option<&[f64]>,
    min: i64,
    max: i64,
) -> Option<Vec<Vec<f64>>> {
    let categories = (max - min + 1).max(1) as usize;
    let weight = |k: usize| weights.map_or(1.0, |w| w[k]);
    let total: f64 = (0..x.len()).map(weight).sum();
    if total == 0.0 {
        return None;
    }
    let mut table = vec![vec![0.0; categories]; categories];
    for k in 0..x.len() {
        table[(x[k] - min) as usize][(y[k] - min) as usize] += weight(k) / total;
    }
    Some(table)
}

/// Scott's π (Häge 2011): agreement corrected for chance, with chance
/// taken from the two states' *pooled* use of each category (where
/// Cohen's κ keeps each state's own), and agreement nominal: a pair
/// agrees when the categories are equal. π = (pₒ − pₑ) / (1 − pₑ).
///
/// Arguments: the values `x` and `y` (integer categories `min..=max`),
/// optional `weights`. Returns `None` when undefined (chance agreement is
/// 1: both use one single category). O(n + c²) for c categories.
///
/// ```
/// use diplograph::query::align::scott_pi;
/// // Signorino & Ritter (1999), Table 6: Germany and Russia in 1914.
/// let germany = [3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];
/// let russia = [0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
/// let pi = scott_pi(&germany, &russia, None, 0, 3).unwrap();
/// assert_eq!((pi * 10_000.0).round() / 10_000.0, -0.0448);
/// assert_eq!(scott_pi(&[1, 1], &[1, 1], None, 0, 3), None);
/// ```
pub fn scott_pi(x: &[i64], y: &[i64], weights: Option<&[f64]>, min: i64, max: i64) -> Option<f64> {
    let table = proportions(x, y, weights, min, max)?;
    let c = table.len();
    let observed: f64 = (0..c).map(|i| table[i][i]).sum();
    let pooled: Vec<f64> = (0..c)
        .map(|i| f64::midpoint(table[i].iter().sum(), (0..c).map(|r| table[r][i]).sum()))
        .collect();
    let chance: f64 = pooled.iter().map(|p| p * p).sum();
    (1.0 - chance > 1e-12).then(|| (observed - chance) / (1.0 - chance))
}

/// Kendall's τb between two rankings in integer categories `min..=max`:
/// (concordant − discordant) / √((n₀ − n₁)(n₀ − n₂)), n₀ the pairs, n₁
/// and n₂ the pairs tied in `x` and in `y`. Counted from the contingency
/// table, so O(n + c⁴) for c categories rather than O(n²) over the pairs.
///
/// Returns `None` when undefined (every value of one side tied).
///
/// ```
/// use diplograph::query::align::kendall_tau_b;
/// let germany = [3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];
/// let russia = [0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
/// let tau = kendall_tau_b(&germany, &russia, 0, 3).unwrap();
/// assert_eq!((tau * 10_000.0).round() / 10_000.0, 0.0303);
/// assert_eq!(kendall_tau_b(&[1, 2, 3], &[1, 2, 3], 0, 3), Some(1.0));
/// assert_eq!(kendall_tau_b(&[1, 1], &[1, 2], 0, 3), None);
/// ```
pub fn kendall_tau_b(x: &[i64], y: &[i64], min: i64, max: i64) -> Option<f64> {
    let c = (max - min + 1).max(1) as usize;
    let mut counts = vec![vec![0.0f64; c]; c];
    for (a, b) in x.iter().zip(y) {
        counts[(a - min) as usize][(b - min) as usize] += 1.0;
    }
    let n = x.len() as f64;
    let pairs = |k: f64| k * (k - 1.0) / 2.0;
    let (mut concordant, mut discordant) = (0.0, 0.0);
    for i in 0..c {
        for j in 0..c {
            for i2 in i + 1..c {
                for j2 in 0..c {
                    let both = counts[i][j] * counts[i2][j2];
                    if j2 > j {
                        concordant += both;
                    } else if j2 < j {
                        discordant += both;
                    }
                }
            }
        }
    }
    let tied_x: f64 = counts.iter().map(|row| pairs(row.iter().sum())).sum();
    let tied_y: f64 = (0..c)
        .map(|j| pairs(counts.iter().map(|row| row[j]).sum()))
        .sum();
    let denominator = ((pairs(n) - tied_x) * (pairs(n) - tied_y)).sqrt();
    (denominator > 0.0).then(|| (concordant - discordant) / denominator)
}

/// One dimension of a portfolio: a state's tie to a target, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holding {
    /// The tie: +1 positive, −1 negative, 0 none (a neutral stance); for a
    /// country or organization a negative relation outweighs a positive one.
    pub value: i8,
    /// The relations the tie is read from, in incidence order (empty for a
    /// state's tie to itself).
    pub edges: Vec<EdgeIndex>,
}

/// A state's ties to every country, organization and issue.
#[derive(Clone, Debug, Default)]
pub struct Portfolio {
    /// The state whose ties these are.
    pub state: NodeIndex,
    /// Target → tie; targets with no tie are absent (value 0).
    pub holdings: BTreeMap<NodeIndex, Holding>,
}

impl Portfolio {
    /// Whether the state holds anything alignment compares besides its
    /// tie to itself: a tie to a country or a (non-universal)
    /// organization, or a stance. A state without one ranks nobody
    /// ([`rank`]): every score would only count the other state's ties.
    pub fn has_ties(&self) -> bool {
        self.holdings.keys().any(|target| *target != self.state)
    }
}

/// Builds the portfolio of `state`. O(degree), from the flat records (no
/// relation is made).
pub fn portfolio(view: &View<'_>, state: NodeIndex) -> Portfolio {
    let graph = view.graph();
    let mut holdings: BTreeMap<NodeIndex, Holding> = BTreeMap::new();
    for (edge, other, _) in view.incident_edges(state) {
        let kind = graph.entity_kind(other);
        let relation = graph.kind(edge);
        let value = match (relation, kind) {
            (RelationKind::Stance, EntityKind::Issue) => match graph.position(edge) {
                Some(Position::Supports) => 1,
                Some(Position::Opposes) => -1,
                Some(Position::Neutral) | None => 0,
            },
            // Membership of a universal body (the UN) says nothing about
            // alignment: it is no dimension of the portfolio.
            (_, EntityKind::Organization) if graph.is_universal(other) => continue,
            (_, EntityKind::Country | EntityKind::Organization) => relation.sign().value(),
            // Votes are compared roll call by roll call, not as ties.
            (
                _,
                EntityKind::Person | EntityKind::Event | EntityKind::Issue | EntityKind::RollCall,
            ) => continue,
        };
        if value == 0 && relation != RelationKind::Stance {
            continue;
        }
        let holding = holdings.entry(other).or_insert(Holding {
            value,
            edges: Vec::new(),
        });
        // Negative wins over positive, for countries and organizations.
        if relation != RelationKind::Stance && value < holding.value {
            holding.value = value;
        }
        holding.edges.push(edge);
    }
    // A state is friendly to itself, while it is a state: one outside its
    // recorded statehood holds nothing, not even itself.
    if view.contains(state) {
        holdings.insert(
            state,
            Holding {
                value: 1,
                edges: Vec::new(),
            },
        );
    }
    Portfolio { state, holdings }
}

/// How two values on one dimension compare: the one rule that sorts the
/// dimensions of an [`Alignment`] into its lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// The same value (a tie of the same sign, or the same stance).
    Shared,
    /// Opposite signs: one friendly or in favour, the other hostile or
    /// against (|x − y| = 2).
    Opposed,
    /// One of the two is 0: a tie only one holds, or a position one holds
    /// while the other is neutral (|x − y| = 1).
    OneSided,
}

impl Group {
    /// The group of the values `x` and `y` (each −1, 0 or 1). Two zeros are
    /// `Shared`: they are met only on an issue both are neutral on, as a
    /// country or organization neither holds is never compared item by item.
    ///
    /// ```
    /// use diplograph::query::align::Group;
    /// assert_eq!(Group::of(1, 1), Group::Shared);
    /// assert_eq!(Group::of(1, -1), Group::Opposed);
    /// assert_eq!(Group::of(0, -1), Group::OneSided);
    /// ```
    pub fn of(x: i8, y: i8) -> Group {
        if x == y {
            Group::Shared
        } else if i16::from(x) * i16::from(y) < 0 {
            Group::Opposed
        } else {
            Group::OneSided
        }
    }
}

/// One dimension on which the two portfolios are compared, with the
/// relations behind each side's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// The third party (country or organization) or issue compared on.
    pub target: NodeIndex,
    /// The first state's tie to `target`: +1, −1 or 0 (+1 when `target`
    /// is the first state itself).
    pub a_value: i8,
    /// The second state's tie to `target`: +1, −1 or 0 (+1 when `target`
    /// is the second state itself).
    pub b_value: i8,
    /// The relations behind the first state's tie (empty when it has none,
    /// or when `target` is the first state itself).
    pub a_edges: Vec<EdgeIndex>,
    /// The relations behind the second state's tie (empty when it has
    /// none, or when `target` is the second state itself).
    pub b_edges: Vec<EdgeIndex>,
}

impl Comparison {
    /// |a − b|: what this dimension adds to Σ|x − y| (0, 1 or 2).
    pub fn distance(&self) -> u8 {
        (i16::from(self.a_value) - i16::from(self.b_value)).unsigned_abs() as u8
    }

    /// Which list of an [`Alignment`] this dimension belongs to.
    pub fn group(&self) -> Group {
        Group::of(self.a_value, self.b_value)
    }
}

/// The alignment of two states, explained.
#[derive(Clone, Debug)]
pub struct Alignment {
    /// The first state compared.
    pub a: NodeIndex,
    /// The second state compared.
    pub b: NodeIndex,
    /// Signorino–Ritter S over all dimensions: 1 for identical portfolios,
    /// −1 for opposite ones (1 when there is nothing to compare).
    pub s_score: f64,
    /// Cohen's quadratic-weighted κ: S corrected for chance agreement;
    /// `None` when chance disagreement is zero (e.g. one value throughout).
    pub kappa: Option<f64>,
    /// Number of dimensions compared.
    pub dimensions: usize,
    /// Relations between the two.
    pub direct: Vec<EdgeIndex>,
    /// A's tie to B: +1, −1 or 0 (negative wins over positive).
    pub direct_sign: i8,
    /// Shared dimensions ([`Group::Shared`]): the same tie to a country or
    /// organization (the two states' own dimensions included), or the same
    /// stance on an issue; in dimension order (countries and organizations
    /// by node, then issues).
    pub agreements: Vec<Comparison>,
    /// Opposed dimensions ([`Group::Opposed`]): opposite ties, or opposite
    /// stances; in dimension order.
    pub disagreements: Vec<Comparison>,
    /// One-sided dimensions ([`Group::OneSided`]): a tie only one of the two
    /// has, or a stance one holds where the other is neutral; in dimension
    /// order.
    pub one_sided: Vec<Comparison>,
}

impl Alignment {
    /// Whether `c` is one of the two states' own dimensions (where one of
    /// them is +1 by being that state).
    pub fn is_own(&self, c: &Comparison) -> bool {
        c.target == self.a || c.target == self.b
    }

    /// Dimensions held by neither state (0 against 0): the ones no list
    /// holds. `dimensions` is the sum of this and the three lists' lengths.
    pub fn neither(&self) -> usize {
        self.dimensions - self.agreements.len() - self.disagreements.len() - self.one_sided.len()
    }
}

/// The dimensions every portfolio is compared on: all countries and
/// organizations, in file order, except universal ones (the UN), whose
/// membership says nothing about alignment, and the states that do not
/// exist at the view's moment ([`View::contains`]).
pub fn dimensions(view: &View<'_>) -> Vec<NodeIndex> {
    let graph = view.graph();
    view.nodes()
        .filter(|n| match graph.entity_kind(*n) {
            EntityKind::Country => true,
            EntityKind::Organization => !graph.is_universal(*n),
            EntityKind::Person | EntityKind::Event | EntityKind::Issue | EntityKind::RollCall => {
                false
            }
        })
        .collect()
}

/// The alignment of `a` and `b` as of the view. O(V + deg a + deg b).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::align::align;
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let n = |s: &str| graph.resolve(s).unwrap();
/// let rus_chn = align(&view, n("Russia"), n("China"));
/// let ind_pak = align(&view, n("India"), n("Pakistan"));
/// // S ties (India and Pakistan share the SCO and an abstention on the war);
/// // κ, which discounts chance agreement, tells them apart.
/// assert!(rus_chn.s_score >= ind_pak.s_score);
/// assert!(rus_chn.kappa.unwrap() > ind_pak.kappa.unwrap());
/// ```
pub fn align(view: &View<'_>, a: NodeIndex, b: NodeIndex) -> Alignment {
    let dims = dimensions(view).len();
    compare(view, dims, &portfolio(view, a), &portfolio(view, b))
}

/// Compares two portfolios over every country and organization (`dims` of
/// them: `dimensions(view).len()`) plus the issues both took a stance on,
/// and lists every dimension either state holds by its [`Group`] (the two
/// states' own dimensions included), each with the relations behind both
/// values.
///
/// O(holdings of a + holdings of b), not O(dims): a target neither
/// portfolio holds is (0, 0), which adds nothing to the distance and only
/// counts towards the (0, 0) cell of κ's table. The scores are exactly those
/// of comparing every dimension in order (a test holds it to that): the
/// distance is a sum of halves and wholes, exact in any order, and κ is
/// computed from the counts.
pub fn compare(view: &View<'_>, dims: usize, a: &Portfolio, b: &Portfolio) -> Alignment {
    let graph = view.graph();
    let value = |p: &Portfolio, t: NodeIndex| p.holdings.get(&t).map_or(0, |h| h.value);
    let is_issue = |t: NodeIndex| graph.entity_kind(t) == EntityKind::Issue;
    // Held targets in the order `compare` meets them: countries and
    // organizations by node, then issues both took a stance on.
    let mut held: Vec<NodeIndex> = a
        .holdings
        .keys()
        .chain(b.holdings.keys())
        .copied()
        .filter(|t| !is_issue(*t))
        .collect();
    held.sort_unstable();
    held.dedup();
    let shared_issues: Vec<NodeIndex> = a
        .holdings
        .keys()
        .filter(|t| is_issue(**t) && b.holdings.contains_key(t))
        .copied()
        .collect();
    let total = dims + shared_issues.len();
    let mut distance = 0.0;
    let mut counts = [[0usize; 3]; 3];
    let mut lists = Lists::default();
    let edges = |p: &Portfolio, t: NodeIndex| {
        p.holdings
            .get(&t)
            .map(|h| h.edges.clone())
            .unwrap_or_default()
    };
    for &target in held.iter().chain(&shared_issues) {
        let (x, y) = (i64::from(value(a, target)), i64::from(value(b, target)));
        distance += (x - y).abs() as f64 / RANGE;
        counts[(x + 1) as usize][(y + 1) as usize] += 1;
        lists.push(Comparison {
            target,
            a_value: x as i8,
            b_value: y as i8,
            a_edges: edges(a, target),
            b_edges: edges(b, target),
        });
    }
    counts[1][1] += total - held.len() - shared_issues.len();
    let mut direct: Vec<EdgeIndex> = edges(a, b.state);
    direct.sort();
    Alignment {
        a: a.state,
        b: b.state,
        s_score: if total == 0 {
            1.0
        } else {
            1.0 - 2.0 * distance / total as f64
        },
        kappa: kappa_of_counts(&counts, total),
        dimensions: total,
        direct,
        direct_sign: value(a, b.state),
        agreements: lists.shared,
        disagreements: lists.opposed,
        one_sided: lists.one_sided,
    }
}

/// The three lists of an [`Alignment`], filled by [`Group`].
#[derive(Default)]
struct Lists {
    shared: Vec<Comparison>,
    opposed: Vec<Comparison>,
    one_sided: Vec<Comparison>,
}

impl Lists {
    fn push(&mut self, c: Comparison) {
        match c.group() {
            Group::Shared => self.shared.push(c),
            Group::Opposed => self.opposed.push(c),
            Group::OneSided => self.one_sided.push(c),
        }
    }
}

/// A portfolio as a sorted array of (target, value, is an issue): what
/// [`quick_scores`] merges.
#[derive(Clone, Debug, Default)]
pub struct Flat {
    holdings: Vec<(NodeIndex, i8, bool)>,
}

impl Flat {
    /// The flat form of a portfolio. O(holdings).
    pub fn of(view: &View<'_>, p: &Portfolio) -> Flat {
        let graph = view.graph();
        Flat {
            holdings: p
                .holdings
                .iter()
                .map(|(t, h)| (*t, h.value, graph.entity_kind(*t) == EntityKind::Issue))
                .collect(),
        }
    }
}

/// The S score and weighted κ of two portfolios as [`compare`] computes
/// them, without the explanation: one merge of two sorted arrays,
/// O(holdings a + holdings b), no allocation. κ comes from the closed form
/// of the counts, so it may differ from [`compare`]'s in the last bits;
/// use it to rank, then [`compare`] the best.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::align::{Flat, compare, dimensions, portfolio, quick_scores};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let (a, b) = (portfolio(&view, graph.node("RUS").unwrap()), portfolio(&view, graph.node("CHN").unwrap()));
/// let dims = dimensions(&view).len();
/// let full = compare(&view, dims, &a, &b);
/// let (s, kappa) = quick_scores(dims, &Flat::of(&view, &a), &Flat::of(&view, &b));
/// assert!((s - full.s_score).abs() < 1e-12);
/// assert!((kappa.unwrap() - full.kappa.unwrap()).abs() < 1e-12);
/// ```
pub fn quick_scores(dims: usize, a: &Flat, b: &Flat) -> (f64, Option<f64>) {
    let (x, y) = (&a.holdings, &b.holdings);
    let (mut i, mut j) = (0, 0);
    let mut counts = [[0usize; 3]; 3];
    let mut distance = 0.0;
    let (mut held, mut shared) = (0, 0);
    let mut add = |p: i8, q: i8| {
        distance += f64::from((p - q).abs()) / RANGE;
        counts[(p + 1) as usize][(q + 1) as usize] += 1;
    };
    while i < x.len() || j < y.len() {
        let next_a = x.get(i).map(|h| h.0);
        let next_b = y.get(j).map(|h| h.0);
        match (next_a, next_b) {
            (Some(ta), Some(tb)) if ta == tb => {
                if x[i].2 {
                    shared += 1;
                } else {
                    held += 1;
                }
                add(x[i].1, y[j].1);
                i += 1;
                j += 1;
            }
            (Some(ta), tb) if tb.is_none_or(|tb| ta < tb) => {
                if !x[i].2 {
                    held += 1;
                    add(x[i].1, 0);
                }
                i += 1;
            }
            _ => {
                if !y[j].2 {
                    held += 1;
                    add(0, y[j].1);
                }
                j += 1;
            }
        }
    }
    let total = dims + shared;
    counts[1][1] += total - held - shared;
    if total == 0 {
        return (1.0, None);
    }
    let t = total as f64;
    let row: Vec<f64> = (0..3)
        .map(|r| counts[r].iter().sum::<usize>() as f64 / t)
        .collect();
    let col: Vec<f64> = (0..3)
        .map(|c| counts.iter().map(|r| r[c]).sum::<usize>() as f64 / t)
        .collect();
    let (mut seen, mut chance) = (0.0, 0.0);
    for r in 0..3 {
        for c in 0..3 {
            let d = ((r as f64 - c as f64).abs() / 2.0).powi(2);
            seen += d * counts[r][c] as f64 / t;
            chance += d * row[r] * col[c];
        }
    }
    (
        1.0 - 2.0 * distance / t,
        (chance > 1e-12).then(|| 1.0 - seen / chance),
    )
}

/// [`weighted_kappa`] over categories −1, 0, 1 with unit weights, from the
/// table of counts: each cell accumulates 1/total as often as
/// `weighted_kappa` would, in the same way, so the result is identical.
fn kappa_of_counts(counts: &[[usize; 3]; 3], total: usize) -> Option<f64> {
    if total == 0 {
        return None;
    }
    let share = 1.0 / total as f64;
    let repeat = |n: usize| (0..n).fold(0.0, |sum, _| sum + share);
    let mut observed = [[0.0; 3]; 3];
    for i in 0..3 {
        for j in 0..3 {
            observed[i][j] = repeat(counts[i][j]);
        }
    }
    let px: Vec<f64> = (0..3).map(|i| repeat(counts[i].iter().sum())).collect();
    let py: Vec<f64> = (0..3)
        .map(|j| repeat(counts.iter().map(|row| row[j]).sum()))
        .collect();
    let (mut seen, mut chance) = (0.0, 0.0);
    for i in 0..3 {
        for j in 0..3 {
            let d = ((i as f64 - j as f64).abs() / 2.0).powi(2);
            seen += d * observed[i][j];
            chance += d * px[i] * py[j];
        }
    }
    (chance > 1e-12).then(|| 1.0 - seen / chance)
}

/// Which score ranks `align --top`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Measure {
    /// Signorino–Ritter S.
    #[default]
    S,
    /// Cohen's weighted κ (states for which κ is undefined rank last).
    Kappa,
}

/// Every other country ranked by alignment with `a`, best first, at most
/// `top`. Portfolios are built once each: O(V·(V + deg)). Candidates are
/// ranked by [`quick_scores`] (a merge of flat portfolios, no allocation),
/// then the best `top + 20` compared in full by [`compare`] and ranked
/// again, so the answer is that of comparing every state in full while only
/// `top + 20` explanations are built. A state that holds no tie
/// ([`Portfolio::has_ties`]) ranks nobody: the answer is empty.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::align::{Measure, rank};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let ranked = rank(&view, graph.node("RUS").unwrap(), 3, Measure::S);
/// assert_eq!(ranked.len(), 3);
/// assert!(ranked.windows(2).all(|w| w[0].s_score >= w[1].s_score));
/// let before = graph.at(When::On(jiff::civil::date(1800, 1, 1)));
/// assert!(rank(&before, graph.node("RUS").unwrap(), 3, Measure::S).is_empty());
/// ```
pub fn rank(view: &View<'_>, a: NodeIndex, top: usize, measure: Measure) -> Vec<Alignment> {
    let graph = view.graph();
    let dims = dimensions(view).len();
    let mine = portfolio(view, a);
    if !mine.has_ties() {
        return Vec::new();
    }
    let flat_mine = Flat::of(view, &mine);
    let others: Vec<Portfolio> = view
        .nodes()
        .filter(|n| *n != a && graph.entity_kind(*n) == EntityKind::Country)
        .map(|b| portfolio(view, b))
        .collect();
    let pick = |s: f64, k: Option<f64>| match measure {
        Measure::S => s,
        Measure::Kappa => k.unwrap_or(f64::NEG_INFINITY),
    };
    let mut quick: Vec<(f64, usize)> = others
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (s, k) = quick_scores(dims, &flat_mine, &Flat::of(view, p));
            (pick(s, k), i)
        })
        .collect();
    let id = |i: usize| &graph.entity(others[i].state).id;
    quick.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| id(x.1).cmp(id(y.1))));
    quick.truncate(top.saturating_add(20));
    let mut all: Vec<Alignment> = quick
        .into_iter()
        .map(|(_, i)| compare(view, dims, &mine, &others[i]))
        .collect();
    let key = |al: &Alignment| pick(al.s_score, al.kappa);
    all.sort_by(|x, y| {
        key(y)
            .total_cmp(&key(x))
            .then_with(|| graph.entity(x.b).id.cmp(&graph.entity(y.b).id))
    });
    all.truncate(top);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_check_vector() {
        let (x, y) = ([3.0, 3.0, 2.0, 2.0], [2.0, 2.0, 3.0, 3.0]);
        let w = [0.5, 0.3, 0.1, 0.1];
        let round = |v: f64| (v * 1000.0).round() / 1000.0;
        assert_eq!(round(s_score(&x, &y, None, 3.0, false)), 0.333);
        assert_eq!(round(s_score(&x, &y, Some(&w), 3.0, false)), 0.333);
        assert_eq!(round(s_score(&x, &y, Some(&w), 3.0, true)), 0.778);
        let k = weighted_kappa(&[3, 3, 2, 2], &[2, 2, 3, 3], None, 0, 3).unwrap();
        assert_eq!(round(k), -1.0);
    }

    /// Signorino & Ritter (1999), Table 6: Germany and Russia in 1914 over
    /// 20 European states, with the capability shares of the table.
    #[test]
    fn signorino_and_ritter_table_6() {
        let germany = [3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];
        let russia = [0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let shares = [
            0.25, 0.21, 0.20, 0.08, 0.08, 0.05, 0.03, 0.03, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01,
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
        ];
        let (g, r): (Vec<f64>, Vec<f64>) = (
            germany.iter().map(|v| *v as f64).collect(),
            russia.iter().map(|v| *v as f64).collect(),
        );
        let round = |v: f64, places: i32| (v * 10f64.powi(places)).round() / 10f64.powi(places);
        assert_eq!(round(s_score(&g, &r, None, 3.0, false), 2), 0.4);
        assert_eq!(round(s_score(&g, &r, Some(&shares), 3.0, false), 2), -0.46);
        let kappa = weighted_kappa(&germany, &russia, None, 0, 3).unwrap();
        assert_eq!(round(kappa, 4), -0.0776);
        assert_eq!(
            round(scott_pi(&germany, &russia, None, 0, 3).unwrap(), 4),
            -0.0448
        );
        assert_eq!(
            round(kendall_tau_b(&germany, &russia, 0, 3).unwrap(), 4),
            0.0303
        );
    }

    /// τb from the table agrees with counting every pair, on portfolios
    /// of every shape small enough to enumerate.
    #[test]
    fn tau_b_from_the_table_is_tau_b_over_the_pairs() {
        let pairwise = |x: &[i64], y: &[i64]| {
            let n = x.len();
            let (mut c, mut d, mut tx, mut ty) = (0.0, 0.0, 0.0, 0.0);
            for i in 0..n {
                for j in i + 1..n {
                    let (a, b) = (x[i] - x[j], y[i] - y[j]);
                    if a == 0 {
                        tx += 1.0;
                    }
                    if b == 0 {
                        ty += 1.0;
                    }
                    if a * b > 0 {
                        c += 1.0;
                    } else if a * b < 0 {
                        d += 1.0;
                    }
                }
            }
            let n0 = (n * (n - 1) / 2) as f64;
            let den = ((n0 - tx) * (n0 - ty)).sqrt();
            (den > 0.0).then(|| (c - d) / den)
        };
        let mut seed = 7u64;
        for _ in 0..200 {
            let mut next = || {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                ((seed >> 33) % 4) as i64
            };
            let x: Vec<i64> = (0..12).map(|_| next()).collect();
            let y: Vec<i64> = (0..12).map(|_| next()).collect();
            let (table, pairs) = (kendall_tau_b(&x, &y, 0, 3), pairwise(&x, &y));
            match (table, pairs) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{x:?} {y:?}"),
                (a, b) => assert_eq!(a, b),
            }
        }
    }

    /// The plain comparison over every dimension in order: the reference
    /// the sparse [`compare`] must match.
    fn dense_reference(
        view: &View<'_>,
        dims: &[NodeIndex],
        a: &Portfolio,
        b: &Portfolio,
    ) -> Alignment {
        let graph = view.graph();
        let value = |p: &Portfolio, t: NodeIndex| p.holdings.get(&t).map_or(0, |h| h.value);
        let mut targets: Vec<NodeIndex> = dims.to_vec();
        targets.extend(
            a.holdings
                .keys()
                .filter(|t| graph.entity_kind(**t) == EntityKind::Issue)
                .filter(|t| b.holdings.contains_key(t)),
        );
        let x: Vec<i64> = targets.iter().map(|t| i64::from(value(a, *t))).collect();
        let y: Vec<i64> = targets.iter().map(|t| i64::from(value(b, *t))).collect();
        let xf: Vec<f64> = x.iter().map(|v| *v as f64).collect();
        let yf: Vec<f64> = y.iter().map(|v| *v as f64).collect();
        let edges = |p: &Portfolio, t: NodeIndex| {
            p.holdings
                .get(&t)
                .map(|h| h.edges.clone())
                .unwrap_or_default()
        };
        // Every dimension either holds, in order; (0, 0) on a country or
        // organization is one neither holds and is not listed.
        let mut lists = Lists::default();
        for (k, &target) in targets.iter().enumerate() {
            let is_issue = graph.entity_kind(target) == EntityKind::Issue;
            if x[k] == 0 && y[k] == 0 && !is_issue {
                continue;
            }
            lists.push(Comparison {
                target,
                a_value: x[k] as i8,
                b_value: y[k] as i8,
                a_edges: edges(a, target),
                b_edges: edges(b, target),
            });
        }
        let mut direct: Vec<EdgeIndex> = edges(a, b.state);
        direct.sort();
        Alignment {
            a: a.state,
            b: b.state,
            s_score: s_score(&xf, &yf, None, RANGE, false),
            kappa: weighted_kappa(&x, &y, None, -1, 1),
            dimensions: targets.len(),
            direct,
            direct_sign: value(a, b.state),
            agreements: lists.shared,
            disagreements: lists.opposed,
            one_sided: lists.one_sided,
        }
    }

    /// The sparse comparison must give exactly what comparing every
    /// dimension in order gives.
    #[test]
    fn the_sparse_comparison_is_the_full_one() {
        use crate::generate::{Params, generate};
        use crate::graph::{DiploGraph, When};
        let small = Params {
            seed: 5,
            countries: 30,
            organizations: 8,
            relations: 1_500,
        };
        for text in [
            crate::store::BUNDLED.to_string(),
            generate(&small).unwrap().text,
        ] {
            let graph = DiploGraph::new(crate::store::load_str("g", &text).unwrap());
            for when in [When::On(jiff::civil::date(2024, 7, 4)), When::AllTime] {
                let view = graph.at(when);
                let dims = dimensions(&view);
                let states: Vec<NodeIndex> = graph
                    .nodes()
                    .filter(|n| graph.entity_kind(*n) == EntityKind::Country)
                    .collect();
                for &a in &states {
                    for &b in &states {
                        let (pa, pb) = (portfolio(&view, a), portfolio(&view, b));
                        let full = dense_reference(&view, &dims, &pa, &pb);
                        let sparse = compare(&view, dims.len(), &pa, &pb);
                        assert_eq!(format!("{full:?}"), format!("{sparse:?}"));
                        // S recomputes from the lists alone.
                        let listed: u32 =
                            [&sparse.agreements, &sparse.disagreements, &sparse.one_sided]
                                .into_iter()
                                .flatten()
                                .map(|c| u32::from(c.distance()))
                                .sum();
                        let s = 1.0 - f64::from(listed) / sparse.dimensions.max(1) as f64;
                        assert!((s - sparse.s_score).abs() < 1e-12, "{s} {}", sparse.s_score);
                    }
                }
            }
        }
    }

    #[test]
    fn identical_portfolios_score_one_and_opposite_minus_one() {
        let x = [1.0, -1.0, 0.0];
        assert_eq!(s_score(&x, &x, None, 2.0, false), 1.0);
        assert_eq!(s_score(&[1.0, 1.0], &[-1.0, -1.0], None, 2.0, false), -1.0);
        assert_eq!(
            weighted_kappa(&[1, -1, 0], &[1, -1, 0], None, -1, 1),
            Some(1.0)
        );
        assert_eq!(weighted_kappa(&[1, 1], &[1, 1], None, -1, 1), None);
    }
}
