//! `diff --analysis`: what moved in the signed network between a diff's
//! two days — states whose bloc changed ([`bloc_moves`]) and pairs of
//! states whose alignment moved by more than a threshold
//! ([`realignments`]).

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;
use petgraph::graph::NodeIndex;

use super::Diff;
use crate::error::Error;
use crate::graph::{DiploGraph, When};
use crate::model::EntityKind;
use crate::query::align::{Basis, Flat, Frame, Portfolio, portfolio};
use crate::query::cluster::{ClusterQuery, Method, clusters};

/// The signed blocs on both days, and who changed bloc.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlocMoves {
    /// The blocs on the earlier day, largest first (as `clusters --method
    /// blocs` lists them).
    pub before: Vec<Vec<NodeIndex>>,
    /// The blocs on the later day, largest first.
    pub after: Vec<Vec<NodeIndex>>,
    /// For each bloc of the later day, the bloc of the earlier day it
    /// continues (the one it shares the most states with, each earlier
    /// bloc continued by at most one), or `None` for a new bloc.
    pub continues: Vec<Option<usize>>,
    /// Every state whose bloc changed, by node: in a bloc on the later day
    /// that does not continue its bloc of the earlier day, or in a bloc on
    /// one day only (it has no signed tie on the other).
    pub moved: Vec<Move>,
}

/// One state that changed bloc.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Move {
    /// The state.
    pub state: NodeIndex,
    /// Its bloc on the earlier day (a position in [`BlocMoves::before`]),
    /// `None` when it was in none.
    pub before: Option<usize>,
    /// Its bloc on the later day (a position in [`BlocMoves::after`]).
    pub after: Option<usize>,
}

/// A pair of states whose alignment moved.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Realignment {
    /// One state (the lower node).
    pub a: NodeIndex,
    /// The other.
    pub b: NodeIndex,
    /// Their S score on the earlier day.
    pub before: f64,
    /// Their S score on the later day.
    pub after: f64,
}

impl Realignment {
    /// How far S moved: `after − before`.
    pub fn change(&self) -> f64 {
        self.after - self.before
    }
}

/// What `diff --analysis` adds to a diff.
#[derive(Clone, Debug)]
pub struct Moves {
    /// Who changed bloc.
    pub blocs: BlocMoves,
    /// The pairs whose S moved by more than `threshold`, the largest move
    /// first.
    pub alignment: Vec<Realignment>,
    /// The threshold asked for.
    pub threshold: f64,
}

/// Both analyses of `diff --analysis`: [`bloc_moves`] between the diff's
/// days and the [`realignments`] of the states its changes touch.
///
/// Errors: a `threshold` that is not a number from 0 to 2 (S moves by at
/// most 2) is a usage error.
pub fn analyse(graph: &DiploGraph, diff: &Diff, threshold: f64) -> Result<Moves, Error> {
    if !(0.0..=2.0).contains(&threshold) {
        return Err(Error::Usage(format!(
            "--threshold must be between 0 and 2 (S moves by at most 2), not {threshold}"
        )));
    }
    Ok(Moves {
        blocs: bloc_moves(graph, diff.query.from, diff.query.to)?,
        alignment: realignments(graph, diff, threshold),
        threshold,
    })
}

/// The signed blocs (`clusters --method blocs`, the k of lowest error)
/// on `from` and on `to`, each bloc of `to` matched to the bloc of `from`
/// it shares the most states with (greedily, largest overlap first; ties
/// by bloc order), and every state whose bloc is not the match of its
/// earlier one.
///
/// Arguments: the graph and the two days. Returns [`BlocMoves`]. Costs
/// two runs of the bloc search (see [`crate::query::cluster::blocs`]), side
/// by side on two threads, and O(states) to match.
///
/// ```
/// use diplograph::{graph::DiploGraph, store::Origin};
/// use diplograph::query::change::analysis::bloc_moves;
/// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
/// let day = |y| jiff::civil::date(y, 1, 1);
/// let moves = bloc_moves(&graph, day(2024), day(2024)).unwrap();
/// assert!(moves.moved.is_empty());
/// assert_eq!(moves.continues, (0..moves.after.len()).map(Some).collect::<Vec<_>>());
/// ```
pub fn bloc_moves(graph: &DiploGraph, from: Date, to: Date) -> Result<BlocMoves, Error> {
    let blocs = |day| {
        let query = ClusterQuery {
            method: Method::Blocs,
            ..ClusterQuery::default()
        };
        clusters(&graph.at(When::On(day)), &query).map(|found| found.groups)
    };
    // The two searches are independent: one on each core.
    let (before, after) = std::thread::scope(|scope| {
        let earlier = scope.spawn(|| blocs(from));
        let later = blocs(to);
        let earlier = earlier
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (earlier, later)
    });
    Ok(match_blocs(before?, after?))
}

/// Matches the blocs of two days by their largest overlaps and lists the
/// states that moved.
fn match_blocs(before: Vec<Vec<NodeIndex>>, after: Vec<Vec<NodeIndex>>) -> BlocMoves {
    let bloc_of = |groups: &[Vec<NodeIndex>]| -> HashMap<NodeIndex, usize> {
        groups
            .iter()
            .enumerate()
            .flat_map(|(i, g)| g.iter().map(move |n| (*n, i)))
            .collect()
    };
    let (was, is) = (bloc_of(&before), bloc_of(&after));
    let mut overlaps: HashMap<(usize, usize), usize> = HashMap::new();
    for (state, j) in &is {
        if let Some(i) = was.get(state) {
            *overlaps.entry((*i, *j)).or_default() += 1;
        }
    }
    let mut ranked: Vec<((usize, usize), usize)> = overlaps.into_iter().collect();
    ranked.sort_unstable_by(|(x, n), (y, m)| m.cmp(n).then(x.cmp(y)));
    let mut continues = vec![None; after.len()];
    let mut taken = vec![false; before.len()];
    for ((i, j), _) in ranked {
        if continues[j].is_none() && !taken[i] {
            continues[j] = Some(i);
            taken[i] = true;
        }
    }
    let states: BTreeSet<NodeIndex> = was.keys().chain(is.keys()).copied().collect();
    let moved = states
        .into_iter()
        .filter_map(|state| {
            let (b, a) = (was.get(&state).copied(), is.get(&state).copied());
            let stayed = match (b, a) {
                (Some(i), Some(j)) => continues[j] == Some(i),
                _ => false,
            };
            (!stayed).then_some(Move {
                state,
                before: b,
                after: a,
            })
        })
        .collect();
    BlocMoves {
        before,
        after,
        continues,
        moved,
    }
}

/// One state's portfolio on both days, flat, and how much of it changed.
struct Both {
    before: Flat,
    after: Flat,
    changed: Changed,
}

/// How much a portfolio changed between two days: what bounds the move
/// of S for any pair it is in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Changed {
    /// Σ |after − before| over countries and organizations (a tie held on
    /// one day only counts its value; −1 to +1 counts 2).
    ties: usize,
    /// Issues whose stance changed, appeared or went.
    issues: usize,
}

impl Changed {
    fn is_none(self) -> bool {
        self == Changed::default()
    }
}

/// How the holdings of `b` differ from those of `a`.
fn differences(graph: &DiploGraph, a: &Portfolio, b: &Portfolio) -> Changed {
    let value = |p: &Portfolio, t: &NodeIndex| p.holdings.get(t).map(|h| h.value);
    let targets: BTreeSet<&NodeIndex> = a.holdings.keys().chain(b.holdings.keys()).collect();
    let mut changed = Changed::default();
    for t in targets {
        let (x, y) = (value(a, t), value(b, t));
        if graph.entity_kind(*t) == EntityKind::Issue {
            changed.issues += usize::from(x != y);
        } else {
            let (x, y) = (x.unwrap_or(0), y.unwrap_or(0));
            changed.ties += (i16::from(y) - i16::from(x)).unsigned_abs() as usize;
        }
    }
    changed
}

/// A state's portfolio on the two days of `was` and `is`.
fn both(was: &Frame<'_>, is: &Frame<'_>, state: NodeIndex) -> Both {
    let (a, b) = (portfolio(was, state), portfolio(is, state));
    let changed = differences(was.view.graph(), &a, &b);
    let before = Flat::of(was, &a);
    Both {
        after: if changed.is_none() {
            before.clone()
        } else {
            Flat::of(is, &b)
        },
        before,
        changed,
    }
}

/// `work(part, parts)` for each part on a thread of its own (on this one
/// when there is one part), the results in part order.
fn in_parts<T: Send>(parts: usize, work: &(impl Fn(usize, usize) -> Vec<T> + Sync)) -> Vec<T> {
    if parts <= 1 {
        return work(0, 1);
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..parts)
            .map(|part| scope.spawn(move || work(part, parts)))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The pairs of states, one of them touched by a change of `diff` (a
/// country at either end of a relation that started or ended), whose
/// Signorino–Ritter S over relations (`align`'s portfolios and
/// [`Flat::scores`]) moved by more than `threshold` between the diff's
/// days; the largest move first, then by the states' ids.
///
/// A pair is scored on both days only when its move could exceed the
/// threshold. With S = 1 − 2·d/M (d the distance, at most M, the number
/// of dimensions: N countries and organizations plus the issues both took
/// a stance on), t the summed change of the two states' ties to countries
/// and organizations, i the issues where a stance of either changed, and
/// N moving by ΔN: d moves by at most t/2 + i and M by at most ΔN + i, so
/// S moves by at most (t + 4i + 2ΔN)/N, N the larger of the two days'.
/// So a large diff costs O(touched · states) comparisons of counts plus
/// the merges of the pairs that may have moved; portfolios are built once
/// per state and day, O(E).
///
/// ```
/// use diplograph::{graph::DiploGraph, store::Origin};
/// use diplograph::query::change::{DiffQuery, diff, analysis::realignments};
/// let graph = DiploGraph::load(&Origin::Bundled).unwrap();
/// let day = |y, m, d| jiff::civil::date(y, m, d);
/// let query = DiffQuery { from: day(2000, 1, 1), to: day(2024, 7, 5), focus: None, via: vec![] };
/// let moved = realignments(&graph, &diff(&graph, &query).unwrap(), 0.1);
/// // Russia went to war and India abstained: the two drifted apart.
/// let (rus, ind) = (graph.node("RUS").unwrap(), graph.node("IND").unwrap());
/// let pair = moved.iter().find(|r| (r.a, r.b) == (rus, ind)).unwrap();
/// assert!(pair.change() < -0.1);
/// ```
pub fn realignments(graph: &DiploGraph, diff: &Diff, threshold: f64) -> Vec<Realignment> {
    let (was, is) = (
        Frame::new(graph.at(When::On(diff.query.from)), Basis::Relations),
        Frame::new(graph.at(When::On(diff.query.to)), Basis::Relations),
    );
    let is_country = |n: &NodeIndex| graph.entity_kind(*n) == EntityKind::Country;
    let touched: BTreeSet<NodeIndex> = diff
        .started
        .iter()
        .chain(&diff.ended)
        .flat_map(|e| {
            let (a, b) = graph.endpoints(*e);
            [a, b]
        })
        .filter(is_country)
        .collect();
    if touched.is_empty() {
        return Vec::new();
    }
    let states: Vec<NodeIndex> = graph
        .nodes()
        .filter(|n| is_country(n) && (was.view.contains(*n) || is.view.contains(*n)))
        .collect();
    let portfolios: Vec<Both> = states.iter().map(|s| both(&was, &is, *s)).collect();
    let hit: Vec<bool> = states.iter().map(|s| touched.contains(s)).collect();
    let (dims_before, dims_after) = (was.dimensions(), is.dimensions());
    let (n_before, n_after) = (dims_before.count, dims_after.count);
    let n = n_before.max(n_after).max(1) as f64;
    let growth = n_before.abs_diff(n_after) as f64;
    // The pairs (t, u) with t touched, each pair once, scored when the
    // bound lets it have moved; `part` of `parts` takes every parts-th t.
    let score = |part: usize, parts: usize| -> Vec<Realignment> {
        let mut found = Vec::new();
        for t in (0..states.len())
            .filter(|t| hit[*t])
            .skip(part)
            .step_by(parts)
        {
            let pt = &portfolios[t];
            for u in 0..states.len() {
                if u == t || (hit[u] && u < t) {
                    continue;
                }
                let pu = &portfolios[u];
                let ties = (pt.changed.ties + pu.changed.ties) as f64;
                let issues = (pt.changed.issues + pu.changed.issues) as f64;
                if (ties + 4.0 * issues + 2.0 * growth) / n < threshold {
                    continue;
                }
                let before = pt.before.scores(&was, &dims_before, &pu.before).s_score;
                let after = pt.after.scores(&is, &dims_after, &pu.after).s_score;
                // S is undefined only with nothing to compare: no move.
                let (Some(before), Some(after)) = (before, after) else {
                    continue;
                };
                if (after - before).abs() > threshold {
                    let (a, b) = (states[t.min(u)], states[t.max(u)]);
                    found.push(Realignment {
                        a,
                        b,
                        before,
                        after,
                    });
                }
            }
        }
        found
    };
    // Two cores halve a large diff's merges; a small one stays on one.
    let parts = if touched.len() * states.len() > 100_000 {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    } else {
        1
    };
    let mut found = in_parts(parts, &score);
    let id = |n: NodeIndex| &graph.entity(n).id;
    found.sort_by(|x, y| {
        y.change()
            .abs()
            .total_cmp(&x.change().abs())
            .then_with(|| id(x.a).cmp(id(y.a)))
            .then_with(|| id(x.b).cmp(id(y.b)))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::change::{DiffQuery, diff};

    fn n(i: usize) -> NodeIndex {
        NodeIndex::new(i)
    }

    #[test]
    fn blocs_are_matched_by_their_largest_overlap_and_movers_listed() {
        // Day one: {0, 1, 2} and {3, 4}; day two: {3, 4, 2} and {0, 1, 5}.
        let moves = match_blocs(
            vec![vec![n(0), n(1), n(2)], vec![n(3), n(4)]],
            vec![vec![n(2), n(3), n(4)], vec![n(0), n(1), n(5)]],
        );
        assert_eq!(moves.continues, [Some(1), Some(0)]);
        assert_eq!(
            moves.moved,
            [
                Move {
                    state: n(2),
                    before: Some(0),
                    after: Some(0)
                },
                Move {
                    state: n(5),
                    before: None,
                    after: Some(1)
                },
            ]
        );
    }

    #[test]
    fn every_pair_above_the_threshold_is_found_as_by_scoring_all_pairs() {
        let graph = DiploGraph::load(&crate::store::Origin::Bundled).unwrap();
        let day = |y, m, d| jiff::civil::date(y, m, d);
        for (from, threshold) in [(day(2000, 1, 1), 0.1), (day(2016, 1, 1), 0.03)] {
            let query = DiffQuery {
                from,
                to: day(2024, 7, 5),
                focus: None,
                via: Vec::new(),
            };
            check_every_pair(&graph, &query, threshold);
        }
    }

    #[test]
    fn the_bound_that_skips_pairs_never_skips_one_that_moved() {
        // Enough dimensions that a pair with few changed holdings is
        // skipped unscored at the larger thresholds.
        let params = crate::generate::Params {
            seed: 7,
            countries: 40,
            organizations: 120,
            relations: 3_000,
        };
        let made = crate::generate::generate(&params).unwrap();
        let graph = DiploGraph::parse("g.ron", &made.text).unwrap();
        let day = |y| jiff::civil::date(y, 1, 1);
        for (from, to, threshold) in [(1990, 1995, 0.02), (1990, 2000, 0.05), (1980, 2010, 0.1)] {
            let query = DiffQuery {
                from: day(from),
                to: day(to),
                focus: None,
                via: Vec::new(),
            };
            check_every_pair(&graph, &query, threshold);
        }
    }

    /// The realignments of a diff are those of scoring every pair of
    /// states on both days.
    fn check_every_pair(graph: &DiploGraph, query: &DiffQuery, threshold: f64) {
        let found = diff(graph, query).unwrap();
        let moved = realignments(graph, &found, threshold);
        assert!(!moved.is_empty());
        // Against the definition: S of every pair of states on both days.
        let (was, is) = (graph.at(When::On(query.from)), graph.at(When::On(query.to)));
        let s = |view: &crate::graph::View<'_>, a, b| {
            let frame = Frame::new(*view, Basis::Relations);
            crate::query::align::align(&frame, a, b)
                .scores
                .s_score
                .unwrap()
        };
        let states: Vec<NodeIndex> = graph
            .nodes()
            .filter(|x| graph.entity_kind(*x) == EntityKind::Country)
            .collect();
        let mut all = 0;
        for (i, &a) in states.iter().enumerate() {
            for &b in &states[i + 1..] {
                let (x, y) = (s(&was, a, b), s(&is, a, b));
                let listed = moved.iter().find(|r| r.a == a && r.b == b);
                assert_eq!(listed.is_some(), (y - x).abs() > threshold, "{a:?} {b:?}");
                if let Some(r) = listed {
                    assert!((r.before - x).abs() < 1e-12 && (r.after - y).abs() < 1e-12);
                    all += 1;
                }
            }
        }
        assert_eq!(all, moved.len());
        assert!(
            moved
                .windows(2)
                .all(|w| w[0].change().abs() >= w[1].change().abs())
        );
    }
}
