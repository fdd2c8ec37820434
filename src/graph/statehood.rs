//! Statehood in walks: what a dated [`View`](super::View) needs so that a
//! state outside its recorded statehood is not a node of the view and its
//! relations are not edges of it.
//!
//! Built once per graph, on the first dated view, in one pass over the
//! relations (O(E log spells)); nothing is built when no country records
//! statehood, so the generator's databases pay nothing. Each relation
//! touching a state with spells gets its span clipped to the days both of
//! its ends exist. When that is one stretch of days (a relation inside one
//! spell, the usual case), the clipped span alone answers "in force on
//! day d" with the same two comparisons as before; when it is several (a
//! relation written across a gap in a state's statehood, such as an open
//! membership of Germany from 1920 on), the span is their hull and the
//! relation is marked `split`, so walks also check both ends' spells on
//! that day.

use crate::store::snapshot::{Snapshot, day_number};

/// The day numbers views compare against statehood. See the module
/// documentation.
#[derive(Debug, Default)]
pub(crate) struct Statehood {
    /// Each spell of [`Snapshot::spells`] (same positions) as day numbers
    /// `[since, until)`, open ends `i32::MIN` and `i32::MAX`.
    pub(crate) days: Vec<[i32; 2]>,
    /// Each relation's effective span clipped to the days both its ends
    /// exist (the hull of those days when they are several stretches;
    /// `[0, 0]` when there are none), or `None` when no relation touches a
    /// state with recorded statehood (views then use the snapshot's spans).
    pub(crate) spans: Option<Vec<[i32; 2]>>,
    /// One bit per relation whose clipped days are several stretches: on
    /// a day inside its hull it holds only if both ends exist that day.
    /// Empty when no relation is split.
    pub(crate) split: Vec<u64>,
}

impl Statehood {
    /// The day numbers for `snap`'s spells and relations.
    pub(crate) fn new(snap: &Snapshot) -> Statehood {
        if snap.spells.is_empty() {
            return Statehood::default();
        }
        let days: Vec<[i32; 2]> = snap
            .spells
            .iter()
            .map(|s| [day_number(s.since, i32::MIN), day_number(s.until, i32::MAX)])
            .collect();
        let base = snap.spans();
        let mut spans: Option<Vec<[i32; 2]>> = None;
        let mut split: Vec<u64> = Vec::new();
        for (j, r) in snap.relations.iter().enumerate() {
            let (a, b) = (
                spells_of(snap, &days, r.from as usize),
                spells_of(snap, &days, r.to as usize),
            );
            if a.is_empty() && b.is_empty() {
                continue;
            }
            let clipped = clip(base[j], a, b);
            spans.get_or_insert_with(|| base.to_vec())[j] = clipped.hull;
            if clipped.pieces > 1 {
                if split.is_empty() {
                    split = vec![0; base.len().div_ceil(64)];
                }
                split[j / 64] |= 1 << (j % 64);
            }
        }
        Statehood { days, spans, split }
    }
}

/// The spells of entity `v` as day numbers (empty: not recorded, or not a
/// country). O(1).
#[inline]
pub(crate) fn spells_of<'a>(snap: &Snapshot, days: &'a [[i32; 2]], v: usize) -> &'a [[i32; 2]] {
    let r = &snap.entities[v];
    if r.spell_count == 0 {
        return &[];
    }
    let start = r.spells as usize;
    &days[start..start + r.spell_count as usize]
}

/// Whether some day of `window` (`[first, end)`) lies in one of `spells`
/// (in order, apart), or no spell is recorded: one day is `[d, d + 1)`.
/// O(log spells), no allocation.
#[inline]
pub(crate) fn meets(spells: &[[i32; 2]], window: [i32; 2]) -> bool {
    if spells.is_empty() {
        return true;
    }
    let k = spells.partition_point(|s| s[1] <= window[0]);
    k < spells.len() && spells[k][0] < window[1] && window[0] < window[1]
}

/// The days of a span that lie inside some spell of both ends: their hull
/// and how many separate stretches they make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Clipped {
    /// First day of the first stretch and the end of the last; `[0, 0]`
    /// (no day) when there is none.
    pub(crate) hull: [i32; 2],
    /// Separate stretches (stretches that touch count as one).
    pub(crate) pieces: u32,
}

/// `span` ∩ (the union of `a`) ∩ (the union of `b`), an empty list of
/// spells standing for every day. No allocation.
pub(crate) fn clip(span: [i32; 2], a: &[[i32; 2]], b: &[[i32; 2]]) -> Clipped {
    let mut out = Clipped {
        hull: [0, 0],
        pieces: 0,
    };
    each_piece(span, a, &mut |p| {
        each_piece(p, b, &mut |q| {
            if out.pieces > 0 && out.hull[1] == q[0] {
                out.hull[1] = q[1];
            } else if out.pieces == 0 {
                out.hull = q;
                out.pieces = 1;
            } else {
                out.hull[1] = q[1];
                out.pieces += 1;
            }
        });
    });
    out
}

/// The stretches of [`clip`] themselves, in order; touching stretches
/// are joined into one.
pub(crate) fn pieces(span: [i32; 2], a: &[[i32; 2]], b: &[[i32; 2]]) -> Vec<[i32; 2]> {
    let mut out: Vec<[i32; 2]> = Vec::new();
    each_piece(span, a, &mut |p| {
        each_piece(p, b, &mut |q| match out.last_mut() {
            Some(last) if last[1] == q[0] => last[1] = q[1],
            _ => out.push(q),
        });
    });
    out
}

/// Calls `f` with each non-empty piece of `span` inside one of `spells`,
/// in order (`span` itself when no spell is recorded).
fn each_piece(span: [i32; 2], spells: &[[i32; 2]], f: &mut dyn FnMut([i32; 2])) {
    if span[0] >= span[1] {
        return;
    }
    if spells.is_empty() {
        f(span);
        return;
    }
    let first = spells.partition_point(|s| s[1] <= span[0]);
    for s in &spells[first..] {
        if s[0] >= span[1] {
            break;
        }
        let piece = [s[0].max(span[0]), s[1].min(span[1])];
        if piece[0] < piece[1] {
            f(piece);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPEN: [i32; 2] = [i32::MIN, i32::MAX];

    fn within(spells: &[[i32; 2]], day: i32) -> bool {
        meets(spells, [day, day + 1])
    }

    #[test]
    fn a_period_meets_the_spells_it_shares_a_day_with() {
        let spells = [[10, 20], [30, i32::MAX]];
        assert!(meets(&spells, [0, 11]));
        assert!(!meets(&spells, [0, 10]), "the end of a window is not in it");
        assert!(!meets(&spells, [20, 30]), "the gap");
        assert!(meets(&spells, [19, 30]));
        assert!(meets(&spells, [25, 31]));
        assert!(!meets(&spells, [15, 15]), "an empty window meets nothing");
        assert!(meets(&[], [1, 2]));
    }

    #[test]
    fn within_is_half_open() {
        let spells = [[10, 20], [30, i32::MAX]];
        assert!(!within(&spells, 9));
        assert!(within(&spells, 10), "the since day exists");
        assert!(within(&spells, 19));
        assert!(!within(&spells, 20), "the until day is gone");
        assert!(!within(&spells, 29));
        assert!(within(&spells, 30));
        assert!(within(&spells, 1_000_000));
        assert!(within(&[], 5), "not recorded: every day");
        assert!(within(&[[i32::MIN, 3]], -1_000_000));
        assert!(!within(&[[i32::MIN, 3]], 3));
    }

    #[test]
    fn a_span_is_clipped_to_the_days_both_ends_exist() {
        let germany = [[10, 20], [30, i32::MAX]];
        let gdr = [[25, 40]];
        // Inside one spell: one stretch, clipped.
        assert_eq!(
            clip([12, 18], &germany, &[]),
            Clipped {
                hull: [12, 18],
                pieces: 1
            }
        );
        // Open relation: across the gap, two stretches.
        assert_eq!(
            clip(OPEN, &germany, &[]),
            Clipped {
                hull: [10, i32::MAX],
                pieces: 2
            }
        );
        // Both ends: Germany's second spell and the GDR's overlap on [30, 40).
        assert_eq!(
            clip(OPEN, &germany, &gdr),
            Clipped {
                hull: [30, 40],
                pieces: 1
            }
        );
        // No common day.
        assert_eq!(
            clip([20, 30], &germany, &[]),
            Clipped {
                hull: [0, 0],
                pieces: 0
            }
        );
        // Touching spells make one stretch.
        assert_eq!(
            clip(OPEN, &[[1, 5], [5, 9]], &[]),
            Clipped {
                hull: [1, 9],
                pieces: 1
            }
        );
    }

    #[test]
    fn pieces_are_the_stretches_clip_counts() {
        let germany = [[10, 20], [30, i32::MAX]];
        assert_eq!(pieces(OPEN, &germany, &[]), vec![[10, 20], [30, i32::MAX]]);
        assert_eq!(pieces(OPEN, &germany, &[[25, 40]]), vec![[30, 40]]);
        assert_eq!(pieces(OPEN, &[[1, 5], [5, 9]], &[]), vec![[1, 9]]);
        assert!(pieces([20, 30], &germany, &[]).is_empty());
        assert_eq!(pieces([3, 4], &[], &[]), vec![[3, 4]]);
    }
}
